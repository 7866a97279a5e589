/*
 * log.c: the check-in and screen logs (attune-log(5)).  Writing builds a
 * row in the contract's column order; reading finds columns by header name
 * and checks every value, reporting a bad row as FILE:LINE: reason.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "attune_priv.h"

const struct attune_measure attune_measures[ATTUNE_NMEASURES] = {
	{ "mood", "How is your mood today?",
	    "very low", "very good", 10, 0, +1 },
	{ "bond", "How connected do you feel to your baby today?",
	    "not at all connected", "deeply connected", 10, 0, +1 },
	{ "anxiety", "How anxious or on edge do you feel today?",
	    "calm", "extremely anxious", 10, 0, -1 },
	{ "numb", "How numb, or on autopilot, do you feel today?",
	    "fully present", "completely numb", 10, 0, -1 },
	{ "sleep", "How many hours did you sleep in the last 24 hours?",
	    "none", "24 hours", 240, 1, +1 },
};

#define WHO_MAX	64	/* characters, not bytes */

/* The characters in n bytes of UTF-8: the bytes that start one. */
static size_t
chars(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

int
attune_who_valid(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 4 * WHO_MAX || chars(s, n) > WHO_MAX ||
	    !attune_utf8_valid(s, n))
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

/* Why s is not a who (a --who, $ATTUNE_WHO, attune.conf or edit), or NULL:
 * said after the value, "who 'x' is not ...". */
const char *
attune_who_why(const char *s, size_t n)
{
	return attune_who_valid(s, n) ? NULL : "is not a usable name; use 1 "
	    "to 64 characters with no control characters";
}

/* A measure's value as written in a log: sleep with one decimal. */
void
attune_measure_put(struct attune_buf *b, int k, int v)
{
	if (attune_measures[k].tenths)
		attune_buf_printf(b, "%d.%d", v / 10, v % 10);
	else
		attune_buf_printf(b, "%d", v);
}

/* An empty check-in: no time, no who, no measure given. */
void
attune_checkin_init(struct attune_checkin *ci)
{
	int k;

	memset(ci, 0, sizeof *ci);
	for (k = 0; k < ATTUNE_NMEASURES; k++)
		ci->v[k] = -1;
}

void
attune_checkin_row(struct attune_buf *b, const struct attune_checkin *ci)
{
	struct attune_buf f = { 0 };
	char ts[32];
	int k;

	attune_time_format(&ci->ts, ts);
	attune_csv_field(b, ts, strlen(ts), 1);
	attune_csv_field(b, ci->who, strlen(ci->who), 0);
	for (k = 0; k < ATTUNE_NMEASURES; k++) {
		f.len = 0;
		if (ci->v[k] >= 0)
			attune_measure_put(&f, k, ci->v[k]);
		attune_csv_field(b, f.s ? f.s : "", f.len, 0);
	}
	f.len = 0;
	attune_words_put(&f, attune_did_words, ci->did);
	attune_csv_field(b, f.s ? f.s : "", f.len, 0);
	f.len = 0;
	attune_words_put(&f, attune_flag_words, ci->flags);
	attune_csv_field(b, f.s ? f.s : "", f.len, 0);
	attune_csv_field(b, ci->note ? ci->note : "", ci->note ? ci->notelen : 0, 0);
	attune_buf_add(b, "\n", 1);
	attune_buf_free(&f);
}

static int
digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A whole number in [0, max], or (tenths) one with at most one decimal,
 * returned in tenths.  -1 if empty, -2 if bad. */
static int
value(const char *s, size_t n, int max, int tenths)
{
	size_t i = 0;
	int v = 0, d = 0;

	if (n == 0)
		return -1;
	/* The usual shapes first: "7", and "6.5" for sleep. */
	if (n == 1 && digit(s[0])) {
		v = (s[0] - '0') * (tenths ? 10 : 1);
		return v <= max ? v : -2;
	}
	if (n == 3 && tenths && digit(s[0]) && s[1] == '.' && digit(s[2])) {
		v = (s[0] - '0') * 10 + (s[2] - '0');
		return v <= max ? v : -2;
	}
	if ((i = attune_num_digits(s, n, 4, &v)) == 0)
		return -2;
	if (tenths) {
		v *= 10;
		if (i < n && s[i] == '.') {
			i++;
			i += attune_num_digits(s + i, n - i, 1, &d);
			v += d;
			while (i < n && s[i] == '0')
				i++;	/* "6.50", as a spreadsheet may save it */
		}
	} else if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] == '0')
			i++;	/* "3.0", as a spreadsheet saves 3 */
	}
	if (i != n || v > max)
		return -2;
	return v;
}

