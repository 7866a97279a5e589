/*
 * attune-log: see, fix and undo entries.  Lists the latest entries of
 * checkins.csv (or screens.csv) with a short id; "edit ID" changes one
 * check-in with the options checkin takes, or in $VISUAL/$EDITOR; --undo
 * takes the last entry written away.  Every change is one rewrite of the
 * log under the writers' lock, the previous log kept as NAME.bak
 * (lib/edit.c); the values checked and the new row built in lib/logedit.c.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "attune.h"

enum { F_TEXT, F_CSV, F_JSON };
static const char *const formats[] = { "text", "csv", "json", NULL };

static int	 allflag, screensflag, undoflag, yesflag, qflag, count = 20;
static int	 format = F_TEXT;
static const char *dirflag, *lastflag, *regionflag, *whoflag;

static const char *setval[10];	/* by attune_edit_cols; NULL: as it is */

#define OPTSTRING ":Aa:b:c:D:d:f:hm:N:n:qr:Ss:t:uVw:y"

static const struct option longopts[] = {
	{ "all",	no_argument,		NULL,	'A' },
	{ "anxiety",	required_argument,	NULL,	'a' },
	{ "bond",	required_argument,	NULL,	'b' },
	{ "count",	required_argument,	NULL,	'c' },
	{ "did",	required_argument,	NULL,	'D' },
	{ "dir",	required_argument,	NULL,	'd' },
	{ "flag",	required_argument,	NULL,	'F' },
	{ "format",	required_argument,	NULL,	'f' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "last",	required_argument,	NULL,	'L' },
	{ "mood",	required_argument,	NULL,	'm' },
	{ "note",	required_argument,	NULL,	'N' },
	{ "numb",	required_argument,	NULL,	'n' },
	{ "quiet",	no_argument,		NULL,	'q' },
	{ "region",	required_argument,	NULL,	'r' },
	{ "screens",	no_argument,		NULL,	'S' },
	{ "sleep",	required_argument,	NULL,	's' },
	{ "time",	required_argument,	NULL,	't' },
	{ "undo",	no_argument,		NULL,	'u' },
	{ "version",	no_argument,		NULL,	'V' },
	{ "who",	required_argument,	NULL,	'w' },
	{ "yes",	no_argument,		NULL,	'y' },
	{ NULL,		0,			NULL,	0 }
};

static _Noreturn void
usage(void)
{
	printf("usage: attune-log [-S] [--last N(d|w|m) | -c COUNT | -A] "
	    "[-w NAME]\n"
	    "                  [-f text|csv|json] [-d DIR]\n"
	    "       attune-log --undo [-S] [-y] [-d DIR]\n"
	    "       attune-log edit ID [-m N] [-b N] [-a N] [-n N] [-s H] "
	    "[-D LIST]\n"
	    "                  [--flag LIST] [-N NOTE] [-t WHEN] [-w NAME] "
	    "[-d DIR]\n\n"
	    "  -S, --screens      the screens log, not the check-ins\n"
	    "  -c, --count N      the latest N entries (default 20)\n"
	    "      --last N(d|w|m) the entries of the N days, weeks or months "
	    "ending today\n"
	    "  -A, --all          every entry in the live log\n"
	    "  -w, --who NAME     only this person's entries (with edit: the "
	    "new name)\n"
	    "  -f, --format FMT   text (default), csv or json\n"
	    "  -u, --undo         take the last entry written away\n"
	    "  -y, --yes          do it without asking\n"
	    "  edit ID|last       change that check-in: with -m, -b, -a, -n, -s, "
	    "-D,\n"
	    "                     --flag, -N or -t as attune checkin takes "
	    "them ('' clears\n"
	    "                     one), or with none at a terminal, in "
	    "$VISUAL or $EDITOR;\n"
	    "                     long: --mood --bond --anxiety --numb "
	    "--sleep --did\n"
	    "                     --flag --note --time\n"
	    "  -q, --quiet        say nothing when all went well\n"
	    "  -d, --dir DIR      the data directory\n"
	    "  -r, --region CC    crisis lines for this country\n"
	    "The previous log is kept as checkins.csv.bak (or screens.csv.bak)."
	    "\n");
	exit(attune_finish(ATTUNE_OK));
}

