/*
 * attune-screen: take a validated questionnaire, score it exactly by its
 * published key, and log the result as one row in screens.csv.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune.h"

static int	 dryrun, format, lflag, pflag, qflag;
static const char *answersflag, *dirflag, *regionflag, *scoresflag,
		*timeflag, *whoflag, *wordingflag;

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
	    "option.\n\n%s\n", ATTUNE_PHQ_ATTRIBUTION);
	exit(attune_finish(ATTUNE_OK));
}

static _Noreturn void
epds_explain(void)
{
	attune_warnx("the EPDS can only be asked here with a wording file");
	fputs("Its copyright holder, the Royal College of Psychiatrists, "
	    "requires written\npermission to distribute its questions, so "
	    "attune does not include them.\n\n"
	    "If you have filled in a paper EPDS, you can enter it:\n"
	    "  attune screen epds --answers 1,2,4,...  the position of each "
	    "answer ticked\n"
	    "                                          (1 = the top one), "
	    "item by item\n"
	    "  attune screen epds --scores 0,1,3,...   the points, if the form "
	    "is scored\n"
	    "If your midwife or clinic gave you the wording as a file, use\n"
	    "  attune screen epds --wording FILE\n"
	    "The file format is in attune-screen(1).\n", stderr);
	exit(ATTUNE_USAGE);
}

/*
 * The answers: from --answers or --scores, else asked at the terminal.
 * -1 if the person left without finishing.
 */
static int
get_answers(struct attune_result *r, const char *region)
{
	struct attune_wording w = { 0 };
	struct attune_buf why = { 0 };
	const struct attune_instrument *in = r->in;
	const char *opt = answersflag != NULL ? "--answers" : "--scores";
	const char *val = answersflag != NULL ? answersflag : scoresflag;
	int rc;

	if (val != NULL) {
		if (attune_screen_values(in, opt, val, val == scoresflag,
		    r->pos, &why) < 0)
			attune_usage_error("%s", why.s);
		return 0;
	}
	if (!in->wording && wordingflag == NULL)
		epds_explain();
	if (!isatty(STDIN_FILENO))
		attune_usage_error("no answers: give --answers or --scores (at "
		    "a terminal, it asks)");
	if (wordingflag != NULL && attune_wording_load(wordingflag, in, &w) < 0)
		exit(ATTUNE_FAIL);
	rc = attune_screen_ask(r, &w, region);
	attune_wording_free(&w);
	return rc;
}

/* The options, read for real (after safety_first); the operands left. */
static int
options(int argc, char ***argvp)
{
	char **argv = *argvp;
	int c;

	while ((c = getopt_long(argc, argv, ":a:d:f:hlpqr:s:t:VW:w:",
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			answersflag = optarg;
			break;
		case 'd':
			dirflag = optarg;
			break;
		case 'f':
			format = attune_opt_choice("--format", optarg, formats);
			break;
		case 'h':
			usage();
		case 'l':
			lflag = 1;
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
			scoresflag = optarg;
			break;
		case 't':
			timeflag = optarg;
			break;
		case 'V':
			attune_version("attune-screen");
		case 'W':
			wordingflag = optarg;
			break;
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
	*argvp = argv + optind;
	return argc - optind;
}

/*
 * Safety is judged before any option is checked, so that a mistake
 * elsewhere (a bad --time, --format or --region, an answer too many or
 * too few) never keeps the crisis lines back: they come first, and the
 * usage error after them.  Options are read leniently here; --format and
 * --quiet, when well formed, say where the lines go, and a --region that
 * is not one shows every region's lines.  Every questionnaire named is
 * judged.  1 if the lines are needed.
 */
static int
safety_first(int argc, char **argv0, const char **region)
{
	const struct attune_instrument *in;
	const char *a = NULL, *s = NULL, *rflag = NULL, *env;
	char **argv;
	int c, i, safety = 0;

	/* GNU getopt moves the arguments as it goes: this pass reads a copy,
	 * so that the real one sees them as given ("phq2 --answers" must
	 * still lack its value). */
	argv = attune_xreallocarray(NULL, (size_t)argc + 1, sizeof *argv);
	memcpy(argv, argv0, ((size_t)argc + 1) * sizeof *argv);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":a:d:f:hlpqr:s:t:VW:w:",
	    longopts, NULL)) != -1) {
		if (c == 'a')
			a = optarg;
		else if (c == 's')
			s = optarg;
		else if (c == 'r')
			rflag = optarg;
		else if (c == 'q')
			qflag = 1;
		else if (c == 'f' && (i = attune_word_index(formats, optarg,
		    strlen(optarg))) >= 0)
			format = i;
	}
	for (i = optind; i < argc; i++)
		if ((in = attune_instrument(argv[i])) != NULL)
			safety |= attune_screen_safety(in, a, s);
	free(argv);
	optind = 0;	/* GNU getopt: start afresh for the real pass */
	if (!safety)
		return 0;
	/* A bad ATTUNE_REGION is warned about later, after the lines. */
	if (rflag == NULL && (env = getenv("ATTUNE_REGION")) != NULL &&
	    *env != '\0')
		rflag = env;
	if (attune_region_parse(rflag, region) < 0)
		*region = NULL;
	return 1;
}

