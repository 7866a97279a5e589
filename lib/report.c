/*
 * report.c: what attune report learns from the logs.  Check-ins stream past
 * once and are summed per person and day, so memory grows with the days
 * logged, never with the rows; screens are few and kept whole.  The
 * reach-out rules of attune-report(1) are worked out here, from the days.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "attune.h"

const char *const attune_rule_ids[] = {
	"urgent", "lasting", "worse", "screen", NULL
};

#define NOSLOT	UINT32_MAX

static uint64_t
hash(int64_t day)
{
	return (uint64_t)day * 0x9e3779b97f4a7c15ull;
}

static void
rehash(struct attune_rperson *p, size_t cap)
{
	size_t i;

	free(p->keys);
	free(p->slot);
	p->hcap = cap;
	p->keys = attune_xreallocarray(NULL, cap, sizeof *p->keys);
	p->slot = attune_xreallocarray(NULL, cap, sizeof *p->slot);
	for (i = 0; i < cap; i++)
		p->slot[i] = NOSLOT;
}

/* The index of day in p->days, or NOSLOT; with add, made if missing. */
static uint32_t
find(struct attune_rperson *p, int64_t day, int add)
{
	size_t h;

	if (p->ndays > 0 && day == p->lastday)
		return p->lastidx;
	if (p->hcap == 0) {
		if (!add)
			return NOSLOT;
		rehash(p, 256);
	}
	for (h = hash(day) & (p->hcap - 1); p->slot[h] != NOSLOT;
	    h = (h + 1) & (p->hcap - 1))
		if (p->keys[h] == day)
			goto found;
	if (!add)
		return NOSLOT;
	if (p->ndays == p->capdays) {
		p->capdays = p->capdays ? p->capdays * 2 : 64;
		p->days = attune_xreallocarray(p->days, p->capdays,
		    sizeof *p->days);
	}
	memset(&p->days[p->ndays], 0, sizeof p->days[0]);
	p->keys[h] = day;
	p->slot[h] = (uint32_t)p->ndays++;
	if (day < p->lo)
		p->lo = day;
	if (day > p->hi)
		p->hi = day;
	if (p->ndays * 2 > p->hcap) {
		/* Grow, and put every day back in its place. */
		int64_t *keys = p->keys;
		uint32_t *slot = p->slot;
		size_t old = p->hcap, i, k;

		p->keys = NULL;
		p->slot = NULL;
		rehash(p, old * 2);
		for (i = 0; i < old; i++) {
			if (slot[i] == NOSLOT)
				continue;
			for (k = hash(keys[i]) & (p->hcap - 1);
			    p->slot[k] != NOSLOT; k = (k + 1) & (p->hcap - 1))
				;
			p->keys[k] = keys[i];
			p->slot[k] = slot[i];
		}
		free(keys);
		free(slot);
		return find(p, day, 0);
	}
found:
	p->lastday = day;
	p->lastidx = p->slot[h];
	return p->lastidx;
}

const struct attune_rday *
attune_report_day(const struct attune_rperson *p, int64_t day)
{
	uint32_t i = find((struct attune_rperson *)p, day, 0);

	return i == NOSLOT ? NULL : &p->days[i];
}

struct attune_rperson *
attune_report_person(struct attune_report *r, const char *who, size_t n)
{
	struct attune_rperson *p;
	size_t i;

	/* Called for every row: the person of the row before is likely. */
	if (r->np > 0) {
		p = &r->p[r->last];
		if (p->whon == n && memcmp(p->who, who, n) == 0)
			return p;
	}
	for (i = 0; i < r->np; i++) {
		p = &r->p[i];
		if (p->whon == n && memcmp(p->who, who, n) == 0) {
			r->last = i;
			return p;
		}
	}
	if (r->np == r->capp) {
		r->capp = r->capp ? r->capp * 2 : 4;
		r->p = attune_xreallocarray(r->p, r->capp, sizeof *r->p);
	}
	p = &r->p[r->np];
	memset(p, 0, sizeof *p);
	p->who = attune_xmalloc(n + 1);
	memcpy(p->who, who, n);
	p->who[n] = '\0';
	p->whon = n;
	p->lo = INT64_MAX;
	p->hi = INT64_MIN;
	r->last = r->np++;
	return p;
}

