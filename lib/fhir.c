/*
 * fhir.c: screens, and check-ins when asked, as one FHIR R4 Bundle of type
 * "collection", for a clinic's record system (attune-report(1), FHIR).
 *
 * Each screen becomes a QuestionnaireResponse (one item a question, the
 * total and any subscales as items of their own) and an Observation of its
 * total that points back at it.  The PHQ and GAD questionnaires and the
 * EPDS carry their LOINC codes; the PBQ and GAD-2, which have none given
 * in instruments.md, carry codes of attune's own under ATTUNE_FHIR_BASE.
 * No EPDS wording is written, only item numbers and points.  The person is
 * named, never identified: a Patient reference holds their name and
 * nothing else.  Ids are urn:uuid values made from a hash of what the
 * resource describes, so the same log gives the same Bundle every time.
 */
#include <stdlib.h>
#include <string.h>

#include "attune_priv.h"

#define LOINC	"http://loinc.org"
#define UCUM	"http://unitsofmeasure.org"
#define SNOMED	"http://snomed.info/sct"
#define CATEGORY "http://terminology.hl7.org/CodeSystem/observation-category"

/* What attune knows of each questionnaire in FHIR terms.  NULL: no code. */
struct fcode {
	const char *name;		/* attune's instrument name */
	const char *panel;		/* LOINC panel, or NULL */
	const char *total;		/* LOINC total score, or NULL */
	const char *snomed;		/* SNOMED CT score concept, or NULL */
	const char *const *items;	/* LOINC per item, or NULL: local */
	int	 loinc_answers;		/* 1: the PHQ answer list LL358-3 */
};

static const char *const phq9_loinc[] = { "44250-9", "44255-8", "44259-0",
	"44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8" };
static const char *const gad7_loinc[] = { "69725-0", "68509-9", "69733-4",
	"69734-2", "69735-9", "69689-8", "69736-7" };
/* LA6568-5 … LA6571-9: "Not at all" to "Nearly every day". */
static const char *const phq_answers[] = { "LA6568-5", "LA6569-3",
	"LA6570-1", "LA6571-9" };

static const struct fcode fcodes[] = {
	{ "phq9", "44249-1", "44261-6", NULL, phq9_loinc, 1 },
	{ "phq2", "55757-9", "55758-7", NULL, phq9_loinc, 1 },
	{ "gad7", "69737-5", "70274-6", NULL, gad7_loinc, 1 },
	{ "gad2", NULL, NULL, NULL, gad7_loinc, 1 },
	{ "epds", "71354-5", "99046-5", "450320001", NULL, 0 },
	{ "pbq", NULL, NULL, NULL, NULL, 0 },
	{ NULL, NULL, NULL, NULL, NULL, 0 }
};

/*
 * The screens whole and the check-ins asked for (report.c keeps both
 * whole when r.whole is set), for r's from..to only: the diary attune
 * report read, once (attune_detail_of), or one of their own
 * (attune_detail_new, for attune screen's one result).
 */
struct attune_detail {
	struct attune_report own;	/* attune_detail_new's diary */
	const struct attune_report *r;	/* the one read: own, or a report */
};

/* A check-in and whose it is, to sort the Bundle's. */
struct fcheckin {
	const struct attune_rcheckin *c;
	const char *who;
};

struct attune_detail *
attune_detail_new(void)
{
	struct attune_detail *d = attune_xcalloc(1, sizeof *d);

	attune_report_setup(&d->own, INT64_MIN, INT64_MAX, ATTUNE_BY_NONE, 0,
	    INT64_MAX);
	d->own.whole = ATTUNE_DETAIL_SCREENS;
	d->r = &d->own;
	return d;
}

/* The details of a report's own diary, read once: r keeps check-ins whole
 * as r->whole asks, and its screens whole when it has
 * ATTUNE_DETAIL_SCREENS; it must outlive the detail. */
