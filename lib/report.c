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

#include "attune_priv.h"

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

/* Add day d to a tally of days, measures k0 up to k1 (m[0] is k0's): the
 * one sum both folding and walking the days use, so a period's totals
 * are the same either way. */
static void
tally(struct attune_rstat *m, int k0, int k1, uint32_t *checkins,
    uint32_t *days, uint32_t *flagged, const struct attune_rday *d)
{
	int k;

	for (k = k0; k < k1; k++)
		stat_merge(&m[k - k0], &d->m[k]);
	*checkins += d->checkins;
	*days += d->checkins > 0;
	*flagged += d->flagged;
}

/* The one walk over the days start..end kept for p, tallying measures
 * k0 up to k1 into m (m[0] is k0's). */
static void
walk(const struct attune_rperson *p, int64_t start, int64_t end, int k0,
    int k1, struct attune_rstat *m, uint32_t *checkins, uint32_t *days,
    uint32_t *flagged)
{
	const struct attune_rday *d;
	int64_t day;

	memset(m, 0, (size_t)(k1 - k0) * sizeof *m);
	*checkins = *days = *flagged = 0;
	if (start < p->lo)
		start = p->lo;
	if (end > p->hi)
		end = p->hi;
	for (day = start; day <= end; day++)
		if ((d = attune_report_day(p, day)) != NULL)
			tally(m, k0, k1, checkins, days, flagged, d);
}

void
attune_report_range(const struct attune_rperson *p, int64_t start,
    int64_t end, struct attune_rstat *m, uint32_t *checkins, uint32_t *days,
    uint32_t *flagged)
{
	walk(p, start, end, 0, ATTUNE_NMEASURES, m, checkins, days, flagged);
}

/* Measure k over the days start..end, as one stat (n 0: none logged);
 * the same walk as the range's, merging that measure only. */
void
attune_report_stretch(const struct attune_rperson *p, int k, int64_t start,
    int64_t end, struct attune_rstat *st)
{
	uint32_t checkins, days, flagged;

	walk(p, start, end, k, k + 1, st, &checkins, &days, &flagged);
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
    int by, int stream, int64_t today)
{
	r->today = today;
	r->nowsec = INT64_MIN;
	if (today != INT64_MAX) {
		struct attune_time now;

		(void)attune_time_clock(&now);	/* bad ATTUNE_NOW: system's */
		if (now.days <= today)
			r->nowsec = attune_time_epoch(&now);
	}
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

	for (i = 0; i < p->nb; i++)
		if (p->b[i].v != NULL) {
			attune_verdict_free(p->b[i].v);
			free(p->b[i].v);
		}
	p->nb = p->lastb = 0;
	p->closed = INT64_MIN;
	p->judged = INT64_MIN;
}

/* Fold one day, the next in time order, into its period. */
static void
fold(const struct attune_report *r, struct attune_rperson *p, int64_t day,
    const struct attune_rday *d)
{
	struct attune_rbucket *b = bucket_of(r, p, day);

	if (b != NULL)
		tally(b->m, 0, ATTUNE_NMEASURES, &b->checkins, &b->days,
		    &b->flagged, d);
	p->closed = day;
}

/* The day a period's judgement looks back from: its last, or today (or
 * the day after, for an entry already past whose offset dates it so). */
static int64_t
judge_end(const struct attune_report *r, const struct attune_rperson *p,
    int64_t end)
{
	if (end > r->to)
		end = r->to;
	return end < r->today ? end : attune_judge_today(p, r->today);
}

int64_t
attune_judge_today(const struct attune_rperson *p, int64_t today)
{
	return p->ahead == today + 1 ? p->ahead : today;
}

/* An entry dated after today whose moment is already past (a far-east
 * offset, +14:00): judgements that end today take in its day too. */
static void
ahead(const struct attune_report *r, struct attune_rperson *p,
    const struct attune_time *ts)
{
	if (r->nowsec != INT64_MIN && ts->days == r->today + 1 &&
	    ts->off != ATTUNE_NOOFF && attune_time_epoch(ts) <= r->nowsec)
		p->ahead = ts->days;
}

/* Judge one period ending at end (its key is key) on the check-ins; only
 * what fired is kept, so a period with nothing to say costs nothing. */
