/*
 * memory.c -- the translation memory: units in and out of the SQLite file.
 *
 * Invariants kept here:
 *   - every import is one transaction: memory_import_rollback() leaves the
 *     file exactly as it was before memory_import_begin();
 *   - two stored units never have the same content (languages, texts and
 *     markup of all variants) unless the import asked to keep duplicates;
 *     importing a unit whose content is stored merges it: the newer change
 *     date wins, so importing the same file twice adds nothing;
 *   - exactly one variant of each unit has is_source = 1: the one in the
 *     unit's srclang, else the first;
 *   - a re-imported file corrects itself: a unit the origin held before
 *     this import whose source (language, text and markup) a unit of the
 *     file has, and which the file does not hold itself, is replaced (see
 *     "Replacement" below).
 * An import into an empty memory (the bulk load of a large file) keeps a
 * fixed-size bitmap of the content hashes it added: a unit whose bit is not
 * set cannot be a duplicate, and the lookup by hash is skipped.
 * Every SQL statement binds its parameters; none is built from data.
 * A memory's connection is used by one thread at a time (it is opened
 * without SQLite's per-connection mutex).
 */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "store/db.h"
#include "store/store.h"
#include "text/text.h"

enum statement {
	ST_FIND_ORIGIN,
	ST_ADD_ORIGIN,
	ST_UPDATE_ORIGIN,
	ST_UNITS_BY_HASH,
	ST_VARIANTS_OF_UNIT,
	ST_ADD_UNIT,
	ST_ADD_VARIANT,
	ST_UNIT_CHANGE_DATE,
	ST_UPDATE_UNIT,
	ST_UPDATE_VARIANT_META,
	ST_ANY_UNIT,
	ST_COUNT
};

static const char *const statement_sql[ST_COUNT] = {
	[ST_FIND_ORIGIN] = "SELECT id FROM origins WHERE name = ?1",
	[ST_ADD_ORIGIN] =
		"INSERT INTO origins (name, imported, header_attrs, header_notes)"
		" VALUES (?1, ?2, ?3, ?4)",
	[ST_UPDATE_ORIGIN] =
		"UPDATE origins SET imported = ?2, header_attrs = ?3,"
		" header_notes = ?4 WHERE id = ?1",
	[ST_UNITS_BY_HASH] = "SELECT id FROM units WHERE content_hash = ?1",
	[ST_VARIANTS_OF_UNIT] =
		"SELECT id, lang, is_source, text, markup, attrs, notes"
		" FROM variants WHERE unit_id = ?1 ORDER BY id",
	[ST_ADD_UNIT] =
		"INSERT INTO units (content_hash, origin_id, tuid, srclang,"
		" creation_date, creation_id, change_date, change_id,"
		" usage_count, last_usage_date, attrs, notes)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[ST_ADD_VARIANT] =
		"INSERT INTO variants (unit_id, lang, is_source, text, markup,"
		" attrs, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_UNIT_CHANGE_DATE] = "SELECT change_date FROM units WHERE id = ?1",
	[ST_UPDATE_UNIT] =
		"UPDATE units SET origin_id = ?2, tuid = ?3, srclang = ?4,"
		" creation_date = ?5, creation_id = ?6, change_date = ?7,"
		" change_id = ?8, usage_count = ?9, last_usage_date = ?10,"
		" attrs = ?11, notes = ?12 WHERE id = ?1",
	[ST_UPDATE_VARIANT_META] =
		"UPDATE variants SET attrs = ?2, notes = ?3, is_source = ?4"
		" WHERE id = ?1",
	[ST_ANY_UNIT] = "SELECT 1 FROM units LIMIT 1",
};

/* The bitmap of hashes added by an import into an empty memory: 2 MiB. */
#define ADDED_HASH_BITS (1u << 24)

/* An import's new units are inserted BATCH_UNITS at a time, their variants
 * BATCH_VARIANTS at a time, each batch with one statement (see batch_add()):
 * each statement run costs as much as a few rows (64 rather than 16 took
 * 2.2 % off the storing thread's instructions on the real memory). */
#define BATCH_UNITS 64
#define BATCH_VARIANTS 128
/* ... and fewer when their texts pass 4 MiB: a batch of long segments
 * does not hold 64 of them in memory (64 of 2 MB took 128 MB). */
#define BATCH_BYTES (4u << 20)

/* A string of a batch, in its pool: NULL when off is BATCH_NULL. */
#define BATCH_NULL SIZE_MAX
struct batch_string {
	size_t off, len;
};

enum { BU_TUID, BU_SRCLANG, BU_CREATION_DATE, BU_CREATION_ID,
       BU_CHANGE_DATE, BU_CHANGE_ID, BU_LAST_USAGE_DATE, BU_ATTRS, BU_NOTES,
       BU_COUNT };
enum { BV_LANG, BV_TEXT, BV_MARKUP, BV_ATTRS, BV_NOTES, BV_COUNT };

struct batch_unit {
	sqlite3_int64 id, hash;
	long usage_count;
	struct batch_string s[BU_COUNT];
};

struct batch_variant {
	sqlite3_int64 unit_id;
	int is_source;
	struct batch_string s[BV_COUNT];
};

/* The new units an import has not inserted yet, copied. */
struct batch {
	struct batch_unit units[BATCH_UNITS];
	struct batch_variant variants[BATCH_VARIANTS];
	size_t nunits, nvariants;
	struct strbuf pool;     /* their strings */
	sqlite3_int64 next_id;  /* the id of the next new unit; 0: no batches */
	/* the statements of k rows, prepared when first needed: [k - 1] */
	sqlite3_stmt *add_units[BATCH_UNITS];
	sqlite3_stmt *add_variants[BATCH_VARIANTS];
};

/* Page cache sizes (negative: KiB): usual, and during an import. */
#define CACHE_SIZE "-16384"
#define IMPORT_CACHE_SIZE "-32768"

/* How much of a memory opened read-only, or only searched from now on
 * (memory_map_reads()), is mapped rather than read (bytes; SQLite caps it
 * at 2 GiB): a page read into the cache costs four page faults of the new
 * buffer and a copy, a mapped page one fault at most, which the kernel
 * shares with its neighbours.  A short search (one `tmgloss match TEXT`)
 * takes 80 faults fewer on the real memory, 950 on the 1 M one, with its
 * heap in small pages; with the heap on huge pages the copies cost no
 * fault, and it copies (memory_copy_reads_only()).  Not for a writer: the
 * pages an import or an index pass reads would count in its resident
 * memory, which must stay flat in the file's size (BENCHMARKS.md). */
#define READ_ONLY_MMAP_SIZE "1073741824"

/* memory_copy_reads_only(): set once, before any memory is opened */
static int copy_reads_only;

struct tmg_memory {
	sqlite3 *db;
	char *path;
	int read_only;
	int mapped;           /* PRAGMA mmap_size set (memory_map_reads) */
	sqlite3_stmt *st[ST_COUNT];
	/* the import in progress */
	int importing;
	int rollback_journal; /* this import switched the file out of WAL */
	int keep_duplicates;
	sqlite3_int64 origin_id;
	uint64_t *added_hashes; /* NULL, or a bitmap of ADDED_HASH_BITS bits */
	struct strbuf scratch, scratch2;
	struct batch batch;
	/* the import's first new unit: the indexes take in the units from
	 * there on (index-update.c); 0 while the import has added none */
	sqlite3_int64 first_new_unit;
	/* replacement: the origin held units before this import; the
	 * statements on temp.replace_old; the units replaced at commit */
	int replacing;
	sqlite3_stmt *old_touch, *old_seen, *old_newer;
	long replaced;
	/* waiting for another writer (busy_wait()): how long this wait may
	 * last, when it began, whom to tell and whether told */
	long long wait_limit_ms;
	struct timespec wait_start;
	void (*on_wait)(void *data);
	void *on_wait_data;
	int wait_said;
	/* called before an import's COMMIT (memory_on_import_commit()) */
	memory_commit_fn on_commit;
	void *on_commit_data;
};

int
memory_db_error(struct tmg_memory *m, struct tmg_error *err)
{
	tmg_error_set(err, m->path, 0, 0, "%s", store_errmsg(m->db));
	return -1;
}

/* The prepared statement `which`, reset, its parameters as they were
 * bound last (for a statement whose caller binds every one). */
static sqlite3_stmt *
statement_rebind(struct tmg_memory *m, enum statement which,
		 struct tmg_error *err)
{
	sqlite3_stmt *st = m->st[which];

	if (st == NULL) {
		if (sqlite3_prepare_v3(m->db, statement_sql[which], -1,
				       SQLITE_PREPARE_PERSISTENT, &st,
				       NULL) != SQLITE_OK) {
			memory_db_error(m, err);
			return NULL;
		}
		m->st[which] = st;
	}
	sqlite3_reset(st);
	return st;
}

/* The prepared statement `which`, reset and ready to bind. */
static sqlite3_stmt *
statement(struct tmg_memory *m, enum statement which, struct tmg_error *err)
{
	sqlite3_stmt *st = statement_rebind(m, which, err);

	if (st)
		sqlite3_clear_bindings(st);
	return st;
}

/* Create the directories leading to path (mkdir -p of its dirname). */
static int
make_parent_directories(const char *path)
{
	char *copy = xstrdup(path), *p;

	for (p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) < 0 && errno != EEXIST) {
			free(copy);
			return -1;
		}
		*p = '/';
	}
	free(copy);
	return 0;
}

