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
  - rules with 1,000,000 alias phrases (gen.py rules --entities 500000);
  - a large rule set: the default rules and 25,000 generated persons
    (--large-entities; 50,000 aliases), or the rule paths of --large-rules
    (the Phoenix dictionaries, say), with their aliases for grep;
  - the seed articles of ../shared/corpus/seeds repeated to --seeds-mb
    megabytes of real prose (skipped when that folder is absent; never
    copied into the repository).
Then runs (--sections picks among them):
  main     the reference `LC_ALL=C grep -F -o -f aliases.txt | wc -l`
           over the texts (into a pipe: GNU grep writing to /dev/null
           stops at the first match), then actnet entities, build
           (co-occurrence), build --network acts-on and rank (--runs),
           each with --threads 1 and 2 (--threads);
  real     grep, entities, build and acts-on over the real prose;
  large    the same with the large rule set, generated and real text;
  small    build over the small corpus, the directory of files and the
           small corpus ten times (memory follows the graph, not the
           corpus);
  million  check-rules on the million-alias rules (load and compile).
Each figure is the run of least CPU time of --repeat runs.  It prints the
wall time, the CPU time (user + system of every process of the run: on a
machine shared with other work, the figure that measures the program
alone), MB/s of wall time and of CPU time (of document text), cycles per
byte (CPU seconds x the clock of /proc/cpuinfo or --clock-mhz / bytes),
peak RSS, the ratios of each actnet throughput to grep's by CPU and by
wall time, and two threads against one.  The figures are also written to
WORK/bench-results.json.

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


def clock_hz(args):
    """The clock that turns CPU seconds into cycles: --clock-mhz, else the
    first "cpu MHz" of /proc/cpuinfo (a virtual machine shows its nominal
    clock there and has no cycle counter of its own for perf)."""
    if args.clock_mhz:
        return args.clock_mhz * 1e6
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("cpu MHz"):
                    return float(line.split(":")[1]) * 1e6
    except OSError:
        pass
    return None


def run_measured(cmds, stdin_path=None):
    """Runs a pipeline (a list of commands, each one's output the next
    one's input, the last one's to /dev/null); returns (wall seconds, CPU
    seconds of all of them, the largest peak RSS in MB).  grep is timed as
    `grep -F -o -f aliases | wc -l`: GNU grep writing to /dev/null stops
    at the first match (it knows nobody reads the rest), so it must write
    into a pipe to do the work actnet does."""
    fin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    t0 = time.perf_counter()
    procs, prev = [], fin
    for k, cmd in enumerate(cmds):
        last = k == len(cmds) - 1
        p = subprocess.Popen(cmd, stdin=prev,
                             stdout=subprocess.DEVNULL if last
                             else subprocess.PIPE,
                             stderr=subprocess.PIPE)
        if prev is not fin:
            prev.close()   # the next process holds it now
        prev = p.stdout
        procs.append(p)
    cpu = rss = 0.0
    errs = []
    for p in procs:
        # stderr is small (a few warnings) and read after the pipeline
        # ends; a process that filled its stderr pipe would block here
        errs.append(p.stderr.read())
    for p, cmd, err in zip(procs, cmds, errs):
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        cpu += ru.ru_utime + ru.ru_stime
        rss = max(rss, ru.ru_maxrss / 1024.0)
        if p.returncode not in (0, 1):   # grep: 1 = no match
            sys.exit("bench: %s exited with %d:\n%s"
                     % (" ".join(cmd), p.returncode,
                        err.decode(errors="replace")))
    wall = time.perf_counter() - t0
    if fin is not subprocess.DEVNULL:
        fin.close()
    return wall, cpu, rss


