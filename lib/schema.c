/*
 * schema.c: the two logs' layout (attune-log(5)), in one place: each
 * log's columns, and how the lists inside a field are written and read.
 * log.c and instrument.c write rows with it; log.c, judge.c and fhir.c
 * read them with it.
 *
 * checkins.csv: did and flags are words from a list, ';'-separated.
 * screens.csv:  subscales "name=value;...", flags "safety;partner;
 *               high-NAME", answers "position:points;..." in item order.
 */
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"

const char *const attune_did_words[] = {
	"skin", "talk", "sing", "read", "massage", "carry", "eye", "feed",
	"bath", "play", "walk", "rest", NULL
};

const char *const attune_flag_words[] = {
	"intrusive", "panic", "rage", "cant-cope", "cant-care", "harm", NULL
};

const char *const attune_checkin_cols[] = {
	"timestamp", "who", "mood", "bond", "anxiety", "numb", "sleep", "did",
	"flags", "note", NULL
};

const char *const attune_screen_cols[] = {
	"timestamp", "who", "instrument", "total", "band", "subscales",
	"flags", "answers", NULL
};

/* --- checkins.csv: did and flags --------------------------------------- */

/* The words of set (bit i: w[i]), ';'-separated. */
void
attune_words_put(struct attune_buf *b, const char *const *w, unsigned set)
{
	int i, first = 1;

	for (i = 0; w[i] != NULL; i++) {
		if (!(set & (1u << i)))
			continue;
		if (!first)
			attune_buf_add(b, ";", 1);
		attune_buf_str(b, w[i]);
		first = 0;
	}
}

/* The set of n bytes of ';'-separated words of w; -1 for a word not in w. */
int
attune_words_parse(const char *s, size_t n, const char *const *w,
    unsigned *set)
{
	size_t i = 0, j;
	int k;

	*set = 0;
	while (i < n) {
		for (j = i; j < n && s[j] != ';'; j++)
			;
		if (j > i) {
			if ((k = attune_word_index(w, s + i, j - i)) < 0)
				return -1;
			*set |= 1u << k;
		}
		i = j + 1;
	}
	return 0;
}

/* --- screens.csv: subscales, flags, answers ---------------------------- */

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

/* Whether the flags field says scale is at or above its cut-off. */
int
attune_sflag_high(const char *flags, const struct attune_scale *sc)
{
	char high[48];

	snprintf(high, sizeof high, "high-%s", sc->name);
	return attune_has_word(flags, high);
}

void
attune_subscales_put(struct attune_buf *b, const struct attune_instrument *in,
    const int *sub)
{
	const struct attune_scale *s;
	int k;

	for (k = 0, s = in->scales; s->name != NULL; k++, s++)
		attune_buf_printf(b, "%s%s=%d", k ? ";" : "", s->name, sub[k]);
}

void
attune_sflags_put(struct attune_buf *b, const struct attune_instrument *in,
    int safety, int partner, unsigned high)
{
	const struct attune_scale *s;
	size_t start = b->len;
	int k;

	if (safety)
		attune_buf_str(b, "safety");
	if (partner)
		attune_buf_printf(b, "%spartner", b->len > start ? ";" : "");
	for (k = 0, s = in->scales; s->name != NULL; k++, s++)
		if (high & (1u << k))
			attune_buf_printf(b, "%shigh-%s", b->len > start ?
			    ";" : "", s->name);
}

void
attune_answers_put(struct attune_buf *b, const struct attune_instrument *in,
    const int *pos, const int *pts)
{
	int i;

	for (i = 0; i < in->nitems; i++)
		attune_buf_printf(b, "%s%d:%d", i ? ";" : "", pos[i], pts[i]);
}

/*
 * The next "name=value" of a subscales list, read leniently (entries split
 * by ';' or ',', spaces before a name skipped): the name in *name, *n
 * bytes, and the value.  0 at the end.  An entry without '=' is passed over.
 */
int
attune_subscale_next(const char **list, const char **name, size_t *n,
    int *value)
{
	const char *p = *list, *eq;
	size_t k;

	for (;;) {
		while (*p == ' ' || *p == ';' || *p == ',')
			p++;
		if (*p == '\0') {
			*list = p;
			return 0;
		}
		k = strcspn(p, ";,");
		eq = memchr(p, '=', k);
		if (eq == NULL) {
			p += k;
			continue;
		}
		*name = p;
		*n = (size_t)(eq - p);
		*value = (int)attune_num(eq + 1, NULL);
		*list = p + k;
		return 1;
	}
}

/*
 * Points given to item (1-based) in an answers list, read leniently:
 * "position:points" pairs in item order, split by ';' or ','; a bare
 * number counts as points.  -1 if not there.
 */
int
attune_answer_points(const char *answers, int item)
{
	const char *p = answers, *colon;
	int i = 1;
	size_t k;

	while (*p != '\0') {
		k = strcspn(p, ";,");
		if (i == item) {
			colon = memchr(p, ':', k);
			return (int)attune_num(colon != NULL ? colon + 1 : p,
			    NULL);
		}
		p += k;
		if (*p != '\0')
			p++;
		i++;
	}
	return -1;
}

/*
 * The answers list read strictly: 1 when every item is there, in order,
 * and each position scores the points written beside it (pos and pts
 * filled), else 0, so a damaged row gives no made-up answers.
 */
int
attune_answers_parse(const struct attune_instrument *in, const char *p,
    int *pos, int *pts)
{
	const char *end;
	long a, b;
	int i;

	for (i = 0; i < in->nitems; i++) {
		a = attune_num(p, &end);
		if (end == p || *end != ':')
			return 0;
		p = end + 1;
		b = attune_num(p, &end);
		if (end == p || a < 1 || a > in->nopts ||
		    attune_item_points(in, i, (int)a) != b)
			return 0;
		pos[i] = (int)a;
		pts[i] = (int)b;
		p = end;
		if (i + 1 < in->nitems) {
			if (*p != ';')
				return 0;
			p++;
		}
	}
	return *p == '\0';
}

/* The subscales list read strictly: 1 when every scale of the instrument
 * is there by its own name with a value in range (sub filled), else 0. */
int
attune_subscales_parse(const struct attune_instrument *in, const char *list,
    int *sub)
{
	const struct attune_scale *sc;
	const char *p;
	size_t n;
	const char *end;
	int k;
	long v;

	for (k = 0, sc = in->scales; sc->name != NULL; k++, sc++) {
		n = strlen(sc->name);
		for (p = list; (p = strstr(p, sc->name)) != NULL; p++)
			if ((p == list || p[-1] == ';' || p[-1] == ' ') &&
			    p[n] == '=')
				break;
		if (p == NULL)
			return 0;
		v = attune_num(p + n + 1, &end);
		if (end == p + n + 1 || v < 0 || v > sc->max)
			return 0;
		sub[k] = (int)v;
	}
	return 1;
}
