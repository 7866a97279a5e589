/*
 * csv.c: fuzz the log reader: libcsv through lib/csv.c, then the check-in
 * and screen row checks of lib/log.c, on plain and gzip input.
 *
 * Beyond "no crash, no leak, no undefined behaviour", it checks that
 * every row read is one the writer could have written, that reading the
 * same bytes gzip-compressed gives the same rows, and that writing the rows
 * read with attune_checkin_row and reading them back gives them again.
 */
#include <sys/mman.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "attune_priv.h"
#include "fuzz.h"

static int	 fd_plain = -1, fd_gz = -1, fd_back = -1;
static char	 path_plain[64], path_gz[64], path_back[64];

static void
put(int fd, const void *p, size_t n)
{
	const char *s = p;
	ssize_t w;

	if (ftruncate(fd, 0) < 0)
		abort();
	for (off_t at = 0; n > 0; at += w, s += w, n -= (size_t)w)
		if ((w = pwrite(fd, s, n, at)) <= 0)
			abort();
}

static int
memfile(const char *name, char *path)
{
	int fd = memfd_create(name, 0);

	if (fd < 0)
		abort();
	snprintf(path, 64, "/proc/self/fd/%d", fd);
	return fd;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* The reader warns about every bad row: its words go away. */
	fuzz_start("fuzz-csv", FUZZ_QUIET | FUZZ_LONDON | FUZZ_NOW);
	fd_plain = memfile("plain", path_plain);
	fd_gz = memfile("gz", path_gz);
	fd_back = memfile("back", path_back);
	return 0;
}

/* Everything a check-in row holds, as bytes to compare. */
static void
digest(struct attune_buf *b, const struct attune_checkin *ci)
{
	int k;

	attune_buf_add(b, &ci->ts, sizeof ci->ts);
	attune_buf_str(b, ci->who);
	attune_buf_add(b, "", 1);
	for (k = 0; k < ATTUNE_NMEASURES; k++)
		attune_buf_add(b, &ci->v[k], sizeof ci->v[k]);
	attune_buf_add(b, &ci->did, sizeof ci->did);
	attune_buf_add(b, &ci->flags, sizeof ci->flags);
	attune_buf_add(b, &ci->notelen, sizeof ci->notelen);
	attune_buf_add(b, ci->note, ci->notelen);
}

/* A row the reader accepts must be one the writer could write. */
static void
sane(const struct attune_checkin *ci)
{
	int k;

	if (ci->ts.sec < 0 || ci->ts.sec >= 86400)
		abort();
	if (ci->ts.off != ATTUNE_NOOFF &&
	    (ci->ts.off < -18 * 3600 - 59 * 60 || ci->ts.off > 18 * 3600 + 59 * 60))
		abort();
	if (!attune_who_valid(ci->who, strlen(ci->who)))
		abort();
	for (k = 0; k < ATTUNE_NMEASURES; k++)
		if (ci->v[k] < -1 || ci->v[k] > attune_measures[k].max)
			abort();
	if (ci->did >> 12 != 0 || ci->flags >> 6 != 0)
		abort();
	if (memchr(ci->note, '\0', ci->notelen) != NULL ||
	    !attune_utf8_valid(ci->note, ci->notelen) ||
	    strlen(ci->note) != ci->notelen)
		abort();
}

/* Read every check-in of path; returns the reader's last status. */
static int
checkins(const char *path, int flags, struct attune_buf *dig,
    struct attune_buf *rows)
{
	struct attune_csv *c;
	struct attune_checkin ci;
	int r;

	if ((c = attune_csv_open(path, attune_checkin_cols, flags)) == NULL)
		abort();	/* a memfd always opens */
	while ((r = attune_checkin_read(c, &ci)) > 0) {
		sane(&ci);
		if (dig != NULL)
			digest(dig, &ci);
		if (rows != NULL)
			attune_checkin_row(rows, &ci);
	}
	if (attune_csv_close(c) < 0 && r >= 0)
		abort();	/* close fails only when reading did */
	return r;
}

static void
screens(const char *path)
{
	struct attune_csv *c;
	struct attune_screen s;

	if ((c = attune_csv_open(path, attune_screen_cols, 0)) == NULL)
		abort();
	while (attune_screen_read(c, &s) > 0)
		if (s.total < 0 || s.instrument[0] == '\0' ||
		    !attune_who_valid(s.who, strlen(s.who)))
			abort();
	attune_csv_close(c);
}

static void
gzip(const uint8_t *data, size_t size, struct attune_buf *out)
{
	z_stream z;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 1, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	out->len = 0;
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)size;
	for (;;) {
		z.next_out = (Bytef *)attune_buf_space(out, 65536);
		z.avail_out = 65536;
		int r = deflate(&z, Z_FINISH);
		out->len -= z.avail_out;
		if (r == Z_STREAM_END)
			break;
		if (r != Z_OK && r != Z_BUF_ERROR)
			abort();
	}
	deflateEnd(&z);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct attune_buf d1 = { 0 }, d2 = { 0 }, d3 = { 0 }, rows = { 0 },
	    z = { 0 };
	int r1, r2, r3;

	put(fd_plain, data, size);
	r1 = checkins(path_plain, 0, &d1, &rows);
	checkins(path_plain, ATTUNE_CSV_STRICT, NULL, NULL);
	screens(path_plain);

	/* The same bytes compressed must read the same.  (Input that is
	 * itself gzip would be inflated once more when read plain.) */
	if (!(size >= 2 && data[0] == 0x1f && data[1] == 0x8b)) {
		gzip(data, size, &z);
		put(fd_gz, z.s, z.len);
		r2 = checkins(path_gz, 0, &d2, NULL);
		if (r1 != r2 || d1.len != d2.len ||
		    (d1.len > 0 && memcmp(d1.s, d2.s, d1.len) != 0))
			abort();
		/* Cut short, it must fail or read a prefix, never crash. */
		if (z.len > 4) {
			put(fd_gz, z.s, z.len / 2);
			checkins(path_gz, 0, NULL, NULL);
		}
	}

	/* What the reader accepted, written again, reads back the same. */
	if (r1 == 0 && rows.len > 0) {
		struct attune_buf all = { 0 };

		attune_csv_header(&all, attune_checkin_cols);
		attune_buf_add(&all, rows.s, rows.len);
		put(fd_back, all.s, all.len);
		r3 = checkins(path_back, ATTUNE_CSV_STRICT, &d3, NULL);
		if (r3 != 0 || d1.len != d3.len || memcmp(d1.s, d3.s, d1.len) != 0)
			abort();
		attune_buf_free(&all);
	}
	attune_buf_free(&d1);
	attune_buf_free(&d2);
	attune_buf_free(&d3);
	attune_buf_free(&rows);
	attune_buf_free(&z);
	return 0;
}
