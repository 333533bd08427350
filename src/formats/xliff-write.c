/*
 * xliff-write.c -- an XLIFF document written back with some of its
 * segments filled: what pretranslate writes.
 *
 * Everything outside the filled segments is copied byte for byte: the
 * XML declaration and its encoding, the DOCTYPE, comments, processing
 * instructions, white space, entity and character references, the
 * elements of other namespaces.  To do that the file is not parsed into
 * a tree and printed again but scanned as bytes by a small tokenizer
 * (text, start and end tags with their quoted attributes, comments,
 * CDATA sections, processing instructions, declarations), which follows
 * the elements xliff-read.c walks (<xliff>, <file>, <group>, 1.x <body>;
 * another namespace's element and anything else skipped whole) and keeps
 * one <trans-unit> (1.x) or <unit> (2.x) at a time in memory as a small
 * tree of byte offsets.  Its segments are found by the reader's rules (a
 * trans-unit without <source> has none; with a <seg-source> holding
 * <mrk mtype="seg">, each marker is one; each 2.x <segment> is one) and
 * the XLIFF reader, run beside the tokenizer, gives each segment's record
 * to the fill function in the same order: the two must agree on every
 * unit's id.  The reader also keeps the safety of the first reading (no
 * network, no external entities) and stops on what it finds wrong.
 *
 * What a fill writes:
 *   1.x  the <target> of the trans-unit (made after <seg-source>, else
 *        <source>, with the indentation of <source>, when there is none)
 *        with state="translated" state-qualifier="exact-match" (100 % and
 *        101 %: XLIFF 1.2 has no in-context qualifier) or
 *        state="needs-review-translation" state-qualifier="fuzzy-match"
 *        (a fuzzy match, or one marked for review); the target's other
 *        attributes are kept.  A segmented unit fills the target's
 *        <mrk mtype="seg" mid> of the segment; when the target lacks it
 *        (or the unit has no target), the target is made again from
 *        <seg-source>: its text between the markers, each marker holding
 *        its fill, the target's own marker content, or nothing.  One
 *        state for the target: exact only when every filled segment is
 *        and no marker is left empty ("needs-translation" then).  Each
 *        fill adds <alt-trans match-quality="N" origin="..." [mid]> with
 *        the match's source and the target, at the end of the trans-unit.
 *   2.x  the <target> of the <segment> (made after <source> when there
 *        is none), the segment's state="translated" (exact) or "initial"
 *        (review), its subState removed with the old state; the match in
 *        the Translation Candidates module: <mtc:match ref="#segment-id"
 *        matchQuality="N" origin="..."> with <source> and <target>, in
 *        the unit's <mtc:matches> (made before the unit's first core
 *        element, where the schema wants modules, when there is none).  A
 *        segment without id gets no <mtc:match> (ref needs the id).
 * Inline codes of the target come back as the segment's source has them:
 * the TMX element's x (the XLIFF id) and type (x-xliff-g, x-xliff2-pc...)
 * find the element in the unit's raw source, whose bytes are copied (end
 * codes by the pairing of the reader: rid else id in 1.x, startRef in
 * 2.x); a code the source lacks is written from its native code.  The
 * match's source, whose codes are the memory's, gets generic codes: 1.x
 * <bpt>/<ept>/<it>/<ph> holding the native code, 2.x <sc>/<ec>/<ph>.
 * New text is escaped; in a file whose encoding is not UTF-8, characters
 * outside ASCII are written as character references.  UTF-16 and UTF-32
 * files are refused.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "formats/formats.h"

#define XLIFF_NS_PREFIX "urn:oasis:names:tc:xliff:document:"
#define MTC_NS "urn:oasis:names:tc:xliff:matches:2.0"
#define READ_CHUNK 65536

/* ------------------------------------------------------------- output */

struct out {
	int fd;
	struct strbuf buf;
	int ascii;        /* characters past ASCII as references */
};

static int
out_flush(struct out *o)
{
	if (write_all(o->fd, o->buf.buf, o->buf.len) < 0)
		return -1;
	strbuf_reset(&o->buf);
	return 0;
}

static int
out_add(struct out *o, const char *s, size_t len)
{
	strbuf_add(&o->buf, s, len);
	return o->buf.len >= READ_CHUNK ? out_flush(o) : 0;
}

/* The code point of the UTF-8 sequence at `s` into *cp; its length. */
static size_t
decode_utf8(const unsigned char *s, unsigned long *cp)
{
	size_t n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 1;

	*cp = n == 1 ? s[0] : (unsigned long)(s[0] & (0x3f >> (n - 1)));
	for (size_t k = 1; k < n; k++) {
		if ((s[k] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return k;
		}
		*cp = *cp << 6 | (s[k] & 0x3f);
	}
	return n;
}

/* Append `s` escaped (attribute values when attr), ASCII only when
 * `ascii`. */
static void
escape_to(struct strbuf *sb, const char *s, int attr, int ascii)
{
	char ref[16];

	while (s && *s) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x80 && ascii) {
			unsigned long cp;
			size_t n = decode_utf8((const unsigned char *)s, &cp);

			snprintf(ref, sizeof ref, "&#x%lX;", cp);
			strbuf_addstr(sb, ref);
			s += n;
			continue;
		}
		switch (c) {
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '\r': strbuf_addstr(sb, "&#13;"); break;
		case '"': strbuf_addstr(sb, attr ? "&quot;" : "\""); break;
		case '\t': strbuf_addstr(sb, attr ? "&#9;" : "\t"); break;
		case '\n': strbuf_addstr(sb, attr ? "&#10;" : "\n"); break;
		default: strbuf_addch(sb, (char)c); break;
		}
		s++;
	}
}

/* -------------------------------------------------------------- input */

struct in {
	int fd;
	char *buf;
	size_t len, alloc;
	size_t pos;      /* where the tokenizer is */
	size_t emitted;  /* bytes before this are written out */
	int eof;
	long line;       /* of pos */
};

