/*
 * index/suggest-index.h -- internal to the engine: the translation index
 * (suggest-index.c) that term suggestion (suggest.c) and glossary
 * extraction (extract.c) read, and its keys, made from the term tokens of
 * text/text.h (term-tokens.c).  Not part of the public API.
 */
#ifndef TMGLOSS_INDEX_SUGGEST_INDEX_H
#define TMGLOSS_INDEX_SUGGEST_INDEX_H

#include <stdint.h>

#include <sqlite3.h>

#include "base/error.h"
#include "store/db.h"
#include "text/text.h"

/* ------------------------------ translation index (suggest-index.c) */

/*
 * The index of words and Han characters (and adjacent pairs of them) per
 * unit that suggest and extract use, brought up to date by index-update.c
 * within one transaction.  Postings are held in bounded memory (a
 * temporary file takes the rest, posting-builder.c) and written by
 * suggest_index_flush() (before the transaction commits) or dropped by
 * suggest_index_discard() (on rollback).
 */
struct suggest_index;

struct suggest_index *suggest_index_open(sqlite3 *db);
/* Entries go in with suggest_index_add_entry() (below). */
int suggest_index_flush(struct suggest_index *index, struct tmg_error *err);
void suggest_index_discard(struct suggest_index *index);
void suggest_index_close(struct suggest_index *index);

/* How many rows of the translation index's posting lists are damaged
 * (a number or a section cut short), into *count: tmgloss stats --verify
 * reads them all.  Returns 0, or -1 with `err` set (SQLite's error). */
int suggest_index_damaged_rows(sqlite3 *db, long long *count,
			       struct tmg_error *err);

/* Index keys: a content token alone, and two adjacent ones. */
int64_t suggest_index_unigram_key(const char *group, const char *key);
int64_t suggest_index_bigram_key(const char *group, const char *key1,
				 const char *key2);

/*
 * The index keys whose postings, intersected, hold every unit where the
 * tokens items[first .. first+n) occur as a term in language `group`: the
 * bigrams of the adjacent pairs, or the unigram of a one-token term.
 * Appends to keys (grown with xreallocarray); returns the new count.
 */
size_t suggest_index_term_keys(const char *group,
			       const struct term_tokens *tokens, size_t first,
			       size_t n, int64_t **keys, size_t *nkeys,
			       size_t *alloc);

/* ----------------------------------------------------- postings reading */

/* Sorted unit ids. */
struct suggest_id_list {
	int64_t *ids;
	size_t count, alloc;
};

void suggest_id_list_clear(struct suggest_id_list *list);

/* A reader of the translation index of a memory, with a cache of decoded
 * postings (suggest-index.c). */
struct suggest_reader;

/* Opens the reader on the index as it stands: the caller (the search
 * layer) brings it up to date first with memory_update_indexes() when it
 * can write; units still pending (a memory that cannot be written) are
 * read and keyed here, and every answer below counts them, as the index
 * would once up to date. */
struct suggest_reader *suggest_reader_open(struct tmg_memory *memory,
					   struct tmg_error *err);
void suggest_reader_close(struct suggest_reader *reader);
/*
 * The units whose `group` variant holds all of `keys` (intersection of
 * their postings) into `out`.  Returns 0 or -1 with err.
 */
int suggest_reader_units(struct suggest_reader *reader, const int64_t *keys,
			 size_t nkeys, struct suggest_id_list *out,
			 struct tmg_error *err);
/* As suggest_reader_units, only the count, optionally within `within`. */
int suggest_reader_count(struct suggest_reader *reader, const int64_t *keys,
			 size_t nkeys, const struct suggest_id_list *within,
			 long *count, struct tmg_error *err);
/* Units that have variants in both groups (the N of the statistics). */
int suggest_reader_pair_units(struct suggest_reader *reader,
			      const char *group1, const char *group2,
			      long *count, struct tmg_error *err);

/* Two language groups (group1 < group2) and the units with both. */
struct suggest_pair {
	char group1[16], group2[16];
	long units;
};

/* Every pair of groups with its units, most units first, then by the
 * groups' names; *pairs is the caller's to free.  Returns 0 or -1 with
 * err. */
int suggest_reader_all_pairs(struct suggest_reader *reader,
			     struct suggest_pair **pairs, size_t *count,
			     struct tmg_error *err);

/*
 * The index entry of one unit in the translation index: its posting keys
 * and its language groups, computed without the database so that another
 * thread can do it (index-update.c), then added with
 * suggest_index_add_entry().  A keyer holds the stemmers and token
 * buffers of one thread.
 */
struct suggest_keyer;
struct suggest_keyer *suggest_keyer_new(void);
void suggest_keyer_free(struct suggest_keyer *keyer);

struct suggest_entry {
	int64_t *keys;        /* nkeys posting keys, none 0 */
	size_t nkeys, akeys;
	char groups[16][16];  /* the unit's language groups */
	size_t ngroups;
};

int suggest_entry_build(struct suggest_keyer *keyer,
			const struct tmg_unit *unit,
			struct suggest_entry *entry, struct tmg_error *err);
void suggest_entry_clear(struct suggest_entry *entry);
/* Store the entry of unit `unit_id` (ids ascending between two flushes). */
int suggest_index_add_entry(struct suggest_index *index, int64_t unit_id,
			    const struct suggest_entry *entry,
			    struct tmg_error *err);

#endif
