/*
 * search/search.h -- the translator's questions: fuzzy matches (fuzzy.c),
 * concordance (concord.c), glossary terms in a text (terms.c), term
 * translations mined from the memory (suggest.c) and a draft glossary
 * (extract.c).  The entry points bring the search indexes up to date
 * first (index/index.h); this is the only layer that asks for it besides
 * the command line's `tmgloss index`.
 */
#ifndef TMGLOSS_SEARCH_SEARCH_H
#define TMGLOSS_SEARCH_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "base/records.h"
#include "store/store.h"
#include "text/text.h"

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
	char *source_markup; /* its TMX inline markup, or NULL when plain */
	char *source_lang;
	char *target;      /* its translation */
	char *target_markup; /* its markup, or NULL */
	char *target_lang;
	char *origin;      /* file the unit was imported from, or NULL */
	char *tuid;        /* the unit's TMX tuid, or NULL */
	/* when the translation last changed, YYYYMMDDThhmmssZ: the newer of
	 * the two variants' changedate, else the unit's; or NULL */
	char *change_date;
	char *author;      /* who made that change (changeid, else
			      creationid, of the same element), or NULL */
};

struct fuzzy_hits {
	struct fuzzy_hit *items;
	size_t count, alloc;
	size_t candidates; /* units scored exactly (for benchmarks) */
};

/*
 * The best units for `query`, best first (score, then the later
 * change_date, then the newer unit), at
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
/* Walk the differences between `query` and `source` (token by token),
 * tokens compared as the score compares them: a difference the score does
 * not count (Traditional / Simplified, case) is not marked. */
int fuzzy_diff(const char *query, const char *source, const char *lang,
	       fuzzy_diff_fn fn, void *data, struct tmg_error *err);
/* The same, the source's inline tags (`source_markup`, may be NULL) shown
 * as the placeholders fuzzy_tagged_text() gives them. */
int fuzzy_diff_markup(const char *query, const char *source,
		      const char *source_markup, const char *lang,
		      fuzzy_diff_fn fn, void *data, struct tmg_error *err);
/*
 * A segment for display (to free): `text` when `markup` is NULL, else its
 * text with each inline code element as a numbered placeholder: {1} and
 * {/1} for a pair (bpt/ept, it begin/end), {2/} for a single tag (ph, ut);
 * the code itself is left out, hi and sub show their text.
 */
char *fuzzy_tagged_text(const char *text, const char *markup);

/*
 * Default languages from the memory's variants, indexed or not (nothing
 * is indexed here, so a wrong language is said at once): src is
 * `src_request` when given, else the only source language, else the only
 * one of them whose script `hint` (the text searched, may be NULL) has --
 * Han or not -- else ""; tgt is `tgt_request`, else the only language
 * that does not answer src (else "").  A requested language the memory
 * has no text in is an error that names it.
 */
int fuzzy_default_languages(struct tmg_memory *memory, const char *src_request,
			    const char *tgt_request, const char *hint,
			    char src[TMG_LANG_MAX], char tgt[TMG_LANG_MAX],
			    struct tmg_error *err);

/* --------------------------------------------- concordance (concord.c) */

struct concord_options {
	const char *src;
	const char *tgt;
	int in_target;   /* look in the target side instead of the source */
	int substring;   /* a word of the phrase matches the words that
			    contain it ("labo" finds "laboratoires") */
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
	char *tuid;        /* the unit's TMX tuid, or NULL */
};

struct concord_hits {
	struct concord_hit *items;
	size_t count, alloc;
	int more; /* there were more than max_hits */
};

/*
 * Units whose searched side contains the words of `phrase` in a row (case-
 * and accent-insensitive; a French word in any of its inflected forms, as
 * glossary terms are recognised; Chinese as substrings; Traditional ~
 * Simplified), in the order they were stored.  The hit's match is the
 * text as found ("laboratoires" for "laboratoire").  Returns 0, or -1
 * with `err` set.
 */
int concord_search(struct tmg_memory *memory, const char *phrase,
		   const struct concord_options *options,
		   struct concord_hits *hits, struct tmg_error *err);
