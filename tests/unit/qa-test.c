/*
 * qa-test.c -- the pair checks of `tmgloss check` (text/qa.c) on French and
 * Chinese segments, both ways, Simplified and Traditional: each case is a
 * source and a target with the checks to run, the names of the checks
 * that must report (in the order qa.c runs them, "" for none) and a piece
 * of one message when the wording matters.  Correct translations must
 * give nothing: a false alarm fails like a missed error.
 *
 * The texts are written in UTF-8 here for the reader's sake.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "base/xalloc.h"
#include "text/text.h"
#include "tap.h"

#define ALL ((1u << QA_NUMBER) | (1u << QA_PLACEHOLDER) | \
	     (1u << QA_UNTRANSLATED) | (1u << QA_WHITESPACE) | \
	     (1u << QA_PUNCTUATION) | (1u << QA_LENGTH))
#define ONLY(check) (1u << (check))
#define TYPO 1 /* french_typography */

struct qa_case {
	const char *src_lang, *tgt_lang;
	const char *src, *tgt;
	const char *src_markup, *tgt_markup;
	unsigned checks;
	int typography;
	const char *want;    /* check names reported, space-separated */
	const char *message; /* a piece of one message, or NULL */
};

static const struct qa_case cases[] = {
	/* ------------------------------------------ correct pairs: silence */
	{ "fr", "zh", "Le fichier « %s » est introuvable.",
	  "找不到文件“%s”。", NULL, NULL, ALL, 0, "", NULL },
	{ "zh", "fr", "找不到文件“%s”。",
	  "Le fichier « %s » est introuvable.", NULL, NULL, ALL, 0, "", NULL },
	{ "fr", "zh-TW", "Le fichier « %s » est introuvable.",
	  "找不到檔案「%s」。", NULL, NULL, ALL, 0, "", NULL },
	{ "fr", "zh", "%s : fichier ou dossier introuvable",
	  "%s：没有那个文件或目录", NULL, NULL, ALL, 0, "", NULL },
	{ "fr", "zh", "Voulez-vous vraiment quitter ?", "您确定要退出吗？",
	  NULL, NULL, ALL, 0, "", NULL },
	{ "fr", "zh", "Attention : %d éléments seront supprimés !",
	  "警告：将删除 %d 个项目！", NULL, NULL, ALL, 0, "", NULL },
	{ "fr", "zh", "Chargement...", "正在加载……", NULL, NULL, ALL, 0, "",
	  NULL },
	{ "fr", "zh", "(%d minutes restantes pour déverrouiller)",
	  "（%d 分钟后解锁）", NULL, NULL, ALL, 0, "", NULL },
	{ "fr", "zh", "", "", NULL, NULL, ALL, 0, "", NULL },

	/* ------------------------------------------------------ untranslated */
	{ "fr", "zh", "Ouvrir le fichier", "", NULL, NULL, ALL, 0,
	  "untranslated", "the target is empty" },
	{ "fr", "zh", "Ouvrir le fichier", " \t", NULL, NULL, ALL, 0,
	  "untranslated", "empty" },
	{ "zh", "fr", "打开文件", "", NULL, NULL, ALL, 0, "untranslated",
	  NULL },
	{ "fr", "zh", "Ouvrir le fichier", "Ouvrir le fichier", NULL, NULL,
	  ONLY(QA_UNTRANSLATED), 0, "untranslated", "untranslated" },
	{ "fr", "zh", "Défilement à l'écran", "Défilement à l'écran", NULL,
	  NULL, ONLY(QA_UNTRANSLATED), 0, "untranslated", NULL },
	{ "zh", "fr", "打开文件", "打开文件", NULL, NULL,
	  ONLY(QA_UNTRANSLATED), 0, "untranslated", NULL },
	{ "fr", "zh", "Impossible d'ouvrir le fichier de configuration : %s",
	  "Impossible d'ouvrir le fichier de configuration : %s", NULL, NULL,
	  ALL, TYPO, "untranslated", NULL },
	{ "zh-TW", "fr", "開啟檔案", " 開啟檔案 ", NULL, NULL,
	  ONLY(QA_UNTRANSLATED), 0, "untranslated", NULL },
	{ "fr", "zh", "%s", "%s", NULL, NULL, ONLY(QA_UNTRANSLATED), 0, "",
	  NULL },
	{ "fr", "zh", "GNOME PackageKit (KDE)", "GNOME PackageKit (KDE)", NULL,
	  NULL, ONLY(QA_UNTRANSLATED), 0, "", NULL },
	/* a capitalised word alone is taken for a name */
	{ "fr", "zh", "Fichier", "Fichier", NULL, NULL, ONLY(QA_UNTRANSLATED),
	  0, "", NULL },
	{ "fr", "zh", "_Enregistrer so_us", "_Enregistrer so_us", NULL, NULL,
	  ONLY(QA_UNTRANSLATED), 0, "untranslated", NULL },
	{ "fr", "zh", "AVERTISSEMENT", "AVERTISSEMENT", NULL, NULL,
	  ONLY(QA_UNTRANSLATED), 0, "untranslated", NULL },
	{ "fr", "zh", "app;logiciel;paquet", "app;logiciel;paquet", NULL, NULL,
	  ONLY(QA_UNTRANSLATED), 0, "untranslated", NULL },
	{ "fr", "zh", "vpinon@kde.org, [o/N]", "vpinon@kde.org, [o/N]", NULL,
	  NULL, ONLY(QA_UNTRANSLATED), 0, "", NULL },
	{ "fr", "zh", "Contr\xefle", "Contr\xefle", NULL, NULL,
	  ONLY(QA_UNTRANSLATED), 0, "untranslated", NULL },
	{ "fr", "zh", "LibreOffice 7.5", "LibreOffice 7.5", NULL, NULL,
	  ONLY(QA_UNTRANSLATED), 0, "", NULL },
	{ "fr", "zh", "Firefox 3.5", "Firefox 3.5", NULL, NULL,
	  ONLY(QA_UNTRANSLATED), 0, "", NULL },
	{ "fr", "zh", "GNU Emacs", "GNU Emacs", NULL, NULL,
	  ONLY(QA_UNTRANSLATED), 0, "", NULL },
	{ "fr", "zh", "Édition", "Édition", NULL, NULL,
	  ONLY(QA_UNTRANSLATED), 0, "untranslated", NULL },
	{ "fr", "zh", "http://www.gnu.org/licenses/", "http://www.gnu.org/licenses/",
	  NULL, NULL, ONLY(QA_UNTRANSLATED), 0, "", NULL },
	{ "fr", "zh", "foo_bar.c: %d", "foo_bar.c: %d", NULL, NULL,
	  ONLY(QA_UNTRANSLATED), 0, "", NULL },
	{ "fr", "zh", "", "文件", NULL, NULL, ONLY(QA_UNTRANSLATED), 0, "",
	  NULL },

	/* ------------------------------------------------------------ number */
	{ "fr", "zh", "3,5 %", "3.5%", NULL, NULL, ALL, 0, "", NULL },
	{ "zh", "fr", "3.5%", "3,5 %", NULL, NULL, ALL, 0, "", NULL },
	{ "fr", "zh", "1 000 fichiers", "1000 个文件", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "", NULL },
	{ "fr", "zh", "1\u00a0000\u00a0000 octets", "1,000,000 字节", NULL,
	  NULL, ONLY(QA_NUMBER), 0, "", NULL },
	{ "zh", "fr", "1,000 字节", "1\u202f000 octets", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "", NULL },
	{ "fr", "zh", "Il reste 25 fichiers.", "还剩 21 个文件。", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "number",
	  "number 25 in the source is missing from the target (found 21)" },
	{ "fr", "zh", "Il reste 25 fichiers.", "还剩文件。", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "number", "number 25 in the source" },
	{ "zh-TW", "fr", "還剩檔案。", "Il reste 25 fichiers.", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "number",
	  "number 25 in the target is not in the source" },
	{ "fr", "zh", "25 %", "25", NULL, NULL, ONLY(QA_NUMBER), 0,
	  "number", NULL },
	{ "fr", "zh", "Entre 10 et 20 jours", "20 到 10 天之间", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "", NULL },
	{ "fr", "zh", "3 fichiers", "三个文件", NULL, NULL, ONLY(QA_NUMBER),
	  0, "", NULL },
	{ "fr", "zh-TW", "25 000 utilisateurs", "兩萬五千個使用者", NULL,
	  NULL, ONLY(QA_NUMBER), 0, "", NULL },
	{ "fr", "zh", "Ouvrir un fichier", "打开一个文件", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "", NULL },
	{ "zh", "fr", "三个文件", "trois fichiers", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "", NULL },
	{ "zh", "fr", "打开文件", "Ouvrir un fichier", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "", NULL },
	{ "fr", "zh", "deux fichiers", "2 个文件", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "", NULL },
	{ "fr", "zh", "Réduction de 5 %", "百分之五的折扣", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "", NULL },
	{ "fr", "zh", "%1$s sur %2$d", "%2$d 中的 %1$s", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "", NULL },
	{ "fr", "zh", "Titre <h1>", "标题 <h2>", NULL, NULL, ONLY(QA_NUMBER),
	  0, "", NULL },
	{ "fr", "zh", "Version 3,5 et 4", "版本 3.5 和 4.0", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "", NULL },

	{ "fr", "zh", "De 10 à 20 jours", "11 到 21 天", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "number",
	  "numbers 10, 20 in the source are missing from the target "
	  "(found 11, 21)" },
	{ "zh", "fr", "提交于 2009、2010 年", "Envoyé", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "number",
	  "numbers 2009, 2010 in the source are missing" },
	{ "fr", "zh", "Écrire à <i18n-zh@example.org> ou http://example.org/v2",
	  "写信给 <zh@example.org> 或 http://example.org/", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "", NULL },
	{ "fr", "zh", "git merge-tree <branche1> <branche2>",
	  "git merge-tree <分支一> <分支二>", NULL, NULL, ONLY(QA_NUMBER), 0,
	  "", NULL },
	{ "fr", "zh", "Le port ne doit pas être nul", "端口不能为 0", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "", NULL },
	{ "fr", "zh", "Le premier fichier", "第 1 个文件", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "", NULL },

	{ "fr", "zh", "uid = %d, mode = 0%o.", "uid = %d，mode = 1%o。", NULL,
	  NULL, ONLY(QA_NUMBER), 0, "number", "number 0 in the source" },
	{ "fr", "zh", "mode = 0%o.", "mode = 0%o。", NULL, NULL,
	  ONLY(QA_NUMBER), 0, "", NULL },

	/* ------------------------------------------------------- placeholder */
	{ "fr", "zh", "%s et %d", "%s 和 %d", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "%1$s de %2$s", "%2$s 的 %1$s", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "%s de %d", "%2$d 的 %1$s", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "%s de %d", "%d 的 %s", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "placeholder", "another order" },
	{ "fr", "zh", "Copie de %s vers %s", "复制 %s", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "placeholder", "'%s' of the source" },
	{ "fr", "zh", "%d fichiers", "%s 个文件", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "placeholder placeholder", NULL },
	{ "zh", "fr", "%ld 字节", "%d octets", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "placeholder placeholder", "'%ld'" },
	{ "fr", "zh", "de %.*s", "从 %.*s", NULL, NULL, ONLY(QA_PLACEHOLDER),
	  0, "", NULL },
	{ "fr", "zh", "100 %% terminé", "已完成 100%%", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "50 % de réduction", "五折", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "Bonjour %(name)s", "%(name)s，你好", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "Bonjour %(name)s", "%(nom)s，你好", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "placeholder placeholder", "%(nom)s" },
	{ "fr", "zh", "Fichier {0} copié dans {1}", "已将文件 {0} 复制到 {1}",
	  NULL, NULL, ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "Fichier {0} copié dans {1}", "已将文件 {0} 复制到 {2}",
	  NULL, NULL, ONLY(QA_PLACEHOLDER), 0, "placeholder placeholder",
	  "'{1}'" },
	{ "fr", "zh-TW", "Bonjour {name} !", "{nom}，您好！", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "placeholder placeholder", NULL },
	{ "fr", "zh",
	  "{count, plural, one {# fichier} other {# fichiers}}",
	  "{count, plural, other {# 个文件}}", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "Cliquez <b>ici</b> ou <a href=\"/fr/aide\">aide</a>",
	  "点击<b>这里</b>或<a href=\"/zh/help\">帮助</a>", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "Cliquez <b>ici</b>", "点击这里</b>", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "placeholder", "'<b>'" },
	{ "fr", "zh", "Gras et italique", "粗体和斜体",
	  "<bpt i=\"1\">&lt;b&gt;</bpt>Gras<ept i=\"1\">&lt;/b&gt;</ept> et "
	  "<ph>&lt;br/&gt;</ph>italique",
	  "<ph>&lt;br/&gt;</ph><bpt i=\"1\">&lt;b&gt;</bpt>粗体"
	  "<ept i=\"1\">&lt;/b&gt;</ept>和斜体",
	  ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "Gras et italique", "粗体和斜体",
	  "<bpt i=\"1\">&lt;b&gt;</bpt>Gras<ept i=\"1\">&lt;/b&gt;</ept> et "
	  "<ph>&lt;br/&gt;</ph>italique",
	  "<bpt i=\"1\">&lt;b&gt;</bpt>粗体<ept i=\"1\">&lt;/b&gt;</ept>和斜体",
	  ONLY(QA_PLACEHOLDER), 0, "placeholder", "'<ph>'" },
	{ "zh", "fr", "粗体", "Gras", "粗体", "<ph x=\"1\"/>Gras",
	  ONLY(QA_PLACEHOLDER), 0, "placeholder", "in the target" },

	{ "fr", "zh", "git remote add <nom> <url>", "git remote add <名称> <地址>",
	  NULL, NULL, ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "* <Bouton gauche> pour bouger", "* <左键> 移动", NULL,
	  NULL, ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "Source : <pas d’élément>", "源：<无当前项>", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "<span class=\"x\">Texte</span>", "文本", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "placeholder placeholder", "'</span>'" },
	{ "fr", "zh", "Ligne<br />suivante", "下一行<br/>", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "Modifier le profil « %1 »", "编辑配置方案“%1”", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "Copier %1 vers %2", "将 %2 复制为 %1", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "Copier %1 vers %2", "将 %1 复制", NULL, NULL,
	  ONLY(QA_PLACEHOLDER), 0, "placeholder", "'%2'" },
	{ "fr", "zh", "%a %d/%m/%Y %I:%M:%S %p", "%Y-%m-%d %A%p%I:%M:%S", NULL,
	  NULL, ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "%A %e %B %Y à %H:%M", "%Y年%-m月%-d日 %A %H:%M", NULL,
	  NULL, ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "impossible d'ouvrir %s : %m", "无法打开 %s：%m", NULL,
	  NULL, ONLY(QA_PLACEHOLDER), 0, "", NULL },
	{ "fr", "zh", "impossible d'ouvrir « %.250s »", "无法打开 %s", NULL,
	  NULL, ONLY(QA_PLACEHOLDER), 0, "placeholder placeholder", "'%.250s'" },

	{ "fr", "zh", "%P : attention : l'adresse de « %s »",
	  "%P：警告：的地址", NULL, NULL, ONLY(QA_PLACEHOLDER), 0,
	  "placeholder", "'%s'" },

	/* -------------------------------------------------------- whitespace */
	{ "fr", "zh", " fichier", "文件", NULL, NULL, ONLY(QA_WHITESPACE), 0,
	  "whitespace", "begins" },
	{ "fr", "zh", "Nom : ", "名称：", NULL, NULL, ONLY(QA_WHITESPACE), 0,
	  "", NULL },
	{ "zh", "fr", "名称：", "Nom : ", NULL, NULL, ONLY(QA_WHITESPACE), 0,
	  "", NULL },
	{ "fr", "zh", "Terminé.", "完成。 ", NULL, NULL, ONLY(QA_WHITESPACE),
	  0, "whitespace", "the target ends with white space" },
	{ "fr", "zh", "Nom :", "名称： ", NULL, NULL, ONLY(QA_WHITESPACE), 0,
	  "whitespace", NULL },
	{ "fr", "zh", "Nouveau fichier vide…", "新建空文件... ", NULL, NULL,
	  ONLY(QA_WHITESPACE), 0, "whitespace", NULL },
	{ "fr", "zh", "Nom ", "名称", NULL, NULL, ONLY(QA_WHITESPACE), 0,
	  "whitespace", "the source ends with white space" },
	{ "zh", "fr", "名称\n", "Nom ", NULL, NULL, ONLY(QA_WHITESPACE), 0,
	  "whitespace", "other white space" },
	{ "zh", "fr", "打开文件", "Ouvrir  le fichier", NULL, NULL,
	  ONLY(QA_WHITESPACE), 0, "whitespace", "doubled space" },
	{ "fr", "fr", "  -h, --help     aide", "  -h, --help     aide", NULL,
	  NULL, ONLY(QA_WHITESPACE), 0, "", NULL },
	{ "fr", "zh", "Ouvrir le fichier", "打开 文件", NULL, NULL,
	  ONLY(QA_WHITESPACE), 0, "whitespace", "Chinese characters" },
	{ "fr", "zh-TW", "Ouvrir le fichier", "開啟\u00a0檔案", NULL, NULL,
	  ONLY(QA_WHITESPACE), 0, "whitespace", NULL },
	{ "fr", "zh", "Ouvrir Firefox", "打开 Firefox", NULL, NULL,
	  ONLY(QA_WHITESPACE), 0, "", NULL },
	{ "fr", "zh", "Ouvrir", "打开\u3000文件", NULL, NULL,
	  ONLY(QA_WHITESPACE), 0, "", NULL },

	/* ------------------------------------------------------- punctuation */
	{ "fr", "zh", "Terminé.", "完成", NULL, NULL, ONLY(QA_PUNCTUATION),
	  0, "punctuation", "the source ends with '.' but" },
	{ "zh", "fr", "完成。", "Terminé.", NULL, NULL, ONLY(QA_PUNCTUATION),
	  0, "", NULL },
	{ "zh", "fr", "完成！", "Terminé.", NULL, NULL, ONLY(QA_PUNCTUATION),
	  0, "punctuation", "the source ends with '！' and the target with '.'" },
	{ "fr", "zh", "Terminé", "完成。", NULL, NULL, ONLY(QA_PUNCTUATION),
	  0, "punctuation", "'。'" },
	{ "fr", "zh", "Le mot « fin. »", "单词“结束。”", NULL, NULL,
	  ONLY(QA_PUNCTUATION), 0, "", NULL },
	{ "fr", "zh", "Attendez...", "请稍候…", NULL, NULL,
	  ONLY(QA_PUNCTUATION), 0, "", NULL },
	{ "fr", "zh", "Options (avancées)", "选项（高级", NULL, NULL,
	  ONLY(QA_PUNCTUATION), 0, "punctuation", "unpaired '（'" },
	{ "fr", "zh-TW", "Le fichier « %s »", "檔案「%s", NULL, NULL,
	  ONLY(QA_PUNCTUATION), 0, "punctuation", "'「'" },
	{ "zh", "fr", "文件“%s”", "Le fichier « %s", NULL, NULL,
	  ONLY(QA_PUNCTUATION), 0, "punctuation", "'«'" },
	{ "fr", "zh", "1) premier point", "1) 第一点", NULL, NULL,
	  ONLY(QA_PUNCTUATION), 0, "", NULL },
	{ "fr", "zh", "Nom", "名称:", NULL, NULL, ONLY(QA_PUNCTUATION), 0,
	  "punctuation punctuation", "write '："},
	{ "fr", "zh", "Taille, poids", "大小,重量", NULL, NULL,
	  ONLY(QA_PUNCTUATION), 0, "punctuation", "'，'" },
	{ "fr", "zh", "Version 2.0 (Linux)", "版本 2.0 (Linux)", NULL, NULL,
	  ONLY(QA_PUNCTUATION), 0, "", NULL },
	{ "fr", "zh", "Voir le fichier README.txt", "参见文件 README.txt",
	  NULL, NULL, ONLY(QA_PUNCTUATION), 0, "", NULL },
	{ "zh", "fr", "名称：", "Nom：", NULL, NULL, ONLY(QA_PUNCTUATION), 0,
	  "punctuation", "full-width" },
	{ "zh", "fr", "书名《论语》", "Le titre « 《论语》 »", NULL, NULL,
	  ONLY(QA_PUNCTUATION), 0, "", NULL },
	{ "fr", "zh", "_Transparence :", "透明度(_A)：", NULL, NULL,
	  ONLY(QA_PUNCTUATION), 0, "", NULL },
	{ "fr", "zh", "T_ype :", "类型(&T)：", NULL, NULL,
	  ONLY(QA_PUNCTUATION), 0, "", NULL },
	{ "fr", "zh", "Développeur (2006-2012)", "开发者(2006-2012)", NULL, NULL,
	  ONLY(QA_PUNCTUATION), 0, "", NULL },
	{ "fr", "zh", "Sans (par défaut)", "无(默认)", NULL, NULL,
	  ONLY(QA_PUNCTUATION), 0, "punctuation", "write '（'" },
	{ "fr", "zh-TW", "Sans (par défaut)", "無 (預設)", NULL, NULL,
	  ONLY(QA_PUNCTUATION), 0, "punctuation", "write '）'" },
	/* French typography, when asked */
	{ "zh", "fr", "你确定吗？", "Êtes-vous sûr ?", NULL, NULL,
	  ONLY(QA_PUNCTUATION), 0, "", NULL },
	{ "zh", "fr", "你确定吗？", "Êtes-vous sûr ?", NULL, NULL,
	  ONLY(QA_PUNCTUATION), TYPO, "punctuation", "narrow no-break" },
	{ "zh", "fr", "你确定吗？", "Êtes-vous sûr?", NULL, NULL,
	  ONLY(QA_PUNCTUATION), TYPO, "punctuation", "'?'" },
	{ "zh", "fr", "你确定吗？", "Êtes-vous sûr\u202f?", NULL, NULL,
	  ONLY(QA_PUNCTUATION), TYPO, "", NULL },
	{ "zh", "fr", "你确定吗？", "Êtes-vous sûr\u00a0?", NULL, NULL,
	  ONLY(QA_PUNCTUATION), TYPO, "", NULL },
	{ "zh", "fr", "名称：", "Nom\u00a0:", NULL, NULL,
	  ONLY(QA_PUNCTUATION), TYPO, "", NULL },
	{ "zh", "fr", "名称：", "Nom\u202f:", NULL, NULL,
	  ONLY(QA_PUNCTUATION), TYPO, "punctuation", "before ':'" },
	{ "zh", "fr", "名称：", "Nom :", NULL, NULL,
	  ONLY(QA_PUNCTUATION), TYPO, "punctuation", NULL },
	{ "zh", "fr", "文件“%s”", "Le fichier «\u00a0%s\u00a0»", NULL, NULL,
	  ONLY(QA_PUNCTUATION), TYPO, "", NULL },
	{ "zh", "fr", "文件“%s”", "Le fichier « %s »", NULL, NULL,
	  ONLY(QA_PUNCTUATION), TYPO, "punctuation", "inside '« »'" },
	{ "zh", "fr", "文件“%s”", "Le fichier «\u00a0%s »", NULL, NULL,
	  ONLY(QA_PUNCTUATION), TYPO, "punctuation", NULL },
	{ "zh", "fr", "文件“%s”", "Le fichier « %s\u00a0»", NULL, NULL,
	  ONLY(QA_PUNCTUATION), TYPO, "punctuation", NULL },
	{ "zh", "fr", "访问 http://example.org/?a=1 10:30", 
	  "Visitez http://example.org/?a=1 10:30", NULL, NULL,
	  ONLY(QA_PUNCTUATION), TYPO, "", NULL },
	{ "zh", "fr", "真的？！", "Vraiment\u202f?!", NULL, NULL,
	  ONLY(QA_PUNCTUATION), TYPO, "", NULL },

	/* ------------------------------------------------------------ length */
	{ "fr", "zh", "Impossible d'ouvrir le fichier de configuration.",
	  "无法打开配置文件。", NULL, NULL, ONLY(QA_LENGTH), 0, "", NULL },
	{ "fr", "zh", "Impossible d'ouvrir le fichier de configuration.",
	  "无法。", NULL, NULL, ONLY(QA_LENGTH), 0, "length",
	  "the target is short" },
	{ "fr", "zh", "Impossible d'ouvrir le fichier de configuration.",
	  "无法打开配置文件无法打开配置文件无法打开配置文件无法打开配置文件"
	  "无法打开配置文件无法打开配置文件。", NULL, NULL, ONLY(QA_LENGTH), 0,
	  "length", "long" },
	{ "zh", "fr", "无法打开配置文件，请检查文件的权限设置是否正确。",
	  "Impossible d'ouvrir le fichier de configuration : vérifiez que "
	  "ses droits sont corrects.", NULL, NULL, ONLY(QA_LENGTH), 0, "",
	  NULL },
	{ "zh", "fr", "无法打开配置文件，请检查文件的权限设置是否正确。",
	  "Erreur.", NULL, NULL, ONLY(QA_LENGTH), 0, "length", NULL },
	{ "fr", "zh", "Explorateur de Coupled-Map Lattice",
	  "耦合映像格子(Coupled-Map Lattice)探索器", NULL, NULL,
	  ONLY(QA_LENGTH), 0, "", NULL },
	{ "fr", "zh", "vérification RTL : elt %d attendu de type « %c »",
	  "RTL 检查：需要 elt %1$d 类型“%2$c”", NULL, NULL, ONLY(QA_LENGTH),
	  0, "", NULL },
	{ "fr", "zh", "Fichier", "文件", NULL, NULL, ONLY(QA_LENGTH), 0, "",
	  NULL },
	{ "fr", "fr-CA", "Le courriel a été envoyé avec succès.",
	  "Le courriel a été envoyé.", NULL, NULL, ONLY(QA_LENGTH), 0, "",
	  NULL },
};

