#!/bin/sh
# tests/store/run.sh -- the quote store end to end on a real SQLite file:
# dedup clusters on hand-written articles (tests/store/articles.jsonl, text
# written for these tests), speaker and text search, filters, idempotent
# re-indexing, replacement, hostile search strings, and an indexer killed
# with SIGKILL mid-run that must leave a consistent store and resume.
#
#   sh tests/store/run.sh build/sayso
# Prints "N passed, M failed"; exits non-zero when something failed.
set -u
BIN=${1:?usage: run.sh path/to/sayso}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check NAME COMMAND...: passes when the command succeeds
    name=$1
    shift
    if "$@" > "$T/out" 2> "$T/err"; then ok; else bad "$name"; sed 's/^/    /' "$T/err" | head -5; fi
}
# jq-like probes in python3 (a build dependency): py 'EXPR over rows' < JSONL
py() { python3 -c "import sys, json; rows = [json.loads(l) for l in sys.stdin if l.strip()]; sys.exit(0 if ($1) else 1)"; }
py_out() { python3 -c "import sys, json; rows = [json.loads(l) for l in sys.stdin if l.strip()]; print($1)"; }
count() { "$BIN" index --db "$1" --check | sed -n "s/.*\"$2\":\([0-9]*\).*/\1/p"; }
eq() { # eq NAME GOT WANT
    if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi
}

A=$HERE/articles.jsonl
DB=$T/a.db

# ---- indexing and dedup --------------------------------------------------
# Assertions are about the direct and mixed quotations the articles were
# written for; what else the engine finds (paraphrases) may change.
check "index the hand-written articles" "$BIN" index -q --db "$DB" "$A"
check "the store is consistent" "$BIN" index --db "$DB" --check
eq "articles" "$(count "$DB" articles)" 6
eq "every extracted quotation is stored" "$(count "$DB" quotes)" \
    "$("$BIN" extract -q "$A" | python3 -c 'import sys, json; print(sum(len(json.loads(l)["quotes"]) for l in sys.stdin))')"
"$BIN" search --db "$DB" --json --limit 100 > "$T/all"
# a broken record: reported with its file and line, the others stored (exit 1)
{ head -n 2 "$A"; echo '{broken'; } > "$T/broken.jsonl"
"$BIN" index -q --db "$T/broken.db" "$T/broken.jsonl" 2> "$T/msg"
eq "index: a broken record gives exit 1" "$?" 1
check "index: a broken record is reported at FILE:LINE" \
    grep -q "^sayso: error (at $T/broken.jsonl:3): bad_json: " "$T/msg"
eq "index: the records around it are stored" "$(count "$T/broken.db" articles)" 2
# a short text whose entity has two overlapping mentions (a name and the
# source resolved to it) longer together than the text: stored, not
# refused as "out of memory" (found by fuzz_store)
printf '{"id":"short","text":"\\"\\"said LeMxxxxxxx\\u000bx"}\n' > "$T/short.jsonl"
"$BIN" index -q --db "$T/short.db" "$T/short.jsonl" 2> "$T/msg"
eq "index: overlapping mentions, exit 0" "$?" 0
eq "index: overlapping mentions, the article is stored" "$(count "$T/short.db" articles)" 1
BRIDGE='"we will rebuild the northern bridge" in r["text"].lower() and "cut corners" in r["text"]'
check "exact, reformatted, shortened and partial reports form one cluster" py \
    "any($BRIDGE and r['n_occurrences'] == 5 and r['n_articles'] == 5 for r in rows)" < "$T/all"
check "the longest report represents it; first seen in the earliest article" py \
    "any($BRIDGE and r['text'].startswith('\u201cWe will') and r['first_seen']['article'] == 'gazette-bridge' and r['first_seen']['date'] == '2024-03-01' for r in rows)" < "$T/all"
check "the speaker agreed by most reports wins (Okafor over Ruiz)" py \
    "any($BRIDGE and r['speaker'] == 'Amara Okafor' for r in rows)" < "$T/all"
