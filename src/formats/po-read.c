/*
 * po-read.c -- gettext PO files read as documents to translate, through
 * gettext's own libgettextpo: one struct tmg_docseg per message, or per
 * plural form of a plural message.
 *
 * What the reader gives:
 *   - a message's msgid as source (msgid_plural for plural forms 1, 2,
 *     ...; segment_id is the form's index, "0", "1", ...), its msgstr as
 *     target (NULL when empty), msgctxt as resname; the markup is the
 *     text with &, < and > escaped, as TMX inline markup stores text;
 *   - state: DOCSEG_TRANSLATED for a msgstr that is not fuzzy, DOCSEG_DRAFT
 *     for a fuzzy one, DOCSEG_NEW for an empty one (fuzzy or not: there is
 *     no target); state_name "translated", "fuzzy" or "untranslated";
 *   - translator (#) and extracted (#.) comments as notes; format flags
 *     and range (x-po-flags), references (x-po-references) and the previous
 *     msgctxt, msgid and msgid_plural of #| lines (x-po-previous-msgctxt,
 *     x-po-previous-msgid, x-po-previous-msgid-plural) as props;
 *   - line: the line of the message's msgid keyword.  libgettextpo (0.21)
 *     has no line for a message, so the file is scanned once for its msgid
 *     lines and the n-th message read is given the n-th of them (a
 *     duplicate libgettextpo drops is left out by the line it reports).
 * The header entry (msgid "") is no segment.  Obsolete messages (#~) are
 * skipped and counted: po_reader_obsolete().
 *
 * Languages: the target is the header's Language field (gettext's "zh_CN"
 * and "sr@latin" forms taken), else options->tgt, else "" (the caller asks
 * for one when it needs it).  The source is options->src, else "en": GNU
 * gettext asks for msgids in English, and a file has no field that says
 * otherwise.  Both are canonical BCP 47 (text/lang.c).
 *
 * Encodings: texts come out in UTF-8, converted with iconv from the
 * header's charset.  A file whose header names another charset but whose
 * bytes are all valid UTF-8 with some non-ASCII among them is read as
 * UTF-8, with a warning (OmegaT's test file says CP1251 and is UTF-8); no
 * charset, or gettext's template value CHARSET, means UTF-8.  A UTF-8 byte
 * order mark, which gettext refuses as a syntax error on line 1, is taken
 * off: the file is read from a temporary copy without it.
 *
 * Errors: libgettextpo reports through a po_xerror_handler, never on
 * stderr, and never exits (a fatal error jumps back out of it).  The
 * first error ends the file: "file:line:column: not a valid PO file: ..."
 * with libgettextpo's own words.  A duplicate message is not an error
 * here: libgettextpo keeps the first definition, and the reader warns
 * about the one it leaves out.  libgettextpo's warnings (charset names
 * that are not portable, header fields left at their template values)
 * concern msgfmt's output and are not passed on.
 *
 * libgettextpo keeps its error handler in globals: one PO file is opened
 * at a time (po_reader_open() is not thread-safe; reading is).  A file is
 * read whole into memory by libgettextpo; segments are then handed out
 * one at a time.
 */
#include <config.h>

#include <errno.h>
#include <iconv.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/i18n.h"
#include "formats/formats.h"
#include "formats/po-lib.h"
#include "text/text.h"

/* One msgid line of the file, found by the scan. */
struct po_line {
	long line;
	int obsolete;
	size_t domain;      /* index in the reader's domain names */
};

struct po_errors;

struct po_reader {
	char *path;
	po_file_t file;
	const char *const *domains;
	size_t domain;      /* the domain being read */
	po_message_iterator_t it;
	po_message_t msg;   /* the message whose forms are handed out */
	int form, nforms;   /* next plural form; forms of msg (1 if none) */
	long msg_line;

	iconv_t cd;         /* (iconv_t)-1: the file is UTF-8 already */
	char srclang[TMG_LANG_MAX], tgtlang[TMG_LANG_MAX];

