/*
 * tips.c: attune-tips(1) behind its options.  The shipped tips and topics
 * (share/tips.csv, share/topics.csv) and the person's own tips file are
 * read and checked row by row; tips are chosen by topic, as the tip of the
 * day, or for the person from the one judgement of their logs (judge.c,
 * through attune_judge_logs), and printed as text or CSV, the crisis lines
 * first when harm came up.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "attune_priv.h"
#include "config.h"	/* ATTUNE_VERSION, ATTUNE_DATADIR, from config.mk */

enum { FMT_TEXT, FMT_CSV };

/* How the tips are shown: text or CSV, with --why's lines, and whether
 * the CSV header is out. */
struct show {
	int	 format, why, headed;
};

/*
 * What each signal of the judgement (lib/judge.c) says in plain words,
 * and the order the signals choose in: what is most pressing first.
 */
static const struct {
	int	 sig;
	const char *words;
} said[] = {
	{ ATTUNE_SIG_HARM, "thoughts of harm came up in the last two weeks" },
	{ ATTUNE_SIG_HARD, "the last few days have been very hard" },
	{ ATTUNE_SIG_LASTING, "hard feelings have lasted about two weeks" },
	{ ATTUNE_SIG_WORSE, "things have been getting harder week by week" },
	{ ATTUNE_SIG_CONCERNS, "the same worries keep coming up" },
	{ ATTUNE_SIG_DEPRESSION_SCREEN, "a recent screen for low mood was in "
	    "a range where talking to someone helps" },
	{ ATTUNE_SIG_ANXIETY_SCREEN, "a recent anxiety screen was high" },
	{ ATTUNE_SIG_BONDING_SCREEN, "your recent PBQ bonding scale was "
	    "high" },
	{ ATTUNE_SIG_REJECTION_SCREEN, "your recent PBQ scale for anger and "
	    "distance was high" },
	{ ATTUNE_SIG_INFANT_ANXIETY_SCREEN, "your recent PBQ scale for worry "
	    "about your baby was high" },
	{ ATTUNE_SIG_RAGE, "rage came up this week" },
	{ ATTUNE_SIG_CANT_COPE, "feeling unable to cope came up this week" },
	{ ATTUNE_SIG_CANT_CARE, "feeling unable to care came up this week" },
	{ ATTUNE_SIG_INTRUSIVE, "unwanted thoughts came up this week" },
	{ ATTUNE_SIG_PANIC, "panic came up this week" },
	{ ATTUNE_SIG_BOND_LOW, "your bond was low on most days logged this "
	    "week" },
	{ ATTUNE_SIG_NUMB_HIGH, "you felt numb on most days logged this week" },
	{ ATTUNE_SIG_ANXIETY_HIGH, "your anxiety was high on most days "
	    "logged this week" },
	{ ATTUNE_SIG_MOOD_LOW, "your mood was low on most days logged this "
	    "week" },
	{ ATTUNE_SIG_SLEEP_LOW, "you slept little this week" },
	{ ATTUNE_SIG_PARTNER, "you are checking in as a partner" },
	{ ATTUNE_SIG_OLDER_CHILD, "there is an older child at home" },
	{ ATTUNE_SIG_START, "a gentle place to start" },
};
#define NSAID	(sizeof said / sizeof said[0])

static const char *const role_words[] = { "any", "birthing", "partner", NULL };
static const char *const tip_cols[] = {
	"id", "topic", "title", "text", "source", "who", "fits", NULL
};
enum { T_ID, T_TOPIC, T_TITLE, T_TEXT, T_SOURCE, T_WHO, T_FITS };

/* --- the tips files ------------------------------------------------- */

static int
is_name(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n > max || s[0] == '-')
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* Whether a row's id or topic (what), n bytes at s, is a name of at most
 * max; if not, the row is reported: empty (when empty is set) or not a
 * name. */
static int
name_ok(struct attune_csv *c, const char *what, const char *s, size_t n,
    size_t max, int empty)
{
	char qv[ATTUNE_VALUE];

	if (empty && *s == '\0') {
		attune_csv_bad(c, "the %s is empty", what);
		return 0;
	}
	if (is_name(s, max))
		return 1;
	attune_csv_bad(c, "%s '%s' is not a name of lowercase letters, digits "
	    "and hyphens", what, attune_safe_value(qv, sizeof qv, s, n));
	return 0;
}

/* A field of a tips file, with no control characters; in the text of a
 * tip, line breaks and tabs (as spreadsheets may write) become spaces. */
static char *
field(struct attune_csv *c, int col, int spaces, const char *name, int *bad)
{
	const char *s = attune_csv_get(c, col, NULL);
	char *v, *p;

	v = attune_xstrdup(s);
	for (p = v; *p != '\0'; p++) {
		if (spaces && (*p == '\n' || *p == '\r' || *p == '\t'))
			*p = ' ';
		else if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			if (!*bad)
				attune_csv_bad(c, "%s holds a control character",
				    name);
			*bad = 1;
			break;
		}
	}
	return v;
}

/*
 * Tips by id, in a hash, so that a tips file of any size loads in linear
 * time.  An id stands for one tip at a time: a tip of the person's own
 * with a shipped tip's id takes that tip's place.
 */
static size_t
id_slot(const struct attune_tips *ts, const char *id)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const char *p;
	size_t i;

	for (p = id; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	for (i = (size_t)h & (ts->idcap - 1); ts->idhash[i] >= 0 &&
	    strcmp(ts->tips[ts->idhash[i]].id, id) != 0;
	    i = (i + 1) & (ts->idcap - 1))
		;
	return i;
}

