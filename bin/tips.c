/*
 * attune-tips: gentle, practical ideas, chosen by topic or for the person
 * from their check-ins and screens of the last week.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "attune.h"

enum { ROLE_ANY, ROLE_BIRTHING, ROLE_PARTNER };
enum { FMT_TEXT, FMT_CSV };

struct tip {
	char	*id, *topic, *title, *text, *source;
	int	 role;
	unsigned fits;
	int	 user;		/* 1: from the person's own tips file */
};

struct topic {
	const char *name, *what;
};

/* The shipped topics, in the order --list shows them. */
static const struct topic known_topics[] = {
	{ "closeness", "holding your baby close: skin-to-skin, cuddles, "
	    "resting together" },
	{ "senses", "noticing your baby with your eyes, ears and nose" },
	{ "voice", "talking, reading, singing and humming to your baby" },
	{ "touch", "gentle touch and baby massage" },
	{ "carrying", "slings, carriers, swaying and walking together" },
	{ "responsiveness", "answering cues, and coming back after a hard "
	    "moment" },
	{ "rituals", "small routines that come round each day" },
	{ "pressure", "easing the pressure of how bonding is meant to feel" },
	{ "guilt", "guilt, shame and comparing yourself with others" },
	{ "self-care", "rest, sleep, food and small kindnesses to yourself" },
	{ "support", "asking for help, and saying yes to it" },
	{ "grounding", "calming a body on high alert when you feel anxious" },
	{ "numbness", "when you feel numb, flat or on autopilot" },
	{ "birth-trauma", "after a hard birth, a caesarean or time in the "
	    "NICU" },
	{ "feeding", "closeness during feeds, however you feed" },
	{ "partner", "you and your partner, and a partner's own bond" },
	{ "older-child", "caring for an older child alongside the baby" },
	{ "faith", "comfort from faith, for those who want it (shown only "
	    "when asked for)" },
	{ "reaching-out", "when and how to ask a professional for help" },
	{ NULL, NULL }
};

/* Other words people may reach for, and the topic each one means. */
static const struct topic aliases[] = {
	{ "anxiety", "grounding" }, { "anxious", "grounding" },
	{ "breastfeeding", "feeding" }, { "caesarean", "birth-trauma" },
	{ "cuddle", "closeness" }, { "help", "reaching-out" },
	{ "massage", "touch" }, { "nicu", "birth-trauma" },
	{ "numb", "numbness" }, { "read", "voice" }, { "rest", "self-care" },
	{ "routine", "rituals" }, { "sibling", "older-child" },
	{ "sing", "voice" }, { "skin", "closeness" }, { "sleep", "self-care" },
	{ "talk", "voice" }, { "trauma", "birth-trauma" },
	{ NULL, NULL }
};

/* The articles the shipped tips draw their facts from (share/tips.csv
 * names them as seed:NNN), by a short form of their titles. */
static const struct topic seeds[] = {
	{ "000", "Feeling Disconnected After Birth" },
	{ "001", "Postpartum Emotional Disconnect (Phoenix Health)" },
	{ "002", "A Difficult Connection" },
	{ "003", "When Connection Feels Distant" },
	{ "004", "How To Bond With Your Baby (New Modern Mom)" },
	{ NULL, NULL }
};

static const char *const fit_words[] = {
	"bond-low", "numb-high", "anxiety-high", "sleep-low", "mood-low",
	"screen-high", "start", "partner", NULL
};
enum { F_BOND, F_NUMB, F_ANXIETY, F_SLEEP, F_MOOD, F_SCREEN, F_START,
	F_PARTNER };

static const char *const role_words[] = { "any", "birthing", "partner", NULL };
static const char *const format_words[] = { "text", "csv", NULL };

static const char *const tip_cols[] = {
	"id", "topic", "title", "text", "source", "who", "fits", NULL
};
enum { T_ID, T_TOPIC, T_TITLE, T_TEXT, T_SOURCE, T_WHO, T_FITS };

/*
 * The rules that choose for the person, in the order their tips are shown.
 * Each draws on its topics; tips tagged with its fit come first.
 */
enum { R_HARM, R_SCREEN, R_BOND, R_NUMB, R_ANXIETY, R_SLEEP, R_MOOD,
	R_PARTNER, R_START, NRULES };
static const struct rule {
	const char *name;
	const char *topics[4];
	int	 fit;
} rules[NRULES] = {
	{ "harm", { "reaching-out" }, F_SCREEN },
	{ "screen", { "reaching-out" }, F_SCREEN },
	{ "bond", { "closeness", "senses" }, F_BOND },
	{ "numb", { "numbness", "touch" }, F_NUMB },
	{ "anxiety", { "grounding" }, F_ANXIETY },
	{ "sleep", { "self-care", "support" }, F_SLEEP },
	{ "mood", { "support", "self-care", "guilt" }, F_MOOD },
	{ "partner", { "partner" }, F_PARTNER },
	{ "start", { NULL }, F_START },
};

/* What the last week's logs say, for the person whose entries they are. */
struct week {
	int	 checkins, screens;
	int	 nbond, lowbond, nanx, highanx, nnumb, highnumb, nmood, lowmood;
	int	 nsleep;
	long	 sleepsum;	/* tenths of hours */
	int	 harm;		/* harm flag or safety item, last 14 days */
	int	 anxscreen;	/* a GAD screen was positive */
	char	 screen[64];	/* positive screens, as "EPDS and PBQ" */
	int	 fired[NRULES];
};