/* Whether the folder of `path` can be written (SQLite keeps a memory's
 * -wal and -shm files there). */
static int
folder_writable(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int ok;

	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	ok = access(slash ? dir : ".", W_OK) == 0;
	free(dir);
	return ok;
}

/* Whether the memory at `path` can be written: the file and its folder. */
static int
memory_writable(const char *path)
{
	return access(path, W_OK) == 0 && folder_writable(path);
}

/*
 * The name to open a read-only memory by.  SQLite keeps a WAL memory's
 * shared index in PATH-shm, which it cannot create in a folder that cannot
 * be written: when there is none (no connection is open, so the whole
 * memory is in the file), the file is opened as immutable, a URI
 * ("file:PATH?immutable=1", with %, ? and # escaped).  Else the path.
 */
static char *
read_only_name(const char *path, int *flags)
{
	struct strbuf sb = { 0 };
	struct stat st;

	strbuf_addstr(&sb, path);
	strbuf_addstr(&sb, "-shm");
	if (folder_writable(path) || stat(sb.buf, &st) == 0) {
		strbuf_release(&sb);
		return xstrdup(path);
	}
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "file:");
	for (const char *p = path; *p; p++) {
		char hex[4];

		if (*p == '%' || *p == '?' || *p == '#') {
			snprintf(hex, sizeof hex, "%%%02x", (unsigned char)*p);
			strbuf_addstr(&sb, hex);
		} else {
			strbuf_addch(&sb, *p);
		}
	}
	strbuf_addstr(&sb, "?immutable=1");
	*flags |= SQLITE_OPEN_URI;
	return strbuf_detach(&sb);
}

/*
 * SQLite's busy handler for a memory: sleep and try again until
 * wait_limit_ms has passed since the first try (MEMORY_BUSY_TIMEOUT_MS,
 * or MEMORY_WRITER_WAIT_MS in memory_begin_write()).  A writer that has
 * waited MEMORY_WAIT_NOTICE_MS calls the on_wait function once.
 */
static int
busy_wait(void *data, int count)
{
	struct tmg_memory *m = data;
	struct timespec now, pause = { 0, 0 };
	long long waited;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (count == 0) {
		m->wait_start = now;
		m->wait_said = 0;
	}
	waited = (now.tv_sec - m->wait_start.tv_sec) * 1000LL +
		 (now.tv_nsec - m->wait_start.tv_nsec) / 1000000;
	if (waited >= m->wait_limit_ms)
		return 0;
	if (!m->wait_said && m->on_wait &&
	    m->wait_limit_ms > MEMORY_BUSY_TIMEOUT_MS &&
	    waited >= MEMORY_WAIT_NOTICE_MS) {
		m->wait_said = 1;
		m->on_wait(m->on_wait_data);
	}
	/* short pauses first (a commit is quick), then 100 ms */
	pause.tv_nsec = (count < 10 ? count + 1 : 100) * 1000000L;
	nanosleep(&pause, NULL);
	return 1;
}

void
memory_on_wait(struct tmg_memory *m, void (*fn)(void *data), void *data)
{
	m->on_wait = fn;
	m->on_wait_data = data;
}

void
memory_on_import_commit(struct tmg_memory *m, memory_commit_fn fn, void *data)
{
	m->on_commit = fn;
	m->on_commit_data = data;
}

int
memory_begin_write(struct tmg_memory *m, struct tmg_error *err)
{
	int rc;

	/* set again: a caller may have set a timeout of its own */
	sqlite3_busy_handler(m->db, busy_wait, m);
	m->wait_limit_ms = MEMORY_WRITER_WAIT_MS;
	rc = store_exec(m->db, "BEGIN IMMEDIATE", err);
	m->wait_limit_ms = MEMORY_BUSY_TIMEOUT_MS;
	return rc;
}

/* WAL mode, kept in the file: a no-op but during the first import into
 * an empty memory (rollback_journal_if_alone()), which this waits for as
 * for any writer. */
static int
set_wal(struct tmg_memory *m, struct tmg_error *err)
{
	int rc;

	m->wait_limit_ms = MEMORY_WRITER_WAIT_MS;
	rc = store_exec(m->db, "PRAGMA journal_mode = WAL", err);
	m->wait_limit_ms = MEMORY_BUSY_TIMEOUT_MS;
	return rc;
}

/* A migration writes the memory: it waits for another writer as long as
 * memory_begin_write() does. */
static int
migrate(struct tmg_memory *m, struct tmg_error *err)
{
	int rc;

	m->wait_limit_ms = MEMORY_WRITER_WAIT_MS;
	rc = store_migrate(m->db, err);
	m->wait_limit_ms = MEMORY_BUSY_TIMEOUT_MS;
	return rc;
}

struct tmg_memory *
memory_open(const char *path, enum memory_mode mode, struct tmg_error *err)
{
	return memory_open_waiting(path, mode, NULL, NULL, err);
}

struct tmg_memory *
memory_open_waiting(const char *path, enum memory_mode mode,
		    void (*on_wait)(void *data), void *data,
		    struct tmg_error *err)
{
	struct tmg_memory *m = xcalloc(1, sizeof *m);
	int flags = SQLITE_OPEN_NOMUTEX, rc;
	struct stat st;
	char *name;

	m->path = xstrdup(path);
	/* the migration below may wait for another writer: said too */
	memory_on_wait(m, on_wait, data);
	if (mode == MEMORY_CREATE) {
		if (make_parent_directories(path) < 0) {
			tmg_error_set(err, path, 0, 0, "%s", strerror(errno));
			goto fail;
		}
		flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	} else {
		if (stat(path, &st) < 0) {
			if (errno == ENOENT)
				tmg_error_set(err, path, 0, 0, "%s",
					      _("there is no memory here; "
						"'tmgloss import FILE' "
						"creates one"));
			else
				tmg_error_set(err, path, 0, 0, "%s",
					      strerror(errno));
			goto fail;
		}
		m->read_only = mode == MEMORY_READ_ONLY ||
			       !memory_writable(path);
		flags |= m->read_only ? SQLITE_OPEN_READONLY
				      : SQLITE_OPEN_READWRITE;
	}
	/* No memory statistics: they take a global mutex on every SQLite
	 * allocation.  Refused (harmlessly) once SQLite is initialised. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/* No page cache allocated ahead (20 pages of 16 KiB, touched one
	 * by one when SQLite lays them out: 20 page faults in a process
	 * that may read 3 pages); each page is allocated when read. */
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
	/* A connection is used by one thread at a time: no mutex on it. */
	name = m->read_only ? read_only_name(path, &flags) : xstrdup(path);
	rc = sqlite3_open_v2(name, &m->db, flags, NULL);
	free(name);
	if (rc != SQLITE_OK) {
		tmg_error_set(err, path, 0, 0, "%s",
			      m->db ? store_errmsg(m->db) :
			      _("cannot open the memory"));
		goto fail;
	}
	m->wait_limit_ms = MEMORY_BUSY_TIMEOUT_MS;
	sqlite3_busy_handler(m->db, busy_wait, m);
	sqlite3_extended_result_codes(m->db, 1);
	/* 16 KiB pages for a new memory (a quarter of the system calls of
	 * an import with 4 KiB); an existing file keeps its own.  A
	 * read-only memory is taken as it is. */
	if ((!m->read_only &&
	     (store_exec(m->db, "PRAGMA page_size = 16384", err) < 0 ||
	      set_wal(m, err) < 0)) ||
	    store_exec(m->db, "PRAGMA synchronous = NORMAL", err) < 0 ||
	    store_exec(m->db, "PRAGMA foreign_keys = ON", err) < 0 ||
	    store_exec(m->db, "PRAGMA cache_size = " CACHE_SIZE, err) < 0)
		goto fail; /* "file is not a database" with the file name */
	/* a search maps the schema's pages too (a third of a small
	 * search's page faults were the copies of pages read) */
	if (!copy_reads_only && (m->read_only || mode == MEMORY_SEARCH)) {
		if (store_exec(m->db, "PRAGMA mmap_size = "
			       READ_ONLY_MMAP_SIZE, err) < 0)
			goto fail;
		m->mapped = 1;
	}
	if (migrate(m, err) < 0)
		goto fail;
	/* Units an index has not taken in: the first search reads them all
	 * (their languages, then the index pass), with copies, so that its
	 * resident memory does not grow with the file (mapped, it took in
	 * the whole file); cli_ready_to_search() maps it once they are in. */
	if (mode == MEMORY_SEARCH && !m->read_only) {
		struct store_pending p;

		if (store_pending_read(m->db, &p, err) < 0)
			goto fail;
		if (p.fuzzy || p.suggest)
			memory_unmap_reads(m);
	}
	return m;
fail:
	memory_close(m);
	return NULL;
}

int
memory_read_only(const struct tmg_memory *m)
{
	return m->read_only;
}

void
memory_map_reads(struct tmg_memory *m)
{
	/* a failure only costs the copies it would have saved */
	if (!m->mapped && !copy_reads_only)
		m->mapped = sqlite3_exec(m->db, "PRAGMA mmap_size = "
					 READ_ONLY_MMAP_SIZE, NULL, NULL,
					 NULL) == SQLITE_OK;
}

void
memory_copy_reads_only(void)
{
	copy_reads_only = 1;
}

int
memory_unmap_reads(struct tmg_memory *m)
{
	if (!m->mapped)
		return 0;
	m->mapped = 0;
	sqlite3_exec(m->db, "PRAGMA mmap_size = 0", NULL, NULL, NULL);
	return 1;
}

