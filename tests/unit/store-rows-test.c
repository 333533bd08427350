/*
 * store-rows-test.c -- rows inserted several at a time (src/store/rows.c):
 * the same rows, in the same order, as one statement a row, whatever the
 * count against the batch; blobs copied; errors reported; a discard drops
 * what is waiting.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/error.h"
#include "store/db.h"
#include "tap.h"

/* A new table t(k, n, b) in an in-memory database. */
static sqlite3 *
open_table(void)
{
	sqlite3 *db = NULL;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE TABLE t (k INTEGER PRIMARY KEY, n INTEGER"
			 " NOT NULL, b BLOB NOT NULL) WITHOUT ROWID;"
			 " BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/* The blob of row i: i % 300 bytes, byte j being (i + j) & 0xff (row
 * 7 of every 50 is 70,000 bytes, more than a page). */
static size_t
blob_of(long i, unsigned char *buf)
{
	size_t len = i % 50 == 7 ? 70000 : (size_t)(i % 300);

	for (size_t j = 0; j < len; j++)
		buf[j] = (unsigned char)((i + (long)j) & 0xff);
	return len;
}

/* Insert `count` rows with keys in a shuffled order through store_rows,
 * then check every row (n counts them). */
static void
test_count(long count)
{
	static unsigned char buf[70000];
	struct tmg_error err = { 0 };
	struct store_rows *r;
	sqlite3 *db = open_table();
	sqlite3_stmt *st = NULL;
	long i, seen = 0, bad = 0;
	int failed = 0;

	if (db == NULL) {
		ok(0, "%ld rows: open a table", count);
		return;
	}
	r = store_rows_new(db, "INSERT OR FAIL INTO t (k, n, b)", 3);
	for (i = 0; i < count && !failed; i++) {
		size_t len = blob_of(i, buf);

		store_rows_int64(r, (i * 7919) % 100003);
		store_rows_int64(r, i);
		store_rows_blob(r, buf, len);
		memset(buf, 0xee, len); /* copied: the caller may reuse it */
		failed = store_rows_end(r, &err) < 0;
	}
	failed = failed || store_rows_flush(r, &err) < 0;
	ok(!failed, "%ld rows: inserted", count);
	sqlite3_prepare_v2(db, "SELECT k, n, b FROM t ORDER BY n", -1, &st,
			   NULL);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		long n = (long)sqlite3_column_int64(st, 1);
		size_t len = blob_of(n, buf);

		if (n != seen ||
		    sqlite3_column_int64(st, 0) != (n * 7919) % 100003 ||
		    (size_t)sqlite3_column_bytes(st, 2) != len ||
		    (len && memcmp(sqlite3_column_blob(st, 2), buf, len) != 0))
			bad++;
		seen++;
	}
	sqlite3_finalize(st);
	ok(seen == count && bad == 0,
	   "%ld rows: each read back whole (%ld of %ld, %ld wrong)", count,
	   seen, count, bad);
	store_rows_free(r);
	sqlite3_close(db);
}

