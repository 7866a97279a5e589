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

static void
test_rules(void)
{
	struct attune_report r;
	int64_t end = D("2026-11-22");
	int i;

	memset(&r, 0, sizeof r);
	for (i = 0; i < 14; i++)
		checkin(&r, "me", end - i, 5, 2, -1, 0, 0);
	is_int(rules_for(&r, "2026-11-16", "2026-11-22"), RULE(LASTING),
	    "14 days of low bond: lasting");
	is_int(rules_for(&r, "2026-11-09", "2026-11-15"), 0,
	    "judged at the end of the week before: not yet");
	is_int(rules_for(&r, "2026-11-22", "2026-11-22"), RULE(LASTING),
	    "a one-day period looks back two weeks all the same");
	attune_report_free(&r);

	memset(&r, 0, sizeof r);
	for (i = 0; i < 9; i++)
		checkin(&r, "me", end - i, 5, 2, 3, 0, 0);
	is_int(rules_for(&r, "2026-11-16", "2026-11-22"), 0,
	    "9 days of low bond: not yet spread over 10");
	checkin(&r, "me", end - 9, 5, 2, 3, 0, 0);
	is_int(rules_for(&r, "2026-11-16", "2026-11-22"), RULE(LASTING),
	    "10 days: lasting");
	attune_report_free(&r);

	memset(&r, 0, sizeof r);
	checkin(&r, "me", end - 13, 5, 2, -1, 0, 0);
	checkin(&r, "me", end, 5, 2, -1, 0, 0);
	is_int(rules_for(&r, "2026-11-09", "2026-11-22"), 0,
	    "two check-ins 14 days apart are not two weeks of it");
	attune_report_free(&r);

	memset(&r, 0, sizeof r);
	for (i = 0; i < 14; i++)	/* 7 low of 14: half, not most */
		checkin(&r, "me", end - i, 5, i >= 1 && i <= 7 ? 2 : 8, -1,
		    0, 0);
	is_int(rules_for(&r, "2026-11-16", "2026-11-22"), 0,
	    "half the days low is not most");
	checkin(&r, "me", end - 14, 5, 1, -1, 0, 0);
	is_int(rules_for(&r, "2026-11-16", "2026-11-22"), 0,
	    "a low day before the window does not count");
	attune_report_free(&r);

	memset(&r, 0, sizeof r);
	for (i = 0; i < 21; i++)	/* three hard weeks, then three good */
		checkin(&r, "me", end - 41 + i, 2, 1, 9, 0, 0);
	for (i = 21; i < 42; i++)
		checkin(&r, "me", end - 41 + i, 7, 8, 2, 0, 0);
	is_int(rules_for(&r, "2026-11-09", "2026-11-22"), 0,
	    "recovered: nothing fires now");
	is_int(rules_for(&r, "2026-10-12", "2026-11-01"),
	    RULE(HARD) | RULE(LASTING), "but it did at the end of the hard "
	    "weeks");
	attune_report_free(&r);

	memset(&r, 0, sizeof r);
	for (i = 0; i < 4; i++)
		checkin(&r, "me", end - i, 2, 5, -1, 0, 0);
	is_int(rules_for(&r, "2026-11-16", "2026-11-22"), RULE(HARD),
	    "four days of mood 2: a very hard stretch, without waiting");
	attune_report_free(&r);

	memset(&r, 0, sizeof r);
	for (i = 0; i < 2; i++)
		checkin(&r, "me", end - i, 1, 0, 10, 0, 0);
	is_int(rules_for(&r, "2026-11-16", "2026-11-22"), 0,
	    "two very hard days are not yet a stretch");
	attune_report_free(&r);

	memset(&r, 0, sizeof r);
	for (i = 0; i < 3; i++)
		checkin(&r, "me", end - i, 6, 6, -1, 0, 1u);	/* intrusive */
	is_int(rules_for(&r, "2026-11-16", "2026-11-22"), RULE(CONCERNS),
	    "intrusive thoughts on 3 days of a week: concerns");
	attune_report_free(&r);

	memset(&r, 0, sizeof r);
	checkin(&r, "me", end - 10, 6, 6, -1, 0, 1u << 4);	/* cant-care */
	is_int(rules_for(&r, "2026-11-16", "2026-11-22"), 0,
	    "cant-care once is not yet");
	checkin(&r, "me", end, 6, 6, -1, 0, 1u << 4);
	is_int(rules_for(&r, "2026-11-16", "2026-11-22"), RULE(CONCERNS),
	    "cant-care twice in the window is");
	attune_report_free(&r);

	memset(&r, 0, sizeof r);
	checkin(&r, "me", D("2026-11-19"), 5, 5, -1, 0, ATTUNE_FLAG_HARM);
	is_int(rules_for(&r, "2026-11-16", "2026-11-22"), RULE(URGENT),
	    "a harm flag: urgent");
	is_int(rules_for(&r, "2026-11-09", "2026-11-15"), 0,
	    "not in the week before");
	is_int(rules_for(&r, "2026-12-01", "2026-12-02"), 0,
	    "nor in a period after today");
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
