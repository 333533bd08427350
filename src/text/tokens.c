/*
 * tokens.c -- tokens: how the matcher and the glossary cut a piece of
 * text into words, numbers, Han characters, punctuation and tags.
 *
 * Tokens come from ICU's word break iterator, then:
 *   - French: an elided article or pronoun (l' d' j' m' n' s' t' c' qu'
 *     jusqu' lorsqu' puisqu', with ' or ’) is split off its word;
 *     "aujourd'hui" is one word because "aujourd'" is not in the list;
 *   - numbers grouped by threes with a space, a no-break space (U+00A0), a
 *     thin space (U+2009) or a narrow no-break space (U+202F) are one token
 *     ("8 620"; "3,5" is already one for ICU);
 *   - Han: in TOKENS_MATCH mode one token per character (with its combining
 *     marks and variation selectors), without running ICU's dictionary; in
 *     TOKENS_WORDS mode ICU's dictionary words.  Latin letters and digits in
 *     Chinese text are tokens of their own ("CCI", "4.0", "64" "卡");
 *   - U+FFFC, the placeholder of an inline tag, is one TOKEN_TAG token;
 *   - white space is not a token.
 * Every token carries its offsets in the input, in code points and bytes.
 *
 * Each token's key is made by keys.c.
 *
 * Threads: every function here may be called from several threads at
 * once.  What this file keeps between calls (the break iterators, one per
 * base language; the text being tokenised; the recent texts' tokens) is in
 * `cache`, one per thread (_Thread_local), created on a thread's first
 * call.  A thread's objects are freed when the thread ends, by the
 * destructor of a pthread key (thread.c runs tokens_cleanup());
 * text_cleanup() frees the calling thread's objects at once, and is how
 * the main thread frees its own at exit (the key's destructor does not
 * run for it).  Results never depend on what a cache holds: two threads
 * given the same text give the same tokens.
 */
#include <config.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "text/text-internal.h"
#include "text/text.h"

/* Word break iterators kept, one per base language. */
#define WORD_ITERATORS 8

/*
 * The tokens of the last few texts tokenised: the index pass tokenises
 * each variant for the token index (keys with Traditional and accents
 * folded), for its French stems (Traditional folded) and for the
 * translation index (plain keys), and the word boundaries do not depend
 * on the key flags.  A text seen again in the same base language and mode
 * (the boundaries depend on nothing else: the base language's break
 * iterator and French elision, so "fr" and "fr-FR" share an entry) only
 * gets new keys, made from the UTF-16 ranges the tokens' keys were made
 * from; the entry keeps the text in UTF-16, not to convert it again, and
 * the keys made then: an ASCII token's key, the same whatever the flags,
 * is copied rather than made again.
 */
#define RECENT_TEXTS 4
#define NO_KEY ((size_t)-1)

struct recent_tokens {
	char *utf8;             /* the text (owned), NULL: empty entry */
	size_t utf8_len, utf8_alloc;
	char base[16];          /* text_base_language() of its language */
	struct text_ubuf text;  /* the text in UTF-16 */
	char *keys;             /* the keys made then (text_tokens.keys) */
	size_t keys_alloc;
	size_t *same_key;       /* per token: where its key is in `keys` when
				   the flags do not change it (ASCII), or
				   NO_KEY */
	enum tokenize_mode mode;
	struct text_token *items; /* keys not kept */
	struct key_range { int32_t start, end; } *ranges; /* UTF-16 */
	size_t count, alloc;
};

