/*
 * attune-screen: take a validated questionnaire, score it exactly by its
 * published key, and log the result as one row in screens.csv.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune.h"

enum { F_TEXT, F_CSV, F_JSON, F_FHIR };

/* Item wording read from a --wording file; NULL where it gives none. */
struct wording {
	char	*instruction;
	char	*text[ATTUNE_MAXITEMS];
	char	*opt[ATTUNE_MAXITEMS][ATTUNE_MAXOPTS];
};

static int	 dryrun, format, lflag, pflag, qflag;
static const char *answersflag, *dirflag, *regionflag, *scoresflag,
		*timeflag, *whoflag, *wordingflag;

static const struct option longopts[] = {
	{ "answers",	required_argument,	NULL,	'a' },
	{ "dir",	required_argument,	NULL,	'd' },
	{ "dry-run",	no_argument,		NULL,	'y' },
	{ "format",	required_argument,	NULL,	'f' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "list",	no_argument,		NULL,	'l' },
	{ "partner",	no_argument,		NULL,	'p' },
	{ "quiet",	no_argument,		NULL,	'q' },
	{ "region",	required_argument,	NULL,	'r' },
	{ "scores",	required_argument,	NULL,	's' },
	{ "time",	required_argument,	NULL,	't' },
	{ "version",	no_argument,		NULL,	'V' },
	{ "who",	required_argument,	NULL,	'w' },
	{ "wording",	required_argument,	NULL,	'W' },
	{ NULL,		0,			NULL,	0 }
};

static const char *const formats[] = { "text", "csv", "json", "fhir",
	NULL };

static _Noreturn void
usage(void)
{
	printf("usage: attune-screen [-pq] [-a LIST | -s LIST] [-f FORMAT] "
	    "[-W FILE] [-t WHEN]\n"
	    "                     [-w NAME] [-d DIR] [-r REGION] [--dry-run] "
	    "INSTRUMENT\n"
	    "       attune-screen -l\n\n"
	    "  INSTRUMENT        pbq, epds, phq9, phq2, gad7 or gad2 "
	    "(-l lists them)\n"
	    "  -a, --answers L   the option chosen for each item, by position "
	    "(1 = top),\n"
	    "                    in item order: 1,3,2,...\n"
	    "  -s, --scores L    the points of each item, as on a scored "
	    "paper form\n"
	    "  -p, --partner     partner cut-offs: EPDS 11+ probable, "
	    "EPDS-3A 4+\n"
	    "  -W, --wording F   item wording for the EPDS (or a translation), "
	    "see attune-screen(1)\n"
	    "  -f, --format F    text (default), csv, json or fhir (a FHIR R4 "
	    "Bundle)\n"
	    "  -t, --time WHEN   when it was taken: a date, date-time, "
	    "'yesterday'\n"
	    "  -w, --who NAME    whose screen (default $ATTUNE_WHO, else me)\n"
	    "  -d, --dir DIR     the data directory\n"
	    "  -r, --region CC   crisis lines for this country, a code "
	    "like GB, US or IE\n"
	    "  -q, --quiet       print no result; crisis lines, when needed, "
	    "go to stderr\n"
	    "      --dry-run     score without logging\n"
	    "  -l, --list        the questionnaires, with their sources\n"
	    "With no answers at a terminal, it asks one item at a time.\n"
	    "Exit 3 when a safety question was answered above its lowest "
	    "option.\n\n%s\n", ATTUNE_PHQ_ATTRIBUTION);
	exit(attune_finish(ATTUNE_OK));
}

