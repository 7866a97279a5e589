/*
 * unit-append: lib/append.c and lib/dir.c, the writing side.  Rows are
 * appended whole under a lock; a write that fails partway (here: a file
 * size limit) leaves the log exactly as it was; the data directory is
 * found and made private.  Also the region lookup of lib/crisis.c.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"
#include "test.h"

#define HEAD	"timestamp,note\n"

static int
mode(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

static int
append(const char *name, const char *row)
{
	return attune_append(path(name), HEAD, row, strlen(row));
}

/*
 * Append under a file size limit of limit bytes, in a child so the limit
 * stays there; what it says on stderr comes back through a pipe (a file
 * would be cut short by the same limit) into *err.  The child's return
 * value, or -2 if it died.
 */
static int
append_limited(const char *name, const char *row, rlim_t limit, char **err)
{
	struct attune_buf b = { 0 };
	struct rlimit rl;
	char chunk[512];
	ssize_t n;
	pid_t pid;
	int status, fd[2];

	fflush(stdout);
	fflush(stderr);
	if (pipe(fd) < 0)
		exit(99);
	if ((pid = fork()) == 0) {
		close(fd[0]);
		dup2(fd[1], STDERR_FILENO);
		getrlimit(RLIMIT_FSIZE, &rl);
		rl.rlim_cur = limit;
		if (setrlimit(RLIMIT_FSIZE, &rl) < 0)
			_exit(98);
		_exit(append(name, row) == 0 ? 0 : 1);
	}
	close(fd[1]);
	while ((n = read(fd[0], chunk, sizeof chunk)) > 0)
		attune_buf_add(&b, chunk, (size_t)n);
	close(fd[0]);
	if (b.s == NULL)
		attune_buf_add(&b, "", 0);
	if (err != NULL)
		*err = b.s;
	else
		free(b.s);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -2;
	return WEXITSTATUS(status) == 0 ? 0 : -WEXITSTATUS(status);
}

/* append, its result checked (what), and what it said on stderr. */
static char *
append_caught(const char *name, const char *row, int want, const char *what)
{
	catch_start();
	is_int(append(name, row), want, "%s", what);
	return catch_end();
}

static void
test_basic(void)
{
	char *s, *err;

	umask(022);
	err = append_caught("log.csv", "t1,first\n", 0, "append to a new log");
	s = slurp(path("log.csv"), NULL);
	is_str(s, HEAD "t1,first\n", "a new log gets the header, then the row");
	free(s);
	is_int(mode(path("log.csv")), 0600, "a new log is mode 0600 whatever the umask");
	is_str(err, "", "and nothing is said");
	free(err);
	is_int(append("log.csv", "t2,second\nt3,third\n"), 0, "append two rows");
	s = slurp(path("log.csv"), NULL);
	is_str(s, HEAD "t1,first\nt2,second\nt3,third\n",
	    "an existing log gets no second header");
	free(s);

	/* A log edited by hand, without its last newline. */
	puts_file("nonl.csv", HEAD "t1,no newline");
	is_int(append("nonl.csv", "t2,next\n"), 0, "append after a missing newline");
	s = slurp(path("nonl.csv"), NULL);
	is_str(s, HEAD "t1,no newline\nt2,next\n", "the new row starts its own line");
	free(s);

	/* A log that ends inside a quoted field (cut short by a crash). */
	puts_file("openq.csv", HEAD "t1,\"cut sho");
	is_int(append("openq.csv", "t2,next\n"), 0, "append after an open quote");
	s = slurp(path("openq.csv"), NULL);
	is_str(s, HEAD "t1,\"cut sho\"\nt2,next\n",
	    "the quote is closed so the new row is a row of its own");
	free(s);
	{
		static const char *const cols[] = { "note", NULL };
		struct attune_csv *c;

		c = attune_csv_open(path("openq.csv"), cols, 0);
		is_int(attune_csv_next(c), 1, "after repair, a reader finds the rows");
		is_int(attune_csv_next(c), 1, "both of them");
		is_str(attune_csv_get(c, 0, NULL), "next", "the new one intact");
		attune_csv_close(c);
	}

	/* An empty log file that exists gets the header too. */
	puts_file("empty.csv", "");
	is_int(append("empty.csv", "t1,x\n"), 0, "append to an empty file");
	s = slurp(path("empty.csv"), NULL);
	is_str(s, HEAD "t1,x\n", "an empty file gets the header");
	free(s);
}

