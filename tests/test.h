/*
 * test.h: what the C tests share (the unit tests and the report
 * fuzzer).  Its functions are static inline, so a test uses only what it
 * needs.
 *
 * - TAP: each check prints "ok N - what" or "not ok N - what" (ok,
 *   is_int, is_str); tap_done ends the run; tests/run counts the lines.
 * - Files: a fresh directory for each run (tmpdir_make), paths in it,
 *   writing and reading whole files, and catching what the library says
 *   on stderr (catch_start, catch_end).
 * - Tables of cases: is_str_cases walks {in, want, what} rows through
 *   one function, one is_str each; has_cases walks {needle, what} rows
 *   over one text, one ok each (same lines as writing them out);
 *   rows_cases walks {col, want, line, what} rows through a CSV reader.
 * - time_user: attune_time_user as text, or "ERROR: why"; at_now, the
 *   same at NOW, for is_str_cases.
 * - rsum_equal: whether two report summaries say the same, for comparing
 *   a streaming report with one keeping every day.
 */
#ifndef TEST_H
#define TEST_H

#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"

/* --- TAP ------------------------------------------------------------- */

static int tap_n, tap_failed;

#define ok(cond, ...) do {						\
	int ok_ = (cond);						\
	printf("%sok %d - ", ok_ ? "" : "not ", ++tap_n);		\
	printf(__VA_ARGS__);						\
	printf("\n");							\
	if (!ok_) {							\
		tap_failed++;						\
		printf("#   failed at %s:%d: %s\n", __FILE__, __LINE__,	\
		    #cond);						\
	}								\
} while (0)

#define is_int(got, want, ...) do {					\
	long long g_ = (got), w_ = (want);				\
	ok(g_ == w_, __VA_ARGS__);					\
	if (g_ != w_)							\
		printf("#   got %lld, want %lld\n", g_, w_);		\
} while (0)

#define is_str(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int same_ = g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0;	\
	ok(same_, __VA_ARGS__);						\
	if (!same_)							\
		printf("#   got '%s', want '%s'\n", g_ ? g_ : "(null)",	\
		    w_ ? w_ : "(null)");				\
} while (0)

static inline int
tap_done(void)
{
	printf("# done\n");
	return tap_failed ? 1 : 0;
}

/* One is_str a row: fn(in) against want, described by what. */
struct str_case {
	const char *in, *want, *what;
};

static inline void
is_str_each(const char *(*fn)(const char *), const struct str_case *c,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		is_str(fn(c[i].in), c[i].want, "%s", c[i].what);
}

#define is_str_cases(fn, table)						\
	is_str_each((fn), (table), sizeof(table) / sizeof((table)[0]))

/* --- files ----------------------------------------------------------- */

static char tmpdir[4096];
static int saved_stderr = -1;
static char errpath[4200];

/* Make tmpdir afresh: under tests/tmp when run by make, else in /tmp. */
static inline int
tmpdir_make(const char *name)
{
	const char *top = getenv("TOP");

	if (top != NULL) {
		snprintf(tmpdir, sizeof tmpdir, "%s/tests/tmp", top);
		mkdir(tmpdir, 0700);
		snprintf(tmpdir, sizeof tmpdir, "%s/tests/tmp/%s-XXXXXX", top,
		    name);
	} else
		snprintf(tmpdir, sizeof tmpdir, "/tmp/attune-%s-XXXXXX", name);
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return -1;
	}
	return 0;
}

/* The start of a test that writes files: stdout line by line, the
 * program named name, a fresh tmpdir of that name; -1 if it cannot be
 * made. */
static inline int
test_start(const char *name)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	attune_setprog(name);
	return tmpdir_make(name);
}

/* NAME in tmpdir; the last eight results stay valid. */
static inline char *
path(const char *name)
{
	static char buf[8][4300];
	static int i;

	i = (i + 1) % 8;
	snprintf(buf[i], sizeof buf[i], "%s/%s", tmpdir, name);
	return buf[i];
}

/* Write n bytes of s to NAME in tmpdir, mode 0600; exit 99 on failure. */
static inline void
put(const char *name, const char *s, size_t n)
{
	FILE *f = fopen(path(name), "wb");

	chmod(path(name), 0600);
	if (f == NULL || fwrite(s, 1, n, f) != n || fclose(f) != 0) {
		perror(name);
		exit(99);
	}
}