	struct po_line *lines;
	size_t nlines, alines, next_line;
	char **domain_names;
	size_t ndomain_names, adomain_names;
	long *dropped;      /* msgid lines of duplicates libgettextpo left out */
	size_t ndropped, adropped;

	unsigned long obsolete, segments;
	struct po_errors *errors;  /* while po_file_read() runs */
	glossary_warning_fn warn;
	void *warn_data;
};

/* ------------------------------------------------ libgettextpo's errors */

/* What the handlers fill while po_file_read() runs (libgettextpo's
 * handler has no user data: one file at a time, see above). */
struct po_errors {
	struct po_reader *r;
	struct tmg_error *err;
	int failed;
	jmp_buf fatal;
};

static struct po_errors *current_errors;

static void
po_error_record(int severity, const char *filename, size_t lineno,
		size_t column, const char *text)
{
	struct po_errors *e = current_errors;
	long line = 0, col = 0;
	size_t n = strlen(text);
	char *msg;

	if (severity == PO_SEVERITY_WARNING)
		return;
	if (!e->failed) {
		if (filename != NULL && lineno != (size_t)-1) {
			line = (long)lineno;
			if (column != (size_t)-1)
				col = (long)column;
		}
		while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' '))
			n--;
		msg = xstrndup(text, n);
		tmg_error_set(e->err, e->r->path, line, col,
			      _("not a valid PO file: %s"), msg);
		free(msg);
		e->failed = 1;
	}
	if (severity == PO_SEVERITY_FATAL_ERROR)
		longjmp(e->fatal, 1);
}

static void
po_xerror(int severity, po_message_t message, const char *filename,
	  size_t lineno, size_t column, int multiline_p,
	  const char *message_text)
{
	po_error_record(severity, filename, lineno, column, message_text);
}

/* libgettextpo's only two-message report while reading: a duplicate
 * message (the first location is the one it leaves out). */
static void
po_xerror2(int severity, po_message_t message1, const char *filename1,
	   size_t lineno1, size_t column1, int multiline_p1,
	   const char *message_text1, po_message_t message2,
	   const char *filename2, size_t lineno2, size_t column2,
	   int multiline_p2, const char *message_text2)
{
	struct po_reader *r = current_errors->r;
	struct tmg_error warning;

	if (severity == PO_SEVERITY_FATAL_ERROR || filename1 == NULL ||
	    lineno1 == (size_t)-1) {
		po_error_record(severity, filename1, lineno1, column1,
				message_text1);
		return;
	}
	if (severity == PO_SEVERITY_WARNING)
		return;
	ALLOC_GROW(r->dropped, r->ndropped + 1, r->adropped);
	r->dropped[r->ndropped++] = (long)lineno1;
	if (r->warn) {
		tmg_error_set(&warning, r->path, (long)lineno1, 0,
			      _("a second definition of the same message is skipped"));
		r->warn(r->warn_data, &warning);
	}
}

static const struct po_xerror_handler po_handler = { po_xerror, po_xerror2 };

/* ---------------------------------------------------- scanning the file */

static int
starts_keyword(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - p) > n && memcmp(p, word, n) == 0 &&
	       (p[n] == ' ' || p[n] == '\t' || p[n] == '"');
}

static size_t
domain_index(struct po_reader *r, const char *name, size_t len)
{
	for (size_t i = 0; i < r->ndomain_names; i++)
		if (strlen(r->domain_names[i]) == len &&
		    memcmp(r->domain_names[i], name, len) == 0)
			return i;
	ALLOC_GROW(r->domain_names, r->ndomain_names + 1, r->adomain_names);
	r->domain_names[r->ndomain_names] = xstrndup(name, len);
	return r->ndomain_names++;
}

