/*
 * po-write.c -- a PO file written again with the messages a fill function
 * fills: po_rewrite(), for pretranslate.
 *
 * The PO reader (po-read.c, libgettextpo) validates the file and gives its
 * segments; libgettextpo says nothing of where a message's bytes are, so
 * the file is also read line by line, as gettext's grammar lays it out:
 *
 *   comments      # ..., #. ..., #: ..., #, flags, #| previous
 *   keywords      msgctxt, msgid, msgid_plural, each followed by its
 *                 continuation lines ("...")
 *   translations  msgstr or msgstr[N], with continuation lines
 *
 * An entry is the comments right before its keywords (a blank line, an
 * obsolete #~ line or anything else ends a comment block) up to its last
 * translation line.  Entries, in file order, are matched with the reader's
 * segments: the header entry (msgid "" without msgctxt) is no segment, nor
 * is a second definition libgettextpo leaves out (the reader warns with its
 * line); every other entry gives one segment per translation line, whose
 * msgid (msgid_plural for forms 1, 2, ...), msgctxt and form must be the
 * reader's, else the file is refused: it is never written with a segment's
 * fill in another message.
 *
 * What a fill changes, and nothing else (every other byte is copied):
 *   - the msgstr (msgstr[N]) lines of a filled form become the fill's text
 *     as PO string lines: \ " and control characters escaped, split after
 *     each \n, the first line "" when there is more than one, wrapped at
 *     79 columns after spaces (or between wide characters) as msgmerge
 *     does, unless the entry's own lines are longer (a --no-wrap file);
 *     the entry's line ends (LF, CRLF, CR CR LF) are kept;
 *   - when a form is filled for review, the entry gets the fuzzy flag
 *     (added to its #, line, or a #, line is made before its #| lines or
 *     keywords) and, when the fill has its match's source, that source as
 *     #| msgid (and #| msgid_plural) lines in place of the old #| lines, so
 *     that tools show the translator how the match differs;
 *   - when every form is filled and none for review, a fuzzy flag goes and
 *     so do the #| lines that came with it.
 * Texts are written in the file's charset (iconv from UTF-8), decided as
 * the reader decides: the header's charset, except UTF-8 when none is
 * given or when the file's bytes are UTF-8 anyway.  A text the charset
 * cannot hold is an error.
 *
 * Memory: the output is streamed through a 64 KiB buffer, and the line
 * scanner holds one entry at a time; libgettextpo holds the parsed file
 * while the reader is open (it reads files whole).
 */
#include <config.h>

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/i18n.h"
#include "formats/formats.h"
#include "text/text.h"

enum { PO_WIDTH = 79, OUT_FLUSH = 65536 };

enum line_kind {
	LINE_BLANK,
	LINE_COMMENT,
	LINE_FLAGS,       /* #, */
	LINE_PREVIOUS,    /* #| */
	LINE_OBSOLETE,    /* #~ */
	LINE_STRING,      /* a continuation line: "..." */
	LINE_MSGCTXT,
	LINE_MSGID,
	LINE_MSGID_PLURAL,
	LINE_MSGSTR,      /* msgstr or msgstr[N] */
	LINE_OTHER        /* domain, or what gettext refuses */
};

/* A line of the entry being read: where its bytes are in the entry's. */
struct entry_line {
	size_t off, len;  /* with its line end */
	enum line_kind kind;
	int form;         /* msgstr[N]: N; msgstr: 0 */
	long lineno;
};

enum entry_phase { PHASE_COMMENTS, PHASE_KEYWORDS, PHASE_MSGSTR };

struct entry {
	struct strbuf bytes;
	struct entry_line *lines;
	size_t nlines, alines;
	enum entry_phase phase;
};

struct rewriter {
	const char *path;
	FILE *in;
	long lineno;
	struct entry entry;
	int prepass;          /* the first reading: charset and header */

	/* what the first reading finds */
	char *header;         /* the header entry's msgstr, raw bytes */
	int utf8, non_ascii;  /* the file's bytes (BOM left out) */

	/* the file's charset: (iconv_t)-1 both ways when it is UTF-8 */
	char charset[64];
	iconv_t to_utf8, from_utf8;

