/*
 * unit-csv: the CSV reader and writer of lib/csv.c, and the check-in rows
 * of lib/log.c built on them.  Hostile fields round-trip byte for byte,
 * columns are found by header name, gzip is found by its magic bytes, and
 * every malformed row is reported as FILE:LINE: reason and skipped.
 *
 * With arguments it is also a small reader for the shell tests:
 *
 *	unit-csv --rows FILE COLUMN...
 *
 * prints each good row's named columns, tab-separated, control characters
 * shown as escapes, and exits 1 if the reader failed.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "attune_priv.h"
#include "test.h"

/* The columns most of these tests read. */
static const char *const ab[] = { "a", "b", NULL };

static const char *const hostile[] = {
	"",
	"plain",
	"a,b",
	",",
	"say \"hi\"",
	"\"",
	"\"\"",
	"ends with a quote\"",
	"line one\nline two",
	"\n",
	"windows\r\nline",
	"\r",
	"lone\rcarriage return",
	" leading space",
	"trailing space ",
	"\ttab first",
	"   ",
	"caf\xc3\xa9, \xe2\x80\x9cquoted\xe2\x80\x9d and a baby \xf0\x9f\x91\xb6",
	"=1+2",
	"two\n\nblank lines\n\n",
	"a \"quote\", a comma,\nand a newline",
	"back\\slash",
	";semi;colons;",
	NULL
};

static void
test_roundtrip(void)
{
	static const char *const cols[] = { "first", "second", "third", NULL };
	static const char *const want[] = { "third", "first", NULL };
	struct attune_buf b = { 0 };
	struct attune_csv *c;
	const char *s;
	size_t n;
	int i, k, r, good = 1;
	char *err;

	attune_csv_header(&b, cols);
	is_str(b.s, "first,second,third\n", "a header is the names, comma-separated");
	for (i = 0; hostile[i] != NULL; i++) {
		char tag[16];

		snprintf(tag, sizeof tag, "row %d", i);
		attune_csv_field(&b, hostile[i], strlen(hostile[i]), 1);
		attune_csv_field(&b, tag, strlen(tag), 0);
		attune_csv_field(&b, hostile[i], strlen(hostile[i]), 0);
		attune_buf_add(&b, "\n", 1);
	}
	put("hostile.csv", b.s, b.len);
	attune_buf_free(&b);

	catch_start();
	c = attune_csv_open(path("hostile.csv"), want, 0);
	ok(c != NULL, "the written file opens");
	for (i = 0; hostile[i] != NULL; i++) {
		if ((r = attune_csv_next(c)) != 1) {
			good = 0;
			break;
		}
		for (k = 0; k < 2; k++) {
			s = attune_csv_get(c, k, &n);
			if (n != strlen(hostile[i]) || memcmp(s, hostile[i], n) != 0) {
				printf("#   field %d of row %d came back as '%s'\n",
				    k, i, s);
				good = 0;
			}
		}
	}
	ok(good, "every hostile field comes back byte for byte, with its length");
	is_int(attune_csv_next(c), 0, "then the end of the file");
	is_int(attune_csv_close(c), 0, "and the reader closes cleanly");
	err = catch_end();
	is_str(err, "", "nothing was said on stderr");
	free(err);

	/* A field is quoted only when it must be. */
	attune_csv_field(&b, "plain", 5, 1);
	attune_csv_field(&b, "a,b", 3, 0);
	attune_csv_field(&b, "say \"hi\"", 8, 0);
	attune_csv_field(&b, "", 0, 0);
	attune_csv_field(&b, " x", 2, 0);
	is_str(b.s, "plain,\"a,b\",\"say \"\"hi\"\"\",,\" x\"",
	    "quotes only where needed, inner quotes doubled");
	attune_buf_free(&b);
}

