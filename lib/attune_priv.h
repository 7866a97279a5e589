/*
 * attune_priv.h: what the library shares inside itself (and the tests may
 * use); commands use attune.h only.
 */
#ifndef ATTUNE_PRIV_H
#define ATTUNE_PRIV_H

#include <stdarg.h>

#include "attune.h"

/* Each declaration here follows the order of its section in attune.h
 * (err.c, buf.c, opt.c, text.c, time.c, ... report_*.c), for the part of
 * that file the commands do not call. */
void	 attune_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 attune_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	*attune_xcalloc(size_t n, size_t size);
void	*attune_xreallocarray(void *p, size_t n, size_t size);
char	*attune_xstrdup(const char *s);
const char *attune_prog(void);
void	 attune_err(int status, const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));
void	 attune_errx(int status, const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));
void	 attune_vwarnx(const char *fmt, va_list ap);	/* as attune_warnx */
void	 attune_vusage(const char *hint, const char *fmt, va_list ap);
void	 attune_warn_more(const char *fmt, ...)	/* unprefixed */
	    __attribute__((format(printf, 1, 2)));
void	 attune_say(const char *fmt, ...)	/* at a prompt: never held */
	    __attribute__((format(printf, 1, 2)));
void	 attune_quit(int status) __attribute__((noreturn));	/* said already */
/* Where warnings go (errors always at once, after what is held): said,
 * held till the crisis lines are shown, or dropped for a second read. */
enum attune_warn_way { ATTUNE_WARN_SAY, ATTUNE_WARN_HOLD, ATTUNE_WARN_DROP };
enum attune_warn_way attune_warn_way(enum attune_warn_way w);	/* was */
void	 attune_warn_release(void);	/* the held, in order, each once */
void	*attune_xmalloc(size_t n);
void	*attune_xrealloc(void *p, size_t n);
/* buf.c */
struct attune_buf {
	char	*s;
	size_t	 len, cap;
};
void	 attune_buf_str(struct attune_buf *b, const char *s);
void	 attune_buf_printf(struct attune_buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 attune_buf_free(struct attune_buf *b);
void	 attune_buf_add(struct attune_buf *b, const void *p, size_t n);
char	*attune_buf_space(struct attune_buf *b, size_t n);
int	 attune_distance(const char *a, size_t na, const char *b, size_t nb,
	    int max);	/* edits apart, any case; max + 1 if more */
/* opt.c */
void	 attune_usage_hint(const char *hint, const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));	/* or NULL */
int	 attune_parse_words(const char *val, const char *const *words,
	    unsigned *acc, const char **bad, size_t *badlen);
const char *attune_who_pick(const char *opt, const char **src);	/* silent */
const char *attune_opt_who(const char *opt);	/* --who, $ATTUNE_WHO,
						 * attune.conf, "me" */
unsigned attune_opt_words(const char *opt, const char *val,
	    const char *const *words, unsigned acc);
int	 attune_parse_int(const char *val, int min, int max, int *v);
int	 attune_parse_tenths(const char *val, int min, int max, int *v);
void	 attune_words_join(struct attune_buf *b, const char *const *words,
	    const char *sep);
int	 attune_name_index(const void *base, size_t n, size_t size,
	    const char *name);	/* things that start with a char *name */
/* text.c */
void	 attune_put_safe(FILE *f, const char *s, size_t n);
int	 attune_utf8_valid(const char *s, size_t n);
/* A log value for a message: char q[ATTUNE_VALUE]; "'%s'", attune_safe_value(
 * q, sizeof q, s, n).  Every value from a log is quoted through it. */
#define ATTUNE_VALUE	64
const char *attune_safe_value(char *buf, size_t size, const char *s, size_t n);
#define ATTUNE_ESC	16	/* room for one character's escape */
size_t	 attune_safe_char(const char *s, size_t n, size_t i,
	    char esc[ATTUNE_ESC]);
void	 attune_wrap(FILE *f, const char *s, int width, int indent);
int	 attune_text_width(const char *s, size_t n);	/* UTF-8 columns */
int	 attune_term_width(void);
int	 attune_term_utf8(void);

/* time.c: dates and times.  A day belongs to the date written in a
 * timestamp, so a time keeps its civil date, clock and UTC offset. */
#define ATTUNE_NOOFF INT32_MIN
struct attune_time {
	int64_t	 days;	/* civil days since 1970-01-01 of the written date */
	int32_t	 sec;	/* seconds since that date's midnight */
	int32_t	 off;	/* UTC offset in seconds, or ATTUNE_NOOFF */
};
int	 attune_time_now(struct attune_time *t);	/* bad ATTUNE_NOW: 2 */
int	 attune_time_user(const char *s, struct attune_time *t, const char **why);
void	 attune_time_format(const struct attune_time *t, char buf[32]);
int64_t	 attune_time_epoch(const struct attune_time *t);
int	 attune_time_iso(const char *s, size_t n, struct attune_time *t);
int	 attune_date_user(const char *s, int64_t *days, const char **why);
/* Periods as people name them; 0, or -1 with *why (attune-report(1)). */
int	 attune_week_user(const char *s, int64_t today, int64_t *monday,
	    const char **why);		/* this, last, 2026-W47, a date */
