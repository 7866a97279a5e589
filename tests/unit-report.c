/* unit-report: the pieces of attune report in lib/report*.c. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"
#include "test.h"

static int64_t
D(const char *s)
{
	struct attune_time t;

	if (attune_time_iso(s, strlen(s), &t) < 0)
		abort();
	return t.days;
}

static void
checkin(struct attune_report *r, const char *who, int64_t day, int mood,
    int bond, int numb, unsigned did, unsigned flags)
{
	struct attune_checkin ci;

	attune_checkin_init(&ci);
	ci.ts.days = day;
	ci.ts.sec = 9 * 3600;
	ci.ts.off = 0;
	ci.who = who;
	ci.v[ATTUNE_MOOD] = mood;
	ci.v[ATTUNE_BOND] = bond;
	ci.v[ATTUNE_NUMB] = numb;
	ci.did = did;
	ci.flags = flags;
	attune_report_checkin(r, &ci);
}

static void
screen(struct attune_report *r, const char *instr, int total,
    const char *sub, const char *flags, const char *answers)
{
	struct attune_screen s;

	memset(&s, 0, sizeof s);
	s.ts.days = D("2026-11-20");
	s.ts.sec = 0;
	s.who = "me";
	s.instrument = instr;
	s.total = total;
	s.band = "";
	s.subscales = sub;
	s.flags = flags;
	s.answers = answers;
	attune_report_screen(r, &s);
}

static char *
spark(const struct attune_rperson *p, int k, const char *a, const char *b,
    int unicode)
{
	static char out[256];
	struct attune_buf buf = { 0 };

	attune_spark(&buf, p, k, D(a), D(b), unicode);
	attune_buf_add(&buf, "", 1);
	snprintf(out, sizeof out, "%s", buf.s);
	attune_buf_free(&buf);
	return out;
}

static void
test_periods(void)
{
	int64_t *v;
	size_t n;
	char a[16], b[16];

	v = attune_report_periods(D("2026-11-04"), D("2026-11-22"),
	    ATTUNE_BY_WEEK, &n);
	is_int(n, 3, "three weeks touch 2026-11-04 to 2026-11-22");
	attune_date_format(v[0], a);
	attune_date_format(v[5], b);
	is_str(a, "2026-11-02", "the first week starts on its Monday");
	is_str(b, "2026-11-22", "the last week ends on its Sunday");
	free(v);
	v = attune_report_periods(D("2026-12-31"), D("2027-03-01"),
	    ATTUNE_BY_MONTH, &n);
	is_int(n, 4, "four months touch 2026-12-31 to 2027-03-01");
	attune_date_format(v[3], a);
	is_str(a, "2027-01-31", "January ends on the 31st");
	attune_date_format(v[5], a);
	is_str(a, "2027-02-28", "February 2027 has 28 days");
	free(v);
	v = attune_report_periods(D("2026-11-20"), D("2026-11-22"),
	    ATTUNE_BY_DAY, &n);
	is_int(n, 3, "three days");
	free(v);
	v = attune_report_periods(D("2026-11-20"), D("2026-11-22"),
	    ATTUNE_BY_NONE, &n);
	is_int(n, 1, "no split: one period");
	ok(v[0] == D("2026-11-20") && v[1] == D("2026-11-22"),
	    "no split: the period as given");
	free(v);
}

static void
test_labels(void)
{
	char buf[96], tmp[40];

	attune_report_label(buf, sizeof buf, D("2026-12-28"), D("2027-01-03"));
	is_str(buf, "week 2026-W53, 2026-12-28 to 2027-01-03",
	    "the week across the year end is 2026-W53");
	attune_report_label(buf, sizeof buf, D("2027-01-04"), D("2027-01-10"));
	is_str(buf, "week 2027-W01, 2027-01-04 to 2027-01-10",
	    "and the next is 2027-W01");
	attune_report_label(buf, sizeof buf, D("2026-02-01"), D("2026-02-28"));
	is_str(buf, "February 2026, 2026-02-01 to 2026-02-28", "a month");
	attune_report_label(buf, sizeof buf, D("2026-11-09"), D("2026-11-22"));
	is_str(buf, "2026-11-09 to 2026-11-22", "any other stretch");
	is_str(attune_report_before(D("2026-11-09"), D("2026-11-22"), tmp,
	    sizeof tmp), "the 14 days before", "compared with 14 days");
	is_str(attune_report_before(D("2026-11-16"), D("2026-11-22"), tmp,
	    sizeof tmp), "the week before", "compared with a week");
	is_str(attune_report_direction(ATTUNE_NUMB, -1.0), "better",
	    "less numbness is better");
	is_str(attune_report_direction(ATTUNE_MOOD, -1.0), "worse",
	    "lower mood is worse");
	is_str(attune_report_direction(ATTUNE_ANXIETY, 0.5), "worse",
	    "more anxiety is worse");
	is_str(attune_report_direction(ATTUNE_SLEEP, 0.5), "better",
	    "more sleep is better");
	is_str(attune_report_direction(ATTUNE_BOND, 0.04), "about the same",
	    "a tiny change is about the same");
	attune_report_change(tmp, sizeof tmp, ATTUNE_BOND, -0.01);
	is_str(tmp, "0.0 about the same", "no minus sign on nothing");
}

static void
test_days_and_spark(void)
{
	struct attune_report r;
	struct attune_rstat m[ATTUNE_NMEASURES];
	struct attune_rperson *p;
	uint32_t c, d, f;
	int64_t base = D("2020-01-01"), day;
	long want = 0, i;

	memset(&r, 0, sizeof r);
	/* Days out of order, and enough of them that the table grows. */
	for (i = 0; i < 3000; i++) {
		day = base + (i * 7919) % 3000;
		checkin(&r, "me", day, (int)(day % 11), -1, -1, 0, 0);
		want += day % 11;
	}
	checkin(&r, "sam", base, 5, -1, -1, 0, 0);
	p = attune_report_person(&r, "me", 2);
	attune_report_range(p, base, base + 2999, m, &c, &d, &f);
	is_int(c, 3000, "every check-in is counted");
	is_int(d, 3000, "on its own day");
	is_int(m[ATTUNE_MOOD].sum, want, "and every value summed");
	is_int(r.np, 2, "two people");
	attune_report_free(&r);

	memset(&r, 0, sizeof r);
	checkin(&r, "me", D("2026-11-16"), 0, -1, -1, 0, 0);
	checkin(&r, "me", D("2026-11-18"), 5, -1, -1, 0, 0);
	checkin(&r, "me", D("2026-11-18"), 6, -1, -1, 0, 0);
	checkin(&r, "me", D("2026-11-22"), 10, -1, -1, 0, 0);
	p = attune_report_person(&r, "me", 2);
	is_str(spark(p, ATTUNE_MOOD, "2026-11-16", "2026-11-22", 0),
	    "_ =   #", "ASCII sparkline, blanks for days with nothing");
	is_str(spark(p, ATTUNE_MOOD, "2026-11-16", "2026-11-22", 1),
	    "\u2581 \u2585   \u2588", "Unicode sparkline");
	is_int(strlen(spark(p, ATTUNE_MOOD, "2026-01-01", "2026-12-31", 0)),
	    31, "a year fits in 31 marks");
	attune_report_free(&r);
}

