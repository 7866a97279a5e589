/*
 * unit-num: lib/num.c, the one number parser.  What each form accepts and
 * refuses is the contract of every option, answer and log field that
 * reads a number, so each edge is pinned here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"
#include "test.h"

static void
test_num(void)
{
	const char *s = "2026-W47", *end;

	is_int(attune_num(s, &end), 2026, "a year at the start");
	is_int(end - s, 4, "and where it stopped");
	is_int(attune_num("W47", &end), 0, "no digits is 0");
	ok(strcmp(end, "W47") == 0, "and end is where it began");
	is_int(attune_num(" -3:2", &end), -3, "spaces and a sign, as strtol");
	ok(*end == ':', "stops at the colon");
	is_int((int)attune_num("12=x", NULL), 12, "end may be NULL");
}

static void
test_digits(void)
{
	int v;

	is_int(attune_num_digits("12345", 5, 4, &v), 4, "at most max digits");
	is_int(v, 1234, "and their value");
	is_int(attune_num_digits("987", 2, 6, &v), 2, "never past n bytes");
	is_int(v, 98, "value of those");
	is_int(attune_num_digits(".5", 2, 4, &v), 0, "none before a point");
	is_int(v, 0, "is 0");
}

/*
 * A number as typed, what the parser returns for it, and, where vwhat is
 * given, the value it then holds (a refusal leaves the one before).
 */
struct num_case {
	const char *in;
	int rc;
	const char *what;
	int v;
	const char *vwhat;
};

static void
num_cases(int (*parse)(const char *, int, int, int *), int min, int max,
    const struct num_case *c, size_t n)
{
	size_t i;
	int v = -7;

	for (i = 0; i < n; i++) {
		is_int(parse(c[i].in, min, max, &v), c[i].rc, "%s", c[i].what);
		if (c[i].vwhat != NULL)
			is_int(v, c[i].v, "%s", c[i].vwhat);
	}
}

static const struct num_case ints[] = {
	{ "5", 0, "5 in 0..10", 5, "is 5" },
	{ "+5", 0, "a plus sign is taken", 0, NULL },
	{ "-1", -2, "-1 is out of range", 0, NULL },
	{ "11", -2, "11 is out of range", 0, NULL },
	{ " 5", -1, "a leading space is not", 0, NULL },
	{ "5 ", -1, "nor a trailing one", 0, NULL },
	{ "", -1, "nor nothing", 0, NULL },
	{ "5x", -1, "nor 5x", 0, NULL },
	{ "99999999999999999999", -1, "a number past long is not well formed",
	    5, "a refusal leaves the value" },
};

static void
test_int(void)
{
	num_cases(attune_parse_int, 0, 10, ints, sizeof ints / sizeof ints[0]);
}

static const struct num_case tenths[] = {
	{ "7.5", 0, "7.5", 75, "is 75 tenths" },
	{ "7", 0, "7", 70, "is 70" },
	{ "7.", 0, "7. is 7", 70, "is 70" },
	{ ".5", 0, ".5", 5, "is 5" },
	{ "7.55", -1, "two decimals not", 0, NULL },
	{ ".", -1, "a point alone not", 0, NULL },
	{ "25", -2, "25 > 24.0", 0, NULL },
	{ "1234567", -1, "seven digits are not well formed", 0, NULL },
	{ "-1", -1, "no sign", 0, NULL },
};

static void
test_tenths(void)
{
	num_cases(attune_parse_tenths, 0, 240, tenths,
	    sizeof tenths / sizeof tenths[0]);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	attune_setprog("unit-num");
	test_num();
	test_digits();
	test_int();
	test_tenths();
	return tap_done();
}
