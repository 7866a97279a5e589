/*
 * attune-tips: gentle, practical ideas, chosen by topic or for the person
 * from their check-ins and screens of the last week.  The options are
 * checked here; lib/tips.c reads the tips, chooses and prints.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "attune.h"

static const char *const format_words[] = { "text", "csv", NULL };

static int	 aflag, lflag, partnerflag, strictflag, todayflag, whyflag;
static int	 count = -1, format;
static const char *countflag, *dirflag, *formatflag, *regionflag,
		*timeflag, *whoflag;

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
 * Before any usage error (lib/opt.c calls this first): judge the logs with
 * what is known so far, and if harm came up, show the crisis lines, so a
 * typo in an option can never hide them.
 */
static int crisis_shown;

static void
safety_first(void)
{
	if (!crisis_shown && !lflag)
		crisis_shown = attune_safety_first(dirflag, whoflag,
		    regionflag);
}

/* The options' values, checked once the crisis lines are out. */
static void
check_options(int argc)
{
	if (formatflag != NULL)
		format = attune_opt_choice("--format", formatflag, format_words);
	if (countflag != NULL)
		count = attune_opt_int("--count", countflag, 1, 50);
	if (lflag && (argc > 0 || aflag || todayflag || count > 0))
		attune_usage_error("--list shows the topics; it takes no topic, "
		    "--all, --today or --count");
	if (todayflag && (aflag || count > 0))
		attune_usage_error("--today shows one tip; it cannot be used "
		    "with --all or --count");
	if (aflag && count > 0)
		attune_usage_error("--all and --count cannot be used together");
}

/* The options, in the flags above; the index of the first operand. */
static int
options(int argc, char **argv)
{
	int c;

	while ((c = getopt_long(argc, argv, ":ad:f:hln:pr:St:TVw:y", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'a':
			aflag = 1;
			break;
		case 'd':
			dirflag = optarg;
			break;
		case 'f':
			formatflag = optarg;
			break;
		case 'h':
			usage();
		case 'l':
			lflag = 1;
			break;
		case 'n':
			countflag = optarg;
			break;
		case 'p':
			partnerflag = 1;
			break;
		case 'r':
			regionflag = optarg;
			break;
		case 'S':
			strictflag = 1;
			break;
		case 'T':
			todayflag = 1;
			break;
		case 't':
			timeflag = optarg;
			break;
		case 'V':
			attune_version("attune-tips");
		case 'w':
			whoflag = optarg;
			break;
		case 'y':
			whyflag = 1;
			break;
		default:
			attune_opt_unknown(c, argv);
		}
	}
	return optind;
}

int
main(int argc, char **argv)
{
	struct attune_tips_ask a;
	struct attune_time now;
	const char *msg;
	char *dir;
	int rval;

	attune_setprog(argv[0]);
	attune_usage_first(safety_first);
	attune_opt_longopts(longopts);
	memset(&a, 0, sizeof a);
	a.topics = (const char *const *)argv + options(argc, argv);
	a.ntopics = argc - (int)(a.topics - (const char *const *)argv);
	attune_conf_dir(dirflag);
	a.who = attune_opt_who(whoflag);
	attune_time_now(&now);
	a.day = now.days;
	if (timeflag != NULL && attune_date_user(timeflag, &a.day, &msg) < 0)
		attune_usage_error("--time: '%s' %s", timeflag, msg);
	check_options(a.ntopics);
	a.region = attune_region(regionflag);
	a.partner = partnerflag || strcasecmp(a.who, "partner") == 0;
	a.dir = dir = attune_dir_resolve(dirflag);
	a.all = aflag;
	a.list = lflag;
	a.today = todayflag;
	a.why = whyflag;
	a.strict = strictflag;
	a.format = format;
	a.count = count;
	a.crisis_shown = crisis_shown;
	rval = attune_tips(&a);
	free(dir);
	return attune_finish(rval);
}
