/*
 * report_html.c: attune report as one self-contained HTML file, to print
 * on A4 or hand to a midwife or doctor: no external CSS, scripts or
 * fonts, an inline SVG line chart per measure, the screens in a table,
 * and the reach-out section (crisis lines first when they are needed).
 * Everything taken from a log is escaped, so a log cannot add markup.
 */
#include <stdlib.h>
#include <string.h>

#include "attune.h"

static const char style[] =
    "@page{size:A4;margin:14mm}\n"
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,"
    "'DejaVu Sans',Arial,sans-serif;color:#1f2933;max-width:182mm;"
    "margin:0 auto;padding:8px 12px;line-height:1.4;font-size:11pt}\n"
    "h1{font-size:18pt;margin:0 0 2px}h2{font-size:14pt;margin:18px 0 6px;"
    "border-bottom:2px solid #d9e2ec;padding-bottom:2px}"
    "h3{font-size:12pt;margin:12px 0 4px}\n"
    ".sub{color:#52606d;margin:0 0 10px}\n"
    "table{border-collapse:collapse;width:100%;margin:4px 0 10px}"
    "th,td{text-align:left;padding:3px 6px;border-bottom:1px solid #d9e2ec;"
    "vertical-align:top}th{background:#f0f4f8;font-weight:600}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "td.d{white-space:nowrap}\n"
    ".small{font-size:9pt;color:#52606d}\n"
    ".crisis{border:2px solid #b44;background:#fff5f5;padding:8px 12px;"
    "margin:8px 0 12px;border-radius:6px}\n"
    ".reach{border-left:5px solid #d69e2e;background:#fffbea;"
    "padding:6px 12px;margin:8px 0 12px}\n"
    ".reach li,.crisis li{margin:3px 0}\n"
    ".charts{display:grid;grid-template-columns:1fr 1fr;gap:6px 14px}"
    ".charts svg{width:100%;height:auto}\n"
    "section,figure,.charts,table{break-inside:avoid}"
    "figure{margin:0}\n"
    "footer{margin-top:16px;color:#52606d;font-size:9pt}\n"
    "@media print{body{padding:0}h2{break-after:avoid}}\n";

void
attune_html_put(FILE *f, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	char esc[ATTUNE_ESC];
	size_t i, k;

	for (i = 0; i < n; i += k) {
		/* A control character, a byte that is not UTF-8, or one that
		 * is invisible or reorders the text (U+202E) is shown as its
		 * escape, in words a reader can see. */
		k = attune_safe_char(s, n, i, esc);
		if (esc[0] != '\0') {
			attune_html_put(f, esc, strlen(esc));
			continue;
		}
		switch (p[i]) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			fwrite(p + i, 1, k, f);
		}
	}
}

static void
hs(FILE *f, const char *s)
{
	attune_html_put(f, s, strlen(s));
}

static void
crisis(FILE *f, const char *region)
{
	const struct attune_line *l;
	int shown = 0;

	fputs("<div class=\"crisis\" role=\"alert\"><h2 style=\"border:0;"
	    "margin-top:4px\">Please reach out now</h2>\n<p>If you are in "
	    "danger, or you are thinking about hurting yourself or your baby, "
	    "please reach out now. You deserve support straight away, and "
	    "you are not alone.</p>\n<ul>\n", f);
	for (l = attune_lines; l->region != NULL; l++) {
		if (region != NULL && strcmp(region, l->region) != 0)
			continue;
		fprintf(f, "<li><strong>%s</strong> ", l->region);
		hs(f, l->service);
		fputs(": <strong>", f);
		hs(f, l->number);
		fputs("</strong> (", f);
		hs(f, l->hours);
		fputs(")</li>\n", f);
		shown++;
	}
	if (!shown)
		fputs("<li>Please call your local emergency number, or go to "
		    "the nearest emergency department, now.</li>\n", f);
	fprintf(f, "</ul>\n<p class=\"small\">These numbers were last "
	    "checked %s.%s</p></div>\n", ATTUNE_LINES_CHECKED, region == NULL ?
	    " Somewhere else? Call your local emergency number." : "");
}

