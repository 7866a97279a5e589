/*
 * logrun.c: one attune-log run (attune-log(1)), its options to its output.
 * It lists the latest entries of checkins.csv (or screens.csv) with their
 * short ids, takes the last one away (--undo), or changes one check-in
 * (edit ID) with the options checkin takes, or in $VISUAL/$EDITOR.  The
 * log is cut into rows and changed by edit.c, the new row built by
 * logedit.c.  Everything a run holds is in one struct run, freed in one
 * place, attune_log_run.  A usage error found on the way ends the run
 * there (attune_usage_error): what it holds is still reachable then.
 */
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"

enum { F_TEXT, F_CSV, F_JSON };

struct run {
	const struct attune_log_opt *o;
	char	*path;			/* the log */
	struct attune_rows rs;		/* the log as read */
	struct attune_rows er;		/* the text as edited */
	struct attune_rows after;	/* the log as changed */
	struct attune_buf row;		/* the new row; empty: remove */
	struct attune_buf where;	/* "edit ID: " */
	struct attune_time now;
	int64_t	 from;			/* --last's first day, or INT64_MIN */
};

/* The date of a timestamp field, or INT64_MIN. */
static int64_t
row_day(const struct attune_rows *rs, size_t i, int ts)
{
	struct attune_time t;
	const struct attune_row *r = &rs->r[i];

	if (ts < 0 || attune_time_iso(r->f[ts], r->fl[ts], &t) < 0)
		return INT64_MIN;
	return t.days;
}

static void
put_field(const char *s, size_t n, size_t max)
{
	if (n > max) {
		attune_put_safe(stdout, s, max);
		fputs("...", stdout);
	} else
		attune_put_safe(stdout, s, n);
}

/* One entry in words: a check-in's answers, or a screen's result. */
static void
text_row(const struct attune_rows *rs, size_t i, int screens)
{
	static const char *const ck[] = { "mood", "bond", "anxiety", "numb",
		"sleep", "did", "flags", NULL };
	static const char *const sk[] = { "instrument", "total", "band",
		"flags", NULL };
	const struct attune_row *r = &rs->r[i];
	const char *const *keys = screens ? sk : ck;
	char id[9];
	int k, c, ts = attune_rows_col(rs, "timestamp");

	attune_row_idstr(r, id);
	printf("%s  ", id);
	if (ts >= 0) {
		/* 2026-11-21T12:00:00+00:00 as 2026-11-21 12:00 */
		if (r->fl[ts] >= 16 && r->f[ts][10] == 'T')
			printf("%.10s %.5s", r->f[ts], r->f[ts] + 11);
		else
			put_field(r->f[ts], r->fl[ts], 25);
	}
	if ((c = attune_rows_col(rs, "who")) >= 0) {
		fputs("  ", stdout);
		put_field(r->f[c], r->fl[c], 24);
	}
	for (k = 0; keys[k] != NULL; k++)
		if ((c = attune_rows_col(rs, keys[k])) >= 0 && r->fl[c] > 0) {
			printf("  %s ", keys[k]);
			put_field(r->f[c], r->fl[c], 60);
		}
	if ((c = attune_rows_col(rs, "note")) >= 0 && r->fl[c] > 0) {
		fputs("  note \"", stdout);
		put_field(r->f[c], r->fl[c], 60);
		fputc('"', stdout);
	}
	fputc('\n', stdout);
}

/* A row as CSV, after the id given (the header: "id"). */
static void
csv_row(const struct attune_row *r, const char *id)
{
	struct attune_buf b = { 0 };
	int k;

	attune_csv_field(&b, id, strlen(id), 1);
	for (k = 0; k < r->nf; k++)
		attune_csv_field(&b, r->f[k], r->fl[k], 0);
	attune_buf_add(&b, "\n", 1);
	fwrite(b.s, 1, b.len, stdout);
	attune_buf_free(&b);
}

static void
json_row(const struct attune_rows *rs, size_t i, int first)
{
	const struct attune_row *r = &rs->r[i], *h = &rs->r[rs->header];
	char id[9];
	int k;

	attune_row_idstr(r, id);
	printf("%s\n  {\"id\": \"%s\"", first ? "" : ",", id);
	for (k = 0; k < r->nf; k++) {
		fputs(", ", stdout);
		attune_json_put(stdout, h->f[k], h->fl[k]);
		fputs(": ", stdout);
		attune_json_put(stdout, r->f[k], r->fl[k]);
	}
	fputc('}', stdout);
}

/* Read the live log for a listing or a change: 0; -1 when it holds
 * nothing yet (said, unless quiet); or ATTUNE_FAIL (said). */
