/*
 * tmx-read-test.c -- the streaming TMX reader on every TMX of tests/data:
 * unit counts, languages, encodings, whitespace, inline markup, props and
 * notes, dates, and the errors of malformed files.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "fixture.h"
#include "tap.h"
#include "tmgloss.h"

static char *data_dir;
static int warnings;

static void
count_warning(void *data, const struct tmg_error *w)
{
	(void)data;
	(void)w;
	warnings++;
}

/* Units read whose content hash the reader gave, and of those, hashes
 * that were not unit_content_hash() of the unit. */
static long hashes_given, hash_mismatches;

/* Read a whole file; returns the number of units or -1 with err set.  When
 * `keep` is given, the unit number `keep_index` is left in it. */
static long
read_path(const char *path, const struct tmx_read_options *options,
	  struct tmg_error *err, struct tmg_unit *keep, long keep_index,
	  struct tmx_header *header)
{
	struct tmx_reader *r;
	struct tmg_unit unit;
	long n = 0;
	int ret;

	warnings = 0;
	r = tmx_reader_open(path, options, count_warning, NULL, err);
	if (r == NULL)
		return -1;
	unit_init(&unit);
	while ((ret = tmx_reader_next(r, &unit, err)) == 1) {
		/* a unit's content hash, when the parsing thread gave it,
		 * is the one the store would compute (base/records.h) */
		if (unit.content_hash_known &&
		    unit.content_hash != unit_content_hash(&unit))
			hash_mismatches++;
		hashes_given += unit.content_hash_known;
		if (keep && n == keep_index) {
			*keep = unit;
			unit_init(&unit);
		}
		n++;
	}
	if (header) {
		const struct tmx_header *h = tmx_reader_header(r);
		memcpy(header->version, h->version, sizeof header->version);
		memcpy(header->srclang, h->srclang, sizeof header->srclang);
		header->notes.count = h->notes.count;
	}
	unit_clear(&unit);
	tmx_reader_close(r);
	return ret < 0 ? -1 : n;
}

/* read_path() on a file of tests/data */
static long
read_all(const char *name, const struct tmx_read_options *options,
	 struct tmg_error *err, struct tmg_unit *keep, long keep_index,
	 struct tmx_header *header)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", data_dir, name);
	return read_path(path, options, err, keep, keep_index, header);
}

struct expected_count {
	const char *file;
	long units;    /* units handed over */
	int warnings;  /* units skipped with a warning */
};

