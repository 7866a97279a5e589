/*
 * genlog: write a synthetic check-in log of N rows to stdout, the same
 * bytes every time, for the benchmark (scripts/bench).  Several people,
 * realistic values, some fields left empty, notes quoted with commas and
 * quotes.  About 65 bytes a row.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "attune_priv.h"

static uint64_t state = 0x9e3779b97f4a7c15ULL;

static uint32_t
rnd(uint32_t n)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return (uint32_t)((state * 0x2545f4914f6cdd1dULL) >> 32) % n;
}

static const char *const who[] = { "me", "me", "me", "sam", "sam", "alex",
	"jo" };
static const char *const notes[] = {
	"\"long night, but we got there\"",
	"\"fed at 2, 4 and 6\"",
	"\"she smiled, I think\"",
	"\"felt like a \"\"robot\"\" today\"",
	"\"walk in the park, sun out\"",
	"\"tired, teary, ok by evening\"",
	"\"bath time was \"\"fun\"\", honestly\"",
	"\"visitors, too many\"",
};

static int answered;	/* measures given in this row */

/* A measure 0..10 drifting around a person's level; sometimes empty. */
static void
measure(int level)
{
	int v;

	if (rnd(10) == 0) {
		fputs(",", stdout);
		return;
	}
	answered++;
	v = level + (int)rnd(5) - 2;
	v = v < 0 ? 0 : v > 10 ? 10 : v;
	printf(",%d", v);
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000, i;
	int64_t minutes = 0, start = attune_days_from_civil(2016, 1, 4);
	int y, m, d, k, off, p;

	puts("timestamp,who,mood,bond,anxiety,numb,sleep,did,flags,note");
	for (i = 0; i < n; i++) {
		minutes += 1 + rnd(9);
		attune_civil_from_days(start + minutes / 1440, &y, &m, &d);
		off = m >= 4 && m <= 10;
		p = (int)rnd(sizeof who / sizeof who[0]);
		printf("%04d-%02d-%02dT%02d:%02d:00+0%d:00,%s", y, m, d,
		    (int)(minutes % 1440 / 60), (int)(minutes % 60), off,
		    who[p]);
		answered = 0;
		measure(4 + p % 3);
		measure(3 + (int)(i * 5 / n) + p % 2);
		measure(6 - p % 3);
		measure(5 - p % 2);
		/* attune never logs a row with no answer at all. */
		if (rnd(10) == 0 && answered > 0)
			fputs(",", stdout);
		else
			printf(",%d.%d", 4 + (int)rnd(5), (int)rnd(10));
		k = (int)rnd(4);
		printf(",%s", k == 0 ? "" : k == 1 ? "skin" : k == 2 ?
		    "talk;feed" : "carry;sing");
		printf(",%s", rnd(40) == 0 ? "panic" : "");
		if (rnd(20) < 11)
			printf(",%s\n", notes[rnd(sizeof notes / sizeof notes[0])]);
		else
			fputs(",\n", stdout);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
