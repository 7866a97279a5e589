/*
 * unit-time: lib/time.c against dates whose answers are known: ISO weeks
 * across year ends, leap days, daylight saving changes in Europe/London,
 * and the words a person types for --time.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "attune_priv.h"
#include "test.h"

static int64_t
day(int y, int m, int d)
{
	return attune_days_from_civil(y, m, d);
}

static const char *
fmt(const struct attune_time *t)
{
	static char buf[32];

	attune_time_format(t, buf);
	return buf;
}

static const char *
iso(const char *s)
{
	struct attune_time t;

	if (attune_time_iso(s, strlen(s), &t) < 0)
		return "ERROR";
	return fmt(&t);
}

/* Dates and times attune_time_iso reads, or refuses (ERROR). */
static const struct str_case isos[] = {
	{ "2024-02-29", "2024-02-29T00:00:00", "a leap day" },
	{ "2023-02-29", "ERROR", "no leap day in 2023" },
	{ "2100-02-29", "ERROR", "no leap day in 2100" },
	{ "2000-02-29", "2000-02-29T00:00:00", "a leap day in 2000" },
	{ "2026-04-31", "ERROR", "no 31 April" },
	{ "2026-13-01", "ERROR", "no month 13" },
	{ "2026-00-10", "ERROR", "no month 0" },
	{ "2026-01-00", "ERROR", "no day 0" },
	{ "0000-01-01", "ERROR", "no year 0" },
	{ "2026-11-22T24:00", "ERROR", "no hour 24" },
	{ "2026-11-22T23:60", "ERROR", "no minute 60" },
	{ "2026-11-22T23:59:61", "ERROR", "no second 61" },
	/* A leap second is kept within its minute. */
	{ "2026-11-22T23:59:60Z", "2026-11-22T23:59:59+00:00", "leap second" },
	{ "2026-11-22T", "ERROR", "a T with nothing after" },
	{ "2026-11-22T21", "ERROR", "an hour alone" },
	{ "2026-11-22T21:04:05.", "ERROR", "a point with no fraction" },
	{ "2026-11-22T21:04+19:00", "ERROR", "an offset past 18 hours" },
	{ "2026-11-22T21:04+01:60", "ERROR", "an offset with 60 minutes" },
	{ "2026-11-22T21:04+01:", "ERROR", "an offset ending in a colon" },
	{ "2026-11-22T21:04+1", "ERROR", "an offset of one digit" },
	{ "2026-11-22T21:04Zx", "ERROR", "text after Z" },
	{ "2026-11-22x", "ERROR", "text after a date" },
	{ "26-11-22", "ERROR", "a two-digit year" },
	{ "2026/11/22", "ERROR", "slashes" },
	{ "2026-1-2", "ERROR", "one-digit month and day" },
	{ "", "ERROR", "empty" },
	{ "today", "ERROR", "words are not ISO 8601" },
	{ "2026-11-22T23:59:60.5+01:00", "2026-11-22T23:59:59+01:00",
	    "a leap second with a fraction and an offset" },
	{ "2026-11-22T23:59:60,25Z", "2026-11-22T23:59:59+00:00",
	    "a comma before the fraction" },
	{ "2026-11-22T00:00:00Z", "2026-11-22T00:00:00+00:00", "midnight" },
	{ "2026-11-22T9:05Z", "ERROR", "two hour digits" },
	{ "2026-11-22T21:04:05,", "ERROR", "a comma with no fraction" },
};