/* Make `n` bytes from `from` available, or as many as the file has. */
static int
in_need(struct in *in, size_t from, size_t n)
{
	while (in->len - from < n && !in->eof) {
		ssize_t got;

		ALLOC_GROW(in->buf, in->len + READ_CHUNK + 1, in->alloc);
		got = read(in->fd, in->buf + in->len, READ_CHUNK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -1;
		if (got == 0)
			in->eof = 1;
		in->len += (size_t)got;
		in->buf[in->len] = '\0';
	}
	return 0;
}

/* Find `needle` at or after `from`, reading on; its offset, or
 * (size_t)-1 when the file ends first. */
static size_t
in_find(struct in *in, size_t from, const char *needle)
{
	size_t nlen = strlen(needle), at = from;

	for (;;) {
		if (in_need(in, at, nlen) < 0)
			return (size_t)-1;
		if (in->len - at < nlen)
			return (size_t)-1;
		if (memcmp(in->buf + at, needle, nlen) == 0)
			return at;
		at++;
		if (in->len - at < nlen && in_need(in, at, READ_CHUNK) < 0)
			return (size_t)-1;
	}
}

/* ---------------------------------------------------------- tokenizer */

enum tok_kind {
	TOK_END_OF_FILE,
	TOK_TEXT,
	TOK_START,       /* a start tag, or an empty element */
	TOK_END,
	TOK_OTHER,       /* comment, PI, CDATA, declaration */
};

struct tok {
	enum tok_kind kind;
	size_t start, end;
	int empty;            /* <x/> */
	size_t name, name_len; /* the qualified name */
};

/* Past a tag's closing '>' from `p` (quotes respected), or -1. */
static size_t
tag_end(struct in *in, size_t p)
{
	char quote = 0;

	for (;; p++) {
		if (p >= in->len && (in_need(in, p, 1) < 0 || p >= in->len))
			return (size_t)-1;
		if (quote) {
			if (in->buf[p] == quote)
				quote = 0;
		} else if (in->buf[p] == '"' || in->buf[p] == '\'') {
			quote = in->buf[p];
		} else if (in->buf[p] == '>') {
			return p + 1;
		}
	}
}

/* A DOCTYPE with its internal subset: past its '>', or -1. */
static size_t
decl_end(struct in *in, size_t p)
{
	char quote = 0;
	int bracket = 0;

	for (;; p++) {
		char c;

		if (p >= in->len && (in_need(in, p, 1) < 0 || p >= in->len))
			return (size_t)-1;
		c = in->buf[p];
		if (quote) {
			if (c == quote)
				quote = 0;
		} else if (c == '<' && in_need(in, p, 4) == 0 &&
			   strncmp(in->buf + p, "<!--", 4) == 0) {
			/* a comment of the internal subset: its quotes and
			 * brackets are no markup */
			size_t e = in_find(in, p + 4, "-->");

			if (e == (size_t)-1)
				return (size_t)-1;
			p = e + 2;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '[') {
			bracket++;
		} else if (c == ']') {
			bracket--;
		} else if (c == '>' && bracket <= 0) {
			return p + 1;
		}
	}
}

static int
is_name_char(char c)
{
	return c && !strchr(" \t\r\n/>=\"'", c);
}

/* The next token at in->pos; -1 when the file breaks off. */
static int
next_token(struct in *in, struct tok *t)
{
	size_t p = in->pos, e;

	memset(t, 0, sizeof *t);
	t->start = p;
	if (in_need(in, p, 9) < 0)
		return -1;
	if (p >= in->len) {
		t->kind = TOK_END_OF_FILE;
		t->end = p;
		return 0;
	}
	if (in->buf[p] != '<') {
		for (e = p; ; e++) {
			if (e >= in->len && (in_need(in, e, 1) < 0 ||
					     e >= in->len))
				break;
			if (in->buf[e] == '<')
				break;
		}
		t->kind = TOK_TEXT;
		t->end = e;
	} else if (strncmp(in->buf + p, "<!--", 4) == 0) {
		e = in_find(in, p + 4, "-->");
		if (e == (size_t)-1)
			return -1;
		t->kind = TOK_OTHER;
		t->end = e + 3;
	} else if (strncmp(in->buf + p, "<![CDATA[", 9) == 0) {
		e = in_find(in, p + 9, "]]>");
		if (e == (size_t)-1)
			return -1;
		t->kind = TOK_OTHER;
		t->end = e + 3;
	} else if (strncmp(in->buf + p, "<?", 2) == 0) {
		e = in_find(in, p + 2, "?>");
		if (e == (size_t)-1)
			return -1;
		t->kind = TOK_OTHER;
		t->end = e + 2;
	} else if (strncmp(in->buf + p, "<!", 2) == 0) {
		if ((t->end = decl_end(in, p + 2)) == (size_t)-1)
			return -1;
		t->kind = TOK_OTHER;
	} else {
		int end_tag = in->buf[p + 1] == '/';

		if ((t->end = tag_end(in, p + 1)) == (size_t)-1)
			return -1;
		t->kind = end_tag ? TOK_END : TOK_START;
		t->name = p + 1 + (size_t)end_tag;
		while (is_name_char(in->buf[t->name + t->name_len]))
			t->name_len++;
		t->empty = !end_tag && t->end - p >= 2 &&
			   in->buf[t->end - 2] == '/';
	}
	for (e = p; e < t->end; e++)
		if (in->buf[e] == '\n')
			in->line++;
	in->pos = t->end;
	return 0;
}

/* ---------------------------------------------------------- attributes */

struct attr_span {
	size_t start, end;          /* the attribute with the space before */
	const char *name;
	size_t name_len;
	const char *value;          /* raw, quotes left out */
	size_t value_len;
};

/* The next attribute of the tag text `tag` (of `len` bytes) from *at;
 * 0 when there is none. */
static int
next_attr(const char *tag, size_t len, size_t *at, struct attr_span *a)
{
	size_t p = *at;
	char quote;

	if (p == 0) {   /* past "<" and the name */
		p = 1;
		while (p < len && is_name_char(tag[p]))
			p++;
	}
	a->start = p;
	while (p < len && strchr(" \t\r\n", tag[p]))
		p++;
	if (p >= len || tag[p] == '/' || tag[p] == '>')
		return 0;
	a->name = tag + p;
	while (p < len && is_name_char(tag[p]))
		p++;
	a->name_len = (size_t)(tag + p - a->name);
	while (p < len && tag[p] != '"' && tag[p] != '\'')
		p++;
	if (p >= len)
		return 0;
	quote = tag[p++];
	a->value = tag + p;
	while (p < len && tag[p] != quote)
		p++;
	a->value_len = (size_t)(tag + p - a->value);
	a->end = p < len ? p + 1 : p;
	*at = a->end;
	return 1;
}

static int
name_is(const char *s, size_t len, const char *name)
{
	return strlen(name) == len && memcmp(s, name, len) == 0;
}

/* The value of attribute `name` of a tag, references resolved (the
 * predefined entities and character references), or NULL. */
static char *
tag_attr(const char *tag, size_t len, const char *name)
{
	struct attr_span a;
	size_t at = 0;

	while (next_attr(tag, len, &at, &a)) {
		struct strbuf sb = { 0 };

		if (!name_is(a.name, a.name_len, name))
			continue;
		for (size_t i = 0; i < a.value_len; i++) {
			const char *v = a.value + i;
			const char *semi = memchr(v, ';', a.value_len - i);
			static const char *const ents[][2] = {
				{ "&amp;", "&" }, { "&lt;", "<" },
				{ "&gt;", ">" }, { "&quot;", "\"" },
				{ "&apos;", "'" },
			};
			int done = 0;

			if (*v == '&' && semi) {
				size_t n = (size_t)(semi - v) + 1;

				for (size_t k = 0; k < 5 && !done; k++)
					if (strlen(ents[k][0]) == n &&
					    memcmp(v, ents[k][0], n) == 0) {
						strbuf_addstr(&sb, ents[k][1]);
						done = 1;
					}
				if (!done && v[1] == '#') {
					char u[5];
					unsigned long cp = v[2] == 'x'
						? strtoul(v + 3, NULL, 16)
						: strtoul(v + 2, NULL, 10);

					if (cp > 0 && cp <= 0x10ffff) {
						strbuf_add(&sb, u,
							   utf8_encode(u, cp));
						done = 1;
					}
				}
				if (done) {
					i += n - 1;
					continue;
				}
			}
			strbuf_addch(&sb, *v);
		}
		return sb.buf ? strbuf_detach(&sb) : xstrdup("");
	}
	return NULL;
}

/* The tag `tag` without its '>' (or "/>") and without the attributes of
 * `drop`, into `sb`: a start tag to add attributes to. */
static void
tag_without(struct strbuf *sb, const char *tag, size_t len,
	    const char *const *drop)
{
	struct attr_span a;
	size_t at = 0, copied = 0, end = len;

	while (next_attr(tag, len, &at, &a)) {
		for (size_t k = 0; drop[k]; k++)
			if (name_is(a.name, a.name_len, drop[k])) {
				strbuf_add(sb, tag + copied,
					   a.start - copied);
				copied = a.end;
				break;
			}
	}
	/* up to the closing "/>" or ">", spaces before it left out */
	if (end > 0 && tag[end - 1] == '>')
		end--;
	if (end > 0 && tag[end - 1] == '/')
		end--;
	while (end > copied && strchr(" \t\r\n", tag[end - 1]))
		end--;
	if (end > copied)
		strbuf_add(sb, tag + copied, end - copied);
}

/* ---------------------------------------------------- namespace scopes */

struct binding {
	char *prefix;    /* "" for the default namespace */
	char *uri;
	int depth;
};

struct ns_stack {
	struct binding *items;
	size_t n, alloc;
};

static void
ns_push(struct ns_stack *s, const char *tag, size_t len, int depth)
{
	struct attr_span a;
	size_t at = 0;

	while (next_attr(tag, len, &at, &a)) {
		char *name;

		if (a.name_len < 5 || memcmp(a.name, "xmlns", 5) != 0 ||
		    (a.name_len > 5 && a.name[5] != ':'))
			continue;
		name = xstrndup(a.name, a.name_len);
		ALLOC_GROW(s->items, s->n + 1, s->alloc);
		s->items[s->n].prefix = xstrdup(a.name_len > 5 ? name + 6
							       : "");
		s->items[s->n].uri = tag_attr(tag, len, name);
		s->items[s->n].depth = depth;
		s->n++;
		free(name);
	}
}

static void
ns_pop(struct ns_stack *s, int depth)
{
	while (s->n && s->items[s->n - 1].depth >= depth) {
		s->n--;
		free(s->items[s->n].prefix);
		free(s->items[s->n].uri);
	}
}

/* The namespace of the qualified name `qname`; NULL when none. */
static const char *
ns_of(const struct ns_stack *s, const char *qname, size_t len)
{
	const char *colon = memchr(qname, ':', len);
	size_t plen = colon ? (size_t)(colon - qname) : 0;

	for (size_t i = s->n; i-- > 0; ) {
		const char *p = s->items[i].prefix;

		if (strlen(p) == plen && memcmp(p, qname, plen) == 0)
			return s->items[i].uri[0] ? s->items[i].uri : NULL;
	}
	return NULL;
}

/* ------------------------------------------------------- a unit's tree */

struct node {
	size_t start, tag_end, close, end;   /* offsets in the input */
	char local[32];
	int xliff;            /* of the XLIFF core namespace (or none) */
	int mtc;              /* of the matches module */
	int parent, first, last, next;
	int empty;
};

struct unit {
	struct node *nodes;
	size_t n, alloc;
};

static int
node_add(struct unit *u, const struct in *in, const struct tok *t,
	 const struct ns_stack *ns, int parent)
{
	struct node *k;
	const char *q = in->buf + t->name, *colon, *uri;
	size_t len = t->name_len;
	int i;

	ALLOC_GROW(u->nodes, u->n + 1, u->alloc);
	i = (int)u->n++;
	k = &u->nodes[i];
	memset(k, 0, sizeof *k);
	k->start = t->start;
	k->tag_end = t->end;
	k->close = k->end = t->end;
	k->empty = t->empty;
	k->parent = parent;
	k->first = k->last = k->next = -1;
	colon = memchr(q, ':', len);
	if (colon) {
		len -= (size_t)(colon + 1 - q);
		q = colon + 1;
	}
	snprintf(k->local, sizeof k->local, "%.*s",
		 (int)(len < sizeof k->local ? len : sizeof k->local - 1), q);
	uri = ns_of(ns, in->buf + t->name, t->name_len);
	k->xliff = uri == NULL ||
		   strncmp(uri, XLIFF_NS_PREFIX, strlen(XLIFF_NS_PREFIX)) == 0;
	k->mtc = uri && strcmp(uri, MTC_NS) == 0;
	if (parent >= 0) {
		struct node *p = &u->nodes[parent];

		if (p->last >= 0)
			u->nodes[p->last].next = i;
		else
			p->first = i;
		p->last = i;
	}
	return i;
}

static int
is(const struct unit *u, int i, const char *local)
{
	return i >= 0 && u->nodes[i].xliff &&
	       strcmp(u->nodes[i].local, local) == 0;
}

/* The first child of `parent` that is the XLIFF element `local`. */
static int
child(const struct unit *u, int parent, const char *local)
{
	for (int k = u->nodes[parent].first; k >= 0; k = u->nodes[k].next)
		if (is(u, k, local))
			return k;
	return -1;
}

/* An attribute of node `i`. */
static char *
node_attr(const struct in *in, const struct unit *u, int i,
	  const char *name)
{
	const struct node *k = &u->nodes[i];

	return tag_attr(in->buf + k->start, k->tag_end - k->start, name);
}

static int
node_attr_is(const struct in *in, const struct unit *u, int i,
	     const char *name, const char *value)
{
	char *v = node_attr(in, u, i, name);
	int same = v && strcmp(v, value) == 0;

	free(v);
	return same;
}

/* The first element in the subtree of `from` (itself left out), depth
 * first, that is XLIFF's `local` with attribute `name` = `value` (any
 * value when NULL); -1 when none. */
static int
find_in(const struct in *in, const struct unit *u, int from,
	const char *local, const char *name, const char *value)
{
	for (int k = from >= 0 ? u->nodes[from].first : -1; k >= 0;
	     k = u->nodes[k].next) {
		int found;

		if (is(u, k, local) &&
		    (name == NULL || node_attr_is(in, u, k, name, value)))
			return k;
		if ((found = find_in(in, u, k, local, name, value)) >= 0)
			return found;
	}
	return -1;
}

/* The qualified name's prefix of node `i` with its colon ("" if none). */
static void
prefix_of(const struct in *in, const struct unit *u, int i,
	  char *buf, size_t size)
{
	const char *q = in->buf + u->nodes[i].start + 1;
	size_t n = 0;

	while (is_name_char(q[n]) && q[n] != ':')
		n++;
	if (q[n] == ':' && n + 2 < size)
		snprintf(buf, size, "%.*s:", (int)n, q);
	else
		buf[0] = '\0';
}

/* The white space before node `i`, when only white space is between it
 * and what comes before. */
static void
indent_before(const struct in *in, const struct unit *u, int i,
	      struct strbuf *sb)
{
	size_t p = u->nodes[i].start;

	while (p > 0 && strchr(" \t\r\n", in->buf[p - 1]) && in->buf[p - 1])
		p--;
	if (p > 0 && in->buf[p - 1] == '>')
		strbuf_add(sb, in->buf + p, u->nodes[i].start - p);
}

/* -------------------------------------------------------------- edits */

struct edit {
	size_t start, end;   /* bytes replaced (start == end: inserted) */
	size_t seq;
	char *text;
};

struct edits {
	struct edit *items;
	size_t n, alloc;
};

static void
edit_add(struct edits *e, size_t start, size_t end, struct strbuf *text)
{
	ALLOC_GROW(e->items, e->n + 1, e->alloc);
	e->items[e->n].start = start;
	e->items[e->n].end = end;
	e->items[e->n].seq = e->n;
	e->items[e->n].text = text->buf ? strbuf_detach(text) : xstrdup("");
	e->n++;
}

static int
edit_cmp(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	/* at one offset, what is inserted before what is replaced */
	if ((x->start == x->end) != (y->start == y->end))
		return x->start == x->end ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
edits_clear(struct edits *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->items[i].text);
	e->n = 0;
}

/* ------------------------------------------------- markup to XLIFF */

struct conv {
	const struct in *in;
	const struct unit *u;
	int v2;
	int scope;         /* the source node whose codes are copied; -1 */
	int generic;       /* the memory's codes: write generic ones */
	int ascii;
	struct strbuf *out;
	/* bpt i -> the raw begin node (or -1) and its type */
	struct pair {
		int i, node;
		char type[32];
		char *x;
	} *pairs;
	size_t npairs, apairs;
	int next_id;
};

static const char *
x_attr(xmlNode *n, const char *name, char *buf, size_t size)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);

	if (v == NULL)
		return NULL;
	snprintf(buf, size, "%s", (const char *)v);
	xmlFree(v);
	return buf;
}

