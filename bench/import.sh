#!/bin/sh
# bench/import.sh -- how fast does `tmgloss import` read a large TMX file,
# against the XML parsing floor and against Translate Toolkit?  On a
# generated file of long units, and on real short ones.
#
# Usage: bench/import.sh [SIZE_MB]        (default 200)
#
# Method (BENCHMARKS.md, "Import (bench/import.sh)", has the figures):
#   1. bench/gen-tmx.py writes $WORK/import-SIZE.tmx, a realistic
#      French <-> Chinese TMX of SIZE megabytes, and import-SIZE/4.tmx, its
#      first quarter (the generator is deterministic: a smaller file is a
#      prefix of a larger one).  Files are kept between runs.
#   2. On the large file, one after the other, each measured with
#      /usr/bin/time -v (wall time, user+system CPU, peak RSS), best wall
#      time of $RUNS runs (default 3; the machine may be shared):
#        - xmllint --stream --noout: libxml2's streaming parser alone, the
#          floor for any importer built on it;
#        - tmgloss import into a fresh memory (a new file each run), with
#          its read-ahead thread and without (TMGLOSS_READ_AHEAD=0); the
#          ratios use the faster of the two;
#        - tmgloss index once on the imported memory: the search indexes
#          take the units in after the import (what the first match,
#          concord, suggest or extract would otherwise do), shown apart
#          and added to the import's time;
#        - Translate Toolkit's build_tmdb -s fr -t zh into a fresh tmdb
#          (one run: it is slow).  If it is still running after
#          $TMDB_TIMEOUT seconds (default 600) it is stopped and run on the
#          first $TMDB_SAMPLE_MB megabytes (default 20) instead; units per
#          second are compared either way.
#   3. tmgloss import on the quarter-size file, to show that peak RSS does
#      not grow with the file.
#   4. A table of times, units per second, RSS and the ratios the project
#      aims at: tmgloss <= 2.5 x xmllint, >= 10 x build_tmdb's units/s,
#      peak RSS <= 64 MB at both sizes.
#   5. Real data: the short units translators' memories are made of.  The
#      real memory is $REAL_DATA/gettext.fr-zh.tmx (default
#      REAL_DATA=bench/data; 111,587 French -> Chinese units from Debian's
#      gettext catalogs, made by bench/make-corpus.sh when absent, as
#      bench/match.sh does), and $WORK/gettext-x8.fr-zh.tmx is the same
#      memory recombined to 8 times as many units by
#      bench/recombine-tmx.py (fixed seed: the real units, then 7 rounds in
#      which each real unit's first half is joined to another real unit's
#      second half, French with French and Chinese with Chinese; units as
#      short as the real ones, all distinct; made again when the script or
#      the real memory is newer).  On each, $RUNS rounds of: xmllint
#      --stream, tmgloss import, the first `tmgloss match` on a copy of
#      the imported memory (the path a translator takes: the match brings
#      the token index up to date, the translation index waits for the
#      first suggest or extract), tmgloss index after the import (both
#      indexes), and the two in one pass (tmgloss import --index into a
#      new memory); the best of each (rounds, because the ratios then
#      compare runs made within a minute of each other); then build_tmdb
#      once (on the x8 file, if it runs over $TMDB_TIMEOUT seconds, on
#      its first quarter instead).  A table
#      gives each one's cost per unit and per byte of the file, wall and
#      CPU, and the ratios of issue 16:
#      import <= 2.5 x xmllint's wall time and <= 4 x its CPU time,
#      import + index <= 4 x xmllint, import + index >= 10 x build_tmdb's
#      units per second (each also for import + first match, whose index
#      is the one tmdb builds), the memory file <= 2 x the TMX (with both
#      indexes, and with the token index alone, as the first match leaves
#      it), and peak
#      RSS <= 64 MB for both (SQLite's page cache caps it; it does not
#      follow the file's size).  Beside import + index, the shortest
#      wall the two could take together on this machine: their CPU
#      time spread over every core with no wait (what overlapping them,
#      or any other scheduling of the same work, could give at best).
#      First and last, each core's speed (bench/cores.sh: the two cores
#      of this VM are not always alike); xmllint, single-threaded, runs
#      on each core in every round, the best kept.
#   6. Long segments: $WORK/long-25.tmx and long-100.tmx, 25 and 100 units
#      whose French segment is 2 MB of text (50 and 200 MB), each imported
#      with and without the parsing thread (TMGLOSS_READ_AHEAD=0).  The
#      read-ahead queue and the import's batches are bounded in bytes as
#      well as in units: peak RSS must be the same for both files, and
#      below 128 MB.
#
# Environment: TMGLOSS (default: the tree's src/tmgloss), RUNS,
# TMDB_TIMEOUT, TMDB_SAMPLE_MB, REAL_DATA, WORK (where files are made and
# kept; default bench/work), PARTS ("generated real long", the default,
# or any of them).  Missing tools (time, xmllint, translate-toolkit) are
# installed with apt-get when run as root.  Never part of make check.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
TMGLOSS=${TMGLOSS:-$top/src/tmgloss}
RUNS=${RUNS:-3}
TMDB_TIMEOUT=${TMDB_TIMEOUT:-600}
TMDB_SAMPLE_MB=${TMDB_SAMPLE_MB:-20}
size=${1:-200}
quarter=$((size / 4))
work=${WORK:-$here/work}
PARTS=${PARTS:-generated real long}
REAL_DATA=${REAL_DATA:-$here/data}
PYTHON=/usr/bin/python3

