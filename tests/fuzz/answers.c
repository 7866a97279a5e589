/*
 * answers.c: fuzz attune screen's --answers and --scores parser and its
 * --wording file reader (lib/screen.c), for every instrument.  Byte 0 of
 * the input picks the instrument and the mode; the rest is the value (or
 * the wording file).  What is accepted must score within the instrument;
 * what is refused must say why, and leave no wording behind.
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"
#include "fuzz.h"

static int	 fd = -1;
static char	 path[64];
static int	 ninstr;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_start("fuzz-answers", FUZZ_QUIET);
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
	struct attune_buf why = { 0 };
	int i;

	memset(&r, 0, sizeof r);
	r.in = in;
	if (attune_screen_values(in, scores ? "--scores" : "--answers", s,
	    scores, r.pos, &why) < 0) {
		/* refused, as a person would be told: in words */
		if (why.s == NULL || why.len == 0 || strlen(why.s) != why.len)
			abort();
		attune_buf_free(&why);
		return;
	}
	if (why.s != NULL)
		abort();
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
	static struct attune_wording w, zero;
	int i;

	if (ftruncate(fd, 0) < 0 ||
	    (size > 0 && pwrite(fd, data, size, 0) != (ssize_t)size))
		abort();
	if (attune_wording_load(path, in, &w) == 0) {
		for (i = 0; i < in->nitems; i++)
			if (w.text[i] == NULL || !attune_utf8_valid(w.text[i],
			    strlen(w.text[i])))
				abort();
	} else if (memcmp(&w, &zero, sizeof w) != 0)
		abort();	/* refused: nothing kept */
	attune_wording_free(&w);
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
