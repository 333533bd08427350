/*
 * text-test.c -- the text layer against the cases of
 * tests/data/text-cases.tsv, then invariants no table can state.
 *
 * A case line: WHAT <TAB> LANG <TAB> OPTIONS <TAB> INPUT <TAB> EXPECTED
 *   WHAT      key, tokens or sentences
 *   LANG      a language tag, or "-" for none
 *   OPTIONS   comma-separated, "-" for none:
 *             match | terms        tokenisation mode (tokens; match default)
 *             accents, traditional key folds (key, tokens)
 *             kinds, keys, offsets what to show of a token or sentence:
 *                                  "text/kind", "text=key",
 *                                  "text@start-end:byte_start-byte_end"
 *             paragraphs           sentences shown as "N:text"
 *   INPUT     the text; escapes \n \r \t \\ \xHH (a raw byte) \u{HHHH}
 *   EXPECTED  items joined by " | " (same escapes); empty for none;
 *             "!error" when the call must fail with a message.
 * Lines starting with '#' and empty lines are comments.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "tap.h"
#include "tmgloss.h"
#include "base/utf8.h"
#include "base/xalloc.h"

/* Decode the escapes of a field into `out`. */
static void
unescape(const char *s, struct strbuf *out)
{
	strbuf_reset(out);
	while (*s) {
		if (s[0] != '\\' || s[1] == '\0') {
			strbuf_addch(out, *s++);
			continue;
		}
		s++;
		switch (*s) {
		case 'n': strbuf_addch(out, '\n'); s++; break;
		case 't': strbuf_addch(out, '\t'); s++; break;
		case 'r': strbuf_addch(out, '\r'); s++; break;
		case '\\': strbuf_addch(out, '\\'); s++; break;
		case 'x': {
			char hex[3] = { s[1], s[1] ? s[2] : 0, 0 };
			strbuf_addch(out, (char)strtoul(hex, NULL, 16));
			s += 3;
			break;
		}
		case 'u': {
			char *end;
			unsigned long c = strtoul(s + 2, &end, 16);
			char utf8[4];
			size_t n;

			if (c < 0x80) {
				utf8[0] = (char)c;
				n = 1;
			} else if (c < 0x800) {
				utf8[0] = (char)(0xC0 | (c >> 6));
				utf8[1] = (char)(0x80 | (c & 0x3F));
				n = 2;
			} else if (c < 0x10000) {
				utf8[0] = (char)(0xE0 | (c >> 12));
				utf8[1] = (char)(0x80 | ((c >> 6) & 0x3F));
				utf8[2] = (char)(0x80 | (c & 0x3F));
				n = 3;
			} else {
				utf8[0] = (char)(0xF0 | (c >> 18));
				utf8[1] = (char)(0x80 | ((c >> 12) & 0x3F));
				utf8[2] = (char)(0x80 | ((c >> 6) & 0x3F));
				utf8[3] = (char)(0x80 | (c & 0x3F));
				n = 4;
			}
			strbuf_add(out, utf8, n);
			s = *end == '}' ? end + 1 : end;
			break;
		}
		default:
			strbuf_addch(out, '\\');
		}
	}
}

static int
has_option(const char *options, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = options; (p = strstr(p, name)) != NULL; p += n)
		if ((p == options || p[-1] == ',') &&
		    (p[n] == '\0' || p[n] == ','))
			return 1;
	return 0;
}

static int
key_flags(const char *options)
{
	return (has_option(options, "accents") ? TEXT_FOLD_ACCENTS : 0) |
	       (has_option(options, "traditional") ?
		TEXT_FOLD_TRADITIONAL : 0);
}

static void
add_item(struct strbuf *got, const char *text, size_t n)
{
	if (got->len)
		strbuf_addstr(got, " | ");
	strbuf_add(got, text, n);
}

/* "@start-end:byte_start-byte_end" after an item, for the "offsets"
 * option. */
