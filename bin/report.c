/*
 * attune-report: how a week, a month or any period went, from the logs:
 * means and charts per measure, bonding moments, screens, and whether a
 * rule says it is time to reach out.  Every row is read once, summed per
 * person and day, and folded into its period (lib/report.c); the formats
 * live in lib/report_*.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "attune.h"

enum { F_TEXT, F_MD, F_CSV, F_JSON, F_HTML, F_FHIR };
static const char *const formats[] = { "text", "md", "csv", "json", "html",
	"fhir", NULL };
static const char *const bys[] = { "none", "day", "week", "month", NULL };

static int	 allflag, asciiflag, checkflag, notesflag, qflag, strictflag;
static int	 by = ATTUNE_BY_NONE, format = F_TEXT;
static const char *dirflag, *lastflag, *monthflag, *regionflag, *sinceflag,
		*untilflag, *weekflag, *whoflag;
static int	 monthgiven, weekgiven;
static char	*no_files[] = { NULL };
static char	**files_given = no_files;	/* FILE arguments, once known */
static const char *birthflag;
static int	 fhircheckins;
static struct attune_detail *detail;	/* fhir and html: the logs whole */

static const struct option longopts[] = {
	{ "all-people",	no_argument,		NULL,	'a' },
	{ "ascii",	no_argument,		NULL,	'A' },
	{ "birth",	required_argument,	NULL,	'B' },
	{ "by",		required_argument,	NULL,	'b' },
	{ "check",	no_argument,		NULL,	'c' },
	{ "dir",	required_argument,	NULL,	'd' },
	{ "fhir-checkins", no_argument,		NULL,	'F' },
	{ "format",	required_argument,	NULL,	'f' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "last",	required_argument,	NULL,	'L' },
	{ "month",	optional_argument,	NULL,	'M' },
	{ "notes",	no_argument,		NULL,	'N' },
	{ "quiet",	no_argument,		NULL,	'q' },
	{ "region",	required_argument,	NULL,	'r' },
	{ "rules",	no_argument,		NULL,	'R' },
	{ "since",	required_argument,	NULL,	'S' },
	{ "strict",	no_argument,		NULL,	'X' },
	{ "until",	required_argument,	NULL,	'U' },
	{ "version",	no_argument,		NULL,	'V' },
	{ "week",	optional_argument,	NULL,	'W' },
	{ "who",	required_argument,	NULL,	'w' },
	{ NULL,		0,			NULL,	0 }
};

static _Noreturn void
usage(void)
{
	printf("usage: attune-report [-acq] [--week [WHEN]] [--month [WHEN]] "
	    "[--since DATE]\n"
	    "                     [--until DATE] [--last N(d|w|m)] "
	    "[-b day|week|month]\n"
	    "                     [-w NAME | -a] [-f text|md|csv|json|html|fhir]"
	    "\n"
	    "                     [--ascii] [--birth DATE] [--fhir-checkins] "
	    "[--notes]\n"
	    "                     [--strict] [-d DIR] [-r REGION] [FILE ...]\n"
	    "       attune-report --rules\n\n"
	    "  --week [WHEN]      the week holding a date, 'last', or like "
	    "2026-W47\n"
	    "                     (default this week)\n"
	    "  --month [WHEN]     a month like 2026-11 or November, or 'last'\n"
	    "                     (default this month)\n"
	    "  --since DATE       from DATE (default: the first day logged)\n"
	    "  --until DATE       to DATE (default: today)\n"
	    "  --last N(d|w|m)    the N days, weeks or months ending today (or "
	    "--until),\n"
	    "                     like 14d, 2w or 1m\n"
	    "  -b, --by UNIT      split the period by day, week or month\n"
	    "  -w, --who NAME     whose entries (default $ATTUNE_WHO, else "
	    "attune.conf's\n"
	    "                     who, else me; any case)\n"
	    "  -a, --all-people   everyone in the logs, side by side\n"
	    "  -f, --format FMT   text (default), md, csv, json, html or fhir\n"
	    "      --ascii        plain ASCII charts\n"
	    "      --notes        every note of the period (without it: the "
	    "notes of\n"
	    "                     days with a flag or a low score)\n"
	    "      --birth DATE   the baby's birth date, for its age in the "
	    "HTML report\n"
	    "      --fhir-checkins  with --format fhir, the check-ins' measures "
	    "too\n"
	    "  -c, --check        exit 3 if a reach-out rule fires in the "
	    "last 14 days\n"
	    "      --rules        print every threshold of the reach-out "
	    "rules, and its source\n"
	    "  -q, --quiet        print nothing (with --check: just the "
	    "status)\n"
	    "      --strict       a malformed row is an error, not skipped\n"
	    "  -d, --dir DIR      the data directory\n"
	    "  -r, --region CC    crisis lines for this country, a code "
	    "like GB, US or IE\n"
	    "With no FILE it reads the logs in the data directory; '-' is "
	    "standard input.\n");
	exit(attune_finish(ATTUNE_OK));
}

