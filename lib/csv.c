/*
 * csv.c: every CSV read and write goes through libcsv here.
 *
 * The reader pulls one row at a time.  It feeds libcsv whole lines, a few
 * KiB at a time, and counts the newlines libcsv reports so that it knows
 * the line each row starts on; where a field could grow past
 * ATTUNE_CSV_MAXROW bytes it feeds one line at a time, cut every 64 KiB,
 * so that no field makes it hold more however long the line (see piece).
 * Input is read through zlib, which passes plain files through and
 * inflates gzip ones, told apart by their magic bytes, not their names.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <csv.h>
#include <zlib.h>

#include "attune_priv.h"

/* Private to this file: attune_csv_shape reads a header for a writer. */
#define CSV_SHAPE	0x100

/*
 * zlib's buffer, and the reader's.  zlib reads a plain file straight into
 * a buffer at least twice the size of its own, once the bytes it looked
 * at for the gzip magic are taken: smaller reads it copies.  CHUNK is a
 * multiple of STEP (below).
 */
#define ZCHUNK	65536
#define SPANS	ATTUNE_CSV_SPANS
#define CHUNK	(4 * ZCHUNK)

struct row {
	char	*buf;		/* fields, each ending in NUL */
	size_t	 len, cap;
	size_t	*off;		/* where each field starts in buf, and
				 * off[nf] == len, where one more would */
	int	 nf, capf;
	long	 line;		/* the line the row starts on */
	const char *why;	/* why it cannot be parsed, or NULL */
	int	 nul, high;	/* a field held a NUL byte; one was not
				 * valid UTF-8 */
};

struct attune_csv {
	char	*name;
	int	 fd;
	gzFile	 gz;
	int	 flags;
	struct csv_parser p;
	const char *const *cols;
	int	 ncols, *pos, nheader, have_header;
	struct row cur, *q;	/* the row being built; rows done */
	struct row head;	/* the header row */
	int	 qn, qi, qcap;
	struct row *row;	/* the row last looked at */
	struct row *good;	/* the row last returned, until the next call */
	char	*in;
	size_t	 inlen, inpos;
	long	 line;		/* newlines fed to libcsv (or skipped) before
				 * the piece being parsed */
	long	 pline;		/* newlines in that piece that ended rows or
				 * lay in fields done */
	long	 lag;		/* newlines of the field libcsv is building,
				 * counted in line already */
	int	 eof, failed;
	int	 skipline;	/* 1: skip to the next newline; 2: to the next
				 * newline outside quotes */
	int	 inquote;	/* skipping inside a quoted field */
	long	 skipfrom;	/* the line that skip started on */
	int	 last;		/* the last byte read, or -1 */
	int	 ending;	/* at the end: ATTUNE_END_* */
	int	 bound;		/* spans: the last piece ended one */
	int	 nohead;	/* spans: the first row was bad */
	long long spanat;	/* spans: where the next one starts */
	long long limit, total;	/* bytes to read (-1: all), bytes read */
};

static void
parser_init(struct attune_csv *c)
{
	/* CSV_REPALL_NL: every newline libcsv does not keep in a field
	 * comes back to cb_row, so that newlines can be counted. */
	if (csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
	    CSV_REPALL_NL) != 0)
		attune_errx(ATTUNE_FAIL, "out of memory");
	c->lag = 0;
}

static void
row_bad(struct row *r, const char *why)
{
	if (r->why == NULL)
		r->why = why;
}

/*
 * Copy a field into its row, and note a NUL byte or a byte above ASCII on
 * the way.  This runs for every byte of the log, so it moves eight bytes
 * at a time, the last eight (or four, or two) overlapping those before,
 * and checks UTF-8 only in a field that needs it.  (w - 0x01…) & ~w & 0x80…
 * is not zero exactly when a byte of w is zero.
 */
#define ONES8	0x0101010101010101ULL
#define HIGH8	0x8080808080808080ULL
#define LF8	0x0a0a0a0a0a0a0a0aULL
/* A field under four bytes fills a word with 0x01 bytes, which read as
 * neither NUL, newline nor high. */
#define PAD3	0x0101010101000000ULL
#define PAD1	0x0101010101010100ULL

/* What the words of a field held: any byte above ASCII, any NUL, any
 * newline, each as the top bit of some byte. */
struct seen {
	uint64_t high, nul, lf;
};

static inline void
note(struct seen *a, uint64_t w)
{
	uint64_t x = w ^ LF8;

	a->high |= w;
	a->nul |= (w - ONES8) & ~w;
	a->lf |= (x - ONES8) & ~x;
}

