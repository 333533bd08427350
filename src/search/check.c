/*
 * check.c -- the quality checks of `tmgloss check` on translated segments:
 * the pair checks of text/qa.c (number, placeholder, untranslated,
 * whitespace, punctuation, length) run here with the ones that need the
 * glossary or more than one segment:
 *
 *   term-missing     a glossary term found in the source (terms.c: its
 *                    inflections, elided articles, Traditional Chinese)
 *                    with none of its target-language translations in
 *                    the target.  The target is matched the same way, on
 *                    term keys (text/termkey.c): «fichiers» holds
 *                    «fichier», 檔案 holds 档案.  Terms a draft only
 *                    proposes (not yet approved) are left out.
 *   term-deprecated  the target uses a term the glossary marks deprecated
 *                    (superseded, not recommended, obsolete): an error.
 *                    A source term's translations are looked for in the
 *                    target on term keys, word boundaries aside (Chinese
 *                    compounds hold them); so are the glossary's
 *                    deprecated terms of concepts the source lacks.
 *   term-admitted    the target translates a source term with an admitted
 *                    term where the concept has a preferred one:
 *                    information.
 *   inconsistent     a source met before with another translation, or a
 *                    translation met before for another source, in the
 *                    files checked so far and, when asked, in the memory.
 *
 * Identity of texts: two sources (or two translations) are the same when
 * they are once white space is left out, case is folded and a word's
 * final s or x dropped (text_identity()), so «Fichier ouvert» and
 * «fichiers ouverts» are one source, and a French plural and its singular
 * translated alike in Chinese are not "different sources".
 *
 * Memory: the consistency tables keep, per distinct source and per
 * distinct translation, 64-bit hashes and where the first was met (file
 * index, line), not the texts.  Each of the two tables of the files
 * checked holds at most `table_limit` entries in memory (65,536 by
 * default: 4 MiB of slots); past that, its entries go to a temporary
 * SQLite file (private, deleted when the checker is freed, its page cache
 * bounded) and the table starts afresh, so a segment is looked up in
 * memory, then in that file: memory stays flat whatever the files' size.
 * The memory's pairs (--against-memory)
 * are read once per language pair, hashes again, with one copy of each
 * distinct source's first translation (and each translation's first
 * source) for the message.  Two texts sharing a 64-bit hash would pass as
 * one (about 1 in 10^9 for a million segments).
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/error.h"
#include "base/hash.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "search/search.h"
#include "store/db.h"
#include "store/store.h"
#include "text/text.h"

/* The checks this file runs; the others go to qa_check_pair(). */
#define CHECK_TERMS \
	((1u << QA_TERM_MISSING) | (1u << QA_TERM_DEPRECATED) | \
	 (1u << QA_TERM_ADMITTED))
#define CHECK_OWN (CHECK_TERMS | (1u << QA_INCONSISTENT))

/* One text met before: `key` its identity (0: empty slot), `other` the
 * identity of what it was paired with, `where` a file index (segments
 * checked) or an offset in the checker's text block (the memory's),
 * `line` where it was.  The keyed glossary translations use the same
 * table: `other` their term key, `where` their number of tokens, `line`
 * the hash of their first token. */
struct seen {
	uint64_t key;
	uint64_t other;
	size_t where;
	int64_t line;
};

/* An open-addressing table of struct seen, or of bare keys (`other`
 * unused) for the set of pairs.  The tables of the files checked spill:
 * past `limit` entries they move to table `spill_id` of the checker's
 * temporary file. */
struct seen_table {
	struct seen *slots;
	size_t size, used;  /* size: a power of two */
	size_t limit;       /* 0: kept whole in memory */
	int spill_id;
	sqlite3_stmt *find, *insert; /* NULL until the first spill */
	struct seen found;  /* the answer read from the file */
	uint64_t *filter;   /* the file's keys, a Bloom filter of
			       SPILL_FILTER_BITS: most new segments are
			       not looked for in the file */
};

/* The default number of entries a spilling table keeps in memory. */
#define SEEN_LIMIT (1u << 16)
/* 1 MiB of filter per spilled table, two bits a key: 1 lookup in 1,600
 * of a new segment goes to the file for nothing at 100,000 keys, 1 in 20
 * at a million (the filter stays this size: memory flat). */
#define SPILL_FILTER_BITS (1u << 23)

static void
filter_set(uint64_t *filter, uint64_t key)
{
	uint64_t a = key & (SPILL_FILTER_BITS - 1);
	uint64_t b = (key >> 40) & (SPILL_FILTER_BITS - 1);

	filter[a / 64] |= 1ULL << (a % 64);
	filter[b / 64] |= 1ULL << (b % 64);
}

static int
filter_has(const uint64_t *filter, uint64_t key)
{
	uint64_t a = key & (SPILL_FILTER_BITS - 1);
	uint64_t b = (key >> 40) & (SPILL_FILTER_BITS - 1);

	return (filter[a / 64] >> (a % 64) & 1) &&
	       (filter[b / 64] >> (b % 64) & 1);
}

/* A deprecated term of the target language, keyed. */
struct status_term {
	uint64_t key, first;     /* term key of its tokens, of its first */
	size_t ntokens;
	int64_t concept;
	char *text;
	char *better;            /* the concept's term to use instead, or
				    NULL */
};

