#!/usr/bin/python3
# tt-check.py -- does Translate Toolkit read what tmgloss exported?
#
# Usage: tt-check.py EXPORT.tmx UNITS INPUT.tmx...
#
# EXPORT.tmx is what `tmgloss export` wrote from a memory filled with the
# INPUT files; UNITS is the unit count `tmgloss stats` gives for it.  The
# export is loaded with translate.storage.tmx (Translate Toolkit takes the
# first <tuv> of a unit as its source) and compared with what the INPUT
# files say, read independently with the standard library's ElementTree:
#   - Translate Toolkit sees UNITS units;
#   - the set of (source text, target language, target text) triples is the
#     same on both sides (tmgloss merges identical units, hence sets), where
#     the source of an input unit is its variant in the unit's or header's
#     srclang, else its first variant, as TMX says;
#   - every unit-level <note> of the inputs is a note of the exported unit.
# Prints TAP; exits 1 when a check fails.
import sys
import xml.etree.ElementTree as ET

from translate.storage import tmx

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def lang_of(tuv):
    return (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()


def seg_text(tuv):
    seg = tuv.find("seg")
    return "" if seg is None else "".join(seg.itertext())


def expected_from_inputs(paths):
    triples, notes = set(), set()
    for path in paths:
        root = ET.parse(path).getroot()
        header = root.find("header")
        header_src = (header.get("srclang") or "").lower() \
            if header is not None else ""
        for tu in root.iter("tu"):
            tuvs = tu.findall("tuv")
            if len(tuvs) < 2:
                continue  # tmgloss skips single-language units
            want = (tu.get("srclang") or header_src).lower()
            source = next((v for v in tuvs if lang_of(v) == want), tuvs[0])
            for v in tuvs:
                if v is not source:
                    triples.add((seg_text(source), lang_of(v), seg_text(v)))
            for note in tu.findall("note"):
                notes.add(note.text or "")
    return triples, notes


def read_with_translate_toolkit(path):
    with open(path, "rb") as f:
        store = tmx.tmxfile(f)
    triples, notes = set(), set()
    for unit in store.units:
        nodes = unit.getlanguageNodes()
        source = unit.source
        for node in nodes[1:]:
            target = unit.getNodeText(node)
            lang = (node.get(XML_LANG) or "").lower()
            triples.add((source, lang, target))
        for note in unit.getnotes().split("\n"):
            if note:
                notes.add(note)
    return store, triples, notes


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: tt-check.py EXPORT.tmx UNITS INPUT.tmx...")
    export, units, inputs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    failed = 0
    n = 0

    def ok(cond, desc, detail=""):
        nonlocal failed, n
        n += 1
        print("%s %d - %s" % ("ok" if cond else "not ok", n, desc))
        if not cond:
            failed += 1
            for line in detail.splitlines():
                print("# " + line)

    want, want_notes = expected_from_inputs(inputs)
    store, got, got_notes = read_with_translate_toolkit(export)
    ok(len(store.units) == units,
       "Translate Toolkit reads %d units (tmgloss stats: %d)"
       % (len(store.units), units))
    ok(all(u.source for u in store.units),
       "every unit has a non-empty source (first <tuv>)")
    ok(all(u.target for u in store.units),
       "every unit has a non-empty target")
    missing = sorted(want - got)[:5]
    extra = sorted(got - want)[:5]
    ok(want == got,
       "%d (source, target language, target) triples match the inputs"
       % len(want),
       "missing: %r\nunexpected: %r" % (missing, extra))
    ok(want_notes <= got_notes,
       "the %d unit notes of the inputs are notes of exported units"
       % len(want_notes),
       "missing: %r" % sorted(want_notes - got_notes)[:5])
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
