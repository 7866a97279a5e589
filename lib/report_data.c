/*
 * report_data.c: attune report for scripts and spreadsheets, as CSV (the
 * columns of attune-report(1), one row per period and person) and JSON.
 * A name is written as attune_csv_cell writes it, so that a name such as
 * "=HYPERLINK(...)" is text, not a formula, in a spreadsheet.
 */
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"

const char *const attune_report_csv_cols[] = {
	"period_start", "period_end", "who", "checkins", "days",
	"mood_mean", "mood_min", "mood_max", "bond_mean", "bond_min",
	"bond_max", "anxiety_mean", "anxiety_min", "anxiety_max",
	"numb_mean", "numb_min", "numb_max", "sleep_mean", "sleep_min",
	"sleep_max", "flags", "screens", "reach_out", NULL
};

static void
rules(struct attune_buf *b, unsigned set, const char *sep, const char *q)
{
	int r, n = 0;

	for (r = 0; r < ATTUNE_NRULES; r++)
		if (set & (1u << r))
			attune_buf_printf(b, "%s%s%s%s", n++ ? sep : "", q,
			    attune_rule_ids[r], q);
}

/* One row of the CSV report, for one period and person. */
void
attune_report_csv_row(struct attune_buf *b, const struct attune_rsum *s)
{
	char date[16];
	double mean;
	int k;

	attune_date_format(s->start, date);
	attune_buf_printf(b, "%s,", date);
	attune_date_format(s->end, date);
	attune_buf_printf(b, "%s", date);
	attune_csv_cell(b, s->p->who, strlen(s->p->who), 0);
	attune_buf_printf(b, ",%u,%u", s->checkins, s->days);
	for (k = 0; k < ATTUNE_NMEASURES; k++) {
		attune_buf_add(b, ",", 1);
		if (attune_rstat_mean(&s->m[k], k, &mean))
			attune_buf_printf(b, "%.2f", mean);
		attune_buf_add(b, ",", 1);
		if (s->m[k].n > 0)
			attune_measure_put(b, k, s->m[k].min);
		attune_buf_add(b, ",", 1);
		if (s->m[k].n > 0)
			attune_measure_put(b, k, s->m[k].max);
	}
	attune_buf_printf(b, ",%u,%u,", s->flagged, s->screens);
	rules(b, s->rules, ";", "");
	attune_buf_add(b, "\n", 1);
}

static void
note_join(void *arg, const struct attune_rnote *n)
{
	struct attune_buf *b = arg;
	char date[16];

	attune_date_format(n->day, date);
	attune_buf_printf(b, "%s%s: ", b->len ? " | " : "", date);
	attune_buf_str(b, n->text);
}

/* With --notes, the period's notes as one more column: "DATE: text",
 * joined by " | ". */
void
attune_report_csv_notes(struct attune_buf *b, const struct attune_rsum *s)
{
	struct attune_buf n = { 0 };

	if (b->len > 0 && b->s[b->len - 1] == '\n')
		b->len--;
	attune_report_notes(s, 1, note_join, &n);
	attune_csv_cell(b, n.s != NULL ? n.s : "", n.len, 0);
	attune_buf_add(b, "\n", 1);
	attune_buf_free(&n);
}

/* A JSON string, quoted, with everything that needs it escaped. */
void
attune_json_put(FILE *f, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	fputc('"', f);
	for (i = 0; i < n; i++) {
		if (p[i] == '"' || p[i] == '\\')
			fprintf(f, "\\%c", p[i]);
		else if (p[i] == '\n')
			fputs("\\n", f);
		else if (p[i] == '\t')
			fputs("\\t", f);
		else if (p[i] < 0x20 || p[i] == 0x7f)
			fprintf(f, "\\u%04x", p[i]);
		else if (p[i] == '<')	/* safe inside a <script> too */
			fputs("\\u003c", f);
		else
			fputc(p[i], f);
	}
	fputc('"', f);
}

static void
jstr(FILE *f, const char *s)
{
	attune_json_put(f, s, strlen(s));
}

static void
jdate(FILE *f, int64_t day)
{
	char date[16];

	attune_date_format(day, date);
	fprintf(f, "\"%s\"", date);
}

static void
jmeasures(FILE *f, const struct attune_rsum *s)
{
	double mean, prev;
	int k;

	fputs("\"measures\":{", f);
	for (k = 0; k < ATTUNE_NMEASURES; k++) {
		int tenths = attune_measures[k].tenths;

		fprintf(f, "%s\"%s\":{", k ? "," : "", attune_measures[k].name);
		if (!attune_rstat_mean(&s->m[k], k, &mean)) {
			fputs("\"count\":0,\"mean\":null,\"min\":null,"
			    "\"max\":null,\"change\":null,\"direction\":null}", f);
			continue;
		}
		fprintf(f, "\"count\":%u,\"mean\":%.2f,", s->m[k].n, mean);
		if (tenths)
			fprintf(f, "\"min\":%.1f,\"max\":%.1f,",
			    s->m[k].min / 10.0, s->m[k].max / 10.0);
		else
			fprintf(f, "\"min\":%d,\"max\":%d,", s->m[k].min,
			    s->m[k].max);
		if (attune_rstat_mean(&s->prev[k], k, &prev))
			fprintf(f, "\"change\":%.2f,\"direction\":\"%s\"}",
			    mean - prev, attune_report_direction(k,
			    mean - prev));
		else
			fputs("\"change\":null,\"direction\":null}", f);
	}
	fputs("},", f);
}

