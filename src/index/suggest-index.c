/*
 * suggest-index.c -- the translation index of the memory: which units hold
 * a given word, Han character, or pair of adjacent ones, in each language.
 * Term suggestion (suggest.c) and extraction (extract.c) find the units of
 * a term, and count the units of a candidate translation, with it.
 *
 * Tables (store.c; created by schema version 3, pending marks since 7):
 *
 *   suggest_postings(key, seg, ids) WITHOUT ROWID, PRIMARY KEY(key, seg)
 *       key: 63-bit hash of (language group, token key) for a unigram, or
 *       of (language group, key, key) for two adjacent tokens; the token
 *       keys are the term tokens' keys (text/term-tokens.c; French: inflection
 *       keys, see french_inflection_key()).
 *       ids: ascending unit ids, delta-coded as LEB128 varints; seg is the
 *       run's first id.  A key's list is the union of its runs (one per
 *       index update and at most POSTING_RUN_MAX bytes each:
 *       posting-builder.c).
 *       A run of SUGGEST_PACK_RUN_MAX bytes or fewer (99 % of them on the
 *       real memory, most of one or two ids) is not a row of its own but
 *       a section of a packed row (schema 13): the runs of one update
 *       whose keys share their top SUGGEST_PACK_BITS bits share a row
 *       (when there are two or more: an update of a few hundred units
 *       and less writes rows of their own, write_pack()),
 *       key = the last key of that range (all its low bits set), seg =
 *       minus the smallest first id of its sections (seg < 0 tells it
 *       from a row of its own).  Its ids are the sections in ascending
 *       key order, each
 *           varint  key - the previous section's key (the first: key -
 *                   the first key of the range)
 *           varint  the run's length in bytes
 *           the run's ids, as above
 *       A row of its own cost about 22 bytes besides its ids, a section
 *       costs 8 (the key's delta takes 7 of them: the keys are hashes):
 *       the real memory's 278,737 rows became 2,296 and 16,384 packed
 *       ones, its table 10.8 MB -> 8.0 MB, and its index pass took 1.02
 *       s instead of 1.17 (BENCHMARKS.md).  A key's runs are its rows of
 *       its own and its section in each packed row of its range; seg is
 *       unique, as a run's first id is: an update takes in only units no
 *       earlier update had, and a reused id is only reused once every
 *       unit from it up is gone.
 *   suggest_pairs(group1, group2, units), group1 < group2
 *       how many units have variants in both language groups: the N of the
 *       association statistics, without a table scan.

 * Invariants:
 *   - every unit is either in the postings or pending for the index
 *     (index_pending, index-update.c);
 *   - postings are written in the updating transaction: a rolled back
 *     update leaves none behind (suggest_index_discard());
 *   - an id in a posting list whose unit no longer exists only adds a
 *     candidate: readers load the unit's texts and skip what is missing.
 *
 * A memory that cannot be written (a read-only file, --read-only) keeps
 * its pending units: the reader then builds their entries itself when it
 * opens (read_pending()) and adds them to every list it reads and to the
 * pair counts, so that suggest and extract answer exactly as they would
 * once the index is brought up to date.
 *
 * Bigram postings make the unit count of a multi-token candidate (the
 * intersection of its bigrams' lists) close to exact: a unit counted holds
 * every adjacent pair of the candidate, if not always in one run.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/hash.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/varint.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "index/index.h"
#include "index/posting-builder.h"
#include "index/posting-reader.h"
#include "index/suggest-index.h"
#include "store/db.h"
#include "store/store.h"
#include "text/text.h"

/* ------------------------------------------------------------ keys */

/* FNV-1a continued over `s` and a 0x1f separator (base/hash.h). */
static uint64_t
hash_str(uint64_t h, const char *s)
{
	return hash_fnv1a(hash_fnv1a_str(h, s), "\x1f", 1);
}

/* The hash state every key of `group` with `n` tokens ("1", "2") starts
 * from. */
static uint64_t
key_prefix(const char *group, const char *n)
{
	return hash_str(hash_str(HASH_FNV_OFFSET, group), n);
}

static int64_t
unigram_key_from(uint64_t prefix, const char *key)
{
	return (int64_t)(hash_mix64(hash_str(prefix, key)) >> 1);
}