/* What a thread keeps between calls (see the comment at the top). */
struct tokens_cache {
	int registered;   /* its cleanup is registered (thread.c) */
	struct {
		char lang[16];
		UBreakIterator *it;
	} words[WORD_ITERATORS];
	size_t nwords;
	struct text_ubuf text; /* the text being tokenised, in UTF-16 */
	size_t *key_at;   /* offsets of the keys in text_tokens.keys */
	size_t key_at_alloc;
	struct key_range *key_range; /* of each token being made */
	size_t key_range_alloc;
	struct recent_tokens recent[RECENT_TEXTS];
	size_t recent_next;          /* the entry to replace next */
	/* fast_words(): the word class of each code unit of a run, and the
	 * run's segments (end, rule status) */
	unsigned char *classes;
	size_t classes_alloc;
	struct fast_cut { int32_t end, status; } *cuts;
	size_t cuts_alloc;
};

static _Thread_local struct tokens_cache cache;

/* Forget the calling thread's recent texts. */
static void
recent_forget(void)
{
	for (size_t i = 0; i < RECENT_TEXTS; i++) {
		free(cache.recent[i].utf8);
		free(cache.recent[i].items);
		free(cache.recent[i].ranges);
		free(cache.recent[i].text.chars);
		free(cache.recent[i].keys);
		free(cache.recent[i].same_key);
	}
	memset(cache.recent, 0, sizeof cache.recent);
	cache.recent_next = 0;
}

/* Free an array grown by ALLOC_GROW, and start it again from nothing. */
#define ARRAY_RELEASE(array, alloc) \
	do { free(array); (array) = NULL; (alloc) = 0; } while (0)

/* Free the calling thread's cache (registered with thread.c). */
static void
tokens_cleanup(void)
{
	for (size_t i = 0; i < cache.nwords; i++)
		ubrk_close(cache.words[i].it);
	cache.nwords = 0;
	free(cache.text.chars);
	memset(&cache.text, 0, sizeof cache.text);
	ARRAY_RELEASE(cache.key_at, cache.key_at_alloc);
	ARRAY_RELEASE(cache.key_range, cache.key_range_alloc);
	ARRAY_RELEASE(cache.classes, cache.classes_alloc);
	ARRAY_RELEASE(cache.cuts, cache.cuts_alloc);
	recent_forget();
	cache.registered = 0;
}

/* ------------------------------------------------------------ helpers */

static int
is_french(const char *lang)
{
	char base[8];

	text_base_language(lang, base, sizeof base);
	return strcmp(base, "fr") == 0;
}

const char *
token_kind_name(enum token_kind kind)
{
	switch (kind) {
	case TOKEN_WORD: return "word";
	case TOKEN_NUMBER: return "number";
	case TOKEN_HAN: return "han";
	case TOKEN_PUNCT: return "punct";
	case TOKEN_TAG: return "tag";
	}
	return "?";
}

/* The word break iterator for the base language of `lang` (cached). */
static UBreakIterator *
word_iterator(const char *lang, struct tmg_error *err)
{
	UErrorCode status = U_ZERO_ERROR;
	char base[16];
	UBreakIterator *it;
	size_t slot;

	text_base_language(lang, base, sizeof base);
	for (size_t i = 0; i < cache.nwords; i++)
		if (strcmp(cache.words[i].lang, base) == 0)
			return cache.words[i].it;
	it = ubrk_open(UBRK_WORD, base[0] ? base : "root", NULL, 0, &status);
	if (U_FAILURE(status)) {
		tmg_error_set(err, NULL, 0, 0,
			      _("cannot open ICU word break iterator for "
				"'%s' (%s)"), base, u_errorName(status));
		return NULL;
	}
	if (cache.nwords < WORD_ITERATORS) {
		slot = cache.nwords++;
	} else {
		slot = WORD_ITERATORS - 1; /* the newest guest gives way */
		ubrk_close(cache.words[slot].it);
	}
	memcpy(cache.words[slot].lang, base, sizeof base);
	cache.words[slot].it = it;
	return it;
}

/* ------------------------------------------------------------- tokens */

struct tokenizer {
	const UChar *text;
	int32_t len;
	const char *lang;
	UBreakIterator *it; /* ICU's, opened when fast_words() cannot cut */
	struct offset_cursor cursor;
	struct text_tokens *out;
	struct strbuf keys; /* out->keys while tokenising; offsets of each
			       token's key in cache.key_at */
	int key_flags;
	int french;
	int fast_words;     /* a language fast_words() may cut */
	struct tmg_error *err;
};

