/*
 * po-write-test.c -- po_rewrite() on the PO files of tests/data/po and on
 * small files made here: a fill that fills nothing gives the file back
 * byte for byte; a fill of every empty msgstr (the first one for review,
 * with a previous msgid) and of a fuzzy message gives a file that msgfmt
 * -c takes whenever it took the input, that reads back with the filled
 * targets and flags, and that is the input again once the msgstr, #, and
 * #| lines are left out of both; wrapping, escapes, line ends, charsets,
 * and a file whose messages gettext's library reads in another order.
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
static char scratch[1024];

/* The whole file (NUL-terminated) and its size, or NULL. */
static char *
slurp(const char *path, size_t *size)
{
	struct strbuf sb = { 0 };
	struct tmg_error err;

	*size = 0;
	if (strbuf_read_file(&sb, path, &err) < 0)
		return NULL;
	*size = sb.len;
	return sb.buf ? strbuf_detach(&sb) : strdup("");
}

static void
spew(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	fputs(text, f);
	fclose(f);
}

/* What the fill functions do and count. */
struct filler {
	int mode;           /* FILL_NONE, FILL_EMPTY, FILL_TEXT */
	const char *text;   /* FILL_TEXT: every segment gets it */
	int review;         /* FILL_TEXT: for review, with this previous */
	long review_line, draft_line; /* FILL_EMPTY: the chosen messages */
	long filled;
	int stop_at;        /* -1 on this index, when > 0 */
};

enum { FILL_NONE, FILL_EMPTY, FILL_TEXT };

static int
fill_segment(void *data, size_t index, const struct tmg_docseg *seg,
	     struct doc_fill *fill, struct tmg_error *err)
{
	struct filler *f = data;

	if (f->stop_at > 0 && index == (size_t)f->stop_at) {
		tmg_error_set(err, NULL, 0, 0, "stopped");
		return -1;
	}
	switch (f->mode) {
	case FILL_TEXT:
		fill->target_text = strdup(f->text);
		fill->review = f->review;
		if (f->review)
			fill->match_source = strdup("The previous source");
		break;
	case FILL_EMPTY:
		if (seg->state == DOCSEG_DRAFT && seg->target_text &&
		    (f->draft_line == 0 || f->draft_line == seg->line)) {
			/* the first fuzzy message, every form: confirmed */
			f->draft_line = seg->line;
			fill->target_text = strdup(seg->source_text);
			break;
		}
		if (seg->state != DOCSEG_NEW)
			return 0;
		fill->target_text = strdup(seg->source_text);
		if (f->review_line == 0 || f->review_line == seg->line) {
			f->review_line = seg->line;
			fill->review = 1;
			fill->score = 80;
			fill->match_source = strdup(seg->source_text);
		}
		break;
	default:
		return 0;
	}
	f->filled++;
	return 1;
}

/* Rewrite `path` into `out`: 0, or -1 with err. */
static int
rewrite(const char *path, const char *out, struct filler *f,
	struct tmg_error *err)
{
	int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644), ret;

	if (fd < 0)
		return -1;
	ret = po_rewrite(path, NULL, fd, fill_segment, f, NULL, NULL, err);
	close(fd);
	return ret;
}

/* The file's lines without msgstr blocks, #, and #| lines. */
static char *
without_filled_lines(const char *data)
{
	size_t n = strlen(data);
	char *out = malloc(n + 1), *w = out;
	int in_msgstr = 0;

	for (const char *p = data; *p;) {
		const char *eol = strchr(p, '\n'), *q = p;

		eol = eol ? eol + 1 : p + strlen(p);
		if (p == data && strncmp(q, "\xef\xbb\xbf", 3) == 0)
			q += 3;
		while (*q == ' ' || *q == '\t')
			q++;
		if (strncmp(q, "msgstr", 6) == 0)
			in_msgstr = 1;
		else if (*q != '"')
			in_msgstr = 0;
		if (!in_msgstr && strncmp(q, "#,", 2) != 0 &&
		    strncmp(q, "#|", 2) != 0) {
			memcpy(w, p, (size_t)(eol - p));
			w += eol - p;
		}
		p = eol;
	}
	*w = '\0';
	return out;
}

static const char *
prop(const struct tmg_docseg *seg, const char *type)
{
	for (size_t i = 0; i < seg->notes.count; i++) {
		const struct tmg_annotation *a = &seg->notes.items[i];

		if (!a->is_note && a->type && strcmp(a->type, type) == 0)
			return a->value;
	}
	return NULL;
}

/* Read `out` back: every segment of the chosen messages has its source as
 * target; the review message is fuzzy with its previous msgid, the draft
 * one is no longer fuzzy.  Returns the number of wrong segments. */
