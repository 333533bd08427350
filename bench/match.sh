#!/bin/sh
# bench/match.sh -- speed and recall of `tmgloss match`, against Translate
# Toolkit's tmdb on the same memory and the same queries.
#
#   bench/match.sh [--no-tmdb] [--no-1m] [--only real|1m] [DATADIR]
#                                                  (default: bench/data)
#
# Memories: DATADIR/gettext.fr-zh.tmx (the real one) and
# DATADIR/gettext-1m.fr-zh.tmx (1,000,000 units), made by
# bench/make-corpus.sh when absent; imported once into DATADIR/*.db.
#
# Queries: 1,000 units drawn (fixed seed) from each memory among those with
# at least 4 French words (fr->zh) or 4 Han characters (zh->fr); in each,
# one French word is replaced by another word of the memory, or one Han
# character by another Han character of the memory.  A query is recalled
# when the unit it was made from is among its hits (--min 70 --max 5).
#
# Latency is per query, in one `tmgloss match -f` process (--timing gives
# each search's time); p50 and p95 over the 1,000 queries.  Then the wall
# time of single `tmgloss match TEXT` processes (start-up included; median
# of 11 runs, page cache warm), the time of the search in it (--timing:
# the first touch of the memory's pages, which a process that stays up
# pays once) and their page faults, beside the floor of
# any process of this binary (`tmgloss --version`: executable and
# libraries loaded, no memory opened) and that of any process on the
# machine (a C program that prints a line, its C library linked
# dynamically as tmgloss's is, then statically); again pinned to each core in
# turn (this VM's two cores are not always alike: bench/cores.sh), and
# under a parallel load of one busy process per core.  Translate Toolkit: build_tmdb on the same
# TMX, then TMDB.translate_unit per query (min_similarity 70, 5 candidates,
# python3-levenshtein installed), timed in the same way on the first
# TMDB_QUERIES queries of the real memory (default 10) and TMDB_QUERIES_1M
# of the 1 M one (default 3): on this machine tmdb takes 0.2 to 3 s per
# Chinese query and about 40 s per French query on the real memory (its
# full-text search ORs the query's words, then Python compares every hit).
# tmgloss's p50 on the same queries is printed beside it.  On the 1 M
# memory tmdb's French queries run for many minutes each, so only zh->fr
# is timed there unless TMDB_1M_FRENCH=1.
#
# TMGLOSS_ALSO=PATH: a second build (configure --enable-static-libs) whose
# single processes are timed beside the first's.
#
# Needs: tmgloss built (src/tmgloss), python3, translate-toolkit and
# python3-levenshtein for the comparison.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
TMGLOSS=${TMGLOSS:-$top/src/tmgloss}
tmdb=yes
big=yes
only=
while [ $# -gt 0 ]; do
	case $1 in
	--no-tmdb) tmdb=no; shift ;;
	--no-1m) big=no; shift ;;
	--only) only=$2; shift 2 ;;
	*) break ;;
	esac
done
data=${1:-$here/data}
mkdir -p "$data"
[ -f "$data/gettext.fr-zh.tmx" ] && [ -f "$data/gettext-1m.fr-zh.tmx" ] ||
	sh "$here/make-corpus.sh" "$data"

memories=real
[ $big = yes ] && memories="real 1m"
[ -n "$only" ] && memories=$only

tmx_of() {
	case $1 in
	real) echo "$data/gettext.fr-zh.tmx" ;;
	1m) echo "$data/gettext-1m.fr-zh.tmx" ;;
	esac
}

echo "tmgloss: $($TMGLOSS --version | head -1); $(nproc) cores;" \
	"$(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo '?') sqlite3 CLI"

