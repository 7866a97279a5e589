/*
 * unit-readfast: the quick paths of the log reader (lib/csv.c, lib/log.c,
 * lib/time.c) do what the long ways do.  Fields are checked for NUL bytes
 * and UTF-8 as they are copied, whatever their length and wherever the bad
 * byte lies; rows fed to libcsv several lines at a time keep the line they
 * start on; remembered did and flags values and dates never let a bad one
 * through; the usual time and number shapes read as the long way reads
 * them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"
#include "test.h"

/* The columns most of these tests read. */
static const char *const ab[] = { "a", "b", NULL };

/* A note in the TAP output, to find a failure by. */
static void
diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("# ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

/* A row of bytes.csv: lead in column a, then the n bytes of field in b
 * (col 1), which the reader is asked for, or in c (col 2), which not. */
static void
bytes_row(struct attune_buf *b, char lead, int col, const char *field,
    size_t n)
{
	attune_buf_printf(b, col == 1 ? "%c," : "%c,x,", lead);
	attune_buf_add(b, field, n);
	attune_buf_str(b, col == 1 ? ",z\n" : "\n");
}

/*
 * For every field length from 1 to 40 and every place in the field, a
 * NUL byte, a byte that is not UTF-8, and a good two-byte character, in a
 * column the reader was not asked for and in one it was.
 */
static void
test_field_bytes(void)
{
	struct attune_buf b = { 0 }, msg = { 0 };
	struct attune_csv *c;
	char field[64], line[32], *err;
	size_t n, p, len;
	long ln = 1;
	int good = 0, bad = 0, reported = 0, right = 0, col;
	const char *s;

	attune_buf_str(&b, "a,b,c\n");
	for (n = 1; n <= 40; n++)
		for (p = 0; p < n; p++)
			for (col = 1; col <= 2; col++) {
				memset(field, 'x', n);
				field[p] = '\0';
				bytes_row(&b, '1', col, field, n);
				attune_buf_printf(&msg, "%ld,", ++ln);
				field[p] = (char)0xff;
				bytes_row(&b, '2', col, field, n);
				attune_buf_printf(&msg, "%ld,", ++ln);
				bad += 2;
				if (p + 1 < n) {
					field[p] = (char)0xc3;
					field[p + 1] = (char)0xa9;
					bytes_row(&b, '3', col, field, n);
					ln++;
					good++;
				}
			}
	put("bytes.csv", b.s, b.len);
	catch_start();
	c = attune_csv_open(path("bytes.csv"), ab, 0);
	n = 0;
	while (attune_csv_next(c) > 0) {
		s = attune_csv_get(c, 0, &len);
		if (len == 1 && s[0] == '3')
			n++;
	}
	is_int(attune_csv_close(c), 0, "the reader reads past them all");
	err = catch_end();
	is_int((int)n, good, "every field with good UTF-8 in it is read");
	reported = count(err, "bytes.csv:");
	is_int(reported, bad, "every NUL and bad byte is reported, once");
	/* Each at its own line, in order. */
	{
		char *m = msg.s, *e, *at = err;

		right = 1;
		while (m != NULL && *m != '\0' && (e = strchr(m, ',')) != NULL) {
			snprintf(line, sizeof line, "bytes.csv:%.*s: ",
			    (int)(e - m), m);
			if ((at = strstr(at, line)) == NULL) {
				right = 0;
				break;
			}
			at += strlen(line);
			if (strncmp(at, "a field holds a NUL byte", 24) != 0 &&
			    strncmp(at, "a field is not valid UTF-8 text", 31) != 0) {
				right = 0;
				break;
			}
			m = e + 1;
		}
	}
	ok(right, "each with its line and reason, in a column asked for "
	    "or not");
	ok(count(err, "holds a NUL byte") * 2 == bad,
	    "half of them a NUL byte");
	free(err);
	attune_buf_free(&b);
	attune_buf_free(&msg);
}

/*
 * Thousands of rows of every shape, more than one piece of input: each
 * good row keeps the line it starts on, each bad one is reported at it.
 */
static void
test_lines(void)
{
	static const char *const want[] = { "id", "text", NULL };
	struct attune_buf b = { 0 };
	struct attune_csv *c;
	long *at, ln = 1, badline[8] = { 0 };
	int i, nrows = 6000, wrong = 0, seen = 0, nbad = 0;
	char *err, needle[64];
	const char *s;

	at = calloc(nrows, sizeof *at);
	attune_buf_str(&b, "id,text\n");
	for (i = 0; i < nrows; i++) {
		at[i] = ln + 1;
		switch (i % 7) {
		case 0:
			attune_buf_printf(&b, "%d,plain\n", i);
			ln++;
			break;
		case 1:
			attune_buf_printf(&b, "%d,\"two\nlines, \"\"quoted\"\"\"\n",
			    i);
			ln += 2;
			break;
		case 2:
			attune_buf_printf(&b, "\n  \n%d,after blank lines\n", i);
			at[i] = ln + 3;
			ln += 3;
			break;
		case 3:
			attune_buf_printf(&b, "%d,crlf\r\n", i);
			ln++;
			break;
		case 4:
			/* Ended by a lone CR: the next row starts on this line. */
			attune_buf_printf(&b, "%d,cr\r", i);
			break;
		case 5:
			attune_buf_printf(&b, "\"%d\",\"three\n\nlines\"\n", i);
			ln += 3;
			break;
		case 6:
			attune_buf_printf(&b, "%d,\"x\"\n", i);
			ln++;
			if (i % 1000 == 6 && nbad < 8) {
				/* The rest of the line is skipped, the
				 * quoted comma with it. */
				attune_buf_str(&b, "bad \"quote\",\"y,y\"\n");
				ln++;
				badline[nbad++] = ln;
			}
			break;
		}
	}
	put("lines.csv", b.s, b.len);
	catch_start();
	c = attune_csv_open(path("lines.csv"), want, 0);
	while (attune_csv_next(c) > 0) {
		s = attune_csv_get(c, 0, NULL);
		i = atoi(s);
		if (i < 0 || i >= nrows || attune_csv_line(c) != at[i]) {
			if (wrong++ < 3)
				diag("row %d: line %ld, not %ld", i,
				    attune_csv_line(c), i >= 0 && i < nrows ?
				    at[i] : -1L);
		}
		seen++;
	}
	attune_csv_close(c);
	err = catch_end();
	is_int(seen, nrows, "every good row is read");
	is_int(wrong, 0, "each on the line it starts on");
	for (i = 0; i < nbad; i++) {
		snprintf(needle, sizeof needle, "lines.csv:%ld: a quote is out "
		    "of place", badline[i]);
		if (!has(err, needle))
			break;
	}
	ok(nbad > 0 && i == nbad, "each stray quote is reported at its line");
	free(err);
	free(at);
	attune_buf_free(&b);
}

/* A row after one ended by a lone CR, its first field over two lines:
 * it starts on line 2, where it starts. */
static const struct row_case cr_rows[] = {
	{ 0, NULL, 2, "cr: the first row" },
	{ 0, "x\ny", 2, "cr: the row after the CR" },
	{ 0, NULL, 4, "cr: the last row" },
};

static void
test_cr_then_quoted(void)
{
	static const char text[] = "a,b\n1,2\r\"x\ny\",3\nlast,4\n";
	struct attune_csv *c;

	put("cr.csv", text, sizeof text - 1);
	c = attune_csv_open(path("cr.csv"), ab, 0);
	rows_cases(c, cr_rows);
	attune_csv_close(c);
}

/* Rows far longer than the others, then many short ones. */
static void
test_long_then_short(void)
{
	struct attune_buf b = { 0 };
	struct attune_csv *c;
	char *big = malloc(100000);
	int i, n = 0, right = 1;
	size_t len;
	const char *s;

	memset(big, 'q', 100000);
	attune_buf_str(&b, "a,b\n");
	for (i = 0; i < 50; i++) {
		attune_buf_add(&b, big, 100000);
		attune_buf_printf(&b, ",%d\n", i);
		attune_buf_printf(&b, "s,%d\ns,%d\r\ns,%d\n", i, i, i);
	}
	put("long.csv", b.s, b.len);
	c = attune_csv_open(path("long.csv"), ab, 0);
	while (attune_csv_next(c) > 0) {
		s = attune_csv_get(c, 0, &len);
		if (n % 4 == 0 ? len != 100000 || s[99999] != 'q' :
		    strcmp(s, "s") != 0)
			right = 0;
		n++;
	}
	is_int(attune_csv_close(c), 0, "long rows: read without failing");
	is_int(n, 200, "long rows: every row");
	ok(right, "long rows: each as written");
	free(big);
	attune_buf_free(&b);
}

/* attune_csv_getn: a column the header lacks, and more than were asked. */
static void
test_getn(void)
{
	static const char *const want[] = { "b", "nothere", "a", NULL };
	struct attune_csv *c;
	const char *v[4];
	size_t n[4];

	puts_file("getn.csv", "a,b\n1,22\n");
	c = attune_csv_open(path("getn.csv"), want, 0);
	is_int(attune_csv_next(c), 1, "getn: a row");
	attune_csv_getn(c, 4, v, n);
	ok(strcmp(v[0], "22") == 0 && n[0] == 2, "getn: by header name");
	ok(strcmp(v[1], "") == 0 && n[1] == 0, "getn: a missing column is empty");
	ok(strcmp(v[2], "1") == 0 && n[2] == 1, "getn: the first column");
	ok(strcmp(v[3], "") == 0 && n[3] == 0, "getn: past the columns asked for");
	is_int(attune_csv_next(c), 0, "getn: the end");
	attune_csv_getn(c, 1, v, n);
	ok(strcmp(v[0], "") == 0 && n[0] == 0, "getn: no row, nothing");
	attune_csv_close(c);
}

/*
 * Write the check-in header and rows to name, read it with the reader,
 * keeping the first max check-ins in ci; what it said on stderr in *err.
 * How many it kept.
 */
static int
read_rows(const char *name, const char *rows, struct attune_checkin *ci,
    int max, char **err)
{
	static const char head[] = "timestamp,who,mood,bond,anxiety,numb,sleep,"
	    "did,flags,note\n";
	struct attune_buf b = { 0 };
	struct attune_csv *c;
	int n = 0;

	attune_buf_str(&b, head);
	attune_buf_str(&b, rows);
	put(name, b.s, b.len);
	attune_buf_free(&b);
	catch_start();
	c = attune_csv_open(path(name), attune_checkin_cols, 0);
	while (n < max && attune_checkin_read(c, &ci[n]) > 0)
		n++;
	attune_csv_close(c);
	*err = catch_end();
	return n;
}

/* What test_words says on stderr, one check a line. */
static const struct has_case words_says[] = {
	{ "words.csv:3: did 'talk;fed' holds a word not in the list",
	    "words: a bad did is reported" },
	{ "words.csv:5: did 'talk;fed' holds a word not in the list",
	    "words: and again the second time" },
	{ "words.csv:6: did 'panic' holds a word not in the list",
	    "words: a flag word is no did word" },
	{ "words.csv:7: flags 'talk' holds a word not in the list",
	    "words: nor a did word a flag" },
};

/*
 * did and flags values are remembered: a bad one is reported every time,
 * a word of the other list is still refused, a good one gives its set.
 */
static void
test_words(void)
{
	struct attune_checkin ci[8];
	char *err;
	int n;

	n = read_rows("words.csv",
	    "2026-11-20T10:00:00+00:00,me,5,,,,,talk;feed,panic,\n"
	    "2026-11-20T11:00:00+00:00,me,5,,,,,talk;fed,,\n"
	    "2026-11-20T12:00:00+00:00,me,5,,,,,talk;feed,panic,\n"
	    "2026-11-20T13:00:00+00:00,me,5,,,,,talk;fed,,\n"
	    "2026-11-20T14:00:00+00:00,me,5,,,,,panic,,\n"
	    "2026-11-20T15:00:00+00:00,me,5,,,,,,talk,\n"
	    "2026-11-20T16:00:00+00:00,me,5,,,,,feed;talk,,\n", ci, 8, &err);
	is_int(n, 3, "words: three good rows");
	ok(n == 3 && ci[0].did == ((1u << 1) | (1u << 7)) &&
	    ci[0].flags == (1u << 1), "words: talk;feed and panic");
	ok(n == 3 && ci[1].did == ci[0].did && ci[1].flags == ci[0].flags,
	    "words: the same again, remembered");
	ok(n == 3 && ci[2].did == ci[0].did && ci[2].flags == 0,
	    "words: feed;talk is the same set");
	has_cases(err, words_says);
	free(err);
}

/* The usual time shape, and a remembered date, against the long way. */
static void
test_times(void)
{
	static const struct {
		const char *s;
		int rc;
		int64_t days;
		int32_t sec, off;
	} t[] = {
		{ "2026-11-20T10:11:12+00:00", 0, 20777, 36672, 0 },
		{ "2026-11-20T25:11:12+00:00", -1, 0, 0, 0 },
		{ "2026-11-20T10:60:12+00:00", -1, 0, 0, 0 },
		{ "2026-11-20T10:11:60-05:30", 0, 20777, 36719, -19800 },
		{ "2026-11-20T10:11:61+00:00", -1, 0, 0, 0 },
		{ "2026-11-20T10:11:12+19:00", -1, 0, 0, 0 },
		{ "2026-11-20T10:11:12+18:60", -1, 0, 0, 0 },
		{ "2026-11-20T1a:11:12+00:00", -1, 0, 0, 0 },
		{ "2026-11-20T10:11:12+0a:00", -1, 0, 0, 0 },
		{ "2026-11-20 10:11:12+01:00", 0, 20777, 36672, 3600 },
		{ "2026-11-20T10:11:12.5+01:00", 0, 20777, 36672, 3600 },
		{ "2026-11-20T10:11:12+0100", 0, 20777, 36672, 3600 },
		{ "2026-11-20T10:11:12Z", 0, 20777, 36672, 0 },
		{ "2026-11-20", 0, 20777, -1, ATTUNE_NOOFF },
		{ "2026-11-2", -1, 0, 0, 0 },
		{ "2026-11-21T00:00:00+00:00", 0, 20778, 0, 0 },
		{ "2026-02-29T00:00:00+00:00", -1, 0, 0, 0 },
		{ "2028-02-29T00:00:00+00:00", 0, 21243, 0, 0 },
		{ "2026-11-20T10:11:12+00:00", 0, 20777, 36672, 0 },
	};
	struct attune_time tm;
	size_t i;
	int rc, right = 1;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		memset(&tm, 0, sizeof tm);
		rc = attune_time_iso(t[i].s, strlen(t[i].s), &tm);
		if (rc != t[i].rc || (rc == 0 && (tm.days != t[i].days ||
		    tm.sec != t[i].sec || tm.off != t[i].off))) {
			diag("%s: rc %d days %lld sec %d off %d", t[i].s, rc,
			    (long long)tm.days, tm.sec, tm.off);
			right = 0;
		}
	}
	ok(right, "times: each read as the long way reads it, date "
	    "remembered or not");
	/* The same bytes cut short share the date but are no time. */
	rc = attune_time_iso("2026-11-20T10:11:12+00:00", 12, &tm);
	is_int(rc, -1, "times: a time cut short after the date is refused");
}

