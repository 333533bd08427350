/*
 * index-update.c -- brings the memory's two search indexes up to date with
 * its units: the token index of fuzzy matching and concordance
 * (fuzzy-index.c) and the translation index of suggest and extract
 * (suggest-index.c).
 *
 * An import only stores units.  Before it commits it records, for each
 * index, the first unit it added in index_pending (store.c, version 7):
 * every unit whose id is at or above an index's first_unit is pending for
 * that index.  The first command that searches calls
 * memory_update_indexes(), which reads the pending units in id order,
 * feeds both indexes in the same pass (text.c keeps the word boundaries of
 * the last few texts, so a variant is broken into words once for both),
 * writes their postings and clears index_pending, in one transaction.
 *
 * Why not index within the import: the two indexes tokenise every variant
 * and make about 150 postings per unit, which made an import four to five
 * times as long as storing the units (BENCHMARKS.md, "Import").  Storing
 * first and indexing in one pass afterwards is the usual way to bulk-load a
 * database (create the index after the load), costs no more in all, and
 * lets a translator import several files and pay for indexing once.
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
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "i18n.h"
#include "tmgloss.h"
#include "xalloc.h"

/* Units between two calls of the progress callback. */
#define PROGRESS_EVERY 2000

/* What is pending: for each index, whether it is behind and from which
 * unit on. */
struct pending {
	int fuzzy, suggest;
	int64_t fuzzy_from, suggest_from;
};

static int
db_error(sqlite3 *db, struct tmg_error *err)
{
	tmg_error_set(err, sqlite3_db_filename(db, "main"), 0, 0, "%s",
		      sqlite3_errmsg(db));
	return -1;
}

int
index_mark_pending(sqlite3 *db, int64_t first_unit, struct tmg_error *err)
{
	static const char sql[] =
		"INSERT INTO index_pending (index_name, first_unit)"
		" VALUES ('fuzzy', ?1), ('suggest', ?1)"
		" ON CONFLICT (index_name) DO UPDATE"
		" SET first_unit = min(first_unit, excluded.first_unit)";
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, err);
	sqlite3_bind_int64(st, 1, first_unit);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, err);
	return 0;
}

static int
read_pending(sqlite3 *db, struct pending *p, struct tmg_error *err)
{
	sqlite3_stmt *st;
	int rc;

	memset(p, 0, sizeof *p);
	if (sqlite3_prepare_v2(db, "SELECT index_name, first_unit"
			       " FROM index_pending", -1, &st,
			       NULL) != SQLITE_OK)
		return db_error(db, err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		int64_t from = sqlite3_column_int64(st, 1);

		if (name && strcmp(name, "fuzzy") == 0) {
			p->fuzzy = 1;
			p->fuzzy_from = from;
		} else if (name && strcmp(name, "suggest") == 0) {
			p->suggest = 1;
			p->suggest_from = from;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, err);
	return 0;
}

/* The first unit either index is behind from (p has one at least). */
static int64_t
pending_from(const struct pending *p)
{
	if (!p->fuzzy)
		return p->suggest_from;
	if (!p->suggest)
		return p->fuzzy_from;
	return p->fuzzy_from < p->suggest_from ? p->fuzzy_from
					       : p->suggest_from;
}

static long long
count_units_from(sqlite3 *db, int64_t from, struct tmg_error *err)
{
	sqlite3_stmt *st;
	long long n = -1;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM units WHERE id >= ?1",
			       -1, &st, NULL) != SQLITE_OK) {
		db_error(db, err);
		return -1;
	}
	sqlite3_bind_int64(st, 1, from);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		db_error(db, err);
	sqlite3_finalize(st);
	return n;
}

long long
memory_unindexed_units(struct tmg_memory *memory, struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);
	struct pending p;

	if (read_pending(db, &p, err) < 0)
		return -1;
	if (!p.fuzzy && !p.suggest)
		return 0;
	return count_units_from(db, pending_from(&p), err);
}

/* The pass over the pending units. */
struct update {
	sqlite3 *db;
	struct pending pending;
	struct fuzzy_index *fuzzy;     /* NULL when up to date */
	struct suggest_index *suggest; /* NULL when up to date */
	struct tmg_unit unit;          /* the unit being gathered */
	int64_t unit_id;
	int64_t *variant_ids;
	int *is_source;
	size_t avariants;
};

/* Hand the gathered unit to the indexes that are behind at its id. */
static int
index_gathered_unit(struct update *u, struct tmg_error *err)
{
	if (u->fuzzy && u->unit_id >= u->pending.fuzzy_from)
		for (size_t i = 0; i < u->unit.nvariants; i++)
			if (fuzzy_index_add(u->fuzzy, u->unit_id,
					    u->variant_ids[i],
					    &u->unit.variants[i],
					    u->is_source[i], err) < 0)
				return -1;
	if (u->suggest && u->unit_id >= u->pending.suggest_from &&
	    suggest_index_add_unit(u->suggest, u->unit_id, &u->unit,
				   err) < 0)
		return -1;
	unit_clear(&u->unit);
	return 0;
}

