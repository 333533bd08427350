/*
 * xliff-write-test.c -- xliff_rewrite(): a document with nothing filled
 * comes out byte for byte (comments, processing instructions, a DOCTYPE
 * with an internal subset, CDATA, references, CR LF line ends, a '>' in
 * an attribute); filled targets exactly as expected in XLIFF 1.2 (new and
 * existing targets, attributes kept, alt-trans) and 2.0 (segment state,
 * mtc:matches); every file of tests/data/xliff filled with its own
 * sources reads back with targets equal to the sources, codes included;
 * a UTF-16 file and a fill function's error refused.
 */
#include <config.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "tap.h"
#include "tmgloss.h"

static char *data_dir;
static char in_path[512], out_path[512];

static void
write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	fwrite(text, 1, len, f);
	fclose(f);
}

static char *
read_whole(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return strdup("");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	n = (long)fread(buf, 1, (size_t)n, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* ------------------------------------------------- the fill functions */

/* Fill segment i with texts[i] (NULL: leave it); review when fuzzy. */
struct table {
	const char *const *texts;
	size_t n;
	int score;
	size_t asked;
};

static int
fill_table(void *data, size_t index, const struct tmg_docseg *seg,
	   struct doc_fill *fill, struct tmg_error *err)
{
	struct table *t = data;

	(void)seg;
	(void)err;
	t->asked++;
	if (index >= t->n || t->texts[index] == NULL)
		return 0;
	fill->target_text = strdup(t->texts[index]);
	fill->score = t->score;
	fill->review = t->score < 100;
	fill->match_source = strdup("the match");
	fill->origin = strdup("m.tmx");
	return 1;
}

/* Fill every unlocked segment with its own source, codes and all. */
static int
fill_source(void *data, size_t index, const struct tmg_docseg *seg,
	    struct doc_fill *fill, struct tmg_error *err)
{
	(void)data;
	(void)index;
	(void)err;
	if (seg->locked)
		return 0;
	fill->target_text = strdup(seg->source_text);
	fill->target_markup = seg->source_markup
		? strdup(seg->source_markup) : NULL;
	fill->match_source = strdup(seg->source_text);
	fill->match_source_markup = seg->source_markup
		? strdup(seg->source_markup) : NULL;
	fill->score = 100;
	return 1;
}

static int
fill_fails(void *data, size_t index, const struct tmg_docseg *seg,
	   struct doc_fill *fill, struct tmg_error *err)
{
	(void)data;
	(void)index;
	(void)seg;
	(void)fill;
	tmg_error_set(err, "f", 3, 0, "%s", "stop here");
	return -1;
}

/* Rewrite `input` (of `len` bytes) with `fn`; the output, or NULL with
 * `err` on failure. */
static char *
rewrite(const char *input, size_t len, doc_fill_fn fn, void *data,
	struct tmg_error *err)
{
	int fd, rc;

	write_file(in_path, input, len);
	fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	rc = xliff_rewrite(in_path, fd, fn, data, NULL, NULL, err);
	close(fd);
	return rc < 0 ? NULL : read_whole(out_path);
}

/* ---------------------------------------------------------- the tests */

static const char untouched[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
	"<!DOCTYPE xliff [ <!ENTITY co \"ACME > Co\"> <!-- don't ] -->"
	" ]>\r\n"
	"<!-- <trans-unit id=\"no\"> in a comment -->\r\n"
	"<xliff version='1.2' xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
	"<?pi <source>?>\r\n"
	"<file original=\"a>b\" source-language=\"en\" target-language=\"fr\""
	" datatype=\"plaintext\"><body>\r\n"
	"  <trans-unit id=\"1\"><source>&co; &#233; <![CDATA[<x>]]></source>"
	"\r\n  </trans-unit>\r\n"
	"</body></file></xliff>\r\n";

static void
test_untouched(void)
{
	static const char *const none[] = { NULL };
	struct table t = { none, 1, 100, 0 };
	struct tmg_error err = { 0 };
	char *out = rewrite(untouched, sizeof untouched - 1, fill_table, &t,
			    &err);

	ok(out != NULL, "nothing filled: written (%s)", err.message);
	is_str(out, untouched, "nothing filled: byte for byte");
	is_int((long long)t.asked, 1, "the fill function asked once");
	free(out);
}

static const char v12[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
	"<file original=\"f\" source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\"><body>\n"
	"  <trans-unit id=\"1\">\n"
	"    <source>One <x id=\"1\" ctype=\"image\"/> &amp; two.</source>\n"
	"  </trans-unit>\n"
	"  <trans-unit id=\"2\">\n"
	"    <source>Three.</source>\n"
	"    <target xml:lang=\"fr\" state=\"new\" state-qualifier=\"x-q\" />\n"
	"    <note>n</note>\n"
	"  </trans-unit>\n"
	"</body></file></xliff>\n";

static const char v12_filled[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
	"<file original=\"f\" source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\"><body>\n"
	"  <trans-unit id=\"1\">\n"
	"    <source>One <x id=\"1\" ctype=\"image\"/> &amp; two.</source>\n"
	"    <target state=\"needs-review-translation\" state-qualifier=\"fuzzy-match\">Un &lt;&amp;&gt; deux.</target>\n"
	"    <alt-trans match-quality=\"87\" origin=\"m.tmx\"><source>the match</source><target>Un &lt;&amp;&gt; deux.</target></alt-trans>\n"
	"  </trans-unit>\n"
	"  <trans-unit id=\"2\">\n"
	"    <source>Three.</source>\n"
	"    <target xml:lang=\"fr\" state=\"needs-review-translation\" state-qualifier=\"fuzzy-match\">Trois.</target>\n"
	"    <note>n</note>\n"
	"    <alt-trans match-quality=\"87\" origin=\"m.tmx\"><source>the match</source><target>Trois.</target></alt-trans>\n"
	"  </trans-unit>\n"
	"</body></file></xliff>\n";

static const char v20[] =
	"<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"fr\">\n"
	" <file id=\"f\">\n"
	"  <unit id=\"u\">\n"
	"   <segment id=\"s1\" state=\"initial\" subState=\"a:b\">\n"
	"    <source>One.</source>\n"
	"   </segment>\n"
	"   <segment>\n"
	"    <source>Two.</source>\n"
	"    <target></target>\n"
	"   </segment>\n"
	"  </unit>\n"
	" </file>\n"
	"</xliff>\n";

static const char v20_filled[] =
	"<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"fr\">\n"
	" <file id=\"f\">\n"
	"  <unit id=\"u\">\n"
	"   <mtc:matches xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\"><mtc:match ref=\"#s1\" matchQuality=\"100\" origin=\"m.tmx\"><source>the match</source><target>Un.</target></mtc:match></mtc:matches>\n"
	"   <segment id=\"s1\" state=\"translated\">\n"
	"    <source>One.</source>\n"
	"    <target>Un.</target>\n"
	"   </segment>\n"
	"   <segment state=\"translated\">\n"
	"    <source>Two.</source>\n"
	"    <target>Deux.</target>\n"
	"   </segment>\n"
	"  </unit>\n"
	" </file>\n"
	"</xliff>\n";

static void
test_expected(void)
{
	static const char *const fr12[] = { "Un <&> deux.", "Trois." };
	static const char *const fr20[] = { "Un.", "Deux." };
	struct table t12 = { fr12, 2, 87, 0 }, t20 = { fr20, 2, 101, 0 };
	struct tmg_error err = { 0 };
	char *out;

	out = rewrite(v12, sizeof v12 - 1, fill_table, &t12, &err);
	is_str(out, v12_filled, "XLIFF 1.2: new and existing targets, "
	       "alt-trans after the note");
	free(out);
	out = rewrite(v20, sizeof v20 - 1, fill_table, &t20, &err);
	is_str(out, v20_filled, "XLIFF 2.0: states, targets, mtc:matches "
	       "before the segments (none for the segment without id)");
	free(out);
}

static void
test_refused(void)
{
	static const char *const none[] = { NULL };
	struct table t = { none, 1, 100, 0 };
	struct tmg_error err = { 0 };
	/* "<xliff version="1.2"/>" in UTF-16LE, with its BOM */
	static const char utf16[] = "\xff\xfe<\0x\0l\0i\0f\0f\0 \0v\0e\0r\0s\0"
		"i\0o\0n\0=\0\"\0001\0.\0002\0\"\0/\0>\0";
	char *out;

	out = rewrite(utf16, sizeof utf16 - 1, fill_table, &t, &err);
	ok(out == NULL && strstr(err.message, "UTF-16"),
	   "UTF-16 refused: %s", err.message);
	free(out);
	memset(&err, 0, sizeof err);
	out = rewrite(v12, sizeof v12 - 1, fill_fails, NULL, &err);
	ok(out == NULL && strcmp(err.message, "stop here") == 0,
	   "the fill function's error stops the writing");
	free(out);
	memset(&err, 0, sizeof err);
	out = rewrite(v12, 200, fill_table, &t, &err);
	ok(out == NULL && err.line > 0, "a broken file: its line (%ld)",
	   err.line);
	free(out);
}

/* Each file of tests/data/xliff filled with its sources reads back
 * with targets equal to the sources. */
static void
test_corpus(void)
{
	FILE *list;
	char cmd[1024], line[1024];
	long files = 0, refused = 0, segments = 0, same = 0, codes = 0;

	snprintf(cmd, sizeof cmd, "find '%s/xliff' -type f "
		 "\\( -name '*.xlf' -o -name '*.xliff' -o -name '*.sdlxliff' "
		 "\\) | sort", data_dir);
	list = popen(cmd, "r");
	while (fgets(line, sizeof line, list)) {
		struct tmg_error err = { 0 };
		struct xliff_reader *r;
		struct tmg_docseg seg;
		int fd, rc;

		line[strcspn(line, "\n")] = '\0';
		files++;
		fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		rc = xliff_rewrite(line, fd, fill_source, NULL, NULL, NULL,
				   &err);
		close(fd);
		if (rc < 0) {
			/* what the reader refuses, the writer refuses */
			struct xliff_reader *check;
			struct tmg_docseg s;
			int bad = 0;

			refused++;
			docseg_init(&s);
			check = xliff_reader_open(line, NULL, NULL, &err);
			while (check && (rc = xliff_reader_next(check, &s,
								&err)) > 0)
				;
			bad = check == NULL || rc < 0;
			xliff_reader_close(check);
			docseg_clear(&s);
			if (!bad)
				ok(0, "%s: refused by the writer only: %s",
				   line, err.message);
			continue;
		}
		docseg_init(&seg);
		r = xliff_reader_open(out_path, NULL, NULL, &err);
		if (r == NULL) {
			ok(0, "%s: the output reads back: %s", line,
			   err.message);
			continue;
		}
		while ((rc = xliff_reader_next(r, &seg, &err)) > 0) {
			if (seg.locked || seg.source_text[0] == '\0')
				continue;
			segments++;
			if (seg.target_text &&
			    strcmp(seg.target_text, seg.source_text) == 0)
				same++;
			else
				diag("%s:%ld: target \"%s\" for \"%s\"", line,
				     seg.line, seg.target_text ?
				     seg.target_text : "(none)",
				     seg.source_text);
			if (seg.target_markup && strchr(seg.source_markup, '<')
			    && !strstr(seg.source_markup, "<it") &&
			    strcmp(seg.target_markup, seg.source_markup) == 0)
				codes++;
		}
		if (rc < 0)
			ok(0, "%s: the output reads back: %s", line,
			   err.message);
		docseg_clear(&seg);
		xliff_reader_close(r);
	}
	pclose(list);
	ok(files > 100, "%ld corpus files, %ld refused as the reader refuses "
	   "them", files, refused);
	is_int(same, segments, "every segment's target is its source "
	       "(%ld segments)", segments);
	ok(codes > 20, "%ld targets with codes equal their source's markup",
	   codes);
}

int
main(void)
{
	data_dir = fixture_path("tests/data");
	snprintf(in_path, sizeof in_path, "%s/xliff-write-in-%ld.xlf",
		 getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR")
						       : "/tmp",
		 (long)getpid());
	snprintf(out_path, sizeof out_path, "%s.out", in_path);
	test_untouched();
	test_expected();
	test_refused();
	test_corpus();
	unlink(in_path);
	unlink(out_path);
	free(data_dir);
	return done_testing();
}
