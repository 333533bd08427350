/*
 * tbx.c -- TBX glossaries: sniffing a file's kind, a streaming TBX reader
 * and a TBX-Basic writer.
 *
 * Reader.  One concept at a time through libxml2's xmlTextReader: memory use
 * depends on the largest entry, never on the file.  It reads
 *   - TBX v2 (ISO 30042:2008, <martif>): termEntry / langSet / tig or
 *     ntig+termGrp, data categories as <descrip type=...>, <termNote>,
 *     <admin>, <note>, <xref>;
 *   - TBX v3 (ISO 30042:2019, <tbx>, namespace urn:iso:std:iso:30042:ed-2):
 *     conceptEntry / langSec / termSec, in DCA style (as above) or DCT style
 *     where a data category is an element of its own namespace
 *     (<min:partOfSpeech>, <basic:definition>): its local name is the type.
 * Grouping elements (descripGrp, adminGrp, termNoteGrp, termGrp) are read
 * through; their members become fields of the enclosing level.
 * Transactions (transacGrp: who changed what when) and <ref> (an IDREF
 * into the same file) are not kept.
 *
 * What a concept gets: its id, subject field, and fields at concept and
 * language-section level; each term its language, text, status (from
 * administrativeStatus, usageStatus or normativeAuthorization), part of
 * speech and its other fields.  Text content is whitespace-collapsed (the
 * files indent definitions over several lines).
 *
 * Refused, with file:line: malformed XML; a root other than martif or tbx;
 * a language section without xml:lang or with an unusable tag; a term
 * section without a term or with two; a data category element (descrip,
 * termNote, admin, xref) without a type.  An empty <term> (SDL exports have
 * them) drops its term section and an entry left without any term is
 * skipped, each with a warning.  Dialect rules (TBX-Min/Basic
 * Schematron picklists) are not checked: values are kept as they are.
 *
 * Safety: no network, no DTD loading (the DOCTYPE of TBX v2 files is never
 * fetched), external entities refused by an entity loader that loads
 * nothing.
 *
 * Writer.  TBX-Basic in TBX v2 form (<martif type="TBX-Basic">), valid
 * against TBXcoreStructV02.dtd: within an entry the concept's fields, then
 * one langSet per language (its fields, then one tig per term: term,
 * termNotes -- partOfSpeech, administrativeStatus, others -- then the
 * term's other fields), which is the order the DTD requires.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "formats/xml-input.h"
#include "text/text.h"

#define TBX3_NAMESPACE "urn:iso:std:iso:30042:ed-2"
#define XML_NAMESPACE "http://www.w3.org/XML/1998/namespace"

/* ------------------------------------------------------------ sniffing */

/* Skip `<?...?>`, `<!--...-->` and `<!DOCTYPE ...>` (with an internal
 * subset) from p; returns where the root element starts, or NULL. */
static const char *
skip_prolog(const char *p, const char *end)
{
	while (p < end) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			p++;
		} else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			const char *q = p + 4;
			while (q + 3 <= end && memcmp(q, "-->", 3) != 0)
				q++;
			if (q + 3 > end)
				return NULL;
			p = q + 3;
		} else if (end - p >= 2 && memcmp(p, "<?", 2) == 0) {
			const char *q = p + 2;
			while (q + 2 <= end && memcmp(q, "?>", 2) != 0)
				q++;
			if (q + 2 > end)
				return NULL;
			p = q + 2;
		} else if (end - p >= 2 && memcmp(p, "<!", 2) == 0) {
			int in_subset = 0;
			const char *q = p + 2;
			for (; q < end; q++) {
				if (*q == '[')
					in_subset = 1;
				else if (*q == ']')
					in_subset = 0;
				else if (*q == '>' && !in_subset)
					break;
			}
			if (q >= end)
				return NULL;
			p = q + 1;
		} else {
			return p;
		}
	}
	return NULL;
}