for mem in $memories; do
	tmx=$(tmx_of $mem)
	db="$data/$mem.db"
	if [ ! -f "$db" ] || [ "$tmx" -nt "$db" ]; then
		rm -f "$db" "$db-wal" "$db-shm"
		start=$(date +%s.%N)
		$TMGLOSS --db "$db" import "$tmx" >/dev/null
		end=$(date +%s.%N)
		echo "$mem: import $(echo "$end - $start" | bc) s"
		# the search indexes take the units in now, not in the
		# first timed query (and the file size below counts them)
		start=$(date +%s.%N)
		$TMGLOSS --db "$db" index -q
		end=$(date +%s.%N)
		echo "$mem: index $(echo "$end - $start" | bc) s"
	fi
	tmx_size=$(stat -L -c %s "$tmx")
	db_size=$(($(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0)))
	echo "$mem: TMX $tmx_size bytes, memory $db_size bytes" \
		"($(echo "scale=2; $db_size / $tmx_size" | bc)x)"

	# the queries
	/usr/bin/python3 - "$tmx" "$data/$mem" <<'EOF'
import random, re, sys, xml.etree.ElementTree as ET
tmx, prefix = sys.argv[1], sys.argv[2]
units = []
for _, el in ET.iterparse(tmx):
    if el.tag == 'tu':
        segs = [tuv.find('seg') for tuv in el.findall('tuv')]
        units.append(tuple(''.join(s.itertext()) for s in segs))
        el.clear()
rng = random.Random(4)
han = re.compile(r'[\u4e00-\u9fff]')
fr_vocab = sorted({w for f, _ in units[:200000] for w in f.split()
                   if re.fullmatch(r"[A-Za-zÀ-ÿ]+", w)})
zh_vocab = sorted({c for _, z in units[:200000] for c in z if han.match(c)})
def fr_ok(f): return len([w for w in f.split() if re.fullmatch(r"[A-Za-zÀ-ÿ]+", w)]) >= 4
def zh_ok(z): return len(han.findall(z)) >= 4
for side in ('fr', 'zh'):
    picked = []
    while len(picked) < 1000:
        f, z = units[rng.randrange(len(units))]
        if side == 'fr' and fr_ok(f):
            words = f.split(' ')
            idx = [i for i, w in enumerate(words)
                   if re.fullmatch(r"[A-Za-zÀ-ÿ]+", w)]
            i = rng.choice(idx)
            new = rng.choice(fr_vocab)
            if new == words[i]:
                continue
            words[i] = new
            picked.append((' '.join(words), f))
        elif side == 'zh' and zh_ok(z):
            idx = [i for i, c in enumerate(z) if han.match(c)]
            i = rng.choice(idx)
            new = rng.choice(zh_vocab)
            if new == z[i]:
                continue
            picked.append((z[:i] + new + z[i + 1:], z))
    with open('%s.queries.%s' % (prefix, side), 'w') as q, \
         open('%s.expected.%s' % (prefix, side), 'w') as e:
        for query, orig in picked:
            q.write(query + '\n')
            e.write(orig + '\n')
EOF

	for dir in fr zh; do
		if [ $dir = fr ]; then opts="--src fr --tgt zh"; else opts="--src zh --tgt fr"; fi
		$TMGLOSS --db "$db" match $opts --timing --format=tsv \
			-f "$data/$mem.queries.$dir" >"$data/$mem.hits.$dir" \
			2>"$data/$mem.timing.$dir"
		/usr/bin/python3 - "$data/$mem" $dir <<'EOF'
import sys
prefix, d = sys.argv[1], sys.argv[2]
times = sorted(float(l.split('\t')[1]) / 1000
               for l in open('%s.timing.%s' % (prefix, d)))
expected = [l.rstrip('\n') for l in open('%s.expected.%s' % (prefix, d))]
import re
def unescape(s):
    # tsv_field escapes tab, newline, CR and backslash
    return re.sub(r'\\(.)', lambda m: {'t': '\t', 'n': '\n', 'r': '\r'}
                  .get(m.group(1), m.group(1)), s)