	struct po_reader *reader;
	struct tmg_docseg seg;
	size_t index;
	doc_fill_fn fill;
	void *data;
	struct doc_fill *fills;
	size_t afills;
	long *dropped;        /* msgid lines the reader said it left out */
	size_t ndropped, adropped;
	glossary_warning_fn warn;
	void *warn_data;

	int out_fd;
	struct strbuf out;
	struct tmg_error *err;
};

/* --------------------------------------------------------------- output */

static int
flush_out(struct rewriter *w)
{
	if (write_all(w->out_fd, w->out.buf, w->out.len) < 0) {
		tmg_error_set(w->err, w->path, 0, 0, "%s: %s",
			      _("cannot write the output"), strerror(errno));
		return -1;
	}
	strbuf_reset(&w->out);
	return 0;
}

static int
put(struct rewriter *w, const char *p, size_t n)
{
	if (w->prepass)
		return 0;
	strbuf_add(&w->out, p, n);
	return w->out.len >= OUT_FLUSH ? flush_out(w) : 0;
}

/* Append UTF-8 `s` to the output in the file's charset. */
static int
put_converted(struct rewriter *w, const char *s, size_t n, long lineno)
{
	char *in = (char *)s, *o;
	size_t in_left = n, out_left, start;

	if (w->from_utf8 == (iconv_t)-1)
		return put(w, s, n);
	iconv(w->from_utf8, NULL, NULL, NULL, NULL);
	start = w->out.len;
	strbuf_grow(&w->out, n * 4 + 16);
	o = w->out.buf + start;
	out_left = w->out.alloc - start - 1;
	if (iconv(w->from_utf8, &in, &in_left, &o, &out_left) == (size_t)-1 ||
	    iconv(w->from_utf8, NULL, NULL, &o, &out_left) == (size_t)-1) {
		w->out.len = start;
		w->out.buf[start] = '\0';
		tmg_error_set(w->err, w->path, lineno, 0,
			      _("the translation cannot be written in the file's charset %s"),
			      w->charset);
		return -1;
	}
	w->out.len = (size_t)(o - w->out.buf);
	w->out.buf[w->out.len] = '\0';
	return w->out.len >= OUT_FLUSH ? flush_out(w) : 0;
}

/* ------------------------------------------------------------- strings */

/* Columns of the UTF-8 character at p (East Asian wide ones count 2). */
static size_t
char_columns(const char *p, const char *end)
{
	const unsigned char *s = (const unsigned char *)p;
	unsigned long c;

	if (s[0] < 0xe0 || s[0] > 0xef || end - p < 3)
		return 1;
	c = (unsigned long)(s[0] & 0x0f) << 12 |
	    (unsigned long)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	return (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
	       (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) ||
	       (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6)
		       ? 2 : 1;
}

static size_t
columns(const char *p, size_t n)
{
	size_t cols = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)p[i] & 0xc0) != 0x80)
			cols += char_columns(p + i, p + n);
	return cols;
}

/* `text` as PO escapes it, into `sb`. */
static void
escape_po(struct strbuf *sb, const char *text, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		const char *esc = NULL;
		char oct[8];

		switch (c) {
		case '\\': esc = "\\\\"; break;
		case '"': esc = "\\\""; break;
		case '\n': esc = "\\n"; break;
		case '\t': esc = "\\t"; break;
		case '\r': esc = "\\r"; break;
		case '\a': esc = "\\a"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\v': esc = "\\v"; break;
		default:
			if (c < 0x20 || c == 0x7f) {
				snprintf(oct, sizeof oct, "\\%03o", c);
				esc = oct;
			}
		}
		if (esc)
			strbuf_addstr(sb, esc);
		else
			strbuf_addch(sb, (char)c);
	}
}

/*
 * Escaped piece `p` (n bytes) as lines eol cont"..." of at most `width`
 * columns between the quotes, cut after a space or before a wide
 * character; a piece with no place to cut stays whole.
 */
