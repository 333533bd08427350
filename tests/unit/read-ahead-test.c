/*
 * read-ahead-test.c -- the TMX reader's parsing thread changes nothing the
 * caller sees: the same units, warnings and errors in the same order as
 * reading in the caller's thread (TMGLOSS_READ_AHEAD=0), and a reader
 * closed halfway stops its thread and frees what it had queued (the
 * sanitizer build checks the leaks).
 *
 * The files are written here, large enough (3,000 units) to fill the
 * 1,024-unit queue several times over; and one of 24 units of 2 MB each,
 * which the queue's bound on bytes (32 MiB) holds back long before its
 * bound on units.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "tmgloss.h"

#define UNITS 3000

/* What the caller saw, one line per unit, warning, end or error. */
struct trace {
	char *text;
	size_t len, alloc;
	long units;
};

static void
trace_add(struct trace *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
trace_add(struct trace *t, const char *fmt, ...)
{
	char line[2400];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	n = strlen(line);
	if (t->len + n + 2 > t->alloc) {
		t->alloc = (t->len + n + 2) * 2;
		t->text = realloc(t->text, t->alloc);
		if (t->text == NULL)
			abort();
	}
	memcpy(t->text + t->len, line, n);
	t->len += n;
	t->text[t->len++] = '\n';
	t->text[t->len] = '\0';
}

static void
on_warning(void *data, const struct tmg_error *w)
{
	struct trace *t = data;

	trace_add(t, "warning after %ld units: %s:%ld: %s", t->units, w->file,
		  w->line, w->message);
}

/*
 * A TMX of UNITS units; every 97th has a <tuv> without xml:lang (a
 * warning with skip_invalid) and every 131st empty segments (always a
 * warning).  With `truncate_at` > 0 the file stops in the middle of that
 * unit.
 */
static void
write_tmx(const char *path, int truncate_at)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		abort();
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<tmx version=\"1.4\"><header srclang=\"fr-FR\" segtype=\"sentence\""
	      " creationtool=\"t\" creationtoolversion=\"1\" o-tmf=\"t\""
	      " adminlang=\"fr\" datatype=\"plaintext\">\n"
	      "<note>en-tête</note></header>\n<body>\n", f);
	for (int i = 1; i <= UNITS; i++) {
		if (i == truncate_at) {
			fprintf(f, "<tu tuid=\"u%d\"><tuv xml:lang=\"fr-FR\"><seg>"
				"Phrase %d", i, i);
			break;
		}
		fprintf(f, "<tu tuid=\"u%d\" creationdate=\"2025-06-22T10:%02d:00Z\">"
			"<prop type=\"x-n\">%d</prop>\n", i, i % 60, i);
		if (i % 97 == 0)
			fprintf(f, "<tuv><seg>Sans langue %d</seg></tuv>\n", i);
		else if (i % 131 == 0)
			fputs("<tuv xml:lang=\"fr-FR\"><seg></seg></tuv>\n", f);
		else
			fprintf(f, "<tuv xml:lang=\"fr-FR\"><seg>Beijing compte "
				"<ph x=\"1\">&lt;b/&gt;</ph>%d entreprises.</seg>"
				"</tuv>\n", i);
		if (i % 131 != 0)
			fprintf(f, "<tuv xml:lang=\"zh-CN\"><seg>北京有%d家企业。"
				"</seg></tuv>\n", i);
		else
			fputs("<tuv xml:lang=\"zh-CN\"><seg/></tuv>\n", f);
		fputs("</tu>\n", f);
	}
	if (truncate_at <= 0)
		fputs("</body>\n</tmx>\n", f);
	fclose(f);
}

/* LONG_UNITS units whose French segment is 2 MB of text. */
#define LONG_UNITS 24
static void
write_long_tmx(const char *path)
{
	FILE *f = fopen(path, "w");
	static char block[1001];

	if (f == NULL)
		abort();
	memset(block, 'a', 1000);
	fputs("<tmx version=\"1.4\"><header srclang=\"fr-FR\"/><body>\n", f);
	for (int i = 1; i <= LONG_UNITS; i++) {
		fprintf(f, "<tu tuid=\"u%d\"><tuv xml:lang=\"fr-FR\"><seg>%d ",
			i, i);
		for (int k = 0; k < 2000; k++)
			fputs(block, f);
		fprintf(f, "</seg></tuv><tuv xml:lang=\"zh-CN\"><seg>%d</seg>"
			"</tuv></tu>\n", i);
	}
	fputs("</body></tmx>\n", f);
	fclose(f);
}

/*
 * Read `path` with or without read-ahead, recording everything the caller
 * sees; stop after `stop_after` units when > 0 (closing the reader early).
 */