void
memory_close(struct tmg_memory *m)
{
	if (m == NULL)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(m->st[i]);
	for (int i = 0; i < BATCH_UNITS; i++)
		sqlite3_finalize(m->batch.add_units[i]);
	for (int i = 0; i < BATCH_VARIANTS; i++)
		sqlite3_finalize(m->batch.add_variants[i]);
	if (m->db)
		sqlite3_close(m->db);
	strbuf_release(&m->scratch);
	strbuf_release(&m->scratch2);
	strbuf_release(&m->batch.pool);
	free(m->path);
	free(m);
}

struct sqlite3 *
memory_db(struct tmg_memory *m)
{
	return m->db;
}

const char *
memory_path(const struct tmg_memory *m)
{
	return m->path;
}

/* ------------------------------------------------- serialised metadata */

#define FIELD_SEP '\x1f'
#define RECORD_SEP '\x1e'

/* An optional field: "" when absent, "=value" when present. */
static void
put_optional(struct strbuf *sb, const char *s)
{
	if (s) {
		strbuf_addch(sb, '=');
		strbuf_addstr(sb, s);
	}
}

/* attrs: name US value RS ...  NULL when empty. */
static const char *
serialize_attrs(struct strbuf *sb, const struct tmg_attrs *attrs)
{
	strbuf_reset(sb);
	if (attrs->count == 0)
		return NULL;
	for (size_t i = 0; i < attrs->count; i++) {
		strbuf_addstr(sb, attrs->items[i].name);
		strbuf_addch(sb, FIELD_SEP);
		strbuf_addstr(sb, attrs->items[i].value);
		strbuf_addch(sb, RECORD_SEP);
	}
	return sb->buf;
}

/* notes: kind US type US lang US encoding US value RS ...; kind is "p" or
 * "n"; type, lang and encoding are optional fields. */
static const char *
serialize_notes(struct strbuf *sb, const struct tmg_annotations *list)
{
	strbuf_reset(sb);
	if (list->count == 0)
		return NULL;
	for (size_t i = 0; i < list->count; i++) {
		const struct tmg_annotation *a = &list->items[i];
		strbuf_addch(sb, a->is_note ? 'n' : 'p');
		strbuf_addch(sb, FIELD_SEP);
		put_optional(sb, a->type);
		strbuf_addch(sb, FIELD_SEP);
		put_optional(sb, a->lang);
		strbuf_addch(sb, FIELD_SEP);
		put_optional(sb, a->encoding);
		strbuf_addch(sb, FIELD_SEP);
		strbuf_addstr(sb, a->value);
		strbuf_addch(sb, RECORD_SEP);
	}
	return sb->buf;
}

/* Split the next field off *p, up to `sep`; returns a new string. */
static char *
next_field(const char **p, char sep)
{
	const char *end = strchr(*p, sep);
	char *s;

	if (end == NULL)
		end = *p + strlen(*p);
	s = xstrndup(*p, (size_t)(end - *p));
	*p = *end ? end + 1 : end;
	return s;
}

static char *
optional_field(const char **p)
{
	char *s = next_field(p, FIELD_SEP);
	char *v;

	if (*s == '\0') {
		free(s);
		return NULL;
	}
	v = xstrdup(s + 1);
	free(s);
	return v;
}

static void
parse_attrs(const char *p, struct tmg_attrs *attrs)
{
	while (p && *p) {
		char *name = next_field(&p, FIELD_SEP);
		char *value = next_field(&p, RECORD_SEP);
		attrs_add(attrs, name, value);
		free(name);
		free(value);
	}
}

static void
parse_notes(const char *p, struct tmg_annotations *list)
{
	while (p && *p) {
		char *kind = next_field(&p, FIELD_SEP);
		struct tmg_annotation *a = annotations_add(list, kind[0] == 'n');
		a->type = optional_field(&p);
		a->lang = optional_field(&p);
		a->encoding = optional_field(&p);
		a->value = next_field(&p, RECORD_SEP);
		free(kind);
	}
}

/* ------------------------------------------------------------ import */

/*
 * The connection's usual settings, after an import changed them: its page
 * cache size, and foreign keys checked.  An import turns the checks off:
 * it only ever inserts the variants of the unit it has just inserted, and
 * the check costs a lookup per variant and a counter test per statement.
 */
static void
restore_settings(struct tmg_memory *m)
{
	sqlite3_exec(m->db, "PRAGMA cache_size = " CACHE_SIZE, NULL, NULL,
		     NULL);
	sqlite3_exec(m->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	/* back to WAL (memory_open() sets it again if this cannot) */
	memory_bulk_journal_end(m);
}

/*
 * The first import into an empty memory writes its pages once: with a
 * rollback journal, which has nothing to keep of pages that did not
 * exist, rather than into the WAL and again into the file at the
 * checkpoint after the COMMIT (892,696 units: 3.3-3.5 s against
 * 3.9-4.0 s, BENCHMARKS.md); so does an index pass that builds an index
 * from nothing (memory_bulk_journal_begin()).  Only if no other
 * connection has the file open (SQLite refuses the change otherwise, at
 * once: no waiting here); a program that opens the memory meanwhile
 * waits for the import as for any writer.
 */
static void
rollback_journal_if_alone(struct tmg_memory *m)
{
	sqlite3_stmt *st = NULL;

	if (m->read_only)
		return;
	sqlite3_busy_handler(m->db, NULL, NULL);
	if (sqlite3_prepare_v2(m->db, "PRAGMA journal_mode = DELETE", -1, &st,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_stricmp((const char *)sqlite3_column_text(st, 0),
			    "delete") == 0)
		m->rollback_journal = 1;
	sqlite3_finalize(st);
	sqlite3_busy_handler(m->db, busy_wait, m);
}

int
memory_bulk_journal_begin(struct tmg_memory *m)
{
	if (!m->rollback_journal)
		rollback_journal_if_alone(m);
	return m->rollback_journal;
}

void
memory_bulk_journal_end(struct tmg_memory *m)
{
	if (m->rollback_journal)
		sqlite3_exec(m->db, "PRAGMA journal_mode = WAL", NULL, NULL,
			     NULL);
	m->rollback_journal = 0;
}

/* Does the memory hold no unit?  1 or 0, -1 on error. */
int
memory_is_empty(struct tmg_memory *m, struct tmg_error *err)
{
	sqlite3_stmt *st = statement(m, ST_ANY_UNIT, err);
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return memory_db_error(m, err);
	return rc == SQLITE_DONE;
}

/* The bit of `hash` in the added_hashes bitmap: its word and mask. */
static uint64_t *
added_hash_word(struct tmg_memory *m, sqlite3_int64 hash, uint64_t *mask)
{
	uint64_t bit = ((uint64_t)hash * 0x9e3779b97f4a7c15ULL) >> 40;

	*mask = 1ULL << (bit % 64);
	return &m->added_hashes[bit / 64];
}

static int begin_replacement(struct tmg_memory *m, struct tmg_error *err);
static int batch_begin(struct tmg_memory *m, struct tmg_error *err);
static int batch_flush(struct tmg_memory *m, struct tmg_error *err);

int
memory_import_begin(struct tmg_memory *m, const struct memory_import *import,
		    struct tmg_error *err)
{
	struct tmg_error ignored = { 0 };
	sqlite3_stmt *st;
	char now[17];
	int rc;

	unit_date_now(now);
	if (memory_is_empty(m, &ignored) == 1)
		rollback_journal_if_alone(m);
	/* A larger page cache while importing (fewer pages evicted and read
	 * again), and no foreign key checks (see restore_settings()). */
	if (store_exec(m->db, "PRAGMA cache_size = " IMPORT_CACHE_SIZE,
		       err) < 0 ||
	    store_exec(m->db, "PRAGMA foreign_keys = OFF", err) < 0 ||
	    memory_begin_write(m, err) < 0) {
		restore_settings(m);
		return -1;
	}
	m->importing = 1;
	m->keep_duplicates = import->keep_duplicates;
	m->first_new_unit = 0;
	m->replaced = 0;
	if (!m->keep_duplicates) {
		int empty = memory_is_empty(m, err);
		if (empty < 0)
			goto fail;
		if (empty)
			m->added_hashes = xcalloc(ADDED_HASH_BITS / 64,
						  sizeof *m->added_hashes);
	}

	if ((st = statement(m, ST_FIND_ORIGIN, err)) == NULL)
		goto fail;
	store_bind_text(st, 1, import->origin);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		m->origin_id = sqlite3_column_int64(st, 0);
		if ((st = statement(m, ST_UPDATE_ORIGIN, err)) == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, m->origin_id);
	} else if (rc == SQLITE_DONE) {
		if ((st = statement(m, ST_ADD_ORIGIN, err)) == NULL)
			goto fail;
		store_bind_text(st, 1, import->origin);
	} else {
		memory_db_error(m, err);
		goto fail;
	}
	store_bind_text(st, 2, now);
	store_bind_text(st, 3, import->header ?
		  serialize_attrs(&m->scratch, &import->header->attrs) : NULL);
	store_bind_text(st, 4, import->header ?
		  serialize_notes(&m->scratch2, &import->header->notes) : NULL);
	if (sqlite3_step(st) != SQLITE_DONE) {
		memory_db_error(m, err);
		goto fail;
	}
	if (rc == SQLITE_DONE)
		m->origin_id = sqlite3_last_insert_rowid(m->db);
	else if (!m->keep_duplicates && begin_replacement(m, err) < 0)
		goto fail;
	if (batch_begin(m, err) < 0)
		goto fail;
	return 0;
fail:
	memory_import_rollback(m);
	return -1;
}

/* After an import: the bitmap freed, the usual settings again, and every
 * cached statement reset -- one left on a row would keep a read
 * transaction open after the COMMIT, and a connection that lives on (tmgloss
 * serve's writer) would go on seeing the memory as it was then. */
static void
memory_import_end(struct tmg_memory *m)
{
	for (int i = 0; i < ST_COUNT; i++)
		if (m->st[i])
			sqlite3_reset(m->st[i]);
	for (int i = 0; i < BATCH_UNITS; i++)
		sqlite3_reset(m->batch.add_units[i]);
	for (int i = 0; i < BATCH_VARIANTS; i++)
		sqlite3_reset(m->batch.add_variants[i]);
	m->batch.nunits = m->batch.nvariants = 0;
	m->batch.next_id = 0;
	strbuf_reset(&m->batch.pool);
	m->importing = 0;
	free(m->added_hashes);
	m->added_hashes = NULL;
	sqlite3_finalize(m->old_touch);
	sqlite3_finalize(m->old_seen);
	sqlite3_finalize(m->old_newer);
	m->old_touch = m->old_seen = m->old_newer = NULL;
	if (m->replacing)
		sqlite3_exec(m->db, "DROP TABLE IF EXISTS temp.replace_old",
			     NULL, NULL, NULL);
	m->replacing = 0;
	restore_settings(m);
}

static int replace_old_units(struct tmg_memory *m, struct tmg_error *err);

int
memory_import_commit(struct tmg_memory *m, struct tmg_error *err)
{
	/* the replaced units go first: remove_unit_ids() asks the pending
	 * marks whether the translation index had taken them in */
	if (batch_flush(m, err) < 0 ||
	    (m->replacing && replace_old_units(m, err) < 0) ||
	    (m->first_new_unit &&
	     store_pending_mark(m->db, m->first_new_unit, err) < 0) ||
	    (m->on_commit && m->on_commit(m, m->on_commit_data, err) < 0) ||
	    store_exec(m->db, "COMMIT", err) < 0) {
		memory_import_rollback(m);
		return -1;
	}
	memory_import_end(m);
	return 0;
}

void
memory_import_rollback(struct tmg_memory *m)
{
	if (!m->importing)
		return;
	sqlite3_exec(m->db, "ROLLBACK", NULL, NULL, NULL);
	memory_import_end(m);
}

/* Read the variants of stored unit `id` into `unit` (appending). */
static int
load_variants(struct tmg_memory *m, sqlite3_int64 id, struct tmg_unit *unit,
	      sqlite3_int64 *variant_ids, size_t max_ids, struct tmg_error *err)
{
	sqlite3_stmt *st = statement(m, ST_VARIANTS_OF_UNIT, err);
	size_t n = 0;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct tmg_variant *v = unit_add_variant(unit);
		const char *markup = (const char *)sqlite3_column_text(st, 4);

		if (variant_ids && n < max_ids)
			variant_ids[n] = sqlite3_column_int64(st, 0);
		n++;
		snprintf(v->lang, sizeof v->lang, "%s",
			 (const char *)sqlite3_column_text(st, 1));
		if (sqlite3_column_int(st, 2) && unit->srclang[0] == '\0')
			snprintf(unit->srclang, sizeof unit->srclang, "%s",
				 v->lang);
		v->text = xstrdup((const char *)sqlite3_column_text(st, 3));
		v->markup = markup ? xstrdup(markup) : NULL;
		parse_attrs((const char *)sqlite3_column_text(st, 5), &v->attrs);
		parse_notes((const char *)sqlite3_column_text(st, 6), &v->notes);
	}
	if (rc != SQLITE_DONE)
		return memory_db_error(m, err);
	return 0;
}

