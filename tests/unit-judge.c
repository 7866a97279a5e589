/*
 * unit-judge: attune_screen_judge and attune_has_word, the one judgement
 * of a logged screen that attune report and attune tips share, as the
 * diary asks it of each screen (report.c), its answers read leniently.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"
#include "test.h"

static int safety, positive;
static char items[64], why[160];

static const struct attune_instrument *
judge(const char *instr, int total, const char *band, const char *sub,
    const char *flags, const char *answers)
{
	const struct attune_instrument *in;
	struct attune_screen s;
	struct attune_rscreen sv;

	memset(&s, 0, sizeof s);
	s.who = "me";
	s.instrument = instr;
	s.total = total;
	s.band = band;
	s.subscales = sub;
	s.flags = flags;
	s.answers = answers;
	in = attune_instrument(instr);
	attune_screen_judge(&s, in, NULL, &sv);
	safety = sv.safety;
	positive = sv.positive;
	memcpy(items, sv.items, sizeof items);
	memcpy(why, sv.why, sizeof why);
	return in;
}

static void
test_has_word(void)
{
	ok(attune_has_word("safety", "safety"), "a word alone");
	ok(attune_has_word("partner;safety", "safety"), "after a ';'");
	ok(attune_has_word("partner, safety", "safety"), "after ', '");
	ok(attune_has_word("a b safety", "safety"), "after a space");
	ok(!attune_has_word("unsafety;safetyx", "safety"),
	    "not inside another word");
	ok(!attune_has_word("", "safety"), "not in an empty list");
}

static void
test_safety(void)
{
	const struct attune_instrument *in;

	in = judge("epds", 1, "none", "", "",
	    "1:0;1:0;4:0;1:0;4:0;4:0;4:0;4:0;4:0;3:1");
	ok(in != NULL && strcmp(in->name, "epds") == 0, "the EPDS is known");
	is_int(safety, 1, "EPDS item 10 above 0 is a safety item, unflagged");
	is_str(items, "10", "and is named");
	is_int(positive, 0, "a total of 1 is not a positive screen");
	judge("epds", 0, "none", "", "",
	    "1:0;1:0;4:0;1:0;4:0;4:0;4:0;4:0;4:0;4:0");
	is_int(safety, 0, "EPDS item 10 at 0 is not");
	is_str(items, "", "and nothing is named");
	judge("epds", 0, "none", "", "safety", "");
	is_int(safety, 1, "the safety flag counts without answers");
	judge("PHQ-9", 3, "", "", "", "0;0;0;0;0;0;0;0;2");
	is_int(safety, 1, "PHQ-9 item 9, as bare points, by its other name");
	is_str(items, "9", "item 9 is named");
	ok(judge("nosuch", 30, "high", "", "safety", "") == NULL,
	    "an unknown instrument gives NULL");
	is_int(safety, 1, "but its safety flag still counts");
	is_int(positive, 0, "and it is never positive");
}

/*
 * A screen as logged (instrument, total, band, subscales, flags), whether
 * it is positive, and what the reason must hold ("": nothing asked).
 */
static const struct {
	const char *instr;
	int total;
	const char *band, *sub, *flags;
	int positive;
	const char *why, *what;
} positives[] = {
	{ "epds", 10, "", "", "", 1, "scored 10", "by its total, no band" },
	{ "epds", 9, "", "", "partner", 0, "", "under a partner's cut-off" },
	{ "epds", 10, "", "", "partner", 1, "", "as sensitive as for mothers" },
	{ "epds", 4, "probable", "", "", 1, "", "a positive band word counts" },
	{ "epds", 4, "some-future-word", "", "", 0, "", "an unknown word" },
	{ "pbq", 14, "", "bonding=13", "", 1, "at or above", "over cut-off" },
	{ "pbq", 14, "", "bonding=12", "", 1, "", "at its cut-off" },
	{ "pbq", 14, "", "bonding=3", "", 0, "", "under the cut-offs" },
	{ "pbq", 14, "", "", "high-bonding", 1, "", "a scale flagged high" },
	{ "gad2", 3, "", "", "", 1, "", "GAD-2 at its cut-off" },
	{ "phq2", 2, "", "", "", 0, "", "PHQ-2 under its cut-off" },
};

static void
test_positive(void)
{
	char what[160];
	const char *part[3];
	size_t i, k;
	int n;

	for (i = 0; i < sizeof positives / sizeof positives[0]; i++) {
		part[0] = positives[i].band;
		part[1] = positives[i].sub;
		part[2] = positives[i].flags;
		n = snprintf(what, sizeof what, "%s %d", positives[i].instr,
		    positives[i].total);
		for (k = 0; k < 3; k++)
			if (*part[k] != '\0')
				n += snprintf(what + n, sizeof what - n, " %s",
				    part[k]);
		judge(positives[i].instr, positives[i].total, part[0], part[1],
		    part[2], "");
		is_int(positive, positives[i].positive, "%s: %s: %s", what,
		    positives[i].what,
		    positives[i].positive ? "positive" : "not positive");
		if (*positives[i].why != '\0')
			ok(strstr(why, positives[i].why) != NULL,
			    "%s: the reason says '%s': %s", what,
			    positives[i].why, why);
	}
}

