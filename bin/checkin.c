/*
 * attune-checkin: log how today is going, one row in checkins.csv.  This
 * file parses the options and asks the questions at a terminal; the row
 * logged, and the words after it, are lib/checkinrun.c.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "attune.h"

static int	 Aflag, dryrun, pflag, qflag;
static const char *beforeflag, *dirflag, *regionflag, *timeflag, *whoflag;

#define OPTSTRING ":Aa:B:b:D:d:f:hm:N:n:pqr:s:t:Vw:"

static const struct option longopts[] = {
	{ "anxiety",	required_argument,	NULL,	'a' },
	{ "archive",	no_argument,		NULL,	'A' },
	{ "before",	required_argument,	NULL,	'B' },
	{ "bond",	required_argument,	NULL,	'b' },
	{ "dir",	required_argument,	NULL,	'd' },
	{ "did",	required_argument,	NULL,	'D' },
	{ "dry-run",	no_argument,		NULL,	'y' },
	{ "flag",	required_argument,	NULL,	'f' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "mood",	required_argument,	NULL,	'm' },
	{ "note",	required_argument,	NULL,	'N' },
	{ "numb",	required_argument,	NULL,	'n' },
	{ "print",	no_argument,		NULL,	'p' },
	{ "quiet",	no_argument,		NULL,	'q' },
	{ "region",	required_argument,	NULL,	'r' },
	{ "sleep",	required_argument,	NULL,	's' },
	{ "time",	required_argument,	NULL,	't' },
	{ "version",	no_argument,		NULL,	'V' },
	{ "who",	required_argument,	NULL,	'w' },
	{ NULL,		0,			NULL,	0 }
};

static _Noreturn void
usage(void)
{
	printf("usage: attune-checkin [-pq] [-m 0-10] [-b 0-10] [-a 0-10] "
	    "[-n 0-10] [-s HOURS]\n"
	    "                      [-D MOMENTS] [-f FLAGS] [-N NOTE] "
	    "[-t WHEN] [-w NAME]\n"
	    "                      [-d DIR] [-r REGION] [--dry-run]\n"
	    "       attune-checkin --archive [-q] [--before DATE] [-d DIR]\n\n"
	    "  -m, --mood N      your mood, 0 very low to 10 very good\n"
	    "  -b, --bond N      how connected to your baby, 0 not at all to "
	    "10 deeply\n"
	    "  -a, --anxiety N   how anxious, 0 calm to 10 extremely\n"
	    "  -n, --numb N      how numb or on autopilot, 0 present to 10 "
	    "completely\n"
	    "  -s, --sleep H     hours slept in the last 24, 0 to 24, like "
	    "5.5\n"
	    "  -D, --did LIST    moments shared: ");
	attune_words_join(stdout, attune_did_words, ",");
	printf("\n  -f, --flag LIST   concerns: ");
	attune_words_join(stdout, attune_flag_words, ",");
	printf("\n  -N, --note TEXT   a note, kept exactly as typed\n"
	    "  -t, --time WHEN   when: a date, date-time, 'yesterday', "
	    "'3 days ago'\n"
	    "  -w, --who NAME    whose entry (default $ATTUNE_WHO, else me)\n"
	    "  -d, --dir DIR     the data directory\n"
	    "  -r, --region CC   crisis lines for this country, a code "
	    "like GB, US or IE\n"
	    "  -p, --print       also print the row written\n"
	    "      --dry-run     print the row instead of writing it\n"
	    "  -q, --quiet       no acknowledgement\n"
	    "      --archive     move check-ins older than a year (or --before "
	    "DATE)\n"
	    "                    into checkins-YYYY.csv.gz; see attune-archive(1)\n"
	    "With no measure at a terminal, it asks each question in turn.\n");
	exit(attune_finish(ATTUNE_OK));
}

/*
 * Ask one question on the terminal.  Returns the line typed (without its
 * newline) or NULL when the person leaves with q or Ctrl-D.
 */