need() {
	missing=
	command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
	[ -x /usr/bin/time ] || missing="$missing time"
	command -v build_tmdb >/dev/null 2>&1 || missing="$missing translate-toolkit"
	[ -x "$PYTHON" ] || missing="$missing python3"
	echo "$missing"
}
missing=$(need)
if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		export DEBIAN_FRONTEND=noninteractive
		# shellcheck disable=SC2086
		apt-get install -y -q $missing >/dev/null 2>&1 ||
		{ apt-get update -q >/dev/null 2>&1 &&
		  apt-get install -y -q $missing >/dev/null; }
	else
		echo "bench/import.sh needs: apt-get install$missing" >&2
		exit 1
	fi
fi
if ! [ -x "$TMGLOSS" ]; then
	echo "bench/import.sh: $TMGLOSS is not built (run make)" >&2
	exit 1
fi
mkdir -p "$work"

# A generated file, made again when the generator changed.
generate() { # MB FILE
	if ! [ -s "$2" ] || [ "$here/gen-tmx.py" -nt "$2" ]; then
		echo "generating $2 ($1 MB)..." >&2
		"$PYTHON" "$here/gen-tmx.py" "$1" "$2" >/dev/null
	fi
}
units_of() { grep -c '<tu ' "$1"; }
want() { case " $PARTS " in *" $1 "*) return 0 ;; esac; return 1; }

# measure NAME CMD...: one run under /usr/bin/time -v; sets $wall (s),
# $cpu (user+sys s) and $rss (KB).  Returns 1 if the command failed.
measure() {
	name=$1
	shift
	if ! /usr/bin/time -v -o "$work/$name.time" "$@" \
		>"$work/$name.out" 2>&1; then
		return 1
	fi
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, t, ":"); s = 0
		for (i = 1; i <= n; i++) s = s * 60 + t[i]
		print s }' "$work/$name.time")
	cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 }
		END { printf "%.2f", u + s }' "$work/$name.time")
	rss=$(awk -F': ' '/Maximum resident/ { print $2 }' "$work/$name.time")
}

# best NAME SETUP CMD...: the run with the best wall time of $RUNS; SETUP
# is run before each (to start from a fresh memory).
best() {
	name=$1
	setup=$2
	shift 2
	best_wall= best_cpu= best_rss=0
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		eval "$setup"
		must "$name" "$@"
		keep "$name" best
		i=$((i + 1))
	done
}