check "a negated version of the quote stays apart" py \
    'any(r["text"].startswith("\u201cWe will not rebuild") and r["n_occurrences"] == 1 and r["speaker"] == "Dan Price" for r in rows)' < "$T/all"
check "the same quote in two outlets is one cluster" py \
    'any("southern tunnel" in r["text"] and r["n_articles"] == 2 and r["outlets"] == ["Evening Post", "Harbor Tribune"] for r in rows)' < "$T/all"
check "distinct quotes of one speaker stay apart" py \
    'sum(1 for r in rows if "tunnel" in r["text"] and r["text"].startswith("\u201c")) == 2' < "$T/all"
ID=$(py_out "[r['id'] for r in rows if $BRIDGE][0]" < "$T/all")
"$BIN" quote --db "$DB" --json "$ID" > "$T/q"
check "quote ID: every report, earliest first" py \
    '[o["article"]["id"] for o in rows[0]["occurrences"]] == ["gazette-bridge", "herald-bridge", "ledger-bridge", "post-bridge", "courier-letter"]' < "$T/q"
check "quote ID: spans in code points" py \
    'rows[0]["occurrences"][0]["content"]["spans"] == [[88, 197]]' < "$T/q"
check "JSONL metadata aliases (publisher, published, headline) are read" py \
    '[(o["article"]["outlet"], o["article"]["date"], o["article"]["title"]) for o in rows[0]["occurrences"] if o["article"]["id"] == "ledger-bridge"] == [("Daily Ledger", "2024-03-03", "Engineer promises new bridge")]' < "$T/q"
check "quote: a table by default" sh -c "'$BIN' quote --db '$DB' $ID | grep -q '^Reported: 5 times in 5 articles'"

# the same articles in reverse order cluster the same way
tac "$A" > "$T/rev.jsonl"
"$BIN" index -q --db "$T/rev.db" "$T/rev.jsonl"
eq "reverse order: as many clusters" "$(count "$T/rev.db" clusters)" "$(count "$DB" clusters)"
"$BIN" search --db "$T/rev.db" --json --limit 100 > "$T/rev"
check "reverse order: the same cluster of five reports, the negation apart" py \
    "any($BRIDGE and r['n_occurrences'] == 5 for r in rows) and any(r['text'].startswith('\u201cWe will not') and r['n_occurrences'] == 1 for r in rows)" < "$T/rev"

# ---- queries --------------------------------------------------------------
OKAFOR3='{"bridge", "southern tunnel", "inspected"} <= {w for r in rows for w in ("bridge", "southern tunnel", "inspected") if w in r["text"] and r["text"].startswith(("\u201c", "\""))}'
for who in okafor OKAFOR "Amara Okafor" "  okafor  "; do
    "$BIN" search --db "$DB" --speaker "$who" --json > "$T/s"
    check "search --speaker '$who' finds Okafor's quotes across articles" py \
        "$OKAFOR3 and not any('not rebuild' in r['text'] for r in rows)" < "$T/s"
done
"$BIN" search --db "$DB" --speaker "Dan Price" --json > "$T/s"
check "search --speaker 'Dan Price'" py 'len(rows) == 1 and "not rebuild" in rows[0]["text"]' < "$T/s"
"$BIN" search --db "$DB" --speaker "price" --json > "$T/s"
check "search --speaker: surname alone" py 'len(rows) == 1 and "not rebuild" in rows[0]["text"]' < "$T/s"
"$BIN" search --db "$DB" --speaker "Nobody Atall" --json > "$T/s"
check "an unknown speaker finds nothing" py 'rows == []' < "$T/s"
"$BIN" search --db "$DB" --speaker "Nobody Atall" > "$T/s" 2> "$T/msg"
eq "an empty table: exit 0" $? 0
check "an empty table says so on stderr, nothing on stdout" sh -c "grep -q '^sayso: no quotes match' '$T/msg' && [ ! -s '$T/s' ]"
"$BIN" search --db "$DB" --text "northern bridge" --json > "$T/s"
check "search --text: all words" py \
    "any($BRIDGE for r in rows) and any('not rebuild' in r['text'] for r in rows) and all('northern bridge' in r['text'].lower() for r in rows)" < "$T/s"
