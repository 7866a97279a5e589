/*
 * instrument.c: the screening questionnaires, kept as data.
 *
 * Each instrument is one table: its items (with an explicit reverse and
 * safety column, never inferred from the wording), its option labels, the
 * points each option position scores, its scales with their cut-offs, its
 * bands, its citation and its licence.  One engine scores them all, so a
 * new questionnaire is a new table and nothing more.  The facts and their
 * sources are in instruments.md; every number here has a published one.
 *
 * The EPDS wording may not be distributed (see attune-screen(1)), so its
 * table holds item ids and the scoring key only: its text comes from a
 * wording file the person or their clinic supplies.
 */
#include <ctype.h>
#include <string.h>

#include "attune_priv.h"

/* PHQ-9, PHQ-2, GAD-7 and GAD-2 share their options and points. */
static const char *const phq_options[] = {
	"Not at all", "Several days", "More than half the days",
	"Nearly every day", NULL
};
static const int points_0to3[] = { 0, 1, 2, 3 };

static const char *const pbq_options[] = {
	"Always", "Very often", "Quite often", "Sometimes", "Rarely", "Never",
	NULL
};
/* Most PBQ items speak of a difficulty, so "Always" scores highest; the
 * eight positive items are the reverse ones. */
static const int pbq_points[] = { 5, 4, 3, 2, 1, 0 };

/* Postpartum Bonding Questionnaire, in the 2006 order.  Reverse (positive)
 * items: 1, 4, 8, 9, 11, 16, 22, 25.  Safety (our choice, after the 2001
 * paper's "requiring urgent intervention" for scale 4): 18 and 24. */
static const struct attune_item pbq_items[] = {
	{ "1", "I feel close to my baby", 1, 0 },
	{ "2", "I wish the old days when I had no baby would come back", 0, 0 },
	{ "3", "I feel distant from my baby", 0, 0 },
	{ "4", "I love to cuddle my baby", 1, 0 },
	{ "5", "I regret having this baby", 0, 0 },
	{ "6", "The baby does not seem to be mine", 0, 0 },
	{ "7", "My baby winds me up", 0, 0 },
	{ "8", "I love my baby to bits", 1, 0 },
	{ "9", "I feel happy when my baby smiles or laughs", 1, 0 },
	{ "10", "My baby irritates me", 0, 0 },
	{ "11", "I enjoy playing with my baby", 1, 0 },
	{ "12", "My baby cries too much", 0, 0 },
	{ "13", "I feel trapped as a mother", 0, 0 },
	{ "14", "I feel angry with my baby", 0, 0 },
	{ "15", "I resent my baby", 0, 0 },
	{ "16", "My baby is the most beautiful baby in the world", 1, 0 },
	{ "17", "I wish my baby would somehow go away", 0, 0 },
	{ "18", "I have done harmful things to my baby", 0, 1 },
	{ "19", "My baby makes me anxious", 0, 0 },
	{ "20", "I am afraid of my baby", 0, 0 },
	{ "21", "My baby annoys me", 0, 0 },
	{ "22", "I feel confident when changing my baby", 1, 0 },
	{ "23", "I feel the only solution is for someone else to look after "
	    "my baby", 0, 0 },
	{ "24", "I feel like hurting my baby", 0, 1 },
	{ "25", "My baby is easily comforted", 1, 0 },
};

static const char pbq_src[] = "Brockington, Fraser and Wilson 2006";