/*
 * --week and --month take an optional value, which may also be written as
 * the next argument ("--week 2026-11-18", "--month November") when it is
 * one.  A next argument that is neither a value nor a file there is is a
 * mistaken value, refused as one rather than read as a log.
 */
static int64_t today;

static const char *
optional(char **argv, int argc, const char *opt, int (*looks)(const char *,
    const char **))
{
	const char *why, *s;

	if (optarg != NULL)
		return optarg;
	if (optind >= argc || (s = argv[optind])[0] == '-' || s[0] == '\0')
		return NULL;
	if (looks(s, &why) == 0)
		return argv[optind++];
	if (access(s, F_OK) == 0)
		return NULL;	/* a log to read */
	attune_usage_error("%s: '%s' %s", opt, s, why);
}

static int
looks_week(const char *s, const char **why)
{
	int64_t d;

	return attune_week_user(s, today, &d, why);
}

static int
looks_month(const char *s, const char **why)
{
	int64_t d;

	return attune_month_user(s, today, &d, why);
}

static int64_t
user_date(const char *opt, const char *val)
{
	int64_t d;
	const char *why;

	if (attune_date_user(val, &d, &why) < 0)
		attune_usage_error("%s: '%s' %s", opt, val, why);
	return d;
}

/* " (2026-11-21)" after a value that is not written as its date. */
#define P(val, date) strcmp(val, date) ? " (" : "", strcmp(val, date) ? \
	date : "", strcmp(val, date) ? ")" : ""

/*
 * The period asked for, from..to; 0 if none was (then the caller takes
 * everything logged).  Every value is checked before anything is read.
 */
static int
period(int64_t now, int64_t *from, int64_t *to)
{
	const char *why;
	char a[16], b[16];
	int given;

	given = weekgiven + monthgiven + (lastflag != NULL || untilflag !=
	    NULL || sinceflag != NULL);
	if (given > 1 || (lastflag != NULL && sinceflag != NULL))
		attune_usage_error("choose one period: --week, --month, --last "
		    "(with --until if it ends before today), or --since and "
		    "--until");
	if (weekgiven) {
		*from = now;
		if (weekflag != NULL && attune_week_user(weekflag, now, from,
		    &why) < 0)
			attune_usage_error("--week: '%s' %s", weekflag, why);
		else if (weekflag == NULL)
			*from -= attune_weekday(now) - 1;
		*to = *from + 6;
		return 1;
	}
	if (monthgiven) {
		*from = attune_month_start(now);
		if (monthflag != NULL && attune_month_user(monthflag, now, from,
		    &why) < 0)
			attune_usage_error("--month: '%s' %s", monthflag, why);
		*to = attune_month_next(*from) - 1;
		return 1;
	}
	if (lastflag != NULL) {
		*to = untilflag ? user_date("--until", untilflag) : now;
		if (attune_last_user(lastflag, *to, from, &why) < 0)
			attune_usage_error("--last: '%s' %s", lastflag, why);
		return 1;
	}
	if (sinceflag != NULL || untilflag != NULL) {
		*from = sinceflag ? user_date("--since", sinceflag) : INT64_MIN;
		*to = untilflag ? user_date("--until", untilflag) : now;
		if (sinceflag && *from > *to) {
			attune_date_format(*from, a);
			attune_date_format(*to, b);
			if (untilflag == NULL)
				attune_usage_error("--since: '%s'%s%s%s is after "
				    "today (%s); change --since to today or "
				    "earlier", sinceflag, P(sinceflag, a), b);
			attune_usage_error("--since '%s'%s%s%s comes after "
			    "--until '%s'%s%s%s; change --since to %s or "
			    "earlier, or --until to %s or later", sinceflag,
			    P(sinceflag, a), untilflag, P(untilflag, b), b, a);
		}
		return 1;
	}
	return 0;
}