"$BIN" search --db "$DB" --text '"not rebuild"' --json > "$T/s"
check "search --text: a phrase" py 'len(rows) == 1 and rows[0]["speaker"] == "Dan Price"' < "$T/s"
"$BIN" search --db "$DB" --text 'insp*' --json > "$T/s"
check "search --text: a prefix" py 'len(rows) == 1 and "inspected" in rows[0]["text"]' < "$T/s"
"$BIN" search --db "$DB" --text 'bridge' --speaker okafor --json > "$T/s"
check "search: text and speaker together" py "any($BRIDGE for r in rows) and not any('not rebuild' in r['text'] for r in rows)" < "$T/s"
"$BIN" search --db "$DB" --outlet "valley HERALD" --json > "$T/s"
check "search --outlet (any case)" py "any($BRIDGE for r in rows) and all('Valley Herald' in r['outlets'] for r in rows)" < "$T/s"
"$BIN" search --db "$DB" --since 2024-03-05 --json > "$T/s"
check "search --since" py \
    "{'cut corners', 'not rebuild', 'southern tunnel', 'inspected'} <= {w for r in rows for w in ('cut corners', 'not rebuild', 'southern tunnel', 'inspected') if w in r['text']} and not any('the news' == r['text'] for r in rows)" < "$T/s"
"$BIN" search --db "$DB" --until 2024-03-01 --json > "$T/s"
check "search --until (inclusive)" py "any($BRIDGE for r in rows) and not any('tunnel' in r['text'] for r in rows)" < "$T/s"
"$BIN" search --db "$DB" --since 2024-03 --until 2024-03 --limit 100 --json > "$T/s"
check "search: month prefixes" py "len(rows) == $(wc -l < "$T/all")" < "$T/s"
"$BIN" search --db "$DB" --until 2024-02 --json > "$T/s"
check "search: nothing before the first date" py 'rows == []' < "$T/s"
"$BIN" search --db "$DB" --limit 2 --offset 1 --json > "$T/s"
check "search --limit/--offset" py 'len(rows) == 2' < "$T/s"
"$BIN" search --db "$DB" > "$T/s"
check "search prints a table by default" grep -q "^ID  *FIRST SEEN" "$T/s"
"$BIN" speakers --db "$DB" --json > "$T/s"
check "speakers: a surname alone counts for the full name; counts and outlets" py \
    'rows[0]["name"] == "Amara Okafor" and rows[0]["n_articles"] >= 4 and {"outlet": "Harbor Tribune", "quotes": 2} in rows[0]["outlets"] and not any(r["name"] == "Okafor" for r in rows)' < "$T/s"
check "speakers: a table by default" sh -c "'$BIN' speakers --db '$DB' | grep -q '^QUOTES'"
"$BIN" quote --db "$DB" 999 > /dev/null 2> "$T/msg"
eq "quote: unknown ID exits 1" $? 1
check "quote: unknown ID says so" grep -q "^sayso: error (at .*a.db): no quote cluster has ID 999" "$T/msg"
"$BIN" quote --db "$DB" abc > /dev/null 2>&1
eq "quote: bad ID is a usage error" $? 2
"$BIN" search --db "$T/missing.db" > /dev/null 2> "$T/msg"
eq "search: missing store exits 3" $? 3
check "search: missing store error names the file" grep -q "^sayso: error (at $T/missing.db): " "$T/msg"
"$BIN" index --check --db "$T/missing.db" > "$T/out" 2> "$T/msg"
eq "index --check: missing store exits 3" $? 3
check "index --check creates no store and prints no counts" sh -c "[ ! -e '$T/missing.db' ] && [ ! -s '$T/out' ]"
cp "$DB" "$T/fts.db"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('delete from quote_fts_data where id >= 1'); c.commit()" "$T/fts.db"
"$BIN" index --check --db "$T/fts.db" > "$T/out" 2> "$T/msg"
eq "index --check: a damaged full-text index fails the check" $? 1
check "index --check says the full-text index is wrong" grep -q "check failed: full-text index" "$T/msg"
"$BIN" search --db "$DB" --since yesterday > /dev/null 2>&1
eq "search: a bad date is a usage error" $? 2
for d in 2024-13 2024-02-30 2023-02-29 2024-00; do
    "$BIN" search --db "$DB" --until "$d" > /dev/null 2>&1
    eq "search: --until $d (no such date) is a usage error" $? 2
