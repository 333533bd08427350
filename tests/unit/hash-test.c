/*
 * hash-test.c -- the hashes that end up on disk stay bit-identical: a
 * memory written by one build is read by the next, so a unit's and a
 * concept's content hash, the fuzzy index's token hashes and posting keys,
 * the translation index's keys and the glossary's term keys must not move
 * when the code that computes them does.
 *
 * Every expected value below was computed by the code before base/hash.h
 * gathered the copies of FNV-1a and the 64-bit mixer; a change to any of
 * them shows here first.  The strings are UTF-8: plain ASCII, French with
 * accents and an apostrophe, Chinese.  Which French words share a term
 * key (inflections do, an agent noun and its verb do not) is tested here
 * too.
 */
#include <config.h>

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "base/hash.h"
#include "base/records.h"
#include "index/fuzzy-index.h"
#include "index/suggest-index.h"
#include "store/db.h"
#include "store/store.h"
#include "text/text.h"
#include "fixture.h"
#include "tap.h"

#define FRENCH "L'été à Montréal : contrôle de qualité"
#define CHINESE "翻译记忆库的质量控制"

static int
is_hash(uint64_t got, uint64_t want, const char *name)
{
	char g[32], w[32];

	snprintf(g, sizeof g, "0x%016" PRIx64, got);
	snprintf(w, sizeof w, "0x%016" PRIx64, want);
	return is_str(g, w, "%s", name);
}

/* FNV-1a and the mixer themselves (base/hash.h). */
static void
test_primitives(void)
{
	static const struct {
		const char *s;
		uint64_t fnv;
	} fnv[] = {
		{ "", 0xcbf29ce484222325ULL },
		{ "a", 0xaf63dc4c8601ec8cULL },
		{ "foobar", 0x85944171f73967e8ULL },
		{ FRENCH, 0x9056a6d08241ae71ULL },
		{ CHINESE, 0xef1380b2126d7284ULL },
	};
	static const struct {
		uint64_t in, out;
	} mix[] = {
		{ 0, 0 },
		{ 1, 0xb456bcfc34c2cb2cULL },
		{ 0x656d707479ULL, 0x1bf138572e6df333ULL },
		{ 0xcbf29ce484222325ULL, 0xefd01f60ba992926ULL },
		{ UINT64_MAX, 0x64b5720b4b825f21ULL },
	};
	char name[128];

	for (size_t i = 0; i < sizeof fnv / sizeof *fnv; i++) {
		snprintf(name, sizeof name, "FNV-1a of string %zu", i);
		is_hash(hash_fnv1a_str(HASH_FNV_OFFSET, fnv[i].s), fnv[i].fnv,
			name);
		snprintf(name, sizeof name, "FNV-1a of bytes %zu", i);
		is_hash(hash_fnv1a(HASH_FNV_OFFSET, fnv[i].s,
				   strlen(fnv[i].s)), fnv[i].fnv, name);
	}
	for (size_t i = 0; i < sizeof mix / sizeof *mix; i++) {
		snprintf(name, sizeof name, "mix64 of %#" PRIx64, mix[i].in);
		is_hash(hash_mix64(mix[i].in), mix[i].out, name);
	}
}

/* The fuzzy index: token hashes, the empty segment, posting keys, and a
 * segment's token and spacing hashes. */