/* The date of a timestamp field, or INT64_MIN. */
static int64_t
row_day(const struct attune_rows *rs, size_t i, int ts)
{
	struct attune_time t;
	const struct attune_row *r = &rs->r[i];

	if (ts < 0 || attune_time_iso(r->f[ts], r->fl[ts], &t) < 0)
		return INT64_MIN;
	return t.days;
}

static void
put_field(const char *s, size_t n, size_t max)
{
	if (n > max) {
		attune_put_safe(stdout, s, max);
		fputs("...", stdout);
	} else
		attune_put_safe(stdout, s, n);
}

/* One entry in words: a check-in's answers, or a screen's result. */
static void
text_row(const struct attune_rows *rs, size_t i)
{
	static const char *const ck[] = { "mood", "bond", "anxiety", "numb",
		"sleep", "did", "flags", NULL };
	static const char *const sk[] = { "instrument", "total", "band",
		"flags", NULL };
	const struct attune_row *r = &rs->r[i];
	const char *const *keys = screensflag ? sk : ck;
	char id[9];
	int k, c, ts = attune_rows_col(rs, "timestamp");

	attune_row_idstr(r, id);
	printf("%s  ", id);
	if (ts >= 0) {
		/* 2026-11-21T12:00:00+00:00 as 2026-11-21 12:00 */
		if (r->fl[ts] >= 16 && r->f[ts][10] == 'T')
			printf("%.10s %.5s", r->f[ts], r->f[ts] + 11);
		else
			put_field(r->f[ts], r->fl[ts], 25);
	}
	if ((c = attune_rows_col(rs, "who")) >= 0) {
		fputs("  ", stdout);
		put_field(r->f[c], r->fl[c], 24);
	}
	for (k = 0; keys[k] != NULL; k++)
		if ((c = attune_rows_col(rs, keys[k])) >= 0 && r->fl[c] > 0) {
			printf("  %s ", keys[k]);
			put_field(r->f[c], r->fl[c], 60);
		}
	if ((c = attune_rows_col(rs, "note")) >= 0 && r->fl[c] > 0) {
		fputs("  note \"", stdout);
		put_field(r->f[c], r->fl[c], 60);
		fputc('"', stdout);
	}
	fputc('\n', stdout);
}

static void
csv_head(const struct attune_rows *rs)
{
	struct attune_buf b = { 0 };
	const struct attune_row *h = &rs->r[rs->header];
	int k;

	attune_csv_field(&b, "id", 2, 1);
	for (k = 0; k < h->nf; k++)
		attune_csv_field(&b, h->f[k], h->fl[k], 0);
	attune_buf_add(&b, "\n", 1);
	fwrite(b.s, 1, b.len, stdout);
	attune_buf_free(&b);
}

static void
csv_row(const struct attune_rows *rs, size_t i)
{
	struct attune_buf b = { 0 };
	const struct attune_row *r = &rs->r[i];
	char id[9];
	int k;

	attune_row_idstr(r, id);
	attune_csv_field(&b, id, 8, 1);
	for (k = 0; k < r->nf; k++)
		attune_csv_field(&b, r->f[k], r->fl[k], 0);
	attune_buf_add(&b, "\n", 1);
	fwrite(b.s, 1, b.len, stdout);
	attune_buf_free(&b);
}

static void
json_row(const struct attune_rows *rs, size_t i, int first)
{
	const struct attune_row *r = &rs->r[i], *h = &rs->r[rs->header];
	char id[9];
	int k;

	attune_row_idstr(r, id);
	printf("%s\n  {\"id\": \"%s\"", first ? "" : ",", id);
	for (k = 0; k < r->nf; k++) {
		fputs(", ", stdout);
		attune_json_put(stdout, h->f[k], h->fl[k]);
		fputs(": ", stdout);
		attune_json_put(stdout, r->f[k], r->fl[k]);
	}
	fputc('}', stdout);
}

