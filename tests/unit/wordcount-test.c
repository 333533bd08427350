/*
 * wordcount-test.c -- words and characters as translators are paid
 * (text/wordcount.c): French by word boundaries with its elisions,
 * hyphens, slashes and numbers (3,5; 1 000 with a space, a no-break space or a
 * narrow one), Chinese and Japanese one word a character, mixed text,
 * placeholders, characters with and without spaces, empty text, bad
 * UTF-8.
 */
#include <config.h>

#include <string.h>

#include "base/error.h"
#include "text/text.h"
#include "tap.h"

struct wordcount_case {
	const char *text;
	const char *lang;
	long words, asian, chars, chars_nospace;
	const char *why;
};

static const struct wordcount_case cases[] = {
	{ "", "fr", 0, 0, 0, 0, "empty" },
	{ "   \t\n", "fr", 0, 0, 5, 0, "white space only" },
	{ "l'intelligence artificielle", "fr", 2, 0, 27, 26,
	  "an elision is one word with its word (as pocount)" },
	{ "l\xe2\x80\x99intelligence", "fr", 1, 0, 14, 14,
	  "so with the typographic apostrophe" },
	{ "Peut-\xc3\xaatre demain.", "fr", 2, 0, 17, 16,
	  "a hyphenated word is one word" },
	{ "sous-menu Afficher/Cacher - 3-4 3/4 &Fichier C&ontinuer", "fr",
	  6, 0, 55, 49,
	  "a slash, a hyphen, an ampersand join words and numbers; a dash "
	  "between spaces joins nothing" },
	{ "Il mesure 3,5 m\xc3\xa8tres.", "fr", 4, 0, 21, 18,
	  "a decimal number is one word" },
	{ "1 000 laboratoires", "fr", 2, 0, 18, 16,
	  "thousands grouped by a space: one number" },
	{ "10\xc2\xa0" "000\xe2\x80\xaf" "000 euros", "fr", 2, 0, 16, 13,
	  "thousands grouped by no-break spaces: one number" },
	{ "en 2023 100 laboratoires", "fr", 4, 0, 24, 21,
	  "four digits and three are two numbers" },
	{ "1 0000", "fr", 2, 0, 6, 5, "a group of four digits is not one" },
	{ "1 000,50 \xe2\x82\xac", "fr", 1, 0, 10, 8,
	  "grouped with decimals: one number; a symbol is no word" },
	{ "\xc3\xa9t\xc3\xa9", "fr", 1, 0, 3, 3, "precomposed accents" },
	{ "e\xcc\x81te\xcc\x81", "fr", 1, 0, 3, 3,
	  "combining accents are no characters of their own" },
	{ "\xe5\x8c\x97\xe4\xba\xac\xe6\x8b\xa5\xe6\x9c\x89\xe5\xae\x9e"
	  "\xe9\xaa\x8c\xe5\xae\xa4\xe3\x80\x82", "zh", 7, 7, 8, 8,
	  "Chinese: one word a character, punctuation none (北京拥有实验室。)" },
	{ "\xe5\x8c\x97\xe4\xba\xac\xe6\x8b\xa5\xe6\x9c\x89" "25"
	  "\xe4\xb8\xaa\xe5\xae\x9e\xe9\xaa\x8c\xe5\xae\xa4", "zh", 9, 8, 10, 10,
	  "Chinese with a number (北京拥有25个实验室)" },
	{ "\xe3\x83\x95\xe3\x82\xa1\xe3\x82\xa4\xe3\x83\xab\xe3\x82\x92"
	  "\xe9\x96\x8b\xe3\x81\x8f", "ja", 7, 7, 7, 7,
	  "Japanese: Kana and Han one word each (ファイルを開く)" },
	{ "Beijing \xe6\x9c\x89 25 \xe4\xb8\xaa\xe5\xae\x9e\xe9\xaa\x8c"
	  "\xe5\xae\xa4", NULL, 7, 5, 17, 14,
	  "mixed: Beijing 1, 有 1, 25 1, 个实验室 4" },
	{ "<a href=\"%url\">Envoyer</a> le <b>fichier</b><br/>x < y > z",
	  "fr", 6, 0, 27, 21,
	  "HTML tags in the text are no words nor characters; a lone < is "
	  "text" },
	{ "Fichier %s introuvable ({0} octets)", "fr", 5, 0, 35, 31,
	  "placeholders: %s one word (its letter), {0} one number" },
};

int
main(void)
{
	struct word_count c, sum = { 0 };
	struct tmg_error err = { 0 };

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct wordcount_case *t = &cases[i];

		if (wordcount_text(t->text, t->lang, &c, &err) < 0) {
			ok(0, "%s: %s", t->why, err.message);
			continue;
		}
		is_int(c.words, t->words, "%s: words", t->why);
		is_int(c.asian, t->asian, "%s: Han and Kana", t->why);
		is_int(c.chars, t->chars, "%s: characters", t->why);
		is_int(c.chars_nospace, t->chars_nospace,
		       "%s: characters without spaces", t->why);
	}

	wordcount_text("un deux", "fr", &c, &err);
	wordcount_add(&sum, &c);
	wordcount_text("\xe4\xb8\x89", "zh", &c, &err);
	wordcount_add(&sum, &c);
	ok(sum.words == 3 && sum.asian == 1 && sum.chars == 8 &&
	   sum.chars_nospace == 7, "wordcount_add adds every figure");

	ok(wordcount_text("caf\xc3", "fr", &c, &err) < 0 &&
	   err.message[0] != '\0', "bad UTF-8 is an error");
	text_cleanup();
	return done_testing();
}
