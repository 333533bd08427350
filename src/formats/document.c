/*
 * document.c -- a document to translate, whatever its format: the reader
 * that fits the file (XLIFF, xliff-read.c; PO, po-read.c) behind one
 * interface, for the commands that take documents (analyze, import).
 *
 * The file decides, not its name, except where the content cannot:
 *   - an XML document whose root element is <xliff> (any namespace
 *     prefix) is XLIFF, read by the XLIFF reader whatever its version;
 *   - a text file that is not XML is PO when it has a line beginning
 *     with "msgid" in its first 64 KiB, or when its name ends in .po or
 *     .pot (an empty template is still a PO file);
 *   - anything else is refused with what it is: "not an XLIFF or PO
 *     file" and its root element, that it has no msgid line, or that it
 *     is empty.
 * Languages the file does not give (a PO file's sources, an XLIFF file
 * without source-language) come from the options.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "formats/formats.h"
#include "text/text.h"

enum doc_kind { DOC_PO, DOC_XLIFF };

struct doc_reader {
	enum doc_kind kind;
	struct po_reader *po;
	struct xliff_reader *xliff;
	char format[32];
	char src[TMG_LANG_MAX], tgt[TMG_LANG_MAX]; /* from the options */
};

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Does the start of the file have a line beginning with "msgid"? */
static int
has_msgid_line(const char *path)
{
	enum { LOOK = 65536 };
	FILE *in = fopen(path, "rb");
	char *buf, *p;
	size_t n;
	int found = 0;

	if (in == NULL)
		return 0;
	buf = xmalloc(LOOK + 1);
	n = fread(buf, 1, LOOK, in);
	buf[n] = '\0';
	fclose(in);
	for (p = buf; p && *p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, "msgid", 5) == 0) {
			found = 1;
			break;
		}
	}
	free(buf);
	return found;
}

/* Which reader `path` needs; -1 with `err` saying why none. */
static int
doc_kind_of(const char *path, enum doc_kind *kind, struct tmg_error *err)
{
	enum file_kind file_kind;
	char root[64];
	struct tmg_error sniffed = { 0 };
	struct stat st;

	if (sniff_file(path, &file_kind, root, sizeof root, &sniffed) < 0) {
		*err = sniffed;
		return -1;
	}
	if (strcmp(root, "xliff") == 0) {
		*kind = DOC_XLIFF;
		return 0;
	}
	if (root[0] == '\0' && sniffed.message[0] != '\0') {
		*err = sniffed; /* cut short in the root's name */
		return -1;
	}
	if (root[0] != '\0') {
		tmg_error_set(err, path, 0, 0,
			      _("not an XLIFF or PO file: its root element "
				"is <%s>"), root);
		return -1;
	}
	if (file_kind != FILE_KIND_TMX && file_kind != FILE_KIND_TBX &&
	    file_kind != FILE_KIND_OTHER_XML &&
	    (has_suffix(path, ".po") || has_suffix(path, ".pot") ||
	     has_msgid_line(path))) {
		*kind = DOC_PO;
		return 0;
	}
	if (stat(path, &st) == 0 && st.st_size == 0)
		tmg_error_set(err, path, 0, 0, "%s",
			      _("not an XLIFF or PO file: the file is empty"));
	else if (file_kind == FILE_KIND_OTHER_XML ||
		 file_kind == FILE_KIND_TMX || file_kind == FILE_KIND_TBX)
		tmg_error_set(err, path, 0, 0, "%s",
			      _("not an XLIFF or PO file: an XML document "
				"without a root element"));
	else
		tmg_error_set(err, path, 0, 0, "%s",
			      _("not an XLIFF or PO file: text without a "
				"msgid line"));
	return -1;
}

/* Canonical form of an option's language into `out` ("" when none). */
static void
option_lang(const char *tag, char out[TMG_LANG_MAX])
{
	out[0] = '\0';
	if (tag && lang_canonicalize(tag, out, TMG_LANG_MAX) < 0)
		out[0] = '\0';
}

struct doc_reader *
doc_reader_open(const char *path, const struct doc_read_options *options,
		glossary_warning_fn warn, void *warn_data,
		struct tmg_error *err)
{
	static const struct doc_read_options none = { NULL, NULL };
	struct doc_reader *r;
	enum doc_kind kind;

	if (options == NULL)
		options = &none;
	if (doc_kind_of(path, &kind, err) < 0)
		return NULL;
	r = xcalloc(1, sizeof *r);
	r->kind = kind;
	option_lang(options->src, r->src);
	option_lang(options->tgt, r->tgt);
	if (kind == DOC_PO) {
		struct po_read_options po = { options->src, options->tgt };

		r->po = po_reader_open(path, &po, warn, warn_data, err);
		if (r->po == NULL)
			goto fail;
		snprintf(r->format, sizeof r->format, "PO");
	} else {
		r->xliff = xliff_reader_open(path, warn, warn_data, err);
		if (r->xliff == NULL)
			goto fail;
		snprintf(r->format, sizeof r->format, "XLIFF %s",
			 xliff_reader_version(r->xliff));
	}
	return r;
fail:
	free(r);
	return NULL;
}

int
doc_reader_next(struct doc_reader *r, struct tmg_docseg *seg,
		struct tmg_error *err)
{
	int rc = r->kind == DOC_PO ? po_reader_next(r->po, seg, err)
				   : xliff_reader_next(r->xliff, seg, err);

	if (rc != 1)
		return rc;
	if (seg->srclang[0] == '\0')
		memcpy(seg->srclang, r->src, TMG_LANG_MAX);
	if (seg->tgtlang[0] == '\0')
		memcpy(seg->tgtlang, r->tgt, TMG_LANG_MAX);
	return 1;
}

const char *
doc_reader_format(const struct doc_reader *r)
{
	return r->format;
}

void
doc_reader_close(struct doc_reader *r)
{
	if (r == NULL)
		return;
	if (r->po)
		po_reader_close(r->po);
	if (r->xliff)
		xliff_reader_close(r->xliff);
	free(r);
}

/* doc_fill_clear() frees what a fill function put in a struct doc_fill
 * (shared by the XLIFF and PO writers and the fill functions) and leaves
 * it empty for the next segment. */
void
doc_fill_clear(struct doc_fill *fill)
{
	free(fill->target_text);
	free(fill->target_markup);
	free(fill->match_source);
	free(fill->match_source_markup);
	free(fill->origin);
	memset(fill, 0, sizeof *fill);
}
