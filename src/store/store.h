/*
 * store/store.h -- the memory file: translation units (memory.c) and the
 * glossary (glossary.c) kept in SQLite, its schema and migrations
 * (store.c).  What the layers above and the command line see; no SQLite
 * type appears here (store/db.h is for the engine's own SQL).  The store
 * knows no search index: it only records which units the indexes have not
 * taken in yet (pending.c).
 */
#ifndef TMGLOSS_STORE_STORE_H
#define TMGLOSS_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "base/records.h"
#include "formats/formats.h"

/* ------------------------------------------------------ memory (memory.c) */

struct tmg_memory;

/* How long a connection waits for another's write lock (memory_open). */
#define MEMORY_BUSY_TIMEOUT_MS 5000
/* How long a writer waits for another writer to finish (an import, an
 * index update): as long as a large import can take. */
#define MEMORY_WRITER_WAIT_MS (30 * 60 * 1000)
/* After how long a waiting writer calls the memory_on_wait() function. */
#define MEMORY_WAIT_NOTICE_MS 1000

/* How memory_open() treats the file. */
enum memory_mode {
	MEMORY_CREATE,    /* created (and its folder) when missing */
	MEMORY_EXISTING,  /* must exist; opened read-only when it cannot be
			   * written (file or folder) */
	MEMORY_READ_ONLY, /* must exist; never written */
	MEMORY_SEARCH,    /* as MEMORY_EXISTING, for a command that searches:
			   * its reads are mapped from the start
			   * (memory_map_reads()), the schema's own too,
			   * unless units wait for an index */
};

/* Open the memory at `path` as `mode` says, migrating its schema when it
 * can be written (a read-only memory that needs a migration is an
 * error). */
struct tmg_memory *memory_open(const char *path, enum memory_mode mode,
			       struct tmg_error *err);
/* memory_open() with memory_on_wait(`on_wait`, `data`) set from the start:
 * a migration that waits for another writer says so too. */
struct tmg_memory *memory_open_waiting(const char *path,
				       enum memory_mode mode,
				       void (*on_wait)(void *data),
				       void *data, struct tmg_error *err);
/* 1 when the memory was opened read-only (asked, or not writable). */
int memory_read_only(const struct tmg_memory *memory);
/* The memory is only searched from now on (its indexes are up to date):
 * its pages are mapped rather than read and copied, as a read-only
 * memory's are.  Writes, if any, still work; a command that reads much
 * of the file then has those pages in its resident memory. */
void memory_map_reads(struct tmg_memory *memory);
/*
 * For a process that opens a memory for one short search and exits (one
 * `tmgloss match TEXT`), with its heap on huge pages (bulkmem_begin()):
 * the memories it opens from now on, read-only ones too, have their
 * pages read and copied, never mapped, and memory_map_reads() does
 * nothing.  On a virtual machine the first touch of a mapped page costs
 * 15-35 µs, the copy of a 16 KiB page into pages already faulted 3-5 µs
 * (BENCHMARKS.md, issue 16); a process that stays up maps, as the copies
 * would be made again for each search.  Call it from the main thread
 * before any memory is opened.
 */
void memory_copy_reads_only(void);
/* Reads copied again (an index pass reads the whole file: its resident
 * memory stays flat); returns 1 when they were mapped, for
 * memory_map_reads() after the pass. */
int memory_unmap_reads(struct tmg_memory *memory);
/* `fn(data)` is called once per write transaction that has waited
 * MEMORY_WAIT_NOTICE_MS for another program's write lock (the command
 * line says that it waits). */
void memory_on_wait(struct tmg_memory *memory, void (*fn)(void *data),
		    void *data);
/* `fn(memory, data, err)` is called by memory_import_commit() inside the
 * import's transaction, once its units are stored and marked pending,
 * right before the COMMIT; a failure (-1, `err` set) rolls the whole
 * import back.  The index layer's memory_update_indexes_at_commit()
 * indexes them there (tmgloss import --index).  NULL: none, the
 * default. */
typedef int (*memory_commit_fn)(struct tmg_memory *memory, void *data,
				struct tmg_error *err);
void memory_on_import_commit(struct tmg_memory *memory, memory_commit_fn fn,
			     void *data);
