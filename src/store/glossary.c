/*
 * glossary.c -- the glossaries in the memory: concepts, their terms and
 * fields, and the term recognition index (schema in store.c, version 2).
 *
 * Invariants kept here:
 *   - every import is one transaction: glossary_import_rollback() leaves the
 *     file exactly as it was before glossary_import_begin();
 *   - every stored term has its rows in term_index, written in the same
 *     transaction from termkey.c's keys, and glossary_meta records the
 *     TERM_KEY_VERSION they were built with; when that differs (a newer
 *     tmgloss), the next import or term_finder_open rebuilds the index
 *     once, never per run;
 *   - importing the same file twice changes nothing: an entry with the
 *     same origin and entry id as a concept stored before this import is
 *     left alone when it holds the same, else updated in place (its row id
 *     stays);
 *   - a concept whose terms are those of a stored concept (the same texts,
 *     in languages that answer one another as lang_matches() says: "zh"
 *     finds "zh-CN") is that concept, left alone, unless the file tells
 *     them apart: two entries of the same origin with different entry ids
 *     are homonyms and stay two concepts (same_entry() below);
 *   - deleting a concept deletes its terms, fields and index rows (foreign
 *     keys with ON DELETE CASCADE; memory_open turns foreign keys on).
 *   - term_index_packed (the finder's copy of term_index, terms.c) never
 *     outlives a change to term_index: an import that indexed a term
 *     empties it before it commits (all rows are inserted by an import or
 *     a rebuild, which empties it too); triggers empty it on any deletion
 *     or update.  An import that changes nothing leaves it alone.
 * Every SQL statement binds its parameters; none is built from data.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "base/error.h"
#include "base/hash.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "store/db.h"
#include "store/store.h"
#include "text/text.h"

/* Order-independent hash of a concept's terms (language and text). */
static sqlite3_int64
content_hash(const struct tmg_concept *c)
{
	uint64_t sum = 0;

	for (size_t i = 0; i < c->nterms; i++) {
		uint64_t h = hash_fnv1a_str(HASH_FNV_OFFSET, c->terms[i].lang);
		h = hash_fnv1a_str(h, "\x1f");
		sum += hash_fnv1a_str(h, c->terms[i].text);
	}
	return (sqlite3_int64)sum;
}

/* Step a statement that returns no row; reset it after. */
static int
run(sqlite3 *db, sqlite3_stmt *st, struct tmg_error *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_db_error(db, err);
	return 0;
}

static char *
column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? xstrdup((const char *)s) : NULL;
}

/* ------------------------------------------------------------ import */

enum statement {
	ST_FIND_ENTRY,
	ST_FIND_HASH,
	ST_FIND_KEY,
	ST_TERMS_OF,
	ST_ADD_CONCEPT,
	ST_UPDATE_CONCEPT,
	ST_CLEAR_TERMS,
	ST_CLEAR_FIELDS,
	ST_ADD_TERM,
	ST_ADD_FIELD,
	ST_ADD_INDEX,
	ST_COUNT
};

static const char *const statement_sql[ST_COUNT] = {
	[ST_FIND_ENTRY] = "SELECT id FROM concepts WHERE origin = ?1"
			  " AND entry_id = ?2 AND id <= ?3",
	[ST_FIND_HASH] = "SELECT id, origin, entry_id FROM concepts"
			 " WHERE content_hash = ?1",
	/* concepts with a term of this recognition key: the candidates
	 * whose languages differ from ours only by a region or script */
	[ST_FIND_KEY] = "SELECT DISTINCT c.id, c.origin, c.entry_id"
			" FROM term_index i JOIN terms t ON t.id = i.term_id"
			" JOIN concepts c ON c.id = t.concept_id"
			" WHERE i.key_hash = ?1",
	[ST_TERMS_OF] = "SELECT lang, text FROM terms WHERE concept_id = ?1",
	[ST_ADD_CONCEPT] =
		"INSERT INTO concepts (origin, entry_id, subject_field,"
		" content_hash, added) VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_UPDATE_CONCEPT] =
		"UPDATE concepts SET subject_field = ?2, content_hash = ?3,"
		" added = ?4 WHERE id = ?1",
	[ST_CLEAR_TERMS] = "DELETE FROM terms WHERE concept_id = ?1",
	[ST_CLEAR_FIELDS] = "DELETE FROM concept_fields WHERE concept_id = ?1",
	[ST_ADD_TERM] =
		"INSERT INTO terms (concept_id, lang, text, status,"
		" part_of_speech, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_ADD_FIELD] =
		"INSERT INTO concept_fields (concept_id, term_id, kind, type,"
		" lang, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_ADD_INDEX] =
		"INSERT INTO term_index (term_id, lang, first_hash, key_hash,"
		" ntokens) VALUES (?1, ?2, ?3, ?4, ?5)",
};

struct keyer_entry {
	char lang[TMG_LANG_MAX];
	struct term_keyer *keyer;
};

/* Keyers by language, for indexing terms. */
struct keyers {
	struct keyer_entry *items;
	size_t count;
	struct term_key_tokens tokens;
};

struct glossary_import {
	struct tmg_memory *memory;
	sqlite3 *db;
	char *origin;
	sqlite3_int64 last_before;  /* highest concept row before the import */
	char now[32];
	sqlite3_stmt *st[ST_COUNT];
	struct keyers keyers;
	int indexed;                /* rows went into term_index */
};

static struct term_keyer *
keyer_for(struct keyers *ks, const char *lang, struct tmg_error *err)
{
	struct term_keyer *k;

	for (size_t i = 0; i < ks->count; i++)
		if (strcmp(ks->items[i].lang, lang) == 0)
			return ks->items[i].keyer;
	if ((k = term_keyer_new(lang, err)) == NULL)
		return NULL;
	ks->items = xreallocarray(ks->items, ks->count + 1, sizeof *ks->items);
	snprintf(ks->items[ks->count].lang, TMG_LANG_MAX, "%s", lang);
	ks->items[ks->count++].keyer = k;
	return k;
}

