/*
 * wordcount.c -- words and characters of a text, counted the way
 * translators are paid: the figures of a match analysis.
 *
 * Words.  The text is cut by ICU's word break iterator (UBRK_WORD,
 * Unicode's word boundaries, UAX #29, with ICU's dictionaries for
 * Chinese, Japanese and Thai) and each piece is counted by its rule
 * status:
 *   - a letter word (French, English, Korean, Thai...) is one word.  An
 *     apostrophe between letters does not break a word there, so the
 *     French elision "l'intelligence" (or "l’intelligence") is one word,
 *     as Translate Toolkit's pocount counts it; so are words and numbers
 *     joined by a hyphen, a slash or an ampersand, the accelerator mark
 *     of menu labels ("peut-être", "sous-menu", "Afficher/Cacher",
 *     "C&ontinuer", "3/4", "1-10": ICU cuts there, the pieces are joined
 *     again), as pocount counts them;
 *   - a number is one word, its decimal separator and grouping included
 *     ("3,5", "1,000.5", "25"); French thousands written with a space, a
 *     no-break space or a narrow one ("1 000", "10 000 000") are one
 *     number: groups of three digits after a first group of one to three;
 *   - Han, Hiragana and Katakana characters are one word each, however
 *     ICU's dictionary groups them (实验室 is three words), as Trados and
 *     memoQ count Asian scripts; the Latin letters or digits of the same
 *     piece, if any, add one word;
 *   - punctuation, symbols and white space are no words.
 * A mixed text is counted both ways, piece by piece: "Beijing 有 25 个
 * 实验室" is Beijing 1, 有 1, 25 1, 个实验室 4: seven words.
 *
 * Placeholders and inline codes.  The caller passes plain text: a
 * document segment's text without its inline codes (struct tmg_docseg's
 * *_text), so a code counts nothing and only the text around it is
 * counted.  HTML or XML tags written in the text itself, as PO messages
 * carry them ("<a href=\"%url\">upload</a>", "<subject>"), are codes too:
 * neither words nor characters (pocount leaves them out as well).
 * Printf-style placeholders ("%s", "{0}") count as ICU sees them: "%s"
 * one word (its letter), "{0}" one number.
 *
 * Characters.  Code points, with combining marks (an accent written
 * apart), format characters (soft hyphen, zero-width space) and control
 * characters other than white space left out, so that "é" is one
 * character composed or not.  "With spaces" counts white space too
 * (each space, tab or line break one); "without" leaves it out.
 *
 * Threads: the word break iterator is kept per thread, freed when the
 * thread ends or by text_cleanup() (thread.c).
 */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include "base/i18n.h"
#include "text/text-internal.h"
#include "text/text.h"

static _Thread_local struct {
	char lang[16];
	UBreakIterator *it;
	struct text_ubuf buf;
	unsigned char *in_tag;  /* per UTF-16 unit of buf: inside a tag */
	size_t in_tag_alloc;
} cache;

/* Free the calling thread's iterator (registered with thread.c). */
static void
wordcount_cleanup(void)
{
	if (cache.it)
		ubrk_close(cache.it);
	free(cache.buf.chars);
	free(cache.in_tag);
	memset(&cache, 0, sizeof cache);
}

static UBreakIterator *
word_iterator(const char *base, struct tmg_error *err)
{
	UErrorCode status = U_ZERO_ERROR;

	if (cache.it && strcmp(cache.lang, base) == 0)
		return cache.it;
	if (cache.it)
		ubrk_close(cache.it);
	cache.it = ubrk_open(UBRK_WORD, base[0] ? base : "root", NULL, 0,
			     &status);
	if (U_FAILURE(status)) {
		cache.it = NULL;
		tmg_error_set(err, NULL, 0, 0,
			      _("cannot open ICU word break iterator for "
				"'%s' (%s)"), base, u_errorName(status));
		return NULL;
	}
	snprintf(cache.lang, sizeof cache.lang, "%s", base);
	return cache.it;
}

static int
is_asian(UChar32 c)
{
	return uscript_hasScript(c, USCRIPT_HAN) ||
	       uscript_hasScript(c, USCRIPT_HIRAGANA) ||
	       uscript_hasScript(c, USCRIPT_KATAKANA);
}

/* The space French and other languages group thousands with. */
static int
is_group_space(UChar32 c)
{
	return c == ' ' || c == 0x00a0 || c == 0x202f || c == 0x2009;
}

/* A hyphen, a slash or an ampersand (a menu's accelerator), which joins
 * two words into one. */
static int
is_joiner(UChar c)
{
	return c == '-' || c == 0x2010 || c == 0x2011 || c == '/' || c == '&';
}

/* Leading ASCII or other decimal digits of t[from..to). */
static int32_t
digit_run(const UChar *t, int32_t from, int32_t to)
{
	int32_t i = from, n = 0;
	UChar32 c;

	while (i < to) {
		int32_t at = i;
		U16_NEXT(t, i, to, c);
		if (!u_isdigit(c)) {
			i = at;
			break;
		}
		n++;
	}
	return n;
}

/* Words of the piece t[start..end) with rule status `status`; *asian
 * gets its Han and Kana characters. */
