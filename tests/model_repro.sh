#!/bin/sh
# tests/model_repro.sh -- the shipped model is what the code trains: retrain
# every section from PolNeAR train (sayso train all --fresh, about a minute
# on 2 cores) and compare it byte for byte with models/sayso.model. Run by
# 'make test' (once, without the sanitizers); skipped when the corpus is not
# beside the repository.
#
#   sh tests/model_repro.sh build/sayso
set -u
BIN=${1:?usage: model_repro.sh path/to/sayso}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DATA=$ROOT/../shared/polnear/train
if [ ! -d "$DATA/corenlp" ]; then
    echo "model_repro: skipped, no $DATA"
    exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
if ! "$BIN" train all --data "$DATA" --out "$T/m.model" --fresh > "$T/log" 2>&1; then
    echo "FAIL model_repro: training failed:"
    tail -5 "$T/log"
    exit 1
fi
if cmp -s "$T/m.model" "$ROOT/models/sayso.model"; then
    echo "model_repro: models/sayso.model is reproduced byte for byte"
    exit 0
fi
echo "FAIL model_repro: 'sayso train all --fresh' no longer gives models/sayso.model"
echo "  retrained: $(sha256sum < "$T/m.model")"
echo "  shipped:   $(sha256sum < "$ROOT/models/sayso.model")"
echo "  (a change to the text pipeline or the trainer changed the training; retrain"
echo "  the model with the command in models/README.md and update the docs)"
exit 1
