/*
 * memory-test.c -- the SQLite memory: schema creation and migration, the
 * merge rules of an import, rollback, and reading units back with filters.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fixture.h"
#include "tap.h"
#include "store/db.h"
#include "tmgloss.h"

static char db_path[4096];

static void
make_unit(struct tmg_unit *u, const char *fr, const char *zh,
	  const char *change_date)
{
	fixture_unit(u, fr, zh);
	if (change_date)
		u->change_date = strdup(change_date);
}

static enum memory_add_result
add(struct tmg_memory *m, const char *fr, const char *zh, const char *date,
    int keep_duplicates)
{
	struct memory_import import = { .origin = "test.tmx",
					.keep_duplicates = keep_duplicates };
	struct tmg_error err = { 0 };
	enum memory_add_result result = MEMORY_UNCHANGED;
	struct tmg_unit u;

	make_unit(&u, fr, zh, date);
	if (memory_import_begin(m, &import, &err) < 0 ||
	    memory_add_unit(m, &u, &result, &err) < 0 ||
	    memory_import_commit(m, &err) < 0)
		diag("error: %s", err.message);
	unit_clear(&u);
	return result;
}

static long
units(struct tmg_memory *m)
{
	struct memory_stats s;
	struct tmg_error err;
	long n;

	if (memory_get_stats(m, &s, &err) < 0)
		return -1;
	n = s.units;
	memory_stats_free(&s);
	return n;
}

static char *
change_date_of_first(struct tmg_memory *m)
{
	sqlite3_stmt *st;
	char *d = NULL;

	sqlite3_prepare_v2(memory_db(m),
			   "SELECT change_date FROM units ORDER BY id LIMIT 1",
			   -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		d = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return d;
}

static void
test_merge_rules(void)
{
	struct tmg_memory *m = fixture_open_memory(db_path,
						    "a new memory is created");
	char *d;

	if (m == NULL)
		return;
	is_int(add(m, "Bonjour", "你好", "20240101T000000Z", 0), MEMORY_ADDED,
	       "a new pair is added");
	is_int(add(m, "Bonjour", "你好", "20240101T000000Z", 0),
	       MEMORY_UNCHANGED, "the same pair again changes nothing");
	is_int(add(m, "Bonjour", "你好", "20230101T000000Z", 0),
	       MEMORY_UNCHANGED, "an older copy changes nothing");
	is_int(add(m, "Bonjour", "你好", "20250101T000000Z", 0), MEMORY_MERGED,
	       "a newer copy is merged");
	d = change_date_of_first(m);
	is_str(d, "20250101T000000Z", "  and its change date wins");
	free(d);
	is_int(units(m), 1, "one unit so far");
	is_int(add(m, "Bonjour", "您好", NULL, 0), MEMORY_ADDED,
	       "another translation of the same source is added");
	is_int(units(m), 1, "  and replaces the same file's older one");
	is_int(memory_import_replaced(m), 1, "  which the import counts");
	is_int(add(m, "Bonjour", "您好", NULL, 1), MEMORY_ADDED,
	       "--keep-duplicates keeps an identical pair");
	is_int(add(m, "Bonjour", "你好", NULL, 1), MEMORY_ADDED,
	       "  and replaces nothing");
	is_int(units(m), 3, "three units");
	memory_close(m);
}

static int
count_unit(void *data, const struct tmg_unit *u, struct tmg_error *err)
{
	long *n = data;

	(void)err;
	(void)u;
	(*n)++;
	return 0;
}

static void
test_rollback(void)
{
	struct tmg_error err;
	struct tmg_memory *m = memory_open(db_path, MEMORY_CREATE, &err);
	struct memory_import import = { .origin = "rolled-back.tmx" };
	enum memory_add_result result;
	struct tmg_unit u;
	long before = units(m), n = 0;

	make_unit(&u, "Annulé", "取消", NULL);
	memory_import_begin(m, &import, &err);
	memory_add_unit(m, &u, &result, &err);
	memory_import_rollback(m);
	unit_clear(&u);
	is_int(units(m), before, "a rolled-back import leaves no unit");
	struct memory_filter f = { .origin = "rolled-back.tmx" };
	memory_foreach_unit(m, &f, count_unit, &n, &err);
	is_int(n, 0, "  and no origin");
	memory_close(m);
}

static void
test_filters(void)
{
	struct tmg_error err;
	struct tmg_memory *m = memory_open(db_path, MEMORY_CREATE, &err);
	struct memory_filter zh = { .src = "zh-Hans", .tgt = "fr" };
	struct memory_filter tw = { .src = "zh-TW" };
	struct memory_filter exact = { .src = "fr-CA", .exact_lang = 1 };
	long n = 0;

	memory_foreach_unit(m, &zh, count_unit, &n, &err);
	is_int(n, 3, "--src zh-Hans matches zh-CN units");
	n = 0;
	memory_foreach_unit(m, &tw, count_unit, &n, &err);
	is_int(n, 0, "--src zh-TW does not match zh-CN");
	n = 0;
	memory_foreach_unit(m, &exact, count_unit, &n, &err);
	is_int(n, 0, "--exact-lang fr-CA does not match fr-FR");
	memory_close(m);
}

static void
test_migrations(void)
{
	struct tmg_error err = { 0 };
	struct tmg_memory *m;
	sqlite3 *db;
	char path[4200];

	snprintf(path, sizeof path, "%s.future", db_path);
	unlink(path);
	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	m = memory_open(path, MEMORY_CREATE, &err);
	ok(m == NULL, "a memory from a newer tmgloss is refused");
	ok(strstr(err.message, "99") != NULL, "  saying which version: %s",
	   err.message);
	memory_close(m);
	unlink(path);

	m = memory_open(db_path, MEMORY_CREATE, &err);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(memory_db(m), "PRAGMA user_version", -1, &st, NULL);
	sqlite3_step(st);
	is_int(sqlite3_column_int(st, 0), STORE_SCHEMA_VERSION,
	       "a new memory is at the current schema version");
	sqlite3_finalize(st);
	ok(store_migrate(memory_db(m), &err) == 0,
	   "migrating an up-to-date memory is a no-op");
	memory_close(m);

	snprintf(path, sizeof path, "%s.garbage", db_path);
	FILE *f = fopen(path, "w");
	fputs("this is not a database, but it is long enough to look like one "
	      "to a careless reader of files that are not databases at all\n", f);
	fclose(f);
	m = memory_open(path, MEMORY_CREATE, &err);
	ok(m == NULL, "a file that is not a database is refused: %s",
	   err.message);
	memory_close(m);
	unlink(path);
}

/* The journal mode of the memory's connection. */
static char *
journal_mode(struct tmg_memory *m)
{
	sqlite3_stmt *st = NULL;
	char *mode = NULL;

	if (sqlite3_prepare_v2(memory_db(m), "PRAGMA journal_mode", -1, &st,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		mode = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return mode ? mode : strdup("?");
}

/* The journal mode inside an import of one unit, and after it; `other`:
 * with a second connection open on the file. */
static void
import_journal(const char *path, int other, char **during, char **after)
{
	struct tmg_error err = { 0 };
	struct tmg_memory *m = memory_open(path, MEMORY_CREATE, &err);
	struct memory_import import = { .origin = "journal.tmx" };
	enum memory_add_result result;
	sqlite3 *db2 = NULL;
	struct tmg_unit u;

	*during = *after = NULL;
	if (m == NULL)
		return;
	if (other && sqlite3_open(path, &db2) == SQLITE_OK)
		sqlite3_exec(db2, "SELECT count(*) FROM units", NULL, NULL,
			     NULL);
	make_unit(&u, "Nouveau fichier", "新建文件", NULL);
	if (memory_import_begin(m, &import, &err) == 0) {
		*during = journal_mode(m);
		if (memory_add_unit(m, &u, &result, &err) < 0 ||
		    memory_import_commit(m, &err) < 0)
			diag("%s", err.message);
	}
	unit_clear(&u);
	*after = journal_mode(m);
	sqlite3_close(db2);
	memory_close(m);
}

/* import_journal(), then its journal modes against `want_during` and
 * `want_after` (NULL: not checked), named `name` and `name_after`. */
static void
is_import_journal(const char *path, int other, const char *want_during,
		  const char *name, const char *want_after,
		  const char *name_after)
{
	char *during, *after;

	import_journal(path, other, &during, &after);
	is_str(during, want_during, "%s", name);
	if (want_after)
		is_str(after, want_after, "%s", name_after);
	free(during);
	free(after);
}

static void
test_first_import_journal(void)
{
	char path[4096];

	fixture_scratch_path(path, sizeof path, "tmgloss-journal-test");
	fixture_unlink_memory(path);
	is_import_journal(path, 0, "delete", "the first import into an empty "
			  "memory: a rollback journal",
			  "wal", "  and WAL again after it");
	is_import_journal(path, 0, "wal", "a memory with units: the import "
			  "stays in WAL", NULL, NULL);
	fixture_unlink_memory(path);
	is_import_journal(path, 1, "wal", "an empty memory another connection "
			  "has open: WAL as well",
			  "wal", "  and still after it");
	fixture_unlink_memory(path);
}

/* The pass's count of the units from an id on: the whole table's count
 * from the first unit on, the rows' from a later one, and a gap (a unit
 * deleted) in either. */
static void
test_count_units_from(void)
{
	char path[4096];
	struct tmg_error err = { 0 };
	struct tmg_memory *m;
	sqlite3 *db;

	fixture_scratch_path(path, sizeof path, "tmgloss-count-test");
	fixture_unlink_memory(path);
	if ((m = memory_open(path, MEMORY_CREATE, &err)) == NULL) {
		ok(0, "count: memory opened (%s)", err.message);
		return;
	}
	db = memory_db(m);
	is_int(store_count_units_from(db, 1, &err), 0,
	       "count: an empty memory has no unit from 1 on");
	add(m, "Fichier", "文件", NULL, 0);
	add(m, "Nouveau fichier", "新建文件", NULL, 0);
	add(m, "Ouvrir un fichier", "打开文件", NULL, 0);
	add(m, "Enregistrer", "保存", NULL, 0);
	sqlite3_exec(db, "DELETE FROM units WHERE id = 2", NULL, NULL, NULL);
	is_int(store_count_units_from(db, 1, &err), 3,
	       "count: from the first unit on, every unit");
	is_int(store_count_units_from(db, -5, &err), 3,
	       "count: from before the first unit, every unit");
	is_int(store_count_units_from(db, 2, &err), 2,
	       "count: from a deleted unit on, those after it");
	is_int(store_count_units_from(db, 4, &err), 1,
	       "count: from the last unit, one");
	is_int(store_count_units_from(db, 5, &err), 0,
	       "count: past the last unit, none");
	sqlite3_exec(db, "DELETE FROM units WHERE id = 1", NULL, NULL, NULL);
	is_int(store_count_units_from(db, 1, &err), 2,
	       "count: the first units deleted, from 1 on, those left");
	memory_close(m);
	fixture_unlink_memory(path);
}

int
main(void)
{
	fixture_scratch_path(db_path, sizeof db_path, "tmgloss-memory-test");
	test_merge_rules();
	test_rollback();
	test_filters();
	test_migrations();
	test_first_import_journal();
	test_count_units_from();
	fixture_unlink_memory(db_path);
	return done_testing();
}