static void
test_civil(void)
{
	int64_t d;
	int y, m, dd, bad = 0;

	is_int(day(1970, 1, 1), 0, "1970-01-01 is day 0");
	is_int(day(1969, 12, 31), -1, "1969-12-31 is day -1");
	is_int(day(2000, 3, 1), 11017, "2000-03-01 is day 11017");
	is_int(day(2026, 11, 22), 20779, "2026-11-22 is day 20779");
	is_int(day(2024, 3, 1) - day(2024, 2, 28), 2, "2024 has a leap day");
	is_int(day(2023, 3, 1) - day(2023, 2, 28), 1, "2023 does not");
	is_int(day(2000, 3, 1) - day(2000, 2, 28), 2, "2000 has one (div by 400)");
	is_int(day(2100, 3, 1) - day(2100, 2, 28), 1, "2100 does not (div by 100)");
	for (d = day(1899, 1, 1); d < day(2101, 1, 1); d++) {
		attune_civil_from_days(d, &y, &m, &dd);
		if (day(y, m, dd) != d)
			bad++;
	}
	is_int(bad, 0, "civil dates and day numbers agree for 200 years");
	is_int(attune_weekday(day(2026, 11, 22)), 7, "2026-11-22 is a Sunday");
	is_int(attune_weekday(day(2026, 11, 23)), 1, "2026-11-23 is a Monday");
	is_int(attune_weekday(day(1970, 1, 1)), 4, "1970-01-01 was a Thursday");
	is_int(attune_weekday(day(1969, 12, 29)), 1, "1969-12-29 was a Monday");
	is_int(attune_weekday(day(2000, 2, 29)), 2, "2000-02-29 was a Tuesday");
}

static void
week(int y, int m, int d, int wy, int ww)
{
	int year = 0, w = attune_iso_week(day(y, m, d), &year);

	ok(year == wy && w == ww, "%04d-%02d-%02d is %04d-W%02d", y, m, d, wy, ww);
	if (year != wy || w != ww)
		printf("#   got %04d-W%02d\n", year, w);
}

/* Days and the ISO week each falls in (year, month, day; year, week). */
static const int weeks[][5] = {
	{ 2020, 12, 31, 2020, 53 },
	{ 2021, 1, 3, 2020, 53 },
	{ 2021, 1, 4, 2021, 1 },
	{ 2024, 12, 29, 2024, 52 },
	{ 2024, 12, 30, 2025, 1 },
	{ 2025, 1, 1, 2025, 1 },
	{ 2026, 12, 28, 2026, 53 },
	{ 2026, 12, 29, 2026, 53 },
	{ 2026, 12, 30, 2026, 53 },
	{ 2026, 12, 31, 2026, 53 },
	{ 2027, 1, 1, 2026, 53 },
	{ 2027, 1, 2, 2026, 53 },
	{ 2027, 1, 3, 2026, 53 },
	{ 2027, 1, 4, 2027, 1 },
	{ 2026, 11, 22, 2026, 47 },
	{ 2026, 11, 23, 2026, 48 },
	{ 2026, 3, 29, 2026, 13 },	/* the day the clocks go forward */
	{ 2026, 3, 30, 2026, 14 },
	{ 2026, 10, 25, 2026, 43 },	/* the day they go back */
	{ 2026, 10, 26, 2026, 44 },
	{ 2024, 2, 29, 2024, 9 },
	{ 2008, 12, 29, 2009, 1 },
	{ 2010, 1, 3, 2009, 53 },
	{ 1970, 1, 1, 1970, 1 },
};

static void
test_weeks(void)
{
	int64_t d, mon;
	int wy, w, bad = 0;
	size_t i;

	for (i = 0; i < sizeof weeks / sizeof weeks[0]; i++)
		week(weeks[i][0], weeks[i][1], weeks[i][2], weeks[i][3],
		    weeks[i][4]);

	is_int(attune_iso_week_monday(2026, 53), day(2026, 12, 28),
	    "the Monday of 2026-W53 is 2026-12-28");
	is_int(attune_iso_week_monday(2025, 1), day(2024, 12, 30),
	    "the Monday of 2025-W01 is 2024-12-30");
	is_int(attune_iso_week_monday(2020, 53), day(2020, 12, 28),
	    "the Monday of 2020-W53 is 2020-12-28");
	for (d = day(1990, 1, 1); d < day(2060, 1, 1); d++) {
		w = attune_iso_week(d, &wy);
		mon = attune_iso_week_monday(wy, w);
		if (d - mon < 0 || d - mon > 6 || attune_weekday(mon) != 1 ||
		    w < 1 || w > 53)
			bad++;
	}
	is_int(bad, 0, "every day of 70 years lies in the week its Monday starts");
}

