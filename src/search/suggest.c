/*
 * suggest.c -- candidate translations of a term, mined from the memory.
 *
 * 0. The glossary first: translations the glossary gives for the whole
 *    term (term_finder_*(), so case, accents and French plurals do not
 *    matter), in the glossary's order, marked from_glossary; the memory's
 *    candidates follow, without repeating them.
 *
 * 1. The units whose source variant holds the term: the translation index
 *    (suggest-index.c) gives the units holding every adjacent pair of the
 *    term's tokens; each is checked by tokenising its source text.  French
 *    keys fold number and gender, not derivation ("intelligences
 *    incarnées" holds "intelligence incarnée"; "utiliser" does not hold
 *    "utilisateur").  Above SAMPLE_UNITS candidate units, an evenly spaced
 *    sample of them is read and the counts below are scaled to the whole.
 *
 * 2. Candidates are the n-grams of the target texts of those units
 *    (term_ngrams(): 1-6 words that neither start nor end with a stop
 *    word or punctuation; in Chinese, Han character n-grams of 1-8 and
 *    ICU's dictionary words, so 具身智能 is found whatever ICU makes of
 *    it).  a = units holding the term and the candidate *as words*: a Han
 *    n-gram counts in a unit only where it begins and ends on ICU word
 *    boundaries (it may span several words: 具身 智能).  This is the
 *    Chinese word-boundary preference: 色 inside 颜色, 用 inside 用户 or
 *    错 inside 错误 do not count for "couleur", "utilisateur", "erreur",
 *    while the n-grams still catch the words ICU splits.
 *
 * 3. For the candidates seen often enough (a >= 2, or 1 in a tiny
 *    memory; at most MAX_SCORED, most frequent first), f(t), the units
 *    of the whole memory whose target holds the candidate, is counted with
 *    the index (intersection of the candidate's bigram postings) -- lazily,
 *    for these candidates only.  N is the number of units that have both
 *    languages (kept by the index), f(s) the units holding the term.
 *
 * 4. Score: Dunning's log-likelihood ratio G² of the 2x2 contingency table
 *    (a, f(s)-a, f(t)-a, N-f(s)-f(t)+a), counted only for positive
 *    association (a/f(s) > f(t)/N).  G² rewards evidence (a frequent,
 *    consistent pair beats a hapax that happens to co-occur once), which
 *    Dice and mutual information do not.  f(t) counts a Han candidate
 *    anywhere, so a fragment that mostly lives inside other words gets a
 *    small a against a large f(t).
 *
 * 5. Containment correction (is_subsumed()): a part of the translation
 *    that longer candidates explain is listed after the others.
 *
 * A French candidate is shown in the form a glossary would hold: its
 * surface forms (which share keys) are counted, lower case preferred
 * when the memory has it, and the singular when the memory shows both
 * (counts of "fichiers" go to "fichier" when "fichier" occurs).
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

#define SAMPLE_UNITS 500
#define MAX_SCORED 150
#define SUBSUME_SHARE 0.75
#define WHOLE_SHARE 0.10
#define SIGNIFICANT_G2 10.83

/* -------------------------------------------------------- the candidates */

struct candidate {
	char *key;            /* token keys joined by U+001F */
	uint64_t hash;        /* of key */
	size_t ntokens;
	long a;               /* sampled units holding term and candidate */
	long aligned;         /* of them, where it is made of ICU words */
	struct form_count *forms;
	size_t nforms, aforms;
	int64_t examples[3];  /* unit ids, shortest target first */
	size_t example_len[3];
	size_t nexamples;
	int64_t last_unit;    /* to count a unit once */
	int64_t last_aligned_unit;
	int64_t *units;       /* the `aligned` units, ascending */
	size_t aunits;
	/* filled for the scored ones */
	long ft;
	double a_est, score, dice;
	int subsumed;
};

/* The candidates in a vector, found through an open-addressing table of
 * (hash, index) pairs: probes stay within the small table, and the large
 * candidates are allocated as they come (no table of empty ones). */
struct map_slot {
	uint64_t hash;
	size_t index;         /* into items, plus one; 0: empty */
};

struct candidate_map {
	struct candidate *items;
	size_t used, alloc;
	struct map_slot *slots;
	size_t size;          /* a power of two */
};

static uint64_t
str_hash(const char *s)
{
	uint64_t h = hash_fnv1a_str(HASH_FNV_OFFSET, s);

	return h ^ (h >> 29);
}

/* The slot of `key` (hash `h`): the hash is compared before the key, so
 * a probe rarely reads a string. */