int
file_sniff(const char *path, enum file_kind *kind, char *root,
	   size_t root_size, struct tmg_error *err)
{
	enum { SNIFF_SIZE = 65536 };
	unsigned char *raw = xmalloc(SNIFF_SIZE);
	char *text = xmalloc(SNIFF_SIZE + 1);
	size_t n = 0, len = 0, i = 0, step = 1, offset = 0;
	const char *p, *end;
	ssize_t got;
	int fd;

	*kind = FILE_KIND_UNKNOWN;
	if (root_size)
		root[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		tmg_error_set(err, path, 0, 0, "%s", strerror(errno));
		goto fail;
	}
	while (n < SNIFF_SIZE &&
	       (got = read(fd, raw + n, SNIFF_SIZE - n)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			tmg_error_set(err, path, 0, 0, "%s", strerror(errno));
			close(fd);
			goto fail;
		}
		n += (size_t)got;
	}
	close(fd);

	/* UTF-16 (by BOM or by a NUL beside '<'): keep the low bytes, which
	 * is enough to read element names. */
	if (n >= 2 && ((raw[0] == 0xff && raw[1] == 0xfe) ||
		       (raw[0] == '<' && raw[1] == 0))) {
		step = 2, offset = 0;
		i = raw[0] == 0xff ? 2 : 0;
	} else if (n >= 2 && ((raw[0] == 0xfe && raw[1] == 0xff) ||
			      (raw[0] == 0 && raw[1] == '<'))) {
		step = 2, offset = 1;
		i = raw[0] == 0xfe ? 2 : 0;
	} else if (n >= 3 && raw[0] == 0xef && raw[1] == 0xbb &&
		   raw[2] == 0xbf) {
		i = 3;
	}
	for (; i + offset < n; i += step)
		text[len++] = (char)raw[i + offset];
	text[len] = '\0';

	end = text + len;
	for (p = text; p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
				   *p == '\n'); p++)
		;
	if (p == end || *p != '<') {
		*kind = FILE_KIND_DELIMITED;
	} else {
		const char *name = skip_prolog(p, end), *q, *colon = NULL;
		*kind = FILE_KIND_OTHER_XML;
		if (name && *name == '<') {
			name++;
			for (q = name; q < end && !strchr(" \t\r\n/>", *q); q++)
				if (*q == ':')
					colon = q;
			if (colon)
				name = colon + 1;
			if (root_size)
				snprintf(root, root_size, "%.*s",
					 (int)(q - name), name);
			if (q - name == 3 && memcmp(name, "tmx", 3) == 0)
				*kind = FILE_KIND_TMX;
			else if ((q - name == 6 && memcmp(name, "martif", 6) == 0) ||
				 (q - name == 3 && memcmp(name, "tbx", 3) == 0))
				*kind = FILE_KIND_TBX;
		}
	}
	free(raw);
	free(text);
	return 0;
fail:
	free(raw);
	free(text);
	return -1;
}

/* ------------------------------------------------------------ reader */

struct tbx_reader {
	xmlTextReaderPtr xml;
	int fd;              /* the file; libxml2 reads but does not close it */
	char *path;
	glossary_warning_fn warn;
	void *warn_data;
	struct xml_errors xerr; /* the first error of the document */
	int seen_root, finished;
	int version;         /* 2 or 3 */
	char dialect[64];
	char file_lang[TMG_LANG_MAX];
};

struct tbx_reader *
tbx_reader_open(const char *path, glossary_warning_fn warn, void *warn_data,
		struct tmg_error *err)
{
	struct tbx_reader *r;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		tmg_error_set(err, path, 0, 0, "%s", strerror(errno));
		return NULL;
	}
	r = xcalloc(1, sizeof *r);
	r->path = xstrdup(path);
	xml_errors_init(&r->xerr, r->path);
	r->warn = warn;
	r->warn_data = warn_data;
	r->fd = fd;
	r->xml = xmlReaderForFd(fd, path, NULL,
				XML_PARSE_NONET | XML_PARSE_NOENT |
				XML_PARSE_NOCDATA | XML_PARSE_NOWARNING);
	if (r->xml == NULL) {
		close(fd);
		tmg_error_set(err, path, 0, 0, "%s",
			      _("cannot start the XML parser"));
		free(r->path);
		free(r);
		return NULL;
	}
	xmlTextReaderSetStructuredErrorHandler(r->xml, xml_errors_handler,
					       &r->xerr);
	snprintf(r->dialect, sizeof r->dialect, "TBX");
	return r;
}

void
tbx_reader_close(struct tbx_reader *r)
{
	if (r == NULL)
		return;
	if (r->xml) {
		xmlTextReaderClose(r->xml);
		xmlFreeTextReader(r->xml);
	}
	close(r->fd);
	free(r->path);
	free(r);
}

const char *
tbx_reader_dialect(const struct tbx_reader *r)
{
	return r->dialect;
}

static long
current_line(struct tbx_reader *r)
{
	return xml_reader_line(r->xml);
}