static int
is_han(UChar32 c)
{
	UErrorCode status = U_ZERO_ERROR;

	if (c < 0x2E80)
		return 0;
	if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF))
		return 1;
	return uscript_getScript(c, &status) == USCRIPT_HAN;
}

/* Characters that stay with the character before them. */
static int
is_attached(UChar32 c)
{
	if (c < 0x300)
		return 0;
	if ((c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
	    c == 0x200D)
		return 1;
	return (U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_ME_MASK)) != 0;
}

static int
is_group_space(UChar c)
{
	return c == 0x0020 || c == 0x00A0 || c == 0x2009 || c == 0x202F;
}

static int
is_ascii_digit(UChar c)
{
	return c >= '0' && c <= '9';
}

/*
 * Is s[0..n) a whole number written with French grouping so far: 1-3
 * digits, then groups of exactly 3 digits after a group space?
 */
static int
is_grouped_integer(const UChar *s, int32_t n)
{
	int32_t run = 0, groups = 0;

	for (int32_t i = 0; i < n; i++) {
		if (is_ascii_digit(s[i])) {
			run++;
		} else if (is_group_space(s[i]) && run > 0) {
			if ((groups == 0 && run > 3) || (groups > 0 && run != 3))
				return 0;
			groups++;
			run = 0;
		} else {
			return 0;
		}
	}
	if (run == 0)
		return 0;
	return groups == 0 ? run <= 3 : run == 3;
}

/* Does s[0..n) start with a group of exactly three digits? */
static int
starts_with_group(const UChar *s, int32_t n)
{
	if (n < 3 || !is_ascii_digit(s[0]) || !is_ascii_digit(s[1]) ||
	    !is_ascii_digit(s[2]))
		return 0;
	return n == 3 || !is_ascii_digit(s[3]);
}

static int
add_token(struct tokenizer *tz, enum token_kind kind, int32_t start,
	  int32_t end)
{
	struct text_tokens *out = tz->out;
	struct text_token *t;

	ALLOC_GROW(out->items, out->count + 1, out->alloc);
	ALLOC_GROW(cache.key_at, out->count + 1, cache.key_at_alloc);
	ALLOC_GROW(cache.key_range, out->count + 1, cache.key_range_alloc);
	cache.key_range[out->count].start = start;
	cache.key_range[out->count].end = end;
	t = &out->items[out->count];
	t->kind = kind;
	offset_cursor_advance(&tz->cursor, start);
	t->start = tz->cursor.point;
	t->byte_start = tz->cursor.byte;
	offset_cursor_advance(&tz->cursor, end);
	t->end = tz->cursor.point;
	t->byte_end = tz->cursor.byte;
	t->key = NULL; /* set once the keys stop moving */
	cache.key_at[out->count] = tz->keys.len;
	if (text_append_key(&tz->keys, tz->text + start, end - start,
			    tz->key_flags, kind == TOKEN_NUMBER, tz->err) < 0)
		return -1;
	out->count++;
	return 0;
}

/* UTF-16 start of the last token (tokens keep only code point offsets). */
struct last_number {
	int32_t start, end; /* UTF-16; start < 0 when none */
};

