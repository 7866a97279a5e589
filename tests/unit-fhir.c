/*
 * unit-fhir: the store of screens whole (lib/fhir.c) and the FHIR Bundle
 * written from it: what goes in, what is left out, ids that are the same
 * for the same logs and differ for different ones, answers that do not
 * match their questionnaire, notes kept only when asked; the same from
 * attune report's own diary, folded, as from one not folded; and from a
 * store of its own (attune_detail_new), as attune screen keeps one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"
#include "test.h"

static char *
bundle(struct attune_detail *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	attune_fhir_write(f, d);
	fclose(f);
	return s;
}

/*
 * A diary fed as attune report feeds its own (attune_report_screen,
 * attune_report_checkin), keeping whole what --format fhir and html ask
 * for (what: check-in measures, notes; screens always), and seen as they
 * see it (attune_detail_of).  Not folded (attune_report_done): its
 * screens stay in the order they came.
 */
struct diary {
	struct attune_report r;
	struct attune_detail *d;
};

static struct attune_detail *
diary_new(struct diary *y, int64_t from, int64_t to, unsigned what)
{
	memset(&y->r, 0, sizeof y->r);
	attune_report_setup(&y->r, from, to, ATTUNE_BY_NONE, 0, INT64_MAX);
	y->r.whole = what | ATTUNE_DETAIL_SCREENS;
	return y->d = attune_detail_of(&y->r);
}

static void
diary_free(struct diary *y)
{
	attune_detail_free(y->d);
	attune_report_free(&y->r);
}

static struct attune_screen
screen(const char *ts, const char *who, const char *instrument, int total,
    const char *flags, const char *answers)
{
	struct attune_screen sc;

	memset(&sc, 0, sizeof sc);
	if (attune_time_iso(ts, strlen(ts), &sc.ts) < 0)
		abort();
	sc.who = who;
	sc.instrument = instrument;
	sc.total = total;
	sc.band = "";
	sc.subscales = "";
	sc.flags = flags;
	sc.answers = answers;
	return sc;
}

static const char phq9[] = "2:1;1:0;1:0;1:0;1:0;1:0;1:0;1:0;3:2";
static const char phq9b[] = "3:2;1:0;1:0;1:0;1:0;1:0;1:0;1:0;1:0";

/*
 * attune report's own diary, read once, seen through attune_detail_of,
 * gives what a detail store of its own fed the same rows gives: the same
 * Bundle (the period and unknown questionnaires left out, the same count
 * of them warned about), and the same screen found when one was logged
 * twice, though the diary sorts its screens by time.
 */
static void
same_diary(void)
{
	static const char *const when[] = { "2026-11-21T09:00:00+00:00",
	    "2026-10-30T09:00:00+00:00", "2026-11-20T20:00:00+00:00",
	    "2026-11-20T20:00:00+00:00", "2026-11-19T07:30:00+00:00",
	    "2026-11-23T07:30:00+00:00" };
	static const char *const what[] = { "gad7", "phq9", "phq9", "phq9",
	    "nosuch", "epds" };
	int64_t from = attune_days_from_civil(2026, 11, 1);
	int64_t to = attune_days_from_civil(2026, 11, 22);
	struct attune_report rep;
	struct diary y;
	struct attune_detail *own, *view;
	struct attune_screen sc;
	struct attune_checkin ci;
	struct attune_result r1, r2;
	char *a, *b;
	size_t i;

	memset(&rep, 0, sizeof rep);
	attune_report_setup(&rep, from, to, ATTUNE_BY_NONE, 0, to);
	rep.whole = ATTUNE_DETAIL_MEASURES | ATTUNE_DETAIL_SCREENS;
	own = diary_new(&y, from, to, ATTUNE_DETAIL_MEASURES);
	for (i = 0; i < sizeof when / sizeof when[0]; i++) {
		sc = screen(when[i], i % 2 ? "Sam" : "Jo", what[i], 5 + (int)i,
		    "", i == 3 ? phq9b : phq9);
		if (i == 2 || i == 3)
			sc.who = "Jo";
		attune_report_screen(&rep, &sc);
		attune_report_screen(&y.r, &sc);
		attune_checkin_init(&ci);
		ci.ts = sc.ts;
		ci.who = sc.who;
		ci.v[ATTUNE_BOND] = (int)i;
		attune_report_checkin(&rep, &ci);
		attune_report_checkin(&y.r, &ci);
	}
	attune_report_done(&rep);
	view = attune_detail_of(&rep);
	a = bundle(own);
	b = bundle(view);
	is_str(b, a, "the report's diary: the same Bundle as a store of "
	    "its own");
	is_int(count(b, "\"QuestionnaireResponse\""), 3, "three screens in "
	    "the period, of a questionnaire known");
	is_int(count(b, "CodeSystem/checkin"), 4, "the check-ins in the "
	    "period only");
	free(a);
	free(b);
	sc = screen(when[2], "Jo", "phq9", 0, "", "");
	is_int(attune_detail_find(own, "Jo", sc.ts.days, sc.ts.sec, "phq9",
	    &r1), 2, "a screen logged twice: found");
	is_int(attune_detail_find(view, "Jo", sc.ts.days, sc.ts.sec, "phq9",
	    &r2), 2, "in the report's diary too");
	ok(r1.pts[0] == 1 && r2.pts[0] == 1, "both the first one logged");
	sc = screen(when[5], "Sam", "epds", 0, "", "");
	is_int(attune_detail_find(view, "Sam", sc.ts.days, sc.ts.sec, "epds",
	    &r2), 0, "a screen after the period: not found");
	diary_free(&y);
	attune_detail_free(view);
	attune_report_free(&rep);
}

