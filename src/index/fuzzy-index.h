/*
 * index/fuzzy-index.h -- internal to the engine: the matching form of a segment
 * and the token index of the memory, shared by fuzzy-index.c (which builds
 * both), fuzzy.c and concord.c (which read them).  Not part of the public
 * API (tmgloss.h).
 */
#ifndef TMGLOSS_INDEX_FUZZY_INDEX_H
#define TMGLOSS_INDEX_FUZZY_INDEX_H

#include <stdint.h>

#include <sqlite3.h>

#include "base/error.h"
#include "base/xalloc.h"
#include "store/db.h"
#include "text/text.h"

/* ---------------------------------------- token index (fuzzy-index.c) */

/*
 * The index that fuzzy matching and concordance draw candidates from,
 * brought up to date by index-update.c within one transaction.  Postings
 * added are held in bounded memory (a temporary file takes the rest,
 * posting-builder.c) and written by fuzzy_index_flush() (before the
 * transaction commits) or dropped by fuzzy_index_discard() (on rollback).
 */
struct fuzzy_index;

struct fuzzy_index *fuzzy_index_open(sqlite3 *db);
/* Entries go in with fuzzy_index_add_entry() (fuzzy-index.h). */
int fuzzy_index_flush(struct fuzzy_index *index, struct tmg_error *err);
void fuzzy_index_discard(struct fuzzy_index *index);
void fuzzy_index_close(struct fuzzy_index *index);

/* Key flags of the index and of concordance: Traditional and accents folded.
 * The score uses SEGMENT_SCORE_FLAGS (accents count). */
#define SEGMENT_INDEX_FLAGS (TEXT_FOLD_TRADITIONAL | TEXT_FOLD_ACCENTS)
#define SEGMENT_SCORE_FLAGS TEXT_FOLD_TRADITIONAL

/* One token of a segment's matching form. */
struct seg_token {
	enum token_kind kind;
	int32_t byte_start, byte_end; /* in segment.text */
	uint64_t key;     /* hash of the comparison key; numbers and tags
			     hash by their kind only, so they align */
	uint64_t surface; /* hash of what the token looks like: its bytes, or
			     for a tag the inline element it stands for */
	uint64_t exact;   /* hash of the token's own key (numbers: value) */
};

/*
 * A segment as matching sees it.  `text` is the plain text with one U+FFFC
 * per inline code element (bpt, ept, ph, it, ut) of the markup; `words` are
 * the tokens the edit distance runs on (words, numbers, Han characters),
 * `punct` the punctuation and symbols, `tags` the inline tags, `all` all
 * of them in text order.
 */
struct fuzzy_segment {
	char *text;
	struct seg_token *words;
	size_t nwords;
	struct seg_token *punct;
	size_t npunct;
	struct seg_token *tags;
	size_t ntags;
	struct seg_token *all;
	size_t nall;
	uint64_t spacing; /* hash of the white space between tokens */
	int truncated;    /* words past FUZZY_SEGMENT_MAX_WORDS left out */
};

/*
 * The most words of a segment that matching, concordance and the index
 * see: the words after them (and the punctuation and tags among them)
 * are left out, so that one giant segment costs time and space in
 * proportion to this bound, not to its size (about 30 KB of French, 5,000
 * Chinese characters).
 */
#define FUZZY_SEGMENT_MAX_WORDS 5000

/*
 * Build the matching form of a variant's text (and markup, may be NULL) in
 * language `lang`, with the text key `key_flags`.  Returns 0, or -1 with
 * `err` set (invalid UTF-8).  Free with fuzzy_segment_clear().
 */
int fuzzy_segment_build(struct fuzzy_segment *seg, const char *text,
			const char *markup, const char *lang, int key_flags,
			struct tmg_error *err);
void fuzzy_segment_clear(struct fuzzy_segment *seg);
/* As fuzzy_segment_build(), and the key of each of seg->words into
 * `keys` (emptied first): NUL-terminated, in the words' order. */
int fuzzy_segment_build_keys(struct fuzzy_segment *seg, const char *text,
			     const char *markup, const char *lang,
			     int key_flags, struct strbuf *keys,
			     struct tmg_error *err);

/*
 * Stems.  A French word is also indexed under its stem, the key that
 * glossary terms are recognised by (termkey.c: "laboratoires",
 * "Laboratoire" and "laboratoire" share one), so that concordance finds
 * the inflected forms of a word.  fuzzy_index_stems_keyer() is the keyer
 * for a language whose words have stems (NULL for the others); it belongs
 * to one thread at a time.  fuzzy_segment_stems() puts the stem hash of
 * each of seg->words into stems[0..seg->nwords) (0: a word without a
 * stem: numbers, Han characters, elided articles).
 */
