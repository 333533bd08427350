/*
 * terms.c -- glossary terms in a text: where they are and how they are
 * translated.
 *
 * The index is built when a term is stored (glossary.c, keys from
 * termkey.c): for every term the hash of its key tokens, the hash of its
 * first token and its number of tokens.  Opening a finder reads the rows of
 * the text's language into two hash tables -- no term is tokenised again:
 *   starts: first-token hash -> the most tokens of a term starting so;
 *   keys:   (n-gram hash, n) -> term ids.
 * Those rows come from term_index_packed, one blob per text language that
 * the first finder for that language files (reading 100,000 rows of
 * term_index one by one costs SQLite ten times more); any change to
 * term_index empties it (glossary.c, store.c).
 * Finding is then one pass over the text's tokens: at a token that starts
 * some term (a bit of a filter small enough to stay in the processor's
 * cache, then one probe of `starts`: most tokens stop at the bit), the
 * n-grams from the longest possible down to one token are hashed, each
 * from the one before, and probed in `keys` (the filter first too).  The
 * store is read (in one read transaction) only for terms not met before
 * in the run.  The cost is linear in the text, whatever the glossary's size.
 *
 * Chinese: terms are matched on characters, but a match must also begin
 * and end where ICU's dictionary puts a word boundary (TOKENS_WORDS), so
 * 数据集 is not found in 数据集中存储 (数据 | 集中 | 存储).  A Chinese text
 * is matched against the terms of every Chinese variant: its keys are
 * folded to Simplified, so 類腦智能 finds 类脑智能.
 *
 * Overlaps: every position's longest match is a candidate; candidates are
 * taken longest first (then leftmost) and any that overlaps a taken one is
 * dropped, so "intelligence artificielle générale" wins over "intelligence
 * artificielle", and 多模态大模型 over 大模型.  A span naming terms of
 * several concepts gives one hit per concept.
 *
 * Per run, a finder reads a term's facts once (one statement: the term, its
 * concept's subject field and the concept's terms in other languages, the
 * translations) and keeps them; hits point into that cache rather than
 * owning copies, so a text with 100,000 hits costs no string copy per hit.
 *
 * Keys are 64-bit hashes; two different token sequences sharing one is
 * possible in principle (about 1 in 10^9 for 100,000 terms and a long
 * book), and would show as a wrong hit, never a crash.
 */
#include <config.h>

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
#include "search/search.h"
#include "store/db.h"
#include "store/store.h"
#include "text/text.h"

struct start_slot {
	uint64_t hash;
	int max_tokens;  /* 0: empty slot */
};

struct key_slot {
	uint64_t hash;
	int ntokens;     /* 0: empty slot */
	int64_t term;
};

/* What the store says about a concept: read once per run, then cached;
 * hits point into it. */
struct concept_facts {
	int64_t concept;
	char *subject_field;      /* or NULL */
	char *origin;             /* or NULL */
	struct term_translation *translations;
	size_t ntranslations;
};

/* What the store says about a term: read once per run, then cached. */
struct term_info {
	int64_t term;             /* 0: empty slot */
	char lang[TMG_LANG_MAX];
	char *text;
	enum term_status status;
	int proposed;             /* a draft's term (processStatus) */
	const struct concept_facts *facts;  /* owned by the concept cache */
};

/* Does a language answer the finder's translation language?  lang_matches
 * asks ICU (tens of microseconds); a glossary has a handful of languages. */
struct lang_verdict {
	char lang[TMG_LANG_MAX];
	int wanted;
};

struct term_finder {
	struct tmg_memory *memory;
	sqlite3 *db;
	char src[TMG_LANG_MAX];
	char tgt[TMG_LANG_MAX];   /* "" for every other language */
	int chinese;              /* check word boundaries (see above) */
	struct text_tokens words;
	unsigned char *boundary;  /* per code point: a word starts or ends */
	size_t nboundary;
	struct term_keyer *keyer;
	struct start_slot *starts;
	size_t nstarts;           /* power of two */
	struct key_slot *keys;
	size_t nkeys;             /* power of two */
	uint64_t *filter;         /* a bit per start and per key (see
				     filter_bit()) */
	unsigned filter_shift;    /* 64 - log2 of its bits */
	sqlite3_stmt *term_info;  /* a term and its concept's terms */
	struct term_key_tokens tokens;
	struct term_info *infos;  /* cache by term id, open addressing */
	size_t ninfos, used_infos;
	struct concept_facts **concepts; /* cache by concept id, likewise */
	size_t nconcepts, used_concepts;
	struct lang_verdict *verdicts;
	size_t nverdicts;
	struct candidate *cands;  /* scratch of term_finder_find */
	size_t acands;
	unsigned char *taken;
	size_t ntaken;
	struct term_translation **merged; /* merge_span()'s lists, until the
					     next term_finder_find() */
	size_t nmerged, amerged;
	int reading;              /* term_finder_find() began a read
				     transaction (info_of()) */
};