static void
keyers_free(struct keyers *ks)
{
	for (size_t i = 0; i < ks->count; i++)
		term_keyer_free(ks->items[i].keyer);
	free(ks->items);
	free(ks->tokens.items);
	memset(ks, 0, sizeof *ks);
}

/* The tokens of a term into ks->tokens (none: only elided articles,
 * say). */
static int
term_tokens(struct keyers *ks, const char *lang, const char *text,
	    struct tmg_error *err)
{
	struct term_keyer *k = keyer_for(ks, lang, err);

	if (k == NULL || term_keyer_tokens(k, text, &ks->tokens, err) < 0)
		return -1;
	return 0;
}

/* Write the index rows of one term. */
static int
index_term(sqlite3 *db, sqlite3_stmt *add, struct keyers *ks,
	   sqlite3_int64 term_id, const char *lang, const char *text,
	   struct tmg_error *err)
{
	if (term_tokens(ks, lang, text, err) < 0)
		return -1;
	if (ks->tokens.count == 0)
		return 0; /* nothing to find: only elided articles, say */
	sqlite3_bind_int64(add, 1, term_id);
	store_bind_text(add, 2, lang);
	sqlite3_bind_int64(add, 3, (sqlite3_int64)ks->tokens.items[0].hash);
	sqlite3_bind_int64(add, 4, (sqlite3_int64)term_key_ngram_hash(
				   &ks->tokens, 0, ks->tokens.count));
	sqlite3_bind_int(add, 5, (int)ks->tokens.count);
	return run(db, add, err);
}

static const char *
stored_key_version(sqlite3 *db, char *buf, size_t size)
{
	sqlite3_stmt *st = NULL;
	const char *ret = NULL;

	if (sqlite3_prepare_v2(db, "SELECT value FROM glossary_meta"
			       " WHERE name = 'term_key_version'", -1, &st,
			       NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
		snprintf(buf, size, "%s", sqlite3_column_text(st, 0));
		ret = buf;
	}
	sqlite3_finalize(st);
	return ret;
}

/*
 * Inside a transaction: rebuild term_index when it was built by another
 * version of termkey.c, and record the version.
 */
static int
refresh_index(sqlite3 *db, struct tmg_error *err)
{
	char version[32];
	const char *stored = stored_key_version(db, version, sizeof version);
	sqlite3_stmt *terms = NULL, *add = NULL, *meta = NULL;
	struct keyers ks = { 0 };
	int rc, ret = -1;

	if (stored && strcmp(stored, TERM_KEY_VERSION) == 0)
		return 0;
	if (store_exec(db, "DELETE FROM term_index_packed", err) < 0 ||
	    store_exec(db, "DELETE FROM term_index", err) < 0)
		return -1;
	if (store_prepare(db, "SELECT id, lang, text FROM terms", &terms,
			  err) < 0 ||
	    store_prepare(db, statement_sql[ST_ADD_INDEX], &add, err) < 0 ||
	    store_prepare(db, "INSERT OR REPLACE INTO glossary_meta"
			  " (name, value) VALUES ('term_key_version', ?1)",
			  &meta, err) < 0)
		goto out;
	while ((rc = sqlite3_step(terms)) == SQLITE_ROW)
		if (index_term(db, add, &ks, sqlite3_column_int64(terms, 0),
			       (const char *)sqlite3_column_text(terms, 1),
			       (const char *)sqlite3_column_text(terms, 2),
			       err) < 0)
			goto out;
	if (rc != SQLITE_DONE) {
		store_db_error(db, err);
		goto out;
	}
	store_bind_text(meta, 1, TERM_KEY_VERSION);
	ret = run(db, meta, err);
out:
	sqlite3_finalize(terms);
	sqlite3_finalize(add);
	sqlite3_finalize(meta);
	keyers_free(&ks);
	return ret;
}

int
glossary_refresh_index(struct tmg_memory *memory, struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);
	char version[32];
	const char *stored = stored_key_version(db, version, sizeof version);

	if (stored && strcmp(stored, TERM_KEY_VERSION) == 0)
		return 0;
	if (memory_begin_write(memory, err) < 0)
		return -1;
	if (refresh_index(db, err) < 0 || store_exec(db, "COMMIT", err) < 0) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

static void
import_free(struct glossary_import *imp)
{
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(imp->st[i]);
	keyers_free(&imp->keyers);
	free(imp->origin);
	free(imp);
}

struct glossary_import *
glossary_import_begin(struct tmg_memory *memory, const char *origin,
		      struct tmg_error *err)
{
	struct glossary_import *imp = xcalloc(1, sizeof *imp);
	sqlite3_stmt *st;

	imp->memory = memory;
	imp->db = memory_db(memory);
	imp->origin = origin ? xstrdup(origin) : NULL;
	unit_date_now(imp->now);
	if (memory_begin_write(memory, err) < 0) {
		import_free(imp);
		return NULL;
	}
	if (refresh_index(imp->db, err) < 0)
		goto fail;
	for (int i = 0; i < ST_COUNT; i++)
		if (store_prepare(imp->db, statement_sql[i], &imp->st[i],
				  err) < 0)
			goto fail;
	if (store_prepare(imp->db, "SELECT coalesce(max(id), 0) FROM concepts",
			  &st, err) < 0)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW)
		imp->last_before = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return imp;
fail:
	sqlite3_exec(imp->db, "ROLLBACK", NULL, NULL, NULL);
	import_free(imp);
	return NULL;
}