static void
test_fuzzy_index(void)
{
	static const uint64_t want_words[][3] = {
		/* key, exact, surface of each word of FRENCH */
		{ 0x46b0cc852fc9ac3bULL, 0x46b0cc852fc9ac3bULL,
		  0xac484c42f82dc70cULL },
		{ 0x4e86b7c4c0feda3bULL, 0x4e86b7c4c0feda3bULL,
		  0x4e86b7c4c0feda3bULL },
		{ 0x37aca842efe846b9ULL, 0x37aca842efe846b9ULL,
		  0x37aca842efe846b9ULL },
		{ 0x5a26b56acb72d46cULL, 0x5a26b56acb72d46cULL,
		  0xe1b2636f7f33b4b4ULL },
		{ 0xe7ebe6aaa8bc99a3ULL, 0xe7ebe6aaa8bc99a3ULL,
		  0xe7ebe6aaa8bc99a3ULL },
		{ 0xd76451429055bc9dULL, 0xd76451429055bc9dULL,
		  0xd76451429055bc9dULL },
		{ 0x7e724e253967e4e3ULL, 0x7e724e253967e4e3ULL,
		  0x7e724e253967e4e3ULL },
	};
	struct tmg_error err = { 0 };
	struct fuzzy_segment seg;
	char group[LANG_GROUP_MAX];
	char name[64];

	is_hash(fuzzy_index_token_hash("fr", 0x1234567890abcdefULL, 0),
		0x96becd3a69a3fe25ULL,
		"fuzzy_index_token_hash fr");
	is_hash(fuzzy_index_token_hash("zh", 42, 3), 0x6fd4b528e68a2381ULL,
		"fuzzy_index_token_hash zh");
	is_hash(fuzzy_index_token_hash("", 0, 0), 0x938824a1b80743c1ULL,
		"fuzzy_index_token_hash of nothing");
	/* fuzzy_tokens' 16-bit keys (schema 10): the quarters folded,
	 * stored little-endian */
	is_int(fuzzy_index_token_key(0x1234567890abcdefULL), 0x1908,
	       "fuzzy_index_token_key folds the four quarters");
	is_int(fuzzy_index_token_at((const unsigned char *)"\x01\x02\x08\x19",
				    1), 0x1908,
	       "fuzzy_index_token_at reads little-endian");

	is_hash(fuzzy_index_empty_hash("fr"), 0x020f8f791fd9706dULL,
		"fuzzy_index_empty_hash fr");
	is_hash(fuzzy_index_empty_hash("zh"), 0x3e1d684be3103c29ULL,
		"fuzzy_index_empty_hash zh");
	is_hash((uint64_t)fuzzy_index_posting_key(
		fuzzy_index_token_hash("fr", 7, 1), 3),
		0xe229867626010003ULL, "fuzzy_index_posting_key");
	lang_group("fr-CA", group);
	is_str(group, "fr", "lang_group fr-CA");
	lang_group("FR_ca", group);
	is_str(group, "fr", "lang_group FR_ca");
	lang_group("*all*", group);
	is_str(group, "*all*", "lang_group *all*");
	lang_group("abcdefghijklmnopqrstu", group);
	is_str(group, "abcdefghijklmno", "lang_group keeps 15 bytes");

	if (!ok(fuzzy_segment_build(&seg, FRENCH, NULL, "fr", 0, &err) == 0,
		"fuzzy_segment_build French")) {
		diag("%s", err.message);
		return;
	}
	is_int((long long)seg.nwords, 7, "French words");
	for (size_t i = 0; i < seg.nwords && i < 7; i++) {
		snprintf(name, sizeof name, "word %zu key", i);
		is_hash(seg.words[i].key, want_words[i][0], name);
		snprintf(name, sizeof name, "word %zu exact", i);
		is_hash(seg.words[i].exact, want_words[i][1], name);
		snprintf(name, sizeof name, "word %zu surface", i);
		is_hash(seg.words[i].surface, want_words[i][2], name);
	}
	is_hash(seg.spacing, 0x6c26e65dac9a65faULL, "French spacing");
	fuzzy_segment_clear(&seg);

	if (!ok(fuzzy_segment_build(&seg, CHINESE, NULL, "zh", 0, &err) == 0,
		"fuzzy_segment_build Chinese")) {
		diag("%s", err.message);
		return;
	}
	is_hash(seg.nwords ? seg.words[0].key : 0,
		0x1258ef42b32d53f6ULL, "Chinese first key");
	is_hash(seg.nwords ? seg.words[seg.nwords - 1].surface : 0,
		0x381bbe898601a579ULL,
		"Chinese last surface");
	is_hash(seg.spacing, 0xefd01f60ba992926ULL, "Chinese spacing");
	fuzzy_segment_clear(&seg);
}

/* The translation index's keys. */
static void
test_suggest_index(void)
{
	char group[LANG_GROUP_MAX];

	is_hash((uint64_t)suggest_index_unigram_key("fr", "qualit"),
		0x558903e5496bf2cdULL,
		"suggest_index_unigram_key fr");
	is_hash((uint64_t)suggest_index_unigram_key("zh", "翻译"),
		0x6bfeb9771b75d994ULL,
		"suggest_index_unigram_key zh");
	is_hash((uint64_t)suggest_index_bigram_key("fr", "contrôl", "qualit"),
		0x31f290f6862c5e28ULL,
		"suggest_index_bigram_key fr");
	is_hash((uint64_t)suggest_index_bigram_key("", "", ""),
		0x284296e8ad428be5ULL,
		"suggest_index_bigram_key of nothing");
	lang_group("zh-Hant-TW", group);
	is_str(group, "zh", "lang_group zh-Hant-TW");
}

/* The glossary's term keys (text/termkey.c). */
static void
test_term_keys(void)
{
	static const struct {
		const char *lang, *text;
		uint64_t one, all;
	} cases[] = {
		{ "fr", FRENCH, 0xdb00b066433b2f78ULL, 0xf6e2f2acf009ac56ULL },
		{ "zh", CHINESE, 0x7643b9a6af16bea0ULL, 0xe9290fd15dde41f1ULL },
		{ "en", "Quality controls, 2 times", 0x9391a2685d87a772ULL,
		  0xf4e167d15f379f2eULL },
	};
	struct tmg_error err = { 0 };

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct term_keyer *k = term_keyer_new(cases[i].lang, &err);
		struct term_key_tokens toks = { 0 };

		if (!ok(k && term_keyer_tokens(k, cases[i].text, &toks,
					       &err) == 0 && toks.count > 1,
			"term key tokens %s", cases[i].lang)) {
			diag("%s", err.message);
			term_keyer_free(k);
			continue;
		}
		is_hash(term_key_ngram_hash(&toks, 1, 1), cases[i].one,
			cases[i].lang);
		is_hash(term_key_ngram_hash(&toks, 0, toks.count), cases[i].all,
			cases[i].lang);
		term_key_tokens_clear(&toks);
		term_keyer_free(k);
	}
}