/* Copy the raw bytes of node `k` (the start tag only when tag_only). */
static void
copy_node(struct conv *c, int k, int tag_only)
{
	const struct node *n = &c->u->nodes[k];

	strbuf_add(c->out, c->in->buf + n->start,
		   (tag_only ? n->tag_end : n->end) - n->start);
}

/* The source element `local` with `attr` = `value`: in the segment's
 * source, else anywhere in the unit; -1. */
static int
find_code(struct conv *c, const char *local, const char *attr,
	  const char *value)
{
	int k = -1;

	if (value == NULL)
		return -1;
	if (c->scope >= 0)
		k = find_in(c->in, c->u, c->scope, local, attr, value);
	if (k < 0)
		k = find_in(c->in, c->u, 0, local, attr, value);
	return k;
}

static void
native_text(struct conv *c, xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);

	escape_to(c->out, v ? (const char *)v : "", 0, c->ascii);
	xmlFree(v);
}

/* The native code as raw markup (it is an XLIFF tag the reader wrote). */
static void
native_raw(struct conv *c, xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);

	strbuf_addstr(c->out, v ? (const char *)v : "");
	xmlFree(v);
}

static void convert_nodes(struct conv *c, xmlNode *first);

/* Append `a`, the id `id` escaped, then `b`. */
static void
strbuf_addf_id(struct strbuf *sb, const char *a, const char *id,
	       const char *b)
{
	strbuf_addstr(sb, a);
	escape_to(sb, id, 1, 1);
	strbuf_addstr(sb, b);
}

