/*
 * report_html.c: attune report as one self-contained HTML file, a page or
 * two a person that a parent can hand to a midwife, health visitor or
 * doctor, printed on A4 or US Letter: no external CSS, scripts or fonts.
 * Page 1 says whose report it is, the period and the baby's age, then
 * what suggests reaching out (crisis lines first when they are needed),
 * the screens over time, and a small dated chart per measure; then the
 * bonding moments, the days that matter with their notes, and the means.
 * Everything taken from a log is escaped, so a log cannot add markup.
 */
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"

/*
 * Print: the content fits the narrower page (A4, 210 mm) and the shorter
 * (Letter, 279 mm) with 12 mm margins; each person starts a page; a table,
 * chart or list is never split; markers differ by shape, so a black and
 * white print reads the same.
 */
static const char style[] =
    "@page{size:A4;margin:12mm}\n"
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,"
    "'DejaVu Sans',Arial,sans-serif;color:#111;max-width:186mm;"
    "margin:0 auto;padding:8px 12px;line-height:1.3;font-size:9.5pt}\n"
    "h1{font-size:16pt;margin:0 0 2px}h2{font-size:11.5pt;margin:10px 0 4px;"
    "border-bottom:1.5px solid #888;padding-bottom:1px}"
    "h3{font-size:10pt;margin:8px 0 3px}\n"
    ".facts{margin:0 0 6px}.facts span{white-space:nowrap;margin-right:14px}"
    ".sub{color:#333;margin:0 0 6px}\n"
    "table{border-collapse:collapse;width:100%;margin:2px 0 6px}"
    "th,td{text-align:left;padding:1px 5px;border-bottom:1px solid #bbb;"
    "vertical-align:top}th{background:#eee;font-weight:600}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "td.d,td.n{white-space:nowrap}.scr td{font-size:8.5pt}\n"
    ".small{font-size:8pt;color:#333}\n"
    ".crisis{border:2.5px solid #000;background:#fff5f5;padding:4px 10px;"
    "margin:4px 0 8px;border-radius:4px}\n"
    ".reach{border-left:5px solid #555;background:#f6f6f6;"
    "padding:3px 10px;margin:6px 0 8px}\n"
    ".reach ul,.crisis ul,.days ul{margin:2px 0;padding-left:18px}"
    ".crisis ul{columns:2;column-gap:18px;font-size:8.5pt}"
    ".crisis li{break-inside:avoid}"
    ".reach li,.crisis li{margin:1px 0}\n"
    "figure{margin:0 0 1mm}figure svg{width:100%;height:auto;display:block}"
    ".legend{margin:0 0 4px}\n"
    "section.person+section.person{break-before:page}"
    "table,tr,figure,.crisis,.reach,.keep{break-inside:avoid}"
    "h2,h3{break-after:avoid}\n"
    "footer{margin-top:8px;color:#333;font-size:8pt}\n"
    "@media print{body{padding:0;max-width:none}}\n";

/* The characters that mean something to HTML, as their entities. */
static const char *const entity[128] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
	['\''] = "&#39;",
};

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
		if (p[i] < 128 && entity[p[i]] != NULL)
			fputs(entity[p[i]], f);
		else
			fwrite(p + i, 1, k, f);
	}
}

static void
hs(FILE *f, const char *s)
{
	attune_html_put(f, s, strlen(s));
}

static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* "28 Sep", for the charts' weekly ticks; "28 Sep 2026" with the year. */
static void
short_date(int64_t day, char buf[16], int year)
{
	int y, m, d;

	attune_civil_from_days(day, &y, &m, &d);
	if (year)
		snprintf(buf, 16, "%d %s %04d", d % 100, mon[(m - 1) % 12],
		    y % 10000);
	else
		snprintf(buf, 16, "%d %s", d % 100, mon[(m - 1) % 12]);
}

/* The rules that fired for person who, in any period. */
static unsigned
person_rules(const struct attune_rview *v, size_t who)
{
	unsigned rules = 0;
	size_t i;

	for (i = 0; i < v->nperiods; i++)
		rules |= v->s[i * v->npeople + who].rules;
	return rules;
}

/* Whether person who's page needs the crisis lines: the urgent rule fired
 * in a period, or harm came up after it, in the two weeks ending today. */
static int
urgent_for(const struct attune_rview *v, size_t who)
{
	return (person_rules(v, who) & (1u << ATTUNE_RULE_URGENT)) ||
	    (v->after != NULL && v->after[who]);
}

