/*
 * xml-input.h -- what every XML reader of the engine (TMX, TBX, SRX) shares:
 * external entities refused as an error of the file, libxml2's errors kept
 * as a struct tmg_error with file, line and column, the line of the node
 * an xmlTextReader stands on, and attributes read as strings of our own.
 * Internal to the engine.
 */
#ifndef TMGLOSS_XML_INPUT_H
#define TMGLOSS_XML_INPUT_H

#include <libxml/xmlreader.h>

#include "base/error.h"

/* The first error of one document being parsed. */
struct xml_errors {
	const char *path;    /* not owned */
	int failed;          /* an error was recorded in `error` */
	int entity_refused;  /* ... the refusal of an external entity */
	int explained;       /* ... in our words, not libxml2's */
	struct tmg_error error;
	/* Where the parser stands, for errors that libxml2 gives without a
	 * line (an external entity refused): the reader or the parser context
	 * that parses the document, when the caller sets one (not owned). */
	xmlTextReaderPtr reader;
	xmlParserCtxtPtr ctxt;
};

void xml_errors_init(struct xml_errors *errors, const char *path);

/* libxml2's structured error handler; `data` is a struct xml_errors. */
void xml_errors_handler(void *data, xmlErrorPtr error);

/*
 * Report the refusal of external entities, and libxml2's errors that reach
 * no parser (I/O, encoding conversion), to `errors` while this thread
 * parses (NULL: to nobody).  The first call installs, for the process, an
 * entity loader that loads nothing: libxml2 never fetches a file or URL.
 */
void xml_errors_watch(struct xml_errors *errors);

/*
 * Elements with absurdly many attributes, found in the bytes before
 * libxml2 sees them (its check for duplicate attributes is quadratic: an
 * element with 200,000 would take minutes).  Feed every byte of an 8-bit
 * or UTF-8 document to xml_attribute_guard_scan(); it returns -1, with the
 * element's line in `line`, once an element has more than
 * XML_MAX_ATTRIBUTES.  Zero-initialise the struct and set line = 1.
 */
#define XML_MAX_ATTRIBUTES 1000
struct xml_attribute_guard {
	int state;
	unsigned char quote;
	unsigned long count;
	long line, tag_line;
};
int xml_attribute_guard_scan(struct xml_attribute_guard *g,
			     const unsigned char *b, size_t n);
/* The error for an element xml_attribute_guard_scan() refused. */
void xml_attribute_guard_error(const struct xml_attribute_guard *g,
			  struct xml_errors *errors);

/* The line of the node `reader` stands on (the parser may be ahead). */
long xml_reader_line(xmlTextReaderPtr reader);

/*
 * Attributes, as strings of our own (to free; NULL when absent): of the
 * element `reader` stands on, its xml:lang, or of an element in a tree.
 */
char *xml_attribute(xmlTextReaderPtr reader, const char *name);
char *xml_lang_attribute(xmlTextReaderPtr reader);
char *xml_node_attribute(const xmlNode *node, const char *name);

#endif
