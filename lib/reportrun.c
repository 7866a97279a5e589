/*
 * One attune-report run, from its options to what it prints: the logs
 * read for the period (read again whole when one is far out of time
 * order), the people reported on, their periods summed and judged, the
 * crisis lines first when a rule is urgent, the format chosen, and where
 * attune looked when nothing was found.  bin/report.c only parses the
 * options.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"

/* --format and --by, as struct attune_report_opt holds them. */
enum { ATTUNE_FMT_TEXT, ATTUNE_FMT_MD, ATTUNE_FMT_CSV, ATTUNE_FMT_JSON,
	ATTUNE_FMT_HTML, ATTUNE_FMT_FHIR };
const char *const attune_report_formats[] = { "text", "md", "csv", "json",
	"html", "fhir", NULL };
const char *const attune_report_bys[] = { "none", "day", "week", "month",
	NULL };		/* ATTUNE_BY_… */

struct run {
	const struct attune_report_opt *o;
	struct attune_detail *detail;	/* fhir and html: the report's, whole */
	/*
	 * The person asked for is matched whatever the case and the spaces
	 * around the name ("sam " finds "Sam"); every row matched is filed
	 * under the first spelling met, so one person is one person.  The
	 * other names met are kept, a few, to say whose entries there are
	 * when none are found.
	 */
	char	*canon;
	const char *who;	/* as asked (attune_opt_who), or NULL: all */
	int	 given;		/* a period was asked for */
	char	*others[8];
	size_t	 nothers;
};

/* What a run kept for itself: the names seen and the details. */
static void
run_free(struct run *u)
{
	size_t i;

	attune_detail_free(u->detail);
	u->detail = NULL;
	free(u->canon);
	for (i = 0; i < u->nothers; i++)
		free(u->others[i]);
}

static const char *
match(struct run *u, const char *who, const char *only)
{
	size_t i;

	if (only == NULL)
		return who;
	if (u->canon != NULL && strcmp(who, u->canon) == 0)
		return u->canon;
	if (attune_who_same(who, only)) {
		if (u->canon == NULL)
			u->canon = attune_xstrdup(who);
		return u->canon;
	}
	for (i = 0; i < u->nothers; i++)
		if (strcmp(u->others[i], who) == 0)
			return NULL;
	if (u->nothers < sizeof u->others / sizeof u->others[0])
		u->others[u->nothers++] = attune_xstrdup(who);
	return NULL;
}

/* Read one log, check-ins or screens as its header says.  -1 if it failed. */
static int
readlog(struct run *u, struct attune_report *r, const char *path,
    const char *only, int flags)
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
			if ((sc.who = match(u, sc.who, only)) != NULL)
				attune_report_screen(r, &sc);
	} else if (h == 0) {
		while ((n = attune_checkin_read(c, &ci)) > 0)
			if ((ci.who = match(u, ci.who, only)) != NULL)
				attune_report_checkin(r, &ci);
	} else
		n = -1;
	if (attune_csv_close(c) < 0)
		n = -1;
	return n < 0 ? -1 : 0;
}

/*
 * Nothing in the period: say where attune looked, and what it found
 * there, so that a name or a period that is a little off is easy to see.
 * The names come from the logs, so the lines go through err.c, which
 * shows an escape in them rather than letting the terminal act on it.
 */
static void
nothing_found(const struct run *u, const char *who,
    struct attune_rperson **people, size_t np)
{
	struct attune_buf names = { 0 };
	char **files = u->o->files, *dir, a[16], b[16];
	size_t i, n = u->nothers;

