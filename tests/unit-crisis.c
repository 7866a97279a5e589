/*
 * unit-crisis: the crisis lines as printed, for every region: what they
 * say (written here from instruments.md and the corrections of issue 11,
 * not from lib/crisis.c), that no line is wider than 80 characters, that
 * a number never breaks across lines, and where attune_crisis_out puts
 * them (on stdout and on stderr once when stdout is not a terminal, or
 * on stderr always when stdout carries none of them), that
 * attune_crisis_shown knows they were shown and attune_crisis_between
 * sets them off with a blank line where they come first; and the rows
 * attune_lines_put hands the report's JSON and HTML.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attune_priv.h"
#include "test.h"

static char out[16384];

/* The lines for region, as attune_crisis_print writes them. */
static const char *
lines(const char *region)
{
	FILE *f = fmemopen(out, sizeof out, "w");

	if (f == NULL) {
		perror("fmemopen");
		exit(99);
	}
	attune_crisis_print(f, region);
	fclose(f);
	return out;
}

/* The widest line of s in characters (UTF-8), and whether any line ends
 * in a space. */
static int
widest(const char *s, int *trailing)
{
	int w = 0, max = 0;

	*trailing = 0;
	for (; *s != '\0'; s++) {
		if (*s == '\n') {
			*trailing |= s[-1] == ' ';
			w = 0;
			continue;
		}
		if (((unsigned char)*s & 0xc0) != 0x80 && ++w > max)
			max = w;
	}
	return max;
}

/* Whether a line that ends in a digit is followed by a continuation line
 * that starts with one: a number broken in two. */
static int
broken_number(const char *s)
{
	const char *p;

	for (p = s; (p = strchr(p, '\n')) != NULL; p++) {
		if (p == s || p[-1] < '0' || p[-1] > '9')
			continue;
		if (strncmp(p + 1, "        ", 8) == 0 && p[9] >= '0' &&
		    p[9] <= '9')
			return 1;
	}
	return 0;
}

/* s with each line break and the hanging indent after it made one
 * space, so that a wrapped entry can be looked for whole. */
static const char *
joined(const char *s)
{
	static char buf[16384];
	size_t i = 0;

	while (*s != '\0' && i < sizeof buf - 1) {
		if (s[0] == '\n' && strncmp(s + 1, "        ", 8) == 0) {
			buf[i++] = ' ';
			s += 9;
			while (*s == ' ')
				s++;
		} else
			buf[i++] = *s++;
	}
	buf[i] = '\0';
	return buf;
}

static int
contains(const char *s, const char *want)
{
	return strstr(s, want) != NULL;
}

static void
test_every_region(void)
{
	static const char *const regions[] = { "US", "GB", "CA", "AU", "IE",
	    "NZ", "EU", "FR", "DE", "CH", "NO", "TR", "JP", "BR", "ZA", NULL };
	const char *s;
	int i, w, trailing;

	for (i = 0; regions[i] != NULL; i++) {
		s = lines(regions[i]);
		w = widest(s, &trailing);
		ok(w <= 80, "%s: no line over 80 characters (widest %d)",
		    regions[i], w);
		ok(!trailing, "%s: no line ends in a space", regions[i]);
		ok(!broken_number(s), "%s: no number broken across lines",
		    regions[i]);
		ok(strncmp(s, "If you are in danger", 20) == 0,
		    "%s: the words to reach out come first", regions[i]);
		ok(contains(s, "(These numbers were last checked 2026-11."),
		    "%s: when they were checked", regions[i]);
	}
	s = lines(NULL);
	w = widest(s, &trailing);
	ok(w <= 80, "every region: no line over 80 characters (widest %d)", w);
	ok(!trailing, "every region: no line ends in a space");
	ok(!broken_number(s), "every region: no number broken across lines");
}

