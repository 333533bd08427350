/*
 * concord.c -- concordance: the units whose source (or target) contains a
 * word or a phrase, with the aligned translation.
 *
 * A phrase matches where its words (tokens.c, TOKENS_MATCH: French
 * words, single Han characters, numbers) appear in a row in the segment,
 * compared by key with case, accents and Traditional/Simplified folded;
 * punctuation between them is ignored.  Chinese is thus found as a
 * substring (any run of characters), French by whole words, and a French
 * word also in its other forms: two words match when their keys are equal
 * or when they have one stem (termkey.c, the keys glossary terms are
 * recognised by: "laboratoire" finds "laboratoires").  With --substring
 * (opt->substring), an alphabetic word of the phrase matches instead the
 * words whose key contains its key ("labo" finds "Laboratoires"); other
 * words are compared as before.
 *
 * Candidates come from the token index (fuzzy-index.c): for each word of
 * the phrase, the union of the posting lists of its key and of its stem
 * (with --substring, of the vocabulary's words that contain it), over
 * every segment length >= the phrase's; these are intersected starting
 * with the rarest, and every candidate is then checked on its text.  The
 * lists hold every segment with a matching word, so no unit containing
 * the phrase is missed.  Hits come in storage order; a hit's match is the
 * segment's text as found.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "index/fuzzy-index.h"
#include "index/index.h"
#include "search/search.h"
#include "store/db.h"
#include "store/store.h"
#include "text/text.h"

void
concord_hits_clear(struct concord_hits *hits)
{
	for (size_t i = 0; i < hits->count; i++) {
		free(hits->items[i].text);
		free(hits->items[i].text_lang);
		free(hits->items[i].other);
		free(hits->items[i].other_lang);
		free(hits->items[i].origin);
		free(hits->items[i].tuid);
	}
	free(hits->items);
	memset(hits, 0, sizeof *hits);
}

struct phrase_word {
	uint64_t key; /* index key of the word */
	struct posting_runs runs; /* of every hash the word is found by */
	long df;
};

/* A segment as the check sees it: its matching form, the key (with
 * --substring) and the stem (French) of each word. */
struct checked_segment {
	struct fuzzy_segment seg;
	struct strbuf key_buf;
	const char **keys;
	uint64_t *stems;
	size_t alloc;
};

static int
compare_df(const void *a, const void *b)
{
	const struct phrase_word *x = a, *y = b;
	return (x->df > y->df) - (x->df < y->df);
}

static int
compare_ids(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* All ids of a word's runs, sorted, into *out (to free, even on
 * failure); count in *n. */
static int
word_ids(sqlite3_stmt *ids_st, const struct phrase_word *w, int64_t **out,
	 size_t *n, struct tmg_error *err)
{
	int64_t *buf = NULL;
	size_t alloc = 0, got, total = 0;

	*out = xreallocarray(NULL, (size_t)w->df + 1, sizeof **out);
	for (size_t r = 0; r < w->runs.count; r++) {
		if (fuzzy_index_run_ids(ids_st, &w->runs, r, &buf, &alloc,
					&got, err) < 0) {
			free(buf);
			return -1;
		}
		if (total + got > (size_t)w->df)
			got = (size_t)w->df - total;
		memcpy(*out + total, buf, got * sizeof *buf);
		total += got;
	}
	free(buf);
	qsort(*out, total, sizeof **out, compare_ids);
	/* the lists of a word's hashes may share ids */
	if (total > 1) {
		size_t k = 1;

		for (size_t i = 1; i < total; i++)
			if ((*out)[i] != (*out)[k - 1])
				(*out)[k++] = (*out)[i];
		total = k;
	}
	*n = total;
	return 0;
}

/* Keep in a[] the ids also in b[] (both sorted); returns the new count. */
static size_t
intersect(int64_t *a, size_t na, const int64_t *b, size_t nb)
{
	size_t i = 0, j = 0, n = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else {
			a[n++] = a[i];
			i++;
			j++;
		}
	}
	return n;
}

static void
checked_segment_clear(struct checked_segment *cs)
{
	fuzzy_segment_clear(&cs->seg);
	strbuf_release(&cs->key_buf);
	free(cs->keys);
	free(cs->stems);
	memset(cs, 0, sizeof *cs);
}

