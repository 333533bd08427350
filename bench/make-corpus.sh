#!/bin/sh
# bench/make-corpus.sh -- the French<->Chinese memories the matching
# benchmark runs on (bench/match.sh), built from Debian's gettext catalogs.
#
#   bench/make-corpus.sh [--install] [OUTDIR]     (default OUTDIR: bench/data)
#
# 1. With --install, apt-get installs the Debian packages listed below, all
#    of which ship French (fr) and Simplified Chinese (zh_CN) catalogs.
# 2. Every catalog present in both /usr/share/locale/fr/LC_MESSAGES and
#    /usr/share/locale/zh_CN/LC_MESSAGES is decompiled with msgunfmt; the
#    French and Chinese translations of the same msgid (singular, or the
#    first plural form) become a unit.  Units whose French or Chinese text
#    is empty, identical to the other, or longer than 1000 characters are
#    left out; a (French, Chinese) pair is kept once.
#    -> OUTDIR/gettext.fr-zh.tmx (fr-FR -> zh-CN), tens of thousands of units.
# 3. OUTDIR/gettext-1m.fr-zh.tmx: 1,000,000 units.  The real units first,
#    then recombinations: unit k (k past the real ones) is the French of
#    real unit a followed by a space and the French of real unit b, and the
#    Chinese of a followed by the Chinese of b, with a and b drawn by a
#    fixed-seed generator (random.Random(20260611)); pairs already used are
#    drawn again.  Each recombined unit is thus a new sentence pair made of
#    real text, as long as two real ones.
#
# Needs: gettext (msgunfmt), python3.  Nothing here is run by make check.
set -eu

PACKAGES="coreutils tar sed grep gawk findutils diffutils wget bison m4 make
 gcc-12-locales gettext binutils gdb gnupg dpkg apt aspell bash man-db
 procps psmisc shadow-utils xz-utils
 gimp inkscape evolution nautilus gedit gnome-control-center gparted
 synaptic transmission-gtk pidgin gnucash vlc-l10n vlc-bin
 dolphin konsole kate okular gwenview
 xfce4-panel thunar mousepad postgresql-15 systemd udisks2 avahi-daemon"

install=no
if [ "${1-}" = --install ]; then
	install=yes
	shift
fi
outdir=${1:-$(dirname "$0")/data}
mkdir -p "$outdir"

if [ $install = yes ]; then
	apt-get update -q
	for p in $PACKAGES; do
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "$p" ||
			echo "make-corpus: $p not installed, going on" >&2
	done
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fr=/usr/share/locale/fr/LC_MESSAGES
zh=/usr/share/locale/zh_CN/LC_MESSAGES
n=0
for mo in "$fr"/*.mo; do
	name=$(basename "$mo" .mo)
	[ -f "$zh/$name.mo" ] || continue
	msgunfmt --no-wrap -o "$work/$name.fr.po" "$mo" 2>/dev/null || continue
	msgunfmt --no-wrap -o "$work/$name.zh.po" "$zh/$name.mo" \
		2>/dev/null || continue
	n=$((n + 1))
done
echo "make-corpus: $n catalogs in both French and Chinese" >&2

/usr/bin/python3 - "$work" "$outdir" <<'EOF'
import glob, os, random, re, sys
from xml.sax.saxutils import escape

work, outdir = sys.argv[1], sys.argv[2]

def unquote(s):
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    body = s[1:-1]
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t', 'r': '\r',
                  '"': '"', '\\': '\\'}.get(m.group(1), m.group(1)), body)

def read_po(path):
    """msgid (with msgctxt) -> first translation, from msgunfmt output."""
    entries, cur, field = {}, {}, None
    def flush():
        if 'msgid' in cur and cur.get('msgid'):
            key = (cur.get('msgctxt', ''), cur['msgid'])
            text = cur.get('msgstr', cur.get('msgstr[0]', ''))
            entries[key] = text
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                if not line and cur:
                    flush(); cur = {}; field = None
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (.*)$', line)
            if m:
                field = m.group(1)
                cur[field] = unquote(m.group(2))
            elif line.startswith('"') and field:
                cur[field] += unquote(line)
    if cur:
        flush()
    return entries

def clean(s):
    # one segment per unit: gettext strings may hold several lines
    return ' '.join(s.split())

def is_xml_char(c):
    o = ord(c)
    return o in (9, 10, 13) or 0x20 <= o <= 0xd7ff or 0xe000 <= o <= 0xfffd \
        or o >= 0x10000

pairs, seen = [], set()
for frpo in sorted(glob.glob(os.path.join(work, '*.fr.po'))):
    zhpo = frpo[:-len('.fr.po')] + '.zh.po'
    if not os.path.exists(zhpo):
        continue
    fr, zh = read_po(frpo), read_po(zhpo)
    for key, frtext in fr.items():
        zhtext = zh.get(key)
        if not zhtext or not frtext:
            continue
        frtext, zhtext = clean(frtext), clean(zhtext)
        if not frtext or not zhtext or frtext == zhtext:
            continue
        if len(frtext) > 1000 or len(zhtext) > 1000:
            continue
        if not all(is_xml_char(c) for c in frtext + zhtext):
            continue
        if (frtext, zhtext) in seen:
            continue
        seen.add((frtext, zhtext))
        pairs.append((frtext, zhtext))

def write_tmx(path, units):
    with open(path, 'w', encoding='utf-8') as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<tmx version="1.4">\n'
                  '  <header creationtool="tmgloss-make-corpus" '
                  'creationtoolversion="1" segtype="sentence" o-tmf="gettext" '
                  'adminlang="en" srclang="fr-FR" datatype="plaintext"/>\n'
                  '  <body>\n')
        for i, (f, z) in enumerate(units):
            out.write('    <tu tuid="%d"><tuv xml:lang="fr-FR"><seg>%s</seg>'
                      '</tuv><tuv xml:lang="zh-CN"><seg>%s</seg></tuv></tu>\n'
                      % (i + 1, escape(f), escape(z)))
        out.write('  </body>\n</tmx>\n')

write_tmx(os.path.join(outdir, 'gettext.fr-zh.tmx'), pairs)
print('make-corpus: %d units in %s' % (len(pairs),
      os.path.join(outdir, 'gettext.fr-zh.tmx')), file=sys.stderr)

rng = random.Random(20260611)
big, used = list(pairs), set(pairs)
while len(big) < 1000000:
    a, b = rng.randrange(len(pairs)), rng.randrange(len(pairs))
    unit = (pairs[a][0] + ' ' + pairs[b][0], pairs[a][1] + pairs[b][1])
    if a == b or unit in used:
        continue
    used.add(unit)
    big.append(unit)
write_tmx(os.path.join(outdir, 'gettext-1m.fr-zh.tmx'), big)
print('make-corpus: %d units in %s' % (len(big),
      os.path.join(outdir, 'gettext-1m.fr-zh.tmx')), file=sys.stderr)
EOF