static int
find_tip(const struct attune_tips *ts, const char *id, int user)
{
	size_t i;

	if (ts->idcap == 0)
		return -1;
	for (i = id_slot(ts, id); ts->idhash[i] >= 0;
	    i = (i + 1) & (ts->idcap - 1))
		if (strcmp(ts->tips[ts->idhash[i]].id, id) == 0)
			return ts->tips[ts->idhash[i]].user == user ?
			    ts->idhash[i] : -1;
	return -1;
}

static void
id_add(struct attune_tips *ts, int k)
{
	size_t i, j;

	if (2 * (size_t)(k + 1) > ts->idcap) {
		ts->idcap = ts->idcap ? ts->idcap * 2 : 256;
		ts->idhash = attune_xreallocarray(ts->idhash, ts->idcap,
		    sizeof *ts->idhash);
		for (i = 0; i < ts->idcap; i++)
			ts->idhash[i] = -1;
		for (j = 0; j < (size_t)k; j++)
			ts->idhash[id_slot(ts, ts->tips[j].id)] = (int)j;
	}
	ts->idhash[id_slot(ts, ts->tips[k].id)] = k;
}

static void
free_tip(struct attune_tip *t)
{
	free(t->id);
	free(t->topic);
	free(t->title);
	free(t->text);
	free(t->source);
}

static int
topic_index(const struct attune_tips *ts, const char *name)
{
	return attune_name_index(ts->topics, ts->ntopics, sizeof *ts->topics,
	    name);
}

/* Check one row and add it; 0 if it was malformed (and reported). */
static int
add_row(struct attune_tips *ts, struct attune_csv *c, int user)
{
	struct attune_tip t;
	const char *s, *p, *q;
	char qv[ATTUNE_VALUE];
	size_t n;
	int bad = 0, i, k;

	memset(&t, 0, sizeof t);
	t.user = user;
	t.id = field(c, T_ID, 0, "id", &bad);
	t.topic = field(c, T_TOPIC, 0, "topic", &bad);
	t.title = field(c, T_TITLE, 0, "title", &bad);
	t.text = field(c, T_TEXT, 1, "text", &bad);
	t.source = field(c, T_SOURCE, 0, "source", &bad);
	if (bad)
		goto bad;
	if (!name_ok(c, "id", t.id, strlen(t.id), 64, 1))
		goto bad;
	if (find_tip(ts, t.id, user) >= 0) {
		attune_csv_bad(c, "id '%s' is already used by an earlier row",
		    t.id);
		goto bad;
	}
	if (!name_ok(c, "topic", t.topic, strlen(t.topic), 32, 1))
		goto bad;
	if (*t.title == '\0' || *t.text == '\0') {
		attune_csv_bad(c, "a tip needs a title and a text");
		goto bad;
	}
	s = attune_csv_get(c, T_WHO, &n);
	if (n > 0 && (t.role = attune_word_index(role_words, s, n)) < 0) {
		attune_csv_bad(c, "who '%s' is not any, birthing or partner",
		    attune_safe_value(qv, sizeof qv, s, n));
		goto bad;
	}
	s = attune_csv_get(c, T_FITS, &n);
	for (p = s; *p != '\0'; p = *q ? q + 1 : q) {
		q = p + strcspn(p, ";");
		if (q == p)
			continue;
		if ((k = attune_word_index(attune_signal_ids, p,
		    (size_t)(q - p))) < 0) {
			attune_csv_bad(c, "fits '%s' is not one of the signals "
			    "of attune-tips(1)", attune_safe_value(qv,
			    sizeof qv, p, (size_t)(q - p)));
			goto bad;
		}
		t.fits |= 1u << k;
	}
	if (topic_index(ts, t.topic) < 0) {
		ts->topics = attune_xreallocarray(ts->topics, ts->ntopics + 1,
		    sizeof *ts->topics);
		ts->topics[ts->ntopics].name = attune_xstrdup(t.topic);
		ts->topics[ts->ntopics].asked = 0;
		ts->topics[ts->ntopics++].what =
		    attune_xstrdup("your own tips");
	}
	/* A tip of the person's own with a shipped tip's id takes its place,
	 * so a tip can be reworded without editing the shipped file. */
	if (user && (i = find_tip(ts, t.id, 0)) >= 0) {
		free_tip(&ts->tips[i]);
		ts->tips[i] = t;
		return 1;
	}
	if (ts->ntips == ts->ntipcap) {
		ts->ntipcap = ts->ntipcap ? ts->ntipcap * 2 : 256;
		ts->tips = attune_xreallocarray(ts->tips, ts->ntipcap,
		    sizeof *ts->tips);
	}
	ts->tips[ts->ntips] = t;
	id_add(ts, (int)ts->ntips++);
	return 1;
bad:
	free_tip(&t);
	return 0;
}

/*
 * Read one tips file.  A missing file of the person's own is not an error;
 * a file without the needed columns is.  -1 when it failed.
 */
static int
load(struct attune_tips *ts, const char *path, int user)
{
	static const char *const need[] = { "id", "topic", "title", "text" };
	struct attune_csv *c;
	size_t k;
	int r;

	if (user && access(path, F_OK) != 0)
		return 0;
	if ((c = attune_csv_open(path, tip_cols, ts->flags)) == NULL)
		return -1;
	r = attune_csv_next(c);
	/* A file with no rows has no tips to leave out, whatever it holds. */
	for (k = 0; r == 1 && k < sizeof need / sizeof need[0]; k++) {
		if (attune_csv_has(c, (int)k))
			continue;
		attune_warnx("%s: has no '%s' column, so its tips were left out "
		    "(attune-tips(1) describes the format)", path, need[k]);
		attune_csv_close(c);
		return -1;
	}
	while (r == 1) {
		add_row(ts, c, user);
		r = attune_csv_next(c);
	}
	if (attune_csv_close(c) < 0 || r < 0)
		return -1;
	return 0;
}