/* Are the terms of stored concept `row` those of `c`: as many, each of
 * c's with a stored twin of the same text in a language c's answers? */
static int
same_terms(struct glossary_import *imp, sqlite3_int64 row,
	   const struct tmg_concept *c, int *same, struct tmg_error *err)
{
	sqlite3_stmt *st = imp->st[ST_TERMS_OF];
	char **theirs = NULL;
	size_t n = 0, alloc = 0;
	int rc;

	*same = 0;
	sqlite3_bind_int64(st, 1, row);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(theirs, n + 2, alloc);
		theirs[n++] = column_text(st, 0);
		theirs[n++] = column_text(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_db_error(imp->db, err);
		goto out;
	}
	if (n == 2 * c->nterms) {
		/* a twin found is used up: its language becomes NULL */
		*same = 1;
		for (size_t i = 0; i < c->nterms && *same; i++) {
			size_t j;
			for (j = 0; j < n; j += 2)
				if (theirs[j] && theirs[j + 1] &&
				    strcmp(theirs[j + 1], c->terms[i].text) == 0 &&
				    lang_matches(c->terms[i].lang, theirs[j],
						 0))
					break;
			if (j == n) {
				*same = 0;
			} else {
				free(theirs[j]);
				theirs[j] = NULL;
			}
		}
	}
out:
	for (size_t i = 0; i < n; i++)
		free(theirs[i]);
	free(theirs);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
add_field(struct glossary_import *imp, sqlite3_int64 concept,
	  sqlite3_int64 term, const struct concept_field *f,
	  struct tmg_error *err)
{
	sqlite3_stmt *st = imp->st[ST_ADD_FIELD];

	sqlite3_bind_int64(st, 1, concept);
	if (term)
		sqlite3_bind_int64(st, 2, term);
	else
		sqlite3_bind_null(st, 2);
	store_bind_text(st, 3, f->kind);
	store_bind_text(st, 4, f->type);
	store_bind_text(st, 5, term ? NULL : f->lang);
	store_bind_text(st, 6, f->value);
	return run(imp->db, st, err);
}

/* One term of concept `row` at `position`, its fields and index rows. */
static int
store_term(struct glossary_import *imp, sqlite3_int64 row,
	   const struct tmg_term *t, size_t position, struct tmg_error *err)
{
	sqlite3_stmt *st = imp->st[ST_ADD_TERM];
	sqlite3_int64 term;

	sqlite3_bind_int64(st, 1, row);
	store_bind_text(st, 2, t->lang);
	store_bind_text(st, 3, t->text);
	sqlite3_bind_int(st, 4, (int)t->status);
	store_bind_text(st, 5, t->part_of_speech);
	sqlite3_bind_int(st, 6, (int)position);
	if (run(imp->db, st, err) < 0)
		return -1;
	term = sqlite3_last_insert_rowid(imp->db);
	for (size_t f = 0; f < t->fields.count; f++)
		if (add_field(imp, row, term, &t->fields.items[f], err) < 0)
			return -1;
	imp->indexed = 1;
	return index_term(imp->db, imp->st[ST_ADD_INDEX], &imp->keyers, term,
			  t->lang, t->text, err);
}

/* Terms, fields and index rows of concept `row`. */
static int
store_contents(struct glossary_import *imp, sqlite3_int64 row,
	       const struct tmg_concept *c, struct tmg_error *err)
{
	for (size_t i = 0; i < c->fields.count; i++)
		if (add_field(imp, row, 0, &c->fields.items[i], err) < 0)
			return -1;
	for (size_t i = 0; i < c->nterms; i++)
		if (store_term(imp, row, &c->terms[i], i, err) < 0) {
			if (err && err->line == 0) {
				err->line = c->terms[i].line;
				if (c->origin == NULL && imp->origin)
					snprintf(err->file, sizeof err->file,
						 "%s", imp->origin);
			}
			return -1;
		}
	return 0;
}

/* The stored concept with the same origin and entry id, or 0. */
static int
find_entry(struct glossary_import *imp, const struct tmg_concept *c,
	   sqlite3_int64 *row, struct tmg_error *err)
{
	sqlite3_stmt *st = imp->st[ST_FIND_ENTRY];
	int rc;

	*row = 0;
	if (imp->origin == NULL || c->id == NULL)
		return 0;
	store_bind_text(st, 1, imp->origin);
	store_bind_text(st, 2, c->id);
	sqlite3_bind_int64(st, 3, imp->last_before);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*row = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_error(imp->db, err);
	return 0;
}

/*
 * May stored concept (origin, entry_id) be the same as c?  Not when the
 * file tells them apart: two entries of one origin with different ids are
 * homonyms (three "world/mundo" entries of one TBX stay three).  An entry
 * without an id, a concept added by hand, or one from another file says
 * nothing against it.
 */
static int
same_entry(const struct glossary_import *imp, const struct tmg_concept *c,
	   const char *origin, const char *entry_id)
{
	return imp->origin == NULL || c->id == NULL || origin == NULL ||
	       entry_id == NULL || strcmp(origin, imp->origin) != 0 ||
	       strcmp(entry_id, c->id) == 0;
}

/* Add to rows[] the concepts `st` (bound, returning id, origin, entry_id)
 * gives that may be c. */
static int
candidates(struct glossary_import *imp, sqlite3_stmt *st,
	   const struct tmg_concept *c, sqlite3_int64 **rows, size_t *n,
	   struct tmg_error *err)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		size_t i;

		if (!same_entry(imp, c,
				(const char *)sqlite3_column_text(st, 1),
				(const char *)sqlite3_column_text(st, 2)))
			continue;
		for (i = 0; i < *n && (*rows)[i] != id; i++)
			;
		if (i < *n)
			continue;
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		(*rows)[(*n)++] = id;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_db_error(imp->db, err);
	return 0;
}

