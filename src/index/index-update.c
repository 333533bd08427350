/*
 * index-update.c -- brings the memory's two search indexes up to date with
 * its units: the token index of fuzzy matching and concordance
 * (fuzzy-index.c) and the translation index of suggest and extract
 * (suggest-index.c).
 *
 * An import only stores units.  Before it commits it records, for each
 * index, the first unit it added in index_pending (store.c, version 7):
 * every unit whose id is at or above an index's first_unit is pending for
 * that index.  The token index's French stems, which concordance reads
 * and a match does not, have a mark of their own ('stems', version 12).
 * The first command that searches calls memory_update_indexes() for what
 * it reads, which reads the pending units in id order, feeds the indexes
 * in the same pass (tokens.c keeps the word boundaries of the last few
 * texts, so a variant is broken into words once for all), writes their
 * postings and clears their marks, in one transaction.
 *
 * Why not always index within the import: the two indexes tokenise every
 * variant and make about 150 postings per unit, which made an import four
 * to five times as long as storing the units (BENCHMARKS.md, "Import").
 * Storing first and indexing in one pass afterwards is the usual way to
 * bulk-load a database (create the index after the load), costs no more
 * in all, and lets a translator import several files and pay for indexing
 * once.  An import that wants its units searchable the moment it commits
 * (tmgloss import --index, a server's writer) runs the same pass inside
 * its own transaction just before the COMMIT
 * (memory_update_indexes_at_commit(), through store's
 * memory_on_import_commit()): the units are then never
 * pending, and a failure of the pass rolls the whole import back.
 *
 * Invariants:
 *   - a unit is in an index or pending for it, never both: the pass that
 *     indexes units removes the marks in the same transaction, and an
 *     import that rolls back leaves no mark;
 *   - an import's new units have ids above every stored unit's (SQLite
 *     gives a new row the largest rowid plus one), so "at or above its
 *     first new unit" is exactly the units it added and any added after;
 *     when the largest unit is deleted and its id given again to a new
 *     one, that import marks it, as it marks every unit it adds;
 *   - variants are read in (unit id, variant id) order, which is also
 *     variant id order since a unit's variants are inserted right after
 *     it: both indexes need their ids ascending (posting-builder.c).
 *
 * Two threads share the work: this one reads the pending units from the
 * database in batches and stores their entries (the token index's token
 * rows and postings, the translation index's postings, which only go to
 * the database at the flush); a worker builds the entries of the next
 * batches meanwhile (breaking texts into words and hashing keys, the
 * larger half of the cost).  Batches go
 * round a ring of NBATCHES slots and are stored in the order they were
 * read, so the result is the same as with one thread, which is what
 * TMGLOSS_INDEX_THREAD=0 in the environment (or a failure to start the
 * worker) gives.  When this thread has nothing to read (the ring is full,
 * or every row is read) it builds the newest batch the worker has not
 * taken rather than wait: the worker was the pass's bound, with this
 * thread idle a quarter of the time (first match on the real memory
 * 0.90 -> 0.82 s, x8 7.5 -> 6.5 s; BENCHMARKS.md).  Whichever thread
 * takes a batch marks it BATCH_BUILDING under the lock, and builds it
 * with its own keyers.  The worker never touches the database
 * connection.
 */
#include <config.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/bulkmem.h"
#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "index/fuzzy-index.h"
#include "index/index.h"
#include "index/suggest-index.h"
#include "store/db.h"
#include "store/store.h"
#include "text/text.h"

/* Pending units from which a pass asks for huge pages for its heap
 * (bulkmem.h): some tens of megabytes touched, where a page fault less
 * pays; below, a pass touches too little for it. */
#define BULK_UNITS 10000
/* Units between two calls of the progress callback. */
#define PROGRESS_EVERY 2000
/* Units per batch, and batches in the ring between the two threads:
 * enough for the worker to go on building while this thread is busy a
 * while elsewhere (a posting builder's spill and its merges take it 0.1
 * to 0.3 s on the 1 M-unit memory).  32 rather than 4: 17.5 s against
 * 18.8-19.6 s on that memory, three runs each (BENCHMARKS.md). */
#define BATCH_UNITS 128
#define NBATCHES 32
/* An entry's arrays larger than these (postings) are freed when its batch
 * is emptied, rather than kept for the next unit in that slot: the ring
 * would otherwise keep the largest entries it ever held. */