static void
add_offsets(struct strbuf *item, int32_t start, int32_t end,
	    int32_t byte_start, int32_t byte_end)
{
	char buf[64];

	snprintf(buf, sizeof buf, "@%d-%d:%d-%d", (int)start, (int)end,
		 (int)byte_start, (int)byte_end);
	strbuf_addstr(item, buf);
}

/* Run one case; the rendering of the result goes into `got`, "!error" for
 * a failure (whose message must not be empty). */
static void
run_case(const char *what, const char *lang, const char *options,
	 const char *input, struct strbuf *got)
{
	struct tmg_error err = { 0 };
	char buf[128];

	strbuf_reset(got);
	if (strcmp(what, "key") == 0) {
		char *key = text_key(input, key_flags(options), &err);
		if (key == NULL)
			goto error;
		strbuf_addstr(got, key);
		free(key);
	} else if (strcmp(what, "tokens") == 0) {
		struct text_tokens tokens = { 0 };
		enum tokenize_mode mode = has_option(options, "terms") ?
					  TOKENS_WORDS : TOKENS_MATCH;

		if (text_tokenize(input, lang, mode, key_flags(options),
				  &tokens, &err) < 0) {
			text_tokens_clear(&tokens);
			goto error;
		}
		for (size_t i = 0; i < tokens.count; i++) {
			const struct text_token *t = &tokens.items[i];
			struct strbuf item = { 0 };

			strbuf_add(&item, input + t->byte_start,
				   (size_t)(t->byte_end - t->byte_start));
			if (has_option(options, "kinds")) {
				strbuf_addch(&item, '/');
				strbuf_addstr(&item, token_kind_name(t->kind));
			}
			if (has_option(options, "keys")) {
				strbuf_addch(&item, '=');
				strbuf_addstr(&item, t->key);
			}
			if (has_option(options, "offsets"))
				add_offsets(&item, t->start, t->end,
					    t->byte_start, t->byte_end);
			add_item(got, item.buf, item.len);
			strbuf_release(&item);
		}
		text_tokens_clear(&tokens);
	} else if (strcmp(what, "sentences") == 0) {
		struct text_spans spans = { 0 };

		if (text_sentences(input, lang, &spans, &err) < 0) {
			text_spans_clear(&spans);
			goto error;
		}
		for (size_t i = 0; i < spans.count; i++) {
			const struct text_span *s = &spans.items[i];
			struct strbuf item = { 0 };

			if (has_option(options, "paragraphs")) {
				snprintf(buf, sizeof buf, "%d:",
					 (int)s->paragraph);
				strbuf_addstr(&item, buf);
			}
			strbuf_add(&item, input + s->byte_start,
				   (size_t)(s->byte_end - s->byte_start));
			if (has_option(options, "offsets"))
				add_offsets(&item, s->start, s->end,
					    s->byte_start, s->byte_end);
			add_item(got, item.buf, item.len);
			strbuf_release(&item);
		}
		text_spans_clear(&spans);
	} else {
		strbuf_addstr(got, "?unknown case kind");
	}
	return;
error:
	strbuf_reset(got);
	strbuf_addstr(got, err.message[0] ? "!error" : "!error (no message)");
}

/* One line of text-cases.tsv: WHAT, LANG, OPTIONS, INPUT, EXPECTED. */
static void
one_case(char **fields, const char *file, long lineno, void *data)
{
	struct strbuf input = { 0 }, want = { 0 }, got = { 0 };

	(void)file;
	(void)data;
	unescape(fields[3], &input);
	unescape(fields[4], &want);
	run_case(fields[0], strcmp(fields[1], "-") ? fields[1] : NULL,
		 fields[2], input.buf ? input.buf : "", &got);
	is_str(got.buf ? got.buf : "", want.buf ? want.buf : "",
	       "line %ld: %s %s %.40s", lineno, fields[0], fields[1],
	       fields[3]);
	strbuf_release(&input);
	strbuf_release(&want);
	strbuf_release(&got);
}