/* A number: joined to the one before it when it continues its grouping. */
static int
add_number(struct tokenizer *tz, struct last_number *last, int32_t start,
	   int32_t end)
{
	struct text_token *prev;

	if (last->start >= 0 && last->end + 1 == start &&
	    is_group_space(tz->text[last->end]) &&
	    is_grouped_integer(tz->text + last->start,
			       last->end - last->start) &&
	    starts_with_group(tz->text + start, end - start)) {
		prev = &tz->out->items[tz->out->count - 1];
		offset_cursor_advance(&tz->cursor, end);
		prev->end = tz->cursor.point;
		prev->byte_end = tz->cursor.byte;
		/* the number's key was the last one: replace it */
		tz->keys.len = cache.key_at[tz->out->count - 1];
		cache.key_range[tz->out->count - 1].start = last->start;
		cache.key_range[tz->out->count - 1].end = end;
		if (text_append_key(&tz->keys, tz->text + last->start,
				    end - last->start, tz->key_flags, 1,
				    tz->err) < 0)
			return -1;
		last->end = end;
		return 0;
	}
	if (add_token(tz, TOKEN_NUMBER, start, end) < 0)
		return -1;
	last->start = start;
	last->end = end;
	return 0;
}

/* Length of the French elided prefix of word s[0..n) (apostrophe included),
 * or 0. */
static int32_t
elision_length(const UChar *s, int32_t n)
{
	static const struct {
		const char *text;
		int32_t len;
	} prefixes[] = {
		{ "l", 1 }, { "d", 1 }, { "j", 1 }, { "m", 1 }, { "n", 1 },
		{ "s", 1 }, { "t", 1 }, { "c", 1 }, { "qu", 2 },
		{ "jusqu", 5 }, { "lorsqu", 6 }, { "puisqu", 6 },
	};
	int apostrophe = 0;

	/* the longest prefix has 6 letters: look no further */
	for (int32_t i = 1; i < n && i <= 6 && !apostrophe; i++)
		apostrophe = s[i] == '\'' || s[i] == 0x2019;
	if (!apostrophe)
		return 0;
	for (size_t k = 0; k < sizeof prefixes / sizeof *prefixes; k++) {
		int32_t plen = prefixes[k].len, i;

		if (n <= plen + 1)
			continue;
		for (i = 0; i < plen; i++) {
			UChar c = s[i];
			if (c >= 'A' && c <= 'Z')
				c = (UChar)(c - 'A' + 'a');
			if (c != (UChar)prefixes[k].text[i])
				break;
		}
		if (i == plen && (s[plen] == '\'' || s[plen] == 0x2019))
			return plen + 1;
	}
	return 0;
}

/* Is every code point of s[0..n) white space? */
static int
all_space(const UChar *s, int32_t n)
{
	for (int32_t i = 0; i < n;) {
		UChar32 c;
		U16_NEXT(s, i, n, c);
		if (!text_is_space(c))
			return 0;
	}
	return 1;
}

/* One ICU word segment [start, end) with rule status `status`. */
static int
add_segment(struct tokenizer *tz, struct last_number *last, int32_t start,
	    int32_t end, int32_t status)
{
	const UChar *s = tz->text + start;
	int32_t n = end - start, cut;

	if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT)
		return add_number(tz, last, start, end);
	/* white space keeps `last`: "8 620" is a number, a space, a number */
	if (status < UBRK_WORD_NONE_LIMIT && all_space(s, n))
		return 0;
	last->start = -1;
	if (status >= UBRK_WORD_IDEO && status < UBRK_WORD_IDEO_LIMIT)
		return add_token(tz, TOKEN_HAN, start, end);
	if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_KANA_LIMIT) {
		if (tz->french && (cut = elision_length(s, n)) > 0) {
			if (add_token(tz, TOKEN_WORD, start, start + cut) < 0)
				return -1;
			start += cut;
		}
		return add_token(tz, TOKEN_WORD, start, end);
	}
	if (s[0] == 0xFFFC) {
		/* one tag token per placeholder, even when ICU joins them */
		for (int32_t i = start; i < end; i++)
			if (tz->text[i] == 0xFFFC &&
			    add_token(tz, TOKEN_TAG, i, i + 1) < 0)
				return -1;
		return 0;
	}
	return add_token(tz, TOKEN_PUNCT, start, end);
}

