/*
 * unit-store: the writer and the reader agree on the logs (issue 14).
 * A failed first write leaves nothing behind; the writer puts its row
 * where the reader will find it, or refuses; a note is trusted only if it
 * could be a writer's; a directory's name is never a pattern.
 *
 * flock() is defined here, so that lib/append.c calls this one and a
 * test can make it fail as it does on NFS (ENOLCK).
 */
#include <sys/file.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcntl.h>
#include <sys/stat.h>

#include "attune_priv.h"
#include "test.h"

static int fail_flock;
static long long bytes_read;

/* Every read() and pread() counted, so that a test can tell how much a writer read. */
ssize_t
read(int fd, void *buf, size_t n)
{
	long r = syscall(SYS_read, fd, buf, n);

	if (r > 0)
		bytes_read += r;
	return (ssize_t)r;
}

ssize_t
pread(int fd, void *buf, size_t n, off_t at)
{
	long r = syscall(SYS_pread64, fd, buf, n, at);

	if (r > 0)
		bytes_read += r;
	return (ssize_t)r;
}

int
flock(int fd, int op)
{
	if (fail_flock) {
		errno = ENOLCK;
		return -1;
	}
	return (int)syscall(SYS_flock, fd, op);
}

static struct attune_buf head;

/* The rows the reader sees in log, and the note of the last one. */
static long
rows_in(const char *log, char *last, size_t size)
{
	struct attune_csv *c;
	struct attune_checkin ci;
	long n = 0;

	*last = '\0';
	if ((c = attune_csv_open(log, attune_checkin_cols, ATTUNE_CSV_QUIET)) ==
	    NULL)
		return -1;
	while (attune_checkin_read(c, &ci) > 0) {
		n++;
		snprintf(last, size, "%.*s", (int)ci.notelen, ci.note);
	}
	attune_csv_close(c);
	return n;
}

static void
test_failed_first_write(void)
{
	const char *row = "2026-11-22,me,5,,,,,,,x\n";
	char *err;
	int rc;

	unlink(path("checkins.csv"));
	fail_flock = 1;
	catch_start();
	rc = attune_append(path("checkins.csv"), head.s, row, strlen(row));
	err = catch_end();
	fail_flock = 0;
	is_int(rc, -1, "a lock that cannot be taken: the write fails");
	ok(has(err, "cannot lock"), "and says so (%s)", err);
	ok(access(path("checkins.csv"), F_OK) < 0,
	    "and the log it created is gone again, not left empty");
	ok(access(path("checkins.csv.pending"), F_OK) < 0, "no note is left");
	free(err);
	/* An existing log is left as it was, of course. */
	puts_file("checkins.csv", head.s);
	fail_flock = 1;
	catch_start();
	rc = attune_append(path("checkins.csv"), head.s, row, strlen(row));
	free(catch_end());
	fail_flock = 0;
	err = slurp(path("checkins.csv"), NULL);
	ok(rc == -1 && err != NULL && strcmp(err, head.s) == 0,
	    "a log that was there before stays, unchanged");
	free(err);
	unlink(path("checkins.csv"));
}

/*
 * For each way a log may end, the writer either adds its row where the
 * reader reads it as the last row, or refuses and leaves the log alone.
 */
