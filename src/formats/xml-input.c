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

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/encoding.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <zlib.h>

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

/*
 * Does the error stand where the document stops, before its root element
 * was closed?  Then the file was cut short, whatever libxml2 makes of the
 * last bytes (an attribute without its quote, "extra content").  Known
 * through the input, when the document is read through one: it has given
 * its last byte, and the error is on the last line, a few characters from
 * its end (libxml2 places some errors where the broken construct began).
 */
#define CUT_SLACK 40
static int
cut_short(const struct xml_errors *e, const xmlError *error)
{
	xmlParserCtxtPtr ctxt = error->ctxt;
	const struct xml_input *in = e->input;

	if (ctxt && ctxt->instate == XML_PARSER_EPILOG)
		return 0;
	if (in == NULL)
		return ctxt && ctxt->nameNr > 0 && ctxt->input &&
		       ctxt->input->cur && ctxt->input->end &&
		       ctxt->input->cur >= ctxt->input->end;
	if (!in->eof || in->raw_start < in->raw_end)
		return 0;
	if (error->line == in->guard.line)
		return error->int2 + CUT_SLACK >= in->guard.column;
	/* the file ends with a line feed, or the error is on the line
	 * of the construct that the end cuts */
	return error->line > 0 && error->line < in->guard.line &&
	       in->guard.column < CUT_SLACK &&
	       (error->line == in->guard.line - 1 || ctxt == NULL ||
		ctxt->nameNr == 0);
}

/* The bytes libxml2 names in an encoding error ("Bytes: 0xFF 0xE5"),
 * from their first "0x"; NULL when it names none. */
static const char *
named_bytes(const char *msg)
{
	for (const char *p = msg; *p; p++)
		if (strncasecmp(p, "bytes", 5) == 0 && strstr(p, "0x"))
			return strstr(p, "0x");
	return NULL;
}

/* The errors said by a sentence of their own, whatever their details:
 * the sentence and the codes of libxml2 it stands for (up to a 0). */
