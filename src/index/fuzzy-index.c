/*
 * fuzzy-index.c -- the token index of the memory, from which fuzzy matching
 * and concordance draw their candidates, and the matching form of a
 * segment that both the index and the score are computed from.
 *
 * Tables (store.c; created by schema version 4, pending marks since 7):
 *
 *   fuzzy_tokens(variant_id PRIMARY KEY, tokens)
 *       per variant, its word tokens as an array of little-endian 16-bit
 *       folds of their index keys (Traditional and accents folded,
 *       numbers and tags by kind; fuzzy_index_token_key(), schema 10;
 *       32-bit hashes before).  Its unit and language are the variants
 *       row's (schema 11; a copy of them here was 2.1 MB of the real
 *       memory's file): match reads that row to score a candidate.
 *   fuzzy_postings(key, seg, n, ids) WITHOUT ROWID, PRIMARY KEY(key, seg)
 *       posting lists.  key = 48 bits of a token hash, 16 bits of the
 *       segment's length in words; one token hash per *occurrence*
 *       ("de" #1, "de" #2), so that set intersection counts the multiset
 *       intersection.  ids: ascending variant ids, delta-coded as LEB128
 *       varints; seg is the run's first id, n its count (a list is the
 *       union of its runs: one per index update and at most
 *       POSTING_RUN_MAX bytes each, posting-builder.c).
 *       A run of FUZZY_PACK_RUN_MAX bytes or fewer (most of them: 99.6 %
 *       of the real memory's) is not a row of its own but a section of a
 *       packed row (schema 9): seg < 0, -seg the first id of its first
 *       section, key the hash and the length of that section, n the ids
 *       of all its sections.  Its ids are the sections, in the order the
 *       builder gave them (ascending lengths), each
 *           varint  length - the row's first length
 *           varint  count (at least 1)
 *           count varints, the run's ids as above
 *       with the lengths of one range of FUZZY_PACK_LENGTHS only (so a
 *       reader of lengths lo..hi starts at the range of lo) and at most
 *       FUZZY_PACK_ROW_MAX bytes.  It saves a row each (about 23 bytes,
 *       and a statement's step at the flush): 451,916 rows become 96,000
 *       on the real memory.
 *       A French variant's distinct stems (termkey.c's keys of its
 *       words) have posting lists too, one per stem, under hashes of
 *       their own (fuzzy_index_stem_hash()): concordance finds
 *       "laboratoire" in "laboratoires" through them.  A match does not
 *       read them, so they have their own pending mark ('stems', schema
 *       12) and are taken in by the first concordance (or `tmgloss
 *       index`), not by the first match: they were 27 % of its CPU.
 *   fuzzy_langs(lang PRIMARY KEY, variants, sources)
 *       how many variants (and source variants) of each language are
 *       indexed: the default languages of `match`, without a table scan.
 *   fuzzy_words(grp, word) WITHOUT ROWID, PRIMARY KEY(grp, word)
 *       the vocabulary: every key of an alphabetic word indexed in
 *       language group grp, once (concordance's --substring scans it for
 *       the words that contain a part, then reads their posting lists).
 *       A word whose variants are all gone stays: it can only add a
 *       candidate.

 * Invariants:
 *   - every variant is either in fuzzy_tokens with its postings, or its
 *     unit is pending for the index (index_pending, index-update.c); the
 *     trigger fuzzy_forget_variant drops a deleted variant's tokens;
 *   - a French variant's stems have their postings, or its unit is
 *     pending for them ('stems'); never before its tokens (a pass that
 *     takes in stems takes in the pending tokens too);
 *   - a posting list may name variants that no longer exist (deleted, or
 *     an id reused by SQLite): readers skip ids absent from fuzzy_tokens;
 *     a stale id can only add a candidate, never hide one;
 *   - postings are written within the caller's transaction: an update
 *     that rolls back leaves no posting behind (fuzzy_index_discard()).
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
#include "index/fuzzy-index.h"
#include "index/index.h"
#include "index/posting-builder.h"
#include "index/posting-reader.h"
#include "store/db.h"
#include "store/store.h"
#include "text/text.h"

/* ------------------------------------------------------------ hashing */

/* FNV-1a of s[0..n), mixed (base/hash.h). */
static uint64_t
hash_string(const char *s, size_t n)
{
	return hash_mix64(hash_fnv1a(HASH_FNV_OFFSET, s, n));
}

uint64_t
fuzzy_index_word_hash(const char *key)
{
	return hash_string(key, strlen(key));
}

/* The FNV-1a state after a language group and its NUL: every token hash
 * of the group starts there. */
static uint64_t
group_prefix(const char *group)
{
	return hash_fnv1a(HASH_FNV_OFFSET, group, strlen(group) + 1);
}

/* The token hash of `key` from its group's prefix. */
static uint64_t
token_hash_from(uint64_t prefix, uint64_t key, unsigned occurrence)
{
	uint64_t h = hash_fnv1a(prefix, &key, sizeof key);

	h = hash_fnv1a(h, &occurrence, sizeof occurrence);
	return hash_mix64(h);
}

uint64_t
fuzzy_index_token_hash(const char *group, uint64_t key, unsigned occurrence)
{
	return token_hash_from(group_prefix(group), key, occurrence);
}

int
fuzzy_index_lang_answers(const char *want, const char *lang)
{
	char a[16], b[16];

	if (lang_matches(want, lang, 0))
		return 1;
	lang_group(want, a);
	lang_group(lang, b);
	return strcmp(a, "zh") == 0 && strcmp(b, "zh") == 0;
}