/* The crisis lines; whose names the people they are for, when the page
 * they stand on is not theirs alone (NULL: it is).  When they are for no
 * one reported (harm logged after the period by someone with nothing in
 * it), the box says that it came up after these days. */
static void
crisis(FILE *f, const char *region, const struct attune_rview *v,
    const char *whose)
{
	static const char *const line[] = { "<li><strong>", "</strong> ",
	    ": <strong>", "</strong> (", ")</li>\n", "" };
	size_t i;
	int shown = 0;

	fputs("<div class=\"crisis\" role=\"alert\"><h2 style=\"border:0;"
	    "margin-top:4px\">Please reach out now</h2>\n", f);
	for (i = 0; whose != NULL && i < v->npeople; i++)
		if (urgent_for(v, i)) {
			fputs(shown++ ? " and " : "<p><strong>This is for ", f);
			hs(f, v->s[i].p->who);
		}
	if (shown)
		fputs(": what was logged suggests reaching out now, and the "
		    "pages below say why.</strong></p>\n", f);
	else if (whose != NULL) {
		fputs("<p><strong>", f);
		hs(f, attune_urgent_after);
		fputs("</strong></p>\n", f);
	}
	fputs("<p>If you are in danger, or you are thinking about hurting "
	    "yourself or your baby, please reach out now. You deserve support "
	    "straight away, and you are not alone.</p>\n<ul>\n", f);
	if (attune_lines_put(f, region, line, attune_html_put) == 0)
		fputs("<li>Please call your local emergency number, or go to "
		    "the nearest emergency department, now.</li>\n", f);
	fprintf(f, "</ul>\n<p class=\"small\">These numbers were last "
	    "checked %s.%s</p></div>\n", ATTUNE_LINES_CHECKED, region == NULL ?
	    " Somewhere else? Call your local emergency number." : "");
}

/* What fired for person who, as the summary says it, in its order. */
static void
reach_out(FILE *f, const struct attune_rview *v, size_t who)
{
	const struct attune_rsum *s;
	char label[96];
	size_t i;
	int j;

	fputs("<div class=\"reach\"><h2 style=\"border:0;margin-top:2px\">"
	    "Reach out</h2>\n", f);
	if (!person_rules(v, who)) {
		fputs("<p>None of attune's reach-out rules fired in this "
		    "period. If something still feels wrong, that matters all "
		    "the same, and it is fine to talk about it.</p>\n", f);
		if (v->after != NULL && v->after[who]) {
			fputs("<p><strong>Please reach out now:</strong> ", f);
			hs(f, attune_urgent_after);
			fputs("</p>\n", f);
		}
		/* A stretch before the last two weeks, in the past tense. */
		for (i = 0; i < v->nperiods; i++)
			if ((s = &v->s[i * v->npeople + who])->past != NULL) {
				fputs("<p><strong>Earlier:</strong> ", f);
				hs(f, s->past);
				fputs("</p>\n", f);
			}
		fputs("</div>\n", f);
		return;
	}
	fputs("<p>Some of what was logged suggests talking with someone: your "
	    "midwife, health visitor, doctor or nurse, or someone you trust. "
	    "This is not a diagnosis, and feeling this way is not a failure "
	    "of love. Asking for help is a caring step. If you notice "
	    "confusion, nights without sleep, or hearing or believing things "
	    "that frighten you, get help the same day.</p>\n<ul>\n", f);
	if (v->after != NULL && v->after[who]) {	/* first, as it is urgent */
		fprintf(f, "<li><strong>%s</strong>: ",
		    attune_rule_names[ATTUNE_RULE_URGENT]);
		hs(f, attune_urgent_after);
		fputs("</li>\n", f);
	}
	for (i = 0; i < v->nperiods; i++) {
		s = &v->s[i * v->npeople + who];
		for (j = 0; j < s->nwhy; j++) {
			fprintf(f, "<li><strong>%s</strong>",
			    attune_rule_names[s->why[j].rule]);
			if (v->nperiods > 1) {
				attune_report_label(label, sizeof label,
				    s->start, s->end);
				fprintf(f, " (%s)", label);
			}
			fputs(": ", f);
			hs(f, s->why[j].text);
			fputs("</li>\n", f);
		}
	}
	fputs("</ul></div>\n", f);
}

