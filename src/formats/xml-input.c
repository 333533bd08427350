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
#include <string.h>

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

void
xml_errors_handler(void *data, xmlErrorPtr error)
{
	struct xml_errors *e = data;
	size_t n;

	if (error->level < XML_ERR_ERROR || e->failed)
		return;
	e->failed = 1;
	tmg_error_set(&e->error, e->path, error->line, error->int2, "%s",
		      error->message ? error->message : _("malformed XML"));
	/* libxml2 ends its messages with a newline */
	n = strlen(e->error.message);
	while (n > 0 && (e->error.message[n - 1] == '\n' ||
			 e->error.message[n - 1] == ' '))
		e->error.message[--n] = '\0';
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
		tmg_error_set(&e->error, e->path,
			      ctxt && ctxt->input ? ctxt->input->line : 0, 0,
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