/* Before a write transaction that adds mostly new pages (an index built
 * from nothing): a rollback journal instead of the WAL, if no other
 * connection has the file open, so that the pages are written once, not
 * into the WAL and again at its checkpoint.  Returns 1 when it switched;
 * memory_bulk_journal_end() goes back to WAL after the COMMIT (or the
 * ROLLBACK). */
int memory_bulk_journal_begin(struct tmg_memory *memory);
void memory_bulk_journal_end(struct tmg_memory *memory);
/* Begin a write transaction (BEGIN IMMEDIATE), waiting up to
 * MEMORY_WRITER_WAIT_MS while another program writes the memory. */
int memory_begin_write(struct tmg_memory *memory, struct tmg_error *err);
void memory_close(struct tmg_memory *memory);
/* 1 when the memory holds no unit, 0 when it holds some, -1 on error. */
int memory_is_empty(struct tmg_memory *memory, struct tmg_error *err);
const char *memory_path(const struct tmg_memory *memory);

/* What adding a unit did. */
enum memory_add_result {
	MEMORY_ADDED,     /* a new unit */
	MEMORY_MERGED,    /* same content as a stored unit: metadata merged */
	MEMORY_UNCHANGED, /* same content, stored one is as new or newer; or
			   * a translation of a source that the origin
			   * holds a newer one of (not added) */
};

struct memory_import {
	int keep_duplicates;     /* no duplicate check, no replacement */
	const char *origin;      /* file name recorded with each unit */
	const struct tmx_header *header;
};

/* Begin/commit/roll back one file's import (a transaction). */
int memory_import_begin(struct tmg_memory *memory,
			const struct memory_import *import,
			struct tmg_error *err);
int memory_add_unit(struct tmg_memory *memory, const struct tmg_unit *unit,
		    enum memory_add_result *result, struct tmg_error *err);
int memory_import_commit(struct tmg_memory *memory, struct tmg_error *err);
void memory_import_rollback(struct tmg_memory *memory);
/*
 * How many units the last committed import replaced: units its origin held
 * before it, with the source (language, text, markup) of a unit of the
 * file but not held by the file themselves, and not newer than the file's
 * units for that source (change dates of units and variants; the import
 * wins when one is missing).  Valid from memory_import_commit() to the
 * next memory_import_begin().
 */
long memory_import_replaced(const struct tmg_memory *memory);

/* A change to one unit (tmgloss edit). */
struct memory_edit {
	int64_t id;         /* the unit */
	const char *lang;   /* the translation to change (a language
			     * request); NULL when the unit has one */
	const char *target; /* its new text, plain (inline codes go), or NULL */
	const char *note;   /* the unit's note ("": none), or NULL to keep */
	const char *author; /* the change id recorded, or NULL */
};

/*
 * Apply `edit` in one transaction, with the change date now (UTC).  A new
 * translation stores the unit again under a new id, pending for the search
 * indexes as an imported unit is, and removes the old one as
 * remove_units() does, so the old text is never found again; a note alone
 * is changed in place.  The unit as now stored goes into `unit` (initialised
 * by the caller, who clears it), its id into *id, and the index of the
 * changed translation in unit->variants into *target (SIZE_MAX when none).
 */
int memory_edit_unit(struct tmg_memory *memory, const struct memory_edit *edit,
		     struct tmg_unit *unit, int64_t *id, size_t *target,
		     struct tmg_error *err);

/* Units for export, in insertion order. */
struct memory_filter {
	const char *src;   /* language request or NULL */
	const char *tgt;   /* language request or NULL */
	const char *origin;/* origin file name or NULL */
	int exact_lang;
};

typedef int (*memory_unit_fn)(void *data, const struct tmg_unit *unit,
			      struct tmg_error *err);
/*
 * Call `fn` for every unit that passes `filter`: with src or tgt alone, the
 * units that have a variant in it, all their variants kept (with src, that
 * variant becomes the unit's source); with both, the units that have both,
 * with those two variants only.  Stops at the first non-zero return.
 */
int memory_foreach_unit(struct tmg_memory *memory,
			const struct memory_filter *filter, memory_unit_fn fn,
			void *data, struct tmg_error *err);
/* The header notes of an origin (for export), into `notes`. */
int memory_origin_notes(struct tmg_memory *memory, const char *origin,
			struct tmg_annotations *notes, struct tmg_error *err);
