/*
 * judge.c: the one judgement of the logs.  Given one person's days and
 * screens (the diary lib/report.c keeps) and the day a window ends, it
 * says which reach-out rules fire, with their evidence in plain words,
 * urgent first, and which signals the tips may choose from.  Every
 * threshold lives in attune_thresholds[] below with its source; report,
 * tips, checkin and the scripts ask this file and never judge alone.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"

const char *const attune_rule_ids[] = {
	"urgent", "hard-stretch", "lasting", "worse", "concerns", "screen",
	NULL
};

const char *const attune_signal_ids[] = {
	"bond-low", "numb-high", "anxiety-high", "mood-low", "sleep-low",
	"intrusive", "panic", "rage", "cant-cope", "cant-care", "harm",
	"depression-screen", "anxiety-screen", "bonding-screen",
	"rejection-screen", "infant-anxiety-screen",
	"lasting", "hard-stretch", "worse", "concerns",
	"partner", "older-child", "start", NULL
};

/*
 * Every number the rules use.  The 0-10 measures have no published
 * cut-offs, so those are our judgement; the two weeks come from the
 * seeds' advice to seek help when feelings last beyond two weeks (the
 * baby blues pass within about two weeks: NHS), the screens' cut-offs
 * from attune-screen(1).  attune-report(1) lists them all; --rules prints
 * this table.
 */
static const struct attune_threshold attune_thresholds[] = {
	[ATTUNE_T_BOND_LOW] = { "bond-low", 3, "a bond of 3 or less",
	    "our judgement" },
	[ATTUNE_T_NUMB_HIGH] = { "numb-high", 6, "numbness of 6 or more",
	    "our judgement" },
	[ATTUNE_T_MOOD_LOW] = { "mood-low", 3, "a mood of 3 or less",
	    "our judgement" },
	[ATTUNE_T_ANXIETY_HIGH] = { "anxiety-high", 7, "anxiety of 7 or more",
	    "our judgement" },
	[ATTUNE_T_BOND_VERY] = { "bond-very-low", 1, "a bond of 1 or less",
	    "our judgement" },
	[ATTUNE_T_NUMB_VERY] = { "numb-very-high", 9, "numbness of 9 or more",
	    "our judgement" },
	[ATTUNE_T_MOOD_VERY] = { "mood-very-low", 2, "a mood of 2 or less",
	    "our judgement" },
	[ATTUNE_T_ANXIETY_VERY] = { "anxiety-very-high", 9,
	    "anxiety of 9 or more", "our judgement" },
	[ATTUNE_T_SLEEP_LOW] = { "sleep-low", 5,
	    "under 5 hours of sleep a day, on average over the last 7 days",
	    "our judgement" },
	[ATTUNE_T_WINDOW] = { "window", 14,
	    "days in the window the rules look at, ending today or at "
	    "--until", "seeds: seek help when it lasts beyond two weeks; "
	    "NHS: the baby blues pass within about two weeks" },
	[ATTUNE_T_LASTING_DAYS] = { "lasting-days", 4,
	    "days logged in the window, at the least, for \"lasting\"",
	    "our judgement" },
	[ATTUNE_T_LASTING_SPAN] = { "lasting-span", 10,
	    "days from the first check-in in the window to the last, at the "
	    "least, for \"lasting\"", "our judgement" },
	[ATTUNE_T_HARD_WINDOW] = { "hard-window", 7,
	    "days a very hard stretch is looked for in (the latest ones)",
	    "our judgement: it does not wait two weeks" },
	[ATTUNE_T_HARD_DAYS] = { "hard-days", 3,
	    "very hard days, at the least, and more than half the days "
	    "logged then", "our judgement" },
	[ATTUNE_T_WORSE_WEEKS] = { "worse-weeks", 5,
	    "calendar weeks \"getting worse\" looks back over, this one "
	    "included", "our judgement: about three weeks, with room for a "
	    "missing week" },
	[ATTUNE_T_WORSE_COUNTED] = { "worse-counted", 3,
	    "weeks with check-ins needed, at the least", "our judgement" },
	[ATTUNE_T_WORSE_PARTIAL] = { "worse-partial", 3,
	    "days logged before a week still under way counts",
	    "our judgement" },
	[ATTUNE_T_WORSE_CHANGE] = { "worse-change", 1.5,
	    "points the weekly mean must move the wrong way, first counted "
	    "week to last", "our judgement" },
	[ATTUNE_T_WORSE_BACK] = { "worse-back", 0.5,
	    "points one week may move back the right way, at the most",
	    "our judgement: a flat or slightly better week does not hide "
	    "it" },
	[ATTUNE_T_WORSE_GOOD] = { "worse-good-level", 6,
	    "mood or bond must be at or below this in the latest week",
	    "our judgement: a fall from 9 to 7 is not a worry" },
	[ATTUNE_T_WORSE_BAD] = { "worse-bad-level", 4,
	    "anxiety or numbness must be at or above this in the latest week",
	    "our judgement" },
	[ATTUNE_T_CONCERN_DAYS] = { "concern-days", 3,
	    "days in the latest 7 with intrusive, panic, rage, cant-cope or "
	    "cant-care logged", "our judgement" },
	[ATTUNE_T_CANTCARE_DAYS] = { "cant-care-days", 2,
	    "days in the window with cant-care logged", "our judgement" },
	[ATTUNE_T_SIGNAL_DAYS] = { "signal-days", 7,
	    "days the tips' signals look back over", "our judgement" },
	{ NULL, 0, NULL, NULL }
};

