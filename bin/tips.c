/*
 * attune-tips: gentle, practical ideas, chosen by topic or for the person
 * from their check-ins and screens of the last week.  The options are
 * read here, into struct attune_tips_opt; lib/tips.c checks their values,
 * reads the tips, chooses and prints.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "attune.h"

static struct attune_tips_opt o;
static struct attune_safety_opt early;	/* the first pass's (lib/opt.c) */

#define OPTSTRING ":ad:f:hln:pr:St:TVw:y"

static const struct option longopts[] = {
	{ "all",	no_argument,		NULL,	'a' },
	{ "count",	required_argument,	NULL,	'n' },
	{ "dir",	required_argument,	NULL,	'd' },
	{ "format",	required_argument,	NULL,	'f' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "list",	no_argument,		NULL,	'l' },
	{ "partner",	no_argument,		NULL,	'p' },
	{ "region",	required_argument,	NULL,	'r' },
	{ "strict",	no_argument,		NULL,	'S' },
	{ "time",	required_argument,	NULL,	't' },
	{ "today",	no_argument,		NULL,	'T' },
	{ "version",	no_argument,		NULL,	'V' },
	{ "who",	required_argument,	NULL,	'w' },
	{ "why",	no_argument,		NULL,	'y' },
	{ NULL,		0,			NULL,	0 }
};

static _Noreturn void
usage(void)
{
	printf("usage: attune-tips [-alpTy] [-f FORMAT] [-n COUNT] [-t WHEN] "
	    "[-w NAME] [-d DIR]\n"
	    "                   [-r REGION] [--strict] [TOPIC ...]\n\n"
	    "  TOPIC ...         tips on these topics (--list shows them)\n"
	    "  -a, --all         every tip on the topics (with none named: "
	    "every topic\n"
	    "                    but faith)\n"
	    "  -l, --list        list the topics and how many tips each holds\n"
	    "  -T, --today       the tip of the day\n"
	    "  -y, --why         say below each tip which signal chose it\n"
	    "  -n, --count N     how many tips to show, 1 to 50\n"
	    "  -p, --partner     choose as for a partner, not the birthing "
	    "parent\n"
	    "  -f, --format F    text (the default) or csv\n"
	    "  -t, --time WHEN   the day to choose for: a date, 'yesterday', "
	    "'3 days ago'\n"
	    "  -w, --who NAME    whose check-ins to read (default $ATTUNE_WHO, "
	    "else me)\n"
	    "  -d, --dir DIR     the data directory\n"
	    "  -r, --region CC   crisis lines for this country, a code "
	    "like GB, US or IE\n"
	    "      --strict      a malformed row in a log or tips file is an "
	    "error\n"
	    "With no topic, it chooses for you from what your check-ins and "
	    "screens say,\njudged as attune report judges them.\n");
	exit(attune_finish(ATTUNE_OK));
}

/*
 * Before any usage error (lib/opt.c calls this first): judge the logs of
 * the -d and -w given anywhere on the line (attune_opt_safety), and if
 * harm came up, show the crisis lines, so a typo in an option, before
 * them or after, can never hide them; with --list too, which is no
 * reason to keep them back when nothing is shown.
 */
static void
safety_first(void)
{
	attune_safety_first(&early);
}

/* One option, into o. */
static void
option(int c, char **argv)
{
	switch (c) {
	case 'a':
		o.all = 1;
		break;
	case 'd':
		o.dir = optarg;
		break;
	case 'f':
		o.format = optarg;
		break;
	case 'h':
		usage();
	case 'l':
		o.list = 1;
		break;
	case 'n':
		o.count = optarg;
		break;
	case 'p':
		o.partner = 1;
		break;
	case 'r':
		o.region = optarg;
		break;
	case 'S':
		o.strict = 1;
		break;
	case 'T':
		o.today = 1;
		break;
	case 't':
		o.time = optarg;
		break;
	case 'V':
		attune_version("attune-tips");
	case 'w':
		o.who = optarg;
		break;
	case 'y':
		o.why = 1;
		break;
	default:
		attune_opt_unknown(c, argv);
	}
}

int
main(int argc, char **argv)
{
	int c;

	attune_setprog(argv[0]);
	attune_usage_first(safety_first);
	attune_opt_longopts(longopts);
	attune_opt_safety(argc, argv, OPTSTRING, longopts, &early);
	while ((c = getopt_long(argc, argv, OPTSTRING, longopts, NULL)) != -1)
		option(c, argv);
	o.topics = argv + optind;
	o.ntopics = argc - optind;
	return attune_finish(attune_tips(&o));
}
