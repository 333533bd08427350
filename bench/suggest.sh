#!/bin/sh
# bench/suggest.sh -- quality and speed of tmgloss suggest and extract on
# the real French<->Chinese memory built by bench/make-corpus.sh.
#
#   bench/suggest.sh [DATADIR [REFERENCE]]   (default: bench/work/data,
#                                             bench/suggest-reference.tsv)
#
# Precision@1 and @3 of `suggest` in both directions against REFERENCE
# (French<TAB>Chinese, each pair checked to occur in the memory), the time
# of each call, and the time and top 100 of `extract` (written to
# DATADIR/extract-top100.tsv for judging).  SKIP_EXTRACT=1 leaves extract
# out.  BIG=1 also imports DATADIR/gettext-1m.fr-zh.tmx (1,000,000 units,
# made by make-corpus.sh) into DATADIR/big.db once and times `suggest` on
# it for every term of REFERENCE, both ways (wall and CPU seconds, from
# /usr/bin/time, into DATADIR/suggest-1m-times.tsv).
#
# bench/suggest-reference.tsv is the test set: the figures reported.
# bench/suggest-dev.tsv (40 other pairs, written down before looking at
# what suggest gives for them) is the development set to try ranking
# changes on, so that the test set is not what they are tuned to.
set -eu
here=$(dirname "$0")
data=${1:-$here/work/data}
ref=${2:-$here/suggest-reference.tsv}
tmgloss=${TMGLOSS:-$here/../src/tmgloss}
db=$data/suggest-bench.db
[ -f "$data/gettext.fr-zh.tmx" ] || sh "$here/make-corpus.sh" "$data"
if [ ! -f "$db" ]; then
	rm -f "$db"
	/usr/bin/time -f "import: %e s" "$tmgloss" --db "$db" import \
		"$data/gettext.fr-zh.tmx" >/dev/null
	/usr/bin/time -f "index: %e s" "$tmgloss" --db "$db" index -q
fi
n=0; fz1=0; fz3=0; zf1=0; zf3=0
while IFS='	' read -r fr zh; do
	n=$((n + 1))
	"$tmgloss" --db "$db" suggest --format=tsv --max 3 "$fr" | cut -f 2 >"$data/.fz"
	"$tmgloss" --db "$db" suggest --format=tsv --max 3 "$zh" | cut -f 2 >"$data/.zf"
	[ "$(head -n 1 "$data/.fz")" = "$zh" ] && fz1=$((fz1 + 1))
	grep -qxF "$zh" "$data/.fz" && fz3=$((fz3 + 1))
	[ "$(head -n 1 "$data/.zf")" = "$fr" ] && zf1=$((zf1 + 1))
	grep -qxF "$fr" "$data/.zf" && zf3=$((zf3 + 1))
	printf '%s\t%s\t%s\t%s\n' "$fr" "$zh" "$(head -n 1 "$data/.fz")" \
		"$(head -n 1 "$data/.zf")"
done <"$ref" >"$data/suggest-results.tsv"
awk -v n=$n -v a=$fz1 -v b=$fz3 -v c=$zf1 -v d=$zf3 'BEGIN {
	printf "fr->zh P@1 %.2f P@3 %.2f; zh->fr P@1 %.2f P@3 %.2f (%d pairs)\n",
	       a / n, b / n, c / n, d / n, n }'
start=$(date +%s.%N)
while IFS='	' read -r fr zh; do
	"$tmgloss" --db "$db" suggest --format=tsv "$fr" >/dev/null
done <"$ref"
end=$(date +%s.%N)
echo "suggest: $(echo "($end - $start) * 1000 / $n" | bc) ms per French term"
if [ "${BIG-}" = 1 ]; then
	big=$data/big.db
	if ! [ -f "$big" ]; then
		/usr/bin/time -f "import 1M: %e s" "$tmgloss" \
			--db "$big" import "$data/gettext-1m.fr-zh.tmx" >/dev/null
		/usr/bin/time -f "index 1M: %e s" "$tmgloss" --db "$big" \
			index -q
	fi
	while IFS='	' read -r fr zh; do
		for t in "$fr" "$zh"; do
			/usr/bin/time -f "%e	%U	%S" -o "$data/.t" "$tmgloss" \
				--db "$big" suggest --format=tsv "$t" >/dev/null
			printf '%s\t%s\n' "$t" "$(cat "$data/.t")"
		done
	done <"$ref" >"$data/suggest-1m-times.tsv"
	sort -t '	' -k 2 -g "$data/suggest-1m-times.tsv" | awk -F '\t' '
		{ wall[NR] = $2; cpu += $3 + $4; sum += $2 }
		END { printf "suggest on 1M units: mean %.0f ms wall, %.0f ms CPU;" \
			  " median %.0f ms, slowest %.0f ms (%d terms)\n",
			  1000 * sum / NR, 1000 * cpu / NR,
			  1000 * wall[int((NR + 1) / 2)], 1000 * wall[NR], NR }'
fi
[ "${SKIP_EXTRACT-}" = 1 ] && exit 0
/usr/bin/time -f "extract: %e s" "$tmgloss" --db "$db" extract --format=tsv \
	-o "$data/extract.tsv"
head -n 100 "$data/extract.tsv" >"$data/extract-top100.tsv"