static size_t
table_size(size_t n)
{
	size_t size = 64;

	while (size < 2 * n + 1)
		size *= 2;
	return size;
}

/*
 * The filter: a bit set, eight bits per row of the tables, so that it
 * stays in the processor's cache where the tables (16 and 24 bytes a
 * slot) do not.  A start sets the bit its mixed hash's top bits name, a
 * key the bit of its mixed hash and length; most tokens of a text start
 * no term, and are told so by one bit, without a probe of `starts`;
 * likewise for the n-grams `keys` lacks.  The tables' slots come from
 * the mixed hashes' low bits.
 */
static size_t
filter_bit(const struct term_finder *f, uint64_t mixed)
{
	return (size_t)(mixed >> f->filter_shift);
}

static void
filter_set(struct term_finder *f, uint64_t mixed)
{
	size_t b = filter_bit(f, mixed);

	f->filter[b / 64] |= (uint64_t)1 << (b % 64);
}

static int
filter_has(const struct term_finder *f, uint64_t mixed)
{
	size_t b = filter_bit(f, mixed);

	return (f->filter[b / 64] >> (b % 64)) & 1;
}

/* The mixed hash a key is filed under: of its hash and length. */
static uint64_t
key_mix(uint64_t hash, int ntokens)
{
	return hash_mix64(hash ^ (uint64_t)ntokens);
}

static void
add_start(struct term_finder *f, uint64_t hash, int ntokens)
{
	uint64_t mixed = hash_mix64(hash);
	size_t j = (size_t)mixed & (f->nstarts - 1);

	filter_set(f, mixed ^ 0x9e3779b97f4a7c15ULL);

	while (f->starts[j].max_tokens && f->starts[j].hash != hash)
		j = (j + 1) & (f->nstarts - 1);
	f->starts[j].hash = hash;
	if (ntokens > f->starts[j].max_tokens)
		f->starts[j].max_tokens = ntokens;
}

static int
max_tokens_from(const struct term_finder *f, uint64_t hash)
{
	uint64_t mixed = hash_mix64(hash);
	size_t j = (size_t)mixed & (f->nstarts - 1);

	if (!filter_has(f, mixed ^ 0x9e3779b97f4a7c15ULL))
		return 0;

	while (f->starts[j].max_tokens) {
		if (f->starts[j].hash == hash)
			return f->starts[j].max_tokens;
		j = (j + 1) & (f->nstarts - 1);
	}
	return 0;
}

static void
add_key(struct term_finder *f, uint64_t hash, int ntokens, int64_t term)
{
	uint64_t mixed = key_mix(hash, ntokens);
	size_t j = (size_t)mixed & (f->nkeys - 1);

	filter_set(f, mixed);

	while (f->keys[j].ntokens)
		j = (j + 1) & (f->nkeys - 1);
	f->keys[j].hash = hash;
	f->keys[j].ntokens = ntokens;
	f->keys[j].term = term;
}

/* Is there a term with this key?  Probes from the key's first slot. */
static int
has_key(const struct term_finder *f, uint64_t hash, int ntokens)
{
	uint64_t mixed = key_mix(hash, ntokens);
	size_t j = (size_t)mixed & (f->nkeys - 1);

	if (!filter_has(f, mixed))
		return 0;

	while (f->keys[j].ntokens) {
		if (f->keys[j].hash == hash && f->keys[j].ntokens == ntokens)
			return 1;
		j = (j + 1) & (f->nkeys - 1);
	}
	return 0;
}

/* One row of term_index kept for the finder. */
struct index_row {
	uint64_t first_hash, key_hash;
	int64_t term;
	int ntokens;
	int lang_rank;    /* of its language among the wanted ones */
	size_t position;  /* in the table */
};

/* The languages met in term_index, and whether their terms are found in
 * f->src texts (lang_matches asks ICU: once per language, not per row). */
struct index_langs {
	struct lang_verdict *items;
	size_t count;
};

/* The slot of `lang` in `langs`, added on first sight. */
static size_t
index_lang(struct term_finder *f, struct index_langs *langs,
	   const char *lang)
{
	struct lang_verdict *v;

	for (size_t i = 0; i < langs->count; i++)
		if (strcmp(langs->items[i].lang, lang) == 0)
			return i;
	langs->items = xreallocarray(langs->items, langs->count + 1,
				     sizeof *langs->items);
	v = &langs->items[langs->count];
	snprintf(v->lang, sizeof v->lang, "%s", lang);
	v->wanted = f->chinese ? lang_matches("zh", lang, 0)
			       : lang_matches(f->src, lang, 0);
	return langs->count++;
}