#define KEEP_FUZZY_KEYS 256
#define KEEP_SUGGEST_KEYS 1024


/* A batch of pending units and, once built, their index entries. */
struct batch {
	enum { BATCH_FREE, BATCH_FILLED, BATCH_BUILDING, BATCH_BUILT } state;
	size_t nunits, nvariants;
	struct tmg_unit units[BATCH_UNITS];
	int64_t unit_ids[BATCH_UNITS];
	size_t first_variant[BATCH_UNITS]; /* into the arrays below */
	struct suggest_entry suggest[BATCH_UNITS];
	int64_t *variant_ids;
	int *is_source;
	struct fuzzy_entry *fuzzy;
	/* the variants' texts and markups, each NUL-terminated, in one
	 * buffer kept from batch to batch (where they are, until the batch
	 * is full and the buffer stops moving) */
	struct strbuf strings;
	size_t *text_at, *markup_at;
	size_t avariants;
	int failed;
	struct tmg_error err;
};

/* The pass over the pending units. */
struct update {
	sqlite3 *db;
	sqlite3_stmt *rows;            /* the pending variants */
	int row_ready;                 /* rows holds a row not yet taken */
	int rows_done;
	struct store_pending pending;
	struct fuzzy_index *fuzzy;     /* NULL when up to date */
	struct suggest_index *suggest; /* NULL when up to date */
	struct batch *batches;         /* NBATCHES of them (on the heap:
					  a few hundred KB) */
	/* the worker */
	int threaded, stop;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t filled, built;
	size_t nfilled;                /* batches filled so far */
	size_t next_to_build;          /* batch counter of the worker */
	struct suggest_keyer *keyer;   /* the worker's */
	struct fuzzy_entry_keyer *fkeyer; /* the worker's */
	/* this thread's, for the batches it builds itself */
	struct suggest_keyer *own_keyer;
	struct fuzzy_entry_keyer *own_fkeyer;
	int bulk;                      /* huge pages asked (bulkmem.h) */
	int warm;                      /* the worker makes ICU's objects
					  before its first batch */
};

/* The parts of the token index's entries the unit needs: its own, its
 * French stems (FUZZY_ENTRY_*), or none. */
static int
fuzzy_parts(const struct update *u, int64_t unit_id)
{
	int parts = 0;

	if (u->fuzzy == NULL)
		return 0;
	if (u->pending.fuzzy && unit_id >= u->pending.fuzzy_from)
		parts |= FUZZY_ENTRY_TOKENS;
	if (u->pending.stems && unit_id >= u->pending.stems_from)
		parts |= FUZZY_ENTRY_STEMS;
	return parts;
}

static int
wants_suggest(const struct update *u, int64_t unit_id)
{
	return u->suggest && unit_id >= u->pending.suggest_from;
}

/* A unit's variants point into the batch's strings: let go of them. */
static void
unit_forget_strings(struct tmg_unit *unit)
{
	for (size_t v = 0; v < unit->nvariants; v++)
		unit->variants[v].text = unit->variants[v].markup = NULL;
}

static void
batch_clear(struct batch *b)
{
	for (size_t i = 0; i < b->nunits; i++) {
		/* only the variants were filled: their array is kept */
		unit_forget_strings(&b->units[i]);
		b->units[i].nvariants = 0;
		if (b->suggest[i].akeys > KEEP_SUGGEST_KEYS)
			suggest_entry_clear(&b->suggest[i]);
	}
	strbuf_reset(&b->strings);
	for (size_t i = 0; i < b->nvariants; i++)
		if (b->fuzzy[i].alloc > KEEP_FUZZY_KEYS)
			fuzzy_entry_clear(&b->fuzzy[i]);
	b->nunits = b->nvariants = 0;
	b->failed = 0;
}

static void
batch_free(struct batch *b)
{
	batch_clear(b);
	for (size_t i = 0; i < BATCH_UNITS; i++) {
		unit_clear(&b->units[i]);
		suggest_entry_clear(&b->suggest[i]);
	}
	for (size_t i = 0; i < b->avariants; i++)
		fuzzy_entry_clear(&b->fuzzy[i]);
	free(b->fuzzy);
	free(b->variant_ids);
	free(b->is_source);
	free(b->text_at);
	free(b->markup_at);
	strbuf_release(&b->strings);
}

