/*
 * xliff-read.c -- XLIFF documents read as segments to translate: XLIFF
 * 1.0, 1.1 and 1.2 (with or without the namespace; the SDLXLIFF and
 * MQXLIFF dialects read as 1.2) and XLIFF 2.0, 2.1 and 2.2, one struct
 * tmg_docseg per segment.
 *
 * Streaming: the file goes through libxml2's xmlTextReader as the TMX
 * reader's does (no network, no DTD loading, external entities refused by
 * xml-input.c's loader, entity expansion under libxml2's default limits).
 * The reader walks <xliff>, <file>, <body> and <group> node by node and
 * expands one <trans-unit> (1.x) or <unit> (2.x) at a time into a tree,
 * which it turns into segments and frees: memory follows the largest unit,
 * not the file.  Everything else (<header>, <skeleton>, <bin-unit>, file
 * level notes, the elements of other namespaces) is skipped unread.
 *
 * What is a segment:
 *   1.x  a <trans-unit>, or, when its <seg-source> is segmented, each
 *        <mrk mtype="seg"> of it (segment_id its mid), the target being the
 *        <mrk mtype="seg"> of <target> with the same mid; text between the
 *        segment markers belongs to no segment.  A trans-unit without
 *        <source> is skipped with a warning (Angular writes them).
 *   2.x  each <segment> of a <unit> (segment_id its id); <ignorable> is
 *        not a segment and its text is kept out.
 * unit_id is the trans-unit's or unit's id, resname its resname (1.x) or
 * name (2.x), file the <file>'s original (2.x: else its id).  Languages:
 * 1.x source-language and target-language of each <file>, 2.x srcLang and
 * trgLang of <xliff>, canonical BCP 47 ("" when the file has none); a tag
 * ICU cannot read is an error naming its line.  translate="no" on the
 * unit, a group or the file locks the segment (an explicit translate on an
 * inner element wins); an SDLXLIFF segment with locked="true" is locked.
 *
 * State: a segment without a target (absent or empty) is DOCSEG_NEW.  With
 * one, the first of these that the file gives says:
 *   - SDLXLIFF <sdl:seg conf>: Draft and Rejected* DRAFT, Translated
 *     TRANSLATED, Approved* FINAL;
 *   - 1.x <target state>: new NEW, needs-* DRAFT, translated TRANSLATED,
 *     final and signed-off FINAL, any other value (x-...) DRAFT;
 *   - memoQ's mq:status: NotStarted NEW, ManuallyConfirmed and Confirmed
 *     TRANSLATED, Proofread and Reviewer*Confirmed FINAL, others DRAFT;
 *   - 2.x <segment state>: initial DRAFT, translated TRANSLATED, reviewed
 *     and final FINAL;
 *   - nothing: TRANSLATED (a target the file does not qualify).
 * approved="yes" (1.x) makes a segment with a target FINAL.  state_name is
 * the file's own value (the conf, state or status; "approved" for
 * approved="yes" alone), NULL when the file says nothing.  The 1.x
 * state-qualifier is the prop x-xliff-state-qualifier, the 2.x subState
 * the prop x-xliff-substate.
 *
 * Notes: <note> (1.x) and <notes><note> (2.x) of the unit, as notes with
 * their xml:lang, on every segment of the unit.  <alt-trans> elements are
 * skipped and counted (xliff_reader_alt_trans()): the matches a tool kept
 * are not the document's translation.  XLIFF 2 modules (mtc, gls, mda,
 * fs, slr, val, res, ctr, its ...) and 1.x extensions (sdl:, mq:, other
 * namespaces) are ignored: kept nowhere by this reader.
 *
 * Inline codes become TMX 1.4b inline markup (the markup form of
 * inline.c); the text leaves the codes out.  Each TMX element says the
 * XLIFF element it stands for in its type ("x-xliff-g", "x-xliff2-pc")
 * and the element's id in x, so that a writer can put the code back:
 *   1.x <g id>...</g>   <bpt i="N" x="id" type="x-xliff-g">&lt;g ...&gt;</bpt>
 *                       ...<ept i="N">&lt;/g&gt;</ept>
 *       <x/>            <ph x="id" type="x-xliff-x">&lt;x .../&gt;</ph>
 *       <bx/> <ex/>     <bpt>/<ept> with the tag as native code, paired by
 *                       rid (else id); unpaired: <it pos="begin|end">
 *       <bpt> <ept>     <bpt>/<ept> (unpaired: <it>) with their own code
 *       <ph> <it>       <ph>, <it> (pos open/close as begin/end), code kept
 *       <sub>           <sub> inside the code that holds it
 *       <mrk mtype=M>   <hi x="mid" type="x-xliff-mrk-M">text</hi>
 *   2.x <ph/>           <ph x="id" type="x-xliff2-ph">DATA</ph>
 *       <pc>...</pc>    <bpt type="x-xliff2-pc">DATA</bpt>...<ept>DATA</ept>
 *       <sc/> <ec/>     <bpt>/<ept> when both are in the segment, else
 *                       <it pos="begin|end"> (isolated or split by segments)
 *       <cp hex>        the character when XML allows it, else
 *                       <ph type="x-xliff2-cp">&lt;cp hex=".."/&gt;</ph>
 *       <mrk>           <hi x="id" type="x-xliff2-mrk">text</hi>
 *       <sm/> <em/>     dropped, the text between them kept (annotations,
 *                       not codes; they may cross codes and segments)
 * DATA is the code's <originalData> (dataRef, dataRefStart, dataRefEnd)
 * when it has one, else the XLIFF tag itself, escaped.  Other attributes
 * of 1.x bpt/ept/ph/it (ctype, rid...) are not kept.  An element XLIFF
 * does not allow in a segment (another namespace's) keeps its text and
 * loses its tags.  Notes keep their text and xml:lang (not from,
 * priority, category, appliesTo).
 *
 * Errors ("file:line:col: ..." through struct tmg_error): libxml2's
 * (malformed XML, refused entities), a root that is not <xliff>, a
 * version this reader does not know, and, in XLIFF 2, what the core
 * specification makes an error that the reader sees without keeping more
 * than a unit: no <file>, a <file> without unit or group, a <unit>
 * without <segment>, a <segment> without or with two <source>, segment
 * and ignorable ids repeated in a unit, an unknown state, subState
 * without state, a target without trgLang, a <source>/<target> xml:lang
 * other than srcLang/trgLang, <notes> without <note>, a <cp> whose hex is
 * no character, <sc>/<ec> and <sm>/<em> that do not pair up in a unit.
 * What needs the whole file (ids unique across units, groups or files,
 * references to notes and data) or the modules' rules is not checked.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "formats/xml-input.h"
#include "text/text.h"

#define XLIFF_NS_PREFIX "urn:oasis:names:tc:xliff:document:"
#define SDL_NS "http://sdl.com/FileTypes/SdlXliff/1.0"
#define MQ_NS "MQXliff"

/* What is said once per file. */
enum {
	WARNED_NO_TRGLANG = 1,
	WARNED_LANG_DIFFERS = 2,
};

/* A <file> or <group> open around the units being read. */
struct scope {
	int depth;
	int locked;      /* translate="no" here or further out */
	long children;   /* units and groups seen in it */
	long line;
};

struct xliff_reader {
	xmlTextReaderPtr xml;
	int fd;
	char *path;
	glossary_warning_fn warn;
	void *warn_data;
	struct xml_errors xerr;
	struct xml_input input;   /* what libxml2 reads: UTF-8, guarded */

