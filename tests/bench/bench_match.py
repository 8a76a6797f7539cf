#!/usr/bin/env python3
"""Matching benchmark for actnet (issue: foundation).

Generates, under --work (default tests/bench/out, git-ignored):
  - synthetic rule sets with 1k, 10k and 100k alias phrases (gen.py rules;
    each smaller set is a prefix of the larger, so the same names exist in
    all three), and
  - a news-like JSON Lines corpus of --mb megabytes (default 100) in at least
    10,000 documents that mentions the 1k set's names,
then runs `actnet entities` over 1/4, 1/2 and all of the corpus with the 10k
rules (time should be linear in the corpus), and over the whole corpus with
1k, 10k and 100k aliases (time should be nearly flat), plus the reference
`LC_ALL=C grep -F -o -f aliases` over the same text.  Prints MB/s, documents
per second, peak RSS and the ratio to grep.

    python3 tests/bench/bench_match.py [--actnet build/actnet] [--mb 100]

Build actnet with optimisation first (meson setup build --buildtype=release)
for figures worth quoting.
"""
import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def popen_rusage(cmd, **kw):
    """subprocess with the child's own rusage via os.wait4."""
    p = subprocess.Popen(cmd, **kw)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return p, ru


def measure(cmd, stdin_path=None):
    fin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    t0 = time.perf_counter()
    p, ru = popen_rusage(cmd, stdin=fin, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    dt = time.perf_counter() - t0
    if stdin_path:
        fin.close()
    if p.returncode not in (0, 1):
        sys.exit("bench: %s exited with %d" % (" ".join(cmd), p.returncode))
    return dt, ru.ru_maxrss / 1024.0


def head_bytes(src, dst, nbytes):
    """Copies whole lines of src to dst until nbytes; returns (bytes, docs)."""
    n = docs = 0
    with open(src, "rb") as fi, open(dst, "wb") as fo:
        for line in fi:
            if n >= nbytes:
                break
            fo.write(line)
            n += len(line)
            docs += 1
    return n, docs


def text_only(src, dst):
    """The texts of a JSONL corpus as plain text, for grep."""
    import json
    with open(src, encoding="utf-8") as fi, \
            open(dst, "w", encoding="utf-8") as fo:
        for line in fi:
            fo.write(json.loads(line)["text"])
            fo.write("\n\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--actnet", default="build/actnet")
    ap.add_argument("--work", default=os.path.join(HERE, "out"))
    ap.add_argument("--mb", type=float, default=100.0)
    ap.add_argument("--docs", type=int, default=12000)
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs per figure; the fastest is reported")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    gen = [sys.executable, os.path.join(HERE, "gen.py")]
    w = lambda name: os.path.join(args.work, name)

    sizes = {"1k": 500, "10k": 5000, "100k": 50000}
    for tag, n in sizes.items():
        if not os.path.exists(w("rules-%s.yaml" % tag)):
            subprocess.check_call(gen + ["rules", "--entities", str(n),
                                         "--out", w("rules-%s.yaml" % tag)])
        with open(w("aliases-%s.txt" % tag), "wb") as f:
            subprocess.check_call([args.actnet, "check-rules", "--quiet",
                                   "--list-aliases",
                                   w("rules-%s.yaml" % tag)], stdout=f)
    corpus = w("corpus-%gMB.jsonl" % args.mb)
    if not os.path.exists(corpus):
        subprocess.check_call(gen + ["corpus", "--aliases",
                                     w("aliases-1k.txt"), "--mb",
                                     str(args.mb), "--docs", str(args.docs),
                                     "--out", corpus])
    parts = []
    total = os.path.getsize(corpus)
    for frac in (0.25, 0.5, 1.0):
        path = w("part-%g.jsonl" % frac) if frac < 1 else corpus
        if frac < 1:
            nb, nd = head_bytes(corpus, path, int(total * frac))
        else:
            nb, nd = total, sum(1 for _ in open(corpus, "rb"))
        parts.append((frac, path, nb, nd))

    def best(cmd, stdin_path=None):
        runs = [measure(cmd, stdin_path) for _ in range(args.repeat)]
        return min(r[0] for r in runs), max(r[1] for r in runs)

    print("actnet matching benchmark: corpus %s (%.1f MB, %d documents)"
          % (os.path.basename(corpus), total / 1048576.0, parts[-1][3]))
    print()
    print("%-34s %9s %9s %10s %9s" % ("run", "seconds", "MB/s", "docs/s",
                                      "RSS MB"))

    # grep reference over the same texts with the 10k aliases.
    plain = w("corpus-text.txt")
    if not os.path.exists(plain):
        text_only(corpus, plain)
    env_cmd = ["env", "LC_ALL=C", "grep", "-F", "-o", "-f",
               w("aliases-10k.txt"), plain]
    g_t, g_rss = best(env_cmd)
    g_mb = os.path.getsize(plain) / 1048576.0
    print("%-34s %9.2f %9.1f %10s %9.1f" % ("grep -F -o (10k aliases)", g_t,
                                            g_mb / g_t, "-", g_rss))

    for frac, path, nb, nd in parts:
        t, rss = best([args.actnet, "entities", "--quiet", "--no-header",
                       "--rules", w("rules-10k.yaml"), path])
        mb = nb / 1048576.0
        print("%-34s %9.2f %9.1f %10.0f %9.1f" % (
            "entities 10k aliases, %3.0f%% corpus" % (frac * 100), t, mb / t,
            nd / t, rss))
    for tag in ("1k", "10k", "100k"):
        t, rss = best([args.actnet, "entities", "--quiet", "--no-header",
                       "--rules", w("rules-%s.yaml" % tag), corpus])
        mb = total / 1048576.0
        print("%-34s %9.2f %9.1f %10.0f %9.1f   (%.2fx grep)" % (
            "entities %s aliases, full corpus" % tag, t, mb / t,
            parts[-1][3] / t, rss, (mb / t) / (g_mb / g_t)))


if __name__ == "__main__":
    main()