/* The value of the unit's first prop of `type` (x-context, ...) into
 * *value (the caller frees it), NULL when it has none or the unit is
 * gone. */
int memory_unit_prop(struct tmg_memory *memory, int64_t id, const char *type,
		     char **value, struct tmg_error *err);

/*
 * The source language shared by all units (of `origin` when not NULL) into
 * `out`, or "*all*" when they differ; "" for an empty memory.  When exactly
 * one origin is concerned its name goes into `single_origin` (else "").
 */
int memory_common_source(struct tmg_memory *memory, const char *origin,
			 char out[TMG_LANG_MAX], char *single_origin,
			 size_t origin_size, struct tmg_error *err);

/* What the memory holds (tmgloss stats). */
struct memory_count {
	char *name;   /* a language, an origin, or a source language */
	char *name2;  /* the target language of a pair, else NULL */
	long count;
};

struct memory_stats {
	long units, variants;
	long long unindexed; /* units the search indexes have to take in */
	/* of those, the units each index has to take in: the token index
	 * (match, concord) and the translation index (suggest, extract),
	 * each brought up to date by the commands that read it */
	long long unindexed_fuzzy, unindexed_suggest;
	struct memory_count *languages, *pairs, *origins;
	size_t nlanguages, npairs, norigins;
	long long file_size;
	int schema_version;
};

int memory_get_stats(struct tmg_memory *memory, struct memory_stats *stats,
		     struct tmg_error *err);
void memory_stats_free(struct memory_stats *stats);

/* How many units each search index has still to take in (pending.c): the
 * token index's into *fuzzy, the translation index's into *suggest; 0, or
 * -1. */
int memory_unindexed_by_index(struct tmg_memory *memory, long long *fuzzy,
			      long long *suggest, struct tmg_error *err);

/* ---------------------------------------------- glossary (glossary.c) */

enum glossary_add_result {
	GLOSSARY_ADDED,     /* a new concept */
	GLOSSARY_REPLACED,  /* same file and entry id: the stored one updated */
	GLOSSARY_UNCHANGED, /* the same terms are stored already */
};

struct glossary_import;

/*
 * Begin one glossary file's import (a transaction); `origin` is the name
 * recorded with each concept (NULL for concepts added by hand).  Returns a
 * handle that commit or rollback frees, or NULL with `err`.
 */
struct glossary_import *glossary_import_begin(struct tmg_memory *memory,
					      const char *origin,
					      struct tmg_error *err);
/*
 * Store a concept and index its terms for recognition.  A concept with the
 * same origin and entry id as one stored before this import is updated in
 * place; one whose terms are all stored in one concept already is left
 * alone.
 */
int glossary_import_add(struct glossary_import *import,
			const struct tmg_concept *concept,
			enum glossary_add_result *result,
			struct tmg_error *err);
int glossary_import_commit(struct glossary_import *import,
			   struct tmg_error *err);
void glossary_import_rollback(struct glossary_import *import);

/* One concept in its own transaction (tmgloss gloss add).  The new row id
 * goes into *row when not NULL (the stored one when unchanged). */
int glossary_add_concept(struct tmg_memory *memory,
			 const struct tmg_concept *concept,
			 enum glossary_add_result *result, int64_t *row,
			 struct tmg_error *err);

/* Rebuild the term index if it was built by another TERM_KEY_VERSION
 * (once, in a transaction); nothing to do otherwise. */
int glossary_refresh_index(struct tmg_memory *memory, struct tmg_error *err);

/* Load the concept stored as row `row` into `concept`.  1, 0 if absent. */
int glossary_get_concept(struct tmg_memory *memory, int64_t row,
			 struct tmg_concept *concept, struct tmg_error *err);

typedef int (*glossary_concept_fn)(void *data,
				   const struct tmg_concept *concept,
				   struct tmg_error *err);
/* Every concept (of `origin` when not NULL), in insertion order. */
int glossary_foreach_concept(struct tmg_memory *memory, const char *origin,
			     glossary_concept_fn fn, void *data,
			     struct tmg_error *err);

/*
 * Remove the concepts that have a term equal to `text` (same matching key:
 * case and accents ignored) in a language answering `lang` (any language
 * when NULL).  The number removed goes into *removed.
 */
