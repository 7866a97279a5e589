/*
 * screen.c: attune screen's side of a questionnaire.  The answers read
 * from --answers or --scores, or asked at the terminal one item at a time;
 * a wording file read (attune-screen(1)); a result printed in each format;
 * its row appended to screens.csv.  Nothing here ends the program: a fault
 * is said through err.c, or put in words for the command's usage error,
 * and -1 returned; the command decides the exit.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"

void
attune_screen_list(FILE *f)
{
	const struct attune_instrument *in;
	int i;

	for (i = 0; (in = attune_instruments[i]) != NULL; i++) {
		fprintf(f, "%-5s %s (%s), %d items\n", in->name, in->title,
		    in->label, in->nitems);
		fprintf(f, "      measures %s\n", in->measures);
		attune_wrap(f, in->citation, 72, 6);
		if (!in->wording)
			fprintf(f, "      scoring only: its wording is not included "
			    "(see attune-screen(1))\n");
	}
	fputc('\n', f);
	attune_wrap(f, ATTUNE_PHQ_ATTRIBUTION, 72, 0);
}

/* "item 4" or "item 4 (worry)" for an instrument whose items have ids. */
static const char *
item_name(const struct attune_instrument *in, int i)
{
	static char buf[64];

	if (isdigit((unsigned char)in->items[i].id[0]))
		snprintf(buf, sizeof buf, "item %d", i + 1);
	else
		snprintf(buf, sizeof buf, "item %d (%s)", i + 1,
		    in->items[i].id);
	return buf;
}

