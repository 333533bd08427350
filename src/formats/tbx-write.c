/*
 * tbx-write.c -- a TBX-Basic writer.
 *
 * TBX-Basic in TBX v2 form (<martif type="TBX-Basic">), valid against
 * TBXcoreStructV02.dtd: within an entry the concept's fields, then one
 * langSet per language (its fields, then one tig per term: term,
 * termNotes -- partOfSpeech, administrativeStatus, others -- then the
 * term's other fields), which is the order the DTD requires.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "formats/xml-output.h"

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
	return xml_output_failed(w->path, _("cannot write the TBX file"), err);
}

#define CHECK(call) do { if ((call) < 0) return write_failed(w, err); } while (0)

struct tbx_writer *
tbx_writer_open(const char *path, const char *lang, struct tmg_error *err)
{
	struct tbx_writer *w = xcalloc(1, sizeof *w);

	w->xml = xml_output_open(path, err);
	if (w->xml == NULL) {
		free(w);
		return NULL;
	}
	w->path = xstrdup(path);
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
	ALLOC_GROW(w->ids, w->nids + 1, w->aids);
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

	if (xml_output_close(w->xml) < 0)
		ret = write_failed(w, err);
	for (size_t i = 0; i < w->nids; i++)
		free(w->ids[i]);
	free(w->ids);
	free(w->path);
	free(w);
	return ret;
}
