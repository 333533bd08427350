/*
 * srx-test.c -- SRX rules: the real files of other CAT tools (copied under
 * tests/data/srx) load, every rule of theirs compiles with ICU, and they
 * cut French and Chinese as their rules say; broken files fail with
 * file:line; an external entity is never read.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "tmgloss.h"
#include "base/xalloc.h"

static char data_dir[4096];

static const char *
data(const char *name)
{
	static char path[8192];

	snprintf(path, sizeof path, "%s/%s", data_dir, name);
	return path;
}

/* The sentences of `text` joined by " | " (to free), or NULL on error. */
static char *
cut(struct srx_rules *rules, const char *text, const char *lang)
{
	struct text_spans spans = { 0 };
	struct tmg_error err = { 0 };
	struct strbuf sb = { 0 };

	if (srx_sentences(rules, text, lang, &spans, &err) < 0) {
		diag("%s", err.message);
		text_spans_clear(&spans);
		return NULL;
	}
	for (size_t i = 0; i < spans.count; i++) {
		if (i)
			strbuf_addstr(&sb, " | ");
		strbuf_add(&sb, text + spans.items[i].byte_start,
			   (size_t)(spans.items[i].byte_end -
				    spans.items[i].byte_start));
	}
	text_spans_clear(&spans);
	strbuf_addstr(&sb, "");
	return strbuf_detach(&sb);
}

static void
expect_cut(struct srx_rules *rules, const char *file, const char *lang,
	   const char *text, const char *want)
{
	char *got = rules ? cut(rules, text, lang) : NULL;

	is_str(got, want, "%s %s: %.30s", file, lang, text);
	free(got);
}

/* Every rule a language selects compiles; returns the count. */
static size_t
prepared(struct srx_rules *rules, const char *file, const char *lang)
{
	struct tmg_error err = { 0 };
	size_t count = 0;
	int rc = rules ? srx_prepare(rules, lang, &count, &err) : -1;

	if (!ok(rc == 0, "%s: rules for %s compile with ICU", file, lang))
		diag("%s", err.message);
	return count;
}

static struct srx_rules *
load(const char *file)
{
	struct tmg_error err = { 0 };
	struct srx_rules *rules = srx_load(data(file), &err);

	if (!ok(rules != NULL, "%s loads", file))
		diag("%s", err.message);
	return rules;
}

static void
test_omegat(void)
{
	const char *f = "srx/omegat/defaultRules.srx";
	struct srx_rules *r = load(f);
	size_t fr, zh, xx;

	fr = prepared(r, f, "fr-FR");
	zh = prepared(r, f, "zh-CN");
	xx = prepared(r, f, "tlh");
	/* cascade="yes": French rules, then the ".*" maps' rules */
	ok(fr > xx && zh > xx && xx > 0,
	   "%s: cascading adds French (%zu) and Chinese (%zu) rules to the "
	   "default ones (%zu)", f, fr, zh, xx);
	expect_cut(r, f, "fr",
		   "M. Dupont est là. Il a vu p. ex. des chats, etc. Ensuite "
		   "il part.",
		   "M. Dupont est là. | Il a vu p. ex. des chats, etc. | "
		   "Ensuite il part.");
	expect_cut(r, f, "zh-CN",
		   "北京是首都。它很大！真的吗？他说：“好。”然后走了。",
		   "北京是首都。 | 它很大！ | 真的吗？ | "
		   "他说：“好。”然后走了。");
	expect_cut(r, f, "fr", "Une phrase.\n\nUn paragraphe. Deux.",
		   "Une phrase. | Un paragraphe. | Deux.");
	expect_cut(r, f, "fr", "", "");
	srx_free(r);
}

/* A rules file: the languages whose rules must compile, then texts and
 * the sentences they are cut into ("a | b"). */
struct srx_case {
	const char *file;
	const char *langs[3];
	struct {
		const char *lang, *text, *want;
	} cuts[4];
};

static void
check_srx_case(const struct srx_case *c)
{
	struct srx_rules *r = load(c->file);

	for (size_t i = 0; i < 3 && c->langs[i]; i++)
		prepared(r, c->file, c->langs[i]);
	for (size_t i = 0; i < 4 && c->cuts[i].lang; i++)
		expect_cut(r, c->file, c->cuts[i].lang, c->cuts[i].text,
			   c->cuts[i].want);
	srx_free(r);
}

