/*
 * xml-input.c -- the safety, error reporting and attribute reading every
 * XML reader shares (see xml-input.h).
 *
 * libxml2 calls the entity loader without user data, so the document whose
 * errors a refusal belongs to is found through a thread-local pointer set by
 * xml_errors_watch() around each parsing step; readers in other threads
 * (the TMX read-ahead thread) watch their own.
 */
#include <config.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlerror.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "formats/xml-input.h"

static __thread struct xml_errors *watched;
static pthread_once_t loader_once = PTHREAD_ONCE_INIT;

void
xml_errors_init(struct xml_errors *e, const char *path)
{
	memset(e, 0, sizeof *e);
	e->path = path;
}

static long parser_line(struct xml_errors *e, xmlParserCtxtPtr ctxt);

/* Does the document of `ctxt` stop with elements still open? */
static int
cut_short(xmlParserCtxtPtr ctxt)
{
	return ctxt && ctxt->nameNr > 0 && ctxt->input &&
	       ctxt->input->cur && ctxt->input->end &&
	       ctxt->input->cur >= ctxt->input->end;
}

/*
 * Our own words, into buf, for the errors whose libxml2 text says little
 * to a translator; returns 1, or 0 for the others, whose text is kept.
 */
static int
explain(const xmlError *error, char *buf, size_t size)
{
	const char *bytes, *msg = error->message ? error->message : "";

	switch (error->code) {
	case XML_ERR_ENTITY_LOOP:
		snprintf(buf, size, "%s",
			 _("an entity in the file expands without end or "
			   "beyond any sensible size (an \"entity bomb\"); "
			   "the file is refused"));
		return 1;
	case XML_ERR_DOCUMENT_END:
	case XML_ERR_TAG_NOT_FINISHED:
	case XML_ERR_LTSLASH_REQUIRED:
	case XML_ERR_GT_REQUIRED:
		if (!cut_short(error->ctxt))
			return 0;
		snprintf(buf, size, "%s",
			 _("the file ends in the middle of an element: it was "
			   "cut short (truncated)"));
		return 1;
	case XML_ERR_INVALID_CHAR:
		if (strncmp(msg, "xmlParseCharRef", 15) != 0)
			return 0;
		snprintf(buf, size,
			 _("a character reference writes U+%04X, a character "
			   "XML forbids (import --repair drops them)"),
			 (unsigned)error->int1);
		return 1;
	case XML_I18N_CONV_FAILED:
	case XML_IO_ENCODER:
	case XML_ERR_INVALID_ENCODING:
		bytes = strstr(msg, "bytes ");
		if (bytes == NULL) {
			snprintf(buf, size, "%s",
				 _("the file holds bytes that are not valid "
				   "in its encoding"));
			return 1;
		}
		snprintf(buf, size,
			 _("the file holds bytes that are not valid in its "
			   "encoding (%.*s)"), (int)strcspn(bytes, "\n"),
			 bytes);
		return 1;
	default:
		return 0;
	}
}

void
xml_errors_handler(void *data, xmlErrorPtr error)
{
	struct xml_errors *e = data;
	char ours[sizeof e->error.message];
	long line = error->line;
	size_t n;

	if (error->level < XML_ERR_ERROR || e->failed)
		return;
	e->failed = 1;
	e->explained = explain(error, ours, sizeof ours);
	/* an error of no parser (encoding conversion, which runs ahead of
	 * the parser) is left without a line rather than given a wrong one */
	if (line <= 0 && error->ctxt)
		line = parser_line(e, error->ctxt);
	tmg_error_set(&e->error, e->path, line, error->int2, "%s",
		      e->explained ? ours : error->message ? error->message
						: _("malformed XML"));
	/* libxml2 ends its messages with a newline */
	n = strlen(e->error.message);
	while (n > 0 && (e->error.message[n - 1] == '\n' ||
			 e->error.message[n - 1] == ' '))
		e->error.message[--n] = '\0';
}

/* libxml2's unstructured messages ("xmlParseChunk: encoder error") say
 * again what the structured handler was told: never printed. */
static void
drop_generic_error(void *data, const char *fmt, ...)
{
	(void)data;
	(void)fmt;
}

/* The line the parser of `e` has reached: libxml2 calls the entity loader
 * with a context of the entity's own, which has not read a line yet. */
