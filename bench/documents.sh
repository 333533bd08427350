#!/bin/sh
# bench/documents.sh -- speed and memory of `tmgloss analyze` and `tmgloss
# pretranslate` on a 10,000-segment XLIFF document, against the real memory
# and the 1 M-unit one, beside Translate Toolkit's pretranslate.
#
#   bench/documents.sh [--no-tt] [--no-1m] [DATADIR]   (default: bench/data)
#
# Memories: DATADIR/gettext.fr-zh.tmx (the real one, 111,587 units) and
# DATADIR/gettext-1m.fr-zh.tmx (1,000,000 units), made by
# bench/make-corpus.sh when absent, imported once into DATADIR/real.db and
# DATADIR/1m.db and indexed (the files bench/match.sh uses: the two
# benchmarks share them).
#
# Documents: DATADIR/doc-10000.xlf and DATADIR/doc-20000.xlf, XLIFF 1.2
# (fr-FR -> zh-CN, one <trans-unit> per segment, no target), written by the
# Python below from the French side of the real memory: SEGMENTS (10,000)
# distinct French segments of 4 words or more, without inline codes, drawn
# with random.Random(20261206); every third one has one word replaced by
# another word of the memory (the same generator), so that a third of the
# document gets fuzzy matches.  doc-20000.xlf is drawn the same way with
# twice as many segments: it is there to show that peak memory does not
# grow with the document.
#
# Timings: each command under /usr/bin/time -v, wall time, CPU time (user
# + system) and peak RSS, the best wall time of RUNS runs (default 3; the
# machine may be shared) on the first document, one run on the second; ms
# per segment is the time (start-up and all) divided by the segments.  On
# a loaded machine the wall time waits for the CPU: the CPU time is then
# the one to read.  The load average is printed first and last.
# pretranslate writes to DATADIR/out.
#
# Translate Toolkit: its `pretranslate` reads the memory with --tm (a TMX
# through translate.storage.factory; its matcher takes no tmdb) and writes
# its matches as <alt-trans>, on the first TT_SEGMENTS (default 100)
# segments of the first document, then on a 1-segment document: the
# difference is its matching time, the 1-segment run its
# load time; both are reported, and the ratio compares per-segment time
# with the load left out (as tmgloss's start-up is not).  Beside it, the
# tmdb way (build_tmdb -s fr -t zh, then TMDB.translate_unit, min 75, one
# candidate) on the first TMDB_SEGMENTS (default 10) segments, as
# bench/match.sh measures it.  --no-tt leaves Translate Toolkit out;
# Translate Toolkit runs on the real memory only (the 1 M TMX would take it
# hours).
#
# Needs: tmgloss built with pretranslate (src/tmgloss, or TMGLOSS), GNU
# time, /usr/bin/python3 with translate-toolkit and python3-levenshtein.
# Never part of make check.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
TMGLOSS=${TMGLOSS:-$top/src/tmgloss}
PYTHON=/usr/bin/python3
RUNS=${RUNS:-3}
SEGMENTS=${SEGMENTS:-10000}
TT_SEGMENTS=${TT_SEGMENTS:-100}
TMDB_SEGMENTS=${TMDB_SEGMENTS:-10}
tt=yes
big=yes
while [ $# -gt 0 ]; do
	case $1 in
	--no-tt) tt=no; shift ;;
	--no-1m) big=no; shift ;;
	*) break ;;
	esac
done
data=${1:-$here/data}
mkdir -p "$data/out"
[ -f "$data/gettext.fr-zh.tmx" ] && [ -f "$data/gettext-1m.fr-zh.tmx" ] ||
	sh "$here/make-corpus.sh" "$data"

memories=real
[ $big = yes ] && memories="real 1m"

tmx_of() {
	case $1 in
	real) echo "$data/gettext.fr-zh.tmx" ;;
	1m) echo "$data/gettext-1m.fr-zh.tmx" ;;
	esac
}

echo "tmgloss: $($TMGLOSS --version | head -1); $(nproc) cores;" \
	"load average $(cut -d' ' -f1-3 /proc/loadavg)"