static struct map_slot *
map_slot(const struct candidate_map *m, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (m->size - 1);

	while (m->slots[i].index &&
	       (m->slots[i].hash != h ||
		strcmp(m->items[m->slots[i].index - 1].key, key) != 0))
		i = (i + 1) & (m->size - 1);
	return &m->slots[i];
}

/* The candidate of `key`, created when new.  The pointer is valid until
 * the next call (the vector may move). */
static struct candidate *
map_get(struct candidate_map *m, const char *key)
{
	struct map_slot *slot;
	struct candidate *c;
	uint64_t h = str_hash(key);

	if (2 * (m->used + 1) > m->size) {
		struct candidate_map bigger = *m;

		bigger.size = m->size ? 2 * m->size : 1024;
		bigger.slots = xcalloc(bigger.size, sizeof *bigger.slots);
		for (size_t i = 0; i < m->used; i++)
			*map_slot(&bigger, m->items[i].key,
				  m->items[i].hash) = (struct map_slot){
				.hash = m->items[i].hash, .index = i + 1 };
		free(m->slots);
		*m = bigger;
	}
	slot = map_slot(m, key, h);
	if (slot->index)
		return &m->items[slot->index - 1];
	ALLOC_GROW(m->items, m->used + 1, m->alloc);
	c = &m->items[m->used++];
	memset(c, 0, sizeof *c);
	c->key = xstrdup(key);
	c->hash = h;
	c->last_unit = c->last_aligned_unit = -1;
	slot->hash = h;
	slot->index = m->used;
	return c;
}

static void
candidate_free(struct candidate *c)
{
	free(c->key);
	for (size_t i = 0; i < c->nforms; i++)
		free(c->forms[i].form);
	free(c->forms);
	free(c->units);
}

static void
map_clear(struct candidate_map *m)
{
	for (size_t i = 0; i < m->used; i++)
		candidate_free(&m->items[i]);
	free(m->items);
	free(m->slots);
	memset(m, 0, sizeof *m);
}

static void
add_form(struct candidate *c, const char *form)
{
	for (size_t i = 0; i < c->nforms; i++)
		if (strcmp(c->forms[i].form, form) == 0) {
			c->forms[i].count++;
			return;
		}
	ALLOC_GROW(c->forms, c->nforms + 1, c->aforms);
	c->forms[c->nforms].form = xstrdup(form);
	c->forms[c->nforms++].count = 1;
}

static void
add_example(struct candidate *c, int64_t unit, size_t len)
{
	size_t i;

	if (c->nexamples < 3) {
		i = c->nexamples++;
	} else {
		i = 2;
		if (len >= c->example_len[2])
			return;
	}
	c->examples[i] = unit;
	c->example_len[i] = len;
	for (; i > 0 && c->example_len[i] < c->example_len[i - 1]; i--) {
		int64_t u = c->examples[i];
		size_t l = c->example_len[i];
		c->examples[i] = c->examples[i - 1];
		c->example_len[i] = c->example_len[i - 1];
		c->examples[i - 1] = u;
		c->example_len[i - 1] = l;
	}
}

/* Lower case of ASCII and Latin-1 letters in UTF-8 (for the form choice). */
static char *
lower_latin(const char *s)
{
	char *out = xstrdup(s);
	unsigned char *p = (unsigned char *)out;

	for (; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (unsigned char)(*p - 'A' + 'a');
		else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0x9e &&
			 p[1] != 0x97)
			*++p += 0x20;
	}
	return out;
}

/* Does `plural` read as `singular` with an s or x added to some words? */
static int
is_plural_of(const char *plural, const char *singular)
{
	const char *p = plural, *s = singular;
	int added = 0;

	while (*p || *s) {
		if (*p == *s) {
			p++;
			s++;
			continue;
		}
		if ((*p == 's' || *p == 'x') &&
		    (p[1] == '\0' || p[1] == ' ' || p[1] == '-') &&
		    (*s == '\0' || *s == ' ' || *s == '-')) {
			/* the head (first word) is what takes the plural:
			 * "barres d'outils" is the plural of "barre
			 * d'outils", not "barre d'outil" its singular */
			if (added == 0 && memchr(plural, ' ',
						 (size_t)(p - plural)))
				return 0;
			p++;
			added = 1;
			continue;
		}
		return 0;
	}
	return added;
}

