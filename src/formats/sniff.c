/*
 * sniff.c -- which kind of file this is, from its first 64 KiB: TMX, TBX,
 * XLIFF, another XML document, a gettext PO file, or delimited text
 * (TSV/CSV).  A BOM or NUL bytes
 * around '<' say UTF-16, whose low bytes are enough to read element names;
 * the prolog (XML declaration, comments, DOCTYPE with its internal subset)
 * is skipped and the root element's local name decides.  A gzip file is
 * looked at through zlib (which reads any other file as it is), so that a
 * .tmx.gz is a TMX file.  Nothing here parses XML: import calls it to
 * choose a reader.  TBX roots are <martif> (v2), <tbx> (v3) and <TBX>
 * (TBX-Min 1.0); any other root gets a message naming it and what
 * tmgloss reads instead.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "base/error.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "formats/formats.h"

/* Skip `<?...?>`, `<!--...-->` and `<!DOCTYPE ...>` (with an internal
 * subset) from p; returns where the root element starts, or NULL. */
static const char *
skip_prolog(const char *p, const char *end)
{
	while (p < end) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			p++;
		} else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			const char *q = p + 4;
			while (q + 3 <= end && memcmp(q, "-->", 3) != 0)
				q++;
			if (q + 3 > end)
				return NULL;
			p = q + 3;
		} else if (end - p >= 2 && memcmp(p, "<?", 2) == 0) {
			const char *q = p + 2;
			while (q + 2 <= end && memcmp(q, "?>", 2) != 0)
				q++;
			if (q + 2 > end)
				return NULL;
			p = q + 2;
		} else if (end - p >= 2 && memcmp(p, "<!", 2) == 0) {
			int in_subset = 0;
			const char *q = p + 2;
			for (; q < end; q++) {
				if (*q == '[')
					in_subset = 1;
				else if (*q == ']')
					in_subset = 0;
				else if (*q == '>' && !in_subset)
					break;
			}
			if (q >= end)
				return NULL;
			p = q + 1;
		} else {
			return p;
		}
	}
	return NULL;
}

/* The message for a root element that is neither TMX, TBX nor XLIFF,
 * with the line it is on. */
static void
other_root(const char *path, const char *text, const char *name,
	   const char *end, struct tmg_error *err)
{
	long line = 1;

	for (const char *p = text; p < name; p++)
		line += *p == '\n';
	tmg_error_set(err, path, line, 0,
		      _("the root element is <%.*s>: not a TMX file (<tmx>), "
			"a TBX glossary (<martif>, <tbx>) or an XLIFF "
			"document (<xliff>)"),
		      (int)(end - name), name);
}

/* A file that ends inside its root element's name ("<tm" and nothing
 * more) was cut short: said so, with where it ends. */
static void
cut_in_root(const char *path, const char *text, const char *end,
	    struct tmg_error *err)
{
	long line = 1, column = 1;

	for (const char *p = text; p < end; p++) {
		if (*p == '\n')
			line++, column = 1;
		else
			column += (*p & 0xc0) != 0x80;
	}
	tmg_error_set(err, path, line, column, "%s",
		      _("the file ends in the middle of an element: it was "
			"cut short (truncated)"));
}

/* Text that is not XML is a PO file when its name says so (.po, .pot: an
 * empty template has no message) or when a line begins a message. */
static int
is_po(const char *path, const char *text)
{
	size_t n = strlen(path);

	if ((n > 3 && strcmp(path + n - 3, ".po") == 0) ||
	    (n > 4 && strcmp(path + n - 4, ".pot") == 0))
		return 1;
	for (const char *p = text; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, "msgid ", 6) == 0 ||
		    strncmp(p, "msgctxt ", 8) == 0)
			return 1;
	}
	return 0;
}

int
sniff_file(const char *path, enum file_kind *kind, char *root,
	   size_t root_size, struct tmg_error *err)
{
	enum { SNIFF_SIZE = 65536 };
	unsigned char *raw = xmalloc(SNIFF_SIZE);
	char *text = xmalloc(SNIFF_SIZE + 1);
	size_t n = 0, len = 0, i = 0, step = 1, offset = 0;
	const char *p, *end;
	gzFile in;
	int fd, got;

	*kind = FILE_KIND_UNKNOWN;
	if (root_size)
		root[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		tmg_error_set(err, path, 0, 0, "%s", strerror(errno));
		goto fail;
	}
	if ((in = gzdopen(fd, "rb")) == NULL) {
		tmg_error_set(err, path, 0, 0, "%s", strerror(errno));
		close(fd);
		goto fail;
	}
	while (n < SNIFF_SIZE &&
	       (got = gzread(in, raw + n, (unsigned)(SNIFF_SIZE - n))) != 0) {
		if (got < 0) {
			int code;
			const char *why = gzerror(in, &code);

			tmg_error_set(err, path, 0, 0, "%s", code == Z_ERRNO ?
				      strerror(errno) : why);
			gzclose(in);
			goto fail;
		}
		n += (size_t)got;
	}
	gzclose(in);

	/* UTF-16 (by BOM or by a NUL beside '<'): keep the low bytes, which
	 * is enough to read element names. */
	if (n >= 2 && ((raw[0] == 0xff && raw[1] == 0xfe) ||
		       (raw[0] == '<' && raw[1] == 0))) {
		step = 2, offset = 0;
		i = raw[0] == 0xff ? 2 : 0;
	} else if (n >= 2 && ((raw[0] == 0xfe && raw[1] == 0xff) ||
			      (raw[0] == 0 && raw[1] == '<'))) {
		step = 2, offset = 1;
		i = raw[0] == 0xfe ? 2 : 0;
	} else if (n >= 3 && raw[0] == 0xef && raw[1] == 0xbb &&
		   raw[2] == 0xbf) {
		i = 3;
	}
	for (; i + offset < n; i += step)
		text[len++] = (char)raw[i + offset];
	text[len] = '\0';

	end = text + len;
	for (p = text; p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
				   *p == '\n'); p++)
		;
	if (p == end || *p != '<') {
		*kind = is_po(path, text) ? FILE_KIND_PO : FILE_KIND_DELIMITED;
	} else {
		const char *name = skip_prolog(p, end), *q, *colon = NULL;
		*kind = FILE_KIND_OTHER_XML;
		if (name && *name == '<') {
			name++;
			for (q = name; q < end && !strchr(" \t\r\n/>", *q); q++)
				if (*q == ':')
					colon = q;
			if (colon)
				name = colon + 1;
			if (q == end && n < SNIFF_SIZE) {
				/* no root: the file ends in its name */
				cut_in_root(path, text, end, err);
				goto out;
			}
			if (root_size)
				snprintf(root, root_size, "%.*s",
					 (int)(q - name), name);
			if (q - name == 3 && memcmp(name, "tmx", 3) == 0)
				*kind = FILE_KIND_TMX;
			else if ((q - name == 6 && memcmp(name, "martif", 6) == 0) ||
				 (q - name == 3 && memcmp(name, "tbx", 3) == 0) ||
				 (q - name == 3 && memcmp(name, "TBX", 3) == 0))
				*kind = FILE_KIND_TBX;
			else if (q - name == 5 && memcmp(name, "xliff", 5) == 0)
				*kind = FILE_KIND_XLIFF;
			else
				other_root(path, text, name, q, err);
		}
	}
out:
	free(raw);
	free(text);
	return 0;
fail:
	free(raw);
	free(text);
	return -1;
}