/* Where the batch's strings say nothing: a variant without markup. */
#define NO_STRING ((size_t)-1)
/* The text of a variant whose text is NULL (never written to). */
static char no_text[1];

/* Column `col` of the current row into the batch's strings: where it is,
 * or NO_STRING for a NULL. */
static size_t
gather_string(struct batch *b, sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	size_t at = b->strings.len;

	if (s == NULL)
		return NO_STRING;
	strbuf_add(&b->strings, s, (size_t)sqlite3_column_bytes(st, col) + 1);
	return at;
}

/* Add the variant of the current row to the batch's last unit. */
static void
gather_variant(struct batch *b, sqlite3_stmt *st)
{
	const char *lang = (const char *)sqlite3_column_text(st, 2);
	struct tmg_variant *v = unit_add_variant(&b->units[b->nunits - 1]);
	size_t i = b->nvariants++, len = 0;

	if (i == b->avariants) {
		size_t n = b->avariants ? 2 * b->avariants : 2 * BATCH_UNITS;

		b->variant_ids = xreallocarray(b->variant_ids, n,
					       sizeof *b->variant_ids);
		b->is_source = xreallocarray(b->is_source, n,
					     sizeof *b->is_source);
		b->fuzzy = xreallocarray(b->fuzzy, n, sizeof *b->fuzzy);
		b->text_at = xreallocarray(b->text_at, n, sizeof *b->text_at);
		b->markup_at = xreallocarray(b->markup_at, n,
					     sizeof *b->markup_at);
		memset(b->fuzzy + b->avariants, 0,
		       (n - b->avariants) * sizeof *b->fuzzy);
		b->avariants = n;
	}
	/* as snprintf "%s" would, cut to the field, without formatting */
	if (lang) {
		len = strnlen(lang, sizeof v->lang - 1);
		memcpy(v->lang, lang, len);
	}
	v->lang[len] = '\0';
	b->text_at[i] = gather_string(b, st, 4);
	b->markup_at[i] = gather_string(b, st, 5);
	b->variant_ids[i] = sqlite3_column_int64(st, 1);
	b->is_source[i] = sqlite3_column_int(st, 3);
}

/* Fill `b` with up to BATCH_UNITS whole units from the query; 0 when there
 * are none left, -1 on a database error. */
static int
fill_batch(struct update *u, struct batch *b, struct tmg_error *err)
{
	int rc;

	batch_clear(b);
	for (;;) {
		int64_t id;

		if (!u->row_ready) {
			if (u->rows_done)
				break;
			rc = sqlite3_step(u->rows);
			if (rc == SQLITE_DONE) {
				u->rows_done = 1;
				break;
			}
			if (rc != SQLITE_ROW)
				return store_db_error(u->db, err);
			u->row_ready = 1;
		}
		id = sqlite3_column_int64(u->rows, 0);
		if (b->nunits == 0 || id != b->unit_ids[b->nunits - 1]) {
			if (b->nunits == BATCH_UNITS)
				break; /* the row starts the next batch */
			b->unit_ids[b->nunits] = id;
			b->first_variant[b->nunits] = b->nvariants;
			b->nunits++;
		}
		gather_variant(b, u->rows);
		u->row_ready = 0;
	}
	/* the strings are all in: point the variants at them */
	for (size_t i = 0; i < b->nunits; i++) {
		struct tmg_unit *unit = &b->units[i];

		for (size_t v = 0; v < unit->nvariants; v++) {
			size_t at = b->first_variant[i] + v;

			unit->variants[v].text = b->text_at[at] == NO_STRING ?
				no_text : b->strings.buf + b->text_at[at];
			unit->variants[v].markup =
				b->markup_at[at] == NO_STRING ? NULL :
				b->strings.buf + b->markup_at[at];
		}
	}
	return b->nunits > 0;
}

/* The entries of the batch's units (any thread: no database), with the
 * building thread's keyers. */