/* Counted by hand from the files (a <tu> with one language is a unit). */
static const struct expected_count counts[] = {
	{ "tmx/lisa-compkit/ImportTest1A.tmx", 2, 0 },
	{ "tmx/lisa-compkit/ImportTest1B.tmx", 1, 0 },
	{ "tmx/lisa-compkit/ImportTest1C.tmx", 3, 0 },
	{ "tmx/lisa-compkit/ImportTest1D.tmx", 3, 0 },
	{ "tmx/lisa-compkit/ImportTest1E.tmx", 3, 0 },
	{ "tmx/lisa-compkit/ImportTest1F.tmx", 3, 0 },
	{ "tmx/lisa-compkit/ImportTest1G.tmx", 3, 0 },
	{ "tmx/lisa-compkit/ImportTest1H.tmx", 3, 0 },
	{ "tmx/lisa-compkit/ImportTest1I.tmx", 1, 0 },
	{ "tmx/lisa-compkit/ImportTest1J_many.tmx", 3, 0 },
	{ "tmx/lisa-compkit/ImportTest1K.tmx", 2, 0 },
	{ "tmx/lisa-compkit/ImportTest1L.tmx", 1, 0 },
	{ "tmx/lisa-compkit/ImportTest2A.tmx", 7, 0 },
	{ "tmx/lisa-compkit/ImportTest2B.tmx", 7, 0 },
	{ "tmx/lisa-compkit/ImportTest2C.tmx", 1, 0 },
	{ "tmx/lisa-compkit/ExportTest1A.tmx", 4, 0 },
	{ "tmx/lisa-compkit/ExportTest2A.tmx", 6, 0 },
	{ "tmx/omegat/project_save.tmx", 5, 0 },
	{ "tmx/omegat/project_CN_JP_project_save.tmx", 1, 0 },
	{ "tmx/omegat/test-multiple-tuv.tmx", 3, 0 },
	{ "tmx/omegat/test-SMP.tmx", 1, 0 },
	{ "tmx/omegat/test-level2.tmx", 4, 0 },
	{ "tmx/omegat/test-missingSource.tmx", 4, 0 },
	{ "tmx/omegat/empty.tmx", 0, 0 },
	{ "tmx/omegat/en-US_en-GB_fr_sr.tmx", 1, 0 },
	{ "tmx/omegat/invalid.tmx", 1, 0 },
	{ "tmx/omegat/test-omegat-invalid.tmx", 4, 0 },
	{ "tmx/okapi/html_test.tmx", 11, 0 },
	{ "tmx/okapi/test01.tmx", 4, 0 },
	{ "tmx/okapi/header_with_prop_and_note.tmx", 1, 0 },
	{ "tmx/okapi/Paragraph_TM.tmx", 7, 0 },
	{ "tmx/okapi/tmxtest-attributes.tmx", 9, 0 },
	{ "tmx/okapi/sampleTMX2.tmx", 2, 0 },
	{ "tmx/okapi/issue277.tmx", 2, 0 },
	{ "tmx/heartsome/ImportTMXTest.tmx", 314, 0 },
	{ "tmx/heartsome/utf-8.tmx", 2, 0 },
	{ "tmx/heartsome/UTF-16LE.TMX", 2, 0 },
	{ "tmx/heartsome/utf-16be.tmx", 2, 0 },
	{ "tmx/maxprograms/tmxeditor_java_fr.tmx", 44, 0 },
	{ "tmx/maxprograms/tmxeditor_fr.ditamap.tmx", 489, 0 },
};

static void
test_every_corpus_file(void)
{
	for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
		struct tmg_error err = { 0 };
		long n = read_all(counts[i].file, NULL, &err, NULL, 0, NULL);
		if (n < 0)
			diag("%s:%ld: %s", err.file, err.line, err.message);
		is_int(n, counts[i].units, counts[i].file);
		is_int(warnings, counts[i].warnings, "  its skipped units");
	}
}

static const struct tmg_variant *
variant(const struct tmg_unit *u, const char *lang)
{
	for (size_t i = 0; i < u->nvariants; i++)
		if (strcmp(u->variants[i].lang, lang) == 0)
			return &u->variants[i];
	return NULL;
}

/* The same three units in six encodings must read the same. */
static void
test_encodings(void)
{
	static const char *const files[] = {
		"tmx/lisa-compkit/ImportTest1E.tmx", /* UTF-8 */
		"tmx/lisa-compkit/ImportTest1D.tmx", /* UTF-8 + BOM */
		"tmx/lisa-compkit/ImportTest1F.tmx", /* UTF-16LE */
		"tmx/lisa-compkit/ImportTest1G.tmx", /* UTF-16BE */
		"tmx/lisa-compkit/ImportTest1H.tmx", /* us-ascii + refs */
	};
	struct tmg_unit first, other;
	struct tmg_error err;

	unit_init(&first);
	read_all(files[0], NULL, &err, &first, 2, NULL);
	ok(first.nvariants == 2, "1E: unit 3 has two variants");
	for (size_t i = 1; i < sizeof files / sizeof *files; i++) {
		int same = first.nvariants > 0;
		unit_init(&other);
		read_all(files[i], NULL, &err, &other, 2, NULL);
		same = same && other.nvariants == first.nvariants;
		for (size_t k = 0; same && k < first.nvariants; k++)
			same = strcmp(first.variants[k].text,
				      other.variants[k].text) == 0 &&
			       strcmp(first.variants[k].lang,
				      other.variants[k].lang) == 0;
		ok(same, "%s reads as the UTF-8 file does", files[i]);
		unit_clear(&other);
	}
	unit_clear(&first);
}