static const struct attune_scale pbq_scales[] = {
	{ "bonding", "Impaired bonding",
	    (const unsigned char[]){ 1, 2, 6, 7, 8, 9, 10, 12, 13, 15, 16, 17,
	    0 }, 60, 12, 0, pbq_src,
	    "Feeling close to your baby may be hard just now. This is common, "
	    "it is not a failure of love, and bonding often grows with time, "
	    "closeness and support." },
	{ "rejection", "Rejection and anger",
	    (const unsigned char[]){ 3, 4, 5, 11, 14, 21, 23, 0 }, 35, 13, 0,
	    pbq_src,
	    "Anger, regret or wishing for distance may be part of your days. "
	    "Many parents have these feelings and do not say so; they are "
	    "worth talking through with a professional, who will not judge "
	    "you." },
	{ "anxiety", "Infant-focused anxiety",
	    (const unsigned char[]){ 19, 20, 22, 25, 0 }, 20, 10, 0, pbq_src,
	    "Caring for your baby may be bringing a lot of worry or fear. "
	    "Anxiety like this is common after a birth, and it eases with the "
	    "right support." },
	{ "abuse", "Risk of abuse",
	    (const unsigned char[]){ 18, 24, 0 }, 10, 2, 0, pbq_src,
	    "Your answers say that hurting your baby, in thought or in deed, "
	    "has come up. Please talk to someone today: you deserve help "
	    "straight away, and asking for it is a caring thing to do." },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};

/* The PBQ has no cut-off for its total: it is banded on its scales. */
static const struct attune_band pbq_bands[] = {
	{ 0, "none", "below the cut-off on every scale",
	    "Your answers are below the point where the PBQ suggests a "
	    "closer look at the bond with your baby. If you still feel far "
	    "from your baby, that matters all the same: bonding is a process, "
	    "and it can be talked about.", 0 },
	{ 0, "high", "at or above the cut-off on one or more scales",
	    "Your answers reach the point where the PBQ suggests talking "
	    "with a professional about how things are between you and your "
	    "baby. That is a conversation, not a conclusion: many parents "
	    "score here, and things can change with support.", 1 },
	{ 0, NULL, NULL, NULL, 0 }
};

/* EPDS: ids only, no wording.  Items 1, 2 and 4 score 0 to 3 top to
 * bottom; items 3 and 5 to 10 are reverse scored.  Item 10: safety. */
static const struct attune_item epds_items[] = {
	{ "laugh", NULL, 0, 0 },
	{ "enjoy", NULL, 0, 0 },
	{ "blame", NULL, 1, 0 },
	{ "worry", NULL, 0, 0 },
	{ "panic", NULL, 1, 0 },
	{ "cope", NULL, 1, 0 },
	{ "sleep", NULL, 1, 0 },
	{ "sad", NULL, 1, 0 },
	{ "cry", NULL, 1, 0 },
	{ "harm", NULL, 1, 1 },
};

static const struct attune_scale epds_scales[] = {
	{ "epds3a", "EPDS-3A anxiety", (const unsigned char[]){ 3, 4, 5, 0 },
	    9, 6, 4, "Matthey 2008",
	    "The three anxiety items are high: worry, panic or blaming "
	    "yourself may be weighing on you. Anxiety after a birth is common "
	    "and treatable." },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};

/*
 * The top of the range has words of its own, for mothers and partners
 * alike: 20 or more is our judgement (no published cut-off), so that a
 * score near 30 is never told the same as one just over the line.
 */
#define EPDS_VERY_HIGH	20
#define EPDS_VERY_HIGH_BAND \
	{ EPDS_VERY_HIGH, "very-high", \
	    "a very high score: plainly worth contacting a professional soon", \
	    "Your answers are near the top of the scale. That tells how much " \
	    "you are carrying just now, not who you are, and it is nobody's " \
	    "fault. Please contact your doctor, midwife or health visitor in " \
	    "the next day or two, and tell them this score; depression after " \
	    "a birth is treatable, and you deserve that help soon.", 1 }

static const struct attune_band epds_bands[] = {
	{ 0, "none", "below the screening threshold",
	    "Your answers are below the score at which the EPDS suggests a "
	    "closer look. If you still feel low, anxious or far from your "
	    "baby, that matters all the same, and it is fine to talk about "
	    "it.", 0 },
	{ 10, "possible", "possible depression",
	    "Your answers are in the range where depression is possible. "
	    "Many parents score here; it is not your fault, and it can get "
	    "better with support. It is worth talking it over with someone "
	    "soon.", 1 },
	{ 13, "probable", "probable depression: worth a proper assessment",
	    "Your answers are in the range where depression is likely, and "
	    "the EPDS advises a proper assessment. Depression after a birth "
	    "is common, it is not a failure of love, and it is treatable. "
	    "Please make a time to talk with a professional this week.", 1 },
	EPDS_VERY_HIGH_BAND,
	{ 0, NULL, NULL, NULL, 0 }
};

