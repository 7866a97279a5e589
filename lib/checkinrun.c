/*
 * attune-checkin's library side, from its options on: the values given
 * checked, the crisis lines first with a harm flag, the check-in logged,
 * with the kind words after it and what it changed in the reach-out
 * judgement (lib/judge.c), and --archive's day.  bin/checkin.c parses the
 * options; lib/checkinask.c asks the questions at a terminal.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"

/*
 * What the logs said before this check-in and say with it, judged as
 * attune report judges them (lib/judge.c), on the two weeks ending today.
 * A log too large to read at every check-in is left to attune report.
 */
#define JUDGE_MAX	(32L * 1024 * 1024)

static void
judge_around(const char *dir, const char *path, const struct attune_checkin *ci,
    int64_t today, struct attune_verdict v[2])
{
	struct stat st;

	/* Not a regular file: the append says what is wrong with it. */
	if (stat(path, &st) == 0 && (!S_ISREG(st.st_mode) ||
	    st.st_size > JUDGE_MAX))
		return;
	attune_judge_logs(dir, NULL, ci->who, today, ATTUNE_CSV_QUIET, ci, v,
	    NULL);
}

static const char *
thanks(const struct attune_checkin *ci)
{
	if (ci->flags & ATTUNE_FLAG_HARM)
		return "Logged. Please do reach out to someone today; you "
		    "deserve support.";
	if (attune_checkin_signals(ci) & ((1u << ATTUNE_SIG_BOND_LOW) |
	    (1u << ATTUNE_SIG_NUMB_HIGH)))
		return "Logged. Feeling far from your baby is common and can "
		    "change with time; 'attune tips' has small things to try.";
	return "Logged. Thank you for checking in; noticing how you are is a "
	    "kind thing to do.";
}

/* One kind line when this check-in makes a reach-out rule fire that did
 * not before (harm has its own words above). */
static void
reach_note(FILE *f, const struct attune_verdict *before,
    const struct attune_verdict *after)
{
	unsigned fresh = after->rules & ~before->rules &
	    ~(1u << ATTUNE_RULE_URGENT);

	if (fresh == 0)
		return;
	fputs("Your check-ins of the last two weeks suggest it may help to "
	    "talk to someone\nabout how things are: your midwife, health "
	    "visitor, doctor or nurse, or\nsomeone you trust. 'attune "
	    "report --last 14d' shows what it noticed.\n", f);
}

static int
attune_checkin_log(const char *dirflag, const struct attune_checkin *ci,
    int64_t today, int print, int quiet, FILE *info)
{
	struct attune_verdict v[2] = { { 0 }, { 0 } };	/* before, with ci */
	struct attune_buf row = { 0 }, head = { 0 };
	char *dir, *path;
	int rc;

	attune_checkin_row(&row, ci);
	dir = attune_dir_resolve(dirflag);
	if (attune_dir_make(dir) < 0) {
		free(dir);
		attune_buf_free(&row);
		return ATTUNE_FAIL;
	}
	path = attune_dir_file(dir, "checkins.csv");
	if (!quiet)
		judge_around(dir, path, ci, today, v);
	attune_csv_header(&head, attune_checkin_cols);
	rc = attune_append(path, head.s, row.s, row.len);
	attune_buf_free(&head);
	if (rc < 0) {
		free(path);
		free(dir);
		attune_buf_free(&row);
		attune_verdict_free(&v[0]);
		attune_verdict_free(&v[1]);
		return ATTUNE_FAIL;
	}
	/* --print shows the row written, so only once it is. */
	if (print)
		attune_csv_sheet(stdout, row.s, row.len);	/* "=..." as text */
	if (!quiet) {
		fprintf(info, "%s\n", thanks(ci));
		reach_note(info, &v[0], &v[1]);
	}
	attune_verdict_free(&v[0]);
	attune_verdict_free(&v[1]);
	free(path);
	free(dir);
	attune_buf_free(&row);
	return ATTUNE_OK;
}

int
attune_checkin_answered(const struct attune_checkin *ci)
{
	int k;

	for (k = 0; k < ATTUNE_NMEASURES; k++)
		if (ci->v[k] >= 0)
			return 1;
	return ci->did != 0 || ci->flags != 0 || ci->notelen > 0;
}

