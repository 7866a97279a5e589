/*
 * report.c: what attune report learns from the logs.  Check-ins stream past
 * once and are summed per person and day.  Each day is then folded, in
 * time order, into the summary of the period that holds it and into the
 * reach-out rules of attune-report(1), which need only a few numbers of
 * state each.  Streaming, a day is folded once ATTUNE_RWINDOW later days
 * are logged and then forgotten, so memory grows with the periods asked
 * for, never with the log.  A row for a day already folded sets r->late,
 * and the caller reads again keeping every day.  Screens are few and kept
 * whole.
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
	p->lastday = INT64_MIN;
}

/* Put day, at index idx of p->days, in the hash. */
static void
place(struct attune_rperson *p, int64_t day, uint32_t idx)
{
	size_t h;

	for (h = hash(day) & (p->hcap - 1); p->slot[h] != NOSLOT;
	    h = (h + 1) & (p->hcap - 1))
		;
	p->keys[h] = day;
	p->slot[h] = idx;
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
		rehash(p, 8);
	}
	for (h = hash(day) & (p->hcap - 1); p->slot[h] != NOSLOT;
	    h = (h + 1) & (p->hcap - 1))
		if (p->keys[h] == day)
			goto found;
	if (!add)
		return NOSLOT;
	if (p->ndays == p->capdays) {
		p->capdays = p->capdays ? p->capdays * 2 : 4;
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
		size_t old = p->hcap, i;

		p->keys = NULL;
		p->slot = NULL;
		rehash(p, old * 2);
		for (i = 0; i < old; i++)
			if (slot[i] != NOSLOT)
				place(p, keys[i], slot[i]);
		free(keys);
		free(slot);
		return find(p, day, 0);
	}
found:
	p->lastday = day;
	p->lastidx = p->slot[h];
	return p->lastidx;
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
unit_start(int by, int64_t day)
{
	switch (by) {
	case ATTUNE_BY_WEEK:
		return day - (attune_weekday(day) - 1);
	case ATTUNE_BY_MONTH:
		return attune_month_start(day);
	default:
		return day;
	}
}

static int64_t
unit_end(int by, int64_t day)
{
	switch (by) {
	case ATTUNE_BY_WEEK:
		return unit_start(by, day) + 6;
	case ATTUNE_BY_MONTH:
		return attune_month_next(day) - 1;
	default:
		return day;
	}
}

/* The period before start..end, as attune-report(1) compares against. */
static int64_t
before(int by, int64_t start, int64_t end)
{
	if (by == ATTUNE_BY_MONTH || attune_month_whole(start, end))
		return attune_month_start(start - 1);
	return start - (end - start + 1);
}

void
attune_report_setup(struct attune_report *r, int64_t from, int64_t to,
    int by, int stream)
{
	r->by = by;
	r->stream = stream;
	r->known = from != INT64_MIN;
	r->from = from;
	r->to = to;
	if (r->known && by == ATTUNE_BY_NONE) {
		r->pstart = before(by, from, to);
		r->dfrom = r->pstart;
		r->dto = to;
	} else if (r->known) {
		r->dfrom = unit_start(by, unit_start(by, from) - 1);
		r->dto = unit_end(by, to);
	} else {
		r->dfrom = INT64_MIN;
		r->dto = to == INT64_MAX || by == ATTUNE_BY_NONE ? to :
		    unit_end(by, to);
	}
}

/* The first day of the period (or the one before it) holding day. */
static int
bucket_key(const struct attune_report *r, int64_t day, int64_t *key)
{
	if (day < r->dfrom || day > r->dto)
		return 0;
	if (r->by != ATTUNE_BY_NONE)
		*key = unit_start(r->by, day);
	else if (!r->known)
		*key = INT64_MIN;
	else
		*key = day >= r->from ? r->from : r->pstart;
	return 1;
}