static void
stat_add(struct attune_rstat *s, int v)
{
	if (s->n == 0 || v < s->min)
		s->min = (int16_t)v;
	if (s->n == 0 || v > s->max)
		s->max = (int16_t)v;
	s->sum += v;
	s->n++;
}

static void
stat_merge(struct attune_rstat *s, const struct attune_rstat *t)
{
	if (t->n == 0)
		return;
	if (s->n == 0 || t->min < s->min)
		s->min = t->min;
	if (s->n == 0 || t->max > s->max)
		s->max = t->max;
	s->sum += t->sum;
	s->n += t->n;
}

int
attune_rstat_mean(const struct attune_rstat *m, int k, double *mean)
{
	if (m->n == 0)
		return 0;
	*mean = (double)m->sum / m->n;
	if (attune_measures[k].tenths)
		*mean /= 10;
	return 1;
}

void
attune_report_checkin(struct attune_report *r, const struct attune_checkin *ci)
{
	struct attune_rperson *p = attune_report_person(r, ci->who,
	    strlen(ci->who));
	uint32_t i = find(p, ci->ts.days, 1);	/* may move p->days */
	struct attune_rday *d = &p->days[i];
	int k, b = ci->v[ATTUNE_BOND], nb = ci->v[ATTUNE_NUMB];

	for (k = 0; k < ATTUNE_NMEASURES; k++)
		if (ci->v[k] >= 0)
			stat_add(&d->m[k], ci->v[k]);
	d->checkins++;
	if (ci->flags) {
		d->flagged++;
		d->flags |= (uint8_t)ci->flags;
	}
	d->did |= (uint16_t)ci->did;
	if (b >= 0 || nb >= 0) {
		d->lowans++;
		if ((b >= 0 && b <= 3) || nb >= 6)
			d->low++;
	}
	if (p->lastp != NULL) {
		/* Worked out before this check-in came: work it out again. */
		free(p->lastp);
		free(p->lastm);
		free(p->lasts);
		p->lastp = p->lastm = p->lasts = NULL;
	}
}

/* Does the ';'-separated list hold the word? */
static int
has_word(const char *list, const char *word)
{
	size_t n = strlen(word), k;
	const char *p = list;

	while (*p != '\0') {
		while (*p == ' ' || *p == ';' || *p == ',')
			p++;
		k = strcspn(p, ";, ");
		if (k == n && strncmp(p, word, n) == 0)
			return 1;
		p += k;
	}
	return 0;
}

/*
 * Points given to item (1-based) in an answers list, "position:points"
 * pairs in item order; -1 if not there.  A bare number counts as points.
 */
static int
item_points(const char *answers, int item)
{
	const char *p = answers, *colon;
	int i = 1;
	size_t k;

	while (*p != '\0') {
		k = strcspn(p, ";,");
		if (i == item) {
			colon = memchr(p, ':', k);
			return atoi(colon != NULL ? colon + 1 : p);
		}
		p += k;
		if (*p != '\0')
			p++;
		i++;
	}
	return -1;
}

/*
 * Whether a subscale name in a log stands for the scale: its own name
 * ("bonding"), "scaleN" or "sN" for the Nth, or, for the PBQ, a word of
 * its title (impaired, rejection or anger, anxiety, abuse or risk).
 */
static int
scale_named(const struct attune_scale *sc, int nth, const char *s, size_t n)
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
	return nth < 4 && (strstr(name, pbq_words[nth][0]) != NULL ||
	    strstr(name, pbq_words[nth][1]) != NULL);
}

/* A scale at or above its cut-off, from the subscales or the flags. */
static void
scales_positive(struct attune_rscreen *s, const struct attune_instrument *in,
    const char *flags, int partner)
{
	const struct attune_scale *sc;
	const char *p, *eq;
	char high[48];
	size_t k;
	int nth, v, cut;

	for (nth = 0, sc = in->scales; sc != NULL && sc->name != NULL;
	    sc++, nth++) {
		cut = attune_scale_cutoff(sc, partner);
		for (p = s->subscales; *p != '\0'; p += k) {
			while (*p == ' ' || *p == ';' || *p == ',')
				p++;
			k = strcspn(p, ";,");
			if ((eq = memchr(p, '=', k)) == NULL ||
			    !scale_named(sc, nth, p, (size_t)(eq - p)))
				continue;
			v = atoi(eq + 1);
			if (v >= cut && !s->positive) {
				s->positive = 1;
				snprintf(s->why, sizeof s->why, "its %c%s scale "
				    "scored %d, at or above %d",
				    tolower((unsigned char)sc->title[0]),
				    sc->title + 1, v, cut);
			}
		}
		snprintf(high, sizeof high, "high-%s", sc->name);
		if (!s->positive && has_word(flags, high)) {
			s->positive = 1;
			snprintf(s->why, sizeof s->why, "its %c%s scale was "
			    "at or above its cut-off",
			    tolower((unsigned char)sc->title[0]), sc->title + 1);
		}
	}
}

