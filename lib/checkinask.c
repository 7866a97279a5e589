/*
 * attune-checkin's questions at a terminal, when no value is given: each
 * measure, the moments and concerns, a note, then the check-in as it will
 * be written and a last word before saving (lib/checkinrun.c logs it).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"

/* What a prompt's answer was: a line, or a way out. */
enum { Q_LINE, Q_QUIT, Q_EOF, Q_BACK };

/*
 * Ask, and read one line into line: Q_LINE, or Q_QUIT for q, Q_BACK for
 * b, Q_EOF for Ctrl-D (or the end of the input).
 */
static int
ask(const char *prompt, char *line, size_t size)
{
	size_t n;

	fprintf(stderr, "%s", prompt);
	fflush(stderr);
	if (fgets(line, (int)size, stdin) == NULL)
		return Q_EOF;
	n = strcspn(line, "\r\n");
	if (line[n] == '\0' && n == size - 1) {
		/* Longer than the buffer: drop the rest of the line. */
		int c;
		while ((c = getchar()) != EOF && c != '\n')
			;
	}
	line[n] = '\0';
	if (strcmp(line, "q") == 0 || strcmp(line, "Q") == 0)
		return Q_QUIT;
	if (strcmp(line, "b") == 0 || strcmp(line, "B") == 0)
		return Q_BACK;
	return Q_LINE;
}

/* One measure; on a second visit Enter keeps the answer given before. */
static int
ask_measure(int k, int *v)
{
	const struct attune_measure *m = &attune_measures[k];
	char line[256], prompt[256], now[32];
	int max = m->tenths ? m->max / 10 : m->max, r;

	fprintf(stderr, "\n%s\n  0 = %s, %d = %s\n", m->question, m->low,
	    max, m->high);
	if (*v >= 0) {
		struct attune_buf b = { 0 };

		attune_measure_put(&b, k, *v);
		snprintf(now, sizeof now, "Enter keeps %s", b.s);
		attune_buf_free(&b);
	} else
		snprintf(now, sizeof now, "Enter to skip");
	snprintf(prompt, sizeof prompt, "%s (0-%d, %s, b back, q leave): ",
	    m->name, max, now);
	for (;;) {
		if ((r = ask(prompt, line, sizeof line)) != Q_LINE)
			return r;
		if (line[0] == '\0')
			return Q_LINE;
		if (m->tenths) {
			/* At most one decimal, as --sleep takes. */
			if (attune_parse_tenths(line, 0, m->max, v) == 0)
				return Q_LINE;
			fprintf(stderr, "Please give hours from 0 to %d, like "
			    "6 or 5.5, or press Enter to skip.\n", max);
			continue;
		}
		/* Digits only: a sign is not a count. */
		if (strspn(line, "0123456789") == strlen(line) &&
		    attune_parse_int(line, 0, max, v) == 0)
			return Q_LINE;
		fprintf(stderr, "Please answer with a whole number from 0 to "
		    "%d, or press Enter to skip.\n", max);
	}
}

/* Words from a list; a word not in it is named, with the nearest one. */
static int
ask_words(const char *question, const char *const *words, unsigned *set,
    int again)
{
	struct attune_buf list = { 0 };
	char line[1024], word[32], qv[ATTUNE_VALUE];
	const char *p, *q, *bad, *near;
	unsigned got;
	size_t n;
	int r;

	fprintf(stderr, "\n%s\n", question);
	attune_buf_str(&list, "  ");
	attune_words_join(&list, words, ", ");
	attune_say("%s", list.s);
	attune_buf_free(&list);
	for (;;) {
		if ((r = ask(again && *set ? "(separate with commas, Enter "
		    "keeps them, b back, q leave): " : "(separate with commas, "
		    "Enter for none, b back, q leave): ", line, sizeof line)) !=
		    Q_LINE)
			return r;
		if (line[0] == '\0' && again)
			return Q_LINE;
		got = 0;
		bad = NULL;
		for (p = line; *p != '\0' && bad == NULL; p = *q ? q + 1 : q) {
			while (*p == ' ')
				p++;
			q = p + strcspn(p, ", ");
			if (q == p)
				continue;
			/* In any case, as --flag and --did take them. */
			snprintf(word, sizeof word, "%.*s", (int)(q - p), p);
			if ((size_t)(q - p) >= sizeof word ||
			    attune_parse_words(word, words, &got, &bad, &n) < 0)
				bad = attune_safe_value(qv, sizeof qv, p,
				    (size_t)(q - p));
		}
		if (bad == NULL) {
			*set = got;
			return Q_LINE;
		}
		fprintf(stderr, "'%s' is not in the list", bad);
		if ((near = attune_suggest(word, words)) != NULL)
			fprintf(stderr, "; did you mean %s?", near);
		fprintf(stderr, "\nPlease use words from the list, or press "
		    "Enter for none.\n");
	}
}

/* The day a check-in is for, as a person says it. */
static void
for_day(const struct attune_time *ts, char *buf, size_t size)
{
	struct attune_time now;
	char date[16];

	attune_time_now(&now);
	attune_date_format(ts->days, date);
	if (ts->days == now.days)
		snprintf(buf, size, "today");
	else if (ts->days == now.days - 1)
		snprintf(buf, size, "yesterday, %s", date);
	else
		snprintf(buf, size, "%s", date);
}