static void
test_header(void)
{
	static const char *const want[] = { "note", "mood", "missing",
	    "timestamp", NULL };
	struct attune_csv *c;
	const char *s;
	size_t n;
	char *err;

	puts_file("order.csv",
	    "extra,mood,timestamp,other extra,note\n"
	    "x,5,2026-11-22,y,hello\n"
	    "x,,2026-11-23,y,\"with, comma\"\n");
	catch_start();
	c = attune_csv_open(path("order.csv"), want, 0);
	ok(c != NULL, "a file in another column order opens");
	is_int(attune_csv_next(c), 1, "first row");
	ok(attune_csv_has(c, 0) && attune_csv_has(c, 1) && attune_csv_has(c, 3),
	    "the wanted columns are found by name");
	ok(!attune_csv_has(c, 2), "a wanted column that is absent is known absent");
	is_str(attune_csv_get(c, 0, &n), "hello", "note found in column 5");
	is_int(n, 5, "with its length");
	is_str(attune_csv_get(c, 1, NULL), "5", "mood found in column 2");
	is_str(attune_csv_get(c, 3, NULL), "2026-11-22", "timestamp in column 3");
	s = attune_csv_get(c, 2, &n);
	ok(s != NULL && *s == '\0' && n == 0, "an absent column reads as empty");
	ok(*attune_csv_get(c, -1, NULL) == '\0' && *attune_csv_get(c, 9, NULL) == '\0',
	    "a column number out of range reads as empty");
	is_int(attune_csv_next(c), 1, "second row");
	is_str(attune_csv_get(c, 0, &n), "with, comma", "quoted note");
	is_int(n, 11, "with its length");
	s = attune_csv_get(c, 1, &n);
	ok(*s == '\0' && n == 0, "an empty field reads as empty");
	is_int(attune_csv_next(c), 0, "end");
	is_int(attune_csv_close(c), 0, "closed");
	err = catch_end();
	is_str(err, "", "unknown columns are ignored without a word");
	free(err);

	/* A byte order mark, as spreadsheets write, and a repeated column. */
	puts_file("bom.csv", "\xef\xbb\xbfnote,mood,note\r\nfirst,3,second\r\n");
	c = attune_csv_open(path("bom.csv"), want, 0);
	is_int(attune_csv_next(c), 1, "a file that starts with a byte order mark");
	ok(attune_csv_has(c, 0), "its first column is still found by name");
	is_str(attune_csv_get(c, 0, NULL), "first", "a repeated column: the first wins");
	is_str(attune_csv_get(c, 1, NULL), "3", "CRLF: no carriage return in the value");
	attune_csv_close(c);

	/* No columns asked for at all. */
	c = attune_csv_open(path("order.csv"), NULL, 0);
	is_int(attune_csv_next(c), 1, "a reader that wants no column still reads rows");
	attune_csv_close(c);

	/* An empty file, and a header alone. */
	puts_file("empty.csv", "");
	c = attune_csv_open(path("empty.csv"), want, 0);
	is_int(attune_csv_next(c), 0, "an empty file has no rows");
	is_int(attune_csv_close(c), 0, "and is not an error");
	puts_file("headonly.csv", "note,mood\n");
	c = attune_csv_open(path("headonly.csv"), want, 0);
	is_int(attune_csv_next(c), 0, "a header alone has no rows");
	attune_csv_close(c);
}

/* After the first row of crlf.csv: its last field has no carriage
 * return; the last row, with no final newline, comes after a blank line
 * and a bad row. */
static const struct row_case crlf_rows[] = {
	{ 1, "4", 4, "CRLF: row 2" },
	{ 1, "6", 7, "CRLF: the last row, with no final newline" },
};

static void
test_crlf(void)
{
	struct attune_csv *c;
	size_t n;

	puts_file("crlf.csv", "a,b\r\n1,\"two\r\nlines\"\r\n3,4\r\n\r\nbad\r\n5,6");
	catch_start();
	c = attune_csv_open(path("crlf.csv"), ab, 0);
	is_int(attune_csv_next(c), 1, "CRLF: row 1");
	is_str(attune_csv_get(c, 0, &n), "1", "CRLF: a plain value");
	is_int(n, 1, "CRLF: its length has no carriage return");
	is_str(attune_csv_get(c, 1, NULL), "two\r\nlines",
	    "CRLF: a quoted field keeps its own line break exactly");
	rows_cases(c, crlf_rows);
	attune_csv_close(c);
	{
		char *err = catch_end();
		ok(has(err, "crlf.csv:6: expected 2 fields as in the header, "
		    "found 1 (row skipped)"), "the short row is reported at line 6");
		free(err);
	}
}