static long
parser_line(struct xml_errors *e, xmlParserCtxtPtr ctxt)
{
	if (ctxt && ctxt->input && ctxt->input->line > 0)
		return ctxt->input->line;
	if (e->ctxt && e->ctxt->input && e->ctxt->input->line > 0)
		return e->ctxt->input->line;
	if (e->reader)
		return xmlTextReaderGetParserLineNumber(e->reader);
	return 0;
}

/* An external entity would make the text depend on another file: refused,
 * and the refusal is an error of the document being parsed. */
static xmlParserInputPtr
refuse_external_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	struct xml_errors *e = watched;

	(void)id;
	if (e && !e->failed) {
		e->failed = 1;
		e->entity_refused = 1;
		tmg_error_set(&e->error, e->path, parser_line(e, ctxt), 0,
			      _("the file refers to an external entity (%s); "
				"tmgloss never loads external entities"),
			      url ? url : "?");
	}
	return NULL;
}

static void
install_loader(void)
{
	xmlSetExternalEntityLoader(refuse_external_entity);
}

void
xml_errors_watch(struct xml_errors *e)
{
	pthread_once(&loader_once, install_loader);
	watched = e;
	/* libxml2's errors that no parser context catches (I/O, encoding
	 * conversion) go to the same document, not raw to stderr */
	xmlSetStructuredErrorFunc(e, e ? xml_errors_handler : NULL);
	xmlSetGenericErrorFunc(e, e ? drop_generic_error : NULL);
}

enum { GUARD_TEXT, GUARD_LT, GUARD_TAG, GUARD_VALUE, GUARD_OTHER };

/* A start tag's attributes are counted by their '=' outside quoted values;
 * comments and the like are skipped to their '>' (a '<' inside them only
 * counts a little too much, and the limit is far above any real file). */
int
xml_attribute_guard_scan(struct xml_attribute_guard *g,
			 const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = b[i];

		if (c == '\n')
			g->line++;
		switch (g->state) {
		case GUARD_TEXT:
			if (c == '<') {
				g->state = GUARD_LT;
				g->tag_line = g->line;
			}
			break;
		case GUARD_LT:
			g->state = c == '!' || c == '?' || c == '/' ?
				   GUARD_OTHER : GUARD_TAG;
			g->count = 0;
			break;
		case GUARD_TAG:
			if (c == '"' || c == '\'') {
				g->quote = c;
				g->state = GUARD_VALUE;
			} else if (c == '=' && ++g->count > XML_MAX_ATTRIBUTES) {
				return -1;
			} else if (c == '>') {
				g->state = GUARD_TEXT;
			}
			break;
		case GUARD_VALUE:
			if (c == g->quote)
				g->state = GUARD_TAG;
			break;
		default:
			if (c == '>')
				g->state = GUARD_TEXT;
			break;
		}
	}
	return 0;
}

void
xml_attribute_guard_error(const struct xml_attribute_guard *g,
		     struct xml_errors *errors)
{
	if (errors->failed)
		return;
	errors->failed = 1;
	errors->explained = 1;
	tmg_error_set(&errors->error, errors->path, g->tag_line, 0,
		      _("an element has more than %d attributes: this is "
			"not a file of translations"), XML_MAX_ATTRIBUTES);
}

long
xml_reader_line(xmlTextReaderPtr reader)
{
	xmlNodePtr node = xmlTextReaderCurrentNode(reader);
	long line = node ? xmlGetLineNo(node) : -1;

	return line > 0 ? line : xmlTextReaderGetParserLineNumber(reader);
}

/* libxml2's string `v` copied into one of ours, and freed. */
static char *
own_string(xmlChar *v)
{
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

char *
xml_attribute(xmlTextReaderPtr reader, const char *name)
{
	return own_string(xmlTextReaderGetAttribute(reader, BAD_CAST name));
}

char *
xml_lang_attribute(xmlTextReaderPtr reader)
{
	return own_string(xmlTextReaderGetAttributeNs(reader, BAD_CAST "lang",
						      XML_XML_NAMESPACE));
}

char *
xml_node_attribute(const xmlNode *node, const char *name)
{
	return own_string(xmlGetProp(node, BAD_CAST name));
}
