#!/bin/sh
# bench/store.sh -- the quote store's two numbers: indexing throughput
# against plain `sayso extract` on the same inputs (runs interleaved so both
# see the same machine load; medians of RUNS, wall clock and CPU time), and
# the latency of a speaker search on the resulting store (median of 5*RUNS
# runs of the whole command, process start included).
#
#   sh bench/store.sh [SAYSO] [RUNS]       defaults: build/sayso, 5
#   SAYSO_BENCH_INPUTS="dir1 dir2"         inputs (default: PolNeAR train+dev text)
set -eu
BIN=${1:-build/sayso}
RUNS=${2:-5}
INPUTS=${SAYSO_BENCH_INPUTS:-"/work/shared/polnear/train/text /work/shared/polnear/dev/text"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# measure CMD...: run it (stdout to /dev/null), print "WALL_S CPU_S" (user+sys)
measure() {
    python3 -c '
import os, resource, subprocess, sys, time
t = time.monotonic()
r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.4f %.4f" % (time.monotonic() - t, r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime))
' "$@"
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
                                                else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# shellcheck disable=SC2086
bytes=$(find $INPUTS -type f \( -name '*.txt' -o -name '*.jsonl' \) -exec cat {} + | wc -c)
# shellcheck disable=SC2086
docs=$(find $INPUTS -type f \( -name '*.txt' -o -name '*.jsonl' \) | wc -l)
echo "inputs: $INPUTS ($docs files, $bytes bytes), $RUNS runs, $(nproc) cores," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"

i=0
while [ "$i" -lt "$RUNS" ]; do
    # shellcheck disable=SC2086
    measure "$BIN" extract -q $INPUTS >> "$tmp/extract"
    rm -f "$tmp/b.db" "$tmp/b.db-wal" "$tmp/b.db-shm"
    # shellcheck disable=SC2086
    measure "$BIN" index -q --db "$tmp/b.db" $INPUTS >> "$tmp/index"
    i=$((i + 1))
done
ew=$(cut -d' ' -f1 "$tmp/extract" | median)
ec=$(cut -d' ' -f2 "$tmp/extract" | median)
iw=$(cut -d' ' -f1 "$tmp/index" | median)
ic=$(cut -d' ' -f2 "$tmp/index" | median)
awk -v ew="$ew" -v ec="$ec" -v iw="$iw" -v ic="$ic" -v b="$bytes" 'BEGIN {
    printf "extract: median %.3f s wall (%.2f MB/s), %.3f s CPU\n", ew, b / ew / 1e6, ec
    printf "index:   median %.3f s wall (%.2f MB/s), %.3f s CPU\n", iw, b / iw / 1e6, ic
    printf "index throughput = %.0f%% of extract by wall clock, %.0f%% by CPU time (target >= 80%%)\n",
           100 * ew / iw, 100 * ec / ic }'
"$BIN" index --db "$tmp/b.db" --check

who=$("$BIN" speakers --db "$tmp/b.db" --json --limit 1 |
      sed -n 's/.*"name":"\([^"]*\)".*/\1/p')
n=$("$BIN" search --db "$tmp/b.db" --speaker "$who" --limit 10000 --json | wc -l)
i=0
while [ "$i" -lt $((RUNS * 5)) ]; do
    measure "$BIN" search --db "$tmp/b.db" --speaker "$who" --json >> "$tmp/search"
    i=$((i + 1))
done
s=$(cut -d' ' -f1 "$tmp/search" | median)
awk -v s="$s" -v w="$who" -v n="$n" 'BEGIN {
    printf "search --speaker \"%s\" (%d clusters match; the first 20 printed): median %.1f ms (target < 50 ms)\n",
           w, n, s * 1000 }'
