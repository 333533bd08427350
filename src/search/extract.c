/*
 * extract.c -- a draft bilingual glossary of a whole memory.
 *
 * 1. Source-side term candidates: the n-grams of every source segment
 *    (term_ngrams(): no stop word or punctuation at either end; Chinese
 *    single characters are not terms) found in at least min_freq units.
 *    Two passes over the source texts: the first counts the units of
 *    every n-gram by a 64-bit hash only (memory stays small), the second
 *    keeps the n-grams that passed, with their surface forms.
 * 2. Termhood: C-value (Frantzi, Ananiadou & Mima 2000) for nested terms,
 *    C(a) = log2(|a| + 1) * (f(a) - (1/|T_a|) * sum over b in T_a of f(b)),
 *    T_a the longer candidates that contain a; |a| in tokens (+1 so that
 *    one-word terms count).  "de passe" gets little of its own when it
 *    only lives inside "mot de passe".
 * 3. The best candidates by C-value (up to max_terms; every one with a
 *    positive C-value without a limit) are each given their best
 *    translation by the suggest machinery (suggest.c).
 * 4. An entry whose translation is its own source term (Qt, or "lu" of
 *    "%lu") is left out, and so is one whose source term lives inside a
 *    longer entry's with the same translation (drop_nested()).
 * 5. Confidence = Dice(term, translation) * a / (a + 1), a the units
 *    holding both: 1 for a pair that always goes together, less for one
 *    seen in few units.  Entries come most confident first.
 */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/error.h"
#include "base/hash.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "index/index.h"
#include "index/suggest-index.h"
#include "search/search-internal.h"
#include "search/search.h"
#include "store/db.h"
#include "store/store.h"
#include "text/text.h"

/* Source terms translated when no limit is given. */
#define DEFAULT_MAX_TERMS 300

/* ------------------------------------------------ hash counts, pass 1 */

struct hash_counts {
	uint64_t *keys; /* 0 = empty */
	uint32_t *counts;
	size_t size, used;
};

static uint64_t
key_hash(const char *s)
{
	uint64_t h = hash_fnv1a_str(HASH_FNV_OFFSET, s);

	h ^= h >> 31;
	h *= 0x9e3779b97f4a7c15ULL;
	return h ? h : 1;
}

static size_t
hc_slot(const struct hash_counts *hc, uint64_t key)
{
	size_t i = (size_t)(key ^ (key >> 29)) & (hc->size - 1);

	while (hc->keys[i] && hc->keys[i] != key)
		i = (i + 1) & (hc->size - 1);
	return i;
}

static void
hc_add(struct hash_counts *hc, uint64_t key)
{
	size_t i;

	if (2 * (hc->used + 1) > hc->size) {
		struct hash_counts bigger = { 0 };
		bigger.size = hc->size ? 2 * hc->size : 1u << 16;
		bigger.keys = xcalloc(bigger.size, sizeof *bigger.keys);
		bigger.counts = xcalloc(bigger.size, sizeof *bigger.counts);
		for (size_t k = 0; k < hc->size; k++)
			if (hc->keys[k]) {
				size_t j = hc_slot(&bigger, hc->keys[k]);
				bigger.keys[j] = hc->keys[k];
				bigger.counts[j] = hc->counts[k];
			}
		bigger.used = hc->used;
		free(hc->keys);
		free(hc->counts);
		*hc = bigger;
	}
	i = hc_slot(hc, key);
	if (hc->keys[i] == 0) {
		hc->keys[i] = key;
		hc->used++;
	}
	hc->counts[i]++;
}

static uint32_t
hc_get(const struct hash_counts *hc, uint64_t key)
{
	size_t i;

	if (hc->size == 0)
		return 0;
	i = hc_slot(hc, key);
	return hc->keys[i] ? hc->counts[i] : 0;
}

/* ----------------------------------------------------- terms, pass 2 */

struct source_term {
	char *key;
	size_t ntokens;
	long freq;
	struct form_count *forms;
	size_t nforms, aforms;
	int64_t last_unit;
	double nested_sum;
	long nested_types;
	double cvalue;
};

struct term_table {
	struct source_term *items; /* open addressing on key */
	size_t size, used;
};

static struct source_term *
tt_slot(struct source_term *items, size_t size, const char *key)
{
	size_t i = (size_t)key_hash(key) & (size - 1);

	while (items[i].key && strcmp(items[i].key, key) != 0)
		i = (i + 1) & (size - 1);
	return &items[i];
}

static struct source_term *
tt_find(struct term_table *t, const char *key)
{
	struct source_term *s;

	if (t->size == 0)
		return NULL;
	s = tt_slot(t->items, t->size, key);
	return s->key ? s : NULL;
}

