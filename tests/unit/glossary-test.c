/*
 * glossary-test.c -- the glossary readers on real files, the store, the
 * TBX round trip, and term recognition against the cases of
 * tests/data/terms-cases.tsv and terms-cases-more.tsv.
 *
 * A case line: LANG <TAB> TEXT <TAB> EXPECTED, EXPECTED being "-" (no term)
 * or start-end=TERM joined by "|" (code points, end exclusive).  Lines
 * starting with '#' are comments.  The LTAC-Global TBX files, which may
 * not be copied, are read from $TMGLOSS_CORPUS when it is set; else their
 * tests say why they skip.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "tap.h"
#include "tmgloss.h"
#include "base/xalloc.h"

static const char *srcdir;
static char tmpdir[] = "/tmp/tmgloss-glossary-test.XXXXXX";

static char *
path_of(const char *dir, const char *rel)
{
	struct strbuf sb = { 0 };

	strbuf_addstr(&sb, dir);
	strbuf_addch(&sb, '/');
	strbuf_addstr(&sb, rel);
	return strbuf_detach(&sb);
}

struct counts {
	long concepts, terms, warnings;
};

static void
count_warning(void *data, const struct tmg_error *w)
{
	((struct counts *)data)->warnings++;
	(void)w;
}

/* The next concept of a reader of either kind: 1, 0 at the end, -1. */
typedef int (*next_concept_fn)(void *reader, struct tmg_concept *c,
			       struct tmg_error *err);

static int
next_tbx(void *reader, struct tmg_concept *c, struct tmg_error *err)
{
	return tbx_reader_next(reader, c, err);
}

static int
next_tsv(void *reader, struct tmg_concept *c, struct tmg_error *err)
{
	return tsv_reader_next(reader, c, err);
}

/* Count the concepts and terms of an open reader; the first concept goes
 * into *first when it is not NULL (the caller owns it then). */
static int
read_concepts(void *reader, next_concept_fn next, struct counts *n,
	      struct tmg_concept *first, struct tmg_error *err)
{
	struct tmg_concept c;
	int ret;

	concept_init(&c);
	while ((ret = next(reader, &c, err)) == 1) {
		n->terms += (long)c.nterms;
		if (n->concepts++ == 0 && first) {
			*first = c;
			concept_init(&c);
		}
	}
	concept_clear(&c);
	return ret;
}

/* Read a whole TBX file; returns 0 or -1 with err. */
static int
read_tbx(const char *path, struct counts *n, struct tmg_concept *first,
	 struct tmg_error *err)
{
	struct tbx_reader *r;
	int ret;

	memset(n, 0, sizeof *n);
	if ((r = tbx_reader_open(path, count_warning, n, err)) == NULL)
		return -1;
	ret = read_concepts(r, next_tbx, n, first, err);
	tbx_reader_close(r);
	return ret;
}

static int
read_tsv(const char *path, const char *src, const char *tgt, int skip,
	 struct counts *n, struct tmg_error *err)
{
	struct tsv_read_options o = { src, tgt, skip };
	struct tsv_reader *r;
	int ret;

	memset(n, 0, sizeof *n);
	if ((r = tsv_reader_open(path, &o, count_warning, n, err)) == NULL)
		return -1;
	ret = read_concepts(r, next_tsv, n, NULL, err);
	tsv_reader_close(r);
	return ret;
}

