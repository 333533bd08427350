/*
 * transfer-test.c -- a memory match made a segment's (search/transfer.c):
 * numbers carried over from French to Chinese (Simplified and
 * Traditional, digits and Chinese numerals, decimal comma, percent,
 * grouping), sources that differ in more than numbers, targets without
 * the number; the segment's inline codes in the same order, reordered,
 * without a place (appended), in pairs, a segment with codes and a match
 * without, a match with codes and a segment without; bad UTF-8 and
 * markup.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "search/search.h"
#include "tap.h"

/* The segment's codes, as the XLIFF reader writes them. */
#define G1 "<bpt i=\"1\" x=\"1\" type=\"x-xliff-g\">&lt;g id=\"1\"&gt;</bpt>"
#define G1E "<ept i=\"1\">&lt;/g&gt;</ept>"
#define X2 "<ph x=\"2\" type=\"x-xliff-x\">&lt;x id=\"2\"/&gt;</ph>"
/* The memory's codes, as another tool wrote them. */
#define B "<bpt i=\"1\">&lt;b&gt;</bpt>"
#define BE "<ept i=\"1\">&lt;/b&gt;</ept>"
#define BR "<ph>&lt;br/&gt;</ph>"

struct transfer_case {
	const char *seg, *seg_markup, *src;
	const char *msrc, *msrc_markup, *mtgt, *mtgt_markup, *tgt;
	const char *want_text, *want_markup;
	int numbers_only, appended;
	const char *why;
};

static const struct transfer_case cases[] = {
	{ "Beijing abrite 25 laboratoires", NULL, "fr",
	  "Beijing abrite 21 laboratoires", NULL,
	  "北京拥有21个实验室", NULL, "zh-CN",
	  "北京拥有25个实验室", NULL, 1, 0,
	  "numbers only: 21 becomes 25" },
	{ "Le taux est de 3,5 %.", NULL, "fr",
	  "Le taux est de 2,5 %.", NULL, "比率为2.5%。", NULL, "zh",
	  "比率为3.5%。", NULL, 1, 0,
	  "a French decimal comma becomes a Chinese point, % kept" },
	{ "1 000 000 habitants et 3 villes", NULL, "fr",
	  "2 000 000 habitants et 3 villes", NULL,
	  "2,000,000名居民和三个城市", NULL, "zh",
	  "1,000,000名居民和三个城市", NULL, 1, 0,
	  "grouping as the target groups; an unchanged number untouched" },
	{ "21 villes", NULL, "fr", "25 villes", NULL,
	  "二十五个城市", NULL, "zh",
	  "二十一个城市", NULL, 1, 0, "Chinese numerals stay numerals" },
	{ "de 5 à 3 km", NULL, "fr", "de 3 à 5 km", NULL,
	  "从3公里到5公里", NULL, "zh",
	  "从5公里到3公里", NULL, 1, 0, "numbers swapped, found by value" },
	{ "Beijing abrite 25 laboratoires", NULL, "fr",
	  "Beijing abrite 21 laboratoires", NULL,
	  "北京擁有21個實驗室", NULL, "zh-TW",
	  "北京擁有25個實驗室", NULL, 1, 0, "a Traditional Chinese target" },
	{ "Il y a 20 000 villes", NULL, "fr", "Il y a 30 000 villes", NULL,
	  "有三萬個城市", NULL, "zh-Hant",
	  "有二萬個城市", NULL, 1, 0, "Traditional numerals written back" },
	{ "25 laboratoires", NULL, "fr", "21 laboratoires", NULL,
	  "二十多个实验室", NULL, "zh",
	  "二十多个实验室", NULL, 0, 0,
	  "the changed number is not in the target: left as it is" },
	{ "Beijing abrite 25 grands laboratoires", NULL, "fr",
	  "Beijing abrite 21 laboratoires", NULL,
	  "北京拥有21个实验室", NULL, "zh",
	  "北京拥有21个实验室", NULL, 0, 0,
	  "the sources differ in a word too: nothing carried over" },
	{ "Bonjour", NULL, "fr", "Bonjour", NULL, "你好", NULL, "zh",
	  "你好", NULL, 0, 0, "no numbers" },
	{ "Cliquez ici pour continuer",
	  "Cliquez " G1 "ici" G1E " pour continuer" X2, "fr",
	  "Cliquez ici pour continuer",
	  "Cliquez " B "ici" BE " pour continuer" BR,
	  "单击此处继续", "单击" B "此处" BE "继续" BR, "zh",
	  "单击此处继续", "单击" G1 "此处" G1E "继续" X2, 0, 0,
	  "codes in the same order: the segment's own in the target's places" },
	{ "Cliquez ici pour continuer",
	  "Cliquez " G1 "ici" G1E " pour continuer" X2, "fr",
	  "Cliquez ici pour continuer",
	  "Cliquez " B "ici" BE " pour continuer" BR,
	  "继续前单击此处", BR "继续前单击" B "此处" BE, "zh",
	  "继续前单击此处", X2 "继续前单击" G1 "此处" G1E, 0, 0,
	  "codes reordered in the target" },
	{ "Cliquez ici pour continuer",
	  "Cliquez " G1 "ici" G1E " pour" X2 " continuer", "fr",
	  "Cliquez ici pour continuer",
	  "Cliquez " B "ici" BE " pour continuer",
	  "单击此处继续", "单击" B "此处" BE "继续", "zh",
	  "单击此处继续", "单击" G1 "此处" G1E "继续" X2, 0, 1,
	  "a code the match does not have is appended" },
	{ "Cliquez ici pour continuer",
	  "Cliquez " G1 "ici" G1E X2 " pour continuer", "fr",
	  "Cliquez ici pour continuer",
	  "Cliquez " B "ici" BE " pour continuer",
	  "单击此处继续", "单击" B "此处" BE "继续", "zh",
	  "单击此处继续", "单击" G1 "此处" G1E X2 "继续", 0, 0,
	  "a code right after a placed one goes beside it" },
	{ "Cliquez ici", "Cliquez " G1 "ici" G1E, "fr",
	  "Cliquez ici", "Cliquez " B "ici" BE BR,
	  "单击此处", "单击" B "此处" BE BR, "zh",
	  "单击此处", "单击" G1 "此处" G1E, 0, 0,
	  "a code of the match the segment does not have is dropped" },
	{ "Texte ici fin", G1 "Texte" G1E " ici" X2 " fin", "fr",
	  "Texte ici fin", NULL, "文本此处结束", NULL, "zh",
	  "文本此处结束", "文本此处结束" G1 G1E X2, 0, 2,
	  "a segment with codes, a match without: a pair appended whole" },
	{ "Texte", G1 "Texte" G1E, "fr", "Texte", NULL, "文本", NULL, "zh",
	  "文本", G1 "文本" G1E, 0, 0,
	  "a pair around the whole segment wraps the whole target" },
	{ "Cliquez ici", NULL, "fr", "Cliquez ici", "Cliquez " B "ici" BE,
	  "单击此处", "单击" B "此处" BE, "zh", "单击此处", NULL, 0, 0,
	  "a segment without codes: the match's codes left out" },
	{ "Il reste 25 fichiers", "Il reste " G1 "25" G1E " fichiers", "fr",
	  "Il reste 21 fichiers", "Il reste " B "21" BE " fichiers",
	  "还剩21个文件", "还剩" B "21" BE "个文件", "zh",
	  "还剩25个文件", "还剩" G1 "25" G1E "个文件", 1, 0,
	  "a number inside codes: both carried over" },
	{ "Beijing abrite 25 laboratoires",
	  "<hi x=\"m1\" type=\"x-xliff-mrk-term\">Beijing</hi> abrite 25 "
	  "laboratoires", "fr",
	  "Beijing abrite 21 laboratoires", NULL,
	  "北京拥有21个实验室", NULL, "zh",
	  "北京拥有25个实验室",
	  "北京拥有25个实验室<hi x=\"m1\" type=\"x-xliff-mrk-term\"></hi>",
	  1, 1, "a marked term without a place: appended, its text not" },
	{ "A & B", "A &amp; B" X2, "fr", "A & B", NULL, "A & B", NULL, "zh",
	  "A & B", "A &amp; B" X2, 0, 0,
	  "text escaped in the markup; a code at the end stays at the end" },
	{ "a b", "<it pos=\"end\">E</it>a b<it pos=\"begin\">S</it>", "fr",
	  "a b", "<it pos=\"end\">e</it>a<it pos=\"begin\">s</it> b",
	  "b a", "b<it pos=\"begin\">s</it> a<it pos=\"end\">e</it>", "zh",
	  "b a", "b<it pos=\"begin\">S</it> a<it pos=\"end\">E</it>", 0, 0,
	  "isolated codes aligned with their own pos" },
	{ "x", G1 G1E "x", "fr", "x", B BE "x", "x", B "x" BE, "zh",
	  "x", G1 "x" G1E, 0, 0, "an empty pair put where the target's pair is" },
};