static unsigned
rules_for(struct attune_report *r, const char *a, const char *b)
{
	struct attune_rsum s;

	attune_report_setup(r, D(a), D(b), ATTUNE_BY_NONE, 0, D("2026-11-22"));
	attune_report_done(r);
	attune_report_sum(r, attune_report_person(r, "me", 2), D(a), D(b),
	    &s);
	attune_report_sum_free(&s);
	return s.rules;
}

#define RULE(x)	(1u << ATTUNE_RULE_##x)

/* The rules fired, as words in their order ("" for none). */
static const char *
rule_words(unsigned set)
{
	static const char *const word[ATTUNE_NRULES] = {
		[ATTUNE_RULE_URGENT] = "urgent",
		[ATTUNE_RULE_HARD] = "hard-stretch",
		[ATTUNE_RULE_LASTING] = "lasting",
		[ATTUNE_RULE_WORSE] = "worse",
		[ATTUNE_RULE_CONCERNS] = "concerns",
		[ATTUNE_RULE_SCREEN] = "screen",
	};
	static char buf[128];
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < ATTUNE_NRULES; i++)
		if (set & (1u << i))
			len += (size_t)snprintf(buf + len, sizeof buf - len,
			    "%s%s", len > 0 ? " " : "", word[i]);
	if (set >> ATTUNE_NRULES)
		snprintf(buf + len, sizeof buf - len, " (and more)");
	return buf;
}

