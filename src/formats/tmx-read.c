/*
 * tmx-read.c -- a streaming TMX reader (TMX 1.1 to 1.4b).
 *
 * The file is read through libxml2's xmlTextReader, one node at a time, and
 * every complete <tu> is handed to the caller as a struct tmg_unit; memory
 * use depends on the largest unit, never on the size of the file.
 *
 * What it accepts, because real CAT tools write it:
 *   - any encoding libxml2 knows (UTF-8, UTF-16 LE/BE with BOM, declared
 *     legacy encodings), CRLF line ends;
 *   - xml:lang, or TMX 1.1's lang, in any letter case; header and per-unit
 *     srclang, "*all*" included; units with any number of languages;
 *   - inline elements (bpt ept ph it hi ut sub) kept verbatim as markup, with
 *     the plain text of the segment beside them;
 *   - prop and note at header, unit and variant level; dates in TMX form or
 *     the dashed ISO form.
 *
 * Safety: no network, no DTD loading, external entities refused by an entity
 * loader that loads nothing; entity expansion stays under libxml2's default
 * limits (XML_PARSE_HUGE is never set).  The bytes reach libxml2 through
 * xml_input (xml-input.h): elements of absurd size are refused before
 * libxml2 holds them, UTF-16 is turned into UTF-8 (error positions right,
 * --repair the same in every encoding).
 *
 * Read-ahead: the parsing runs in a thread of its own, a few hundred units
 * ahead of the caller, so that parsing and the caller's work on the units
 * (the SQLite inserts of an import) use two cores.  The caller sees the same
 * units, warnings and errors in the same order as without it: warnings and
 * the final error or end travel through the same bounded queue as the units
 * and the warning callback is called in the caller's thread.  Memory stays
 * bounded by the queue's length.  TMGLOSS_READ_AHEAD=0 in the environment,
 * or a thread that cannot be started, reads in the caller's thread.
 *
 * A gzip-compressed file (.tmx.gz) is read through zlib, which reads any
 * other file as it is; the progress counts the bytes of the file itself.
 *
 * Errors carry file:line:column.  A unit with no language, no segment or an
 * unreadable language tag is an error, or a warning when skip_invalid is set.
 * A unit with a single variant is valid TMX (the DTD says tuv+) and is kept:
 * it is the user's data, exported back, though it cannot serve as a
 * translation.  A unit whose segments are all empty holds nothing and is
 * skipped with a warning.  Malformed XML is always an error.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <zlib.h>

#include "base/bulkmem.h"
#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "formats/xml-input.h"
#include "text/text.h"

enum byte_order { ORDER_BYTES, ORDER_UTF16LE, ORDER_UTF16BE };

struct tmx_reader {
	xmlTextReaderPtr xml;
	char *path;
	gzFile in;             /* a plain file too (zlib's transparent mode) */
	uint64_t size;
	_Atomic uint64_t consumed; /* written by the parsing thread */
	struct tmx_read_options options;
	tmx_warning_fn warn;
	void *warn_data;

	struct tmx_header header;
	int seen_root, in_body, finished;

	/* the first error of the document: libxml2's, or a refused entity */
	struct xml_errors xerr;

	/* repair filter state */
	enum byte_order order;
	int order_known;
	unsigned char carry[16];   /* bytes held back for the next read */
	size_t ncarry;
	unsigned long repairs;
	struct xml_input input;  /* the file as libxml2 reads it (guarded) */

	struct strbuf markup, text, lang;

	/* Canonical forms of the last language tags seen: a file uses a
	 * handful of tags, and ICU's canonicalisation is costly. */
	struct lang_cache_entry {
		char raw[TMG_LANG_MAX];
		char canonical[TMG_LANG_MAX];
		int valid;
	} lang_cache[8];
	unsigned lang_cache_next;

	/* read-ahead (see the top of the file) */
	struct read_ahead *ahead;
	int ahead_finished;        /* the caller has had the end or error */

	/* the error tmx_reader_next() gave, given again by later calls */
	int failed;
	struct tmg_error failure;
};

/* What the parsing thread hands to the caller, in file order. */
enum queued_kind { QUEUED_UNIT, QUEUED_WARNING, QUEUED_END, QUEUED_ERROR };

struct queued {
	enum queued_kind kind;
	struct tmg_unit unit;     /* QUEUED_UNIT: owned by the queue */
	struct tmg_error *error;  /* QUEUED_WARNING, QUEUED_ERROR (owned) */
};

#define READ_AHEAD_UNITS 256
#define READ_AHEAD_BATCH 32  /* items that cross the lock together */
/* A parsing thread that waits for room is woken when the queue is down to
 * this many items, a caller that waits for items when it holds this many
 * (or the end, an error or a warning): the woken thread then has several
 * batches to do before it waits again, not one batch per wake-up (each
 * costs both threads a system call and the waiting one a trip through the
 * scheduler). */
#define READ_AHEAD_WAKE (READ_AHEAD_UNITS / 2)

static void read_ahead_start(struct tmx_reader *r);
static void read_ahead_stop(struct tmx_reader *r);

/*
 * The queue between the two threads.  Items cross it in batches: each
 * side takes the lock once for up to READ_AHEAD_BATCH items, not once per
 * unit (with short units the lock and the waking of the other thread cost
 * more than a unit's parsing).
 */