static void
judge_period(const struct attune_report *r, struct attune_rperson *p,
    int64_t key, int64_t end)
{
	struct attune_rbucket *b;
	struct attune_verdict v;
	int64_t at = judge_end(r, p, end);

	if (at < p->lo || at - ATTUNE_RBACK > p->hi)
		return;		/* no check-in within its reach */
	memset(&v, 0, sizeof v);
	v.sleep = -1;
	attune_judge_days(p, at, &v);
	if (v.rules == 0) {
		attune_verdict_free(&v);
		return;
	}
	b = bucket(p, key, 1);
	if (b->v != NULL) {
		attune_verdict_free(b->v);
		free(b->v);
	}
	b->v = attune_xmalloc(sizeof *b->v);
	*b->v = v;
}

/*
 * Judge every period of the person that ends by day upto and was not
 * judged yet: the days it looks back over are all still kept.  Periods
 * run from the first day folded (or the period asked for) to today.
 */
static void
judge_upto(const struct attune_report *r, struct attune_rperson *p,
    int64_t upto)
{
	int64_t s, e, last = r->to < r->today ? r->to : r->today;
	int64_t lim = judge_end(r, p, r->to);

	if (upto > lim)
		upto = lim;
	if (r->by == ATTUNE_BY_NONE) {
		e = judge_end(r, p, r->to);
		if (e <= upto && p->judged < e) {
			judge_period(r, p, r->known ? r->from : INT64_MIN, e);
			p->judged = e;
		}
		return;
	}
	s = p->judged == INT64_MIN ? (r->known ? r->from : p->lo) :
	    p->judged + 1;
	if (s == INT64_MAX)
		return;		/* no check-in to judge */
	for (s = unit_start(r->by, s); s <= last; s = e + 1) {
		e = unit_end(r->by, s);
		if (judge_end(r, p, e) > upto)
			break;
		judge_period(r, p, s, e);
		p->judged = e;
	}
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
	size_t i, n = 0, nfold, first;

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
		if (v[i].day > p->closed)
			fold(r, p, v[i].day, &p->days[v[i].idx]);
	if (nfold > 0)
		judge_upto(r, p, keep == 0 ? INT64_MAX : p->closed);
	if (r->stream && keep > 0) {
		/* Forget what no judgement will look back to again. */
		for (first = 0; first < nfold &&
		    v[first].day <= p->closed - ATTUNE_RBACK; first++)
			;
		days = attune_xreallocarray(NULL, p->capdays, sizeof *days);
		for (i = first; i < n; i++)
			days[i - first] = p->days[v[i].idx];
		free(p->days);
		p->days = days;
		p->ndays = 0;
		rehash(p, p->hcap);
		for (i = first; i < n; i++)
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

/* The index into r->p of the person named who (n bytes), or NOSLOT: the
 * one look in the hash of names. */
static inline uint32_t
name_find(const struct attune_report *r, const char *who, size_t n)
{
	size_t h;

	if (r->ncap == 0)
		return NOSLOT;
	for (h = name_hash(who, n) & (r->ncap - 1); r->names[h] != NOSLOT;
	    h = (h + 1) & (r->ncap - 1))
		if (same_name(&r->p[r->names[h]], who, n))
			return r->names[h];
	return NOSLOT;
}

/* The person named who exactly, or NULL. */
const struct attune_rperson *
attune_report_find(const struct attune_report *r, const char *who)
{
	uint32_t i = name_find(r, who, strlen(who));

	return i == NOSLOT ? NULL : &r->p[i];
}

struct attune_rperson *
attune_report_person(struct attune_report *r, const char *who, size_t n)
{
	struct attune_rperson *p;
	uint32_t i;

	/* Called for every row: the person of the row before is likely. */
	if (r->np > 0) {
		p = &r->p[r->last];
		if (same_name(p, who, n))
			return p;
	}
	if ((i = name_find(r, who, n)) != NOSLOT) {
		r->last = i;
		return &r->p[i];
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

/* A check-in kept whole, when it holds what r->whole asks for: its
 * measures (any answered), or its note; in the period asked for only. */
static void
keep_checkin(struct attune_report *r, struct attune_rperson *p,
    const struct attune_checkin *ci)
{
	struct attune_rcheckin *c;
	int k, any = 0;
	int note = (r->whole & ATTUNE_DETAIL_NOTES) && ci->notelen > 0;

	if (ci->ts.days < r->from || ci->ts.days > r->to)
		return;
	for (k = 0; k < ATTUNE_NMEASURES; k++)
		any |= ci->v[k] >= 0;
	any &= (r->whole & ATTUNE_DETAIL_MEASURES) != 0;
	if (!any && !note)
		return;
	if (p->nci == p->capci) {
		p->capci = p->capci ? p->capci * 2 : 64;
		p->ci = attune_xreallocarray(p->ci, p->capci, sizeof *p->ci);
	}
	c = &p->ci[p->nci++];
	c->seq = r->seq++;
	c->ts = ci->ts;
	memcpy(c->v, ci->v, sizeof c->v);
	c->measures = any;
	c->note = NULL;
	c->notelen = 0;
	if (note) {
		c->note = attune_xmalloc(ci->notelen + 1);
		memcpy(c->note, ci->note, ci->notelen);
		c->note[ci->notelen] = '\0';
		c->notelen = ci->notelen;
	}
}

void
attune_report_checkin(struct attune_report *r, const struct attune_checkin *ci)
{
	struct attune_rperson *p = attune_report_person(r, ci->who,
	    strlen(ci->who));
	int64_t day = ci->ts.days;
	struct attune_rday *d;
	uint32_t i;
	int k;

	if (r->stream && p->ndays >= ATTUNE_RWINDOW && day > p->closed &&
	    find(p, day, 0) == NOSLOT)
		fold_oldest(r, p, ATTUNE_RWINDOW / 2);
	if (r->stream && day <= p->closed) {
		r->late = 1;	/* the caller reads again, keeping every day */
		return;
	}
	ahead(r, p, &ci->ts);
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
	if (day >= r->from && day <= r->to)
		p->inrange++;
	if (r->whole & (ATTUNE_DETAIL_MEASURES | ATTUNE_DETAIL_NOTES))
		keep_checkin(r, p, ci);
	if (r->notes && ci->notelen > 0 && day >= r->dfrom && day <= r->dto) {
		struct attune_rnote *n;

		if (p->nnotes == p->capnotes) {
			p->capnotes = p->capnotes ? p->capnotes * 2 : 8;
			p->notes = attune_xreallocarray(p->notes, p->capnotes,
			    sizeof *p->notes);
		}
		n = &p->notes[p->nnotes++];
		n->day = day;
		n->sec = ci->ts.sec;
		n->text = attune_xmalloc(ci->notelen + 1);
		memcpy(n->text, ci->note, ci->notelen);
		n->text[ci->notelen] = '\0';
	}
}

/* Earlier first: by day, then by the second within it. */
#define BY_TIME(x, y) ((x)->day != (y)->day ? ((x)->day < (y)->day ? -1 : 1) : \
	((x)->sec > (y)->sec) - ((x)->sec < (y)->sec))

static int
note_cmp(const void *a, const void *b)
{
	const struct attune_rnote *x = a, *y = b;

	return BY_TIME(x, y);
}

size_t
attune_report_notes(const struct attune_rsum *s, int all,
    void (*fn)(void *, const struct attune_rnote *), void *arg)
{
	const struct attune_rperson *p = s->p;
	size_t i, n = 0;

	for (i = 0; i < p->nnotes; i++) {
		const struct attune_rnote *note = &p->notes[i];

		if (note->day < s->start || note->day > s->end)
			continue;
		if (!all && !attune_day_matters(attune_report_day(p,
		    note->day)))
			continue;
		n++;
		if (fn != NULL)
			fn(arg, note);
	}
	return n;
}

/*
 * One log into r: check-ins (kind 0), screens (1), or (-1) as its header
 * says, screens when it has an "instrument" column.  The entries of who
 * alone (by name, whatever its case and the spaces around it), all under
 * that name; with who NULL, everyone's.  -1 if it could not be read in
 * full.
 */
int
attune_diary_log(struct attune_report *r, const char *path, int kind,
    const char *who, int flags)
{
	struct attune_checkin ci;
	struct attune_screen sc;
	struct attune_csv *c;
	int n = -1;

	if ((c = attune_csv_open(path, kind == 1 ? attune_screen_cols :
	    attune_checkin_cols, flags)) == NULL)
		return -1;
	if (kind < 0 && (kind = attune_csv_header_has(c, "instrument")) == 1)
		attune_csv_columns(c, attune_screen_cols);
	if (kind == 0)
		while ((n = attune_checkin_read(c, &ci)) == 1) {
			if (who != NULL && !attune_who_same(ci.who, who))
				continue;
			ci.who = who != NULL ? who : ci.who;
			attune_report_checkin(r, &ci);
		}
	else if (kind == 1)
		while ((n = attune_screen_read(c, &sc)) == 1) {
			if (who != NULL && !attune_who_same(sc.who, who))
				continue;
			sc.who = who != NULL ? who : sc.who;
			attune_report_screen(r, &sc);
		}
	if (attune_csv_close(c) < 0 || n < 0)
		return -1;
	return 0;
}

/*
 * Read one person's entries (who, as attune_diary_log matches it; NULL:
 * every person's) from both logs of a data directory, archives included, into
 * r.  Both logs are read even when one fails, so that a safety item in
 * either counts.  -1 if anything could not be read.
 */
int
attune_diary_read(struct attune_report *r, const char *dir, const char *who,
    int flags)
{
	char **logs;
	int i, k, rval = 0;

	for (k = 0; k < 2; k++) {
		logs = attune_dir_logs(dir, k == 0 ? "checkins" : "screens");
		for (i = 0; logs[i] != NULL; i++)
			if (attune_diary_log(r, logs[i], k, who, flags) < 0)
				rval = -1;
		attune_strv_free(logs);
	}
	return rval;
}

/*
 * A screen as the diary keeps it, from a row: judged once (judge.c); and,
 * when whole has ATTUNE_DETAIL_SCREENS (the formats that show a screen's
 * answers), whole: its answers kept only when every item is there and
 * each position scores the points beside it, read once for the judgement
 * too, its scales from the answers as attune_score has them, else from
 * the subscales logged when all are there.
 */
static void
attune_rscreen_fill(struct attune_rscreen *s, const struct attune_screen *sc,
    unsigned whole)
{
	const struct attune_instrument *in;
	struct attune_result res;
	int i, k;

	memset(s, 0, sizeof *s);
	s->ts = sc->ts;
	s->day = sc->ts.days;
	s->sec = sc->ts.sec;
	s->instrument = attune_xstrdup(sc->instrument);
	s->band = attune_xstrdup(sc->band);
	s->subscales = attune_xstrdup(sc->subscales);
	s->total = sc->total;
	in = attune_instrument(sc->instrument);
	whole &= ATTUNE_DETAIL_SCREENS;
	if (in != NULL && whole)
		s->answered = attune_answers_parse(in, sc->answers, s->pos,
		    s->pts);
	attune_screen_judge(sc, in, s->answered ? s->pts : NULL, s);
	if (in == NULL)
		return;
	s->in = in;
	s->name = in->label;
	s->partner = attune_has_word(sc->flags, "partner");
	if (!whole)
		return;
	if (!s->answered) {
		s->scored = attune_subscales_parse(in, sc->subscales, s->sub);
		return;
	}
	memset(&res, 0, sizeof res);
	res.in = in;
	res.partner = s->partner;
	for (i = 0; i < in->nitems; i++)
		res.pos[i] = s->pos[i];
	attune_score(&res);
	for (k = 0; in->scales[k].name != NULL; k++)
		s->sub[k] = res.sub[k];
	s->scored = 1;
}

/* A screen as the diary keeps it, from one just scored. */
void
attune_rscreen_result(struct attune_rscreen *s, const struct attune_time *ts,
    const struct attune_result *r)
{
	int i, k;

	memset(s, 0, sizeof *s);
	s->ts = *ts;
	s->day = ts->days;
	s->sec = ts->sec;
	s->in = r->in;
	s->name = r->in->label;
	s->instrument = attune_xstrdup(r->in->name);
	s->band = attune_xstrdup(r->band->word);
	s->subscales = attune_xstrdup("");
	s->total = r->total;
	s->partner = r->partner;
	s->safety = r->safety != 0;
	s->high = r->high;
	attune_safety_items(s->items, r->safety);
	for (i = 0; i < r->in->nitems; i++) {
		s->pos[i] = r->pos[i];
		s->pts[i] = r->pts[i];
	}
	for (k = 0; r->in->scales[k].name != NULL; k++)
		s->sub[k] = r->sub[k];
	s->answered = s->scored = 1;
}

/* A new screen of p's, for the caller to fill. */
struct attune_rscreen *
attune_report_add_screen(struct attune_rperson *p)
{
	if (p->nsc == p->capsc) {
		p->capsc = p->capsc ? p->capsc * 2 : 8;
		p->sc = attune_xreallocarray(p->sc, p->capsc, sizeof *p->sc);
	}
	return &p->sc[p->nsc++];
}

/* Keep a screen, judged once, whole as r->whole asks. */
void
attune_report_screen(struct attune_report *r, const struct attune_screen *sc)
{
	struct attune_rperson *p = attune_report_person(r, sc->who,
	    strlen(sc->who));
	struct attune_rscreen *s = attune_report_add_screen(p);

	ahead(r, p, &sc->ts);
	attune_rscreen_fill(s, sc, r->whole);
	s->who = p->who;
	s->seq = r->seq++;
}

static int
screen_cmp(const void *a, const void *b)
{
	const struct attune_rscreen *x = a, *y = b;

	return BY_TIME(x, y);
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
		if (p->nsc > 1)
			qsort(p->sc, p->nsc, sizeof *p->sc, screen_cmp);
		if (p->nnotes > 1)
			qsort(p->notes, p->nnotes, sizeof *p->notes, note_cmp);
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

/*
 * A hard or lasting stretch that ended before the window, told in the
 * past tense: the latest one whose window ends in start..at - 14.  It is
 * no rule, and --check is 0.
 */
static void
past(const struct attune_rperson *p, int64_t start, int64_t at,
    struct attune_rsum *s)
{
	const unsigned want = (1u << ATTUNE_RULE_HARD) |
	    (1u << ATTUNE_RULE_LASTING);
	struct attune_verdict v;
	char d0[16], d1[16];
	int64_t e, lo = start > p->lo ? start : p->lo, from = INT64_MAX;
	int64_t to = INT64_MIN;
	unsigned seen = 0;
	int rule;

	/* The latest window in which it fired, and the ones just before it,
	 * make one stretch. */
	for (e = at - 14 < p->hi ? at - 14 : p->hi; e >= lo; e--) {
		memset(&v, 0, sizeof v);
		attune_judge_days(p, e, &v);
		if (!(v.rules & want)) {
			attune_verdict_free(&v);
			if (seen)
				break;
			continue;
		}
		seen |= v.rules & want;
		for (rule = ATTUNE_RULE_HARD; rule <= ATTUNE_RULE_LASTING;
		    rule++)
			if (v.rules & (1u << rule)) {
				if (v.span[rule][0] < from)
					from = v.span[rule][0];
				if (v.span[rule][1] > to)
					to = v.span[rule][1];
			}
		attune_verdict_free(&v);
	}
	if (!seen)
		return;
	attune_date_format(from, d0);
	attune_date_format(to, d1);
	s->past = attune_xmalloc(400);
	snprintf(s->past, 400, "From %s to %s, things were %s. The last two "
	    "weeks look steadier. If the hard days come back, reaching out is "
	    "still a good step.", d0, d1, seen & (1u << ATTUNE_RULE_HARD) ?
	    "very hard" : "hard for two weeks or more");
}

void
attune_report_sum(const struct attune_report *r,
    const struct attune_rperson *p, int64_t start, int64_t end,
    struct attune_rsum *s)
{
	const struct attune_rbucket *b = NULL, *pb = NULL;
	struct attune_verdict v;
	int64_t key, pstart = before(r->by, start, end);
	size_t i;

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

	/* The check-ins were judged as they were folded; the screens,
	 * read whole, are judged now, on the same window. */
	if (start > attune_judge_today(p, r->today))
		return;
	memset(&v, 0, sizeof v);
	v.sleep = -1;
	if (b != NULL && b->v != NULL)
		attune_verdict_merge(&v, b->v);
	attune_judge_screens(p, judge_end(r, p, end), &v);
	attune_judge_end(&v);
	s->rules = v.rules;
	s->why = v.why;
	s->nwhy = v.nwhy;
	if (v.rules == 0 && !r->stream && r->by == ATTUNE_BY_NONE)
		past(p, start, judge_end(r, p, end), s);
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
	return attune_report_moment_days(s, w, ndays, NULL, NULL, with,
	    without);
}

/* As attune_report_moment, with the days with a bond answered that had
 * the moment (*din) and that had not (*dout), where they are not NULL. */
int
attune_report_moment_days(const struct attune_rsum *s, int w,
    uint32_t *ndays, uint32_t *pin, uint32_t *pout, double *with,
    double *without)
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
	if (pin != NULL)
		*pin = din;
	if (pout != NULL)
		*pout = dout;
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
	free(s->past);
	s->why = NULL;
	s->past = NULL;
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
		for (k = 0; k < p->nnotes; k++)
			free(p->notes[k].text);
		free(p->notes);
		for (k = 0; k < p->nci; k++)
			free(p->ci[k].note);
		free(p->ci);
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