static void
add_wrapped(struct strbuf *sb, const char *p, size_t n, const char *cont,
	    size_t width, const char *eol)
{
	while (n > 0) {
		size_t cut = n;

		if (columns(p, n) > width) {
			size_t cols = 0, best = 0;

			for (size_t i = 0; i < n; i++) {
				size_t w;

				if (((unsigned char)p[i] & 0xc0) == 0x80)
					continue;
				w = char_columns(p + i, p + n);
				if (i > 0 && w == 2 && cols <= width)
					best = i;
				cols += w;
				if (cols > width)
					break;
				if (p[i] == ' ')
					best = i + 1;
			}
			if (best > 0)
				cut = best;
		}
		strbuf_addstr(sb, eol);
		strbuf_addstr(sb, cont);
		strbuf_addch(sb, '"');
		strbuf_add(sb, p, cut);
		strbuf_addch(sb, '"');
		p += cut;
		n -= cut;
	}
}

/*
 * Write `text` (UTF-8) as the PO string of `keyword` ("msgstr[1]",
 * "#| msgid"), its continuation lines starting with `cont` ("" or "#| "):
 * one line when it fits, else "" and a line for each piece ending in \n,
 * cut at PO_WIDTH when `wrap`.  Lines end with `eol`, the last with
 * `last_eol`.
 */
static int
put_string(struct rewriter *w, const char *keyword, const char *cont,
	   const char *text, int wrap, const char *eol, const char *last_eol,
	   long lineno)
{
	struct strbuf esc = { 0 }, sb = { 0 };
	size_t width = wrap ? PO_WIDTH - strlen(cont) - 2 : (size_t)-1;
	const char *nl = strchr(text, '\n');
	int ret;

	escape_po(&esc, text, strlen(text));
	strbuf_addstr(&sb, keyword);
	if ((nl == NULL || nl[1] == '\0') &&
	    (!wrap || strlen(keyword) + 3 + columns(esc.buf ? esc.buf : "",
						   esc.len) <= PO_WIDTH)) {
		strbuf_addstr(&sb, " \"");
		strbuf_add(&sb, esc.buf ? esc.buf : "", esc.len);
		strbuf_addch(&sb, '"');
	} else {
		strbuf_addstr(&sb, " \"\"");
		for (const char *p = text; *p;) {
			const char *end = strchr(p, '\n');

			end = end ? end + 1 : p + strlen(p);
			strbuf_reset(&esc);
			escape_po(&esc, p, (size_t)(end - p));
			add_wrapped(&sb, esc.buf, esc.len, cont, width, eol);
			p = end;
		}
	}
	strbuf_addstr(&sb, last_eol);
	ret = put_converted(w, sb.buf, sb.len, lineno);
	strbuf_release(&esc);
	strbuf_release(&sb);
	return ret;
}

/* The string of a keyword line and its continuation lines, unescaped
 * (raw bytes, the file's charset). */
static char *
parse_string(const struct entry *e, size_t i)
{
	struct strbuf sb = { 0 };

	for (size_t k = i; k < e->nlines; k++) {
		const char *p = e->bytes.buf + e->lines[k].off;
		const char *end = p + e->lines[k].len;

		if (k > i && e->lines[k].kind != LINE_STRING)
			break;
		p = memchr(p, '"', (size_t)(end - p));
		if (p == NULL)
			continue;
		for (p++; p < end && *p != '"'; p++) {
			char c = *p;

			if (c == '\\' && p + 1 < end) {
				switch (*++p) {
				case 'n': c = '\n'; break;
				case 't': c = '\t'; break;
				case 'r': c = '\r'; break;
				case 'a': c = '\a'; break;
				case 'b': c = '\b'; break;
				case 'f': c = '\f'; break;
				case 'v': c = '\v'; break;
				case 'x': {
					int v = 0, d = 0;

					while (d < 2 && p + 1 < end &&
					       strchr("0123456789abcdefABCDEF",
						      p[1]) && p[1]) {
						char h = *++p;

						v = v * 16 +
						    (h <= '9' ? h - '0'
						     : (h | 0x20) - 'a' + 10);
						d++;
					}
					c = (char)v;
					break;
				}
				default:
					if (*p >= '0' && *p <= '7') {
						int v = *p - '0';

						for (int d = 1; d < 3 && p + 1 < end &&
						     p[1] >= '0' && p[1] <= '7'; d++)
							v = v * 8 + (*++p - '0');
						c = (char)v;
					} else {
						c = *p;
					}
				}
			}
			strbuf_addch(&sb, c);
		}
	}
	return sb.buf ? strbuf_detach(&sb) : xstrdup("");
}