/* A stored concept with the terms of c (same_terms), or 0.  The
 * candidates: the same content hash (the same tags), and the concepts
 * with a term of the recognition key of c's first term that has one (its
 * tag may differ). */
static int
find_same(struct glossary_import *imp, const struct tmg_concept *c,
	  sqlite3_int64 hash, sqlite3_int64 *row, struct tmg_error *err)
{
	sqlite3_stmt *st = imp->st[ST_FIND_HASH];
	sqlite3_int64 *rows = NULL;
	size_t n = 0;
	int ret;

	*row = 0;
	sqlite3_bind_int64(st, 1, hash);
	ret = candidates(imp, st, c, &rows, &n, err);
	for (size_t i = 0; ret == 0 && i < c->nterms; i++) {
		struct term_key_tokens *tk = &imp->keyers.tokens;

		if (term_tokens(&imp->keyers, c->terms[i].lang,
				c->terms[i].text, err) < 0) {
			ret = -1;
			break;
		}
		if (tk->count == 0)
			continue;
		st = imp->st[ST_FIND_KEY];
		sqlite3_bind_int64(st, 1, (sqlite3_int64)term_key_ngram_hash(
					   tk, 0, tk->count));
		ret = candidates(imp, st, c, &rows, &n, err);
		break;
	}
	for (size_t i = 0; ret == 0 && i < n && *row == 0; i++) {
		int same;
		if (same_terms(imp, rows[i], c, &same, err) < 0)
			ret = -1;
		else if (same)
			*row = rows[i];
	}
	free(rows);
	return ret;
}

