/*
 * archive.c: move old check-ins out of the live log into yearly archives,
 * checkins-YYYY.csv.gz, losing nothing even if stopped half way.
 *
 * Everything happens under the writers' exclusive lock on checkins.csv.
 * Only the whole rows are read: part of a row that a killed writer left
 * at the end (see append.c, checkins.csv.pending) is neither moved nor
 * kept, and the note goes when the live log is replaced.
 * Rows are moved byte for byte: a row is moved only when it parses as one
 * whole row with as many fields as the header and a timestamp dated before
 * the cut-off; anything else (a damaged row, a blank line) stays in the
 * live log exactly as it was.
 *
 * The two files cannot change in one step, so the new live log's rename is
 * the one moment that commits the move.  In order:
 *
 *  1. Create the new live log under a temporary name and note its inode.
 *  2. Write each new archive (its old rows, then the moved ones) as
 *     .checkins-YYYY.csv.gz.pending-INODE, flush it, read it back and
 *     compare.  Readers ignore these names.
 *  3. Write the kept rows into the new live log, flush it, lock it, and
 *     rename it over checkins.csv.  This is the commit: from here on,
 *     checkins.csv has that inode, and a pending archive whose name ends in
 *     it holds the moved rows.
 *  4. Rename each pending archive into place.
 *
 * A stop before 3 leaves the logs as they were (the pending files name an
 * inode that never became the live log, and the next run removes them).  A
 * stop after 3 leaves committed pending archives: attune_dir_logs reads
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

#include <csv.h>
#include <zlib.h>

#include "attune.h"

struct fields {
	char	**f;
	int	 nf, cap;
};

/* One stretch of a file: a single row, or bytes that are not one. */
struct chunk {
	size_t	 off, len;
	int	 rows;		/* rows libcsv found in it */
	int	 bad;		/* 1: it does not parse; 2: a quote is open at the end */
	struct fields first;	/* the fields of its first row */
};

typedef int (*chunk_fn)(const char *buf, const struct chunk *, void *);

static void
fields_clear(struct fields *fs)
{
	int i;

	for (i = 0; i < fs->nf; i++)
		free(fs->f[i]);
	fs->nf = 0;
}

static void
cb_field(void *s, size_t n, void *data)
{
	struct chunk *ch = data;
	struct fields *fs = &ch->first;
	char *p;

	if (ch->rows > 0)
		return;
	if (fs->nf == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 16;
		fs->f = attune_xreallocarray(fs->f, fs->cap, sizeof *fs->f);
	}
	p = attune_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	fs->f[fs->nf++] = p;
}

static void
cb_row(int term, void *data)
{
	struct chunk *ch = data;

	(void)term;
	ch->rows++;
}

static void
parser_init(struct csv_parser *p)
{
	/* As csv.c and append.c parse: strict, with libcsv's own trimming
	 * of spaces, so that a row here is a row to the reader. */
	if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		attune_errx(ATTUNE_FAIL, "out of memory");
}

/*
 * Cut buf into chunks, one physical line at a time, the way the readers
 * see it, and call fn on each.  A chunk ends where a line ends outside
 * quotes, or where a row cannot be parsed (then at the end of that line).
 */
static int
chunks(const char *buf, size_t len, chunk_fn fn, void *arg)
{
	struct csv_parser p;
	struct chunk ch;
	const char *nl;
	size_t at = 0, n;
	int rc = 0;

	memset(&ch, 0, sizeof ch);
	parser_init(&p);
	while (at < len && rc == 0) {
		nl = memchr(buf + at, '\n', len - at);
		n = nl != NULL ? (size_t)(nl - (buf + at)) + 1 : len - at;
		if (csv_parse(&p, buf + at, n, cb_field, cb_row, &ch) < n) {
			ch.bad = 1;
			csv_free(&p);
			parser_init(&p);
		}
		at += n;
		if (ch.bad || (nl != NULL && p.pstate == 0) || at == len) {
			if (at == len && !ch.bad &&
			    csv_fini(&p, cb_field, cb_row, &ch) != 0)
				ch.bad = 2;
			ch.len = at - ch.off;
			rc = fn(buf, &ch, arg);
			fields_clear(&ch.first);
			ch.off = at;
			ch.rows = ch.bad = 0;
		}
	}
	csv_free(&p);
	free(ch.first.f);
	return rc;
}