/*
 * Keep a screen, and work out once whether it raised a safety item (the
 * "safety" flag, or a safety item answered above 0) and whether it is in
 * a positive band (by its total and the bands of attune-screen(1), or
 * by the band word logged, or for the PBQ by its scales).
 */
void
attune_report_screen(struct attune_report *r, const struct attune_screen *sc)
{
	struct attune_rperson *p = attune_report_person(r, sc->who,
	    strlen(sc->who));
	const struct attune_instrument *in;
	const struct attune_band *b, *band = NULL;
	struct attune_rscreen *s;
	size_t len = 0;
	int i, partner;

	if (p->nsc == p->capsc) {
		p->capsc = p->capsc ? p->capsc * 2 : 8;
		p->sc = attune_xreallocarray(p->sc, p->capsc, sizeof *p->sc);
	}
	s = &p->sc[p->nsc++];
	memset(s, 0, sizeof *s);
	s->day = sc->ts.days;
	s->sec = sc->ts.sec;
	s->instrument = attune_xstrdup(sc->instrument);
	s->band = attune_xstrdup(sc->band);
	s->subscales = attune_xstrdup(sc->subscales);
	s->total = sc->total;
	s->safety = has_word(sc->flags, "safety");
	if ((in = attune_instrument(sc->instrument)) == NULL)
		return;
	s->name = in->label;
	partner = has_word(sc->flags, "partner");
	for (i = 0; i < in->nitems; i++)
		if (in->items[i].safety && item_points(sc->answers, i + 1) > 0) {
			s->safety = 1;
			if (len + 8 < sizeof s->items)
				len += (size_t)snprintf(s->items + len,
				    sizeof s->items - len, "%s%d",
				    len ? " and " : "", i + 1);
		}
	if (in->scale_bands) {
		scales_positive(s, in, sc->flags, partner);
	} else {
		for (b = attune_bands(in, partner); b->word != NULL; b++)
			if (b->min <= s->total)
				band = b;
		if (band != NULL && band->positive) {
			s->positive = 1;
			snprintf(s->why, sizeof s->why, "it scored %d (%s)",
			    s->total, band->plain);
		}
	}
	if (!s->positive && (b = attune_band_find(in, sc->band)) != NULL &&
	    b->positive) {
		s->positive = 1;
		snprintf(s->why, sizeof s->why, "it scored %d (%s)", s->total,
		    b->plain);
	}
}

static int
screen_cmp(const void *a, const void *b)
{
	const struct attune_rscreen *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return (x->sec > y->sec) - (x->sec < y->sec);
}

void
attune_report_done(struct attune_report *r)
{
	size_t i;

	for (i = 0; i < r->np; i++)
		if (r->p[i].nsc > 1)
			qsort(r->p[i].sc, r->p[i].nsc, sizeof *r->p[i].sc,
			    screen_cmp);
}

void
attune_report_range(const struct attune_rperson *p, int64_t start,
    int64_t end, struct attune_rstat *m, uint32_t *checkins, uint32_t *days,
    uint32_t *flagged)
{
	const struct attune_rday *d;
	int64_t day;
	int k;

	memset(m, 0, ATTUNE_NMEASURES * sizeof *m);
	*checkins = *days = *flagged = 0;
	if (start < p->lo)
		start = p->lo;
	if (end > p->hi)
		end = p->hi;
	for (day = start; day <= end; day++) {
		if ((d = attune_report_day(p, day)) == NULL)
			continue;
		for (k = 0; k < ATTUNE_NMEASURES; k++)
			stat_merge(&m[k], &d->m[k]);
		*checkins += d->checkins;
		*days += d->checkins > 0;
		*flagged += d->flagged;
	}
}