def best_of(n, cmds, **kw):
    """The run of least CPU time of n (on a machine shared with other work
    the wall time measures the others too).  cmds is one command or a
    pipeline.  The files a run writes (after -o) are removed first:
    replacing the last run's output would add the kernel's freeing of that
    file (about 0.5 s for a 700 MB GraphML) to the time of the run."""
    if isinstance(cmds[0], str):
        cmds = [cmds]
    outs = [c[i + 1] for c in cmds for i, a in enumerate(c[:-1])
            if a == "-o"]
    runs = []
    for _ in range(n):
        for o in outs:
            if os.path.exists(o):
                os.remove(o)
        runs.append(run_measured(cmds, **kw))
    return min(runs, key=lambda r: r[1])


def grep_cmd(aliases, text):
    """The reference: every alias occurrence, one per line, counted."""
    return [["env", "LC_ALL=C", "grep", "-F", "-o", "-f", aliases, text],
            ["wc", "-l"]]


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


def find_seeds():
    """../shared/corpus/seeds of the first folder above this one that has
    it (the checkout may be a worktree deeper than the main one)."""
    d = HERE
    while True:
        cand = os.path.join(d, "shared", "corpus", "seeds")
        if os.path.isdir(cand):
            return cand
        up = os.path.dirname(d)
        if up == d:
            return os.path.join(HERE, "..", "..", "..", "shared", "corpus",
                                "seeds")
        d = up


SECTIONS = ("main", "small", "real", "large", "million")


class Reporter:
    """Prints one line per run and keeps the figures for the JSON file.
    Ratios to grep are of throughput: by CPU time (MB per CPU second, the
    figure that holds on a busy machine) and by wall time."""

    def __init__(self, hz, results):
        self.hz, self.results = hz, results
        self.head = "%-42s %3s %7s %7s %7s %7s %6s %7s %6s %6s" % (
            "run", "thr", "wall s", "CPU s", "MB/s", "MB/CPUs", "cyc/B",
            "RSS MB", "xgrepC", "xgrepW")

    def title(self, text):
        print()
        print(text)
        print(self.head)
        print("-" * len(self.head))

    def line(self, name, thr, run, nbytes, ndocs, grep=None, **extra):
        t, cpu, rss = run
        mb = nbytes / 1048576.0
        mbs, mbc = mb / t, mb / cpu if cpu else 0.0
        cpb = cpu * self.hz / nbytes if self.hz else None
        rc = mbc / grep["mb_per_cpu_s"] if grep else None
        rw = mbs / grep["mb_per_s"] if grep else None
        print("%-42s %3s %7.2f %7.2f %7.1f %7.1f %6s %7.1f %6s %6s" % (
            name, thr, t, cpu, mbs, mbc,
            "%.1f" % cpb if cpb is not None else "-", rss,
            "%.2f" % rc if rc else "-", "%.2f" % rw if rw else "-"))
        sys.stdout.flush()
        r = {"run": name, "threads": thr, "seconds": t, "cpu_seconds": cpu,
             "mb": mb, "mb_per_s": mbs, "mb_per_cpu_s": mbc,
             "cycles_per_byte": cpb, "docs_per_s": ndocs / t,
             "rss_mb": rss, "ratio_to_grep_cpu": rc,
             "ratio_to_grep_wall": rw}
        r.update(extra)
        self.results["runs"].append(r)
        return r


def list_aliases(actnet, rules, path):
    with open(path, "wb") as f:
        subprocess.check_call([actnet, "check-rules", "--quiet",
                               "--list-aliases"] + rules, stdout=f)
    return sum(1 for _ in open(path, "rb"))


