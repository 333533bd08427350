/*
 * srx.c -- sentences by SRX rules (Segmentation Rules eXchange 1.0 and 2.0),
 * the format CAT tools (OmegaT, Okapi, Heartsome, Maxprograms) share: the
 * rules held, selected for a language, compiled and applied.  Reading an
 * SRX file is the formats layer's job (formats/srx-read.c), which fills a
 * struct srx_rules through the srx_rules_add_*() calls below.
 *
 * Which rules apply: the language maps whose pattern, a regular expression,
 * matches the whole language tag, case-insensitively ("FR.*" ~ "fr-FR").
 * With cascading, the rules of every matching map, in map order; without,
 * those of the first.
 *
 * How a paragraph is cut: a position between two characters is decided by
 * the first rule (in order) whose beforebreak matches text ending there and
 * whose afterbreak matches text starting there; break="yes" cuts, "no"
 * keeps, and a position no rule decides is kept.  Each rule is compiled by
 * ICU's uregex as "(?:BEFORE)(?=AFTER)"; every match end is a candidate, and
 * searching again from one past each match start also finds overlapping
 * matches.  Java and ICU regular expressions agree on what these files use.
 *
 * Paragraphs end at blank lines, and the rules see a line break inside a
 * paragraph as a space, as in text_sentences(): a sentence wrapped over
 * several lines is cut the same way as on one line.
 *
 * A rule file is input like any other: an expression that backtracks
 * without end ("(a+)+$") would hold the command for ever.  Every expression
 * runs under ICU's time limit and a bounded backtracking stack, and one
 * that reaches either is an error naming the rule's line.
 */
#include <config.h>

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uregex.h>
#include <unicode/ustring.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "text/icu-i18n.h"
#include "text/text-internal.h"
#include "text/text.h"

struct srx_rule {
	int is_break;
	UChar *before, *after; /* NUL-terminated */
	long line;
	URegularExpression *re; /* compiled on first use */
};

struct srx_languagerule {
	char *name;
	struct srx_rule *rules;
	size_t count, alloc;
};

struct srx_map {
	size_t languagerule; /* index in rules->languagerules */
	UChar *pattern;
	long line;
	URegularExpression *re;
};

struct srx_rules {
	char *path;
	int cascade;
	struct srx_languagerule *languagerules;
	size_t nlanguagerules, languagerules_alloc;
	struct srx_map *maps;
	size_t nmaps, maps_alloc;

	/* the rules for `lang`, in order (pointers into languagerules) */
	char lang[TMG_LANG_MAX];
	int selected_valid;
	struct srx_rule **selected;
	size_t nselected, selected_alloc;
};

/* ---------------------------------------------------------- building */

/* A UTF-16 copy of NUL-terminated UTF-8 (to free); invalid sequences
 * become U+FFFD. */
static UChar *
utf16_dup(const char *utf8)
{
	UErrorCode status = U_ZERO_ERROR;
	size_t n = strlen(utf8);
	UChar *u = xmalloc((n + 1) * sizeof *u);
	int32_t len = 0;

	u_strFromUTF8Lenient(u, (int32_t)n + 1, &len, utf8, (int32_t)n,
			     &status);
	if (U_FAILURE(status))
		len = 0;
	u[len] = 0;
	return u;
}

struct srx_rules *
srx_rules_new(const char *path)
{
	struct srx_rules *r = xcalloc(1, sizeof *r);

	r->path = xstrdup(path);
	return r;
}

void
srx_rules_set_cascade(struct srx_rules *r, int cascade)
{
	r->cascade = cascade;
}

void
srx_rules_add_language_rule(struct srx_rules *r, const char *name)
{
	struct srx_languagerule *lr;

	ALLOC_GROW(r->languagerules, r->nlanguagerules + 1,
		   r->languagerules_alloc);
	lr = &r->languagerules[r->nlanguagerules++];
	memset(lr, 0, sizeof *lr);
	lr->name = xstrdup(name);
	r->selected_valid = 0;
}

void
srx_rules_add_rule(struct srx_rules *r, int is_break, const char *before,
		   const char *after, long line)
{
	struct srx_languagerule *lr;
	struct srx_rule *rule;

	assert(r->nlanguagerules > 0);
	lr = &r->languagerules[r->nlanguagerules - 1];
	ALLOC_GROW(lr->rules, lr->count + 1, lr->alloc);
	rule = &lr->rules[lr->count++];
	memset(rule, 0, sizeof *rule);
	rule->is_break = is_break;
	rule->before = utf16_dup(before);
	rule->after = utf16_dup(after);
	rule->line = line;
	r->selected_valid = 0;
}