done
"$BIN" search --db "$DB" --since 2024-02-29 > /dev/null 2>&1
eq "search: a leap day is a date" $? 0
"$BIN" search > /dev/null 2>&1
eq "search without --db is a usage error" $? 2
"$BIN" speakers --db "$DB" --text x > /dev/null 2>&1
eq "speakers --text is a usage error" $? 2
for c in index search speakers quote; do
    check "$c --help" sh -c "'$BIN' $c --help | grep -q '^Usage: sayso $c'"
done
echo "not a database, just text" > "$T/junk.db"
"$BIN" search --db "$T/junk.db" > /dev/null 2>&1
eq "search: a file that is not a store exits 3" $? 3

# ---- hostile strings neither fail nor change anything ---------------------
before=$("$BIN" index --db "$DB" --check)
for s in "'; DROP TABLE quotes; --" '"' '*' 'NEAR(' 'NEAR(a b' '"unbalanced' 'a OR b' \
         'text:bridge' '^bridge' '-bridge' '(((' ')' 'AND' 'NOT bridge' '%' '_' '\' \
         "bridge' OR '1'='1" '{text}: bridge' 'bridge*"*' ''; do
    "$BIN" search --db "$DB" --text "$s" --json > /dev/null 2> "$T/err" || bad "search --text '$s' failed: $(cat "$T/err")"
    "$BIN" search --db "$DB" --speaker "$s" --json > /dev/null 2> "$T/err" || bad "search --speaker '$s' failed"
    "$BIN" search --db "$DB" --outlet "$s" --json > /dev/null 2> "$T/err" || bad "search --outlet '$s' failed"
    "$BIN" speakers --db "$DB" --speaker "$s" --json > /dev/null 2> "$T/err" || bad "speakers --speaker '$s' failed"
done
ok
eq "hostile strings changed nothing" "$("$BIN" index --db "$DB" --check)" "$before"
"$BIN" search --db "$DB" --text "DROP TABLE quotes" --json > "$T/s"
check "SQL in --text is searched as words" py 'rows == []' < "$T/s"

# ---- idempotence, force, replacement -------------------------------------
"$BIN" index -q --db "$DB" "$A"
eq "index twice: same counts" "$("$BIN" index --db "$DB" --check)" "$before"
"$BIN" index -q --force --db "$DB" "$A"
eq "index --force: same counts" "$("$BIN" index --db "$DB" --check)" "$before"
check "quote IDs still lead to their clusters" sh -c "'$BIN' quote --db '$DB' 2 > /dev/null"
grep -v '"tribune-tunnel"' "$A" > "$T/less.jsonl"
printf '%s\n' '{"id":"tribune-tunnel","outlet":"Harbor Tribune","date":"2024-03-05","text":"Commuters got some relief this week.\n\n\u201cThe southern tunnel will stay open through the spring,\u201d Okafor said on Friday."}' >> "$T/less.jsonl"
"$BIN" index -q --db "$DB" "$T/less.jsonl"
check "replacing an article keeps the store consistent" "$BIN" index --db "$DB" --check
eq "replacement: same articles" "$(count "$DB" articles)" 6
nq() { "$BIN" extract -q "$1" | python3 -c 'import sys, json; print(sum(len(json.loads(l)["quotes"]) for l in sys.stdin))'; }
eq "replacement: the old version's quotes are gone" "$(count "$DB" quotes)" "$(nq "$T/less.jsonl")"
"$BIN" search --db "$DB" --json --limit 100 > "$T/s"
check "replacement: its clusters lose its reports, or go" py \
    "not any('not rebuild' in r['text'] or 'inspected' in r['text'] for r in rows) and any('southern tunnel' in r['text'] and r['n_articles'] == 2 for r in rows) and any($BRIDGE and r['n_occurrences'] == 5 for r in rows)" < "$T/s"