/* A person's bucket for key, or NULL; with add, made if missing. */
static struct attune_rbucket *
bucket(const struct attune_rperson *cp, int64_t key, int add)
{
	struct attune_rperson *p = (struct attune_rperson *)cp;
	struct attune_rbucket *b;
	size_t lo = 0, hi = p->nb, mid;

	if (p->lastb < p->nb && p->b[p->lastb].key == key)
		return &p->b[p->lastb];
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (p->b[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < p->nb && p->b[lo].key == key) {
		p->lastb = lo;
		return &p->b[lo];
	}
	if (!add)
		return NULL;
	if (p->nb == p->capb) {
		p->capb = p->capb ? p->capb * 2 : 2;
		p->b = attune_xreallocarray(p->b, p->capb, sizeof *p->b);
	}
	memmove(&p->b[lo + 1], &p->b[lo], (p->nb - lo) * sizeof *p->b);
	p->nb++;
	b = &p->b[lo];
	memset(b, 0, sizeof *b);
	b->key = key;
	b->lto = INT64_MIN;
	p->lastb = lo;
	return b;
}

static struct attune_rbucket *
bucket_of(const struct attune_report *r, struct attune_rperson *p,
    int64_t day)
{
	int64_t key;

	return bucket_key(r, day, &key) ? bucket(p, key, 1) : NULL;
}

/* Forget what folding worked out, to fold every day again. */
static void
fold_reset(struct attune_rperson *p)
{
	size_t i;

	for (i = 0; i < p->nb; i++) {
		free(p->b[i].harm);
		free(p->b[i].worse);
	}
	p->nb = p->lastb = 0;
	p->lp = p->lqh = p->lqn = 0;
	p->lmin = INT64_MAX;
	p->lmins = 0;
	p->wk[0] = p->wk[1] = p->wk[2] = INT64_MIN;
	memset(p->wm, 0, sizeof p->wm);
	p->closed = INT64_MIN;
}

static const int worse_k[2] = { ATTUNE_MOOD, ATTUNE_ANXIETY };

/* The mean of measure i (mood, anxiety) in the week from monday, if it is
 * one of the three weeks kept. */
static int
week_mean(const struct attune_rperson *p, int64_t monday, int i,
    double *mean)
{
	int j;

	for (j = 0; j < 3; j++)
		if (p->wk[j] == monday)
			return attune_rstat_mean(&p->wm[j][i], worse_k[i], mean);
	return 0;
}

/*
 * Getting worse: the mean mood fell (or the mean anxiety rose) from two
 * weeks before to the week before, and again to this week, the week now
 * ending.  It is noted in every period the week overlaps; weeks end in
 * time order, so the latest such week stays.
 */
static void
week_end(const struct attune_report *r, struct attune_rperson *p)
{
	struct attune_rbucket *b;
	int64_t w = p->wk[0], d, key, last = 0;
	double a, bb, c;
	int i, dir, any;

	if (w == INT64_MIN)
		return;
	for (i = 0; i < 2; i++) {
		dir = attune_measures[worse_k[i]].better;
		if (!week_mean(p, w - 14, i, &a) ||
		    !week_mean(p, w - 7, i, &bb) || !week_mean(p, w, i, &c))
			continue;
		if (!((dir > 0 && a > bb && bb > c) ||
		    (dir < 0 && a < bb && bb < c)))
			continue;
		for (d = w, any = 0; d <= w + 6; d++) {
			if (!bucket_key(r, d, &key) || (any && key == last))
				continue;
			last = key;
			any = 1;
			b = bucket(p, key, 1);
			if (b->worse == NULL) {
				b->worse = attune_xcalloc(2, sizeof *b->worse);
				b->worse[0].week = b->worse[1].week = INT64_MIN;
			}
			b->worse[i].week = w;
			b->worse[i].a = a;
			b->worse[i].b = bb;
			b->worse[i].c = c;
		}
	}
	p->wk[2] = p->wk[1];
	p->wk[1] = p->wk[0];
	memcpy(p->wm[2], p->wm[1], sizeof p->wm[1]);
	memcpy(p->wm[1], p->wm[0], sizeof p->wm[0]);
	p->wk[0] = INT64_MIN;
	memset(p->wm[0], 0, sizeof p->wm[0]);
}

/*
 * Fold one day, the next in time order, into its period and the rules.
 *
 * Lasting: a window of 14 days or more, ending on a day in the period (it
 * may begin before), with a check-in answering bond or numb on its first
 * and its last day, in which more than half of the check-ins answering
 * them had numb 6 or more or bond 3 or less.  With P(d) = 2 * low -
 * answered summed up to day d, a window s..e qualifies when P(e) > P(s -
 * 1), so the least P(s - 1) over the starts at least 13 days before e is
 * enough: the starts wait in p->lq until they are 13 days back.
 */
static void
fold(const struct attune_report *r, struct attune_rperson *p, int64_t day,
    const struct attune_rday *d)
{
	struct attune_rbucket *b = bucket_of(r, p, day);
	int64_t monday = day - (attune_weekday(day) - 1), prev;
	int k, i;

	if (b != NULL) {
		for (k = 0; k < ATTUNE_NMEASURES; k++)
			stat_merge(&b->m[k], &d->m[k]);
		b->checkins += d->checkins;
		b->days += d->checkins > 0;
		b->flagged += d->flagged;
		if (d->flags & ATTUNE_FLAG_HARM) {
			char date[16];
			size_t len;

			if (b->harm == NULL)
				b->harm = attune_xcalloc(1, 200);
			attune_date_format(day, date);
			if ((len = strlen(b->harm)) + 20 < 200)
				snprintf(b->harm + len, 200 - len, "%s%s",
				    len ? ", " : "", date);
		}
	}

	while (p->lqn > 0 && p->lq[p->lqh][0] <= day - 13) {
		if (p->lq[p->lqh][1] < p->lmin) {
			p->lmin = p->lq[p->lqh][1];
			p->lmins = p->lq[p->lqh][0];
		}
		p->lqh = (p->lqh + 1) % 16;
		p->lqn--;
	}
	prev = p->lp;
	p->lp += 2 * (int64_t)d->low - d->lowans;
	if (d->lowans > 0) {
		if (p->lmin != INT64_MAX && p->lp > p->lmin && b != NULL) {
			b->lfrom = p->lmins;
			b->lto = day;
		}
		p->lq[(p->lqh + p->lqn) % 16][0] = day;
		p->lq[(p->lqh + p->lqn) % 16][1] = prev;
		p->lqn++;
	}

	if (p->wk[0] != INT64_MIN && p->wk[0] != monday)
		week_end(r, p);
	p->wk[0] = monday;
	for (i = 0; i < 2; i++)
		stat_merge(&p->wm[0][i], &d->m[worse_k[i]]);
	p->closed = day;
}

struct dayidx {
	int64_t	 day;
	uint32_t idx;
};

static int
dayidx_cmp(const void *a, const void *b)
{
	const struct dayidx *x = a, *y = b;

	return (x->day > y->day) - (x->day < y->day);
}

/*
 * Fold the oldest days kept, all but keep of them, in time order.  When
 * streaming they are then forgotten and the rest packed together.
 */
static void
fold_oldest(const struct attune_report *r, struct attune_rperson *p,
    size_t keep)
{
	struct attune_rday *days;
	struct dayidx *v;
	size_t i, n = 0, nfold;

	if (p->ndays <= keep)
		return;
	v = attune_xreallocarray(NULL, p->ndays, sizeof *v);
	for (i = 0; i < p->hcap; i++)
		if (p->slot[i] != NOSLOT) {
			v[n].day = p->keys[i];
			v[n++].idx = p->slot[i];
		}
	qsort(v, n, sizeof *v, dayidx_cmp);
	nfold = n - keep;
	for (i = 0; i < nfold; i++)
		fold(r, p, v[i].day, &p->days[v[i].idx]);
	if (r->stream) {
		days = attune_xreallocarray(NULL, p->capdays, sizeof *days);
		for (i = nfold; i < n; i++)
			days[i - nfold] = p->days[v[i].idx];
		free(p->days);
		p->days = days;
		p->ndays = 0;
		rehash(p, p->hcap);
		for (i = nfold; i < n; i++)
			place(p, v[i].day, (uint32_t)p->ndays++);
	}
	free(v);
}

const struct attune_rday *
attune_report_day(const struct attune_rperson *p, int64_t day)
{
	uint32_t i = find((struct attune_rperson *)p, day, 0);

	return i == NOSLOT ? NULL : &p->days[i];
}

static uint64_t
name_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;	/* FNV-1a */

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ull;
	return h;
}