static inline void
puts_file(const char *name, const char *s)
{
	put(name, s, strlen(s));
}

/* A whole file, NUL-terminated, or NULL if it cannot be opened. */
static inline char *
slurp(const char *p, size_t *len)
{
	struct attune_buf b = { 0 };
	char chunk[8192];
	size_t n;
	FILE *f = fopen(p, "rb");

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		attune_buf_add(&b, chunk, n);
	fclose(f);
	if (b.s == NULL)
		attune_buf_add(&b, "", 0);
	if (len != NULL)
		*len = b.len;
	return b.s;
}

/* Catch what the library says on stderr between these two calls. */
static inline void
catch_start(void)
{
	int fd;

	fflush(stdout);
	fflush(stderr);
	snprintf(errpath, sizeof errpath, "%s/stderr", tmpdir);
	fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	saved_stderr = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	close(fd);
}

static inline char *
catch_end(void)
{
	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	return slurp(errpath, NULL);
}

static inline int
has(const char *hay, const char *needle)
{
	return hay != NULL && strstr(hay, needle) != NULL;
}

/* How many times needle stands in hay, one after another (0 for NULL). */
static inline int
count(const char *hay, const char *needle)
{
	int n = 0;

	while (hay != NULL && (hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* One ok a row: hay holds needle, described by what. */
struct has_case {
	const char *needle, *what;
};

static inline void
has_each(const char *hay, const struct has_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		ok(has(hay, c[i].needle), "%s", c[i].what);
}

#define has_cases(hay, table)						\
	has_each((hay), (table), sizeof(table) / sizeof((table)[0]))

/* --- the CSV reader -------------------------------------------------- */

/* One row a reader should give next, described by what: its field col is
 * want (unless want is NULL), and it starts on line (unless line is 0). */
struct row_case {
	int col;
	const char *want;
	long line;
	const char *what;
};

/* Up to three checks a row: there is a next row, its field, its line. */
static inline void
rows_each(struct attune_csv *c, const struct row_case *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		is_int(attune_csv_next(c), 1, "%s", r[i].what);
		if (r[i].want != NULL)
			is_str(attune_csv_get(c, r[i].col, NULL), r[i].want,
			    "%s: field %d as written", r[i].what, r[i].col);
		if (r[i].line != 0)
			is_int(attune_csv_line(c), r[i].line,
			    "%s: on line %ld", r[i].what, r[i].line);
	}
}

#define rows_cases(c, table)						\
	rows_each((c), (table), sizeof(table) / sizeof((table)[0]))

/* --- time ------------------------------------------------------------ */

/* attune_time_user with ATTUNE_NOW at now: the time formatted, or
 * "ERROR: why" (static, until the next call). */
static inline const char *
time_user(const char *now, const char *s)
{
	static char buf[400];
	struct attune_time t;
	const char *why = NULL;

	setenv("ATTUNE_NOW", now, 1);
	if (attune_time_user(s, &t, &why) < 0) {
		snprintf(buf, sizeof buf, "ERROR: %s", why ? why : "(no reason)");
		return buf;
	}
	attune_time_format(&t, buf);
	return buf;
}

/* The now of the tables of time cases: a Sunday evening in London. */
#define NOW "2026-11-22T21:04:00+00:00"

static inline const char *
at_now(const char *s)
{
	return time_user(NOW, s);
}

/* --- report summaries ------------------------------------------------ */

static inline int
rsum_equal(const struct attune_rsum *a, const struct attune_rsum *b)
{
	int i;

	if (memcmp(a->m, b->m, sizeof a->m) != 0 ||
	    memcmp(a->prev, b->prev, sizeof a->prev) != 0 ||
	    a->checkins != b->checkins || a->days != b->days ||
	    a->flagged != b->flagged || a->screens != b->screens ||
	    a->rules != b->rules || a->nwhy != b->nwhy)
		return 0;
	for (i = 0; i < a->nwhy; i++)
		if (a->why[i].rule != b->why[i].rule ||
		    strcmp(a->why[i].text, b->why[i].text) != 0)
			return 0;
	return 1;
}

#endif
