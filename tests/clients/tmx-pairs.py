#!/usr/bin/python3
# tmx-pairs.py -- source/target sentence pairs of TMX files, for the OmegaT
# check: what a CAT tool must fill in when the memory holds these files.
#
# Usage: tmx-pairs.py SRC TGT FILE.tmx...
#
# Prints "source<TAB>target" for every unit that has a variant whose
# language starts with SRC and one whose language starts with TGT, when both
# segments are plain text on one line (no inline elements, tab or newline).
# A source given two different translations is left out: a tool may pick
# either.  Reads the files with the standard library only.
import sys
import xml.etree.ElementTree as ET

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def lang_of(tuv):
    return (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()


def plain_segment(tuv):
    seg = tuv.find("seg")
    if seg is None or len(seg) or not seg.text:
        return None
    text = seg.text
    if "\t" in text or "\n" in text or "\r" in text or text != text.strip():
        return None
    return text


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: tmx-pairs.py SRC TGT FILE.tmx...")
    src, tgt = sys.argv[1].lower(), sys.argv[2].lower()
    pairs = {}
    order = []
    for path in sys.argv[3:]:
        for tu in ET.parse(path).getroot().iter("tu"):
            s = t = None
            for tuv in tu.findall("tuv"):
                lang = lang_of(tuv)
                if s is None and lang.split("-")[0] == src:
                    s = plain_segment(tuv)
                elif t is None and lang.split("-")[0] == tgt:
                    t = plain_segment(tuv)
            if s is None or t is None:
                continue
            if s not in pairs:
                order.append(s)
                pairs[s] = set()
            pairs[s].add(t)
    for s in order:
        if len(pairs[s]) == 1:
            print("%s\t%s" % (s, next(iter(pairs[s]))))


if __name__ == "__main__":
    main()
