/*
 * opt.c: fuzz the option-value parsers (attune_parse_int, _tenths,
 * _words, the name check of --who) with a reference for each: what they
 * accept must be what a careful reading of the value says.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"
#include "fuzz.h"

FUZZ_INITIALIZE("fuzz-opt", 0)

static int
digits(const char *s)
{
	return *s != '\0' && strspn(s, "0123456789") == strlen(s);
}

static void
words(const char *s, const char *const *w, int nw)
{
	unsigned acc = 0, before;
	const char *bad = NULL;
	size_t badlen = 0;

	if (attune_parse_words(s, w, &acc, &bad, &badlen) == 0) {
		if (nw < 32 && acc >> nw != 0)
			abort();
		/* The same again adds nothing new. */
		before = acc;
		if (attune_parse_words(s, w, &acc, &bad, &badlen) != 0 ||
		    acc != before)
			abort();
	} else {
		if (acc != 0 || bad < s || bad + badlen > s + strlen(s) ||
		    attune_word_index(w, bad, badlen) >= 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	int v, r, nd, nf;

	memcpy(s, data, size);
	s[size] = '\0';

	v = -99;
	r = attune_parse_int(s, 0, 10, &v);
	if (r == 0 && (v < 0 || v > 10))
		abort();
	if (digits(s) && strlen(s) < 9 && r != (atoi(s) <= 10 ? 0 : -2))
		abort();
	if (r == 0 && digits(s) && strlen(s) < 9 && v != atoi(s))
		abort();
	r = attune_parse_int(s, -5, 100000, &v);

	v = -99;
	r = attune_parse_tenths(s, 0, 240, &v);
	if (r == 0 && (v < 0 || v > 240))
		abort();
	if (r == 0) {
		/* Digits, then at most one decimal. */
		const char *dot = strchr(s, '.');
		if (dot != NULL ? strlen(dot) > 2 : !digits(s))
			abort();
	}

	for (nd = 0; attune_did_words[nd] != NULL; nd++)
		;
	for (nf = 0; attune_flag_words[nf] != NULL; nf++)
		;
	words(s, attune_did_words, nd);
	words(s, attune_flag_words, nf);

	if (attune_who_valid((const char *)data, size)) {
		/* 64 characters at most, of up to four bytes each. */
		if (size == 0 || size > 4 * 64 ||
		    memchr(data, '\0', size) != NULL ||
		    !attune_utf8_valid((const char *)data, size))
			abort();
	}
	free(s);
	return 0;
}