/*
 * The person asked for is matched whatever the case and the spaces around
 * the name ("sam " finds "Sam"); every row matched is filed under the
 * first spelling met, so one person is one person.  The other names met
 * are kept, a few, to say whose entries there are when none are found.
 */
static char *canon;
static char *others[8];
static size_t nothers;

static const char *
match(const char *who, const char *only)
{
	size_t i;

	if (only == NULL)
		return who;
	if (canon != NULL && strcmp(who, canon) == 0)
		return canon;
	if (attune_who_same(who, only)) {
		if (canon == NULL)
			canon = attune_xstrdup(who);
		return canon;
	}
	for (i = 0; i < nothers; i++)
		if (strcmp(others[i], who) == 0)
			return NULL;
	if (nothers < sizeof others / sizeof others[0])
		others[nothers++] = attune_xstrdup(who);
	return NULL;
}

/* Read one log, check-ins or screens as its header says.  -1 if it failed. */
static int
readlog(struct attune_report *r, const char *path, const char *only,
    int flags)
{
	struct attune_csv *c;
	struct attune_checkin ci;
	struct attune_screen sc;
	int h, n;

	if ((c = attune_csv_open(path, attune_checkin_cols, flags)) == NULL)
		return -1;
	if ((h = attune_csv_header_has(c, "instrument")) == 1) {
		attune_csv_columns(c, attune_screen_cols);
		while ((n = attune_screen_read(c, &sc)) > 0)
			if ((sc.who = match(sc.who, only)) != NULL) {
				attune_report_screen(r, &sc);
				if (detail != NULL)
					attune_detail_screen(detail, &sc);
			}
	} else if (h == 0) {
		while ((n = attune_checkin_read(c, &ci)) > 0)
			if ((ci.who = match(ci.who, only)) != NULL) {
				attune_report_checkin(r, &ci);
				if (detail != NULL)
					attune_detail_checkin(detail, &ci);
			}
	} else
		n = -1;
	if (attune_csv_close(c) < 0)
		n = -1;
	return n < 0 ? -1 : 0;
}

/*
 * Nothing in the period: say where attune looked, and what it found
 * there, so that a name or a period that is a little off is easy to see.
 */
static void
nothing_found(char **files, const char *who, struct attune_rperson **people,
    size_t np)
{
	char *dir, a[16], b[16];
	size_t i;

	fflush(stdout);
	if (*files == NULL) {
		dir = attune_dir_resolve(dirflag);
		fprintf(stderr, "attune looked in %s (checkins.csv, "
		    "screens.csv and their archives).\n", dir);
		free(dir);
	} else
		fprintf(stderr, "attune looked in the file%s given.\n",
		    files[1] != NULL ? "s" : "");
	for (i = 0; i < np; i++)
		if (people[i]->lo <= people[i]->hi) {
			attune_date_format(people[i]->lo, a);
			attune_date_format(people[i]->hi, b);
			fprintf(stderr, "Check-ins for %s run from %s to %s; "
			    "try a period that holds them, or no period at "
			    "all.\n", people[i]->who, a, b);
		}
	if (who != NULL && canon == NULL && nothers > 0) {
		fprintf(stderr, "There is nothing for '%s', but there are "
		    "entries for ", who);
		for (i = 0; i < nothers; i++)
			fprintf(stderr, "%s%s", i == 0 ? "" : i + 1 == nothers ?
			    " and " : ", ", others[i]);
		fprintf(stderr, "%s; choose with --who NAME, or "
		    "--all-people.\n", nothers == sizeof others /
		    sizeof others[0] ? " and more" : "");
	}
}