static struct tip *tips;
static size_t	 ntips;
static struct topic *topics;	/* shipped topics, then the person's own */
static size_t	 ntopics;
static const char **asked;	/* the topics asked for */
static int	 nasked;
static char	*datadir;

static int	 aflag, lflag, partnerflag, strictflag, todayflag;
static int	 count = -1, format = FMT_TEXT;
static const char *dirflag, *regionflag, *timeflag, *whoflag;

static const struct option longopts[] = {
	{ "all",	no_argument,		NULL,	'a' },
	{ "count",	required_argument,	NULL,	'n' },
	{ "dir",	required_argument,	NULL,	'd' },
	{ "format",	required_argument,	NULL,	'f' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "list",	no_argument,		NULL,	'l' },
	{ "partner",	no_argument,		NULL,	'p' },
	{ "region",	required_argument,	NULL,	'r' },
	{ "strict",	no_argument,		NULL,	'S' },
	{ "time",	required_argument,	NULL,	't' },
	{ "today",	no_argument,		NULL,	'T' },
	{ "version",	no_argument,		NULL,	'V' },
	{ "who",	required_argument,	NULL,	'w' },
	{ NULL,		0,			NULL,	0 }
};

static _Noreturn void
usage(void)
{
	printf("usage: attune-tips [-alpT] [-f FORMAT] [-n COUNT] [-t WHEN] "
	    "[-w NAME] [-d DIR]\n"
	    "                   [-r REGION] [--strict] [TOPIC ...]\n\n"
	    "  TOPIC ...         tips on these topics (--list shows them)\n"
	    "  -a, --all         every tip on the topics (with none named: "
	    "every topic\n"
	    "                    but faith)\n"
	    "  -l, --list        list the topics and how many tips each holds\n"
	    "  -T, --today       the tip of the day\n"
	    "  -n, --count N     how many tips to show, 1 to 50\n"
	    "  -p, --partner     choose as for a partner, not the birthing "
	    "parent\n"
	    "  -f, --format F    text (the default) or csv\n"
	    "  -t, --time WHEN   the day to choose for: a date, 'yesterday', "
	    "'3 days ago'\n"
	    "  -w, --who NAME    whose check-ins to read (default $ATTUNE_WHO, "
	    "else me)\n"
	    "  -d, --dir DIR     the data directory\n"
	    "  -r, --region CC   crisis lines for this country (US, GB, CA, "
	    "AU, IE, NZ)\n"
	    "      --strict      a malformed row in a log or tips file is an "
	    "error\n"
	    "With no topic, it chooses for you from the last week's check-ins "
	    "and screens.\n");
	exit(attune_finish(ATTUNE_OK));
}

/* --- the tips files ------------------------------------------------- */

static int
is_name(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n > max || s[0] == '-')
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* A field of a tips file, with no control characters; in the text of a
 * tip, line breaks and tabs (as spreadsheets may write) become spaces. */
static char *
field(struct attune_csv *c, int col, int spaces, const char *name, int *bad)
{
	const char *s = attune_csv_get(c, col, NULL);
	char *v, *p;

	v = attune_xstrdup(s);
	for (p = v; *p != '\0'; p++) {
		if (spaces && (*p == '\n' || *p == '\r' || *p == '\t'))
			*p = ' ';
		else if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			if (!*bad)
				attune_csv_bad(c, "%s holds a control character",
				    name);
			*bad = 1;
			break;
		}
	}
	return v;
}

static int
find_tip(const char *id, int user)
{
	size_t i;

	for (i = 0; i < ntips; i++)
		if (tips[i].user == user && strcmp(tips[i].id, id) == 0)
			return (int)i;
	return -1;
}

static void
free_tip(struct tip *t)
{
	free(t->id);
	free(t->topic);
	free(t->title);
	free(t->text);
	free(t->source);
}

