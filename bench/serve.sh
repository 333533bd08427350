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
# Needs: src/tmgloss built, wrk, curl, python3.
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

# the queries, percent-encoded paths, one a line
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
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; true' EXIT

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
big=$WORK/import-${IMPORT_MB}mb.tmx
[ -f "$big" ] || python3 "$here/gen-tmx.py" "$IMPORT_MB" "$big" 7 >/dev/null
cp "$db" "$WORK/import.db"
rm -f "$WORK/import.db-wal" "$WORK/import.db-shm"
saved_db=$db
db=$WORK/import.db
start_server 2
units_before=$("$TMGLOSS" --db "$db" --read-only stats --format=tsv | sed -n 's/^units\t//p')
before=$(rss)
(sleep 5
 curl -s -o "$WORK/import.json" -w '%{http_code} %{time_total}\n' \
	-H "Authorization: Bearer $(cat "$WORK/token")" \
	--data-binary @"$big" "http://127.0.0.1:$port/api/v1/import?origin=bench" \
	>"$WORK/import.status") &
importer=$!
wrk -t2 -c"$CONNS" -d"${IMPORT_DURATION}s" --latency --timeout 10s \
	-s "$WORK/paths.lua" "http://127.0.0.1:$port" >"$WORK/wrk-import.txt"
wait $importer
after=$(rss)
report "GET unit during a ${IMPORT_MB} MB import, --threads 2" \
	"$WORK/wrk-import.txt" "$before" "$after"
units_after=$("$TMGLOSS" --db "$db" --read-only stats --format=tsv | sed -n 's/^units\t//p')
echo "# import: HTTP status and seconds: $(cat "$WORK/import.status");" \
     "units $units_before -> $units_after;" \
     "$(grep -o '"added": [0-9]*' "$WORK/import.json" | head -n 1)"
stop_server
db=$saved_db
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