/*
 * A chart of measure k for p from start to end, the width of the page:
 * one slot a day for up to 200 days, else one for each stretch of days.
 * The line joins days logged one after another and breaks where nothing
 * was logged; dots mark the days; above the plot, a triangle marks a day
 * with a flag and a hollow square a day with a screen.
 */
enum { CW = 700, CH = 88, CL = 30, CR = 6, CTOP = 29, CBOT = 73 };

static double
slot_x(int i, int nslots)
{
	return CL + (i + 0.5) * (double)(CW - CL - CR) / nslots;
}

/* The mean of measure k over slot i (step days from start, none past
 * end); 0 if nothing was logged in it. */
static int
slot_mean(const struct attune_rperson *p, int k, int64_t start,
    int64_t step, int i, int64_t end, double *mean)
{
	struct attune_rstat st;
	int64_t s = start + i * step, e = s + step - 1;

	attune_report_stretch(p, k, s, e < end ? e : end, &st);
	return attune_rstat_mean(&st, k, mean);
}

static void
chart(FILE *f, const struct attune_rperson *p, int k, int64_t start,
    int64_t end)
{
	const struct attune_measure *m = &attune_measures[k];
	const struct attune_rday *day;
	int64_t len = end - start + 1, step = (len + 199) / 200, d, mon1;
	int nslots = (int)((len + step - 1) / step), i, pen = 0, any = 0;
	int every, nmon, t;
	double top = m->tenths ? 12 : 10, x, y, prev = -1;
	size_t j;
	char a[16];

	fprintf(f, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s, day by day\">"
	    "<title>%s</title>\n", CW, CH, m->name, m->name);
	fprintf(f, "<text x=\"%d\" y=\"11\" font-size=\"12\" font-weight=\"700\""
	    " fill=\"#111\">%c%s</text>", CL, m->name[0] - 'a' + 'A',
	    m->name + 1);
	if (m->tenths)
		fprintf(f, "<text x=\"%d\" y=\"11\" font-size=\"10\" "
		    "fill=\"#333\" text-anchor=\"end\">hours slept, 0 to 12"
		    "</text>\n", CW - CR);
	else
		fprintf(f, "<text x=\"%d\" y=\"11\" font-size=\"10\" "
		    "fill=\"#333\" text-anchor=\"end\">0 %s to 10 %s, %s is "
		    "better</text>\n", CW - CR, m->low, m->high, m->better > 0 ?
		    "higher" : "lower");
	/* The scale: 0, the middle and the top, labelled. */
	for (i = 0; i <= 2; i++) {
		y = CBOT - (CBOT - CTOP) * i / 2.0;
		fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"%s\" stroke-width=\"%s\"/><text x=\"%d\" "
		    "y=\"%.1f\" font-size=\"9\" fill=\"#333\" "
		    "text-anchor=\"end\">%g</text>\n", CL, CW - CR, y, y,
		    i ? "#ccc" : "#666", i ? "0.6" : "1", CL - 4, y + 3,
		    top * i / 2);
	}
	/* A tick every Monday, a date under at most ten of them; over 16
	 * weeks, ticks only where there is a date, with its year. */
	mon1 = start + (8 - attune_weekday(start)) % 7;
	nmon = mon1 > end ? 0 : (int)((end - mon1) / 7 + 1);
	t = len > 300 ? 8 : 10;		/* labels with a year are longer */
	every = nmon > t ? (nmon + t - 1) / t : 1;
	for (d = mon1, t = 0; d <= end; d += 7, t++) {
		x = CL + (double)(d - start) / step * (CW - CL - CR) / nslots;
		if (nmon > 16 && t % every != 0)
			continue;
		fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" "
		    "stroke=\"#999\" stroke-width=\"0.6\"/>", x, x, CTOP,
		    CBOT + 3);
		if (t % every != 0)
			continue;
		short_date(d, a, len > 300);
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" "
		    "fill=\"#333\" text-anchor=\"%s\">%s</text>", x, CBOT + 13,
		    x > CW - CR - 24 ? "end" : x < CL + 12 ? "start" : "middle",
		    a);
	}
	fputs("\n", f);
	/* Flags and screens, above the plot, as shapes that print alike. */
	for (i = 0; i < nslots; i++) {
		int flag = 0, sc = 0;

		for (d = start + i * step; d < start + (i + 1) * step &&
		    d <= end; d++) {
			if ((day = attune_report_day(p, d)) != NULL && day->flags)
				flag = 1;
			for (j = 0; j < p->nsc; j++)
				sc |= p->sc[j].day == d;
		}
		x = slot_x(i, nslots);
		if (flag)
			fprintf(f, "<path d=\"M%.1f 13l3.5 6h-7z\" fill=\"#000\">"
			    "<title>a flag</title></path>", x);
		if (sc)
			fprintf(f, "<rect x=\"%.1f\" y=\"21\" width=\"5.5\" "
			    "height=\"5.5\" fill=\"#fff\" stroke=\"#000\" "
			    "stroke-width=\"1.3\"><title>a screen</title></rect>",
			    x - 2.75);
	}
	fputs("\n<path fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"1.8\" "
	    "stroke-linejoin=\"round\" d=\"", f);
	for (i = 0; i < nslots; i++) {
		if (!slot_mean(p, k, start, step, i, end, &y)) {
			pen = 0;	/* a gap: nothing logged */
			continue;
		}
		y = CBOT - (CBOT - CTOP) * (y > top ? 1 : y / top);
		fprintf(f, "%s%.1f %.1f ", pen ? "L" : "M", slot_x(i, nslots), y);
		pen = any = 1;
	}
	fputs("\"/>\n", f);
	for (i = 0; i < nslots; i++) {
		if (!slot_mean(p, k, start, step, i, end, &prev))
			continue;
		y = CBOT - (CBOT - CTOP) * (prev > top ? 1 : prev / top);
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" "
		    "fill=\"#1f4e79\"/>", slot_x(i, nslots), y,
		    nslots > 100 ? "1.4" : "2.1");
	}
	if (!any)
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"150\" height=\"18\" "
		    "fill=\"#fff\"/><text x=\"%d\" y=\"%d\" font-size=\"11\" "
		    "fill=\"#333\" text-anchor=\"middle\">no data in this period"
		    "</text>", (CL + CW - CR) / 2 - 75, (CTOP + CBOT) / 2 - 9,
		    (CL + CW - CR) / 2, (CTOP + CBOT) / 2 + 4);
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