/* A code of the memory's (or one the source lacks): generic XLIFF. */
static void
generic_code(struct conv *c, xmlNode *n, const char *i)
{
	const char *name = (const char *)n->name;
	char id[48];

	if (i && (strcmp(name, "bpt") == 0 || strcmp(name, "ept") == 0))
		snprintf(id, sizeof id, "tmg%s", i);
	else
		snprintf(id, sizeof id, "tmgc%d", ++c->next_id);
	if (c->v2) {
		if (strcmp(name, "bpt") == 0 && i)
			strbuf_addf_id(c->out, "<sc id=\"", id, "\"/>");
		else if (strcmp(name, "ept") == 0 && i)
			strbuf_addf_id(c->out, "<ec startRef=\"", id, "\"/>");
		else
			strbuf_addf_id(c->out, "<ph id=\"", id, "\"/>");
		return;
	}
	if (strcmp(name, "bpt") == 0 || strcmp(name, "ept") == 0) {
		strbuf_addf_id(c->out, name[0] == 'b' ? "<bpt id=\""
						      : "<ept id=\"", id,
			       "\">");
		native_text(c, n);
		strbuf_addstr(c->out, name[0] == 'b' ? "</bpt>" : "</ept>");
	} else if (strcmp(name, "it") == 0) {
		char pos[16] = "";

		strbuf_addf_id(c->out, "<it id=\"", id, "\" pos=\"");
		(void)x_attr(n, "pos", pos, sizeof pos);
		strbuf_addstr(c->out, strcmp(pos, "end") == 0 ? "close\">"
							      : "open\">");
		native_text(c, n);
		strbuf_addstr(c->out, "</it>");
	} else {
		strbuf_addf_id(c->out, "<ph id=\"", id, "\">");
		native_text(c, n);
		strbuf_addstr(c->out, "</ph>");
	}
}

/* The XLIFF element a TMX type names ("x-xliff-g" "g", "x-xliff2-pc"
 * "pc"), or NULL. */
static const char *
type_element(const char *type)
{
	if (strncmp(type, "x-xliff2-", 9) == 0)
		return type + 9;
	if (strncmp(type, "x-xliff-", 8) == 0)
		return type + 8;
	return NULL;
}

/* The end tag of the raw element `k`: "</" its qualified name ">". */
static void
end_tag_of(struct conv *c, int k)
{
	const char *q = c->in->buf + c->u->nodes[k].start + 1;
	size_t n = 0;

	while (is_name_char(q[n]))
		n++;
	strbuf_addstr(c->out, "</");
	strbuf_add(c->out, q, n);
	strbuf_addch(c->out, '>');
}

static struct pair *
pair_of(struct conv *c, const char *i)
{
	int v = i ? atoi(i) : 0;

	for (size_t k = 0; k < c->npairs; k++)
		if (c->pairs[k].i == v)
			return &c->pairs[k];
	return NULL;
}

/* A begin code (TMX <bpt>): the source's element copied. */
static void
convert_bpt(struct conv *c, xmlNode *n, const char *i, const char *x,
	    const char *type)
{
	const char *el = type ? type_element(type) : NULL;
	int container = el && (strcmp(el, "g") == 0 || strcmp(el, "pc") == 0);
	int k = el ? find_code(c, el, "id", x) : -1;
	struct pair *p;

	ALLOC_GROW(c->pairs, c->npairs + 1, c->apairs);
	p = &c->pairs[c->npairs++];
	p->i = i ? atoi(i) : 0;
	p->node = k;
	snprintf(p->type, sizeof p->type, "%s", el ? el : "");
	p->x = x ? xstrdup(x) : NULL;
	if (k >= 0)
		copy_node(c, k, container);
	else
		generic_code(c, n, i);
}

/* An end code (TMX <ept>): the end of its begin code's element. */
static void
convert_ept(struct conv *c, xmlNode *n, const char *i)
{
	struct pair *p = pair_of(c, i);
	int k = -1;

	if (p == NULL || p->node < 0) {
		generic_code(c, n, i);
		return;
	}
	if (strcmp(p->type, "g") == 0 || strcmp(p->type, "pc") == 0) {
		end_tag_of(c, p->node);
		return;
	}
	if (c->v2) {
		k = find_code(c, "ec", "startRef", p->x);
	} else {
		const char *end = strcmp(p->type, "bx") == 0 ? "ex" : "ept";
		char *key = node_attr(c->in, c->u, p->node, "rid");

		if (key == NULL)
			key = node_attr(c->in, c->u, p->node, "id");
		k = find_code(c, end, "rid", key);
		if (k < 0)
			k = find_code(c, end, "id", key);
		free(key);
	}
	if (k >= 0)
		copy_node(c, k, 0);
	else
		generic_code(c, n, i);
}

/*
 * A 2.x <sc> or <ec> whose partner is in another segment (TMX <it>):
 * written isolated="yes" (an <ec> then by its id), since the partner's
 * segment may stay without target.
 */