/*
 * Check-ins of one person, in runs: n days, one check-in a day, going back
 * from ago days before 2026-11-22, all with the same mood, bond, numbness
 * and flags.
 */
static const struct {
	const char *name;
	int ago, n, mood, bond, numb;
	unsigned flags;
} runs[] = {
	{ "14 low bond", 0, 14, 5, 2, -1, 0 },
	{ "9 low bond", 0, 9, 5, 2, 3, 0 },
	{ "a 10th", 9, 1, 5, 2, 3, 0 },
	{ "low 13 days ago", 13, 1, 5, 2, -1, 0 },
	{ "low today", 0, 1, 5, 2, -1, 0 },
	{ "7 low of 14", 0, 1, 5, 8, -1, 0 },
	{ "7 low of 14", 1, 7, 5, 2, -1, 0 },
	{ "7 low of 14", 8, 6, 5, 8, -1, 0 },
	{ "one before", 14, 1, 5, 1, -1, 0 },
	{ "3 hard weeks, 3 good", 21, 21, 2, 1, 9, 0 },
	{ "3 hard weeks, 3 good", 0, 21, 7, 8, 2, 0 },
	{ "4 mood 2", 0, 4, 2, 5, -1, 0 },
	{ "2 mood 1", 0, 2, 1, 0, 10, 0 },
	{ "3 intrusive", 0, 3, 6, 6, -1, 1u << 0 },
	{ "cant-care 10 days ago", 10, 1, 6, 6, -1, 1u << 4 },
	{ "cant-care today", 0, 1, 6, 6, -1, 1u << 4 },
	{ "harm 3 days ago", 3, 1, 5, 5, -1, ATTUNE_FLAG_HARM },
};

/*
 * The runs given (names joined by " + "), the period judged (n days
 * going back from ago days before 2026-11-22), the rules it fires, and
 * why where the rest does not say it.  Rows with the same runs one after
 * another judge the same report again.
 */
static const struct {
	const char *given;
	int ago, n;
	const char *want, *why;
} rules[] = {
	{ "14 low bond", 0, 7, "lasting", "" },
	{ "14 low bond", 7, 7, "", "not yet at the week before's end" },
	{ "14 low bond", 0, 1, "lasting", "one day looks back two weeks" },
	{ "9 low bond", 0, 7, "", "not yet spread over 10" },
	{ "9 low bond + a 10th", 0, 7, "lasting", "" },
	{ "low 13 days ago + low today", 0, 14, "", "not two weeks of it" },
	{ "7 low of 14", 0, 7, "", "half is not most" },
	{ "7 low of 14 + one before", 0, 7, "", "not in the window" },
	{ "3 hard weeks, 3 good", 0, 14, "", "recovered" },
	{ "3 hard weeks, 3 good", 21, 21, "hard-stretch lasting", "back then" },
	{ "4 mood 2", 0, 7, "hard-stretch", "without waiting" },
	{ "2 mood 1", 0, 7, "", "not yet a stretch" },
	{ "3 intrusive", 0, 7, "concerns", "" },
	{ "cant-care 10 days ago", 0, 7, "", "once is not yet" },
	{ "cant-care 10 days ago + cant-care today", 0, 7, "concerns", "" },
	{ "harm 3 days ago", 0, 7, "urgent", "" },
	{ "harm 3 days ago", 7, 7, "", "not in the week before" },
	{ "harm 3 days ago", -10, 2, "", "nor after today" },
};