struct read_ahead {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	struct queued items[READ_AHEAD_UNITS];
	size_t head, count;       /* a ring: items[head] is the oldest */
	int consumer_waits, producer_waits;
	int stop;                 /* the caller closes the reader */
	/* Units the caller is done with, freed by the parsing thread: memory
	 * goes back to the allocator arena it came from, without contention. */
	struct tmg_unit used[READ_AHEAD_UNITS];
	size_t nused;
	/* the parsing thread's own: items read and not yet queued, and the
	 * used units it took back to free */
	struct queued out[READ_AHEAD_BATCH];
	size_t nout;
	struct tmg_unit freeing[READ_AHEAD_UNITS];
	/* the caller's own: items taken from the queue (in[next_in] is the
	 * next one it is given), and the units it is done with */
	struct queued in[READ_AHEAD_BATCH];
	size_t nin, next_in;
	struct tmg_unit done[READ_AHEAD_BATCH];
	size_t ndone;
};

/* ------------------------------------------------------------ input */

static int
is_illegal_control(unsigned c)
{
	return c < 0x20 && c != 0x09 && c != 0x0a && c != 0x0d;
}

static void
sniff_byte_order(struct tmx_reader *r, const unsigned char *b, size_t n)
{
	r->order_known = 1;
	r->order = ORDER_BYTES;
	if (n < 2)
		return;
	if ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == '<' && b[1] == 0))
		r->order = ORDER_UTF16LE;
	else if ((b[0] == 0xfe && b[1] == 0xff) || (b[0] == 0 && b[1] == '<'))
		r->order = ORDER_UTF16BE;
}

/*
 * The length of the character reference at b[0..n) ("&#11;", "&#x1F;")
 * when it writes an XML-illegal control character; 0 when it is no such
 * reference, -1 when b ends before the reference does.
 */
static int
illegal_reference(const unsigned char *b, size_t n)
{
	size_t i = 2;
	int hex;
	unsigned long c = 0;

	if (n < 2)
		return -1;
	if (b[1] != '#')
		return 0;
	hex = i < n && (b[i] == 'x' || b[i] == 'X');
	i += hex;
	for (; i < n && i < 12; i++) {
		int d = b[i] >= '0' && b[i] <= '9' ? b[i] - '0' :
			hex && b[i] >= 'a' && b[i] <= 'f' ? b[i] - 'a' + 10 :
			hex && b[i] >= 'A' && b[i] <= 'F' ? b[i] - 'A' + 10 : -1;
		if (d < 0)
			break;
		c = c * (hex ? 16 : 10) + (unsigned long)d;
	}
	if (i == n)
		return i < 12 ? -1 : 0;
	if (b[i] != ';' || i == 2 + (size_t)hex)
		return 0;
	return is_illegal_control((unsigned)c) ? (int)i + 1 : 0;
}

/*
 * Drop XML-illegal control characters from buf, in place, and (in an
 * 8-bit encoding) the character references that write them; returns the
 * new n.  A reference cut by the end of the buffer waits in r->carry for
 * the next read, unless `last`.
 */
static size_t
repair_buffer(struct tmx_reader *r, unsigned char *buf, size_t n, int last)
{
	size_t in = 0, out = 0;

	if (r->order == ORDER_BYTES) {
		for (in = 0; in < n; in++) {
			int ref = buf[in] == '&' ? illegal_reference(
					buf + in, n - in) : 0;

			if (ref < 0 && !last) {
				memcpy(r->carry, buf + in, n - in);
				r->ncarry = n - in;
				break;
			}
			if (ref > 0) {
				r->repairs++;
				in += (size_t)ref - 1;
			} else if (is_illegal_control(buf[in])) {
				r->repairs++;
			} else {
				buf[out++] = buf[in];
			}
		}
		return out;
	}
	/* UTF-16: look at whole code units; an odd byte waits for the next
	 * read in r->carry. */
	for (in = 0; in + 1 < n; in += 2) {
		unsigned unit = r->order == ORDER_UTF16LE
			? buf[in] | (unsigned)buf[in + 1] << 8
			: (unsigned)buf[in] << 8 | buf[in + 1];
		if (is_illegal_control(unit)) {
			r->repairs++;
			continue;
		}
		buf[out++] = buf[in];
		buf[out++] = buf[in + 1];
	}
	if (in < n) {
		r->carry[0] = buf[in];
		r->ncarry = 1;
	}
	return out;
}

static int
read_input(void *context, char *buffer, int len)
{
	struct tmx_reader *r = context;
	unsigned char *b = (unsigned char *)buffer;
	size_t have = 0;
	ssize_t got;

	if (len <= 1)
		return 0;
	if (r->ncarry >= (size_t)len) {
		/* libxml2 reads in large blocks after its first few bytes:
		 * not reached in practice, and the bytes are given as they are */
		memcpy(b, r->carry, (size_t)len);
		r->ncarry -= (size_t)len;
		memmove(r->carry, r->carry + len, r->ncarry);
		return len;
	}
	for (;;) {
		have = r->ncarry;
		memcpy(b, r->carry, r->ncarry);
		r->ncarry = 0;
		got = xml_input_read(&r->input, b + have,
				     len - (int)have);
		if (got < 0)
			return -1;
		have += (size_t)got;
		if (!r->order_known)
			sniff_byte_order(r, b, have);
		if (!r->options.repair)
			return (int)have;
		if (got == 0 && r->order != ORDER_BYTES) {
			/* a dangling odd byte at the end is the parser's problem */
			return (int)have;
		}
		have = repair_buffer(r, b, have, got == 0);
		if (got == 0)
			return (int)have;
		if (have > 0)
			return (int)have;
		/* everything was dropped: read on rather than signal the end */
	}
}

/* The file's bytes, through zlib; the progress counts them: in a file
 * that is not compressed, the bytes given (gzoffset() asks the system
 * for the file's offset at every read). */
