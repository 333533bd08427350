#!/usr/bin/python3
# index-phases.py -- how much of a first `tmgloss index` can run on two
# cores at once, and so how short an import followed by `index` can be on
# this design: the measurement issue 16 asks for where a target is out of
# reach.  Never run by make check.
#
# Usage: index-phases.py [--rounds N] [--tmdb SECONDS] TMGLOSS TMX
#
# Each round, on a fresh memory:
#   1. `xmllint --stream --noout TMX` pinned to each core (taskset), the
#      best kept: the parsing floor, as bench/cores.sh takes it;
#   2. `TMGLOSS import TMX` (wall and CPU, from wait4);
#   3. `TMGLOSS index` on a copy of that memory, the same way;
#   4. `perf record -e task-clock` of `TMGLOSS index` on another copy,
#      read back per thread: the head (the process before the pass's
#      worker runs), the tail (after the worker's last sample: the
#      posting lists merged and written, the commit), the samples in
#      the tail that are SQLite's or the kernel's (rows inserted, pages
#      written, the fsync: one connection writes them, so one thread).
# The best round (by import + index wall) is printed, with, beside the
# wall import + index took:
#   - "CPU / cores": their CPU spread over every core with no wait (what
#     bench/import.sh prints as "at the least");
#   - "this design": the import's wall as measured (a pass cannot begin
#     before the import commits), plus the pass's serial part (its head
#     and tail, as fractions of the perf run's span applied to the
#     unperfed run's wall), plus the rest of its CPU spread over the
#     cores: what the pass would take if everything that is not serial in
#     it ran on every core with no wait;
#   - "... tail's merge shared": the same with only the tail's SQLite and
#     kernel samples kept serial (the runs' merge spread too).
# With --tmdb SECONDS (Translate Toolkit's build_tmdb on the same TMX,
# timed apart: bench/import.sh does), each is also given as units per
# second against build_tmdb's, the ratio of issue 16's ">= 10 x" target.
#
# Needs perf (linux-perf) and taskset; the cores are those of this
# machine (os.sched_getaffinity).

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time


def run(cmd):
    """Run cmd; its wall and CPU (user + sys) in seconds."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    # read to the end first: a child that fills the pipe would wait
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("index-phases.py: %s failed: %s" % (" ".join(cmd), err))
    return wall, ru.ru_utime + ru.ru_stime


def xmllint_floor(tmx, cores):
    best = {}
    for c in cores:
        wall, _ = run(["taskset", "-c", str(c), "xmllint", "--stream",
                       "--noout", tmx])
        best[c] = wall
    return best


def perf_phases(tmgloss, db, work):
    """Per-thread samples of `tmgloss index`: head, tail and the tail's
    SQLite/kernel share, as fractions of the run's span; the span."""
    data = os.path.join(work, "perf.data")
    rec = subprocess.run(["perf", "record", "-q", "-e", "task-clock", "-F",
                          "4000", "-o", data, tmgloss, "--db", db, "index",
                          "-q"], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    if rec.returncode != 0:
        sys.exit("index-phases.py: perf record failed (as root, or with "
                 "kernel.perf_event_paranoid at 2 or less?): "
                 + rec.stderr.strip())
    out = subprocess.run(["perf", "script", "-i", data, "-F",
                          "tid,time,ip,dso"], check=True,
                         capture_output=True, text=True).stdout
    samples = []
    for line in out.splitlines():
        m = re.match(r"\s*(\d+)\s+([\d.]+):.*\((.*)\)\s*$", line)
        if m:
            samples.append((int(m.group(1)), float(m.group(2)),
                            m.group(3)))
    if not samples:
        sys.exit("index-phases.py: perf recorded no samples")
    first = min(s[1] for s in samples)
    last = max(s[1] for s in samples)
    main_tid = min(s[0] for s in samples)
    workers = [s for s in samples if s[0] != main_tid]
    if not workers:
        sys.exit("index-phases.py: the pass ran on one thread "
                 "(TMGLOSS_INDEX_THREAD=0 in the environment, or its "
                 "worker could not start)")
    w_first = min(s[1] for s in workers)
    w_last = max(s[1] for s in workers)
    tail = [s for s in samples if s[1] > w_last]
    serial_tail = sum(1 for s in tail
                      if "sqlite" in s[2] or "kernel" in s[2])
    span = last - first
    tail_share = (last - w_last) / span
    return {
        "span": span,
        "head": (w_first - first) / span,
        "tail": tail_share,
        "tail_sql": tail_share * serial_tail / len(tail) if tail else 0.0,
        "threads": len({s[0] for s in samples}),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--tmdb", type=float,
                    help="build_tmdb's seconds on the same TMX")
    ap.add_argument("tmgloss")
    ap.add_argument("tmx")
    a = ap.parse_args()
    for tool in ("perf", "taskset", "xmllint"):
        if shutil.which(tool) is None:
            sys.exit("index-phases.py needs %s" % tool)
    cores = sorted(os.sched_getaffinity(0))
    with open(a.tmx, "rb") as f:
        units = sum(chunk.count(b"<tu ") + chunk.count(b"<tu>")
                    for chunk in iter(lambda: f.read(1 << 20), b""))
    work = tempfile.mkdtemp(prefix="index-phases.")
    rounds = []
    try:
        for r in range(a.rounds):
            x = xmllint_floor(a.tmx, cores)
            db = os.path.join(work, "m.db")
            for suffix in ("", "-wal", "-shm", "-journal"):
                if os.path.exists(db + suffix):
                    os.unlink(db + suffix)
            iw, ic = run([a.tmgloss, "--db", db, "import", "-q", a.tmx])
            shutil.copy(db, db + ".a")
            shutil.copy(db, db + ".b")
            pw, pc = run([a.tmgloss, "--db", db + ".a", "index", "-q"])
            ph = perf_phases(a.tmgloss, db + ".b", work)
            for suffix in (".a", ".b"):
                os.unlink(db + suffix)
            rounds.append((iw + pw, r, min(x.values()), x, iw, ic, pw, pc,
                           ph))
            print("round %d: xmllint %s; import %.2f s (CPU %.2f), index "
                  "%.2f s (CPU %.2f); perf: head %.0f %%, tail %.0f %% "
                  "(SQLite and kernel %.0f %%) of %.2f s, %d threads"
                  % (r + 1, ", ".join("core %d %.2f s" % kv
                                      for kv in sorted(x.items())),
                     iw, ic, pw, pc, 100 * ph["head"], 100 * ph["tail"],
                     100 * ph["tail_sql"], ph["span"], ph["threads"]))
    finally:
        shutil.rmtree(work)
    _, r, xw, _, iw, ic, pw, pc, ph = min(rounds)
    n = len(cores)
    serial = pw * (ph["head"] + ph["tail"])
    serial_sql = pw * (ph["head"] + ph["tail_sql"])
    rows = [
        ("measured", iw + pw),
        ("CPU / %d cores" % n, (ic + pc) / n),
        ("this design", iw + serial + max(pc - serial, 0) / n),
        ("this design, tail's merge shared",
         iw + serial_sql + max(pc - serial_sql, 0) / n),
    ]
    print("\n%s: %d units; best round %d (import + index); xmllint %.2f s"
          % (os.path.basename(a.tmx), units, r + 1, xw))
    for name, s in rows:
        line = "import + index, %-34s %5.2f s = %5.2f x xmllint" % (
            name + ":", s, s / xw)
        if a.tmdb:
            line += ", %5.1f x build_tmdb units/s" % (a.tmdb / s)
        print(line)


if __name__ == "__main__":
    main()