static int
copy_field(struct row *r, char *d, const unsigned char *s, size_t n)
{
	struct seen a = { 0, 0, 0 };
	uint64_t w;
	uint32_t v, u;
	uint16_t h;
	size_t i;

	if (n >= 8) {
		for (i = 0; i + 8 < n; i += 8) {
			memcpy(&w, s + i, 8);
			memcpy(d + i, &w, 8);
			note(&a, w);
		}
		memcpy(&w, s + n - 8, 8);
		memcpy(d + n - 8, &w, 8);
		note(&a, w);
	} else if (n >= 4) {
		memcpy(&v, s, 4);
		memcpy(d, &v, 4);
		memcpy(&u, s + n - 4, 4);
		memcpy(d + n - 4, &u, 4);
		note(&a, (uint64_t)v << 32 | u);
	} else if (n >= 2) {
		memcpy(&h, s, 2);
		memcpy(d, &h, 2);
		d[n - 1] = (char)s[n - 1];
		note(&a, PAD3 | (uint64_t)h << 8 | s[n - 1]);
	} else if (n == 1) {
		d[0] = (char)s[0];
		note(&a, PAD1 | s[0]);
	}
	if ((a.nul & HIGH8) != 0)
		r->nul = 1;
	if ((a.high & HIGH8) != 0 && !r->high &&
	    !attune_utf8_valid((const char *)s, n))
		r->high = 1;
	return (a.lf & HIGH8) != 0;
}

static long
count_nl(const char *s, size_t n)
{
	const char *e = s + n;
	long k = 0;

	while (s < e && (s = memchr(s, '\n', (size_t)(e - s))) != NULL) {
		k++;
		s++;
	}
	return k;
}

/* A field is done: count the newlines in it that line does not hold. */
static void
field_lines(struct attune_csv *c, const char *s, size_t n)
{
	c->pline += count_nl(s, n) - c->lag;
	c->lag = 0;
}

/*
 * Make room for one more field, or say why the row cannot take it: 0 if
 * the field is to be left out.  The buffers never grow past the limits,
 * so cb_field tests only them.
 */
static int
field_room(struct row *r, size_t n)
{
	if (r->why != NULL) {
		r->nf++;
		return 0;
	}
	if (r->nf >= ATTUNE_CSV_MAXCOLS) {
		row_bad(r, "too many fields");
		return 0;
	}
	if (r->len + n + 1 > ATTUNE_CSV_MAXROW) {
		row_bad(r, "row is too long (more than 256 KiB)");
		return 0;
	}
	if (r->nf + 1 >= r->capf) {
		r->capf = r->capf ? r->capf * 2 : 16;
		if (r->capf > ATTUNE_CSV_MAXCOLS + 1)
			r->capf = ATTUNE_CSV_MAXCOLS + 1;
		r->off = attune_xreallocarray(r->off, r->capf, sizeof *r->off);
	}
	if (r->len + n + 1 > r->cap) {
		while (r->len + n + 1 > r->cap)
			r->cap = r->cap ? r->cap * 2 : 256;
		if (r->cap > ATTUNE_CSV_MAXROW)
			r->cap = ATTUNE_CSV_MAXROW;
		r->buf = attune_xrealloc(r->buf, r->cap);
	}
	return 1;
}

/*
 * A field is done.  A row starts on the line after the newlines before
 * its first field, unless parse_more saw it start in an earlier piece.
 */
static void
cb_field(void *s, size_t n, void *data)
{
	struct attune_csv *c = data;
	struct row *r = &c->cur;

	if (r->nf == 0 && r->line == 0)
		r->line = c->line + c->pline + 1;
	if ((r->why != NULL || r->len + n + 1 > r->cap ||
	    r->nf + 1 >= r->capf) && !field_room(r, n)) {
		field_lines(c, s, n);
		return;
	}
	r->off[r->nf++] = r->len;
	if (copy_field(r, r->buf + r->len, s, n))
		field_lines(c, s, n);
	r->len += n;
	r->buf[r->len++] = '\0';
	r->off[r->nf] = r->len;
}

static void
cb_row(int term, void *data)
{
	struct attune_csv *c = data;
	struct row tmp;

	if (term == '\n')
		c->pline++;
	/* An empty line, or the newline after a carriage return, that
	 * CSV_REPALL_NL reports: no row. */
	if (c->cur.nf == 0 && c->cur.why == NULL && (term == '\n' ||
	    term == '\r'))
		return;
	if (c->qn == c->qcap) {
		c->qcap = c->qcap ? c->qcap * 2 : 4;
		c->q = attune_xreallocarray(c->q, c->qcap, sizeof *c->q);
		memset(c->q + c->qn, 0, (c->qcap - c->qn) * sizeof *c->q);
	}
	if (c->cur.line == 0)
		c->cur.line = c->line + c->pline + 1;
	tmp = c->q[c->qn];
	c->q[c->qn++] = c->cur;
	c->cur = tmp;
	c->cur.len = 0;
	c->cur.nf = 0;
	c->cur.line = 0;
	c->cur.why = NULL;
	/* Many rows can wait in the queue: let none keep a big buffer. */
	if (c->cur.cap > 4096) {
		free(c->cur.buf);
		c->cur.buf = NULL;
		c->cur.cap = 0;
	}
	if (c->cur.capf > 64) {
		free(c->cur.off);
		c->cur.off = NULL;
		c->cur.capf = 0;
	}
	c->cur.nul = c->cur.high = 0;
}

