/*
 * archive.c: move old check-ins out of the live log into yearly archives,
 * checkins-YYYY.csv.gz, losing nothing even if stopped half way, in
 * memory that does not grow with the logs: every file is streamed.
 *
 * Everything happens under the writers' exclusive lock on checkins.csv.
 * Only the whole rows are read: part of a row that a killed writer left
 * at the end (see append.c, checkins.csv.pending) is neither moved nor
 * kept, and the note goes when the live log is replaced.
 * Rows are moved byte for byte, cut where the reader cuts them (csv.c,
 * attune_csv_span): a row is moved only when the reader takes it as one
 * whole row with as many fields as the header and a timestamp dated before
 * the cut-off; anything else (a damaged row, a blank line) stays in the
 * live log exactly as it was.
 *
 * The two files cannot change in one step, so the new live log's rename is
 * the one moment that commits the move.  In order:
 *
 *  1. Read the live log once to find the years to move (at most MAXYEARS
 *     in one run; the next run moves the rest).
 *  2. Create the new live log under a temporary name and note its inode.
 *     Start each new archive as .checkins-YYYY.csv.gz.pending-INODE with
 *     the rows the archive held.  Readers ignore these names.
 *  3. Read the live log again: each row that moves goes to its archive,
 *     everything else to the new live log.  Flush each archive, read it
 *     back and compare.
 *  4. Flush the new live log, lock it, and rename it over checkins.csv.
 *     This is the commit: from here on, checkins.csv has that inode, and a
 *     pending archive whose name ends in it holds the moved rows.
 *  5. Rename each pending archive into place.
 *
 * A stop before 4 leaves the logs as they were (the pending files name an
 * inode that never became the live log, and the next run removes them).  A
 * stop after 4 leaves committed pending archives: attune_dir_logs reads
 * each one in place of its archive, so readers see every row exactly once,
 * and the next run renames them into place.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "attune_priv.h"

#define MAXYEARS	8	/* archives written in one run */
#define COPY		65536

static const char *const ts_col[] = { "timestamp", NULL };

struct year {
	int	 year;
	long	 moved, old;	/* rows moved now; rows it held before */
	char	*pending;
	int	 fd;		/* the pending archive, or -1 */
	gzFile	 gz;
	uLong	 crc;		/* of what went in, uncompressed */
	long long len;
};

struct run {
	const char *dir, *path;
	int64_t	 before;
	int	 live;		/* the live log, locked */
	long long whole;	/* its bytes of whole rows */
	struct stat st;		/* the live log's */
	long long hstart, hend;	/* its header row */
	int	*years, nyears;	/* the years found to move, oldest first */
	struct year y[MAXYEARS];
	int	 ny;
	int	 nfd;		/* the new live log */
	char	*buf;
};

/* Copy [from, to) of fd to out (a file, or with gz, an archive). */
static int
copy_range(struct run *r, long long from, long long to, int out,
    struct year *yr)
{
	ssize_t n;
	size_t want;

	while (from < to) {
		want = to - from < COPY ? (size_t)(to - from) : COPY;
		if ((n = pread(r->live, r->buf, want, (off_t)from)) <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (n == 0)
				errno = EIO;
			attune_warn("cannot read %s", r->path);
			return -1;
		}
		if (yr != NULL) {
			if (gzwrite(yr->gz, r->buf, (unsigned)n) != (int)n) {
				attune_warnx("cannot write %s", yr->pending);
				return -1;
			}
			yr->crc = crc32(yr->crc, (const Bytef *)r->buf,
			    (uInt)n);
			yr->len += n;
		} else if (attune_write_all(out, r->buf, (size_t)n) < 0) {
			attune_warn("cannot write the new %s", r->path);
			return -1;
		}
		from += n;
	}
	return 0;
}

