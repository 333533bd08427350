/*
 * tmx-read.c -- a streaming TMX reader (TMX 1.1 to 1.4b).
 *
 * The file is read through libxml2's SAX2 parser, fed a chunk at a time,
 * and every complete <tu> is handed to the caller as a struct tmg_unit;
 * memory use depends on the largest unit and the chunk, never on the size
 * of the file.  SAX, not an xmlTextReader: the reader builds and frees a
 * tree node for every element, text and attribute, which took half the
 * time of reading a memory of short units.  What the reader's nodes told
 * is kept: attributes in their order, namespace declarations first; an
 * inline element written "<x/>" kept so; a line per element.
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

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
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

/* The bytes of the file given to the parser at a time. */
#define CHUNK_BYTES (64 * 1024)

/* Where the parser stands: outside units, or in which part of one. */
enum sax_state { IN_DOCUMENT, IN_UNIT, IN_VARIANT, IN_SEGMENT, IN_ANNOTATION };

struct unit_problem {
	int found;
	struct tmg_error error;
};

struct queued;

struct tmx_reader {
	xmlParserCtxtPtr ctxt;  /* made on the first chunk */
	int parser_options;     /* what the encoding wants */
	int begun;              /* xml_input_begin() was called */
	unsigned char *chunk;
	char *path;
	gzFile in;             /* a plain file too (zlib's transparent mode) */
	uint64_t size;
	_Atomic uint64_t consumed; /* written by the parsing thread */
	struct tmx_read_options options;
	tmx_warning_fn warn;
	void *warn_data;

	struct tmx_header header;
	int seen_root, in_body;

	/* the SAX callbacks' state: the element the parser is in is at
	 * `depth` (the root's is 1); the depth of the <tu>, <tuv>, <seg>,
	 * <prop> or <note> being read */
	enum sax_state state, annotation_return;
	long depth, unit_depth, variant_depth, segment_depth, annotation_depth;
	int empty_element;      /* the element just started is "<x/>" */
	struct tmg_unit unit;   /* the <tu> being read */
	size_t unit_bytes;      /* ... the length of its texts so far */
	struct unit_problem problem;
	int has_seg, code_depth, has_elements;
	struct tmg_annotation *annotation;
	struct strbuf name, attr_name, attr_value;

	/* the items read and not yet given, in file order: the units,
	 * warnings, end or error of a chunk; pending[next_pending] next */
	struct queued *pending;
	size_t npending, next_pending, pending_alloc;
	int parse_ended;        /* the end or an error is among them */

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
	size_t bytes;             /* ... the length of its texts */
	struct tmg_error *error;  /* QUEUED_WARNING, QUEUED_ERROR (owned) */
};

/* Items the queue holds at most: 1024, not 256, because on this VM a
 * wake-up of the other thread costs tens of microseconds of the caller's
 * (storing) thread, and a longer queue absorbs the parser's bursts
 * (BENCHMARKS.md: the real memory's import 0.32 -> 0.27 s).  The texts of
 * the units it holds are bounded too, whatever their length. */
#define READ_AHEAD_UNITS 1024
#define READ_AHEAD_BYTES (32u << 20)
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
	size_t bytes;             /* the bytes of the items' texts */
	int consumer_waits, producer_waits;
	int stop;                 /* the caller closes the reader */
	/* Units the caller is done with, freed by the parsing thread: memory
	 * goes back to the allocator arena it came from, without contention. */
	struct tmg_unit used[READ_AHEAD_UNITS];
	size_t nused;
	/* the parsing thread's own: items read and not yet queued, and the
	 * used units it took back to free */
	struct queued out[READ_AHEAD_BATCH];
	size_t nout, out_bytes;
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

	r->chunk = xmalloc(CHUNK_BYTES);
	unit_init(&r->unit);
	/* libxml2 is set up in this thread, before the parsing thread uses
	 * it (its first use is not thread-safe; tmgloss's main() does it
	 * too) */
	xmlInitParser();
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
	if (r->ctxt) {
		if (r->ctxt->myDoc)
			xmlFreeDoc(r->ctxt->myDoc);
		xmlFreeParserCtxt(r->ctxt);
	}
	for (; r->next_pending < r->npending; r->next_pending++) {
		unit_clear(&r->pending[r->next_pending].unit);
		free(r->pending[r->next_pending].error);
	}
	free(r->pending);
	unit_clear(&r->unit);
	free(r->chunk);
	if (r->in)
		gzclose(r->in);
	attrs_clear(&r->header.attrs);
	free(r->header.attrs.items);
	annotations_clear(&r->header.notes);
	free(r->header.notes.items);
	strbuf_release(&r->markup);
	strbuf_release(&r->text);
	strbuf_release(&r->lang);
	strbuf_release(&r->name);
	strbuf_release(&r->attr_name);
	strbuf_release(&r->attr_value);
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

