/*
 * po-read-test.c -- the PO reader (libgettextpo) on the PO files of
 * tests/data/po: messages and translated messages against Translate
 * Toolkit's and msgfmt's counts (the corpus's xliff-po-reference.tsv),
 * plural forms, msgctxt, fuzzy, obsolete, #| previous msgids, comments and
 * flags, languages, a windows-1251 file, a UTF-8 BOM, an empty file, a
 * duplicate message, a syntax error, and the line of every segment.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "tap.h"
#include "tmgloss.h"

static char *data_dir;
static int warnings;
static long last_warning_line;

static void
count_warning(void *data, const struct tmg_error *w)
{
	(void)data;
	warnings++;
	last_warning_line = w->line;
}

struct counts {
	long segments, messages, translated_messages;
	long drafts, news;
	unsigned long obsolete;
	long bad_lines;      /* segments whose line is not a msgid line */
};

/* Does line `n` (1-based) of the file's bytes hold a msgid keyword? */
static int
is_msgid_line(const char *data, size_t size, long n)
{
	const char *p = data, *end = data + size;

	for (long i = 1; i < n && p < end; i++) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL)
			return 0;
		p++;
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return (size_t)(end - p) > 6 && memcmp(p, "msgid ", 6) == 0;
}

static char *
slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	*size = fread(buf, 1, (size_t)n, f);
	fclose(f);
	return buf;
}

static char *
po_path(const char *name)
{
	char *path = malloc(strlen(data_dir) + strlen(name) + 8);

	sprintf(path, "%s/po/%s", data_dir, name);
	return path;
}

/* Read a whole file: 0, or -1 with err set.  When `keep_source` is given,
 * the last segment with that source (and segment id, when `keep_id` is
 * not NULL) is left in `keep`. */
static int
read_all(const char *name, const struct po_read_options *options,
	 struct counts *c, struct tmg_error *err, const char *keep_source,
	 const char *keep_id, struct tmg_docseg *keep)
{
	char *path = po_path(name), *data;
	size_t size = 0;
	struct po_reader *r;
	struct tmg_docseg seg;
	int ret, all_translated = 1;

	memset(c, 0, sizeof *c);
	warnings = 0;
	data = slurp(path, &size);
	r = po_reader_open(path, options, count_warning, NULL, err);
	free(path);
	if (r == NULL) {
		free(data);
		return -1;
	}
	docseg_init(&seg);
	while ((ret = po_reader_next(r, &seg, err)) == 1) {
		if (seg.segment_id == NULL || strcmp(seg.segment_id, "0") == 0) {
			if (c->messages && all_translated)
				c->translated_messages++;
			c->messages++;
			all_translated = 1;
		}
		if (seg.state != DOCSEG_TRANSLATED)
			all_translated = 0;
		c->segments++;
		c->drafts += seg.state == DOCSEG_DRAFT;
		c->news += seg.state == DOCSEG_NEW;
		if (data == NULL || !is_msgid_line(data, size, seg.line))
			c->bad_lines++;
		if (keep_source && keep &&
		    strcmp(seg.source_text, keep_source) == 0 &&
		    (keep_id == NULL || (seg.segment_id &&
					 strcmp(seg.segment_id, keep_id) == 0))) {
			docseg_clear(keep);
			*keep = seg;
			docseg_init(&seg);
		}
	}
	if (c->messages && all_translated)
		c->translated_messages++;
	c->obsolete = po_reader_obsolete(r);
	docseg_clear(&seg);
	po_reader_close(r);
	free(data);
	return ret < 0 ? -1 : 0;
}

static const char *
note_value(const struct tmg_docseg *seg, int is_note, const char *type,
	   int nth)
{
	for (size_t i = 0; i < seg->notes.count; i++) {
		const struct tmg_annotation *a = &seg->notes.items[i];

		if (a->is_note != is_note)
			continue;
		if (type && (a->type == NULL || strcmp(a->type, type) != 0))
			continue;
		if (nth-- == 0)
			return a->value;
	}
	return NULL;
}

/*
 * Messages and translated messages (a plural message counts once, and as
 * translated when none of its forms is empty or fuzzy, as Translate
 * Toolkit counts) against the corpus's reference table: peer_units and
 * peer_translated from Translate Toolkit 3.8.4, else msgfmt's statistics.
 */