/* schema.c: what the writer puts in a row's lists, the readers take back. */
static void
test_schema(void)
{
	const struct attune_instrument *in = attune_instrument("pbq");
	struct attune_buf b = { 0 };
	struct attune_result r;
	int pos[ATTUNE_MAXITEMS], pts[ATTUNE_MAXITEMS], sub[ATTUNE_MAXSCALES];
	const char *list, *name;
	unsigned set;
	size_t n;
	int i, v, k;

	memset(&r, 0, sizeof r);
	r.in = in;
	for (i = 0; i < in->nitems; i++)
		r.pos[i] = 1 + i % in->nopts;
	attune_score(&r);
	attune_answers_put(&b, in, r.pos, r.pts);
	ok(attune_answers_parse(in, b.s, pos, pts), "answers read back: %s",
	    b.s);
	for (i = 0, k = 1; i < in->nitems; i++)
		k &= pos[i] == r.pos[i] && pts[i] == r.pts[i];
	ok(k, "each position and its points as written");
	is_int(attune_answer_points(b.s, 3), r.pts[2],
	    "the lenient reader finds item 3's points");
	b.s[b.len - 1] = b.s[b.len - 1] == '0' ? '1' : '0';
	ok(!attune_answers_parse(in, b.s, pos, pts),
	    "points that the position does not score: not kept");
	b.len = 0;
	attune_answers_put(&b, in, r.pos, r.pts);
	b.s[b.len - 4] = '\0';
	ok(!attune_answers_parse(in, b.s, pos, pts), "an item missing: not kept");
	b.len = 0;
	attune_subscales_put(&b, in, r.sub);
	ok(attune_subscales_parse(in, b.s, sub), "subscales read back: %s",
	    b.s);
	for (k = 0, i = 1; in->scales[k].name != NULL; k++)
		i &= sub[k] == r.sub[k];
	ok(i, "each scale's score as written");
	ok(!attune_subscales_parse(in, "bonding=3", sub),
	    "a scale missing: none kept");
	b.len = 0;
	attune_sflags_put(&b, in, 1, 1, 1u | 8u);
	is_str(b.s, "safety;partner;high-bonding;high-abuse", "the flags");
	ok(attune_sflag_high(b.s, &in->scales[3]) &&
	    !attune_sflag_high(b.s, &in->scales[1]), "high-NAME read back");
	list = " s1=4, x;rejection=7";
	ok(attune_subscale_next(&list, &name, &n, &v) && n == 2 &&
	    memcmp(name, "s1", 2) == 0 && v == 4, "the first name=value");
	ok(attune_subscale_next(&list, &name, &n, &v) && n == 9 && v == 7,
	    "an entry without '=' passed over");
	ok(!attune_subscale_next(&list, &name, &n, &v), "then the end");
	b.len = 0;
	attune_words_put(&b, attune_flag_words, (1u << 0) | (1u << 5));
	is_str(b.s, "intrusive;harm", "flag words written");
	ok(attune_words_parse(b.s, b.len, attune_flag_words, &set) == 0 &&
	    set == ((1u << 0) | (1u << 5)), "and read back");
	ok(attune_words_parse("skin;nope", 9, attune_did_words, &set) < 0,
	    "a word not in the list is refused");
	attune_buf_free(&b);
}

/* Two safety items raised: named the same way from a logged row and from
 * a screen just scored (attune_safety_items, the one list). */
static void
test_items(void)
{
	const struct attune_instrument *in = attune_instrument("pbq");
	struct attune_result r;
	struct attune_rscreen s;
	struct attune_time ts = { 0, 0, ATTUNE_NOOFF };
	char answers[128];
	size_t len = 0;
	int i;

	memset(&r, 0, sizeof r);
	r.in = in;
	for (i = 0; i < in->nitems; i++) {
		r.pos[i] = in->items[i].safety ? 5 : 6;
		len += (size_t)snprintf(answers + len, sizeof answers - len,
		    "%s%d", i ? ";" : "", in->items[i].safety ? 1 : 0);
	}
	judge("pbq", 2, "", "", "", answers);
	is_str(items, "18 and 24", "PBQ items 18 and 24 from a logged row");
	attune_score(&r);
	attune_rscreen_result(&s, &ts, &r);
	is_str(s.items, "18 and 24", "and from a screen just scored");
	free(s.instrument);
	free(s.band);
	free(s.subscales);
}

int
main(void)
{
	test_schema();
	test_has_word();
	test_safety();
	test_positive();
	test_items();
	return tap_done();
}
