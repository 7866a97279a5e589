/*
 * attune: the front program.  "attune NAME ARGS…" runs attune-NAME, found
 * first beside this program and then on PATH, and passes its arguments
 * and exit status through, as git does with its commands.
 */
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune.h"

static const struct {
	const char *name, *what;
} cmds[] = {
	{ "checkin", "log how today is going: mood, bond, sleep, moments" },
	{ "screen", "take a validated questionnaire, scored exactly" },
	{ "tips", "gentle, practical ideas to try, chosen for you" },
	{ "report", "see your weeks at a glance, and when to reach out" },
};
#define NCMDS (sizeof cmds / sizeof cmds[0])

static void
list(FILE *f)
{
	size_t i;

	fputs("usage: attune COMMAND [ARGS...]\n"
	    "       attune help [COMMAND]\n\n"
	    "attune helps you notice how the days after birth are going,\n"
	    "and when it may be time to ask for support. The commands:\n\n", f);
	for (i = 0; i < NCMDS; i++)
		fprintf(f, "  %-9s %s\n", cmds[i].name, cmds[i].what);
	fputs("\n'attune help COMMAND' shows the manual for one of them;\n"
	    "'man 7 attune' is the overview.\n", f);
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
known(const char *name)
{
	size_t i;

	for (i = 0; i < NCMDS; i++)
		if (strcmp(cmds[i].name, name) == 0)
			return 1;
	return 0;
}

static int
help(const char *name)
{
	char page[64];

	if (!known(name)) {
		attune_warnx("there is no command called '%s'", name);
		list(stderr);
		return ATTUNE_USAGE;
	}
	snprintf(page, sizeof page, "attune-%s", name);
	fflush(stdout);
	execlp("man", "man", page, (char *)NULL);
	attune_warn("cannot run man to show %s", page);
	return ATTUNE_FAIL;
}

int
main(int argc, char **argv)
{
	struct attune_buf path = { 0 };
	char *dir;

	attune_setprog(argv[0]);
	if (argc < 2) {
		list(stdout);
		return attune_finish(ATTUNE_OK);
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		list(stdout);
		return attune_finish(ATTUNE_OK);
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("attune %s\n", ATTUNE_VERSION);
		return attune_finish(ATTUNE_OK);
	}
	if (strcmp(argv[1], "help") == 0) {
		if (argc == 2) {
			list(stdout);
			return attune_finish(ATTUNE_OK);
		}
		return help(argv[2]);
	}
	if (argv[1][0] == '-' || strchr(argv[1], '/') != NULL) {
		attune_warnx("'%s' is not a command", argv[1]);
		list(stderr);
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
		attune_warnx("there is no command called '%s'", path.s + 7);
		list(stderr);
		return ATTUNE_USAGE;
	}
	attune_warn("cannot run %s", path.s);
	return ATTUNE_FAIL;
}