static char *
log_path(void)
{
	char *dir = attune_dir_resolve(dirflag), *p;

	p = attune_dir_file(dir, screensflag ? "screens.csv" : "checkins.csv");
	free(dir);
	return p;
}

/* Read the live log for a listing or a change: 0, or the exit status. */
static int
read_log(const char *path, struct attune_rows *rs)
{
	int rc = attune_rows_read(path, rs);

	if (rc < 0) {
		attune_warn("cannot read %s", path);
		return ATTUNE_FAIL;
	}
	if (rc == 1 || rs->header < 0) {
		if (!qflag)
			printf("There are no %s in %s yet.\n", screensflag ?
			    "screens" : "check-ins", path);
		return ATTUNE_OK + 100;
	}
	if (attune_rows_col(rs, "timestamp") < 0) {
		attune_warnx("%s: has no 'timestamp' column, so it is not an "
		    "attune log", path);
		return ATTUNE_FAIL;
	}
	return 0;
}

static int
list(void)
{
	struct attune_rows rs;
	struct attune_time now;
	char *path = log_path();
	int64_t from = INT64_MIN, day;
	size_t i, *pick = NULL, np = 0;
	const char *why;
	int rc, who, ts, first = 1;

	attune_time_now(&now);
	if (lastflag != NULL && attune_last_user(lastflag, now.days, &from,
	    &why) < 0)
		attune_usage_error("--last: '%s' %s", lastflag, why);
	if ((rc = read_log(path, &rs)) != 0) {
		free(path);
		attune_rows_free(&rs);
		return rc >= 100 ? rc - 100 : rc;
	}
	who = attune_rows_col(&rs, "who");
	ts = attune_rows_col(&rs, "timestamp");
	pick = attune_xcalloc(rs.n + 1, sizeof *pick);
	/* Newest first: the rows from the end, as they were written. */
	for (i = rs.n; i-- > 0;) {
		if (!attune_row_entry(&rs, i))
			continue;
		if (whoflag != NULL && (who < 0 ||
		    !attune_who_same(rs.r[i].f[who], whoflag)))
			continue;
		if (lastflag != NULL) {
			day = row_day(&rs, i, ts);
			if (day < from || day > now.days)
				continue;
		} else if (!allflag && np >= (size_t)count)
			break;
		pick[np++] = i;
	}
	if (format == F_CSV)
		csv_head(&rs);
	else if (format == F_JSON)
		fputc('[', stdout);
	for (i = 0; i < np; i++) {
		if (format == F_TEXT)
			text_row(&rs, pick[i]);
		else if (format == F_CSV)
			csv_row(&rs, pick[i]);
		else
			json_row(&rs, pick[i], first);
		first = 0;
	}
	if (format == F_JSON)
		fputs(np ? "\n]\n" : "]\n", stdout);
	if (np == 0 && format == F_TEXT)
		printf("No entries%s%s%s%s in %s.\n", whoflag ? " for '" : "",
		    whoflag ? whoflag : "", whoflag ? "'" : "",
		    lastflag ? " in that period" : "", path);
	free(pick);
	attune_rows_free(&rs);
	free(path);
	return ATTUNE_OK;
}

