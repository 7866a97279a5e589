/*
 * crisis.c: crisis and support lines, the one table every command prints
 * from.  Numbers change; the date they were last checked is printed with
 * them (ATTUNE_LINES_CHECKED).  Source: instruments.md, checked 2026-11.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attune.h"

const struct attune_line attune_lines[] = {
	{ "US", "Emergency", "911", "24/7" },
	{ "US", "988 Suicide & Crisis Lifeline", "call or text 988", "24/7" },
	{ "US", "National Maternal Mental Health Hotline",
	    "call or text 1-833-TLC-MAMA (1-833-852-6262)",
	    "24/7 (not a crisis line: in a crisis, 988)" },
	{ "US", "Postpartum Support International HelpLine",
	    "1-800-944-4773; text 800-944-4773 (English), "
	    "971-203-7773 (Espanol)", "not 24/7" },
	{ "GB", "Emergency", "999", "24/7" },
	{ "GB", "Samaritans", "116 123", "24/7" },
	{ "GB", "NHS 111, option 2 (urgent mental health, England)", "111",
	    "24/7" },
	{ "GB", "PANDAS Foundation text line", "text PANDAS to 85258", "24/7" },
	{ "CA", "Emergency", "911", "24/7" },
	{ "CA", "9-8-8 Suicide Crisis Helpline", "call or text 988", "24/7" },
	{ "AU", "Emergency", "000", "24/7" },
	{ "AU", "Lifeline", "13 11 14; text 0477 13 11 14", "24/7" },
	{ "AU", "PANDA perinatal helpline", "1300 726 306",
	    "Mon-Fri 9am-7:30pm, Sat 9am-4pm AEST" },
	{ "IE", "Emergency", "999 or 112", "24/7" },
	{ "IE", "Samaritans", "116 123", "24/7" },
	{ "IE", "Crisis text line", "text TALK to 50808", "24/7" },
	{ "NZ", "Emergency", "111", "24/7" },
	{ "NZ", "Need to Talk?", "call or text 1737", "24/7" },
	{ "NZ", "PlunketLine (parents of under-fives)", "0800 933 922",
	    "24/7" },
	{ NULL, NULL, NULL, NULL }
};

int
attune_region_known(const char *region)
{
	const struct attune_line *l;

	for (l = attune_lines; l->region != NULL; l++)
		if (strcmp(l->region, region) == 0)
			return 1;
	return 0;
}

/* "gb", "GB" → "GB"; "uk" → "GB"; "all" → ""; anything else → NULL. */
static const char *
normal(const char *s, char out[3])
{
	if (strcasecmp(s, "all") == 0)
		return "";
	if (strlen(s) != 2 || !isalpha((unsigned char)s[0]) ||
	    !isalpha((unsigned char)s[1]))
		return NULL;
	out[0] = (char)toupper((unsigned char)s[0]);
	out[1] = (char)toupper((unsigned char)s[1]);
	out[2] = '\0';
	if (strcmp(out, "UK") == 0)
		strcpy(out, "GB");
	return out;
}

/* The country of a locale name such as en_GB.UTF-8, or NULL. */
static const char *
locale_country(char out[3])
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
		return normal(cc, out);
	}
	return NULL;
}

/*
 * The region whose lines to print: --region, else $ATTUNE_REGION, else
 * "region =" in attune.conf, else the locale's country.  NULL means none is known, and every region's lines
 * are printed.  An empty string ("all") also means every region.  -1 if
 * opt is not a region (then *region is NULL); a bad $ATTUNE_REGION is
 * only warned about.
 */
int
attune_region_parse(const char *opt, const char **region)
{
	static char buf[3];
	const char *r, *env;

	*region = NULL;
	if (opt != NULL) {
		if ((r = normal(opt, buf)) == NULL)
			return -1;
		*region = *r ? r : NULL;
		return 0;
	}
	if ((env = getenv("ATTUNE_REGION")) != NULL && *env != '\0') {
		if ((r = normal(env, buf)) != NULL)
			*region = *r ? r : NULL;
		else
			attune_warnx("ATTUNE_REGION: '%s' is not a two-letter "
			    "country code; showing every region's lines", env);
		return 0;
	}
	if ((env = attune_conf_default()->region) != NULL) {
		if ((r = normal(env, buf)) != NULL)	/* checked when read */
			*region = *r ? r : NULL;
		return 0;
	}
	if ((r = locale_country(buf)) != NULL && *r)
		*region = r;
	return 0;
}

const char *
attune_region(const char *opt)
{
	const char *region;

	if (attune_region_parse(opt, &region) < 0)
		attune_usage_error("--region: '%s' is not a two-letter country "
		    "code like US, GB, CA, AU, IE or NZ (or 'all')", opt);
	return region;
}

static void
print_region(FILE *f, const char *region)
{
	const struct attune_line *l;

	for (l = attune_lines; l->region != NULL; l++) {
		if (strcmp(l->region, region) != 0)
			continue;
		fprintf(f, "  %-3s %s: %s (%s)\n", l->region, l->service,
		    l->number, l->hours);
	}
}

/*
 * Crisis resources come before anything else whenever a harm flag or a
 * safety item fires.  The words are plain and warm, and never blame.
 */
void
attune_crisis_print(FILE *f, const char *region)
{
	const struct attune_line *l;
	const char *last = "";

	fputs("If you are in danger, or you are thinking about hurting yourself "
	    "or your baby,\nplease reach out now. You deserve support straight "
	    "away, and you are not alone.\n\n", f);
	if (region != NULL && !attune_region_known(region)) {
		fprintf(f, "attune has no crisis lines listed for %s. Please "
		    "call your local emergency\nnumber, or go to the nearest "
		    "emergency department, now.\n", region);
	} else if (region != NULL) {
		print_region(f, region);
	} else {
		for (l = attune_lines; l->region != NULL; l++) {
			if (strcmp(l->region, last) == 0)
				continue;
			last = l->region;
			print_region(f, last);
		}
		fputs("\nSomewhere else? Call your local emergency number.\n", f);
	}
	fprintf(f, "\n(These numbers were last checked %s. Set your region "
	    "with --region, ATTUNE_REGION\nor 'region = GB' in attune.conf.)"
	    "\n\n", ATTUNE_LINES_CHECKED);
}