/* What is kept per language pair met. */
struct check_langs {
	char src[TMG_LANG_MAX], tgt[TMG_LANG_MAX];
	uint64_t salt;                  /* mixed into its keys */
	struct term_keyer *tgt_keyer;
	struct term_finder *in_source;  /* source terms, target translations */
	struct status_term *status_terms; /* the target language's */
	size_t nstatus;
	struct seen_table status_first; /* their first tokens' hashes */
	int memory_read;                /* --against-memory pairs loaded */
	struct qa_length_bounds length; /* learned from the memory */
};

struct checker {
	struct tmg_memory *memory;      /* NULL: no glossary, no memory */
	struct check_options options;
	char **files;                   /* names of the files checked */
	size_t nfiles, afiles;
	struct check_langs *langs;
	size_t nlangs, alangs;
	struct seen_table sources;      /* source -> first translation */
	struct seen_table targets;      /* translation -> first source */
	sqlite3 *spill;                 /* their entries past the limit */
	struct seen_table mem_sources;  /* the memory's, likewise */
	struct seen_table mem_targets;
	struct seen_table mem_pairs;    /* the memory's (source, target) */
	struct strbuf mem_texts;        /* texts the memory messages quote */
	struct seen_table keyed;        /* glossary translations: hash of
					   the pair and the text -> term key
					   (other), tokens (where) */
	struct term_hits hits;
	int64_t *concepts;              /* the source's, this segment */
	size_t nconcepts, aconcepts;
	struct term_key_tokens tgt_tokens, scratch;
	int tgt_keyed;                  /* tgt_tokens are this segment's */
	struct strbuf message;
	/* term-missing's words, translated once (a glossary of common
	   words reports in most segments: gettext per finding cost 6 % of
	   the run) */
	const char *missing_format, *or_last;
};

/* ------------------------------------------------------------ tables */

static void
seen_grow(struct seen_table *t)
{
	struct seen *old = t->slots;
	size_t nold = t->size;

	t->size = nold ? 2 * nold : 1024;
	t->slots = xcalloc(t->size, sizeof *t->slots);
	for (size_t i = 0; i < nold; i++) {
		size_t j;

		if (old[i].key == 0)
			continue;
		j = (size_t)hash_mix64(old[i].key) & (t->size - 1);
		while (t->slots[j].key)
			j = (j + 1) & (t->size - 1);
		t->slots[j] = old[i];
	}
	free(old);
}

/* The slot of `key`: its entry, or the empty slot where it would go
 * (key 0 then). */
static struct seen *
seen_slot(struct seen_table *t, uint64_t key)
{
	size_t j;

	if ((t->used + 1) * 2 > t->size)
		seen_grow(t);
	j = (size_t)hash_mix64(key) & (t->size - 1);
	while (t->slots[j].key && t->slots[j].key != key)
		j = (j + 1) & (t->size - 1);
	return &t->slots[j];
}

static const struct seen *
seen_find(const struct seen_table *t, uint64_t key)
{
	size_t j;

	if (t->size == 0)
		return NULL;
	j = (size_t)hash_mix64(key) & (t->size - 1);
	while (t->slots[j].key) {
		if (t->slots[j].key == key)
			return &t->slots[j];
		j = (j + 1) & (t->size - 1);
	}
	return NULL;
}

/* Add `key` unless present: its slot, filled with `other`, `where` and
 * `line` when new (*added set to 1). */
static struct seen *
seen_add(struct seen_table *t, uint64_t key, uint64_t other, size_t where,
	 int64_t line, int *added)
{
	struct seen *s = seen_slot(t, key);

	*added = s->key == 0;
	if (*added) {
		s->key = key;
		s->other = other;
		s->where = where;
		s->line = line;
		t->used++;
	}
	return s;
}

static void
seen_clear(struct seen_table *t)
{
	free(t->slots);
	free(t->filter);
	sqlite3_finalize(t->find);
	sqlite3_finalize(t->insert);
	memset(t, 0, sizeof *t);
}

/* The temporary file failed: said in the user's words. */
static int
spill_error(sqlite3 *db, struct tmg_error *err)
{
	tmg_error_set(err, "", 0, 0, _("cannot keep the consistency check's "
				       "tables in a temporary file: %s"),
		      db ? store_errmsg(db) : strerror(ENOMEM));
	return -1;
}

/* The checker's temporary file, opened when a table first spills.  An
 * empty name makes SQLite's private temporary database, deleted on
 * close; no journal (nothing to recover), a 2 MiB page cache. */
