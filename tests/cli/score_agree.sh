#!/bin/sh
# score_agree.sh -- checks that `sayso eval` prints exactly what the reference
# scorer shared/tools/attrib-score prints: the same stdout bytes (table, --json,
# --units chars), the same exit status, and the same stderr once the program
# name is normalised ("attrib-score: " vs "sayso: ").
#
#   sh tests/cli/score_agree.sh build/sayso
#
# Prediction sets: the dev gold itself, an empty folder, perturbed copies of
# the gold made at test time by tests/cli/perturb.py (fixed seeds), gold in
# other layouts (flat, --text-dir, no texts), and malformed prediction files
# (exit 2, or 3 for Python's integer-digit limit, from both).
# shared/ is looked for beside the repository (../shared from the repo root);
# without it the test is skipped (exit 0). Exits 1 on any difference.
set -u

SAYSO=${1:?usage: score_agree.sh PATH/TO/sayso}
case $SAYSO in /*) ;; *) SAYSO=$(pwd)/$SAYSO ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=$HERE/../../../shared
if [ ! -d "$SHARED" ]; then
    echo "score_agree: SKIPPED: no shared/ folder at $SHARED (attrib-score and PolNeAR dev needed)"
    exit 0
fi
SHARED=$(cd "$SHARED" && pwd)
SCORER=$SHARED/tools/attrib-score
GOLD=$SHARED/polnear/dev
for need in "$SCORER" "$GOLD/attributions" "$GOLD/text"; do
    if [ ! -e "$need" ]; then
        echo "score_agree: SKIPPED: $need is missing"
        exit 0
    fi
done
command -v python3 >/dev/null 2>&1 || { echo "score_agree: SKIPPED: no python3"; exit 0; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/score_agree.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
FAILS=0
RUNS=0

# normalise the program name in diagnostics
norm() {
    sed -e 's/^attrib-score: /sayso: /' "$1"
}

# agree LABEL GOLD PRED [OPTION...]: run both scorers and compare everything.
agree() {
    label=$1 gold=$2 pred=$3
    shift 3
    python3 "$SCORER" "$gold" "$pred" "$@" >"$TMP/py.out" 2>"$TMP/py.err"
    prc=$?
    "$SAYSO" eval --pred "$pred" "$gold" "$@" >"$TMP/c.out" 2>"$TMP/c.err"
    crc=$?
    RUNS=$((RUNS + 1))
    bad=""
    [ "$prc" = "$crc" ] || bad="exit status: attrib-score $prc, sayso $crc"
    cmp -s "$TMP/py.out" "$TMP/c.out" || bad="$bad${bad:+; }stdout differs"
    norm "$TMP/py.err" >"$TMP/py.nerr"
    norm "$TMP/c.err" >"$TMP/c.nerr"
    cmp -s "$TMP/py.nerr" "$TMP/c.nerr" || bad="$bad${bad:+; }stderr differs"
    if [ -n "$bad" ]; then
        FAILS=$((FAILS + 1))
        echo "FAIL $label $*: $bad"
        diff -u "$TMP/py.out" "$TMP/c.out" | head -40
        diff -u "$TMP/py.nerr" "$TMP/c.nerr" | head -20
    fi
    return 0
}

# all_modes LABEL GOLD PRED: table, JSON, chars, chars JSON.
all_modes() {
    agree "$1" "$2" "$3"
    agree "$1" "$2" "$3" --json
    agree "$1" "$2" "$3" --units chars
    agree "$1" "$2" "$3" --units chars --json
}

# -- the gold itself (a split folder as PRED), and an empty folder
all_modes gold "$GOLD" "$GOLD"
mkdir "$TMP/empty"
all_modes empty "$GOLD" "$TMP/empty"

# -- perturbed copies
for spec in drop:1 shift:1 nosource:1 dup:1 spurious:1 discont:1 mix:1 mix:2 mix:3 unicode:1; do
    profile=${spec%%:*} seed=${spec#*:}
    out=$TMP/pred-$profile-$seed
    if ! python3 "$HERE/perturb.py" "$GOLD" "$out" "$profile" "$seed"; then
        echo "FAIL perturb.py $profile $seed"
        FAILS=$((FAILS + 1))
        continue
    fi
    all_modes "$profile:$seed" "$GOLD" "$out"
done

# -- other gold layouts: flat with texts, flat without (chars fallback), --text-dir
mkdir "$TMP/flat" "$TMP/flat-notext"
cp "$GOLD"/attributions/*.ann "$GOLD"/text/*.txt "$TMP/flat/"
cp "$GOLD"/attributions/*.ann "$TMP/flat-notext/"
all_modes flat "$TMP/flat" "$TMP/pred-mix-1"
all_modes flat-notext "$TMP/flat-notext" "$TMP/pred-mix-1"
agree flat-notext-tokens "$TMP/flat-notext" "$TMP/pred-mix-1" --units tokens
agree text-dir "$TMP/flat-notext" "$TMP/pred-mix-1" --text-dir "$GOLD/text"
agree text-dir-json "$TMP/flat-notext" "$TMP/pred-drop-1" --text-dir "$GOLD/text" --json
rm "$TMP/flat/$(ls "$TMP/flat" | grep '\.txt$' | head -1)"
agree flat-one-text-missing "$TMP/flat" "$TMP/pred-shift-1"
agree flat-one-text-missing-json "$TMP/flat" "$TMP/pred-shift-1" --json

# -- bad folders
agree no-gold "$TMP/no-such-gold" "$TMP/empty"
agree no-pred "$GOLD" "$TMP/no-such-pred"
agree empty-gold "$TMP/empty" "$TMP/empty"

# -- a report that cannot be written out: sayso's output error, 5
# (attrib-score dies with a Python traceback there, so no comparison)
if [ -w /dev/full ]; then
    "$SAYSO" eval --pred "$GOLD" "$GOLD" >/dev/full 2>"$TMP/full.err"
    rc=$?
    if [ "$rc" != 5 ] || ! grep -q "sayso: error: cannot write the report" "$TMP/full.err"; then
        echo "FAIL report to /dev/full: exit $rc, want 5: $(cat "$TMP/full.err")"
        FAILS=$((FAILS + 1))
    fi
fi

# -- malformed prediction files: each must be rejected the same way
python3 "$HERE/perturb.py" --malformed "$GOLD" "$TMP/bad" || { echo "FAIL perturb.py --malformed"; exit 1; }
for d in "$TMP"/bad/*; do
    agree "malformed:$(basename "$d")" "$GOLD" "$d"
    if ! grep -q '^attrib-score: \(internal \)\{0,1\}error: ' "$TMP/py.err"; then
        echo "FAIL malformed:$(basename "$d"): attrib-score accepted it"
        FAILS=$((FAILS + 1))
    fi
done

# -- scripts/agreement.sh (human agreement, README "Accuracy"): one row per
# extra annotator of the dev split plus sayso's, and its figures for an
# annotator are the reference scorer's on the same gold and predictions
AGREE=$HERE/../../scripts/agreement.sh
RUNS=$((RUNS + 1))
if [ -f "$GOLD/articles.tsv" ] && [ -d "$GOLD/attributions-extra" ]; then
    SAYSO_BIN=$SAYSO sh "$AGREE" --builtin "$GOLD" >"$TMP/agree.out" 2>"$TMP/agree.err"
    rc=$?
    who=$(awk -F'\t' 'NR > 1 && $3 != "-" { split($3, a, ","); print a[1]; exit }' "$GOLD/articles.tsv")
    mkdir -p "$TMP/ag/g/text" "$TMP/ag/g/attributions" "$TMP/ag/p"
    awk -F'\t' -v w="$who" 'NR > 1 && ("," $3 ",") ~ ("," w ",") { print $1 }' "$GOLD/articles.tsv" |
        while read -r n; do
            cp "$GOLD/text/$n.txt" "$TMP/ag/g/text/"
            cp "$GOLD/attributions/$n.ann" "$TMP/ag/g/attributions/"
            cp "$GOLD/attributions-extra/${n}_$who.ann" "$TMP/ag/p/$n.ann"
        done
    want=$("$SCORER" "$TMP/ag/g" "$TMP/ag/p" | awk '$1 == "Cue" { print $4; exit }')
    got=$(awk -v w="$who" '$1 == w { print $3 }' "$TMP/agree.out")
    rows=$(awk 'NR > 1 && NF == 10 && $3 + 0 > 0 && $3 <= 100 && $5 + 0 > 0' "$TMP/agree.out" | wc -l)
    annotators=$(awk -F'\t' 'NR > 1 && $3 != "-" { print $3 }' "$GOLD/articles.tsv" | tr ',' '\n' |
        sort -u | wc -l)
    if [ "$rc" != 0 ] || [ -z "$want" ] || [ "$got" != "$want" ] ||
        [ "$rows" != $((annotators + 1)) ] || ! grep -q '^sayso ' "$TMP/agree.out"; then
        echo "FAIL agreement.sh: exit $rc, $rows rows for $annotators annotators + sayso," \
            "annotator $who Cue exact $got, attrib-score $want: $(cat "$TMP/agree.err")"
        FAILS=$((FAILS + 1))
    fi
    sh "$AGREE" >/dev/null 2>&1
    rc=$?
    [ "$rc" = 2 ] || { echo "FAIL agreement.sh without SPLIT_DIR: exit $rc, want 2"; FAILS=$((FAILS + 1)); }
fi

if [ "$FAILS" -ne 0 ]; then
    echo "score_agree: $FAILS of $RUNS comparisons FAILED"
    exit 1
fi
echo "score_agree: all $RUNS comparisons byte-identical"
exit 0
