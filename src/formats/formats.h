/*
 * formats/formats.h -- the file formats, through libxml2 (no network, no
 * DTD loading, no external entities) and plain C: TMX read and written
 * (tmx-read.c, tmx-write.c), TBX read and written (tbx-read.c,
 * tbx-write.c), delimited glossaries (tsv.c), SRX segmentation rules
 * (srx-read.c), TMX inline markup (inline.c), and which of them a file is
 * (sniff.c); gettext PO files read through libgettextpo (po-read.c).
 * Readers stream: memory does not grow with the file (except PO files,
 * which libgettextpo reads whole).  This
 * layer fills and prints the records of base/records.h and never touches
 * the memory (no SQLite).
 */
#ifndef TMGLOSS_FORMATS_FORMATS_H
#define TMGLOSS_FORMATS_FORMATS_H

#include <stdint.h>
#include <stdio.h>

#include "base/error.h"
#include "base/records.h"
#include "base/xalloc.h"

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
 * Open `path` for streaming.  The file is read through libxml2's SAX2
 * parser with no network, no DTD loading and no external entities.
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

/* -------------------------------------------- TMX inline markup (inline.c) */

/* A TMX 1.4b inline element: the attributes the DTD declares on it, one
 * it requires (NULL: none) and the value written when it is missing, and
 * whether its content is native code (bpt, ept, it, ph, ut) or text (hi,
 * sub). */
struct inline_element {
	const char *name;
	const char *attributes[4];  /* NULL-terminated */
	const char *required;
	const char *default_value;
	int is_code;
};

/* The inline element named name[0..len), or NULL for another name. */
const struct inline_element *inline_element_find(const char *name,
						 size_t len);

/* One piece of a segment's stored markup (struct tmg_variant's markup). */
enum inline_kind {
	INLINE_TEXT,   /* a run of text */
	INLINE_START,  /* <name ...> */
	INLINE_EMPTY,  /* <name .../> */
	INLINE_END,    /* </name> */
};

struct inline_attribute {
	const char *name, *value; /* NUL-terminated; the value decoded */
};

/* Pointers into the markup (raw) or into the walker (the rest): valid
 * until the walker's next call. */
struct inline_piece {
	enum inline_kind kind;
	const char *raw;             /* the piece as stored (escaped) */
	size_t raw_len;
	const char *name;            /* tags: the element's name */
	size_t name_len;
	const char *text;            /* text: entities decoded */
	size_t text_len;
	const struct inline_attribute *attrs; /* start and empty tags */
	size_t nattrs;
};

/* Walks a segment's markup piece by piece (inline.c tells the form it
 * reads).  Initialise with inline_walker_init(), free with
 * inline_walker_release(). */
struct inline_walker {
	const char *p;
	int failed;
	struct strbuf buf;
	struct inline_attribute *attrs;
	size_t *offsets;
	size_t nattrs, attrs_alloc;
	struct { const char *name; size_t len; } *open;
	size_t nopen, open_alloc;
};

void inline_walker_init(struct inline_walker *walker, const char *markup);
/* The next piece: 1, 0 at the end, -1 where the markup is not well formed
 * (a tag not ended, closed out of turn or left open). */
int inline_walker_next(struct inline_walker *walker,
		       struct inline_piece *piece);
/*
 * After the start piece of an element: walk on to its end, appending the
 * pieces in between as stored (a code element's native code) to `content`
 * when it is not NULL.  1 at its end, else what inline_walker_next()
 * returned when the markup ended first.
 */
int inline_walker_skip_element(struct inline_walker *walker,
			       struct strbuf *content);
void inline_walker_release(struct inline_walker *walker);
/* 0 when `markup` is well formed, else -1. */
int inline_markup_check(const char *markup);

/* ------------------------------------------------ SRX rules (srx-read.c) */

/*
 * Load the segmentation rules of an SRX 1.0 or 2.0 file (text/text.h
 * applies them: srx_sentences()).  Returns NULL with `err` naming
 * file:line for a bad file; a regular expression ICU cannot compile is
 * reported when the rules are first used.
 */
struct srx_rules *srx_load(const char *path, struct tmg_error *err);

/* ----------------------------------------------- file kinds (sniff.c) */

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
	FILE_KIND_XLIFF,       /* root <xliff>, any version */
	FILE_KIND_PO,          /* not XML: .po/.pot, or a msgid line */
};

/* Look at the start of the file at `path`; -1 with `err` if unreadable.
 * `root` receives the root element's name when the file is XML; for
 * FILE_KIND_OTHER_XML with a root found, `err` says (with its line) that
 * the file is neither TMX nor TBX, for the caller to report; without one
 * (`root` is ""), `err` says that the file ends inside the root's name, cut
 * short, or nothing. */
int sniff_file(const char *path, enum file_kind *kind, char *root,
	       size_t root_size, struct tmg_error *err);

/* ------------------------------------------------------ glossary files */

/* Reports a skipped entry or row (file:line and why). */
typedef void (*glossary_warning_fn)(void *data, const struct tmg_error *warning);

/* ------------------------------------------------ TBX reader (tbx-read.c) */

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
/* With `skip` set, an entry that cannot be read is skipped with a warning
 * (its line and why) and the next one read; otherwise it is an error that
 * names the entry.  Malformed XML always ends the file. */