/* Advance: to the next node, or past the current subtree when `skip`.
 * Returns 1 on a node, 0 at the end, -1 on error. */
static int
advance(struct tbx_reader *r, int skip, struct tmg_error *err)
{
	int ret;

	xml_errors_watch(&r->xerr);
	ret = skip ? xmlTextReaderNext(r->xml) : xmlTextReaderRead(r->xml);
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

static const char *
local_name(struct tbx_reader *r)
{
	const xmlChar *name = xmlTextReaderConstLocalName(r->xml);

	return name ? (const char *)name : "";
}

static int
in_core_namespace(struct tbx_reader *r)
{
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(r->xml);

	return ns == NULL || strcmp((const char *)ns, TBX3_NAMESPACE) == 0;
}

static char *
attribute(struct tbx_reader *r, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(r->xml, BAD_CAST name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static char *
lang_attribute(struct tbx_reader *r)
{
	xmlChar *v = xmlTextReaderGetAttributeNs(r->xml, BAD_CAST "lang",
						 BAD_CAST XML_NAMESPACE);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* Collapse runs of XML white space to one space and trim, in place. */
static char *
collapse_space(char *s)
{
	char *in = s, *out = s;
	int space = 0;

	for (; *in; in++) {
		if (*in == ' ' || *in == '\t' || *in == '\n' || *in == '\r') {
			space = out != s;
			continue;
		}
		if (space)
			*out++ = ' ';
		space = 0;
		*out++ = *in;
	}
	*out = '\0';
	return s;
}

/* The text content of the current element, collapsed; to free. */
static char *
element_text(struct tbx_reader *r)
{
	xmlChar *v;
	char *s;

	if (xmlTextReaderIsEmptyElement(r->xml))
		return xstrdup("");
	v = xmlTextReaderReadString(r->xml);
	s = xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	return collapse_space(s);
}

/* What a DCT element (a data category as an element) is in DCA terms. */
static const char *
dct_kind(const char *category)
{
	static const char *const term_notes[] = {
		"partOfSpeech", "administrativeStatus", "usageStatus",
		"normativeAuthorization", "termType", "grammaticalGender",
		"grammaticalNumber", "geographicalUsage", "termLocation",
		"register", "termProvenance", NULL,
	};
	static const char *const admins[] = {
		"source", "customerSubset", "projectSubset", "responsibility",
		"sourceIdentifier", "productSubset", NULL,
	};

	if (strcmp(category, "xGraphic") == 0 ||
	    strcmp(category, "externalCrossReference") == 0)
		return "xref";
	if (strcmp(category, "crossReference") == 0)
		return "ref";
	for (size_t i = 0; term_notes[i]; i++)
		if (strcmp(term_notes[i], category) == 0)
			return "termNote";
	for (size_t i = 0; admins[i]; i++)
		if (strcmp(admins[i], category) == 0)
			return "admin";
	return "descrip";
}

/* Where the reader is inside an entry. */
struct entry_state {
	struct tmg_concept *concept;
	char lang[TMG_LANG_MAX];  /* current language section, or "" */
	int lang_depth;           /* its depth, or -1 */
	int term_depth;           /* depth of the current term section or -1 */
	size_t term;              /* its index in concept->terms */
	int term_seen;            /* the section's <term> has been read */
	int term_empty;           /* ... and it was empty: drop the section */
	long term_line;
};

static int
is_status_category(const char *type)
{
	return strcmp(type, "administrativeStatus") == 0 ||
	       strcmp(type, "usageStatus") == 0 ||
	       strcmp(type, "normativeAuthorization") == 0;
}

/* Put a data category value where it belongs: the current term, the
 * current language section or the concept. */
static void
place_field(struct entry_state *st, const char *kind, const char *type,
	    const char *elem_lang, const char *value)
{
	struct tmg_concept *c = st->concept;

	if (st->term_depth >= 0) {
		struct tmg_term *t = &c->terms[st->term];
		enum term_status status;

		if (type && strcmp(type, "partOfSpeech") == 0 &&
		    t->part_of_speech == NULL) {
			t->part_of_speech = xstrdup(value);
			return;
		}
		if (type && is_status_category(type) &&
		    t->status == TERM_STATUS_NONE &&
		    term_status_parse(value, &status) == 0) {
			t->status = status;
			return;
		}
		concept_fields_add(&t->fields, kind, type, NULL, value);
		return;
	}
	if (st->lang[0]) {
		concept_fields_add(&c->fields, kind, type, st->lang, value);
		return;
	}
	if (type && strcmp(type, "subjectField") == 0 &&
	    c->subject_field == NULL && elem_lang == NULL) {
		c->subject_field = xstrdup(value);
		return;
	}
	concept_fields_add(&c->fields, kind, type, elem_lang, value);
}

static int
end_term_section(struct tbx_reader *r, struct entry_state *st,
		 struct tmg_error *err)
{
	if (!st->term_seen) {
		tmg_error_set(err, r->path, st->term_line, 0, "%s",
			      _("a term section without a <term>"));
		return -1;
	}
	st->term_depth = -1;
	if (st->term_empty) {
		/* the section was reported; its term and fields go */
		struct tmg_term *t = &st->concept->terms[st->term];
		free(t->text);
		free(t->part_of_speech);
		concept_fields_clear(&t->fields);
		st->concept->nterms--;
	}
	return 0;
}

/* Read a data category element (DCA or DCT) at the reader's position. */
static int
read_field(struct tbx_reader *r, struct entry_state *st, const char *kind,
	   const char *dct_type, struct tmg_error *err)
{
	char *type = dct_type ? xstrdup(dct_type) : attribute(r, "type");
	char *elem_lang = lang_attribute(r);
	char canonical[TMG_LANG_MAX];
	char *value = NULL;
	const char *field_lang = NULL;
	long line = current_line(r);
	int ret = -1;

	if (type == NULL && strcmp(kind, "note") != 0) {
		tmg_error_set(err, r->path, line, 0,
			      _("<%s> without a type attribute"), kind);
		goto out;
	}
	if (elem_lang && lang_canonicalize(elem_lang, canonical,
					   sizeof canonical) == 0)
		field_lang = canonical;
	if (strcmp(kind, "xref") == 0) {
		/* the link is the value; its label is only a label */
		value = attribute(r, "target");
		if (value == NULL)
			value = element_text(r);
	} else {
		value = element_text(r);
	}
	if (strcmp(kind, "descripNote") == 0 || strcmp(kind, "adminNote") == 0)
		kind = "admin";
	if (value[0] != '\0')
		place_field(st, kind, type, field_lang, value);
	ret = 0;
out:
	free(type);
	free(elem_lang);
	free(value);
	return ret;
}

static int
start_language(struct tbx_reader *r, struct entry_state *st,
	       struct tmg_error *err)
{
	char *tag = lang_attribute(r);
	long line = current_line(r);

	if (tag == NULL) {
		tmg_error_set(err, r->path, line, 0, _("<%s> without xml:lang"),
			      local_name(r));
		return -1;
	}
	if (lang_canonicalize(tag, st->lang, sizeof st->lang) < 0) {
		tmg_error_set(err, r->path, line, 0,
			      _("'%s' is not a language tag"), tag);
		free(tag);
		return -1;
	}
	free(tag);
	st->lang_depth = xmlTextReaderDepth(r->xml);
	return 0;
}

static int
start_term_section(struct tbx_reader *r, struct entry_state *st,
		   struct tmg_error *err)
{
	if (st->lang[0] == '\0') {
		tmg_error_set(err, r->path, current_line(r), 0,
			      _("<%s> outside a language section"),
			      local_name(r));
		return -1;
	}
	if (st->term_depth >= 0) {
		tmg_error_set(err, r->path, current_line(r), 0,
			      _("<%s> inside another term section"),
			      local_name(r));
		return -1;
	}
	concept_add_term(st->concept, st->lang, "");
	st->term = st->concept->nterms - 1;
	st->term_depth = xmlTextReaderDepth(r->xml);
	st->term_seen = 0;
	st->term_empty = 0;
	st->term_line = current_line(r);
	st->concept->terms[st->term].line = st->term_line;
	return 0;
}

static int
read_term(struct tbx_reader *r, struct entry_state *st, struct tmg_error *err)
{
	long line = current_line(r);
	struct tmg_term *t;
	char *text;

	if (st->term_depth < 0) {
		tmg_error_set(err, r->path, line, 0, "%s",
			      _("<term> outside a term section"));
		return -1;
	}
	if (st->term_seen) {
		tmg_error_set(err, r->path, line, 0, "%s",
			      _("two <term> elements in one term section"));
		return -1;
	}
	text = element_text(r);
	st->term_seen = 1;
	if (text[0] == '\0') {
		struct tmg_error w;
		free(text);
		tmg_error_set(&w, r->path, line, 0, "%s",
			      _("empty <term>: term skipped"));
		if (r->warn)
			r->warn(r->warn_data, &w);
		st->term_empty = 1;
		return 0;
	}
	t = &st->concept->terms[st->term];
	free(t->text);
	t->text = text;
	t->line = line;
	st->term_seen = 1;
	return 0;
}

/* Handle the start tag of an element inside an entry.  *skip is set when
 * the element's subtree has been consumed (or is to be ignored). */
static int
entry_element(struct tbx_reader *r, struct entry_state *st, int *skip,
	      struct tmg_error *err)
{
	const char *name = local_name(r);
	int empty = xmlTextReaderIsEmptyElement(r->xml);

	*skip = 0;
	if (!in_core_namespace(r)) {
		/* DCT style: the element is the data category */
		*skip = 1;
		return read_field(r, st, dct_kind(name), name, err);
	}
	if (strcmp(name, "langSet") == 0 || strcmp(name, "langSec") == 0) {
		if (start_language(r, st, err) < 0)
			return -1;
		if (empty)
			st->lang[0] = '\0', st->lang_depth = -1;
		return 0;
	}
	if (strcmp(name, "tig") == 0 || strcmp(name, "ntig") == 0 ||
	    strcmp(name, "termSec") == 0) {
		if (start_term_section(r, st, err) < 0)
			return -1;
		return empty ? end_term_section(r, st, err) : 0;
	}
	if (strcmp(name, "term") == 0) {
		*skip = 1;
		return read_term(r, st, err);
	}
	if (strcmp(name, "termGrp") == 0 || strcmp(name, "descripGrp") == 0 ||
	    strcmp(name, "adminGrp") == 0 || strcmp(name, "termNoteGrp") == 0)
		return 0; /* read through */
	if (strcmp(name, "descrip") == 0 || strcmp(name, "termNote") == 0 ||
	    strcmp(name, "admin") == 0 || strcmp(name, "note") == 0 ||
	    strcmp(name, "xref") == 0 || strcmp(name, "descripNote") == 0 ||
	    strcmp(name, "adminNote") == 0) {
		*skip = 1;
		return read_field(r, st, name, NULL, err);
	}
	/* transacGrp, ref, termCompList and anything else: not kept */
	*skip = 1;
	return 0;
}

static int
entry_end(struct tbx_reader *r, struct entry_state *st,
	  struct tmg_error *err)
{
	int depth = xmlTextReaderDepth(r->xml);

	if (depth == st->term_depth)
		return end_term_section(r, st, err);
	if (depth == st->lang_depth) {
		st->lang[0] = '\0';
		st->lang_depth = -1;
	}
	return 0;
}

/* Read the entry whose start tag is the current node into `c`. */
static int
read_entry(struct tbx_reader *r, struct tmg_concept *c, struct tmg_error *err)
{
	struct entry_state st = { .concept = c, .lang_depth = -1,
				  .term_depth = -1 };
	int depth = xmlTextReaderDepth(r->xml), skip = 0, ret;

	c->id = attribute(r, "id");
	c->line = current_line(r);
	if (xmlTextReaderIsEmptyElement(r->xml))
		return 0;
	while ((ret = advance(r, skip, err)) == 1) {
		int type = xmlTextReaderNodeType(r->xml);

		skip = 0;
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (xmlTextReaderDepth(r->xml) == depth)
				return 0;
			if (entry_end(r, &st, err) < 0)
				return -1;
		} else if (type == XML_READER_TYPE_ELEMENT) {
			if (entry_element(r, &st, &skip, err) < 0)
				return -1;
		}
	}
	if (ret == 0)
		tmg_error_set(err, r->path, c->line, 0, "%s",
			      _("the file ends inside an entry"));
	return -1;
}

static int
read_root(struct tbx_reader *r, struct tmg_error *err)
{
	const char *name = local_name(r);
	char *type = attribute(r, "type");
	char *lang = lang_attribute(r);

	if (strcmp(name, "martif") == 0) {
		r->version = 2;
		snprintf(r->dialect, sizeof r->dialect, "%s v2",
			 type && strcmp(type, "TBX") != 0 ? type : "TBX");
	} else if (strcmp(name, "tbx") == 0) {
		r->version = 3;
		snprintf(r->dialect, sizeof r->dialect, "%s v3",
			 type ? type : "TBX");
	} else {
		tmg_error_set(err, r->path, current_line(r), 0,
			      _("not a TBX file: the root element is <%s>"),
			      name);
		free(type);
		free(lang);
		return -1;
	}
	if (lang)
		lang_canonicalize(lang, r->file_lang, sizeof r->file_lang);
	free(type);
	free(lang);
	r->seen_root = 1;
	return 0;
}

int
tbx_reader_next(struct tbx_reader *r, struct tmg_concept *c,
		struct tmg_error *err)
{
	int ret, skip = 0;

	concept_clear(c);
	if (r->finished)
		return 0;
	while ((ret = advance(r, skip, err)) == 1) {
		const char *name;

		skip = 0;
		if (xmlTextReaderNodeType(r->xml) != XML_READER_TYPE_ELEMENT)
			continue;
		name = local_name(r);
		if (!r->seen_root) {
			if (read_root(r, err) < 0)
				return -1;
			continue;
		}
		if (strcmp(name, "martifHeader") == 0 ||
		    strcmp(name, "tbxHeader") == 0 ||
		    strcmp(name, "back") == 0) {
			skip = 1;
			continue;
		}
		if (strcmp(name, "termEntry") != 0 &&
		    strcmp(name, "conceptEntry") != 0)
			continue;
		if (read_entry(r, c, err) < 0)
			return -1;
		if (c->nterms == 0) {
			struct tmg_error w;
			tmg_error_set(&w, r->path, c->line, 0,
				      _("entry '%s' has no term: skipped"),
				      c->id ? c->id : "");
			if (r->warn)
				r->warn(r->warn_data, &w);
			concept_clear(c);
			continue;
		}
		return 1;
	}
	if (ret < 0)
		return -1;
	if (!r->seen_root) {
		tmg_error_set(err, r->path, 0, 0, "%s",
			      _("not a TBX file: no root element"));
		return -1;
	}
	r->finished = 1;
	return 0;
}

/* ------------------------------------------------------------ writer */

struct tbx_writer {
	xmlTextWriterPtr xml;
	char *path;
	unsigned long next_id;
	/* ids written so far, to keep them unique (XML ID) */
	char **ids;
	size_t nids, aids;
};

static int
write_failed(struct tbx_writer *w, struct tmg_error *err)
{
	tmg_error_set(err, w->path, 0, 0, "%s",
		      _("cannot write the TBX file"));
	return -1;
}

#define CHECK(call) do { if ((call) < 0) return write_failed(w, err); } while (0)

struct tbx_writer *
tbx_writer_open(const char *path, const char *lang, struct tmg_error *err)
{
	struct tbx_writer *w = xcalloc(1, sizeof *w);

	w->path = xstrdup(path);
	w->xml = xmlNewTextWriterFilename(strcmp(path, "-") == 0 ?
					  "/dev/stdout" : path, 0);
	if (w->xml == NULL) {
		tmg_error_set(err, path, 0, 0, "%s",
			      _("cannot create the file"));
		free(w->path);
		free(w);
		return NULL;
	}
	xmlTextWriterSetIndent(w->xml, 1);
	xmlTextWriterSetIndentString(w->xml, BAD_CAST "  ");
	if (xmlTextWriterStartDocument(w->xml, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterWriteDTD(w->xml, BAD_CAST "martif", NULL,
				  BAD_CAST "TBXcoreStructV02.dtd", NULL) < 0 ||
	    xmlTextWriterStartElement(w->xml, BAD_CAST "martif") < 0 ||
	    xmlTextWriterWriteAttribute(w->xml, BAD_CAST "type",
					BAD_CAST "TBX-Basic") < 0 ||
	    xmlTextWriterWriteAttribute(w->xml, BAD_CAST "xml:lang",
					BAD_CAST (lang && *lang ? lang : "en")) < 0 ||
	    xmlTextWriterStartElement(w->xml, BAD_CAST "martifHeader") < 0 ||
	    xmlTextWriterStartElement(w->xml, BAD_CAST "fileDesc") < 0 ||
	    xmlTextWriterStartElement(w->xml, BAD_CAST "sourceDesc") < 0 ||
	    xmlTextWriterWriteFormatElement(w->xml, BAD_CAST "p",
					    "tmgloss %s", PACKAGE_VERSION) < 0 ||
	    xmlTextWriterEndElement(w->xml) < 0 ||
	    xmlTextWriterEndElement(w->xml) < 0 ||
	    xmlTextWriterStartElement(w->xml, BAD_CAST "encodingDesc") < 0 ||
	    xmlTextWriterStartElement(w->xml, BAD_CAST "p") < 0 ||
	    xmlTextWriterWriteAttribute(w->xml, BAD_CAST "type",
					BAD_CAST "XCSURI") < 0 ||
	    xmlTextWriterWriteString(w->xml, BAD_CAST "TBXBasicXCSV02.xcs") < 0 ||
	    xmlTextWriterEndElement(w->xml) < 0 ||
	    xmlTextWriterEndElement(w->xml) < 0 ||
	    xmlTextWriterEndElement(w->xml) < 0 ||
	    xmlTextWriterStartElement(w->xml, BAD_CAST "text") < 0 ||
	    xmlTextWriterStartElement(w->xml, BAD_CAST "body") < 0) {
		write_failed(w, err);
		xmlFreeTextWriter(w->xml);
		free(w->path);
		free(w);
		return NULL;
	}
	return w;
}

/* Is s an XML Name made of ASCII letters, digits, '-', '_', '.'?  (Enough
 * for ids; anything else gets a generated id.) */
static int
is_simple_xml_name(const char *s)
{
	if (s == NULL || !((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
			   *s == '_'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
		      *s == '.'))
			return 0;
	return 1;
}

static int
id_taken(struct tbx_writer *w, const char *id)
{
	for (size_t i = 0; i < w->nids; i++)
		if (strcmp(w->ids[i], id) == 0)
			return 1;
	return 0;
}

static void
remember_id(struct tbx_writer *w, const char *id)
{
	if (w->nids == w->aids) {
		w->aids = w->aids ? 2 * w->aids : 64;
		w->ids = xreallocarray(w->ids, w->aids, sizeof *w->ids);
	}
	w->ids[w->nids++] = xstrdup(id);
}

/* The id of an entry: the file's own when it is a usable, unused XML ID,
 * else "c" and a number.  A linear check is fine only for small files, so
 * file ids are kept only while fewer than 4096 have been written. */
static void
entry_id(struct tbx_writer *w, const struct tmg_concept *c, char *buf,
	 size_t size)
{
	if (is_simple_xml_name(c->id) && w->nids < 4096 &&
	    !id_taken(w, c->id)) {
		snprintf(buf, size, "%s", c->id);
		remember_id(w, buf);
		return;
	}
	do
		snprintf(buf, size, "c%lu", ++w->next_id);
	while (w->nids < 4096 && id_taken(w, buf));
	if (w->nids < 4096)
		remember_id(w, buf);
}

static int
write_field(struct tbx_writer *w, const struct concept_field *f,
	    int with_lang, struct tmg_error *err)
{
	const char *kind = f->kind;

	/* the auxiliary positions hold no termNote: it becomes a descrip */
	if (strcmp(kind, "termNote") == 0 || strcmp(kind, "ref") == 0)
		kind = "descrip";
	if (strcmp(kind, "note") != 0 && strcmp(kind, "xref") != 0 &&
	    strcmp(kind, "admin") != 0 && strcmp(kind, "descrip") != 0)
		kind = "descrip";
	CHECK(xmlTextWriterStartElement(w->xml, BAD_CAST kind));
	if (with_lang && f->lang)
		CHECK(xmlTextWriterWriteAttribute(w->xml, BAD_CAST "xml:lang",
						  BAD_CAST f->lang));
	if (strcmp(kind, "note") != 0)
		CHECK(xmlTextWriterWriteAttribute(
			w->xml, BAD_CAST "type",
			BAD_CAST (f->type ? f->type : "note")));
	if (strcmp(kind, "xref") == 0)
		CHECK(xmlTextWriterWriteAttribute(w->xml, BAD_CAST "target",
						  BAD_CAST f->value));
	CHECK(xmlTextWriterWriteString(w->xml, BAD_CAST f->value));
	CHECK(xmlTextWriterEndElement(w->xml));
	return 0;
}

static int
write_term_note(struct tbx_writer *w, const char *type, const char *value,
		struct tmg_error *err)
{
	CHECK(xmlTextWriterStartElement(w->xml, BAD_CAST "termNote"));
	CHECK(xmlTextWriterWriteAttribute(w->xml, BAD_CAST "type",
					  BAD_CAST type));
	CHECK(xmlTextWriterWriteString(w->xml, BAD_CAST value));
	CHECK(xmlTextWriterEndElement(w->xml));
	return 0;
}

static const char *
status_value(enum term_status status)
{
	switch (status) {
	case TERM_PREFERRED: return "preferredTerm-admn-sts";
	case TERM_ADMITTED: return "admittedTerm-admn-sts";
	case TERM_DEPRECATED: return "deprecatedTerm-admn-sts";
	case TERM_STATUS_NONE: break;
	}
	return NULL;
}

static int
write_term(struct tbx_writer *w, const struct tmg_term *t,
	   struct tmg_error *err)
{
	CHECK(xmlTextWriterStartElement(w->xml, BAD_CAST "tig"));
	CHECK(xmlTextWriterWriteElement(w->xml, BAD_CAST "term",
					BAD_CAST t->text));
	if (t->part_of_speech &&
	    write_term_note(w, "partOfSpeech", t->part_of_speech, err) < 0)
		return -1;
	if (status_value(t->status) &&
	    write_term_note(w, "administrativeStatus",
			    status_value(t->status), err) < 0)
		return -1;
	for (size_t i = 0; i < t->fields.count; i++) {
		const struct concept_field *f = &t->fields.items[i];
		if (strcmp(f->kind, "termNote") == 0 &&
		    write_term_note(w, f->type ? f->type : "note", f->value,
				    err) < 0)
			return -1;
	}
	for (size_t i = 0; i < t->fields.count; i++) {
		const struct concept_field *f = &t->fields.items[i];
		if (strcmp(f->kind, "termNote") != 0 &&
		    write_field(w, f, 0, err) < 0)
			return -1;
	}
	CHECK(xmlTextWriterEndElement(w->xml));
	return 0;
}

static int
concept_has_lang(const struct tmg_concept *c, const char *lang)
{
	for (size_t i = 0; i < c->nterms; i++)
		if (strcmp(c->terms[i].lang, lang) == 0)
			return 1;
	return 0;
}

int
tbx_writer_add_concept(struct tbx_writer *w, const struct tmg_concept *c,
		       struct tmg_error *err)
{
	char id[128];

	if (c->nterms == 0)
		return 0;
	entry_id(w, c, id, sizeof id);
	CHECK(xmlTextWriterStartElement(w->xml, BAD_CAST "termEntry"));
	CHECK(xmlTextWriterWriteAttribute(w->xml, BAD_CAST "id", BAD_CAST id));
	if (c->subject_field) {
		CHECK(xmlTextWriterStartElement(w->xml, BAD_CAST "descrip"));
		CHECK(xmlTextWriterWriteAttribute(w->xml, BAD_CAST "type",
						  BAD_CAST "subjectField"));
		CHECK(xmlTextWriterWriteString(w->xml,
					       BAD_CAST c->subject_field));
		CHECK(xmlTextWriterEndElement(w->xml));
	}
	/* concept fields, and language fields of a language without terms */
	for (size_t i = 0; i < c->fields.count; i++) {
		const struct concept_field *f = &c->fields.items[i];
		if ((f->lang == NULL || !concept_has_lang(c, f->lang)) &&
		    write_field(w, f, 1, err) < 0)
			return -1;
	}
	for (size_t i = 0; i < c->nterms; i++) {
		const char *lang = c->terms[i].lang;
		size_t k;

		for (k = 0; k < i; k++)
			if (strcmp(c->terms[k].lang, lang) == 0)
				break;
		if (k < i)
			continue; /* this language has been written */
		CHECK(xmlTextWriterStartElement(w->xml, BAD_CAST "langSet"));
		CHECK(xmlTextWriterWriteAttribute(w->xml, BAD_CAST "xml:lang",
						  BAD_CAST lang));
		for (size_t f = 0; f < c->fields.count; f++)
			if (c->fields.items[f].lang &&
			    strcmp(c->fields.items[f].lang, lang) == 0 &&
			    write_field(w, &c->fields.items[f], 0, err) < 0)
				return -1;
		for (k = i; k < c->nterms; k++)
			if (strcmp(c->terms[k].lang, lang) == 0 &&
			    write_term(w, &c->terms[k], err) < 0)
				return -1;
		CHECK(xmlTextWriterEndElement(w->xml));
	}
	CHECK(xmlTextWriterEndElement(w->xml));
	return 0;
}

int
tbx_writer_close(struct tbx_writer *w, struct tmg_error *err)
{
	int ret = 0;

	if (xmlTextWriterEndDocument(w->xml) < 0 ||
	    xmlTextWriterFlush(w->xml) < 0)
		ret = write_failed(w, err);
	xmlFreeTextWriter(w->xml);
	for (size_t i = 0; i < w->nids; i++)
		free(w->ids[i]);
	free(w->ids);
	free(w->path);
	free(w);
	return ret;
}
