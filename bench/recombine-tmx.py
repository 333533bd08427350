#!/usr/bin/python3
# recombine-tmx.py -- a larger memory made of a real one's short units, for
# the import benchmark's real-data mode (bench/import.sh).  Never run by
# make check.
#
# Usage: recombine-tmx.py REAL.tmx TIMES OUTPUT.tmx [SEED]
#
# Method.  REAL.tmx is a two-language memory (bench/make-corpus.sh's
# gettext.fr-zh.tmx: French -> Chinese, one <seg> of plain text per
# <tuv>).  OUTPUT.tmx holds TIMES times as many units:
#   - first the real units, as they are (same texts, same order);
#   - then TIMES - 1 rounds over the real units: in each round, real unit a
#     (in file order) is joined with a real unit b drawn at random (fixed
#     seed, default 20261206): the French is the first half of a's words
#     followed by the second half of b's words, the Chinese the first half
#     of a's pieces followed by the second half of b's pieces (a piece is a
#     run of ASCII letters, digits and signs, such as a placeholder "%s" or
#     a name, a run of spaces, or any other character).  A unit of n
#     words gives its first ceil(n/2) and its last floor(n/2), so every
#     recombined unit is about as long as a real one, made of real text.
#     A pair whose French or Chinese would be empty, the same on both
#     sides, or a pair (French, Chinese) already written, is drawn again
#     with another b: all units are distinct and the importer merges none.
# The header is the real file's (srclang fr-FR); tuids are 1, 2, 3...
# At the end the script prints the units written and the mean length of a
# segment, in bytes of UTF-8, in the real file and in OUTPUT.tmx.
import random
import re
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

if len(sys.argv) not in (4, 5):
    sys.exit("usage: recombine-tmx.py REAL.tmx TIMES OUTPUT.tmx [SEED]")
real_path, times, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
seed = int(sys.argv[4]) if len(sys.argv) == 5 else 20261206

XML_NS = '{http://www.w3.org/XML/1998/namespace}lang'
units = []          # (source text, target text)
langs = None
for _, el in ET.iterparse(real_path):
    if el.tag != 'tu':
        continue
    tuvs = el.findall('tuv')
    if len(tuvs) != 2:
        sys.exit("recombine-tmx.py: a <tu> without exactly two <tuv>")
    if langs is None:
        langs = tuple(t.get(XML_NS) or t.get('lang') for t in tuvs)
    units.append(tuple(''.join(t.find('seg').itertext()) for t in tuvs))
    el.clear()
if not units:
    sys.exit("recombine-tmx.py: no units in " + real_path)

PIECE = re.compile(r'[\x21-\x7e]+|\s+|.', re.S)


def words(s):
    return s.split(' ')


def pieces(s):
    return PIECE.findall(s)


def head(parts):
    return parts[:(len(parts) + 1) // 2]


def tail(parts):
    return parts[(len(parts) + 1) // 2:] if len(parts) > 1 else []


src_words = [words(f) for f, _ in units]
tgt_pieces = [pieces(z) for _, z in units]
seen = set(units)
rng = random.Random(seed)
out_units = list(units)
for _ in range(times - 1):
    for a in range(len(units)):
        for _try in range(1000):
            b = rng.randrange(len(units))
            f = ' '.join(head(src_words[a]) + tail(src_words[b])).strip()
            z = ''.join(head(tgt_pieces[a]) + tail(tgt_pieces[b])).strip()
            if f and z and f != z and (f, z) not in seen:
                break
        else:
            sys.exit("recombine-tmx.py: no new pair for unit %d" % (a + 1))
        seen.add((f, z))
        out_units.append((f, z))

with open(out_path, 'w', encoding='utf-8') as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
              '  <header creationtool="tmgloss-recombine-tmx" '
              'creationtoolversion="1" segtype="sentence" o-tmf="gettext" '
              'adminlang="en" srclang="%s" datatype="plaintext"/>\n'
              '  <body>\n' % langs[0])
    for i, (f, z) in enumerate(out_units, 1):
        out.write('    <tu tuid="%d"><tuv xml:lang="%s"><seg>%s</seg></tuv>'
                  '<tuv xml:lang="%s"><seg>%s</seg></tuv></tu>\n'
                  % (i, langs[0], escape(f), langs[1], escape(z)))
    out.write('  </body>\n</tmx>\n')


def mean_bytes(us):
    return sum(len(f.encode()) + len(z.encode()) for f, z in us) / (2 * len(us))


print("%d units; mean segment %.1f bytes (real file: %.1f)"
      % (len(out_units), mean_bytes(out_units), mean_bytes(units)))
