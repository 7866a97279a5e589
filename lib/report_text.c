/*
 * report_text.c: attune report as text for a terminal or a mail, and as
 * Markdown; with the small helpers every format shares (period labels,
 * directions of change, sparklines).  Anything taken from a log goes
 * through attune_put_safe, so a log can never move the cursor.
 */
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"

const char attune_report_empty[] = "Nothing is logged for this period yet. "
    "To start, try 'attune checkin' (it asks a few questions), or "
    "'attune checkin --mood 6 --bond 5'.";

/* The urgent rule fired by harm in the two weeks ending today, after a
 * reported period that ends earlier (reportrun.c's urgency). */
const char attune_urgent_after[] = "Harm came up in the two weeks ending "
    "today, after the days this report covers. Please talk to someone "
    "today: the crisis lines at the top are there for you, day and night.";

const char *const attune_rule_names[] = {
	"Please reach out now",
	"A very hard stretch",
	"Lasting two weeks",
	"Getting worse",
	"Concerns that keep coming up",
	"A screen above its cut-off",
	NULL
};

static const char *const months[] = { "January", "February", "March",
	"April", "May", "June", "July", "August", "September", "October",
	"November", "December" };

/* "week 2026-W47, 2026-11-16 to 2026-11-22", "November 2026, …". */
void
attune_report_label(char *buf, size_t size, int64_t start, int64_t end)
{
	char a[16], b[16];
	int y, m, d, w;

	attune_date_format(start, a);
	attune_date_format(end, b);
	attune_civil_from_days(start, &y, &m, &d);
	if (start == end)
		snprintf(buf, size, "%s", a);
	else if (end - start == 6 && attune_weekday(start) == 1) {
		w = attune_iso_week(start, &y);
		snprintf(buf, size, "week %04d-W%02d, %s to %s", y, w, a, b);
	} else if (attune_month_whole(start, end))
		snprintf(buf, size, "%s %d, %s to %s", months[m - 1], y, a, b);
	else
		snprintf(buf, size, "%s to %s", a, b);
}

/* What the period is compared with, in words. */
const char *
attune_report_before(int64_t start, int64_t end, char *buf, size_t size)
{
	if (start == end)
		return "the day before";
	if (end - start == 6 && attune_weekday(start) == 1)
		return "the week before";
	if (attune_month_whole(start, end))
		return "the month before";
	snprintf(buf, size, "the %lld days before", (long long)(end - start + 1));
	return buf;
}

/* "better", "worse" or "about the same", as each measure counts better. */
const char *
attune_report_direction(int k, double change)
{
	if (change > -0.05 && change < 0.05)
		return "about the same";
	return (change > 0) == (attune_measures[k].better > 0) ? "better" :
	    "worse";
}

/* "+0.5 better", "-1.0 worse", "0.0 about the same". */
void
attune_report_change(char *buf, size_t size, int k, double change)
{
	const char *dir = attune_report_direction(k, change);

	if (change > -0.05 && change < 0.05)
		snprintf(buf, size, "0.0 %s", dir);
	else
		snprintf(buf, size, "%+.1f %s", change, dir);
}

/* "3-7", or "7" when the lowest and highest are the same. */
void
attune_rstat_range(struct attune_buf *b, const struct attune_rstat *m, int k)
{
	if (m->n == 0)
		return;
	attune_measure_put(b, k, m->min);
	if (m->max != m->min) {
		attune_buf_add(b, "-", 1);
		attune_measure_put(b, k, m->max);
	}
}

/*
 * A sparkline of measure k from start to end: one mark a day for up to 31
 * days, else one for each stretch of days, so it never needs more than 31
 * columns.  A blank is a stretch with nothing logged.  Sleep is drawn on
 * a scale of 0 to 12 hours, the rest 0 to 10.
 */