/* --- the topics file ------------------------------------------------ */

/* share/topics.csv: each topic, what it is about, the other words people
 * may reach for, and whether it is chosen from signals or only asked for. */
static int
load_topics(struct attune_tips *ts, const char *path)
{
	static const char *const cols[] = { "topic", "about", "aliases",
	    "shown", NULL };
	struct attune_tip_topic *tp;
	struct attune_tip_alias *al;
	struct attune_csv *c;
	const char *s, *p, *q;
	size_t n;
	int r;

	if ((c = attune_csv_open(path, cols, ts->flags)) == NULL)
		return -1;
	while ((r = attune_csv_next(c)) == 1) {
		s = attune_csv_get(c, 0, &n);
		if (!name_ok(c, "topic", s, n, 32, 0))
			continue;
		ts->topics = attune_xreallocarray(ts->topics, ts->ntopics + 1,
		    sizeof *ts->topics);
		tp = &ts->topics[ts->ntopics];
		tp->name = attune_xstrdup(s);
		tp->what = attune_xstrdup(attune_csv_get(c, 1, NULL));
		tp->asked = strcmp(attune_csv_get(c, 3, NULL), "asked") == 0;
		for (p = attune_csv_get(c, 2, NULL); *p != '\0';
		    p = *q ? q + 1 : q) {
			q = p + strcspn(p, ";");
			while (p < q && *p == ' ')
				p++;
			if (q == p)
				continue;
			ts->aliases = attune_xreallocarray(ts->aliases,
			    ts->naliases + 1, sizeof *ts->aliases);
			al = &ts->aliases[ts->naliases++];
			al->name = attune_xmalloc((size_t)(q - p) + 1);
			memcpy(al->name, p, (size_t)(q - p));
			al->name[q - p] = '\0';
			al->topic = tp->name;
		}
		ts->ntopics++;
	}
	if (attune_csv_close(c) < 0 || r < 0)
		return -1;
	if (ts->ntopics == 0) {
		attune_warnx("%s: holds no topics", path);
		return -1;
	}
	ts->nshipped = ts->ntopics;
	return 0;
}

/* share/tip-sources.csv: each short form a tips file's source column may
 * use, and the title it is shown by. */
static int
load_sources(struct attune_tips *ts, const char *path)
{
	static const char *const cols[] = { "source", "title", NULL };
	struct attune_csv *c;
	const char *s, *t;
	int r;

	if ((c = attune_csv_open(path, cols, ts->flags)) == NULL)
		return -1;
	while ((r = attune_csv_next(c)) == 1) {
		s = attune_csv_get(c, 0, NULL);
		t = attune_csv_get(c, 1, NULL);
		if (*s == '\0' || *t == '\0') {
			attune_csv_bad(c, "a source needs a name and a title");
			continue;
		}
		ts->sources = attune_xreallocarray(ts->sources,
		    ts->nsources + 1, sizeof *ts->sources);
		ts->sources[ts->nsources].name = attune_xstrdup(s);
		ts->sources[ts->nsources++].title = attune_xstrdup(t);
	}
	if (attune_csv_close(c) < 0 || r < 0)
		return -1;
	return 0;
}

/* --- what the logs say ---------------------------------------------- */

/* Whether the person's settings say there is more than one child. */
static int
older_children(void)
{
	const struct attune_conf *c = attune_conf_default();

	return c != NULL ? c->children : 0;
}

/* Put in the signals that come from the person, not the logs. */
static void
context(struct attune_verdict *v, int partner, int children)
{
	if (partner)
		v->signals |= 1u << ATTUNE_SIG_PARTNER;
	if (children > 1)
		v->signals |= 1u << ATTUNE_SIG_OLDER_CHILD;
	if ((v->signals & ~((1u << ATTUNE_SIG_PARTNER) |
	    (1u << ATTUNE_SIG_OLDER_CHILD))) == 0)
		v->signals |= 1u << ATTUNE_SIG_START;
}

/* What a signal says, in plain words. */
static const char *
signal_words(int sig, char *buf, size_t size, const struct attune_verdict *v)
{
	size_t i;

	if (sig == ATTUNE_SIG_SLEEP_LOW && v->sleep >= 0) {
		snprintf(buf, size, "you slept about %.1f hours a day this "
		    "week", v->sleep);
		return buf;
	}
	for (i = 0; i < NSAID; i++)
		if (said[i].sig == sig)
			return said[i].words;
	return attune_signal_ids[sig];
}

/* Join phrases as "a, b and c". */
static void
join(struct attune_buf *b, const char *const *part, int n)
{
	int i;

	for (i = 0; i < n; i++)
		attune_buf_printf(b, "%s%s", i == 0 ? "" : i == n - 1 ?
		    " and " : ", ", part[i]);
}

/* One line saying why these tips were chosen. */
static void
reason(const struct attune_verdict *v, struct attune_buf *b)
{
	const char *part[NSAID];
	char sleep[80];
	size_t i;
	int n = 0;

	for (i = 0; i < NSAID; i++)
		if ((v->signals & (1u << said[i].sig)) &&
		    said[i].sig != ATTUNE_SIG_START)
			part[n++] = signal_words(said[i].sig, sleep,
			    sizeof sleep, v);
	if (n == 0 && v->days + v->screens == 0)
		attune_buf_str(b, "There are no check-ins from the last 7 days, "
		    "so here is a gentle place to start.");
	else if (n == 0 || (n == 1 && (v->signals &
	    (1u << ATTUNE_SIG_START))))
		attune_buf_str(b, "Nothing in this week's check-ins asks for "
		    "anything in particular, so here are a few gentle ideas.");
	else {
		attune_buf_str(b, "Chosen because ");
		join(b, part, n);
		attune_buf_str(b, ".");
	}
}