/* Ask at a terminal: 1 for yes. */
static int
ask(const char *question)
{
	char line[64];

	fputs(question, stdout);
	fflush(stdout);
	if (fgets(line, sizeof line, stdin) == NULL)
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

struct change {
	uint32_t id;
	struct attune_buf row;	/* the new row; empty: remove */
};

static int
put_change(const struct attune_rows *rs, size_t i, struct attune_buf *repl,
    void *arg)
{
	struct change *ch = arg;

	(void)rs;
	(void)i;
	attune_buf_add(repl, ch->row.s != NULL ? ch->row.s : "", ch->row.len);
	return 0;
}

static int
changed(const char *path, int rc, const char *done)
{
	switch (rc) {
	case 0:
		if (!qflag)
			printf("%s The previous log is kept as %s.bak.\n", done,
			    path);
		return ATTUNE_OK;
	case 1:
	case 2:
		attune_warnx("%s changed while this ran, so nothing was "
		    "changed; please look again with 'attune log'", path);
		return ATTUNE_FAIL;
	default:
		return ATTUNE_FAIL;
	}
}

static int
undo(void)
{
	struct attune_rows rs;
	struct change ch = { 0 };
	char *path = log_path();
	long i;
	int rc;

	if ((rc = read_log(path, &rs)) != 0) {
		free(path);
		attune_rows_free(&rs);
		return rc >= 100 ? rc - 100 : rc;
	}
	if ((i = attune_rows_last(&rs)) < 0) {
		if (!qflag)
			printf("There is no entry in %s to take away.\n", path);
		attune_rows_free(&rs);
		free(path);
		return ATTUNE_OK;
	}
	if (!yesflag) {
		if (!isatty(STDIN_FILENO)) {
			attune_rows_free(&rs);
			free(path);
			attune_usage_error("--undo: not at a terminal, so it "
			    "cannot ask; add --yes to take the last entry away");
		}
		printf("The last entry written:\n  ");
		text_row(&rs, (size_t)i);
		if (!ask("Take it away? [y/N] ")) {
			printf("Left as it was.\n");
			attune_rows_free(&rs);
			free(path);
			return ATTUNE_OK;
		}
	} else if (!qflag) {
		printf("Taking away: ");
		text_row(&rs, (size_t)i);
	}
	ch.id = rs.r[i].id;
	attune_rows_free(&rs);
	rc = attune_rows_change(path, ch.id, 1, put_change, &ch);
	rc = changed(path, rc, "Done; that entry is gone.");
	free(path);
	return rc;
}

/* Open the one row in $VISUAL or $EDITOR; the values as edited. */
static int
in_editor(const struct attune_rows *rs, size_t i, const char *path,
    char **vals, struct attune_rows *er)
{
	struct attune_buf b = { 0 }, cmd = { 0 };
	const struct attune_row *r = &rs->r[i], *h = &rs->r[rs->header];
	const char *ed = getenv("VISUAL");
	struct attune_buf tb = { 0 };
	char *tmp;
	int fd, k, j, st;
	long e;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	/* In the data directory, mode 0600, as the log is: nothing is
	 * written anywhere else. */
	{
		const char *slash = strrchr(path, '/');
		int dn = slash != NULL ? (int)(slash - path) + 1 : 0;

		attune_buf_printf(&tb, "%.*s.%s.editing-XXXXXX.csv", dn, path,
		    path + dn);
	}
	tmp = tb.s;
	if ((fd = mkstemps(tmp, 4)) < 0)
		attune_err(ATTUNE_FAIL, "cannot make a file to edit beside %s",
		    path);
	for (k = 0; k < h->nf; k++)
		attune_csv_field(&b, h->f[k], h->fl[k], k == 0);
	attune_buf_add(&b, "\n", 1);
	attune_buf_add(&b, rs->buf + r->off, r->len);
	if (b.s[b.len - 1] != '\n')
		attune_buf_add(&b, "\n", 1);
	if (attune_write_all(fd, b.s, b.len) < 0 || close(fd) < 0) {
		unlink(tmp);
		attune_err(ATTUNE_FAIL, "cannot write %s", tmp);
	}
	attune_buf_printf(&cmd, "%s \"$1\"", ed);
	fflush(stdout);
	switch (fork()) {
	case -1:
		unlink(tmp);
		attune_err(ATTUNE_FAIL, "cannot start %s", ed);
	case 0:
		execl("/bin/sh", "sh", "-c", cmd.s, "sh", tmp, (char *)NULL);
		_exit(127);
	}
	wait(&st);
	attune_buf_free(&b);
	attune_buf_free(&cmd);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		unlink(tmp);
		attune_warnx("the editor (%s) did not finish well, so nothing "
		    "was changed", ed);
		return -1;
	}
	k = attune_rows_read(tmp, er);
	unlink(tmp);
	attune_buf_free(&tb);
	if (k != 0 || er->header < 0 || (e = attune_rows_last(er)) < 0 ||
	    e != er->header + 1 || er->r[er->header].nf != h->nf) {
		attune_warnx("the edited text is not the header and one whole "
		    "row as it was given, so nothing was changed");
		return -1;
	}
	for (k = 0; k < h->nf; k++)
		if (strcmp(er->r[er->header].f[k], h->f[k]) != 0) {
			attune_warnx("the header line was changed, so nothing "
			    "was changed; change only the second line");
			return -1;
		}
	for (j = 0; attune_edit_cols[j] != NULL; j++)
		if ((k = attune_rows_col(er, attune_edit_cols[j])) >= 0)
			vals[j] = er->r[e].f[k];
	return 0;
}