static int
topic_index(const char *name)
{
	size_t i;

	for (i = 0; i < ntopics; i++)
		if (strcmp(topics[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Check one row and add it; 0 if it was malformed (and reported). */
static int
add_row(struct attune_csv *c, int user)
{
	struct tip t;
	const char *s, *p, *q;
	size_t n;
	int bad = 0, i, k;

	memset(&t, 0, sizeof t);
	t.user = user;
	t.id = field(c, T_ID, 0, "id", &bad);
	t.topic = field(c, T_TOPIC, 0, "topic", &bad);
	t.title = field(c, T_TITLE, 0, "title", &bad);
	t.text = field(c, T_TEXT, 1, "text", &bad);
	t.source = field(c, T_SOURCE, 0, "source", &bad);
	if (bad)
		goto bad;
	if (*t.id == '\0') {
		attune_csv_bad(c, "the id is empty");
		goto bad;
	}
	if (!is_name(t.id, 64)) {
		attune_csv_bad(c, "id '%.64s' is not a name of lowercase letters, "
		    "digits and hyphens", t.id);
		goto bad;
	}
	if (find_tip(t.id, user) >= 0) {
		attune_csv_bad(c, "id '%s' is already used by an earlier row",
		    t.id);
		goto bad;
	}
	if (*t.topic == '\0') {
		attune_csv_bad(c, "the topic is empty");
		goto bad;
	}
	if (!is_name(t.topic, 32)) {
		attune_csv_bad(c, "topic '%.32s' is not a name of lowercase "
		    "letters, digits and hyphens", t.topic);
		goto bad;
	}
	if (*t.title == '\0' || *t.text == '\0') {
		attune_csv_bad(c, "a tip needs a title and a text");
		goto bad;
	}
	s = attune_csv_get(c, T_WHO, &n);
	if (n > 0 && (t.role = attune_word_index(role_words, s, n)) < 0) {
		attune_csv_bad(c, "who '%.20s' is not any, birthing or partner",
		    s);
		goto bad;
	}
	s = attune_csv_get(c, T_FITS, &n);
	for (p = s; *p != '\0'; p = *q ? q + 1 : q) {
		q = p + strcspn(p, ";");
		if (q == p)
			continue;
		if ((k = attune_word_index(fit_words, p, (size_t)(q - p))) < 0) {
			attune_csv_bad(c, "fits '%.*s' is not one of the fit words",
			    (int)(q - p) > 30 ? 30 : (int)(q - p), p);
			goto bad;
		}
		t.fits |= 1u << k;
	}
	if (topic_index(t.topic) < 0) {
		topics = attune_xreallocarray(topics, ntopics + 1,
		    sizeof *topics);
		topics[ntopics].name = attune_xstrdup(t.topic);
		topics[ntopics++].what = "your own tips";
	}
	/* A tip of the person's own with a shipped tip's id takes its place,
	 * so a tip can be reworded without editing the shipped file. */
	if (user && (i = find_tip(t.id, 0)) >= 0) {
		free_tip(&tips[i]);
		tips[i] = t;
		return 1;
	}
	tips = attune_xreallocarray(tips, ntips + 1, sizeof *tips);
	tips[ntips++] = t;
	return 1;
bad:
	free_tip(&t);
	return 0;
}

/*
 * Read one tips file.  A missing file of the person's own is not an error;
 * a file without the needed columns is.  -1 when it failed.
 */
static int
load(const char *path, int user)
{
	static const char *const need[] = { "id", "topic", "title", "text" };
	struct attune_csv *c;
	size_t k;
	int r;

	if (user && access(path, F_OK) != 0)
		return 0;
	if ((c = attune_csv_open(path, tip_cols,
	    strictflag ? ATTUNE_CSV_STRICT : 0)) == NULL)
		return -1;
	r = attune_csv_next(c);
	/* A file with no rows has no tips to leave out, whatever it holds. */
	for (k = 0; r == 1 && k < sizeof need / sizeof need[0]; k++) {
		if (attune_csv_has(c, (int)k))
			continue;
		attune_warnx("%s: has no '%s' column, so its tips were left out "
		    "(attune-tips(1) describes the format)", path, need[k]);
		attune_csv_close(c);
		return -1;
	}
	while (r == 1) {
		add_row(c, user);
		r = attune_csv_next(c);
	}
	if (attune_csv_close(c) < 0 || r < 0)
		return -1;
	return 0;
}

/* --- the logs ------------------------------------------------------- */

static int
read_checkins(const char *dir, const char *who, int64_t today,
    struct week *w)
{
	struct attune_checkin ci;
	struct attune_csv *c;
	char **logs;
	int i, r, rval = 0;

	logs = attune_dir_logs(dir, "checkins");
	for (i = 0; logs[i] != NULL; i++) {
		if ((c = attune_csv_open(logs[i], attune_checkin_cols,
		    strictflag ? ATTUNE_CSV_STRICT : 0)) == NULL) {
			rval = -1;
			continue;
		}
		while ((r = attune_checkin_read(c, &ci)) == 1) {
			if (strcmp(ci.who, who) != 0 || ci.ts.days > today ||
			    ci.ts.days <= today - 14)
				continue;
			if (ci.flags & ATTUNE_FLAG_HARM)
				w->harm = 1;
			if (ci.ts.days <= today - 7)
				continue;
			w->checkins++;
			if (ci.v[ATTUNE_BOND] >= 0) {
				w->nbond++;
				w->lowbond += ci.v[ATTUNE_BOND] <= 3;
			}
			if (ci.v[ATTUNE_ANXIETY] >= 0) {
				w->nanx++;
				w->highanx += ci.v[ATTUNE_ANXIETY] >= 7;
			}
			if (ci.v[ATTUNE_NUMB] >= 0) {
				w->nnumb++;
				w->highnumb += ci.v[ATTUNE_NUMB] >= 6;
			}
			if (ci.v[ATTUNE_MOOD] >= 0) {
				w->nmood++;
				w->lowmood += ci.v[ATTUNE_MOOD] <= 3;
			}
			if (ci.v[ATTUNE_SLEEP] >= 0) {
				w->nsleep++;
				w->sleepsum += ci.v[ATTUNE_SLEEP];
			}
		}
		if (attune_csv_close(c) < 0 || r < 0)
			rval = -1;
	}
	attune_strv_free(logs);
	return rval;
}

/* The latest screen of each instrument this week counts, judged as
 * attune-report(1) judges it; any safety item in the last two weeks does. */
static int
read_screens(const char *dir, const char *who, int64_t today, struct week *w)
{
	static const char *const instr[] = { "epds", "pbq", "phq9", "phq2",
	    "gad7", "gad2" };
	enum { NI = sizeof instr / sizeof instr[0] };
	const struct attune_instrument *in;
	struct attune_screen s;
	struct attune_csv *c;
	int64_t when[NI];
	int high[NI], i, k, r, safety, pos, rval = 0;
	char **logs, items[64], why[160];

	for (k = 0; k < NI; k++)
		when[k] = INT64_MIN, high[k] = 0;
	logs = attune_dir_logs(dir, "screens");
	for (i = 0; logs[i] != NULL; i++) {
		if ((c = attune_csv_open(logs[i], attune_screen_cols,
		    strictflag ? ATTUNE_CSV_STRICT : 0)) == NULL) {
			rval = -1;
			continue;
		}
		while ((r = attune_screen_read(c, &s)) == 1) {
			if (strcmp(s.who, who) != 0 || s.ts.days > today ||
			    s.ts.days <= today - 14)
				continue;
			in = attune_screen_judge(&s, &safety, &pos, items, why);
			if (safety)
				w->harm = 1;
			if (s.ts.days <= today - 7)
				continue;
			w->screens++;
			for (k = 0; in != NULL && k < NI; k++)
				if (strcmp(in->name, instr[k]) == 0)
					break;
			if (in == NULL || k == NI ||
			    attune_time_epoch(&s.ts) < when[k])
				continue;
			when[k] = attune_time_epoch(&s.ts);
			high[k] = pos;
		}
		if (attune_csv_close(c) < 0 || r < 0)
			rval = -1;
	}
	attune_strv_free(logs);
	for (k = 0; k < NI; k++) {
		if (!high[k])
			continue;
		if (strncmp(instr[k], "gad", 3) == 0) {
			w->anxscreen = 1;
			continue;
		}
		if (w->screen[0] != '\0')
			strcat(w->screen, " and ");
		strcat(w->screen, attune_instrument(instr[k])->label);
	}
	return rval;
}

static int
most(int hits, int n)
{
	return n > 0 && hits * 2 > n;
}

static void
judge(struct week *w, int partner)
{
	w->fired[R_HARM] = w->harm;
	w->fired[R_SCREEN] = w->screen[0] != '\0';
	w->fired[R_BOND] = most(w->lowbond, w->nbond);
	w->fired[R_NUMB] = most(w->highnumb, w->nnumb);
	w->fired[R_ANXIETY] = most(w->highanx, w->nanx) || w->anxscreen;
	w->fired[R_SLEEP] = w->nsleep > 0 && w->sleepsum < 50L * w->nsleep;
	w->fired[R_MOOD] = most(w->lowmood, w->nmood);
	w->fired[R_PARTNER] = partner;
	w->fired[R_START] = 1;
}

/* Join phrases as "a, b and c". */
static void
join(struct attune_buf *b, const char *const *part, int n)
{
	int i;

	for (i = 0; i < n; i++)
		attune_buf_printf(b, "%s%s", i == 0 ? "" : i == n - 1 ?
		    " and " : ", ", part[i]);
}

/* One line saying why these tips were chosen. */
static void
reason(const struct week *w, struct attune_buf *b)
{
	const char *part[NRULES], *most_part[4];
	struct attune_buf m = { 0 };
	char sleep[80], screen[160];
	long mean;
	int n = 0, nm = 0;

	if (w->fired[R_HARM])
		part[n++] = "thoughts of harm came up in the last two weeks";
	if (w->fired[R_SCREEN]) {
		snprintf(screen, sizeof screen, "your %s screen this week was in "
		    "a range where talking to someone can help", w->screen);
		part[n++] = screen;
	}
	if (w->fired[R_BOND])
		most_part[nm++] = "your bond scores were low";
	if (w->fired[R_NUMB])
		most_part[nm++] = "you felt numb";
	if (most(w->highanx, w->nanx))
		most_part[nm++] = "your anxiety was high";
	if (w->fired[R_MOOD])
		most_part[nm++] = "your mood was low";
	if (nm > 0) {
		join(&m, most_part, nm);
		attune_buf_str(&m, " on most check-ins this week");
		part[n++] = m.s;
	}
	if (w->fired[R_ANXIETY] && !most(w->highanx, w->nanx))
		part[n++] = "your anxiety screen this week was high";
	if (w->fired[R_SLEEP]) {
		mean = w->sleepsum / w->nsleep;
		if (mean % 10 == 0)
			snprintf(sleep, sizeof sleep, "you slept about %ld hours "
			    "a day", mean / 10);
		else
			snprintf(sleep, sizeof sleep, "you slept about %ld.%ld "
			    "hours a day", mean / 10, mean % 10);
		part[n++] = sleep;
	}
	if (w->fired[R_PARTNER])
		part[n++] = "you are checking in as a partner";
	if (n == 0 && w->checkins + w->screens == 0)
		attune_buf_str(b, "There are no check-ins from the last 7 days, "
		    "so here is a gentle place to start.");
	else if (n == 0)
		attune_buf_str(b, "Nothing in this week's check-ins asks for "
		    "anything in particular, so here are a few gentle ideas.");
	else {
		attune_buf_str(b, "Chosen because ");
		join(b, part, n);
		attune_buf_str(b, ".");
	}
	attune_buf_free(&m);
}

/* --- choosing ------------------------------------------------------- */

/* A fixed pseudo-random sequence, the same on every machine. */
static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t
hash(const char *s, int64_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return mix(h ^ (uint64_t)n);
}

static int
by_id(const void *a, const void *b)
{
	const struct tip *x = &tips[*(const int *)a];
	const struct tip *y = &tips[*(const int *)b];

	return strcmp(x->id, y->id);
}

/* Put v in an order fixed by the key: sorted by id first, so the order of
 * the rows in a file does not matter, then shuffled. */
static void
shuffle(int *v, int n, const char *key, int64_t k)
{
	uint64_t r = hash(key, k);
	int i, j, t;

	qsort(v, (size_t)n, sizeof *v, by_id);
	for (i = n - 1; i > 0; i--) {
		r = mix(r);
		j = (int)(r % (uint64_t)(i + 1));
		t = v[i], v[i] = v[j], v[j] = t;
	}
}

static int
suits(const struct tip *t, int partner)
{
	return t->role == ROLE_ANY || t->role ==
	    (partner ? ROLE_PARTNER : ROLE_BIRTHING);
}

/* The tips of one topic, those that suit the person when filter is set. */
static int
topic_tips(const char *topic, int filter, int partner, int *v)
{
	size_t i;
	int n = 0;

	for (i = 0; i < ntips; i++)
		if (strcmp(tips[i].topic, topic) == 0 &&
		    (!filter || suits(&tips[i], partner)))
			v[n++] = (int)i;
	return n;
}

static int64_t
floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/*
 * The tip of the day.  Days go round the topics in turn; each topic's tips
 * are dealt in a shuffled order, a new shuffle each time the topic has
 * shown them all, so no tip comes back before the rest of its topic has.
 */
static int
tip_of_day(const char **names, int nnames, int filter, int partner,
    int64_t day)
{
	int *v, *prev;
	int i, n, nt = 0, pick, t;
	const char **use;
	int64_t visit, cycle, pos;
	size_t j;

	/* The topics that have a tip for the person, in the order named. */
	use = attune_xcalloc((size_t)nnames + 1, sizeof *use);
	for (i = 0; i < nnames; i++)
		for (j = 0; j < ntips; j++)
			if (strcmp(tips[j].topic, names[i]) == 0 &&
			    (!filter || suits(&tips[j], partner))) {
				use[nt++] = names[i];
				break;
			}
	if (nt == 0) {
		free(use);
		return -1;
	}
	t = (int)(day - floordiv(day, nt) * nt);
	visit = floordiv(day, nt);
	v = attune_xcalloc(ntips + 1, sizeof *v);
	prev = attune_xcalloc(ntips + 1, sizeof *prev);
	n = topic_tips(use[t], filter, partner, v);
	memcpy(prev, v, (size_t)n * sizeof *v);
	cycle = floordiv(visit, n);
	pos = visit - cycle * n;
	shuffle(v, n, use[t], cycle);
	if (n > 1) {
		/* The first tip of a new round is never the last of the round
		 * before: with one topic, that would be yesterday's. */
		shuffle(prev, n, use[t], cycle - 1);
		if (v[0] == prev[n - 1]) {
			int tmp = v[0];
			v[0] = v[1];
			v[1] = tmp;
		}
	}
	pick = v[pos];
	free(v);
	free(prev);
	free(use);
	return pick;
}

static int
chosen_already(const int *out, int nout, int k)
{
	int i;

	for (i = 0; i < nout; i++)
		if (out[i] == k)
			return 1;
	return 0;
}

/* The tips that may answer one rule: those of its topics (for a partner,
 * the partner tips of any topic too), leaving out faith. */
static int
rule_tips(int r, int partner, int *v)
{
	const struct tip *t;
	size_t i;
	int j, n = 0, in;

	for (i = 0; i < ntips; i++) {
		t = &tips[i];
		if (strcmp(t->topic, "faith") == 0 || !suits(t, partner))
			continue;
		in = 0;
		for (j = 0; rules[r].topics[j] != NULL; j++)
			in |= strcmp(t->topic, rules[r].topics[j]) == 0;
		if (r == R_PARTNER && t->role == ROLE_PARTNER)
			in = 1;
		if (r == R_START)
			in = (t->fits >> F_START) & 1;
		if (in)
			v[n++] = (int)i;
	}
	return n;
}

/* One more tip for rule r from its tips v (in the order of the day), not
 * among those chosen: those tagged with the rule's fit first.  -1 when it
 * has none left. */
static int
pick_for_rule(int r, const int *v, int n, const int *out, int nout)
{
	int i, pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++)
			if (((tips[v[i]].fits >> rules[r].fit) & 1) == !pass &&
			    !chosen_already(out, nout, v[i]))
				return v[i];
	return -1;
}

/* Tips for the person: one for each rule that fired, in the rules'
 * order, then round again until there are enough.  Each fired rule's
 * tips are gathered and put in the order of the day once. */
static int
choose(const struct week *w, int partner, int64_t day, int want, int *out)
{
	int *v[NRULES], n[NRULES];
	int r, k, nout = 0, more = 1, fired = 0;

	for (r = 0; r < R_START; r++)
		fired |= w->fired[r];
	for (r = 0; r < NRULES; r++) {
		v[r] = NULL;
		n[r] = 0;
		if (!w->fired[r] || (r == R_START && fired))
			continue;
		v[r] = attune_xcalloc(ntips + 1, sizeof *v[r]);
		n[r] = rule_tips(r, partner, v[r]);
		shuffle(v[r], n[r], rules[r].name, day);
	}
	while (nout < want && more) {
		more = 0;
		for (r = 0; r < NRULES && nout < want; r++) {
			if (v[r] == NULL)
				continue;
			if ((k = pick_for_rule(r, v[r], n[r], out, nout)) < 0)
				continue;
			out[nout++] = k;
			more = 1;
		}
	}
	for (r = 0; r < NRULES; r++)
		free(v[r]);
	return nout;
}

/* A few tips from the named topics, taken in turn. */
static int
from_topics(const char **names, int nnames, int64_t day, int want, int *out)
{
	int **v = attune_xcalloc((size_t)nnames, sizeof *v);
	int *n = attune_xcalloc((size_t)nnames, sizeof *n);
	int i, round, nout = 0, more = 1;

	for (i = 0; i < nnames; i++) {
		v[i] = attune_xcalloc(ntips + 1, sizeof **v);
		n[i] = topic_tips(names[i], 0, 0, v[i]);
		shuffle(v[i], n[i], names[i], day);
	}
	for (round = 0; nout < want && more; round++) {
		more = 0;
		for (i = 0; i < nnames && nout < want; i++)
			if (round < n[i]) {
				out[nout++] = v[i][round];
				more = 1;
			}
	}
	for (i = 0; i < nnames; i++)
		free(v[i]);
	free(v);
	free(n);
	return nout;
}

/* --- printing ------------------------------------------------------- */

/* The source as people read it: each seed:NNN by its article's title. */
static void
source_names(const struct tip *t, struct attune_buf *b)
{
	const char *p, *q, *e;
	size_t n;
	int i, found;

	if (*t->source == '\0') {
		attune_buf_str(b, t->user ? "your own tips file" : "");
		return;
	}
	for (p = t->source; *p != '\0'; p = *q ? q + 1 : q) {
		q = p + strcspn(p, ";");
		while (p < q && *p == ' ')
			p++;
		for (e = q; e > p && e[-1] == ' '; e--)
			;
		if (e == p)
			continue;
		n = (size_t)(e - p);
		found = 0;
		for (i = 0; seeds[i].name != NULL && !found; i++)
			if (n == 8 && strncmp(p, "seed:", 5) == 0 &&
			    strncmp(p + 5, seeds[i].name, 3) == 0) {
				attune_buf_printf(b, "%s%s", b->len ? "; " : "",
				    seeds[i].what);
				found = 1;
			}
		if (!found) {
			if (b->len)
				attune_buf_str(b, "; ");
			attune_buf_add(b, p, n);
		}
	}
}

static const char *
role_label(const struct tip *t)
{
	if (t->role == ROLE_PARTNER)
		return " (for partners)";
	if (t->role == ROLE_BIRTHING)
		return " (for the birthing parent)";
	return "";
}

static void
print_text(const struct tip *t, int width)
{
	struct attune_buf b = { 0 };

	attune_put_safe(stdout, t->title, strlen(t->title));
	printf(" [%s]%s\n", t->topic, role_label(t));
	attune_wrap(stdout, t->text, width, 2);
	source_names(t, &b);
	if (b.len > 0) {
		struct attune_buf line = { 0 };

		attune_buf_printf(&line, "From: %s", b.s);
		attune_wrap(stdout, line.s, width, 2);
		attune_buf_free(&line);
	}
	attune_buf_free(&b);
}

static void
csv_row(const char *const *f, int n)
{
	struct attune_buf b = { 0 };
	int i;

	for (i = 0; i < n; i++)
		attune_csv_field(&b, f[i], strlen(f[i]), i == 0);
	attune_buf_add(&b, "\n", 1);
	fwrite(b.s, 1, b.len, stdout);
	attune_buf_free(&b);
}

static void
print_csv(const struct tip *t, const char *why)
{
	struct attune_buf src = { 0 };
	const char *f[7];

	source_names(t, &src);
	f[0] = t->id;
	f[1] = t->topic;
	f[2] = t->title;
	f[3] = t->text;
	f[4] = src.s != NULL ? src.s : "";
	f[5] = role_words[t->role];
	f[6] = why;
	csv_row(f, 7);
	attune_buf_free(&src);
}

static const char *const csv_head[] = { "id", "topic", "title", "text",
    "source", "who", "why" };
static int	 headed;	/* the CSV header is out */

/*
 * The crisis lines, shown as soon as the logs are judged and before
 * anything else, so that no later failure can keep them back.  In CSV
 * they are the first row, under the header.
 */
static void
print_crisis(int crisis, const char *why, const char *region)
{
	char *s = NULL;
	size_t len = 0;
	FILE *m;
	const char *f[7];
	char src[64];

	if (!crisis)
		return;
	if (format == FMT_TEXT) {
		attune_crisis_print(stdout, region);
		return;
	}
	csv_row(csv_head, 7);
	headed = 1;
	if ((m = open_memstream(&s, &len)) == NULL)
		attune_err(ATTUNE_FAIL, "out of memory");
	attune_crisis_print(m, region);
	fclose(m);
	snprintf(src, sizeof src, "attune crisis lines, checked %s",
	    ATTUNE_LINES_CHECKED);
	f[0] = "crisis";
	f[1] = "crisis";
	f[2] = "Please reach out now";
	f[3] = s;
	f[4] = src;
	f[5] = "any";
	f[6] = why;
	csv_row(f, 7);
	free(s);
}

static void
print_tips(const int *v, int n, const char *why)
{
	int i, width = attune_term_width();

	if (format == FMT_CSV) {
		if (!headed)
			csv_row(csv_head, 7);
		for (i = 0; i < n; i++)
			print_csv(&tips[v[i]], why);
		return;
	}
	if (*why != '\0') {
		attune_wrap(stdout, why, width, 0);
		putchar('\n');
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			putchar('\n');
		print_text(&tips[v[i]], width);
	}
}

static void
list_topics(void)
{
	int *v = attune_xcalloc(ntips + 1, sizeof *v);
	const char *f[3];
	char num[16];
	size_t i;
	int n;

	if (format == FMT_CSV) {
		f[0] = "topic", f[1] = "tips", f[2] = "about";
		csv_row(f, 3);
	}
	for (i = 0; i < ntopics; i++) {
		n = topic_tips(topics[i].name, 0, 0, v);
		if (format == FMT_CSV) {
			snprintf(num, sizeof num, "%d", n);
			f[0] = topics[i].name, f[1] = num, f[2] = topics[i].what;
			csv_row(f, 3);
		} else
			printf("%-15s %3d  %s\n", topics[i].name, n,
			    topics[i].what);
	}
	free(v);
}

/* --- topics named on the command line -------------------------------- */

static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d[65], diag, up;

	if (la > 64 || lb > 64)
		return 99;
	for (j = 0; j <= lb; j++)
		d[j] = j;
	for (i = 1; i <= la; i++) {
		diag = d[0];
		d[0] = i;
		for (j = 1; j <= lb; j++) {
			up = d[j];
			d[j] = diag + (tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]));
			if (up + 1 < d[j])
				d[j] = up + 1;
			if (d[j - 1] + 1 < d[j])
				d[j] = d[j - 1] + 1;
			diag = up;
		}
	}
	return d[lb];
}

