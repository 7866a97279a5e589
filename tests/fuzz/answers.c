/*
 * answers.c: fuzz attune screen's --answers and --scores parser and its
 * --wording file reader, for every instrument.  They live in bin/screen.c
 * and end the program on bad input, so this includes that file with its
 * main renamed and each way out turned into a jump back here.  Byte 0 of
 * the input picks the instrument and the mode; the rest is the value (or
 * the wording file).  What is accepted must score within the instrument.
 */
#include <sys/mman.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune.h"

static jmp_buf	 out;
static struct attune_csv *open_csv;	/* for the jump to close */

void	 fuzz_exit(int) __attribute__((noreturn));
void	 fuzz_usage_error(const char *, ...)
	    __attribute__((noreturn, format(printf, 1, 2)));
void	 fuzz_errx(int, const char *, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));
struct attune_csv *fuzz_csv_open(const char *, const char *const *, int);
int	 fuzz_csv_close(struct attune_csv *);

#define exit(s)			fuzz_exit(s)
#define attune_usage_error	fuzz_usage_error
#define attune_errx		fuzz_errx
#define attune_csv_open		fuzz_csv_open
#define attune_csv_close	fuzz_csv_close
#define main			screen_main
#include "../../bin/screen.c"
#undef main
#undef exit
#undef attune_csv_open
#undef attune_csv_close

void
fuzz_exit(int status)
{
	(void)status;
	longjmp(out, 1);
}

void
fuzz_usage_error(const char *fmt, ...)
{
	(void)fmt;
	longjmp(out, 2);
}

void
fuzz_errx(int status, const char *fmt, ...)
{
	(void)status;
	(void)fmt;
	longjmp(out, 3);
}

struct attune_csv *
fuzz_csv_open(const char *p, const char *const *cols, int flags)
{
	return open_csv = attune_csv_open(p, cols, flags);
}

int
fuzz_csv_close(struct attune_csv *c)
{
	if (c == open_csv)
		open_csv = NULL;
	return attune_csv_close(c);
}

static int	 fd = -1;
static char	 path[64];
static int	 ninstr;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	FILE *null;

	(void)argc;
	(void)argv;
	attune_setprog("fuzz-answers");
	if (getenv("FUZZ_VERBOSE") == NULL &&
	    (null = fopen("/dev/null", "w")) != NULL)
		stderr = null;
	if ((fd = memfd_create("wording", 0)) < 0)
		abort();
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	while (attune_instruments[ninstr] != NULL)
		ninstr++;
	return 0;
}

static void
values(const struct attune_instrument *in, const char *s, int scores)
{
	static struct attune_result r;
	int i;

	memset(&r, 0, sizeof r);
	r.in = in;
	if (setjmp(out) != 0)
		return;		/* refused, as a person would be told */
	parse_values(in, scores ? "--scores" : "--answers", s, scores, r.pos);
	for (i = 0; i < in->nitems; i++)
		if (r.pos[i] < 1 || r.pos[i] > in->nopts)
			abort();
	attune_score(&r);
	if (r.total < 0 || r.total > r.max || r.max > attune_points_max(in) *
	    in->nitems)
		abort();
}

static void
wording(const struct attune_instrument *in, const uint8_t *data,
    size_t size)
{
	static struct wording w;
	int i, k;

	if (ftruncate(fd, 0) < 0 ||
	    (size > 0 && pwrite(fd, data, size, 0) != (ssize_t)size))
		abort();
	if (setjmp(out) == 0) {
		load_wording(path, in, &w);
		for (i = 0; i < in->nitems; i++)
			if (w.text[i] == NULL || !attune_utf8_valid(w.text[i],
			    strlen(w.text[i])))
				abort();
	} else if (open_csv != NULL) {
		attune_csv_close(open_csv);	/* the exit would have */
		open_csv = NULL;
	}
	free(w.instruction);
	for (i = 0; i < ATTUNE_MAXITEMS; i++) {
		free(w.text[i]);
		for (k = 0; k < ATTUNE_MAXOPTS; k++)
			free(w.opt[i][k]);
	}
	memset(&w, 0, sizeof w);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct attune_instrument *in;
	char *s;

	if (size == 0)
		return 0;
	in = attune_instruments[data[0] % ninstr];
	switch (data[0] / ninstr % 3) {
	case 0:
	case 1:
		s = malloc(size);
		memcpy(s, data + 1, size - 1);
		s[size - 1] = '\0';
		values(in, s, data[0] / ninstr % 3);
		free(s);
		break;
	default:
		wording(in, data + 1, size - 1);
	}
	return 0;
}
