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
#include <unistd.h>

#include "attune.h"

enum { F_TEXT, F_MD, F_CSV, F_JSON, F_HTML, F_FHIR };
static const char *const formats[] = { "text", "md", "csv", "json", "html",
	"fhir", NULL };
static const char *const bys[] = { "none", "day", "week", "month", NULL };

static int	 allflag, asciiflag, checkflag, qflag, strictflag;
static int	 by = ATTUNE_BY_NONE, format = F_TEXT;
static const char *dirflag, *lastflag, *monthflag, *regionflag, *sinceflag,
		*untilflag, *weekflag, *whoflag;
static int	 monthgiven, weekgiven;
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
	{ "quiet",	no_argument,		NULL,	'q' },
	{ "region",	required_argument,	NULL,	'r' },
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
	printf("usage: attune-report [-acq] [--week [DATE]] [--month [YYYY-MM]] "
	    "[--since DATE]\n"
	    "                     [--until DATE] [--last N(d|w|m)] "
	    "[-b day|week|month]\n"
	    "                     [-w NAME | -a] [-f text|md|csv|json|html|fhir]"
	    "\n"
	    "                     [--ascii] [--birth DATE] [--fhir-checkins] "
	    "[--strict]\n"
	    "                     [-d DIR] [-r REGION] [FILE ...]\n\n"
	    "  --week [DATE]      the ISO week holding DATE (default this "
	    "week)\n"
	    "  --month [YYYY-MM]  a calendar month (default this month)\n"
	    "  --since DATE       from DATE (default: the first day logged)\n"
	    "  --until DATE       to DATE (default: today)\n"
	    "  --last N(d|w|m)    the last N days, weeks or months, like 14d\n"
	    "  -b, --by UNIT      split the period by day, week or month\n"
	    "  -w, --who NAME     whose entries (default $ATTUNE_WHO, else me)\n"
	    "  -a, --all-people   everyone in the logs, side by side\n"
	    "  -f, --format FMT   text (default), md, csv, json, html or fhir\n"
	    "      --ascii        plain ASCII charts\n"
	    "      --birth DATE   the baby's birth date, for its age in the "
	    "HTML report\n"
	    "      --fhir-checkins  with --format fhir, the check-ins' measures "
	    "too\n"
	    "  -c, --check        exit 3 if a reach-out rule fires\n"
	    "  -q, --quiet        print nothing (with --check: just the "
	    "status)\n"
	    "      --strict       a malformed row is an error, not skipped\n"
	    "  -d, --dir DIR      the data directory\n"
	    "  -r, --region CC    crisis lines for this country (US, GB, CA, "
	    "AU, IE, NZ)\n"
	    "With no FILE it reads the logs in the data directory; '-' is "
	    "standard input.\n");
	exit(attune_finish(ATTUNE_OK));
}

/*
 * --week and --month take an optional value, which may also be written as
 * the next argument ("--week 2026-11-18") when it looks like one.
 */
static const char *
optional(char **argv, int argc, int (*looks)(const char *))
{
	if (optarg != NULL)
		return optarg;
	if (optind < argc && looks(argv[optind]))
		return argv[optind++];
	return NULL;
}

static int
looks_date(const char *s)
{
	int64_t d;
	const char *why;

	return strcmp(s, "-") != 0 && attune_date_user(s, &d, &why) == 0;
}

static int
month_parse(const char *s, int *y, int *m)
{
	char *end;
	long yy, mm;

	if (strlen(s) != 7 || s[4] != '-')
		return -1;
	yy = strtol(s, &end, 10);
	if (end != s + 4 || yy < 1 || s[5] < '0' || s[5] > '9')
		return -1;
	mm = strtol(s + 5, &end, 10);
	if (*end != '\0' || mm < 1 || mm > 12)
		return -1;
	*y = (int)yy;
	*m = (int)mm;
	return 0;
}