static _Noreturn void
unknown_topic(const char *name)
{
	const char *best[3] = { NULL, NULL, NULL };
	size_t dist[3], d, i, j, k, len = strlen(name);
	const char *cand;

	for (i = 0; i < ntopics || aliases[i - ntopics].name != NULL; i++) {
		cand = i < ntopics ? topics[i].name : aliases[i - ntopics].name;
		d = distance(name, cand);
		if (len >= 3 && strstr(cand, name) != NULL)
			d = 1;
		if (d > (len < 6 ? 2 : 3))
			continue;
		if (i >= ntopics)
			cand = aliases[i - ntopics].what;
		for (k = 0; k < 3 && best[k] != NULL; k++)
			if (strcmp(best[k], cand) == 0)
				break;
		if (k < 3 && best[k] != NULL) {
			if (d < dist[k])
				dist[k] = d;
			continue;
		}
		for (k = 0; k < 3 && best[k] != NULL && dist[k] <= d; k++)
			;
		if (k == 3)
			continue;
		for (j = 2; j > k; j--)
			best[j] = best[j - 1], dist[j] = dist[j - 1];
		best[k] = cand;
		dist[k] = d;
	}
	if (best[0] == NULL)
		attune_usage_error("there is no topic called '%s'; 'attune tips "
		    "--list' shows them all", name);
	attune_warnx("there is no topic called '%s'; did you mean %s%s%s%s%s?",
	    name, best[0], best[1] ? (best[2] ? ", " : " or ") : "",
	    best[1] ? best[1] : "", best[2] ? " or " : "",
	    best[2] ? best[2] : "");
	fprintf(stderr, "'attune tips --list' shows every topic.\n");
	exit(ATTUNE_USAGE);
}