/* The form a glossary would hold (suggest-internal.h). */
char *
suggest_glossary_form(const struct form_count *forms, size_t nforms)
{
	char **lower = xreallocarray(NULL, nforms, sizeof *lower);
	long *count = xcalloc(nforms, sizeof *count);
	size_t best = 0;
	char *form;

	for (size_t i = 0; i < nforms; i++)
		lower[i] = lower_latin(forms[i].form);
	/* case variants count for their lower-case form when it occurs */
	for (size_t i = 0; i < nforms; i++) {
		size_t to = i;
		for (size_t j = 0; j < nforms; j++)
			if (strcmp(lower[i], lower[j]) == 0 &&
			    strcmp(forms[j].form, lower[j]) == 0) {
				to = j;
				break;
			}
		count[to] += forms[i].count;
	}
	/* plurals count for their singular when it occurs -- more than
	 * once and in at least one in twenty of the plural's units, or
	 * the typo "processu" would stand for "processus" */
	for (size_t i = 0; i < nforms; i++) {
		if (count[i] == 0)
			continue;
		for (size_t j = 0; j < nforms; j++)
			if (j != i && count[j] >= 2 &&
			    20 * count[j] >= count[i] &&
			    is_plural_of(lower[i], lower[j])) {
				count[j] += count[i];
				count[i] = 0;
				break;
			}
	}
	for (size_t i = 1; i < nforms; i++)
		if (count[i] > count[best] ||
		    (count[i] == count[best] &&
		     strcmp(forms[i].form, forms[best].form) < 0))
			best = i;
	form = xstrdup(forms[best].form);
	for (size_t i = 0; i < nforms; i++)
		free(lower[i]);
	free(lower);
	free(count);
	return form;
}

/* ----------------------------------------------------------- statistics */

static double
xlogx_ratio(double o, double e)
{
	return o > 0 && e > 0 ? o * log(o / e) : 0;
}

/* Dunning's G² for the 2x2 table; 0 unless positively associated. */
static double
log_likelihood(double a, double fs, double ft, double n)
{
	double b = fs - a, c = ft - a, d = n - fs - ft + a;
	double g2;

	if (n <= 0 || fs <= 0 || ft <= 0 || a <= 0 || a / fs <= ft / n)
		return 0;
	if (b < 0)
		b = 0;
	if (c < 0)
		c = 0;
	if (d < 0)
		d = 0;
	g2 = xlogx_ratio(a, fs * ft / n) +
	     xlogx_ratio(b, fs * (n - ft) / n) +
	     xlogx_ratio(c, (n - fs) * ft / n) +
	     xlogx_ratio(d, (n - fs) * (n - ft) / n);
	return 2 * g2;
}

/* Is the key sequence `part` a contiguous sub-sequence of `whole`? */
static int
key_contains(const char *whole, const char *part)
{
	size_t n = strlen(part);
	const char *p = whole;

	while ((p = strstr(p, part)) != NULL) {
		int left = p == whole || p[-1] == '\x1f';
		int right = p[n] == '\0' || p[n] == '\x1f';
		if (left && right)
			return 1;
		p++;
	}
	return 0;
}

/* --------------------------------------------------------- the suggester */

struct suggester {
	struct tmg_memory *memory;
	struct suggest_reader *index;
	struct term_stemmers *stemmers;
	sqlite3_stmt *variants;
	struct term_tokens term, source, target;
	struct term_ngrams ngrams;
	struct suggest_id_list units;
	int64_t *keys;
	size_t nkeys, akeys;
	struct term_finder *finder;     /* the glossary, for finder_src/tgt */
	char finder_src[TMG_LANG_MAX], finder_tgt[TMG_LANG_MAX];
};

struct suggester *
suggester_open(struct tmg_memory *memory, struct tmg_error *err)
{
	struct suggester *s = xcalloc(1, sizeof *s);

	s->memory = memory;
	s->stemmers = term_tokens_stemmers_new();
	/* a memory that cannot be written is read as it is: the reader
	 * keys the units the index has not taken in itself */
	if ((!memory_read_only(memory) &&
	     memory_update_indexes(memory, INDEX_SUGGEST, NULL, NULL,
				   err) < 0) ||
	    (s->index = suggest_reader_open(memory, err)) == NULL)
		goto fail;
	if (sqlite3_prepare_v2(memory_db(memory),
			       "SELECT lang, text FROM variants"
			       " WHERE unit_id = ?1 ORDER BY id", -1,
			       &s->variants, NULL) != SQLITE_OK) {
		memory_db_error(memory, err);
		goto fail;
	}
	return s;
fail:
	suggester_close(s);
	return NULL;
}