static long
check_read_back(const char *out, const struct filler *f, long *segments)
{
	struct tmg_error err;
	struct po_reader *r = po_reader_open(out, NULL, NULL, NULL, &err);
	struct tmg_docseg seg;
	long wrong = 0;
	int rc;

	*segments = 0;
	if (r == NULL) {
		diag("%s: %s", out, err.message);
		return 1;
	}
	docseg_init(&seg);
	while ((rc = po_reader_next(r, &seg, &err)) == 1) {
		(*segments)++;
		if (seg.state == DOCSEG_NEW) {
			wrong++;
			diag("%s:%ld: still empty", out, seg.line);
		} else if (seg.line == f->review_line &&
			   (seg.state != DOCSEG_DRAFT ||
			    prop(&seg, "x-po-previous-msgid") == NULL ||
			    strcmp(prop(&seg, "x-po-previous-msgid"),
				   seg.segment_id && strcmp(seg.segment_id, "0")
					   ? prop(&seg, "x-po-previous-msgid")
					   : seg.source_text) != 0)) {
			wrong++;
			diag("%s:%ld: not fuzzy with its previous msgid", out,
			     seg.line);
		} else if (seg.line == f->draft_line &&
			   seg.state != DOCSEG_TRANSLATED) {
			wrong++;
			diag("%s:%ld: still fuzzy", out, seg.line);
		}
	}
	if (rc < 0) {
		diag("%s: %s", out, err.message);
		wrong++;
	}
	docseg_clear(&seg);
	po_reader_close(r);
	return wrong;
}

static int
msgfmt_ok(const char *path)
{
	char cmd[2048];

	snprintf(cmd, sizeof cmd, "msgfmt -c -o /dev/null '%s' 2>/dev/null",
		 path);
	return system(cmd) == 0;
}

static const char *const corpus[] = {
	"okapi/AllCasesTest.po",
	"okapi/Test_DrupalRussianCP1251.po",
	"okapi/Test_en_fr_new.po",
	"okapi/Test_nautilus.af.po",
	"okapi/fail.po",
	"okapi/plurals.po",
	"omegat/file-POFilter-be-utf8.po",
	"omegat/file-POFilter-fuzzyCtx.po",
	"omegat/file-POFilter-multiple2.po",
	"shadow/zh_CN.po",
	"symfony/empty.po",
	"symfony/fuzzy-translations.po",
	"translate-toolkit/f43.tgif.fr.po",
	"weblate/he-three.po",
};

static void
test_corpus(void)
{
	char out[1100];

	snprintf(out, sizeof out, "%s/out.po", scratch);
	for (size_t i = 0; i < sizeof corpus / sizeof *corpus; i++) {
		char path[1024];
		struct filler none = { FILL_NONE, NULL, 0, 0, 0, 0, 0 };
		struct filler all = { FILL_EMPTY, NULL, 0, 0, 0, 0, 0 };
		struct tmg_error err;
		char *in_data, *out_data, *a, *b;
		size_t in_size, out_size;
		long segments, wrong;
		int input_ok;

		snprintf(path, sizeof path, "%s/po/%s", data_dir, corpus[i]);
		in_data = slurp(path, &in_size);
		if (!ok(rewrite(path, out, &none, &err) == 0,
			"%s: rewritten with nothing filled", corpus[i]))
			diag("%s", err.message);
		out_data = slurp(out, &out_size);
		ok(out_size == in_size && memcmp(in_data, out_data, in_size) == 0,
		   "%s: byte for byte the same", corpus[i]);
		free(out_data);

		input_ok = msgfmt_ok(path);
		if (!ok(rewrite(path, out, &all, &err) == 0,
			"%s: rewritten with its empty msgstrs filled",
			corpus[i])) {
			diag("%s", err.message);
			free(in_data);
			continue;
		}
		if (input_ok)
			ok(msgfmt_ok(out), "%s: msgfmt -c takes the output",
			   corpus[i]);
		out_data = slurp(out, &out_size);
		a = without_filled_lines(in_data);
		b = without_filled_lines(out_data);
		is_str(b, a, "%s: the same once msgstr, #, and #| lines are left out",
		       corpus[i]);
		wrong = check_read_back(out, &all, &segments);
		is_int(wrong, 0, "%s: %ld segments read back, %ld filled",
		       corpus[i], segments, all.filled);
		free(a);
		free(b);
		free(in_data);
		free(out_data);
	}
}

/* Rewrite the text `po` with every segment filled with `text`; the
 * output, or NULL with the error in `err`. */
