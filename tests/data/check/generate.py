#!/usr/bin/python3
# tests/data/check/generate.py -- writes the bilingual files of
# tests/cli/check.sh: for each check, the same segments as TMX, XLIFF 1.2,
# XLIFF 2.0, PO and a pair of plain-text files (NAME.src.txt, NAME.tgt.txt).
# Written for tmgloss; the segments are made up.  Run it from this folder
# after changing a case; the expected findings (NAME.expect) are written by
# hand, never by the program under test.
#
# Layout, so that the test can tell each segment's line and id: segment i
# (from 1) is on line 4 + i of the TMX and XLIFF 1.2 files, 3 + i of the
# XLIFF 2.0 file, its msgid on line 4 i + 3 of the PO file, line i of the
# text files; its id is u<i> (XLIFF 2.0: u<i>/s<i>, text: i).
import html

CASES = {
    "term-missing": ("fr", "zh-CN", [
        ("Le serveur est arrêté.", "主机已停止。"),
        ("Ouvrez les fichiers du serveur.", "打开服务器上的文件。"),
        ("Copiez le fichier.", "复制檔案。"),
        ("Utilisez la souris.", "使用鼠标。"),
        ("Les utilisatrices sont connectées.", "用户已连接。"),
        ("Les utilisateurs sont connectés.", "已连接。"),
    ]),
    "term-deprecated": ("fr", "zh-CN", [
        ("Saisissez le mot de passe.", "输入口令。"),
        ("Changez votre mot de passe.", "更改您的密码。"),
    ]),
    "term-admitted": ("fr", "zh-CN", [
        ("Ouvrez le fichier.", "打开档案。"),
        ("Fermez le fichier.", "关闭文件。"),
    ]),
    "number": ("fr", "zh-CN", [
        ("Il reste 3,5 Go.", "剩余 5.3 GB。"),
        ("Il y a 1 000 fichiers.", "共有 1000 个文件。"),
        ("25 % terminé", "已完成 25%"),
    ]),
    "placeholder": ("fr", "zh-CN", [
        ("%d fichiers sur %s", "%s 上的文件"),
        ("{0} sur {1}", "{1} 上的 {0}"),
        ("%1$s sur %2$s", "%2$s 上的 %1$s"),
    ]),
    "untranslated": ("fr", "zh-CN", [
        ("Enregistrer sous", "Enregistrer sous"),
        ("%s (%d)", "%s (%d)"),
        ("Quitter le programme", ""),
    ]),
    "whitespace": ("fr", "zh-CN", [
        ("Nom : ", "名 称："),
        (" Ouvrir", "打开"),
        ("Fermer", "关闭"),
    ]),
    "punctuation": ("fr", "zh-CN", [
        ("Voulez-vous quitter ?", "要退出吗。"),
        ("Erreur : fichier introuvable.", "错误: 找不到文件。"),
        ("Terminé.", "完成。"),
    ]),
    "punctuation-fr": ("zh-CN", "fr", [
        ("你确定吗？", "Êtes-vous sûr ?"),
        ("你确定吗？", "Êtes-vous sûr\u202f?"),
    ]),
    "inconsistent": ("fr", "zh-CN", [
        ("Ouvrez le fichier.", "打开文件。"),
        ("Ouvrez le fichier.", "打开该文档。"),
        ("Fermez le fichier.", "打开文件。"),
        ("Ouvrez les fichiers.", "打开文件。"),
    ]),
    "length": ("fr", "zh-CN", [
        ("Le fichier de configuration est introuvable.", "找不到。"),
        ("Le fichier de configuration est introuvable.", "找不到配置文件。"),
    ]),
}


def x(s):
    return html.escape(s, quote=False)


def po(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def po_lang(tag):
    return tag.replace("-", "_")


for name, (src, tgt, pairs) in CASES.items():
    with open(name + ".tmx", "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                '<header creationtool="tmgloss-tests" creationtoolversion="1" '
                'segtype="sentence" o-tmf="none" adminlang="en" srclang="%s" '
                'datatype="plaintext"/>\n<body>\n' % src)
        for i, (s, t) in enumerate(pairs, 1):
            f.write('<tu tuid="u%d"><tuv xml:lang="%s"><seg>%s</seg></tuv>'
                    '<tuv xml:lang="%s"><seg>%s</seg></tuv></tu>\n'
                    % (i, src, x(s), tgt, x(t)))
        f.write('</body>\n</tmx>\n')
    with open(name + "-1.2.xlf", "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
                '<file original="%s" source-language="%s" target-language="%s" '
                'datatype="plaintext">\n<body>\n' % (name, src, tgt))
        for i, (s, t) in enumerate(pairs, 1):
            target = '<target>%s</target>' % x(t) if t else ''
            f.write('<trans-unit id="u%d" xml:space="preserve"><source>%s</source>%s'
                    '</trans-unit>\n' % (i, x(s), target))
        f.write('</body>\n</file>\n</xliff>\n')
    with open(name + "-2.0.xlf", "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
                'srcLang="%s" trgLang="%s">\n<file id="f1">\n' % (src, tgt))
        for i, (s, t) in enumerate(pairs, 1):
            target = '<target>%s</target>' % x(t) if t else ''
            f.write('<unit id="u%d"><segment id="s%d" xml:space="preserve">'
                    '<source>%s</source>%s</segment></unit>\n'
                    % (i, i, x(s), target))
        f.write('</file>\n</xliff>\n')
    with open(name + ".po", "w", encoding="utf-8") as f:
        f.write('msgid ""\nmsgstr ""\n'
                '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                '"Language: %s\\n"\n' % po_lang(tgt))
        for i, (s, t) in enumerate(pairs, 1):
            f.write('\nmsgctxt "u%d"\nmsgid "%s"\nmsgstr "%s"\n'
                    % (i, po(s), po(t)))
    with open(name + ".src.txt", "w", encoding="utf-8") as f:
        f.writelines(s + "\n" for s, t in pairs)
    with open(name + ".tgt.txt", "w", encoding="utf-8") as f:
        f.writelines(t + "\n" for s, t in pairs)
