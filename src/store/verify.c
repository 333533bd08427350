/*
 * verify.c -- whether a memory is whole, and putting its derived parts
 * back when they are not.
 *
 * A memory holds two kinds of tables (store.c describes them all): its
 * data (origins, units, variants, the glossary's concepts, terms and
 * fields), which only the user's files can restore, and what is derived
 * from the data (the search indexes, the glossary's term index, the
 * pending marks, and the SQL indexes and triggers), which tmgloss can
 * always build again.  Three entry points:
 *
 *   - verify_schema(), on every open: one read of sqlite_master, and a few
 *     one-row queries that notice a search index emptied under its marks.
 *     A derived object that is missing is put back when the memory can be
 *     written: an SQL index or trigger created again, a search index
 *     created again empty and marked to be rebuilt by the next search
 *     (every unit pending).  A missing data table, or anything missing
 *     from a read-only memory, is an error that says what to do.
 *   - verify_rebuild_indexes() (tmgloss index --rebuild): every derived
 *     table dropped and created again empty, REINDEX, every unit marked
 *     pending and the term index's version forgotten; the caller then
 *     runs the index update and the glossary's index refresh.
 *   - verify_memory() (tmgloss stats --verify): PRAGMA integrity_check and
 *     the invariants of the search indexes (fuzzy-index.c,
 *     suggest-index.c), each broken one a line of the report.
 *
 * The statements below that create derived objects are the ones store.c's
 * migrations ran (version 11), to the byte, so that sqlite_master reads the
 * same after a repair (tests/cli/reliability.sh compares it with a new
 * memory's, object by object: a new migration that is not listed here
 * fails that test).
 */
#include <config.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "store/db.h"
#include "store/store.h"

/* What putting an object back takes besides creating it. */
enum derived {
	DATA,          /* the user's data: cannot be put back */
	PLAIN,         /* an SQL index or trigger: created again */
	FUZZY,         /* the token index: rebuilt from the units */
	SUGGEST,       /* the translation index: rebuilt from the units */
	TERMS,         /* the term index: rebuilt from the terms */
	PENDING,       /* the marks: both search indexes rebuilt */
};

struct schema_object {
	const char *type, *name;
	enum derived derived;
	const char *sql;
};