int
srx_rules_add_map(struct srx_rules *r, const char *pattern,
		  const char *language_rule, long line)
{
	struct srx_map *map;
	size_t i;

	for (i = 0; i < r->nlanguagerules; i++)
		if (strcmp(r->languagerules[i].name, language_rule) == 0)
			break;
	if (i == r->nlanguagerules)
		return -1;
	ALLOC_GROW(r->maps, r->nmaps + 1, r->maps_alloc);
	map = &r->maps[r->nmaps++];
	memset(map, 0, sizeof *map);
	map->languagerule = i;
	map->pattern = utf16_dup(pattern);
	map->line = line;
	r->selected_valid = 0;
	return 0;
}

void
srx_free(struct srx_rules *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nlanguagerules; i++) {
		struct srx_languagerule *lr = &r->languagerules[i];
		for (size_t k = 0; k < lr->count; k++) {
			free(lr->rules[k].before);
			free(lr->rules[k].after);
			if (lr->rules[k].re)
				uregex_close(lr->rules[k].re);
		}
		free(lr->rules);
		free(lr->name);
	}
	for (size_t i = 0; i < r->nmaps; i++) {
		free(r->maps[i].pattern);
		if (r->maps[i].re)
			uregex_close(r->maps[i].re);
	}
	free(r->languagerules);
	free(r->maps);
	free(r->selected);
	free(r->path);
	free(r);
}

/* ------------------------------------------------------ compiling */

/* ICU's limits on one match: its time limit counts steps of the match
 * engine, roughly milliseconds (so about two seconds), and the stack of
 * backtracking states, in bytes. */
#define REGEX_TIME_LIMIT 2000
#define REGEX_STACK_LIMIT (4 * 1024 * 1024)

static void
set_limits(URegularExpression *re)
{
	UErrorCode status = U_ZERO_ERROR;

	uregex_setTimeLimit(re, REGEX_TIME_LIMIT, &status);
	uregex_setStackLimit(re, REGEX_STACK_LIMIT, &status);
}

/* The error of a match that failed with `status`, at `line`. */
static void
match_error(struct srx_rules *r, long line, UErrorCode status,
	    struct tmg_error *err)
{
	if (status == U_REGEX_TIME_OUT)
		tmg_error_set(err, r->path, line, 0, "%s",
			      _("this rule's regular expression takes too long "
				"on the text (it backtracks without end); "
				"simplify it"));
	else if (status == U_REGEX_STACK_OVERFLOW)
		tmg_error_set(err, r->path, line, 0, "%s",
			      _("this rule's regular expression needs too much "
				"memory on the text (it backtracks too deep); "
				"simplify it"));
	else
		tmg_error_set(err, r->path, line, 0,
			      _("regular expression failed (%s)"),
			      u_errorName(status));
}

static void
regex_error(struct srx_rules *r, long line, const char *what,
	    UErrorCode status, const UParseError *pe, struct tmg_error *err)
{
	tmg_error_set(err, r->path, line, 0,
		      _("%s: ICU cannot compile this regular expression (%s, "
			"at offset %d)"), what, u_errorName(status),
		      (int)pe->offset);
}

/* Write "(?" `kind` `s`[0..n) ")" at p[at]; returns the length reached. */
static int32_t
put_group(UChar *p, int32_t at, UChar kind, const UChar *s, int32_t n)
{
	p[at++] = '(';
	p[at++] = '?';
	p[at++] = kind;
	u_memcpy(p + at, s, n);
	at += n;
	p[at++] = ')';
	return at;
}

static int
compile_rule(struct srx_rules *r, struct srx_rule *rule,
	     struct tmg_error *err)
{
	UErrorCode status = U_ZERO_ERROR;
	UParseError pe = { 0 };
	int32_t nb = u_strlen(rule->before), na = u_strlen(rule->after);
	UChar *p;
	int32_t n = 0;

	if (rule->re)
		return 0;
	p = xmalloc(((size_t)nb + (size_t)na + 16) * sizeof *p);
	/* "(?:BEFORE)(?=AFTER)" */
	if (nb)
		n = put_group(p, n, ':', rule->before, nb);
	if (na)
		n = put_group(p, n, '=', rule->after, na);
	if (n == 0) { /* matches everywhere */
		u_memcpy(p, u"(?:)", 4);
		n = 4;
	}
	if (icu_i18n_load(err) < 0) {
		free(p);
		return -1;
	}
	rule->re = uregex_open(p, n, 0, &pe, &status);
	free(p);
	if (U_FAILURE(status)) {
		rule->re = NULL;
		regex_error(r, rule->line, _("rule"), status, &pe, err);
		return -1;
	}
	set_limits(rule->re);
	return 0;
}