struct term_keyer *fuzzy_index_stems_keyer(const char *lang);
int fuzzy_segment_stems(const struct fuzzy_segment *seg,
			struct term_keyer *keyer, uint64_t *stems,
			struct tmg_error *err);
/* The hash a stem's posting list is under, apart from the tokens'. */
uint64_t fuzzy_index_stem_hash(const char *group, uint64_t stem);
/* The hash of a word's key, as seg_token.exact (the key from
 * fuzzy_segment_build_keys()). */
uint64_t fuzzy_index_word_hash(const char *key);
/* The words of the index whose key contains ?2, in language group ?1
 * (the vocabulary: fuzzy_words). */
#define FUZZY_INDEX_WORDS_SQL \
	"SELECT word FROM fuzzy_words WHERE grp = ?1 AND instr(word, ?2) > 0"

/* The occurrence number (from 1) of each of words[0..n)'s keys among the
 * words before it, into occurrences[0..n), in linear time. */
void fuzzy_index_occurrences(const struct seg_token *words, size_t n,
			     unsigned *occurrences);

/* Hash of the `occurrence`-th (from 1) copy of token key `key` in a
 * segment of language group `group`. */
uint64_t fuzzy_index_token_hash(const char *group, uint64_t key,
				unsigned occurrence);
/* Does a variant in `lang` answer the request `want` for the searched
 * side?  As lang_matches(), and any Chinese answers any Chinese: keys fold
 * Traditional to Simplified. */
int fuzzy_index_lang_answers(const char *want, const char *lang);

/* Hash standing for "a segment with no word at all" in `group`. */
uint64_t fuzzy_index_empty_hash(const char *group);

/* The posting-list key of a token hash for segments of `nwords` words;
 * keys of one hash are contiguous, ordered by length. */
int64_t fuzzy_index_posting_key(uint64_t hash, unsigned nwords);
#define FUZZY_INDEX_MAX_LENGTH 0xffffu

/*
 * Rows of fuzzy_postings (fuzzy-index.c): a run of FUZZY_PACK_RUN_MAX
 * bytes or fewer is a section of a packed row, which holds the short
 * runs of one token hash at lengths of one range of FUZZY_PACK_LENGTHS
 * (0-63, 64-127, ...), at most FUZZY_PACK_ROW_MAX bytes of them.  On a
 * 16 KiB page a row that size stays on its leaf page.
 */
#define FUZZY_PACK_RUN_MAX 512u
#define FUZZY_PACK_LENGTHS 64u
#define FUZZY_PACK_ROW_MAX 3072u

/* One stored run of a posting list: n variant ids of segments of one
 * length, a row of table fuzzy_postings or a section of a packed row
 * (seg < 0), whose ids fuzzy_index_runs() copied into the runs' `packed`
 * bytes at [offset, offset + bytes). */
struct posting_run {
	int64_t key;
	int64_t seg;
	unsigned length;
	long n;
	size_t offset, bytes;
};

struct posting_runs {
	struct posting_run *items;
	size_t count, alloc;
	unsigned char *packed;
	size_t npacked, packed_alloc;
	/* cut (fuzzy_index_runs()' `cap`): the runs of lengths cut_from
	 * and up are not all there; cut_n ids were seen at cut_from */
	int cut;
	unsigned cut_from;
	long cut_n;
};

void fuzzy_index_runs_clear(struct posting_runs *runs);

/*
 * Append to `runs` the runs of token hash `hash` for lengths lo..hi,
 * ordered by length.  With `cap` > 0, the reading stops once the rows of
 * its own (not packed) of one length hold more than `cap` ids: a word
 * that frequent is seldom read, and its rows, up to 4 KB each and four
 * to a leaf page, were most of the pages a search read (161 of the 200
 * of one match of the 1 M memory); runs->cut says where.  `st` is a
 * statement prepared from FUZZY_INDEX_RUNS_SQL.  Returns 0, or -1 with
 * `err` set: SQLite's error, or a damaged packed row.
 */
#define FUZZY_INDEX_RUNS_SQL \
	"SELECT key, seg, n, CASE WHEN seg < 0 THEN ids END" \
	" FROM fuzzy_postings WHERE key BETWEEN ?1 AND ?2"
int fuzzy_index_runs(sqlite3_stmt *st, uint64_t hash, unsigned lo,
		     unsigned hi, long cap, struct posting_runs *runs,
		     struct tmg_error *err);

/* How many rows of fuzzy_postings are damaged (a number or a section
 * cut short, a length out of range), into *count: tmgloss stats --verify
 * reads them all.  Returns 0, or -1 with `err` set (SQLite's error). */
int fuzzy_index_damaged_rows(sqlite3 *db, long long *count,
			     struct tmg_error *err);

