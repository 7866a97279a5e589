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
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ok(system(cmd) == 0, "cleaned up");
	return tap_done();
}