/*
 * The band in words, judged as attune-screen(1) does: by the total, with
 * the partner cut-offs for a partner, or for the PBQ by its scales (as
 * the report judged them); the word logged only for a questionnaire this
 * version does not know.
 */
static const char *
band_words(const struct attune_instrument *in, const struct attune_rscreen *sc,
    int partner)
{
	const struct attune_band *b, *found;

	if (in == NULL)
		return sc->band;
	b = attune_bands(in, partner);
	if (in->scale_bands)
		return b[sc->positive ? 1 : 0].plain;
	for (found = b; b->word != NULL; b++)
		if (sc->total >= b->min)
			found = b;
	return found->plain;
}

/* The subscales, name=value;…, with their titles and cut-offs. */
static void
subscales(FILE *f, const struct attune_instrument *in, const char *list,
    int partner)
{
	const struct attune_scale *sc;
	const char *p = list, *end, *eq;
	int n = 0, v;

	for (; *p != '\0'; p = *end ? end + 1 : end) {
		if ((end = strchr(p, ';')) == NULL)
			end = p + strlen(p);
		while (*p == ' ')
			p++;
		if (p == end)
			continue;
		if (n++)
			fputs("<br>", f);
		eq = memchr(p, '=', (size_t)(end - p));
		for (sc = in != NULL ? in->scales : NULL; eq != NULL &&
		    sc != NULL && sc->name != NULL; sc++)
			if (strlen(sc->name) == (size_t)(eq - p) &&
			    strncmp(sc->name, p, (size_t)(eq - p)) == 0)
				break;
		if (eq == NULL || sc == NULL || sc->name == NULL) {
			attune_html_put(f, p, (size_t)(end - p));
			continue;
		}
		v = (int)attune_num(eq + 1, NULL);
		hs(f, sc->title);
		if (v >= attune_scale_cutoff(sc, partner))
			fprintf(f, " <strong>%d</strong> <span class=\"small\">"
			    "(at or above %d)</span>", v,
			    attune_scale_cutoff(sc, partner));
		else
			fprintf(f, " %d <span class=\"small\">(cut-off %d)</span>",
			    v, attune_scale_cutoff(sc, partner));
	}
	if (n == 0)
		fputs("&ndash;", f);
}