static void
test_tails(void)
{
	static const struct {
		const char *what, *tail;
		int pad, refuse;
	} t[] = {
		{ "a clean end", "2026-11-20,me,4,,,,,,,a\n", 0, 0 },
		{ "no final newline", "2026-11-20,me,4,,,,,,,a", 0, 0 },
		{ "a short unclosed quote", "2026-11-20,me,4,,,,,,,\"cut", 0, 0 },
		{ "a quote that closed, no newline",
		    "2026-11-20,me,4,,,,,,,\"x\"", 0, 0 },
		{ "a broken quote", "2026-11-20,me,4,,,,,,,\"x\"y", 0, 0 },
		{ "a line longer than a row may be", "2026-11-20,me,4,,,,,,,",
		    1, 0 },
		{ "an unclosed quote, then more than 256 KiB",
		    "2026-11-20,me,4,,,,,,,\"open", 2, 1 },
	};
	struct attune_buf b = { 0 };
	const char *row = "2026-11-22,me,5,,,,,,,the new row\n";
	char last[64], *before, *after;
	size_t i, blen, alen;
	long n;
	int k, rc;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		b.len = 0;
		attune_buf_str(&b, head.s);
		attune_buf_str(&b, t[i].tail);
		for (k = 0; t[i].pad && k < 7000; k++)
			attune_buf_str(&b, t[i].pad == 2 ?
			    "\nsome more of the same long note, on and on" :
			    "more of one long line, on and on, on and on ");
		put("checkins.csv", b.s, b.len);
		before = slurp(path("checkins.csv"), &blen);
		catch_start();
		rc = attune_append(path("checkins.csv"), head.s, row,
		    strlen(row));
		free(catch_end());
		after = slurp(path("checkins.csv"), &alen);
		n = rows_in(path("checkins.csv"), last, sizeof last);
		if (t[i].refuse) {
			ok(rc == -1 && alen == blen &&
			    memcmp(before, after, blen) == 0,
			    "%s: refused, the log unchanged", t[i].what);
		} else {
			ok(rc == 0 && alen > blen &&
			    memcmp(before, after, blen) == 0,
			    "%s: appended, the old bytes kept", t[i].what);
			ok(n >= 1 && strcmp(last, "the new row") == 0,
			    "%s: the reader's last row is the new one (%ld rows, "
			    "last '%s')", t[i].what, n, last);
		}
		free(before);
		free(after);
	}
	attune_buf_free(&b);
	unlink(path("checkins.csv"));
}

/*
 * Leave checkins.csv.pending saying a write from..to of the log st
 * describes, with mode mode; what attune_append_whole then trusts.
 */
static long long
with_note(size_t from, size_t to, mode_t mode, const struct stat *st)
{
	char note[128];

	snprintf(note, sizeof note, "%zu %zu %llu\n", from, to,
	    (unsigned long long)st->st_ino);
	puts_file("checkins.csv.pending", note);
	chmod(path("checkins.csv.pending"), mode);
	return attune_append_whole(path("checkins.csv"), (long long)st->st_size,
	    (unsigned long long)st->st_ino);
}

/* A note is trusted only if a writer could have left it. */
static void
test_notes(void)
{
	struct attune_buf b = { 0 };
	struct stat st;
	const char *rows = "2026-11-20,me,4,,,,,,,a\n2026-11-21,me,4,,,,,,,b\n";

	attune_buf_str(&b, head.s);
	attune_buf_str(&b, rows);
	put("checkins.csv", b.s, b.len);
	stat(path("checkins.csv"), &st);
	/* Says the rows end in the middle of a row: not a writer's. */
	is_int(with_note(head.len + 5, b.len + 10, 0600, &st), (long long)b.len,
	    "a note that starts mid-row is not trusted");
	/* About more than one write could add. */
	is_int(with_note(head.len, 999999999, 0600, &st), (long long)b.len,
	    "a note about a huge write is not trusted");
	/* Others may write it. */
	is_int(with_note(head.len, b.len + 10, 0666, &st), (long long)b.len,
	    "a note others may write is not trusted");
	/* A real one is. */
	is_int(with_note(head.len, b.len + 10, 0600, &st), (long long)head.len,
	    "a writer's note is trusted");
	unlink(path("checkins.csv.pending"));
	unlink(path("checkins.csv"));
	attune_buf_free(&b);
}

/*
 * A check-in reads the tail it needs, not the whole log: after a writer
 * of its own, the header only; after anything else touched the log, all
 * of it, so that an end it cannot see from the tail is still closed.
 */