static void
build_batch(struct update *u, struct batch *b, struct suggest_keyer *keyer,
	    struct fuzzy_entry_keyer *fkeyer)
{
	for (size_t i = 0; i < b->nunits && !b->failed; i++) {
		const struct tmg_unit *unit = &b->units[i];
		size_t first = b->first_variant[i];
		int parts = fuzzy_parts(u, b->unit_ids[i]);

		if (parts)
			for (size_t v = 0; v < unit->nvariants; v++)
				if (fuzzy_entry_build(&b->fuzzy[first + v],
						      &unit->variants[v],
						      fkeyer, parts,
						      &b->err) < 0)
					b->failed = 1;
		if (!b->failed && wants_suggest(u, b->unit_ids[i]) &&
		    suggest_entry_build(keyer, unit, &b->suggest[i],
					&b->err) < 0)
			b->failed = 1;
	}
}

/* Store the batch's entries (this thread, in the order the batches were
 * read): the token index's to the database and its posting builder, the
 * translation index's to its posting builder, which only writes at the
 * flush. */
static int
store_batch(struct update *u, struct batch *b, struct tmg_error *err)
{
	if (b->failed) {
		*err = b->err;
		return -1;
	}
	for (size_t i = 0; i < b->nunits; i++) {
		const struct tmg_unit *unit = &b->units[i];
		size_t first = b->first_variant[i];

		if (fuzzy_parts(u, b->unit_ids[i]))
			for (size_t v = 0; v < unit->nvariants; v++)
				if (fuzzy_index_add_entry(u->fuzzy,
						b->variant_ids[first + v],
						unit->variants[v].lang,
						b->is_source[first + v],
						&b->fuzzy[first + v], err) < 0)
					return -1;
		if (wants_suggest(u, b->unit_ids[i]) &&
		    suggest_index_add_entry(u->suggest, b->unit_ids[i],
					    &b->suggest[i], err) < 0)
			return -1;
	}
	return 0;
}

static void *
worker_main(void *arg)
{
	struct update *u = arg;

	if (u->bulk)
		bulkmem_thread_begin();
	/* an error here is the first key's again, where it is reported */
	if (u->warm)
		text_key_prepare(SEGMENT_INDEX_FLAGS,
				  &(struct tmg_error){ 0 });
	pthread_mutex_lock(&u->lock);
	for (;;) {
		struct batch *b;

		while (!u->stop && u->next_to_build == u->nfilled)
			pthread_cond_wait(&u->filled, &u->lock);
		if (u->stop)
			break;
		b = &u->batches[u->next_to_build % NBATCHES];
		u->next_to_build++;
		if (b->state != BATCH_FILLED)
			continue; /* the other thread took it */
		b->state = BATCH_BUILDING;
		pthread_mutex_unlock(&u->lock);
		build_batch(u, b, u->keyer, u->fkeyer);
		pthread_mutex_lock(&u->lock);
		b->state = BATCH_BUILT;
		pthread_cond_signal(&u->built);
	}
	pthread_mutex_unlock(&u->lock);
	return NULL; /* the text layer frees this thread's objects itself */
}

static void
start_worker(struct update *u)
{
	const char *env = getenv("TMGLOSS_INDEX_THREAD");

	if (env && strcmp(env, "0") == 0)
		return;
	pthread_mutex_init(&u->lock, NULL);
	pthread_cond_init(&u->filled, NULL);
	pthread_cond_init(&u->built, NULL);
	if (pthread_create(&u->thread, NULL, worker_main, u) != 0) {
		pthread_cond_destroy(&u->built);
		pthread_cond_destroy(&u->filled);
		pthread_mutex_destroy(&u->lock);
		return; /* one thread does it all */
	}
	u->threaded = 1;
}

static void
stop_worker(struct update *u)
{
	if (!u->threaded)
		return;
	pthread_mutex_lock(&u->lock);
	u->stop = 1;
	pthread_cond_signal(&u->filled);
	pthread_mutex_unlock(&u->lock);
	pthread_join(u->thread, NULL);
	pthread_cond_destroy(&u->built);
	pthread_cond_destroy(&u->filled);
	pthread_mutex_destroy(&u->lock);
	u->threaded = 0;
}

/* Build batch `b` in this thread, with its own keyers. */
static void
build_here(struct update *u, struct batch *b)
{
	if (u->own_keyer == NULL) {
		u->own_keyer = suggest_keyer_new();
		u->own_fkeyer = fuzzy_entry_keyer_new();
	}
	build_batch(u, b, u->own_keyer, u->own_fkeyer);
}

