/*
 * unit-screen: the scoring engine against answer sets worked by hand from
 * the published keys (instruments.md).  The answer strings and the totals
 * below were written from the keys, not from lib/instrument.c, so a wrong
 * reverse item or cut-off in the tables shows up here.
 */
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"
#include "test.h"

static struct attune_result r;

/* Score a comma-separated list of option positions (1 = top). */
static void
answer(const char *name, const char *list, int partner)
{
	const char *p = list;
	char *end;
	int i = 0;

	memset(&r, 0, sizeof r);
	r.in = attune_instrument(name);
	r.partner = partner;
	if (r.in == NULL) {
		ok(0, "instrument %s exists", name);
		exit(1);
	}
	while (*p != '\0' && i < ATTUNE_MAXITEMS) {
		r.pos[i++] = (int)strtol(p, &end, 10);
		p = *end == ',' ? end + 1 : end;
	}
	if (i != r.in->nitems) {
		ok(0, "%s: %d answers for %d items in '%s'", name, i,
		    r.in->nitems, list);
		exit(1);
	}
	attune_score(&r);
}

/* Replace item n (from 1) of a copy of base with position pos. */
static const char *
with(const char *base, int n, int pos)
{
	static char buf[256];
	char copy[256], *p, *q;
	int i;

	/* base may be buf itself, from an inner call. */
	snprintf(copy, sizeof copy, "%s", base);
	snprintf(buf, sizeof buf, "%s", copy);
	for (p = buf, i = 1; i < n; i++)
		p = strchr(p, ',') + 1;
	q = p + strcspn(p, ",");
	{
		char tail[256];
		snprintf(tail, sizeof tail, "%s", q);
		snprintf(p, sizeof buf - (size_t)(p - buf), "%d%s", pos, tail);
	}
	return buf;
}

static int
scale(const char *name)
{
	int k;

	for (k = 0; r.in->scales[k].name != NULL; k++)
		if (strcmp(r.in->scales[k].name, name) == 0)
			return r.sub[k];
	return -1;
}

static int
high(const char *name)
{
	int k;

	for (k = 0; r.in->scales[k].name != NULL; k++)
		if (strcmp(r.in->scales[k].name, name) == 0)
			return (r.high >> k) & 1;
	return -1;
}

/* PBQ: reverse (positive) items 1, 4, 8, 9, 11, 16, 22, 25.  Lowest
 * points: those at position 1 (Always), the rest at 6 (Never). */
static const char pbq_low[] =
    "1,6,6,1,6,6,6,1,1,6,1,6,6,6,6,1,6,6,6,6,6,1,6,6,1";
static const char pbq_top[] =
    "6,1,1,6,1,1,1,6,6,1,6,1,1,1,1,6,1,1,1,1,1,6,1,1,6";