static int
looks_month(const char *s)
{
	int y, m;

	return month_parse(s, &y, &m) == 0;
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

/*
 * The period asked for, from..to; 0 if none was (then the caller takes
 * everything logged).  Every value is checked before anything is read.
 */
static int
period(int64_t today, int64_t *from, int64_t *to)
{
	int y, m, d, n, given;
	char unit, *end;
	long v;

	given = weekgiven + monthgiven + (lastflag != NULL) +
	    (sinceflag != NULL || untilflag != NULL);
	if (given > 1)
		attune_usage_error("choose one period: --week, --month, --last, "
		    "or --since and --until");
	if (weekgiven) {
		*from = weekflag ? user_date("--week", weekflag) : today;
		*from -= attune_weekday(*from) - 1;
		*to = *from + 6;
		return 1;
	}
	if (monthgiven) {
		if (monthflag == NULL)
			attune_civil_from_days(today, &y, &m, &d);
		else if (month_parse(monthflag, &y, &m) < 0)
			attune_usage_error("--month: '%s' is not a month like "
			    "2026-11", monthflag);
		*from = attune_days_from_civil(y, m, 1);
		*to = attune_month_next(*from) - 1;
		return 1;
	}
	if (lastflag != NULL) {
		v = strtol(lastflag, &end, 10);
		unit = *end;
		if (lastflag[0] < '0' || lastflag[0] > '9' || v < 1 ||
		    v > 1000 || (unit != 'd' && unit != 'w' && unit != 'm') ||
		    end[1] != '\0')
			attune_usage_error("--last: '%s' is not a length like "
			    "14d, 6w or 3m (1 to 1000 days, weeks or months)",
			    lastflag);
		n = (int)v;
		*to = today;
		if (unit == 'd')
			*from = today - n + 1;
		else if (unit == 'w') {
			*to = today - (attune_weekday(today) - 1) + 6;
			*from = *to - 7 * (int64_t)n + 1;
		} else {
			*to = attune_month_next(today) - 1;
			attune_civil_from_days(today, &y, &m, &d);
			m -= n - 1;
			while (m < 1) {
				m += 12;
				y--;
			}
			*from = attune_days_from_civil(y, m, 1);
		}
		return 1;
	}
	if (sinceflag != NULL || untilflag != NULL) {
		*from = sinceflag ? user_date("--since", sinceflag) : INT64_MIN;
		*to = untilflag ? user_date("--until", untilflag) : today;
		if (sinceflag && *from > *to)
			attune_usage_error("--since %s comes after --until %s; "
			    "swap them", sinceflag, untilflag ? untilflag :
			    "(today)");
		return 1;
	}
	return 0;
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
			if (only == NULL || strcmp(sc.who, only) == 0) {
				attune_report_screen(r, &sc);
				if (detail != NULL)
					attune_detail_screen(detail, &sc);
			}
	} else if (h == 0) {
		while ((n = attune_checkin_read(c, &ci)) > 0)
			if (only == NULL || strcmp(ci.who, only) == 0) {
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
    int64_t from, int64_t to, int stream)
{
	char **f;
	int rval, flags = strictflag ? ATTUNE_CSV_STRICT : 0;

	for (f = files; *f != NULL; f++)
		if (strcmp(*f, "-") == 0)
			stream = 0;	/* standard input cannot be read again */
	memset(r, 0, sizeof *r);
	attune_report_setup(r, from, to, by, stream);
	detail = detail_new(from, to);
	rval = readall(r, files, only, flags);
	if (r->late && !(rval && strictflag)) {
		attune_report_free(r);
		attune_detail_free(detail);
		detail = detail_new(from, to);
		attune_report_setup(r, from, to, by, 0);
		rval |= readall(r, files, only, flags | ATTUNE_CSV_QUIET);
	}
	attune_report_done(r);
	return rval;
}

/*
 * The baby's birth day, for its age in the HTML report, or INT64_MIN when
 * unknown.  HOOK(settings): --birth for now; the settings file's
 * "birth = YYYY-MM-DD" (attune.conf, lib/conf.c) is to be read here when
 * --birth is not given.
 */
static int64_t
birth_day(int64_t today)
{
	int64_t d;

	if (birthflag == NULL)
		return INT64_MIN;
	d = user_date("--birth", birthflag);
	if (d > today)
		attune_usage_error("--birth: '%s' is in the future", birthflag);
	return d;
}

/*
 * The CSV report (or, with --quiet, none), summed and printed a period at
 * a time; per is NULL when nothing is logged.  The rules that fired.
 */
static unsigned
csv_rows(const struct attune_report *r, struct attune_rperson **people,
    size_t np, const int64_t *per, size_t nper)
{
	struct attune_buf b = { 0 };
	struct attune_rsum s;
	unsigned rules = 0;
	size_t i, k;

	if (!qflag) {
		attune_csv_header(&b, attune_report_csv_cols);
		fwrite(b.s, 1, b.len, stdout);
	}
	for (k = 0; per != NULL && k < nper; k++)
		for (i = 0; i < np; i++) {
			attune_report_sum(r, people[i], per[2 * k],
			    per[2 * k + 1], &s);
			rules |= s.rules;
			if (!qflag) {
				b.len = 0;
				attune_report_csv_row(&b, &s);
				fwrite(b.s, 1, b.len, stdout);
			}
			attune_report_sum_free(&s);
		}
	attune_buf_free(&b);
	if (per == NULL && !qflag)
		attune_warnx("%s", attune_report_empty);
	return rules;
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

	attune_setprog(argv[0]);
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
			monthflag = optional(argv, argc, looks_month);
			break;
		case 'q':
			qflag = 1;
			break;
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
			weekflag = optional(argv, argc, looks_date);
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
	if (allflag && whoflag != NULL)
		attune_usage_error("choose --who NAME or --all-people, not both");
	if (!allflag)
		who = attune_opt_who(whoflag);
	if (fhircheckins && format != F_FHIR)
		attune_usage_error("--fhir-checkins goes with --format fhir");
	memset(&v, 0, sizeof v);
	v.region = attune_region(regionflag);
	attune_time_now(&now);
	v.today = now.days;
	v.birth = birth_day(now.days);
	v.hasbirth = v.birth != INT64_MIN;
	k = period(now.days, &from, &to);

	rval = readreport(&r, argv, who, k ? from : INT64_MIN,
	    k ? to : INT64_MAX, format == F_CSV || qflag);
	if (rval && strictflag)
		return attune_finish(ATTUNE_FAIL);
	v.detail = detail;

	/* The people reported on, by name; one unless --all-people. */
	people = attune_xcalloc(r.np + 1, sizeof *people);
	if (allflag) {
		for (i = 0; i < r.np; i++)
			people[np++] = &r.p[i];
		qsort(people, np, sizeof *people, person_cmp);
	} else
		people[np++] = attune_report_person(&r, who, strlen(who));
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
	if (format == F_CSV || qflag) {
		/* A period at a time, so memory does not grow with them. */
		v.rules = csv_rows(&r, people, np, any ? per : NULL, nper);
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
				}
	}
	v.s = sums;
	v.nperiods = any ? nper : 0;
	v.npeople = np;
	v.from = from;
	v.to = to;
	v.by = by;
	v.unicode = !asciiflag && (format == F_MD || (format == F_TEXT &&
	    attune_term_utf8()));
	v.colour = format == F_TEXT && isatty(STDOUT_FILENO) &&
	    (getenv("NO_COLOR") == NULL || *getenv("NO_COLOR") == '\0');
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
	for (i = 0; i < nper * np; i++)
		attune_report_sum_free(&sums[i]);
	free(sums);
	free(per);
	free(people);
	attune_detail_free(detail);
	attune_report_free(&r);
	if (rval)
		return attune_finish(ATTUNE_FAIL);
	if (attune_finish(ATTUNE_OK) != ATTUNE_OK)
		return ATTUNE_FAIL;
	return checkflag && v.rules ? ATTUNE_ATTENTION : ATTUNE_OK;
}