/*
 * With the file size limit at limit, appending row to name fails (what)
 * and leaves it exactly as before (same); what it said in *err, unless
 * err is NULL.
 */
static void
refused_as_was(const char *name, const char *row, rlim_t limit,
    const char *before, char **err, const char *what, const char *same)
{
	char *after;

	is_int(append_limited(name, row, limit, err), -1, "%s", what);
	after = slurp(path(name), NULL);
	is_str(after, before, "%s", same);
	free(after);
}

static void
test_rollback(void)
{
	char big[600], *before, *after, *err;
	struct stat st;

	memset(big, 'x', sizeof big);
	memcpy(big, "t9,", 3);
	big[sizeof big - 2] = '\n';
	big[sizeof big - 1] = '\0';

	puts_file("full.csv", HEAD "t1,one\nt2,two\n");
	before = slurp(path("full.csv"), NULL);
	stat(path("full.csv"), &st);

	refused_as_was("full.csv", big, (rlim_t)st.st_size + 100, before, &err,
	    "a write cut short by the file size limit fails",
	    "and the log is exactly as it was");
	ok(has(err, "unit-append: cannot write to ") &&
	    has(err, "full.csv; the log is as it was: File too large\n"),
	    "with a message naming the log and the reason");
	free(err);

	refused_as_was("full.csv", "t3,small\n", (rlim_t)st.st_size, before,
	    &err, "a limit at the log's size: nothing fits",
	    "the log is exactly as it was");
	ok(has(err, "full.csv; the log is as it was: File too large\n"),
	    "and says so");
	free(err);

	/* Without a final newline the repair is undone too. */
	puts_file("full2.csv", HEAD "t1,no newline");
	free(before);
	before = slurp(path("full2.csv"), NULL);
	stat(path("full2.csv"), &st);
	refused_as_was("full2.csv", big, (rlim_t)st.st_size + 1, before, NULL,
	    "only the repairing newline fits", "and it is taken back as well");
	free(before);

	/* A log this call creates is removed again when its header fails. */
	is_int(append_limited("new.csv", "t1,x\n", 5, NULL), -1,
	    "a new log whose header does not fit");
	is_int(append_limited("new0.csv", "t1,x\n", 0, NULL), -1,
	    "a new log with no room at all");
	ok(access(path("new.csv"), F_OK) < 0 && errno == ENOENT,
	    "leaves no half-written log behind");
	ok(access(path("new0.csv"), F_OK) < 0 && errno == ENOENT,
	    "nor an empty one");

	/* And afterwards, with room, all is well. */
	is_int(append("full.csv", "t3,three\n"), 0, "with room again, it appends");
	after = slurp(path("full.csv"), NULL);
	is_str(after, HEAD "t1,one\nt2,two\nt3,three\n", "right after the old rows");
	free(after);
}

static void
test_odd_files(void)
{
	char *err, *s;
	pid_t pid;
	int status;

	/* A symbolic link to a file that does not exist is refused. */
	symlink(path("elsewhere.csv"), path("dangling.csv"));
	err = append_caught("dangling.csv", "t1,x\n", -1,
	    "a dangling symlink is refused");
	ok(has(err, "dangling.csv: is a symbolic link to a missing file"),
	    "and says so");
	ok(access(path("elsewhere.csv"), F_OK) < 0, "nothing is created at its target");
	free(err);

	/* A symbolic link to a file is written through, with a warning. */
	puts_file("target.csv", HEAD "t1,x\n");
	symlink("target.csv", path("link.csv"));
	chmod(path("target.csv"), 0600);
	err = append_caught("link.csv", "t2,y\n", 0,
	    "a symlink to a log is written through");
	ok(has(err, "link.csv: is a symbolic link; writing to the file it points to"),
	    "with a warning");
	s = slurp(path("target.csv"), NULL);
	is_str(s, HEAD "t1,x\nt2,y\n", "the row is in the file it points to");
	free(s);
	free(err);

	/* Readable by others: a warning, and the row is written. */
	puts_file("open.csv", HEAD);
	chmod(path("open.csv"), 0644);
	err = append_caught("open.csv", "t1,x\n", 0,
	    "a log others can read is written");
	ok(has(err, "open.csv: others can read this log; 'chmod 600 "),
	    "with a warning that says how to keep it private");
	is_int(mode(path("open.csv")), 0644, "its mode is left as the person chose");
	free(err);

	/* A directory, a FIFO, and a directory that does not exist. */
	mkdir(path("adir.csv"), 0700);
	err = append_caught("adir.csv", "t1,x\n", -1,
	    "a directory is not a log");
	ok(has(err, "adir.csv: is a directory, not a log"), "and says so");
	free(err);

	mkfifo(path("fifo.csv"), 0600);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		alarm(5);
		_exit(append("fifo.csv", "t1,x\n") == -1 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "a FIFO is refused at once, not waited on");

	err = append_caught("no/such/dir/log.csv", "t1,x\n", -1,
	    "a log in a missing directory fails");
	ok(has(err, "cannot open ") && has(err, "No such file or directory"),
	    "with the system's reason");
	free(err);
}

