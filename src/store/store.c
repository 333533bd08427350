/*
 * store.c -- the SQLite schema of a tmgloss memory and its migrations.
 *
 * The schema is versioned with PRAGMA user_version.  A memory file is
 * brought forward one version at a time by the steps in `migrations`, all in
 * one transaction: a file is either at the old version or at the new one.
 * A file written by a newer tmgloss (a higher version) is refused, never
 * touched.
 *
 * The schema now (version 13, STORE_SCHEMA_VERSION), table by table, with
 * the indexes and triggers on each:
 *
 * Translation memory (memory.c)
 *
 *   origins(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
 *           imported TEXT NOT NULL, header_attrs, header_notes)
 *       one row per imported file name: when it was imported, the TMX
 *       header's attributes and its props/notes, kept for export.
 *   units(id INTEGER PRIMARY KEY, content_hash INTEGER NOT NULL,
 *         origin_id REFERENCES origins, tuid, srclang TEXT NOT NULL,
 *         creation_date, creation_id, change_date, change_id,
 *         usage_count INTEGER, last_usage_date, attrs, notes)
 *       one row per translation unit.  content_hash is a 64-bit hash of the
 *       unit's variants (language, text, markup), the key of the duplicate
 *       check; equal hashes are confirmed by comparing the variants.
 *       Indexes units_by_hash (content_hash), units_by_origin (origin_id).
 *   variants(id INTEGER PRIMARY KEY,
 *            unit_id NOT NULL REFERENCES units ON DELETE CASCADE,
 *            lang TEXT NOT NULL, is_source INTEGER NOT NULL DEFAULT 0,
 *            text TEXT NOT NULL, markup, attrs, notes)
 *       one row per language version; lang is canonical BCP 47; text is the
 *       plain segment; markup the segment with inline tags (NULL if none).
 *       Index variants_by_unit (unit_id).
 *
 * Glossary (glossary.c)
 *
 *   concepts(id INTEGER PRIMARY KEY, origin, entry_id, subject_field,
 *            content_hash INTEGER NOT NULL, added TEXT NOT NULL)
 *       one row per concept; origin is the file's base name (NULL when
 *       added by hand), entry_id the file's termEntry id; content_hash a
 *       64-bit hash of the concept's terms (languages and texts), the key of
 *       the duplicate check.  Indexes concepts_by_hash (content_hash),
 *       concepts_by_entry (origin, entry_id).
 *   terms(id INTEGER PRIMARY KEY,
 *         concept_id NOT NULL REFERENCES concepts ON DELETE CASCADE,
 *         lang TEXT NOT NULL, text TEXT NOT NULL,
 *         status INTEGER NOT NULL DEFAULT 0, part_of_speech,
 *         position INTEGER NOT NULL)
 *       one row per term; status 0 none, 1 preferred, 2 admitted,
 *       3 deprecated (enum term_status); position keeps the file's order.
 *       Indexes terms_by_concept (concept_id), terms_by_lang (lang).
 *   concept_fields(id INTEGER PRIMARY KEY,
 *                  concept_id NOT NULL REFERENCES concepts ON DELETE CASCADE,
 *                  term_id REFERENCES terms ON DELETE CASCADE,
 *                  kind TEXT NOT NULL, type, lang, value TEXT NOT NULL)
 *       TBX data categories (definition, note, context, source...) of a
 *       concept (term_id NULL, lang NULL), a language section (lang set) or
 *       a term (term_id set).  Indexes concept_fields_by_concept
 *       (concept_id), concept_fields_by_term (term_id).
 *   term_index(term_id NOT NULL REFERENCES terms ON DELETE CASCADE,
 *              lang TEXT NOT NULL, first_hash INTEGER NOT NULL,
 *              key_hash INTEGER NOT NULL, ntokens INTEGER NOT NULL)
 *       the recognition index, built when a term is stored: key_hash is the
 *       hash of the term's matching key tokens (termkey.c), first_hash that
 *       of its first token, ntokens their number.  Indexes
 *       term_index_by_key (key_hash), term_index_by_term (term_id).
 *   term_index_packed(langs TEXT PRIMARY KEY, rows BLOB NOT NULL)
 *       the term_index rows a term finder (terms.c) for the text language
 *       `langs` reads, packed in one blob, written by the first such
 *       finder.  Triggers term_index_packed_on_update and _on_delete empty
 *       it on any change to term_index; a glossary import that indexed
 *       terms empties it before committing (glossary.c), rather than a
 *       trigger per inserted row.
 *   glossary_meta(name TEXT PRIMARY KEY, value)
 *       "term_key_version": the termkey.c version term_index was built
 *       with.
 *
 * Search indexes (index/; what their rows hold is described at the top of
 * fuzzy-index.c and suggest-index.c)
 *
 *   fuzzy_tokens(variant_id INTEGER PRIMARY KEY, tokens BLOB NOT NULL)
 *   fuzzy_postings(key INTEGER NOT NULL, seg INTEGER NOT NULL,
 *                  n INTEGER NOT NULL, ids BLOB NOT NULL,
 *                  PRIMARY KEY (key, seg)) WITHOUT ROWID
 *   fuzzy_langs(lang TEXT PRIMARY KEY, variants INTEGER NOT NULL,
 *               sources INTEGER NOT NULL)
 *   fuzzy_words(grp TEXT NOT NULL, word TEXT NOT NULL,
 *               PRIMARY KEY (grp, word)) WITHOUT ROWID
 *       the token index of fuzzy matching and concordance.  Trigger
 *       fuzzy_forget_variant: a deleted variant leaves fuzzy_tokens, and
 *       fuzzy_langs counts it down only if it had been indexed.
 *   suggest_postings(key INTEGER NOT NULL, seg INTEGER NOT NULL,
 *                    ids BLOB NOT NULL, PRIMARY KEY (key, seg))
 *                    WITHOUT ROWID
 *   suggest_pairs(group1 TEXT NOT NULL, group2 TEXT NOT NULL,
 *                 units INTEGER NOT NULL, PRIMARY KEY (group1, group2))
 *       the translation index of suggest and extract.
 *   index_pending(index_name TEXT PRIMARY KEY, first_unit INTEGER NOT NULL)
 *                 WITHOUT ROWID
 *       for each index ('fuzzy', 'suggest') that is behind, and for the
 *       token index's French stems ('stems', which concordance reads and
 *       a match does not), the lowest unit id it has not indexed: every
 *       unit with an id at or above it is pending (pending.c).  An import only stores units and lowers
 *       first_unit to its first new unit; the first command that searches
 *       indexes the pending units (index-update.c).
 *
 * attrs, notes and header_* columns hold the extra XML attributes and the
 * TMX props/notes of a unit, variant or file header, serialised by memory.c
 * with the separators U+001E and U+001F, which XML 1.0 forbids in
 * documents, so no imported value can contain them.
 *
 * History (the steps in `migrations`):
 *   1  origins, units, variants.
 *   2  the glossary: concepts, terms, concept_fields, term_index,
 *      glossary_meta.
 *   3  the translation index: suggest_postings, suggest_pairs, and
 *      suggest_pending (a row per unit to index, every stored unit put in)
 *      with its trigger suggest_forget_unit.
 *   4  the token index: fuzzy_tokens, fuzzy_postings, fuzzy_langs, and
 *      fuzzy_pending (a row per variant to index) with the trigger
 *      fuzzy_forget_variant.
 *   5  no new table: the translation index emptied and every unit put
 *      back in suggest_pending, because its French keys changed.
 *   6  term_index_packed and its two triggers.
 *   7  index_pending replaces fuzzy_pending and suggest_pending (dropped
 *      with suggest_forget_unit); an index that still had pending rows is
 *      emptied and all its units made pending; fuzzy_forget_variant
 *      rewritten to count down fuzzy_langs only for an indexed variant.
 *   8  fuzzy_words, the token index's vocabulary; the token index
 *      emptied and every unit made pending for it, because French
 *      variants now have stem postings.
 *   9  no new table: fuzzy_postings' short runs packed into rows of
 *      several lengths (seg < 0); the token index emptied and every unit
 *      made pending for it.
 *  10  no new table: fuzzy_tokens' keys of 16 bits (were 32); the token
 *      index emptied and every unit made pending for it.
 *  11  fuzzy_tokens without unit_id and lang (the variants row has them),
 *      its keys copied over.
 *  12  no new table: index_pending's 'stems' mark, the French stems of the
 *      token index left to the first concordance; copied from 'fuzzy'.
 *  13  no new table: suggest_postings' short runs packed, the keys of one
 *      range to a row (key < 0); the translation index emptied and every
 *      unit made pending for it.
 */