static void
convert_split(struct conv *c, xmlNode *n, const char *el, const char *x)
{
	static const char *const sc_drop[] = { "isolated", NULL };
	static const char *const ec_drop[] = {
		"isolated", "startRef", "id", NULL,
	};
	int ec = strcmp(el, "ec") == 0;
	int k = find_code(c, el, ec ? "startRef" : "id", x);
	const struct node *raw;

	if (k < 0 && ec)
		k = find_code(c, el, "id", x);
	if (k < 0) {
		generic_code(c, n, NULL);
		return;
	}
	raw = &c->u->nodes[k];
	tag_without(c->out, c->in->buf + raw->start, raw->tag_end - raw->start,
		    ec ? ec_drop : sc_drop);
	if (ec)
		strbuf_addf_id(c->out, " id=\"", x, "\"");
	strbuf_addstr(c->out, " isolated=\"yes\"/>");
}

/* A code of the segment's own: the source's element copied. */
static void
convert_code(struct conv *c, xmlNode *n)
{
	const char *name = (const char *)n->name;
	char i_buf[24], x_buf[256], type_buf[64];
	const char *i = x_attr(n, "i", i_buf, sizeof i_buf);
	const char *x = x_attr(n, "x", x_buf, sizeof x_buf);
	const char *type = x_attr(n, "type", type_buf, sizeof type_buf);
	const char *el = type ? type_element(type) : NULL;
	int k = -1;

	if (c->generic) {
		if (strcmp(name, "hi") == 0 || strcmp(name, "sub") == 0)
			convert_nodes(c, n->children);
		else
			generic_code(c, n, i);
		return;
	}
	if (strcmp(name, "bpt") == 0) {
		convert_bpt(c, n, i, x, type);
		return;
	}
	if (strcmp(name, "ept") == 0) {
		convert_ept(c, n, i);
		return;
	}
	if (strcmp(name, "hi") == 0) {
		if (el && strncmp(el, "mrk", 3) == 0)
			k = find_code(c, "mrk", c->v2 ? "id" : "mid", x);
		if (k >= 0)
			copy_node(c, k, 1);
		convert_nodes(c, n->children);
		if (k >= 0)
			end_tag_of(c, k);
		return;
	}
	if (el && strcmp(el, "cp") == 0) {
		native_raw(c, n);
		return;
	}
	if (c->v2 && strcmp(name, "it") == 0 && el &&
	    (strcmp(el, "sc") == 0 || strcmp(el, "ec") == 0)) {
		convert_split(c, n, el, x);
		return;
	}
	if (el) {
		k = find_code(c, el, "id", x);
		if (k < 0 && strcmp(el, "ec") == 0)
			k = find_code(c, el, "startRef", x);
	}
	if (k >= 0)
		copy_node(c, k, 0);
	else
		generic_code(c, n, i);
}

static void
convert_nodes(struct conv *c, xmlNode *first)
{
	for (xmlNode *n = first; n; n = n->next) {
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE)
			escape_to(c->out, (const char *)n->content, 0,
				  c->ascii);
		else if (n->type == XML_ELEMENT_NODE)
			convert_code(c, n);
	}
}

/*
 * The XLIFF content of `markup` (TMX inline markup; `text` when NULL)
 * into `out`: the segment's codes copied from the source node `scope`
 * of the unit, or generic codes when `generic`.
 */
static void
write_content(const struct in *in, const struct unit *u, int v2, int scope,
	      int generic, int ascii, const char *text, const char *markup,
	      struct strbuf *out)
{
	struct conv c = { 0 };
	struct strbuf doc = { 0 };
	xmlDoc *d;

	if (markup == NULL) {
		escape_to(out, text, 0, ascii);
		return;
	}
	strbuf_addstr(&doc, "<m>");
	strbuf_addstr(&doc, markup);
	strbuf_addstr(&doc, "</m>");
	d = xmlReadMemory(doc.buf, (int)doc.len, NULL, "UTF-8",
			  XML_PARSE_NONET | XML_PARSE_NOERROR |
			  XML_PARSE_NOWARNING);
	strbuf_release(&doc);
	if (d == NULL) {
		/* not markup after all: the text, nothing lost of it */
		escape_to(out, text, 0, ascii);
		return;
	}
	c.in = in;
	c.u = u;
	c.v2 = v2;
	c.scope = scope;
	c.generic = generic;
	c.ascii = ascii;
	c.out = out;
	convert_nodes(&c, xmlDocGetRootElement(d)->children);
	for (size_t k = 0; k < c.npairs; k++)
		free(c.pairs[k].x);
	free(c.pairs);
	xmlFreeDoc(d);
}

/* ------------------------------------------------------------ rewriting */

struct rewriter {
	const char *path;
	struct in in;
	struct out out;
	struct ns_stack ns;
	struct xliff_reader *reader;
	doc_fill_fn fill;
	void *data;
	int v2;
	size_t index;
	struct unit u;
	struct edits edits;
	struct tmg_docseg seg;
};

/* One segment of the unit as the writer sees it. */
struct wseg {
	int source;          /* <source>, or the <mrk mtype="seg"> */
	int target;          /* its target (or target marker), or -1 */
	int segment;         /* 2.x <segment> */
	char *mid;           /* 1.x segment marker's mid */
	char *id;            /* 2.x segment id */
	int filled, had_target;
	struct doc_fill fill;
};

static void
wsegs_clear(struct wseg *w, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		free(w[k].mid);
		free(w[k].id);
		doc_fill_clear(&w[k].fill);
	}
	free(w);
}

/* The reader's next segment for the writer's, which must be of the same
 * unit; then the fill function's answer. */
static int
ask_fill(struct rewriter *rw, struct wseg *w, struct tmg_error *err)
{
	char *id = node_attr(&rw->in, &rw->u, 0, "id");
	int rc = xliff_reader_next(rw->reader, &rw->seg, err);

	if (rc < 0) {
		free(id);
		return -1;
	}
	if (rc == 0 || (id == NULL) != (rw->seg.unit_id == NULL) ||
	    (id && strcmp(id, rw->seg.unit_id) != 0)) {
		tmg_error_set(err, rw->path, rc ? rw->seg.line : 0, 0, "%s",
			      _("the segments of the document could not be "
				"found again to write their targets"));
		free(id);
		return -1;
	}
	free(id);
	w->had_target = rw->seg.target_text != NULL;
	rc = rw->fill(rw->data, rw->index++, &rw->seg, &w->fill, err);
	if (rc < 0)
		return -1;
	w->filled = rc > 0;
	return 0;
}

static void
score_attr(struct strbuf *sb, const char *name, int score)
{
	char buf[64];

	snprintf(buf, sizeof buf, " %s=\"%d\"", name,
		 score > 100 ? 100 : score);
	strbuf_addstr(sb, buf);
}

static void
origin_attr(struct rewriter *rw, struct strbuf *sb, const char *origin)
{
	if (origin == NULL)
		return;
	strbuf_addstr(sb, " origin=\"");
	escape_to(sb, origin, 1, rw->out.ascii);
	strbuf_addch(sb, '"');
}

/* The content `w` fills its target with. */
static void
fill_content(struct rewriter *rw, const struct wseg *w, struct strbuf *sb)
{
	write_content(&rw->in, &rw->u, rw->v2, w->source, 0, rw->out.ascii,
		      w->fill.target_text, w->fill.target_markup, sb);
}