void
suggester_close(struct suggester *s)
{
	if (s == NULL)
		return;
	suggest_reader_close(s->index);
	term_finder_close(s->finder);
	term_tokens_stemmers_free(s->stemmers);
	sqlite3_finalize(s->variants);
	term_tokens_clear(&s->term);
	term_tokens_clear(&s->source);
	term_tokens_clear(&s->target);
	term_ngrams_clear(&s->ngrams);
	suggest_id_list_clear(&s->units);
	free(s->keys);
	free(s);
}

static void
suggestion_free(struct suggestion *g)
{
	free(g->translation);
	free(g->origin);
	for (size_t k = 0; k < g->nexamples; k++) {
		free(g->examples[k].source);
		free(g->examples[k].target);
	}
}

void
suggestions_clear(struct suggestions *list)
{
	for (size_t i = 0; i < list->count; i++)
		suggestion_free(&list->items[i]);
	free(list->items);
	memset(list, 0, sizeof *list);
}

/* Does `lang` (a stored tag) answer a request, or the group when none? */
static int
lang_wanted(const char *request, const char *group, const char *lang)
{
	char g[16];

	if (request)
		return lang_matches(request, lang, 0);
	lang_group(lang, g);
	return strcmp(g, group) == 0;
}

static int
contains_han(const char *s)
{
	/* U+3400..U+9FFF in UTF-8: lead bytes E3 (from U+3400) to E9 */
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0xe3 && *p <= 0xe9 &&
		    !(*p == 0xe3 && p[1] < 0x90))
			return 1;
	return 0;
}

/*
 * Choose the language groups: the requests' groups, else from the language
 * pairs of the memory -- a term with Han characters is Chinese or
 * Japanese, the target the other side of the largest pair (of two as
 * large, the first by name).
 */
static int
choose_groups(struct suggester *s, const char *term,
	      const struct suggest_options *o, char src[16], char tgt[16],
	      struct tmg_error *err)
{
	struct suggest_pair *pairs;
	size_t npairs;

	src[0] = tgt[0] = '\0';
	if (o->src)
		lang_group(o->src, src);
	if (o->tgt)
		lang_group(o->tgt, tgt);
	if (src[0] && tgt[0])
		return 0;
	if (suggest_reader_all_pairs(s->index, &pairs, &npairs, err) < 0)
		return -1;
	for (size_t i = 0; i < npairs; i++) {
		const char *g[2] = { pairs[i].group1, pairs[i].group2 };

		for (int k = 0; k < 2; k++) {
			const char *mine = g[k], *other = g[1 - k];
			int han = strcmp(mine, "zh") == 0 ||
				  strcmp(mine, "ja") == 0;
			if (src[0] && strcmp(src, mine) != 0)
				continue;
			if (tgt[0] && strcmp(tgt, other) != 0)
				continue;
			if (!src[0] && han != contains_han(term))
				continue;
			snprintf(src, 16, "%s", mine);
			snprintf(tgt, 16, "%s", other);
			free(pairs);
			return 0;
		}
	}
	free(pairs);
	return 0; /* nothing fits: an empty answer */
}

/* Are the term's tokens at position `at` of `text`? */
static int
holds_term(const struct term_tokens *text, const struct term_tokens *term)
{
	for (size_t i = 0; i + term->count <= text->count; i++) {
		size_t k;
		for (k = 0; k < term->count; k++)
			if (strcmp(text->items[i + k].key,
				   term->items[k].key) != 0 ||
			    (k + 1 < term->count &&
			     text->items[i + k].joined != term->items[k].joined))
				break;
		if (k == term->count)
			return 1;
	}
	return 0;
}

/* Start reading the variants of unit `id` with next_variant(). */
static void
read_variants(struct suggester *s, int64_t id)
{
	sqlite3_reset(s->variants);
	sqlite3_bind_int64(s->variants, 1, id);
}

/* The next variant of the unit: 1 with its language and text (valid until
 * the next call), 0 after the last, -1 with `err` set. */
static int
next_variant(struct suggester *s, const char **lang, const char **text,
	     struct tmg_error *err)
{
	int rc = sqlite3_step(s->variants);

	if (rc == SQLITE_ROW) {
		*lang = (const char *)sqlite3_column_text(s->variants, 0);
		*text = (const char *)sqlite3_column_text(s->variants, 1);
		return 1;
	}
	return rc == SQLITE_DONE ? 0 : memory_db_error(s->memory, err);
}

/*
 * Read unit `id`: does its source hold the term?  Then feed the n-grams
 * of its target to `map`.  *verified is set to 1 when the term is there.
 */
