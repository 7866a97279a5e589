/* err.c: the one error path.  Messages go to stderr as "prog: message". */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"
#include "config.h"	/* ATTUNE_VERSION, ATTUNE_DATADIR, from config.mk */

static const char *prog = "attune";
static int hushed;	/* attune_warn, _warnx unsaid (attune_warn_hush) */

/* 1: warnings say nothing, for a second read of what was said once. */
void
attune_warn_hush(int on)
{
	hushed = on;
}

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
vmsg(int errnum, const char *fmt, va_list ap)
{
	char buf[4096];
	int n = 0;

	fflush(stdout);
	fprintf(stderr, "%s: ", prog);
	if (fmt != NULL && (n = vsnprintf(buf, sizeof buf, fmt, ap)) > 0)
		attune_put_safe(stderr, buf, (size_t)n < sizeof buf ? (size_t)n :
		    sizeof buf - 1);
	if (n >= (int)sizeof buf)
		fputs("...", stderr);
	if (errnum != 0)
		fprintf(stderr, "%s%s", fmt != NULL ? ": " : "", strerror(errnum));
	fputc('\n', stderr);
}

void
attune_vwarnx(const char *fmt, va_list ap)
{
	vmsg(0, fmt, ap);	/* a usage error comes this way: never hushed */
}

void
attune_err(int status, const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vmsg(e, fmt, ap);
	va_end(ap);
	exit(status);
}

void
attune_errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(0, fmt, ap);
	va_end(ap);
	exit(status);
}

/* End the program once a message (attune_warnx) has said why: every exit
 * after a message passes through this file. */
void
attune_quit(int status)
{
	exit(status);
}

void
attune_warn(const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	if (hushed)
		return;
	va_start(ap, fmt);
	vmsg(e, fmt, ap);
	va_end(ap);
}

void
attune_warnx(const char *fmt, ...)
{
	va_list ap;

	if (hushed)
		return;
	va_start(ap, fmt);
	vmsg(0, fmt, ap);
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
