/*
 * unit-escape: what logged text becomes on its way out.  At a terminal, in
 * a message, in HTML and in CSV for a spreadsheet, a control character, a
 * character that is invisible or reorders the line (U+202E), and a cell a
 * spreadsheet would run as a formula are all made inert and visible.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"
#include "test.h"

static char *mem;
static size_t memlen;

/* What fn prints for s, as a string (static, until the next call). */
static const char *
shown(void (*fn)(FILE *, const char *, size_t), const char *s)
{
	FILE *f;

	free(mem);
	mem = NULL;
	if ((f = open_memstream(&mem, &memlen)) == NULL)
		abort();
	fn(f, s, strlen(s));
	fclose(f);
	return mem;
}

static const char *
cell(const char *s)
{
	static struct attune_buf b;

	b.len = 0;
	attune_csv_cell(&b, s, strlen(s), 1);
	attune_buf_add(&b, "", 1);
	return b.s;
}

/* CSV for a spreadsheet: formulas become text, the OWASP way. */
static const struct str_case cells[] = {
	{ "=HYPERLINK(\"http://x\",\"hi\")",
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"hi\"\")\"",
	    "cell: a formula gets a quote, and is quoted" },
	{ "+1+cmd|' /C calc'!A0", "\"'+1+cmd|' /C calc'!A0\"", "cell: + first" },
	{ "-2+3", "\"'-2+3\"", "cell: - starts a formula" },
	{ "@SUM(A1)", "\"'@SUM(A1)\"", "cell: @ starts a formula" },
	{ "\t=1", "\"'\t=1\"", "cell: a tab in front" },
	{ "\r=1", "\"'\r=1\"", "cell: a carriage return in front" },
	{ "-1.5", "-1.5", "cell: a negative number stays a number" },
	{ "+3", "+3", "cell: a signed whole number too" },
	{ "-", "\"'-\"", "cell: a lone - is text" },
	{ "-.5", "\"'-.5\"", "cell: -.5 is not a plain number" },
	{ "1.5", "1.5", "cell: a number" },
	{ "sam, the parent", "\"sam, the parent\"", "cell: plain text, quoted" },
	{ "a=b", "a=b", "cell: = inside is harmless" },
	{ "", "", "cell: empty" },
};

static const char *
sheet(const char *s)
{
	return shown(attune_csv_sheet, s);
}