# keep NAME VAR: after `measure NAME`, the best wall time (and its CPU
# time) into VAR_wall and VAR_cpu, the largest RSS into VAR_rss.
keep() {
	eval "kw=\${$2_wall}"
	if [ -z "$kw" ] || awk "BEGIN { exit !($wall < $kw) }"; then
		eval "$2_wall=\$wall $2_cpu=\$cpu"
	fi
	eval "kr=\${$2_rss}"
	[ "$rss" -gt "$kr" ] && eval "$2_rss=\$rss"
	return 0
}

# must NAME CMD...: measure it, or say what failed and stop.
must() {
	name=$1
	shift
	if ! measure "$name" "$@"; then
		echo "bench/import.sh: $name failed:" >&2
		tail -n 20 "$work/$name.out" >&2
		exit 1
	fi
}

db=$work/bench.db
fresh_db='rm -f "$db" "$db-wal" "$db-shm"'
tmdb=$work/bench.tmdb
fresh_tmdb='rm -f "$tmdb"'

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

if want generated; then
big=$work/import-$size.tmx
small=$work/import-$quarter.tmx
generate "$size" "$big"
generate "$quarter" "$small"
big_units=$(units_of "$big")
small_units=$(units_of "$small")
echo "file: $big ($(wc -c <"$big") bytes, $big_units units); best of $RUNS runs"

best xmllint : xmllint --stream --noout "$big"
x_wall=$best_wall x_cpu=$best_cpu x_rss=$best_rss

best tmgloss "$fresh_db" "$TMGLOSS" --db "$db" import -q "$big"
t_wall=$best_wall t_cpu=$best_cpu t_rss=$best_rss
stored=$("$TMGLOSS" --db "$db" stats --format=tsv | awk '$1 == "units" { print $2 }')
if [ "$stored" != "$big_units" ]; then
	echo "bench/import.sh: the memory holds $stored units, not $big_units" >&2
	exit 1
fi
# The search indexes take the units in afterwards (index-update.c): one
# run of `tmgloss index` on the memory the last import made.
if ! measure tmgloss-index "$TMGLOSS" --db "$db" index -q; then
	echo "bench/import.sh: tmgloss index failed:" >&2
	tail -n 20 "$work/tmgloss-index.out" >&2
	exit 1
fi
i_wall=$wall i_cpu=$cpu i_rss=$rss

best tmgloss-1thread "$fresh_db" env TMGLOSS_READ_AHEAD=0 \
	"$TMGLOSS" --db "$db" import -q "$big"
s_wall=$best_wall s_cpu=$best_cpu s_rss=$best_rss

best tmgloss-quarter "$fresh_db" "$TMGLOSS" --db "$db" import -q "$small"
q_wall=$best_wall q_cpu=$best_cpu q_rss=$best_rss

# Translate Toolkit: the whole file unless it takes too long.
tmdb_file=$big tmdb_units=$big_units
eval "$fresh_tmdb"
if ! measure build_tmdb timeout "$TMDB_TIMEOUT" \
	build_tmdb -d "$tmdb" -s fr -t zh "$big"; then
	tmdb_file=$work/import-sample-$TMDB_SAMPLE_MB.tmx
	generate "$TMDB_SAMPLE_MB" "$tmdb_file"
	tmdb_units=$(units_of "$tmdb_file")
	echo "build_tmdb took over $TMDB_TIMEOUT s: measured on the first $tmdb_units units ($tmdb_file)"
	eval "$fresh_tmdb"
	if ! measure build_tmdb build_tmdb -d "$tmdb" -s fr -t zh "$tmdb_file"
	then
		echo "bench/import.sh: build_tmdb failed:" >&2
		tail -n 20 "$work/build_tmdb.out" >&2
		exit 1
	fi