static const struct schema_object objects[] = {
	{ "table", "origins", DATA, NULL },
	{ "table", "units", DATA, NULL },
	{ "table", "variants", DATA, NULL },
	{ "table", "concepts", DATA, NULL },
	{ "table", "terms", DATA, NULL },
	{ "table", "concept_fields", DATA, NULL },
	{ "index", "units_by_hash", PLAIN,
	  "CREATE INDEX units_by_hash ON units(content_hash)" },
	{ "index", "units_by_origin", PLAIN,
	  "CREATE INDEX units_by_origin ON units(origin_id)" },
	{ "index", "variants_by_unit", PLAIN,
	  "CREATE INDEX variants_by_unit ON variants(unit_id)" },
	{ "index", "concepts_by_hash", PLAIN,
	  "CREATE INDEX concepts_by_hash ON concepts(content_hash)" },
	{ "index", "concepts_by_entry", PLAIN,
	  "CREATE INDEX concepts_by_entry ON concepts(origin, entry_id)" },
	{ "index", "terms_by_concept", PLAIN,
	  "CREATE INDEX terms_by_concept ON terms(concept_id)" },
	{ "index", "terms_by_lang", PLAIN,
	  "CREATE INDEX terms_by_lang ON terms(lang)" },
	{ "index", "concept_fields_by_concept", PLAIN,
	  "CREATE INDEX concept_fields_by_concept ON concept_fields(concept_id)" },
	{ "index", "concept_fields_by_term", PLAIN,
	  "CREATE INDEX concept_fields_by_term ON concept_fields(term_id)" },
	{ "table", "glossary_meta", TERMS,
	  "CREATE TABLE glossary_meta ("
	  "  name TEXT PRIMARY KEY,"
	  "  value TEXT)" },
	{ "table", "term_index", TERMS,
	  "CREATE TABLE term_index ("
	  "  term_id INTEGER NOT NULL REFERENCES terms(id) ON DELETE CASCADE,"
	  "  lang TEXT NOT NULL,"
	  "  first_hash INTEGER NOT NULL,"
	  "  key_hash INTEGER NOT NULL,"
	  "  ntokens INTEGER NOT NULL)" },
	{ "index", "term_index_by_key", PLAIN,
	  "CREATE INDEX term_index_by_key ON term_index(key_hash)" },
	{ "index", "term_index_by_term", PLAIN,
	  "CREATE INDEX term_index_by_term ON term_index(term_id)" },
	{ "table", "term_index_packed", TERMS,
	  "CREATE TABLE term_index_packed ("
	  "  langs TEXT PRIMARY KEY,"
	  "  rows BLOB NOT NULL)" },
	{ "trigger", "term_index_packed_on_update", PLAIN,
	  "CREATE TRIGGER term_index_packed_on_update AFTER UPDATE ON term_index"
	  " BEGIN DELETE FROM term_index_packed; END" },
	{ "trigger", "term_index_packed_on_delete", PLAIN,
	  "CREATE TRIGGER term_index_packed_on_delete AFTER DELETE ON term_index"
	  " BEGIN DELETE FROM term_index_packed; END" },
	{ "table", "suggest_postings", SUGGEST,
	  "CREATE TABLE suggest_postings ("
	  "  key INTEGER NOT NULL,"
	  "  seg INTEGER NOT NULL,"
	  "  ids BLOB NOT NULL,"
	  "  PRIMARY KEY (key, seg)) WITHOUT ROWID" },
	{ "table", "suggest_pairs", SUGGEST,
	  "CREATE TABLE suggest_pairs ("
	  "  group1 TEXT NOT NULL,"
	  "  group2 TEXT NOT NULL,"
	  "  units INTEGER NOT NULL,"
	  "  PRIMARY KEY (group1, group2))" },
	{ "table", "fuzzy_tokens", FUZZY,
	  "CREATE TABLE fuzzy_tokens ("
	  "  variant_id INTEGER PRIMARY KEY,"
	  "  tokens BLOB NOT NULL)" },
	{ "table", "fuzzy_postings", FUZZY,
	  "CREATE TABLE fuzzy_postings ("
	  "  key INTEGER NOT NULL,"
	  "  seg INTEGER NOT NULL,"
	  "  n INTEGER NOT NULL,"
	  "  ids BLOB NOT NULL,"
	  "  PRIMARY KEY (key, seg)) WITHOUT ROWID" },
	{ "table", "fuzzy_langs", FUZZY,
	  "CREATE TABLE fuzzy_langs ("
	  "  lang TEXT PRIMARY KEY,"
	  "  variants INTEGER NOT NULL,"
	  "  sources INTEGER NOT NULL)" },
	{ "table", "fuzzy_words", FUZZY,
	  "CREATE TABLE fuzzy_words ("
	  "  grp TEXT NOT NULL,"
	  "  word TEXT NOT NULL,"
	  "  PRIMARY KEY (grp, word)) WITHOUT ROWID" },
	{ "table", "index_pending", PENDING,
	  "CREATE TABLE index_pending ("
	  "  index_name TEXT PRIMARY KEY,"
	  "  first_unit INTEGER NOT NULL) WITHOUT ROWID" },
	{ "trigger", "fuzzy_forget_variant", PLAIN,
	  "CREATE TRIGGER fuzzy_forget_variant AFTER DELETE ON variants BEGIN"
	  "  UPDATE fuzzy_langs SET variants = variants - 1,"
	  "   sources = sources - (old.is_source <> 0) WHERE lang = old.lang"
	  "   AND EXISTS (SELECT 1 FROM fuzzy_tokens"
	  "   WHERE variant_id = old.id);"
	  "  DELETE FROM fuzzy_tokens WHERE variant_id = old.id;"
	  "END" },
};

#define NOBJECTS (sizeof objects / sizeof objects[0])

/* The search index tables of `group`, emptied when one of them is lost. */
static const char *const fuzzy_tables[] = {
	"fuzzy_tokens", "fuzzy_postings", "fuzzy_langs", "fuzzy_words", NULL
};
static const char *const suggest_tables[] = {
	"suggest_postings", "suggest_pairs", NULL
};

/* ---------------------------------------------------------- helpers */

/* The first column of the first row of `sql` as an integer (0 without a
 * row); -1 with `err` on failure. */
static long long
query_int(sqlite3 *db, const char *sql, long long param,
	  struct tmg_error *err)
{
	sqlite3_stmt *st;
	long long n = 0;
	int rc;

	if (store_prepare(db, sql, &st, err) < 0)
		return -1;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, param);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_db_error(db, err);
		return -1;
	}
	return n;
}

