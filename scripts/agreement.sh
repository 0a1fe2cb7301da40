#!/bin/sh
# scripts/agreement.sh -- how well do PolNeAR's human annotators agree with
# the canonical annotation, and how does sayso do on the same articles?
#
#   sh scripts/agreement.sh [--builtin | --model PATH | --retrain] SPLIT_DIR
#
# A few PolNeAR articles were annotated by several people; a split keeps the
# canonical annotator's file in attributions/ and the others' in
# attributions-extra/NAME_ANNOTATOR.ann (articles.tsv lists them). For every
# other annotator this scores their files as predictions against the
# canonical ones with `sayso eval --pred`, over the articles they annotated,
# and prints the scorer's headline figures: a human reference point for the
# scores of `sayso eval`, with the same measures and the same gold.
#
# It can score sayso on the same articles too: --builtin with the built-in
# model, --model PATH with a model file (for a split the model was not
# trained on, such as dev), or --retrain with a model it trains (`sayso train
# all --fresh`, about a minute) on SPLIT_DIR without those articles (for the
# train split, whose multi-annotated articles the shipped model has seen).
#
# Needs build/sayso (make); SAYSO_BIN overrides it. Writes only to a
# temporary folder, removed at exit. Exit status: 0 done, 1 a step failed,
# 2 bad usage or a split without multi-annotated articles.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${SAYSO_BIN:-$ROOT/build/sayso}
MODE="" MODEL=""
usage() { sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in
-h | --help) usage; exit 0 ;;
--builtin | --retrain) MODE=${1#--}; shift ;;
--model) [ $# -ge 2 ] || { usage >&2; exit 2; }; MODE=model MODEL=$2; shift 2 ;;
esac
[ $# -eq 1 ] || { usage >&2; exit 2; }
SPLIT=$(cd "$1" && pwd)
[ -x "$BIN" ] || { echo "agreement.sh: $BIN not found: run make first" >&2; exit 1; }
[ "$MODE" != model ] || [ -r "$MODEL" ] || { echo "agreement.sh: $MODEL: cannot read" >&2; exit 2; }
[ -f "$SPLIT/articles.tsv" ] || { echo "agreement.sh: $SPLIT/articles.tsv: not found" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

# NAME<TAB>extra annotators (comma-separated) of the multi-annotated articles
awk -F'\t' 'NR > 1 && $3 != "-" { print $1 "\t" $3 }' "$SPLIT/articles.tsv" >"$TMP/multi"
n=$(wc -l <"$TMP/multi")
[ "$n" -gt 0 ] || { echo "agreement.sh: $SPLIT has no multi-annotated articles" >&2; exit 2; }
annotators=$(cut -f2 "$TMP/multi" | tr ',' '\n' | sort -u)

# gold folder (text + canonical .ann) of the articles annotator $1 did ("" = all)
gold_for() {
    g="$TMP/gold_${1:-all}"
    mkdir -p "$g/text" "$g/attributions"
    while IFS="$(printf '\t')" read -r name extra; do
        case ",$extra," in *",$1,"*) ;; *) [ -z "$1" ] || continue ;; esac
        cp "$SPLIT/text/$name.txt" "$g/text/"
        cp "$SPLIT/attributions/$name.ann" "$g/attributions/"
    done <"$TMP/multi"
    echo "$g"
}

# The headline figures of `sayso eval` on predictions $2 against gold $1.
score() {
    "$BIN" eval --pred "$2" "$1" >"$TMP/report" || return 1
    awk -v who="$3" -v docs="$(find "$1/text" -name "*.txt" | wc -l)" '
        /^Span metrics/ { sec = "span" } /^Per-role/ { sec = "frag" } /^Attributions/ { sec = "" }
        sec == "span" && $1 == "Cue" { ce = $4 } sec == "span" && $1 == "Source" { se = $4 }
        sec == "span" && $1 == "Content" { co = $7 }
        sec == "frag" && $1 == "Source" { fs = $7 } sec == "frag" && $1 == "Cue" { fc = $7 }
        sec == "frag" && $1 == "Content" { ft = $7 }
        END { printf "%-14s %5s %9s %10s %12s   %s / %s / %s\n", who, docs, ce, se, co, fs, fc, ft }' \
        "$TMP/report"
}

printf '%-14s %5s %9s %10s %12s   %s\n' "annotator" "docs" "Cue exact" "Src exact" \
    "Content ovl" "fragment Source / Cue / Content"
for a in $annotators; do
    g=$(gold_for "$a")
    p="$TMP/pred_$a"
    mkdir -p "$p"
    for f in "$g"/text/*.txt; do
        name=$(basename "$f" .txt)
        cp "$SPLIT/attributions-extra/${name}_$a.ann" "$p/$name.ann"
    done
    score "$g" "$p" "$a" || { echo "agreement.sh: scoring annotator $a failed" >&2; exit 1; }
done

[ -n "$MODE" ] || exit 0
g=$(gold_for "")
set --
[ "$MODE" = model ] && set -- --model "$MODEL"
if [ "$MODE" = retrain ]; then
    held="$TMP/train"
    for d in text attributions corenlp; do
        mkdir -p "$held/$d"
        for f in "$SPLIT/$d"/*; do
            [ -e "$f" ] || continue
            name=$(basename "$f"); name=${name%.*}
            grep -q "^$name	" "$TMP/multi" || ln -s "$f" "$held/$d/"
        done
    done
    echo "agreement.sh: training on $(find "$held/attributions" -name "*.ann" | wc -l) articles," \
        "without the $n multi-annotated ones ..." >&2
    "$BIN" train all --data "$held" --out "$TMP/held.model" --fresh >"$TMP/train.log" 2>&1 ||
        { cat "$TMP/train.log" >&2; exit 1; }
    set -- --model "$TMP/held.model"
fi
"$BIN" extract -q "$@" --format brat --out-dir "$TMP/pred_sayso" "$g/text" || exit 1
score "$g" "$TMP/pred_sayso" "sayso" || exit 1