/* The order the rows enter the tables: by language (byte order), then as
 * stored.  Where terms share a key the first entered is met first, which
 * decides between equal terms of one concept (see emit). */
static int
by_language_then_position(const void *a, const void *b)
{
	const struct index_row *x = a, *y = b;

	if (x->lang_rank != y->lang_rank)
		return x->lang_rank - y->lang_rank;
	return x->position < y->position ? -1 : x->position > y->position;
}

/* A row of the index as the tables want it, and as term_index_packed
 * keeps it (native byte order; the header tells). */
struct packed_row {
	uint64_t first_hash, key_hash;
	int64_t term, ntokens;
};

struct packed_header {
	char magic[8];            /* PACKED_MAGIC */
	uint32_t byte_order;      /* PACKED_BYTE_ORDER as written */
	uint32_t row_size;        /* sizeof (struct packed_row) */
	uint64_t count;           /* rows after the header */
};

#define PACKED_MAGIC "tmgTIdx1"
#define PACKED_BYTE_ORDER 0x01020304u

/* What this finder's rows are filed under: the languages it reads. */
static const char *
packed_name(const struct term_finder *f)
{
	return f->chinese ? "zh" : f->src;
}

/*
 * The index rows of the languages answering f->src, from one scan of
 * term_index (no GROUP BY to sort, no scan per language), in the order
 * they enter the tables: by language (byte order), then as stored.  Into
 * a new array *out (to free).
 */
static int
scan_index(struct term_finder *f, struct packed_row **out, size_t *nout,
	   struct tmg_error *err)
{
	struct index_langs langs = { 0 };
	size_t count = 0, alloc = 0, nwanted = 0;
	struct index_row *rows = NULL;
	sqlite3_stmt *st = NULL;
	int rc, ret = -1;

	if (sqlite3_prepare_v2(f->db, "SELECT lang, first_hash, key_hash,"
			       " ntokens, term_id FROM term_index", -1, &st,
			       NULL) != SQLITE_OK)
		goto db_fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *lang = (const char *)sqlite3_column_text(st, 0);
		int n = sqlite3_column_int(st, 3);
		size_t slot;

		if (n <= 0 || lang == NULL)
			continue;
		slot = index_lang(f, &langs, lang);
		if (!langs.items[slot].wanted)
			continue;
		ALLOC_GROW(rows, count + 1, alloc);
		rows[count].first_hash = (uint64_t)sqlite3_column_int64(st, 1);
		rows[count].key_hash = (uint64_t)sqlite3_column_int64(st, 2);
		rows[count].ntokens = n;
		rows[count].term = sqlite3_column_int64(st, 4);
		rows[count].lang_rank = (int)slot;
		rows[count].position = count;
		count++;
	}
	if (rc != SQLITE_DONE)
		goto db_fail;
	for (size_t i = 0; i < langs.count; i++)
		nwanted += langs.items[i].wanted;
	if (nwanted > 1) {
		/* slot -> rank of the language in byte order */
		int *rank_of = xcalloc(langs.count, sizeof *rank_of);
		for (size_t i = 0; i < langs.count; i++)
			for (size_t k = 0; k < langs.count; k++)
				if (strcmp(langs.items[k].lang,
					   langs.items[i].lang) < 0)
					rank_of[i]++;
		for (size_t i = 0; i < count; i++)
			rows[i].lang_rank = rank_of[rows[i].lang_rank];
		free(rank_of);
		qsort(rows, count, sizeof *rows, by_language_then_position);
	}
	*out = xcalloc(count + 1, sizeof **out);
	for (size_t i = 0; i < count; i++) {
		(*out)[i].first_hash = rows[i].first_hash;
		(*out)[i].key_hash = rows[i].key_hash;
		(*out)[i].term = rows[i].term;
		(*out)[i].ntokens = rows[i].ntokens;
	}
	*nout = count;
	ret = 0;
	goto out;
db_fail:
	store_db_error(f->db, err);
out:
	sqlite3_finalize(st);
	free(rows);
	free(langs.items);
	return ret;
}

/*
 * The rows filed for this finder in term_index_packed into a new array
 * *out (to free): 1; 0 when there are none (or written by a build that
 * packs them otherwise); -1 with err on a database error.
 */
static int
read_packed(struct term_finder *f, struct packed_row **out, size_t *nout,
	    struct tmg_error *err)
{
	sqlite3_stmt *st = NULL;
	struct packed_header h;
	const unsigned char *blob;
	size_t size;
	int rc, ret = 0;

