/*
 * output.c -- the pieces every command's output is made of: JSON strings,
 * TSV fields, terminal columns that count a Chinese character as two, and
 * the one decision of whether to write colour and the one rule of where
 * a written file's temporary copy is renamed to.  The JSON and TSV pieces
 * that several commands write alike (an object member that may be null, a
 * glossary translation, a row of fields) are here once.
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "cli.h"
#include "base/xalloc.h"

/* The length of the well-formed UTF-8 sequence `s` begins with (1 to 4),
 * or 0 when its first byte starts none: a stray continuation byte, an
 * overlong form, a surrogate, a code point past U+10FFFF or a sequence
 * cut short (RFC 3629, section 4). */
static size_t
utf8_sequence_length(const unsigned char *s)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		if (c == 0xe0)
			lo = 0xa0;      /* overlong */
		else if (c == 0xed)
			hi = 0x9f;      /* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		if (c == 0xf0)
			lo = 0x90;      /* overlong */
		else if (c == 0xf4)
			hi = 0x8f;      /* past U+10FFFF */
	} else
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

/*
 * JSON text is UTF-8 (RFC 8259): a byte that is not part of well-formed
 * UTF-8 (a file name in Latin-1, say) is written as \ufffd, the
 * replacement character, one for each such byte, and the first time it
 * happens a warning says so on standard error.  Quotes, backslashes and
 * control characters are escaped; every other character goes out as it
 * is.
 */