/*
 * Decode the ids of run i of `runs` into `ids` (grown as needed; *n set
 * to the count).  `st` is prepared from FUZZY_INDEX_RUN_IDS_SQL.  Returns
 * 0, or -1 with `err` set: SQLite's error, or a damaged run
 * (posting-reader.h).
 */
#define FUZZY_INDEX_RUN_IDS_SQL \
	"SELECT ids FROM fuzzy_postings WHERE key = ?1 AND seg = ?2"
int fuzzy_index_run_ids(sqlite3_stmt *st, const struct posting_runs *runs,
			size_t i, int64_t **ids, size_t *alloc, size_t *n,
			struct tmg_error *err);

/* The stored token keys of a variant (fuzzy_index_token_key()); no row
 * for a variant the index does not hold. */
#define FUZZY_INDEX_TOKENS_SQL \
	"SELECT tokens FROM fuzzy_tokens WHERE variant_id = ?1"

/*
 * A word's key as fuzzy_tokens keeps it (schema 10): 16 bits, the four
 * quarters of its 64-bit key folded, stored little-endian in
 * FUZZY_INDEX_TOKEN_BYTES.  Only the edit-distance filter of fuzzy
 * matching reads them, and two different words that share a 16-bit key
 * can only make a candidate look closer than it is: the score, computed
 * on the text, decides.  Half the 32 bits of schemas 4 to 9: 3.8 MB less
 * on the real memory's 20.7 MB TMX.
 */
#define FUZZY_INDEX_TOKEN_BYTES 2

static inline uint16_t
fuzzy_index_token_key(uint64_t key)
{
	return (uint16_t)(key ^ key >> 16 ^ key >> 32 ^ key >> 48);
}

/* The i-th key of a stored tokens blob. */
static inline uint16_t
fuzzy_index_token_at(const unsigned char *tokens, size_t i)
{
	return (uint16_t)(tokens[2 * i] | tokens[2 * i + 1] << 8);
}

/* Store `key` as the i-th key of a tokens blob. */
static inline void
fuzzy_index_token_put(unsigned char *tokens, size_t i, uint16_t key)
{
	tokens[2 * i] = (unsigned char)(key & 0xff);
	tokens[2 * i + 1] = (unsigned char)(key >> 8);
}

/*
 * The index entry of one variant: its posting keys and the token keys
 * stored in fuzzy_tokens, computed without the database so that another
 * thread can do it (index-update.c), then stored with
 * fuzzy_index_add_entry().  An entry is reused from one build to the
 * next; free it with fuzzy_entry_clear().
 */
struct fuzzy_entry {
	int64_t *keys;    /* nkeys posting keys: the tokens' (at least one),
			     then the distinct stems', as built */
	int parts;        /* FUZZY_ENTRY_TOKENS, FUZZY_ENTRY_STEMS */
	unsigned char *tokens; /* ntokens token keys, as stored */
	size_t nkeys, ntokens, alloc;
	int truncated;    /* the segment had more than FUZZY_SEGMENT_MAX_WORDS */
	char group[16];   /* the language group of the variant */
	struct strbuf words; /* the keys of its alphabetic words, each
				NUL-terminated: the vocabulary */
	uint64_t *stems;  /* scratch */
	size_t stems_alloc;
};

/*
 * What builds entries, for one thread: the French stems' keyer and the
 * buffers that each variant's word break and keys go through, kept from
 * one variant to the next (no allocation per variant or token).
 */
struct fuzzy_entry_keyer;
struct fuzzy_entry_keyer *fuzzy_entry_keyer_new(void);
void fuzzy_entry_keyer_free(struct fuzzy_entry_keyer *keyer);
/* The parts of an entry: the token index's own (posting keys of the
 * words, the tokens row, the vocabulary, the language's count), and the
 * posting keys of a French variant's stems, which concordance alone reads
 * and the index takes in apart (index_pending's 'stems'). */
enum {
	FUZZY_ENTRY_TOKENS = 1,
	FUZZY_ENTRY_STEMS = 2,
};
/* Build the `parts` of the variant's entry (at least one). */
int fuzzy_entry_build(struct fuzzy_entry *entry,
		      const struct tmg_variant *variant,
		      struct fuzzy_entry_keyer *keyer, int parts,
		      struct tmg_error *err);
void fuzzy_entry_clear(struct fuzzy_entry *entry);
/* Store the entry of variant `variant_id`: its posting keys, and the rest
 * when it was built with FUZZY_ENTRY_TOKENS; variant ids ascending
 * between two flushes. */
int fuzzy_index_add_entry(struct fuzzy_index *index,
			  int64_t variant_id, const char *lang, int is_source,
			  const struct fuzzy_entry *entry,
			  struct tmg_error *err);

#endif