static struct source_term *
tt_get(struct term_table *t, const char *key)
{
	struct source_term *s;

	if (2 * (t->used + 1) > t->size) {
		size_t size = t->size ? 2 * t->size : 1u << 12;
		struct source_term *items = xcalloc(size, sizeof *items);
		for (size_t i = 0; i < t->size; i++)
			if (t->items[i].key)
				*tt_slot(items, size, t->items[i].key) =
					t->items[i];
		free(t->items);
		t->items = items;
		t->size = size;
	}
	s = tt_slot(t->items, t->size, key);
	if (s->key == NULL) {
		s->key = xstrdup(key);
		s->last_unit = -1;
		t->used++;
	}
	return s;
}

static void
tt_clear(struct term_table *t)
{
	for (size_t i = 0; i < t->size; i++) {
		struct source_term *s = &t->items[i];
		if (s->key == NULL)
			continue;
		free(s->key);
		for (size_t k = 0; k < s->nforms; k++)
			free(s->forms[k].form);
		free(s->forms);
	}
	free(t->items);
	memset(t, 0, sizeof *t);
}

static void
term_add_form(struct source_term *s, const char *form)
{
	for (size_t i = 0; i < s->nforms; i++)
		if (strcmp(s->forms[i].form, form) == 0) {
			s->forms[i].count++;
			return;
		}
	if (s->nforms >= 16)
		return;
	ALLOC_GROW(s->forms, s->nforms + 1, s->aforms);
	s->forms[s->nforms].form = xstrdup(form);
	s->forms[s->nforms++].count = 1;
}

/* ------------------------------------------------------------ the pass */

struct extract_pass {
	sqlite3_stmt *st;
	struct term_stemmers *stemmers;
	struct term_tokens tokens;
	struct term_ngrams ngrams;
	int han;
};

static int
keep_ngram(const struct extract_pass *p, const struct term_ngram *ng)
{
	/* a Han character alone is no term; n-grams cutting words neither */
	return !p->han || (ng->length >= 2 && ng->aligned);
}

/*
 * Walk the source variants that answer `src` (request) or `group`.  Pass 1
 * counts n-gram hashes into `hc`; pass 2 (terms != NULL) keeps the
 * n-grams that occur in min_freq units.
 */
static int
walk_sources(struct tmg_memory *memory, const struct extract_options *o,
	     const char *group, struct hash_counts *hc,
	     struct term_table *terms, struct tmg_error *err)
{
	static const char sql[] =
		"SELECT v.unit_id, v.lang, v.text FROM variants v"
		" WHERE v.lang = ?1 OR v.lang LIKE ?2 ORDER BY v.unit_id";
	struct extract_pass p = { 0 };
	char like[24];
	int64_t last_unit = -1;
	int rc, ret = -1;

	p.stemmers = term_tokens_stemmers_new();
	p.han = strcmp(group, "zh") == 0 || strcmp(group, "ja") == 0;
	if (sqlite3_prepare_v2(memory_db(memory), sql, -1, &p.st, NULL) !=
	    SQLITE_OK) {
		memory_db_error(memory, err);
		goto out;
	}
	snprintf(like, sizeof like, "%s-%%", group);
	sqlite3_bind_text(p.st, 1, group, -1, SQLITE_STATIC);
	sqlite3_bind_text(p.st, 2, like, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(p.st)) == SQLITE_ROW) {
		int64_t unit = sqlite3_column_int64(p.st, 0);
		const char *lang = (const char *)sqlite3_column_text(p.st, 1);
		const char *text = (const char *)sqlite3_column_text(p.st, 2);

		if (unit == last_unit ||
		    (o->src && !lang_matches(o->src, lang, 0)))
			continue;
		last_unit = unit;
		if (term_tokens_build(p.stemmers, text, lang, &p.tokens,
				      err) < 0 ||
		    term_ngrams_of_tokens(text, lang, &p.tokens, 0, &p.ngrams,
					  err) < 0)
			goto out;
		for (size_t i = 0; i < p.ngrams.count; i++) {
			const struct term_ngram *ng = &p.ngrams.items[i];
			uint64_t h;
			struct source_term *s;

			if (!keep_ngram(&p, ng))
				continue;
			h = key_hash(ng->key);
			if (terms == NULL) {
				/* once per unit: n-grams of a unit repeat
				 * rarely; a repeat only adds to the count */
				hc_add(hc, h);
				continue;
			}
			if (hc_get(hc, h) < (uint32_t)o->min_freq)
				continue;
			s = tt_get(terms, ng->key);
			s->ntokens = (size_t)ng->length;
			term_add_form(s, ng->form);
			if (s->last_unit != unit) {
				s->last_unit = unit;
				s->freq++;
			}
		}
	}
	if (rc != SQLITE_DONE) {
		memory_db_error(memory, err);
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(p.st);
	term_tokens_stemmers_free(p.stemmers);
	term_tokens_clear(&p.tokens);
	term_ngrams_clear(&p.ngrams);
	return ret;
}