/*
 * Fathers and partners: never less sensitive than the mothers' key.  10
 * is possible, as for mothers, and 11 already probable: the cut-off
 * validated in fathers (Edmondson et al. 2010, sensitivity 89.5%).
 */
static const struct attune_band epds_partner_bands[] = {
	{ 0, "none", "below the partner screening threshold",
	    "Your answers are below the score at which the EPDS suggests a "
	    "closer look for partners. If you still feel low, anxious or far "
	    "from your baby, that matters all the same, and it is fine to "
	    "talk about it.", 0 },
	{ 10, "possible", "possible depression (partner cut-off)",
	    "Your answers are in the range where depression is possible for "
	    "a partner. Partners struggle after a birth too, more often than "
	    "is said; it is not a weakness, and it can get better with "
	    "support. It is worth talking it over with someone soon.", 1 },
	{ 11, "probable", "probable depression (partner cut-off): worth a "
	    "proper talk soon",
	    "Your answers reach the score that points to depression in "
	    "fathers and partners. That is common after a birth, it is not a "
	    "weakness or a failure, and it is treatable. Please make a time "
	    "this week for a proper talk with a doctor or another "
	    "professional.", 1 },
	EPDS_VERY_HIGH_BAND,
	{ 0, NULL, NULL, NULL, 0 }
};

static const struct attune_item phq_items[] = {
	{ "1", "Little interest or pleasure in doing things", 0, 0 },
	{ "2", "Feeling down, depressed, or hopeless", 0, 0 },
	{ "3", "Trouble falling or staying asleep, or sleeping too much", 0, 0 },
	{ "4", "Feeling tired or having little energy", 0, 0 },
	{ "5", "Poor appetite or overeating", 0, 0 },
	{ "6", "Feeling bad about yourself - or that you are a failure or "
	    "have let yourself or your family down", 0, 0 },
	{ "7", "Trouble concentrating on things, such as reading the "
	    "newspaper or watching television", 0, 0 },
	{ "8", "Moving or speaking so slowly that other people could have "
	    "noticed? Or the opposite - being so fidgety or restless that "
	    "you have been moving around a lot more than usual", 0, 0 },
	{ "9", "Thoughts that you would be better off dead or of hurting "
	    "yourself in some way", 0, 1 },
};

static const struct attune_scale no_scales[] = {
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};

static const struct attune_band phq9_bands[] = {
	{ 0, "none", "none to minimal depression symptoms",
	    "Your answers show few signs of depression over the last two "
	    "weeks. If something still feels wrong, that matters all the "
	    "same.", 0 },
	{ 5, "mild", "mild depression symptoms",
	    "Your answers show some signs of depression. It can help to keep "
	    "an eye on how you are, and to take the screen again in a couple "
	    "of weeks.", 0 },
	{ 10, "moderate", "moderate depression symptoms",
	    "Your answers show a fair number of signs of depression. This is "
	    "common after a birth and treatable; it is worth talking it over "
	    "with a professional soon.", 1 },
	{ 15, "moderately-severe", "moderately severe depression symptoms",
	    "Your answers show many signs of depression. This is not your "
	    "fault and it is treatable; please make a time to talk with a "
	    "professional this week.", 1 },
	{ 20, "severe", "severe depression symptoms",
	    "Your answers show a great many signs of depression. You deserve "
	    "support now: please talk with a professional as soon as you "
	    "can.", 1 },
	{ 0, NULL, NULL, NULL, 0 }
};

/* The PHQ-2 and the GAD-2 say the same below their cut-off. */
#define TWO_ITEM_NONE_BAND \
	{ 0, "none", "below the screening threshold", \
	    "Your answers to these two questions are below the point where " \
	    "a fuller check is suggested.", 0 }

