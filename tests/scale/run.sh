#!/bin/sh
# tests/scale/run.sh -- the corpus-scale tests of `sayso extract` (make
# scale-tests, part of make check):
#   accounting.py  every input record gives exactly one output line (a result
#                  or an error record), in order, the same as when run alone,
#                  with any -j, compressed or not
#   interrupt.py   SIGINT/SIGTERM during -o FILE leaves the complete FILE or
#                  none (and no temporary file); stdout ends after a whole line;
#                  records from a slow pipe come out one by one; a signal
#                  while a too-long line is read past stops the reader
#   memory.py      peak RSS does not grow with the number of records or the
#                  length of a rejected line (not for sanitizer builds)
#   linear.py      texts built to repeat a scan from every token finish in
#                  bounded time (not for sanitizer builds)
#
#   sh tests/scale/run.sh BIN
set -u
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: sh $0 BIN" >&2
    exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
DIR=$(cd "$(dirname "$0")" && pwd)
if ! command -v python3 > /dev/null 2>&1; then
    echo "scale tests: python3 not found: skipped" >&2
    exit 0
fi
fail=0
for t in accounting interrupt memory linear; do
    if { [ $t = memory ] || [ $t = linear ]; } && grep -q __asan_init "$BIN" 2> /dev/null; then
        echo "== $t: skipped (sanitizer build)"
        continue
    fi
    echo "== $t"
    python3 "$DIR/$t.py" "$BIN" || fail=$((fail + 1))
done
if [ $fail -gt 0 ]; then
    echo "scale tests: $fail of 4 failed"
    exit 1
fi
echo "scale tests: all passed"
