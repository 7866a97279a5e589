/* attune_priv.h: what the library shares inside itself (and tests may use). */
#ifndef ATTUNE_PRIV_H
#define ATTUNE_PRIV_H
#include "attune.h"

/* issue 16, time.c: the period a report's options ask for, and a date
 * option's value; each a usage error when it is not one. */
int	 attune_period_user(const struct attune_period_opt *o, int64_t now,
	    int64_t *from, int64_t *to);	/* 0: no period; usage errors */
int64_t	 attune_date_opt(const char *opt, const char *val); /* or usage error */
/* logedit.c: one check-in value checked and written as attune writes it. */
const char *attune_edit_value(const char *col, const char *val,
	    struct attune_buf *out, unsigned *flags);	/* NULL, or why not */

#endif
