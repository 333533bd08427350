/*
 * index-update-test.c -- indexing on first use (index-update.c): what an
 * import marks as pending, what a rolled-back or merging import leaves,
 * bringing the indexes up to date (once, with progress), searches that do
 * it themselves, the fuzzy_langs count when an unindexed variant is
 * deleted, the migration of a version 6 memory whose per-row pending
 * tables still had rows, and the same index whether its entries are built
 * in a second thread or not, and a search's memory that is mapped but
 * not during the index pass.
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
static struct tmg_memory *journal_memory; /* note_journal_mode()'s */

static const char *const pairs[][2] = {
	{ "L'intelligence artificielle transforme l'industrie de Pékin.",
	  "人工智能正在改变北京的产业。" },
	{ "Les robots humanoïdes apprennent à marcher dans les usines.",
	  "人形机器人在工厂里学习走路。" },
	{ "Le gouvernement soutient les jeunes pousses de l'IA.",
	  "政府支持人工智能初创企业。" },
	{ "Les grands modèles de langage consomment beaucoup d'énergie.",
	  "大语言模型消耗大量能源。" },
	{ "L'intelligence incarnée relie la perception et l'action.",
	  "具身智能把感知和行动联系起来。" },
	{ "Les puces électroniques restent un goulet d'étranglement.",
	  "芯片仍然是一个瓶颈。" },
};
#define NSENTENCES (sizeof pairs / sizeof *pairs)

/* Import the sentence pairs [from, to) as one file; 0 or -1. */
static int
import_pairs(struct tmg_memory *m, size_t from, size_t to, int commit)
{
	return fixture_import_pairs(m, "test.tmx", pairs + from, to - from,
				    commit);
}