static long
piece_words(const UChar *t, int32_t start, int32_t end, int32_t status,
	    long *asian)
{
	long han = 0;
	int other = 0;
	int32_t i = start;
	UChar32 c;

	if (status < UBRK_WORD_NONE_LIMIT)
		return 0;
	if (status < UBRK_WORD_NUMBER_LIMIT)
		return 1;
	while (i < end) {
		U16_NEXT(t, i, end, c);
		if (is_asian(c))
			han++;
		else if (u_isalnum(c))
			other = 1;
	}
	*asian += han;
	return han + other;
}

/*
 * Mark in cache.in_tag the units of t[0..n) inside an HTML or XML tag
 * written in the text: '<', an optional '/' or '!', a letter, then
 * anything but '<' up to the next '>'.
 */
static void
mark_tags(const UChar *t, int32_t n)
{
	int32_t i, j, k;

	ALLOC_GROW(cache.in_tag, (size_t)n + 1, cache.in_tag_alloc);
	memset(cache.in_tag, 0, (size_t)n + 1);
	for (i = 0; i < n; i++) {
		if (t[i] != '<')
			continue;
		k = i + 1 < n && (t[i + 1] == '/' || t[i + 1] == '!') ? i + 2
								      : i + 1;
		if (k >= n || t[k] >= 0x80 || !isalpha(t[k]))
			continue;
		for (j = k; j < n && t[j] != '>' && t[j] != '<'; j++)
			;
		if (j < n && t[j] == '>') {
			memset(cache.in_tag + i, 1, (size_t)(j + 1 - i));
			i = j;
		}
	}
}

static void
count_chars(const UChar *t, int32_t n, struct word_count *count)
{
	int32_t i = 0;
	UChar32 c;

	while (i < n) {
		if (cache.in_tag[i]) {
			i++;
			continue;
		}
		U16_NEXT(t, i, n, c);
		if (u_isUWhiteSpace(c)) {
			count->chars++;
			continue;
		}
		switch (u_charType(c)) {
		case U_NON_SPACING_MARK:
		case U_ENCLOSING_MARK:
		case U_FORMAT_CHAR:
		case U_CONTROL_CHAR:
			continue;
		default:
			count->chars++;
			count->chars_nospace++;
		}
	}
}

int
wordcount_text(const char *utf8, const char *lang, struct word_count *count,
	       struct tmg_error *err)
{
	UErrorCode status = U_ZERO_ERROR;
	UBreakIterator *it;
	char base[16];
	const UChar *t;
	int32_t n, start, end;
	/* where the last letter or number piece ended (-1: no such piece
	 * just before), and whether it is a number that can take a group
	 * of three digits after it */
	int32_t word_end = -1;
	int groupable = 0;

	memset(count, 0, sizeof *count);
	text_thread_register(wordcount_cleanup);
	if (text_utf16_into(utf8, &cache.buf, err) < 0)
		return -1;
	t = cache.buf.chars;
	n = cache.buf.len;
	mark_tags(t, n);
	count_chars(t, n, count);
	text_base_language(lang ? lang : "", base, sizeof base);
	if ((it = word_iterator(base, err)) == NULL)
		return -1;
	ubrk_setText(it, t, n, &status);
	if (U_FAILURE(status)) {
		tmg_error_set(err, NULL, 0, 0, _("ICU word break failed (%s)"),
			      u_errorName(status));
		return -1;
	}
	for (start = ubrk_first(it); (end = ubrk_next(it)) != UBRK_DONE;
	     start = end) {
		int32_t rule = ubrk_getRuleStatus(it);
		int number = rule >= UBRK_WORD_NUMBER &&
			     rule < UBRK_WORD_NUMBER_LIMIT;
		int letters = rule >= UBRK_WORD_LETTER &&
			      rule < UBRK_WORD_LETTER_LIMIT;
		int32_t digits;
		int grouped, joined;

		if (cache.in_tag[start]) {
			word_end = -1;
			continue;
		}
		if (!number && !letters) {
			if (rule >= UBRK_WORD_NONE_LIMIT)
				word_end = -1;  /* Han or Kana */
			count->words += piece_words(t, start, end, rule,
						    &count->asian);
			continue;
		}
		/* "1 000": a group of three digits after a number of one
		 * to three is part of it, and can take another group only
		 * when it is three digits and nothing else; "sous-menu",
		 * "C&ontinue", "3/4": a piece right after a hyphen, a slash
		 * or an ampersand that follows a word is part of it */
		digits = number ? digit_run(t, start, end) : 0;
		grouped = number && groupable && word_end + 1 == start &&
			  is_group_space(t[word_end]) && digits == 3;
		joined = word_end >= 0 && word_end + 1 == start &&
			 is_joiner(t[word_end]);
		if (!grouped && !joined)
			count->words++;
		if (grouped)
			groupable = digits == end - start;
		else
			groupable = number && !joined && digits >= 1 &&
				    digits <= 3 && digits == end - start;
		word_end = end;
	}
	return 0;
}

void
wordcount_add(struct word_count *a, const struct word_count *b)
{
	a->words += b->words;
	a->asian += b->asian;
	a->chars += b->chars;
	a->chars_nospace += b->chars_nospace;
}