/* What a prompt's answer was: a line, or a way out. */
enum { Q_LINE, Q_QUIT, Q_EOF, Q_BACK };

/*
 * Ask, and read one line into line: Q_LINE, or Q_QUIT for q, Q_BACK for
 * b, Q_EOF for Ctrl-D (or the end of the input).
 */
static int
ask(const char *prompt, char *line, size_t size)
{
	size_t n;

	fprintf(stderr, "%s", prompt);
	fflush(stderr);
	if (fgets(line, (int)size, stdin) == NULL)
		return Q_EOF;
	n = strcspn(line, "\r\n");
	if (line[n] == '\0' && n == size - 1) {
		/* Longer than the buffer: drop the rest of the line. */
		int c;
		while ((c = getchar()) != EOF && c != '\n')
			;
	}
	line[n] = '\0';
	if (strcmp(line, "q") == 0 || strcmp(line, "Q") == 0)
		return Q_QUIT;
	if (strcmp(line, "b") == 0 || strcmp(line, "B") == 0)
		return Q_BACK;
	return Q_LINE;
}

/* One measure; on a second visit Enter keeps the answer given before. */
static int
ask_measure(int k, int *v)
{
	const struct attune_measure *m = &attune_measures[k];
	char line[256], prompt[256], now[32];
	int max = m->tenths ? m->max / 10 : m->max, r;

	fprintf(stderr, "\n%s\n  0 = %s, %d = %s\n", m->question, m->low,
	    max, m->high);
	if (*v >= 0) {
		struct attune_buf b = { 0 };

		attune_measure_put(&b, k, *v);
		snprintf(now, sizeof now, "Enter keeps %s", b.s);
		attune_buf_free(&b);
	} else
		snprintf(now, sizeof now, "Enter to skip");
	snprintf(prompt, sizeof prompt, "%s (0-%d, %s, b back, q leave): ",
	    m->name, max, now);
	for (;;) {
		if ((r = ask(prompt, line, sizeof line)) != Q_LINE)
			return r;
		if (line[0] == '\0')
			return Q_LINE;
		if (m->tenths) {
			/* At most one decimal, as --sleep takes. */
			if (attune_parse_tenths(line, 0, m->max, v) == 0)
				return Q_LINE;
			fprintf(stderr, "Please give hours from 0 to %d, like "
			    "6 or 5.5, or press Enter to skip.\n", max);
			continue;
		}
		/* Digits only: a sign is not a count. */
		if (strspn(line, "0123456789") == strlen(line) &&
		    attune_parse_int(line, 0, max, v) == 0)
			return Q_LINE;
		fprintf(stderr, "Please answer with a whole number from 0 to "
		    "%d, or press Enter to skip.\n", max);
	}
}

/* Words from a list; a word not in it is named, with the nearest one. */
static int
ask_words(const char *question, const char *const *words, unsigned *set,
    int again)
{
	char line[1024], word[32], qv[ATTUNE_VALUE];
	const char *p, *q, *bad, *near;
	unsigned got;
	size_t n;
	int r;

	fprintf(stderr, "\n%s\n  ", question);
	attune_words_join(stderr, words, ", ");
	fputc('\n', stderr);
	for (;;) {
		if ((r = ask(again && *set ? "(separate with commas, Enter "
		    "keeps them, b back, q leave): " : "(separate with commas, "
		    "Enter for none, b back, q leave): ", line, sizeof line)) !=
		    Q_LINE)
			return r;
		if (line[0] == '\0' && again)
			return Q_LINE;
		got = 0;
		bad = NULL;
		for (p = line; *p != '\0' && bad == NULL; p = *q ? q + 1 : q) {
			while (*p == ' ')
				p++;
			q = p + strcspn(p, ", ");
			if (q == p)
				continue;
			/* In any case, as --flag and --did take them. */
			snprintf(word, sizeof word, "%.*s", (int)(q - p), p);
			if ((size_t)(q - p) >= sizeof word ||
			    attune_parse_words(word, words, &got, &bad, &n) < 0)
				bad = attune_safe_value(qv, sizeof qv, p,
				    (size_t)(q - p));
		}
		if (bad == NULL) {
			*set = got;
			return Q_LINE;
		}
		fprintf(stderr, "'%s' is not in the list", bad);
		if ((near = attune_suggest(word, words)) != NULL)
			fprintf(stderr, "; did you mean %s?", near);
		fprintf(stderr, "\nPlease use words from the list, or press "
		    "Enter for none.\n");
	}
}