static void
test_gzip(void)
{
	static const char *const want[] = { "note", NULL };
	static const char text[] = "note,x\nfrom gzip,1\n\"two\nlines\",2\n";
	struct attune_csv *c;
	gzFile gz;
	char *err, *all;
	size_t n;

	gz = gzopen(path("packed.csv"), "wb");
	gzwrite(gz, text, sizeof text - 1);
	gzclose(gz);
	c = attune_csv_open(path("packed.csv"), want, 0);
	ok(c != NULL, "a gzip file whose name does not say so opens");
	is_int(attune_csv_next(c), 1, "gzip: row 1");
	is_str(attune_csv_get(c, 0, NULL), "from gzip", "gzip: the value is inflated");
	is_int(attune_csv_next(c), 1, "gzip: row 2");
	is_str(attune_csv_get(c, 0, NULL), "two\nlines", "gzip: a multi-line field");
	is_int(attune_csv_next(c), 0, "gzip: end");
	is_int(attune_csv_close(c), 0, "gzip: closed cleanly");

	puts_file("plain.csv.gz", text);
	c = attune_csv_open(path("plain.csv.gz"), want, 0);
	is_int(attune_csv_next(c), 1, "a plain file named .gz is read as plain");
	is_str(attune_csv_get(c, 0, NULL), "from gzip", "plain .gz: the value");
	attune_csv_close(c);

	/* Two gzip members one after the other, as cat a.gz b.gz makes. */
	gz = gzopen(path("two.gz"), "wb");
	gzwrite(gz, "note\nfirst member\n", 18);
	gzclose(gz);
	all = slurp(path("two.gz"), &n);
	{
		FILE *f = fopen(path("two.gz"), "ab");
		fwrite(all, 1, n, f);
		fclose(f);
	}
	free(all);
	/* The second member's header row reads as a row "note". */
	c = attune_csv_open(path("two.gz"), want, 0);
	is_int(attune_csv_next(c), 1, "concatenated gzip: first member");
	is_int(attune_csv_next(c), 1, "concatenated gzip: the second member follows");
	is_str(attune_csv_get(c, 0, NULL), "note", "concatenated gzip: its first line");
	is_int(attune_csv_next(c), 1, "concatenated gzip: and its row");
	is_str(attune_csv_get(c, 0, NULL), "first member", "concatenated gzip: value");
	attune_csv_close(c);

	/* Cut short: the rows before the cut may come, then an error. */
	{
		struct attune_buf big = { 0 };
		int i, r, rows = 0;

		attune_buf_str(&big, "note\n");
		for (i = 0; i < 20000; i++)
			attune_buf_printf(&big, "row %d of many, %x\n", i, i * 7919);
		gz = gzopen(path("cut.gz"), "wb");
		gzwrite(gz, big.s, (unsigned)big.len);
		gzclose(gz);
		attune_buf_free(&big);
		all = slurp(path("cut.gz"), &n);
		put("cut.gz", all, n / 2);
		free(all);
		catch_start();
		c = attune_csv_open(path("cut.gz"), want, 0);
		while ((r = attune_csv_next(c)) == 1)
			rows++;
		is_int(r, -1, "a gzip file cut short is an error at its end");
		ok(rows < 20000, "and not every row was read (%d)", rows);
		is_int(attune_csv_close(c), -1, "closing says it failed");
		err = catch_end();
		ok(has(err, "cut.gz: compressed data is damaged or cut short"),
		    "with a message naming the file");
		free(err);
	}

	/* Gzip magic and then garbage. */
	put("garbage.gz", "\x1f\x8b\x08\x00garbage that is not deflate data", 37);
	catch_start();
	c = attune_csv_open(path("garbage.gz"), want, 0);
	is_int(attune_csv_next(c), -1, "damaged gzip data is an error");
	is_int(attune_csv_close(c), -1, "closing says it failed");
	err = catch_end();
	ok(has(err, "garbage.gz: "), "with a message naming the file");
	free(err);
}

