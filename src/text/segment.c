/*
 * segment.c -- sentences: paragraphs, ICU's sentence break iterator, and
 * the corrections a translator expects on top of it.
 *
 * Paragraphs end at blank lines (or U+2029, or a form feed).  Inside a
 * paragraph a single line break is read as a space, so that a sentence
 * wrapped over several lines stays one sentence.
 *
 * ICU's sentence break runs without suppressions, and the abbreviations
 * of CLDR's list for the language (the "exceptions/SentenceBreak" of ICU's
 * brkitr data, what "fr@ss=standard" would use) are kept in their sentence
 * here, by keep_abbreviations().  ICU's own filter matches an abbreviation
 * at the end of any word: with "aux." in the French list, "nationaux.",
 * "normaux.", "travaux." never ended a sentence.  Here an abbreviation is
 * a whole word (nothing alphanumeric before it).  An entry of several
 * words ("av. J.-C.", "trav. publ.") holds the sentence after each of its
 * words when the rest of it follows.
 *
 * For French, ICU 72 lists 82 abbreviations, among them "M.", "MM.",
 * "av. J.-C.", "P.-D. G.", month names ("janv.", "févr.", ...), "réf.",
 * "fig.", "éd.", "coll."; it does NOT know "p. ex.", "cf.", "env.",
 * "art.", "etc.".  A sentence never ends before a lower-case word (UAX #29
 * rule SB8), so "etc. et" and "p. ex. des" need nothing; before a capital
 * they would end a sentence, so French gets a short list of its own
 * (french_abbreviations below) of abbreviations that do not end one.
 * "etc." is left out: it often ends a sentence.
 *
 * Chinese: ICU ends sentences at 。！？ and keeps closing quotes and
 * brackets (”」』）) with them; we also end them after ；and after an
 * ellipsis (… or ……).
 *
 * Quotes, all languages but German and Danish (where » opens): an opening
 * bracket or quote that ICU leaves at the end of a sentence ("。「") goes
 * to the next one, and a closing one that ICU puts at the start of the next
 * ("Bonjour. »" with French spacing) goes back to the sentence it closes.
 *
 * Threads: the sentence break iterator is kept per thread (`cache`), freed
 * when the thread ends or by text_cleanup() (see thread.c).
 *
 * The paragraphs, their copies with line breaks made spaces and the
 * sentences trimmed are text_sentences_cut()'s, which SRX rules (srx.c)
 * use too.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "text/text-internal.h"
#include "text/text.h"

/* A language's abbreviations: `count` strings, each NUL-terminated. */
struct abbreviations {
	const UChar **items;
	UChar *chars;
	size_t count;
};

static _Thread_local struct {
	char lang[16];
	UBreakIterator *it;
	struct abbreviations abbr; /* CLDR's, for lang */
} cache;

static void
abbreviations_release(struct abbreviations *a)
{
	free(a->items);
	free(a->chars);
	memset(a, 0, sizeof *a);
}

/* Free the calling thread's iterator (registered with thread.c). */
static void
segment_cleanup(void)
{
	if (cache.it)
		ubrk_close(cache.it);
	abbreviations_release(&cache.abbr);
	memset(&cache, 0, sizeof cache);
}

/* ---------------------------------------------------------- shared */

void
text_spans_clear(struct text_spans *spans)
{
	free(spans->items);
	spans->items = NULL;
	spans->count = spans->alloc = 0;
}

void
boundaries_add(struct boundaries *b, int32_t at)
{
	ALLOC_GROW(b->at, b->count + 1, b->alloc);
	b->at[b->count++] = at;
}

static void
boundaries_release(struct boundaries *b)
{
	free(b->at);
	memset(b, 0, sizeof *b);
}

/* Insert `at` in order unless it is there already. */
static void
boundaries_insert(struct boundaries *b, int32_t at)
{
	size_t i;

	for (i = 0; i < b->count && b->at[i] < at; i++)
		;
	if (i < b->count && b->at[i] == at)
		return;
	boundaries_add(b, at);
	memmove(b->at + i + 1, b->at + i, (b->count - 1 - i) * sizeof *b->at);
	b->at[i] = at;
}