/*
 * The stored unit with the same content as `unit`, or 0.  Hash collisions
 * are settled by comparing the variants themselves.
 */
static int
find_same_content(struct tmg_memory *m, const struct tmg_unit *unit,
		  sqlite3_int64 hash, sqlite3_int64 *found,
		  struct tmg_error *err)
{
	sqlite3_stmt *st = statement(m, ST_UNITS_BY_HASH, err);
	sqlite3_int64 ids[16];
	size_t nids = 0;
	const struct tmg_variant *buf[UNIT_SORTED_ON_STACK];
	const struct tmg_variant **sorted;
	int rc, ret = 0;

	*found = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, hash);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && nids < 16)
		ids[nids++] = sqlite3_column_int64(st, 0);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return memory_db_error(m, err);
	sqlite3_reset(st);
	if (nids == 0)
		return 0;

	/* the unit's variants sorted only now: most units have no stored
	 * unit with their hash */
	sorted = unit_sorted_variants(unit, buf);
	for (size_t k = 0; k < nids && *found == 0; k++) {
		struct tmg_unit stored;
		const struct tmg_variant **stored_sorted;
		const struct tmg_variant *stored_buf[UNIT_SORTED_ON_STACK];
		int same;

		unit_init(&stored);
		stored.srclang[0] = 'x'; /* is_source is not needed here */
		if (load_variants(m, ids[k], &stored, NULL, 0, err) < 0) {
			unit_clear(&stored);
			ret = -1;
			break;
		}
		same = stored.nvariants == unit->nvariants;
		stored_sorted = unit_sorted_variants(&stored, stored_buf);
		for (size_t i = 0; same && i < unit->nvariants; i++)
			same = unit_compare_variants(sorted[i],
						       stored_sorted[i]) == 0;
		unit_sorted_free(stored_sorted, stored_buf);
		unit_clear(&stored);
		if (same)
			*found = ids[k];
	}
	unit_sorted_free(sorted, buf);
	return ret;
}

static void
bind_unit_fields(struct tmg_memory *m, sqlite3_stmt *st,
		 const struct tmg_unit *unit)
{
	store_bind_text(st, 3, unit->tuid);
	store_bind_text(st, 4, unit->srclang);
	store_bind_text(st, 5, unit->creation_date);
	store_bind_text(st, 6, unit->creation_id);
	store_bind_text(st, 7, unit->change_date);
	store_bind_text(st, 8, unit->change_id);
	if (unit->usage_count >= 0)
		sqlite3_bind_int64(st, 9, unit->usage_count);
	else
		sqlite3_bind_null(st, 9);
	store_bind_text(st, 10, unit->last_usage_date);
	store_bind_text(st, 11, serialize_attrs(&m->scratch, &unit->attrs));
	store_bind_text(st, 12, serialize_notes(&m->scratch2, &unit->notes));
}

/* Is `date` (YYYYMMDDThhmmssZ or NULL) newer than the stored unit's? */
static int
is_newer(struct tmg_memory *m, sqlite3_int64 id, const char *date,
	 int *newer, struct tmg_error *err)
{
	sqlite3_stmt *st = statement(m, ST_UNIT_CHANGE_DATE, err);
	const char *stored;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		return memory_db_error(m, err);
	stored = (const char *)sqlite3_column_text(st, 0);
	*newer = date && (stored == NULL || strcmp(date, stored) > 0);
	sqlite3_reset(st);
	return 0;
}

static int
merge_unit(struct tmg_memory *m, sqlite3_int64 id, const struct tmg_unit *unit,
	   const struct tmg_variant *source, enum memory_add_result *result,
	   struct tmg_error *err)
{
	sqlite3_stmt *st;
	struct tmg_unit stored;
	sqlite3_int64 vids[64];
	int newer;