/* --- choosing ------------------------------------------------------- */

/* A fixed pseudo-random sequence, the same on every machine. */
static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t
hash(const char *s, int64_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return mix(h ^ (uint64_t)n);
}

struct byid {
	const char *id;
	int	 k;
};

static int
by_id(const void *a, const void *b)
{
	return strcmp(((const struct byid *)a)->id,
	    ((const struct byid *)b)->id);
}

/* Put v, indexes in the tips, in an order fixed by the key: sorted by id
 * first, so the order of the rows in a file does not matter, then
 * shuffled. */
static void
shuffle(const struct attune_tips *ts, int *v, int n, const char *key,
    int64_t k)
{
	struct byid *s = attune_xcalloc((size_t)n + 1, sizeof *s);
	uint64_t r = hash(key, k);
	int i, j, t;

	for (i = 0; i < n; i++)
		s[i].id = ts->tips[v[i]].id, s[i].k = v[i];
	qsort(s, (size_t)n, sizeof *s, by_id);
	for (i = 0; i < n; i++)
		v[i] = s[i].k;
	free(s);
	for (i = n - 1; i > 0; i--) {
		r = mix(r);
		j = (int)(r % (uint64_t)(i + 1));
		t = v[i], v[i] = v[j], v[j] = t;
	}
}

static int
suits(const struct attune_tip *t, int partner)
{
	return t->role == ATTUNE_TIP_ANY || t->role ==
	    (partner ? ATTUNE_TIP_PARTNER : ATTUNE_TIP_BIRTHING);
}

/* The tips of one topic, those that suit the person when filter is set. */
static int
topic_tips(const struct attune_tips *ts, const char *topic, int filter,
    int partner, int *v)
{
	size_t i;
	int n = 0;

	for (i = 0; i < ts->ntips; i++)
		if (strcmp(ts->tips[i].topic, topic) == 0 &&
		    (!filter || suits(&ts->tips[i], partner)))
			v[n++] = (int)i;
	return n;
}

static int64_t
floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/*
 * The tip of the day.  Days go round the topics in turn; each topic's tips
 * are dealt in a shuffled order, a new shuffle each time the topic has
 * shown them all, so no tip comes back before the rest of its topic has.
 */
static int
tip_of_day(const struct attune_tips *ts, const char *const *names,
    int nnames, int filter, int partner, int64_t day)
{
	int *v, *prev;
	int i, n, nt = 0, pick, t;
	const char **use;
	int64_t visit, cycle, pos;
	size_t j;

	/* The topics that have a tip for the person, in the order named. */
	use = attune_xcalloc((size_t)nnames + 1, sizeof *use);
	for (i = 0; i < nnames; i++)
		for (j = 0; j < ts->ntips; j++)
			if (strcmp(ts->tips[j].topic, names[i]) == 0 &&
			    (!filter || suits(&ts->tips[j], partner))) {
				use[nt++] = names[i];
				break;
			}
	if (nt == 0) {
		free(use);
		return -1;
	}
	t = (int)(day - floordiv(day, nt) * nt);
	visit = floordiv(day, nt);
	v = attune_xcalloc(ts->ntips + 1, sizeof *v);
	prev = attune_xcalloc(ts->ntips + 1, sizeof *prev);
	n = topic_tips(ts, use[t], filter, partner, v);
	memcpy(prev, v, (size_t)n * sizeof *v);
	cycle = floordiv(visit, n);
	pos = visit - cycle * n;
	shuffle(ts, v, n, use[t], cycle);
	if (n > 1) {
		/* The first tip of a new round is never the last of the round
		 * before: with one topic, that would be yesterday's. */
		shuffle(ts, prev, n, use[t], cycle - 1);
		if (v[0] == prev[n - 1]) {
			int tmp = v[0];
			v[0] = v[1];
			v[1] = tmp;
		}
	}
	pick = v[pos];
	free(v);
	free(prev);
	free(use);
	return pick;
}

static int
chosen_already(const int *out, int nout, int k)
{
	int i;

	for (i = 0; i < nout; i++)
		if (out[i] == k)
			return 1;
	return 0;
}

static int
asked_only(const struct attune_tips *ts, const char *topic)
{
	int i = topic_index(ts, topic);

	return i >= 0 && ts->topics[i].asked;
}

/* The tips a signal may choose: those tagged with it that suit the
 * person, leaving out topics shown only when asked for. */
static int
signal_tips(const struct attune_tips *ts, int sig, int partner, int *v)
{
	const struct attune_tip *t;
	size_t i;
	int n = 0;

	for (i = 0; i < ts->ntips; i++) {
		t = &ts->tips[i];
		if ((t->fits & (1u << sig)) && suits(t, partner) &&
		    !asked_only(ts, t->topic))
			v[n++] = (int)i;
	}
	return n;
}

/* The tip that speaks first after harm came up: the reach-out one. */
#define FIRST_AFTER_HARM	"reach-out-today"

/*
 * Tips for the person: one for each signal that is on, most pressing
 * first, then round again until there are enough.  Each signal's tips are
 * put in the order of the day once; after harm the reach-out tip leads.
 * why[k] is the signal that chose out[k].
 */