	int v2;                    /* XLIFF 2.x */
	char version[8];
	char srclang[TMG_LANG_MAX], tgtlang[TMG_LANG_MAX];
	char *file;                /* the current <file>'s name */
	long files;
	int skip_subtree;          /* the next step goes past the node */

	struct scope *scopes;
	size_t nscopes, ascopes;

	/* the segments of the last unit, handed out one by one */
	struct tmg_docseg *pending;
	size_t npending, apending, next_pending;

	unsigned long alt_trans;
	unsigned warned;           /* WARNED_*: said once per file */
	int finished, failed;
	struct tmg_error failure;
};

/* ------------------------------------------------------------ helpers */

static int
is_core(const xmlNode *n)
{
	return n->ns == NULL || n->ns->href == NULL ||
	       strncmp((const char *)n->ns->href, XLIFF_NS_PREFIX,
		       strlen(XLIFF_NS_PREFIX)) == 0;
}

/* Is `n` the XLIFF element `name`? */
static int
is_elem(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && is_core(n) &&
	       strcmp((const char *)n->name, name) == 0;
}

static int
in_ns(const xmlNode *n, const char *href)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, href) == 0;
}

/* libxml2's string `v` as one of ours (NULL stays NULL), freed. */
static char *
own(xmlChar *v)
{
	char *s = v ? xstrdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

/* An attribute without namespace, as a string of ours (NULL if absent). */
static char *
attr(const xmlNode *n, const char *name)
{
	return own(xmlGetNoNsProp(n, BAD_CAST name));
}

static char *
attr_ns(const xmlNode *n, const char *name, const char *href)
{
	return own(xmlGetNsProp(n, BAD_CAST name, BAD_CAST href));
}

/* Does attribute `name` of `n` equal `value`? */
static int
attr_is(const xmlNode *n, const char *name, const char *value)
{
	char *v = attr(n, name);
	int same = v && strcmp(v, value) == 0;

	free(v);
	return same;
}

static long
node_line(const xmlNode *n)
{
	long line = xmlGetLineNo(n);

	return line > 0 ? line : 0;
}

/* Set `err` at `line` of the file; -1. */
#define fail(r, err, line, ...) \
	(tmg_error_set((err), (r)->path, (line), 0, __VA_ARGS__), -1)

/* Append `s` escaped for XML content (attribute values too when quote). */
static void
escape(struct strbuf *sb, const char *s, int quote)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '\r': strbuf_addstr(sb, "&#13;"); break;
		case '"':
			strbuf_addstr(sb, quote ? "&quot;" : "\"");
			break;
		case '\t':
			strbuf_addstr(sb, quote ? "&#9;" : "\t");
			break;
		case '\n':
			strbuf_addstr(sb, quote ? "&#10;" : "\n");
			break;
		default: strbuf_addch(sb, *s); break;
		}
	}
}

static char *
detach(struct strbuf *sb)
{
	return sb->buf ? strbuf_detach(sb) : xstrdup("");
}

static void
warn_at(struct xliff_reader *r, long line, const char *message)
{
	struct tmg_error warning;

	if (r->warn == NULL)
		return;
	tmg_error_set(&warning, r->path, line, 0, "%s", message);
	r->warn(r->warn_data, &warning);
}

/* Is `tag` written as a BCP 47 tag: a 2 to 8 letter language, then
 * subtags of 1 to 8 letters or digits? */
static int
well_formed_tag(const char *tag)
{
	size_t n = strspn(tag, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			       "abcdefghijklmnopqrstuvwxyz");

	if (n < 2 || n > 8)
		return 0;
	for (tag += n; *tag; tag += n) {
		if (*tag != '-' && *tag != '_')
			return 0;
		tag++;
		n = strspn(tag, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				"abcdefghijklmnopqrstuvwxyz0123456789");
		if (n < 1 || n > 8)
			return 0;
	}
	return 1;
}

/*
 * The canonical form of a language attribute; "" when absent.  A tag
 * written right whose subtags ICU does not know ("en-EN") is read as its
 * language alone, with a warning; one written wrong is an error.
 */
static int
language(struct xliff_reader *r, const char *value, char out[TMG_LANG_MAX],
	 long line, struct tmg_error *err)
{
	char primary[9], message[512];
	size_t n;

	out[0] = '\0';
	if (value == NULL || *value == '\0')
		return 0;
	if (lang_canonicalize(value, out, TMG_LANG_MAX) == 0)
		return 0;
	out[0] = '\0';
	n = strcspn(value, "-_");
	if (!well_formed_tag(value) || n >= sizeof primary)
		return fail(r, err, line,
			    _("\"%s\" is not a language tag"), value);
	memcpy(primary, value, n);
	primary[n] = '\0';
	if (lang_canonicalize(primary, out, TMG_LANG_MAX) < 0) {
		out[0] = '\0';
		return fail(r, err, line,
			    _("\"%s\" is not a language tag"), value);
	}
	snprintf(message, sizeof message,
		 _("the language tag \"%s\" is read as \"%s\""), value, out);
	warn_at(r, line, message);
	return 0;
}

/* ---------------------------------------------------------- streaming */

static int
step(struct xliff_reader *r, struct tmg_error *err)
{
	int ret;

	xml_errors_watch(&r->xerr);
	if (r->skip_subtree) {
		r->skip_subtree = 0;
		ret = xmlTextReaderNext(r->xml);
	} else {
		ret = xmlTextReaderRead(r->xml);
	}
	xml_errors_watch(NULL);
	if (ret < 0 || r->xerr.failed) {
		if (r->xerr.failed)
			*err = r->xerr.error;
		else
			tmg_error_set(err, r->path,
				      xmlTextReaderGetParserLineNumber(r->xml),
				      0, "%s", _("malformed XML"));
		return -1;
	}
	return ret;
}

static void
push_scope(struct xliff_reader *r, int depth, int locked, long line)
{
	ALLOC_GROW(r->scopes, r->nscopes + 1, r->ascopes);
	r->scopes[r->nscopes].depth = depth;
	r->scopes[r->nscopes].locked = locked;
	r->scopes[r->nscopes].children = 0;
	r->scopes[r->nscopes].line = line;
	r->nscopes++;
}

static int
outer_locked(const struct xliff_reader *r)
{
	return r->nscopes ? r->scopes[r->nscopes - 1].locked : 0;
}

/* translate="no"/"yes" on `n`, else what holds it says. */
static int
locked_here(const xmlNode *n, int outer)
{
	char *t = attr(n, "translate");
	int locked = outer;

	if (t)
		locked = strcmp(t, "no") == 0;
	free(t);
	return locked;
}

static void
count_child(struct xliff_reader *r)
{
	if (r->nscopes)
		r->scopes[r->nscopes - 1].children++;
}

/* ------------------------------------------------------ inline codes */

/* A begin or end code of a segment's content, in document order, and
 * the pair it makes. */
struct code {
	int begin;
	char *key;     /* what pairs it; NULL: never paired (isolated) */
	int i;         /* the pair's number, 0 when unpaired */
};

struct conv {
	struct xliff_reader *r;
	struct tmg_error *err;
	const xmlNode *original_data;   /* 2.x <originalData> or NULL */
	struct strbuf markup, text;
	struct code *codes;
	size_t ncodes, acodes, pos;
	int next_i;
	int in_code;
	int failed;
};

static int
is_begin_code(const struct xliff_reader *r, const xmlNode *n)
{
	if (r->v2)
		return is_elem(n, "sc");
	return is_elem(n, "bx") || is_elem(n, "bpt");
}

