/*
 * crisis.c: crisis and support lines, the one table every command prints
 * from.  Numbers change; the date they were last checked is printed with
 * them (ATTUNE_LINES_CHECKED).  Source: instruments.md, checked 2026-11.
 * One row a line, however long, so that a row reads, greps and diffs
 * whole; a region's rows stand together, its emergency number first.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"

const struct attune_line attune_lines[] = {
	{ "US", "Emergency", "911", "24/7" },
	{ "US", "988 Suicide & Crisis Lifeline", "call or text 988", "24/7" },
	{ "US", "National Maternal Mental Health Hotline", "call or text 1-833-TLC-MAMA (1-833-852-6262)", "24/7 (not a crisis line: in a crisis, 988)" },
	{ "US", "Postpartum Support International HelpLine", "1-800-944-4773; text HELP to 800-944-4773 (English) or 971-203-7773 (Español)", "not 24/7" },
	{ "GB", "Emergency", "999", "24/7" },
	{ "GB", "Samaritans", "116 123", "24/7" },
	{ "GB", "NHS 111, option 2 (urgent mental health, England and Wales)", "111", "24/7" },
	{ "GB", "NHS 24 (urgent care and mental health, Scotland)", "111", "24/7" },
	{ "GB", "Lifeline (Northern Ireland)", "0808 808 8000", "24/7" },
	{ "GB", "PANDAS Foundation text line", "text PANDAS to 85258", "24/7" },
	{ "CA", "Emergency", "911", "24/7" },
	{ "CA", "9-8-8 Suicide Crisis Helpline", "call or text 988", "24/7" },
	{ "AU", "Emergency", "000", "24/7" },
	{ "AU", "Lifeline", "13 11 14; text 0477 13 11 14", "24/7" },
	{ "AU", "PANDA perinatal helpline", "1300 726 306", "Mon-Fri 9am-7:30pm, Sat 9am-4pm AEST" },
	{ "IE", "Emergency", "999 or 112", "24/7" },
	{ "IE", "Samaritans", "116 123", "24/7" },
	{ "IE", "Crisis text line", "text TALK to 50808", "24/7" },
	{ "NZ", "Emergency", "111", "24/7" },
	{ "NZ", "Need to Talk?", "call or text 1737", "24/7" },
	{ "NZ", "PlunketLine (parents of under-fives)", "0800 933 922", "24/7" },
	/* Not a country: the emergency number of every country in
	 * europe[] below, shown for them and with every region's lines. */
	{ "EU", "Emergency (EU and EEA countries, Switzerland and more)", "112", "24/7" },
	{ NULL, NULL, NULL, NULL }
};

/*
 * The European countries with no lines of their own here where 112
 * reaches the emergency services from any phone: the EU, the EEA,
 * Switzerland, and those neighbours that have adopted 112 as well.
 * Countries listed above keep their own lines.
 */
static const char europe[] =
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IT LT LU LV MT NL PL PT RO "
    "SE SI SK "			/* the EU, less Ireland */
    "IS LI NO CH "		/* the rest of the EEA, and Switzerland */
    "MD ME MK TR UA";		/* neighbours with 112 too */

/*
 * Every country code of ISO 3166-1 (2026), with XK (Kosovo, in wide use)
 * and EU (the European emergency number above): a --region outside it is
 * a typo to refuse, not a country to tell "no lines listed".  In order,
 * for bsearch; a region found is a pointer into this table, so that no
 * call ever changes a region another call returned.
 */
static const char countries[][3] = {
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT",
    "AU", "AW", "AX", "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI",
    "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY",
    "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM",
    "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "EU", "FI", "FJ",
    "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI",
    "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK",
    "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ",
    "IR", "IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM",
    "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR",
    "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH",
    "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV",
    "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO",
    "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL",
    "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU",
    "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL",
    "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ", "TC", "TD",
    "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV",
    "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG",
    "VI", "VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW"
};