static long long
query_int(struct tmg_memory *m, const char *sql)
{
	sqlite3_stmt *st;
	long long n = -1;

	if (sqlite3_prepare_v2(memory_db(m), sql, -1, &st, NULL) != SQLITE_OK)
		return -2;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The units either index has still to take in. */
static long long
unindexed(struct tmg_memory *m)
{
	struct tmg_error err = { 0 };
	long long fuzzy, suggest;

	if (fixture_checked(memory_unindexed_by_index(m, &fuzzy, &suggest,
						      &err), &err) < 0)
		return -1;
	return fuzzy > suggest ? fuzzy : suggest;
}

static long long
update(struct tmg_memory *m)
{
	struct tmg_error err = { 0 };

	return fixture_checked(memory_update_indexes(m, INDEX_ALL, NULL, NULL, &err),
			       &err);
}

/* The best fuzzy match of `query` (French -> Chinese): its score, or 0. */
static int
best_score(struct tmg_memory *m, const char *query, const char **target)
{
	static char best[512];
	struct fuzzy_options opt = { .src = "fr", .tgt = "zh", .min_score = 50,
				     .max_hits = 5 };
	struct fuzzy_hits hits = { 0 };
	struct tmg_error err = { 0 };
	int score = 0;

	if (fuzzy_search(m, query, &opt, &hits, &err) < 0) {
		diag("search: %s", err.message);
		return -1;
	}
	if (hits.count) {
		score = hits.items[0].score;
		snprintf(best, sizeof best, "%s", hits.items[0].target);
		*target = best;
	}
	fuzzy_hits_clear(&hits);
	return score;
}

struct progress_seen {
	int calls;
	long long last_done, last_total;
};

static void
on_progress(void *data, long long done, long long total)
{
	struct progress_seen *p = data;

	p->calls++;
	p->last_done = done;
	p->last_total = total;
}

static void
test_pending_marks(void)
{
	struct tmg_error err = { 0 };
	struct progress_seen seen = { 0 };
	struct tmg_memory *m = fixture_open_memory(db_path, "open a new memory");
	const char *target = NULL;

	if (m == NULL)
		return;
	is_int(unindexed(m), 0, "a new memory has nothing to index");
	is_int(update(m), 0, "and updating it indexes nothing");

	ok(import_pairs(m, 0, 3, 1) == 0, "import three units");
	is_int(query_int(m, "SELECT count(*) FROM index_pending"), 3,
	       "the import marks both indexes and the French stems as behind");
	is_int(query_int(m, "SELECT min(first_unit) FROM index_pending"),
	       query_int(m, "SELECT min(id) FROM units"),
	       "from its first unit");
	is_int(unindexed(m), 3, "three units to index");
	is_int(query_int(m, "SELECT count(*) FROM fuzzy_tokens"), 0,
	       "nothing indexed by the import itself");

	is_int(memory_update_indexes(m, INDEX_ALL, on_progress, &seen, &err), 3,
	       "updating indexes the three units");
	ok(seen.calls >= 2 && seen.last_done == 3 && seen.last_total == 3,
	   "progress is reported, ending at 3 of 3");
	is_int(unindexed(m), 0, "nothing left to index");
	is_int(query_int(m, "SELECT count(*) FROM index_pending"), 0,
	       "the marks are gone");
	is_int(query_int(m, "SELECT count(*) FROM fuzzy_tokens"), 6,
	       "every variant is in the token index");
	is_int(query_int(m, "SELECT length(t.tokens) FROM fuzzy_tokens t,"
			 " variants v WHERE v.id = t.variant_id"
			 " AND v.text LIKE 'Les robots%'"), 18,
	       "a French variant of 9 words has 9 keys of 2 bytes");
	is_int(query_int(m, "SELECT substr(t.tokens, 1, 2) ="
			 " substr(t.tokens, 15, 2) FROM fuzzy_tokens t,"
			 " variants v WHERE v.id = t.variant_id"
			 " AND v.text LIKE 'Les robots%'"), 1,
	       "\"Les\" and \"les\" have the same key");
	ok(query_int(m, "SELECT count(*) FROM suggest_postings") > 0,
	   "the translation index has postings");
	is_int(query_int(m, "SELECT units FROM suggest_pairs"), 3,
	       "and counts three fr/zh units");
	is_int(update(m), 0, "a second update has nothing to do");

	ok(import_pairs(m, 3, 5, 0) == 0, "an import rolled back");
	is_int(unindexed(m), 0, "leaves no mark");
	ok(import_pairs(m, 0, 3, 1) == 0, "an import of units already stored");
	is_int(unindexed(m), 0, "adds nothing, so marks nothing");

	ok(import_pairs(m, 3, 6, 1) == 0, "import three more");
	is_int(unindexed(m), 3, "the three new ones are pending");
	is_int(best_score(m, pairs[4][0], &target), 100,
	       "a search indexes them first and finds a new unit");
	is_str(target, pairs[4][1], "with its translation");
	is_int(query_int(m, "SELECT count(*) FROM index_pending"
			 " WHERE index_name = 'fuzzy'"), 0,
	       "the search left the token index up to date");
	is_int(query_int(m, "SELECT count(*) FROM fuzzy_tokens"), 12,
	       "every variant is in the token index once");
	is_int(query_int(m, "SELECT first_unit FROM index_pending"
			 " WHERE index_name = 'stems'"),
	       query_int(m, "SELECT min(id) + 3 FROM units"),
	       "  its French stems, which a match does not read, wait");
	is_int(unindexed(m), 3,
	       "  and the translation index, which it does not read, behind");
	is_int(query_int(m, "SELECT units FROM suggest_pairs"), 3,
	       "  still counting three units");
	is_int(memory_update_indexes(m, INDEX_FUZZY, NULL, NULL, &err), 0,
	       "bringing the token index up to date again does nothing");
	is_int(memory_update_indexes(m, INDEX_SUGGEST, NULL, NULL, &err), 3,
	       "the translation index takes the three units in");
	is_int(unindexed(m), 0, "the indexes are up to date");
	is_int(query_int(m, "SELECT count(*) FROM fuzzy_tokens"), 12,
	       "  the token index untouched");
	is_int(query_int(m, "SELECT units FROM suggest_pairs"), 6,
	       "the translation index counts six units");
	{
		long long before = query_int(m, "SELECT count(*)"
					     " FROM fuzzy_postings");

		is_int(memory_update_indexes(m, INDEX_FUZZY | INDEX_STEMS,
					     NULL, NULL, &err), 3,
		       "a concordance's update takes the three units' stems in");
		ok(query_int(m, "SELECT count(*) FROM fuzzy_postings") > before,
		   "  as postings of their own");
		is_int(query_int(m, "SELECT count(*) FROM fuzzy_tokens"), 12,
		       "  the tokens untouched");
		is_int(query_int(m, "SELECT count(*) FROM index_pending"), 0,
		       "no mark is left");
	}

	/* a variant deleted before it was indexed is not counted down */
	ok(store_exec(memory_db(m), "DELETE FROM units WHERE id = 1", &err) ==
	   0, "delete an indexed unit");
	is_int(query_int(m, "SELECT variants FROM fuzzy_langs"
			 " WHERE lang = 'fr-FR'"), 5,
	       "fuzzy_langs counts its French variant down");
	{
		struct memory_import import = { .origin = "late.tmx" };
		struct tmg_unit u;
		enum memory_add_result r;

		fixture_unit(&u, "Une phrase jamais indexée.",
			     "一个从未索引的句子。");
		ok(memory_import_begin(m, &import, &err) == 0 &&
		   memory_add_unit(m, &u, &r, &err) == 0 &&
		   memory_import_commit(m, &err) == 0, "import one more unit");
		unit_clear(&u);
	}
	ok(store_exec(memory_db(m), "DELETE FROM units WHERE id ="
		      " (SELECT max(id) FROM units)", &err) == 0,
	   "delete it before it is indexed");
	is_int(query_int(m, "SELECT variants FROM fuzzy_langs"
			 " WHERE lang = 'fr-FR'"), 5,
	       "fuzzy_langs does not count it down");
	is_int(update(m), 0, "its mark covers no unit any more");
	memory_close(m);
}

/* Turn the memory back into a version 6 file whose pending tables list
 * some units, as an older tmgloss left them. */
static int
make_version_6(struct tmg_memory *m, struct tmg_error *err)
{
	return store_exec(memory_db(m),
		"BEGIN;"
		"DROP TABLE index_pending;"
		"DROP TABLE fuzzy_words;"
		"DROP TRIGGER fuzzy_forget_variant;"
		"CREATE TABLE suggest_pending (unit_id INTEGER PRIMARY KEY);"
		"CREATE TRIGGER suggest_forget_unit AFTER DELETE ON units BEGIN"
		"  DELETE FROM suggest_pending WHERE unit_id = old.id;"
		"END;"
		"CREATE TABLE fuzzy_pending (variant_id INTEGER PRIMARY KEY);"
		"CREATE TRIGGER fuzzy_forget_variant AFTER DELETE ON variants"
		" BEGIN"
		"  DELETE FROM fuzzy_tokens WHERE variant_id = old.id;"
		"  DELETE FROM fuzzy_pending WHERE variant_id = old.id;"
		"  UPDATE fuzzy_langs SET variants = variants - 1,"
		"   sources = sources - (old.is_source <> 0)"
		"   WHERE lang = old.lang;"
		"END;"
		"INSERT INTO fuzzy_pending SELECT id FROM variants"
		"  WHERE unit_id = (SELECT min(id) FROM units);"
		"PRAGMA user_version = 6;"
		"COMMIT;", err);
}

static void
test_migration(void)
{
	struct tmg_error err = { 0 };
	struct tmg_memory *m;
	const char *target = NULL;
	long long tokens;

	unlink(db_path);
	if ((m = fixture_open_memory(db_path, "open a new memory")) == NULL)
		return;
	ok(import_pairs(m, 0, 6, 1) == 0 && update(m) == 6,
	   "import and index six units");
	tokens = query_int(m, "SELECT count(*) FROM fuzzy_tokens");
	ok(make_version_6(m, &err) == 0,
	   "make it a version 6 memory with pending rows for fuzzy");
	memory_close(m);

	if ((m = fixture_open_memory(db_path, "it opens and migrates")) == NULL)
		return;
	is_int(query_int(m, "PRAGMA user_version"), STORE_SCHEMA_VERSION,
	       "to the current version");
	is_int(query_int(m, "SELECT count(*) FROM sqlite_schema WHERE name IN"
			 " ('fuzzy_pending', 'suggest_pending')"), 0,
	       "the per-row pending tables are gone");
	is_int(query_int(m, "SELECT first_unit FROM index_pending"
			 " WHERE index_name = 'fuzzy'"), 0,
	       "the token index, which was behind, is pending whole");
	is_int(query_int(m, "SELECT first_unit FROM index_pending"
			 " WHERE index_name = 'suggest'"), 0,
	       "the translation index, packed since version 13, is pending"
	       " whole too");
	is_int(query_int(m, "SELECT count(*) FROM suggest_postings"), 0,
	       "and was emptied");
	is_int(query_int(m, "SELECT count(*) FROM fuzzy_tokens"), 0,
	       "the token index was emptied");
	is_int(unindexed(m), 6, "six units to index");
	is_int(best_score(m, pairs[1][0], &target), 100,
	       "a search rebuilds it and finds a unit");
	is_str(target, pairs[1][1], "with its translation");
	is_int(query_int(m, "SELECT count(*) FROM fuzzy_tokens"), tokens,
	       "every variant indexed once");
	is_int(update(m), 6, "the translation index takes in the six units");
	is_int(query_int(m, "SELECT units FROM suggest_pairs"), 6,
	       "once each");
	memory_close(m);
}

/* Import `n` units made from the sentences, with a number and a word
 * that change, into a new memory at `path`, and index them. */
/* A memory of `n` units, indexed in one pass, or, when `stems_apart`,
 * in a match's pass and then a concordance's (with the translation
 * index). */
static struct tmg_memory *
build_memory(const char *path, int n, int stems_apart)
{
	struct memory_import import = { .origin = "many.tmx" };
	struct tmg_error err = { 0 };
	struct tmg_memory *m;
	enum memory_add_result r;
	static const char *const words[] = { "rapport", "usine", "robot",
					     "modèle", "données" };
	static const char *const han[] = { "报告", "工厂", "机器人", "模型",
					   "数据" };

	unlink(path);
	if ((m = memory_open(path, MEMORY_CREATE, &err)) == NULL ||
	    memory_import_begin(m, &import, &err) < 0) {
		diag("%s", err.message);
		memory_close(m);
		return NULL;
	}
	for (int i = 0; i < n; i++) {
		struct tmg_unit u;
		char fr[512], zh[512];

		snprintf(fr, sizeof fr, "%s Le %s n° %d.",
			 pairs[i % NSENTENCES][0], words[i % 5], i);
		snprintf(zh, sizeof zh, "%s第%d号%s。",
			 pairs[i % NSENTENCES][1], i, han[i % 5]);
		fixture_unit(&u, fr, zh);
		if (i % 7 == 0)
			snprintf(u.variants[1].lang, sizeof u.variants[1].lang,
				 "zh-TW");
		if (memory_add_unit(m, &u, &r, &err) < 0)
			diag("%s", err.message);
		unit_clear(&u);
	}
	if (memory_import_commit(m, &err) < 0 ||
	    (stems_apart &&
	     memory_update_indexes(m, INDEX_FUZZY, NULL, NULL, &err) != n) ||
	    memory_update_indexes(m, INDEX_ALL, NULL, NULL, &err) != n) {
		diag("%s", err.message);
		memory_close(m);
		return NULL;
	}
	return m;
}

/* A digest of what the indexes hold (SQLite's own functions). */
static char *
index_contents(struct tmg_memory *m)
{
	static const char *const tables[] = {
		"SELECT group_concat(key || ':' || seg || ':' || n || ':' ||"
		" hex(ids), ';') FROM (SELECT * FROM fuzzy_postings"
		" ORDER BY key, seg)",
		"SELECT group_concat(key || ':' || seg || ':' || hex(ids), ';')"
		" FROM (SELECT * FROM suggest_postings ORDER BY key, seg)",
		"SELECT group_concat(variant_id || ':' || hex(tokens), ';')"
		" FROM (SELECT * FROM fuzzy_tokens ORDER BY variant_id)",
		"SELECT group_concat(lang || ':' || variants || ':' || sources,"
		" ';') FROM (SELECT * FROM fuzzy_langs ORDER BY lang)",
		"SELECT group_concat(group1 || ':' || group2 || ':' || units,"
		" ';') FROM (SELECT * FROM suggest_pairs ORDER BY 1, 2)",
		"SELECT group_concat(grp || ':' || word, ';')"
		" FROM (SELECT * FROM fuzzy_words ORDER BY 1, 2)",
	};
	size_t len = 0;
	char *all = NULL;

	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
		sqlite3_stmt *st;
		const char *text = NULL;
		size_t n;

		if (sqlite3_prepare_v2(memory_db(m), tables[i], -1, &st,
				       NULL) != SQLITE_OK)
			return all;
		if (sqlite3_step(st) == SQLITE_ROW)
			text = (const char *)sqlite3_column_text(st, 0);
		n = text ? strlen(text) : 0;
		all = realloc(all, len + n + 2);
		memcpy(all + len, text ? text : "", n);
		len += n;
		all[len++] = '|';
		all[len] = '\0';
		sqlite3_finalize(st);
	}
	return all;
}