static int
is_end_code(const struct xliff_reader *r, const xmlNode *n)
{
	if (r->v2)
		return is_elem(n, "ec");
	return is_elem(n, "ex") || is_elem(n, "ept");
}

/* What pairs a begin or end code: 1.x rid, else id; 2.x sc's id and
 * ec's startRef; NULL for isolated 2.x codes. */
static char *
pair_key(const struct xliff_reader *r, const xmlNode *n, int begin)
{
	char *k;

	if (r->v2) {
		if (attr_is(n, "isolated", "yes"))
			return NULL;
		return attr(n, begin ? "id" : "startRef");
	}
	k = attr(n, "rid");
	return k ? k : attr(n, "id");
}

static void
collect_codes(struct conv *c, const xmlNode *parent)
{
	for (const xmlNode *n = parent->children; n; n = n->next) {
		int b;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		b = is_begin_code(c->r, n);
		if (b || is_end_code(c->r, n)) {
			ALLOC_GROW(c->codes, c->ncodes + 1, c->acodes);
			c->codes[c->ncodes].begin = b;
			c->codes[c->ncodes].key = pair_key(c->r, n, b);
			c->codes[c->ncodes].i = 0;
			c->ncodes++;
		}
		collect_codes(c, n);
	}
}

/* Pair each begin with the first free end of the same key after it. */
static void
pair_codes(struct conv *c)
{
	for (size_t a = 0; a < c->ncodes; a++) {
		if (!c->codes[a].begin || c->codes[a].key == NULL)
			continue;
		for (size_t b = a + 1; b < c->ncodes; b++) {
			if (c->codes[b].begin || c->codes[b].i ||
			    c->codes[b].key == NULL ||
			    strcmp(c->codes[b].key, c->codes[a].key) != 0)
				continue;
			c->codes[a].i = c->codes[b].i = ++c->next_i;
			break;
		}
	}
}

/* The element as a tag ("<g id="1">", "<x id="2"/>"), escaped into the
 * markup as native code. */
static void
add_tag(struct conv *c, const xmlNode *n, int empty)
{
	struct strbuf tag = { 0 };

	strbuf_addch(&tag, '<');
	if (n->ns && n->ns->prefix) {
		strbuf_addstr(&tag, (const char *)n->ns->prefix);
		strbuf_addch(&tag, ':');
	}
	strbuf_addstr(&tag, (const char *)n->name);
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);

		strbuf_addch(&tag, ' ');
		if (a->ns && a->ns->prefix) {
			strbuf_addstr(&tag, (const char *)a->ns->prefix);
			strbuf_addch(&tag, ':');
		}
		strbuf_addstr(&tag, (const char *)a->name);
		strbuf_addstr(&tag, "=\"");
		escape(&tag, v ? (const char *)v : "", 1);
		strbuf_addch(&tag, '"');
		xmlFree(v);
	}
	strbuf_addstr(&tag, empty ? "/>" : ">");
	escape(&c->markup, tag.buf, 0);
	strbuf_release(&tag);
}

static void
add_end_tag(struct conv *c, const xmlNode *n)
{
	escape(&c->markup, "</", 0);
	if (n->ns && n->ns->prefix) {
		escape(&c->markup, (const char *)n->ns->prefix, 0);
		escape(&c->markup, ":", 0);
	}
	escape(&c->markup, (const char *)n->name, 0);
	escape(&c->markup, ">", 0);
}

/* Open a TMX element: <name i="N" pos="P" x="X" type="T"> (NULL or 0:
 * left out). */
static void
open_tmx(struct conv *c, const char *name, int i, const char *pos,
	 const char *x, const char *type)
{
	char num[24];

	strbuf_addch(&c->markup, '<');
	strbuf_addstr(&c->markup, name);
	if (i) {
		snprintf(num, sizeof num, " i=\"%d\"", i);
		strbuf_addstr(&c->markup, num);
	}
	if (pos) {
		strbuf_addstr(&c->markup, " pos=\"");
		strbuf_addstr(&c->markup, pos);
		strbuf_addch(&c->markup, '"');
	}
	if (x) {
		strbuf_addstr(&c->markup, " x=\"");
		escape(&c->markup, x, 1);
		strbuf_addch(&c->markup, '"');
	}
	if (type) {
		strbuf_addstr(&c->markup, " type=\"");
		escape(&c->markup, type, 1);
		strbuf_addch(&c->markup, '"');
	}
	strbuf_addch(&c->markup, '>');
}

static void
close_tmx(struct conv *c, const char *name)
{
	strbuf_addstr(&c->markup, "</");
	strbuf_addstr(&c->markup, name);
	strbuf_addch(&c->markup, '>');
}

static void
add_text(struct conv *c, const char *s)
{
	escape(&c->markup, s, 0);
	if (!c->in_code)
		strbuf_addstr(&c->text, s);
}

/* Parse a <cp hex>: the code point, or -1 when it is none. */
static long
cp_value(const char *hex)
{
	unsigned long v = 0;
	size_t n = 0;

	if (hex == NULL)
		return -1;
	for (; hex[n]; n++) {
		int d = hex[n] >= '0' && hex[n] <= '9' ? hex[n] - '0' :
			hex[n] >= 'a' && hex[n] <= 'f' ? hex[n] - 'a' + 10 :
			hex[n] >= 'A' && hex[n] <= 'F' ? hex[n] - 'A' + 10 : -1;

		if (d < 0 || n >= 6)
			return -1;
		v = v * 16 + (unsigned long)d;
	}
	if (n == 0 || v > 0x10ffff)
		return -1;
	return (long)v;
}