static int
same_string(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int
same_fields(const struct concept_fields *a, const struct concept_fields *b)
{
	if (a->count != b->count)
		return 0;
	for (size_t i = 0; i < a->count; i++)
		if (!same_string(a->items[i].kind, b->items[i].kind) ||
		    !same_string(a->items[i].type, b->items[i].type) ||
		    !same_string(a->items[i].lang, b->items[i].lang) ||
		    !same_string(a->items[i].value, b->items[i].value))
			return 0;
	return 1;
}

/* Does stored concept `row` hold exactly what c holds (terms in order,
 * their status, part of speech and fields, the concept's fields)? */
static int
same_concept(struct glossary_import *imp, sqlite3_int64 row,
	     const struct tmg_concept *c, int *same, struct tmg_error *err)
{
	struct tmg_concept stored;
	int got;

	concept_init(&stored);
	*same = 0;
	got = glossary_get_concept(imp->memory, row, &stored, err);
	if (got < 0)
		return -1;
	if (got > 0 && stored.nterms == c->nterms &&
	    same_string(stored.subject_field, c->subject_field) &&
	    same_fields(&stored.fields, &c->fields)) {
		*same = 1;
		for (size_t i = 0; i < c->nterms && *same; i++) {
			const struct tmg_term *a = &stored.terms[i];
			const struct tmg_term *b = &c->terms[i];
			*same = strcmp(a->lang, b->lang) == 0 &&
				strcmp(a->text, b->text) == 0 &&
				a->status == b->status &&
				same_string(a->part_of_speech,
					    b->part_of_speech) &&
				same_fields(&a->fields, &b->fields);
		}
	}
	concept_clear(&stored);
	return 0;
}

static int
add_concept(struct glossary_import *imp, const struct tmg_concept *c,
	    enum glossary_add_result *result, sqlite3_int64 *out_row,
	    struct tmg_error *err)
{
	sqlite3_int64 hash = content_hash(c), row;
	sqlite3_stmt *st;

	if (c->nterms == 0) {
		tmg_error_set(err, imp->origin, c->line, 0, "%s",
			      _("a concept without terms"));
		return -1;
	}
	if (find_entry(imp, c, &row, err) < 0)
		return -1;
	if (row) {
		int same;
		if (same_concept(imp, row, c, &same, err) < 0)
			return -1;
		if (same) {
			*result = GLOSSARY_UNCHANGED;
			*out_row = row;
			return 0;
		}
		st = imp->st[ST_CLEAR_FIELDS];
		sqlite3_bind_int64(st, 1, row);
		if (run(imp->db, st, err) < 0)
			return -1;
		st = imp->st[ST_CLEAR_TERMS];
		sqlite3_bind_int64(st, 1, row);
		if (run(imp->db, st, err) < 0)
			return -1;
		st = imp->st[ST_UPDATE_CONCEPT];
		sqlite3_bind_int64(st, 1, row);
		store_bind_text(st, 2, c->subject_field);
		sqlite3_bind_int64(st, 3, hash);
		store_bind_text(st, 4, imp->now);
		if (run(imp->db, st, err) < 0 ||
		    store_contents(imp, row, c, err) < 0)
			return -1;
		*result = GLOSSARY_REPLACED;
		*out_row = row;
		return 0;
	}
	if (find_same(imp, c, hash, &row, err) < 0)
		return -1;
	if (row) {
		*result = GLOSSARY_UNCHANGED;
		*out_row = row;
		return 0;
	}
	st = imp->st[ST_ADD_CONCEPT];
	store_bind_text(st, 1, imp->origin);
	store_bind_text(st, 2, c->id);
	store_bind_text(st, 3, c->subject_field);
	sqlite3_bind_int64(st, 4, hash);
	store_bind_text(st, 5, imp->now);
	if (run(imp->db, st, err) < 0)
		return -1;
	row = sqlite3_last_insert_rowid(imp->db);
	if (store_contents(imp, row, c, err) < 0)
		return -1;
	*result = GLOSSARY_ADDED;
	*out_row = row;
	return 0;
}

int
glossary_import_add(struct glossary_import *imp, const struct tmg_concept *c,
		    enum glossary_add_result *result, struct tmg_error *err)
{
	sqlite3_int64 row;

	return add_concept(imp, c, result, &row, err);
}

int
glossary_import_commit(struct glossary_import *imp, struct tmg_error *err)
{
	int ret = 0;

	for (int i = 0; i < ST_COUNT; i++) {
		sqlite3_finalize(imp->st[i]);
		imp->st[i] = NULL;
	}
	/* the finder's packed rows (terms.c) miss the new index rows */
	if ((imp->indexed && store_exec(imp->db, "DELETE FROM"
					" term_index_packed", err) < 0) ||
	    store_exec(imp->db, "COMMIT", err) < 0) {
		sqlite3_exec(imp->db, "ROLLBACK", NULL, NULL, NULL);
		ret = -1;
	}
	import_free(imp);
	return ret;
}

void
glossary_import_rollback(struct glossary_import *imp)
{
	for (int i = 0; i < ST_COUNT; i++) {
		sqlite3_finalize(imp->st[i]);
		imp->st[i] = NULL;
	}
	sqlite3_exec(imp->db, "ROLLBACK", NULL, NULL, NULL);
	import_free(imp);
}

int
glossary_add_concept(struct tmg_memory *memory, const struct tmg_concept *c,
		     enum glossary_add_result *result, int64_t *row,
		     struct tmg_error *err)
{
	struct glossary_import *imp = glossary_import_begin(memory, NULL, err);
	sqlite3_int64 r;

	if (imp == NULL)
		return -1;
	if (add_concept(imp, c, result, &r, err) < 0) {
		glossary_import_rollback(imp);
		return -1;
	}
	if (row)
		*row = r;
	return glossary_import_commit(imp, err);
}

/* ------------------------------------------------------------ editing */

/* Run one statement on ?1 = row and, if it has a ?2, text or else
 * number, in imp's transaction. */
static int
run_sql(struct glossary_import *imp, const char *sql, sqlite3_int64 row,
	const char *text, sqlite3_int64 number, struct tmg_error *err)
{
	sqlite3_stmt *st;
	int ret;

	if (store_prepare(imp->db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, row);
	if (text)
		store_bind_text(st, 2, text);
	else
		sqlite3_bind_int64(st, 2, number);
	ret = run(imp->db, st, err);
	sqlite3_finalize(st);
	return ret;
}

/* Stored concept `row` into c, or an error when there is none. */
static int
load_concept(struct glossary_import *imp, int64_t row, struct tmg_concept *c,
	     struct tmg_error *err)
{
	int got = glossary_get_concept(imp->memory, row, c, err);

	if (got == 0)
		tmg_error_set(err, NULL, 0, 0,
			      _("there is no concept #%lld in the glossary"),
			      (long long)row);
	return got > 0 ? 0 : -1;
}

/* The content hash of concept c as stored now. */
static int
set_hash(struct glossary_import *imp, const struct tmg_concept *c,
	 struct tmg_error *err)
{
	return run_sql(imp, "UPDATE concepts SET content_hash = ?2"
		       " WHERE id = ?1", c->row, NULL, content_hash(c), err);
}

/* Commit imp when ret is 0, else roll it back; ret. */
static int
finish(struct glossary_import *imp, int ret, struct tmg_error *err)
{
	if (ret < 0) {
		glossary_import_rollback(imp);
		return -1;
	}
	return glossary_import_commit(imp, err);
}

int
glossary_add_terms(struct tmg_memory *memory, int64_t row,
		   const struct tmg_concept *terms, long *added,
		   struct tmg_error *err)
{
	struct glossary_import *imp = glossary_import_begin(memory, NULL, err);
	struct tmg_concept stored;
	int ret = -1;

	*added = 0;
	if (imp == NULL)
		return -1;
	concept_init(&stored);
	if (load_concept(imp, row, &stored, err) < 0)
		goto out;
	for (size_t i = 0; i < terms->nterms; i++) {
		const struct tmg_term *t = &terms->terms[i];
		struct tmg_term *copy;
		size_t j;

		for (j = 0; j < stored.nterms; j++)
			if (strcmp(stored.terms[j].text, t->text) == 0 &&
			    lang_matches(t->lang, stored.terms[j].lang, 0))
				break;
		if (j < stored.nterms)
			continue; /* there already */
		if (store_term(imp, row, t, stored.nterms, err) < 0)
			goto out;
		copy = concept_add_term(&stored, t->lang, t->text);
		copy->status = t->status;
		++*added;
	}
	ret = *added ? set_hash(imp, &stored, err) : 0;
out:
	concept_clear(&stored);
	return finish(imp, ret, err);
}

/* The term of c that edit->term names (text compared without case and
 * accents, an exact one first; in edit->lang when given), or -1. */
static int
find_term(const struct tmg_concept *c, const struct glossary_edit *edit,
	  size_t *index, struct tmg_error *err)
{
	char *want = text_key(edit->term, TEXT_FOLD_ACCENTS, err);
	size_t n = 0, exact = 0;
	int ret = -1;

	if (want == NULL)
		return -1;
	for (size_t i = 0; i < c->nterms; i++) {
		const struct tmg_term *t = &c->terms[i];
		char *key;

		if (edit->lang && !lang_matches(edit->lang, t->lang, 0))
			continue;
		if (strcmp(t->text, edit->term) == 0) {
			*index = i;
			exact++;
			continue;
		}
		if ((key = text_key(t->text, TEXT_FOLD_ACCENTS, err)) == NULL)
			goto out;
		if (strcmp(key, want) == 0 && exact == 0) {
			*index = i;
			n++;
		}
		free(key);
	}
	if (exact == 1 || (exact == 0 && n == 1))
		ret = 0;
	else if (exact == 0 && n == 0)
		tmg_error_set(err, NULL, 0, 0,
			      _("concept #%lld has no term '%s'"),
			      (long long)c->row, edit->term);
	else
		tmg_error_set(err, NULL, 0, 0,
			      _("'%s' is several terms of concept #%lld: give "
				"its language with --lang"), edit->term,
			      (long long)c->row);
out:
	free(want);
	return ret;
}

/* Replace the fields of this kind and type of the concept (lang NULL) or
 * of one language section with `value` (none when it is empty). */
static int
set_field(struct glossary_import *imp, sqlite3_int64 row, const char *kind,
	  const char *type, const char *lang, const char *value,
	  struct tmg_error *err)
{
	struct concept_field f = { 0 };
	sqlite3_stmt *st;
	int ret;

	if (store_prepare(imp->db, "DELETE FROM concept_fields"
			  " WHERE concept_id = ?1 AND term_id IS NULL"
			  " AND lang IS ?4 AND kind = ?2"
			  " AND type IS ?3", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, row);
	store_bind_text(st, 2, kind);
	store_bind_text(st, 3, type);
	store_bind_text(st, 4, lang);
	ret = run(imp->db, st, err);
	sqlite3_finalize(st);
	if (ret < 0 || value[0] == '\0')
		return ret;
	f.kind = (char *)kind;
	f.type = (char *)type;
	f.lang = (char *)lang;
	f.value = (char *)value;
	return add_field(imp, row, 0, &f, err);
}

/* The language section edit->lang names in c: the tag of its first term
 * in a language answering it, else the tag as given; NULL for none. */
static const char *
section_lang(const struct tmg_concept *c, const struct glossary_edit *edit)
{
	if (edit->lang == NULL)
		return NULL;
	for (size_t i = 0; i < c->nterms; i++)
		if (lang_matches(edit->lang, c->terms[i].lang, 0))
			return c->terms[i].lang;
	return edit->lang;
}

int
glossary_edit_concept(struct tmg_memory *memory, int64_t row,
		      const struct glossary_edit *edit, struct tmg_error *err)
{
	struct glossary_import *imp = glossary_import_begin(memory, NULL, err);
	struct tmg_concept c;
	size_t i = 0;
	int ret = -1;

	if (imp == NULL)
		return -1;
	concept_init(&c);
	if (load_concept(imp, row, &c, err) < 0 ||
	    (edit->term && find_term(&c, edit, &i, err) < 0))
		goto out;
	if (edit->term && edit->to) {
		struct tmg_term *t = &c.terms[i];

		if (run_sql(imp, "UPDATE terms SET text = ?2 WHERE id = ?1",
			    t->id, edit->to, 0, err) < 0 ||
		    run_sql(imp, "DELETE FROM term_index WHERE term_id = ?1",
			    t->id, NULL, 0, err) < 0 ||
		    index_term(imp->db, imp->st[ST_ADD_INDEX], &imp->keyers,
			       t->id, t->lang, edit->to, err) < 0)
			goto out;
		imp->indexed = 1;
		free(t->text);
		t->text = xstrdup(edit->to);
		if (set_hash(imp, &c, err) < 0)
			goto out;
	}
	if (edit->term && edit->status >= 0 &&
	    run_sql(imp, "UPDATE terms SET status = ?2 WHERE id = ?1",
		    c.terms[i].id, NULL, edit->status, err) < 0)
		goto out;
	if ((edit->note && set_field(imp, row, "note", NULL,
				     section_lang(&c, edit), edit->note,
				     err) < 0) ||
	    (edit->definition &&
	     set_field(imp, row, "descrip", "definition",
		       section_lang(&c, edit), edit->definition, err) < 0))
		goto out;
	ret = 0;
out:
	concept_clear(&c);
	return finish(imp, ret, err);
}

/* ------------------------------------------------------------ reading */

static void
read_field_row(sqlite3_stmt *st, struct concept_fields *fields)
{
	struct concept_field *f = concept_fields_add(
		fields, (const char *)sqlite3_column_text(st, 1),
		(const char *)sqlite3_column_text(st, 2),
		(const char *)sqlite3_column_text(st, 3),
		(const char *)sqlite3_column_text(st, 4));
	(void)f;
}

int
glossary_get_concept(struct tmg_memory *memory, int64_t row,
		     struct tmg_concept *c, struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);
	sqlite3_stmt *st = NULL;
	int rc, ret = -1;

	concept_clear(c);
	if (store_prepare(db, "SELECT origin, entry_id, subject_field"
			  " FROM concepts WHERE id = ?1", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, row);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		ret = 0;
		goto out;
	}
	if (rc != SQLITE_ROW) {
		store_db_error(db, err);
		goto out;
	}
	c->row = row;
	c->origin = column_text(st, 0);
	c->id = column_text(st, 1);
	c->subject_field = column_text(st, 2);
	sqlite3_finalize(st);

	if (store_prepare(db, "SELECT id, lang, text, status, part_of_speech"
			  " FROM terms WHERE concept_id = ?1"
			  " ORDER BY position, id", &st, err) < 0)
		goto out;
	sqlite3_bind_int64(st, 1, row);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct tmg_term *t = concept_add_term(
			c, (const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2));
		t->id = sqlite3_column_int64(st, 0);
		t->status = (enum term_status)sqlite3_column_int(st, 3);
		t->part_of_speech = column_text(st, 4);
	}
	if (rc != SQLITE_DONE) {
		store_db_error(db, err);
		goto out;
	}
	sqlite3_finalize(st);

	if (store_prepare(db, "SELECT term_id, kind, type, lang, value"
			  " FROM concept_fields WHERE concept_id = ?1"
			  " ORDER BY id", &st, err) < 0)
		goto out;
	sqlite3_bind_int64(st, 1, row);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 term = sqlite3_column_int64(st, 0);
		struct concept_fields *fields = &c->fields;

		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			for (size_t i = 0; i < c->nterms; i++)
				if (c->terms[i].id == term)
					fields = &c->terms[i].fields;
		read_field_row(st, fields);
	}
	if (rc != SQLITE_DONE) {
		store_db_error(db, err);
		goto out;
	}
	ret = 1;
out:
	sqlite3_finalize(st);
	return ret;
}