static int
year_put(struct year *yr, const char *s, size_t n)
{
	if (n > 0 && gzwrite(yr->gz, s, (unsigned)n) != (int)n) {
		attune_warnx("cannot write %s", yr->pending);
		return -1;
	}
	yr->crc = crc32(yr->crc, (const Bytef *)s, (uInt)n);
	yr->len += (long long)n;
	return 0;
}

/* The byte at off of the live log, or -1. */
static int
byte_at(struct run *r, long long off)
{
	unsigned char c;

	return off >= 0 && pread(r->live, &c, 1, (off_t)off) == 1 ? c : -1;
}

/*
 * How far an archive of size bytes may inflate.  A log compresses some
 * tenfold; one that would grow past ATTUNE_INFLATE_MAX times its size
 * (and past 1 MiB) is no log but a trap set to fill the memory or the
 * disk (a "gzip bomb"), and is refused.
 */
static long long
inflate_bound(off_t size)
{
	long long bound = (long long)size * ATTUNE_INFLATE_MAX;

	return bound < 1024 * 1024 ? 1024 * 1024 : bound;
}

static void
bomb(const char *path)
{
	attune_warnx("%s: would inflate to more than %d times its size, which "
	    "no log does; it is left alone and nothing is moved", path,
	    ATTUNE_INFLATE_MAX);
}

/*
 * Look at an archive as the reader sees it: its rows (*rows), whether its
 * header is the live log's (r, or NULL not to ask), how it ends.  -1 if it
 * cannot be read (said why).
 */
static int
look(struct run *r, const char *path, int fd, long long bound, long *rows,
    int *ending, struct attune_csv *live)
{
	struct attune_csv *c;
	long long a, b;
	const char *x, *y;
	int k, i, same = live == NULL;

	*rows = 0;
	if ((c = attune_csv_open_fd(fd, path, bound + 1, ATTUNE_CSV_SPANS)) ==
	    NULL) {
		attune_warn("cannot read %s", path);
		return -1;
	}
	while ((k = attune_csv_span(c, &a, &b)) > 0) {
		if (k == ATTUNE_SPAN_ROW)
			(*rows)++;
		if (k == ATTUNE_SPAN_HEADER && live != NULL) {
			for (i = 0; (x = attune_csv_header_name(c, i)) != NULL &&
			    (y = attune_csv_header_name(live, i)) != NULL &&
			    strcmp(x, y) == 0; i++)
				;
			same = x == NULL && attune_csv_header_name(live, i) ==
			    NULL;
		}
	}
	*ending = attune_csv_ending(c);
	if (attune_csv_total(c) > bound) {
		bomb(path);
		k = -1;
	} else if (k < 0)
		;	/* the reader said what is wrong, naming the file */
	else if (!same) {
		attune_warnx("%s: its columns differ from those of checkins.csv "
		    "(in name or order), so rows are not added to it; put the "
		    "columns of both in the same order, or move that archive "
		    "out of the folder", path);
		k = -1;
	}
	attune_csv_close(c);
	(void)r;
	return k < 0 ? -1 : 0;
}

/*
 * Start the new archive for one year: its pending file, holding the rows
 * the archive held (streamed through), or else the live log's header.
 */
static int
year_start(struct run *r, struct year *yr, uintmax_t ino,
    struct attune_csv *live)
{
	struct attune_buf path = { 0 };
	struct stat st;
	const struct stat *owner = &r->st;
	gzFile in;
	long long bound = 0, got = 0;
	int fd = -1, dfd, n, ending = ATTUNE_END_CLEAN, rc = -1;