void
attune_spark(struct attune_buf *b, const struct attune_rperson *p, int k,
    int64_t start, int64_t end, int unicode)
{
	static const char *const bars[] = { "\u2581", "\u2582", "\u2583",
	    "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
	static const char ascii[] = "_.-~=+*#";
	int64_t len = end - start + 1, step = (len + 30) / 31, s;
	double scale = attune_measures[k].tenths ? 120 : 10, mean;
	struct attune_rstat m;
	int lv;

	for (s = start; s <= end; s += step) {
		attune_report_stretch(p, k, s, s + step - 1 < end ?
		    s + step - 1 : end, &m);
		if (m.n == 0) {
			attune_buf_add(b, " ", 1);
			continue;
		}
		/* In the log's own units (tenths for sleep), not through
		 * attune_rstat_mean: hours over 12 rounds differently from
		 * tenths over 120 at a half step (seven nights of 30 hours
		 * in all are 2.5 steps: 2 this way, 3 that way), and the
		 * bars must stay as they were drawn. */
		mean = (double)m.sum / m.n;
		lv = (int)(mean / scale * 7 + 0.5);
		if (lv > 7)
			lv = 7;
		if (lv < 0)
			lv = 0;
		if (unicode)
			attune_buf_str(b, bars[lv]);
		else
			attune_buf_add(b, &ascii[lv], 1);
	}
}

struct out {
	FILE	*f;
	const struct attune_rview *v;
	int	 md;
};

static void
heading(struct out *o, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
heading(struct out *o, int level, const char *fmt, ...)
{
	va_list ap;

	if (o->md)
		fprintf(o->f, "%.*s ", level, "####");
	else if (o->v->colour)
		fputs("\033[1m", o->f);
	va_start(ap, fmt);
	vfprintf(o->f, fmt, ap);
	va_end(ap);
	if (!o->md && o->v->colour)
		fputs("\033[0m", o->f);
	fputs(o->md ? "\n\n" : "\n", o->f);
}

/* Markdown text that stays text: every character Markdown acts on is
 * escaped with a backslash. */
static void
md_put(FILE *f, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strchr("\\`*_{}[]<>()#+-.!|~", s[i]) != NULL)
			fputc('\\', f);
		fputc(s[i], f);
	}
}

/*
 * A name from a log: safe at a terminal, and inert in Markdown, where a
 * control character, or one that is invisible or reorders the text
 * (U+202E), is shown as its escape (attune_safe_char) as in text.
 */
static void
put_name(struct out *o, const char *s)
{
	char esc[ATTUNE_ESC];
	size_t i, k, n = strlen(s);

	if (!o->md) {
		attune_put_safe(o->f, s, n);
		return;
	}
	for (i = 0; i < n; i += k) {
		k = attune_safe_char(s, n, i, esc);
		if (esc[0] != '\0')
			md_put(o->f, esc, strlen(esc));
		else
			md_put(o->f, s + i, k);
	}
}

static void
reach_out(struct out *o)
{
	const struct attune_rview *v = o->v;
	const struct attune_rsum *s;
	char label[96];
	size_t i;
	int j, pass, urgent = 0, named;

	heading(o, 2, "Reach out");
	fputs("Some of what was logged suggests talking with someone: your "
	    "midwife, health\nvisitor, doctor or nurse, or someone you trust. "
	    "This is not a diagnosis, and\nfeeling this way is not a failure "
	    "of love. Asking for help is a caring step.\nIf you notice "
	    "confusion, nights without sleep, or hearing or believing things\n"
	    "that frighten you, get help the same day ('attune tips "
	    "warning-signs').\n\n", o->f);
	/* Urgent for the days after the period: said first, once for each
	 * person it is for (v->after), or once when whose is not known. */
	for (i = 0; i < v->nperiods * v->npeople; i++)
		for (j = 0; j < v->s[i].nwhy; j++)
			urgent |= v->s[i].why[j].rule == ATTUNE_RULE_URGENT;
	for (i = 0, named = 0; v->after != NULL && i < v->npeople; i++)
		named |= v->after[i];
	for (i = 0; i < v->npeople; i++) {
		if (named ? !v->after[i] : i > 0 || urgent ||
		    !(v->rules & (1u << ATTUNE_RULE_URGENT)))
			continue;
		fputs(o->md ? "- **" : "  * ", o->f);
		fputs(attune_rule_names[ATTUNE_RULE_URGENT], o->f);
		fputs(o->md ? "**" : "", o->f);
		if (named && v->npeople > 1) {
			fputs(" (", o->f);
			put_name(o, v->s[i].p->who);
			fputs(")", o->f);
		}
		if (o->md)
			fprintf(o->f, ": %s\n", attune_urgent_after);
		else {
			fputs("\n", o->f);
			attune_wrap(o->f, attune_urgent_after, 76, 4);
		}
	}
	/* Anything urgent first, then the rest. */
	for (pass = 0; pass < 2; pass++)
	for (i = 0; i < v->nperiods * v->npeople; i++) {
		s = &v->s[i];
		for (j = 0; j < s->nwhy; j++) {
			if ((s->why[j].rule == ATTUNE_RULE_URGENT) != !pass)
				continue;
			fputs(o->md ? "- **" : "  * ", o->f);
			fputs(attune_rule_names[s->why[j].rule], o->f);
			fputs(o->md ? "**" : "", o->f);
			if (v->npeople > 1 || v->nperiods > 1) {
				attune_report_label(label, sizeof label,
				    s->start, s->end);
				fputs(" (", o->f);
				put_name(o, s->p->who);
				fprintf(o->f, ", %s)", label);
			}
			if (o->md)
				fprintf(o->f, ": %s\n", s->why[j].text);
			else {
				fputs("\n", o->f);
				attune_wrap(o->f, s->why[j].text, 76, 4);
			}
		}
	}
	fputc('\n', o->f);
}