fi
b_wall=$wall b_cpu=$cpu b_rss=$rss
rm -f "$db" "$db-wal" "$db-shm" "$tmdb"

awk -v size="$size" -v quarter="$quarter" \
    -v xw="$x_wall" -v xc="$x_cpu" -v xr="$x_rss" \
    -v tw="$t_wall" -v tc="$t_cpu" -v tr="$t_rss" \
    -v sw="$s_wall" -v sc="$s_cpu" -v sr="$s_rss" \
    -v qw="$q_wall" -v qc="$q_cpu" -v qr="$q_rss" \
    -v iw="$i_wall" -v ic="$i_cpu" -v ir="$i_rss" \
    -v bw="$b_wall" -v bc="$b_cpu" -v br="$b_rss" \
    -v units="$big_units" -v qunits="$small_units" -v bunits="$tmdb_units" '
function row(name, n, w, c, r) {
	printf "| %-32s | %9d | %8.2f | %8.2f | %10.0f | %7.1f |\n",
	       name, n, w, c, n / w, r / 1024
}
function verdict(ok) { return ok ? "ok" : "MISSED" }
BEGIN {
	print ""
	print "| run                              |     units |   wall s |    cpu s |    units/s |  RSS MB |"
	print "|----------------------------------|-----------|----------|----------|------------|---------|"
	row("xmllint --stream (" size " MB)", units, xw, xc, xr)
	row("tmgloss import (" size " MB)", units, tw, tc, tr)
	row("  the same, no read-ahead thread", units, sw, sc, sr)
	row("tmgloss import (" quarter " MB)", qunits, qw, qc, qr)
	row("then tmgloss index (one run)", units, iw, ic, ir)
	row("build_tmdb (" (bunits == units ? size " MB" : bunits " units") ")", bunits, bw, bc, br)
	print ""
	if (sw < tw) { tw = sw; tc = sc }	# the better of the two tmgloss runs
	r1 = tw / xw; r2 = (units / tw) / (bunits / bw)
	printf "tmgloss / xmllint wall time:       %5.2f x   (target <= 2.5)  %s\n", r1, verdict(r1 <= 2.5)
	printf "tmgloss / xmllint CPU time:        %5.2f x\n", tc / xc
	printf "tmgloss / build_tmdb units per CPU second: %5.1f x\n", (units / tc) / (bunits / bc)
	printf "tmgloss / build_tmdb units/s:      %5.1f x   (target >= 10)   %s\n", r2, verdict(r2 >= 10)
	printf "tmgloss peak RSS %d MB / %d MB:    %5.1f / %.1f MB (target <= 64) %s\n", size, quarter, tr / 1024, qr / 1024, verdict(tr <= 65536 && qr <= 65536)
	printf "import + index, wall time:         %5.2f s = %.1f x xmllint, %.1f x build_tmdb units/s; index peak RSS %.1f MB\n", tw + iw, (tw + iw) / xw, (units / (tw + iw)) / (bunits / bw), ir / 1024
}'
fi
# ------------------------------------------------------------ real data
# real_round LABEL FILE: one round of real_run's measurements.
real_round() {
	label=$1 file=$2
	# the floor at its best: on each core (bench/cores.sh)
	for c in ${cores:-any}; do
		if [ "$c" = any ]; then
			must xmllint-$label xmllint --stream --noout "$file"
		else
			must xmllint-$label taskset -c "$c" \
				xmllint --stream --noout "$file"
		fi
		keep xmllint-$label rx
	done
	eval "$fresh_db"
	must tmgloss-$label "$TMGLOSS" --db "$db" import -q "$file"
	keep tmgloss-$label rt
	stored=$("$TMGLOSS" --db "$db" stats --format=tsv |
		awk '$1 == "units" { print $2 }')
	if [ "$stored" != "$units" ]; then
		echo "bench/import.sh: the memory holds $stored units, not $units" >&2
		exit 1
	fi
	# what a translator does next: one match, which brings the token
	# index up to date first (on a copy: the index below starts afresh)
	for f in "$db" "$db-wal"; do
		if [ -f "$f" ]; then cp "$f" "$work/first.db${f#"$db"}"; fi
	done
	must tmgloss-first-match-$label "$TMGLOSS" --db "$work/first.db" \
		match --src fr --tgt zh \
		"Impossible d'ouvrir le fichier de configuration"
	keep tmgloss-first-match-$label rm
	# the memory a translator who only matches holds: the token index
	# built, the translation index left to the first suggest or extract
	fm_bytes=$(($(stat -c %s "$work/first.db") +
		$(stat -c %s "$work/first.db-wal" 2>/dev/null || echo 0)))
	rm -f "$work/first.db" "$work/first.db-wal" "$work/first.db-shm"
	must tmgloss-index-$label "$TMGLOSS" --db "$db" index -q
	keep tmgloss-index-$label ri
	db_bytes=$(($(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0)))
	# the same in one pass: searchable when the import commits
	eval "$fresh_db"
	must tmgloss-import-index-$label "$TMGLOSS" --db "$db" \
		import -q --index "$file"
	keep tmgloss-import-index-$label rii
}

