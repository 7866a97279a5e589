/*
 * unit-tips: lib/tips.c on its own, with the tree's share/ files (found
 * beside this program, as tests/../share) and a tips file of the person's
 * own in a fresh data directory: the loader and the row checks, topics by
 * name and alias and near a typo, and the chooser, which must choose the
 * same from the same loaded tips however often it is asked.
 */
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"
#include "test.h"

static struct attune_tips ts;

static const struct attune_tip *
tip(const char *id)
{
	size_t i;

	for (i = 0; i < ts.ntips; i++)
		if (strcmp(ts.tips[i].id, id) == 0)
			return &ts.tips[i];
	return NULL;
}

static int
topic_at(const char *name)
{
	size_t i;

	for (i = 0; i < ts.ntopics; i++)
		if (strcmp(ts.topics[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int
pick(const struct attune_tips_query *q, const struct attune_verdict *w,
    int *out, int *why)
{
	return attune_tips_pick(&ts, q, w, out, why);
}

static void
test_load(void)
{
	const struct attune_tip *t;
	char *err;
	int i, r;

	puts_file("tips.csv", "id,topic,title,text,source,who,fits\n"
	    "my-walk,walks,A walk,\"Walk a loop\nwith the pram.\",,partner,"
	    "bond-low;sleep-low\n"
	    "bad id,walks,T,X,,,\n"
	    "my-walk,walks,Again,X,,,\n"
	    "no-topic,,T,X,,,\n"
	    "no-title,walks,,X,,,\n"
	    "bad-who,walks,T,X,,aunt,\n"
	    "bad-fits,walks,T,X,,,bond-low;sunny\n"
	    "skin-one-minute,closeness,Mine,My words.,seed:001; Nhs ,any,\n");
	catch_start();
	r = attune_tips_load(&ts, tmpdir, 0);
	err = catch_end();
	is_int(r, 0, "bad rows of one's own are skipped, not a failure");
	/* Lines as the file has them: the quoted line break of row 2 makes
	 * the bad id's row line 4. */
	ok(has(err, "tips.csv:4: id 'bad id' is not a name of lowercase "
	    "letters, digits and hyphens"), "a bad id, by file and line");
	ok(has(err, "tips.csv:5: id 'my-walk' is already used by an earlier "
	    "row"), "an id used twice");
	ok(has(err, "tips.csv:6: the topic is empty"), "an empty topic");
	ok(has(err, "tips.csv:7: a tip needs a title and a text"),
	    "no title");
	ok(has(err, "tips.csv:8: who 'aunt' is not any, birthing or partner"),
	    "a bad who");
	ok(has(err, "tips.csv:9: fits 'sunny' is not one of the signals"),
	    "a bad signal in fits");
	free(err);

	ok(ts.nshipped > 20 && ts.ntips > 100, "the shipped files are read "
	    "(%zu topics, %zu tips)", ts.nshipped, ts.ntips);
	ok(tip("bad-who") == NULL && tip("no-title") == NULL &&
	    tip("bad-fits") == NULL, "no bad row is kept");
	t = tip("my-walk");
	ok(t != NULL && t->user && strcmp(t->title, "A walk") == 0,
	    "the first of an id used twice is kept");
	if (t != NULL) {
		is_str(t->text, "Walk a loop with the pram.",
		    "a line break in a text is a space");
		is_int(t->role, ATTUNE_TIP_PARTNER, "who partner");
		is_int(t->fits, (1u << ATTUNE_SIG_BOND_LOW) |
		    (1u << ATTUNE_SIG_SLEEP_LOW), "both signals of fits");
	}
	t = tip("skin-one-minute");
	ok(t != NULL && t->user && strcmp(t->title, "Mine") == 0,
	    "a tip of one's own takes a shipped tip's place by id");
	for (i = 0, r = 0; i < (int)ts.ntips; i++)
		r += strcmp(ts.tips[i].id, "skin-one-minute") == 0;
	is_int(r, 1, "and the shipped one is gone");
	i = topic_at("walks");
	ok(i >= (int)ts.nshipped, "a topic of one's own comes after the "
	    "shipped ones");
	if (i >= 0)
		is_str(ts.topics[i].what, "your own tips", "and says whose");
	i = topic_at("faith");
	ok(i >= 0 && i < (int)ts.nshipped && ts.topics[i].asked,
	    "faith is shown only when asked for");
	attune_tips_free(&ts);
	ok(ts.tips == NULL && ts.ntips == 0, "freed, the tips are gone");

	catch_start();
	r = attune_tips_load(&ts, tmpdir, ATTUNE_CSV_STRICT);
	err = catch_end();
	is_int(r, -1, "--strict: a bad row fails the load");
	ok(has(err, "tips.csv:4: id 'bad id'"), "and is named");
	free(err);
	attune_tips_free(&ts);

	puts_file("tips.csv", "id,topic,text\nx,walks,X\n");
	catch_start();
	r = attune_tips_load(&ts, tmpdir, 0);
	err = catch_end();
	is_int(r, -1, "a file with no title column is left out");
	ok(has(err, "tips.csv: has no 'title' column, so its tips were left "
	    "out"), "and says which column");
	free(err);
	ok(tip("x") == NULL, "none of its tips is kept");
	attune_tips_free(&ts);
}

static void
test_topics(void)
{
	const char *best[3];

	is_str(attune_tips_topic(&ts, "closeness"), "closeness", "by name");
	is_str(attune_tips_topic(&ts, "CUDDLE"), "closeness",
	    "by an alias, in capitals");
	is_str(attune_tips_topic(&ts, "Closeness"), "closeness",
	    "a name in any case");
	ok(attune_tips_topic(&ts, "no-such-topic") == NULL, "an unknown one");
	is_int(attune_tips_near(&ts, "closenes", best), 1, "one near name");
	is_str(best[0], "closeness", "closenes is near closeness");
	attune_tips_near(&ts, "cudle", best);
	is_str(best[0], "closeness", "a typo of an alias names its topic");
	is_int(attune_tips_near(&ts, "zzqqxx", best), 0, "nothing near");
	ok(best[0] == NULL, "and nothing in best");
}

static void
test_pick(void)
{
	struct attune_tips_query q;
	struct attune_verdict w;
	const char *names[1] = { "closeness" };
	int *out = calloc(ts.ntips + 1, sizeof *out);
	int *out2 = calloc(ts.ntips + 1, sizeof *out2);
	int *why = calloc(ts.ntips + 1, sizeof *why);
	int *seen = calloc(ts.ntips + 1, sizeof *seen);
	int i, n, n2, d, bad, nclose, last;

	memset(&w, 0, sizeof w);
	w.sleep = -1;
	w.signals = 1u << ATTUNE_SIG_START;

	/* --today with no topic, for a partner: the same tip each time it is
	 * asked for the same day, and always one that suits a partner. */
	memset(&q, 0, sizeof q);
	q.today = 1;
	q.partner = 1;
	for (d = 20000, bad = 0; d < 20060; d++) {
		q.day = d;
		n = pick(&q, &w, out, why);
		n2 = pick(&q, &w, out2, why);
		if (n != 1 || n2 != 1 || out[0] != out2[0] ||
		    ts.tips[out[0]].role == ATTUNE_TIP_BIRTHING ||
		    strcmp(ts.tips[out[0]].topic, "faith") == 0)
			bad++;
	}
	is_int(bad, 0, "--today: one tip for a partner, the same when picked "
	    "twice, for 60 days");
	is_int(q.nasked, 0, "choosing leaves the query as it was");

	/* One topic: each round of days deals every tip once, and a new
	 * round never starts with the last tip of the one before. */
	memset(&q, 0, sizeof q);
	q.today = 1;
	q.asked = names;
	q.nasked = 1;
	for (i = 0, nclose = 0; i < (int)ts.ntips; i++)
		nclose += strcmp(ts.tips[i].topic, "closeness") == 0;
	ok(nclose > 2, "closeness has tips (%d)", nclose);
	for (d = 3 * nclose, bad = 0, last = -1; d < 5 * nclose; d++) {
		q.day = d;
		if (pick(&q, &w, out, why) != 1 ||
		    strcmp(ts.tips[out[0]].topic, "closeness") != 0) {
			bad++;
			continue;
		}
		if (d % nclose == 0) {
			memset(seen, 0, (ts.ntips + 1) * sizeof *seen);
			if (out[0] == last)
				bad++;
		}
		if (seen[out[0]]++)
			bad++;
		last = out[0];
	}
	is_int(bad, 0, "each round of %d days shows every closeness tip once",
	    nclose);

	/* --all with no topic: every tip but faith's; with one, its tips. */
	memset(&q, 0, sizeof q);
	q.all = 1;
	n = pick(&q, &w, out, why);
	for (i = 0, bad = 0; i < n; i++)
		bad += strcmp(ts.tips[out[i]].topic, "faith") == 0;
	ok(n > 90 && n < (int)ts.ntips, "--all: %d of %zu tips", n, ts.ntips);
	is_int(bad, 0, "and none of faith");
	n2 = pick(&q, &w, out2, why);
	ok(n2 == n && memcmp(out, out2, (size_t)n * sizeof *out) == 0,
	    "--all twice: the same tips");
	q.asked = names;
	q.nasked = 1;
	is_int(pick(&q, &w, out, why), nclose, "--all closeness: its tips");

	/* Topics named: three by default, or --count. */
	memset(&q, 0, sizeof q);
	q.asked = names;
	q.nasked = 1;
	q.day = 20000;
	is_int(pick(&q, &w, out, why), 3, "a topic: three tips");
	q.count = 2;
	is_int(pick(&q, &w, out, why), 2, "--count 2: two");

	/* For the person: each tip chosen by a signal that is on and that
	 * it fits; after harm the reach-out tip comes first. */
	memset(&q, 0, sizeof q);
	q.day = 20000;
	w.signals = (1u << ATTUNE_SIG_HARM) | (1u << ATTUNE_SIG_BOND_LOW);
	n = pick(&q, &w, out, why);
	is_int(n, 3, "two signals: three tips");
	ok(n > 0 && strcmp(ts.tips[out[0]].id, "reach-out-today") == 0 &&
	    why[0] == ATTUNE_SIG_HARM, "after harm, reach-out-today first");
	for (i = 0, bad = 0; i < n; i++)
		if ((why[i] != ATTUNE_SIG_HARM && why[i] !=
		    ATTUNE_SIG_BOND_LOW) || !(ts.tips[out[i]].fits &
		    (1u << why[i])))
			bad++;
	is_int(bad, 0, "each chosen by a signal that is on, which it fits");
	for (i = 0, bad = 0; i < n; i++)
		bad += why[i] == ATTUNE_SIG_BOND_LOW;
	ok(bad > 0, "the second signal has its turn");
	free(out);
	free(out2);
	free(why);
	free(seen);
}

int
main(void)
{
	if (tmpdir_make("tips") < 0)
		return 99;
	test_load();
	puts_file("tips.csv", "id,topic,title,text\n");
	if (attune_tips_load(&ts, tmpdir, 0) < 0)
		return 99;
	test_topics();
	test_pick();
	attune_tips_free(&ts);
	return tap_done();
}