#define MAX_CODES 40
static const struct {
	const char *text;
	int codes[MAX_CODES];
} sentences[] = {
	{ N_("the XML declaration (<?xml ...?>) at the start of "
	     "the file is malformed"),
	  { XML_ERR_XMLDECL_NOT_STARTED, XML_ERR_XMLDECL_NOT_FINISHED,
	    XML_ERR_VERSION_MISSING, XML_ERR_UNKNOWN_VERSION,
	    XML_ERR_VERSION_MISMATCH, XML_ERR_STRING_NOT_STARTED,
	    XML_ERR_STRING_NOT_CLOSED, XML_ERR_ENCODING_NAME,
	    XML_ERR_MISSING_ENCODING, XML_ERR_STANDALONE_VALUE } },
	{ N_("the DOCTYPE declaration (the DTD inside the file) "
	     "is malformed"),
	  { XML_ERR_PEREF_AT_EOF, XML_ERR_PEREF_IN_PROLOG,
	    XML_ERR_PEREF_IN_EPILOG, XML_ERR_PEREF_IN_INT_SUBSET,
	    XML_ERR_PEREF_NO_NAME, XML_ERR_PEREF_SEMICOL_MISSING,
	    XML_ERR_ENTITY_IS_PARAMETER, XML_ERR_ENTITY_NOT_STARTED,
	    XML_ERR_ENTITY_NOT_FINISHED, XML_ERR_LITERAL_NOT_STARTED,
	    XML_ERR_LITERAL_NOT_FINISHED, XML_ERR_NOTATION_NOT_STARTED,
	    XML_ERR_NOTATION_NOT_FINISHED, XML_ERR_ATTLIST_NOT_STARTED,
	    XML_ERR_ATTLIST_NOT_FINISHED, XML_ERR_MIXED_NOT_STARTED,
	    XML_ERR_MIXED_NOT_FINISHED, XML_ERR_ELEMCONTENT_NOT_STARTED,
	    XML_ERR_ELEMCONTENT_NOT_FINISHED, XML_ERR_CONDSEC_NOT_STARTED,
	    XML_ERR_CONDSEC_NOT_FINISHED, XML_ERR_CONDSEC_INVALID,
	    XML_ERR_CONDSEC_INVALID_KEYWORD, XML_ERR_EXT_SUBSET_NOT_FINISHED,
	    XML_ERR_DOCTYPE_NOT_FINISHED, XML_ERR_SEPARATOR_REQUIRED,
	    XML_ERR_NMTOKEN_REQUIRED, XML_ERR_PCDATA_REQUIRED,
	    XML_ERR_URI_REQUIRED, XML_ERR_PUBID_REQUIRED,
	    XML_ERR_VALUE_REQUIRED, XML_ERR_ENTITY_PE_INTERNAL,
	    XML_ERR_ENTITY_BOUNDARY, XML_ERR_INVALID_URI, XML_ERR_URI_FRAGMENT,
	    XML_ERR_NOTATION_PROCESSING, XML_ERR_EXT_ENTITY_STANDALONE,
	    XML_ERR_NOT_STANDALONE, XML_ERR_NO_DTD } },
	{ N_("an entity in the file expands without end or "
	     "beyond any sensible size (an \"entity bomb\"); "
	     "the file is refused"),
	  { XML_ERR_ENTITY_LOOP } },
	{ N_("not an XML file: it does not begin with an "
	     "element"),
	  { XML_ERR_DOCUMENT_START, XML_ERR_DOCUMENT_EMPTY } },
	{ N_("there is more after the end of the document's "
	     "root element"),
	  { XML_ERR_DOCUMENT_END, XML_ERR_EXTRA_CONTENT } },
	{ N_("a start tag is malformed: its attributes or its "
	     "closing '>' are not written as XML wants "
	     "(name=\"value\", separated by spaces)"),
	  { XML_ERR_GT_REQUIRED, XML_ERR_SPACE_REQUIRED,
	    XML_ERR_EQUAL_REQUIRED } },
	{ N_("an attribute value does not begin with a quote "
	     "(\" or ')"),
	  { XML_ERR_ATTRIBUTE_NOT_STARTED } },
	{ N_("an attribute value has no closing quote, or is "
	     "too long"),
	  { XML_ERR_ATTRIBUTE_NOT_FINISHED } },
	{ N_("an attribute value holds a '<' (write it &lt;)"),
	  { XML_ERR_LT_IN_ATTRIBUTE } },
	{ N_("an entity reference has no closing ';' (a '&' "
	     "of the text is written &amp;)"),
	  { XML_ERR_ENTITYREF_NO_NAME, XML_ERR_ENTITYREF_SEMICOL_MISSING } },
	{ N_("the file uses an entity that refers to another "
	     "file; tmgloss never loads external entities"),
	  { XML_ERR_ENTITY_IS_EXTERNAL, XML_ERR_UNPARSED_ENTITY } },
	{ N_("the text of an entity is not well-formed XML"),
	  { XML_ERR_ENTITY_PROCESSING, XML_ERR_ENTITY_CHAR_ERROR,
	    XML_ERR_NOT_WELL_BALANCED } },
	{ N_("a reference (&...;) stands outside the "
	     "document's root element"),
	  { XML_ERR_CHARREF_AT_EOF, XML_ERR_CHARREF_IN_PROLOG,
	    XML_ERR_CHARREF_IN_EPILOG, XML_ERR_CHARREF_IN_DTD,
	    XML_ERR_ENTITYREF_AT_EOF, XML_ERR_ENTITYREF_IN_PROLOG,
	    XML_ERR_ENTITYREF_IN_EPILOG, XML_ERR_ENTITYREF_IN_DTD } },
	{ N_("a character reference (&#...;) is malformed"),
	  { XML_ERR_INVALID_HEX_CHARREF, XML_ERR_INVALID_DEC_CHARREF,
	    XML_ERR_INVALID_CHARREF } },
	{ N_("a comment (<!--) is never closed by -->"),
	  { XML_ERR_COMMENT_NOT_FINISHED } },
	{ N_("a comment holds \"--\", which XML forbids inside "
	     "comments"),
	  { XML_ERR_HYPHEN_IN_COMMENT } },
	{ N_("a processing instruction (<?) is never closed by "
	     "?>"),
	  { XML_ERR_PI_NOT_STARTED, XML_ERR_PI_NOT_FINISHED } },
	{ N_("a CDATA section (<![CDATA[) is never closed by "
	     "]]>"),
	  { XML_ERR_CDATA_NOT_FINISHED } },
	{ N_("the text holds \"]]>\", which XML forbids "
	     "(write ]]&gt;)"),
	  { XML_ERR_MISPLACED_CDATA_END } },
	{ N_("an XML declaration (<?xml ...?>) stands elsewhere "
	     "than at the very start of the file"),
	  { XML_ERR_RESERVED_XML_NAME } },
	{ N_("a name in the markup is too long"),
	  { XML_ERR_NAME_TOO_LONG } },
	{ N_("a text of the file is too large to be read (more "
	     "than 10,000,000 characters in one piece), or "
	     "memory ran out"),
	  { XML_ERR_NO_MEMORY } },
	{ N_("a namespace declaration (xmlns) or a name with a "
	     "prefix is malformed"),
	  { XML_ERR_NS_DECL_ERROR, XML_NS_ERR_XML_NAMESPACE, XML_NS_ERR_QNAME,
	    XML_NS_ERR_EMPTY, XML_NS_ERR_COLON } },
};