/* Whether the two letters cc are among the codes of list. */
static int
listed(const char *list, const char *cc)
{
	const char *p;

	for (p = list; *p != '\0'; p += p[2] == ' ' ? 3 : 2)
		if (p[0] == cc[0] && p[1] == cc[1])
			return 1;
	return 0;
}

/* The row of region after l (the first when l is NULL), or of any region
 * when region is NULL; NULL after the last. */
static const struct attune_line *
next_line(const struct attune_line *l, const char *region)
{
	for (l = l == NULL ? attune_lines : l + 1; l->region != NULL; l++)
		if (region == NULL || strcmp(l->region, region) == 0)
			return l;
	return NULL;
}

int
attune_region_known(const char *region)
{
	return next_line(NULL, region) != NULL;
}

static int
code_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* "gb", "GB" → "GB"; "uk" → "GB"; "all" → ""; anything that is not a
 * country code → NULL.  What it returns is constant (countries[]). */
static const char *
normal(const char *s)
{
	char cc[3];

	if (strcasecmp(s, "all") == 0)
		return "";
	if (strlen(s) != 2 || !isalpha((unsigned char)s[0]) ||
	    !isalpha((unsigned char)s[1]))
		return NULL;
	cc[0] = (char)toupper((unsigned char)s[0]);
	cc[1] = (char)toupper((unsigned char)s[1]);
	cc[2] = '\0';
	if (strcmp(cc, "UK") == 0)
		strcpy(cc, "GB");
	return bsearch(cc, countries, sizeof countries / sizeof countries[0],
	    sizeof countries[0], code_cmp);
}

/* The country of a locale name such as en_GB.UTF-8, or NULL. */
static const char *
locale_country(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v, *u;
	char cc[3];
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		if ((v = getenv(vars[i])) == NULL || *v == '\0')
			continue;
		if ((u = strchr(v, '_')) == NULL || strlen(u) < 3)
			return NULL;
		memcpy(cc, u + 1, 2);
		cc[2] = '\0';
		return normal(cc);
	}
	return NULL;
}

/*
 * The region whose lines to print: --region, else $ATTUNE_REGION, else
 * "region =" in attune.conf, else the locale's country.  NULL means none
 * is known, and every region's lines are printed.  An empty string
 * ("all") also means every region.  -1 if opt is not a region (then
 * *region is NULL); a bad $ATTUNE_REGION is only warned about.  A region
 * returned stays as it is, whatever is parsed after it (it points into a
 * constant table).
 */
int
attune_region_parse(const char *opt, const char **region)
{
	const char *r, *env;

	*region = NULL;
	if (opt != NULL) {
		if ((r = normal(opt)) == NULL)
			return -1;
		*region = *r ? r : NULL;
		return 0;
	}
	if ((env = getenv("ATTUNE_REGION")) != NULL && *env != '\0') {
		if ((r = normal(env)) != NULL)
			*region = *r ? r : NULL;
		else
			attune_warnx("ATTUNE_REGION: '%s' is not a two-letter "
			    "country code; showing every region's lines", env);
		return 0;
	}
	if ((env = attune_conf_default()->region) != NULL) {
		if ((r = normal(env)) != NULL)	/* checked when read */
			*region = *r ? r : NULL;
		return 0;
	}
	if ((r = locale_country()) != NULL && *r)
		*region = r;
	return 0;
}

/* Why s is not a region (a --region or attune.conf), or NULL: said after
 * the value, "region 'x' is not ...". */
const char *
attune_region_why(const char *s)
{
	return normal(s) != NULL ? NULL : "is not a two-letter country "
	    "code like US, GB, CA, AU, IE or NZ (or 'all')";
}

const char *
attune_region(const char *opt)
{
	const char *region;

	if (attune_region_parse(opt, &region) < 0)
		attune_usage_error("--region: '%s' %s", opt,
		    attune_region_why(opt));
	return region;
}

/* No printed line is wider than this, so the lines read whole on any
 * terminal and in a mail. */
#define CRISIS_COLS	78

