/*
 * dir.c: where the logs live.  The data directory is --dir, else
 * $ATTUNE_DIR, else $XDG_DATA_HOME/attune, else ~/.local/share/attune.
 * It is created mode 0700; nothing is written outside it unless asked.
 */
#include <sys/stat.h>

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"

static char *
join(const char *a, const char *b)
{
	struct attune_buf p = { 0 };

	attune_buf_str(&p, a);
	if (p.len > 0 && p.s[p.len - 1] != '/')
		attune_buf_add(&p, "/", 1);
	attune_buf_str(&p, b);
	return p.s;
}

/* The data directory, or NULL when there is no home to find it in (said
 * by attune_dir_resolve, when a command needs it). */
char *
attune_dir_find(const char *opt)
{
	const char *e;
	struct passwd *pw;

	if (opt != NULL && *opt != '\0')
		return attune_xstrdup(opt);
	if ((e = getenv("ATTUNE_DIR")) != NULL && *e != '\0')
		return attune_xstrdup(e);
	if ((e = getenv("XDG_DATA_HOME")) != NULL && *e == '/')
		return join(e, "attune");
	if ((e = getenv("HOME")) == NULL || *e == '\0') {
		if ((pw = getpwuid(getuid())) == NULL)
			return NULL;
		e = pw->pw_dir;
	}
	return join(e, ".local/share/attune");
}

/* attune_dir_find for a command that cannot go on without it: exit 1. */
char *
attune_dir_resolve(const char *opt)
{
	char *d;

	if ((d = attune_dir_find(opt)) == NULL) {
		attune_warnx("cannot tell where your home directory is; set "
		    "ATTUNE_DIR or use --dir");
		attune_quit(ATTUNE_FAIL);
	}
	return d;
}

/*
 * Whether the logs in dir can be trusted, as ssh asks of ~/.ssh: the
 * directory must belong to the person running attune (root may tend
 * anyone's) and no one else may write in it, or they could plant notes,
 * links and files that hide or replace rows.  0, or -1 (said why).
 */
int
attune_dir_safe(const char *dir, const struct stat *st)
{
	uid_t me = geteuid();

	if (st->st_uid != me && me != 0) {
		attune_warnx("%s: this folder belongs to another user, so "
		    "attune will not write its logs there; use a folder of "
		    "your own (--dir, or ATTUNE_DIR)", dir);
		return -1;
	}
	if (st->st_mode & 022) {
		attune_warnx("%s: others can write in this folder, so its logs "
		    "cannot be trusted; 'chmod 700 %s' makes it yours alone",
		    dir, dir);
		return -1;
	}
	return 0;
}

/*
 * Make the data directory and any missing parents, each mode 0700.  An
 * existing directory that others can read earns a warning, not a change:
 * the person may have chosen it.  One others can write in, or that is
 * not the person's own, is refused (attune_dir_safe).
 */
int
attune_dir_make(const char *dir)
{
	struct stat st;
	char *p, *s;

	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			attune_warnx("%s: not a directory", dir);
			return -1;
		}
		if (attune_dir_safe(dir, &st) < 0)
			return -1;
		if (st.st_mode & 077)
			attune_warnx("%s: others can read this directory; "
			    "'chmod 700 %s' keeps it private", dir, dir);
		return 0;
	}
	s = attune_xstrdup(dir);
	for (p = s + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		int end = *p == '\0';
		*p = '\0';
		if (mkdir(s, 0700) < 0 && errno != EEXIST) {
			attune_warn("cannot create %s", s);
			free(s);
			return -1;
		}
		if (end)
			break;
		*p = '/';
	}
	free(s);
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		attune_warnx("%s: not a directory", dir);
		return -1;
	}
	return attune_dir_safe(dir, &st);
}

char *
attune_dir_file(const char *dir, const char *name)
{
	return join(dir, name);
}

void
attune_strv_free(char **v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}