static void
test_what_they_say(void)
{
	const char *s;

	s = joined(lines("US"));
	ok(contains(s, "  US  Emergency: 911 (24/7)\n"), "US: 911");
	ok(contains(s, "  US  988 Suicide & Crisis Lifeline: call or text 988 "
	    "(24/7)\n"), "US: 988");
	ok(contains(s, "call or text 1-833-TLC-MAMA (1-833-852-6262) (24/7 (not a "
	    "crisis line: in a crisis, 988))"), "US: the maternal hotline, "
	    "not a crisis line");
	ok(contains(s, "  US  Postpartum Support International HelpLine: "
	    "1-800-944-4773; text HELP to 800-944-4773 (English) or "
	    "971-203-7773 (Espa\xc3\xb1ol) (not 24/7)\n"),
	    "US: PSI, text HELP, Espa\xc3\xb1ol in UTF-8");
	ok(!contains(s, "Espanol"), "US: no Espanol without its tilde");
	ok(!contains(s, "Samaritans"), "US: only the US lines");

	s = joined(lines("GB"));
	ok(contains(s, "  GB  Emergency: 999 (24/7)\n"), "GB: 999");
	ok(contains(s, "  GB  Samaritans: 116 123 (24/7)\n"), "GB: Samaritans");
	ok(contains(s, "NHS 111, option 2 (urgent mental health, England and "
	    "Wales): 111 (24/7)"), "GB: NHS 111 option 2, England and Wales");
	ok(contains(s, "  GB  NHS 24") && contains(s, "Scotland): 111 (24/7)"),
	    "GB: NHS 24 on 111 for Scotland");
	ok(contains(s, "  GB  Lifeline (Northern Ireland): 0808 808 8000 (24/7)\n"),
	    "GB: Lifeline for Northern Ireland");
	ok(contains(s, "  GB  PANDAS Foundation text line: text PANDAS to 85258 "
	    "(24/7)\n"), "GB: PANDAS");
	ok(!contains(s, "988"), "GB: not the US lines");

	s = joined(lines("AU"));
	ok(contains(s, "  AU  Lifeline: 13 11 14; text 0477 13 11 14 (24/7)\n"),
	    "AU: Lifeline, call and text");
	ok(contains(s, "PANDA perinatal helpline: 1300 726 306"), "AU: PANDA");
	s = joined(lines("IE"));
	ok(contains(s, "  IE  Emergency: 999 or 112 (24/7)\n") &&
	    contains(s, "  IE  Crisis text line: text TALK to 50808 (24/7)\n"),
	    "IE: 999 or 112, and the text line");
	ok(!contains(s, "no crisis lines"), "IE keeps its own lines");
	s = joined(lines("NZ"));
	ok(contains(s, "  NZ  Need to Talk?: call or text 1737 (24/7)\n") &&
	    contains(s, "  NZ  PlunketLine (parents of under-fives): 0800 933 922 "
	    "(24/7)\n"), "NZ: 1737 and PlunketLine");
	s = joined(lines("CA"));
	ok(contains(s, "  CA  9-8-8 Suicide Crisis Helpline: call or text 988 "
	    "(24/7)\n"), "CA: 9-8-8");

	s = joined(lines(NULL));
	ok(contains(s, "  US  Emergency") && contains(s, "  GB  Lifeline") &&
	    contains(s, "  CA  Emergency") && contains(s, "  AU  Lifeline") &&
	    contains(s, "  IE  Samaritans") && contains(s, "  NZ  Need to Talk?"),
	    "every region: all six countries");
	ok(contains(s, "  EU  Emergency") && contains(s, ": 112 (24/7)\n"),
	    "every region: 112 for Europe as well");
	ok(contains(s, "Somewhere else? Call your local emergency number."),
	    "every region: and a word for everywhere else");
}

static void
test_elsewhere(void)
{
	/* The EU less Ireland, the rest of the EEA, and Switzerland. */
	static const char *const europe[] = { "AT", "BE", "BG", "CY", "CZ",
	    "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IT", "LT",
	    "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS",
	    "LI", "NO", "CH", NULL };
	static const char *const far[] = { "JP", "BR", "ZA", "IN", "MX",
	    "XK", NULL };
	char want[128];
	const char *s;
	int i, bad;

	for (i = 0, bad = 0; europe[i] != NULL; i++) {
		s = lines(europe[i]);
		snprintf(want, sizeof want, "attune has no crisis lines of its "
		    "own for %s, but 112 reaches the emergency\n", europe[i]);
		if (!contains(s, want) || !contains(s, "Please call 112") ||
		    contains(s, "  US  ")) {
			bad++;
			printf("# %s:\n%s", europe[i], s);
		}
	}
	is_int(bad, 0, "every EU and EEA country and Switzerland: 112");
	for (i = 0, bad = 0; far[i] != NULL; i++) {
		s = lines(far[i]);
		snprintf(want, sizeof want, "attune has no crisis lines listed "
		    "for %s. Please call your local emergency\n", far[i]);
		if (!contains(s, want) || contains(s, "112") || contains(s, "  US  ")) {
			bad++;
			printf("# %s:\n%s", far[i], s);
		}
	}
	is_int(bad, 0, "a country with no lines listed, outside Europe: its "
	    "local emergency number, and no other country's lines");
}

