#!/bin/sh
# bench/suggest.sh -- quality and speed of tmgloss suggest and extract on
# the real French<->Chinese memory built by bench/make-corpus.sh.
#
#   bench/suggest.sh [DATADIR]      (default: bench/data)
#
# Precision@1 and @3 of `suggest` in both directions against
# bench/suggest-reference.tsv (French<TAB>Chinese, each pair checked to
# occur in the memory), the time of each call, and the time and top 100 of
# `extract` (written to DATADIR/extract-top100.tsv for judging).
set -eu
here=$(dirname "$0")
data=${1:-$here/data}
tmgloss=${TMGLOSS:-$here/../src/tmgloss}
db=$data/suggest-bench.db
[ -f "$data/gettext.fr-zh.tmx" ] || sh "$here/make-corpus.sh" "$data"
if [ ! -f "$db" ]; then
	rm -f "$db"
	/usr/bin/time -f "import: %e s" "$tmgloss" --db "$db" import \
		"$data/gettext.fr-zh.tmx" >/dev/null
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
done <"$here/suggest-reference.tsv" >"$data/suggest-results.tsv"
awk -v n=$n -v a=$fz1 -v b=$fz3 -v c=$zf1 -v d=$zf3 'BEGIN {
	printf "fr->zh P@1 %.2f P@3 %.2f; zh->fr P@1 %.2f P@3 %.2f (%d pairs)\n",
	       a / n, b / n, c / n, d / n, n }'
start=$(date +%s.%N)
while IFS='	' read -r fr zh; do
	"$tmgloss" --db "$db" suggest --format=tsv "$fr" >/dev/null
done <"$here/suggest-reference.tsv"
end=$(date +%s.%N)
echo "suggest: $(echo "($end - $start) * 1000 / $n" | bc) ms per French term"
/usr/bin/time -f "extract: %e s" "$tmgloss" --db "$db" extract --format=tsv \
	-o "$data/extract.tsv"
head -n 100 "$data/extract.tsv" >"$data/extract-top100.tsv"