/* A diary holding one PHQ-9 of who's (item 9 above 0), and the screen. */
static struct attune_detail *
one_phq9(struct diary *y, const char *who, struct attune_screen *sc)
{
	struct attune_detail *d = diary_new(y, INT64_MIN, INT64_MAX, 0);

	*sc = screen("2026-11-20T20:00:00+00:00", who, "phq9", 3, "safety",
	    phq9);
	attune_report_screen(&y->r, sc);
	return d;
}

/* Two questionnaires at the same moment: each screen has its own codes
 * (fhir.c looks them up once a screen, never once a Bundle). */
static void
two_codes(void)
{
	struct diary y;
	struct attune_detail *d = diary_new(&y, INT64_MIN, INT64_MAX, 0);
	struct attune_screen sc;
	char *a;

	sc = screen("2026-11-20T20:00:00+00:00", "Jo", "phq9", 3, "", phq9);
	attune_report_screen(&y.r, &sc);
	sc = screen("2026-11-20T20:00:00+00:00", "Jo", "gad7", 0, "",
	    "1:0;1:0;1:0;1:0;1:0;1:0;1:0");
	attune_report_screen(&y.r, &sc);
	a = bundle(d);
	ok(strstr(a, "\"questionnaire\":\"http://loinc.org/q/69737-5\"") !=
	    NULL && strstr(a, "\"questionnaire\":\"http://loinc.org/q/"
	    "44249-1\"") != NULL, "a GAD-7 and a PHQ-9: each its own panel");
	ok(strstr(a, "\"linkId\":\"70274-6\"") != NULL &&
	    strstr(a, "\"linkId\":\"44261-6\"") != NULL &&
	    strstr(a, "\"linkId\":\"44260-8\"") != NULL,
	    "... its own total and item codes");
	free(a);
	diary_free(&y);
}