static void
test_stdin(void)
{
	static const char *const want[] = { "b", NULL };
	struct attune_csv *c;
	char *err;
	int fd, saved;
	gzFile gz;

	puts_file("stdin.csv", "a,b\n1,from stdin\nshort\n");
	saved = dup(STDIN_FILENO);
	fd = open(path("stdin.csv"), O_RDONLY);
	dup2(fd, STDIN_FILENO);
	close(fd);
	c = attune_csv_open("-", want, 0);
	ok(c != NULL, "- opens standard input");
	is_int(attune_csv_next(c), 1, "stdin: a row");
	is_str(attune_csv_get(c, 0, NULL), "from stdin", "stdin: its value");
	catch_start();
	is_int(attune_csv_next(c), 0, "stdin: a short row skipped, then the end");
	err = catch_end();
	ok(has(err, ": (stdin):3: expected 2 fields"),
	    "and calls it (stdin) in messages");
	free(err);
	attune_csv_close(c);

	gz = gzopen(path("stdin.gz"), "wb");
	gzputs(gz, "b\ngzip on stdin\n");
	gzclose(gz);
	fd = open(path("stdin.gz"), O_RDONLY);
	dup2(fd, STDIN_FILENO);
	close(fd);
	c = attune_csv_open("-", want, 0);
	is_int(attune_csv_next(c), 1, "gzip on stdin: a row");
	is_str(attune_csv_get(c, 0, NULL), "gzip on stdin", "gzip on stdin: inflated");
	attune_csv_close(c);
	dup2(saved, STDIN_FILENO);
	close(saved);
}

/* What test_malformed says on stderr, one check a line. */
static const struct has_case malformed_says[] = {
	{ "bad.csv:3: expected 2 fields as in the header, found 1 "
	    "(row skipped)\n", "short row: FILE:LINE: reason" },
	{ "bad.csv:6: expected 2 fields as in the header, found 3",
	    "long row at its line" },
	{ "bad.csv:8: a quote is out of place", "stray quote at its line" },
	{ "bad.csv:10: a field is not valid UTF-8 text",
	    "invalid UTF-8 at its line" },
	{ "bad.csv:11: a field is not valid UTF-8 text",
	    "a UTF-8 sequence cut short" },
	{ "bad.csv:12: a field holds a NUL byte", "a NUL byte at its line" },
	{ "bad.csv:13: a quote is out of place", "text after a closing quote" },
	{ "bad.csv:15: a quoted field is not closed before the end",
	    "an unclosed quote, at the line it opens" },
};

/* The good rows of bad.csv, each after the bad ones before it. */
static const struct row_case malformed_rows[] = {
	{ 0, NULL, 2, "good row 1" },
	{ 0, "multi\nline", 4, "past a short row, a multi-line row" },
	{ 1, "6", 9, "past a long row, a blank line, a stray quote, 5,6" },
	{ 1, "row", 14, "past bad UTF-8, a NUL byte, text after a quote" },
};