/*
 * Our own words, into buf, for an error of libxml2: every error a reader
 * can meet is said in a translator's words, never in libxml2's English.
 */
static void
explain(const struct xml_errors *e, const xmlError *error, char *buf,
	size_t size)
{
	const char *bytes, *msg = error->message ? error->message : "";
	const char *s1 = error->str1, *s2 = error->str2;
	int code = error->code;
	char named[64];

	if (code != XML_ERR_ENTITY_LOOP && error->domain != XML_FROM_IO &&
	    code != XML_I18N_CONV_FAILED && cut_short(e, error)) {
		snprintf(buf, size, "%s",
			 _("the file ends in the middle of an element: it was "
			   "cut short (truncated)"));
		return;
	}
	for (size_t i = 0; i < sizeof sentences / sizeof *sentences; i++)
		for (const int *c = sentences[i].codes; *c; c++)
			if (*c == code) {
				snprintf(buf, size, "%s", _(sentences[i].text));
				return;
			}
	switch (code) {
	case XML_ERR_TAG_NAME_MISMATCH:
		if (s1 && s2)
			snprintf(buf, size,
				 _("the element <%s> begun on line %d is "
				   "ended by </%s>"), s1, error->int1, s2);
		else if (s1)
			snprintf(buf, size,
				 _("the element <%s> begun on line %d is "
				   "ended by the end tag of another "
				   "element"), s1, error->int1);
		else
			break;
		return;
	case XML_ERR_TAG_NOT_FINISHED:
		if (s1 == NULL)
			break;
		snprintf(buf, size,
			 _("the element <%s> begun on line %d is never "
			   "ended"), s1, error->int1);
		return;
	case XML_ERR_LT_REQUIRED:
	case XML_ERR_LTSLASH_REQUIRED:
		snprintf(buf, size, "%s", _("an end tag is malformed"));
		return;
	case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
		if (s1 == NULL)
			break;
		snprintf(buf, size,
			 _("the attribute %s has no value (write "
			   "name=\"value\")"), s1);
		return;
	case XML_ERR_ATTRIBUTE_REDEFINED:
	case XML_NS_ERR_ATTRIBUTE_REDEFINED:
		if (s1 == NULL)
			break;
		snprintf(buf, size,
			 _("an element has the attribute %s twice"),
			 code == XML_ERR_ATTRIBUTE_REDEFINED && s2 ? s2 : s1);
		return;
	case XML_ERR_NAME_REQUIRED:
		if (strstr(msg, "EntityRef"))
			snprintf(buf, size, "%s",
				 _("a '&' begins no entity reference (write "
				   "it &amp;)"));
		else if (strstr(msg, "StartTag"))
			snprintf(buf, size, "%s",
				 _("a '<' begins no element (write it "
				   "&lt;)"));
		else
			snprintf(buf, size, "%s",
				 _("a name is missing in the markup here"));
		return;
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
		if (s1 == NULL)
			break;
		snprintf(buf, size,
			 _("the entity &%s; is not defined (a '&' of the "
			   "text is written &amp;)"), s1);
		return;
	case XML_ERR_INVALID_CHAR:
		if (strncmp(msg, "xmlParseCharRef", 15) == 0) {
			snprintf(buf, size, e->repair_hint ?
				 _("a character reference writes U+%04X, a "
				   "character XML forbids (import --repair "
				   "drops them)") :
				 _("a character reference writes U+%04X, a "
				   "character XML forbids"),
				 (unsigned)error->int1);
			return;
		}
		if (strstr(msg, "UTF-8"))
			goto encoding;
		if (strstr(msg, "value") || strstr(msg, "0x")) {
			snprintf(buf, size, e->repair_hint ?
				 _("the file holds U+%04X, a character XML "
				   "forbids (import --repair drops control "
				   "characters)") :
				 _("the file holds U+%04X, a character XML "
				   "forbids"), (unsigned)error->int1);
			return;
		}
		snprintf(buf, size, "%s",
			 _("the file holds a character XML forbids here"));
		return;
	case XML_ERR_UNKNOWN_ENCODING:
	case XML_ERR_UNSUPPORTED_ENCODING:
		snprintf(buf, size,
			 _("the file's encoding (%s) is not one tmgloss can "
			   "read: convert the file to UTF-8"),
			 s1 ? s1 : "?");
		return;
	case XML_NS_ERR_UNDEFINED_NAMESPACE:
		if (s1 == NULL)
			break;
		snprintf(buf, size,
			 _("the namespace prefix %s: is used but never "
			   "declared (xmlns:%s=\"...\")"), s1, s1);
		return;
	case XML_I18N_CONV_FAILED:
	case XML_IO_ENCODER:
	case XML_ERR_INVALID_ENCODING:
		goto encoding;
	default:
		break;
	}
	if (error->domain == XML_FROM_IO) {
		snprintf(buf, size, "%s", _("the file cannot be read"));
		return;
	}
	snprintf(buf, size, _("the file is not well-formed XML here (libxml2 "
			      "error %d)"), code);
	return;
encoding:
	bytes = named_bytes(msg);
	if (bytes == NULL) {
		snprintf(buf, size, "%s",
			 _("the file holds bytes that are not valid in its "
			   "encoding"));
		return;
	}
	snprintf(named, sizeof named, "bytes %.*s",
		 (int)strcspn(bytes, "\n"), bytes);
	snprintf(buf, size,
		 _("the file holds bytes that are not valid in its encoding "
		   "(%.*s)"), (int)strlen(named), named);
}

