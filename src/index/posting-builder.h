/*
 * posting-builder.h -- internal to the engine: the posting lists an index
 * update (index-update.c) adds to an index (fuzzy-index.c,
 * suggest-index.c), gathered in a bounded amount of memory and handed back
 * sorted by key when the index flushes them, before the update commits.
 * Not part of the public API (tmgloss.h).
 *
 * A list is a key and ascending ids, delta-coded as LEB128 varints, the
 * first id written whole: the `ids` blob both indexes store.  A key's list
 * may come back as several runs (each with its own first id written
 * whole), in ascending id order, each the longest that fits in
 * POSTING_RUN_MAX bytes: how a list is cut depends on its ids only, not
 * on the budget or on when the builder spilled.
 */
#ifndef TMGLOSS_POSTING_BUILDER_H
#define TMGLOSS_POSTING_BUILDER_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

/*
 * The longest blob of one run handed back (a longer list is cut): a row
 * of either index (its key, first id, count and this blob) then stays on
 * its B-tree leaf.  SQLite keeps at most 4,086 bytes of a cell on a leaf
 * of the memory's 16 KiB pages and puts the rest on overflow pages of
 * their own: a run of 5 KB left a page 12 KB empty.  Cut at 64 KiB,
 * the 1 M memory's postings had 48 MB of such space (648 MB file);
 * at 4,032 bytes none (604 MB), with the same index time and matches.
 */
#define POSTING_RUN_MAX 4032u

struct posting_builder;

/* The budget each index's builder gets for an index update: about
 * 671,000 postings; the rest waits in the temporary file until the
 * flush.  16 MiB rather than 4: the 1 M-unit pass spills a quarter as
 * many runs (fresh index, six runs each: 20.1-21.3 s against 20.4-26.8 s
 * wall, peak RSS 81 MB against 57 MB); the real memory's pass is no
 * faster (BENCHMARKS.md). */
#define POSTING_BUILDER_MEMORY (16u << 20)

/* Bytes of the budget one posting takes: a budget of n times this holds
 * n postings. */
#define POSTING_BUILDER_BYTES 25u

/*
 * A builder that keeps at most `memory_budget` bytes of postings in
 * memory (but always room for one) and spills the rest, sorted, to an
 * anonymous temporary file (tmpfile(), gone with the process).  The
 * environment variable TMGLOSS_POSTINGS_MEMORY (bytes), when set,
 * replaces the budget: tests make index updates spill with it.
 * Free with posting_builder_free().
 */
struct posting_builder *posting_builder_new(size_t memory_budget);
void posting_builder_free(struct posting_builder *b);

/*
 * Add `id` to the list of `key` (not 0).  The ids of one key must come in
 * ascending order; an id not above the key's last (the same id again) is
 * ignored.  Returns 0, or -1 with `err` set when the temporary file
 * cannot be written.
 */
int posting_builder_add(struct posting_builder *b, int64_t key, int64_t id,
			struct tmg_error *err);

/*
 * posting_builder_add() for each of keys[0..n) (none 0) with the same
 * `id`, copied into the builder's array at once.
 */
int posting_builder_add_keys(struct posting_builder *b, const int64_t *keys,
			     size_t n, int64_t id, struct tmg_error *err);

/* Called for every run, keys ascending, a key's runs by ascending ids;
 * `ids` is only valid during the call.  Returns 0 or -1 with `err` set. */
typedef int (*posting_run_fn)(void *arg, int64_t key, int64_t first,
			      long n, const void *ids, size_t len,
			      struct tmg_error *err);

/*
 * Hand every list added since the last finish (or discard) to `write`,
 * then forget them.  Returns 0, or -1 with `err` set (the lists are
 * forgotten as well).
 */
int posting_builder_finish(struct posting_builder *b, posting_run_fn write,
			   void *arg, struct tmg_error *err);

/* Forget the lists added since the last finish, in memory and spilled. */
void posting_builder_discard(struct posting_builder *b);

/* Bytes of postings held in memory now (for tests and tuning). */
size_t posting_builder_memory(const struct posting_builder *b);

/* Runs in the temporary file now, after merges (for tests). */
size_t posting_builder_runs(const struct posting_builder *b);

#endif