static int
choose(const struct attune_tips *ts, const struct attune_verdict *w,
    int partner, int64_t day, int want, int *out, int *why)
{
	int *v[NSAID], n[NSAID];
	int i, k, j, nout = 0, more = 1, sig;

	for (i = 0; i < (int)NSAID; i++) {
		v[i] = NULL;
		n[i] = 0;
		sig = said[i].sig;
		if (!(w->signals & (1u << sig)))
			continue;
		v[i] = attune_xcalloc(ts->ntips + 1, sizeof *v[i]);
		n[i] = signal_tips(ts, sig, partner, v[i]);
		shuffle(ts, v[i], n[i], attune_signal_ids[sig], day);
		if (sig != ATTUNE_SIG_HARM)
			continue;
		for (k = 0; k < n[i] && strcmp(ts->tips[v[i][k]].id,
		    FIRST_AFTER_HARM) != 0; k++)
			;
		if (k < n[i]) {
			int t = v[i][k];

			memmove(v[i] + 1, v[i], (size_t)k * sizeof *v[i]);
			v[i][0] = t;
		}
	}
	while (nout < want && more) {
		more = 0;
		for (i = 0; i < (int)NSAID && nout < want; i++) {
			for (j = 0; v[i] != NULL && j < n[i]; j++)
				if (!chosen_already(out, nout, v[i][j]))
					break;
			if (v[i] == NULL || j == n[i])
				continue;
			why[nout] = said[i].sig;
			out[nout++] = v[i][j];
			more = 1;
		}
	}
	for (i = 0; i < (int)NSAID; i++)
		free(v[i]);
	return nout;
}

/* A few tips from the named topics, taken in turn. */
static int
from_topics(const struct attune_tips *ts, const char *const *names,
    int nnames, int64_t day, int want, int *out)
{
	int **v = attune_xcalloc((size_t)nnames, sizeof *v);
	int *n = attune_xcalloc((size_t)nnames, sizeof *n);
	int i, round, nout = 0, more = 1;

	for (i = 0; i < nnames; i++) {
		v[i] = attune_xcalloc(ts->ntips + 1, sizeof **v);
		n[i] = topic_tips(ts, names[i], 0, 0, v[i]);
		shuffle(ts, v[i], n[i], names[i], day);
	}
	for (round = 0; nout < want && more; round++) {
		more = 0;
		for (i = 0; i < nnames && nout < want; i++)
			if (round < n[i]) {
				out[nout++] = v[i][round];
				more = 1;
			}
	}
	for (i = 0; i < nnames; i++)
		free(v[i]);
	free(v);
	free(n);
	return nout;
}

/* --- printing ------------------------------------------------------- */

/* The source as people read it: each seed:NNN by its article's title. */
static void
source_names(const struct attune_tips *ts, const struct attune_tip *t,
    struct attune_buf *b)
{
	const char *p, *q, *e;
	size_t i, n;
	int found;

	if (*t->source == '\0') {
		attune_buf_str(b, t->user ? "your own tips file" : "");
		return;
	}
	for (p = t->source; *p != '\0'; p = *q ? q + 1 : q) {
		q = p + strcspn(p, ";");
		while (p < q && *p == ' ')
			p++;
		for (e = q; e > p && e[-1] == ' '; e--)
			;
		if (e == p)
			continue;
		n = (size_t)(e - p);
		found = 0;
		for (i = 0; i < ts->nsources && !found; i++)
			if (strlen(ts->sources[i].name) == n &&
			    strncmp(p, ts->sources[i].name, n) == 0) {
				attune_buf_printf(b, "%s%s", b->len ? "; " : "",
				    ts->sources[i].title);
				found = 1;
			}
		if (!found) {
			if (b->len)
				attune_buf_str(b, "; ");
			attune_buf_add(b, p, n);
		}
	}
}

static const char *
role_label(const struct attune_tip *t)
{
	if (t->role == ATTUNE_TIP_PARTNER)
		return " (for partners)";
	if (t->role == ATTUNE_TIP_BIRTHING)
		return " (for the birthing parent)";
	return "";
}

static void
print_text(const struct attune_tips *ts, const struct attune_tip *t,
    int width)
{
	struct attune_buf b = { 0 };

	attune_put_safe(stdout, t->title, strlen(t->title));
	printf(" [%s]%s\n", t->topic, role_label(t));
	attune_wrap(stdout, t->text, width, 2);
	source_names(ts, t, &b);
	if (b.len > 0) {
		struct attune_buf line = { 0 };

		attune_buf_printf(&line, "From: %s", b.s);
		attune_wrap(stdout, line.s, width, 2);
		attune_buf_free(&line);
	}
	attune_buf_free(&b);
}

static void
csv_row(const char *const *f, int n)
{
	struct attune_buf b = { 0 };
	int i;

	for (i = 0; i < n; i++)
		attune_csv_cell(&b, f[i], strlen(f[i]), i == 0);
	attune_buf_add(&b, "\n", 1);
	fwrite(b.s, 1, b.len, stdout);
	attune_buf_free(&b);
}

static void
print_csv(const struct attune_tips *ts, const struct attune_tip *t,
    const char *why)
{
	struct attune_buf src = { 0 };
	const char *f[7];

	source_names(ts, t, &src);
	f[0] = t->id;
	f[1] = t->topic;
	f[2] = t->title;
	f[3] = t->text;
	f[4] = src.s != NULL ? src.s : "";
	f[5] = role_words[t->role];
	f[6] = why;
	csv_row(f, 7);
	attune_buf_free(&src);
}

static const char *const csv_head[] = { "id", "topic", "title", "text",
    "source", "who", "why" };

/*
 * The crisis lines, shown as soon as the logs are judged and before
 * anything else, so that no later failure can keep them back.  In CSV
 * they are the first row, under the header; and, as with a report's CSV,
 * they go to standard error first, with the warnings held after them, so
 * that with 2>&1 no warning comes amid the rows.
 */