	yr->fd = -1;
	yr->crc = crc32(0L, Z_NULL, 0);
	attune_buf_printf(&path, "%s/checkins-%04d.csv.gz", r->dir, yr->year);
	if (lstat(path.s, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			attune_warnx("%s: is not a regular file", path.s);
			goto out;
		}
		if (st.st_nlink > 1) {
			attune_warnx("%s: has other names (hard links), so "
			    "replacing it would part them; nothing is moved",
			    path.s);
			goto out;
		}
		owner = &st;
		if ((fd = open(path.s, O_RDONLY | O_CLOEXEC | O_NOFOLLOW |
		    O_NONBLOCK)) < 0) {
			attune_warn("cannot read %s", path.s);
			goto out;
		}
		bound = inflate_bound(st.st_size);
		if (look(r, path.s, fd, bound, &yr->old, &ending, live) < 0)
			goto out;
	} else if (errno != ENOENT) {
		attune_warn("%s", path.s);
		goto out;
	}
	path.len = 0;
	attune_buf_printf(&path, "%s/.checkins-%04d.csv.gz.pending-%ju",
	    r->dir, yr->year, ino);
	yr->pending = attune_xstrdup(path.s);
	/* A new name, never one found there: recover() removed those. */
	yr->fd = open(yr->pending, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW, 0600);
	if (yr->fd < 0) {
		attune_warn("cannot create %s", yr->pending);
		goto out;
	}
	/* Root tending someone's logs leaves them theirs. */
	if (geteuid() == 0 && fchown(yr->fd, owner->st_uid, owner->st_gid) < 0) {
		attune_warn("cannot give %s to its owner", yr->pending);
		goto out;
	}
	if ((dfd = dup(yr->fd)) < 0 || (yr->gz = gzdopen(dfd, "wb")) == NULL) {
		attune_warn("cannot write %s", yr->pending);
		goto out;
	}
	if (fd >= 0) {
		if (lseek(fd, 0, SEEK_SET) < 0 || (dfd = dup(fd)) < 0 ||
		    (in = gzdopen(dfd, "rb")) == NULL) {
			attune_warn("cannot read the archive for %d", yr->year);
			goto out;
		}
		while ((n = gzread(in, r->buf, COPY)) > 0) {
			if ((got += n) > bound) {
				n = -2;
				break;
			}
			if (year_put(yr, r->buf, (size_t)n) < 0)
				break;
		}
		gzclose_r(in);
		if (n == -2) {
			attune_warnx("the archive for %d would inflate to more "
			    "than %d times its size; nothing is moved",
			    yr->year, ATTUNE_INFLATE_MAX);
			goto out;
		}
		if (n != 0) {
			attune_warnx("the archive for %d cannot be read whole; "
			    "nothing is moved", yr->year);
			goto out;
		}
		/* The moved rows start on a line of their own. */
		if (ending == ATTUNE_END_QUOTE || ending == ATTUNE_END_LOST) {
			if (year_put(yr, "\"\n", 2) < 0)
				goto out;
		} else if (ending == ATTUNE_END_LINE &&
		    year_put(yr, "\n", 1) < 0)
			goto out;
	} else {
		if (copy_range(r, r->hstart, r->hend, -1, yr) < 0)
			goto out;
		if (byte_at(r, r->hend - 1) != '\n' && year_put(yr, "\n", 1) < 0)
			goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	attune_buf_free(&path);
	return rc;
}

/* Flush a year's archive, read it back and compare. */
static int
year_finish(struct run *r, struct year *yr)
{
	gzFile in;
	uLong crc = crc32(0L, Z_NULL, 0);
	long long len = 0;
	long rows;
	int ok, n, dfd, ending, zerr;

	zerr = gzclose_w(yr->gz);
	yr->gz = NULL;
	if (zerr != Z_OK || fsync(yr->fd) < 0) {
		attune_warn("cannot write %s", yr->pending);
		return -1;
	}
	if (lseek(yr->fd, 0, SEEK_SET) < 0 || (dfd = open(yr->pending,
	    O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0 ||
	    (in = gzdopen(dfd, "rb")) == NULL) {
		attune_warn("cannot read back %s", yr->pending);
		return -1;
	}
	while ((n = gzread(in, r->buf, COPY)) > 0) {
		crc = crc32(crc, (const Bytef *)r->buf, (uInt)n);
		len += n;
		if (len > yr->len)
			break;
	}
	gzclose_r(in);
	if ((dfd = open(yr->pending, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		attune_warn("cannot read back %s", yr->pending);
		return -1;
	}
	/* The rows it held and the moved ones read back; one more if the
	 * quote closed after the old rows made a whole row of the last. */
	ok = n == 0 && len == yr->len && crc == yr->crc &&
	    look(r, yr->pending, dfd, yr->len, &rows, &ending, NULL) == 0 &&
	    rows >= yr->old + yr->moved && rows <= yr->old + yr->moved + 1;
	close(dfd);
	if (!ok) {
		attune_warnx("%s: reading it back did not give what was "
		    "written", yr->pending);
		return -1;
	}
	return 0;
}

/* The year of a row the reader holds, if it is to move: else 0. */
static int
moving(struct run *r, struct attune_csv *c)
{
	struct attune_time t;
	const char *ts;
	size_t n;
	int y, m, d;

	ts = attune_csv_get(c, 0, &n);
	if (attune_time_iso(ts, n, &t) < 0 || t.days >= r->before)
		return 0;
	attune_civil_from_days(t.days, &y, &m, &d);
	return y > 0 ? y : 0;
}

static struct attune_csv *
live_reader(struct run *r)
{
	struct attune_csv *c;

	if ((c = attune_csv_open_fd(r->live, r->path, r->whole,
	    ATTUNE_CSV_SPANS)) == NULL)
		attune_warn("cannot read %s", r->path);
	else
		attune_csv_columns(c, ts_col);
	return c;
}

/*
 * Read 1: the years that have rows to move, oldest first, into r->years.
 * 0, or -1 if the log cannot be archived (said why).
 */
static int
find_years(struct run *r)
{
	struct attune_csv *c;
	const char *h;
	long long a, b;
	int k, y, i, cap = 0, rc = 0;

	if ((c = live_reader(r)) == NULL)
		return -1;
	while ((k = attune_csv_span(c, &a, &b)) > 0) {
		if (k == ATTUNE_SPAN_HEADER) {
			r->hstart = a;
			r->hend = b;
			if (attune_csv_has(c, 0))
				continue;
			h = attune_csv_header_name(c, 0);
			if (attune_csv_header_name(c, 1) == NULL && h != NULL &&
			    strchr(h, ';') != NULL)
				attune_warnx("%s: its columns are separated by "
				    "';', not ','; save it from the spreadsheet "
				    "as CSV with commas, then archive again",
				    r->path);
			else
				attune_warnx("%s: has no 'timestamp' column, so "
				    "it is not an attune log", r->path);
			rc = -1;
			break;
		}
		if (k != ATTUNE_SPAN_ROW || (y = moving(r, c)) == 0)
			continue;
		for (i = 0; i < r->nyears && r->years[i] < y; i++)
			;
		if (i < r->nyears && r->years[i] == y)
			continue;
		if (r->nyears == cap) {
			cap = cap ? cap * 2 : 8;
			r->years = attune_xreallocarray(r->years, cap,
			    sizeof *r->years);
		}
		memmove(r->years + i + 1, r->years + i,
		    (r->nyears - i) * sizeof *r->years);
		r->years[i] = y;
		r->nyears++;
	}
	if (k < 0) {
		attune_warn("cannot read %s", r->path);
		rc = -1;
	}
	attune_csv_close(c);
	return rc;
}

static struct year *
year_of(struct run *r, int y)
{
	int i;

	for (i = 0; i < r->ny; i++)
		if (r->y[i].year == y)
			return &r->y[i];
	return NULL;
}

/* Read 2: each row that moves to its archive, the rest to the new log. */
static int
split(struct run *r)
{
	struct attune_csv *c;
	struct year *yr;
	long long a, b, ks = 0, ke = 0;
	int k, rc = -1;

	if ((c = live_reader(r)) == NULL)
		return -1;
	while ((k = attune_csv_span(c, &a, &b)) > 0) {
		if (k == ATTUNE_SPAN_ROW && (yr = year_of(r, moving(r, c))) !=
		    NULL) {
			if (copy_range(r, ks, ke, r->nfd, NULL) < 0 ||
			    copy_range(r, a, b, -1, yr) < 0)
				goto out;
			if (byte_at(r, b - 1) != '\n' &&
			    year_put(yr, "\n", 1) < 0)
				goto out;
			yr->moved++;
			ks = ke = b;
		} else
			ke = b;
	}
	if (k < 0) {
		attune_warn("cannot read %s", r->path);
		goto out;
	}
	rc = copy_range(r, ks, ke, r->nfd, NULL);
out:
	attune_csv_close(c);
	return rc;
}

/*
 * Where ".pending-INO" starts in a pending archive's path: in its file
 * name only, for the directory's own name may hold the same letters.
 * NULL if the name is not one of a pending archive.
 */
static const char *
pending_suffix(const char *pending)
{
	const char *base = strrchr(pending, '/');

	base = base != NULL ? base + 1 : pending;
	if (*base != '.')
		return NULL;
	return strstr(base, ".pending-");
}

/* The final name of a pending archive: .NAME.pending-INO → NAME. */
static char *
final_name(const char *pending)
{
	const char *base = strrchr(pending, '/');
	const char *suf = pending_suffix(pending);
	struct attune_buf b = { 0 };

	base = base != NULL ? base + 1 : pending;
	if (suf == NULL)
		suf = base + strlen(base);
	attune_buf_add(&b, pending, (size_t)(base - pending));
	if (suf > base)
		attune_buf_add(&b, base + 1, (size_t)(suf - (base + 1)));
	attune_buf_add(&b, "", 1);
	return b.s;
}

/* The inode a pending archive's name ends in, or 0 if it names none. */
static uintmax_t
pending_ino(const char *pending)
{
	const char *suf = pending_suffix(pending);
	char *end;
	uintmax_t ino;

	if (suf == NULL || suf[9] < '0' || suf[9] > '9')
		return 0;
	ino = strtoumax(suf + 9, &end, 10);
	return *end == '\0' ? ino : 0;
}

static const char *
sort_key(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base != NULL ? base + 1 : path;
	return *base == '.' ? base + 1 : base;
}

static int
by_key(const void *a, const void *b)
{
	return strcmp(sort_key(*(char *const *)a), sort_key(*(char *const *)b));
}

/*
 * For readers: after a run stopped past its commit, the moved rows are in
 * committed pending archives (named after the live log's inode).  Put each
 * in place of the archive it replaces in v, the n archive paths that
 * attune_dir_logs found, with room for two more; returns the new v.
 */
char **
attune_archive_view(const char *dir, const char *base, char **v, size_t *n)
{
	struct attune_buf pat = { 0 };
	struct stat st;
	char **g, *final;
	size_t i, k, ng;

	attune_buf_printf(&pat, "%s/%s.csv", dir, base);
	if (stat(pat.s, &st) < 0) {
		attune_buf_free(&pat);
		return v;
	}
	pat.len = 0;
	attune_buf_printf(&pat, ".%s-", base);
	g = attune_dir_match(dir, pat.s, "", &ng);
	for (i = 0; i < ng; i++) {
		struct stat pst;

		if (pending_ino(g[i]) != (uintmax_t)st.st_ino ||
		    strstr(strrchr(g[i], '/'), ".csv.gz.pending-") == NULL)
			continue;
		/* Only what the archiver could have left: a file of the
		 * live log's owner, with one name, that no one else may
		 * write; not one planted to stand in for an archive. */
		if (lstat(g[i], &pst) < 0 || !S_ISREG(pst.st_mode) ||
		    pst.st_nlink != 1 || pst.st_uid != st.st_uid ||
		    (pst.st_mode & 022) != 0)
			continue;
		final = final_name(g[i]);
		for (k = 0; k < *n && strcmp(v[k], final) != 0; k++)
			;
		if (k == *n) {
			v = attune_xreallocarray(v, *n + 3, sizeof *v);
			v[++*n] = NULL;
		} else
			free(v[k]);
		v[k] = attune_xstrdup(g[i]);
		free(final);
	}
	qsort(v, *n, sizeof *v, by_key);
	attune_strv_free(g);
	attune_buf_free(&pat);
	return v;
}

/*
 * Finish or undo what a stopped run left behind (the live log is locked):
 * pending archives for the live log's inode go into place, others and any
 * unfinished new live log are removed.
 */
static int
recover(const char *dir, uintmax_t live_ino)
{
	char **g, *final;
	size_t i, ng;
	int rc = 0, changed = 0;

	g = attune_dir_match(dir, ".checkins-", "", &ng);
	for (i = 0; i < ng; i++) {
		if (pending_suffix(g[i]) == NULL ||
		    strstr(strrchr(g[i], '/'), ".csv.gz.pending-") == NULL)
			continue;
		if (pending_ino(g[i]) == live_ino) {
			final = final_name(g[i]);
			if (rename(g[i], final) < 0) {
				attune_warn("cannot rename %s", g[i]);
				rc = -1;
			}
			free(final);
		} else
			unlink(g[i]);
		changed = 1;
	}
	attune_strv_free(g);
	g = attune_dir_match(dir, ".checkins.csv.new-", "", &ng);
	for (i = 0; i < ng; i++) {
		unlink(g[i]);
		changed = 1;
	}
	attune_strv_free(g);
	if (changed)
		attune_sync_dir(dir);
	return rc;
}

static void
run_free(struct run *r)
{
	int i;

	for (i = 0; i < r->ny; i++) {
		if (r->y[i].gz != NULL)
			gzclose_w(r->y[i].gz);
		if (r->y[i].fd >= 0)
			close(r->y[i].fd);
		free(r->y[i].pending);
	}
	free(r->years);
	free(r->buf);
}

/*
 * Move the check-ins of DIR/checkins.csv dated before the day `before`
 * into DIR/checkins-YYYY.csv.gz.  Says what it moved on out (unless NULL).
 * Returns the number of rows moved, or -1 (warned) with the logs unchanged.
 */
long
attune_archive(const char *dir, int64_t before, FILE *out)
{
	struct attune_buf tmp = { 0 };
	struct attune_csv *hc = NULL;
	struct run r;
	struct stat nst;
	char *path;
	unsigned char magic[2];
	long moved = 0;
	int fd, i, committed = 0;

	memset(&r, 0, sizeof r);
	r.nfd = -1;
	r.dir = dir;
	r.before = before;
	if (stat(dir, &nst) == 0 && S_ISDIR(nst.st_mode) &&
	    attune_dir_safe(dir, &nst) < 0) {
		attune_warnx("nothing was moved; the logs are as they were");
		return -1;
	}
	path = attune_dir_file(dir, "checkins.csv");
	r.path = path;
	if ((fd = attune_log_lock(path, LOCK_EX, O_NONBLOCK, &r.st)) < 0) {
		if (errno == ENOENT) {
			free(path);
			return 0;
		}
		attune_warn("cannot open %s", path);
		free(path);
		return -1;
	}
	r.live = fd;
	r.buf = attune_xmalloc(COPY);
	if (!S_ISREG(r.st.st_mode)) {
		attune_warnx("%s: is not a regular file", path);
		goto fail;
	}
	/* The move replaces the file, which would replace a link with a
	 * copy and leave the file it points to as it was. */
	if (lstat(path, &nst) == 0 && S_ISLNK(nst.st_mode)) {
		attune_warnx("%s: is a symbolic link; archiving would replace "
		    "it with a file, so nothing is moved", path);
		goto fail;
	}
	if (r.st.st_nlink > 1) {
		attune_warnx("%s: has other names (hard links); archiving "
		    "would part them, so nothing is moved", path);
		goto fail;
	}
	/* Rows move byte for byte, read where they lie: a plain log. */
	if (pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
		attune_warnx("%s: is compressed; only a plain log is archived",
		    path);
		goto fail;
	}
	if (recover(dir, (uintmax_t)r.st.st_ino) < 0)
		goto fail;
	/* Only whole rows: past them may be part of one that a killed
	 * writer left, which its note (PATH.pending) hides from readers.
	 * The note names this inode, so once the live log is replaced it
	 * must go, with the part row. */
	r.whole = attune_append_whole(path, (long long)r.st.st_size,
	    (unsigned long long)r.st.st_ino);
	if (find_years(&r) < 0)
		goto fail;
	if (r.nyears == 0)
		goto done;

	attune_buf_printf(&tmp, "%s/.checkins.csv.new-XXXXXX", dir);
	if ((r.nfd = mkstemp(tmp.s)) < 0) {
		attune_warn("cannot create a file in %s", dir);
		goto fail;
	}
	if (fstat(r.nfd, &nst) < 0)
		goto fail_io;
	/* The live log's header, to hold each archive's against. */
	if ((hc = live_reader(&r)) == NULL)
		goto fail;
	{
		long long a, b;

		while ((i = attune_csv_span(hc, &a, &b)) > 0 &&
		    i != ATTUNE_SPAN_HEADER)
			;
	}
	for (i = 0; i < r.nyears && i < MAXYEARS; i++) {
		r.y[i].year = r.years[i];
		r.y[i].fd = -1;
		r.ny++;
		if (year_start(&r, &r.y[i], (uintmax_t)nst.st_ino, hc) < 0)
			goto fail;
	}
	attune_csv_close(hc);
	hc = NULL;
	if (split(&r) < 0)
		goto fail;
	for (i = 0; i < r.ny; i++)
		if (year_finish(&r, &r.y[i]) < 0)
			goto fail;
	attune_crash_point("after-archive");
	if ((geteuid() == 0 && fchown(r.nfd, r.st.st_uid, r.st.st_gid) < 0) ||
	    fchmod(r.nfd, r.st.st_mode & 07777) < 0 || fsync(r.nfd) < 0)
		goto fail_io;
	if (attune_store_commit(r.nfd, tmp.s, path, dir, "") < 0)
		goto fail_io;
	committed = 1;
	for (i = 0; i < r.ny; i++) {
		char *final = final_name(r.y[i].pending);

		if (rename(r.y[i].pending, final) < 0)
			attune_warn("cannot rename %s; the next run finishes "
			    "the move", r.y[i].pending);
		if (out != NULL)
			fprintf(out, "Moved %ld check-in%s into %s.\n",
			    r.y[i].moved, r.y[i].moved == 1 ? "" : "s",
			    strrchr(final, '/') + 1);
		moved += r.y[i].moved;
		free(final);
		if (i == 0)
			attune_crash_point("after-rename");
	}
	attune_sync_dir(dir);
	if (r.nyears > r.ny && out != NULL)
		fprintf(out, "Check-ins from %d more years wait for the next "
		    "run.\n", r.nyears - r.ny);
done:
	if (moved == 0 && out != NULL) {
		char day[16];

		attune_date_format(before, day);
		fprintf(out, "Nothing to move: no check-ins from before %s in "
		    "checkins.csv.\n", day);
	}
	goto out;
fail_io:
	attune_warn("cannot write the new %s", path);
fail:
	if (!committed) {
		for (i = 0; i < r.ny; i++)
			if (r.y[i].pending != NULL)
				unlink(r.y[i].pending);
		if (r.nfd >= 0)
			unlink(tmp.s);
		attune_warnx("nothing was moved; the logs are as they were");
	}
	moved = -1;
out:
	if (hc != NULL)
		attune_csv_close(hc);
	if (r.nfd >= 0)
		close(r.nfd);
	close(fd);
	run_free(&r);
	attune_buf_free(&tmp);
	free(path);
	return moved;
}
