/*
 * opt.c: option values.  Each is checked against its range or word list
 * once, and a bad one is refused with a message naming the option and the
 * value, exit 2, before anything else is written: only the crisis lines,
 * when due, come first (attune_usage_first).
 */
#include <ctype.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "attune_priv.h"

static void (*first)(void);

/* What a command must do before any usage error: show the crisis lines
 * when harm came up, so that no typo can hide them. */
void
attune_usage_first(void (*fn)(void))
{
	first = fn;
}

/* The one way a usage error is said: the crisis lines first (once), what
 * is held, the message, then hint when not NULL (attune_vusage). */
static void
usage_say(const char *hint, const char *fmt, va_list ap)
{
	void (*fn)(void) = first;

	first = NULL;
	if (fn != NULL)
		fn();
	attune_vusage(hint, fmt, ap);
}

void
attune_usage_error(const char *fmt, ...)
{
	char hint[512];
	va_list ap;

	snprintf(hint, sizeof hint, "Try '%.400s --help' for the options.",
	    attune_prog());
	va_start(ap, fmt);
	usage_say(hint, fmt, ap);
	va_end(ap);
	attune_quit(ATTUNE_USAGE);
}

/* A usage error whose second line is hint (none if NULL), not "Try". */
void
attune_usage_hint(const char *hint, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	usage_say(hint, fmt, ap);
	va_end(ap);
	attune_quit(ATTUNE_USAGE);
}

/* The attune_opt_ wrappers refuse with exit 2 what num.c's parsers refuse. */
int
attune_opt_int(const char *opt, const char *val, int min, int max)
{
	int v = 0;

	switch (attune_parse_int(val, min, max, &v)) {
	case -1:
		attune_usage_error("%s: '%s' is not a whole number; use %d to %d",
		    opt, val, min, max);
	case -2:
		attune_usage_error("%s: %s is out of range; use %d to %d",
		    opt, val, min, max);
	}
	return v;
}

int
attune_opt_tenths(const char *opt, const char *val, int min, int max)
{
	int v = 0;

	switch (attune_parse_tenths(val, min, max, &v)) {
	case -1:
		attune_usage_error("%s: '%s' is not a number of hours; use %d "
		    "to %d, with at most one decimal (like 5.5)", opt, val,
		    min / 10, max / 10);
	case -2:
		attune_usage_error("%s: %s is out of range; use %d to %d",
		    opt, val, min / 10, max / 10);
	}
	return v;
}

int
attune_word_index(const char *const *words, const char *s, size_t n)
{
	const char *w;
	size_t j;
	int i;

	/* Compared in place, byte by byte: log readers call this for every
	 * word of every row, and most words differ in the first byte. */
	for (i = 0; words[i] != NULL; i++) {
		w = words[i];
		for (j = 0; j < n && w[j] != '\0' && w[j] == s[j]; j++)
			;
		if (j == n && w[j] == '\0')
			return i;
	}
	return -1;
}

/*
 * The index of name among the n things of size bytes each at base, each
 * of which starts with its name (a char *), or -1: the one lookup of a
 * thing by its name (front.c's commands, tips.c's topics).
 */
int
attune_name_index(const void *base, size_t n, size_t size, const char *name)
{
	const char *p = base, *s;
	size_t i;

	for (i = 0; i < n; i++) {
		memcpy(&s, p + i * size, sizeof s);
		if (strcmp(s, name) == 0)
			return (int)i;
	}
	return -1;
}

/* The index of val in words, or a usage error naming the choices. */
int
attune_opt_choice(const char *opt, const char *val, const char *const *words)
{
	struct attune_buf b = { 0 };
	int i;

	if ((i = attune_word_index(words, val, strlen(val))) >= 0)
		return i;
	for (i = 0; words[i] != NULL; i++)
		attune_buf_printf(&b, "%s%s", i == 0 ? "" : words[i + 1] == NULL ?
		    " or " : ", ", words[i]);
	attune_usage_error("%s: '%s' is not one of the choices; use %s", opt,
	    val, b.s);
}