/* The encoding named by the XML declaration at the start of b[0..n), into
 * name[size]; -1 when there is none. */
static int
declared_encoding(const char *b, size_t n, char *name, size_t size)
{
	char decl[256];
	const char *p, *q;

	snprintf(decl, sizeof decl, "%.*s", (int)(n < 255 ? n : 255), b);
	if (strncmp(decl, "<?xml", 5) != 0 || (q = strstr(decl, "?>")) == NULL)
		return -1;
	decl[q - decl] = '\0';
	if ((p = strstr(decl, "encoding")) == NULL)
		return -1;
	for (p += 8; *p && strchr(" \t\r\n=", *p); p++)
		;
	if ((*p != '"' && *p != '\'') || (q = strchr(p + 1, *p)) == NULL ||
	    (size_t)(q - p) > size)
		return -1;
	snprintf(name, size, "%.*s", (int)(q - p - 1), p + 1);
	return 0;
}

/*
 * The line of the first bytes of the file that its declared encoding
 * cannot convert, and their column in *column: libxml2 converts ahead of
 * the parser and says no line, so the file is converted again with iconv,
 * as libxml2 converts it, up to them.  0 when that cannot be told.
 */
static long
encoding_error_line(const struct xml_errors *e, long *column)
{
	char in[4096], out[6 * sizeof in], name[64], *p, *q;
	size_t have, left, room;
	long line = 1, col = 1;
	int got, found = 0;
	iconv_t cd;
	gzFile f;

	if (e->path == NULL || (f = gzopen(e->path, "rb")) == NULL)
		return 0;
	got = gzread(f, in, sizeof in);
	have = got > 0 ? (size_t)got : 0;
	if (declared_encoding(in, have, name, sizeof name) < 0 ||
	    (cd = iconv_open("UTF-8", name)) == (iconv_t)-1) {
		gzclose(f);
		return 0;
	}
	for (;;) {
		p = in, left = have, q = out, room = sizeof out;
		found = iconv(cd, &p, &left, &q, &room) == (size_t)-1 &&
			(errno == EILSEQ || (errno == EINVAL && got <= 0));
		for (const char *c = out; c < q; c++)
			if (*c == '\n')
				line++, col = 1;
			else
				col += (*c & 0xc0) != 0x80;
		memmove(in, p, left);
		have = left;
		if (found || got <= 0)
			break;
		got = gzread(f, in + have, (unsigned)(sizeof in - have));
		have += got > 0 ? (size_t)got : 0;
	}
	gzclose(f);
	iconv_close(cd);
	if (!found)
		return 0;
	*column = col;
	return line;
}

