/*
 * append.c: the one way rows are added to a log.
 *
 * The rows are built in memory first and written with one write() under an
 * exclusive lock, so parallel writers never interleave and readers (who
 * take a shared lock) never see half a row.  The file is flushed to disk
 * before success is reported.  If any part of the write fails (disk full,
 * file size limit, I/O error), the file is cut back to its old length so
 * the log is exactly as it was.
 *
 * A write of many pages can be stopped part way by SIGKILL.  So while a
 * writer writes, LOG.pending holds two numbers, the log's size before and
 * after the write; the writer removes it when done.  If it is left behind
 * and the log's size lies between the two, a writer died mid-row: readers
 * read only up to the first number, and the next writer cuts the log back
 * to it.  That row was never reported as logged.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "attune.h"

static int
parser(struct csv_parser *p)
{
	/* As csv.c reads: strict, libcsv's own trimming of spaces. */
	return csv_init(p, CSV_STRICT | CSV_STRICT_FINI) != 0 ? -1 : 0;
}

/*
 * How the log ends: 0 cleanly after a newline, 1 without a final newline,
 * 2 inside a quoted field (a row cut short mid-note).  The next row must
 * start on a fresh line of its own in every case, as the reader in csv.c
 * will see it, so this parses the same way: strictly, a line at a time,
 * passing over the rest of a line that is malformed or too long.  (Keep
 * it in step with parser_init and parse_more in csv.c.)
 */
static int
ending(int fd, off_t size)
{
	struct csv_parser p;
	char buf[65536], last = '\n';
	const char *seg, *nl;
	off_t at = 0;
	ssize_t n;
	size_t len, pos, used;
	int skip = 0, open_quote;

	if (parser(&p) < 0)
		return 1;
	while (at < size) {
		if ((n = pread(fd, buf, sizeof buf, at)) <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			/* Unreadable: a newline first is always safe, as
			 * readers pass over an empty line. */
			csv_free(&p);
			return 1;
		}
		at += n;
		last = buf[n - 1];
		for (pos = 0; pos < (size_t)n; pos += len) {
			seg = buf + pos;
			nl = memchr(seg, '\n', (size_t)n - pos);
			len = nl != NULL ? (size_t)(nl - seg) + 1 : (size_t)n - pos;
			if (skip) {
				skip = nl == NULL;
				continue;
			}
			used = csv_parse(&p, seg, len, NULL, NULL, NULL);
			if (used < len || p.entry_pos > ATTUNE_CSV_MAXROW) {
				csv_free(&p);
				if (parser(&p) < 0)
					return 1;
				skip = nl == NULL ||
				    (used < len && memchr(seg + used, '\n',
				    len - used) == NULL);
			}
		}
	}
	open_quote = !skip && csv_fini(&p, NULL, NULL, NULL) != 0;
	csv_free(&p);
	if (open_quote)
		return 2;
	return last == '\n' ? 0 : 1;
}

/* Write all n bytes of s to fd: 0, or -1 with errno set (EIO if write()
 * wrote nothing and said no more). */
int
attune_write_all(int fd, const char *s, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
open_log(const char *path, int *created)
{
	struct stat st;
	int fd;

	*created = 0;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (stat(path, &st) < 0) {
			attune_warnx("%s: is a symbolic link to a missing file; "
			    "not writing through it", path);
			return -1;
		}
		attune_warnx("%s: is a symbolic link; writing to the file it "
		    "points to", path);
	}
	/*
	 * Read and write: ending() reads the log to see how it ends.  A log
	 * that may be written but not read is still written, unrepaired.
	 * O_NONBLOCK so that a FIFO in the log's place is refused at once
	 * instead of waiting for a reader; it means nothing to a file.
	 */
	for (;;) {
		fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOCTTY |
		    O_NONBLOCK);
		if (fd < 0 && errno == EACCES)
			fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC |
			    O_NOCTTY | O_NONBLOCK);
		if (fd >= 0 || errno != ENOENT)
			break;
		fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC | O_CREAT |
		    O_EXCL | O_NOFOLLOW, 0600);
		if (fd >= 0) {
			*created = 1;
			break;
		}
		if (errno != EEXIST)
			break;
		/* Another writer created it first: open theirs. */
	}
	if (fd < 0) {
		if (errno == EISDIR)
			attune_warnx("%s: is a directory, not a log", path);
		else if (errno == ENXIO)
			attune_warnx("%s: is not a regular file", path);
		else
			attune_warn("cannot open %s", path);
		return -1;
	}
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		attune_warnx("%s: is not a regular file", path);
		close(fd);
		return -1;
	}
	if (st.st_mode & 077)
		attune_warnx("%s: others can read this log; 'chmod 600 %s' "
		    "keeps it private", path, path);
	return fd;
}

/* Flush dir itself, so that names created, removed or renamed in it
 * last; best effort, as some file systems cannot. */
