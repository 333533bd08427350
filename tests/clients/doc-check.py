#!/usr/bin/python3
# doc-check.py -- does Translate Toolkit read a pre-translated document as
# it read the document before?
#
# Usage: doc-check.py INPUT OUTPUT [EXPECTED.tsv]
#
# INPUT is a document given to `tmgloss pretranslate`, OUTPUT what it
# wrote; both are loaded with translate.storage.factory (XLIFF 1.x by
# translate.storage.xliff, PO by pypo).  Checked:
#   - OUTPUT has as many units as INPUT (headers left out), with the same
#     sources in the same order;
#   - a unit that had a target keeps it (pretranslate without --overwrite
#     fills only empty ones);
#   - with EXPECTED.tsv ("id<TAB>source<TAB>target" lines, doc-make.py):
#     the unit with that source has exactly that target.
# Prints how many units have a target before and after; exits 1 with the
# reasons when a check fails.
import sys

from translate.storage import factory


def units_of(path):
    store = factory.getobject(path)
    return [u for u in store.getunits() if not u.isheader()]


def text(value):
    return "" if value is None else str(value)


def main():
    inp, out = units_of(sys.argv[1]), units_of(sys.argv[2])
    expected = {}
    if len(sys.argv) > 3:
        with open(sys.argv[3], encoding="utf-8") as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                if len(fields) == 3:
                    expected[fields[1]] = fields[2]
    errors = []
    if len(inp) != len(out):
        errors.append("%d units read before, %d after" % (len(inp), len(out)))
    for a, b in zip(inp, out):
        if text(a.source) != text(b.source):
            errors.append("source changed: %r -> %r" % (text(a.source),
                                                        text(b.source)))
        elif text(a.target) and text(a.target) != text(b.target):
            errors.append("target of %r changed: %r -> %r"
                          % (text(a.source), text(a.target), text(b.target)))
    found = 0
    for b in out:
        want = expected.get(text(b.source))
        if want is None:
            continue
        found += 1
        if text(b.target) != want:
            errors.append("%r: target %r, not %r" % (text(b.source),
                                                     text(b.target), want))
    if found != len(expected):
        errors.append("%d of the %d expected sources found"
                      % (found, len(expected)))
    before = sum(1 for u in inp if text(u.target))
    after = sum(1 for u in out if text(u.target))
    print("%d units; %d with a target before, %d after; %d exact targets "
          "checked" % (len(out), before, after, len(expected)))
    for e in errors[:20]:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
