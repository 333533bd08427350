/*
 * tsv.c -- delimited glossaries: OmegaT's tab-separated files and CSV.
 *
 * Reader.  One row is one concept: a term per language column, the other
 * columns as notes.  What it reads:
 *   - encodings: UTF-8 with or without BOM, UTF-16 LE or BE with BOM (or
 *     recognised by its NUL bytes); anything else is refused at the line of
 *     the first byte that is not UTF-8;
 *   - OmegaT's first-line magic comment ("# -*- coding: utf-8 -*-");
 *   - the separator, found on the first data line outside quotes: a tab,
 *     else a comma, else a semicolon;
 *   - CSV quoting as in RFC 4180 (quoted fields may hold separators, line
 *     breaks and doubled quotes); white space around a field is dropped
 *     unless it is inside quotes; TSV fields are not quoted;
 *   - a header row when the first two fields of the first row are language
 *     tags ICU knows ("fr<TAB>zh-CN<TAB>comment"): language columns give
 *     terms, other columns notes named by their header; without a header,
 *     columns are source, target, comment (OmegaT) in the languages given by
 *     the caller, and the first data row without them is an error.
 * Blank and white-space-only lines are ignored.  A row without a
 * separator, without a first-language term or without any other term is an
 * error (file:line), or a warning and skipped with skip_invalid.
 *
 * The file is read whole into memory (glossaries are small beside a
 * memory); rows are then parsed one at a time.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/records.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "formats/formats.h"
#include "text/text.h"

struct column {
	char lang[TMG_LANG_MAX]; /* a language column, or "" for a note */
	char *name;              /* a note column's header, or NULL */
};

struct tsv_reader {
	char *path;
	char *data;          /* the file in UTF-8, NUL-terminated */
	size_t size, pos;
	long line;           /* line of data[pos] */
	char sep;            /* '\t', ',' or ';'; 0 until the first row */
	struct tsv_read_options options;
	glossary_warning_fn warn;
	void *warn_data;
	int header_done;
	struct column *columns;
	size_t ncolumns;
	/* the current row */
	char **fields;
	size_t nfields, afields;
	struct strbuf field;
};

/* ------------------------------------------------------------ decoding */

/* UTF-16 (big_endian or not) to UTF-8; -1 with err on a lone surrogate. */
static int
decode_utf16(const char *path, const unsigned char *in, size_t n,
	     int big_endian, struct strbuf *out, struct tmg_error *err)
{
	long line = 1;
	char utf8[4];

	if (n % 2) {
		tmg_error_set(err, path, 0, 0, "%s",
			      _("UTF-16 text with an odd number of bytes"));
		return -1;
	}
	for (size_t i = 0; i < n; i += 2) {
		unsigned long c = big_endian ? (unsigned long)in[i] << 8 | in[i + 1]
					     : (unsigned long)in[i + 1] << 8 | in[i];
		if (c >= 0xd800 && c < 0xdc00 && i + 3 < n) {
			unsigned long d = big_endian
				? (unsigned long)in[i + 2] << 8 | in[i + 3]
				: (unsigned long)in[i + 3] << 8 | in[i + 2];
			if (d >= 0xdc00 && d < 0xe000) {
				c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
				i += 2;
			}
		}
		if (c >= 0xd800 && c < 0xe000) {
			tmg_error_set(err, path, line, 0, "%s",
				      _("invalid UTF-16 (a lone surrogate)"));
			return -1;
		}
		if (c == '\n')
			line++;
		strbuf_add(out, utf8, utf8_encode(utf8, c));
	}
	return 0;
}

/* Length of the UTF-8 sequence at s (at most n bytes), or 0 if invalid. */
static size_t
utf8_sequence(const unsigned char *s, size_t n)
{
	unsigned long c;
	size_t len;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c < 0xe000))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	return len;
}

static int
check_utf8(const char *path, const char *s, size_t n, struct tmg_error *err)
{
	long line = 1;

	for (size_t i = 0; i < n;) {
		size_t len = utf8_sequence((const unsigned char *)s + i, n - i);
		if (len == 0) {
			tmg_error_set(err, path, line, 0, "%s",
				      _("the text is not UTF-8 (save the "
					"glossary as UTF-8 or UTF-16)"));
			return -1;
		}
		if (s[i] == '\n')
			line++;
		if (s[i] == '\0') {
			tmg_error_set(err, path, line, 0, "%s",
				      _("a NUL byte in the text"));
			return -1;
		}
		i += len;
	}
	return 0;
}