static int64_t
month_start(int64_t day)
{
	int y, m, d;

	attune_civil_from_days(day, &y, &m, &d);
	return attune_days_from_civil(y, m, 1);
}

static int64_t
month_next(int64_t day)
{
	int y, m, d;

	attune_civil_from_days(day, &y, &m, &d);
	return m == 12 ? attune_days_from_civil(y + 1, 1, 1) :
	    attune_days_from_civil(y, m + 1, 1);
}

/* The periods from..to split by day, week or month: start, end pairs. */
int64_t *
attune_report_periods(int64_t from, int64_t to, int by, size_t *n)
{
	int64_t *v = NULL, s, e;
	size_t cap = 0;

	*n = 0;
	if (by == ATTUNE_BY_WEEK)
		from -= attune_weekday(from) - 1;
	else if (by == ATTUNE_BY_MONTH)
		from = month_start(from);
	for (s = from; s <= to; s = e + 1) {
		switch (by) {
		case ATTUNE_BY_DAY:
			e = s;
			break;
		case ATTUNE_BY_WEEK:
			e = s + 6;
			break;
		case ATTUNE_BY_MONTH:
			e = month_next(s) - 1;
			break;
		default:
			e = to;
		}
		if (*n + 2 > cap) {
			cap = cap ? cap * 2 : 16;
			v = attune_xreallocarray(v, cap, sizeof *v);
		}
		v[(*n)++] = s;
		v[(*n)++] = e;
	}
	*n /= 2;
	return v;
}