void
xml_errors_handler(void *data, xmlErrorPtr error)
{
	struct xml_errors *e = data;
	char ours[sizeof e->error.message];
	long line = error->line, column = error->int2;
	size_t n;

	if (error->level < XML_ERR_ERROR || e->failed)
		return;
	e->failed = 1;
	e->explained = 1;
	explain(e, error, ours, sizeof ours);
	/* an error of no parser (encoding conversion, which runs ahead of
	 * the parser) is left without a line rather than given a wrong one */
	if (line <= 0 && error->ctxt)
		line = parser_line(e, error->ctxt);
	else if (line <= 0 && (error->code == XML_I18N_CONV_FAILED ||
			       error->code == XML_IO_ENCODER))
		line = encoding_error_line(e, &column);
	tmg_error_set(&e->error, e->path, line, column, "%s", ours);
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
enum { REFUSED_ATTRIBUTES = 1, REFUSED_VALUE, REFUSED_NAME };

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The characters of b[0..n): its bytes but UTF-8 continuation bytes. */
static unsigned long
utf8_chars(const unsigned char *b, size_t n)
{
	unsigned long chars = 0;

	for (size_t i = 0; i < n; i++)
		chars += (b[i] & 0xc0) != 0x80;
	return chars;
}

/* The bytes that end a name in a start tag, or begin or end a value. */
static const unsigned char tag_special[256] = {
	['"'] = 1, ['\''] = 1, ['='] = 1, ['>'] = 1, ['/'] = 1,
	[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1,
};

/* The line feeds of b[0..n). */
static long
line_feeds(const unsigned char *b, size_t n)
{
	const unsigned char *p = b, *end = b + n;
	long lines = 0;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		lines++;
		p++;
	}
	return lines;
}

/* A start tag's attributes are counted by their '=' outside quoted values,
 * its names by the characters between spaces, '=', '/' and '>'; comments
 * and the like are skipped to their '>' (a '<' inside them only counts a
 * little too much, and the limits are far above any real file).  A UTF-8
 * continuation byte adds no character.  Text, comments and attribute
 * values (most of a file) are passed over with memchr() to the byte that
 * ends them, their line feeds counted; the column is counted once, at the
 * end, from the last line feed. */
int
xml_attribute_guard_scan(struct xml_attribute_guard *g,
			 const unsigned char *b, size_t n)
{
	size_t last_lf = n;

	for (size_t i = 0; i < n; i++) {
		unsigned char c, stop;
		int starts;

		stop = g->state == GUARD_TEXT ? '<' : g->state == GUARD_OTHER ?
		       '>' : g->state == GUARD_VALUE ? g->quote : 0;
		if (stop) {
			const unsigned char *p = memchr(b + i, stop, n - i);
			size_t j = p ? (size_t)(p - b) : n;

			g->line += line_feeds(b + i, j - i);
			if (g->state == GUARD_VALUE &&
			    (g->length += utf8_chars(b + i, j - i)) >
			    XML_MAX_ATTRIBUTE_VALUE) {
				g->refused = REFUSED_VALUE;
				return -1;
			}
			if ((i = j) == n)
				break;
		} else if (g->state == GUARD_TAG) {
			/* a name: up to the byte that ends it */
			size_t j = i;

			while (j < n && !tag_special[b[j]])
				g->length += (b[j++] & 0xc0) != 0x80;
			if (g->length > XML_MAX_NAME) {
				g->refused = REFUSED_NAME;
				return -1;
			}
			if ((i = j) == n)
				break;
		}
		c = b[i];
		starts = (c & 0xc0) != 0x80;
		if (c == '\n')
			g->line++;
		switch (g->state) {
		case GUARD_TEXT:
			/* c is '<' */
			g->state = GUARD_LT;
			g->tag_line = g->line;
			break;
		case GUARD_LT:
			g->state = c == '!' || c == '?' || c == '/' ?
				   GUARD_OTHER : GUARD_TAG;
			g->count = 0;
			g->length = 0;
			if (g->state == GUARD_OTHER)
				break;
			/* the first character of the name */
			/* fall through */
		case GUARD_TAG:
			if (c == '"' || c == '\'') {
				g->quote = c;
				g->state = GUARD_VALUE;
				g->length = 0;
			} else if (c == '=' && ++g->count > XML_MAX_ATTRIBUTES) {
				g->refused = REFUSED_ATTRIBUTES;
				return -1;
			} else if (c == '>') {
				g->state = GUARD_TEXT;
			} else if (c == '=' || c == '/' || is_space(c)) {
				g->length = 0;
			} else if ((g->length += starts) > XML_MAX_NAME) {
				g->refused = REFUSED_NAME;
				return -1;
			}
			break;
		case GUARD_VALUE:
			/* c is the closing quote */
			g->state = GUARD_TAG;
			g->length = 0;
			break;
		default:
			/* c is '>' */
			g->state = GUARD_TEXT;
			break;
		}
	}
	/* the column: characters since the last line feed */
	while (last_lf > 0 && b[last_lf - 1] != '\n')
		last_lf--;
	if (last_lf > 0)
		g->column = (long)utf8_chars(b + last_lf, n - last_lf);
	else
		g->column += (long)utf8_chars(b, n);
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
	switch (g->refused) {
	case REFUSED_VALUE:
		tmg_error_set(&errors->error, errors->path, g->tag_line, 0,
			      _("an attribute value is longer than %d "
				"characters: this is not a file of "
				"translations"), XML_MAX_ATTRIBUTE_VALUE);
		break;
	case REFUSED_NAME:
		tmg_error_set(&errors->error, errors->path, g->tag_line, 0,
			      _("the name of an element or attribute is "
				"longer than %d characters: this is not a "
				"file of translations"), XML_MAX_NAME);
		break;
	default:
		tmg_error_set(&errors->error, errors->path, g->tag_line, 0,
			      _("an element has more than %d attributes: this "
				"is not a file of translations"),
			      XML_MAX_ATTRIBUTES);
		break;
	}
}

/* ------------------------------------------------------------ input */

enum { BAD_UNIT = 1, BAD_END };

ssize_t
xml_input_fd_source(void *data, void *buf, size_t len)
{
	int fd = *(int *)data;
	ssize_t got;

	do
		got = read(fd, buf, len);
	while (got < 0 && errno == EINTR);
	return got;
}

void
xml_input_init(struct xml_input *in, xml_source_fn source, void *data,
	       struct xml_errors *errors)
{
	memset(in, 0, sizeof *in);
	in->source = source;
	in->data = data;
	in->errors = errors;
	in->guard.line = 1;
}

/* An error of the input, said once; every later read gives -1. */
static int
input_failed(struct xml_input *in, long line, long column,
	     const char *fmt, ...)
{
	struct xml_errors *e = in->errors;
	char msg[sizeof e->error.message];
	va_list ap;

	in->failed = 1;
	if (e->failed)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	e->failed = 1;
	e->explained = 1;
	tmg_error_set(&e->error, e->path, line, column, "%s", msg);
	return -1;
}

/* More bytes of the source into raw[] (moved to its start); -1 when the
 * source fails. */
static int
fill(struct xml_input *in)
{
	ssize_t got;

	if (in->raw_start > 0) {
		memmove(in->raw, in->raw + in->raw_start,
			in->raw_end - in->raw_start);
		in->raw_end -= in->raw_start;
		in->raw_start = 0;
	}
	if (in->eof || in->raw_end == sizeof in->raw)
		return 0;
	got = in->source(in->data, in->raw + in->raw_end,
			 sizeof in->raw - in->raw_end);
	if (got < 0)
		return input_failed(in, in->guard.line, 0,
				    _("the file cannot be read: %s"),
				    strerror(errno));
	if (got == 0)
		in->eof = 1;
	in->raw_end += (size_t)got;
	return 0;
}

static size_t
raw_left(const struct xml_input *in)
{
	return in->raw_end - in->raw_start;
}

static unsigned
raw_unit(const struct xml_input *in, size_t at)
{
	const unsigned char *p = in->raw + in->raw_start + at;

	return in->utf16 == 1 ? p[0] | (unsigned)p[1] << 8
			      : (unsigned)p[0] << 8 | p[1];
}

static size_t
utf8_encode(unsigned long c, unsigned char *out)
{
	if (c < 0x80) {
		out[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (unsigned char)(0xc0 | c >> 6);
		out[1] = (unsigned char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (unsigned char)(0xe0 | c >> 12);
		out[1] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		out[2] = (unsigned char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (unsigned char)(0xf0 | c >> 18);
	out[1] = (unsigned char)(0x80 | (c >> 12 & 0x3f));
	out[2] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
	out[3] = (unsigned char)(0x80 | (c & 0x3f));
	return 4;
}

/*
 * UTF-16 from raw[] decoded into b[0..len) as UTF-8.  A code unit that
 * cannot be decoded stops the decoding: what comes before it is given
 * first, and in->bad says it at the next read, when the bytes given have
 * been counted into the line and column.
 */
static int
decode_utf16(struct xml_input *in, unsigned char *b, size_t len)
{
	size_t n = 0;

	while (n < len) {
		unsigned long c;
		size_t used = 2;

		if (in->out_start < in->out_end) {
			b[n++] = in->out[in->out_start++];
			continue;
		}
		if (raw_left(in) < 4 && !in->eof) {
			/* give what there is before waiting for the source */
			if (n > 0 && raw_left(in) < 2)
				break;
			if (fill(in) < 0)
				return -1;
			continue;
		}
		if (raw_left(in) < 2) {
			if (raw_left(in) == 1) {
				in->bad = BAD_END;
				in->raw_start++;
			}
			break;
		}
		c = raw_unit(in, 0);
		if (c >= 0xd800 && c <= 0xdbff && raw_left(in) >= 4 &&
		    raw_unit(in, 2) >= 0xdc00 && raw_unit(in, 2) <= 0xdfff) {
			c = 0x10000 + ((c - 0xd800) << 10) +
			    (raw_unit(in, 2) - 0xdc00);
			used = 4;
		} else if (c >= 0xd800 && c <= 0xdfff) {
			in->bad = BAD_UNIT;
			memcpy(in->bad_bytes, in->raw + in->raw_start, 2);
			break;
		}
		in->raw_start += used;
		in->out_start = 0;
		in->out_end = utf8_encode(c, in->out);
	}
	return (int)n;
}

int
xml_input_read(struct xml_input *in, void *buf, int len)
{
	unsigned char *b = buf;
	ssize_t n;

	if (in->failed)
		return -1;
	if (len <= 0)
		return 0;
	if (in->bad == BAD_UNIT) {
		char named[32];

		snprintf(named, sizeof named, "bytes 0x%02X 0x%02X",
			 in->bad_bytes[0], in->bad_bytes[1]);
		return input_failed(in, in->guard.line, in->guard.column + 1,
				    _("the file holds bytes that are not valid "
				      "in its encoding (%.*s)"),
				    (int)strlen(named), named);
	}
	if (in->bad == BAD_END)
		return input_failed(in, in->guard.line, in->guard.column + 1,
				    "%s", _("the file ends in the middle of "
					    "a character: it was cut short "
					    "(truncated)"));
	if (in->utf16) {
		n = decode_utf16(in, b, (size_t)len);
	} else if (raw_left(in) > 0) {
		n = (ssize_t)raw_left(in) < len ? (ssize_t)raw_left(in) : len;
		memcpy(b, in->raw + in->raw_start, (size_t)n);
		in->raw_start += (size_t)n;
	} else if (in->eof) {
		n = 0;
	} else {
		n = in->source(in->data, b, (size_t)len);
		if (n < 0)
			return input_failed(in, in->guard.line, 0,
					    _("the file cannot be read: %s"),
					    strerror(errno));
		if (n == 0)
			in->eof = 1;
	}
	if (n < 0)
		return -1;
	if (xml_attribute_guard_scan(&in->guard, b, (size_t)n) < 0) {
		xml_attribute_guard_error(&in->guard, in->errors);
		in->failed = 1;
		return -1;
	}
	/* a decoding error after the last bytes given: said now */
	if (n == 0 && in->bad)
		return xml_input_read(in, buf, len);
	return (int)n;
}

static int
input_io_read(void *context, char *buf, int len)
{
	return xml_input_read(context, buf, len);
}

static int
input_io_close(void *context)
{
	(void)context;
	return 0;
}

/*
 * Look at the document's first bytes, before a parser reads any: UTF-16
 * (told by its byte order mark or its first '<') is decoded from then on.
 * Returns 1 when it is: the parser is to read UTF-8 and leave the
 * declaration's "UTF-16" alone.
 */
static int
input_start(struct xml_input *in)
{
	const unsigned char *p;

	in->errors->input = in;
	while (raw_left(in) < 4 && !in->eof && !in->failed &&
	       in->raw_end < sizeof in->raw)
		if (fill(in) < 0)
			break;
	p = in->raw + in->raw_start;
	/* UTF-32 (00 00 FE FF, FF FE 00 00, or a '<' of four bytes) is left
	 * to libxml2 */
	if (raw_left(in) >= 4 &&
	    ((p[2] == 0 && p[3] == 0) || (p[0] == 0 && p[1] == 0)))
		;
	else if (raw_left(in) >= 2 && p[0] == 0xff && p[1] == 0xfe)
		in->utf16 = 1, in->raw_start += 2;
	else if (raw_left(in) >= 2 && p[0] == 0xfe && p[1] == 0xff)
		in->utf16 = 2, in->raw_start += 2;
	else if (raw_left(in) >= 2 && p[0] == '<' && p[1] == 0)
		in->utf16 = 1;
	else if (raw_left(in) >= 2 && p[0] == 0 && p[1] == '<')
		in->utf16 = 2;
	return in->utf16 != 0;
}

xmlTextReaderPtr
xml_input_reader(struct xml_input *in, xmlInputReadCallback read,
		 void *context, const char *path, int options)
{
	const char *encoding = NULL;
	xmlTextReaderPtr reader;

	if (input_start(in)) {
		encoding = "UTF-8";
		options |= XML_PARSE_IGNORE_ENC;
	}
	/* libxml2 reads the first bytes now: its errors go to the document */
	xml_errors_watch(in->errors);
	reader = xmlReaderForIO(read ? read : input_io_read, input_io_close,
				read ? context : in, path, encoding, options);
	xml_errors_watch(NULL);
	return reader;
}

void
xml_input_begin(struct xml_input *in, int *options)
{
	if (input_start(in))
		*options |= XML_PARSE_IGNORE_ENC;
}

xmlParserCtxtPtr
xml_input_push_parser(struct xml_input *in, xmlSAXHandlerPtr sax,
		      const char *first, int n, const char *path, int options)
{
	xmlParserCtxtPtr ctxt;

	/* as an xmlTextReader starts its parser: with the first four bytes,
	 * from which libxml2 tells the encoding when none is forced */
	ctxt = xmlCreatePushParserCtxt(sax, NULL, first, n < 4 ? n : 4, path);
	if (ctxt == NULL)
		return NULL;
	if (in->utf16) {
		xmlCharEncodingHandlerPtr utf8 =
			xmlFindCharEncodingHandler("UTF-8");
		if (utf8)
			xmlSwitchToEncoding(ctxt, utf8);
	}
	xmlCtxtUseOptions(ctxt, options);
	in->errors->ctxt = ctxt;
	return ctxt;
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
