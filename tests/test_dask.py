#!/usr/bin/env python3
"""test_dask.py -- actnet on a real distributed engine: Dask.

A LocalCluster of several worker processes (dask.distributed) reads a
JSON Lines corpus as a bag of partitions (blocks of whole lines), pipes
each partition through `actnet extract --stdin-jsonl -` on a worker, and
reduces the partials in a tree (dask.bag's reduction with split_every=2:
pairs of partials, then pairs of those, ...), each inner node of the tree
an `actnet merge A B -o AB.partial`.  The root partial, merged into a
network, must be byte for byte the network one `actnet build` over the
whole corpus writes; and the root partial itself must be the bytes of one
`actnet extract` over the whole corpus.  Done for the co-occurrence and
the acts-on network.  This is the recipe of the README's "Dask" section.

The corpus is generated here (tests/bench/gen.py: invented sentences from
templates around the default rules' aliases), so nothing real is copied.

Usage: test_dask.py ACTNET_BINARY
Exit 77 (skipped) only when dask or dask.distributed cannot be imported by
this python nor by the system's (/usr/bin/python3, where Debian's
python3-dask and python3-distributed install them).
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SYSTEM_PYTHON = "/usr/bin/python3"

try:
    import dask.bag as db
    from dask.distributed import Client, LocalCluster
except ImportError:
    # meson finds the first python3 on PATH (pyenv's, a virtualenv's),
    # which may not see the Debian packages: try the system's once
    if (os.environ.get("ACTNET_DASK_REEXEC") != "1" and
            os.path.exists(SYSTEM_PYTHON) and
            os.path.realpath(sys.executable) !=
            os.path.realpath(SYSTEM_PYTHON)):
        os.environ["ACTNET_DASK_REEXEC"] = "1"
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
    print("dask / dask.distributed are not installed (Debian: python3-dask "
          "python3-distributed): skipped")
    sys.exit(77)

WORKERS = 3
PARTITIONS = 7      # more than split_every, so that the reduce nests


def extract_partition(lines, actnet, net_opts):
    """Map: the lines of one partition (whole JSON Lines documents) through
    actnet extract; returns [Node] of the partial and the worker's pid."""
    text = "".join(l if l.endswith("\n") else l + "\n" for l in lines)
    p = subprocess.run([actnet, "extract", "--quiet", "--threads", "1",
                        "--stdin-jsonl", "-"] + net_opts,
                       input=text.encode("utf-8"), capture_output=True)
    if p.returncode:
        raise RuntimeError("actnet extract failed: %s"
                           % p.stderr.decode(errors="replace"))
    return [(p.stdout, (os.getpid(),), ())]


def first(partition):
    """The per-partition step of the reduction: a partition of the
    extracted bag holds its one partial."""
    return next(iter(partition))


def merge_partials(parts, actnet):
    """Reduce: actnet merge of any number of partials into one partial.
    Each part is (partial, pids of the extracts under it, sizes of the
    merges under it); returns the same for the merged partial, this
    merge's size (the number of partials it read) added."""
    parts = list(parts)
    pids, merges = (), ()
    with tempfile.TemporaryDirectory() as d:
        names = []
        for k, (data, who, sizes) in enumerate(parts):
            pids += who
            merges += sizes
            names.append(os.path.join(d, "in%d.partial" % k))
            with open(names[-1], "wb") as f:
                f.write(data)
        out = os.path.join(d, "out.partial")
        p = subprocess.run([actnet, "merge", "--quiet"] + names +
                           ["-o", out], capture_output=True)
        if p.returncode:
            raise RuntimeError("actnet merge failed: %s"
                               % p.stderr.decode(errors="replace"))
        with open(out, "rb") as f:
            merged = f.read()
    return merged, pids, merges + (len(parts),)


