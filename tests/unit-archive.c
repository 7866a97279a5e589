/*
 * unit-archive: what a reader sees through attune_dir_logs while an
 * archive run is stopped at each of its points: every check-in once.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"
#include "test.h"

static char dir[4096];

/* Log n check-ins, one a fortnight from 2024-01-01, mood i % 11. */
static void
fill(int n)
{
	struct attune_buf row = { 0 }, head = { 0 };
	struct attune_checkin ci;
	char *path;
	int i;

	path = attune_dir_file(dir, "checkins.csv");
	attune_csv_header(&head, attune_checkin_cols);
	for (i = 0; i < n; i++) {
		attune_checkin_init(&ci);
		ci.ts.days = attune_days_from_civil(2024, 1, 1) + 14 * i;
		ci.ts.sec = 9 * 3600;
		ci.ts.off = 0;
		ci.who = "me";
		ci.v[ATTUNE_MOOD] = i % 11;
		ci.note = "a note, with \"quotes\"";
		ci.notelen = strlen(ci.note);
		attune_checkin_row(&row, &ci);
	}
	attune_append(path, head.s, row.s, row.len);
	attune_buf_free(&row);
	attune_buf_free(&head);
	free(path);
}

/* Read every log a reader would read: the number of rows and their sum. */
static long
readall(long *sum, int *pending)
{
	struct attune_checkin ci;
	struct attune_csv *c;
	char **v;
	long n = 0;
	int i;

	*sum = 0;
	*pending = 0;
	v = attune_dir_logs(dir, "checkins");
	for (i = 0; v[i] != NULL; i++) {
		if (strstr(v[i], ".pending-") != NULL)
			(*pending)++;
		if ((c = attune_csv_open(v[i], attune_checkin_cols, 0)) == NULL)
			continue;
		while (attune_checkin_read(c, &ci) == 1) {
			n++;
			*sum += ci.ts.days * 100 + ci.v[ATTUNE_MOOD];
		}
		attune_csv_close(c);
	}
	attune_strv_free(v);
	return n;
}

/* Write s as the file name in dir. */
static void
dir_put(const char *name, const char *s)
{
	char *path = attune_dir_file(dir, name);
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL || fputs(s, fp) == EOF ||
	    fclose(fp) == EOF || chmod(path, 0600) < 0)
		attune_err(1, "cannot write %s", path);
	free(path);
}

/* The whole of the file name in dir, or NULL. */
static char *
dir_slurp(const char *name)
{
	struct attune_buf b = { 0 };
	char *path = attune_dir_file(dir, name);
	FILE *fp;
	size_t n;

	if ((fp = fopen(path, "r")) == NULL) {
		free(path);
		return NULL;
	}
	attune_buf_add(&b, "", 0);
	while ((n = fread(attune_buf_space(&b, 4096), 1, 4096, fp)) > 0)
		b.len -= 4096 - n;
	b.len -= 4096 - n;
	b.s[b.len] = '\0';
	fclose(fp);
	free(path);
	return b.s;
}

/*
 * Every row a strict reader sees in the logs v, one line each (a note's
 * newlines as \n), in b: the number of rows, or -1 if a log held a bad
 * row or could not be read.
 */
static long
readv(char **v, struct attune_buf *b)
{
	struct attune_checkin ci;
	struct attune_csv *c;
	char ts[32];
	size_t k;
	long n = 0;
	int i, bad = 0;

	b->len = 0;
	attune_buf_add(b, "", 0);
	for (i = 0; v[i] != NULL; i++) {
		if ((c = attune_csv_open(v[i], attune_checkin_cols,
		    ATTUNE_CSV_STRICT)) == NULL) {
			bad = 1;
			continue;
		}
		while (attune_checkin_read(c, &ci) == 1) {
			n++;
			attune_time_format(&ci.ts, ts);
			attune_buf_printf(b, "%s|%s|%d|", ts, ci.who,
			    ci.v[ATTUNE_MOOD]);
			for (k = 0; k < ci.notelen; k++)
				if (ci.note[k] == '\n')
					attune_buf_add(b, "\\n", 2);
				else
					attune_buf_add(b, ci.note + k, 1);
			attune_buf_add(b, "\n", 1);
		}
		/* Strict: a row skipped fails the reader. */
		if (attune_csv_close(c) < 0)
			bad = 1;
	}
	return bad ? -1 : n;
}

