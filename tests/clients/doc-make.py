#!/usr/bin/python3
# doc-make.py -- documents to pre-translate for make check-clients, made
# from the sentence pairs of the client check's memory.
#
# Usage: doc-make.py PAIRS.tsv DIR
#
# PAIRS.tsv has "French<TAB>Chinese" lines (tmx-pairs.py).  Written in DIR,
# each with the same segments, in the same order, and no translation:
#   doc12.xlf   XLIFF 1.2 (fr-FR -> zh-CN), one <trans-unit> per sentence,
#               no <target>; every fifth source has its first word in a
#               <g id="1"> (an inline code pretranslate must keep);
#   doc20.xlf   XLIFF 2.0, one <unit> with one <segment> per sentence; the
#               same sentences have their first word in a <pc id="1">;
#   doc.po      a PO file (Language: zh_CN), one message per sentence;
#   expected.tsv  "id<TAB>French<TAB>Chinese" for the segments pretranslate
#               must fill with exactly that text: unchanged, without inline
#               code, and with one translation in the memory.
# Every third sentence has its last word replaced by another word of the
# text (a fuzzy match); the choice is fixed (no randomness), so two runs
# make the same files.
import sys
from xml.sax.saxutils import escape


def po_string(text):
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    out = out.replace("\n", "\\n").replace("\t", "\\t")
    return '"' + out + '"'


def with_code(source, coded, element):
    """The source as XML, its first word in <element id="1"> if coded."""
    if not coded:
        return escape(source)
    first, rest = source.split(" ", 1)
    return '<%s id="1">%s</%s> %s' % (element, escape(first), element,
                                      escape(rest))


def main():
    pairs_path, out_dir = sys.argv[1], sys.argv[2]
    pairs = []
    with open(pairs_path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) == 2 and fields[0] and fields[1]:
                pairs.append(fields)
    # One sentence once: a repeated source would be a repetition, not a
    # second check.  A sentence the memory translates in two ways has no
    # one expected translation: it is filled, but not checked.
    translations, unique = {}, []
    for fr, zh in pairs:
        if fr not in translations:
            translations[fr] = set()
            unique.append((fr, zh))
        translations[fr].add(zh)
    unique = [(fr, zh if len(translations[fr]) == 1 else None)
              for fr, zh in unique]
    words = [w for fr, _ in unique for w in fr.split() if w.isalpha()]
    segments = []  # (id, source, expected target or None, coded)
    for i, (fr, zh) in enumerate(unique):
        sid = "s%d" % (i + 1)
        source, expected = fr, zh
        if i % 3 == 2 and words:
            parts = fr.split(" ")
            last = parts[-1]
            tail = last[-1] if last and not last[-1].isalnum() else ""
            parts[-1] = words[(i * 7) % len(words)] + tail
            changed = " ".join(parts)
            if changed != fr:
                source, expected = changed, None
        coded = i % 5 == 4 and " " in source
        segments.append((sid, source, expected, coded))

    with open(out_dir + "/doc12.xlf", "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<xliff version="1.2" '
                'xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
                '  <file original="article.txt" source-language="fr-FR" '
                'target-language="zh-CN" datatype="plaintext">\n'
                '    <body>\n')
        for sid, source, _, coded in segments:
            text = with_code(source, coded, "g")
            f.write('      <trans-unit id="%s">\n'
                    '        <source>%s</source>\n'
                    '      </trans-unit>\n' % (sid, text))
        f.write('    </body>\n  </file>\n</xliff>\n')

    with open(out_dir + "/doc20.xlf", "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
                'version="2.0" srcLang="fr-FR" trgLang="zh-CN">\n'
                '  <file id="f1" original="article.txt">\n')
        for sid, source, _, coded in segments:
            text = with_code(source, coded, "pc")
            f.write('    <unit id="%s">\n'
                    '      <segment>\n'
                    '        <source>%s</source>\n'
                    '      </segment>\n'
                    '    </unit>\n' % (sid, text))
        f.write('  </file>\n</xliff>\n')

    with open(out_dir + "/doc.po", "w", encoding="utf-8") as f:
        f.write('msgid ""\nmsgstr ""\n'
                '"Project-Id-Version: tmgloss client check\\n"\n'
                '"PO-Revision-Date: 2026-01-01 00:00+0000\\n"\n'
                '"Last-Translator: tmgloss <tmgloss@example.org>\\n"\n'
                '"Language-Team: Chinese <zh@example.org>\\n"\n'
                '"Language: zh_CN\\n"\n'
                '"MIME-Version: 1.0\\n"\n'
                '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                '"Content-Transfer-Encoding: 8bit\\n"\n'
                '"Plural-Forms: nplurals=1; plural=0;\\n"\n')
        for sid, source, _, _ in segments:
            f.write('\n#: article.txt:%s\nmsgid %s\nmsgstr ""\n'
                    % (sid[1:], po_string(source)))

    with open(out_dir + "/expected.tsv", "w", encoding="utf-8") as f:
        for sid, source, expected, coded in segments:
            if expected is not None and not coded:
                f.write("%s\t%s\t%s\n" % (sid, source, expected))
    return 0


if __name__ == "__main__":
    sys.exit(main())