#define T(i)	(attune_thresholds[i].value)

/* The table as attune report --rules prints it: id, value, what, source. */
void
attune_thresholds_print(FILE *f)
{
	const struct attune_threshold *t;

	for (t = attune_thresholds; t->id != NULL; t++)
		fprintf(f, "%-18s %4g  %s (%s)\n", t->id, t->value, t->what,
		    t->source);
}

/* The four measures the rules watch, and their thresholds. */
static const struct {
	int	 k, low, very;
	const char *fell, *word;
} watched[] = {
	{ ATTUNE_MOOD, ATTUNE_T_MOOD_LOW, ATTUNE_T_MOOD_VERY, "mood fell",
	    "mood" },
	{ ATTUNE_BOND, ATTUNE_T_BOND_LOW, ATTUNE_T_BOND_VERY, "bond fell",
	    "bond" },
	{ ATTUNE_ANXIETY, ATTUNE_T_ANXIETY_HIGH, ATTUNE_T_ANXIETY_VERY,
	    "anxiety rose", "anxiety" },
	{ ATTUNE_NUMB, ATTUNE_T_NUMB_HIGH, ATTUNE_T_NUMB_VERY,
	    "numbness rose", "numbness" },
};
#define NWATCHED	(sizeof watched / sizeof watched[0])

static const int flag_signal[] = {
	ATTUNE_SIG_INTRUSIVE, ATTUNE_SIG_PANIC, ATTUNE_SIG_RAGE,
	ATTUNE_SIG_CANT_COPE, ATTUNE_SIG_CANT_CARE
};
#define FLAG_CANT_CARE	(1u << 4)
#define FLAGS_CONCERN	0x1fu	/* every flag but harm */

/* The concern flags as a reader says them. */
static const char *const flag_plain[] = {
	"unwanted thoughts", "panic", "rage", "feeling unable to cope",
	"feeling unable to care"
};

/* Whether value v of measure k is beyond threshold t, the wrong way. */
static int
beyond(int k, double v, int t)
{
	return attune_measures[k].better > 0 ? v <= T(t) : v >= T(t);
}

/* The mean of measure k on one day, if it was answered. */
static int
day_mean(const struct attune_rday *d, int k, double *v)
{
	if (d == NULL || d->m[k].n == 0)
		return 0;
	*v = (double)d->m[k].sum / d->m[k].n;
	return 1;
}

static void
reason(struct attune_verdict *v, int rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Say why a rule fired; the reasons are sorted urgent first at the end. */
static void
reason(struct attune_verdict *v, int rule, const char *fmt, ...)
{
	va_list ap;

	v->rules |= 1u << rule;
	v->why = attune_xreallocarray(v->why, (size_t)v->nwhy + 1,
	    sizeof *v->why);
	v->why[v->nwhy].rule = rule;
	va_start(ap, fmt);
	vsnprintf(v->why[v->nwhy].text, sizeof v->why[0].text, fmt, ap);
	va_end(ap);
	v->nwhy++;
}

/* "a, b and c" into buf. */
static void
join(char *buf, size_t size, const char *const *part, int n)
{
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i == 0 ? "" : i == n - 1 ? " and " : ", ", part[i]);
}

/* Urgent: a harm flag on any day of the window. */
static void
rule_harm(const struct attune_rperson *p, int64_t at,
    struct attune_verdict *v)
{
	char list[200], date[16];
	size_t len = 0;
	int64_t day;
	int n = 0;

	list[0] = '\0';
	for (day = at - (int64_t)T(ATTUNE_T_WINDOW) + 1; day <= at; day++) {
		const struct attune_rday *d = attune_report_day(p, day);

		if (d == NULL || !(d->flags & ATTUNE_FLAG_HARM))
			continue;
		attune_date_format(day, date);
		if (len + 20 < sizeof list)
			len += (size_t)snprintf(list + len, sizeof list - len,
			    "%s%s", n ? ", " : "", date);
		n++;
	}
	if (n > 0)
		reason(v, ATTUNE_RULE_URGENT, "A flag for thoughts of harm was "
		    "logged on %s. Please talk to someone today: the crisis "
		    "lines are there for you, day and night.", list);
}

