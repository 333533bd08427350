#!/usr/bin/python3
# bench/check-seed.py -- seeds errors of each kind `tmgloss check` knows
# into the targets of a French->Chinese TMX file (one <tu> per line, as
# bench/make-corpus.sh writes them), for bench/check.sh.
#
#   check-seed.py IN.tmx OUT.tmx SEEDS.tsv [PER_CHECK [SEED]]
#   check-seed.py --glossary OUT.tbx   (the glossary the term errors use)
#
# PER_CHECK units (default 300) are seeded for each check, each unit once,
# chosen at random (Python's random, seed SEED, default 20261206) among the
# units the check's rule below applies to; every other unit is copied as
# it is.  SEEDS.tsv lists LINE<TAB>TUID<TAB>CHECK<TAB>WHAT for every seeded
# unit (LINE: the unit's line in OUT.tmx; bench/check.sh matches findings
# by TUID, the ID check reports).
#
# Only units whose source and target each occur once in the file are
# seeded (a duplicate's changed twin would make an untouched unit
# inconsistent), except for `inconsistent`, which needs duplicates.  The
# errors, and the units each applies to:
#   term-missing     the target's translation of a glossary term of the
#                    source (GLOSSARY below, bench/check.sh imports the
#                    same) is replaced by 东西 ("thing"): every form the
#                    glossary allows is taken out
#   term-deprecated  the preferred translation is replaced by the
#                    glossary's deprecated one
#   term-admitted    the preferred translation is replaced by the
#                    admitted one
#   number           the last digit of a number that source and target
#                    share (not inside a placeholder) is changed (+1)
#   placeholder      a printf or brace placeholder of the target is
#                    deleted
#   untranslated     the target becomes the source (a source with a
#                    lower-case word of two letters or more)
#   whitespace       a space between two Han characters (odd units), or
#                    a space at the end of a target whose source has none
#                    (even units)
#   punctuation      a final 。 answering a final '.' is dropped (odd), or
#                    the first ， after a Han character becomes ',' (even)
#   inconsistent     a later occurrence of a source met twice or more with
#                    one translation gets another one (的 inserted after
#                    its first Han character) (odd), or a unit takes the
#                    target of an earlier unit with another source (even)
#   length           a target of 10 Han characters or more whose source
#                    has 40 characters or more keeps its first two
#                    characters (odd) or is written four times (even)
import html
import random
import re
import sys

# concept: French term (a regular expression on the lower-cased source),
# preferred Chinese, admitted, deprecated
GLOSSARY = [
    (r"\bfichiers?\b", "文件", "档案", "文件档"),
    (r"\bmots? de passe\b", "密码", None, "口令"),
    (r"\butilisateurs?\b", "用户", "使用者", "用家"),
    (r"\brépertoires?\b", "目录", None, "资料夹"),
    (r"\bserveurs?\b", "服务器", "伺服器", None),
    (r"\bmessages?\b", "消息", "信息", "讯息"),
    (r"\bimpossible\b", "无法", None, "不能够"),
    (r"\bmémoire\b", "内存", None, "記憶體"),
    (r"\bcommandes?\b", "命令", "指令", None),
    (r"\bpaquets?\b", "软件包", None, "套件"),
]

CHECKS = ["term-missing", "term-deprecated", "term-admitted", "number",
          "placeholder", "untranslated", "whitespace", "punctuation",
          "inconsistent", "length"]

HAN = r"[\u3400-\u9fff]"
PLACEHOLDER = re.compile(r"%(\d+\$)?[-+ #0]*(\d+|\*)?(\.(\d+|\*))?"
                         r"(hh|h|ll|l|L|q|j|z|t)?[diouxXeEfgGcsp]|\{\d*\}")
NUMBER = re.compile(r"(?<![%\w.${])\d+(?![\w$}])")
TU = re.compile(r'^(\s*<tu tuid="([^"]*)"><tuv xml:lang="[^"]*"><seg>)(.*?)'
                r'(</seg></tuv><tuv xml:lang="[^"]*"><seg>)(.*?)'
                r'(</seg></tuv></tu>)\s*$')


