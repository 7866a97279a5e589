/*
 * attune-log: see, fix and undo entries.  Lists the latest entries of
 * checkins.csv (or screens.csv) with a short id; "edit ID" changes one
 * check-in with the options checkin takes, or in $VISUAL/$EDITOR; --undo
 * takes the last entry written away.  The options and the subcommand go
 * into one struct attune_log_opt, and lib/logrun.c does the run.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune.h"

static const char *const formats[] = { "text", "csv", "json", NULL };
static struct attune_log_opt o = { .count = 20 };
static struct attune_safety_opt first;	/* the first pass's: --flag harm */

#define OPTSTRING ":Aa:b:c:D:d:f:hm:N:n:qr:Ss:t:uVw:y"

static const struct option longopts[] = {
	{ "all",	no_argument,		NULL,	'A' },
	{ "anxiety",	required_argument,	NULL,	'a' },
	{ "bond",	required_argument,	NULL,	'b' },
	{ "count",	required_argument,	NULL,	'c' },
	{ "did",	required_argument,	NULL,	'D' },
	{ "dir",	required_argument,	NULL,	'd' },
	{ "flag",	required_argument,	NULL,	'F' },
	{ "format",	required_argument,	NULL,	'f' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "last",	required_argument,	NULL,	'L' },
	{ "mood",	required_argument,	NULL,	'm' },
	{ "note",	required_argument,	NULL,	'N' },
	{ "numb",	required_argument,	NULL,	'n' },
	{ "quiet",	no_argument,		NULL,	'q' },
	{ "region",	required_argument,	NULL,	'r' },
	{ "screens",	no_argument,		NULL,	'S' },
	{ "sleep",	required_argument,	NULL,	's' },
	{ "time",	required_argument,	NULL,	't' },
	{ "undo",	no_argument,		NULL,	'u' },
	{ "version",	no_argument,		NULL,	'V' },
	{ "who",	required_argument,	NULL,	'w' },
	{ "yes",	no_argument,		NULL,	'y' },
	{ NULL,		0,			NULL,	0 }
};

static _Noreturn void
usage(void)
{
	printf("usage: attune-log [-S] [--last N(d|w|m) | -c COUNT | -A] "
	    "[-w NAME]\n"
	    "                  [-f text|csv|json] [-d DIR]\n"
	    "       attune-log --undo [-S] [-y] [-d DIR]\n"
	    "       attune-log edit ID [-m N] [-b N] [-a N] [-n N] [-s H] "
	    "[-D LIST]\n"
	    "                  [--flag LIST] [-N NOTE] [-t WHEN] [-w NAME] "
	    "[-d DIR]\n\n"
	    "  -S, --screens      the screens log, not the check-ins\n"
	    "  -c, --count N      the latest N entries (default 20)\n"
	    "      --last N(d|w|m) the entries of the N days, weeks or months "
	    "ending today\n"
	    "  -A, --all          every entry in the live log\n"
	    "  -w, --who NAME     only this person's entries (with edit: the "
	    "new name)\n"
	    "  -f, --format FMT   text (default), csv or json\n"
	    "  -u, --undo         take the last entry written away\n"
	    "  -y, --yes          do it without asking\n"
	    "  edit ID|last       change that check-in: with -m, -b, -a, -n, -s, "
	    "-D,\n"
	    "                     --flag, -N or -t as attune checkin takes "
	    "them ('' clears\n"
	    "                     one), or with none at a terminal, in "
	    "$VISUAL or $EDITOR;\n"
	    "                     long: --mood --bond --anxiety --numb "
	    "--sleep --did\n"
	    "                     --flag --note --time\n"
	    "  -q, --quiet        say nothing when all went well\n"
	    "  -d, --dir DIR      the data directory\n"
	    "  -r, --region CC    crisis lines for this country\n"
	    "The previous log is kept as checkins.csv.bak (or screens.csv.bak)."
	    "\n");
	exit(attune_finish(ATTUNE_OK));
}

/* A word after the options that is not edit or undo. */
static _Noreturn void
not_a_sub(const char *word)
{
	static const char *const subs[] = { "edit", "undo", NULL };
	const char *near;

	if ((near = attune_suggest(word, subs)) != NULL)
		attune_usage_error("'%s' is not something attune log "
		    "does; did you mean '%s'?", word, near);
	attune_usage_error("'%s' is not something attune log does; "
	    "use 'edit ID', '--undo', or nothing to list", word);
}

int
main(int argc, char **argv)
{
	int c;

	attune_setprog(argv[0]);
	attune_opt_longopts(longopts);
	/* A harm flag: the crisis lines before any option is checked. */
	attune_opt_safety(argc, argv, OPTSTRING, longopts, &first);
	if (first.harm)
		attune_harm_first(&first);
	while ((c = getopt_long(argc, argv, OPTSTRING, longopts, NULL)) != -1)
		switch (c) {
		case 'A': o.all = 1; break;
		case 'a': o.anxiety = optarg; break;
		case 'b': o.bond = optarg; break;
		case 'c': o.count = attune_opt_int("--count", optarg, 1,
		    100000); break;
		case 'D': attune_opt_add(&o.did, &o.didbuf, optarg); break;
		case 'd': o.dir = optarg; break;
		case 'F': attune_opt_add(&o.flags, &o.flagsbuf, optarg); break;
		case 'f': o.format = attune_opt_choice("--format", optarg,
		    formats); break;
		case 'h': usage();
		case 'L': o.last = optarg; break;
		case 'm': o.mood = optarg; break;
		case 'N': o.note = optarg; break;
		case 'n': o.numb = optarg; break;
		case 'q': o.quiet = 1; break;
		case 'r': o.region = optarg; break;
		case 'S': o.screens = 1; break;
		case 's': o.sleep = optarg; break;
		case 't': o.time = attune_opt_time(optarg,
		    "check-ins are for now or earlier", NULL); break;
		case 'u': o.undo = 1; break;
		case 'V': attune_version("attune-log");
		case 'w': o.who = optarg; break;
		case 'y': o.yes = 1; break;
		default: attune_opt_unknown(c, argv);
		}
	argc -= optind;
	argv += optind;
	if (argc > 0 && strcmp(argv[0], "undo") == 0) {
		o.undo = 1;
		argc--;
		argv++;
	}
	if (argc > 0 && strcmp(argv[0], "edit") == 0) {
		if (argc != 2)
			attune_usage_error("edit takes one id, as 'attune log' "
			    "lists them");
		o.id = argv[1];
	} else if (argc > 0)
		not_a_sub(argv[0]);
	c = attune_log_run(&o);
	free(o.didbuf);
	free(o.flagsbuf);
	return attune_finish(c);
}