static void
test_tbx_files(void)
{
	static const struct {
		const char *file;
		long concepts;
	} files[] = {
		{ "tbx/okapi/ibm_tbx.tbx", 5 },
		{ "tbx/okapi/maryland.tbx", 1 },
		{ "tbx/okapi/medtronic_TBX.tbx", 3 },
		{ "tbx/okapi/oracle_TBX.tbx", 2 },
		{ "tbx/okapi/sdl_tbx.tbx", 223 },
		{ "tbx/okapi/test01.tbx", 1 },
		{ "tbx/heartsome/ImportTBXTest.tbx", 314 },
	};
	struct tmg_error err = { 0 };
	struct counts n;
	struct tmg_concept c;
	char *data = path_of(srcdir, "tests/data");

	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char *path = path_of(data, files[i].file);
		int ret = read_tbx(path, &n, NULL, &err);
		ok(ret == 0, "%s reads", files[i].file);
		if (ret < 0)
			diag("%s:%ld: %s", err.file, err.line, err.message);
		is_int(n.concepts, files[i].concepts, "%s: concepts",
		       files[i].file);
		free(path);
	}

	/* the declared encoding is honoured: windows-1254 İı */
	{
		char *path = path_of(data, "tbx/okapi/test02_win1254.tbx");
		concept_init(&c);
		ok(read_tbx(path, &n, &c, &err) == 0, "windows-1254 reads");
		is_int(c.nterms, 2, "windows-1254: two terms");
		is_str(c.nterms ? c.terms[0].text : "",
		       "term with: \xc3\xa9\xc3\xa1 and \xc4\xb0\xc4\xb1",
		       "windows-1254: decoded to UTF-8");
		is_str(c.nterms > 1 ? c.terms[1].lang : "", "tr",
		       "windows-1254: language");
		concept_clear(&c);
		free(path);
	}
	/* fields: subject field, part of speech, context */
	{
		char *path = path_of(data, "tbx/okapi/ibm_tbx.tbx");
		concept_init(&c);
		read_tbx(path, &n, &c, &err);
		is_str(c.subject_field ? c.subject_field : "", "Software",
		       "ibm: subject field");
		is_str(c.nterms && c.terms[0].part_of_speech
		       ? c.terms[0].part_of_speech : "", "noun",
		       "ibm: part of speech");
		ok(c.nterms && concept_fields_find(&c.terms[0].fields,
						   "context", NULL) != NULL,
		   "ibm: a term's context is kept");
		concept_clear(&c);
		free(path);
	}
	/* files broken on purpose */
	{
		char *path = path_of(data, "glossary/missing-lang.tbx");
		ok(read_tbx(path, &n, NULL, &err) < 0 && err.line == 11 &&
		   strstr(err.message, "xml:lang"),
		   "a langSet without xml:lang is refused at its line");
		free(path);
		path = path_of(data, "glossary/external-entity.tbx");
		concept_init(&c);
		ok(read_tbx(path, &n, &c, &err) < 0 ||
		   (c.nterms > 0 && strstr(c.terms[0].text, "root") == NULL),
		   "an external entity is never loaded");
		concept_clear(&c);
		free(path);
	}
	free(data);
}

/* A TBX file read whole: its concepts, or -1 if it is refused at `line`;
 * under $TMGLOSS_CORPUS if in_corpus, else under tests/data. */
struct tbx_case {
	const char *file;
	long concepts;
	long line;
	int in_corpus;
};

/* Read dir/t->file whole and check what t expects of it. */
static void
check_tbx_case(const char *dir, const struct tbx_case *t)
{
	char *path = path_of(dir, t->file);
	struct tmg_error err = { 0 };
	struct counts n;
	int ret = read_tbx(path, &n, NULL, &err);

	if (t->concepts < 0)
		ok(ret < 0 && err.line == t->line,
		   "%s refused at line %ld (%ld: %s)", t->file, t->line,
		   err.line, err.message);
	else
		ok(ret == 0 && n.concepts == t->concepts, "%s: %ld concepts",
		   t->file, n.concepts);
	free(path);
}

/*
 * TBX v3: the files written for these tests (tests/data/tbx/v3), and the
 * LTAC-Global test files.  Their repositories carry no licence, so
 * tests/data has no copy; they are read from the corpus that
 * TMGLOSS_CORPUS names, and skipped when there is none.
 */