/* A header name without the byte order mark a spreadsheet may put first. */
static const char *
unbom(const char *s)
{
	return strncmp(s, "\xef\xbb\xbf", 3) == 0 ? s + 3 : s;
}

static int
same_fields(const struct fields *a, const struct fields *b)
{
	int i;

	if (a->nf != b->nf)
		return 0;
	for (i = 0; i < a->nf; i++)
		if (strcmp(i == 0 ? unbom(a->f[i]) : a->f[i],
		    i == 0 ? unbom(b->f[i]) : b->f[i]) != 0)
			return 0;
	return 1;
}

static void
fields_copy(struct fields *to, const struct fields *from)
{
	int i;

	to->nf = to->cap = from->nf;
	to->f = attune_xcalloc(from->nf + 1, sizeof *to->f);
	for (i = 0; i < from->nf; i++)
		to->f[i] = attune_xstrdup(from->f[i]);
}

static void
fields_free(struct fields *fs)
{
	fields_clear(fs);
	free(fs->f);
	fs->f = NULL;
	fs->cap = 0;
}

/* The years an archive run touches, oldest first. */
struct year {
	int	 year;
	long	 moved, old;	/* rows moved now; rows it held before */
	struct attune_buf rows;	/* the moved rows, as written */
	char	*pending;
};

struct split {
	struct fields header;
	int	 tscol, have_header;
	int64_t	 before;
	struct attune_buf head;	/* the header row, as written */
	struct attune_buf keep;	/* the new live log */
	struct year *y;
	int	 ny;
};

static struct year *
year_of(struct split *s, int y)
{
	int i;

	for (i = 0; i < s->ny; i++)
		if (s->y[i].year == y)
			return &s->y[i];
	s->y = attune_xreallocarray(s->y, s->ny + 1, sizeof *s->y);
	for (i = s->ny; i > 0 && s->y[i - 1].year > y; i--)
		s->y[i] = s->y[i - 1];
	memset(&s->y[i], 0, sizeof s->y[i]);
	s->y[i].year = y;
	s->ny++;
	return &s->y[i];
}

static void
add_row(struct attune_buf *b, const char *buf, const struct chunk *ch)
{
	attune_buf_add(b, buf + ch->off, ch->len);
	if (ch->len > 0 && buf[ch->off + ch->len - 1] != '\n')
		attune_buf_add(b, "\n", 1);
}

static int
split_chunk(const char *buf, const struct chunk *ch, void *arg)
{
	struct split *s = arg;
	struct attune_time t;
	const char *ts;
	int i, y, m, d;

	if (!s->have_header && !ch->bad && ch->rows == 1) {
		fields_copy(&s->header, &ch->first);
		s->have_header = 1;
		s->tscol = -1;
		for (i = 0; i < s->header.nf; i++) {
			ts = i == 0 ? unbom(s->header.f[i]) : s->header.f[i];
			if (strcmp(ts, "timestamp") == 0) {
				s->tscol = i;
				break;
			}
		}
		add_row(&s->head, buf, ch);
		attune_buf_add(&s->keep, buf + ch->off, ch->len);
		return 0;
	}
	if (!s->have_header || s->tscol < 0 || ch->bad || ch->rows != 1 ||
	    ch->first.nf != s->header.nf)
		goto keep;
	ts = ch->first.f[s->tscol];
	if (attune_time_iso(ts, strlen(ts), &t) < 0 || t.days >= s->before)
		goto keep;
	attune_civil_from_days(t.days, &y, &m, &d);
	struct year *yr = year_of(s, y);
	add_row(&yr->rows, buf, ch);
	yr->moved++;
	return 0;
keep:
	attune_buf_add(&s->keep, buf + ch->off, ch->len);
	return 0;
}

/* What an existing archive holds: its header, its rows, how it ends. */
struct look {
	struct fields header;
	int	 have_header;
	long	 rows;
	int	 open_quote;
};