/* A raw string in UTF-8 (a copy; NULL when it does not convert). */
static char *
string_to_utf8(struct rewriter *w, const char *s)
{
	size_t in_left = strlen(s), out_left = in_left * 4 + 8;
	char *out, *in = (char *)s, *o;

	if (w->to_utf8 == (iconv_t)-1)
		return xstrdup(s);
	out = xmalloc(out_left + 1);
	o = out;
	iconv(w->to_utf8, NULL, NULL, NULL, NULL);
	if (iconv(w->to_utf8, &in, &in_left, &o, &out_left) == (size_t)-1 ||
	    iconv(w->to_utf8, NULL, NULL, &o, &out_left) == (size_t)-1) {
		free(out);
		return NULL;
	}
	*o = '\0';
	return out;
}

/* ---------------------------------------------------------------- lines */

static int
keyword_at(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - p) > n && memcmp(p, word, n) == 0 &&
	       (p[n] == ' ' || p[n] == '\t' || p[n] == '"');
}

static enum line_kind
classify(const char *p, const char *end, int *form)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	*form = 0;
	if (p == end || *p == '\r' || *p == '\n')
		return LINE_BLANK;
	if (*p == '#') {
		if (end - p >= 2 && p[1] == '~')
			return LINE_OBSOLETE;
		if (end - p >= 2 && p[1] == ',')
			return LINE_FLAGS;
		if (end - p >= 2 && p[1] == '|')
			return LINE_PREVIOUS;
		return LINE_COMMENT;
	}
	if (*p == '"')
		return LINE_STRING;
	if (keyword_at(p, end, "msgctxt"))
		return LINE_MSGCTXT;
	if (keyword_at(p, end, "msgid"))
		return LINE_MSGID;
	if (keyword_at(p, end, "msgid_plural"))
		return LINE_MSGID_PLURAL;
	if (keyword_at(p, end, "msgstr"))
		return LINE_MSGSTR;
	if ((size_t)(end - p) > 7 && memcmp(p, "msgstr[", 7) == 0) {
		const char *q = p + 7;
		int n = 0;

		while (q < end && *q >= '0' && *q <= '9' && n < 1000)
			n = n * 10 + (*q++ - '0');
		if (q > p + 7 && q < end && *q == ']') {
			*form = n;
			return LINE_MSGSTR;
		}
	}
	return LINE_OTHER;
}

/* The line end of line `i` ("\n", "\r\n", "\r\r\n"; "" at the end of a
 * file without one). */
static void
line_end(const struct entry *e, size_t i, char out[8])
{
	const char *p = e->bytes.buf + e->lines[i].off;
	size_t n = e->lines[i].len, k = n;

	if (k > 0 && p[k - 1] == '\n')
		k--;
	while (k > 0 && n - k < 6 && p[k - 1] == '\r')
		k--;
	memcpy(out, p + k, n - k);
	out[n - k] = '\0';
}

static void
entry_reset(struct entry *e)
{
	strbuf_reset(&e->bytes);
	e->nlines = 0;
	e->phase = PHASE_COMMENTS;
}

/* Copy the lines [from, to) of the entry. */
static int
put_lines(struct rewriter *w, size_t from, size_t to)
{
	const struct entry *e = &w->entry;

	if (from >= to)
		return 0;
	return put(w, e->bytes.buf + e->lines[from].off,
		   e->lines[to - 1].off + e->lines[to - 1].len -
			   e->lines[from].off);
}

/* ------------------------------------------------------------- entries */

static int
is_dropped(const struct rewriter *w, long lineno)
{
	for (size_t i = 0; i < w->ndropped; i++)
		if (w->dropped[i] == lineno)
			return 1;
	return 0;
}

static int
has_fuzzy(const char *p, const char *end)
{
	for (p += 2; p < end;) {
		const char *q;

		while (p < end && (*p == ' ' || *p == '\t' || *p == ','))
			p++;
		for (q = p; q < end && *q != ',' && *q != ' ' && *q != '\t' &&
			    *q != '\r' && *q != '\n'; q++)
			;
		if (q - p == 5 && memcmp(p, "fuzzy", 5) == 0)
			return 1;
		p = q > p ? q : p + 1;
	}
	return 0;
}