static void
test_tail_only(void)
{
	struct attune_buf b = { 0 };
	const char *row = "2026-11-22,me,5,,,,,,,the new row\n";
	char last[64];
	long long first, second;
	FILE *f;
	long i, n;

	attune_buf_str(&b, head.s);
	for (i = 0; i < 100000; i++)
		attune_buf_printf(&b, "2026-11-%02ld,me,%ld,,,,,,,a row of "
		    "the log number %ld\n", i % 28 + 1, i % 10, i);
	put("checkins.csv", b.s, b.len);
	bytes_read = 0;
	ok(attune_append(path("checkins.csv"), head.s, row, strlen(row)) == 0,
	    "a log of %zu bytes: appended", b.len);
	first = bytes_read;
	bytes_read = 0;
	ok(attune_append(path("checkins.csv"), head.s, row, strlen(row)) == 0,
	    "and again");
	second = bytes_read;
	ok(first >= (long long)b.len, "the first writer reads it whole (%lld "
	    "bytes)", first);
	ok(second < 512 * 1024, "the next reads only what it needs (%lld "
	    "bytes of %zu)", second, b.len);
	/* Another program adds an unclosed quote: the next writer sees it. */
	if ((f = fopen(path("checkins.csv"), "a")) != NULL) {
		fputs("2026-11-22,me,5,,,,,,,\"left open", f);
		fclose(f);
	}
	bytes_read = 0;
	ok(attune_append(path("checkins.csv"), head.s, row, strlen(row)) == 0,
	    "after another program wrote to it: appended");
	ok(bytes_read >= (long long)b.len, "having read it whole (%lld bytes)",
	    bytes_read);
	n = rows_in(path("checkins.csv"), last, sizeof last);
	ok(n == 100004 && strcmp(last, "the new row") == 0,
	    "and the reader's last row is the new one (%ld rows, last '%s')",
	    n, last);
	unlink(path("checkins.csv"));
	attune_buf_free(&b);
}

/* The peak resident memory of this process, in KiB, or -1. */
static long
peak_kib(void)
{
	char line[256];
	long kib = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, "VmHWM:", 6) == 0)
			kib = atol(line + 6);
	fclose(f);
	return kib;
}

/*
 * attune-archive streams: a log of 20 MB, half of it old, is archived in
 * under 4 MiB of memory (it takes about 1 MiB; holding the log would take
 * 20), and so is an archive that inflates to 20 MB.
 */
#define BIG_ROWS 200000L	/* of about 100 bytes each */
static void
test_archive_memory(void)
{
	char dir[4400], line[160];
	struct attune_buf b = { 0 };
	FILE *f;
	long i, base, peak, moved;
	int fd[2], st;
	pid_t pid;

	snprintf(dir, sizeof dir, "%s/big", tmpdir);
	mkdir(dir, 0700);
	if ((f = fopen(path("big/checkins.csv"), "w")) == NULL)
		exit(99);
	fputs(head.s, f);
	for (i = 0; i < BIG_ROWS; i++)
		fprintf(f, "%04ld-%02ld-%02ldT09:00:00+00:00,me,%ld,%ld,,,,,,"
		    "a row that is long enough to weigh something %ld\n",
		    i < BIG_ROWS / 2 ? 2023 + i / (BIG_ROWS / 4) : 2026, i % 12 + 1,
		    i % 28 + 1, i % 10, i % 7, i);
	if (fclose(f) != 0)
		exit(99);
	chmod(path("big/checkins.csv"), 0600);
	for (int round = 0; round < 2; round++) {
		fflush(stdout);
		if (pipe(fd) < 0)
			exit(99);
		if ((pid = fork()) == 0) {
			close(fd[0]);
			base = peak_kib();
			moved = attune_archive(dir, round == 0 ?
			    attune_days_from_civil(2025, 1, 1) :
			    attune_days_from_civil(2026, 1, 1), NULL);
			peak = peak_kib();
			snprintf(line, sizeof line, "%ld %ld %ld", moved, base,
			    peak);
			if (write(fd[1], line, strlen(line)) < 0)
				_exit(99);
			_exit(0);
		}
		close(fd[1]);
		memset(line, 0, sizeof line);
		if (read(fd[0], line, sizeof line - 1) < 0)
			line[0] = '\0';
		close(fd[0]);
		waitpid(pid, &st, 0);
		moved = base = peak = -1;
		sscanf(line, "%ld %ld %ld", &moved, &base, &peak);
		is_int(moved, round == 0 ? BIG_ROWS / 2 : 0, "round %d: rows moved",
		    round + 1);
		ok(peak >= 0 && peak - base < 4 * 1024, "round %d: archiving "
		    "a 20 MB log takes %ld KiB more memory (under 4 MiB)",
		    round + 1, peak - base);
	}
	/* Now the archives hold 50,000 rows each: add to one. */
	attune_buf_str(&b, head.s);
	attune_buf_str(&b, "2023-12-31T09:00:00+00:00,me,5,,,,,,,late\n");
	put("big/checkins.csv", b.s, b.len);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		base = peak_kib();
		moved = attune_archive(dir, attune_days_from_civil(2025, 1, 1),
		    NULL);
		peak = peak_kib();
		_exit(moved == 1 && peak - base < 4 * 1024 ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "adding a row to an archive "
	    "of 50,000 rows takes under 4 MiB more memory");
	attune_buf_free(&b);
}

