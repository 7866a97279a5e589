/*
 * edit.c: see, change and remove whole rows of a live log (attune-log(1)),
 * losing nothing even if stopped half way.
 *
 * A log is cut into its rows the way the readers see them (a line at a
 * time, strictly, a quoted note's line breaks inside its row), and each
 * row has a short id, a hash of its bytes, so that it can be named from
 * the command line and found again however the log has grown since.
 *
 * A change happens under the writers' exclusive lock on the log, and is
 * committed by one rename, as attune-archive's is (archive.c):
 *
 *  1. Lock the log, read its whole rows (a row a killed writer left half
 *     written is not one, and goes with its note, as in archive.c) and
 *     find the row again by its id.
 *  2. Write the log as it is to .NAME.edit-XXXXXX, flush it, and rename
 *     it to NAME.bak (mode 0600): the previous version, kept.
 *  3. Write the changed log to another .NAME.edit-XXXXXX with the log's
 *     mode, flush it, lock it, and rename it over NAME: the commit.
 *
 * A stop before 3's rename leaves the log as it was (a .NAME.edit- file
 * left behind is removed by the next change, under the lock, and readers
 * never look at such names); after it, the log is the new one.  Writers
 * waiting for the old log's lock find it replaced, and start again on the
 * new one (append.c).
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"

/* FNV-1a over the row's bytes without its line end. */
static uint32_t
row_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	while (n-- > 0) {
		h ^= (unsigned char)*s++;
		h *= 16777619u;
	}
	return h;
}

int
attune_rows_col(const struct attune_rows *rs, const char *name)
{
	const struct attune_row *h;
	int k;

	if (rs->header < 0)
		return -1;
	h = &rs->r[rs->header];
	for (k = 0; k < h->nf; k++)
		if (strcmp(h->f[k], name) == 0)
			return k;
	return -1;
}

int
attune_row_entry(const struct attune_rows *rs, size_t i)
{
	const struct attune_row *r = &rs->r[i];

	return rs->header >= 0 && (int)i > rs->header && !r->bad &&
	    !r->blank && r->nf == rs->r[rs->header].nf;
}

void
attune_row_idstr(const struct attune_row *r, char id[9])
{
	snprintf(id, 9, "%08x", (unsigned)r->id);
}

/* Whole rows only: a row a killed writer left is not part of the log. */
static int
load(int fd, const char *path, const struct stat *st, struct attune_rows *rs)
{
	struct attune_buf b = { 0 };

	if (attune_store_read(fd, path, st, &b) < 0)
		return -1;
	rs->buf = b.s;
	rs->len = b.len;
	attune_csv_split(rs, row_hash);
	return 0;
}

int
attune_rows_read(const char *path, struct attune_rows *rs)
{
	struct stat st;
	int fd, rc;

	memset(rs, 0, sizeof *rs);
	rs->header = -1;
	if ((fd = attune_log_lock(path, LOCK_SH, 0, &st)) < 0)
		return errno == ENOENT ? 1 : -1;
	rc = load(fd, path, &st, rs);
	close(fd);
	return rc;
}

void
attune_rows_free(struct attune_rows *rs)
{
	size_t i;
	int k;

	for (i = 0; i <= rs->n && rs->r != NULL; i++) {
		for (k = 0; k < rs->r[i].nf; k++)
			free(rs->r[i].f[k]);
		free(rs->r[i].f);
		free(rs->r[i].fl);
	}
	free(rs->r);
	free(rs->buf);
	memset(rs, 0, sizeof *rs);
}

long
attune_rows_find(const struct attune_rows *rs, const char *id)
{
	char s[9];
	size_t i, n = strlen(id);
	long found = -1;

	if (n < 4 || n > 8)
		return -3;
	for (i = 0; i < rs->n; i++) {
		if (!attune_row_entry(rs, i))
			continue;
		attune_row_idstr(&rs->r[i], s);
		if (strncasecmp(s, id, n) != 0)
			continue;
		if (found >= 0)
			return -2;
		found = (long)i;
	}
	return found;
}

long
attune_rows_last(const struct attune_rows *rs)
{
	size_t i;

	for (i = rs->n; i-- > 0;)
		if (attune_row_entry(rs, i))
			return (long)i;
	return -1;
}

/* Create .NAME.edit-XXXXXX beside path, holding n bytes of s with the
 * given mode, flushed: its descriptor, with its name in tmp; -1 if not. */
static int
write_temp(const char *dir, const char *base, const char *s, size_t n,
    mode_t mode, struct attune_buf *tmp)
{
	int fd, e;

	tmp->len = 0;
	attune_buf_printf(tmp, "%s/.%s.edit-XXXXXX", dir, base);
	if ((fd = mkstemp(tmp->s)) < 0)
		return -1;
	if (fchmod(fd, mode) < 0 || attune_write_all(fd, s, n) < 0 ||
	    fsync(fd) < 0) {
		e = errno;
		close(fd);
		unlink(tmp->s);
		errno = e;
		return -1;
	}
	return fd;
}

/* Files a change stopped half way left; only called under the lock. */
static void
clean_stale(const char *dir, const char *base)
{
	struct attune_buf pat = { 0 };
	glob_t g;
	size_t i;

	attune_buf_printf(&pat, "%s/.%s.edit-*", dir, base);
	if (glob(pat.s, 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++)
			unlink(g.gl_pathv[i]);
		globfree(&g);
	}
	attune_buf_free(&pat);
}

