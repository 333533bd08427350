/*
 * suggest-test.c -- term suggestion: n-gram boundaries (French stop words,
 * Chinese n-grams) and the association ranking on a small memory made
 * here, where a part of the right translation and a frequent word compete
 * with it.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "tap.h"
#include "index/fuzzy-index.h"
#include "search/search-internal.h"
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
	ok(term_ngrams_is_stop_word("fr", "de") &&
	   term_ngrams_is_stop_word("fr-CA", "l'"),
	   "de and l' are French stop words");
	ok(!term_ngrams_is_stop_word("fr", "fichier"), "fichier is not");
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

/* A scratch memory of sentence pairs and a suggester on it. */
struct scratch {
	char path[4096];
	struct tmg_memory *memory;
	struct suggester *suggester;
};

static void
scratch_close(struct scratch *sc)
{
	suggester_close(sc->suggester);
	memory_close(sc->memory);
	fixture_unlink_memory(sc->path);
}

/* Make the memory NAME of units[0..n) and open a suggester on it (a check
 * each); 0, or -1 with sc closed. */
static int
scratch_open(struct scratch *sc, const char *name, fixture_pair *units,
	     size_t n)
{
	struct tmg_error err = { 0 };

	fixture_scratch_path(sc->path, sizeof sc->path, name);
	sc->suggester = NULL;
	sc->memory = fixture_memory(sc->path, units, n);
	if (!ok(sc->memory != NULL, "%s: a scratch memory of %zu pairs", name,
		n))
		return -1;
	sc->suggester = suggester_open(sc->memory, &err);
	if (!ok(sc->suggester != NULL, "open a suggester")) {
		diag("%s", err.message);
		scratch_close(sc);
		return -1;
	}
	return 0;
}

static const char *
first(const struct suggestions *list)
{
	return list->count ? list->items[0].translation : "nothing";
}

/* Suggest translations of `term` into `list` (a check). */
static void
suggest(struct scratch *sc, const char *term, struct suggestions *list)
{
	static const struct suggest_options o = { .max = 5,
						   .max_examples = 1 };
	struct tmg_error err = { 0 };

	if (!ok(suggest_translations(sc->suggester, term, &o, list, &err) == 0,
		"suggest %s", term))
		diag("%s", err.message);
}

/* suggest(), then check that the first translation is `want`. */
static void
expect_first(struct scratch *sc, const char *term, struct suggestions *list,
	     const char *want, const char *name)
{
	suggest(sc, term, list);
	is_str(first(list), want, "%s", name);
}

static void
test_ranking(void)
{
	struct suggestions list = { 0 };
	struct scratch sc;

	if (scratch_open(&sc, "suggest-ranking", pairs,
			 sizeof pairs / sizeof *pairs) < 0)
		return;
	expect_first(&sc, "dossier", &list, "文件夹",
		     "dossier -> 文件夹 first, not its part 文件");
	is_int(list.term_units, 4, "dossier is in 4 units (dossiers too)");
	ok(list.count > 0 && list.items[0].units == 4, "supported by 4 units");
	ok(list.count > 0 && list.items[0].nexamples == 1, "one example");
	expect_first(&sc, "fichier", &list, "文件", "fichier -> 文件");
	expect_first(&sc, "文件夹", &list, "dossier",
		     "文件夹 -> dossier, the singular (zh -> fr)");
	expect_first(&sc, "窗口", &list, "fenêtre", "窗口 -> fenêtre");
	suggestions_clear(&list);
	scratch_close(&sc);
}

/*
 * A memory where inflection, derivation, Chinese word boundaries and two
 * phrases sharing a word compete: "utilisateur" is 用户 and "utiliser"
 * 使用 (one Snowball stem, two words); 键盘 is "clavier", and 键 is in
 * more of the units of "clavier" than 键盘, but inside 快捷键 ("raccourcis
 * clavier"); 更新 is "mise à jour" or "mettre à jour", never
 * "jour" alone, which the memory also has as 日 and 天.
 */
