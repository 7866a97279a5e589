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

#include "attune_priv.h"

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
 * Characters that are invisible or reorder the text around them: the
 * bidirectional embeddings, overrides and isolates (U+202A to U+202E,
 * U+2066 to U+2069), the zero-width spaces, joiners and marks (U+200B to
 * U+200F, U+2060) and the byte order mark (U+FEFF).  A log holding one
 * could make a line read differently from what it holds, so they are
 * shown by name.  A zero-width joiner or non-joiner between two letters
 * beyond ASCII is left alone: emoji and scripts such as Persian and
 * Devanagari need them, and there they hide nothing.
 */
static int
invisible(unsigned long cp, const unsigned char *p, size_t n, size_t i)
{
	if (cp == 0x200c || cp == 0x200d)
		return !(i > 0 && p[i - 1] >= 0x80 && i + 3 < n &&
		    p[i + 3] >= 0xc2);
	return (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a &&
	    cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2060 ||
	    cp == 0xfeff;
}

/*
 * The character at s[i] as it may be shown.  Returns the bytes it takes,
 * and leaves esc empty when it may be shown as it is; else esc holds a
 * visible escape for it: "\n", "\t", "\xHH" for another control
 * character or a byte that is not valid UTF-8, "\u00HH" for a C1
 * control, "<U+202E>" for an invisible character (above).
 */
size_t
attune_safe_char(const char *s, size_t n, size_t i, char esc[ATTUNE_ESC])
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t k;

	esc[0] = '\0';
	if (p[i] == '\n' || p[i] == '\t') {
		snprintf(esc, ATTUNE_ESC, "\\%c", p[i] == '\n' ? 'n' : 't');
		return 1;
	}
	if (p[i] < 0x20 || p[i] == 0x7f) {
		snprintf(esc, ATTUNE_ESC, "\\x%02x", p[i]);
		return 1;
	}
	if (p[i] < 0x80)
		return 1;
	if ((k = utf8_len(p + i, n - i)) == 0) {
		snprintf(esc, ATTUNE_ESC, "\\x%02x", p[i]);
		return 1;
	}
	if (k == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0) {
		/* C1 controls, U+0080 to U+009F. */
		snprintf(esc, ATTUNE_ESC, "\\u%04x", p[i + 1]);
		return 2;
	}
	if (k == 3) {
		cp = (p[i] & 0x0ful) << 12 | (p[i + 1] & 0x3ful) << 6 |
		    (p[i + 2] & 0x3f);
		if (invisible(cp, p, n, i))
			snprintf(esc, ATTUNE_ESC, "<U+%04lX>", cp);
	}
	return k;
}

/*
 * Print logged text with every control character (C0, DEL, C1) and every
 * invisible character shown as a visible escape (attune_safe_char).
 */
void
attune_put_safe(FILE *f, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	char esc[ATTUNE_ESC];
	size_t i = 0, j, k;

	while (i < n) {
		/* Printable ASCII, the most of any note, in one write. */
		for (j = i; j < n && p[j] >= 0x20 && p[j] < 0x7f; j++)
			;
		if (j > i) {
			fwrite(p + i, 1, j - i, f);
			i = j;
			continue;
		}
		k = attune_safe_char(s, n, i, esc);
		if (esc[0] != '\0')
			fputs(esc, f);
		else
			fwrite(p + i, 1, k, f);
		i += k;
	}
}

/*
 * A value from a log, made fit to quote in a message: shown as
 * attune_put_safe shows it, cut at a whole character with "..." where it
 * would not fit in size bytes (at least 4).  Returns buf.
 */
const char *
attune_safe_value(char *buf, size_t size, const char *s, size_t n)
{
	char esc[ATTUNE_ESC];
	size_t i, len, k, w, room;

	/* Does all of it fit?  Else leave room for "...". */
	for (i = 0, len = 0; i < n && len < size; i += k, len += w) {
		k = attune_safe_char(s, n, i, esc);
		w = esc[0] != '\0' ? strlen(esc) : k;
	}
	room = len < size ? size - 1 : size - 4;
	for (i = 0, len = 0; i < n; i += k, len += w) {
		k = attune_safe_char(s, n, i, esc);
		w = esc[0] != '\0' ? strlen(esc) : k;
		if (len + w > room) {
			memcpy(buf + len, "...", 3);
			len += 3;
			break;
		}
		memcpy(buf + len, esc[0] != '\0' ? esc : s + i, w);
	}
	buf[len] = '\0';
	return buf;
}

/* Display width of text, counting each UTF-8 character as one column. */
int
attune_text_width(const char *s, size_t n)
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
		w = attune_text_width(s, n);
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
