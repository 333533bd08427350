#!/bin/sh
# bench/check.sh -- how well and how fast `tmgloss check` finds errors in
# a real French->Chinese memory.
#
# Quality: bench/check-seed.py seeds errors of each kind into PER_CHECK
# (default 300) targets each of the real memory (a fixed seed; the script
# says what each error is), leaving every other unit as translated.  The
# seeded file is checked (--severity info, every check) and, per check,
# the script prints the share of its seeded units that check reports
# (recall; the goal is 0.95 or more) and how many untouched units it
# reports (false alarms, or real errors of the memory: read a sample,
# written to $DIR/sample-CHECK.tsv with KEEP=1).
#
# The glossary is the ten concepts bench/check-seed.py writes (a
# preferred, admitted and deprecated Chinese term each); the memory
# beside it is the real memory as it is (not seeded), which the length
# check learns its bounds from.  The time that learning takes at start-up
# is printed (a one-unit file checked for length with and without the
# memory); LARGE_DB=FILE (a memory with the 1 M units imported, which
# this script does not make) times it on that memory too.
#
# Speed: the glossary is the 100,000 concepts of bench/terms.sh (run
# first; its own figures go to $DIR/terms.log) with those ten; the real memory is checked whole and its first half,
# MB/s of the TMX file, peak RSS (the checker streams: it should not grow
# with the file); LARGE=1 adds the 1 M-unit memory.
#
#   bench/check.sh [TMGLOSS]   (default: src/tmgloss of the build tree)
#   MEMORY=/tmp/benchdata/gettext.fr-zh.tmx PER_CHECK=300 SEED=20261206
#   LARGE=1 LARGE_DB=/path/to/1m.db KEEP=1
#
# Never part of make check.  Needs /usr/bin/python3, awk, /usr/bin/time.
set -eu
TMGLOSS=${1:-${TMGLOSS:-src/tmgloss}}
TMGLOSS=$(cd "$(dirname "$TMGLOSS")" && pwd)/$(basename "$TMGLOSS")
HERE=$(cd "$(dirname "$0")" && pwd)
MEMORY=${MEMORY:-/tmp/benchdata/gettext.fr-zh.tmx}
LARGE_MEMORY=${LARGE_MEMORY:-/tmp/benchdata/gettext-1m.fr-zh.tmx}
PER_CHECK=${PER_CHECK:-300}
SEED=${SEED:-20261206}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/tmgloss-check.XXXXXX")
trap 'test -n "${KEEP:-}" || rm -rf "$DIR"' EXIT
DB="$DIR/memory.db"
export TMGLOSS_DB="$DB"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# the 100,000-concept glossary of bench/terms.sh
mkdir "$DIR/terms"
TMPDIR="$DIR/terms" KEEP=1 sh "$HERE/terms.sh" "$TMGLOSS" >"$DIR/terms.log"
glossary=$(ls "$DIR"/terms/tmgloss-bench.*/glossary.tsv)
/usr/bin/python3 "$HERE/check-seed.py" --glossary "$DIR/glossary.tbx"
t0=$(now)
"$TMGLOSS" import -q "$glossary"
"$TMGLOSS" import -q "$DIR/glossary.tbx"
t1=$(now)
echo "glossary: $(($(wc -l <"$glossary") - 1)) + 10 concepts, import $(elapsed "$t0" "$t1") s"
# quality is measured with the ten concepts alone: the made-up French
# words of terms.sh are often real ones ("valide", "pose") whose made-up
# translations are never in a real target
"$TMGLOSS" --db "$DIR/quality.db" import -q "$DIR/glossary.tbx"
t0=$(now)
"$TMGLOSS" --db "$DIR/quality.db" import -q "$MEMORY"
t1=$(now)
echo "memory for the length bounds: $MEMORY, import $(elapsed "$t0" "$t1") s"

# --------------------------------------------------------------- quality
/usr/bin/python3 "$HERE/check-seed.py" "$MEMORY" "$DIR/seeded.tmx" \
	"$DIR/seeds.tsv" "$PER_CHECK" "$SEED"