/*
 * The safety items' answers in words: the option chosen where its wording
 * may be shown, and for the EPDS, whose wording may not, the points.
 */
static void
safety_cell(FILE *f, const struct attune_instrument *in,
    const struct attune_rscreen *sc, const struct attune_result *r, int got)
{
	int i, n = 0, max;

	for (i = 0; in != NULL && i < in->nitems; i++) {
		if (!in->items[i].safety)
			continue;
		fprintf(f, "%sitem %d: ", n++ ? "<br>" : "", i + 1);
		if (got < 2) {
			fputs(sc->safety ? "<strong>flagged</strong>" :
			    "not recorded", f);
			continue;
		}
		max = attune_points_max(in);
		if (r->pts[i] > 0)
			fputs("<strong>", f);
		if (in->wording && in->options != NULL)
			hs(f, in->options[r->pos[i] - 1]);
		else if (r->pts[i] == 0)
			fprintf(f, "0 of %d points", max);
		else
			fprintf(f, "%d of %d points", r->pts[i], max);
		if (r->pts[i] > 0)
			fputs(", above 0</strong>", f);
	}
	if (n == 0)
		fputs(sc->safety ? "<strong>flagged</strong>" :
		    "<span class=\"small\">none asked</span>", f);
}

static void
screens(FILE *f, const struct attune_rview *v, const struct attune_rperson *p,
    int64_t from, int64_t to)
{
	const struct attune_instrument *in;
	const struct attune_rscreen *sc, *prev;
	struct attune_result r;
	char date[16];
	size_t i;
	int n = 0, got;

	for (i = 0; i < p->nsc; i++) {
		sc = &p->sc[i];
		if (sc->day < from || sc->day > to)
			continue;
		if (!n++)
			fputs("<h2>Screens over time</h2>\n<table class=\"scr\"><thead><tr>"
			    "<th>Date</th><th>Questionnaire</th><th>Total</th>"
			    "<th>Band</th><th>Subscales</th><th>Safety item"
			    "</th></tr></thead><tbody>\n", f);
		in = attune_instrument(sc->instrument);
		memset(&r, 0, sizeof r);
		got = attune_detail_find(v->detail, p->who, sc->day, sc->sec,
		    sc->instrument, &r);
		attune_date_format(sc->day, date);
		fprintf(f, "<tr><td class=\"d\">%s</td><td>", date);
		hs(f, sc->name != NULL ? sc->name : sc->instrument);
		if (got && r.partner)
			fputs("<br><span class=\"small\">partner cut-offs"
			    "</span>", f);
		fprintf(f, "</td><td class=\"n\">%d", sc->total);
		if (in != NULL)
			fprintf(f, " <span class=\"small\">of %d</span>",
			    in->nitems * attune_points_max(in));
		if ((prev = attune_report_prev_screen(p, i)) != NULL) {
			short_date(prev->day, date, 0);
			fprintf(f, "<br><span class=\"small\">%+d since %s"
			    "</span>", sc->total - prev->total, date);
		}
		fputs(sc->positive ? "</td><td><strong>" : "</td><td>", f);
		hs(f, band_words(in, sc, got && r.partner));
		fputs(sc->positive ? "</strong></td><td>" : "</td><td>", f);
		subscales(f, in, sc->subscales, got && r.partner);
		fputs("</td><td>", f);
		safety_cell(f, in, sc, &r, got);
		fputs("</td></tr>\n", f);
	}
	if (n)
		fputs("</tbody></table>\n", f);
	else
		fputs("<h2>Screens over time</h2>\n<p>No questionnaire was "
		    "taken in this period.</p>\n", f);
}

