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
char	*attune_buf_space(struct attune_buf *b, size_t n);
void	 attune_buf_str(struct attune_buf *b, const char *s);
void	 attune_buf_printf(struct attune_buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 attune_buf_free(struct attune_buf *b);

/* opt.c: option values, checked once, refused with a message naming both. */
void	 attune_usage_error(const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 1, 2)));
int	 attune_opt_int(const char *opt, const char *val, int min, int max);
int	 attune_opt_tenths(const char *opt, const char *val, int min, int max);
unsigned attune_opt_words(const char *opt, const char *val,
	    const char *const *words, unsigned acc);
int	 attune_parse_int(const char *val, int min, int max, int *v);
int	 attune_parse_tenths(const char *val, int min, int max, int *v);
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
void	 attune_words_join(FILE *f, const char *const *words, const char *sep);

/* text.c: UTF-8, safe display of logged text, wrapping. */
int	 attune_utf8_valid(const char *s, size_t n);
void	 attune_put_safe(FILE *f, const char *s, size_t n);
/* A log value for a message: char q[ATTUNE_VALUE]; "'%s'", attune_safe_value(
 * q, sizeof q, s, n).  Every value from a log is quoted through it. */
#define ATTUNE_VALUE	64
const char *attune_safe_value(char *buf, size_t size, const char *s, size_t n);
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
void	 attune_date_format(int64_t days, char buf[16]);
int64_t	 attune_time_epoch(const struct attune_time *t);
/* Periods as people name them; 0, or -1 with *why (attune-report(1)). */
int	 attune_week_user(const char *s, int64_t today, int64_t *monday,
	    const char **why);		/* this, last, 2026-W47, a date */
int	 attune_month_user(const char *s, int64_t today, int64_t *first,
	    const char **why);		/* this, last, 2026-11, November */
int	 attune_last_user(const char *s, int64_t end, int64_t *from,
	    const char **why);		/* 14d, 2w, 3m: ending at end */
void	 attune_conf_dir(const char *dirflag);	/* where the defaults come from */
void	 attune_conf_hush(int on);	/* 1: its warnings wait (crisis lines) */

/* dir.c: the data directory and its logs. */
char	*attune_dir_resolve(const char *opt);	/* malloc'd path */
int	 attune_dir_make(const char *dir);	/* mkdir 0700, warn if open */
char	*attune_dir_file(const char *dir, const char *name);
void	 attune_strv_free(char **v);
struct stat;
#define ATTUNE_CSV_MAXROW	(256 * 1024)
void	 attune_csv_field(struct attune_buf *b, const char *s, size_t n, int first);
void	 attune_csv_sheet(FILE *f, const char *rows, size_t n);
int	 attune_write_all(int fd, const char *s, size_t n);
struct stat;

/* crisis.c: crisis and support lines, one table for every command. */
const char *attune_region(const char *opt);	/* NULL: every region */
int	 attune_region_parse(const char *opt, const char **region);
void	 attune_crisis_print(FILE *f, const char *region);
void	 attune_crisis_stderr(const char *region);	/* if stdout is no tty; once */

/* log.c: the two logs, checkins.csv and screens.csv (attune-log(5)). */
enum { ATTUNE_MOOD, ATTUNE_BOND, ATTUNE_ANXIETY, ATTUNE_NUMB, ATTUNE_SLEEP,
	ATTUNE_NMEASURES };
struct attune_measure {
	const char *name, *question, *low, *high;
	int	 max;		/* in tenths for sleep, else points */
	int	 tenths;	/* 1: written with one decimal */
	int	 better;	/* +1 higher is better, -1 lower is better */
};
extern const struct attune_measure attune_measures[ATTUNE_NMEASURES];
extern const char *const attune_did_words[];	/* NULL-ended */
extern const char *const attune_flag_words[];	/* NULL-ended */
#define ATTUNE_FLAG_HARM (1u << 5)

