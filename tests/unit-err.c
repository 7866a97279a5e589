/*
 * unit-err: the one path of a usage error (lib/opt.c, lib/err.c), in a
 * child each time, as it ends the program: the crisis lines first (the
 * hook attune_usage_first sets), then the warnings held, then the message,
 * never dropped, then its hint; exit 2.  And the lines more of a message
 * (attune_warn_more), and a bad $ATTUNE_NOW refused the same way.
 */
#include <sys/wait.h>

#include <stdarg.h>

#include "attune_priv.h"
#include "test.h"

static const char *const words[] = { "skin", "talk", "bath", NULL };

/* The crisis lines, as a command's hook would show them. */
static void
lines(void)
{
	fputs("LINES\n", stderr);
}

/*
 * Run fn in a child with stderr to a file, the hook set, hold (1: the
 * warnings held, one waiting) and drop (1: warnings dropped) as asked; its
 * stderr, and *status
 * its exit status.
 */
static char *
child(void (*fn)(void), int hold, int drop, int *status)
{
	pid_t pid;
	int st, fd;

	snprintf(errpath, sizeof errpath, "%s/stderr", tmpdir);
	fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		dup2(fd, STDERR_FILENO);
		attune_usage_first(lines);
		if (hold) {
			attune_warn_way(ATTUNE_WARN_HOLD);
			attune_warnx("held one");
		}
		if (drop)
			attune_warn_way(ATTUNE_WARN_DROP);
		fn();
		attune_warn_release();	/* as exit would */
		fflush(stderr);
		_exit(0);
	}
	close(fd);
	waitpid(pid, &st, 0);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return slurp(errpath, NULL);
}

static void
bad_words(void)
{
	attune_opt_words("--did", "talk,nope", words, 0);
}

static void
bad_value(void)
{
	attune_usage_error("--count: '%s' is out of range", "99");
}

static void
bad_now(void)
{
	struct attune_time t;

	setenv("ATTUNE_NOW", "soon\033[8m", 1);
	attune_time_now(&t);
}

static void
more(void)
{
	attune_warnx("a warning");
	attune_warn_more("and a name from a log, Sam\033[8m");
}

/* attune.conf or the region read again, once what was held is said: the
 * same warning, and its line more, are not said twice. */
static void
again(void)
{
	attune_warnx("once");
	attune_warn_release();
	attune_warnx("once");
	attune_warn_more("a line more of it");
	attune_warnx("held one");
	attune_warnx("new");
	attune_warn_more("and its line more");
}

/* Each case: what the child does, held (warnings held first, one waiting)
 * or dropped, the exit it ends with (-1: not checked) and all it says. */
static const struct {
	void	(*fn)(void);
	int	 hold, drop, exit;
	const char *said, *what;
} cases[] = {
	{ bad_words, 1, 0, ATTUNE_USAGE, "LINES\nunit-err: held one\nunit-err: "
	    "--did: 'nope' is not one of the choices\nChoose from: skin, "
	    "talk, bath\n", "a word not in the list: the lines, what was "
	    "held, the error, its hint" },
	{ bad_words, 0, 1, -1, "LINES\nunit-err: --did: 'nope' is not one of "
	    "the choices\nChoose from: skin, talk, bath\n", "a word not in "
	    "the list: said even while warnings are dropped" },
	{ bad_value, 1, 1, ATTUNE_USAGE, "LINES\nunit-err: held one\nunit-err: "
	    "--count: '99' is out of range\nTry 'unit-err --help' for the "
	    "options.\n", "a usage error: the lines, what was held, the "
	    "error, then 'Try'" },
	{ bad_now, 1, 1, ATTUNE_USAGE, "LINES\nunit-err: held one\nunit-err: "
	    "ATTUNE_NOW: 'soon\\x1b[8m' is not an ISO 8601 time like "
	    "2026-11-22T21:04:00+01:00\n", "a bad ATTUNE_NOW: after the "
	    "lines, named once with its value, shown safely, no 'Try'" },
	{ more, 0, 0, -1, "unit-err: a warning\nand a name from a log, "
	    "Sam\\x1b[8m\n", "a line more: no program name, and an escape "
	    "shown, not sent" },
	{ more, 1, 0, -1, "unit-err: held one\nunit-err: a warning\nand a "
	    "name from a log, Sam\\x1b[8m\n", "a line more: held with the "
	    "others, in order" },
	{ more, 0, 1, -1, "", "a line more: dropped with the warnings" },
	{ again, 1, 0, -1, "unit-err: held one\nunit-err: once\nunit-err: "
	    "new\nand its line more\n", "held, then said: each once in the "
	    "run, a line more with its own" },
};

/* A damaged log's thousands of warnings, each met twice (the log read
 * again): each said once, in the order first met. */
enum { MANY = 3000 };
static void
many(void)
{
	int i, k;

	for (k = 0; k < 2; k++)
		for (i = 0; i < MANY; i++)
			attune_warnx("checkins.csv:%d: row skipped", i + 2);
}

int
main(void)
{
	struct attune_buf want = { 0 };
	char *s;
	size_t i;
	int st;

	setvbuf(stdout, NULL, _IOLBF, 0);
	tmpdir_make("unit-err");
	attune_setprog("unit-err");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = child(cases[i].fn, cases[i].hold, cases[i].drop, &st);
		if (cases[i].exit >= 0)
			is_int(st, cases[i].exit, "%s: exit %d", cases[i].what,
			    cases[i].exit);
		is_str(s, cases[i].said, "%s", cases[i].what);
		free(s);
	}
	s = child(many, 1, 0, &st);
	attune_buf_str(&want, "unit-err: held one\n");
	for (i = 0; i < MANY; i++)
		attune_buf_printf(&want, "unit-err: checkins.csv:%zu: row "
		    "skipped\n", i + 2);
	is_str(s, want.s, "%d warnings held, each met twice: each said once, "
	    "in order", MANY);
	free(s);
	attune_buf_free(&want);
	return tap_done();
}