static sqlite3 *
spill_open(sqlite3 **db, struct tmg_error *err)
{
	static const char schema[] =
		"PRAGMA journal_mode = OFF;"
		"PRAGMA synchronous = OFF;"
		"PRAGMA cache_size = -2048;"
		"CREATE TABLE seen0 (key INTEGER PRIMARY KEY, other INTEGER,"
		" place INTEGER, line INTEGER);"
		"CREATE TABLE seen1 (key INTEGER PRIMARY KEY, other INTEGER,"
		" place INTEGER, line INTEGER);";

	if (*db != NULL)
		return *db;
	if (sqlite3_open_v2("", db, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
	    sqlite3_exec(*db, schema, NULL, NULL, NULL) != SQLITE_OK) {
		spill_error(*db, err);
		sqlite3_close(*db);
		*db = NULL;
	}
	return *db;
}

static int
compare_keys(const void *a, const void *b)
{
	int64_t x = (int64_t)((const struct seen *)a)->key;
	int64_t y = (int64_t)((const struct seen *)b)->key;

	return (x > y) - (x < y);
}

/* Move the entries of `t` to its table in the temporary file, in key
 * order (the B-tree's order: pages filled in turn), and empty it. */
static int
seen_spill(sqlite3 **spill, struct seen_table *t, struct tmg_error *err)
{
	char sql[128];
	sqlite3 *db;
	size_t n = 0;

	if ((db = spill_open(spill, err)) == NULL)
		return -1;
	if (t->insert == NULL) {
		snprintf(sql, sizeof sql, "INSERT INTO seen%d VALUES "
			 "(?1, ?2, ?3, ?4)", t->spill_id);
		if (sqlite3_prepare_v2(db, sql, -1, &t->insert, NULL) !=
		    SQLITE_OK)
			return spill_error(db, err);
		snprintf(sql, sizeof sql, "SELECT other, place, line FROM "
			 "seen%d WHERE key = ?1", t->spill_id);
		if (sqlite3_prepare_v2(db, sql, -1, &t->find, NULL) !=
		    SQLITE_OK)
			return spill_error(db, err);
	}
	/* the entries to the front of the slots, sorted */
	for (size_t i = 0; i < t->size; i++)
		if (t->slots[i].key)
			t->slots[n++] = t->slots[i];
	qsort(t->slots, n, sizeof *t->slots, compare_keys);
	if (t->filter == NULL)
		t->filter = xcalloc(SPILL_FILTER_BITS / 64, sizeof *t->filter);
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return spill_error(db, err);
	for (size_t i = 0; i < n; i++) {
		filter_set(t->filter, t->slots[i].key);
		sqlite3_bind_int64(t->insert, 1, (int64_t)t->slots[i].key);
		sqlite3_bind_int64(t->insert, 2, (int64_t)t->slots[i].other);
		sqlite3_bind_int64(t->insert, 3, (int64_t)t->slots[i].where);
		sqlite3_bind_int64(t->insert, 4, t->slots[i].line);
		if (sqlite3_step(t->insert) != SQLITE_DONE) {
			sqlite3_reset(t->insert);
			spill_error(db, err);
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		sqlite3_reset(t->insert);
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return spill_error(db, err);
	memset(t->slots, 0, t->size * sizeof *t->slots);
	t->used = 0;
	return 0;
}

/*
 * A segment's identity `key` into a table of the files checked: *first
 * set to the entry met before (in memory or in the temporary file), or
 * to NULL when `key` is new (then remembered with `other`, `where`,
 * `line`).
 */
static int
seen_remember(sqlite3 **spill, struct seen_table *t, uint64_t key,
	      uint64_t other, size_t where, int64_t line,
	      const struct seen **first, struct tmg_error *err)
{
	int added;

	/* looked up before anything grows: a full table spills, not grows */
	if ((*first = seen_find(t, key)) != NULL)
		return 0;
	if (t->find && filter_has(t->filter, key)) {
		int rc;

		sqlite3_bind_int64(t->find, 1, (int64_t)key);
		rc = sqlite3_step(t->find);
		if (rc == SQLITE_ROW) {
			t->found.key = key;
			t->found.other =
				(uint64_t)sqlite3_column_int64(t->find, 0);
			t->found.where =
				(size_t)sqlite3_column_int64(t->find, 1);
			t->found.line = sqlite3_column_int64(t->find, 2);
			*first = &t->found;
		}
		sqlite3_reset(t->find);
		if (rc == SQLITE_ROW)
			return 0;
		if (rc != SQLITE_DONE)
			return spill_error(*spill, err);
	}
	if (t->limit && t->used >= t->limit &&
	    seen_spill(spill, t, err) < 0)
		return -1;
	seen_add(t, key, other, where, line, &added);
	*first = NULL;
	return 0;
}

/* A key never 0 (0 marks an empty slot). */
static uint64_t
nonzero(uint64_t h)
{
	return h ? h : 1;
}

/* The identity of a pair of identities, for the set of pairs. */
static uint64_t
pair_key(uint64_t source, uint64_t target)
{
	return nonzero(hash_mix64(source) ^ (target * 0x9e3779b97f4a7c15ULL));
}

/* ------------------------------------------------------------ checker */

struct checker *
check_new(struct tmg_memory *memory, const struct check_options *options)
{
	struct checker *c = xcalloc(1, sizeof *c);

	c->memory = memory;
	c->options = *options;
	c->sources.limit = c->targets.limit =
		options->table_limit ? options->table_limit : SEEN_LIMIT;
	c->sources.spill_id = 0;
	c->targets.spill_id = 1;
	/* TRANSLATORS: a glossary term of the source, then its
	 * translations, quoted: 'a' or 'b' */
	c->missing_format = _("glossary term '%s': the target has no '%s'");
	c->or_last = _("' or '");
	if (memory == NULL) {
		c->options.checks &= ~CHECK_TERMS;
		c->options.against_memory = 0;
	}
	return c;
}

static void
langs_clear(struct check_langs *l)
{
	term_keyer_free(l->tgt_keyer);
	term_finder_close(l->in_source);
	for (size_t i = 0; i < l->nstatus; i++) {
		free(l->status_terms[i].text);
		free(l->status_terms[i].better);
	}
	free(l->status_terms);
	seen_clear(&l->status_first);
}

void
check_free(struct checker *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nfiles; i++)
		free(c->files[i]);
	free(c->files);
	for (size_t i = 0; i < c->nlangs; i++)
		langs_clear(&c->langs[i]);
	free(c->langs);
	seen_clear(&c->sources);
	seen_clear(&c->targets);
	sqlite3_close(c->spill);
	seen_clear(&c->mem_sources);
	seen_clear(&c->mem_targets);
	seen_clear(&c->mem_pairs);
	strbuf_release(&c->mem_texts);
	seen_clear(&c->keyed);
	term_hits_clear(&c->hits);
	free(c->concepts);
	term_key_tokens_clear(&c->tgt_tokens);
	term_key_tokens_clear(&c->scratch);
	strbuf_release(&c->message);
	free(c);
}

void
check_begin_file(struct checker *c, const char *path)
{
	ALLOC_GROW(c->files, c->nfiles + 1, c->afiles);
	c->files[c->nfiles++] = xstrdup(path);
}

/* Does the glossary language `lang` answer the pair's target?  One
 * verdict kept (lang_matches asks ICU). */
static int
is_target_lang(const struct check_langs *l, const char *lang,
	       char last[TMG_LANG_MAX], int *verdict)
{
	if (strcmp(last, lang) != 0) {
		snprintf(last, TMG_LANG_MAX, "%s", lang);
		*verdict = lang_matches(l->tgt, lang, 0);
	}
	return *verdict;
}

/*
 * The term of `concept` in the target language to use instead of `self`
 * (to free), or NULL: its preferred term, else its first that has no
 * status or is admitted.
 */
static char *
better_of_concept(const struct check_langs *l, sqlite3_stmt *st,
		  int64_t concept, const char *self)
{
	char last[TMG_LANG_MAX] = "", *other = NULL;
	int verdict = 0;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, concept);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *lang = (const char *)sqlite3_column_text(st, 0);
		const char *text = (const char *)sqlite3_column_text(st, 1);
		int status = sqlite3_column_int(st, 2);

		if (!lang || !text || strcmp(text, self) == 0 ||
		    status == TERM_DEPRECATED ||
		    !is_target_lang(l, lang, last, &verdict))
			continue;
		if (status == TERM_PREFERRED) {
			free(other);
			return xstrdup(text);
		}
		if (other == NULL)
			other = xstrdup(text);
	}
	return other;
}

