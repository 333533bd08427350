/*
 * remove.c -- units taken out of the memory (tmgloss remove).
 *
 * A removal selects units by every criterion it is given at once (origin,
 * ids, change date, language pair) and deletes them, with their variants,
 * in one transaction: a failure leaves the memory as it was.  An origin
 * left with no unit goes too, so that stats no longer lists it.
 *
 * What the search indexes keep of a removed unit:
 *   - the token index (fuzzy_tokens, fuzzy_postings, fuzzy_langs): the
 *     trigger fuzzy_forget_variant (store.c) drops each deleted variant's
 *     tokens and counts its language down; the variant ids its posting
 *     lists still name are skipped by every reader (absent from
 *     fuzzy_tokens), and a candidate is always checked on its text, so a
 *     stale id can neither be matched nor hide a unit;
 *   - the translation index (suggest_postings, suggest_pairs) counts units
 *     straight from its posting lists: a stale id would be counted.  When
 *     a removed unit had been taken in, the translation index is emptied
 *     and every unit marked pending for it (index_pending), as migration 5
 *     did: the next suggest or extract builds it again, exactly;
 *   - pending marks need nothing: a removed unit that was pending is simply
 *     not found by the update pass.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "store/db.h"
#include "store/store.h"
#include "text/text.h"

void
remove_result_clear(struct remove_result *result)
{
	free(result->ids);
	memset(result, 0, sizeof *result);
}

static int
compare_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Whether unit `id` has a variant answering src and another one answering
 * tgt (the export filter's rule). */
static int
has_pair(sqlite3_stmt *langs, int64_t id, const struct remove_filter *f,
	 int *yes)
{
	int src = 0, tgt = 0, rc;

	sqlite3_reset(langs);
	sqlite3_bind_int64(langs, 1, id);
	while ((rc = sqlite3_step(langs)) == SQLITE_ROW) {
		const char *lang = (const char *)sqlite3_column_text(langs, 0);

		if (lang == NULL)
			continue;
		if (!src && lang_matches(f->src, lang, 0))
			src = 1;
		else if (!tgt && lang_matches(f->tgt, lang, 0))
			tgt = 1;
	}
	sqlite3_reset(langs);
	*yes = src && tgt;
	return rc == SQLITE_DONE ? 0 : -1;
}

/* An origin never imported, or an id that names no unit, is an error:
 * most likely a typing mistake, which must not pass for "0 removed". */
static int
check_names(struct tmg_memory *memory, const struct remove_filter *f,
	    struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);
	sqlite3_stmt *st = NULL;
	int rc, ret = -1;

	if (f->origin) {
		if (store_prepare(db, "SELECT 1 FROM origins WHERE name = ?1",
				  &st, err) < 0)
			goto out;
		store_bind_text(st, 1, f->origin);
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			store_db_error(db, err);
			goto out;
		}
		if (rc == SQLITE_DONE) {
			tmg_error_set(err, memory_path(memory), 0, 0,
				      _("no file named '%s' was imported "
					"into this memory"), f->origin);
			goto out;
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	if (f->nids && store_prepare(db, "SELECT 1 FROM units WHERE id = ?1",
				     &st, err) < 0)
		goto out;
	for (size_t i = 0; i < f->nids; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, f->ids[i]);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) {
			tmg_error_set(err, memory_path(memory), 0, 0,
				      _("no unit has the id %lld"),
				      (long long)f->ids[i]);
			goto out;
		}
		if (rc != SQLITE_ROW) {
			store_db_error(db, err);
			goto out;
		}
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	return ret;
}

/* The ids of the units `f` selects, ascending, into `result`. */
static int
select_units(sqlite3 *db, const struct remove_filter *f,
	     struct remove_result *result, struct tmg_error *err)
{
	static const char sql[] =
		"SELECT u.id FROM units u"
		" LEFT JOIN origins o ON o.id = u.origin_id"
		" WHERE (?1 IS NULL OR o.name = ?1)"
		" AND (?2 IS NULL"
		"  OR coalesce(u.change_date, u.creation_date) < ?2)"
		" ORDER BY u.id";
	sqlite3_stmt *st = NULL, *langs = NULL;
	int64_t *want = NULL;
	int rc, ret = -1;

	if (f->nids) {
		want = xreallocarray(NULL, f->nids, sizeof *want);
		memcpy(want, f->ids, f->nids * sizeof *want);
		qsort(want, f->nids, sizeof *want, compare_id);
	}
	if (store_prepare(db, sql, &st, err) < 0 ||
	    (f->src && store_prepare(db, "SELECT lang FROM variants"
				     " WHERE unit_id = ?1", &langs, err) < 0))
		goto out;
	store_bind_text(st, 1, f->origin);
	store_bind_text(st, 2, f->before);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		int yes = 1;