found = {}
for l in open('%s.hits.%s' % (prefix, d)):
    f = l.rstrip('\n').split('\t')
    found.setdefault(int(f[0]), set()).add(unescape(f[2]))
recall = sum(1 for i, e in enumerate(expected) if e in found.get(i + 1, ()))
n = len(times)
print('%s %s->%s: tmgloss p50 %.2f ms, p95 %.2f ms, max %.1f ms; recall %.3f'
      % (prefix.split('/')[-1], d, 'zh' if d == 'fr' else 'fr',
         times[n // 2], times[int(n * 0.95)], times[-1], recall / len(expected)))
EOF
	done

	# one process, start-up included; beside it the floor of any
	# process of this binary (`tmgloss --version`: the same executable
	# and libraries loaded, no memory opened), and both again under a
	# parallel load (one busy process per core)
	q=$(sed -n 7p "$data/$mem.queries.fr")
	/usr/bin/python3 - "$TMGLOSS" "$db" "$q" "$mem" <<'EOF'
import os, resource, subprocess, sys, time
tm, db, q, mem = sys.argv[1:]
def run(argv, n=11, core=None):
    walls, faults, searches = [], [], []
    # pinned through this process, whose affinity the child inherits:
    # a preexec_fn would make subprocess fork this whole interpreter
    if core is not None:
        everywhere = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {core})
    for _ in range(n):
        f0 = resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt
        t = time.perf_counter()
        r = subprocess.run(argv, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, check=True)
        walls.append((time.perf_counter() - t) * 1000)
        faults.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt
                      - f0)
        # --timing: query number, microseconds, hits
        for l in r.stderr.decode().splitlines():
            f = l.split('\t')
            if len(f) == 3 and f[1].isdigit():
                searches.append(int(f[1]) / 1000)
    if core is not None:
        os.sched_setaffinity(0, everywhere)
    for v in walls, faults, searches:
        v.sort()
    return (walls[n // 2], walls[-1], faults[n // 2],
            searches[n // 2] if searches else 0)
# TMGLOSS_ALSO: another build of tmgloss (configure --enable-static-libs)
# timed in the same way, after this one
builds = [('', tm)]
if os.environ.get('TMGLOSS_ALSO'):
    builds.append((' [%s]' % os.environ['TMGLOSS_ALSO'],
                   os.environ['TMGLOSS_ALSO']))
# the floor of any process on this machine: a C program that prints a
# line, linked against the C library dynamically (as tmgloss is, even
# --enable-static-libs) and statically
import shutil, tempfile
hello_dir = tempfile.mkdtemp()
hello = []
cc = shutil.which('cc') or shutil.which('gcc')
if cc:
    src = os.path.join(hello_dir, 'hello.c')
    with open(src, 'w') as f:
        f.write('#include <stdio.h>\nint main(void) { puts("hello"); '
                'return 0; }\n')
    for kind, flags in (('dynamic', []), ('static', ['-static'])):
        out = os.path.join(hello_dir, 'hello-' + kind)
        if subprocess.run([cc, '-O2'] + flags + [src, '-o', out],
                          capture_output=True).returncode == 0:
            hello.append((kind, out))
def report(what, core=None):
    if hello:
        print('%s: a C program that prints a line%s (any process\'s floor '
              'here): %s' % (mem, what, ', '.join(
                  '%s libc %.1f ms' % (kind, run([binary], core=core)[0])
                  for kind, binary in hello)))
    for label, binary in builds:
        match = [binary, '--db', db, 'match', '--timing', '--src', 'fr',
                 '--tgt', 'zh', q]
        m, mx, mf, ms = run(match, core=core)
        f, fx, ff, _ = run([binary, '--version'], core=core)
        print('%s: one `tmgloss match TEXT` process%s%s: median %.1f ms '
              'wall (its search %.1f ms), max %.1f ms, %d page faults; '
              '`tmgloss --version` (the floor): median %.1f ms, max %.1f '
              'ms, %d page faults'
              % (mem, label, what, m, ms, mx, mf, f, fx, ff))
report('')
# the cores of this VM are not always alike (bench/cores.sh): the same,
# pinned to each core in turn
cores = sorted(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') \
    else []
if len(cores) > 1:
    for c in cores:
        report(' pinned to core %d' % c, core=c)
load = [subprocess.Popen(['/bin/sh', '-c', 'while :; do :; done'])
        for _ in range(os.cpu_count() or 1)]
try:
    time.sleep(0.5)
    report(' under a parallel load (%d busy processes)' % len(load))
finally:
    for p in load:
        p.kill()
        p.wait()
    shutil.rmtree(hello_dir)
EOF

	[ $tmdb = yes ] || continue
	dirs="fr zh"
	[ $mem = 1m ] && [ "${TMDB_1M_FRENCH:-0}" != 1 ] && dirs=zh
	for dir in $dirs; do
		tdb="$data/$mem.tmdb.$dir"
		if [ ! -f "$tdb" ]; then
			src=$tmx
			if [ $dir = zh ]; then
				# tmdb takes the first <tuv> as the source
				src="$data/$mem.swapped.tmx"
				sed -E 's|<tuv xml:lang="fr-FR"><seg>(.*)</seg></tuv><tuv xml:lang="zh-CN"><seg>(.*)</seg></tuv>|<tuv xml:lang="zh-CN"><seg>\2</seg></tuv><tuv xml:lang="fr-FR"><seg>\1</seg></tuv>|' \
					"$tmx" >"$src"
			fi
			if [ $dir = fr ]; then s=fr; t=zh_CN; else s=zh_CN; t=fr; fi
			start=$(date +%s.%N)
			build_tmdb -d "$tdb" -s $s -t $t "$src" >/dev/null 2>&1
			end=$(date +%s.%N)
			echo "$mem: build_tmdb ($s->$t) $(echo "$end - $start" | bc) s"
		fi
		nq=${TMDB_QUERIES:-10}
		[ $mem = 1m ] && nq=${TMDB_QUERIES_1M:-3}
		/usr/bin/python3 - "$tdb" "$data/$mem" $dir $nq <<'EOF'
import sys, time
import Levenshtein  # the fast path of translate.search.lshtein
from translate.storage.tmdb import TMDB
tdb, prefix, d, nq = sys.argv[1:]
db = TMDB(tdb, max_candidates=5, min_similarity=70)
# build_tmdb records the languages the TMX reader gives (the source may
# come out as "en"): ask in the languages stored
db.cursor.execute('SELECT DISTINCT lang FROM sources')
s = [r[0] for r in db.cursor.fetchall()]
db.cursor.execute('SELECT DISTINCT lang FROM targets')
t = [r[0] for r in db.cursor.fetchall()]
queries = [l.rstrip('\n') for l in open('%s.queries.%s' % (prefix, d))]
expected = [l.rstrip('\n') for l in open('%s.expected.%s' % (prefix, d))]
queries, expected = queries[:int(nq)], expected[:int(nq)]
times, recall = [], 0
for q, e in zip(queries, expected):
    t0 = time.perf_counter()
    hits = db.translate_unit(q, s, t)
    times.append((time.perf_counter() - t0) * 1000)
    recall += any(h['source'] == e for h in hits)
times.sort()
n = len(times)
ours = sorted(float(l.split('\t')[1]) / 1000
              for l in open('%s.timing.%s' % (prefix, d))
              if int(l.split('\t')[0]) <= n)
print('%s %s->%s: tmdb p50 %.1f ms, max %.1f ms; recall %.3f (%d queries);'
      ' tmgloss on the same queries: p50 %.2f ms; speed-up %.0fx'
      % (prefix.split('/')[-1], d, 'zh' if d == 'fr' else 'fr',
         times[n // 2], times[-1], recall / n, n, ours[n // 2],
         times[n // 2] / ours[n // 2]))
EOF
	done
done