struct attune_checkin {
	struct attune_time ts;
	const char *who;
	int	 v[ATTUNE_NMEASURES];	/* -1: not answered; sleep in tenths */
	unsigned did, flags;
	const char *note;
	size_t	 notelen;
};
void	 attune_measure_put(struct attune_buf *b, int k, int v);
void	 attune_checkin_init(struct attune_checkin *ci);	/* measures -1 */
void	 attune_checkin_row(struct attune_buf *b, const struct attune_checkin *ci);

/* instrument.c: the questionnaires as data, one table each (items, option
 * labels, points per option, reverse and safety items, scales, bands,
 * citation, licence), and the one engine that scores them all. */
#define ATTUNE_MAXITEMS		32
#define ATTUNE_MAXOPTS		8
#define ATTUNE_MAXSCALES	8
struct attune_item {
	const char *id;		/* in wording files: "laugh", or "1" */
	const char *text;	/* NULL where the wording may not ship */
	int	 reverse;	/* 1: the points run bottom option to top */
	int	 safety;	/* 1: any points here raise the safety flag */
};
struct attune_scale {
	const char *name;	/* in the log: subscales name=value */
	const char *title;
	const unsigned char *items;	/* item numbers (from 1), 0-ended */
	int	 max;
	int	 high, high_partner;	/* at or above: high; 0 no partner one */
	const char *source;	/* where the cut-off comes from */
	const char *meaning;	/* in plain words, when at the cut-off */
};
struct attune_band {
	int	 min;		/* the lowest total in the band */
	const char *word;	/* short machine word, in the log */
	const char *plain;	/* the band in plain words */
	const char *meaning;	/* what it may mean */
	int	 positive;	/* 1: a positive screen, worth a conversation */
};
struct attune_instrument {
	const char *name, *label, *title;	/* "phq9", "PHQ-9", in full */
	const char *measures, *citation, *licence;
	const char *instruction, *recall;
	int	 nitems, nopts;
	const struct attune_item *items;
	const char *const *options;	/* NULL: a wording file gives them */
	const int *points;	/* points per option position, top first */
	const struct attune_scale *scales;	/* ends with a NULL name */
	const struct attune_band *bands;	/* by min, NULL word ends */
	const struct attune_band *partner_bands;	/* NULL: the same */
	int	 scale_bands;	/* 1: banded on its scales, not its total */
	int	 wording;	/* 1: the item wording ships */
	const char *attribution;	/* printed with every result, or NULL */
};
#define ATTUNE_PHQ_ATTRIBUTION "PHQ-9 and GAD-7 were developed by Drs. " \
	"Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and " \
	"colleagues, with an educational grant from Pfizer Inc."

struct attune_result {
	const struct attune_instrument *in;
	int	 partner;	/* 1: partner cut-offs */
	int	 pos[ATTUNE_MAXITEMS];	/* position chosen, 1 = top option */
	int	 pts[ATTUNE_MAXITEMS];	/* the points it scores */
	int	 total, max;
	int	 sub[ATTUNE_MAXSCALES];
	unsigned high;		/* bit k: scale k at or above its cut-off */
	unsigned long safety;	/* bit i: item i + 1 raised the flag */
	const struct attune_band *band;
};
const struct attune_instrument *attune_instrument(const char *name);
void	 attune_score(struct attune_result *r);	/* from in, partner, pos */
void	 attune_screen_row(struct attune_buf *b, const struct attune_time *ts,
	    const char *who, const struct attune_result *r);
char	*attune_exe_dir(void);	/* the running program's; malloc'd, or NULL */
void	 attune_thresholds_print(FILE *f);

/* report.c: what attune report learns from the logs, read once.  The
 * periods are set before anything is read.  Check-ins are summed per person
 * and day; a day is then folded, in time order, into the summary of the
 * period holding it, and each period is judged (judge.c) once its last day
 * is folded.  Streaming, only the latest ATTUNE_RWINDOW days are kept, so
 * memory does not grow with the log; otherwise every day is kept for the
 * charts and lists of the text, HTML and JSON reports.  Screens are few and
 * kept whole. */