static const struct {
	const char *file;
	long messages, translated, segments;
	unsigned long obsolete;
} reference[] = {
	{ "okapi/AllCasesTest.po", 11, 5, 14, 0 },
	/* TT 3.8.4 cannot decode windows-1251; msgfmt: 11 translated, 6
	 * untranslated */
	{ "okapi/Test_DrupalRussianCP1251.po", 17, 11, 17, 0 },
	/* UTF-8 BOM: msgfmt stops on a syntax error at 1:2; TT reads 3/3,
	 * and so does tmgloss, the BOM taken off */
	{ "okapi/Test_en_fr_new.po", 3, 3, 3, 0 },
	{ "okapi/Test_nautilus.af.po", 1322, 1109, 1378, 653 },
	{ "okapi/fail.po", 1, 1, 1, 2 },
	{ "okapi/plurals.po", 2, 0, 2, 0 },
	/* header says CP1251, bytes are UTF-8 (read as UTF-8, warned) */
	{ "omegat/file-POFilter-be-utf8.po", 992, 885, 993, 36 },
	{ "omegat/file-POFilter-fuzzyCtx.po", 2, 0, 2, 0 },
	/* TT counts 2 units, 1 translated: its second unit is a second
	 * msgid "" that libgettextpo (and msgfmt) drop as a duplicate of the
	 * header; tmgloss skips it with a warning */
	{ "omegat/file-POFilter-multiple2.po", 1, 1, 4, 0 },
	{ "shadow/zh_CN.po", 663, 502, 663, 246 },
	{ "symfony/empty.po", 0, 0, 0, 0 },
	{ "symfony/fuzzy-translations.po", 3, 2, 3, 0 },
	/* TT 3.8.4 fails on the CR CR LF line ends; TT 3.19 and msgfmt: 321 */
	{ "translate-toolkit/f43.tgif.fr.po", 321, 321, 321, 0 },
	{ "weblate/he-three.po", 1, 1, 1, 0 },
};

static void
test_counts(void)
{
	for (size_t i = 0; i < sizeof reference / sizeof *reference; i++) {
		struct tmg_error err;
		struct counts c;
		int ret = read_all(reference[i].file, NULL, &c, &err, NULL,
				   NULL, NULL);

		if (ret < 0)
			diag("%s:%ld: %s", err.file, err.line, err.message);
		ok(ret == 0 && c.messages == reference[i].messages &&
		   c.translated_messages == reference[i].translated &&
		   c.segments == reference[i].segments &&
		   c.obsolete == reference[i].obsolete,
		   "%s: %ld messages (%ld), %ld translated (%ld), %ld segments, %lu obsolete",
		   reference[i].file, c.messages, reference[i].messages,
		   c.translated_messages, reference[i].translated,
		   c.segments, c.obsolete);
		is_int(c.bad_lines, 0, "%s: every segment's line is its msgid line",
		       reference[i].file);
	}
}

static void
test_all_cases(void)
{
	struct tmg_error err;
	struct counts c;
	struct tmg_docseg seg;

	docseg_init(&seg);
	read_all("okapi/AllCasesTest.po", NULL, &c, &err, "%d files", "1",
		 &seg);
	is_str(seg.segment_id, "1", "plural form 1 is a segment of its own");
	is_str(seg.target_text, "%d fichiers", "its target is msgstr[1]");
	is_int(seg.line, 50, "its line is the msgid's");
	is_int(seg.state, DOCSEG_TRANSLATED, "translated");
	is_str(seg.srclang, "en", "source language: en by default");
	is_str(seg.tgtlang, "", "no Language in the header, no --tgt: none");
	docseg_clear(&seg);

	read_all("okapi/AllCasesTest.po", NULL, &c, &err,
		 "Special chars: \"=quot, &=amp, <=lt, >=gt, '=apos, \304\204=U+0104",
		 NULL, &seg);
	is_str(seg.source_markup,
	       "Special chars: \"=quot, &amp;=amp, &lt;=lt, &gt;=gt, '=apos, \304\204=U+0104",
	       "markup: &, < and > escaped");
	docseg_clear(&seg);

	read_all("okapi/AllCasesTest.po", NULL, &c, &err,
		 "Text without translation", NULL, &seg);
	ok(seg.target_text == NULL && seg.state == DOCSEG_NEW &&
	   strcmp(seg.state_name, "untranslated") == 0,
	   "empty msgstr: no target, new");
	is_str(note_value(&seg, 1, NULL, 0),
	       "Comments from a translator about this text",
	       "translator comment as a note");
	is_str(note_value(&seg, 1, NULL, 1), "Developer comment",
	       "extracted comment as a note");
	is_str(note_value(&seg, 0, "x-po-flags", 0), "c-format", "flags");
	docseg_clear(&seg);

	read_all("okapi/AllCasesTest.po", NULL, &c, &err,
		 "Text with non-approved translation %s", NULL, &seg);
	ok(seg.state == DOCSEG_DRAFT && strcmp(seg.state_name, "fuzzy") == 0,
	   "fuzzy: a draft");
	docseg_clear(&seg);
}

static void
test_languages(void)
{
	struct po_read_options o = { .src = "fr", .tgt = "fr-FR" };
	struct tmg_error err;
	struct counts c;
	struct tmg_docseg seg;

	docseg_init(&seg);
	read_all("okapi/AllCasesTest.po", &o, &c, &err, "%1s %2s", NULL, &seg);
	ok(strcmp(seg.srclang, "fr") == 0 && strcmp(seg.tgtlang, "fr-FR") == 0,
	   "--src, and --tgt when the header has no Language");
	docseg_clear(&seg);

	o.src = NULL;
	o.tgt = "ja";
	read_all("shadow/zh_CN.po", &o, &c, &err, "Password: ", NULL, &seg);
	ok(strcmp(seg.tgtlang, "zh-CN") == 0 && strcmp(seg.target_text, "\345\257\206\347\240\201\357\274\232") == 0, "the header's Language (zh_CN -> zh-CN) wins over --tgt");
	docseg_clear(&seg);

	o.src = "no language!";
	ok(read_all("okapi/fail.po", &o, &c, &err, NULL, NULL, NULL) < 0,
	   "a --src that is no language tag is an error");
}