static void
test_malformed(void)
{
	struct attune_csv *c;
	char *err;
	int r;

	/*
	 * Line by line: 1 header, 2 good, 3 short, 4-5 good multi-line, 6 long,
	 * 7 blank, 8 stray quote, 9 good, 10 bad UTF-8, 11 cut UTF-8, 12 NUL,
	 * 13 text after a quote, 14 good, 15-16 a quote never closed.
	 */
	{
		static const char all[] = "a,b\n1,2\nonly one\n\"multi\nline\",3\n"
		    "x,y,z\n\nbad \"quote\",4\n5,6\n\xff\xfe,7\nok,\"a\xc3\"\n"
		    "nul,a\0b\n\"after\",\"quote\"x\nlast,row\n"
		    "\"never closed,8\nmore\n";
		put("bad.csv", all, sizeof all - 1);
	}
	catch_start();
	c = attune_csv_open(path("bad.csv"), ab, 0);
	rows_cases(c, malformed_rows);
	r = attune_csv_next(c);
	is_int(r, 0, "a quote never closed ends the file, not the program");
	is_int(attune_csv_close(c), 0, "without --strict, bad rows are not a failure");
	err = catch_end();
	has_cases(err, malformed_says);
	ok(count(err, "bad.csv:") == 8 && count(err, "(row skipped)\n") == 8,
	    "eight rows were skipped, one message a bad row");
	ok(!has(err, "bad.csv:7"), "a blank line is not a row");
	free(err);

	/* Strict: the first bad row stops the reader. */
	catch_start();
	c = attune_csv_open(path("bad.csv"), ab, ATTUNE_CSV_STRICT);
	is_int(attune_csv_next(c), 1, "strict: a good row is read");
	is_int(attune_csv_next(c), -1, "strict: a bad row stops the reader");
	is_int(attune_csv_next(c), -1, "strict: and it stays stopped");
	is_int(attune_csv_close(c), -1, "strict: closing says it failed");
	err = catch_end();
	ok(has(err, "bad.csv:3: expected 2 fields as in the header, found 1\n"),
	    "strict: the message names the file and line, without 'skipped'");
	ok(count(err, "bad.csv:") == 1, "strict: only that one message");
	free(err);

	/* A header that cannot be read is an error however lenient. */
	puts_file("badhead.csv", "a,\"b\nno end\n");
	catch_start();
	c = attune_csv_open(path("badhead.csv"), ab, 0);
	is_int(attune_csv_next(c), -1, "an unreadable header is an error");
	is_int(attune_csv_close(c), -1, "closing says so");
	err = catch_end();
	ok(has(err, "badhead.csv:1: the header row cannot be read"),
	    "with the file and line");
	free(err);

	/* Missing files and directories. */
	catch_start();
	c = attune_csv_open(path("nonexistent.csv"), ab, 0);
	ok(c == NULL, "a missing file does not open");
	c = attune_csv_open(tmpdir, ab, 0);
	ok(c == NULL, "a directory does not open");
	err = catch_end();
	ok(has(err, "nonexistent.csv: No such file or directory"),
	    "missing: the system's reason");
	ok(has(err, "is a directory, not a log"), "directory: said so");
	free(err);
}

static void
test_huge(void)
{
	struct attune_buf b = { 0 };
	struct attune_csv *c;
	char *err;
	size_t i;

	/* A row of 3 MB on one line, then a quoted field of 1 MB across
	 * many lines, then a field of 200 KB that is still allowed. */
	attune_buf_str(&b, "a,b\nfirst,1\n");
	for (i = 0; i < 3 * 1024 * 1024; i++)
		attune_buf_add(&b, "x", 1);
	attune_buf_str(&b, ",2\nsecond,3\n\"");
	for (i = 0; i < 1024 * 1024 / 64; i++)
		attune_buf_str(&b, "a line of a very long quoted field, 64 bytes of it\n"
		    "");
	attune_buf_str(&b, "\",4\nthird,5\nbig,");
	for (i = 0; i < 200 * 1024; i++)
		attune_buf_add(&b, "y", 1);
	attune_buf_str(&b, "\n");
	put("huge.csv", b.s, b.len);
	attune_buf_free(&b);

	catch_start();
	c = attune_csv_open(path("huge.csv"), ab, 0);
	is_int(attune_csv_next(c), 1, "huge: the row before");
	is_int(attune_csv_next(c), 1, "huge: a 3 MB row is skipped, the next is read");
	is_str(attune_csv_get(c, 0, NULL), "second", "huge: that is the row after it");
	is_int(attune_csv_line(c), 4, "huge: on line 4");
	is_int(attune_csv_next(c), 1, "huge: a 1 MB quoted field is skipped whole");
	is_str(attune_csv_get(c, 0, NULL), "third",
	    "huge: and the row after it is read");
	is_int(attune_csv_line(c), 5 + 16384 + 1, "huge: at its own line");
	is_int(attune_csv_next(c), 1, "huge: a 200 KB field is within bounds");
	is_int((long long)strlen(attune_csv_get(c, 1, NULL)), 200 * 1024,
	    "huge: and it is read whole");
	attune_csv_close(c);
	err = catch_end();
	ok(has(err, "huge.csv:3: row is too long (more than 256 KiB)"),
	    "huge: the long row is reported at its line");
	ok(has(err, "huge.csv:5: row is too long (more than 256 KiB)"),
	    "huge: the long quoted field is reported at the line it starts");
	is_int(count(err, "huge.csv:"), 2, "huge: one message each, no more");
	free(err);
}