static void
boundaries_remove(struct boundaries *b, size_t i)
{
	memmove(b->at + i, b->at + i + 1, (b->count - 1 - i) * sizeof *b->at);
	b->count--;
}

static UChar32
char_at(const UChar *s, int32_t i, int32_t n)
{
	UChar32 c;

	U16_NEXT(s, i, n, c);
	return c;
}

static UChar32
char_before(const UChar *s, int32_t i)
{
	UChar32 c;

	U16_PREV(s, 0, i, c);
	return c;
}

/* Append the sentences between boundaries `b` of the paragraph that starts
 * at UTF-16 position `start` of `text`, trimmed of white space (empty ones
 * left out); offsets come from cursor `c`, which moves forward. */
static void
add_sentences(struct text_spans *out, struct offset_cursor *c,
	      const UChar *text, int32_t start, const struct boundaries *b,
	      int32_t paragraph)
{
	for (size_t k = 0; k + 1 < b->count; k++) {
		int32_t s = start + b->at[k], e = start + b->at[k + 1];
		struct text_span *span;

		while (s < e) {
			int32_t next = s;
			UChar32 ch;
			U16_NEXT(text, next, e, ch);
			if (!text_is_space(ch))
				break;
			s = next;
		}
		while (e > s && text_is_space(char_before(text + s, e - s)))
			e -= U16_IS_TRAIL(text[e - 1]) && e - 2 >= s ? 2 : 1;
		if (s >= e)
			continue;
		ALLOC_GROW(out->items, out->count + 1, out->alloc);
		span = &out->items[out->count++];
		offset_cursor_advance(c, s);
		span->start = c->point;
		span->byte_start = c->byte;
		offset_cursor_advance(c, e);
		span->end = c->point;
		span->byte_end = c->byte;
		span->paragraph = paragraph;
	}
}

int
text_is_line_break(UChar c)
{
	return c == '\n' || c == '\r' || c == 0x0085 || c == 0x2028 ||
	       c == 0x000B;
}

static int
is_paragraph_break(UChar c)
{
	return c == 0x2029 || c == 0x000C;
}

static int
has_content(const UChar *text, int32_t start, int32_t end)
{
	for (int32_t i = start; i < end;) {
		UChar32 c;
		U16_NEXT(text, i, end, c);
		if (!text_is_space(c))
			return 1;
	}
	return 0;
}

/*
 * The paragraphs of `text`: ranges separated by blank lines (a line break,
 * optional white space, a line break).  Calls `fn` for each paragraph that
 * has more than white space; stops and returns -1 when `fn` does.
 */
static int
for_each_paragraph(const UChar *text, int32_t len,
		   int (*fn)(void *data, int32_t start, int32_t end),
		   void *data)
{
	int32_t start = 0, i = 0;

	while (i < len) {
		int32_t end = i, j;
		int breaks = 0;

		if (!text_is_line_break(text[i]) && !is_paragraph_break(text[i])) {
			i++;
			continue;
		}
		/* count line breaks in the white space from here */
		for (j = i; j < len; j++) {
			if (is_paragraph_break(text[j]))
				breaks += 2;
			else if (text[j] == '\r' && j + 1 < len &&
				 text[j + 1] == '\n')
				continue; /* CR LF is one break */
			else if (text_is_line_break(text[j]))
				breaks++;
			else if (!text_is_space(text[j]))
				break;
		}
		if (breaks < 2) {
			i++;
			continue;
		}
		if (has_content(text, start, end) && fn(data, start, end) < 0)
			return -1;
		start = i = j;
	}
	if (has_content(text, start, len) && fn(data, start, len) < 0)
		return -1;
	return 0;
}