/* The day a check-in is for, as a person says it. */
static void
for_day(const struct attune_time *ts, char *buf, size_t size)
{
	struct attune_time now;
	char date[16];

	attune_time_now(&now);
	attune_date_format(ts->days, date);
	if (ts->days == now.days)
		snprintf(buf, size, "today");
	else if (ts->days == now.days - 1)
		snprintf(buf, size, "yesterday, %s", date);
	else
		snprintf(buf, size, "%s", date);
}

/* The check-in in a line, as it will be written. */
static void
summary(const struct attune_checkin *ci, struct attune_buf *b)
{
	int k, w, n = 0;

	for (k = 0; k < ATTUNE_NMEASURES; k++) {
		if (ci->v[k] < 0)
			continue;
		attune_buf_printf(b, "%s%s ", n++ ? ", " : "",
		    attune_measures[k].name);
		attune_measure_put(b, k, ci->v[k]);
		if (k == ATTUNE_SLEEP)
			attune_buf_str(b, " h");
	}
	for (w = 0; attune_did_words[w] != NULL; w++)
		if (ci->did & (1u << w))
			attune_buf_printf(b, "%s%s", n++ ? ", " : "",
			    attune_did_words[w]);
	for (w = 0; attune_flag_words[w] != NULL; w++)
		if (ci->flags & (1u << w))
			attune_buf_printf(b, "%s%s", n++ ? ", " : "",
			    attune_flag_words[w]);
	if (ci->notelen > 0)
		attune_buf_printf(b, "%snote: %s", n++ ? "; " : "", ci->note);
	if (n == 0)
		attune_buf_str(b, "nothing yet");
}

/*
 * The questions, one by one, then the check-in as it will be written and
 * a last word before saving.  b goes back one question, q leaves without
 * saving; Ctrl-D offers to save what was answered.  0 to save, -1 not.
 */
