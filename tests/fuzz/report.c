/*
 * report.c: fuzz attune report's summing and rules (lib/report.c).  The
 * input is a list of check-ins in any order, then a screen whose
 * instrument, subscales, flags and answers are free text, as a log may
 * hold.  The same input goes into a report that streams (a window of days)
 * and one that keeps every day; unless the streaming one found a row too
 * late, every period's summary and reach-out text must be the same.
 *
 * Byte 0 picks the setup (by, and a period or everything); then 4 bytes a
 * check-in (day within 600, mood, bond, numb and flags) until a 0xff byte;
 * then the screen's fields, separated by NUL bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"
#include "../test.h"

#define BASE	18000	/* 2019-04-14, a day number */

/* The next NUL-ended field of the screen, copied; "" past the end. */
static char *
field(const uint8_t **p, const uint8_t *end)
{
	const uint8_t *s = *p, *z;
	char *f;

	if (s >= end)
		return attune_xstrdup("");
	z = memchr(s, '\0', (size_t)(end - s));
	if (z == NULL)
		z = end;
	f = attune_xmalloc((size_t)(z - s) + 1);
	memcpy(f, s, (size_t)(z - s));
	f[z - s] = '\0';
	*p = z < end ? z + 1 : end;
	return f;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const who[] = { "me", "sam" };
	struct attune_report r[2];
	struct attune_checkin ci;
	struct attune_screen sc;
	struct attune_rsum a, b;
	const uint8_t *p = data, *end = data + size;
	int64_t from, to, *per;
	char *f[5];
	size_t n, k, j;
	int i, by;

	if (size < 1)
		return 0;
	by = p[0] & 3;
	from = p[0] & 4 ? BASE + 40 + (p[0] >> 3) * 7 : INT64_MIN;
	to = p[0] & 4 ? from + 20 + (p[0] >> 3) * 11 : INT64_MAX;
	p++;
	for (i = 0; i < 2; i++) {
		memset(&r[i], 0, sizeof r[i]);
		attune_report_setup(&r[i], from, to, by, i == 0, BASE + 620);
	}
	while (end - p >= 4 && p[0] != 0xff) {
		attune_checkin_init(&ci);
		ci.ts.days = BASE + (p[0] | (p[1] & 1) << 8) % 600;
		ci.ts.sec = 9 * 3600;
		ci.who = who[p[1] >> 7];
		ci.v[ATTUNE_MOOD] = p[2] % 12 == 11 ? -1 : p[2] % 12;
		ci.v[ATTUNE_BOND] = p[3] % 12 == 11 ? -1 : p[3] % 12;
		ci.v[ATTUNE_NUMB] = (p[1] >> 1) % 12 == 11 ? -1 : (p[1] >> 1) % 12;
		ci.v[ATTUNE_ANXIETY] = p[2] / 12 % 11;
		ci.v[ATTUNE_SLEEP] = p[3] / 2;	/* tenths, up to 12.7 hours */
		ci.did = p[2] & 0x3f;
		ci.flags = p[3] >> 6 == 3 ? ATTUNE_FLAG_HARM : p[3] >> 6;
		for (i = 0; i < 2; i++)
			attune_report_checkin(&r[i], &ci);
		p += 4;
	}
	if (p < end)
		p++;	/* the 0xff */
	for (k = 0; k < 5; k++)
		f[k] = field(&p, end);
	memset(&sc, 0, sizeof sc);
	sc.ts.days = BASE + 100;
	sc.who = "me";
	sc.instrument = f[0];
	sc.subscales = f[1];
	sc.flags = f[2];
	sc.answers = f[3];
	sc.band = f[4];
	sc.total = (int)strlen(f[3]) % 40;
	for (i = 0; i < 2; i++) {
		attune_report_screen(&r[i], &sc);
		attune_report_done(&r[i]);
	}

	per = attune_report_periods(from == INT64_MIN ? BASE : from,
	    to == INT64_MAX ? BASE + 599 : to, by, &n);
	for (k = 0; k < n && !r[0].late; k++)
		for (j = 0; j < 2; j++) {
			attune_report_sum(&r[0], attune_report_person(&r[0],
			    who[j], strlen(who[j])), per[2 * k], per[2 * k + 1],
			    &a);
			attune_report_sum(&r[1], attune_report_person(&r[1],
			    who[j], strlen(who[j])), per[2 * k], per[2 * k + 1],
			    &b);
			if (!rsum_equal(&a, &b)) {
				fprintf(stderr, "streaming and keeping differ "
				    "in period %zu for %s\n", k, who[j]);
				abort();
			}
			attune_report_sum_free(&a);
			attune_report_sum_free(&b);
		}
	free(per);
	for (i = 0; i < 2; i++)
		attune_report_free(&r[i]);
	for (k = 0; k < 5; k++)
		free(f[k]);
	return 0;
}