static const struct attune_band phq2_bands[] = {
	TWO_ITEM_NONE_BAND,
	{ 3, "positive", "positive screen: a fuller check is worth it",
	    "Your answers suggest it is worth a fuller look at your mood, "
	    "with the PHQ-9 ('attune screen phq9') or with a professional.",
	    1 },
	{ 0, NULL, NULL, NULL, 0 }
};

static const struct attune_item gad_items[] = {
	{ "1", "Feeling nervous, anxious or on edge", 0, 0 },
	{ "2", "Not being able to stop or control worrying", 0, 0 },
	{ "3", "Worrying too much about different things", 0, 0 },
	{ "4", "Trouble relaxing", 0, 0 },
	{ "5", "Being so restless that it is hard to sit still", 0, 0 },
	{ "6", "Becoming easily annoyed or irritable", 0, 0 },
	{ "7", "Feeling afraid as if something awful might happen", 0, 0 },
};

static const struct attune_band gad7_bands[] = {
	{ 0, "none", "minimal anxiety symptoms",
	    "Your answers show few signs of anxiety over the last two weeks. "
	    "If something still feels wrong, that matters all the same.", 0 },
	{ 5, "mild", "mild anxiety symptoms",
	    "Your answers show some signs of anxiety. It can help to keep an "
	    "eye on how you are, and to take the screen again in a couple of "
	    "weeks.", 0 },
	{ 10, "moderate", "moderate anxiety symptoms",
	    "Your answers show a fair number of signs of anxiety. This is "
	    "common after a birth and treatable; it is worth talking it over "
	    "with a professional soon.", 1 },
	{ 15, "severe", "severe anxiety symptoms",
	    "Your answers show many signs of anxiety. You deserve support: "
	    "please talk with a professional as soon as you can.", 1 },
	{ 0, NULL, NULL, NULL, 0 }
};

static const struct attune_band gad2_bands[] = {
	TWO_ITEM_NONE_BAND,
	{ 3, "positive", "positive screen: a fuller check is worth it",
	    "Your answers suggest it is worth a fuller look at anxiety, with "
	    "the GAD-7 ('attune screen gad7') or with a professional.", 1 },
	{ 0, NULL, NULL, NULL, 0 }
};

static const char phq_stem[] = "Over the last 2 weeks, how often have you "
    "been bothered by any of the following problems?";
static const char phq_licence[] = "Free to use: Pfizer states no "
    "permission is required to reproduce, translate, display or "
    "distribute.";

static const struct attune_instrument pbq = {
	"pbq", "PBQ", "Postpartum Bonding Questionnaire",
	"the bond between a mother and her baby, on four scales",
	"Brockington IF, Fraser C, Wilson D (2006). The Postpartum Bonding "
	    "Questionnaire: a validation. Arch Womens Ment Health 9:233-242.",
	"Free to use, with no licence required (RCPsych College Report "
	    "CR216, 2018).",
	"Please indicate how often the following are true for you. There "
	    "are no 'right' or 'wrong' answers. Choose the answer which seems "
	    "right in your recent experience.",
	"your recent experience",
	25, 6, pbq_items, pbq_options, pbq_points, pbq_scales, pbq_bands, NULL,
	1, 1, NULL
};

static const struct attune_instrument epds = {
	"epds", "EPDS", "Edinburgh Postnatal Depression Scale",
	"depression after a birth, with an anxiety subscale (EPDS-3A)",
	"Cox JL, Holden JM, Sagovsky R (1987). Detection of postnatal "
	    "depression: development of the 10-item Edinburgh Postnatal "
	    "Depression Scale. Br J Psychiatry 150:782-786.",
	"The Royal College of Psychiatrists requires written permission to "
	    "distribute its wording: attune ships the scoring key only.",
	"For each item, choose the answer that fits how you have felt over "
	    "the past 7 days as a whole.",
	"the past 7 days",
	10, 4, epds_items, NULL, points_0to3, epds_scales, epds_bands,
	epds_partner_bands, 0, 0, NULL
};