uint64_t
fuzzy_index_stem_hash(const char *group, uint64_t stem)
{
	char stem_group[24];

	/* "stem:" cannot start a language group: a namespace of its own */
	snprintf(stem_group, sizeof stem_group, "stem:%s", group);
	return fuzzy_index_token_hash(stem_group, stem, 1);
}

/* The prefix of the stem hashes of a group of lang_group() (at most
 * LANG_GROUP_MAX - 1 bytes, so "stem:" and it fit fuzzy_index_stem_hash()'s
 * buffer whole): the same bytes hashed, without formatting them. */
static uint64_t
stem_prefix(const char *group)
{
	return hash_fnv1a(hash_fnv1a(HASH_FNV_OFFSET, "stem:", 5), group,
			  strlen(group) + 1);
}

struct term_keyer *
fuzzy_index_stems_keyer(const char *lang)
{
	char group[16];

	lang_group(lang, group);
	return strcmp(group, "fr") == 0 ? term_keyer_new("fr", NULL) : NULL;
}

/* fuzzy_segment_stems() with its key tokens in `scratch` (kept for the
 * next call). */
static int
segment_stems(const struct fuzzy_segment *seg, struct term_keyer *keyer,
	      uint64_t *stems, struct term_key_tokens *scratch,
	      struct tmg_error *err)
{
	struct term_key_tokens tokens = *scratch;
	char *text = seg->text;
	size_t w = 0;
	int ret = -1;

	memset(stems, 0, seg->nwords * sizeof *stems);
	if (seg->nwords == 0)
		return 0;
	/* a truncated segment: only as far as its last word */
	if (seg->truncated)
		text = xstrndup(seg->text,
				(size_t)seg->words[seg->nwords - 1].byte_end);
	if (term_keyer_tokens(keyer, text, &tokens, err) < 0)
		goto out;
	/* both tokenise alike: a word's stem is the key token where it
	 * starts (elided articles have none) */
	for (size_t i = 0; i < tokens.count && w < seg->nwords; i++) {
		while (w < seg->nwords &&
		       seg->words[w].byte_start < tokens.items[i].byte_start)
			w++;
		if (w < seg->nwords &&
		    seg->words[w].byte_start == tokens.items[i].byte_start &&
		    seg->words[w].kind == TOKEN_WORD)
			stems[w] = tokens.items[i].hash;
	}
	ret = 0;
out:
	*scratch = tokens;
	if (text != seg->text)
		free(text);
	return ret;
}

int
fuzzy_segment_stems(const struct fuzzy_segment *seg, struct term_keyer *keyer,
		    uint64_t *stems, struct tmg_error *err)
{
	struct term_key_tokens tokens = { 0 };
	int ret = segment_stems(seg, keyer, stems, &tokens, err);

	term_key_tokens_clear(&tokens);
	return ret;
}

uint64_t
fuzzy_index_empty_hash(const char *group)
{
	return fuzzy_index_token_hash(group, 0x656d707479ULL, 0);
}

int64_t
fuzzy_index_posting_key(uint64_t hash, unsigned nwords)
{
	if (nwords > FUZZY_INDEX_MAX_LENGTH)
		nwords = FUZZY_INDEX_MAX_LENGTH;
	return (int64_t)((hash & ~(uint64_t)FUZZY_INDEX_MAX_LENGTH) | nwords);
}

struct occurrence_slot {
	uint64_t key;
	unsigned count;
};

/* fuzzy_index_occurrences() counting in *table, of *table_size slots
 * (grown when too small, emptied here: kept for the next call). */
static void
count_occurrences(const struct seg_token *words, size_t n,
		  unsigned *occurrences, struct occurrence_slot **table,
		  size_t *table_size)
{
	struct occurrence_slot *slots;
	size_t size = 16, mask;

	while (size < 2 * n)
		size *= 2;
	if (size > *table_size) {
		free(*table);
		*table = xcalloc(size, sizeof **table);
		*table_size = size;
	} else {
		memset(*table, 0, size * sizeof **table);
	}
	slots = *table;
	mask = size - 1;
	for (size_t i = 0; i < n; i++) {
		size_t j = (size_t)hash_mix64(words[i].key) & mask;

		/* count 0 marks a free slot */
		while (slots[j].count && slots[j].key != words[i].key)
			j = (j + 1) & mask;
		slots[j].key = words[i].key;
		occurrences[i] = ++slots[j].count;
	}
}

void
fuzzy_index_occurrences(const struct seg_token *words, size_t n,
			 unsigned *occurrences)
{
	struct occurrence_slot *slots = NULL;
	size_t size = 0;

	count_occurrences(words, n, occurrences, &slots, &size);
	free(slots);
}

/* ------------------------------------------------ the matching form */

#define TAG_CHAR "\xef\xbf\xbc" /* U+FFFC */

/* One more tag hash. */
static void
add_tag(uint64_t **tag_hashes, size_t *ntags, size_t *alloc, uint64_t hash)
{
	ALLOC_GROW(*tag_hashes, *ntags + 1, *alloc);
	(*tag_hashes)[(*ntags)++] = hash;
}

/*
 * The matching text of a segment's markup (as tmx-read.c writes it: tags
 * and escaped text): text as is, one U+FFFC per code element, whose
 * content (native code, as stored; attributes left out) is hashed into
 * tag_hashes.  Other tags are left out, their text kept.  Markup that is
 * not well formed ends where it stops being so.
 */