void tbx_reader_skip_invalid(struct tbx_reader *reader, int skip);
/* What the reader read but does not keep, so far. */
struct tbx_not_kept {
	long transactions;   /* <transacGrp>: who changed an entry, when */
	long xref_labels;    /* the text of an <xref> with a target */
	long references;     /* <ref>: links to other entries of the file */
	int back_matter;     /* a <back> with content */
};
const struct tbx_not_kept *tbx_reader_not_kept(const struct tbx_reader *reader);
/* "TBX v2", "TBX-Basic v3", ... once the root element has been read. */
const char *tbx_reader_dialect(const struct tbx_reader *reader);
void tbx_reader_close(struct tbx_reader *reader);

/* ----------------------------------------------- TBX writer (tbx-write.c) */

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

/* ------------------------------------------------- PO reader (po-read.c) */

struct po_read_options {
	const char *src;   /* language of the msgids; NULL: "en" */
	const char *tgt;   /* of the msgstrs when the header has no Language */
};

struct po_reader;

/*
 * Open a gettext PO file through libgettextpo (po-read.c says what it
 * makes of each part of a message).  A file gettext cannot parse is an
 * error naming its line.  Not thread-safe: libgettextpo reports errors
 * through globals.
 */
struct po_reader *po_reader_open(const char *path,
				 const struct po_read_options *options,
				 glossary_warning_fn warn, void *warn_data,
				 struct tmg_error *err);
/* Next segment (a message, or one plural form of it) into `seg` (cleared
 * first): 1, 0 at the end, -1 on error (text that does not convert). */
int po_reader_next(struct po_reader *r, struct tmg_docseg *seg,
		   struct tmg_error *err);
/* The target language: the header's Language, else options->tgt; "" when
 * neither says. */
const char *po_reader_target_lang(const struct po_reader *r);
/* Obsolete (#~) messages skipped so far. */
unsigned long po_reader_obsolete(const struct po_reader *r);
void po_reader_close(struct po_reader *r);

/* --------------------------------------------- XLIFF reader (xliff-read.c) */

struct xliff_reader;

/*
 * Open an XLIFF 1.0-1.2 (SDLXLIFF and MQXLIFF too) or 2.0-2.2 document
 * (xliff-read.c says what it makes of each part).  Streamed through
 * xmlTextReader with no network, no DTD loading, no external entities.
 * A file whose root is not <xliff> is an error naming its line.
 */
struct xliff_reader *xliff_reader_open(const char *path,
				       glossary_warning_fn warn,
				       void *warn_data, struct tmg_error *err);
/* Next segment into `seg` (cleared first): 1, 0 at the end, -1 on error. */
int xliff_reader_next(struct xliff_reader *r, struct tmg_docseg *seg,
		      struct tmg_error *err);
/* "1.2", "2.0", ...: the <xliff> version (its namespace's when the
 * attribute is missing, "1.2" without either). */
const char *xliff_reader_version(const struct xliff_reader *r);
/* <alt-trans> elements skipped so far. */
unsigned long xliff_reader_alt_trans(const struct xliff_reader *r);
void xliff_reader_close(struct xliff_reader *r);

/* ------------------------------------ documents: XLIFF or PO (document.c) */

struct doc_read_options {
	const char *src;   /* language of the sources when the file has none */
	const char *tgt;   /* of the targets when the file has none */
};

struct doc_reader;

/*
 * Open a document to translate, XLIFF or PO, choosing the reader by what
 * the file is (document.c says how).  A file that is neither is an error
 * ("not an XLIFF or PO file") naming what it is.
 */
struct doc_reader *doc_reader_open(const char *path,
				   const struct doc_read_options *options,
				   glossary_warning_fn warn, void *warn_data,
				   struct tmg_error *err);
/* Next segment into `seg` (cleared first): 1, 0 at the end, -1 error. */
int doc_reader_next(struct doc_reader *r, struct tmg_docseg *seg,
		    struct tmg_error *err);
/* "PO", "XLIFF 1.2", "XLIFF 2.0"...: what the file was read as. */
const char *doc_reader_format(const struct doc_reader *r);
void doc_reader_close(struct doc_reader *r);

/* ------------------- pre-translated documents (xliff-write.c, po-write.c) */

/* What to write into one segment. */
struct doc_fill {
	char *target_text;    /* plain text of the new target */
	char *target_markup;  /* its TMX inline markup in the segment's own
				 codes (as the reader gave the source), or
				 NULL when plain */
	int score;            /* 101 in context, 100, or the fuzzy score */
	int review;           /* mark for review: fuzzy, or a code appended */
	char *match_source;   /* the memory unit's source (alt-trans, PO #|) */
	char *match_source_markup; /* or NULL */
	char *origin;         /* the unit's origin, or NULL */
};
void doc_fill_clear(struct doc_fill *fill);

/*
 * Asked once per segment, in the order doc_reader_next() gives them
 * (`index` counts from 0): 1 with `fill` set to fill the segment, 0 to
 * leave it as it is, -1 with `err` to stop.
 */
typedef int (*doc_fill_fn)(void *data, size_t index,
			   const struct tmg_docseg *seg, struct doc_fill *fill,
			   struct tmg_error *err);

/*
 * Write the document `path` to `out_fd` with the segments `fill` fills
 * rewritten and everything else byte for byte as it was; streamed, memory
 * bounded by the largest unit.  Returns 0, or -1 with `err`.
 */
int xliff_rewrite(const char *path, int out_fd, doc_fill_fn fill, void *data,
		  glossary_warning_fn warn, void *warn_data,
		  struct tmg_error *err);
int po_rewrite(const char *path, const struct po_read_options *options,
	       int out_fd, doc_fill_fn fill, void *data,
	       glossary_warning_fn warn, void *warn_data,
	       struct tmg_error *err);

#endif /* TMGLOSS_FORMATS_FORMATS_H */