static void
print_crisis(struct show *sh, int crisis, const char *why, const char *region)
{
	char *s = NULL;
	size_t len = 0;
	FILE *m;
	const char *f[7];
	char src[64];

	if (!crisis)
		return;
	if (sh->format == FMT_TEXT) {
		attune_crisis_out(ATTUNE_CRISIS_WORDS, region);
		return;
	}
	attune_crisis_out(ATTUNE_CRISIS_NONE, region);
	attune_warn_release();
	csv_row(csv_head, 7);
	sh->headed = 1;
	if ((m = open_memstream(&s, &len)) == NULL)
		attune_err(ATTUNE_FAIL, "out of memory");
	attune_crisis_print(m, region);
	fclose(m);
	snprintf(src, sizeof src, "attune crisis lines, checked %s",
	    ATTUNE_LINES_CHECKED);
	f[0] = "crisis";
	f[1] = "crisis";
	f[2] = "Please reach out now";
	f[3] = s;
	f[4] = src;
	f[5] = "any";
	f[6] = why;
	csv_row(f, 7);
	free(s);
}

static void
print_tips(const struct attune_tips *ts, const struct show *sh, const int *v,
    const int *sig, int n, const char *why, const struct attune_verdict *w)
{
	struct attune_buf line = { 0 };
	char buf[80];
	int i, width = attune_term_width();

	if (sh->format == FMT_CSV) {
		if (!sh->headed)
			csv_row(csv_head, 7);
		for (i = 0; i < n; i++)
			print_csv(ts, &ts->tips[v[i]], sig[i] >= 0 ?
			    signal_words(sig[i], buf, sizeof buf, w) : why);
		return;
	}
	if (*why != '\0') {
		attune_wrap(stdout, why, width, 0);
		putchar('\n');
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			putchar('\n');
		print_text(ts, &ts->tips[v[i]], width);
		if (sh->why && sig[i] >= 0) {
			line.len = 0;
			attune_buf_printf(&line, "Why this one: %s.",
			    signal_words(sig[i], buf, sizeof buf, w));
			attune_wrap(stdout, line.s, width, 2);
		}
	}
	attune_buf_free(&line);
}

static void
list_topics(const struct attune_tips *ts, int format)
{
	int *v = attune_xcalloc(ts->ntips + 1, sizeof *v);
	const char *f[3];
	char num[16];
	size_t i;
	int n;

	if (format == FMT_CSV) {
		f[0] = "topic", f[1] = "tips", f[2] = "about";
		csv_row(f, 3);
	}
	for (i = 0; i < ts->ntopics; i++) {
		n = topic_tips(ts, ts->topics[i].name, 0, 0, v);
		if (n == 0 && i >= ts->nshipped)
			continue;
		if (format == FMT_CSV) {
			snprintf(num, sizeof num, "%d", n);
			f[0] = ts->topics[i].name, f[1] = num;
			f[2] = ts->topics[i].what;
			csv_row(f, 3);
		} else
			printf("%-15s %3d  %s\n", ts->topics[i].name, n,
			    ts->topics[i].what);
	}
	free(v);
}

/* --- topics named on the command line -------------------------------- */

/* The topics whose names or aliases are near a typo, at most three,
 * nearest first, into best (NULL past the last); how many. */
int
attune_tips_near(const struct attune_tips *ts, const char *name,
    const char *best[3])
{
	size_t dist[3], d, i, j, k, len = strlen(name);
	const char *cand;

	best[0] = best[1] = best[2] = NULL;
	for (i = 0; i < ts->ntopics + ts->naliases; i++) {
		cand = i < ts->ntopics ? ts->topics[i].name :
		    ts->aliases[i - ts->ntopics].name;
		d = (size_t)attune_distance(name, len, cand, strlen(cand), 3);
		if (len >= 3 && strstr(cand, name) != NULL)
			d = 1;
		if (d > (len < 6 ? 2 : 3))
			continue;
		if (i >= ts->ntopics)
			cand = ts->aliases[i - ts->ntopics].topic;
		for (k = 0; k < 3 && best[k] != NULL; k++)
			if (strcmp(best[k], cand) == 0)
				break;
		if (k < 3 && best[k] != NULL) {
			if (d < dist[k])
				dist[k] = d;
			continue;
		}
		for (k = 0; k < 3 && best[k] != NULL && dist[k] <= d; k++)
			;
		if (k == 3)
			continue;
		for (j = 2; j > k; j--)
			best[j] = best[j - 1], dist[j] = dist[j - 1];
		best[k] = cand;
		dist[k] = d;
	}
	for (k = 0; k < 3 && best[k] != NULL; k++)
		;
	return (int)k;
}

static _Noreturn void
unknown_topic(const struct attune_tips *ts, const char *name)
{
	const char *best[3];

	if (attune_tips_near(ts, name, best) == 0)
		attune_usage_error("there is no topic called '%s'; 'attune tips "
		    "--list' shows them all", name);
	attune_usage_hint("'attune tips --list' shows every topic.",
	    "there is no topic called '%s'; did you mean %s%s%s%s%s?",
	    name, best[0], best[1] ? (best[2] ? ", " : " or ") : "",
	    best[1] ? best[1] : "", best[2] ? " or " : "",
	    best[2] ? best[2] : "");
}

/* A topic named on the command line, by its name or an alias, in any
 * case; NULL when there is none. */
const char *
attune_tips_topic(const struct attune_tips *ts, const char *name)
{
	int i;

	if ((i = topic_index(ts, name)) >= 0)
		return ts->topics[i].name;
	for (i = 0; i < (int)ts->naliases; i++)
		if (strcasecmp(ts->aliases[i].name, name) == 0)
			return ts->aliases[i].topic;
	for (i = 0; i < (int)ts->ntopics; i++)
		if (strcasecmp(ts->topics[i].name, name) == 0)
			return ts->topics[i].name;
	return NULL;
}

/* --- loading and choosing ------------------------------------------- */