/* Hand a filled batch to the worker, or build it here. */
static void
submit_batch(struct update *u, struct batch *b)
{
	if (!u->threaded) {
		build_here(u, b);
		b->state = BATCH_BUILT;
		return;
	}
	pthread_mutex_lock(&u->lock);
	b->state = BATCH_FILLED;
	u->nfilled++;
	pthread_cond_signal(&u->filled);
	pthread_mutex_unlock(&u->lock);
}

/*
 * Rather than wait for the worker, build the newest batch it has not
 * taken, between `stored` and `filled` (the worker takes them oldest
 * first, so the two rarely want the same one).  Returns 0 when there is
 * none, and the caller waits.
 */
static int
help_worker(struct update *u, size_t stored, size_t filled)
{
	struct batch *b = NULL;

	if (!u->threaded)
		return 0;
	pthread_mutex_lock(&u->lock);
	for (size_t i = filled; i > stored; i--)
		if (u->batches[(i - 1) % NBATCHES].state == BATCH_FILLED) {
			b = &u->batches[(i - 1) % NBATCHES];
			b->state = BATCH_BUILDING;
			break;
		}
	pthread_mutex_unlock(&u->lock);
	if (b == NULL)
		return 0;
	build_here(u, b);
	pthread_mutex_lock(&u->lock);
	b->state = BATCH_BUILT;
	pthread_mutex_unlock(&u->lock);
	return 1;
}

static void
set_free(struct update *u, struct batch *b)
{
	if (u->threaded)
		pthread_mutex_lock(&u->lock);
	b->state = BATCH_FREE;
	if (u->threaded)
		pthread_mutex_unlock(&u->lock);
}

/* Wait until batch `b` is built (or only look, when !wait): 1 if it is. */
static int
batch_built(struct update *u, struct batch *b, int wait)
{
	int built;

	if (!u->threaded)
		return b->state == BATCH_BUILT;
	pthread_mutex_lock(&u->lock);
	while (wait && b->state != BATCH_BUILT)
		pthread_cond_wait(&u->built, &u->lock);
	built = b->state == BATCH_BUILT;
	pthread_mutex_unlock(&u->lock);
	return built;
}

static int
index_pending_units(struct update *u, memory_progress_fn progress,
		    void *data, long long total, long long *done,
		    struct tmg_error *err)
{
	static const char sql[] =
		"SELECT unit_id, id, lang, is_source, text, markup"
		" FROM variants WHERE unit_id >= ?1 ORDER BY unit_id, id";
	size_t filled = 0, stored = 0;
	long long reported = 0;
	int ret = -1;

	if (sqlite3_prepare_v2(u->db, sql, -1, &u->rows, NULL) != SQLITE_OK)
		return store_db_error(u->db, err);
	sqlite3_bind_int64(u->rows, 1, store_pending_from(&u->pending));
	for (;;) {
		struct batch *b;
		int more, stored_one = 0;

		/* store the oldest batch if it is built, then fill the slot
		 * it frees, one at a time: storing the whole ring's built
		 * batches before filling any would leave the worker
		 * waiting */
		if (stored < filled &&
		    batch_built(u, &u->batches[stored % NBATCHES], 0)) {
			b = &u->batches[stored % NBATCHES];
			if (store_batch(u, b, err) < 0)
				goto out;
			*done += (long long)b->nunits;
			set_free(u, b);
			stored++;
			stored_one = 1;
			if (progress && *done - reported >= PROGRESS_EVERY) {
				progress(data, *done, total);
				reported = *done;
			}
		}
		if ((u->rows_done && !u->row_ready) ||
		    filled - stored == NBATCHES) {
			if (stored == filled)
				break;
			if (stored_one)
				continue;
			/* nothing to read, or the ring is full: build a
			 * batch, or wait for the oldest */
			if (!help_worker(u, stored, filled))
				batch_built(u, &u->batches[stored % NBATCHES],
					    1);
			continue;
		}
		b = &u->batches[filled % NBATCHES];
		if ((more = fill_batch(u, b, err)) < 0)
			goto out;
		if (more) {
			submit_batch(u, b);
			filled++;
		}
	}
	ret = 0;
out:
	sqlite3_finalize(u->rows);
	u->rows = NULL;
	return ret;
}