struct attune_detail *
attune_detail_of(const struct attune_report *r)
{
	struct attune_detail *d = attune_xcalloc(1, sizeof *d);

	d->r = r;
	return d;
}

/* Whether day is in the period the details are for. */
static int
in_period(const struct attune_detail *d, int64_t day)
{
	return day >= d->r->from && day <= d->r->to;
}

void
attune_detail_free(struct attune_detail *d)
{
	if (d == NULL)
		return;
	attune_report_free(&d->own);
	free(d);
}

static const struct fcode *
fcode(const struct attune_instrument *in)
{
	const struct fcode *c;

	for (c = fcodes; c->name != NULL; c++)
		if (strcmp(c->name, in->name) == 0)
			return c;
	return NULL;
}

void
attune_detail_result(struct attune_detail *d, const struct attune_time *ts,
    const char *who, const struct attune_result *r)
{
	struct attune_rperson *p = attune_report_person(&d->own, who,
	    strlen(who));
	struct attune_rscreen *s = attune_report_add_screen(p);

	attune_rscreen_result(s, ts, r);
	s->who = p->who;
	s->seq = d->own.seq++;
}

int
attune_detail_find(const struct attune_detail *d, const char *who,
    int64_t day, int32_t sec, const char *instrument,
    struct attune_result *r)
{
	const struct attune_instrument *in = attune_instrument(instrument);
	const struct attune_rperson *p;
	const struct attune_rscreen *s = NULL, *t;
	size_t i;
	int k;

	if (d == NULL || in == NULL ||
	    (p = attune_report_find(d->r, who)) == NULL)
		return 0;
	/* The first logged, where the same screen was logged twice: the
	 * report's diary holds its screens in time order, not as logged. */
	for (i = 0; i < p->nsc; i++) {
		t = &p->sc[i];
		if (t->in == in && t->ts.days == day && t->ts.sec == sec &&
		    in_period(d, day) && (s == NULL || t->seq < s->seq))
			s = t;
	}
	if (s == NULL)
		return 0;
	memset(r, 0, sizeof *r);
	r->in = in;
	r->partner = s->partner;
	r->total = s->total;
	r->safety = s->safety;
	if (!s->answered)
		return 1;
	for (k = 0; k < in->nitems; k++) {
		r->pos[k] = s->pos[k];
		r->pts[k] = s->pts[k];
	}
	return 2;
}

const char *
attune_detail_note(const struct attune_detail *d, const char *who,
    int64_t day, size_t *i, size_t *len)
{
	const struct attune_rperson *p;
	const struct attune_rcheckin *c;

	if (d == NULL || (p = attune_report_find(d->r, who)) == NULL)
		return NULL;
	for (; *i < p->nci; (*i)++) {
		c = &p->ci[*i];
		if (c->note != NULL && c->ts.days == day) {
			*len = c->notelen;
			return p->ci[(*i)++].note;
		}
	}
	return NULL;
}

static int
time_cmp(const struct attune_time *a, const struct attune_time *b)
{
	int64_t x = attune_time_epoch(a), y = attune_time_epoch(b);

	return x < y ? -1 : x > y;
}