	if (sqlite3_prepare_v2(f->db, "SELECT rows FROM term_index_packed"
			       " WHERE langs = ?1", -1, &st, NULL) != SQLITE_OK)
		return store_db_error(f->db, err);
	sqlite3_bind_text(st, 1, packed_name(f), -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		blob = sqlite3_column_blob(st, 0);
		size = (size_t)sqlite3_column_bytes(st, 0);
		if (blob == NULL || size < sizeof h)
			goto out;
		memcpy(&h, blob, sizeof h);
		if (memcmp(h.magic, PACKED_MAGIC, sizeof h.magic) != 0 ||
		    h.byte_order != PACKED_BYTE_ORDER ||
		    h.row_size != sizeof **out ||
		    h.count != (size - sizeof h) / sizeof **out ||
		    (size - sizeof h) % sizeof **out != 0)
			goto out;
		*nout = (size_t)h.count;
		*out = xcalloc(*nout + 1, sizeof **out);
		memcpy(*out, blob + sizeof h, *nout * sizeof **out);
		ret = 1;
	} else if (rc != SQLITE_DONE) {
		ret = store_db_error(f->db, err);
	}
out:
	sqlite3_finalize(st);
	return ret;
}

/*
 * File the rows for the next finder of these languages.  Best effort: a
 * memory that cannot be written now (read-only, another process writing)
 * is left as it is, at once -- no wait for the lock.
 */
