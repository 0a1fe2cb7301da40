#!/bin/sh
# bench/store.sh -- the quote store's two numbers: indexing throughput
# against plain `sayso extract` on the same inputs (runs interleaved so both
# see the same machine load; median of RUNS), and the latency of a speaker
# search on the resulting store (median of 5*RUNS runs of the whole
# command, process start included).
#
#   sh bench/store.sh [SAYSO] [RUNS]       defaults: build/sayso, 5
#   SAYSO_BENCH_INPUTS="dir1 dir2"         inputs (default: PolNeAR train+dev text)
set -eu
BIN=${1:-build/sayso}
RUNS=${2:-5}
INPUTS=${SAYSO_BENCH_INPUTS:-"/work/shared/polnear/train/text /work/shared/polnear/dev/text"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

now() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
                                                else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# shellcheck disable=SC2086
bytes=$(find $INPUTS -type f \( -name '*.txt' -o -name '*.jsonl' \) -exec cat {} + | wc -c)
# shellcheck disable=SC2086
docs=$(find $INPUTS -type f \( -name '*.txt' -o -name '*.jsonl' \) | wc -l)
echo "inputs: $INPUTS ($docs files, $bytes bytes), $RUNS runs, $(nproc) cores"

i=0
while [ "$i" -lt "$RUNS" ]; do
    t0=$(now)
    # shellcheck disable=SC2086
    "$BIN" extract -q $INPUTS > /dev/null
    t1=$(now)
    rm -f "$tmp/b.db" "$tmp/b.db-wal" "$tmp/b.db-shm"
    # shellcheck disable=SC2086
    "$BIN" index -q --db "$tmp/b.db" $INPUTS
    t2=$(now)
    echo $(( (t1 - t0) / 1000 )) >> "$tmp/extract"
    echo $(( (t2 - t1) / 1000 )) >> "$tmp/index"
    i=$((i + 1))
done
ext=$(median < "$tmp/extract")
idx=$(median < "$tmp/index")
awk -v e="$ext" -v x="$idx" -v b="$bytes" 'BEGIN {
    printf "extract: median %.3f s (%.1f MB/s)\n", e / 1e6, b / e
    printf "index:   median %.3f s (%.1f MB/s)\n", x / 1e6, b / x
    printf "index throughput = %.0f%% of extract (target >= 80%%)\n", 100 * e / x }'
"$BIN" index --db "$tmp/b.db" --check

who=$("$BIN" speakers --db "$tmp/b.db" --json --limit 1 |
      sed -n 's/.*"name":"\([^"]*\)".*/\1/p')
n=$("$BIN" search --db "$tmp/b.db" --speaker "$who" --limit 10000 --json | wc -l)
i=0
while [ "$i" -lt $((RUNS * 5)) ]; do
    t0=$(now)
    "$BIN" search --db "$tmp/b.db" --speaker "$who" --json > /dev/null
    t1=$(now)
    echo $(( (t1 - t0) / 1000 )) >> "$tmp/search"
    i=$((i + 1))
done
s=$(median < "$tmp/search")
awk -v s="$s" -v w="$who" -v n="$n" 'BEGIN {
    printf "search --speaker \"%s\" (%d clusters in all, first 20 printed): median %.1f ms (target < 50 ms)\n",
           w, n, s / 1000 }'