static void
test_parallel(void)
{
	enum { KIDS = 12, ROWS = 40 };
	static const char *const cols[] = { "timestamp", "note", NULL };
	struct attune_csv *c;
	char row[300], seen[KIDS][ROWS];
	int k, i, r, bad = 0, n = 0, status, kid, num;
	pid_t pids[KIDS];

	memset(seen, 0, sizeof seen);
	fflush(stdout);
	for (k = 0; k < KIDS; k++) {
		if ((pids[k] = fork()) == 0) {
			for (i = 0; i < ROWS; i++) {
				/* Rows of different lengths, some of many lines. */
				snprintf(row, sizeof row, "t,\"writer %d row %d%s\"\n",
				    k, i, i % 3 ? "" : "\nwith a second line,"
				    " and a \"\"quote\"\" in it, long enough to be "
				    "written in more than one go if it could be");
				if (append("par.csv", row) < 0)
					_exit(1);
			}
			_exit(0);
		}
	}
	for (k = 0; k < KIDS; k++) {
		waitpid(pids[k], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			bad++;
	}
	is_int(bad, 0, "%d writers at once all succeed", KIDS);
	c = attune_csv_open(path("par.csv"), cols, ATTUNE_CSV_STRICT);
	while ((r = attune_csv_next(c)) == 1) {
		n++;
		if (sscanf(attune_csv_get(c, 1, NULL), "writer %d row %d", &kid,
		    &num) != 2 || kid < 0 || kid >= KIDS || num < 0 ||
		    num >= ROWS || seen[kid][num]++)
			bad++;
	}
	is_int(r, 0, "the log reads back strictly, with no broken row");
	is_int(attune_csv_close(c), 0, "closes cleanly");
	is_int(n, KIDS * ROWS, "every row is there");
	is_int(bad, 0, "each exactly once");
}

/*
 * One variable set after another, each on top of the last, and the data
 * directory attune_dir_resolve then finds.
 */
static const struct {
	const char *var, *val, *want, *what;
} dirs[] = {
	{ "HOME", "/home/someone", "/home/someone/.local/share/attune",
	    "by default, ~/.local/share/attune" },
	{ "XDG_DATA_HOME", "relative/path", "/home/someone/.local/share/attune",
	    "a relative XDG_DATA_HOME is ignored, as the XDG spec says" },
	{ "XDG_DATA_HOME", "/xdg/", "/xdg/attune",
	    "then $XDG_DATA_HOME/attune" },
	{ "ATTUNE_DIR", "", "/xdg/attune", "an empty ATTUNE_DIR is as if unset" },
	{ "ATTUNE_DIR", "/from/env", "/from/env", "then $ATTUNE_DIR" },
};

static void
test_dir(void)
{
	char *d, *err, *home, **v;
	struct stat st;
	size_t i;

	unsetenv("ATTUNE_DIR");
	unsetenv("XDG_DATA_HOME");
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		setenv(dirs[i].var, dirs[i].val, 1);
		d = attune_dir_resolve(NULL);
		is_str(d, dirs[i].want, "%s", dirs[i].what);
		free(d);
	}
	d = attune_dir_resolve("/from/option");
	is_str(d, "/from/option", "--dir first of all");
	free(d);
	d = attune_dir_file("/a/b/", "checkins.csv");
	is_str(d, "/a/b/checkins.csv", "a file in a dir with a trailing slash");
	free(d);

	umask(0);
	home = path("data/deep/attune");
	catch_start();
	is_int(attune_dir_make(home), 0, "a data directory is made with its parents");
	err = catch_end();
	is_int(mode(home), 0700, "mode 0700 even with umask 0");
	is_int(mode(path("data/deep")), 0700, "and its new parents too");
	is_str(err, "", "without a word");
	free(err);
	umask(022);

	catch_start();
	is_int(attune_dir_make(home), 0, "an existing private directory is fine");
	err = catch_end();
	is_str(err, "", "silently");
	free(err);

	chmod(home, 0755);
	catch_start();
	is_int(attune_dir_make(home), 0, "an open directory is used");
	err = catch_end();
	ok(has(err, "others can read this directory; 'chmod 700 "),
	    "with a warning that says how to keep it private");
	is_int(mode(home), 0755, "its mode is the person's to change");
	free(err);

	puts_file("plainfile", "x");
	catch_start();
	is_int(attune_dir_make(path("plainfile")), -1, "a file is not a directory");
	is_int(attune_dir_make(path("plainfile/sub")), -1, "nor can it hold one");
	err = catch_end();
	ok(has(err, "plainfile: not a directory"), "said so");
	free(err);

	/* The logs of a kind: archives oldest first, then the live log. */
	mkdir(path("logs"), 0700);
	puts_file("logs/checkins.csv", HEAD);
	puts_file("logs/checkins-2024.csv.gz", "");
	puts_file("logs/checkins-2023.csv.gz", "");
	puts_file("logs/screens.csv", HEAD);
	puts_file("logs/checkins-old.csv", "");
	v = attune_dir_logs(path("logs"), "checkins");
	ok(v[0] && has(v[0], "logs/checkins-2023.csv.gz") && v[1] &&
	    has(v[1], "logs/checkins-2024.csv.gz") && v[2] &&
	    has(v[2], "logs/checkins.csv") && v[3] == NULL,
	    "archives oldest first, then the live log, nothing else");
	attune_strv_free(v);
	v = attune_dir_logs(path("nothing-here"), "checkins");
	ok(v[0] == NULL, "a missing directory has no logs");
	attune_strv_free(v);
	(void)st;
}

