/*
 * lang-test.c -- language tags: canonical forms, rejections, and the
 * matching rule of --src/--tgt (with and without --exact-lang).
 */
#include <config.h>

#include <string.h>

#include "tap.h"
#include "tmgloss.h"

static const struct {
	const char *tag, *canonical; /* NULL: rejected */
} canonical_cases[] = {
	{ "fr", "fr" },
	{ "fr_FR", "fr-FR" },
	{ "fr-fr", "fr-FR" },
	{ "FR-FR", "fr-FR" },
	{ "fr-CA", "fr-CA" },
	{ "zh_CN", "zh-CN" },
	{ "zh-cn", "zh-CN" },
	{ "ZH-TW", "zh-TW" },
	{ "zh-hans", "zh-Hans" },
	{ "zh-Hant-HK", "zh-Hant-HK" },
	{ "zh_Hans_CN", "zh-Hans-CN" },
	{ "en-us", "en-US" },
	{ "es-419", "es-419" },
	{ "fil", "fil" },
	{ "yue-HK", "yue-HK" },
	{ "i-klingon", "tlh" },
	{ "", NULL },
	{ "x", NULL },
	{ "xx", NULL },
	{ "xyz", NULL },
	{ "qaa", NULL },
	{ "und", NULL },
	{ "fr-XX", NULL },
	{ "zh-Abcd", NULL },
	{ "fr-", NULL },
	{ "fr--FR", NULL },
	{ "fr FR", NULL },
	{ "fr.FR", NULL },
	{ "*all*", NULL },
	{ "français", NULL },
	{ "fr-FR-fr-FR-fr-FR-fr-FR-fr-FR-fr-FR-fr-FR-fr-FR-fr-FR-fr-FR-fr-FR",
	  NULL },
};

static const struct {
	const char *want, *tag;
	int exact, matches;
} match_cases[] = {
	{ "fr", "fr-FR", 0, 1 },
	{ "fr", "fr-CA", 0, 1 },
	{ "fr", "fr-BE", 0, 1 },
	{ "fr", "fr", 0, 1 },
	{ "fr", "en-US", 0, 0 },
	{ "FR_fr", "fr-FR", 0, 1 },
	{ "fr-FR", "fr-CA", 0, 1 },
	{ "fr-FR", "fr-CA", 1, 0 },
	{ "fr-FR", "fr-fr", 1, 1 },
	{ "fr", "fr-FR", 1, 0 },
	{ "zh-CN", "zh-Hans", 0, 1 },
	{ "zh-Hans", "zh-CN", 0, 1 },
	{ "zh-CN", "zh-SG", 0, 1 },
	{ "zh-Hans", "zh-SG", 0, 1 },
	{ "zh-TW", "zh-Hant", 0, 1 },
	{ "zh-Hant", "zh-HK", 0, 1 },
	{ "zh-TW", "zh-HK", 0, 1 },
	{ "zh-TW", "zh-MO", 0, 1 },
	{ "zh-CN", "zh-TW", 0, 0 },
	{ "zh-Hans", "zh-Hant", 0, 0 },
	{ "zh-HK", "zh-CN", 0, 0 },
	{ "zh", "zh-CN", 0, 1 },
	{ "zh", "zh-TW", 0, 1 },
	{ "zh-CN", "zh", 0, 1 },
	{ "zh-TW", "zh", 0, 0 },
	{ "zh-CN", "zh-Hans", 1, 0 },
	{ "zh-CN", "zh-CN", 1, 1 },
	{ "zh", "ja", 0, 0 },
	{ "*all*", "*ALL*", 0, 1 },
	{ "*all*", "fr", 0, 0 },
};

int
main(void)
{
	char out[TMG_LANG_MAX];

	for (size_t i = 0; i < sizeof canonical_cases /
			       sizeof *canonical_cases; i++) {
		const char *tag = canonical_cases[i].tag;
		const char *want = canonical_cases[i].canonical;
		int rc = lang_canonicalize(tag, out, sizeof out);

		if (want)
			is_str(rc == 0 ? out : "(rejected)", want,
			       "canonical '%s'", tag);
		else
			ok(rc == -1, "'%s' rejected%s%s", tag,
			   rc == 0 ? " but got " : "", rc == 0 ? out : "");
	}
	ok(lang_canonicalize("zh-Hant-HK", out, 6) == -1,
	   "an output buffer too small fails");

	for (size_t i = 0; i < sizeof match_cases / sizeof *match_cases;
	     i++)
		is_int(lang_matches(match_cases[i].want, match_cases[i].tag,
				    match_cases[i].exact),
		       match_cases[i].matches, "'%s' %s '%s'%s",
		       match_cases[i].want,
		       match_cases[i].matches ? "matches" : "does not match",
		       match_cases[i].tag,
		       match_cases[i].exact ? " (exact)" : "");
	return done_testing();
}