/* The msgid lines of the file, and the domain each belongs to. */
static void
scan_lines(struct po_reader *r, const char *data, size_t size)
{
	const char *p = data, *end = data + size, *eol;
	size_t domain = domain_index(r, "messages", 8);
	long line = 1;

	for (; p < end; p = eol + 1, line++) {
		int obsolete = 0;

		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		while (p < eol && (*p == ' ' || *p == '\t'))
			p++;
		if (eol - p >= 2 && p[0] == '#' && p[1] == '~') {
			obsolete = 1;
			for (p += 2; p < eol && (*p == ' ' || *p == '\t'); p++)
				;
		}
		if (!obsolete && starts_keyword(p, eol, "domain")) {
			const char *q = memchr(p, '"', (size_t)(eol - p)), *qe;

			if (q && (qe = memchr(q + 1, '"', (size_t)(eol - q - 1))))
				domain = domain_index(r, q + 1,
						      (size_t)(qe - q - 1));
		} else if (starts_keyword(p, eol, "msgid")) {
			ALLOC_GROW(r->lines, r->nlines + 1, r->alines);
			r->lines[r->nlines].line = line;
			r->lines[r->nlines].obsolete = obsolete;
			r->lines[r->nlines].domain = domain;
			r->nlines++;
		}
		if (eol == end)
			break;
	}
}

static int
is_dropped(const struct po_reader *r, long line)
{
	for (size_t i = 0; i < r->ndropped; i++)
		if (r->dropped[i] == line)
			return 1;
	return 0;
}

/* The line of the next message of the current domain (0 when the scan
 * and libgettextpo disagree). */
static long
message_line(struct po_reader *r, int obsolete)
{
	const char *name = r->domains[r->domain];
	size_t want = r->ndomain_names;

	for (size_t i = 0; i < r->ndomain_names; i++)
		if (strcmp(r->domain_names[i], name) == 0)
			want = i;
	while (r->next_line < r->nlines) {
		const struct po_line *l = &r->lines[r->next_line++];

		if (l->domain == want && !is_dropped(r, l->line) &&
		    l->obsolete == obsolete)
			return l->line;
	}
	return 0;
}

/*
 * libgettextpo up to 0.21 returns the header and the comments of a
 * message as fresh copies it never frees (its source says "FIXME: memory
 * leak"), "" when there is none; the reader frees them.  Later versions
 * are left alone (a small leak rather than a double free).
 */
static void
free_po_copy(const char *s)
{
	if (s && *s && libgettextpo_version < 0x001600)
		free((char *)s);
}

/* ------------------------------------------------------ text and charset */

/* Is [p, end) valid UTF-8?  *non_ascii is set when it has a byte >= 0x80. */
static int
valid_utf8(const char *p, const char *end, int *non_ascii)
{
	const unsigned char *s = (const unsigned char *)p;
	const unsigned char *e = (const unsigned char *)end;

	*non_ascii = 0;
	while (s < e) {
		unsigned c = *s;
		size_t n;
		unsigned cp;

		if (c < 0x80) {
			s++;
			continue;
		}
		*non_ascii = 1;
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if ((size_t)(e - s) <= n)
			return 0;
		for (size_t i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i] & 0x3f);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return 0;
		s += n + 1;
	}
	return 1;
}

static int
is_utf8_name(const char *charset)
{
	return strcasecmp(charset, "UTF-8") == 0 ||
	       strcasecmp(charset, "UTF8") == 0;
}

/* The charset of the header's Content-Type ("" when there is none). */
static void
header_charset(const char *header, char *out, size_t size)
{
	char *type = header ? po_header_field(header, "Content-Type") : NULL;
	const char *p;
	size_t n = 0;

	out[0] = '\0';
	if (type == NULL)
		return;
	p = strstr(type, "charset=");
	if (p) {
		for (p += 8; *p == ' ' || *p == '\t'; p++)
			;
		while (p[n] && p[n] != ';' && p[n] != ' ' && p[n] != '\t' &&
		       p[n] != '\r' && p[n] != '\n' && n + 1 < size) {
			out[n] = p[n];
			n++;
		}
		out[n] = '\0';
	}
	free(type);
}