/* The words of a list, joined by sep, at the end of b. */
void
attune_words_join(struct attune_buf *b, const char *const *words,
    const char *sep)
{
	int i;

	for (i = 0; words[i] != NULL; i++)
		attune_buf_printf(b, "%s%s", i ? sep : "", words[i]);
}

/* The index of the n bytes at s in words, in any case ("Harm" is harm):
 * people type flags by hand, and a harm flag must never be missed. */
static int
word_index_anycase(const char *const *words, const char *s, size_t n)
{
	int i;

	for (i = 0; words[i] != NULL; i++)
		if (strlen(words[i]) == n && strncasecmp(words[i], s, n) == 0)
			return i;
	return -1;
}

/*
 * A comma- or semicolon-separated list of words from a fixed set, in any
 * case, added to the bit set *acc.  On a word not in the set, -1 with
 * *bad and *badlen naming it, and *acc unchanged.
 */
int
attune_parse_words(const char *val, const char *const *words, unsigned *acc,
    const char **bad, size_t *badlen)
{
	const char *p = val, *q, *e;
	unsigned set = *acc;
	int i;

	for (;;) {
		q = p + strcspn(p, ",;");
		while (p < q && *p == ' ')
			p++;
		for (e = q; e > p && e[-1] == ' '; e--)
			;	/* "skin , talk" as well as "skin, talk" */
		if (e > p) {
			i = word_index_anycase(words, p, (size_t)(e - p));
			if (i < 0) {
				*bad = p;
				*badlen = (size_t)(e - p);
				return -1;
			}
			set |= 1u << i;
		}
		if (*q == '\0')
			break;
		p = q + 1;
	}
	*acc = set;
	return 0;
}

/* Repeating an option adds to the same set. */
unsigned
attune_opt_words(const char *opt, const char *val, const char *const *words,
    unsigned acc)
{
	struct attune_buf hint = { 0 };
	const char *bad;
	size_t n;
	int i;

	if (attune_parse_words(val, words, &acc, &bad, &n) < 0) {
		attune_buf_str(&hint, "Choose from: ");
		for (i = 0; words[i] != NULL; i++)
			attune_buf_printf(&hint, "%s%s", i ? ", " : "",
			    words[i]);
		attune_usage_hint(hint.s, "%s: '%.*s' is not one of the "
		    "choices", opt, n > 200 ? 200 : (int)n, bad);
	}
	return acc;
}

/*
 * How far apart two words are: the edits (a letter added, dropped,
 * changed, or two swapped) that turn one into the other, ignoring case,
 * or more than max if it is more.  Words longer than 63 bytes are far.
 */
int
attune_distance(const char *a, size_t na, const char *b, size_t nb, int max)
{
	int d[64][64];
	size_t i, j;
	int x, y;

	if (na > 63 || nb > 63)
		return max + 1;
	for (i = 0; i <= na; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= nb; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= na; i++)
		for (j = 1; j <= nb; j++) {
			x = tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]);
			y = d[i - 1][j - 1] + x;
			if (d[i - 1][j] + 1 < y)
				y = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < y)
				y = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) ==
			    tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) ==
			    tolower((unsigned char)b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < y)
				y = d[i - 2][j - 2] + 1;
			d[i][j] = y;
		}
	return d[na][nb];
}

/* The one word of words a slip of the fingers away from s: one edit for
 * short words, two for longer; the nearest, the first of equals. */
static const char *
nearest(const char *s, size_t n, const char *(*word)(const void *, size_t),
    const void *list)
{
	const char *w, *best = NULL;
	int d, bestd, max = n <= 4 ? 1 : 2;
	size_t i;

	bestd = max + 1;
	for (i = 0; (w = word(list, i)) != NULL; i++) {
		d = attune_distance(s, n, w, strlen(w), max);
		if (d < bestd) {
			bestd = d;
			best = w;
		}
	}
	return best;
}

static const char *
word_at(const void *list, size_t i)
{
	return ((const char *const *)list)[i];
}

const char *
attune_suggest(const char *s, const char *const *words)
{
	return nearest(s, strlen(s), word_at, words);
}

/* The long options of the running command, for "did you mean". */
static const struct option *longopts_seen;