/* A refusal in words, for the command to give as a usage error: -1. */
static int
refuse(struct attune_buf *why, const char *fmt, ...)
{
	char tmp[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	why->len = 0;
	if (n >= (int)sizeof tmp) {
		/* too long for the stack: format it again, whole */
		char *s = attune_xmalloc((size_t)n + 1);

		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
		attune_buf_str(why, s);
		free(s);
	} else
		attune_buf_str(why, tmp);
	return -1;
}

/*
 * One value of a comma-separated list of answers, from p: its text, spaces
 * trimmed, [v->s, v->e), and v->n, the number it is, -1 if it is none or
 * -2 if it is empty.  Past 1000 every number is just out of range.  The
 * next value's start is returned, NULL after the last.  The one reading
 * of --answers and --scores, for the strict parser and the lenient one.
 */
struct value {
	const char *s, *e;
	int	 n;
};

static const char *
next_value(const char *p, struct value *v)
{
	const char *q = p + strcspn(p, ","), *d;

	while (p < q && *p == ' ')
		p++;
	for (v->s = p, v->e = q; v->e > p && v->e[-1] == ' '; v->e--)
		;
	v->n = v->s == v->e ? -2 : 0;
	for (d = v->s; d < v->e && *d >= '0' && *d <= '9'; d++)
		v->n = v->n < 1000 ? v->n * 10 + (*d - '0') : v->n;
	if (d != v->e)
		v->n = -1;
	return *q == '\0' ? NULL : q + 1;
}

/*
 * --answers or --scores: one value an item, comma-separated, in item
 * order.  Positions are 1 to nopts; points are 0 to the most an option
 * scores, and are turned back into the position that scores them.
 */
int
attune_screen_values(const struct attune_instrument *in, const char *opt,
    const char *val, int scores, int *pos, struct attune_buf *why)
{
	const char *p = val;
	struct value v;
	int i, min = scores ? 0 : 1;
	int max = scores ? attune_points_max(in) : in->nopts;

	for (i = 0; p != NULL; i++) {
		p = next_value(p, &v);
		if (i >= in->nitems)
			return refuse(why, "%s: more than %d values; the %s has "
			    "%d items, so there is no item %d", opt, in->nitems,
			    in->label, in->nitems, i + 1);
		if (v.n == -2)
			return refuse(why, "%s: %s has no value; give one for "
			    "each of the %d items, separated by commas", opt,
			    item_name(in, i), in->nitems);
		if (v.n == -1)
			return refuse(why, "%s: %s is '%.*s', not a number; use "
			    "%d to %d", opt, item_name(in, i), (int)(v.e - v.s),
			    v.s, min, max);
		if (v.n < min || v.n > max)
			return refuse(why, "%s: %s is %.*s, out of range; use "
			    "%d to %d%s", opt, item_name(in, i), (int)(v.e - v.s),
			    v.s, min, max,
			    scores ? " points" :
			    " (the option's position, 1 = top)");
		pos[i] = scores ? attune_item_position(in, i, v.n) : v.n;
		if (pos[i] < 0)
			return refuse(why, "%s: %s is %d, but no option of it "
			    "scores %d", opt, item_name(in, i), v.n, v.n);
	}
	if (i < in->nitems)
		return refuse(why, "%s: %s has no value: %d given, and the %s "
		    "has %d items", opt, item_name(in, i), i, in->label,
		    in->nitems);
	return 0;
}

/* The wording file's columns; an item row gives text and its options. */
static const char *const wording_cols[] = {
	"item", "text", "option1", "option2", "option3", "option4", "option5",
	"option6", "option7", "option8", NULL
};

static char *
wording_text(struct attune_csv *c, int col, const char *what, int *bad)
{
	size_t n;
	const char *s = attune_csv_get(c, col, &n);

	if (n == 0)
		return NULL;
	if (!attune_utf8_valid(s, n) || strlen(s) != n) {
		attune_csv_bad(c, "the %s is not UTF-8 text", what);
		*bad = 1;
		return NULL;
	}
	return attune_xstrdup(s);
}

/*
 * Read a wording file (attune-screen(1)): a CSV file with a header, one row
 * an item found by its id, and optionally a row "instruction".  Any fault
 * stops here, before a question is asked: said, naming file and line,
 * and -1, w freed.
 */
int
attune_wording_load(const char *path, const struct attune_instrument *in,
    struct attune_wording *w)
{
	struct attune_csv *c;
	const char *id;
	size_t n;
	int i, k, r, nopt, bad = 0;

	if ((c = attune_csv_open(path, wording_cols, ATTUNE_CSV_STRICT)) == NULL)
		return -1;
	while ((r = attune_csv_next(c)) == 1) {
		if (!attune_csv_has(c, 0) || !attune_csv_has(c, 1))
		{
			attune_warnx("%s: needs the columns 'item' "
			    "and 'text' (see attune-screen(1))", path);
			goto fail;
		}
		id = attune_csv_get(c, 0, &n);
		if (strcmp(id, "instruction") == 0) {
			free(w->instruction);
			w->instruction = wording_text(c, 1, "instruction", &bad);
			if (bad)
				goto fail;
			continue;
		}
		for (i = 0; i < in->nitems; i++)
			if (strcmp(in->items[i].id, id) == 0)
				break;
		if (i == in->nitems) {
			attune_csv_bad(c, "'%.40s' is not an item of the %s; its "
			    "items are %s to %s", id, in->label,
			    in->items[0].id, in->items[in->nitems - 1].id);
			goto fail;
		}
		if (w->text[i] != NULL) {
			attune_csv_bad(c, "item '%s' is given twice", id);
			goto fail;
		}
		if ((w->text[i] = wording_text(c, 1, "text", &bad)) == NULL) {
			if (bad)
				goto fail;
			attune_csv_bad(c, "item '%s' has no text", id);
			goto fail;
		}
		for (nopt = 0; nopt < ATTUNE_MAXOPTS; nopt++)
			if ((w->opt[i][nopt] = wording_text(c, 2 + nopt,
			    "option", &bad)) == NULL)
				break;
		if (bad)
			goto fail;
		for (k = nopt; k < ATTUNE_MAXOPTS; k++)
			if (attune_csv_get(c, 2 + k, &n), n > 0) {
				attune_csv_bad(c, "option%d is given after an "
				    "empty option%d", k + 1, nopt + 1);
				goto fail;
			}
		if (nopt != in->nopts && (nopt > 0 || in->options == NULL)) {
			attune_csv_bad(c, "item '%s' has %d options; the %s "
			    "needs %d, in the order printed on the form", id,
			    nopt, in->label, in->nopts);
			goto fail;
		}
	}
	if (r < 0)
		goto fail;
	if (attune_csv_close(c) < 0) {
		attune_wording_free(w);
		return -1;
	}
	for (i = 0; i < in->nitems; i++)
		if (w->text[i] == NULL) {
			attune_warnx("%s: has no row for item '%s'; the %s "
			    "needs all %d", path, in->items[i].id, in->label,
			    in->nitems);
			attune_wording_free(w);
			return -1;
		}
	return 0;
fail:
	attune_csv_close(c);
	attune_wording_free(w);
	return -1;
}

void
attune_wording_free(struct attune_wording *w)
{
	int i, k;

	free(w->instruction);
	for (i = 0; i < ATTUNE_MAXITEMS; i++) {
		free(w->text[i]);
		for (k = 0; k < ATTUNE_MAXOPTS; k++)
			free(w->opt[i][k]);
	}
	memset(w, 0, sizeof *w);
}

/* Read one answer line.  NULL when the person leaves (q, or end of input). */
static char *
ask(const char *prompt, char *line, size_t size)
{
	size_t n;
	int c;

	fputs(prompt, stderr);
	fflush(stderr);
	if (fgets(line, (int)size, stdin) == NULL)
		return NULL;
	n = strcspn(line, "\r\n");
	if (line[n] == '\0' && n == size - 1)
		while ((c = getchar()) != EOF && c != '\n')
			;
	line[n] = '\0';
	while (n > 0 && line[n - 1] == ' ')
		line[--n] = '\0';
	if (strcmp(line, "q") == 0 || strcmp(line, "Q") == 0)
		return NULL;
	return line;
}

static void
show_item(const struct attune_instrument *in, const struct attune_wording *w,
    int i, int was)
{
	const char *text = w->text[i] != NULL ? w->text[i] : in->items[i].text;
	const char *o;
	int k;

	fprintf(stderr, "\nitem %d of %d\n", i + 1, in->nitems);
	attune_wrap(stderr, text, 72, 0);
	for (k = 0; k < in->nopts; k++) {
		o = w->opt[i][0] != NULL ? w->opt[i][k] : in->options[k];
		fprintf(stderr, "  %d  ", k + 1);
		attune_put_safe(stderr, o, strlen(o));
		fputs(k + 1 == was ? "   (your answer before)\n" : "\n", stderr);
	}
}

/*
 * Ask every item, one at a time.  b goes back one item, q (or Ctrl-D)
 * leaves: then -1, and nothing is kept.  A safety item answered above its
 * lowest option shows the crisis lines at once, then the questions go on;
 * the lines come again before the result.
 */
int
attune_screen_ask(struct attune_result *r, const struct attune_wording *w,
    const char *region)
{
	const struct attune_instrument *in = r->in;
	char line[64], prompt[80];
	int i = 0, v;

	fprintf(stderr, "%s: %s, %d items\n\n", in->label, in->title,
	    in->nitems);
	attune_wrap(stderr, w->instruction != NULL ? w->instruction :
	    in->instruction, 72, 0);
	fprintf(stderr, "Recall period: %s.\n", in->recall);
	fprintf(stderr, "Type the number of your answer and press Enter; b "
	    "goes back one item,\nq leaves without saving anything.\n");
	memset(r->pos, 0, sizeof r->pos);
	snprintf(prompt, sizeof prompt, "answer (1-%d, b back, q leave): ",
	    in->nopts);
	while (i < in->nitems) {
		show_item(in, w, i, r->pos[i]);
		for (;;) {
			if (ask(prompt, line, sizeof line) == NULL)
				return -1;
			if (strcmp(line, "b") == 0 || strcmp(line, "B") == 0) {
				if (i > 0)
					break;
				fprintf(stderr, "This is the first item, so "
				    "there is nothing to go back to.\n");
				continue;
			}
			if (strlen(line) == 1 && line[0] >= '1' &&
			    line[0] < '1' + in->nopts)
				break;
			fprintf(stderr, "Please type a number from 1 to %d, b "
			    "to go back, or q to leave.\n", in->nopts);
		}
		if (line[0] == 'b' || line[0] == 'B') {
			i--;
			continue;
		}
		r->pos[i] = v = line[0] - '0';
		/* Once amid the questions (the PBQ has two safety items);
		 * after the last item they come with the result at once. */
		if (attune_item_raises(in, i, attune_item_points(in, i, v)) &&
		    i + 1 < in->nitems && !attune_crisis_shown()) {
			attune_crisis_between(ATTUNE_CRISIS_NONE, region);
			fprintf(stderr, "The questions go on below when you are "
			    "ready.\n");
		}
		i++;
	}
	fputc('\n', stderr);
	return 0;
}

static void
json_str(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	for (; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static void
print_json(FILE *f, const struct attune_result *r, const char *ts, const char *who,
    int logged)
{
	const struct attune_instrument *in = r->in;
	const struct attune_scale *s;
	int i, k, first = 1;

	fprintf(f, "{\"timestamp\":\"%s\",\"who\":", ts);
	json_str(f, who);
	fprintf(f, ",\"instrument\":\"%s\",\"title\":", in->name);
	json_str(f, in->title);
	fprintf(f, ",\"total\":%d,\"max\":%d,\"band\":\"%s\",\"band_text\":",
	    r->total, r->max, r->band->word);
	json_str(f, r->band->plain);
	fprintf(f, ",\"positive\":%s,\"partner\":%s,\"safety\":%s,"
	    "\"safety_items\":[", r->band->positive ? "true" : "false",
	    r->partner ? "true" : "false", r->safety ? "true" : "false");
	for (i = 0; i < in->nitems; i++)
		if (r->safety & (1ul << i)) {
			fprintf(f, "%s%d", first ? "" : ",", i + 1);
			first = 0;
		}
	fprintf(f, "],\"subscales\":[");
	for (k = 0, s = in->scales; s->name != NULL; k++, s++)
		fprintf(f, "%s{\"name\":\"%s\",\"title\":\"%s\",\"value\":%d,"
		    "\"max\":%d,\"cutoff\":%d,\"high\":%s}", k ? "," : "",
		    s->name, s->title, r->sub[k], s->max,
		    attune_scale_cutoff(s, r->partner),
		    r->high & (1u << k) ? "true" : "false");
	fprintf(f, "],\"answers\":[");
	for (i = 0; i < in->nitems; i++)
		fprintf(f, "%s{\"item\":%d,\"id\":\"%s\",\"position\":%d,"
		    "\"points\":%d}", i ? "," : "", i + 1, in->items[i].id,
		    r->pos[i], r->pts[i]);
	fprintf(f, "],\"logged\":%s}\n", logged ? "true" : "false");
}

static int
has_partner_cutoffs(const struct attune_instrument *in)
{
	const struct attune_scale *s;

	if (in->partner_bands != NULL)
		return 1;
	for (s = in->scales; s->name != NULL; s++)
		if (s->high_partner > 0)
			return 1;
	return 0;
}

/*
 * What a safety item answered above its lowest option may mean.  It
 * comes first, before the band: a low total must never read as "few
 * signs" when the answer about harm says otherwise.
 */
static const char *
safety_meaning(const struct attune_instrument *in)
{
	if (strcmp(in->name, "pbq") == 0)
		return "Your answers about harming your baby matter more than "
		    "any score. Frightening thoughts like these come to more "
		    "parents than ever say so, and telling someone is a caring "
		    "thing to do, for you and for your baby. Please talk to "
		    "someone today.";
	return "Your answer to the question about hurting yourself matters "
	    "more than the total, whatever the total is. Thoughts like these "
	    "are more common than people say, especially after a birth. They "
	    "are not your fault and they do not make you a bad parent; they "
	    "mean you deserve support now. Please talk to someone today.";
}

static void
print_text(FILE *f, const struct attune_result *r, const char *when,
    const char *logged)
{
	const struct attune_instrument *in = r->in;
	const struct attune_scale *s;
	struct attune_buf src = { 0 };
	int i, k;

	fprintf(f, "%s: %s, %s\n\n", in->label, in->title, when);
	if (in->scale_bands)
		fprintf(f, "Total:  %d of %d\n        (the %s has no cut-off for "
		    "its total; its scales carry the meaning)\n", r->total,
		    r->max, in->label);
	else
		fprintf(f, "Total:  %d of %d\n", r->total, r->max);
	if (r->safety)
		fprintf(f, "Result: %s, by the total alone;\n        the answer "
		    "to the safety question matters more\n", r->band->plain);
	else
		fprintf(f, "Result: %s\n", r->band->plain);
	if (in->scales[0].name != NULL)
		fprintf(f, "\nScales:\n");
	for (k = 0, s = in->scales; s->name != NULL; k++, s++)
		fprintf(f, "  %-23s %2d of %-3d  cut-off %2d%s  %s\n", s->title,
		    r->sub[k], s->max, attune_scale_cutoff(s, r->partner),
		    r->partner && s->high_partner ? " (partner)" : "",
		    r->high & (1u << k) ? "at or above" : "below");
	if (r->partner && !has_partner_cutoffs(in))
		fprintf(f, "\n(The %s has no separate cut-offs for partners, so "
		    "the usual ones were used.)\n", in->label);
	if (r->safety) {
		fprintf(f, "\nA safety question was answered above its lowest "
		    "option:");
		for (i = 0, k = 0; i < in->nitems; i++)
			if (r->safety & (1ul << i))
				fprintf(f, "%s %s", k++ ? "," : "", item_name(in, i));
		fprintf(f, ".\nThat is why the lines to call are shown above.\n");
	}
	fprintf(f, "\nWhat this may mean:\n");
	if (r->safety) {
		attune_wrap(f, safety_meaning(in), 72, 2);
		fputc('\n', f);
	}
	if (r->safety && !r->band->positive)
		attune_wrap(f, "The rest of your answers add up to a low "
		    "score. That does not make this answer matter any less.",
		    72, 2);
	else
		attune_wrap(f, r->band->meaning, 72, 2);
	for (k = 0, s = in->scales; s->name != NULL; k++, s++)
		if (r->high & (1u << k)) {
			fputc('\n', f);
			attune_wrap(f, s->meaning, 72, 2);
		}
	fputc('\n', f);
	attune_wrap(f, "A screen is not a diagnosis. It is a way to "
	    "notice how things are, and a good start for a conversation with "
	    "someone who can help.", 72, 0);
	fputc('\n', f);
	if (r->safety)
		attune_wrap(f, "Next step: please talk to someone today: "
		    "one of the lines above, or your doctor, midwife or health "
		    "visitor.", 72, 0);
	else if (r->band->positive || r->high)
		attune_wrap(f, "Next step: share this result with a "
		    "midwife, health visitor, doctor or perinatal therapist; you "
		    "can show them this screen. 'attune tips' has small, gentle "
		    "things to try meanwhile.", 72, 0);
	else
		attune_wrap(f, "Next step: if anything here worries you, "
		    "a midwife, health visitor, doctor or perinatal therapist is "
		    "a good person to tell. 'attune tips' has small, gentle "
		    "things to try.", 72, 0);
	fputc('\n', f);
	fprintf(f, "%s\n", logged);
	attune_buf_printf(&src, "Source: %s", in->citation);
	attune_wrap(f, src.s, 72, 0);
	attune_buf_free(&src);
	if (in->attribution != NULL)
		attune_wrap(f, in->attribution, 72, 0);
}

/* Write the row; 0, or -1 if the log could not be written (said why). */
int
attune_screen_log(const char *path, const struct attune_buf *row)
{
	struct attune_buf head = { 0 };
	int rc;

	attune_csv_header(&head, attune_screen_cols);
	rc = attune_append(path, head.s, row->s, row->len);
	attune_buf_free(&head);
	return rc;
}

/* The result in the --format asked for; path is NULL if not logged. */
void
attune_screen_print(FILE *f, int format, int dryrun,
    const struct attune_result *r, const struct attune_time *ts,
    const char *who, const struct attune_buf *row, const char *path)
{
	struct attune_buf b = { 0 };
	char tsbuf[32];

	attune_time_format(ts, tsbuf);
	if (format == ATTUNE_SCREEN_CSV) {
		attune_csv_header(&b, attune_screen_cols);
		fwrite(b.s, 1, b.len, f);
		attune_csv_sheet(f, row->s, row->len);	/* "=..." as text */
	} else if (format == ATTUNE_SCREEN_JSON)
		print_json(f, r, tsbuf, who, path != NULL);
	else if (format == ATTUNE_SCREEN_FHIR) {
		struct attune_detail *d = attune_detail_new();

		attune_detail_result(d, ts, who, r);
		attune_fhir_write(f, d);
		attune_detail_free(d);
	} else {
		tsbuf[16] = '\0';	/* 2026-11-22 21:04 */
		tsbuf[10] = ' ';
		if (dryrun)
			attune_buf_str(&b, "Not logged (--dry-run).");
		else if (path == NULL)
			attune_buf_str(&b, "Not logged: the log could not be "
			    "written.");
		else
			attune_buf_printf(&b, "Logged to %s.", path);
		print_text(f, r, tsbuf, b.s);
	}
	attune_buf_free(&b);
}

/*
 * Whether a list of answers (positions) or scores (points) puts a safety
 * item of in above its lowest option, each value read at its own
 * position whatever the others hold.  A value there that is no answer at
 * all (out of range, not a number) may be a yes mistyped, "9" for "3":
 * it counts as the most points, so that the crisis lines come before the
 * usage error.  Only an empty or missing value says nothing.
 */
static int
list_raises(const struct attune_instrument *in, const char *list, int scores)
{
	const char *p = list;
	struct value v;
	int i, pts;

	for (i = 0; p != NULL && i < in->nitems; i++) {
		p = next_value(p, &v);
		if (v.n == -2)
			continue;
		if (scores)
			pts = v.n >= 0 && attune_item_position(in, i, v.n) >= 0 ?
			    v.n : -1;
		else
			pts = attune_item_points(in, i, v.n);
		if (attune_item_raises(in, i, pts < 0 ?
		    attune_points_max(in) : pts))
			return 1;
	}
	return 0;
}

/* The lenient first reading of --answers and --scores: 1 when either
 * raises a safety item, for the lines to come before anything else. */
int
attune_screen_safety(const struct attune_instrument *in, const char *answers,
    const char *scores)
{
	return (answers != NULL && list_raises(in, answers, 0)) ||
	    (scores != NULL && list_raises(in, scores, 1));
}
