"""Bounded memory: peak RSS does not grow with the number of records, a
huge JSON Lines line over the limit costs about the limit, not the line, and
a long sentence full of cues gives output in proportion to its length.
(Skipped for sanitizer builds, whose allocator keeps freed memory.)

    python3 tests/scale/memory.py BIN"""
import os
import random
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def peak_kb(binary, args):
    """Run `binary extract ARGS` > /dev/null; (status, peak RSS in KiB)."""
    p = subprocess.Popen([binary, "extract", "-q"] + args, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, ru.ru_maxrss


def tiny(path, n):
    with open(path, "w") as f:
        for i in range(n):
            f.write('{"id":%d,"text":"\\"Yes,\\" Ann said."}\n' % i)


def main():
    binary = sys.argv[1]
    rep = common.Report()
    d = common.tmpdir()
    try:
        few, many = os.path.join(d, "few.jsonl"), os.path.join(d, "many.jsonl")
        tiny(few, 2000)
        tiny(many, 60000)
        for j in ("1", "2"):
            rc1, a = peak_kb(binary, ["-j", j, few])
            rc2, b = peak_kb(binary, ["-j", j, many])
            rep.check("-j %s: 60000 small records peak %d KiB, 2000 records %d KiB (+8 MiB at most)"
                      % (j, b, a), rc1 == 0 and rc2 == 0 and b <= a + 8192,
                      "status %d/%d" % (rc1, rc2))
        # a 48 MB line with --max-bytes 1000000: rejected, read in bounded memory
        huge = os.path.join(d, "huge.jsonl")
        with open(huge, "wb") as f:
            f.write(b'{"id":"a","text":"ok"}\n{"id":"huge","text":"')
            chunk = b"word " * 200000
            for _ in range(48):
                f.write(chunk)
            f.write(b'"}\n{"id":"b","text":"ok"}\n')
        rc0, base = peak_kb(binary, ["-j", "2", "--max-bytes", "1000000", few])
        rc, peak = peak_kb(binary, ["-j", "2", "--max-bytes", "1000000", huge])
        rep.check("48 MB line over --max-bytes 1000000: peak %d KiB vs %d KiB (+16 MiB at most)"
                  % (peak, base), rc == 1 and peak <= base + 16384, "status %d" % rc)
        out = subprocess.run([binary, "extract", "-q", "--max-bytes", "1000000", huge],
                             capture_output=True).stdout.decode().splitlines()
        rep.check("the huge line is one too_large record between two results",
                  len(out) == 3 and '"too_large"' in out[1] and '"quotes"' in out[2])
        # one sentence of 0.6 MB with a cue every few words and no full stop:
        # what the model's content and source rules add stays within the
        # cue's window, so the output grows with the text, not its square
        long = os.path.join(d, "long.txt")
        parts = ["officials said the council had approved the plan and",
                 "the mayor told reporters that the budget was cut by a third and",
                 "he said that it likely violated the rules and",
                 "a spokeswoman said the company expected a deal and"]
        pick = random.Random(1)
        with open(long, "w") as f:
            f.write(" ".join(pick.choice(parts) for i in range(10000)) + ".\n")
        size = os.path.getsize(long)
        res = subprocess.run([binary, "extract", "-q", "-j", "1", long], capture_output=True)
        rc, peak = peak_kb(binary, ["-j", "1", long])
        rep.check("one %d-byte sentence full of cues: %d bytes out (40 times at most), peak %d KiB "
                  "(300 MiB at most)" % (size, len(res.stdout), peak),
                  res.returncode == 0 and rc == 0 and len(res.stdout) <= 40 * size and
                  peak <= 300 * 1024, "status %d/%d" % (res.returncode, rc))
    finally:
        shutil.rmtree(d, ignore_errors=True)
    rep.done()


if __name__ == "__main__":
    main()
