/*
 * floor: the least any program reading the log with libcsv can do for a
 * weekly summary.  It parses FILE with libcsv, and for each ISO week of a
 * timestamp's written date and each person sums the five measures, keeps
 * their lowest and highest, and counts the days and the flagged check-ins,
 * then prints one row a person and week, from the person's first week to
 * their last, in the report's own columns and order, so that it does the
 * output work attune report does (attune-report(1), CSV):
 *
 *	period_start,period_end,who,checkins,days,mood_mean,mood_min,mood_max,
 *	...,sleep_mean,sleep_min,sleep_max,flags,screens,reach_out
 *
 * The means have six decimals, so that the benchmark can check that
 * attune's two-decimal means are rounded right; screens are 0 and
 * reach_out is empty, as it judges nothing.  It knows the column order of
 * the log scripts/bench writes, and checks nothing: it is the floor, not a
 * reader.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "attune_priv.h"

#define NWHO	16

struct sums {
	long	 rows, days, flagged, n[ATTUNE_NMEASURES];
	long	 sum[ATTUNE_NMEASURES];
	int	 min[ATTUNE_NMEASURES], max[ATTUNE_NMEASURES];
	int64_t	 lastday;
};

static char	*names[NWHO];
static int	 nnames;
static struct sums *weeks;	/* [week index * NWHO + person] */
static int64_t	 first = -1;
static long	 nweeks;

static int	 col, row, person, flagged;
static int64_t	 monday, day;
static int	 val[ATTUNE_NMEASURES];
static long	 lo[NWHO], hi[NWHO];	/* each person's first and last week */

static int
person_of(const char *s, size_t n)
{
	int i;

	if (n == 0) {
		s = "me";
		n = 2;
	}
	for (i = 0; i < nnames; i++)
		if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
			return i;
	if (nnames == NWHO)
		return NWHO - 1;
	names[nnames] = malloc(n + 1);
	memcpy(names[nnames], s, n);
	names[nnames][n] = '\0';
	return nnames++;
}

static void
field(void *p, size_t n, void *data)
{
	const char *s = p;
	size_t i;
	int v, k;

	(void)data;
	if (row == 0) {
		col++;
		return;
	}
	if (col == 0 && n >= 10) {
		int64_t days = attune_days_from_civil(
		    (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
		    (s[3] - '0'), (s[5] - '0') * 10 + (s[6] - '0'),
		    (s[8] - '0') * 10 + (s[9] - '0'));
		monday = days - attune_weekday(days) + 1;
		day = days;
	} else if (col == 1)
		person = person_of(s, n);
	else if (col >= 2 && col < 2 + ATTUNE_NMEASURES) {
		k = col - 2;
		v = -1;
		if (n > 0) {
			for (v = 0, i = 0; i < n && s[i] != '.'; i++)
				v = v * 10 + (s[i] - '0');
			if (k == ATTUNE_SLEEP)
				v = v * 10 + (i + 1 < n ? s[i + 1] - '0' : 0);
		}
		val[k] = v;
	} else if (col == 3 + ATTUNE_NMEASURES)
		flagged = n > 0;
	col++;
}

static void
endrow(int c, void *data)
{
	struct sums *w;
	long wi;
	int k;

	(void)c;
	(void)data;
	if (row++ == 0 || col < 2 + ATTUNE_NMEASURES) {
		col = 0;
		return;
	}
	col = 0;
	if (first < 0)
		first = monday;
	wi = (long)((monday - first) / 7);
	if (wi < 0)
		return;		/* the generated log is in order */
	if (wi >= nweeks) {
		long more = wi + 64;
		weeks = realloc(weeks, (size_t)more * NWHO * sizeof *weeks);
		memset(weeks + nweeks * NWHO, 0,
		    (size_t)(more - nweeks) * NWHO * sizeof *weeks);
		nweeks = more;
	}
	w = &weeks[wi * NWHO + person];
	if (w->rows++ == 0) {
		w->lastday = -1;
		if (lo[person] < 0 || wi < lo[person])
			lo[person] = wi;
		if (wi > hi[person])
			hi[person] = wi;
	}
	if (w->lastday != day) {	/* the log is in time order */
		w->days++;
		w->lastday = day;
	}
	w->flagged += flagged;
	for (k = 0; k < ATTUNE_NMEASURES; k++)
		if (val[k] >= 0) {
			if (w->n[k] == 0 || val[k] < w->min[k])
				w->min[k] = val[k];
			if (w->n[k] == 0 || val[k] > w->max[k])
				w->max[k] = val[k];
			w->n[k]++;
			w->sum[k] += val[k];
		}
}

/* A measure as the report writes it: sleep in hours with one decimal. */
static void
put_value(int k, int v)
{
	if (k == ATTUNE_SLEEP)
		printf(",%d.%d", v / 10, v % 10);
	else
		printf(",%d", v);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(names[*(const int *)a], names[*(const int *)b]);
}

int
main(int argc, char **argv)
{
	static char buf[1 << 16];
	struct csv_parser p;
	struct sums *w;
	FILE *f;
	size_t n;
	long wi;
	int i, k, order[NWHO];
	char day[16], end[16];

	for (i = 0; i < NWHO; i++)
		lo[i] = hi[i] = -1;
	if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: floor FILE\n");
		return 2;
	}
	csv_init(&p, CSV_APPEND_NULL);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		csv_parse(&p, buf, n, field, endrow, NULL);
	csv_fini(&p, field, endrow, NULL);
	csv_free(&p);
	fclose(f);
	for (i = 0; i < nnames; i++)
		order[i] = i;
	qsort(order, nnames, sizeof *order, by_name);
	puts("period_start,period_end,who,checkins,days,mood_mean,mood_min,"
	    "mood_max,bond_mean,bond_min,bond_max,anxiety_mean,anxiety_min,"
	    "anxiety_max,numb_mean,numb_min,numb_max,sleep_mean,sleep_min,"
	    "sleep_max,flags,screens,reach_out");
	for (wi = 0; wi < nweeks; wi++)
		for (i = 0; i < nnames; i++) {
			if (wi < lo[order[i]] || wi > hi[order[i]])
				continue;
			w = &weeks[wi * NWHO + order[i]];
			attune_date_format(first + wi * 7, day);
			attune_date_format(first + wi * 7 + 6, end);
			printf("%s,%s,%s,%ld,%ld", day, end, names[order[i]],
			    w->rows, w->days);
			for (k = 0; k < ATTUNE_NMEASURES; k++) {
				if (w->n[k] == 0) {
					printf(",,,");
					continue;
				}
				printf(",%.6f", (double)w->sum[k] /
				    w->n[k] / (k == ATTUNE_SLEEP ? 10 : 1));
				put_value(k, w->min[k]);
				put_value(k, w->max[k]);
			}
			printf(",%ld,0,\n", w->flagged);
		}
	return 0;
}