static int64_t
bigram_key_from(uint64_t prefix, const char *key1, const char *key2)
{
	return (int64_t)(hash_mix64(hash_str(hash_str(prefix, key1), key2)) >>
			 1);
}

int64_t
suggest_index_unigram_key(const char *group, const char *key)
{
	return unigram_key_from(key_prefix(group, "1"), key);
}

int64_t
suggest_index_bigram_key(const char *group, const char *key1,
			 const char *key2)
{
	return bigram_key_from(key_prefix(group, "2"), key1, key2);
}

size_t
suggest_index_term_keys(const char *group, const struct term_tokens *tokens,
			size_t first, size_t n, int64_t **keys,
			size_t *nkeys, size_t *alloc)
{
	for (size_t i = first; i < first + n; i++) {
		const struct term_token *t = &tokens->items[i];
		int64_t key;
		int paired_left = i > first && tokens->items[i - 1].joined;
		int paired_right = i + 1 < first + n && t->joined;

		if (!t->is_content)
			continue;
		if (paired_right)
			key = suggest_index_bigram_key(
				group, t->key, tokens->items[i + 1].key);
		else if (!paired_left)
			key = suggest_index_unigram_key(group, t->key);
		else
			continue;
		ALLOC_GROW(*keys, *nkeys + 1, *alloc);
		(*keys)[(*nkeys)++] = key;
	}
	return *nkeys;
}

/* ------------------------------------------------------------ building */

/* Runs packed as sections of a row; the keys of a row share their top
 * SUGGEST_PACK_BITS bits. */
#define SUGGEST_PACK_RUN_MAX 256u
#define SUGGEST_PACK_BITS 14
#define PACK_MASK ((INT64_C(1) << (63 - SUGGEST_PACK_BITS)) - 1)

/* The row key of the packed rows that hold `key`'s sections (key >= 0):
 * the last key of its range, so that the rows of an update, written in
 * key order, are appended to the table's B-tree (as the first, they were
 * not, and filled its pages by half). */
static int64_t
pack_row_key(int64_t key)
{
	return key | PACK_MASK;
}

struct suggest_index {
	sqlite3 *db;
	struct posting_builder *postings; /* not yet written */
	struct suggest_pair *pairs;
	size_t npairs, apairs;
	struct store_rows *runs; /* during suggest_index_flush() */
	/* the packed row being filled: its key, seg and last section's key,
	 * its sections, and the first one's key, first id and ids */
	unsigned char *pack;
	size_t pack_len, pack_alloc;
	int64_t pack_row, pack_seg, pack_last;
	size_t pack_sections;
	int64_t one_key, one_first;
	size_t one_offset, one_len;
};

struct suggest_index *
suggest_index_open(sqlite3 *db)
{
	struct suggest_index *x = xcalloc(1, sizeof *x);

	x->db = db;
	x->postings = posting_builder_new(POSTING_BUILDER_MEMORY);
	return x;
}

static void
drop_postings(struct suggest_index *x)
{
	posting_builder_discard(x->postings);
	x->npairs = 0;
}

void
suggest_index_discard(struct suggest_index *x)
{
	if (x)
		drop_postings(x);
}

void
suggest_index_close(struct suggest_index *x)
{
	if (x == NULL)
		return;
	posting_builder_free(x->postings);
	free(x->pairs);
	free(x->pack);
	free(x);
}

/* The count of the pair (g1, g2), in either order, in pairs[0 .. *n),
 * added if missing (with 0 units). */
static struct suggest_pair *
pair_slot(struct suggest_pair **pairs, size_t *n, size_t *alloc,
	  const char *g1, const char *g2)
{
	if (strcmp(g1, g2) > 0) {
		const char *t = g1;
		g1 = g2;
		g2 = t;
	}
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*pairs)[i].group1, g1) == 0 &&
		    strcmp((*pairs)[i].group2, g2) == 0)
			return &(*pairs)[i];
	ALLOC_GROW(*pairs, *n + 1, *alloc);
	snprintf((*pairs)[*n].group1, 16, "%.15s", g1);
	snprintf((*pairs)[*n].group2, 16, "%.15s", g2);
	(*pairs)[*n].units = 0;
	return &(*pairs)[(*n)++];
}