/*
 * The deprecated terms of the pair's target language, keyed as targets
 * are, with the term to use instead: the target is searched for them
 * directly (term-deprecated of concepts the source does not name),
 * without a term finder's word boundaries and its ICU dictionary pass
 * over every Chinese target.
 */
static int
load_status_terms(struct checker *c, struct check_langs *l,
		  struct tmg_error *err)
{
	sqlite3 *db = memory_db(c->memory);
	sqlite3_stmt *st = NULL, *better = NULL;
	char last[TMG_LANG_MAX] = "";
	size_t alloc = 0;
	int verdict = 0, rc, ret = -1, added;

	if (glossary_refresh_index(c->memory, err) < 0 ||
	    store_prepare(db, "SELECT concept_id, lang, text, status"
			  " FROM terms WHERE status = ?1", &st,
			  err) < 0 ||
	    store_prepare(db, "SELECT lang, text, status FROM terms"
			  " WHERE concept_id = ?1 ORDER BY position, id",
			  &better, err) < 0)
		goto out;
	sqlite3_bind_int(st, 1, TERM_DEPRECATED);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *lang = (const char *)sqlite3_column_text(st, 1);
		const char *text = (const char *)sqlite3_column_text(st, 2);
		struct status_term *t;

		if (!lang || !text || !is_target_lang(l, lang, last, &verdict))
			continue;
		if (term_keyer_tokens(l->tgt_keyer, text, &c->scratch,
				      err) < 0)
			goto out;
		if (c->scratch.count == 0)
			continue;
		ALLOC_GROW(l->status_terms, l->nstatus + 1, alloc);
		t = &l->status_terms[l->nstatus++];
		t->concept = sqlite3_column_int64(st, 0);
		t->text = xstrdup(text);
		t->ntokens = c->scratch.count;
		t->first = c->scratch.items[0].hash;
		t->key = term_key_ngram_hash(&c->scratch, 0, t->ntokens);
		t->better = better_of_concept(l, better, t->concept, text);
		seen_add(&l->status_first, nonzero(t->first), 0, 0, 0, &added);
	}
	if (rc != SQLITE_DONE) {
		store_db_error(db, err);
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(better);
	return ret;
}

/* A language tag's verdicts: does it answer the pair's source, target?
 * (lang_matches asks ICU; a memory has a handful of tags.) */
struct lang_verdicts {
	struct {
		char lang[TMG_LANG_MAX];
		int src, tgt;
	} items[16];
	size_t count;
};

static void
verdicts_of(struct lang_verdicts *v, const struct check_langs *l,
	    const char *lang, int *src, int *tgt)
{
	size_t i;

	for (i = 0; i < v->count; i++)
		if (strcmp(v->items[i].lang, lang) == 0)
			break;
	if (i == v->count) {
		if (v->count == sizeof v->items / sizeof *v->items) {
			*src = lang_matches(l->src, lang, 0);
			*tgt = lang_matches(l->tgt, lang, 0);
			return;
		}
		snprintf(v->items[i].lang, sizeof v->items[i].lang, "%s", lang);
		v->items[i].src = lang_matches(l->src, lang, 0);
		v->items[i].tgt = lang_matches(l->tgt, lang, 0);
		v->count++;
	}
	*src = v->items[i].src;
	*tgt = v->items[i].tgt;
}

/*
 * The length bounds of the pair, learned from the memory's translations
 * (qa_length_learn()): at most LENGTH_SAMPLE units, evenly spread over
 * the memory's unit ids, are read one by one (an index look-up each, so
 * the time does not grow with the memory), and those with a variant in
 * each language of the pair give a sample.  Nothing learned (the
 * defaults then) when too few do.
 */