static void
test_iso(void)
{
	struct attune_time t;

	is_str(iso("2026-11-22T21:04:00+01:00"), "2026-11-22T21:04:00+01:00",
	    "a full timestamp reads and writes back the same");
	is_str(iso("2026-11-22T21:04:00-05:30"), "2026-11-22T21:04:00-05:30",
	    "a negative offset with minutes");
	is_str(iso("2026-11-22T21:04Z"), "2026-11-22T21:04:00+00:00", "Z is +00:00");
	is_str(iso("2026-11-22 21:04:07+0100"), "2026-11-22T21:04:07+01:00",
	    "a space and an offset without a colon");
	is_str(iso("2026-11-22T21:04:07.123+01"), "2026-11-22T21:04:07+01:00",
	    "fractions of a second, an offset in hours");
	is_str(iso("2026-11-22T21:04"), "2026-11-22T21:04:00",
	    "no offset written: none given");
	ok(attune_time_iso("2026-11-22", 10, &t) == 0 && t.sec == -1 &&
	    t.off == ATTUNE_NOOFF, "a date alone has no clock time and no offset");
	is_int(t.days, day(2026, 11, 22), "and its day");
	ok(attune_time_iso("2026-11-22T21:04:00+01:00trailing", 25, &t) == 0,
	    "the length given is the length read");
	is_str_cases(iso, isos);

	t.days = day(2026, 11, 22);
	t.sec = 0;
	t.off = ATTUNE_NOOFF;
	is_int(attune_time_epoch(&t), 1795305600, "epoch of midnight UTC");
	t.sec = 21 * 3600 + 4 * 60;
	t.off = 3600;
	is_int(attune_time_epoch(&t), 1795305600 + 20 * 3600 + 4 * 60,
	    "epoch takes the offset off");
	t.off = -(9 * 3600 + 30 * 60);
	is_str(fmt(&t), "2026-11-22T21:04:00-09:30", "a half-hour negative offset");
	{
		char buf[16];
		attune_date_format(day(2027, 1, 3), buf);
		is_str(buf, "2027-01-03", "a date alone is formatted as YYYY-MM-DD");
	}
}

/* The words a person types, and what time_user makes of them at NOW. */
static const struct str_case local[] = {
	{ "now", "2026-11-22T21:04:00+00:00", "now" },
	{ "today", "2026-11-22T21:04:00+00:00", "today is now" },
	{ "yesterday", "2026-11-21T12:00:00+00:00",
	    "yesterday alone is that day at noon" },
	{ "3 days ago", "2026-11-19T21:04:00+00:00", "3 days ago" },
	{ "1 day ago", "2026-11-21T21:04:00+00:00", "1 day ago" },
	{ "0 days ago", "2026-11-22T21:04:00+00:00", "0 days ago" },
	{ "2026-11-22", "2026-11-22T21:04:00+00:00",
	    "today's date alone means now" },
	{ "2026-11-20", "2026-11-20T12:00:00+00:00",
	    "another date alone means noon" },
	{ "2026-11-20T08:15", "2026-11-20T08:15:00+00:00",
	    "a local time gets the local offset" },
	{ "2026-07-20T08:15", "2026-07-20T08:15:00+01:00",
	    "in summer, British Summer Time" },
	{ "2026-07-20", "2026-07-20T12:00:00+01:00",
	    "noon in summer is BST too" },
	{ "2026-11-20T08:15-05:00", "2026-11-20T08:15:00-05:00",
	    "a written offset is kept as written" },
	{ "20:30:15", "2026-11-22T20:30:15+00:00", "a clock with seconds" },
	{ "20:30:59", "2026-11-22T20:30:59+00:00", "second 59" },
	{ "yesterday 9:05", "2026-11-21T09:05:00+00:00",
	    "a day and a one-digit hour" },
	{ "00:00", "2026-11-22T00:00:00+00:00", "midnight" },
	{ "2026-11-22T23:59:60", "2026-11-22T23:59:59+00:00",
	    "ISO 8601 as typed keeps its leap second in the minute" },
};

