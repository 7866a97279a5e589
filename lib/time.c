/*
 * time.c: dates, times and ISO weeks.  Civil dates are counted in days
 * since 1970-01-01 with plain arithmetic, so weeks and days never depend on
 * the time zone or on daylight saving changes.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "attune_priv.h"

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
 * A clock time at s[*i], up to n: HH:MM, then :SS if a colon follows.
 * Seconds since midnight, with *i past it, or -1.  iso 1: as ISO 8601
 * writes it, two hour digits, a leap second 60 (kept in its minute, as
 * 59) and a fraction after the seconds (.5 or ,5, passed over); iso 0: as
 * a person types it, one hour digit will do ("9:05"), seconds to 59.
 */
static int
clock_scan(const char *s, size_t n, size_t *i, int iso)
{
	int h = 0, m, sec = 0, digits = 0;

	while (*i < n && isdigit((unsigned char)s[*i]) && digits < 2) {
		h = h * 10 + (s[(*i)++] - '0');
		digits++;
	}
	if (digits < (iso ? 2 : 1) || h > 23 || *i >= n || s[(*i)++] != ':' ||
	    (m = num(s, n, i, 2)) < 0 || m > 59)
		return -1;
	if (*i < n && s[*i] == ':') {
		(*i)++;
		if ((sec = num(s, n, i, 2)) < 0 || sec > (iso ? 60 : 59))
			return -1;
		if (sec == 60)
			sec = 59;
		if (iso && *i < n && (s[*i] == '.' || s[*i] == ',')) {
			(*i)++;
			if (*i >= n || !isdigit((unsigned char)s[*i]))
				return -1;
			while (*i < n && isdigit((unsigned char)s[*i]))
				(*i)++;
		}
	}
	return h * 3600 + m * 60 + sec;
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
	int y, mo, d, oh, om = 0, sign;

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
	if ((t->sec = clock_scan(s, n, &i, 1)) < 0)
		return -1;
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
 * Now, as local time with its offset.  $ATTUNE_NOW, an ISO 8601 time,
 * sets the clock instead: the tests use it to make dates repeatable.  Like
 * the real clock it is an instant, shown in local time: one written with
 * another offset is moved to the local zone, so "today" is the local date.
 * 0; or -1 when $ATTUNE_NOW is set but not a time: then t holds the
 * system clock's now, and nothing has been said, for the caller decides
 * (attune_time_now refuses it; the crisis lines' judging goes on).
 */
int
attune_time_clock(struct attune_time *t)
{
	const char *fake = getenv("ATTUNE_NOW");

	if (fake != NULL && *fake != '\0') {
		if (attune_time_iso(fake, strlen(fake), t) < 0) {
			from_epoch(time(NULL), t);
			return -1;
		}
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

/*
 * attune_time_clock for a command that cannot go on without the time: a
 * bad $ATTUNE_NOW is a usage error (exit 2), named with its value, after
 * the crisis lines if they are due (attune_usage_first).
 */
int
attune_time_now(struct attune_time *t)
{
	if (attune_time_clock(t) < 0)
		attune_usage_hint(NULL, "ATTUNE_NOW: '%s' is not an ISO 8601 "
		    "time like 2026-11-22T21:04:00+01:00",
		    getenv("ATTUNE_NOW"));
	return 0;
}

static const char *const weekday_names[] = { "monday", "tuesday",
	"wednesday", "thursday", "friday", "saturday", "sunday", NULL };
static const char *const month_names[] = { "january", "february", "march",
	"april", "may", "june", "july", "august", "september", "october",
	"november", "december", NULL };

/*
 * The name of names that s (n bytes) begins, in any case, three letters
 * at least: "monday", "Mon", "tues" in weekday_names; "november", "Nov",
 * "NOV" in month_names.  1 for the first name …, or 0.
 */
static int
name_index(const char *const *names, const char *s, size_t n)
{
	int i;

	if (n < 3)
		return 0;
	for (i = 0; names[i] != NULL; i++)
		if (n <= strlen(names[i]) && strncasecmp(s, names[i], n) == 0)
			return i + 1;
	return 0;
}

/* "21:30", "9:05", "21:30:15" alone: seconds since midnight, or -1. */
static int
clock_time(const char *s, size_t n)
{
	size_t i = 0;
	int sec = clock_scan(s, n, &i, 0);

	return i == n ? sec : -1;
}

/*
 * "3 days ago", "1 day ago", "3d ago", "2 weeks ago", "2w ago": how many
 * days back, or -1.
 */
static int
ago_days(const char *s, size_t n)
{
	static const struct { const char *w; int days; } units[] = {
		{ "days", 1 }, { "day", 1 }, { "d", 1 }, { "weeks", 7 },
		{ "week", 7 }, { "w", 7 }, { NULL, 0 } };
	size_t i = 0, k, len;
	long v = 0;
	int j;

	if (n == 0 || !isdigit((unsigned char)s[0]))
		return -1;
	while (i < n && isdigit((unsigned char)s[i]) && v <= 100000)
		v = v * 10 + (s[i++] - '0');
	while (i < n && s[i] == ' ')
		i++;
	for (j = 0; units[j].w != NULL; j++) {
		len = strlen(units[j].w);
		if (n - i < len || strncasecmp(s + i, units[j].w, len) != 0)
			continue;
		k = i + len;
		if (k < n && s[k] != ' ' && s[k] != '-')
			continue;
		while (k < n && (s[k] == ' ' || s[k] == '-'))
			k++;
		if (n - k == 3 && strncasecmp(s + k, "ago", 3) == 0 &&
		    v * units[j].days <= 100000)
			return (int)(v * units[j].days);
	}
	return -1;
}

/* "20/11/2026", "11.20.2026": a day and month in some order.  Returns 1
 * with the hint written into hint if s looks so, else 0. */
static int
other_order(const char *s, char *hint, size_t size)
{
	int a, b, y, n = 0;
	char sep, sep2;

	if (sscanf(s, "%2d%c%2d%c%4d%n", &a, &sep, &b, &sep2, &y, &n) != 5 ||
	    s[n] != '\0' || sep != sep2 || (sep != '/' && sep != '.' &&
	    sep != '-') || y < 1000)
		return 0;
	if (a > 12 && b >= 1 && b <= 12 && a <= 31)
		snprintf(hint, size, "; write the year first, as %04d-%02d-%02d",
		    y, b, a);
	else if (b > 12 && a >= 1 && a <= 12 && b <= 31)
		snprintf(hint, size, "; write the year first, as %04d-%02d-%02d",
		    y, a, b);
	else if (a >= 1 && a <= 12 && b >= 1 && b <= 12)
		snprintf(hint, size, "; write the year first, as %04d-%02d-%02d "
		    "or %04d-%02d-%02d, whichever you mean", y, b, a, y, a, b);
	else
		snprintf(hint, size, "; write dates as YYYY-MM-DD");
	return 1;
}

/*
 * A time given by a person (attune-checkin(1) lists them).  Words are
 * read whatever their case, spaces around them left out:
 *   now, today                     the present time
 *   yesterday                      yesterday at noon
 *   N days ago, Nd ago, N weeks ago, Nw ago   then, at the present clock
 *   monday … sunday, mon …         the latest such day (today if it is),
 *   last monday                    the one before today; at noon
 *   21:30                          today at 21:30, or yesterday if that
 *                                  is more than ten minutes ahead
 *   WORD 21:30                     that day (today, yesterday, a weekday,
 *                                  "last friday", a date) at that time
 *   2026-11-20                     noon that day (now, if it is today)
 *   2026-11-20T21:30, with or without an offset
 * Day and month orders such as 20/11/2026 are refused, never guessed.
 * It never exits: a bad $ATTUNE_NOW reads by the system clock here (the
 * first pass over the options reads --week's value with it), and is
 * refused where the command takes the time (attune_time_now).
 */
int
attune_time_user(const char *in, struct attune_time *t, const char **why)
{
	static char hint[300];
	char tail[200];
	struct attune_time now;
	char buf[128], *s, *e, *sp;
	int64_t day = 0;
	int ago = -1, clock = -1, wd, dayword = 0, back;
	size_t n;

	(void)attune_time_clock(&now);
	*why = "is not a date or time; use a date like 2026-11-22, a time like "
	    "2026-11-22T21:04 or 21:04, 'today', 'yesterday', 'monday', "
	    "'last monday' or '3 days ago'";
	while (*in == ' ')
		in++;
	n = strlen(in);
	while (n > 0 && in[n - 1] == ' ')
		n--;
	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, in, n);
	buf[n] = '\0';
	s = buf;
	if (other_order(s, tail, sizeof tail)) {
		snprintf(hint, sizeof hint, "puts the day or the month first, which attune does not guess at%s",
		    tail);
		*why = hint;
		return -1;
	}
	if (strcasecmp(s, "now") == 0 || strcasecmp(s, "today") == 0)
		ago = 0;
	else if ((ago = ago_days(s, n)) < 0) {
		/* A day word, then a clock time after a space, or alone. */
		sp = strrchr(s, ' ');
		if (sp != NULL && (clock = clock_time(sp + 1,
		    strlen(sp + 1))) >= 0) {
			for (e = sp; e > s && e[-1] == ' '; e--)
				;
			*e = '\0';
		} else if ((clock = clock_time(s, n)) >= 0) {
			*s = '\0';
		}
		back = 0;
		if (strncasecmp(s, "last ", 5) == 0) {
			back = 1;
			for (s += 5; *s == ' '; s++)
				;
		}
		dayword = 1;
		if (*s == '\0' && clock >= 0 && !back) {
			day = now.days;
			if ((int64_t)clock > now.sec + 600)
				day--;	/* "23:30" just after midnight */
		} else if (!back && strcasecmp(s, "today") == 0)
			day = now.days;
		else if (!back && strcasecmp(s, "yesterday") == 0)
			day = now.days - 1;
		else if ((wd = name_index(weekday_names, s, strlen(s))) > 0) {
			day = now.days - ((attune_weekday(now.days) - wd + 7) % 7);
			if (back && day == now.days)
				day -= 7;
		} else if (!back && clock >= 0 &&
		    attune_time_iso(s, strlen(s), t) == 0 && t->sec < 0)
			day = t->days;		/* "2026-11-20 21:30" */
		else
			dayword = 0;
		if (!dayword && (back || clock >= 0))
			return -1;
	}
	if (ago >= 0) {
		*t = now;
		if (ago > 0) {
			t->days -= ago;
			local_offset(t);
		}
		return 0;
	}
	if (dayword) {
		t->days = day;
		t->sec = clock >= 0 ? clock : 12 * 3600;
		local_offset(t);
		return 0;
	}
	if (attune_time_iso(buf, n, t) < 0)
		return -1;
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

/*
 * Periods as a person names them (attune-report(1)).  Each returns 0, or
 * -1 with *why saying what is wrong; none exits, so they can be tested.
 */

/* The day n months from days, its day of the month kept where the month
 * has it, else the month's last day (March 31 less a month is Feb 28). */
int64_t
attune_months_add(int64_t days, int n)
{
	int y, m, d, dm;
	long mm;

	attune_civil_from_days(days, &y, &m, &d);
	mm = (long)y * 12 + (m - 1) + n;
	y = (int)(mm >= 0 ? mm / 12 : (mm - 11) / 12);
	m = (int)(mm - (long)y * 12) + 1;
	dm = days_in_month(y, m);
	return attune_days_from_civil(y, m, d > dm ? dm : d);
}

int
attune_week_user(const char *s, int64_t today, int64_t *monday,
    const char **why)
{
	int64_t d;
	long y, w;
	const char *end;
	if (strcasecmp(s, "this") == 0 || strcasecmp(s, "this week") == 0)
		d = today;
	else if (strcasecmp(s, "last") == 0 || strcasecmp(s, "last week") == 0)
		d = today - 7;
	else if (strlen(s) >= 7 && s[4] == '-' && (s[5] == 'W' ||
	    s[5] == 'w')) {
		y = attune_num(s, &end);
		if (end != s + 4 || !isdigit((unsigned char)s[0]) ||
		    !isdigit((unsigned char)s[6])) {
			*why = "is not a week; use a date, 'last', or a week "
			    "like 2026-W47";
			return -1;
		}
		w = attune_num(s + 6, &end);
		if (*end != '\0' || strlen(s + 6) != 2 || w < 1 ||
		    w > attune_iso_week(attune_days_from_civil((int)y, 12, 28),
		    NULL)) {
			*why = "has no such week; a year has weeks W01 to W52 "
			    "(some W53)";
			return -1;
		}
		*monday = attune_iso_week_monday((int)y, (int)w);
		return 0;
	} else if (attune_date_user(s, &d, why) < 0) {
		*why = "is not a week; use a date like 2026-11-18, 'last' "
		    "(last week), or a week like 2026-W47";
		return -1;
	}
	*monday = d - (attune_weekday(d) - 1);
	return 0;
}

int
attune_month_user(const char *s, int64_t today, int64_t *first,
    const char **why)
{
	const char *sp;
	const char *end;
	long y, m;
	int ty, tm, td;

	attune_civil_from_days(today, &ty, &tm, &td);
	if (strcasecmp(s, "this") == 0 || strcasecmp(s, "this month") == 0) {
		*first = attune_month_start(today);
		return 0;
	}
	if (strcasecmp(s, "last") == 0 || strcasecmp(s, "last month") == 0) {
		*first = attune_month_start(attune_month_start(today) - 1);
		return 0;
	}
	if (isdigit((unsigned char)s[0])) {
		y = attune_num(s, &end);
		if (end != s + 4 || *end != '-' || !isdigit((unsigned char)
		    end[1])) {
			*why = "is not a month; use a month like 2026-11 or "
			    "November";
			return -1;
		}
		m = attune_num(end + 1, &end);
		if (*end != '\0' || strlen(s) != 7 || m < 1 || m > 12) {
			*why = "is not a month; use a month like 2026-11 (the "
			    "month from 01 to 12)";
			return -1;
		}
		*first = attune_days_from_civil((int)y, (int)m, 1);
		return 0;
	}
	/* "November": the latest November not after this month;
	 * "November 2025" that one. */
	sp = strchr(s, ' ');
	m = name_index(month_names, s, sp != NULL ? (size_t)(sp - s) :
	    strlen(s));
	if (m == 0) {
		*why = "is not a month; use a month name like November, "
		    "'last', or a month like 2026-11";
		return -1;
	}
	if (sp != NULL) {
		while (*sp == ' ')
			sp++;
		y = attune_num(sp, &end);
		if (*end != '\0' || end - sp != 4) {
			*why = "is not a month; write the year in full, like "
			    "'November 2025'";
			return -1;
		}
	} else
		y = m > tm ? ty - 1 : ty;
	*first = attune_days_from_civil((int)y, (int)m, 1);
	return 0;
}

int
attune_last_user(const char *s, int64_t end, int64_t *from,
    const char **why)
{
	const char *e;
	long v;

	v = attune_num(s, &e);
	if (!isdigit((unsigned char)s[0]) || v < 1 || v > 1000 ||
	    (*e != 'd' && *e != 'w' && *e != 'm') || e[1] != '\0') {
		*why = "is not a length like 14d, 2w or 3m (1 to 1000 days, "
		    "weeks or months)";
		return -1;
	}
	if (*e == 'd')
		*from = end - v + 1;
	else if (*e == 'w')
		*from = end - 7 * v + 1;
	else
		*from = attune_months_add(end, -(int)v) + 1;
	return 0;
}

/* A date given to option opt, or a usage error naming both. */
int64_t
attune_date_opt(const char *opt, const char *val)
{
	int64_t d;
	const char *why;

	if (attune_date_user(val, &d, &why) < 0)
		attune_usage_error("%s: '%s' %s", opt, val, why);
	return d;
}

/* " (2026-11-21)" after a value that is not written as its date. */
#define P(val, date) strcmp(val, date) ? " (" : "", strcmp(val, date) ? \
	date : "", strcmp(val, date) ? ")" : ""

/*
 * The period a report's options ask for, from..to; 0 if none was (then
 * the caller takes everything logged).  Every value is checked before
 * anything is read.
 */
int
attune_period_user(const struct attune_period_opt *o, int64_t now,
    int64_t *from, int64_t *to)
{
	const char *why;
	char a[16], b[16];
	int given;

	given = o->weekgiven + o->monthgiven + (o->last != NULL || o->until !=
	    NULL || o->since != NULL);
	if (given > 1 || (o->last != NULL && o->since != NULL))
		attune_usage_error("choose one period: --week, --month, --last "
		    "(with --until if it ends before today), or --since and "
		    "--until");
	if (o->weekgiven) {
		*from = now;
		if (o->week != NULL && attune_week_user(o->week, now, from,
		    &why) < 0)
			attune_usage_error("--week: '%s' %s", o->week, why);
		else if (o->week == NULL)
			*from -= attune_weekday(now) - 1;
		*to = *from + 6;
		return 1;
	}
	if (o->monthgiven) {
		*from = attune_month_start(now);
		if (o->month != NULL && attune_month_user(o->month, now, from,
		    &why) < 0)
			attune_usage_error("--month: '%s' %s", o->month, why);
		*to = attune_month_next(*from) - 1;
		return 1;
	}
	if (o->last != NULL) {
		*to = o->until ? attune_date_opt("--until", o->until) : now;
		if (attune_last_user(o->last, *to, from, &why) < 0)
			attune_usage_error("--last: '%s' %s", o->last, why);
		return 1;
	}
	if (o->since != NULL || o->until != NULL) {
		*from = o->since ? attune_date_opt("--since", o->since) :
		    INT64_MIN;
		*to = o->until ? attune_date_opt("--until", o->until) : now;
		if (o->since && *from > *to) {
			attune_date_format(*from, a);
			attune_date_format(*to, b);
			if (o->until == NULL)
				attune_usage_error("--since: '%s'%s%s%s is after "
				    "today (%s); change --since to today or "
				    "earlier", o->since, P(o->since, a), b);
			attune_usage_error("--since '%s'%s%s%s comes after "
			    "--until '%s'%s%s%s; change --since to %s or "
			    "earlier, or --until to %s or later", o->since,
			    P(o->since, a), o->until, P(o->until, b), b, a);
		}
		return 1;
	}
	return 0;
}
#undef P