/* What text_sentences_cut() carries from one paragraph to the next. */
struct sentence_cutter {
	const UChar *text;
	struct offset_cursor cursor;
	struct text_ubuf flat; /* the paragraph, line breaks made spaces */
	struct boundaries b;
	int32_t paragraph;
	sentence_cut_fn cut;
	void *data;
	struct text_spans *out;
	struct tmg_error *err;
};

static int
cut_paragraph(void *data, int32_t start, int32_t end)
{
	struct sentence_cutter *sc = data;
	int32_t n = end - start;
	UChar *t;

	text_ubuf_reserve(&sc->flat, n + 1);
	t = sc->flat.chars;
	for (int32_t i = 0; i < n; i++) {
		UChar c = sc->text[start + i];
		t[i] = text_is_line_break(c) ? ' ' : c;
	}
	t[n] = 0;
	sc->b.count = 0;
	if (sc->cut(sc->data, t, n, &sc->b, sc->err) < 0)
		return -1;
	add_sentences(sc->out, &sc->cursor, sc->text, start, &sc->b,
		      sc->paragraph++);
	return 0;
}

int
text_sentences_cut(const char *utf8, sentence_cut_fn cut, void *data,
		   struct text_spans *out, struct tmg_error *err)
{
	struct sentence_cutter sc = { 0 };
	UChar *u;
	int32_t n;
	int rc;

	out->count = 0;
	if (text_utf16_from_utf8(utf8, &u, &n, err) < 0)
		return -1;
	sc.text = u;
	sc.cut = cut;
	sc.data = data;
	sc.out = out;
	sc.err = err;
	offset_cursor_init(&sc.cursor, u);
	rc = for_each_paragraph(u, n, cut_paragraph, &sc);
	boundaries_release(&sc.b);
	free(sc.flat.chars);
	free(u);
	if (rc < 0)
		out->count = 0;
	return rc;
}

/* ------------------------------------------------------- corrections */

/* Abbreviations that do not end a French sentence, beyond ICU's list. */
static const UChar *const french_abbreviations[] = {
	u"p. ex.", u"P. ex.", u"par ex.", u"ex.", u"cf.", u"Cf.", u"env.",
	u"Env.", u"art.", u"Art.", u"chap.", u"Chap.", u"vol.", u"Vol.",
	u"Mme.", u"Mmes.", u"Mlle.", u"Mlles.", u"Dr.", u"Pr.", u"St.",
	u"Ste.", u"cap.", u"tél.", u"Tél.", u"n°.", u"nos.",
};

static int
is_opening(UChar32 c)
{
	int8_t t = u_charType(c);

	return t == U_START_PUNCTUATION || t == U_INITIAL_PUNCTUATION;
}

static int
is_closing(UChar32 c)
{
	int8_t t = u_charType(c);

	return t == U_END_PUNCTUATION || t == U_FINAL_PUNCTUATION;
}

static int32_t
skip_space_back(const UChar *t, int32_t i, int32_t floor)
{
	while (i > floor && text_is_space(t[i - 1]))
		i--;
	return i;
}

static int32_t
skip_space_forward(const UChar *t, int32_t i, int32_t limit)
{
	while (i < limit && text_is_space(t[i]))
		i++;
	return i;
}

/*
 * Does abbreviation `abbr` (`n` code units) hold together the sentences
 * that meet at `at`?  Its first word, or its first words up to a period,
 * must end where the text before `at` ends (spaces left out), begin a
 * word, and be followed by the rest of it.
 */
static int
abbreviation_holds(const UChar *t, int32_t len, int32_t at,
		   const UChar *abbr, int32_t n)
{
	int32_t e = skip_space_back(t, at, 0);
	int32_t r = skip_space_forward(t, at, len);

	for (int32_t i = 1; i <= n; i++) {
		int32_t s = e - i, rest = n - i - 1;

		if (abbr[i - 1] != '.' || (i < n && abbr[i] != ' '))
			continue;
		if (s < 0 || u_memcmp(t + s, abbr, i) != 0)
			continue;
		if (s > 0 && u_isalnum(char_before(t, s)))
			continue;
		if (i == n || (rest <= len - r &&
			       u_memcmp(t + r, abbr + i + 1, rest) == 0))
			return 1;
	}
	return 0;
}