/* C-value of every kept term, from the longer terms that contain it. */
static void
compute_cvalues(struct term_table *terms, long min_freq)
{
	for (size_t i = 0; i < terms->size; i++) {
		struct source_term *b = &terms->items[i];
		char **parts;
		size_t n = 0;
		char *copy, *p, *save = NULL;

		if (b->key == NULL || b->freq < min_freq || b->ntokens < 2)
			continue;
		parts = xreallocarray(NULL, b->ntokens + 1, sizeof *parts);
		copy = xstrdup(b->key);
		for (p = strtok_r(copy, "\x1f", &save); p && n <= b->ntokens;
		     p = strtok_r(NULL, "\x1f", &save))
			parts[n++] = p;
		for (size_t first = 0; first < n; first++)
			for (size_t len = 1; first + len <= n; len++) {
				struct strbuf key = { 0 };
				struct source_term *a;
				if (len == n)
					continue;
				for (size_t k = first; k < first + len; k++) {
					if (k > first)
						strbuf_addch(&key, '\x1f');
					strbuf_addstr(&key, parts[k]);
				}
				a = tt_find(terms, key.buf);
				if (a && a->freq >= min_freq) {
					a->nested_sum += (double)b->freq;
					a->nested_types++;
				}
				strbuf_release(&key);
			}
		free(copy);
		free(parts);
	}
	for (size_t i = 0; i < terms->size; i++) {
		struct source_term *a = &terms->items[i];
		double f;

		if (a->key == NULL)
			continue;
		f = (double)a->freq;
		if (a->nested_types)
			f -= a->nested_sum / (double)a->nested_types;
		a->cvalue = log2((double)a->ntokens + 1) * f;
	}
}

static int
compare_cvalue(const void *x, const void *y)
{
	const struct source_term *a = *(const struct source_term *const *)x;
	const struct source_term *b = *(const struct source_term *const *)y;

	if (a->cvalue != b->cvalue)
		return a->cvalue > b->cvalue ? -1 : 1;
	return strcmp(a->key, b->key);
}

static int
compare_confidence(const void *x, const void *y)
{
	const struct extracted_term *a = x, *b = y;

	if (a->confidence != b->confidence)
		return a->confidence > b->confidence ? -1 : 1;
	if (a->units != b->units)
		return a->units > b->units ? -1 : 1;
	return strcmp(a->source, b->source);
}

void
extracted_terms_clear(struct extracted_terms *t)
{
	for (size_t i = 0; i < t->count; i++) {
		free(t->items[i].source);
		free(t->items[i].target);
	}
	free(t->items);
	memset(t, 0, sizeof *t);
}

/* The source language group: the request's, else the memory's source. */
static int
source_group(struct tmg_memory *memory, const struct extract_options *o,
	     char group[16], struct tmg_error *err)
{
	char common[TMG_LANG_MAX], origin[8];

	if (o->src) {
		lang_group(o->src, group);
		return 0;
	}
	if (memory_common_source(memory, NULL, common, origin, sizeof origin,
				 err) < 0)
		return -1;
	lang_group(strcmp(common, "*all*") == 0 ? "" : common, group);
	return 0;
}

/*
 * Is `target` the source term itself (case and accents aside)?  Then the
 * memory copies it through -- a name (Qt, Git), or letters of a format
 * directive ("%lu" gives "lu") -- and the draft learns nothing from it.
 */
static int
copied_through(const char *source, const char *target)
{
	char *a = text_key(source, TEXT_FOLD_ACCENTS, NULL);
	char *b = text_key(target, TEXT_FOLD_ACCENTS, NULL);
	int same = a && b && strcmp(a, b) == 0;

	free(a);
	free(b);
	return same;
}

/* Is the key sequence `part` a contiguous sub-sequence of `whole`? */
static int
key_within(const char *whole, const char *part)
{
	size_t n = strlen(part);

	for (const char *p = whole; (p = strstr(p, part)) != NULL; p++)
		if ((p == whole || p[-1] == '\x1f') &&
		    (p[n] == '\0' || p[n] == '\x1f'))
			return 1;
	return 0;
}

