/*
 * time.c: dates, times and ISO weeks.  Civil dates are counted in days
 * since 1970-01-01 with plain arithmetic, so weeks and days never depend on
 * the time zone or on daylight saving changes.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "attune.h"

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
int64_t
attune_days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe, yy = y;

	yy -= m <= 2;
	era = (yy >= 0 ? yy : yy - 399) / 400;
	yoe = yy - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
attune_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
attune_weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday, ISO weekday 4. */
	return (int)(((days % 7) + 7 + 3) % 7) + 1;
}

/* The first day of the month holding days, and of the month after it. */
int64_t
attune_month_start(int64_t days)
{
	int y, m, d;

	attune_civil_from_days(days, &y, &m, &d);
	return attune_days_from_civil(y, m, 1);
}

int64_t
attune_month_next(int64_t days)
{
	int y, m, d;

	attune_civil_from_days(days, &y, &m, &d);
	return m == 12 ? attune_days_from_civil(y + 1, 1, 1) :
	    attune_days_from_civil(y, m + 1, 1);
}

/* Whether start..end is one whole calendar month. */
int
attune_month_whole(int64_t start, int64_t end)
{
	return start == attune_month_start(start) &&
	    end == attune_month_next(start) - 1;
}

int
attune_iso_week(int64_t days, int *year)
{
	int64_t thursday = days - attune_weekday(days) + 4;
	int y, m, d;

	attune_civil_from_days(thursday, &y, &m, &d);
	if (year != NULL)
		*year = y;
	return (int)((thursday - attune_days_from_civil(y, 1, 1)) / 7 + 1);
}