static void
test_pbq(void)
{
	static const struct { int item; const char *scale; } rev[] = {
		{ 1, "bonding" }, { 4, "rejection" }, { 8, "bonding" },
		{ 9, "bonding" }, { 11, "rejection" }, { 16, "bonding" },
		{ 22, "anxiety" }, { 25, "anxiety" }
	};
	size_t k;
	int i;

	answer("pbq", pbq_low, 0);
	is_int(r.total, 0, "pbq all lowest: total 0");
	is_str(r.band->word, "none", "pbq all lowest: band none");
	ok(r.safety == 0 && r.high == 0, "pbq all lowest: no flag");
	is_int(r.max, 125, "pbq: total out of 125");

	answer("pbq", pbq_top, 0);
	is_int(r.total, 125, "pbq all highest: total 125");
	is_int(scale("bonding"), 60, "pbq all highest: impaired bonding 60");
	is_int(scale("rejection"), 35, "pbq all highest: rejection 35");
	is_int(scale("anxiety"), 20, "pbq all highest: anxiety 20");
	is_int(scale("abuse"), 10, "pbq all highest: risk of abuse 10");
	is_str(r.band->word, "high", "pbq all highest: band high");
	ok(r.safety == ((1ul << 17) | (1ul << 23)),
	    "pbq all highest: safety on items 18 and 24");

	answer("pbq", "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1", 0);
	is_int(r.total, 85, "pbq all Always: 17 difficulty items at 5");
	is_int(scale("bonding"), 40, "pbq all Always: bonding 8 x 5");
	is_int(scale("rejection"), 25, "pbq all Always: rejection 5 x 5");

	for (k = 0; k < sizeof rev / sizeof rev[0]; k++) {
		answer("pbq", with(pbq_low, rev[k].item, 6), 0);
		is_int(r.total, 5, "pbq reverse item %d alone at Never: 5",
		    rev[k].item);
		is_int(scale(rev[k].scale), 5, "pbq reverse item %d counts in "
		    "%s", rev[k].item, rev[k].scale);
		answer("pbq", with(pbq_low, rev[k].item, 3), 0);
		is_int(r.total, 2, "pbq reverse item %d at Quite often: 2",
		    rev[k].item);
	}
	/* A difficulty item scores Always 5 ... Never 0. */
	answer("pbq", with(pbq_low, 2, 1), 0);
	is_int(r.total, 5, "pbq item 2 alone at Always: 5");
	answer("pbq", with(pbq_low, 13, 3), 0);
	is_int(r.total, 3, "pbq item 13 at Quite often: 3");

	/* Scale cut-offs, one point either side. */
	answer("pbq", with(with(with(pbq_low, 2, 1), 6, 1), 7, 5), 0);
	ok(scale("bonding") == 11 && !high("bonding"), "pbq bonding 11: below");
	is_str(r.band->word, "none", "pbq bonding 11: band none");
	answer("pbq", with(with(with(pbq_low, 2, 1), 6, 1), 7, 4), 0);
	ok(scale("bonding") == 12 && high("bonding"), "pbq bonding 12: high");
	is_str(r.band->word, "high", "pbq bonding 12: band high");
	answer("pbq", with(with(with(pbq_low, 3, 1), 5, 1), 14, 4), 0);
	ok(scale("rejection") == 12 && !high("rejection"),
	    "pbq rejection 12: below");
	answer("pbq", with(with(with(pbq_low, 3, 1), 5, 1), 14, 3), 0);
	ok(scale("rejection") == 13 && high("rejection"),
	    "pbq rejection 13: high");
	answer("pbq", with(with(pbq_low, 19, 1), 20, 2), 0);
	ok(scale("anxiety") == 9 && !high("anxiety"), "pbq anxiety 9: below");
	answer("pbq", with(with(pbq_low, 19, 1), 20, 1), 0);
	ok(scale("anxiety") == 10 && high("anxiety"), "pbq anxiety 10: high");
	ok(r.safety == 0, "pbq anxiety 10: no safety flag");

	/* Safety items alone: any point raises the flag. */
	answer("pbq", with(pbq_low, 18, 5), 0);
	ok(r.safety == 1ul << 17, "pbq item 18 at Rarely: safety");
	ok(scale("abuse") == 1 && !high("abuse"), "pbq risk of abuse 1: below");
	answer("pbq", with(pbq_low, 24, 5), 0);
	ok(r.safety == 1ul << 23, "pbq item 24 at Rarely: safety");
	answer("pbq", with(with(pbq_low, 18, 5), 24, 5), 0);
	ok(scale("abuse") == 2 && high("abuse"), "pbq risk of abuse 2: high");
	for (i = 1; i <= 25; i++) {
		answer("pbq", with(pbq_low, i, i == 1 || i == 4 || i == 8 ||
		    i == 9 || i == 11 || i == 16 || i == 22 || i == 25 ? 6 : 1),
		    0);
		if (i != 18 && i != 24 && r.safety != 0)
			break;
	}
	is_int(i, 26, "pbq: no item but 18 and 24 raises the safety flag");
}

/* EPDS: items 1, 2, 4 score 0-3 top to bottom; 3, 5-10 reverse. */
static const char epds_low[] = "1,1,4,1,4,4,4,4,4,4";