# ------------------------------------------------------------ documents
# make_doc N FILE [SEED]: N segments drawn from the real memory.
make_doc() {
	"$PYTHON" - "$data/gettext.fr-zh.tmx" "$1" "$2" <<'EOF'
import html
import random
import re
import sys

tmx, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
seg = re.compile(r'<tuv xml:lang="fr[^"]*"><seg>([^<]*)</seg>')
sources, seen = [], set()
with open(tmx, encoding="utf-8") as f:
    for line in f:
        m = seg.search(line)
        if not m:
            continue
        text = html.unescape(m.group(1))
        if len(text.split()) >= 4 and text not in seen:
            seen.add(text)
            sources.append(text)
rng = random.Random(20261206)
words = sorted({w for s in sources for w in s.split() if w.isalpha()})
chosen = rng.sample(sources, count)
with open(out, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<xliff version="1.2" '
            'xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
            '<file original="bench.txt" source-language="fr-FR" '
            'target-language="zh-CN" datatype="plaintext">\n<body>\n')
    for i, text in enumerate(chosen):
        if i % 3 == 2:
            parts = text.split(" ")
            k = rng.randrange(len(parts))
            parts[k] = rng.choice(words)
            text = " ".join(parts)
        f.write('<trans-unit id="%d"><source>%s</source></trans-unit>\n'
                % (i + 1, html.escape(text, quote=False)))
    f.write('</body>\n</file>\n</xliff>\n')
EOF
}

doc=$data/doc-$SEGMENTS.xlf
doc2=$data/doc-$((SEGMENTS * 2)).xlf
[ -f "$doc" ] || make_doc "$SEGMENTS" "$doc"
[ -f "$doc2" ] || make_doc $((SEGMENTS * 2)) "$doc2"
segs=$(grep -c '<trans-unit' "$doc")
segs2=$(grep -c '<trans-unit' "$doc2")
echo "documents: $doc ($segs segments), $doc2 ($segs2 segments)"

# ------------------------------------------------------------- memories
for mem in $memories; do
	tmx=$(tmx_of $mem)
	db="$data/$mem.db"
	if [ ! -f "$db" ] || [ "$tmx" -nt "$db" ]; then
		rm -f "$db" "$db-wal" "$db-shm"
		start=$(date +%s.%N)
		$TMGLOSS --db "$db" import -q "$tmx" >/dev/null
		$TMGLOSS --db "$db" index -q
		end=$(date +%s.%N)
		echo "$mem: import and index $(echo "$end - $start" | bc) s"
	fi
done

# ---------------------------------------------------------------- timing
# timed FILE CMD...: run CMD under /usr/bin/time -v; "WALL_S RSS_KB CPU_S"
# (CPU: user + system) into FILE.
timed() {
	out=$1
	shift
	/usr/bin/time -v "$@" >/dev/null 2>"$out.time" || {
		cat "$out.time" >&2
		exit 1
	}
	awk -F': ' '
		/Elapsed \(wall clock\)/ {
			n = split($2, t, ":")
			s = 0
			for (i = 1; i <= n; i++) s = s * 60 + t[i]
		}
		/Maximum resident set size/ { rss = $2 }
		/User time|System time/ { cpu += $2 }
		END { print s, rss, cpu }' "$out.time" >"$out"
}

# best COMMAND-NAME MEMORY DOC RUNS: best wall of RUNS runs; prints a row.
best() {
	name=$1 mem=$2 file=$3 runs=$4 n=$5
	bw= brss=
	for r in $(seq "$runs"); do
		case $name in
		analyze)
			timed "$data/out/t" $TMGLOSS --db "$data/$mem.db" \
				analyze "$file" ;;
		pretranslate)
			timed "$data/out/t" $TMGLOSS --db "$data/$mem.db" \
				pretranslate -o "$data/out/$mem-$n.xlf" "$file" ;;
		esac
		read -r w rss cpu <"$data/out/t"
		if [ -z "$bw" ] || [ "$(echo "$w < $bw" | bc)" = 1 ]; then
			bw=$w bcpu=$cpu
		fi
		if [ -z "$brss" ] || [ "$rss" -gt "$brss" ]; then
			brss=$rss
		fi
	done
	printf '| %s | %s | %s | %.2f s | %.3f ms | %.2f s | %.3f ms | %.1f MB |\n' \
		"$name" "$mem" "$n" "$bw" "$(echo "$bw * 1000 / $n" | bc -l)" \
		"$bcpu" "$(echo "$bcpu * 1000 / $n" | bc -l)" \
		"$(echo "$brss / 1024" | bc -l)"
	echo "$bw $bcpu" >"$data/out/best-$name-$mem-$n"
}

echo
echo "| command | memory | segments | wall (best of $RUNS on the first) | per segment | CPU of that run | per segment | peak RSS |"
echo "|---|---|---|---|---|---|---|---|"
for mem in $memories; do
	for cmd in analyze pretranslate; do
		best $cmd $mem "$doc" "$RUNS" "$segs"
		best $cmd $mem "$doc2" 1 "$segs2"
	done
done

