/*
 * num.c: the one number parser.  Every number attune reads, from an option,
 * a typed answer, $ATTUNE_NOW, a date or a log's field, is read here:
 *
 *  - attune_num: a decimal whole number where a field or a date part
 *    starts, as strtol reads it (spaces, a sign, digits), and where it
 *    stopped; the callers say what may come before and after.
 *  - attune_num_digits: at most so many digits of a field that is not
 *    NUL-ended, for the log readers, which see every row.
 *  - attune_parse_int, attune_parse_tenths: a whole value with its range,
 *    a whole number or one with at most one decimal (in tenths).
 *
 * None of them exits or prints: each says what it found, and the caller
 * decides what a refusal costs (opt.c's attune_opt_ wrappers exit 2).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "attune_priv.h"

long
attune_num(const char *s, const char **end)
{
	char *e;
	long v;

	v = strtol(s, &e, 10);
	if (end != NULL)
		*end = e;
	return v;
}

size_t
attune_num_digits(const char *s, size_t n, size_t max, int *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n && i < max && s[i] >= '0' && s[i] <= '9'; i++)
		*v = *v * 10 + (s[i] - '0');
	return i;
}

/*
 * Each returns 0, or -1 when val is not well formed, or -2 when it is out
 * of range, so that they can be tested and fuzzed directly.
 */
int
attune_parse_int(const char *val, int min, int max, int *v)
{
	const char *end;
	long n;

	errno = 0;
	n = attune_num(val, &end);
	if (*val == '\0' || *end != '\0' || errno != 0 ||
	    isspace((unsigned char)val[0]))
		return -1;
	if (n < min || n > max)
		return -2;
	*v = (int)n;
	return 0;
}

/*
 * A value with at most one decimal, in tenths: "7.5" is 75.  min and max
 * are in tenths too.
 */
int
attune_parse_tenths(const char *val, int min, int max, int *v)
{
	const char *p = val;
	long n;
	int d, digits, frac = 0;

	digits = (int)attune_num_digits(p, 6, 6, &d);
	p += digits;
	n = (long)d * 10;
	if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
		n += p[1] - '0';
		p += 2;
		frac = 1;
	} else if (*p == '.' && digits > 0)
		p++;
	if (digits == 0 && !frac)
		p = val;
	if (*val == '\0' || *p != '\0' || (digits == 0 && !frac))
		return -1;
	if (n < min || n > max)
		return -2;
	*v = (int)n;
	return 0;
}