#define LENGTH_SAMPLE 20000

static int
learn_length(struct checker *c, struct check_langs *l, struct tmg_error *err)
{
	sqlite3 *db = memory_db(c->memory);
	sqlite3_stmt *range = NULL, *unit = NULL;
	struct qa_length_sample *samples = NULL;
	struct lang_verdicts verdicts = { .count = 0 };
	size_t n = 0;
	int64_t first = 0, last = -1, step;
	int rc, ret = -1;

	if (store_exec(db, "BEGIN", err) < 0)
		return -1;
	if (store_prepare(db, "SELECT min(id), max(id) FROM units", &range,
			  err) < 0 ||
	    store_prepare(db, "SELECT lang, text, markup FROM variants"
			  " WHERE unit_id = ?1 ORDER BY is_source DESC, id",
			  &unit, err) < 0)
		goto out;
	if (sqlite3_step(range) == SQLITE_ROW &&
	    sqlite3_column_type(range, 0) != SQLITE_NULL) {
		first = sqlite3_column_int64(range, 0);
		last = sqlite3_column_int64(range, 1);
	}
	step = (last - first) / LENGTH_SAMPLE + 1;
	samples = xcalloc(LENGTH_SAMPLE + 1, sizeof *samples);
	for (int64_t id = first; id <= last && n < LENGTH_SAMPLE; id += step) {
		const char *src = NULL, *tgt = NULL;
		char *keep[4] = { NULL, NULL, NULL, NULL };
		char src_lang[TMG_LANG_MAX] = "", tgt_lang[TMG_LANG_MAX] = "";

		sqlite3_reset(unit);
		sqlite3_bind_int64(unit, 1, id);
		while ((rc = sqlite3_step(unit)) == SQLITE_ROW) {
			const char *lang =
				(const char *)sqlite3_column_text(unit, 0);
			const char *text =
				(const char *)sqlite3_column_text(unit, 1);
			const char *markup =
				(const char *)sqlite3_column_text(unit, 2);
			int is_src, is_tgt;

			if (lang == NULL || text == NULL)
				continue;
			verdicts_of(&verdicts, l, lang, &is_src, &is_tgt);
			if (src == NULL && is_src) {
				src = keep[0] = xstrdup(text);
				keep[1] = markup ? xstrdup(markup) : NULL;
				snprintf(src_lang, sizeof src_lang, "%s", lang);
			} else if (tgt == NULL && is_tgt) {
				tgt = keep[2] = xstrdup(text);
				keep[3] = markup ? xstrdup(markup) : NULL;
				snprintf(tgt_lang, sizeof tgt_lang, "%s", lang);
			}
		}
		if (rc != SQLITE_DONE) {
			for (int i = 0; i < 4; i++)
				free(keep[i]);
			store_db_error(db, err);
			goto out;
		}
		if (src && tgt &&
		    qa_length_sample(src_lang, tgt_lang, src, keep[1], tgt,
				     keep[3], &samples[n]))
			n++;
		for (int i = 0; i < 4; i++)
			free(keep[i]);
	}
	qa_length_learn(samples, n, &l->length);
	ret = 0;
out:
	sqlite3_finalize(range);
	sqlite3_finalize(unit);
	free(samples);
	if (store_exec(db, ret == 0 ? "COMMIT" : "ROLLBACK",
		       ret == 0 ? err : NULL) < 0)
		ret = -1;
	return ret;
}

/* The state of the pair src -> tgt, made on first use (keyers; term
 * finders when term checks run; length bounds when the length check
 * runs with a memory).  NULL with err. */
static struct check_langs *
langs_of(struct checker *c, const char *src, const char *tgt,
	 struct tmg_error *err)
{
	struct check_langs *l;

	for (size_t i = 0; i < c->nlangs; i++)
		if (strcmp(c->langs[i].src, src) == 0 &&
		    strcmp(c->langs[i].tgt, tgt) == 0)
			return &c->langs[i];
	ALLOC_GROW(c->langs, c->nlangs + 1, c->alangs);
	l = &c->langs[c->nlangs];
	memset(l, 0, sizeof *l);
	snprintf(l->src, sizeof l->src, "%s", src);
	snprintf(l->tgt, sizeof l->tgt, "%s", tgt);
	l->salt = hash_fnv1a_str(hash_fnv1a_str(HASH_FNV_OFFSET, src), tgt);
	if ((l->tgt_keyer = term_keyer_new(tgt, err)) == NULL)
		goto fail;
	if (c->options.checks & CHECK_TERMS &&
	    (l->in_source = term_finder_open(c->memory, src, tgt,
					     err)) == NULL)
		goto fail;
	if (c->options.checks & (1u << QA_TERM_DEPRECATED) &&
	    load_status_terms(c, l, err) < 0)
		goto fail;
	if (c->memory && c->options.checks & (1u << QA_LENGTH) &&
	    learn_length(c, l, err) < 0)
		goto fail;
	c->nlangs++;
	return l;
fail:
	langs_clear(l);
	return NULL;
}

/* A byte of a word: an ASCII letter or digit, or a byte of a non-ASCII
 * character (letters of other scripts, Han). */
static int
is_word_byte(unsigned char b)
{
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
	       (b >= '0' && b <= '9') || b >= 0x80;
}

/* The case of a letter that UTF-8 writes C3 xx: U+00C0-U+00DE but the
 * multiplication sign. */