/* The four Pfizer questionnaires share their licence, stem, recall period,
 * options and points and the attribution line, and have no scales. */
#define PFIZER(name, label, title, measures, citation, nitems, items, \
    bands) { name, label, title, measures, citation, phq_licence, \
	phq_stem, "the last 2 weeks", nitems, 4, items, phq_options, \
	points_0to3, no_scales, bands, NULL, 0, 1, ATTUNE_PHQ_ATTRIBUTION }

static const struct attune_instrument phq9 = PFIZER("phq9", "PHQ-9",
    "Patient Health Questionnaire-9",
    "depression symptoms over the last two weeks",
    "Kroenke K, Spitzer RL, Williams JBW (2001). The PHQ-9: validity of a "
    "brief depression severity measure. J Gen Intern Med 16:606-613.",
    9, phq_items, phq9_bands);

static const struct attune_instrument phq2 = PFIZER("phq2", "PHQ-2",
    "Patient Health Questionnaire-2",
    "low mood and loss of interest, the first two PHQ-9 questions",
    "Kroenke K, Spitzer RL, Williams JBW (2003). The Patient Health "
    "Questionnaire-2: validity of a two-item depression screener. Med "
    "Care 41:1284-1292.",
    2, phq_items, phq2_bands);

static const struct attune_instrument gad7 = PFIZER("gad7", "GAD-7",
    "Generalized Anxiety Disorder-7",
    "anxiety symptoms over the last two weeks",
    "Spitzer RL, Kroenke K, Williams JBW, Lowe B (2006). A brief measure "
    "for assessing generalized anxiety disorder: the GAD-7. Arch Intern "
    "Med 166:1092-1097.",
    7, gad_items, gad7_bands);

static const struct attune_instrument gad2 = PFIZER("gad2", "GAD-2",
    "Generalized Anxiety Disorder-2",
    "nervousness and worry, the first two GAD-7 questions",
    "Kroenke K, Spitzer RL, Williams JBW, Monahan PO, Lowe B (2007). "
    "Anxiety disorders in primary care: prevalence, impairment, "
    "comorbidity, and detection. Ann Intern Med 146:317-325.",
    2, gad_items, gad2_bands);

const struct attune_instrument *const attune_instruments[] = {
	&pbq, &epds, &phq9, &phq2, &gad7, &gad2, NULL
};

/*
 * The instrument called name: "phq9", and also "PHQ-9" or "phq_9", since
 * people write them all three ways.  NULL if there is none.
 */
const struct attune_instrument *
attune_instrument(const char *name)
{
	char buf[16];
	size_t n = 0;
	int i;

	for (; *name != '\0'; name++) {
		if (*name == '-' || *name == '_')
			continue;
		if (n == sizeof buf - 1)
			return NULL;
		buf[n++] = (char)tolower((unsigned char)*name);
	}
	buf[n] = '\0';
	for (i = 0; attune_instruments[i] != NULL; i++)
		if (strcmp(attune_instruments[i]->name, buf) == 0)
			return attune_instruments[i];
	return NULL;
}

/* The points option pos (1 = top) scores on item (from 0), or -1. */
int
attune_item_points(const struct attune_instrument *in, int item, int pos)
{
	if (item < 0 || item >= in->nitems || pos < 1 || pos > in->nopts)
		return -1;
	if (in->items[item].reverse)
		return in->points[in->nopts - pos];
	return in->points[pos - 1];
}

/* The option position that scores points on item, or -1: the inverse of
 * attune_item_points, for answers copied as points from a paper form. */
int
attune_item_position(const struct attune_instrument *in, int item,
    int points)
{
	int pos;

	for (pos = 1; pos <= in->nopts; pos++)
		if (attune_item_points(in, item, pos) == points)
			return pos;
	return -1;
}