/*
 * The shipped topics, sources and tips, then the person's own tips file
 * in dir.  A shipped file missing, or the topics or sources unreadable,
 * ends the program; -1 when a tips file was left out, in part.
 */
int
attune_tips_load(struct attune_tips *ts, const char *dir, int flags)
{
	char *path, *tpath;
	int rval = 0;

	memset(ts, 0, sizeof *ts);
	ts->flags = flags;
	if ((path = attune_share_file("tips.csv")) == NULL)
		attune_errx(ATTUNE_FAIL, "cannot find the tips file tips.csv, "
		    "neither beside this program nor in %s", ATTUNE_DATADIR);
	if ((tpath = attune_share_file("topics.csv")) == NULL)
		attune_errx(ATTUNE_FAIL, "cannot find the topics file topics.csv, "
		    "neither beside this program nor in %s", ATTUNE_DATADIR);
	if (load_topics(ts, tpath) < 0)
		attune_errx(ATTUNE_FAIL, "%s: the topics could not be read",
		    tpath);
	free(tpath);
	if ((tpath = attune_share_file("tip-sources.csv")) == NULL)
		attune_errx(ATTUNE_FAIL, "cannot find the sources file "
		    "tip-sources.csv, neither beside this program nor in %s",
		    ATTUNE_DATADIR);
	if (load_sources(ts, tpath) < 0)
		attune_errx(ATTUNE_FAIL, "%s: the sources could not be read",
		    tpath);
	free(tpath);
	if (load(ts, path, 0) < 0)
		rval = -1;
	free(path);
	path = attune_dir_file(dir, "tips.csv");
	if (load(ts, path, 1) < 0)
		rval = -1;
	free(path);
	return rval;
}

void
attune_tips_free(struct attune_tips *ts)
{
	size_t i;

	for (i = 0; i < ts->ntips; i++)
		free_tip(&ts->tips[i]);
	for (i = 0; i < ts->ntopics; i++) {
		free(ts->topics[i].name);
		free(ts->topics[i].what);
	}
	for (i = 0; i < ts->naliases; i++)
		free(ts->aliases[i].name);
	for (i = 0; i < ts->nsources; i++) {
		free(ts->sources[i].name);
		free(ts->sources[i].title);
	}
	free(ts->sources);
	free(ts->aliases);
	free(ts->idhash);
	free(ts->tips);
	free(ts->topics);
	memset(ts, 0, sizeof *ts);
}

/* The topics asked for, into names; or, when none was named, every topic
 * that may be offered unasked: not those shown only when asked for, and
 * older-child only with an older child.  How many.  The query is left as
 * it was, so a second pick chooses as the first. */
static int
ask_all(const struct attune_tips *ts, const struct attune_tips_query *q,
    const struct attune_verdict *w, const char **names)
{
	size_t i;
	int n = 0;

	if (q->nasked > 0) {
		memcpy(names, q->asked, (size_t)q->nasked * sizeof *names);
		return q->nasked;
	}
	for (i = 0; i < ts->ntopics; i++)
		if (!ts->topics[i].asked && (strcmp(ts->topics[i].name,
		    "older-child") != 0 ||
		    (w->signals & (1u << ATTUNE_SIG_OLDER_CHILD))))
			names[n++] = ts->topics[i].name;
	return n;
}

/* The tips to show, by the options given; why[k] the signal behind out[k],
 * or -1. */
int
attune_tips_pick(const struct attune_tips *ts,
    const struct attune_tips_query *q, const struct attune_verdict *w,
    int *out, int *why)
{
	const char **names;
	int i, k, n = 0, nnames, fired = 0, filter = q->nasked == 0;
	size_t j;

	for (i = 0; i < (int)ts->ntips; i++)
		why[i] = -1;
	names = attune_xcalloc((size_t)q->nasked + ts->ntopics + 1,
	    sizeof *names);
	nnames = ask_all(ts, q, w, names);
	if (q->today) {
		if ((k = tip_of_day(ts, names, nnames, filter, q->partner,
		    q->day)) >= 0)
			out[n++] = k;
	} else if (q->all) {
		for (i = 0; i < nnames; i++)
			n += topic_tips(ts, names[i], 0, 0, out + n);
	} else if (q->nasked > 0) {
		n = from_topics(ts, q->asked, q->nasked, q->day, q->count > 0 ?
		    q->count : q->nasked > 3 ? q->nasked : 3, out);
	} else {
		for (j = 0; j < NSAID; j++)
			fired += (w->signals >> said[j].sig) & 1;
		n = choose(ts, w, q->partner, q->day, q->count > 0 ? q->count :
		    fired > 6 ? 6 : fired > 3 ? fired : 3, out, why);
	}
	free(names);
	return n;
}

/* --- the run -------------------------------------------------------- */

static const char *const format_words[] = { "text", "csv", NULL };

/*
 * The options' values, into the query and how to show: checked in this
 * order, each refused as a usage error (bin/tips.c has the crisis lines
 * shown first when harm came up).  The person, through *who.
 */
static void
settle(const struct attune_tips_opt *o, struct attune_tips_query *q,
    struct show *sh, const char **who)
{
	struct attune_time now;
	const char *msg;

	memset(q, 0, sizeof *q);
	memset(sh, 0, sizeof *sh);
	attune_conf_dir(o->dir);
	*who = attune_opt_who(o->who);
	attune_time_now(&now);
	q->day = now.days;
	if (o->time != NULL && attune_date_user(o->time, &q->day, &msg) < 0)
		attune_usage_error("--time: '%s' %s", o->time, msg);
	if (o->format != NULL)
		sh->format = attune_opt_choice("--format", o->format,
		    format_words);
	q->count = o->count != NULL ? attune_opt_int("--count", o->count, 1,
	    50) : -1;
	if (o->list && (o->ntopics > 0 || o->all || o->today || q->count > 0))
		attune_usage_error("--list shows the topics; it takes no topic, "
		    "--all, --today or --count");
	if (o->today && (o->all || q->count > 0))
		attune_usage_error("--today shows one tip; it cannot be used "
		    "with --all or --count");
	if (o->all && q->count > 0)
		attune_usage_error("--all and --count cannot be used together");
	q->all = o->all;
	q->today = o->today;
	q->partner = o->partner || strcasecmp(*who, "partner") == 0;
	sh->why = o->why;
}