static ssize_t
gz_source(void *data, void *buf, size_t len)
{
	struct tmx_reader *r = data;
	int got = gzread(r->in, buf, (unsigned)len);
	uint64_t done;

	if (got < 0)
		return got;
	done = gzdirect(r->in)
		? atomic_load_explicit(&r->consumed, memory_order_relaxed) +
		  (uint64_t)got
		: (uint64_t)gzoffset(r->in);
	atomic_store_explicit(&r->consumed, done, memory_order_relaxed);
	return got;
}

struct tmx_reader *
tmx_reader_open(const char *path, const struct tmx_read_options *options,
		tmx_warning_fn warn, void *warn_data, struct tmg_error *err)
{
	struct tmx_reader *r;
	struct stat st;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		tmg_error_set(err, path, 0, 0, "%s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		tmg_error_set(err, path, 0, 0, "%s", strerror(EISDIR));
		close(fd);
		return NULL;
	}
	r = xcalloc(1, sizeof *r);
	r->path = xstrdup(path);
	r->size = S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
	r->in = gzdopen(fd, "rb");
	if (r->in == NULL) {
		tmg_error_set(err, path, 0, 0, "%s", strerror(errno));
		close(fd);
		tmx_reader_close(r);
		return NULL;
	}
	xml_errors_init(&r->xerr, r->path);
	xml_input_init(&r->input, gz_source, r, &r->xerr);
	if (options)
		r->options = *options;
	r->xerr.repair_hint = !r->options.repair;
	r->warn = warn;
	r->warn_data = warn_data;

	r->xml = xml_input_reader(&r->input, read_input, r, path,
				  XML_PARSE_NONET | XML_PARSE_NOENT |
				  XML_PARSE_NOCDATA | XML_PARSE_NOWARNING |
				  XML_PARSE_BIG_LINES);
	if (r->xml == NULL) {
		if (r->xerr.failed)
			*err = r->xerr.error;
		else
			tmg_error_set(err, path, 0, 0, "%s",
				      _("cannot start the XML parser"));
		tmx_reader_close(r);
		return NULL;
	}
	r->xerr.reader = r->xml;
	xmlTextReaderSetStructuredErrorHandler(r->xml, xml_errors_handler,
					       &r->xerr);
	read_ahead_start(r);
	return r;
}

void
tmx_reader_close(struct tmx_reader *r)
{
	if (r == NULL)
		return;
	if (r->ahead)
		read_ahead_stop(r);
	if (r->xml)
		xmlFreeTextReader(r->xml);
	if (r->in)
		gzclose(r->in);
	attrs_clear(&r->header.attrs);
	free(r->header.attrs.items);
	annotations_clear(&r->header.notes);
	free(r->header.notes.items);
	strbuf_release(&r->markup);
	strbuf_release(&r->text);
	strbuf_release(&r->lang);
	free(r->path);
	free(r);
}

const struct tmx_header *
tmx_reader_header(const struct tmx_reader *r)
{
	return &r->header;
}

uint64_t
tmx_reader_bytes_read(const struct tmx_reader *r)
{
	return atomic_load_explicit(&r->consumed, memory_order_relaxed);
}

uint64_t
tmx_reader_file_size(const struct tmx_reader *r)
{
	return r->size;
}

unsigned long
tmx_reader_repairs(const struct tmx_reader *r)
{
	return r->repairs;
}

/* ---------------------------------------------------------- helpers */

/* The line of the current node (the parser itself may have read ahead). */
static long
current_line(struct tmx_reader *r)
{
	return xml_reader_line(r->xml);
}

static int
name_is(const xmlChar *name, const char *want)
{
	return name && strcmp((const char *)name, want) == 0;
}

/* One libxml2 step; returns 1 on a node, 0 at the end, -1 on error.
 * The document's errors are watched around the whole unit (see
 * read_next_unit()), not each step: setting libxml2's handlers costs
 * more than a step of a short unit. */
static int
step(struct tmx_reader *r, struct tmg_error *err)
{
	int ret;

	ret = xmlTextReaderRead(r->xml);
	if (ret < 0 || r->xerr.failed) {
		if (r->xerr.failed) {
			*err = r->xerr.error;
		} else {
			tmg_error_set(err, r->path, current_line(r), 0, "%s",
				      _("malformed XML"));
		}
		return -1;
	}
	return ret;
}

/* xml:lang, else TMX 1.1's lang. */
static char *
language_attribute(struct tmx_reader *r)
{
	char *lang = xml_lang_attribute(r->xml);

	return lang ? lang : xml_attribute(r->xml, "lang");
}

/* A copy of the buffer's content, allocated to its exact size. */
static char *
strbuf_copy(const struct strbuf *sb)
{
	return sb->len ? xstrndup(sb->buf, sb->len) : xstrdup("");
}

static int
two_digits(const char *s, int max)
{
	return (s[0] - '0') * 10 + (s[1] - '0') <= max;
}

/*
 * Is `s` a date already in the form tmx_date_normalize() gives
 * (YYYYMMDDThhmmssZ, in range)?  Most dates in TMX files are, and
 * normalising them through snprintf costs more than the rest of a unit's
 * attributes.
 */
static int
is_normal_date(const char *s)
{
	static const char digit_at[] = "ddddddddTddddddZ";
	int month;

	for (int i = 0; i < 16; i++) {
		if (digit_at[i] == 'd' ? (s[i] < '0' || s[i] > '9')
				       : s[i] != digit_at[i])
			return 0;
	}
	month = (s[4] - '0') * 10 + (s[5] - '0');
	return s[16] == '\0' && month >= 1 && month <= 12 &&
	       (s[6] != '0' || s[7] != '0') && two_digits(s + 6, 31) &&
	       two_digits(s + 9, 23) && two_digits(s + 11, 59) &&
	       two_digits(s + 13, 60);
}