static int
readall(struct attune_report *r, char **files, const char *only, int flags)
{
	char **logs[2] = { NULL, NULL }, *dir;
	int i, k, rval = 0;

	if (*files != NULL) {
		for (; *files != NULL; files++)
			if (readlog(r, *files, only, flags) < 0) {
				rval = 1;
				if (strictflag)
					return rval;
			}
		return rval;
	}
	dir = attune_dir_resolve(dirflag);
	logs[0] = attune_dir_logs(dir, "checkins");
	logs[1] = attune_dir_logs(dir, "screens");
	for (k = 0; k < 2 && !(rval && strictflag); k++)
		for (i = 0; logs[k][i] != NULL; i++)
			if (readlog(r, logs[k][i], only, flags) < 0) {
				rval = 1;
				if (strictflag)
					break;
			}
	attune_strv_free(logs[0]);
	attune_strv_free(logs[1]);
	free(dir);
	return rval;
}

static int
person_cmp(const void *a, const void *b)
{
	const struct attune_rperson *const *x = a, *const *y = b;

	return strcmp((*x)->who, (*y)->who);
}

/*
 * Whether start..end lies outside the days p logged anything, first to
 * last, and nothing fired in it: with --all-people such a period is left
 * out for p, so that many people each logging a little do not make a row
 * for every person and every period.
 */
static void
hide(const struct attune_rperson *p, struct attune_rsum *s)
{
	int64_t first = p->lo, last = p->hi;
	size_t i;

	if (!allflag || s->rules != 0)
		return;
	for (i = 0; i < p->nsc; i++) {
		if (p->sc[i].day < first)
			first = p->sc[i].day;
		if (p->sc[i].day > last)
			last = p->sc[i].day;
	}
	s->hide = s->end < first || s->start > last;
}

/* Whether anything is logged for p between from and to. */
static int
logged(const struct attune_rperson *p, int64_t from, int64_t to)
{
	size_t i;

	for (i = 0; i < p->nsc; i++)
		if (p->sc[i].day >= from && p->sc[i].day <= to)
			return 1;
	return p->inrange > 0;
}

/* The screens whole and the notes, for the formats that show them. */
static struct attune_detail *
detail_new(int64_t from, int64_t to)
{
	if (format == F_HTML)
		return attune_detail_new(from, to, ATTUNE_DETAIL_NOTES);
	if (format == F_FHIR)
		return attune_detail_new(from, to, fhircheckins ?
		    ATTUNE_DETAIL_MEASURES : 0);
	return NULL;
}

/*
 * Read the logs for the period.  Streaming (--format csv, or --quiet),
 * only a window of days is kept a person; if a log turns out to be far
 * out of time order, everything is read again keeping every day, saying
 * nothing again of what the logs hold (a failure to read is still said).
 */
static int
readreport(struct attune_report *r, char **files, const char *only,
    int64_t from, int64_t to, int stream, int64_t today)
{
	char **f;
	int rval, flags = strictflag ? ATTUNE_CSV_STRICT : 0;

	for (f = files; *f != NULL; f++)
		if (strcmp(*f, "-") == 0)
			stream = 0;	/* standard input cannot be read again */
	memset(r, 0, sizeof *r);
	attune_report_setup(r, from, to, by, stream, today);
	r->notes = notesflag || !stream;
	detail = detail_new(from, to);
	rval = readall(r, files, only, flags);
	if (r->late && !(rval && strictflag)) {
		attune_report_free(r);
		attune_detail_free(detail);
		detail = detail_new(from, to);
		attune_report_setup(r, from, to, by, 0, today);
		r->notes = 1;
		rval |= readall(r, files, only, flags | ATTUNE_CSV_QUIET);
	}
	attune_report_done(r);
	return rval;
}