static void
measures(struct out *o, const struct attune_rsum *s)
{
	struct attune_buf b = { 0 };
	char tmp[40];
	double mean, prev;
	int k;

	fprintf(o->f, "Changes are against %s.\n",
	    attune_report_before(s->start, s->end, tmp, sizeof tmp));
	if (o->md)
		fputs("\n| measure | mean | range | count | change | chart |\n"
		    "|---|---:|---|---:|---|---|\n", o->f);
	else
		fprintf(o->f, "  %-8s %5s  %-9s %5s  %-20s %s\n", "measure",
		    "mean", "range", "count", "change", "chart");
	for (k = 0; k < ATTUNE_NMEASURES; k++) {
		const char *name = attune_measures[k].name;

		b.len = 0;
		if (o->md)
			fprintf(o->f, "| %s | ", name);
		else
			fprintf(o->f, "  %-8s ", name);
		if (!attune_rstat_mean(&s->m[k], k, &mean)) {
			fprintf(o->f, o->md ? "- | | 0 | | |\n" :
			    "%5s  %-9s %5d\n", "-", "", 0);
			continue;
		}
		attune_rstat_range(&b, &s->m[k], k);
		attune_buf_add(&b, "", 1);
		fprintf(o->f, o->md ? "%.1f | %s | %u | " : "%5.1f  %-9s %5u  ",
		    mean, b.s, s->m[k].n);
		if (attune_rstat_mean(&s->prev[k], k, &prev))
			attune_report_change(tmp, sizeof tmp, k, mean - prev);
		else
			snprintf(tmp, sizeof tmp, "-");
		fprintf(o->f, o->md ? "%s | " : "%-20s ", tmp);
		b.len = 0;
		attune_spark(&b, s->p, k, s->start, s->end, o->v->unicode);
		attune_buf_add(&b, "", 1);
		if (o->md)
			fprintf(o->f, "`%s` |\n", b.s);
		else
			fprintf(o->f, "%s\n", b.s);
	}
	fputc('\n', o->f);
	attune_buf_free(&b);
}

/* The bonding moments done, and bond on days with and without each. */
static void
moments(struct out *o, const struct attune_rsum *s)
{
	uint32_t ndays;
	double with, without;
	int w, shown = 0;

	for (w = 0; attune_did_words[w] != NULL; w++) {
		int cmp = attune_report_moment(s, w, &ndays, &with, &without);

		if (ndays == 0)
			continue;
		if (!shown++) {
			fputs(o->md ? "Bonding moments:\n\n" :
			    "Bonding moments, and mean bond on days with and "
			    "without each:\n", o->f);
		}
		fprintf(o->f, o->md ? "- %s: %u day%s; " : "  %-8s %3u day%s  ",
		    attune_did_words[w], ndays, ndays == 1 ? "" : "s");
		if (cmp)
			fprintf(o->f, "bond %.1f with, %.1f without\n", with,
			    without);
		else
			fprintf(o->f, "too few days to compare bond (needs 3 "
			    "with and 3 without)\n");
	}
	if (shown)
		fputc('\n', o->f);
}

