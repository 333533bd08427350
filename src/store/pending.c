/*
 * pending.c -- which units the search indexes have not taken in yet.
 *
 * An import only stores units (memory.c); before it commits it records
 * here, in the same transaction, the first unit it added: one row per
 * index in index_pending(index_name, first_unit), lowered, never raised:
 * 'fuzzy' the token index, 'suggest' the translation index, 'stems' the
 * token index's French stems (concordance's inflected forms, left out of
 * the token index's first pass: a match does not read them).
 * The index updater (index/index-update.c) reads the marks, takes the
 * units in and deletes the rows.  The store knows the marks, not the
 * indexes.
 */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include <sqlite3.h>

#include "base/error.h"
#include "store/db.h"
#include "store/store.h"

int
store_pending_mark(sqlite3 *db, int64_t first_unit, struct tmg_error *err)
{
	static const char sql[] =
		"INSERT INTO index_pending (index_name, first_unit)"
		" VALUES ('fuzzy', ?1), ('suggest', ?1), ('stems', ?1)"
		" ON CONFLICT (index_name) DO UPDATE"
		" SET first_unit = min(first_unit, excluded.first_unit)";
	sqlite3_stmt *st;
	int rc;

	if (store_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, first_unit);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_db_error(db, err);
	return 0;
}

int
store_pending_read(sqlite3 *db, struct store_pending *p, struct tmg_error *err)
{
	sqlite3_stmt *st;
	int rc;

	memset(p, 0, sizeof *p);
	if (store_prepare(db, "SELECT index_name, first_unit"
			  " FROM index_pending", &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		int64_t from = sqlite3_column_int64(st, 1);

		if (name && strcmp(name, "fuzzy") == 0) {
			p->fuzzy = 1;
			p->fuzzy_from = from;
		} else if (name && strcmp(name, "suggest") == 0) {
			p->suggest = 1;
			p->suggest_from = from;
		} else if (name && strcmp(name, "stems") == 0) {
			p->stems = 1;
			p->stems_from = from;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_db_error(db, err);
	return 0;
}

int64_t
store_pending_from(const struct store_pending *p)
{
	int64_t from = INT64_MAX;

	if (p->fuzzy && p->fuzzy_from < from)
		from = p->fuzzy_from;
	if (p->suggest && p->suggest_from < from)
		from = p->suggest_from;
	if (p->stems && p->stems_from < from)
		from = p->stems_from;
	return from;
}

long long
store_count_units_from(sqlite3 *db, int64_t from, struct tmg_error *err)
{
	sqlite3_stmt *st;
	long long n = -1;

	/* from the first unit on (a first index of the memory), a count of
	 * the whole table, which SQLite takes from its smallest index
	 * without reading the rows: the real memory's, 3 ms rather than 14 */
	if (store_prepare(db, "SELECT CASE WHEN ?1 <= (SELECT min(id) FROM"
			  " units) THEN (SELECT count(*) FROM units) ELSE"
			  " (SELECT count(*) FROM units WHERE id >= ?1) END",
			  &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		store_db_error(db, err);
	sqlite3_finalize(st);
	return n;
}

long long
store_units_from_at_most(sqlite3 *db, int64_t from, struct tmg_error *err)
{
	sqlite3_stmt *st;
	long long n = -1;

	if (store_prepare(db, "SELECT max(id) FROM units", &st, err) < 0)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		int64_t max = sqlite3_column_int64(st, 0);

		n = max >= from ? (long long)(max - from) + 1 : 0;
	} else {
		store_db_error(db, err);
	}
	sqlite3_finalize(st);
	return n;
}

int
memory_unindexed_by_index(struct tmg_memory *memory, long long *fuzzy,
			  long long *suggest, struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);
	struct store_pending p;

	*fuzzy = *suggest = 0;
	if (store_pending_read(db, &p, err) < 0 ||
	    (p.fuzzy &&
	     (*fuzzy = store_count_units_from(db, p.fuzzy_from, err)) < 0) ||
	    (p.suggest &&
	     (*suggest = store_count_units_from(db, p.suggest_from, err)) < 0))
		return -1;
	return 0;
}