int
main(void)
{
	struct attune_detail *d;
	struct diary y;
	struct attune_screen sc;
	struct attune_checkin ci;
	struct attune_result r;
	const char *note;
	char *a, *b, *p;
	size_t at, len;
	int i;

	attune_setprog("unit-fhir");
	/* Nothing in it: a Bundle with no entry (FHIR has no empty arrays). */
	d = diary_new(&y, INT64_MIN, INT64_MAX, 0);
	a = bundle(d);
	is_str(a, "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}\n",
	    "an empty store: an empty collection Bundle");
	free(a);
	diary_free(&y);

	/* One PHQ-9: its response and observation, ids from what it is. */
	d = one_phq9(&y, "Sam", &sc);
	a = bundle(d);
	is_int(count(a, "\"resourceType\":\"QuestionnaireResponse\""), 1,
	    "one QuestionnaireResponse");
	is_int(count(a, "\"resourceType\":\"Observation\""), 1,
	    "one Observation");
	is_int(count(a, "\"linkId\":"), 10, "the total and nine items");
	ok(strstr(a, "\"linkId\":\"44260-8\",\"text\":\"Thoughts that you "
	    "would be better off dead") != NULL, "item 9 by its LOINC code, "
	    "with its wording");
	ok(strstr(a, "\"code\":\"LA6570-1\",\"display\":\"More than half the "
	    "days\"") != NULL, "position 3 is LA6570-1");
	ok(strstr(a, "safety item 9 answered above 0") != NULL,
	    "the safety item named");
	ok(strstr(a, "\"authored\":\"2026-11-20T20:00:00+00:00\"") != NULL,
	    "authored, with its offset");
	b = bundle(d);
	is_str(b, a, "written twice: the same bytes");
	free(b);
	diary_free(&y);

	d = one_phq9(&y, "Alex", &sc);
	b = bundle(d);
	p = strstr(a, "urn:uuid:");
	ok(p != NULL && strstr(b, "urn:uuid:") != NULL &&
	    strncmp(p, strstr(b, "urn:uuid:"), 45) != 0,
	    "another person: other ids");
	free(b);
	diary_free(&y);
	free(a);

	/* The same screen logged twice still has ids of its own. */
	d = diary_new(&y, INT64_MIN, INT64_MAX, 0);
	attune_report_screen(&y.r, &sc);
	attune_report_screen(&y.r, &sc);
	a = bundle(d);
	{
		char ids[4][48];
		int n = 0, uniq = 1, j;

		for (p = a; n < 4 && (p = strstr(p, "\"fullUrl\":\"")) != NULL;
		    p += 11, n++)
			snprintf(ids[n], sizeof ids[n], "%.45s", p + 11);
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++)
				uniq &= strcmp(ids[i], ids[j]) != 0;
		ok(n == 4 && uniq, "a screen logged twice: four distinct ids");
	}
	free(a);
	diary_free(&y);

	/* Answers that do not match: the total alone, and no answers found. */
	d = diary_new(&y, INT64_MIN, INT64_MAX, 0);
	sc = screen("2026-11-20T20:00:00+00:00", "Sam", "phq9", 3, "",
	    "2:3;1:0;1:0;1:0;1:0;1:0;1:0;1:0;3:2");
	attune_report_screen(&y.r, &sc);
	sc = screen("2026-11-21T20:00:00+00:00", "Sam", "phq9", 3, "",
	    "2:1;1:0");
	attune_report_screen(&y.r, &sc);
	sc = screen("2026-11-22T20:00:00+00:00", "Sam", "phq9", 3, "",
	    "2:1;1:0;1:0;1:0;1:0;1:0;1:0;1:0;3:2;1:0");
	attune_report_screen(&y.r, &sc);
	a = bundle(d);
	is_int(count(a, "\"linkId\":"), 3,
	    "points that do not match, too few, too many: totals only");
	is_int(attune_detail_find(d, "Sam", sc.ts.days, sc.ts.sec, "phq9", &r),
	    1, "found, without answers");
	free(a);
	diary_free(&y);

	/* The period, and questionnaires not known. */
	d = diary_new(&y, attune_days_from_civil(2026, 11, 1),
	    attune_days_from_civil(2026, 11, 30), 0);
	sc = screen("2026-10-31T23:59:00+00:00", "Sam", "gad2", 1, "", "2:1;1:0");
	attune_report_screen(&y.r, &sc);
	sc = screen("2026-12-01T00:00:00+00:00", "Sam", "gad2", 1, "", "2:1;1:0");
	attune_report_screen(&y.r, &sc);
	sc = screen("2026-11-15T10:00:00+00:00", "Sam", "mibs", 1, "", "");
	attune_report_screen(&y.r, &sc);
	sc = screen("2026-11-15T10:00:00", "Sam", "gad2", 1, "", "2:1;1:0");
	attune_report_screen(&y.r, &sc);
	a = bundle(d);
	is_int(count(a, "\"resourceType\":\"Observation\""), 1,
	    "outside the period and unknown: left out");
	ok(strstr(a, "\"authored\":\"2026-11-15\"") != NULL,
	    "no UTC offset: the date alone");
	ok(strstr(a, "https://attune.invalid/fhir/Questionnaire/gad2") != NULL,
	    "GAD-2: our own Questionnaire");
	free(a);
	diary_free(&y);

	/* From a result: the EPDS with no wording, partner mode found. */
	memset(&r, 0, sizeof r);
	r.in = attune_instrument("epds");
	r.partner = 1;
	for (i = 0; i < 10; i++)
		r.pos[i] = 2;
	attune_score(&r);
	sc = screen("2026-11-20T08:00:00+01:00", "Jo \"J\"", "epds", 0, "", "");
	d = attune_detail_new();
	attune_detail_result(d, &sc.ts, sc.who, &r);
	a = bundle(d);
	ok(strstr(a, "\"linkId\":\"epds-10\",\"answer\":[{\"valueInteger\":2}]")
	    != NULL, "EPDS item 10: points, no text");
	{
		char link[32];
		int texts = 0;

		for (i = 1; i <= 10; i++) {
			snprintf(link, sizeof link, "\"linkId\":\"epds-%d\",",
			    i);
			p = strstr(a, link);
			texts += p == NULL || strncmp(p + strlen(link),
			    "\"answer\"", 8) != 0;
		}
		is_int(texts, 0, "EPDS: no item has any text");
	}
	ok(strstr(a, "\"display\":\"Jo \\\"J\\\"\"") != NULL,
	    "a name with quotes, escaped");
	ok(strstr(a, "partner cut-offs") != NULL, "partner mode: the method");
	memset(&r, 0, sizeof r);
	is_int(attune_detail_find(d, "Jo \"J\"", sc.ts.days, sc.ts.sec, "EPDS",
	    &r), 2, "found with its answers, by any spelling");
	ok(r.partner && r.pos[9] == 2 && r.pts[9] == 2,
	    "... partner mode, position and points");
	is_int(attune_detail_find(d, "Jo", sc.ts.days, sc.ts.sec, "epds", &r),
	    0, "someone else: not found");
	is_int(attune_detail_find(NULL, "Jo", 0, 0, "epds", &r), 0,
	    "no store: not found");
	free(a);
	attune_detail_free(d);

	/* Check-ins: measures and notes only when asked. */
	attune_checkin_init(&ci);
	if (attune_time_iso("2026-11-20T08:00:00+00:00", 25, &ci.ts) < 0)
		abort();
	ci.who = "Sam";
	ci.v[ATTUNE_MOOD] = 4;
	ci.v[ATTUNE_SLEEP] = 48;
	ci.note = "far away";
	ci.notelen = 8;
	d = diary_new(&y, INT64_MIN, INT64_MAX, 0);
	attune_report_checkin(&y.r, &ci);
	a = bundle(d);
	ok(strstr(a, "entry") == NULL, "measures not asked for: none");
	at = 0;
	ok(attune_detail_note(d, "Sam", ci.ts.days, &at, &len) == NULL,
	    "notes not asked for: none");
	free(a);
	diary_free(&y);

	d = diary_new(&y, INT64_MIN, INT64_MAX, ATTUNE_DETAIL_MEASURES);
	attune_report_checkin(&y.r, &ci);
	a = bundle(d);
	is_int(count(a, "CodeSystem/checkin"), 2, "mood and sleep, two "
	    "Observations");
	ok(strstr(a, "\"value\":4.8,\"unit\":\"h\"") != NULL,
	    "sleep in hours, one decimal");
	ok(strstr(a, "far away") == NULL, "the note never goes in");
	free(a);
	diary_free(&y);

	d = diary_new(&y, INT64_MIN, INT64_MAX, ATTUNE_DETAIL_NOTES);
	attune_report_checkin(&y.r, &ci);
	ci.note = "a bath";
	ci.notelen = 6;
	attune_report_checkin(&y.r, &ci);
	ci.ts.days++;
	ci.note = "next day";
	ci.notelen = 8;
	attune_report_checkin(&y.r, &ci);
	ci.ts.days--;
	at = 0;
	note = attune_detail_note(d, "Sam", ci.ts.days, &at, &len);
	ok(note != NULL && len == 8 && strcmp(note, "far away") == 0,
	    "the first note of the day");
	note = attune_detail_note(d, "Sam", ci.ts.days, &at, &len);
	ok(note != NULL && strcmp(note, "a bath") == 0, "then the second");
	ok(attune_detail_note(d, "Sam", ci.ts.days, &at, &len) == NULL,
	    "then none: the next day's is not this day's");
	at = 0;
	ok(attune_detail_note(d, "Alex", ci.ts.days, &at, &len) == NULL,
	    "another person's: none");
	a = bundle(d);
	ok(strstr(a, "entry") == NULL, "notes kept: still no measures in "
	    "the Bundle");
	free(a);
	diary_free(&y);

	same_diary();
	two_codes();
	return tap_done();
}