/* Count the code points of s[0..n). */
static int32_t
count_points(const char *s, int32_t n)
{
	int32_t points = 0;

	for (int32_t i = 0; i < n; i++)
		points += ((unsigned char)s[i] & 0xC0) != 0x80;
	return points;
}

/*
 * Invariants over a text: tokens do not overlap and come in order, their
 * code point offsets agree with their bytes, and a word's key is the key
 * of its text.
 */
static void
check_invariants(const char *text, const char *lang, enum tokenize_mode mode)
{
	struct text_tokens tokens = { 0 };
	struct text_spans spans = { 0 };
	struct tmg_error err = { 0 };
	int32_t prev_end = 0, prev_byte = 0;
	int order = 1, points = 1, keys = 1;

	if (!ok(text_tokenize(text, lang, mode, 0, &tokens, &err) == 0,
		"tokenize %s text (%s)", lang, mode ? "terms" : "match"))
		diag("%s", err.message);
	for (size_t i = 0; i < tokens.count; i++) {
		const struct text_token *t = &tokens.items[i];
		char *piece, *key;

		order &= t->start >= prev_end && t->end > t->start &&
			 t->byte_start >= prev_byte;
		points &= count_points(text, t->byte_start) == t->start &&
			  count_points(text + t->byte_start,
				       t->byte_end - t->byte_start) ==
			  t->end - t->start;
		prev_end = t->end;
		prev_byte = t->byte_end;
		if (t->kind == TOKEN_NUMBER)
			continue;
		piece = xstrndup(text + t->byte_start,
				 (size_t)(t->byte_end - t->byte_start));
		key = text_key(piece, 0, &err);
		if (key == NULL || strcmp(key, t->key) != 0) {
			if (keys)
				diag("token '%s': key '%s', text_key '%s'",
				     piece, t->key, key ? key : "(null)");
			keys = 0;
		}
		free(key);
		free(piece);
	}
	ok(tokens.count > 0 && order, "%s tokens in order, not overlapping",
	   lang);
	ok(points, "%s token code point offsets agree with bytes", lang);
	ok(keys, "%s token keys are the keys of their text", lang);
	text_tokens_clear(&tokens);

	ok(text_sentences(text, lang, &spans, &err) == 0 && spans.count > 0,
	   "%s sentences", lang);
	order = points = 1;
	prev_byte = 0;
	for (size_t i = 0; i < spans.count; i++) {
		const struct text_span *s = &spans.items[i];
		order &= s->byte_start >= prev_byte &&
			 s->byte_end > s->byte_start;
		points &= count_points(text, s->byte_start) == s->start &&
			  count_points(text, s->byte_end) == s->end;
		prev_byte = s->byte_end;
	}
	ok(order && points, "%s sentence offsets in order and consistent",
	   lang);
	text_spans_clear(&spans);
}

static void
test_errors(void)
{
	struct tmg_error err = { 0 };
	struct text_tokens tokens = { 0 };

	is_int(text_invalid_utf8("abc", 3), -1, "valid ASCII");
	is_int(text_invalid_utf8("a\xC3\xA9", 3), -1, "valid é");
	is_int(text_invalid_utf8("ab\xC3", 3), 2, "truncated sequence");
	is_int(text_invalid_utf8("a\xC0\xAF", 3), 1, "overlong form");
	is_int(text_invalid_utf8("\xED\xA0\x80", 3), 0, "UTF-16 surrogate");
	is_int(text_invalid_utf8("a\0b", 3), 1, "NUL byte");
	ok(text_key("caf\xC3", 0, &err) == NULL &&
	   strstr(err.message, "3") != NULL,
	   "text_key names the byte of invalid UTF-8: %s", err.message);
	memset(&err, 0, sizeof err);
	ok(text_tokenize("ok \xFF", "fr", TOKENS_MATCH, 0, &tokens, &err) < 0
	   && tokens.count == 0 && err.message[0],
	   "text_tokenize fails cleanly on invalid UTF-8");
	/* reuse after an error, and after the caches are freed */
	ok(text_tokenize("l'IA", "fr", TOKENS_MATCH, 0, &tokens, &err) == 0 &&
	   tokens.count == 2, "tokenize again after an error");
	text_cleanup();
	ok(text_tokenize("北京", "zh", TOKENS_WORDS, 0, &tokens, &err) == 0 &&
	   tokens.count == 1, "tokenize again after text_cleanup");
	text_tokens_clear(&tokens);
}