int glossary_remove_term(struct tmg_memory *memory, const char *text,
			 const char *lang, long *removed,
			 struct tmg_error *err);
/* Remove one concept by row id; *removed is 0 or 1. */
int glossary_remove_concept(struct tmg_memory *memory, int64_t row,
			    long *removed, struct tmg_error *err);

/* How many concepts glossary_remove_term() would remove, into *count. */
int glossary_count_term(struct tmg_memory *memory, const char *text,
			const char *lang, long *count, struct tmg_error *err);
/* Remove the concepts imported from `origin` (a stored name, see
 * origins_resolve()), or with `dry_run` only count them, into *removed. */
int glossary_remove_origin(struct tmg_memory *memory, const char *origin,
			   int dry_run, long *removed, struct tmg_error *err);
/* Add to concept `row` the terms of `terms` (their status, part of speech
 * and fields) it does not hold already (the same text in a language
 * answering theirs); *added says how many.  No such concept: an error. */
int glossary_add_terms(struct tmg_memory *memory, int64_t row,
		       const struct tmg_concept *terms, long *added,
		       struct tmg_error *err);

/* What glossary_edit_concept() changes; NULL or -1 for what stays. */
struct glossary_edit {
	const char *term;       /* the term to change: its text, compared
				   without case and accents */
	const char *lang;       /* its language, when that is needed; and
				   the language section of note and
				   definition (NULL: the concept's) */
	const char *to;         /* its new text */
	int status;             /* its new enum term_status */
	const char *note;       /* the note ("" removes it) */
	const char *definition; /* the definition (likewise) */
};
/* Change concept `row` as `edit` says, in one transaction (the term's
 * recognition keys follow its text).  No such concept, no such term, or a
 * text that names several terms: an error, nothing changed. */
int glossary_edit_concept(struct tmg_memory *memory, int64_t row,
			  const struct glossary_edit *edit,
			  struct tmg_error *err);

struct glossary_stats {
	long concepts, terms;
	struct memory_count *languages; /* terms per language */
	size_t nlanguages;
};
int glossary_get_stats(struct tmg_memory *memory, struct glossary_stats *stats,
		       struct tmg_error *err);
void glossary_stats_free(struct glossary_stats *stats);

/* The languages of the stored terms, most terms first (to free with
 * free() each and the array). */
int glossary_languages(struct tmg_memory *memory, char ***langs,
		       size_t *count, struct tmg_error *err);

/* A term of the glossary as `tmgloss gloss list` shows it, with the terms
 * of its concept in the other languages, preferred first. */
struct glossary_row {
	int64_t concept;                  /* the concept's row id */
	char *term;
	enum term_status status;
	struct tmg_concept translations;  /* only terms[] is filled */
};

struct glossary_rows {
	struct glossary_row *items;
	size_t count;
};

/* The terms in a language answering `lang` (of the concepts imported from
 * `origin`, or of all when NULL), sorted by the ICU collation of the
 * locale `sort` (NULL: `lang`), then by concept.  The caller clears `rows`
 * with glossary_rows_clear() after success; on failure they are empty. */
int glossary_list(struct tmg_memory *memory, const char *lang,
		  const char *sort, const char *origin,
		  struct glossary_rows *rows, struct tmg_error *err);
void glossary_rows_clear(struct glossary_rows *rows);
/* The language of the first term stored (by concept, then position), or
 * "" when the glossary is empty. */
int glossary_first_language(struct tmg_memory *memory,
			    char lang[TMG_LANG_MAX], struct tmg_error *err);

/* ------------------------------------------------- origins (origins.c) */

/* One imported file (or --origin-name label) as the memory knows it. */
struct origin {
	char *name;      /* as stored: a path, a label, or (older memories)
			  * a base name */
	char *imported;  /* last import, TMX date (20261206T094417Z) */
	int has_units;   /* imported as a TMX file (units may be 0) */
	long units, concepts;
	char *languages; /* space-separated, sorted; NULL when none */
};

struct origin_list {
	struct origin *items; /* sorted by name */
	size_t count;
};

/* Every origin of units or glossary concepts.  Free with
 * origins_list_free() after success; on failure `list` is empty. */
int origins_list(struct tmg_memory *memory, struct origin_list *list,
		 struct tmg_error *err);
void origins_list_free(struct origin_list *list);