static long
readstrict(struct attune_buf *b)
{
	char **v = attune_dir_logs(dir, "checkins");
	long n = readv(v, b);

	attune_strv_free(v);
	return n;
}

static void
fresh(void)
{
	char cmd[4200];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0 || mkdir(dir, 0700) < 0)
		attune_err(1, "cannot make %s", dir);
}

#define HEAD	"timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note\n"

/*
 * A note that starts with a space before its opening quote: the reader
 * (like libcsv) passes over the space and reads one row whose note holds
 * a line that looks like a check-in.  The archive must split the log the
 * same way and not move that line as a row of its own.
 */
static void
spaced_note(int64_t before)
{
	struct attune_buf b0 = { 0 }, b1 = { 0 };
	char *live;
	long n0;

	fresh();
	dir_put("checkins.csv", HEAD
	    "2024-01-01T09:00:00+00:00,me,5,,,,,,, \"line1\n"
	    "2024-02-01T09:00:00+00:00,me,6,,,,,,,x\n\"\n"
	    "2026-11-01T09:00:00+00:00,me,7,,,,,,,late\n");
	n0 = readstrict(&b0);
	is_int(n0, 2, "spaced note: the reader sees two rows");
	ok(strstr(b0.s, "|line1\\n2024-02-01T09:00:00+00:00,me,6,,,,,,,x"
	    "\\n\n") != NULL, "spaced note: the inner line is in the note");
	is_int(attune_archive(dir, before, NULL), 1,
	    "spaced note: one row moves");
	is_int(readstrict(&b1), n0,
	    "spaced note: the same number of rows after, none made up");
	is_str(b1.s, b0.s, "spaced note: and the same rows");
	live = dir_slurp("checkins.csv");
	is_str(live, HEAD "2026-11-01T09:00:00+00:00,me,7,,,,,,,late\n",
	    "spaced note: the live log keeps only the late row");
	free(live);
	attune_buf_free(&b0);
	attune_buf_free(&b1);
}

/*
 * A writer killed mid-row leaves part of a row after the last whole one,
 * and checkins.csv.pending saying where the whole rows end.  The archive
 * must move and keep only whole rows, and leave no note that could later
 * match another file; with nothing to move it changes nothing.
 */
