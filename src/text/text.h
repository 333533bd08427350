/*
 * text/text.h -- the text layer: what tmgloss knows of languages and
 * scripts, through ICU and Snowball only (no XML, no SQL).  Language tags
 * (lang.c), matching keys (keys.c) and tokens (tokens.c), sentences
 * (segment.c, and SRX rules applied in srx.c), collation (collate.c), the
 * keys of glossary terms (termkey.c), the term tokens of term statistics
 * (term-tokens.c) and the candidate terms made of them (term-ngrams.c);
 * utf16.c holds what these files share.  Every function may be called
 * from several threads at once (each thread has its own ICU objects,
 * freed when it ends: thread.c).
 */
#ifndef TMGLOSS_TEXT_TEXT_H
#define TMGLOSS_TEXT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "base/records.h"

/* ------------------------------------------------------- languages (lang.c) */

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

/*
 * The group the search indexes partition a language by: the tag up to its
 * first '-' or '_', lower case, at most LANG_GROUP_MAX - 1 bytes ("fr-CA"
 * -> "fr", "zh_Hant_TW" -> "zh", "*all*" -> "*all*").  Both indexes hash
 * it into their keys, so it must not change.
 */
#define LANG_GROUP_MAX 16
void lang_group(const char *lang, char group[LANG_GROUP_MAX]);

/* --------------------------------------- keys and tokens (keys.c, tokens.c) */

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

/*
 * Make in the calling thread what its keys of `flags` need (ICU's
 * normalisers; for TEXT_FOLD_TRADITIONAL, its transliterator, whose rules
 * take 23 ms to make the first time in a process), so that a thread can
 * make them while another waits on something else.  Returns 0, or -1
 * with `err` set, as the first key would.
 */
int text_key_prepare(int flags, struct tmg_error *err);

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

/*
 * Cut words with ICU's word break iterator only (1), or also without it
 * where the text allows (0, the default): a run of Latin letters, digits,
 * spaces and common punctuation in French, English or Chinese text is cut
 * as ICU cuts it, faster.  For tests and measurements, as
 * TMGLOSS_WORD_BREAK=icu; the calling thread's recent texts are
 * forgotten.
 */
void text_tokens_icu_only(int on);

void text_tokens_clear(struct text_tokens *tokens);

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

/*
 * SRX 1.0 / 2.0 segmentation rules (srx.c), built by the SRX reader
 * (srx_load(), formats layer) or by hand: language rules, each a list of
 * rules, then the maps from language patterns to language rules.
 */
struct srx_rules;

/* Empty rules; `path` names the file in error messages. */
struct srx_rules *srx_rules_new(const char *path);
/* Use the rules of every matching map, not only the first (SRX 2.0
 * header@cascade). */
void srx_rules_set_cascade(struct srx_rules *rules, int cascade);
/* Start a language rule named `name`: the rules added next are its. */
void srx_rules_add_language_rule(struct srx_rules *rules, const char *name);
/* Add a rule to the last language rule: cut (`is_break`) or keep where
 * the expression `before` matches text ending and `after` text starting
 * (ICU regular expressions, UTF-8; "" matches everywhere).  `line` is
 * where it stands in the file, for errors. */
void srx_rules_add_rule(struct srx_rules *rules, int is_break,
			const char *before, const char *after, long line);
/* Map the languages whose tag `pattern` (a regular expression) matches to
 * the language rule named `language_rule`.  -1 when no language rule has
 * that name. */
int srx_rules_add_map(struct srx_rules *rules, const char *pattern,
		      const char *language_rule, long line);
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

/* Compare `na` bytes of UTF-8 at `a` with `nb` at `b` (not NUL-terminated;
 * invalid UTF-8 compares bytewise). */
int collator_compare_n(const struct tmg_collator *collator, const char *a,
		       int na, const char *b, int nb);
/* The collator's ICU locale id ("zh@collation=stroke"). */
const char *collator_locale(const struct tmg_collator *collator);

/* ------------------------------------------- term keys (termkey.c, text) */

/*
 * The matching keys of a term or a text for term recognition: tokens from
 * text_tokenize (TOKENS_MATCH: Han one by one) folded for case, accents and
 * Traditional Chinese, then for French stemmed (Snowball) with the plurals
 * and feminines the stemmer misses (jeux, -aux), and agent nouns kept apart
 * from their verbs (utilisateur, utiliser).  Elided articles (l', d')
 * are left out; punctuation stays a token, so words of a term must be
 * adjacent in the text.
 */
/* Changes whenever the recipe above changes: the stored index is then
 * rebuilt (glossary.c). */
#define TERM_KEY_VERSION "2"

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
/* Free the tokens (the struct is empty and reusable after). */
void term_key_tokens_clear(struct term_key_tokens *tokens);
/* The hash of tokens[first .. first+n), the key a term is indexed under. */
uint64_t term_key_ngram_hash(const struct term_key_tokens *tokens,
			     size_t first, size_t n);