/* The check-in in a line, as it will be written. */
static void
summary(const struct attune_checkin *ci, struct attune_buf *b)
{
	int k, w, n = 0;

	for (k = 0; k < ATTUNE_NMEASURES; k++) {
		if (ci->v[k] < 0)
			continue;
		attune_buf_printf(b, "%s%s ", n++ ? ", " : "",
		    attune_measures[k].name);
		attune_measure_put(b, k, ci->v[k]);
		if (k == ATTUNE_SLEEP)
			attune_buf_str(b, " h");
	}
	for (w = 0; attune_did_words[w] != NULL; w++)
		if (ci->did & (1u << w))
			attune_buf_printf(b, "%s%s", n++ ? ", " : "",
			    attune_did_words[w]);
	for (w = 0; attune_flag_words[w] != NULL; w++)
		if (ci->flags & (1u << w))
			attune_buf_printf(b, "%s%s", n++ ? ", " : "",
			    attune_flag_words[w]);
	if (ci->notelen > 0)
		attune_buf_printf(b, "%snote: %s", n++ ? "; " : "", ci->note);
	if (n == 0)
		attune_buf_str(b, "nothing yet");
}

/*
 * The questions, one by one, then the check-in as it will be written and
 * a last word before saving.  b goes back one question, q leaves without
 * saving; Ctrl-D offers to save what was answered.  0 to save, -1 not.
 */
static int
interactive(struct attune_checkin *ci, enum attune_crisis_to lines,
    const char *region)
{
	static char note[4096];
	struct attune_buf b = { 0 };
	char day[48], line[64];
	int step = 0, r = Q_LINE, seen[10] = { 0 };

	for_day(&ci->ts, day, sizeof day);
	fprintf(stderr, "A quick check-in for ");
	attune_put_safe(stderr, ci->who, strlen(ci->who));
	fprintf(stderr, ", %s.\nAnswer what you like; Enter skips a "
	    "question, b goes back one, q leaves\nwithout saving, and Ctrl-D "
	    "offers to save what you answered.\n", day);
	while (step <= ATTUNE_NMEASURES + 3) {
		if (step < ATTUNE_NMEASURES)
			r = ask_measure(step, &ci->v[step]);
		else if (step == ATTUNE_NMEASURES)
			r = ask_words("Which of these did you share with your "
			    "baby today?", attune_did_words, &ci->did,
			    seen[step]);
		else if (step == ATTUNE_NMEASURES + 1) {
			r = ask_words("Has any of these been with you today? "
			    "(cant-care: finding it hard to care for the baby;"
			    "\nharm: thoughts of hurting yourself or your "
			    "baby)", attune_flag_words, &ci->flags, seen[step]);
			if (r == Q_LINE && (ci->flags & ATTUNE_FLAG_HARM) &&
			    !attune_crisis_shown())
				attune_crisis_between(lines, region);
		} else if (step == ATTUNE_NMEASURES + 2) {
			static char typed[sizeof note];

			fputc('\n', stderr);
			r = ask(seen[step] && ci->notelen ? "A note, if you like "
			    "(Enter keeps it, b back, q leave): " : "A note, if "
			    "you like (Enter to skip, b back, q leave): ", typed,
			    sizeof typed);
			if (r == Q_LINE && typed[0] != '\0' &&
			    !attune_utf8_valid(typed, strlen(typed)))
				fprintf(stderr, "The note has characters that are "
				    "not UTF-8 text, so it was left out.\n");
			else if (r == Q_LINE && (typed[0] != '\0' ||
			    !seen[step])) {
				memcpy(note, typed, sizeof note);
				ci->note = note;
				ci->notelen = strlen(note);
			}
		} else {
			b.len = 0;
			summary(ci, &b);
			fprintf(stderr, "\nFor ");
			attune_put_safe(stderr, ci->who, strlen(ci->who));
			fprintf(stderr, ", %s: ", day);
			attune_put_safe(stderr, b.s, b.len);
			r = ask("\nSave it? (Enter or y saves, b goes back, n "
			    "leaves without saving): ", line, sizeof line);
			if (r == Q_LINE && (line[0] == 'n' || line[0] == 'N'))
				r = Q_QUIT;
		}
		if (r == Q_BACK) {
			if (step > 0)
				step--;
			else
				fprintf(stderr, "This is the first question; "
				    "there is nothing to go back to.\n");
			continue;
		}
		if (r == Q_QUIT)
			break;
		if (r == Q_EOF) {
			clearerr(stdin);
			if (!attune_checkin_answered(ci))
				break;
			b.len = 0;
			summary(ci, &b);
			fprintf(stderr, "\nSo far: ");
			attune_put_safe(stderr, b.s, b.len);
			r = ask("\nSave what you answered? (y saves, anything "
			    "else leaves): ", line, sizeof line);
			r = r == Q_LINE && (line[0] == 'y' || line[0] ==
			    'Y') ? Q_LINE : Q_QUIT;
			break;
		}
		seen[step] = 1;
		step++;
	}
	attune_buf_free(&b);
	return r == Q_LINE ? 0 : -1;
}

/* No values given: ask at a terminal, the words after it on info and the
 * crisis lines where lines says (checkinrun.c's lines_to).  1 when there
 * is nothing to log. */
int
attune_checkin_ask(struct attune_checkin *ci, FILE *info,
    enum attune_crisis_to lines, const char *region)
{
	if (!isatty(STDIN_FILENO))
		attune_usage_error("nothing to log: give at least one of "
		    "--mood, --bond, --anxiety, --numb, --sleep, --did, "
		    "--flag or --note (at a terminal, it asks)");
	if (interactive(ci, lines, region) < 0) {
		fprintf(info, "\nLeft without saving; nothing was "
		    "written.\n");
		return 1;
	}
	if (!attune_checkin_answered(ci)) {
		fprintf(info, "Nothing was answered, so nothing was "
		    "written. That is fine too.\n");
		return 1;
	}
	return 0;
}