/* Give up on the row being built: report it as malformed, start afresh. */
static void
abandon(struct attune_csv *c, const char *why)
{
	row_bad(&c->cur, why);
	if (c->cur.line == 0)
		c->cur.line = c->line + c->pline + 1;
	cb_row(0, c);
	csv_free(&c->p);
	parser_init(c);
	c->skipline = 1;
}

static int
fill(struct attune_csv *c)
{
	unsigned want;
	int n, zerr;
	const char *msg;

	want = CHUNK;
	if (c->limit >= 0 && c->limit - c->total < CHUNK)
		want = (unsigned)(c->limit - c->total);
	n = want > 0 ? gzread(c->gz, c->in, want) : 0;
	if (n < 0) {
		msg = gzerror(c->gz, &zerr);
		if (zerr == Z_ERRNO)
			attune_warn("%s: cannot read", c->name);
		else {
			if (strncmp(msg, "<fd:", 4) == 0 &&
			    strstr(msg, ">: ") != NULL)
				msg = strstr(msg, ">: ") + 3;
			attune_warnx("%s: cannot read: %s", c->name, msg);
		}
		return -1;
	}
	if (n == 0) {
		msg = gzerror(c->gz, &zerr);
		/* zlib names the file "<fd:3>: "; the name is said already. */
		if (strncmp(msg, "<fd:", 4) == 0 && strstr(msg, ">: ") != NULL)
			msg = strstr(msg, ">: ") + 3;
		if (zerr != Z_OK && zerr != Z_STREAM_END) {
			attune_warnx("%s: compressed data is damaged or cut "
			    "short (%s)", c->name, msg);
			return -1;
		}
	}
	c->inlen = (size_t)n;
	c->inpos = 0;
	c->total += n;
	if (n > 0)
		c->last = (unsigned char)c->in[n - 1];
	return n;
}

/*
 * Where the piece of input to feed libcsv next ends.  Feeding it line by
 * line tells the line of each row, and checks the field being built for
 * the 256 KiB limit at the end of each line, and every 64 KiB (STEP) of
 * the input in a longer line; but it costs a call or two a row.  So a
 * piece is as many whole lines as fit in PIECE bytes, when the field
 * being built cannot grow past the limit in them, and the callbacks count
 * the newlines to place each row on its line; else a piece is what it
 * would be line by line.  The buffer starts at a multiple of STEP.
 */
#define PIECE	4096
#define STEP	65536

static size_t
piece(struct attune_csv *c, const char *seg, size_t avail)
{
	const char *nl;
	size_t max = avail < PIECE ? avail : PIECE;
	size_t step = STEP - c->inpos % STEP;

	if (c->skipline == 0 && !(c->flags & SPANS) &&
	    c->p.entry_pos + max <= ATTUNE_CSV_MAXROW &&
	    (nl = memrchr(seg, '\n', max)) != NULL)
		return (size_t)(nl - seg) + 1;
	if (step > avail)
		step = avail;
	nl = memchr(seg, '\n', step);
	return nl != NULL ? (size_t)(nl - seg) + 1 : step;
}

/*
 * A piece is parsed: move line past its newlines.  Those in the field
 * libcsv is still building (a quoted one) are counted here, as lag, and
 * not again when the field is done.  A row whose first field is not done
 * yet starts on the line it started on.
 */
static void
piece_done(struct attune_csv *c)
{
	long nl = 0;

	if (c->cur.nf == 0 && c->cur.line == 0 && c->p.pstate != 0)
		c->cur.line = c->line + c->pline + 1;
	if (c->p.entry_pos > 0) {
		nl = count_nl((const char *)c->p.entry_buf, c->p.entry_pos) -
		    c->lag;
		c->lag += nl;
	}
	c->line += c->pline + nl;
	c->pline = 0;
}

/*
 * Feed libcsv one piece.  -1 on a read error.  bound says whether the
 * piece ended where a row may start (spans, below, look at it).
 */