def unescape(s):
    return html.unescape(s)


def escape(s):
    return html.escape(s, quote=False)


def placeholders(s):
    return [m.group(0) for m in PLACEHOLDER.finditer(s)]


def glossary_hits(src, tgt):
    """Concepts whose French term is in src and preferred Chinese in tgt,
    with no other form of theirs in tgt."""
    low = src.lower()
    for c in GLOSSARY:
        if re.search(c[0], low) and c[1] in tgt:
            yield c


def seed_term_missing(i, src, tgt, ctx):
    for c in glossary_hits(src, tgt):
        if any(f and f in tgt.replace(c[1], "") for f in c[2:]):
            continue
        out = tgt.replace(c[1], "东西")
        return out, "%s -> 东西" % c[1]
    return None


def seed_status(index):
    def seed(i, src, tgt, ctx):
        for c in glossary_hits(src, tgt):
            if c[index]:
                return tgt.replace(c[1], c[index]), "%s -> %s" % (
                    c[1], c[index])
        return None
    return seed


def seed_number(i, src, tgt, ctx):
    if "<" in tgt:
        return None
    src_numbers = set(m.group(0) for m in NUMBER.finditer(src))
    for m in NUMBER.finditer(tgt):
        if m.group(0) in src_numbers:
            digits = m.group(0)
            new = digits[:-1] + str((int(digits[-1]) + 1) % 10)
            return tgt[:m.start()] + new + tgt[m.end():], "%s -> %s" % (
                digits, new)
    return None


def seed_placeholder(i, src, tgt, ctx):
    ps = list(PLACEHOLDER.finditer(tgt))
    if not ps or sorted(placeholders(src)) != sorted(placeholders(tgt)):
        return None
    m = ps[0]
    return tgt[:m.start()] + tgt[m.end():], "deleted %s" % m.group(0)


def seed_untranslated(i, src, tgt, ctx):
    if not re.search(r"\b[a-zà-ÿ][a-zà-ÿ]+\b", src) or src == tgt:
        return None
    return src, "target = source"


def seed_whitespace(i, src, tgt, ctx):
    if i % 2:
        m = re.search(HAN + HAN, tgt)
        if m:
            return tgt[:m.start() + 1] + " " + tgt[m.start() + 1:], \
                "space between Han characters"
    elif not src.endswith((" ", "\u00a0")) and not tgt.endswith(" "):
        return tgt + " ", "trailing space"
    return None


def seed_punctuation(i, src, tgt, ctx):
    if i % 2:
        if src.endswith(".") and not src.endswith("..") and \
                tgt.endswith("。"):
            return tgt[:-1], "final 。 dropped"
    else:
        m = re.search(HAN + "，", tgt)
        if m:
            return tgt[:m.start() + 1] + "," + tgt[m.start() + 2:], \
                "， -> ,"
    return None


def seed_length(i, src, tgt, ctx):
    if len(src) < 40 or len(re.findall(HAN, tgt)) < 10:
        return None
    if i % 2:
        return tgt[:2], "cut to 2 characters"
    return tgt * 4, "written 4 times"


SEEDERS = {
    "term-missing": seed_term_missing,
    "term-deprecated": seed_status(3),
    "term-admitted": seed_status(2),
    "number": seed_number,
    "placeholder": seed_placeholder,
    "untranslated": seed_untranslated,
    "whitespace": seed_whitespace,
    "punctuation": seed_punctuation,
    "length": seed_length,
}