/* Do memories `one` and `two` (built as `built` says) hold the same
 * indexes?  Both are closed, the second's file removed. */
static void
ok_same_index(struct tmg_memory *one, struct tmg_memory *two,
	      const char *path2, const char *built, int min_length)
{
	char *a = NULL, *b = NULL;

	ok(one && two, "%s", built);
	if (one && two) {
		a = index_contents(one);
		b = index_contents(two);
		ok(a && b && strlen(a) > (size_t)min_length,
		   "the indexes hold postings");
		ok(a && b && strcmp(a, b) == 0,
		   "both hold exactly the same postings, tokens, words and"
		   " counts");
	}
	free(a);
	free(b);
	memory_close(one);
	memory_close(two);
	fixture_unlink_memory(path2);
}

/* `n` units indexed in one thread and in two: the same index. */
static void
ok_same_index_threads(int n, const char *suffix, const char *built,
		      int min_length)
{
	char path2[4200];
	struct tmg_memory *one, *two;

	snprintf(path2, sizeof path2, "%s.%s", db_path, suffix);
	setenv("TMGLOSS_INDEX_THREAD", "0", 1);
	one = build_memory(db_path, n, 0);
	unsetenv("TMGLOSS_INDEX_THREAD");
	two = build_memory(path2, n, 0);
	ok_same_index(one, two, path2, built, min_length);
}