static int
step(struct attune_csv *c)
{
	const char *seg, *nl;
	size_t n, used;

	if (c->inpos == c->inlen) {
		int r = fill(c);
		if (r < 0)
			return -1;
		if (r == 0) {
			c->eof = 1;
			c->bound = 1;
			c->ending = c->last == '\n' || c->last < 0 ?
			    ATTUNE_END_CLEAN : ATTUNE_END_LINE;
			if (c->skipline == 2 && c->inquote)
				c->ending = ATTUNE_END_LOST;
			else if (csv_fini(&c->p, cb_field, cb_row, c) != 0) {
				c->ending = ATTUNE_END_QUOTE;
				abandon(c, "a quoted field is not closed "
				    "before the end of the file");
			}
			return 0;
		}
	}
	seg = c->in + c->inpos;
	n = piece(c, seg, c->inlen - c->inpos);
	nl = seg[n - 1] == '\n' ? seg + n - 1 : NULL;
	c->inpos += n;
	if (c->skipline) {
		if (c->skipline == 2)
			for (used = 0; used < n; used++)
				if (seg[used] == '"')
					c->inquote = !c->inquote;
		if (nl != NULL) {
			c->line++;
			if (!c->inquote) {
				c->skipline = 0;
				c->bound = 1;
			}
		}
		return 0;
	}
	used = csv_parse(&c->p, seg, n, cb_field, cb_row, c);
	if (used < n) {
		/* Skip the rest of the line the error is on. */
		abandon(c, csv_error(&c->p) == CSV_EPARSE ?
		    "a quote is out of place" : "cannot parse the row");
		c->line += count_nl(seg, used);
		c->pline = 0;
		if ((nl = memchr(seg + used, '\n', n - used)) != NULL) {
			c->skipline = 0;
			c->line++;
			c->inpos = (size_t)(nl - c->in) + 1;
			c->bound = 1;
		}
		return 0;
	}
	piece_done(c);
	if (c->p.entry_pos > ATTUNE_CSV_MAXROW) {
		/*
		 * Inside a quoted field (libcsv's state 2, FIELD_BEGUN)
		 * the row goes on past newlines until the quote closes:
		 * skip to there, or every line of the field would be
		 * taken for a row, and the rows after it for the field.
		 * (Only a piece of one line gets here.)
		 */
		int inq = c->p.quoted && c->p.pstate == 2;

		abandon(c, "row is too long (more than 256 KiB)");
		c->skipfrom = c->q[c->qn - 1].line;
		c->skipline = inq ? 2 : 1;
		c->inquote = inq;
		if (nl != NULL && !inq) {
			c->skipline = 0;
			c->bound = 1;
		}
		return 0;
	}
	if (nl != NULL && c->p.pstate == 0)
		c->bound = 1;
	return 0;
}

/* Feed libcsv until at least one row is done.  -1 on a read error. */
static int
parse_more(struct attune_csv *c)
{
	while (c->qi == c->qn && !c->eof)
		if (step(c) < 0)
			return -1;
	return 0;
}

static struct row *
take(struct attune_csv *c)
{
	if (c->qi == c->qn) {
		c->qi = c->qn = 0;
		if (parse_more(c) < 0)
			return NULL;
		if (c->qn == 0)
			return NULL;
	}
	return &c->q[c->qi++];
}

static void map_columns(struct attune_csv *);
static void keep_header(struct attune_csv *, const struct row *);

static int
header(struct attune_csv *c)
{
	struct row *r;

	if ((r = take(c)) == NULL)
		return c->eof ? 0 : -1;
	if (r->why != NULL) {
		if (!(c->flags & ATTUNE_CSV_QUIET))
			attune_warnx("%s:%ld: the header row cannot be read: "
			    "%s", c->name, r->line, r->why);
		return -1;
	}
	keep_header(c, r);
	/* Saved by a spreadsheet with ';' between the columns: one message
	 * for the file, rather than one for each row. */
	if (r->nf == 1 && memchr(r->buf, ';', r->len) != NULL &&
	    !(c->flags & CSV_SHAPE)) {
		attune_csv_note(c, "its columns are separated by ';', not by "
		    "commas, as some spreadsheets save CSV; attune reads commas "
		    "only, so please save it again as CSV with commas (often "
		    "called 'CSV UTF-8, comma-delimited'); nothing in it was "
		    "read");
		return -1;
	}
	return 1;
}

/* Keep the header, so that attune_csv_columns can look again. */
static void
keep_header(struct attune_csv *c, const struct row *r)
{
	c->nheader = r->nf;
	c->head.buf = attune_xmalloc(r->len + 1);
	memcpy(c->head.buf, r->buf, r->len);
	c->head.off = attune_xreallocarray(NULL, r->nf + 1, sizeof *c->head.off);
	memcpy(c->head.off, r->off, r->nf * sizeof *r->off);
	c->head.nf = r->nf;
	map_columns(c);
	c->have_header = 1;
}

/* Find each wanted column in the header by its name. */
static void
map_columns(struct attune_csv *c)
{
	const char *name;
	int i, k;

	for (k = 0; k < c->ncols; k++)
		c->pos[k] = -1;
	for (i = 0; i < c->head.nf; i++) {
		name = c->head.buf + c->head.off[i];
		if (i == 0 && strncmp(name, "\xef\xbb\xbf", 3) == 0)
			name += 3;	/* a byte order mark, as spreadsheets write */
		for (k = 0; k < c->ncols; k++)
			if (c->pos[k] < 0 && strcasecmp(name, c->cols[k]) == 0)
				c->pos[k] = i;
	}
}

/*
 * Read the header now, if it is not read yet, and tell whether it names
 * the column: 1 yes, 0 no (or the file is empty), -1 it cannot be read.
 * A reader that takes several kinds of log looks before it chooses.
 */
int
attune_csv_header_has(struct attune_csv *c, const char *col)
{
	const char *name;
	int h, i;

	if (!c->have_header && !c->failed) {
		if ((h = header(c)) <= 0) {
			if (h < 0)
				c->failed = 1;
			return h;
		}
	}
	if (c->failed)
		return -1;
	for (i = 0; i < c->head.nf; i++) {
		name = c->head.buf + c->head.off[i];
		if (i == 0 && strncmp(name, "\xef\xbb\xbf", 3) == 0)
			name += 3;
		if (strcasecmp(name, col) == 0)
			return 1;
	}
	return 0;
}

