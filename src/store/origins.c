/*
 * origins.c -- the files a memory's units and concepts came from.
 *
 * An origin is a name recorded at import: the imported file's path (made
 * absolute by the command line) or the label given with --origin-name.
 * Memories written before names were paths hold base names; they are
 * origins like any other.  Units name theirs through the origins table
 * (with the time of the file's last import); glossary concepts carry the
 * name in concepts.origin (with the time each concept was added).  A name
 * can be both.
 *
 * origins_list() reads them all for `tmgloss origins`; origins_resolve()
 * turns what a user typed after --origin into a stored name: the name
 * itself, or a unique stored name ending in "/" and the text typed (a base
 * name, or the end of a path).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "store/db.h"
#include "store/store.h"

/* Every name, its last import, its unit and concept counts; the languages
 * come from a second query. */
static const char list_sql[] =
	"WITH names(name) AS ("
	"  SELECT name FROM origins"
	"  UNION SELECT origin FROM concepts WHERE origin IS NOT NULL),"
	" unit_counts(origin_id, n) AS ("
	"  SELECT origin_id, count(*) FROM units GROUP BY origin_id),"
	" concept_counts(name, n, added) AS ("
	"  SELECT origin, count(*), max(added) FROM concepts"
	"  WHERE origin IS NOT NULL GROUP BY origin)"
	" SELECT n.name, o.id IS NOT NULL, coalesce(uc.n, 0),"
	"  coalesce(cc.n, 0),"
	"  CASE WHEN o.imported IS NULL THEN cc.added"
	"   WHEN cc.added IS NULL OR o.imported > cc.added THEN o.imported"
	"   ELSE cc.added END"
	" FROM names n"
	" LEFT JOIN origins o ON o.name = n.name"
	" LEFT JOIN unit_counts uc ON uc.origin_id = o.id"
	" LEFT JOIN concept_counts cc ON cc.name = n.name"
	" ORDER BY n.name";

static const char langs_sql[] =
	"SELECT DISTINCT o.name, v.lang FROM origins o"
	" JOIN units u ON u.origin_id = o.id"
	" JOIN variants v ON v.unit_id = u.id"
	" UNION"
	" SELECT DISTINCT c.origin, t.lang FROM concepts c"
	" JOIN terms t ON t.concept_id = c.id WHERE c.origin IS NOT NULL"
	" ORDER BY 1, 2";

static char *
column_dup(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? xstrdup(s) : NULL;
}

/* The origin named `name` in the sorted list, or NULL. */
static struct origin *
find_origin(struct origin_list *list, const char *name)
{
	size_t lo = 0, hi = list->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(list->items[mid].name, name);

		if (c == 0)
			return &list->items[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Add each origin's languages, space-separated, in tag order. */
static int
read_languages(sqlite3 *db, struct origin_list *list, struct tmg_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (store_prepare(db, langs_sql, &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *lang = (const char *)sqlite3_column_text(st, 1);
		struct origin *o = name ? find_origin(list, name) : NULL;
		size_t have, add;

		if (o == NULL || lang == NULL)
			continue;
		have = o->languages ? strlen(o->languages) : 0;
		add = strlen(lang);
		o->languages = xreallocarray(o->languages, have + add + 2, 1);
		if (have)
			o->languages[have++] = ' ';
		memcpy(o->languages + have, lang, add + 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_db_error(db, err);
	return 0;
}

/* The origins without their languages (all origins_resolve() needs). */
static int
read_origins(sqlite3 *db, struct origin_list *list, struct tmg_error *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	memset(list, 0, sizeof *list);
	if (store_prepare(db, list_sql, &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct origin *o;

		ALLOC_GROW(list->items, list->count + 1, alloc);
		o = &list->items[list->count++];
		memset(o, 0, sizeof *o);
		o->name = column_dup(st, 0);
		o->has_units = sqlite3_column_int(st, 1);
		o->units = (long)sqlite3_column_int64(st, 2);
		o->concepts = (long)sqlite3_column_int64(st, 3);
		o->imported = column_dup(st, 4);
		if (o->name == NULL)
			o->name = xstrdup("");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_db_error(db, err);
		origins_list_free(list);
		return -1;
	}
	return 0;
}

int
origins_list(struct tmg_memory *memory, struct origin_list *list,
	     struct tmg_error *err)
{
	sqlite3 *db = memory_db(memory);

	if (read_origins(db, list, err) < 0)
		return -1;
	if (read_languages(db, list, err) < 0) {
		origins_list_free(list);
		return -1;
	}
	return 0;
}

void
origins_list_free(struct origin_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].name);
		free(list->items[i].imported);
		free(list->items[i].languages);
	}
	free(list->items);
	memset(list, 0, sizeof *list);
}

/* Whether stored name `name` is what the user meant by `given`: ends with
 * "/" and `given`. */
static int
ends_with_path(const char *name, const char *given)
{
	size_t n = strlen(name), g = strlen(given);

	return g < n && name[n - g - 1] == '/' &&
	       strcmp(name + n - g, given) == 0;
}

static int
wanted(const struct origin *o, enum origin_kind kind)
{
	return kind == ORIGIN_ANY ||
	       (kind == ORIGIN_UNITS && o->has_units) ||
	       (kind == ORIGIN_CONCEPTS && o->concepts > 0);
}

int
origins_resolve(struct tmg_memory *memory, const char *given,
		enum origin_kind kind, char **name, struct tmg_error *err)
{
	struct origin_list list;
	struct strbuf candidates = { 0 };
	const char *found = NULL;
	size_t n = 0;

	*name = NULL;
	if (read_origins(memory_db(memory), &list, err) < 0)
		return -1;
	for (size_t i = 0; i < list.count; i++) {
		const struct origin *o = &list.items[i];

		if (!wanted(o, kind))
			continue;
		if (strcmp(o->name, given) == 0) {
			found = o->name;
			n = 1;
			break;
		}
		if (ends_with_path(o->name, given)) {
			found = o->name;
			strbuf_addstr(&candidates, "\n  ");
			strbuf_addstr(&candidates, o->name);
			n++;
		}
	}
	if (n > 1) {
		tmg_error_set(err, NULL, 0, 0,
			      _("'%s' names several origins; give one of "
				"them in full:%s"), given, candidates.buf);
		found = NULL;
	} else {
		*name = xstrdup(found ? found : given);
	}
	strbuf_release(&candidates);
	origins_list_free(&list);
	return n > 1 ? -1 : 0;
}