static const char *const pairs2[][2] = {
	{ "Nom d'utilisateur", "用户名" },
	{ "L'utilisateur existe déjà", "用户已存在" },
	{ "Supprimer les utilisateurs", "删除用户" },
	{ "Utilisatrices et utilisateurs", "用户" },
	{ "Utiliser le clavier", "使用键盘" },
	{ "Utiliser la souris", "使用鼠标" },
	{ "Utilisation du disque", "磁盘使用" },
	{ "Disposition du clavier", "键盘布局" },
	{ "Clavier virtuel", "虚拟键盘" },
	{ "Claviers connectés", "已连接的键盘" },
	{ "Clavier", "键盘" },
	{ "Clavier : touche Maj", "键盘：Shift 键" },
	{ "Raccourcis clavier", "快捷键" },
	{ "Raccourcis clavier globaux", "全局快捷键" },
	{ "Raccourcis clavier de la fenêtre", "窗口快捷键" },
	{ "Modifier les raccourcis clavier", "编辑快捷键" },
	{ "Touche Entrée", "回车键" },
	{ "Mise à jour disponible", "有可用更新" },
	{ "Mise à jour terminée", "更新完成" },
	{ "Échec de la mise à jour", "更新失败" },
	{ "Mises à jour de sécurité", "安全更新" },
	{ "Mise à jour du système", "系统更新" },
	{ "Mise à jour automatique", "自动更新" },
	{ "Mettre à jour la liste", "更新列表" },
	{ "Mettre à jour maintenant", "立即更新" },
	{ "Mettre à jour les paquets", "更新软件包" },
	{ "Mettre à jour le cache", "更新缓存" },
	{ "Mettre à jour tout", "全部更新" },
	{ "Impossible de mettre à jour", "无法更新" },
	{ "Jour de la semaine", "星期几" },
	{ "Un jour", "一天" },
	{ "Par jour", "每天" },
	{ "Jour", "日" },
	{ "Jours ouvrés", "工作日" },
	{ "Date du jour", "今天的日期" },
	{ "Ouvrir le fichier", "打开文件" },
	{ "Fermer la fenêtre", "关闭窗口" },
	{ "Enregistrer le document", "保存文档" },
	{ "Imprimer la page", "打印页面" },
	{ "Quitter", "退出" },
	{ "Annuler", "取消" },
};

static void
test_words_and_parts(void)
{
	struct suggestions list = { 0 };
	struct scratch sc;

	if (scratch_open(&sc, "suggest-words", pairs2,
			 sizeof pairs2 / sizeof *pairs2) < 0)
		return;
	expect_first(&sc, "utilisateur", &list, "用户",
		     "utilisateur -> 用户, not 使用");
	is_int(list.term_units, 4,
	       "utilisateur: its plural and feminine count, utiliser not");
	expect_first(&sc, "clavier", &list, "键盘",
		     "clavier -> 键盘: 键 inside another word does not count");

	suggest(&sc, "更新", &list);
	ok(strcmp(first(&list), "mise à jour") == 0 ||
	   strcmp(first(&list), "mettre à jour") == 0,
	   "更新 -> a whole phrase, not its shared part jour (%s)",
	   first(&list));
	for (size_t i = 0; i < list.count; i++)
		if (strcmp(list.items[i].translation, "jour") == 0)
			ok(i >= 2, "jour comes after both phrases (%zu)", i);
	suggestions_clear(&list);
	scratch_close(&sc);
}

static void
test_glossary_form(void)
{
	struct form_count typo[] = {
		{ "processus", 376 }, { "processu", 1 },
	};
	struct form_count both[] = {
		{ "fichiers", 50 }, { "Fichier", 3 }, { "fichier", 20 },
	};
	char *form;

	form = suggest_glossary_form(typo, 2);
	is_str(form, "processus", "a one-off typo does not stand for its "
	       "\"plural\"");
	free(form);
	form = suggest_glossary_form(both, 3);
	is_str(form, "fichier", "the singular, lower case, when both occur");
	free(form);
}

/*
 * A posting run that ends inside a varint is damaged: both indexes' readers
 * report it, with the memory file, and give no id made of half a number.
 * Ids 5 and 305 are the bytes 05 ac 02; the damaged run stops after ac.
 */