int	 attune_month_user(const char *s, int64_t today, int64_t *first,
	    const char **why);		/* this, last, 2026-11, November */
int	 attune_last_user(const char *s, int64_t end, int64_t *from,
	    const char **why);		/* 14d, 2w, 3m: ending at end */
void	 attune_date_format(int64_t days, char buf[16]);
int64_t	 attune_days_from_civil(int y, int m, int d);
void	 attune_civil_from_days(int64_t days, int *y, int *m, int *d);
int	 attune_weekday(int64_t days);			/* 1 Monday … 7 Sunday */
int64_t	 attune_month_start(int64_t days);	/* the 1st of its month */
int64_t	 attune_month_next(int64_t days);	/* the 1st of the next */
int	 attune_month_whole(int64_t start, int64_t end);
int	 attune_iso_week(int64_t days, int *year);	/* week 1 … 53 */
int64_t	 attune_iso_week_monday(int year, int week);
int	 attune_time_clock(struct attune_time *t);	/* -1: bad $ATTUNE_NOW
						 * (t: the system's) */
int64_t	 attune_months_add(int64_t days, int n);	/* day kept, or month end */

/* dir.c: the data directory and its logs. */
void	 attune_strv_free(char **v);
char	*attune_dir_resolve(const char *opt);	/* malloc'd path */
int	 attune_dir_make(const char *dir);	/* mkdir 0700, warn if open */
char	*attune_dir_file(const char *dir, const char *name);
struct stat;
void	 attune_csv_field(struct attune_buf *b, const char *s, size_t n, int first);
int	 attune_write_all(int fd, const char *s, size_t n);

/* conf.c: attune.conf in the data directory, the settings that stick
 * (attune-log(5)).  Options and the environment override it.  Loading warns
 * about each line it cannot use, naming the file and line. */
struct attune_conf {
	char	*region, *who;
	int64_t	 birth;		/* INT64_MIN: unknown */
	int	 children;	/* 0: unknown */
};
int	 attune_conf_load(const char *dir, struct attune_conf *c);
					/* 0 ok (no file, or dir NULL), -1 unreadable */
void	 attune_conf_free(struct attune_conf *c);
const struct attune_conf *attune_conf_default(void);	/* read once */
void	 attune_conf_dir(const char *dirflag);	/* defaults' dir */
char	*attune_dir_find(const char *opt);	/* NULL: no home (unsaid) */
char	**attune_dir_logs(const char *dir, const char *base);	/* NULL-ended */
int	 attune_dir_safe(const char *dir, const struct stat *st);
char	**attune_dir_match(const char *dir, const char *prefix,
	    const char *suffix, size_t *n);	/* sorted paths, NULL-ended */

/* csv.c: every CSV read and write goes through libcsv here.  The reader
 * finds the wanted columns by header name, reads plain or gzip files or
 * "-" for stdin, and reports a malformed row as FILE:LINE: reason. */
#define ATTUNE_CSV_STRICT	1
#define ATTUNE_CSV_QUIET	2	/* say nothing of what the log holds */
#define ATTUNE_CSV_SPANS	4	/* line by line, for attune_csv_span */
#define ATTUNE_CSV_MAXCOLS	1000
#define ATTUNE_CSV_MAXROW	(256 * 1024)
struct attune_csv;
struct attune_csv *attune_csv_open(const char *path, const char *const *cols,
	    int flags);
int	 attune_csv_next(struct attune_csv *c);	/* 1 row, 0 end, -1 failed */
const char *attune_csv_get(struct attune_csv *c, int col, size_t *len);
void	 attune_csv_getn(struct attune_csv *c, int n, const char **val,
	    size_t *len);			/* columns 0 … n-1 at once */