static int
latin1_upper(const unsigned char *p)
{
	return p[0] == 0xc3 && p[1] >= 0x80 && p[1] <= 0x9e && p[1] != 0x97;
}

/*
 * The identity of a text for the consistency check, mixed with the
 * pair's salt, or 0 for a text without letters, digits or other scripts'
 * characters: its bytes hashed with white space left out, ASCII and
 * Latin-1 letters lower-cased, and a word's final s or x dropped when
 * two bytes or more stay (French plurals: les, aux, fichiers).  Cheaper
 * than term keys by a tokeniser pass; Traditional and Simplified forms,
 * and accents, stay different.
 */
static uint64_t
text_identity(const struct check_langs *l, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	uint64_t h = hash_fnv1a(HASH_FNV_OFFSET, &l->salt, sizeof l->salt);
	size_t word = 0;   /* bytes of the word so far */
	unsigned char held = 0; /* its final s or x, not hashed yet */
	int content = 0;

	for (;; p++) {
		unsigned char b = *p;
		int in_word = is_word_byte(b);

		if (held) {
			if (word <= 2)
				h = hash_fnv1a(h, &held, 1);
			held = 0;
		}
		if (b == '\0')
			break;
		if (!in_word) {
			word = 0;
			if (b != ' ' && b != '\t' && b != '\n' && b != '\r')
				h = hash_fnv1a(h, &b, 1);
			continue;
		}
		content = 1;
		word++;
		if (b >= 'A' && b <= 'Z')
			b += 'a' - 'A';
		if ((b == 's' || b == 'x') && !is_word_byte(p[1])) {
			held = b;
			continue;
		}
		h = hash_fnv1a(h, &b, 1);
		if (latin1_upper(p)) {
			unsigned char lower = p[1] + 0x20;

			h = hash_fnv1a(h, &lower, 1);
			word++;
			p++;
		}
	}
	return content ? nonzero(hash_mix64(h)) : 0;
}

/* -------------------------------------------------------- term checks */

/* The term key of a glossary translation `text` in the pair's target
 * language (its entry in c->keyed: the key in `other`, its number of
 * tokens in `where`), keyed once per run.  NULL with err. */
static const struct seen *
keyed_translation(struct checker *c, struct check_langs *l, const char *text,
		  struct tmg_error *err)
{
	uint64_t h = nonzero(hash_fnv1a_str(l->salt, text));
	const struct seen *k = seen_find(&c->keyed, h);
	int added;

	if (k)
		return k;
	if (term_keyer_tokens(l->tgt_keyer, text, &c->scratch, err) < 0)
		return NULL;
	return seen_add(&c->keyed, h, term_key_ngram_hash(&c->scratch, 0,
							  c->scratch.count),
			c->scratch.count, c->scratch.count ?
			(int64_t)c->scratch.items[0].hash : 0, &added);
}

/* Does the target (c->tgt_tokens) hold the keyed translation? */
static int
target_holds(const struct checker *c, const struct seen *k)
{
	const struct term_key_tokens *t = &c->tgt_tokens;
	size_t n = k->where;

	if (n == 0 || n > t->count)
		return 0;
	/* the first token's hash sifts the places before the n-gram's */
	for (size_t i = 0; i + n <= t->count; i++)
		if ((int64_t)t->items[i].hash == k->line &&
		    term_key_ngram_hash(t, i, n) == k->other)
			return 1;
	return 0;
}

/* 'a', 'b' and 'c': the translations of a hit, quoted, into c->message. */
static const char *
quoted_translations(struct checker *c, const struct term_hit *h)
{
	strbuf_reset(&c->message);
	for (size_t i = 0; i < h->ntranslations; i++) {
		if (i > 0)
			strbuf_addstr(&c->message, i + 1 == h->ntranslations
				      ? c->or_last : "', '");
		strbuf_addstr(&c->message, h->translations[i].text);
	}
	return c->message.buf ? c->message.buf : "";
}

/* Report `text` as a deprecated term (error), naming `better` if any. */
static void
report_deprecated(const char *text, const char *better, qa_report_fn report,
		  void *data)
{
	char buf[1024];

	if (better)
		snprintf(buf, sizeof buf, _("'%s' is a deprecated term: use "
					    "'%s'"), text, better);
	else
		snprintf(buf, sizeof buf, _("'%s' is a deprecated term"), text);
	report(data, QA_TERM_DEPRECATED, QA_ERROR, buf);
}

/* Report `text` as an admitted term where `better` is preferred (info). */
static void
report_admitted(const char *text, const char *better, qa_report_fn report,
		void *data)
{
	char buf[1024];

	snprintf(buf, sizeof buf, _("'%s' is an admitted term; the preferred "
				    "one is '%s'"), text, better);
	report(data, QA_TERM_ADMITTED, QA_INFO, buf);
}

/* The concept's best term other than `self` that is not deprecated
 * (preferred if `preferred_only`), or NULL: its terms come preferred
 * first (terms.c). */
static const char *
better_term(const struct term_hit *h, const char *self, int preferred_only)
{
	for (size_t i = 0; i < h->ntranslations; i++) {
		const struct term_translation *t = &h->translations[i];

		if (strcmp(t->text, self) == 0 ||
		    t->status == TERM_DEPRECATED ||
		    (preferred_only && t->status != TERM_PREFERRED))
			continue;
		return t->text;
	}
	return NULL;
}

/* The target's term keys into c->tgt_tokens, once a segment (only
 * when a check needs them: tokenising is the term checks' main cost). */
