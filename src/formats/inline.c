/*
 * inline.c -- TMX inline markup: the table of TMX 1.4b inline elements,
 * and a walker over the markup the TMX reader stores for a segment.
 *
 * The stored markup (struct tmg_variant's `markup`, written by
 * tmx-read.c) is the content of a <seg> as XML: text with &, <, > (and
 * in attribute values ", tab, CR, LF) escaped, and every element as
 * <name attr="value" ...>, </name> or <name .../>.  The walker reads that
 * form and nothing more general (no comments, CDATA, DTD or processing
 * instructions: the reader never writes them): it hands out text runs
 * with their entities decoded and tags with their attributes decoded,
 * each with its bytes as stored.  A tag left open, closed out of turn or
 * not ended makes it stop with -1; what it handed out before stands.
 *
 * Users: tmx-read.c (which elements hold native code), tmx-write.c
 * (writing the markup back element by element) and the fuzzy index
 * (index/fuzzy-index.c: the matching text of a segment, one U+FFFC per
 * code element).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/xalloc.h"
#include "formats/formats.h"

/* The inline elements of TMX 1.4b, with the attributes the DTD declares
 * on each.  bpt, ept, it, ph and ut hold native code (the formatting of
 * the original document); hi and sub hold text. */
static const struct inline_element inline_elements[] = {
	{ "bpt", { "i", "x", "type", NULL }, "i", "1", 1 },
	{ "ept", { "i", NULL }, "i", "1", 1 },
	{ "it", { "pos", "x", "type", NULL }, "pos", "begin", 1 },
	{ "ph", { "x", "assoc", "type", NULL }, NULL, NULL, 1 },
	{ "hi", { "x", "type", NULL }, NULL, NULL, 0 },
	{ "ut", { "x", NULL }, NULL, NULL, 1 },
	{ "sub", { "datatype", "type", NULL }, NULL, NULL, 0 },
};

const struct inline_element *
inline_element_find(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof inline_elements / sizeof *inline_elements;
	     i++)
		if (strlen(inline_elements[i].name) == len &&
		    memcmp(inline_elements[i].name, name, len) == 0)
			return &inline_elements[i];
	return NULL;
}

/* ---------------------------------------------------------- decoding */

/*
 * Append the character reference or entity that starts at s (after '&')
 * to sb; returns where the text goes on.  What is no reference (no ';'
 * within reach of `end`, an unknown name) leaves the '&' as it is.
 */
static const char *
decode_entity(struct strbuf *sb, const char *s, const char *end)
{
	static const struct { const char *name, *text; } entities[] = {
		{ "amp", "&" }, { "lt", "<" }, { "gt", ">" },
		{ "quot", "\"" }, { "apos", "'" },
	};
	const char *semi = memchr(s, ';', (size_t)(end - s));

	if (semi == NULL || semi - s > 10) {
		strbuf_addch(sb, '&');
		return s;
	}
	if (s[0] == '#') {
		unsigned long c = s[1] == 'x' ? strtoul(s + 2, NULL, 16)
					      : strtoul(s + 1, NULL, 10);
		char utf8[4];

		strbuf_add(sb, utf8, utf8_encode(utf8, c));
		return semi + 1;
	}
	for (size_t i = 0; i < sizeof entities / sizeof *entities; i++)
		if ((size_t)(semi - s) == strlen(entities[i].name) &&
		    memcmp(s, entities[i].name, (size_t)(semi - s)) == 0) {
			strbuf_addstr(sb, entities[i].text);
			return semi + 1;
		}
	strbuf_addch(sb, '&');
	return s;
}

/* Append s[0..end) to sb with its entities decoded. */
static void
decode(struct strbuf *sb, const char *s, const char *end)
{
	while (s < end) {
		const char *amp = memchr(s, '&', (size_t)(end - s));

		if (amp == NULL) {
			strbuf_add(sb, s, (size_t)(end - s));
			return;
		}
		strbuf_add(sb, s, (size_t)(amp - s));
		s = decode_entity(sb, amp + 1, end);
	}
}

/* ------------------------------------------------------------ walking */

void
inline_walker_init(struct inline_walker *w, const char *markup)
{
	memset(w, 0, sizeof *w);
	w->p = markup;
}

int
inline_walker_skip_element(struct inline_walker *w, struct strbuf *content)
{
	struct inline_piece piece;
	int depth = 1, rc;

	while ((rc = inline_walker_next(w, &piece)) == 1) {
		if (piece.kind == INLINE_END && --depth == 0)
			return 1;
		if (piece.kind == INLINE_START)
			depth++;
		if (content)
			strbuf_add(content, piece.raw, piece.raw_len);
	}
	return rc;
}