static void
flags(struct out *o, const struct attune_rsum *s)
{
	const struct attune_rday *d;
	char date[16];
	int64_t day;
	int w, shown = 0, n;

	for (day = s->start; day <= s->end; day++) {
		if ((d = attune_report_day(s->p, day)) == NULL || !d->flags)
			continue;
		if (!shown++)
			fputs(o->md ? "Flags logged:\n\n" : "Flags logged:\n",
			    o->f);
		attune_date_format(day, date);
		fprintf(o->f, o->md ? "- %s: " : "  %s  ", date);
		for (w = 0, n = 0; attune_flag_words[w] != NULL; w++)
			if (d->flags & (1u << w))
				fprintf(o->f, "%s%s", n++ ? ", " : "",
				    attune_flag_words[w]);
		fputc('\n', o->f);
	}
	if (shown)
		fputc('\n', o->f);
}

struct tnote {
	struct out *o;
	int	 n;
};

static void
tnote(void *arg, const struct attune_rnote *n)
{
	struct tnote *t = arg;
	struct attune_buf b = { 0 };
	char date[16];

	if (t->n++ == 0)
		fputs(t->o->md ? "Notes:\n\n" : "Notes:\n", t->o->f);
	attune_date_format(n->day, date);
	if (t->o->md) {
		fprintf(t->o->f, "- %s: ", date);
		put_name(t->o, n->text);	/* Markdown-escaped */
		fputc('\n', t->o->f);
		return;
	}
	attune_buf_printf(&b, "%s: %s", date, n->text);
	attune_wrap(t->o->f, b.s, 76, 2);
	attune_buf_free(&b);
}

/* The notes of the days that matter (a flag, a low score), or with
 * --notes every one; through the safe paths, like every logged word. */
static void
notes(struct out *o, const struct attune_rsum *s)
{
	struct tnote t = { o, 0 };

	attune_report_notes(s, o->v->allnotes, tnote, &t);
	if (t.n > 0)
		fputc('\n', o->f);
}

static void
screens(struct out *o, const struct attune_rsum *s)
{
	const struct attune_rperson *p = s->p;
	const struct attune_rscreen *sc, *prev;
	char date[16];
	size_t i;
	int shown = 0;

	for (i = 0; i < p->nsc; i++) {
		sc = &p->sc[i];
		if (sc->day < s->start || sc->day > s->end)
			continue;
		if (!shown++)
			fputs(o->md ? "Screens:\n\n" : "Screens:\n", o->f);
		attune_date_format(sc->day, date);
		fprintf(o->f, o->md ? "- %s " : "  %s  ", date);
		if (sc->name != NULL)
			fputs(sc->name, o->f);
		else
			put_name(o, sc->instrument);
		fprintf(o->f, ": total %d", sc->total);
		if (*sc->band != '\0') {
			fputs(", ", o->f);
			put_name(o, sc->band);
		}
		if (*sc->subscales != '\0') {
			fputs(" (", o->f);
			put_name(o, sc->subscales);
			fputs(")", o->f);
		}
		if ((prev = attune_report_prev_screen(p, i)) != NULL) {
			attune_date_format(prev->day, date);
			if (prev->total == sc->total)
				fprintf(o->f, "; the same as on %s", date);
			else
				fprintf(o->f, "; %s %d since %s",
				    sc->total > prev->total ? "up" : "down",
				    abs(sc->total - prev->total), date);
		}
		fputc('\n', o->f);
	}
	if (shown)
		fputc('\n', o->f);
}