/* Whether points on item (from 0) raise the safety flag: any points at
 * all on a safety item, whatever the total (instruments.md).  The one
 * rule for a result scored, a screen logged and an answer just given. */
int
attune_item_raises(const struct attune_instrument *in, int item, int points)
{
	return item >= 0 && item < in->nitems && in->items[item].safety &&
	    points > 0;
}

int
attune_points_max(const struct attune_instrument *in)
{
	int k, max = 0;

	for (k = 0; k < in->nopts; k++)
		if (in->points[k] > max)
			max = in->points[k];
	return max;
}

int
attune_scale_cutoff(const struct attune_scale *s, int partner)
{
	return partner && s->high_partner > 0 ? s->high_partner : s->high;
}

const struct attune_band *
attune_bands(const struct attune_instrument *in, int partner)
{
	return partner && in->partner_bands != NULL ? in->partner_bands :
	    in->bands;
}

const struct attune_band *
attune_band_find(const struct attune_instrument *in, const char *word)
{
	const struct attune_band *b;

	for (b = in->bands; b->word != NULL; b++)
		if (strcmp(b->word, word) == 0)
			return b;
	if (in->partner_bands != NULL)
		for (b = in->partner_bands; b->word != NULL; b++)
			if (strcmp(b->word, word) == 0)
				return b;
	return NULL;
}

/*
 * Score r->pos[] (positions, 1 = top option, all in range) for r->in:
 * points per item, total, scales and their cut-offs, safety items, band.
 */
void
attune_score(struct attune_result *r)
{
	const struct attune_instrument *in = r->in;
	const struct attune_scale *s;
	const struct attune_band *b;
	const unsigned char *p;
	int i, k;

	r->total = 0;
	r->max = in->nitems * attune_points_max(in);
	r->high = 0;
	r->safety = 0;
	for (i = 0; i < in->nitems; i++) {
		r->pts[i] = attune_item_points(in, i, r->pos[i]);
		r->total += r->pts[i];
		if (attune_item_raises(in, i, r->pts[i]))
			r->safety |= 1ul << i;
	}
	for (k = 0, s = in->scales; s->name != NULL; k++, s++) {
		r->sub[k] = 0;
		for (p = s->items; *p != 0; p++)
			r->sub[k] += r->pts[*p - 1];
		if (r->sub[k] >= attune_scale_cutoff(s, r->partner))
			r->high |= 1u << k;
	}
	b = attune_bands(in, r->partner);
	if (in->scale_bands) {
		r->band = r->high ? &b[1] : &b[0];
		return;
	}
	r->band = b;
	for (; b->word != NULL; b++)
		if (r->total >= b->min)
			r->band = b;
}

/*
 * One screens.csv row (attune-log(5)): timestamp, who, instrument, total,
 * band, subscales, flags and answers, the lists as schema.c writes them.
 */
void
attune_screen_row(struct attune_buf *b, const struct attune_time *ts,
    const char *who, const struct attune_result *r)
{
	const struct attune_instrument *in = r->in;
	struct attune_buf f = { 0 };
	char tsbuf[32], num[16];

	attune_time_format(ts, tsbuf);
	attune_csv_field(b, tsbuf, strlen(tsbuf), 1);
	attune_csv_field(b, who, strlen(who), 0);
	attune_csv_field(b, in->name, strlen(in->name), 0);
	snprintf(num, sizeof num, "%d", r->total);
	attune_csv_field(b, num, strlen(num), 0);
	attune_csv_field(b, r->band->word, strlen(r->band->word), 0);
	attune_subscales_put(&f, in, r->sub);
	attune_csv_field(b, f.s ? f.s : "", f.len, 0);
	f.len = 0;
	attune_sflags_put(&f, in, r->safety != 0, r->partner, r->high);
	attune_csv_field(b, f.s ? f.s : "", f.len, 0);
	f.len = 0;
	attune_answers_put(&f, in, r->pos, r->pts);
	attune_csv_field(b, f.s ? f.s : "", f.len, 0);
	attune_buf_add(b, "\n", 1);
	attune_buf_free(&f);
}