		if (want && !bsearch(&id, want, f->nids, sizeof *want,
				     compare_id))
			continue;
		if (langs && has_pair(langs, id, f, &yes) < 0) {
			store_db_error(db, err);
			goto out;
		}
		if (!yes)
			continue;
		ALLOC_GROW(result->ids, result->count + 1, result->alloc);
		result->ids[result->count++] = id;
	}
	if (rc != SQLITE_DONE) {
		store_db_error(db, err);
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(langs);
	free(want);
	return ret;
}

/* Delete the units of `ids` (ascending), their variants and the origins
 * they leave empty (but `keep_origin`); the translation index starts again
 * if it had taken one of them in. */
static int
delete_units(sqlite3 *db, const int64_t *ids, size_t n, int64_t keep_origin,
	     struct tmg_error *err)
{
	sqlite3_stmt *origin = NULL, *variants = NULL, *unit = NULL,
		     *empty = NULL;
	int64_t *origins = NULL;
	size_t norigins = 0, alloc = 0;
	struct store_pending pending;
	int ret = -1;

	if (store_pending_read(db, &pending, err) < 0 ||
	    store_prepare(db, "SELECT origin_id FROM units WHERE id = ?1",
			  &origin, err) < 0 ||
	    store_prepare(db, "DELETE FROM variants WHERE unit_id = ?1",
			  &variants, err) < 0 ||
	    store_prepare(db, "DELETE FROM units WHERE id = ?1", &unit,
			  err) < 0 ||
	    store_prepare(db, "DELETE FROM origins WHERE id = ?1 AND NOT"
			  " EXISTS (SELECT 1 FROM units WHERE origin_id = ?1)",
			  &empty, err) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_int64(origin, 1, ids[i]);
		if (sqlite3_step(origin) == SQLITE_ROW &&
		    sqlite3_column_type(origin, 0) != SQLITE_NULL &&
		    sqlite3_column_int64(origin, 0) != keep_origin) {
			ALLOC_GROW(origins, norigins + 1, alloc);
			origins[norigins++] = sqlite3_column_int64(origin, 0);
		}
		sqlite3_reset(origin);
		sqlite3_bind_int64(variants, 1, ids[i]);
		sqlite3_bind_int64(unit, 1, ids[i]);
		if (sqlite3_step(variants) != SQLITE_DONE ||
		    sqlite3_step(unit) != SQLITE_DONE) {
			store_db_error(db, err);
			goto out;
		}
		sqlite3_reset(variants);
		sqlite3_reset(unit);
	}
	for (size_t i = 0; i < norigins; i++) {
		sqlite3_bind_int64(empty, 1, origins[i]);
		if (sqlite3_step(empty) != SQLITE_DONE) {
			store_db_error(db, err);
			goto out;
		}
		sqlite3_reset(empty);
	}
	/* ids ascend: the first one tells whether any was indexed */
	if (n && (!pending.suggest || ids[0] < pending.suggest_from) &&
	    (store_exec(db, "DELETE FROM suggest_postings", err) < 0 ||
	     store_exec(db, "DELETE FROM suggest_pairs", err) < 0 ||
	     store_exec(db, "DELETE FROM index_pending"
			" WHERE index_name = 'suggest'", err) < 0 ||
	     store_exec(db, "INSERT INTO index_pending (index_name,"
			" first_unit) SELECT 'suggest', id FROM units"
			" ORDER BY id LIMIT 1", err) < 0))
		goto out;
	ret = 0;
out:
	sqlite3_finalize(origin);
	sqlite3_finalize(variants);
	sqlite3_finalize(unit);
	sqlite3_finalize(empty);
	free(origins);
	return ret;
}

int
remove_unit_ids(struct tmg_memory *memory, const int64_t *ids, size_t n,
		int64_t keep_origin, struct tmg_error *err)
{
	return delete_units(memory_db(memory), ids, n, keep_origin, err);
}

int
remove_units(struct tmg_memory *memory, const struct remove_filter *filter,
	     int dry_run, struct remove_result *result,
	     struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);

	memset(result, 0, sizeof *result);
	if (!filter->origin && !filter->nids && !filter->before &&
	    !filter->src) {
		tmg_error_set(err, memory_path(memory), 0, 0, "%s",
			      _("no unit to remove was named"));
		return -1;
	}
	if (!dry_run && memory_begin_write(memory, err) < 0) {
		memory_db_error(memory, err);
		return -1;
	}
	if (check_names(memory, filter, err) < 0 ||
	    select_units(db, filter, result, err) < 0 ||
	    (!dry_run && (delete_units(db, result->ids, result->count, 0,
				       err) < 0 ||
			  store_exec(db, "COMMIT", err) < 0))) {
		if (!dry_run)
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		remove_result_clear(result);
		return -1;
	}
	return 0;
}