/* A directory whose name holds pattern characters lists its own files. */
static void
test_dir_names(void)
{
	char dir[4400], other[4400], f[4500];
	char **v;
	int i, n = 0, bad = 0;

	snprintf(dir, sizeof dir, "%s/d[1]?*", tmpdir);
	snprintf(other, sizeof other, "%s/d1xy", tmpdir);
	mkdir(dir, 0700);
	mkdir(other, 0700);
	snprintf(f, sizeof f, "%s/checkins-2024.csv.gz", dir);
	put(f + strlen(tmpdir) + 1, "", 0);
	snprintf(f, sizeof f, "%s/checkins-2023.csv.gz", other);
	put(f + strlen(tmpdir) + 1, "", 0);
	snprintf(f, sizeof f, "%s/checkins.csv", dir);
	put(f + strlen(tmpdir) + 1, "", 0);
	v = attune_dir_logs(dir, "checkins");
	for (i = 0; v[i] != NULL; i++) {
		n++;
		bad |= strncmp(v[i], dir, strlen(dir)) != 0;
	}
	ok(n == 2 && !bad, "a folder named d[1]?* lists its own two logs "
	    "(%d, %s)", n, bad ? "and another folder's" : "its own");
	attune_strv_free(v);
}

/*
 * store.c's commit: a replacement goes in by one rename and takes the old
 * log's pending note with it; a commit that cannot lock leaves the log as
 * it was and its temporary file gone.  And a read under the lock stops
 * where a killed writer's part row starts.
 */
static void
test_commit(void)
{
	struct attune_buf b = { 0 };
	struct stat st;
	char *got, log[4400], tmp[4400];
	int fd, rc, e;

	/* path()'s names last eight calls: these must last the test. */
	snprintf(log, sizeof log, "%s", path("c.csv"));
	snprintf(tmp, sizeof tmp, "%s", path(".c.csv.new-1"));

	puts_file("c.csv", "old\n");
	puts_file("c.csv.pending", "0 10 1\n");
	puts_file(".c.csv.new-1", "new\n");
	fd = open(tmp, O_RDONLY);
	is_int(attune_store_commit(fd, tmp, log, tmpdir, ""), 0,
	    "a commit succeeds");
	close(fd);
	got = slurp(log, NULL);
	is_str(got, "new\n", "and the log is the new one");
	free(got);
	ok(access(path("c.csv.pending"), F_OK) < 0, "the old note is gone");
	ok(access(tmp, F_OK) < 0, "the temporary name is gone");

	puts_file(".c.csv.new-1", "newer\n");
	fd = open(tmp, O_RDONLY);
	fail_flock = 1;
	rc = attune_store_commit(fd, tmp, log, tmpdir, "");
	e = errno;
	fail_flock = 0;
	close(fd);
	ok(rc == -1 && e == ENOLCK, "a commit that cannot lock fails, "
	    "saying why (%d, %s)", rc, strerror(e));
	got = slurp(log, NULL);
	is_str(got, "new\n", "and leaves the log as it was");
	free(got);
	ok(access(tmp, F_OK) < 0, "without its temporary file");

	puts_file("c.csv", "h\nrow\npart");
	stat(log, &st);
	attune_pending_write(path("c.csv.pending"), 6, 16,
	    (unsigned long long)st.st_ino);
	fd = open(log, O_RDONLY);
	rc = attune_store_read(fd, log, &st, &b);
	close(fd);
	ok(rc == 0 && b.len == 6 && strcmp(b.s, "h\nrow\n") == 0,
	    "a read stops where a killed writer's part row starts (%zu)",
	    b.len);
	attune_buf_free(&b);
	unlink(path("c.csv.pending"));
}

int
main(void)
{
	if (test_start("unit-store") < 0)
		return 99;
	attune_csv_header(&head, attune_checkin_cols);
	test_failed_first_write();
	test_tails();
	test_notes();
	test_tail_only();
	test_archive_memory();
	test_dir_names();
	test_commit();
	attune_buf_free(&head);
	return tap_done();
}