# real_run LABEL FILE: $RUNS rounds of xmllint, import, first match,
# index and import --index (best of each), then build_tmdb once (over
# $TMDB_TIMEOUT s: on the file's first quarter);
# one line of figures per run into $work/real-LABEL.rows, the ratios
# after the table.
real_run() {
	label=$1 file=$2
	units=$(units_of "$file")
	bytes=$(wc -c <"$file")
	echo "file: $file ($bytes bytes, $units units); best of $RUNS rounds"
	# Rounds of xmllint, import, first match, index and import --index,
	# one after the other, the best of each kept: this VM's speed drifts
	# by a third from one minute to the next, and a ratio of two runs made
	# minutes apart would say more of that than of the code.
	rx_wall= rt_wall= rm_wall= ri_wall= rii_wall=
	rx_rss=0 rt_rss=0 rm_rss=0 ri_rss=0 rii_rss=0
	round=0
	while [ "$round" -lt "$RUNS" ]; do
		real_round "$label" "$file"
		round=$((round + 1))
	done
	tmdb_file=$file tmdb_units=$units tmdb_bytes=$bytes
	eval "$fresh_tmdb"
	if ! measure build_tmdb-$label timeout "$TMDB_TIMEOUT" \
		build_tmdb -d "$tmdb" -s fr -t zh "$file"; then
		tmdb_units=$((units / 4))
		tmdb_file=$work/$label-first-$tmdb_units.tmx
		# one <tu> begins each line (recombine-tmx.py, make-corpus.sh)
		awk -v n="$tmdb_units" '/^ *<tu / && ++k > n { exit } { print }
			END { print "  </body>"; print "</tmx>" }' \
			"$file" >"$tmdb_file"
		tmdb_bytes=$(wc -c <"$tmdb_file")
		echo "build_tmdb took over $TMDB_TIMEOUT s: measured on the first $tmdb_units units ($tmdb_file)"
		eval "$fresh_tmdb"
		if ! measure build_tmdb-$label build_tmdb -d "$tmdb" -s fr \
			-t zh "$tmdb_file"; then
			echo "bench/import.sh: build_tmdb failed:" >&2
			tail -n 20 "$work/build_tmdb-$label.out" >&2
			exit 1
		fi
	fi
	rb_wall=$wall rb_cpu=$cpu rb_rss=$rss
	rm -f "$db" "$db-wal" "$db-shm" "$tmdb"
	{
		echo "xmllint --stream ($label)	$units	$bytes	$rx_wall	$rx_cpu	$rx_rss"
		echo "tmgloss import ($label)	$units	$bytes	$rt_wall	$rt_cpu	$rt_rss"
		echo "then first tmgloss match ($label)	$units	$bytes	$rm_wall	$rm_cpu	$rm_rss"
		echo "then tmgloss index ($label)	$units	$bytes	$ri_wall	$ri_cpu	$ri_rss"
		echo "tmgloss import --index ($label)	$units	$bytes	$rii_wall	$rii_cpu	$rii_rss"
		echo "build_tmdb ($label$([ "$tmdb_units" = "$units" ] || echo ", first $tmdb_units"))	$tmdb_units	$tmdb_bytes	$rb_wall	$rb_cpu	$rb_rss"
	} >"$work/real-$label.rows"
	echo "$label	$units	$bytes	$rx_wall	$rx_cpu	$rt_wall	$rt_cpu	$rt_rss	$ri_wall	$ri_cpu	$rb_wall	$rb_cpu	$tmdb_units	$db_bytes	$rii_wall	$rm_wall	$fm_bytes" \
		>"$work/real-$label.ratios"
}