static char *
rewrite_text(const char *po, const char *text, int review,
	     struct tmg_error *err)
{
	char in[1100], out[1100];
	struct filler f = { FILL_TEXT, text, review, 0, 0, 0, 0 };
	size_t size;

	snprintf(in, sizeof in, "%s/in.po", scratch);
	snprintf(out, sizeof out, "%s/out.po", scratch);
	spew(in, po);
	if (rewrite(in, out, &f, err) < 0)
		return NULL;
	return slurp(out, &size);
}

#define HEADER "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"

static void
check_text(const char *po, const char *text, int review, const char *want,
	   const char *name)
{
	struct tmg_error err;
	char *got = rewrite_text(po, text, review, &err);

	if (got == NULL) {
		ok(0, "%s", name);
		diag("%s", err.message);
		return;
	}
	is_str(got, want, "%s", name);
	free(got);
}

static void
test_strings(void)
{
	check_text(HEADER "msgid \"a\"\nmsgstr \"\"\n", "say \"hi\"\\\ttab",
		   0, HEADER "msgid \"a\"\nmsgstr \"say \\\"hi\\\"\\\\\\ttab\"\n",
		   "quotes, backslashes and tabs escaped");
	check_text(HEADER "msgid \"a\"\nmsgstr \"\"\n", "one\ntwo\n", 0,
		   HEADER "msgid \"a\"\nmsgstr \"\"\n\"one\\n\"\n\"two\\n\"\n",
		   "split after each newline, the first line empty");
	check_text(HEADER "msgid \"a\"\nmsgstr \"\"\n", "line\n", 0,
		   HEADER "msgid \"a\"\nmsgstr \"line\\n\"\n",
		   "a newline at the end only: one line");
	check_text(HEADER "msgid \"a\"\nmsgstr \"\"\n",
		   "Les fichiers sélectionnés seront déplacés dans la corbeille "
		   "et supprimés définitivement.", 0,
		   HEADER "msgid \"a\"\nmsgstr \"\"\n"
		   "\"Les fichiers sélectionnés seront déplacés dans la corbeille "
		   "et supprimés \"\n\"définitivement.\"\n",
		   "wrapped at 79 columns after a space");
	check_text(HEADER "msgid \"a\"\nmsgstr \"\"\n",
		   "北京是中华人民共和国的首都，全国政治、文化、国际交往和科技创新中心，"
		   "有二十五个实验室。", 0,
		   HEADER "msgid \"a\"\nmsgstr \"\"\n"
		   "\"北京是中华人民共和国的首都，全国政治、文化、国际交往和科技创新中心，"
		   "有二十五\"\n\"个实验室。\"\n",
		   "Chinese wrapped between characters, two columns each");
	check_text(HEADER "msgid \"a very long message id that is longer than "
		   "seventy-nine columns on one line\"\nmsgstr \"\"\n",
		   "un très long message qui dépasse soixante-dix-neuf colonnes "
		   "sur une seule ligne", 0,
		   HEADER "msgid \"a very long message id that is longer than "
		   "seventy-nine columns on one line\"\nmsgstr \"un très long "
		   "message qui dépasse soixante-dix-neuf colonnes sur une seule "
		   "ligne\"\n",
		   "a file written without wrapping stays so");
	check_text("msgid \"\"\r\nmsgstr \"\"\r\n\r\n#: a.c:1\r\nmsgid \"a\"\r\n"
		   "msgstr \"\"\r\n\r\nmsgid \"b\"\r\nmsgstr \"x\"", "A\nB", 0,
		   "msgid \"\"\r\nmsgstr \"\"\r\n\r\n#: a.c:1\r\nmsgid \"a\"\r\n"
		   "msgstr \"\"\r\n\"A\\n\"\r\n\"B\"\r\n\r\nmsgid \"b\"\r\n"
		   "msgstr \"\"\r\n\"A\\n\"\r\n\"B\"",
		   "CRLF line ends kept, and no line end where the file had none");
	check_text(HEADER "#. note\n#: a.c:1\n#, c-format\nmsgid \"%d a\"\n"
		   "msgstr \"\"\n", "%d b", 1,
		   HEADER "#. note\n#: a.c:1\n#, fuzzy, c-format\n"
		   "#| msgid \"The previous source\"\nmsgid \"%d a\"\n"
		   "msgstr \"%d b\"\n",
		   "review: fuzzy added first to the flags, the previous msgid after");
	check_text(HEADER "# comment\n#: a.c:1\nmsgctxt \"c\"\nmsgid \"a\"\n"
		   "msgstr \"\"\n", "b", 1,
		   HEADER "# comment\n#: a.c:1\n#, fuzzy\n"
		   "#| msgid \"The previous source\"\nmsgctxt \"c\"\nmsgid \"a\"\n"
		   "msgstr \"b\"\n",
		   "review: a flags line made before the keywords");
	check_text(HEADER "#, fuzzy, c-format\n#| msgid \"old\"\nmsgid \"a\"\n"
		   "msgstr \"old translation\"\n", "new", 0,
		   HEADER "#, c-format\nmsgid \"a\"\nmsgstr \"new\"\n",
		   "an exact fill confirms: fuzzy and #| lines go");
	check_text(HEADER "#, fuzzy\n#| msgid \"old\"\nmsgid \"a\"\n"
		   "msgstr \"old translation\"\n", "new", 1,
		   HEADER "#, fuzzy\n#| msgid \"The previous source\"\n"
		   "msgid \"a\"\nmsgstr \"new\"\n",
		   "review over fuzzy: the #| lines are the new match's");
	check_text(HEADER "msgid \"one file\"\nmsgid_plural \"%d files\"\n"
		   "msgstr[0] \"\"\nmsgstr[1] \"\"\n\n#~ msgid \"gone\"\n"
		   "#~ msgstr \"parti\"\n", "f", 1,
		   HEADER "#, fuzzy\n#| msgid \"The previous source\"\n"
		   "#| msgid_plural \"The previous source\"\n"
		   "msgid \"one file\"\nmsgid_plural \"%d files\"\n"
		   "msgstr[0] \"f\"\nmsgstr[1] \"f\"\n\n#~ msgid \"gone\"\n"
		   "#~ msgstr \"parti\"\n",
		   "plural forms filled one by one; obsolete entries left alone");
}