#include <config.h>

#include <stdio.h>

#include <sqlite3.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "formats/formats.h"
#include "store/db.h"
#include "store/store.h"
#include "text/text.h"

/* The token index emptied and every unit made pending for it: the next
 * search (or `tmgloss index`) builds it again in the new form. */
#define TOKEN_INDEX_EMPTIED \
	"DELETE FROM fuzzy_tokens;" \
	"DELETE FROM fuzzy_postings;" \
	"DELETE FROM fuzzy_langs;" \
	"INSERT INTO index_pending (index_name, first_unit)" \
	"  SELECT 'fuzzy', 0 WHERE EXISTS (SELECT 1 FROM units)" \
	"  ON CONFLICT (index_name) DO UPDATE SET first_unit = 0;"

static const char *const migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE origins ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  imported TEXT NOT NULL,"
	"  header_attrs TEXT,"
	"  header_notes TEXT);"
	"CREATE TABLE units ("
	"  id INTEGER PRIMARY KEY,"
	"  content_hash INTEGER NOT NULL,"
	"  origin_id INTEGER REFERENCES origins(id),"
	"  tuid TEXT,"
	"  srclang TEXT NOT NULL,"
	"  creation_date TEXT,"
	"  creation_id TEXT,"
	"  change_date TEXT,"
	"  change_id TEXT,"
	"  usage_count INTEGER,"
	"  last_usage_date TEXT,"
	"  attrs TEXT,"
	"  notes TEXT);"
	"CREATE INDEX units_by_hash ON units(content_hash);"
	"CREATE INDEX units_by_origin ON units(origin_id);"
	"CREATE TABLE variants ("
	"  id INTEGER PRIMARY KEY,"
	"  unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,"
	"  lang TEXT NOT NULL,"
	"  is_source INTEGER NOT NULL DEFAULT 0,"
	"  text TEXT NOT NULL,"
	"  markup TEXT,"
	"  attrs TEXT,"
	"  notes TEXT);"
	"CREATE INDEX variants_by_unit ON variants(unit_id);",
	/* 1 -> 2: glossaries */
	"CREATE TABLE concepts ("
	"  id INTEGER PRIMARY KEY,"
	"  origin TEXT,"
	"  entry_id TEXT,"
	"  subject_field TEXT,"
	"  content_hash INTEGER NOT NULL,"
	"  added TEXT NOT NULL);"
	"CREATE INDEX concepts_by_hash ON concepts(content_hash);"
	"CREATE INDEX concepts_by_entry ON concepts(origin, entry_id);"
	"CREATE TABLE terms ("
	"  id INTEGER PRIMARY KEY,"
	"  concept_id INTEGER NOT NULL REFERENCES concepts(id)"
	"    ON DELETE CASCADE,"
	"  lang TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  status INTEGER NOT NULL DEFAULT 0,"
	"  part_of_speech TEXT,"
	"  position INTEGER NOT NULL);"
	"CREATE INDEX terms_by_concept ON terms(concept_id);"
	"CREATE INDEX terms_by_lang ON terms(lang);"
	"CREATE TABLE concept_fields ("
	"  id INTEGER PRIMARY KEY,"
	"  concept_id INTEGER NOT NULL REFERENCES concepts(id)"
	"    ON DELETE CASCADE,"
	"  term_id INTEGER REFERENCES terms(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL,"
	"  type TEXT,"
	"  lang TEXT,"
	"  value TEXT NOT NULL);"
	"CREATE INDEX concept_fields_by_concept ON concept_fields(concept_id);"
	"CREATE INDEX concept_fields_by_term ON concept_fields(term_id);"
	"CREATE TABLE term_index ("
	"  term_id INTEGER NOT NULL REFERENCES terms(id) ON DELETE CASCADE,"
	"  lang TEXT NOT NULL,"
	"  first_hash INTEGER NOT NULL,"
	"  key_hash INTEGER NOT NULL,"
	"  ntokens INTEGER NOT NULL);"
	"CREATE INDEX term_index_by_key ON term_index(key_hash);"
	"CREATE INDEX term_index_by_term ON term_index(term_id);"
	"CREATE TABLE glossary_meta ("
	"  name TEXT PRIMARY KEY,"
	"  value TEXT);",
	/* 2 -> 3: the translation index (suggest-index.c) */
	"CREATE TABLE suggest_postings ("
	"  key INTEGER NOT NULL,"
	"  seg INTEGER NOT NULL,"
	"  ids BLOB NOT NULL,"
	"  PRIMARY KEY (key, seg)) WITHOUT ROWID;"
	"CREATE TABLE suggest_pairs ("
	"  group1 TEXT NOT NULL,"
	"  group2 TEXT NOT NULL,"
	"  units INTEGER NOT NULL,"
	"  PRIMARY KEY (group1, group2));"
	"CREATE TABLE suggest_pending (unit_id INTEGER PRIMARY KEY);"
	"INSERT INTO suggest_pending SELECT id FROM units;"
	"CREATE TRIGGER suggest_forget_unit AFTER DELETE ON units BEGIN"
	"  DELETE FROM suggest_pending WHERE unit_id = old.id;"
	"END;",
	/* 3 -> 4: the token index of fuzzy matching (fuzzy-index.c) */
	"CREATE TABLE fuzzy_tokens ("
	"  variant_id INTEGER PRIMARY KEY,"
	"  unit_id INTEGER NOT NULL,"
	"  lang TEXT NOT NULL,"
	"  tokens BLOB NOT NULL);"
	"CREATE TABLE fuzzy_postings ("
	"  key INTEGER NOT NULL,"
	"  seg INTEGER NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  ids BLOB NOT NULL,"
	"  PRIMARY KEY (key, seg)) WITHOUT ROWID;"
	"CREATE TABLE fuzzy_langs ("
	"  lang TEXT PRIMARY KEY,"
	"  variants INTEGER NOT NULL,"
	"  sources INTEGER NOT NULL);"
	"CREATE TABLE fuzzy_pending (variant_id INTEGER PRIMARY KEY);"
	"INSERT INTO fuzzy_pending SELECT id FROM variants;"
	"CREATE TRIGGER fuzzy_forget_variant AFTER DELETE ON variants BEGIN"
	"  DELETE FROM fuzzy_tokens WHERE variant_id = old.id;"
	"  DELETE FROM fuzzy_pending WHERE variant_id = old.id;"
	"  UPDATE fuzzy_langs SET variants = variants - 1,"
	"   sources = sources - (old.is_source <> 0) WHERE lang = old.lang;"
	"END;",
	/* 4 -> 5: French keys of the translation index are now inflection
	 * keys, not Snowball stems (suggest-index.c): index everything again,
	 * on first use */
	"DELETE FROM suggest_postings;"
	"DELETE FROM suggest_pairs;"
	"INSERT OR IGNORE INTO suggest_pending SELECT id FROM units;",
	/* 5 -> 6: the term finder's rows of term_index, packed in one blob
	 * per text language (terms.c); emptied by a deletion or update of
	 * term_index (triggers) and by a glossary import that indexed terms
	 * (glossary.c: once, not a trigger per inserted row) */
	"CREATE TABLE term_index_packed ("
	"  langs TEXT PRIMARY KEY,"
	"  rows BLOB NOT NULL);"
	"CREATE TRIGGER term_index_packed_on_update AFTER UPDATE ON term_index"
	" BEGIN DELETE FROM term_index_packed; END;"
	"CREATE TRIGGER term_index_packed_on_delete AFTER DELETE ON term_index"
	" BEGIN DELETE FROM term_index_packed; END;",
	/* 6 -> 7: one pending mark per index instead of a row per pending
	 * unit or variant (index-update.c); an index that had pending rows is
	 * rebuilt whole, since its pending rows need not be its last units */
	"CREATE TABLE index_pending ("
	"  index_name TEXT PRIMARY KEY,"
	"  first_unit INTEGER NOT NULL) WITHOUT ROWID;"
	"INSERT INTO index_pending SELECT 'fuzzy', 0"
	"  WHERE EXISTS (SELECT 1 FROM fuzzy_pending);"
	"INSERT INTO index_pending SELECT 'suggest', 0"
	"  WHERE EXISTS (SELECT 1 FROM suggest_pending);"
	"DELETE FROM fuzzy_tokens WHERE EXISTS"
	"  (SELECT 1 FROM index_pending WHERE index_name = 'fuzzy');"
	"DELETE FROM fuzzy_postings WHERE EXISTS"
	"  (SELECT 1 FROM index_pending WHERE index_name = 'fuzzy');"
	"DELETE FROM fuzzy_langs WHERE EXISTS"
	"  (SELECT 1 FROM index_pending WHERE index_name = 'fuzzy');"
	"DELETE FROM suggest_postings WHERE EXISTS"
	"  (SELECT 1 FROM index_pending WHERE index_name = 'suggest');"
	"DELETE FROM suggest_pairs WHERE EXISTS"
	"  (SELECT 1 FROM index_pending WHERE index_name = 'suggest');"
	"DROP TRIGGER suggest_forget_unit;"
	"DROP TABLE suggest_pending;"
	"DROP TRIGGER fuzzy_forget_variant;"
	"DROP TABLE fuzzy_pending;"
	"CREATE TRIGGER fuzzy_forget_variant AFTER DELETE ON variants BEGIN"
	"  UPDATE fuzzy_langs SET variants = variants - 1,"
	"   sources = sources - (old.is_source <> 0) WHERE lang = old.lang"
	"   AND EXISTS (SELECT 1 FROM fuzzy_tokens"
	"   WHERE variant_id = old.id);"
	"  DELETE FROM fuzzy_tokens WHERE variant_id = old.id;"
	"END;",
	/* 7 -> 8: the token index's vocabulary, and French stems in its
	 * posting lists (fuzzy-index.c): the index is emptied and every
	 * unit made pending, so that the next search builds it again */
	"CREATE TABLE fuzzy_words ("
	"  grp TEXT NOT NULL,"
	"  word TEXT NOT NULL,"
	"  PRIMARY KEY (grp, word)) WITHOUT ROWID;"
	TOKEN_INDEX_EMPTIED,
	/* 8 -> 9: short runs of fuzzy_postings packed, several lengths of
	 * a token hash to a row (fuzzy-index.c): the token index is emptied
	 * and every unit made pending, as in 7 -> 8 */
	TOKEN_INDEX_EMPTIED,
	/* 9 -> 10: fuzzy_tokens' keys of 16 bits instead of 32
	 * (fuzzy_index_token_key()): the token index is emptied and every
	 * unit made pending, as in 7 -> 8 */
	TOKEN_INDEX_EMPTIED,
	/* 10 -> 11: fuzzy_tokens without the unit id and language that the
	 * variants row holds; its keys are kept (the trigger
	 * fuzzy_forget_variant reads only variant_id) */
	"CREATE TEMP TABLE fuzzy_tokens_kept AS"
	"  SELECT variant_id, tokens FROM fuzzy_tokens;"
	"DROP TABLE fuzzy_tokens;"
	"CREATE TABLE fuzzy_tokens ("
	"  variant_id INTEGER PRIMARY KEY,"
	"  tokens BLOB NOT NULL);"
	"INSERT INTO fuzzy_tokens (variant_id, tokens)"
	"  SELECT variant_id, tokens FROM temp.fuzzy_tokens_kept"
	"  ORDER BY variant_id;"
	"DROP TABLE temp.fuzzy_tokens_kept;",
	/* 11 -> 12: the French stems have a mark of their own, built by the
	 * first concordance rather than with the token index; units pending
	 * for the token index are pending for its stems too (those it has
	 * taken in have theirs) */
	"INSERT INTO index_pending (index_name, first_unit)"
	"  SELECT 'stems', first_unit FROM index_pending"
	"  WHERE index_name = 'fuzzy'"
	"  ON CONFLICT (index_name) DO UPDATE"
	"  SET first_unit = min(first_unit, excluded.first_unit);",
	/* 12 -> 13: suggest_postings' short runs packed, the keys of one
	 * range to a row (suggest-index.c): the translation index emptied
	 * and every unit made pending for it, built again on first use */
	"DELETE FROM suggest_postings;"
	"DELETE FROM suggest_pairs;"
	"INSERT INTO index_pending (index_name, first_unit)"
	"  SELECT 'suggest', 0 WHERE EXISTS (SELECT 1 FROM units)"
	"  ON CONFLICT (index_name) DO UPDATE SET first_unit = 0;",
};