struct findings {
	struct strbuf names;
	struct strbuf messages;
};

static void
collect(void *data, enum qa_check check, enum qa_severity severity,
	const char *message)
{
	struct findings *f = data;
	static const enum qa_severity wanted[QA_NCHECKS] = {
		[QA_NUMBER] = QA_ERROR, [QA_PLACEHOLDER] = QA_ERROR,
		[QA_UNTRANSLATED] = QA_ERROR, [QA_WHITESPACE] = QA_WARNING,
		[QA_PUNCTUATION] = QA_WARNING, [QA_LENGTH] = QA_INFO,
	};

	if (f->names.len)
		strbuf_addch(&f->names, ' ');
	strbuf_addstr(&f->names, qa_check_name(check));
	if (severity != wanted[check])
		strbuf_addstr(&f->names, "(bad severity)");
	if (strchr(message, '\n'))
		strbuf_addstr(&f->names, "(two lines)");
	if (f->messages.len)
		strbuf_addstr(&f->messages, " | ");
	strbuf_addstr(&f->messages, message);
}

/*
 * Length bounds learned from samples (qa_length_learn()): a band with
 * enough samples gets its quantiles, one with too few nothing, and the
 * learned bounds replace the defaults for the sources of that band only.
 */
static void
test_length_learning(struct findings *f)
{
	/* 1,000 translations of 30-character sources with ratios spread
	 * evenly over 0.300-0.699, and 10 of 50-character sources */
	struct qa_length_sample samples[1010];
	struct qa_length_bounds bounds;
	struct qa_pair_options options = { .checks = ONLY(QA_LENGTH) };
	struct qa_length_sample one;
	size_t n = 0;

	for (size_t i = 0; i < 1000; i++) {
		/* not in order: learning sorts them */
		samples[n].source_chars = 30;
		samples[n++].ratio = 0.3 + (double)((i * 7) % 1000) / 2500;
	}
	for (size_t i = 0; i < 10; i++) {
		samples[n].source_chars = 50;
		samples[n++].ratio = 0.5;
	}
	is_int(qa_length_learn(samples, n, &bounds), 1,
	       "length: one band learned of three");
	ok(bounds.low[0] > 0.300 && bounds.low[0] < 0.305,
	   "length: the low bound is near the 0.5 %% quantile (%.4f)",
	   bounds.low[0]);
	ok(bounds.high[0] > 0.690 && bounds.high[0] < 0.699,
	   "length: the high bound is near the 99.5 %% quantile (%.4f)",
	   bounds.high[0]);
	is_int((int)bounds.samples[1], 10, "length: 10 samples in band 2");
	ok(bounds.low[1] == 0 && bounds.high[1] == 0,
	   "length: too few samples learn nothing");
	is_int(qa_length_learn(samples, 0, &bounds), 0,
	       "length: nothing learned from no samples");

	/* what a segment gives */
	memset(&one, 0, sizeof one);
	is_int(qa_length_sample("fr", "zh", "Le fichier de configuration est "
				"introuvable.", NULL, "找不到配置文件。", NULL,
				&one), 1, "length: a sample");
	ok(one.source_chars == 39 && one.ratio > 0.205 && one.ratio < 0.206,
	   "length: a sample of 39 characters, 8/39 (%zu, %.3f)",
	   one.source_chars, one.ratio);
	is_int(qa_length_sample("fr", "zh", "Ouvrir le fichier", NULL,
				"打开文件", NULL, &one), 0,
	       "length: no sample of a short source");
	is_int(qa_length_sample("fr", "zh", "Le fichier de configuration est "
				"introuvable.", NULL, "Le fichier de "
				"configuration est introuvable.", NULL, &one),
	       0, "length: no sample of an untranslated target");

	/* learned: sources of 20-39 characters want 0.30-0.70; 8
	 * characters for 33 (0.24) are short by them, not by the
	 * defaults (0.12) */
	for (size_t i = 0; i < 1000; i++) {
		samples[i].source_chars = 30;
		samples[i].ratio = 0.3 + (double)i / 2500;
	}
	qa_length_learn(samples, 1000, &bounds);
	options.length_learned = &bounds;
	strbuf_reset(&f->names);
	strbuf_reset(&f->messages);
	qa_check_pair(&options, "fr", "zh", "Fichier de configuration "
		      "introuvable", NULL, "找不到配置文件。", NULL, collect, f);
	is_str(f->names.buf ? f->names.buf : "", "length",
	       "length: short by the learned bounds");
	ok(f->messages.buf && strstr(f->messages.buf, "expected 0.30 to"),
	   "length: the message gives them (%s)",
	   f->messages.buf ? f->messages.buf : "nothing");
	options.length_learned = NULL;
	strbuf_reset(&f->names);
	qa_check_pair(&options, "fr", "zh", "Fichier de configuration "
		      "introuvable", NULL, "找不到配置文件。", NULL, collect, f);
	is_str(f->names.buf ? f->names.buf : "", "",
	       "length: within the defaults");
	/* a source of another band (42 characters) keeps the defaults */
	options.length_learned = &bounds;
	strbuf_reset(&f->names);
	qa_check_pair(&options, "fr", "zh", "Le fichier de configuration est "
		      "introuvable ici.", NULL, "找不到配置文件。", NULL, collect,
		      f);
	is_str(f->names.buf ? f->names.buf : "", "",
	       "length: a band not learned keeps the defaults");
}