static void
jmoments(FILE *f, const struct attune_rsum *s)
{
	uint32_t ndays;
	double with, without;
	int w, n = 0;

	fputs("\"moments\":[", f);
	for (w = 0; attune_did_words[w] != NULL; w++) {
		int cmp = attune_report_moment(s, w, &ndays, &with, &without);

		if (ndays == 0)
			continue;
		fprintf(f, "%s{\"name\":\"%s\",\"days\":%u,", n++ ? "," : "",
		    attune_did_words[w], ndays);
		if (cmp)
			fprintf(f, "\"bond_with\":%.2f,\"bond_without\":%.2f}",
			    with, without);
		else
			fputs("\"bond_with\":null,\"bond_without\":null}", f);
	}
	fputs("],", f);
}

static void
jflags(FILE *f, const struct attune_rsum *s)
{
	const struct attune_rday *d;
	int64_t day;
	int w, n = 0, m;

	fputs("\"flag_days\":[", f);
	for (day = s->start; day <= s->end; day++) {
		if ((d = attune_report_day(s->p, day)) == NULL || !d->flags)
			continue;
		fprintf(f, "%s{\"date\":", n++ ? "," : "");
		jdate(f, day);
		fputs(",\"flags\":[", f);
		for (w = 0, m = 0; attune_flag_words[w] != NULL; w++)
			if (d->flags & (1u << w))
				fprintf(f, "%s\"%s\"", m++ ? "," : "",
				    attune_flag_words[w]);
		fputs("]}", f);
	}
	fputs("],", f);
}

struct jnote {
	FILE	*f;
	int	 n;
};

static void
jnote(void *arg, const struct attune_rnote *n)
{
	struct jnote *j = arg;
	char date[16];

	attune_date_format(n->day, date);
	fprintf(j->f, "%s{\"date\":\"%s\",\"time\":\"%02d:%02d\",\"text\":",
	    j->n++ ? "," : "", date, (int)(n->sec / 3600),
	    (int)(n->sec / 60 % 60));
	jstr(j->f, n->text);
	fputs("}", j->f);
}

/* The notes of the days that matter, or with --notes every one. */
static void
jnotes(FILE *f, const struct attune_rsum *s, int all)
{
	struct jnote j = { f, 0 };

	fputs("\"notes\":[", f);
	attune_report_notes(s, all, jnote, &j);
	fputs("],", f);
}

static void
jscreens(FILE *f, const struct attune_rsum *s)
{
	const struct attune_rscreen *sc, *prev;
	size_t i;
	int n = 0;

	fputs("\"screen_list\":[", f);
	for (i = 0; i < s->p->nsc; i++) {
		sc = &s->p->sc[i];
		if (sc->day < s->start || sc->day > s->end)
			continue;
		fprintf(f, "%s{\"date\":", n++ ? "," : "");
		jdate(f, sc->day);
		fputs(",\"instrument\":", f);
		jstr(f, sc->instrument);
		fprintf(f, ",\"total\":%d,\"band\":", sc->total);
		jstr(f, sc->band);
		fputs(",\"subscales\":", f);
		jstr(f, sc->subscales);
		fprintf(f, ",\"safety\":%s,\"positive\":%s,\"change\":",
		    sc->safety ? "true" : "false",
		    sc->positive ? "true" : "false");
		if ((prev = attune_report_prev_screen(s->p, i)) != NULL)
			fprintf(f, "%d}", sc->total - prev->total);
		else
			fputs("null}", f);
	}
	fputs("],", f);
}

void
attune_report_json(FILE *f, const struct attune_rview *v)
{
	static const char *const bys[] = { "none", "day", "week", "month" };
	static const char *const line[] = { "{\"region\":", ",\"service\":",
	    ",\"number\":", ",\"hours\":", "}", "," };
	struct attune_buf b = { 0 };
	const struct attune_rsum *s;
	size_t i, shown;
	int j;

	fputs("{\"from\":", f);
	jdate(f, v->from);
	fputs(",\"to\":", f);
	jdate(f, v->to);
	fprintf(f, ",\"by\":\"%s\",\"reach_out\":[", bys[v->by]);
	rules(&b, v->rules, ",", "\"");
	if (b.len > 0)
		fwrite(b.s, 1, b.len, f);
	attune_buf_free(&b);
	fputs("],\"crisis\":[", f);
	if (v->rules & (1u << ATTUNE_RULE_URGENT))
		attune_lines_put(f, v->region, line, attune_json_put);
	fputs("],", f);
	if (v->nperiods == 0) {
		fputs("\"message\":", f);
		jstr(f, attune_report_empty);
		fputs(",", f);
	}
	fputs("\"periods\":[", f);
	for (i = 0, shown = 0; i < v->nperiods * v->npeople; i++) {
		s = &v->s[i];
		if (s->hide)
			continue;
		fprintf(f, "%s\n{\"start\":", shown++ ? "," : "");
		jdate(f, s->start);
		fputs(",\"end\":", f);
		jdate(f, s->end);
		fputs(",\"who\":", f);
		jstr(f, s->p->who);
		fprintf(f, ",\"checkins\":%u,\"days\":%u,\"flags\":%u,"
		    "\"screens\":%u,", s->checkins, s->days, s->flagged,
		    s->screens);
		jmeasures(f, s);
		jmoments(f, s);
		jflags(f, s);
		jscreens(f, s);
		jnotes(f, s, v->allnotes);
		fputs("\"reach_out\":[", f);
		for (j = 0; j < s->nwhy; j++) {
			fprintf(f, "%s{\"rule\":\"%s\",\"text\":", j ? "," : "",
			    attune_rule_ids[s->why[j].rule]);
			jstr(f, s->why[j].text);
			fputs("}", f);
		}
		fputs("]}", f);
	}
	fputs("]}\n", f);
}
