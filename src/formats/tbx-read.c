/*
 * tbx-read.c -- a streaming reader of TBX glossaries.
 *
 * One concept at a time through libxml2's xmlTextReader: memory use
 * depends on the largest entry, never on the file.  It reads
 *   - TBX v2 (ISO 30042:2008, <martif>): termEntry / langSet / tig or
 *     ntig+termGrp, data categories as <descrip type=...>, <termNote>,
 *     <admin>, <note>, <xref>;
 *   - TBX v3 (ISO 30042:2019, <tbx>, namespace urn:iso:std:iso:30042:ed-2):
 *     conceptEntry / langSec / termSec, in DCA style (as above) or DCT style
 *     where a data category is an element of its own namespace
 *     (<min:partOfSpeech>, <basic:definition>): its local name is the type.
 *     A <tbx> root in another namespace (a later edition, a tool's own) is
 *     read the same way, its namespace standing for the core's;
 *   - pre-ISO TBX-Min 1.0 (<TBX dialect="TBX-Min">): entry or conceptEntry
 *     / langGroup / termGroup, every data category an element of its own
 *     (<partOfSpeech>, <termStatus>, <customer>, <note>).
 * Grouping elements (descripGrp, adminGrp, termNoteGrp, termGrp) are read
 * through; their members become fields of the enclosing level.
 * Transactions (transacGrp: who changed what when), <ref> (an IDREF into
 * the same file), the label of an <xref> that has a target, and the back
 * matter are not kept: tbx_reader_not_kept() counts them, for import to
 * say so.
 *
 * What a concept gets: its id, subject field, and fields at concept and
 * language-section level; each term its language, text, status (from
 * administrativeStatus, usageStatus or normativeAuthorization), part of
 * speech and its other fields.  Text content is whitespace-collapsed (the
 * files indent definitions over several lines).
 *
 * What real tools write beside the standard is read: `lang` for xml:lang
 * (translate5), <langSection> for <langSec>, <descrip> without a type (a
 * definition) and <termNote> without a type (a note) as Translate Toolkit
 * and Weblate write them, two <term> elements in one term section (two
 * terms).  An entry whose language tag is unusable (xml:lang="---") is
 * skipped with a warning, the rest of the file read.
 *
 * Refused, with file:line: malformed XML (the whole file); a root other
 * than martif, tbx or TBX.  Refused entry by entry (the error names the
 * entry; with tbx_reader_skip_invalid() the entry is skipped with a
 * warning instead and the next one read): a language section without a
 * language; a term section without a term; <admin> or <xref> without a
 * type.  An empty <term> (SDL exports have them) drops its term section and
 * an entry left without any term is skipped, each with a warning; so is
 * every term found outside an entry.  Elements the reader does not know
 * are read through, so that a term inside one is never lost unseen.
 * Dialect rules (TBX-Min/Basic Schematron picklists) are not checked:
 * values are kept as they are.
 *
 * Safety: no network, no DTD loading (the DOCTYPE of TBX v2 files is never
 * fetched), external entities refused by an entity loader that loads
 * nothing; the bytes go to libxml2 through xml_input (xml-input.h), which
 * refuses elements of absurd size before libxml2 holds them and turns
 * UTF-16 into UTF-8 so that error positions are right.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "formats/xml-input.h"
#include "text/text.h"

#define TBX3_NAMESPACE "urn:iso:std:iso:30042:ed-2"

struct tbx_reader {
	xmlTextReaderPtr xml;
	int fd;              /* the file; libxml2 reads but does not close it */
	char *path;
	glossary_warning_fn warn;
	void *warn_data;
	struct xml_errors xerr; /* the first error of the document */
	struct xml_input input; /* what libxml2 reads: UTF-8, guarded */
	int seen_root, finished;
	int version;         /* 1 (TBX-Min 1.0), 2 or 3 */
	int skip_invalid;    /* skip a faulty entry with a warning */
	int fatal;           /* the XML itself failed: nothing more to read */
	int skip_entry;      /* this entry's fault always skips it */
	char *core_ns;       /* the root's namespace (TBX v3), or NULL */
	struct tbx_not_kept not_kept;
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
	xml_input_init(&r->input, xml_input_fd_source, &r->fd, &r->xerr);
	r->xml = xml_input_reader(&r->input, NULL, NULL, path,
				  XML_PARSE_NONET | XML_PARSE_NOENT |
				  XML_PARSE_NOCDATA | XML_PARSE_NOWARNING |
				  XML_PARSE_BIG_LINES);
	if (r->xml == NULL) {
		close(fd);
		if (r->xerr.failed)
			*err = r->xerr.error;
		else
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
	free(r->core_ns);
	free(r->path);
	free(r);
}

