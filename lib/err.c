/* err.c: the one error path.  Messages go to stderr as "prog: message". */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune.h"

static const char *prog = "attune";

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

static void
vmsg(int errnum, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", prog);
	if (fmt != NULL)
		vfprintf(stderr, fmt, ap);
	if (errnum != 0)
		fprintf(stderr, "%s%s", fmt != NULL ? ": " : "", strerror(errnum));
	fputc('\n', stderr);
}

void
attune_vwarnx(const char *fmt, va_list ap)
{
	vmsg(0, fmt, ap);
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

void
attune_warn(const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vmsg(e, fmt, ap);
	va_end(ap);
}

void
attune_warnx(const char *fmt, ...)
{
	va_list ap;

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