static int
attune_checkin_archive(const char *dirflag, const char *beforeflag,
    int quiet)
{
	struct attune_time now;
	const char *why;
	char *dir;
	int64_t before;
	int y, m, d;
	long moved;

	attune_time_now(&now);
	attune_civil_from_days(now.days, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	before = attune_days_from_civil(y - 1, m, d);
	if (beforeflag != NULL) {
		if (attune_date_user(beforeflag, &before, &why) < 0)
			attune_usage_error("--before: '%s' %s", beforeflag, why);
		if (before > now.days)
			attune_usage_error("--before: '%s' is after today; only "
			    "past check-ins can be archived", beforeflag);
	}
	dir = attune_dir_resolve(dirflag);
	moved = attune_archive(dir, before, quiet ? NULL : stdout);
	free(dir);
	return moved < 0 ? ATTUNE_FAIL : ATTUNE_OK;
}

/* --did (flags 0) or --flag: the words of val added to acc (-1: none yet). */
int
attune_checkin_words(int flags, const char *val, int acc)
{
	return (int)attune_opt_words(flags ? "--flag" : "--did", val,
	    flags ? attune_flag_words : attune_did_words,
	    acc < 0 ? 0 : (unsigned)acc);
}

/* The words --did (flags 0) or --flag takes, for the usage. */
void
attune_checkin_wordlist(FILE *f, int flags)
{
	struct attune_buf b = { 0 };

	attune_words_join(&b, flags ? attune_flag_words : attune_did_words,
	    ",");
	fputs(b.s, f);
	attune_buf_free(&b);
}

/*
 * --note -: the note from standard input, so that it is not in the
 * command line, which every user of the machine can read
 * (/proc/PID/cmdline).  A final newline is not part of it.
 */
static char *
note_stdin(void)
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
	return b.s;
}

/* --note's value checked: the note, with "-" the one read from stdin. */
const char *
attune_checkin_note(const char *val)
{
	if (strcmp(val, "-") == 0)
		return note_stdin();
	if (!attune_utf8_valid(val, strlen(val)))
		attune_usage_error("--note: the note is not valid UTF-8 text");
	return val;
}

/*
 * Where checkin's words for the person go: standard output, unless it
 * carries the row (--print, --dry-run).
 */
static FILE *
words_to(const struct attune_checkin_opt *o)
{
	return o->print || o->dryrun ? stderr : stdout;
}

/* The crisis lines: to the words, but they leave standard output with
 * --quiet as well, which never silences them (attune_crisis_out). */
static enum attune_crisis_to
lines_to(const struct attune_checkin_opt *o)
{
	return attune_crisis_words(o->print || o->dryrun, o->quiet);
}

/* --archive: move old check-ins into the yearly archives. */
static int
archive(const struct attune_checkin_opt *o, int given)
{
	if (given || o->time != NULL || o->dryrun || o->print ||
	    o->who != NULL || o->region != NULL)
		attune_usage_error("--archive moves old check-ins and logs "
		    "nothing; give it alone, with --before, --dir or --quiet");
	return attune_finish(attune_checkin_archive(o->dir, o->before,
	    o->quiet));
}

/* The check-in the options give; 1 when they give something to log. */
static int
from_options(const struct attune_checkin_opt *o, struct attune_checkin *ci)
{
	int k, given = o->did >= 0 || o->flags >= 0 || o->note != NULL;

	attune_checkin_init(ci);
	ci->v[ATTUNE_MOOD] = o->mood;
	ci->v[ATTUNE_BOND] = o->bond;
	ci->v[ATTUNE_ANXIETY] = o->anxiety;
	ci->v[ATTUNE_NUMB] = o->numb;
	ci->v[ATTUNE_SLEEP] = o->sleep;
	ci->did = o->did < 0 ? 0 : (unsigned)o->did;
	ci->flags = o->flags < 0 ? 0 : (unsigned)o->flags;
	if (o->note != NULL) {
		ci->note = o->note;
		ci->notelen = strlen(o->note);
	}
	for (k = 0; k < ATTUNE_NMEASURES; k++)
		given |= ci->v[k] >= 0;
	return given;
}

/* After the options: who, the region, the time; usage errors first. */
static void
settle(const struct attune_checkin_opt *o, struct attune_checkin *ci,
    int given, const char **region, struct attune_time *now)
{

	if (o->before != NULL)
		attune_usage_error("--before goes with --archive");
	/* "--note ''" or "--did ,": a row with no answers, which every
	 * reader of the log would refuse as malformed. */
	if (given && !attune_checkin_answered(ci))
		attune_usage_error("nothing to log: the values given are empty; "
		    "give at least one of --mood, --bond, --anxiety, --numb, "
		    "--sleep, --did, --flag or --note");
	attune_conf_dir(o->dir);
	ci->who = attune_opt_who(o->who);
	*region = attune_region(o->region);
	attune_time_now(now);
	attune_opt_time(o->time, "check-ins are for now or earlier", &ci->ts);
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

int
attune_checkin_run(const struct attune_checkin_opt *o)
{
	struct attune_checkin ci;
	struct attune_time now;
	struct attune_buf row = { 0 };
	FILE *info = words_to(o);
	const char *region;
	int given;

	given = from_options(o, &ci);
	if (o->archive)
		return archive(o, given);
	settle(o, &ci, given, &region, &now);
	if (!given && attune_checkin_ask(&ci, info, lines_to(o), region))
		return attune_finish(ATTUNE_OK);
	if (o->dryrun) {
		attune_checkin_row(&row, &ci);
		attune_csv_sheet(stdout, row.s, row.len);	/* "=..." as text */
		attune_buf_free(&row);
		return attune_finish(ATTUNE_OK);
	}
	if (attune_checkin_log(o->dir, &ci, now.days, o->print, o->quiet,
	    info) != ATTUNE_OK)
		return ATTUNE_FAIL;
	return logged_finish();
}
