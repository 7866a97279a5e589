/*
 * attune-screen: take a validated questionnaire, score it exactly by its
 * published key, and log the result as one row in screens.csv.  The
 * options are read here; lib/screenrun.c does the rest.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune.h"

static const struct option longopts[] = {
	{ "answers",	required_argument,	NULL,	'a' },
	{ "dir",	required_argument,	NULL,	'd' },
	{ "dry-run",	no_argument,		NULL,	'y' },
	{ "format",	required_argument,	NULL,	'f' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "list",	no_argument,		NULL,	'l' },
	{ "partner",	no_argument,		NULL,	'p' },
	{ "quiet",	no_argument,		NULL,	'q' },
	{ "region",	required_argument,	NULL,	'r' },
	{ "scores",	required_argument,	NULL,	's' },
	{ "time",	required_argument,	NULL,	't' },
	{ "version",	no_argument,		NULL,	'V' },
	{ "who",	required_argument,	NULL,	'w' },
	{ "wording",	required_argument,	NULL,	'W' },
	{ NULL,		0,			NULL,	0 }
};

/* In the order of ATTUNE_SCREEN_TEXT, _CSV, _JSON, _FHIR. */
static const char *const formats[] = { "text", "csv", "json", "fhir",
	NULL };

static _Noreturn void
usage(void)
{
	printf("usage: attune-screen [-pq] [-a LIST | -s LIST] [-f FORMAT] "
	    "[-W FILE] [-t WHEN]\n"
	    "                     [-w NAME] [-d DIR] [-r REGION] [--dry-run] "
	    "INSTRUMENT\n"
	    "       attune-screen -l\n\n"
	    "  INSTRUMENT        pbq, epds, phq9, phq2, gad7 or gad2 "
	    "(-l lists them)\n"
	    "  -a, --answers L   the option chosen for each item, by position "
	    "(1 = top),\n"
	    "                    in item order: 1,3,2,...\n"
	    "  -s, --scores L    the points of each item, as on a scored "
	    "paper form\n"
	    "  -p, --partner     partner cut-offs: EPDS 11+ probable, "
	    "EPDS-3A 4+\n"
	    "  -W, --wording F   item wording for the EPDS (or a translation), "
	    "see attune-screen(1)\n"
	    "  -f, --format F    text (default), csv, json or fhir (a FHIR R4 "
	    "Bundle)\n"
	    "  -t, --time WHEN   when it was taken: a date, date-time, "
	    "'yesterday'\n"
	    "  -w, --who NAME    whose screen (default $ATTUNE_WHO, else me)\n"
	    "  -d, --dir DIR     the data directory\n"
	    "  -r, --region CC   crisis lines for this country, a code "
	    "like GB, US or IE\n"
	    "  -q, --quiet       print no result; crisis lines, when needed, "
	    "go to stderr\n"
	    "      --dry-run     score without logging\n"
	    "  -l, --list        the questionnaires, with their sources\n"
	    "With no answers at a terminal, it asks one item at a time.\n"
	    "Exit 3 when a safety question was answered above its lowest "
	    "option.\n\n%s\n", attune_screen_attribution());
	exit(attune_finish(ATTUNE_OK));
}

#define OPTSTRING ":a:d:f:hlpqr:s:t:VW:w:"

/*
 * One option, into o.  Leniently, for safety first, it passes over what
 * it cannot use, and a --format that is not one.
 */
static void
option(struct attune_screen_opt *o, int c, char **argv, int lenient)
{
	int i;

	switch (c) {
	case 'a':
		o->answers = optarg;
		break;
	case 'd':
		o->dir = optarg;
		break;
	case 'f':
		if (!lenient)
			o->format = attune_opt_choice("--format", optarg,
			    formats);
		else if ((i = attune_word_index(formats, optarg,
		    strlen(optarg))) >= 0)
			o->format = i;
		break;
	case 'h':
		if (!lenient)
			usage();
		break;
	case 'l':
		o->list = 1;
		break;
	case 'p':
		o->partner = 1;
		break;
	case 'q':
		o->quiet = 1;
		break;
	case 'r':
		o->region = optarg;
		break;
	case 's':
		o->scores = optarg;
		break;
	case 't':
		o->time = optarg;
		break;
	case 'V':
		if (!lenient)
			attune_version("attune-screen");
		break;
	case 'W':
		o->wording = optarg;
		break;
	case 'w':
		o->who = optarg;
		break;
	case 'y':
		o->dryrun = 1;
		break;
	default:
		if (!lenient)
			attune_opt_unknown(c, argv);
	}
}

/* The options as the first pass (attune_opt_safety) reads them: the one
 * record of it, which early_option fills and the pass's operands join. */
static struct attune_screen_opt early;

static void
early_option(int c, const char *val)
{
	(void)val;	/* optarg */
	option(&early, c, NULL, 1);
}

int
main(int argc, char **argv)
{
	struct attune_screen_opt o = { 0 };
	struct attune_safety_opt pass = { .option = early_option };
	int c;

	attune_setprog(argv[0]);
	attune_opt_longopts(longopts);
	/* Safety first: the answers are judged before any option is
	 * checked, so that a mistake elsewhere never keeps the lines back. */
	attune_opt_safety(argc, argv, OPTSTRING, longopts, &pass);
	early.args = pass.args;
	early.nargs = pass.nargs;
	attune_screen_first(&early);
	while ((c = getopt_long(argc, argv, OPTSTRING, longopts, NULL)) != -1)
		option(&o, c, argv, 0);
	o.args = argv + optind;
	o.nargs = argc - optind;
	return attune_screen_run(&o);
}