static void
test_region_codes(void)
{
	const struct attune_line *l;
	const char *r;
	int bad = 0;

	unsetenv("ATTUNE_REGION");
	ok(attune_region_parse("xx", &r) < 0 && r == NULL,
	    "--region XX: not a country code");
	ok(attune_region_parse("ZZ", &r) < 0, "--region ZZ: not one either");
	ok(attune_region_parse("1a", &r) < 0, "--region 1a: not letters");
	ok(attune_region_parse("usa", &r) < 0, "--region usa: three letters");
	ok(attune_region_parse("fr", &r) == 0 && strcmp(r, "FR") == 0,
	    "--region fr: a country with no lines is still a country");
	ok(attune_region_parse("eu", &r) == 0 && strcmp(r, "EU") == 0,
	    "--region eu: the European lines");
	ok(attune_region_parse("uk", &r) == 0 && strcmp(r, "GB") == 0,
	    "--region uk: GB");
	ok(attune_region_parse("All", &r) == 0 && r == NULL,
	    "--region all: every region");
	setenv("ATTUNE_REGION", "XX", 1);
	ok(attune_region_parse(NULL, &r) == 0 && r == NULL,
	    "ATTUNE_REGION=XX: every region (and a warning)");
	unsetenv("ATTUNE_REGION");
	for (l = attune_lines; l->region != NULL; l++)
		if (attune_region_parse(l->region, &r) < 0 || r == NULL ||
		    strcmp(r, l->region) != 0 || !attune_region_known(r))
			bad++;
	is_int(bad, 0, "every region of the table is a region --region takes");
	for (l = attune_lines, bad = 0; l->region != NULL; l++)
		if ((l == attune_lines || strcmp(l[-1].region, l->region) != 0)
		    && strncmp(l->service, "Emergency", 9) != 0)
			bad++;
	is_int(bad, 0, "every region's lines start with its emergency number");
}

/* A region found stays as it was, whatever is parsed next: once they
 * shared one buffer, and -r GB turned into ZZ. */
static void
test_region_kept(void)
{
	const char *gb, *r;

	unsetenv("ATTUNE_REGION");
	ok(attune_region_parse("gb", &gb) == 0 && strcmp(gb, "GB") == 0,
	    "--region gb: GB");
	ok(attune_region_parse("zz", &r) < 0, "then --region zz: refused");
	ok(strcmp(gb, "GB") == 0, "and the GB found before is still GB");
	setenv("ATTUNE_REGION", "zz", 1);
	attune_warn_way(ATTUNE_WARN_DROP);
	ok(attune_region_parse(NULL, &r) == 0 && r == NULL,
	    "then ATTUNE_REGION=zz: every region");
	attune_warn_way(ATTUNE_WARN_SAY);
	unsetenv("ATTUNE_REGION");
	ok(strcmp(gb, "GB") == 0, "and GB is still GB");
	ok(attune_region_parse("ie", &r) == 0 && strcmp(gb, "GB") == 0 &&
	    strcmp(r, "IE") == 0, "then --region ie: IE, and GB still GB");
}

static void
as_is(FILE *f, const char *s, size_t n)
{
	fwrite(s, 1, n, f);
}

/* The lines of region as attune_lines_put writes them, marked [a|b|c|d]
 * one a line; *n of them. */