/* The unit of `e` counted in the pairs of its language groups. */
static void
count_entry_pairs(struct suggest_pair **pairs, size_t *n, size_t *alloc,
		  const struct suggest_entry *e)
{
	for (size_t a = 0; a < e->ngroups; a++)
		for (size_t b = a + 1; b < e->ngroups; b++)
			pair_slot(pairs, n, alloc, e->groups[a],
				  e->groups[b])->units++;
}

static int
compare_int64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

struct suggest_keyer {
	struct term_stemmers *stemmers;
	struct term_tokens tokens;
};

struct suggest_keyer *
suggest_keyer_new(void)
{
	struct suggest_keyer *k = xcalloc(1, sizeof *k);

	k->stemmers = term_tokens_stemmers_new();
	return k;
}

void
suggest_keyer_free(struct suggest_keyer *k)
{
	if (k == NULL)
		return;
	term_tokens_stemmers_free(k->stemmers);
	term_tokens_clear(&k->tokens);
	free(k);
}

void
suggest_entry_clear(struct suggest_entry *e)
{
	free(e->keys);
	memset(e, 0, sizeof *e);
}

int
suggest_entry_build(struct suggest_keyer *k, const struct tmg_unit *unit,
		    struct suggest_entry *e, struct tmg_error *err)
{
	e->nkeys = 0;
	e->ngroups = 0;
	for (size_t v = 0; v < unit->nvariants && v < 64; v++) {
		const char *lang = unit->variants[v].lang;
		char group[16];
		uint64_t one, two;
		size_t g;

		lang_group(lang, group);
		one = key_prefix(group, "1");
		two = key_prefix(group, "2");
		if (term_tokens_build(k->stemmers, unit->variants[v].text, lang,
				      &k->tokens, err) < 0)
			return -1;
		ALLOC_GROW(e->keys, e->nkeys + 2 * k->tokens.count, e->akeys);
		for (size_t i = 0; i < k->tokens.count; i++) {
			const struct term_token *t = &k->tokens.items[i];
			if (!t->is_content)
				continue;
			e->keys[e->nkeys++] = unigram_key_from(one, t->key);
			if (t->joined && i + 1 < k->tokens.count)
				e->keys[e->nkeys++] = bigram_key_from(
					two, t->key,
					k->tokens.items[i + 1].key);
		}
		for (g = 0; g < e->ngroups; g++)
			if (strcmp(e->groups[g], group) == 0)
				break;
		if (g == e->ngroups && e->ngroups < 16)
			memcpy(e->groups[e->ngroups++], group, 16);
	}
	/* a key met twice in the unit is added once: the builder ignores an
	 * id that is not above the key's last (no sort needed) */
	for (size_t i = 0; i < e->nkeys; i++)
		if (e->keys[i] == 0)
			e->keys[i] = 1; /* the builder's free slot */
	return 0;
}

int
suggest_index_add_entry(struct suggest_index *x, int64_t unit_id,
			const struct suggest_entry *e, struct tmg_error *err)
{
	if (posting_builder_add_keys(x->postings, e->keys, e->nkeys, unit_id,
				     err) < 0)
		return -1;
	count_entry_pairs(&x->pairs, &x->npairs, &x->apairs, e);
	return 0;
}

/* The packed row filled so far into suggest_postings, if any; a row of
 * one section is written as a row of its own: the update was small, or
 * the range's keys rare in it, and a reader of another key of the range
 * would read it for nothing (a memory grown by small imports, a unit or a
 * file at a time, keeps a key's rows to the updates that hold the key). */
static int
write_pack(struct suggest_index *x, struct tmg_error *err)
{
	if (x->pack_len == 0)
		return 0;
	if (x->pack_sections == 1) {
		store_rows_int64(x->runs, x->one_key);
		store_rows_int64(x->runs, x->one_first);
		store_rows_blob(x->runs, x->pack + x->one_offset, x->one_len);
	} else {
		store_rows_int64(x->runs, x->pack_row);
		store_rows_int64(x->runs, -x->pack_seg);
		store_rows_blob(x->runs, x->pack, x->pack_len);
	}
	x->pack_len = 0;
	x->pack_sections = 0;
	return store_rows_end(x->runs, err);
}

/* One run of a list into suggest_postings (posting_run_fn): a row of its
 * own, or a section of its packed row.  Runs come in ascending key order,
 * so a packed row is complete when a key of another row comes. */