	if (is_newer(m, id, unit->change_date, &newer, err) < 0)
		return -1;
	if (!newer) {
		*result = MEMORY_UNCHANGED;
		return 0;
	}
	if ((st = statement(m, ST_UPDATE_UNIT, err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, m->origin_id);
	bind_unit_fields(m, st, unit);
	if (sqlite3_step(st) != SQLITE_DONE)
		return memory_db_error(m, err);

	/* the variants' own metadata follow the newer unit */
	unit_init(&stored);
	stored.srclang[0] = 'x';
	if (load_variants(m, id, &stored, vids, 64, err) < 0) {
		unit_clear(&stored);
		return -1;
	}
	for (size_t i = 0; i < stored.nvariants && i < 64; i++) {
		for (size_t j = 0; j < unit->nvariants; j++) {
			const struct tmg_variant *v = &unit->variants[j];
			if (unit_compare_variants(v, &stored.variants[i]))
				continue;
			if ((st = statement(m, ST_UPDATE_VARIANT_META, err)) ==
			    NULL) {
				unit_clear(&stored);
				return -1;
			}
			sqlite3_bind_int64(st, 1, vids[i]);
			store_bind_text(st, 2, serialize_attrs(&m->scratch,
							       &v->attrs));
			store_bind_text(st, 3, serialize_notes(&m->scratch2,
							       &v->notes));
			sqlite3_bind_int(st, 4, v == source);
			if (sqlite3_step(st) != SQLITE_DONE) {
				unit_clear(&stored);
				return memory_db_error(m, err);
			}
			break;
		}
	}
	unit_clear(&stored);
	*result = MEMORY_MERGED;
	return 0;
}

/* Bind variant `v` to the six parameters of `st` from `first` on: lang,
 * is_source, text, markup, attrs, notes. */
static void
bind_variant(struct tmg_memory *m, sqlite3_stmt *st, int first,
	     const struct tmg_variant *v, const struct tmg_variant *source)
{
	store_bind_text(st, first, v->lang);
	sqlite3_bind_int(st, first + 1, v == source);
	store_bind_text(st, first + 2, v->text);
	store_bind_text(st, first + 3, v->markup);
	store_bind_text(st, first + 4, serialize_attrs(&m->scratch, &v->attrs));
	store_bind_text(st, first + 5,
			serialize_notes(&m->scratch2, &v->notes));
}

/* Store `unit`, whose content hash is `hash`, as a new unit of origin
 * `origin_id` (0: none); its id into *id. */
static int
insert_unit(struct tmg_memory *m, const struct tmg_unit *unit,
	    sqlite3_int64 hash, sqlite3_int64 origin_id, sqlite3_int64 *id,
	    struct tmg_error *err)
{
	const struct tmg_variant *source = unit_source_variant(unit);
	sqlite3_stmt *st;

	/* every parameter is bound: no clearing of the last unit's */
	if ((st = statement_rebind(m, ST_ADD_UNIT, err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, hash);
	if (origin_id)
		sqlite3_bind_int64(st, 2, origin_id);
	else
		sqlite3_bind_null(st, 2);
	bind_unit_fields(m, st, unit);
	if (sqlite3_step(st) != SQLITE_DONE)
		return memory_db_error(m, err);
	*id = sqlite3_last_insert_rowid(m->db);

	/* one statement per variant: a statement of several rows would keep
	 * a statement journal, a copy of each page it changes */
	for (size_t i = 0; i < unit->nvariants; i++) {
		if ((st = statement_rebind(m, ST_ADD_VARIANT, err)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, *id);
		bind_variant(m, st, 2, &unit->variants[i], source);
		if (sqlite3_step(st) != SQLITE_DONE)
			return memory_db_error(m, err);
	}
	return 0;
}

/* ------------------------------------------------------------ batches */

/*
 * Batches.  Running a statement has a fixed cost (its cursors opened and
 * closed, its transaction state checked) that is larger than the insert
 * of a short unit's row.  So an import keeps its new units, copied, until
 * BATCH_UNITS of them (or BATCH_VARIANTS variants) are waiting, and
 * inserts them with one multi-row INSERT into units and one into variants.
 * The rows are the ones insert_unit() writes, in the same order: a unit is
 * given the id SQLite would give it, the largest id plus one, counted from
 * the largest id when the import began (only the import adds units until
 * its commit).  The statements are INSERT OR FAIL: a statement of several
 * rows that may abort needs a statement journal, a copy of every page it
 * changes, and nothing here can fail half-way but a full disk, after
 * which the import rolls back.
 *
 * Everything that reads the units table during an import first inserts
 * what is waiting (batch_flush()): the commit, and the duplicate check
 * when a waiting unit has the hash it looks for.  A unit with more
 * variants than a batch holds is inserted alone, the way it always was.
 */

/* Begin an import's batches: the id its first new unit will get. */
static int
batch_begin(struct tmg_memory *m, struct tmg_error *err)
{
	sqlite3_stmt *st;
	sqlite3_int64 max = 0;
	int rc;

	m->batch.nunits = m->batch.nvariants = 0;
	m->batch.next_id = 0;
	if (store_prepare(m->db, "SELECT max(id) FROM units", &st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		max = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return memory_db_error(m, err);
	/* past this, SQLite picks ids at random: no batches */
	if (max < INT64_MAX - (1LL << 32))
		m->batch.next_id = max + 1;
	return 0;
}

/* The statement inserting `rows` rows into units (variants when
 * `variants`), prepared once. */
static sqlite3_stmt *
batch_statement(struct tmg_memory *m, int variants, size_t rows,
		struct tmg_error *err)
{
	sqlite3_stmt **slot = variants ? &m->batch.add_variants[rows - 1]
				       : &m->batch.add_units[rows - 1];
	const char *row = variants ? "(?,?,?,?,?,?,?)"
				   : "(?,?,?,?,?,?,?,?,?,?,?,?,?)";
	struct strbuf sql = { 0 };

	if (*slot)
		return *slot;
	strbuf_addstr(&sql, variants
		      ? "INSERT OR FAIL INTO variants (unit_id, lang,"
			" is_source, text, markup, attrs, notes) VALUES "
		      : "INSERT OR FAIL INTO units (id, content_hash,"
			" origin_id, tuid, srclang, creation_date,"
			" creation_id, change_date, change_id, usage_count,"
			" last_usage_date, attrs, notes) VALUES ");
	for (size_t i = 0; i < rows; i++) {
		if (i)
			strbuf_addch(&sql, ',');
		strbuf_addstr(&sql, row);
	}
	if (sqlite3_prepare_v3(m->db, sql.buf, (int)sql.len,
			       SQLITE_PREPARE_PERSISTENT, slot,
			       NULL) != SQLITE_OK) {
		*slot = NULL;
		memory_db_error(m, err);
	}
	strbuf_release(&sql);
	return *slot;
}

/* A copy of `s` (NULL kept) in the batch's pool. */
static struct batch_string
batch_string(struct batch *b, const char *s)
{
	struct batch_string bs = { BATCH_NULL, 0 };

	if (s) {
		bs.off = b->pool.len;
		bs.len = strlen(s);
		strbuf_add(&b->pool, s, bs.len);
	}
	return bs;
}

/* Bind a batch's string; a NULL one is left unbound (see batch_step()). */
static void
bind_batch_string(sqlite3_stmt *st, int i, const struct batch *b,
		  const struct batch_string *bs)
{
	if (bs->off != BATCH_NULL)
		sqlite3_bind_text64(st, i, bs->len ? b->pool.buf + bs->off
						   : "",
				    bs->len, SQLITE_STATIC, SQLITE_UTF8);
}

/* Run a batch's statement, then reset it and clear its parameters: the
 * next batch binds only those that are not NULL (most of a unit's
 * optional fields are absent, and binding a NULL costs as much as binding
 * an integer); nothing keeps pointing into the pool. */
static int
batch_step(struct tmg_memory *m, sqlite3_stmt *st, struct tmg_error *err)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE)
		memory_db_error(m, err);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Insert the waiting units and variants. */
static int
batch_flush(struct tmg_memory *m, struct tmg_error *err)
{
	struct batch *b = &m->batch;
	sqlite3_stmt *st;
	int p = 1, ret = -1;

	if (b->nunits == 0)
		return 0;
	if ((st = batch_statement(m, 0, b->nunits, err)) == NULL)
		goto out;
	for (size_t i = 0; i < b->nunits; i++) {
		const struct batch_unit *u = &b->units[i];

		sqlite3_bind_int64(st, p++, u->id);
		sqlite3_bind_int64(st, p++, u->hash);
		if (m->origin_id)
			sqlite3_bind_int64(st, p, m->origin_id);
		p++;
		for (int f = BU_TUID; f <= BU_CHANGE_ID; f++)
			bind_batch_string(st, p++, b, &u->s[f]);
		if (u->usage_count >= 0)
			sqlite3_bind_int64(st, p, u->usage_count);
		p++;
		for (int f = BU_LAST_USAGE_DATE; f < BU_COUNT; f++)
			bind_batch_string(st, p++, b, &u->s[f]);
	}
	if (batch_step(m, st, err) < 0)
		goto out;
	if (b->nvariants) {
		if ((st = batch_statement(m, 1, b->nvariants, err)) == NULL)
			goto out;
		p = 1;
		for (size_t i = 0; i < b->nvariants; i++) {
			const struct batch_variant *v = &b->variants[i];

			sqlite3_bind_int64(st, p++, v->unit_id);
			bind_batch_string(st, p++, b, &v->s[BV_LANG]);
			sqlite3_bind_int(st, p++, v->is_source);
			for (int f = BV_TEXT; f < BV_COUNT; f++)
				bind_batch_string(st, p++, b, &v->s[f]);
		}
		if (batch_step(m, st, err) < 0)
			goto out;
	}
	ret = 0;
out:
	b->nunits = b->nvariants = 0;
	strbuf_reset(&b->pool);
	return ret;
}

/* Is a unit with content hash `hash` waiting? */
static int
batch_holds(const struct batch *b, sqlite3_int64 hash)
{
	for (size_t i = 0; i < b->nunits; i++)
		if (b->units[i].hash == hash)
			return 1;
	return 0;
}

/* Store `unit` (content hash `hash`) as a new unit of the import: into
 * the batch, or at once when batches are off or it has too many variants
 * for one; its id into *id. */
static int
batch_add(struct tmg_memory *m, const struct tmg_unit *unit,
	  sqlite3_int64 hash, sqlite3_int64 *id, struct tmg_error *err)
{
	struct batch *b = &m->batch;
	const struct tmg_variant *source;
	struct batch_unit *u;

	if (b->next_id == 0 || unit->nvariants > BATCH_VARIANTS) {
		if (batch_flush(m, err) < 0 ||
		    insert_unit(m, unit, hash, m->origin_id, id, err) < 0)
			return -1;
		if (b->next_id)
			b->next_id = *id + 1;
		return 0;
	}
	if ((b->nunits == BATCH_UNITS ||
	     b->nvariants + unit->nvariants > BATCH_VARIANTS ||
	     b->pool.len >= BATCH_BYTES) &&
	    batch_flush(m, err) < 0)
		return -1;
	u = &b->units[b->nunits++];
	*id = u->id = b->next_id++;
	u->hash = hash;
	u->usage_count = unit->usage_count;
	u->s[BU_TUID] = batch_string(b, unit->tuid);
	u->s[BU_SRCLANG] = batch_string(b, unit->srclang);
	u->s[BU_CREATION_DATE] = batch_string(b, unit->creation_date);
	u->s[BU_CREATION_ID] = batch_string(b, unit->creation_id);
	u->s[BU_CHANGE_DATE] = batch_string(b, unit->change_date);
	u->s[BU_CHANGE_ID] = batch_string(b, unit->change_id);
	u->s[BU_LAST_USAGE_DATE] = batch_string(b, unit->last_usage_date);
	u->s[BU_ATTRS] = batch_string(b, serialize_attrs(&m->scratch,
							 &unit->attrs));
	u->s[BU_NOTES] = batch_string(b, serialize_notes(&m->scratch2,
							 &unit->notes));
	source = unit_source_variant(unit);
	for (size_t i = 0; i < unit->nvariants; i++) {
		const struct tmg_variant *v = &unit->variants[i];
		struct batch_variant *bv = &b->variants[b->nvariants++];

		bv->unit_id = u->id;
		bv->is_source = v == source;
		bv->s[BV_LANG] = batch_string(b, v->lang);
		bv->s[BV_TEXT] = batch_string(b, v->text);
		bv->s[BV_MARKUP] = batch_string(b, v->markup);
		bv->s[BV_ATTRS] = batch_string(b, serialize_attrs(&m->scratch,
								  &v->attrs));
		bv->s[BV_NOTES] = batch_string(b, serialize_notes(&m->scratch2,
								  &v->notes));
	}
	return 0;
}

/* ------------------------------------------------------- replacement */

/*
 * Replacement.  Re-importing a corrected file (an OmegaT project_save.tmx)
 * must not keep the old translation beside the new one.  When an import
 * begins for an origin that holds units already, those units' sources go
 * into temp.replace_old with their newest change date (the unit's, or a
 * variant's: OmegaT dates <tuv>).  Each unit the file brings marks the
 * rows with its source as seen (with its own date); a stored unit with the
 * same content is marked touched, because the file holds it still.  At
 * commit, the seen rows that are not touched are replaced (removed as
 * remove_units() removes), unless the stored unit is newer than every unit
 * the file has for that source: the later change date wins, else, when a
 * date is missing, the later import.  A new unit older than a stored one
 * with its source is not added (MEMORY_UNCHANGED).
 *
 * Only units stored before the import are ever replaced: two units of one
 * file with the same source (OmegaT's alternative translations) both stay,
 * and alternatives from other origins stay.  --keep-duplicates turns
 * replacement off with the duplicate check.
 */

/* The newest of `date` and a variant's "changedate" attribute that is a
 * TMX date (YYYYMMDDThhmmssZ), or NULL when neither is one. */
static const char *
newer_date(const char *date, const struct tmg_attrs *attrs)
{
	const char *v = attrs_get(attrs, "changedate");

	if (v && strlen(v) == 16 && v[8] == 'T' && v[15] == 'Z' &&
	    (date == NULL || strcmp(v, date) > 0))
		return v;
	return date;
}

/* A unit's newest change date: its own or a variant's, or NULL. */
static const char *
unit_newest_date(const struct tmg_unit *unit)
{
	const char *date = unit->change_date;

	for (size_t i = 0; i < unit->nvariants; i++)
		date = newer_date(date, &unit->variants[i].attrs);
	return date;
}

/* Give the rows of temp.replace_old the variants' change dates when they
 * are newer than their unit's. */
static int
old_variant_dates(struct tmg_memory *m, struct tmg_error *err)
{
	sqlite3_stmt *variants = NULL, *update = NULL;
	int rc, ret = -1;

	if (store_prepare(m->db, "SELECT v.unit_id, v.attrs FROM variants v"
			  " JOIN temp.replace_old r ON r.unit_id = v.unit_id"
			  " WHERE v.attrs LIKE '%changedate%'",
			  &variants, err) < 0 ||
	    store_prepare(m->db, "UPDATE temp.replace_old SET date = ?2"
			  " WHERE unit_id = ?1 AND (date IS NULL OR date < ?2)",
			  &update, err) < 0)
		goto out;
	while ((rc = sqlite3_step(variants)) == SQLITE_ROW) {
		struct tmg_attrs attrs = { 0 };
		const char *date;

		parse_attrs((const char *)sqlite3_column_text(variants, 1),
			    &attrs);
		date = newer_date(NULL, &attrs);
		if (date) {
			sqlite3_reset(update);
			sqlite3_bind_int64(update, 1,
					   sqlite3_column_int64(variants, 0));
			store_bind_text(update, 2, date);
			rc = sqlite3_step(update);
		}
		attrs_clear(&attrs);
		free(attrs.items);
		if (date && rc != SQLITE_DONE)
			break;
	}
	if (rc != SQLITE_DONE) {
		memory_db_error(m, err);
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(variants);
	sqlite3_finalize(update);
	return ret;
}

/* Within memory_import_begin(), for an origin already stored: its units'
 * sources into temp.replace_old, and the statements that use them. */
static int
begin_replacement(struct tmg_memory *m, struct tmg_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (store_exec(m->db,
		       "CREATE TEMP TABLE IF NOT EXISTS replace_old ("
		       "  unit_id INTEGER PRIMARY KEY,"
		       "  lang TEXT NOT NULL, text TEXT NOT NULL, markup TEXT,"
		       "  date TEXT,"
		       "  touched INTEGER NOT NULL DEFAULT 0,"
		       "  seen INTEGER NOT NULL DEFAULT 0, seen_date TEXT,"
		       "  seen_undated INTEGER NOT NULL DEFAULT 0);"
		       "CREATE INDEX IF NOT EXISTS temp.replace_old_by_text"
		       "  ON replace_old (text);"
		       "DELETE FROM temp.replace_old", err) < 0)
		return -1;
	m->replacing = 1;
	if (store_prepare(m->db, "INSERT INTO temp.replace_old"
			  " (unit_id, lang, text, markup, date)"
			  " SELECT u.id, v.lang, v.text, v.markup, u.change_date"
			  " FROM units u JOIN variants v ON v.unit_id = u.id"
			  " AND v.is_source WHERE u.origin_id = ?1",
			  &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, m->origin_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return memory_db_error(m, err);
	if (old_variant_dates(m, err) < 0)
		return -1;
	if (store_prepare(m->db, "UPDATE temp.replace_old SET touched = 1"
			  " WHERE unit_id = ?1", &m->old_touch, err) < 0 ||
	    store_prepare(m->db, "UPDATE temp.replace_old SET seen = 1,"
			  " seen_date = CASE WHEN ?4 > coalesce(seen_date, '')"
			  " THEN ?4 ELSE seen_date END,"
			  " seen_undated = seen_undated OR ?4 IS NULL"
			  " WHERE text = ?2 AND lang = ?1 AND markup IS ?3",
			  &m->old_seen, err) < 0 ||
	    store_prepare(m->db, "SELECT 1 FROM temp.replace_old"
			  " WHERE text = ?2 AND lang = ?1 AND markup IS ?3"
			  " AND NOT touched AND date > ?4 LIMIT 1",
			  &m->old_newer, err) < 0)
		return -1;
	return 0;
}

/* Bind a source variant and a date to one of the replacement statements. */
static void
bind_source(sqlite3_stmt *st, const struct tmg_variant *source,
	    const char *date)
{
	sqlite3_reset(st);
	store_bind_text(st, 1, source->lang);
	store_bind_text(st, 2, source->text);
	store_bind_text(st, 3, source->markup);
	store_bind_text(st, 4, date);
}

/* The file holds `unit` (stored as `twin` when not 0): its source is seen,
 * and its stored twin stays. */
static int
replacement_seen(struct tmg_memory *m, const struct tmg_unit *unit,
		 sqlite3_int64 twin, struct tmg_error *err)
{
	if (twin) {
		sqlite3_reset(m->old_touch);
		sqlite3_bind_int64(m->old_touch, 1, twin);
		if (sqlite3_step(m->old_touch) != SQLITE_DONE)
			return memory_db_error(m, err);
	}
	bind_source(m->old_seen, unit_source_variant(unit),
		    unit_newest_date(unit));
	if (sqlite3_step(m->old_seen) != SQLITE_DONE)
		return memory_db_error(m, err);
	return 0;
}

/* Whether the origin holds, from before this import, a unit with the
 * source of `unit` changed after it (then `unit` is not added). */
static int
replacement_stale(struct tmg_memory *m, const struct tmg_unit *unit,
		  int *stale, struct tmg_error *err)
{
	int rc;

	bind_source(m->old_newer, unit_source_variant(unit),
		    unit_newest_date(unit));
	rc = sqlite3_step(m->old_newer);
	sqlite3_reset(m->old_newer);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return memory_db_error(m, err);
	*stale = rc == SQLITE_ROW;
	return 0;
}

/* At commit: remove the units the file replaced. */
static int
replace_old_units(struct tmg_memory *m, struct tmg_error *err)
{
	sqlite3_stmt *st;
	int64_t *ids = NULL;
	size_t n = 0, alloc = 0;
	int rc, ret = -1;

	if (store_prepare(m->db, "SELECT unit_id FROM temp.replace_old"
			  " WHERE seen AND NOT touched AND (date IS NULL"
			  " OR seen_undated OR date <= seen_date)"
			  " ORDER BY unit_id", &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(ids, n + 1, alloc);
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		memory_db_error(m, err);
		goto out;
	}
	if (n && remove_unit_ids(m, ids, n, m->origin_id, err) < 0)
		goto out;
	m->replaced = (long)n;
	ret = 0;
out:
	free(ids);
	return ret;
}

long
memory_import_replaced(const struct tmg_memory *m)
{
	return m->replaced;
}

int
memory_add_unit(struct tmg_memory *m, const struct tmg_unit *unit,
		enum memory_add_result *result, struct tmg_error *err)
{
	const struct tmg_variant *source = unit_source_variant(unit);
	/* the TMX reader's parsing thread computed it (base/records.h) */
	sqlite3_int64 hash = (sqlite3_int64)(unit->content_hash_known ?
		unit->content_hash : unit_content_hash(unit));
	sqlite3_int64 id = 0;
	uint64_t *word = NULL, mask = 0;
	int ret = -1;

	if (!m->importing) {
		tmg_error_set(err, m->path, 0, 0, "%s",
			      "memory_add_unit outside an import");
		goto out;
	}
	if (m->added_hashes)
		word = added_hash_word(m, hash, &mask);
	/* a waiting unit with this hash is inserted before the lookup */
	if (!m->keep_duplicates && (word == NULL || (*word & mask)) &&
	    ((batch_holds(&m->batch, hash) && batch_flush(m, err) < 0) ||
	     find_same_content(m, unit, hash, &id, err) < 0))
		goto out;
	if (id != 0) {
		ret = merge_unit(m, id, unit, source, result, err);
		if (ret == 0 && m->replacing)
			ret = replacement_seen(m, unit, id, err);
		goto out;
	}
	if (m->replacing) {
		int stale;

		if (replacement_stale(m, unit, &stale, err) < 0)
			goto out;
		if (stale) {
			*result = MEMORY_UNCHANGED;
			ret = 0;
			goto out;
		}
		if (replacement_seen(m, unit, 0, err) < 0)
			goto out;
	}

	if (batch_add(m, unit, hash, &id, err) < 0)
		goto out;
	if (word)
		*word |= mask;
	if (m->first_new_unit == 0)
		m->first_new_unit = id;
	*result = MEMORY_ADDED;
	ret = 0;
out:
	return ret;
}

/* ------------------------------------------------------------ export */

static int
variant_wanted(const struct memory_filter *f, const char *lang)
{
	if (f->src == NULL && f->tgt == NULL)
		return 1;
	return (f->src && lang_matches(f->src, lang, f->exact_lang)) ||
	       (f->tgt && lang_matches(f->tgt, lang, f->exact_lang));
}

/*
 * Does the unit pass the filter?  With --src or --tgt alone, a unit passes
 * when it has a variant in that language, and keeps all its variants; with
 * both, it passes when it has both, and keeps only those two languages.
 * A unit of a single variant (valid TMX) passes without a language pair.
 * The first variant in the --src language becomes the unit's source.
 * Returns 0 when the unit must be left out.
 */
static int
apply_filter(const struct memory_filter *f, struct tmg_unit *unit)
{
	size_t kept = 0;
	const struct tmg_variant *src = NULL;
	int has_src = f->src == NULL, has_tgt = f->tgt == NULL;
	int pair = f->src && f->tgt;

	for (size_t i = 0; i < unit->nvariants; i++) {
		struct tmg_variant *v = &unit->variants[i];
		if (pair && !variant_wanted(f, v->lang)) {
			free(v->text);
			free(v->markup);
			attrs_clear(&v->attrs);
			free(v->attrs.items);
			annotations_clear(&v->notes);
			free(v->notes.items);
			continue;
		}
		if (f->src && lang_matches(f->src, v->lang, f->exact_lang)) {
			has_src = 1;
			if (src == NULL)
				src = &unit->variants[kept];
		} else if (f->tgt && lang_matches(f->tgt, v->lang,
						  f->exact_lang)) {
			has_tgt = 1;
		}
		unit->variants[kept++] = *v;
	}
	unit->nvariants = kept;
	if (src)
		snprintf(unit->srclang, sizeof unit->srclang, "%s",
			 src->lang);
	/* a unit of one language is exported as it is, never as a pair */
	return has_src && has_tgt && kept >= (pair ? 2 : 1);
}

/* The columns that follow UNIT_COLUMNS' u.id (1 to 10), into `unit`. */
#define UNIT_COLUMNS \
	"u.id, u.tuid, u.srclang, u.creation_date, u.creation_id," \
	" u.change_date, u.change_id, u.usage_count, u.last_usage_date," \
	" u.attrs, u.notes"

static void
unit_from_row(sqlite3_stmt *st, struct tmg_unit *unit)
{
	const char *s;

#define COL(i) ((const char *)sqlite3_column_text(st, (i)))
#define DUP(i) ((s = COL(i)) ? xstrdup(s) : NULL)
	unit->tuid = DUP(1);
	snprintf(unit->srclang, sizeof unit->srclang, "%s", COL(2));
	unit->creation_date = DUP(3);
	unit->creation_id = DUP(4);
	unit->change_date = DUP(5);
	unit->change_id = DUP(6);
	unit->usage_count = sqlite3_column_type(st, 7) == SQLITE_NULL
		? -1 : (long)sqlite3_column_int64(st, 7);
	unit->last_usage_date = DUP(8);
	parse_attrs(COL(9), &unit->attrs);
	parse_notes(COL(10), &unit->notes);
#undef DUP
#undef COL
}

int
memory_foreach_unit(struct tmg_memory *m, const struct memory_filter *filter,
		    memory_unit_fn fn, void *data, struct tmg_error *err)
{
	static const char sql[] =
		"SELECT " UNIT_COLUMNS
		" FROM units u LEFT JOIN origins o ON o.id = u.origin_id"
		" WHERE ?1 IS NULL OR o.name = ?1 ORDER BY u.id";
	sqlite3_stmt *st;
	struct tmg_unit unit;
	int rc, ret = 0;

	if (sqlite3_prepare_v2(m->db, sql, -1, &st, NULL) != SQLITE_OK)
		return memory_db_error(m, err);
	store_bind_text(st, 1, filter ? filter->origin : NULL);
	unit_init(&unit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		unit_clear(&unit);
		unit_from_row(st, &unit);
		if (load_variants(m, sqlite3_column_int64(st, 0), &unit, NULL,
				  0, err) < 0) {
			ret = -1;
			break;
		}
		if (filter && !apply_filter(filter, &unit))
			continue;
		if ((ret = fn(data, &unit, err)) != 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		ret = memory_db_error(m, err);
	unit_clear(&unit);
	sqlite3_finalize(st);
	return ret;
}

int
memory_origin_notes(struct tmg_memory *m, const char *origin,
		    struct tmg_annotations *notes, struct tmg_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(m->db,
			       "SELECT header_notes FROM origins WHERE name = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return memory_db_error(m, err);
	store_bind_text(st, 1, origin);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		parse_notes((const char *)sqlite3_column_text(st, 0), notes);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return memory_db_error(m, err);
	return 0;
}

int
memory_unit_prop(struct tmg_memory *m, int64_t id, const char *type,
		 char **value, struct tmg_error *err)
{
	struct tmg_annotations notes = { 0 };
	sqlite3_stmt *st;
	int rc;

	*value = NULL;
	if (sqlite3_prepare_v2(m->db, "SELECT notes FROM units WHERE id = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return memory_db_error(m, err);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		parse_notes((const char *)sqlite3_column_text(st, 0), &notes);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return memory_db_error(m, err);
	for (size_t i = 0; i < notes.count && *value == NULL; i++) {
		struct tmg_annotation *a = &notes.items[i];
		if (!a->is_note && a->type && strcmp(a->type, type) == 0) {
			*value = a->value;
			a->value = NULL;
		}
	}
	annotations_clear(&notes);
	free(notes.items);
	return 0;
}

int
memory_common_source(struct tmg_memory *m, const char *origin,
		     char out[TMG_LANG_MAX], char *single_origin,
		     size_t origin_size, struct tmg_error *err)
{
	static const char langs_sql[] =
		"SELECT DISTINCT v.lang FROM variants v"
		" JOIN units u ON u.id = v.unit_id"
		" LEFT JOIN origins o ON o.id = u.origin_id"
		" WHERE v.is_source AND (?1 IS NULL OR o.name = ?1) LIMIT 2";
	static const char origins_sql[] =
		"SELECT name FROM origins WHERE ?1 IS NULL OR name = ?1 LIMIT 2";
	sqlite3_stmt *st;
	int n = 0, rc;

	out[0] = '\0';
	single_origin[0] = '\0';
	if (sqlite3_prepare_v2(m->db, langs_sql, -1, &st, NULL) != SQLITE_OK)
		return memory_db_error(m, err);
	store_bind_text(st, 1, origin);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (n++ == 0)
			snprintf(out, TMG_LANG_MAX, "%s",
				 (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return memory_db_error(m, err);
	if (n > 1)
		snprintf(out, TMG_LANG_MAX, "*all*");

	if (sqlite3_prepare_v2(m->db, origins_sql, -1, &st, NULL) != SQLITE_OK)
		return memory_db_error(m, err);
	store_bind_text(st, 1, origin);
	n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (n++ == 0)
			snprintf(single_origin, origin_size, "%s",
				 (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return memory_db_error(m, err);
	if (n != 1)
		single_origin[0] = '\0';
	return 0;
}

/* -------------------------------------------------------------- edit */

/* Set attribute `name` to `value`, added when absent. */
static void
set_attr(struct tmg_attrs *attrs, const char *name, const char *value)
{
	for (size_t i = 0; i < attrs->count; i++)
		if (strcmp(attrs->items[i].name, name) == 0) {
			free(attrs->items[i].value);
			attrs->items[i].value = xstrdup(value);
			return;
		}
	attrs_add(attrs, name, value);
}

/* The unit's notes become `text` (none when ""); its props stay. */
static void
set_note(struct tmg_unit *unit, const char *text)
{
	struct tmg_annotations *list = &unit->notes;
	size_t kept = 0;

	for (size_t i = 0; i < list->count; i++) {
		struct tmg_annotation *a = &list->items[i];

		if (!a->is_note) {
			list->items[kept++] = *a;
			continue;
		}
		free(a->type);
		free(a->lang);
		free(a->encoding);
		free(a->value);
	}
	list->count = kept;
	if (*text)
		annotations_add(list, 1)->value = xstrdup(text);
}

/* The translation `edit` names in `unit` (the unit's only one, or the one
 * in edit->lang) into *target. */
static int
edit_target(struct tmg_memory *m, const struct memory_edit *edit,
	    const struct tmg_unit *unit, size_t *target,
	    struct tmg_error *err)
{
	const struct tmg_variant *source = unit_source_variant(unit);
	struct strbuf langs = { 0 };
	size_t n = 0;

	for (size_t i = 0; i < unit->nvariants; i++) {
		const struct tmg_variant *v = &unit->variants[i];

		if (v == source ||
		    (edit->lang && !lang_matches(edit->lang, v->lang, 0)))
			continue;
		if (n++ == 0)
			*target = i;
		if (langs.len)
			strbuf_addstr(&langs, ", ");
		strbuf_addstr(&langs, v->lang);
	}
	if (n == 0 && edit->lang)
		tmg_error_set(err, m->path, 0, 0,
			      _("unit %lld has no translation in %s"),
			      (long long)edit->id, edit->lang);
	else if (n == 0)
		tmg_error_set(err, m->path, 0, 0,
			      _("unit %lld has no translation"),
			      (long long)edit->id);
	else if (n > 1)
		/* TRANSLATORS: %s lists language tags: "fr-FR, fr-CA" */
		tmg_error_set(err, m->path, 0, 0,
			      _("unit %lld has translations in %s: say which "
				"one with --lang"), (long long)edit->id,
			      langs.buf);
	strbuf_release(&langs);
	return n == 1 ? 0 : -1;
}

/* A unit's note and change alone, in place. */
static int
update_unit_note(struct tmg_memory *m, int64_t id,
		 const struct tmg_unit *unit, struct tmg_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (store_prepare(m->db, "UPDATE units SET change_date = ?2,"
			  " change_id = ?3, notes = ?4 WHERE id = ?1",
			  &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, unit->change_date);
	store_bind_text(st, 3, unit->change_id);
	store_bind_text(st, 4, serialize_notes(&m->scratch2, &unit->notes));
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : memory_db_error(m, err);
}

/* The unit `id` stored again as `unit` (its origin `origin_id`), under a
 * new id, which the search indexes take in; the old one removed. */
static int
store_again(struct tmg_memory *m, int64_t id, const struct tmg_unit *unit,
	    sqlite3_int64 origin_id, int64_t *new_id, struct tmg_error *err)
{
	sqlite3_int64 hash = (sqlite3_int64)unit_content_hash(unit), added;

	if (insert_unit(m, unit, hash, origin_id, &added, err) < 0 ||
	    remove_unit_ids(m, &id, 1, origin_id, err) < 0 ||
	    store_pending_mark(m->db, added, err) < 0)
		return -1;
	*new_id = added;
	return 0;
}

int
memory_edit_unit(struct tmg_memory *m, const struct memory_edit *edit,
		 struct tmg_unit *unit, int64_t *id, size_t *target,
		 struct tmg_error *err)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 origin_id = 0;
	char now[17];
	int rc, ret = -1;

	*id = edit->id;
	*target = SIZE_MAX;
	if (memory_begin_write(m, err) < 0)
		return memory_db_error(m, err);
	if (store_prepare(m->db, "SELECT " UNIT_COLUMNS ", u.origin_id"
			  " FROM units u WHERE u.id = ?1", &st, err) < 0)
		goto out;
	sqlite3_bind_int64(st, 1, edit->id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		tmg_error_set(err, m->path, 0, 0, _("no unit has the id %lld"),
			      (long long)edit->id);
		goto out;
	}
	if (rc != SQLITE_ROW) {
		memory_db_error(m, err);
		goto out;
	}
	unit_from_row(st, unit);
	if (sqlite3_column_type(st, 11) != SQLITE_NULL)
		origin_id = sqlite3_column_int64(st, 11);
	if (load_variants(m, edit->id, unit, NULL, 0, err) < 0 ||
	    (edit->target && edit_target(m, edit, unit, target, err) < 0))
		goto out;

	unit_date_now(now);
	free(unit->change_date);
	unit->change_date = xstrdup(now);
	if (edit->author) {
		free(unit->change_id);
		unit->change_id = xstrdup(edit->author);
	}
	if (edit->note)
		set_note(unit, edit->note);
	if (edit->target) {
		struct tmg_variant *v = &unit->variants[*target];

		free(v->text);
		v->text = xstrdup(edit->target);
		free(v->markup);
		v->markup = NULL;
		set_attr(&v->attrs, "changedate", now);
		if (edit->author)
			set_attr(&v->attrs, "changeid", edit->author);
		if (store_again(m, edit->id, unit, origin_id, id, err) < 0)
			goto out;
	} else if (update_unit_note(m, edit->id, unit, err) < 0) {
		goto out;
	}
	if (store_exec(m->db, "COMMIT", err) < 0)
		goto out;
	ret = 0;
out:
	sqlite3_finalize(st);
	if (ret < 0)
		sqlite3_exec(m->db, "ROLLBACK", NULL, NULL, NULL);
	return ret;
}

/* ------------------------------------------------------------- stats */

static int
collect_counts(struct tmg_memory *m, const char *sql, int two_names,
	       struct memory_count **out, size_t *n, struct tmg_error *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(m->db, sql, -1, &st, NULL) != SQLITE_OK)
		return memory_db_error(m, err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct memory_count *c;
		const char *a = (const char *)sqlite3_column_text(st, 0);
		ALLOC_GROW(*out, *n + 1, alloc);
		c = &(*out)[(*n)++];
		c->name = xstrdup(a ? a : "");
		c->name2 = two_names ? xstrdup((const char *)
					       sqlite3_column_text(st, 1))
				     : NULL;
		c->count = (long)sqlite3_column_int64(st, two_names ? 2 : 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return memory_db_error(m, err);
	return 0;
}

static long
count_rows(struct tmg_memory *m, const char *sql)
{
	sqlite3_stmt *st;
	long n = -1;

	if (sqlite3_prepare_v2(m->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int
memory_get_stats(struct tmg_memory *m, struct memory_stats *s,
		 struct tmg_error *err)
{
	struct stat st;

	memset(s, 0, sizeof *s);
	s->units = count_rows(m, "SELECT count(*) FROM units");
	s->variants = count_rows(m, "SELECT count(*) FROM variants");
	s->schema_version = (int)count_rows(m, "PRAGMA user_version");
	if (s->units < 0 || s->variants < 0)
		return memory_db_error(m, err);
	if (memory_unindexed_by_index(m, &s->unindexed_fuzzy,
				      &s->unindexed_suggest, err) < 0)
		return -1;
	/* the units from the lower of the two marks on: the larger count */
	s->unindexed = s->unindexed_fuzzy > s->unindexed_suggest ?
		       s->unindexed_fuzzy : s->unindexed_suggest;
	if (collect_counts(m,
			   "SELECT lang, count(*) FROM variants GROUP BY lang"
			   " ORDER BY count(*) DESC, lang",
			   0, &s->languages, &s->nlanguages, err) < 0 ||
	    collect_counts(m,
			   "SELECT s.lang, t.lang, count(*) FROM variants s"
			   " JOIN variants t ON t.unit_id = s.unit_id"
			   " AND t.id <> s.id WHERE s.is_source"
			   " GROUP BY s.lang, t.lang"
			   " ORDER BY count(*) DESC, s.lang, t.lang",
			   1, &s->pairs, &s->npairs, err) < 0 ||
	    collect_counts(m,
			   "SELECT o.name, count(u.id) FROM origins o"
			   " LEFT JOIN units u ON u.origin_id = o.id"
			   " GROUP BY o.id ORDER BY o.name",
			   0, &s->origins, &s->norigins, err) < 0)
		return -1;
	s->file_size = 0;
	if (stat(m->path, &st) == 0)
		s->file_size += st.st_size;
	{
		char wal[4096];
		snprintf(wal, sizeof wal, "%s-wal", m->path);
		if (stat(wal, &st) == 0)
			s->file_size += st.st_size;
	}
	return 0;
}

static void
free_counts(struct memory_count *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].name);
		free(c[i].name2);
	}
	free(c);
}

void
memory_stats_free(struct memory_stats *s)
{
	free_counts(s->languages, s->nlanguages);
	free_counts(s->pairs, s->npairs);
	free_counts(s->origins, s->norigins);
	memset(s, 0, sizeof *s);
}