/* What test_checkin_rows says on stderr, one check a line. */
static const struct has_case checkin_rows_says[] = {
	{ "values.csv:3: mood '11' is not a number from 0 to 10",
	    "mood 11 is named" },
	{ "values.csv:4: sleep '24.5' is not a number from 0 to 24",
	    "sleep 24.5 is named" },
	{ "values.csv:5: sleep '7.25'", "two decimals are refused" },
	{ "values.csv:6: did 'skin;hug' holds a word not in the list",
	    "an unknown moment is named" },
	{ "values.csv:7: flags 'harm;worry' holds a word not in",
	    "an unknown flag is named" },
	{ "values.csv:8: timestamp 'yesterday' is not an ISO 8601",
	    "a timestamp that is not ISO 8601" },
	{ "values.csv:9: the row holds no answers", "an empty row" },
	{ "values.csv:10: mood '-1'", "a negative value" },
	{ "values.csv:11: who is not a usable name",
	    "a name with a control character" },
};

static void
test_checkin_rows(void)
{
	struct attune_checkin in, out;
	struct attune_buf b = { 0 };
	struct attune_csv *c;
	static const char note[] = "felt far away,\nthen \"better\" \xf0\x9f\x92\x9b ";
	char *err, *file;
	int k;

	memset(&in, 0, sizeof in);
	in.ts.days = attune_days_from_civil(2026, 11, 22);
	in.ts.sec = 21 * 3600 + 4 * 60;
	in.ts.off = 3600;
	in.who = "Sam, partner";
	in.v[ATTUNE_MOOD] = 0;
	in.v[ATTUNE_BOND] = 10;
	in.v[ATTUNE_ANXIETY] = -1;
	in.v[ATTUNE_NUMB] = 7;
	in.v[ATTUNE_SLEEP] = 55;
	in.did = 1u << 0 | 1u << 11;
	in.flags = ATTUNE_FLAG_HARM | 1u << 1;
	in.note = note;
	in.notelen = sizeof note - 1;
	attune_csv_header(&b, attune_checkin_cols);
	is_str(b.s, "timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note\n",
	    "the check-in header is the contract's, in order");
	attune_checkin_row(&b, &in);
	is_str(b.s + 58, "2026-11-22T21:04:00+01:00,\"Sam, partner\",0,10,,7,5.5,"
	    "skin;rest,panic;harm,\"felt far away,\nthen \"\"better\"\" "
	    "\xf0\x9f\x92\x9b \"\n", "a check-in row, byte for byte");
	put("checkins.csv", b.s, b.len);
	attune_buf_free(&b);

	c = attune_csv_open(path("checkins.csv"), attune_checkin_cols, 0);
	is_int(attune_checkin_read(c, &out), 1, "the row reads back");
	is_int(out.ts.days, in.ts.days, "same day");
	is_int(out.ts.sec, in.ts.sec, "same clock");
	is_int(out.ts.off, in.ts.off, "same offset");
	is_str(out.who, "Sam, partner", "same who");
	for (k = 0; k < ATTUNE_NMEASURES; k++)
		is_int(out.v[k], in.v[k], "same %s", attune_measures[k].name);
	is_int(out.did, in.did, "same moments");
	is_int(out.flags, in.flags, "same flags");
	ok(out.notelen == in.notelen && memcmp(out.note, note, out.notelen) == 0,
	    "the note exactly as typed");
	is_int(attune_checkin_read(c, &out), 0, "then the end");
	attune_csv_close(c);

	/* Values the contract does not allow are bad rows, each named. */
	file = "note,timestamp,mood,sleep,did,flags,who,extra\n"
	    "ok,2026-11-01,5,,,,,x\n"
	    "a,2026-11-02,11,,,,,x\n"
	    "b,2026-11-03,,24.5,,,,x\n"
	    "c,2026-11-04,,7.25,,,,x\n"
	    "d,2026-11-05,,,skin;hug,,,x\n"
	    "e,2026-11-06,,,,harm;worry,,x\n"
	    "f,yesterday,3,,,,,x\n"
	    ",2026-11-08,,,,,,x\n"
	    "g,2026-11-09,-1,,,,,x\n"
	    "h,2026-11-10,,,,,\"bad\x01name\",x\n"
	    "last,2026-11-11T08:00:00-05:00,,24,feed,,Alex,x\n";
	puts_file("values.csv", file);
	catch_start();
	c = attune_csv_open(path("values.csv"), attune_checkin_cols, 0);
	is_int(attune_checkin_read(c, &out), 1, "values: a good row");
	is_str(out.who, "me", "an empty who reads as me");
	is_int(out.ts.sec, 12 * 3600, "a date alone reads as noon");
	is_int(out.v[ATTUNE_MOOD], 5, "columns found by name in any order");
	is_int(out.v[ATTUNE_BOND], -1, "an absent column is not answered");
	is_int(attune_checkin_read(c, &out), 1, "values: the last good row");
	is_str(out.note, "last", "nine bad rows in between were skipped");
	is_int(out.v[ATTUNE_SLEEP], 240, "24 hours is allowed");
	is_int(out.ts.off, -5 * 3600, "a negative offset");
	is_str(out.who, "Alex", "who");
	is_int(attune_checkin_read(c, &out), 0, "values: end");
	attune_csv_close(c);
	err = catch_end();
	has_cases(err, checkin_rows_says);
	free(err);

	/* Under --strict the first bad row is a failure. */
	catch_start();
	c = attune_csv_open(path("values.csv"), attune_checkin_cols,
	    ATTUNE_CSV_STRICT);
	is_int(attune_checkin_read(c, &out), 1, "strict values: the good row");
	is_int(attune_checkin_read(c, &out), -1, "strict values: then a failure");
	is_int(attune_csv_close(c), -1, "strict values: close says so");
	err = catch_end();
	free(err);

	/* A file with no timestamp column is not a log at all. */
	puts_file("notalog.csv", "name,value\nx,1\n");
	catch_start();
	c = attune_csv_open(path("notalog.csv"), attune_checkin_cols, 0);
	is_int(attune_checkin_read(c, &out), -1, "a file without timestamp fails");
	attune_csv_close(c);
	err = catch_end();
	ok(has(err, "notalog.csv: has no 'timestamp' column"), "and says why");
	free(err);
}

