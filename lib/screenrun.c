/*
 * screenrun.c: one attune-screen run, once its options are read
 * (attune-screen(1)).  The crisis lines first, whenever a safety item is
 * answered above its lowest option; then the questionnaire checked, the
 * answers read (screen.c), scored (instrument.c), logged and shown.  The
 * exit status is returned; the only exits are err.c's usage errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "attune_priv.h"

const char *
attune_screen_attribution(void)
{
	return ATTUNE_PHQ_ATTRIBUTION;
}

/* The crisis lines: on stdout with the text result, else on stderr (the
 * data stays clean, and -q never silences them); on stderr as well when
 * stdout is not a terminal and stderr is not the same place as stdout
 * (2>&1), where they would be said twice (attune_crisis_out). */
static enum attune_crisis_to
crisis_to(const struct attune_screen_opt *o)
{
	return o->format == ATTUNE_SCREEN_TEXT && !o->quiet ?
	    ATTUNE_CRISIS_WORDS : ATTUNE_CRISIS_NONE;
}

/*
 * Safety is judged before any option is checked, so that a mistake
 * elsewhere (a bad --time, --format or --region, an answer too many or
 * too few) never keeps the crisis lines back: they come first, and the
 * usage error after them.  o holds the options as read leniently: --format
 * and --quiet, when well formed, say where the lines go, and a --region
 * that is not one shows every region's lines (attune_crisis_first: what
 * attune.conf and ATTUNE_REGION warn about is said after them).  Every
 * questionnaire named is judged.
 */
void
attune_screen_first(const struct attune_screen_opt *o)
{
	const struct attune_instrument *in;
	int i, safety = 0;

	for (i = 0; i < o->nargs; i++)
		if ((in = attune_instrument(o->args[i])) != NULL)
			safety |= attune_screen_safety(in, o->answers,
			    o->scores);
	if (!safety)
		return;
	attune_conf_dir(o->dir);	/* the region in --dir's attune.conf */
	attune_crisis_first(crisis_to(o), o->region);
}

static int
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
	return ATTUNE_USAGE;
}

/*
 * The answers: from --answers or --scores, else asked at the terminal.
 * 0, -1 if the person left without finishing, or the exit status.
 */
static int
answers(const struct attune_screen_opt *o, struct attune_result *r,
    const char *region)
{
	struct attune_wording w = { 0 };
	struct attune_buf why = { 0 };
	const struct attune_instrument *in = r->in;
	const char *opt = o->answers != NULL ? "--answers" : "--scores";
	const char *val = o->answers != NULL ? o->answers : o->scores;
	int rc;

	if (val != NULL) {
		if (attune_screen_values(in, opt, val, val == o->scores,
		    r->pos, &why) < 0)
			attune_usage_error("%s", why.s);
		return 0;
	}
	if (!in->wording && o->wording == NULL)
		return epds_explain();
	if (!isatty(STDIN_FILENO))
		attune_usage_error("no answers: give --answers or --scores (at "
		    "a terminal, it asks)");
	if (o->wording != NULL && attune_wording_load(o->wording, in, &w) < 0)
		return ATTUNE_FAIL;
	rc = attune_screen_ask(r, &w, region);
	attune_wording_free(&w);
	return rc;
}

/* The one questionnaire named, with the checks on the answers' options. */
static const struct attune_instrument *
instrument(const struct attune_screen_opt *o)
{
	const struct attune_instrument *in;

	if (o->nargs == 0)
		attune_usage_error("which questionnaire? Choose pbq, epds, "
		    "phq9, phq2, gad7 or gad2 ('attune screen --list' says "
		    "more)");
	if (o->nargs > 1)
		attune_usage_error("one questionnaire at a time, please; "
		    "'%s' is one too many", o->args[1]);
	if ((in = attune_instrument(o->args[0])) == NULL)
		attune_usage_error("'%s' is not a questionnaire attune knows; "
		    "choose pbq, epds, phq9, phq2, gad7 or gad2", o->args[0]);
	if (o->answers != NULL && o->scores != NULL)
		attune_usage_error("give --answers or --scores, not both");
	return in;
}

/* Logged, the row on disk: a result that cannot be shown is a warning,
 * and the status still says logged (0, or 3), so that no one screens
 * again and logs it twice. */
static int
finish(int status, int dryrun)
{
	if (status == ATTUNE_FAIL)
		attune_warnx("the result above was not logged.");
	if (!dryrun && status != ATTUNE_FAIL &&
	    (fflush(stdout) == EOF || ferror(stdout))) {
		attune_warn("the screen is logged, but its result could not be "
		    "shown");
		clearerr(stdout);
		return status;
	}
	return attune_finish(status);
}

/* The row logged (unless --dry-run): 0, or -1 if it could not be (said
 * why); *path is where, malloc'd, or NULL. */
static int
logged(const struct attune_screen_opt *o, const struct attune_buf *row,
    char **path)
{
	char *dir;
	int rc = 0;

	*path = NULL;
	if (o->dryrun)
		return 0;
	dir = attune_dir_resolve(o->dir);
	*path = attune_dir_file(dir, "screens.csv");
	if (attune_dir_make(dir) < 0 || attune_screen_log(*path, row) < 0) {
		free(*path);
		*path = NULL;
		rc = -1;
	}
	free(dir);
	return rc;
}

int
attune_screen_run(const struct attune_screen_opt *o)
{
	struct attune_result r = { 0 };
	struct attune_time ts;
	struct attune_buf row = { 0 };
	const char *region, *who;
	char *path;
	int rc, status = ATTUNE_OK, early = attune_crisis_shown();

	if (o->list) {
		if (o->nargs > 0)
			attune_usage_error("--list takes no questionnaire; "
			    "it lists them all");
		attune_screen_list(stdout);
		return attune_finish(ATTUNE_OK);
	}
	r.in = instrument(o);
	attune_conf_dir(o->dir);
	who = attune_opt_who(o->who);
	region = attune_region(o->region);
	attune_opt_time(o->time, "a screen is logged for now or earlier", &ts);
	r.partner = o->partner;
	if ((rc = answers(o, &r, region)) < 0) {
		fprintf(stderr, "\nLeft without saving; nothing was written.\n");
		return attune_finish(ATTUNE_OK);
	} else if (rc > 0)
		return rc;
	attune_score(&r);
	/* Crisis lines before anything else: shown already for answers
	 * given as options (attune_screen_first, early), so here only for
	 * answers asked at a terminal, even if they came amid the questions
	 * (attune_screen_ask): again, now, with the result. */
	if (r.safety) {
		if (!early)
			attune_crisis_out(crisis_to(o), region);
		status = ATTUNE_ATTENTION;
	}
	attune_screen_row(&row, &ts, who, &r);
	if (logged(o, &row, &path) < 0)
		status = ATTUNE_FAIL;
	if (!o->quiet)
		attune_screen_print(stdout, o->format, o->dryrun, &r, &ts, who,
		    &row, path);
	free(path);
	attune_buf_free(&row);
	return finish(status, o->dryrun);
}
