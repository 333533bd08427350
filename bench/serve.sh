#!/bin/sh
# bench/serve.sh -- tmgloss serve under load: throughput and latency of
# tmserver GET requests (what a CAT tool asks while a translator works) on
# the real memory, measured with wrk; then the same while a large import
# goes in through POST /api/v1/import.  Never run by make check.
#
#   bench/serve.sh [DATADIR]          (default: /tmp/benchdata)
#
# Memory: DATADIR/gettext.fr-zh.tmx (111,587 French -> Chinese units of
# gettext's catalogs), imported once into $WORK/gettext.db and indexed.
# Queries: QUERIES (default 3,000) French sources of 4 words or more drawn
# from the memory with a fixed seed, each with one word dropped (so that
# most are fuzzy, not exact, matches), sent as
# GET /fr/zh/unit/TEXT (min_similarity 75, max_candidates 3, tmserver's
# defaults), each wrk connection picking them at random.
#
# Runs: CONNS (32) connections for DURATION (20) seconds with wrk's two
# threads, against a server with --threads 1, then 2 (THREADS="1 2").  Then a server with
# --threads 2 answers the same load for IMPORT_DURATION (60) seconds while,
# from second 5, a TMX of IMPORT_MB (20) MB made by bench/gen-tmx.py (new
# units, none a duplicate) is POSTed to /api/v1/import: the import and the
# index update run beside the searches.  For each run: requests/s, latency
# p50, p90, p99, errors (non-2xx and socket errors), and the server's
# resident memory before and after.  The machine's load average is
# printed first: the figures are only worth as much as the machine is idle.
#
# IMPORT_DURATION=0 leaves the import run out, THREADS="" the others.
#
# Soak (SOAK=SECONDS, e.g. SOAK=600, instead of the runs above): the same
# load on a server with --threads 2 for SOAK seconds, as back-to-back wrk
# runs of SOAK_WINDOW (10) seconds, the server's resident memory sampled
# after each; at SOAK/2 the IMPORT_MB TMX is POSTed to /api/v1/import.
# One row per window (those that overlap the import marked), then the
# totals, the worst p99 inside and outside the import, the RSS range, and
# the units before, added and after: before + added - after units lost.
#
# Translate Toolkit's tmserver (TMSERVER_QUERIES, default 3; 0: none): on
# the same memory (a tmdb made by build_tmdb -s fr -t zh from the same
# TMX, kept as $TMDB) and the first queries of the same list, one at a
# time, each given TMSERVER_TIMEOUT (90) seconds, beside the same queries
# sent one at a time to tmgloss serve: per-request time, candidates.
# tmserver runs under cheroot when python3-cheroot is installed (the
# tmserver command), else its WSGI application under Python's wsgiref.
#
# Needs: src/tmgloss built, wrk, curl, python3; for the comparison,
# Translate Toolkit under /usr/bin/python3 (build_tmdb, tmserver).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
TMGLOSS=${TMGLOSS:-$top/src/tmgloss}
DATA=${1:-/tmp/benchdata}
WORK=${WORK:-/tmp/tmgloss-bench-serve}
QUERIES=${QUERIES:-3000}
CONNS=${CONNS:-32}
DURATION=${DURATION:-20}
IMPORT_DURATION=${IMPORT_DURATION:-60}
IMPORT_MB=${IMPORT_MB:-20}
THREADS=${THREADS-1 2}          # the runs without import ("" for none)
SOAK=${SOAK:-}                  # seconds: the soak instead of the runs
SOAK_WINDOW=${SOAK_WINDOW:-10}
TMSERVER_QUERIES=${TMSERVER_QUERIES:-3}
TMSERVER_TIMEOUT=${TMSERVER_TIMEOUT:-90}
TMDB=${TMDB:-$WORK/real.tmdb.fr-zh}
TT_PYTHON=${TT_PYTHON:-/usr/bin/python3}

for tool in wrk curl python3; do
	command -v $tool >/dev/null || { echo "bench/serve.sh: needs $tool" >&2; exit 1; }
done
mkdir -p "$WORK"
db=$WORK/gettext.db
if [ ! -f "$db" ]; then
	echo "# importing $DATA/gettext.fr-zh.tmx into $db"
	"$TMGLOSS" --db "$db" import -q "$DATA/gettext.fr-zh.tmx"
	"$TMGLOSS" --db "$db" index
fi