static int
read_log(struct run *r)
{
	int rc = attune_rows_read(r->path, &r->rs);

	if (rc < 0) {
		attune_warn("cannot read %s", r->path);
		return ATTUNE_FAIL;
	}
	if (rc == 1 || r->rs.header < 0) {
		if (!r->o->quiet)
			printf("There are no %s in %s yet.\n", r->o->screens ?
			    "screens" : "check-ins", r->path);
		return -1;
	}
	if (attune_rows_col(&r->rs, "timestamp") < 0) {
		attune_warnx("%s: has no 'timestamp' column, so it is not an "
		    "attune log", r->path);
		return ATTUNE_FAIL;
	}
	return 0;
}

static int
list(struct run *r)
{
	const struct attune_log_opt *o = r->o;
	struct attune_rows *rs = &r->rs;
	int64_t day;
	size_t i, *pick, np = 0;
	char id[9];
	int rc, who, ts;

	if ((rc = read_log(r)) != 0)
		return rc < 0 ? ATTUNE_OK : rc;
	who = attune_rows_col(rs, "who");
	ts = attune_rows_col(rs, "timestamp");
	pick = attune_xcalloc(rs->n + 1, sizeof *pick);
	/* Newest first: the rows from the end, as they were written. */
	for (i = rs->n; i-- > 0;) {
		if (!attune_row_entry(rs, i))
			continue;
		if (o->who != NULL && (who < 0 ||
		    !attune_who_same(rs->r[i].f[who], o->who)))
			continue;
		if (o->last != NULL) {
			day = row_day(rs, i, ts);
			if (day < r->from || day > r->now.days)
				continue;
		} else if (!o->all && np >= (size_t)o->count)
			break;
		pick[np++] = i;
	}
	if (o->format == F_CSV)
		csv_row(&rs->r[rs->header], "id");
	else if (o->format == F_JSON)
		fputc('[', stdout);
	for (i = 0; i < np; i++)
		if (o->format == F_TEXT)
			text_row(rs, pick[i], o->screens);
		else if (o->format == F_CSV) {
			attune_row_idstr(&rs->r[pick[i]], id);
			csv_row(&rs->r[pick[i]], id);
		} else
			json_row(rs, pick[i], i == 0);
	if (o->format == F_JSON)
		fputs(np ? "\n]\n" : "]\n", stdout);
	if (np == 0 && o->format == F_TEXT)
		printf("No entries%s%s%s%s in %s.\n", o->who ? " for '" : "",
		    o->who ? o->who : "", o->who ? "'" : "",
		    o->last ? " in that period" : "", r->path);
	free(pick);
	return ATTUNE_OK;
}