static int
interactive(struct attune_checkin *ci, FILE *info, const char *region)
{
	static char note[4096];
	struct attune_buf b = { 0 };
	char day[48], line[64];
	int step = 0, r = Q_LINE, harm_shown = 0, seen[10] = { 0 };

	for_day(&ci->ts, day, sizeof day);
	fprintf(stderr, "A quick check-in for ");
	attune_put_safe(stderr, ci->who, strlen(ci->who));
	fprintf(stderr, ", %s.\nAnswer what you like; Enter skips a "
	    "question, b goes back one, q leaves\nwithout saving, and Ctrl-D "
	    "offers to save what you answered.\n", day);
	while (step <= ATTUNE_NMEASURES + 3) {
		if (step < ATTUNE_NMEASURES)
			r = ask_measure(step, &ci->v[step]);
		else if (step == ATTUNE_NMEASURES)
			r = ask_words("Which of these did you share with your "
			    "baby today?", attune_did_words, &ci->did,
			    seen[step]);
		else if (step == ATTUNE_NMEASURES + 1) {
			r = ask_words("Has any of these been with you today? "
			    "(cant-care: finding it hard to care for the baby;"
			    "\nharm: thoughts of hurting yourself or your "
			    "baby)", attune_flag_words, &ci->flags, seen[step]);
			if (r == Q_LINE && (ci->flags & ATTUNE_FLAG_HARM) &&
			    !harm_shown) {
				harm_shown = 1;
				if (qflag)	/* never silenced: off stdout */
					info = stderr;
				fputc('\n', info);
				attune_crisis_print(info, region);
				fflush(info);
				attune_crisis_stderr(region);
			}
		} else if (step == ATTUNE_NMEASURES + 2) {
			static char typed[sizeof note];

			fputc('\n', stderr);
			r = ask(seen[step] && ci->notelen ? "A note, if you like "
			    "(Enter keeps it, b back, q leave): " : "A note, if "
			    "you like (Enter to skip, b back, q leave): ", typed,
			    sizeof typed);
			if (r == Q_LINE && typed[0] != '\0' &&
			    !attune_utf8_valid(typed, strlen(typed)))
				fprintf(stderr, "The note has characters that are "
				    "not UTF-8 text, so it was left out.\n");
			else if (r == Q_LINE && (typed[0] != '\0' ||
			    !seen[step])) {
				memcpy(note, typed, sizeof note);
				ci->note = note;
				ci->notelen = strlen(note);
			}
		} else {
			b.len = 0;
			summary(ci, &b);
			fprintf(stderr, "\nFor ");
			attune_put_safe(stderr, ci->who, strlen(ci->who));
			fprintf(stderr, ", %s: ", day);
			attune_put_safe(stderr, b.s, b.len);
			r = ask("\nSave it? (Enter or y saves, b goes back, n "
			    "leaves without saving): ", line, sizeof line);
			if (r == Q_LINE && (line[0] == 'n' || line[0] == 'N'))
				r = Q_QUIT;
		}
		if (r == Q_BACK) {
			if (step > 0)
				step--;
			else
				fprintf(stderr, "This is the first question; "
				    "there is nothing to go back to.\n");
			continue;
		}
		if (r == Q_QUIT)
			break;
		if (r == Q_EOF) {
			clearerr(stdin);
			if (!attune_checkin_answered(ci))
				break;
			b.len = 0;
			summary(ci, &b);
			fprintf(stderr, "\nSo far: ");
			attune_put_safe(stderr, b.s, b.len);
			r = ask("\nSave what you answered? (y saves, anything "
			    "else leaves): ", line, sizeof line);
			r = r == Q_LINE && (line[0] == 'y' || line[0] ==
			    'Y') ? Q_LINE : Q_QUIT;
			break;
		}
		seen[step] = 1;
		step++;
	}
	attune_buf_free(&b);
	return r == Q_LINE ? 0 : -1;
}

/* --archive: move old check-ins into the yearly archives. */
static int
archive(int given)
{
	if (given || timeflag != NULL || dryrun || pflag || whoflag != NULL ||
	    regionflag != NULL)
		attune_usage_error("--archive moves old check-ins and logs "
		    "nothing; give it alone, with --before, --dir or --quiet");
	return attune_finish(attune_checkin_archive(dirflag, beforeflag,
	    qflag));
}

/*
 * --note -: the note from standard input, so that it is not in the
 * command line, which every user of the machine can read
 * (/proc/PID/cmdline).  A final newline is not part of it.
 */
static char *
note_stdin(size_t *len)
{
	static struct attune_buf b;	/* the note lives until the end */
	size_t n;

	do {
		n = fread(attune_buf_space(&b, 4096), 1, 4096, stdin);
		b.len -= 4096 - n;
		if (b.len > ATTUNE_CSV_MAXROW / 2)
			attune_usage_error("--note -: the note is longer than "
			    "%d KiB", ATTUNE_CSV_MAXROW / 2 / 1024);
	} while (n > 0);
	if (ferror(stdin))
		attune_err(ATTUNE_FAIL, "--note -: cannot read standard input");
	if (b.len > 0 && b.s[b.len - 1] == '\n')
		b.len--;
	if (b.len > 0 && b.s[b.len - 1] == '\r')
		b.len--;
	attune_buf_add(&b, "", 1);
	b.len--;
	if (memchr(b.s, '\0', b.len) != NULL ||
	    !attune_utf8_valid(b.s, b.len))
		attune_usage_error("--note -: the note is not valid UTF-8 text");
	*len = b.len;
	return b.s;
}

