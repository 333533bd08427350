/*
 * suggest-test.c -- term suggestion: n-gram boundaries (French stop words,
 * Chinese n-grams) and the association ranking on a small memory made
 * here, where a part of the right translation and a frequent word compete
 * with it.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "tmgloss.h"

static int
has_ngram(const struct term_ngrams *g, const char *form)
{
	for (size_t i = 0; i < g->count; i++)
		if (strcmp(g->items[i].form, form) == 0)
			return 1;
	return 0;
}

static void
test_french_boundaries(void)
{
	struct term_ngrams g = { 0 };
	struct tmg_error err = { 0 };

	ok(term_ngrams("Ouvrez le mot de passe de l'utilisateur.", "fr", 0,
		       &g, &err) == 0, "French n-grams");
	ok(has_ngram(&g, "mot de passe"), "stop word inside: mot de passe");
	ok(!has_ngram(&g, "le mot de passe"), "no stop word at the start");
	ok(!has_ngram(&g, "mot de"), "no stop word at the end");
	ok(!has_ngram(&g, "l'utilisateur"), "no elided article at the start");
	ok(has_ngram(&g, "utilisateur"), "the word after an elision");
	ok(!has_ngram(&g, "utilisateur."), "punctuation is never inside");
	ok(term_is_stop_word("fr", "de") && term_is_stop_word("fr-CA", "l'"),
	   "de and l' are French stop words");
	ok(!term_is_stop_word("fr", "fichier"), "fichier is not");
	term_ngrams_clear(&g);

	ok(term_ngrams("arrière-plan (fichiers)", "fr", 0, &g, &err) == 0,
	   "hyphenated word");
	ok(has_ngram(&g, "arrière-plan"), "a glued hyphen joins two words");
	ok(!has_ngram(&g, "plan (fichiers"), "a parenthesis breaks a term");
	term_ngrams_clear(&g);
}

static void
test_chinese_ngrams(void)
{
	struct term_ngrams g = { 0 };
	struct tmg_error err = { 0 };
	size_t longest = 0;

	ok(term_ngrams("北京将前瞻布局具身智能的研究。", "zh-CN", 0, &g,
		       &err) == 0, "Chinese n-grams");
	ok(has_ngram(&g, "具身智能"), "具身智能 is a candidate");
	ok(has_ngram(&g, "智能"), "and its parts");
	ok(!has_ngram(&g, "智能的"), "的 alone does not end a term");
	ok(!has_ngram(&g, "研究。"), "punctuation is never inside");
	for (size_t i = 0; i < g.count; i++)
		if ((size_t)g.items[i].length > longest)
			longest = (size_t)g.items[i].length;
	ok(longest <= 8, "character n-grams are at most 8 long (%zu)",
	   longest);
	term_ngrams_clear(&g);
}

/* A memory where 文件夹 translates "dossier", 文件 "fichier". */
static const char *const pairs[][2] = {
	{ "Ouvrir le dossier", "打开文件夹" },
	{ "Le dossier est vide", "文件夹为空" },
	{ "Créer un dossier", "创建文件夹" },
	{ "Supprimer les dossiers", "删除文件夹" },
	{ "Ouvrir le fichier", "打开文件" },
	{ "Le fichier est vide", "文件为空" },
	{ "Enregistrer le fichier", "保存文件" },
	{ "Fichier introuvable", "找不到文件" },
	{ "Copier les fichiers", "复制文件" },
	{ "Nom du fichier", "文件名" },
	{ "Ouvrir la fenêtre", "打开窗口" },
	{ "Fermer la fenêtre", "关闭窗口" },
};

static void
test_ranking(void)
{
	char path[] = "/tmp/suggest-test-XXXXXX";
	struct tmg_error err = { 0 };
	struct memory_import import = { .origin = "test" };
	struct suggest_options o = { .max = 5, .max_examples = 1 };
	struct suggestions list = { 0 };
	struct tmg_memory *m;
	struct suggester *s;
	int fd = mkstemp(path);

	close(fd);
	unlink(path);
	m = memory_open(path, &err);
	ok(m != NULL, "open a scratch memory");
	if (m == NULL)
		return;
	ok(memory_import_begin(m, &import, &err) == 0, "begin import");
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		struct tmg_unit u;
		enum memory_add_result r;
		struct tmg_variant *v;

		unit_init(&u);
		snprintf(u.srclang, sizeof u.srclang, "fr-FR");
		v = unit_add_variant(&u);
		snprintf(v->lang, sizeof v->lang, "fr-FR");
		v->text = strdup(pairs[i][0]);
		v = unit_add_variant(&u);
		snprintf(v->lang, sizeof v->lang, "zh-CN");
		v->text = strdup(pairs[i][1]);
		memory_add_unit(m, &u, &r, &err);
		unit_clear(&u);
	}
	ok(memory_import_commit(m, &err) == 0, "commit");
	s = suggester_open(m, &err);
	ok(s != NULL, "open a suggester");

	ok(suggest_translations(s, "dossier", &o, &list, &err) == 0,
	   "suggest dossier");
	is_int(list.term_units, 4, "dossier is in 4 units (dossiers too)");
	ok(list.count > 0 && strcmp(list.items[0].translation, "文件夹") == 0,
	   "dossier -> 文件夹 first, not its part 文件 (%s)",
	   list.count ? list.items[0].translation : "nothing");
	ok(list.count > 0 && list.items[0].units == 4, "supported by 4 units");
	ok(list.count > 0 && list.items[0].nexamples == 1, "one example");

	ok(suggest_translations(s, "fichier", &o, &list, &err) == 0,
	   "suggest fichier");
	ok(list.count > 0 && strcmp(list.items[0].translation, "文件") == 0,
	   "fichier -> 文件 (%s)",
	   list.count ? list.items[0].translation : "nothing");

	ok(suggest_translations(s, "文件夹", &o, &list, &err) == 0,
	   "suggest 文件夹 (zh -> fr)");
	ok(list.count > 0 && strcmp(list.items[0].translation, "dossier") == 0,
	   "文件夹 -> dossier, the singular (%s)",
	   list.count ? list.items[0].translation : "nothing");

	ok(suggest_translations(s, "窗口", &o, &list, &err) == 0,
	   "suggest 窗口");
	ok(list.count > 0 && strcmp(list.items[0].translation, "fenêtre") == 0,
	   "窗口 -> fenêtre (%s)",
	   list.count ? list.items[0].translation : "nothing");

	suggestions_clear(&list);
	suggester_close(s);
	memory_close(m);
	unlink(path);
}

int
main(void)
{
	test_french_boundaries();
	test_chinese_ngrams();
	test_ranking();
	return done_testing();
}