static void
test_details(void)
{
	struct tmg_unit u;
	struct tmg_error err;
	struct tmx_header h = { 0 };
	const struct tmg_variant *v;

	/* whitespace written as character references is kept */
	unit_init(&u);
	read_all("tmx/lisa-compkit/ImportTest1A.tmx", NULL, &err, &u, 1, NULL);
	v = variant(&u, "en-US");
	ok(v && strchr(v->text, '\t') != NULL, "1A: a tab reference is kept");
	unit_clear(&u);

	/* mixed-case xml:lang is canonical */
	unit_init(&u);
	read_all("tmx/lisa-compkit/ImportTest1B.tmx", NULL, &err, &u, 0, NULL);
	ok(variant(&u, "en-US") && variant(&u, "fr-CA"),
	   "1B: eN-uS and fR-Ca read as en-US and fr-CA");
	unit_clear(&u);

	/* TMX 1.1 lang attribute, OmegaT's changedate on tuv */
	unit_init(&u);
	read_all("tmx/omegat/project_save.tmx", NULL, &err, &u, 0, &h);
	is_str(h.version, "1.1", "project_save: version 1.1");
	ok(u.nvariants == 2 && variant(&u, "en") && variant(&u, "fr"),
	   "project_save: TMX 1.1 lang attribute read");
	unit_clear(&u);

	/* characters outside the BMP */
	unit_init(&u);
	read_all("tmx/omegat/test-SMP.tmx", NULL, &err, &u, 0, NULL);
	ok(u.nvariants > 0 && strstr(u.variants[0].text, "\xf0\x9d\x90\x80"),
	   "test-SMP: U+1D400 kept as 4-byte UTF-8");
	unit_clear(&u);

	/* inline markup kept verbatim beside the plain text */
	unit_init(&u);
	read_all("tmx/lisa-compkit/ImportTest2A.tmx", NULL, &err, &u, 0, NULL);
	v = variant(&u, "en-US");
	ok(v && v->markup && strstr(v->markup, "<bpt i=\"1\" x=\"1\" type=\"bold\">&lt;b&gt;</bpt>"),
	   "2A: bpt kept with its attributes and code");
	ok(v && v->text && strstr(v->text, "<b>") == NULL &&
	   strstr(v->text, "black") != NULL,
	   "2A: the plain text has no inline code");
	unit_clear(&u);

	/* sub inside ph, hi, it */
	unit_init(&u);
	read_all("tmx/okapi/header_with_prop_and_note.tmx", NULL, &err, &u, 0,
		 &h);
	v = unit_source_variant(&u);
	ok(v && v->markup && strstr(v->markup, "<sub>"), "ph with sub kept");
	is_int((long)h.notes.count, 2, "header prop and note read");
	unit_clear(&u);

	/* srclang="*all*" and a multi-line prop */
	unit_init(&u);
	read_all("tmx/okapi/sampleTMX2.tmx", NULL, &err, &u, 0, &h);
	is_str(h.srclang, "en", "sampleTMX2: header srclang EN read as en");
	is_str(u.last_usage_date, "19970314T023401Z", "lastusagedate read");
	is_int(u.usage_count, 2, "usagecount read");
	unit_clear(&u);
	unit_init(&u);
	read_all("tmx/okapi/sampleTMX2.tmx", NULL, &err, &u, 1, NULL);
	is_str(u.srclang, "*all*", "sampleTMX2: unit srclang *all*");
	is_int((long)u.nvariants, 3, "  with three languages");
	unit_clear(&u);

	/* props and notes at unit and variant level */
	unit_init(&u);
	read_all("tmx/lisa-compkit/ImportTest1L.tmx", NULL, &err, &u, 0, NULL);
	ok(u.notes.count >= 2, "1L: unit props and notes read (%zu)",
	   u.notes.count);
	ok(u.nvariants == 3 && u.variants[0].notes.count >= 2,
	   "1L: variant props and notes read");
	unit_clear(&u);

	/* per-unit srclang overrides the header's */
	unit_init(&u);
	read_all("tmx/lisa-compkit/ImportTest1K.tmx", NULL, &err, &u, 0, NULL);
	is_str(u.srclang, "de-DE", "1K: tu srclang de-de overrides en-us");
	unit_clear(&u);
}