/* Across the days the clocks change, at NOW. */
static const struct str_case clocks[] = {
	{ "2026-03-29T00:30", "2026-03-29T00:30:00+00:00",
	    "before the change: GMT" },
	{ "2026-03-29T01:30", "2026-03-29T02:30:00+01:00",
	    "a skipped clock time moves forward an hour, into BST" },
	{ "2026-03-29T02:30", "2026-03-29T02:30:00+01:00",
	    "after the change: BST" },
	{ "2026-03-29", "2026-03-29T12:00:00+01:00",
	    "noon on the day the clocks go forward" },
	{ "2026-10-25T00:30", "2026-10-25T00:30:00+01:00",
	    "before the change back: BST" },
	{ "2026-10-25T02:30", "2026-10-25T02:30:00+00:00",
	    "after the change back: GMT" },
};

static void
test_local(void)
{
	/* The words a person types, against a fixed "now". */
	const char *now = NOW;

	is_str_cases(at_now, local);
	ok(strncmp(time_user(now, "next tuesday"), "ERROR: is not a date or time", 28) == 0,
	    "words it does not know are refused, with a reason");
	ok(strncmp(time_user(now, "-3 days ago"), "ERROR", 5) == 0, "-3 days ago");
	ok(strncmp(time_user(now, "3 fortnights ago"), "ERROR", 5) == 0,
	    "3 fortnights ago");
	ok(strncmp(time_user(now, "2026-02-30"), "ERROR", 5) == 0, "30 February");
	ok(strncmp(time_user(now, ""), "ERROR", 5) == 0, "empty");

	/* Daylight saving: the clocks go forward at 01:00 on 2026-03-29 and
	 * back at 02:00 (BST) on 2026-10-25. */
	is_str_cases(at_now, clocks);
	{
		const char *s = time_user(now, "2026-10-25T01:30");
		ok(strcmp(s, "2026-10-25T01:30:00+01:00") == 0 ||
		    strcmp(s, "2026-10-25T01:30:00+00:00") == 0,
		    "a repeated clock time keeps its clock, with one of its offsets");
		if (strncmp(s, "2026-10-25T01:30:00", 19) != 0)
			printf("#   got %s\n", s);
	}
	is_str(time_user("2026-10-27T12:00:00+00:00", "3 days ago"),
	    "2026-10-24T12:00:00+01:00",
	    "3 days ago across the change back: same clock, the BST offset");
	is_str(time_user("2026-03-31T12:00:00+01:00", "3 days ago"),
	    "2026-03-28T12:00:00+00:00",
	    "3 days ago across the change forward: same clock, GMT");
	is_str(time_user("2026-03-30T01:30:00+01:00", "3 days ago"),
	    "2026-03-27T01:30:00+00:00", "3 days ago before the change");
	is_str(time_user("2026-03-30T01:30:00+01:00", "yesterday 01:30"),
	    "2026-03-29T02:30:00+01:00",
	    "yesterday at a clock time that did not exist moves forward");
}

/* The clock attune_time_now reads with ATTUNE_NOW set to s. */
static const char *
clock_at(const char *s)
{
	struct attune_time t;

	setenv("ATTUNE_NOW", s, 1);
	attune_time_now(&t);
	return fmt(&t);
}

