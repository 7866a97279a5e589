/*
 * attune_priv.h: what the library shares inside itself (and the tests may
 * use); commands use attune.h only.
 */
#ifndef ATTUNE_PRIV_H
#define ATTUNE_PRIV_H

#include "attune.h"

/* num.c */
long	 attune_num(const char *s, const char **end);
size_t	 attune_num_digits(const char *s, size_t n, size_t max, int *v);

#endif