/* Find these columns instead of those given to attune_csv_open. */
void
attune_csv_columns(struct attune_csv *c, const char *const *cols)
{
	int k;

	for (k = 0; cols[k] != NULL; k++)
		;
	c->cols = cols;
	c->ncols = k;
	free(c->pos);
	c->pos = attune_xcalloc(k + 1, sizeof *c->pos);
	if (c->have_header)
		map_columns(c);
}

struct attune_csv *
attune_csv_open(const char *path, const char *const *cols, int flags)
{
	static const char *const none[] = { NULL };
	struct attune_csv *c;
	struct stat st;
	int fd;

	if (strcmp(path, "-") == 0) {
		fd = dup(STDIN_FILENO);
		if (fd < 0) {
			attune_warn("cannot read standard input");
			return NULL;
		}
	} else if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK)) < 0) {
		/* O_NONBLOCK: a FIFO in a log's place must not wait for a
		 * writer that never comes; it is refused below. */
		attune_warn("%s", path);
		return NULL;
	}
	memset(&st, 0, sizeof st);
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		attune_warnx("%s: is a directory, not a log", path);
		close(fd);
		return NULL;
	}
	if (strcmp(path, "-") != 0 && !S_ISREG(st.st_mode)) {
		attune_warnx("%s: is not a regular file, so it is not read",
		    path);
		close(fd);
		return NULL;
	}
	/* A writer holds an exclusive lock while it appends a row, so a
	 * reader that holds a shared one never sees half a row. */
	c = attune_xcalloc(1, sizeof *c);
	c->limit = -1;
	c->last = -1;
	if (S_ISREG(st.st_mode)) {
		while (flock(fd, LOCK_SH) < 0 && errno == EINTR)
			;
		/* Past the end of the last whole row, a writer that was
		 * killed may have left part of one (append.c). */
		if (strcmp(path, "-") != 0 && fstat(fd, &st) == 0 &&
		    (c->limit = attune_append_whole(path, st.st_size,
		    st.st_ino)) >= st.st_size)
			c->limit = -1;
	}
	c->name = attune_xstrdup(strcmp(path, "-") == 0 ? "(stdin)" : path);
	c->fd = fd;
	if ((c->gz = gzdopen(fd, "rb")) == NULL)
		attune_errx(ATTUNE_FAIL, "out of memory");
	gzbuffer(c->gz, ZCHUNK);
	c->flags = flags;
	attune_csv_columns(c, cols != NULL ? cols : none);
	c->in = attune_xmalloc(CHUNK);
	parser_init(c);
	return c;
}

/*
 * A reader of the log open on fd (called name in messages), from its
 * start, limit bytes of it (-1: all), without taking a lock (the caller holds the writers' one), and
 * quiet.  NULL (errno set) if fd cannot be read from its start.
 */
struct attune_csv *
attune_csv_open_fd(int fd, const char *name, long long limit, int flags)
{
	static const char *const none[] = { NULL };
	struct attune_csv *c;
	int dfd;

	if ((dfd = dup(fd)) < 0)
		return NULL;
	if (lseek(dfd, 0, SEEK_SET) < 0) {
		close(dfd);
		return NULL;
	}
	c = attune_xcalloc(1, sizeof *c);
	c->limit = limit;
	c->last = -1;
	c->name = attune_xstrdup(name);
	c->fd = dfd;
	if ((c->gz = gzdopen(dfd, "rb")) == NULL)
		attune_errx(ATTUNE_FAIL, "out of memory");
	gzbuffer(c->gz, ZCHUNK);
	c->flags = flags | ATTUNE_CSV_QUIET;
	attune_csv_columns(c, none);
	c->in = attune_xmalloc(CHUNK);
	parser_init(c);
	return c;
}

/*
 * For a writer, which must put its rows where the reader will find them:
 * the log open on fd (size bytes) read by this very reader.  *names gets
 * the names in its header row (the first without its byte order mark),
 * NULL-ended (none if it holds no row), or NULL when its first row cannot
 * be read; the return is how it ends (ATTUNE_END_*), or -1 if it cannot
 * be read.  *line is the line a quoted field starts on that runs on past
 * ATTUNE_CSV_MAXROW (LOST).  With headonly, only the header is read (and
 * the end is not looked for).
 */
int
attune_csv_shape(int fd, long long size, char ***names, long *line,
    int headonly)
{
	struct attune_csv *c;
	const char *name;
	int i, h, end;

	*names = NULL;
	*line = 0;
	if ((c = attune_csv_open_fd(fd, "log", size, CSV_SHAPE)) == NULL)
		return -1;
	h = header(c);	/* a ';' header is the writer's to refuse */
	if (h < 0 && c->qn == 0) {	/* not a bad header: a read error */
		attune_csv_close(c);
		return -1;
	}
	if (h == 0)	/* no row at all: no header either */
		*names = attune_xcalloc(1, sizeof **names);
	if (h > 0) {
		*names = attune_xcalloc(c->head.nf + 1, sizeof **names);
		for (i = 0; i < c->head.nf; i++) {
			name = c->head.buf + c->head.off[i];
			if (i == 0 && strncmp(name, "\xef\xbb\xbf", 3) == 0)
				name += 3;
			(*names)[i] = attune_xstrdup(name);
		}
	}
	while (!c->eof && !headonly) {
		c->qi = c->qn = 0;
		if (parse_more(c) < 0) {
			attune_strv_free(*names);
			*names = NULL;
			attune_csv_close(c);
			return -1;
		}
	}
	end = c->ending;
	*line = c->skipfrom;
	attune_csv_close(c);
	return end;
}

