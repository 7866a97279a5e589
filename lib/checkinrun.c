/*
 * attune-checkin's library side: a check-in logged, with the kind words
 * after it and what it changed in the reach-out judgement (lib/judge.c),
 * and --archive's day.  bin/checkin.c parses the options and asks.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"

/*
 * What the logs said before this check-in and say with it, judged as
 * attune report judges them (lib/judge.c), on the two weeks ending today.
 * A log too large to read at every check-in is left to attune report.
 */
#define JUDGE_MAX	(32L * 1024 * 1024)

static int
judge_around(const char *dir, const char *path, const struct attune_checkin *ci,
    int64_t today, struct attune_verdict *before, struct attune_verdict *after)
{
	struct attune_report r;
	struct stat st;

	memset(before, 0, sizeof *before);
	memset(after, 0, sizeof *after);
	/* Not a regular file: the append says what is wrong with it. */
	if (stat(path, &st) == 0 && (!S_ISREG(st.st_mode) ||
	    st.st_size > JUDGE_MAX))
		return -1;
	memset(&r, 0, sizeof r);
	attune_report_setup(&r, today - ATTUNE_RBACK, today, ATTUNE_BY_NONE, 0,
	    today);
	attune_diary_read(&r, dir, ci->who, ATTUNE_CSV_QUIET);
	attune_report_done(&r);
	attune_judge(attune_report_person(&r, ci->who, strlen(ci->who)),
	    today, before);
	attune_report_checkin(&r, ci);
	attune_report_done(&r);
	attune_judge(attune_report_person(&r, ci->who, strlen(ci->who)),
	    today, after);
	attune_report_free(&r);
	return 0;
}

static const char *
thanks(const struct attune_checkin *ci)
{
	if (ci->flags & ATTUNE_FLAG_HARM)
		return "Logged. Please do reach out to someone today; you "
		    "deserve support.";
	if (attune_checkin_signals(ci) & ((1u << ATTUNE_SIG_BOND_LOW) |
	    (1u << ATTUNE_SIG_NUMB_HIGH)))
		return "Logged. Feeling far from your baby is common and can "
		    "change with time; 'attune tips' has small things to try.";
	return "Logged. Thank you for checking in; noticing how you are is a "
	    "kind thing to do.";
}

/* One kind line when this check-in makes a reach-out rule fire that did
 * not before (harm has its own words above). */
static void
reach_note(FILE *f, const struct attune_verdict *before,
    const struct attune_verdict *after)
{
	unsigned fresh = after->rules & ~before->rules &
	    ~(1u << ATTUNE_RULE_URGENT);

	if (fresh == 0)
		return;
	fputs("Your check-ins of the last two weeks suggest it may help to "
	    "talk to someone\nabout how things are: your midwife, health "
	    "visitor, doctor or nurse, or\nsomeone you trust. 'attune "
	    "report --last 14d' shows what it noticed.\n", f);
}

int
attune_checkin_log(const char *dirflag, const struct attune_checkin *ci,
    int64_t today, int print, int quiet, FILE *info)
{
	struct attune_verdict before = { 0 }, after = { 0 };
	struct attune_buf row = { 0 }, head = { 0 };
	char *dir, *path;
	int rc;

	attune_checkin_row(&row, ci);
	dir = attune_dir_resolve(dirflag);
	if (attune_dir_make(dir) < 0) {
		free(dir);
		attune_buf_free(&row);
		return ATTUNE_FAIL;
	}
	path = attune_dir_file(dir, "checkins.csv");
	if (!quiet)
		judge_around(dir, path, ci, today, &before, &after);
	attune_csv_header(&head, attune_checkin_cols);
	rc = attune_append(path, head.s, row.s, row.len);
	attune_buf_free(&head);
	if (rc < 0) {
		free(path);
		free(dir);
		attune_buf_free(&row);
		attune_verdict_free(&before);
		attune_verdict_free(&after);
		return ATTUNE_FAIL;
	}
	/* --print shows the row written, so only once it is. */
	if (print)
		attune_csv_sheet(stdout, row.s, row.len);	/* "=..." as text */
	if (!quiet) {
		fprintf(info, "%s\n", thanks(ci));
		reach_note(info, &before, &after);
	}
	attune_verdict_free(&before);
	attune_verdict_free(&after);
	free(path);
	free(dir);
	attune_buf_free(&row);
	return ATTUNE_OK;
}

int
attune_checkin_answered(const struct attune_checkin *ci)
{
	int k;

	for (k = 0; k < ATTUNE_NMEASURES; k++)
		if (ci->v[k] >= 0)
			return 1;
	return ci->did != 0 || ci->flags != 0 || ci->notelen > 0;
}

int
attune_checkin_archive(const char *dirflag, const char *beforeflag,
    int quiet)
{
	struct attune_time now;
	const char *why;
	char *dir;
	int64_t before;
	int y, m, d;
	long moved;

	attune_time_now(&now);
	attune_civil_from_days(now.days, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	before = attune_days_from_civil(y - 1, m, d);
	if (beforeflag != NULL) {
		if (attune_date_user(beforeflag, &before, &why) < 0)
			attune_usage_error("--before: '%s' %s", beforeflag, why);
		if (before > now.days)
			attune_usage_error("--before: '%s' is after today; only "
			    "past check-ins can be archived", beforeflag);
	}
	dir = attune_dir_resolve(dirflag);
	moved = attune_archive(dir, before, quiet ? NULL : stdout);
	free(dir);
	return moved < 0 ? ATTUNE_FAIL : ATTUNE_OK;
}