static void
test_encodings(void)
{
	struct tmg_error err;
	struct counts c;
	struct tmg_docseg seg;

	docseg_init(&seg);
	read_all("okapi/Test_DrupalRussianCP1251.po", NULL, &c, &err,
		 "Allows filtered input of various types of informational, context-related links.",
		 NULL, &seg);
	is_str(seg.target_text,
	       "\320\237\320\276\320\267\320\262\320\276\320\273\321\217\320\265\321\202 "
	       "\320\262\320\262\320\276\320\264\320\270\321\202\321\214 "
	       "\321\200\320\260\320\267\320\273\320\270\321\207\320\275\321\213\320\265 "
	       "\320\272\320\276\320\275\321\202\320\265\320\275\321\202-"
	       "\320\267\320\260\320\262\320\270\321\201\320\270\320\274\321\213\320\265 "
	       "\321\201\321\201\321\213\320\273\320\272\320\270.",
	       "windows-1251 comes out as UTF-8");
	is_int(seg.line, 17, "its line");
	docseg_clear(&seg);

	read_all("omegat/file-POFilter-be-utf8.po", NULL, &c, &err, NULL,
		 NULL, NULL);
	is_int(warnings, 1, "UTF-8 bytes under charset=CP1251: one warning");

	ok(read_all("okapi/Test_en_fr_new.po", NULL, &c, &err, NULL, NULL,
		    NULL) == 0 && warnings == 0,
	   "a UTF-8 BOM is taken off, without a warning");
}

static void
test_obsolete_previous_context(void)
{
	struct tmg_error err;
	struct counts c;
	struct tmg_docseg seg;

	docseg_init(&seg);
	read_all("omegat/file-POFilter-fuzzyCtx.po", NULL, &c, &err,
		 "new message ID", NULL, &seg);
	is_str(note_value(&seg, 0, "x-po-previous-msgid", 0), "old message ID",
	       "#| msgid kept");
	is_str(note_value(&seg, 0, "x-po-previous-msgctxt", 0), "context",
	       "#| msgctxt kept");
	is_str(seg.tgtlang, "be", "Language: be");
	docseg_clear(&seg);

	read_all("okapi/Test_nautilus.af.po", NULL, &c, &err, "%s (%s)", NULL,
		 &seg);
	is_str(seg.resname, "MIME type description (MIME type)",
	       "msgctxt is the resname");
	is_int(seg.line, 4830, "line of the msgid, after its msgctxt");
	docseg_clear(&seg);

	read_all("okapi/fail.po", NULL, &c, &err, NULL, NULL, NULL);
	ok(c.segments == 1 && c.obsolete == 2,
	   "obsolete messages (a plural and a fuzzy one) skipped and counted");
}

static void
test_errors(void)
{
	struct tmg_error err;
	struct counts c;
	struct tmg_docseg seg;

	ok(read_all("symfony/empty.po", NULL, &c, &err, NULL, NULL, NULL) == 0 &&
	   c.segments == 0, "an empty file: no segment, no error");

	memset(&err, 0, sizeof err);
	ok(read_all("okapi/msgctxt_notes.po", NULL, &c, &err, NULL, NULL,
		    NULL) < 0, "a file without its header's msgid is refused");
	ok(err.line == 1 && err.column == 25 &&
	   strstr(err.file, "msgctxt_notes.po") != NULL,
	   "the error names file, line and column (%s:%ld:%ld: %s)",
	   err.file, err.line, err.column, err.message);

	ok(read_all("no-such-file.po", NULL, &c, &err, NULL, NULL, NULL) < 0,
	   "a missing file is an error");

	docseg_init(&seg);
	read_all("omegat/file-POFilter-multiple2.po", NULL, &c, &err,
		 "\nChanged %d keys", "3", &seg);
	ok(warnings == 1 && last_warning_line == 35,
	   "a duplicate msgid \"\" is skipped with a warning naming its line");
	is_str(seg.target_text, "\n\320\227\320\274\321\226\320\275\320\265\320\275\320\276 %d "
	       "\320\272\320\273\320\260\320\262\321\226\321\210\321\203",
	       "the fourth of four plural forms");
	docseg_clear(&seg);
}

int
main(void)
{
	data_dir = fixture_path("tests/data");
	test_counts();
	test_all_cases();
	test_languages();
	test_encodings();
	test_obsolete_previous_context();
	test_errors();
	free(data_dir);
	return done_testing();
}