# the queries, percent-encoded paths, one a line (kept for the next run)
[ -s "$WORK/paths.txt" ] && [ "$(wc -l <"$WORK/paths.txt")" -eq "$QUERIES" ] ||
python3 - "$DATA/gettext.fr-zh.tmx" "$QUERIES" >"$WORK/paths.txt" <<'PY'
import random, re, sys, urllib.parse
import xml.etree.ElementTree as ET
path, n = sys.argv[1], int(sys.argv[2])
lang = "{http://www.w3.org/XML/1998/namespace}lang"
sources = []
for _, el in ET.iterparse(path):
    if el.tag == "tu":
        for tuv in el.findall("tuv"):
            if tuv.get(lang, "").lower().startswith("fr"):
                seg = tuv.find("seg")
                text = "".join(seg.itertext()) if seg is not None else ""
                words = text.split()
                if 4 <= len(words) <= 40 and "\n" not in text:
                    sources.append(words)
        el.clear()
rng = random.Random(20261206)
for words in rng.sample(sources, min(n, len(sources))):
    words = list(words)
    del words[rng.randrange(len(words))]
    print("/fr/zh/unit/" + urllib.parse.quote(" ".join(words), safe=""))
PY
echo "# $(wc -l <"$WORK/paths.txt") queries"

