/*
 * xml-input.h -- what every XML reader of the engine (TMX, TBX, XLIFF, SRX)
 * shares: external entities refused as an error of the file, libxml2's
 * errors said in our words as a struct tmg_error with file, line and
 * column, the input filtered on its way to libxml2 (UTF-16 decoded,
 * elements of absurd size refused), the line of the node
 * an xmlTextReader stands on, and attributes read as strings of our own.
 * Internal to the engine.
 */
#ifndef TMGLOSS_XML_INPUT_H
#define TMGLOSS_XML_INPUT_H

#include <sys/types.h>

#include <libxml/xmlreader.h>

#include "base/error.h"

struct xml_input;

/* The first error of one document being parsed. */
struct xml_errors {
	const char *path;    /* not owned */
	int failed;          /* an error was recorded in `error` */
	int entity_refused;  /* ... the refusal of an external entity */
	int explained;       /* ... in our words, not libxml2's */
	int repair_hint;     /* the reader can drop control characters
			      * (import --repair): the error says so */
	struct tmg_error error;
	/* Where the parser stands, for errors that libxml2 gives without a
	 * line (an external entity refused): the reader or the parser context
	 * that parses the document, when the caller sets one (not owned). */
	xmlTextReaderPtr reader;
	xmlParserCtxtPtr ctxt;
	/* The input the document is read through, when it is one
	 * (xml_input_reader() sets it): where the file ends. */
	struct xml_input *input;
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
 * Elements too large to be anything but an attack or a broken file, found
 * in the bytes before libxml2 sees them, so that memory stays bounded and
 * the error names the element's line: more than XML_MAX_ATTRIBUTES
 * attributes (libxml2's check for duplicate attributes is quadratic: an
 * element with 200,000 would take minutes), an attribute value of more
 * than XML_MAX_ATTRIBUTE_VALUE characters, a name of an element or
 * attribute of more than XML_MAX_NAME characters.  Feed every byte of an
 * 8-bit or UTF-8 document to xml_attribute_guard_scan(); it returns -1,
 * with the element's line in `tag_line`, once an element crosses a limit.
 * Zero-initialise the struct and set line = 1.
 */
#define XML_MAX_ATTRIBUTES 1000
#define XML_MAX_ATTRIBUTE_VALUE (1024 * 1024)
#define XML_MAX_NAME 1000
struct xml_attribute_guard {
	int state;
	int refused;           /* which limit was crossed */
	unsigned char quote;
	unsigned long count;   /* attributes of the element */
	unsigned long length;  /* characters of the name or value */
	long line, tag_line;
	long column;           /* characters since the last line feed */
};
int xml_attribute_guard_scan(struct xml_attribute_guard *g,
			     const unsigned char *b, size_t n);
/* The error for an element xml_attribute_guard_scan() refused. */
void xml_attribute_guard_error(const struct xml_attribute_guard *g,
			  struct xml_errors *errors);

/*
 * What libxml2 reads of a document: the bytes `source` gives, with UTF-16
 * (little or big endian, told by its byte order mark or its first '<')
 * turned into UTF-8 on the way, so that the parser's lines and columns
 * count characters of the file and a code unit that is not UTF-16 is said
 * with its line and column; and every element checked by the attribute
 * guard, in every encoding.  Where the document ends (line, column) is
 * kept, to tell a file cut short from a malformed one.
 *
 * xml_input_init() before anything; xml_input_reader() makes an
 * xmlTextReader that reads through `read` (a callback of the caller's that
 * calls xml_input_read() and may change the bytes further), or straight
 * from the input when `read` is NULL.  It sets errors->input.
 *
 * A SAX parser is fed by its caller instead: xml_input_begin() before the
 * first xml_input_read() (it adds to *options what the encoding wants),
 * then xml_input_push_parser() with the first n bytes read (n >= 4 unless
 * the document is shorter), the other bytes given to xmlParseChunk().  The
 * parser's context is errors->ctxt, its user data the context itself (as
 * the SAX2 handlers libxml2 gives want it): the caller's own data goes in
 * ctxt->_private.
 */
typedef ssize_t (*xml_source_fn)(void *data, void *buf, size_t len);

struct xml_input {
	xml_source_fn source;
	void *data;
	struct xml_errors *errors;
	struct xml_attribute_guard guard;
	int utf16;              /* 0: bytes as they are; 1 LE, 2 BE */
	int eof;                /* the source said the end */
	int failed;             /* an error was said; reads give -1 */
	unsigned char raw[8192];/* bytes of the source not yet given */
	size_t raw_start, raw_end;
	unsigned char out[4];   /* a character given only in part */
	size_t out_start, out_end;
	int bad;                /* UTF-16 that cannot be decoded, said at
				 * the next read: BAD_UNIT, BAD_END */
	unsigned char bad_bytes[2];
};

/* read(2) on the descriptor *(int *)data, again after EINTR. */
ssize_t xml_input_fd_source(void *data, void *buf, size_t len);

void xml_input_init(struct xml_input *in, xml_source_fn source, void *data,
		    struct xml_errors *errors);
/* Up to len bytes of the document; 0 at its end, -1 on an error (said in
 * the input's errors). */
int xml_input_read(struct xml_input *in, void *buf, int len);
xmlTextReaderPtr xml_input_reader(struct xml_input *in,
				  xmlInputReadCallback read, void *context,
				  const char *path, int options);
void xml_input_begin(struct xml_input *in, int *options);
xmlParserCtxtPtr xml_input_push_parser(struct xml_input *in,
				       xmlSAXHandlerPtr sax, const char *first,
				       int n, const char *path, int options);

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
