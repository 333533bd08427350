#!/bin/sh
# text.sh -- tokenisation throughput of the text layer next to a bare ICU
# word break loop (the floor), French and Chinese, in one run.
#
#   bench/text.sh [SECONDS]     (from the top of a configured build tree)
#   bench/text.sh --memory FILE [SECONDS]
#   BUILD=DIR bench/text.sh ...  (a build tree of its own, out of the source)
#
# French: the seed article (../shared/seeds) when present, else the French
# cases of tests/data/text-cases.tsv; Chinese: the Chinese cases.  Each is
# repeated to about 200 KB of lines.  With --memory, the French and the
# Chinese texts of that memory instead, once each (SECONDS should then
# cover a pass: the figures say what cutting the index pass's texts into
# words costs, against the file's xmllint time).  Record
# the figures in BENCHMARKS.md.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
memory=
if [ "${1:-}" = --memory ]; then
	memory=$2
	shift 2
fi
seconds=${1:-2}
work=${TMPDIR:-/tmp}/tmgloss-bench.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

build=${BUILD:-$top}
make -s -C "$build" bench/text-bench >/dev/null

if [ -n "$memory" ]; then
	echo "tmgloss text layer on the texts of $memory, $(date -u +%Y-%m-%d), ICU $(pkg-config --modversion icu-uc), $(nproc) cores"
	for lang in fr zh; do
		sqlite3 "$memory" "SELECT replace(replace(text, char(10), ' '),
			char(13), ' ') FROM variants
			WHERE lower(substr(lang, 1, 2)) = '$lang'" >"$work/$lang.txt"
		printf '%s: %s bytes of text in %s variants\n' "$lang" \
			"$(wc -c <"$work/$lang.txt")" "$(wc -l <"$work/$lang.txt")"
		"$build/bench/text-bench" "$lang" "$work/$lang.txt" "$seconds"
	done
	exit 0
fi

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
	"$build/bench/text-bench" "$lang" "$work/$lang.txt" "$seconds"
done