/* Whether p is who; the first byte tells most names apart without a call. */
static int
same_name(const struct attune_rperson *p, const char *who, size_t n)
{
	return p->whon == n && (n == 0 || (p->who[0] == who[0] &&
	    memcmp(p->who, who, n) == 0));
}

/* Put person i in the hash of names, growing it to stay half empty. */
static void
name_place(struct attune_report *r, size_t i)
{
	size_t h, k;

	if (2 * (i + 1) > r->ncap) {
		free(r->names);
		r->ncap = r->ncap ? r->ncap * 2 : 16;
		r->names = attune_xreallocarray(NULL, r->ncap,
		    sizeof *r->names);
		for (k = 0; k < r->ncap; k++)
			r->names[k] = NOSLOT;
		for (k = 0; k < i; k++)
			name_place(r, k);
	}
	for (h = name_hash(r->p[i].who, r->p[i].whon) & (r->ncap - 1);
	    r->names[h] != NOSLOT; h = (h + 1) & (r->ncap - 1))
		;
	r->names[h] = (uint32_t)i;
}

struct attune_rperson *
attune_report_person(struct attune_report *r, const char *who, size_t n)
{
	struct attune_rperson *p;
	size_t h;

	/* Called for every row: the person of the row before is likely. */
	if (r->np > 0) {
		p = &r->p[r->last];
		if (same_name(p, who, n))
			return p;
	}
	for (h = r->ncap ? name_hash(who, n) & (r->ncap - 1) : 0;
	    r->ncap > 0 && r->names[h] != NOSLOT; h = (h + 1) & (r->ncap - 1))
		if (same_name(&r->p[r->names[h]], who, n)) {
			r->last = r->names[h];
			return &r->p[r->last];
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
	fold_reset(p);
	r->last = r->np++;
	name_place(r, r->last);
	return p;
}

void
attune_report_checkin(struct attune_report *r, const struct attune_checkin *ci)
{
	struct attune_rperson *p = attune_report_person(r, ci->who,
	    strlen(ci->who));
	int64_t day = ci->ts.days;
	struct attune_rday *d;
	uint32_t i;
	int k, b = ci->v[ATTUNE_BOND], nb = ci->v[ATTUNE_NUMB];

	if (r->stream && p->ndays >= ATTUNE_RWINDOW && day > p->closed &&
	    find(p, day, 0) == NOSLOT)
		fold_oldest(r, p, ATTUNE_RWINDOW / 2);
	if (r->stream && day <= p->closed) {
		r->late = 1;	/* the caller reads again, keeping every day */
		return;
	}
	i = find(p, day, 1);	/* may move p->days */
	d = &p->days[i];
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
	if (day >= r->from && day <= r->to)
		p->inrange++;
}

/* Does the list (words split by ';', ',' or spaces) hold the word? */
int
attune_has_word(const char *list, const char *word)
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
scales_positive(const char *subscales, const struct attune_instrument *in,
    const char *flags, int partner, int *positive, char why[160])
{
	const struct attune_scale *sc;
	const char *p, *eq;
	char high[48];
	size_t k;
	int nth, v, cut;

	for (nth = 0, sc = in->scales; sc != NULL && sc->name != NULL;
	    sc++, nth++) {
		cut = attune_scale_cutoff(sc, partner);
		for (p = subscales; *p != '\0'; p += k) {
			while (*p == ' ' || *p == ';' || *p == ',')
				p++;
			k = strcspn(p, ";,");
			if ((eq = memchr(p, '=', k)) == NULL ||
			    !scale_named(sc, nth, p, (size_t)(eq - p)))
				continue;
			v = atoi(eq + 1);
			if (v >= cut && !*positive) {
				*positive = 1;
				snprintf(why, 160, "its %c%s scale "
				    "scored %d, at or above %d",
				    tolower((unsigned char)sc->title[0]),
				    sc->title + 1, v, cut);
			}
		}
		snprintf(high, sizeof high, "high-%s", sc->name);
		if (!*positive && attune_has_word(flags, high)) {
			*positive = 1;
			snprintf(why, 160, "its %c%s scale was "
			    "at or above its cut-off",
			    tolower((unsigned char)sc->title[0]), sc->title + 1);
		}
	}
}

/*
 * Whether a logged screen raised a safety item (the "safety" flag, or a
 * safety item answered above 0, listed in items as "9 and 10") and whether
 * it is in a positive band (by its total and the bands of attune-screen(1),
 * partner cut-offs when flagged "partner", or the band word logged, or for
 * the PBQ by its scales; why says which).  Its instrument, or NULL for one
 * this version does not know: then only the flag counts.
 */
const struct attune_instrument *
attune_screen_judge(const struct attune_screen *sc, int *safety,
    int *positive, char items[64], char why[160])
{
	const struct attune_instrument *in;
	const struct attune_band *b, *band = NULL;
	size_t len = 0;
	int i, partner;

	*safety = attune_has_word(sc->flags, "safety");
	*positive = 0;
	items[0] = '\0';
	why[0] = '\0';
	if ((in = attune_instrument(sc->instrument)) == NULL)
		return NULL;
	partner = attune_has_word(sc->flags, "partner");
	for (i = 0; i < in->nitems; i++)
		if (in->items[i].safety && item_points(sc->answers, i + 1) > 0) {
			*safety = 1;
			if (len + 8 < 64)
				len += (size_t)snprintf(items + len, 64 - len,
				    "%s%d", len ? " and " : "", i + 1);
		}
	if (in->scale_bands) {
		scales_positive(sc->subscales, in, sc->flags, partner,
		    positive, why);
	} else {
		for (b = attune_bands(in, partner); b->word != NULL; b++)
			if (b->min <= sc->total)
				band = b;
		if (band != NULL && band->positive) {
			*positive = 1;
			snprintf(why, 160, "it scored %d (%s)", sc->total,
			    band->plain);
		}
	}
	if (!*positive && (b = attune_band_find(in, sc->band)) != NULL &&
	    b->positive) {
		*positive = 1;
		snprintf(why, 160, "it scored %d (%s)", sc->total, b->plain);
	}
	return in;
}

/* Keep a screen, judged once by attune_screen_judge. */
void
attune_report_screen(struct attune_report *r, const struct attune_screen *sc)
{
	struct attune_rperson *p = attune_report_person(r, sc->who,
	    strlen(sc->who));
	const struct attune_instrument *in;
	struct attune_rscreen *s;

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
	in = attune_screen_judge(sc, &s->safety, &s->positive, s->items,
	    s->why);
	if (in != NULL)
		s->name = in->label;
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
	struct attune_rperson *p;
	size_t i;

	for (i = 0; i < r->np; i++) {
		p = &r->p[i];
		if (!r->stream)
			fold_reset(p);
		fold_oldest(r, p, 0);
		week_end(r, p);
		if (p->nsc > 1)
			qsort(p->sc, p->nsc, sizeof *p->sc, screen_cmp);
	}
}

/* The periods from..to split by day, week or month: start, end pairs. */
int64_t *
attune_report_periods(int64_t from, int64_t to, int by, size_t *n)
{
	int64_t *v = NULL, s, e;
	size_t cap = 0;

	*n = 0;
	for (s = unit_start(by, from); s <= to; s = e + 1) {
		e = by == ATTUNE_BY_NONE ? to : unit_end(by, s);
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

/* The screens in the period with a safety item or in a positive band. */
static void
rule_screens(const struct attune_rperson *p, struct attune_rsum *s,
    int rule)
{
	char date[16];
	size_t i;

	for (i = 0; i < p->nsc; i++) {
		const struct attune_rscreen *sc = &p->sc[i];

		if (sc->day < s->start || sc->day > s->end)
			continue;
		attune_date_format(sc->day, date);
		if (rule == ATTUNE_RULE_SCREEN && sc->positive)
			why(s, rule, "The %s on %s is in a range where a talk "
			    "with a midwife, health visitor or doctor is "
			    "suggested: %s.", sc->name, date, sc->why);
		else if (rule == ATTUNE_RULE_URGENT && sc->safety &&
		    sc->items[0] != '\0')
			why(s, rule, "The %s on %s had a safety item (item %s) "
			    "answered above 0.", sc->name, date, sc->items);
		else if (rule == ATTUNE_RULE_URGENT && sc->safety)
			why(s, rule, "The %s on %s raised a safety flag.",
			    sc->name ? sc->name : "screen", date);
	}
}

void
attune_report_sum(const struct attune_report *r,
    const struct attune_rperson *p, int64_t start, int64_t end,
    struct attune_rsum *s)
{
	const struct attune_rbucket *b = NULL, *pb = NULL;
	char d0[16], d2[16];
	int64_t key, pstart = before(r->by, start, end);
	size_t i;
	int k;

	memset(s, 0, sizeof *s);
	s->p = p;
	s->start = start;
	s->end = end;
	if (bucket_key(r, start, &key))
		b = bucket(p, key, 0);
	if ((r->known || r->by != ATTUNE_BY_NONE) &&
	    bucket_key(r, pstart, &key))
		pb = bucket(p, key, 0);
	if (b != NULL) {
		memcpy(s->m, b->m, sizeof s->m);
		s->checkins = b->checkins;
		s->days = b->days;
		s->flagged = b->flagged;
	}
	if (pb != NULL)
		memcpy(s->prev, pb->m, sizeof s->prev);
	for (i = 0; i < p->nsc; i++)
		s->screens += p->sc[i].day >= start && p->sc[i].day <= end;

	if (b != NULL && b->harm != NULL)
		why(s, ATTUNE_RULE_URGENT, "A flag for thoughts of harm was "
		    "logged on %s.", b->harm);
	rule_screens(p, s, ATTUNE_RULE_URGENT);
	if (b != NULL && b->lto != INT64_MIN) {
		attune_date_format(b->lfrom, d0);
		attune_date_format(b->lto, d2);
		why(s, ATTUNE_RULE_LASTING, "From %s to %s, most check-ins "
		    "had numbness of 6 or more or a bond of 3 or less: that "
		    "has lasted more than two weeks.", d0, d2);
	}
	for (k = 0; k < 2 && b != NULL && b->worse != NULL; k++) {
		const struct attune_rworse *w = &b->worse[k];

		if (w->week == INT64_MIN)
			continue;
		attune_date_format(w->week - 14, d0);
		attune_date_format(w->week + 6, d2);
		why(s, ATTUNE_RULE_WORSE, "%s %s week on week for two weeks, "
		    "from %.1f to %.1f to %.1f (%s to %s): things are getting "
		    "harder.", k == 0 ? "Mood" : "Anxiety", k == 0 ? "fell" :
		    "rose", w->a, w->b, w->c, d0, d2);
	}
	rule_screens(p, s, ATTUNE_RULE_SCREEN);
}

void
attune_report_whole(const struct attune_rperson *p, int64_t start,
    int64_t end, struct attune_rsum *s)
{
	size_t i;

	memset(s, 0, sizeof *s);
	s->p = p;
	s->start = start;
	s->end = end;
	attune_report_range(p, start, end, s->m, &s->checkins, &s->days,
	    &s->flagged);
	for (i = 0; i < p->nsc; i++)
		s->screens += p->sc[i].day >= start && p->sc[i].day <= end;
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
		fold_reset(p);
		free(p->b);
	}
	free(r->p);
	free(r->names);
	memset(r, 0, sizeof *r);
}
