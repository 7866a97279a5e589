/*
 * unit-archive: what a reader sees through attune_dir_logs while an
 * archive run is stopped at each of its points: every check-in once.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune.h"
#include "tap.h"

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
put(const char *name, const char *s)
{
	char *path = attune_dir_file(dir, name);
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL || fputs(s, fp) == EOF ||
	    fclose(fp) == EOF)
		attune_err(1, "cannot write %s", path);
	free(path);
}

/* The whole of the file name in dir, or NULL. */
static char *
slurp(const char *name)
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
 * Every row a strict reader sees in every log, one line each (a note's
 * newlines as \n), in b: the number of rows, or -1 if a log held a bad
 * row or could not be read.
 */
static long
readstrict(struct attune_buf *b)
{
	struct attune_checkin ci;
	struct attune_csv *c;
	char **v, ts[32];
	size_t k;
	long n = 0;
	int i, bad = 0;

	b->len = 0;
	attune_buf_add(b, "", 0);
	v = attune_dir_logs(dir, "checkins");
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
		if (attune_csv_skipped(c) != 0 || attune_csv_close(c) < 0)
			bad = 1;
	}
	attune_strv_free(v);
	return bad ? -1 : n;
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
	put("checkins.csv", HEAD
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
	live = slurp("checkins.csv");
	is_str(live, HEAD "2026-11-01T09:00:00+00:00,me,7,,,,,,,late\n",
	    "spaced note: the live log keeps only the late row");
	free(live);
	attune_buf_free(&b0);
	attune_buf_free(&b1);
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
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ok(system(cmd) == 0, "cleaned up");
	return tap_done();
}