static int
mine_unit(struct suggester *s, int64_t id, const struct suggest_options *o,
	  const char *src, const char *tgt, struct candidate_map *map,
	  int *verified, struct tmg_error *err)
{
	int rc, found = 0;
	char *target = NULL, *target_lang = NULL;
	const char *lang = NULL, *text = NULL;

	*verified = 0;
	read_variants(s, id);
	while ((rc = next_variant(s, &lang, &text, err)) == 1) {
		if (!found && lang_wanted(o->src, src, lang)) {
			if (term_tokens_build(s->stemmers, text, lang,
					      &s->source, err) < 0)
				goto fail;
			found = holds_term(&s->source, &s->term);
		} else if (target == NULL && lang_wanted(o->tgt, tgt, lang)) {
			target = xstrdup(text);
			target_lang = xstrdup(lang);
		}
	}
	if (rc < 0)
		goto fail;
	sqlite3_reset(s->variants);
	if (found && target) {
		*verified = 1;
		if (term_tokens_build(s->stemmers, target, target_lang,
				      &s->target, err) < 0 ||
		    term_ngrams_of_tokens(target, target_lang, &s->target, 0,
					  &s->ngrams, err) < 0)
			goto fail;
		for (size_t i = 0; i < s->ngrams.count; i++) {
			const struct term_ngram *ng = &s->ngrams.items[i];
			struct candidate *c = map_get(map, ng->key);
			add_form(c, ng->form);
			if (c->last_unit != id) {
				c->last_unit = id;
				c->ntokens = (size_t)ng->length;
				c->a++;
			}
			if (ng->aligned && c->last_aligned_unit != id) {
				c->last_aligned_unit = id;
				ALLOC_GROW(c->units, (size_t)c->aligned + 1,
					   c->aunits);
				c->units[c->aligned++] = id;
				add_example(c, id, strlen(target));
			}
		}
	}
	free(target);
	free(target_lang);
	return 0;
fail:
	sqlite3_reset(s->variants);
	free(target);
	free(target_lang);
	return -1;
}

static int
compare_by_a(const void *x, const void *y)
{
	const struct candidate *a = *(const struct candidate *const *)x;
	const struct candidate *b = *(const struct candidate *const *)y;

	if (a->aligned != b->aligned)
		return a->aligned > b->aligned ? -1 : 1;
	return strcmp(a->key, b->key);
}

static int
compare_by_score(const void *x, const void *y)
{
	const struct candidate *a = *(const struct candidate *const *)x;
	const struct candidate *b = *(const struct candidate *const *)y;

	if (a->subsumed != b->subsumed)
		return a->subsumed - b->subsumed;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->ntokens != b->ntokens)
		return a->ntokens > b->ntokens ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* f(t): units of the memory whose `tgt` variant holds the candidate. */
static int
count_target_units(struct suggester *s, const char *tgt, struct candidate *c,
		   struct tmg_error *err)
{
	struct term_tokens toks = { 0 };
	char *copy = xstrdup(c->key), *p, *save = NULL;
	size_t n = 0;
	long count;
	int ret;

	/* rebuild the tokens from the key: all adjacent content tokens */
	for (p = strtok_r(copy, "\x1f", &save); p;
	     p = strtok_r(NULL, "\x1f", &save)) {
		ALLOC_GROW(toks.items, toks.count + 1, toks.alloc);
		memset(&toks.items[toks.count], 0, sizeof *toks.items);
		toks.items[toks.count].key = xstrdup(p);
		toks.items[toks.count].is_content = 1;
		toks.items[toks.count++].joined = 1;
	}
	free(copy);
	if (toks.count)
		toks.items[toks.count - 1].joined = 0;
	s->nkeys = 0;
	suggest_index_term_keys(tgt, &toks, 0, toks.count, &s->keys, &s->nkeys,
				&s->akeys);
	n = s->nkeys;
	ret = suggest_reader_count(s->index, s->keys, n, NULL, &count, err);
	term_tokens_clear(&toks);
	if (ret == 0)
		c->ft = count;
	return ret;
}

/*
 * Containment.  A part X of the true translation Y co-occurs with the term
 * wherever Y does, and when X is rarer in the memory than its share
 * suggests it can outscore Y (智能 and 具身智能; "jour" and "mise à
 * jour").  X is *subsumed*, listed after the others, when the units it
 * shares with the term are, for SUBSUME_SHARE of them, units of longer
 * candidates that contain it and are wholes in their own right:
 * significantly associated with the term (G² at least SIGNIFICANT_G2, p <
 * 0.001 for one degree of freedom -- a phrase seen in three or four units
 * of a small memory is not), holding at least WHOLE_SHARE of X's units
 * each, and more specific to the term than X (a larger share of their
 * units hold the term).  So "jour" gives way to "mise à jour" and "mettre à jour"
 * together, "expression" to "expression rationnelle" and "expression
 * régulière"; "fichier" stays, since no phrase holding it has a
 * substantial share of its units.  A single longer candidate that keeps
 * SUBSUME_SHARE of X's units subsumes X whatever its specificity.  This
 * is the containment step of competitive linking, within one term's
 * candidates, over the sampled units (both lists ascend).
 */