int
main(void)
{
	char q[ATTUNE_VALUE], small[12], esc[ATTUNE_ESC];
	char long40[200];
	const char *s;
	size_t i;

	attune_setprog("unit-escape");

	/* At a terminal: bidi overrides, isolates and zero-width characters
	 * are shown by name, the rest of the line as it is. */
	is_str(shown(attune_put_safe, "abc\xe2\x80\xae" "cba"),
	    "abc<U+202E>cba", "put_safe: right-to-left override shown");
	is_str(shown(attune_put_safe, "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac"
	    "\xe2\x80\xad"), "<U+202A><U+202B><U+202C><U+202D>",
	    "put_safe: embeddings and pop shown");
	is_str(shown(attune_put_safe, "\xe2\x81\xa6x\xe2\x81\xa7y\xe2\x81\xa8z"
	    "\xe2\x81\xa9"), "<U+2066>x<U+2067>y<U+2068>z<U+2069>",
	    "put_safe: isolates shown");
	is_str(shown(attune_put_safe, "a\xe2\x80\x8b" "b\xe2\x80\x8e" "c"
	    "\xe2\x80\x8f" "d\xe2\x81\xa0" "e\xef\xbb\xbf" "f"),
	    "a<U+200B>b<U+200E>c<U+200F>d<U+2060>e<U+FEFF>f",
	    "put_safe: zero-width space, marks, word joiner, BOM shown");
	is_str(shown(attune_put_safe, "ad\xe2\x80\x8dmin \xe2\x80\x8cx"),
	    "ad<U+200D>min <U+200C>x",
	    "put_safe: a joiner in ASCII text is shown");
	s = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9";	/* man ZWJ woman */
	is_str(shown(attune_put_safe, s), s,
	    "put_safe: a joiner inside an emoji sequence is kept");
	s = "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae";	/* Persian, with ZWNJ */
	is_str(shown(attune_put_safe, s), s,
	    "put_safe: a non-joiner between Persian letters is kept");
	is_str(shown(attune_put_safe, "\xe2\x80\x8d\xf0\x9f\x91\xa9"),
	    "<U+200D>\xf0\x9f\x91\xa9",
	    "put_safe: a joiner at the start is shown");
	is_str(shown(attune_put_safe, "caf\xc3\xa9 \xe2\x80\x94 ok"),
	    "caf\xc3\xa9 \xe2\x80\x94 ok", "put_safe: other text as it is");
	is_str(shown(attune_put_safe, "\x1b[8m\xc2\x9b\t\n\xff"),
	    "\\x1b[8m\\u009b\\t\\n\\xff", "put_safe: controls as before");

	/* One character at a time, as the HTML and Markdown helpers ask. */
	is_int(attune_safe_char("\xe2\x80\xae", 3, 0, esc), 3,
	    "safe_char: an override takes its three bytes");
	is_str(esc, "<U+202E>", "safe_char: and names it");
	is_int(attune_safe_char("\xc3\xa9", 2, 0, esc), 2,
	    "safe_char: a letter takes its two bytes");
	is_str(esc, "", "safe_char: and needs no escape");

	/* A log value quoted in a message. */
	is_str(attune_safe_value(q, sizeof q, "\x1b[8m", 4), "\\x1b[8m",
	    "safe_value: an escape sequence is shown, not sent");
	is_str(attune_safe_value(q, sizeof q, "5\xe2\x80\xae" "01", 6),
	    "5<U+202E>01", "safe_value: an override is shown");
	is_str(attune_safe_value(q, sizeof q, "a\0b", 3), "a\\x00b",
	    "safe_value: a NUL byte is shown, and the rest kept");
	for (i = 0; i < 100; i++)
		long40[i] = 'x';
	is_int(strlen(attune_safe_value(q, sizeof q, long40, 100)),
	    sizeof q - 1, "safe_value: a long value fills the buffer");
	ok(strcmp(q + sizeof q - 4, "...") == 0,
	    "safe_value: and ends with ... where it is cut");
	is_str(attune_safe_value(small, sizeof small, "12345678901", 11),
	    "12345678901", "safe_value: a value that just fits is whole");
	is_str(attune_safe_value(small, sizeof small, "123456789012", 12),
	    "12345678...", "safe_value: one byte more is cut");
	/* e-acute is two bytes: a cut never splits one. */
	is_str(attune_safe_value(small, sizeof small,
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 12),
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9...",
	    "safe_value: cut at a whole character");
	ok(attune_utf8_valid(q, strlen(q)), "safe_value: valid UTF-8");
	is_str(attune_safe_value(small, sizeof small, "ab\x1b\x1b\x1b", 5),
	    "ab\\x1b...", "safe_value: cut at a whole escape");

	/* HTML: the same escapes, as text a reader sees. */
	is_str(shown(attune_html_put, "sam\xe2\x80\xae" "gpj.exe"),
	    "sam&lt;U+202E&gt;gpj.exe", "html: an override shown as text");
	is_str(shown(attune_html_put, "\xe2\x81\xa6<b>&\"'\xef\xbb\xbf"),
	    "&lt;U+2066&gt;&lt;b&gt;&amp;&quot;&#39;&lt;U+FEFF&gt;",
	    "html: an isolate, markup and a BOM");
	is_str(shown(attune_html_put, "\x1b[2J\xc2\x9b"), "\\x1b[2J\\u009b",
	    "html: controls, C1 too");
	is_str(shown(attune_html_put, "\xff\xfe"), "\\xff\\xfe",
	    "html: bytes that are not UTF-8 are shown");
	is_str(shown(attune_html_put, "caf\xc3\xa9"), "caf\xc3\xa9",
	    "html: letters as they are");

	/* CSV for a spreadsheet (the table above). */
	is_str_cases(cell, cells);

	/* A row as logged, rewritten for a spreadsheet (checkin --print). */
	is_str(sheet("2026-11-22T21:04:00+00:00,@sam,5,,,,4.5,,,"
	    "\"=1+1, \"\"x\"\"\"\n"),
	    "2026-11-22T21:04:00+00:00,\"'@sam\",5,,,,4.5,,,"
	    "\"'=1+1, \"\"x\"\"\"\n", "sheet: formula cells made text");
	is_str(sheet("a,\"two\nlines\",-1\nb,,\"  spaced  \"\n"),
	    "a,\"two\nlines\",-1\nb,,\"  spaced  \"\n",
	    "sheet: other rows unchanged, two rows kept apart");

	free(mem);
	return tap_done();
}
