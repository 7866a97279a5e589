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
 * to it.  That row was never reported as logged.  The note is made new
 * each time (O_EXCL), and trusted only if a writer could have left it.
 *
 * Where the next row starts, and which columns the log has, are found by
 * the reader itself (attune_csv_shape), so that a row goes where every
 * reader looks: after a tail the reader would close, and in the order of
 * the log's own header (log.c, attune_rows_by_header).  A tail that no
 * closing can make readable, a header without a needed column, ';' between
 * columns, or a log with a second name, are refused with the log as it was.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/xattr.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"

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
	/* Another name for the same file (a hard link) may sit where no
	 * one looks, or in a place others can reach: say so, write nothing. */
	if (st.st_nlink > 1) {
		attune_warnx("%s: the log has other names (hard links), so "
		    "nothing was added; copy it to a file of its own ('cp %s "
		    "%s.new && mv %s.new %s'), then try again", path, path,
		    path, path, path);
		close(fd);
		return -1;
	}
	if (st.st_mode & 077)
		attune_warnx("%s: others can read this log; 'chmod 600 %s' "
		    "keeps it private", path, path);
	return fd;
}

/* The names in a header line as attune writes it: no quotes in them. */
static char **
split_cols(const char *header)
{
	char **v;
	size_t i, n = 1, k = 0, len;
	const char *p;

	for (p = header; *p != '\0'; p++)
		n += *p == ',';
	v = attune_xcalloc(n + 1, sizeof *v);
	for (p = header; k < n; p += len + 1) {
		len = strcspn(p, ",\r\n");
		v[k] = attune_xmalloc(len + 1);
		memcpy(v[k], p, len);
		v[k++][len] = '\0';
		if (p[len] != ',')
			break;
	}
	for (i = k; i <= n; i++)
		v[i] = NULL;
	return v;
}

static int
same_cols(char *const *a, char *const *b)
{
	size_t i;

	for (i = 0; a[i] != NULL && b[i] != NULL; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return a[i] == NULL && b[i] == NULL;
}

/*
 * The mark a writer leaves on the log once its rows are on disk: the
 * log's size and modification time then, in an extended attribute.  While
 * both are as the mark says, nothing has touched the log since, so it
 * ends after a whole row and the next writer need not read it to know
 * (a check-in reads the header, not a log of any size).  A log changed by
 * anything else, or on a file system without extended attributes, is
 * read whole, as before.
 */
#define END_MARK	"user.attune.end"

static int
end_marked(int fd, const struct stat *st)
{
	char buf[96];
	long long size, sec, nsec;
	ssize_t n;

	if ((n = fgetxattr(fd, END_MARK, buf, sizeof buf - 1)) <= 0)
		return 0;
	buf[n] = '\0';
	return sscanf(buf, "%lld %lld %lld", &size, &sec, &nsec) == 3 &&
	    size == (long long)st->st_size && sec == (long long)st->st_mtim.tv_sec &&
	    nsec == (long long)st->st_mtim.tv_nsec;
}

static void
end_mark(int fd)
{
	struct stat st;
	char buf[96];
	int n;

	if (fstat(fd, &st) < 0)
		return;
	n = snprintf(buf, sizeof buf, "%lld %lld %ld", (long long)st.st_size,
	    (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
	(void)fsetxattr(fd, END_MARK, buf, (size_t)n, 0);	/* best effort */
}

int
attune_append(const char *path, const char *header, const char *rows,
    size_t n)
{
	struct attune_buf b = { 0 }, mapped = { 0 };
	struct stat st;
	char *pp = NULL, **names = NULL, **cols = NULL;
	long long before, after;
	unsigned long long pino;
	long line;
	int fd, created, e, marked = 0, rc = -1, end, readable, clean;
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
			goto undo;
		}
	}
	if (fstat(fd, &st) < 0) {
		attune_warn("%s", path);
		goto undo;
	}
	if (st.st_nlink == 0) {
		/* A writer that created the log failed and removed it
		 * while this one waited for the lock: start again. */
		close(fd);
		goto again;
	}
	size = st.st_size;
	pp = attune_pending_path(path);
	if (attune_pending_read(pp, fd, &before, &after, &pino)) {
		/* A writer was killed mid-row: take its part row away. */
		if (pino == (unsigned long long)st.st_ino && before < size &&
		    size < after && ftruncate(fd, before) == 0)
			size = before;
	}
	/* Gone in every case: the next note is made new (O_EXCL). */
	unlink(pp);
	/* Where the reader will take the next row to start, and the
	 * columns it finds by name: the same code reads both.  Where the
	 * last writer's mark says the log ends as it left it, only the
	 * header is read. */
	clean = size > 0 && end_marked(fd, &st);
	end = size == 0 ? -1 : attune_csv_shape(fd, (long long)size, &names,
	    &line, clean);
	if (clean && end >= 0)
		end = ATTUNE_END_CLEAN;
	if ((readable = end >= 0) == 0 && size > 0) {
		/* Unreadable (written but not read): a newline first is
		 * always safe, as readers pass over an empty line. */
		end = ATTUNE_END_LINE;
	}
	if (end == ATTUNE_END_LOST) {
		attune_warnx("%s: a quoted field that starts on line %ld runs "
		    "on for more than 256 KiB without its closing quote, so the "
		    "rows after it cannot be read, and nothing was added; open "
		    "the log in a text editor, close or remove that quote, then "
		    "try again", path, line);
		goto out;
	}
	if (size > 0 && readable && names == NULL) {
		attune_warnx("%s: its first row, which names the columns, "
		    "cannot be read, so nothing was added; put the header "
		    "back (attune-log(5) gives it), then try again", path);
		goto out;
	}
	if (names != NULL && names[0] == NULL) {
		/* Blank lines only: the header goes first, on a line of
		 * its own. */
		if (end != ATTUNE_END_CLEAN)
			attune_buf_add(&b, end == ATTUNE_END_QUOTE ? "\"\n" :
			    "\n", end == ATTUNE_END_QUOTE ? 2 : 1);
		end = -1;
	} else if (names != NULL) {
		cols = split_cols(header);
		if (!same_cols(cols, names)) {
			if (attune_rows_by_header(&mapped, path,
			    (const char *const *)cols, names, rows, n) < 0)
				goto out;
			rows = mapped.s;
			n = mapped.len;
		}
	}
	switch (end) {
	case -1:
		attune_buf_str(&b, header);
		break;
	case ATTUNE_END_LINE:
		attune_buf_add(&b, "\n", 1);
		break;
	case ATTUNE_END_QUOTE:
		attune_buf_add(&b, "\"\n", 2);
		break;
	}
	attune_buf_add(&b, rows, n);
	/* Without the note (a directory others own), append as before. */
	marked = attune_pending_write(pp, (long long)size,
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
		attune_sync_dir_of(path);
	end_mark(fd);
	rc = 0;
	goto out;
undo:
	/* Nothing was written: a log this call made goes again, empty. */
	if (created && fstat(fd, &st) == 0 && st.st_size == 0)
		unlink(path);
out:
	attune_buf_free(&b);
	attune_buf_free(&mapped);
	attune_strv_free(names);
	attune_strv_free(cols);
	free(pp);
	/* Once fsync has said the rows are on disk, close() cannot take
	 * them back: a failure now is worth a word, not a "not logged". */
	if (close(fd) < 0 && rc == 0)
		attune_warn("%s: closing the log failed after the row was "
		    "saved", path);
	return rc;
}