static int
read_whole_file(const char *path, unsigned char **data, size_t *size,
		struct tmg_error *err)
{
	struct strbuf sb = { 0 };
	char buf[65536];
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;

	if (fd < 0) {
		tmg_error_set(err, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		tmg_error_set(err, path, 0, 0, "%s", strerror(EISDIR));
		close(fd);
		return -1;
	}
	while ((got = read(fd, buf, sizeof buf)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			tmg_error_set(err, path, 0, 0, "%s", strerror(errno));
			close(fd);
			strbuf_release(&sb);
			return -1;
		}
		strbuf_add(&sb, buf, (size_t)got);
	}
	close(fd);
	*size = sb.len;
	*data = (unsigned char *)strbuf_detach(&sb);
	return 0;
}

/* The file as UTF-8 without BOM into r->data. */
static int
load_text(struct tsv_reader *r, struct tmg_error *err)
{
	unsigned char *raw;
	size_t n;
	struct strbuf out = { 0 };

	if (read_whole_file(r->path, &raw, &n, err) < 0)
		return -1;
	if (n >= 2 && ((raw[0] == 0xff && raw[1] == 0xfe) ||
		       (raw[0] == 0xfe && raw[1] == 0xff))) {
		if (decode_utf16(r->path, raw + 2, n - 2, raw[0] == 0xfe, &out,
				 err) < 0)
			goto fail;
	} else if (n >= 4 && raw[0] != 0 && raw[1] == 0 && raw[3] == 0) {
		if (decode_utf16(r->path, raw, n, 0, &out, err) < 0)
			goto fail;
	} else if (n >= 4 && raw[0] == 0 && raw[2] == 0 && raw[1] != 0) {
		if (decode_utf16(r->path, raw, n, 1, &out, err) < 0)
			goto fail;
	} else {
		size_t skip = n >= 3 && raw[0] == 0xef && raw[1] == 0xbb &&
			      raw[2] == 0xbf ? 3 : 0;
		if (check_utf8(r->path, (char *)raw + skip, n - skip, err) < 0)
			goto fail;
		strbuf_add(&out, (char *)raw + skip, n - skip);
	}
	free(raw);
	/* a BOM decoded from UTF-16 without its own marker */
	if (out.len >= 3 && memcmp(out.buf, "\xef\xbb\xbf", 3) == 0) {
		memmove(out.buf, out.buf + 3, out.len - 2);
		out.len -= 3;
	}
	if (out.buf == NULL)
		strbuf_addstr(&out, "");
	r->size = out.len;
	r->data = strbuf_detach(&out);
	return 0;
fail:
	free(raw);
	strbuf_release(&out);
	return -1;
}

/* ------------------------------------------------------------ rows */

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static void
trim(struct strbuf *sb)
{
	size_t start = 0;

	while (sb->len > 0 && (is_blank(sb->buf[sb->len - 1]) ||
			       sb->buf[sb->len - 1] == '\r'))
		sb->buf[--sb->len] = '\0';
	while (start < sb->len && is_blank(sb->buf[start]))
		start++;
	if (start) {
		memmove(sb->buf, sb->buf + start, sb->len - start + 1);
		sb->len -= start;
	}
}

static void
push_field(struct tsv_reader *r)
{
	ALLOC_GROW(r->fields, r->nfields + 1, r->afields);
	r->fields[r->nfields++] = xstrdup(r->field.buf ? r->field.buf : "");
	strbuf_reset(&r->field);
}

static void
clear_fields(struct tsv_reader *r)
{
	for (size_t i = 0; i < r->nfields; i++)
		free(r->fields[i]);
	r->nfields = 0;
}

/* The separator of a line: the first tab, else comma, else semicolon
 * outside double quotes; 0 when there is none. */
static char
find_separator(const char *p)
{
	int quoted = 0, comma = 0, semicolon = 0;

	for (; *p && *p != '\n'; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '\t')
			return '\t';
		else if (!quoted && *p == ',')
			comma = 1;
		else if (!quoted && *p == ';')
			semicolon = 1;
	}
	return comma ? ',' : semicolon ? ';' : 0;
}

static int
line_is_blank(const char *p)
{
	for (; *p && *p != '\n'; p++)
		if (!is_blank(*p) && *p != '\r')
			return 0;
	return 1;
}

/*
 * Parse the next non-blank row into r->fields; *line gets its first line.
 * Returns 1, 0 at the end, -1 on error (an unterminated quote).
 */
