/* err.c: the one error path.  Messages go to stderr as "prog: message". */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"
#include "config.h"	/* ATTUNE_VERSION, ATTUNE_DATADIR, from config.mk */

static const char *prog = "attune";
static enum attune_warn_way way;	/* where warnings go: attune_warn_way */
/* The warnings held since the first hold, whole lines in order: the first
 * nsaid bytes were said already (released), the rest wait. */
static char *held;
static size_t nsaid, nheld, capheld;
/* Where each line of held starts, by a hash of the line (open addressing,
 * 0 an empty slot, else the offset plus 1), so that whether a line was
 * held already is known at once, however many a damaged log brings. */
static size_t *lines, caplines, nlines;

void
attune_setprog(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	prog = slash != NULL ? slash + 1 : argv0;
}

const char *
attune_prog(void)
{
	return prog;
}

/*
 * A message may quote a file name or a value from a log, so it reaches
 * the terminal through attune_put_safe like any logged text: an escape
 * sequence in it is shown, never acted on.  (Values are quoted through
 * attune_safe_value already; this is the net under every message.)  It
 * is formatted on the stack, as it may say that memory ran out.
 */
static void
put_msg(FILE *f, int prefix, int errnum, const char *fmt, va_list ap)
{
	char buf[4096];
	int n = 0;

	if (prefix)
		fprintf(f, "%s: ", prog);
	if (fmt != NULL && (n = vsnprintf(buf, sizeof buf, fmt, ap)) > 0)
		attune_put_safe(f, buf, (size_t)n < sizeof buf ? (size_t)n :
		    sizeof buf - 1);
	if (n >= (int)sizeof buf)
		fputs("...", f);
	if (errnum != 0)
		fprintf(f, "%s%s", fmt != NULL ? ": " : "", strerror(errnum));
	fputc('\n', f);
}