void
attune_opt_longopts(const struct option *lo)
{
	longopts_seen = lo;
}

static const char *
option_at(const void *list, size_t i)
{
	/* nearest stops at the first NULL, the end of the table */
	return ((const struct option *)list)[i].name;
}

static const char *
suggest_option(const char *s, size_t n)
{
	if (longopts_seen == NULL || n == 0)
		return NULL;
	return nearest(s, n, option_at, longopts_seen);
}

/*
 * Name the option getopt_long stopped at.  argv[optind - 1] is the last
 * element it finished, which is not the one at fault when a short option
 * in the middle of a cluster is ("--print -zq": optind still points at
 * "-zq").  A long option is named without any "=value".
 */
void
attune_opt_unknown(int c, char **argv)
{
	extern int optind, optopt;
	const char *arg = argv[optind - 1], *cur = argv[optind], *near;
	int n = (int)strcspn(arg, "=");

	if (optopt != 0 && cur != NULL && cur[0] == '-' && cur[1] != '-' &&
	    strchr(cur + 1, optopt) != NULL && strncmp(arg, "--", 2) == 0)
		arg = cur;	/* still inside a cluster of short options */
	if (strncmp(arg, "--", 2) != 0) {
		if (c == ':')
			attune_usage_error("option '-%c' needs a value", optopt);
		attune_usage_error("unknown option '-%c'", optopt);
	}
	if (c == ':')
		attune_usage_error("option '%.*s' needs a value", n, arg);
	if (optopt != 0 && arg[n] == '=')
		attune_usage_error("option '%.*s' takes no value", n, arg);
	if ((near = suggest_option(arg + 2, (size_t)n - 2)) != NULL)
		attune_usage_error("unknown option '%.*s'; did you mean "
		    "'--%s'?", n, arg, near);
	attune_usage_error("unknown option '%.*s'", n, arg);
}

/*
 * Whose entries a command reads or writes, the one order every command
 * and every first pass takes: --who (opt) when given and not empty, else
 * $ATTUNE_WHO when set and not empty, else attune.conf's who, else "me";
 * an empty --who is the default person.  It says nothing and never exits:
 * *src is "--who" or "ATTUNE_WHO" for a name still to be checked, NULL
 * for attune.conf's (checked when read) or "me".
 */
const char *
attune_who_pick(const char *opt, const char **src)
{
	const char *who = opt;

	*src = "--who";
	if (who == NULL) {
		who = getenv("ATTUNE_WHO");
		*src = "ATTUNE_WHO";
	}
	if (who != NULL && *who != '\0')
		return who;
	*src = NULL;
	who = attune_conf_default()->who;
	return who != NULL ? who : "me";
}

/* attune_who_pick's person, a name that cannot be one refused. */
const char *
attune_opt_who(const char *opt)
{
	const char *src, *why, *who = attune_who_pick(opt, &src);

	if (src != NULL && (why = attune_who_why(who, strlen(who))) != NULL)
		attune_usage_error("%s: '%s' %s", src, who, why);
	return who;
}

/*
 * Whether argv[optind], after a bare --week or --month (month 1), is its
 * value: 1 when it is one, -1 when it is a mistaken one (why says how),
 * 0 when there is none (the next argument is an option, or a file there
 * is: a log to read).
 */
static int
period_value(int month, int argc, char **argv, int64_t today,
    const char **why)
{
	int (*looks)(const char *, int64_t, int64_t *, const char **) =
	    month ? attune_month_user : attune_week_user;
	const char *s;
	int64_t d;

	if (optind >= argc || (s = argv[optind])[0] == '-' || s[0] == '\0')
		return 0;
	if (looks(s, today, &d, why) == 0)
		return 1;
	return access(s, F_OK) != 0 ? -1 : 0;
}

/*
 * --week or --month (month 1), whose value is optional and may also be
 * written as the next argument ("--week 2026-11-18", "--month November")
 * when it is one.  A next argument that is neither a value nor a file
 * there is is a mistaken value, refused as one rather than read as a log.
 * Called as getopt_long returns the option.  Today is the clock's even
 * when $ATTUNE_NOW is not a time (attune_time_clock), as in the first pass
 * (attune_opt_safety): the run refuses it later, once the options are
 * read, so that --help and --version still work.
 */
