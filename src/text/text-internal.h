/*
 * text-internal.h -- what the text layer's files (keys.c, tokens.c,
 * segment.c, srx.c) share and nobody else needs: UTF-8 to UTF-16
 * conversion with a clear error, and a cursor that turns UTF-16 positions
 * into code point and byte offsets of the original UTF-8 text (utf16.c);
 * the key of a UTF-16 token (keys.c); sentence boundaries and the one
 * paragraph-by-paragraph driver of both ways of cutting sentences, ICU's
 * and SRX rules' (segment.c).
 *
 * Invariant: a UTF-16 buffer made by text_utf16_from_utf8() is a faithful
 * copy of valid UTF-8 input, so every code point is one unit, or two for a
 * surrogate pair, and maps back to 1-4 bytes of the input.
 */
#ifndef TMGLOSS_TEXT_INTERNAL_H
#define TMGLOSS_TEXT_INTERNAL_H

#include <unicode/utypes.h>

#include "base/error.h"
#include "base/records.h"
#include "text/text.h"

#include "base/xalloc.h"

/* A growable UTF-16 buffer (zero-initialise; free `chars`). */
struct text_ubuf {
	UChar *chars;
	int32_t len, cap;
};

/* Make room for `cap` units (contents kept). */
void text_ubuf_reserve(struct text_ubuf *buf, int32_t cap);

/* As text_utf16_from_utf8(), into `buf` (grown as needed; its units
 * replaced). */
int text_utf16_into(const char *utf8, struct text_ubuf *buf,
		    struct tmg_error *err);

/*
 * Convert NUL-terminated UTF-8 into a new UTF-16 buffer (to free, with a
 * terminating NUL unit not counted in *len).  Returns 0, or -1 with `err`
 * naming the byte offset of the first invalid sequence.
 */
int text_utf16_from_utf8(const char *utf8, UChar **out, int32_t *len,
			 struct tmg_error *err);

/* A forward-only cursor over a UTF-16 copy of UTF-8 text. */
struct offset_cursor {
	const UChar *text;
	int32_t unit;  /* UTF-16 position reached */
	int32_t point; /* code points before it */
	int32_t byte;  /* UTF-8 bytes before it */
};

static inline void
offset_cursor_init(struct offset_cursor *c, const UChar *text)
{
	c->text = text;
	c->unit = c->point = c->byte = 0;
}

/* Move the cursor forward to UTF-16 position `unit` (>= c->unit). */
void offset_cursor_advance(struct offset_cursor *c, int32_t unit);

/* Positions in a paragraph where sentences begin and end, ascending; the
 * first is 0 and the last the paragraph's length. */
struct boundaries {
	int32_t *at;
	size_t count, alloc;
};

void boundaries_add(struct boundaries *b, int32_t at);

/*
 * Cut NUL-terminated UTF-8 into sentences, replacing what `out` held.
 * Paragraphs end at blank lines; `cut` gets each paragraph that has more
 * than white space as t[0..n), a NUL-terminated copy with its line breaks
 * made spaces, and adds to the empty `b` where its sentences begin and
 * end, 0 and n included.  The sentences come out trimmed of white space,
 * empty ones left out.  Returns 0, or -1 with `err` set (by `cut`, or for
 * invalid UTF-8) and `out` empty.
 */
typedef int (*sentence_cut_fn)(void *data, const UChar *t, int32_t n,
			       struct boundaries *b, struct tmg_error *err);
int text_sentences_cut(const char *utf8, sentence_cut_fn cut, void *data,
		       struct text_spans *out, struct tmg_error *err);

/* Is c a line break inside a paragraph (LF, CR, NEL, LS, VT)? */
int text_is_line_break(UChar c);

/* Is c white space for trimming (any Unicode white space, U+FEFF too)? */
int text_is_space(UChar32 c);

/*
 * Append the matching key of the UTF-16 token s[0..n) with `flags` (enum
 * text_key_flags) and a NUL to `sb` (keys.c); a number's key
 * (`is_number`) drops its group separators.  -1 with `err` set if ICU
 * fails.
 */
int text_append_key(struct strbuf *sb, const UChar *s, int32_t n, int flags,
		    int is_number, struct tmg_error *err);
/* Is the key of s[0..n) the same whatever the flags (keys.c)? */
int text_key_ignores_flags(const UChar *s, int32_t n);

/* Base language of a tag, lower case, at most size-1 letters: "fr-CA" ->
 * "fr"; "" for NULL or an empty tag. */
void text_base_language(const char *lang, char *out, size_t size);

/*
 * Have `cleanup` free the calling thread's objects of one module when the
 * thread ends, and when it calls text_cleanup() (thread.c).  Each entry
 * point that fills a per-thread cache calls it with its module's cleanup;
 * it costs a comparison or two once done.  If no pthread key can be made
 * (the process has used up PTHREAD_KEYS_MAX), the layer still works and an
 * ending thread's objects are not freed.
 */
void text_thread_register(void (*cleanup)(void));

#endif
