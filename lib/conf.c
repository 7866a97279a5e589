/*
 * conf.c: attune.conf, the settings that stick, in the data directory.
 * One "key = value" a line; "#" starts a comment; blank lines are fine.
 * Options and the environment come first; the file only fills in what
 * neither gave (attune-log(5)).  A line attune cannot use is warned about,
 * naming the file and the line, and the rest of the file still counts.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"

/* A warning, held with the others while the crisis lines may be due
 * (attune_warn_way).  Past the 4096 bytes err.c says, it ends "...". */
static void
say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	attune_vwarnx(fmt, ap);
	va_end(ap);
}

static void
sayerr(const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	attune_warnx("%s: %s", msg, strerror(e));
}

static const char *const keys[] = { "region", "who", "birth", "children",
	NULL };

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	for (e = s + strlen(s); e > s && isspace((unsigned char)e[-1]); e--)
		;
	*e = '\0';
	return s;
}

/* YYYY-MM-DD exactly, a real date: its day, or INT64_MIN. */
static int64_t
strict_date(const char *s)
{
	struct attune_time t;

	if (strlen(s) != 10 || attune_time_iso(s, 10, &t) < 0)
		return INT64_MIN;
	return t.days;
}

static void
setting(struct attune_conf *c, const char *path, long line, char *key,
    char *val)
{
	const char *why, *near;
	int64_t d;
	int k, n;

	if ((k = attune_word_index(keys, key, strlen(key))) < 0) {
		for (n = 0; key[n] != '\0'; n++)
			key[n] = (char)tolower((unsigned char)key[n]);
		k = attune_word_index(keys, key, strlen(key));
	}
	switch (k) {
	case 0:
		if ((why = attune_region_why(val)) != NULL) {
			say("%s:%ld: region '%s' %s; it is left out", path,
			    line, val, why);
			return;
		}
		free(c->region);
		c->region = attune_xstrdup(val);
		return;
	case 1:
		if ((why = attune_who_why(val, strlen(val))) != NULL) {
			say("%s:%ld: who '%s' %s", path, line, val, why);
			return;
		}
		free(c->who);
		c->who = attune_xstrdup(val);
		return;
	case 2:
		if ((d = strict_date(val)) == INT64_MIN) {
			say("%s:%ld: birth '%s' is not a date; write "
			    "it as YYYY-MM-DD, like 2026-05-01", path, line,
			    val);
			return;
		}
		c->birth = d;
		return;
	case 3:
		if (attune_parse_int(val, 1, 30, &n) < 0) {
			say("%s:%ld: children '%s' is not a count; "
			    "use a whole number from 1 to 30", path, line, val);
			return;
		}
		c->children = n;
		return;
	}
	near = attune_suggest(key, keys);
	if (near != NULL)
		say("%s:%ld: '%s' is not a setting; did you mean "
		    "'%s'?", path, line, key, near);
	else
		say("%s:%ld: '%s' is not a setting; use region, who, "
		    "birth or children", path, line, key);
}

int
attune_conf_load(const char *dir, struct attune_conf *c)
{
	char *path, *line = NULL, *p, *eq;
	size_t cap = 0;
	ssize_t len;
	long n = 0;
	FILE *f;
	int rc = 0;

	c->region = c->who = NULL;
	c->birth = INT64_MIN;
	c->children = 0;
	if (dir == NULL)
		return 0;	/* no data directory to find: no settings */
	path = attune_dir_file(dir, "attune.conf");
	if ((f = fopen(path, "r")) == NULL) {
		if (errno != ENOENT && errno != ENOTDIR) {
			sayerr("%s: cannot read the settings; going on "
			    "without them", path);
			rc = -1;
		}
		free(path);
		return rc;
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		n++;
		if (len > 0 && memchr(line, '\0', (size_t)len) != NULL) {
			say("%s:%ld: this line holds a NUL byte; it "
			    "is left out", path, n);
			continue;
		}
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		p = trim(line);
		if (*p == '\0')
			continue;
		if ((eq = strchr(p, '=')) == NULL) {
			say("%s:%ld: '%.60s' is not a setting; write "
			    "it as key = value, like: region = GB", path, n, p);
			continue;
		}
		*eq = '\0';
		setting(c, path, n, trim(p), trim(eq + 1));
	}
	if (ferror(f)) {
		sayerr("%s: cannot read the settings; going on without "
		    "the rest", path);
		rc = -1;
	}
	fclose(f);
	free(line);
	free(path);
	return rc;
}

void
attune_conf_free(struct attune_conf *c)
{
	free(c->region);
	free(c->who);
	c->region = c->who = NULL;
}

/*
 * The settings the defaults come from: read once, from --dir when the
 * command said so with attune_conf_dir, else from where attune_dir_find
 * looks.  Read lazily, so a command that needs no default never opens it.
 * With no home to find the data directory in there are none, and nothing
 * is said: what needs the directory itself says so (attune_dir_resolve),
 * after the options are checked, so that a bad one is still refused as
 * one (exit 2).
 */
static char *confdir;	/* NULL: no data directory could be found */
static int placed;	/* 1: confdir says where */
static struct attune_conf conf;
static int loaded;	/* 1: read (its warnings said, or held: err.c) */

void
attune_conf_dir(const char *dirflag)
{
	char *d = attune_dir_find(dirflag);

	if (placed && (d == confdir || (d != NULL && confdir != NULL &&
	    strcmp(d, confdir) == 0))) {
		free(d);	/* the same place: read once still */
		return;
	}
	free(confdir);
	confdir = d;
	placed = 1;
	if (loaded) {
		attune_conf_free(&conf);
		loaded = 0;
	}
}

const struct attune_conf *
attune_conf_default(void)
{
	if (!loaded) {
		if (!placed)
			attune_conf_dir(NULL);
		attune_conf_load(confdir, &conf);
		loaded = 1;
	}
	return &conf;
}