# ----------------------------------------------------- Translate Toolkit
[ $tt = yes ] || exit 0
head_doc() {
	"$PYTHON" - "$doc" "$1" "$2" <<'EOF'
import sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(src, encoding="utf-8") as f:
    lines = f.readlines()
units = [l for l in lines if l.startswith("<trans-unit")][:n]
head = [l for l in lines[:5] if not l.startswith("<trans-unit")]
with open(out, "w", encoding="utf-8") as f:
    f.writelines(head + units + ["</body>\n</file>\n</xliff>\n"])
EOF
}
head_doc "$TT_SEGMENTS" "$data/out/tt-doc.xlf"
head_doc 1 "$data/out/tt-one.xlf"
tmx=$(tmx_of real)
# Translate Toolkit 3.8 fails without a template ("'NoneType' object has
# no attribute 'findunit'"): the document itself is given as its template
# (no target to take from it).  It puts what it finds in <alt-trans>.
timed "$data/out/tt" pretranslate --progress=none --tm "$tmx" \
	-t "$data/out/tt-doc.xlf" -i "$data/out/tt-doc.xlf" \
	-o "$data/out/tt-out.xlf"
read -r tt_wall tt_rss tt_cpu <"$data/out/tt"
timed "$data/out/tt1" pretranslate --progress=none --tm "$tmx" \
	-t "$data/out/tt-one.xlf" -i "$data/out/tt-one.xlf" \
	-o "$data/out/tt-one-out.xlf"
read -r tt1_wall tt1_rss tt1_cpu <"$data/out/tt1"
tt_filled=$(grep -c '<alt-trans' "$data/out/tt-out.xlf" || true)
read -r ours_wall ours_cpu <"$data/out/best-pretranslate-real-$segs"
echo
echo "Translate Toolkit pretranslate --tm (real memory, $TT_SEGMENTS segments," \
	"$tt_filled filled): wall $tt_wall s, CPU $tt_cpu s; loading the TMX" \
	"(1-segment run): wall $tt1_wall s, CPU $tt1_cpu s; peak RSS" \
	"$(echo "$tt_rss / 1024" | bc) MB"
echo "$tt_wall $tt1_wall $tt_cpu $tt1_cpu $TT_SEGMENTS $ours_wall $ours_cpu" \
	"$segs" | awk '{
	n = $5; m = $8
	printf "per segment, load left out: Translate Toolkit wall %.1f ms, " \
	       "CPU %.1f ms; tmgloss (start-up in) wall %.3f ms, CPU %.3f ms: " \
	       "%.0f x (wall), %.0f x (CPU)\n",
	       ($1 - $2) * 1000 / (n - 1), ($3 - $4) * 1000 / (n - 1),
	       $6 * 1000 / m, $7 * 1000 / m,
	       (($1 - $2) / (n - 1)) / ($6 / m), (($3 - $4) / (n - 1)) / ($7 / m)
	printf "whole runs: Translate Toolkit wall %.1f ms per segment: %.0f x\n",
	       $1 * 1000 / n, ($1 / n) / ($6 / m)
}'

tdb=$data/real.tmdb.fr-zh
if [ ! -f "$tdb" ]; then
	start=$(date +%s.%N)
	build_tmdb -d "$tdb" -s fr -t zh "$tmx" >/dev/null 2>&1
	end=$(date +%s.%N)
	echo "build_tmdb (fr->zh): $(echo "$end - $start" | bc) s"
fi
"$PYTHON" - "$tdb" "$doc" "$TMDB_SEGMENTS" "$ours_cpu" "$segs" <<'EOF'
import html
import re
import sys
import time

from translate.storage.tmdb import TMDB

tdb, doc, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
ours = float(sys.argv[4]) * 1000 / int(sys.argv[5])
db = TMDB(tdb, max_candidates=1, min_similarity=75, max_length=1000)
# ask in the languages build_tmdb stored (as bench/match.sh does)
src = [r[0] for r in db.cursor.execute("SELECT DISTINCT lang FROM sources")]
tgt = [r[0] for r in db.cursor.execute("SELECT DISTINCT lang FROM targets")]
texts = []
with open(doc, encoding="utf-8") as f:
    for line in f:
        m = re.search(r"<source>(.*)</source>", line)
        if m:
            texts.append(html.unescape(m.group(1)))
        if len(texts) == n:
            break
times, found = [], 0
for t in texts:
    start = time.process_time()
    found += bool(db.translate_unit(t, src, tgt))
    times.append((time.process_time() - start) * 1000)
mean = sum(times) / len(times)
print("tmdb translate_unit (%s->%s, %d segments, %d found): CPU %.1f ms per "
      "segment; tmgloss pretranslate CPU %.3f ms: %.0f x"
      % ("/".join(src), "/".join(tgt), len(times), found, mean, ours,
         mean / ours))
EOF
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