/* Which of `objects` sqlite_master lists: present[i] for objects[i]. */
static int
read_master(sqlite3 *db, int present[NOBJECTS], struct tmg_error *err)
{
	sqlite3_stmt *st;
	int rc;

	memset(present, 0, NOBJECTS * sizeof *present);
	if (store_prepare(db, "SELECT type, name FROM sqlite_master", &st,
			  err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);

		for (size_t i = 0; type && name && i < NOBJECTS; i++)
			if (strcmp(objects[i].name, name) == 0 &&
			    strcmp(objects[i].type, type) == 0)
				present[i] = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_db_error(db, err);
	return 0;
}

/* The first unit an index has not taken in, or INT64_MAX when it is up to
 * date (no index_pending table: every unit, 0). */
static int64_t
pending_from(const struct store_pending *p, const char *index)
{
	if (strcmp(index, "fuzzy") == 0)
		return p->fuzzy ? p->fuzzy_from : INT64_MAX;
	return p->suggest ? p->suggest_from : INT64_MAX;
}

/* Empty the tables of an index and mark every unit pending for it. */
static int
restart_index(sqlite3 *db, const char *index, const char *const *tables,
	      struct tmg_error *err)
{
	sqlite3_stmt *st;
	char sql[64];
	int rc;

	for (; *tables; tables++) {
		snprintf(sql, sizeof sql, "DELETE FROM %s", *tables);
		if (store_exec(db, sql, err) < 0)
			return -1;
	}
	/* the token index's French stems are in its tables too */
	if (store_prepare(db, "INSERT INTO index_pending (index_name,"
			  " first_unit) SELECT ?1, 0 UNION ALL SELECT 'stems', 0"
			  " WHERE ?1 = 'fuzzy' ON CONFLICT"
			  " (index_name) DO UPDATE SET first_unit = 0",
			  &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, index, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_db_error(db, err);
}

/* The term index is rebuilt by the next glossary_refresh_index(). */
static int
restart_terms(sqlite3 *db, struct tmg_error *err)
{
	return store_exec(db, "DELETE FROM glossary_meta"
			  " WHERE name = 'term_key_version'", err);
}

/*
 * Cheap signs that a search index lost its rows while its marks say it is
 * up to date: postings gone under tokens, tokens gone under indexed
 * variants, one of the translation index's two tables emptied.  Sets
 * *fuzzy and *suggest.  Only run when every table is there.
 */
static int
emptied_indexes(sqlite3 *db, int *fuzzy, int *suggest, struct tmg_error *err)
{
	struct store_pending p;
	long long a, b, c;

	*fuzzy = *suggest = 0;
	if (store_pending_read(db, &p, err) < 0)
		return -1;
	if ((a = query_int(db, "SELECT EXISTS (SELECT 1 FROM fuzzy_tokens"
			   " WHERE length(tokens) > 0)", 0, err)) < 0 ||
	    (b = query_int(db, "SELECT EXISTS (SELECT 1 FROM fuzzy_postings)",
			   0, err)) < 0 ||
	    (c = query_int(db, "SELECT EXISTS (SELECT 1 FROM variants v"
			   " WHERE v.id IN ((SELECT min(id) FROM variants),"
			   " (SELECT max(id) FROM variants))"
			   " AND v.unit_id < ?1 AND NOT EXISTS (SELECT 1"
			   " FROM fuzzy_tokens t WHERE t.variant_id = v.id))",
			   pending_from(&p, "fuzzy"), err)) < 0)
		return -1;
	/* the last one looks at the first and last variants only, when
	 * they are indexed: an emptied table shows, at no cost */
	*fuzzy = (a && !b) || c;
	if ((a = query_int(db, "SELECT EXISTS (SELECT 1 FROM "
			   "suggest_postings)", 0, err)) < 0 ||
	    (b = query_int(db, "SELECT EXISTS (SELECT 1 FROM suggest_pairs)",
			   0, err)) < 0)
		return -1;
	*suggest = b && !a;
	return 0;
}

/* ------------------------------------------------------ verify_schema */

int
verify_schema(struct tmg_memory *memory, int tables, int *repaired,
	      struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);
	int present[NOBJECTS], fuzzy = 0, suggest = 0, terms = 0, missing = 0;
	int only_plain = 1;
	const char *first = NULL;

	*repaired = 0;
	if (read_master(db, present, err) < 0)
		return -1;
	for (size_t i = 0; i < NOBJECTS; i++) {
		if (present[i])
			continue;
		if (objects[i].derived == DATA) {
			tmg_error_set(err, memory_path(memory), 0, 0,
				      _("the memory is damaged: its table "
					"'%s' is missing, and only a copy "
					"of the file can bring it back"),
				      objects[i].name);
			return -1;
		}
		/* named in a message: a search table before an index */
		if (first == NULL || (only_plain &&
				      objects[i].derived != PLAIN))
			first = objects[i].name;
		only_plain &= objects[i].derived == PLAIN;
		missing++;
	}
	if (missing == 0 && tables &&
	    emptied_indexes(db, &fuzzy, &suggest, err) < 0)
		return -1;
	if (missing == 0 && !fuzzy && !suggest)
		return 0;
	only_plain &= !fuzzy && !suggest;
	if (memory_read_only(memory) && only_plain) {
		tmg_error_set(err, memory_path(memory), 0, 0,
			      _("the memory lacks its SQL index or trigger "
				"'%s' (searches are slower); its owner can run "
				"'tmgloss index --rebuild'"), first);
		return 1;
	}
	if (memory_read_only(memory)) {
		if (first)
			tmg_error_set(err, memory_path(memory), 0, 0,
				      _("the memory's search indexes are "
					"damaged ('%s' is missing); its owner "
					"can run 'tmgloss index --rebuild'"),
				      first);
		else
			tmg_error_set(err, memory_path(memory), 0, 0, "%s",
				      _("the memory's search indexes are "
					"damaged (emptied); its owner can run "
					"'tmgloss index --rebuild'"));
		return -1;
	}

	if (memory_begin_write(memory, err) < 0)
		return -1;
	/* another process may have put them back meanwhile */
	if (read_master(db, present, err) < 0)
		goto fail;
	for (size_t i = 0; i < NOBJECTS; i++) {
		if (present[i])
			continue;
		if (store_exec(db, objects[i].sql, err) < 0)
			goto fail;
		(*repaired)++;
		fuzzy |= objects[i].derived == FUZZY ||
			 objects[i].derived == PENDING;
		suggest |= objects[i].derived == SUGGEST ||
			   objects[i].derived == PENDING;
		terms |= objects[i].derived == TERMS;
	}
	if ((fuzzy && restart_index(db, "fuzzy", fuzzy_tables, err) < 0) ||
	    (suggest && restart_index(db, "suggest", suggest_tables,
				      err) < 0) ||
	    (terms && restart_terms(db, err) < 0))
		goto fail;
	if (store_exec(db, "COMMIT", err) < 0)
		goto fail;
	*repaired += fuzzy + suggest;
	return 0;
fail:
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* ---------------------------------------------- verify_rebuild_indexes */

int
verify_rebuild_indexes(struct tmg_memory *memory, struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);
	char sql[128];

	if (memory_begin_write(memory, err) < 0)
		return -1;
	for (size_t i = 0; i < NOBJECTS; i++) {
		if (objects[i].derived == DATA || objects[i].derived == PLAIN)
			continue;
		snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS %s",
			 objects[i].name);
		if (store_exec(db, sql, err) < 0)
			goto fail;
	}
	/* the triggers on the data tables go with what they update */
	if (store_exec(db, "DROP TRIGGER IF EXISTS fuzzy_forget_variant",
		       err) < 0)
		goto fail;
	for (size_t i = 0; i < NOBJECTS; i++) {
		sqlite3_stmt *st;
		int exists;

		if (objects[i].derived == DATA)
			continue;
		if (store_prepare(db, "SELECT 1 FROM sqlite_master"
				  " WHERE type = ?1 AND name = ?2", &st,
				  err) < 0)
			goto fail;
		sqlite3_bind_text(st, 1, objects[i].type, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, objects[i].name, -1, SQLITE_STATIC);
		exists = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (!exists && store_exec(db, objects[i].sql, err) < 0)
			goto fail;
	}
	if (store_exec(db, "REINDEX", err) < 0 ||
	    restart_index(db, "fuzzy", fuzzy_tables, err) < 0 ||
	    restart_index(db, "suggest", suggest_tables, err) < 0 ||
	    store_exec(db, "COMMIT", err) < 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* ------------------------------------------------------ verify_memory */

void
verify_problems_add(struct verify_problems *p, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	ALLOC_GROW(p->lines, p->count + 1, p->alloc);
	p->lines[p->count++] = xstrdup(line);
}

void
verify_problems_clear(struct verify_problems *p)
{
	for (size_t i = 0; i < p->count; i++)
		free(p->lines[i]);
	free(p->lines);
	memset(p, 0, sizeof *p);
}

/* How many of SQLite's own lines the report shows. */
#define INTEGRITY_LINES 10

/* PRAGMA integrity_check: each line it gives but "ok" is a problem (a
 * row may hold several lines); the first few are shown. */
static int
check_integrity(sqlite3 *db, struct verify_problems *p, int *damaged,
		struct tmg_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (store_prepare(db, "PRAGMA integrity_check", &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);

		if (text == NULL || strcmp(text, "ok") == 0)
			continue;
		while (*text) {
			size_t n = strcspn(text, "\n");

			if (n > 0 && strncmp(text, "*** ", 4) != 0 &&
			    (*damaged)++ < INTEGRITY_LINES)
				/* TRANSLATORS: %.*s is SQLite's own line,
				 * in English */
				verify_problems_add(p, _("the file's "
						    "integrity check: %.*s"),
						    (int)n, text);
			text += n + (text[n] == '\n');
		}
	}
	if (*damaged > INTEGRITY_LINES)
		verify_problems_add(p, ngettext("the file's integrity check: "
						"%d more problem",
						"the file's integrity check: "
						"%d more problems",
						(unsigned long)(*damaged -
						INTEGRITY_LINES)),
				    *damaged - INTEGRITY_LINES);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_CORRUPT &&
	    rc != SQLITE_NOTADB) {
		store_db_error(db, err);
		return -1;
	}
	if (rc != SQLITE_DONE) {
		verify_problems_add(p, "%s", _("the file's integrity check "
					       "could not read the whole "
					       "file"));
		(*damaged)++;
	}
	return 0;
}

/* The invariants of the search indexes and the term index. */
static int
check_indexes(sqlite3 *db, struct verify_problems *p, struct tmg_error *err)
{
	struct store_pending pending;
	int64_t fuzzy_from, suggest_from;
	long long n, m;

	if (store_pending_read(db, &pending, err) < 0)
		return -1;
	fuzzy_from = pending_from(&pending, "fuzzy");
	suggest_from = pending_from(&pending, "suggest");

	/* fuzzy-index.c: every variant of a unit the index has taken in
	 * has its tokens; fuzzy_langs counts them; tokens have postings */
	if ((n = query_int(db, "SELECT count(*) FROM variants v"
			   " WHERE v.unit_id < ?1 AND NOT EXISTS (SELECT 1"
			   " FROM fuzzy_tokens t WHERE t.variant_id = v.id)",
			   fuzzy_from, err)) < 0)
		return -1;
	if (n > 0)
		verify_problems_add(p, ngettext("the fuzzy-matching index "
						"lacks %lld variant it should "
						"hold",
						"the fuzzy-matching index "
						"lacks %lld variants it should "
						"hold", (unsigned long)n), n);
	if ((n = query_int(db, "SELECT count(*) FROM fuzzy_tokens t"
			   " WHERE NOT EXISTS (SELECT 1 FROM variants v"
			   " WHERE v.id = t.variant_id)", 0, err)) < 0)
		return -1;
	if (n > 0)
		verify_problems_add(p, ngettext("the fuzzy-matching index "
						"holds %lld variant that no "
						"longer exists",
						"the fuzzy-matching index "
						"holds %lld variants that no "
						"longer exist",
						(unsigned long)n), n);
	if ((n = query_int(db, "SELECT count(*) FROM fuzzy_tokens", 0,
			   err)) < 0 ||
	    (m = query_int(db, "SELECT coalesce(sum(variants), 0)"
			   " FROM fuzzy_langs", 0, err)) < 0)
		return -1;
	if (n != m)
		verify_problems_add(p, _("the fuzzy-matching index counts "
					 "%lld variants by language but holds "
					 "%lld"), m, n);
	if ((n = query_int(db, "SELECT EXISTS (SELECT 1 FROM fuzzy_tokens"
			   " WHERE length(tokens) > 0)", 0, err)) < 0 ||
	    (m = query_int(db, "SELECT EXISTS (SELECT 1 FROM fuzzy_postings)",
			   0, err)) < 0)
		return -1;
	if (n && !m)
		verify_problems_add(p, "%s", _("the fuzzy-matching index has "
					       "no posting list"));

	/* suggest-index.c: suggest_pairs counts, for each two language
	 * groups, the units taken in that have both */
	if ((n = query_int(db, "SELECT coalesce(sum(g * (g - 1) / 2), 0)"
			   " FROM (SELECT count(DISTINCT lower(substr(lang, 1,"
			   " instr(replace(lang, '_', '-') || '-', '-') - 1)))"
			   " AS g FROM variants WHERE unit_id < ?1"
			   " GROUP BY unit_id)", suggest_from, err)) < 0 ||
	    (m = query_int(db, "SELECT coalesce(sum(units), 0)"
			   " FROM suggest_pairs", 0, err)) < 0)
		return -1;
	if (n != m)
		verify_problems_add(p, _("the translation index counts %lld "
					 "language pairs, where its units "
					 "have %lld"), m, n);
	if ((n = query_int(db, "SELECT EXISTS (SELECT 1 FROM units"
			   " WHERE id < ?1)", suggest_from, err)) < 0 ||
	    (m = query_int(db, "SELECT EXISTS (SELECT 1 FROM "
			   "suggest_postings)", 0, err)) < 0)
		return -1;
	if (n && !m)
		verify_problems_add(p, "%s", _("the translation index has no "
					       "posting list"));

	/* glossary.c: an up-to-date term index holds the terms (all
	 * but those with nothing to find, such as a lone article) */
	if ((n = query_int(db, "SELECT EXISTS (SELECT 1 FROM terms)"
			   " AND NOT EXISTS (SELECT 1 FROM term_index)"
			   " AND EXISTS (SELECT 1 FROM glossary_meta"
			   " WHERE name = 'term_key_version')", 0, err)) < 0)
		return -1;
	if (n)
		verify_problems_add(p, "%s", _("the glossary's term index is "
					       "empty"));
	return 0;
}

/* The problems in the tables sqlite_master lists, or lacks; a table of
 * data lost counts as damage to the file (no rebuild brings it back). */
static void
missing_objects(const int present[NOBJECTS], struct verify_problems *p,
		int *damaged)
{
	for (size_t i = 0; i < NOBJECTS; i++) {
		if (present[i])
			continue;
		*damaged += objects[i].derived == DATA;
		if (strcmp(objects[i].type, "table") == 0)
			verify_problems_add(p, _("the table '%s' is "
						 "missing"), objects[i].name);
		else if (strcmp(objects[i].type, "index") == 0)
			verify_problems_add(p, _("the SQL index '%s' is "
						 "missing"), objects[i].name);
		else
			verify_problems_add(p, _("the trigger '%s' is "
						 "missing"), objects[i].name);
	}
}

int
verify_memory(struct tmg_memory *memory, struct verify_problems *p,
	      int *damaged, struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);
	int present[NOBJECTS];

	memset(p, 0, sizeof *p);
	*damaged = 0;
	if (check_integrity(db, p, damaged, err) < 0 ||
	    read_master(db, present, err) < 0)
		goto fail;
	missing_objects(present, p, damaged);
	if (p->count == 0 && check_indexes(db, p, err) < 0)
		goto fail;
	return (int)p->count;
fail:
	verify_problems_clear(p);
	return -1;
}

int
verify_file(const char *path, struct verify_problems *p, int *damaged,
	    struct tmg_error *err)
{
	sqlite3 *db = NULL;
	int present[NOBJECTS];
	struct tmg_error ignored;

	memset(p, 0, sizeof *p);
	*damaged = 0;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		tmg_error_set(err, path, 0, 0, "%s",
			      db ? store_errmsg(db) :
			      _("cannot open the memory"));
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, MEMORY_BUSY_TIMEOUT_MS);
	/* SQLite reads the schema before any statement: when it cannot,
	 * that is the damage to report, and nothing more can be checked */
	if (check_integrity(db, p, damaged, &ignored) < 0 ||
	    read_master(db, present, &ignored) < 0) {
		verify_problems_clear(p);
		verify_problems_add(p, "%s", _("the file's schema (the list "
					       "of its tables) cannot be "
					       "read: the file is damaged "
					       "where SQLite begins to read "
					       "it"));
		(*damaged)++;
	} else {
		missing_objects(present, p, damaged);
	}
	sqlite3_close(db);
	return (int)p->count;
}