/* `s` in UTF-8 (a copy); NULL with `err` set when it does not convert. */
static char *
to_utf8(struct po_reader *r, const char *s, struct tmg_error *err)
{
	size_t in_left = strlen(s), out_size = in_left * 4 + 8, out_left;
	char *out, *in = (char *)s, *o;
	int non_ascii;

	if (r->cd == (iconv_t)-1) {
		if (!valid_utf8(s, s + in_left, &non_ascii)) {
			tmg_error_set(err, r->path, r->msg_line, 0,
				      _("the message is not valid UTF-8"));
			return NULL;
		}
		return xstrdup(s);
	}
	out = xmalloc(out_size);
	o = out;
	out_left = out_size - 1;
	iconv(r->cd, NULL, NULL, NULL, NULL);
	if (iconv(r->cd, &in, &in_left, &o, &out_left) == (size_t)-1 ||
	    iconv(r->cd, NULL, NULL, &o, &out_left) == (size_t)-1) {
		free(out);
		tmg_error_set(err, r->path, r->msg_line, 0,
			      _("the message cannot be converted to UTF-8"));
		return NULL;
	}
	*o = '\0';
	return out;
}

/* The markup of a plain text: &, < and > escaped. */
static char *
escape_markup(const char *text)
{
	struct strbuf sb = { 0 };

	for (const char *p = text; *p; p++) {
		if (*p == '&')
			strbuf_addstr(&sb, "&amp;");
		else if (*p == '<')
			strbuf_addstr(&sb, "&lt;");
		else if (*p == '>')
			strbuf_addstr(&sb, "&gt;");
		else
			strbuf_addch(&sb, *p);
	}
	if (sb.buf == NULL)
		return xstrdup("");
	return strbuf_detach(&sb);
}

/* gettext's language ("zh_CN", "sr@latin", "fr") canonicalised; -1 when
 * it is no language tag. */
static int
po_language(const char *value, char out[TMG_LANG_MAX])
{
	char tag[TMG_LANG_MAX];
	const char *at = strchr(value, '@');
	size_t n = at ? (size_t)(at - value) : strlen(value);

	while (n > 0 && (value[n - 1] == ' ' || value[n - 1] == '\r'))
		n--;
	while (n > 0 && *value == ' ')
		value++, n--;
	if (n == 0 || n >= sizeof tag)
		return -1;
	memcpy(tag, value, n);
	tag[n] = '\0';
	if (at && strcmp(at, "@latin") == 0 && n + 5 < sizeof tag)
		strcat(tag, "-Latn");
	else if (at && strcmp(at, "@cyrillic") == 0 && n + 5 < sizeof tag)
		strcat(tag, "-Cyrl");
	return lang_canonicalize(tag, out, TMG_LANG_MAX);
}

/* -------------------------------------------------------------- opening */

/* A copy of data without its first `skip` bytes in a temporary file. */
static char *
temporary_copy(const char *path, const char *data, size_t size,
	       struct tmg_error *err)
{
	const char *dir = getenv("TMPDIR");
	struct strbuf name = { 0 };
	int fd;
	FILE *f;

	strbuf_addstr(&name, dir && *dir ? dir : "/tmp");
	strbuf_addstr(&name, "/tmgloss-po-XXXXXX");
	fd = mkstemp(name.buf);
	if (fd < 0 || (f = fdopen(fd, "wb")) == NULL) {
		tmg_error_set(err, path, 0, 0,
			      _("cannot make a temporary file: %s"),
			      strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(name.buf);
		}
		strbuf_release(&name);
		return NULL;
	}
	if (fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		tmg_error_set(err, path, 0, 0,
			      _("cannot make a temporary file: %s"),
			      strerror(errno));
		unlink(name.buf);
		strbuf_release(&name);
		return NULL;
	}
	return strbuf_detach(&name);
}