/* Ask at a terminal: 1 for yes. */
static int
ask(const char *question)
{
	char line[64];

	fputs(question, stdout);
	fflush(stdout);
	if (fgets(line, sizeof line, stdin) == NULL)
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

/* For attune_rows_change: the row in place of the one found. */
static int
put_row(const struct attune_rows *rs, size_t i, struct attune_buf *repl,
    void *arg)
{
	const struct attune_buf *row = arg;

	(void)rs;
	(void)i;
	attune_buf_add(repl, row->s != NULL ? row->s : "", row->len);
	return 0;
}

/* The row with this id (the last: if it still is) replaced by r->row. */
static int
change(struct run *r, uint32_t id, int last, const char *done)
{
	switch (attune_rows_change(r->path, id, last, put_row, &r->row)) {
	case 0:
		if (!r->o->quiet)
			printf("%s The previous log is kept as %s.bak.\n", done,
			    r->path);
		return ATTUNE_OK;
	case 1:
	case 2:
		attune_warnx("%s changed while this ran, so nothing was "
		    "changed; please look again with 'attune log'", r->path);
		return ATTUNE_FAIL;
	default:
		return ATTUNE_FAIL;
	}
}

static int
undo(struct run *r)
{
	const struct attune_log_opt *o = r->o;
	uint32_t id;
	long i;
	int rc;

	if ((rc = read_log(r)) != 0)
		return rc < 0 ? ATTUNE_OK : rc;
	if ((i = attune_rows_last(&r->rs)) < 0) {
		if (!o->quiet)
			printf("There is no entry in %s to take away.\n",
			    r->path);
		return ATTUNE_OK;
	}
	if (!o->yes) {
		if (!isatty(STDIN_FILENO))
			attune_usage_error("--undo: not at a terminal, so it "
			    "cannot ask; add --yes to take the last entry away");
		printf("The last entry written:\n  ");
		text_row(&r->rs, (size_t)i, o->screens);
		if (!ask("Take it away? [y/N] ")) {
			printf("Left as it was.\n");
			return ATTUNE_OK;
		}
	} else if (!o->quiet) {
		printf("Taking away: ");
		text_row(&r->rs, (size_t)i, o->screens);
	}
	id = r->rs.r[i].id;
	attune_rows_free(&r->rs);
	return change(r, id, 1, "Done; that entry is gone.");
}

/* Open the one row in $VISUAL or $EDITOR: 0 and the values as edited
 * (in r->er), or ATTUNE_FAIL (said). */
static int
in_editor(struct run *r, size_t i, const char **vals)
{
	struct attune_buf b = { 0 }, cmd = { 0 }, tmp = { 0 };
	const struct attune_rows *rs = &r->rs;
	struct attune_rows *er = &r->er;
	const struct attune_row *row = &rs->r[i], *h = &rs->r[rs->header];
	const char *ed = getenv("VISUAL"), *slash;
	int fd, k, j, st, dn, e, rc = ATTUNE_FAIL;
	long last;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	/* In the data directory, mode 0600, as the log is: nothing is
	 * written anywhere else. */
	slash = strrchr(r->path, '/');
	dn = slash != NULL ? (int)(slash - r->path) + 1 : 0;
	attune_buf_printf(&tmp, "%.*s.%s.editing-XXXXXX.csv", dn, r->path,
	    r->path + dn);
	if ((fd = mkstemps(tmp.s, 4)) < 0) {
		attune_warn("cannot make a file to edit beside %s", r->path);
		goto out;
	}
	for (k = 0; k < h->nf; k++)
		attune_csv_field(&b, h->f[k], h->fl[k], k == 0);
	attune_buf_add(&b, "\n", 1);
	attune_buf_add(&b, rs->buf + row->off, row->len);
	if (b.s[b.len - 1] != '\n')
		attune_buf_add(&b, "\n", 1);
	k = attune_write_all(fd, b.s, b.len);
	e = errno;
	if (close(fd) < 0 && k == 0) {
		k = -1;
		e = errno;
	}
	if (k < 0) {
		unlink(tmp.s);
		errno = e;
		attune_warn("cannot write %s", tmp.s);
		goto out;
	}
	attune_buf_printf(&cmd, "%s \"$1\"", ed);
	fflush(stdout);
	switch (fork()) {
	case -1:
		e = errno;
		unlink(tmp.s);
		errno = e;
		attune_warn("cannot start %s", ed);
		goto out;
	case 0:
		execl("/bin/sh", "sh", "-c", cmd.s, "sh", tmp.s, (char *)NULL);
		_exit(127);
	}
	wait(&st);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		unlink(tmp.s);
		attune_warnx("the editor (%s) did not finish well, so nothing "
		    "was changed", ed);
		goto out;
	}
	k = attune_rows_read(tmp.s, er);
	unlink(tmp.s);
	if (k != 0 || er->header < 0 || (last = attune_rows_last(er)) < 0 ||
	    last != er->header + 1 || er->r[er->header].nf != h->nf) {
		attune_warnx("the edited text is not the header and one whole "
		    "row as it was given, so nothing was changed");
		goto out;
	}
	for (k = 0; k < h->nf; k++)
		if (strcmp(er->r[er->header].f[k], h->f[k]) != 0) {
			attune_warnx("the header line was changed, so nothing "
			    "was changed; change only the second line");
			goto out;
		}
	for (j = 0; attune_edit_cols[j] != NULL; j++)
		vals[j] = (k = attune_rows_col(er, attune_edit_cols[j])) >= 0 ?
		    er->r[last].f[k] : NULL;
	rc = 0;
out:
	attune_buf_free(&b);
	attune_buf_free(&cmd);
	attune_buf_free(&tmp);
	return rc;
}

/* The entry as it is now, with its new id: where the old one was. */
static void
show_after(struct run *r, size_t off)
{
	size_t j;

	if (attune_rows_read(r->path, &r->after) != 0 || r->after.header < 0)
		return;
	for (j = 0; j < r->after.n; j++)
		if (attune_row_entry(&r->after, j) && r->after.r[j].off == off) {
			printf("  ");
			text_row(&r->after, j, 0);
		}
}