/* The bonding moments, and whether bond differed on the days with them. */
static void
moments(FILE *f, const struct attune_rsum *all)
{
	uint32_t ndays, din, dout;
	double with, without;
	int w, n = 0, cmp;

	for (w = 0; attune_did_words[w] != NULL; w++) {
		cmp = attune_report_moment_days(all, w, &ndays, &din, &dout,
		    &with, &without);
		if (ndays == 0)
			continue;
		if (!n++)
			fputs("<div class=\"keep\"><h3>Bonding moments</h3>\n"
			    "<table><thead><tr><th>Moment</th><th>Days</th>"
			    "<th>Mean bond on days with it</th><th>Mean bond on "
			    "days without</th></tr></thead><tbody>\n", f);
		fprintf(f, "<tr><td>%s</td><td class=\"n\">%u</td>",
		    attune_did_words[w], ndays);
		if (cmp)
			fprintf(f, "<td class=\"n\">%.1f</td><td class=\"n\">"
			    "%.1f</td></tr>\n", with, without);
		else if (din < 3)
			fprintf(f, "<td colspan=\"2\" class=\"small\">only %u "
			    "day%s with a bond rating: too few to compare (3 "
			    "are needed)</td></tr>\n", din, din == 1 ? "" : "s");
		else
			fprintf(f, "<td colspan=\"2\" class=\"small\">done on "
			    "nearly every day (%u of %u with a bond rating), so "
			    "there are too few days without it to compare</td>"
			    "</tr>\n", din, din + dout);
	}
	if (n)
		fputs("</tbody></table>\n<p class=\"small\">A difference here "
		    "does not prove that a moment helps: days differ in many "
		    "ways. It may be a place to start a conversation.</p>"
		    "</div>\n", f);
}

/* A note, up to 280 bytes, cut where a UTF-8 character starts. */
static void
note(FILE *f, const char *s, size_t n)
{
	size_t max = n;

	if (n > 280) {
		for (max = 280; max > 0 && ((unsigned char)s[max] & 0xc0) ==
		    0x80; max--)
			;
	}
	fputs(" <q>", f);
	attune_html_put(f, s, max);
	fputs(max < n ? "&hellip;</q>" : "</q>", f);
}

#define MAXDAYS 20	/* the days that matter listed, the latest */

/* Whether a day goes in the list: a flag, a low score (lib/judge.c) or a
 * screen, or with --notes any day with a note. */
static int
matters(const struct attune_rview *v, const struct attune_rperson *p,
    const struct attune_rday *d, int64_t day, int sc)
{
	size_t at = 0, len;

	if (sc || attune_day_matters(d))
		return 1;
	return v->allnotes && attune_detail_note(v->detail, p->who, day, &at,
	    &len) != NULL;
}

/* The days that matter, with what was noted on them. */
static void
days(FILE *f, const struct attune_rview *v, const struct attune_rperson *p,
    int64_t from, int64_t to)
{
	const struct attune_rday *d;
	const char *s;
	char date[16];
	int64_t day;
	size_t i, len, at;
	int w, k, n = 0, total = 0, sc;

	for (day = from; day <= to; day++) {
		d = attune_report_day(p, day);
		for (i = 0, sc = 0; i < p->nsc; i++)
			sc |= p->sc[i].day == day;
		if (matters(v, p, d, day, sc))
			total++;
	}
	if (total == 0)
		return;
	fputs("<div class=\"days keep\"><h3>The days that matter</h3>\n"
	    "<p class=\"small\">Days with a flag, a low score or a screen, "
	    "with any note written on them.", f);
	if (total > MAXDAYS)
		fprintf(f, " The latest %d of %d; the charts show them all.",
		    MAXDAYS, total);
	fputs("</p>\n<ul>\n", f);
	for (day = from; day <= to; day++) {
		d = attune_report_day(p, day);
		for (i = 0, sc = 0; i < p->nsc; i++)
			sc |= p->sc[i].day == day;
		if (!matters(v, p, d, day, sc) || ++n <= total - MAXDAYS)
			continue;
		attune_date_format(day, date);
		fprintf(f, "<li><strong>%s</strong>:", date);
		for (w = 0, k = 0; d != NULL && attune_flag_words[w] != NULL;
		    w++)
			if (d->flags & (1u << w))
				fprintf(f, "%s%s", k++ ? ", " : " flag ",
				    attune_flag_words[w]);
		for (i = 0; i < p->nsc; i++)
			if (p->sc[i].day == day) {
				fputs(k++ ? "; " : " ", f);
				hs(f, p->sc[i].name != NULL ? p->sc[i].name :
				    p->sc[i].instrument);
				fprintf(f, " %d", p->sc[i].total);
			}
		for (at = 0; (s = attune_detail_note(v->detail, p->who, day,
		    &at, &len)) != NULL;)
			note(f, s, len);
		fputs("</li>\n", f);
	}
	fputs("</ul></div>\n", f);
}