static int
key_target(struct checker *c, struct check_langs *l, const char *target,
	   struct tmg_error *err)
{
	if (c->tgt_keyed)
		return 0;
	if (term_keyer_tokens(l->tgt_keyer, target, &c->tgt_tokens, err) < 0)
		return -1;
	c->tgt_keyed = 1;
	return 0;
}

/*
 * The source's terms: term-missing when the target holds none of a
 * term's translations; term-deprecated and term-admitted when it holds a
 * deprecated one, or an admitted one and not the preferred.  The target
 * is searched on term keys, word boundaries aside (a Chinese compound
 * holds its terms).  The concepts met go to c->concepts.
 */
static int
check_source_terms(struct checker *c, struct check_langs *l,
		   const char *source, const char *target, qa_report_fn report,
		   void *data, struct tmg_error *err)
{
	unsigned checks = c->options.checks;
	char buf[1024];

	c->nconcepts = 0;
	if (term_finder_find(l->in_source, source, &c->hits, err) < 0)
		return -1;
	if (c->hits.count > 0 && key_target(c, l, target, err) < 0)
		return -1;
	for (size_t i = 0; i < c->hits.count; i++) {
		const struct term_hit *h = &c->hits.items[i];
		const char *deprecated = NULL, *admitted = NULL, *better;
		int found = 0, preferred = 0;

		if (h->proposed || h->ntranslations == 0)
			continue;
		ALLOC_GROW(c->concepts, c->nconcepts + 1, c->aconcepts);
		c->concepts[c->nconcepts++] = h->concept;
		for (size_t k = 0; k < h->ntranslations; k++) {
			const struct term_translation *t = &h->translations[k];
			const struct seen *kt =
				keyed_translation(c, l, t->text, err);

			if (kt == NULL)
				return -1;
			if (!target_holds(c, kt))
				continue;
			found = 1;
			if (t->status == TERM_DEPRECATED && !deprecated)
				deprecated = t->text;
			else if (t->status == TERM_ADMITTED && !admitted)
				admitted = t->text;
			else if (t->status == TERM_PREFERRED)
				preferred = 1;
		}
		if (!found && checks & (1u << QA_TERM_MISSING)) {
			snprintf(buf, sizeof buf, c->missing_format,
				 h->matched, quoted_translations(c, h));
			report(data, QA_TERM_MISSING, QA_WARNING, buf);
		}
		if (deprecated && checks & (1u << QA_TERM_DEPRECATED))
			report_deprecated(deprecated,
					  better_term(h, deprecated, 0),
					  report, data);
		if (admitted && !preferred &&
		    checks & (1u << QA_TERM_ADMITTED) &&
		    (better = better_term(h, admitted, 1)) != NULL)
			report_admitted(admitted, better, report, data);
	}
	return 0;
}

/* Is `concept` among the source's (c->concepts)? */
static int
source_concept(const struct checker *c, int64_t concept)
{
	for (size_t i = 0; i < c->nconcepts; i++)
		if (c->concepts[i] == concept)
			return 1;
	return 0;
}

/* term-deprecated: the target's deprecated terms (load_status_terms())
 * of concepts the source does not name (check_source_terms() said the
 * others).  An admitted term of such a concept is no finding: out of the
 * source's concepts it is most often another sense (信息 "information"
 * where 消息 is preferred for "message"). */
static void
check_target_terms(struct checker *c, struct check_langs *l,
		   qa_report_fn report, void *data)
{
	const struct term_key_tokens *t = &c->tgt_tokens;
	size_t i;

	/* most targets hold no first token of these terms: one look-up a
	 * token tells, before a pass over the target per term */
	for (i = 0; i < t->count; i++)
		if (seen_find(&l->status_first, nonzero(t->items[i].hash)))
			break;
	if (i == t->count)
		return;
	for (size_t k = 0; k < l->nstatus; k++) {
		const struct status_term *s = &l->status_terms[k];
		int held = 0;

		for (i = 0; i + s->ntokens <= t->count && !held; i++)
			held = t->items[i].hash == s->first &&
			       term_key_ngram_hash(t, i, s->ntokens) == s->key;
		if (!held || source_concept(c, s->concept))
			continue;
		report_deprecated(s->text, s->better, report, data);
	}
}

/* ------------------------------------------------------ consistency */

/* A text of the memory's for a message, copied once into c->mem_texts;
 * its offset. */
static size_t
keep_text(struct checker *c, const char *text)
{
	size_t at = c->mem_texts.len;

	strbuf_add(&c->mem_texts, text, strlen(text) + 1);
	return at;
}

struct memory_read {
	struct checker *c;
	struct check_langs *l;
	char verdict_lang[TMG_LANG_MAX];
	int verdict;
};

static int
is_source_lang(struct memory_read *m, const char *lang)
{
	if (strcmp(m->verdict_lang, lang) != 0) {
		snprintf(m->verdict_lang, sizeof m->verdict_lang, "%s", lang);
		m->verdict = lang_matches(m->l->src, lang, 0);
	}
	return m->verdict;
}