static int
look_chunk(const char *buf, const struct chunk *ch, void *arg)
{
	struct look *l = arg;

	(void)buf;
	if (!l->have_header && !ch->bad && ch->rows == 1) {
		fields_copy(&l->header, &ch->first);
		l->have_header = 1;
		return 0;
	}
	l->rows += ch->rows;
	if (ch->bad)
		l->rows++;	/* a damaged row counts once, as it stays */
	l->open_quote = ch->bad == 2;
	return 0;
}

static void
look(const char *buf, size_t len, struct look *l)
{
	memset(l, 0, sizeof *l);
	chunks(buf, len, look_chunk, l);
}

/*
 * Read a whole file, plain or gzip, into b.  -1 if it cannot be read.
 * A log compresses some tenfold; one that would inflate to more than
 * ATTUNE_INFLATE_MAX times its size (and more than 1 MiB) is no log but
 * a trap set to fill the memory ("a gzip bomb"), and is refused.
 */
static int
slurp(const char *path, struct attune_buf *b)
{
	struct stat st;
	gzFile gz;
	int fd, n, zerr;
	long long bound;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) < 0 ||
	    fstat(fd, &st) < 0) {
		attune_warn("cannot read %s", path);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		attune_warnx("%s: is not a regular file", path);
		close(fd);
		return -1;
	}
	bound = (long long)st.st_size * ATTUNE_INFLATE_MAX;
	if (bound < 1024 * 1024)
		bound = 1024 * 1024;
	if ((gz = gzdopen(fd, "rb")) == NULL) {
		attune_warn("cannot read %s", path);
		close(fd);
		return -1;
	}
	for (;;) {
		if ((long long)b->len > bound) {
			attune_warnx("%s: would inflate to more than %d times its "
			    "size, which no log does; it is left alone and "
			    "nothing is moved", path, ATTUNE_INFLATE_MAX);
			gzclose_r(gz);
			return -1;
		}
		n = gzread(gz, attune_buf_space(b, 65536), 65536);
		if (n < 0) {
			b->len -= 65536;
			b->s[b->len] = '\0';
			attune_warnx("%s: cannot read: %s", path,
			    gzerror(gz, &zerr));
			gzclose_r(gz);
			return -1;
		}
		b->len -= 65536 - (size_t)n;
		b->s[b->len] = '\0';
		if (n == 0)
			break;
	}
	gzerror(gz, &zerr);
	if (zerr != Z_OK && zerr != Z_STREAM_END) {
		attune_warnx("%s: compressed data is damaged or cut short",
		    path);
		gzclose_r(gz);
		return -1;
	}
	gzclose_r(gz);
	return 0;
}

/*
 * For the tests only: ATTUNE_TEST_CRASH=NAME stops the run at point NAME
 * as a crash would (exit 99), and =pause:NAME waits two seconds there so
 * that a test can start a writer in the middle of the move.
 */
static void
crash_point(const char *name)
{
	const char *e = getenv("ATTUNE_TEST_CRASH");

	if (e == NULL)
		return;
	if (strcmp(e, name) == 0)
		_exit(99);
	if (strncmp(e, "pause:", 6) == 0 && strcmp(e + 6, name) == 0)
		sleep(2);
}

/* Write data to path compressed, flush it, read it back and compare. */
static int
write_archive(const char *path, const struct attune_buf *data, long rows,
    const struct stat *owner)
{
	struct attune_buf back = { 0 };
	struct look l;
	gzFile gz;
	int fd, dfd, ok;

	/* A new name, never one found there: recover() removed those. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd < 0) {
		attune_warn("cannot create %s", path);
		return -1;
	}
	/* Root tending someone's logs leaves them theirs. */
	if (geteuid() == 0 && fchown(fd, owner->st_uid, owner->st_gid) < 0) {
		attune_warn("cannot give %s to its owner", path);
		close(fd);
		unlink(path);
		return -1;
	}
	if ((dfd = dup(fd)) < 0 || (gz = gzdopen(dfd, "wb")) == NULL) {
		attune_warn("cannot write %s", path);
		close(fd);
		return -1;
	}
	ok = data->len == 0 ||
	    gzwrite(gz, data->s, (unsigned)data->len) == (int)data->len;
	if (gzclose_w(gz) != Z_OK)
		ok = 0;
	if (!ok || fsync(fd) < 0 || close(fd) < 0) {
		attune_warn("cannot write %s", path);
		return -1;
	}
	if (slurp(path, &back) < 0)
		return -1;
	look(back.s, back.len, &l);
	ok = back.len == data->len && memcmp(back.s, data->s, data->len) == 0 &&
	    l.rows == rows;
	fields_free(&l.header);
	attune_buf_free(&back);
	if (!ok) {
		attune_warnx("%s: reading it back did not give what was "
		    "written", path);
		return -1;
	}
	return 0;
}