enum { ATTUNE_BY_NONE, ATTUNE_BY_DAY, ATTUNE_BY_WEEK, ATTUNE_BY_MONTH };
int	 attune_safety_first(const char *dir, const char *who,
	    const char *region);	/* crisis lines if harm came up */
void	 attune_json_put(FILE *f, const char *s, size_t n);

/* tips.c: attune-tips(1) once its options are checked: the tips files read
 * and checked, tips chosen (by topic, of the day, or for the person from
 * judge.c's verdict) and printed, the crisis lines first.  The exit status. */
struct attune_tips_ask {
	const char *dir, *who, *region;	/* dir resolved, who checked */
	const char *const *topics;	/* as named on the command line */
	int	 ntopics;
	int64_t	 day;
	int	 all, list, today, why, strict, partner;
	int	 format;		/* 0 text, 1 csv */
	int	 count;			/* -1: the default */
	int	 crisis_shown;		/* already, before a usage error */
};
int	 attune_tips(const struct attune_tips_ask *a);

/* screen.c: attune screen's answers, wording files and results.  Each
 * returns 0, or -1 when it could not: said already, or, for the values,
 * put in why for the command's usage error. */
enum { ATTUNE_SCREEN_TEXT, ATTUNE_SCREEN_CSV, ATTUNE_SCREEN_JSON,
	ATTUNE_SCREEN_FHIR };
struct attune_wording {		/* from a --wording file; NULL where none */
	char	*instruction;
	char	*text[ATTUNE_MAXITEMS];
	char	*opt[ATTUNE_MAXITEMS][ATTUNE_MAXOPTS];
};
int	 attune_screen_values(const struct attune_instrument *in,
	    const char *opt, const char *val, int scores, int *pos,
	    struct attune_buf *why);	/* --answers (positions) or --scores */
int	 attune_screen_safety(const struct attune_instrument *in,
	    const char *answers, const char *scores);	/* 1: a safety item */
int	 attune_wording_load(const char *path,
	    const struct attune_instrument *in, struct attune_wording *w);
void	 attune_wording_free(struct attune_wording *w);
int	 attune_screen_ask(struct attune_result *r,
	    const struct attune_wording *w, const char *region);	/* -1 left */
int	 attune_screen_log(const char *path, const struct attune_buf *row);
void	 attune_screen_list(FILE *f);
void	 attune_screen_print(FILE *f, int format, int dryrun,
	    const struct attune_result *r, const struct attune_time *ts,
	    const char *who, const struct attune_buf *row, const char *path);

/* issue 16: what the thin commands call.  time.c: the period a report's
 * options ask for; reportrun.c: one attune-report run, options to output. */
struct attune_period_opt {
	const char *week, *month, *last, *since, *until;	/* or NULL */
	int	 weekgiven, monthgiven;	/* --week, --month, even bare */
};
enum { ATTUNE_FMT_TEXT, ATTUNE_FMT_MD, ATTUNE_FMT_CSV, ATTUNE_FMT_JSON,
	ATTUNE_FMT_HTML, ATTUNE_FMT_FHIR };
struct attune_report_opt {
	struct attune_period_opt period;
	const char *dir, *who, *region, *birth;	/* as given, or NULL */
	char	**files;		/* FILE arguments, NULL-ended */
	int	 all, ascii, check, notes, quiet, strict, fhircheckins;
	int	 by, format;		/* ATTUNE_BY_*, ATTUNE_FMT_* */
};
int	 attune_report_run(const struct attune_report_opt *o, int64_t today);
					/* ATTUNE_OK, _FAIL or _ATTENTION */

/* checkinrun.c: attune-checkin's check-in logged (the row, the words
 * after it, a reach-out rule it made fire) and --archive's default day. */
int	 attune_checkin_answered(const struct attune_checkin *ci);
int	 attune_checkin_log(const char *dir, const struct attune_checkin *ci,
	    int64_t today, int print, int quiet, FILE *info);
int	 attune_checkin_archive(const char *dir, const char *before, int quiet);

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
