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

#endif