cat >"$WORK/paths.lua" <<EOF
local paths = {}
for line in io.lines("$WORK/paths.txt") do paths[#paths + 1] = line end
local counter = 0
function setup(thread)
	counter = counter + 1
	thread:set("seed", counter)
end
function init(args)
	math.randomseed(seed * 7919)
end
function request()
	return wrk.format("GET", paths[math.random(#paths)])
end
EOF

server_pid=
tmserver_pid=
importer=
trap 'for p in $server_pid $tmserver_pid $importer; do kill $p 2>/dev/null; done; true' EXIT

# start_server THREADS: the server on a free port, $port and $server_pid
start_server () {
	rm -f "$WORK/serve.log"
	"$TMGLOSS" --db "$db" serve --listen 127.0.0.1:0 --threads "$1" \
		--token-file "$WORK/token" --log "$WORK/serve.log" \
		2>"$WORK/serve.err" &
	server_pid=$!
	port=
	i=0
	while [ -z "$port" ] && [ $i -lt 300 ]; do
		sleep 0.1
		port=$(sed -n 's|^tmgloss: serving .* on http://127.0.0.1:\([0-9]*\)/.*|\1|p' \
			"$WORK/serve.log" 2>/dev/null | tail -n 1)
		i=$((i + 1))
	done
	[ -n "$port" ] || { cat "$WORK/serve.err"; exit 1; }
}

stop_server () {
	kill -TERM $server_pid
	wait $server_pid || echo "# the server exited with status $?"
	server_pid=
}

rss () {
	sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/$server_pid/status
}

units () {
	"$TMGLOSS" --db "$db" --read-only stats --format=tsv | sed -n 's/^units\t//p'
}

now () {
	date +%s.%N
}

# wrk's figures, one line: requests req/s p50 p90 p99 errors (ms)
wrk_figures () {
	awk '
		function ms(v) {
			if (v ~ /us$/) return v / 1000
			if (v ~ /ms$/) return v + 0
			if (v ~ /m$/) return v * 60000
			return v * 1000
		}
		/Requests\/sec/ { rps = $2 }
		/^ +50%/ { p50 = ms($2) } /^ +90%/ { p90 = ms($2) }
		/^ +99%/ { p99 = ms($2) }
		/Non-2xx/ { errors += $NF }
		/Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
		/requests in/ { total = $1 }
		END { printf "%d %.0f %.2f %.2f %.2f %d\n", total, rps, p50, p90,
		      p99, errors }' "$1"
}

# report LABEL WRK_OUTPUT RSS_BEFORE RSS_AFTER
report () {
	awk -v label="$1" -v before="$3" -v after="$4" '
		/Requests\/sec/ { rps = $2 }
		/^ +50%/ { p50 = $2 } /^ +90%/ { p90 = $2 } /^ +99%/ { p99 = $2 }
		/Non-2xx/ { errors += $NF }
		/Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
		/requests in/ { total = $1 }
		END {
			printf "| %s | %s | %.0f | %s | %s | %s | %d | %.0f -> %.0f MiB |\n",
			       label, total, rps, p50, p90, p99, errors,
			       before / 1024, after / 1024
		}' "$2"
}

head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$WORK/token"
echo "# machine: $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| run | requests | req/s | p50 | p90 | p99 | errors | server RSS |"
echo "|---|---|---|---|---|---|---|---|"

# the large import's file
big=$WORK/import-${IMPORT_MB}mb.tmx
[ -f "$big" ] || python3 "$here/gen-tmx.py" "$IMPORT_MB" "$big" 7 >/dev/null

# a copy of the memory that the import may change
fresh_copy () {
	cp "$db" "$WORK/$1.db"
	rm -f "$WORK/$1.db-wal" "$WORK/$1.db-shm"
	db=$WORK/$1.db
}

# POST the large import after $1 seconds; its start and end times, HTTP
# status and summary in $WORK/$2.*
import_later () {
	rm -f "$WORK/$2.start" "$WORK/$2.end" "$WORK/$2.status" "$WORK/$2.json"
	(sleep "$1"
	 now >"$WORK/$2.start"
	 curl -s -o "$WORK/$2.json" -w '%{http_code} %{time_total}\n' \
		-H "Authorization: Bearer $(cat "$WORK/token")" \
		--data-binary @"$big" \
		"http://127.0.0.1:$port/api/v1/import?origin=bench" \
		>"$WORK/$2.status" || true
	 now >"$WORK/$2.end") &
	importer=$!
}

soak () {
	saved_db=$db
	fresh_copy soak
	start_server 2
	units_before=$(units)
	wrk -t2 -c"$CONNS" -d3s -s "$WORK/paths.lua" "http://127.0.0.1:$port" >/dev/null
	start=$(now)
	import_later $((SOAK / 2)) soak-import
	: >"$WORK/soak.rows"
	w=0
	while awk -v s="$start" -v n="$(now)" -v d="$SOAK" 'BEGIN { exit !(n - s < d) }' ||
	      kill -0 $importer 2>/dev/null; do
		ws=$(now)
		wrk -t2 -c"$CONNS" -d"${SOAK_WINDOW}s" --latency --timeout 10s \
			-s "$WORK/paths.lua" "http://127.0.0.1:$port" >"$WORK/soak-wrk.txt"
		echo "$w $ws $(now) $(wrk_figures "$WORK/soak-wrk.txt") $(rss) $(cut -d' ' -f1 /proc/loadavg)" \
			>>"$WORK/soak.rows"
		w=$((w + 1))
	done
	wait $importer || true
	importer=
	units_after=$(units)
	stop_server
	db=$saved_db
	echo "# soak: ${SOAK} s, $CONNS connections, --threads 2, windows of ${SOAK_WINDOW} s; the ${IMPORT_MB} MB import from second $((SOAK / 2))"
	echo "| window | from s | import | requests | req/s | p50 ms | p90 ms | p99 ms | errors | RSS MiB | load |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|"
	awk -v s="$start" -v is="$(cat "$WORK/soak-import.start")" \
	    -v ie="$(cat "$WORK/soak-import.end")" '
		{
			during = $2 < ie && $3 > is
			printf "| %d | %.0f | %s | %d | %d | %.2f | %.2f | %.2f | %d | %.1f | %s |\n",
			       $1, $2 - s, during ? "yes" : "", $4, $5, $6, $7, $8,
			       $9, $10 / 1024, $11
			total += $4; errors += $9
			if (during) { if ($8 > p99in) p99in = $8; nin++ }
			else if ($8 > p99out) p99out = $8
			if (min == "" || $10 < min) min = $10
			if ($10 > max) max = $10
			if (NR == 1) first = $10
			last = $10
		}
		END {
			printf "# soak totals: %d requests, %d errors; worst window p99: %.1f ms during the import (%d windows), %.1f ms outside; RSS %.1f MiB first, %.1f-%.1f MiB, %.1f MiB last\n",
			       total, errors, p99in, nin, p99out, first / 1024,
			       min / 1024, max / 1024, last / 1024
		}' "$WORK/soak.rows"
	added=$(grep -o '"added": [0-9]*' "$WORK/soak-import.json" | head -n 1 | sed 's/.*: //')
	echo "# import: HTTP status and seconds: $(cat "$WORK/soak-import.status");" \
	     "units $units_before + ${added:-?} added -> $units_after;" \
	     "lost: $((units_before + ${added:-0} - units_after))"
}

# Translate Toolkit's tmserver on the same memory and the same queries
tmserver_compare () {
	[ "$TMSERVER_QUERIES" -gt 0 ] || return 0
	if ! "$TT_PYTHON" -c 'import translate.services.tmserver' 2>/dev/null; then
		echo "# tmserver: Translate Toolkit is not installed for $TT_PYTHON"
		return 0
	fi
	if [ ! -f "$TMDB" ]; then
		t0=$(now)
		build_tmdb -d "$TMDB" -s fr -t zh "$DATA/gettext.fr-zh.tmx" >/dev/null 2>&1
		echo "# build_tmdb -s fr -t zh: $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }') s"
	fi
	# the languages build_tmdb stored
	set -- $("$TT_PYTHON" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT lang FROM sources LIMIT 1").fetchone()[0],
      db.execute("SELECT lang FROM targets LIMIT 1").fetchone()[0])' "$TMDB")
	tsrc=$1 ttgt=$2
	tport=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	if "$TT_PYTHON" -c 'import cheroot' 2>/dev/null; then
		how="tmserver (cheroot)"
		"$TT_PYTHON" "$(command -v tmserver)" -d "$TMDB" -b 127.0.0.1 \
			-p "$tport" 2>"$WORK/tmserver.err" &
	else
		how="tmserver's WSGI application under wsgiref (no cheroot)"
		"$TT_PYTHON" -c '
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server
from translate.services.tmserver import TMServer
class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass
app = TMServer(sys.argv[1], None, prefix="/tmserver")
make_server("127.0.0.1", int(sys.argv[2]), app.rest,
            handler_class=Quiet).serve_forever()' "$TMDB" "$tport" 2>"$WORK/tmserver.err" &
	fi
	tmserver_pid=$!
	i=0
	# the tmserver command serves under /tmserver/ (as amaGama)
	until curl -s -o /dev/null "http://127.0.0.1:$tport/tmserver/$tsrc/$ttgt/unit/x" ||
	      [ $i -ge 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	start_server 2
	echo "# $how, on $TMDB ($tsrc -> $ttgt), against tmgloss serve --threads 2; the first $TMSERVER_QUERIES queries, one at a time, ${TMSERVER_TIMEOUT} s each at most (load $(cut -d' ' -f1 /proc/loadavg))"
	echo "| query | words | tmgloss status | tmgloss s | candidates | tmserver status | tmserver s | candidates |"
	echo "|---|---|---|---|---|---|---|---|"
	head -n "$TMSERVER_QUERIES" "$WORK/paths.txt" >"$WORK/tmserver-paths.txt"
	n=0
	while read -r path; do
		n=$((n + 1))
		text=${path#/fr/zh/unit/}
		ours=$(curl -s -o "$WORK/ours.json" -w '%{http_code} %{time_total}' \
			"http://127.0.0.1:$port$path" || true)
		theirs=$(curl -s -o "$WORK/theirs.json" -w '%{http_code} %{time_total}' \
			--max-time "$TMSERVER_TIMEOUT" \
			"http://127.0.0.1:$tport/tmserver/$tsrc/$ttgt/unit/$text" || true)
		count () {
			python3 -c 'import json, sys
try:
    print(len(json.load(open(sys.argv[1]))))
except Exception:
    print("-")' "$1"
		}
		words=$(python3 -c 'import sys, urllib.parse; print(len(urllib.parse.unquote(sys.argv[1]).split()))' "$text")
		case $theirs in 000*) theirs="timeout ${TMSERVER_TIMEOUT}";; esac
		echo "| $n | $words | ${ours% *} | ${ours#* } | $(count "$WORK/ours.json") | ${theirs% *} | ${theirs#* } | $(count "$WORK/theirs.json") |"
		rm -f "$WORK/ours.json" "$WORK/theirs.json"
	done <"$WORK/tmserver-paths.txt"
	stop_server
	kill $tmserver_pid 2>/dev/null || true
	wait $tmserver_pid 2>/dev/null || true
	tmserver_pid=
}

if [ -n "$SOAK" ]; then
	THREADS=
	IMPORT_DURATION=0
	soak
fi

for threads in $THREADS; do
	start_server $threads
	# warm the page cache and the readers
	wrk -t2 -c"$CONNS" -d3s -s "$WORK/paths.lua" "http://127.0.0.1:$port" >/dev/null
	before=$(rss)
	wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s "$WORK/paths.lua" \
		"http://127.0.0.1:$port" >"$WORK/wrk-$threads.txt"
	after=$(rss)
	report "GET unit, --threads $threads, $CONNS connections" \
		"$WORK/wrk-$threads.txt" "$before" "$after"
	stop_server
done

# a large import in the middle of the load
if [ "$IMPORT_DURATION" -gt 0 ]; then
	saved_db=$db
	fresh_copy import
	start_server 2
	units_before=$(units)
	before=$(rss)
	import_later 5 import
	wrk -t2 -c"$CONNS" -d"${IMPORT_DURATION}s" --latency --timeout 10s \
		-s "$WORK/paths.lua" "http://127.0.0.1:$port" >"$WORK/wrk-import.txt"
	wait $importer || true
	importer=
	after=$(rss)
	report "GET unit during a ${IMPORT_MB} MB import, --threads 2" \
		"$WORK/wrk-import.txt" "$before" "$after"
	units_after=$(units)
	echo "# import: HTTP status and seconds: $(cat "$WORK/import.status");" \
	     "units $units_before -> $units_after;" \
	     "$(grep -o '"added": [0-9]*' "$WORK/import.json" | head -n 1)"
	stop_server
	db=$saved_db
fi

tmserver_compare
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