void
json_string(FILE *out, const char *str)
{
	static int warned;
	const unsigned char *s = (const unsigned char *)str;

	putc('"', out);
	while (*s) {
		/* the run that needs no escape goes out in one write */
		size_t n = 0, len;
		unsigned char c;

		while ((c = s[n]) >= 0x20 && c != '"' && c != '\\' &&
		       (len = utf8_sequence_length(s + n)) > 0)
			n += len;
		if (n)
			fwrite(s, 1, n, out);
		s += n;
		if ((c = *s) == '\0')
			break;
		switch (c) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (c < 0x20) {
				fprintf(out, "\\u%04x", c);
				break;
			}
			fputs("\\ufffd", out);
			if (!warned) {
				fflush(out);
				fputs(_("tmgloss: warning: a name or text that "
					"is not UTF-8 was written with U+FFFD "
					"in place of each invalid byte\n"),
				      stderr);
				warned = 1;
			}
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

/* The fields up to a NULL as one TSV line.  A flag tells the first
 * field: comparing pointers would drop the tab before a later field that
 * is the same string (the same "" twice). */
static void
tsv_vrow(FILE *out, const char *field, va_list ap)
{
	int first = 1;

	for (const char *f = field; f; f = va_arg(ap, const char *)) {
		if (!first)
			putc('\t', out);
		first = 0;
		tsv_field(out, f);
	}
	putc('\n', out);
}

void
tsv_header(const struct cli *cli, const char *column, ...)
{
	va_list ap;

	if (cli->format != FORMAT_TSV || !cli->header)
		return;
	va_start(ap, column);
	tsv_vrow(stdout, column, ap);
	va_end(ap);
}

void
tsv_header_to(FILE *out, const struct cli *cli, const char *column, ...)
{
	va_list ap;

	if (!cli->header)
		return;
	va_start(ap, column);
	tsv_vrow(out, column, ap);
	va_end(ap);
}

const char *
format_name(int format)
{
	static const char *const names[] = {
		[FORMAT_TEXT] = "text", [FORMAT_TSV] = "tsv",
		[FORMAT_JSON] = "json", [FORMAT_TBX] = "tbx",
		[FORMAT_CSV] = "csv",
	};

	return names[format];
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
json_fuzzy_hit(FILE *out, long number, const char *query,
	       const struct fuzzy_hit *h)
{
	static const char *const members[] = {
		"score", "source", "source_lang", "target", "target_lang",
		"origin", "change_date", "unit_id", "tuid", "author",
		"source_markup", "target_markup",
	};

	fprintf(out, " {\"query_no\": %ld, \"query\": ", number);
	json_string(out, query);
	if (h == NULL) {
		for (size_t m = 0; m < sizeof members / sizeof *members; m++)
			fprintf(out, ", \"%s\": null", members[m]);
		putc('}', out);
		return;
	}
	fprintf(out, ", \"score\": %d, \"source\": ", h->score);
	json_string(out, h->source);
	json_member(out, "source_lang", h->source_lang);
	json_member(out, "target", h->target);
	json_member(out, "target_lang", h->target_lang);
	json_member(out, "origin", h->origin);
	json_member(out, "change_date", h->change_date);
	fprintf(out, ", \"unit_id\": %lld", (long long)h->unit_id);
	json_member(out, "tuid", h->tuid);
	json_member(out, "author", h->author);
	json_member(out, "source_markup", h->source_markup);
	json_member(out, "target_markup", h->target_markup);
	putc('}', out);
}

int
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < len; ) {
		size_t n = utf8_sequence_length(p + i);
		if (n == 0 || n > len - i)
			return 0;
		i += n;
	}
	return 1;
}

void
tsv_row(FILE *out, const char *field, ...)
{
	va_list ap;

	va_start(ap, field);
	tsv_vrow(out, field, ap);
	va_end(ap);
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
	/* The units are the translator's: French says "Kio", "Mio", "Gio"
	 * (and "o" for bytes), with a no-break space before them. */
	if (bytes < 1024)
		/* TRANSLATORS: a size in bytes; French: "%lld o" */
		snprintf(buf, size, _("%lld B"), bytes);
	else if (bytes < 1024 * 1024)
		/* TRANSLATORS: a size in kibibytes; French: "%.1f Kio" */
		snprintf(buf, size, _("%.1f KiB"), bytes / 1024.0);
	else if (bytes < 1024LL * 1024 * 1024)
		/* TRANSLATORS: a size in mebibytes; French: "%.1f Mio" */
		snprintf(buf, size, _("%.1f MiB"), bytes / (1024.0 * 1024));
	else
		/* TRANSLATORS: a size in gibibytes; French: "%.2f Gio" */
		snprintf(buf, size, _("%.2f GiB"),
			 bytes / (1024.0 * 1024 * 1024));
}

void
format_duration(char *buf, size_t size, double seconds)
{
	long s = seconds > 0 ? (long)(seconds + 0.5) : 0;

	if (s >= 3600)
		snprintf(buf, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
			 s % 60);
	else
		snprintf(buf, size, "%ld:%02ld", s / 60, s % 60);
}

void
format_progress_times(char *buf, size_t size, double elapsed,
		      double fraction)
{
	char spent[32], left[32];

	buf[0] = '\0';
	if (elapsed < PROGRESS_TIMES_AFTER)
		return;
	format_duration(spent, sizeof spent, elapsed);
	if (fraction <= 0 || fraction >= 1) {
		/* TRANSLATORS: a progress line's time so far: "0:12" */
		snprintf(buf, size, _("%s elapsed"), spent);
		return;
	}
	/* the rate so far holds for the rest */
	format_duration(left, sizeof left,
			elapsed * (1 - fraction) / fraction);
	/* TRANSLATORS: a progress line's time so far and estimated time
	 * left: "0:12", "1:05" */
	snprintf(buf, size, _("%s elapsed, about %s left"), spent, left);
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

/* The rule of export and gloss export: see cli.h. */
char *
cli_rename_target(const char *output)
{
	struct stat st;

	if (strcmp(output, "-") == 0)
		return NULL;
	if (stat(output, &st) != 0) {
		/* a missing path (an error in a missing folder is the
		 * temporary file's); a dangling link is written through */
		if (errno == ENOENT && lstat(output, &st) != 0)
			return xstrdup(output);
		return NULL;
	}
	if (!S_ISREG(st.st_mode))
		return NULL;
	if (lstat(output, &st) == 0 && S_ISLNK(st.st_mode))
		return realpath(output, NULL);
	return xstrdup(output);
}

const char *
cli_output_begin(struct cli_output *out, const char *name)
{
	out->name = name;
	out->tmp = NULL;
	if ((out->target = cli_rename_target(name)) != NULL) {
		size_t n = strlen(out->target) + 32;

		out->tmp = xmalloc(n);
		snprintf(out->tmp, n, "%s.tmp-%ld", out->target,
			 (long)getpid());
		return out->tmp;
	}
	return name;
}

int
cli_output_commit(struct cli_output *out, struct tmg_error *err)
{
	if (out->tmp && rename(out->tmp, out->target) != 0) {
		tmg_error_set(err, out->name, 0, 0, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

void
cli_output_abort(struct cli_output *out, struct tmg_error *err)
{
	if (out->tmp == NULL)
		return;
	unlink(out->tmp);
	/* the temporary file's name means nothing to the user */
	if (strcmp(err->file, out->tmp) == 0)
		snprintf(err->file, sizeof err->file, "%s", out->name);
}

void
cli_output_free(struct cli_output *out)
{
	free(out->tmp);
	free(out->target);
	out->tmp = out->target = NULL;
}