int	 attune_csv_has(const struct attune_csv *c, int col);
int	 attune_csv_header_has(struct attune_csv *c, const char *name);
void	 attune_csv_columns(struct attune_csv *c, const char *const *cols);
long	 attune_csv_line(const struct attune_csv *c);
void	 attune_csv_note(struct attune_csv *c, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));	/* "FILE: ..." */
void	 attune_csv_bad(struct attune_csv *c, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	 attune_csv_close(struct attune_csv *c);	/* 0, or -1 if it failed */
void	 attune_csv_header(struct attune_buf *b, const char *const *cols);
/* CSV for a spreadsheet: a text cell that would start a formula gets a
 * leading ' (attune-report(1)); the logs are never written this way. */
void	 attune_csv_cell(struct attune_buf *b, const char *s, size_t n, int first);
void	 attune_csv_sheet(FILE *f, const char *rows, size_t n);
/* How a log ends, to the reader: after a newline; without one; inside a
 * quoted field; inside one so long that the rows after it are lost. */
enum { ATTUNE_END_CLEAN, ATTUNE_END_LINE, ATTUNE_END_QUOTE, ATTUNE_END_LOST };
int	 attune_csv_shape(int fd, long long size, char ***names, long *line,
	    int headonly);
struct attune_csv *attune_csv_open_fd(int fd, const char *name,
	    long long limit, int flags);
enum { ATTUNE_SPAN_HEADER = 1, ATTUNE_SPAN_ROW, ATTUNE_SPAN_OTHER };
int	 attune_csv_span(struct attune_csv *c, long long *start, long long *end);
const char *attune_csv_header_name(const struct attune_csv *c, int i);
int	 attune_csv_ending(const struct attune_csv *c);
long long attune_csv_total(const struct attune_csv *c);

/* append.c: add whole rows to a log, under a lock, flushed to disk; a
 * failed write leaves the log exactly as it was. */
int	 attune_append(const char *path, const char *header, const char *rows,
	    size_t n);
/* From here to attune_sync_dir, and attune_dir_logs and _match above:
 * store.c, the file layer. */
long long attune_append_whole(const char *path, long long size,
	    unsigned long long ino);
int	 attune_log_lock(const char *path, int how, int oflags,
	    struct stat *st);	/* open and flock, again if replaced */
void	 attune_crash_point(const char *name);	/* tests: $ATTUNE_TEST_CRASH */
void	 attune_sync_dir(const char *dir);

/* archive.c: old check-ins move into yearly checkins-YYYY.csv.gz, under
 * the writers' lock, losing nothing if stopped (attune-archive(1)). */
long	 attune_archive(const char *dir, int64_t before, FILE *out);
#define ATTUNE_INFLATE_MAX	200	/* an archive may inflate this many times */
char	**attune_archive_view(const char *dir, const char *base, char **v,
	    size_t *n);

/* crisis.c: crisis and support lines, one table for every command. */
const char *attune_region(const char *opt);	/* NULL: every region */
int	 attune_region_parse(const char *opt, const char **region);
const char *attune_region_why(const char *s);	/* NULL: a region */
void	 attune_crisis_print(FILE *f, const char *region);	/* the words */
enum attune_crisis_to {		/* what stdout carries of the lines */
	ATTUNE_CRISIS_WORDS,	/* is the person's: printed there */
	ATTUNE_CRISIS_OWN,	/* the caller's format holds them */
	ATTUNE_CRISIS_NONE	/* none (--quiet, data): on stderr only */
};
void	 attune_crisis_out(enum attune_crisis_to to, const char *region);
enum attune_crisis_to attune_crisis_words(int row, int quiet);
int	 attune_crisis_shown(void);	/* 1: attune_crisis_out showed them */
void	 attune_crisis_between(enum attune_crisis_to to,
	    const char *region);	/* a blank line first, amid questions */
void	 attune_crisis_first(enum attune_crisis_to to, const char *opt);
					/* before the options: then warnings */
struct attune_line {
	const char *region, *service, *number, *hours;
};
extern const struct attune_line attune_lines[];
int	 attune_lines_put(FILE *f, const char *region, const char *const mark[6],
	    void (*put)(FILE *, const char *, size_t));	/* in a markup */
#define ATTUNE_LINES_CHECKED "2026-11"
int	 attune_region_known(const char *region);
/* log.c: the check-in's measures, words and row. */
extern const char *const attune_flag_words[];	/* NULL-ended */
#define ATTUNE_FLAG_HARM (1u << 5)
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
/* checkinrun.c, checkinask.c */
int	 attune_checkin_answered(const struct attune_checkin *ci);
int	 attune_checkin_ask(struct attune_checkin *ci, FILE *info,
	    enum attune_crisis_to lines, const char *region); /* 1: none */
extern const char *const attune_checkin_cols[];	/* NULL-ended */
extern const char *const attune_screen_cols[];	/* NULL-ended */
struct attune_screen {
	struct attune_time ts;
	const char *who, *instrument, *band, *subscales, *flags, *answers;
	int	 total;
};
int	 attune_checkin_read(struct attune_csv *c, struct attune_checkin *ci);
int	 attune_screen_read(struct attune_csv *c, struct attune_screen *s);
int	 attune_who_valid(const char *s, size_t n);
const char *attune_who_why(const char *s, size_t n);	/* NULL: valid */
int	 attune_who_same(const char *a, const char *b);	/* case, spaces aside */
int	 attune_rows_by_header(struct attune_buf *out, const char *path,
	    const char *const *cols, char *const *names, const char *rows,
	    size_t n);			/* rows in the log's column order */

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
extern const struct attune_instrument *const attune_instruments[];
int	 attune_item_points(const struct attune_instrument *in, int item,
	    int pos);				/* item from 0; -1 if out of range */
int	 attune_item_position(const struct attune_instrument *in, int item,
	    int points);			/* -1 if no option scores that */
int	 attune_item_raises(const struct attune_instrument *in, int item,
	    int points);			/* 1: the safety flag */
int	 attune_points_max(const struct attune_instrument *in);
int	 attune_scale_cutoff(const struct attune_scale *s, int partner);
const struct attune_band *attune_bands(const struct attune_instrument *in,
	    int partner);
const struct attune_band *attune_band_find(const struct attune_instrument *in,
	    const char *word);			/* either set of bands */

/* screen.c: attune screen's answers, wording files and results.  Each
 * returns 0, or -1 when it could not: said already, or, for the values,
 * put in why for the command's usage error. */
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

/* share.c: data files shipped with attune, found beside the program
 * (<dir>/../share/NAME, installed <dir>/../share/attune/NAME) or else in
 * ATTUNE_DATADIR.  NULL if none. */
char	*attune_exe_dir(void);	/* the running program's; malloc'd, or NULL */
char	*attune_share_file(const char *name);	/* malloc'd path */

/* judge.c: the one judgement of the logs (attune-report(1), "Reach-out
 * rules").  Every threshold is in its table with its source (--rules). */
enum { ATTUNE_RULE_URGENT, ATTUNE_RULE_HARD, ATTUNE_RULE_LASTING,
	ATTUNE_RULE_WORSE, ATTUNE_RULE_CONCERNS, ATTUNE_RULE_SCREEN,
	ATTUNE_NRULES };
extern const char *const attune_rule_ids[];	/* urgent hard-stretch … */
enum { ATTUNE_SIG_BOND_LOW, ATTUNE_SIG_NUMB_HIGH, ATTUNE_SIG_ANXIETY_HIGH,
	ATTUNE_SIG_MOOD_LOW, ATTUNE_SIG_SLEEP_LOW, ATTUNE_SIG_INTRUSIVE,
	ATTUNE_SIG_PANIC, ATTUNE_SIG_RAGE, ATTUNE_SIG_CANT_COPE,
	ATTUNE_SIG_CANT_CARE, ATTUNE_SIG_HARM, ATTUNE_SIG_DEPRESSION_SCREEN,
	ATTUNE_SIG_ANXIETY_SCREEN, ATTUNE_SIG_BONDING_SCREEN,
	ATTUNE_SIG_REJECTION_SCREEN, ATTUNE_SIG_INFANT_ANXIETY_SCREEN,
	ATTUNE_SIG_LASTING, ATTUNE_SIG_HARD, ATTUNE_SIG_WORSE,
	ATTUNE_SIG_CONCERNS, ATTUNE_SIG_PARTNER, ATTUNE_SIG_OLDER_CHILD,
	ATTUNE_SIG_START, ATTUNE_NSIGNALS };
extern const char *const attune_signal_ids[];	/* the tips' "fits" words */
enum { ATTUNE_T_BOND_LOW, ATTUNE_T_NUMB_HIGH, ATTUNE_T_MOOD_LOW,
	ATTUNE_T_ANXIETY_HIGH, ATTUNE_T_BOND_VERY, ATTUNE_T_NUMB_VERY,
	ATTUNE_T_MOOD_VERY, ATTUNE_T_ANXIETY_VERY, ATTUNE_T_SLEEP_LOW,
	ATTUNE_T_WINDOW, ATTUNE_T_LASTING_DAYS, ATTUNE_T_LASTING_SPAN,
	ATTUNE_T_HARD_WINDOW, ATTUNE_T_HARD_DAYS, ATTUNE_T_WORSE_WEEKS,
	ATTUNE_T_WORSE_COUNTED, ATTUNE_T_WORSE_PARTIAL, ATTUNE_T_WORSE_CHANGE,
	ATTUNE_T_WORSE_BACK, ATTUNE_T_WORSE_GOOD, ATTUNE_T_WORSE_BAD,
	ATTUNE_T_CONCERN_DAYS, ATTUNE_T_CANTCARE_DAYS, ATTUNE_T_SIGNAL_DAYS,
	ATTUNE_NTHRESHOLDS };
struct attune_threshold {
	const char *id;
	double	 value;
	const char *what, *source;
};
struct attune_rwhy {
	int	 rule;
	char	 text[320];
};
struct attune_verdict {
	unsigned rules;			/* 1 << ATTUNE_RULE_… */
	uint32_t signals;		/* 1 << ATTUNE_SIG_… */
	struct attune_rwhy *why;	/* urgent first; malloc'd */
	int	 nwhy;
	int	 days, screens;		/* logged in the latest week, window */
	double	 sleep;			/* mean hours, latest week; -1 none */
	int64_t	 span[ATTUNE_NRULES][2];	/* the days a rule names */
};
struct attune_rperson;
void	 attune_judge(const struct attune_rperson *p, int64_t at,
	    struct attune_verdict *v);		/* the window ending at */
void	 attune_judge_days(const struct attune_rperson *p, int64_t at,
	    struct attune_verdict *v);
void	 attune_judge_screens(const struct attune_rperson *p, int64_t at,
	    struct attune_verdict *v);
void	 attune_judge_end(struct attune_verdict *v);	/* urgent first */
int64_t	 attune_judge_today(const struct attune_rperson *p, int64_t today);
uint32_t attune_checkin_signals(const struct attune_checkin *ci);
struct attune_rday;
int	 attune_day_matters(const struct attune_rday *d);	/* flag, low */
void	 attune_verdict_merge(struct attune_verdict *v,
	    const struct attune_verdict *w);
void	 attune_verdict_free(struct attune_verdict *v);
struct attune_rscreen;
/* One logged screen judged, the same for every command (report.c asks
 * for each screen it keeps): its safety, positive, bandpos, high, items
 * ("9 and 10") and why, in s.  in: its instrument, or NULL for one this
 * version does not know, when only the "safety" flag counts. */
void	 attune_screen_judge(const struct attune_screen *sc,
	    const struct attune_instrument *in, const int *pts,
	    struct attune_rscreen *s);	/* pts: NULL, or read already */
void	 attune_safety_items(char items[64], unsigned long raised);
					/* bit i: item i + 1; "9 and 10" */
#define ATTUNE_RWINDOW	128	/* days kept per person when streaming */
#define ATTUNE_RBACK	40	/* days a judgement may look back */
struct attune_rstat {
	int64_t	 sum;
	uint32_t n;
	int16_t	 min, max;
};
struct attune_rday {
	struct attune_rstat m[ATTUNE_NMEASURES];
	uint32_t checkins, flagged;
	uint16_t did;		/* bonding moments done that day */
	uint8_t	 flags;		/* flags logged that day */
};
struct attune_rscreen {
	int64_t	 day;
	int32_t	 sec;
	char	*instrument, *band, *subscales;
	const char *name;	/* the instrument's display name, or NULL */
	int	 total, safety, positive, bandpos;
	unsigned high;		/* bit k: scale k at or above its cut-off */
	char	 items[64];	/* the safety items answered above 0 */
	char	 why[160];	/* the band or cut-off that made it positive */
	/* The screen whole, for the FHIR Bundle and the HTML details
	 * (answered, scored: only when r->whole has ATTUNE_DETAIL_SCREENS). */
	struct attune_time ts;	/* as logged */
	const char *who;	/* its person's name */
	const struct attune_instrument *in;	/* or NULL: not known */
	int	 partner;	/* 1: flagged "partner" */
	int	 answered;	/* 1: pos and pts hold every item's answer */
	int	 scored;	/* 1: sub holds every scale's score */
	int	 pos[ATTUNE_MAXITEMS], pts[ATTUNE_MAXITEMS];
	int	 sub[ATTUNE_MAXSCALES];
	size_t	 seq;		/* the order it came in */
};
struct attune_rcheckin {	/* one check-in whole (r->whole) */
	struct attune_time ts;
	char	*note;		/* NULL unless notes are kept */
	size_t	 notelen;
	int	 v[ATTUNE_NMEASURES];
	int	 measures;	/* 1: measures kept, one or more answered */
	size_t	 seq;
};
struct attune_rbucket {		/* one period's share of a person's days */
	int64_t	 key;		/* the period's first day */
	struct attune_rstat m[ATTUNE_NMEASURES];
	uint32_t checkins, days, flagged;
	struct attune_verdict *v;	/* the period judged, if anything fired */
};
struct attune_rperson {
	char	*who;
	size_t	 whon;		/* strlen(who) */
	int64_t	 lo, hi;	/* first and last day logged */
	uint32_t inrange;	/* check-ins in the period asked for */
	struct attune_rday *days;	/* the days kept, in no order */
	size_t	 ndays, capdays;
	int64_t	*keys;		/* a hash of day → index into days */
	uint32_t *slot;
	size_t	 hcap;
	int64_t	 lastday;	/* the last day looked up, and its index */
	uint32_t lastidx;
	int64_t	 closed;	/* streaming: days up to here are folded */
	int64_t	 judged;	/* periods ending up to here are judged */
	int64_t	 ahead;		/* tomorrow, for an entry already past */
	struct attune_rbucket *b;	/* by key */
	size_t	 nb, capb, lastb;
	struct attune_rscreen *sc;	/* in time order after _done */
	size_t	 nsc, capsc;
	struct attune_rnote *notes;	/* kept when r->notes; time order */
	size_t	 nnotes, capnotes;
	struct attune_rcheckin *ci;	/* kept when r->whole; as they came */
	size_t	 nci, capci;
};
struct attune_rnote {
	int64_t	 day;
	int32_t	 sec;
	char	*text;
};
struct attune_report {
	struct attune_rperson *p;
	size_t	 np, capp, last;
	uint32_t *names;	/* a hash of who → index into p */
	size_t	 ncap;
	int	 by;
	int	 stream;	/* keep only ATTUNE_RWINDOW days a person */
	int	 notes;		/* keep the notes of the period asked for */
	int	 known;		/* the period is known: from..to */
	int64_t	 from, to;	/* the period asked for (to: INT64_MAX) */
	int64_t	 dfrom, dto;	/* the days any period or its previous holds */
	int64_t	 pstart;	/* by none: the period before from..to */
	int64_t	 today;		/* judgements end here at the latest */
	int64_t	 nowsec;	/* the moment now, or INT64_MIN */
	int	 late;		/* streaming: a row came for a folded day */
	unsigned whole;		/* ATTUNE_DETAIL_…: what is kept whole */
	size_t	 seq;		/* rows kept whole so far */
};
struct attune_rsum {
	int64_t	 start, end;		/* the period */
	const struct attune_rperson *p;
	struct attune_rstat m[ATTUNE_NMEASURES], prev[ATTUNE_NMEASURES];
	uint32_t checkins, days, flagged, screens;
	unsigned rules;			/* 1 << ATTUNE_RULE_… */
	struct attune_rwhy *why;	/* what fired, in words; malloc'd */
	int	 nwhy;
	char	*past;		/* a stretch before the window; malloc'd */
	int	 hide;		/* --all-people: outside the person's days */
};
/* from: INT64_MIN when the period starts at the first day logged; to:
 * INT64_MAX when it ends at the last.  Set before the first check-in. */
void	 attune_report_setup(struct attune_report *r, int64_t from,
	    int64_t to, int by, int stream, int64_t today);
void	 attune_report_checkin(struct attune_report *r,
	    const struct attune_checkin *ci);
void	 attune_report_screen(struct attune_report *r,
	    const struct attune_screen *sc);
int	 attune_diary_read(struct attune_report *r, const char *dir,
	    const char *who, int flags);	/* both logs, one person */
int	 attune_diary_log(struct attune_report *r, const char *path,
	    int kind, const char *who, int flags);	/* one log, any kind */
/* judge.c: logs read and judged on the two weeks ending on day: the rules
 * that fire for who, or anyone (who NULL); v: who's verdict, or NULL;
 * add: a check-in to count as well, v then who's verdicts without it and
 * with it (v[2]). */
unsigned attune_judge_logs(const char *dir, char *const *files,
	    const char *who, int64_t day, int flags,
	    const struct attune_checkin *add, struct attune_verdict *v,
	    int *failed);
int	 attune_has_word(const char *list, const char *word);	/* ";, " */
/* Fold the days not folded yet, sort the screens.  Without streaming it
 * may be called again after more check-ins or another setup. */
void	 attune_report_done(struct attune_report *r);
struct attune_rperson *attune_report_person(struct attune_report *r,
	    const char *who, size_t n);
const struct attune_rday *attune_report_day(const struct attune_rperson *p,
	    int64_t day);
void	 attune_report_range(const struct attune_rperson *p, int64_t start,
	    int64_t end, struct attune_rstat *m, uint32_t *checkins,
	    uint32_t *days, uint32_t *flagged);
int64_t	*attune_report_periods(int64_t from, int64_t to, int by, size_t *n);
/* One period of the setup (one of attune_report_periods), with the rules. */
void	 attune_report_sum(const struct attune_report *r,
	    const struct attune_rperson *p, int64_t start, int64_t end,
	    struct attune_rsum *s);
/* Any span of the days kept, without the rules. */
void	 attune_report_whole(const struct attune_rperson *p, int64_t start,
	    int64_t end, struct attune_rsum *s);
int	 attune_rstat_mean(const struct attune_rstat *m, int k, double *mean);
void	 attune_report_sum_free(struct attune_rsum *s);
void	 attune_report_free(struct attune_report *r);
int	 attune_report_moment(const struct attune_rsum *s, int w,
	    uint32_t *ndays, double *with, double *without);
/* The notes of s's period, with all, or those of the days that matter
 * (attune_day_matters); the number, each through fn. */
size_t	 attune_report_notes(const struct attune_rsum *s, int all,
	    void (*fn)(void *, const struct attune_rnote *), void *arg);
const struct attune_rscreen *attune_report_prev_screen(
	    const struct attune_rperson *p, size_t i);

/* fhir.c: the screens whole (answers, partner mode) and, when asked, the
 * check-ins' measures and notes, for the FHIR Bundle (attune-report(1),
 * FHIR) and the HTML report's details.  Anything outside from..to is left
 * out.  They are read from a diary (report.c, r.whole keeping check-ins
 * and screens, as attune_rscreen, whole): attune report's own, read once
 * (attune_detail_of), or one of their own for attune screen's one result
 * (attune_detail_new, attune_detail_result).  The Bundle
 * is sorted, its ids made from what each resource holds, so the same logs
 * give the same Bundle. */
#define ATTUNE_FHIR_BASE "https://attune.invalid/fhir"	/* codes of our own */
#define ATTUNE_DETAIL_MEASURES	1	/* keep check-in measures */
#define ATTUNE_DETAIL_NOTES	2	/* keep check-in notes */
#define ATTUNE_DETAIL_SCREENS	4	/* keep screens' answers and scores */
struct attune_detail;
struct attune_detail *attune_detail_new(void);
struct attune_detail *attune_detail_of(const struct attune_report *r);
void	 attune_detail_result(struct attune_detail *d,
	    const struct attune_time *ts, const char *who,
	    const struct attune_result *r);
/* The screen of who at day and sec: 0 none, 1 found (r->in, r->partner,
 * r->total, r->safety), 2 with its answers too (r->pos, r->pts). */
int	 attune_detail_find(const struct attune_detail *d, const char *who,
	    int64_t day, int32_t sec, const char *instrument,
	    struct attune_result *r);
/* The notes of who on day, one a call from *i on (start at 0); NULL. */
const char *attune_detail_note(const struct attune_detail *d,
	    const char *who, int64_t day, size_t *i, size_t *len);
void	 attune_fhir_write(FILE *f, struct attune_detail *d);
void	 attune_detail_free(struct attune_detail *d);

void	 attune_json_put(FILE *f, const char *s, size_t n);
/* report_text.c, report_data.c, report_html.c: attune report's formats.
 * A view is every (period, person) summary, period by period, each
 * period's people in the same order. */
struct attune_rview {
	const struct attune_rsum *s;	/* [period * npeople + person] */
	size_t	 nperiods, npeople;
	int64_t	 from, to, today;
	int	 by;
	int	 unicode, colour;
	int	 allnotes;		/* --notes: every note, not a few */
	unsigned rules;			/* every rule that fired */
	unsigned now;			/* those of the window --check reads */
	/* [person] 1 when harm came up in that person's two weeks ending
	 * today, after the period (the lines go on their HTML page, the
	 * text names them); NULL when the period reaches today. */
	unsigned char *after;
	const char *region;
	int	 hasbirth;		/* 1: birth holds the baby's birth day */
	int64_t	 birth;
	const struct attune_detail *detail;	/* or NULL */
};
void	 attune_report_text(FILE *f, const struct attune_rview *v, int md);
extern const char *const attune_report_csv_cols[];
void	 attune_report_csv_row(struct attune_buf *b,
	    const struct attune_rsum *s);
void	 attune_report_csv_notes(struct attune_buf *b,
	    const struct attune_rsum *s);	/* the notes column, --notes */
void	 attune_report_json(FILE *f, const struct attune_rview *v);
void	 attune_report_html(FILE *f, const struct attune_rview *v);
void	 attune_spark(struct attune_buf *b, const struct attune_rperson *p,
	    int k, int64_t start, int64_t end, int unicode);
void	 attune_html_put(FILE *f, const char *s, size_t n);
extern const char attune_report_empty[];
extern const char *const attune_rule_names[];	/* the ids, in words */
extern const char attune_urgent_after[];	/* urgent after the period */
void	 attune_report_label(char *buf, size_t size, int64_t start,
	    int64_t end);
const char *attune_report_before(int64_t start, int64_t end, char *buf,
	    size_t size);
const char *attune_report_direction(int k, double change);
void	 attune_report_change(char *buf, size_t size, int k, double change);
void	 attune_rstat_range(struct attune_buf *b, const struct attune_rstat *m,
	    int k);

/* num.c */
long	 attune_num(const char *s, const char **end);
size_t	 attune_num_digits(const char *s, size_t n, size_t max, int *v);

/* store.c: the file layer under append.c, archive.c, edit.c and dir.c */
struct stat;
void	 attune_sync_dir_of(const char *path);
char	*attune_pending_path(const char *path);
int	 attune_pending_read(const char *pp, int logfd, long long *before,
	    long long *after, unsigned long long *ino);
int	 attune_pending_write(const char *pp, long long before, long long after,
	    unsigned long long ino);
int	 attune_store_read(int fd, const char *path, const struct stat *st,
	    struct attune_buf *b);
int	 attune_store_commit(int fd, const char *tmp, const char *path,
	    const char *dir, const char *point);

/* edit.c: a live log cut into its rows as the readers see them, each with
 * a short id (a hash of its bytes); a row changed or removed under the
 * writers' lock by one rename, the previous log kept as NAME.bak, nothing
 * lost if stopped (attune-log(1)). */
struct attune_row {
	size_t	 off, len;	/* its bytes in the buffer, line end too */
	uint32_t id;
	int	 bad;		/* 1: not one whole row as readers see it */
	int	 blank;		/* 1: an empty line */
	int	 rows;		/* rows libcsv found in it */
	char	**f;		/* the fields of its first row */
	size_t	*fl;
	int	 nf, capf;
};
struct attune_rows {
	char	*buf;
	size_t	 len;
	struct attune_row *r;
	size_t	 n, cap;
	int	 header;	/* the header's index (names in lower case), or -1 */
};
typedef int (*attune_change_fn)(const struct attune_rows *rs, size_t i,
	    struct attune_buf *repl, void *arg);	/* -1: leave it */
int	 attune_rows_read(const char *path, struct attune_rows *rs);
					/* 0, 1 no log, -1 failed */
void	 attune_rows_free(struct attune_rows *rs);
int	 attune_rows_col(const struct attune_rows *rs, const char *name);
int	 attune_row_entry(const struct attune_rows *rs, size_t i);
void	 attune_row_idstr(const struct attune_row *r, char id[9]);
long	 attune_rows_find(const struct attune_rows *rs, const char *id);
					/* -1 none, -2 several, -3 bad id */
long	 attune_rows_last(const struct attune_rows *rs);	/* -1: none */
/* Replace the row with this id (last: the last row, if it still has that
 * id) by what fn puts in repl (nothing: remove it).  0 done; 1 not found;
 * 2 several; 3 fn said no; -1 failed (warned), the log as it was. */
int	 attune_rows_change(const char *path, uint32_t id, int last,
	    attune_change_fn fn, void *arg);
/* csv.c: a log cut into rows (edit.c); rows without a header (log.c). */
void	 attune_csv_split(struct attune_rows *rs,
	    uint32_t (*hash)(const char *, size_t));
void	 attune_csv_rows(struct attune_rows *rs, const char *s, size_t n);

/* issue 16, time.c: the period a report's options ask for, and a date
 * option's value; each a usage error when it is not one. */
int	 attune_period_user(const struct attune_period_opt *o, int64_t now,
	    int64_t *from, int64_t *to);	/* 0: no period; usage errors */
int64_t	 attune_date_opt(const char *opt, const char *val); /* or usage error */
/* logedit.c: attune-log edit's values checked and its new row built;
 * one check-in value checked and written as attune writes it.  A bad
 * value: -1, and in why what is wrong, naming where (like "edit ID: "). */
extern const char *const *const attune_edit_cols; /* timestamp … note */
int	 attune_edit_row(const struct attune_rows *rs, size_t i,
	    const char *const *vals, struct attune_buf *row, unsigned *flags,
	    const char *where, char *why, size_t size);

/* schema.c: each log's columns, and the lists inside its fields, written
 * and read in one place (attune-log(5)). */
enum { ATTUNE_C_TS, ATTUNE_C_WHO, ATTUNE_C_MOOD, ATTUNE_C_BOND,
	ATTUNE_C_ANX, ATTUNE_C_NUMB, ATTUNE_C_SLEEP, ATTUNE_C_DID,
	ATTUNE_C_FLAGS, ATTUNE_C_NOTE, ATTUNE_C_NCOLS };
enum { ATTUNE_S_TS, ATTUNE_S_WHO, ATTUNE_S_INSTR, ATTUNE_S_TOTAL,
	ATTUNE_S_BAND, ATTUNE_S_SUB, ATTUNE_S_FLAGS, ATTUNE_S_ANSWERS,
	ATTUNE_S_NCOLS };
void	 attune_words_put(struct attune_buf *b, const char *const *w,
	    unsigned set);
int	 attune_words_parse(const char *s, size_t n, const char *const *w,
	    unsigned *set);
int	 attune_sflag_high(const char *flags, const struct attune_scale *sc);
void	 attune_subscales_put(struct attune_buf *b,
	    const struct attune_instrument *in, const int *sub);
void	 attune_sflags_put(struct attune_buf *b,
	    const struct attune_instrument *in, int safety, int partner,
	    unsigned high);
void	 attune_answers_put(struct attune_buf *b,
	    const struct attune_instrument *in, const int *pos, const int *pts);
int	 attune_subscale_next(const char **list, const char **name, size_t *n,
	    int *value);
int	 attune_answer_points(const char *answers, int item);
int	 attune_answers_parse(const struct attune_instrument *in,
	    const char *list, int *pos, int *pts);
int	 attune_subscales_parse(const struct attune_instrument *in,
	    const char *list, int *sub);

/* report.c: the diary, what attune report learns from the logs, read
 * once.  The periods are set before anything is read.  Check-ins are summed
 * per person and day; a day is then folded, in time order, into the
 * summary of the period holding it, and each period is judged (judge.c)
 * once its last day is folded.  Streaming, only the latest ATTUNE_RWINDOW
 * days are kept, so memory does not grow with the log; otherwise every day
 * is kept for the charts and lists of the text, HTML and JSON reports.
 * Screens are few and kept whole.  A period is split as attune_report_bys
 * names it. */
enum { ATTUNE_BY_NONE, ATTUNE_BY_DAY, ATTUNE_BY_WEEK, ATTUNE_BY_MONTH };
void	 attune_report_stretch(const struct attune_rperson *p, int k,
	    int64_t start, int64_t end, struct attune_rstat *st);
int	 attune_report_moment_days(const struct attune_rsum *s, int w,
	    uint32_t *ndays, uint32_t *din, uint32_t *dout, double *with,
	    double *without);
void	 attune_rscreen_result(struct attune_rscreen *s,
	    const struct attune_time *ts, const struct attune_result *r);
struct attune_rscreen *attune_report_add_screen(struct attune_rperson *p);
const struct attune_rperson *attune_report_find(const struct attune_report *r,
	    const char *who);

/* tips.c: attune-tips' tips, topics and sources, read from the shipped
 * share/ files and the person's own tips.csv and checked row by row, and
 * the chooser.  Here for tests/unit-tips.c; bin/ sees only attune_tips. */
enum { ATTUNE_TIP_ANY, ATTUNE_TIP_BIRTHING, ATTUNE_TIP_PARTNER };
struct attune_tip {
	char	*id, *topic, *title, *text, *source;
	int	 role;			/* ATTUNE_TIP_* */
	unsigned fits;			/* 1u << ATTUNE_SIG_* */
	int	 user;			/* 1: from the person's own tips file */
};
struct attune_tips {
	struct attune_tip *tips;
	size_t	 ntips, ntipcap;
	int	*idhash;		/* tips by id, -1 empty */
	size_t	 idcap;
	struct attune_tip_topic {
		char	*name, *what;
		int	 asked;		/* 1: shown only when asked for */
	} *topics;			/* shipped, then the person's own */
	size_t	 ntopics, nshipped;
	struct attune_tip_alias {
		char	*name, *topic;	/* topic: a topics[].name */
	} *aliases;
	size_t	 naliases;
	struct attune_tip_source {
		char	*name, *title;	/* seed:NNN, an article's title */
	} *sources;
	size_t	 nsources;
	int	 flags;			/* ATTUNE_CSV_STRICT or 0 */
};
struct attune_tips_query {
	const char *const *asked;	/* topics named, resolved; 0: none */
	int	 nasked;
	int	 all, today, partner;
	int	 count;			/* how many; <= 0 the default */
	int64_t	 day;
};
int	 attune_tips_load(struct attune_tips *ts, const char *dir,
	    int flags);		/* -1: a tips file was left out, in part */
void	 attune_tips_free(struct attune_tips *ts);
const char *attune_tips_topic(const struct attune_tips *ts,
	    const char *name);	/* by name or alias, any case; NULL none */
int	 attune_tips_near(const struct attune_tips *ts, const char *name,
	    const char *best[3]);	/* topics near a typo, nearest first */
int	 attune_tips_pick(const struct attune_tips *ts,
	    const struct attune_tips_query *q, const struct attune_verdict *w,
	    int *out, int *why);	/* indexes in tips; why: a signal or -1;
					 * each ntips + 1 long */

#endif