static void
write_packed(struct term_finder *f, const struct packed_row *rows,
	     size_t count)
{
	struct packed_header h = { .byte_order = PACKED_BYTE_ORDER,
				   .row_size = sizeof *rows,
				   .count = count };
	size_t size = sizeof h + count * sizeof *rows;
	sqlite3_stmt *st = NULL;
	unsigned char *blob;

	if (size > INT32_MAX)
		return;
	memcpy(h.magic, PACKED_MAGIC, sizeof h.magic);
	blob = xmalloc(size);
	memcpy(blob, &h, sizeof h);
	if (count)
		memcpy(blob + sizeof h, rows, count * sizeof *rows);
	sqlite3_busy_timeout(f->db, 0);
	if (sqlite3_prepare_v2(f->db, "INSERT OR REPLACE INTO"
			       " term_index_packed (langs, rows)"
			       " VALUES (?1, ?2)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, packed_name(f), -1, SQLITE_STATIC);
		sqlite3_bind_blob(st, 2, blob, (int)size, SQLITE_STATIC);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	sqlite3_busy_timeout(f->db, MEMORY_BUSY_TIMEOUT_MS);
	free(blob);
}

/*
 * The index rows of the languages answering f->src into the tables, sized
 * for them exactly.  The rows come packed from term_index_packed, one blob
 * (filed by the first finder of these languages; any change to term_index
 * empties that table, by triggers): reading 100,000 rows from term_index
 * costs SQLite ten times more.
 */
static int
load_index(struct term_finder *f, struct tmg_error *err)
{
	struct packed_row *rows = NULL;
	size_t count = 0;
	int found = read_packed(f, &rows, &count, err);

	if (found < 0)
		return -1;
	if (found == 0) {
		if (scan_index(f, &rows, &count, err) < 0)
			return -1;
		write_packed(f, rows, count);
	}
	f->nstarts = table_size(count);
	f->nkeys = table_size(count);
	f->starts = xcalloc(f->nstarts, sizeof *f->starts);
	f->keys = xcalloc(f->nkeys, sizeof *f->keys);
	/* 8 bits per slot of a table, for its starts and keys together:
	   about one in ten of the bits set */
	f->filter_shift = 64;
	while (((size_t)1 << (64 - f->filter_shift)) < 8 * f->nkeys)
		f->filter_shift--;
	f->filter = xcalloc(((size_t)1 << (64 - f->filter_shift)) / 64,
			    sizeof *f->filter);
	for (size_t i = 0; i < count; i++) {
		add_start(f, rows[i].first_hash, (int)rows[i].ntokens);
		add_key(f, rows[i].key_hash, (int)rows[i].ntokens,
			rows[i].term);
	}
	free(rows);
	return 0;
}

struct term_finder *
term_finder_open(struct tmg_memory *memory, const char *src, const char *tgt,
		 struct tmg_error *err)
{
	struct term_finder *f = xcalloc(1, sizeof *f);

	f->memory = memory;
	f->db = memory_db(memory);
	snprintf(f->src, sizeof f->src, "%s", src);
	snprintf(f->tgt, sizeof f->tgt, "%s", tgt ? tgt : "");
	f->chinese = lang_matches("zh", src, 0);
	if (glossary_refresh_index(memory, err) < 0 ||
	    (f->keyer = term_keyer_new(src, err)) == NULL ||
	    load_index(f, err) < 0)
		goto fail;
	if (sqlite3_prepare_v2(f->db,
			       "SELECT o.id, o.lang, o.text, o.status,"
			       " o.position, c.id, c.subject_field, c.origin,"
			       " EXISTS (SELECT 1 FROM concept_fields p"
			       " WHERE p.term_id = o.id"
			       " AND p.type = 'processStatus'"
			       " AND p.value = 'provisionallyProcessed')"
			       " FROM terms t JOIN concepts c"
			       " ON c.id = t.concept_id JOIN terms o"
			       " ON o.concept_id = c.id WHERE t.id = ?1", -1,
			       &f->term_info, NULL) != SQLITE_OK) {
		store_db_error(f->db, err);
		goto fail;
	}
	return f;
fail:
	term_finder_close(f);
	return NULL;
}

void
term_finder_close(struct term_finder *f)
{
	if (f == NULL)
		return;
	sqlite3_finalize(f->term_info);
	term_keyer_free(f->keyer);
	text_tokens_clear(&f->words);
	free(f->boundary);
	free(f->tokens.items);
	free(f->starts);
	free(f->keys);
	free(f->filter);
	for (size_t i = 0; i < f->ninfos; i++)
		free(f->infos[i].text);
	free(f->infos);
	for (size_t i = 0; i < f->nconcepts; i++) {
		struct concept_facts *c = f->concepts[i];
		if (c == NULL)
			continue;
		free(c->subject_field);
		free(c->origin);
		for (size_t k = 0; k < c->ntranslations; k++)
			free(c->translations[k].text);
		free(c->translations);
		free(c);
	}
	free(f->concepts);
	free(f->verdicts);
	free(f->cands);
	free(f->taken);
	for (size_t i = 0; i < f->nmerged; i++)
		free(f->merged[i]);
	free(f->merged);
	free(f);
}

void
term_hits_clear(struct term_hits *hits)
{
	free(hits->items);
	free(hits->strings);
	memset(hits, 0, sizeof *hits);
}

/* A span of tokens [first, first + n) holding at least one term. */
struct candidate {
	size_t first;
	int n;
	uint64_t hash;
};

static int
by_length_then_start(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	if (x->n != y->n)
		return y->n - x->n;
	return x->first < y->first ? -1 : x->first > y->first;
}

static int
by_start(const void *a, const void *b)
{
	const struct term_hit *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->concept < y->concept ? -1 : x->concept > y->concept;
}

/* Room for `more` hits past hits->count. */
static void
reserve_hits(struct term_hits *hits, size_t more)
{
	ALLOC_GROW(hits->items, hits->count + more, hits->alloc);
}

static struct term_hit *
new_hit(struct term_hits *hits)
{
	struct term_hit *h;

	if (hits->count == hits->alloc)
		reserve_hits(hits, 1);
	h = &hits->items[hits->count++];
	memset(h, 0, sizeof *h);
	return h;
}

/* Is `lang` among the languages whose terms are translations? */
static int
wanted_translation(struct term_finder *f, const char *lang)
{
	struct lang_verdict *v;

	for (size_t i = 0; i < f->nverdicts; i++)
		if (strcmp(f->verdicts[i].lang, lang) == 0)
			return f->verdicts[i].wanted;
	f->verdicts = xreallocarray(f->verdicts, f->nverdicts + 1,
				    sizeof *f->verdicts);
	v = &f->verdicts[f->nverdicts++];
	snprintf(v->lang, sizeof v->lang, "%s", lang);
	v->wanted = f->tgt[0] ? lang_matches(f->tgt, lang, 0)
		  : f->chinese ? !lang_matches("zh", lang, 0)
			       : !lang_matches(f->src, lang, 0);
	return v->wanted;
}

/* The order of a concept's translations: preferred, no status, admitted,
 * deprecated (or unknown), then as the glossary lists them. */
struct ranked_translation {
	struct term_translation tr;
	int rank;
	int64_t position, id;
};

static int
translation_rank(int status)
{
	switch (status) {
	case TERM_PREFERRED: return 0;
	case TERM_STATUS_NONE: return 1;
	case TERM_ADMITTED: return 2;
	default: return 3;
	}
}

static int
by_rank_then_position(const void *a, const void *b)
{
	const struct ranked_translation *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank - y->rank;
	if (x->position != y->position)
		return x->position < y->position ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static void
concepts_grow(struct term_finder *f)
{
	struct concept_facts **old = f->concepts;
	size_t nold = f->nconcepts;

	f->nconcepts = nold ? 2 * nold : 1024;
	f->concepts = xcalloc(f->nconcepts, sizeof *f->concepts);
	for (size_t i = 0; i < nold; i++) {
		size_t j;
		if (old[i] == NULL)
			continue;
		j = (size_t)hash_mix64((uint64_t)old[i]->concept) &
		    (f->nconcepts - 1);
		while (f->concepts[j])
			j = (j + 1) & (f->nconcepts - 1);
		f->concepts[j] = old[i];
	}
	free(old);
}

/* The slot of `concept` in the concept cache: its facts, or NULL where
 * they would go. */
static struct concept_facts **
concept_slot(struct term_finder *f, int64_t concept)
{
	size_t j;

	if (f->used_concepts * 2 >= f->nconcepts)
		concepts_grow(f);
	j = (size_t)hash_mix64((uint64_t)concept) & (f->nconcepts - 1);
	while (f->concepts[j] && f->concepts[j]->concept != concept)
		j = (j + 1) & (f->nconcepts - 1);
	return &f->concepts[j];
}

static void
infos_grow(struct term_finder *f)
{
	struct term_info *old = f->infos;
	size_t nold = f->ninfos;

	f->ninfos = nold ? 2 * nold : 1024;
	f->infos = xcalloc(f->ninfos, sizeof *f->infos);
	for (size_t i = 0; i < nold; i++) {
		size_t j;
		if (old[i].term == 0)
			continue;
		j = (size_t)hash_mix64((uint64_t)old[i].term) &
		    (f->ninfos - 1);
		while (f->infos[j].term)
			j = (j + 1) & (f->ninfos - 1);
		f->infos[j] = old[i];
	}
	free(old);
}

/*
 * Read `term` and, unless cached, its concept: one statement gives the
 * concept's subject field and every term of the concept, the term itself
 * among them.  Fills t (but t->term) and returns 1; 0 when the term is
 * gone; -1 with err on a database error.
 */
static int
load_term(struct term_finder *f, int64_t term, struct term_info *t,
	  struct tmg_error *err)
{
	sqlite3_stmt *st = f->term_info;
	struct concept_facts **slot = NULL, *c = NULL;
	struct ranked_translation *ranked = NULL;
	size_t nranked = 0, aranked = 0;
	int rc, found = 0;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, term);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *lang = (const char *)sqlite3_column_text(st, 1);
		const char *text = (const char *)sqlite3_column_text(st, 2);
		int status = sqlite3_column_int(st, 3);
		struct ranked_translation *r;

		if (slot == NULL) {
			int64_t concept = sqlite3_column_int64(st, 5);
			const unsigned char *field = sqlite3_column_text(st, 6);

			slot = concept_slot(f, concept);
			if (*slot == NULL) {
				c = xcalloc(1, sizeof *c);
				c->concept = concept;
				const unsigned char *origin =
					sqlite3_column_text(st, 7);

				c->subject_field = field
					? xstrdup((const char *)field) : NULL;
				c->origin = origin
					? xstrdup((const char *)origin) : NULL;
			}
		}
		if (sqlite3_column_int64(st, 0) == term) {
			snprintf(t->lang, sizeof t->lang, "%s", lang);
			t->text = xstrdup(text);
			t->status = (enum term_status)status;
			t->proposed = sqlite3_column_int(st, 8);
			found = 1;
		}
		if (c == NULL || !wanted_translation(f, lang))
			continue;
		ALLOC_GROW(ranked, nranked + 1, aranked);
		r = &ranked[nranked++];
		snprintf(r->tr.lang, sizeof r->tr.lang, "%s", lang);
		r->tr.text = xstrdup(text);
		r->tr.status = (enum term_status)status;
		r->rank = translation_rank(status);
		r->position = sqlite3_column_int64(st, 4);
		r->id = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_db_error(f->db, err);
		for (size_t i = 0; i < nranked; i++)
			free(ranked[i].tr.text);
		free(ranked);
		if (c) {
			free(c->subject_field);
			free(c->origin);
		}
		free(c);
		free(t->text);
		return -1;
	}
	if (c) {
		if (nranked > 1)
			qsort(ranked, nranked, sizeof *ranked,
			      by_rank_then_position);
		c->translations = xcalloc(nranked + 1,
					  sizeof *c->translations);
		for (size_t i = 0; i < nranked; i++)
			c->translations[i] = ranked[i].tr;
		c->ntranslations = nranked;
		*slot = c;
		f->used_concepts++;
	}
	free(ranked);
	if (found)
		t->facts = *slot;
	return found;
}

/* The store's facts about `term`, cached; NULL with err on a database
 * error, or with err->message empty when the term is gone. */
static const struct term_info *
info_of(struct term_finder *f, int64_t term, struct tmg_error *err)
{
	struct term_info *t;
	size_t j;

	if (f->used_infos * 2 >= f->ninfos)
		infos_grow(f);
	j = (size_t)hash_mix64((uint64_t)term) & (f->ninfos - 1);
	while (f->infos[j].term) {
		if (f->infos[j].term == term)
			return &f->infos[j];
		j = (j + 1) & (f->ninfos - 1);
	}
	t = &f->infos[j];
	/* one read transaction per text, begun by its first term read from
	 * the store: SQLite takes its file lock once; a text whose terms
	 * are all cached costs none */
	if (!f->reading) {
		if (store_exec(f->db, "BEGIN", err) < 0)
			return NULL;
		f->reading = 1;
	}
	if (load_term(f, term, t, err) <= 0) {
		memset(t, 0, sizeof *t);
		return NULL;
	}
	t->term = term;
	f->used_infos++;
	return t;
}

/*
 * The hits hits[from ..] of one span (one per concept: the same term in
 * two concepts, say one under zh and one under zh-CN) made into one: the
 * term of the best status, and the translations of all, each once (the
 * first concept's first); proposed only when every concept's term is (a
 * draft's entry confirmed by another glossary is no longer a proposal).
 * The list is the finder's (f->merged); its strings stay the concepts'.
 */
static void
merge_span(struct term_finder *f, struct term_hits *hits, size_t from)
{
	struct term_hit *h = &hits->items[from];
	struct term_translation *list;
	size_t total = 0, n = 0;
	int proposed = 1;

	for (size_t i = from; i < hits->count; i++)
		total += hits->items[i].ntranslations;
	list = xreallocarray(NULL, total + 1, sizeof *list);
	for (size_t i = from; i < hits->count; i++) {
		const struct term_hit *o = &hits->items[i];

		for (size_t k = 0; k < o->ntranslations; k++) {
			const struct term_translation *t = &o->translations[k];
			size_t j;

			/* one text under zh and zh-CN is one translation */
			for (j = 0; j < n; j++)
				if (strcmp(list[j].text, t->text) == 0 &&
				    (lang_matches(list[j].lang, t->lang, 0) ||
				     lang_matches(t->lang, list[j].lang, 0)))
					break;
			if (j == n)
				list[n++] = *t;
		}
		proposed = proposed && o->proposed;
		if (i > from && term_status_rank(o->status) <
				term_status_rank(h->status)) {
			memcpy(h->lang, o->lang, sizeof h->lang);
			h->term = o->term;
			h->status = o->status;
			h->concept = o->concept;
			h->subject_field = o->subject_field;
			h->origin = o->origin;
		}
	}
	ALLOC_GROW(f->merged, f->nmerged + 1, f->amerged);
	f->merged[f->nmerged++] = list;
	h->translations = list;
	h->ntranslations = n;
	h->proposed = proposed;
	hits->count = from + 1;
}

/* Hits for the candidate span c: one per concept among its terms, then
 * one for the span (merge_span()). */
static int
emit(struct term_finder *f, const char *text, const struct candidate *c,
     struct term_hits *hits, struct tmg_error *err)
{
	const struct term_key_token *first = &f->tokens.items[c->first];
	const struct term_key_token *last =
		&f->tokens.items[c->first + (size_t)c->n - 1];
	size_t from = hits->count;
	size_t j = (size_t)hash_mix64(c->hash ^ (uint64_t)c->n) &
		   (f->nkeys - 1);

	for (; f->keys[j].ntokens; j = (j + 1) & (f->nkeys - 1)) {
		const struct key_slot *k = &f->keys[j];
		const struct term_info *t;
		struct term_hit *h = NULL;

		if (k->hash != c->hash || k->ntokens != c->n)
			continue;
		err->message[0] = '\0';
		if ((t = info_of(f, k->term, err)) == NULL) {
			if (err->message[0])
				return -1;
			continue; /* removed since the finder opened */
		}
		for (size_t i = from; i < hits->count; i++)
			if (hits->items[i].concept == t->facts->concept)
				h = &hits->items[i];
		if (h && term_status_rank(h->status) <= term_status_rank(t->status))
			continue; /* a better term of this concept is there */
		if (h == NULL) {
			h = new_hit(hits);
			h->concept = t->facts->concept;
			h->start = first->start;
			h->end = last->end;
			h->byte_start = first->byte_start;
			h->byte_end = last->byte_end;
		}
		memcpy(h->lang, t->lang, sizeof h->lang);
		h->term = t->text;
		h->status = t->status;
		h->proposed = t->proposed;
		h->subject_field = t->facts->subject_field;
		h->origin = t->facts->origin;
		h->translations = t->facts->translations;
		h->ntranslations = t->facts->ntranslations;
	}
	if (hits->count - from > 1)
		merge_span(f, hits, from);
	return 0;
}

/* Copy every hit's matched text into the hits' string block (one block,
 * so a text with many hits costs no allocation per hit). */
static void
set_matched(struct term_hits *hits, const char *text)
{
	size_t need = 0, at = 0;

	for (size_t i = 0; i < hits->count; i++)
		need += (size_t)(hits->items[i].byte_end -
				 hits->items[i].byte_start) + 1;
	if (need > hits->strings_alloc) {
		free(hits->strings);
		hits->strings_alloc = need;
		hits->strings = xmalloc(need);
	}
	for (size_t i = 0; i < hits->count; i++) {
		struct term_hit *h = &hits->items[i];
		size_t n = (size_t)(h->byte_end - h->byte_start);

		memcpy(hits->strings + at, text + h->byte_start, n);
		hits->strings[at + n] = '\0';
		h->matched = hits->strings + at;
		at += n + 1;
	}
}

/* For a Chinese text: mark the code points where ICU's dictionary words
 * begin and end. */
static int
mark_word_boundaries(struct term_finder *f, const char *text,
		     struct tmg_error *err)
{
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if ((*p & 0xc0) != 0x80)
			n++;
	if (text_tokenize(text, f->src, TOKENS_WORDS, 0, &f->words, err) < 0)
		return -1;
	if (n + 1 > f->nboundary) {
		free(f->boundary);
		f->nboundary = n + 1;
		f->boundary = xmalloc(f->nboundary);
	}
	memset(f->boundary, 0, n + 1);
	for (size_t i = 0; i < f->words.count; i++) {
		f->boundary[f->words.items[i].start] = 1;
		f->boundary[f->words.items[i].end] = 1;
	}
	return 0;
}

/* May a match begin at code point `at` (or end there)? */
static int
at_boundary(const struct term_finder *f, int32_t at)
{
	return !f->chinese || f->boundary[at];
}

/* n-gram hashes kept while probing from one token (longer terms are
 * hashed whole). */
#define PREFIXES 32

int
term_finder_find(struct term_finder *f, const char *text,
		 struct term_hits *hits, struct tmg_error *err)
{
	struct candidate *cands = f->cands;
	size_t ncands = 0, acands = f->acands, nkept = 0;
	uint64_t prefix[PREFIXES];
	unsigned char *taken;
	int ret = -1;

	hits->count = 0;
	for (size_t i = 0; i < f->nmerged; i++)
		free(f->merged[i]);
	f->nmerged = 0;
	if (term_keyer_tokens(f->keyer, text, &f->tokens, err) < 0)
		return -1;
	if (f->chinese && mark_word_boundaries(f, text, err) < 0)
		return -1;
	for (size_t i = 0; i < f->tokens.count; i++) {
		int longest = max_tokens_from(f, f->tokens.items[i].hash);

		if (longest == 0 || !at_boundary(f, f->tokens.items[i].start))
			continue;
		if ((size_t)longest > f->tokens.count - i)
			longest = (int)(f->tokens.count - i);
		/* the n-grams' hashes from here, each from the one before */
		prefix[0] = TERM_KEY_NGRAM_EMPTY;
		for (int n = 1; n <= longest && n < PREFIXES; n++)
			prefix[n] = term_key_ngram_extend(
				prefix[n - 1], f->tokens.items[i + (size_t)n - 1].hash);
		for (int n = longest; n >= 1; n--) {
			uint64_t h;

			if (!at_boundary(f, f->tokens.items[i + (size_t)n - 1].end))
				continue;
			h = n < PREFIXES ? prefix[n]
			  : term_key_ngram_hash(&f->tokens, i, (size_t)n);
			if (!has_key(f, h, n))
				continue;
			ALLOC_GROW(cands, ncands + 1, acands);
			cands[ncands].first = i;
			cands[ncands].n = n;
			cands[ncands].hash = h;
			ncands++;
			break;
		}
	}
	if (ncands > 0)
		qsort(cands, ncands, sizeof *cands, by_length_then_start);
	f->cands = cands;
	f->acands = acands;
	if (f->tokens.count + 1 > f->ntaken) {
		free(f->taken);
		f->ntaken = f->tokens.count + 1;
		f->taken = xmalloc(f->ntaken);
	}
	taken = f->taken;
	memset(taken, 0, f->tokens.count + 1);
	/* the spans kept move to the front, in the order they were taken */
	for (size_t c = 0; c < ncands; c++) {
		int free_span = 1;

		for (int k = 0; k < cands[c].n; k++)
			if (taken[cands[c].first + (size_t)k])
				free_span = 0;
		if (!free_span)
			continue;
		for (int k = 0; k < cands[c].n; k++)
			taken[cands[c].first + (size_t)k] = 1;
		cands[nkept++] = cands[c];
	}
	/* room for one hit per span and a term per span, at once */
	reserve_hits(hits, nkept);
	while ((f->used_infos + nkept) * 2 >= f->ninfos)
		infos_grow(f);
	for (size_t c = 0; c < nkept; c++)
		if (emit(f, text, &cands[c], hits, err) < 0)
			goto out;
	if (hits->count > 0)
		qsort(hits->items, hits->count, sizeof *hits->items,
		      by_start);
	set_matched(hits, text);
	ret = 0;
out:
	if (f->reading &&
	    store_exec(f->db, ret == 0 ? "COMMIT" : "ROLLBACK",
		       ret == 0 ? err : NULL) < 0)
		ret = -1;
	f->reading = 0;
	if (ret < 0)
		hits->count = 0;
	return ret;
}