/* Remove the boundaries that follow an abbreviation of `list`. */
static void
keep_abbreviations(const UChar *t, int32_t len, struct boundaries *b,
		   const UChar *const *list, size_t count)
{
	for (size_t k = 1; k + 1 < b->count;) {
		int joined = 0;

		for (size_t a = 0; !joined && a < count; a++)
			joined = abbreviation_holds(t, len, b->at[k], list[a],
						    u_strlen(list[a]));
		if (joined)
			boundaries_remove(b, k);
		else
			k++;
	}
}

/* Chinese: also end sentences after ；and an ellipsis. */
static void
break_chinese(const UChar *t, int32_t len, struct boundaries *b)
{
	for (int32_t i = 0; i < len; i++) {
		int32_t j;

		if (t[i] != 0xFF1B && t[i] != 0x2026 && t[i] != 0x22EF)
			continue;
		j = i + 1;
		while (j < len && (t[j] == 0x2026 || t[j] == 0x22EF))
			j++;
		while (j < len && is_closing(char_at(t, j, len)))
			j += U16_IS_LEAD(t[j]) ? 2 : 1;
		if (skip_space_forward(t, j, len) < len)
			boundaries_insert(b, j);
		i = j - 1;
	}
}

static void
move_quotes(const UChar *t, struct boundaries *b)
{
	for (size_t k = 1; k + 1 < b->count; k++) {
		int32_t prev = b->at[k - 1], next = b->at[k + 1];
		int32_t q = skip_space_back(t, b->at[k], prev), r;

		/* "。「" -> the bracket opens the next sentence */
		if (q > prev && is_opening(char_before(t, q))) {
			while (q > prev && is_opening(char_before(t, q)))
				q -= U16_IS_TRAIL(t[q - 1]) ? 2 : 1;
			b->at[k] = q;
		}
		/* "Bonjour. »" -> the quote closes the sentence before */
		r = skip_space_forward(t, b->at[k], next);
		if (r < next && is_closing(char_at(t, r, next))) {
			while (r < next && is_closing(char_at(t, r, next)))
				r += U16_IS_LEAD(t[r]) ? 2 : 1;
			b->at[k] = r;
		}
	}
	/* drop the sentences the moves emptied */
	for (size_t k = 1; k < b->count;) {
		if (b->at[k] <= b->at[k - 1] ||
		    (k + 1 < b->count && !has_content(t, b->at[k - 1],
						       b->at[k])))
			boundaries_remove(b, k == b->count - 1 ? k - 1 : k);
		else
			k++;
	}
}

/* ------------------------------------------------------------ ICU */

struct icu_segmenter {
	const char *base; /* base language */
	UBreakIterator *it;
};

/*
 * As ICU does: a one-word entry that begins a longer one ("P." of "P.O."
 * and "P.-D. G.", "U." of "U.S.") is an abbreviation only as part of the
 * longer one, so "33 000 P. Par ailleurs" is two sentences.
 */
static void
drop_first_words(struct abbreviations *a)
{
	size_t kept = 0;

	for (size_t i = 0; i < a->count; i++) {
		const UChar *x = a->items[i];
		int32_t n = u_strlen(x);
		int begins = 0;

		if (u_strchr(x, '.') == x + n - 1)
			for (size_t j = 0; !begins && j < a->count; j++)
				begins = j != i && u_strlen(a->items[j]) > n &&
					 u_memcmp(a->items[j], x, n) == 0;
		if (!begins)
			a->items[kept++] = x;
	}
	a->count = kept;
}

/*
 * CLDR's abbreviations for language `base`, from ICU's break iterator data
 * (none for a language without a list, such as Chinese).
 */