/* A very hard stretch: most of the days logged in the latest week very
 * low or very high, on at least a few of them. */
static void
rule_hard(const struct attune_rperson *p, int64_t at,
    struct attune_verdict *v)
{
	const char *part[NWATCHED];
	char what[200], d0[16], d1[16];
	int64_t day, first = INT64_MAX, last = 0;
	unsigned seen = 0;
	double x;
	int n = 0, nv = 0, np = 0, very;
	size_t i;

	for (day = at - (int64_t)T(ATTUNE_T_HARD_WINDOW) + 1; day <= at;
	    day++) {
		const struct attune_rday *d = attune_report_day(p, day);
		int any = 0;

		for (i = 0, very = 0; i < NWATCHED; i++) {
			if (!day_mean(d, watched[i].k, &x))
				continue;
			any = 1;
			if (beyond(watched[i].k, x, watched[i].very)) {
				very = 1;
				seen |= 1u << i;
			}
		}
		n += any;
		if (very) {
			nv++;
			if (day < first)
				first = day;
			last = day;
		}
	}
	if (nv < T(ATTUNE_T_HARD_DAYS) || 2 * nv <= n)
		return;
	for (i = 0; i < NWATCHED; i++)
		if (seen & (1u << i))
			part[np++] = attune_thresholds[watched[i].very].what;
	join(what, sizeof what, part, np);
	attune_date_format(first, d0);
	attune_date_format(last, d1);
	v->span[ATTUNE_RULE_HARD][0] = first;
	v->span[ATTUNE_RULE_HARD][1] = last;
	reason(v, ATTUNE_RULE_HARD, "From %s to %s, %d of the %d days logged "
	    "were very hard ones (%s). A stretch like this is worth talking "
	    "about now, without waiting two weeks.", d0, d1, nv, n, what);
}

/* Lasting: on most of the days logged across the window, on enough days
 * spread across it, one of the watched measures beyond its threshold. */
static void
rule_lasting(const struct attune_rperson *p, int64_t at,
    struct attune_verdict *v)
{
	char part[NWATCHED][96], what[400], d0[16], d1[16];
	const char *pp[NWATCHED];
	int64_t day, from = at - (int64_t)T(ATTUNE_T_WINDOW) + 1;
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	int64_t lowfirst = INT64_MAX, lowlast = INT64_MIN, lf, ll;
	double x;
	int n, low, np = 0;
	int64_t first, last;
	size_t i;

	for (i = 0; i < NWATCHED; i++) {
		n = low = 0;
		lf = INT64_MAX;
		ll = INT64_MIN;
		first = INT64_MAX;
		last = INT64_MIN;
		for (day = from; day <= at; day++) {
			if (!day_mean(attune_report_day(p, day), watched[i].k,
			    &x))
				continue;
			n++;
			if (beyond(watched[i].k, x, watched[i].low)) {
				low++;
				if (lf == INT64_MAX)
					lf = day;
				ll = day;
			}
			if (first == INT64_MAX)
				first = day;
			last = day;
		}
		if (n < T(ATTUNE_T_LASTING_DAYS) ||
		    last - first + 1 < T(ATTUNE_T_LASTING_SPAN) || 2 * low <= n)
			continue;
		snprintf(part[np], sizeof part[0], "%s on %d of the %d days "
		    "logged", attune_thresholds[watched[i].low].what, low, n);
		pp[np] = part[np];
		np++;
		if (first < lo)
			lo = first;
		if (last > hi)
			hi = last;
		if (lf < lowfirst)
			lowfirst = lf;
		if (ll > lowlast)
			lowlast = ll;
	}
	if (np == 0)
		return;
	join(what, sizeof what, pp, np);
	attune_date_format(lo, d0);
	attune_date_format(hi, d1);
	v->span[ATTUNE_RULE_LASTING][0] = lowfirst;
	v->span[ATTUNE_RULE_LASTING][1] = lowlast;
	reason(v, ATTUNE_RULE_LASTING, "From %s to %s there was %s. When it "
	    "lasts two weeks like this, it is worth talking it through with "
	    "your midwife, health visitor, doctor or nurse.", d0, d1, what);
}

/*
 * Getting worse: the weekly mean of a watched measure moving the wrong
 * way by a clear amount over the latest calendar weeks.  A week with no
 * check-in is passed over, and so is a week still under way with too few
 * days logged; no week may move back the right way by much, and the
 * latest week counted must be this one or the one before.
 */
