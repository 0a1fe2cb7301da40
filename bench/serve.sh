#!/bin/sh
# bench/serve.sh -- load test of `sayso serve`: wrk posts one typical article
# (tests/serve/article.txt) to POST /v1/extract from 64 connections for 30 s
# on 127.0.0.1, and the result is compared with `sayso extract -q` on the
# same article repeated as JSON Lines (the CLI's throughput on this machine).
#
#   sh bench/serve.sh               build/sayso, 64 connections, 30 s
#   BENCH_SECONDS=10 BENCH_CONNECTIONS=64 BENCH_ARTICLE=FILE SAYSO_BIN=... sh bench/serve.sh
#
# Reports requests/s, MB/s, p50/p99 latency, errors (socket errors and
# non-2xx answers), the server's RSS after a warm-up and after the run (and
# its peak, sampled every second), and the CLI's documents/s and MB/s (the
# mean of the medians of 3 runs before and 3 after the server's run), and
# CPU time per document of both, which machine load does not skew.
# Passes (exit 0) when there are no errors, the server exits 0 on SIGTERM,
# throughput is at least 70% of the CLI's, and RSS grew by under 10% + 4 MB.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${SAYSO_BIN:-$ROOT/build/sayso}
ARTICLE=${BENCH_ARTICLE:-$ROOT/tests/serve/article.txt}
SECS=${BENCH_SECONDS:-30}
CONNS=${BENCH_CONNECTIONS:-64}
CORES=$(nproc)
DOCS=${BENCH_CLI_DOCS:-20000}
[ -x "$BIN" ] || { echo "bench: $BIN not found (make first)" >&2; exit 2; }
SAYSO_EXTRA_DEPS="wrk bc time" sh "$ROOT/scripts/install-deps.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sayso-serve-bench.XXXXXX")
pid=
cleanup() { [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
cp "$BIN" "$tmp/sayso" # a private copy: the build may change under the benchmark

# ---- the CLI on the same article, DOCS times, as JSON Lines ----
python3 - "$ARTICLE" "$DOCS" "$tmp/docs.jsonl" <<'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
with open(sys.argv[3], "w", encoding="utf-8") as f:
    for i in range(int(sys.argv[2])):
        f.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
EOF
cli_rate() { # 3 runs: "median documents/s, median CPU-ms/document"
    : >"$tmp/rates"
    for _ in 1 2 3; do
        /usr/bin/time -f '%e %U %S' -o "$tmp/time" "$tmp/sayso" extract -q -j "$CORES" "$tmp/docs.jsonl" >/dev/null
        awk -v n="$DOCS" '{print n / $1, 1000 * ($2 + $3) / n}' "$tmp/time" >>"$tmp/rates"
    done
    echo "$(cut -d' ' -f1 "$tmp/rates" | sort -g | sed -n 2p) $(cut -d' ' -f2 "$tmp/rates" | sort -g | sed -n 2p)"
}
cputime() { # the server's user + system CPU seconds so far
    awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$pid/stat"
}

# ---- the server ----
cat >"$tmp/post.lua" <<EOF
local f = io.open("$ARTICLE", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
done = function(s, lat, req)
  io.write(string.format("RESULT %d %d %d %d %d %d %d %d %d %d\n", s.requests, s.duration,
    s.errors.connect, s.errors.read, s.errors.write, s.errors.status, s.errors.timeout,
    lat:percentile(50), lat:percentile(99), s.bytes))
end
EOF
"$tmp/sayso" serve --port 0 --bind 127.0.0.1 --threads "$CORES" --max-connections 1024 2>"$tmp/log" &
pid=$!
for _ in $(seq 1 300); do
    port=$(sed -n 's|^sayso: serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$tmp/log")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "${port:-}" ] || { cat "$tmp/log" >&2; exit 1; }
url=http://127.0.0.1:$port/v1/extract
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }

set -- $(cli_rate)
cli_before=$1 cpu_before=$2
wrk -t 2 -c "$CONNS" -d 3s -s "$tmp/post.lua" "$url" >/dev/null # warm-up
rss0=$(rss)
cpu0=$(cputime)
( peak=0; while kill -0 "$pid" 2>/dev/null; do r=$(rss 2>/dev/null || echo 0)
      [ "${r:-0}" -gt "$peak" ] && peak=$r; echo "$peak" >"$tmp/peak"; sleep 1; done ) &
sampler=$!
wrk -t 2 -c "$CONNS" -d "${SECS}s" --timeout 10s --latency -s "$tmp/post.lua" "$url" >"$tmp/wrk.out"
rss1=$(rss)
cpu1=$(cputime)
set -- $(cli_rate)
cli_after=$1 cpu_after=$2
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
kill "$sampler" 2>/dev/null || true
peak=$(cat "$tmp/peak" 2>/dev/null || echo "$rss1")

# ---- report ----
set -- $(grep '^RESULT' "$tmp/wrk.out")
reqs=$2 dur_us=$3 errors=$(($4 + $5 + $6 + $7 + $8)) p50=$9 p99=${10}
bytes=$(wc -c <"$ARTICLE")
rps=$(echo "$reqs * 1000000 / $dur_us" | bc -l)
cli=$(echo "($cli_before + $cli_after) / 2" | bc -l)
cli_cpu=$(echo "($cpu_before + $cpu_after) / 2" | bc -l)
srv_cpu=$(echo "1000 * ($cpu1 - $cpu0) / $reqs" | bc -l)
ratio=$(echo "$rps / $cli" | bc -l)
printf 'article            %s (%d bytes)\n' "${ARTICLE#"$ROOT"/}" "$bytes"
printf 'server             %d connections, %d s, %d threads: %d requests\n' "$CONNS" "$SECS" "$CORES" "$reqs"
printf 'throughput         %.0f requests/s, %.2f MB/s of article text\n' "$rps" "$(echo "$rps * $bytes / 1000000" | bc -l)"
printf 'latency            p50 %.2f ms, p99 %.2f ms\n' "$(echo "$p50 / 1000" | bc -l)" "$(echo "$p99 / 1000" | bc -l)"
printf 'errors             %d (connect %d, read %d, write %d, non-2xx %d, timeout %d)\n' "$errors" "$4" "$5" "$6" "$7" "$8"
printf 'server RSS         %d kB after warm-up, %d kB after the run, peak %d kB\n' "$rss0" "$rss1" "$peak"
printf 'server exit        %d after SIGTERM\n' "$status"
printf 'CLI extract -j %d   %.0f documents/s, %.2f MB/s (medians of 3 runs before: %.0f and after: %.0f)\n' \
    "$CORES" "$cli" "$(echo "$cli * $bytes / 1000000" | bc -l)" "$cli_before" "$cli_after"
printf 'CPU per document   server %.3f ms (HTTP included), CLI %.3f ms\n' "$srv_cpu" "$cli_cpu"
printf 'server / CLI       %.0f%% of the throughput, %.0f%% of the CPU efficiency\n' \
    "$(echo "100 * $ratio" | bc -l)" "$(echo "100 * $cli_cpu / $srv_cpu" | bc -l)"
printf 'machine load       %s (1, 5, 15 min; %d cores)\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$CORES"
fail=0
[ "$errors" -eq 0 ] || { echo "FAIL: $errors errors"; fail=1; }
[ "$status" -eq 0 ] || { echo "FAIL: server exit status $status"; fail=1; }
[ "$(echo "$ratio >= 0.70" | bc -l)" -eq 1 ] || { echo "FAIL: throughput under 70% of the CLI's"; fail=1; }
[ "$rss1" -le $((rss0 + rss0 / 10 + 4096)) ] || { echo "FAIL: RSS grew from $rss0 to $rss1 kB"; fail=1; }
[ $fail -eq 0 ] && echo "PASS"
exit $fail