/* A #, line with fuzzy added (first, as gettext writes it) or taken out
 * (nothing when no flag is left). */
static int
put_flags(struct rewriter *w, size_t i, int fuzzy)
{
	const struct entry *e = &w->entry;
	const char *p = e->bytes.buf + e->lines[i].off;
	const char *end = p + e->lines[i].len;
	struct strbuf sb = { 0 };
	char eol[8];
	int n = 0, ret;

	line_end(e, i, eol);
	end -= strlen(eol);
	strbuf_addstr(&sb, "#,");
	if (fuzzy) {
		strbuf_addstr(&sb, " fuzzy");
		n++;
	}
	for (p += 2; p < end;) {
		const char *q;

		while (p < end && (*p == ' ' || *p == '\t' || *p == ','))
			p++;
		for (q = p; q < end && *q != ','; q++)
			;
		while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
			q--;
		if (q > p && !(q - p == 5 && memcmp(p, "fuzzy", 5) == 0)) {
			strbuf_addstr(&sb, n++ ? ", " : " ");
			strbuf_add(&sb, p, (size_t)(q - p));
		}
		p = memchr(p, ',', (size_t)(end - p));
		if (p == NULL)
			break;
	}
	strbuf_addstr(&sb, eol);
	ret = n ? put(w, sb.buf, sb.len) : 0;
	strbuf_release(&sb);
	return ret;
}

/* The segment of form `form` of the entry, from the reader, checked
 * against the entry's msgctxt, msgid and msgid_plural. */
static int
next_segment(struct rewriter *w, const char *ctxt, const char *id,
	     const char *plural, int form, long lineno)
{
	const char *want = form > 0 && plural ? plural : id;
	char num[16];
	int rc = po_reader_next(w->reader, &w->seg, w->err);

	if (rc < 0)
		return -1;
	snprintf(num, sizeof num, "%d", form);
	if (rc == 0 || strcmp(w->seg.source_text, want) != 0 ||
	    (ctxt == NULL) != (w->seg.resname == NULL) ||
	    (ctxt && strcmp(ctxt, w->seg.resname) != 0) ||
	    (plural != NULL) != (w->seg.segment_id != NULL) ||
	    (plural && strcmp(w->seg.segment_id, num) != 0)) {
		tmg_error_set(w->err, w->path, lineno, 0,
			      _("this message is not where gettext's library read it: the file is not rewritten"));
		return -1;
	}
	return 0;
}