/*
 * Word breaks without ICU, for the text most memories are made of.  A run
 * of Latin letters (with their accents), ASCII digits, spaces and common
 * punctuation is cut exactly as ICU's word break iterator cuts it (UAX
 * #29, its rules WB3d, WB5-WB13 and WB999 for these classes), with the
 * same rule statuses; any other code point, or a segment of letters and
 * digits together, sends the whole run to ICU.  ICU's iterator was a
 * quarter of tokenising (its state machine, and setText() for every
 * run).  tests/unit/text-test.c checks both ways on every code point the
 * fast way knows, in contexts, in random strings and in sample sentences;
 * TMGLOSS_WORD_BREAK=icu turns it off.
 */
enum word_class {
	WC_ICU,      /* a code point only ICU may cut */
	WC_LETTER,   /* ALetter */
	WC_DIGIT,    /* Numeric */
	WC_SPACE,    /* WSegSpace: U+0020 */
	WC_MIDBOTH,  /* MidNumLet and Single_Quote: ' . ‘ ’ */
	WC_MIDNUM,   /* MidNum: , ; */
	WC_OTHER     /* a segment of its own */
};

static enum word_class
word_class_of(UChar c)
{
	if (c < 0x80) {
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			return WC_LETTER;
		if (c >= '0' && c <= '9')
			return WC_DIGIT;
		switch (c) {
		case ' ':
			return WC_SPACE;
		case '\'': case '.':
			return WC_MIDBOTH;
		case ',': case ';':
			return WC_MIDNUM;
		case ':': /* MidLetter, tailored by locale */
		case '_': /* ExtendNumLet */
		case '"': /* Double_Quote */
		case '@': /* joins words in ICU's own rules (e-mail) */
			return WC_ICU;
		}
		return c < 0x20 || c == 0x7f ? WC_ICU : WC_OTHER;
	}
	if (c >= 0xC0 && c <= 0x24F)
		return c == 0xD7 || c == 0xF7 ? WC_OTHER : WC_LETTER;
	switch (c) {
	case 0x2018: case 0x2019:
		return WC_MIDBOTH;
	case 0xA0: case 0xAB: case 0xBB:
	case 0x2013: case 0x2014: case 0x201C: case 0x201D: case 0x2026:
		return WC_OTHER;
	}
	/* U+202F, French's narrow no-break space, is ExtendNumLet: it joins
	 * what is around it, and is left to ICU */
	return WC_ICU;
}

/* The classes of U+0000..U+024F, looked up (word_class_of() below). */
static unsigned char latin_classes[0x250];
static pthread_once_t latin_classes_once = PTHREAD_ONCE_INIT;

static void
latin_classes_fill(void)
{
	for (UChar c = 0; c < 0x250; c++)
		latin_classes[c] = (unsigned char)word_class_of(c);
}

static enum word_class
word_class(UChar c)
{
	return c < 0x250 ? (enum word_class)latin_classes[c]
			 : word_class_of(c);
}

/* Is a code point of class `a` joined across a middle character of class
 * `mid` to one of class `b` (WB6-WB7, WB11-WB12)? */
static int
joined_across(enum word_class a, enum word_class mid, enum word_class b)
{
	if (a == WC_LETTER && b == WC_LETTER)
		return mid == WC_MIDBOTH;
	return a == WC_DIGIT && b == WC_DIGIT &&
	       (mid == WC_MIDBOTH || mid == WC_MIDNUM);
}

/* TMGLOSS_WORD_BREAK=icu, read once (-1: not yet); tests set it through
 * text_tokens_icu_only() in one thread. */
static int fast_words_off = -1;

void
text_tokens_icu_only(int on)
{
	fast_words_off = on;
	recent_forget(); /* their tokens were cut the other way */
}

/*
 * The end of the segment of the run whose classes are k[0, n) that starts
 * at i, as ICU cuts it, and its rule status in *status; -1 for a segment
 * the fast way does not know: letters and digits together ("a01", "mp3"),
 * whose status ICU gives by rules of its own.
 */
