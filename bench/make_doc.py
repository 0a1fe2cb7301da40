#!/usr/bin/env python3
"""bench/make_doc.py -- for bench/run.sh: the texts of a benchmark corpus
(JSON Lines) joined into one plain-text document of MB megabytes (10^6
bytes), OUT-full.txt, and one of half that, OUT-half.txt, each text a
paragraph of its own. Written at run time into a temporary folder, never
committed (the corpus is PolNeAR text).

    python3 bench/make_doc.py CORPUS.jsonl MB OUT"""
import json
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: make_doc.py CORPUS.jsonl MB OUT")
    src, mb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    for name, want in (("full", mb * 10**6), ("half", mb * 10**6 // 2)):
        n = 0
        with open(src, encoding="utf-8") as f, \
                open(out + "-" + name + ".txt", "w", encoding="utf-8") as o:
            for line in f:
                t = json.loads(line)["text"] + "\n\n"
                o.write(t)
                n += len(t.encode())
                if n >= want:
                    break
        if n < want:
            sys.exit("make_doc.py: %s holds only %d bytes of text" % (src, n))


if __name__ == "__main__":
    main()