static int
set_languages(struct po_reader *r, const char *header,
	      const struct po_read_options *options, struct tmg_error *err)
{
	const char *src = options && options->src ? options->src : "en";
	const char *tgt = options ? options->tgt : NULL;
	char *language = header ? po_header_field(header, "Language") : NULL;

	if (lang_canonicalize(src, r->srclang, TMG_LANG_MAX) < 0) {
		tmg_error_set(err, r->path, 0, 0,
			      _("not a language tag: %s"), src);
		free(language);
		return -1;
	}
	if (language && po_language(language, r->tgtlang) == 0) {
		free(language);
		return 0;
	}
	if (language && *language && r->warn) {
		struct tmg_error warning;

		tmg_error_set(&warning, r->path, 0, 0,
			      _("the header's Language is not a language tag: %s"),
			      language);
		r->warn(r->warn_data, &warning);
	}
	free(language);
	r->tgtlang[0] = '\0';
	if (tgt && lang_canonicalize(tgt, r->tgtlang, TMG_LANG_MAX) < 0) {
		tmg_error_set(err, r->path, 0, 0,
			      _("not a language tag: %s"), tgt);
		return -1;
	}
	return 0;
}

static int
set_charset(struct po_reader *r, const char *header, const char *data,
	    size_t size, struct tmg_error *err)
{
	char charset[64];
	int non_ascii, utf8 = valid_utf8(data, data + size, &non_ascii);

	r->cd = (iconv_t)-1;
	header_charset(header, charset, sizeof charset);
	if (charset[0] == '\0' || strcmp(charset, "CHARSET") == 0 ||
	    is_utf8_name(charset))
		return 0;
	if (utf8 && non_ascii) {
		if (r->warn) {
			struct tmg_error warning;

			tmg_error_set(&warning, r->path, 0, 0,
				      _("the header says charset %s, but the file is UTF-8: it is read as UTF-8"),
				      charset);
			r->warn(r->warn_data, &warning);
		}
		return 0;
	}
	r->cd = iconv_open("UTF-8", charset);
	if (r->cd == (iconv_t)-1) {
		tmg_error_set(err, r->path, 0, 0,
			      _("unknown charset in the PO header: %s"),
			      charset);
		return -1;
	}
	return 0;
}

struct po_reader *
po_reader_open(const char *path, const struct po_read_options *options,
	       glossary_warning_fn warn, void *warn_data,
	       struct tmg_error *err)
{
	struct po_reader *r = xcalloc(1, sizeof *r);
	struct strbuf data = { 0 };
	/* on the heap: longjmp() leaves automatic variables changed since
	 * setjmp() indeterminate */
	struct po_errors *errors = xcalloc(1, sizeof *errors);
	const char *read_path = path, *header;
	char *copy = NULL;
	size_t skip = 0;

	r->path = xstrdup(path);
	r->warn = warn;
	r->warn_data = warn_data;
	r->cd = (iconv_t)-1;
	r->errors = errors; /* freed with the reader on every path */
	if (po_lib_load(err) < 0 || strbuf_read_file(&data, path, err) < 0)
		goto fail;
	if (data.len >= 3 && memcmp(data.buf, "\xef\xbb\xbf", 3) == 0) {
		skip = 3;
		copy = temporary_copy(path, data.buf + 3, data.len - 3, err);
		if (copy == NULL)
			goto fail;
		read_path = copy;
	}
	scan_lines(r, data.buf ? data.buf + skip : "", data.len - skip);

	errors->r = r;
	errors->err = err;
	r->errors = errors;
	current_errors = errors;
	if (setjmp(errors->fatal) == 0)
		r->file = po_file_read(read_path, &po_handler);
	current_errors = NULL;
	if (copy) {
		unlink(copy);
		free(copy);
		copy = NULL;
	}
	if (errors->failed || r->file == NULL) {
		/* after a fatal error libgettextpo's file is lost */
		if (!errors->failed)
			tmg_error_set(err, path, 0, 0,
				      _("not a valid PO file: %s"),
				      _("cannot read"));
		goto fail;
	}
	r->domains = po_file_domains(r->file);
	header = po_file_domain_header(r->file, r->domains[0]);
	if (set_languages(r, header, options, err) < 0 ||
	    set_charset(r, header, data.buf ? data.buf + skip : "",
			data.len - skip, err) < 0) {
		free_po_copy(header);
		goto fail;
	}
	free_po_copy(header);
	strbuf_release(&data);
	return r;
fail:
	strbuf_release(&data);
	po_reader_close(r);
	return NULL;
}