int
main(void)
{
	struct findings f = { { 0 }, { 0 } };

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct qa_case *c = &cases[i];
		struct qa_pair_options options = { 0 };
		char name[200];

		options.checks = c->checks;
		options.french_typography = c->typography;
		strbuf_reset(&f.names);
		strbuf_reset(&f.messages);
		qa_check_pair(&options, c->src_lang, c->tgt_lang, c->src,
			      c->src_markup, c->tgt, c->tgt_markup, collect,
			      &f);
		snprintf(name, sizeof name, "%s -> %s: '%s' / '%s'",
			 c->src_lang, c->tgt_lang, c->src, c->tgt);
		is_str(f.names.buf ? f.names.buf : "", c->want, "%s", name);
		if (c->message)
			ok(f.messages.buf && strstr(f.messages.buf, c->message),
			   "  ... a message says '%s' (got: %s)", c->message,
			   f.messages.buf ? f.messages.buf : "nothing");
	}

	/* The names of the command line. */
	for (int i = 0; i < QA_NCHECKS; i++)
		is_int(qa_check_by_name(qa_check_name(i)), i,
		       "check %s by its name", qa_check_name(i));
	is_int(qa_check_by_name("numbers"), -1, "an unknown check is -1");
	is_str(qa_check_name(QA_TERM_MISSING), "term-missing",
	       "the name of term-missing");
	is_str(qa_check_name(QA_LENGTH), "length", "the name of length");
	test_length_learning(&f);

	strbuf_release(&f.names);
	strbuf_release(&f.messages);
	return done_testing();
}