static void
why(struct attune_rsum *s, int rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
why(struct attune_rsum *s, int rule, const char *fmt, ...)
{
	va_list ap;

	s->rules |= 1u << rule;
	/* Kept apart, so that a summary with nothing to say stays small. */
	s->why = attune_xreallocarray(s->why, s->nwhy + 1, sizeof *s->why);
	s->why[s->nwhy].rule = rule;
	va_start(ap, fmt);
	vsnprintf(s->why[s->nwhy].text, sizeof s->why[0].text, fmt, ap);
	va_end(ap);
	s->nwhy++;
}

/* Days in start..end with a harm flag, listed as dates. */
static void
rule_urgent(const struct attune_rperson *p, struct attune_rsum *s)
{
	const struct attune_rday *d;
	char list[200], date[16];
	size_t len = 0;
	int64_t day;
	int n = 0;
	size_t i;

	list[0] = '\0';
	for (day = s->start > p->lo ? s->start : p->lo;
	    day <= s->end && day <= p->hi; day++) {
		if ((d = attune_report_day(p, day)) == NULL ||
		    !(d->flags & ATTUNE_FLAG_HARM))
			continue;
		attune_date_format(day, date);
		if (len + 20 < sizeof list)
			len += (size_t)snprintf(list + len, sizeof list - len,
			    "%s%s", n ? ", " : "", date);
		n++;
	}
	if (n > 0)
		why(s, ATTUNE_RULE_URGENT, "A flag for thoughts of harm was "
		    "logged on %s.", list);
	for (i = 0; i < p->nsc; i++) {
		const struct attune_rscreen *sc = &p->sc[i];

		if (sc->day < s->start || sc->day > s->end || !sc->safety)
			continue;
		attune_date_format(sc->day, date);
		if (sc->items[0] != '\0')
			why(s, ATTUNE_RULE_URGENT, "The %s on %s had a safety "
			    "item (item %s) answered above 0.", sc->name, date,
			    sc->items);
		else
			why(s, ATTUNE_RULE_URGENT, "The %s on %s raised a "
			    "safety flag.", sc->name ? sc->name : "screen",
			    date);
	}
}

/*
 * Lasting: a window of 14 days or more, ending on a day in the period (it
 * may begin before), with a check-in answering bond or numb on its first
 * and its last day, in which more than half of the check-ins answering
 * them had numb 6 or more or bond 3 or less.  With P(d) = 2 * low - answered
 * summed up to day d, a window s..e qualifies when P(e) > P(s - 1), so the
 * smallest P(s - 1) over the starts at least 13 days before e is enough.
 * Both are worked out once per person, for every day logged.
 */
static void
lasting_prepare(struct attune_rperson *p)
{
	const struct attune_rday *d;
	int64_t day, acc = 0, minv = INT64_MAX, mins = 0, *P, *M, *S;
	size_t span = (size_t)(p->hi - p->lo + 2);

	P = p->lastp = attune_xreallocarray(NULL, span, sizeof *P);
	M = p->lastm = attune_xreallocarray(NULL, span, sizeof *M);
	S = p->lasts = attune_xreallocarray(NULL, span, sizeof *S);
	P[0] = 0;	/* P[i] is the sum up to day lo + i - 1 */
	for (day = p->lo; day <= p->hi; day++) {
		d = attune_report_day(p, day);
		if (d != NULL)
			acc += 2 * (int64_t)d->low - d->lowans;
		P[day - p->lo + 1] = acc;
	}
	/* M[e - lo], S[e - lo]: the smallest P(s - 1), and its s, over the
	 * starts s <= e - 13 with an answer on day s. */
	for (day = p->lo; day <= p->hi; day++) {
		int64_t st = day - 13;

		if (st >= p->lo && (d = attune_report_day(p, st)) != NULL &&
		    d->lowans > 0 && P[st - p->lo] < minv) {
			minv = P[st - p->lo];
			mins = st;
		}
		M[day - p->lo] = minv;
		S[day - p->lo] = mins;
	}
}

static void
rule_lasting(const struct attune_rperson *cp, struct attune_rsum *s)
{
	struct attune_rperson *p = (struct attune_rperson *)cp;
	const struct attune_rday *d;
	int64_t e, lo, hi, from = 0, to = 0;
	char a[16], b[16];
	int found = 0;

	if (p->lo > p->hi || p->hi - p->lo < 13 || s->end < p->lo + 13)
		return;
	if (p->lastp == NULL)
		lasting_prepare(p);
	lo = s->start > p->lo + 13 ? s->start : p->lo + 13;
	hi = s->end < p->hi ? s->end : p->hi;
	for (e = hi; e >= lo; e--) {
		d = attune_report_day(p, e);
		if (d == NULL || d->lowans == 0 ||
		    p->lastm[e - p->lo] == INT64_MAX)
			continue;
		if (p->lastp[e - p->lo + 1] > p->lastm[e - p->lo]) {
			from = p->lasts[e - p->lo];
			to = e;
			found = 1;
			break;
		}
	}
	if (!found)
		return;
	attune_date_format(from, a);
	attune_date_format(to, b);
	why(s, ATTUNE_RULE_LASTING, "From %s to %s, most check-ins had "
	    "numbness of 6 or more or a bond of 3 or less: that has lasted "
	    "more than two weeks.", a, b);
}

static int
week_mean(const struct attune_rperson *p, int64_t monday, int k, double *mean)
{
	struct attune_rstat m[ATTUNE_NMEASURES];
	uint32_t c, d, f;

	attune_report_range(p, monday, monday + 6, m, &c, &d, &f);
	return attune_rstat_mean(&m[k], k, mean);
}

/*
 * Getting worse: for an ISO week that overlaps the period, the mean mood
 * fell (or the mean anxiety rose) from two weeks before to the week
 * before, and again to that week.  The latest such week is named.
 */
static void
rule_worse(const struct attune_rperson *p, struct attune_rsum *s)
{
	static const int ks[] = { ATTUNE_MOOD, ATTUNE_ANXIETY };
	int64_t w, first;
	double a, b, c;
	char d0[16], d2[16];
	size_t i;

	if (p->lo > p->hi)
		return;
	first = s->start - (attune_weekday(s->start) - 1);
	for (i = 0; i < 2; i++) {
		int k = ks[i], dir = attune_measures[k].better;

		for (w = s->end - (attune_weekday(s->end) - 1); w >= first;
		    w -= 7) {
			if (w + 6 < p->lo || w - 14 > p->hi)
				continue;
			if (!week_mean(p, w - 14, k, &a) ||
			    !week_mean(p, w - 7, k, &b) ||
			    !week_mean(p, w, k, &c))
				continue;
			if ((dir > 0 && a > b && b > c) ||
			    (dir < 0 && a < b && b < c)) {
				attune_date_format(w - 14, d0);
				attune_date_format(w + 6, d2);
				why(s, ATTUNE_RULE_WORSE, "%s %s week on week "
				    "for two weeks, from %.1f to %.1f to %.1f "
				    "(%s to %s): things are getting harder.",
				    k == ATTUNE_MOOD ? "Mood" : "Anxiety",
				    dir > 0 ? "fell" : "rose", a, b, c, d0, d2);
				break;
			}
		}
	}
}

static void
rule_screen(const struct attune_rperson *p, struct attune_rsum *s)
{
	char date[16];
	size_t i;

	for (i = 0; i < p->nsc; i++) {
		const struct attune_rscreen *sc = &p->sc[i];

		if (sc->day < s->start || sc->day > s->end || !sc->positive)
			continue;
		attune_date_format(sc->day, date);
		why(s, ATTUNE_RULE_SCREEN, "The %s on %s is in a range where a "
		    "talk with a midwife, health visitor or doctor is "
		    "suggested: %s.", sc->name, date, sc->why);
	}
}

void
attune_report_sum(const struct attune_rperson *p, int64_t start, int64_t end,
    int by, struct attune_rsum *s)
{
	uint32_t c, d, f;
	size_t i;

	memset(s, 0, sizeof *s);
	s->p = p;
	s->start = start;
	s->end = end;
	if (by == ATTUNE_BY_MONTH || (start == month_start(start) &&
	    end == month_next(start) - 1)) {
		s->pstart = month_start(start - 1);
		s->pend = start - 1;
	} else {
		s->pstart = start - (end - start + 1);
		s->pend = start - 1;
	}
	attune_report_range(p, start, end, s->m, &s->checkins, &s->days,
	    &s->flagged);
	attune_report_range(p, s->pstart, s->pend, s->prev, &c, &d, &f);
	for (i = 0; i < p->nsc; i++)
		s->screens += p->sc[i].day >= start && p->sc[i].day <= end;
	rule_urgent(p, s);
	rule_lasting(p, s);
	rule_worse(p, s);
	rule_screen(p, s);
}

/*
 * Bonding moment w in the period: the days it was done, and the mean bond
 * on days with it and on days without it (days with a bond answered).  1
 * when both sides have at least 3 days, so the means say something.
 */
int
attune_report_moment(const struct attune_rsum *s, int w, uint32_t *ndays,
    double *with, double *without)
{
	const struct attune_rday *d;
	struct attune_rstat in = { 0 }, out = { 0 };
	uint32_t din = 0, dout = 0;
	int64_t day;

	*ndays = 0;
	for (day = s->start > s->p->lo ? s->start : s->p->lo;
	    day <= s->end && day <= s->p->hi; day++) {
		if ((d = attune_report_day(s->p, day)) == NULL)
			continue;
		if (d->did & (1u << w)) {
			(*ndays)++;
			if (d->m[ATTUNE_BOND].n > 0) {
				din++;
				stat_merge(&in, &d->m[ATTUNE_BOND]);
			}
		} else if (d->m[ATTUNE_BOND].n > 0) {
			dout++;
			stat_merge(&out, &d->m[ATTUNE_BOND]);
		}
	}
	if (din < 3 || dout < 3)
		return 0;
	*with = (double)in.sum / in.n;
	*without = (double)out.sum / out.n;
	return 1;
}

/* The screen before p->sc[i] with the same instrument, or NULL. */
const struct attune_rscreen *
attune_report_prev_screen(const struct attune_rperson *p, size_t i)
{
	const char *name = p->sc[i].name != NULL ? p->sc[i].name :
	    p->sc[i].instrument;

	while (i-- > 0)
		if (strcmp(p->sc[i].name != NULL ? p->sc[i].name :
		    p->sc[i].instrument, name) == 0)
			return &p->sc[i];
	return NULL;
}

void
attune_report_sum_free(struct attune_rsum *s)
{
	free(s->why);
	s->why = NULL;
	s->nwhy = 0;
}

void
attune_report_free(struct attune_report *r)
{
	size_t i, k;

	for (i = 0; i < r->np; i++) {
		struct attune_rperson *p = &r->p[i];

		for (k = 0; k < p->nsc; k++) {
			free(p->sc[k].instrument);
			free(p->sc[k].band);
			free(p->sc[k].subscales);
		}
		free(p->sc);
		free(p->who);
		free(p->days);
		free(p->keys);
		free(p->slot);
		free(p->lastp);
		free(p->lastm);
		free(p->lasts);
	}
	free(r->p);
	memset(r, 0, sizeof *r);
}
