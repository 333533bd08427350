#!/bin/sh
# text.sh -- tokenisation throughput of the text layer next to a bare ICU
# word break loop (the floor), French and Chinese, in one run.
#
#   bench/text.sh [SECONDS]     (from the top of a configured build tree)
#
# French: the seed article (../shared/seeds) when present, else the French
# cases of tests/data/text-cases.tsv; Chinese: the Chinese cases.  Each is
# repeated to about 200 KB of lines.  Record the figures in BENCHMARKS.md.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-2}
work=${TMPDIR:-/tmp}/tmgloss-bench.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

make -s -C "$top" bench/text-bench >/dev/null

cases="$top/tests/data/text-cases.tsv"
seeds="$top/../shared/seeds"
test -d "$seeds" || seeds=/work/shared/seeds
# the inputs of sentence cases without escapes
pick() {
	awk -F '\t' -v lang="$1" '$1 == "sentences" && $2 == lang &&
		$4 !~ /\\/ && $4 != "" { print $4 }' "$cases"
}
if ls "$seeds"/*.txt >/dev/null 2>&1; then
	cat "$seeds"/*.txt >"$work/fr.one"
else
	pick fr >"$work/fr.one"
fi
pick zh >"$work/zh.one"
for lang in fr zh; do
	: >"$work/$lang.txt"
	while test "$(wc -c <"$work/$lang.txt")" -lt 200000; do
		cat "$work/$lang.one" >>"$work/$lang.txt"
	done
done

echo "tmgloss text layer, $(date -u +%Y-%m-%d), ICU $(pkg-config --modversion icu-uc), $(nproc) cores"
for lang in fr zh; do
	"$top/bench/text-bench" "$lang" "$work/$lang.txt" "$seconds"
done