static void
test_two_threads_same_index(void)
{
	/* 5,000 units: more batches than the ring holds (32 of 128), so
	 * that the reading thread also builds batches when it is full */
	ok_same_index_threads(5000, "threads", "index 5,000 units in one "
			      "thread and in two", 100000);
	/* 10,500: a pass of 10,000 units or more is begun before its
	 * transaction (huge pages asked, the worker started and making
	 * ICU's objects while the journal is switched) */
	ok_same_index_threads(10500, "large", "index 10,500 units in one "
			      "thread and in two, the pass begun before its "
			      "transaction", 200000);
}

/* The French stems taken in by a later pass than the tokens (a match,
 * then a concordance) make the same index as one pass. */
static void
test_stems_apart_same_index(void)
{
	char path2[4200];

	snprintf(path2, sizeof path2, "%s.stems", db_path);
	ok_same_index(build_memory(db_path, 1500, 0),
		      build_memory(path2, 1500, 1), path2,
		      "index 1,500 units in one pass, and tokens then stems",
		      10000);
}

/* A search's memory (MEMORY_SEARCH) is mapped from its opening when its
 * indexes are up to date, not while units wait for them (the first search
 * reads them all), nor during an index pass, which must keep its resident
 * memory flat; mapped again after the pass. */
struct mapping_seen {
	struct tmg_memory *m;
	long long during;
};

