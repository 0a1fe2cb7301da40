"""Exact accounting: every input record yields exactly one output line, a
result or an error record, in input order; processing goes on after bad
records; the exit status says whether any failed; a good record's output
is the same as when it is run alone; -j and compression change nothing.

    python3 tests/scale/accounting.py BIN"""
import gzip
import json
import os
import random
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

MAX = 5000  # --max-bytes for this test
LINE_ID = 17  # the record whose id is its line number (not run alone)


def records():
    """(raw line bytes, expected error code or None, id) per line; None = blank."""
    rng = random.Random(7)
    good = lambda i: json.dumps({"id": "g%d" % i, "text": common.article(rng, 3)}).encode()
    return [
        (good(1), None, "g1"),
        (b"{bad", "bad_json", None),
        (None, None, None),  # blank line: not a record
        (json.dumps({"id": 42, "title": "t", "text": common.article(rng, 2)}).encode(), None, 42),
        (b'{"id":"m"}', "missing_text", "m"),
        (b'{"id":"n","text":42}', "text_not_string", "n"),
        (b"[1,2]", "not_object", 7),
        # a few Latin-1 bytes: repaired (U+FFFD), the record is a result
        (b'{"id":"latin1","text":"Caf\xe9 owners said the rent is \\"unfair\\".\\n"}', None, "latin1"),
        # mostly invalid bytes: beyond repair
        (b'{"id":"binary","text":"' + bytes(range(0x80, 0x100)) + b'"}', "bad_encoding", "binary"),
        (json.dumps({"id": "ctrl", "text": "\u0001\u0002\u0003\u0004 \u0005\u0006"}).encode(),
         "bad_encoding", "ctrl"),
        (json.dumps({"id": "big", "text": "word " * (MAX // 5 + 1)}).encode(), "too_large", "big"),
        (b'{"id":"huge","text":"' + b"x" * (2 * MAX + 5000) + b'"}', "too_large", None),
        (json.dumps({"id": "limit", "text": "a" * MAX}).encode(), None, "limit"),
        (b'"a bare string"', "bad_json", None),
        (good(2) + b"\r", None, "g2"),
        (json.dumps({"id": "L" * 600}).encode(), "missing_text", "L" * 600),
        # (the id becomes the line number, so this one is not run alone below)
        (json.dumps({"id": 1.5, "text": "A float id becomes the line number."}).encode(), None,
         LINE_ID),
        (good(3), None, "g3"),
    ]


def main():
    binary = sys.argv[1]
    rep = common.Report()
    d = common.tmpdir()
    try:
        recs = records()
        path = os.path.join(d, "mixed.jsonl")
        with open(path, "wb") as f:
            for raw, _, _ in recs:
                f.write((raw or b"  ") + b"\n")
        want = [(no + 1, code, rid) for no, (raw, code, rid) in enumerate(recs) if raw is not None]
        args = ["-q", "--max-bytes", str(MAX)]
        rc, out, err = common.run(binary, args + ["-j", "2", path])
        rep.check("mixed: exit status 1 (some records failed)", rc == 1, "status %d: %s" % (rc, err))
        got = common.lines(out)
        rep.check("mixed: one output line per input record", len(got) == len(want),
                  "%d records, %d lines" % (len(want), len(got)))
        objs = [json.loads(x) for x in got]
        nres = sum("quotes" in o for o in objs)
        nerr = sum("error" in o for o in objs)
        rep.check("mixed: records == results + error records", nres + nerr == len(want),
                  "%d records, %d results, %d errors" % (len(want), nres, nerr))
        for (line, code, rid), o in zip(want, objs):
            if code:
                ok = "error" in o and o["error"]["code"] == code and o["line"] == line
                ok = ok and o["id"] == rid
            else:
                ok = "quotes" in o and o["id"] == rid
            rep.check("mixed: line %d is %s" % (line, code or "a result"), ok, json.dumps(o)[:300])
        # a good record alone gives the same line
        for (line, code, rid), o, text in zip(want, got, [r[0] for r in recs if r[0] is not None]):
            if code or line == LINE_ID:
                continue
            one = os.path.join(d, "one.jsonl")
            with open(one, "wb") as f:
                f.write(text + b"\n")
            rc1, out1, _ = common.run(binary, args + ["-j", "1", one])
            rep.check("alone: record on line %d gives the same output" % line,
                      rc1 == 0 and out1.decode() == o + "\n", "status %d" % rc1)
        # -j and compression change nothing
        for j in ("1", "3", "8"):
            rcj, outj, _ = common.run(binary, args + ["-j", j, path])
            rep.check("mixed: -j %s output identical to -j 2" % j, rcj == 1 and outj == out)
        with open(path, "rb") as f, gzip.open(path + ".gz", "wb") as g:
            shutil.copyfileobj(f, g)
        rcg, outg, _ = common.run(binary, args + [path + ".gz"])
        rep.check("mixed: .jsonl.gz gives the same output", rcg == 1 and outg == out)
        if shutil.which("zstd"):
            subprocess.run(["zstd", "-q", "-f", path, "-o", path + ".zst"], check=True)
            rcz, outz, _ = common.run(binary, args + [path + ".zst"])
            rep.check("mixed: .jsonl.zst gives the same output", rcz == 1 and outz == out)
        with open(path, "rb") as f:
            rcs, outs, _ = common.run(binary, args + ["--input", "jsonl", "-"], stdin=f.read())
        rep.check("mixed: standard input gives the same output", rcs == 1 and outs == out)
        # all good: exit 0
        good = os.path.join(d, "good.jsonl")
        ids = common.corpus(good, 40, seed=3)
        rc, out, err = common.run(binary, ["-q", good])
        got = [json.loads(x) for x in common.lines(out)]
        rep.check("good: exit 0, every record a result, in order",
                  rc == 0 and [o.get("id") for o in got] == ids and all("quotes" in o for o in got),
                  "status %d %s" % (rc, err))
        # a folder: text files are one record each, a binary one is an error record
        folder = os.path.join(d, "folder")
        os.mkdir(folder)
        with open(os.path.join(folder, "a.txt"), "w") as f:
            f.write(common.article(random.Random(5), 4))
        rng = random.Random(6)
        with open(os.path.join(folder, "b.txt"), "wb") as f:
            f.write(bytes(rng.randrange(256) for _ in range(4000)))
        with open(os.path.join(folder, "c.txt"), "w", encoding="utf-16-le") as f:
            f.write(common.article(random.Random(8), 2))
        os.link(good, os.path.join(folder, "d.jsonl"))
        rc, out, err = common.run(binary, ["-q", "-j", "2", folder])
        got = [json.loads(x) for x in common.lines(out)]
        kinds = [o["error"]["code"] if "error" in o else "ok" for o in got]
        rep.check("folder: a.txt ok, b.txt and c.txt (UTF-16) bad_encoding, then d.jsonl",
                  rc == 1 and kinds == ["ok", "bad_encoding", "bad_encoding"] + ["ok"] * len(ids),
                  "status %d, %s" % (rc, kinds[:5]))
        # a truncated gzip JSONL file: records before the damage, then one error
        cut = os.path.join(d, "cut.jsonl.gz")
        with open(good, "rb") as f:
            z = gzip.compress(f.read())
        with open(cut, "wb") as f:
            f.write(z[: len(z) * 2 // 3])
        rc, out, err = common.run(binary, ["-q", cut])
        got = [json.loads(x) for x in common.lines(out)]
        rep.check("truncated gzip: results, then a bad_compression record last",
                  rc == 1 and got and got[-1].get("error", {}).get("code") == "bad_compression"
                  and all("quotes" in o or o["error"]["code"] == "bad_json" for o in got[:-1])
                  and len(got) <= len(ids) + 1, "status %d, %d lines" % (rc, len(got)))
    finally:
        shutil.rmtree(d, ignore_errors=True)
    rep.done()


if __name__ == "__main__":
    main()