static void
partial_row(int64_t before)
{
	static const char part[] = "2026-11-02T09:00:00+00:00,me,3,,,,,,,"
	    "\"a note cut sh";
	struct attune_buf b0 = { 0 }, b1 = { 0 }, note = { 0 }, head = { 0 },
	    row = { 0 }, orig = { 0 };
	struct attune_checkin ci;
	struct stat st;
	char *path, *pp, *live, *text, *v[2] = { NULL, NULL };
	size_t whole;
	int i;

	path = attune_dir_file(dir, "checkins.csv");
	pp = attune_dir_file(dir, "checkins.csv.pending");
	for (i = 0; i < 2; i++) {
		static const char *const rows[] = {
			/* an old row to move, a late one to keep */
			"2024-01-01T09:00:00+00:00,me,5,,,,,,,old\n"
			"2026-11-01T09:00:00+00:00,me,7,,,,,,,good\n",
			/* only a late one: nothing to move */
			"2026-11-01T09:00:00+00:00,me,7,,,,,,,good\n",
		};
		const char *what = i == 0 ? "partial row" :
		    "partial row, nothing to move";

		fresh();
		orig.len = 0;
		attune_buf_str(&orig, HEAD);
		attune_buf_str(&orig, rows[i]);
		whole = orig.len;
		attune_buf_str(&orig, part);
		dir_put("checkins.csv", orig.s);
		if (stat(path, &st) < 0)
			attune_err(1, "%s", path);
		note.len = 0;
		attune_buf_printf(&note, "%zu %zu %ju\n", whole,
		    whole + sizeof part + 40, (uintmax_t)st.st_ino);
		dir_put("checkins.csv.pending", note.s);
		is_int(readstrict(&b0), 2 - i, "%s: the reader sees the whole "
		    "rows", what);
		is_int(attune_archive(dir, before, NULL), 1 - i,
		    "%s: %s", what, i == 0 ? "the old row moves" :
		    "nothing moves");
		is_int(readstrict(&b1), 2 - i, "%s: the same rows after, "
		    "read strictly", what);
		is_str(b1.s, b0.s, "%s: and the same ones", what);
		live = dir_slurp("checkins.csv");
		if (i == 0) {
			is_str(live, HEAD "2026-11-01T09:00:00+00:00,me,7,,,,,,,"
			    "good\n", "%s: the part row is gone from the live "
			    "log", what);
			ok(access(pp, F_OK) < 0,
			    "%s: the note about the old log is gone", what);
			v[0] = attune_dir_file(dir, "checkins-2024.csv.gz");
			is_int(readv(v, &b1), 1, "%s: the archive reads "
			    "strictly", what);
			is_str(b1.s, "2024-01-01T09:00:00+00:00|me|5|old\n",
			    "%s: and holds just the old row", what);
			free(v[0]);
		} else {
			is_str(live, orig.s, "%s: the live log is as it was",
			    what);
			text = dir_slurp("checkins.csv.pending");
			is_str(text, note.s, "%s: the note stays, still "
			    "true", what);
			free(text);
		}
		free(live);

		/* The next check-in: exactly the rows logged, none made
		 * out of the part row. */
		attune_checkin_init(&ci);
		ci.ts.days = attune_days_from_civil(2026, 11, 3);
		ci.ts.sec = 9 * 3600;
		ci.who = "me";
		ci.v[ATTUNE_MOOD] = 4;
		ci.note = "next";
		ci.notelen = 4;
		row.len = head.len = 0;
		attune_csv_header(&head, attune_checkin_cols);
		attune_checkin_row(&row, &ci);
		is_int(attune_append(path, head.s, row.s, row.len), 0,
		    "%s: the next check-in is logged", what);
		attune_buf_str(&b0, "2026-11-03T09:00:00+00:00|me|4|next\n");
		is_int(readstrict(&b1), 3 - i, "%s: then rows %d skipped 0",
		    what, 3 - i);
		is_str(b1.s, b0.s, "%s: exactly the rows logged", what);
	}
	attune_buf_free(&b0);
	attune_buf_free(&b1);
	attune_buf_free(&note);
	attune_buf_free(&head);
	attune_buf_free(&row);
	attune_buf_free(&orig);
	free(path);
	free(pp);
}

static int
run_stopped(const char *point, int64_t before)
{
	pid_t pid;
	int st;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		setenv("ATTUNE_TEST_CRASH", point, 1);
		attune_archive(dir, before, NULL);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int
main(void)
{
	static const char *points[] = { "after-archive", "before-commit",
	    "after-commit", "after-rename", NULL };
	int64_t before = attune_days_from_civil(2025, 11, 22);
	long n0, s0, n, s;
	int i, pend;
	char cmd[4200];

	attune_setprog("unit-archive");
	snprintf(dir, sizeof dir, "%s/tests/tmp/unit-archive.%ld",
	    getenv("TOP") ? getenv("TOP") : ".", (long)getpid());
	for (i = 0; points[i] != NULL; i++) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0 || mkdir(dir, 0700) < 0)
			attune_err(1, "cannot make %s", dir);
		fill(60);
		n0 = readall(&s0, &pend);
		is_int(n0, 60, "%s: 60 check-ins to start with", points[i]);
		is_int(run_stopped(points[i], before), 99, "%s: stopped there",
		    points[i]);
		n = readall(&s, &pend);
		is_int(n, n0, "%s: a reader sees every check-in once",
		    points[i]);
		is_int(s, s0, "%s: and the same ones", points[i]);
		is_int(pend, i >= 2 ? (i == 2 ? 2 : 1) : 0,
		    "%s: committed pending archives are read in place",
		    points[i]);
		is_int(attune_archive(dir, before, NULL), i < 2 ? 50 : 0,
		    "%s: the next run finishes the move", points[i]);
		n = readall(&s, &pend);
		ok(n == n0 && s == s0 && pend == 0,
		    "%s: then every check-in once, from the archives", points[i]);
	}
	is_int(attune_archive(dir, before, NULL), 0, "nothing more to move");
	fill(1);	/* 2024-01-01 again, and so older than the cut-off */
	is_int(attune_archive(dir, before, NULL), 1, "a back-filled row moves");
	n = readall(&s, &pend);
	is_int(n, 61, "and is read once");
	spaced_note(before);
	partial_row(before);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ok(system(cmd) == 0, "cleaned up");
	return tap_done();
}