/*
 * The matching form of `text` (`markup` may be NULL) into cs, with its
 * words' keys when `with_keys`, their stems when `keyer` is not NULL.
 * Returns 0, or -1 with `err` set.
 */
static int
checked_segment_build(struct checked_segment *cs, const char *text,
		      const char *markup, const char *lang, int with_keys,
		      struct term_keyer *keyer, struct tmg_error *err)
{
	fuzzy_segment_clear(&cs->seg);
	if (fuzzy_segment_build_keys(&cs->seg, text, markup, lang,
				     SEGMENT_INDEX_FLAGS,
				     with_keys ? &cs->key_buf : NULL,
				     err) < 0)
		return -1;
	if (cs->seg.nwords + 1 > cs->alloc) {
		cs->alloc = cs->seg.nwords + 1;
		cs->keys = xreallocarray(cs->keys, cs->alloc,
					 sizeof *cs->keys);
		cs->stems = xreallocarray(cs->stems, cs->alloc,
					  sizeof *cs->stems);
	}
	memset(cs->stems, 0, cs->alloc * sizeof *cs->stems);
	if (with_keys)
		for (size_t i = 0, at = 0; i < cs->seg.nwords; i++) {
			cs->keys[i] = cs->key_buf.buf + at;
			at += strlen(cs->keys[i]) + 1;
		}
	if (keyer && fuzzy_segment_stems(&cs->seg, keyer, cs->stems, err) < 0)
		return -1;
	return 0;
}

/* Does word i of `seg` match word k of the phrase? */
static int
word_matches(const struct checked_segment *phrase, size_t k,
	     const struct checked_segment *seg, size_t i, int substring)
{
	const struct seg_token *p = &phrase->seg.words[k];

	if (substring && p->kind == TOKEN_WORD)
		return strstr(seg->keys[i], phrase->keys[k]) != NULL;
	return seg->seg.words[i].exact == p->exact ||
	       (phrase->stems[k] && seg->stems[i] == phrase->stems[k]);
}

/*
 * Where the phrase's words appear in a row in `seg`: byte range in
 * seg->seg.text.  Returns 1 when found.
 */
static int
find_phrase(const struct checked_segment *phrase,
	    const struct checked_segment *seg, int substring, size_t *start,
	    size_t *end)
{
	size_t n = phrase->seg.nwords;

	for (size_t i = 0; i + n <= seg->seg.nwords; i++) {
		size_t k;
		for (k = 0; k < n; k++)
			if (!word_matches(phrase, k, seg, i + k, substring))
				break;
		if (k == n) {
			*start = (size_t)seg->seg.words[i].byte_start;
			*end = (size_t)seg->seg.words[i + n - 1].byte_end;
			return 1;
		}
	}
	return 0;
}

struct concord {
	sqlite3 *db;
	struct tmg_memory *memory;
	const struct concord_options *opt;
	const char *lang, *other_lang;
	struct concord_hits *hits;
	struct tmg_error *err;
	struct term_keyer *keyer;       /* French stems, or NULL */
	struct checked_segment cand;    /* the candidate being checked */
	sqlite3_stmt *runs_st, *ids_st, *words_st; /* the index */
	sqlite3_stmt *tokens_st, *unit_st, *origin_st;
	/* the variants of the units the index has not taken in (a memory
	 * that cannot be written), checked one by one after the index's */
	sqlite3_stmt *pending_st;
};

/* Check variant `id` (of a unit the index has not taken in when
 * `pending`) and keep it as a hit.  Returns 1 when the list is full, 0 to
 * go on, -1 on error. */