/* The batches, the keyers and the worker of a pass. */
static void
pass_begin(struct update *u)
{
	u->batches = xcalloc(NBATCHES, sizeof *u->batches);
	for (size_t i = 0; i < NBATCHES; i++)
		for (size_t j = 0; j < BATCH_UNITS; j++)
			unit_init(&u->batches[i].units[j]);
	u->keyer = suggest_keyer_new();
	u->fkeyer = fuzzy_entry_keyer_new();
	start_worker(u);
}

/* The worker stopped, the batches and keyers freed (if there are). */
static void
pass_end(struct update *u)
{
	if (u->batches == NULL)
		return;
	stop_worker(u);
	for (size_t i = 0; i < NBATCHES; i++)
		batch_free(&u->batches[i]);
	free(u->batches);
	u->batches = NULL;
	suggest_keyer_free(u->keyer);
	u->keyer = NULL;
	fuzzy_entry_keyer_free(u->fkeyer);
	u->fkeyer = NULL;
	suggest_keyer_free(u->own_keyer);
	u->own_keyer = NULL;
	fuzzy_entry_keyer_free(u->own_fkeyer);
	u->own_fkeyer = NULL;
}

/* Keep of the marks `p` those of the indexes `which`: an index left out
 * keeps its mark for the command that reads it.  Is any left? */
static int
pending_of(struct store_pending *p, enum memory_indexes which)
{
	p->fuzzy &= (which & INDEX_FUZZY) != 0;
	p->suggest &= (which & INDEX_SUGGEST) != 0;
	p->stems &= (which & INDEX_STEMS) != 0;
	return p->fuzzy || p->suggest || p->stems;
}

/* Does the pass for `p` only write tables that are empty (the token
 * index, stems included, or the translation index built from nothing)?
 * 1 or 0, -1 on error.  A stems pass writes into a built token index. */
static int
builds_from_nothing(sqlite3 *db, const struct store_pending *p,
		    struct tmg_error *err)
{
	static const char *const sql[] = {
		"SELECT EXISTS (SELECT 1 FROM fuzzy_postings)"
		" OR EXISTS (SELECT 1 FROM fuzzy_tokens)",
		"SELECT EXISTS (SELECT 1 FROM suggest_postings)",
	};
	int writes[] = { p->fuzzy || p->stems, p->suggest };

	for (size_t i = 0; i < 2; i++) {
		sqlite3_stmt *st;
		int rc, found;

		if (!writes[i])
			continue;
		if (store_prepare(db, sql[i], &st, err) < 0)
			return -1;
		rc = sqlite3_step(st);
		found = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW)
			return store_db_error(db, err);
		if (found)
			return 0;
	}
	return 1;
}

/* The pass over the pending units, inside the write transaction the
 * caller holds; on -1 the caller rolls it back.  `pre`, if not NULL, is
 * a pass whose caller has decided on huge pages before the transaction
 * (and begun it there, its worker started, when it is large), and ends
 * it (pre_end()). */
static long long
update_within(struct tmg_memory *memory, enum memory_indexes which,
	      memory_progress_fn progress, void *data, struct update *pre,
	      struct tmg_error *err)
{
	struct update local, *u = pre ? pre : &local;
	long long total, done = 0;
	int64_t from;
	char done_sql[128];
	int ret;

	if (pre == NULL)
		memset(&local, 0, sizeof local);
	u->db = memory_db(memory);
	if (store_pending_read(u->db, &u->pending, err) < 0)
		return -1;
	if (!pending_of(&u->pending, which))
		return 0;
	/* the marks of the indexes this pass brings up to date */
	snprintf(done_sql, sizeof done_sql, "DELETE FROM index_pending"
		 " WHERE index_name IN ('%s', '%s', '%s')",
		 u->pending.fuzzy ? "fuzzy" : "", u->pending.suggest ?
		 "suggest" : "", u->pending.stems ? "stems" : "");
	from = store_pending_from(&u->pending);
	/* the caller of a pass prepared before the transaction has asked
	 * already; else, before the count, which reads the units' pages
	 * into the cache */
	if (pre == NULL) {
		if ((total = store_units_from_at_most(u->db, from, err)) < 0)
			return -1;
		if ((u->bulk = total >= BULK_UNITS))
			bulkmem_begin();
	}
	total = store_count_units_from(u->db, from, err);
	if (total < 0) {
		done = -1;
		goto out;
	}
	if (u->batches == NULL)
		pass_begin(u);
	if (progress)
		progress(data, 0, total);
	if (u->pending.fuzzy || u->pending.stems)
		u->fuzzy = fuzzy_index_open(u->db);
	if (u->pending.suggest)
		u->suggest = suggest_index_open(u->db);
	ret = index_pending_units(u, progress, data, total, &done, err);
	pass_end(u);
	if (ret < 0 ||
	    (u->fuzzy && fuzzy_index_flush(u->fuzzy, err) < 0) ||
	    (u->suggest && suggest_index_flush(u->suggest, err) < 0) ||
	    store_exec(u->db, done_sql, err) < 0) {
		fuzzy_index_discard(u->fuzzy);
		suggest_index_discard(u->suggest);
		done = -1;
	} else if (progress) {
		progress(data, done, total);
	}
	fuzzy_index_close(u->fuzzy);
	suggest_index_close(u->suggest);
	u->fuzzy = NULL;
	u->suggest = NULL;
out:
	if (pre == NULL) {
		pass_end(u);
		if (u->bulk)
			bulkmem_end();
	}
	return done;
}