/*
 * attune_words_parse, remembered: did and flags hold a few values over and
 * over, so the set of each value seen lately is kept by its exact text,
 * for either list.  Only good values are kept: a bad one is looked at, and reported,
 * every time it comes.
 */
static int
wordset_memo(const char *s, size_t n, const char *const *w, unsigned *set)
{
	static struct {
		const char *const *w;
		size_t	 n;
		unsigned set;
		char	 s[32];
	} memo[32], *m;

	if (n == 0) {
		*set = 0;
		return 0;
	}
	if (n > sizeof m->s)
		return attune_words_parse(s, n, w, set);
	m = &memo[(n * 5 + (unsigned char)s[0] + (unsigned char)s[n - 1] * 3 +
	    (w == attune_flag_words)) % 32];
	if (m->w == w && m->n == n && memcmp(m->s, s, n) == 0) {
		*set = m->set;
		return 0;
	}
	if (attune_words_parse(s, n, w, set) < 0)
		return -1;
	m->w = w;
	m->n = n;
	m->set = *set;
	memcpy(m->s, s, n);
	return 0;
}

static int
need_column(struct attune_csv *c, int col, const char *name)
{
	if (attune_csv_has(c, col))
		return 0;
	attune_csv_note(c, "has no '%s' column, so it is not an attune log",
	    name);
	return -1;
}

static int
read_time(struct attune_csv *c, const char *s, size_t n, struct attune_time *t)
{
	char q[ATTUNE_VALUE];

	if (attune_time_iso(s, n, t) < 0) {
		attune_csv_bad(c, "timestamp '%s' is not an ISO 8601 time",
		    attune_safe_value(q, sizeof q, s, n));
		return -1;
	}
	if (t->sec < 0)
		t->sec = 12 * 3600;
	return 0;
}

/* The words of a did or flags field, or -1 (said). */
static int
read_words(struct attune_csv *c, const char *col, const char *s, size_t n,
    const char *const *w, unsigned *set)
{
	char q[ATTUNE_VALUE];

	if (wordset_memo(s, n, w, set) == 0)
		return 0;
	attune_csv_bad(c, "%s '%s' holds a word not in the list", col,
	    attune_safe_value(q, sizeof q, s, n));
	return -1;
}

/* A who as attune_who_valid sees it, in a row the reader has checked as
 * UTF-8 already. */
