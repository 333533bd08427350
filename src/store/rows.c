/*
 * rows.c -- rows inserted into one table several at a time.
 *
 * Running a statement has a fixed cost larger than the insert of a short
 * row: its cursor opened and closed, its transaction state checked, the
 * statement halted and reset.  The index pass writes millions of small
 * rows (posting runs), so they wait here until STORE_ROWS_BATCH of them
 * can go in one multi-row INSERT (callgrind, 250,000 posting-sized rows
 * into a WITHOUT ROWID table: 1,658 M instructions one at a time, 904 M
 * sixteen at a time).  The rows are inserted in the order they were
 * given, so the table is the same as with one statement a row.
 *
 * Values are copied (blobs into a pool) when given and bound when the
 * batch is run, so the caller's buffers need not live on.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/xalloc.h"
#include "store/db.h"

struct rows_value {
	enum { ROWS_INT, ROWS_BLOB, ROWS_TEXT, ROWS_NULL } kind;
	int64_t i;           /* the integer, or the bytes' offset in pool */
	size_t len;          /* the blob's or text's bytes */
};

struct store_rows {
	sqlite3 *db;
	char *head;          /* "INSERT ... INTO t (a, b)" */
	int ncols;
	sqlite3_stmt *many;  /* STORE_ROWS_BATCH rows */
	sqlite3_stmt *one;   /* one row, for what is left at the end */
	struct rows_value *values; /* STORE_ROWS_BATCH * ncols */
	size_t nvalues;      /* given so far */
	struct strbuf pool;  /* the blobs' bytes */
};

struct store_rows *
store_rows_new(sqlite3 *db, const char *head, int ncols)
{
	struct store_rows *r = xcalloc(1, sizeof *r);

	r->db = db;
	r->head = xstrdup(head);
	r->ncols = ncols;
	r->values = xcalloc((size_t)STORE_ROWS_BATCH * (size_t)ncols,
			    sizeof *r->values);
	return r;
}

void
store_rows_free(struct store_rows *r)
{
	if (r == NULL)
		return;
	sqlite3_finalize(r->many);
	sqlite3_finalize(r->one);
	free(r->head);
	free(r->values);
	strbuf_release(&r->pool);
	free(r);
}

void
store_rows_discard(struct store_rows *r)
{
	if (r == NULL)
		return;
	r->nvalues = 0;
	strbuf_reset(&r->pool);
	if (r->many)
		sqlite3_reset(r->many);
	if (r->one)
		sqlite3_reset(r->one);
}

/* The statement of `rows` rows, prepared on first use. */
static int
statement(struct store_rows *r, sqlite3_stmt **st, int rows,
	  struct tmg_error *err)
{
	struct strbuf sql = { 0 };
	int ret = 0;

	if (*st)
		return 0;
	strbuf_addstr(&sql, r->head);
	strbuf_addstr(&sql, " VALUES ");
	for (int i = 0; i < rows; i++) {
		strbuf_addstr(&sql, i ? ",(" : "(");
		for (int c = 0; c < r->ncols; c++)
			strbuf_addstr(&sql, c ? ",?" : "?");
		strbuf_addch(&sql, ')');
	}
	if (sqlite3_prepare_v3(r->db, sql.buf, (int)sql.len,
			       SQLITE_PREPARE_PERSISTENT, st,
			       NULL) != SQLITE_OK) {
		sqlite3_finalize(*st);
		*st = NULL;
		ret = store_db_error(r->db, err);
	}
	strbuf_release(&sql);
	return ret;
}

/* Bind values [first, first + n) to `st` from its first parameter on, run
 * it and reset it. */
static int
run(struct store_rows *r, sqlite3_stmt *st, size_t first, size_t n,
    struct tmg_error *err)
{
	int rc;

	for (size_t i = 0; i < n; i++) {
		const struct rows_value *v = &r->values[first + i];
		const char *bytes = v->len ? r->pool.buf + v->i : "";

		switch (v->kind) {
		case ROWS_INT:
			sqlite3_bind_int64(st, (int)i + 1, v->i);
			break;
		case ROWS_BLOB:
			sqlite3_bind_blob64(st, (int)i + 1, bytes, v->len,
					    SQLITE_STATIC);
			break;
		case ROWS_TEXT:
			sqlite3_bind_text64(st, (int)i + 1, bytes, v->len,
					    SQLITE_STATIC, SQLITE_UTF8);
			break;
		case ROWS_NULL:
			sqlite3_bind_null(st, (int)i + 1);
			break;
		}
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_db_error(r->db, err);
	return 0;
}

int
store_rows_flush(struct store_rows *r, struct tmg_error *err)
{
	size_t per_row = (size_t)r->ncols;
	int ret = 0;

	if (r->nvalues == (size_t)STORE_ROWS_BATCH * per_row) {
		if (statement(r, &r->many, STORE_ROWS_BATCH, err) < 0 ||
		    run(r, r->many, 0, r->nvalues, err) < 0)
			ret = -1;
	} else {
		for (size_t at = 0; at < r->nvalues && ret == 0; at += per_row)
			if (statement(r, &r->one, 1, err) < 0 ||
			    run(r, r->one, at, per_row, err) < 0)
				ret = -1;
	}
	r->nvalues = 0;
	strbuf_reset(&r->pool);
	return ret;
}

void
store_rows_int64(struct store_rows *r, int64_t value)
{
	struct rows_value *v = &r->values[r->nvalues++];

	v->kind = ROWS_INT;
	v->i = value;
}

static void
add_bytes(struct store_rows *r, int kind, const void *data, size_t len)
{
	struct rows_value *v = &r->values[r->nvalues++];

	v->kind = kind;
	v->i = (int64_t)r->pool.len;
	v->len = len;
	if (len)
		strbuf_add(&r->pool, data, len);
}

void
store_rows_blob(struct store_rows *r, const void *data, size_t len)
{
	add_bytes(r, ROWS_BLOB, data, len);
}

void
store_rows_text(struct store_rows *r, const char *text)
{
	if (text == NULL)
		add_bytes(r, ROWS_NULL, NULL, 0);
	else
		add_bytes(r, ROWS_TEXT, text, strlen(text));
}

int
store_rows_end(struct store_rows *r, struct tmg_error *err)
{
	if (r->nvalues < (size_t)STORE_ROWS_BATCH * (size_t)r->ncols)
		return 0;
	return store_rows_flush(r, err);
}