static int
next_row(struct tsv_reader *r, long *line, struct tmg_error *err)
{
	const char *p;

	clear_fields(r);
	for (;;) {
		if (r->pos >= r->size)
			return 0;
		p = r->data + r->pos;
		if (!line_is_blank(p) && !(r->sep == '\t' && strspn(p, "\t \r") ==
					   strcspn(p, "\n")))
			break;
		/* blank, or only tabs and spaces in a TSV: nothing */
		r->pos += strcspn(p, "\n");
		if (r->pos < r->size)
			r->pos++;
		r->line++;
	}
	if (r->sep == 0)
		r->sep = find_separator(p);
	*line = r->line;
	strbuf_reset(&r->field);
	if (r->sep == '\t' || r->sep == 0) {
		for (; *p && *p != '\n'; p++) {
			if (*p == '\t') {
				trim(&r->field);
				push_field(r);
			} else {
				strbuf_addch(&r->field, *p);
			}
		}
		trim(&r->field);
		push_field(r);
	} else {
		for (;;) {
			/* one CSV field */
			while (is_blank(*p))
				p++;
			if (*p == '"') {
				long start_line = r->line;
				for (p++;; p++) {
					if (*p == '\0') {
						tmg_error_set(err, r->path,
							start_line, 0, "%s",
							_("a quoted field is "
							  "not closed"));
						return -1;
					}
					if (*p == '"' && p[1] == '"') {
						strbuf_addch(&r->field, '"');
						p++;
					} else if (*p == '"') {
						p++;
						break;
					} else {
						if (*p == '\n')
							r->line++;
						strbuf_addch(&r->field, *p);
					}
				}
				/* text after the closing quote joins it */
				while (*p && *p != r->sep && *p != '\n') {
					if (!is_blank(*p) && *p != '\r')
						strbuf_addch(&r->field, *p);
					p++;
				}
			} else {
				while (*p && *p != r->sep && *p != '\n')
					strbuf_addch(&r->field, *p++);
				trim(&r->field);
			}
			push_field(r);
			if (*p != r->sep)
				break;
			p++;
		}
	}
	if (*p == '\n') {
		p++;
		r->line++;
	}
	r->pos = (size_t)(p - r->data);
	return 1;
}

/* ------------------------------------------------------------ header */

/* Is s a language tag ICU knows (not merely well-formed)? */
static int
known_language_tag(const char *s, char *canonical, size_t size)
{
	char language[16];
	UChar name[64];
	char narrow[64];
	UErrorCode status = U_ZERO_ERROR;
	size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
	int32_t len;

	if (n < 2 || n > 3 || strlen(s) > 35 ||
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		      "0123456789-_") != strlen(s))
		return 0;
	if (lang_canonicalize(s, canonical, size) < 0)
		return 0;
	snprintf(language, sizeof language, "%.*s", (int)n, s);
	len = uloc_getDisplayLanguage(language, "en", name, 64, &status);
	if (U_FAILURE(status) || len <= 0)
		return 0;
	u_austrncpy(narrow, name, sizeof narrow - 1);
	narrow[sizeof narrow - 1] = '\0';
	/* ICU echoes the code back for a language it does not know */
	return strcasecmp(narrow, language) != 0;
}

static void
free_columns(struct tsv_reader *r)
{
	for (size_t i = 0; i < r->ncolumns; i++)
		free(r->columns[i].name);
	free(r->columns);
	r->columns = NULL;
	r->ncolumns = 0;
}

/* Is the current row a header?  If so, set the columns from it. */
static int
take_header(struct tsv_reader *r)
{
	char a[TMG_LANG_MAX], b[TMG_LANG_MAX];

	if (r->nfields < 2 || !known_language_tag(r->fields[0], a, sizeof a) ||
	    !known_language_tag(r->fields[1], b, sizeof b))
		return 0;
	r->columns = xcalloc(r->nfields, sizeof *r->columns);
	r->ncolumns = r->nfields;
	for (size_t i = 0; i < r->nfields; i++) {
		struct column *col = &r->columns[i];
		if (!known_language_tag(r->fields[i], col->lang,
					sizeof col->lang)) {
			col->lang[0] = '\0';
			col->name = r->fields[i][0] ? xstrdup(r->fields[i])
						    : NULL;
		}
	}
	return 1;
}

