/*
 * store.c: the file layer.  Every log file attune opens, locks, flushes,
 * lists or replaces is handled here, so that the rules that keep a log
 * whole live in one place:
 *
 *  - list the logs of one kind (attune_dir_logs), archives first;
 *  - read a log's whole rows under the shared lock (attune_log_lock,
 *    attune_store_read): a row a killed writer left half written is not
 *    one (the pending note, below);
 *  - append under the exclusive lock with the pending note (append.c
 *    decides what goes where; the note, the write and the flush are here);
 *  - commit a replacement log by one rename (attune_store_commit), as
 *    attune-archive and attune log's edits do.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "attune_priv.h"

/* The most one write adds: a few rows of a check-in or a screen. */
#define PENDING_MAX	(4LL * ATTUNE_CSV_MAXROW + 65536)

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
void
attune_sync_dir_of(const char *path)
{
	char *copy = attune_xstrdup(path);

	attune_sync_dir(dirname(copy));
	free(copy);
}

char *
attune_pending_path(const char *path)
{
	struct attune_buf b = { 0 };

	attune_buf_str(&b, path);
	attune_buf_str(&b, ".pending");
	return b.s;
}

/*
 * The sizes in LOG.pending, and the log's inode (a log replaced since, as
 * attune-archive does, is not the one the note is about): 1 if it is there
 * and holds them, else 0.  The note is trusted only if it could be a
 * writer's: a file of its own, the log owner's, that no one else may
 * write, about one write of at most a few rows that began where a row
 * ended (logfd: the log, to look at that byte).
 */
int
attune_pending_read(const char *pp, int logfd, long long *before, long long *after,
    unsigned long long *ino)
{
	struct stat st, lst;
	char buf[64], c;
	ssize_t n;
	int fd;

	if ((fd = open(pp, O_RDONLY | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK)) < 0)
		return 0;
	n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1 &&
	    (st.st_mode & 022) == 0 && fstat(logfd, &lst) == 0 &&
	    st.st_uid == lst.st_uid ? read(fd, buf, sizeof buf - 1) : -1;
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if (sscanf(buf, "%lld %lld %llu", before, after, ino) != 3 ||
	    *before < 0 || *before >= *after ||
	    *after - *before > PENDING_MAX)
		return 0;
	if (*before > 0 && (pread(logfd, &c, 1, (off_t)*before - 1) != 1 ||
	    c != '\n'))
		return 0;
	return 1;
}

int
attune_pending_write(const char *pp, long long before, long long after,
    unsigned long long ino)
{
	char buf[64];
	int fd, n, ok;

	/* A new file, never one found there (a link to another file). */
	fd = open(pp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK, 0600);
	if (fd < 0)
		return -1;
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
	char *pp = attune_pending_path(path);
	long long before, after;
	unsigned long long pino;
	int fd;

	if (access(pp, F_OK) == 0 && (fd = open(path, O_RDONLY | O_CLOEXEC |
	    O_NOCTTY | O_NONBLOCK)) >= 0) {
		if (attune_pending_read(pp, fd, &before, &after, &pino) &&
		    pino == ino && before < size && size < after)
			size = before;
		close(fd);
	}
	free(pp);
	return size;
}

static int
read_all(int fd, struct attune_buf *b)
{
	char chunk[65536];
	ssize_t n;

	b->len = 0;
	attune_buf_add(b, "", 0);
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		attune_buf_add(b, chunk, (size_t)n);
	}
	return 0;
}

/*
 * The whole rows of the log open as fd (path, its stat st) into b, NUL
 * ended: 0, or -1 with errno set (b freed).
 */
int
attune_store_read(int fd, const char *path, const struct stat *st,
    struct attune_buf *b)
{
	if (read_all(fd, b) < 0) {
		attune_buf_free(b);
		return -1;
	}
	b->len = (size_t)attune_append_whole(path, (long long)b->len,
	    (unsigned long long)st->st_ino);
	b->s[b->len] = '\0';
	return 0;
}

/*
 * Commit a replacement for the log at path: tmp, open as fd and flushed,
 * in the same directory dir, is locked (so that writers who find the log
 * replaced wait for it), the directory flushed, and tmp renamed over
 * path; the old log's pending note goes with it.  The crash points are
 * named point "before-commit" and point "after-commit" (point: "" or
 * "edit-").  0, or -1 with errno set and tmp removed: the log as it was.
 */
