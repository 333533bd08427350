/*
 * utf16.c -- what the text layer's files share to work on ICU's UTF-16:
 * UTF-8 checked and converted with a clear error, growable UTF-16
 * buffers, a cursor from UTF-16 positions back to code point and byte
 * offsets of the UTF-8 input, white space, and the base language of a tag.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "text/text-internal.h"
#include "text/text.h"

void
text_ubuf_reserve(struct text_ubuf *b, int32_t cap)
{
	if (b->cap >= cap)
		return;
	b->chars = xreallocarray(b->chars, (size_t)cap, sizeof *b->chars);
	b->cap = cap;
}

long
text_invalid_utf8(const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s;
	int32_t i = 0, n;

	if (len > INT32_MAX)
		len = INT32_MAX; /* callers check sizes; stay defined */
	n = (int32_t)len;
	while (i < n) {
		int32_t at = i;
		UChar32 c;

		if (p[i] < 0x80) {
			if (p[i] == 0)
				return at;
			i++;
			continue;
		}
		U8_NEXT(p, i, n, c);
		if (c < 0)
			return at;
	}
	return -1;
}

int
text_utf16_into(const char *utf8, struct text_ubuf *buf,
		struct tmg_error *err)
{
	size_t n = strlen(utf8);
	UErrorCode status = U_ZERO_ERROR;
	long bad;

	if (n >= INT32_MAX / 2) {
		tmg_error_set(err, NULL, 0, 0, "%s",
			      _("text too long (1 GiB at most)"));
		return -1;
	}
	/* UTF-16 never has more units than UTF-8 has bytes. */
	text_ubuf_reserve(buf, (int32_t)n + 1);
	u_strFromUTF8(buf->chars, buf->cap, &buf->len, utf8, (int32_t)n,
		      &status);
	if (U_FAILURE(status)) {
		/* ICU refuses what text_invalid_utf8 refuses: find where */
		bad = text_invalid_utf8(utf8, n);
		if (bad >= 0)
			tmg_error_set(err, NULL, 0, 0,
				      _("invalid UTF-8 at byte %ld (0x%02X)"),
				      bad, (unsigned)(unsigned char)utf8[bad]);
		else
			tmg_error_set(err, NULL, 0, 0,
				      _("invalid UTF-8 (%s)"),
				      u_errorName(status));
		buf->len = 0;
		return -1;
	}
	return 0;
}

int
text_utf16_from_utf8(const char *utf8, UChar **out, int32_t *len,
		     struct tmg_error *err)
{
	struct text_ubuf buf = { 0 };

	*out = NULL;
	*len = 0;
	if (text_utf16_into(utf8, &buf, err) < 0) {
		free(buf.chars);
		return -1;
	}
	*out = buf.chars;
	*len = buf.len;
	return 0;
}

void
offset_cursor_advance(struct offset_cursor *c, int32_t unit)
{
	const UChar *t = c->text;
	int32_t i = c->unit, point = c->point, byte = c->byte;

	while (i < unit) {
		UChar u = t[i];
		if (u < 0x80) {
			byte += 1;
			i++;
		} else if (u < 0x800) {
			byte += 2;
			i++;
		} else if (U16_IS_LEAD(u)) {
			byte += 4;
			i += 2;
		} else {
			byte += 3;
			i++;
		}
		point++;
	}
	c->unit = i;
	c->point = point;
	c->byte = byte;
}

int
text_is_space(UChar32 c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       (c >= 0x80 && (u_isUWhiteSpace(c) || c == 0xFEFF ||
			      c == 0x200B));
}

void
text_base_language(const char *lang, char *out, size_t size)
{
	size_t i = 0;

	if (size == 0)
		return;
	if (lang)
		for (; lang[i] && i + 1 < size; i++) {
			char c = lang[i];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c < 'a' || c > 'z')
				break;
			out[i] = c;
		}
	out[i] = '\0';
}
