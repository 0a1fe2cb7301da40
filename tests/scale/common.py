"""Shared helpers of the scale tests (tests/scale/*.py): synthetic news-like
text (written here, no corpus needed), running the CLI, and reporting.

Each test script takes the sayso binary as its only argument, prints one
"ok NAME" or "FAIL NAME: why" line per check and exits 1 if any failed."""
import json
import os
import random
import subprocess
import sys

FIRST = ["Ann", "Bola", "Carlos", "Dana", "Emeka", "Fatima", "Greta", "Hiro", "Ines", "Jonas"]
LAST = ["Okafor", "Smith", "Lindqvist", "Moreau", "Tanaka", "Alvarez", "Novak", "Price"]
ROLE = ["the mayor", "a spokeswoman for the council", "the chief engineer",
        "a senior official", "the party's treasurer", "an analyst at Acme Corp"]
CUE = ["said", "told reporters", "wrote", "added", "argued", "warned"]
SAY = ["We will not wait for another report", "The bridge is safe for now",
       "Nobody told us about the delay", "This budget is a work of fiction",
       "I was told to keep quiet", "The numbers speak for themselves"]
PLAIN = ["The council met on Monday to discuss the budget.",
         "Traffic on the bridge has doubled since 2019.",
         "The report runs to 240 pages and cost 1.2 million dollars.",
         "Construction is expected to resume in the spring."]


def article(rng, paragraphs=6):
    """A short article with direct, mixed and plain sentences."""
    out = []
    for _ in range(paragraphs):
        name = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
        k = rng.randrange(4)
        if k == 0:
            s = "\u201c%s,\u201d %s %s, %s." % (rng.choice(SAY), name, rng.choice(CUE), rng.choice(ROLE))
        elif k == 1:
            s = "%s, %s, %s the plan was \"%s.\"" % (name, rng.choice(ROLE), rng.choice(CUE),
                                                    rng.choice(SAY).lower())
        elif k == 2:
            s = "\"%s,\" %s %s. \"%s.\"" % (rng.choice(SAY), rng.choice(CUE), name, rng.choice(SAY))
        else:
            s = rng.choice(PLAIN)
        out.append(s + " " + rng.choice(PLAIN))
    return "\n\n".join(out) + "\n"


def corpus(path, n, seed=1, paragraphs=6):
    """Write n JSONL records with ids doc-0 ... and return the ids."""
    rng = random.Random(seed)
    ids = []
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            ids.append("doc-%d" % i)
            f.write(json.dumps({"id": ids[-1], "text": article(rng, paragraphs)}) + "\n")
    return ids


def run(binary, args, stdin=None, timeout=600):
    """Run `binary extract ARGS`; returns (status, stdout bytes, stderr text)."""
    p = subprocess.run([binary, "extract"] + args, input=stdin, capture_output=True,
                       timeout=timeout)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


class Report:
    def __init__(self):
        self.failed = 0

    def check(self, name, ok, why=""):
        if ok:
            print("ok   %s" % name)
        else:
            self.failed += 1
            print("FAIL %s: %s" % (name, why))
        sys.stdout.flush()
        return ok

    def done(self):
        sys.exit(1 if self.failed else 0)


def lines(data):
    """Output bytes as a list of lines (without newlines); checks the final newline."""
    if data and not data.endswith(b"\n"):
        raise ValueError("output does not end with a newline")
    return data.decode("utf-8").split("\n")[:-1] if data else []


def tmpdir():
    import tempfile
    return tempfile.mkdtemp(prefix="sayso-scale.", dir=os.environ.get("TMPDIR", "/tmp"))
