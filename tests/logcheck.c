/*
 * logcheck: read check-in logs through the library, as every command
 * does, and print each good row on one line (its note made safe), then
 * "rows N skipped M".  For the shell tests: a row is visible to readers
 * exactly when logcheck prints it.
 *
 * usage: logcheck [-s] FILE…	-s: strict, a bad row is an error
 * Exit 0, or 1 if a log could not be read (or, with -s, held a bad row).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "attune.h"

int
main(int argc, char **argv)
{
	struct attune_csv *c;
	struct attune_checkin ci;
	char ts[32];
	long rows = 0, skipped = 0;
	int flags = 0, i, k, r, status = 0;

	attune_setprog(argv[0]);
	if (argc > 1 && strcmp(argv[1], "-s") == 0) {
		flags = ATTUNE_CSV_STRICT;
		argv++;
		argc--;
	}
	for (i = 1; i < argc; i++) {
		if ((c = attune_csv_open(argv[i], attune_checkin_cols,
		    flags)) == NULL) {
			status = 1;
			continue;
		}
		while ((r = attune_checkin_read(c, &ci)) > 0) {
			attune_time_format(&ci.ts, ts);
			printf("%s|%s", ts, ci.who);
			for (k = 0; k < ATTUNE_NMEASURES; k++)
				printf("|%d", ci.v[k]);
			printf("|%x|%x|", ci.did, ci.flags);
			attune_put_safe(stdout, ci.note, ci.notelen);
			putchar('\n');
			rows++;
		}
		skipped += attune_csv_skipped(c);
		if (attune_csv_close(c) < 0 || r < 0)
			status = 1;
	}
	printf("rows %ld skipped %ld\n", rows, skipped);
	return attune_finish(status);
}