static void
rule_worse(const struct attune_rperson *p, int64_t at,
    struct attune_verdict *v)
{
	int nweeks = (int)T(ATTUNE_T_WORSE_WEEKS);
	int64_t monday = at - (attune_weekday(at) - 1), w, day, wk[8];
	double mean[8], sum, x;
	char series[120], d0[16], d1[16];
	size_t i, len;
	int j, m, n, ndays, bad, dir;

	for (i = 0; i < NWATCHED; i++) {
		dir = attune_measures[watched[i].k].better;
		for (j = nweeks - 1, m = 0; j >= 0; j--) {
			w = monday - 7 * (int64_t)j;
			sum = 0;
			n = ndays = 0;
			for (day = w; day <= w + 6 && day <= at; day++) {
				const struct attune_rday *d =
				    attune_report_day(p, day);

				if (d == NULL || d->m[watched[i].k].n == 0)
					continue;
				sum += (double)d->m[watched[i].k].sum;
				n += (int)d->m[watched[i].k].n;
				ndays++;
			}
			if (ndays == 0 || (w + 6 > at &&
			    ndays < T(ATTUNE_T_WORSE_PARTIAL)))
				continue;
			wk[m] = w;
			mean[m++] = sum / n;
		}
		if (m < T(ATTUNE_T_WORSE_COUNTED) || wk[m - 1] < monday - 7)
			continue;
		if ((mean[0] - mean[m - 1]) * dir < T(ATTUNE_T_WORSE_CHANGE))
			continue;
		x = mean[m - 1];
		if (dir > 0 ? x > T(ATTUNE_T_WORSE_GOOD) :
		    x < T(ATTUNE_T_WORSE_BAD))
			continue;
		for (j = 1, bad = 0; j < m; j++)
			if ((mean[j] - mean[j - 1]) * dir >
			    T(ATTUNE_T_WORSE_BACK))
				bad = 1;
		if (bad)
			continue;
		for (j = 0, len = 0; j < m && len < sizeof series; j++)
			len += (size_t)snprintf(series + len,
			    sizeof series - len, "%s%.1f", j ? ", " : "",
			    mean[j]);
		attune_date_format(wk[0], d0);
		attune_date_format(wk[m - 1] + 6 < at ? wk[m - 1] + 6 : at, d1);
		reason(v, ATTUNE_RULE_WORSE, "Week by week, %s: %s (%s to %s). "
		    "Things seem to be getting harder, and that is a good "
		    "reason to talk to someone now.", watched[i].fell, series,
		    d0, d1);
	}
}

/* Concerns keep coming up: the flags other than harm on several days of
 * the latest week, or cant-care on two days of the window. */
static void
rule_concerns(const struct attune_rperson *p, int64_t at,
    struct attune_verdict *v)
{
	const char *part[5];
	char what[160], d0[16], d1[16];
	int64_t day, first = INT64_MAX, last = 0;
	int week = 0, care = 0, np = 0, k;
	unsigned seen = 0;

	for (day = at - (int64_t)T(ATTUNE_T_WINDOW) + 1; day <= at; day++) {
		const struct attune_rday *d = attune_report_day(p, day);
		unsigned f = d != NULL ? d->flags & FLAGS_CONCERN : 0;

		if (f == 0)
			continue;
		care += (f & FLAG_CANT_CARE) != 0;
		if (day > at - (int64_t)T(ATTUNE_T_SIGNAL_DAYS))
			week++;
		seen |= f;
		if (day < first)
			first = day;
		last = day;
	}
	if (week < T(ATTUNE_T_CONCERN_DAYS) &&
	    care < T(ATTUNE_T_CANTCARE_DAYS))
		return;
	for (k = 0; k < 5; k++)
		if (seen & (1u << k))
			part[np++] = flag_plain[k];
	join(what, sizeof what, part, np);
	attune_date_format(first, d0);
	attune_date_format(last, d1);
	reason(v, ATTUNE_RULE_CONCERNS, "From %s to %s, %s came up again and "
	    "again. These are common after a birth and they ease with "
	    "support, so they are worth saying out loud to someone who can "
	    "help.", d0, d1, what);
}

/* The tips' signals from the latest days: a measure beyond its threshold
 * on most days it was logged, a flag logged, little sleep. */
static void
day_signals(const struct attune_rperson *p, int64_t at,
    struct attune_verdict *v)
{
	static const int sig[NWATCHED] = { ATTUNE_SIG_MOOD_LOW,
	    ATTUNE_SIG_BOND_LOW, ATTUNE_SIG_ANXIETY_HIGH,
	    ATTUNE_SIG_NUMB_HIGH };
	int n[NWATCHED] = { 0 }, low[NWATCHED] = { 0 }, ns = 0, k;
	int64_t day;
	double x, sleep = 0;
	size_t i;