/*
 * Print s as lines of at most CRISIS_COLS columns: the first
 * starting at column 0 (s carries its own lead), the rest indented by
 * hang spaces.  A line breaks only at a space, and never at a space
 * between two digits, so that "116 123" or "0808 808 8000" stays whole
 * on one line.
 */
static void
wrap_hanging(FILE *f, const char *s, int hang)
{
	const char *p = s, *brk = NULL, *line = s;
	int col = 0;

	for (p = s; *p != '\0'; p++) {
		if (*p == ' ' && p > line && !(isdigit((unsigned char)p[-1]) &&
		    isdigit((unsigned char)p[1])))
			brk = p;
		if (((unsigned char)*p & 0xc0) != 0x80)
			col++;
		if (col > CRISIS_COLS && brk != NULL) {
			fwrite(line, 1, (size_t)(brk - line), f);
			fprintf(f, "\n%*s", hang, "");
			line = brk + 1;
			while (*line == ' ')
				line++;
			col = hang + attune_text_width(line, (size_t)(p + 1 - line));
			brk = NULL;
		}
	}
	fprintf(f, "%s\n", line);
}

/* Region's lines, or every region's when it is NULL. */
static void
print_lines(FILE *f, const char *region)
{
	const struct attune_line *l;
	struct attune_buf b = { 0 };

	for (l = NULL; (l = next_line(l, region)) != NULL; ) {
		b.len = 0;
		attune_buf_printf(&b, "  %-3s %s: %s (%s)", l->region,
		    l->service, l->number, l->hours);
		wrap_hanging(f, b.s, 8);
	}
	attune_buf_free(&b);
}

/*
 * Region's lines (every region's when it is NULL) on f in a markup: each
 * field written by put after its mark (mark[0] before the region, then
 * the service, the number and the hours); mark[4] ends a line and mark[5]
 * stands between two.  A European country with no lines of its own gets
 * the EU's emergency number, as attune_crisis_print tells it in words.
 * The number of lines written.
 */
int
attune_lines_put(FILE *f, const char *region, const char *const mark[6],
    void (*put)(FILE *, const char *, size_t))
{
	const struct attune_line *l;
	int i, n;

	if (region != NULL && !attune_region_known(region) &&
	    listed(europe, region))
		region = "EU";
	for (l = NULL, n = 0; (l = next_line(l, region)) != NULL; n++) {
		const char *const field[] = { l->region, l->service, l->number,
		    l->hours };

		fputs(n > 0 ? mark[5] : "", f);
		for (i = 0; i < 4; i++) {
			fputs(mark[i], f);
			put(f, field[i], strlen(field[i]));
		}
		fputs(mark[4], f);
	}
	return n;
}

/*
 * Crisis resources come before anything else whenever a harm flag or a
 * safety item fires.  The words are plain and warm, and never blame.
 */
void
attune_crisis_print(FILE *f, const char *region)
{
	const char *eu = next_line(NULL, "EU")->number;

	fputs("If you are in danger, or you are thinking about hurting yourself "
	    "or your baby,\nplease reach out now. You deserve support straight "
	    "away, and you are not alone.\n\n", f);
	if (region != NULL && !attune_region_known(region) &&
	    listed(europe, region)) {
		fprintf(f, "attune has no crisis lines of its own for %s, but "
		    "%s reaches the emergency\nservices there from any phone. "
		    "Please call %s, or go to the nearest emergency\n"
		    "department, now.\n", region, eu, eu);
	} else if (region != NULL && !attune_region_known(region)) {
		fprintf(f, "attune has no crisis lines listed for %s. Please "
		    "call your local emergency\nnumber, or go to the nearest "
		    "emergency department, now.\n", region);
	} else {
		print_lines(f, region);
		if (region == NULL)
			fputs("\nSomewhere else? Call your local emergency "
			    "number.\n", f);
	}
	fprintf(f, "\n(These numbers were last checked %s. Set your region "
	    "with --region,\nATTUNE_REGION or 'region = GB' in attune.conf.)\n\n",
	    ATTUNE_LINES_CHECKED);
}

