/*
 * collate-test.c -- ICU collation: French accents, Chinese by pinyin and by
 * stroke, the same orders through SQLite's ORDER BY ... COLLATE, and
 * unknown locales refused.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "tap.h"
#include "store/db.h"
#include "tmgloss.h"
#include "base/xalloc.h"

static const char *const pinyin_order[] = {
	"阿", "安", "爸", "北京", "词",
};
/* strokes: 一 1, 二 2, 木 4, 北 5, 安 6, 词 7, 爸 8, then 阿: ICU's stroke
 * data counts 阝 as three strokes, so 阿 has 8 and comes after 爸 */
static const char *const stroke_order[] = {
	"一", "二", "木", "北京", "安", "词", "爸", "阿",
};
/* CLDR's French (France) compares accents from the start of the word:
 * cote < coté < côte < côté; Canadian French from the end (below) */
static const char *const french_order[] = {
	"cote", "coté", "côte", "côté", "Côté", "élan", "Élan", "zèbre",
};
static const char *const canadian_order[] = {
	"cote", "côte", "coté", "côté",
};

static int
sorted(const struct tmg_collator *c, const char *const *words, size_t n)
{
	int good = 1;

	for (size_t i = 0; i + 1 < n; i++)
		if (collator_compare(c, words[i], words[i + 1]) >= 0) {
			diag("'%s' is not before '%s'", words[i], words[i + 1]);
			good = 0;
		}
	return good;
}

static void
test_compare(const char *locale, const char *const *words, size_t n,
	     const char *what)
{
	struct tmg_error err = { 0 };
	struct tmg_collator *c = collator_open(locale, &err);

	if (!ok(c != NULL, "collator for %s", locale)) {
		diag("%s", err.message);
		return;
	}
	ok(sorted(c, words, n), "%s: %s", locale, what);
	is_int(collator_compare(c, words[0], words[0]), 0,
	       "%s: a word equals itself", locale);
	collator_close(c);
}

/* Insert words in reverse, read them back ORDER BY the collation. */
static void
test_sqlite(sqlite3 *db, const char *locale, const char *const *words,
	    size_t n)
{
	struct tmg_error err = { 0 };
	char name[128], sql[256];
	sqlite3_stmt *st = NULL;
	struct strbuf got = { 0 }, want = { 0 };
	int rc;

	rc = collate_register(db, locale, name, sizeof name, &err);
	if (!ok(rc == 0, "register %s as %s", locale, rc == 0 ? name : "?")) {
		diag("%s", err.message);
		return;
	}
	sqlite3_exec(db, "DELETE FROM w", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO w VALUES (?1)", -1, &st, NULL);
	for (size_t i = n; i-- > 0;) {
		sqlite3_bind_text(st, 1, words[i], -1, SQLITE_STATIC);
		sqlite3_step(st);
		sqlite3_reset(st);
		strbuf_addstr(&want, words[n - 1 - i]);
		strbuf_addch(&want, ' ');
	}
	sqlite3_finalize(st);
	snprintf(sql, sizeof sql, "SELECT t FROM w ORDER BY t COLLATE %s",
		 name);
	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		strbuf_addstr(&got, (const char *)sqlite3_column_text(st, 0));
		strbuf_addch(&got, ' ');
	}
	sqlite3_finalize(st);
	is_str(got.buf, want.buf, "ORDER BY t COLLATE %s", name);
	strbuf_release(&got);
	strbuf_release(&want);
}

int
main(void)
{
	struct tmg_error err = { 0 };
	sqlite3 *db;
	char name[128];
	size_t npinyin = sizeof pinyin_order / sizeof *pinyin_order;
	size_t nstroke = sizeof stroke_order / sizeof *stroke_order;
	size_t nfrench = sizeof french_order / sizeof *french_order;

	test_compare("fr", french_order, nfrench, "cote < coté < côte < côté");
	test_compare("fr-CA", canadian_order, 4,
		     "accents from the end: cote < côte < coté < côté");
	test_compare("zh", pinyin_order, npinyin, "pinyin by default");
	test_compare("zh-CN", pinyin_order, npinyin, "pinyin for zh-CN");
	test_compare("zh@collation=stroke", stroke_order, nstroke,
		     "stroke order");
	test_compare("zh-u-co-stroke", stroke_order, nstroke,
		     "stroke order (BCP 47 form)");

	ok(collator_open("xx", &err) == NULL && strstr(err.message, "xx"),
	   "unknown locale refused: %s", err.message);
	ok(collator_open("", &err) == NULL, "empty locale refused");
	ok(collator_open("@collation=stroke", &err) == NULL,
	   "keywords without a language refused");

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		return ok(0, "open an in-memory database"), done_testing();
	sqlite3_exec(db, "CREATE TABLE w (t TEXT)", NULL, NULL, NULL);
	test_sqlite(db, "fr", french_order, nfrench);
	test_sqlite(db, "zh", pinyin_order, npinyin);
	test_sqlite(db, "zh@collation=stroke", stroke_order, nstroke);
	ok(collate_register(db, "zh", name, sizeof name, &err) == 0,
	   "registering a locale twice is harmless");
	ok(collate_register(db, "zh@collation=stroke", name, 8, &err) < 0,
	   "a name buffer too small fails");
	ok(collate_register(db, "qaa", name, sizeof name, &err) < 0,
	   "an unknown locale is not registered: %s", err.message);
	sqlite3_close(db);
	return done_testing();
}
