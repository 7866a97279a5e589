/*
 * front.c: the front program, attune(1).  "attune NAME ARGS…" runs
 * attune-NAME, found first beside the program and then on PATH, and passes
 * its arguments and exit status through, as git does with its commands.
 * Its list (attune, attune help) names what it finds there, in the order
 * and with the one-line summaries of the table bin/attune.c holds (made
 * from bin/commands); a command not named there is listed too, under "Also
 * found".  So a new command is a new file.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"

struct front {
	const struct attune_cmd *cmds;
	size_t	 n;
	const char *argv0;
	char	**progs;	/* found(): filled on first use, once */
};

static char *own_dir(const char *argv0);

/* Whether name is in v, NULL-ended. */
static int
in(char **v, const char *name)
{
	for (; *v != NULL; v++)
		if (strcmp(*v, name) == 0)
			return 1;
	return 0;
}

/* Whether path is a file this user may run: a directory may be entered
 * ("x" too) but is no command. */
static int
runnable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(path, X_OK) == 0;
}

/* Every attune-NAME runnable beside this program and on PATH, by NAME,
 * each once, NULL-ended.  The directories are read on the first call
 * only: an unknown name is judged, answered and listed from that one
 * reading.  f owns the answer. */
static char **
found(struct front *f)
{
	struct attune_buf dirs = { 0 };
	struct dirent *e;
	char **v = NULL, *d, *next, *own;
	size_t n = 0;
	DIR *dp;
	const char *p = getenv("PATH");

	if (f->progs != NULL)
		return f->progs;
	if ((own = own_dir(f->argv0)) != NULL) {
		attune_buf_printf(&dirs, "%s:", own);
		free(own);
	}
	attune_buf_str(&dirs, p != NULL ? p : "/usr/bin:/bin");
	for (d = dirs.s; d != NULL; d = next) {
		if ((next = strchr(d, ':')) != NULL)
			*next++ = '\0';
		if ((dp = opendir(*d ? d : ".")) == NULL)
			continue;
		while ((e = readdir(dp)) != NULL) {
			struct attune_buf full = { 0 };
			const char *name = e->d_name + 7;

			if (strncmp(e->d_name, "attune-", 7) != 0 ||
			    *name == '\0' || strchr(name, '.') != NULL)
				continue;
			if (v != NULL && in(v, name))
				continue;
			attune_buf_printf(&full, "%s/%s", *d ? d : ".",
			    e->d_name);
			if (runnable(full.s)) {
				v = attune_xreallocarray(v, n + 2, sizeof *v);
				v[n++] = attune_xstrdup(name);
				v[n] = NULL;
			}
			attune_buf_free(&full);
		}
		closedir(dp);
	}
	attune_buf_free(&dirs);
	if (v == NULL)
		v = attune_xcalloc(1, sizeof *v);
	return f->progs = v;
}

static int
cmd_index(const struct front *f, const char *name)
{
	return attune_name_index(f->cmds, f->n, sizeof *f->cmds, name);
}

static void
list(struct front *f, FILE *out)
{
	char **v = found(f);
	size_t i;
	int other = 0;

	fputs("usage: attune COMMAND [ARGS...]\n"
	    "       attune help [COMMAND]\n\n"
	    "attune helps you notice how the days after birth are going,\n"
	    "and when it may be time to ask for support. The commands:\n\n", out);
	for (i = 0; i < f->n; i++)
		if (f->cmds[i].always || in(v, f->cmds[i].name))
			fprintf(out, "  %-9s %s\n", f->cmds[i].name, f->cmds[i].what);
	for (i = 0; v[i] != NULL; i++)
		if (cmd_index(f, v[i]) < 0)
			fprintf(out, "%s  %s\n", other++ ? "" : "\nAlso found:\n",
			    v[i]);
	fputs("\n'attune help COMMAND' shows the manual for one of them;\n"
	    "'man 7 attune' is the overview.\n", out);
}