/*
 * An archive run stopped after its commit leaves archives named for the
 * live log's inode (archive.c).  Replacing the log changes the inode, and
 * they would then look unfinished and be removed: so they are put into
 * place first, as the next archive run would.  Under the lock.
 */
static int
finish_archive(const char *dir, const struct stat *st)
{
	struct attune_buf pat = { 0 }, fin = { 0 };
	const char *b, *suf;
	glob_t g;
	size_t i;
	int rc = 0;

	attune_buf_printf(&pat, "%s/.checkins-*.csv.gz.pending-%ju", dir,
	    (uintmax_t)st->st_ino);
	if (glob(pat.s, 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++) {
			b = strrchr(g.gl_pathv[i], '/') + 1;
			suf = strstr(b, ".pending-");
			fin.len = 0;
			attune_buf_printf(&fin, "%s/%.*s", dir,
			    (int)(suf - (b + 1)), b + 1);
			if (rename(g.gl_pathv[i], fin.s) < 0) {
				attune_warn("cannot finish the archive %s; "
				    "please run attune-archive, then try again",
				    g.gl_pathv[i]);
				rc = -1;
			}
		}
		globfree(&g);
		attune_sync_dir(dir);
	}
	attune_buf_free(&pat);
	attune_buf_free(&fin);
	return rc;
}

int
attune_rows_change(const char *path, uint32_t id, int last,
    attune_change_fn fn, void *arg)
{
	struct attune_rows rs;
	struct attune_buf repl = { 0 }, out = { 0 }, tmp = { 0 },
	    bak = { 0 };
	struct attune_row *r;
	struct stat st, lst;
	char *dir, *base;
	const char *slash;
	long i;
	int fd, nfd = -1, bfd = -1, rc = -1, found = 0;
	size_t k;

	memset(&rs, 0, sizeof rs);
	/* Over a file size limit, write() must fail with EFBIG, so that
	 * the log is left as it was, rather than this being killed. */
	signal(SIGXFSZ, SIG_IGN);
	if ((slash = strrchr(path, '/')) != NULL) {
		base = attune_xstrdup(slash + 1);
		dir = attune_xstrdup(slash == path ? "/" : path);
		if (slash != path)
			dir[slash - path] = '\0';
	} else {
		base = attune_xstrdup(path);
		dir = attune_xstrdup(".");
	}
	if ((fd = attune_log_lock(path, LOCK_EX, 0, &st)) < 0) {
		if (errno == ENOENT)
			rc = 1;
		else
			attune_warn("cannot open %s", path);
		goto out;
	}
	if (!S_ISREG(st.st_mode) || (lstat(path, &lst) == 0 &&
	    S_ISLNK(lst.st_mode))) {
		attune_warnx("%s: is not a plain file; a change would replace "
		    "it, so nothing is changed", path);
		goto out;
	}
	clean_stale(dir, base);
	if (strcmp(base, "checkins.csv") == 0 && finish_archive(dir, &st) < 0)
		goto out;
	if (load(fd, path, &st, &rs) < 0) {
		attune_warn("cannot read %s", path);
		goto out;
	}
	i = last ? attune_rows_last(&rs) : -1;
	for (k = 0; !last && k < rs.n; k++)
		if (attune_row_entry(&rs, k) && rs.r[k].id == id) {
			if (found++ == 0)
				i = (long)k;
		}
	if (i < 0 || (last && rs.r[i].id != id) || found > 1) {
		rc = found > 1 ? 2 : 1;	/* gone, changed, or not one */
		goto out;
	}
	r = &rs.r[i];
	if (fn(&rs, (size_t)i, &repl, arg) < 0) {
		rc = 3;
		goto out;
	}
	attune_buf_add(&out, rs.buf, r->off);
	attune_buf_add(&out, repl.s != NULL ? repl.s : "", repl.len);
	attune_buf_add(&out, rs.buf + r->off + r->len, rs.len - r->off -
	    r->len);
	if (r->off + r->len == rs.len && repl.len > 0 && r->len > 0 &&
	    rs.buf[r->off + r->len - 1] != '\n' && out.s[out.len - 1] == '\n')
		out.len--;	/* the last row had no line end: nor has it */

	/* The previous version, kept as NAME.bak. */
	if ((bfd = write_temp(dir, base, rs.buf, rs.len, 0600, &tmp)) < 0)
		goto fail_io;
	attune_buf_printf(&bak, "%s.bak", path);
	if (rename(tmp.s, bak.s) < 0) {
		unlink(tmp.s);
		goto fail_io;
	}
	attune_crash_point("edit-after-bak");
	if ((nfd = write_temp(dir, base, out.s != NULL ? out.s : "", out.len,
	    st.st_mode & 07777, &tmp)) < 0)
		goto fail_io;
	if (attune_store_commit(nfd, tmp.s, path, dir, "edit-") < 0)
		goto fail_io;
	rc = 0;
	goto out;
fail_io:
	attune_warn("cannot write the new %s; the log is as it was", path);
out:
	if (bfd >= 0)
		close(bfd);
	if (nfd >= 0)
		close(nfd);
	if (fd >= 0)
		close(fd);
	attune_rows_free(&rs);
	attune_buf_free(&repl);
	attune_buf_free(&out);
	attune_buf_free(&tmp);
	attune_buf_free(&bak);
	free(dir);
	free(base);
	return rc;
}