static void
test_text(void)
{
	FILE *f;
	char *s;
	static const char shown[] = "a\nb\tc\x1b[31m\x7f\xc2\x85 \xff caf\xc3\xa9";

	ok(attune_utf8_valid("caf\xc3\xa9 \xf0\x9f\x91\xb6", 10), "UTF-8: valid text");
	ok(!attune_utf8_valid("\xc0\xaf", 2), "UTF-8: an overlong slash is refused");
	ok(!attune_utf8_valid("\xed\xa0\x80", 3), "UTF-8: a surrogate is refused");
	ok(!attune_utf8_valid("\xf4\x90\x80\x80", 4), "UTF-8: past U+10FFFF is refused");
	ok(!attune_utf8_valid("\xe2\x82", 2), "UTF-8: a sequence cut short");
	ok(attune_utf8_valid("", 0), "UTF-8: empty is fine");
	f = fopen(path("safe.txt"), "w");
	attune_put_safe(f, shown, sizeof shown - 1);
	fclose(f);
	s = slurp(path("safe.txt"), NULL);
	is_str(s, "a\\nb\\tc\\x1b[31m\\x7f\\u0085 \\xff caf\xc3\xa9",
	    "control characters and bad bytes are shown as escapes");
	free(s);
	ok(attune_who_valid("Alex", 4), "who: a plain name");
	ok(!attune_who_valid("", 0), "who: empty is not a name");
	ok(!attune_who_valid("a\tb", 3), "who: a tab is not allowed");
	{
		char long65[66];
		memset(long65, 'x', 65);
		long65[65] = '\0';
		ok(!attune_who_valid(long65, 65), "who: 65 characters is too long");
		ok(attune_who_valid(long65, 64), "who: 64 is fine");
	}
}

