#!/bin/sh
# tests/fuzz/replay.sh -- replays the seed corpus (tests/fuzz/seeds/, nasty
# inputs: unbalanced and deeply nested quote marks, invalid UTF-8, NUL bytes,
# lone surrogates, BOMs, CRLF, huge words, broken JSON, corrupt compressed
# data; see seeds/README.md) through the CLI, as a regression test.
#
#   sh tests/fuzz/replay.sh BIN        (make fuzz-replay; make SAN=1 check)
#
# Each seed is run twice, as text (--input text) and as JSON Lines (--input
# jsonl). A run fails when it crashes (exit status >= 128), hangs (more than
# SAYSO_FUZZ_TIMEOUT seconds, default 120), exits with any status but 0 or 1
# (1: error records were written), writes a sanitizer report on stderr, or writes output
# that is not JSON Lines (checked with python3 when present). Prints
# "N passed, M failed"; exits 1 when M > 0.

if [ $# -lt 1 ]; then
    echo "usage: sh $0 BIN" >&2
    exit 2
fi
BIN=$1
if [ ! -x "$BIN" ]; then
    echo "replay.sh: $BIN is not an executable" >&2
    exit 2
fi
SEEDS=$(cd "$(dirname "$0")" && pwd)/seeds
LIMIT=${SAYSO_FUZZ_TIMEOUT:-120}

T=$(mktemp -d "${TMPDIR:-/tmp}/sayso-fuzz.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 130' HUP INT PIPE TERM

TIMEOUT=
command -v timeout > /dev/null 2>&1 && TIMEOUT="timeout $LIMIT"
PY=
command -v python3 > /dev/null 2>&1 && PY=python3

# Sanitizer reports must reach stderr, and a report must not be hidden by a
# non-crashing exit: keep any options the caller set, add ours after them.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}abort_on_error=0:exitcode=99"
UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:halt_on_error=1"
export ASAN_OPTIONS UBSAN_OPTIONS

pass=0
fail=0
n=0
for seed in "$SEEDS"/*; do
    [ -f "$seed" ] || continue
    case $seed in *.md) continue ;; esac
    name=$(basename "$seed")
    for mode in text jsonl; do
        n=$((n + 1))
        out=$T/out.$n
        # shellcheck disable=SC2086
        $TIMEOUT "$BIN" extract -q -j 2 --input $mode "$seed" > "$out" 2> "$T/err"
        rc=$?
        why=
        if [ -n "$TIMEOUT" ] && [ $rc -eq 124 ]; then
            why="did not finish within $LIMIT s"
        elif [ $rc -ge 128 ]; then
            why="crashed (exit status $rc)"
        elif [ $rc -gt 1 ]; then
            why="exit status $rc (a seed must give 0, or 1 with error records): $(head -c 300 "$T/err")"
        elif grep -q -e "ERROR: AddressSanitizer" -e "ERROR: LeakSanitizer" \
            -e "runtime error:" -e "WARNING: ThreadSanitizer" "$T/err"; then
            why="sanitizer report"
        fi
        if [ -z "$why" ]; then
            pass=$((pass + 1))
            echo "$out $name --input $mode" >> "$T/outputs"
            [ -n "${VERBOSE:-}" ] && echo "ok   $name --input $mode (exit $rc)"
        else
            fail=$((fail + 1))
            echo "FAIL $name --input $mode: $why"
            head -n 30 "$T/err" | sed 's/^/    /'
            rm -f "$out"
        fi
    done
done

# Every output line of the runs that passed must be a JSON object.
if [ -n "$PY" ] && [ -s "$T/outputs" ]; then
    $PY - "$T/outputs" > "$T/bad" <<'EOF'
import json, sys
for entry in open(sys.argv[1], encoding="utf-8"):
    path, label = entry.rstrip("\n").split(" ", 1)
    with open(path, "rb") as f:
        for k, raw in enumerate(f, 1):
            try:
                ok = isinstance(json.loads(raw.decode("utf-8")), dict)
            except ValueError:
                ok = False
            if not ok:
                print("%s: output line %d is not a JSON object: %r" % (label, k, raw[:120]))
                break
EOF
    if [ -s "$T/bad" ]; then
        sed 's/^/FAIL /' "$T/bad"
        bad=$(wc -l < "$T/bad")
        pass=$((pass - bad))
        fail=$((fail + bad))
    fi
elif [ -z "$PY" ]; then
    echo "replay.sh: python3 not found: output not checked as JSON"
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