def write_glossary(path):
    """GLOSSARY as TBX-Min, for tmgloss import."""
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<TBX dialect="TBX-Min">\n'
                '<header><id>bench/check-seed.py</id>'
                '<languages source="fr" target="zh-CN"/></header>\n<body>\n')
        for k, (fr, pref, admitted, deprecated) in enumerate(GLOSSARY, 1):
            term = re.sub(r"\\b|s\?", "", fr)
            f.write('<entry id="b%d"><langGroup xml:lang="fr"><termGroup>'
                    '<term>%s</term></termGroup></langGroup>'
                    '<langGroup xml:lang="zh-CN">' % (k, term))
            for text, status in ((pref, "preferred"), (admitted, "admitted"),
                                 (deprecated, "notRecommended")):
                if text:
                    f.write('<termGroup><term>%s</term><termStatus>%s'
                            '</termStatus></termGroup>' % (text, status))
            f.write('</langGroup></entry>\n')
        f.write('</body>\n</TBX>\n')


def main():
    if sys.argv[1] == "--glossary":
        write_glossary(sys.argv[2])
        return
    path_in, path_out, path_seeds = sys.argv[1:4]
    per_check = int(sys.argv[4]) if len(sys.argv) > 4 else 300
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 20261206)
    lines = open(path_in, encoding="utf-8").read().split("\n")
    units = {}  # line index -> [prefix, tuid, src, middle, tgt, suffix]
    for n, line in enumerate(lines):
        m = TU.match(line)
        if m and "<" not in m.group(3) and "<" not in m.group(5):
            g = list(m.groups())
            g[2], g[4] = unescape(g[2]), unescape(g[4])
            units[n] = g
    src_count, tgt_count, first_of = {}, {}, {}
    for n in sorted(units):
        s, t = units[n][2], units[n][4]
        src_count[s] = src_count.get(s, 0) + 1
        tgt_count[t] = tgt_count.get(t, 0) + 1
        first_of.setdefault(s, n)
    unique = [n for n in sorted(units)
              if src_count[units[n][2]] == 1 and tgt_count[units[n][4]] == 1]
    taken = set()
    seeds = []

    def take(n, check, new_target, what):
        taken.add(n)
        units[n][4] = new_target
        seeds.append((n + 1, units[n][1], check, what))

    for check in CHECKS:
        if check == "inconsistent":
            continue
        order = unique[:]
        rng.shuffle(order)
        done = 0
        for n in order:
            if done == per_check:
                break
            if n in taken:
                continue
            r = SEEDERS[check](done + 1, units[n][2], units[n][4], None)
            if r is None or r[0] == units[n][4]:
                continue
            take(n, check, r[0], r[1])
            done += 1
    # inconsistent: later twins of a source met more than once, all its
    # translations alike (odd); an earlier unit's target given to a unit
    # of another source (even)
    twins = {}
    for n in sorted(units):
        twins.setdefault(units[n][2], []).append(n)
    later = [ns[1:] for s, ns in twins.items() if len(ns) > 1 and
             len(set(units[k][4] for k in ns)) == 1 and
             re.search(HAN, units[ns[0]][4])]
    rng.shuffle(later)
    order = unique[:]
    rng.shuffle(order)
    done = 0
    for k in range(per_check):
        if k % 2 == 0 and later:
            ns = later.pop()
            n = ns[0]
            if any(x in taken for x in ns):
                continue
            t = units[n][4]
            m = re.search(HAN, t)
            take(n, "inconsistent", t[:m.end()] + "的" + t[m.end():],
                 "another translation of a repeated source")
            taken.update(ns)
        else:
            while order:
                n = order.pop()
                if n in taken:
                    continue
                earlier = [e for e in unique[:2000] if e < n and
                           e not in taken and units[e][2] != units[n][2]]
                if not earlier:
                    continue
                e = rng.choice(earlier)
                take(n, "inconsistent", units[e][4],
                     "the target of line %d" % (e + 1))
                taken.add(e)
                break
    with open(path_out, "w", encoding="utf-8") as f:
        for n, line in enumerate(lines):
            if n in units and n in taken:
                g = units[n]
                line = g[0] + escape(g[2]) + g[3] + escape(g[4]) + g[5]
            f.write(line)
            if n + 1 < len(lines):
                f.write("\n")
    with open(path_seeds, "w", encoding="utf-8") as f:
        for s in sorted(seeds):
            f.write("%d\t%s\t%s\t%s\n" % s)


main()