/* Whether name is one of the names in given, joined by " + ". */
static int
given_has(const char *given, const char *name)
{
	size_t n = strlen(name), k;

	for (;;) {
		k = strcspn(given, "+");
		while (k > 0 && given[k - 1] == ' ')
			k--;
		if (k == n && strncmp(given, name, n) == 0)
			return 1;
		if ((given = strchr(given, '+')) == NULL)
			return 0;
		given += strspn(given, "+ ");
	}
}

static void
test_rules(void)
{
	struct attune_report r;
	int64_t today = D("2026-11-22");
	char from[16], to[16];
	size_t i, k;
	int d;

	memset(&r, 0, sizeof r);
	for (i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		if (i == 0 || strcmp(rules[i].given, rules[i - 1].given) != 0) {
			attune_report_free(&r);
			memset(&r, 0, sizeof r);
			for (k = 0; k < sizeof runs / sizeof runs[0]; k++) {
				if (!given_has(rules[i].given, runs[k].name))
					continue;
				for (d = 0; d < runs[k].n; d++)
					checkin(&r, "me", today - runs[k].ago -
					    d, runs[k].mood, runs[k].bond,
					    runs[k].numb, 0, runs[k].flags);
			}
		}
		attune_date_format(today - rules[i].ago - rules[i].n + 1, from);
		attune_date_format(today - rules[i].ago, to);
		is_str(rule_words(rules_for(&r, from, to)), rules[i].want,
		    "%s, %s to %s: %s%s%s", rules[i].given, from, to,
		    *rules[i].want ? rules[i].want : "none",
		    *rules[i].why ? ", " : "", rules[i].why);
	}
	attune_report_free(&r);

	memset(&r, 0, sizeof r);
	screen(&r, "PHQ-9", 12, "", "", "");
	screen(&r, "pbq", 3, "Impaired=1; scale4=2", "", "");
	screen(&r, "epds", 2, "", "", "1:0;1:0;4:0;1:0;4:0;4:0;4:0;4:0;1:0;3:1");
	screen(&r, "mystery", 99, "", "safety", "");
	screen(&r, "epds", 9, "epds3a=9", "", "");
	ok(r.p[0].sc[0].positive && !r.p[0].sc[0].safety,
	    "PHQ-9 12 is positive, by its name in any case and spelling");
	ok(r.p[0].sc[1].positive, "PBQ scale 4 at 2 is positive");
	ok(strstr(r.p[0].sc[1].why, "risk of abuse") != NULL,
	    "and says which scale");
	ok(r.p[0].sc[2].safety && !r.p[0].sc[2].positive,
	    "EPDS item 10 above 0 is a safety item");
	ok(r.p[0].sc[3].safety && !r.p[0].sc[3].positive,
	    "a safety flag counts on any instrument");
	ok(r.p[0].sc[4].positive && !r.p[0].sc[4].bandpos &&
	    r.p[0].sc[4].high == 1u,
	    "an EPDS of 9 with EPDS-3A at 9 is positive by its subscale");
	is_int(rules_for(&r, "2026-11-16", "2026-11-22"),
	    RULE(URGENT) | RULE(SCREEN), "urgent and screen");
	attune_report_free(&r);
}

static char *
escaped(void (*put)(FILE *, const char *, size_t), const char *s)
{
	static char out[256];
	FILE *f = fmemopen(out, sizeof out, "w");

	put(f, s, strlen(s));
	fclose(f);
	return out;
}

static void
test_escape(void)
{
	is_str(escaped(attune_html_put, "<b a=\"1\">&'</b>"),
	    "&lt;b a=&quot;1&quot;&gt;&amp;&#39;&lt;/b&gt;", "HTML escaped");
	is_str(escaped(attune_html_put, "a\033[2J"), "a\\x1b[2J",
	    "HTML: a control character shown, not sent");
	is_str(escaped(attune_json_put, "a\"b\\c\n\033</"),
	    "\"a\\\"b\\\\c\\n\\u001b\\u003c/\"", "JSON escaped");
}