static int
map_matches(struct srx_rules *r, struct srx_map *map, const UChar *lang,
	    int32_t n, int *matches, struct tmg_error *err)
{
	UErrorCode status = U_ZERO_ERROR;
	UParseError pe = { 0 };

	if (map->re == NULL) {
		if (icu_i18n_load(err) < 0)
			return -1;
		map->re = uregex_open(map->pattern, -1, UREGEX_CASE_INSENSITIVE,
				      &pe, &status);
		if (U_FAILURE(status)) {
			map->re = NULL;
			regex_error(r, map->line, "languagepattern", status,
				    &pe, err);
			return -1;
		}
		set_limits(map->re);
	}
	uregex_setText(map->re, lang, n, &status);
	*matches = uregex_matches(map->re, 0, &status);
	if (U_FAILURE(status)) {
		match_error(r, map->line, status, err);
		uregex_setText(map->re, u"", 0, &(UErrorCode){ U_ZERO_ERROR });
		return -1;
	}
	uregex_setText(map->re, u"", 0, &status);
	return 0;
}

int
srx_prepare(struct srx_rules *r, const char *lang, size_t *count,
	    struct tmg_error *err)
{
	const char *tag = lang ? lang : "";
	UChar ulang[TMG_LANG_MAX];
	int32_t n = 0;

	if (r->selected_valid && strcmp(r->lang, tag) == 0) {
		*count = r->nselected;
		return 0;
	}
	r->selected_valid = 0;
	r->nselected = 0;
	{
		UErrorCode status = U_ZERO_ERROR;
		u_strFromUTF8Lenient(ulang, TMG_LANG_MAX, &n, tag, -1, &status);
		if (U_FAILURE(status) || n >= TMG_LANG_MAX)
			n = 0;
	}
	for (size_t m = 0; m < r->nmaps; m++) {
		struct srx_languagerule *lr;
		int matches;

		if (map_matches(r, &r->maps[m], ulang, n, &matches, err) < 0)
			return -1;
		if (!matches)
			continue;
		lr = &r->languagerules[r->maps[m].languagerule];
		ALLOC_GROW(r->selected, r->nselected + lr->count + 1,
			   r->selected_alloc);
		for (size_t k = 0; k < lr->count; k++) {
			if (compile_rule(r, &lr->rules[k], err) < 0)
				return -1;
			r->selected[r->nselected++] = &lr->rules[k];
		}
		if (!r->cascade)
			break;
	}
	snprintf(r->lang, sizeof r->lang, "%s", tag);
	r->selected_valid = 1;
	*count = r->nselected;
	return 0;
}

/* --------------------------------------------------------- cutting */

enum decision { UNDECIDED, KEEP, CUT };

struct srx_segmenter {
	struct srx_rules *rules;
	unsigned char *decided; /* enum decision of each position */
	size_t decided_alloc;
};

static int
srx_cut(void *data, const UChar *t, int32_t n, struct boundaries *b,
	struct tmg_error *err)
{
	struct srx_segmenter *seg = data;
	UErrorCode status = U_ZERO_ERROR;

	ALLOC_GROW(seg->decided, (size_t)n + 1, seg->decided_alloc);
	memset(seg->decided, UNDECIDED, (size_t)n + 1);
	for (size_t k = 0; k < seg->rules->nselected; k++) {
		struct srx_rule *rule = seg->rules->selected[k];
		int32_t from = 0;

		uregex_setText(rule->re, t, n, &status);
		while (from <= n && uregex_find(rule->re, from, &status)) {
			int32_t s = uregex_start(rule->re, 0, &status);
			int32_t e = uregex_end(rule->re, 0, &status);

			if (U_FAILURE(status))
				break;
			if (e > 0 && e < n && seg->decided[e] == UNDECIDED)
				seg->decided[e] = rule->is_break ? CUT : KEEP;
			from = s + 1;
		}
		if (U_FAILURE(status)) {
			match_error(seg->rules, rule->line, status, err);
			uregex_setText(rule->re, u"", 0,
				       &(UErrorCode){ U_ZERO_ERROR });
			return -1;
		}
		uregex_setText(rule->re, u"", 0, &status);
	}
	boundaries_add(b, 0);
	for (int32_t i = 1; i < n; i++)
		if (seg->decided[i] == CUT && !U16_IS_TRAIL(t[i]))
			boundaries_add(b, i);
	boundaries_add(b, n);
	return 0;
}

int
srx_sentences(struct srx_rules *rules, const char *utf8, const char *lang,
	      struct text_spans *out, struct tmg_error *err)
{
	struct srx_segmenter seg = { 0 };
	size_t count;
	int rc;

	out->count = 0;
	if (srx_prepare(rules, lang, &count, err) < 0)
		return -1;
	seg.rules = rules;
	rc = text_sentences_cut(utf8, srx_cut, &seg, out, err);
	free(seg.decided);
	return rc;
}