static void
reach_out(FILE *f, const struct attune_rview *v)
{
	const struct attune_rsum *s;
	char label[96];
	size_t i;
	int j, pass;

	fputs("<div class=\"reach\"><h2 style=\"border:0\">Reach out</h2>\n"
	    "<p>Some of what was logged suggests talking with someone: your "
	    "midwife, health visitor, doctor or nurse, or someone you trust. "
	    "This is not a diagnosis, and feeling this way is not a failure "
	    "of love. Asking for help is a caring step. If you notice "
	    "confusion, nights without sleep, or hearing or believing things "
	    "that frighten you, get help the same day.</p>\n<ul>\n", f);
	/* Anything urgent first, then the rest. */
	for (pass = 0; pass < 2; pass++)
	for (i = 0; i < v->nperiods * v->npeople; i++) {
		s = &v->s[i];
		for (j = 0; j < s->nwhy; j++) {
			if ((s->why[j].rule == ATTUNE_RULE_URGENT) != !pass)
				continue;
			fprintf(f, "<li><strong>%s</strong>",
			    attune_rule_names[s->why[j].rule]);
			if (v->npeople > 1 || v->nperiods > 1) {
				attune_report_label(label, sizeof label,
				    s->start, s->end);
				fputs(" (", f);
				hs(f, s->p->who);
				fprintf(f, ", %s)", label);
			}
			fputs(": ", f);
			hs(f, s->why[j].text);
			fputs("</li>\n", f);
		}
	}
	fputs("</ul></div>\n", f);
}

/*
 * A line chart of measure k for p from start to end: one point a day for
 * up to 92 days, else one for each stretch of days.  The line joins the
 * days logged; the dots show which they are.
 */
static void
chart(FILE *f, const struct attune_rperson *p, int k, int64_t start,
    int64_t end)
{
	const struct attune_measure *m = &attune_measures[k];
	const int W = 320, H = 130, L = 28, R = 8, T = 22, B = 22;
	int64_t len = end - start + 1, step = (len + 91) / 92, s, d;
	int npts = (int)((len + step - 1) / step), i = 0, pen = 0;
	double top = m->tenths ? 12 : 10, x, y;
	const struct attune_rday *day;
	char a[16], b[16];

	const char *scale = m->tenths ? "hours, 0 to 12" : m->better > 0 ?
	    "0 low to 10 high" : "0 none to 10 most";

	fprintf(f, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s over time\">"
	    "<title>%s, %s</title>\n", W, H, m->name, m->name, scale);
	fprintf(f, "<text x=\"%d\" y=\"14\" font-size=\"12\" "
	    "font-weight=\"600\" fill=\"#1f2933\">%s</text>", L, m->name);
	fprintf(f, "<text x=\"%d\" y=\"14\" font-size=\"9\" fill=\"#52606d\" "
	    "text-anchor=\"end\">%s</text>\n", W - R, scale);
	for (i = 0; i <= 2; i++) {
		y = T + (H - T - B) * (1 - i / 2.0);
		fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"#d9e2ec\" stroke-width=\"1\"/><text x=\"%d\" "
		    "y=\"%.1f\" font-size=\"9\" fill=\"#52606d\" "
		    "text-anchor=\"end\">%g</text>\n", L, W - R, y, y, L - 4,
		    y + 3, top * i / 2);
	}
	attune_date_format(start, a);
	attune_date_format(end, b);
	fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#52606d\">"
	    "%s</text><text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#52606d\" "
	    "text-anchor=\"end\">%s</text>\n", L, H - 6, a, W - R, H - 6, b);
	fputs("<path fill=\"none\" stroke=\"#2a6f97\" stroke-width=\"2\" "
	    "stroke-linejoin=\"round\" d=\"", f);
	for (s = start, i = 0; s <= end; s += step, i++) {
		struct attune_rstat t = { 0 };

		for (d = s; d < s + step && d <= end; d++)
			if ((day = attune_report_day(p, d)) != NULL) {
				t.sum += day->m[k].sum;
				t.n += day->m[k].n;
			}
		if (t.n == 0)
			continue;	/* the line joins the days around a gap */
		x = L + (npts > 1 ? (double)(W - L - R) * i / (npts - 1) :
		    (W - L - R) / 2.0);
		y = (double)t.sum / t.n / (m->tenths ? 10 : 1);
		if (y > top)
			y = top;
		y = T + (H - T - B) * (1 - y / top);
		fprintf(f, "%s%.1f %.1f ", pen ? "L" : "M", x, y);
		pen = 1;
	}
	fputs("\"/>\n", f);
	/* Dots, so a single day still shows. */
	for (s = start, i = 0; s <= end; s += step, i++) {
		struct attune_rstat t = { 0 };

		for (d = s; d < s + step && d <= end; d++)
			if ((day = attune_report_day(p, d)) != NULL) {
				t.sum += day->m[k].sum;
				t.n += day->m[k].n;
			}
		if (t.n == 0)
			continue;
		x = L + (npts > 1 ? (double)(W - L - R) * i / (npts - 1) :
		    (W - L - R) / 2.0);
		y = (double)t.sum / t.n / (m->tenths ? 10 : 1);
		if (y > top)
			y = top;
		y = T + (H - T - B) * (1 - y / top);
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\" "
		    "fill=\"#2a6f97\"/>", x, y);
	}
	fputs("\n</svg></figure>\n", f);
}

