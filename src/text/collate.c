/*
 * collate.c -- sorting by the rules of a language: ICU collators.
 *
 * A locale is a BCP 47 tag ("fr", "zh", "zh-u-co-stroke") or an ICU locale
 * id with keywords ("zh@collation=stroke").  Its language must be one
 * lang_canonicalize() knows; ICU would otherwise quietly sort by the root
 * rules.  Chinese sorts by pinyin unless stroke order is asked (ICU's
 * default for zh is pinyin); French puts "cote" before "côte".
 *
 * store/collation.c registers these collators with SQLite.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucol.h>
#include <unicode/uloc.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "text/icu-i18n.h"
#include "text/text.h"

struct tmg_collator {
	UCollator *ucol;
	char locale[ULOC_FULLNAME_CAPACITY]; /* the ICU locale id */
};

/* The ICU locale id of `locale`, checked; -1 with `err` set. */
static int
icu_locale(const char *locale, char *out, size_t size, struct tmg_error *err)
{
	char tag[TMG_LANG_MAX], canon[TMG_LANG_MAX];
	char lang[ULOC_LANG_CAPACITY];
	const char *at = strchr(locale, '@');
	size_t n = at ? (size_t)(at - locale) : strlen(locale);
	UErrorCode status = U_ZERO_ERROR;

	if (n == 0 || n >= sizeof tag)
		goto bad;
	memcpy(tag, locale, n);
	tag[n] = '\0';
	if (at) {
		/* an ICU id: "zh@collation=stroke", "fr_CA@..." */
		if (lang_canonicalize(tag, canon, sizeof canon) < 0)
			goto bad;
		snprintf(out, size, "%s", locale);
		return 0;
	}
	/* a BCP 47 tag, extensions allowed: "zh-u-co-stroke" */
	uloc_forLanguageTag(locale, out, (int32_t)size, NULL, &status);
	if (U_FAILURE(status))
		goto bad;
	uloc_getLanguage(out, lang, sizeof lang, &status);
	if (U_FAILURE(status) ||
	    lang_canonicalize(lang, canon, sizeof canon) < 0)
		goto bad;
	return 0;
bad:
	tmg_error_set(err, NULL, 0, 0,
		      _("unknown locale '%s' for sorting (try fr, zh, "
			"zh@collation=stroke)"), locale);
	return -1;
}

struct tmg_collator *
collator_open(const char *locale, struct tmg_error *err)
{
	struct tmg_collator *c;
	UErrorCode status = U_ZERO_ERROR;
	char id[ULOC_FULLNAME_CAPACITY];

	if (icu_locale(locale, id, sizeof id, err) < 0 ||
	    icu_i18n_load(err) < 0)
		return NULL;
	c = xcalloc(1, sizeof *c);
	snprintf(c->locale, sizeof c->locale, "%s", id);
	c->ucol = ucol_open(id, &status);
	if (U_FAILURE(status)) {
		tmg_error_set(err, NULL, 0, 0,
			      _("cannot open an ICU collator for '%s' (%s)"),
			      locale, u_errorName(status));
		free(c);
		return NULL;
	}
	return c;
}

int
collator_compare(const struct tmg_collator *c, const char *a, const char *b)
{
	UErrorCode status = U_ZERO_ERROR;
	UCollationResult r = ucol_strcollUTF8(c->ucol, a, -1, b, -1, &status);

	if (U_FAILURE(status))
		return strcmp(a, b);
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

void
collator_close(struct tmg_collator *c)
{
	if (c == NULL)
		return;
	ucol_close(c->ucol);
	free(c);
}

int
collator_compare_n(const struct tmg_collator *c, const char *a, int na,
		   const char *b, int nb)
{
	UErrorCode status = U_ZERO_ERROR;
	UCollationResult r;

	r = ucol_strcollUTF8(c->ucol, a, na, b, nb, &status);
	if (U_FAILURE(status)) { /* invalid UTF-8 */
		int cmp = memcmp(a, b, (size_t)(na < nb ? na : nb));
		return cmp ? cmp : na - nb;
	}
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

const char *
collator_locale(const struct tmg_collator *c)
{
	return c->locale;
}