static const char *
read_who(struct attune_csv *c, const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return "me";
	for (i = 0; i < n && i <= 4 * WHO_MAX; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			break;
	if (i != n || n > 4 * WHO_MAX || (n > WHO_MAX && chars(s, n) > WHO_MAX)) {
		attune_csv_bad(c, "who is not a usable name");
		return NULL;
	}
	return s;
}

/*
 * The next good check-in: 1, or 0 at the end, or -1 if the log cannot be
 * read (or, under --strict, holds a bad row).  Strings point into the
 * reader and last until the next call.  This runs for every row of every
 * log a report reads, so it takes the row's columns in one call.
 */
int
attune_checkin_read(struct attune_csv *c, struct attune_checkin *ci)
{
	const char *v[ATTUNE_C_NCOLS];
	size_t n[ATTUNE_C_NCOLS];
	char q[ATTUNE_VALUE];
	int r, k, any;

	for (;;) {
		if ((r = attune_csv_next(c)) <= 0)
			return r;
		if (need_column(c, ATTUNE_C_TS, "timestamp") < 0)
			return -1;
		attune_csv_getn(c, ATTUNE_C_NCOLS, v, n);
		if (read_time(c, v[ATTUNE_C_TS], n[ATTUNE_C_TS], &ci->ts) < 0 ||
		    (ci->who = read_who(c, v[ATTUNE_C_WHO],
		    n[ATTUNE_C_WHO])) == NULL)
			goto bad;
		any = 0;
		for (k = 0; k < ATTUNE_NMEASURES; k++) {
			ci->v[k] = value(v[ATTUNE_C_MOOD + k],
			    n[ATTUNE_C_MOOD + k], attune_measures[k].max,
			    attune_measures[k].tenths);
			if (ci->v[k] == -2) {
				attune_csv_bad(c, "%s '%s' is not a number "
				    "from 0 to %d", attune_measures[k].name,
				    attune_safe_value(q, 32,
				    v[ATTUNE_C_MOOD + k], n[ATTUNE_C_MOOD + k]),
				    attune_measures[k].tenths ?
				    attune_measures[k].max / 10 :
				    attune_measures[k].max);
				goto bad;
			}
			any |= ci->v[k] >= 0;
		}
		if (read_words(c, "did", v[ATTUNE_C_DID], n[ATTUNE_C_DID],
		    attune_did_words, &ci->did) < 0 || read_words(c, "flags",
		    v[ATTUNE_C_FLAGS], n[ATTUNE_C_FLAGS], attune_flag_words,
		    &ci->flags) < 0)
			goto bad;
		ci->note = v[ATTUNE_C_NOTE];
		ci->notelen = n[ATTUNE_C_NOTE];
		if (!any && ci->did == 0 && ci->flags == 0 && ci->notelen == 0) {
			attune_csv_bad(c, "the row holds no answers");
			goto bad;
		}
		return 1;
bad:
		;	/* under --strict, the next attune_csv_next fails */
	}
}

/* The next good screen, as attune_checkin_read. */
int
attune_screen_read(struct attune_csv *c, struct attune_screen *sc)
{
	size_t n;
	const char *s;
	char q[ATTUNE_VALUE];
	int r, v;

	for (;;) {
		if ((r = attune_csv_next(c)) <= 0)
			return r;
		if (need_column(c, ATTUNE_S_TS, "timestamp") < 0 ||
		    need_column(c, ATTUNE_S_INSTR, "instrument") < 0)
			return -1;
		s = attune_csv_get(c, ATTUNE_S_TS, &n);
		if (read_time(c, s, n, &sc->ts) < 0)
			continue;
		s = attune_csv_get(c, ATTUNE_S_WHO, &n);
		if ((sc->who = read_who(c, s, n)) == NULL)
			continue;
		sc->instrument = attune_csv_get(c, ATTUNE_S_INSTR, &n);
		if (n == 0) {
			attune_csv_bad(c, "instrument is empty");
			continue;
		}
		s = attune_csv_get(c, ATTUNE_S_TOTAL, &n);
		if ((v = value(s, n, 1000, 0)) < 0) {
			attune_csv_bad(c, "total '%s' is not a whole number",
			    attune_safe_value(q, 32, s, n));
			continue;
		}
		sc->total = v;
		sc->band = attune_csv_get(c, ATTUNE_S_BAND, NULL);
		sc->subscales = attune_csv_get(c, ATTUNE_S_SUB, NULL);
		sc->flags = attune_csv_get(c, ATTUNE_S_FLAGS, NULL);
		sc->answers = attune_csv_get(c, ATTUNE_S_ANSWERS, NULL);
		return 1;
	}
}

/* Whether two names are one person's: alike but for case and the spaces
 * around them, as a spreadsheet or a tired hand may write them. */
int
attune_who_same(const char *a, const char *b)
{
	size_t na, nb;

	while (*a == ' ')
		a++;
	while (*b == ' ')
		b++;
	for (na = strlen(a); na > 0 && a[na - 1] == ' '; na--)
		;
	for (nb = strlen(b); nb > 0 && b[nb - 1] == ' '; nb--)
		;
	return na == nb && strncasecmp(a, b, na) == 0;
}

/*
 * Rows for a log whose header names its columns in another order, or
 * holds others (a spreadsheet may save it so): rows, built in the order of
 * cols (the contract's), go into out in the order of names (the log's
 * header), a column the log has and attune does not left empty.  A column
 * the rows fill that the log lacks, or a log whose columns are separated
 * by ';', is refused: -1, said why.  The timestamp is always needed.
 */
int
attune_rows_by_header(struct attune_buf *out, const char *path,
    const char *const *cols, char *const *names, const char *rows, size_t n)
{
	struct attune_buf missing = { 0 }, found = { 0 };
	struct attune_rows rs;
	struct attune_row *row;
	int *from, nw, nn, i, j, nmiss = 0, rc = -1;
	size_t r;
	unsigned long long need = 0;

	if (names[0] != NULL && names[1] == NULL &&
	    strchr(names[0], ';') != NULL) {
		attune_warnx("%s: its columns are separated by ';', not ',' "
		    "(as some spreadsheets save), so nothing was added; save "
		    "it as CSV with commas, then try again", path);
		return -1;
	}
	for (nw = 0; cols[nw] != NULL; nw++)
		;
	for (nn = 0; names[nn] != NULL; nn++)
		;
	attune_csv_rows(&rs, rows, n);
	/* from[k]: the log's column for the contract's k-th, or -1. */
	from = attune_xcalloc(nw + 1, sizeof *from);
	for (i = 0; i < nw; i++) {
		from[i] = -1;
		for (j = 0; j < nn && from[i] < 0; j++)
			if (strcasecmp(names[j], cols[i]) == 0)
				from[i] = j;
		if (i == 0)
			need |= 1;
		for (r = 0; r < rs.n; r++)
			if (i < rs.r[r].nf && rs.r[r].f[i][0] != '\0' && i < 64)
				need |= 1ULL << i;
	}
	for (i = 0; i < nw && i < 64; i++)
		if (from[i] < 0 && (need & (1ULL << i)))
			nmiss++;
	for (i = 0, j = 0; i < nw && i < 64; i++)
		if (from[i] < 0 && (need & (1ULL << i))) {
			attune_buf_printf(&missing, "%s'%s'", j == 0 ? "" :
			    j == nmiss - 1 ? " and " : ", ", cols[i]);
			j++;
		}
	if (nmiss > 0) {
		for (j = 0; j < nn && j < 12; j++)
			attune_buf_printf(&found, "%s%s", j ? "," : "",
			    names[j]);
		if (nn > 12)
			attune_buf_str(&found, ",...");
		attune_warnx("%s: its first row names the columns '%s', "
		    "without %s, so nothing was added; put %s back in the "
		    "first row (attune-log(5) lists the names), then try "
		    "again", path, found.s != NULL ? found.s : "", missing.s,
		    nmiss > 1 ? "those columns" : "that column");
		goto out;
	}
	for (r = 0; r < rs.n; r++) {
		if ((row = &rs.r[r])->nf == 0)
			continue;	/* a blank line */
		for (j = 0; j < nn; j++) {
			const char *v = "";

			for (i = 0; i < nw && i < row->nf; i++)
				if (from[i] == j) {
					v = row->f[i];
					break;
				}
			attune_csv_field(out, v, strlen(v), j == 0);
		}
		attune_buf_add(out, "\n", 1);
	}
	rc = 0;
out:
	attune_rows_free(&rs);
	free(from);
	attune_buf_free(&missing);
	attune_buf_free(&found);
	return rc;
}