static int32_t
fast_segment(const unsigned char *k, int32_t i, int32_t n, int32_t *status)
{
	int32_t j = i + 1;
	int letters, digits;

	*status = UBRK_WORD_NONE;
	if (k[i] == WC_SPACE) {
		while (j < n && k[j] == WC_SPACE)
			j++;
		return j;
	}
	if (k[i] != WC_LETTER && k[i] != WC_DIGIT)
		return j;
	letters = k[i] == WC_LETTER;
	digits = k[i] == WC_DIGIT;
	while (j < n) {
		if (k[j] == WC_LETTER || k[j] == WC_DIGIT) {
			letters |= k[j] == WC_LETTER;
			digits |= k[j] == WC_DIGIT;
			j++;
		} else if (j + 1 < n && joined_across(k[j - 1], k[j], k[j + 1])) {
			j += 2;
		} else {
			break;
		}
	}
	*status = letters ? UBRK_WORD_LETTER : UBRK_WORD_NUMBER;
	return letters && digits ? -1 : j;
}

/*
 * Cut text[start, end) as ICU would, without it: 1 when done, 0 when the
 * run holds a code point or a segment only ICU may cut (nothing is added
 * then), -1 on error.
 */
static int
fast_words(struct tokenizer *tz, struct last_number *last, int32_t start,
	   int32_t end)
{
	const UChar *s = tz->text + start;
	int32_t n = end - start, ncuts = 0;
	unsigned char *k;

	if (fast_words_off < 0) {
		const char *env = getenv("TMGLOSS_WORD_BREAK");
		fast_words_off = env && strcmp(env, "icu") == 0;
	}
	if (fast_words_off || !tz->fast_words)
		return 0;
	pthread_once(&latin_classes_once, latin_classes_fill);
	ALLOC_GROW(cache.classes, (size_t)n, cache.classes_alloc);
	k = cache.classes;
	for (int32_t i = 0; i < n; i++)
		if ((k[i] = (unsigned char)word_class(s[i])) == WC_ICU)
			return 0;
	ALLOC_GROW(cache.cuts, (size_t)n, cache.cuts_alloc);
	for (int32_t i = 0; i < n; ncuts++) {
		struct fast_cut *cut = &cache.cuts[ncuts];

		if ((cut->end = fast_segment(k, i, n, &cut->status)) < 0)
			return 0;
		i = cut->end;
	}
	for (int32_t c = 0, i = 0; c < ncuts; i = cache.cuts[c++].end)
		if (add_segment(tz, last, start + i, start + cache.cuts[c].end,
				cache.cuts[c].status) < 0)
			return -1;
	return 1;
}

/* Tokens of text[start, end) through ICU's word break iterator, or as it
 * would cut them (fast_words()).  The iterator is opened the first time
 * it is needed: ubrk_open() took 0.46-0.81 ms of a `match` process whose
 * French text fast_words() cuts whole. */
static int
break_words(struct tokenizer *tz, struct last_number *last, int32_t start,
	    int32_t end)
{
	UErrorCode status = U_ZERO_ERROR;
	UBreakIterator *it;
	int32_t from, to;
	int fast = fast_words(tz, last, start, end);

	if (fast != 0)
		return fast < 0 ? -1 : 0;
	if (tz->it == NULL &&
	    (tz->it = word_iterator(tz->lang, tz->err)) == NULL)
		return -1;
	it = tz->it;
	ubrk_setText(it, tz->text + start, end - start, &status);
	if (U_FAILURE(status)) {
		tmg_error_set(tz->err, NULL, 0, 0,
			      _("ICU word break failed (%s)"),
			      u_errorName(status));
		return -1;
	}
	from = ubrk_first(it);
	while ((to = ubrk_next(it)) != UBRK_DONE) {
		if (add_segment(tz, last, start + from, start + to,
				ubrk_getRuleStatus(it)) < 0)
			return -1;
		from = to;
	}
	return 0;
}