/*
 * For the archiver, which moves rows byte for byte: the log as this
 * reader sees it, cut where a row may start, so that each span holds what
 * the reader makes of its bytes.  Open the reader with ATTUNE_CSV_SPANS.
 * Returns ATTUNE_SPAN_HEADER (the header row), ATTUNE_SPAN_ROW (one whole
 * row with the header's fields: attune_csv_get reads it), ATTUNE_SPAN_OTHER
 * (anything else: a blank line, a damaged row, several rows), 0 at the
 * end, or -1 on a read error.  [*start, *end) are its bytes.
 */
int
attune_csv_span(struct attune_csv *c, long long *start, long long *end)
{
	struct row *r;

	c->qi = c->qn = 0;
	c->good = NULL;
	c->bound = 0;
	*start = *end = c->spanat;
	if (c->eof)
		return 0;
	while (!c->bound)
		if (step(c) < 0)
			return -1;
	*end = c->eof ? c->total : c->total - (long long)(c->inlen - c->inpos);
	c->spanat = *end;
	if (*end == *start && c->qn == 0)
		return 0;
	r = &c->q[0];
	if (c->qn != 1 || r->why != NULL || r->nul || r->high) {
		if (c->qn > 0 && !c->have_header)
			c->nohead = 1;
		return ATTUNE_SPAN_OTHER;
	}
	if (!c->have_header && !c->nohead) {
		keep_header(c, r);
		return ATTUNE_SPAN_HEADER;
	}
	if (!c->have_header || r->nf != c->nheader)
		return ATTUNE_SPAN_OTHER;
	c->row = c->good = r;
	return ATTUNE_SPAN_ROW;
}

/* The i-th name in the header (the first without a byte order mark), or
 * NULL past the last. */
const char *
attune_csv_header_name(const struct attune_csv *c, int i)
{
	const char *name;

	if (!c->have_header || i < 0 || i >= c->head.nf)
		return NULL;
	name = c->head.buf + c->head.off[i];
	if (i == 0 && strncmp(name, "\xef\xbb\xbf", 3) == 0)
		name += 3;
	return name;
}

/* How the log ends (ATTUNE_END_*), once read to its end. */
int
attune_csv_ending(const struct attune_csv *c)
{
	return c->ending;
}

/* The bytes read (inflated) so far. */
long long
attune_csv_total(const struct attune_csv *c)
{
	return c->total;
}

int
attune_csv_next(struct attune_csv *c)
{
	struct row *r;
	int h;

	if (c->failed)
		return -1;
	if (!c->have_header) {
		if ((h = header(c)) <= 0) {
			if (h < 0)
				c->failed = 1;
			return h;
		}
	}
	c->good = NULL;		/* take() may reuse its buffer */
	for (;;) {
		if ((r = take(c)) == NULL) {
			if (!c->eof)
				c->failed = 1;
			return c->failed ? -1 : 0;
		}
		c->row = r;
		if (r->why == NULL && r->nul)
			r->why = "a field holds a NUL byte";
		else if (r->why == NULL && r->high)
			r->why = "a field is not valid UTF-8 text";
		if (r->why != NULL)
			attune_csv_bad(c, "%s", r->why);
		else if (r->nf != c->nheader)
			attune_csv_bad(c, "expected %d fields as in the header, "
			    "found %d", c->nheader, r->nf);
		else {
			c->good = r;
			return 1;
		}
		if (c->failed)
			return -1;
	}
}

/*
 * A wanted column of the row attune_csv_next last returned, found through
 * the header each time, so that attune_csv_columns may change the columns
 * between rows.  "" for a column the header lacks, or with no row.
 */
const char *
attune_csv_get(struct attune_csv *c, int col, size_t *len)
{
	const struct row *r = c->good;
	int i;

	if (r == NULL || col < 0 || col >= c->ncols || (i = c->pos[col]) < 0 ||
	    i >= r->nf) {
		if (len != NULL)
			*len = 0;
		return "";
	}
	if (len != NULL)
		*len = r->off[i + 1] - r->off[i] - 1;
	return r->buf + r->off[i];
}

/*
 * The first n wanted columns at once, as attune_csv_get gives them one at
 * a time: a reader of every row calls this once a row instead of n times.
 */
void
attune_csv_getn(struct attune_csv *c, int n, const char **val, size_t *len)
{
	const struct row *r = c->good;
	int k, i, m = r == NULL ? 0 : n < c->ncols ? n : c->ncols;

	for (k = 0; k < m; k++) {
		if ((i = c->pos[k]) >= 0 && i < r->nf) {
			val[k] = r->buf + r->off[i];
			len[k] = r->off[i + 1] - r->off[i] - 1;
		} else {
			val[k] = "";
			len[k] = 0;
		}
	}
	for (; k < n; k++) {
		val[k] = "";
		len[k] = 0;
	}
}