/* Many languages in turn: the iterator cache evicts and stays right. */
static void
test_many_languages(void)
{
	static const char *const langs[] = {
		"fr", "zh", "en", "de", "es", "it", "ja", "ko", "ru", "pt",
		"fr",
	};
	struct text_tokens tokens = { 0 };
	struct tmg_error err = { 0 };
	int good = 1;

	for (size_t i = 0; i < sizeof langs / sizeof *langs; i++) {
		good &= text_tokenize("l'été 2024", langs[i], TOKENS_MATCH, 0,
				      &tokens, &err) == 0;
		good &= tokens.count ==
			(strcmp(langs[i], "fr") == 0 ? 3u : 2u);
	}
	ok(good, "word iterators for eleven languages in turn");
	text_tokens_clear(&tokens);
}

/* ----------------------------------------- word breaks with and without ICU */

/* The tokens as text: kind, offsets and key of each. */
static void
tokens_text(const struct text_tokens *t, struct strbuf *sb)
{
	strbuf_reset(sb);
	for (size_t i = 0; i < t->count; i++) {
		const struct text_token *k = &t->items[i];
		char head[96];

		snprintf(head, sizeof head, "%d %d-%d %d-%d ", (int)k->kind,
			 (int)k->start, (int)k->end, (int)k->byte_start,
			 (int)k->byte_end);
		strbuf_addstr(sb, head);
		strbuf_addstr(sb, k->key ? k->key : "");
		strbuf_addch(sb, '\n');
	}
}

static long fast_compared, fast_differ;

/* Tokenise `text` both ways; a difference is counted and the first ones
 * shown. */
static void
both_ways(const char *text, const char *lang, enum tokenize_mode mode)
{
	static struct strbuf fast, icu;
	struct text_tokens tokens = { 0 };
	struct tmg_error err = { 0 };
	int a, b;

	text_tokens_icu_only(0);
	a = text_tokenize(text, lang, mode, 0, &tokens, &err);
	tokens_text(&tokens, &fast);
	text_tokens_icu_only(1);
	b = text_tokenize(text, lang, mode, 0, &tokens, &err);
	tokens_text(&tokens, &icu);
	text_tokens_clear(&tokens);
	fast_compared++;
	if (a != b || strcmp(fast.buf ? fast.buf : "",
			     icu.buf ? icu.buf : "") != 0) {
		if (fast_differ++ < 5)
			diag("%s (%s, mode %d): without ICU\n%s\nwith ICU\n%s",
			     text, lang, (int)mode, fast.buf ? fast.buf : "",
			     icu.buf ? icu.buf : "");
	}
}

/* `pattern` with every 'X' replaced by code point c. */
static void
with_code_point(char *out, const char *pattern, unsigned c)
{
	size_t n = 0;

	for (const char *p = pattern; *p; p++) {
		if (*p == 'X')
			n += utf8_encode(out + n, c);
		else
			out[n++] = *p;
	}
	out[n] = '\0';
}

/*
 * The words cut without ICU (tokens.c's fast_words()) are those ICU cuts:
 * every code point the fast way knows (and some it leaves to ICU) in
 * contexts that exercise the word break rules, then random strings of the
 * characters that matter, in French, English and Chinese, both modes.
 */
