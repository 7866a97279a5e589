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

/* time_user at NOW, for the tables of cases. */
static const char *
at_now(const char *s)
{
	return time_user(NOW, s);
}

/* Yesterday, today and clock times, at NOW. */
static const struct str_case words[] = {
	{ "yesterday", "2026-11-21T12:00:00+00:00", "yesterday alone: noon" },
	{ "  Yesterday ", "2026-11-21T12:00:00+00:00",
	    "any case, spaces trimmed" },
	{ "yesterday 21:30", "2026-11-21T21:30:00+00:00", "yesterday 21:30" },
	{ "today 08:15", "2026-11-22T08:15:00+00:00", "today 08:15" },
	{ "20:30", "2026-11-22T20:30:00+00:00", "a clock time alone: today" },
	{ "9:05", "2026-11-22T09:05:00+00:00", "one-digit hour" },
	{ "21:14", "2026-11-22T21:14:00+00:00",
	    "up to ten minutes ahead is still today" },
	{ "23:30", "2026-11-21T23:30:00+00:00", "later than now: last night" },
};

/* Days back, weekdays and dates with a time, at NOW. */
static const struct str_case days_back[] = {
	{ "2 weeks ago", "2026-11-08T21:04:00+00:00",
	    "2 weeks ago, at this clock time" },
	{ "1 week ago", "2026-11-15T21:04:00+00:00", "1 week ago" },
	{ "3d ago", "2026-11-19T21:04:00+00:00", "3d ago" },
	{ "2w ago", "2026-11-08T21:04:00+00:00", "2w ago" },
	{ "3 days ago", "2026-11-19T21:04:00+00:00", "3 days ago as before" },
	{ "monday", "2026-11-16T12:00:00+00:00",
	    "monday: the last Monday, at noon" },
	{ "Fri", "2026-11-20T12:00:00+00:00", "Fri" },
	{ "sunday", "2026-11-22T12:00:00+00:00", "today's weekday: today" },
	{ "last sunday", "2026-11-15T12:00:00+00:00",
	    "last sunday on a Sunday: a week ago" },
	{ "last monday", "2026-11-16T12:00:00+00:00", "last monday" },
	{ "last friday 21:30", "2026-11-20T21:30:00+00:00",
	    "last friday 21:30" },
	{ "saturday 07:00", "2026-11-21T07:00:00+00:00",
	    "a weekday with a time" },
	{ "2026-11-20 21:30", "2026-11-20T21:30:00+00:00",
	    "a date with a time, a space between" },
	{ "2026-07-01 08:00", "2026-07-01T08:00:00+01:00",
	    "a summer date with a time: BST" },
};

static void
test_words(void)
{
	is_str_cases(at_now, words);
	is_str(time_user("2026-11-23T00:20:00+00:00", "23:30"),
	    "2026-11-22T23:30:00+00:00", "just after midnight: last night");
	is_str_cases(at_now, days_back);
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
	ok(strncmp(time_user(NOW, "mo"), "ERROR", 5) == 0,
	    "two letters of a day");
	ok(strncmp(time_user(NOW, "monday 25:00"), "ERROR", 5) == 0, "hour 25");
	ok(strncmp(time_user(NOW, "yesterday 21:60"), "ERROR", 5) == 0,
	    "minute 60");
	ok(strncmp(time_user(NOW, "someday 21:30"), "ERROR", 5) == 0,
	    "an unknown day with a time");
	ok(strncmp(time_user(NOW, "3 ago"), "ERROR", 5) == 0, "no unit");
	ok(strncmp(time_user(NOW, "3 days"), "ERROR", 5) == 0, "no 'ago'");
	ok(strncmp(time_user(NOW, "999999 days ago"), "ERROR", 5) == 0, "too far back");
}

/*
 * --week, --month and --last as typed, on the day given (0: today, a
 * Sunday), and the first day they mean, or NULL where they are refused
 * (why, where given, must say so); show: the description ends with the
 * day found, or the reason.
 */