static void
load_abbreviations(const char *base, struct abbreviations *out)
{
	UErrorCode status = U_ZERO_ERROR;
	UResourceBundle *top, *exceptions = NULL, *list = NULL;
	size_t used = 0;
	int32_t n;

	memset(out, 0, sizeof *out);
	top = ures_openDirect(U_ICUDATA_NAME "-brkitr", base, &status);
	exceptions = ures_getByKey(top, "exceptions", NULL, &status);
	list = ures_getByKey(exceptions, "SentenceBreak", NULL, &status);
	/* two passes: the lengths, then the strings */
	while (U_SUCCESS(status) && ures_hasNext(list)) {
		ures_getNextString(list, &n, NULL, &status);
		used += n + 1;
	}
	if (U_FAILURE(status) || used == 0)
		goto out;
	out->items = xreallocarray(NULL, ures_getSize(list),
				   sizeof *out->items);
	out->chars = xreallocarray(NULL, used, sizeof *out->chars);
	used = 0;
	ures_resetIterator(list);
	while (U_SUCCESS(status) && ures_hasNext(list)) {
		const UChar *s = ures_getNextString(list, &n, NULL, &status);

		if (U_FAILURE(status))
			break;
		u_memcpy(out->chars + used, s, n);
		out->chars[used + n] = 0;
		out->items[out->count++] = out->chars + used;
		used += n + 1;
	}
	drop_first_words(out);
out:
	ures_close(list);
	ures_close(exceptions);
	ures_close(top);
}

static UBreakIterator *
sentence_iterator(const char *base, struct tmg_error *err)
{
	UErrorCode status = U_ZERO_ERROR;
	char locale[48];

	if (cache.it && strcmp(cache.lang, base) == 0)
		return cache.it;
	if (cache.it)
		ubrk_close(cache.it);
	cache.it = NULL;
	abbreviations_release(&cache.abbr);
	snprintf(locale, sizeof locale, "%s", base[0] ? base : "root");
	cache.it = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &status);
	if (U_FAILURE(status)) {
		cache.it = NULL;
		tmg_error_set(err, NULL, 0, 0,
			      _("cannot open ICU sentence break iterator for "
				"'%s' (%s)"), locale, u_errorName(status));
		return NULL;
	}
	load_abbreviations(base, &cache.abbr);
	snprintf(cache.lang, sizeof cache.lang, "%s", base);
	return cache.it;
}

static int
icu_cut(void *data, const UChar *t, int32_t n, struct boundaries *b,
	struct tmg_error *err)
{
	struct icu_segmenter *seg = data;
	UErrorCode status = U_ZERO_ERROR;
	int32_t at;

	ubrk_setText(seg->it, t, n, &status);
	if (U_FAILURE(status)) {
		tmg_error_set(err, NULL, 0, 0,
			      _("ICU sentence break failed (%s)"),
			      u_errorName(status));
		return -1;
	}
	for (at = ubrk_first(seg->it); at != UBRK_DONE; at = ubrk_next(seg->it))
		boundaries_add(b, at);
	keep_abbreviations(t, n, b, cache.abbr.items, cache.abbr.count);
	if (strcmp(seg->base, "fr") == 0)
		keep_abbreviations(t, n, b, french_abbreviations,
				   sizeof french_abbreviations /
				   sizeof *french_abbreviations);
	if (strcmp(seg->base, "zh") == 0)
		break_chinese(t, n, b);
	if (strcmp(seg->base, "de") != 0 && strcmp(seg->base, "da") != 0)
		move_quotes(t, b);
	return 0;
}

int
text_sentences(const char *utf8, const char *lang, struct text_spans *out,
	       struct tmg_error *err)
{
	struct icu_segmenter seg;
	UErrorCode status = U_ZERO_ERROR;
	char base[16];
	int rc;

	out->count = 0;
	text_thread_register(segment_cleanup);
	text_base_language(lang, base, sizeof base);
	seg.base = base;
	seg.it = sentence_iterator(base, err);
	if (seg.it == NULL)
		return -1;
	rc = text_sentences_cut(utf8, icu_cut, &seg, out, err);
	/* the iterator is kept; the paragraph it was given is freed */
	ubrk_setText(seg.it, u"", 0, &status);
	return rc;
}