/* Page 1: whose report, the period, the baby's age. */
static void
facts(FILE *f, const struct attune_rview *v, const struct attune_rsum *all,
    int64_t from, int64_t to)
{
	char a[16], b[16];
	int64_t len = to - from + 1, ref = to < v->today ? to : v->today, age;

	attune_date_format(from, a);
	attune_date_format(to, b);
	fprintf(f, "<p class=\"facts\"><span><b>Period:</b> %s to %s (%lld "
	    "%s)</span>", a, b, (long long)(len % 7 == 0 ? len / 7 : len),
	    len % 7 == 0 ? (len == 7 ? "week" : "weeks") : (len == 1 ? "day" :
	    "days"));
	if (v->hasbirth) {
		attune_date_format(v->birth, a);
		attune_date_format(ref, b);
		age = ref - v->birth;
		if (age < 0)
			fprintf(f, "<span><b>Baby:</b> born %s</span>", a);
		else if (age < 14)
			fprintf(f, "<span><b>Baby's age:</b> %lld day%s on %s "
			    "(born %s)</span>", (long long)age, age == 1 ? "" :
			    "s", b, a);
		else
			fprintf(f, "<span><b>Baby's age:</b> %lld weeks on %s "
			    "(born %s)</span>", (long long)(age / 7), b, a);
	}
	attune_date_format(v->today, a);
	fprintf(f, "<span>%u check-in%s on %u day%s, %u screen%s</span>"
	    "<span>Made on %s</span></p>\n", all->checkins,
	    all->checkins == 1 ? "" : "s", all->days, all->days == 1 ? "" :
	    "s", all->screens, all->screens == 1 ? "" : "s", a);
}

static void
person(FILE *f, const struct attune_rview *v, size_t who)
{
	const struct attune_rsum *s, *first = &v->s[who];
	const struct attune_rperson *p = first->p;
	struct attune_rsum all;
	char tmp[40];
	int64_t from = first->start, to;
	size_t i;
	int k;

	to = v->s[(v->nperiods - 1) * v->npeople + who].end;
	attune_report_whole(p, from, to, &all);
	fputs("<section class=\"person\">\n", f);
	/* Crisis lines before anything else on the page, when needed. */
	if (urgent_for(v, who))
		crisis(f, v->region, v, NULL);
	fputs("<h1>attune report: ", f);
	hs(f, p->who);
	fputs("</h1>\n", f);
	facts(f, v, &all, from, to);
	reach_out(f, v, who);
	screens(f, v, p, from, to);
	fputs("<h2>Day by day</h2>\n", f);
	for (k = 0; k < ATTUNE_NMEASURES; k++)
		chart(f, p, k, from, to);
	fputs("<p class=\"legend small\">&#9679; the mean of a day; a line "
	    "joins days logged one after another, and breaks where a day has "
	    "nothing logged. &#9650; a flag was logged that day. &#9633; a "
	    "questionnaire was taken that day. Mood, bond and sleep: higher is "
	    "better; anxiety and numbness: lower is better.</p>\n", f);
	moments(f, &all);
	days(f, v, p, from, to);
	fprintf(f, "<div class=\"keep\"><h3>The measures in numbers</h3>\n"
	    "<p class=\"small\">Means, with the range and the number of "
	    "answers; changes are against %s.</p>\n", v->nperiods > 1 ?
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
	fputs("</tbody></table></div>\n</section>\n", f);
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
	if (v->nperiods == 0) {
		if (v->rules & (1u << ATTUNE_RULE_URGENT))
			crisis(f, v->region, v, NULL);
		fprintf(f, "<h1>attune report</h1>\n<p class=\"sub\">%s. Made "
		    "on %s from a personal log kept with attune.</p>\n<p>",
		    label, today);
		hs(f, attune_report_empty);
		fputs("</p>\n", f);
	} else {
		/* Someone else's page needs the crisis lines: they come
		 * first in the file too, before anyone's page. */
		if ((v->rules & (1u << ATTUNE_RULE_URGENT)) &&
		    !urgent_for(v, 0))
			crisis(f, v->region, v, "");
		for (i = 0; i < v->npeople; i++)
			person(f, v, i);
	}
	fputs("<footer><p>Made on ", f);
	fputs(today, f);
	fputs(" from a personal log kept with attune. Measures are self-rated "
	    "from 0 to 10 (sleep in hours). A screen is not a diagnosis, and "
	    "neither is this report: it is a picture of what was logged, to "
	    "help a conversation. Bonding is a process, and it often grows "
	    "with time and support.</p></footer>\n</body>\n</html>\n", f);
}