static int
edit(const char *id, int given)
{
	struct attune_rows rs, er;
	struct change ch = { 0 };
	struct attune_buf where = { 0 };
	/* static: a usage error below ends the program with it held. */
	static char *path;
	char *ev[10] = { 0 };
	const char *vals[10];
	unsigned flags, oldflags = 0;
	long i;
	int rc, j, fc;

	path = log_path();
	memset(&er, 0, sizeof er);
	if (screensflag)
		attune_usage_error("edit changes check-ins; a screen can be "
		    "taken away with --screens --undo, or taken again");
	if ((rc = read_log(path, &rs)) != 0) {
		free(path);
		attune_rows_free(&rs);
		return rc >= 100 ? ATTUNE_FAIL : rc;
	}
	i = strcmp(id, "last") == 0 ? attune_rows_last(&rs) :
	    attune_rows_find(&rs, id);
	switch (i) {
	case -1:
		attune_usage_error("edit: no check-in has the id '%s'; "
		    "'attune log' lists them", id);
	case -2:
		attune_usage_error("edit: more than one check-in's id starts "
		    "'%s'; give more of it", id);
	case -3:
		attune_usage_error("edit: '%s' is not an id; give 4 to 8 of "
		    "its characters, as 'attune log' lists them", id);
	}
	memcpy(vals, setval, sizeof vals);
	attune_buf_printf(&where, "edit %s: ", id);
	if (!given) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
			attune_usage_error("edit: nothing to change; give "
			    "--mood, --bond, --anxiety, --numb, --sleep, "
			    "--did, --flag, --note, --time or --who (at a "
			    "terminal, it opens $VISUAL or $EDITOR)");
		if (in_editor(&rs, (size_t)i, path, ev, &er) < 0) {
			attune_rows_free(&rs);
			attune_rows_free(&er);
			attune_buf_free(&where);
			free(path);
			return ATTUNE_FAIL;
		}
		memcpy(vals, ev, sizeof vals);
	}
	if ((fc = attune_rows_col(&rs, "flags")) >= 0)
		attune_parse_words(rs.r[i].f[fc], attune_flag_words, &oldflags,
		    &(const char *){ NULL }, &(size_t){ 0 });
	attune_edit_row(&rs, (size_t)i, vals, &ch.row, &flags, where.s);
	/* A harm flag added: the crisis lines come first. */
	if ((flags & ATTUNE_FLAG_HARM) && !(oldflags & ATTUNE_FLAG_HARM)) {
		attune_crisis_print(stdout, attune_region(regionflag));
		fflush(stdout);
	}
	ch.id = rs.r[i].id;
	if (ch.row.len == rs.r[i].len && memcmp(ch.row.s, rs.buf + rs.r[i].off,
	    ch.row.len) == 0) {
		if (!qflag)
			printf("Nothing to change: the entry already says "
			    "that.\n");
		rc = ATTUNE_OK;
	} else {
		rc = attune_rows_change(path, ch.id, 0, put_change, &ch);
		rc = changed(path, rc, "Changed.");
		if (rc == ATTUNE_OK && !qflag) {
			struct attune_rows after;

			/* The entry as it is now, with its new id. */
			if (attune_rows_read(path, &after) == 0 &&
			    after.header >= 0) {
				for (j = 0; (size_t)j < after.n; j++)
					if (attune_row_entry(&after, j) &&
					    after.r[j].off == rs.r[i].off) {
						printf("  ");
						text_row(&after, j);
					}
			}
			attune_rows_free(&after);
		}
	}
	attune_buf_free(&ch.row);
	attune_buf_free(&where);
	attune_rows_free(&rs);
	attune_rows_free(&er);
	free(path);
	return rc;
}

