/*
 * append.c: fuzz how a row is added to a damaged log.  Whatever a log
 * ends with (a row cut inside a quoted note, no final newline, a broken
 * quote, a NUL, an over-long line), attune_append must leave every old
 * byte where it was, and the row it adds must read back whole as the last
 * row of the log.
 */
#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"
#include "fuzz.h"

static int	 fd = -1;
static char	 path[64];
static const char *unlink_at_exit;

static void
cleanup(void)
{
	if (unlink_at_exit != NULL)
		unlink(unlink_at_exit);
}
static struct attune_buf header, row;
static struct attune_checkin want;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_start("fuzz-append", FUZZ_QUIET);
	/* A real file (a memfd has no link, which attune_append takes for
	 * a log removed under it), on tmpfs when there is one: it fsyncs. */
	snprintf(path, sizeof path, "%s/attune-fuzz-XXXXXX",
	    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if ((fd = mkstemp(path)) < 0)
		abort();
	unlink_at_exit = path;
	atexit(cleanup);
	attune_csv_header(&header, attune_checkin_cols);
	attune_checkin_init(&want);
	attune_time_iso("2026-11-22T21:04:00+00:00", 25, &want.ts);
	want.who = "me";
	want.v[ATTUNE_BOND] = 4;
	want.note = "the new row, \"whole\"\nwith two lines";
	want.notelen = strlen(want.note);
	attune_checkin_row(&row, &want);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct attune_csv *c;
	struct attune_checkin ci, last;
	static struct attune_buf lastnote;
	size_t old = header.len + size;
	char *back;
	int r, n = 0;

	/* A log with a good header, then anything at all. */
	if (ftruncate(fd, 0) < 0 || pwrite(fd, header.s, header.len, 0) < 0 ||
	    (size > 0 && pwrite(fd, data, size, (off_t)header.len) < 0))
		abort();
	if (attune_append(path, header.s, row.s, row.len) < 0) {
		/* Refused only where the reader loses the rows after a
		 * quoted field that never closes, and then unchanged. */
		char **names;
		long line;
		struct stat st;

		if (attune_csv_shape(fd, (long long)old, &names, &line, 0) !=
		    ATTUNE_END_LOST || fstat(fd, &st) < 0 ||
		    st.st_size != (off_t)old)
			abort();
		attune_strv_free(names);
		return 0;
	}

	/* Every old byte is where it was. */
	back = malloc(old + 1);
	if (pread(fd, back, old, 0) != (ssize_t)old ||
	    memcmp(back, header.s, header.len) != 0 ||
	    (size > 0 && memcmp(back + header.len, data, size) != 0))
		abort();
	free(back);

	/* The new row is the last one read, exactly as written. */
	if ((c = attune_csv_open(path, attune_checkin_cols, 0)) == NULL)
		abort();
	memset(&last, 0, sizeof last);
	while ((r = attune_checkin_read(c, &ci)) > 0) {
		last = ci;
		lastnote.len = 0;
		attune_buf_add(&lastnote, ci.note, ci.notelen);
		n++;
	}
	if (r < 0 || n == 0 || last.ts.days != want.ts.days ||
	    last.ts.sec != want.ts.sec || last.v[ATTUNE_BOND] != 4 ||
	    lastnote.len != want.notelen ||
	    memcmp(lastnote.s, want.note, want.notelen) != 0)
		abort();
	attune_csv_close(c);
	return 0;
}