static int
write_run(void *arg, int64_t key, int64_t first, long n, const void *ids,
	  size_t len, struct tmg_error *err)
{
	struct suggest_index *x = arg;

	(void)n;
	if (len <= SUGGEST_PACK_RUN_MAX) {
		int64_t row = pack_row_key(key);

		if (x->pack_len && row != x->pack_row &&
		    write_pack(x, err) < 0)
			return -1;
		if (x->pack_len == 0) {
			x->pack_row = row;
			x->pack_seg = first;
			x->pack_last = row & ~PACK_MASK;
		}
		ALLOC_GROW(x->pack, x->pack_len + 2 * VARINT_MAX + len,
			   x->pack_alloc);
		x->pack_len += varint_put(x->pack + x->pack_len,
					  (uint64_t)(key - x->pack_last));
		x->pack_len += varint_put(x->pack + x->pack_len, len);
		if (x->pack_sections++ == 0) {
			x->one_key = key;
			x->one_first = first;
			x->one_offset = x->pack_len;
			x->one_len = len;
		}
		memcpy(x->pack + x->pack_len, ids, len);
		x->pack_len += len;
		x->pack_last = key;
		if (first < x->pack_seg)
			x->pack_seg = first;
		return 0;
	}
	store_rows_int64(x->runs, key);
	store_rows_int64(x->runs, first);
	store_rows_blob(x->runs, ids, len);
	return store_rows_end(x->runs, err);
}

int
suggest_index_flush(struct suggest_index *x, struct tmg_error *err)
{
	sqlite3_stmt *pair = NULL;
	int ret = -1;

	x->runs = store_rows_new(x->db, "INSERT OR REPLACE INTO"
				 " suggest_postings (key, seg, ids)", 3);
	if (store_prepare(x->db, "INSERT INTO suggest_pairs (group1, group2,"
			  " units) VALUES (?1, ?2, ?3)"
			  " ON CONFLICT (group1, group2)"
			  " DO UPDATE SET units = units + excluded.units",
			  &pair, err) < 0)
		goto out;
	x->pack_len = 0;
	x->pack_sections = 0;
	if (posting_builder_finish(x->postings, write_run, x, err) < 0 ||
	    write_pack(x, err) < 0 || store_rows_flush(x->runs, err) < 0)
		goto out;
	for (size_t i = 0; i < x->npairs; i++) {
		sqlite3_reset(pair);
		store_bind_text(pair, 1, x->pairs[i].group1);
		store_bind_text(pair, 2, x->pairs[i].group2);
		sqlite3_bind_int64(pair, 3, x->pairs[i].units);
		if (sqlite3_step(pair) != SQLITE_DONE) {
			store_db_error(x->db, err);
			goto out;
		}
	}
	ret = 0;
out:
	drop_postings(x);
	store_rows_free(x->runs);
	x->runs = NULL;
	sqlite3_finalize(pair);
	return ret;
}

/* ------------------------------------------------------------- reading */

void
suggest_id_list_clear(struct suggest_id_list *l)
{
	free(l->ids);
	memset(l, 0, sizeof *l);
}

static void
suggest_id_list_add(struct suggest_id_list *l, int64_t id)
{
	ALLOC_GROW(l->ids, l->count + 1, l->alloc);
	l->ids[l->count++] = id;
}

struct cached_list {
	int64_t key;
	struct suggest_id_list list;
};

/* A posting of a pending unit: the unit holds the key. */
struct pending_posting {
	int64_t key, id;
};

struct suggest_reader {
	sqlite3 *db;
	sqlite3_stmt *runs;
	sqlite3_stmt *pairs;
	struct cached_list *cache; /* open addressing on key, 0 = empty */
	size_t size, used;
	/* the units the index has not taken in (read_pending()) */
	struct pending_posting *pending; /* by key, then id */
	size_t npending, apending;
	struct suggest_pair *pending_pairs;
	size_t npending_pairs, apending_pairs;
};

static int
compare_pending(const void *a, const void *b)
{
	const struct pending_posting *x = a, *y = b;

	if (x->key != y->key)
		return (x->key > y->key) - (x->key < y->key);
	return (x->id > y->id) - (x->id < y->id);
}