static void
test_dates(void)
{
	char out[17];

	ok(tmx_date_normalize("20250622T101500Z", out) == 0 &&
	   strcmp(out, "20250622T101500Z") == 0, "TMX date kept");
	ok(tmx_date_normalize("2025-06-22T10:15:00Z", out) == 0 &&
	   strcmp(out, "20250622T101500Z") == 0, "dashed ISO date normalised");
	ok(tmx_date_normalize("2025-06-22 10:15:00", out) == 0 &&
	   strcmp(out, "20250622T101500Z") == 0, "ISO date with a space");
	ok(tmx_date_normalize("2025-06-22", out) == 0 &&
	   strcmp(out, "20250622T000000Z") == 0, "a date alone is midnight");
	ok(tmx_date_normalize("22/06/2025", out) < 0, "a French date is not TMX");
	ok(tmx_date_normalize("20251322T000000Z", out) < 0, "month 13 refused");
}

struct bad_case {
	const char *file;
	long line;
	const char *message_part;
};

static const struct bad_case bad_cases[] = {
	{ "bad/not-xml.tmx", 1, "" },
	{ "bad/truncated.tmx", 7, "" },
	{ "bad/not-tmx.tmx", 2, "<xliff>" },
	{ "bad/no-lang.tmx", 8, "xml:lang" },
	{ "bad/no-seg.tmx", 9, "<seg>" },
	{ "bad/no-tuv.tmx", 7, "<tuv>" },
	{ "bad/bad-lang.tmx", 8, "fran" },
	{ "bad/control-char.tmx", 8, "" },
	{ "bad/external-entity.tmx", -1, "external entity" },
	{ "bad/entity-expansion.tmx", -1, "" },
};

static void
test_bad_files(void)
{
	for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
		const struct bad_case *c = &bad_cases[i];
		struct tmg_error err = { 0 };
		long n = read_all(c->file, NULL, &err, NULL, 0, NULL);

		ok(n < 0, "%s is refused", c->file);
		ok(strstr(err.file, c->file) != NULL,
		   "  the error names the file");
		if (c->line >= 0)
			is_int(err.line, c->line, "  and the line");
		ok(strstr(err.message, c->message_part) != NULL,
		   "  message: %s", err.message);
	}
}

static void
test_skip_and_repair(void)
{
	struct tmx_read_options skip = { .skip_invalid = 1 };
	struct tmx_read_options repair = { .repair = 1 };
	struct tmg_error err = { 0 };
	struct tmg_unit u;

	is_int(read_all("bad/no-lang.tmx", &skip, &err, NULL, 0, NULL), 2,
	       "--skip-invalid keeps the two good units");
	is_int(warnings, 1, "  and reports the bad one");
	is_int(read_all("bad/no-seg.tmx", &skip, &err, NULL, 0, NULL), 2,
	       "--skip-invalid: a <tuv> without <seg>");
	ok(read_all("bad/truncated.tmx", &skip, &err, NULL, 0, NULL) < 0,
	   "--skip-invalid does not accept malformed XML");

	unit_init(&u);
	is_int(read_all("bad/control-char.tmx", &repair, &err, &u, 2, NULL), 3,
	       "--repair reads the file with control characters");
	ok(u.nvariants == 2 &&
	   strcmp(u.variants[0].text, "Un caract\xc3\xa8rede contr\xc3\xb4le") == 0,
	   "  and drops them: '%s'", u.nvariants ? u.variants[0].text : "");
	unit_clear(&u);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0)
		diag("cannot write %s", path);
}

