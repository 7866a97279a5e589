/*
 * unit-when: dates and periods as people say them, against a fixed now
 * (Sunday 2026-11-22 21:04 in Europe/London): weekday names, "last
 * monday", clock times alone and after a day, weeks and short forms ago,
 * day-first dates refused with the year-first form; and the periods of
 * attune report: --week, --month and --last.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"
#include "test.h"

static const char *
date(int64_t d)
{
	static char buf[4][16];
	static int i;

	i = (i + 1) % 4;
	attune_date_format(d, buf[i]);
	return buf[i];
}

#define NOW "2026-11-22T21:04:00+00:00"		/* a Sunday */

static void
test_words(void)
{
	is_str(time_user(NOW, "yesterday"), "2026-11-21T12:00:00+00:00",
	    "yesterday alone: noon");
	is_str(time_user(NOW, "  Yesterday "), "2026-11-21T12:00:00+00:00",
	    "any case, spaces trimmed");
	is_str(time_user(NOW, "yesterday 21:30"), "2026-11-21T21:30:00+00:00",
	    "yesterday 21:30");
	is_str(time_user(NOW, "today 08:15"), "2026-11-22T08:15:00+00:00",
	    "today 08:15");
	is_str(time_user(NOW, "20:30"), "2026-11-22T20:30:00+00:00",
	    "a clock time alone: today");
	is_str(time_user(NOW, "9:05"), "2026-11-22T09:05:00+00:00",
	    "one-digit hour");
	is_str(time_user(NOW, "21:14"), "2026-11-22T21:14:00+00:00",
	    "up to ten minutes ahead is still today");
	is_str(time_user(NOW, "23:30"), "2026-11-21T23:30:00+00:00",
	    "later than now: last night");
	is_str(time_user("2026-11-23T00:20:00+00:00", "23:30"),
	    "2026-11-22T23:30:00+00:00", "just after midnight: last night");
	is_str(time_user(NOW, "2 weeks ago"), "2026-11-08T21:04:00+00:00",
	    "2 weeks ago, at this clock time");
	is_str(time_user(NOW, "1 week ago"), "2026-11-15T21:04:00+00:00",
	    "1 week ago");
	is_str(time_user(NOW, "3d ago"), "2026-11-19T21:04:00+00:00", "3d ago");
	is_str(time_user(NOW, "2w ago"), "2026-11-08T21:04:00+00:00", "2w ago");
	is_str(time_user(NOW, "3 days ago"), "2026-11-19T21:04:00+00:00",
	    "3 days ago as before");
	is_str(time_user(NOW, "monday"), "2026-11-16T12:00:00+00:00",
	    "monday: the last Monday, at noon");
	is_str(time_user(NOW, "Fri"), "2026-11-20T12:00:00+00:00", "Fri");
	is_str(time_user(NOW, "sunday"), "2026-11-22T12:00:00+00:00",
	    "today's weekday: today");
	is_str(time_user(NOW, "last sunday"), "2026-11-15T12:00:00+00:00",
	    "last sunday on a Sunday: a week ago");
	is_str(time_user(NOW, "last monday"), "2026-11-16T12:00:00+00:00",
	    "last monday");
	is_str(time_user(NOW, "last friday 21:30"), "2026-11-20T21:30:00+00:00",
	    "last friday 21:30");
	is_str(time_user(NOW, "saturday 07:00"), "2026-11-21T07:00:00+00:00",
	    "a weekday with a time");
	is_str(time_user(NOW, "2026-11-20 21:30"), "2026-11-20T21:30:00+00:00",
	    "a date with a time, a space between");
	is_str(time_user(NOW, "2026-07-01 08:00"), "2026-07-01T08:00:00+01:00",
	    "a summer date with a time: BST");
	is_str(time_user(NOW, "last monday"), time_user(NOW, "monday"),
	    "on a Sunday both mean the same Monday");
	is_str(time_user("2026-11-16T09:00:00+00:00", "monday"),
	    "2026-11-16T12:00:00+00:00", "monday on a Monday: today");
	is_str(time_user("2026-11-16T09:00:00+00:00", "last monday"),
	    "2026-11-09T12:00:00+00:00", "last monday on a Monday: a week ago");
}

static void
test_refused(void)
{
	const char *s;

	s = time_user(NOW, "20/11/2026");
	ok(strstr(s, "ERROR") == s && strstr(s, "2026-11-20") != NULL,
	    "20/11/2026 refused, with 2026-11-20 as the way: %s", s);
	s = time_user(NOW, "11/20/2026");
	ok(strstr(s, "ERROR") == s && strstr(s, "2026-11-20") != NULL,
	    "11/20/2026 refused, with 2026-11-20 too");
	s = time_user(NOW, "05/06/2026");
	ok(strstr(s, "2026-06-05") != NULL && strstr(s, "2026-05-06") != NULL,
	    "05/06/2026: both readings named, neither guessed");
	s = time_user(NOW, "20.11.2026");
	ok(strstr(s, "ERROR") == s && strstr(s, "2026-11-20") != NULL,
	    "dots too");
	ok(strncmp(time_user(NOW, "last"), "ERROR", 5) == 0, "last alone");
	ok(strncmp(time_user(NOW, "last yesterday"), "ERROR", 5) == 0,
	    "last yesterday");
	ok(strncmp(time_user(NOW, "mo"), "ERROR", 5) == 0, "two letters of a day");
	ok(strncmp(time_user(NOW, "monday 25:00"), "ERROR", 5) == 0, "hour 25");
	ok(strncmp(time_user(NOW, "yesterday 21:60"), "ERROR", 5) == 0, "minute 60");
	ok(strncmp(time_user(NOW, "someday 21:30"), "ERROR", 5) == 0,
	    "an unknown day with a time");
	ok(strncmp(time_user(NOW, "3 ago"), "ERROR", 5) == 0, "no unit");
	ok(strncmp(time_user(NOW, "3 days"), "ERROR", 5) == 0, "no 'ago'");
	ok(strncmp(time_user(NOW, "999999 days ago"), "ERROR", 5) == 0, "too far back");
}