static void
on_progress_mapping(void *data, long long done, long long total)
{
	struct mapping_seen *p = data;

	(void)done;
	(void)total;
	if (p->during != 0)
		p->during = query_int(p->m, "PRAGMA mmap_size");
}

/* Import the sentence pairs [from, to) through a connection of its own. */
static int
import_apart(const char *path, size_t from, size_t to)
{
	struct tmg_memory *w = fixture_open_memory(path, "  a writer opens it");
	int ret = w ? import_pairs(w, from, to, 1) : -1;

	memory_close(w);
	return ret;
}

static void
test_search_mapping(void)
{
	struct tmg_error err = { 0 };
	struct mapping_seen seen = { .during = -1 };
	struct tmg_memory *m;
	char path[4096];

	fixture_scratch_path(path, sizeof path, "index-update-map-test");
	fixture_unlink_memory(path);
	ok(import_apart(path, 0, 4) == 0, "four units imported, not indexed");
	m = memory_open(path, MEMORY_SEARCH, &err);
	if (!ok(m != NULL, "opened to search"))
		diag("%s", err.message);
	if (m == NULL)
		return;
	is_int(query_int(m, "PRAGMA mmap_size"), 0,
	       "  not mapped while units wait for the indexes");
	is_int(memory_update_indexes(m, INDEX_ALL, NULL, NULL, &err), 4,
	       "  which take the four units in");
	memory_map_reads(m);
	ok(query_int(m, "PRAGMA mmap_size") > 0, "  then mapped");
	memory_close(m);

	m = memory_open(path, MEMORY_SEARCH, &err);
	if (m == NULL)
		return;
	ok(query_int(m, "PRAGMA mmap_size") > 0,
	   "indexes up to date: mapped from the opening");
	ok(import_apart(path, 4, 6) == 0, "two more units imported meanwhile");
	seen.m = m;
	is_int(memory_update_indexes(m, INDEX_ALL, on_progress_mapping, &seen,
				     &err), 2,
	       "the search's update takes them in");
	is_int(seen.during, 0, "  with the memory unmapped during the pass");
	ok(query_int(m, "PRAGMA mmap_size") > 0, "  and mapped again after");
	memory_close(m);
	fixture_unlink_memory(path);
}

