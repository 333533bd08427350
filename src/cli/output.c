/*
 * output.c -- the pieces every command's output is made of: JSON strings,
 * TSV fields, terminal columns that count a Chinese character as two, and
 * the one decision of whether to write colour.  The JSON and TSV pieces
 * that several commands write alike (an object member that may be null, a
 * glossary translation, a row of fields) are here once.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "cli.h"

void
json_string(FILE *out, const char *s)
{
	putc('"', out);
	while (*s) {
		/* the run that needs no escape goes out in one write */
		size_t n = 0;
		unsigned char c;

		while ((c = (unsigned char)s[n]) >= 0x20 && c != '"' &&
		       c != '\\')
			n++;
		if (n)
			fwrite(s, 1, n, out);
		s += n;
		if ((c = (unsigned char)*s) == '\0')
			break;
		switch (c) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default: fprintf(out, "\\u%04x", c);
		}
		s++;
	}
	putc('"', out);
}

void
tsv_field(FILE *out, const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "\t\n\r\\");

		if (n)
			fwrite(s, 1, n, out);
		s += n;
		switch (*s) {
		case '\0': return;
		case '\t': fputs("\\t", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\\': fputs("\\\\", out); break;
		}
		s++;
	}
}

void
json_member(FILE *out, const char *key, const char *value)
{
	fprintf(out, ", \"%s\": ", key);
	if (value)
		json_string(out, value);
	else
		fputs("null", out);
}

void
json_translation(FILE *out, int first, const char *lang, const char *text,
		 enum term_status status)
{
	fputs(first ? "{\"lang\": " : ", {\"lang\": ", out);
	json_string(out, lang);
	json_member(out, "text", text);
	json_member(out, "status", term_status_name(status));
	putc('}', out);
}

void
tsv_row(FILE *out, const char *field, ...)
{
	va_list ap;

	va_start(ap, field);
	for (const char *f = field; f; f = va_arg(ap, const char *)) {
		if (f != field)
			putc('\t', out);
		tsv_field(out, f);
	}
	va_end(ap);
	putc('\n', out);
}

void
print_translation(FILE *out, int first, const char *text,
		  enum term_status status, int show_admitted)
{
	if (!first)
		fputs("; ", out);
	fputs(text, out);
	if (status == TERM_DEPRECATED)
		fprintf(out, " (%s)", _("deprecated"));
	else if (status == TERM_ADMITTED && show_admitted)
		fprintf(out, " (%s)", _("admitted"));
}

size_t
display_width(const char *s)
{
	int32_t i = 0, n = (int32_t)strlen(s);
	size_t width = 0;

	while (i < n) {
		UChar32 c;
		U8_NEXT(s, i, n, c);
		if (c < 0) {
			width++;
			continue;
		}
		switch (u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH)) {
		case U_EA_WIDE:
		case U_EA_FULLWIDTH:
			width += 2;
			break;
		default:
			if (u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY_MASK) &
			    (U_GC_MN_MASK | U_GC_ME_MASK | U_GC_CF_MASK))
				break;
			width++;
		}
	}
	return width;
}

void
pad_right(FILE *out, const char *s, size_t width)
{
	size_t w = display_width(s);

	fputs(s, out);
	while (w++ < width)
		putc(' ', out);
}

void
pad_left(FILE *out, const char *s, size_t width)
{
	size_t w = display_width(s);

	while (w++ < width)
		putc(' ', out);
	fputs(s, out);
}

void
format_count(char *buf, size_t size, long long n)
{
	snprintf(buf, size, "%'lld", n);
}

void
format_bytes(char *buf, size_t size, long long bytes)
{
	if (bytes < 1024)
		snprintf(buf, size, "%lld B", bytes);
	else if (bytes < 1024 * 1024)
		snprintf(buf, size, "%.1f KiB", bytes / 1024.0);
	else if (bytes < 1024LL * 1024 * 1024)
		snprintf(buf, size, "%.1f MiB", bytes / (1024.0 * 1024));
	else
		snprintf(buf, size, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
}

int
cli_use_colour(FILE *out)
{
	const char *term = getenv("TERM");

	/* https://no-color.org: set, whatever its value, means no colour */
	if (getenv("NO_COLOR") != NULL)
		return 0;
	if (term && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(out));
}
