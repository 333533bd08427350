/*
 * index/index.h -- the search indexes, seen from above: an import only
 * stores units; the fuzzy-matching index (fuzzy-index.c) and the
 * translation index (suggest-index.c) take in the units stored since they
 * were last brought up to date when memory_update_indexes() runs
 * (index-update.c).  The search layer calls it at its entry points, the
 * command line for `tmgloss index`; `tmgloss import --index` has the
 * import run the same pass before it commits
 * (memory_update_indexes_at_commit()); nothing below calls it.
 */
#ifndef TMGLOSS_INDEX_INDEX_H
#define TMGLOSS_INDEX_INDEX_H

#include "base/error.h"
#include "store/store.h"

/* Which indexes memory_update_indexes() brings up to date: a search
 * brings the one it reads, so that the first match after an import does
 * not wait for the translation index too (it costs a third of a pass
 * over both), nor the first `suggest` for the token index, nor the first
 * match for the token index's French stems, which only concordance reads
 * (27 % of the token index's CPU; BENCHMARKS.md). */
enum memory_indexes {
	INDEX_FUZZY = 1,    /* fuzzy matches, concordance */
	INDEX_SUGGEST = 2,  /* suggest, extract */
	INDEX_STEMS = 4,    /* concordance's inflected forms (French) */
	INDEX_ALL = INDEX_FUZZY | INDEX_SUGGEST | INDEX_STEMS,
};

/*
 * Bring the indexes `which` says up to date in one pass and one
 * transaction.  `progress` (may be NULL) is called now and then with the
 * units indexed so far and the number pending.  Returns the number of
 * units indexed (0 when those indexes were up to date), or -1 with `err`
 * set and the memory unchanged.
 */
typedef void (*memory_progress_fn)(void *data, long long done,
				   long long total);
long long memory_update_indexes(struct tmg_memory *memory,
				enum memory_indexes which,
				memory_progress_fn progress, void *data,
				struct tmg_error *err);

/*
 * The same pass over both indexes inside the write transaction of an
 * import about to commit,
 * as a memory_on_import_commit() function (`data` unused): an import that
 * sets it commits its units indexed, so that no reader ever finds them
 * pending.  Nothing is committed or rolled back here; on -1 (`err` set)
 * the import rolls back, which leaves the memory as it was before it.
 */
int memory_update_indexes_at_commit(struct tmg_memory *memory, void *data,
				    struct tmg_error *err);

/*
 * tmgloss stats --verify: every posting list of both indexes read
 * through, as the searches would read them; the rows that would stop a
 * search ("the search index is damaged") counted into *fuzzy and
 * *suggest.  Returns 0, or -1 with `err` set (SQLite's error).
 */
int memory_damaged_postings(struct tmg_memory *memory, long long *fuzzy,
			    long long *suggest, struct tmg_error *err);

#endif /* TMGLOSS_INDEX_INDEX_H */