static void
test_periods(void)
{
	int64_t today = attune_days_from_civil(2026, 11, 22), d;
	const char *why = NULL;

	setenv("ATTUNE_NOW", NOW, 1);
	ok(attune_week_user("last", today, &d, &why) == 0 &&
	    strcmp(date(d), "2026-11-09") == 0, "--week last: %s", date(d));
	ok(attune_week_user("this", today, &d, &why) == 0 &&
	    strcmp(date(d), "2026-11-16") == 0, "--week this");
	ok(attune_week_user("2026-W47", today, &d, &why) == 0 &&
	    strcmp(date(d), "2026-11-16") == 0, "--week 2026-W47");
	ok(attune_week_user("2026-w01", today, &d, &why) == 0 &&
	    strcmp(date(d), "2025-12-29") == 0, "W01 starts in the old year");
	ok(attune_week_user("2025-W53", today, &d, &why) < 0 &&
	    strstr(why, "W52") != NULL, "2025 has no W53: %s", why);
	ok(attune_week_user("2026-W53", today, &d, &why) == 0 &&
	    strcmp(date(d), "2026-12-28") == 0, "2026 has a W53");
	ok(attune_week_user("2026-W4", today, &d, &why) < 0, "W4: two digits");
	ok(attune_week_user("2026-11-19", today, &d, &why) == 0 &&
	    strcmp(date(d), "2026-11-16") == 0, "a date: its week");
	ok(attune_week_user("friday", today, &d, &why) == 0 &&
	    strcmp(date(d), "2026-11-16") == 0, "a weekday: its week");
	ok(attune_week_user("lastweek", today, &d, &why) < 0 &&
	    strstr(why, "2026-W47") != NULL, "a bad week names the forms");

	ok(attune_month_user("November", today, &d, &why) == 0 &&
	    strcmp(date(d), "2026-11-01") == 0, "--month November");
	ok(attune_month_user("dec", today, &d, &why) == 0 &&
	    strcmp(date(d), "2025-12-01") == 0,
	    "a month not yet come this year: last year's");
	ok(attune_month_user("March 2025", today, &d, &why) == 0 &&
	    strcmp(date(d), "2025-03-01") == 0, "March 2025");
	ok(attune_month_user("2026-11", today, &d, &why) == 0 &&
	    strcmp(date(d), "2026-11-01") == 0, "2026-11");
	ok(attune_month_user("last", today, &d, &why) == 0 &&
	    strcmp(date(d), "2026-10-01") == 0, "--month last");
	ok(attune_month_user("last", attune_days_from_civil(2026, 1, 5), &d,
	    &why) == 0 && strcmp(date(d), "2025-12-01") == 0,
	    "--month last in January");
	ok(attune_month_user("2026-13", today, &d, &why) < 0 &&
	    strstr(why, "01 to 12") != NULL, "2026-13: %s", why);
	ok(attune_month_user("Novembre", today, &d, &why) < 0, "Novembre");
	ok(attune_month_user("no", today, &d, &why) < 0, "too short to tell");
	ok(attune_month_user("May 25", today, &d, &why) < 0 &&
	    strstr(why, "in full") != NULL, "a year in two digits");

	ok(attune_last_user("14d", today, &d, &why) == 0 &&
	    strcmp(date(d), "2026-11-09") == 0, "--last 14d ends today");
	ok(attune_last_user("2w", today, &d, &why) == 0 &&
	    strcmp(date(d), "2026-11-09") == 0, "--last 2w: 14 days to today");
	ok(attune_last_user("1m", today, &d, &why) == 0 &&
	    strcmp(date(d), "2026-10-23") == 0, "--last 1m: a month to today");
	ok(attune_last_user("3m", today, &d, &why) == 0 &&
	    strcmp(date(d), "2026-08-23") == 0, "--last 3m");
	ok(attune_last_user("1m", attune_days_from_civil(2026, 3, 31), &d,
	    &why) == 0 && strcmp(date(d), "2026-03-01") == 0,
	    "--last 1m to March 31: from March 1 (February is short)");
	ok(attune_last_user("1d", today, &d, &why) == 0 && d == today,
	    "--last 1d is today");
	ok(attune_last_user("0d", today, &d, &why) < 0, "0d");
	ok(attune_last_user("5y", today, &d, &why) < 0, "5y");
	ok(attune_last_user("d", today, &d, &why) < 0, "no number");
	ok(attune_last_user("2ww", today, &d, &why) < 0, "2ww");
	is_str(date(attune_months_add(attune_days_from_civil(2024, 2, 29), 12)),
	    "2025-02-28", "a leap day a year on");
	is_str(date(attune_months_add(attune_days_from_civil(2026, 1, 15), -13)),
	    "2024-12-15", "back over a year end");
}

int
main(void)
{
	setenv("TZ", "Europe/London", 1);
	test_words();
	test_refused();
	test_periods();
	return tap_done();
}