/* Write the entry with its filled forms, flags and previous msgid. */
static int
put_filled(struct rewriter *w, int nforms, int plural, long lineno)
{
	const struct entry *e = &w->entry;
	int review = 0, all_exact = 1, was_fuzzy = 0, flags_done = 0, wrap = 1;
	int add_fuzzy, remove_fuzzy, drop_previous;
	const char *prev = NULL, *prev_plural = NULL;
	size_t first_key = e->nlines;
	char eol[8];

	for (int f = 0; f < nforms; f++) {
		const struct doc_fill *fill = &w->fills[f];

		if (fill->target_text == NULL || fill->review)
			all_exact = 0;
		if (fill->target_text == NULL || !fill->review)
			continue;
		review = 1;
		if (fill->match_source == NULL)
			continue;
		if (prev == NULL)
			prev = fill->match_source;
		else if (plural && f > 0 && prev_plural == NULL)
			prev_plural = fill->match_source;
	}
	for (size_t i = 0; i < e->nlines; i++) {
		const struct entry_line *l = &e->lines[i];
		char end[8];

		if (first_key == e->nlines &&
		    (l->kind == LINE_MSGCTXT || l->kind == LINE_MSGID))
			first_key = i;
		if (l->kind == LINE_FLAGS && i < first_key &&
		    has_fuzzy(e->bytes.buf + l->off,
			      e->bytes.buf + l->off + l->len))
			was_fuzzy = 1;
		line_end(e, i, end);
		if (l->kind >= LINE_STRING &&
		    columns(e->bytes.buf + l->off, l->len - strlen(end)) >
			    PO_WIDTH)
			wrap = 0;
	}
	add_fuzzy = review && !was_fuzzy;
	remove_fuzzy = all_exact && was_fuzzy;
	drop_previous = prev != NULL || all_exact;
	line_end(e, first_key, eol);
	if (eol[0] == '\0')
		strcpy(eol, "\n");

	for (size_t i = 0; i < first_key; i++) {
		const struct entry_line *l = &e->lines[i];

		if (l->kind == LINE_FLAGS &&
		    ((add_fuzzy && !flags_done) || remove_fuzzy)) {
			if (put_flags(w, i, add_fuzzy) < 0)
				return -1;
			flags_done = 1;
			continue;
		}
		if (l->kind == LINE_PREVIOUS) {
			if (add_fuzzy && !flags_done) {
				if (put(w, "#, fuzzy", 8) < 0 ||
				    put(w, eol, strlen(eol)) < 0)
					return -1;
				flags_done = 1;
			}
			if (drop_previous)
				continue;
		}
		if (put_lines(w, i, i + 1) < 0)
			return -1;
	}
	if (add_fuzzy && !flags_done &&
	    (put(w, "#, fuzzy", 8) < 0 || put(w, eol, strlen(eol)) < 0))
		return -1;
	if (prev && (put_string(w, "#| msgid", "#| ", prev, wrap, eol, eol,
				lineno) < 0 ||
		     (prev_plural &&
		      put_string(w, "#| msgid_plural", "#| ", prev_plural,
				 wrap, eol, eol, lineno) < 0)))
		return -1;

	for (size_t i = first_key; i < e->nlines;) {
		const struct entry_line *l = &e->lines[i];
		size_t next = i + 1;
		char keyword[32], last_eol[8];

		while (next < e->nlines && e->lines[next].kind == LINE_STRING)
			next++;
		if (l->kind != LINE_MSGSTR || l->form >= nforms ||
		    w->fills[l->form].target_text == NULL) {
			if (put_lines(w, i, next) < 0)
				return -1;
			i = next;
			continue;
		}
		if (plural)
			snprintf(keyword, sizeof keyword, "msgstr[%d]",
				 l->form);
		else
			strcpy(keyword, "msgstr");
		line_end(e, next - 1, last_eol);
		if (put_string(w, keyword, "", w->fills[l->form].target_text,
			       wrap, eol, last_eol, l->lineno) < 0)
			return -1;
		i = next;
	}
	return 0;
}

/* The header's charset, as the reader decides it (see the top). */
static int
set_charset(struct rewriter *w)
{
	const char *p = w->header ? strstr(w->header, "charset=") : NULL;
	size_t n = 0;

	w->charset[0] = '\0';
	if (p) {
		for (p += 8; *p == ' ' || *p == '\t'; p++)
			;
		while (p[n] && !strchr("; \t\r\n", p[n]) &&
		       n + 1 < sizeof w->charset)
			n++;
		memcpy(w->charset, p, n);
		w->charset[n] = '\0';
	}
	if (n == 0 || strcmp(w->charset, "CHARSET") == 0 ||
	    strcasecmp(w->charset, "UTF-8") == 0 ||
	    strcasecmp(w->charset, "UTF8") == 0 ||
	    (w->utf8 && w->non_ascii)) {
		strcpy(w->charset, "UTF-8");
		return 0;
	}
	w->to_utf8 = iconv_open("UTF-8", w->charset);
	w->from_utf8 = iconv_open(w->charset, "UTF-8");
	if (w->to_utf8 == (iconv_t)-1 || w->from_utf8 == (iconv_t)-1) {
		tmg_error_set(w->err, w->path, 0, 0,
			      _("unknown charset in the PO header: %s"),
			      w->charset);
		return -1;
	}
	return 0;
}

