/*
 * attune: the front program.  "attune NAME ARGS…" runs attune-NAME, found
 * first beside this program and then on PATH (lib/front.c).  Its list
 * names them in the order and with the one-line summaries of
 * bin/commands, made into cmds.h by make; a command not named there is
 * listed too.  So a new command is a new file.
 */
#include "attune.h"

static const struct attune_cmd cmds[] = {
#include "cmds.h"	/* made by make from bin/commands */
};

int
main(int argc, char **argv)
{
	attune_setprog(argv[0]);
	return attune_front(argc, argv, cmds, sizeof cmds / sizeof cmds[0]);
}