/* The match's source: the memory's codes, generic. */
static void
match_source(struct rewriter *rw, const struct wseg *w, struct strbuf *sb)
{
	write_content(&rw->in, &rw->u, rw->v2, -1, 1, rw->out.ascii,
		      w->fill.match_source ? w->fill.match_source : "",
		      w->fill.match_source_markup, sb);
}

/* Node `k` made a non-empty element holding `content`: replaces it. */
static void
fill_element(struct rewriter *rw, int k, const char *const *drop,
	     const char *attrs, struct strbuf *content)
{
	const struct node *n = &rw->u.nodes[k];
	struct strbuf sb = { 0 };
	const char *q = rw->in.buf + n->start + 1;
	size_t qlen = 0;

	while (is_name_char(q[qlen]))
		qlen++;
	tag_without(&sb, rw->in.buf + n->start, n->tag_end - n->start, drop);
	strbuf_addstr(&sb, attrs);
	strbuf_addch(&sb, '>');
	if (content->buf)
		strbuf_addstr(&sb, content->buf);
	if (n->empty) {
		strbuf_addstr(&sb, "</");
		strbuf_add(&sb, q, qlen);
		strbuf_addch(&sb, '>');
		edit_add(&rw->edits, n->start, n->end, &sb);
	} else {
		strbuf_add(&sb, rw->in.buf + n->close, n->end - n->close);
		edit_add(&rw->edits, n->start, n->end, &sb);
	}
}

static const char *const state_attrs[] = {
	"state", "state-qualifier", NULL,
};
static const char *const no_attrs[] = { NULL };

/* Where the unit's <alt-trans> go: after its last XLIFF element (the
 * schema wants other namespaces' elements after them). */
static size_t
alt_trans_place(const struct rewriter *rw)
{
	size_t p = rw->u.nodes[0].tag_end;

	for (int k = rw->u.nodes[0].first; k >= 0; k = rw->u.nodes[k].next)
		if (rw->u.nodes[k].xliff)
			p = rw->u.nodes[k].end;
	return p;
}

/* 1.x: a segmented unit's target, made again from <seg-source>. */
static void
segmented_target(struct rewriter *rw, int seg_source, const struct wseg *w,
		 size_t nw, struct strbuf *sb)
{
	size_t p = rw->u.nodes[seg_source].tag_end;

	for (size_t k = 0; k < nw; k++) {
		const struct node *m = &rw->u.nodes[w[k].source];

		if (m->empty)
			continue;
		strbuf_add(sb, rw->in.buf + p, m->tag_end - p);
		if (w[k].filled) {
			fill_content(rw, &w[k], sb);
		} else if (w[k].target >= 0 &&
			   !rw->u.nodes[w[k].target].empty) {
			const struct node *t = &rw->u.nodes[w[k].target];

			strbuf_add(sb, rw->in.buf + t->tag_end,
				   t->close - t->tag_end);
		}
		p = m->close;
	}
	strbuf_add(sb, rw->in.buf + p, rw->u.nodes[seg_source].close - p);
}

/* 1.x: the unit's segments found (seg-source markers, depth first). */
static void
collect_markers(struct rewriter *rw, int from, struct wseg **w, size_t *nw,
		size_t *aw)
{
	for (int k = rw->u.nodes[from].first; k >= 0; k = rw->u.nodes[k].next) {
		if (is(&rw->u, k, "mrk") &&
		    node_attr_is(&rw->in, &rw->u, k, "mtype", "seg")) {
			ALLOC_GROW(*w, *nw + 1, *aw);
			memset(&(*w)[*nw], 0, sizeof **w);
			(*w)[*nw].source = k;
			(*w)[*nw].mid = node_attr(&rw->in, &rw->u, k, "mid");
			if ((*w)[*nw].mid == NULL)
				(*w)[*nw].mid = xstrdup("");
			(*nw)++;
		} else {
			collect_markers(rw, k, w, nw, aw);
		}
	}
}

static int
unit_v1(struct rewriter *rw, struct tmg_error *err)
{
	struct unit *u = &rw->u;
	int src = child(u, 0, "source"), tgt = child(u, 0, "target");
	int seg_source = -1, segmented = 0, review = 0, empty = 0, ret = -1;
	struct wseg *w = NULL;
	size_t nw = 0, aw = 0, filled = 0;
	struct strbuf indent = { 0 }, content = { 0 }, alt = { 0 };
	char prefix[64], attrs[128];

	if (src < 0)
		return 0;   /* no segment: the reader skips it too */
	for (int k = u->nodes[0].first; k >= 0; k = u->nodes[k].next)
		if (is(u, k, "seg-source"))
			seg_source = k;
	if (seg_source >= 0 &&
	    find_in(&rw->in, u, seg_source, "mrk", "mtype", "seg") >= 0) {
		segmented = 1;
		collect_markers(rw, seg_source, &w, &nw, &aw);
	} else {
		ALLOC_GROW(w, 1, aw);
		memset(w, 0, sizeof *w);
		w->source = src;
		nw = 1;
	}
	for (size_t k = 0; k < nw; k++) {
		w[k].target = tgt;
		if (segmented)
			w[k].target = tgt < 0 ? -1 :
				find_in(&rw->in, u, tgt, "mrk", "mid",
					w[k].mid);
		if (ask_fill(rw, &w[k], err) < 0)
			goto out;
		filled += w[k].filled;
		review |= w[k].filled && w[k].fill.review;
		empty |= !w[k].filled && !w[k].had_target;
	}
	if (filled == 0) {
		ret = 0;
		goto out;
	}
	prefix_of(&rw->in, u, src, prefix, sizeof prefix);
	indent_before(&rw->in, u, src, &indent);
	snprintf(attrs, sizeof attrs, "%s", review
		 ? " state=\"needs-review-translation\" "
		   "state-qualifier=\"fuzzy-match\""
		 : empty ? " state=\"needs-translation\""
			 : " state=\"translated\" "
			   "state-qualifier=\"exact-match\"");
	if (segmented) {
		int rebuild = tgt < 0;

		for (size_t k = 0; k < nw; k++)
			rebuild |= w[k].filled && w[k].target < 0;
		if (rebuild)
			segmented_target(rw, seg_source, w, nw, &content);
		for (size_t k = 0; !rebuild && k < nw; k++) {
			struct strbuf one = { 0 };

			if (!w[k].filled)
				continue;
			fill_content(rw, &w[k], &one);
			if (u->nodes[w[k].target].empty) {
				fill_element(rw, w[k].target, no_attrs, "",
					     &one);
				strbuf_release(&one);
			} else {
				edit_add(&rw->edits,
					 u->nodes[w[k].target].tag_end,
					 u->nodes[w[k].target].close, &one);
			}
		}
		if (!rebuild) {
			struct strbuf tag = { 0 };
			const struct node *t = &u->nodes[tgt];

			tag_without(&tag, rw->in.buf + t->start,
				    t->tag_end - t->start, state_attrs);
			strbuf_addstr(&tag, attrs);
			strbuf_addch(&tag, '>');
			edit_add(&rw->edits, t->start, t->tag_end, &tag);
		}
	} else {
		fill_content(rw, &w[0], &content);
	}
	if (content.buf || !segmented) {
		if (tgt >= 0) {
			fill_element(rw, tgt, state_attrs, attrs, &content);
		} else {
			struct strbuf sb = { 0 };
			int after = seg_source >= 0 ? seg_source : src;

			if (indent.buf)
				strbuf_addstr(&sb, indent.buf);
			strbuf_addf_id(&sb, "<", prefix, "target");
			strbuf_addstr(&sb, attrs);
			strbuf_addch(&sb, '>');
			if (content.buf)
				strbuf_addstr(&sb, content.buf);
			strbuf_addf_id(&sb, "</", prefix, "target>");
			edit_add(&rw->edits, u->nodes[after].end,
				 u->nodes[after].end, &sb);
		}
	}
	for (size_t k = 0; k < nw; k++) {
		if (!w[k].filled)
			continue;
		if (indent.buf)
			strbuf_addstr(&alt, indent.buf);
		strbuf_addf_id(&alt, "<", prefix, "alt-trans");
		score_attr(&alt, "match-quality", w[k].fill.score);
		origin_attr(rw, &alt, w[k].fill.origin);
		if (w[k].mid)
			strbuf_addf_id(&alt, " mid=\"", w[k].mid, "\"");
		strbuf_addf_id(&alt, "><", prefix, "source>");
		match_source(rw, &w[k], &alt);
		strbuf_addf_id(&alt, "</", prefix, "source>");
		strbuf_addf_id(&alt, "<", prefix, "target>");
		fill_content(rw, &w[k], &alt);
		strbuf_addf_id(&alt, "</", prefix, "target>");
		strbuf_addf_id(&alt, "</", prefix, "alt-trans>");
	}
	{
		size_t at = alt_trans_place(rw);

		edit_add(&rw->edits, at, at, &alt);
	}
	ret = 0;
out:
	strbuf_release(&indent);
	strbuf_release(&content);
	strbuf_release(&alt);
	wsegs_clear(w, nw);
	return ret;
}