static const char *
resolve_topic(const char *name)
{
	int i;

	if ((i = topic_index(name)) >= 0)
		return topics[i].name;
	for (i = 0; aliases[i].name != NULL; i++)
		if (strcasecmp(aliases[i].name, name) == 0)
			return aliases[i].what;
	for (i = 0; i < (int)ntopics; i++)
		if (strcasecmp(topics[i].name, name) == 0)
			return topics[i].name;
	unknown_topic(name);
}

/* --- main ----------------------------------------------------------- */

static int
load_all(const char *dir)
{
	char *path;
	int rval = 0;

	for (ntopics = 0; known_topics[ntopics].name != NULL; ntopics++)
		;
	topics = attune_xcalloc(ntopics, sizeof *topics);
	memcpy(topics, known_topics, ntopics * sizeof *topics);
	if ((path = attune_share_file("tips.csv")) == NULL)
		attune_errx(ATTUNE_FAIL, "cannot find the tips file tips.csv, "
		    "neither beside this program nor in %s", ATTUNE_DATADIR);
	if (load(path, 0) < 0)
		rval = -1;
	free(path);
	path = attune_dir_file(dir, "tips.csv");
	if (load(path, 1) < 0)
		rval = -1;
	free(path);
	return rval;
}

static void
free_all(void)
{
	size_t i;

	for (i = 0; i < ntips; i++)
		free_tip(&tips[i]);
	for (i = 0; known_topics[i].name != NULL; i++)
		;
	for (; i < ntopics; i++)
		free((char *)topics[i].name);
	free(tips);
	free(topics);
	free(asked);
	free(datadir);
}