int
memory_damaged_postings(struct tmg_memory *memory, long long *fuzzy,
			long long *suggest, struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);

	if (fuzzy_index_damaged_rows(db, fuzzy, err) < 0 ||
	    suggest_index_damaged_rows(db, suggest, err) < 0)
		return -1;
	return 0;
}

int
memory_update_indexes_at_commit(struct tmg_memory *memory, void *data,
				struct tmg_error *err)
{
	(void)data;
	return update_within(memory, INDEX_ALL, NULL, NULL, NULL, err) < 0 ?
		-1 : 0;
}

/* End a pass memory_update_indexes() prepared before its transaction. */
static void
pre_end(struct update *pre)
{
	pass_end(pre);
	if (pre->bulk)
		bulkmem_end();
}

long long
memory_update_indexes(struct tmg_memory *memory, enum memory_indexes which,
		      memory_progress_fn progress, void *data,
		      struct tmg_error *err)
{
	struct store_pending pending;
	sqlite3 *db = memory_db(memory);
	struct update pre;
	long long done, units;
	int mapped, bulk;

	/* nothing to do, the usual case: no write lock taken */
	if (store_pending_read(db, &pending, err) < 0)
		return -1;
	if (!pending_of(&pending, which))
		return 0;
	if (memory_read_only(memory)) {
		tmg_error_set(err, memory_path(memory), 0, 0, "%s",
			      _("the indexes are not up to date and the memory "
				"is read-only; its owner can run "
				"'tmgloss index'"));
		return -1;
	}

	/* A large pass is begun now: its worker makes ICU's objects (the
	 * Traditional-Simplified transliterator's rules take 23 ms to make
	 * once a process) while this thread switches the journal (an fsync)
	 * and waits for the write lock */
	if ((units = store_units_from_at_most(db, store_pending_from(&pending),
					      err)) < 0)
		return -1;
	memset(&pre, 0, sizeof pre);
	if (units >= BULK_UNITS) {
		pre.bulk = pre.warm = 1;
		bulkmem_begin();
		pass_begin(&pre);
	}
	/* A search's memory is mapped: the pass reads every pending unit,
	 * and its resident memory must not grow with the file's size. */
	mapped = memory_unmap_reads(memory);
	/* An index built from nothing is all new pages: written once with
	 * a rollback journal (the real memory's `tmgloss index`: 0.98 ->
	 * 0.91 s) */
	if ((bulk = builds_from_nothing(db, &pending, err)) < 0) {
		if (mapped)
			memory_map_reads(memory);
		pre_end(&pre);
		return -1;
	}
	if (bulk)
		bulk = memory_bulk_journal_begin(memory);
	/* Another process updating the indexes (or importing) holds the
	 * write lock for as long as that takes: wait for it as every writer
	 * does (it may do the work this one needs), saying so after a
	 * second, rather than fail after the usual few seconds.  Another
	 * process may have brought them up to date meanwhile: the pass
	 * reads the marks again. */
	if (memory_begin_write(memory, err) < 0)
		done = -1;
	else if ((done = update_within(memory, which, progress, data, &pre,
				       err)) < 0 ||
		 store_exec(db, "COMMIT", err) < 0) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		done = -1;
	}
	if (bulk)
		memory_bulk_journal_end(memory);
	if (mapped)
		memory_map_reads(memory);
	pre_end(&pre);
	return done;
}