int
main(void)
{
	struct tmg_error err = { 0 };
	struct transfer_result r;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct transfer_case *t = &cases[i];

		if (transfer_match(t->seg, t->seg_markup, t->src, t->msrc,
				   t->msrc_markup, t->mtgt, t->mtgt_markup,
				   t->tgt, &r, &err) < 0) {
			ok(0, "%s: %s", t->why, err.message);
			continue;
		}
		is_str(r.target_text, t->want_text, "text: %s", t->why);
		if (t->want_markup)
			is_str(r.target_markup, t->want_markup, "markup: %s",
			       t->why);
		else
			ok(r.target_markup == NULL, "no markup: %s", t->why);
		is_int(r.numbers_only, t->numbers_only, "numbers_only: %s",
		       t->why);
		is_int(r.codes_appended, t->appended, "codes_appended: %s",
		       t->why);
		transfer_result_clear(&r);
	}

	ok(transfer_match("a\xff", NULL, "fr", "a", NULL, "a", NULL, "zh", &r,
			  &err) < 0 && strstr(err.message, "UTF-8") &&
	   r.target_text == NULL,
	   "bad UTF-8 in the segment is an error");
	ok(transfer_match("a", NULL, "fr", "a", NULL, "\xe5\x8c", NULL, "zh",
			  &r, &err) < 0,
	   "bad UTF-8 in the match's target is an error");
	ok(transfer_match("a", "a<bpt i=\"1\">x", "fr", "a", NULL, "a", NULL,
			  "zh", &r, &err) < 0 && err.message[0],
	   "markup not well formed is an error");
	transfer_result_clear(&r);
	return done_testing();
}