static char *
matching_text(const char *markup, uint64_t **tag_hashes, size_t *ntags)
{
	struct strbuf sb = { 0 }, code = { 0 };
	struct inline_walker walker;
	struct inline_piece piece;
	const struct inline_element *e;
	size_t alloc = 0;

	*tag_hashes = NULL;
	*ntags = 0;
	strbuf_addstr(&sb, "");
	inline_walker_init(&walker, markup);
	while (inline_walker_next(&walker, &piece) == 1) {
		if (piece.kind == INLINE_TEXT) {
			strbuf_add(&sb, piece.text, piece.text_len);
			continue;
		}
		e = piece.kind == INLINE_END ? NULL :
			inline_element_find(piece.name, piece.name_len);
		if (e == NULL || !e->is_code)
			continue;
		strbuf_reset(&code);
		strbuf_add(&code, piece.name, piece.name_len);
		strbuf_addch(&code, '>');
		if (piece.kind == INLINE_START &&
		    inline_walker_skip_element(&walker, &code) != 1)
			break;	/* the markup ends inside the element */
		strbuf_addstr(&sb, TAG_CHAR);
		add_tag(tag_hashes, ntags, &alloc,
			hash_string(code.buf, code.len));
	}
	inline_walker_release(&walker);
	strbuf_release(&code);
	return strbuf_detach(&sb);
}

static const uint64_t number_class = 0x6e756d62657221ULL;
static const uint64_t tag_class = 0x7461672121ULL;

void
fuzzy_segment_clear(struct fuzzy_segment *seg)
{
	free(seg->text);
	free(seg->words);
	free(seg->punct);
	free(seg->tags);
	free(seg->all);
	memset(seg, 0, sizeof *seg);
}

int
fuzzy_segment_build(struct fuzzy_segment *seg, const char *text,
		    const char *markup, const char *lang, int key_flags,
		    struct tmg_error *err)
{
	return fuzzy_segment_build_keys(seg, text, markup, lang, key_flags,
					NULL, err);
}

int
fuzzy_segment_build_keys(struct fuzzy_segment *seg, const char *text,
			 const char *markup, const char *lang, int key_flags,
			 struct strbuf *keys, struct tmg_error *err)
{
	struct text_tokens tokens = { 0 };
	uint64_t *tags = NULL;
	size_t ntags = 0, tag = 0;
	uint64_t spacing = HASH_FNV_OFFSET;
	int32_t last_end = 0, len;

	memset(seg, 0, sizeof *seg);
	if (keys)
		strbuf_reset(keys);
	seg->text = markup ? matching_text(markup, &tags, &ntags)
			   : xstrdup(text);
	if (text_tokenize(seg->text, lang, TOKENS_MATCH, key_flags, &tokens,
			  err) < 0) {
		free(tags);
		fuzzy_segment_clear(seg);
		return -1;
	}
	len = (int32_t)strlen(seg->text);
	seg->all = xreallocarray(NULL, tokens.count + 1, sizeof *seg->all);
	seg->words = xreallocarray(NULL, tokens.count + 1, sizeof *seg->words);
	seg->punct = xreallocarray(NULL, tokens.count + 1, sizeof *seg->punct);
	seg->tags = xreallocarray(NULL, tokens.count + 1, sizeof *seg->tags);
	for (size_t i = 0; i < tokens.count; i++) {
		const struct text_token *t = &tokens.items[i];
		struct seg_token s;
		size_t klen = t->key ? strlen(t->key) : 0;

		if (seg->nwords == FUZZY_SEGMENT_MAX_WORDS &&
		    t->kind != TOKEN_PUNCT && t->kind != TOKEN_TAG) {
			seg->truncated = 1; /* the rest is not matched */
			break;
		}

		s.kind = t->kind;
		s.byte_start = t->byte_start;
		s.byte_end = t->byte_end;
		s.exact = hash_string(t->key ? t->key : "", klen);
		s.surface = hash_string(seg->text + t->byte_start,
					(size_t)(t->byte_end - t->byte_start));
		switch (t->kind) {
		case TOKEN_NUMBER:
			s.key = number_class;
			break;
		case TOKEN_TAG:
			s.key = tag_class;
			s.exact = tag < ntags ? tags[tag] : tag_class;
			s.surface = s.exact;
			tag++;
			break;
		default:
			s.key = s.exact;
		}
		/* the runs of white space, wherever they are */
		if (t->byte_start > last_end) {
			spacing = hash_fnv1a(spacing, seg->text + last_end,
					     (size_t)(t->byte_start -
						      last_end));
			spacing = hash_fnv1a(spacing, "\x1f", 1);
		}
		last_end = t->byte_end;
		seg->all[seg->nall++] = s;
		if (t->kind == TOKEN_PUNCT)
			seg->punct[seg->npunct++] = s;
		else if (t->kind == TOKEN_TAG)
			seg->tags[seg->ntags++] = s;
		else {
			seg->words[seg->nwords++] = s;
			if (keys) {
				strbuf_add(keys, t->key ? t->key : "", klen);
				strbuf_addch(keys, '\0');
			}
		}
	}
	spacing = hash_fnv1a(spacing, seg->text + last_end,
			     (size_t)(len - last_end));
	seg->spacing = hash_mix64(spacing);
	text_tokens_clear(&tokens);
	free(tags);
	return 0;
}

/* ------------------------------------------------------- reading */

void
fuzzy_index_runs_clear(struct posting_runs *runs)
{
	free(runs->items);
	free(runs->packed);
	memset(runs, 0, sizeof *runs);
}