static void
test_v3_files(void)
{
	static const struct tbx_case files[] = {
		{ "tbx/v3/basic-dct.tbx", 3, 0, 0 },
		{ "tbx/v3/min-dca.tbx", 2, 0, 0 },
		{ "tbx/v3/malformed.tbx", -1, 13, 0 },
		{ "tbx/v3/untyped-admin.tbx", -1, 14, 0 },
		{ "tbx/ltac-test-files/core_structure_good.tbx", 45, 0, 1 },
		{ "tbx/ltac-test-files/min_good.tbx", 45, 0, 1 },
		{ "tbx/ltac-test-files/min_bad.tbx", 45, 0, 1 },
		{ "tbx/ltac-test-files/basic_good.tbx", 45, 0, 1 },
		{ "tbx/ltac-test-files/basic_bad.tbx", 45, 0, 1 },
		{ "tbx/ltac-tbx-basic/Example_Astronomy_DCT_VALID.tbx", 45, 0,
		  1 },
		{ "tbx/ltac-test-files/core_structure_bad.tbx", -1, 27, 1 },
		{ "tbx/ltac-test-files/poorly_formed_xml.tbx", -1, 42, 1 },
	};
	const char *corpus = getenv("TMGLOSS_CORPUS");
	char *data = path_of(srcdir, "tests/data"), *path;
	struct tmg_error err = { 0 };
	struct tmg_concept c;
	struct counts n;

	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		if (!files[i].in_corpus)
			check_tbx_case(data, &files[i]);
		else if (corpus == NULL || *corpus == '\0')
			skip("no licence to copy the LTAC files; "
			     "TMGLOSS_CORPUS=DIR reads them from a corpus",
			     "%s", files[i].file);
		else
			check_tbx_case(corpus, &files[i]);
	}
	/* DCT style: namespaced data categories become fields */
	path = path_of(data, "tbx/v3/basic-dct.tbx");
	concept_init(&c);
	ok(read_tbx(path, &n, &c, &err) == 0, "DCT: first concept read");
	is_str(c.subject_field ? c.subject_field : "", "robotique",
	       "DCT: min:subjectField");
	ok(concept_fields_find(&c.fields, "definition", "fr") != NULL,
	   "DCT: basic:definition of the fr section");
	is_str(c.nterms && c.terms[0].part_of_speech
	       ? c.terms[0].part_of_speech : "", "noun",
	       "DCT: min:partOfSpeech");
	ok(c.nterms && c.terms[0].status == TERM_PREFERRED,
	   "DCT: min:administrativeStatus");
	concept_clear(&c);
	free(path);
	free(data);
}

static void
test_tsv_files(void)
{
	char *data = path_of(srcdir, "tests/data"), *path;
	struct tmg_error err = { 0 };
	struct counts n;

	path = path_of(data, "csv/omegat/test.csv");
	ok(read_tsv(path, NULL, NULL, 0, &n, &err) < 0 && err.line == 1 &&
	   strstr(err.message, "--src"),
	   "no header and no languages: asks for --src and --tgt");
	ok(read_tsv(path, "en", "fr", 0, &n, &err) == 0 && n.concepts == 7,
	   "omegat test.csv: 7 rows with RFC 4180 quoting (%ld)", n.concepts);
	free(path);

	path = path_of(data, "csv/omegat/test.tab");
	ok(read_tsv(path, "ja", "fr", 0, &n, &err) == 0 && n.concepts == 4,
	   "omegat test.tab: 4 rows (%ld)", n.concepts);
	free(path);

	path = path_of(data, "csv/omegat/test-magiccomment-bom.tab");
	ok(read_tsv(path, NULL, NULL, 0, &n, &err) == 0 && n.concepts == 0,
	   "BOM and magic comment only: no rows, no error");
	free(path);

	path = path_of(data, "csv/okapi/test01.tsv");
	ok(read_tsv(path, "en", "fr", 0, &n, &err) < 0 && err.line == 8,
	   "okapi test01.tsv: a line without a tab is refused at line 8");
	ok(read_tsv(path, "en", "fr", 1, &n, &err) == 0 && n.concepts == 3 &&
	   n.warnings == 3, "... or skipped with --skip-invalid (%ld, %ld)",
	   n.concepts, n.warnings);
	free(path);

	path = path_of(data, "csv/okapi/test02_utf16be.tsv");
	ok(read_tsv(path, "en", "de", 0, &n, &err) == 0 && n.concepts == 2,
	   "UTF-16BE with BOM and CRLF: 2 rows");
	free(path);

	path = path_of(data, "csv/okapi/test01.csv");
	ok(read_tsv(path, "en", "fr", 0, &n, &err) == 0 && n.concepts == 4,
	   "okapi test01.csv: spaces around and inside quotes");
	free(path);

	path = path_of(data, "glossary/header.tsv");
	ok(read_tsv(path, NULL, NULL, 0, &n, &err) == 0 && n.concepts == 3 &&
	   n.terms == 6, "a header row names the languages");
	free(path);

	path = path_of(data, "glossary/latin1.tsv");
	ok(read_tsv(path, NULL, NULL, 0, &n, &err) < 0 && err.line == 3,
	   "Latin-1 bytes are refused at their line (%ld)", err.line);
	free(path);

	path = path_of(data, "glossary/unclosed-quote.csv");
	ok(read_tsv(path, NULL, NULL, 0, &n, &err) < 0 && err.line == 3,
	   "an unclosed quote is refused at its line (%ld)", err.line);
	free(path);
	free(data);
}

