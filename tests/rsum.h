/* rsum.h: whether two report summaries say the same, for the tests and
 * fuzzers that compare a streaming report with one keeping every day. */
#ifndef RSUM_H
#define RSUM_H

#include <string.h>

#include "attune.h"

static int
rsum_equal(const struct attune_rsum *a, const struct attune_rsum *b)
{
	int i;

	if (memcmp(a->m, b->m, sizeof a->m) != 0 ||
	    memcmp(a->prev, b->prev, sizeof a->prev) != 0 ||
	    a->checkins != b->checkins || a->days != b->days ||
	    a->flagged != b->flagged || a->screens != b->screens ||
	    a->rules != b->rules || a->nwhy != b->nwhy)
		return 0;
	for (i = 0; i < a->nwhy; i++)
		if (a->why[i].rule != b->why[i].rule ||
		    strcmp(a->why[i].text, b->why[i].text) != 0)
			return 0;
	return 1;
}

#endif