static void
test_word_breaks_without_icu(void)
{
	static const char *const patterns[] = {
		"X", "aXb", "1X2", "\xc3\xa9X", "X3", "ab X cd", "XX", "lX\xc3\xa9",
		"9X\xc3\xa9", "aX1", "X'X", "X.X", "X,1", "l'X", "a XX b",
	};
	static const char *const langs[] = { "fr", "en", "zh" };
	static const unsigned alphabet[] = {
		'a', 'e', 'l', 'q', 'u', 'Z', 'L', 0xE9, 0xC0, 0xE7, 0x153,
		0x1C0, 0x24F, '0', '1', '7', ' ', ' ', ' ', '\'', '.', ',',
		';', ':', '_', '"', '-', '!', '(', '?', 0x2019, 0x2018, 0xAB,
		0xBB, 0xA0, 0x202F, 0x2026, 0x2014, 0xD7, '\t', 0x250, 0x4E2D,
		0x6587, 0x3002, 0xFF0C, '%', '/', 0x2013, 0x201C, 0x201D,
		'@',
	};
	static const unsigned beyond[] = {
		0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x202F,
	};
	char text[256];
	unsigned seed = 20261207;

	for (unsigned k = 0; k < 0x24F - 0x20 + 1 + 8; k++) {
		unsigned c = k <= 0x24F - 0x20 ? 0x20 + k
					      : beyond[k - (0x24F - 0x20 + 1)];

		if (c >= 0x7F && c < 0xA0)
			continue;
		for (size_t p = 0; p < sizeof patterns / sizeof *patterns; p++)
			for (size_t l = 0; l < 3; l++) {
				with_code_point(text, patterns[p], c);
				both_ways(text, langs[l], TOKENS_MATCH);
			}
	}
	for (int i = 0; i < 20000; i++) {
		size_t n = 0, len;

		seed = seed * 1103515245u + 12345u;
		len = 1 + (seed >> 16) % 30;
		for (size_t k = 0; k < len; k++) {
			seed = seed * 1103515245u + 12345u;
			n += utf8_encode(text + n, alphabet[(seed >> 16) %
				(sizeof alphabet / sizeof *alphabet)]);
		}
		text[n] = '\0';
		both_ways(text, langs[i % 3], i % 2 ? TOKENS_WORDS
						  : TOKENS_MATCH);
	}
	text_tokens_icu_only(0);
	is_int(fast_differ, 0, "words cut without ICU are ICU's: %ld texts "
	       "compared", fast_compared);
}

int
main(int argc, char **argv)
{
	const char *cases = argc > 1 ? argv[1] : "tests/data/text-cases.tsv";
	long n;
	static const char french[] =
		"En 2024, la ville a ajouté 8 620 P de puissance de calcul, "
		"atteignant une capacité totale dépassant 33 000 P. Par "
		"ailleurs, elle a publié le corpus linguistique chinois CCI "
		"4.0.\n\nÀ l'avenir, Beijing accélérera sa construction.";
	static const char chinese[] =
		"2024年，北京新增算力8620P，总算力超过33000P。此外，北京还发"
		"布了中文语料库CCI 4.0，并建成全国首个数据基础设施试点区。";

	n = fixture_cases(cases, 5, one_case, NULL);
	ok(n > 0, "%s: %ld cases", cases, n);
	test_errors();
	test_many_languages();
	check_invariants(french, "fr", TOKENS_MATCH);
	check_invariants(chinese, "zh", TOKENS_MATCH);
	check_invariants(chinese, "zh", TOKENS_WORDS);
	both_ways(french, "fr", TOKENS_MATCH);
	both_ways(french, "fr", TOKENS_WORDS);
	both_ways(chinese, "zh", TOKENS_MATCH);
	test_word_breaks_without_icu();
	text_cleanup();
	return done_testing();
}