	for (day = at - (int64_t)T(ATTUNE_T_SIGNAL_DAYS) + 1; day <= at;
	    day++) {
		const struct attune_rday *d = attune_report_day(p, day);

		if (d == NULL)
			continue;
		v->days++;
		for (i = 0; i < NWATCHED; i++)
			if (day_mean(d, watched[i].k, &x)) {
				n[i]++;
				low[i] += beyond(watched[i].k, x,
				    watched[i].low);
			}
		if (day_mean(d, ATTUNE_SLEEP, &x)) {
			ns++;
			sleep += x / 10;
		}
		for (k = 0; k < 5; k++)
			if (d->flags & (1u << k))
				v->signals |= 1u << flag_signal[k];
	}
	for (i = 0; i < NWATCHED; i++)
		if (n[i] > 0 && 2 * low[i] > n[i])
			v->signals |= 1u << sig[i];
	if (ns > 0 && sleep / ns < T(ATTUNE_T_SLEEP_LOW))
		v->signals |= 1u << ATTUNE_SIG_SLEEP_LOW;
	v->sleep = ns > 0 ? sleep / ns : -1;
}

/* Whether a day matters enough for its notes to be shown: a flag was
 * logged, or a watched measure was beyond its threshold. */
int
attune_day_matters(const struct attune_rday *d)
{
	double x;
	size_t i;

	if (d == NULL)
		return 0;
	if (d->flags)
		return 1;
	for (i = 0; i < NWATCHED; i++)
		if (day_mean(d, watched[i].k, &x) &&
		    beyond(watched[i].k, x, watched[i].low))
			return 1;
	return 0;
}

/* The signals of one check-in on its own, by the same thresholds. */
uint32_t
attune_checkin_signals(const struct attune_checkin *ci)
{
	static const int sig[NWATCHED] = { ATTUNE_SIG_MOOD_LOW,
	    ATTUNE_SIG_BOND_LOW, ATTUNE_SIG_ANXIETY_HIGH,
	    ATTUNE_SIG_NUMB_HIGH };
	uint32_t s = 0;
	size_t i;
	int k;

	for (i = 0; i < NWATCHED; i++)
		if (ci->v[watched[i].k] >= 0 &&
		    beyond(watched[i].k, ci->v[watched[i].k], watched[i].low))
			s |= 1u << sig[i];
	if (ci->v[ATTUNE_SLEEP] >= 0 &&
	    ci->v[ATTUNE_SLEEP] / 10.0 < T(ATTUNE_T_SLEEP_LOW))
		s |= 1u << ATTUNE_SIG_SLEEP_LOW;
	for (k = 0; k < 5; k++)
		if (ci->flags & (1u << k))
			s |= 1u << flag_signal[k];
	if (ci->flags & ATTUNE_FLAG_HARM)
		s |= 1u << ATTUNE_SIG_HARM;
	return s;
}

void
attune_judge_days(const struct attune_rperson *p, int64_t at,
    struct attune_verdict *v)
{
	rule_harm(p, at, v);
	rule_hard(p, at, v);
	rule_lasting(p, at, v);
	rule_worse(p, at, v);
	rule_concerns(p, at, v);
	day_signals(p, at, v);
}

/* The signal a positive screen, or one of its scales, stands for. */
static int
screen_signal(const struct attune_rscreen *sc, int scale)
{
	const char *in = sc->instrument;

	if (strcasecmp(in, "pbq") == 0)
		return scale == 1 ? ATTUNE_SIG_REJECTION_SCREEN : scale == 2 ?
		    ATTUNE_SIG_INFANT_ANXIETY_SCREEN : scale == 3 ?
		    ATTUNE_SIG_HARM : ATTUNE_SIG_BONDING_SCREEN;
	if (strncasecmp(in, "gad", 3) == 0 || scale >= 0)
		return ATTUNE_SIG_ANXIETY_SCREEN;
	return ATTUNE_SIG_DEPRESSION_SCREEN;
}

/*
 * The screens of the window: any safety item is urgent; the latest screen
 * of each instrument counts when it is positive (a later negative one of
 * the same instrument supersedes an earlier positive one).
 */
void
attune_judge_screens(const struct attune_rperson *p, int64_t at,
    struct attune_verdict *v)
{
	int64_t from = at - (int64_t)T(ATTUNE_T_WINDOW) + 1;
	const struct attune_rscreen *sc, *next;
	char date[16];
	size_t i, j;
	int k, later;

