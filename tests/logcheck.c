/*
 * logcheck: read check-in logs through the library, as every command
 * does, and print each good row on one line (its note made safe), then
 * "rows N".  A row skipped is said on stderr, as every command says it
 * ("... (row skipped)").  For the shell tests: a row is visible to
 * readers exactly when logcheck prints it.
 *
 * usage: logcheck [-s] [-n] FILE…
 *	-s: strict, a bad row is an error
 *	-n: print only each note, raw, ending in a NUL byte
 * Exit 0, or 1 if a log could not be read (or, with -s, held a bad row).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"

int
main(int argc, char **argv)
{
	struct attune_csv *c;
	struct attune_checkin ci;
	char ts[32];
	long rows = 0;
	int flags = 0, notes = 0, i, k, r, status = 0;

	attune_setprog(argv[0]);
	for (; argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0'; argc--,
	    argv++) {
		if (strcmp(argv[1], "-s") == 0)
			flags = ATTUNE_CSV_STRICT;
		else if (strcmp(argv[1], "-n") == 0)
			notes = 1;
		else
			break;
	}
	for (i = 1; i < argc; i++) {
		if ((c = attune_csv_open(argv[i], attune_checkin_cols,
		    flags)) == NULL) {
			status = 1;
			continue;
		}
		while ((r = attune_checkin_read(c, &ci)) > 0) {
			rows++;
			if (notes) {
				fwrite(ci.note, 1, ci.notelen, stdout);
				putchar('\0');
				continue;
			}
			attune_time_format(&ci.ts, ts);
			printf("%s|%s", ts, ci.who);
			for (k = 0; k < ATTUNE_NMEASURES; k++)
				printf("|%d", ci.v[k]);
			printf("|%x|%x|", ci.did, ci.flags);
			attune_put_safe(stdout, ci.note, ci.notelen);
			putchar('\n');
		}
		if (attune_csv_close(c) < 0 || r < 0)
			status = 1;
	}
	if (!notes)
		printf("rows %ld\n", rows);
	return attune_finish(status);
}