void concord_hits_clear(struct concord_hits *hits);

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
	int proposed;                 /* the term is a draft's proposal
					 (TBX processStatus
					 provisionallyProcessed, as extract
					 writes): not yet approved */
	int64_t concept;              /* concept row */
	const char *subject_field;    /* of the concept, or NULL */
	const char *origin;           /* of the concept (a file), or NULL */
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

/* ----------------------------------------- term translations (suggest.c) */

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
	char *origin;        /* owned: from_glossary, the concept's origin
				(a file) or NULL (gloss add) */
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
/* ------------------------------------------ match analysis (analysis.c) */

#define ANALYSIS_MAX_BANDS 10

struct analysis_options {
	const char *src;  /* language requests; NULL: the document's, else */
	const char *tgt;  /* the memory's only one (fuzzy_default_languages) */
	int bounds[ANALYSIS_MAX_BANDS]; /* lowest score of each band, from
					   the highest down (100, 95, ...) */
	size_t nbounds;   /* >= 1 */
	int min_score;    /* lowest score searched when below the lowest
			     bound (pretranslate's --min); 0: the bound */
};

/* The rows of an analysis: in-context exact, repetitions, then one per
 * bound (band i holds scores from bounds[i] up to bounds[i - 1] - 1, or
 * 100), then no match. */
enum {
	ANALYSIS_IN_CONTEXT = 0,
	ANALYSIS_REPETITIONS = 1,
	ANALYSIS_FIRST_BAND = 2,
};
#define ANALYSIS_NO_MATCH(nbounds) (ANALYSIS_FIRST_BAND + (nbounds))
#define ANALYSIS_MAX_ROWS (ANALYSIS_FIRST_BAND + ANALYSIS_MAX_BANDS + 1)

struct analysis_row {
	long segments;
	struct word_count count;
};

/* What one document (or several, added up) will cost. */
struct analysis_counts {
	struct analysis_row rows[ANALYSIS_MAX_ROWS];
	struct analysis_row locked;      /* translate="no": not in the rows */
	struct analysis_row translated;  /* translated already: not either */
	char format[32];                 /* doc_reader_format(), "" for sums */
	char srclang[TMG_LANG_MAX], tgtlang[TMG_LANG_MAX]; /* searched */
};

struct analysis;

/* An analysis of documents against `memory`; repetitions are counted
 * across every file analysed with it.  `options` is copied. */
struct analysis *analysis_new(struct tmg_memory *memory,
			      const struct analysis_options *options);
/*
 * Analyse the document at `path` (XLIFF or PO, formats.h: doc_reader_open)
 * into `counts` (cleared first).  Returns 0, or -1 with `err` set (the
 * document's file:line, or a language the memory lacks).
 */
int analysis_file(struct analysis *a, const char *path,
		  glossary_warning_fn warn, void *warn_data,
		  struct analysis_counts *counts, struct tmg_error *err);
/* What analysis_file_each() found for one segment. */
enum {
	ANALYSIS_ROW_NONE = -1,        /* no text: not counted */
	ANALYSIS_ROW_LOCKED = -2,
	ANALYSIS_ROW_TRANSLATED = -3,
};
struct analysis_segment {
	int row;          /* ANALYSIS_IN_CONTEXT ... no match, or ROW_* */
	const struct fuzzy_hit *best; /* the match that wins (in context,
					 else the best score, newest on
					 ties), or NULL; valid during the
					 call only */
	const char *src, *tgt; /* the languages searched (with best) */
};
typedef int (*analysis_segment_fn)(void *data, size_t index,
				   const struct tmg_docseg *seg,
				   const struct analysis_segment *found,
				   struct tmg_error *err);
/* analysis_file(), and `each` (unless NULL) told of every segment the
 * document reader gives, in order, `index` from 0; its -1 stops. */
int analysis_file_each(struct analysis *a, const char *path,
		       glossary_warning_fn warn, void *warn_data,
		       struct analysis_counts *counts,
		       analysis_segment_fn each, void *each_data,
		       struct tmg_error *err);
/* Add the counts `b` to `a` (format and languages left). */
void analysis_counts_add(struct analysis_counts *a,
			 const struct analysis_counts *b);