	for (i = 0; i < p->nsc; i++) {
		sc = &p->sc[i];
		if (sc->day < from || sc->day > at)
			continue;
		v->screens++;
		attune_date_format(sc->day, date);
		if (sc->safety) {
			v->signals |= 1u << ATTUNE_SIG_HARM;
			if (sc->items[0] != '\0')
				reason(v, ATTUNE_RULE_URGENT, "The %s on %s had "
				    "its question about harm (item %s) answered "
				    "above its lowest option. Please talk to "
				    "someone today.", sc->name ? sc->name :
				    sc->instrument, date, sc->items);
			else
				reason(v, ATTUNE_RULE_URGENT, "The %s on %s "
				    "raised a safety flag. Please talk to "
				    "someone today.", sc->name ? sc->name :
				    "screen", date);
		}
		for (j = i + 1, later = 0; j < p->nsc && !later; j++) {
			next = &p->sc[j];
			later = next->day <= at &&
			    strcasecmp(next->name ? next->name :
			    next->instrument, sc->name ? sc->name :
			    sc->instrument) == 0;
		}
		if (later || !sc->positive)
			continue;
		if (sc->bandpos)
			v->signals |= 1u << screen_signal(sc, -1);
		for (k = 0; k < ATTUNE_MAXSCALES; k++)
			if (sc->high & (1u << k))
				v->signals |= 1u << screen_signal(sc, k);
		reason(v, ATTUNE_RULE_SCREEN, "The %s on %s is in a range where "
		    "a talk with your midwife, health visitor, doctor or nurse "
		    "is suggested: %s.", sc->name ? sc->name : sc->instrument,
		    date, sc->why);
	}
}

static int
why_cmp(const void *a, const void *b)
{
	const struct attune_rwhy *x = a, *y = b;

	return x->rule - y->rule;
}

/* Put the reasons in the rules' order, urgent first, keeping the order
 * within a rule; and the rules as signals. */
void
attune_judge_end(struct attune_verdict *v)
{
	static const int rule_signal[ATTUNE_NRULES] = {
		[ATTUNE_RULE_URGENT] = ATTUNE_SIG_HARM,
		[ATTUNE_RULE_HARD] = ATTUNE_SIG_HARD,
		[ATTUNE_RULE_LASTING] = ATTUNE_SIG_LASTING,
		[ATTUNE_RULE_WORSE] = ATTUNE_SIG_WORSE,
		[ATTUNE_RULE_CONCERNS] = ATTUNE_SIG_CONCERNS,
		[ATTUNE_RULE_SCREEN] = -1,
	};
	int i, j;

	/* An insertion sort is stable, and there are only a few. */
	for (i = 1; i < v->nwhy; i++) {
		struct attune_rwhy t = v->why[i];

		for (j = i; j > 0 && why_cmp(&v->why[j - 1], &t) > 0; j--)
			v->why[j] = v->why[j - 1];
		v->why[j] = t;
	}
	for (i = 0; i < ATTUNE_NRULES; i++)
		if ((v->rules & (1u << i)) && rule_signal[i] >= 0)
			v->signals |= 1u << rule_signal[i];
}

void
attune_judge(const struct attune_rperson *p, int64_t at,
    struct attune_verdict *v)
{
	at = attune_judge_today(p, at);
	attune_judge_days(p, at, v);
	attune_judge_screens(p, at, v);
	attune_judge_end(v);
}

void
attune_verdict_merge(struct attune_verdict *v, const struct attune_verdict *w)
{
	int i;

	for (i = 0; i < w->nwhy; i++)
		reason(v, w->why[i].rule, "%s", w->why[i].text);
	v->rules |= w->rules;
	v->signals |= w->signals;
	v->days += w->days;
	v->screens += w->screens;
	if (w->sleep >= 0)
		v->sleep = w->sleep;
}

void
attune_verdict_free(struct attune_verdict *v)
{
	free(v->why);
	memset(v, 0, sizeof *v);
	v->sleep = -1;
}

/* --- logs, read and judged ------------------------------------------ */

/*
 * Logs judged on the two weeks ending on day (attune_judge): files, a
 * NULL-ended list of logs of either kind ("-", standard input, read only
 * when it is no terminal), or with files NULL both logs of the data
 * directory dir, archives included; for who alone (matched as the diary
 * matches a name) or, with who NULL, for each person in them.  Returns the
 * rules that fire for anyone.  v, when not NULL (and who is given), gets
 * who's whole verdict (attune_verdict_free).  *failed, when not NULL, is
 * set to 1 if a log could not be read in full; what was read is judged
 * all the same, so that a safety item in any log counts.  add, when not
 * NULL, is a check-in not logged yet, counted with the logs: v is then
 * two verdicts, v[0] without it and v[1] with it, from the one reading,
 * and the rules returned are those with it.  The one place a command asks
 * whether harm came up in the logs it reads.
 */
unsigned
attune_judge_logs(const char *dir, char *const *files, const char *who,
    int64_t day, int flags, const struct attune_checkin *add,
    struct attune_verdict *v, int *failed)
{
	struct attune_report r;
	struct attune_verdict one;
	unsigned rules = 0;
	size_t i;
	int bad = 0;