/* A single code point that is not Han, classified without ICU's break
 * iterator (the common case between Han characters). */
static int
add_single(struct tokenizer *tz, struct last_number *last, int32_t start,
	   int32_t end, UChar32 c)
{
	int32_t status;

	if (u_isdigit(c))
		status = UBRK_WORD_NUMBER;
	else if (u_isalpha(c))
		status = UBRK_WORD_LETTER;
	else
		status = UBRK_WORD_NONE;
	return add_segment(tz, last, start, end, status);
}

/*
 * TOKENS_MATCH: Han characters one by one, the rest through ICU's word
 * break iterator run by run, so that ICU's Chinese dictionary is never run
 * for characters that are split anyway.
 */
static int
tokenize_match(struct tokenizer *tz)
{
	struct last_number last = { -1, -1 };
	const UChar *s = tz->text;
	int32_t i = 0, n = tz->len;

	while (i < n) {
		int32_t start = i, next;
		UChar32 c;

		U16_NEXT(s, i, n, c);
		if (is_han(c)) {
			while (i < n) {
				UChar32 d;
				next = i;
				U16_NEXT(s, next, n, d);
				if (!is_attached(d))
					break;
				i = next;
			}
			last.start = -1;
			if (add_token(tz, TOKEN_HAN, start, i) < 0)
				return -1;
			continue;
		}
		/* a run up to the next Han character */
		for (next = i; next < n;) {
			int32_t at = next;
			UChar32 d;
			U16_NEXT(s, next, n, d);
			if (is_han(d)) {
				next = at;
				break;
			}
		}
		if (next == i) { /* one code point before Han or the end */
			if (add_single(tz, &last, start, i, c) < 0)
				return -1;
		} else if (break_words(tz, &last, start, next) < 0) {
			return -1;
		}
		i = next;
	}
	return 0;
}

/* The recent entry of this text, base language and mode, or NULL. */
static struct recent_tokens *
recent_find(const char *utf8, size_t len, const char *base,
	    enum tokenize_mode mode)
{
	for (size_t i = 0; i < RECENT_TEXTS; i++) {
		struct recent_tokens *r = &cache.recent[i];
		if (r->utf8 && r->mode == mode && r->utf8_len == len &&
		    strcmp(r->base, base) == 0 &&
		    memcmp(r->utf8, utf8, len) == 0)
			return r;
	}
	return NULL;
}

/* Remember the tokens just made (in cache.key_range their key ranges). */
static void
recent_keep(const char *utf8, size_t len, const char *base,
	    enum tokenize_mode mode, const struct text_tokens *out)
{
	struct recent_tokens *r = &cache.recent[cache.recent_next];

	cache.recent_next = (cache.recent_next + 1) % RECENT_TEXTS;
	ALLOC_GROW(r->utf8, len + 1, r->utf8_alloc);
	memcpy(r->utf8, utf8, len + 1);
	r->utf8_len = len;
	memcpy(r->base, base, sizeof r->base);
	text_ubuf_reserve(&r->text, cache.text.len + 1);
	memcpy(r->text.chars, cache.text.chars,
	       (size_t)cache.text.len * sizeof *cache.text.chars);
	r->text.len = cache.text.len;
	r->mode = mode;
	if (out->count > r->alloc) {
		/* ranges: one for each item */
		ALLOC_GROW(r->items, out->count, r->alloc);
		r->ranges = xreallocarray(r->ranges, r->alloc,
					  sizeof *r->ranges);
		r->same_key = xreallocarray(r->same_key, r->alloc,
					    sizeof *r->same_key);
	}
	if (out->count) {
		memcpy(r->items, out->items, out->count * sizeof *r->items);
		memcpy(r->ranges, cache.key_range,
		       out->count * sizeof *r->ranges);
		ALLOC_GROW(r->keys, out->keys_len, r->keys_alloc);
		memcpy(r->keys, out->keys, out->keys_len);
	}
	for (size_t i = 0; i < out->count; i++)
		r->same_key[i] = text_key_ignores_flags(
			cache.text.chars + r->ranges[i].start,
			r->ranges[i].end - r->ranges[i].start) ?
			cache.key_at[i] : NO_KEY;
	r->count = out->count;
}