/* Columns from the caller's languages: source, target, then notes. */
static int
columns_from_options(struct tsv_reader *r, long line, struct tmg_error *err)
{
	const char *src = r->options.src, *tgt = r->options.tgt;

	if (src == NULL || tgt == NULL) {
		tmg_error_set(err, r->path, line, 0, "%s",
			      _("no header row naming the languages: give "
				"them with --src and --tgt"));
		return -1;
	}
	r->columns = xcalloc(2, sizeof *r->columns);
	r->ncolumns = 2;
	if (lang_canonicalize(src, r->columns[0].lang, TMG_LANG_MAX) < 0 ||
	    lang_canonicalize(tgt, r->columns[1].lang, TMG_LANG_MAX) < 0) {
		tmg_error_set(err, r->path, 0, 0,
			      _("'%s' or '%s' is not a language tag"), src, tgt);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ public */

struct tsv_reader *
tsv_reader_open(const char *path, const struct tsv_read_options *options,
		glossary_warning_fn warn, void *warn_data,
		struct tmg_error *err)
{
	struct tsv_reader *r = xcalloc(1, sizeof *r);
	const char *p;

	r->path = xstrdup(path);
	r->line = 1;
	if (options)
		r->options = *options;
	r->warn = warn;
	r->warn_data = warn_data;
	if (load_text(r, err) < 0) {
		tsv_reader_close(r);
		return NULL;
	}
	/* OmegaT's magic comment: "# -*- coding: utf-8 -*-" */
	p = r->data;
	if (p[0] == '#' && strstr(p, "-*-") && strstr(p, "-*-") <
	    p + strcspn(p, "\n")) {
		r->pos = strcspn(p, "\n");
		if (r->pos < r->size)
			r->pos++;
		r->line = 2;
	}
	return r;
}

const char *
tsv_reader_dialect(const struct tsv_reader *r)
{
	return r->sep == ',' || r->sep == ';' ? "CSV" : "TSV";
}

static int
bad_row(struct tsv_reader *r, long line, const char *why,
	struct tmg_error *err)
{
	if (r->options.skip_invalid) {
		struct tmg_error w;
		tmg_error_set(&w, r->path, line, 0, _("%s: row skipped"), why);
		if (r->warn)
			r->warn(r->warn_data, &w);
		return 0;
	}
	tmg_error_set(err, r->path, line, 0, "%s", why);
	return -1;
}

int
tsv_reader_next(struct tsv_reader *r, struct tmg_concept *c,
		struct tmg_error *err)
{
	long line;
	int ret;

	concept_clear(c);
	while ((ret = next_row(r, &line, err)) == 1) {
		size_t terms = 0;
		int first = 0;

		if (!r->header_done) {
			r->header_done = 1;
			if (take_header(r))
				continue;
			if (columns_from_options(r, line, err) < 0)
				return -1;
		}
		if (r->nfields < 2) {
			if (bad_row(r, line, _("no separator: expected SOURCE "
					       "and TARGET terms"), err) < 0)
				return -1;
			continue;
		}
		c->line = line;
		for (size_t i = 0; i < r->nfields; i++) {
			const struct column *col =
				i < r->ncolumns ? &r->columns[i] : NULL;
			const char *v = r->fields[i];

			if (v[0] == '\0')
				continue;
			if (col && col->lang[0]) {
				/* quoted spaces around a term mean nothing */
				size_t lead = strspn(v, " \t");
				size_t len = strlen(v + lead);
				struct tmg_term *t;

				while (len > 0 && (v[lead + len - 1] == ' ' ||
						   v[lead + len - 1] == '\t'))
					len--;
				if (len == 0)
					continue;
				t = concept_add_term(c, col->lang, "");
				free(t->text);
				t->text = xstrndup(v + lead, len);
				t->line = line;
				terms++;
				if (i == 0)
					first = 1;
			} else {
				concept_fields_add(&c->fields, "note",
						   col ? col->name : NULL,
						   NULL, v);
			}
		}
		if (!first || terms < 2) {
			concept_clear(c);
			if (bad_row(r, line, !first
				    ? _("the source term is empty")
				    : _("no translation in this row"),
				    err) < 0)
				return -1;
			continue;
		}
		return 1;
	}
	return ret;
}

void
tsv_reader_close(struct tsv_reader *r)
{
	if (r == NULL)
		return;
	clear_fields(r);
	free(r->fields);
	free_columns(r);
	strbuf_release(&r->field);
	free(r->data);
	free(r->path);
	free(r);
}

/* Write s with tabs and line breaks turned into spaces. */
static void
put_flat(FILE *out, const char *s)
{
	for (; s && *s; s++)
		putc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

int
tsv_write_row(FILE *out, const char *source, const char *target,
	      const char *comment)
{
	put_flat(out, source);
	putc('\t', out);
	put_flat(out, target);
	if (comment && *comment) {
		putc('\t', out);
		put_flat(out, comment);
	}
	putc('\n', out);
	return ferror(out) ? -1 : 0;
}
