/*
 * attune.h: libattune's public face, what the commands in bin/ use (and
 * nothing else: a name only lib and the tests need is in attune_priv.h).
 * lib/README draws the layers.  Sections follow the files that implement
 * them.  Every symbol starts with
 * attune_ (or ATTUNE_).  Commands never include <csv.h> or <zlib.h>.
 */
#ifndef ATTUNE_H
#define ATTUNE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"	/* ATTUNE_VERSION, ATTUNE_DATADIR: made from config.mk */

/* Exit status, the same in every command. */
enum {
	ATTUNE_OK = 0,		/* done */
	ATTUNE_FAIL = 1,	/* I/O error, unreadable input, corrupt input under --strict */
	ATTUNE_USAGE = 2,	/* bad option or value; nothing was written */
	ATTUNE_ATTENTION = 3	/* done, and something needs attention */
};

/* err.c: one error path, every message prefixed with the program name. */
void	 attune_setprog(const char *argv0);
const char *attune_prog(void);
void	 attune_err(int status, const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));
void	 attune_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 attune_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	*attune_xcalloc(size_t n, size_t size);
void	*attune_xreallocarray(void *p, size_t n, size_t size);
char	*attune_xstrdup(const char *s);
int	 attune_finish(int status);	/* flush stdout; 1 if that failed */
void	 attune_version(const char *name) __attribute__((noreturn));

/* buf.c: a growing byte buffer. */
struct attune_buf {
	char	*s;
	size_t	 len, cap;
};
void	 attune_buf_add(struct attune_buf *b, const void *p, size_t n);
void	 attune_buf_str(struct attune_buf *b, const char *s);
void	 attune_buf_printf(struct attune_buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 attune_buf_free(struct attune_buf *b);

/* opt.c: option values, checked once, refused with a message naming both. */
void	 attune_usage_error(const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 1, 2)));
int	 attune_opt_int(const char *opt, const char *val, int min, int max);
int	 attune_opt_tenths(const char *opt, const char *val, int min, int max);
int	 attune_parse_words(const char *val, const char *const *words,
	    unsigned *acc, const char **bad, size_t *badlen);
void	 attune_opt_unknown(int c, char **argv);	/* getopt '?' or ':' */
void	 attune_usage_first(void (*fn)(void));	/* runs before a usage error */
const char *attune_opt_who(const char *opt);	/* --who, $ATTUNE_WHO,
						 * attune.conf, "me" */
const char *attune_suggest(const char *s, const char *const *words);
struct option;
void	 attune_opt_longopts(const struct option *lo);	/* for "did you mean" */
int	 attune_opt_choice(const char *opt, const char *val,
	    const char *const *words);
int	 attune_word_index(const char *const *words, const char *s, size_t n);

/* text.c: UTF-8, safe display of logged text, wrapping. */
void	 attune_put_safe(FILE *f, const char *s, size_t n);
struct attune_time {
	int64_t	 days;	/* civil days since 1970-01-01 of the written date */
	int32_t	 sec;	/* seconds since that date's midnight */
	int32_t	 off;	/* UTC offset in seconds, or ATTUNE_NOOFF */
};
int	 attune_time_now(struct attune_time *t);	/* honours $ATTUNE_NOW */
int	 attune_time_iso(const char *s, size_t n, struct attune_time *t);
int	 attune_time_user(const char *s, struct attune_time *t, const char **why);
int	 attune_date_user(const char *s, int64_t *days, const char **why);
void	 attune_time_format(const struct attune_time *t, char buf[32]);
int64_t	 attune_time_epoch(const struct attune_time *t);
/* Periods as people name them; 0, or -1 with *why (attune-report(1)). */
int	 attune_week_user(const char *s, int64_t today, int64_t *monday,
	    const char **why);		/* this, last, 2026-W47, a date */
int	 attune_month_user(const char *s, int64_t today, int64_t *first,
	    const char **why);		/* this, last, 2026-11, November */
int	 attune_last_user(const char *s, int64_t end, int64_t *from,
	    const char **why);		/* 14d, 2w, 3m: ending at end */
void	 attune_conf_dir(const char *dirflag);	/* where the defaults come from */

/* dir.c: the data directory and its logs. */
char	*attune_dir_resolve(const char *opt);	/* malloc'd path */
int	 attune_dir_make(const char *dir);	/* mkdir 0700, warn if open */
char	*attune_dir_file(const char *dir, const char *name);
void	 attune_strv_free(char **v);
struct stat;
void	 attune_csv_field(struct attune_buf *b, const char *s, size_t n, int first);
int	 attune_write_all(int fd, const char *s, size_t n);
struct stat;

