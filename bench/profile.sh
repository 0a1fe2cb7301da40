#!/bin/sh
# bench/profile.sh -- where one core's time goes in `sayso extract -q -j1`,
# measured two ways: instruction counts (valgrind --tool=callgrind; exact and
# independent of machine load, the main measure on a shared machine) and
# the median of several wall-clock and user-CPU runs (noisy; the second
# measure).
#
#   sh bench/profile.sh [BIN]       default build/sayso
#
# Knobs: PROFILE_FILES (default 100: the first N texts of polnear/train, in
# name order, for callgrind), PROFILE_RUNS (default 5 timed runs over all of
# polnear/train/text), PROFILE_TOP (default 25 functions listed),
# SAYSO_SHARED (default ../shared), PROFILE_OUT (default: a temporary folder;
# keeps callgrind.out for callgrind_annotate). Needs valgrind (Debian package)
# for the instruction profile, which is skipped without it.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/sayso}
SHARED=${SAYSO_SHARED:-$ROOT/../shared}
FILES=${PROFILE_FILES:-100}
RUNS=${PROFILE_RUNS:-5}
TOP=${PROFILE_TOP:-25}
TEXT=$SHARED/polnear/train/text
[ -x "$BIN" ] || { echo "profile: $BIN not found (make first)" >&2; exit 2; }
[ -d "$TEXT" ] || { echo "profile: $TEXT not found (SAYSO_SHARED)" >&2; exit 2; }
OUT=${PROFILE_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/sayso-profile.XXXXXX")}
mkdir -p "$OUT/sample"
# a private copy: the build may change during a long run
cp "$BIN" "$OUT/sayso"

ls "$TEXT" | grep '\.txt$' | sort | head -n "$FILES" | while read -r f; do
    cp "$TEXT/$f" "$OUT/sample/"
done
bytes=$(cat "$OUT"/sample/*.txt | wc -c)
echo "sample: $FILES files of $TEXT, $bytes bytes"

if command -v valgrind > /dev/null 2>&1; then
    valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" \
        "$OUT/sayso" extract -q -j1 "$OUT/sample" > /dev/null 2> "$OUT/callgrind.log"
    total=$(sed -n 's/.*refs: *//p' "$OUT/callgrind.log" | tr -d ,)
    echo "instructions: $total ($(awk -v t="$total" -v b="$bytes" 'BEGIN{printf "%.0f", t / b}') per byte)"
    callgrind_annotate "$OUT/callgrind.out" 2> /dev/null | sed -n '/file:function/,$p' |
        sed -n "3,$((TOP + 2))p" | cut -c1-110
    echo "callgrind output: $OUT/callgrind.out (callgrind_annotate --inclusive=yes for totals)"
else
    echo "valgrind not found: no instruction profile"
fi

all=$(cat "$TEXT"/*.txt | wc -c)
echo "timed: $RUNS runs of -j1 over $TEXT ($all bytes), load $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$OUT/times"
r=1
while [ "$r" -le "$RUNS" ]; do
    /usr/bin/time -o "$OUT/t" -f "%e %U" "$OUT/sayso" extract -q -j1 "$TEXT" > /dev/null
    tail -n 1 "$OUT/t" >> "$OUT/times"
    r=$((r + 1))
done
sort -n -k1 "$OUT/times" | awk -v b="$all" '{w[NR]=$1} END{m=int((NR+1)/2);
    printf "wall: median %.3f s (%.2f MB/s), best %.3f s (%.2f MB/s)\n", w[m], b/w[m]/1e6, w[1], b/w[1]/1e6}'
sort -n -k2 "$OUT/times" | awk -v b="$all" '{u[NR]=$2} END{m=int((NR+1)/2);
    printf "user CPU: median %.3f s (%.2f MB/s), best %.3f s (%.2f MB/s)\n", u[m], b/u[m]/1e6, u[1], b/u[1]/1e6}'
[ -n "${PROFILE_OUT:-}" ] || rm -rf "$OUT/sample" "$OUT/sayso"
