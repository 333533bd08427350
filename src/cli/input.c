/*
 * input.c -- reading the text a command works on: a whole file, or
 * standard input for "-", and the byte order mark that may begin it.
 * Text is kept in memory whole (sentences and terms need it), so a file
 * is limited to 1 GiB, well inside what ICU's 32-bit offsets can address.
 */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "base/xalloc.h"

size_t
cli_bom_length(const char *s, size_t len)
{
	return len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

int
cli_read_file(const char *path, struct strbuf *sb)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char buf[65536];
	size_t n;

	if (f == NULL) {
		cli_error(_("%s: cannot open: %s"), path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (sb->len + n > (size_t)INT32_MAX / 2) {
			cli_error(_("%s: too large (1 GiB at most)"), path);
			goto fail;
		}
		strbuf_add(sb, buf, n);
	}
	if (ferror(f)) {
		cli_error(_("%s: cannot read: %s"), path, strerror(errno));
		goto fail;
	}
	if (f != stdin)
		fclose(f);
	return 0;
fail:
	if (f != stdin)
		fclose(f);
	return -1;
}
