#!/usr/bin/env python3
"""Pipeline benchmark for actnet (issue: performance and scale).

Generates under --work (default tests/bench/out, git-ignored), once:
  - aliases.txt: every alias phrase of the default rules
    (`actnet check-rules --list-aliases`), so the rules fire;
  - a news-like JSON Lines corpus of --mb megabytes (default 1024) in at
    least --docs documents (default 100,000), made by gen.py from those
    aliases and templates (in parallel parts, joined), the same texts as
    plain text for grep, and the counts of documents and sentences;
  - the first --small-mb megabytes of it (default 100), the same as a
    directory of plain files (one per document), and ten times it in one
    file (a 1 GB corpus with the small one's graph);
  - rules with 1,000,000 alias phrases (gen.py rules --entities 500000).
Then runs, on the same corpus, timing each run and its peak memory:
  - LC_ALL=C grep -F -o -f aliases.txt over the texts (the reference);
  - actnet entities, build (co-occurrence), build --network acts-on and
    rank, each with --threads 1 and 2 (--threads);
  - build over the small corpus, the directory of files and the small
    corpus ten times (memory does not grow with the corpus, only with the
    graph);
  - check-rules on the million-alias rules (load and compile);
  - grep, build and build --network acts-on over real news text: the
    articles of ../shared/corpus/seeds repeated to --seeds-mb megabytes
    (skipped when that folder is absent).  Its graph is tiny; it shows
    what real prose costs per megabyte next to the generated text.
and prints the time, the CPU time (user + system: on a busy machine the
steadier figure), MB/s (of document text), documents/s, sentences/s,
peak RSS and each actnet figure as a ratio to grep's MB/s.  The figures are also
written to WORK/bench-results.json.

    meson setup build-release --buildtype=release
    ninja -C build-release
    python3 tests/bench/bench.py --actnet build-release/actnet

`meson test -C build --benchmark` runs it with the build's actnet.  It needs
about 4 GB of disk in WORK (corpus, texts, files) and a few minutes to
generate the corpus the first time; --mb and --docs make it smaller.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = [sys.executable, os.path.join(HERE, "gen.py")]


def run_measured(cmd, stdin_path=None, stdout_path=None):
    """Runs cmd; returns (wall seconds, cpu seconds, peak RSS MB)."""
    fin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    fout = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=fin, stdout=fout,
                         stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    for f in (fin, fout):
        if f is not subprocess.DEVNULL:
            f.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):   # grep: 1 = no match
        sys.exit("bench: %s exited with %d:\n%s"
                 % (" ".join(cmd), code, err.decode(errors="replace")))
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0


def best_of(n, cmd, **kw):
    """The fastest of n runs.  The files a run writes (after -o) are
    removed first: replacing the last run's output would add the kernel's
    freeing of that file (about 0.5 s for a 700 MB GraphML) to the time
    of the run, which grep, writing to /dev/null, never pays."""
    outs = [cmd[i + 1] for i, a in enumerate(cmd[:-1]) if a == "-o"]
    runs = []
    for _ in range(n):
        for o in outs:
            if os.path.exists(o):
                os.remove(o)
        runs.append(run_measured(cmd, **kw))
    return min(runs, key=lambda r: r[0])


def generate_corpus(args, w, aliases):
    """The big corpus in parallel parts, joined; returns its stats."""
    corpus, text, stats = w("corpus.jsonl"), w("corpus.txt"), w("corpus.json")
    if os.path.exists(stats):
        with open(stats) as f:
            st = json.load(f)
        if st.get("mb") == args.mb and st.get("docs_asked") == args.docs:
            return st
    parts = max(1, os.cpu_count() or 1)
    # documents come out a little larger than asked: ask for more
    per = (int(args.docs * 1.08) + parts - 1) // parts
    procs, names = [], []
    for k in range(parts):
        names.append((w("part%d.jsonl" % k), w("part%d.txt" % k),
                      w("part%d.json" % k)))
        procs.append(subprocess.Popen(GEN + [
            "corpus", "--aliases", aliases, "--mb", str(args.mb / parts),
            "--docs", str(per), "--seed", str(100 + k), "--first-id",
            str(k * per * 2), "--out", names[k][0], "--text-out",
            names[k][1], "--stats-out", names[k][2]]))
    for p in procs:
        if p.wait():
            sys.exit("bench: gen.py failed")
    st = {"documents": 0, "sentences": 0, "text_bytes": 0, "jsonl_bytes": 0}
    with open(corpus, "wb") as cj, open(text, "wb") as ct:
        for j, t, s in names:
            with open(j, "rb") as f:
                shutil.copyfileobj(f, cj)
            with open(t, "rb") as f:
                shutil.copyfileobj(f, ct)
            with open(s) as f:
                for key, v in json.load(f).items():
                    st[key] += v
            for p in (j, t, s):
                os.remove(p)
    st["mb"], st["docs_asked"] = args.mb, args.docs
    with open(stats, "w") as f:
        json.dump(st, f)
    return st


def small_corpus(args, w):
    """The first --small-mb of the corpus, as JSON Lines and as files."""
    small, sdir = w("small.jsonl"), w("small-files")
    limit = int(args.small_mb * 1048576)
    n = docs = text = 0
    if not os.path.exists(small) or os.path.getsize(small) < limit * 0.9:
        shutil.rmtree(sdir, ignore_errors=True)
        with open(w("corpus.jsonl"), "rb") as fi, open(small, "wb") as fo:
            for line in fi:
                if n >= limit:
                    break
                fo.write(line)
                n += len(line)
    if not os.path.isdir(sdir):
        os.makedirs(sdir)
        with open(small, encoding="utf-8") as fi:
            for i, line in enumerate(fi):
                d = json.loads(line)
                sub = os.path.join(sdir, "%03d" % (i // 1000))
                if i % 1000 == 0:
                    os.makedirs(sub, exist_ok=True)
                with open(os.path.join(sub, "%s_%s.txt" % (d["date"],
                                                           d["id"])),
                          "w", encoding="utf-8") as fo:
                    fo.write(d["text"])
    with open(small, encoding="utf-8") as fi:
        for line in fi:
            docs += 1
            text += len(json.loads(line)["text"].encode("utf-8"))
    return small, sdir, docs, text


def seeds_corpus(args, w):
    """The seed articles repeated to --seeds-mb, as JSON Lines and text;
    returns (jsonl, text, documents, text bytes) or None without seeds."""
    if not os.path.isdir(args.seeds):
        return None
    names = sorted(n for n in os.listdir(args.seeds) if n.endswith(".txt"))
    texts = []
    for n in names:
        with open(os.path.join(args.seeds, n), encoding="utf-8") as f:
            texts.append(f.read())
    if not texts:
        return None
    jl, tx = w("real.jsonl"), w("real.txt")
    limit = int(args.seeds_mb * 1048576)
    docs = size = 0
    with open(jl + ".tmp", "w", encoding="utf-8") as fj, \
            open(tx + ".tmp", "w", encoding="utf-8") as ft:
        while size < limit:
            for t in texts:
                fj.write(json.dumps({"id": "seed%07d" % docs, "text": t})
                         + "\n")
                ft.write(t + "\n")
                docs += 1
                size += len(t.encode("utf-8"))
    os.replace(jl + ".tmp", jl)
    os.replace(tx + ".tmp", tx)
    return jl, tx, docs, size


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--actnet", default="build/actnet")
    ap.add_argument("--work", default=os.path.join(HERE, "out"))
    ap.add_argument("--mb", type=float, default=1024.0)
    ap.add_argument("--docs", type=int, default=100000)
    ap.add_argument("--small-mb", type=float, default=100.0)
    ap.add_argument("--threads", default="1,2",
                    help="comma-separated thread counts to run")
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs per figure; the fastest is reported")
    ap.add_argument("--generate-only", action="store_true",
                    help="make the inputs, run nothing")
    ap.add_argument("--seeds", default=os.path.join(
        HERE, "..", "..", "..", "shared", "corpus", "seeds"),
        help="folder of real articles for the real-text runs")
    ap.add_argument("--seeds-mb", type=float, default=100.0,
                    help="megabytes of real text (the seeds repeated); "
                    "0 skips the real-text runs")
    ap.add_argument("--alias-entities", type=int, default=500000,
                    help="entities of the big rule set (2 aliases each); "
                    "0 skips it")
    args = ap.parse_args()
    actnet = os.path.abspath(args.actnet)
    os.makedirs(args.work, exist_ok=True)
    w = lambda name: os.path.join(args.work, name)
    threads = [int(t) for t in args.threads.split(",")]
    results = {"runs": []}

    aliases = w("aliases.txt")
    with open(aliases, "wb") as f:
        subprocess.check_call([actnet, "check-rules", "--quiet",
                               "--list-aliases"], stdout=f)
    n_aliases = sum(1 for _ in open(aliases, "rb"))
    st = generate_corpus(args, w, aliases)
    if args.generate_only:
        small_corpus(args, w)
        return
    corpus, text = w("corpus.jsonl"), w("corpus.txt")
    mb = st["text_bytes"] / 1048576.0
    docs, sents = st["documents"], st["sentences"]
    print("actnet benchmark: %s" % actnet)
    print("corpus: %.1f MB of text (%.1f MB JSON Lines), %d documents, "
          "%d sentences; default rules, %d aliases; %d cores"
          % (mb, st["jsonl_bytes"] / 1048576.0, docs, sents, n_aliases,
             os.cpu_count() or 1))
    print()
    head = "%-30s %3s %7s %7s %7s %7s %11s %7s %6s" % (
        "run", "thr", "seconds", "CPU s", "MB/s", "docs/s", "sentences/s",
        "RSS MB", "x grep")
    print(head)
    print("-" * len(head))

    def report(name, thr, run, size_mb, ndocs, nsents, ratio_to):
        t, cpu, rss = run
        mbs = size_mb / t
        ratio = mbs / ratio_to if ratio_to else None
        print("%-30s %3s %7.2f %7.2f %7.1f %7.0f %11s %7.1f %6s" % (
            name, thr, t, cpu, mbs, ndocs / t,
            "%.0f" % (nsents / t) if nsents else "-", rss,
            "%.2f" % ratio if ratio else "-"))
        sys.stdout.flush()
        results["runs"].append({"run": name, "threads": thr, "seconds": t,
                                "cpu_seconds": cpu, "mb_per_s": mbs,
                                "docs_per_s": ndocs / t, "rss_mb": rss,
                                "ratio_to_grep": ratio})
        return mbs

    # the reference: grep over the same texts with the same aliases
    g = best_of(args.repeat, ["env", "LC_ALL=C", "grep", "-F", "-o", "-f",
                              aliases, text])
    grep_mbs = report("grep -F -o -f aliases", 1, g, mb, docs, sents, None)
    out = w("run")
    os.makedirs(out, exist_ok=True)
    cmds = [
        ("entities", ["entities", "--quiet", corpus], None),
        ("build (co-occurrence)", ["build", "--quiet", corpus, "-o",
                                   os.path.join(out, "cooc.graphml")], None),
        ("build --network acts-on", ["build", "--quiet", "--network",
                                     "acts-on", corpus, "-o",
                                     os.path.join(out, "acts.graphml")],
         None),
        ("rank", ["rank", "--quiet", "--top", "20", corpus], None),
    ]
    for name, cmd, _ in cmds:
        for thr in threads:
            r = best_of(args.repeat, [actnet] + cmd + ["--threads", str(thr)])
            report(name, thr, r, mb, docs, sents, grep_mbs)

    # memory does not grow with the corpus: the small corpus, and files
    small, sdir, sdocs, stext = small_corpus(args, w)
    smb = stext / 1048576.0
    print()
    for thr in threads:
        r = best_of(args.repeat, [
            actnet, "build", "--quiet", small, "-o",
            os.path.join(out, "small.graphml"), "--threads", str(thr)])
        report("build, first %.0f MB" % smb, thr, r, smb, sdocs, 0,
               grep_mbs)
        r = best_of(args.repeat, [
            actnet, "build", "--quiet", sdir, "-o",
            os.path.join(out, "files.graphml"), "--threads", str(thr)])
        report("build, the same as %d files" % sdocs, thr, r, smb, sdocs, 0,
               grep_mbs)

    # the same 100 MB ten times: a 1 GB corpus whose graph is the small
    # one's, so memory that does not grow with the corpus shows as equal
    rep10 = w("small-x10.jsonl")
    if not os.path.exists(rep10) or \
            os.path.getsize(rep10) != 10 * os.path.getsize(small):
        with open(rep10, "wb") as fo:
            for _ in range(10):
                with open(small, "rb") as fi:
                    shutil.copyfileobj(fi, fo)
    for thr in threads:
        r = best_of(args.repeat, [
            actnet, "build", "--quiet", rep10, "-o",
            os.path.join(out, "x10.graphml"), "--threads", str(thr)])
        report("build, 10 x first %.0f MB" % smb, thr, r, 10 * smb,
               10 * sdocs, 0, grep_mbs)

    # real prose: the seed articles repeated
    sc = seeds_corpus(args, w) if args.seeds_mb > 0 else None
    if sc:
        jl, tx, sdocs, sbytes = sc
        smb = sbytes / 1048576.0
        print()
        print("real text: the %s articles repeated, %.1f MB, %d documents"
              % (os.path.normpath(args.seeds), smb, sdocs))
        g = best_of(args.repeat, ["env", "LC_ALL=C", "grep", "-F", "-o",
                                  "-f", aliases, tx])
        sgrep = report("grep, real text", 1, g, smb, sdocs, 0, None)
        for name, extra in (("build, real text", []),
                            ("acts-on, real text",
                             ["--network", "acts-on"])):
            for thr in threads:
                r = best_of(args.repeat, [
                    actnet, "build", "--quiet"] + extra + [
                    jl, "-o", os.path.join(out, "seeds.graphml"),
                    "--threads", str(thr)])
                report(name, thr, r, smb, sdocs, 0, sgrep)

    # a million aliases
    if args.alias_entities:
        rules = w("rules-%d.yaml" % args.alias_entities)
        if not os.path.exists(rules):
            subprocess.check_call(GEN + ["rules", "--entities",
                                         str(args.alias_entities), "--out",
                                         rules])
        t, _, rss = best_of(args.repeat, [actnet, "check-rules", "--quiet",
                                          rules])
        n = subprocess.run([actnet, "check-rules", "--quiet",
                            "--list-aliases", rules], check=True,
                           capture_output=True).stdout.count(b"\n")
        print()
        print("rules of %d aliases (%.0f MB of YAML): load and compile "
              "%.2f s, peak RSS %.0f MB" % (n, os.path.getsize(rules) /
                                            1048576.0, t, rss))
        results["rules"] = {"aliases": n, "seconds": t, "rss_mb": rss}
    with open(w("bench-results.json"), "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