static int
compare_runs(const void *a, const void *b)
{
	const struct posting_run *x = a, *y = b;

	if (x->length != y->length)
		return (x->length > y->length) - (x->length < y->length);
	return (x->seg > y->seg) - (x->seg < y->seg);
}

static struct posting_run *
new_run(struct posting_runs *runs)
{
	struct posting_run *r;

	ALLOC_GROW(runs->items, runs->count + 1, runs->alloc);
	r = &runs->items[runs->count++];
	memset(r, 0, sizeof *r);
	return r;
}

/* The sections of the packed row `key`, `seg` (ids p[0..len)) whose
 * lengths are lo..hi, as runs whose ids are copied into runs->packed. */
static int
packed_runs(sqlite3 *db, int64_t key, int64_t seg, const unsigned char *p,
	    size_t len, unsigned lo, unsigned hi, struct posting_runs *runs,
	    struct tmg_error *err)
{
	const unsigned char *end = p + len;
	unsigned first = (unsigned)((uint64_t)key & FUZZY_INDEX_MAX_LENGTH);

	while (p < end) {
		const unsigned char *ids;
		uint64_t delta, n, count;
		size_t got, k;

		if ((got = varint_get(p, end, &delta)) == 0 ||
		    (k = varint_get(p + got, end, &n)) == 0 || n == 0 ||
		    delta > FUZZY_INDEX_MAX_LENGTH - first)
			return posting_reader_damaged(db, err);
		ids = p + got + k;
		/* n varints: n bytes below 0x80 */
		for (p = ids, count = n; count > 0 && p < end; p++)
			count -= *p < 0x80;
		if (count > 0)
			return posting_reader_damaged(db, err);
		if (first + delta >= lo && first + delta <= hi) {
			struct posting_run *r = new_run(runs);

			r->key = key;
			r->seg = seg;
			r->length = first + (unsigned)delta;
			r->n = (long)n;
			r->offset = runs->npacked;
			r->bytes = (size_t)(p - ids);
			ALLOC_GROW(runs->packed, runs->npacked + r->bytes,
				   runs->packed_alloc);
			memcpy(runs->packed + runs->npacked, ids, r->bytes);
			runs->npacked += r->bytes;
		}
	}
	return 0;
}