# one input holding two versions of an article: the last wins, every run
printf '%s\n' '{"id":"twice","text":"\"Version one of the ferry quote,\" said Ann Lee."}' \
    '{"id":"twice","text":"\"Version two of the ferry quote,\" said Ann Lee."}' > "$T/twice.jsonl"
for run in 1 2 3; do
    "$BIN" index -q -j 1 --db "$T/twice.db" "$T/twice.jsonl"
    "$BIN" search --db "$T/twice.db" --json > "$T/s"
    check "two versions of one id, run $run: the last is stored" py \
        "len(rows) == 1 and 'Version two' in rows[0]['text']" < "$T/s"
done

# ids that differ only after a NUL byte are two articles; dates that do not
# exist are not dates
printf '%s\n' '{"id":"k\u0000a","date":"2024-02-30","text":"\"The harbour will reopen in May,\" said Ann Lee."}' \
    '{"id":"k\u0000b","date":"2024-02-29T08:00:00Z","text":"\"Tolls on the old bridge must go,\" said Ann Lee."}' > "$T/nul.jsonl"
"$BIN" index -q --db "$T/nul.db" "$T/nul.jsonl"
eq "ids with NUL bytes: two articles" "$(count "$T/nul.db" articles)" 2
"$BIN" search --db "$T/nul.db" --json > "$T/s"
check "a real date is kept, 2024-02-30 is not" py \
    "sorted(str(r['first_seen']['date']) for r in rows) == ['2024-02-29', 'None']" < "$T/s"

# tables are for terminals: control characters from articles never reach them
printf '%s\n' '{"id":"esc\u001b[2J","outlet":"Out\u001b[5mlet","text":"\"Red \u001b[31m alert\u0007 now,\" said Ann Lee."}' > "$T/esc.jsonl"
"$BIN" index -q --db "$T/esc.db" "$T/esc.jsonl"
{ "$BIN" search --db "$T/esc.db"; "$BIN" quote --db "$T/esc.db" 1; "$BIN" speakers --db "$T/esc.db"; } > "$T/tables"
check "tables: the quote is there" grep -q "alert" "$T/tables"
check "tables: no escape or bell byte" sh -c "! LC_ALL=C grep -q '$(printf '[\033\007]')' '$T/tables'"

# at rest a store is one file (rollback journal), readable in a read-only folder
eq "a closed store is in rollback-journal mode" \
    "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('pragma journal_mode').fetchone()[0])" "$DB")" delete
if [ "$(id -u)" = 0 ] && su nobody -s /bin/sh -c true 2> /dev/null; then
    mkdir "$T/ro" && cp "$DB" "$BIN" "$T/ro/" && chmod 755 "$T" "$T/ro" && chmod 644 "$T/ro/a.db"
    check "a reader in a folder it cannot write" su nobody -s /bin/sh -c "'$T/ro/sayso' search --db '$T/ro/a.db' --limit 1"
fi

# usage and model errors leave no store behind
"$BIN" index --db "$T/nomodel.db" --model "$T/no-such.model" "$A" > /dev/null 2>&1
eq "index --model missing: exit 4" $? 4
check "index --model missing: no store created" sh -c "[ ! -e '$T/nomodel.db' ]"
"$BIN" index --db "" "$A" > /dev/null 2>&1
eq "index --db '': usage error" $? 2
"$BIN" search --db "" > /dev/null 2>&1
eq "search --db '': usage error" $? 2
"$BIN" index --db "$DB" --check "$A" > /dev/null 2>&1
eq "index --check with inputs: usage error" $? 2
if [ -w /dev/full ]; then
    "$BIN" index --db "$DB" --check > /dev/full 2> "$T/msg"
    eq "index --check > /dev/full: exit 5" $? 5
    check "index --check > /dev/full: says so" grep -q "cannot write to standard output" "$T/msg"