static int attune_stdout_seen(void);

/* Where the lines went in this process: the one record of it. */
enum { SHOWN_OUT = 1, SHOWN_ERR = 2 };
static unsigned shown;

/* Where a command that speaks to the person puts the lines (checkin,
 * log edit): on standard output, or on standard error when that carries
 * the row (--print, --dry-run) or with --quiet, which never silences them. */
enum attune_crisis_to
attune_crisis_words(int row, int quiet)
{
	return row || quiet ? ATTUNE_CRISIS_NONE : ATTUNE_CRISIS_WORDS;
}

/*
 * Where the crisis lines go: the one rule, for every command.  A person
 * must get them, and get them once.  to says what standard output
 * carries of them:
 *
 *   ATTUNE_CRISIS_WORDS  stdout is for the person: the lines are printed
 *			  there;
 *   ATTUNE_CRISIS_OWN	  the caller writes them there in its own format
 *			  (a text or HTML report, a CSV row of tips);
 *   ATTUNE_CRISIS_NONE	  nothing of them (--quiet, a check-in's row, or
 *			  data for a program: a report's CSV, JSON or
 *			  FHIR): they go to standard error, always,
 *			  whatever it is.
 *
 * With WORDS and OWN, when standard output is not a terminal (a file, a
 * pipe, a mail) it may go unread, so the lines go to standard error as
 * well: once a process, and not when they went there already or when
 * standard error is the very same file as standard output (2>&1), which
 * holds them then (attune_stdout_seen).
 */
void
attune_crisis_out(enum attune_crisis_to to, const char *region)
{
	if (to == ATTUNE_CRISIS_WORDS) {
		attune_crisis_print(stdout, region);
		fflush(stdout);
	}
	if (to != ATTUNE_CRISIS_NONE) {
		shown |= SHOWN_OUT;
		if ((shown & SHOWN_ERR) || attune_stdout_seen())
			return;
		fflush(stdout);
	}
	shown |= SHOWN_ERR;
	attune_crisis_print(stderr, region);
	fflush(stderr);
}

/* Whether the lines were shown already, anywhere, by attune_crisis_out:
 * what a command asks before it shows them once more. */
int
attune_crisis_shown(void)
{
	return shown != 0;
}

/* The lines in the middle of questions asked, set off from them by a
 * blank line on the stream they come on first. */
void
attune_crisis_between(enum attune_crisis_to to, const char *region)
{
	fputc('\n', to == ATTUNE_CRISIS_NONE ? stderr : stdout);
	attune_crisis_out(to, region);
}

/*
 * Whether what goes to standard output is read where standard error is:
 * a terminal, or the very same file (2>&1).  There, what comes first on
 * either comes first for the person.
 */
static int
attune_stdout_seen(void)
{
	struct stat so, se;

	if (isatty(STDOUT_FILENO))
		return 1;
	return fstat(STDOUT_FILENO, &so) == 0 &&
	    fstat(STDERR_FILENO, &se) == 0 &&
	    so.st_dev == se.st_dev && so.st_ino == se.st_ino;
}

/*
 * Crisis lines shown before the options are checked (a harm flag, a
 * safety item, harm in the logs), for the region found as attune_region
 * finds it, a --region (opt) that is not one meaning every region's (the
 * real pass refuses it).  What attune.conf and ATTUNE_REGION have to warn
 * about waits till after the lines, and is said then, each once, in the
 * order met (err.c): attune.conf first, as every command reads it.
 */
void
attune_crisis_first(enum attune_crisis_to to, const char *opt)
{
	enum attune_warn_way was = attune_warn_way(ATTUNE_WARN_HOLD);
	const char *region;

	(void)attune_conf_default();
	if (attune_region_parse(opt, &region) < 0)
		region = NULL;
	attune_crisis_out(to, region);
	attune_warn_way(was);
	attune_warn_release();
}