static void
test_csv_header(void)
{
	char path[] = "/tmp/unit-report-XXXXXX";
	struct attune_csv *c;
	struct attune_screen s;
	FILE *f;
	int fd;

	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL)
		abort();
	fprintf(f, "answers,total,instrument,timestamp,who\n"
	    ";;,7,gad7,2026-11-20T10:00:00+00:00,me\n");
	fclose(f);
	c = attune_csv_open(path, attune_checkin_cols, 0);
	is_int(attune_csv_header_has(c, "instrument"), 1,
	    "the header is looked at before any row");
	is_int(attune_csv_header_has(c, "mood"), 0, "and a column it lacks");
	attune_csv_columns(c, attune_screen_cols);
	is_int(attune_screen_read(c, &s), 1, "then read as screens");
	is_str(s.instrument, "gad7", "with the columns found again");
	is_int(s.total, 7, "all of them");
	attune_csv_close(c);
	unlink(path);
}

/*
 * Streaming folds days as a window moves and forgets them; keeping every
 * day folds them all at the end.  Both must give every period the same
 * summary and the same rules, in the same words, for any setup.
 */
static unsigned long lcg = 12345;

static int
rnd(int n)
{
	lcg = lcg * 1103515245ul + 12345ul;
	return (int)((lcg >> 16) % (unsigned long)n);
}

/* Check-ins for two people over ndays from base; the days logged. */
static size_t
fill(struct attune_report *r, int64_t base, int ndays)
{
	static const char *const who[] = { "me", "sam" };
	int64_t day;
	size_t logged = 0;
	int i, j, ph, low;

	lcg = 12345;
	for (i = 0; i < ndays; i++) {
		day = base + i;
		if (rnd(7) == 0)
			continue;	/* a gap */
		logged++;
		for (j = 0; j < 2; j++) {
			ph = (i / 25) % 3;
			low = ph == 1;
			checkin(r, who[j], day, (low ? 3 : 6) + rnd(3) - 1 -
			    (ph == 2 && i % 25 > 12), low ? 2 + rnd(2) :
			    6 + rnd(3), low ? 7 : rnd(4), rnd(2) ? 1u : 6u,
			    rnd(30) == 0 ? ATTUNE_FLAG_HARM : 0);
		}
	}
	return logged;
}