int
attune_csv_has(const struct attune_csv *c, int col)
{
	return col >= 0 && col < c->ncols && c->pos[col] >= 0;
}

long
attune_csv_line(const struct attune_csv *c)
{
	return c->row != NULL ? c->row->line : 0;
}

/*
 * Say something of the log as a whole, after its name, unless told to be
 * quiet about what it holds (a reader going over it a second time).
 */
void
attune_csv_note(struct attune_csv *c, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;

	if (c->flags & ATTUNE_CSV_QUIET)
		return;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	attune_warnx("%s: %s", c->name, tmp);
}

/*
 * Report the current row as malformed.  It is skipped; under --strict the
 * reader stops, and attune_csv_next and attune_csv_close then say so.
 */
void
attune_csv_bad(struct attune_csv *c, const char *fmt, ...)
{
	struct attune_buf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	attune_buf_printf(&b, "%s:%ld: ", c->name, attune_csv_line(c));
	{
		char tmp[512];
		vsnprintf(tmp, sizeof tmp, fmt, ap);
		attune_buf_str(&b, tmp);
	}
	va_end(ap);
	if (!(c->flags & ATTUNE_CSV_QUIET))
		attune_warnx("%s%s", b.s, c->flags & ATTUNE_CSV_STRICT ? "" :
		    " (row skipped)");
	attune_buf_free(&b);
	if (c->flags & ATTUNE_CSV_STRICT)
		c->failed = 1;
}

int
attune_csv_close(struct attune_csv *c)
{
	int failed, k;

	if (c == NULL)
		return 0;
	failed = c->failed;
	csv_free(&c->p);
	gzclose_r(c->gz);	/* closes fd too */
	free(c->cur.buf);
	free(c->cur.off);
	free(c->head.buf);
	free(c->head.off);
	for (k = 0; k < c->qcap; k++) {
		free(c->q[k].buf);
		free(c->q[k].off);
	}
	free(c->q);
	free(c->pos);
	free(c->in);
	free(c->name);
	free(c);
	return failed ? -1 : 0;
}

static void
rows_field(void *s, size_t n, void *data)
{
	struct attune_rows *rs = data;
	struct attune_row *r = &rs->r[rs->n];

	if (r->rows > 0)
		return;		/* only a chunk's first row is kept */
	if (r->nf == r->capf) {
		r->capf = r->capf ? r->capf * 2 : 16;
		r->f = attune_xreallocarray(r->f, r->capf, sizeof *r->f);
		r->fl = attune_xreallocarray(r->fl, r->capf, sizeof *r->fl);
	}
	r->f[r->nf] = attune_xmalloc(n + 1);
	memcpy(r->f[r->nf], s, n);
	r->f[r->nf][n] = '\0';
	r->fl[r->nf++] = n;
}

static void
rows_row(int term, void *data)
{
	struct attune_rows *rs = data;

	(void)term;
	rs->r[rs->n].rows++;
}

static void
rows_init(struct csv_parser *p)
{
	/* Strictly, as the reader above parses, so a row is a row. */
	if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		attune_errx(ATTUNE_FAIL, "out of memory");
}

static void
new_row(struct attune_rows *rs, size_t off)
{
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 64;
		rs->r = attune_xreallocarray(rs->r, rs->cap, sizeof *rs->r);
	}
	memset(&rs->r[rs->n], 0, sizeof rs->r[rs->n]);
	rs->r[rs->n].off = off;
}

/*
 * Cut rs->buf into rows, a physical line at a time, as the reader does
 * (a quoted field's line breaks inside its row), each with its fields and
 * its id (hash of its bytes, or 0 without hash).
 */