/* The same, one token at a time: the hash of no token is
 * TERM_KEY_NGRAM_EMPTY, and term_key_ngram_extend(hash of n tokens,
 * token n's hash) the hash of n + 1. */
#define TERM_KEY_NGRAM_EMPTY 0xcbf29ce484222325ULL
uint64_t term_key_ngram_extend(uint64_t h, uint64_t token_hash);

/* -------------------------------- term tokens, statistics (term-tokens.c) */

/*
 * A term token is a token of text_tokenize() (TOKENS_MATCH: Han characters
 * one by one) with a key for term statistics (the translation index,
 * suggestion, extraction): the token's matching key (NFKC, case folded)
 * with, in French, the endings of number and gender folded ("fichiers" ~
 * "fichier", "utilisatrices" ~ "utilisateur", but "utiliser" apart), in
 * other languages stemmed with Snowball when it has a stemmer; term-tokens.c
 * says why this differs from the term keys above.  Two content tokens
 * (words, numbers, Han characters) are *adjacent* when nothing but white
 * space or one glued hyphen stands between them ("arrière-plan" is two
 * adjacent words); punctuation otherwise breaks a term.
 */


/* Stemmers by language group, created on first use (Snowball); one
 * thread at a time uses a struct term_stemmers. */
struct term_stemmers;
struct term_stemmers *term_tokens_stemmers_new(void);
void term_tokens_stemmers_free(struct term_stemmers *stemmers);

struct term_token {
	enum token_kind kind;
	int32_t byte_start, byte_end; /* in the text */
	int joined;      /* adjacent to the next content token */
	int is_content;  /* word, number or Han character */
	char *key;       /* stemmed key (owned, or in the pool) */
	char *fold;      /* the token's matching key, not stemmed (owned, or
			    in the pool) */
};

struct term_tokens {
	struct term_token *items;
	size_t count, alloc;
	/* term_tokens_build() writes the keys and folds of all the tokens
	 * into `pool`, kept from text to text (no allocation per token), and
	 * sets `pooled`: the tokens then own no string.  Tokens made by hand
	 * (pooled 0) own theirs. */
	char *pool;
	size_t pool_len, pool_alloc;
	int pooled;
};

/*
 * The term tokens of `utf8` in language `lang` into `out` (emptied first).
 * Punctuation tokens are kept (is_content 0) so that a term never spans
 * one, except a glued hyphen, which is dropped and joins its neighbours.
 * Returns 0, or -1 with `err` set (invalid UTF-8).
 */
int term_tokens_build(struct term_stemmers *stemmers, const char *utf8,
		      const char *lang, struct term_tokens *out,
		      struct tmg_error *err);
void term_tokens_clear(struct term_tokens *tokens);
/* Drop the punctuation tokens at both ends of `tokens` (a term is its
 * content); returns the number of tokens left. */
size_t term_tokens_trim(struct term_tokens *tokens);

/* ------------------------------------- candidate terms (term-ngrams.c) */

/* A candidate term in a text: n consecutive term tokens. */
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
/* The same for `text` already made into `tokens` (term_tokens_build()). */
int term_ngrams_of_tokens(const char *text, const char *lang,
			  const struct term_tokens *tokens, int max_length,
			  struct term_ngrams *out, struct tmg_error *err);
void term_ngrams_clear(struct term_ngrams *ngrams);
/* Is `word` (a token's key: case folded) a stop word of `lang`? */
int term_ngrams_is_stop_word(const char *lang, const char *word);

/* ------------------------------------------------ word counts (wordcount.c) */

/*
 * What a text costs to translate, counted as CAT tools count it (the rules
 * are at the top of wordcount.c): words by ICU word boundaries, a number
 * one word, each Han or Kana character one word; characters with and
 * without white space.
 */
struct word_count {
	long words;          /* every word, asian included */
	long asian;          /* Han and Kana characters, one word each */
	long chars;          /* characters, white space included */
	long chars_nospace;  /* characters, white space left out */
};

/* Count `utf8` (plain text: no inline codes) in language `lang` (NULL or
 * "": none) into `count`.  Returns 0, or -1 with `err` for bad UTF-8. */
int wordcount_text(const char *utf8, const char *lang,
		   struct word_count *count, struct tmg_error *err);
/* Add `b` to `a`. */
void wordcount_add(struct word_count *a, const struct word_count *b);

/* ------------------------------------------------------ numbers (numbers.c) */

/*
 * Numbers as French and Chinese write them: "3,5", "1 000", "1 000 000"
 * (space, no-break or narrow no-break space as group separator), "3.5",
 * "1,000", "1000", "25 %", "25%"; Chinese numerals (三, 二十五, 百, 万,
 * 3万) read as their value.
 */