/*
 * Drop an entry whose source term lives inside a longer entry's with the
 * same translation, for three quarters of its units at least: "passe" ->
 * 密码 beside "mot de passe" -> 密码, "travail" -> 工作区 beside "espace
 * de travail" -> 工作区.  C-value lowers such parts but does not remove
 * them when they also stand alone now and then.
 */
static void
drop_nested(struct extracted_terms *out, const char **keys)
{
	unsigned char *nested = xcalloc(out->count + 1, 1);
	size_t kept = 0;

	for (size_t i = 0; i < out->count; i++) {
		const struct extracted_term *x = &out->items[i];

		for (size_t j = 0; j < out->count && !nested[i]; j++) {
			const struct extracted_term *y = &out->items[j];
			nested[i] = j != i &&
				    strlen(keys[j]) > strlen(keys[i]) &&
				    strcmp(y->target, x->target) == 0 &&
				    4 * y->source_units >=
					    3 * x->source_units &&
				    key_within(keys[j], keys[i]);
		}
	}
	for (size_t i = 0; i < out->count; i++) {
		if (nested[i]) {
			free(out->items[i].source);
			free(out->items[i].target);
			continue;
		}
		out->items[kept++] = out->items[i];
	}
	out->count = kept;
	free(nested);
}

int
extract_terms(struct tmg_memory *memory, const struct extract_options *o,
	      struct extracted_terms *out, struct tmg_error *err)
{
	struct hash_counts hc = { 0 };
	struct term_table terms = { 0 };
	struct source_term **ranked = NULL;
	struct suggester *suggester = NULL;
	struct suggestions found = { 0 };
	struct suggest_options so = { 0 };
	size_t nranked = 0, limit;
	const char **keys = NULL; /* source term keys of out->items */
	char group[16];
	int ret = -1;

	extracted_terms_clear(out);
	if (source_group(memory, o, group, err) < 0)
		return -1;
	if (group[0] == '\0')
		return 0; /* empty memory, or no single source language */
	if ((suggester = suggester_open(memory, err)) == NULL)
		return -1;
	if (walk_sources(memory, o, group, &hc, NULL, err) < 0 ||
	    walk_sources(memory, o, group, &hc, &terms, err) < 0)
		goto out;
	free(hc.keys);
	free(hc.counts);
	memset(&hc, 0, sizeof hc);
	compute_cvalues(&terms, o->min_freq);

	ranked = xreallocarray(NULL, terms.used + 1, sizeof *ranked);
	for (size_t i = 0; i < terms.size; i++)
		if (terms.items[i].key && terms.items[i].freq >= o->min_freq &&
		    terms.items[i].cvalue > 0)
			ranked[nranked++] = &terms.items[i];
	qsort(ranked, nranked, sizeof *ranked, compare_cvalue);
	limit = o->max_terms ? o->max_terms : DEFAULT_MAX_TERMS;

	so.src = o->src ? o->src : group;
	so.tgt = o->tgt;
	so.max = 1;
	so.memory_only = 1; /* a draft of what the memory says */
	for (size_t i = 0; i < nranked && out->count < limit; i++) {
		struct source_term *s = ranked[i];
		char *form = suggest_glossary_form(s->forms, s->nforms);
		struct extracted_term *e;

		if (suggest_translations(suggester, form, &so, &found,
					 err) < 0) {
			free(form);
			goto out;
		}
		if (i == 0 || out->src[0] == '\0') {
			snprintf(out->src, sizeof out->src, "%s", found.src);
			snprintf(out->tgt, sizeof out->tgt, "%s", found.tgt);
		}
		if (found.count == 0 || found.items[0].units < 2 ||
		    copied_through(form, found.items[0].translation)) {
			free(form);
			continue;
		}
		ALLOC_GROW(out->items, out->count + 1, out->alloc);
		keys = xreallocarray(keys, out->alloc, sizeof *keys);
		keys[out->count] = s->key;
		e = &out->items[out->count++];
		e->source = form;
		e->target = xstrdup(found.items[0].translation);
		e->source_units = found.term_units;
		e->units = found.items[0].units;
		e->termhood = s->cvalue;
		e->score = found.items[0].score;
		e->confidence = found.items[0].dice * (double)e->units /
				((double)e->units + 1);
	}
	drop_nested(out, keys);
	if (out->count > 1) /* items is NULL when nothing was found */
		qsort(out->items, out->count, sizeof *out->items,
		      compare_confidence);
	ret = 0;
out:
	free(keys);
	suggestions_clear(&found);
	suggester_close(suggester);
	free(ranked);
	tt_clear(&terms);
	free(hc.keys);
	free(hc.counts);
	return ret;
}