static void
test_errors(void)
{
	struct tmg_error err = { 0 };
	struct store_rows *r;
	sqlite3 *db = open_table();
	sqlite3_stmt *st = NULL;
	int rc = 0;
	long n = -1;

	if (db == NULL) {
		ok(0, "open a table");
		return;
	}
	r = store_rows_new(db, "INSERT OR FAIL INTO t (k, n, b)", 3);
	/* a key given twice within one batch */
	for (int i = 0; i < STORE_ROWS_BATCH && rc == 0; i++) {
		store_rows_int64(r, i == 5 ? 4 : i);
		store_rows_int64(r, i);
		store_rows_blob(r, "x", 1);
		rc = store_rows_end(r, &err);
	}
	ok(rc < 0 && strstr(err.message, "UNIQUE") != NULL,
	   "a key twice in a batch: the error SQLite gives (%s)",
	   err.message);
	memset(&err, 0, sizeof err);

	/* a discard drops the rows waiting; the next ones go in */
	sqlite3_exec(db, "DELETE FROM t", NULL, NULL, NULL);
	store_rows_int64(r, 1);
	store_rows_int64(r, 1);
	store_rows_blob(r, "", 0);
	rc = store_rows_end(r, &err);
	store_rows_discard(r);
	store_rows_int64(r, 2);
	store_rows_int64(r, 2);
	store_rows_blob(r, NULL, 0);
	rc = rc || store_rows_end(r, &err) || store_rows_flush(r, &err);
	sqlite3_prepare_v2(db, "SELECT group_concat(k) FROM t", -1, &st,
			   NULL);
	if (st && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	ok(rc == 0 && n == 2, "a discarded row is not inserted, the next is"
	   " (an empty blob too)");
	store_rows_free(r);

	/* rows go in in the order given: with OR REPLACE the later of two
	 * rows with one key stays, within a batch and across two */
	sqlite3_exec(db, "DELETE FROM t", NULL, NULL, NULL);
	r = store_rows_new(db, "INSERT OR REPLACE INTO t (k, n, b)", 3);
	for (int i = 0; i < STORE_ROWS_BATCH + 3 && rc == 0; i++) {
		store_rows_int64(r, i % 2 ? 1 : 2);
		store_rows_int64(r, i);
		store_rows_blob(r, "y", 1);
		rc = store_rows_end(r, &err);
	}
	rc = rc || store_rows_flush(r, &err);
	st = NULL;
	n = -1;
	sqlite3_prepare_v2(db, "SELECT sum(n) FROM t", -1, &st, NULL);
	if (st && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	ok(rc == 0 && n == STORE_ROWS_BATCH + 2 + STORE_ROWS_BATCH + 1,
	   "the last row given of a key is the one kept (%ld)", (long)n);
	store_rows_free(r);
	sqlite3_close(db);
}

/* Text is bound as text, NULL as NULL, an empty text as an empty text. */
static void
test_text(void)
{
	struct tmg_error err = { 0 };
	struct store_rows *r;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char got[200] = "";
	int rc = -1;

	if (sqlite3_open(":memory:", &db) == SQLITE_OK &&
	    sqlite3_exec(db, "CREATE TABLE s (i INTEGER PRIMARY KEY, l TEXT)",
			 NULL, NULL, NULL) == SQLITE_OK) {
		r = store_rows_new(db, "INSERT OR FAIL INTO s (i, l)", 2);
		store_rows_int64(r, 1);
		store_rows_text(r, "zh-Hant-TW");
		store_rows_int64(r, 2);
		store_rows_text(r, NULL);
		store_rows_int64(r, 3);
		store_rows_text(r, "");
		store_rows_int64(r, 4);
		store_rows_text(r, "\xc3\xa9t\xc3\xa9");
		rc = store_rows_flush(r, &err);
		store_rows_free(r);
	}
	sqlite3_prepare_v2(db, "SELECT group_concat(typeof(l) || ':' ||"
			   " coalesce(l, '-'), ' ') FROM s ORDER BY i", -1,
			   &st, NULL);
	if (st && sqlite3_step(st) == SQLITE_ROW)
		snprintf(got, sizeof got, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	ok(rc == 0 && strcmp(got, "text:zh-Hant-TW null:- text: "
			     "text:\xc3\xa9t\xc3\xa9") == 0,
	   "texts, NULL and an empty text kept as such (%s)", got);
}

int
main(void)
{
	const long counts[] = { 0, 1, STORE_ROWS_BATCH - 1, STORE_ROWS_BATCH,
				STORE_ROWS_BATCH + 1, 3 * STORE_ROWS_BATCH,
				1000 };

	for (size_t i = 0; i < sizeof counts / sizeof *counts; i++)
		test_count(counts[i]);
	test_errors();
	test_text();
	store_rows_free(NULL);
	return done_testing();
}