int
attune_store_commit(int fd, const char *tmp, const char *path,
    const char *dir, const char *point)
{
	struct attune_buf name = { 0 };
	char *pp;
	int e;

	while (flock(fd, LOCK_EX) < 0)
		if (errno != EINTR)
			goto fail;
	attune_sync_dir(dir);
	attune_buf_printf(&name, "%sbefore-commit", point);
	attune_crash_point(name.s);
	if (rename(tmp, path) < 0)
		goto fail;
	pp = attune_pending_path(path);
	unlink(pp);	/* it named the old log's part row, gone now */
	free(pp);
	attune_sync_dir(dir);
	name.len = 0;
	attune_buf_printf(&name, "%safter-commit", point);
	attune_crash_point(name.s);
	attune_buf_free(&name);
	return 0;
fail:
	e = errno;
	unlink(tmp);
	attune_buf_free(&name);
	errno = e;
	return -1;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The names in dir that start with prefix and end with suffix, as full
 * paths, sorted by name, NULL-ended; *n says how many.  The directory is
 * read here, never given to glob(): a path may hold '*', '[' or '?'.
 */
char **
attune_dir_match(const char *dir, const char *prefix, const char *suffix,
    size_t *n)
{
	DIR *d;
	struct dirent *e;
	char **v = NULL;
	size_t cap = 0, lp = strlen(prefix), ls = strlen(suffix), len;

	*n = 0;
	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			len = strlen(e->d_name);
			if (len < lp + ls || strncmp(e->d_name, prefix, lp) != 0 ||
			    strcmp(e->d_name + len - ls, suffix) != 0)
				continue;
			if (*n + 3 > cap) {
				cap = cap ? cap * 2 : 8;
				v = attune_xreallocarray(v, cap, sizeof *v);
			}
			v[(*n)++] = attune_dir_file(dir, e->d_name);
		}
		closedir(d);
	}
	if (v == NULL)
		v = attune_xcalloc(3, sizeof *v);
	qsort(v, *n, sizeof *v, by_name);
	v[*n] = NULL;
	return v;
}

/*
 * The logs of one kind in the data directory: the archives base*.csv.gz
 * (oldest name first) and then the live base.csv, those that exist.
 */
char **
attune_dir_logs(const char *dir, const char *base)
{
	static int warned;
	struct attune_buf pat = { 0 };
	struct stat st;
	char **v, *live;
	size_t n;

	/* Readers read on, but say so once: what such a folder holds
	 * may have been put there by someone else. */
	if (!warned && stat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	    (st.st_mode & 022) != 0) {
		attune_warnx("%s: others can write in this folder, so what it "
		    "holds may not all be yours; 'chmod 700 %s' makes it yours "
		    "alone", dir, dir);
		warned = 1;
	}
	v = attune_dir_match(dir, base, ".csv.gz", &n);
	/* An archive run stopped half way: read what it committed. */
	v = attune_archive_view(dir, base, v, &n);
	attune_buf_printf(&pat, "%s.csv", base);
	live = attune_dir_file(dir, pat.s);
	attune_buf_free(&pat);
	if (access(live, F_OK) == 0)
		v[n++] = live;
	else
		free(live);
	v[n] = NULL;
	return v;
}

/*
 * Open a log and take its lock, shared or exclusive (how: LOCK_SH or
 * LOCK_EX), with these more open flags: its descriptor, or -1 (errno
 * ENOENT: there is none).  A log replaced while this waited for the lock
 * (an archive or an edit committed) is opened again.
 */
int
attune_log_lock(const char *path, int how, int oflags, struct stat *st)
{
	int fd;

	for (;;) {
		if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
		    oflags)) < 0)
			return -1;
		while (flock(fd, how) < 0)
			if (errno != EINTR) {
				close(fd);
				return -1;
			}
		if (fstat(fd, st) < 0) {
			close(fd);
			return -1;
		}
		if (st->st_nlink > 0)
			return fd;
		close(fd);
	}
}

/*
 * For the tests only: ATTUNE_TEST_CRASH=NAME stops an archive or an edit
 * at point NAME as a crash would (exit 99), and =pause:NAME pauses there
 * so that a test can start a writer in the middle.  With
 * ATTUNE_TEST_PAUSED=FILE the pause makes FILE, to say it has begun, and
 * lasts until FILE is gone (at most 30 seconds, should the test never
 * remove it); without, it lasts two seconds.
 */
void
attune_crash_point(const char *name)
{
	const char *e = getenv("ATTUNE_TEST_CRASH");
	const char *f = getenv("ATTUNE_TEST_PAUSED");
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int fd, i;

	if (e == NULL)
		return;
	if (strcmp(e, name) == 0)
		_exit(99);
	if (strncmp(e, "pause:", 6) != 0 || strcmp(e + 6, name) != 0)
		return;
	if (f == NULL || *f == '\0' ||
	    (fd = open(f, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
		sleep(2);
		return;
	}
	close(fd);
	for (i = 0; i < 3000 && access(f, F_OK) == 0; i++)
		nanosleep(&tick, NULL);
}
