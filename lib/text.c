/*
 * text.c: UTF-8 checks and the safe display of text taken from a log.
 * A note may hold anything its writer typed, but printing it must never
 * move the cursor or change the terminal's colours, so control characters
 * are shown as visible escapes instead of being sent to the terminal.
 */
#include <sys/ioctl.h>

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune.h"

/* Length of the valid UTF-8 sequence at s, or 0 if there is none. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len, i;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

int
attune_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = utf8_len(p + i, n - i)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

/*
 * Print logged text with every control character (C0, DEL, C1) shown as a
 * visible escape: a newline as "\n", a tab as "\t", others as "\xHH".
 * Bytes that are not valid UTF-8 are shown as "\xHH" too.
 */
void
attune_put_safe(FILE *f, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		if (p[i] == '\n') {
			fputs("\\n", f);
			i++;
		} else if (p[i] == '\t') {
			fputs("\\t", f);
			i++;
		} else if (p[i] < 0x20 || p[i] == 0x7f) {
			fprintf(f, "\\x%02x", p[i]);
			i++;
		} else if (p[i] < 0x80) {
			fputc(p[i], f);
			i++;
		} else if ((k = utf8_len(p + i, n - i)) == 0) {
			fprintf(f, "\\x%02x", p[i]);
			i++;
		} else if (k == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0) {
			/* C1 controls, U+0080 to U+009F. */
			fprintf(f, "\\u%04x", p[i + 1]);
			i += 2;
		} else {
			fwrite(p + i, 1, k, f);
			i += k;
		}
	}
}

/* Display width of one word, counting each UTF-8 character as one column. */
static int
width(const char *s, size_t n)
{
	int w = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

/*
 * Print s wrapped at width columns, each line indented by indent spaces.
 * Words are split at spaces only; a word longer than a line stands alone.
 */
void
attune_wrap(FILE *f, const char *s, int cols, int indent)
{
	int col = 0, w;
	size_t n;

	while (*s != '\0') {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		n = strcspn(s, " ");
		w = width(s, n);
		if (col > 0 && col + 1 + w > cols) {
			fputc('\n', f);
			col = 0;
		}
		if (col == 0) {
			fprintf(f, "%*s", indent, "");
			col = indent;
		} else {
			fputc(' ', f);
			col++;
		}
		attune_put_safe(f, s, n);
		col += w;
		s += n;
	}
	if (col > 0)
		fputc('\n', f);
}

/* The terminal's width, or 72 when standard output is not a terminal. */
int
attune_term_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0
	    && ws.ws_col >= 20)
		return ws.ws_col > 100 ? 100 : ws.ws_col;
	return 72;
}

/* Whether standard output is a terminal whose locale speaks UTF-8. */
int
attune_term_utf8(void)
{
	const char *cs;

	if (!isatty(STDOUT_FILENO))
		return 0;
	setlocale(LC_CTYPE, "");
	cs = nl_langinfo(CODESET);
	setlocale(LC_CTYPE, "C");
	return cs != NULL && strcmp(cs, "UTF-8") == 0;
}
