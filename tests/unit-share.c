/*
 * unit-share: attune_share_file finds the data files beside the program
 * (this test runs from tests/, so ../share is the tree's share/).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"
#include "test.h"

int
main(void)
{
	char *p;
	size_t n;

	p = attune_share_file("tips.csv");
	ok(p != NULL, "tips.csv is found");
	if (p != NULL) {
		n = strlen(p);
		ok(n > 18 && strcmp(p + n - 18, "/../share/tips.csv") == 0,
		    "it is the one beside the program: %s", p);
		ok(access(p, R_OK) == 0, "it can be read");
	}
	free(p);
	ok(attune_share_file("no-such-file.csv") == NULL,
	    "a file that is nowhere gives NULL");
	ok(attune_share_file("") == NULL, "an empty name gives NULL, "
	    "not the directory");
	return tap_done();
}