static void
test_other_files(void)
{
	static const struct srx_case cases[] = {
		/* SRX 1.0, cascading: "default" first, then the zh rules,
		 * which cut after ；and after each … */
		{ "srx/heartsome/default_rules.srx", { "fr", "zh-CN" }, {
			{ "zh-CN", "北京是首都。是的；当然。",
			  "北京是首都。 | 是的； | 当然。" },
			{ "fr", "Il part. Elle reste.",
			  "Il part. | Elle reste." },
		} },
		/* the first rule that matches decides: this file's generic
		 * break rule comes before its "\sMr." exception, which never
		 * wins */
		{ "srx/heartsome/trados_rules.srx", { NULL }, {
			{ "en", "Mr. Smith is here. He left.",
			  "Mr. | Smith is here. | He left." },
			{ "en", "Item 1. Then 2. Done etc. and more.",
			  "Item 1. | Then 2. | Done etc. | and more." },
			{ "ja", "東京です。大阪です。",
			  "東京です。 | 大阪です。" },
		} },
		{ "srx/okapi/sample20.srx", { "en-US" }, {
			{ "en-US", "Mr. Holmes is from the U.K. Is Dr. Watson?",
			  "Mr. Holmes is from the U.K. Is Dr. Watson?" },
			{ "fr", "Mr. Holmes arrive. Oui.",
			  "Mr. | Holmes arrive. | Oui." },
		} },
		{ "srx/openxliff/default.srx", { "fr", "zh" }, {
			{ "zh", "北京是首都。它很大！",
			  "北京是首都。 | 它很大！" },
		} },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		check_srx_case(&cases[i]);
}

static void
test_bad_files(void)
{
	struct tmg_error err = { 0 };
	struct srx_rules *r;
	size_t count;
	char *got;
	int rc;

	r = srx_load(data("srx/bad/not-srx.xml"), &err);
	ok(r == NULL && strstr(err.message, "not an SRX file") &&
	   err.line == 2, "a TMX file is not SRX: %s:%ld: %s", err.file,
	   err.line, err.message);

	memset(&err, 0, sizeof err);
	r = srx_load(data("srx/bad/truncated.srx"), &err);
	ok(r == NULL && err.line > 0 && err.message[0],
	   "truncated XML: line %ld: %s", err.line, err.message);

	memset(&err, 0, sizeof err);
	r = srx_load(data("srx/bad/unknown-rule.srx"), &err);
	ok(r == NULL && err.line == 14 && strstr(err.message, "French"),
	   "a map to an unknown rule: line %ld: %s", err.line, err.message);

	memset(&err, 0, sizeof err);
	r = srx_load(data("srx/bad/bad-regex.srx"), &err);
	ok(r != NULL, "a file with a bad expression loads (compiled on use)");
	rc = r ? srx_prepare(r, "fr", &count, &err) : 0;
	ok(rc < 0 && err.line == 7 && strstr(err.file, "bad-regex.srx"),
	   "the bad expression is reported at its rule: %s:%ld: %s",
	   err.file, err.line, err.message);
	srx_free(r);

	memset(&err, 0, sizeof err);
	r = srx_load(data("srx/bad/external-entity.srx"), &err);
	if (r == NULL) {
		ok(err.message[0] != '\0',
		   "external entities: the file is refused: %s", err.message);
	} else {
		got = cut(r, "Fin. Suite.", "fr");
		is_str(got, "Fin. | Suite.",
		       "external entities are never read (they expand to "
		       "nothing)");
		free(got);
		srx_free(r);
	}

	memset(&err, 0, sizeof err);
	r = srx_load(data("srx/bad/no-such-file.srx"), &err);
	ok(r == NULL && strstr(err.message, "cannot open"),
	   "a missing file: %s", err.message);
}

int
main(void)
{
	const char *srcdir = getenv("top_srcdir");

	snprintf(data_dir, sizeof data_dir, "%s/tests/data",
		 srcdir ? srcdir : ".");
	test_omegat();
	test_other_files();
	test_bad_files();
	text_cleanup();
	return done_testing();
}
