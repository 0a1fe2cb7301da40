#!/usr/bin/env python3
"""bench/make_corpus.py -- builds the benchmark corpus at run time (it is
never committed): the PolNeAR article texts (SHARED/polnear/*/text/*.txt)
repeated as JSON Lines records with distinct ids until the file reaches
MB megabytes (10^6 bytes), plus OUT.meta.json with its size, records and
words (whitespace-separated, as `wc -w` counts them in the texts).

    python3 bench/make_corpus.py SHARED MB OUT

Nothing is written when OUT.meta.json already describes the same request."""
import glob
import json
import os
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: make_corpus.py SHARED MB OUT")
    shared, mb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    paths = sorted(glob.glob(os.path.join(shared, "polnear", "*", "text", "*.txt")))
    if not paths:
        sys.exit("make_corpus.py: no texts in %s/polnear/*/text" % shared)
    meta_path = out + ".meta.json"
    want = {"sources": len(paths), "target_mb": mb}
    try:
        with open(meta_path) as f:
            meta = json.load(f)
        if all(meta.get(k) == v for k, v in want.items()) and \
                os.path.getsize(out) == meta["bytes"]:
            print("corpus %s: up to date" % out)
            return
    except (OSError, ValueError, KeyError):
        pass
    docs = []
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            text = f.read()
        split = p.split(os.sep)[-3]
        name = os.path.splitext(os.path.basename(p))[0]
        docs.append(("%s/%s" % (split, name), text, len(text.split())))
    size = records = words = 0
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        rep = 0
        while size < mb * 10**6:
            for key, text, nw in docs:
                line = json.dumps({"id": "%05d/%s" % (rep, key), "text": text},
                                  ensure_ascii=False) + "\n"
                f.write(line)
                size += len(line.encode("utf-8"))
                records += 1
                words += nw
                if size >= mb * 10**6:
                    break
            rep += 1
    os.replace(tmp, out)
    meta = dict(want, bytes=size, records=records, words=words)
    with open(meta_path, "w") as f:
        json.dump(meta, f)
    print("corpus %s: %d records, %.1f MB, %d words" % (out, records, size / 1e6, words))


if __name__ == "__main__":
    main()