static void
read_file(const char *path, int read_ahead, int skip_invalid, long stop_after,
	  struct trace *t)
{
	struct tmx_read_options options = { .skip_invalid = skip_invalid };
	struct tmg_error err;
	struct tmx_reader *r;
	struct tmg_unit unit;
	int ret;

	setenv("TMGLOSS_READ_AHEAD", read_ahead ? "1" : "0", 1);
	memset(t, 0, sizeof *t);
	r = tmx_reader_open(path, &options, on_warning, t, &err);
	if (r == NULL) {
		trace_add(t, "open failed: %s", err.message);
		return;
	}
	unit_init(&unit);
	while ((ret = tmx_reader_next(r, &unit, &err)) == 1) {
		const struct tmx_header *h = tmx_reader_header(r);
		t->units++;
		trace_add(t, "unit %s line %ld, %zu variants, %s: %s | %s "
			  "(header %s, %zu notes)", unit.tuid, unit.line,
			  unit.nvariants, unit.creation_date,
			  unit.variants[0].text,
			  unit.variants[0].markup ? unit.variants[0].markup : "",
			  h->srclang, h->notes.count);
		if (stop_after > 0 && t->units == stop_after)
			break;
	}
	if (ret == 0)
		trace_add(t, "end after %ld units, %llu of %llu bytes", t->units,
			  (unsigned long long)tmx_reader_bytes_read(r),
			  (unsigned long long)tmx_reader_file_size(r));
	else if (ret < 0)
		trace_add(t, "error after %ld units: %s:%ld: %s", t->units,
			  err.file, err.line, err.message);
	/* a second call after the end or an error says so again */
	if (ret <= 0)
		trace_add(t, "then %d", tmx_reader_next(r, &unit, &err));
	unit_clear(&unit);
	tmx_reader_close(r);
}

static void
compare(const char *what, const char *path, int skip_invalid, long stop_after,
	long want_units)
{
	struct trace ahead, inline_;

	read_file(path, 1, skip_invalid, stop_after, &ahead);
	read_file(path, 0, skip_invalid, stop_after, &inline_);
	is_str(ahead.text, inline_.text,
	       "%s: the caller sees the same with and without read-ahead",
	       what);
	is_int(ahead.units, want_units, "%s: %ld units", what, want_units);
	free(ahead.text);
	free(inline_.text);
}

/* Units 1..n that are read: not every 97th, not every 131st. */
static long
good_units(int n)
{
	long good = 0;

	for (int i = 1; i <= n; i++)
		good += i % 97 != 0 && i % 131 != 0;
	return good;
}

int
main(void)
{
	char dir[] = "/tmp/tmgloss-read-ahead.XXXXXX";
	char whole[64], cut[64], long_texts[64];
	struct trace t;

	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(whole, sizeof whole, "%s/whole.tmx", dir);
	snprintf(cut, sizeof cut, "%s/cut.tmx", dir);
	write_tmx(whole, 0);
	write_tmx(cut, 2500);
	snprintf(long_texts, sizeof long_texts, "%s/long.tmx", dir);
	write_long_tmx(long_texts);

	compare("skip invalid units", whole, 1, 0, good_units(UNITS));
	compare("invalid unit is an error", whole, 0, 0, 96);
	/* libxml2 gives the last complete units of a truncated file or not,
	 * depending on its buffers: the same with and without read-ahead */
	read_file(cut, 0, 1, 0, &t);
	compare("truncated file", cut, 1, 0, t.units);
	ok(t.units > 2400 && t.units <= good_units(2499) &&
	   strstr(t.text, "error after") && strstr(t.text, "then -1"),
	   "truncated file: the units before the cut, then an error, twice");
	free(t.text);
	compare("closed after 10 units", whole, 1, 10, 10);
	compare("closed after 1,000 units", whole, 1, 1000, 1000);
	compare("48 MB of long texts", long_texts, 0, 0, LONG_UNITS);
	compare("long texts, closed after 5 units", long_texts, 0, 5, 5);

	read_file(whole, 1, 1, 0, &t);
	ok(strstr(t.text, "warning after 96 units: ") != NULL &&
	   strstr(t.text, "<tuv> has no xml:lang") != NULL,
	   "a warning comes between the units around it");
	ok(strstr(t.text, "unit u3000 line") != NULL &&
	   strstr(t.text, "end after") != NULL &&
	   strstr(t.text, "then 0") != NULL,
	   "the last unit, then the end, then the end again");
	free(t.text);

	unlink(whole);
	unlink(cut);
	unlink(long_texts);
	rmdir(dir);
	return done_testing();
}