/* By person, time and questionnaire, else in the order they came. */
static int
screen_cmp(const void *a, const void *b)
{
	const struct attune_rscreen *x = *(const struct attune_rscreen *const *)a;
	const struct attune_rscreen *y = *(const struct attune_rscreen *const *)b;
	int c;

	if ((c = strcmp(x->who, y->who)) != 0 ||
	    (c = time_cmp(&x->ts, &y->ts)) != 0 ||
	    (c = strcmp(x->in->name, y->in->name)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
checkin_cmp(const void *a, const void *b)
{
	const struct fcheckin *x = a, *y = b;
	int c;

	if ((c = strcmp(x->who, y->who)) != 0 ||
	    (c = time_cmp(&x->c->ts, &y->c->ts)) != 0)
		return c;
	return x->c->seq < y->c->seq ? -1 : x->c->seq > y->c->seq;
}

/*
 * A urn:uuid from what a resource describes (two 64-bit FNV-1a hashes,
 * each finished with a SplitMix64 mix), marked as a version 8 UUID, whose
 * bits are the maker's own (RFC 9562).
 */
static uint64_t
mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
uuid(char out[48], const struct attune_buf *key)
{
	uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
	size_t i;

	for (i = 0; i < key->len; i++) {
		h1 = (h1 ^ (unsigned char)key->s[i]) * 0x100000001b3ULL;
		h2 = (h2 ^ (unsigned char)key->s[i]) * 0x100000001b3ULL;
		h2 ^= h2 >> 29;
	}
	h1 = mix(h1);
	h2 = mix(h2 ^ h1);
	h1 = (h1 & ~0xf000ULL) | 0x8000ULL;	/* version 8 */
	h2 = (h2 & ~(3ULL << 62)) | (2ULL << 62);	/* variant 10 */
	snprintf(out, 48, "urn:uuid:%08x-%04x-%04x-%04x-%012llx",
	    (unsigned)(h1 >> 32), (unsigned)(h1 >> 16 & 0xffff),
	    (unsigned)(h1 & 0xffff), (unsigned)(h2 >> 48),
	    (unsigned long long)(h2 & 0xffffffffffffULL));
}

static void
key_uuid(char out[48], const char *kind, const char *who,
    const struct attune_time *ts, const char *what, size_t dup)
{
	struct attune_buf b = { 0 };
	char t[32];

	attune_time_format(ts, t);
	attune_buf_printf(&b, "attune\n%s\n%s\n%s\n%s\n%zu", kind, who, t,
	    what, dup);
	uuid(out, &b);
	attune_buf_free(&b);
}

static void
js(FILE *f, const char *s)
{
	attune_json_put(f, s, strlen(s));
}

/* A FHIR dateTime: with its UTC offset, or the date alone when the log
 * gave none, since FHIR allows a time only with a zone. */
static void
jtime(FILE *f, const struct attune_time *ts)
{
	char t[32];

	attune_time_format(ts, t);
	if (ts->off == ATTUNE_NOOFF)
		t[10] = '\0';
	fprintf(f, "\"%s\"", t);
}

static void
subject(FILE *f, const char *who)
{
	fputs("\"subject\":{\"type\":\"Patient\",\"display\":", f);
	js(f, who);
	fputs("}", f);
}

static void
coding(FILE *f, const char *system, const char *code, const char *display)
{
	fprintf(f, "{\"system\":\"%s\",\"code\":", system);
	js(f, code);
	if (display != NULL) {
		fputs(",\"display\":", f);
		js(f, display);
	}
	fputs("}", f);
}

static void
int_item(FILE *f, const char *link, const char *text, int v)
{
	fputs(",{\"linkId\":", f);
	js(f, link);
	fputs(",\"text\":", f);
	js(f, text);
	fprintf(f, ",\"answer\":[{\"valueInteger\":%d}]}", v);
}

/* The PBQ's answer words as codes: "Very often" is very-often. */
static void
word_code(char *buf, size_t size, const char *label)
{
	size_t i;

	for (i = 0; label[i] != '\0' && i + 1 < size; i++)
		buf[i] = label[i] == ' ' ? '-' : (char)(label[i] |
		    (label[i] >= 'A' && label[i] <= 'Z' ? 0x20 : 0));
	buf[i] = '\0';
}

/* From here to observation, c is the screen's codes, or NULL: fcode(s->in),
 * looked up once a screen by attune_fhir_write. */
static void
questionnaire_url(FILE *f, const struct attune_rscreen *s,
    const struct fcode *c)
{
	if (c != NULL && c->panel != NULL)
		fprintf(f, "\"%s/q/%s\"", LOINC, c->panel);
	else
		fprintf(f, "\"%s/Questionnaire/%s\"", ATTUNE_FHIR_BASE,
		    s->in->name);
}

static void
total_coding(FILE *f, const struct attune_rscreen *s, const struct fcode *c)
{
	char code[32];

	if (c != NULL && c->total != NULL) {
		coding(f, LOINC, c->total, NULL);
		if (c->snomed != NULL) {
			fputc(',', f);
			coding(f, SNOMED, c->snomed, NULL);
		}
	} else {
		snprintf(code, sizeof code, "%s-total", s->in->name);
		coding(f, ATTUNE_FHIR_BASE "/CodeSystem/score", code, NULL);
	}
}

static const char *
total_link(const struct attune_rscreen *s, const struct fcode *c,
    char buf[32])
{
	if (c != NULL && c->total != NULL)
		return c->total;
	snprintf(buf, 32, "%s-total", s->in->name);
	return buf;
}

static void
response(FILE *f, const struct attune_rscreen *s, const struct fcode *c,
    const char *id)
{
	const struct attune_instrument *in = s->in;
	const struct attune_scale *sc;
	char link[48], code[32], sys[128];
	int i, k;

	fprintf(f, "{\"fullUrl\":\"%s\",\"resource\":{\"resourceType\":"
	    "\"QuestionnaireResponse\",\"questionnaire\":", id);
	questionnaire_url(f, s, c);
	fputs(",\"status\":\"completed\",", f);
	subject(f, s->who);
	fputs(",\"authored\":", f);
	jtime(f, &s->ts);
	fputs(",\"item\":[", f);
	/* The total first, so even a row without answers has an item. */
	snprintf(link, sizeof link, "%s total score", in->label);
	fputs("{\"linkId\":", f);
	js(f, total_link(s, c, code));
	fputs(",\"text\":", f);
	js(f, link);
	fprintf(f, ",\"answer\":[{\"valueInteger\":%d}]}", s->total);
	if (s->scored)
		for (k = 0, sc = in->scales; sc->name != NULL; k++, sc++) {
			snprintf(link, sizeof link, "%s-%s", in->name,
			    sc->name);
			int_item(f, link, sc->title, s->sub[k]);
		}
	for (i = 0; s->answered && i < in->nitems; i++) {
		if (c != NULL && c->items != NULL)
			snprintf(link, sizeof link, "%s", c->items[i]);
		else
			snprintf(link, sizeof link, "%s-%d", in->name, i + 1);
		fputs(",{\"linkId\":", f);
		js(f, link);
		/* The EPDS wording may not ship: its items go by number. */
		if (in->wording && in->items[i].text != NULL) {
			fputs(",\"text\":", f);
			js(f, in->items[i].text);
		}
		fputs(",\"answer\":[{", f);
		if (c != NULL && c->loinc_answers) {
			fputs("\"valueCoding\":", f);
			coding(f, LOINC, phq_answers[s->pos[i] - 1],
			    in->options[s->pos[i] - 1]);
		} else if (in->options != NULL) {
			word_code(code, sizeof code, in->options[s->pos[i] - 1]);
			fputs("\"valueCoding\":", f);
			snprintf(sys, sizeof sys, "%s/CodeSystem/%s-answer",
			    ATTUNE_FHIR_BASE, in->name);
			coding(f, sys, code, in->options[s->pos[i] - 1]);
		} else
			fprintf(f, "\"valueInteger\":%d", s->pts[i]);
		fputs("}]}", f);
	}
	fputs("]}}", f);
}

static void
quantity(FILE *f, const char *value, const char *unit)
{
	fprintf(f, "\"valueQuantity\":{\"value\":%s,\"unit\":\"%s\","
	    "\"system\":\"" UCUM "\",\"code\":\"%s\"}", value, unit, unit);
}

static void
survey(FILE *f)
{
	fputs("\"category\":[{\"coding\":[", f);
	coding(f, CATEGORY, "survey", "Survey");
	fputs("]}]", f);
}

/* The band, judged again from the scores as attune-screen(1) does; the
 * word logged only where the scores to judge by are missing. */
static const struct attune_band *
band(const struct attune_rscreen *s)
{
	const struct attune_band *b, *found = NULL;
	const struct attune_scale *sc;
	int k, high = 0;

	b = attune_bands(s->in, s->partner);
	if (s->in->scale_bands) {
		if (!s->scored)
			return attune_band_find(s->in, s->band);
		for (k = 0, sc = s->in->scales; sc->name != NULL; k++, sc++)
			high |= s->sub[k] >= attune_scale_cutoff(sc, s->partner);
		return high ? &b[1] : &b[0];
	}
	for (; b->word != NULL; b++)
		if (s->total >= b->min)
			found = b;
	return found;
}

static void
observation(FILE *f, const struct attune_rscreen *s, const struct fcode *c,
    const char *id, const char *qr)
{
	const struct attune_instrument *in = s->in;
	const struct attune_scale *sc;
	const struct attune_band *b;
	char num[32], code[48];
	int k;

	fprintf(f, "{\"fullUrl\":\"%s\",\"resource\":{\"resourceType\":"
	    "\"Observation\",\"status\":\"final\",", id);
	survey(f);
	fputs(",\"code\":{\"coding\":[", f);
	total_coding(f, s, c);
	fprintf(f, "],\"text\":\"%s total score\"},", in->label);
	subject(f, s->who);
	fputs(",\"effectiveDateTime\":", f);
	jtime(f, &s->ts);
	snprintf(num, sizeof num, "%d", s->total);
	fputc(',', f);
	quantity(f, num, "{score}");
	/* The band and the safety item in words, for the person reading. */
	b = band(s);
	if (b != NULL || s->safety) {
		fputs(",\"interpretation\":[", f);
		if (b != NULL) {
			fputs("{\"text\":", f);
			js(f, b->plain);
			fputs("}", f);
		}
		if (s->safety) {
			fprintf(f, "%s{\"text\":\"safety item%s %s answered "
			    "above 0: please follow up today\"}", b ? "," :
			    "", strchr(s->items, ' ') ? "s" : "",
			    s->items[0] ? s->items : "(logged as flagged)");
		}
		fputs("]", f);
	}
	if (s->partner)
		fputs(",\"method\":{\"text\":\"partner cut-offs (EPDS 11 or "
		    "more, EPDS-3A 4 or more)\"}", f);
	fprintf(f, ",\"derivedFrom\":[{\"reference\":\"%s\"}]", qr);
	if (s->scored && in->scales[0].name != NULL) {
		fputs(",\"component\":[", f);
		for (k = 0, sc = in->scales; sc->name != NULL; k++, sc++) {
			snprintf(code, sizeof code, "%s-%s", in->name,
			    sc->name);
			fprintf(f, "%s{\"code\":{\"coding\":[", k ? "," : "");
			coding(f, ATTUNE_FHIR_BASE "/CodeSystem/score", code,
			    NULL);
			fputs("],\"text\":", f);
			js(f, sc->title);
			snprintf(num, sizeof num, "%d", s->sub[k]);
			fputs("},", f);
			quantity(f, num, "{score}");
			fputs("}", f);
		}
		fputs("]", f);
	}
	fputs("}}", f);
}

static void
checkin_obs(FILE *f, const struct fcheckin *c, int k, const char *id)
{
	const struct attune_measure *m = &attune_measures[k];
	char num[32], text[160];

	fprintf(f, "{\"fullUrl\":\"%s\",\"resource\":{\"resourceType\":"
	    "\"Observation\",\"status\":\"final\",", id);
	survey(f);
	fputs(",\"code\":{\"coding\":[", f);
	coding(f, ATTUNE_FHIR_BASE "/CodeSystem/checkin", m->name, NULL);
	if (m->tenths)
		snprintf(text, sizeof text, "%s: hours slept in the last 24 "
		    "hours, self-reported", m->name);
	else
		snprintf(text, sizeof text, "%s: self-rated from 0 (%s) to "
		    "%d (%s)", m->name, m->low, m->max, m->high);
	fputs("],\"text\":", f);
	js(f, text);
	fputs("},", f);
	subject(f, c->who);
	fputs(",\"effectiveDateTime\":", f);
	jtime(f, &c->c->ts);
	fputc(',', f);
	if (m->tenths) {
		snprintf(num, sizeof num, "%d.%d", c->c->v[k] / 10, c->c->v[k] % 10);
		quantity(f, num, "h");
	} else {
		snprintf(num, sizeof num, "%d", c->c->v[k]);
		quantity(f, num, "{score}");
	}
	fputs("}}", f);
}

void
attune_fhir_write(FILE *f, struct attune_detail *d)
{
	const struct attune_rscreen **sc;
	struct fcheckin *ci;
	char qr[48], obs[48];
	size_t i, j, nsc = 0, nci = 0, dup = 0;
	unsigned long unknown = 0;	/* of a questionnaire not known */
	int k, first = 1;

	for (i = 0; i < d->r->np; i++) {
		nsc += d->r->p[i].nsc;
		nci += d->r->p[i].nci;
	}
	sc = attune_xreallocarray(NULL, nsc + 1, sizeof *sc);
	ci = attune_xreallocarray(NULL, nci + 1, sizeof *ci);
	nsc = nci = 0;
	for (i = 0; i < d->r->np; i++) {
		const struct attune_rperson *p = &d->r->p[i];

		for (j = 0; j < p->nsc; j++) {
			if (!in_period(d, p->sc[j].day))
				continue;
			if (p->sc[j].in == NULL)
				unknown++;
			else
				sc[nsc++] = &p->sc[j];
		}
		for (j = 0; j < p->nci; j++) {
			ci[nci].c = &p->ci[j];
			ci[nci++].who = p->who;
		}
	}
	if (nsc > 1)
		qsort(sc, nsc, sizeof *sc, screen_cmp);
	if (nci > 1)
		qsort(ci, nci, sizeof *ci, checkin_cmp);
	fputs("{\"resourceType\":\"Bundle\",\"type\":\"collection\"", f);
	for (i = 0; i < nsc; i++) {
		const struct attune_rscreen *s = sc[i];
		const struct fcode *c = fcode(s->in);

		/* The same screen logged twice still gets ids of its own. */
		if (i > 0 && strcmp(s->who, sc[i - 1]->who) == 0 &&
		    attune_time_epoch(&s->ts) ==
		    attune_time_epoch(&sc[i - 1]->ts) && s->in == sc[i - 1]->in)
			dup++;
		else
			dup = 0;
		key_uuid(qr, "QuestionnaireResponse", s->who, &s->ts,
		    s->in->name, dup);
		key_uuid(obs, "Observation", s->who, &s->ts, s->in->name, dup);
		fputs(first ? ",\"entry\":[\n" : ",\n", f);
		first = 0;
		response(f, s, c, qr);
		fputs(",\n", f);
		observation(f, s, c, obs, qr);
	}
	for (i = 0; i < nci; i++) {
		const struct fcheckin *c = &ci[i];

		if (i > 0 && strcmp(c->who, c[-1].who) == 0 &&
		    attune_time_epoch(&c->c->ts) ==
		    attune_time_epoch(&c[-1].c->ts))
			dup++;
		else
			dup = 0;
		for (k = 0; c->c->measures && k < ATTUNE_NMEASURES; k++) {
			if (c->c->v[k] < 0)
				continue;
			key_uuid(obs, "checkin", c->who, &c->c->ts,
			    attune_measures[k].name, dup);
			fputs(first ? ",\"entry\":[\n" : ",\n", f);
			first = 0;
			checkin_obs(f, c, k, obs);
		}
	}
	fputs(first ? "}\n" : "\n]}\n", f);
	free(sc);
	free(ci);
	if (unknown > 0)
		attune_warnx("%lu screen%s of a questionnaire this version does "
		    "not know %s left out of the FHIR Bundle", unknown,
		    unknown == 1 ? "" : "s", unknown == 1 ? "was" : "were");
}