/* The topics named, each resolved once, into q->asked (malloc'd); an
 * unknown one is a usage error. */
static void
ask(const struct attune_tips *ts, const struct attune_tips_opt *o,
    struct attune_tips_query *q)
{
	const char **asked, *t;
	int i, k;

	/* Held in q from the start: an unknown topic exits from the loop,
	 * and what it exits with must still be reachable (no leak). */
	q->asked = asked = attune_xcalloc((size_t)o->ntopics +
	    ts->ntopics + 1, sizeof *asked);
	for (i = 0; i < o->ntopics; i++) {
		if ((t = attune_tips_topic(ts, o->topics[i])) == NULL)
			unknown_topic(ts, o->topics[i]);
		for (k = 0; k < q->nasked && strcmp(asked[k], t) != 0; k++)
			;
		if (k == q->nasked)
			asked[q->nasked++] = t;
	}
}

/*
 * Whether the crisis lines are due: harm came up in the two weeks ending
 * on the day chosen for (w, judged on it; nothing with --list), or in the
 * two weeks ending today, whatever day --time chose and with --list too,
 * as before a usage error (attune_safety_first).  Under --strict, a log
 * w's judgement stopped in (failed) is judged again past the bad row, as
 * attune report does.  Read again, the logs say nothing: the run has said
 * what is wrong with them, or --list does not read them.
 */
static int
harm_now(const struct attune_tips_opt *o, const struct attune_verdict *w,
    int failed, const char *dir, const char *who, int64_t day)
{
	struct attune_time now;
	enum attune_warn_way was;
	unsigned rules = 0;

	if (w->signals & (1u << ATTUNE_SIG_HARM))
		return 1;
	attune_time_now(&now);
	was = attune_warn_way(ATTUNE_WARN_DROP);
	if (!o->list && failed && o->strict && day != now.days)
		rules |= attune_judge_logs(dir, NULL, who, day,
		    ATTUNE_CSV_QUIET, NULL, NULL, NULL);
	if (o->list || day != now.days || (failed && o->strict))
		rules |= attune_judge_logs(dir, NULL, who, now.days,
		    ATTUNE_CSV_QUIET, NULL, NULL, NULL);
	attune_warn_way(was);
	return (rules & (1u << ATTUNE_RULE_URGENT)) != 0;
}

/*
 * The whole of attune-tips once its options are read.  The logs come
 * first: whether harm came up must be known, and the crisis lines shown,
 * before anything that may fail (the tips files, a malformed row under
 * --strict).
 */
int
attune_tips(const struct attune_tips_opt *o)
{
	struct attune_tips ts;
	struct attune_tips_query q;
	struct attune_verdict w;
	struct attune_buf why = { 0 };
	struct show sh;
	const char *who, *region;
	char *dir;
	int *out, *outwhy, flags = o->strict ? ATTUNE_CSV_STRICT : 0, n;
	int rval = ATTUNE_OK, failed = 0;

	/* What attune.conf, the region and the logs warn about waits till
	 * the crisis lines are shown, or plainly not due (err.c). */
	(void)attune_warn_way(ATTUNE_WARN_HOLD);
	settle(o, &q, &sh, &who);
	region = attune_region(o->region);
	dir = attune_dir_resolve(o->dir);
	memset(&w, 0, sizeof w);
	w.sleep = -1;
	if (!o->list) {
		attune_judge_logs(dir, NULL, who, q.day, flags, NULL, &w,
		    &failed);
		if (failed)
			rval = ATTUNE_FAIL;
		context(&w, q.partner, older_children());
		if (!o->today && !o->all && o->ntopics == 0)
			reason(&w, &why);
	}
	if (o->list && sh.format == FMT_CSV) {
		if (harm_now(o, &w, failed, dir, who, q.day))	/* the rows: topics */
			attune_crisis_out(ATTUNE_CRISIS_NONE, region);
	} else
		print_crisis(&sh, harm_now(o, &w, failed, dir, who, q.day),
		    why.s != NULL ? why.s : "", region);
	/* Judged and said: a usage error from here on (a topic that
	 * matches nothing) must not show the lines again. */
	attune_usage_first(NULL);
	attune_warn_release();
	if (rval != ATTUNE_OK && o->strict)
		goto done;
	if (attune_tips_load(&ts, dir, flags) < 0) {
		rval = ATTUNE_FAIL;
		if (o->strict)
			goto freed;
	}
	ask(&ts, o, &q);
	if (o->list)
		list_topics(&ts, sh.format);
	else {
		out = attune_xcalloc(ts.ntips + 1, sizeof *out);
		outwhy = attune_xcalloc(ts.ntips + 1, sizeof *outwhy);
		n = attune_tips_pick(&ts, &q, &w, out, outwhy);
		print_tips(&ts, &sh, out, outwhy, n, why.s != NULL ? why.s : "",
		    &w);
		if (n == 0 && sh.format == FMT_TEXT)
			printf("There are no tips to show here yet.\n");
		free(out);
		free(outwhy);
	}
	free((void *)q.asked);
freed:
	attune_tips_free(&ts);
done:
	attune_buf_free(&why);
	attune_verdict_free(&w);
	free(dir);
	return rval;
}