/* Which origins origins_resolve() looks among. */
enum origin_kind { ORIGIN_ANY, ORIGIN_UNITS, ORIGIN_CONCEPTS };

/*
 * The stored origin name the user means by `given`, into *name (the
 * caller frees it): `given` itself when stored, else the one stored name
 * ending in "/" and `given` (a base name or the end of a path), else
 * `given` unchanged (the caller says it was never imported).  When several
 * names end so, -1 with `err` listing them.
 */
int origins_resolve(struct tmg_memory *memory, const char *given,
		    enum origin_kind kind, char **name,
		    struct tmg_error *err);

/* ------------------------------------------------- removal (remove.c) */

/* Which units to remove: every criterion given must hold (AND); at least
 * one must be given. */
struct remove_filter {
	const char *origin;    /* origin name as stored, or NULL */
	const int64_t *ids;    /* unit ids (nids of them), or NULL */
	size_t nids;
	const char *before;    /* YYYYMMDDThhmmssZ: change date, else
				* creation date, older; NULL: any */
	const char *src, *tgt; /* language requests, both or neither: the
				* units with a variant in each */
};

/* The units selected: ids ascending. */
struct remove_result {
	int64_t *ids;
	size_t count, alloc;
};

/* Select the units `filter` names and, unless dry_run, delete them with
 * their variants and the origins they leave empty, in one transaction;
 * the search indexes never return them again.  Clear `result` with
 * remove_result_clear() after success; on failure it is empty. */
int remove_units(struct tmg_memory *memory, const struct remove_filter *filter,
		 int dry_run, struct remove_result *result,
		 struct tmg_error *err);
void remove_result_clear(struct remove_result *result);
/* Within a transaction the caller holds (an import replacing units, an
 * edit): delete the units `ids` (n of them, ascending) as remove_units()
 * does, except that the origin `keep_origin` stays even when left empty
 * (0: none). */
int remove_unit_ids(struct tmg_memory *memory, const int64_t *ids, size_t n,
		    int64_t keep_origin, struct tmg_error *err);

/* ------------------------------------- a whole memory (verify.c) */

/*
 * On open: whether every table, SQL index and trigger of the schema is
 * there, and, with `tables`, that no search index was emptied under its
 * marks (cheap, but it reads a dozen pages: a single match leaves it to
 * when a query finds nothing, the one thing an emptied index changes for
 * it).  What tmgloss derives is put back when the memory can be written
 * (a search index emptied and marked to be rebuilt by the next search);
 * *repaired says how many objects.  A missing data table, or damage to
 * the search indexes of a read-only memory, is -1 with `err` saying what
 * to do; a read-only memory that only lacks an SQL index or trigger is 1,
 * with `err` a warning (it is searched, more slowly).
 */
int verify_schema(struct tmg_memory *memory, int tables, int *repaired,
		  struct tmg_error *err);
/* tmgloss index --rebuild: every search index and the term index dropped
 * and created again empty, every SQL index rebuilt (REINDEX), every unit
 * marked pending; then memory_update_indexes() and
 * glossary_refresh_index() build them. */
int verify_rebuild_indexes(struct tmg_memory *memory, struct tmg_error *err);

/* What verify_memory() found: one translated line per problem. */
struct verify_problems {
	char **lines;
	size_t count, alloc;
};

/* tmgloss stats --verify: SQLite's integrity check (*damaged counts its
 * findings: the file itself), missing schema objects, and the search
 * indexes' invariants.  Returns the number of problems (0: whole), or -1
 * with `err`; clear `p` with verify_problems_clear(). */
int verify_memory(struct tmg_memory *memory, struct verify_problems *p,
		  int *damaged, struct tmg_error *err);
void verify_problems_clear(struct verify_problems *p);
/* One more problem, a translated line. */
void verify_problems_add(struct verify_problems *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The same checks on the memory at `path` when memory_open() or
 * verify_schema() refuses it (a table of data lost, a schema SQLite cannot
 * read): the file is opened read-only as it is and never changed; what
 * cannot be checked is a problem of its own.  -1 with `err` only when the
 * file cannot be opened at all. */
int verify_file(const char *path, struct verify_problems *p, int *damaged,
		struct tmg_error *err);

#endif /* TMGLOSS_STORE_STORE_H */