static void
cut(struct attune_rows *rs, uint32_t (*hash)(const char *, size_t))
{
	struct csv_parser p;
	struct attune_row *r;
	const char *buf = rs->buf, *nl;
	size_t at = 0, n, bom = 0;
	int bad = 0;

	if (rs->len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		bom = at = 3;	/* a byte order mark before the header */
	rows_init(&p);
	new_row(rs, 0);
	while (at < rs->len) {
		nl = memchr(buf + at, '\n', rs->len - at);
		n = nl != NULL ? (size_t)(nl - (buf + at)) + 1 : rs->len - at;
		if (csv_parse(&p, buf + at, n, rows_field, rows_row, rs) < n) {
			bad = 1;
			csv_free(&p);
			rows_init(&p);
		}
		at += n;
		if (!bad && !(nl != NULL && p.pstate == 0) && at < rs->len)
			continue;	/* a quoted field goes on */
		if (at == rs->len && !bad &&
		    csv_fini(&p, rows_field, rows_row, rs) != 0)
			bad = 2;
		r = &rs->r[rs->n];
		r->len = at - r->off;
		r->bad = bad || r->rows > 1;
		r->id = hash == NULL ? 0 : hash(buf + r->off +
		    (r->off == 0 ? bom : 0), r->len - (r->off == 0 ? bom : 0));
		r->blank = r->rows == 0 && !bad;
		rs->n++;
		new_row(rs, at);
		bad = 0;
		csv_free(&p);
		rows_init(&p);
	}
	csv_free(&p);
}

/*
 * For attune log's edits (edit.c): a log's rows, cut as above, and the
 * first row that is one taken for the header, its names in lower case.
 */
void
attune_csv_split(struct attune_rows *rs, uint32_t (*hash)(const char *,
    size_t))
{
	struct attune_row *r;
	size_t n;
	int k;

	cut(rs, hash);
	/* The header is the first row that is one. */
	rs->header = -1;
	for (n = 0; n < rs->n; n++)
		if (!rs->r[n].blank && !rs->r[n].bad) {
			rs->header = (int)n;
			break;
		}
	if (rs->header >= 0) {
		r = &rs->r[rs->header];
		for (k = 0; k < r->nf; k++) {
			char *f = r->f[k];
			size_t i;

			for (i = 0; f[i] != '\0'; i++)
				if (f[i] >= 'A' && f[i] <= 'Z')
					f[i] = (char)(f[i] - 'A' + 'a');
		}
	}
}

/* Rows without a header (n bytes of s, copied), cut as a log is: for a
 * writer putting its rows in a log's own column order (log.c). */
void
attune_csv_rows(struct attune_rows *rs, const char *s, size_t n)
{
	memset(rs, 0, sizeof *rs);
	rs->buf = attune_xmalloc(n + 1);
	memcpy(rs->buf, s, n);
	rs->len = n;
	cut(rs, NULL);
	rs->header = -1;
}

/* Append one field to a row being written, quoted only where needed. */
void
attune_csv_field(struct attune_buf *b, const char *s, size_t n, int first)
{
	size_t i, need;
	int quote = n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' ||
	    s[n - 1] == '\t');

	if (!first)
		attune_buf_add(b, ",", 1);
	for (i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (!quote) {
		attune_buf_add(b, s, n);
		return;
	}
	need = csv_write(NULL, 0, s, n);
	csv_write(attune_buf_space(b, need), need, s, n);
}

/*
 * CSV meant for a spreadsheet.  A spreadsheet takes a cell starting with
 * "=", "+", "-" or "@" for a formula (a tab or a carriage return before
 * one hides it), so a logged note such as =HYPERLINK(...) would run when
 * the file is opened.  Such a text cell gets a single quote in front, and
 * is quoted, as OWASP advises; the spreadsheet then shows it as text.  A
 * cell that is a plain number, such as -1.5, stays a number.  The logs
 * themselves are never written this way: they are data, read back as
 * written.
 */
static int
plain_number(const char *s, size_t n)
{
	size_t i = 0, digits = 0;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < n && s[i] == '.' && digits > 0)
		for (i++, digits = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	return digits > 0 && i == n;
}

void
attune_csv_cell(struct attune_buf *b, const char *s, size_t n, int first)
{
	size_t i, j;

	if (n == 0 || s[0] == '\0' || strchr("=+-@\t\r", s[0]) == NULL ||
	    plain_number(s, n)) {
		attune_csv_field(b, s, n, first);
		return;
	}
	if (!first)
		attune_buf_add(b, ",", 1);
	attune_buf_add(b, "\"'", 2);
	for (i = 0; i < n; i = j) {
		/* Up to the next quote, then the quote doubled. */
		for (j = i; j < n && s[j] != '"'; j++)
			;
		attune_buf_add(b, s + i, j - i);
		if (j < n) {
			attune_buf_add(b, "\"\"", 2);
			j++;
		}
	}
	attune_buf_add(b, "\"", 1);
}

struct sheet {
	struct attune_buf *b;
	int	 first;
};

static void
sheet_field(void *s, size_t n, void *data)
{
	struct sheet *sh = data;

	attune_csv_cell(sh->b, s, n, sh->first);
	sh->first = 0;
}

static void
sheet_row(int c, void *data)
{
	struct sheet *sh = data;

	(void)c;
	attune_buf_add(sh->b, "\n", 1);
	sh->first = 1;
}

/* Print rows of CSV as attune writes them to a log, rewritten for a
 * spreadsheet: every cell as attune_csv_cell writes it. */
void
attune_csv_sheet(FILE *f, const char *rows, size_t n)
{
	struct attune_buf b = { 0 };
	struct csv_parser p;
	struct sheet sh = { &b, 1 };

	if (csv_init(&p, CSV_APPEND_NULL) != 0)
		attune_errx(ATTUNE_FAIL, "out of memory");
	csv_parse(&p, rows, n, sheet_field, sheet_row, &sh);
	csv_fini(&p, sheet_field, sheet_row, &sh);
	csv_free(&p);
	if (b.len > 0)
		fwrite(b.s, 1, b.len, f);
	attune_buf_free(&b);
}

void
attune_csv_header(struct attune_buf *b, const char *const *cols)
{
	int i;

	for (i = 0; cols[i] != NULL; i++)
		attune_csv_field(b, cols[i], strlen(cols[i]), i == 0);
	attune_buf_add(b, "\n", 1);
}
