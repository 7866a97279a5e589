/*
 * fuzz.h: what the libFuzzer harnesses share.  fuzz_start names the
 * program and sets the world a harness asks for: FUZZ_QUIET sends what the
 * library says through stdio's stderr to /dev/null (unless FUZZ_VERBOSE
 * is set), keeping fd 2, where libFuzzer and the sanitizers report;
 * FUZZ_LONDON sets TZ=Europe/London; FUZZ_NOW fixes ATTUNE_NOW at
 * 2026-11-22T21:04:00+00:00.  FUZZ_INITIALIZE is the whole
 * LLVMFuzzerInitialize of a harness that needs nothing more.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdio.h>
#include <stdlib.h>

#define FUZZ_QUIET	1
#define FUZZ_LONDON	2
#define FUZZ_NOW	4

static inline void
fuzz_start(const char *prog, int what)
{
	FILE *null;

	attune_setprog(prog);
	if (what & FUZZ_LONDON)
		setenv("TZ", "Europe/London", 1);
	if (what & FUZZ_NOW)
		setenv("ATTUNE_NOW", "2026-11-22T21:04:00+00:00", 1);
	if ((what & FUZZ_QUIET) && getenv("FUZZ_VERBOSE") == NULL &&
	    (null = fopen("/dev/null", "w")) != NULL)
		stderr = null;
}

#define FUZZ_INITIALIZE(prog, what)					\
int									\
LLVMFuzzerInitialize(int *argc, char ***argv)				\
{									\
	(void)argc;							\
	(void)argv;							\
	fuzz_start((prog), (what));					\
	return 0;							\
}

#endif
