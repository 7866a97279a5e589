/*
 * append.c: the one way rows are added to a log.
 *
 * The rows are built in memory first and written with one write() under an
 * exclusive lock, so parallel writers never interleave and readers (who
 * take a shared lock) never see half a row.  The file is flushed to disk
 * before success is reported.  If any part of the write fails (disk full,
 * file size limit, I/O error), the file is cut back to its old length so
 * the log is exactly as it was.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "attune.h"

/*
 * How the log ends: 0 cleanly after a newline, 1 without a final newline,
 * 2 inside a quoted field (a row cut short mid-note).  The next row must
 * start on a fresh line of its own in every case.
 */
static int
ending(int fd, off_t size)
{
	struct csv_parser p;
	char buf[65536], last = '\n';
	off_t at = 0;
	ssize_t n;
	int open_quote;

	if (size == 0)
		return 0;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return 1;
	while (at < size && (n = pread(fd, buf, sizeof buf, at)) > 0) {
		csv_parse(&p, buf, (size_t)n, NULL, NULL, NULL);
		last = buf[n - 1];
		at += n;
	}
	open_quote = csv_fini(&p, NULL, NULL, NULL) != 0;
	csv_free(&p);
	if (open_quote)
		return 2;
	return last == '\n' ? 0 : 1;
}

static int
write_all(int fd, const char *s, size_t n)
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
	for (;;) {
		fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOCTTY);
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

static void
sync_dir(const char *path)
{
	char *copy = attune_xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

int
attune_append(const char *path, const char *header, const char *rows,
    size_t n)
{
	struct attune_buf b = { 0 };
	struct stat st;
	int fd, created, e, rc = -1;
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
	if (write_all(fd, b.s, b.len) < 0 || fsync(fd) < 0) {
		e = errno;
		if (ftruncate(fd, size) < 0 || fsync(fd) < 0)
			attune_warn("%s: could not undo a failed write; the log "
			    "may end with a partial row", path);
		/* A log this call created goes again, as it was before. */
		if (created)
			unlink(path);
		errno = e;
		attune_warn("cannot write to %s; the log is as it was", path);
		goto out;
	}
	if (created)
		sync_dir(path);
	rc = 0;
out:
	attune_buf_free(&b);
	if (close(fd) < 0 && rc == 0) {
		attune_warn("cannot write to %s", path);
		rc = -1;
	}
	return rc;
}