static void
test_epds(void)
{
	static const int rev[] = { 3, 5, 6, 7, 8, 9, 10 };
	static const int fwd[] = { 1, 2, 4 };
	size_t k;

	answer("epds", epds_low, 0);
	is_int(r.total, 0, "epds all lowest: 0");
	is_str(r.band->word, "none", "epds 0: none");
	answer("epds", "4,4,1,4,1,1,1,1,1,1", 0);
	is_int(r.total, 30, "epds all highest: 30");
	is_int(scale("epds3a"), 9, "epds all highest: EPDS-3A 9");
	is_str(r.band->word, "very-high", "epds 30: very-high");
	ok(r.safety == 1ul << 9, "epds all highest: safety on item 10");
	answer("epds", "1,1,1,1,1,1,1,1,1,1", 0);
	is_int(r.total, 21, "epds all top options: 7 reverse items at 3");
	for (k = 0; k < sizeof rev / sizeof rev[0]; k++) {
		answer("epds", with(epds_low, rev[k], 1), 0);
		is_int(r.total, 3, "epds reverse item %d alone at top: 3",
		    rev[k]);
		answer("epds", with(epds_low, rev[k], 2), 0);
		is_int(r.total, 2, "epds reverse item %d at second: 2", rev[k]);
	}
	for (k = 0; k < sizeof fwd / sizeof fwd[0]; k++) {
		answer("epds", with(epds_low, fwd[k], 4), 0);
		is_int(r.total, 3, "epds item %d alone at bottom: 3", fwd[k]);
		answer("epds", with(epds_low, fwd[k], 2), 0);
		is_int(r.total, 1, "epds item %d at second: 1", fwd[k]);
	}
	/*
	 * Every band edge, mothers and partners.  Points worked by hand from
	 * the key (items 1, 2, 4: position - 1; the others: 4 - position):
	 *  9  3,3,3,0,0,0,0,0,0,0   4,4,1,1,4,4,4,4,4,4
	 * 10  3,3,3,1,0,0,0,0,0,0   4,4,1,2,4,4,4,4,4,4
	 * 11  3,3,3,1,0,1,0,0,0,0   4,4,1,2,4,3,4,4,4,4
	 * 12  3,3,3,1,0,2,0,0,0,0   4,4,1,2,4,2,4,4,4,4
	 * 13  3,3,3,1,0,3,0,0,0,0   4,4,1,2,4,1,4,4,4,4
	 * 19  3,3,3,1,0,3,3,3,0,0   4,4,1,2,4,1,1,1,4,4
	 * 20  3,3,3,1,0,3,3,3,1,0   4,4,1,2,4,1,1,1,3,4
	 * 27  3,3,3,3,3,3,3,3,3,0   4,4,1,4,1,1,1,1,1,4
	 * Mothers: 0-9 none, 10-12 possible, 13-19 probable, 20 very-high.
	 * Partners: 0-9 none, 10 possible, 11-19 probable, 20 very-high.
	 */
	{
		static const struct {
			const char *list, *mother, *partner;
			int total;
		} edges[] = {
			{ "4,4,1,1,4,4,4,4,4,4", "none", "none", 9 },
			{ "4,4,1,2,4,4,4,4,4,4", "possible", "possible", 10 },
			{ "4,4,1,2,4,3,4,4,4,4", "possible", "probable", 11 },
			{ "4,4,1,2,4,2,4,4,4,4", "possible", "probable", 12 },
			{ "4,4,1,2,4,1,4,4,4,4", "probable", "probable", 13 },
			{ "4,4,1,2,4,1,1,1,4,4", "probable", "probable", 19 },
			{ "4,4,1,2,4,1,1,1,3,4", "very-high", "very-high", 20 },
			{ "4,4,1,4,1,1,1,1,1,4", "very-high", "very-high", 27 },
			{ "4,4,1,4,1,1,1,1,1,1", "very-high", "very-high", 30 },
		};
		const char *plain11 = NULL, *plain27 = NULL, *band;
		int who;

		for (k = 0; k < sizeof edges / sizeof edges[0]; k++) {
			/* As a mother answers (0), then as a partner (1). */
			for (who = 0; who <= 1; who++) {
				band = who ? edges[k].partner : edges[k].mother;
				answer("epds", edges[k].list, who);
				ok(r.total == edges[k].total &&
				    strcmp(r.band->word, band) == 0,
				    "epds %d, %s: %s", edges[k].total,
				    who ? "partner" : "mother", band);
				ok(r.band->positive == (edges[k].total >= 10),
				    "epds %d, %s: %s", edges[k].total,
				    who ? "partner" : "mother",
				    edges[k].total >= 10 ? "positive" :
				    "not positive");
			}
			if (edges[k].total == 11)
				plain11 = r.band->plain;
			if (edges[k].total == 27)
				plain27 = r.band->plain;
			ok(r.safety == (edges[k].total == 30 ? 1ul << 9 : 0),
			    "epds %d: safety only with item 10 above 0",
			    edges[k].total);
		}
		ok(plain11 != NULL && plain27 != NULL &&
		    strcmp(plain11, plain27) != 0,
		    "epds partner 27 is not told the same words as 11");
	}
	/* Partners are never less sensitive than mothers: at every total
	 * the partner band is at least as far up the scale. */
	{
		static const char *const rank[] = { "none", "possible",
		    "probable", "very-high", NULL };
		const struct attune_instrument *in = attune_instrument("epds");
		const struct attune_band *b, *m, *pa;
		int t, rm, rp, worse = 0;

		for (t = 0; t <= 30; t++) {
			for (m = NULL, b = attune_bands(in, 0); b->word; b++)
				if (b->min <= t)
					m = b;
			for (pa = NULL, b = attune_bands(in, 1); b->word; b++)
				if (b->min <= t)
					pa = b;
			rm = attune_word_index(rank, m->word, strlen(m->word));
			rp = attune_word_index(rank, pa->word, strlen(pa->word));
			if (rm < 0 || rp < 0 || rp < rm ||
			    pa->positive < m->positive)
				worse++;
		}
		is_int(worse, 0, "epds: no total where the partner key is "
		    "less sensitive");
		ok(attune_band_find(in, "very-high") != NULL &&
		    attune_band_find(in, "very-high")->positive &&
		    attune_band_find(in, "possible") != NULL &&
		    attune_band_find(in, "probable") != NULL &&
		    attune_band_find(in, "none") != NULL,
		    "epds: old and new band words are all found, for old logs");
	}
	/* EPDS-3A = items 3, 4, 5: 6 or more, partners 4 or more. */
	answer("epds", "1,1,1,3,4,4,4,4,4,4", 0);
	ok(scale("epds3a") == 5 && !high("epds3a"), "epds-3a 5: below");
	answer("epds", "1,1,1,4,4,4,4,4,4,4", 0);
	ok(scale("epds3a") == 6 && high("epds3a"), "epds-3a 6: high");
	answer("epds", "1,1,1,1,4,4,4,4,4,4", 1);
	ok(scale("epds3a") == 3 && !high("epds3a"), "epds-3a partner 3: below");
	answer("epds", "1,1,1,2,4,4,4,4,4,4", 1);
	ok(scale("epds3a") == 4 && high("epds3a"), "epds-3a partner 4: high");
	answer("epds", "1,1,1,2,4,4,4,4,4,4", 0);
	ok(!high("epds3a"), "epds-3a 4 in mothers: below");
	/* Item 10 alone. */
	answer("epds", with(epds_low, 10, 3), 0);
	ok(r.total == 1 && r.safety == 1ul << 9, "epds item 10 at 1 point: "
	    "safety whatever the total");
	is_str(r.band->word, "none", "epds item 10 alone: band none");
	answer("epds", with(epds_low, 9, 1), 0);
	ok(r.safety == 0, "epds item 9 is no safety item");
}