/*
 * The new archive for one year: the rows it held, then the moved ones.
 * An archive written with other columns is refused rather than mixed.
 */
static int
build_archive(const char *dir, const struct split *s, struct year *yr,
    uintmax_t ino, const struct stat *live)
{
	struct attune_buf path = { 0 }, data = { 0 };
	struct look l;
	struct stat st;
	const struct stat *owner = live;
	int rc = -1;

	attune_buf_printf(&path, "%s/checkins-%04d.csv.gz", dir, yr->year);
	memset(&l, 0, sizeof l);
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
		if (slurp(path.s, &data) < 0)
			goto out;
		look(data.s, data.len, &l);
		if (!l.have_header || !same_fields(&l.header, &s->header)) {
			attune_warnx("%s: its columns differ from those of "
			    "checkins.csv (in name or order), so rows are not "
			    "added to it; put the columns of both in the same "
			    "order, or move that archive out of the folder",
			    path.s);
			goto out;
		}
		if (l.open_quote)
			attune_buf_add(&data, "\"\n", 2);
		else if (data.len > 0 && data.s[data.len - 1] != '\n')
			attune_buf_add(&data, "\n", 1);
		yr->old = l.rows;
	} else if (errno != ENOENT) {
		attune_warn("%s", path.s);
		goto out;
	} else
		attune_buf_add(&data, s->head.s, s->head.len);
	attune_buf_add(&data, yr->rows.s, yr->rows.len);
	path.len = 0;
	attune_buf_printf(&path, "%s/.checkins-%04d.csv.gz.pending-%ju", dir,
	    yr->year, ino);
	yr->pending = attune_xstrdup(path.s);
	rc = write_archive(yr->pending, &data, yr->old + yr->moved, owner);
out:
	fields_free(&l.header);
	attune_buf_free(&data);
	attune_buf_free(&path);
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
		if (pending_ino(g[i]) != (uintmax_t)st.st_ino ||
		    strstr(strrchr(g[i], '/'), ".csv.gz.pending-") == NULL)
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

/* Open and lock the live log: its descriptor, or -1 (errno ENOENT: none). */
static int
lock_live(const char *path, struct stat *st)
{
	int fd;

	for (;;) {
		if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
		    O_NONBLOCK)) < 0)
			return -1;
		while (flock(fd, LOCK_EX) < 0) {
			if (errno != EINTR) {
				close(fd);
				return -1;
			}
		}
		if (fstat(fd, st) < 0) {
			close(fd);
			return -1;
		}
		if (st->st_nlink > 0)
			return fd;
		/* Replaced while this run waited for the lock. */
		close(fd);
	}
}

static void
split_free(struct split *s)
{
	int i;

	for (i = 0; i < s->ny; i++) {
		attune_buf_free(&s->y[i].rows);
		free(s->y[i].pending);
	}
	free(s->y);
	fields_free(&s->header);
	attune_buf_free(&s->head);
	attune_buf_free(&s->keep);
}

/*
 * Move the check-ins of DIR/checkins.csv dated before the day `before`
 * into DIR/checkins-YYYY.csv.gz.  Says what it moved on out (unless NULL).
 * Returns the number of rows moved, or -1 (warned) with the logs unchanged.
 */