static int
xml_allows(unsigned long c)
{
	return c == 0x9 || c == 0xa || c == 0xd ||
	       (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
	       (c >= 0x10000 && c <= 0x10ffff);
}

static void convert(struct conv *c, const xmlNode *parent);

/* A 2.x <cp>: the character, or a <ph> when XML forbids it. */
static void
convert_cp(struct conv *c, const xmlNode *n)
{
	char *hex = attr(n, "hex");
	long v = cp_value(hex);
	char utf8[5];

	if (v < 0) {
		if (!c->failed)
			(void)fail(c->r, c->err, node_line(n),
			     _("<cp hex=\"%s\"> names no character"),
			     hex ? hex : "");
		c->failed = 1;
	} else if (v == 0 || !xml_allows((unsigned long)v) ||
		   (v >= 0xd800 && v <= 0xdfff)) {
		open_tmx(c, "ph", 0, NULL, NULL, "x-xliff2-cp");
		add_tag(c, n, 1);
		close_tmx(c, "ph");
	} else {
		utf8[utf8_encode(utf8, (unsigned long)v)] = '\0';
		add_text(c, utf8);
	}
	free(hex);
}

/* The native code of a 2.x code: its <originalData><data> (the id in
 * attribute `ref`), else the tag itself. */
static void
add_native(struct conv *c, const xmlNode *n, const char *ref, int empty,
	   int end)
{
	char *id = ref ? attr(n, ref) : NULL;
	const xmlNode *data = NULL;

	if (id && c->original_data) {
		for (const xmlNode *d = c->original_data->children; d;
		     d = d->next)
			if (is_elem(d, "data") && attr_is(d, "id", id)) {
				data = d;
				break;
			}
	}
	free(id);
	if (data) {
		int saved = c->in_code;

		c->in_code = 1;
		convert(c, data);
		c->in_code = saved;
	} else if (end) {
		add_end_tag(c, n);
	} else {
		add_tag(c, n, empty);
	}
}

/* The native code inside a TMX code element: the XLIFF element's own
 * content (1.x bpt, ept, ph, it), its original data (2.x) or its tag. */
static void
code_content(struct conv *c, const xmlNode *n, int content)
{
	c->in_code++;
	if (content)
		convert(c, n);
	else if (c->r->v2)
		add_native(c, n, "dataRef", 1, 0);
	else
		add_tag(c, n, 1);
	c->in_code--;
}

/* A begin or end code (1.x bx/ex/bpt/ept, 2.x sc/ec): paired, or <it>. */
static void
convert_paired(struct conv *c, const xmlNode *n, int begin, const char *type,
	       int content)
{
	struct code *code = c->pos < c->ncodes ? &c->codes[c->pos++] : NULL;
	int i = code ? code->i : 0;
	char *id = attr(n, "id");
	const char *element;

	if (id == NULL && !begin)
		id = attr(n, c->r->v2 ? "startRef" : "rid");
	if (i && !begin) {
		open_tmx(c, "ept", i, NULL, NULL, NULL);
		element = "ept";
	} else if (i) {
		open_tmx(c, "bpt", i, NULL, id, type);
		element = "bpt";
	} else {
		open_tmx(c, "it", 0, begin ? "begin" : "end", id, type);
		element = "it";
	}
	code_content(c, n, content);
	close_tmx(c, element);
	free(id);
}

/* A container code (1.x <g>, 2.x <pc>): a bpt/ept pair around its
 * content. */
static void
convert_container(struct conv *c, const xmlNode *n, const char *type)
{
	int i = ++c->next_i;
	char *id = attr(n, "id");

	open_tmx(c, "bpt", i, NULL, id, type);
	c->in_code++;
	if (c->r->v2)
		add_native(c, n, "dataRefStart", 0, 0);
	else
		add_tag(c, n, 0);
	c->in_code--;
	close_tmx(c, "bpt");
	convert(c, n);
	open_tmx(c, "ept", i, NULL, NULL, NULL);
	c->in_code++;
	if (c->r->v2)
		add_native(c, n, "dataRefEnd", 0, 1);
	else
		add_end_tag(c, n);
	c->in_code--;
	close_tmx(c, "ept");
	free(id);
}

/* A code with no content of its own (1.x <x/>, 2.x <ph/>) or with its
 * native code as content (1.x <ph>, <it>). */
static void
convert_placeholder(struct conv *c, const xmlNode *n, const char *element,
		    const char *pos, const char *type, int content)
{
	char *id = attr(n, "id");

	open_tmx(c, element, 0, pos, id, type);
	code_content(c, n, content);
	close_tmx(c, element);
	free(id);
}

static void
convert_mrk(struct conv *c, const xmlNode *n)
{
	char *mtype, *id, type[96];

	if (c->r->v2) {
		id = attr(n, "id");
		snprintf(type, sizeof type, "x-xliff2-mrk");
	} else {
		mtype = attr(n, "mtype");
		id = attr(n, "mid");
		snprintf(type, sizeof type, "x-xliff-mrk-%s",
			 mtype ? mtype : "x");
		free(mtype);
	}
	open_tmx(c, "hi", 0, NULL, id, type);
	convert(c, n);
	close_tmx(c, "hi");
	free(id);
}

/* 1.x: the element `n` of a segment's content. */
static void
convert_v1(struct conv *c, const xmlNode *n)
{
	char *pos;

	if (is_elem(n, "g")) {
		convert_container(c, n, "x-xliff-g");
	} else if (is_elem(n, "x")) {
		convert_placeholder(c, n, "ph", NULL, "x-xliff-x", 0);
	} else if (is_elem(n, "bx")) {
		convert_paired(c, n, 1, "x-xliff-bx", 0);
	} else if (is_elem(n, "ex")) {
		convert_paired(c, n, 0, "x-xliff-ex", 0);
	} else if (is_elem(n, "bpt")) {
		convert_paired(c, n, 1, "x-xliff-bpt", 1);
	} else if (is_elem(n, "ept")) {
		convert_paired(c, n, 0, "x-xliff-ept", 1);
	} else if (is_elem(n, "ph")) {
		convert_placeholder(c, n, "ph", NULL, "x-xliff-ph", 1);
	} else if (is_elem(n, "it")) {
		pos = attr(n, "pos");
		convert_placeholder(c, n, "it",
				    pos && strcmp(pos, "close") == 0 ? "end"
								     : "begin",
				    "x-xliff-it", 1);
		free(pos);
	} else if (is_elem(n, "sub")) {
		strbuf_addstr(&c->markup, "<sub>");
		convert(c, n);
		strbuf_addstr(&c->markup, "</sub>");
	} else if (is_elem(n, "mrk") && !attr_is(n, "mtype", "seg")) {
		convert_mrk(c, n);
	} else {
		/* a segment marker where none is expected, or an element of
		 * another vocabulary: its text is kept */
		convert(c, n);
	}
}

/* 2.x: the element `n` of a segment's content. */
static void
convert_v2(struct conv *c, const xmlNode *n)
{
	if (is_elem(n, "ph"))
		convert_placeholder(c, n, "ph", NULL, "x-xliff2-ph", 0);
	else if (is_elem(n, "pc"))
		convert_container(c, n, "x-xliff2-pc");
	else if (is_elem(n, "sc"))
		convert_paired(c, n, 1, "x-xliff2-sc", 0);
	else if (is_elem(n, "ec"))
		convert_paired(c, n, 0, "x-xliff2-ec", 0);
	else if (is_elem(n, "cp"))
		convert_cp(c, n);
	else if (is_elem(n, "mrk"))
		convert_mrk(c, n);
	else if (is_elem(n, "sm") || is_elem(n, "em"))
		; /* annotation markers: dropped, see the top of the file */
	else
		convert(c, n);
}

static void
convert(struct conv *c, const xmlNode *parent)
{
	for (const xmlNode *n = parent->children; n && !c->failed;
	     n = n->next) {
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content)
				add_text(c, (const char *)n->content);
			break;
		case XML_ELEMENT_NODE:
			if (c->r->v2)
				convert_v2(c, n);
			else
				convert_v1(c, n);
			break;
		default:
			/* comments, processing instructions */
			break;
		}
	}
}

/*
 * The text and markup of a segment's content (the children of `node`).
 * -1 with `err` set for a content that is an error (2.x <cp>).
 */
static int
content(struct xliff_reader *r, const xmlNode *node,
	const xmlNode *original_data, char **text, char **markup,
	struct tmg_error *err)
{
	struct conv c;

	memset(&c, 0, sizeof c);
	c.r = r;
	c.err = err;
	c.original_data = original_data;
	collect_codes(&c, node);
	pair_codes(&c);
	convert(&c, node);
	for (size_t i = 0; i < c.ncodes; i++)
		free(c.codes[i].key);
	free(c.codes);
	if (c.failed) {
		strbuf_release(&c.text);
		strbuf_release(&c.markup);
		return -1;
	}
	*text = detach(&c.text);
	*markup = detach(&c.markup);
	return 0;
}

/* Has the element content (a target that is more than <target/>)? */
static int
has_content(const xmlNode *n)
{
	for (const xmlNode *k = n ? n->children : NULL; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE ||
		    ((k->type == XML_TEXT_NODE ||
		      k->type == XML_CDATA_SECTION_NODE) &&
		     k->content && *k->content))
			return 1;
	return 0;
}

/* ------------------------------------------------------------ segments */