/* Import a TBX file into the memory; returns 0 or -1. */
static int
import_tbx(struct tmg_memory *m, const char *path, long *added)
{
	struct tmg_error err = { 0 };
	struct tbx_reader *r = tbx_reader_open(path, NULL, NULL, &err);
	struct glossary_import *imp;
	struct tmg_concept c;
	enum glossary_add_result res;
	int ret;

	*added = 0;
	if (r == NULL)
		return -1;
	imp = glossary_import_begin(m, "test.tbx", &err);
	concept_init(&c);
	while ((ret = tbx_reader_next(r, &c, &err)) == 1) {
		if (glossary_import_add(imp, &c, &res, &err) < 0) {
			ret = -1;
			break;
		}
		*added += res == GLOSSARY_ADDED;
	}
	concept_clear(&c);
	tbx_reader_close(r);
	if (ret < 0) {
		diag("%s:%ld: %s", err.file, err.line, err.message);
		glossary_import_rollback(imp);
		return -1;
	}
	return glossary_import_commit(imp, &err);
}

static int
write_concept(void *data, const struct tmg_concept *c, struct tmg_error *err)
{
	return tbx_writer_add_concept(data, c, err);
}

static int
export_tbx(struct tmg_memory *m, const char *path)
{
	struct tmg_error err = { 0 };
	struct tbx_writer *w = tbx_writer_open(path, "fr", &err);

	if (w == NULL)
		return -1;
	if (glossary_foreach_concept(m, NULL, write_concept, w, &err) < 0) {
		tbx_writer_close(w, &err);
		return -1;
	}
	return tbx_writer_close(w, &err);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = { 0 };
	char buf[4096];
	size_t n;

	if (f == NULL)
		return xstrdup("");
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return sb.buf ? strbuf_detach(&sb) : xstrdup("");
}

static void
test_round_trip(struct tmg_memory *m)
{
	char *one = path_of(tmpdir, "one.tbx"), *two = path_of(tmpdir, "two.tbx");
	char *db2 = path_of(tmpdir, "two.db"), *a, *b;
	struct tmg_error err = { 0 };
	struct tmg_memory *m2;
	long added = 0;

	ok(export_tbx(m, one) == 0, "export the glossary as TBX");
	m2 = memory_open(db2, MEMORY_CREATE, &err);
	ok(m2 && import_tbx(m2, one, &added) == 0 && added == 123,
	   "the export imports into a new memory (%ld concepts)", added);
	ok(m2 && export_tbx(m2, two) == 0, "and exports again");
	a = slurp(one);
	b = slurp(two);
	ok(strlen(a) > 1000 && strcmp(a, b) == 0,
	   "import -> export -> import -> export is the same file");
	free(a);
	free(b);
	memory_close(m2);
	free(one);
	free(two);
	free(db2);
}

