/*
 * dir.c: where the logs live.  The data directory is --dir, else
 * $ATTUNE_DIR, else $XDG_DATA_HOME/attune, else ~/.local/share/attune.
 * It is created mode 0700; nothing is written outside it unless asked.
 */
#include <sys/stat.h>

#include <errno.h>
#include <glob.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune.h"

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

char *
attune_dir_resolve(const char *opt)
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
			attune_errx(ATTUNE_FAIL, "cannot tell where your home "
			    "directory is; set ATTUNE_DIR or use --dir");
		e = pw->pw_dir;
	}
	return join(e, ".local/share/attune");
}

/*
 * Make the data directory and any missing parents, each mode 0700.  An
 * existing directory that others can read earns a warning, not a change:
 * the person may have chosen it.
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
	return 0;
}

char *
attune_dir_file(const char *dir, const char *name)
{
	return join(dir, name);
}

/*
 * The logs of one kind in the data directory: the archives base*.csv.gz
 * (oldest name first) and then the live base.csv, those that exist.
 */
char **
attune_dir_logs(const char *dir, const char *base)
{
	struct attune_buf pat = { 0 };
	glob_t g;
	char **v, *live;
	size_t i, n = 0;

	attune_buf_printf(&pat, "%s/%s*.csv.gz", dir, base);
	memset(&g, 0, sizeof g);
	if (glob(pat.s, 0, NULL, &g) != 0)
		g.gl_pathc = 0;
	v = attune_xcalloc(g.gl_pathc + 2, sizeof *v);
	for (i = 0; i < g.gl_pathc; i++)
		v[n++] = attune_xstrdup(g.gl_pathv[i]);
	globfree(&g);
	attune_buf_free(&pat);
	/* An archive run stopped half way: read what it committed. */
	v = attune_archive_view(dir, base, v, &n);
	attune_buf_printf(&pat, "%s.csv", base);
	live = join(dir, pat.s);
	attune_buf_free(&pat);
	if (access(live, F_OK) == 0)
		v[n++] = live;
	else
		free(live);
	v[n] = NULL;
	return v;
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