def levels(n):
    """Depth of a reduction tree of n leaves, 2 children a node."""
    d = 0
    while n > 1:
        n = (n + 1) // 2
        d += 1
    return d


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, **kw)
    if p.returncode:
        sys.exit("test_dask: %s exited with %d:\n%s"
                 % (" ".join(cmd), p.returncode,
                    p.stderr.decode(errors="replace")))
    return p.stdout


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: test_dask.py ACTNET_BINARY")
    actnet = os.path.abspath(sys.argv[1])
    failures = []
    with tempfile.TemporaryDirectory(prefix="actnet-dask-") as work:
        aliases = os.path.join(work, "aliases.txt")
        corpus = os.path.join(work, "corpus.jsonl")
        with open(aliases, "wb") as f:
            f.write(run([actnet, "check-rules", "--quiet",
                         "--list-aliases"]))
        run([sys.executable, os.path.join(HERE, "bench", "gen.py"),
             "corpus", "--aliases", aliases, "--mb", "0.6", "--docs",
             "240", "--seed", "7", "--out", corpus])
        size = os.path.getsize(corpus)

        cluster = LocalCluster(n_workers=WORKERS, threads_per_worker=1,
                               processes=True, dashboard_address=None,
                               silence_logs=40)
        client = Client(cluster)
        try:
            for tag, net_opts in (
                    ("co-occurrence", ["--evidence=2"]),
                    ("acts-on", ["--network", "acts-on", "--evidence"])):
                bag = db.read_text(corpus,
                                   blocksize=size // PARTITIONS + 1)
                n_parts = bag.npartitions
                if n_parts <= 2:
                    failures.append("%s: the bag has only %d partitions"
                                    % (tag, n_parts))
                partials = bag.map_partitions(extract_partition, actnet,
                                              net_opts)
                root = partials.reduction(
                    first,
                    lambda parts: merge_partials(parts, actnet),
                    split_every=2)
                data, pids, merges = root.compute()
                workers = set(pids)
                # split_every=2: merges of two (or one) partials, in
                # levels, never all partials at once
                inner = [m for m in merges if m > 1]
                if len(pids) != n_parts:
                    failures.append("%s: %d partitions, %d extracts under "
                                    "the root" % (tag, n_parts, len(pids)))
                if any(m > 2 for m in merges):
                    failures.append("%s: a merge of more than 2 partials"
                                    % tag)
                if sum(m - 1 for m in merges) != n_parts - 1:
                    failures.append("%s: the merges do not join %d "
                                    "partials into one" % (tag, n_parts))
                if os.getpid() in workers:
                    failures.append("%s: extract ran in the client" % tag)
                if len(workers) < 2:
                    failures.append("%s: extract ran in %d worker process"
                                    % (tag, len(workers)))
                print("%s: %d partitions extracted on %d worker "
                      "processes, %d merges of 2 partials, %d levels"
                      % (tag, n_parts, len(workers), len(inner),
                         levels(n_parts)))

                root_path = os.path.join(work, "root.partial")
                with open(root_path, "wb") as f:
                    f.write(data)
                merged = os.path.join(work, "merged.graphml")
                built = os.path.join(work, "built.graphml")
                run([actnet, "merge", "--quiet", root_path, "-o", merged])
                run([actnet, "build", "--quiet", "--threads", "2"] +
                    net_opts + [corpus, "-o", built])
                with open(merged, "rb") as f:
                    m = f.read()
                with open(built, "rb") as f:
                    b = f.read()
                if m != b:
                    failures.append("%s: the Dask result differs from one "
                                    "build (%d vs %d bytes)"
                                    % (tag, len(m), len(b)))
                if b"<node" not in b or b"<edge" not in b:
                    failures.append("%s: the network has no nodes or no "
                                    "edges" % tag)
                whole = run([actnet, "extract", "--quiet"] + net_opts +
                            [corpus])
                if whole != data:
                    failures.append("%s: the root partial differs from one "
                                    "extract (%d vs %d bytes)"
                                    % (tag, len(data), len(whole)))
        finally:
            client.close()
            cluster.close()
    for f in failures:
        print("FAIL:", f)
    print("dask: %d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
