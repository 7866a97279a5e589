/*
 * attune-report: how a week, a month or any period went, from the logs:
 * means and charts per measure, bonding moments, screens, and whether a
 * rule says it is time to reach out.  This file parses the options; the
 * run itself (reading, judging, printing) is lib/reportrun.c, the period
 * asked for attune_period_user (lib/time.c), --week's and --month's bare
 * values attune_opt_period (lib/opt.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "attune.h"

static struct attune_report_opt o;	/* by none, format text */
static char	*no_files[] = { NULL };
static struct attune_safety_opt early = { .files = 1 };	/* read first */

#define OPTSTRING ":ab:cd:f:hqr:Vw:"

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

/* Before any usage error: the crisis lines, if harm came up in the logs
 * the report would read, for the options and FILEs given anywhere on the
 * line, in any order (attune_opt_safety). */
static void
safety_first(void)
{
	attune_safety_first(&early);
}

/* One option; 1 when it was --rules or --version, printed already. */
static int
option(int c, int argc, char **argv)
{
	switch (c) {
	case 'A':
		o.ascii = 1;
		break;
	case 'a':
		o.all = 1;
		break;
	case 'B':
		o.birth = optarg;
		break;
	case 'b':	/* "none" is no choice: it is what no --by gives */
		o.by = attune_opt_choice("--by", optarg, attune_report_bys +
		    1) + 1;
		break;
	case 'c':
		o.check = 1;
		break;
	case 'd':
		o.dir = optarg;
		break;
	case 'F':
		o.fhircheckins = 1;
		break;
	case 'f':
		o.format = attune_opt_choice("--format", optarg,
		    attune_report_formats);
		break;
	case 'h':
		usage();
	case 'L':
		o.period.last = optarg;
		break;
	case 'M':
	case 'W':
		attune_opt_period(&o.period, c == 'M', argc, argv);
		break;
	case 'N':
		o.notes = 1;
		break;
	case 'q':
		o.quiet = 1;
		break;
	case 'R':
		attune_thresholds_print(stdout);
		return 1;
	case 'r':
		o.region = optarg;
		break;
	case 'S':
		o.period.since = optarg;
		break;
	case 'U':
		o.period.until = optarg;
		break;
	case 'V':
		attune_version("attune-report");
	case 'w':
		o.who = optarg;
		break;
	case 'X':
		o.strict = 1;
		break;
	default:
		attune_opt_unknown(c, argv);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	int c;

	attune_setprog(argv[0]);
	o.files = no_files;
	attune_usage_first(safety_first);
	attune_opt_longopts(longopts);
	attune_opt_safety(argc, argv, OPTSTRING, longopts, &early);
	while ((c = getopt_long(argc, argv, OPTSTRING, longopts, NULL)) != -1)
		if (option(c, argc, argv))
			return attune_finish(ATTUNE_OK);
	o.files = argv + optind;
	/* Today only now, once --help and --version had their say: a bad
	 * $ATTUNE_NOW is a usage error (after the crisis lines). */
	return attune_finish(attune_report_run(&o, attune_today()));
}