/* ------------------------------------------------------------- reading */

static void
add_annotation(struct tmg_docseg *seg, int is_note, const char *type,
	       char *value)
{
	struct tmg_annotation *a;
	size_t n = strlen(value);

	while (n > 0 && value[n - 1] == '\n')
		value[--n] = '\0';
	if (n == 0) {
		free(value);
		return;
	}
	a = annotations_add(&seg->notes, is_note);
	a->type = type ? xstrdup(type) : NULL;
	a->value = value;
}

/* Add a converted string as a note or prop; -1 when it does not convert. */
static int
add_converted(struct po_reader *r, struct tmg_docseg *seg, int is_note,
	      const char *type, const char *value, struct tmg_error *err)
{
	char *s;

	if (value == NULL || *value == '\0')
		return 0;
	s = to_utf8(r, value, err);
	if (s == NULL)
		return -1;
	if (is_note) {
		/* a comment line "# text" gives " text": the space goes */
		char *w = s;

		for (const char *p = s; *p; p++) {
			if (*p == ' ' && (p == s || p[-1] == '\n'))
				continue;
			*w++ = *p;
		}
		*w = '\0';
	}
	add_annotation(seg, is_note, type, s);
	return 0;
}

static void
add_flags(po_message_t msg, struct tmg_docseg *seg)
{
	const char *const *formats = po_format_list();
	struct strbuf sb = { 0 };
	int min, max;

	for (; *formats; formats++) {
		if (!po_message_is_format(msg, *formats))
			continue;
		if (sb.len)
			strbuf_addstr(&sb, ", ");
		strbuf_addstr(&sb, *formats);
	}
	if (po_message_is_range(msg, &min, &max)) {
		char range[64];

		snprintf(range, sizeof range, "range: %d..%d", min, max);
		if (sb.len)
			strbuf_addstr(&sb, ", ");
		strbuf_addstr(&sb, range);
	}
	if (sb.len)
		add_annotation(seg, 0, "x-po-flags", strbuf_detach(&sb));
}

static int
add_references(struct po_reader *r, po_message_t msg, struct tmg_docseg *seg,
	       struct tmg_error *err)
{
	struct strbuf sb = { 0 };
	po_filepos_t pos;
	int ret;

	for (int i = 0; (pos = po_message_filepos(msg, i)) != NULL; i++) {
		size_t line = po_filepos_start_line(pos);

		if (sb.len)
			strbuf_addch(&sb, ' ');
		strbuf_addstr(&sb, po_filepos_file(pos));
		if (line != (size_t)-1) {
			char num[32];

			snprintf(num, sizeof num, ":%lu", (unsigned long)line);
			strbuf_addstr(&sb, num);
		}
	}
	if (sb.len == 0)
		return 0;
	ret = add_converted(r, seg, 0, "x-po-references", sb.buf, err);
	strbuf_release(&sb);
	return ret;
}

/* The next message that is a segment, or NULL at the end of the file. */
static po_message_t
next_message(struct po_reader *r)
{
	po_message_t msg;

	for (;;) {
		if (r->it == NULL) {
			if (r->domains[r->domain] == NULL)
				return NULL;
			r->it = po_message_iterator(r->file,
						    r->domains[r->domain]);
		}
		msg = po_next_message(r->it);
		if (msg == NULL) {
			po_message_iterator_free(r->it);
			r->it = NULL;
			r->domain++;
			continue;
		}
		r->msg_line = message_line(r, po_message_is_obsolete(msg));
		if (po_message_is_obsolete(msg)) {
			r->obsolete++;
			continue;
		}
		/* the header entry */
		if (*po_message_msgid(msg) == '\0' &&
		    po_message_msgctxt(msg) == NULL)
			continue;
		return msg;
	}
}

