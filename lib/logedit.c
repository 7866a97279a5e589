/*
 * attune-log edit's library side: a check-in's values checked as attune
 * checkin checks them and written as attune writes them, and the new row
 * built in the log's own column order (lib/edit.c changes it in the log).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"

/* What edit sets, by the log's column names; NULL: left as it is. */
static const char *const editable[] = { "timestamp", "who", "mood", "bond",
	"anxiety", "numb", "sleep", "did", "flags", "note", NULL };
const char *const *const attune_edit_cols = editable;

/* Check a value for a check-in column as attune checkin does, and write
 * it as attune writes it into out: NULL, or what is wrong. */
static const char *
attune_edit_value(const char *col, const char *val, struct attune_buf *out,
    unsigned *flags)
{
	static char why[400];
	struct attune_time t;
	const char *bad;
	size_t n = strlen(val), badlen;
	unsigned set = 0;
	int k, v, i;

	out->len = 0;
	attune_buf_add(out, "", 0);
	if (strcmp(col, "timestamp") == 0) {
		if (attune_time_iso(val, n, &t) < 0 || t.sec < 0)
			return "is not an ISO 8601 time like "
			    "2026-11-22T21:04:00+00:00";
		attune_buf_str(out, val);
		return NULL;
	}
	if (strcmp(col, "who") == 0) {
		if ((bad = attune_who_why(val, n)) != NULL)
			return bad;
		attune_buf_str(out, val);
		return NULL;
	}
	if (strcmp(col, "note") == 0) {
		if (!attune_utf8_valid(val, n))
			return "is not valid UTF-8 text";
		attune_buf_str(out, val);
		return NULL;
	}
	if (n == 0)
		return NULL;	/* not answered */
	for (k = 0; k < ATTUNE_NMEASURES; k++) {
		if (strcmp(col, attune_measures[k].name) != 0)
			continue;
		/* "3.0" as a spreadsheet saves 3 is read as 3, as readers do */
		if (!attune_measures[k].tenths && attune_parse_int(val, 0,
		    attune_measures[k].max, &v) < 0 && attune_parse_tenths(val,
		    0, attune_measures[k].max * 10, &v) == 0 && v % 10 == 0)
			val = (snprintf(why, sizeof why, "%d", v / 10), why);
		if (attune_measures[k].tenths ?
		    attune_parse_tenths(val, 0, attune_measures[k].max, &v) :
		    attune_parse_int(val, 0, attune_measures[k].max, &v)) {
			snprintf(why, sizeof why, "is not a number from 0 to "
			    "%d%s", attune_measures[k].max /
			    (attune_measures[k].tenths ? 10 : 1),
			    attune_measures[k].tenths ? ", with at most one "
			    "decimal" : "");
			return why;
		}
		attune_measure_put(out, k, v);
		return NULL;
	}
	if (strcmp(col, "did") == 0 || strcmp(col, "flags") == 0) {
		const char *const *w = col[0] == 'd' ? attune_did_words :
		    attune_flag_words;

		if (attune_parse_words(val, w, &set, &bad, &badlen) < 0) {
			char word[64];
			const char *near;
			struct attune_buf l = { 0 };

			snprintf(word, sizeof word, "%.*s", badlen > 40 ? 40 :
			    (int)badlen, bad);
			for (i = 0; w[i] != NULL; i++)
				attune_buf_printf(&l, "%s%s", i ? ", " : "", w[i]);
			near = attune_suggest(word, w);
			snprintf(why, sizeof why, "holds '%s', not one of the "
			    "words%s%s%s; choose from %s", word, near ?
			    " (did you mean '" : "", near ? near : "", near ?
			    "'?)" : "", l.s);
			attune_buf_free(&l);
			return why;
		}
		for (i = 0, k = 0; w[i] != NULL; i++)
			if (set & (1u << i))
				attune_buf_printf(out, "%s%s", k++ ? ";" : "",
				    w[i]);
		if (col[0] == 'f')
			*flags = set;
		return NULL;
	}
	attune_buf_str(out, val);
	return NULL;
}

/*
 * The row with the values set, in the log's own column order (columns
 * attune does not know kept as they are): 0, or -1 with what is wrong in
 * why, naming the value.  A column edit needs that the log lacks is
 * refused.
 */
int
attune_edit_row(const struct attune_rows *rs, size_t i,
    const char *const *vals, struct attune_buf *row, unsigned *flags,
    const char *where, char *why, size_t size)
{
	const struct attune_row *r = &rs->r[i], *h = &rs->r[rs->header];
	struct attune_buf v = { 0 };
	const char *bad, *val;
	int k, j, c, answered = 0, rc = -1;

	for (j = 0; editable[j] != NULL; j++)
		if (vals[j] != NULL && attune_rows_col(rs, editable[j]) < 0) {
			snprintf(why, size, "%shas no '%s' column to change",
			    where, editable[j]);
			return -1;
		}
	row->len = 0;
	*flags = 0;
	for (k = 0; k < h->nf; k++) {
		val = r->f[k];
		for (j = 0; editable[j] != NULL; j++)
			if (strcmp(h->f[k], editable[j]) == 0 && vals[j] != NULL)
				val = vals[j];
		if (val == r->f[k] && strcmp(h->f[k], "flags") != 0) {
			/* Not changed: kept as it is. */
			for (c = 2; c < 10; c++)
				if (strcmp(h->f[k], editable[c]) == 0 &&
				    r->fl[k] > 0)
					answered = 1;
			attune_csv_field(row, val, r->fl[k], k == 0);
			continue;
		}
		v.len = 0;
		if ((bad = attune_edit_value(h->f[k], val, &v, flags)) != NULL) {
			snprintf(why, size, "%s%s: '%.60s' %s", where, h->f[k],
			    val, bad);
			goto out;
		}
		for (c = 2; c < 10; c++)
			if (strcmp(h->f[k], editable[c]) == 0 && v.len > 0)
				answered = 1;
		attune_csv_field(row, v.s, v.len, k == 0);
	}
	attune_buf_add(row, "\n", 1);
	if (!answered) {
		snprintf(why, size, "%sthat would leave the entry with no "
		    "answers; to take it away use --undo, or keep one answer",
		    where);
		goto out;
	}
	rc = 0;
out:
	attune_buf_free(&v);
	return rc;
}