/* The line the parser has reached: in an element's callback, the line of
 * its start tag's end, the line an xmlTextReader gives its node. */
static long
current_line(const struct tmx_reader *r)
{
	return r->ctxt && r->ctxt->input ? r->ctxt->input->line : 0;
}

static int
is_prop_or_note(const char *name)
{
	return strcmp(name, "prop") == 0 || strcmp(name, "note") == 0;
}

/* A copy of the buffer's content, allocated to its exact size. */
static char *
strbuf_copy(const struct strbuf *sb)
{
	return sb->len ? xstrndup(sb->buf, sb->len) : xstrdup("");
}

/* `prefix:local`, or `local`, into sb (reset first). */
static const char *
qualified_name(struct strbuf *sb, const xmlChar *local, const xmlChar *prefix)
{
	strbuf_reset(sb);
	if (prefix) {
		strbuf_addstr(sb, (const char *)prefix);
		strbuf_addch(sb, ':');
	}
	strbuf_addstr(sb, (const char *)local);
	return sb->buf;
}

/*
 * The attributes of the element being started, in the order an
 * xmlTextReader gives them: its namespace declarations, then its
 * attributes, each under its qualified name.
 */
struct sax_attrs {
	int nns, nattrs;
	const xmlChar **ns;     /* prefix, URI */
	const xmlChar **attrs;  /* local name, prefix, URI, value, end */
};

static int
attribute_count(const struct sax_attrs *a)
{
	return a->nns + a->nattrs;
}

/* The k-th attribute's name and value, NUL-terminated in the reader's
 * buffers (valid until the next call). */
static void
attribute_at(struct tmx_reader *r, const struct sax_attrs *a, int k,
	     const char **name, const char **value)
{
	strbuf_reset(&r->attr_value);
	if (k < a->nns) {
		const xmlChar *prefix = a->ns[2 * k], *uri = a->ns[2 * k + 1];

		strbuf_reset(&r->attr_name);
		strbuf_addstr(&r->attr_name, "xmlns");
		if (prefix) {
			strbuf_addch(&r->attr_name, ':');
			strbuf_addstr(&r->attr_name, (const char *)prefix);
		}
		strbuf_addstr(&r->attr_value, uri ? (const char *)uri : "");
	} else {
		const xmlChar **at = a->attrs + 5 * (k - a->nns);

		qualified_name(&r->attr_name, at[0], at[1]);
		strbuf_add(&r->attr_value, (const char *)at[3],
			   (size_t)(at[4] - at[3]));
	}
	*name = r->attr_name.buf;
	*value = r->attr_value.buf;
}

/* A copy of the value of attribute `local` in namespace `uri` (NULL: in
 * none), or NULL when the element has none. */
