#!/bin/bash
# tests/serve/run.sh -- HTTP tests of `sayso serve` with curl: every endpoint,
# every error status, limits (body size, connections, slow clients),
# malformed requests and the graceful stop. Servers listen on 127.0.0.1 only,
# on a free port the server picks itself (--port 0) and prints.
#
#   bash tests/serve/run.sh path/to/sayso
#
# Extra server flags (e.g. --no-model) can be given in SAYSO_SERVE_FLAGS.
# With a `sayso index` command the store endpoints are tested on a small
# database built from the articles in tests/serve/corpus.jsonl.
# Ends with "N passed, M failed"; exits 1 when M > 0.
set -u

SAYSO=${1:?usage: bash run.sh path/to/sayso}
case $SAYSO in /*) ;; *) SAYSO=$PWD/$SAYSO ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sayso-serve.XXXXXX") || exit 2
FLAGS=${SAYSO_SERVE_FLAGS:-}
PASS=0
FAIL=0
PID=
PORT=

cleanup() {
    [ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*" >&2; }
check() { # NAME CONDITION...: pass when the command succeeds
    local name=$1
    shift
    if "$@"; then ok; else bad "$name"; fi
}

# ---- server control ---------------------------------------------------------

# start [FLAGS...]: start a server on a free loopback port; sets PID and PORT.
start() {
    rm -f "$TMP/server.log" # never read the previous server's address
    # shellcheck disable=SC2086
    "$SAYSO" serve --port 0 --bind 127.0.0.1 $FLAGS "$@" 2>"$TMP/server.log" &
    PID=$!
    PORT=
    for _ in $(seq 1 600); do
        PORT=$(sed -n 's|^sayso: serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/server.log" 2>/dev/null)
        [ -n "$PORT" ] && return 0
        kill -0 "$PID" 2>/dev/null || break
        sleep 0.05
    done
    echo "server did not start:" >&2
    cat "$TMP/server.log" >&2
    PID=
    return 1
}

# stop: SIGTERM, then the exit status must be 0 (a clean, graceful stop).
stop() {
    kill -TERM "$PID"
    wait "$PID"
    local rc=$?
    PID=
    if [ $rc -eq 0 ]; then ok; else bad "server exit status $rc after SIGTERM"; cat "$TMP/server.log" >&2; fi
}

# req METHOD PATH [CURL ARGS...]: sets CODE; body in $TMP/body, headers in $TMP/hdr.
req() {
    local m=$1 p=$2
    shift 2
    CODE=$(curl -s -X "$m" -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' --max-time 20 \
        "$@" "http://127.0.0.1:$PORT$p")
}

# expect NAME STATUS [ERROR_CODE]: the last response had STATUS (and, for an
# error, the JSON {"error":{"code":ERROR_CODE,"message":...}}).
expect() {
    local name=$1 want=$2 err=${3:-}
    if [ "$CODE" != "$want" ]; then
        bad "$name: status $CODE, want $want: $(head -c 300 "$TMP/body")"
        return
    fi
    if [ -n "$err" ] && ! json_ok "$TMP/body" "d['error']['code'] == '$err' and isinstance(d['error']['message'], str)"; then
        bad "$name: error body $(head -c 300 "$TMP/body"), want code $err"
        return
    fi
    ok
}

# json_ok FILE PYTHON_EXPR: the file is JSON (as d) and the expression holds.
json_ok() {
    python3 - "$1" "$2" <<'EOF'
import json, sys
try:
    d = json.load(open(sys.argv[1], encoding="utf-8"))
    sys.exit(0 if eval(sys.argv[2]) else 1)
except Exception as e:
    print("json_ok:", e, file=sys.stderr)
    sys.exit(1)
EOF
}

one_of() { # the last status is one of the arguments
    local c
    for c in "$@"; do [ "$CODE" = "$c" ] && return 0; done
    echo "  status $CODE" >&2
    return 1
}

# schema FILE NAME: the answer matches components.schemas.NAME of docs/openapi.json
schema() { python3 "$HERE/schema_check.py" "$HERE/../../docs/openapi.json" "$2" "$1"; }

header() { grep -i "^$1:" "$TMP/hdr" | head -1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'; }

alive() { # the server still answers /healthz quickly
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$PORT/healthz")" = 200 ]
}

# ---- tests --------------------------------------------------------------------

test_static() {
    req GET /healthz
    expect "healthz" 200
    check "healthz body" json_ok "$TMP/body" "d['status'] == 'ok' and d['database'] is False and d['version']"
    check "healthz content type" [ "$(header Content-Type)" = application/json ]
    check "healthz matches the OpenAPI schema" schema "$TMP/body" Health
    req HEAD /healthz -I
    expect "HEAD healthz" 200
    req GET /
    expect "page" 200
    check "page is HTML" grep -q '<textarea id="article"' "$TMP/body"
    check "page content type" [ "$(header Content-Type)" = "text/html; charset=utf-8" ]
    check "page CSP" bash -c "grep -qi \"^content-security-policy: default-src 'self'\" '$TMP/hdr'"
    cmp -s "$TMP/body" "$HERE/../../web/index.html"; check "page is web/index.html" [ $? -eq 0 ]
    req GET /index.html; expect "index.html" 200
    req GET /app.js; expect "app.js" 200
    check "app.js type" [ "$(header Content-Type)" = "text/javascript; charset=utf-8" ]
    cmp -s "$TMP/body" "$HERE/../../web/app.js"; check "app.js is web/app.js" [ $? -eq 0 ]
    req GET /style.css; expect "style.css" 200
    check "style.css type" [ "$(header Content-Type)" = "text/css; charset=utf-8" ]
    req GET /openapi.json; expect "openapi" 200
    check "openapi paths" json_ok "$TMP/body" "d['openapi'].startswith('3.') and all(p in d['paths'] for p in ['/v1/extract', '/v1/quotes', '/v1/quotes/{id}', '/v1/speakers', '/healthz', '/openapi.json'])"
}

test_extract_same_as_cli() {
    local art=$HERE/article.txt
    # shellcheck disable=SC2086
    "$SAYSO" extract -q $FLAGS "$art" >"$TMP/cli.json"
    req POST '/v1/extract?id=article' -H 'Content-Type: text/plain; charset=utf-8' --data-binary @"$art"
    expect "extract text/plain" 200
    cmp -s "$TMP/body" "$TMP/cli.json"; check "text/plain answer == sayso extract" [ $? -eq 0 ]
    check "article has quotes" json_ok "$TMP/body" "len(d['quotes']) >= 5"
    check "document matches the OpenAPI schema" schema "$TMP/body" Document
    python3 -c 'import json,sys; print(json.dumps({"id": "a-1", "text": open(sys.argv[1], encoding="utf-8").read()}))' "$art" >"$TMP/rec.jsonl"
    # shellcheck disable=SC2086
    "$SAYSO" extract -q --input jsonl $FLAGS "$TMP/rec.jsonl" >"$TMP/cli2.json"
    req POST /v1/extract -H 'Content-Type: application/json' --data-binary @"$TMP/rec.jsonl"
    expect "extract JSON" 200
    cmp -s "$TMP/body" "$TMP/cli2.json"; check "JSON answer == sayso extract --input jsonl" [ $? -eq 0 ]
    # shellcheck disable=SC2086
    "$SAYSO" extract -q --offsets bytes $FLAGS "$art" >"$TMP/cli3.json"
    req POST '/v1/extract?id=article&offsets=bytes' --data-binary @"$art" -H 'Content-Type: text/plain'
    cmp -s "$TMP/body" "$TMP/cli3.json"; check "offsets=bytes == sayso extract --offsets bytes" [ $? -eq 0 ]
    req POST '/v1/extract' --data-binary @"$art" -H 'Content-Type:'
    expect "no Content-Type is text" 200
    check "plain text id is null" json_ok "$TMP/body" "d['id'] is None"
}

test_extract_unicode() {
    # Non-BMP characters (emoji) before and inside quotes: offsets are code points.
    printf '%s\n' '🎉🚢 Port news 𝄞' '' \
        '"The ferry 🚢 stays," said Mayor Ana Ruiz. "Everyone wins 🎉."' >"$TMP/emoji.txt"
    req POST /v1/extract -H 'Content-Type: text/plain; charset=UTF-8' --data-binary @"$TMP/emoji.txt"
    expect "extract emoji" 200
    check "emoji spans are code points" python3 - "$TMP/emoji.txt" "$TMP/body" <<'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
d = json.load(open(sys.argv[2], encoding="utf-8"))
q = d["quotes"]
assert q, "no quote found"
for quote in q:
    for role in ("content", "cue", "source"):
        r = quote[role]
        if r:
            assert " ".join(text[s:e] for s, e in r["spans"]) == r["text"], (role, r)
assert any("🎉" in x["content"]["text"] for x in q)
EOF
    python3 -c 'import json; print(json.dumps({"id": 42, "text": "\"Yes,\" she said. \u0000 \"No.\""}))' >"$TMP/nul.json"
    req POST /v1/extract -H 'Content-Type: application/json' --data-binary @"$TMP/nul.json"
    expect "JSON text with NUL and integer id" 200
    check "integer id kept" json_ok "$TMP/body" "d['id'] == 42"
    req POST /v1/extract -H 'Content-Type: text/plain' --data-binary ''
    expect "empty body" 200
    check "empty body has no quotes" json_ok "$TMP/body" "d['quotes'] == [] and d['entities'] == []"
    printf 'He said "\xff\xfe broken \xc3 bytes" today.' >"$TMP/badutf8.txt"
    req POST /v1/extract -H 'Content-Type: text/plain' --data-binary @"$TMP/badutf8.txt"
    expect "a few invalid bytes in text are repaired" 200
    # mostly not text (a binary file, control characters): 422, as the CLI's bad_encoding
    python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(128, 256)) * 10)' >"$TMP/binary.bin"
    req POST /v1/extract -H 'Content-Type: text/plain' --data-binary @"$TMP/binary.bin"
    expect "a binary body is not text" 422 not_text
    python3 -c 'import json; print(json.dumps({"text": "\u0001\u0002\u0003" * 30}))' >"$TMP/ctl.json"
    req POST /v1/extract -H 'Content-Type: application/json' --data-binary @"$TMP/ctl.json"
    expect "a JSON text of control characters is not text" 422 not_text
}

test_extract_errors() {
    local J='Content-Type: application/json'
    req POST /v1/extract -H "$J" --data-binary '{"text": "unterminated'
    expect "bad JSON" 400 bad_json
    check "error matches the OpenAPI schema" schema "$TMP/body" Error
    req POST /v1/extract -H "$J" --data-binary '["text"]'
    expect "JSON array" 400 not_object
    req POST /v1/extract -H "$J" --data-binary '"just a string"'
    expect "JSON string" 400 not_object
    req POST /v1/extract -H "$J" --data-binary '{"title": "x"}'
    expect "missing text" 400 missing_text
    req POST /v1/extract -H "$J" --data-binary '{"text": 12}'
    expect "text not a string" 400 wrong_type
    req POST /v1/extract -H "$J" --data-binary '{"text": null}'
    expect "text null" 400 wrong_type
    req POST /v1/extract -H "$J" --data-binary '{"text": "a", "id": 1.5}'
    expect "float id" 400 wrong_type
    req POST /v1/extract -H "$J" --data-binary '{"text": "a", "id": {"x": 1}}'
    expect "object id" 400 wrong_type
    req POST /v1/extract -H "$J" --data-binary '{"text": "a", "id": "\ud800"}'
    expect "lone surrogate" 400 bad_json
    req POST /v1/extract -H "$J" --data-binary ''
    expect "empty JSON body" 400 bad_json
    req POST '/v1/extract?offsets=words' -H 'Content-Type: text/plain' --data-binary 'x'
    expect "bad offsets" 400 bad_parameter
    req POST /v1/extract -H 'Content-Type: application/xml' --data-binary '<a/>'
    expect "XML" 415 unsupported_media_type
    req POST /v1/extract --data-binary 'text=hello'
    expect "form-urlencoded" 415 unsupported_media_type
    req POST /v1/extract -F 'text=hello'
    expect "multipart" 415 unsupported_media_type
    req POST /v1/extract -H 'Content-Type: text/plain; charset=iso-8859-1' --data-binary 'x'
    expect "latin-1 charset" 415 unsupported_media_type
    req POST /v1/extract -H 'Content-Type: application/json; charset="utf-8"' --data-binary '{"text":""}'
    expect "quoted utf-8 charset" 200
}

test_routes() {
    req GET /nope; expect "unknown path" 404 not_found
    req GET /v1/quotes/; expect "empty quote id" 404 not_found
    req GET /v1/quotes/1/x; expect "deep path" 404 not_found
    req GET /v1/extract; expect "GET extract" 405 method_not_allowed
    check "Allow: POST" [ "$(header Allow)" = POST ]
    req POST /healthz --data-binary x -H 'Content-Type: text/plain'; expect "POST healthz" 405 method_not_allowed
    check "Allow: GET, HEAD" [ "$(header Allow)" = "GET, HEAD" ]
    req DELETE /v1/quotes; expect "DELETE quotes" 405 method_not_allowed
    req PUT /v1/extract --data-binary x; expect "PUT extract" 405 method_not_allowed
    req OPTIONS /; expect "OPTIONS" 405 method_not_allowed
    req GET '/v1/quotes?limit=5'; expect "quotes without db" 404 no_database
    req GET /v1/speakers; expect "speakers without db" 404 no_database
    req GET /v1/quotes/7; expect "quote without db" 404 no_database
}

test_body_limits() {
    # the server was started with --max-body 100000
    head -c 100000 /dev/zero | tr '\0' 'a' >"$TMP/atlimit.txt"
    head -c 100001 /dev/zero | tr '\0' 'a' >"$TMP/over.txt"
    head -c 30000000 /dev/zero | tr '\0' 'b' >"$TMP/huge.txt"
    req POST /v1/extract -H 'Content-Type: text/plain' --data-binary @"$TMP/atlimit.txt"
    expect "body at the limit" 200
    req POST /v1/extract -H 'Content-Type: text/plain' --data-binary @"$TMP/over.txt"
    expect "body over the limit" 413 too_large
    req POST /v1/extract -H 'Content-Type: text/plain' -H 'Transfer-Encoding: chunked' --data-binary @"$TMP/over.txt"
    expect "chunked body over the limit" 413 too_large
    req POST /v1/extract -H 'Content-Type: application/json' --data-binary @"$TMP/huge.txt"
    expect "huge body (Content-Length)" 413 too_large
    req POST /v1/extract -H 'Content-Type: text/plain' -H 'Transfer-Encoding: chunked' --data-binary @"$TMP/huge.txt"
    check "huge chunked body: 413 or cut off" one_of 413 000 100
    check "alive after huge bodies" alive
    python3 -c 'print("{\"text\":" + "[" * 5000 + "]" * 5000 + "}")' >"$TMP/deep.json"
    req POST /v1/extract -H 'Content-Type: application/json' --data-binary @"$TMP/deep.json"
    expect "deeply nested JSON" 400
    check "alive after nested JSON" alive
}

closed_or_400() { [ -z "$1" ] || [[ "$1" == *" 400 "* ]]; }

test_malformed_http() {
    local r
    r=$( (printf 'GARBAGE\r\n\r\n'; sleep 0.5) | timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT; cat >&3 & cat <&3" 2>/dev/null | head -1)
    check "garbage request line gets 400 or a close" closed_or_400 "$r"
    r=$( (printf 'POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'; sleep 0.5) | timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT; cat >&3 & cat <&3" 2>/dev/null | head -1)
    check "bad Content-Length gets 400 or a close" closed_or_400 "$r"
    head -c 70000 /dev/zero | tr '\0' 'h' >"$TMP/longhdr"
    req GET /healthz -H "X-Long: $(cat "$TMP/longhdr")"
    check "huge header is refused" one_of 431 400 413 000
    check "two Content-Lengths: one 400, nothing smuggled" python3 - "$PORT" <<'EOF'
import socket, sys
def send(raw):
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
    s.sendall(raw)
    out = b""
    try:
        while True:
            d = s.recv(65536)
            if not d:
                break
            out += d
    except OSError:
        pass
    s.close()
    return out
inner = b"abcGET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
head = b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
r = send(head + b"Content-Length: 3\r\nContent-Length: %d\r\n\r\n" % len(inner) + inner)
t = send(head + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
ok = (r.startswith(b"HTTP/1.1 400") and r.count(b"HTTP/1.1 ") == 1 and b'"bad_request"' in r
      and t.startswith(b"HTTP/1.1 400") and t.count(b"HTTP/1.1 ") == 1)
sys.exit(0 if ok else print(r[:300], t[:300]) or 1)
EOF
    check "alive after malformed requests" alive
}

test_concurrency() {
    seq 1 60 | xargs -P 30 -I{} curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 \
        -H 'Content-Type: text/plain' --data-binary @"$HERE/article.txt" \
        "http://127.0.0.1:$PORT/v1/extract?id={}" >"$TMP/codes"
    check "60 concurrent extracts all 200" [ "$(grep -c '^200$' "$TMP/codes")" = 60 ]
}

# Idle connections (opened with bash's /dev/tcp) fill --max-connections 3.
test_overload() {
    exec 5<>"/dev/tcp/127.0.0.1/$PORT" 6<>"/dev/tcp/127.0.0.1/$PORT" 7<>"/dev/tcp/127.0.0.1/$PORT"
    sleep 0.3
    req GET /healthz
    expect "over --max-connections" 503 overloaded
    check "503 has Retry-After" [ -n "$(header Retry-After)" ]
    exec 5>&- 6>&- 7>&-
    sleep 0.3
    req GET /healthz
    expect "after the idle connections closed" 200
}

# --timeout 2: a client that stalls in its headers or trickles its body is
# cut off, and other clients are served meanwhile.
test_slow_clients() {
    exec 5<>"/dev/tcp/127.0.0.1/$PORT"
    printf 'GET /healthz HTTP/1.1\r\nHost: x\r\n' >&5
    ( trap '' PIPE
      exec 6<>"/dev/tcp/127.0.0.1/$PORT"
      printf 'POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n' >&6
      for _ in $(seq 1 12); do printf 'abcdefghij' >&6 2>/dev/null || break; sleep 0.5; done
      timeout 3 cat <&6 >"$TMP/trickle" 2>/dev/null ) &
    local trickler=$!
    local t0=$SECONDS
    req GET /healthz
    expect "served while slow clients wait" 200
    check "served quickly" [ $((SECONDS - t0)) -le 1 ]
    if timeout 6 cat <&5 >/dev/null 2>&1; then ok; else bad "stalled headers not cut off by --timeout"; fi
    exec 5>&-
    wait "$trickler"
    check "trickled body cut off (no 200)" bash -c "! grep -q ' 200 ' '$TMP/trickle'"
    check "alive after slow clients" alive
}

# SIGTERM while a request is in flight: it completes, then exit 0.
test_graceful_stop() {
    local body='"We will finish this," said Ana Ruiz.'
    ( exec 5<>"/dev/tcp/127.0.0.1/$PORT"
      printf 'POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s' \
          "${#body}" "${body:0:10}" >&5
      sleep 1
      printf '%s' "${body:10}" >&5
      timeout 5 cat <&5 >"$TMP/inflight" ) &
    local client=$!
    sleep 0.5
    kill -TERM "$PID"
    wait "$client"
    check "request in flight finished after SIGTERM" grep -q '^HTTP/1.1 200' "$TMP/inflight"
    check "in-flight answer has its quote" grep -q 'We will finish this' "$TMP/inflight"
    wait "$PID"
    local rc=$?
    PID=
    check "exit 0 after graceful stop (got $rc)" [ $rc -eq 0 ]
    check "stopped server refuses connections" bash -c "! curl -s --max-time 2 http://127.0.0.1:$PORT/healthz"
}

test_startup_errors() {
    timeout 20 "$SAYSO" serve --port 0 --bind not-an-address $FLAGS 2>"$TMP/err"
    check "bad --bind fails" [ $? -ne 0 ]
    timeout 20 "$SAYSO" serve --port 70000 2>/dev/null
    check "bad --port is a usage error" [ $? -eq 2 ]
    timeout 20 "$SAYSO" serve --max-body -5 2>/dev/null
    check "bad --max-body is a usage error" [ $? -eq 2 ]
    timeout 20 "$SAYSO" serve --port 0 --db "$TMP/missing.db" $FLAGS 2>/dev/null
    check "missing --db fails" [ $? -ne 0 ]
    "$SAYSO" serve --help | grep -q -- '--max-connections'
    check "serve --help" [ $? -eq 0 ]
    start
    local taken=$PORT
    timeout 20 "$SAYSO" serve --port "$taken" $FLAGS 2>"$TMP/err"
    check "port in use fails" [ $? -ne 0 ]
    check "port in use is explained" grep -qi "cannot listen" "$TMP/err"
    stop
    start --threads 1
    check "one thread serves" alive
    check "one thread: no warning from libmicrohttpd" sh -c "! grep -qi warning '$TMP/server.log'"
    stop
}

test_store() {
    if ! "$SAYSO" index --help >/dev/null 2>&1; then
        echo "run.sh: no 'sayso index' command: store endpoints not tested" >&2
        return
    fi
    # shellcheck disable=SC2086
    if ! "$SAYSO" index $FLAGS --db "$TMP/q.db" "$HERE/corpus.jsonl" >"$TMP/index.log" 2>&1; then
        bad "sayso index failed: $(tail -3 "$TMP/index.log")"
        return
    fi
    start --db "$TMP/q.db" --threads 2 || { bad "server with --db did not start"; return; }
    req GET /healthz
    check "healthz with db" json_ok "$TMP/body" "d['database'] is True"
    req GET '/v1/quotes?limit=2'
    expect "quotes" 200
    check "quotes page" json_ok "$TMP/body" "len(d['quotes']) == 2 and d['limit'] == 2 and d['offset'] == 0 and d['next_offset'] == 2"
    check "quotes match the OpenAPI schema" schema "$TMP/body" QuotePage
    local id
    id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["quotes"][0]["id"])' "$TMP/body")
    req GET "/v1/quotes?limit=1000&offset=0"
    check "all quotes, no next page" json_ok "$TMP/body" "d['next_offset'] is None and len(d['quotes']) >= 5"
    req GET "/v1/quotes?speaker=Solberg"
    expect "quotes by speaker" 200
    check "speaker filter" json_ok "$TMP/body" "d['quotes'] and all('Solberg' in (q.get('speaker') or '') for q in d['quotes'])"
    req GET "/v1/quotes?q=doctor"
    expect "quotes by text" 200
    check "text filter" json_ok "$TMP/body" "d['quotes'] and all('doctor' in q['text'].lower() for q in d['quotes'])"
    req GET "/v1/quotes?outlet=Harbour%20Herald"
    expect "quotes by outlet" 200
    check "outlet filter" json_ok "$TMP/body" "len(d['quotes']) >= 1"
    req GET "/v1/quotes?since=2031-01-01"
    check "since in the future: none" json_ok "$TMP/body" "d['quotes'] == []"
    req GET "/v1/quotes?since=2020-01-01&until=2030-12-31"
    check "date range" json_ok "$TMP/body" "len(d['quotes']) >= 1"
    req GET "/v1/quotes/$id"
    expect "one quote" 200
    check "quote has occurrences" json_ok "$TMP/body" "d['id'] == $id and len(d['occurrences']) >= 1"
    check "quote matches the OpenAPI schema" schema "$TMP/body" ClusterWithOccurrences
    req GET "/v1/quotes?speaker=Ek"
    check "a co-speaker finds the quote" json_ok "$TMP/body" "len(d['quotes']) == 1 and 'pier' in d['quotes'][0]['text']"
    id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["quotes"][0]["id"])' "$TMP/body")
    req GET "/v1/quotes/$id"
    check "the occurrence names its co-speaker" json_ok "$TMP/body" "[(o['speaker'], o.get('co_speakers')) for o in d['occurrences']] == [('Maya Lind', ['Jonas Ek'])]"
    check "an occurrence with co-speakers matches the OpenAPI schema" schema "$TMP/body" ClusterWithOccurrences
    req GET "/v1/quotes/999999999"; expect "unknown quote" 404 not_found
    req GET "/v1/quotes/abc"; expect "non-numeric quote id" 400 bad_parameter
    req GET "/v1/quotes/99999999999999999999"; expect "quote id past 2^63" 400 bad_parameter
    check "the message says how large an id can be" grep -q 9223372036854775807 "$TMP/body"
    req GET "/v1/quotes/$id%00x"; expect "%00 in the path: not read as a shorter id" 400 bad_request
    req GET "/v1/quotes?speaker=Solberg%00zz"; expect "%00 in a parameter" 400 bad_request
    req GET "/v1/quotes?speaker=Solberg%2500"; expect "%2500 is a literal %00, no NUL" 200
    req GET "/v1/quotes?q=$(python3 -c "print('doctor+' * 33)")"; expect "33 words" 400 bad_parameter
    req GET "/v1/quotes?limit=0"; expect "limit 0" 400 bad_parameter
    req GET "/v1/quotes?limit=abc"; expect "limit not a number" 400 bad_parameter
    req GET "/v1/quotes?offset=-1"; expect "negative offset" 400 bad_parameter
    req GET "/v1/quotes?since=yesterday"; expect "bad date" 400 bad_parameter
    req GET "/v1/quotes?until=2023-02-29"; expect "no such date" 400 bad_parameter
    req GET "/v1/speakers?limit=5"
    expect "speakers" 200
    check "speakers match the OpenAPI schema" schema "$TMP/body" SpeakerPage
    check "speakers list and gender shares" json_ok "$TMP/body" "d['speakers'] and all(k in d['gender'] for k in ('female','male','unknown')) and d['speakers'][0]['n_quotes'] >= d['speakers'][-1]['n_quotes']"
    seq 1 40 | xargs -P 20 -I{} curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 \
        "http://127.0.0.1:$PORT/v1/quotes?q=doctor&offset={}" >"$TMP/codes"
    check "40 concurrent searches all 200" [ "$(grep -c '^200$' "$TMP/codes")" = 40 ]
    stop
}

command -v curl >/dev/null || { echo "run.sh: curl is needed" >&2; exit 2; }
command -v python3 >/dev/null || { echo "run.sh: python3 is needed" >&2; exit 2; }
[ -x "$SAYSO" ] || { echo "run.sh: $SAYSO is not an executable" >&2; exit 2; }
cp "$SAYSO" "$TMP/sayso" && SAYSO=$TMP/sayso # a private copy: the build may change meanwhile

start --threads 2 --max-body 100000 || { echo "0 passed, 1 failed"; exit 1; }
test_static
test_extract_same_as_cli
test_extract_unicode
test_extract_errors
test_routes
test_body_limits
test_malformed_http
test_concurrency
check "server log is quiet" bash -c "[ \$(wc -l < '$TMP/server.log') -eq 1 ]"
stop

if start --max-connections 3 --threads 2; then test_overload; stop; else bad "server did not start"; fi
if start --timeout 2 --threads 2; then test_slow_clients; stop; else bad "server did not start"; fi
if start --threads 2; then test_graceful_stop; else bad "server did not start"; fi
test_startup_errors
test_store

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