fi

# refused query values are usage errors; a 33rd word is not silently dropped
"$BIN" search --db "$DB" --text "$(python3 -c "print('bridge ' * 32 + 'zebra')")" > "$T/out" 2> "$T/msg"
eq "search: more than 32 words is a usage error" $? 2
check "search: ... and says so" grep -q "more than 32 words" "$T/msg"
"$BIN" search --db "$DB" --speaker "$(python3 -c "print('m' * 1000)")" > /dev/null 2>&1
eq "search: a speaker name too long is a usage error" $? 2

# --outlet ignores case beyond ASCII too
printf '%s\n' '{"id":"sz","outlet":"S\u00fcd Zeitung","text":"\"The ferry runs again,\" said Ann Lee."}' > "$T/sz.jsonl"
"$BIN" index -q --db "$T/sz.db" "$T/sz.jsonl"
for o in "S$(printf '\303\234')D ZEITUNG" "s$(printf '\303\274')d zeitung"; do
    eq "search --outlet '$o'" "$("$BIN" search --db "$T/sz.db" --outlet "$o" --json | wc -l)" 1
    eq "speakers --outlet '$o'" "$("$BIN" speakers --db "$T/sz.db" --outlet "$o" --json | wc -l)" 1
done
eq "search --outlet 'SUD ZEITUNG' is another outlet" "$("$BIN" search --db "$T/sz.db" --outlet "SUD ZEITUNG" --json | wc -l)" 0

# ---- co-speakers ----------------------------------------------------------
# "Anna Berg and Tom Lund said": the quotation is Berg's and Lund's; replacing
# the article drops Lund's share with it.
CO=$T/co.db
printf '%s\n' '{"id":"co1","outlet":"Marlow Mercury","text":"\u201cThe fares are too high,\u201d said Anna Berg and Tom Lund.\n\n\u201cWe will appeal,\u201d said Rita Vance."}' > "$T/co.jsonl"
"$BIN" index -q --db "$CO" "$T/co.jsonl"
"$BIN" search --db "$CO" --speaker lund --json > "$T/s"
check "search --speaker finds a co-speaker's quotation" py 'len(rows) == 1 and "too high" in rows[0]["text"]' < "$T/s"
"$BIN" search --db "$CO" --speaker berg --json > "$T/s"
check "search --speaker still finds the first speaker's" py 'len(rows) == 1 and "too high" in rows[0]["text"]' < "$T/s"
"$BIN" speakers --db "$CO" --json > "$T/s"
check "speakers counts the quotation for both, with the outlet" py \
    '{r["name"]: r["n_quotes"] for r in rows} == {"Anna Berg": 1, "Tom Lund": 1, "Rita Vance": 1} and {"outlet": "Marlow Mercury", "quotes": 1} in [r for r in rows if r["name"] == "Tom Lund"][0]["outlets"]' < "$T/s"
"$BIN" speakers --db "$CO" --speaker lund --json > "$T/s"
check "speakers --speaker lists the co-speaker alone" py '[r["name"] for r in rows] == ["Tom Lund"]' < "$T/s"
"$BIN" search --db "$CO" --speaker lund --json > "$T/s"
CID=$(py_out 'rows[0]["id"]' < "$T/s")
"$BIN" quote --db "$CO" --json "$CID" > "$T/s"
check "quote: the occurrence names its co-speaker" py \
    '[(o["speaker"], o.get("co_speakers")) for o in rows[0]["occurrences"]] == [("Anna Berg", ["Tom Lund"])]' < "$T/s"