const struct tbx_not_kept *
tbx_reader_not_kept(const struct tbx_reader *r)
{
	return &r->not_kept;
}

void
tbx_reader_skip_invalid(struct tbx_reader *r, int skip)
{
	r->skip_invalid = skip;
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
		r->fatal = 1;
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

/* The data categories of TBX-Min 1.0, each an element of its own. */
static int
is_min1_category(const char *name)
{
	static const char *const names[] = {
		"partOfSpeech", "termStatus", "customer", "subjectField",
		"definition", "description", "crossReference",
		"externalCrossReference", NULL,
	};

	for (size_t i = 0; names[i]; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

static int
in_core_namespace(struct tbx_reader *r)
{
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(r->xml);

	if (r->version == 1)
		return ns == NULL && !is_min1_category(local_name(r));
	return ns == NULL || strcmp((const char *)ns, TBX3_NAMESPACE) == 0 ||
	       (r->core_ns && strcmp((const char *)ns, r->core_ns) == 0);
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
		"register", "termProvenance", "termStatus", NULL,
	};
	static const char *const admins[] = {
		"source", "customer", "customerSubset", "projectSubset", "responsibility",
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
	       strcmp(type, "termStatus") == 0 ||
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
	char *type = dct_type ? xstrdup(dct_type) : xml_attribute(r->xml, "type");
	char *elem_lang = xml_lang_attribute(r->xml);
	char canonical[TMG_LANG_MAX];
	char *value = NULL;
	const char *field_lang = NULL;
	long line = current_line(r);
	int ret = -1;

	if (type == NULL && strcmp(kind, "descrip") == 0) {
		/* Translate Toolkit, Weblate: the concept's explanation */
		type = xstrdup("definition");
	} else if (type == NULL && strcmp(kind, "termNote") == 0) {
		kind = "note";
	} else if (type == NULL && strcmp(kind, "note") != 0) {
		tmg_error_set(err, r->path, line, 0,
			      _("<%s> without a type attribute"), kind);
		goto out;
	}
	if (elem_lang && lang_canonicalize(elem_lang, canonical,
					   sizeof canonical) == 0)
		field_lang = canonical;
	if (strcmp(kind, "xref") == 0) {
		/* the link is the value; its label is only a label */
		value = xml_attribute(r->xml, "target");
		if (value == NULL) {
			value = element_text(r);
		} else {
			char *label = element_text(r);

			if (label[0] && strcmp(label, value) != 0)
				r->not_kept.xref_labels++;
			free(label);
		}
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
	char *tag = xml_lang_attribute(r->xml);
	long line = current_line(r);

	if (tag == NULL) /* translate5 writes lang="de" */
		tag = xml_attribute(r->xml, "lang");
	if (tag == NULL) {
		tmg_error_set(err, r->path, line, 0, _("<%s> without xml:lang"),
			      local_name(r));
		return -1;
	}
	if (lang_canonicalize(tag, st->lang, sizeof st->lang) < 0) {
		tmg_error_set(err, r->path, line, 0,
			      _("'%s' is not a language tag"), tag);
		r->skip_entry = 1;
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
	if (st->term_seen && !st->term_empty) {
		/* a second <term> in the section: a second term, which the
		 * fields that follow describe */
		concept_add_term(st->concept, st->lang, "");
		st->term = st->concept->nterms - 1;
	}
	st->term_empty = 0;
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
	if (strcmp(name, "langSet") == 0 || strcmp(name, "langSec") == 0 ||
	    strcmp(name, "langSection") == 0 ||
	    strcmp(name, "langGroup") == 0) {
		if (start_language(r, st, err) < 0)
			return -1;
		if (empty)
			st->lang[0] = '\0', st->lang_depth = -1;
		return 0;
	}
	if (strcmp(name, "tig") == 0 || strcmp(name, "ntig") == 0 ||
	    strcmp(name, "termSec") == 0 ||
	    (r->version == 1 && strcmp(name, "termGroup") == 0)) {
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
	if (strcmp(name, "transacGrp") == 0 || strcmp(name, "ref") == 0 ||
	    strcmp(name, "termCompList") == 0) {
		*skip = 1; /* not kept */
		if (strcmp(name, "transacGrp") == 0)
			r->not_kept.transactions++;
		else if (strcmp(name, "ref") == 0)
			r->not_kept.references++;
		return 0;
	}
	/* anything else is read through: a term inside is found */
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

	c->id = xml_attribute(r->xml, "id");
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
	char *type = xml_attribute(r->xml, "type");
	char *lang = xml_lang_attribute(r->xml);

	if (strcmp(name, "martif") == 0) {
		r->version = 2;
		snprintf(r->dialect, sizeof r->dialect, "%s v2",
			 type && strcmp(type, "TBX") != 0 ? type : "TBX");
	} else if (strcmp(name, "tbx") == 0) {
		const xmlChar *ns = xmlTextReaderConstNamespaceUri(r->xml);

		r->version = 3;
		snprintf(r->dialect, sizeof r->dialect, "%s v3",
			 type ? type : "TBX");
		if (ns)
			r->core_ns = xstrdup((const char *)ns);
	} else if (strcmp(name, "TBX") == 0) {
		char *dialect = xml_attribute(r->xml, "dialect");

		r->version = 1;
		snprintf(r->dialect, sizeof r->dialect, "%s 1.0",
			 dialect ? dialect : "TBX-Min");
		free(dialect);
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

static void
warn(struct tbx_reader *r, const struct tmg_error *w)
{
	if (r->warn)
		r->warn(r->warn_data, w);
}

/* A <term> outside any entry (in a language section of its own, say):
 * it belongs to no concept, so it is skipped, never silently. */
static void
stray_term(struct tbx_reader *r)
{
	long line = current_line(r);
	char *text = element_text(r);
	struct tmg_error w;

	tmg_error_set(&w, r->path, line, 0,
		      _("term '%s' outside an entry: skipped"), text);
	warn(r, &w);
	free(text);
}

/* After a fault inside an entry: read on to the entry's end tag. */
static int
skip_rest_of_entry(struct tbx_reader *r, int depth, struct tmg_error *err)
{
	int ret;

	if (xmlTextReaderDepth(r->xml) == depth &&
	    xmlTextReaderIsEmptyElement(r->xml))
		return 0;
	while ((ret = advance(r, 0, err)) == 1)
		if (xmlTextReaderDepth(r->xml) == depth &&
		    xmlTextReaderNodeType(r->xml) == XML_READER_TYPE_END_ELEMENT)
			return 0;
	if (ret == 0) {
		r->fatal = 1;
		tmg_error_set(err, r->path, current_line(r), 0, "%s",
			      _("the file ends inside an entry"));
	}
	return -1;
}

/*
 * An entry could not be read (`err` says why): skip it with a warning when
 * that is wanted or when its fault always costs only the entry (0), or
 * name the entry in `err` and say how to import the others (-1).
 */
static int
entry_failed(struct tbx_reader *r, struct tmg_concept *c, int depth,
	     struct tmg_error *err)
{
	const char *id = c->id ? c->id : "";
	struct tmg_error why = *err;

	if (r->fatal)
		return -1;
	if (why.line == 0)
		why.line = c->line;
	if (r->skip_invalid || r->skip_entry) {
		struct tmg_error w = why;

		/* TRANSLATORS: the first %s says what is wrong, the second
		 * is the id of the entry */
		snprintf(w.message, sizeof w.message,
			 _("%s: entry '%s' skipped"), why.message, id);
		r->skip_entry = 0;
		if (skip_rest_of_entry(r, depth, err) < 0)
			return -1;
		warn(r, &w);
		concept_clear(c);
		return 0;
	}
	*err = why;
	/* TRANSLATORS: the first %s says what is wrong, the second is the
	 * id of the entry */
	snprintf(err->message, sizeof err->message,
		 _("%s, in entry '%s' (--skip-invalid imports the other "
		   "entries)"), why.message, id);
	return -1;
}

int
tbx_reader_next(struct tbx_reader *r, struct tmg_concept *c,
		struct tmg_error *err)
{
	int ret, skip = 0, depth;

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
		if (strcmp(name, "back") == 0 &&
		    !xmlTextReaderIsEmptyElement(r->xml))
			r->not_kept.back_matter = 1;
		if (strcmp(name, "martifHeader") == 0 ||
		    strcmp(name, "tbxHeader") == 0 ||
		    strcmp(name, "back") == 0 ||
		    (r->version == 1 && strcmp(name, "header") == 0)) {
			skip = 1;
			continue;
		}
		if (strcmp(name, "term") == 0) {
			stray_term(r);
			skip = 1;
			continue;
		}
		if (strcmp(name, "termEntry") != 0 &&
		    strcmp(name, "conceptEntry") != 0 &&
		    !(r->version == 1 && strcmp(name, "entry") == 0))
			continue;
		depth = xmlTextReaderDepth(r->xml);
		r->skip_entry = 0;
		if (read_entry(r, c, err) < 0) {
			if (entry_failed(r, c, depth, err) < 0)
				return -1;
			continue;
		}
		if (c->nterms == 0) {
			struct tmg_error w;
			tmg_error_set(&w, r->path, c->line, 0,
				      _("entry '%s' has no term: skipped"),
				      c->id ? c->id : "");
			warn(r, &w);
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