/* "there is no command called 'chekin'", with the nearest there is. */
static void
no_such(struct front *f, const char *name)
{
	const char **names;
	const char *near;
	char **v = found(f);
	size_t i, n = 0;

	names = attune_xcalloc(f->n + 1, sizeof *names);
	for (i = 0; i < f->n; i++)
		names[n++] = f->cmds[i].name;
	names[n] = NULL;
	near = attune_suggest(name, names);
	for (i = 0; near == NULL && v[i] != NULL; i++)
		if (attune_suggest(name, (const char *const[]){ v[i], NULL }))
			near = v[i];
	if (near != NULL)
		attune_warnx("there is no command called '%s'; did you mean "
		    "'%s'?", name, near);
	else
		attune_warnx("there is no command called '%s'", name);
	free(names);
}

/*
 * A mistyped command may still carry a harm flag (attune chekin --flag
 * harm): the crisis lines come before the mistake is named, read by the
 * first pass every command makes (attune_opt_safety), with the options
 * checkin and log have in common; -f is taken as checkin's --flag.
 */
static void
harm_typed(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ "flag", required_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "region", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct attune_safety_opt s = { 0 };

	attune_opt_safety(argc, argv, "d:f:qr:", lo, &s);
	if (s.harm)
		attune_harm_first(&s);
}

/* The directory this program was run from, or the one argv[0] names. */
static char *
own_dir(const char *argv0)
{
	char *dir, *slash;

	if ((dir = attune_exe_dir()) != NULL || strchr(argv0, '/') == NULL)
		return dir;
	dir = attune_xstrdup(argv0);
	slash = strrchr(dir, '/');
	*slash = '\0';
	return dir;
}

static int
known(struct front *f, const char *name)
{
	if (cmd_index(f, name) >= 0)
		return 1;
	if (strchr(name, '/') != NULL || *name == '\0')
		return 0;
	return in(found(f), name);
}

static int
help(struct front *f, const char *name)
{
	char page[64];

	if (!known(f, name)) {
		no_such(f, name);
		list(f, stderr);
		return ATTUNE_USAGE;
	}
	snprintf(page, sizeof page, "attune-%s", name);
	fflush(stdout);
	execlp("man", "man", page, (char *)NULL);
	attune_warn("cannot run man to show %s", page);
	return ATTUNE_FAIL;
}

static int
front(struct front *f, int argc, char **argv)
{
	struct attune_buf path = { 0 };
	char *dir;

	if (argc < 2) {
		list(f, stdout);
		return attune_finish(ATTUNE_OK);
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		list(f, stdout);
		return attune_finish(ATTUNE_OK);
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		attune_version("attune");
	}
	if (strcmp(argv[1], "help") == 0) {
		if (argc == 2) {
			list(f, stdout);
			return attune_finish(ATTUNE_OK);
		}
		return help(f, argv[2]);
	}
	if (argv[1][0] == '-' || strchr(argv[1], '/') != NULL) {
		harm_typed(argc, argv);
		attune_warnx("'%s' is not a command", argv[1]);
		list(f, stderr);
		return ATTUNE_USAGE;
	}
	attune_buf_printf(&path, "attune-%s", argv[1]);
	argv[1] = path.s;
	if ((dir = own_dir(argv[0])) != NULL) {
		struct attune_buf full = { 0 };

		attune_buf_printf(&full, "%s/%s", dir, path.s);
		if (access(full.s, X_OK) == 0)
			execv(full.s, argv + 1);
		attune_buf_free(&full);
		free(dir);
	}
	execvp(path.s, argv + 1);
	if (errno == ENOENT) {
		harm_typed(argc, argv);
		no_such(f, path.s + 7);
		list(f, stderr);
		return ATTUNE_USAGE;
	}
	attune_warn("cannot run %s", path.s);
	return ATTUNE_FAIL;
}

int
attune_front(int argc, char **argv, const struct attune_cmd *cmds, size_t n)
{
	struct front f = { cmds, n, argv[0], NULL };
	int rc;

	rc = front(&f, argc, argv);
	attune_strv_free(f.progs);
	return rc;
}