/* Several people in one period: the means next to each other. */
static void
side_by_side(struct out *o, const struct attune_rsum *s, size_t n)
{
	size_t i;
	double mean;
	int k;

	fputs(o->md ? "| measure |" : "  mean    ", o->f);
	for (i = 0; i < n; i++) {
		if (o->md) {
			fputc(' ', o->f);
			put_name(o, s[i].p->who);
			fputs(" |", o->f);
		} else {
			fputs("  ", o->f);
			attune_put_safe(o->f, s[i].p->who,
			    strlen(s[i].p->who) > 10 ? 10 :
			    strlen(s[i].p->who));
			fprintf(o->f, "%*s", (int)(10 - (strlen(s[i].p->who) >
			    10 ? 10 : strlen(s[i].p->who))), "");
		}
	}
	fputc('\n', o->f);
	if (o->md) {
		fputs("|---|", o->f);
		for (i = 0; i < n; i++)
			fputs("---:|", o->f);
		fputc('\n', o->f);
	}
	for (k = 0; k < ATTUNE_NMEASURES; k++) {
		fprintf(o->f, o->md ? "| %s |" : "  %-8s", attune_measures[k].name);
		for (i = 0; i < n; i++) {
			if (attune_rstat_mean(&s[i].m[k], k, &mean))
				fprintf(o->f, o->md ? " %.1f |" : "  %-10.1f",
				    mean);
			else
				fprintf(o->f, o->md ? " - |" : "  %-10s", "-");
		}
		fputc('\n', o->f);
	}
	fputc('\n', o->f);
}

void
attune_report_text(FILE *f, const struct attune_rview *v, int md)
{
	struct out o = { f, v, md };
	const struct attune_rsum *s;
	char label[96];
	size_t i, k;

	if (v->rules & (1u << ATTUNE_RULE_URGENT)) {
		if (md)
			fputs("```\n", f);
		attune_crisis_print(f, v->region);
		if (md)
			fputs("```\n\n", f);
	}
	if (v->nperiods == 0) {
		fprintf(f, "%s\n", attune_report_empty);
		return;
	}
	attune_report_label(label, sizeof label, v->from, v->to);
	if (v->nperiods > 1 || v->by != ATTUNE_BY_NONE) {
		s = &v->s[(v->nperiods - 1) * v->npeople];
		attune_report_label(label, sizeof label, v->s[0].start, s->end);
	}
	heading(&o, 1, "attune report: %s", label);
	if (!md)
		fputc('\n', f);
	if (v->rules)
		reach_out(&o);
	for (i = 0; i < v->nperiods * v->npeople; i++)
		if (v->s[i].past != NULL) {
			heading(&o, 2, "Earlier");
			if (v->npeople > 1) {
				put_name(&o, v->s[i].p->who);
				fputs(": ", f);
			}
			if (md)
				fprintf(f, "%s\n\n", v->s[i].past);
			else {
				attune_wrap(f, v->s[i].past, 76, 0);
				fputc('\n', f);
			}
		}
	for (k = 0; k < v->nperiods; k++) {
		s = &v->s[k * v->npeople];
		if (v->nperiods > 1) {
			attune_report_label(label, sizeof label, s->start,
			    s->end);
			heading(&o, 2, "%s", label);
		}
		if (v->npeople > 1)
			side_by_side(&o, s, v->npeople);
		for (i = 0; i < v->npeople; i++, s++) {
			if (s->hide)
				continue;
			if (md)
				fputs(v->nperiods > 1 ? "### " : "## ", f);
			else if (v->colour)
				fputs("\033[1m", f);
			put_name(&o, s->p->who);
			fprintf(f, ": %u check-in%s on %u day%s, %u screen%s",
			    s->checkins, s->checkins == 1 ? "" : "s",
			    s->days, s->days == 1 ? "" : "s",
			    s->screens, s->screens == 1 ? "" : "s");
			if (!md && v->colour)
				fputs("\033[0m", f);
			fputs(md ? "\n\n" : "\n", f);
			if (s->checkins > 0) {
				measures(&o, s);
				moments(&o, s);
				flags(&o, s);
				notes(&o, s);
			}
			screens(&o, s);
		}
	}
	fputs("A report is a picture of what was logged, not a diagnosis. "
	    "Bonding is a\nprocess, and it often grows with time and "
	    "support.\n", f);
}