static void
test_phq_gad(void)
{
	static const struct { const char *name, *list, *band; int total; }
	    sets[] = {
		{ "phq9", "1,1,1,1,1,1,1,1,1", "none", 0 },
		{ "phq9", "4,2,1,1,1,1,1,1,1", "none", 4 },
		{ "phq9", "4,3,1,1,1,1,1,1,1", "mild", 5 },
		{ "phq9", "4,4,4,1,1,1,1,1,1", "mild", 9 },
		{ "phq9", "4,4,4,2,1,1,1,1,1", "moderate", 10 },
		{ "phq9", "4,4,4,4,3,1,1,1,1", "moderate", 14 },
		{ "phq9", "4,4,4,4,4,1,1,1,1", "moderately-severe", 15 },
		{ "phq9", "4,4,4,4,4,4,2,1,1", "moderately-severe", 19 },
		{ "phq9", "4,4,4,4,4,4,3,1,1", "severe", 20 },
		{ "phq9", "4,4,4,4,4,4,4,4,4", "severe", 27 },
		{ "phq2", "1,1", "none", 0 },
		{ "phq2", "2,2", "none", 2 },
		{ "phq2", "3,2", "positive", 3 },
		{ "phq2", "4,4", "positive", 6 },
		{ "gad7", "1,1,1,1,1,1,1", "none", 0 },
		{ "gad7", "4,2,1,1,1,1,1", "none", 4 },
		{ "gad7", "4,3,1,1,1,1,1", "mild", 5 },
		{ "gad7", "4,4,4,1,1,1,1", "mild", 9 },
		{ "gad7", "4,4,4,2,1,1,1", "moderate", 10 },
		{ "gad7", "4,4,4,4,3,1,1", "moderate", 14 },
		{ "gad7", "4,4,4,4,4,1,1", "severe", 15 },
		{ "gad7", "4,4,4,4,4,4,4", "severe", 21 },
		{ "gad2", "1,1", "none", 0 },
		{ "gad2", "2,2", "none", 2 },
		{ "gad2", "2,3", "positive", 3 },
		{ "gad2", "4,4", "positive", 6 },
	};
	size_t k;
	int i;

	for (k = 0; k < sizeof sets / sizeof sets[0]; k++) {
		answer(sets[k].name, sets[k].list, 0);
		ok(r.total == sets[k].total &&
		    strcmp(r.band->word, sets[k].band) == 0,
		    "%s %s: %d, %s", sets[k].name, sets[k].list,
		    sets[k].total, sets[k].band);
		if (r.total != sets[k].total)
			printf("#   got %d %s\n", r.total, r.band->word);
	}
	answer("phq9", "1,1,1,1,1,1,1,1,2", 0);
	ok(r.total == 1 && r.safety == 1ul << 8, "phq9 item 9 alone: safety");
	is_str(r.band->word, "none", "phq9 item 9 alone: band none");
	for (i = 1; i <= 8; i++) {
		answer("phq9", with("1,1,1,1,1,1,1,1,1", i, 4), 0);
		if (r.safety)
			break;
	}
	is_int(i, 9, "phq9: items 1 to 8 raise no safety flag");
	answer("phq9", "4,4,4,4,4,4,4,4,4", 1);
	is_str(r.band->word, "severe", "phq9 --partner: the same bands");
	answer("phq2", "4,4", 0);
	ok(r.safety == 0 && r.max == 6, "phq2: 0 to 6, no safety item");
	is_str(r.in->items[0].text, "Little interest or pleasure in doing "
	    "things", "phq2 item 1 is PHQ-9 item 1");
	is_str(attune_instrument("gad2")->items[1].text, "Not being able to "
	    "stop or control worrying", "gad2 item 2 is GAD-7 item 2");
	is_str(attune_instrument("phq9")->options[0], "Not at all",
	    "the 0 option is 'Not at all'");
}