static void
test_damaged_postings(void)
{
	char path[4096];
	struct tmg_error err = { 0 };
	struct tmg_memory *m;
	struct suggest_reader *r = NULL;
	struct suggest_id_list units = { 0 };
	struct posting_run run = { .key = 77, .seg = 5, .n = 2 };
	struct posting_runs runs = { .items = &run, .count = 1, .alloc = 1 };
	struct posting_runs packed = { 0 };
	sqlite3_stmt *st = NULL;
	int64_t *ids = NULL, key = 4242;
	size_t alloc = 0, n = 0;
	long count = 0;
	long long damaged = -1;

	fixture_scratch_path(path, sizeof path, "suggest-test-damaged");
	m = fixture_memory(path, pairs, 2);
	if (!ok(m != NULL, "a memory to damage"))
		return;
	if (!ok(store_exec(memory_db(m),
			   "INSERT INTO fuzzy_postings (key, seg, n, ids)"
			   " VALUES (77, 5, 2, x'05ac02'), (78, 5, 2, x'05ac'),"
			   " (65536, -5, 3, x'000105020203ac02'),"
			   " (131072, -5, 4, x'0004050100');"
			   "INSERT INTO suggest_postings (key, seg, ids)"
			   " VALUES (4242, 5, x'05ac02'), (4243, 5, x'05ac'),"
			   " (4241, 2, x'0203'),"
			   /* packed rows of the first range of keys (the
			    * last key of a range is 2^49 - 1): 4244 gives
			    * 7, 9 and 4250 gives 11; in a later update
			    * 4241 gives 400 */
			   " (562949953421311, -7, x'942102070206010b'),"
			   " (562949953421311, -400, x'912102900313010d'),"
			   /* and of the second: its first key, 2^49 + 5,
			    * claims 5 bytes where 1 is left */
			   " (1125899906842623, -1, x'050501')",
			   &err) == 0, "runs whole, cut short and packed stored"))
		diag("%s", err.message);

	ok(store_prepare(memory_db(m), FUZZY_INDEX_RUN_IDS_SQL, &st,
			 &err) == 0, "the fuzzy index's run statement");
	ok(fuzzy_index_run_ids(st, &runs, 0, &ids, &alloc, &n, &err) == 0 &&
	   n == 2 && ids[0] == 5 && ids[1] == 305,
	   "fuzzy index: a whole run gives its ids");
	sqlite3_finalize(st);
	ok(store_prepare(memory_db(m), FUZZY_INDEX_RUNS_SQL, &st,
			 &err) == 0, "the fuzzy index's runs statement");
	ok(fuzzy_index_runs(st, 65536, 0, 10, 0, &packed, &err) == 0 &&
	   packed.count == 2 && packed.items[0].length == 0 &&
	   packed.items[0].n == 1 && packed.items[1].length == 2 &&
	   packed.items[1].n == 2,
	   "fuzzy index: a packed row gives a run a section");
	ok(fuzzy_index_run_ids(st, &packed, 1, &ids, &alloc, &n, &err) == 0 &&
	   n == 2 && ids[0] == 3 && ids[1] == 303,
	   "and the section's ids");
	is_int(fuzzy_index_runs(st, 131072, 0, 10, 0, &packed, &err), -1,
	       "fuzzy index: a packed row that ends inside a section is an"
	       " error");
	ok(strstr(err.message, "damaged") != NULL,
	   "saying the index is damaged (%s)", err.message);
	fuzzy_index_runs_clear(&packed);
	sqlite3_finalize(st);
	ok(store_prepare(memory_db(m), FUZZY_INDEX_RUN_IDS_SQL, &st,
			 &err) == 0, "the fuzzy index's run statement again");
	memset(&err, 0, sizeof err);
	run.key = 78;
	is_int(fuzzy_index_run_ids(st, &runs, 0, &ids, &alloc, &n, &err), -1,
	       "fuzzy index: a run cut short is an error");
	ok(strstr(err.message, "damaged") != NULL &&
	   strstr(err.file, "suggest-test-") != NULL,
	   "saying the index of the memory file is damaged (%s: %s)",
	   err.file, err.message);
	is_int((long long)n, 1, "and no id made of the half number");

	memset(&err, 0, sizeof err);
	r = suggest_reader_open(m, &err);
	ok(r != NULL && suggest_reader_units(r, &key, 1, &units, &err) == 0 &&
	   units.count == 2 && units.ids[0] == 5 && units.ids[1] == 305,
	   "translation index: a whole run gives its ids");
	key = 4243;
	is_int(r ? suggest_reader_units(r, &key, 1, &units, &err) : 0, -1,
	       "translation index: a run cut short is an error");
	ok(strstr(err.message, "damaged") != NULL,
	   "saying the index is damaged (%s)", err.message);
	memset(&err, 0, sizeof err);
	key = 4244;
	ok(r && suggest_reader_units(r, &key, 1, &units, &err) == 0 &&
	   units.count == 2 && units.ids[0] == 7 && units.ids[1] == 9,
	   "translation index: a packed row's section gives its ids");
	key = 4250;
	ok(r && suggest_reader_units(r, &key, 1, &units, &err) == 0 &&
	   units.count == 1 && units.ids[0] == 11,
	   "and so does its next one");
	key = 4241;
	ok(r && suggest_reader_units(r, &key, 1, &units, &err) == 0 &&
	   units.count == 3 && units.ids[0] == 2 && units.ids[1] == 5 &&
	   units.ids[2] == 400,
	   "a key's row of its own and its section of a later update's"
	   " packed row make one list");
	key = 4245;
	ok(r && suggest_reader_units(r, &key, 1, &units, &err) == 0 &&
	   units.count == 0, "a key the packed rows lack has no unit");
	key = 4244;
	ok(r && suggest_reader_count(r, &key, 1, NULL, &count, &err) == 0 &&
	   count == 2, "a packed section's ids counted undecoded");
	key = INT64_C(562949953421317);
	is_int(r ? suggest_reader_units(r, &key, 1, &units, &err) : 0, -1,
	       "translation index: a packed section cut short is an error");
	ok(strstr(err.message, "damaged") != NULL,
	   "saying the index is damaged (%s)", err.message);
	memset(&err, 0, sizeof err);
	is_int(r ? suggest_reader_count(r, &key, 1, NULL, &count, &err) : 0,
	       -1, "even when only counted");

	ok(fuzzy_index_damaged_rows(memory_db(m), &damaged, &err) == 0 &&
	   damaged == 2, "stats --verify: the fuzzy index's two cut rows"
	   " counted (%lld)", damaged);
	ok(suggest_index_damaged_rows(memory_db(m), &damaged, &err) == 0 &&
	   damaged == 2, "and the translation index's (%lld)", damaged);

	sqlite3_finalize(st);
	free(ids);
	suggest_id_list_clear(&units);
	suggest_reader_close(r);
	memory_close(m);
	fixture_unlink_memory(path);
}

int
main(void)
{
	test_french_boundaries();
	test_chinese_ngrams();
	test_ranking();
	test_words_and_parts();
	test_glossary_form();
	test_damaged_postings();
	return done_testing();
}
