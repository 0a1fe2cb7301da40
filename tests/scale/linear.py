"""Linear time on texts built to hit a scan that once ran again for every
token: each must finish within 25 s, where the old code took about 30 s to
over 100 s (found by a probe campaign on 2026-11-29; see docs/scale.md).
This bounds the order of growth, not the speed: the five take 0.2 to 6 s
on the 2-core machine the project is developed on. (Skipped for sanitizer
builds, which are several times slower.)

    python3 tests/scale/linear.py BIN"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

LIMIT = 25

CASES = [
    # the tokenizer looked for an e-mail address from every token before an
    # '@' whose domain has no dot (360 kB: 106 s before)
    ("mail_run", 'Lee said ' + 'ab.' * 120000 + '@x said "go."\n'),
    # the cue tagger looked back over the whole run of adverbs from every
    # one of them (2.8 MB: 37 s before)
    ("adverb_run", "Lee " + "really " * 400000 + "said it was over.\n"),
    # the speaker step read the sentence up to each "they" for a
    # coordination of people (1.36 MB in one sentence: 32 s before)
    ("they_sentence", "The team spoke " + " ".join(["and they said it"] * 80000) + ".\n"),
    # the parenthetical lead (lead.c) looked back to the start of the
    # sentence from every cue set off by commas (2 MB: 41 s before)
    ("parenthetical_run", "The plan" + ", she said, was good and the plan" * 60000 + ".\n"),
    # the dateline test read the words in capitals that open a sentence to
    # their end, for each of its many calls per sentence (10 MB: 80 s before)
    ("caps_sentence", "WORD " * 2000000 + "said it.\n"),
]


def main():
    binary = sys.argv[1]
    rep = common.Report()
    d = common.tmpdir()
    try:
        for name, text in CASES:
            path = os.path.join(d, name + ".txt")
            with open(path, "w") as f:
                f.write(text)
            try:
                res = subprocess.run([binary, "extract", "-q", "-j", "1", path],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     timeout=LIMIT)
                ok, why = res.returncode == 0, "status %d" % res.returncode
            except subprocess.TimeoutExpired:
                ok, why = False, "still running after %d s" % LIMIT
            rep.check("%s (%d bytes) within %d s" % (name, len(text), LIMIT), ok, why)
    finally:
        shutil.rmtree(d, ignore_errors=True)
    rep.done()


if __name__ == "__main__":
    main()
