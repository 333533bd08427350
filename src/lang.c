/*
 * lang.c -- language tags: canonical BCP 47 through ICU, and the matching
 * rule every --src/--tgt option and every import uses.
 *
 * Invariant: every tag stored in the memory went through
 * lang_canonicalize(), so equal languages have equal strings.
 */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <unicode/uloc.h>

#include "tmgloss.h"

/* ICU accepts some grandfathered and private tags; we keep ones a TMX uses. */
static int
is_known_language(const char *lang)
{
	const char *const *codes;

	if (strcmp(lang, "und") == 0)
		return 0;
	for (codes = uloc_getISOLanguages(); *codes; codes++)
		if (strcmp(*codes, lang) == 0)
			return 1;
	/* ISO 639-2/3 codes that have no two-letter form, such as "fil". */
	return strlen(lang) == 3;
}

int
lang_canonicalize(const char *tag, char *out, size_t size)
{
	char buf[TMG_LANG_MAX], locale[ULOC_FULLNAME_CAPACITY];
	char lang[ULOC_LANG_CAPACITY];
	UErrorCode status = U_ZERO_ERROR;
	int32_t parsed = 0;
	size_t n = strlen(tag);

	if (n == 0 || n >= sizeof buf)
		return -1;
	for (size_t i = 0; i <= n; i++) {
		unsigned char c = (unsigned char)tag[i];
		if (c == '_')
			c = '-';
		else if (c != '\0' && !isalnum(c) && c != '-')
			return -1;
		buf[i] = (char)c;
	}
	uloc_forLanguageTag(buf, locale, sizeof locale, &parsed, &status);
	if (U_FAILURE(status) || parsed != (int32_t)n)
		return -1;
	uloc_getLanguage(locale, lang, sizeof lang, &status);
	if (U_FAILURE(status) || !is_known_language(lang))
		return -1;
	uloc_toLanguageTag(locale, out, (int32_t)size, 0, &status);
	if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING)
		return -1;
	return 0;
}

/* Language and script of a tag with likely subtags added ("zh-TW" ->
 * "zh", "Hant"). */
static int
maximized_parts(const char *tag, char *lang, size_t lang_size, char *script,
		size_t script_size)
{
	char locale[ULOC_FULLNAME_CAPACITY], max[ULOC_FULLNAME_CAPACITY];
	UErrorCode status = U_ZERO_ERROR;

	uloc_forLanguageTag(tag, locale, sizeof locale, NULL, &status);
	if (U_FAILURE(status))
		return -1;
	uloc_addLikelySubtags(locale, max, sizeof max, &status);
	if (U_FAILURE(status)) {
		status = U_ZERO_ERROR;
		snprintf(max, sizeof max, "%s", locale);
	}
	uloc_getLanguage(max, lang, (int32_t)lang_size, &status);
	uloc_getScript(max, script, (int32_t)script_size, &status);
	return U_FAILURE(status) ? -1 : 0;
}

int
lang_matches(const char *want, const char *tag, int exact)
{
	char want_lang[ULOC_LANG_CAPACITY], want_script[ULOC_SCRIPT_CAPACITY];
	char tag_lang[ULOC_LANG_CAPACITY], tag_script[ULOC_SCRIPT_CAPACITY];
	char want_canon[TMG_LANG_MAX], tag_canon[TMG_LANG_MAX];

	if (lang_canonicalize(want, want_canon, sizeof want_canon) < 0 ||
	    lang_canonicalize(tag, tag_canon, sizeof tag_canon) < 0)
		return strcasecmp(want, tag) == 0;
	if (exact || strcmp(want_canon, tag_canon) == 0)
		return strcmp(want_canon, tag_canon) == 0;
	if (maximized_parts(want_canon, want_lang, sizeof want_lang,
			    want_script, sizeof want_script) < 0 ||
	    maximized_parts(tag_canon, tag_lang, sizeof tag_lang, tag_script,
			    sizeof tag_script) < 0)
		return 0;
	return strcmp(want_lang, tag_lang) == 0 &&
	       strcmp(want_script, tag_script) == 0;
}
