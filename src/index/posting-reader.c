/*
 * posting-reader.c -- what a damaged run of a posting list gives: an error
 * naming the memory file, for both indexes (posting-reader.h holds the
 * reader itself, inline, since the searches call it once an id).
 */
#include <config.h>

#include "base/error.h"
#include "base/i18n.h"
#include "index/posting-reader.h"

int
posting_reader_damaged(sqlite3 *db, struct tmg_error *err)
{
	tmg_error_set(err, sqlite3_db_filename(db, "main"), 0, 0, "%s",
		      _("the search index is damaged: a list of ids ends"
			" inside a number"));
	return -1;
}