/* The period holding the day the check looks back from, or -1. */
static long
check_period(const int64_t *per, size_t nper, int64_t at)
{
	size_t k;

	for (k = 0; per != NULL && k < nper; k++)
		if (per[2 * k] <= at && at <= per[2 * k + 1])
			return (long)k;
	return -1;
}

/*
 * The baby's birth day, for its age in the HTML report, or INT64_MIN when
 * unknown: --birth, else the settings file's "birth = YYYY-MM-DD"
 * (attune.conf, attune-log(5)).
 */
static int64_t
birth_day(int64_t today)
{
	const struct attune_conf *c;
	int64_t d;

	if (birthflag == NULL) {
		c = attune_conf_default();
		return c != NULL && c->birth <= today ? c->birth : INT64_MIN;
	}
	d = user_date("--birth", birthflag);
	if (d > today)
		attune_usage_error("--birth: '%s' is in the future", birthflag);
	return d;
}

/*
 * The CSV report (or, with --quiet, none), summed and printed a period at
 * a time; per is NULL when nothing is logged.  The rules that fired, and
 * in *now those of the period the check looks at (period kc).
 */
static unsigned
csv_rows(const struct attune_report *r, struct attune_rperson **people,
    size_t np, const int64_t *per, size_t nper, long kc, unsigned *now)
{
	struct attune_buf b = { 0 };
	struct attune_rsum s;
	unsigned rules = 0;
	size_t i, k;

	if (!qflag) {
		attune_csv_header(&b, attune_report_csv_cols);
		if (notesflag)	/* one more column, at the end */
			b.s[--b.len] = '\0', attune_buf_str(&b, ",notes\n");
		fwrite(b.s, 1, b.len, stdout);
	}
	for (k = 0; per != NULL && k < nper; k++)
		for (i = 0; i < np; i++) {
			attune_report_sum(r, people[i], per[2 * k],
			    per[2 * k + 1], &s);
			rules |= s.rules;
			if ((long)k == kc)
				*now |= s.rules;
			hide(people[i], &s);
			if (!qflag && !s.hide) {
				b.len = 0;
				attune_report_csv_row(&b, &s);
				if (notesflag)
					attune_report_csv_notes(&b, &s);
				fwrite(b.s, 1, b.len, stdout);
			}
			attune_report_sum_free(&s);
		}
	attune_buf_free(&b);
	return rules;
}

/*
 * Whether anyone read (or only who) has an urgent rule in the window the
 * check looks at: used when --strict stops the report, so that what was
 * read still shows the crisis lines.
 */
static int
urgent_now(struct attune_report *r, const char *who, int64_t to,
    int64_t today)
{
	struct attune_rsum s;
	size_t i;
	int urgent = 0;
	int64_t at = to < today ? to : today;
	int64_t *per, n;
	size_t nper;

	for (i = 0; i < r->np; i++) {
		if (who != NULL && strcmp(r->p[i].who, who) != 0)
			continue;
		per = attune_report_periods(at, at, by, &nper);
		n = nper > 0 ? per[0] : at;
		attune_report_sum(r, &r->p[i], n, nper > 0 ? per[1] : at, &s);
		urgent |= (s.rules & (1u << ATTUNE_RULE_URGENT)) != 0;
		attune_report_sum_free(&s);
		free(per);
	}
	return urgent;
}

/* Before any usage error: the crisis lines, if harm came up. */
static void
safety_first(void)
{
	if (!allflag && *files_given == NULL)
		attune_safety_first(dirflag, whoflag, regionflag);
}