/* The term key of a one-word French text. */
static uint64_t
french_key(struct term_keyer *k, const char *word)
{
	struct term_key_tokens toks = { 0 };
	struct tmg_error err = { 0 };
	uint64_t h = 0;

	if (term_keyer_tokens(k, word, &toks, &err) == 0 && toks.count == 1)
		h = term_key_ngram_hash(&toks, 0, 1);
	term_key_tokens_clear(&toks);
	return h;
}

/* French agent nouns keep apart from their verbs (termkey.c, step 4);
 * the other inflections still share a key. */
static void
test_french_agent_nouns(void)
{
	static const char *const same[][2] = {
		{ "utilisateur", "utilisateurs" },
		{ "utilisateur", "Utilisatrices" },
		{ "utilisateur", "utilisatrice" },
		{ "ordinateur", "ordinateurs" },
		{ "accélératrice", "accélérateurs" },
		{ "utiliser", "utilisé" },
		{ "utiliser", "utilisation" },
		{ "utiliser", "utilisant" },
		{ "fichier", "fichiers" },
		{ "travail", "travaux" },
	};
	static const char *const apart[][2] = {
		{ "utilisateur", "utiliser" },
		{ "utilisateurs", "utilisation" },
		{ "utilisatrice", "utilisé" },
		{ "créateur", "créer" },
		{ "accélérateur", "accélérer" },
	};
	struct tmg_error err = { 0 };
	struct term_keyer *k = term_keyer_new("fr", &err);

	if (!ok(k != NULL, "a French keyer"))
		return;
	for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
		uint64_t a = french_key(k, same[i][0]);

		ok(a != 0 && a == french_key(k, same[i][1]),
		   "term key: '%s' ~ '%s'", same[i][0], same[i][1]);
	}
	for (size_t i = 0; i < sizeof apart / sizeof *apart; i++) {
		uint64_t a = french_key(k, apart[i][0]);
		uint64_t b = french_key(k, apart[i][1]);

		ok(a != 0 && b != 0 && a != b, "term key: '%s' !~ '%s'",
		   apart[i][0], apart[i][1]);
	}
	term_keyer_free(k);
}

static int64_t
column_int64(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = 0;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The content hashes a memory stores for a unit and a concept. */
static void
test_content_hashes(const char *path)
{
	struct tmg_error err = { 0 };
	struct tmg_memory *m = fixture_open_memory(path, "memory_open");
	struct memory_import import = { .origin = "hash-test.tmx" };
	enum memory_add_result result;
	enum glossary_add_result added;
	struct tmg_unit u;
	struct tmg_variant *v;
	struct tmg_concept c;

	if (m == NULL)
		return;
	unit_init(&u);
	snprintf(u.srclang, sizeof u.srclang, "fr");
	v = unit_add_variant(&u);
	snprintf(v->lang, sizeof v->lang, "fr");
	v->text = strdup(FRENCH);
	v = unit_add_variant(&u);
	snprintf(v->lang, sizeof v->lang, "zh");
	v->text = strdup(CHINESE);
	v->markup = strdup("翻译<ph x=\"1\"/>记忆库的质量控制");
	is_hash(unit_content_hash(&u), 0xe7b9da8744437f00ULL,
		"unit_content_hash(), which the TMX reader's thread computes");
	ok(memory_import_begin(m, &import, &err) == 0 &&
	   memory_add_unit(m, &u, &result, &err) == 0 &&
	   memory_import_commit(m, &err) == 0, "unit added");
	u.content_hash = 1;
	u.content_hash_known = 1;
	unit_add_variant(&u);
	ok(!u.content_hash_known, "a variant added forgets a given hash");
	unit_clear(&u);
	is_hash((uint64_t)column_int64(memory_db(m),
				       "SELECT content_hash FROM units"),
		0xe7b9da8744437f00ULL, "a unit's content hash");

	concept_init(&c);
	concept_add_term(&c, "fr", "contrôle de qualité");
	concept_add_term(&c, "zh", "质量控制");
	concept_add_term(&c, "en", "quality control");
	ok(glossary_add_concept(m, &c, &added, NULL, &err) == 0,
	   "concept added");
	concept_clear(&c);
	is_hash((uint64_t)column_int64(memory_db(m),
				       "SELECT content_hash FROM concepts"),
		0xe960e3eaa6406b1fULL, "a concept's content hash");
	memory_close(m);
}

int
main(void)
{
	char path[4096];

	fixture_scratch_path(path, sizeof path, "tmgloss-hash-test");
	test_primitives();
	test_fuzzy_index();
	test_suggest_index();
	test_term_keys();
	test_french_agent_nouns();
	test_content_hashes(path);
	fixture_unlink_memory(path);
	text_cleanup();
	return done_testing();
}