/* The crisis lines: on stdout with the text result, else on stderr (the
 * data stays clean, and -q never silences them); on stderr as well when
 * stdout is not a terminal. */
static void
crisis(const char *region)
{
	FILE *f = format == ATTUNE_SCREEN_TEXT && !qflag ? stdout : stderr;

	attune_crisis_print(f, region);
	fflush(f);
	attune_crisis_stderr(region);
}

/* The one questionnaire named, with the checks on the answers' options. */
static const struct attune_instrument *
instrument(int argc, char **argv)
{
	const struct attune_instrument *in;

	if (argc == 0)
		attune_usage_error("which questionnaire? Choose pbq, epds, "
		    "phq9, phq2, gad7 or gad2 ('attune screen --list' says "
		    "more)");
	if (argc > 1)
		attune_usage_error("one questionnaire at a time, please; "
		    "'%s' is one too many", argv[1]);
	if ((in = attune_instrument(argv[0])) == NULL)
		attune_usage_error("'%s' is not a questionnaire attune knows; "
		    "choose pbq, epds, phq9, phq2, gad7 or gad2", argv[0]);
	if (answersflag != NULL && scoresflag != NULL)
		attune_usage_error("give --answers or --scores, not both");
	return in;
}

/* When it was taken: now, or --time, never in the future. */
static void
when(struct attune_time *ts)
{
	struct attune_time now;
	const char *why;

	attune_time_now(&now);
	*ts = now;
	if (timeflag != NULL) {
		if (attune_time_user(timeflag, ts, &why) < 0)
			attune_usage_error("--time: '%s' %s", timeflag, why);
		if (attune_time_epoch(ts) > attune_time_epoch(&now) + 600)
			attune_usage_error("--time: '%s' is in the future; a "
			    "screen is logged for now or earlier", timeflag);
	}
}

/* Logged, the row on disk: a result that cannot be shown is a warning,
 * and the status still says logged (0, or 3), so that no one screens
 * again and logs it twice. */
static int
finish(int status)
{
	if (status == ATTUNE_FAIL)
		fprintf(stderr, "%s: the result above was not logged.\n",
		    attune_prog());
	if (!dryrun && status != ATTUNE_FAIL &&
	    (fflush(stdout) == EOF || ferror(stdout))) {
		attune_warn("the screen is logged, but its result could not be "
		    "shown");
		clearerr(stdout);
		return status;
	}
	return attune_finish(status);
}

int
main(int argc, char **argv)
{
	struct attune_result r = { 0 };
	struct attune_time ts;
	struct attune_buf row = { 0 };
	const char *region, *who;
	char *dir = NULL, *path = NULL;
	int early, status = ATTUNE_OK;

	attune_setprog(argv[0]);
	attune_opt_longopts(longopts);
	if ((early = safety_first(argc, argv, &region)))
		crisis(region);
	argc = options(argc, &argv);
	if (lflag) {
		if (argc > 0)
			attune_usage_error("--list takes no questionnaire; "
			    "it lists them all");
		attune_screen_list(stdout);
		return attune_finish(ATTUNE_OK);
	}
	r.in = instrument(argc, argv);
	attune_conf_dir(dirflag);
	who = attune_opt_who(whoflag);
	region = attune_region(regionflag);
	when(&ts);
	r.partner = pflag;
	if (get_answers(&r, region) < 0) {
		fprintf(stderr, "\nLeft without saving; nothing was written.\n");
		return attune_finish(ATTUNE_OK);
	}
	attune_score(&r);
	/* Crisis lines before anything else: shown already for answers
	 * given as options, so here only for answers asked at a terminal. */
	if (r.safety) {
		if (!early)
			crisis(region);
		status = ATTUNE_ATTENTION;
	}
	attune_screen_row(&row, &ts, who, &r);
	if (!dryrun) {
		dir = attune_dir_resolve(dirflag);
		path = attune_dir_file(dir, "screens.csv");
		if (attune_dir_make(dir) < 0 ||
		    attune_screen_log(path, &row) < 0) {
			free(path);
			path = NULL;
			status = ATTUNE_FAIL;
		}
	}
	if (!qflag)
		attune_screen_print(stdout, format, dryrun, &r, &ts, who, &row,
		    path);
	free(path);
	free(dir);
	attune_buf_free(&row);
	return finish(status);
}