static void
test_stream(void)
{
	static const struct {
		const char *from, *to;
		int by;
	} setups[] = {
		{ NULL, NULL, ATTUNE_BY_NONE }, { NULL, NULL, ATTUNE_BY_WEEK },
		{ NULL, NULL, ATTUNE_BY_MONTH }, { NULL, NULL, ATTUNE_BY_DAY },
		{ "2021-03-01", "2021-06-30", ATTUNE_BY_NONE },
		{ "2021-02-01", "2021-02-28", ATTUNE_BY_NONE },
		{ "2021-01-13", "2021-09-02", ATTUNE_BY_WEEK },
		{ "2021-01-13", "2021-09-02", ATTUNE_BY_MONTH },
		{ NULL, "2021-05-05", ATTUNE_BY_WEEK },
	};
	struct attune_report rs, rk;
	struct attune_rsum a, b;
	struct attune_rperson *ps, *pk;
	int64_t base = D("2020-11-02"), from, to, *per;
	size_t i, k, n, j, logged;
	unsigned fired = 0;
	int same, periods;

	for (i = 0; i < sizeof setups / sizeof setups[0]; i++) {
		from = setups[i].from ? D(setups[i].from) : INT64_MIN;
		to = setups[i].to ? D(setups[i].to) : INT64_MAX;
		memset(&rs, 0, sizeof rs);
		memset(&rk, 0, sizeof rk);
		attune_report_setup(&rs, from, to, setups[i].by, 1, base + 520);
		attune_report_setup(&rk, from, to, setups[i].by, 0, base + 520);
		fill(&rs, base, 500);
		logged = fill(&rk, base, 500);
		attune_report_done(&rs);
		attune_report_done(&rk);
		ok(!rs.late, "setup %zu: a log in time order is never late", i);
		ok(rs.p[0].ndays <= ATTUNE_RWINDOW &&
		    rs.p[0].capdays <= 2 * ATTUNE_RWINDOW,
		    "setup %zu: streaming kept at most a window of days", i);
		is_int(rk.p[0].ndays, logged,
		    "setup %zu: keeping, every day is kept", i);
		per = attune_report_periods(from == INT64_MIN ? base : from,
		    to == INT64_MAX ? base + 499 : to, setups[i].by, &n);
		same = 1;
		periods = 0;
		for (k = 0; k < n; k++)
			for (j = 0; j < 2; j++) {
				ps = attune_report_person(&rs, j ? "sam" : "me",
				    j ? 3 : 2);
				pk = attune_report_person(&rk, j ? "sam" : "me",
				    j ? 3 : 2);
				attune_report_sum(&rs, ps, per[2 * k],
				    per[2 * k + 1], &a);
				attune_report_sum(&rk, pk, per[2 * k],
				    per[2 * k + 1], &b);
				same &= rsum_equal(&a, &b);
				periods += a.checkins > 0;
				fired |= a.rules;
				attune_report_sum_free(&a);
				attune_report_sum_free(&b);
			}
		ok(same, "setup %zu: streaming and keeping agree on %zu "
		    "periods", i, n);
		ok(periods > 0, "setup %zu: and the periods hold check-ins", i);
		free(per);
		attune_report_free(&rs);
		attune_report_free(&rk);
	}
	is_int(fired & (RULE(URGENT) | RULE(LASTING) | RULE(WORSE)),
	    RULE(URGENT) | RULE(LASTING) | RULE(WORSE),
	    "the log makes those rules fire");

	/* A day older than the window is late; one inside it is not. */
	memset(&rs, 0, sizeof rs);
	attune_report_setup(&rs, INT64_MIN, INT64_MAX, ATTUNE_BY_WEEK, 1, base + 420);
	fill(&rs, base, 400);
	ok(!rs.late, "in time order: not late");
	checkin(&rs, "me", base + 390, 5, 5, 5, 0, 0);
	ok(!rs.late, "a few days back, inside the window: not late");
	checkin(&rs, "me", base + 3, 5, 5, 5, 0, 0);
	ok(rs.late, "a year back, long folded: late, so read again");
	attune_report_free(&rs);
}

/* Many people, as a hostile log may name: each found again, none mixed up. */
static void
test_people(void)
{
	struct attune_report r;
	struct attune_rperson *p;
	char name[16];
	int i, n = 20000, found = 0, small = 1;

	memset(&r, 0, sizeof r);
	attune_report_setup(&r, INT64_MIN, INT64_MAX, ATTUNE_BY_WEEK, 1, D("2026-11-22"));
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof name, "p%d", i);
		checkin(&r, name, D("2026-11-02") + i % 9, 5, 5, 5, 0, 0);
	}
	is_int(r.np, n, "every name is a person");
	for (i = n - 1; i >= 0; i--) {
		snprintf(name, sizeof name, "p%d", i);
		p = attune_report_person(&r, name, strlen(name));
		found += p == &r.p[i] && strcmp(p->who, name) == 0;
		small &= p->capdays <= 4 && p->hcap <= 8;
	}
	is_int(found, n, "and each is found again by its name");
	is_int(r.np, n, "without being added twice");
	ok(small, "a person with one day holds room for a few days only");
	attune_report_free(&r);
}

/* attune_report_find looks the same way as attune_report_person adds:
 * each name found, a name never read not, nor any in an empty diary. */