int
fuzzy_index_runs(sqlite3_stmt *st, uint64_t hash, unsigned lo, unsigned hi,
		 long cap, struct posting_runs *runs, struct tmg_error *err)
{
	sqlite3 *db = sqlite3_db_handle(st);
	size_t count = runs->count;
	unsigned seen_length = 0;
	long seen = 0; /* ids in the rows of their own of seen_length */
	int rc;

	if (lo > FUZZY_INDEX_MAX_LENGTH)
		return 0;
	if (hi > FUZZY_INDEX_MAX_LENGTH)
		hi = FUZZY_INDEX_MAX_LENGTH;
	sqlite3_reset(st);
	/* a packed row holds lengths of one range from its first on */
	sqlite3_bind_int64(st, 1, fuzzy_index_posting_key(hash,
		lo - lo % FUZZY_PACK_LENGTHS));
	sqlite3_bind_int64(st, 2, fuzzy_index_posting_key(hash, hi));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t key = sqlite3_column_int64(st, 0);
		int64_t seg = sqlite3_column_int64(st, 1);
		unsigned length = (unsigned)((uint64_t)key &
					     FUZZY_INDEX_MAX_LENGTH);
		struct posting_run *r;

		if (seg < 0) {
			if (packed_runs(db, key, seg,
					sqlite3_column_blob(st, 3),
					(size_t)sqlite3_column_bytes(st, 3),
					lo, hi, runs, err) < 0) {
				sqlite3_reset(st);
				return -1;
			}
			continue;
		}
		if (length < lo)
			continue;
		r = new_run(runs);
		r->key = key;
		r->seg = seg;
		r->n = (long)sqlite3_column_int64(st, 2);
		r->length = length;
		if (length != seen_length)
			seen = 0;
		seen_length = length;
		seen += r->n;
		if (cap > 0 && seen > cap) {
			runs->cut = 1;
			runs->cut_from = length;
			runs->cut_n = seen;
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_db_error(db, err);
	/* by length, as the readers take them */
	if (runs->count - count > 1)
		qsort(runs->items + count, runs->count - count,
		      sizeof *runs->items, compare_runs);
	return 0;
}

int
fuzzy_index_damaged_rows(sqlite3 *db, long long *count,
			 struct tmg_error *err)
{
	struct posting_runs runs = { 0 };
	struct tmg_error ignored;
	sqlite3_stmt *st;
	int rc;

	*count = 0;
	if (store_prepare(db, "SELECT key, seg, ids FROM fuzzy_postings",
			  &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t seg = sqlite3_column_int64(st, 1);
		const unsigned char *p = sqlite3_column_blob(st, 2);
		size_t len = (size_t)sqlite3_column_bytes(st, 2);
		int whole;

		if (seg >= 0) {
			whole = posting_run_whole(p, len);
		} else {
			runs.count = runs.npacked = 0;
			whole = packed_runs(db, sqlite3_column_int64(st, 0),
					    seg, p, len, 0,
					    FUZZY_INDEX_MAX_LENGTH, &runs,
					    &ignored) == 0;
			for (size_t i = 0; whole && i < runs.count; i++)
				whole = posting_run_whole(
					runs.packed + runs.items[i].offset,
					runs.items[i].bytes);
		}
		*count += !whole;
	}
	sqlite3_finalize(st);
	fuzzy_index_runs_clear(&runs);
	if (rc != SQLITE_DONE)
		return store_db_error(db, err);
	return 0;
}

int
fuzzy_index_run_ids(sqlite3_stmt *st, const struct posting_runs *runs,
		    size_t i, int64_t **ids, size_t *alloc, size_t *n,
		    struct tmg_error *err)
{
	const struct posting_run *run = &runs->items[i];
	struct posting_reader reader;
	sqlite3 *db = sqlite3_db_handle(st);
	int64_t *out;
	size_t count = 0, max;
	int rc = 0;

	*n = 0;
	if (run->seg < 0) {
		posting_reader_init(&reader, runs->packed + run->offset,
				    run->bytes);
	} else {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, run->key);
		sqlite3_bind_int64(st, 2, run->seg);
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW) {
			if (rc != SQLITE_DONE)
				store_db_error(db, err);
			sqlite3_reset(st);
			return rc == SQLITE_DONE ? 0 : -1;
		}
		posting_reader_init(&reader, sqlite3_column_blob(st, 0),
				    (size_t)sqlite3_column_bytes(st, 0));
	}
	if (*alloc < (size_t)run->n) {
		*alloc = (size_t)run->n;
		*ids = xreallocarray(*ids, *alloc, sizeof **ids);
	}
	/* no more than the run's count: the array holds that many (locals,
	 * not *ids and *n, so that the loop keeps them in registers) */
	out = *ids;
	max = *alloc;
	while (count < max &&
	       (rc = posting_reader_next(&reader, db, &out[count], err)) == 1)
		count++;
	*n = count;
	if (run->seg >= 0)
		sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

/* ------------------------------------------------------- writing */

struct lang_count {
	char lang[TMG_LANG_MAX];
	long variants, sources;
};

struct fuzzy_index {
	sqlite3 *db;
	sqlite3_stmt *add_lang;
	/* fuzzy_tokens' and fuzzy_postings' rows, several at a time */
	struct store_rows *tokens, *runs;
	/* the packed row being filled: its key, first id, ids, sections;
	 * the largest run packed and the largest row (FUZZY_PACK_RUN_MAX
	 * and FUZZY_PACK_ROW_MAX, or the environment's: tests) */
	int64_t pack_key, pack_first;
	long pack_n;
	struct strbuf pack;
	size_t pack_run_max, pack_row_max;
	struct posting_builder *postings; /* not yet written */
	struct lang_count *langs;
	size_t nlangs, alloc_langs;
	struct strbuf blob;
	/* the vocabulary's words seen by this update (hashes of group and
	 * key: an open-addressing set, 0 free), and those to write, each
	 * "group\0word\0" */
	uint64_t *seen;
	size_t nseen, seen_size;
	struct strbuf new_words;
};

/* The size the environment variable `name` gives, or `size`: tests
 * make small rows of every kind with them (the readers take any). */
static size_t
env_size(const char *name, size_t size)
{
	const char *env = getenv(name);

	return env && *env ? (size_t)strtoul(env, NULL, 10) : size;
}

struct fuzzy_index *
fuzzy_index_open(sqlite3 *db)
{
	struct fuzzy_index *ix = xcalloc(1, sizeof *ix);

	ix->db = db;
	ix->postings = posting_builder_new(POSTING_BUILDER_MEMORY);
	ix->pack_run_max = env_size("TMGLOSS_PACK_RUN_MAX", FUZZY_PACK_RUN_MAX);
	ix->pack_row_max = env_size("TMGLOSS_PACK_ROW_MAX", FUZZY_PACK_ROW_MAX);
	return ix;
}

static void
free_pending(struct fuzzy_index *ix)
{
	posting_builder_discard(ix->postings);
	store_rows_discard(ix->tokens);
	store_rows_discard(ix->runs);
	strbuf_reset(&ix->pack);
	ix->pack_n = 0;
	ix->nlangs = 0;
	free(ix->seen);
	ix->seen = NULL;
	ix->nseen = ix->seen_size = 0;
	strbuf_release(&ix->new_words);
}

void
fuzzy_index_discard(struct fuzzy_index *ix)
{
	if (ix)
		free_pending(ix);
}

void
fuzzy_index_close(struct fuzzy_index *ix)
{
	if (ix == NULL)
		return;
	posting_builder_free(ix->postings);
	free(ix->langs);
	strbuf_release(&ix->blob);
	strbuf_release(&ix->pack);
	store_rows_free(ix->tokens);
	store_rows_free(ix->runs);
	sqlite3_finalize(ix->add_lang);
	free(ix);
}

/* The statement *st of `sql`, prepared on first use, reset and unbound. */
static int
prepare(struct fuzzy_index *ix, sqlite3_stmt **st, const char *sql,
	struct tmg_error *err)
{
	if (*st == NULL && store_prepare(ix->db, sql, st, err) < 0)
		return -1;
	sqlite3_reset(*st);
	sqlite3_clear_bindings(*st);
	return 0;
}

/* SQLite's error on `st` into `err`, and `st` reset.  Returns -1. */
static int
db_fail(struct fuzzy_index *ix, sqlite3_stmt *st, struct tmg_error *err)
{
	store_db_error(ix->db, err);
	sqlite3_reset(st);
	return -1;
}

/* The key of a posting list in the builder. */
static int64_t
posting_key(uint64_t hash, unsigned nwords)
{
	int64_t key = fuzzy_index_posting_key(hash, nwords);

	return key ? key : 1; /* 0 is the builder's free slot; a 2^-48
				 chance, still exact */
}

static void
count_lang(struct fuzzy_index *ix, const char *lang, int is_source)
{
	size_t i;

	for (i = 0; i < ix->nlangs; i++)
		if (strcmp(ix->langs[i].lang, lang) == 0)
			break;
	if (i == ix->nlangs) {
		ALLOC_GROW(ix->langs, ix->nlangs + 1, ix->alloc_langs);
		memset(&ix->langs[i], 0, sizeof ix->langs[i]);
		snprintf(ix->langs[i].lang, sizeof ix->langs[i].lang, "%s",
			 lang);
		ix->nlangs++;
	}
	ix->langs[i].variants++;
	ix->langs[i].sources += is_source != 0;
}

/* One row of fuzzy_postings. */
static int
write_row(struct fuzzy_index *ix, int64_t key, int64_t seg, long n,
	  const void *ids, size_t len, struct tmg_error *err)
{
	/* hundreds of thousands of rows: several to a statement (OR FAIL:
	 * a row that is there already fails the pass as a plain INSERT
	 * would, without a statement journal) */
	if (ix->runs == NULL)
		ix->runs = store_rows_new(ix->db, "INSERT OR FAIL INTO"
					  " fuzzy_postings (key, seg, n, ids)",
					  4);
	store_rows_int64(ix->runs, key);
	store_rows_int64(ix->runs, seg);
	store_rows_int64(ix->runs, n);
	store_rows_blob(ix->runs, ids, len);
	return store_rows_end(ix->runs, err);
}

/* The packed row being filled, written. */
static int
write_pack(struct fuzzy_index *ix, struct tmg_error *err)
{
	int ret;

	if (ix->pack.len == 0)
		return 0;
	ret = write_row(ix, ix->pack_key, -ix->pack_first, ix->pack_n,
			ix->pack.buf, ix->pack.len, err);
	strbuf_reset(&ix->pack);
	ix->pack_n = 0;
	return ret;
}

/* One run of a list into fuzzy_postings (posting_run_fn): a row of its
 * own, or a section of the packed row of its hash and length range. */
static int
write_run(void *arg, int64_t key, int64_t first, long n, const void *ids,
	  size_t len, struct tmg_error *err)
{
	struct fuzzy_index *ix = arg;
	const uint64_t length_bits = FUZZY_INDEX_MAX_LENGTH;
	unsigned length = (unsigned)((uint64_t)key & length_bits);
	unsigned pack_length = (unsigned)((uint64_t)ix->pack_key &
					  length_bits);
	unsigned char head[2 * VARINT_MAX];
	size_t hlen;

	if (len > ix->pack_run_max)
		return write_row(ix, key, first, n, ids, len, err);
	if (ix->pack.len &&
	    (((uint64_t)key & ~length_bits) !=
	     ((uint64_t)ix->pack_key & ~length_bits) ||
	     length / FUZZY_PACK_LENGTHS != pack_length / FUZZY_PACK_LENGTHS ||
	     ix->pack.len + sizeof head + len > ix->pack_row_max) &&
	    write_pack(ix, err) < 0)
		return -1;
	if (ix->pack.len == 0) {
		ix->pack_key = key;
		ix->pack_first = first;
		pack_length = length;
	}
	hlen = varint_put(head, length - pack_length);
	hlen += varint_put(head + hlen, (uint64_t)n);
	strbuf_add(&ix->pack, (const char *)head, hlen);
	strbuf_add(&ix->pack, ids, len);
	ix->pack_n += n;
	return 0;
}

/* Is `h` new to the set of words seen?  Adds it. */
static int
see_word(struct fuzzy_index *ix, uint64_t h)
{
	size_t j;

	h += h == 0; /* 0 marks a free slot */
	if (2 * (ix->nseen + 1) > ix->seen_size) {
		uint64_t *old = ix->seen;
		size_t nold = ix->seen_size;

		ix->seen_size = nold ? 2 * nold : 4096;
		ix->seen = xcalloc(ix->seen_size, sizeof *ix->seen);
		for (size_t i = 0; i < nold; i++) {
			if (old[i] == 0)
				continue;
			j = (size_t)old[i] & (ix->seen_size - 1);
			while (ix->seen[j])
				j = (j + 1) & (ix->seen_size - 1);
			ix->seen[j] = old[i];
		}
		free(old);
	}
	j = (size_t)h & (ix->seen_size - 1);
	while (ix->seen[j]) {
		if (ix->seen[j] == h)
			return 0;
		j = (j + 1) & (ix->seen_size - 1);
	}
	ix->seen[j] = h;
	ix->nseen++;
	return 1;
}

/* The words of an entry the vocabulary may not have, to write. */
static void
note_words(struct fuzzy_index *ix, const struct fuzzy_entry *e)
{
	uint64_t g = hash_fnv1a(HASH_FNV_OFFSET, e->group,
				strlen(e->group) + 1);

	for (size_t in = 0; in < e->words.len;) {
		const char *w = e->words.buf + in;
		size_t len = strlen(w);

		if (see_word(ix, hash_mix64(hash_fnv1a(g, w, len)))) {
			strbuf_add(&ix->new_words, e->group,
				   strlen(e->group) + 1);
			strbuf_add(&ix->new_words, w, len + 1);
		}
		in += len + 1;
	}
}

/* Order of two "group\0word\0" records of new_words: SQLite's order of
 * the (grp, word) key (BINARY, which is strcmp()'s on UTF-8). */
static int
compare_words(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int c = strcmp(x, y);

	if (c)
		return c;
	return strcmp(x + strlen(x) + 1, y + strlen(y) + 1);
}

/* The words noted into the vocabulary, in the key's order, several rows
 * to a statement: inserted as they came (a random order), the 40,000
 * words of the real memory took 42 ms of the pass's tail, where nothing
 * else runs. */
static int
write_words(struct fuzzy_index *ix, struct tmg_error *err)
{
	const char **at = NULL;
	size_t n = 0, alloc = 0;
	struct store_rows *rows;
	int ret = 0;

	for (size_t in = 0; in < ix->new_words.len;) {
		const char *word = ix->new_words.buf + in;

		ALLOC_GROW(at, n + 1, alloc);
		at[n++] = word;
		word += strlen(word) + 1;
		in = (size_t)(word - ix->new_words.buf) + strlen(word) + 1;
	}
	if (n == 0)
		return 0;
	qsort(at, n, sizeof *at, compare_words);
	rows = store_rows_new(ix->db, "INSERT OR IGNORE INTO fuzzy_words"
			      " (grp, word)", 2);
	for (size_t i = 0; i < n && ret == 0; i++) {
		const char *group = at[i];

		store_rows_text(rows, group);
		store_rows_text(rows, group + strlen(group) + 1);
		ret = store_rows_end(rows, err);
	}
	if (ret == 0)
		ret = store_rows_flush(rows, err);
	store_rows_free(rows);
	free(at);
	return ret;
}

int
fuzzy_index_flush(struct fuzzy_index *ix, struct tmg_error *err)
{
	int ret = -1;

	if (ix == NULL)
		return 0;
	if ((ix->tokens && store_rows_flush(ix->tokens, err) < 0) ||
	    posting_builder_finish(ix->postings, write_run, ix, err) < 0 ||
	    write_pack(ix, err) < 0 ||
	    (ix->runs && store_rows_flush(ix->runs, err) < 0) ||
	    write_words(ix, err) < 0)
		goto out;
	for (size_t i = 0; i < ix->nlangs; i++) {
		if (prepare(ix, &ix->add_lang,
			    "INSERT INTO fuzzy_langs (lang, variants, sources)"
			    " VALUES (?1, ?2, ?3) ON CONFLICT (lang) DO UPDATE"
			    " SET variants = variants + ?2,"
			    " sources = sources + ?3", err) < 0)
			goto out;
		store_bind_text(ix->add_lang, 1, ix->langs[i].lang);
		sqlite3_bind_int64(ix->add_lang, 2, ix->langs[i].variants);
		sqlite3_bind_int64(ix->add_lang, 3, ix->langs[i].sources);
		if (sqlite3_step(ix->add_lang) != SQLITE_DONE) {
			db_fail(ix, ix->add_lang, err);
			goto out;
		}
	}
	ret = 0;
out:
	if (ix->add_lang)
		sqlite3_reset(ix->add_lang);
	free_pending(ix);
	return ret;
}

void
fuzzy_entry_clear(struct fuzzy_entry *e)
{
	free(e->keys);
	free(e->tokens);
	free(e->stems);
	strbuf_release(&e->words);
	memset(e, 0, sizeof *e);
}

static int
compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

struct fuzzy_entry_keyer {
	struct term_keyer *stems;     /* French stems */
	struct text_tokens tokens;    /* the variant's */
	struct seg_token *words;      /* its words, as seg->words */
	size_t words_alloc;
	unsigned *occurrences;        /* of each word's key */
	size_t occurrences_alloc;
	struct occurrence_slot *slots; /* count_occurrences()' table */
	size_t nslots;
	struct term_key_tokens stem_tokens;
};

struct fuzzy_entry_keyer *
fuzzy_entry_keyer_new(void)
{
	struct fuzzy_entry_keyer *k = xcalloc(1, sizeof *k);

	k->stems = fuzzy_index_stems_keyer("fr");
	return k;
}

void
fuzzy_entry_keyer_free(struct fuzzy_entry_keyer *k)
{
	if (k == NULL)
		return;
	term_keyer_free(k->stems);
	text_tokens_clear(&k->tokens);
	free(k->words);
	free(k->occurrences);
	free(k->slots);
	term_key_tokens_clear(&k->stem_tokens);
	free(k);
}

/* The posting keys of the segment's distinct stems, after its tokens'. */
static int
add_stem_keys(struct fuzzy_entry *e, const struct fuzzy_segment *seg,
	      struct fuzzy_entry_keyer *k, unsigned nwords,
	      struct tmg_error *err)
{
	uint64_t prefix = stem_prefix(e->group);

	if (seg->nwords > e->stems_alloc) {
		e->stems_alloc = seg->nwords;
		e->stems = xreallocarray(e->stems, e->stems_alloc,
					 sizeof *e->stems);
	}
	if (segment_stems(seg, k->stems, e->stems, &k->stem_tokens, err) < 0)
		return -1;
	qsort(e->stems, seg->nwords, sizeof *e->stems, compare_u64);
	for (size_t i = 0; i < seg->nwords; i++)
		if (e->stems[i] && (i == 0 || e->stems[i] != e->stems[i - 1]))
			e->keys[e->nkeys++] = posting_key(
				token_hash_from(prefix, e->stems[i], 1),
				nwords);
	return 0;
}

/*
 * The words of a variant as fuzzy_segment_build_keys() makes seg->words
 * (the same tokens, keys, truncation), into k->words, without the rest of
 * the segment the index does not use (punctuation, tags, surfaces,
 * spacing); the keys of its alphabetic words into e->words, the
 * vocabulary (Chinese is found by its characters).  `text` is the
 * segment's matching text.
 */
static int
entry_words(struct fuzzy_entry *e, struct fuzzy_entry_keyer *k,
	    const char *text, const char *lang, struct fuzzy_segment *seg,
	    struct tmg_error *err)
{
	if (text_tokenize(text, lang, TOKENS_MATCH, SEGMENT_INDEX_FLAGS,
			  &k->tokens, err) < 0)
		return -1;
	ALLOC_GROW(k->words, k->tokens.count + 1, k->words_alloc);
	strbuf_reset(&e->words);
	memset(seg, 0, sizeof *seg);
	seg->text = (char *)text;
	seg->words = k->words;
	for (size_t i = 0; i < k->tokens.count; i++) {
		const struct text_token *t = &k->tokens.items[i];
		struct seg_token *w;
		size_t klen;

		if (t->kind == TOKEN_PUNCT || t->kind == TOKEN_TAG)
			continue;
		if (seg->nwords == FUZZY_SEGMENT_MAX_WORDS) {
			seg->truncated = 1; /* the rest is not matched */
			break;
		}
		klen = strlen(t->key);
		w = &k->words[seg->nwords++];
		memset(w, 0, sizeof *w);
		w->kind = t->kind;
		w->byte_start = t->byte_start;
		w->byte_end = t->byte_end;
		w->key = t->kind == TOKEN_NUMBER ? number_class
						  : hash_string(t->key, klen);
		if (t->kind == TOKEN_WORD)
			strbuf_add(&e->words, t->key, klen + 1);
	}
	return 0;
}

int
fuzzy_entry_build(struct fuzzy_entry *e, const struct tmg_variant *v,
		  struct fuzzy_entry_keyer *k, int parts,
		  struct tmg_error *err)
{
	struct fuzzy_segment seg;
	char *group = e->group, *marked = NULL;
	uint64_t prefix;
	unsigned nwords;
	int ret = -1;

	e->parts = parts;
	e->truncated = 0;
	e->ntokens = e->nkeys = 0;
	lang_group(v->lang, group);
	if (!(parts & FUZZY_ENTRY_TOKENS) &&
	    (k->stems == NULL || strcmp(group, "fr") != 0))
		return 0; /* stems alone, and none in this language */
	if (v->markup) {
		uint64_t *tags;
		size_t ntags;

		marked = matching_text(v->markup, &tags, &ntags);
		free(tags);
	}
	if (entry_words(e, k, marked ? marked : v->text, v->lang, &seg,
			err) < 0)
		goto out;
	prefix = group_prefix(group);
	nwords = seg.nwords > FUZZY_INDEX_MAX_LENGTH ? FUZZY_INDEX_MAX_LENGTH
					       : (unsigned)seg.nwords;
	/* the tokens' keys, then as many stems at most */
	if (2 * seg.nwords + 1 > e->alloc) {
		e->alloc = 2 * seg.nwords + 1;
		e->keys = xreallocarray(e->keys, e->alloc, sizeof *e->keys);
		e->tokens = xreallocarray(e->tokens, e->alloc,
					  FUZZY_INDEX_TOKEN_BYTES);
	}
	e->truncated = seg.truncated;
	if (parts & FUZZY_ENTRY_TOKENS) {
		/* the k-th copy of a key is its own token: multiset counts */
		ALLOC_GROW(k->occurrences, seg.nwords + 1,
			   k->occurrences_alloc);
		count_occurrences(seg.words, seg.nwords, k->occurrences,
				  &k->slots, &k->nslots);
		for (size_t i = 0; i < seg.nwords; i++) {
			e->keys[i] = posting_key(
				token_hash_from(prefix, seg.words[i].key,
						k->occurrences[i]),
				nwords);
			fuzzy_index_token_put(e->tokens, i,
				fuzzy_index_token_key(seg.words[i].key));
		}
		e->ntokens = seg.nwords;
		e->nkeys = seg.nwords ? seg.nwords : 1;
		if (seg.nwords == 0)
			e->keys[0] = posting_key(
				fuzzy_index_empty_hash(group), 0);
	}
	if ((parts & FUZZY_ENTRY_STEMS) && seg.nwords > 0 && k->stems &&
	    strcmp(group, "fr") == 0 &&
	    add_stem_keys(e, &seg, k, nwords, err) < 0)
		goto out;
	ret = 0;
out:
	free(marked);
	return ret;
}

int
fuzzy_index_add_entry(struct fuzzy_index *ix,
		      int64_t variant_id, const char *lang, int is_source,
		      const struct fuzzy_entry *e, struct tmg_error *err)
{
	if (posting_builder_add_keys(ix->postings, e->keys, e->nkeys,
				     variant_id, err) < 0)
		return -1;
	if (!(e->parts & FUZZY_ENTRY_TOKENS))
		return 0; /* stems alone: the rest is in already */
	count_lang(ix, lang, is_source);
	note_words(ix, e);

	/* a row a variant: several to a statement, all in by the flush */
	if (ix->tokens == NULL)
		ix->tokens = store_rows_new(ix->db, "INSERT OR REPLACE INTO"
					    " fuzzy_tokens (variant_id,"
					    " tokens)", 2);
	store_rows_int64(ix->tokens, variant_id);
	store_rows_blob(ix->tokens, e->tokens,
			e->ntokens * FUZZY_INDEX_TOKEN_BYTES);
	return store_rows_end(ix->tokens, err);
}
