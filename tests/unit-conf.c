/*
 * unit-conf: attune.conf read by attune_conf_load: each setting, comments
 * and spaces, a missing file, an unreadable one, and every kind of mistake
 * warned about with the file and line while the good lines still count.
 * Also attune_suggest, the "did you mean" behind it and the options.
 */
#include <sys/stat.h>

#include <limits.h>
#include <stdint.h>

#include "attune_priv.h"
#include "test.h"

/* attune.conf holding text, loaded; what it said on stderr in *err. */
static int
load(const char *text, struct attune_conf *c, char **err)
{
	int rc;

	puts_file("attune.conf", text);
	catch_start();
	rc = attune_conf_load(tmpdir, c);
	*err = catch_end();
	return rc;
}

static void
test_good(void)
{
	struct attune_conf c;
	char *err;
	int rc;

	rc = load("# our settings\n\n  region = gb  \n"
	    "who=Sam # the name we use\nbirth = 2026-05-01\r\n"
	    "children = 2\n", &c, &err);
	is_int(rc, 0, "a good file loads");
	is_str(c.region, "gb", "region, spaces trimmed");
	is_str(c.who, "Sam", "who, the comment after it left out");
	is_int(c.birth, attune_days_from_civil(2026, 5, 1), "birth, CRLF too");
	is_int(c.children, 2, "children");
	is_str(err, "", "nothing to warn about");
	free(err);
	attune_conf_free(&c);
	ok(c.region == NULL && c.who == NULL, "free clears the strings");
}

static void
test_missing(void)
{
	struct attune_conf c;
	char *err;

	unlink(path("attune.conf"));
	catch_start();
	is_int(attune_conf_load(tmpdir, &c), 0, "a missing file is fine");
	err = catch_end();
	ok(c.region == NULL && c.who == NULL && c.birth == INT64_MIN &&
	    c.children == 0, "and leaves everything unknown");
	is_str(err, "", "quietly");
	free(err);
	attune_conf_free(&c);
	catch_start();
	is_int(attune_conf_load(path("no/such/dir"), &c), 0,
	    "a missing directory is fine too");
	free(catch_end());
	attune_conf_free(&c);
}

static void
test_unreadable(void)
{
	struct attune_conf c;
	char *err;

	mkdir(path("attune.conf"), 0700);	/* a directory reads as EISDIR */
	catch_start();
	is_int(attune_conf_load(tmpdir, &c), -1, "a directory is unreadable");
	err = catch_end();
	ok(has(err, "attune.conf: cannot read the settings"), "and says so: %s",
	    err);
	free(err);
	attune_conf_free(&c);
	rmdir(path("attune.conf"));
}

/* What test_mistakes says on stderr, one check a line. */
static const struct has_case mistakes_says[] = {
	{ "attune.conf:1: 'regoin' is not a setting; did you mean 'region'?",
	    "a typo of a key names the line and the key" },
	{ "attune.conf:2: region 'x1' is not a two-letter country code like "
	    "US, GB, CA, AU, IE or NZ (or 'all'); it is left out\n",
	    "a bad region, and why" },
	{ "attune.conf:4: who '' is not a usable name; use 1 to 64 "
	    "characters with no control characters\n", "an empty who, and why" },
	{ "attune.conf:5: birth '2026-5-1' is not a date; write it as "
	    "YYYY-MM-DD", "a date not written in full" },
	{ "attune.conf:6: birth '2026-02-30'", "a date that is not" },
	{ "attune.conf:7: children 'two' is not a count", "a word" },
	{ "attune.conf:8: children '0'", "no children is no count" },
	{ "attune.conf:9: 'just words' is not a setting; write it as "
	    "key = value", "a line with no =" },
	{ "attune.conf:11: 'colour' is not a setting; use region, who, "
	    "birth or children", "an unknown key, nothing near it" },
};

static void
test_mistakes(void)
{
	struct attune_conf c;
	char *err;
	int rc;

	rc = load("regoin = us\nregion = x1\n"
	    "who = Sam\nwho =\nbirth = 2026-5-1\nbirth = 2026-02-30\n"
	    "children = two\nchildren = 0\njust words\nRegion = NZ\n"
	    "colour = blue\n", &c, &err);
	is_int(rc, 0, "mistakes are warnings, not failure");
	has_cases(err, mistakes_says);
	ok(!has(err, "attune.conf:3:") && !has(err, "attune.conf:10:"),
	    "good lines are not warned about");
	is_str(c.who, "Sam", "the good who counts (a bad one later does not "
	    "undo it)");
	is_str(c.region, "NZ", "keys are read whatever their case");
	ok(c.birth == INT64_MIN && c.children == 0, "bad values stay unknown");
	free(err);
	attune_conf_free(&c);
}

static void
test_suggest(void)
{
	static const char *const w[] = { "checkin", "screen", "tips",
		"report", "log", NULL };

	is_str(attune_suggest("chekin", w), "checkin", "a letter dropped");
	is_str(attune_suggest("cehckin", w), "checkin", "two letters swapped");
	is_str(attune_suggest("REPORT", w), "report", "case is not a difference");
	is_str(attune_suggest("tip", w), "tips", "short: one letter");
	ok(attune_suggest("tp", w) == NULL, "short: two letters is too far");
	ok(attune_suggest("weather", w) == NULL, "nothing near");
	is_str(attune_suggest("lgo", w), "log", "a swap in a short word");
}

int
main(void)
{
	if (tmpdir_make("conf") < 0)
		return 99;
	test_good();
	test_missing();
	test_unreadable();
	test_mistakes();
	test_suggest();
	return tap_done();
}