/* A period, short: "2026-W47" or "November 2026" over its dates. */
static void
period_cell(FILE *f, int64_t start, int64_t end)
{
	char label[96], a[16], b[16], *comma;

	attune_report_label(label, sizeof label, start, end);
	attune_date_format(start, a);
	attune_date_format(end, b);
	if ((comma = strchr(label, ',')) != NULL) {
		*comma = '\0';
		fprintf(f, "<tr><td class=\"d\"><strong>%s</strong><br><span "
		    "class=\"small\">%s to %s</span></td>", strncmp(label,
		    "week ", 5) == 0 ? label + 5 : label, a, b);
	} else if (start == end)
		fprintf(f, "<tr><td class=\"d\">%s</td>", a);
	else
		fprintf(f, "<tr><td class=\"d\">%s<br>to %s</td>", a, b);
}

static void
cell(FILE *f, const struct attune_rsum *s, int k)
{
	struct attune_buf b = { 0 };
	double mean, prev;

	if (!attune_rstat_mean(&s->m[k], k, &mean)) {
		fputs("<td class=\"n\">&ndash;</td>", f);
		return;
	}
	attune_rstat_range(&b, &s->m[k], k);
	attune_buf_add(&b, "", 1);
	fprintf(f, "<td class=\"n\"><strong>%.1f</strong><br><span "
	    "class=\"small\">%s, n=%u", mean, b.s, s->m[k].n);
	if (attune_rstat_mean(&s->prev[k], k, &prev)) {
		char tmp[40];

		attune_report_change(tmp, sizeof tmp, k, mean - prev);
		fprintf(f, "<br>%s", tmp);
	}
	fputs("</span></td>", f);
	attune_buf_free(&b);
}

