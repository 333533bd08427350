/*
 * lang.c -- language tags: canonical BCP 47 through ICU, and the matching
 * rule every --src/--tgt option and every import uses.
 *
 * Invariant: every tag stored in the memory went through
 * lang_canonicalize(), so equal languages have equal strings.
 *
 * Canonical: ICU's uloc_forLanguageTag then uloc_toLanguageTag, "_" read as
 * "-"; rejected: anything ICU cannot parse to the end, a language ICU has no
 * name for ("xyz", "qaa", "und"), an unknown script or region ("fr-XX").
 * Matching (lang_matches): see tmgloss.h; scripts come from ICU's likely
 * subtags (uloc_addLikelySubtags), so zh-SG is Hans and zh-HK Hant.
 */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "base/error.h"
#include "base/records.h"
#include "text/text.h"

/* Does ICU have an English name for this subtag of `locale`?  ICU gives
 * the code itself back, with a warning, for one it does not know. */
typedef int32_t (*display_fn)(const char *locale, const char *display,
			      UChar *out, int32_t size, UErrorCode *status);

static int
has_display_name(display_fn fn, const char *locale)
{
	UErrorCode status = U_ZERO_ERROR;
	UChar name[128];

	fn(locale, "en", name, (int32_t)(sizeof name / sizeof *name), &status);
	return U_SUCCESS(status) && status != U_USING_DEFAULT_WARNING;
}

/* Is `region` one of ICU's ISO 3166 codes ("FR", "CN")?  Each has an
 * English name, and the list is in ICU's code: asking for the name
 * instead opens the names' resource bundle, a quarter of a millisecond
 * of every `match` process whose memory's tags have regions.  Other
 * regions ("419") are asked for their name. */
static int
is_iso_country(const char *region)
{
	for (const char *const *codes = uloc_getISOCountries(); *codes; codes++)
		if (strcmp(*codes, region) == 0)
			return 1;
	return 0;
}

/*
 * ICU parses any well-formed tag; we keep tags whose language is an ISO 639
 * code ICU knows ("fil" yes, "xyz" and private-use "qaa" no), and whose
 * script and region, when present, ICU knows too ("fr-XX" no).
 */
static int
is_known_locale(const char *locale)
{
	char lang[ULOC_LANG_CAPACITY], script[ULOC_SCRIPT_CAPACITY];
	char region[ULOC_COUNTRY_CAPACITY];
	const char *const *codes;
	UErrorCode status = U_ZERO_ERROR;
	int known = 0;

	uloc_getLanguage(locale, lang, sizeof lang, &status);
	uloc_getScript(locale, script, sizeof script, &status);
	uloc_getCountry(locale, region, sizeof region, &status);
	if (U_FAILURE(status) || lang[0] == '\0' || strcmp(lang, "und") == 0)
		return 0;
	for (codes = uloc_getISOLanguages(); *codes && !known; codes++)
		known = strcmp(*codes, lang) == 0;
	/* ISO 639-2/3 codes without a two-letter form, such as "fil" */
	if (!known && strlen(lang) == 3)
		known = has_display_name(uloc_getDisplayLanguage, lang);
	if (!known)
		return 0;
	if (script[0] && !has_display_name(uloc_getDisplayScript, locale))
		return 0;
	if (region[0] && !is_iso_country(region) &&
	    !has_display_name(uloc_getDisplayCountry, locale))
		return 0;
	return 1;
}

int
lang_canonicalize(const char *tag, char *out, size_t size)
{
	char buf[TMG_LANG_MAX], locale[ULOC_FULLNAME_CAPACITY];
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
	if (!is_known_locale(locale))
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

/* Is the tag only a language subtag ("fr", "zh", "fil")? */
static int
is_bare_language(const char *canon)
{
	return strchr(canon, '-') == NULL;
}

/* The language subtag of a canonical tag into `out`. */
static void
language_of(const char *canon, char *out, size_t size)
{
	size_t n = strcspn(canon, "-");

	if (n >= size)
		n = size - 1;
	memcpy(out, canon, n);
	out[n] = '\0';
}

void
lang_group(const char *lang, char group[LANG_GROUP_MAX])
{
	size_t i;

	for (i = 0; i < LANG_GROUP_MAX - 1 && lang[i] && lang[i] != '-' &&
		    lang[i] != '_'; i++)
		group[i] = (char)(lang[i] >= 'A' && lang[i] <= 'Z' ?
				  lang[i] - 'A' + 'a' : lang[i]);
	group[i] = '\0';
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
	/* "zh" asks for any Chinese, "fr" for any French */
	if (is_bare_language(want_canon)) {
		language_of(tag_canon, tag_lang, sizeof tag_lang);
		return strcmp(want_canon, tag_lang) == 0;
	}
	if (maximized_parts(want_canon, want_lang, sizeof want_lang,
			    want_script, sizeof want_script) < 0 ||
	    maximized_parts(tag_canon, tag_lang, sizeof tag_lang, tag_script,
			    sizeof tag_script) < 0)
		return 0;
	return strcmp(want_lang, tag_lang) == 0 &&
	       strcmp(want_script, tag_script) == 0;
}