/* Every topic but faith, when none was named. */
static void
ask_all(void)
{
	size_t i;

	if (nasked > 0)
		return;
	for (i = 0; i < ntopics; i++)
		if (strcmp(topics[i].name, "faith") != 0)
			asked[nasked++] = topics[i].name;
}

/* The tips to show, by the options given. */
static int
pick(const struct week *w, int partner, int64_t day, int *out)
{
	int i, k, n = 0, fired = 0, filter = nasked == 0;

	if (todayflag) {
		ask_all();
		if ((k = tip_of_day(asked, nasked, filter, partner, day)) >= 0)
			out[n++] = k;
	} else if (aflag) {
		ask_all();
		for (i = 0; i < nasked; i++)
			n += topic_tips(asked[i], 0, 0, out + n);
	} else if (nasked > 0) {
		n = from_topics(asked, nasked, day, count > 0 ? count :
		    nasked > 3 ? nasked : 3, out);
	} else {
		for (i = 0; i < R_START; i++)
			fired += w->fired[i];
		n = choose(w, partner, day, count > 0 ? count :
		    fired > 3 ? fired : 3, out);
	}
	return n;
}

int
main(int argc, char **argv)
{
	struct week w;
	struct attune_time now;
	struct attune_buf why = { 0 };
	const char *who, *region, *msg;
	int *out, bad = 0, c, i, k, n, partner, rval = ATTUNE_OK;
	int64_t day;

	attune_setprog(argv[0]);
	attune_opt_longopts(longopts);
	while ((c = getopt_long(argc, argv, ":ad:f:hln:pr:St:TVw:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'a':
			aflag = 1;
			break;
		case 'd':
			dirflag = optarg;
			break;
		case 'f':
			format = attune_opt_choice("--format", optarg, format_words);
			break;
		case 'h':
			usage();
		case 'l':
			lflag = 1;
			break;
		case 'n':
			count = attune_opt_int("--count", optarg, 1, 50);
			break;
		case 'p':
			partnerflag = 1;
			break;
		case 'r':
			regionflag = optarg;
			break;
		case 'S':
			strictflag = 1;
			break;
		case 'T':
			todayflag = 1;
			break;
		case 't':
			timeflag = optarg;
			break;
		case 'V':
			printf("attune-tips %s\n", ATTUNE_VERSION);
			return attune_finish(ATTUNE_OK);
		case 'w':
			whoflag = optarg;
			break;
		default:
			attune_opt_unknown(c, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (lflag && (argc > 0 || aflag || todayflag || count > 0))
		attune_usage_error("--list shows the topics; it takes no topic, "
		    "--all, --today or --count");
	if (todayflag && (aflag || count > 0))
		attune_usage_error("--today shows one tip; it cannot be used "
		    "with --all or --count");
	if (aflag && count > 0)
		attune_usage_error("--all and --count cannot be used together");
	attune_conf_dir(dirflag);
	who = attune_opt_who(whoflag);
	region = attune_region(regionflag);
	partner = partnerflag || strcasecmp(who, "partner") == 0;
	attune_time_now(&now);
	day = now.days;
	if (timeflag != NULL && attune_date_user(timeflag, &day, &msg) < 0)
		attune_usage_error("--time: '%s' %s", timeflag, msg);
	datadir = attune_dir_resolve(dirflag);

	/*
	 * The logs first: whether harm came up must be known, and the crisis
	 * lines shown, before anything that may fail (the tips files, a
	 * malformed row under --strict).
	 */
	memset(&w, 0, sizeof w);
	if (!lflag) {
		/* Both logs, even when one fails: a safety item in either
		 * counts. */
		k = read_checkins(datadir, who, day, &w);
		if (read_screens(datadir, who, day, &w) < 0 || k < 0) {
			if (strictflag)
				bad = 1;
			rval = ATTUNE_FAIL;
		}
		judge(&w, partner);
		if (!todayflag && !aflag && argc == 0)
			reason(&w, &why);
		print_crisis(w.harm, why.s != NULL ? why.s : "", region);
		if (bad) {
			attune_buf_free(&why);
			free(datadir);
			return attune_finish(ATTUNE_FAIL);
		}
	}
	if (load_all(datadir) < 0) {
		if (strictflag) {
			attune_buf_free(&why);
			free_all();
			return attune_finish(ATTUNE_FAIL);
		}
		rval = ATTUNE_FAIL;
	}
	asked = attune_xcalloc((size_t)argc + ntopics + 1, sizeof *asked);
	for (i = 0; i < argc; i++) {
		const char *t = resolve_topic(argv[i]);

		for (k = 0; k < nasked && strcmp(asked[k], t) != 0; k++)
			;
		if (k == nasked)
			asked[nasked++] = t;
	}
	if (lflag) {
		list_topics();
		free_all();
		return attune_finish(rval);
	}

	out = attune_xcalloc(ntips + 1, sizeof *out);
	n = pick(&w, partner, day, out);
	print_tips(out, n, why.s != NULL ? why.s : "");
	if (n == 0 && format == FMT_TEXT)
		printf("There are no tips to show here yet.\n");
	attune_buf_free(&why);
	free(out);
	free_all();
	return attune_finish(rval);
}