static struct tmg_docseg *
new_segment(struct xliff_reader *r, const char *unit_id, const char *resname,
	    int locked, long line)
{
	struct tmg_docseg *seg;

	ALLOC_GROW(r->pending, r->npending + 1, r->apending);
	seg = &r->pending[r->npending++];
	docseg_init(seg);
	seg->file = r->file ? xstrdup(r->file) : NULL;
	seg->unit_id = unit_id ? xstrdup(unit_id) : NULL;
	seg->resname = resname ? xstrdup(resname) : NULL;
	memcpy(seg->srclang, r->srclang, TMG_LANG_MAX);
	memcpy(seg->tgtlang, r->tgtlang, TMG_LANG_MAX);
	seg->locked = locked;
	seg->line = line;
	return seg;
}

static void
add_prop(struct tmg_docseg *seg, const char *type, const char *value)
{
	struct tmg_annotation *a;

	if (value == NULL || *value == '\0')
		return;
	a = annotations_add(&seg->notes, 0);
	a->type = xstrdup(type);
	a->value = xstrdup(value);
}

/* The notes of a unit (1.x <note> children, 2.x <notes><note>). */
static void
add_notes(struct tmg_docseg *seg, const xmlNode *unit, int v2)
{
	for (const xmlNode *n = unit->children; n; n = n->next) {
		if (v2 && is_elem(n, "notes")) {
			add_notes(seg, n, 0);
		} else if (is_elem(n, "note")) {
			struct tmg_annotation *a = annotations_add(&seg->notes,
								   1);
			xmlChar *text = xmlNodeGetContent(n);
			xmlChar *lang = xmlGetNsProp(n, BAD_CAST "lang",
						     XML_XML_NAMESPACE);

			a->value = xstrdup(text ? (const char *)text : "");
			a->lang = lang ? xstrdup((const char *)lang) : NULL;
			xmlFree(text);
			xmlFree(lang);
		}
	}
}

struct state_name {
	const char *name;
	enum docseg_state state;
};

static const struct state_name v1_states[] = {
	{ "new", DOCSEG_NEW }, { "translated", DOCSEG_TRANSLATED },
	{ "final", DOCSEG_FINAL }, { "signed-off", DOCSEG_FINAL },
	{ "needs-adaptation", DOCSEG_DRAFT },
	{ "needs-l10n", DOCSEG_DRAFT },
	{ "needs-review-adaptation", DOCSEG_DRAFT },
	{ "needs-review-l10n", DOCSEG_DRAFT },
	{ "needs-review-translation", DOCSEG_DRAFT },
	{ "needs-translation", DOCSEG_DRAFT },
	{ NULL, DOCSEG_DRAFT },
};

static const struct state_name sdl_states[] = {
	{ "Draft", DOCSEG_DRAFT }, { "Translated", DOCSEG_TRANSLATED },
	{ "RejectedTranslation", DOCSEG_DRAFT },
	{ "ApprovedTranslation", DOCSEG_FINAL },
	{ "RejectedSignOff", DOCSEG_DRAFT },
	{ "ApprovedSignOff", DOCSEG_FINAL },
	{ NULL, DOCSEG_DRAFT },
};

static const struct state_name mq_states[] = {
	{ "NotStarted", DOCSEG_NEW },
	{ "ManuallyConfirmed", DOCSEG_TRANSLATED },
	{ "Confirmed", DOCSEG_TRANSLATED },
	{ "Proofread", DOCSEG_FINAL },
	{ "Reviewer1Confirmed", DOCSEG_FINAL },
	{ "Reviewer2Confirmed", DOCSEG_FINAL },
	{ NULL, DOCSEG_DRAFT },
};

static const struct state_name v2_states[] = {
	{ "initial", DOCSEG_DRAFT }, { "translated", DOCSEG_TRANSLATED },
	{ "reviewed", DOCSEG_FINAL }, { "final", DOCSEG_FINAL },
	{ NULL, DOCSEG_DRAFT },
};

/* Set the state from the value `name` of table `t`; -1 when unknown. */
static int
set_state(struct tmg_docseg *seg, const struct state_name *t,
	  const char *name)
{
	size_t i;

	for (i = 0; t[i].name; i++)
		if (strcmp(t[i].name, name) == 0)
			break;
	free(seg->state_name);
	seg->state_name = xstrdup(name);
	seg->state = t[i].state;
	return t[i].name ? 0 : -1;
}

/* The state of a 1.x segment (see the top of the file). */
static void
state_v1(struct tmg_docseg *seg, const xmlNode *unit, const xmlNode *target,
	 const xmlNode *sdl_seg)
{
	char *conf = sdl_seg ? attr(sdl_seg, "conf") : NULL;
	char *state = target ? attr(target, "state") : NULL;
	char *qualifier = target ? attr(target, "state-qualifier") : NULL;
	char *mq = attr_ns(unit, "status", MQ_NS);
	int approved = attr_is(unit, "approved", "yes");

	seg->state = DOCSEG_TRANSLATED;
	if (conf)
		set_state(seg, sdl_states, conf);
	else if (state)
		set_state(seg, v1_states, state);
	else if (mq)
		set_state(seg, mq_states, mq);
	if (approved) {
		seg->state = DOCSEG_FINAL;
		if (seg->state_name == NULL)
			seg->state_name = xstrdup("approved");
	}
	if (seg->target_text == NULL)
		seg->state = DOCSEG_NEW;
	add_prop(seg, "x-xliff-state-qualifier", qualifier);
	if (sdl_seg && attr_is(sdl_seg, "locked", "true"))
		seg->locked = 1;
	free(conf);
	free(state);
	free(qualifier);
	free(mq);
}

/* The <mrk mtype="seg" mid=`mid`> under `n`, or NULL. */
static const xmlNode *
find_seg_mrk(const xmlNode *n, const char *mid)
{
	for (const xmlNode *k = n ? n->children : NULL; k; k = k->next) {
		const xmlNode *found;

		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (is_elem(k, "mrk") && attr_is(k, "mtype", "seg") &&
		    (mid == NULL || attr_is(k, "mid", mid)))
			return k;
		if ((found = find_seg_mrk(k, mid)) != NULL)
			return found;
	}
	return NULL;
}

/* The <sdl:seg id=`mid`> of a trans-unit's <sdl:seg-defs>, or NULL. */
static const xmlNode *
find_sdl_seg(const xmlNode *unit, const char *mid)
{
	for (const xmlNode *d = unit->children; d; d = d->next) {
		if (!in_ns(d, SDL_NS) ||
		    strcmp((const char *)d->name, "seg-defs") != 0)
			continue;
		for (const xmlNode *s = d->children; s; s = s->next)
			if (in_ns(s, SDL_NS) &&
			    strcmp((const char *)s->name, "seg") == 0 &&
			    (mid == NULL || attr_is(s, "id", mid)))
				return s;
	}
	return NULL;
}

/* One 1.x segment: source and target content, state, notes. */
static int
segment_v1(struct xliff_reader *r, const xmlNode *unit, const char *id,
	   const char *resname, int locked, const xmlNode *source,
	   const xmlNode *target, const xmlNode *target_elem, const char *mid,
	   struct tmg_error *err)
{
	struct tmg_docseg *seg = new_segment(r, id, resname, locked,
					     node_line(source));

	seg->segment_id = mid ? xstrdup(mid) : NULL;
	if (content(r, source, NULL, &seg->source_text, &seg->source_markup,
		    err) < 0)
		return -1;
	if (has_content(target) &&
	    content(r, target, NULL, &seg->target_text, &seg->target_markup,
		    err) < 0)
		return -1;
	state_v1(seg, unit, target_elem, find_sdl_seg(unit, mid));
	add_notes(seg, unit, 0);
	return 0;
}