/* After memory_copy_reads_only() (a short search's process), no memory
 * is mapped, a search's nor a read-only one's, even when asked; the
 * search finds the same.  Changes the process: the last test. */
static void
test_copy_reads_only(void)
{
	struct tmg_error err = { 0 };
	struct tmg_memory *m;
	const char *target = NULL;
	char path[4096];

	fixture_scratch_path(path, sizeof path, "index-update-copy-test");
	fixture_unlink_memory(path);
	ok(import_apart(path, 0, 6) == 0, "six units imported");
	m = memory_open(path, MEMORY_SEARCH, &err);
	if (!ok(m != NULL, "opened to search"))
		return;
	is_int(update(m), 6, "  indexed");
	is_int(best_score(m, pairs[3][0], &target), 100,
	       "  a search finds a unit");
	memory_close(m);

	memory_copy_reads_only();
	m = memory_open(path, MEMORY_SEARCH, &err);
	if (!ok(m != NULL, "reads copied: opened to search"))
		return;
	is_int(query_int(m, "PRAGMA mmap_size"), 0,
	       "  not mapped though its indexes are up to date");
	memory_map_reads(m);
	is_int(query_int(m, "PRAGMA mmap_size"), 0, "  nor when asked");
	target = NULL;
	is_int(best_score(m, pairs[3][0], &target), 100,
	       "  the search finds the unit");
	is_str(target, pairs[3][1], "  and its translation");
	memory_close(m);
	m = memory_open(path, MEMORY_READ_ONLY, &err);
	if (ok(m != NULL, "opened read-only"))
		is_int(query_int(m, "PRAGMA mmap_size"), 0, "  not mapped");
	memory_close(m);
	fixture_unlink_memory(path);
}