const char *
store_errmsg(sqlite3 *db)
{
	switch (sqlite3_errcode(db) & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return _("the memory is busy: another program (an import or "
			 "'tmgloss index') is writing to it; try again when it "
			 "has finished");
	case SQLITE_READONLY:
		return _("the memory cannot be written here (a read-only "
			 "file or folder): it can be searched, not changed");
	case SQLITE_NOTADB:
		return _("this file is not a tmgloss memory, or its first "
			 "page is damaged");
	/* a damaged page; or a statement that found no row, or one too
	 * many, where the schema promises one: a damaged memory too */
	case SQLITE_CORRUPT:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return _("the memory is damaged; run 'tmgloss stats --verify'");
	default:
		return sqlite3_errmsg(db);
	}
}

int
store_db_error(sqlite3 *db, struct tmg_error *err)
{
	tmg_error_set(err, sqlite3_db_filename(db, "main"), 0, 0, "%s",
		      store_errmsg(db));
	return -1;
}

int
store_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st,
	      struct tmg_error *err)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) {
		sqlite3_finalize(*st);
		*st = NULL;
		return store_db_error(db, err);
	}
	return 0;
}

void
store_bind_text(sqlite3_stmt *st, int i, const char *text)
{
	if (text)
		sqlite3_bind_text(st, i, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

int
store_exec(sqlite3 *db, const char *sql, struct tmg_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int code = sqlite3_errcode(db) & 0xff;

		tmg_error_set(err, sqlite3_db_filename(db, "main"), 0, 0, "%s",
			      msg && code != SQLITE_BUSY &&
			      code != SQLITE_LOCKED && code != SQLITE_READONLY &&
			      code != SQLITE_CORRUPT && code != SQLITE_NOTADB
			      ? msg : store_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
schema_version(sqlite3 *db, int *version, struct tmg_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		goto fail;
	rc = sqlite3_step(st);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		goto fail;
	return 0;
fail:
	tmg_error_set(err, sqlite3_db_filename(db, "main"), 0, 0, "%s",
		      store_errmsg(db));
	return -1;
}

int
store_migrate(sqlite3 *db, struct tmg_error *err)
{
	int version;
	char sql[64];

	/* An up-to-date memory is not written: a reading command leaves
	 * the file as it was, and a read-only memory opens. */
	if (schema_version(db, &version, err) < 0)
		return -1;
	if (version == STORE_SCHEMA_VERSION)
		return 0;
	if (version > STORE_SCHEMA_VERSION)
		goto too_new;
	if (sqlite3_db_readonly(db, "main") == 1) {
		tmg_error_set(err, sqlite3_db_filename(db, "main"), 0, 0,
			      _("this memory is read-only and needs an "
				"update to schema version %d; its owner can "
				"run 'tmgloss index' on it"),
			      STORE_SCHEMA_VERSION);
		return -1;
	}
	if (store_exec(db, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	if (schema_version(db, &version, err) < 0)
		goto fail;
	if (version > STORE_SCHEMA_VERSION) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		goto too_new;
	}
	for (; version < STORE_SCHEMA_VERSION; version++)
		if (store_exec(db, migrations[version], err) < 0)
			goto fail;
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
		 STORE_SCHEMA_VERSION);
	if (store_exec(db, sql, err) < 0 || store_exec(db, "COMMIT", err) < 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
too_new:
	tmg_error_set(err, sqlite3_db_filename(db, "main"), 0, 0,
		      _("this memory has schema version %d; this "
			"tmgloss reads up to version %d"),
		      version, STORE_SCHEMA_VERSION);
	return -1;
}
