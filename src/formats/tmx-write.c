/*
 * tmx-write.c -- a streaming TMX 1.4b writer.
 *
 * Units are written one at a time through libxml2's xmlTextWriter, so memory
 * use does not depend on how many units are exported.  The output is UTF-8
 * and valid against the TMX 1.4b DTD:
 *   - the header carries every required attribute;
 *   - attributes that TMX 1.4b does not declare on an element (a file from
 *     another tool may have them) are left out and counted, never written;
 *   - inline markup stored by the reader is parsed again and written element
 *     by element, keeping the TMX 1.4b inline elements and attributes;
 *     an element TMX 1.4b does not know (translate5's <x id="1"/>, XLIFF's
 *     <g>) is kept as native code: its tags, as they were read, each in a
 *     <ph> of their own (as text when already inside native code), and its
 *     content written as before.
 * Dates are written as YYYYMMDDThhmmssZ; the memory stores them so.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlwriter.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "formats/xml-output.h"
#include "text/text.h"

struct tmx_writer {
	xmlTextWriterPtr xml;
	char *path;
	char srclang[TMG_LANG_MAX];
	unsigned long dropped_attributes;
};

/* Attributes TMX 1.4b declares on <tu> and <tuv> besides the ones the unit
 * struct holds as fields. */
static const char *const tu_attributes[] = {
	"o-encoding", "datatype", "creationtool", "creationtoolversion",
	"segtype", "o-tmf", NULL
};
static const char *const tuv_attributes[] = {
	"o-encoding", "datatype", "usagecount", "lastusagedate",
	"creationtool", "creationtoolversion", "creationdate", "creationid",
	"changedate", "segtype", "changeid", "o-tmf", NULL
};