static int
check_candidate(struct concord *c, const struct checked_segment *phrase,
		int64_t id, int pending)
{
	struct concord_hit hit = { 0 };
	struct fuzzy_segment *seg = &c->cand.seg;
	int64_t unit_id;
	const char *lang;
	size_t start, end;
	int rc, found;
	/* a variant the index holds (a posting may be stale), or one of a
	 * unit it has not taken in */
	sqlite3_stmt *st = pending ? c->pending_st : c->tokens_st;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0; /* stale posting */
	if (rc != SQLITE_ROW)
		return memory_db_error(c->memory, c->err);
	lang = (const char *)sqlite3_column_text(st, 1);
	if (!fuzzy_index_lang_answers(c->lang, lang)) {
		sqlite3_reset(st);
		return 0;
	}
	unit_id = sqlite3_column_int64(st, 0);
	hit.text_lang = xstrdup(lang);
	if (checked_segment_build(&c->cand,
			(const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3),
			hit.text_lang, c->opt->substring, c->keyer,
			c->err) < 0) {
		free(hit.text_lang);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	found = find_phrase(phrase, &c->cand, c->opt->substring, &start,
			    &end);
	if (!found) {
		free(hit.text_lang);
		return 0;
	}
	/* the aligned translation */
	sqlite3_reset(c->unit_st);
	sqlite3_bind_int64(c->unit_st, 1, unit_id);
	while ((rc = sqlite3_step(c->unit_st)) == SQLITE_ROW) {
		const char *other = (const char *)
			sqlite3_column_text(c->unit_st, 1);
		if (sqlite3_column_int64(c->unit_st, 0) == id ||
		    !lang_matches(c->other_lang, other, 0))
			continue;
		hit.other = xstrdup((const char *)
				    sqlite3_column_text(c->unit_st, 2));
		hit.other_lang = xstrdup(other);
		break;
	}
	sqlite3_reset(c->unit_st);
	if (hit.other == NULL) {
		free(hit.text_lang);
		return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
			: memory_db_error(c->memory, c->err);
	}
	if (c->hits->count >= c->opt->max_hits) {
		c->hits->more = 1;
		free(hit.text_lang);
		free(hit.other);
		free(hit.other_lang);
		return 1;
	}
	hit.unit_id = unit_id;
	hit.text = xstrdup(seg->text);
	hit.match_start = start;
	hit.match_end = end;
	sqlite3_reset(c->origin_st);
	sqlite3_bind_int64(c->origin_st, 1, unit_id);
	if (sqlite3_step(c->origin_st) == SQLITE_ROW) {
		const char *origin = (const char *)
			sqlite3_column_text(c->origin_st, 0);
		const char *tuid = (const char *)
			sqlite3_column_text(c->origin_st, 1);
		hit.origin = origin ? xstrdup(origin) : NULL;
		hit.tuid = tuid ? xstrdup(tuid) : NULL;
	}
	sqlite3_reset(c->origin_st);
	ALLOC_GROW(c->hits->items, c->hits->count + 1, c->hits->alloc);
	c->hits->items[c->hits->count++] = hit;
	return 0;
}

/* The statements of a search, prepared. */
static int
prepare_statements(struct concord *c)
{
	if (sqlite3_prepare_v2(c->db, FUZZY_INDEX_RUNS_SQL, -1, &c->runs_st,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, FUZZY_INDEX_RUN_IDS_SQL, -1, &c->ids_st,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, FUZZY_INDEX_WORDS_SQL, -1, &c->words_st,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "SELECT v.unit_id, v.lang, v.text,"
			       " v.markup FROM fuzzy_tokens t, variants v"
			       " WHERE t.variant_id = ?1 AND v.id = ?1", -1,
			       &c->tokens_st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "SELECT id, lang, text FROM variants"
			       " WHERE unit_id = ?1 ORDER BY id", -1,
			       &c->unit_st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "SELECT o.name, u.tuid FROM units u"
			       " LEFT JOIN origins o ON o.id = u.origin_id"
			       " WHERE u.id = ?1", -1,
			       &c->origin_st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "SELECT unit_id, lang, text, markup"
			       " FROM variants WHERE id = ?1", -1, &c->pending_st,
			       NULL) != SQLITE_OK)
		return memory_db_error(c->memory, c->err);
	return 0;
}

static void
finalize_statements(struct concord *c)
{
	sqlite3_finalize(c->runs_st);
	sqlite3_finalize(c->ids_st);
	sqlite3_finalize(c->words_st);
	sqlite3_finalize(c->tokens_st);
	sqlite3_finalize(c->unit_st);
	sqlite3_finalize(c->origin_st);
	sqlite3_finalize(c->pending_st);
}

/*
 * The variants of the units the index has not taken in, from `from` on
 * (a memory that cannot be written), checked one by one after the
 * index's candidates: their ids are above those, so the hits come in the
 * same order as from an index up to date.
 */
static int
check_pending(struct concord *c, const struct checked_segment *phrase,
	      int64_t from)
{
	sqlite3_stmt *st;
	int rc, ret = 0;

	if (sqlite3_prepare_v2(c->db, "SELECT id FROM variants"
			       " WHERE unit_id >= ?1 ORDER BY id", -1, &st,
			       NULL) != SQLITE_OK)
		return memory_db_error(c->memory, c->err);
	sqlite3_bind_int64(st, 1, from);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((ret = check_candidate(c, phrase,
					   sqlite3_column_int64(st, 0), 1)) != 0)
			break;
	if (ret == 0 && rc != SQLITE_DONE)
		ret = memory_db_error(c->memory, c->err);
	sqlite3_finalize(st);
	return ret;
}

/* The first variant of the units from `from` on (INT64_MAX when there is
 * none), or -1. */
static int64_t
first_variant_from(struct concord *c, int64_t from)
{
	sqlite3_stmt *st;
	int64_t first = INT64_MAX;

	if (from == INT64_MAX)
		return first;
	if (sqlite3_prepare_v2(c->db, "SELECT min(id) FROM variants"
			       " WHERE unit_id >= ?1", -1, &st, NULL) != SQLITE_OK)
		return memory_db_error(c->memory, c->err);
	sqlite3_bind_int64(st, 1, from);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		first = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return first;
}

/* The runs of the vocabulary's words that contain `part` (--substring),
 * appended to w->runs. */
static int
substring_runs(struct concord *c, const char *group, const char *part,
	       unsigned length, struct phrase_word *w)
{
	int rc;

	sqlite3_reset(c->words_st);
	store_bind_text(c->words_st, 1, group);
	store_bind_text(c->words_st, 2, part);
	while ((rc = sqlite3_step(c->words_st)) == SQLITE_ROW) {
		uint64_t key = fuzzy_index_word_hash((const char *)
			sqlite3_column_text(c->words_st, 0));

		if (fuzzy_index_runs(c->runs_st,
				     fuzzy_index_token_hash(group, key, 1),
				     length, FUZZY_INDEX_MAX_LENGTH, 0,
				     &w->runs, c->err) < 0) {
			sqlite3_reset(c->words_st);
			return -1;
		}
	}
	sqlite3_reset(c->words_st);
	return rc == SQLITE_DONE ? 0 : memory_db_error(c->memory, c->err);
}

/*
 * The phrase's distinct words with their runs (segments at least as long
 * as the phrase) into words[0..*nwords), rarest first.  Each distinct
 * word once: its first copy is in every segment that has it.  `words`
 * has room for every word of the phrase.
 */
static int
read_words(struct concord *c, const struct checked_segment *phrase,
	   struct phrase_word *words, size_t *nwords)
{
	char group[16];
	size_t n = 0;
	unsigned length = (unsigned)phrase->seg.nwords;

	lang_group(c->lang, group);
	for (size_t i = 0; i < phrase->seg.nwords; i++) {
		const struct seg_token *t = &phrase->seg.words[i];
		uint64_t key = t->key;
		size_t k;
		int rc;

		for (k = 0; k < n; k++)
			if (words[k].key == key)
				break;
		if (k < n)
			continue;
		words[n].key = key;
		*nwords = n + 1; /* its runs to free */
		if (c->opt->substring && t->kind == TOKEN_WORD)
			rc = substring_runs(c, group, phrase->keys[i], length,
					    &words[n]);
		else
			rc = fuzzy_index_runs(c->runs_st,
					fuzzy_index_token_hash(group, key, 1),
					length, FUZZY_INDEX_MAX_LENGTH, 0,
					&words[n].runs, c->err);
		if (rc == 0 && !c->opt->substring && phrase->stems[i])
			rc = fuzzy_index_runs(c->runs_st,
					fuzzy_index_stem_hash(group,
							      phrase->stems[i]),
					length, FUZZY_INDEX_MAX_LENGTH, 0,
					&words[n].runs, c->err);
		if (rc < 0)
			return -1;
		for (size_t r = 0; r < words[n].runs.count; r++)
			words[n].df += words[n].runs.items[r].n;
		n++;
	}
	*nwords = n;
	qsort(words, n, sizeof *words, compare_df);
	return 0;
}

/*
 * The candidate variants: the ids of the rarest word intersected with
 * those of the next ones while that is cheaper than checking the text.
 * Into *cand (to free, even on failure), their number in *ncand.
 */
static int
find_candidates(struct concord *c, const struct phrase_word *words,
		size_t nwords, int64_t **cand, size_t *ncand)
{
	int64_t *other = NULL;
	size_t nother;

	if (word_ids(c->ids_st, &words[0], cand, ncand, c->err) < 0)
		return -1;
	for (size_t k = 1; k < nwords && *ncand > 0; k++) {
		if ((size_t)words[k].df > 32 * *ncand)
			break; /* checking the text is cheaper */
		if (word_ids(c->ids_st, &words[k], &other, &nother,
			     c->err) < 0) {
			free(other);
			return -1;
		}
		*ncand = intersect(*cand, *ncand, other, nother);
		free(other);
		other = NULL;
	}
	return 0;
}

int
concord_search(struct tmg_memory *memory, const char *text,
	       const struct concord_options *opt, struct concord_hits *hits,
	       struct tmg_error *err)
{
	struct concord c = { 0 };
	struct store_pending pending;
	struct checked_segment phrase = { 0 };
	struct phrase_word *words = NULL;
	int64_t *cand = NULL, from, first_pending;
	size_t ncand = 0, nwords = 0;
	int ret = -1, rc = 0;

	memset(hits, 0, sizeof *hits);
	c.db = memory_db(memory);
	c.memory = memory;
	c.opt = opt;
	c.hits = hits;
	c.err = err;
	c.lang = opt->in_target ? opt->tgt : opt->src;
	c.other_lang = opt->in_target ? opt->src : opt->tgt;
	/* a read-only memory is searched as it is (check_pending) */
	if (!memory_read_only(memory) &&
	    memory_update_indexes(memory, INDEX_FUZZY | INDEX_STEMS, NULL,
				  NULL, err) < 0)
		return -1;
	if (!opt->substring)
		c.keyer = fuzzy_index_stems_keyer(c.lang);
	if (checked_segment_build(&phrase, text, NULL, c.lang, opt->substring,
				  c.keyer, err) < 0)
		goto out;
	if (phrase.seg.nwords == 0) {
		tmg_error_set(err, "", 0, 0, _("'%s' has no word to look for"),
			      text);
		goto out;
	}
	if (prepare_statements(&c) < 0 || store_exec(c.db, "BEGIN", err) < 0)
		goto out;
	words = xcalloc(phrase.seg.nwords, sizeof *words);
	if (store_pending_read(c.db, &pending, err) < 0 ||
	    read_words(&c, &phrase, words, &nwords) < 0 ||
	    find_candidates(&c, words, nwords, &cand, &ncand) < 0)
		goto rollback;
	/* what the index has not taken in (a memory that cannot be
	 * written): the units it has no tokens of, and, when the phrase has
	 * stems, those it has no stems of, are checked one by one, and only
	 * so (the index may have their tokens) */
	from = pending.fuzzy ? pending.fuzzy_from : INT64_MAX;
	if (pending.stems && c.keyer && pending.stems_from < from)
		from = pending.stems_from;
	if ((first_pending = first_variant_from(&c, from)) < 0)
		goto rollback;
	for (size_t k = 0; k < ncand && cand[k] < first_pending; k++)
		if ((rc = check_candidate(&c, &phrase, cand[k], 0)) != 0)
			break;
	if (rc == 0 && from != INT64_MAX)
		rc = check_pending(&c, &phrase, from);
	if (rc < 0)
		goto rollback;
	ret = 0;
rollback:
	sqlite3_exec(c.db, "COMMIT", NULL, NULL, NULL);
out:
	for (size_t i = 0; words && i < nwords; i++)
		fuzzy_index_runs_clear(&words[i].runs);
	free(words);
	free(cand);
	finalize_statements(&c);
	checked_segment_clear(&phrase);
	checked_segment_clear(&c.cand);
	term_keyer_free(c.keyer);
	if (ret < 0)
		concord_hits_clear(hits);
	return ret;
}
