/*
 * collation.c -- ICU collators (text/collate.c) for SQLite's ORDER BY ...
 * COLLATE.  A collation is named "tmg_" + the ICU locale id with every
 * character outside [A-Za-z0-9] made '_' (tmg_zh_collation_stroke); the
 * connection owns its collator and closes it with the connection.
 */
#include <config.h>

#include <string.h>

#include <sqlite3.h>

#include "base/error.h"
#include "base/i18n.h"
#include "store/db.h"
#include "text/text.h"

static int
sqlite_compare(void *data, int na, const void *a, int nb, const void *b)
{
	return collator_compare_n(data, a, na, b, nb);
}

static void
sqlite_destroy(void *data)
{
	collator_close(data);
}

int
collate_register(sqlite3 *db, const char *locale, char *name,
		 size_t size, struct tmg_error *err)
{
	struct tmg_collator *c = collator_open(locale, err);
	const char *locale_id;
	size_t i, j;
	int rc;

	if (c == NULL)
		return -1;
	locale_id = collator_locale(c);
	if (size < 5 + strlen(locale_id)) {
		tmg_error_set(err, NULL, 0, 0, _("locale '%s' too long"),
			      locale);
		collator_close(c);
		return -1;
	}
	memcpy(name, "tmg_", 4);
	for (i = 0, j = 4; locale_id[i]; i++) {
		char ch = locale_id[i];
		int alnum = (ch >= 'a' && ch <= 'z') ||
			    (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
		name[j++] = alnum ? ch : '_';
	}
	name[j] = '\0';
	/* On success SQLite owns c and calls sqlite_destroy on replacement
	 * or close; on failure it does not, so c is still ours. */
	rc = sqlite3_create_collation_v2(db, name, SQLITE_UTF8, c,
					 sqlite_compare, sqlite_destroy);
	if (rc != SQLITE_OK) {
		tmg_error_set(err, NULL, 0, 0,
			      _("cannot register collation %s: %s"), name,
			      sqlite3_errmsg(db));
		collator_close(c);
		return -1;
	}
	return 0;
}
