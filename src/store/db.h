/*
 * store/db.h -- the SQLite side of the store, for the engine's layers that
 * run SQL of their own (index/, search/): the connection of a memory, the
 * schema version and statement helpers, collations, and the marks of the
 * units the search indexes have not taken in.  The command line never
 * includes it.
 */
#ifndef TMGLOSS_STORE_DB_H
#define TMGLOSS_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "base/error.h"
#include "store/store.h"

/* The SQLite handle of a memory.  Owned by the memory. */
sqlite3 *memory_db(struct tmg_memory *memory);

/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 13

/* Bring the schema of `db` up to STORE_SCHEMA_VERSION, in a transaction. */
int store_migrate(struct sqlite3 *db, struct tmg_error *err);
/*
 * The statement helpers every layer with SQL of its own uses.
 *
 * store_db_error() puts SQLite's last error on `db` into `err`, with the
 * database file's full name as the place; memory_db_error() does the same
 * for a memory's connection with the path the memory was opened by (what
 * the user typed).  Both return -1.
 */
int store_db_error(sqlite3 *db, struct tmg_error *err);
/* SQLite's last error on `db` as a user reads it: a busy or read-only
 * memory said in words (translated), anything else as SQLite says it. */
const char *store_errmsg(sqlite3 *db);
int memory_db_error(struct tmg_memory *memory, struct tmg_error *err);
/* Prepare `sql` into *st (NULL on failure).  Returns 0, or -1 with `err`
 * set by store_db_error(). */
int store_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st,
		  struct tmg_error *err);
/* Bind `text` to parameter `i`, or NULL when `text` is NULL.  Not copied:
 * the text must outlive the statement's next step. */
void store_bind_text(sqlite3_stmt *st, int i, const char *text);
/* Run one SQL statement with no parameters and no results. */
int store_exec(struct sqlite3 *db, const char *sql, struct tmg_error *err);

/*
 * Rows inserted several at a time (rows.c): `head` is the statement up to
 * VALUES ("INSERT OR FAIL INTO t (a, b)"), `ncols` the values of a row.
 * Give each row's values in column order (store_rows_int64(),
 * store_rows_blob(), store_rows_text(): copied), then store_rows_end(), which inserts the
 * waiting rows once STORE_ROWS_BATCH are there; store_rows_flush()
 * inserts those still waiting (call it before reading the table, and at
 * the end).  Rows go in in the order given.  On an error the waiting rows
 * are dropped: the caller rolls its transaction back.  An INSERT of
 * several rows that may abort keeps a statement journal: use OR FAIL or
 * OR REPLACE, not a plain INSERT.
 */
#define STORE_ROWS_BATCH 32
struct store_rows;
struct store_rows *store_rows_new(sqlite3 *db, const char *head, int ncols);
void store_rows_int64(struct store_rows *r, int64_t value);
void store_rows_blob(struct store_rows *r, const void *data, size_t len);
/* UTF-8 text; NULL for an SQL NULL. */
void store_rows_text(struct store_rows *r, const char *text);
int store_rows_end(struct store_rows *r, struct tmg_error *err);
int store_rows_flush(struct store_rows *r, struct tmg_error *err);
/* Drop the waiting rows (a rollback). */
void store_rows_discard(struct store_rows *r);
void store_rows_free(struct store_rows *r);

/*
 * Register an ICU collation for `locale` with SQLite (collation.c) and
 * write its name (to use in ORDER BY ... COLLATE name) into `name`.  The
 * connection owns the collator from then on.  Registering the same locale
 * twice is harmless.
 */
int collate_register(sqlite3 *db, const char *locale, char *name,
		     size_t size, struct tmg_error *err);

/* ------------------------------------------ pending index work (pending.c) */

/* Which search indexes are behind, and from which unit id on: the token
 * index ('fuzzy'), the translation index ('suggest'), and the token
 * index's French stems, which only concordance reads ('stems'). */
struct store_pending {
	int fuzzy, suggest, stems;
	int64_t fuzzy_from, suggest_from, stems_from;
};

/* Within an import's transaction: the indexes are to take in every unit
 * from `first_unit` on (memory.c calls it before the import commits). */
int store_pending_mark(sqlite3 *db, int64_t first_unit,
		       struct tmg_error *err);
/* Read the marks into `p`. */
int store_pending_read(sqlite3 *db, struct store_pending *p,
		       struct tmg_error *err);
/* The first unit any index is behind from (p has one at least). */
int64_t store_pending_from(const struct store_pending *p);
/* How many units have an id >= `from`, or -1. */
long long store_count_units_from(sqlite3 *db, int64_t from,
				 struct tmg_error *err);
/* At most how many units have an id >= `from` (the largest id's distance
 * from it, without reading the units: a count, less the units deleted),
 * or -1. */
long long store_units_from_at_most(sqlite3 *db, int64_t from,
				   struct tmg_error *err);

#endif /* TMGLOSS_STORE_DB_H */