/*
 * The end of a check-in that was logged: the row is on disk, so a
 * message that cannot be shown (stdout full or closed) is a warning and
 * the status still says "logged" (0), so that no one logs it twice.
 */
static int
logged_finish(void)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		attune_warn("the check-in is logged, but the message after it "
		    "could not be shown");
		clearerr(stdout);
	}
	return ATTUNE_OK;
}

/*
 * Whether a harm flag is among the options.  It is looked for before any
 * option is checked, so that the crisis lines come first even when another
 * option holds a mistake.  Sets where words go, and with a harm flag the
 * region, leniently.
 */
static int
harm_first(int argc, char **argv, const char **region, FILE **info)
{
	const char *p, *q, *rflag = NULL;
	int c, harm = 0, out = 0;

	opterr = 0;
	while ((c = getopt_long(argc, argv, OPTSTRING, longopts, NULL)) != -1) {
		if (c == 'p' || c == 'y' || c == 'q')
			out = 1;
		else if (c == 'r')
			rflag = optarg;
		else if (c == 'd')
			attune_conf_dir(optarg);	/* its attune.conf */
		else if (c == 'f')
			for (p = optarg; *p != '\0'; p = *q ? q + 1 : q) {
				while (*p == ' ')
					p++;
				q = p + strcspn(p, ",; ");
				harm |= q - p == 4 && strncasecmp(p, "harm", 4) == 0;
			}
	}
	optind = 0;	/* GNU getopt: start afresh for the real pass */
	*info = out ? stderr : stdout;
	/* A --region that is not one shows every region's lines now; the
	 * usage error comes after them. */
	if (harm) {
		attune_conf_hush(1);	/* its warnings after the lines */
		attune_region_parse(rflag, region);
		attune_conf_hush(0);
	}
	return harm;
}

/* One option, into ci; *given when it logs something. */
static void
option(int c, char **argv, struct attune_checkin *ci, int *given)
{
	switch (c) {
	case 'A':
		Aflag = 1;
		break;
	case 'a':
		ci->v[ATTUNE_ANXIETY] = attune_opt_int("--anxiety", optarg, 0,
		    10);
		break;
	case 'B':
		beforeflag = optarg;
		break;
	case 'b':
		ci->v[ATTUNE_BOND] = attune_opt_int("--bond", optarg, 0, 10);
		break;
	case 'D':
		ci->did = attune_opt_words("--did", optarg, attune_did_words,
		    ci->did);
		*given = 1;
		break;
	case 'd':
		dirflag = optarg;
		break;
	case 'f':
		ci->flags = attune_opt_words("--flag", optarg,
		    attune_flag_words, ci->flags);
		*given = 1;
		break;
	case 'h':
		usage();
	case 'm':
		ci->v[ATTUNE_MOOD] = attune_opt_int("--mood", optarg, 0, 10);
		break;
	case 'N':
		if (strcmp(optarg, "-") == 0) {
			ci->note = note_stdin(&ci->notelen);
			*given = 1;
			break;
		}
		if (!attune_utf8_valid(optarg, strlen(optarg)))
			attune_usage_error("--note: the note is not "
			    "valid UTF-8 text");
		ci->note = optarg;
		ci->notelen = strlen(optarg);
		*given = 1;
		break;
	case 'n':
		ci->v[ATTUNE_NUMB] = attune_opt_int("--numb", optarg, 0, 10);
		break;
	case 'p':
		pflag = 1;
		break;
	case 'q':
		qflag = 1;
		break;
	case 'r':
		regionflag = optarg;
		break;
	case 's':
		ci->v[ATTUNE_SLEEP] = attune_opt_tenths("--sleep", optarg, 0,
		    240);
		break;
	case 't':
		timeflag = optarg;
		break;
	case 'V':
		attune_version("attune-checkin");
	case 'w':
		whoflag = optarg;
		break;
	case 'y':
		dryrun = 1;
		break;
	default:
		attune_opt_unknown(c, argv);
	}
}