static void
test_store(struct tmg_memory *m, const char *glossary)
{
	struct tmg_error err = { 0 };
	struct glossary_stats s;
	struct tmg_concept c;
	enum glossary_add_result res;
	int64_t row;
	long added = 0, removed = 0;

	ok(import_tbx(m, glossary, &added) == 0 && added == 0,
	   "importing the same file again adds nothing");
	glossary_get_stats(m, &s, &err);
	is_int(s.concepts, 123, "123 concepts stored");
	glossary_stats_free(&s);

	concept_init(&c);
	concept_add_term(&c, "fr", "réseau antagoniste génératif");
	concept_add_term(&c, "zh-CN", "生成对抗网络");
	ok(glossary_add_concept(m, &c, &res, &row, &err) == 0 &&
	   res == GLOSSARY_ADDED, "add a concept by hand");
	ok(glossary_add_concept(m, &c, &res, NULL, &err) == 0 &&
	   res == GLOSSARY_UNCHANGED, "adding it again changes nothing");
	concept_clear(&c);
	ok(glossary_remove_term(m, "RESEAU ANTAGONISTE GENERATIF", "fr",
				&removed,
				&err) == 0 && removed == 1,
	   "remove it by its term, case and accents ignored");
	ok(glossary_get_concept(m, row, &c, &err) == 0,
	   "the concept is gone");
	concept_clear(&c);
}

/* One case line against the finder; returns the hits as the expected
 * column writes them. */
static char *
run_case(struct tmg_memory *m, const char *lang, const char *text)
{
	struct tmg_error err = { 0 };
	struct term_finder *f = term_finder_open(m, lang, NULL, &err);
	struct term_hits hits = { 0 };
	struct strbuf sb = { 0 };
	char buf[64];

	if (f == NULL || term_finder_find(f, text, &hits, &err) < 0) {
		term_finder_close(f);
		return xstrdup(err.message);
	}
	for (size_t i = 0; i < hits.count; i++) {
		snprintf(buf, sizeof buf, "%s%d-%d=", i ? "|" : "",
			 (int)hits.items[i].start, (int)hits.items[i].end);
		strbuf_addstr(&sb, buf);
		strbuf_addstr(&sb, hits.items[i].term);
	}
	if (hits.count == 0)
		strbuf_addstr(&sb, "-");
	term_hits_clear(&hits);
	term_finder_close(f);
	return strbuf_detach(&sb);
}

/* One line of a terms case file: LANG, TEXT, EXPECTED. */
static void
one_case(char **fields, const char *file, long lineno, void *data)
{
	char *got = run_case(data, fields[0], fields[1]);

	is_str(got, fields[2], "%s:%ld: %s", file, lineno, fields[1]);
	free(got);
}

static void
test_cases(struct tmg_memory *m, const char *file)
{
	long n = fixture_cases(file, 3, one_case, m);

	ok(n > 0, "%s: %ld cases", file, n);
}

int
main(void)
{
	struct tmg_memory *m;
	char *db, *glossary;
	long added = 0;

	srcdir = getenv("top_srcdir");
	if (srcdir == NULL)
		srcdir = ".";
	if (mkdtemp(tmpdir) == NULL)
		return 99;
	db = path_of(tmpdir, "memory.db");
	glossary = path_of(srcdir, "glossaries/ai.fr-zh.tbx");

	test_tbx_files();
	test_v3_files();
	test_tsv_files();

	m = fixture_open_memory(db, "open a new memory");
	ok(import_tbx(m, glossary, &added) == 0 && added == 123,
	   "import glossaries/ai.fr-zh.tbx (%ld concepts)", added);
	test_cases(m, "tests/data/terms-cases.tsv");
	test_cases(m, "tests/data/terms-cases-more.tsv");
	test_round_trip(m);
	test_store(m, glossary);
	memory_close(m);

	{
		char cmd[256];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			diag("could not remove %s", tmpdir);
	}
	free(db);
	free(glossary);
	text_cleanup();
	return done_testing();
}
