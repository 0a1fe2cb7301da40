#!/bin/sh
# bench/run.sh -- throughput of `sayso extract` on a >= 100 MB JSON Lines
# corpus built from the PolNeAR texts (make bench; see bench/README.md).
#
#   sh bench/run.sh                  build/sayso, ../shared, 3 runs
#   BENCH_RUNS=5 BENCH_MB=100 BENCH_BIG_MB=1000 BENCH_DOC_MB=32 SAYSO_BIN=...
#   SAYSO_SHARED=...
#   BENCH_COMMIT=...                 the commit SAYSO_BIN was built from (for
#                                    results.json; default: HEAD at the start)
#
# Runs -j 1 and -j 2 BENCH_RUNS times each (interleaved, so that both see
# the same machine load) and `wc -w` on the same file as a floor, and prints
# the medians: MB/s, tokens/s (words as wc -w counts them), documents/s,
# CPU seconds and peak RSS (/usr/bin/time). Then, unless BENCH_BIG_MB=0,
# runs -j 2 once on a corpus of BENCH_BIG_MB to compare peak RSS with the
# 100 MB run; and, unless BENCH_DOC_MB=0, runs -j 1 once on one document of
# BENCH_DOC_MB (the corpus texts joined into one plain text) and once on one
# of half that size: the ratio of their times shows whether the time per
# document grows in proportion to its length (2.0) or faster.
# Writes the table to stdout and bench/results.json.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${SAYSO_BIN:-$ROOT/build/sayso}
SHARED=${SAYSO_SHARED:-$ROOT/../shared}
RUNS=${BENCH_RUNS:-3}
MB=${BENCH_MB:-100}
BIG=${BENCH_BIG_MB:-1000}
DOC=${BENCH_DOC_MB:-32}
CORPUS=$ROOT/bench/corpus
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: $TIME not found (apt-get install time)" >&2; exit 2; }
[ -x "$BIN" ] || { echo "bench: $BIN not found (make first)" >&2; exit 2; }
mkdir -p "$CORPUS"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sayso-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
# a private copy: the build may change under a long benchmark
cp "$BIN" "$tmp/sayso"
COMMIT=${BENCH_COMMIT:-$(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo unknown)}

python3 "$ROOT/bench/make_corpus.py" "$SHARED" "$MB" "$CORPUS/corpus-$MB.jsonl"
[ "$BIG" -gt 0 ] && python3 "$ROOT/bench/make_corpus.py" "$SHARED" "$BIG" "$CORPUS/corpus-$BIG.jsonl"
IN=$CORPUS/corpus-$MB.jsonl

# measure NAME CMD...: one timed run, appended to $tmp/runs as
# "NAME wall_s user_s sys_s maxrss_kb status"
measure() {
    name=$1
    shift
    $TIME -o "$tmp/t" -f "%e %U %S %M %x" "$@" > /dev/null 2> "$tmp/err" || true
    tail -n 1 "$tmp/t" | sed "s/^/$name /" >> "$tmp/runs"
    case $(tail -n 1 "$tmp/t" | awk '{print $5}') in
    0) ;;
    *) echo "bench: $name failed: $(tail -n 3 "$tmp/err")" >&2; exit 1 ;;
    esac
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
: > "$tmp/runs"
r=1
while [ $r -le "$RUNS" ]; do
    echo "run $r of $RUNS" >&2
    measure j1 "$tmp/sayso" extract -q -j 1 "$IN"
    measure j2 "$tmp/sayso" extract -q -j 2 "$IN"
    measure wc wc -w "$IN"
    r=$((r + 1))
done
if [ "$BIG" -gt 0 ]; then
    echo "peak RSS at $BIG MB, -j 2 (one run)" >&2
    measure big_j2 "$tmp/sayso" extract -q -j 2 "$CORPUS/corpus-$BIG.jsonl"
fi
if [ "$DOC" -gt 0 ]; then
    echo "one document of $DOC MB and one of half that, -j 1 (one run each)" >&2
    python3 "$ROOT/bench/make_doc.py" "$IN" "$DOC" "$tmp/doc"
    measure doc_half "$tmp/sayso" extract -q -j 1 "$tmp/doc-half.txt"
    measure doc_full "$tmp/sayso" extract -q -j 1 "$tmp/doc-full.txt"
    wc -c < "$tmp/doc-half.txt" > "$tmp/doc-bytes"
    wc -c < "$tmp/doc-full.txt" >> "$tmp/doc-bytes"
fi
load1=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$tmp/runs" "$IN.meta.json" "$ROOT/bench/results.json" "$MB" "$BIG" \
    "$load0" "$load1" "$COMMIT" "$tmp/doc-bytes" <<'EOF'