void
attune_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* attune_sync_dir for the directory that holds path. */
static void
sync_dir_of(const char *path)
{
	char *copy = attune_xstrdup(path);

	attune_sync_dir(dirname(copy));
	free(copy);
}

static char *
pending_path(const char *path)
{
	struct attune_buf b = { 0 };

	attune_buf_str(&b, path);
	attune_buf_str(&b, ".pending");
	return b.s;
}

/*
 * The sizes in LOG.pending, and the log's inode (a log replaced since, as
 * attune-archive does, is not the one the note is about): 1 if it is there
 * and holds them, else 0.
 */
static int
pending_read(const char *pp, long long *before, long long *after,
    unsigned long long *ino)
{
	struct stat st;
	char buf[64];
	ssize_t n;
	int fd;

	if ((fd = open(pp, O_RDONLY | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK)) < 0)
		return 0;
	n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ?
	    read(fd, buf, sizeof buf - 1) : -1;
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return sscanf(buf, "%lld %lld %llu", before, after, ino) == 3 &&
	    *before >= 0 && *before < *after;
}

static int
pending_write(const char *pp, long long before, long long after,
    unsigned long long ino)
{
	struct stat st;
	char buf[64];
	int fd, n, ok;

	fd = open(pp, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK,
	    0600);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || ftruncate(fd, 0) < 0) {
		close(fd);	/* not a file of ours: do without the note */
		return -1;
	}
	n = snprintf(buf, sizeof buf, "%lld %lld %llu\n", before, after, ino);
	ok = attune_write_all(fd, buf, (size_t)n) == 0;
	if (close(fd) < 0 || !ok) {
		unlink(pp);
		return -1;
	}
	return 0;
}

/*
 * For readers: how much of a log of size bytes holds whole rows.  Less
 * than size only while a killed writer's part of a row is at its end.
 */
long long
attune_append_whole(const char *path, long long size, unsigned long long ino)
{
	char *pp = pending_path(path);
	long long before, after;
	unsigned long long pino;

	if (pending_read(pp, &before, &after, &pino) && pino == ino &&
	    before < size && size < after)
		size = before;
	free(pp);
	return size;
}

int
attune_append(const char *path, const char *header, const char *rows,
    size_t n)
{
	struct attune_buf b = { 0 };
	struct stat st;
	char *pp = NULL;
	long long before, after;
	unsigned long long pino;
	int fd, created, e, marked = 0, rc = -1;
	off_t size;

	/* Over a file size limit, write() must fail with EFBIG so that the
	 * log can be cut back, rather than the process being killed. */
	signal(SIGXFSZ, SIG_IGN);
again:
	if ((fd = open_log(path, &created)) < 0)
		return -1;
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			attune_warn("cannot lock %s", path);
			close(fd);
			return -1;
		}
	}
	if (fstat(fd, &st) < 0) {
		attune_warn("%s", path);
		goto out;
	}
	if (st.st_nlink == 0) {
		/* A writer that created the log failed and removed it
		 * while this one waited for the lock: start again. */
		close(fd);
		goto again;
	}
	size = st.st_size;
	pp = pending_path(path);
	if (pending_read(pp, &before, &after, &pino)) {
		/* A writer was killed mid-row: take its part row away. */
		if (pino == (unsigned long long)st.st_ino && before < size &&
		    size < after && ftruncate(fd, before) == 0)
			size = before;
		unlink(pp);
	}
	switch (size == 0 ? -1 : ending(fd, size)) {
	case -1:
		attune_buf_str(&b, header);
		break;
	case 1:
		attune_buf_add(&b, "\n", 1);
		break;
	case 2:
		attune_buf_add(&b, "\"\n", 2);
		break;
	}
	attune_buf_add(&b, rows, n);
	/* Without the note (a directory others own), append as before. */
	marked = pending_write(pp, (long long)size,
	    (long long)size + (long long)b.len,
	    (unsigned long long)st.st_ino) == 0;
	if (attune_write_all(fd, b.s, b.len) < 0 || fsync(fd) < 0) {
		e = errno;
		if (ftruncate(fd, size) < 0 || fsync(fd) < 0)
			attune_warn("%s: could not undo a failed write; the log "
			    "may end with a partial row", path);
		/* A log this call created goes again, as it was before,
		 * unless another writer got the lock first and put its
		 * rows in: then it stays, cut back to those. */
		if (created && size == 0)
			unlink(path);
		if (marked)
			unlink(pp);
		errno = e;
		attune_warn("cannot write to %s; the log is as it was", path);
		goto out;
	}
	if (marked)
		unlink(pp);
	if (created)
		sync_dir_of(path);
	rc = 0;
out:
	attune_buf_free(&b);
	free(pp);
	if (close(fd) < 0 && rc == 0) {
		attune_warn("cannot write to %s", path);
		rc = -1;
	}
	return rc;
}