void
attune_opt_period(struct attune_period_opt *p, int month, int argc,
    char **argv)
{
	struct attune_time now;
	const char *why, *val = optarg;

	(void)attune_time_clock(&now);
	if (val == NULL)
		switch (period_value(month, argc, argv, now.days, &why)) {
		case 1:
			val = argv[optind++];
			break;
		case -1:
			attune_usage_error("%s: '%s' %s", month ? "--month" :
			    "--week", argv[optind], why);
		}
	if (month) {
		p->monthgiven = 1;
		p->month = val;
	} else {
		p->weekgiven = 1;
		p->week = val;
	}
}

/*
 * --time VAL as people write it, into t (now when val is NULL; t may be
 * NULL), refused when more than ten minutes ahead of the clock: "is in the
 * future; " and what, such as "check-ins are for now or earlier".  The
 * time as a log writes it, until the next call.
 */
const char *
attune_opt_time(const char *val, const char *what, struct attune_time *t)
{
	static char buf[32];
	struct attune_time now, mine;
	const char *why;

	if (t == NULL)
		t = &mine;
	attune_time_now(&now);
	*t = now;
	if (val != NULL) {
		if (attune_time_user(val, t, &why) < 0)
			attune_usage_error("--time: '%s' %s", val, why);
		if (attune_time_epoch(t) > attune_time_epoch(&now) + 600)
			attune_usage_error("--time: '%s' is in the future; %s",
			    val, what);
	}
	attune_time_format(t, buf);
	return buf;
}

/* Today, as $ATTUNE_NOW or the clock has it (civil days since 1970). */
int64_t
attune_today(void)
{
	struct attune_time now;

	attune_time_now(&now);
	return now.days;
}

/* Whether a --flag value names harm, read leniently: in any case, among
 * words split by commas, semicolons or spaces, the others unchecked. */
static int
names_harm(const char *flags)
{
	const char *p, *q;
	int harm = 0;

	for (p = flags; *p != '\0'; p = *q ? q + 1 : q) {
		while (*p == ' ')
			p++;
		q = p + strcspn(p, ",; ");
		harm |= q - p == 4 && strncasecmp(p, "harm", 4) == 0;
	}
	return harm;
}

/* The long name of the option getopt_long returned as c, or "". */
static const char *
long_name(int c, int li, const struct option *lo)
{
	int i;

	if (li >= 0)
		return lo[li].name;
	for (i = 0; lo[i].name != NULL; i++)
		if (lo[i].val == c)
			return lo[i].name;
	return "";
}

/*
 * Under POSIXLY_CORRECT the options end at the first operand, so a harm
 * flag typed after one (attune log edit last --flag harm) would go unseen
 * by getopt: the rest of the line is looked through for --flag, --flag=
 * or the command's short letter for it.
 */
static int
harm_after(int argc, char **argv, int i, const struct option *lo)
{
	const char *a;
	int c = 0, harm = 0;

	for (; lo->name != NULL; lo++)
		if (strcmp(lo->name, "flag") == 0 && lo->val < 128)
			c = lo->val;
	for (; i < argc; i++) {
		a = argv[i];
		if (strncmp(a, "--flag=", 7) == 0)
			harm |= names_harm(a + 7);
		else if ((strcmp(a, "--flag") == 0 || (c != 0 && a[0] == '-' &&
		    a[1] == c && a[2] == '\0')) && i + 1 < argc)
			harm |= names_harm(argv[++i]);
		else if (c != 0 && a[0] == '-' && a[1] == c)
			harm |= names_harm(a + 2);
	}
	return harm;
}

