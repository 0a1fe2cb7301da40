"""Interrupting a run: SIGINT or SIGTERM during `extract -o FILE` leaves
either the complete FILE (the run had finished) or no FILE and no
temporary file, and exits 130; a second signal stops at once, still
leaving no partial file; on standard output the output ends after a
complete line and is a prefix of the full output.

    python3 tests/scale/interrupt.py BIN"""
import glob
import os
import select
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def start(binary, args, stdout=subprocess.DEVNULL):
    return subprocess.Popen([binary, "extract", "-q"] + args, stdout=stdout,
                            stderr=subprocess.PIPE)


def leftovers(d):
    return sorted(os.path.basename(p) for p in glob.glob(os.path.join(d, "out.jsonl*")))


def outcome(p, d, want):
    """'interrupted', 'finished' or None (bad): exit 130 and no file at all;
    exit 0 and the complete file; or killed by the signal before the
    handler was installed (the very start of the process), no file."""
    left = leftovers(d)
    if p.returncode in (130, -signal.SIGINT, -signal.SIGTERM):
        return "interrupted" if left == [] else None
    if p.returncode == 0 and left == ["out.jsonl"]:
        with open(os.path.join(d, "out.jsonl"), "rb") as f:
            return "finished" if f.read() == want else None
    return None


def main():
    binary = sys.argv[1]
    rep = common.Report()
    d = common.tmpdir()
    try:
        corpus = os.path.join(d, "corpus.jsonl")
        common.corpus(corpus, 1500, seed=11, paragraphs=8)
        ref = os.path.join(d, "ref.jsonl")
        t0 = time.monotonic()
        p = subprocess.run([binary, "extract", "-q", "-j", "2", "-o", ref, corpus])
        full = time.monotonic() - t0
        rep.check("reference run", p.returncode == 0 and os.path.exists(ref),
                  "status %d" % p.returncode)
        with open(ref, "rb") as f:
            want = f.read()
        out = os.path.join(d, "out.jsonl")
        interrupted = finished = 0
        delays = [0.02, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.95, 1.5]
        for k, frac in enumerate(delays):
            sig = signal.SIGTERM if k % 3 == 2 else signal.SIGINT
            p = start(binary, ["-j", "2", "-o", out, corpus])
            time.sleep(full * frac)
            p.send_signal(sig)
            _, err = p.communicate(timeout=600)
            left = leftovers(d)
            how = outcome(p, d, want)
            interrupted += how == "interrupted"
            finished += how == "finished"
            rep.check("-o, %s at %.0f%% of the run: exit %d, files %s" %
                      (signal.Signals(sig).name, 100 * frac, p.returncode, left or "none"),
                      how is not None, err.decode()[:300])
            if os.path.exists(out):
                os.unlink(out)
        rep.check("some runs were really interrupted", interrupted >= 3,
                  "%d interrupted, %d finished" % (interrupted, finished))
        # a second signal: stop at once, no file either
        p = start(binary, ["-j", "2", "-o", out, corpus])
        time.sleep(full * 0.3)
        p.send_signal(signal.SIGINT)
        p.send_signal(signal.SIGINT)
        p.communicate(timeout=600)
        rep.check("-o, two SIGINTs: exit 130, no file, no temporary file",
                  outcome(p, d, want) is not None,
                  "exit %d, files %s" % (p.returncode, leftovers(d)))
        if os.path.exists(out):
            os.unlink(out)
        # standard output: complete lines, a prefix of the full output
        for frac in (0.2, 0.6):
            with open(out, "wb") as f:
                p = start(binary, ["-j", "2", corpus], stdout=f)
                time.sleep(full * frac)
                p.send_signal(signal.SIGINT)
                p.communicate(timeout=600)
            with open(out, "rb") as f:
                got = f.read()
            rep.check("stdout, SIGINT at %.0f%%: exit 130, whole lines, a prefix" % (100 * frac),
                      (p.returncode in (130, -signal.SIGINT) and (not got or got.endswith(b"\n"))
                       and want.startswith(got)) or (p.returncode == 0 and got == want),
                      "exit %d, %d of %d bytes" % (p.returncode, len(got), len(want)))
            os.unlink(out)
        # a slow producer on a pipe: each record's line comes out before the
        # next record is sent, and SIGINT while the input idles stops at once
        for j in ("1", "2"):
            p = subprocess.Popen([binary, "extract", "-q", "-j", j, "--input", "jsonl"],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL)
            got = []
            for k in range(2):
                p.stdin.write(b'{"id":"p%d","text":"\\"Yes,\\" she said."}\n' % k)
                p.stdin.flush()
                ready, _, _ = select.select([p.stdout], [], [], 60)
                got.append(p.stdout.readline() if ready else b"")
            t0 = time.monotonic()
            p.send_signal(signal.SIGINT)
            rest, _ = p.communicate(timeout=600)
            rep.check("pipe, -j %s: output record by record, SIGINT while idle: exit 130" % j,
                      [x[:9] for x in got] == [b'{"id":"p0', b'{"id":"p1'] and rest == b""
                      and p.returncode == 130 and time.monotonic() - t0 < 30,
                      "lines %s, exit %d" % (got, p.returncode))
        # SIGINT while a line over the size limit is being read past (an
        # endless one, from a pipe): the reader stops there, exit 130
        for j in ("1", "2"):
            p = subprocess.Popen([binary, "extract", "-q", "-j", j, "--input", "jsonl",
                                  "--max-bytes", "1000"], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            p.stdin.write(b'{"id":"a","text":"\\"Yes,\\" she said."}\n{"id":"b","text":"')
            chunk = b"a" * (1 << 20)
            for _ in range(8):  # 8 MB of the line, far past the limit
                p.stdin.write(chunk)
            p.stdin.flush()
            p.send_signal(signal.SIGINT)
            t0 = time.monotonic()
            try:
                while p.poll() is None and time.monotonic() - t0 < 30:
                    p.stdin.write(chunk)  # the line goes on while it is read
                    p.stdin.flush()
            except BrokenPipeError:
                pass
            rest, _ = p.communicate(timeout=600)
            rep.check("-j %s, SIGINT while reading past a too-long line: exit 130, the "
                      "record before it written" % j,
                      p.returncode == 130 and rest.startswith(b'{"id":"a"')
                      and rest.count(b"\n") == 1 and time.monotonic() - t0 < 30,
                      "exit %s, output %r" % (p.returncode, rest[:80]))
        # -j 1 stops too
        p = start(binary, ["-j", "1", "-o", out, corpus])
        time.sleep(full * 0.5)
        p.send_signal(signal.SIGINT)
        p.communicate(timeout=600)
        rep.check("-j 1, -o, SIGINT: exit 130, no file", outcome(p, d, want) is not None,
                  "exit %d, files %s" % (p.returncode, leftovers(d)))
    finally:
        shutil.rmtree(d, ignore_errors=True)
    rep.done()


if __name__ == "__main__":
    main()