def run_set(rep, args, actnet, label, corpus, text, nbytes, ndocs,
            aliases, rules, out, threads, which):
    """grep over text, then each actnet run of which over corpus with the
    rule paths rules (none: the default rules) on each thread count."""
    g = best_of(args.repeat, grep_cmd(aliases, text))
    grep = rep.line("grep -F -o -f aliases | wc -l" + label, 1, g, nbytes,
                    ndocs)
    rule_args = [a for r in rules for a in ("--rules", r)]
    cmds = {
        "entities": ["entities", "--quiet", corpus],
        "build": ["build", "--quiet", corpus, "-o",
                  os.path.join(out, "cooc.graphml")],
        "acts-on": ["build", "--quiet", "--network", "acts-on", corpus,
                    "-o", os.path.join(out, "acts.graphml")],
        "rank": ["rank", "--quiet", "--top", "20", corpus],
    }
    for name in which:
        by_thr = {}
        for thr in threads:
            r = best_of(args.repeat, [actnet] + cmds[name] + rule_args +
                        ["--threads", str(thr)])
            by_thr[thr] = rep.line(name + label, thr, r, nbytes, ndocs,
                                   grep)
        if 1 in by_thr and 2 in by_thr:
            one, two = by_thr[1], by_thr[2]
            print("%-42s     2 threads / 1: %.2fx wall, CPU %.2f of one's"
                  % ("", one["seconds"] / two["seconds"],
                     two["cpu_seconds"] / one["cpu_seconds"]))


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
                    help="runs per figure; the one of least CPU time is "
                    "reported")
    ap.add_argument("--runs", default="entities,build,acts-on,rank",
                    help="comma-separated actnet runs (entities, build, "
                    "acts-on, rank)")
    ap.add_argument("--sections", default=",".join(SECTIONS),
                    help="comma-separated parts to run: " +
                    ", ".join(SECTIONS))
    ap.add_argument("--clock-mhz", type=float,
                    help="clock for cycles per byte (default: /proc/cpuinfo)")
    ap.add_argument("--generate-only", action="store_true",
                    help="make the inputs, run nothing")
    ap.add_argument("--seeds", default=find_seeds(),
        help="folder of real articles for the real-text runs")
    ap.add_argument("--seeds-mb", type=float, default=100.0,
                    help="megabytes of real text (the seeds repeated); "
                    "0 skips the real-text runs")
    ap.add_argument("--rules-dir", default=os.path.join(HERE, "..", "..",
                                                        "rules"),
                    help="the default rules, loaded with the large set")
    ap.add_argument("--large-entities", type=int, default=25000,
                    help="entities of the large rule set added to the "
                    "default rules (2 aliases each); 0 skips it")
    ap.add_argument("--large-rules", action="append", default=[],
                    help="rule paths to add to the default rules instead "
                    "of generated entities (repeatable)")
    ap.add_argument("--alias-entities", type=int, default=500000,
                    help="entities of the million-alias rule set (2 "
                    "aliases each, loaded alone); 0 skips it")
    args = ap.parse_args()
    actnet = os.path.abspath(args.actnet)
    os.makedirs(args.work, exist_ok=True)
    w = lambda name: os.path.join(args.work, name)
    threads = [int(t) for t in args.threads.split(",")]
    which = [r for r in args.runs.split(",") if r]
    sections = set(args.sections.split(","))
    results = {"runs": []}
    hz = clock_hz(args)
    rep = Reporter(hz, results)

    aliases = w("aliases.txt")
    n_aliases = list_aliases(actnet, [], aliases)
    st = generate_corpus(args, w, aliases)
    if args.generate_only:
        small_corpus(args, w)
        return
    corpus, text = w("corpus.jsonl"), w("corpus.txt")
    nbytes = st["text_bytes"]
    docs, sents = st["documents"], st["sentences"]
    out = w("run")
    os.makedirs(out, exist_ok=True)
    print("actnet benchmark: %s" % actnet)
    print("corpus: %.1f MB of text (%.1f MB JSON Lines), %d documents, "
          "%d sentences; default rules, %d aliases; %d cores"
          % (nbytes / 1048576.0, st["jsonl_bytes"] / 1048576.0, docs, sents,
             n_aliases, os.cpu_count() or 1))
    print("CPU s is user + system time of every process of a run; MB/s is "
          "of wall time, MB/CPUs of CPU time; cyc/B = CPU s x %s / bytes "
          "of text; xgrepC and xgrepW: throughput over grep's by CPU and by "
          "wall time" % ("%.0f MHz" % (hz / 1e6) if hz else "(no clock)"))
    results.update(clock_hz=hz, corpus=st)

    if "main" in sections:
        rep.title("generated corpus, default rules")
        run_set(rep, args, actnet, "", corpus, text, nbytes, docs, aliases,
                [], out, threads, which)

    sc = None
    if "real" in sections or "large" in sections:
        sc = seeds_corpus(args, w) if args.seeds_mb > 0 else None
    if "real" in sections and sc:
        jl, tx, sdocs, sbytes = sc
        rep.title("real text: the %s articles repeated, %.1f MB, %d "
                  "documents; default rules"
                  % (os.path.normpath(args.seeds), sbytes / 1048576.0,
                     sdocs))
        run_set(rep, args, actnet, ", real", jl, tx, sbytes, sdocs, aliases,
                [], out, threads, [r for r in which if r != "rank"])

    if "large" in sections and (args.large_rules or args.large_entities):
        extra = [os.path.abspath(p) for p in args.large_rules]
        if not extra:
            big = w("rules-large-%d.yaml" % args.large_entities)
            if not os.path.exists(big):
                subprocess.check_call(GEN + ["rules", "--entities",
                                             str(args.large_entities),
                                             "--out", big])
            extra = [big]
        rules = [os.path.abspath(args.rules_dir)] + extra
        big_aliases = w("aliases-large.txt")
        n = list_aliases(actnet, rules, big_aliases)
        what = ", ".join(os.path.basename(p) for p in extra)
        rep.title("large rules: the default rules and %s, %d aliases; "
                  "generated corpus" % (what, n))
        run_set(rep, args, actnet, ", large rules", corpus, text, nbytes,
                docs, big_aliases, rules, out, threads,
                [r for r in which if r != "rank"])
        if sc:
            jl, tx, sdocs, sbytes = sc
            rep.title("large rules (%d aliases), real text" % n)
            run_set(rep, args, actnet, ", large rules, real", jl, tx,
                    sbytes, sdocs, big_aliases, rules, out, threads,
                    [r for r in which if r != "rank"])

    if "small" in sections:
        # memory does not grow with the corpus: the small corpus, files,
        # and the small corpus ten times (a 1 GB corpus whose graph is the
        # small one's, so memory that does not grow shows as equal)
        small, sdir, sdocs, stext = small_corpus(args, w)
        smb = stext / 1048576.0
        rep.title("memory follows the graph, not the corpus")
        rep10 = w("small-x10.jsonl")
        if not os.path.exists(rep10) or \
                os.path.getsize(rep10) != 10 * os.path.getsize(small):
            with open(rep10, "wb") as fo:
                for _ in range(10):
                    with open(small, "rb") as fi:
                        shutil.copyfileobj(fi, fo)
        for thr in threads:
            for name, src, mult in (
                    ("build, first %.0f MB" % smb, small, 1),
                    ("build, the same as %d files" % sdocs, sdir, 1),
                    ("build, 10 x first %.0f MB" % smb, rep10, 10)):
                r = best_of(args.repeat, [
                    actnet, "build", "--quiet", src, "-o",
                    os.path.join(out, "small.graphml"), "--threads",
                    str(thr)])
                rep.line(name, thr, r, stext * mult, sdocs * mult)

    # a million aliases
    if "million" in sections and args.alias_entities:
        rules = w("rules-%d.yaml" % args.alias_entities)
        if not os.path.exists(rules):
            subprocess.check_call(GEN + ["rules", "--entities",
                                         str(args.alias_entities), "--out",
                                         rules])
        t, cpu, rss = best_of(args.repeat, [actnet, "check-rules",
                                            "--quiet", rules])
        n = subprocess.run([actnet, "check-rules", "--quiet",
                            "--list-aliases", rules], check=True,
                           capture_output=True).stdout.count(b"\n")
        print()
        print("rules of %d aliases (%.0f MB of YAML): load and compile "
              "%.2f s (%.2f s CPU), peak RSS %.0f MB"
              % (n, os.path.getsize(rules) / 1048576.0, t, cpu, rss))
        results["rules"] = {"aliases": n, "seconds": t, "cpu_seconds": cpu,
                            "rss_mb": rss}
    with open(w("bench-results.json"), "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