static void
test_table(void)
{
	const struct attune_instrument *in;
	const unsigned char *p;
	int i, k, pos, seen[ATTUNE_MAXITEMS + 1];

	ok(attune_instrument("PHQ-9") == attune_instrument("phq9"),
	    "PHQ-9 names phq9");
	ok(attune_instrument("gad_7") == attune_instrument("gad7"),
	    "gad_7 names gad7");
	ok(attune_instrument("phq") == NULL, "phq names nothing");
	ok(attune_instrument("pbqpbqpbqpbqpbqpbqpbq") == NULL,
	    "a long name names nothing");
	for (i = 0; (in = attune_instruments[i]) != NULL; i++) {
		int bad = 0;

		for (k = 0; k < in->nitems; k++)
			for (pos = 1; pos <= in->nopts; pos++)
				bad |= attune_item_position(in, k,
				    attune_item_points(in, k, pos)) != pos;
		ok(!bad, "%s: points turn back into positions", in->name);
		ok(in->nitems <= ATTUNE_MAXITEMS && in->nopts <= ATTUNE_MAXOPTS,
		    "%s fits the limits", in->name);
	}
	in = attune_instrument("pbq");
	memset(seen, 0, sizeof seen);
	for (k = 0; in->scales[k].name != NULL; k++)
		for (p = in->scales[k].items; *p != 0; p++)
			seen[*p]++;
	for (i = 1; i <= 25 && seen[i] == 1; i++)
		;
	is_int(i, 26, "pbq: every item is on exactly one scale");
	ok(attune_item_points(in, 0, 7) == -1 && attune_item_points(in, 25, 1)
	    == -1, "points out of range: -1");
	ok(attune_item_position(in, 0, 6) == -1, "no PBQ option scores 6");
	ok(attune_instrument("epds")->items[9].text == NULL,
	    "the EPDS table holds no wording");
	ok(attune_band_find(attune_instrument("epds"), "probable") != NULL &&
	    attune_band_find(attune_instrument("epds"), "severe") == NULL,
	    "band words are found per instrument");
}