long
attune_archive(const char *dir, int64_t before, FILE *out)
{
	struct attune_buf live = { 0 }, tmp = { 0 }, pending = { 0 };
	struct split s;
	struct stat st, nst;
	char *path;
	long moved = 0;
	int fd, nfd = -1, i, committed = 0;

	memset(&s, 0, sizeof s);
	s.before = before;
	if (stat(dir, &nst) == 0 && S_ISDIR(nst.st_mode) &&
	    attune_dir_safe(dir, &nst) < 0) {
		attune_warnx("nothing was moved; the logs are as they were");
		return -1;
	}
	path = attune_dir_file(dir, "checkins.csv");
	if ((fd = lock_live(path, &st)) < 0) {
		if (errno == ENOENT) {
			free(path);
			return 0;
		}
		attune_warn("cannot open %s", path);
		free(path);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
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
	if (st.st_nlink > 1) {
		attune_warnx("%s: has other names (hard links); archiving "
		    "would part them, so nothing is moved", path);
		goto fail;
	}
	if (recover(dir, (uintmax_t)st.st_ino) < 0 || slurp(path, &live) < 0)
		goto fail;
	/* Only whole rows: past them may be part of one that a killed
	 * writer left, which its note (PATH.pending) hides from readers.
	 * The note names this inode, so once the live log is replaced it
	 * must go, with the part row. */
	live.len = (size_t)attune_append_whole(path, (long long)live.len,
	    (unsigned long long)st.st_ino);
	if (live.s != NULL)
		live.s[live.len] = '\0';
	if (chunks(live.s, live.len, split_chunk, &s) != 0)
		goto fail;
	if (s.have_header && s.tscol < 0) {
		if (s.header.nf == 1 && strchr(s.header.f[0], ';') != NULL)
			attune_warnx("%s: its columns are separated by ';', not "
			    "','; save it from the spreadsheet as CSV with "
			    "commas, then archive again", path);
		else
			attune_warnx("%s: has no 'timestamp' column, so it is "
			    "not an attune log", path);
		goto fail;
	}
	if (s.ny == 0)
		goto done;

	attune_buf_printf(&tmp, "%s/.checkins.csv.new-XXXXXX", dir);
	if ((nfd = mkstemp(tmp.s)) < 0) {
		attune_warn("cannot create a file in %s", dir);
		goto fail;
	}
	if (fstat(nfd, &nst) < 0)
		goto fail_io;
	for (i = 0; i < s.ny; i++)
		if (build_archive(dir, &s, &s.y[i], (uintmax_t)nst.st_ino,
		    &st) < 0)
			goto fail;
	crash_point("after-archive");
	if ((geteuid() == 0 && fchown(nfd, st.st_uid, st.st_gid) < 0) ||
	    fchmod(nfd, st.st_mode & 07777) < 0 ||
	    attune_write_all(nfd, s.keep.s, s.keep.len) < 0 || fsync(nfd) < 0)
		goto fail_io;
	while (flock(nfd, LOCK_EX) < 0)
		if (errno != EINTR)
			goto fail_io;
	attune_sync_dir(dir);
	crash_point("before-commit");
	if (rename(tmp.s, path) < 0)
		goto fail_io;
	committed = 1;
	pending.len = 0;
	attune_buf_printf(&pending, "%s.pending", path);
	unlink(pending.s);
	attune_sync_dir(dir);
	crash_point("after-commit");
	for (i = 0; i < s.ny; i++) {
		char *final = final_name(s.y[i].pending);

		if (rename(s.y[i].pending, final) < 0)
			attune_warn("cannot rename %s; the next run finishes "
			    "the move", s.y[i].pending);
		if (out != NULL)
			fprintf(out, "Moved %ld check-in%s into %s.\n",
			    s.y[i].moved, s.y[i].moved == 1 ? "" : "s",
			    strrchr(final, '/') + 1);
		moved += s.y[i].moved;
		free(final);
		if (i == 0)
			crash_point("after-rename");
	}
	attune_sync_dir(dir);
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
		for (i = 0; i < s.ny; i++)
			if (s.y[i].pending != NULL)
				unlink(s.y[i].pending);
		if (nfd >= 0)
			unlink(tmp.s);
		attune_warnx("nothing was moved; the logs are as they were");
	}
	moved = -1;
out:
	if (nfd >= 0)
		close(nfd);
	close(fd);
	split_free(&s);
	attune_buf_free(&live);
	attune_buf_free(&tmp);
	attune_buf_free(&pending);
	free(path);
	return moved;
}