static void
person(FILE *f, const struct attune_rview *v, size_t who)
{
	const struct attune_rsum *s, *first = &v->s[who];
	const struct attune_rperson *p = first->p;
	const struct attune_rscreen *sc, *prev;
	const struct attune_rday *d;
	struct attune_rsum all;
	char tmp[40];
	uint32_t ndays;
	double with, without;
	int64_t from = first->start, to, day;
	size_t i;
	int k, w, n;

	to = v->s[(v->nperiods - 1) * v->npeople + who].end;
	attune_report_whole(p, from, to, &all);
	fputs("<section>\n<h2>", f);
	hs(f, p->who);
	fprintf(f, "</h2>\n<p class=\"sub\">%u check-in%s on %u day%s, "
	    "%u screen%s. Changes are against %s.</p>\n", all.checkins,
	    all.checkins == 1 ? "" : "s", all.days, all.days == 1 ? "" : "s",
	    all.screens, all.screens == 1 ? "" : "s", v->nperiods > 1 ?
	    "the period before each" : attune_report_before(from, to, tmp,
	    sizeof tmp));
	fputs("<table><thead><tr><th>Period</th><th>Check-ins</th>", f);
	for (k = 0; k < ATTUNE_NMEASURES; k++)
		fprintf(f, "<th>%s</th>", attune_measures[k].name);
	fputs("</tr></thead><tbody>\n", f);
	for (i = 0; i < v->nperiods; i++) {
		s = &v->s[i * v->npeople + who];
		period_cell(f, s->start, s->end);
		fprintf(f, "<td class=\"n\">%u</td>", s->checkins);
		for (k = 0; k < ATTUNE_NMEASURES; k++)
			cell(f, s, k);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
	if (all.checkins > 0) {
		fputs("<div class=\"charts\">\n", f);
		for (k = 0; k < ATTUNE_NMEASURES; k++)
			chart(f, p, k, from, to);
		fputs("</div>\n", f);
	}
	for (w = 0, n = 0; attune_did_words[w] != NULL; w++) {
		int cmp = attune_report_moment(&all, w, &ndays, &with,
		    &without);

		if (ndays == 0)
			continue;
		if (!n++)
			fputs("<h3>Bonding moments</h3>\n<table><thead><tr>"
			    "<th>Moment</th><th>Days</th><th>Mean bond on "
			    "days with it</th><th>Mean bond on days without"
			    "</th></tr></thead><tbody>\n", f);
		fprintf(f, "<tr><td>%s</td><td class=\"n\">%u</td>",
		    attune_did_words[w], ndays);
		if (cmp)
			fprintf(f, "<td class=\"n\">%.1f</td><td class=\"n\">"
			    "%.1f</td></tr>\n", with, without);
		else
			fputs("<td colspan=\"2\" class=\"small\">too few days "
			    "to compare (needs 3 with and 3 without)</td>"
			    "</tr>\n", f);
	}
	if (n)
		fputs("</tbody></table>\n", f);
	for (day = from, n = 0; day <= to; day++) {
		if ((d = attune_report_day(p, day)) == NULL || !d->flags)
			continue;
		if (!n++)
			fputs("<h3>Flags logged</h3>\n<ul>\n", f);
		attune_date_format(day, tmp);
		fprintf(f, "<li>%s: ", tmp);
		for (w = 0, k = 0; attune_flag_words[w] != NULL; w++)
			if (d->flags & (1u << w))
				fprintf(f, "%s%s", k++ ? ", " : "",
				    attune_flag_words[w]);
		fputs("</li>\n", f);
	}
	if (n)
		fputs("</ul>\n", f);
	for (i = 0, n = 0; i < p->nsc; i++) {
		sc = &p->sc[i];
		if (sc->day < from || sc->day > to)
			continue;
		if (!n++)
			fputs("<h3>Screens</h3>\n<table><thead><tr><th>Date</th>"
			    "<th>Questionnaire</th><th>Total</th><th>Band</th>"
			    "<th>Subscales</th><th>Change</th></tr></thead>"
			    "<tbody>\n", f);
		attune_date_format(sc->day, tmp);
		fprintf(f, "<tr><td class=\"d\">%s</td><td>", tmp);
		hs(f, sc->name != NULL ? sc->name : sc->instrument);
		fprintf(f, "</td><td class=\"n\">%d</td><td>", sc->total);
		hs(f, sc->band);
		fputs("</td><td>", f);
		for (k = 0; sc->subscales[k] != '\0'; k++) {
			attune_html_put(f, &sc->subscales[k], 1);
			if (sc->subscales[k] == ';')
				fputc(' ', f);	/* so a long list can wrap */
		}
		fputs("</td><td>", f);
		if ((prev = attune_report_prev_screen(p, i)) != NULL) {
			attune_date_format(prev->day, tmp);
			fprintf(f, "%+d since %s", sc->total - prev->total, tmp);
		} else
			fputs("first", f);
		fputs("</td></tr>\n", f);
	}
	if (n)
		fputs("</tbody></table>\n", f);
	fputs("</section>\n", f);
	attune_report_sum_free(&all);
}

void
attune_report_html(FILE *f, const struct attune_rview *v)
{
	char label[96], today[16];
	size_t i;

	if (v->nperiods > 0)
		attune_report_label(label, sizeof label, v->s[0].start,
		    v->s[(v->nperiods - 1) * v->npeople].end);
	else
		attune_report_label(label, sizeof label, v->from, v->to);
	attune_date_format(v->today, today);
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n"
	    "<title>attune report: %s</title>\n<style>\n%s</style>\n"
	    "</head>\n<body>\n", label, style);
	if (v->rules & (1u << ATTUNE_RULE_URGENT))
		crisis(f, v->region);
	fprintf(f, "<header><h1>attune report</h1>\n<p class=\"sub\">%s. "
	    "Made on %s from a personal log kept with attune.</p></header>\n",
	    label, today);
	if (v->nperiods == 0) {
		fputs("<p>", f);
		hs(f, attune_report_empty);
		fputs("</p>\n", f);
	} else {
		if (v->rules)
			reach_out(f, v);
		for (i = 0; i < v->npeople; i++)
			person(f, v, i);
	}
	fputs("<footer><p>Measures are self-rated from 0 to 10 (sleep in "
	    "hours). Mood and bond: higher is better; anxiety and numbness: "
	    "lower is better. A screen is not a diagnosis, and neither is "
	    "this report: it is a picture of what was logged, to help a "
	    "conversation. Bonding is a process, and it often grows with "
	    "time and support.</p></footer>\n</body>\n</html>\n", f);
}