/* crisis.c: crisis and support lines, one table for every command. */
const char *attune_region(const char *opt);	/* NULL: every region */
int	 attune_region_parse(const char *opt, const char **region);
void	 attune_crisis_print(FILE *f, const char *region);
void	 attune_crisis_stderr(const char *region);	/* if stdout is no tty; once */

/* log.c: the two logs, checkins.csv and screens.csv (attune-log(5)). */
extern const char *const attune_flag_words[];	/* NULL-ended */
#define ATTUNE_FLAG_HARM (1u << 5)

/* share.c: the running program's directory (the front finds its commands
 * there); judge.c: every threshold with its source, for attune report. */
char	*attune_exe_dir(void);	/* the running program's; malloc'd, or NULL */
void	 attune_thresholds_print(FILE *f);

/* report.c: before a usage error, the crisis lines if harm came up in
 * the two weeks ending today (1: shown); report_data.c: a JSON string. */
int	 attune_safety_first(const char *dir, const char *who,
	    const char *region);
void	 attune_json_put(FILE *f, const char *s, size_t n);

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
 * shows the crisis lines and returns 1, for early. */
enum { ATTUNE_SCREEN_TEXT, ATTUNE_SCREEN_CSV, ATTUNE_SCREEN_JSON,
	ATTUNE_SCREEN_FHIR };
struct attune_screen_opt {
	const char *answers, *scores, *wording;	/* as given, or NULL */
	const char *dir, *region, *time, *who;
	char	**args;			/* the operands: the questionnaire */
	int	 nargs;
	int	 dryrun, list, partner, quiet;
	int	 format;		/* ATTUNE_SCREEN_* */
	int	 early;			/* 1: the crisis lines are shown */
};
int	 attune_screen_first(const struct attune_screen_opt *o);
int	 attune_screen_run(const struct attune_screen_opt *o);
const char *attune_screen_attribution(void);	/* the PHQ's, for --help */

/* issue 16: what the thin commands call.  time.c: the period a report's
 * options ask for; reportrun.c: one attune-report run, options to output. */
struct attune_period_opt {
	const char *week, *month, *last, *since, *until;	/* or NULL */
	int	 weekgiven, monthgiven;	/* --week, --month, even bare */
};
/* opt.c: --week, or --month (month 1), as getopt_long returns it. */
void	 attune_opt_period(struct attune_period_opt *p, int month, int argc,
	    char **argv, int64_t today);
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
					/* ATTUNE_OK, _FAIL or _ATTENTION */

/* checkinrun.c: one attune-checkin run from its options: asked at a
 * terminal when no value is given (checkinask.c), logged, or --archive.
 * Each value is checked as its option comes, so the first mistake is the
 * one named; a harm flag shows the crisis lines before any is checked. */
struct attune_checkin_opt {
	const char *dir, *who, *region, *time, *before;	/* as given, or NULL */
	const char *note;		/* attune_checkin_note's, or NULL */
	int	 mood, bond, anxiety, numb;	/* -1: not given */
	int	 sleep;			/* in tenths, or -1 */
	int	 did, flags;		/* attune_checkin_words's, or -1 */
	int	 archive, dryrun, print, quiet;
	int	 harm;			/* a harm flag: attune_checkin_crisis ran */
	const char *harm_region;	/* what it returned */
};
int	 attune_checkin_words(int flags, const char *val, int acc);
					/* --did (0) or --flag (1) */
void	 attune_checkin_wordlist(FILE *f, int flags);	/* for the usage */
const char *attune_checkin_note(const char *val);	/* "-": stdin */
int	 attune_checkin_harm(const char *flags);	/* leniently, 1: harm */
const char *attune_checkin_crisis(const struct attune_checkin_opt *o);
int	 attune_checkin_run(const struct attune_checkin_opt *o);
					/* the exit status */

/* logrun.c: one attune-log run, options to output (attune-log(1)): the
 * latest entries listed with their ids, the last one taken away (undo), or
 * one check-in changed (id: an id or "last"; edit's values as attune
 * checkin takes them, time checked already).  The exit status. */
struct attune_log_opt {
	const char *dir, *region, *who, *last, *id;	/* as given, or NULL */
	const char *time, *mood, *bond, *anxiety, *numb, *sleep, *did,
		   *flags, *note;		/* edit's values, or NULL */
	int	 all, count, quiet, screens, undo, yes;
	int	 format;			/* 0 text, 1 csv, 2 json */
};
int	 attune_log_run(const struct attune_log_opt *o);

#endif