import json, os, statistics, sys
runs_path, meta_path, out, mb, big, load0, load1, commit, doc_bytes = sys.argv[1:10]
meta = json.load(open(meta_path))
runs = {}
for line in open(runs_path):
    name, wall, user, sys_, rss, status = line.split()
    runs.setdefault(name, []).append((float(wall), float(user) + float(sys_), int(rss)))
def med(name, k):
    return statistics.median(r[k] for r in runs[name])
res = {"commit": commit, "cores": os.cpu_count(), "load_before": load0, "load_after": load1,
       "corpus": {"mb": meta["bytes"] / 1e6, "records": meta["records"], "words": meta["words"]},
       "runs": len(runs["j1"]), "results": {}}
rows = []
for name, label in (("j1", "sayso -j 1"), ("j2", "sayso -j 2"), ("wc", "wc -w (floor)")):
    wall, cpu, rss = med(name, 0), med(name, 1), med(name, 2)
    best = min(r[0] for r in runs[name])
    r = {"wall_s": round(wall, 2), "best_wall_s": round(best, 2), "cpu_s": round(cpu, 2),
         "mb_per_s": round(meta["bytes"] / 1e6 / wall, 2),
         "mb_per_cpu_s": round(meta["bytes"] / 1e6 / cpu, 2) if cpu > 0 else None,
         "tokens_per_s": round(meta["words"] / wall), "docs_per_s": round(meta["records"] / wall, 1),
         "peak_rss_mb": round(rss / 1024, 1), "wall_all_s": [r[0] for r in runs[name]]}
    res["results"][name] = r
    rows.append((label, r))
j1, j2 = res["results"]["j1"], res["results"]["j2"]
res["speedup_j2"] = round(j1["wall_s"] / j2["wall_s"], 2)
res["speedup_j2_best"] = round(j1["best_wall_s"] / j2["best_wall_s"], 2)
if "big_j2" in runs:
    big_rss = runs["big_j2"][0][2] / 1024
    res["rss_big"] = {"mb": int(big), "peak_rss_mb": round(big_rss, 1),
                      "ratio_to_100mb": round(big_rss / j2["peak_rss_mb"], 3),
                      "wall_s": runs["big_j2"][0][0]}
print("\ncorpus: %.1f MB, %d documents, %d words (wc -w of the texts); %d runs, medians; "
      "commit %s, %d cores, load %s -> %s\n" % (res["corpus"]["mb"], meta["records"], meta["words"],
                                               res["runs"], commit, res["cores"], load0, load1))
print("%-14s %8s %8s %8s %8s %12s %10s %9s" % ("", "wall s", "best s", "CPU s", "MB/s",
                                               "tokens/s", "docs/s", "RSS MB"))
for label, r in rows:
    print("%-14s %8.2f %8.2f %8.2f %8.2f %12d %10.1f %9.1f" % (label, r["wall_s"], r["best_wall_s"],
          r["cpu_s"], r["mb_per_s"], r["tokens_per_s"], r["docs_per_s"], r["peak_rss_mb"]))
print("\n-j 2 speed-up over -j 1: %.2fx (medians), %.2fx (best runs)" %
      (res["speedup_j2"], res["speedup_j2_best"]))
if "rss_big" in res:
    b = res["rss_big"]
    print("peak RSS, -j 2: %.1f MB at %d MB input, %.1f MB at %d MB (ratio %.3f)" %
          (j2["peak_rss_mb"], int(mb), b["peak_rss_mb"], b["mb"], b["ratio_to_100mb"]))
if "doc_full" in runs:
    half_b, full_b = (int(x) for x in open(doc_bytes).read().split())
    half, full = runs["doc_half"][0], runs["doc_full"][0]
    res["one_document"] = {"mb": round(full_b / 1e6, 1), "wall_s": full[0],
                           "mb_per_s": round(full_b / 1e6 / full[0], 2),
                           "peak_rss_mb": round(full[2] / 1024, 1),
                           "half_mb": round(half_b / 1e6, 1), "half_wall_s": half[0],
                           "ratio_to_half": round(full[0] / half[0], 2)}
    o = res["one_document"]
    print("one document, -j 1: %.1f MB in %.2f s (%.2f MB/s, peak RSS %.1f MB); %.1f MB in %.2f s;"
          " ratio %.2f (2.00: time in proportion to length)" %
          (o["mb"], o["wall_s"], o["mb_per_s"], o["peak_rss_mb"], o["half_mb"], o["half_wall_s"],
           o["ratio_to_half"]))
tmp = out + ".tmp"
with open(tmp, "w") as f:
    json.dump(res, f, indent=2)
    f.write("\n")
os.replace(tmp, out)
print("written: %s" % os.path.relpath(out))
EOF
