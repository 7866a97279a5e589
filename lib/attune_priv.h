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

/* csv.c */
void	 attune_csv_split(struct attune_rows *rs,
	    uint32_t (*hash)(const char *, size_t));

/* issue 16, time.c: the period a report's options ask for, and a date
 * option's value; each a usage error when it is not one. */
int	 attune_period_user(const struct attune_period_opt *o, int64_t now,
	    int64_t *from, int64_t *to);	/* 0: no period; usage errors */
int64_t	 attune_date_opt(const char *opt, const char *val); /* or usage error */
/* logedit.c: one check-in value checked and written as attune writes it. */
const char *attune_edit_value(const char *col, const char *val,
	    struct attune_buf *out, unsigned *flags);	/* NULL, or why not */

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

/* report.c: the diary. */
void	 attune_report_stretch(const struct attune_rperson *p, int k,
	    int64_t start, int64_t end, struct attune_rstat *st);
int	 attune_report_moment_days(const struct attune_rsum *s, int w,
	    uint32_t *ndays, uint32_t *din, uint32_t *dout, double *with,
	    double *without);
void	 attune_rscreen_fill(struct attune_rscreen *s,
	    const struct attune_screen *sc);
void	 attune_rscreen_result(struct attune_rscreen *s,
	    const struct attune_time *ts, const struct attune_result *r);
struct attune_rscreen *attune_report_add_screen(struct attune_rperson *p);
const struct attune_rperson *attune_report_find(const struct attune_report *r,
	    const char *who);
void	 attune_report_keep(struct attune_report *r,
	    const struct attune_checkin *ci);

#endif
