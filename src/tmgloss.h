/*
 * tmgloss.h -- the one public header of the tmgloss engine.
 *
 * The engine is layered (see DESIGN.md): text (ICU only), formats (libxml2,
 * no SQLite), memory (SQLite, no XML), features, and the command line on top.
 * This header declares what each layer offers to the layers above it.
 *
 * Ownership: every "char *" inside a struct is owned by that struct and
 * freed by the struct's *_clear / *_free function, unless a comment says
 * otherwise.  Functions that return int return 0 on success and -1 on
 * failure, with the reason in a struct tmg_error when one is passed.
 */
#ifndef TMGLOSS_H
#define TMGLOSS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---------------------------------------------------------------- errors */

/* What went wrong and where.  file/line/column are 0/"" when unknown. */
struct tmg_error {
	char file[1024];
	long line;
	long column;
	char message[1024];
};

void tmg_error_set(struct tmg_error *err, const char *file, long line,
		   long column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Format "file:line:column: message" into buf. */
void tmg_error_format(const struct tmg_error *err, char *buf, size_t size);

/* ------------------------------------------------------- languages (lang.c) */

#define TMG_LANG_MAX 64

/*
 * Canonical BCP 47 form of a language tag through ICU: "fr_FR", "FR-fr" ->
 * "fr-FR"; "zh_CN" -> "zh-CN".  Returns 0, or -1 for an empty, malformed or
 * unknown tag.
 */
int lang_canonicalize(const char *tag, char *out, size_t size);

/*
 * Does the stored tag `tag` answer the user's request `want`?  Without
 * `exact`, a bare language matches every tag of that language ("fr" ~
 * "fr-CA", "zh" ~ "zh-TW"); other tags match when language and script agree
 * once likely subtags are added (fr-FR ~ fr-CA; zh-CN ~ zh-Hans ~ zh-SG,
 * zh-TW ~ zh-Hant ~ zh-HK, but zh-CN !~ zh-TW).  With `exact`, the
 * canonical tags must be equal.  Tags that do not canonicalise ("*all*")
 * match only themselves, case aside.
 */
int lang_matches(const char *want, const char *tag, int exact);

/* ------------------------------------------------------- text (text.c) */

/* Options of a matching key. */
enum text_key_flags {
	TEXT_FOLD_ACCENTS = 1 << 0,     /* incarnee ~ incarnée */
	TEXT_FOLD_TRADITIONAL = 1 << 1, /* 類腦智能 ~ 类脑智能 */
};

/*
 * The matching key of a UTF-8 string: NFKC and case folding (fullwidth ->
 * halfwidth), then the folds asked in `flags`.  Returns a new UTF-8 string
 * (to free), or NULL with `err` set for invalid UTF-8.
 */
char *text_key(const char *utf8, int flags, struct tmg_error *err);

enum token_kind {
	TOKEN_WORD,   /* a word of an alphabetic script (elided article too) */
	TOKEN_NUMBER, /* digits, with French grouping: "8 620", "3,5" */
	TOKEN_HAN,    /* Han: one character (TOKENS_MATCH) or a word */
	TOKEN_PUNCT,  /* punctuation and symbols */
	TOKEN_TAG,    /* an inline tag placeholder (U+FFFC in the text) */
};

enum tokenize_mode {
	TOKENS_MATCH, /* for fuzzy matching: Han characters one by one */
	TOKENS_WORDS, /* for term boundaries: ICU dictionary words for Han */
};

struct text_token {
	enum token_kind kind;
	int32_t start, end;           /* code points in the input */
	int32_t byte_start, byte_end; /* bytes in the input */
	char *key;                    /* matching key of the token (owned by
					 the struct text_tokens) */
};

/* Zero-initialise; text_tokens_clear() frees.  The keys live in one block
 * (`keys`) reused from call to call, so tokenising allocates nothing once
 * the buffers have grown. */
struct text_tokens {
	struct text_token *items;
	size_t count, alloc;
	char *keys;                   /* the keys, NUL-separated */
	size_t keys_len, keys_alloc;
};

/*
 * Split UTF-8 text in language `lang` into tokens (white space is not a
 * token), replacing what `out` held.  Returns 0, or -1 with `err` set for
 * invalid UTF-8 (and `out` empty).
 */
int text_tokenize(const char *utf8, const char *lang, enum tokenize_mode mode,
		  int key_flags, struct text_tokens *out,
		  struct tmg_error *err);
void text_tokens_clear(struct text_tokens *tokens);

/* ------------------------------------------------- units (unit.c) */

/* A name/value pair kept verbatim (extra XML attributes). */
struct tmg_attr {
	char *name;
	char *value;
};

/* A TMX <prop> (is_note == 0) or <note> (is_note == 1). */
struct tmg_annotation {
	int is_note;
	char *type;     /* prop type; NULL for notes */
	char *lang;     /* xml:lang or NULL */
	char *encoding; /* o-encoding or NULL */
	char *value;
};

struct tmg_annotations {
	struct tmg_annotation *items;
	size_t count, alloc;
};

struct tmg_attrs {
	struct tmg_attr *items;
	size_t count, alloc;
};

/* One language version of a unit: a TMX <tuv>. */
struct tmg_variant {
	char lang[TMG_LANG_MAX]; /* canonical BCP 47 */
	char *text;   /* the segment as plain text, inline codes left out */
	char *markup; /* the segment's content as XML, inline tags verbatim;
			 NULL when the segment is plain text */
	struct tmg_attrs attrs; /* other <tuv> attributes, dates normalised */
	struct tmg_annotations notes; /* props and notes, in file order */
	long line;    /* line of the <tuv> in its file */
};

/* A translation unit: a TMX <tu>. */
struct tmg_unit {
	char *tuid;
	char srclang[TMG_LANG_MAX]; /* canonical, "*all*", or "" when unknown */
	char *creation_date;        /* YYYYMMDDThhmmssZ or NULL */
	char *creation_id;
	char *change_date;          /* YYYYMMDDThhmmssZ or NULL */
	char *change_id;
	long usage_count;           /* -1 when absent */
	char *last_usage_date;
	struct tmg_attrs attrs;     /* other <tu> attributes */
	struct tmg_annotations notes;
	struct tmg_variant *variants;
	size_t nvariants, avariants;
	long line;                  /* line of the <tu> in its file */
};

void unit_init(struct tmg_unit *unit);
void unit_clear(struct tmg_unit *unit);
struct tmg_variant *unit_add_variant(struct tmg_unit *unit);
/* The variant in the unit's source language, else the first; NULL if none. */
const struct tmg_variant *unit_source_variant(const struct tmg_unit *unit);

void attrs_add(struct tmg_attrs *attrs, const char *name, const char *value);
const char *attrs_get(const struct tmg_attrs *attrs, const char *name);
void attrs_clear(struct tmg_attrs *attrs);
struct tmg_annotation *annotations_add(struct tmg_annotations *list, int is_note);
void annotations_clear(struct tmg_annotations *list);

/*
 * Normalise a TMX date ("20250622T101500Z") or a dashed ISO 8601 date
 * ("2025-06-22T10:15:00Z", "2025-06-22 10:15:00", "2025-06-22") into
 * YYYYMMDDThhmmssZ.  Returns 0, or -1 when the text is not a date.
 */
int tmx_date_normalize(const char *in, char out[17]);

/* ------------------------------------------------ TMX reader (tmx-read.c) */

struct tmx_header {
	char version[16];          /* "1.4", "1.1", ... or "" */
	char srclang[TMG_LANG_MAX];/* canonical, "*all*" or "" */
	struct tmg_attrs attrs;    /* every <header> attribute, verbatim */
	struct tmg_annotations notes;
};

struct tmx_read_options {
	int repair;        /* drop XML-illegal control characters */
	int skip_invalid;  /* skip bad units instead of failing */
};

/* Called for every skipped unit (skip_invalid) and every repair. */
typedef void (*tmx_warning_fn)(void *data, const struct tmg_error *warning);

struct tmx_reader;

/*
 * Open `path` for streaming.  The file is read through libxml2's
 * xmlTextReader with no network, no DTD loading and no external entities.
 * Returns NULL with `err` set on failure.
 */
struct tmx_reader *tmx_reader_open(const char *path,
				   const struct tmx_read_options *options,
				   tmx_warning_fn warn, void *warn_data,
				   struct tmg_error *err);
/*
 * Read the next unit into `unit` (cleared first).  Returns 1 when a unit was
 * read, 0 at the end of the file, -1 on error (with `err` set).
 */
int tmx_reader_next(struct tmx_reader *reader, struct tmg_unit *unit,
		    struct tmg_error *err);
/* The header; complete once the first unit (or the end) has been read. */
const struct tmx_header *tmx_reader_header(const struct tmx_reader *reader);
/* Bytes of the file consumed so far, and its total size. */
uint64_t tmx_reader_bytes_read(const struct tmx_reader *reader);
uint64_t tmx_reader_file_size(const struct tmx_reader *reader);
/* Number of characters dropped by the repair option. */
unsigned long tmx_reader_repairs(const struct tmx_reader *reader);
void tmx_reader_close(struct tmx_reader *reader);

/* ------------------------------------------------ TMX writer (tmx-write.c) */

struct tmx_writer;

/*
 * Create a TMX 1.4b file at `path` ("-" for stdout).  `srclang` goes into
 * the header ("*all*" when units have different sources); `notes` are the
 * header's props and notes (may be NULL).
 */
struct tmx_writer *tmx_writer_open(const char *path, const char *srclang,
				   const struct tmg_annotations *notes,
				   struct tmg_error *err);
int tmx_writer_add_unit(struct tmx_writer *writer, const struct tmg_unit *unit,
			struct tmg_error *err);
/* Attributes and elements left out because TMX 1.4b does not allow them
 * where they stood (call before closing). */
unsigned long tmx_writer_dropped(const struct tmx_writer *writer);
/* Finish the document and close the file; frees the writer. */
int tmx_writer_close(struct tmx_writer *writer, struct tmg_error *err);

/* ------------------------------------------------------ memory (memory.c) */

struct tmg_memory;

/* How long a connection waits for another's write lock (memory_open). */
#define MEMORY_BUSY_TIMEOUT_MS 5000

/* Open (creating and migrating as needed) the memory at `path`. */
struct tmg_memory *memory_open(const char *path, struct tmg_error *err);
void memory_close(struct tmg_memory *memory);
/* 1 when the memory holds no unit, 0 when it holds some, -1 on error. */
int memory_is_empty(struct tmg_memory *memory, struct tmg_error *err);
/* The SQLite handle, for the feature modules.  Owned by the memory. */
struct sqlite3 *memory_db(struct tmg_memory *memory);
const char *memory_path(const struct tmg_memory *memory);

/* What adding a unit did. */
enum memory_add_result {
	MEMORY_ADDED,     /* a new unit */
	MEMORY_MERGED,    /* same content as a stored unit: metadata merged */
	MEMORY_UNCHANGED, /* same content, stored one is as new or newer */
};

struct memory_import {
	int keep_duplicates;
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
 * The search indexes (index-update.c).  An import only stores units; the
 * fuzzy-matching and suggestion indexes take in the units stored since
 * they were last brought up to date when memory_update_indexes() runs,
 * which every search does first (match, concord, suggest, extract).
 * `progress` (may be NULL) is called now and then with the units indexed
 * so far and the number pending.  Returns the number of units indexed (0
 * when the indexes were up to date), or -1 with `err` set and the memory
 * unchanged.
 */
typedef void (*memory_progress_fn)(void *data, long long done,
				   long long total);
long long memory_update_indexes(struct tmg_memory *memory,
				memory_progress_fn progress, void *data,
				struct tmg_error *err);
/* How many units the indexes have still to take in, or -1. */
long long memory_unindexed_units(struct tmg_memory *memory,
				 struct tmg_error *err);
/* Within an import's transaction: the indexes are to take in every unit
 * from `first_unit` on (memory.c calls it before the import commits). */
int index_mark_pending(struct sqlite3 *db, int64_t first_unit,
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
 * Call `fn` for every unit that passes `filter` (variants outside src/tgt are
 * left out when a language is given).  Stops at the first non-zero return.
 */
int memory_foreach_unit(struct tmg_memory *memory,
			const struct memory_filter *filter, memory_unit_fn fn,
			void *data, struct tmg_error *err);
/* The header notes of an origin (for export), into `notes`. */
int memory_origin_notes(struct tmg_memory *memory, const char *origin,
			struct tmg_annotations *notes, struct tmg_error *err);

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
	struct memory_count *languages, *pairs, *origins;
	size_t nlanguages, npairs, norigins;
	long long file_size;
	int schema_version;
};

int memory_get_stats(struct tmg_memory *memory, struct memory_stats *stats,
		     struct tmg_error *err);
void memory_stats_free(struct memory_stats *stats);

/* ---------------------------------------------------------- store (store.c) */

/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 7

/* Bring the schema of `db` up to STORE_SCHEMA_VERSION, in a transaction. */
int store_migrate(struct sqlite3 *db, struct tmg_error *err);
/* Run one SQL statement with no parameters and no results. */
int store_exec(struct sqlite3 *db, const char *sql, struct tmg_error *err);

/* ------------------------- sentences and text utilities (segment.c, srx.c) */

/* A stretch of text: code points and bytes of the input, end exclusive. */
struct text_span {
	int32_t start, end;
	int32_t byte_start, byte_end;
	int32_t paragraph; /* 0-based paragraph (blank lines separate them) */
};

struct text_spans {
	struct text_span *items;
	size_t count, alloc;
};

void text_spans_clear(struct text_spans *spans);

/*
 * Byte offset of the first invalid UTF-8 sequence in s[0..len), or -1 when
 * it is all valid (a NUL byte counts as invalid: text never holds one).
 */
long text_invalid_utf8(const char *s, size_t len);

/* Name of a token kind for output ("word", "number", "han", "punct",
 * "tag"). */
const char *token_kind_name(enum token_kind kind);

/*
 * The sentences of UTF-8 text in language `lang` (NULL: no language), by
 * ICU's sentence break with the CLDR abbreviation suppressions
 * ("fr@ss=standard"), a few rules of our own for French abbreviations,
 * Chinese ；and …, and quotes (see segment.c).  Blank lines end paragraphs;
 * a single line break does not end a sentence.  Spans exclude surrounding
 * white space; `out` is emptied first.  Returns 0, or -1 with `err` set for
 * invalid UTF-8.
 */
int text_sentences(const char *utf8, const char *lang, struct text_spans *out,
		   struct tmg_error *err);

/*
 * Free the ICU objects and buffers the text layer keeps for the calling
 * thread (break iterators, the transliterator, the key memo).  Optional, at
 * exit; the layer can be used again after.  The layer may be used from
 * several threads at once: each has its own, freed when it ends.
 */
void text_cleanup(void);

/* SRX 1.0 / 2.0 segmentation rules (srx.c). */
struct srx_rules;

/*
 * Load the rules of an SRX file (libxml2, no network, no external
 * entities).  Returns NULL with `err` naming file:line for a bad file or a
 * regular expression ICU cannot compile.
 */
struct srx_rules *srx_load(const char *path, struct tmg_error *err);
/*
 * Sentences of `utf8` by the rules that the SRX language maps select for
 * `lang` (cascading in SRX 2.0 when the header asks for it).  Same output
 * and paragraph handling as text_sentences().
 */
int srx_sentences(struct srx_rules *rules, const char *utf8, const char *lang,
		  struct text_spans *out, struct tmg_error *err);
/*
 * Select and compile the rules that apply to `lang`; their number goes into
 * *count.  Returns -1 with `err` naming file:line of a rule whose regular
 * expression ICU rejects.  srx_sentences() calls it itself.
 */
int srx_prepare(struct srx_rules *rules, const char *lang, size_t *count,
		struct tmg_error *err);
void srx_free(struct srx_rules *rules);

/* ------------------------------------------------ collation (collate.c) */

struct sqlite3;
struct tmg_collator;

/*
 * An ICU collator for `locale`: a BCP 47 tag ("fr", "zh", "zh-u-co-stroke")
 * or an ICU locale id ("zh@collation=stroke").  Chinese sorts by pinyin
 * unless stroke order is asked.  NULL with `err` set for an unknown
 * language.
 */
struct tmg_collator *collator_open(const char *locale, struct tmg_error *err);
/* <0, 0, >0 like strcmp, for NUL-terminated UTF-8. */
int collator_compare(const struct tmg_collator *collator, const char *a,
		     const char *b);
void collator_close(struct tmg_collator *collator);

/*
 * Register a collation for `locale` with SQLite and write its name (to use
 * in ORDER BY ... COLLATE name) into `name`.  The connection owns the
 * collator from then on.  Registering the same locale twice is harmless.
 */
int collate_register(struct sqlite3 *db, const char *locale, char *name,
		     size_t size, struct tmg_error *err);
/* ---------------------------------------- token index (fuzzy-index.c) */

/*
 * The index that fuzzy matching and concordance draw candidates from,
 * brought up to date by index-update.c within one transaction.  Postings
 * added are held in bounded memory (a temporary file takes the rest,
 * posting-builder.c) and written by fuzzy_index_flush() (before the
 * transaction commits) or dropped by fuzzy_index_discard() (on rollback).
 */
struct fuzzy_index;

struct fuzzy_index *fuzzy_index_open(struct sqlite3 *db);
/* Entries go in with fuzzy_index_add_entry() (fuzzy-index.h). */
int fuzzy_index_flush(struct fuzzy_index *index, struct tmg_error *err);
void fuzzy_index_discard(struct fuzzy_index *index);
void fuzzy_index_close(struct fuzzy_index *index);

/* ----------------------------------------- fuzzy matching (fuzzy.c) */

/* The score of `candidate` against `query`, both plain text in `lang`
 * (0..100; formula at the top of fuzzy.c).  -1 with `err` on bad UTF-8. */
int fuzzy_score(const char *query, const char *candidate, const char *lang,
		struct tmg_error *err);

struct fuzzy_options {
	const char *src;  /* language of the query (a request, lang_matches) */
	const char *tgt;  /* language of the translations */
	int min_score;    /* 1..100 */
	size_t max_hits;  /* >= 1 */
	int exhaustive;   /* score every unit instead of using the index */
};

struct fuzzy_hit {
	int64_t unit_id;
	int score;
	char *source;      /* the matched source segment (plain text) */
	char *source_lang;
	char *target;      /* its translation */
	char *target_lang;
	char *origin;      /* file the unit was imported from, or NULL */
	char *change_date; /* YYYYMMDDThhmmssZ or NULL */
};

struct fuzzy_hits {
	struct fuzzy_hit *items;
	size_t count, alloc;
	size_t candidates; /* units scored exactly (for benchmarks) */
};

/*
 * The best units for `query`, best first (score, then the newer unit), at
 * most max_hits, none below min_score.  The index finds every unit at or
 * above min_score; `exhaustive` scans the memory instead and must give the
 * same list.  Returns 0, or -1 with `err` set.
 */
int fuzzy_search(struct tmg_memory *memory, const char *query,
		 const struct fuzzy_options *options, struct fuzzy_hits *hits,
		 struct tmg_error *err);
void fuzzy_hits_clear(struct fuzzy_hits *hits);

/* One piece of the source marked against the query. */
enum fuzzy_diff_kind {
	FUZZY_SAME,
	FUZZY_DELETED,  /* in the query, not in the source */
	FUZZY_INSERTED, /* in the source, not in the query */
};

typedef void (*fuzzy_diff_fn)(void *data, enum fuzzy_diff_kind kind,
			      const char *text, size_t len);
/* Walk the differences between `query` and `source` (token by token). */
int fuzzy_diff(const char *query, const char *source, const char *lang,
	       fuzzy_diff_fn fn, void *data, struct tmg_error *err);

/*
 * Default languages from the memory's indexed variants: src is
 * `src_request` when given, else the only source language (else "");
 * tgt is the only language that does not answer src (else "").
 */
int fuzzy_default_languages(struct tmg_memory *memory, const char *src_request,
			    char src[TMG_LANG_MAX], char tgt[TMG_LANG_MAX],
			    struct tmg_error *err);

/* --------------------------------------------- concordance (concord.c) */

struct concord_options {
	const char *src;
	const char *tgt;
	int in_target;   /* look in the target side instead of the source */
	size_t max_hits; /* >= 1 */
};

struct concord_hit {
	int64_t unit_id;
	char *text;        /* the side searched */
	char *text_lang;
	char *other;       /* the aligned translation */
	char *other_lang;
	size_t match_start, match_end; /* bytes of the first match in text */
	char *origin;
};

struct concord_hits {
	struct concord_hit *items;
	size_t count, alloc;
	int more; /* there were more than max_hits */
};

/*
 * Units whose searched side contains the words of `phrase` in a row (case-
 * and accent-insensitive; Chinese as substrings; Traditional ~ Simplified),
 * in the order they were stored.  Returns 0, or -1 with `err` set.
 */
int concord_search(struct tmg_memory *memory, const char *phrase,
		   const struct concord_options *options,
		   struct concord_hits *hits, struct tmg_error *err);
void concord_hits_clear(struct concord_hits *hits);

/* ============================================================ glossaries */

/* ------------------------------------------------- concepts (concept.c) */

/*
 * Term status, from TBX administrativeStatus (preferredTerm-admn-sts ...),
 * TBX-Min usageStatus (preferred, admitted, notRecommended, obsolete) or the
 * older normativeAuthorization; superseded, not recommended and obsolete
 * terms count as deprecated.
 */
enum term_status {
	TERM_STATUS_NONE = 0,
	TERM_PREFERRED,
	TERM_ADMITTED,
	TERM_DEPRECATED,
};

/* "preferred", "admitted", "deprecated" or "" (not translated: a value). */
const char *term_status_name(enum term_status status);
/* Parse a TBX status value or one of the names above; -1 if unknown. */
int term_status_parse(const char *value, enum term_status *status);

/*
 * One data category value of a concept, a language section or a term: a
 * TBX <descrip type="definition">, <termNote type="termType">, <admin
 * type="source">, <note>, <xref>, <ref>.  `kind` is the TBX element
 * ("descrip", "termNote", "admin", "note", "xref", "ref"); `type` the data
 * category (NULL for a note); `lang` the language section it belongs to
 * (concept fields only; NULL at concept level).
 */
struct concept_field {
	char *kind;
	char *type;
	char *lang;
	char *value;
};

struct concept_fields {
	struct concept_field *items;
	size_t count, alloc;
};

struct tmg_term {
	char lang[TMG_LANG_MAX];  /* canonical BCP 47 */
	char *text;               /* as imported, trimmed */
	enum term_status status;
	char *part_of_speech;     /* NULL when not given */
	struct concept_fields fields;
	long line;                /* line of the term in its file */
	int64_t id;               /* row id when read from the memory, else 0 */
};

/* A concept: terms in one or more languages that name the same thing. */
struct tmg_concept {
	char *id;                 /* the file's id (termEntry id) or NULL */
	char *subject_field;      /* NULL when not given */
	struct concept_fields fields; /* concept and language-section level */
	struct tmg_term *terms;
	size_t nterms, aterms;
	long line;                /* line of the entry in its file */
	int64_t row;              /* row id when read from the memory, else 0 */
	char *origin;             /* file it came from, when read from the memory */
};

void concept_init(struct tmg_concept *concept);
void concept_clear(struct tmg_concept *concept);
struct tmg_term *concept_add_term(struct tmg_concept *concept,
				  const char *lang, const char *text);
struct concept_field *concept_fields_add(struct concept_fields *fields,
					 const char *kind, const char *type,
					 const char *lang, const char *value);
void concept_fields_clear(struct concept_fields *fields);
/* The first field of `type` (and `lang` when not NULL), or NULL. */
const struct concept_field *concept_fields_find(
	const struct concept_fields *fields, const char *type,
	const char *lang);

/* Reports a skipped entry or row (file:line and why). */
typedef void (*glossary_warning_fn)(void *data, const struct tmg_error *warning);

/* ---------------------------------------------------- TBX reader (tbx.c) */

/*
 * Which kind of file begins with these bytes: sniffs a BOM / UTF-16 and the
 * root element of an XML document.  Used by import to pick a reader.
 */
enum file_kind {
	FILE_KIND_UNKNOWN,
	FILE_KIND_TMX,
	FILE_KIND_TBX,
	FILE_KIND_OTHER_XML,   /* XML with another root element */
	FILE_KIND_DELIMITED,   /* not XML: TSV or CSV text */
};

/* Look at the start of the file at `path`; -1 with `err` if unreadable.
 * `root` receives the root element's name when the file is XML. */
int file_sniff(const char *path, enum file_kind *kind, char *root,
	       size_t root_size, struct tmg_error *err);

struct tbx_reader;

/*
 * Open a TBX file: TBX v2 (<martif>, TBX-Basic, LISA samples) or TBX v3
 * (<tbx>: Core, Min, Basic, DCA or DCT style).  Streamed through
 * xmlTextReader with no network, no DTD loading, no external entities.
 */
struct tbx_reader *tbx_reader_open(const char *path, glossary_warning_fn warn,
				   void *warn_data, struct tmg_error *err);
/* Next concept into `concept` (cleared first): 1, 0 at the end, -1 error. */
int tbx_reader_next(struct tbx_reader *reader, struct tmg_concept *concept,
		    struct tmg_error *err);
/* "TBX v2", "TBX-Basic v3", ... once the root element has been read. */
const char *tbx_reader_dialect(const struct tbx_reader *reader);
void tbx_reader_close(struct tbx_reader *reader);

/* ---------------------------------------------------- TBX writer (tbx.c) */

struct tbx_writer;

/* Create a TBX-Basic file (TBX v2, <martif>, valid against
 * TBXcoreStructV02.dtd) at `path` ("-" for stdout). */
struct tbx_writer *tbx_writer_open(const char *path, const char *lang,
				   struct tmg_error *err);
int tbx_writer_add_concept(struct tbx_writer *writer,
			   const struct tmg_concept *concept,
			   struct tmg_error *err);
/* Finish the document and close the file; frees the writer. */
int tbx_writer_close(struct tbx_writer *writer, struct tmg_error *err);

/* --------------------------------------------- TSV/CSV glossaries (tsv.c) */

struct tsv_read_options {
	const char *src;   /* language of column 1 when there is no header */
	const char *tgt;   /* language of column 2 when there is no header */
	int skip_invalid;  /* skip bad rows (reported) instead of failing */
};

struct tsv_reader;

/*
 * Open a delimited glossary: OmegaT's tab-separated format (source, target,
 * comment) or CSV (RFC 4180 quoting); the separator is found from the first
 * data line.  UTF-8 (with or without BOM) or UTF-16 with BOM.  A first row
 * whose first two fields are language tags is a header naming the columns'
 * languages; without one, options->src and ->tgt name them (else an error
 * asking for them).
 */
struct tsv_reader *tsv_reader_open(const char *path,
				   const struct tsv_read_options *options,
				   glossary_warning_fn warn, void *warn_data,
				   struct tmg_error *err);
/* Next row as a concept: 1, 0 at the end, -1 on error. */
int tsv_reader_next(struct tsv_reader *reader, struct tmg_concept *concept,
		    struct tmg_error *err);
/* "TSV" or "CSV" */
const char *tsv_reader_dialect(const struct tsv_reader *reader);
void tsv_reader_close(struct tsv_reader *reader);

/*
 * Write one OmegaT glossary line: source TAB target TAB comment; tabs and
 * line breaks inside a field become spaces (the format cannot hold them).
 */
int tsv_write_row(FILE *out, const char *source, const char *target,
		  const char *comment);

/* ------------------------------------------- term keys (termkey.c, text) */

/*
 * The matching keys of a term or a text for term recognition: tokens from
 * text_tokenize (TOKENS_MATCH: Han one by one) folded for case, accents and
 * Traditional Chinese, then for French stemmed (Snowball) with the plurals
 * and feminines the stemmer misses (jeux, -aux).  Elided articles (l', d')
 * are left out; punctuation stays a token, so words of a term must be
 * adjacent in the text.
 */
/* Changes whenever the recipe above changes: the stored index is then
 * rebuilt (glossary.c). */
#define TERM_KEY_VERSION "1"

struct term_key_token {
	uint64_t hash;                /* hash of the normalised key */
	int32_t start, end;           /* code points in the input */
	int32_t byte_start, byte_end; /* bytes in the input */
};

struct term_key_tokens {
	struct term_key_token *items;
	size_t count, alloc;
};

struct term_keyer;

/* A keyer for `lang` (the stemmer is chosen by language); NULL with err. */
struct term_keyer *term_keyer_new(const char *lang, struct tmg_error *err);
void term_keyer_free(struct term_keyer *keyer);
/* Tokens of `utf8` into `out` (cleared first).  0, or -1 with err. */
int term_keyer_tokens(struct term_keyer *keyer, const char *utf8,
		      struct term_key_tokens *out, struct tmg_error *err);
void term_key_tokens_clear(struct term_key_tokens *tokens);
/* The hash of tokens[first .. first+n), the key a term is indexed under. */
uint64_t term_key_ngram_hash(const struct term_key_tokens *tokens,
			     size_t first, size_t n);

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

/* ---------------------------------------------------- terms (terms.c) */

/* A term of the concept in another language. */
struct term_translation {
	char lang[TMG_LANG_MAX];
	char *text;
	enum term_status status;
};

/*
 * A glossary term found in a text.  Its strings and translations are not
 * the hit's own: `term`, `subject_field` and `translations` belong to the
 * finder (read once per concept and run), `matched` to the hits' string
 * block; all stay valid until the next term_finder_find() into these hits,
 * term_hits_clear() or term_finder_close(), whichever comes first.
 */
struct term_hit {
	int32_t start, end;           /* code points in the text, end exclusive */
	int32_t byte_start, byte_end; /* bytes in the text */
	const char *matched;          /* the text as it stands */
	const char *term;             /* the glossary term */
	char lang[TMG_LANG_MAX];      /* the term's language */
	enum term_status status;      /* the term's own status */
	int64_t concept;              /* concept row */
	const char *subject_field;    /* of the concept, or NULL */
	const struct term_translation *translations; /* preferred first */
	size_t ntranslations;
};

/* Zero-initialise; term_hits_clear() frees. */
struct term_hits {
	struct term_hit *items;
	size_t count, alloc;
	char *strings;                /* the `matched` texts, NUL-separated */
	size_t strings_alloc;
};

struct term_finder;

/*
 * A finder for texts in language `src` (terms of languages answering it),
 * giving translations into `tgt` (every other language when NULL).  Loads
 * the term index stored at import; nothing is tokenised but the text.
 */
struct term_finder *term_finder_open(struct tmg_memory *memory,
				     const char *src, const char *tgt,
				     struct tmg_error *err);
/* Terms in `utf8` into `hits` (cleared first), in text order; where terms
 * overlap the longest wins (the first of equal ones). */
int term_finder_find(struct term_finder *finder, const char *utf8,
		     struct term_hits *hits, struct tmg_error *err);
void term_hits_clear(struct term_hits *hits);
void term_finder_close(struct term_finder *finder);


/* ------------------------------ translation index (suggest-index.c) */

/*
 * The index of words and Han characters (and adjacent pairs of them) per
 * unit that suggest and extract use, brought up to date by index-update.c
 * within one transaction.  Postings are held in bounded memory (a
 * temporary file takes the rest, posting-builder.c) and written by
 * suggest_index_flush() (before the transaction commits) or dropped by
 * suggest_index_discard() (on rollback).
 */
struct suggest_index;

struct suggest_index *suggest_index_open(struct sqlite3 *db);
/* Entries go in with suggest_index_add_entry() (suggest-internal.h). */
int suggest_index_flush(struct suggest_index *index, struct tmg_error *err);
void suggest_index_discard(struct suggest_index *index);
void suggest_index_close(struct suggest_index *index);

/* ----------------------------------------- term translations (suggest.c) */

/* A candidate term in a text: n consecutive tokens (see suggest.c). */
struct term_ngram {
	char *key;        /* identity: stemmed token keys joined by U+001F */
	char *form;       /* the text as it stands (owned) */
	int length;       /* tokens: words, numbers, Han characters */
	int aligned;      /* Han: begins and ends on ICU word boundaries;
			     always 1 in other scripts */
	int32_t byte_start, byte_end;
};

struct term_ngrams {
	struct term_ngram *items;
	size_t count, alloc;
};

/*
 * The candidate terms of `utf8` in `lang` into `out` (emptied first):
 * runs of 1..max_length adjacent tokens that neither start nor end with a
 * stop word of the language or punctuation; in Chinese and Japanese Han
 * character n-grams and ICU's dictionary words.  max_length 0 means the
 * language's default (6 words; 8 Han characters).  Returns 0, or -1 with
 * `err` set for invalid UTF-8.
 */
int term_ngrams(const char *utf8, const char *lang, int max_length,
		struct term_ngrams *out, struct tmg_error *err);
void term_ngrams_clear(struct term_ngrams *ngrams);
/* Is `word` (a token's key: case folded) a stop word of `lang`? */
int term_is_stop_word(const char *lang, const char *word);

struct suggest_options {
	const char *src;     /* language of the term (request); NULL: guess */
	const char *tgt;     /* language of the translations; NULL: guess */
	size_t max;          /* candidates wanted (>= 1) */
	size_t max_examples; /* example pairs per candidate (0..3) */
	int memory_only;     /* leave the glossary's translations out */
};

struct suggest_example {
	char *source, *target; /* owned */
	int64_t unit_id;
};

struct suggestion {
	char *translation;   /* owned; for French the singular when seen */
	double score;        /* association (see suggest.c); 0 for glossary */
	double dice;         /* 2a / (f(term) + f(translation)), 0..1 */
	long units;          /* units holding the term and this translation */
	int from_glossary;
	struct suggest_example examples[3];
	size_t nexamples;
};

struct suggestions {
	struct suggestion *items;
	size_t count, alloc;
	long term_units;     /* units whose source holds the term */
	long pair_units;     /* units with both languages */
	char src[TMG_LANG_MAX], tgt[TMG_LANG_MAX]; /* the languages used */
};

struct suggester;

/* A suggester for the memory (opens the translation index, indexing units
 * stored before it existed).  NULL with `err` on failure. */
struct suggester *suggester_open(struct tmg_memory *memory,
				 struct tmg_error *err);
void suggester_close(struct suggester *suggester);
/*
 * Candidate translations of `term`, best first, into `out` (emptied
 * first): the glossary's translations of the whole term first (unless
 * memory_only; from_glossary set, score 0, units and examples from the
 * memory when it has the pair), then the memory's.  Returns 0 (an empty
 * list when neither has the term), or -1 with `err` set.
 */
int suggest_translations(struct suggester *suggester, const char *term,
			 const struct suggest_options *options,
			 struct suggestions *out, struct tmg_error *err);
void suggestions_clear(struct suggestions *suggestions);

/* ----------------------------------------------- glossary draft (extract.c) */

struct extract_options {
	const char *src, *tgt; /* languages (requests); NULL: guess */
	long min_freq;         /* units a source term must occur in (>= 2) */
	size_t max_terms;      /* at most this many entries (0: no limit) */
};

struct extracted_term {
	char *source;          /* the source term (owned) */
	char *target;          /* its best translation (owned) */
	long source_units;     /* units holding the source term */
	long units;            /* units holding both */
	double termhood;       /* C-value of the source term */
	double score;          /* association of the pair (suggest.c) */
	double confidence;     /* 0..1: see extract.c */
};

struct extracted_terms {
	struct extracted_term *items;
	size_t count, alloc;
	char src[TMG_LANG_MAX], tgt[TMG_LANG_MAX];
};

/* A draft bilingual glossary of the memory, most confident first. */
int extract_terms(struct tmg_memory *memory,
		  const struct extract_options *options,
		  struct extracted_terms *out, struct tmg_error *err);
void extracted_terms_clear(struct extracted_terms *terms);

#endif /* TMGLOSS_H */