printf '%s\n' '{"id":"co1","outlet":"Marlow Mercury","text":"\u201cThe fares are too high,\u201d said Anna Berg."}' > "$T/co.jsonl"
"$BIN" index -q --db "$CO" "$T/co.jsonl"
"$BIN" search --db "$CO" --speaker lund --json > "$T/s"
check "a replaced article takes its co-speakers with it" py 'rows == []' < "$T/s"
check "the store is consistent after the replacement" "$BIN" index --db "$CO" --check
# a store of schema 1 (before co-speakers): the writer migrates it, says so
# once, and --force gives the old article its co-speakers
printf '%s\n' '{"id":"co1","outlet":"Marlow Mercury","text":"\u201cThe fares are too high,\u201d said Anna Berg and Tom Lund."}' > "$T/co.jsonl"
"$BIN" index -q --db "$CO" "$T/co.jsonl"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript('DROP TABLE quote_speakers; PRAGMA user_version=1')" "$CO"
"$BIN" search --db "$CO" --speaker berg > /dev/null 2> "$T/msg"
check "schema 1: a reader asks for sayso index" grep -q "run sayso index to migrate" "$T/msg"
"$BIN" index -q --db "$CO" "$T/co.jsonl" 2> "$T/msg"
check "schema 1: the writer says it upgraded the store" \
    grep -q "upgraded from schema 1 to 2; articles indexed before have no co-speakers" "$T/msg"
check "schema 1: the migrated store is consistent" "$BIN" index --db "$CO" --check
"$BIN" search --db "$CO" --speaker lund --json > "$T/s"
check "schema 1: the old article has no co-speakers yet" py 'rows == []' < "$T/s"
"$BIN" index -q --force --db "$CO" "$T/co.jsonl" 2> "$T/msg"
check "schema 1: the second writer says nothing" test ! -s "$T/msg"
"$BIN" search --db "$CO" --speaker lund --json > "$T/s"
check "schema 1: --force gives it its co-speakers" py 'len(rows) == 1' < "$T/s"

# ---- kill -9 mid-run, then resume -----------------------------------------
N=4000
awk -v n=$N 'BEGIN {
    split("Okafor Ruiz Price Marsh Quinn Abara Lindqvist Moreau Tanaka Haddad", who, " ")
    split("bridge tunnel budget harbour school clinic railway library market river", what, " ")
    split("repair close reopen fund inspect expand rebuild delay review protect", verb, " ")
    srand(7)
    for (i = 1; i <= n; i++) {
        t = "Reporting from the city council, day " i "."
        for (k = 0; k < 3; k++) {
            q = int(rand() * 60); w = who[q % 10 + 1]
            t = t "\\n\\n\\u201cWe will " verb[q % 10 + 1] " the " what[int(q / 6) + 1] \
                " before the end of the season, and the city will pay for it in full,\\u201d " w " said."
        }
        printf "{\"id\":\"gen-%05d\",\"outlet\":\"Outlet %d\",\"date\":\"2024-%02d-%02d\",\"text\":\"%s\"}\n",
               i, i % 7, i % 12 + 1, i % 28 + 1, t
    }
}' > "$T/gen.jsonl"
"$BIN" index -q --db "$T/ref.db" "$T/gen.jsonl"
ref=$("$BIN" index --db "$T/ref.db" --check)
"$BIN" index -q --db "$T/k.db" "$T/gen.jsonl" &
pid=$!
i=0 # kill as soon as the first batch is committed, so mid-run
while [ $i -lt 600 ] && ! "$BIN" search --db "$T/k.db" --limit 1 --json 2> /dev/null | grep -q .; do
    sleep 0.05
    i=$((i + 1))
done
kill -9 "$pid" 2> /dev/null
wait "$pid" 2> /dev/null
check "after kill -9 the store passes integrity_check and its invariants" "$BIN" index --db "$T/k.db" --check
got=$(count "$T/k.db" articles)
if [ "${got:-0}" -ge "$N" ]; then echo "note: the indexer finished before the kill ($got articles)"; fi
echo "    killed after $got of $N articles"
"$BIN" index -q --db "$T/k.db" "$T/gen.jsonl"
check "the resumed run completes" "$BIN" index --db "$T/k.db" --check
eq "resumed store has the same counts as an uninterrupted run" "$("$BIN" index --db "$T/k.db" --check)" "$ref"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