/* The entry read is complete: match it with its segments, fill, write. */
static int
end_entry(struct rewriter *w)
{
	struct entry *e = &w->entry;
	char *raw[3] = { NULL, NULL, NULL }; /* msgctxt, msgid, msgid_plural */
	char *text[3] = { NULL, NULL, NULL };
	long lineno = 0;
	int nforms = 0, filled = 0, ret = -1;

	for (size_t i = 0; i < e->nlines; i++) {
		enum line_kind k = e->lines[i].kind;

		if (k == LINE_MSGCTXT || k == LINE_MSGID ||
		    k == LINE_MSGID_PLURAL) {
			int slot = k - LINE_MSGCTXT;

			if (raw[slot] == NULL)
				raw[slot] = parse_string(e, i);
			if (k == LINE_MSGID)
				lineno = e->lines[i].lineno;
		} else if (k == LINE_MSGSTR) {
			nforms++;
		}
	}
	if (raw[1] == NULL) {
		ret = put_lines(w, 0, e->nlines);
		goto out;
	}
	if (raw[0] == NULL && raw[1][0] == '\0') {
		/* the header entry */
		if (w->prepass && w->header == NULL) {
			for (size_t i = 0; i < e->nlines; i++)
				if (e->lines[i].kind == LINE_MSGSTR) {
					w->header = parse_string(e, i);
					break;
				}
		}
		ret = put_lines(w, 0, e->nlines);
		goto out;
	}
	if (w->prepass || is_dropped(w, lineno)) {
		ret = put_lines(w, 0, e->nlines);
		goto out;
	}
	for (int s = 0; s < 3; s++)
		if (raw[s] && (text[s] = string_to_utf8(w, raw[s])) == NULL) {
			tmg_error_set(w->err, w->path, lineno, 0,
				      _("the message cannot be converted to UTF-8"));
			goto out;
		}
	ALLOC_GROW(w->fills, (size_t)nforms, w->afills);
	memset(w->fills, 0, (size_t)nforms * sizeof *w->fills);
	for (int f = 0; f < nforms; f++) {
		struct doc_fill *fill = &w->fills[f];
		int rc;

		if (next_segment(w, text[0], text[1], text[2], f, lineno) < 0)
			goto clear;
		rc = w->fill(w->data, w->index++, &w->seg, fill, w->err);
		if (rc < 0)
			goto clear;
		if (rc == 0 || fill->target_text == NULL)
			doc_fill_clear(fill);
		else
			filled = 1;
	}
	ret = filled ? put_filled(w, nforms, text[2] != NULL, lineno)
		     : put_lines(w, 0, e->nlines);
clear:
	for (int f = 0; f < nforms; f++)
		doc_fill_clear(&w->fills[f]);
out:
	for (int s = 0; s < 3; s++) {
		free(raw[s]);
		free(text[s]);
	}
	entry_reset(e);
	return ret;
}

/* Lines that belong to no entry: what was gathered goes out as it was. */
static int
flush_entry(struct rewriter *w)
{
	int ret = put_lines(w, 0, w->entry.nlines);

	entry_reset(&w->entry);
	return ret;
}

static void
entry_add(struct entry *e, const char *line, size_t n, enum line_kind kind,
	  int form, long lineno)
{
	ALLOC_GROW(e->lines, e->nlines + 1, e->alines);
	e->lines[e->nlines].off = e->bytes.len;
	e->lines[e->nlines].len = n;
	e->lines[e->nlines].kind = kind;
	e->lines[e->nlines].form = form;
	e->lines[e->nlines].lineno = lineno;
	e->nlines++;
	strbuf_add(&e->bytes, line, n);
}