static int
unit_v2(struct rewriter *rw, struct tmg_error *err)
{
	static const char *const segment_attrs[] = {
		"state", "subState", NULL,
	};
	struct unit *u = &rw->u;
	struct wseg *w = NULL;
	size_t nw = 0, aw = 0;
	struct strbuf matches = { 0 };
	char prefix[64] = "", mprefix[64] = "mtc:";
	int existing = -1, first_core = -1, ret = -1;

	for (int k = u->nodes[0].first; k >= 0; k = u->nodes[k].next) {
		if (u->nodes[k].mtc && strcmp(u->nodes[k].local,
					      "matches") == 0 &&
		    existing < 0)
			existing = k;
		if (first_core < 0 && u->nodes[k].xliff)
			first_core = k;
		if (!is(u, k, "segment"))
			continue;
		ALLOC_GROW(w, nw + 1, aw);
		memset(&w[nw], 0, sizeof *w);
		w[nw].segment = k;
		w[nw].source = child(u, k, "source");
		w[nw].target = child(u, k, "target");
		w[nw].id = node_attr(&rw->in, u, k, "id");
		nw++;
		if (ask_fill(rw, &w[nw - 1], err) < 0)
			goto out;
	}
	if (existing >= 0)
		prefix_of(&rw->in, u, existing, mprefix, sizeof mprefix);
	for (size_t k = 0; k < nw; k++) {
		struct strbuf content = { 0 }, tag = { 0 };
		const struct node *s = &u->nodes[w[k].segment];

		if (!w[k].filled || w[k].source < 0)
			continue;
		prefix_of(&rw->in, u, w[k].source, prefix, sizeof prefix);
		fill_content(rw, &w[k], &content);
		tag_without(&tag, rw->in.buf + s->start, s->tag_end - s->start,
			    segment_attrs);
		strbuf_addstr(&tag, w[k].fill.review ? " state=\"initial\">"
						     : " state=\"translated\">");
		edit_add(&rw->edits, s->start, s->tag_end, &tag);
		if (w[k].id) {
			strbuf_addf_id(&matches, "<", mprefix, "match ref=\"#");
			escape_to(&matches, w[k].id, 1, rw->out.ascii);
			strbuf_addch(&matches, '"');
			score_attr(&matches, "matchQuality", w[k].fill.score);
			origin_attr(rw, &matches, w[k].fill.origin);
			strbuf_addf_id(&matches, "><", prefix, "source>");
			match_source(rw, &w[k], &matches);
			strbuf_addf_id(&matches, "</", prefix, "source><");
			strbuf_addf_id(&matches, "", prefix, "target>");
			strbuf_addstr(&matches, content.buf ? content.buf : "");
			strbuf_addf_id(&matches, "</", prefix, "target></");
			strbuf_addf_id(&matches, "", mprefix, "match>");
		}
		if (w[k].target >= 0) {
			if (u->nodes[w[k].target].empty) {
				fill_element(rw, w[k].target, no_attrs, "",
					     &content);
			} else {
				edit_add(&rw->edits,
					 u->nodes[w[k].target].tag_end,
					 u->nodes[w[k].target].close,
					 &content);
			}
		} else {
			struct strbuf sb = { 0 };

			indent_before(&rw->in, u, w[k].source, &sb);
			strbuf_addf_id(&sb, "<", prefix, "target>");
			strbuf_addstr(&sb, content.buf ? content.buf : "");
			strbuf_addf_id(&sb, "</", prefix, "target>");
			edit_add(&rw->edits, u->nodes[w[k].source].end,
				 u->nodes[w[k].source].end, &sb);
		}
		strbuf_release(&content);
	}
	if (matches.buf && existing >= 0 && !u->nodes[existing].empty) {
		edit_add(&rw->edits, u->nodes[existing].close,
			 u->nodes[existing].close, &matches);
	} else if (matches.buf && first_core >= 0) {
		struct strbuf sb = { 0 };

		strbuf_addstr(&sb, "<mtc:matches xmlns:mtc=\"" MTC_NS "\">");
		/* the matches were written with mprefix "mtc:" */
		strbuf_addstr(&sb, matches.buf);
		strbuf_addstr(&sb, "</mtc:matches>");
		indent_before(&rw->in, u, first_core, &sb);
		edit_add(&rw->edits, u->nodes[first_core].start,
			 u->nodes[first_core].start, &sb);
	}
	ret = 0;
out:
	strbuf_release(&matches);
	wsegs_clear(w, nw);
	return ret;
}

/* Write the unit with its edits; the bytes up to `end` are done. */
static int
write_unit(struct rewriter *rw, size_t end)
{
	size_t p = rw->u.nodes[0].start;

	if (rw->edits.n > 1)
		qsort(rw->edits.items, rw->edits.n, sizeof *rw->edits.items,
		      edit_cmp);
	for (size_t k = 0; k < rw->edits.n; k++) {
		const struct edit *e = &rw->edits.items[k];

		if (out_add(&rw->out, rw->in.buf + p, e->start - p) < 0 ||
		    out_add(&rw->out, e->text, strlen(e->text)) < 0)
			return -1;
		p = e->end;
	}
	edits_clear(&rw->edits);
	if (out_add(&rw->out, rw->in.buf + p, end - p) < 0)
		return -1;
	rw->in.emitted = end;
	return 0;
}

/* Write out what the tokenizer passed and drop it from the buffer. */
static int
pass_on(struct rewriter *rw)
{
	struct in *in = &rw->in;

	if (out_add(&rw->out, in->buf + in->emitted,
		    in->pos - in->emitted) < 0)
		return -1;
	memmove(in->buf, in->buf + in->pos, in->len - in->pos);
	in->len -= in->pos;
	if (in->buf)
		in->buf[in->len] = '\0';
	in->pos = in->emitted = 0;
	return 0;
}

