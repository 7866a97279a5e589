/* attune_priv.h: what the library shares inside itself (and tests may use). */
#ifndef ATTUNE_PRIV_H
#define ATTUNE_PRIV_H
#include "attune.h"

#endif