static void
test_row(void)
{
	struct attune_buf b = { 0 };
	struct attune_time t;

	attune_time_iso("2026-11-20T08:30:00+00:00", 25, &t);
	answer("epds", "4,4,1,1,2,4,4,4,4,3", 1);
	attune_screen_row(&b, &t, "me", &r);
	attune_buf_add(&b, "", 1);
	is_str(b.s, "2026-11-20T08:30:00+00:00,me,epds,12,probable,epds3a=5,"
	    "safety;partner;high-epds3a,4:3;4:3;1:3;1:0;2:2;4:0;4:0;4:0;4:0;"
	    "3:1\n", "screens.csv row: both positions and points");
	b.len = 0;
	answer("phq2", "2,3", 0);
	attune_screen_row(&b, &t, "a, b", &r);
	attune_buf_add(&b, "", 1);
	is_str(b.s, "2026-11-20T08:30:00+00:00,\"a, b\",phq2,3,positive,,,"
	    "2:1;3:2\n", "a phq2 row, with a quoted name");
	attune_buf_free(&b);
}

/* lib/screen.c: the values and the wording file refused in words, and
 * -1 returned, where the command used to exit on its own. */
static void
test_values(void)
{
	const struct attune_instrument *phq2 = attune_instrument("phq2");
	const struct attune_instrument *epds = attune_instrument("epds");
	struct attune_buf why = { 0 };
	int pos[ATTUNE_MAXITEMS] = { 0 };

	is_int(attune_screen_values(phq2, "--answers", " 2 ,4", 0, pos, &why),
	    0, "values: phq2 2,4 taken");
	ok(pos[0] == 2 && pos[1] == 4 && why.s == NULL,
	    "values: positions 2 and 4, nothing to say");
	is_int(attune_screen_values(phq2, "--scores", "3,0", 1, pos, &why), 0,
	    "values: scores taken");
	ok(pos[0] == 4 && pos[1] == 1, "values: points 3 and 0 are positions "
	    "4 and 1");
	is_int(attune_screen_values(phq2, "--answers", "1,2,3", 0, pos, &why),
	    -1, "values: one too many refused");
	is_str(why.s, "--answers: more than 2 values; the PHQ-2 has 2 items, "
	    "so there is no item 3", "values: says which item is too many");
	is_int(attune_screen_values(phq2, "--answers", "1", 0, pos, &why), -1,
	    "values: one too few refused");
	ok(has(why.s, "item 2 has no value: 1 given"), "values: says which "
	    "item lacks one (%s)", why.s);
	is_int(attune_screen_values(phq2, "--answers", "1,x", 0, pos, &why),
	    -1, "values: not a number refused");
	ok(has(why.s, "item 2 is 'x', not a number; use 1 to 4"),
	    "values: says it is not a number (%s)", why.s);
	is_int(attune_screen_values(phq2, "--scores", "0,9", 1, pos, &why), -1,
	    "values: out of range refused");
	ok(has(why.s, "is 9, out of range; use 0 to 3 points"),
	    "values: says the range in points (%s)", why.s);
	is_int(attune_screen_values(epds, "--scores", "0", 1, pos, &why), -1,
	    "values: epds one score refused");
	ok(has(why.s, "item 2 (") && has(why.s, "has no value"),
	    "values: an item with an id is named by it (%s)", why.s);
	attune_buf_free(&why);
}

/*
 * Wording files attune_wording_load refuses: the file, what is wrong with
 * it, what the message must say (and say2, where given), and whether the
 * wording is then checked to hold nothing.
 */