static void
test_errors(void)
{
	struct tmg_error err;
	char *got;
	char in[1100], out[1100];
	struct filler f = { FILL_TEXT, "x", 0, 0, 0, 0, 2 };

	got = rewrite_text("domain \"a\"\nmsgid \"one\"\nmsgstr \"\"\n\n"
			   "domain \"b\"\nmsgid \"two\"\nmsgstr \"\"\n\n"
			   "domain \"a\"\nmsgid \"three\"\nmsgstr \"\"\n",
			   "x", 0, &err);
	ok(got == NULL && err.line == 6,
	   "domains read in another order than the file's: refused at line %ld",
	   err.line);
	free(got);

	got = rewrite_text("msgid \"\"\nmsgstr \"Content-Type: text/plain; "
			   "charset=windows-1251\\n\"\n\nmsgid \"a\"\n"
			   "msgstr \"\"\n", "北京", 0, &err);
	ok(got == NULL && err.line == 5 &&
	   strstr(err.message, "windows-1251") != NULL,
	   "a text the charset cannot hold: refused at its line (%s)",
	   err.message);
	free(got);

	got = rewrite_text("msgid \"\"\nmsgstr \"Content-Type: text/plain; "
			   "charset=windows-1251\\n\"\n\nmsgid \"a\"\n"
			   "msgstr \"\"\n", "Привет", 0, &err);
	ok(got && strstr(got, "msgstr \"\xcf\xf0\xe8\xe2\xe5\xf2\"") != NULL,
	   "written in the file's charset, windows-1251");
	free(got);

	snprintf(in, sizeof in, "%s/in.po", scratch);
	snprintf(out, sizeof out, "%s/out.po", scratch);
	spew(in, HEADER "msgid \"a\"\nmsgstr \"\"\n\nmsgid \"b\"\nmsgstr \"\"\n"
		 "\nmsgid \"c\"\nmsgstr \"\"\n");
	ok(rewrite(in, out, &f, &err) < 0 && strcmp(err.message, "stopped") == 0,
	   "the fill function's error ends the rewrite");

	snprintf(in, sizeof in, "%s/po/okapi/msgctxt_notes.po", data_dir);
	f.stop_at = 0;
	ok(rewrite(in, out, &f, &err) < 0 && err.line == 1 &&
	   strstr(err.message, "syntax error") != NULL,
	   "a file gettext refuses is refused at its line (%ld: %s)",
	   err.line, err.message);
}

static void
remove_scratch(void)
{
	char path[1100];

	snprintf(path, sizeof path, "%s/in.po", scratch);
	unlink(path);
	snprintf(path, sizeof path, "%s/out.po", scratch);
	unlink(path);
	rmdir(scratch);
}

int
main(void)
{
	data_dir = fixture_path("tests/data");
	snprintf(scratch, sizeof scratch, "%s/po-write-XXXXXX",
		 getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR")
						       : "/tmp");
	if (mkdtemp(scratch) == NULL)
		return 99;
	test_corpus();
	test_strings();
	test_errors();
	remove_scratch();
	free(data_dir);
	return done_testing();
}
