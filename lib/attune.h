/*
 * attune.h: libattune's public face, what the commands in bin/ use: each
 * command's options struct and its one run call, and the option helpers.
 * The rest is in attune_priv.h; lib/README draws the layers.  Every name
 * starts with attune_ or ATTUNE_; commands never include csv.h or zlib.h.
 */
#ifndef ATTUNE_H
#define ATTUNE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit status, the same in every command. */
enum {
	ATTUNE_OK = 0,		/* done */
	ATTUNE_FAIL = 1,	/* I/O error, unreadable or (--strict) bad */
	ATTUNE_USAGE = 2,	/* bad option or value; nothing was written */
	ATTUNE_ATTENTION = 3	/* done, and something needs attention */
};

/* err.c: one error path, every message prefixed with the program name. */
void	 attune_setprog(const char *argv0);
int	 attune_finish(int status);	/* flush stdout; 1 if that failed */
void	 attune_version(const char *name) __attribute__((noreturn));

/* opt.c: option values, checked once, refused with a message naming both. */
void	 attune_usage_error(const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 1, 2)));
int	 attune_opt_int(const char *opt, const char *val, int min, int max);
int	 attune_opt_tenths(const char *opt, const char *val, int min, int max);
void	 attune_opt_unknown(int c, char **argv);	/* getopt '?' or ':' */
void	 attune_usage_first(void (*fn)(void));	/* runs before a usage error */
const char *attune_suggest(const char *s, const char *const *words);
struct option;
void	 attune_opt_longopts(const struct option *lo);	/* for "did you mean" */
int	 attune_opt_choice(const char *opt, const char *val,
	    const char *const *words);
int	 attune_word_index(const char *const *words, const char *s, size_t n);
void	 attune_opt_add(const char **f, char **buf, const char *v); /* a;b */
struct attune_safety_opt {	/* what a first, lenient pass finds */
	const char *dir, *who, *region;	/* the last given, or NULL */
	int	 quiet, print, dryrun, all, harm;	/* harm: --flag's */
	char	**args;			/* the operands, as the real pass's */
	int	 nargs, files;		/* files 1: they are logs to read */
	void	(*option)(int c, const char *val);	/* sees each, or NULL */
};
void	 attune_opt_safety(int argc, char **argv, const char *optstring,
	    const struct option *lo, struct attune_safety_opt *s);
void	 attune_harm_first(const struct attune_safety_opt *s);	/* the lines */
struct attune_time;
const char *attune_opt_time(const char *val, const char *what,
	    struct attune_time *t);	/* --time, not ahead of the clock */
int64_t	 attune_today(void);	/* $ATTUNE_NOW's, else the clock's; exit 2 */

/* front.c: the front, attune(1), over its table of commands. */
struct attune_cmd {
	const char *name, *what;
	int	 always;	/* 1: built here; 0: listed where found */
};
int	 attune_front(int argc, char **argv, const struct attune_cmd *cmds,
	    size_t n);

/* judge.c: every threshold with its source, for attune report --rules. */
void	 attune_thresholds_print(FILE *f);

/* judge.c: before a usage error, the crisis lines if harm came up (1). */
int	 attune_safety_first(const struct attune_safety_opt *s);

/* tips.c: attune-tips(1) once its options are read: their values checked,
 * the tips files read and checked, tips chosen (by topic, of the day, or
 * for the person from judge.c's verdict) and printed, the crisis lines
 * first.  The exit status. */
struct attune_tips_opt {
	const char *dir, *who, *region, *time;	/* as given, or NULL */
	const char *format, *count;		/* as given, or NULL */
	char	**topics;		/* TOPIC arguments */
	int	 ntopics;
	int	 all, list, today, why, strict, partner;
};
int	 attune_tips(const struct attune_tips_opt *o);

/* screenrun.c: one attune-screen run, options to output; the exit
 * status.  attune_screen_first comes before the options are checked, with
 * them as read leniently: if the answers given raise a safety item, it
 * shows the crisis lines (then attune_screen_run shows them not again). */
enum { ATTUNE_SCREEN_TEXT, ATTUNE_SCREEN_CSV, ATTUNE_SCREEN_JSON,
	ATTUNE_SCREEN_FHIR };
struct attune_screen_opt {
	const char *answers, *scores, *wording;	/* as given, or NULL */
	const char *dir, *region, *time, *who;
	char	**args;			/* the operands: the questionnaire */
	int	 nargs;
	int	 dryrun, list, partner, quiet;
	int	 format;		/* ATTUNE_SCREEN_* */
};
void	 attune_screen_first(const struct attune_screen_opt *o);
int	 attune_screen_run(const struct attune_screen_opt *o);
const char *attune_screen_attribution(void);	/* the PHQ's, for --help */

/* reportrun.c: one attune-report run (time.c: the period asked for). */
struct attune_period_opt {
	const char *week, *month, *last, *since, *until;	/* or NULL */
	int	 weekgiven, monthgiven;	/* --week, --month, even bare */
};
/* opt.c: --week, or --month (month 1), as getopt_long returns it. */
void	 attune_opt_period(struct attune_period_opt *p, int month, int argc,
	    char **argv);
extern const char *const attune_report_formats[];	/* --format's words */
extern const char *const attune_report_bys[];	/* --by's; "none" first */
struct attune_report_opt {
	struct attune_period_opt period;
	const char *dir, *who, *region, *birth;	/* as given, or NULL */
	char	**files;		/* FILE arguments, NULL-ended */
	int	 all, ascii, check, notes, quiet, strict, fhircheckins;
	int	 by, format;	/* in attune_report_bys, _formats; 0 default */
};
int	 attune_report_run(const struct attune_report_opt *o, int64_t today);

/* checkinrun.c: one attune-checkin run: asked at a terminal (checkinask.c)
 * when no value is given, logged, or --archive.  Values are checked as read,
 * so the first mistake is named; harm shows the crisis lines before that. */
struct attune_checkin_opt {
	const char *dir, *who, *region, *time, *before;	/* as given, or NULL */
	const char *note;		/* attune_checkin_note's, or NULL */
	int	 mood, bond, anxiety, numb;	/* -1: not given */
	int	 sleep;			/* in tenths, or -1 */
	int	 did, flags;		/* attune_checkin_words's, or -1 */
	int	 archive, dryrun, print, quiet;
};
int	 attune_checkin_words(int flag, const char *val, int acc); /* flag 1 */
void	 attune_checkin_wordlist(FILE *f, int flags);	/* for the usage */
const char *attune_checkin_note(const char *val);	/* "-": stdin */
int	 attune_checkin_run(const struct attune_checkin_opt *o); /* status */

/* logrun.c: one attune-log run (attune-log(1)): the latest entries listed
 * with their ids, the last taken away (undo), or one changed (id: an id or
 * "last"; edit's values as attune checkin takes them).  The exit status. */
struct attune_log_opt {
	const char *dir, *region, *who, *last, *id;	/* as given, or NULL */
	const char *time, *mood, *bond, *anxiety, *numb, *sleep, *did,
		   *flags, *note;		/* edit's values, or NULL */
	char	*didbuf, *flagsbuf;	/* given again: attune_opt_add's */
	int	 all, count, quiet, screens, undo, yes;
	int	 format;		/* 0 text, 1 csv, 2 json */
};
int	 attune_log_run(const struct attune_log_opt *o);

#endif