static int
unit_v1(struct xliff_reader *r, const xmlNode *unit, struct tmg_error *err)
{
	const xmlNode *source = NULL, *seg_source = NULL, *target = NULL;
	char *id = attr(unit, "id"), *resname = attr(unit, "resname");
	int locked = locked_here(unit, outer_locked(r)), ret = 0;
	struct tmg_error warning;

	for (const xmlNode *n = unit->children; n; n = n->next) {
		if (is_elem(n, "source") && source == NULL)
			source = n;
		else if (is_elem(n, "seg-source"))
			seg_source = n;
		else if (is_elem(n, "target") && target == NULL)
			target = n;
		else if (is_elem(n, "alt-trans"))
			r->alt_trans++;
	}
	if (source == NULL) {
		if (r->warn) {
			tmg_error_set(&warning, r->path, node_line(unit), 0,
				      _("a <trans-unit> without <source> is "
					"skipped"));
			r->warn(r->warn_data, &warning);
		}
		goto out;
	}
	if (seg_source && find_seg_mrk(seg_source, NULL)) {
		/* each segment marker of <seg-source>, in order */
		const xmlNode *stack[64];
		size_t depth = 0;
		const xmlNode *n = seg_source->children;

		while (n || depth) {
			if (n == NULL) {
				n = stack[--depth]->next;
				continue;
			}
			if (is_elem(n, "mrk") && attr_is(n, "mtype", "seg")) {
				char *mid = attr(n, "mid");

				ret = segment_v1(r, unit, id, resname, locked,
						 n, find_seg_mrk(target, mid),
						 target, mid ? mid : "", err);
				free(mid);
				if (ret < 0)
					goto out;
			} else if (n->type == XML_ELEMENT_NODE &&
				   n->children && depth < 64) {
				stack[depth++] = n;
				n = n->children;
				continue;
			}
			n = n->next;
		}
	} else {
		ret = segment_v1(r, unit, id, resname, locked, source, target,
				 target, NULL, err);
	}
out:
	free(id);
	free(resname);
	return ret;
}

/* ------------------------------------------------------------ XLIFF 2 */

/* Do the sc/ec and sm/em of a unit's sources (or targets) pair up? */
struct marker {
	char *id;
	int open;
};

static int
check_pairs(struct xliff_reader *r, const xmlNode *n, const char *begin,
	    const char *end, struct marker **open, size_t *nopen,
	    size_t *aopen, struct tmg_error *err)
{
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (is_elem(k, begin)) {
			if (attr_is(k, "isolated", "yes"))
				continue;
			ALLOC_GROW(*open, *nopen + 1, *aopen);
			(*open)[*nopen].id = attr(k, "id");
			(*open)[*nopen].open = 1;
			(*nopen)++;
		} else if (is_elem(k, end)) {
			char *ref = attr(k, "startRef");
			int isolated = attr_is(k, "isolated", "yes"), found = 0;

			if (isolated && ref == NULL)
				continue;
			for (size_t i = 0; ref && !isolated && i < *nopen; i++)
				if ((*open)[i].open && (*open)[i].id &&
				    strcmp((*open)[i].id, ref) == 0) {
					(*open)[i].open = 0;
					found = 1;
					break;
				}
			free(ref);
			if (!found)
				return fail(r, err, node_line(k),
					    _("<%s> ends nothing that a "
					      "<sc> or <sm> before it in its "
					      "unit began"), end);
		} else if (check_pairs(r, k, begin, end, open, nopen, aopen,
				       err) < 0) {
			return -1;
		}
	}
	return 0;
}

static int
unit_pairs(struct xliff_reader *r, const xmlNode *unit, const char *part,
	   const char *begin, const char *end, struct tmg_error *err)
{
	struct marker *open = NULL;
	size_t nopen = 0, aopen = 0;
	int ret = 0;

	for (const xmlNode *s = unit->children; s && ret == 0; s = s->next) {
		if (!is_elem(s, "segment") && !is_elem(s, "ignorable"))
			continue;
		for (const xmlNode *p = s->children; p && ret == 0; p = p->next)
			if (is_elem(p, part))
				ret = check_pairs(r, p, begin, end, &open,
						  &nopen, &aopen, err);
	}
	for (size_t i = 0; i < nopen; i++) {
		if (ret == 0 && open[i].open)
			ret = fail(r, err, node_line(unit),
				   _("a <%s> of this unit is never ended (or "
				     "lacks isolated=\"yes\")"), begin);
		free(open[i].id);
	}
	free(open);
	return ret;
}

/* The checks of a unit that need no more than the unit. */
static int
check_unit_v2(struct xliff_reader *r, const xmlNode *unit,
	      struct tmg_error *err)
{
	char **ids = NULL;
	size_t nids = 0, aids = 0;
	int segments = 0, ret = 0;

	for (const xmlNode *n = unit->children; n && ret == 0; n = n->next) {
		int sources = 0;
		char *id;

		if (is_elem(n, "notes")) {
			const xmlNode *k = n->children;

			while (k && !is_elem(k, "note"))
				k = k->next;
			if (k == NULL)
				ret = fail(r, err, node_line(n), "%s",
					   _("<notes> without any <note>"));
			continue;
		}
		if (!is_elem(n, "segment") && !is_elem(n, "ignorable"))
			continue;
		segments += is_elem(n, "segment");
		for (const xmlNode *p = n->children; p; p = p->next)
			sources += is_elem(p, "source");
		if (sources != 1) {
			ret = fail(r, err, node_line(n), "%s",
				   sources ? _("a segment has two <source>s")
					   : _("a segment has no <source>"));
			break;
		}
		if ((id = attr(n, "id")) == NULL)
			continue;
		for (size_t i = 0; i < nids; i++)
			if (strcmp(ids[i], id) == 0) {
				ret = fail(r, err, node_line(n),
					   _("the id \"%s\" is given twice in "
					     "one unit"), id);
				break;
			}
		ALLOC_GROW(ids, nids + 1, aids);
		ids[nids++] = id;
	}
	for (size_t i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	if (ret == 0 && segments == 0)
		ret = fail(r, err, node_line(unit), "%s",
			   _("a <unit> without any <segment>"));
	if (ret == 0)
		ret = unit_pairs(r, unit, "source", "sc", "ec", err);
	if (ret == 0)
		ret = unit_pairs(r, unit, "target", "sc", "ec", err);
	if (ret == 0)
		ret = unit_pairs(r, unit, "source", "sm", "em", err);
	if (ret == 0)
		ret = unit_pairs(r, unit, "target", "sm", "em", err);
	return ret;
}

/* Is the element's xml:lang, if any, the language `want` (canonical)?
 * XLIFF 2 says it must be; MateCat writes others: a warning, once. */
static int
check_lang(struct xliff_reader *r, const xmlNode *n, const char *want,
	   struct tmg_error *err)
{
	char *lang = attr_ns(n, "lang", (const char *)XML_XML_NAMESPACE);
	char canonical[TMG_LANG_MAX];
	int ret = 0;

