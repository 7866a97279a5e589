/*
 * time.c: fuzz the timestamp and date parsers (attune_time_iso on exactly
 * the bytes given, attune_time_user and attune_date_user on them as a
 * string) and check what they accept: a time in range that formats and
 * parses back to itself, and a date whose ISO week holds it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"
#include "fuzz.h"

FUZZ_INITIALIZE("fuzz-time", FUZZ_LONDON | FUZZ_NOW)

static void
check_days(int64_t days)
{
	int y, m, d, wy, w;
	int64_t mon;
	char buf[16];

	attune_civil_from_days(days, &y, &m, &d);
	if (attune_days_from_civil(y, m, d) != days || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		abort();
	w = attune_iso_week(days, &wy);
	if (w < 1 || w > 53 || attune_weekday(days) < 1 ||
	    attune_weekday(days) > 7)
		abort();
	mon = attune_iso_week_monday(wy, w);
	if (days < mon || days >= mon + 7)
		abort();
	attune_date_format(days, buf);
	if (strlen(buf) != 10 && y >= 0 && y < 10000)
		abort();
}

static void
check_time(const struct attune_time *t)
{
	struct attune_time u;
	char buf[32];

	if (t->sec < -1 || t->sec >= 86400)
		abort();
	if (t->off != ATTUNE_NOOFF &&
	    (t->off <= -19 * 3600 || t->off >= 19 * 3600))
		abort();
	check_days(t->days);
	attune_time_format(t, buf);
	if (attune_time_iso(buf, strlen(buf), &u) < 0)
		abort();
	if (u.days != t->days || u.off != t->off ||
	    (t->sec >= 0 && u.sec != t->sec))
		abort();
	(void)attune_time_epoch(t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct attune_time t;
	const char *why = NULL;
	int64_t days;
	char *s;

	/* Exactly size bytes, so a read past the end is caught. */
	s = malloc(size ? size : 1);
	memcpy(s, data, size);
	if (attune_time_iso(s, size, &t) == 0)
		check_time(&t);
	free(s);

	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if (attune_time_user(s, &t, &why) == 0) {
		if (t.sec < 0)
			abort();	/* a person's time always has a clock */
		check_time(&t);
	} else if (why == NULL || *why == '\0')
		abort();
	why = NULL;
	if (attune_date_user(s, &days, &why) == 0)
		check_days(days);
	else if (why == NULL)
		abort();
	free(s);
	return 0;
}
