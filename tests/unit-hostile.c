/*
 * unit-hostile.c: inputs that once broke, or could break, the parsers:
 * each crash or wrong answer the fuzzers (tests/fuzz) found is kept here
 * as a plain test, and so are the hostile shapes a log may take.
 */
#include <stdlib.h>
#include <string.h>

#include "attune.h"
#include "tap.h"

/* Format a time and parse it back: the same time, offset included. */
static int
round_trips(const struct attune_time *t)
{
	struct attune_time u;
	char buf[32];

	attune_time_format(t, buf);
	return attune_time_iso(buf, strlen(buf), &u) == 0 &&
	    u.days == t->days && u.sec == t->sec && u.off == t->off;
}

static void
test_time(void)
{
	struct attune_time t;
	const char *why = NULL;

	/* fuzz time: London's local mean time in year 1 is -00:01:15; an
	 * offset with seconds cannot be written, so it was written as
	 * -00:01 and read back as another time. */
	ok(attune_time_user("0001-01-01", &t, &why) == 0, "year 1 is a date");
	ok(t.off % 60 == 0, "a local offset is whole minutes (%d s)", t.off);
	ok(round_trips(&t), "year 1 at noon formats and parses back");
	ok(attune_time_user("1800-06-01T10:00", &t, &why) == 0 &&
	    round_trips(&t), "1800 (local mean time) formats and parses back");
}

int
main(void)
{
	setenv("TZ", "Europe/London", 1);
	setenv("ATTUNE_NOW", "2026-11-22T21:04:00+00:00", 1);
	attune_setprog("unit-hostile");
	test_time();
	return tap_done();
}