static void
test_find(void)
{
	struct attune_report r;
	char name[16];
	int i, n = 100, found = 0;

	memset(&r, 0, sizeof r);
	ok(attune_report_find(&r, "p0") == NULL, "no one in an empty diary");
	attune_report_setup(&r, INT64_MIN, INT64_MAX, ATTUNE_BY_WEEK, 0,
	    D("2026-11-22"));
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof name, "p%d", i);
		checkin(&r, name, D("2026-11-02"), 5, 5, 5, 0, 0);
	}
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof name, "p%d", i);
		found += attune_report_find(&r, name) == &r.p[i];
	}
	is_int(found, n, "attune_report_find: each person by name");
	ok(attune_report_find(&r, "p100") == NULL &&
	    attune_report_find(&r, "p") == NULL, "and no one else");
	attune_report_free(&r);
}

/* The answers list of a screen of in scoring pts[i] on each item i. */
static void
answers(struct attune_buf *b, const char *instr, const int *pts)
{
	const struct attune_instrument *in = attune_instrument(instr);
	int pos[ATTUNE_MAXITEMS], i;

	for (i = 0; i < in->nitems; i++)
		pos[i] = attune_item_position(in, i, pts[i]);
	b->len = 0;
	attune_answers_put(b, in, pos, pts);
	attune_buf_add(b, "", 1);
}

/* A screen's answers are read, and its scales scored, only for a diary
 * that keeps screens whole; its safety items are judged the same either
 * way, from answers read strictly or, damaged, leniently. */
static void
test_whole(void)
{
	int epds[ATTUNE_MAXITEMS] = { 0, 0, 0, 2, 0, 0, 0, 0, 0, 1 };
	int pbq[ATTUNE_MAXITEMS] = { 0 };
	struct attune_buf a = { 0 }, b = { 0 };
	struct attune_report r;
	const struct attune_rscreen *sc;
	unsigned whole;
	int i;

	pbq[23] = 1;
	answers(&a, "epds", epds);
	answers(&b, "pbq", pbq);
	for (whole = 0; whole <= ATTUNE_DETAIL_SCREENS;
	    whole += ATTUNE_DETAIL_SCREENS) {
		memset(&r, 0, sizeof r);
		attune_report_setup(&r, INT64_MIN, INT64_MAX, ATTUNE_BY_NONE,
		    0, D("2026-11-22"));
		r.whole = whole;
		screen(&r, "epds", 3, "", "", a.s);
		screen(&r, "epds", 1, "", "", "0;0;0;0;0;0;0;0;0;2");
		screen(&r, "pbq", 1, "", "", b.s);
		attune_report_done(&r);
		sc = r.p[0].sc;
		is_int(r.p[0].nsc, 3, "whole %u: three screens", whole);
		for (i = 0; i < 3; i++)
			is_str(sc[i].items, sc[i].in->nitems == 25 ? "24" :
			    "10", "whole %u: %s's safety item named", whole,
			    sc[i].instrument);
		ok(sc[0].safety && sc[1].safety && sc[2].safety,
		    "whole %u: each a safety item", whole);
		for (i = 0; i < 3; i++)
			if (whole && sc[i].in->nitems == 25)
				ok(sc[i].answered && sc[i].scored &&
				    sc[i].sub[3] == 1 && sc[i].pts[23] == 1,
				    "the PBQ's answers read, scored on its "
				    "scales");
			else if (whole && sc[i].total == 3)
				ok(sc[i].answered && sc[i].pts[9] == 1 &&
				    sc[i].scored && sc[i].sub[0] == 2,
				    "kept whole: the EPDS's answers read, its "
				    "EPDS-3A scored");
			else if (whole)
				ok(!sc[i].answered, "bare points: no answers "
				    "kept");
			else
				ok(!sc[i].answered && !sc[i].scored,
				    "not kept whole: no answers read, nothing "
				    "scored (%s)", sc[i].instrument);
		attune_report_free(&r);
	}
	attune_buf_free(&a);
	attune_buf_free(&b);
}

int
main(void)
{
	test_periods();
	test_labels();
	test_days_and_spark();
	test_rules();
	test_stream();
	test_people();
	test_escape();
	test_csv_header();
	test_find();
	test_whole();
	return tap_done();
}
