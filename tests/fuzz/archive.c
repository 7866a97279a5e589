/*
 * archive.c: fuzz the archiver.  Whatever the live log holds after its
 * header (rows old and new, damaged ones, unclosed quotes, blank lines,
 * NUL bytes), attune_archive must move only whole rows, so that the rows
 * every reader sees are the same before and after, none lost and none
 * doubled; a run that fails must leave the log as it was.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"
#include "fuzz.h"

static char	 dir[64], live[96];
static struct attune_buf header;

static void
empty_dir(void)
{
	DIR *d;
	struct dirent *e;
	char p[400];

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		unlink(p);
	}
	closedir(d);
}

static void
cleanup(void)
{
	empty_dir();
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_start("fuzz-archive", FUZZ_QUIET | FUZZ_LONDON);
	snprintf(dir, sizeof dir, "%s/attune-fuzz-XXXXXX",
	    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (mkdtemp(dir) == NULL)
		abort();
	atexit(cleanup);
	snprintf(live, sizeof live, "%s/checkins.csv", dir);
	attune_csv_header(&header, attune_checkin_cols);
	return 0;
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every row the readers see in the data directory, one line each, sorted. */
static char *
rows_seen(void)
{
	struct attune_buf one = { 0 }, all = { 0 };
	struct attune_csv *c;
	struct attune_checkin ci;
	char **logs, **v = NULL, ts[32];
	size_t n = 0, cap = 0, i;
	int k;

	logs = attune_dir_logs(dir, "checkins");
	for (i = 0; logs[i] != NULL; i++) {
		if ((c = attune_csv_open(logs[i], attune_checkin_cols,
		    ATTUNE_CSV_QUIET)) == NULL)
			abort();
		while (attune_checkin_read(c, &ci) > 0) {
			one.len = 0;
			attune_time_format(&ci.ts, ts);
			attune_buf_printf(&one, "%s|%s", ts, ci.who);
			for (k = 0; k < ATTUNE_NMEASURES; k++)
				attune_buf_printf(&one, "|%d", ci.v[k]);
			attune_buf_printf(&one, "|%x|%x|", ci.did, ci.flags);
			for (size_t j = 0; j < ci.notelen; j++)
				attune_buf_printf(&one, "%02x",
				    (unsigned char)ci.note[j]);
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				v = attune_xreallocarray(v, cap, sizeof *v);
			}
			v[n++] = attune_xstrdup(one.s);
		}
		attune_csv_close(c);
	}
	attune_strv_free(logs);
	if (n > 0)
		qsort(v, n, sizeof *v, by_str);
	attune_buf_add(&all, "", 0);
	for (i = 0; i < n; i++) {
		attune_buf_str(&all, v[i]);
		attune_buf_add(&all, "\n", 1);
		free(v[i]);
	}
	free(v);
	attune_buf_free(&one);
	return all.s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f;
	char *before, *after, *was;
	size_t wlen;
	long moved;
	int round;

	empty_dir();
	if ((f = fopen(live, "wb")) == NULL)
		abort();
	if (fwrite(header.s, 1, header.len, f) != header.len ||
	    (size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
		abort();
	chmod(live, 0600);
	before = rows_seen();
	for (round = 0; round < 2; round++) {
		/* A copy, to hold a failed run to "unchanged". */
		if ((f = fopen(live, "rb")) == NULL)
			abort();
		was = malloc(header.len + size + 2);
		wlen = fread(was, 1, header.len + size + 1, f);
		fclose(f);
		moved = attune_archive(dir, round == 0 ?
		    attune_days_from_civil(2025, 1, 1) :
		    attune_days_from_civil(2026, 7, 1), NULL);
		if (moved < 0) {
			char *now;
			size_t nlen;

			if ((f = fopen(live, "rb")) == NULL)
				abort();
			now = malloc(wlen + 2);
			nlen = fread(now, 1, wlen + 1, f);
			fclose(f);
			if (nlen != wlen || memcmp(now, was, wlen) != 0)
				abort();
			free(now);
		}
		free(was);
		after = rows_seen();
		if (strcmp(before, after) != 0)
			abort();
		free(after);
	}
	free(before);
	return 0;
}