/* One option; *given when it is a value for edit. */
static void
option(int c, char **argv, int *given)
{
	static char tbuf[32];
	struct attune_time t, now;
	const char *why;

	switch (c) {
	case 'A':
		allflag = 1;
		break;
	case 'a':
		setval[4] = optarg;
		*given = 1;
		break;
	case 'b':
		setval[3] = optarg;
		*given = 1;
		break;
	case 'c':
		count = attune_opt_int("--count", optarg, 1, 100000);
		break;
	case 'D':
		setval[7] = optarg;
		*given = 1;
		break;
	case 'd':
		dirflag = optarg;
		break;
	case 'F':
		setval[8] = optarg;
		*given = 1;
		break;
	case 'f':
		format = attune_opt_choice("--format", optarg, formats);
		break;
	case 'h':
		usage();
	case 'L':
		lastflag = optarg;
		break;
	case 'm':
		setval[2] = optarg;
		*given = 1;
		break;
	case 'N':
		setval[9] = optarg;
		*given = 1;
		break;
	case 'n':
		setval[5] = optarg;
		*given = 1;
		break;
	case 'q':
		qflag = 1;
		break;
	case 'r':
		regionflag = optarg;
		break;
	case 'S':
		screensflag = 1;
		break;
	case 's':
		setval[6] = optarg;
		*given = 1;
		break;
	case 't':
		attune_time_now(&now);
		if (attune_time_user(optarg, &t, &why) < 0)
			attune_usage_error("--time: '%s' %s", optarg, why);
		if (attune_time_epoch(&t) > attune_time_epoch(&now) + 600)
			attune_usage_error("--time: '%s' is in the future; "
			    "check-ins are for now or earlier", optarg);
		attune_time_format(&t, tbuf);
		setval[0] = tbuf;
		*given = 1;
		break;
	case 'u':
		undoflag = 1;
		break;
	case 'V':
		attune_version("attune-log");
	case 'w':
		whoflag = optarg;
		break;
	case 'y':
		yesflag = 1;
		break;
	default:
		attune_opt_unknown(c, argv);
	}
}

/* A word after the options that is not edit or undo. */
static _Noreturn void
not_a_sub(const char *word)
{
	static const char *const subs[] = { "edit", "undo", NULL };
	const char *near;

	if ((near = attune_suggest(word, subs)) != NULL)
		attune_usage_error("'%s' is not something attune log "
		    "does; did you mean '%s'?", word, near);
	attune_usage_error("'%s' is not something attune log does; "
	    "use 'edit ID', '--undo', or nothing to list", word);
}

int
main(int argc, char **argv)
{
	int c, given = 0;

	attune_setprog(argv[0]);
	attune_opt_longopts(longopts);
	while ((c = getopt_long(argc, argv, OPTSTRING, longopts, NULL)) != -1)
		option(c, argv, &given);
	argc -= optind;
	argv += optind;
	attune_conf_dir(dirflag);
	if (argc > 0 && strcmp(argv[0], "undo") == 0) {
		undoflag = 1;
		argc--;
		argv++;
	}
	if (argc > 0 && strcmp(argv[0], "edit") == 0) {
		if (argc != 2)
			attune_usage_error("edit takes one id, as 'attune log' "
			    "lists them");
		if (undoflag)
			attune_usage_error("choose edit or --undo, not both");
		if (whoflag != NULL) {
			setval[1] = whoflag;
			given = 1;
		}
		return attune_finish(edit(argv[1], given));
	}
	if (argc > 0)
		not_a_sub(argv[0]);
	if (given)
		attune_usage_error("--mood, --bond and the like change an entry: "
		    "use them with 'edit ID'");
	if (undoflag) {
		if (lastflag != NULL || allflag || whoflag != NULL)
			attune_usage_error("--undo takes the last entry written "
			    "away; it takes no --last, --all or --who");
		return attune_finish(undo());
	}
	if (yesflag)
		attune_usage_error("--yes goes with --undo");
	if (lastflag != NULL && allflag)
		attune_usage_error("choose --last or --all, not both");
	return attune_finish(list());
}