static void
list(void)
{
	const struct attune_instrument *in;
	int i;

	for (i = 0; (in = attune_instruments[i]) != NULL; i++) {
		printf("%-5s %s (%s), %d items\n", in->name, in->title,
		    in->label, in->nitems);
		printf("      measures %s\n", in->measures);
		attune_wrap(stdout, in->citation, 72, 6);
		if (!in->wording)
			printf("      scoring only: its wording is not included "
			    "(see attune-screen(1))\n");
	}
	putchar('\n');
	attune_wrap(stdout, ATTUNE_PHQ_ATTRIBUTION, 72, 0);
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

/*
 * --answers or --scores: one value an item, comma-separated, in item
 * order.  Positions are 1 to nopts; points are 0 to the most an option
 * scores, and are turned back into the position that scores them.
 */
static void
parse_values(const struct attune_instrument *in, const char *opt,
    const char *val, int scores, int *pos)
{
	const char *p = val, *q, *e, *f;
	int i, v, min = scores ? 0 : 1;
	int max = scores ? attune_points_max(in) : in->nopts;

	for (i = 0;; i++) {
		q = p + strcspn(p, ",");
		if (i >= in->nitems)
			attune_usage_error("%s: more than %d values; the %s has "
			    "%d items, so there is no item %d", opt, in->nitems,
			    in->label, in->nitems, i + 1);
		while (p < q && *p == ' ')
			p++;
		for (e = q; e > p && e[-1] == ' '; e--)
			;
		if (p == e)
			attune_usage_error("%s: %s has no value; give one for "
			    "each of the %d items, separated by commas", opt,
			    item_name(in, i), in->nitems);
		/* Past 1000 every number is just out of range. */
		for (f = p, v = 0; p < e && *p >= '0' && *p <= '9'; p++)
			v = v < 1000 ? v * 10 + (*p - '0') : v;
		if (p != e)
			attune_usage_error("%s: %s is '%.*s', not a number; use "
			    "%d to %d", opt, item_name(in, i), (int)(e - f), f,
			    min, max);
		if (v < min || v > max)
			attune_usage_error("%s: %s is %.*s, out of range; use "
			    "%d to %d%s", opt, item_name(in, i), (int)(e - f), f,
			    min, max,
			    scores ? " points" :
			    " (the option's position, 1 = top)");
		pos[i] = scores ? attune_item_position(in, i, v) : v;
		if (pos[i] < 0)
			attune_usage_error("%s: %s is %d, but no option of it "
			    "scores %d", opt, item_name(in, i), v, v);
		if (*q == '\0')
			break;
		p = q + 1;
	}
	if (i + 1 < in->nitems)
		attune_usage_error("%s: %s has no value: %d given, and the %s "
		    "has %d items", opt, item_name(in, i + 1), i + 1,
		    in->label, in->nitems);
}

/* The wording file's columns; an item row gives text and its options. */
static const char *const wording_cols[] = {
	"item", "text", "option1", "option2", "option3", "option4", "option5",
	"option6", "option7", "option8", NULL
};

static char *
wording_text(struct attune_csv *c, int col, const char *what)
{
	size_t n;
	const char *s = attune_csv_get(c, col, &n);

	if (n == 0)
		return NULL;
	if (!attune_utf8_valid(s, n) || strlen(s) != n) {
		attune_csv_bad(c, "the %s is not UTF-8 text", what);
		exit(ATTUNE_FAIL);
	}
	return attune_xstrdup(s);
}

/*
 * Read a wording file (attune-screen(1)): a CSV file with a header, one row
 * an item found by its id, and optionally a row "instruction".  Any fault
 * stops here, before a question is asked: exit 1, naming file and line.
 */
static void
load_wording(const char *path, const struct attune_instrument *in,
    struct wording *w)
{
	struct attune_csv *c;
	const char *id;
	size_t n;
	int i, k, r, nopt;

	if ((c = attune_csv_open(path, wording_cols, ATTUNE_CSV_STRICT)) == NULL)
		exit(ATTUNE_FAIL);
	while ((r = attune_csv_next(c)) == 1) {
		if (!attune_csv_has(c, 0) || !attune_csv_has(c, 1))
			attune_errx(ATTUNE_FAIL, "%s: needs the columns 'item' "
			    "and 'text' (see attune-screen(1))", path);
		id = attune_csv_get(c, 0, &n);
		if (strcmp(id, "instruction") == 0) {
			free(w->instruction);
			w->instruction = wording_text(c, 1, "instruction");
			continue;
		}
		for (i = 0; i < in->nitems; i++)
			if (strcmp(in->items[i].id, id) == 0)
				break;
		if (i == in->nitems) {
			attune_csv_bad(c, "'%.40s' is not an item of the %s; its "
			    "items are %s to %s", id, in->label,
			    in->items[0].id, in->items[in->nitems - 1].id);
			exit(ATTUNE_FAIL);
		}
		if (w->text[i] != NULL) {
			attune_csv_bad(c, "item '%s' is given twice", id);
			exit(ATTUNE_FAIL);
		}
		if ((w->text[i] = wording_text(c, 1, "text")) == NULL) {
			attune_csv_bad(c, "item '%s' has no text", id);
			exit(ATTUNE_FAIL);
		}
		for (nopt = 0; nopt < ATTUNE_MAXOPTS; nopt++)
			if ((w->opt[i][nopt] = wording_text(c, 2 + nopt,
			    "option")) == NULL)
				break;
		for (k = nopt; k < ATTUNE_MAXOPTS; k++)
			if (attune_csv_get(c, 2 + k, &n), n > 0) {
				attune_csv_bad(c, "option%d is given after an "
				    "empty option%d", k + 1, nopt + 1);
				exit(ATTUNE_FAIL);
			}
		if (nopt != in->nopts && (nopt > 0 || in->options == NULL)) {
			attune_csv_bad(c, "item '%s' has %d options; the %s "
			    "needs %d, in the order printed on the form", id,
			    nopt, in->label, in->nopts);
			exit(ATTUNE_FAIL);
		}
	}
	if (r < 0 || attune_csv_close(c) < 0)
		exit(ATTUNE_FAIL);
	for (i = 0; i < in->nitems; i++)
		if (w->text[i] == NULL)
			attune_errx(ATTUNE_FAIL, "%s: has no row for item '%s'; "
			    "the %s needs all %d", path, in->items[i].id,
			    in->label, in->nitems);
}

static _Noreturn void
epds_explain(void)
{
	attune_warnx("the EPDS can only be asked here with a wording file");
	fputs("Its copyright holder, the Royal College of Psychiatrists, "
	    "requires written\npermission to distribute its questions, so "
	    "attune does not include them.\n\n"
	    "If you have filled in a paper EPDS, you can enter it:\n"
	    "  attune screen epds --answers 1,2,4,...  the position of each "
	    "answer ticked\n"
	    "                                          (1 = the top one), "
	    "item by item\n"
	    "  attune screen epds --scores 0,1,3,...   the points, if the form "
	    "is scored\n"
	    "If your midwife or clinic gave you the wording as a file, use\n"
	    "  attune screen epds --wording FILE\n"
	    "The file format is in attune-screen(1).\n", stderr);
	exit(ATTUNE_USAGE);
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
show_item(const struct attune_instrument *in, const struct wording *w,
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
static int
interactive(struct attune_result *r, const struct wording *w,
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
		/* After the last item they come with the result at once. */
		if (in->items[i].safety && attune_item_points(in, i, v) > 0 &&
		    i + 1 < in->nitems) {
			fputc('\n', stderr);
			attune_crisis_print(stderr, region);
			fprintf(stderr, "The questions go on below when you are "
			    "ready.\n");
		}
		i++;
	}
	return 0;
}

static void
json_str(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	putchar('"');
	for (; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

static void
print_json(const struct attune_result *r, const char *ts, const char *who,
    int logged)
{
	const struct attune_instrument *in = r->in;
	const struct attune_scale *s;
	int i, k, first = 1;

	printf("{\"timestamp\":\"%s\",\"who\":", ts);
	json_str(who);
	printf(",\"instrument\":\"%s\",\"title\":", in->name);
	json_str(in->title);
	printf(",\"total\":%d,\"max\":%d,\"band\":\"%s\",\"band_text\":",
	    r->total, r->max, r->band->word);
	json_str(r->band->plain);
	printf(",\"positive\":%s,\"partner\":%s,\"safety\":%s,"
	    "\"safety_items\":[", r->band->positive ? "true" : "false",
	    r->partner ? "true" : "false", r->safety ? "true" : "false");
	for (i = 0; i < in->nitems; i++)
		if (r->safety & (1ul << i)) {
			printf("%s%d", first ? "" : ",", i + 1);
			first = 0;
		}
	printf("],\"subscales\":[");
	for (k = 0, s = in->scales; s->name != NULL; k++, s++)
		printf("%s{\"name\":\"%s\",\"title\":\"%s\",\"value\":%d,"
		    "\"max\":%d,\"cutoff\":%d,\"high\":%s}", k ? "," : "",
		    s->name, s->title, r->sub[k], s->max,
		    attune_scale_cutoff(s, r->partner),
		    r->high & (1u << k) ? "true" : "false");
	printf("],\"answers\":[");
	for (i = 0; i < in->nitems; i++)
		printf("%s{\"item\":%d,\"id\":\"%s\",\"position\":%d,"
		    "\"points\":%d}", i ? "," : "", i + 1, in->items[i].id,
		    r->pos[i], r->pts[i]);
	printf("],\"logged\":%s}\n", logged ? "true" : "false");
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
print_text(const struct attune_result *r, const char *when,
    const char *logged)
{
	const struct attune_instrument *in = r->in;
	const struct attune_scale *s;
	struct attune_buf src = { 0 };
	int i, k;

	printf("%s: %s, %s\n\n", in->label, in->title, when);
	if (in->scale_bands)
		printf("Total:  %d of %d\n        (the %s has no cut-off for "
		    "its total; its scales carry the meaning)\n", r->total,
		    r->max, in->label);
	else
		printf("Total:  %d of %d\n", r->total, r->max);
	if (r->safety)
		printf("Result: %s, by the total alone;\n        the answer "
		    "to the safety question matters more\n", r->band->plain);
	else
		printf("Result: %s\n", r->band->plain);
	if (in->scales[0].name != NULL)
		printf("\nScales:\n");
	for (k = 0, s = in->scales; s->name != NULL; k++, s++)
		printf("  %-23s %2d of %-3d  cut-off %2d%s  %s\n", s->title,
		    r->sub[k], s->max, attune_scale_cutoff(s, r->partner),
		    r->partner && s->high_partner ? " (partner)" : "",
		    r->high & (1u << k) ? "at or above" : "below");
	if (r->partner && !has_partner_cutoffs(in))
		printf("\n(The %s has no separate cut-offs for partners, so "
		    "the usual ones were used.)\n", in->label);
	if (r->safety) {
		printf("\nA safety question was answered above its lowest "
		    "option:");
		for (i = 0, k = 0; i < in->nitems; i++)
			if (r->safety & (1ul << i))
				printf("%s %s", k++ ? "," : "", item_name(in, i));
		printf(".\nThat is why the lines to call are shown above.\n");
	}
	printf("\nWhat this may mean:\n");
	if (r->safety) {
		attune_wrap(stdout, safety_meaning(in), 72, 2);
		putchar('\n');
	}
	if (r->safety && !r->band->positive)
		attune_wrap(stdout, "The rest of your answers add up to a low "
		    "score. That does not make this answer matter any less.",
		    72, 2);
	else
		attune_wrap(stdout, r->band->meaning, 72, 2);
	for (k = 0, s = in->scales; s->name != NULL; k++, s++)
		if (r->high & (1u << k)) {
			putchar('\n');
			attune_wrap(stdout, s->meaning, 72, 2);
		}
	putchar('\n');
	attune_wrap(stdout, "A screen is not a diagnosis. It is a way to "
	    "notice how things are, and a good start for a conversation with "
	    "someone who can help.", 72, 0);
	putchar('\n');
	if (r->safety)
		attune_wrap(stdout, "Next step: please talk to someone today: "
		    "one of the lines above, or your doctor, midwife or health "
		    "visitor.", 72, 0);
	else if (r->band->positive || r->high)
		attune_wrap(stdout, "Next step: share this result with a "
		    "midwife, health visitor, doctor or perinatal therapist; you "
		    "can show them this screen. 'attune tips' has small, gentle "
		    "things to try meanwhile.", 72, 0);
	else
		attune_wrap(stdout, "Next step: if anything here worries you, "
		    "a midwife, health visitor, doctor or perinatal therapist is "
		    "a good person to tell. 'attune tips' has small, gentle "
		    "things to try.", 72, 0);
	putchar('\n');
	printf("%s\n", logged);
	attune_buf_printf(&src, "Source: %s", in->citation);
	attune_wrap(stdout, src.s, 72, 0);
	attune_buf_free(&src);
	if (in->attribution != NULL)
		attune_wrap(stdout, in->attribution, 72, 0);
}

/* Write the row; 0, or -1 if the log could not be written (said why). */
static int
log_row(const char *path, const struct attune_buf *row)
{
	struct attune_buf head = { 0 };
	int rc;

	attune_csv_header(&head, attune_screen_cols);
	rc = attune_append(path, head.s, row->s, row->len);
	attune_buf_free(&head);
	return rc;
}

/*
 * The answers: from --answers or --scores, else asked at the terminal.
 * -1 if the person left without finishing.
 */
static int
get_answers(struct attune_result *r, const char *region)
{
	static struct wording w;
	const struct attune_instrument *in = r->in;

	if (answersflag != NULL) {
		parse_values(in, "--answers", answersflag, 0, r->pos);
		return 0;
	}
	if (scoresflag != NULL) {
		parse_values(in, "--scores", scoresflag, 1, r->pos);
		return 0;
	}
	if (!in->wording && wordingflag == NULL)
		epds_explain();
	if (!isatty(STDIN_FILENO))
		attune_usage_error("no answers: give --answers or --scores (at "
		    "a terminal, it asks)");
	if (wordingflag != NULL)
		load_wording(wordingflag, in, &w);
	if (interactive(r, &w, region) < 0)
		return -1;
	fputc('\n', stderr);
	return 0;
}

/* The result in the --format asked for; path is NULL if not logged. */
static void
print_result(const struct attune_result *r, const struct attune_time *ts,
    const char *who, const struct attune_buf *row, const char *path)
{
	struct attune_buf b = { 0 };
	char tsbuf[32];

	attune_time_format(ts, tsbuf);
	if (format == F_CSV) {
		attune_csv_header(&b, attune_screen_cols);
		fwrite(b.s, 1, b.len, stdout);
		attune_csv_sheet(stdout, row->s, row->len);	/* "=..." as text */
	} else if (format == F_JSON)
		print_json(r, tsbuf, who, path != NULL);
	else if (format == F_FHIR) {
		struct attune_detail *d = attune_detail_new(INT64_MIN,
		    INT64_MAX, 0);

		attune_detail_result(d, ts, who, r);
		attune_fhir_write(stdout, d);
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
		print_text(r, tsbuf, b.s);
	}
	attune_buf_free(&b);
}

/* The index-th value of a comma-separated list as a number, or -1 if it
 * is missing or not one. */
static int
nth_value(const char *list, int index)
{
	const char *p = list;
	int v = -1;

	for (; index > 0 && p != NULL; index--)
		if ((p = strchr(p, ',')) != NULL)
			p++;
	if (p == NULL)
		return -1;
	while (*p == ' ')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	for (v = 0; *p >= '0' && *p <= '9'; p++)
		v = v < 1000 ? v * 10 + (*p - '0') : v;
	while (*p == ' ')
		p++;
	return *p == ',' || *p == '\0' ? v : -1;
}

/* Whether answers or scores put a safety item of in above its lowest
 * option, each value read at its own position whatever the others hold. */
static int
safety_given(const struct attune_instrument *in, const char *answers,
    const char *scores)
{
	int i, v;

	for (i = 0; i < in->nitems; i++) {
		if (!in->items[i].safety)
			continue;
		if (answers != NULL && (v = nth_value(answers, i)) >= 0 &&
		    attune_item_points(in, i, v) > 0)
			return 1;
		if (scores != NULL && nth_value(scores, i) > 0)
			return 1;
	}
	return 0;
}

/*
 * Safety is judged before any option is checked, so that a mistake
 * elsewhere (a bad --time, --format or --region, an answer too many or
 * too few) never keeps the crisis lines back: they come first, and the
 * usage error after them.  Options are read leniently here; --format and
 * --quiet, when well formed, say where the lines go, and a --region that
 * is not one shows every region's lines.  Every questionnaire named is
 * judged.  1 if the lines are needed.
 */
static int
safety_first(int argc, char **argv0, const char **region)
{
	const struct attune_instrument *in;
	const char *a = NULL, *s = NULL, *rflag = NULL, *env;
	char **argv;
	int c, i, safety = 0;

	/* GNU getopt moves the arguments as it goes: this pass reads a copy,
	 * so that the real one sees them as given ("phq2 --answers" must
	 * still lack its value). */
	argv = attune_xreallocarray(NULL, (size_t)argc + 1, sizeof *argv);
	memcpy(argv, argv0, ((size_t)argc + 1) * sizeof *argv);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":a:d:f:hlpqr:s:t:VW:w:",
	    longopts, NULL)) != -1) {
		if (c == 'a')
			a = optarg;
		else if (c == 's')
			s = optarg;
		else if (c == 'r')
			rflag = optarg;
		else if (c == 'q')
			qflag = 1;
		else if (c == 'f' && (i = attune_word_index(formats, optarg,
		    strlen(optarg))) >= 0)
			format = i;
	}
	for (i = optind; i < argc; i++)
		if ((in = attune_instrument(argv[i])) != NULL)
			safety |= safety_given(in, a, s);
	free(argv);
	optind = 0;	/* GNU getopt: start afresh for the real pass */
	if (!safety)
		return 0;
	/* A bad ATTUNE_REGION is warned about later, after the lines. */
	if (rflag == NULL && (env = getenv("ATTUNE_REGION")) != NULL &&
	    *env != '\0')
		rflag = env;
	if (attune_region_parse(rflag, region) < 0)
		*region = NULL;
	return 1;
}

/* The crisis lines: on stdout with the text result, else on stderr (the
 * data stays clean, and -q never silences them); on stderr as well when
 * stdout is not a terminal. */
static void
crisis(const char *region)
{
	FILE *f = format == F_TEXT && !qflag ? stdout : stderr;

	attune_crisis_print(f, region);
	fflush(f);
	attune_crisis_stderr(region);
}

int
main(int argc, char **argv)
{
	struct attune_result r;
	struct attune_time now, ts;
	struct attune_buf row = { 0 };
	const struct attune_instrument *in;
	const char *region, *who, *why;
	char *dir = NULL, *path = NULL;
	int c, early, status = ATTUNE_OK;

	attune_setprog(argv[0]);
	attune_opt_longopts(longopts);
	if ((early = safety_first(argc, argv, &region)))
		crisis(region);
	while ((c = getopt_long(argc, argv, ":a:d:f:hlpqr:s:t:VW:w:",
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			answersflag = optarg;
			break;
		case 'd':
			dirflag = optarg;
			break;
		case 'f':
			format = attune_opt_choice("--format", optarg, formats);
			break;
		case 'h':
			usage();
		case 'l':
			lflag = 1;
			break;
		case 'p':
			pflag = 1;
			break;
		case 'q':
			qflag = 1;
			break;
		case 'r':
			regionflag = optarg;
			break;
		case 's':
			scoresflag = optarg;
			break;
		case 't':
			timeflag = optarg;
			break;
		case 'V':
			printf("attune-screen %s\n", ATTUNE_VERSION);
			return attune_finish(ATTUNE_OK);
		case 'W':
			wordingflag = optarg;
			break;
		case 'w':
			whoflag = optarg;
			break;
		case 'y':
			dryrun = 1;
			break;
		default:
			attune_opt_unknown(c, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (lflag) {
		if (argc > 0)
			attune_usage_error("--list takes no questionnaire; "
			    "it lists them all");
		list();
		return attune_finish(ATTUNE_OK);
	}
	if (argc == 0)
		attune_usage_error("which questionnaire? Choose pbq, epds, "
		    "phq9, phq2, gad7 or gad2 ('attune screen --list' says "
		    "more)");
	if (argc > 1)
		attune_usage_error("one questionnaire at a time, please; "
		    "'%s' is one too many", argv[1]);
	if ((in = attune_instrument(argv[0])) == NULL)
		attune_usage_error("'%s' is not a questionnaire attune knows; "
		    "choose pbq, epds, phq9, phq2, gad7 or gad2", argv[0]);
	if (answersflag != NULL && scoresflag != NULL)
		attune_usage_error("give --answers or --scores, not both");
	attune_conf_dir(dirflag);
	who = attune_opt_who(whoflag);
	region = attune_region(regionflag);
	attune_time_now(&now);
	ts = now;
	if (timeflag != NULL) {
		if (attune_time_user(timeflag, &ts, &why) < 0)
			attune_usage_error("--time: '%s' %s", timeflag, why);
		if (attune_time_epoch(&ts) > attune_time_epoch(&now) + 600)
			attune_usage_error("--time: '%s' is in the future; a "
			    "screen is logged for now or earlier", timeflag);
	}
	memset(&r, 0, sizeof r);
	r.in = in;
	r.partner = pflag;
	if (get_answers(&r, region) < 0) {
		fprintf(stderr, "\nLeft without saving; nothing was written.\n");
		return attune_finish(ATTUNE_OK);
	}
	attune_score(&r);

	/* Crisis lines before anything else: shown already for answers
	 * given as options, so here only for answers asked at a terminal. */
	if (r.safety) {
		if (!early)
			crisis(region);
		status = ATTUNE_ATTENTION;
	}
	attune_screen_row(&row, &ts, who, &r);
	if (!dryrun) {
		dir = attune_dir_resolve(dirflag);
		path = attune_dir_file(dir, "screens.csv");
		if (attune_dir_make(dir) < 0 || log_row(path, &row) < 0) {
			free(path);
			path = NULL;
			status = ATTUNE_FAIL;
		}
	}
	if (!qflag)
		print_result(&r, &ts, who, &row, path);
	if (status == ATTUNE_FAIL)
		fprintf(stderr, "%s: the result above was not logged.\n",
		    attune_prog());
	free(path);
	free(dir);
	attune_buf_free(&row);
	/* Logged, the row on disk: a result that cannot be shown is a
	 * warning, and the status still says logged (0, or 3), so that no
	 * one screens again and logs it twice. */
	if (!dryrun && status != ATTUNE_FAIL &&
	    (fflush(stdout) == EOF || ferror(stdout))) {
		attune_warn("the screen is logged, but its result could not be "
		    "shown");
		clearerr(stdout);
		return status;
	}
	return attune_finish(status);
}