	if (lang && (ret = language(r, lang, canonical, node_line(n),
				    err)) == 0 &&
	    strcmp(canonical, want) != 0 &&
	    !(r->warned & WARNED_LANG_DIFFERS)) {
		r->warned |= WARNED_LANG_DIFFERS;
		warn_at(r, node_line(n),
			_("an xml:lang of a source or target differs from the "
			  "language the <xliff> element gives, which is the "
			  "one kept"));
	}
	free(lang);
	return ret;
}

static int
segment_v2(struct xliff_reader *r, const xmlNode *unit, const xmlNode *s,
	   const xmlNode *original_data, const char *id, const char *resname,
	   int locked, struct tmg_error *err)
{
	const xmlNode *source = NULL, *target = NULL;
	struct tmg_docseg *seg = new_segment(r, id, resname, locked,
					     node_line(s));
	char *state = attr(s, "state"), *sub = attr(s, "subState");
	int ret = -1;

	for (const xmlNode *p = s->children; p; p = p->next) {
		if (is_elem(p, "source") && source == NULL)
			source = p;
		else if (is_elem(p, "target") && target == NULL)
			target = p;
	}
	seg->segment_id = attr(s, "id");
	if (sub && state == NULL) {
		(void)fail(r, err, node_line(s), "%s",
		     _("a segment has a subState but no state"));
		goto out;
	}
	if (check_lang(r, source, r->srclang, err) < 0)
		goto out;
	if (target && r->tgtlang[0] == '\0' &&
	    !(r->warned & WARNED_NO_TRGLANG)) {
		/* XLIFF 2 says it is an error; OmegaT and MateCat read it */
		r->warned |= WARNED_NO_TRGLANG;
		warn_at(r, node_line(target),
			_("targets, but the <xliff> element has no trgLang: "
			  "their language is not known"));
	}
	if (target && check_lang(r, target, r->tgtlang, err) < 0)
		goto out;
	if (content(r, source, original_data, &seg->source_text,
		    &seg->source_markup, err) < 0)
		goto out;
	if (has_content(target) &&
	    content(r, target, original_data, &seg->target_text,
		    &seg->target_markup, err) < 0)
		goto out;
	seg->state = DOCSEG_TRANSLATED;
	if (state && set_state(seg, v2_states, state) < 0) {
		(void)fail(r, err, node_line(s),
		     _("\"%s\" is not a segment state of XLIFF 2"), state);
		goto out;
	}
	if (seg->target_text == NULL)
		seg->state = DOCSEG_NEW;
	add_prop(seg, "x-xliff-substate", sub);
	add_notes(seg, unit, 1);
	ret = 0;
out:
	free(state);
	free(sub);
	return ret;
}

static int
unit_v2(struct xliff_reader *r, const xmlNode *unit, struct tmg_error *err)
{
	const xmlNode *original_data = NULL;
	char *id, *name;
	int locked, ret = 0;

	if (check_unit_v2(r, unit, err) < 0)
		return -1;
	id = attr(unit, "id");
	name = attr(unit, "name");
	locked = locked_here(unit, outer_locked(r));
	for (const xmlNode *n = unit->children; n; n = n->next)
		if (is_elem(n, "originalData"))
			original_data = n;
	for (const xmlNode *n = unit->children; n && ret == 0; n = n->next)
		if (is_elem(n, "segment"))
			ret = segment_v2(r, unit, n, original_data, id, name,
					 locked, err);
	free(id);
	free(name);
	return ret;
}

/* ------------------------------------------------------------- opening */

static int
known_version(const char *v)
{
	static const char *const known[] = {
		"1.0", "1.1", "1.2", "2.0", "2.1", "2.2",
	};

	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (strcmp(v, known[i]) == 0)
			return 1;
	return 0;
}

static int
read_root(struct xliff_reader *r, struct tmg_error *err)
{
	const char *name = (const char *)xmlTextReaderConstLocalName(r->xml);
	const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r->xml);
	long line = xml_reader_line(r->xml);
	char *version, *src, *tgt;
	int ret = 0;

	if (name == NULL || strcmp(name, "xliff") != 0 ||
	    (ns && strncmp(ns, XLIFF_NS_PREFIX, strlen(XLIFF_NS_PREFIX)) != 0))
		return fail(r, err, line,
			    _("not an XLIFF file: the root element is <%s>"),
			    name ? name : "?");
	version = xml_attribute(r->xml, "version");
	if (version == NULL && ns)
		version = xstrdup(ns + strlen(XLIFF_NS_PREFIX));
	if (version == NULL)
		version = xstrdup("1.2");
	if (!known_version(version) && ns &&
	    known_version(ns + strlen(XLIFF_NS_PREFIX))) {
		char message[512];

		snprintf(message, sizeof message,
			 _("version=\"%s\" is no XLIFF version: read as "
			   "%s, the version of the namespace"),
			 version, ns + strlen(XLIFF_NS_PREFIX));
		warn_at(r, line, message);
		free(version);
		version = xstrdup(ns + strlen(XLIFF_NS_PREFIX));
	}
	if (!known_version(version)) {
		ret = fail(r, err, line,
			   _("XLIFF version %s is not one tmgloss reads "
			     "(1.0 to 1.2, 2.0 to 2.2)"), version);
		free(version);
		return ret;
	}
	snprintf(r->version, sizeof r->version, "%s", version);
	r->v2 = version[0] == '2';
	free(version);
	if (!r->v2)
		return 0;
	src = xml_attribute(r->xml, "srcLang");
	tgt = xml_attribute(r->xml, "trgLang");
	if (src == NULL)
		ret = fail(r, err, line, "%s",
			   _("the <xliff> element has no srcLang"));
	else if (language(r, src, r->srclang, line, err) < 0 ||
		 language(r, tgt, r->tgtlang, line, err) < 0)
		ret = -1;
	free(src);
	free(tgt);
	return ret;
}

/* libxml2's errors, but for a namespace name that is not a valid URI
 * (MateCat writes "GMAPS: https://..."): names are only compared. */
static void
xliff_errors_handler(void *data, xmlErrorPtr error)
{
	if (error->domain == XML_FROM_NAMESPACE &&
	    (error->code == XML_WAR_NS_URI ||
	     error->code == XML_WAR_NS_URI_RELATIVE))
		return;
	xml_errors_handler(data, error);
}

/*
 * A file that holds nothing but a byte order mark and spaces, or whose
 * first character is not '<' (in UTF-8 or an 8-bit encoding): said in
 * those words rather than libxml2's.  0 when the file may be XML.
 */
static int
precheck(int fd, const char *path, struct tmg_error *err)
{
	unsigned char buf[4096];
	ssize_t n = pread(fd, buf, sizeof buf, 0);
	ssize_t i = 0;

	if (n < 0)
		return 0;   /* the parser will say */
	if (n >= 3 && buf[0] == 0xef && buf[1] == 0xbb && buf[2] == 0xbf)
		i = 3;
	else if (n >= 2 && (buf[0] == 0xfe || buf[0] == 0xff || !buf[0] ||
			    !buf[1]))
		return 0;   /* UTF-16 or UTF-32: libxml2 decodes it */
	while (i < n && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
			 buf[i] == '\n'))
		i++;
	if (i == n && n < (ssize_t)sizeof buf) {
		tmg_error_set(err, path, 0, 0, "%s", _("the file is empty"));
		return -1;
	}
	if (i < n && buf[i] != '<') {
		tmg_error_set(err, path, 1, 0, "%s",
			      _("not an XML file: it does not begin with an "
				"element"));
		return -1;
	}
	return 0;
}

static void
reader_free(struct xliff_reader *r)
{
	for (size_t i = 0; i < r->npending; i++)
		docseg_clear(&r->pending[i]);
	free(r->pending);
	free(r->scopes);
	free(r->file);
	if (r->xml) {
		xmlTextReaderClose(r->xml);
		xmlFreeTextReader(r->xml);
	}
	if (r->fd >= 0)
		close(r->fd);
	free(r->path);
	free(r);
}