enum {
	NUMBER_PERCENT = 1 << 0,        /* followed by % or ％, or 百分之N */
	NUMBER_HAN = 1 << 1,            /* written with Chinese numerals */
	NUMBER_GROUPED = 1 << 2,        /* thousands grouped */
	NUMBER_DECIMAL_COMMA = 1 << 3,  /* decimal mark is a comma */
	/* How it is written, for number_write() to write another value
	   the same way (the value alone cannot tell): */
	NUMBER_DECIMAL_POINT = 1 << 4,  /* decimal mark is a point */
	NUMBER_GROUP_SPACE = 1 << 5,    /* grouped by a space, not , or . */
	NUMBER_NBSP = 1 << 6,           /* its space (group, before %) is
					   U+00A0 */
	NUMBER_NNBSP = 1 << 7,          /* ... is U+202F (or thin U+2009) */
	NUMBER_SPACED_PERCENT = 1 << 8, /* a space before the % sign */
	NUMBER_WIDE_PERCENT = 1 << 9,   /* the sign is ％ (U+FF05) */
	NUMBER_FULLWIDTH = 1 << 10,     /* full-width digits ０-９ */
};

struct tmg_number {
	size_t start, end;  /* its bytes in the text, with its % sign or
			       百分之 and sign: what number_write() gives */
	char value[48];     /* canonical: [-]digits[.digits], no grouping
			       ("1000", "3.5"): equal values, equal strings */
	unsigned flags;     /* NUMBER_* */
};

/* The numbers of `text` in `lang`, in order, into `*out` (to free; NULL
 * when none).  Returns how many. */
size_t numbers_find(const char *text, const char *lang,
		    struct tmg_number **out);
/* `value` (canonical) written as `model` (a number found in a text of
 * `lang`) is written: same decimal mark, grouping, percent sign and
 * script where the value allows it.  To free. */
char *number_write(const char *value, const char *lang,
		   const struct tmg_number *model);

/* ------------------------------------------------ quality checks (qa.c) */

/* The checks of `tmgloss check`; qa.c runs the ones a pair of texts
 * tells (number to length), search/check.c the term and consistency ones. */
enum qa_check {
	QA_TERM_MISSING,
	QA_TERM_DEPRECATED,
	QA_TERM_ADMITTED,
	QA_NUMBER,
	QA_PLACEHOLDER,
	QA_UNTRANSLATED,
	QA_WHITESPACE,
	QA_PUNCTUATION,
	QA_INCONSISTENT,
	QA_LENGTH,
	QA_NCHECKS
};

enum qa_severity { QA_INFO, QA_WARNING, QA_ERROR };

/* "term-missing", "number", ... (the names the command line takes). */
const char *qa_check_name(enum qa_check check);
/* The check named `name`, or -1. */
int qa_check_by_name(const char *name);

/*
 * Bounds of the length check learned from a memory's translations of one
 * language pair (qa_length_learn()), by the source's length: one band
 * per range of source lengths (qa.c's opening comment gives them), from
 * the shortest.  low[b] 0: nothing learned for that band.
 */
#define QA_LENGTH_BANDS 3
struct qa_length_bounds {
	double low[QA_LENGTH_BANDS], high[QA_LENGTH_BANDS];
	size_t samples[QA_LENGTH_BANDS];  /* how many they come from */
};

struct qa_pair_options {
	unsigned checks;        /* 1u << enum qa_check, those to run */
	int french_typography;  /* check no-break spaces in French targets */
	double length_low, length_high; /* target/source length ratio
					   bounds; 0: learned or the pair's
					   default */
	const struct qa_length_bounds *length_learned; /* or NULL */
};

/* One translation of a memory as the length check sees it. */
struct qa_length_sample {
	size_t source_chars;  /* the source's counted characters */
	double ratio;         /* the target's over them */
};

/*
 * The length check's view of one segment: the counted characters of the
 * source in sample->source_chars and the target's ratio to them.  Returns
 * 1, or 0 when the check says nothing of the segment (a source under 20
 * counted characters, an empty or untranslated target).
 */
int qa_length_sample(const char *src_lang, const char *tgt_lang,
		     const char *src_text, const char *src_markup,
		     const char *tgt_text, const char *tgt_markup,
		     struct qa_length_sample *sample);
/*
 * Learn bounds from `n` samples of one language pair (reordered): per
 * band with enough samples, the quantiles qa.c's opening comment gives.
 * Returns how many bands were learned (the others are left at 0).
 */
int qa_length_learn(struct qa_length_sample *samples, size_t n,
		    struct qa_length_bounds *out);

/* One finding: `message` is translated, one line, without the file. */
typedef void (*qa_report_fn)(void *data, enum qa_check check,
			     enum qa_severity severity, const char *message);

/*
 * Run the pair checks of `options` (number, placeholder, untranslated,
 * whitespace, punctuation, length) on one segment: plain texts and their
 * TMX inline markup (NULL when plain).  Each finding goes to `report`.
 */
void qa_check_pair(const struct qa_pair_options *options,
		   const char *src_lang, const char *tgt_lang,
		   const char *src_text, const char *src_markup,
		   const char *tgt_text, const char *tgt_markup,
		   qa_report_fn report, void *data);

#endif /* TMGLOSS_TEXT_TEXT_H */