void analysis_free(struct analysis *a);

/* ---------------------------------- a match adapted to a segment (transfer.c) */

struct transfer_result {
	char *target_text;    /* the match's target made the segment's */
	char *target_markup;  /* with the segment's own inline codes (TMX
				 markup as the document reader gives it), or
				 NULL when the segment has none */
	int numbers_only;     /* the match's source differed from the
				 segment only in numbers, now carried over */
	int codes_appended;   /* codes the alignment could not place, put at
				 the end: the segment needs review */
};

/*
 * Adapt a memory match to a document segment: numbers of the segment
 * that differ from the match's source are carried into the target in the
 * target language's writing (text/numbers.c), and the segment's inline
 * codes are placed in the target where the match's alignment puts them;
 * a code it cannot place is appended, never dropped, never invented.
 * Returns 0, or -1 with `err` (bad UTF-8 or markup).
 */
int transfer_match(const char *seg_text, const char *seg_markup,
		   const char *src_lang, const char *match_source,
		   const char *match_source_markup, const char *match_target,
		   const char *match_target_markup, const char *tgt_lang,
		   struct transfer_result *out, struct tmg_error *err);
void transfer_result_clear(struct transfer_result *r);

/* ------------------------------------- pre-translation (pretranslate.c) */

struct pretranslate_options {
	struct analysis_options analysis; /* languages, bands; its
					     min_score is set from min */
	int min;          /* lowest score filled in (1..100) */
	int overwrite;    /* fill unconfirmed targets too (new, draft) */
};

/* What was filled. */
struct pretranslate_counts {
	long filled;      /* segments given a target */
	long exact;       /* of them 100 % or in context, nothing to review */
	long review;      /* of them marked for review */
};

/*
 * Fill the document at `path` (XLIFF or PO) from `memory` and write it to
 * `out_fd`: each segment without a target (with overwrite, without a
 * confirmed one) gets its best match at or above `min`, in context over
 * 100 % over fuzzy, newest on ties, adapted by transfer_match().  The
 * document's analysis goes to `counts`, what was filled to `done`.
 * Returns 0, or -1 with `err` (nothing useful written then).
 */
int pretranslate_file(struct tmg_memory *memory,
		      const struct pretranslate_options *options,
		      const char *path, int out_fd, glossary_warning_fn warn,
		      void *warn_data, struct analysis_counts *counts,
		      struct pretranslate_counts *done, struct tmg_error *err);

/* ------------------------------------------- quality checks (check.c) */

struct check_options {
	unsigned checks;         /* 1u << enum qa_check (text.h), to run */
	struct qa_pair_options pair; /* for qa_check_pair() (its `checks`
					are set from the above) */
	int against_memory;      /* inconsistent: the memory's units too */
	size_t table_limit;      /* inconsistent: distinct segments a table
				    of the files keeps in memory before it
				    goes to a temporary file; 0: 65,536 */
};

/* One translated segment to check (texts plain, markup TMX inline
 * markup or NULL). */
struct check_segment {
	const char *src_lang, *tgt_lang;   /* canonical; "" when unknown */
	const char *source, *source_markup;
	const char *target, *target_markup; /* target NULL: none yet */
	long line;                          /* where it is in its file */
};

struct checker;

/*
 * A checker of segments; `memory` (may be NULL: no term check, nothing
 * against the memory) gives the glossary and the memory's units, and
 * must outlive the checker.  `options` is copied.
 */
struct checker *check_new(struct tmg_memory *memory,
			  const struct check_options *options);
/* The file the next segments come from (named in inconsistent's
 * messages). */
void check_begin_file(struct checker *checker, const char *path);
/*
 * Run the checks on one segment (check.c says what each finds); each
 * finding goes to `report`.  The consistency check remembers the
 * segment for the next ones.  Returns 0, or -1 with `err` (bad UTF-8, a
 * database error).
 */
int check_translation(struct checker *checker,
		      const struct check_segment *seg, qa_report_fn report,
		      void *data, struct tmg_error *err);
void check_free(struct checker *checker);

#endif /* TMGLOSS_SEARCH_SEARCH_H */
