/*
 * fuzz.h: what the libFuzzer harnesses share.  fuzz_quiet sends what the
 * library says through stdio's stderr to /dev/null (unless FUZZ_VERBOSE
 * is set), keeping fd 2, where libFuzzer and the sanitizers report.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdio.h>
#include <stdlib.h>

static inline void
fuzz_quiet(void)
{
	FILE *null;

	if (getenv("FUZZ_VERBOSE") == NULL &&
	    (null = fopen("/dev/null", "w")) != NULL)
		stderr = null;
}

#endif
