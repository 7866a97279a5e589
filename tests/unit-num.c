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

static void
test_int(void)
{
	int v = -7;

	is_int(attune_parse_int("5", 0, 10, &v), 0, "5 in 0..10");
	is_int(v, 5, "is 5");
	is_int(attune_parse_int("+5", 0, 10, &v), 0, "a plus sign is taken");
	is_int(attune_parse_int("-1", 0, 10, &v), -2, "-1 is out of range");
	is_int(attune_parse_int("11", 0, 10, &v), -2, "11 is out of range");
	is_int(attune_parse_int(" 5", 0, 10, &v), -1, "a leading space is not");
	is_int(attune_parse_int("5 ", 0, 10, &v), -1, "nor a trailing one");
	is_int(attune_parse_int("", 0, 10, &v), -1, "nor nothing");
	is_int(attune_parse_int("5x", 0, 10, &v), -1, "nor 5x");
	is_int(attune_parse_int("99999999999999999999", 0, 10, &v), -1,
	    "a number past long is not well formed");
	is_int(v, 5, "a refusal leaves the value");
}

static void
test_tenths(void)
{
	int v = -7;

	is_int(attune_parse_tenths("7.5", 0, 240, &v), 0, "7.5");
	is_int(v, 75, "is 75 tenths");
	is_int(attune_parse_tenths("7", 0, 240, &v), 0, "7");
	is_int(v, 70, "is 70");
	is_int(attune_parse_tenths("7.", 0, 240, &v), 0, "7. is 7");
	is_int(v, 70, "is 70");
	is_int(attune_parse_tenths(".5", 0, 240, &v), 0, ".5");
	is_int(v, 5, "is 5");
	is_int(attune_parse_tenths("7.55", 0, 240, &v), -1, "two decimals not");
	is_int(attune_parse_tenths(".", 0, 240, &v), -1, "a point alone not");
	is_int(attune_parse_tenths("25", 0, 240, &v), -2, "25 > 24.0");
	is_int(attune_parse_tenths("1234567", 0, 240, &v), -1,
	    "seven digits are not well formed");
	is_int(attune_parse_tenths("-1", 0, 240, &v), -1, "no sign");
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