	memset(&r, 0, sizeof r);
	attune_report_setup(&r, day - ATTUNE_RBACK, day, ATTUNE_BY_NONE, 0,
	    day);
	if (files == NULL)
		bad = attune_diary_read(&r, dir, who, flags) < 0;
	for (; files != NULL && *files != NULL; files++)
		if (strcmp(*files, "-") != 0 || !isatty(STDIN_FILENO))
			bad |= attune_diary_log(&r, *files, -1, who, flags) < 0;
	attune_report_done(&r);
	if (add != NULL) {
		if (v != NULL && who != NULL) {
			memset(v, 0, sizeof *v);
			v->sleep = -1;
			attune_judge(attune_report_person(&r, who,
			    strlen(who)), day, v++);
		}
		attune_report_checkin(&r, add);
		attune_report_done(&r);
	}
	if (v != NULL && who != NULL) {
		memset(v, 0, sizeof *v);
		v->sleep = -1;
		attune_judge(attune_report_person(&r, who, strlen(who)), day,
		    v);
		rules = v->rules;
	} else
		for (i = 0; i < r.np; i++) {
			memset(&one, 0, sizeof one);
			one.sleep = -1;
			attune_judge(&r.p[i], day, &one);
			rules |= one.rules;
			attune_verdict_free(&one);
		}
	attune_report_free(&r);
	if (failed != NULL)
		*failed = bad;
	return rules;
}

/*
 * Whether harm came up in the two weeks ending today for the person (s's
 * who, else $ATTUNE_WHO, else attune.conf's, else "me": attune_who_pick),
 * or with s's all for anyone, in the logs the command reads: s's operands
 * when they are logs (s->files), else those of the data directory, saying
 * nothing of a log that cannot be read (the usage error is next); if so,
 * the crisis lines are shown, for the region if it is one, else every
 * region's, where attune_harm_first puts them.  Commands call this before
 * a usage error, so that no mistake in an option can hide the lines.  1
 * if they were shown.
 */
int
attune_safety_first(const struct attune_safety_opt *s)
{
	struct attune_time now;
	const char *rg = NULL, *who = NULL, *src;
	char *d = NULL;
	unsigned rules = 0;
	enum attune_warn_way was;

	/* Whose (attune_who_pick, as attune_opt_who), dir's attune.conf
	 * read whoever it is, with what it warns about held till after the
	 * lines, and the usage error's (err.c). */
	attune_conf_dir(s->dir);
	was = attune_warn_way(ATTUNE_WARN_HOLD);
	(void)attune_conf_default();
	if (!s->all)
		who = attune_who_pick(s->who, &src);
	if (who != NULL && !attune_who_valid(who, strlen(who)))
		goto out;
	if ((!s->files || s->nargs == 0) &&
	    (d = attune_dir_find(s->dir)) == NULL)
		goto out;	/* no home: no logs; the usage error is next */
	(void)attune_time_clock(&now);	/* bad $ATTUNE_NOW: the system's */
	attune_warn_way(ATTUNE_WARN_DROP);	/* an unreadable log: run's */
	rules = attune_judge_logs(d, d == NULL ? s->args : NULL, who,
	    now.days, ATTUNE_CSV_QUIET, NULL, NULL, NULL);
	attune_warn_way(ATTUNE_WARN_HOLD);
	free(d);
	/* The lines first, then what is wrong with the region, before the
	 * usage error. */
	if (rules & (1u << ATTUNE_RULE_URGENT))
		attune_harm_first(s);
	attune_region_parse(s->region, &rg);
out:
	attune_warn_way(was);
	return (rules & (1u << ATTUNE_RULE_URGENT)) != 0;
}

/* --- one logged screen ----------------------------------------------- */

/* The safety items that raised the flag (bit i: item i + 1) as a reader
 * says them, "9 and 10": the one way every screen lists them. */
void
attune_safety_items(char items[64], unsigned long raised)
{
	size_t len = 0;
	int i;

	memset(items, 0, 64);
	for (i = 0; i < ATTUNE_MAXITEMS; i++)
		if ((raised & (1ul << i)) && len + 8 < 64)
			len += (size_t)snprintf(items + len, 64 - len, "%s%d",
			    len ? " and " : "", i + 1);
}

/*
 * Whether a subscale name in a log stands for the scale: its own name
 * ("bonding"), "scaleN" or "sN" for the Nth, or, for the PBQ, a word of
 * its title (impaired, rejection or anger, anxiety, abuse or risk).
 */