static char *
attribute_copy(const struct sax_attrs *a, const char *local, const char *uri)
{
	for (int i = 0; i < a->nattrs; i++) {
		const xmlChar **at = a->attrs + 5 * i;

		if (strcmp((const char *)at[0], local) != 0)
			continue;
		if (uri ? at[2] == NULL || strcmp((const char *)at[2], uri)
			: at[2] != NULL)
			continue;
		return xstrndup((const char *)at[3], (size_t)(at[4] - at[3]));
	}
	return NULL;
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

/* ----------------------------------------------------- items read */

/* A new item at the end of those read and not yet given. */
static struct queued *
pend(struct tmx_reader *r, enum queued_kind kind)
{
	struct queued *item;

	ALLOC_GROW(r->pending, r->npending + 1, r->pending_alloc);
	item = &r->pending[r->npending++];
	item->kind = kind;
	unit_init(&item->unit);
	item->error = NULL;
	item->bytes = 0;
	return item;
}

/* The document's end, or an error that ends it: the parser stops. */
static void
pend_last(struct tmx_reader *r, enum queued_kind kind,
	  const struct tmg_error *error)
{
	struct queued *item = pend(r, kind);

	if (error) {
		item->error = xmalloc(sizeof *item->error);
		*item->error = *error;
	}
	r->parse_ended = 1;
	if (r->ctxt)
		xmlStopParser(r->ctxt);
}

static void
pend_warning(struct tmx_reader *r, const struct tmg_error *warning)
{
	struct queued *item;

	if (r->warn == NULL)
		return;
	item = pend(r, QUEUED_WARNING);
	item->error = xmalloc(sizeof *item->error);
	*item->error = *warning;
}

/* An invalid unit: an error, or a warning and a skip with skip_invalid;
 * the first problem of the unit is the one said. */
static void
unit_problem(struct tmx_reader *r, long line, const char *fmt,
	     const char *arg)
{
	if (r->problem.found)
		return;
	r->problem.found = 1;
	tmg_error_set(&r->problem.error, r->path, line, 0, fmt, arg);
}

/* ------------------------------------------------------------ elements */

/*
 * Append `s` (len bytes) to `sb` escaped for XML content, or an attribute
 * value when in_attribute.  Runs of ordinary characters are copied in one
 * go.
 */
static void
escape_text(struct strbuf *sb, const char *s, size_t len, int in_attribute)
{
	const char *end = s + len;

	while (s < end) {
		const char *run = s, *entity;

		for (; s < end; s++) {
			if (*s == '&' || *s == '<' || *s == '>' || *s == '\r' ||
			    (in_attribute &&
			     (*s == '"' || *s == '\t' || *s == '\n')))
				break;
		}
		if (s > run)
			strbuf_add(sb, run, (size_t)(s - run));
		if (s == end)
			return;
		switch (*s) {
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

/* <prop> or <note>: its text, that of its descendants, is read into a new
 * annotation of `list` until its end. */
static void
annotation_start(struct tmx_reader *r, struct tmg_annotations *list,
		 int is_note, const struct sax_attrs *a)
{
	struct tmg_annotation *n = annotations_add(list, is_note);

	if (!is_note)
		n->type = attribute_copy(a, "type", NULL);
	n->lang = attribute_copy(a, "lang", (const char *)XML_XML_NAMESPACE);
	if (n->lang == NULL) /* TMX 1.1 */
		n->lang = attribute_copy(a, "lang", NULL);
	n->encoding = attribute_copy(a, "o-encoding", NULL);
	r->annotation = n;
	r->annotation_return = r->state;
	r->annotation_depth = r->depth;
	r->state = IN_ANNOTATION;
	strbuf_reset(&r->text);
}

/* An element inside a <seg>: kept verbatim in the markup.  Most segments
 * are plain text: the markup is only built from the first inline element
 * on (from the text read so far, which then holds no code). */
static void
inline_start(struct tmx_reader *r, const char *name, const struct sax_attrs *a)
{
	if (!r->has_elements) {
		r->has_elements = 1;
		escape_text(&r->markup, r->text.buf, r->text.len, 0);
	}
	strbuf_addch(&r->markup, '<');
	strbuf_addstr(&r->markup, name);
	for (int k = 0; k < attribute_count(a); k++) {
		const char *attr, *value;

		attribute_at(r, a, k, &attr, &value);
		strbuf_addch(&r->markup, ' ');
		strbuf_addstr(&r->markup, attr);
		strbuf_addstr(&r->markup, "=\"");
		escape_text(&r->markup, value, r->attr_value.len, 1);
		strbuf_addch(&r->markup, '"');
	}
	if (r->empty_element) {
		strbuf_addstr(&r->markup, "/>");
	} else {
		strbuf_addch(&r->markup, '>');
		if (r->code_depth > 0 || is_code_element(name))
			r->code_depth++;
	}
}

static void
segment_start(struct tmx_reader *r)
{
	struct tmg_variant *v = &r->unit.variants[r->unit.nvariants - 1];

	if (r->has_seg) {
		unit_problem(r, current_line(r), "%s",
			     _("a <tuv> has more than one <seg>"));
		free(v->text);
		free(v->markup);
		v->text = v->markup = NULL;
	}
	r->has_seg = 1;
	strbuf_reset(&r->markup);
	strbuf_reset(&r->text);
	r->code_depth = 0;
	r->has_elements = 0;
	r->segment_depth = r->depth;
	r->state = IN_SEGMENT;
}

/* The reader's buffers are reused from segment to segment; the variant
 * gets exact-size copies. */
static void
segment_end(struct tmx_reader *r)
{
	struct tmg_variant *v = &r->unit.variants[r->unit.nvariants - 1];

	v->text = strbuf_copy(&r->text);
	v->markup = r->has_elements ? strbuf_copy(&r->markup) : NULL;
	r->unit_bytes += r->text.len + (r->has_elements ? r->markup.len : 0);
	r->state = IN_VARIANT;
}

static void
variant_start(struct tmx_reader *r, const struct sax_attrs *a)
{
	struct tmg_variant *v = unit_add_variant(&r->unit);
	int has_xml_lang = 0, has_lang = 0;

	v->line = current_line(r);
	/* one pass over the attributes: xml:lang, else TMX 1.1's lang, and
	 * the others kept */
	for (int k = 0; k < attribute_count(a); k++) {
		const char *name, *value;

		attribute_at(r, a, k, &name, &value);
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
		unit_problem(r, v->line, "%s",
			     _("a <tuv> has no xml:lang attribute"));
	else if (canonical_language(r, r->lang.buf, v->lang) < 0)
		unit_problem(r, v->line,
			     _("\"%s\" is not a valid language tag"), r->lang.buf);
	r->has_seg = 0;
	r->variant_depth = r->depth;
	r->state = IN_VARIANT;
}

static void
variant_end(struct tmx_reader *r)
{
	if (!r->has_seg)
		unit_problem(r, r->unit.variants[r->unit.nvariants - 1].line,
			     "%s", _("a <tuv> has no <seg>"));
	r->state = IN_UNIT;
}

static void
unit_start(struct tmx_reader *r, const struct sax_attrs *a)
{
	struct tmg_unit *unit = &r->unit;

	unit_clear(unit);
	r->problem.found = 0;
	r->unit_bytes = 0;
	unit->line = current_line(r);
	for (int k = 0; k < attribute_count(a); k++) {
		const char *name, *value;

		attribute_at(r, a, k, &name, &value);
		if (strcmp(name, "tuid") == 0) {
			free(unit->tuid);
			unit->tuid = xstrdup(value);
		} else if (strcmp(name, "srclang") == 0) {
			if (canonical_or_star(r, value, unit->srclang) < 0)
				unit_problem(r, unit->line,
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
	if (unit->srclang[0] == '\0')
		memcpy(unit->srclang, r->header.srclang, TMG_LANG_MAX);
	r->unit_depth = r->depth;
	r->state = IN_UNIT;
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

/* The end of a <tu>: a unit to give, a warning, or the error that ends
 * the reading. */
static void
unit_end(struct tmx_reader *r)
{
	struct queued *item;

	r->state = IN_DOCUMENT;
	if (r->unit.nvariants == 0)
		unit_problem(r, r->unit.line, "%s", _("a <tu> has no <tuv>"));
	if (r->problem.found) {
		unit_clear(&r->unit);
		if (!r->options.skip_invalid)
			pend_last(r, QUEUED_ERROR, &r->problem.error);
		else
			pend_warning(r, &r->problem.error);
		return;
	}
	if (!has_text(&r->unit)) {
		struct tmg_error w;

		tmg_error_set(&w, r->path, r->unit.line, 0, "%s",
			      _("a <tu> whose segments are all empty was "
				"skipped"));
		unit_clear(&r->unit);
		pend_warning(r, &w);
		return;
	}
	item = pend(r, QUEUED_UNIT);
	item->unit = r->unit;
	item->bytes = r->unit_bytes;
	unit_init(&r->unit);
}

/* An element outside units: the root, the header and its notes, the body,
 * a <tu>. */
static void
document_element(struct tmx_reader *r, const char *name,
		 const struct sax_attrs *a)
{
	if (!r->seen_root) {
		char *version;

		if (strcmp(name, "tmx") != 0) {
			struct tmg_error e;

			tmg_error_set(&e, r->path, current_line(r), 0,
				      _("not a TMX file: the root element is <%s>, not <tmx>"),
				      name);
			pend_last(r, QUEUED_ERROR, &e);
			return;
		}
		r->seen_root = 1;
		version = attribute_copy(a, "version", NULL);
		if (version) {
			snprintf(r->header.version, sizeof r->header.version,
				 "%s", version);
			free(version);
		}
		return;
	}
	if (strcmp(name, "header") == 0 && !r->in_body) {
		for (int k = 0; k < attribute_count(a); k++) {
			const char *attr, *value;

			attribute_at(r, a, k, &attr, &value);
			attrs_add(&r->header.attrs, attr, value);
			if (strcmp(attr, "srclang") == 0 &&
			    canonical_or_star(r, value, r->header.srclang) < 0)
				r->header.srclang[0] = '\0';
		}
	} else if (is_prop_or_note(name) && !r->in_body) {
		annotation_start(r, &r->header.notes, name[0] == 'n', a);
	} else if (strcmp(name, "body") == 0) {
		r->in_body = 1;
	} else if (strcmp(name, "tu") == 0 && r->in_body) {
		unit_start(r, a);
	}
}

/* ------------------------------------------------------ SAX callbacks */

/* Go on with the document?  Not once it has ended, nor after an error
 * libxml2 said: the parser is then stopped, and what was read before the
 * error is given before it. */
static int
sax_going(struct tmx_reader *r)
{
	if (r->parse_ended)
		return 0;
	if (r->xerr.failed) {
		xmlStopParser(r->ctxt);
		return 0;
	}
	return 1;
}

static void
sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
	  const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
	  int ndefaulted, const xmlChar **attrs)
{
	struct tmx_reader *r = ((xmlParserCtxtPtr)ctx)->_private;
	const xmlChar *cur = r->ctxt->input->cur;
	/* the attributes a DTD defaults are not the file's: an
	 * xmlTextReader leaves them out too */
	struct sax_attrs a = { nns, nattrs - ndefaulted, ns, attrs };
	const char *name = (const char *)localname;

	(void)uri;
	if (!sax_going(r))
		return;
	r->depth++;
	/* "<x/>" is kept as it is written in a segment's markup */
	r->empty_element = cur && cur[0] == '/' && cur[1] == '>';
	if (prefix)
		name = qualified_name(&r->name, localname, prefix);
	switch (r->state) {
	case IN_SEGMENT:
		inline_start(r, name, &a);
		break;
	case IN_ANNOTATION:
		break;
	case IN_VARIANT:
		if (strcmp(name, "seg") == 0)
			segment_start(r);
		else if (is_prop_or_note(name))
			annotation_start(r, &r->unit.variants[
					 r->unit.nvariants - 1].notes,
					 name[0] == 'n', &a);
		break;
	case IN_UNIT:
		if (strcmp(name, "tuv") == 0)
			variant_start(r, &a);
		else if (is_prop_or_note(name))
			annotation_start(r, &r->unit.notes, name[0] == 'n',
					 &a);
		break;
	case IN_DOCUMENT:
		document_element(r, name, &a);
		break;
	}
}

static void
sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
	const xmlChar *uri)
{
	struct tmx_reader *r = ((xmlParserCtxtPtr)ctx)->_private;
	int was_empty = r->empty_element;

	(void)uri;
	r->empty_element = 0;
	if (!sax_going(r))
		return;
	switch (r->state) {
	case IN_SEGMENT:
		if (r->depth == r->segment_depth) {
			segment_end(r);
		} else if (!was_empty) {
			strbuf_addstr(&r->markup, "</");
			if (prefix) {
				strbuf_addstr(&r->markup, (const char *)prefix);
				strbuf_addch(&r->markup, ':');
			}
			strbuf_addstr(&r->markup, (const char *)localname);
			strbuf_addch(&r->markup, '>');
			if (r->code_depth > 0)
				r->code_depth--;
		}
		break;
	case IN_ANNOTATION:
		if (r->depth == r->annotation_depth) {
			r->annotation->value = strbuf_copy(&r->text);
			r->unit_bytes += r->text.len;
			r->annotation = NULL;
			r->state = r->annotation_return;
		}
		break;
	case IN_VARIANT:
		if (r->depth == r->variant_depth)
			variant_end(r);
		break;
	case IN_UNIT:
		if (r->depth == r->unit_depth)
			unit_end(r);
		break;
	case IN_DOCUMENT:
		break;
	}
	r->depth--;
}

/* Text, whitespace and CDATA alike; comments and processing instructions
 * get no callback and are dropped. */
static void
sax_text(void *ctx, const xmlChar *ch, int len)
{
	struct tmx_reader *r = ((xmlParserCtxtPtr)ctx)->_private;
	const char *s = (const char *)ch;

	if (!sax_going(r))
		return;
	if (r->state == IN_SEGMENT) {
		if (r->has_elements)
			escape_text(&r->markup, s, (size_t)len, 0);
		if (r->code_depth == 0)
			strbuf_add(&r->text, s, (size_t)len);
	} else if (r->state == IN_ANNOTATION) {
		strbuf_add(&r->text, s, (size_t)len);
	} else {
		return;
	}
	/* libxml2's own bound on a text without XML_PARSE_HUGE, which an
	 * xmlTextReader kept to: memory stays bounded */
	if (r->text.len > XML_MAX_TEXT_LENGTH ||
	    r->markup.len > 2 * (size_t)XML_MAX_TEXT_LENGTH) {
		struct tmg_error e;

		tmg_error_set(&e, r->path, current_line(r),
			      r->ctxt->input->col, "%s",
			      _("a text of the file is too large to be read (more "
				"than 10,000,000 characters in one piece), or "
				"memory ran out"));
		pend_last(r, QUEUED_ERROR, &e);
	}
}

/* ------------------------------------------------------------- parsing */

/* The parser, made on the first bytes of the file. */
static int
start_parser(struct tmx_reader *r, int n)
{
	xmlSAXHandler sax;
	int first, options = XML_PARSE_NONET | XML_PARSE_NOENT | XML_PARSE_NOCDATA |
		      XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;

	/* libxml2's SAX2 handlers for the document and its DTD (entities
	 * declared in the file are expanded), ours for its content */
	memset(&sax, 0, sizeof sax);
	xmlSAXVersion(&sax, 2);
	sax.startElement = NULL;
	sax.endElement = NULL;
	sax.startElementNs = sax_start;
	sax.endElementNs = sax_end;
	sax.characters = sax_text;
	sax.ignorableWhitespace = sax_text;
	sax.cdataBlock = sax_text;
	sax.comment = NULL;
	sax.processingInstruction = NULL;
	sax.warning = NULL;
	sax.error = NULL;
	sax.fatalError = NULL;
	/* libxml2's errors go where xml_errors_watch() sends them while
	 * feed() parses: to r->xerr, those of the parser's making too */
	sax.serror = NULL;
	options |= r->parser_options;
	r->ctxt = xml_input_push_parser(&r->input, &sax, (const char *)r->chunk,
					n, r->path, options);
	if (r->ctxt == NULL)
		return -1;
	r->ctxt->_private = r;
	first = n < 4 ? n : 4;
	return xmlParseChunk(r->ctxt, (const char *)r->chunk + first,
			     n - first, n == 0);
}

/* The end of the document, read without error. */
static void
document_end(struct tmx_reader *r)
{
	struct tmg_error e;

	if (!r->seen_root) {
		tmg_error_set(&e, r->path, 0, 0, "%s",
			      _("not a TMX file: it holds no XML element"));
		pend_last(r, QUEUED_ERROR, &e);
	} else if (!r->in_body) {
		tmg_error_set(&e, r->path, current_line(r), 0, "%s",
			      _("not a TMX file: there is no <body>"));
		pend_last(r, QUEUED_ERROR, &e);
	} else {
		pend_last(r, QUEUED_END, NULL);
	}
}

/* The error that stopped the parser. */
static void
document_error(struct tmx_reader *r)
{
	struct tmg_error e;

	if (r->xerr.failed)
		e = r->xerr.error;
	else if (r->ctxt == NULL)
		tmg_error_set(&e, r->path, 0, 0, "%s",
			      _("cannot start the XML parser"));
	else
		tmg_error_set(&e, r->path, current_line(r), 0, "%s",
			      _("malformed XML"));
	if (!r->seen_root && !r->xerr.entity_refused && !r->xerr.explained) {
		char msg[sizeof e.message];

		snprintf(msg, sizeof msg, _("not an XML file (%s)"),
			 e.message);
		snprintf(e.message, sizeof e.message, "%s", msg);
	}
	pend_last(r, QUEUED_ERROR, &e);
}

/* The next chunk of the file through the parser: the items it completes
 * go to r->pending, the end or an error last. */
static void
feed(struct tmx_reader *r)
{
	int n, ret = 0;

	xml_errors_watch(&r->xerr);
	if (r->ctxt == NULL && !r->begun) {
		r->begun = 1;
		xml_input_begin(&r->input, &r->parser_options);
	}
	n = read_input(r, (char *)r->chunk, CHUNK_BYTES);
	if (n >= 0 && r->ctxt == NULL)
		ret = start_parser(r, n);
	else if (n >= 0)
		ret = xmlParseChunk(r->ctxt, (const char *)r->chunk, n, n == 0);
	if (!r->parse_ended) {
		if (n < 0 || ret != 0 || r->xerr.failed || r->ctxt == NULL ||
		    !r->ctxt->wellFormed)
			document_error(r);
		else if (n == 0)
			document_end(r);
	}
	xml_errors_watch(NULL);
}

/* The next item of the file: a unit, a warning, its end or an error. */
static void
next_item(struct tmx_reader *r, struct queued *item)
{
	while (r->next_pending == r->npending) {
		r->next_pending = r->npending = 0;
		if (r->parse_ended) {
			item->kind = QUEUED_END;
			unit_init(&item->unit);
			item->error = NULL;
			return;
		}
		feed(r);
	}
	*item = r->pending[r->next_pending++];
}

/*
 * An item to the caller of tmx_reader_next(): 1 with a unit (now the
 * caller's), 0 at the end, -1 with an error; 2 after a warning, said.
 */
static int
give_item(struct tmx_reader *r, struct queued *item, struct tmg_unit *unit,
	  struct tmg_error *err)
{
	switch (item->kind) {
	case QUEUED_WARNING:
		r->warn(r->warn_data, item->error);
		free(item->error);
		return 2;
	case QUEUED_UNIT:
		*unit = item->unit;
		return 1;
	case QUEUED_END:
		return 0;
	case QUEUED_ERROR:
		*err = *item->error;
		free(item->error);
		return -1;
	}
	return -1;
}

/* Read the next unit in the calling thread (see tmx_reader_next). */
static int
read_next_unit(struct tmx_reader *r, struct tmg_unit *unit,
	       struct tmg_error *err)
{
	struct queued item;
	int ret;

	unit_clear(unit);
	do {
		next_item(r, &item);
		ret = give_item(r, &item, unit, err);
	} while (ret == 2);
	return ret;
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
	size_t nfree, bytes = a->out_bytes;
	int urgent = a->nout > 0 && a->out[a->nout - 1].kind != QUEUED_UNIT;

	pthread_mutex_lock(&a->lock);
	while (!a->stop && (a->count + a->nout > READ_AHEAD_UNITS ||
			    (a->count > 0 &&
			     a->bytes + bytes > READ_AHEAD_BYTES))) {
		/* a queue full of long texts may hold fewer items than
		 * wake a waiting caller */
		if (a->consumer_waits) {
			a->consumer_waits = 0;
			pthread_cond_signal(&a->not_empty);
		}
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
	a->bytes += bytes;
	a->nout = 0;
	a->out_bytes = 0;
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
	a->out_bytes += item->bytes;
	if (a->nout < READ_AHEAD_BATCH && item->kind == QUEUED_UNIT &&
	    a->out_bytes < READ_AHEAD_BYTES / 4)
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
	for (size_t i = 0; i < take; i++) {
		a->in[i] = a->items[(a->head + i) % READ_AHEAD_UNITS];
		a->bytes -= a->in[i].bytes;
	}
	a->head = (a->head + take) % READ_AHEAD_UNITS;
	a->count -= take;
	if (a->producer_waits && a->count <= READ_AHEAD_WAKE &&
	    a->bytes <= READ_AHEAD_BYTES / 2) {
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
	struct queued item;

	if (r->size >= BULKMEM_FILE_BYTES)
		bulkmem_thread_begin();
	do {
		next_item(r, &item);
		if (item.kind == QUEUED_UNIT) {
			/* hashed here, not in the storing thread */
			item.unit.content_hash = unit_content_hash(&item.unit);
			item.unit.content_hash_known = 1;
		}
		if (queue_push(r->ahead, &item) < 0)
			break;
	} while (item.kind == QUEUED_UNIT || item.kind == QUEUED_WARNING);
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
	int ret;

	if (r->ahead_finished) {
		unit_clear(unit);
		return 0;
	}
	do {
		/* the previous unit goes back to the parsing thread */
		queue_pop(r->ahead, &item, unit);
		unit_clear(unit); /* when there was no room for it */
		ret = give_item(r, &item, unit, err);
	} while (ret == 2);
	if (ret <= 0)
		r->ahead_finished = 1;
	return ret;
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
