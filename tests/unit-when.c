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

/* Words for a day and a time, at NOW. */
static const struct str_case words[] = {
	/* Yesterday, today and clock times. */
	{ "yesterday", "2026-11-21T12:00:00+00:00", "yesterday alone: noon" },
	{ "  Yesterday ", "2026-11-21T12:00:00+00:00", "any case, trimmed" },
	{ "yesterday 21:30", "2026-11-21T21:30:00+00:00", "yesterday 21:30" },
	{ "today 08:15", "2026-11-22T08:15:00+00:00", "today 08:15" },
	{ "20:30", "2026-11-22T20:30:00+00:00", "a clock time alone: today" },
	{ "9:05", "2026-11-22T09:05:00+00:00", "one-digit hour" },
	{ "21:14", "2026-11-22T21:14:00+00:00", "10 minutes ahead: today" },
	{ "23:30", "2026-11-21T23:30:00+00:00", "later than now: last night" },
	/* Days back, weekdays and dates with a time. */
	{ "2 weeks ago", "2026-11-08T21:04:00+00:00", "2 weeks ago at 21:04" },
	{ "1 week ago", "2026-11-15T21:04:00+00:00", "1 week ago" },
	{ "3d ago", "2026-11-19T21:04:00+00:00", "3d ago" },
	{ "2w ago", "2026-11-08T21:04:00+00:00", "2w ago" },
	{ "3 days ago", "2026-11-19T21:04:00+00:00", "3 days ago as before" },
	{ "monday", "2026-11-16T12:00:00+00:00", "the last Monday, at noon" },
	{ "Fri", "2026-11-20T12:00:00+00:00", "Fri" },
	{ "sunday", "2026-11-22T12:00:00+00:00", "today's weekday: today" },
	{ "last sunday", "2026-11-15T12:00:00+00:00", "on Sunday: a week ago" },
	{ "last monday", "2026-11-16T12:00:00+00:00", "last monday" },
	{ "last friday 21:30", "2026-11-20T21:30:00+00:00", "last + a time" },
	{ "saturday 07:00", "2026-11-21T07:00:00+00:00", "a weekday, a time" },
	{ "2026-11-20 21:30", "2026-11-20T21:30:00+00:00", "date space time" },
	{ "2026-07-01 08:00", "2026-07-01T08:00:00+01:00", "in summer: BST" },
};

static void
test_words(void)
{
	is_str_cases(at_now, words);
	is_str(time_user("2026-11-23T00:20:00+00:00", "23:30"),
	    "2026-11-22T23:30:00+00:00", "just after midnight: last night");
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
 * --week, --month and --last as typed, on the day given ("": today, a
 * Sunday): the first day they mean, or "" where they are refused with a
 * reason that holds why ("": any reason).
 */
static const struct {
	const char *opt, *in, *on, *want, *why, *what;
} periods[] = {
	{ "--week", "last", "", "2026-11-09", "", "a week ago" },
	{ "--week", "this", "", "2026-11-16", "", "this week" },
	{ "--week", "2026-W47", "", "2026-11-16", "", "an ISO week" },
	{ "--week", "2026-w01", "", "2025-12-29", "", "starts in 2025" },
	{ "--week", "2025-W53", "", "", "W52", "2025 has no W53" },
	{ "--week", "2026-W53", "", "2026-12-28", "", "2026 has a W53" },
	{ "--week", "2026-W4", "", "", "", "the week in two digits" },
	{ "--week", "2026-11-19", "", "2026-11-16", "", "a date: its week" },
	{ "--week", "friday", "", "2026-11-16", "", "a weekday: its week" },
	{ "--week", "lastweek", "", "", "2026-W47", "names the forms" },
	{ "--month", "November", "", "2026-11-01", "", "this year's" },
	{ "--month", "dec", "", "2025-12-01", "", "not yet come: last year's" },
	{ "--month", "March 2025", "", "2025-03-01", "", "with its year" },
	{ "--month", "2026-11", "", "2026-11-01", "", "year and month" },
	{ "--month", "last", "", "2026-10-01", "", "the month before" },
	{ "--month", "last", "2026-01-05", "2025-12-01", "", "in January" },
	{ "--month", "2026-13", "", "", "01 to 12", "no month 13" },
	{ "--month", "Novembre", "", "", "", "not a month's name" },
	{ "--month", "no", "", "", "", "too short to tell" },
	{ "--month", "May 25", "", "", "in full", "a year in two digits" },
	{ "--last", "14d", "", "2026-11-09", "", "ends today" },
	{ "--last", "2w", "", "2026-11-09", "", "14 days to today" },
	{ "--last", "1m", "", "2026-10-23", "", "a month to today" },
	{ "--last", "3m", "", "2026-08-23", "", "three months" },
	{ "--last", "1m", "2026-03-31", "2026-03-01", "", "to 31 March" },
	{ "--last", "1d", "", "2026-11-22", "", "today" },
	{ "--last", "0d", "", "", "", "no days" },
	{ "--last", "5y", "", "", "", "no years" },
	{ "--last", "d", "", "", "", "no number" },
	{ "--last", "2ww", "", "", "", "one unit" },
};

static void
test_periods(void)
{
	int (*fn)(const char *, int64_t, int64_t *, const char **);
	int64_t d, on;
	const char *why;
	size_t i;
	int rc, y, m, dd;

	setenv("ATTUNE_NOW", NOW, 1);
	for (i = 0; i < sizeof periods / sizeof periods[0]; i++) {
		fn = strcmp(periods[i].opt, "--week") == 0 ? attune_week_user :
		    strcmp(periods[i].opt, "--month") == 0 ? attune_month_user :
		    attune_last_user;
		on = attune_days_from_civil(2026, 11, 22);
		if (sscanf(periods[i].on, "%d-%d-%d", &y, &m, &dd) == 3)
			on = attune_days_from_civil(y, m, dd);
		why = NULL;
		rc = fn(periods[i].in, on, &d, &why);
		if (*periods[i].want != '\0')
			ok(rc == 0 && strcmp(date(d), periods[i].want) == 0,
			    "%s %s: %s: %s", periods[i].opt, periods[i].in,
			    periods[i].what, rc == 0 ? date(d) : "refused");
		else
			ok(rc < 0 && why != NULL &&
			    strstr(why, periods[i].why) != NULL,
			    "%s %s: %s: %s", periods[i].opt, periods[i].in,
			    periods[i].what, why != NULL ? why : "taken");
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