/*
 * What libxml2's SAX parser must read as its xmlTextReader did: an inline
 * element written "<x/>" or "<x></x>", namespace declarations in the
 * markup, attributes a DTD defaults left out, entities, CDATA, comments.
 */
static void
test_markup_as_written(void)
{
	static const char doc[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE tmx [\n"
		"<!ATTLIST ph x CDATA \"defaulted\">\n"
		"<!ATTLIST tu foo CDATA \"bar\">\n"
		"<!ENTITY co \"Soci\xc3\xa9t\xc3\xa9 &amp; Cie\">\n"
		"]>\n"
		"<tmx version=\"1.4\" xmlns:q=\"urn:q\"><header srclang=\"fr\">"
		"<prop type=\"p\" xml:lang=\"fr\">h\xc3\xa9<b>ho</b></prop>"
		"</header><body>\n"
		"<tu tuid=\"1\" q:k=\"v\"><tuv xml:lang=\"fr\" lang=\"de\">"
		"<seg>A <ph/> <ph></ph> <bpt i=\"1\" x=\"&lt;a&amp;&quot;\">"
		"<![CDATA[<b>]]></bpt>gras<ept i=\"1\">&lt;/b></ept> "
		"<q:x xmlns:r=\"urn:r\" r:y=\"1\">z</q:x>&co;<?pi x?><!--c-->"
		" fin</seg></tuv>\n"
		"<other><tuv xml:lang=\"zh\"><x><seg>\xe4\xb9\x99</seg></x>"
		"</tuv></other></tu>\n"
		"</body></tmx>\n";
	char path[4096];
	struct tmg_unit u;
	struct tmg_error err;
	struct tmx_header h = { 0 };
	const struct tmg_variant *fr;

	fixture_scratch_path(path, sizeof path, "tmx-read-markup");
	write_file(path, doc);
	unit_init(&u);
	is_int(read_path(path, NULL, &err, &u, 0, &h), 1,
	       "markup: the unit is read");
	fr = variant(&u, "fr");
	is_str(fr ? fr->markup : NULL,
	       "A <ph/> <ph></ph> <bpt i=\"1\" x=\"&lt;a&amp;&quot;\">&lt;b&gt;"
	       "</bpt>gras<ept i=\"1\">&lt;/b&gt;</ept> <q:x xmlns:r=\"urn:r\" "
	       "r:y=\"1\">z</q:x>Soci\xc3\xa9t\xc3\xa9 &amp; Cie fin",
	       "  <ph/> and <ph></ph> as written, namespaces kept, no "
	       "defaulted attribute, entity and CDATA read, comment and PI "
	       "dropped");
	is_str(fr ? fr->text : NULL,
	       "A   gras z" "Soci\xc3\xa9t\xc3\xa9 & Cie fin",
	       "  the text leaves the native code out");
	ok(variant(&u, "zh") && strcmp(variant(&u, "zh")->text,
					"\xe4\xb9\x99") == 0,
	   "  a <tuv> and a <seg> inside other elements are read");
	ok(u.tuid && strcmp(u.tuid, "1") == 0 && u.attrs.count == 1 &&
	   strcmp(u.attrs.items[0].name, "q:k") == 0,
	   "  the unit's attributes: tuid, and q:k under its prefix");
	is_int(h.notes.count, 1, "  the header's prop");
	unit_clear(&u);
	remove(path);
}

/*
 * Units cut by the parser's chunks (64 KiB) at every place, read with and
 * without the parsing thread: each reads whole, in order.
 */
static void
test_units_across_chunks(void)
{
	char path[4096];
	FILE *f;
	long bad = 0;

	fixture_scratch_path(path, sizeof path, "tmx-read-chunks");
	f = fopen(path, "w");
	if (f == NULL) {
		diag("cannot write %s", path);
		return;
	}
	fputs("<tmx version=\"1.4\"><header srclang=\"fr\"/><body>\n", f);
	for (int i = 0; i < 3000; i++) {
		fprintf(f, "<tu tuid=\"%d\"><tuv xml:lang=\"fr\"><seg>", i);
		for (int k = 0; k < i % 97; k++)
			fputs("\xc3\xa9", f);
		fprintf(f, "%d</seg></tuv><tuv xml:lang=\"zh\"><seg>"
			"<ph x=\"%d\"/>\xe4\xb8\xad%d</seg></tuv></tu>\n",
			i, i, i);
	}
	fputs("</body></tmx>\n", f);
	fclose(f);
	for (int ahead = 0; ahead <= 1; ahead++) {
		struct tmx_reader *r;
		struct tmg_unit u;
		struct tmg_error err;
		long n = 0;
		int ret;

		setenv("TMGLOSS_READ_AHEAD", ahead ? "1" : "0", 1);
		r = tmx_reader_open(path, NULL, count_warning, NULL, &err);
		if (r == NULL) {
			ok(0, "chunks: %s", err.message);
			continue;
		}
		unit_init(&u);
		while ((ret = tmx_reader_next(r, &u, &err)) == 1) {
			char want[512], markup[128];
			int len = 0;
			const struct tmg_variant *zh = variant(&u, "zh");

			for (int k = 0; k < n % 97; k++)
				len += snprintf(want + len, sizeof want - len,
						"\xc3\xa9");
			snprintf(want + len, sizeof want - len, "%ld", n);
			snprintf(markup, sizeof markup,
				 "<ph x=\"%ld\"/>\xe4\xb8\xad%ld", n, n);
			if (u.nvariants != 2 || strcmp(u.variants[0].text, want) ||
			    zh == NULL || zh->markup == NULL ||
			    strcmp(zh->markup, markup) || u.tuid == NULL ||
			    atol(u.tuid) != n)
				bad++;
			n++;
		}
		is_int(ret, 0, "chunks (read-ahead %d): the file ends well",
		       ahead);
		is_int(n, 3000, "  every unit is read");
		is_int(bad, 0, "  each whole, in its order");
		unit_clear(&u);
		tmx_reader_close(r);
	}
	unsetenv("TMGLOSS_READ_AHEAD");
	remove(path);
}

/* A text of more than 10,000,000 characters is refused, as libxml2
 * refuses it without XML_PARSE_HUGE: memory stays bounded. */
static void
test_text_too_large(void)
{
	char path[4096], block[1001];
	struct tmg_error err;
	FILE *f;

	fixture_scratch_path(path, sizeof path, "tmx-read-huge");
	f = fopen(path, "w");
	if (f == NULL) {
		diag("cannot write %s", path);
		return;
	}
	memset(block, 'a', 1000);
	block[1000] = '\0';
	fputs("<tmx version=\"1.4\"><header srclang=\"fr\"/><body>\n"
	      "<tu><tuv xml:lang=\"fr\"><seg>", f);
	for (int i = 0; i < 10001; i++)
		fputs(block, f);
	fputs("</seg></tuv><tuv xml:lang=\"zh\"><seg>b</seg></tuv></tu>"
	      "</body></tmx>\n", f);
	fclose(f);
	is_int(read_path(path, NULL, &err, NULL, 0, NULL), -1,
	       "a segment of 10,001,000 characters is refused");
	ok(strstr(err.message, "too large") != NULL && err.line == 2,
	   "  at its line, saying why: %s", err.message);
	remove(path);
}

int
main(void)
{
	data_dir = fixture_path("tests/data");
	test_every_corpus_file();
	test_encodings();
	test_details();
	test_dates();
	test_bad_files();
	test_skip_and_repair();
	test_markup_as_written();
	test_units_across_chunks();
	test_text_too_large();
	ok(hashes_given > 100, "the parsing thread gave %ld units' content "
	   "hashes", hashes_given);
	is_int(hash_mismatches, 0, "  each the one the store computes");
	xmlCleanupParser();
	free(data_dir);
	return done_testing();
}