static const struct {
	const char *name, *text, *what, *says, *says2, *told;
	int kept;
} refused[] = {
	{ "short.csv", "item,text\n1,First one\n", "an item missing",
	    "short.csv: has no row for item '2'; the PHQ-2 needs all 2", NULL,
	    "says which item is missing", 1 },
	{ "twice.csv", "item,text\n1,One\n1,Again\n2,Two\n", "an item twice",
	    "twice.csv:3: item '1' is given twice", NULL,
	    "names file and line", 1 },
	{ "bad.csv", "item,text\n1,One\n2,T\xffo\n", "text not UTF-8",
	    "bad.csv:3: ", "UTF-8", "says it is not UTF-8", 1 },
	{ "cols.csv", "item,words\n1,One\n", "without a text column",
	    "needs the columns 'item' and 'text'", NULL, "says which columns",
	    0 },
};

static void
test_wording(void)
{
	const struct attune_instrument *phq2 = attune_instrument("phq2");
	struct attune_wording w = { 0 }, zero = { 0 };
	char *err;
	size_t i;

	if (tmpdir_make("unit-screen") < 0)
		exit(99);
	puts_file("good.csv", "item,text\ninstruction,Over two weeks\n"
	    "1,First one\n2,Second one\n");
	is_int(attune_wording_load(path("good.csv"), phq2, &w), 0,
	    "wording: a whole file loads");
	ok(w.instruction != NULL && strcmp(w.instruction, "Over two weeks") ==
	    0 && w.text[1] != NULL && strcmp(w.text[1], "Second one") == 0,
	    "wording: its instruction and text kept");
	attune_wording_free(&w);
	ok(memcmp(&w, &zero, sizeof w) == 0, "wording: freed to nothing");

	for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		puts_file(refused[i].name, refused[i].text);
		catch_start();
		is_int(attune_wording_load(path(refused[i].name), phq2, &w), -1,
		    "wording: %s is refused", refused[i].what);
		err = catch_end();
		ok(has(err, refused[i].says) && (refused[i].says2 == NULL ||
		    has(err, refused[i].says2)), "wording: %s (%s)",
		    refused[i].told, err);
		free(err);
		if (refused[i].kept)
			ok(memcmp(&w, &zero, sizeof w) == 0,
			    "wording: nothing kept of it");
	}
	catch_start();
	is_int(attune_wording_load(path("none.csv"), phq2, &w), -1,
	    "wording: a missing file is refused");
	free(catch_end());
}

/*
 * The one rule for the safety flag (attune_item_raises), as instruments.md
 * gives it: any points at all on EPDS item 10, PHQ-9 item 9 or PBQ items
 * 18 and 24, whatever else; no other item, and no points, ever.
 */
static void
test_raises(void)
{
	static const struct {
		const char *name;
		int	 a, b;		/* its safety items from 1, or 0 */
	} safe[] = {
		{ "epds", 10, 0 }, { "phq9", 9, 0 }, { "pbq", 18, 24 },
		{ "gad7", 0, 0 }, { "phq2", 0, 0 }, { "gad2", 0, 0 },
	};
	const struct attune_instrument *in;
	size_t k;
	int i, pts, bad;

	for (k = 0; k < sizeof safe / sizeof safe[0]; k++) {
		in = attune_instrument(safe[k].name);
		for (i = -1, bad = 0; i <= in->nitems; i++)
			for (pts = -1; pts <= attune_points_max(in) + 1; pts++)
				if (attune_item_raises(in, i, pts) != (pts >= 1 &&
				    i >= 0 && (i + 1 == safe[k].a ||
				    i + 1 == safe[k].b)))
					bad++;
		if (safe[k].a == 0)
			ok(bad == 0, "%s: no item raises the safety flag",
			    safe[k].name);
		else
			ok(bad == 0, "%s: any points on item %d%s%.0d raise the "
			    "safety flag, and on no other", safe[k].name,
			    safe[k].a, safe[k].b ? " and " : "", safe[k].b);
	}
}

int
main(void)
{
	test_pbq();
	test_epds();
	test_phq_gad();
	test_table();
	test_row();
	test_values();
	test_wording();
	test_raises();
	return tap_done();
}