/* The entry of `unit` (id `id`) among the reader's pending postings. */
static int
add_pending_unit(struct suggest_reader *r, struct suggest_keyer *keyer,
		 int64_t id, const struct tmg_unit *unit,
		 struct suggest_entry *e, struct tmg_error *err)
{
	if (suggest_entry_build(keyer, unit, e, err) < 0)
		return -1;
	ALLOC_GROW(r->pending, r->npending + e->nkeys, r->apending);
	for (size_t i = 0; i < e->nkeys; i++) {
		r->pending[r->npending].key = e->keys[i];
		r->pending[r->npending++].id = id;
	}
	count_entry_pairs(&r->pending_pairs, &r->npending_pairs,
			  &r->apending_pairs, e);
	return 0;
}

/*
 * The units the index has not taken in, when there are any (a memory that
 * cannot be written): their entries are built as the update would build
 * them (suggest_entry_build()), and kept as postings sorted by key.
 */
static int
read_pending(struct suggest_reader *r, struct tmg_error *err)
{
	static const char sql[] =
		"SELECT unit_id, lang, text FROM variants"
		" WHERE unit_id >= ?1 ORDER BY unit_id, id";
	struct store_pending p;
	struct suggest_keyer *keyer = NULL;
	struct suggest_entry e = { 0 };
	struct tmg_unit unit;
	sqlite3_stmt *st = NULL;
	int64_t id = -1;
	int rc, ret = -1;

	if (store_pending_read(r->db, &p, err) < 0)
		return -1;
	if (!p.suggest)
		return 0;
	if (store_prepare(r->db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, p.suggest_from);
	keyer = suggest_keyer_new();
	unit_init(&unit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *lang = (const char *)sqlite3_column_text(st, 1);
		const char *text = (const char *)sqlite3_column_text(st, 2);
		struct tmg_variant *v;

		if (sqlite3_column_int64(st, 0) != id) {
			if (id >= 0 &&
			    add_pending_unit(r, keyer, id, &unit, &e, err) < 0)
				goto out;
			unit_clear(&unit);
			unit_init(&unit);
			id = sqlite3_column_int64(st, 0);
		}
		v = unit_add_variant(&unit);
		snprintf(v->lang, sizeof v->lang, "%s", lang ? lang : "");
		v->text = xstrdup(text ? text : "");
	}
	if (rc != SQLITE_DONE) {
		store_db_error(r->db, err);
		goto out;
	}
	if (id >= 0 && add_pending_unit(r, keyer, id, &unit, &e, err) < 0)
		goto out;
	if (r->npending > 1) {
		size_t k = 1;

		qsort(r->pending, r->npending, sizeof *r->pending,
		      compare_pending);
		/* a key met twice in a unit: once */
		for (size_t i = 1; i < r->npending; i++)
			if (compare_pending(&r->pending[i],
					    &r->pending[k - 1]) != 0)
				r->pending[k++] = r->pending[i];
		r->npending = k;
	}
	ret = 0;
out:
	unit_clear(&unit);
	suggest_entry_clear(&e);
	suggest_keyer_free(keyer);
	sqlite3_finalize(st);
	return ret;
}

/* The pending postings of `key`: pending[*first .. *first + n), n
 * returned. */
static size_t
pending_of(const struct suggest_reader *r, int64_t key, size_t *first)
{
	size_t lo = 0, hi = r->npending, end;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->pending[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < r->npending && r->pending[end].key == key; end++)
		;
	*first = lo;
	return end - lo;
}

struct suggest_reader *
suggest_reader_open(struct tmg_memory *memory, struct tmg_error *err)
{
	struct suggest_reader *r;
	sqlite3 *db = memory_db(memory);

	r = xcalloc(1, sizeof *r);
	r->db = db;
	if (store_prepare(db, "SELECT key, seg, ids FROM suggest_postings"
			  " WHERE key IN (?1, ?2) ORDER BY abs(seg)",
			  &r->runs, err) < 0 ||
	    store_prepare(db, "SELECT units FROM suggest_pairs"
			  " WHERE group1 = ?1 AND group2 = ?2",
			  &r->pairs, err) < 0 ||
	    read_pending(r, err) < 0) {
		suggest_reader_close(r);
		return NULL;
	}
	return r;
}

void
suggest_reader_close(struct suggest_reader *r)
{
	if (r == NULL)
		return;
	sqlite3_finalize(r->runs);
	sqlite3_finalize(r->pairs);
	for (size_t i = 0; i < r->size; i++)
		suggest_id_list_clear(&r->cache[i].list);
	free(r->cache);
	free(r->pending);
	free(r->pending_pairs);
	free(r);
}

static struct cached_list *
cache_slot(struct cached_list *cache, size_t size, int64_t key)
{
	size_t i = (size_t)hash_mix64((uint64_t)key) & (size - 1);

	while (cache[i].key != 0 && cache[i].key != key)
		i = (i + 1) & (size - 1);
	return &cache[i];
}

/* The number of varints in p[0..end): each ends on a byte below 0x80. */
static size_t
varint_count(const unsigned char *p, const unsigned char *end)
{
	size_t n = 0;

	for (; p < end; p++)
		n += *p < 0x80;
	return n;
}

/* r->runs set to read the runs of `key` (not 0). */
static void
bind_runs(struct suggest_reader *r, int64_t key)
{
	sqlite3_reset(r->runs);
	sqlite3_bind_int64(r->runs, 1, key);
	sqlite3_bind_int64(r->runs, 2, pack_row_key(key));
}

/*
 * The next section of a packed row, from *p (before `end`): its key into
 * *at (which holds the previous section's, or the range's first key for
 * the first), its run into ids[0..*len), *p past it.  Returns 1, 0 at the
 * row's end, or -1 when the row is damaged (a section cut short, a key
 * past 2^63).
 */
static int
next_section(const unsigned char **p, const unsigned char *end,
	     uint64_t *at, const unsigned char **ids, size_t *len)
{
	uint64_t delta, n;
	size_t a, b;

	if (*p >= end)
		return 0;
	a = varint_get(*p, end, &delta);
	if (a == 0 || delta > (uint64_t)INT64_MAX - *at)
		return -1;
	b = varint_get(*p + a, end, &n);
	if (b == 0 || n > (uint64_t)(end - *p) - a - b)
		return -1;
	*at += delta;
	*ids = *p + a + b;
	*len = (size_t)n;
	*p = *ids + n;
	return 1;
}

/*
 * The run of `key` in the row r->runs stands on, into ids[0..*len): the
 * row's blob, or in a packed row the section of `key`.  Returns 1, or 0
 * when a packed row holds no section of `key`, or -1 with `err` set when
 * the row is damaged (next_section()).
 */
static int
row_run(struct suggest_reader *r, int64_t key, const unsigned char **ids,
	size_t *len, struct tmg_error *err)
{
	int64_t row = sqlite3_column_int64(r->runs, 0);
	const unsigned char *p = sqlite3_column_blob(r->runs, 2);
	size_t bytes = (size_t)sqlite3_column_bytes(r->runs, 2);
	const unsigned char *end = p ? p + bytes : p;
	uint64_t at;
	int got;

	if (sqlite3_column_int64(r->runs, 1) >= 0) {
		if (row != key)
			return 0; /* a row of its own of the range's last key */
		*ids = p;
		*len = bytes;
		return 1;
	}
	at = (uint64_t)(row & ~PACK_MASK);
	while ((got = next_section(&p, end, &at, ids, len)) == 1) {
		if (at == (uint64_t)key)
			return 1;
		if (at > (uint64_t)key)
			return 0;
	}
	return got < 0 ? posting_reader_damaged(r->db, err) : 0;
}

int
suggest_index_damaged_rows(sqlite3 *db, long long *count,
			   struct tmg_error *err)
{
	sqlite3_stmt *st;
	int rc;

	*count = 0;
	if (store_prepare(db, "SELECT key, seg, ids FROM suggest_postings",
			  &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *p = sqlite3_column_blob(st, 2), *ids;
		size_t bytes = (size_t)sqlite3_column_bytes(st, 2), len;
		const unsigned char *end = p ? p + bytes : p;
		uint64_t at = (uint64_t)(sqlite3_column_int64(st, 0) &
					 ~PACK_MASK);
		int got = 1, whole = 1;

		if (sqlite3_column_int64(st, 1) >= 0)
			whole = posting_run_whole(p, bytes);
		else
			while (whole &&
			       (got = next_section(&p, end, &at, &ids,
						   &len)) == 1)
				whole = posting_run_whole(ids, len);
		*count += !whole || got < 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_db_error(db, err);
	return 0;
}

/*
 * The length of the posting list of `key` without decoding it: the ids of
 * its runs counted.  Runs hold disjoint ids (a unit is indexed once, by
 * the update that took its unit in), so the sum is the list's length.
 */
static int
postings_length(struct suggest_reader *r, int64_t key, long *count,
		struct tmg_error *err)
{
	const unsigned char *p;
	size_t len;
	int rc, got;

	*count = 0;
	bind_runs(r, key ? key : 1);
	while ((rc = sqlite3_step(r->runs)) == SQLITE_ROW) {
		if ((got = row_run(r, key ? key : 1, &p, &len, err)) < 0) {
			sqlite3_reset(r->runs);
			return -1;
		}
		if (got)
			*count += (long)varint_count(p, p ? p + len : p);
	}
	sqlite3_reset(r->runs);
	if (rc != SQLITE_DONE)
		return store_db_error(r->db, err);
	return 0;
}

/* The decoded posting list of `key` (owned by the reader's cache). */
static const struct suggest_id_list *
postings(struct suggest_reader *r, int64_t key, struct tmg_error *err)
{
	struct cached_list *c;
	int rc, sorted = 1;

	if (key == 0)
		key = 1;
	if (2 * (r->used + 1) > r->size) {
		size_t size = r->size ? 2 * r->size : 256;
		struct cached_list *cache = xcalloc(size, sizeof *cache);
		for (size_t i = 0; i < r->size; i++)
			if (r->cache[i].key != 0)
				*cache_slot(cache, size, r->cache[i].key) =
					r->cache[i];
		free(r->cache);
		r->cache = cache;
		r->size = size;
	}
	c = cache_slot(r->cache, r->size, key);
	if (c->key == key)
		return &c->list;
	bind_runs(r, key);
	while ((rc = sqlite3_step(r->runs)) == SQLITE_ROW) {
		const unsigned char *p;
		size_t len, n;
		struct posting_reader reader;
		int64_t id = 0;
		int got = row_run(r, key, &p, &len, err);

		if (got < 0)
			goto fail;
		if (got == 0)
			continue;
		n = c->list.count + varint_count(p, p ? p + len : p);
		/* one allocation per run, not a doubling per few ids */
		if (n > c->list.alloc) {
			c->list.alloc = n;
			c->list.ids = xreallocarray(c->list.ids, n,
						    sizeof *c->list.ids);
		}
		posting_reader_init(&reader, p, len);
		while ((got = posting_reader_next(&reader, r->db, &id,
						  err)) == 1) {
			if (c->list.count &&
			    c->list.ids[c->list.count - 1] >= id)
				sorted = 0;
			suggest_id_list_add(&c->list, id);
		}
		if (got < 0)
			goto fail;
	}
	if (rc != SQLITE_DONE) {
		store_db_error(r->db, err);
		goto fail;
	}
	if (r->npending) {
		size_t first, n = pending_of(r, key, &first);

		for (size_t i = first; i < first + n; i++) {
			int64_t id = r->pending[i].id;

			if (c->list.count &&
			    c->list.ids[c->list.count - 1] >= id)
				sorted = 0;
			suggest_id_list_add(&c->list, id);
		}
	}
	if (!sorted) {
		size_t k = 0;
		qsort(c->list.ids, c->list.count, sizeof *c->list.ids,
		      compare_int64);
		for (size_t i = 0; i < c->list.count; i++)
			if (k == 0 || c->list.ids[k - 1] != c->list.ids[i])
				c->list.ids[k++] = c->list.ids[i];
		c->list.count = k;
	}
	c->key = key;
	r->used++;
	return &c->list;
fail:
	sqlite3_reset(r->runs);
	suggest_id_list_clear(&c->list);
	return NULL;
}

static int
has_id(const struct suggest_id_list *l, int64_t id, size_t *from)
{
	/* galloping search from *from: lists are intersected in order */
	size_t lo = *from, step = 1, hi;

	while (lo + step < l->count && l->ids[lo + step] < id)
		step *= 2;
	hi = lo + step < l->count ? lo + step + 1 : l->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	*from = lo;
	return lo < l->count && l->ids[lo] == id;
}

static int
intersect(struct suggest_reader *r, const int64_t *keys, size_t nkeys,
	  const struct suggest_id_list *within, struct suggest_id_list *out,
	  long *count, struct tmg_error *err)
{
	const struct suggest_id_list *lists[32];
	size_t nlists = 0, from[33] = { 0 };
	long n = 0;

	if (out)
		out->count = 0;
	/* load every list first: loading may grow the cache and move the
	 * lists, so pointers are taken only once all are in */
	for (size_t i = 0; i < nkeys && i < 32; i++)
		if (postings(r, keys[i], err) == NULL)
			return -1;
	for (size_t i = 0; i < nkeys && nlists < 32; i++) {
		const struct suggest_id_list *l = postings(r, keys[i], err);
		if (l == NULL)
			return -1;
		lists[nlists++] = l;
	}
	if (within)
		lists[nlists++] = within;
	if (nlists == 0) {
		*count = 0;
		return 0;
	}
	/* the shortest list drives */
	for (size_t i = 1; i < nlists; i++)
		if (lists[i]->count < lists[0]->count) {
			const struct suggest_id_list *t = lists[0];
			lists[0] = lists[i];
			lists[i] = t;
		}
	for (size_t k = 0; k < lists[0]->count; k++) {
		int64_t id = lists[0]->ids[k];
		size_t i;
		for (i = 1; i < nlists; i++)
			if (!has_id(lists[i], id, &from[i]))
				break;
		if (i < nlists)
			continue;
		n++;
		if (out)
			suggest_id_list_add(out, id);
	}
	*count = n;
	return 0;
}

int
suggest_reader_units(struct suggest_reader *r, const int64_t *keys,
		     size_t nkeys, struct suggest_id_list *out,
		     struct tmg_error *err)
{
	long n;

	return intersect(r, keys, nkeys, NULL, out, &n, err);
}

int
suggest_reader_count(struct suggest_reader *r, const int64_t *keys,
		     size_t nkeys, const struct suggest_id_list *within,
		     long *count, struct tmg_error *err)
{
	/* one list and nothing to intersect: its length will do (the
	 * stored one's: pending units are added to decoded lists) */
	if (nkeys == 1 && within == NULL && r->npending == 0)
		return postings_length(r, keys[0], count, err);
	return intersect(r, keys, nkeys, within, NULL, count, err);
}

int
suggest_reader_pair_units(struct suggest_reader *r, const char *g1,
			  const char *g2, long *count, struct tmg_error *err)
{
	int rc;

	if (strcmp(g1, g2) > 0) {
		const char *t = g1;
		g1 = g2;
		g2 = t;
	}
	*count = 0;
	sqlite3_reset(r->pairs);
	sqlite3_bind_text(r->pairs, 1, g1, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(r->pairs, 2, g2, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(r->pairs);
	if (rc == SQLITE_ROW)
		*count = (long)sqlite3_column_int64(r->pairs, 0);
	else if (rc != SQLITE_DONE)
		return store_db_error(r->db, err);
	sqlite3_reset(r->pairs);
	for (size_t i = 0; i < r->npending_pairs; i++)
		if (strcmp(r->pending_pairs[i].group1, g1) == 0 &&
		    strcmp(r->pending_pairs[i].group2, g2) == 0)
			*count += r->pending_pairs[i].units;
	return 0;
}

static int
compare_pairs(const void *a, const void *b)
{
	const struct suggest_pair *x = a, *y = b;
	int c;

	if (x->units != y->units)
		return (x->units < y->units) - (x->units > y->units);
	if ((c = strcmp(x->group1, y->group1)) != 0)
		return c;
	return strcmp(x->group2, y->group2);
}

int
suggest_reader_all_pairs(struct suggest_reader *r, struct suggest_pair **out,
			 size_t *count, struct tmg_error *err)
{
	struct suggest_pair *pairs = NULL;
	size_t n = 0, alloc = 0;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*count = 0;
	if (store_prepare(r->db, "SELECT group1, group2, units"
			  " FROM suggest_pairs", &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *g1 = (const char *)sqlite3_column_text(st, 0);
		const char *g2 = (const char *)sqlite3_column_text(st, 1);

		pair_slot(&pairs, &n, &alloc, g1 ? g1 : "", g2 ? g2 : "")
			->units += (long)sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(pairs);
		return store_db_error(r->db, err);
	}
	for (size_t i = 0; i < r->npending_pairs; i++)
		pair_slot(&pairs, &n, &alloc, r->pending_pairs[i].group1,
			  r->pending_pairs[i].group2)->units +=
			r->pending_pairs[i].units;
	if (n > 1)
		qsort(pairs, n, sizeof *pairs, compare_pairs);
	*out = pairs;
	*count = n;
	return 0;
}