/*
 * The first, lenient pass every command makes over its options, so that
 * the crisis lines come first, before any option is checked: a harm flag
 * or a safety answer is seen, and a mistake typed anywhere on the line
 * neither hides the lines nor judges another person's logs.  It reads the
 * options as the real pass will (--week's and --month's bare values
 * included, so that POSIXLY_CORRECT stops both at the same operand), by
 * their long names, the same in every command: --dir (whose attune.conf
 * then gives the defaults), --who, --region, the last of each; --quiet,
 * --print, --dry-run and --all-people anywhere; and whether a
 * --flag names harm.  s->option, when set, sees every option as well,
 * and s->args the operands.  It runs on a copy of argv with getopt's own
 * messages off: GNU getopt moves the arguments as it goes, and the real
 * pass, from the start again, must see them as given ("--who" last must
 * still lack its value).  A mistake is passed over here; the real pass
 * names it.
 */
void
attune_opt_safety(int argc, char **argv0, const char *optstring,
    const struct option *lo, struct attune_safety_opt *s)
{
	static char **argv;	/* s->args points into it */
	struct attune_time now;
	const char *name, *why;
	int c, li;

	free(argv);
	argv = attune_xreallocarray(NULL, (size_t)argc + 1, sizeof *argv);
	memcpy(argv, argv0, ((size_t)argc + 1) * sizeof *argv);
	opterr = 0;
	optind = 0;	/* GNU getopt: start afresh */
	for (li = -1; (c = getopt_long(argc, argv, optstring, lo, &li)) != -1;
	    li = -1) {
		name = c == '?' || c == ':' ? "" : long_name(c, li, lo);
		if (strcmp(name, "dir") == 0)
			s->dir = optarg;
		else if (strcmp(name, "who") == 0)
			s->who = optarg;
		else if (strcmp(name, "region") == 0)
			s->region = optarg;
		else if (strcmp(name, "quiet") == 0)
			s->quiet = 1;
		else if (strcmp(name, "print") == 0)
			s->print = 1;
		else if (strcmp(name, "dry-run") == 0)
			s->dryrun = 1;
		else if (strcmp(name, "all-people") == 0)
			s->all = 1;
		else if (strcmp(name, "flag") == 0)
			s->harm |= names_harm(optarg);
		else if ((strcmp(name, "week") == 0 ||
		    strcmp(name, "month") == 0) && optarg == NULL) {
			(void)attune_time_clock(&now);	/* as the real one */
			if (period_value(name[0] == 'm', argc, argv, now.days,
			    &why) != 0)
				optind++;	/* its value, or a mistaken one */
		}
		if (s->option != NULL)
			s->option(c, optarg);
	}
	s->args = argv + optind;
	s->nargs = argc - optind;
	if (getenv("POSIXLY_CORRECT") != NULL)
		s->harm |= harm_after(argc, argv, optind, lo);
	attune_conf_dir(s->dir);	/* its attune.conf */
	optind = 0;	/* and afresh for the real pass */
}

/*
 * A word list given again (--did, --flag more than once) adds to what came
 * before, as attune checkin takes it: "a;b".  An empty value adds nothing;
 * alone, it is empty (clears the column).  *field is the option's value;
 * a list joined is kept in *buf, the option's own (NULL at first), grown
 * in place as more come; its owner frees it once, done with the options.
 */
void
attune_opt_add(const char **field, char **buf, const char *val)
{
	const char *was = *field;
	size_t n;

	if (was == NULL || *was == '\0' || *val == '\0') {
		if (was == NULL || *was == '\0')
			*field = val;
		return;
	}
	n = strlen(was) + strlen(val) + 2;
	if (was == *buf) {
		*buf = attune_xrealloc(*buf, n);
		strcat(strcat(*buf, ";"), val);
	} else {
		free(*buf);
		*buf = attune_xmalloc(n);
		snprintf(*buf, n, "%s;%s", was, val);
	}
	*field = *buf;
}

/*
 * A --flag naming harm among the options (attune checkin, attune log
 * edit): the crisis lines now, before any option is checked, on standard
 * output, or on standard error only when standard output carries the row
 * (--print, --dry-run) or with --quiet, which never silences them.  A
 * --region or ATTUNE_REGION that is not one shows every region's lines,
 * and what attune.conf and ATTUNE_REGION warn about comes after them
 * (attune_crisis_first).
 */
void
attune_harm_first(const struct attune_safety_opt *s)
{
	attune_crisis_first(attune_crisis_words(s->print || s->dryrun,
	    s->quiet), s->region);
}