	if (*files == NULL) {
		dir = attune_dir_resolve(u->o->dir);
		attune_warn_more("attune looked in %s (checkins.csv, "
		    "screens.csv and their archives).", dir);
		free(dir);
	} else
		attune_warn_more("attune looked in the file%s given.",
		    files[1] != NULL ? "s" : "");
	for (i = 0; i < np; i++)
		if (people[i]->lo <= people[i]->hi) {
			attune_date_format(people[i]->lo, a);
			attune_date_format(people[i]->hi, b);
			attune_warn_more("Check-ins for %s run from %s to %s; "
			    "try a period that holds them, or no period at "
			    "all.", people[i]->who, a, b);
		}
	if (who != NULL && u->canon == NULL && n > 0) {
		for (i = 0; i < n; i++)
			attune_buf_printf(&names, "%s%s", i == 0 ? "" :
			    i + 1 == n ? " and " : ", ", u->others[i]);
		attune_warn_more("There is nothing for '%s', but there are "
		    "entries for %s%s; choose with --who NAME, or "
		    "--all-people.", who, names.s, n == sizeof u->others /
		    sizeof u->others[0] ? " and more" : "");
		attune_buf_free(&names);
	}
}

static int
readall(struct run *u, struct attune_report *r, const char *only, int flags)
{
	char **files = u->o->files, **logs[2] = { NULL, NULL }, *dir;
	int i, k, rval = 0, strict = (flags & ATTUNE_CSV_STRICT) != 0;

	if (*files != NULL) {
		for (; *files != NULL; files++)
			if (readlog(u, r, *files, only, flags) < 0) {
				rval = 1;
				if (strict)
					return rval;
			}
		return rval;
	}
	dir = attune_dir_resolve(u->o->dir);
	logs[0] = attune_dir_logs(dir, "checkins");
	logs[1] = attune_dir_logs(dir, "screens");
	for (k = 0; k < 2 && !(rval && strict); k++)
		for (i = 0; logs[k][i] != NULL; i++)
			if (readlog(u, r, logs[k][i], only, flags) < 0) {
				rval = 1;
				if (strict)
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
hide(const struct run *u, const struct attune_rperson *p,
    struct attune_rsum *s)
{
	int64_t first = p->lo, last = p->hi;
	size_t i;

	if (!u->o->all || s->rules != 0)
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

/* What is kept whole, for the formats that show it: the screens' answers
 * and scores for the HTML details and the FHIR Bundle, and of the
 * check-ins, HTML the notes, FHIR the measures with --fhir-checkins. */
static unsigned
whole(const struct run *u)
{
	if (u->o->format == ATTUNE_FMT_HTML)
		return ATTUNE_DETAIL_SCREENS | ATTUNE_DETAIL_NOTES;
	if (u->o->format == ATTUNE_FMT_FHIR)
		return ATTUNE_DETAIL_SCREENS | (u->o->fhircheckins ?
		    ATTUNE_DETAIL_MEASURES : 0);
	return 0;
}

/* Whether one of the FILE arguments is "-", standard input. */
static int
stdin_given(char **files)
{
	for (; *files != NULL; files++)
		if (strcmp(*files, "-") == 0)
			return 1;
	return 0;
}

/*
 * Read the logs for the period.  Streaming (--format csv, or --quiet),
 * only a window of days is kept a person; if a log turns out to be far
 * out of time order, everything is read again keeping every day, saying
 * nothing again of what the logs hold (a failure to read is still said).
 */
static int
readreport(struct run *u, struct attune_report *r, const char *only,
    int64_t from, int64_t to, int stream, int64_t today, int flags)
{
	int rval, by = u->o->by;

	if (stdin_given(u->o->files))
		stream = 0;	/* standard input cannot be read again */
	memset(r, 0, sizeof *r);
	attune_report_setup(r, from, to, by, stream, today);
	r->notes = u->o->notes || !stream;
	r->whole = whole(u);
	rval = readall(u, r, only, flags);
	if (r->late && !(rval && (flags & ATTUNE_CSV_STRICT))) {
		attune_report_free(r);
		attune_report_setup(r, from, to, by, 0, today);
		r->notes = 1;
		r->whole = whole(u);
		rval |= readall(u, r, only, flags | ATTUNE_CSV_QUIET);
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
birth_day(const char *birth, int64_t today)
{
	const struct attune_conf *c;
	int64_t d;

	if (birth == NULL) {
		c = attune_conf_default();
		return c != NULL && c->birth <= today ? c->birth : INT64_MIN;
	}
	d = attune_date_opt("--birth", birth);
	if (d > today)
		attune_usage_error("--birth: '%s' is in the future", birth);
	return d;
}

/*
 * The rules that fire for people[0..np) in the window start..end: a
 * period of the report, or the window the check reads (the period holding
 * the day it looks back from), summed for its rules alone.  Only urgency()
 * asks, before anything is printed: for the check window when the report
 * has no period holding it, and for every period when the report is not
 * summed whole first (sums_all): --strict's stop, --quiet, and the CSV
 * report, whose rows csv_rows prints as it sums them.
 */
static unsigned
check_rules(const struct attune_report *r, struct attune_rperson **people,
    size_t np, int64_t start, int64_t end)
{
	struct attune_rsum s;
	unsigned rules = 0;
	size_t i;

	for (i = 0; i < np; i++) {
		attune_report_sum(r, people[i], start, end, &s);
		rules |= s.rules;
		attune_report_sum_free(&s);
	}
	return rules;
}

/*
 * The CSV report, summed and printed a period at a time; per is NULL when
 * nothing is logged.  Its rules were worked out before (urgency()).
 */
static void
csv_rows(const struct run *u, const struct attune_report *r,
    struct attune_rperson **people, size_t np, const int64_t *per,
    size_t nper)
{
	struct attune_buf b = { 0 };
	struct attune_rsum s;
	int notesflag = u->o->notes;
	size_t i, k;

	attune_csv_header(&b, attune_report_csv_cols);
	if (notesflag)	/* one more column, at the end */
		b.s[--b.len] = '\0', attune_buf_str(&b, ",notes\n");
	fwrite(b.s, 1, b.len, stdout);
	for (k = 0; per != NULL && k < nper; k++)
		for (i = 0; i < np; i++) {
			attune_report_sum(r, people[i], per[2 * k],
			    per[2 * k + 1], &s);
			hide(u, people[i], &s);
			if (!s.hide) {
				b.len = 0;
				attune_report_csv_row(&b, &s);
				if (notesflag)
					attune_report_csv_notes(&b, &s);
				fwrite(b.s, 1, b.len, stdout);
			}
			attune_report_sum_free(&s);
		}
	attune_buf_free(&b);
}

/* The summed periods of every person, and their rules, in v. */
static struct attune_rsum *
sums_all(const struct run *u, const struct attune_report *r,
    struct attune_rperson **people, size_t np, const int64_t *per,
    size_t nper, long kc, struct attune_rview *v)
{
	struct attune_rsum *sums, *s;
	size_t i, k;

	sums = attune_xcalloc(nper * np + 1, sizeof *sums);
	for (k = 0; per != NULL && k < nper; k++)
		for (i = 0; i < np; i++) {
			s = &sums[k * np + i];
			attune_report_sum(r, people[i], per[2 * k],
			    per[2 * k + 1], s);
			v->rules |= s->rules;
			hide(u, people[i], s);
			if ((long)k == kc)
				v->now |= s->rules;
		}
	return sums;
}

/* The people reported on, by name; one unless --all-people. */
static struct attune_rperson **
people_of(struct run *u, struct attune_report *r, const char *who, size_t *np)
{
	struct attune_rperson **people;

	*np = 0;
	people = attune_xcalloc(r->np + 1, sizeof *people);
	if (u->o->all) {
		for (; *np < r->np; ++*np)
			people[*np] = &r->p[*np];
		qsort(people, *np, sizeof *people, person_cmp);
	} else {
		if (u->canon != NULL)
			who = u->canon;	/* as the log spells it */
		people[(*np)++] = attune_report_person(r, who, strlen(who));
	}
	return people;
}

/* Everything logged by people[0..np), first day to last, in *from..*to. */
static void
whole_log(struct attune_rperson **people, size_t np, int given,
    int64_t today, int64_t *from, int64_t *to)
{
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	size_t i, c;

	for (i = 0; i < np; i++) {
		if (people[i]->lo < lo)
			lo = people[i]->lo;
		if (people[i]->hi > hi)
			hi = people[i]->hi;
		for (c = 0; c < people[i]->nsc; c++) {
			if (people[i]->sc[c].day < lo)
				lo = people[i]->sc[c].day;
			if (people[i]->sc[c].day > hi)
				hi = people[i]->sc[c].day;
		}
	}
	if (!given)
		*to = hi;
	*from = lo;
	if (lo > hi || *from > *to)
		*from = *to = today;
}

/*
 * What a report covers, the same for the report and for --strict's safety
 * check: the people (who, as the log spells it, or all), the period
 * from..to (the whole log when none was asked for), split by --by into
 * per[0..2 * nper), and the period the check reads, or -1.
 */
static long
span(struct run *u, struct attune_report *r, const char *who, int given,
    int64_t today, int64_t *from, int64_t *to,
    struct attune_rperson ***people, size_t *np, int64_t **per,
    size_t *nper)
{
	long kc;

	*people = people_of(u, r, who, np);
	if (!given || *from == INT64_MIN)
		whole_log(*people, *np, given, today, from, to);
	*per = attune_report_periods(*from, *to, u->o->by, nper);
	kc = check_period(*per, *nper, *to < today ? *to : today);
	if (kc < 0 && *nper > 0 && !given)
		kc = 0;		/* the whole log, all of it after today */
	return kc;
}

/*
 * Whether the report is urgent, worked out once, before a word of it is
 * printed, and used wherever the crisis lines are decided: --strict's stop
 * at a damaged row, the lines before the first CSV row, the lines before
 * the report.  Urgent when a period reported has the urgent rule (with
 * nothing logged in the period, the window the check reads, which may
 * hold a harm flag last week), and, whatever period is reported, when
 * harm came up in the two weeks ending today.  A period that holds today
 * is judged on them already, and so is the whole log, which runs to the
 * last day logged; one asked for that ends before today does not read
 * them, so the logs are judged on them again (attune_judge_logs, saying
 * nothing: the run says what is wrong with a log).  Into v: the rules of
 * the periods (unless summed: sums_all has put them there), those of the
 * check window in v->now, the urgent rule when the lines are due, which
 * is what every format shows them by, and in v->after, for whom harm came
 * up since the period (the text and HTML reports name them).
 */
static int
urgency(const struct run *u, const struct attune_report *r,
    struct attune_rperson **people, size_t np, const int64_t *per,
    size_t nper, long kc, int any, int summed, struct attune_rview *v)
{
	unsigned urgent = 1u << ATTUNE_RULE_URGENT, cr;
	enum attune_warn_way was;
	char *dir, *const *files;
	size_t i, k;
	int each;

	for (k = 0; any && !summed && k < nper; k++) {
		cr = check_rules(r, people, np, per[2 * k], per[2 * k + 1]);
		v->rules |= cr;
		if ((long)k == kc)
			v->now |= cr;
	}
	if (!any && kc >= 0) {
		cr = check_rules(r, people, np, per[2 * kc], per[2 * kc + 1]);
		v->now |= cr;
		v->rules |= cr & urgent;
	}
	/* A report summed whole says whom the lines are for (HTML puts them
	 * on that person's page), so it asks person by person, for each one
	 * whose periods do not show them already (v->s); the rest (--quiet,
	 * CSV, --strict's stop) ask once for everyone. */
	each = summed && np > 0;
	if (u->given && v->to < v->today && (each || !(v->rules & urgent))) {
		was = attune_warn_way(ATTUNE_WARN_DROP);
		dir = *u->o->files == NULL ? attune_dir_resolve(u->o->dir) :
		    NULL;
		files = dir == NULL ? u->o->files : NULL;
		if (each)
			v->after = attune_xcalloc(np, 1);
		for (i = 0; each && i < np; i++) {
			for (cr = 0, k = 0; any && k < nper; k++)
				cr |= v->s[k * np + i].rules;
			if (!(cr & urgent) && (attune_judge_logs(dir, files,
			    people[i]->who, v->today, ATTUNE_CSV_QUIET, NULL,
			    NULL, NULL) & urgent))
				v->after[i] = 1, v->rules |= urgent;
		}
		/* With --all-people, in case someone is not among them. */
		if (!(v->rules & urgent) && (!each || u->o->all))
			v->rules |= attune_judge_logs(dir, files, u->who,
			    v->today, ATTUNE_CSV_QUIET, NULL, NULL, NULL) &
			    urgent;
		attune_warn_way(was);
		free(dir);
	}
	return (v->rules & urgent) != 0;
}

/*
 * What the report on standard output carries of the crisis lines
 * (attune_crisis_out): text, Markdown and HTML hold them in words.  CSV
 * (the urgent id), JSON (the numbers in its crisis array, without the
 * words, and none at all for a country with no lines listed) and FHIR
 * are data for a program: the lines go to standard error, always, as
 * with --quiet, so that a person gets them at a terminal and with 2>&1.
 */
static enum attune_crisis_to
lines_to(const struct attune_report_opt *o)
{
	return o->quiet || o->format == ATTUNE_FMT_CSV ||
	    o->format == ATTUNE_FMT_JSON || o->format == ATTUNE_FMT_FHIR ?
	    ATTUNE_CRISIS_NONE : ATTUNE_CRISIS_OWN;
}

/* The report in its format; the CSV one is printed already. */
static void
render(const struct run *u, struct attune_rview *v)
{
	switch (u->o->format) {
	case ATTUNE_FMT_TEXT:
	case ATTUNE_FMT_MD:
		attune_report_text(stdout, v, u->o->format == ATTUNE_FMT_MD);
		break;
	case ATTUNE_FMT_CSV:
		break;	/* printed already */
	case ATTUNE_FMT_JSON:
		attune_report_json(stdout, v);
		break;
	case ATTUNE_FMT_FHIR:
		/* The Bundle is data for a file; the crisis lines, when
		 * needed, went first to the person, on stderr (lines_to). */
		attune_fhir_write(stdout, u->detail);
		break;
	default:
		attune_report_html(stdout, v);
	}
}

int
attune_report_run(const struct attune_report_opt *o, int64_t today)
{
	struct run u = { .o = o };
	struct attune_report r;
	struct attune_rview v;
	struct attune_rperson **people;
	struct attune_rsum *sums = NULL;
	const char *who = NULL;
	int64_t from = 0, to = 0, *per;
	size_t np = 0, nper, i;
	int given, rval, any = 0, stream, urgent;
	enum attune_warn_way was;
	long kc;

	/* Crisis lines before any other word: what attune.conf, the region
	 * and the logs have to warn about waits till they are shown, or till
	 * it is plain that none are due (err.c). */
	(void)attune_warn_way(ATTUNE_WARN_HOLD);
	if (o->all && o->who != NULL)
		attune_usage_error("choose --who NAME or --all-people, not both");
	attune_conf_dir(o->dir);
	if (!o->all)
		who = attune_opt_who(o->who);
	u.who = who;
	if (o->fhircheckins && o->format != ATTUNE_FMT_FHIR)
		attune_usage_error("--fhir-checkins goes with --format fhir");
	memset(&v, 0, sizeof v);
	v.region = attune_region(o->region);
	v.today = today;
	v.birth = birth_day(o->birth, today);
	v.hasbirth = v.birth != INT64_MIN;
	given = attune_period_user(&o->period, today, &from, &to);
	u.given = given;

	stream = o->format == ATTUNE_FMT_CSV || o->quiet;
	rval = readreport(&u, &r, who, given ? from : INT64_MIN,
	    given ? to : INT64_MAX, stream, today,
	    o->strict ? ATTUNE_CSV_STRICT : 0);
	if (rval && o->strict) {
		/* --strict stops at the first damaged row, but what the logs
		 * hold still counts for safety: read them again past it,
		 * saying nothing (unless one is standard input, which cannot be
		 * read twice: then what was read), and judge them over the
		 * span the report itself would. */
		if (!stdin_given(o->files)) {
			attune_report_free(&r);
			was = attune_warn_way(ATTUNE_WARN_DROP);
			readreport(&u, &r, who, given ? from : INT64_MIN,
			    given ? to : INT64_MAX, 0, today,
			    ATTUNE_CSV_QUIET);
			attune_warn_way(was);
		}
		kc = span(&u, &r, who, given, today, &from, &to, &people, &np,
		    &per, &nper);
		for (i = 0; i < np; i++)
			any |= logged(people[i], from, to);
		v.to = to;
		if (urgency(&u, &r, people, np, per, nper, kc, any, 0, &v))
			attune_crisis_out(ATTUNE_CRISIS_NONE, v.region);
		attune_warn_release();	/* the damaged row named, after */
		free(v.after);
		free(people);
		free(per);
		attune_report_free(&r);
		run_free(&u);
		return ATTUNE_FAIL;
	}
	/* The FHIR Bundle and the HTML details read the same diary. */
	if (o->format == ATTUNE_FMT_HTML || o->format == ATTUNE_FMT_FHIR)
		u.detail = attune_detail_of(&r);
	v.detail = u.detail;

	kc = span(&u, &r, who, given, today, &from, &to, &people, &np, &per,
	    &nper);
	for (i = 0; i < np; i++)
		any |= logged(people[i], from, to);
	v.to = to;
	if (!stream)
		sums = sums_all(&u, &r, people, np, any ? per : NULL, nper, kc,
		    &v);
	v.s = sums;	/* urgency reads whose periods are urgent */
	urgent = urgency(&u, &r, people, np, per, nper, kc, any, !stream, &v);
	/* Crisis lines are never silenced, and come before any row: with
	 * --quiet or data on standard output they go to standard error, and
	 * when the report goes to a file or a pipe, there too.  The warnings
	 * held come after the report that starts with them (or after the
	 * lines), or, with no lines, before anything. */
	if (urgent)
		attune_crisis_out(lines_to(o), v.region);
	else
		attune_warn_release();
	if (stream && !o->quiet) {	/* a period at a time: memory stays */
		attune_warn_release();	/* CSV: the lines went to stderr */
		csv_rows(&u, &r, people, np, any ? per : NULL, nper);
	}
	v.nperiods = any && !stream ? nper : 0;
	v.npeople = np;
	v.from = from;
	v.to = to;
	v.by = o->by;
	v.allnotes = o->notes;
	v.unicode = !o->ascii && (o->format == ATTUNE_FMT_MD ||
	    (o->format == ATTUNE_FMT_TEXT && attune_term_utf8()));
	v.colour = o->format == ATTUNE_FMT_TEXT && isatty(STDOUT_FILENO) &&
	    (getenv("NO_COLOR") == NULL || *getenv("NO_COLOR") == '\0');
	if (!o->quiet && o->format == ATTUNE_FMT_CSV && !any)
		attune_warnx("%s", attune_report_empty);
	if (!o->quiet)
		render(&u, &v);
	attune_warn_release();
	if (!any && !o->quiet)
		nothing_found(&u, o->who != NULL || !o->all ? who : NULL,
		    people, np);
	for (i = 0; sums != NULL && i < nper * np; i++)
		attune_report_sum_free(&sums[i]);
	free(sums);
	free(v.after);
	free(per);
	free(people);
	attune_report_free(&r);
	run_free(&u);
	if (rval)
		return ATTUNE_FAIL;
	return o->check && v.now ? ATTUNE_ATTENTION : ATTUNE_OK;
}