void
inline_walker_release(struct inline_walker *w)
{
	strbuf_release(&w->buf);
	free(w->attrs);
	free(w->offsets);
	free(w->open);
	memset(w, 0, sizeof *w);
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static const char *
skip_space(const char *p)
{
	while (is_space(*p))
		p++;
	return p;
}

/* Store a copy of s[0..n) in the walker's buffer; its offset there. */
static size_t
keep(struct inline_walker *w, const char *s, size_t n, int decoded)
{
	size_t at = w->buf.len;

	if (decoded)
		decode(&w->buf, s, s + n);
	else
		strbuf_add(&w->buf, s, n);
	strbuf_addch(&w->buf, '\0');
	return at;
}

/*
 * The attributes of a start tag, from p (after the name) to its '>' or
 * "/>", into w->attrs.  Returns where the tag ends ('>'), or NULL when it
 * is not well formed.
 */
static const char *
read_attributes(struct inline_walker *w, const char *p, int *empty)
{
	size_t n = 0;

	for (;;) {
		const char *name, *value;
		size_t name_len;
		char quote;

		p = skip_space(p);
		if (*p == '>' || (p[0] == '/' && p[1] == '>'))
			break;
		name = p;
		while (*p && !is_space(*p) && !strchr("=/><\"'", *p))
			p++;
		name_len = (size_t)(p - name);
		p = skip_space(p);
		if (name_len == 0 || *p != '=')
			return NULL;
		p = skip_space(p + 1);
		if (*p != '"' && *p != '\'')
			return NULL;
		quote = *p++;
		value = p;
		while (*p && *p != quote && *p != '<')
			p++;
		if (*p != quote)
			return NULL;
		if (n == w->attrs_alloc) {
			/* offsets: two for each attribute */
			ALLOC_GROW(w->attrs, n + 1, w->attrs_alloc);
			w->offsets = xreallocarray(w->offsets,
						   2 * w->attrs_alloc,
						   sizeof *w->offsets);
		}
		w->offsets[2 * n] = keep(w, name, name_len, 0);
		w->offsets[2 * n + 1] = keep(w, value, (size_t)(p - value), 1);
		n++;
		p++;
	}
	*empty = *p == '/';
	/* the buffer has stopped moving: point into it */
	for (size_t i = 0; i < n; i++) {
		w->attrs[i].name = w->buf.buf + w->offsets[2 * i];
		w->attrs[i].value = w->buf.buf + w->offsets[2 * i + 1];
	}
	w->nattrs = n;
	return *empty ? p + 1 : p;
}

/* A tag at w->p ('<'): an element's start, end or empty element. */
static int
read_tag(struct inline_walker *w, struct inline_piece *piece)
{
	const char *p = w->p + 1, *name, *end;
	int closing = *p == '/', empty = 0;
	size_t name_len, name_at;

	if (closing)
		p++;
	name = p;
	while (*p && !is_space(*p) && !strchr("/><=\"'&!?", *p))
		p++;
	name_len = (size_t)(p - name);
	if (name_len == 0)
		return -1;
	name_at = keep(w, name, name_len, 0);
	if (closing) {
		end = skip_space(p);
		if (*end != '>' || w->nopen == 0 ||
		    w->open[w->nopen - 1].len != name_len ||
		    memcmp(w->open[w->nopen - 1].name, name, name_len) != 0)
			return -1;
		w->nopen--;
		piece->kind = INLINE_END;
	} else {
		end = read_attributes(w, p, &empty);
		if (end == NULL)
			return -1;
		if (!empty) {
			ALLOC_GROW(w->open, w->nopen + 1, w->open_alloc);
			w->open[w->nopen].name = name;
			w->open[w->nopen++].len = name_len;
		}
		piece->kind = empty ? INLINE_EMPTY : INLINE_START;
		piece->attrs = w->attrs;
		piece->nattrs = w->nattrs;
	}
	piece->name = w->buf.buf + name_at;
	piece->name_len = name_len;
	piece->raw = w->p;
	piece->raw_len = (size_t)(end + 1 - w->p);
	w->p = end + 1;
	return 1;
}

int
inline_walker_next(struct inline_walker *w, struct inline_piece *piece)
{
	memset(piece, 0, sizeof *piece);
	strbuf_reset(&w->buf);
	w->nattrs = 0;
	if (w->failed)
		return -1;
	if (*w->p == '\0') {
		if (w->nopen > 0)
			w->failed = 1;
		return w->failed ? -1 : 0;
	}
	if (*w->p == '<') {
		if (read_tag(w, piece) < 0) {
			w->failed = 1;
			memset(piece, 0, sizeof *piece);
			return -1;
		}
		return 1;
	}
	piece->kind = INLINE_TEXT;
	piece->raw = w->p;
	piece->raw_len = strcspn(w->p, "<");
	decode(&w->buf, piece->raw, piece->raw + piece->raw_len);
	strbuf_addch(&w->buf, '\0');
	piece->text = w->buf.buf;
	piece->text_len = w->buf.len - 1;
	w->p += piece->raw_len;
	return 1;
}

int
inline_markup_check(const char *markup)
{
	struct inline_walker w;
	struct inline_piece piece;
	int rc;

	inline_walker_init(&w, markup);
	while ((rc = inline_walker_next(&w, &piece)) == 1)
		;
	inline_walker_release(&w);
	return rc;
}