static int
edit(struct run *r, int given)
{
	const struct attune_log_opt *o = r->o;
	struct attune_rows *rs = &r->rs;
	const char *vals[ATTUNE_C_NCOLS] = { o->time, o->who, o->mood, o->bond,
		o->anxiety, o->numb, o->sleep, o->did, o->flags, o->note };
	char why[1024];		/* what attune_edit_row finds wrong */
	unsigned flags, oldflags = 0;
	long i;
	int rc, fc;

	if ((rc = read_log(r)) != 0)
		return rc < 0 ? ATTUNE_FAIL : rc;
	i = strcmp(o->id, "last") == 0 ? attune_rows_last(rs) :
	    attune_rows_find(rs, o->id);
	switch (i) {
	case -1:
		attune_usage_error("edit: no check-in has the id '%s'; "
		    "'attune log' lists them", o->id);
	case -2:
		attune_usage_error("edit: more than one check-in's id starts "
		    "'%s'; give more of it", o->id);
	case -3:
		attune_usage_error("edit: '%s' is not an id; give 4 to 8 of "
		    "its characters, as 'attune log' lists them", o->id);
	}
	attune_buf_printf(&r->where, "edit %s: ", o->id);
	if (!given) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
			attune_usage_error("edit: nothing to change; give "
			    "--mood, --bond, --anxiety, --numb, --sleep, "
			    "--did, --flag, --note, --time or --who (at a "
			    "terminal, it opens $VISUAL or $EDITOR)");
		if (in_editor(r, (size_t)i, vals) != 0)
			return ATTUNE_FAIL;
	}
	if ((fc = attune_rows_col(rs, "flags")) >= 0)
		attune_parse_words(rs->r[i].f[fc], attune_flag_words, &oldflags,
		    &(const char *){ NULL }, &(size_t){ 0 });
	if (attune_edit_row(rs, (size_t)i, vals, &r->row, &flags, r->where.s,
	    why, sizeof why) < 0)
		attune_usage_error("%s", why);
	/* A harm flag the editor added: the crisis lines now (a --flag
	 * harm showed them before any option was checked, bin/log.c), and
	 * after them what is wrong with ATTUNE_REGION, for which they were
	 * every region's (the --region is checked already, in run). */
	if ((flags & ATTUNE_FLAG_HARM) && !(oldflags & ATTUNE_FLAG_HARM) &&
	    !attune_crisis_shown())
		attune_harm_first(&(struct attune_safety_opt){
		    .region = o->region, .quiet = o->quiet });
	if (r->row.len == rs->r[i].len && memcmp(r->row.s, rs->buf +
	    rs->r[i].off, r->row.len) == 0) {
		if (!o->quiet)
			printf("Nothing to change: the entry already says "
			    "that.\n");
		return ATTUNE_OK;
	}
	rc = change(r, rs->r[i].id, 0, "Changed.");
	if (rc == ATTUNE_OK && !o->quiet)
		show_after(r, rs->r[i].off);
	return rc;
}

/* Which run the options ask for, once they are known to go together:
 * all of this before the data directory is looked for, which may fail. */
static int
run(struct run *r)
{
	const struct attune_log_opt *o = r->o;
	const char *why;
	int given = o->time || o->mood || o->bond || o->anxiety || o->numb ||
	    o->sleep || o->did || o->flags || o->note;

	if (o->id != NULL && o->undo)
		attune_usage_error("choose edit or --undo, not both");
	if (o->id == NULL && given)
		attune_usage_error("--mood, --bond and the like change an entry: "
		    "use them with 'edit ID'");
	if (o->id == NULL && o->undo && (o->last != NULL || o->all ||
	    o->who != NULL))
		attune_usage_error("--undo takes the last entry written away; it "
		    "takes no --last, --all or --who");
	if (o->id == NULL && !o->undo && o->yes)
		attune_usage_error("--yes goes with --undo");
	if (o->id == NULL && !o->undo && o->last != NULL && o->all)
		attune_usage_error("choose --last or --all, not both");
	/* A --region that is not one is refused as every command refuses
	 * it: before anything is read or changed and before the editor
	 * opens, but after the crisis lines of a --flag harm (bin/log.c),
	 * which it never keeps back. */
	if (o->region != NULL)
		attune_region(o->region);
	if (o->id != NULL && o->screens)
		attune_usage_error("edit changes check-ins; a screen can be "
		    "taken away with --screens --undo, or taken again");
	attune_time_now(&r->now);
	r->from = INT64_MIN;
	if (o->id == NULL && !o->undo && o->last != NULL &&
	    attune_last_user(o->last, r->now.days, &r->from, &why) < 0)
		attune_usage_error("--last: '%s' %s", o->last, why);
	{
		char *dir = attune_dir_resolve(o->dir);

		r->path = attune_dir_file(dir, o->screens ? "screens.csv" :
		    "checkins.csv");
		free(dir);
	}
	if (o->id != NULL)
		return edit(r, given || o->who != NULL);
	return o->undo ? undo(r) : list(r);
}

int
attune_log_run(const struct attune_log_opt *o)
{
	struct run r;
	int rc;

	attune_conf_dir(o->dir);	/* its attune.conf: the defaults */
	memset(&r, 0, sizeof r);
	r.o = o;
	rc = run(&r);
	attune_rows_free(&r.rs);
	attune_rows_free(&r.er);
	attune_rows_free(&r.after);
	attune_buf_free(&r.row);
	attune_buf_free(&r.where);
	free(r.path);
	return rc;
}