/* The tokens of a recent entry with keys of `key_flags`. */
static int
recent_tokens(const struct recent_tokens *r, int key_flags,
	      struct text_tokens *out, struct tmg_error *err)
{
	struct strbuf keys = { out->keys, 0, out->keys_alloc };
	int rc = 0;

	ALLOC_GROW(out->items, r->count, out->alloc);
	ALLOC_GROW(cache.key_at, r->count, cache.key_at_alloc);
	for (size_t i = 0; i < r->count && rc == 0; i++) {
		out->items[i] = r->items[i];
		cache.key_at[i] = keys.len;
		if (r->same_key[i] != NO_KEY) {
			const char *key = r->keys + r->same_key[i];

			strbuf_add(&keys, key, strlen(key) + 1);
			continue;
		}
		rc = text_append_key(&keys,
				     r->text.chars + r->ranges[i].start,
				     r->ranges[i].end - r->ranges[i].start,
				     key_flags,
				     r->items[i].kind == TOKEN_NUMBER, err);
	}
	out->keys = keys.buf;
	out->keys_alloc = keys.alloc;
	if (rc < 0) {
		out->count = 0;
		out->keys_len = 0;
		return -1;
	}
	out->count = r->count;
	out->keys_len = keys.len;
	for (size_t i = 0; i < out->count; i++)
		out->items[i].key = out->keys + cache.key_at[i];
	return 0;
}

int
text_tokenize(const char *utf8, const char *lang, enum tokenize_mode mode,
	      int key_flags, struct text_tokens *out, struct tmg_error *err)
{
	struct tokenizer tz = { 0 };
	struct recent_tokens *recent;
	size_t utf8_len = strlen(utf8);
	char base[16];
	struct last_number last = { -1, -1 };
	UChar *u;
	int32_t n;
	int rc;

	out->count = 0;
	out->keys_len = 0;
	if (!cache.registered) {
		text_thread_register(tokens_cleanup);
		cache.registered = 1;
	}
	/* a text seen again was valid UTF-8 then: no need to convert it */
	text_base_language(lang, base, sizeof base);
	if ((recent = recent_find(utf8, utf8_len, base, mode)) != NULL)
		return recent_tokens(recent, key_flags, out, err);
	if (text_utf16_into(utf8, &cache.text, err) < 0)
		return -1;
	u = cache.text.chars;
	n = cache.text.len;
	tz.text = u;
	tz.len = n;
	tz.lang = lang;
	tz.out = out;
	tz.keys.buf = out->keys;
	tz.keys.alloc = out->keys_alloc;
	tz.key_flags = key_flags;
	tz.french = is_french(lang);
	tz.fast_words = strcmp(base, "fr") == 0 || strcmp(base, "en") == 0 ||
			strcmp(base, "zh") == 0;
	tz.err = err;
	offset_cursor_init(&tz.cursor, u);
	if (mode == TOKENS_MATCH)
		rc = tokenize_match(&tz);
	else
		rc = n ? break_words(&tz, &last, 0, n) : 0;
	out->keys = tz.keys.buf;
	out->keys_alloc = tz.keys.alloc;
	out->keys_len = tz.keys.len;
	if (rc < 0) {
		out->count = 0;
		out->keys_len = 0;
		return -1;
	}
	for (size_t i = 0; i < out->count; i++)
		out->items[i].key = out->keys + cache.key_at[i];
	recent_keep(utf8, utf8_len, base, mode, out);
	return 0;
}

void
text_tokens_clear(struct text_tokens *tokens)
{
	free(tokens->items);
	free(tokens->keys);
	memset(tokens, 0, sizeof *tokens);
}