/*
 * One variable set after another, each on top of the last, and the
 * region attune_region then finds (NULL: none, so every region).
 */
static const struct {
	const char *var, *val, *want, *what;
} steps[] = {
	{ "LANG", "en_GB.UTF-8", "GB", "the locale's country" },
	{ "LC_MESSAGES", "en_NZ.UTF-8", "NZ", "LC_MESSAGES before LANG" },
	{ "LC_ALL", "C", NULL, "LC_ALL=C before both: no country" },
	{ "LC_ALL", "en_IE.UTF-8", "IE", "LC_ALL first of all" },
	{ "ATTUNE_REGION", "au", "AU", "ATTUNE_REGION before the locale" },
	{ "ATTUNE_REGION", "all", NULL, "ATTUNE_REGION=all: every region" },
};

static void
test_region(void)
{
	pid_t pid;
	int status;
	size_t i;

	unsetenv("ATTUNE_REGION");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
	ok(attune_region(NULL) == NULL, "no region anywhere: every region");
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		setenv(steps[i].var, steps[i].val, 1);
		if (steps[i].want != NULL)
			is_str(attune_region(NULL), steps[i].want, "%s",
			    steps[i].what);
		else
			ok(attune_region(NULL) == NULL, "%s", steps[i].what);
	}
	is_str(attune_region("uk"), "GB", "--region uk means GB");
	is_str(attune_region("Us"), "US", "in any case");
	ok(attune_region("ALL") == NULL, "--region all: every region");
	is_str(attune_region("fr"), "FR", "a country with no lines is still a country");
	ok(!attune_region_known("FR") && attune_region_known("GB"),
	    "and known to have none");
	fflush(stdout);
	if ((pid = fork()) == 0) {
		close(STDERR_FILENO);
		attune_region("England");
		_exit(0);
	}
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == ATTUNE_USAGE,
	    "--region that is not a code is a usage error");
	unsetenv("ATTUNE_REGION");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
}

int
main(void)
{
	if (test_start("unit-append") < 0)
		return 99;
	test_basic();
	test_rollback();
	test_odd_files();
	test_parallel();
	test_dir();
	test_region();
	return tap_done();
}