int
glossary_foreach_concept(struct tmg_memory *memory, const char *origin,
			 glossary_concept_fn fn, void *data,
			 struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);
	sqlite3_stmt *st;
	struct tmg_concept c;
	sqlite3_int64 *rows = NULL;
	size_t n = 0, alloc = 0;
	int rc, ret = 0;

	if (store_prepare(db, origin
			  ? "SELECT id FROM concepts WHERE origin = ?1"
			    " ORDER BY id"
			  : "SELECT id FROM concepts ORDER BY id", &st,
			  err) < 0)
		return -1;
	store_bind_text(st, 1, origin);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(rows, n + 1, alloc);
		rows[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(rows);
		return store_db_error(db, err);
	}
	concept_init(&c);
	for (size_t i = 0; i < n && ret == 0; i++) {
		int got = glossary_get_concept(memory, rows[i], &c, err);
		if (got < 0)
			ret = -1;
		else if (got > 0 && fn(data, &c, err) != 0)
			ret = -1;
	}
	concept_clear(&c);
	free(rows);
	return ret;
}

/* ------------------------------------------------------------ removing */

static int
delete_concepts(sqlite3 *db, const sqlite3_int64 *rows, size_t n,
		struct tmg_error *err)
{
	sqlite3_stmt *st;