static int
is_subsumed(const struct candidate *x, struct candidate *const *list,
	    size_t n)
{
	unsigned char *covered;
	long ncovered = 0;
	double x_specific = x->a_est / (double)(x->ft ? x->ft : 1);

	if (x->aligned == 0)
		return 1;
	covered = xcalloc((size_t)x->aligned, 1);
	for (size_t j = 0; j < n; j++) {
		const struct candidate *y = list[j];
		size_t i = 0, k = 0;

		if (y->ntokens <= x->ntokens || y->score <= 0 ||
		    y->aligned < WHOLE_SHARE * x->aligned ||
		    !key_contains(y->key, x->key))
			continue;
		if (y->aligned >= SUBSUME_SHARE * x->aligned) {
			ncovered = x->aligned;
			break;
		}
		if (y->score < SIGNIFICANT_G2 ||
		    y->a_est / (double)(y->ft ? y->ft : 1) <= x_specific)
			continue;
		while (i < (size_t)x->aligned && k < (size_t)y->aligned) {
			if (x->units[i] < y->units[k]) {
				i++;
			} else if (x->units[i] > y->units[k]) {
				k++;
			} else {
				ncovered += !covered[i];
				covered[i++] = 1;
				k++;
			}
		}
	}
	free(covered);
	return ncovered >= SUBSUME_SHARE * x->aligned;
}

/* Load the source and target texts of example unit `id`. */
static int
load_example(struct suggester *s, int64_t id, const struct suggest_options *o,
	     const char *src, const char *tgt, struct suggest_example *ex,
	     struct tmg_error *err)
{
	const char *lang = NULL, *text = NULL;
	int rc;

	ex->unit_id = id;
	ex->source = ex->target = NULL;
	read_variants(s, id);
	while ((rc = next_variant(s, &lang, &text, err)) == 1) {
		if (ex->source == NULL && lang_wanted(o->src, src, lang))
			ex->source = xstrdup(text);
		else if (ex->target == NULL && lang_wanted(o->tgt, tgt, lang))
			ex->target = xstrdup(text);
	}
	sqlite3_reset(s->variants);
	if (rc < 0)
		return -1;
	if (ex->source == NULL)
		ex->source = xstrdup("");
	if (ex->target == NULL)
		ex->target = xstrdup("");
	return 0;
}

/* A new suggestion, zeroed, at the end of `list`. */
static struct suggestion *
add_suggestion(struct suggestions *list)
{
	struct suggestion *g;

	ALLOC_GROW(list->items, list->count + 1, list->alloc);
	g = &list->items[list->count++];
	memset(g, 0, sizeof *g);
	return g;
}

/*
 * Mine the units of s->units, or an evenly spaced sample of SAMPLE_UNITS
 * of them, into `map`.  *sampled: units read; *verified: those whose
 * source does hold the term.
 */
static int
mine_sample(struct suggester *s, const struct suggest_options *o,
	    const char *src, const char *tgt, struct candidate_map *map,
	    size_t *sampled, long *verified, struct tmg_error *err)
{
	size_t step_num = s->units.count > SAMPLE_UNITS ? s->units.count : 0;

	*sampled = 0;
	*verified = 0;
	for (size_t k = 0; k < s->units.count && *sampled < SAMPLE_UNITS;
	     k++) {
		size_t i = step_num ? k * s->units.count / SAMPLE_UNITS : k;
		int ok;
		if (i >= s->units.count)
			break;
		(*sampled)++;
		if (mine_unit(s, s->units.ids[i], o, src, tgt, map, &ok,
			      err) < 0)
			return -1;
		*verified += ok;
	}
	return 0;
}

/*
 * The candidates worth counting, most frequent first, scored (steps 3 to
 * 5 at the top of this file): into *list (to free), the scored ones first
 * and sorted by score, their number in *nscored.  `scale` turns sampled
 * counts into counts of the whole, `fs` is f(s).
 */