static const char *
marked(const char *region, int *n)
{
	static const char *const mark[] = { "[", "|", "|", "|", "]", "\n" };
	FILE *f;

	out[0] = '\0';
	if ((f = fmemopen(out, sizeof out, "w")) == NULL) {
		perror("fmemopen");
		exit(99);
	}
	*n = attune_lines_put(f, region, mark, as_is);
	fclose(f);
	return out;
}

/* attune_lines_put: a region's lines in order, every line, or none. */
static void
test_lines_put(void)
{
	static const char gb[] = "[GB|Emergency|999|24/7]\n"
	    "[GB|Samaritans|116 123|24/7]\n[GB|NHS 111";
	static char want[sizeof out];
	const struct attune_line *l;
	size_t len = 0;
	int n;

	ok(strncmp(marked("GB", &n), gb, sizeof gb - 1) == 0 && n == 6 &&
	    strstr(out, "US") == NULL && out[strlen(out) - 1] == ']',
	    "GB: its six lines, in order, the emergency number first");
	for (l = attune_lines; l->region != NULL; l++)
		len += (size_t)snprintf(want + len, sizeof want - len,
		    "%s[%s|%s|%s|%s]", len > 0 ? "\n" : "", l->region,
		    l->service, l->number, l->hours);
	ok(strcmp(marked(NULL, &n), want) == 0 && n == l - attune_lines,
	    "no region: every line, in order");
	ok(strcmp(marked("FR", &n), "[EU|Emergency (EU and EEA countries, "
	    "Switzerland and more)|112|24/7]") == 0 && n == 1,
	    "FR: no lines of its own, so the EU's 112");
	ok(*marked("JP", &n) == '\0' && n == 0,
	    "JP: no lines, and not in Europe: nothing written");
	ok(strcmp(marked("EU", &n), "[EU|Emergency (EU and EEA countries, "
	    "Switzerland and more)|112|24/7]") == 0 && n == 1,
	    "EU: its one line, no mark after it");
}

/*
 * In a child whose stdout is fd1 and stderr fd2, call attune_crisis_out
 * once for each letter of calls: W (ATTUNE_CRISIS_WORDS), O (_OWN), N
 * (_NONE), all for GB.  The copies of the lines on each are counted from
 * the files.
 */