static int
rows(int argc, char **argv)
{
	struct attune_csv *c;
	const char **cols;
	const char *s;
	size_t n;
	int i, r;

	cols = attune_xcalloc((size_t)argc, sizeof *cols);
	for (i = 3; i < argc; i++)
		cols[i - 3] = argv[i];
	if ((c = attune_csv_open(argv[2], cols, 0)) == NULL) {
		free(cols);
		return 1;
	}
	while ((r = attune_csv_next(c)) == 1) {
		for (i = 0; cols[i] != NULL; i++) {
			if (i > 0)
				putchar('\t');
			s = attune_csv_get(c, i, &n);
			attune_put_safe(stdout, s, n);
		}
		putchar('\n');
	}
	free(cols);
	if (attune_csv_close(c) < 0 || r < 0)
		return 1;
	return attune_finish(0);
}

/* attune_csv_rows: rows without a header, cut as the log reader cuts
 * them: a quoted line break inside its row, a blank line a row of no
 * fields, a last row without its newline kept. */
static void
test_rows(void)
{
	static const char in[] = "2026-11-20T10:00:00+00:00,me,3\n"
	    "\n"
	    "2026-11-21T10:00:00+00:00,\"Sam, \"\"S\"\"\",,\"two\nlines\"\n"
	    "last,row";
	struct attune_rows rs;

	attune_csv_rows(&rs, in, sizeof in - 1);
	is_int((int)rs.n, 4, "rows: four, the blank line one of them");
	is_int(rs.header, -1, "rows: no header");
	is_int(rs.r[0].nf, 3, "rows: the first has its 3 fields");
	is_str(rs.r[0].f[2], "3", "rows: its last field");
	is_int(rs.r[1].nf, 0, "rows: a blank line has no fields");
	ok(rs.r[1].blank, "rows: and is blank");
	is_int(rs.r[2].nf, 4, "rows: a quoted line break stays in its row");
	is_str(rs.r[2].f[1], "Sam, \"S\"", "rows: quotes undone");
	is_str(rs.r[2].f[3], "two\nlines", "rows: the line break kept");
	is_str(rs.r[3].f[1], "row", "rows: the last, without its newline");
	ok(!rs.r[0].bad && !rs.r[2].bad && !rs.r[3].bad, "rows: none bad");
	attune_rows_free(&rs);
	attune_csv_rows(&rs, "a,\"open\n", 8);
	is_int((int)rs.n, 1, "rows: an unclosed quote is one row");
	ok(rs.r[0].bad, "rows: and it is bad");
	attune_rows_free(&rs);
}

int
main(int argc, char **argv)
{
	attune_setprog("unit-csv");
	if (argc >= 3 && strcmp(argv[1], "--rows") == 0)
		return rows(argc, argv);
	if (tmpdir_make("unit-csv") < 0)
		return 99;
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_roundtrip();
	test_header();
	test_crlf();
	test_gzip();
	test_stdin();
	test_malformed();
	test_huge();
	test_checkin_rows();
	test_text();
	test_rows();
	return tap_done();
}