/* ATTUNE_NOW as set, and the clock it gives. */
static const struct str_case nows[] = {
	{ "2026-11-22T21:04:00+00:00", "2026-11-22T21:04:00+00:00",
	    "ATTUNE_NOW sets the clock" },
	{ "2026-07-01T10:00", "2026-07-01T10:00:00+01:00",
	    "ATTUNE_NOW without an offset is local time" },
	{ "2026-07-01T10:00:00+00:00", "2026-07-01T11:00:00+01:00",
	    "ATTUNE_NOW with an offset is that instant, shown as local time" },
	{ "2026-11-22T23:30:00-05:00", "2026-11-23T04:30:00+00:00",
	    "ATTUNE_NOW in another zone moves to the local date" },
	{ "2026-11-22", "2026-11-22T12:00:00+00:00",
	    "ATTUNE_NOW as a date is noon" },
};

static void
test_now(void)
{
	struct attune_time t;

	is_str_cases(clock_at, nows);
	/* A bad ATTUNE_NOW is an error the caller decides about: the
	 * library says nothing, returns, and gives the system clock's now
	 * (which the crisis lines' judging goes on with). */
	{
		char path[] = "/tmp/unit-time-XXXXXX";
		int saved = dup(2), fd = mkstemp(path);
		time_t before = time(NULL);
		struct stat st;

		setenv("ATTUNE_NOW", "2026-13-45T99:00", 1);
		dup2(fd, 2);
		is_int(attune_time_clock(&t), -1,
		    "a bad ATTUNE_NOW is refused, and the library returns");
		fflush(stderr);
		dup2(saved, 2);
		ok(fstat(fd, &st) == 0 && st.st_size == 0,
		    "a bad ATTUNE_NOW: not a word said (the caller decides)");
		ok(attune_time_epoch(&t) >= before &&
		    attune_time_epoch(&t) <= time(NULL),
		    "a bad ATTUNE_NOW: the system clock's now instead");
		close(fd);
		unlink(path);
		close(saved);
		setenv("ATTUNE_NOW", "2026-11-22T21:04:00+00:00", 1);
		is_int(attune_time_clock(&t), 0, "a good one is taken");
	}
	unsetenv("ATTUNE_NOW");
	{
		time_t before = time(NULL), after;
		int64_t e;

		attune_time_now(&t);
		after = time(NULL);
		e = attune_time_epoch(&t);
		ok(e >= before && e <= after, "without ATTUNE_NOW, the real clock");
		ok(t.off == 0 || t.off == 3600, "in the local zone");
	}
}

static void
test_months(void)
{
	is_int(attune_month_start(day(2026, 11, 22)), day(2026, 11, 1),
	    "November starts on the 1st");
	is_int(attune_month_next(day(2026, 12, 31)), day(2027, 1, 1),
	    "after December comes January of the next year");
	is_int(attune_month_next(day(2024, 2, 1)) - day(2024, 2, 1), 29,
	    "February 2024 has 29 days");
	ok(attune_month_whole(day(2026, 2, 1), day(2026, 2, 28)),
	    "February 2026 is a whole month");
	ok(!attune_month_whole(day(2026, 2, 1), day(2026, 2, 27)),
	    "a day short is not");
	ok(!attune_month_whole(day(2026, 1, 2), day(2026, 2, 1)),
	    "nor is a month's length from the 2nd");
}

/*
 * The clock scanner both readers share, at its edges (the times it takes
 * are in local[] and isos[]): a clock time as typed takes one hour digit
 * and no leap second; ISO 8601 the reverse.
 */
static void
test_clock(void)
{
	const char *const refused[] = { "24:00", "9:5", "21:30:60", "009:05",
	    ":30", "21:", "21:30:", "21:30:1", "21:30:15.5", "yesterday 24:00",
	    "yesterday 21:30:60", "2026-11-22T9:05", "2026-11-22T21:04.5",
	    NULL };
	size_t i;

	for (i = 0; refused[i] != NULL; i++)
		ok(strncmp(time_user(NOW, refused[i]), "ERROR", 5) == 0,
		    "'%s' is refused", refused[i]);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	setenv("TZ", "Europe/London", 1);
	tzset();
	attune_setprog("unit-time");
	test_civil();
	test_weeks();
	test_months();
	test_iso();
	test_local();
	test_now();
	test_clock();
	return tap_done();
}