struct xliff_reader *
xliff_reader_open(const char *path, glossary_warning_fn warn,
		  void *warn_data, struct tmg_error *err)
{
	struct xliff_reader *r;
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0) {
		tmg_error_set(err, path, 0, 0, _("cannot open: %s"),
			      strerror(errno));
		return NULL;
	}
	if (precheck(fd, path, err) < 0) {
		close(fd);
		return NULL;
	}
	r = xcalloc(1, sizeof *r);
	r->fd = fd;
	r->path = xstrdup(path);
	r->warn = warn;
	r->warn_data = warn_data;
	xml_errors_init(&r->xerr, r->path);
	xml_input_init(&r->input, xml_input_fd_source, &r->fd, &r->xerr);
	r->xml = xml_input_reader(&r->input, NULL, NULL, path,
				  XML_PARSE_NONET | XML_PARSE_NOENT |
				  XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
	if (r->xml == NULL) {
		tmg_error_set(err, path, 0, 0, "%s",
			      _("cannot start the XML parser"));
		reader_free(r);
		return NULL;
	}
	xmlTextReaderSetStructuredErrorHandler(r->xml, xliff_errors_handler,
					       &r->xerr);
	r->xerr.reader = r->xml;
	/* up to the root element, for the version */
	while ((ret = step(r, err)) == 1 &&
	       xmlTextReaderNodeType(r->xml) != XML_READER_TYPE_ELEMENT)
		;
	if (ret == 0)
		tmg_error_set(err, path, 0, 0, "%s",
			      _("the file holds no XML element"));
	if (ret != 1 || read_root(r, err) < 0) {
		reader_free(r);
		return NULL;
	}
	if (xmlTextReaderIsEmptyElement(r->xml))
		r->skip_subtree = 1;
	return r;
}

/* ------------------------------------------------------------- reading */

/* A <file> begins: its languages (1.x), name and scope. */
static int
start_file(struct xliff_reader *r, int depth, struct tmg_error *err)
{
	long line = xml_reader_line(r->xml);
	char *name = xml_attribute(r->xml, "original"), *t;
	int locked = 0, ret = 0;

	if (name == NULL && r->v2)
		name = xml_attribute(r->xml, "id");
	free(r->file);
	r->file = name;
	r->files++;
	if (!r->v2) {
		char *src = xml_attribute(r->xml, "source-language");
		char *tgt = xml_attribute(r->xml, "target-language");

		ret = language(r, src, r->srclang, line, err) < 0 ||
		      language(r, tgt, r->tgtlang, line, err) < 0 ? -1 : 0;
		free(src);
		free(tgt);
	}
	t = xml_attribute(r->xml, "translate");
	locked = t && strcmp(t, "no") == 0;
	free(t);
	push_scope(r, depth, locked, line);
	return ret;
}

/* A <file> or <group> ends. */
static int
end_scope(struct xliff_reader *r, int is_file, struct tmg_error *err)
{
	struct scope s = r->scopes[--r->nscopes];

	if (is_file && r->v2 && s.children == 0)
		return fail(r, err, s.line, "%s",
			    _("a <file> without any <unit> or <group>"));
	return 0;
}

/* The element the reader stands on, outside units. */
static int
element(struct xliff_reader *r, struct tmg_error *err)
{
	const char *name = (const char *)xmlTextReaderConstLocalName(r->xml);
	const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r->xml);
	int depth = xmlTextReaderDepth(r->xml);
	int empty = xmlTextReaderIsEmptyElement(r->xml);
	const char *unit_name = r->v2 ? "unit" : "trans-unit";
	xmlNodePtr node;
	int ret;

	if (ns && strncmp(ns, XLIFF_NS_PREFIX, strlen(XLIFF_NS_PREFIX)) != 0) {
		r->skip_subtree = 1;   /* another vocabulary */
		return 0;
	}
	if (strcmp(name, "file") == 0) {
		if (start_file(r, depth, err) < 0)
			return -1;
		return empty ? end_scope(r, 1, err) : 0;
	}
	if (strcmp(name, "group") == 0) {
		char *t = xml_attribute(r->xml, "translate");
		int locked = t ? strcmp(t, "no") == 0 : outer_locked(r);

		free(t);
		count_child(r);
		push_scope(r, depth, locked, xml_reader_line(r->xml));
		return empty ? end_scope(r, 0, err) : 0;
	}
	if (strcmp(name, "body") == 0 && !r->v2)
		return 0;
	r->skip_subtree = 1;
	if (strcmp(name, unit_name) != 0)
		return 0;       /* header, skeleton, notes, bin-unit ... */
	count_child(r);
	xml_errors_watch(&r->xerr);
	node = xmlTextReaderExpand(r->xml);
	xml_errors_watch(NULL);
	if (node == NULL || r->xerr.failed) {
		if (r->xerr.failed)
			*err = r->xerr.error;
		else
			tmg_error_set(err, r->path, xml_reader_line(r->xml),
				      0, "%s", _("malformed XML"));
		return -1;
	}
	ret = r->v2 ? unit_v2(r, node, err) : unit_v1(r, node, err);
	return ret;
}

/* Hand the next pending segment over; 0 when none is left. */
static int
give_pending(struct xliff_reader *r, struct tmg_docseg *seg)
{
	if (r->next_pending >= r->npending) {
		for (size_t i = 0; i < r->npending; i++)
			docseg_clear(&r->pending[i]);
		r->npending = r->next_pending = 0;
		return 0;
	}
	*seg = r->pending[r->next_pending];
	docseg_init(&r->pending[r->next_pending]);
	r->next_pending++;
	return 1;
}

int
xliff_reader_next(struct xliff_reader *r, struct tmg_docseg *seg,
		  struct tmg_error *err)
{
	int ret;

	docseg_clear(seg);
	if (give_pending(r, seg))
		return 1;
	if (r->failed) {
		*err = r->failure;
		return -1;
	}
	if (r->finished)
		return 0;
	while ((ret = step(r, err)) == 1) {
		int type = xmlTextReaderNodeType(r->xml);

		if (type == XML_READER_TYPE_ELEMENT) {
			if (element(r, err) < 0)
				goto failed;
			if (give_pending(r, seg))
				return 1;
		} else if (type == XML_READER_TYPE_END_ELEMENT &&
			   r->nscopes &&
			   r->scopes[r->nscopes - 1].depth ==
			   xmlTextReaderDepth(r->xml)) {
			const char *name = (const char *)
				xmlTextReaderConstLocalName(r->xml);

			if (end_scope(r, strcmp(name, "file") == 0, err) < 0)
				goto failed;
		}
	}
	if (ret < 0)
		goto failed;
	r->finished = 1;
	if (r->v2 && r->files == 0) {
		(void)fail(r, err, xmlTextReaderGetParserLineNumber(r->xml), "%s",
		     _("the <xliff> element holds no <file>"));
		goto failed;
	}
	return 0;
failed:
	for (size_t i = 0; i < r->npending; i++)
		docseg_clear(&r->pending[i]);
	r->npending = r->next_pending = 0;
	r->failed = 1;
	r->failure = *err;
	return -1;
}

const char *
xliff_reader_version(const struct xliff_reader *r)
{
	return r->version;
}

unsigned long
xliff_reader_alt_trans(const struct xliff_reader *r)
{
	return r->alt_trans;
}

void
xliff_reader_close(struct xliff_reader *r)
{
	if (r)
		reader_free(r);
}