/* Add the variant of the current row of `st` to the gathered unit. */
static void
gather_variant(struct update *u, sqlite3_stmt *st)
{
	const char *lang = (const char *)sqlite3_column_text(st, 2);
	const char *text = (const char *)sqlite3_column_text(st, 4);
	const char *markup = (const char *)sqlite3_column_text(st, 5);
	struct tmg_variant *v;
	size_t i = u->unit.nvariants;

	if (i == u->avariants) {
		u->avariants = u->avariants ? 2 * u->avariants : 8;
		u->variant_ids = xreallocarray(u->variant_ids, u->avariants,
					       sizeof *u->variant_ids);
		u->is_source = xreallocarray(u->is_source, u->avariants,
					     sizeof *u->is_source);
	}
	v = unit_add_variant(&u->unit);
	snprintf(v->lang, sizeof v->lang, "%s", lang ? lang : "");
	v->text = xstrdup(text ? text : "");
	v->markup = markup ? xstrdup(markup) : NULL;
	u->variant_ids[i] = sqlite3_column_int64(st, 1);
	u->is_source[i] = sqlite3_column_int(st, 3);
}

static int
index_pending_units(struct update *u, memory_progress_fn progress,
		    void *data, long long total, long long *done,
		    struct tmg_error *err)
{
	static const char sql[] =
		"SELECT unit_id, id, lang, is_source, text, markup"
		" FROM variants WHERE unit_id >= ?1 ORDER BY unit_id, id";
	sqlite3_stmt *st;
	int rc, ret = -1;

	if (sqlite3_prepare_v2(u->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(u->db, err);
	sqlite3_bind_int64(st, 1, pending_from(&u->pending));
	unit_init(&u->unit);
	u->unit_id = -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);

		if (id != u->unit_id && u->unit.nvariants) {
			if (index_gathered_unit(u, err) < 0)
				goto out;
			if (++*done % PROGRESS_EVERY == 0 && progress)
				progress(data, *done, total);
		}
		u->unit_id = id;
		gather_variant(u, st);
	}
	if (rc != SQLITE_DONE) {
		db_error(u->db, err);
		goto out;
	}
	if (u->unit.nvariants) {
		if (index_gathered_unit(u, err) < 0)
			goto out;
		++*done;
	}
	ret = 0;
out:
	unit_clear(&u->unit);
	sqlite3_finalize(st);
	return ret;
}

long long
memory_update_indexes(struct tmg_memory *memory, memory_progress_fn progress,
		      void *data, struct tmg_error *err)
{
	struct update u;
	long long total, done = 0;

	memset(&u, 0, sizeof u);
	u.db = memory_db(memory);
	/* nothing to do, the usual case: no write lock taken */
	if (read_pending(u.db, &u.pending, err) < 0)
		return -1;
	if (!u.pending.fuzzy && !u.pending.suggest)
		return 0;

	if (store_exec(u.db, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	/* another process may have brought them up to date meanwhile */
	if (read_pending(u.db, &u.pending, err) < 0)
		goto fail;
	if (!u.pending.fuzzy && !u.pending.suggest) {
		sqlite3_exec(u.db, "COMMIT", NULL, NULL, NULL);
		return 0;
	}
	total = count_units_from(u.db, pending_from(&u.pending), err);
	if (total < 0)
		goto fail;
	if (progress)
		progress(data, 0, total);
	if (u.pending.fuzzy)
		u.fuzzy = fuzzy_index_open(u.db);
	if (u.pending.suggest)
		u.suggest = suggest_index_open(u.db);
	if (index_pending_units(&u, progress, data, total, &done, err) < 0 ||
	    (u.fuzzy && fuzzy_index_flush(u.fuzzy, err) < 0) ||
	    (u.suggest && suggest_index_flush(u.suggest, err) < 0) ||
	    store_exec(u.db, "DELETE FROM index_pending", err) < 0 ||
	    store_exec(u.db, "COMMIT", err) < 0)
		goto fail;
	if (progress)
		progress(data, done, total);
	fuzzy_index_close(u.fuzzy);
	suggest_index_close(u.suggest);
	free(u.variant_ids);
	free(u.is_source);
	return done;
fail:
	fuzzy_index_discard(u.fuzzy);
	suggest_index_discard(u.suggest);
	fuzzy_index_close(u.fuzzy);
	suggest_index_close(u.suggest);
	free(u.variant_ids);
	free(u.is_source);
	sqlite3_exec(u.db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}
