/*
 * unit-hostile.c: inputs that once broke, or could break, the parsers:
 * each crash or wrong answer the fuzzers (tests/fuzz) found is kept here
 * as a plain test, and so are the hostile shapes a log may take.
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"
#include "test.h"

/* Format a time and parse it back: the same time, offset included. */
static int
round_trips(const struct attune_time *t)
{
	struct attune_time u;
	char buf[32];

	attune_time_format(t, buf);
	return attune_time_iso(buf, strlen(buf), &u) == 0 &&
	    u.days == t->days && u.sec == t->sec && u.off == t->off;
}

static void
test_time(void)
{
	struct attune_time t;
	const char *why = NULL;

	/* fuzz time: London's local mean time in year 1 is -00:01:15; an
	 * offset with seconds cannot be written, so it was written as
	 * -00:01 and read back as another time. */
	ok(attune_time_user("0001-01-01", &t, &why) == 0, "year 1 is a date");
	ok(t.off % 60 == 0, "a local offset is whole minutes (%d s)", t.off);
	ok(round_trips(&t), "year 1 at noon formats and parses back");
	ok(attune_time_user("1800-06-01T10:00", &t, &why) == 0 &&
	    round_trips(&t), "1800 (local mean time) formats and parses back");
}

/*
 * Write a log of a good header and then tail, append one check-in, and
 * read it back: 1 if the old bytes are kept and the new row is the last
 * row read, whole.  *rows is the number of good rows read.
 */
static int
append_after(const char *tail, size_t n, int *rows)
{
	struct attune_buf head = { 0 }, row = { 0 }, file = { 0 };
	struct attune_checkin ci, got;
	struct attune_csv *c;
	char *log = attune_xstrdup(path("checkins.csv")), *back;
	size_t len;
	int r, good = 0;

	*rows = 0;
	attune_csv_header(&head, attune_checkin_cols);
	attune_buf_add(&file, head.s, head.len);
	attune_buf_add(&file, tail, n);
	put("checkins.csv", file.s, file.len);
	attune_checkin_init(&ci);
	attune_time_iso("2026-11-22T21:04:00+00:00", 25, &ci.ts);
	ci.who = "me";
	ci.v[ATTUNE_MOOD] = 7;
	ci.note = "new";
	ci.notelen = 3;
	attune_checkin_row(&row, &ci);
	back = attune_append(log, head.s, row.s, row.len) == 0 ?
	    slurp(log, &len) : NULL;
	good = back != NULL && len >= file.len &&
	    memcmp(back, file.s, file.len) == 0;
	free(back);
	*rows = 0;
	memset(&got, 0, sizeof got);
	c = attune_csv_open(log, attune_checkin_cols, 0);
	while ((r = attune_checkin_read(c, &ci)) > 0) {
		(*rows)++;
		got = ci;
		got.note = strcmp(ci.note, "new") == 0 ? "new" : "";
	}
	attune_csv_close(c);
	good = good && r == 0 && got.v[ATTUNE_MOOD] == 7 &&
	    strcmp(got.note, "new") == 0;
	unlink(log);
	free(log);
	attune_buf_free(&head);
	attune_buf_free(&row);
	attune_buf_free(&file);
	return good;
}

#define TAIL(s) s, sizeof s - 1

static void
test_append(void)
{
	int rows;

	/* t70-faults: the writer opened the log write-only, so reading how
	 * it ended always failed, and a row was glued onto a cut one. */
	ok(append_after(TAIL("2026-11-20,me,5,,,,,,,no newline"), &rows) &&
	    rows == 2, "after a row missing its newline (%d rows)", rows);
	ok(append_after(TAIL("2026-11-20,me,5,,,,,,,\"cut in a note"), &rows) &&
	    rows == 2, "after a row cut inside a quoted note (%d rows)", rows);
	ok(append_after(TAIL("2026-11-20,me,5,"), &rows) && rows == 1,
	    "after a row cut between fields (%d rows)", rows);
	/* The writer must see quotes as the reader does: libcsv trims the
	 * space before a quote, which then opens a quoted field. */
	ok(append_after(TAIL("2026-11-20,me,5,,,,,,, \"spaced"), &rows) &&
	    rows == 2, "after a quote that follows a space (%d rows)", rows);
	ok(append_after(TAIL("2026-11-20,me,5,,,,,,,\"a\"b\"c\n"
	    "2026-11-20,me,5,,,,,,,\"open"), &rows) && rows == 2,
	    "after a broken quote, then an open one (%d rows)", rows);
	ok(append_after(TAIL("\n\n\r\n"), &rows) && rows == 1,
	    "after blank lines (%d rows)", rows);
	ok(append_after(TAIL("2026-11-20,me,5,,,,,,,\"x\0y"), &rows) &&
	    rows == 1, "after a NUL in an open quote (%d rows)", rows);
}