	if (store_prepare(db, "DELETE FROM concepts WHERE id = ?1", &st,
			  err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, rows[i]);
		if (run(db, st, err) < 0) {
			sqlite3_finalize(st);
			return -1;
		}
	}
	sqlite3_finalize(st);
	return 0;
}

/* The concepts that have a term equal to `text` in a language answering
 * `lang` (any when NULL), into rows[]. */
static int
term_concepts(sqlite3 *db, const char *text, const char *lang,
	      sqlite3_int64 **out, size_t *count, struct tmg_error *err)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 *rows = NULL;
	size_t n = 0;
	char *want = text_key(text, TEXT_FOLD_ACCENTS, err);
	int rc, ret = -1;

	*out = NULL;
	*count = 0;
	if (want == NULL)
		return -1;
	if (store_prepare(db, "SELECT DISTINCT concept_id, lang, text"
			  " FROM terms ORDER BY concept_id", &st, err) < 0)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 concept = sqlite3_column_int64(st, 0);
		const char *tlang = (const char *)sqlite3_column_text(st, 1);
		char *key;

		if (lang && !lang_matches(lang, tlang, 0))
			continue;
		if (n && rows[n - 1] == concept)
			continue;
		key = text_key((const char *)sqlite3_column_text(st, 2),
			       TEXT_FOLD_ACCENTS, err);
		if (key == NULL)
			goto out;
		if (strcmp(key, want) == 0) {
			rows = xreallocarray(rows, n + 1, sizeof *rows);
			rows[n++] = concept;
		}
		free(key);
	}
	if (rc != SQLITE_DONE) {
		store_db_error(db, err);
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	if (ret < 0)
		free(rows);
	else
		*out = rows, *count = n;
	free(want);
	return ret;
}

int
glossary_count_term(struct tmg_memory *memory, const char *text,
		    const char *lang, long *count, struct tmg_error *err)
{
	sqlite3_int64 *rows;
	size_t n;

	*count = 0;
	if (term_concepts(memory_db(memory), text, lang, &rows, &n, err) < 0)
		return -1;
	free(rows);
	*count = (long)n;
	return 0;
}

int
glossary_remove_term(struct tmg_memory *memory, const char *text,
		     const char *lang, long *removed, struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);
	sqlite3_int64 *rows = NULL;
	size_t n = 0;

	*removed = 0;
	if (memory_begin_write(memory, err) < 0)
		return -1;
	if (term_concepts(db, text, lang, &rows, &n, err) < 0 ||
	    delete_concepts(db, rows, n, err) < 0 ||
	    store_exec(db, "COMMIT", err) < 0) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		free(rows);
		return -1;
	}
	free(rows);
	*removed = (long)n;
	return 0;
}

int
glossary_remove_origin(struct tmg_memory *memory, const char *origin,
		       int dry_run, long *removed, struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);
	sqlite3_stmt *st;
	sqlite3_int64 *rows = NULL;
	size_t n = 0, alloc = 0;
	int rc;

	*removed = 0;
	if (!dry_run && memory_begin_write(memory, err) < 0)
		return -1;
	if (store_prepare(db, "SELECT id FROM concepts WHERE origin = ?1",
			  &st, err) < 0)
		goto fail;
	store_bind_text(st, 1, origin);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(rows, n + 1, alloc);
		rows[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_db_error(db, err);
		goto fail;
	}
	if (!dry_run && (delete_concepts(db, rows, n, err) < 0 ||
			 store_exec(db, "COMMIT", err) < 0))
		goto fail;
	free(rows);
	*removed = (long)n;
	return 0;
fail:
	if (!dry_run)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	free(rows);
	return -1;
}

int
glossary_remove_concept(struct tmg_memory *memory, int64_t row,
			long *removed, struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);
	sqlite3_int64 r = row;

	*removed = 0;
	if (delete_concepts(db, &r, 1, err) < 0)
		return -1;
	*removed = sqlite3_changes(db) > 0;
	return 0;
}