static int
score_candidates(struct suggester *s, struct candidate_map *map,
		 const char *tgt, long verified, double scale, double fs,
		 long pair_units, struct candidate ***list, size_t *nscored,
		 struct tmg_error *err)
{
	struct candidate **l = xreallocarray(NULL, map->used + 1, sizeof *l);
	size_t nlist = 0, n;

	*list = l;
	for (size_t i = 0; i < map->used; i++) {
		struct candidate *c = &map->items[i];
		if (c->key && (c->aligned >= 2 ||
			       (c->aligned && verified < 3)))
			l[nlist++] = c;
	}
	qsort(l, nlist, sizeof *l, compare_by_a);
	n = nlist < MAX_SCORED ? nlist : MAX_SCORED;
	*nscored = n;
	for (size_t i = 0; i < n; i++) {
		struct candidate *c = l[i];
		if (count_target_units(s, tgt, c, err) < 0)
			return -1;
		c->a_est = c->aligned * scale;
		if (c->ft < c->a_est)
			c->ft = lround(c->a_est);
		c->score = log_likelihood(c->a_est, fs, (double)c->ft,
					  (double)(pair_units > c->ft ?
						   pair_units : c->ft));
		c->dice = 2.0 * c->a_est / (fs + (double)c->ft);
	}
	for (size_t i = 0; i < n; i++)
		l[i]->subsumed = is_subsumed(l[i], l, n);
	qsort(l, n, sizeof *l, compare_by_score);
	return 0;
}

/* The scored candidates of positive score into `out`, with examples. */
static int
add_suggestions(struct suggester *s, struct candidate *const *list,
		size_t nscored, const struct suggest_options *o,
		const char *src, const char *tgt, struct suggestions *out,
		struct tmg_error *err)
{
	size_t want = o->max_examples > 3 ? 3 : o->max_examples;

	for (size_t i = 0; i < nscored && out->count < o->max; i++) {
		const struct candidate *c = list[i];
		struct suggestion *g;

		if (c->score <= 0)
			break;
		g = add_suggestion(out);
		g->translation = suggest_glossary_form(c->forms, c->nforms);
		g->score = c->score;
		g->dice = c->dice;
		g->units = lround(c->a_est);
		for (size_t k = 0; k < c->nexamples && k < want; k++) {
			if (load_example(s, c->examples[k], o, src, tgt,
					 &g->examples[k], err) < 0)
				return -1;
			g->nexamples++;
		}
	}
	return 0;
}

/* The memory's candidate translations of `term` (steps 1 to 5 at the top
 * of this file) into `out`. */
static int
suggest_from_memory(struct suggester *s, const char *term,
		    const struct suggest_options *o, struct suggestions *out,
		    struct tmg_error *err)
{
	struct candidate_map map = { 0 };
	struct candidate **list = NULL;
	char src[16], tgt[16];
	size_t sampled, nscored;
	long verified, pair_units;
	double scale, fs;
	int ret = -1;

	suggestions_clear(out);
	if (choose_groups(s, term, o, src, tgt, err) < 0)
		return -1;
	snprintf(out->src, sizeof out->src, "%s", o->src ? o->src : src);
	snprintf(out->tgt, sizeof out->tgt, "%s", o->tgt ? o->tgt : tgt);
	if (!src[0] || !tgt[0])
		return 0;
	if (term_tokens_build(s->stemmers, term, o->src ? o->src : src,
			      &s->term, err) < 0)
		return -1;
	if (term_tokens_trim(&s->term) == 0)
		return 0;

	s->nkeys = 0;
	suggest_index_term_keys(src, &s->term, 0, s->term.count, &s->keys,
				&s->nkeys, &s->akeys);
	if (suggest_reader_units(s->index, s->keys, s->nkeys, &s->units,
				 err) < 0 ||
	    suggest_reader_pair_units(s->index, src, tgt, &pair_units, err) < 0)
		return -1;
	out->pair_units = pair_units;

	if (mine_sample(s, o, src, tgt, &map, &sampled, &verified, err) < 0)
		goto out;
	if (verified == 0) {
		ret = 0;
		goto out;
	}
	scale = (double)s->units.count / (double)sampled;
	fs = verified * scale;
	out->term_units = lround(fs);
	if (score_candidates(s, &map, tgt, verified, scale, fs, pair_units,
			     &list, &nscored, err) < 0 ||
	    add_suggestions(s, list, nscored, o, src, tgt, out, err) < 0)
		goto out;
	ret = 0;
out:
	free(list);
	map_clear(&map);
	return ret;
}