/* The rows a reader sees in path, and how many it skipped, as it says
 * on stderr ("(row skipped)", one a row). */
static long
rows_in(const char *path, long *skipped)
{
	struct attune_csv *c;
	struct attune_checkin ci;
	char *err;
	long n = 0;

	catch_start();
	c = attune_csv_open(path, attune_checkin_cols, 0);
	while (attune_checkin_read(c, &ci) > 0)
		n++;
	attune_csv_close(c);
	err = catch_end();
	*skipped = count(err, "(row skipped)\n");
	free(err);
	return n;
}

/*
 * t70-faults (in a fresh Debian root, under load): a writer killed by
 * SIGKILL part way through a row of several pages left the start of the
 * row at the end of the log, and readers saw it.
 */
static void
test_killed_writer(void)
{
	struct attune_buf head = { 0 };
	/* Copies: path()'s own buffers are reused. */
	char *log = attune_xstrdup(path("checkins.csv"));
	char *pp = attune_xstrdup(path("checkins.csv.pending"));
	const char *good = "2026-11-20,me,5,,,,,,,whole\n";
	const char *part = "2026-11-21,me,6,,,,,,,\"the start of a lo";
	char buf[256], mark[96], *back;
	struct stat st;
	long skipped, n;

	attune_csv_header(&head, attune_checkin_cols);
	snprintf(buf, sizeof buf, "%s%s%s", head.s, good, part);
	puts_file("checkins.csv", buf);
	/* What the killed writer left: its note, and part of its row. */
	stat(log, &st);
	snprintf(mark, sizeof mark, "%zu %zu %llu\n", head.len + strlen(good),
	    head.len + strlen(good) + strlen(part) + 40,
	    (unsigned long long)st.st_ino);
	puts_file("checkins.csv.pending", mark);
	n = rows_in(log, &skipped);
	ok(n == 1 && skipped == 0, "a reader sees no part row (%ld rows, "
	    "%ld skipped)", n, skipped);
	/* A note about another file (the log was replaced) is ignored. */
	rename(pp, path("mark"));
	snprintf(mark + strcspn(mark, "\n") - 1, 8, "%d\n",
	    (int)((st.st_ino + 1) % 10));
	puts_file("checkins.csv.pending", mark);
	n = rows_in(log, &skipped);
	ok(n == 1 && skipped == 1, "a note about another file is ignored "
	    "(%ld rows, %ld skipped)", n, skipped);
	rename(path("mark"), pp);
	ok(attune_append(log, head.s, "2026-11-22,me,7,,,,,,,next\n", 27) == 0,
	    "the next writer appends");
	back = slurp(log, NULL);
	ok(back != NULL && strstr(back, "the start of") == NULL &&
	    strstr(back, "whole\n2026-11-22,me,7,") != NULL,
	    "and takes the part row away first");
	free(back);
	ok(access(pp, F_OK) < 0, "and removes the note");
	n = rows_in(log, &skipped);
	ok(n == 2 && skipped == 0, "the log reads whole (%ld rows)", n);

	/* A note left after the row was written whole changes nothing. */
	snprintf(buf, sizeof buf, "%s%s", head.s, good);
	puts_file("checkins.csv", buf);
	stat(log, &st);
	snprintf(mark, sizeof mark, "%zu %zu %llu\n", head.len, head.len +
	    strlen(good), (unsigned long long)st.st_ino);
	puts_file("checkins.csv.pending", mark);
	ok(rows_in(log, &skipped) == 1, "a whole row with a stale note reads");
	attune_append(log, head.s, "2026-11-22,me,7,,,,,,,next\n", 27);
	ok(rows_in(log, &skipped) == 2 && skipped == 0,
	    "and is kept by the next writer");
	unlink(pp);
	unlink(log);
	free(pp);
	free(log);
	attune_buf_free(&head);
}

int
main(void)
{
	setenv("TZ", "Europe/London", 1);
	setenv("ATTUNE_NOW", "2026-11-22T21:04:00+00:00", 1);
	attune_setprog("unit-hostile");
	test_time();
	umask(077);
	if (tmpdir_make("unit-hostile") < 0)
		return 1;
	test_append();
	test_killed_writer();
	rmdir(tmpdir);
	return tap_done();
}