/* The journal mode of the memory's connection, into the buffer `data`
 * (a memory_progress_fn: called within the pass's transaction). */
static void
note_journal_mode(void *data, long long done, long long total)
{
	char *mode = data;
	sqlite3_stmt *st;

	(void)done;
	(void)total;
	snprintf(mode, 16, "?");
	if (sqlite3_prepare_v2(memory_db(journal_memory), "PRAGMA journal_mode",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		snprintf(mode, 16, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* An index pass over `which`: its result, the journal mode during it
 * into `during` and after it into `after`. */
static long long
journal_pass(struct tmg_memory *m, enum memory_indexes which, char *during,
	     char *after)
{
	struct tmg_error err = { 0 };
	long long n;

	journal_memory = m;
	snprintf(during, 16, "none");
	n = memory_update_indexes(m, which, note_journal_mode, during, &err);
	note_journal_mode(after, 0, 0);
	return n;
}

static void
test_bulk_journal(void)
{
	struct tmg_error err = { 0 };
	struct tmg_memory *m;
	char during[16], after[16], *before_dump, *after_dump;
	sqlite3 *other = NULL;

	unlink(db_path);
	if ((m = fixture_open_memory(db_path, "a new memory")) == NULL)
		return;
	ok(import_pairs(m, 0, 4, 1) == 0, "four units imported");
	is_int(journal_pass(m, INDEX_FUZZY, during, after), 4,
	       "a match's pass builds the token index");
	is_str(during, "delete", "from nothing: with a rollback journal");
	is_str(after, "wal", "and in WAL again after it");
	is_int(journal_pass(m, INDEX_STEMS, during, after), 4,
	       "the stems' pass takes the units in");
	is_str(during, "wal", "into a built token index: in WAL");
	ok(import_pairs(m, 4, 6, 1) == 0, "two more units imported");
	is_int(journal_pass(m, INDEX_ALL, during, after), 6,
	       "a pass takes in the new units, the translation index all");
	is_str(during, "wal", "the token index was built: in WAL");
	memory_close(m);

	/* a pass that fails, from nothing: the memory as it was */
	unlink(db_path);
	if ((m = fixture_open_memory(db_path, "a new memory again")) == NULL)
		return;
	ok(import_pairs(m, 0, 4, 1) == 0 &&
	   store_exec(memory_db(m), "CREATE TRIGGER refuse BEFORE INSERT ON"
		      " suggest_postings BEGIN SELECT RAISE(ABORT, 'refused');"
		      " END", &err) == 0, "a trigger refuses the postings");
	before_dump = index_contents(m);
	is_int(journal_pass(m, INDEX_ALL, during, after), -1,
	       "the pass fails at its flush");
	is_str(during, "delete", "it had a rollback journal");
	is_str(after, "wal", "WAL again after the rollback");
	after_dump = index_contents(m);
	is_str(after_dump, before_dump, "the indexes as they were");
	is_int(unindexed(m), 4, "every unit still pending");
	free(before_dump);
	free(after_dump);
	ok(store_exec(memory_db(m), "DROP TRIGGER refuse", &err) == 0,
	   "the trigger dropped");

	/* another connection on the file: WAL */
	ok(sqlite3_open(db_path, &other) == SQLITE_OK &&
	   sqlite3_exec(other, "SELECT count(*) FROM units", NULL, NULL,
			NULL) == SQLITE_OK, "another connection reads the file");
	is_int(journal_pass(m, INDEX_ALL, during, after), 4,
	       "a pass from nothing with it open");
	is_str(during, "wal", "stays in WAL");
	sqlite3_close(other);
	memory_close(m);
}

int
main(void)
{
	fixture_scratch_path(db_path, sizeof db_path, "index-update-test");
	test_pending_marks();
	test_migration();
	test_two_threads_same_index();
	test_stems_apart_same_index();
	test_search_mapping();
	test_bulk_journal();
	test_copy_reads_only(); /* last: it changes the process */
	fixture_unlink_memory(db_path);
	return done_testing();
}