static int
scale_named(const struct attune_instrument *in, const struct attune_scale *sc,
    int nth, const char *s, size_t n)
{
	static const char *const pbq_words[][2] = {
		{ "impair", "bond" }, { "reject", "anger" }, { "anx", "anx" },
		{ "abuse", "risk" }
	};
	char name[40];
	size_t i;

	if (n == 0 || n >= sizeof name)
		return 0;
	for (i = 0; i < n; i++)
		name[i] = (char)tolower((unsigned char)s[i]);
	name[n] = '\0';
	if (strcmp(name, sc->name) == 0)
		return 1;
	if (isdigit((unsigned char)name[n - 1]))
		return (n == 1 || !isdigit((unsigned char)name[n - 2])) &&
		    name[n - 1] - '0' == nth + 1 && (n == 1 ||
		    strncmp(name, "scale", n - 1) == 0 ||
		    strncmp(name, "s", n - 1) == 0);
	if (!in->scale_bands)
		return strstr(name, "anx") != NULL;
	return nth < 4 && (strstr(name, pbq_words[nth][0]) != NULL ||
	    strstr(name, pbq_words[nth][1]) != NULL);
}

/* The scales at or above their cut-offs, from the subscales or the flags
 * ("high-NAME"); why says the first. */
static unsigned
scales_high(const char *subscales, const struct attune_instrument *in,
    const char *flags, int partner, char why[160])
{
	const struct attune_scale *sc;
	const char *p, *name;
	unsigned mask = 0;
	size_t n;
	int nth, v, cut;

	for (nth = 0, sc = in->scales; sc != NULL && sc->name != NULL;
	    sc++, nth++) {
		cut = attune_scale_cutoff(sc, partner);
		for (p = subscales; attune_subscale_next(&p, &name, &n, &v);) {
			if (!scale_named(in, sc, nth, name, n))
				continue;
			if (v >= cut && !(mask & (1u << nth))) {
				if (mask == 0)
					snprintf(why, 160, "its %c%s scale "
					    "scored %d, at or above %d",
					    tolower((unsigned char)
					    sc->title[0]), sc->title + 1, v,
					    cut);
				mask |= 1u << nth;
			}
		}
		if (!(mask & (1u << nth)) && attune_sflag_high(flags, sc)) {
			if (mask == 0)
				snprintf(why, 160, "its %c%s scale was at or "
				    "above its cut-off",
				    tolower((unsigned char)sc->title[0]),
				    sc->title + 1);
			mask |= 1u << nth;
		}
	}
	return mask;
}

/*
 * Whether a logged screen raised a safety item (the "safety" flag, or a
 * safety item answered above 0, listed as "9 and 10"), whether its total
 * is in a positive band (partner cut-offs when flagged "partner", or the
 * band word logged) and which of its scales are high; positive when
 * either is, into the judgement fields of s (safety, positive, bandpos,
 * high, items, why).  in is its instrument (attune_instrument), or NULL
 * for one this version does not know: then only the flag counts.  pts,
 * when not NULL, holds every item's points, read from its answers already
 * (attune_answers_parse, whose strict reading gives the points this one
 * would); else the answers are read here, leniently.
 */
void
attune_screen_judge(const struct attune_screen *sc,
    const struct attune_instrument *in, const int *pts,
    struct attune_rscreen *sv)
{
	const struct attune_band *b, *band = NULL;
	char swhy[160];
	unsigned long raised = 0;
	int i, partner;

	sv->safety = sv->positive = sv->bandpos = 0;
	sv->high = 0;
	memset(sv->items, 0, sizeof sv->items);
	memset(sv->why, 0, sizeof sv->why);
	sv->safety = attune_has_word(sc->flags, "safety");
	if (in == NULL)
		return;
	partner = attune_has_word(sc->flags, "partner");
	for (i = 0; i < in->nitems; i++)
		if (attune_item_raises(in, i, pts != NULL ? pts[i] :
		    attune_answer_points(sc->answers, i + 1)))
			raised |= 1ul << i;
	if (raised != 0)
		sv->safety = 1;
	attune_safety_items(sv->items, raised);
	swhy[0] = '\0';
	sv->high = scales_high(sc->subscales, in, sc->flags, partner, swhy);
	if (!in->scale_bands) {
		for (b = attune_bands(in, partner); b->word != NULL; b++)
			if (b->min <= sc->total)
				band = b;
		if (band == NULL || !band->positive)
			band = attune_band_find(in, sc->band);
		if (band != NULL && band->positive) {
			sv->bandpos = 1;
			snprintf(sv->why, sizeof sv->why, "it scored %d (%s)",
			    sc->total, band->plain);
		}
	} else if (sv->high == 0 && (b = attune_band_find(in, sc->band)) !=
	    NULL && b->positive) {
		sv->bandpos = 1;
		snprintf(sv->why, sizeof sv->why, "it scored %d (%s)",
		    sc->total, b->plain);
	}
	if (sv->why[0] == '\0' && sv->high)
		memcpy(sv->why, swhy, sizeof sv->why);
	sv->positive = sv->bandpos || sv->high != 0;
}