static int
in_list(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

static int
failed(struct tmx_writer *w, struct tmg_error *err)
{
	return xml_output_failed(w->path, _("cannot write the TMX file"), err);
}

#define CHECK(call) do { if ((call) < 0) return failed(w, err); } while (0)

static int
write_attribute(struct tmx_writer *w, const char *name, const char *value,
		struct tmg_error *err)
{
	if (value == NULL)
		return 0;
	CHECK(xmlTextWriterWriteAttribute(w->xml, BAD_CAST name,
					  BAD_CAST value));
	return 0;
}

struct tmx_writer *
tmx_writer_open(const char *path, const char *srclang,
		const struct tmg_annotations *notes, struct tmg_error *err)
{
	struct tmx_writer *w = xcalloc(1, sizeof *w);
	char now[UNIT_DATE_SIZE];

	w->xml = xml_output_open(path, err);
	if (w->xml == NULL) {
		free(w);
		return NULL;
	}
	w->path = xstrdup(path);
	snprintf(w->srclang, sizeof w->srclang, "%s",
		 srclang && *srclang ? srclang : "*all*");
	unit_date_now(now);
	xmlTextWriterSetIndent(w->xml, 0);
	if (xmlTextWriterStartDocument(w->xml, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterWriteDTD(w->xml, BAD_CAST "tmx", NULL,
				  BAD_CAST "tmx14.dtd", NULL) < 0 ||
	    xmlTextWriterWriteString(w->xml, BAD_CAST "\n") < 0 ||
	    xmlTextWriterStartElement(w->xml, BAD_CAST "tmx") < 0 ||
	    xmlTextWriterWriteAttribute(w->xml, BAD_CAST "version",
					BAD_CAST "1.4") < 0 ||
	    xmlTextWriterWriteString(w->xml, BAD_CAST "\n") < 0 ||
	    xmlTextWriterStartElement(w->xml, BAD_CAST "header") < 0)
		goto fail;
	if (write_attribute(w, "creationtool", PACKAGE_NAME, err) < 0 ||
	    write_attribute(w, "creationtoolversion", PACKAGE_VERSION, err) < 0 ||
	    write_attribute(w, "segtype", "sentence", err) < 0 ||
	    write_attribute(w, "o-tmf", PACKAGE_NAME, err) < 0 ||
	    write_attribute(w, "adminlang", "en", err) < 0 ||
	    write_attribute(w, "srclang", w->srclang, err) < 0 ||
	    write_attribute(w, "datatype", "plaintext", err) < 0 ||
	    write_attribute(w, "creationdate", now, err) < 0)
		goto fail;
	for (size_t i = 0; notes && i < notes->count; i++) {
		const struct tmg_annotation *a = &notes->items[i];
		if (xmlTextWriterStartElement(w->xml, BAD_CAST
					      (a->is_note ? "note" : "prop")) < 0)
			goto fail;
		if (!a->is_note &&
		    write_attribute(w, "type", a->type ? a->type : "x-unknown",
				    err) < 0)
			goto fail;
		if (write_attribute(w, "xml:lang", a->lang, err) < 0 ||
		    write_attribute(w, "o-encoding", a->encoding, err) < 0 ||
		    xmlTextWriterWriteString(w->xml, BAD_CAST a->value) < 0 ||
		    xmlTextWriterEndElement(w->xml) < 0)
			goto fail;
	}
	if (xmlTextWriterEndElement(w->xml) < 0 ||
	    xmlTextWriterWriteString(w->xml, BAD_CAST "\n") < 0 ||
	    xmlTextWriterStartElement(w->xml, BAD_CAST "body") < 0 ||
	    xmlTextWriterWriteString(w->xml, BAD_CAST "\n") < 0)
		goto fail;
	return w;
fail:
	failed(w, err);
	xmlFreeTextWriter(w->xml);
	free(w->path);
	free(w);
	return NULL;
}

static int
write_annotations(struct tmx_writer *w, const struct tmg_annotations *list,
		  struct tmg_error *err)
{
	for (size_t i = 0; i < list->count; i++) {
		const struct tmg_annotation *a = &list->items[i];

		CHECK(xmlTextWriterStartElement(w->xml, BAD_CAST
						(a->is_note ? "note" : "prop")));
		if (!a->is_note &&
		    write_attribute(w, "type", a->type ? a->type : "x-unknown",
				    err) < 0)
			return -1;
		if (write_attribute(w, "xml:lang", a->lang, err) < 0 ||
		    write_attribute(w, "o-encoding", a->encoding, err) < 0)
			return -1;
		CHECK(xmlTextWriterWriteString(w->xml, BAD_CAST a->value));
		CHECK(xmlTextWriterEndElement(w->xml));
	}
	return 0;
}

/* A tag of an element TMX 1.4b does not know, as it was read: native code,
 * in a <ph> of its own, or as the text of the native code it is in. */
static int
write_unknown_tag(struct tmx_writer *w, const struct inline_piece *piece,
		  int in_code)
{
	char *raw = xstrndup(piece->raw, piece->raw_len);
	int ok = 1;

	if (!in_code)
		ok = xmlTextWriterStartElement(w->xml, BAD_CAST "ph") >= 0;
	ok = ok && xmlTextWriterWriteString(w->xml, BAD_CAST raw) >= 0;
	if (!in_code)
		ok = ok && xmlTextWriterEndElement(w->xml) >= 0;
	free(raw);
	return ok ? 0 : -1;
}

/* Write a start tag or empty element of the markup: the inline elements
 * of TMX 1.4b with their declared attributes (a required one added when
 * missing); the attributes TMX 1.4b does not declare are left out and
 * counted. */
static int
write_start_tag(struct tmx_writer *w, const struct inline_element *e,
		const struct inline_piece *piece)
{
	int have_required = 0;

	if (xmlTextWriterStartElement(w->xml, BAD_CAST piece->name) < 0)
		return -1;
	for (size_t i = 0; e->required && i < piece->nattrs; i++)
		have_required |= strcmp(piece->attrs[i].name, e->required) == 0;
	if (e->required && !have_required &&
	    xmlTextWriterWriteAttribute(w->xml, BAD_CAST e->required,
					BAD_CAST e->default_value) < 0)
		return -1;
	for (size_t i = 0; i < piece->nattrs; i++) {
		if (!in_list(e->attributes, piece->attrs[i].name)) {
			w->dropped_attributes++;
			continue;
		}
		if (xmlTextWriterWriteAttribute(w->xml,
						BAD_CAST piece->attrs[i].name,
						BAD_CAST piece->attrs[i].value) < 0)
			return -1;
	}
	if (piece->kind == INLINE_EMPTY &&
	    xmlTextWriterEndElement(w->xml) < 0)
		return -1;
	return 0;
}

/*
 * Write stored markup (the content of a <seg>) element by element.  The
 * markup was produced by the reader, so it is well formed; if it somehow is
 * not, the plain text is written instead and the unit is not lost.
 */
static int
write_markup(struct tmx_writer *w, const struct tmg_variant *v,
	     struct tmg_error *err)
{
	struct inline_walker walker;
	struct inline_piece piece;
	int ok = 1, code_depth = 0;

	if (inline_markup_check(v->markup) < 0) {
		CHECK(xmlTextWriterWriteString(w->xml, BAD_CAST v->text));
		return 0;
	}
	inline_walker_init(&walker, v->markup);
	while (ok && inline_walker_next(&walker, &piece) == 1) {
		const struct inline_element *e =
			inline_element_find(piece.name, piece.name_len);

		switch (piece.kind) {
		case INLINE_START:
		case INLINE_EMPTY:
			if (e == NULL) {
				ok = write_unknown_tag(w, &piece,
						       code_depth > 0) >= 0;
				break;
			}
			ok = write_start_tag(w, e, &piece) >= 0;
			if (piece.kind == INLINE_START)
				code_depth += code_depth > 0 || e->is_code;
			break;
		case INLINE_END:
			if (e == NULL) {
				ok = write_unknown_tag(w, &piece,
						       code_depth > 0) >= 0;
				break;
			}
			ok = xmlTextWriterFullEndElement(w->xml) >= 0;
			if (code_depth > 0)
				code_depth--;
			break;
		case INLINE_TEXT:
			ok = xmlTextWriterWriteString(w->xml,
						      BAD_CAST piece.text) >= 0;
			break;
		}
	}
	inline_walker_release(&walker);
	return ok ? 0 : failed(w, err);
}

static int
write_kept_attributes(struct tmx_writer *w, const struct tmg_attrs *attrs,
		      const char *const *allowed, struct tmg_error *err)
{
	for (size_t i = 0; i < attrs->count; i++) {
		if (!in_list(allowed, attrs->items[i].name)) {
			w->dropped_attributes++;
			continue;
		}
		if (write_attribute(w, attrs->items[i].name,
				    attrs->items[i].value, err) < 0)
			return -1;
	}
	return 0;
}

static int
write_variant(struct tmx_writer *w, const struct tmg_variant *v,
	      struct tmg_error *err)
{
	CHECK(xmlTextWriterStartElement(w->xml, BAD_CAST "tuv"));
	if (write_attribute(w, "xml:lang", v->lang, err) < 0 ||
	    write_kept_attributes(w, &v->attrs, tuv_attributes, err) < 0 ||
	    write_annotations(w, &v->notes, err) < 0)
		return -1;
	CHECK(xmlTextWriterStartElement(w->xml, BAD_CAST "seg"));
	if (v->markup) {
		if (write_markup(w, v, err) < 0)
			return -1;
	} else {
		CHECK(xmlTextWriterWriteString(w->xml, BAD_CAST v->text));
	}
	CHECK(xmlTextWriterFullEndElement(w->xml)); /* seg */
	CHECK(xmlTextWriterEndElement(w->xml));     /* tuv */
	return 0;
}

int
tmx_writer_add_unit(struct tmx_writer *w, const struct tmg_unit *unit,
		    struct tmg_error *err)
{
	const struct tmg_variant *source = unit_source_variant(unit);
	char count[32];

	CHECK(xmlTextWriterStartElement(w->xml, BAD_CAST "tu"));
	if (write_attribute(w, "tuid", unit->tuid, err) < 0)
		return -1;
	if (unit->srclang[0] && strcmp(unit->srclang, w->srclang) != 0 &&
	    write_attribute(w, "srclang", unit->srclang, err) < 0)
		return -1;
	if (write_attribute(w, "creationdate", unit->creation_date, err) < 0 ||
	    write_attribute(w, "creationid", unit->creation_id, err) < 0 ||
	    write_attribute(w, "changedate", unit->change_date, err) < 0 ||
	    write_attribute(w, "changeid", unit->change_id, err) < 0 ||
	    write_attribute(w, "lastusagedate", unit->last_usage_date, err) < 0)
		return -1;
	if (unit->usage_count >= 0) {
		snprintf(count, sizeof count, "%ld", unit->usage_count);
		if (write_attribute(w, "usagecount", count, err) < 0)
			return -1;
	}
	if (write_kept_attributes(w, &unit->attrs, tu_attributes, err) < 0 ||
	    write_annotations(w, &unit->notes, err) < 0)
		return -1;
	/* the source first: some readers take the first <tuv> as the source */
	if (source && write_variant(w, source, err) < 0)
		return -1;
	for (size_t i = 0; i < unit->nvariants; i++)
		if (&unit->variants[i] != source &&
		    write_variant(w, &unit->variants[i], err) < 0)
			return -1;
	CHECK(xmlTextWriterEndElement(w->xml));
	CHECK(xmlTextWriterWriteString(w->xml, BAD_CAST "\n"));
	return 0;
}

int
tmx_writer_close(struct tmx_writer *w, struct tmg_error *err)
{
	int ret = 0;
	int ended = xmlTextWriterEndElement(w->xml) >= 0 &&      /* body */
		    xmlTextWriterWriteString(w->xml, BAD_CAST "\n") >= 0 &&
		    xmlTextWriterEndElement(w->xml) >= 0 &&      /* tmx */
		    xmlTextWriterWriteString(w->xml, BAD_CAST "\n") >= 0;

	if (xml_output_close(w->xml) < 0 || !ended)
		ret = failed(w, err);
	free(w->path);
	free(w);
	return ret;
}

unsigned long
tmx_writer_dropped(const struct tmx_writer *w)
{
	return w->dropped_attributes;
}