if want real; then
real=$REAL_DATA/gettext.fr-zh.tmx
if ! [ -s "$real" ]; then
	echo "making $real (bench/make-corpus.sh)..." >&2
	sh "$here/make-corpus.sh" "$REAL_DATA"
fi
x8=$work/gettext-x8.fr-zh.tmx
if ! [ -s "$x8" ] || [ "$here/recombine-tmx.py" -nt "$x8" ] ||
   [ "$real" -nt "$x8" ]; then
	echo "recombining $real x8 into $x8..." >&2
	"$PYTHON" "$here/recombine-tmx.py" "$real" 8 "$x8" >&2
fi
echo
echo "Real data (load average $(cut -d' ' -f1-3 /proc/loadavg))"
. "$here/cores.sh"
core_speeds "$real"
real_run real "$real"
real_run x8 "$x8"
echo
echo "| run                                  |   units |   wall s |    cpu s | wall us/unit | cpu us/unit | wall ns/byte | cpu ns/byte |  RSS MB |"
echo "|--------------------------------------|---------|----------|----------|--------------|-------------|--------------|-------------|---------|"
cat "$work/real-real.rows" "$work/real-x8.rows" | awk -F'\t' '{
	printf "| %-36s | %7d | %8.2f | %8.2f | %12.2f | %11.2f | %12.1f | %11.1f | %7.1f |\n",
	       $1, $2, $4, $5, 1e6 * $4 / $2, 1e6 * $5 / $2,
	       1e9 * $4 / $3, 1e9 * $5 / $3, $6 / 1024 }'