units=$(grep -c '<tu ' "$DIR/seeded.tmx")
seeded=$(wc -l <"$DIR/seeds.tsv")
echo "memory:   $MEMORY, $units units, $seeded seeded ($PER_CHECK per check, seed $SEED)"
t0=$(now)
"$TMGLOSS" --db "$DIR/quality.db" check --severity info --format=tsv -q \
	"$DIR/seeded.tmx" >"$DIR/findings.tsv" || test $? = 1
t1=$(now)
echo "check of the seeded file: $(elapsed "$t0" "$t1") s, $(wc -l <"$DIR/findings.tsv") findings"
echo
printf '%-16s %7s %7s %7s %10s %9s\n' check seeded found recall untouched "per 1000"
awk -F'\t' -v units="$units" -v seeded="$seeded" -v dir="$DIR" '
	FNR == NR { seed[$2] = $3; nseed[$3]++; next }
	{
		key = $3 SUBSEP $4
		if ($3 in seed) {
			if (seed[$3] == $4 && !(key in hit)) found[$4]++
		} else if (!(key in hit)) {
			untouched[$4]++
			print > (dir "/untouched-" $4 ".tsv")
		}
		hit[key] = 1
	}
	END {
		n = split("term-missing term-deprecated term-admitted number placeholder untranslated whitespace punctuation inconsistent length", names, " ")
		for (i = 1; i <= n; i++) {
			c = names[i]
			printf "%-16s %7d %7d %7.3f %10d %9.2f\n", c, nseed[c],
			       found[c], nseed[c] ? found[c] / nseed[c] : 0,
			       untouched[c], 1000 * untouched[c] / (units - seeded)
		}
	}' "$DIR/seeds.tsv" "$DIR/findings.tsv"
# a sample of each check's findings on untouched units, for reading
for f in "$DIR"/untouched-*.tsv; do
	test -e "$f" || continue
	c=${f##*/untouched-}
	awk -v seed="$SEED" 'BEGIN { srand(seed) } { print rand() "\t" $0 }' "$f" |
		sort -n | head -n 20 | cut -f 2- >"$DIR/sample-$c"
done

# ------------------------------------------- learning the length bounds
# one unit checked for length alone: with no memory (the defaults), then
# with the memory (the bounds learned at start-up from a sample)
awk '/<tu / { if (++k > 1) next } { print }' "$MEMORY" >"$DIR/one.tmx"
learn () {
	t0=$(now)
	"$TMGLOSS" --db "$1" check --checks length --severity info -q \
		--format=tsv "$DIR/one.tmx" >/dev/null || test $? = 1
	t1=$(now)
	elapsed "$t0" "$t1"
}
echo
echo "length check of one unit: no memory $(learn "$DIR/none.db") s," \
     "learning from the memory $(learn "$DIR/quality.db") s"
if test -n "${LARGE_DB:-}"; then
	echo "  learning from $LARGE_DB: $(learn "$LARGE_DB") s"
fi

# ------------------------------------------------------------------ speed
# the first half of the memory's units, closed as a TMX file
half="$DIR/half.tmx"
awk -v n="$(($(grep -c '<tu ' "$MEMORY") / 2))" '
	/<tu / { if (++k > n) next } { print }' "$MEMORY" >"$half"
speed () {
	bytes=$(wc -c <"$1")
	/usr/bin/time -f '%e %M' -o "$DIR/time" "$TMGLOSS" check \
		--severity info --format=tsv -q "$1" >/dev/null || test $? = 1
	read -r s kb <<-EOF
	$(tail -n 1 "$DIR/time")
	EOF
	awk -v b="$bytes" -v s="$s" -v kb="$kb" -v name="$2" 'BEGIN {
		printf "%-28s %7.1f MB %7.2f s %6.2f MB/s  peak RSS %6.1f MB\n",
		       name, b / 1048576, s, b / 1048576 / s, kb / 1024 }'
}
echo
speed "$half" "memory, first half"
speed "$MEMORY" "memory, whole"
if test -n "${LARGE:-}"; then
	speed "$LARGE_MEMORY" "1 M-unit memory"
fi
test -z "${KEEP:-}" || echo "kept: $DIR"
