/*
 * base/records.h -- the records every layer passes around: translation
 * units with their language variants (unit.c) and glossary concepts with
 * their terms (concept.c).  Plain C structs, libc only: the format readers
 * fill them, the store keeps them, the command line prints them.
 */
#ifndef TMGLOSS_BASE_RECORDS_H
#define TMGLOSS_BASE_RECORDS_H

#include <stddef.h>
#include <stdint.h>

/* Room for a canonical BCP 47 language tag, NUL included. */
#define TMG_LANG_MAX 64

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
	/* unit_content_hash(), when content_hash_known: computed by a reader
	 * that hands the unit over as it is (the TMX reader, in its parsing
	 * thread, off the storing thread's path).  unit_add_variant() forgets
	 * it; code that changes a variant's language, text or markup after a
	 * reader must set content_hash_known to 0. */
	uint64_t content_hash;
	int content_hash_known;
};

/* The time now, UTC, as a unit's dates are written: YYYYMMDDThhmmssZ. */
#define UNIT_DATE_SIZE 17
void unit_date_now(char out[UNIT_DATE_SIZE]);

void unit_init(struct tmg_unit *unit);
void unit_clear(struct tmg_unit *unit);
struct tmg_variant *unit_add_variant(struct tmg_unit *unit);

/* The order of variants by content: language, then text, then markup. */
int unit_compare_variants(const struct tmg_variant *a,
			  const struct tmg_variant *b);
/* How many variants unit_sorted_variants() sorts in the caller's buffer. */
#define UNIT_SORTED_ON_STACK 8
/* The unit's variants in unit_compare_variants() order: in `buf`
 * (UNIT_SORTED_ON_STACK entries) when they fit, else in a new array;
 * unit_sorted_free(result, buf) after. */
const struct tmg_variant **unit_sorted_variants(const struct tmg_unit *unit,
						const struct tmg_variant **buf);
void unit_sorted_free(const struct tmg_variant **sorted,
		      const struct tmg_variant **buf);
/* The content hash of the n variants `sorted` (unit_sorted_variants()):
 * 64-bit FNV-1a over each one's language, text and markup.  Stored (the
 * units' content_hash, which finds duplicates): changing it changes what
 * a memory holds. */
uint64_t unit_content_hash_sorted(const struct tmg_variant **sorted,
				  size_t n);
/* The same of the unit's variants (sorted here). */
uint64_t unit_content_hash(const struct tmg_unit *unit);
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
/* The rank of a status when a term is chosen among a concept's: 0 for
 * preferred, then no status, admitted, deprecated (3). */
int term_status_rank(enum term_status status);

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

/* ------------------------------------- document segments (docseg.c) */

/*
 * Where a document's segment stands, from the file's own marks: XLIFF 1.2
 * state/approved, XLIFF 2 state, PO fuzzy.  The file's exact value is kept
 * beside it (state_name).
 */
enum docseg_state {
	DOCSEG_NEW = 0,      /* no target yet (XLIFF new, 2.x initial without one) */
	DOCSEG_DRAFT,        /* a target that needs work: needs-*, PO fuzzy */
	DOCSEG_TRANSLATED,   /* translated */
	DOCSEG_FINAL,        /* final, signed-off, approved="yes", 2.x reviewed/final */
};

/*
 * One segment of a document to translate (XLIFF trans-unit or segment, PO
 * message or plural form), as the document readers give it.  Texts and
 * markup as in struct tmg_variant: `*_text` without inline codes, `*_markup`
 * with the codes mapped to TMX 1.4b inline elements.
 */
struct tmg_docseg {
	char *file;          /* XLIFF <file original=> or id; NULL for PO */
	char *unit_id;       /* trans-unit / unit id; PO: NULL */
	char *segment_id;    /* <mrk mid>, 2.x segment id, PO plural index */
	char *resname;       /* resname / name; PO msgctxt */
	char srclang[TMG_LANG_MAX], tgtlang[TMG_LANG_MAX]; /* canonical or "" */
	char *source_text, *source_markup;
	char *target_text, *target_markup;  /* NULL when there is no target */
	enum docseg_state state;
	char *state_name;    /* the file's own value ("needs-review-translation") */
	int locked;          /* translate="no" */
	struct tmg_annotations notes; /* <note>s, PO comments */
	long line;           /* line of the segment in its file */
};

void docseg_init(struct tmg_docseg *seg);
void docseg_clear(struct tmg_docseg *seg);
/*
 * The unit a translated segment becomes in the memory: source and target
 * variants, tuid from the ids, and props that keep its context for
 * in-context matches: x-context-pre and x-context-post (the source texts of
 * the segments before and after it, NULL at the edges), x-resname, x-file.
 * `unit` is cleared first.  Returns -1 (unit left empty) when the segment
 * has no target or no languages.
 */
int docseg_to_unit(const struct tmg_docseg *seg, const char *prev_source,
		   const char *next_source, struct tmg_unit *unit);

#endif /* TMGLOSS_BASE_RECORDS_H */