int64_t
attune_iso_week_monday(int year, int week)
{
	int64_t jan4 = attune_days_from_civil(year, 1, 4);

	return jan4 - (attune_weekday(jan4) - 1) + (int64_t)(week - 1) * 7;
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static int
num(const char *s, size_t n, size_t *i, int digits)
{
	int v = 0, k;

	if (*i + digits > n)
		return -1;
	for (k = 0; k < digits; k++) {
		if (s[*i + k] < '0' || s[*i + k] > '9')
			return -1;
		v = v * 10 + (s[*i + k] - '0');
	}
	*i += digits;
	return v;
}

static int
digits2(const char *s)
{
	unsigned a = (unsigned char)s[0] - '0', b = (unsigned char)s[1] - '0';

	return a <= 9 && b <= 9 ? (int)(a * 10 + b) : -1;
}

/*
 * The rest of a time as attune writes it, THH:MM:SS+HH:MM after the date,
 * read in one go: -1 if s is not so, and the long way reads it.  It takes
 * what the long way takes, and gives what it gives.
 */
static int
fast_time(const char *s, struct attune_time *t)
{
	int h, mi, se, oh, om;

	if (s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    (s[19] != '+' && s[19] != '-') || s[22] != ':' ||
	    (h = digits2(s + 11)) < 0 || h > 23 ||
	    (mi = digits2(s + 14)) < 0 || mi > 59 ||
	    (se = digits2(s + 17)) < 0 || se > 60 ||
	    (oh = digits2(s + 20)) < 0 || oh > 18 ||
	    (om = digits2(s + 23)) < 0 || om > 59)
		return -1;
	if (se == 60)
		se = 59;
	t->sec = h * 3600 + mi * 60 + se;
	t->off = (s[19] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
	return 0;
}

/*
 * Parse an ISO 8601 date or date-time as written in a log or on the
 * command line: YYYY-MM-DD, optionally followed by T (or a space) and
 * HH:MM[:SS[.fff]], optionally followed by Z or +HH:MM, +HHMM or +HH.
 * A date alone has sec -1 so callers can choose its time.  Returns 0 on
 * success, -1 if s is not such a time.
 */
int
attune_time_iso(const char *s, size_t n, struct attune_time *t)
{
	/* A log's rows come in time order, many a day: the date last read
	 * is kept, by its text, with its day.  A date is ten bytes. */
	static char lastdate[10];
	static int64_t lastdays;
	static int have;
	size_t i = 0;
	int y, mo, d, h, mi, se = 0, oh, om = 0, sign;

	if (have && n >= 10 && memcmp(s, lastdate, 10) == 0) {
		t->days = lastdays;
		i = 10;
	} else {
		if ((y = num(s, n, &i, 4)) < 1 || i >= n || s[i++] != '-' ||
		    (mo = num(s, n, &i, 2)) < 1 || mo > 12 || i >= n ||
		    s[i++] != '-' || (d = num(s, n, &i, 2)) < 1 ||
		    d > days_in_month(y, mo))
			return -1;
		t->days = attune_days_from_civil(y, mo, d);
		memcpy(lastdate, s, 10);
		lastdays = t->days;
		have = 1;
	}
	t->sec = -1;
	t->off = ATTUNE_NOOFF;
	if (i == n)
		return 0;
	if (n == 25 && fast_time(s, t) == 0)
		return 0;
	if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
		return -1;
	i++;
	if ((h = num(s, n, &i, 2)) < 0 || h > 23 || i >= n || s[i++] != ':' ||
	    (mi = num(s, n, &i, 2)) < 0 || mi > 59)
		return -1;
	if (i < n && s[i] == ':') {
		i++;
		if ((se = num(s, n, &i, 2)) < 0 || se > 60)
			return -1;
		if (se == 60)
			se = 59;
		if (i < n && (s[i] == '.' || s[i] == ',')) {
			i++;
			if (i >= n || !isdigit((unsigned char)s[i]))
				return -1;
			while (i < n && isdigit((unsigned char)s[i]))
				i++;
		}
	}
	t->sec = h * 3600 + mi * 60 + se;
	if (i == n)
		return 0;
	if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == n) {
		t->off = 0;
		return 0;
	}
	if (s[i] != '+' && s[i] != '-')
		return -1;
	sign = s[i++] == '-' ? -1 : 1;
	if ((oh = num(s, n, &i, 2)) < 0 || oh > 18)
		return -1;
	if (i < n && s[i] == ':' && ++i == n)
		return -1;	/* "+01:" with no minutes */
	if (i < n && (om = num(s, n, &i, 2)) < 0)
		return -1;
	if (om > 59 || i != n)
		return -1;
	t->off = sign * (oh * 3600 + om * 60);
	return 0;
}

/*
 * A zone's offset in whole minutes, as a timestamp can write it: old
 * local mean times (London before 1847 was -00:01:15) have seconds.
 */
static int32_t
minutes(long gmtoff)
{
	return (int32_t)(gmtoff / 60 * 60);
}

static void
from_epoch(time_t e, struct attune_time *t)
{
	struct tm tm;

	localtime_r(&e, &tm);
	t->days = attune_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
	t->sec = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	t->off = minutes(tm.tm_gmtoff);
}

/* Fill in the local UTC offset for a civil date and clock time. */
static void
local_offset(struct attune_time *t)
{
	struct tm tm;
	int y, m, d;

	attune_civil_from_days(t->days, &y, &m, &d);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = t->sec / 3600;
	tm.tm_min = t->sec / 60 % 60;
	tm.tm_sec = t->sec % 60;
	tm.tm_isdst = -1;
	/* -1 is also the second before 1970 began in UTC, a real time:
	 * only a tm_wday left as it was says mktime failed. */
	tm.tm_wday = -1;
	if (mktime(&tm) == (time_t)-1 && tm.tm_wday == -1) {
		t->off = 0;
		return;
	}
	/* A clock time skipped by a daylight saving change moves forward. */
	t->days = attune_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
	t->sec = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	t->off = minutes(tm.tm_gmtoff);
}

/*
 * Now, as local time with its offset.  $ATTUNE_NOW, an ISO 8601 time, sets
 * the clock instead: the tests use it to make dates repeatable.  Like the
 * real clock it is an instant, shown in local time: one written with
 * another offset is moved to the local zone, so "today" is the local date.
 */
int
attune_time_now(struct attune_time *t)
{
	const char *fake = getenv("ATTUNE_NOW");

	if (fake != NULL && *fake != '\0') {
		if (attune_time_iso(fake, strlen(fake), t) < 0)
			attune_errx(ATTUNE_USAGE, "ATTUNE_NOW: '%s' is not an "
			    "ISO 8601 time like 2026-11-22T21:04:00+01:00", fake);
		if (t->sec < 0)
			t->sec = 12 * 3600;
		if (t->off == ATTUNE_NOOFF)
			local_offset(t);
		else
			from_epoch((time_t)attune_time_epoch(t), t);
		return 0;
	}
	from_epoch(time(NULL), t);
	return 0;
}

/* "3 days ago", "1 day ago": the number of days, or -1. */
static int
days_ago(const char *s)
{
	char *end;
	long n;

	if (!isdigit((unsigned char)*s))
		return -1;
	n = strtol(s, &end, 10);
	if (n < 0 || n > 100000)
		return -1;
	while (*end == ' ')
		end++;
	if (strcmp(end, "days ago") == 0 || strcmp(end, "day ago") == 0 ||
	    strcmp(end, "days-ago") == 0)
		return (int)n;
	return -1;
}

/*
 * A time given by a person: now, today, yesterday, "N days ago" (all at
 * the present clock time), an ISO date (noon that day, or now if it is
 * today), or an ISO date-time (local offset if none is written).
 */
int
attune_time_user(const char *s, struct attune_time *t, const char **why)
{
	struct attune_time now;
	int ago = -1;

	attune_time_now(&now);
	if (strcmp(s, "now") == 0 || strcmp(s, "today") == 0)
		ago = 0;
	else if (strcmp(s, "yesterday") == 0)
		ago = 1;
	else
		ago = days_ago(s);
	if (ago >= 0) {
		*t = now;
		if (ago > 0) {
			t->days -= ago;
			local_offset(t);
		}
		return 0;
	}
	if (attune_time_iso(s, strlen(s), t) < 0) {
		*why = "is not a date or time; use a date like 2026-11-22, a "
		    "time like 2026-11-22T21:04, 'today', 'yesterday' or "
		    "'3 days ago'";
		return -1;
	}
	if (t->sec < 0) {
		if (t->days == now.days) {
			*t = now;
			return 0;
		}
		t->sec = 12 * 3600;
	}
	if (t->off == ATTUNE_NOOFF)
		local_offset(t);
	return 0;
}

int
attune_date_user(const char *s, int64_t *days, const char **why)
{
	struct attune_time t;

	if (attune_time_user(s, &t, why) < 0)
		return -1;
	*days = t.days;
	return 0;
}

void
attune_date_format(int64_t days, char buf[16])
{
	int y, m, d;

	attune_civil_from_days(days, &y, &m, &d);
	snprintf(buf, 16, "%04d-%02d-%02d", y % 10000, m, d);
}

void
attune_time_format(const struct attune_time *t, char buf[32])
{
	int y, m, d, n, off, sec = t->sec < 0 ? 0 : t->sec % 86400;

	attune_civil_from_days(t->days, &y, &m, &d);
	n = snprintf(buf, 32, "%04d-%02d-%02dT%02d:%02d:%02d", y % 10000,
	    m % 100, d % 100, sec / 3600, sec / 60 % 60, sec % 60);
	if (t->off == ATTUNE_NOOFF || n < 0 || n > 19)
		return;
	off = t->off < 0 ? -t->off : t->off;
	snprintf(buf + n, 32 - (size_t)n, "%c%02d:%02d", t->off < 0 ? '-' : '+',
	    off / 3600 % 100, off / 60 % 60);
}

int64_t
attune_time_epoch(const struct attune_time *t)
{
	return t->days * 86400 + (t->sec < 0 ? 0 : t->sec) -
	    (t->off == ATTUNE_NOOFF ? 0 : t->off);
}