int
main(int argc, char **argv)
{
	struct attune_report r;
	struct attune_rview v;
	struct attune_rperson **people;
	struct attune_rsum *sums;
	struct attune_time now;
	const char *who = NULL;
	int64_t from = 0, to = 0, *per;
	size_t np = 0, nper, i, k;
	int c, rval, any = 0;
	long kc;

	attune_setprog(argv[0]);
	attune_usage_first(safety_first);
	attune_opt_longopts(longopts);
	attune_time_now(&now);
	today = now.days;
	while ((c = getopt_long(argc, argv, ":ab:cd:f:hqr:Vw:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'A':
			asciiflag = 1;
			break;
		case 'a':
			allflag = 1;
			break;
		case 'B':
			birthflag = optarg;
			break;
		case 'b':
			if ((by = attune_word_index(bys, optarg,
			    strlen(optarg))) <= 0)
				attune_usage_error("--by: '%s' is not day, week "
				    "or month", optarg);
			break;
		case 'c':
			checkflag = 1;
			break;
		case 'd':
			dirflag = optarg;
			break;
		case 'F':
			fhircheckins = 1;
			break;
		case 'f':
			format = attune_opt_choice("--format", optarg, formats);
			break;
		case 'h':
			usage();
		case 'L':
			lastflag = optarg;
			break;
		case 'M':
			monthgiven = 1;
			monthflag = optional(argv, argc, "--month",
			    looks_month);
			break;
		case 'N':
			notesflag = 1;
			break;
		case 'q':
			qflag = 1;
			break;
		case 'R':
			attune_thresholds_print(stdout);
			return attune_finish(ATTUNE_OK);
		case 'r':
			regionflag = optarg;
			break;
		case 'S':
			sinceflag = optarg;
			break;
		case 'U':
			untilflag = optarg;
			break;
		case 'V':
			printf("attune-report %s\n", ATTUNE_VERSION);
			return attune_finish(ATTUNE_OK);
		case 'W':
			weekgiven = 1;
			weekflag = optional(argv, argc, "--week", looks_week);
			break;
		case 'w':
			whoflag = optarg;
			break;
		case 'X':
			strictflag = 1;
			break;
		default:
			attune_opt_unknown(c, argv);
		}
	}
	argc -= optind;
	argv += optind;
	files_given = argv;
	if (allflag && whoflag != NULL)
		attune_usage_error("choose --who NAME or --all-people, not both");
	attune_conf_dir(dirflag);
	if (!allflag)
		who = attune_opt_who(whoflag);
	if (fhircheckins && format != F_FHIR)
		attune_usage_error("--fhir-checkins goes with --format fhir");
	memset(&v, 0, sizeof v);
	v.region = attune_region(regionflag);
	v.today = now.days;
	v.birth = birth_day(now.days);
	v.hasbirth = v.birth != INT64_MIN;
	k = period(now.days, &from, &to);

	rval = readreport(&r, argv, who, k ? from : INT64_MIN,
	    k ? to : INT64_MAX, format == F_CSV || qflag, now.days);
	if (rval && strictflag) {
		/* What was read still counts for safety. */
		if (urgent_now(&r, who, k ? to : INT64_MAX, now.days))
			attune_crisis_print(stderr, v.region);
		attune_report_free(&r);
		return attune_finish(ATTUNE_FAIL);
	}
	v.detail = detail;

	/* The people reported on, by name; one unless --all-people. */
	people = attune_xcalloc(r.np + 1, sizeof *people);
	if (allflag) {
		for (i = 0; i < r.np; i++)
			people[np++] = &r.p[i];
		qsort(people, np, sizeof *people, person_cmp);
	} else {
		if (canon != NULL)
			who = canon;	/* as the log spells it */
		people[np++] = attune_report_person(&r, who, strlen(who));
	}
	if (!k || from == INT64_MIN) {
		/* Everything logged, first day to last. */
		int64_t lo = INT64_MAX, hi = INT64_MIN;

		for (i = 0; i < np; i++) {
			if (people[i]->lo < lo)
				lo = people[i]->lo;
			if (people[i]->hi > hi)
				hi = people[i]->hi;
			for (c = 0; (size_t)c < people[i]->nsc; c++) {
				if (people[i]->sc[c].day < lo)
					lo = people[i]->sc[c].day;
				if (people[i]->sc[c].day > hi)
					hi = people[i]->sc[c].day;
			}
		}
		if (!k)
			to = hi;
		from = lo;
		if (lo > hi || from > to)
			from = to = now.days;
	}
	for (i = 0; i < np; i++)
		any |= logged(people[i], from, to);

	per = attune_report_periods(from, to, by, &nper);
	kc = check_period(per, nper, to < now.days ? to : now.days);
	if (kc < 0 && nper > 0 && !k)
		kc = 0;		/* the whole log, all of it after today */
	if (format == F_CSV || qflag) {
		/* A period at a time, so memory does not grow with them. */
		v.rules = csv_rows(&r, people, np, any ? per : NULL, nper, kc,
		    &v.now);
		sums = NULL;
		nper = 0;
	} else {
		sums = attune_xcalloc(nper * np + 1, sizeof *sums);
		if (any)
			for (k = 0; k < nper; k++)
				for (i = 0; i < np; i++) {
					attune_report_sum(&r, people[i],
					    per[2 * k], per[2 * k + 1],
					    &sums[k * np + i]);
					v.rules |= sums[k * np + i].rules;
					hide(people[i], &sums[k * np + i]);
					if ((long)k == kc)
						v.now |= sums[k * np +
						    i].rules;
				}
	}
	if (!any && kc >= 0) {
		/* Nothing in the period, but the window the check reads may
		 * hold something all the same (a harm flag last week). */
		struct attune_rsum cs;

		for (i = 0; i < np; i++) {
			attune_report_sum(&r, people[i], per[2 * kc],
			    per[2 * kc + 1], &cs);
			v.now |= cs.rules;
			v.rules |= cs.rules & (1u << ATTUNE_RULE_URGENT);
			attune_report_sum_free(&cs);
		}
	}
	v.s = sums;
	v.nperiods = any ? nper : 0;
	v.npeople = np;
	v.from = from;
	v.to = to;
	v.by = by;
	v.allnotes = notesflag;
	v.unicode = !asciiflag && (format == F_MD || (format == F_TEXT &&
	    attune_term_utf8()));
	v.colour = format == F_TEXT && isatty(STDOUT_FILENO) &&
	    (getenv("NO_COLOR") == NULL || *getenv("NO_COLOR") == '\0');
	/* Crisis lines are never silenced: with --quiet they go to standard
	 * error, and when the report goes to a file or a pipe, there too. */
	if (v.rules & (1u << ATTUNE_RULE_URGENT)) {
		if (qflag)
			attune_crisis_print(stderr, v.region);
		else
			attune_crisis_stderr(v.region);
	}
	if (!qflag && format == F_CSV && !any)
		attune_warnx("%s", attune_report_empty);
	if (!qflag) {
		switch (format) {
		case F_TEXT:
		case F_MD:
			attune_report_text(stdout, &v, format == F_MD);
			break;
		case F_CSV:
			break;	/* printed already */
		case F_JSON:
			attune_report_json(stdout, &v);
			break;
		case F_FHIR:
			/* The Bundle is data for a file; the crisis lines, when
			 * needed, go first to the person, on stderr. */
			if (v.rules & (1u << ATTUNE_RULE_URGENT))
				attune_crisis_print(stderr, v.region);
			attune_fhir_write(stdout, detail);
			break;
		default:
			attune_report_html(stdout, &v);
		}
	}
	if (!any && !qflag)
		nothing_found(argv, whoflag != NULL || !allflag ? who : NULL,
		    people, np);
	for (i = 0; i < nper * np; i++)
		attune_report_sum_free(&sums[i]);
	free(sums);
	free(per);
	free(people);
	attune_detail_free(detail);
	attune_report_free(&r);
	free(canon);
	for (i = 0; i < nothers; i++)
		free(others[i]);
	if (rval)
		return attune_finish(ATTUNE_FAIL);
	if (attune_finish(ATTUNE_OK) != ATTUNE_OK)
		return ATTUNE_FAIL;
	return checkflag && v.now ? ATTUNE_ATTENTION : ATTUNE_OK;
}