echo
cat "$work/real-real.ratios" "$work/real-x8.ratios" | awk -F'\t' -v cores="$(nproc)" '
function verdict(ok) { return ok ? "ok" : "MISSED" }
{
	label = $1; units = $2; bytes = $3; xw = $4; xc = $5; tw = $6
	tc = $7; rss[label] = $8; iw = $9; ic = $10; bw = $11; bunits = $13
	dbb = $14; iiw = $15; mw = $16; fmb = $17
	printf "%-4s import / xmllint:            wall %5.2f x (target <= 2.5) %s, CPU %5.2f x (target <= 4) %s\n",
	       label, tw / xw, verdict(tw / xw <= 2.5), tc / xc, verdict(tc / xc <= 4)
	printf "%-4s import + index / xmllint:    wall %5.2f x (target <= 4) %s\n",
	       label, (tw + iw) / xw, verdict((tw + iw) / xw <= 4)
	r = (units / (tw + iw)) / (bunits / bw)
	printf "%-4s import + index / build_tmdb: %5.1f x its units/s (target >= 10) %s\n",
	       label, r, verdict(r >= 10)
	# the CPU both commands take, spread over every core with no wait:
	# the shortest wall any overlap of the two could give on this machine
	floor = (tc + ic) / cores
	printf "%-4s  at the least on %d cores:    (%.2f + %.2f s CPU) / %d = %.2f s (ran in %.2f): %5.2f x xmllint, %5.1f x build_tmdb at the most\n",
	       label, cores, tc, ic, cores, floor, tw + iw, floor / xw,
	       (units / floor) / (bunits / bw)
	r = (units / (tw + mw)) / (bunits / bw)
	printf "%-4s import + first match:        wall %5.2f x xmllint (target <= 4) %s, %5.1f x build_tmdb units/s (target >= 10) %s\n",
	       label, (tw + mw) / xw, verdict((tw + mw) / xw <= 4), r, verdict(r >= 10)
	r = (units / iiw) / (bunits / bw)
	printf "%-4s import --index (one pass):   wall %5.2f x xmllint (target <= 4) %s, %5.1f x build_tmdb units/s (target >= 10) %s\n",
	       label, iiw / xw, verdict(iiw / xw <= 4), r, verdict(r >= 10)
	printf "%-4s memory file / TMX:           %5.2f x (%.1f MB; target <= 2) %s\n",
	       label, dbb / bytes, dbb / 1e6, verdict(dbb / bytes <= 2)
	printf "%-4s  the same, token index only:  %5.2f x (%.1f MB, after the first match; target <= 2) %s\n",
	       label, fmb / bytes, fmb / 1e6, verdict(fmb / bytes <= 2)
}
END {
	printf "import peak RSS, real / x8:       %.1f / %.1f MB (target <= 64 MB at both: the page cache caps it) %s\n",
	       rss["real"] / 1024, rss["x8"] / 1024,
	       verdict(rss["real"] <= 65536 && rss["x8"] <= 65536)
}'
core_speeds "$real" after:
fi

if want long; then
echo
echo "Long segments (load average $(cut -d' ' -f1-3 /proc/loadavg))"
for n in 25 100; do
	long=$work/long-$n.tmx
	[ -s "$long" ] || "$PYTHON" - "$n" "$long" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
text = "Beijing compte plus de 2 400 entreprises. " * 47620  # 2 MB
with open(path, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
            '<header srclang="fr-FR" creationtool="bench" '
            'creationtoolversion="1" segtype="paragraph" o-tmf="none" '
            'adminlang="fr" datatype="plaintext"/><body>\n')
    for i in range(n):
        f.write('<tu tuid="%d"><tuv xml:lang="fr-FR"><seg>%d %s</seg></tuv>'
                '<tuv xml:lang="zh-CN"><seg>北京有%d家企业。</seg></tuv>'
                '</tu>\n' % (i, i, text, i))
    f.write('</body></tmx>\n')
PY
	best "long-$n" "$fresh_db" "$TMGLOSS" --db "$db" import "$long"
	eval "l${n}_wall=\$best_wall l${n}_rss=\$best_rss"
	best "long-$n-inline" "$fresh_db" env TMGLOSS_READ_AHEAD=0 \
		"$TMGLOSS" --db "$db" import "$long"
	eval "l${n}i_wall=\$best_wall l${n}i_rss=\$best_rss"
done
awk -v a="$l25_rss" -v b="$l100_rss" -v ai="$l25i_rss" -v bi="$l100i_rss" \
    -v aw="$l25_wall" -v bw="$l100_wall" -v s25="$(wc -c <"$work/long-25.tmx")" \
    -v s100="$(wc -c <"$work/long-100.tmx")" 'BEGIN {
	printf "import, 2 MB segments, %.0f / %.0f MB file: %.2f / %.2f s, peak RSS %.1f / %.1f MB (%.1f / %.1f MB without the parsing thread)\n",
	       s25 / 1e6, s100 / 1e6, aw, bw, a / 1024, b / 1024, ai / 1024, bi / 1024
	ok = b <= a * 1.15 + 4096 && bi <= ai * 1.15 + 4096 && b <= 131072
	printf "long segments: peak RSS the same at both sizes, <= 128 MB: %s\n", ok ? "ok" : "MISSED"
}'
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
