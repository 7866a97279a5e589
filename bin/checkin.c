/*
 * attune-checkin: log how today is going, one row in checkins.csv.  This
 * file parses the options; the rest, from the questions asked at a
 * terminal to the row logged and the words after it, is lib/checkinrun.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "attune.h"

/* The options as they come; a value is checked as it comes, so that the
 * first mistake on the command line is the one named. */
static struct attune_checkin_opt o = {
	.mood = -1, .bond = -1, .anxiety = -1, .numb = -1, .sleep = -1,
	.did = -1, .flags = -1
};

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
	attune_checkin_wordlist(stdout, 0);
	printf("\n  -f, --flag LIST   concerns: ");
	attune_checkin_wordlist(stdout, 1);
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

/* One option, into o. */
static void
option(int c, char **argv)
{
	switch (c) {
	case 'A':
		o.archive = 1;
		break;
	case 'a':
		o.anxiety = attune_opt_int("--anxiety", optarg, 0, 10);
		break;
	case 'B':
		o.before = optarg;
		break;
	case 'b':
		o.bond = attune_opt_int("--bond", optarg, 0, 10);
		break;
	case 'D':
		o.did = attune_checkin_words(0, optarg, o.did);
		break;
	case 'd':
		o.dir = optarg;
		break;
	case 'f':
		o.flags = attune_checkin_words(1, optarg, o.flags);
		break;
	case 'h':
		usage();
	case 'm':
		o.mood = attune_opt_int("--mood", optarg, 0, 10);
		break;
	case 'N':
		o.note = attune_checkin_note(optarg);
		break;
	case 'n':
		o.numb = attune_opt_int("--numb", optarg, 0, 10);
		break;
	case 'p':
		o.print = 1;
		break;
	case 'q':
		o.quiet = 1;
		break;
	case 'r':
		o.region = optarg;
		break;
	case 's':
		o.sleep = attune_opt_tenths("--sleep", optarg, 0, 240);
		break;
	case 't':
		o.time = optarg;
		break;
	case 'V':
		attune_version("attune-checkin");
	case 'w':
		o.who = optarg;
		break;
	case 'y':
		o.dryrun = 1;
		break;
	default:
		attune_opt_unknown(c, argv);
	}
}

int
main(int argc, char **argv)
{
	struct attune_safety_opt first = { 0 };
	int c;

	attune_setprog(argv[0]);
	attune_opt_longopts(longopts);
	/* A harm flag: the crisis lines before any option is checked. */
	attune_opt_safety(argc, argv, OPTSTRING, longopts, &first);
	if (first.harm)
		attune_harm_first(&first);
	while ((c = getopt_long(argc, argv, OPTSTRING, longopts, NULL)) != -1)
		option(c, argv);
	if (optind < argc)
		attune_usage_error("unexpected argument '%s'; a note goes "
		    "after --note", argv[optind]);
	return attune_checkin_run(&o);
}