/* Does `a` read as `b` once case and accents are folded? */
static int
same_text(const char *a, const char *b)
{
	char *ka = text_key(a, TEXT_FOLD_ACCENTS, NULL);
	char *kb = text_key(b, TEXT_FOLD_ACCENTS, NULL);
	int same = ka && kb ? strcmp(ka, kb) == 0 : strcmp(a, b) == 0;

	free(ka);
	free(kb);
	return same;
}

/*
 * The glossary's translations of the whole of `term` (trimmed) from `src`
 * into `tgt`, preferred first, deprecated ones left out, into `out`.
 */
static int
glossary_translations(struct suggester *s, const char *term, const char *src,
		      const char *tgt, struct suggestions *out,
		      struct tmg_error *err)
{
	struct term_hits hits = { 0 };
	size_t start = 0, end = strlen(term);

	while (start < end && (term[start] == ' ' || term[start] == '\t'))
		start++;
	while (end > start && (term[end - 1] == ' ' || term[end - 1] == '\t'))
		end--;
	if (s->finder == NULL || strcmp(s->finder_src, src) != 0 ||
	    strcmp(s->finder_tgt, tgt) != 0) {
		term_finder_close(s->finder);
		s->finder = term_finder_open(s->memory, src, tgt, err);
		if (s->finder == NULL)
			return -1;
		snprintf(s->finder_src, sizeof s->finder_src, "%s", src);
		snprintf(s->finder_tgt, sizeof s->finder_tgt, "%s", tgt);
	}
	if (term_finder_find(s->finder, term, &hits, err) < 0)
		return -1;
	for (size_t i = 0; i < hits.count; i++) {
		const struct term_hit *h = &hits.items[i];

		if ((size_t)h->byte_start != start || (size_t)h->byte_end != end)
			continue;
		for (size_t k = 0; k < h->ntranslations; k++) {
			const struct term_translation *t = &h->translations[k];
			size_t j;

			if (t->status == TERM_DEPRECATED)
				continue;
			for (j = 0; j < out->count; j++)
				if (strcmp(out->items[j].translation,
					   t->text) == 0)
					break;
			if (j < out->count)
				continue;
			add_suggestion(out)->translation = xstrdup(t->text);
			out->items[out->count - 1].from_glossary = 1;
			out->items[out->count - 1].origin =
				h->origin ? xstrdup(h->origin) : NULL;
		}
	}
	term_hits_clear(&hits);
	return 0;
}

int
suggest_translations(struct suggester *s, const char *term,
		     const struct suggest_options *o, struct suggestions *out,
		     struct tmg_error *err)
{
	struct suggestions memory = { 0 }, merged = { 0 };
	struct suggest_options all = *o;
	const char *src, *tgt;
	int ret = -1;

	suggestions_clear(out);
	/* the memory's candidates, enough to fill the list after the
	 * glossary's and to find the glossary's among them */
	if (!o->memory_only)
		all.max = o->max + 16;
	if (suggest_from_memory(s, term, &all, &memory, err) < 0)
		goto out;
	src = o->src ? o->src : memory.src;
	tgt = o->tgt ? o->tgt : memory.tgt;
	if (!o->memory_only && src[0] && tgt[0] &&
	    glossary_translations(s, term, src, tgt, &merged, err) < 0)
		goto out;
	/* a glossary translation takes the memory's evidence for it */
	for (size_t i = 0; i < merged.count; i++) {
		struct suggestion *g = &merged.items[i];
		for (size_t j = 0; j < memory.count; j++) {
			struct suggestion *m = &memory.items[j];
			if (m->translation == NULL ||
			    !same_text(m->translation, g->translation))
				continue;
			g->units = m->units;
			g->dice = m->dice;
			memcpy(g->examples, m->examples, sizeof g->examples);
			g->nexamples = m->nexamples;
			m->nexamples = 0;
			free(m->translation);
			m->translation = NULL;
			break;
		}
	}
	for (size_t j = 0; j < memory.count && merged.count < o->max; j++) {
		struct suggestion *m = &memory.items[j];
		if (m->translation == NULL)
			continue;
		*add_suggestion(&merged) = *m;
		m->translation = NULL; /* moved */
		m->nexamples = 0;
	}
	while (merged.count > o->max)
		suggestion_free(&merged.items[--merged.count]);
	merged.term_units = memory.term_units;
	merged.pair_units = memory.pair_units;
	memcpy(merged.src, memory.src, sizeof merged.src);
	memcpy(merged.tgt, memory.tgt, sizeof merged.tgt);
	*out = merged;
	memset(&merged, 0, sizeof merged);
	ret = 0;
out:
	suggestions_clear(&memory);
	suggestions_clear(&merged);
	return ret;
}