static int
scan_line(struct rewriter *w, const char *line, size_t n)
{
	struct entry *e = &w->entry;
	const char *p = line;
	enum line_kind kind;
	int form;

	if (w->lineno == 1 && n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	if (w->prepass) {
		for (const char *q = p; q < line + n; q++)
			if ((unsigned char)*q >= 0x80)
				w->non_ascii = 1;
		if (text_invalid_utf8(p, (size_t)(line + n - p)) >= 0)
			w->utf8 = 0;
	}
	kind = classify(p, line + n, &form);
	switch (kind) {
	case LINE_STRING:
		if (e->phase == PHASE_COMMENTS)
			break;
		entry_add(e, line, n, kind, form, w->lineno);
		return 0;
	case LINE_COMMENT:
	case LINE_FLAGS:
	case LINE_PREVIOUS:
	case LINE_MSGCTXT:
	case LINE_MSGID:
		if (e->phase == PHASE_MSGSTR && end_entry(w) < 0)
			return -1;
		if (kind == LINE_MSGCTXT || kind == LINE_MSGID)
			e->phase = PHASE_KEYWORDS;
		entry_add(e, line, n, kind, form, w->lineno);
		return 0;
	case LINE_MSGID_PLURAL:
	case LINE_MSGSTR:
		if (e->phase == PHASE_COMMENTS)
			break;
		if (kind == LINE_MSGSTR)
			e->phase = PHASE_MSGSTR;
		entry_add(e, line, n, kind, form, w->lineno);
		return 0;
	default:
		break;
	}
	if (e->phase == PHASE_MSGSTR ? end_entry(w) < 0 : flush_entry(w) < 0)
		return -1;
	return put(w, line, n);
}

/* Read the file once, line by line. */
static int
scan_file(struct rewriter *w)
{
	char *line = NULL;
	size_t size = 0;
	ssize_t n;
	int ret = 0;

	w->lineno = 0;
	entry_reset(&w->entry);
	while ((n = getline(&line, &size, w->in)) > 0) {
		w->lineno++;
		if (scan_line(w, line, (size_t)n) < 0) {
			ret = -1;
			break;
		}
	}
	if (ret == 0 && ferror(w->in)) {
		tmg_error_set(w->err, w->path, 0, 0, _("cannot read: %s"),
			      strerror(errno));
		ret = -1;
	}
	if (ret == 0)
		ret = w->entry.phase == PHASE_MSGSTR ? end_entry(w)
						     : flush_entry(w);
	free(line);
	return ret;
}

/* The reader's warnings go on to the caller; those with a line are the
 * second definitions libgettextpo leaves out. */
static void
note_warning(void *data, const struct tmg_error *warning)
{
	struct rewriter *w = data;

	if (warning->line > 0) {
		ALLOC_GROW(w->dropped, w->ndropped + 1, w->adropped);
		w->dropped[w->ndropped++] = warning->line;
	}
	if (w->warn)
		w->warn(w->warn_data, warning);
}

int
po_rewrite(const char *path, const struct po_read_options *options,
	   int out_fd, doc_fill_fn fill, void *data,
	   glossary_warning_fn warn, void *warn_data, struct tmg_error *err)
{
	struct rewriter w = { 0 };
	int ret = -1;

	w.path = path;
	w.fill = fill;
	w.data = data;
	w.warn = warn;
	w.warn_data = warn_data;
	w.out_fd = out_fd;
	w.err = err;
	w.utf8 = 1;
	w.to_utf8 = w.from_utf8 = (iconv_t)-1;
	docseg_init(&w.seg);

	w.reader = po_reader_open(path, options, note_warning, &w, err);
	if (w.reader == NULL)
		goto out;
	w.in = fopen(path, "rb");
	if (w.in == NULL) {
		tmg_error_set(err, path, 0, 0, _("cannot open: %s"),
			      strerror(errno));
		goto out;
	}
	w.prepass = 1;
	if (scan_file(&w) < 0)
		goto out;
	w.prepass = 0;
	if (set_charset(&w) < 0)
		goto out;
	if (fseek(w.in, 0, SEEK_SET) != 0) {
		tmg_error_set(err, path, 0, 0, _("cannot read: %s"),
			      strerror(errno));
		goto out;
	}
	if (scan_file(&w) < 0)
		goto out;
	switch (po_reader_next(w.reader, &w.seg, err)) {
	case 0:
		break;
	case 1:
		tmg_error_set(err, path, w.seg.line, 0,
			      _("this message is not where gettext's library read it: the file is not rewritten"));
		/* fall through */
	default:
		goto out;
	}
	ret = flush_out(&w);
out:
	if (w.in)
		fclose(w.in);
	po_reader_close(w.reader);
	docseg_clear(&w.seg);
	if (w.to_utf8 != (iconv_t)-1)
		iconv_close(w.to_utf8);
	if (w.from_utf8 != (iconv_t)-1)
		iconv_close(w.from_utf8);
	strbuf_release(&w.entry.bytes);
	free(w.entry.lines);
	free(w.fills);
	free(w.dropped);
	free(w.header);
	strbuf_release(&w.out);
	return ret;
}
