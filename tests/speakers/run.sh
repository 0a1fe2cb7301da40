#!/bin/sh
# tests/speakers/run.sh -- speaker resolution tests: hand-written articles
# (NAME.txt) and the speakers and entities expected for them (NAME.expect).
#
#   sh tests/speakers/run.sh BIN
#
# Each line of NAME.expect is one check (TAB-separated; # starts a comment):
#   quote   CONTENT   SPEAKER  [FIELD=VALUE ...]
#       the first quote of `BIN extract NAME.txt` whose content holds CONTENT
#       has the speaker whose canonical name is SPEAKER ("null": none);
#   quote=  CONTENT   SPEAKER  [FIELD=VALUE ...]
#       the same for the first quote whose content is exactly CONTENT;
#   entity  NAME      [FIELD=VALUE ...]
#       the document has an entity whose canonical name is NAME;
#   noentity TEXT
#       no entity of the document has a mention whose text is TEXT;
#   also    CONTENT   NAMES
#       the first quote whose content holds CONTENT has these co-speakers
#       (canonical names joined by ";", in order; "-": none).
# FIELDs: type (person|organization|other), gender (female|male|null),
# role (one of the roles), mention (the text of one of the mentions).
#
# Prints each failure and ends with "N passed, M failed"; exits 1 when M > 0,
# 2 on bad usage.

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
    echo "usage: sh $0 BIN (an executable sayso)" >&2
    exit 2
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "run.sh: python3 is needed to read the JSON output" >&2
    exit 2
fi
BIN=$1
DIR=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sayso-speakers.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

for t in "$DIR"/*.txt; do
    n=$(basename "$t" .txt)
    if ! "$BIN" extract -q "$t" > "$TMP/$n.json" 2> "$TMP/$n.err"; then
        echo "$n: sayso extract failed:" && cat "$TMP/$n.err"
        echo '{"quotes":[],"entities":[]}' > "$TMP/$n.json"
    fi
done

python3 - "$DIR" "$TMP" <<'PY'
import glob, json, os, sys

src, tmp = sys.argv[1], sys.argv[2]
passed = failed = 0

def fields_ok(obj, fields):
    """The FIELD=VALUE checks of one speaker or entity; returns the failures."""
    bad = []
    for f in fields:
        k, _, v = f.partition("=")
        if k == "type" and obj.get("type") != v:
            bad.append("type is %r, not %r" % (obj.get("type"), v))
        elif k == "gender" and (obj.get("gender") or "null") != v:
            bad.append("gender is %r, not %r" % (obj.get("gender"), v))
        elif k == "role" and v not in obj.get("roles", []):
            bad.append("roles %r lack %r" % (obj.get("roles"), v))
        elif k == "mention" and v not in [m["text"] for m in obj.get("mentions", [])]:
            bad.append("mentions lack %r" % v)
        elif k not in ("type", "gender", "role", "mention"):
            bad.append("unknown field %r" % k)
    return bad

def check(doc, parts):
    kind = parts[0]
    if kind in ("quote", "quote=") and len(parts) >= 3:
        qs = [q for q in doc["quotes"] if (parts[1] == q["content"]["text"] if kind == "quote="
                                           else parts[1] in q["content"]["text"])]
        if not qs:
            return ["no quote holds %r" % parts[1]]
        sp = qs[0]["speaker"]
        if parts[2] == "null":
            return [] if sp is None else ["speaker is %r, not null" % sp["name"]]
        if sp is None or sp["name"] != parts[2]:
            return ["speaker is %r, not %r" % (sp and sp["name"], parts[2])]
        ent = doc["entities"][sp["id"]] if sp["id"] < len(doc["entities"]) else {}
        return fields_ok(dict(ent, **sp), parts[3:])
    if kind == "also" and len(parts) == 3:
        qs = [q for q in doc["quotes"] if parts[1] in q["content"]["text"]]
        if not qs:
            return ["no quote holds %r" % parts[1]]
        got = ";".join(s["name"] for s in qs[0].get("co_speakers", [])) or "-"
        return [] if got == parts[2] else ["co-speakers are %r, not %r" % (got, parts[2])]
    if kind == "entity" and len(parts) >= 2:
        es = [e for e in doc["entities"] if e["name"] == parts[1]]
        return fields_ok(es[0], parts[2:]) if es else ["no entity %r" % parts[1]]
    if kind == "noentity" and len(parts) == 2:
        es = [e for e in doc["entities"] if any(m["text"] == parts[1] for m in e["mentions"])]
        return ["entity %r has a mention %r" % (es[0]["name"], parts[1])] if es else []
    return ["bad line"]

for exp in sorted(glob.glob(os.path.join(src, "*.expect"))):
    name = os.path.basename(exp)[:-7]
    with open(os.path.join(tmp, name + ".json"), encoding="utf-8") as f:
        doc = json.loads(f.readline())
    with open(exp, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            bad = check(doc, line.split("\t"))
            if bad:
                failed += 1
                print("%s.expect:%d: %s" % (name, no, "; ".join(bad)))
            else:
                passed += 1
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