static void
add_date_or_attr(struct tmg_attrs *attrs, char **field, const char *name,
		 const char *value)
{
	char norm[17];
	const char *date = norm;

	if (is_normal_date(value))
		date = value;
	else if (tmx_date_normalize(value, norm) < 0)
		date = NULL;
	if (date == NULL) {
		/* not a date we understand: kept verbatim */
		attrs_add(attrs, name, value);
	} else if (field) {
		free(*field);
		*field = xstrdup(date);
	} else {
		attrs_add(attrs, name, date);
	}
}

static int
is_date_attribute(const char *name)
{
	return strcmp(name, "creationdate") == 0 ||
	       strcmp(name, "changedate") == 0 ||
	       strcmp(name, "lastusagedate") == 0;
}

/*
 * Read the text of the current <prop> or <note> element.  On return the
 * reader is on its end tag (or still on it when it is empty), so the
 * caller's loop steps on normally.
 */
static int
read_annotation(struct tmx_reader *r, struct tmg_annotations *list,
		int is_note, struct tmg_error *err)
{
	struct tmg_annotation *a = annotations_add(list, is_note);
	int depth = xmlTextReaderDepth(r->xml), ret;

	if (!is_note)
		a->type = xml_attribute(r->xml, "type");
	a->lang = language_attribute(r);
	a->encoding = xml_attribute(r->xml, "o-encoding");
	strbuf_reset(&r->text);
	if (xmlTextReaderIsEmptyElement(r->xml)) {
		a->value = xstrdup("");
		return 0;
	}
	while ((ret = step(r, err)) == 1) {
		int type = xmlTextReaderNodeType(r->xml);
		const char *value;

		if (type == XML_READER_TYPE_END_ELEMENT &&
		    xmlTextReaderDepth(r->xml) == depth)
			break;
		if (type != XML_READER_TYPE_TEXT &&
		    type != XML_READER_TYPE_CDATA &&
		    type != XML_READER_TYPE_WHITESPACE &&
		    type != XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
			continue;
		value = (const char *)xmlTextReaderConstValue(r->xml);
		if (value)
			strbuf_addstr(&r->text, value);
	}
	if (ret <= 0) {
		if (ret == 0)
			tmg_error_set(err, r->path, current_line(r), 0, "%s",
				      _("the file ends inside a <prop> or <note>"));
		return -1;
	}
	a->value = strbuf_copy(&r->text);
	return 0;
}

/*
 * The canonical form of language tag `tag` into `out`, through the reader's
 * cache of recent tags.  Returns 0, or -1 when the tag is not valid.
 */
static int
canonical_language(struct tmx_reader *r, const char *tag,
		   char out[TMG_LANG_MAX])
{
	size_t n = strlen(tag);
	struct lang_cache_entry *e;

	if (n >= TMG_LANG_MAX)
		return -1;
	for (size_t i = 0; i < sizeof r->lang_cache / sizeof *r->lang_cache;
	     i++) {
		e = &r->lang_cache[i];
		if (e->raw[0] && memcmp(e->raw, tag, n + 1) == 0) {
			if (!e->valid)
				return -1;
			memcpy(out, e->canonical, TMG_LANG_MAX);
			return 0;
		}
	}
	e = &r->lang_cache[r->lang_cache_next++ %
			   (sizeof r->lang_cache / sizeof *r->lang_cache)];
	memcpy(e->raw, tag, n + 1);
	e->valid = lang_canonicalize(tag, e->canonical, TMG_LANG_MAX) == 0;
	if (!e->valid)
		return -1;
	memcpy(out, e->canonical, TMG_LANG_MAX);
	return 0;
}

static int
canonical_or_star(struct tmx_reader *r, const char *tag,
		  char out[TMG_LANG_MAX])
{
	if (strcmp(tag, "*all*") == 0) {
		snprintf(out, TMG_LANG_MAX, "*all*");
		return 0;
	}
	return canonical_language(r, tag, out);
}

static void
read_header_attributes(struct tmx_reader *r)
{
	while (xmlTextReaderMoveToNextAttribute(r->xml) == 1) {
		const char *name = (const char *)xmlTextReaderConstName(r->xml);
		const char *value = (const char *)xmlTextReaderConstValue(r->xml);
		attrs_add(&r->header.attrs, name, value ? value : "");
		if (strcmp(name, "srclang") == 0 && value &&
		    canonical_or_star(r, value, r->header.srclang) < 0)
			r->header.srclang[0] = '\0';
	}
	xmlTextReaderMoveToElement(r->xml);
}

/* ---------------------------------------------------------- segments */

/*
 * Append `s` to `sb` escaped for XML content (or an attribute value when
 * in_attribute).  Runs of ordinary characters are copied in one go.
 */
static void
escape_text(struct strbuf *sb, const char *s, int in_attribute)
{
	const char *special = in_attribute ? "&<>\r\"\t\n" : "&<>\r";

	for (;;) {
		size_t span = strcspn(s, special);
		const char *entity;

		if (span)
			strbuf_add(sb, s, span);
		s += span;
		switch (*s) {
		case '\0': return;
		case '&': entity = "&amp;"; break;
		case '<': entity = "&lt;"; break;
		case '>': entity = "&gt;"; break;
		case '\r': entity = "&#13;"; break;
		case '"': entity = "&quot;"; break;
		case '\t': entity = "&#9;"; break;
		default: entity = "&#10;"; break;
		}
		strbuf_addstr(sb, entity);
		s++;
	}
}

/* Is `name` an inline element whose content is native code, not text? */
static int
is_code_element(const char *name)
{
	const struct inline_element *e = inline_element_find(name,
							     strlen(name));

	return e && e->is_code;
}

/*
 * Read the content of the current <seg> into variant->text and, when it holds
 * inline elements, variant->markup.  On return the reader is on </seg>.
 *
 * Most segments are plain text: the markup is only built from the first
 * inline element on (from the text read so far, which then holds no code).
 * The reader's buffers are reused from segment to segment; the variant gets
 * exact-size copies.
 */
static int
read_segment(struct tmx_reader *r, struct tmg_variant *v, struct tmg_error *err)
{
	int depth = xmlTextReaderDepth(r->xml);
	int code_depth = 0, has_elements = 0, ret;

	strbuf_reset(&r->markup);
	strbuf_reset(&r->text);
	if (xmlTextReaderIsEmptyElement(r->xml))
		goto done;
	while ((ret = step(r, err)) == 1) {
		int type = xmlTextReaderNodeType(r->xml);
		const char *name, *value;

		switch (type) {
		case XML_READER_TYPE_ELEMENT:
			name = (const char *)xmlTextReaderConstName(r->xml);
			if (!has_elements) {
				has_elements = 1;
				escape_text(&r->markup, r->text.buf ?
					    r->text.buf : "", 0);
			}
			strbuf_addch(&r->markup, '<');
			strbuf_addstr(&r->markup, name);
			while (xmlTextReaderMoveToNextAttribute(r->xml) == 1) {
				strbuf_addch(&r->markup, ' ');
				strbuf_addstr(&r->markup, (const char *)
					      xmlTextReaderConstName(r->xml));
				strbuf_addstr(&r->markup, "=\"");
				escape_text(&r->markup, (const char *)
					    xmlTextReaderConstValue(r->xml), 1);
				strbuf_addch(&r->markup, '"');
			}
			xmlTextReaderMoveToElement(r->xml);
			if (xmlTextReaderIsEmptyElement(r->xml)) {
				strbuf_addstr(&r->markup, "/>");
			} else {
				strbuf_addch(&r->markup, '>');
				if (code_depth > 0 || is_code_element(name))
					code_depth++;
			}
			break;
		case XML_READER_TYPE_END_ELEMENT:
			if (xmlTextReaderDepth(r->xml) == depth)
				goto done;
			name = (const char *)xmlTextReaderConstName(r->xml);
			strbuf_addstr(&r->markup, "</");
			strbuf_addstr(&r->markup, name);
			strbuf_addch(&r->markup, '>');
			if (code_depth > 0)
				code_depth--;
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			value = (const char *)xmlTextReaderConstValue(r->xml);
			if (value == NULL)
				break;
			if (has_elements)
				escape_text(&r->markup, value, 0);
			if (code_depth == 0)
				strbuf_addstr(&r->text, value);
			break;
		default:
			/* comments and processing instructions are dropped */
			break;
		}
	}
	if (ret <= 0) {
		if (ret == 0)
			tmg_error_set(err, r->path, current_line(r), 0, "%s",
				      _("the file ends inside a segment"));
		return -1;
	}
done:
	v->text = strbuf_copy(&r->text);
	v->markup = has_elements ? strbuf_copy(&r->markup) : NULL;
	return 0;
}

/* ------------------------------------------------------------- units */

static int queue_push(struct read_ahead *a, struct queued *item);

/* Give a warning to the caller: now, or in its turn through the queue. */
static void
give_warning(struct tmx_reader *r, const struct tmg_error *warning)
{
	struct queued item;

	if (r->warn == NULL)
		return;
	if (r->ahead == NULL) {
		/* the caller's code is no step of this document */
		xml_errors_watch(NULL);
		r->warn(r->warn_data, warning);
		xml_errors_watch(&r->xerr);
		return;
	}
	item.kind = QUEUED_WARNING;
	unit_init(&item.unit);
	item.error = xmalloc(sizeof *item.error);
	*item.error = *warning;
	queue_push(r->ahead, &item);
}

/* An invalid unit: an error, or a warning and a skip with skip_invalid. */
struct unit_problem {
	int found;
	struct tmg_error error;
};

static void
unit_problem(struct tmx_reader *r, struct unit_problem *p, long line,
	     const char *fmt, const char *arg)
{
	if (p->found)
		return;
	p->found = 1;
	tmg_error_set(&p->error, r->path, line, 0, fmt, arg);
}

static int
read_variant(struct tmx_reader *r, struct tmg_unit *unit,
	     struct unit_problem *problem, struct tmg_error *err)
{
	struct tmg_variant *v = unit_add_variant(unit);
	int depth = xmlTextReaderDepth(r->xml), ret, has_seg = 0;
	int has_xml_lang = 0, has_lang = 0;

	v->line = current_line(r);
	/* one pass over the attributes: xml:lang, else TMX 1.1's lang, and
	 * the others kept */
	while (xmlTextReaderMoveToNextAttribute(r->xml) == 1) {
		const char *name = (const char *)xmlTextReaderConstName(r->xml);
		const char *value = (const char *)xmlTextReaderConstValue(r->xml);

		if (value == NULL)
			value = "";
		if (strcmp(name, "xml:lang") == 0 ||
		    (strcmp(name, "lang") == 0 && !has_xml_lang)) {
			has_xml_lang |= name[0] == 'x';
			has_lang = 1;
			strbuf_reset(&r->lang);
			strbuf_addstr(&r->lang, value);
			continue;
		}
		if (strcmp(name, "lang") == 0)
			continue;
		if (is_date_attribute(name))
			add_date_or_attr(&v->attrs, NULL, name, value);
		else
			attrs_add(&v->attrs, name, value);
	}
	if (!has_lang)
		unit_problem(r, problem, v->line, "%s",
			     _("a <tuv> has no xml:lang attribute"));
	else if (canonical_language(r, r->lang.buf, v->lang) < 0)
		unit_problem(r, problem, v->line,
			     _("\"%s\" is not a valid language tag"), r->lang.buf);
	xmlTextReaderMoveToElement(r->xml);
	if (xmlTextReaderIsEmptyElement(r->xml))
		goto done;

	while ((ret = step(r, err)) == 1) {
		int type = xmlTextReaderNodeType(r->xml);
		const xmlChar *name;

		if (type == XML_READER_TYPE_END_ELEMENT &&
		    xmlTextReaderDepth(r->xml) == depth)
			goto done;
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		/* the name of an element only: libxml2 looks a text node's
		 * ("#text") up in its dictionary */
		name = xmlTextReaderConstName(r->xml);
		if (name_is(name, "seg")) {
			if (has_seg) {
				unit_problem(r, problem, current_line(r), "%s",
					     _("a <tuv> has more than one <seg>"));
				free(v->text);
				free(v->markup);
				v->text = v->markup = NULL;
			}
			has_seg = 1;
			if (read_segment(r, v, err) < 0)
				return -1;
		} else if (name_is(name, "prop") || name_is(name, "note")) {
			if (read_annotation(r, &v->notes, name_is(name, "note"),
					    err) < 0)
				return -1;
		}
	}
	if (ret == 0)
		tmg_error_set(err, r->path, current_line(r), 0, "%s",
			      _("the file ends inside a <tuv>"));
	return -1;
done:
	if (!has_seg)
		unit_problem(r, problem, v->line, "%s",
			     _("a <tuv> has no <seg>"));
	return 0;
}

static void
read_unit_attributes(struct tmx_reader *r, struct tmg_unit *unit,
		     struct unit_problem *problem)
{
	while (xmlTextReaderMoveToNextAttribute(r->xml) == 1) {
		const char *name = (const char *)xmlTextReaderConstName(r->xml);
		const char *value = (const char *)xmlTextReaderConstValue(r->xml);

		if (strcmp(name, "tuid") == 0) {
			free(unit->tuid);
			unit->tuid = xstrdup(value);
		} else if (strcmp(name, "srclang") == 0) {
			if (canonical_or_star(r, value, unit->srclang) < 0)
				unit_problem(r, problem, unit->line,
					     _("\"%s\" is not a valid language tag"),
					     value);
		} else if (strcmp(name, "creationdate") == 0) {
			add_date_or_attr(&unit->attrs, &unit->creation_date,
					 name, value);
		} else if (strcmp(name, "changedate") == 0) {
			add_date_or_attr(&unit->attrs, &unit->change_date,
					 name, value);
		} else if (strcmp(name, "lastusagedate") == 0) {
			add_date_or_attr(&unit->attrs, &unit->last_usage_date,
					 name, value);
		} else if (strcmp(name, "creationid") == 0) {
			free(unit->creation_id);
			unit->creation_id = xstrdup(value);
		} else if (strcmp(name, "changeid") == 0) {
			free(unit->change_id);
			unit->change_id = xstrdup(value);
		} else if (strcmp(name, "usagecount") == 0) {
			char *end;
			long n = strtol(value, &end, 10);
			if (*value && *end == '\0' && n >= 0)
				unit->usage_count = n;
			else
				attrs_add(&unit->attrs, name, value);
		} else {
			attrs_add(&unit->attrs, name, value);
		}
	}
	xmlTextReaderMoveToElement(r->xml);
}

/* Has one of the unit's segments some text or an inline element? */
static int
has_text(const struct tmg_unit *unit)
{
	for (size_t i = 0; i < unit->nvariants; i++)
		if ((unit->variants[i].text && unit->variants[i].text[0]) ||
		    unit->variants[i].markup)
			return 1;
	return 0;
}

/*
 * Read the <tu> the reader is on.  Returns 1 with a valid unit, 2 when the
 * unit was skipped (warning given), -1 on error.
 */
static int
read_unit(struct tmx_reader *r, struct tmg_unit *unit, struct tmg_error *err)
{
	struct unit_problem problem = { 0 };
	int depth = xmlTextReaderDepth(r->xml), ret;

	unit->line = current_line(r);
	read_unit_attributes(r, unit, &problem);
	if (unit->srclang[0] == '\0')
		memcpy(unit->srclang, r->header.srclang, TMG_LANG_MAX);

	if (!xmlTextReaderIsEmptyElement(r->xml)) {
		while ((ret = step(r, err)) == 1) {
			int type = xmlTextReaderNodeType(r->xml);
			const xmlChar *name;

			if (type == XML_READER_TYPE_END_ELEMENT &&
			    xmlTextReaderDepth(r->xml) == depth)
				break;
			if (type != XML_READER_TYPE_ELEMENT)
				continue;
			name = xmlTextReaderConstName(r->xml);
			if (name_is(name, "tuv")) {
				if (read_variant(r, unit, &problem, err) < 0)
					return -1;
			} else if (name_is(name, "prop") || name_is(name, "note")) {
				if (read_annotation(r, &unit->notes,
						    name_is(name, "note"), err) < 0)
					return -1;
			}
		}
		if (ret <= 0) {
			if (ret == 0)
				tmg_error_set(err, r->path, current_line(r), 0,
					      "%s", _("the file ends inside a <tu>"));
			return -1;
		}
	}
	if (unit->nvariants == 0)
		unit_problem(r, &problem, unit->line, "%s",
			     _("a <tu> has no <tuv>"));
	if (problem.found) {
		if (!r->options.skip_invalid) {
			*err = problem.error;
			return -1;
		}
		give_warning(r, &problem.error);
		return 2;
	}
	if (!has_text(unit)) {
		struct tmg_error w;
		tmg_error_set(&w, r->path, unit->line, 0, "%s",
			      _("a <tu> whose segments are all empty was "
				"skipped"));
		give_warning(r, &w);
		return 2;
	}
	return 1;
}

/* Read the next unit in the calling thread (see tmx_reader_next), the
 * document's errors watched meanwhile. */
static int read_next_unit_watched(struct tmx_reader *r, struct tmg_unit *unit,
				  struct tmg_error *err);

static int
read_next_unit(struct tmx_reader *r, struct tmg_unit *unit,
	       struct tmg_error *err)
{
	int ret;

	xml_errors_watch(&r->xerr);
	ret = read_next_unit_watched(r, unit, err);
	xml_errors_watch(NULL);
	return ret;
}

static int
read_next_unit_watched(struct tmx_reader *r, struct tmg_unit *unit,
		       struct tmg_error *err)
{
	int ret;

	unit_clear(unit);
	if (r->finished)
		return 0;
	while ((ret = step(r, err)) == 1) {
		int type = xmlTextReaderNodeType(r->xml);
		const xmlChar *name;

		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		name = xmlTextReaderConstName(r->xml);
		if (!r->seen_root) {
			char *version;
			if (!name_is(name, "tmx")) {
				tmg_error_set(err, r->path, current_line(r), 0,
					      _("not a TMX file: the root element is <%s>, not <tmx>"),
					      (const char *)name);
				return -1;
			}
			r->seen_root = 1;
			version = xml_attribute(r->xml, "version");
			if (version) {
				snprintf(r->header.version,
					 sizeof r->header.version, "%s",
					 version);
				free(version);
			}
			continue;
		}
		if (name_is(name, "header") && !r->in_body) {
			read_header_attributes(r);
		} else if ((name_is(name, "prop") || name_is(name, "note")) &&
			   !r->in_body) {
			if (read_annotation(r, &r->header.notes,
					    name_is(name, "note"), err) < 0)
				return -1;
		} else if (name_is(name, "body")) {
			r->in_body = 1;
		} else if (name_is(name, "tu") && r->in_body) {
			ret = read_unit(r, unit, err);
			if (ret < 0)
				return -1;
			if (ret == 1)
				return 1;
			unit_clear(unit);
		}
	}
	if (ret < 0) {
		if (!r->seen_root && !r->xerr.entity_refused &&
		    !r->xerr.explained) {
			char msg[sizeof err->message];
			snprintf(msg, sizeof msg, _("not an XML file (%s)"),
				 err->message);
			snprintf(err->message, sizeof err->message, "%s", msg);
		}
		return -1;
	}
	r->finished = 1;
	if (!r->seen_root) {
		tmg_error_set(err, r->path, 0, 0, "%s",
			      _("not a TMX file: it holds no XML element"));
		return -1;
	}
	if (!r->in_body) {
		tmg_error_set(err, r->path, current_line(r), 0, "%s",
			      _("not a TMX file: there is no <body>"));
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ read-ahead */

/*
 * The parsing thread's batch of items into the queue, waiting for room;
 * the queue takes over their units.  Returns 0, or -1 when the caller
 * closed the reader (the items are then freed).
 */
static int
queue_flush(struct read_ahead *a)
{
	size_t nfree;
	int urgent = a->nout > 0 && a->out[a->nout - 1].kind != QUEUED_UNIT;

	pthread_mutex_lock(&a->lock);
	while (a->count + a->nout > READ_AHEAD_UNITS && !a->stop) {
		a->producer_waits = 1;
		pthread_cond_wait(&a->not_full, &a->lock);
	}
	if (a->stop) {
		pthread_mutex_unlock(&a->lock);
		for (size_t i = 0; i < a->nout; i++) {
			unit_clear(&a->out[i].unit);
			free(a->out[i].error);
		}
		a->nout = 0;
		return -1;
	}
	for (size_t i = 0; i < a->nout; i++)
		a->items[(a->head + a->count++) % READ_AHEAD_UNITS] = a->out[i];
	a->nout = 0;
	if (a->consumer_waits && (urgent || a->count >= READ_AHEAD_WAKE)) {
		a->consumer_waits = 0;
		pthread_cond_signal(&a->not_empty);
	}
	nfree = a->nused;
	memcpy(a->freeing, a->used, nfree * sizeof *a->used);
	a->nused = 0;
	pthread_mutex_unlock(&a->lock);
	for (size_t i = 0; i < nfree; i++)
		unit_clear(&a->freeing[i]);
	return 0;
}

/*
 * Put `item` at the end of the queue: into the parsing thread's batch,
 * which goes when full, or at once with anything but a unit (a warning is
 * said in its turn, the end or an error is not held back).  Returns 0, or
 * -1 when the caller closed the reader (the item is then freed).
 */
static int
queue_push(struct read_ahead *a, struct queued *item)
{
	a->out[a->nout++] = *item;
	if (a->nout < READ_AHEAD_BATCH && item->kind == QUEUED_UNIT)
		return 0;
	return queue_flush(a);
}

/* The caller's next batch from the queue, waiting for one; the units it
 * is done with go to the parsing thread (or are freed here when it has
 * too many to free already). */
static void
queue_refill(struct read_ahead *a)
{
	size_t give, take;

	pthread_mutex_lock(&a->lock);
	give = READ_AHEAD_UNITS - a->nused;
	if (give > a->ndone)
		give = a->ndone;
	memcpy(a->used + a->nused, a->done, give * sizeof *a->done);
	a->nused += give;
	while (a->count == 0) {
		a->consumer_waits = 1;
		pthread_cond_wait(&a->not_empty, &a->lock);
	}
	take = a->count < READ_AHEAD_BATCH ? a->count : READ_AHEAD_BATCH;
	for (size_t i = 0; i < take; i++)
		a->in[i] = a->items[(a->head + i) % READ_AHEAD_UNITS];
	a->head = (a->head + take) % READ_AHEAD_UNITS;
	a->count -= take;
	if (a->producer_waits && a->count <= READ_AHEAD_WAKE) {
		a->producer_waits = 0;
		pthread_cond_signal(&a->not_full);
	}
	pthread_mutex_unlock(&a->lock);
	for (size_t i = give; i < a->ndone; i++)
		unit_clear(&a->done[i]);
	a->ndone = 0;
	a->nin = take;
	a->next_in = 0;
}

/* Take the oldest item of the queue, waiting for one; `used`, the unit
 * the caller is done with, is taken over unless there is no room for it
 * (it is then left as it is). */
static void
queue_pop(struct read_ahead *a, struct queued *item, struct tmg_unit *used)
{
	if (a->ndone < READ_AHEAD_BATCH) {
		a->done[a->ndone++] = *used;
		unit_init(used);
	}
	if (a->next_in == a->nin)
		queue_refill(a);
	*item = a->in[a->next_in++];
}

/* The parsing thread: the whole file, unit after unit, into the queue. */
static void *
read_ahead_main(void *data)
{
	struct tmx_reader *r = data;
	struct tmg_error err;
	struct queued item;
	int ret;

	if (r->size >= BULKMEM_FILE_BYTES)
		bulkmem_thread_begin();
	do {
		unit_init(&item.unit);
		item.error = NULL;
		ret = read_next_unit(r, &item.unit, &err);
		item.kind = ret > 0 ? QUEUED_UNIT :
			    ret == 0 ? QUEUED_END : QUEUED_ERROR;
		if (ret <= 0) /* an end or an error carries no unit */
			unit_clear(&item.unit);
		else { /* hashed here, not in the storing thread */
			item.unit.content_hash = unit_content_hash(&item.unit);
			item.unit.content_hash_known = 1;
		}
		if (ret < 0) {
			item.error = xmalloc(sizeof *item.error);
			*item.error = err;
		}
		if (queue_push(r->ahead, &item) < 0)
			break;
	} while (ret > 0);
	return NULL;
}

static void
read_ahead_start(struct tmx_reader *r)
{
	const char *env = getenv("TMGLOSS_READ_AHEAD");
	struct read_ahead *a;

	if (env && strcmp(env, "0") == 0)
		return;
	/* a small file is read before a thread would have started and
	 * handed its units over (each hand-off waits for the scheduler):
	 * in the caller's thread, unless TMGLOSS_READ_AHEAD=1 */
	if (r->size > 0 && r->size < 64 * 1024 &&
	    !(env && strcmp(env, "1") == 0))
		return;
	a = xcalloc(1, sizeof *a);
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->not_empty, NULL);
	pthread_cond_init(&a->not_full, NULL);
	r->ahead = a;
	if (pthread_create(&a->thread, NULL, read_ahead_main, r) != 0) {
		/* no thread: read in the caller's thread */
		r->ahead = NULL;
		pthread_cond_destroy(&a->not_full);
		pthread_cond_destroy(&a->not_empty);
		pthread_mutex_destroy(&a->lock);
		free(a);
	}
}

/* Stop the parsing thread and free what the queue still holds. */
static void
read_ahead_stop(struct tmx_reader *r)
{
	struct read_ahead *a = r->ahead;

	pthread_mutex_lock(&a->lock);
	a->stop = 1;
	pthread_cond_signal(&a->not_full);
	pthread_mutex_unlock(&a->lock);
	pthread_join(a->thread, NULL);
	for (size_t i = 0; i < a->nused; i++)
		unit_clear(&a->used[i]);
	for (size_t i = 0; i < a->ndone; i++)
		unit_clear(&a->done[i]);
	for (; a->next_in < a->nin; a->next_in++) {
		unit_clear(&a->in[a->next_in].unit);
		free(a->in[a->next_in].error);
	}
	for (; a->count > 0; a->count--) {
		unit_clear(&a->items[a->head].unit);
		free(a->items[a->head].error);
		a->head = (a->head + 1) % READ_AHEAD_UNITS;
	}
	pthread_cond_destroy(&a->not_full);
	pthread_cond_destroy(&a->not_empty);
	pthread_mutex_destroy(&a->lock);
	free(a);
	r->ahead = NULL;
}

/* The next unit from the parsing thread's queue (see tmx_reader_next). */
static int
next_queued_unit(struct tmx_reader *r, struct tmg_unit *unit,
		 struct tmg_error *err)
{
	struct queued item;

	if (r->ahead_finished) {
		unit_clear(unit);
		return 0;
	}
	for (;;) {
		/* the previous unit goes back to the parsing thread */
		queue_pop(r->ahead, &item, unit);
		unit_clear(unit); /* when there was no room for it */
		switch (item.kind) {
		case QUEUED_WARNING:
			r->warn(r->warn_data, item.error);
			free(item.error);
			continue;
		case QUEUED_UNIT:
			*unit = item.unit;
			return 1;
		case QUEUED_END:
			r->ahead_finished = 1;
			return 0;
		case QUEUED_ERROR:
			r->ahead_finished = 1;
			*err = *item.error;
			free(item.error);
			return -1;
		}
	}
}

/*
 * After an error every call gives the same error again: the file cannot be
 * read on from there, with or without read-ahead.
 */
int
tmx_reader_next(struct tmx_reader *r, struct tmg_unit *unit,
		struct tmg_error *err)
{
	int ret;

	if (r->failed) {
		unit_clear(unit);
		*err = r->failure;
		return -1;
	}
	ret = r->ahead ? next_queued_unit(r, unit, err)
		       : read_next_unit(r, unit, err);
	if (ret < 0) {
		r->failed = 1;
		r->failure = *err;
	}
	return ret;
}
