/*
 * share.c: the data files that ship with attune (tips.csv and others).
 * Run from the build tree, a program finds them beside itself, in
 * <program dir>/../share; installed, in <program dir>/../share/attune
 * (so an install moved to another prefix still works), else in
 * ATTUNE_DATADIR (config.mk's DATADIR, through lib/config.h).  Looking beside
 * the program first means the tests always read the files they were
 * built with, never an older installed copy.
 */
#include <sys/stat.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"
#include "config.h"	/* ATTUNE_VERSION, ATTUNE_DATADIR, from config.mk */

static int
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The directory of the running program, from /proc; NULL if unknown. */
char *
attune_exe_dir(void)
{
	char exe[PATH_MAX], *slash;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return NULL;
	*slash = '\0';
	return attune_xstrdup(exe);
}

char *
attune_share_file(const char *name)
{
	struct attune_buf p = { 0 };
	char *exe;

	if ((exe = attune_exe_dir()) != NULL) {
		attune_buf_printf(&p, "%s/../share/%s", exe, name);
		if (!is_file(p.s)) {
			attune_buf_free(&p);
			attune_buf_printf(&p, "%s/../share/attune/%s", exe,
			    name);
		}
		free(exe);
		if (is_file(p.s))
			return p.s;
		attune_buf_free(&p);
	}
	attune_buf_printf(&p, "%s/%s", ATTUNE_DATADIR, name);
	if (is_file(p.s))
		return p.s;
	attune_buf_free(&p);
	return NULL;
}