/* What test_values says on stderr, one check a line. */
static const struct has_case values_says[] = {
	{ "values.csv:4: mood '11' is not a number from 0 to 10",
	    "values: 11 is refused" },
	{ "values.csv:5: mood '7.5' is not a number from 0 to 10",
	    "values: a decimal mood is refused" },
	{ "values.csv:7: sleep '24.5' is not a number from 0 to 24",
	    "values: sleep past 24 is refused" },
	{ "values.csv:8: mood 'x' is not a number",
	    "values: a letter is refused" },
};

/* One-digit measures and a d.d sleep, at and past their limits. */
static void
test_values(void)
{
	struct attune_checkin ci[4];
	char *err;
	int n;

	n = read_rows("values.csv",
	    "2026-11-20T10:00:00+00:00,me,9,10,0,1,7,,,\n"
	    "2026-11-20T11:00:00+00:00,me,5,,,,9.5,,,\n"
	    "2026-11-20T12:00:00+00:00,me,11,,,,,,,\n"
	    "2026-11-20T13:00:00+00:00,me,7.5,,,,,,,\n"
	    "2026-11-20T14:00:00+00:00,me,,,,,24.0,,,\n"
	    "2026-11-20T15:00:00+00:00,me,,,,,24.5,,,\n"
	    "2026-11-20T16:00:00+00:00,me,x,,,,,,,\n"
	    "2026-11-20T17:00:00+00:00,me,,,,,0.,,,\n", ci, 4, &err);
	is_int(n, 4, "values: four good rows");
	ok(n == 4 && ci[0].v[0] == 9 && ci[0].v[1] == 10 && ci[0].v[2] == 0 &&
	    ci[0].v[3] == 1 && ci[0].v[4] == 70,
	    "values: 9 10 0 1, and sleep 7 is 70");
	ok(n == 4 && ci[1].v[0] == 5 && ci[1].v[1] == -1 && ci[1].v[4] == 95,
	    "values: sleep 9.5 is 95, empty is -1");
	ok(n == 4 && ci[2].v[4] == 240, "values: sleep 24.0 is 240");
	ok(n == 4 && ci[3].v[4] == 0, "values: sleep '0.' is 0");
	has_cases(err, values_says);
	free(err);
}

int
main(void)
{
	if (test_start("unit-readfast") < 0)
		return 99;
	test_field_bytes();
	test_lines();
	test_cr_then_quoted();
	test_long_then_short();
	test_getn();
	test_words();
	test_times();
	test_values();
	return tap_done();
}