static size_t
line_hash(const char *s, size_t n)
{
	size_t h = 2166136261u;

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* The slot of the line s[0..n) (its '\n' too) in lines: where it is, or
 * the empty one where it would go. */
static size_t
line_slot(const char *s, size_t n)
{
	size_t j = line_hash(s, n) & (caplines - 1), o;

	while ((o = lines[j]) != 0 && (nheld - (o - 1) < n ||
	    memcmp(held + o - 1, s, n) != 0))
		j = (j + 1) & (caplines - 1);
	return j;
}

/* The length of the line of held at off, its '\n' too. */
static size_t
line_len(size_t off)
{
	return (size_t)((char *)memchr(held + off, '\n', nheld - off) -
	    (held + off)) + 1;
}

/* Whether the line s[0..n) was held already, said since or waiting (a
 * message of more than one line never is). */
static int
held_already(const char *s, size_t n)
{
	return caplines > 0 && memchr(s, '\n', n) == s + n - 1 &&
	    lines[line_slot(s, n)] != 0;
}

/* Each line of held from off on, indexed; 0 if memory is short (then a
 * line held twice may be said twice, nothing worse). */
static int
index_lines(size_t off)
{
	size_t *was = lines, nwas = caplines, i, k, e;

	for (i = off; i < nheld; i = e) {
		for (e = i; held[e++] != '\n';)
			;
		if (2 * (nlines + 1) > caplines) {
			caplines = nwas > 0 ? nwas * 2 : 64;
			if ((lines = calloc(caplines, sizeof *lines)) == NULL) {
				lines = was, caplines = nwas;
				return 0;
			}
			for (k = 0; k < nwas; k++)
				if (was[k] != 0)
					lines[line_slot(held + was[k] - 1,
					    line_len(was[k] - 1))] = was[k];
			free(was);
			was = lines, nwas = caplines;
		}
		if (lines[k = line_slot(held + i, e - i)] == 0)
			lines[k] = i + 1, nlines++;
	}
	return 1;
}

/*
 * A warning, once something has been held: put at the end of held,
 * whole, as it would have been said, while they are held; and not said
 * at all if the very same line was held already (attune.conf or the
 * region read again says the same thing twice), nor then the lines more
 * of it.  0 if it is to be said now: not held, or memory is short.
 */
static int
hold(int prefix, int errnum, const char *fmt, va_list ap)
{
	static int dup;	/* the last line with the program's name was */
	char *s = NULL, *p;
	size_t n = 0, cap;
	FILE *f;

	if ((f = open_memstream(&s, &n)) == NULL)
		return 0;
	put_msg(f, prefix, errnum, fmt, ap);
	if (fclose(f) != 0) {
		free(s);
		return 0;
	}
	if (prefix)
		dup = held_already(s, n);
	if (dup || way != ATTUNE_WARN_HOLD) {
		free(s);
		return dup;
	}
	if (nheld + n > capheld) {
		cap = capheld * 2 > nheld + n ? capheld * 2 : nheld + n;
		if ((p = realloc(held, cap)) == NULL) {
			free(s);
			return 0;
		}
		held = p;
		capheld = cap;
	}
	memcpy(held + nheld, s, n);
	nheld += n;
	(void)index_lines(nheld - n);
	free(s);
	return 1;
}

/* A message, "prog: " first unless prefix is 0 (a line more of one);
 * warn 1 for a warning, which may be held, dropped or said once only. */
static void
vmsg(int warn, int prefix, int errnum, const char *fmt, va_list ap)
{
	va_list aq;
	int done;

	if (warn && way == ATTUNE_WARN_DROP)
		return;
	if (warn && (way == ATTUNE_WARN_HOLD || nheld > 0)) {
		va_copy(aq, ap);
		done = hold(prefix, errnum, fmt, aq);
		va_end(aq);
		if (done)
			return;
	}
	attune_warn_release();	/* said now, after what waits */
	fflush(stdout);
	put_msg(stderr, prefix, errnum, fmt, ap);
}

static void
msg(int prefix, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(0, prefix, 0, fmt, ap);
	va_end(ap);
}

/* At the exit: what waits is said, and the record of it goes. */
static void
warn_end(void)
{
	attune_warn_release();
	free(held);
	held = NULL;
	nsaid = nheld = capheld = 0;
	free(lines);
	lines = NULL;
	caplines = nlines = 0;
}

/*
 * The one way warnings (attune_warn, _warnx, _warn_more) are kept back;
 * errors and usage errors are never kept, and say what is held first.
 * Crisis lines come before any other message: a command that can show
 * them only once it has read attune.conf, the region or the logs holds
 * the warnings met on the way (ATTUNE_WARN_HOLD) and releases them once
 * the lines are shown, or once it knows none are due.  Each is said
 * then, in the order met, and once in the whole run: the same line met
 * again, held or said since, is not said again.  None is lost: an
 * error, a usage error, attune_finish and the exit release them first.
 * A second read of logs whose warnings the run says itself, or has said,
 * drops them (ATTUNE_WARN_DROP).  The way before is returned, to go back
 * to.
 */
enum attune_warn_way
attune_warn_way(enum attune_warn_way w)
{
	static int registered;
	enum attune_warn_way was = way;

	if (w == ATTUNE_WARN_HOLD && !registered)
		registered = atexit(warn_end) == 0;
	way = w != ATTUNE_WARN_HOLD || registered ? w : ATTUNE_WARN_SAY;
	return was;
}

/* Say what is held, in order, and say warnings at once from now on. */
void
attune_warn_release(void)
{
	if (way == ATTUNE_WARN_HOLD)
		way = ATTUNE_WARN_SAY;
	if (nheld > nsaid) {
		fflush(stdout);
		fwrite(held + nsaid, 1, nheld - nsaid, stderr);
		fflush(stderr);
		nsaid = nheld;
	}
}

/*
 * The words of a usage error, the last said (opt.c ends the program
 * after them): what is held comes before them, they are never kept back, and
 * hint, unless NULL, follows as a line of its own, unprefixed.
 */
void
attune_vusage(const char *hint, const char *fmt, va_list ap)
{
	vmsg(0, 1, 0, fmt, ap);
	if (hint != NULL)
		msg(0, "%s", hint);
}

/* attune_warnx, its arguments in a va_list. */
void
attune_vwarnx(const char *fmt, va_list ap)
{
	vmsg(1, 1, 0, fmt, ap);
}

/*
 * A line more for what was just said, without the program's name: a
 * hint, a list.  Held or dropped like attune_warnx, and shown safely like
 * every message, as it may quote the logs.
 */
void
attune_warn_more(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(1, 0, 0, fmt, ap);
	va_end(ap);
}

void
attune_err(int status, const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vmsg(0, 1, e, fmt, ap);
	va_end(ap);
	exit(status);
}

void
attune_errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(0, 1, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

/* End the program once a message (attune_warnx) has said why: every exit
 * after a message passes through this file. */
void
attune_quit(int status)
{
	attune_warn_release();
	exit(status);
}

void
attune_warn(const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vmsg(1, 1, e, fmt, ap);
	va_end(ap);
}

void
attune_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	attune_vwarnx(fmt, ap);
	va_end(ap);
}

/*
 * A line for the person at a prompt (the list they choose from), on
 * stderr with the questions: unprefixed, shown safely like every
 * message, and said at once, never held or hushed, as they are being
 * asked now.
 */
void
attune_say(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	put_msg(stderr, 0, 0, fmt, ap);
	va_end(ap);
}

void *
attune_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		attune_err(ATTUNE_FAIL, "out of memory");
	return p;
}

void *
attune_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		attune_err(ATTUNE_FAIL, "out of memory");
	return p;
}

void *
attune_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		attune_err(ATTUNE_FAIL, "out of memory");
	return p;
}

void *
attune_xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size) {
		errno = ENOMEM;
		attune_err(ATTUNE_FAIL, "out of memory");
	}
	return attune_xrealloc(p, n * size);
}

char *
attune_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(attune_xmalloc(n), s, n);
}

/*
 * Every command ends here, so that "attune-report > /full/disk" fails
 * loudly instead of losing the report without a word.
 */
int
attune_finish(int status)
{
	attune_warn_release();
	if (fflush(stdout) == EOF || ferror(stdout)) {
		attune_warn("cannot write to standard output");
		return ATTUNE_FAIL;
	}
	return status;
}

/* -V, --version: "NAME VERSION", the program's own name as written in
 * the source, so that a renamed or linked program says the same. */
void
attune_version(const char *name)
{
	printf("%s %s\n", name, ATTUNE_VERSION);
	exit(attune_finish(ATTUNE_OK));
}