/* ------------------------------------------------------------ counts */

int
glossary_get_stats(struct tmg_memory *memory, struct glossary_stats *s,
		   struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);
	sqlite3_stmt *st;
	int rc;

	memset(s, 0, sizeof *s);
	if (store_prepare(db, "SELECT (SELECT count(*) FROM concepts),"
			  " (SELECT count(*) FROM terms)", &st, err) < 0)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		s->concepts = sqlite3_column_int64(st, 0);
		s->terms = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (store_prepare(db, "SELECT lang, count(*) FROM terms"
			  " GROUP BY lang ORDER BY count(*) DESC, lang", &st,
			  err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct memory_count *m;
		s->languages = xreallocarray(s->languages, s->nlanguages + 1,
					     sizeof *s->languages);
		m = &s->languages[s->nlanguages++];
		m->name = column_text(st, 0);
		m->name2 = NULL;
		m->count = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		glossary_stats_free(s);
		return store_db_error(db, err);
	}
	return 0;
}

void
glossary_stats_free(struct glossary_stats *s)
{
	for (size_t i = 0; i < s->nlanguages; i++)
		free(s->languages[i].name);
	free(s->languages);
	memset(s, 0, sizeof *s);
}

int
glossary_languages(struct tmg_memory *memory, char ***langs, size_t *count,
		   struct tmg_error *err)
{
	struct glossary_stats s;

	*langs = NULL;
	*count = 0;
	if (glossary_get_stats(memory, &s, err) < 0)
		return -1;
	*langs = xcalloc(s.nlanguages + 1, sizeof **langs);
	for (size_t i = 0; i < s.nlanguages; i++) {
		(*langs)[i] = s.languages[i].name;
		s.languages[i].name = NULL;
	}
	*count = s.nlanguages;
	glossary_stats_free(&s);
	return 0;
}

/* ------------------------------------------------------------ listing */

/* The terms of `concept` in languages other than `lang`, preferred first,
 * into out (st: the statement of glossary_list below). */
static int
list_translations(sqlite3_stmt *st, int64_t concept, const char *lang,
		  struct tmg_concept *out)
{
	int rc;

	sqlite3_bind_int64(st, 1, concept);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *l = (const char *)sqlite3_column_text(st, 0);
		struct tmg_term *t;

		if (lang_matches(lang, l, 0))
			continue;
		t = concept_add_term(out, l,
				     (const char *)sqlite3_column_text(st, 1));
		t->status = (enum term_status)sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
glossary_list(struct tmg_memory *memory, const char *lang, const char *sort,
	      const char *origin, struct glossary_rows *rows,
	      struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);
	sqlite3_stmt *terms = NULL, *others = NULL;
	char collation[128], sql[512];
	int rc = SQLITE_ERROR;

	rows->items = NULL;
	rows->count = 0;
	if (collate_register(db, sort ? sort : lang, collation,
			     sizeof collation, err) < 0)
		return -1;
	/* the collation name is ours: "tmg_" and [A-Za-z0-9_] only */
	snprintf(sql, sizeof sql,
		 "SELECT t.concept_id, t.lang, t.text, t.status FROM terms t"
		 " JOIN concepts c ON c.id = t.concept_id"
		 " WHERE (?1 IS NULL OR c.origin = ?1)"
		 " ORDER BY t.text COLLATE %s, t.concept_id", collation);
	if (sqlite3_prepare_v2(db, sql, -1, &terms, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT lang, text, status FROM terms"
			       " WHERE concept_id = ?1 ORDER BY"
			       " CASE status WHEN 1 THEN 0 WHEN 0 THEN 1"
			       " WHEN 2 THEN 2 ELSE 3 END, position, id", -1,
			       &others, NULL) != SQLITE_OK)
		goto out;
	if (origin)
		sqlite3_bind_text(terms, 1, origin, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(terms)) == SQLITE_ROW) {
		struct glossary_row *r;

		if (!lang_matches(lang, (const char *)
				  sqlite3_column_text(terms, 1), 0))
			continue;
		rows->items = xreallocarray(rows->items, rows->count + 1,
					    sizeof *rows->items);
		r = &rows->items[rows->count++];
		r->concept = sqlite3_column_int64(terms, 0);
		r->term = xstrdup((const char *)sqlite3_column_text(terms, 2));
		r->status = (enum term_status)sqlite3_column_int(terms, 3);
		concept_init(&r->translations);
		if (list_translations(others, r->concept, lang,
				      &r->translations) < 0) {
			rc = SQLITE_ERROR;
			break;
		}
	}
out:
	if (rc != SQLITE_DONE) {
		store_db_error(db, err);
		glossary_rows_clear(rows);
	}
	sqlite3_finalize(terms);
	sqlite3_finalize(others);
	return rc == SQLITE_DONE ? 0 : -1;
}

void
glossary_rows_clear(struct glossary_rows *rows)
{
	for (size_t i = 0; i < rows->count; i++) {
		free(rows->items[i].term);
		concept_clear(&rows->items[i].translations);
	}
	free(rows->items);
	rows->items = NULL;
	rows->count = 0;
}

int
glossary_first_language(struct tmg_memory *memory, char lang[TMG_LANG_MAX],
			struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);
	sqlite3_stmt *st = NULL;
	int rc;

	lang[0] = '\0';
	if (sqlite3_prepare_v2(db, "SELECT lang FROM terms"
			       " ORDER BY concept_id, position LIMIT 1", -1,
			       &st, NULL) != SQLITE_OK)
		return store_db_error(db, err);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(lang, TMG_LANG_MAX, "%s",
			 (const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_DONE)
		store_db_error(db, err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}