int
po_reader_next(struct po_reader *r, struct tmg_docseg *seg,
	       struct tmg_error *err)
{
	po_message_t msg;
	const char *source, *target, *ctxt, *comments, *extracted;
	int form, ret;
	char id[16];

	docseg_clear(seg);
	if (r->msg == NULL || r->form >= r->nforms) {
		r->msg = next_message(r);
		if (r->msg == NULL)
			return 0;
		r->form = 0;
		r->nforms = 1;
		if (po_message_msgid_plural(r->msg))
			while (po_message_msgstr_plural(r->msg, r->nforms))
				r->nforms++;
	}
	msg = r->msg;
	form = r->form++;
	memcpy(seg->srclang, r->srclang, TMG_LANG_MAX);
	memcpy(seg->tgtlang, r->tgtlang, TMG_LANG_MAX);
	seg->line = r->msg_line;
	if (po_message_msgid_plural(msg)) {
		snprintf(id, sizeof id, "%d", form);
		seg->segment_id = xstrdup(id);
		source = form == 0 ? po_message_msgid(msg)
				   : po_message_msgid_plural(msg);
		target = po_message_msgstr_plural(msg, form);
	} else {
		source = po_message_msgid(msg);
		target = po_message_msgstr(msg);
	}
	if ((seg->source_text = to_utf8(r, source, err)) == NULL)
		goto fail;
	seg->source_markup = escape_markup(seg->source_text);
	if (target && *target) {
		if ((seg->target_text = to_utf8(r, target, err)) == NULL)
			goto fail;
		seg->target_markup = escape_markup(seg->target_text);
	}
	ctxt = po_message_msgctxt(msg);
	if (ctxt && (seg->resname = to_utf8(r, ctxt, err)) == NULL)
		goto fail;
	if (seg->target_text == NULL) {
		seg->state = DOCSEG_NEW;
		seg->state_name = xstrdup(po_message_is_fuzzy(msg) ?
					  "fuzzy" : "untranslated");
	} else if (po_message_is_fuzzy(msg)) {
		seg->state = DOCSEG_DRAFT;
		seg->state_name = xstrdup("fuzzy");
	} else {
		seg->state = DOCSEG_TRANSLATED;
		seg->state_name = xstrdup("translated");
	}
	comments = po_message_comments(msg);
	extracted = po_message_extracted_comments(msg);
	ret = add_converted(r, seg, 1, NULL, comments, err) < 0 ||
	      add_converted(r, seg, 1, NULL, extracted, err) < 0;
	free_po_copy(comments);
	free_po_copy(extracted);
	if (ret)
		goto fail;
	add_flags(msg, seg);
	if (add_references(r, msg, seg, err) < 0 ||
	    add_converted(r, seg, 0, "x-po-previous-msgctxt",
			  po_message_prev_msgctxt(msg), err) < 0 ||
	    add_converted(r, seg, 0, "x-po-previous-msgid",
			  po_message_prev_msgid(msg), err) < 0 ||
	    add_converted(r, seg, 0, "x-po-previous-msgid-plural",
			  po_message_prev_msgid_plural(msg), err) < 0)
		goto fail;
	r->segments++;
	return 1;
fail:
	docseg_clear(seg);
	return -1;
}

const char *
po_reader_target_lang(const struct po_reader *r)
{
	return r->tgtlang;
}

unsigned long
po_reader_obsolete(const struct po_reader *r)
{
	return r->obsolete;
}

void
po_reader_close(struct po_reader *r)
{
	if (r == NULL)
		return;
	if (r->it)
		po_message_iterator_free(r->it);
	if (r->file)
		po_file_free(r->file);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	for (size_t i = 0; i < r->ndomain_names; i++)
		free(r->domain_names[i]);
	free(r->domain_names);
	free(r->lines);
	free(r->dropped);
	free(r->errors);
	free(r->path);
	free(r);
}