static const struct {
	int (*fn)(const char *, int64_t, int64_t *, const char **);
	const char *in;
	int y, m, d;
	const char *want, *why, *what;
	int show;
} periods[] = {
	{ attune_week_user, "last", 0, 0, 0, "2026-11-09", NULL,
	    "--week last", 1 },
	{ attune_week_user, "this", 0, 0, 0, "2026-11-16", NULL,
	    "--week this", 0 },
	{ attune_week_user, "2026-W47", 0, 0, 0, "2026-11-16", NULL,
	    "--week 2026-W47", 0 },
	{ attune_week_user, "2026-w01", 0, 0, 0, "2025-12-29", NULL,
	    "W01 starts in the old year", 0 },
	{ attune_week_user, "2025-W53", 0, 0, 0, NULL, "W52",
	    "2025 has no W53", 1 },
	{ attune_week_user, "2026-W53", 0, 0, 0, "2026-12-28", NULL,
	    "2026 has a W53", 0 },
	{ attune_week_user, "2026-W4", 0, 0, 0, NULL, NULL,
	    "W4: two digits", 0 },
	{ attune_week_user, "2026-11-19", 0, 0, 0, "2026-11-16", NULL,
	    "a date: its week", 0 },
	{ attune_week_user, "friday", 0, 0, 0, "2026-11-16", NULL,
	    "a weekday: its week", 0 },
	{ attune_week_user, "lastweek", 0, 0, 0, NULL, "2026-W47",
	    "a bad week names the forms", 0 },
	{ attune_month_user, "November", 0, 0, 0, "2026-11-01", NULL,
	    "--month November", 0 },
	{ attune_month_user, "dec", 0, 0, 0, "2025-12-01", NULL,
	    "a month not yet come this year: last year's", 0 },
	{ attune_month_user, "March 2025", 0, 0, 0, "2025-03-01", NULL,
	    "March 2025", 0 },
	{ attune_month_user, "2026-11", 0, 0, 0, "2026-11-01", NULL,
	    "2026-11", 0 },
	{ attune_month_user, "last", 0, 0, 0, "2026-10-01", NULL,
	    "--month last", 0 },
	{ attune_month_user, "last", 2026, 1, 5, "2025-12-01", NULL,
	    "--month last in January", 0 },
	{ attune_month_user, "2026-13", 0, 0, 0, NULL, "01 to 12",
	    "2026-13", 1 },
	{ attune_month_user, "Novembre", 0, 0, 0, NULL, NULL,
	    "Novembre", 0 },
	{ attune_month_user, "no", 0, 0, 0, NULL, NULL,
	    "too short to tell", 0 },
	{ attune_month_user, "May 25", 0, 0, 0, NULL, "in full",
	    "a year in two digits", 0 },
	{ attune_last_user, "14d", 0, 0, 0, "2026-11-09", NULL,
	    "--last 14d ends today", 0 },
	{ attune_last_user, "2w", 0, 0, 0, "2026-11-09", NULL,
	    "--last 2w: 14 days to today", 0 },
	{ attune_last_user, "1m", 0, 0, 0, "2026-10-23", NULL,
	    "--last 1m: a month to today", 0 },
	{ attune_last_user, "3m", 0, 0, 0, "2026-08-23", NULL,
	    "--last 3m", 0 },
	{ attune_last_user, "1m", 2026, 3, 31, "2026-03-01", NULL,
	    "--last 1m to March 31: from March 1 (February is short)", 0 },
	{ attune_last_user, "1d", 0, 0, 0, "2026-11-22", NULL,
	    "--last 1d is today", 0 },
	{ attune_last_user, "0d", 0, 0, 0, NULL, NULL,
	    "0d", 0 },
	{ attune_last_user, "5y", 0, 0, 0, NULL, NULL,
	    "5y", 0 },
	{ attune_last_user, "d", 0, 0, 0, NULL, NULL,
	    "no number", 0 },
	{ attune_last_user, "2ww", 0, 0, 0, NULL, NULL,
	    "2ww", 0 },
};

static void
test_periods(void)
{
	int64_t today = attune_days_from_civil(2026, 11, 22), d, on;
	const char *why = NULL;
	size_t i;
	int rc;

	setenv("ATTUNE_NOW", NOW, 1);
	for (i = 0; i < sizeof periods / sizeof periods[0]; i++) {
		on = periods[i].y == 0 ? today : attune_days_from_civil(
		    periods[i].y, periods[i].m, periods[i].d);
		rc = periods[i].fn(periods[i].in, on, &d, &why);
		if (periods[i].want != NULL)
			ok(rc == 0 && strcmp(date(d), periods[i].want) == 0,
			    "%s%s%s", periods[i].what,
			    periods[i].show ? ": " : "",
			    periods[i].show ? date(d) : "");
		else
			ok(rc < 0 && (periods[i].why == NULL ||
			    strstr(why, periods[i].why) != NULL), "%s%s%s",
			    periods[i].what, periods[i].show ? ": " : "",
			    periods[i].show ? why : "");
	}
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