static int
child(int fd1, int fd2, const char *calls)
{
	pid_t pid;
	int st;

	fflush(stdout);
	if ((pid = fork()) < 0) {
		perror("fork");
		exit(99);
	}
	if (pid == 0) {
		dup2(fd1, STDOUT_FILENO);
		dup2(fd2, STDERR_FILENO);
		/* 'w' and 'n': words and none, amid questions; the exit
		 * status is attune_crisis_shown's, after the calls, or 2
		 * if it said shown before any. */
		if (attune_crisis_shown())
			_exit(2);
		for (; *calls != '\0'; calls++)
			if (*calls == 'w' || *calls == 'n')
				attune_crisis_between(*calls == 'w' ?
				    ATTUNE_CRISIS_WORDS : ATTUNE_CRISIS_NONE,
				    "GB");
			else
				attune_crisis_out(*calls == 'W' ?
				    ATTUNE_CRISIS_WORDS : *calls == 'O' ?
				    ATTUNE_CRISIS_OWN : ATTUNE_CRISIS_NONE,
				    "GB");
		fflush(stdout);
		fflush(stderr);
		_exit(attune_crisis_shown());
	}
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int
copies(const char *file)
{
	static char buf[65536];
	FILE *f = fopen(file, "r");
	size_t n;

	if (f == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return count(buf, "If you are in danger");
}

/* Whether file starts with s. */
static int
starts(const char *file, const char *s)
{
	char buf[256];
	FILE *f = fopen(file, "r");
	size_t n;

	if (f == NULL)
		return 0;
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return strncmp(buf, s, strlen(s)) == 0;
}

static int
file(const char *name)
{
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0) {
		perror(name);
		exit(99);
	}
	return fd;
}

/*
 * Stdout and stderr two files: the calls (as child takes them), and how
 * many copies each file then holds.
 */
static const struct {
	const char *calls;
	int out, err;
	const char *what;
} two[] = {
	{ "W", 1, 1, "words, stdout a file: the lines on stdout, and once on "
	    "stderr too" },
	{ "WOO", 1, 1, "called three times: still once on stderr" },
	{ "O", 0, 1, "stdout's own format holds them: a copy on stderr" },
	{ "N", 0, 1, "stdout carries none (-q, data): on stderr" },
	{ "NO", 0, 1, "on stderr already: not again" },
};

/* Stdout and stderr the same file (2>&1): the calls, and the copies. */
static const struct {
	const char *calls;
	int copies;
	const char *what;
} one[] = {
	{ "W", 1, "words: once, not twice" },
	{ "O", 0, "stdout's own format: no copy, the file holds them" },
	{ "N", 1, "stdout carries none: on stderr all the same, so the file "
	    "holds them" },
};

/* Whether a command, asking after the calls, hears they were shown. */
static const struct {
	const char *calls;
	int merged, shown;	/* merged: stdout and stderr one file */
	const char *what;
} shown[] = {
	{ "", 0, 0, "no call: not shown" },
	{ "N", 0, 1, "on stderr: shown" },
	{ "O", 0, 1, "in stdout's own format: shown" },
	{ "W", 1, 1, "2>&1, words: shown" },
};

static void
test_stderr(void)
{
	char a[4400], b[4400];
	int fa, fb, master, slave;
	size_t i;

	if (tmpdir_make("crisis") < 0)
		exit(99);
	snprintf(a, sizeof a, "%s", path("out"));
	snprintf(b, sizeof b, "%s", path("err"));

	for (i = 0; i < sizeof two / sizeof two[0]; i++) {
		fa = file(a), fb = file(b);
		child(fa, fb, two[i].calls);
		ok(copies(a) == two[i].out && copies(b) == two[i].err, "%s",
		    two[i].what);
		close(fa);
		close(fb);
	}
	for (i = 0; i < sizeof one / sizeof one[0]; i++) {
		fa = file(a);
		child(fa, fa, one[i].calls);
		ok(copies(a) == one[i].copies, "2>&1, %s", one[i].what);
		close(fa);
	}

	/* A terminal on stdout: the person sees them there already. */
	if ((master = posix_openpt(O_RDWR | O_NOCTTY)) < 0 ||
	    grantpt(master) < 0 || unlockpt(master) < 0 ||
	    (slave = open(ptsname(master), O_RDWR | O_NOCTTY)) < 0) {
		printf("ok - stdout a terminal: nothing on stderr # SKIP no "
		    "pseudo-terminal here\n");
	} else {
		fb = file(b);
		child(slave, fb, "O");
		ok(copies(b) == 0, "stdout a terminal that holds them: "
		    "nothing on stderr");
		close(fb);
		fb = file(b);
		child(slave, fb, "N");
		ok(copies(b) == 1, "stdout a terminal that carries none: "
		    "on stderr");
		close(slave);
		close(master);
		close(fb);
	}

	/* Shown or not: what a command asks before it shows them again. */
	for (i = 0; i < sizeof shown / sizeof shown[0]; i++) {
		fa = file(a);
		fb = shown[i].merged ? fa : file(b);
		ok(child(fa, fb, shown[i].calls) == shown[i].shown, "%s",
		    shown[i].what);
		close(fa);
		if (fb != fa)
			close(fb);
	}

	/* Amid questions: a blank line first, where they come first. */
	fa = file(a), fb = file(b);
	child(fa, fb, "n");
	ok(copies(a) == 0 && copies(b) == 1 && starts(b, "\nIf you are in "
	    "danger"), "amid questions, none on stdout: a blank line, then "
	    "the lines, on stderr");
	close(fa);
	close(fb);
	fa = file(a), fb = file(b);
	child(fa, fb, "w");
	ok(copies(a) == 1 && copies(b) == 1 && starts(a, "\nIf you are in "
	    "danger") && starts(b, "If you are in danger"), "amid questions, "
	    "words: the blank line on stdout, with them; the copy on stderr "
	    "without it");
	close(fa);
	close(fb);
	unlink(a);
	unlink(b);
	rmdir(tmpdir);
}

int
main(void)
{
	attune_setprog("unit-crisis");
	test_every_region();
	test_what_they_say();
	test_elsewhere();
	test_region_codes();
	test_region_kept();
	test_lines_put();
	test_stderr();
	return tap_done();
}