/* After the options: who, the region, the time; usage errors first. */
static void
settle(struct attune_checkin *ci, int given, int early, const char **region,
    struct attune_time *now)
{
	const char *why;

	if (beforeflag != NULL)
		attune_usage_error("--before goes with --archive");
	/* "--note ''" or "--did ,": a row with no answers, which every
	 * reader of the log would refuse as malformed. */
	if (given && !attune_checkin_answered(ci))
		attune_usage_error("nothing to log: the values given are empty; "
		    "give at least one of --mood, --bond, --anxiety, --numb, "
		    "--sleep, --did, --flag or --note");
	attune_conf_dir(dirflag);
	ci->who = attune_opt_who(whoflag);
	if (!early || regionflag != NULL)	/* else worked out already */
		*region = attune_region(regionflag);
	attune_time_now(now);
	ci->ts = *now;
	if (timeflag != NULL) {
		if (attune_time_user(timeflag, &ci->ts, &why) < 0)
			attune_usage_error("--time: '%s' %s", timeflag, why);
		if (attune_time_epoch(&ci->ts) > attune_time_epoch(now) + 600)
			attune_usage_error("--time: '%s' is in the future; "
			    "check-ins are for now or earlier", timeflag);
	}
}

/* No values given: ask at a terminal.  1 when there is nothing to log. */
static int
ask_all(struct attune_checkin *ci, FILE *info, const char *region)
{
	if (!isatty(STDIN_FILENO))
		attune_usage_error("nothing to log: give at least one of "
		    "--mood, --bond, --anxiety, --numb, --sleep, --did, "
		    "--flag or --note (at a terminal, it asks)");
	if (interactive(ci, info, region) < 0) {
		fprintf(info, "\nLeft without saving; nothing was "
		    "written.\n");
		return 1;
	}
	if (!attune_checkin_answered(ci)) {
		fprintf(info, "Nothing was answered, so nothing was "
		    "written. That is fine too.\n");
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct attune_checkin ci;
	struct attune_time now;
	struct attune_buf row = { 0 };
	FILE *info;
	const char *region;
	int c, k, early, given = 0;

	attune_setprog(argv[0]);
	attune_opt_longopts(longopts);
	attune_checkin_init(&ci);
	if ((early = harm_first(argc, argv, &region, &info))) {
		attune_crisis_print(info, region);
		fflush(info);
		attune_crisis_stderr(region);
	}
	while ((c = getopt_long(argc, argv, OPTSTRING, longopts, NULL)) != -1)
		option(c, argv, &ci, &given);
	if (optind < argc)
		attune_usage_error("unexpected argument '%s'; a note goes "
		    "after --note", argv[optind]);
	for (k = 0; k < ATTUNE_NMEASURES; k++)
		given |= ci.v[k] >= 0;
	if (Aflag)
		return archive(given);
	settle(&ci, given, early, &region, &now);
	/* Stdout carries the row with --print or --dry-run; then the words
	 * meant for the person go to stderr. */
	info = pflag || dryrun ? stderr : stdout;
	if (!given && ask_all(&ci, info, region))
		return attune_finish(ATTUNE_OK);
	if (dryrun) {
		attune_checkin_row(&row, &ci);
		attune_csv_sheet(stdout, row.s, row.len);	/* "=..." as text */
		attune_buf_free(&row);
		return attune_finish(ATTUNE_OK);
	}
	if (attune_checkin_log(dirflag, &ci, now.days, pflag, qflag, info) !=
	    ATTUNE_OK)
		return ATTUNE_FAIL;
	return logged_finish();
}