static int
broken(struct rewriter *rw, struct tmg_error *err)
{
	tmg_error_set(err, rw->path, rw->in.line + 1, 0, "%s",
		      _("malformed XML"));
	return -1;
}

/* Read the unit whose start tag is `t` (at offset 0 of the buffer) into
 * rw->u, fill its segments and write it. */
static int
read_unit(struct rewriter *rw, const struct tok *t, int depth,
	  struct tmg_error *err)
{
	struct tok k;
	int cur;

	rw->u.n = 0;
	ns_push(&rw->ns, rw->in.buf + t->start, t->end - t->start, depth);
	cur = node_add(&rw->u, &rw->in, t, &rw->ns, -1);
	while (!t->empty && cur >= 0) {
		if (next_token(&rw->in, &k) < 0 || k.kind == TOK_END_OF_FILE)
			return broken(rw, err);
		if (k.kind == TOK_START) {
			int n;

			depth++;
			ns_push(&rw->ns, rw->in.buf + k.start,
				k.end - k.start, depth);
			n = node_add(&rw->u, &rw->in, &k, &rw->ns, cur);
			if (k.empty)
				ns_pop(&rw->ns, depth--);
			else
				cur = n;
		} else if (k.kind == TOK_END) {
			rw->u.nodes[cur].close = k.start;
			rw->u.nodes[cur].end = k.end;
			ns_pop(&rw->ns, depth--);
			cur = rw->u.nodes[cur].parent;
		}
	}
	if (t->empty)
		ns_pop(&rw->ns, depth);
	if ((rw->v2 ? unit_v2(rw, err) : unit_v1(rw, err)) < 0)
		return -1;
	if (write_unit(rw, rw->u.nodes[0].end) < 0)
		return -2;
	return 0;
}

/* How the file is encoded: 0 UTF-8, 1 another ASCII-compatible
 * encoding, -1 UTF-16 or UTF-32 (refused). */
static int
encoding_kind(struct in *in)
{
	const char *b, *end, *e;
	char name[40];
	size_t n = 0;

	if (in_need(in, 0, 512) < 0 || in->len < 2)
		return 0;
	b = in->buf;
	if ((unsigned char)b[0] == 0xfe || (unsigned char)b[0] == 0xff ||
	    b[0] == 0 || b[1] == 0)
		return -1;
	if ((unsigned char)b[0] == 0xef)
		return 0;
	if (strncmp(b, "<?xml", 5) != 0 || (end = strstr(b, "?>")) == NULL)
		return 0;
	e = strstr(b, "encoding");
	if (e == NULL || e > end)
		return 0;
	e += 8;
	while (*e && *e != '"' && *e != '\'' && e < end)
		e++;
	if (e >= end)
		return 0;
	for (e++; e[n] && e[n] != '"' && e[n] != '\'' && n + 1 < sizeof name;
	     n++)
		name[n] = e[n];
	name[n] = '\0';
	return strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0
		? 0 : 1;
}

static int
write_failed(struct rewriter *rw, struct tmg_error *err)
{
	tmg_error_set(err, rw->path, 0, 0, _("cannot write the output: %s"),
		      strerror(errno));
	return -1;
}

int
xliff_rewrite(const char *path, int out_fd, doc_fill_fn fill, void *data,
	      glossary_warning_fn warn, void *warn_data,
	      struct tmg_error *err)
{
	struct rewriter rw = { 0 };
	struct tok t;
	int depth = 0, skip = 0, ret = -1, kind, rc;

	rw.path = path;
	rw.fill = fill;
	rw.data = data;
	rw.out.fd = out_fd;
	rw.in.fd = -1;
	docseg_init(&rw.seg);
	rw.reader = xliff_reader_open(path, warn, warn_data, err);
	if (rw.reader == NULL)
		return -1;
	rw.v2 = xliff_reader_version(rw.reader)[0] == '2';
	if ((rw.in.fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		tmg_error_set(err, path, 0, 0, _("cannot open: %s"),
			      strerror(errno));
		goto out;
	}
	if ((kind = encoding_kind(&rw.in)) < 0) {
		tmg_error_set(err, path, 0, 0, "%s",
			      _("this XLIFF file is in UTF-16 or UTF-32: "
				"pretranslate writes XLIFF in UTF-8 or an "
				"8-bit encoding only"));
		goto out;
	}
	rw.out.ascii = kind == 1;
	for (;;) {
		if (next_token(&rw.in, &t) < 0) {
			(void)broken(&rw, err);
			goto out;
		}
		if (t.kind == TOK_END_OF_FILE)
			break;
		if (skip) {
			if (t.kind == TOK_START && !t.empty)
				skip++;
			else if (t.kind == TOK_END)
				skip--;
		} else if (t.kind == TOK_START) {
			const char *uri;
			const char *q = rw.in.buf + t.name, *local = q;
			size_t len = t.name_len;
			const char *colon = memchr(q, ':', len);
			int descend = 0;

			if (colon) {
				len -= (size_t)(colon + 1 - q);
				local = colon + 1;
			}
			depth++;
			ns_push(&rw.ns, rw.in.buf + t.start, t.end - t.start,
				depth);
			uri = ns_of(&rw.ns, q, t.name_len);
			if (uri && strncmp(uri, XLIFF_NS_PREFIX,
					   strlen(XLIFF_NS_PREFIX)) != 0 &&
			    depth > 1) {
				descend = 0;
			} else if (depth == 1 || name_is(local, len, "file") ||
				   name_is(local, len, "group") ||
				   (!rw.v2 && name_is(local, len, "body"))) {
				descend = 1;
			} else if (name_is(local, len, rw.v2 ? "unit"
							     : "trans-unit")) {
				/* the unit alone in the buffer from 0 */
				ns_pop(&rw.ns, depth);
				rw.in.pos = t.start;
				if (pass_on(&rw) < 0)
					goto write_error;
				if (next_token(&rw.in, &t) < 0) {
					(void)broken(&rw, err);
					goto out;
				}
				rc = read_unit(&rw, &t, depth, err);
				if (rc == -2)
					goto write_error;
				if (rc < 0)
					goto out;
				depth--;
				continue;
			}
			if (t.empty) {
				ns_pop(&rw.ns, depth--);
			} else if (!descend) {
				ns_pop(&rw.ns, depth--);
				skip = 1;
			}
		} else if (t.kind == TOK_END) {
			ns_pop(&rw.ns, depth--);
		}
		if (rw.in.pos - rw.in.emitted >= READ_CHUNK && pass_on(&rw) < 0)
			goto write_error;
	}
	if (pass_on(&rw) < 0 || out_flush(&rw.out) < 0)
		goto write_error;
	/* every segment the reader gives was met */
	rc = xliff_reader_next(rw.reader, &rw.seg, err);
	if (rc < 0)
		goto out;
	if (rc > 0) {
		tmg_error_set(err, path, rw.seg.line, 0, "%s",
			      _("the segments of the document could not be "
				"found again to write their targets"));
		goto out;
	}
	ret = 0;
	goto out;
write_error:
	(void)write_failed(&rw, err);
out:
	docseg_clear(&rw.seg);
	xliff_reader_close(rw.reader);
	if (rw.in.fd >= 0)
		close(rw.in.fd);
	free(rw.in.buf);
	strbuf_release(&rw.out.buf);
	ns_pop(&rw.ns, 0);
	free(rw.ns.items);
	free(rw.u.nodes);
	edits_clear(&rw.edits);
	free(rw.edits.items);
	return ret;
}