/* One unit of the memory into the memory's tables. */
static int
memory_pair(void *data, const struct tmg_unit *unit, struct tmg_error *err)
{
	struct memory_read *m = data;
	struct checker *c = m->c;
	const struct tmg_variant *s = NULL, *t = NULL;
	uint64_t sk, tk;
	struct seen *slot;
	int added;

	for (size_t i = 0; i < unit->nvariants; i++) {
		if (s == NULL && is_source_lang(m, unit->variants[i].lang))
			s = &unit->variants[i];
		else if (t == NULL)
			t = &unit->variants[i];
	}
	if (s == NULL || t == NULL || t->text[0] == '\0')
		return 0;
	(void)err;
	if ((sk = text_identity(m->l, s->text)) == 0 ||
	    (tk = text_identity(m->l, t->text)) == 0)
		return 0;
	seen_add(&c->mem_pairs, pair_key(sk, tk), 0, 0, 0, &added);
	slot = seen_add(&c->mem_sources, sk, tk, 0, 0, &added);
	if (added)
		slot->where = keep_text(c, t->text);
	slot = seen_add(&c->mem_targets, tk, sk, 0, 0, &added);
	if (added)
		slot->where = keep_text(c, s->text);
	return 0;
}

/* The memory's pairs of the language pair, once. */
static int
read_memory(struct checker *c, struct check_langs *l, struct tmg_error *err)
{
	struct memory_filter filter = { .src = l->src, .tgt = l->tgt };
	struct memory_read m = { .c = c, .l = l };

	if (l->memory_read)
		return 0;
	l->memory_read = 1;
	return memory_foreach_unit(c->memory, &filter, memory_pair, &m, err)
		< 0 ? -1 : 0;
}

/* inconsistent: against the segments checked so far, then the memory. */
static int
check_consistency(struct checker *c, struct check_langs *l,
		  const struct check_segment *seg, qa_report_fn report,
		  void *data, struct tmg_error *err)
{
	uint64_t sk, tk;
	const struct seen *m, *s;
	char buf[2048];

	if ((sk = text_identity(l, seg->source)) == 0 ||
	    (tk = text_identity(l, seg->target)) == 0)
		return 0;
	if (seen_remember(&c->spill, &c->sources, sk, tk, c->nfiles - 1,
			  seg->line, &s, err) < 0)
		return -1;
	if (s != NULL && s->other != tk) {
		/* TRANSLATORS: FILE:LINE of the segment met first */
		snprintf(buf, sizeof buf, _("the same source is translated "
					    "otherwise at %s:%ld"),
			 c->files[s->where], (long)s->line);
		report(data, QA_INCONSISTENT, QA_WARNING, buf);
	}
	if (seen_remember(&c->spill, &c->targets, tk, sk, c->nfiles - 1,
			  seg->line, &s, err) < 0)
		return -1;
	if (s != NULL && s->other != sk) {
		/* TRANSLATORS: FILE:LINE of the segment met first */
		snprintf(buf, sizeof buf, _("the same translation is given to "
					    "another source at %s:%ld"),
			 c->files[s->where], (long)s->line);
		report(data, QA_INCONSISTENT, QA_WARNING, buf);
	}
	if (!c->options.against_memory)
		return 0;
	if (read_memory(c, l, err) < 0)
		return -1;
	if (seen_find(&c->mem_pairs, pair_key(sk, tk)) != NULL)
		return 0;
	if ((m = seen_find(&c->mem_sources, sk)) != NULL) {
		snprintf(buf, sizeof buf, _("the memory translates this source "
					    "otherwise: '%s'"),
			 c->mem_texts.buf + m->where);
		report(data, QA_INCONSISTENT, QA_WARNING, buf);
	} else if ((m = seen_find(&c->mem_targets, tk)) != NULL) {
		snprintf(buf, sizeof buf, _("the memory gives this translation "
					    "to another source: '%s'"),
			 c->mem_texts.buf + m->where);
		report(data, QA_INCONSISTENT, QA_WARNING, buf);
	}
	return 0;
}

/* ---------------------------------------------------------- a segment */

int
check_translation(struct checker *c, const struct check_segment *seg,
	      qa_report_fn report, void *data, struct tmg_error *err)
{
	const char *target = seg->target ? seg->target : "";
	unsigned checks = c->options.checks;
	struct qa_pair_options pair = c->options.pair;
	struct check_langs *l = NULL;
	int known = seg->src_lang[0] != '\0' && seg->tgt_lang[0] != '\0';

	/* the pair's state first when the length bounds are learned */
	if (known && c->memory && checks & (1u << QA_LENGTH)) {
		if ((l = langs_of(c, seg->src_lang, seg->tgt_lang, err)) == NULL)
			return -1;
		pair.length_learned = &l->length;
	}
	pair.checks = checks & ~CHECK_OWN;
	if (pair.checks)
		qa_check_pair(&pair, seg->src_lang, seg->tgt_lang, seg->source,
			      seg->source_markup, target, seg->target_markup,
			      report, data);
	/* an untranslated segment says so once, above */
	if (!(checks & CHECK_OWN) || target[0] == '\0' ||
	    strcmp(target, seg->source) == 0 || !known)
		return 0;
	if (l == NULL &&
	    (l = langs_of(c, seg->src_lang, seg->tgt_lang, err)) == NULL)
		return -1;
	c->nconcepts = 0;
	c->tgt_keyed = 0;
	if (checks & CHECK_TERMS &&
	    check_source_terms(c, l, seg->source, target, report, data,
			       err) < 0)
		return -1;
	/* without deprecated terms in the glossary, a target that holds
	   no translation of a source term is not even tokenised */
	if (checks & (1u << QA_TERM_DEPRECATED) && l->nstatus > 0) {
		if (key_target(c, l, target, err) < 0)
			return -1;
		check_target_terms(c, l, report, data);
	}
	if (!(checks & (1u << QA_INCONSISTENT)))
		return 0;
	return check_consistency(c, l, seg, report, data, err);
}
