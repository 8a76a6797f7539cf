#!/usr/bin/env python3
"""check_readers.py -- the files `actnet build` writes, opened with the
libraries people open them with, keep what actnet meant to write.

actnet's node-link JSON, read with the json module, is the reference:
every node's label, type, colour, size and position, every edge's
weight and (acts-on) relation.  Each reader must give the same:

  networkx (Debian's)  GraphML, GEXF (with the spells of the timeline),
                       node-link JSON
  python3-igraph       GraphML; CSV (X.nodes.csv / X.edges.csv) through
                       Graph.DictList, as a spreadsheet import does
  graphology (npm)     GEXF and GraphML through graphology-gexf and
                       graphology-graphml (tests/read_graphology.js), as
                       sigma.js and Gephi Lite read them

on the example corpus's co-occurrence network and its acts-on network,
whose parallel relations of one pair (a multigraph) must stay apart in
every reader, the relation being the edge kind where the reader has one.
DOT has no reader among these; Graphviz renders it in check_dot.sh.

Usage: check_readers.py ACTNET_BINARY EXAMPLES_DIR
Exit 77 (skipped) when networkx, igraph or graphology (node, and the
packages in .ci/npm/node_modules or NODE_PATH) are missing: install them
with `sh .ci/install-deps --dev`.
"""
import collections
import csv
import json
import os
import subprocess
import sys
import tempfile

try:
    import networkx as nx
    import igraph as ig
except ImportError as e:
    print("networkx or python3-igraph is not installed (%s): skipped" % e)
    sys.exit(77)

HERE = os.path.dirname(os.path.abspath(__file__))
failures = []
checked = [0]


def check(cond, what):
    checked[0] += 1
    if not cond:
        failures.append(what)
    return cond


def close(a, b):
    try:
        return abs(float(a) - float(b)) <= 0.011
    except (TypeError, ValueError):
        return False


def hex_of(r, g, b):
    return "#%02x%02x%02x" % (int(r), int(g), int(b))


def rgb_text(s):
    """'rgb(242,142,43)' or '#f28e2b' -> '#f28e2b'."""
    if isinstance(s, str) and s.startswith("rgb"):
        parts = s[s.index("(") + 1:s.index(")")].split(",")
        return hex_of(*parts[:3])
    return s


def reference(path):
    """Nodes {id: {label, type, color, size, x, y, first, last}} and
    edges as a Counter of (source, target, relation) -> [weights]."""
    with open(path) as f:
        j = json.load(f)
    nodes = {}
    for n in j["nodes"]:
        nodes[n["id"]] = {k: n.get(k) for k in
                          ("label", "type", "color", "size", "x", "y",
                           "first", "last")}
    edges = collections.defaultdict(list)
    for e in j["links"]:
        edges[key(e["source"], e["target"], e.get("relation"),
                  j["directed"])].append(e["weight"])
    return j["directed"], nodes, edges


def key(s, t, rel, directed):
    if not directed and t < s:
        s, t = t, s
    return (s, t, rel or "")


def same_edges(name, ref_edges, got, directed):
    """got: list of (source, target, relation, weight)."""
    edges = collections.defaultdict(list)
    for s, t, rel, w in got:
        edges[key(s, t, rel, directed)].append(w)
    check(set(edges) == set(ref_edges),
          "%s: edges differ from the JSON's: missing %s, extra %s"
          % (name, sorted(set(ref_edges) - set(edges))[:3],
             sorted(set(edges) - set(ref_edges))[:3]))
    for k, ws in ref_edges.items():
        if k in edges:
            check(sorted(float(w) for w in edges[k]) ==
                  sorted(float(w) for w in ws),
                  "%s: edge %s weights %s, the JSON says %s"
                  % (name, k, edges[k], ws))
    check(sum(len(v) for v in edges.values()) ==
          sum(len(v) for v in ref_edges.values()),
          "%s: %d edges, the JSON has %d (parallel relations merged?)"
          % (name, sum(len(v) for v in edges.values()),
             sum(len(v) for v in ref_edges.values())))


def same_nodes(name, ref, got, fields):
    """got: {id: {field: value}} with colour as '#rrggbb'."""
    check(set(got) == set(ref), "%s: node ids differ from the JSON's" % name)
    for nid, want in ref.items():
        have = got.get(nid)
        if have is None:
            continue
        for f in fields:
            a, b = have.get(f), want.get(f)
            ok = close(a, b) if f in ("size", "x", "y") else a == b
            check(ok, "%s: node %s %s = %r, the JSON says %r"
                  % (name, nid, f, a, b))


def networkx_checks(d, tag, directed, nodes, edges):
    g = nx.read_graphml(os.path.join(d, tag + ".graphml"))
    check(g.is_directed() == directed, "networkx GraphML: directedness")
    got = {n: {"label": a.get("label"), "type": a.get("type"),
               "color": hex_of(a["r"], a["g"], a["b"]) if "r" in a else None,
               "size": a.get("size"), "x": a.get("x"), "y": a.get("y")}
           for n, a in g.nodes(data=True)}
    same_nodes("networkx GraphML " + tag, nodes, got,
               ("label", "type", "color", "size", "x", "y"))
    same_edges("networkx GraphML " + tag, edges,
               [(s, t, a.get("kind"), a["weight"])
                for s, t, a in g.edges(data=True)], directed)

    g = nx.read_gexf(os.path.join(d, tag + ".gexf"))
    got = {}
    for n, a in g.nodes(data=True):
        viz = a.get("viz", {})
        c = viz.get("color", {})
        got[n] = {"label": a.get("label"), "type": a.get("type"),
                  "color": hex_of(c["r"], c["g"], c["b"]) if c else None,
                  "size": viz.get("size"),
                  "x": viz.get("position", {}).get("x"),
                  "y": viz.get("position", {}).get("y")}
        # the timeline: a spell from the first to the last date
        want = nodes.get(n, {})
        if want.get("first"):
            check(a.get("spells") == [(want["first"], want["last"])],
                  "networkx GEXF %s: node %s spells %r, dates %s..%s"
                  % (tag, n, a.get("spells"), want["first"], want["last"]))
    same_nodes("networkx GEXF " + tag, nodes, got,
               ("label", "type", "color", "size", "x", "y"))
    # networkx keeps no GEXF edge kind: the relation is its attvalue
    same_edges("networkx GEXF " + tag, edges,
               [(s, t, a.get("relation"), a["weight"])
                for s, t, a in g.edges(data=True)], directed)
    for s, t, a in g.edges(data=True):
        check(a.get("spells") and a["spells"][0][0] == a.get("first"),
              "networkx GEXF %s: edge %s-%s has no spell from its first "
              "date" % (tag, s, t))
        break

    with open(os.path.join(d, tag + ".json")) as f:
        j = json.load(f)
    try:
        g = nx.node_link_graph(j, edges="links")
    except TypeError:                 # networkx before 3.4
        g = nx.node_link_graph(j)
    got = {n: dict(a) for n, a in g.nodes(data=True)}
    same_nodes("networkx JSON " + tag, nodes, got,
               ("label", "type", "color", "size", "x", "y"))
    same_edges("networkx JSON " + tag, edges,
               [(s, t, a.get("kind"), a["weight"])
                for s, t, a in g.edges(data=True)], directed)


def igraph_checks(d, tag, directed, nodes, edges):
    g = ig.Graph.Read_GraphML(os.path.join(d, tag + ".graphml"))
    check(g.is_directed() == directed, "igraph GraphML: directedness")
    got = {}
    for v in g.vs:
        a = v.attributes()
        got[a["id"]] = {"label": a.get("label"), "type": a.get("type"),
                        "color": hex_of(a["r"], a["g"], a["b"]),
                        "size": a.get("size"), "x": a.get("x"),
                        "y": a.get("y")}
    same_nodes("igraph GraphML " + tag, nodes, got,
               ("label", "type", "color", "size", "x", "y"))
    same_edges("igraph GraphML " + tag, edges,
               [(g.vs[e.source]["id"], g.vs[e.target]["id"],
                 e["kind"] if "kind" in g.es.attributes() else None,
                 e["weight"]) for e in g.es], directed)

    if not os.path.exists(os.path.join(d, tag + ".nodes.csv")):
        return
    with open(os.path.join(d, tag + ".nodes.csv"), newline="") as f:
        vs = list(csv.DictReader(f))
    with open(os.path.join(d, tag + ".edges.csv"), newline="") as f:
        es = list(csv.DictReader(f))
    g = ig.Graph.DictList(vs, es, directed=directed, vertex_name_attr="Id",
                          edge_foreign_keys=("Source", "Target"))
    got = {v["Id"]: {"label": v["Label"], "type": v["type"], "x": v["x"],
                     "y": v["y"]} for v in g.vs}
    same_nodes("igraph CSV " + tag, nodes, got, ("label", "type", "x", "y"))
    same_edges("igraph CSV " + tag, edges,
               [(g.vs[e.source]["Id"], g.vs[e.target]["Id"],
                 e.attributes().get("kind") or None, e["Weight"])
                for e in g.es], directed)


def graphology_checks(d, tag, directed, nodes, edges):
    files = [os.path.join(d, tag + ext) for ext in (".gexf", ".graphml")]
    env = dict(os.environ)
    local = os.path.join(HERE, "..", ".ci", "npm", "node_modules")
    env["NODE_PATH"] = os.pathsep.join(
        p for p in (local, env.get("NODE_PATH", "")) if p)
    r = subprocess.run(["node", os.path.join(HERE, "read_graphology.js")]
                       + files, capture_output=True, text=True, env=env)
    if r.returncode == 77:
        return 77
    if not check(r.returncode == 0, "read_graphology.js failed: %s"
                 % r.stderr):
        return 0
    out = json.loads(r.stdout)
    for path in files:
        name = "graphology " + os.path.basename(path)
        gr = out[path]
        if not check("error" not in gr, "%s: %s" % (name, gr.get("error"))):
            continue
        check(gr["type"] == ("directed" if directed else "undirected"),
              "%s: a %s graph" % (name, gr["type"]))
        got = {n: {"label": a.get("label"), "type": a.get("type"),
                   "color": rgb_text(a.get("color")), "size": a.get("size"),
                   "x": a.get("x"), "y": a.get("y")}
               for n, a in gr["nodes"].items()}
        same_nodes(name, nodes, got,
                   ("label", "type", "color", "size", "x", "y"))
        # graphology's kind is the relation (GEXF <edge kind>, GraphML
        # the kind key): the attribute Gephi Lite splits parallel edges by
        same_edges(name, edges,
                   [(e["source"], e["target"], e["attributes"].get("kind"),
                     e["attributes"]["weight"]) for e in gr["edges"]],
                   directed)
    return 0


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, examples = sys.argv[1], sys.argv[2]
    skipped = []
    with tempfile.TemporaryDirectory() as d:
        for tag, extra in (("cooc", []), ("acts", ["--network", "acts-on"])):
            args = [binary, "build", examples, "--quiet"] + extra
            for ext in (".graphml", ".gexf", ".json", ".csv"):
                args += ["-o", os.path.join(d, tag + ext)]
            r = subprocess.run(args, capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit("actnet build failed: %s" % r.stderr)
            directed, nodes, edges = reference(os.path.join(d, tag + ".json"))
            if tag == "acts":
                pairs = collections.Counter((s, t) for s, t, _ in edges)
                check(any(n > 1 for n in pairs.values()),
                      "the example's acts-on network has no pair with two "
                      "relations: parallel edges are not tested")
            networkx_checks(d, tag, directed, nodes, edges)
            igraph_checks(d, tag, directed, nodes, edges)
            if graphology_checks(d, tag, directed, nodes, edges) == 77:
                skipped.append("graphology")
    for f in failures:
        print("FAIL:", f)
    if failures:
        return 1
    if skipped:
        print("graphology (npm) is not installed: run sh .ci/install-deps "
              "--dev; skipped")
        return 77
    print("networkx %s, igraph %s and graphology read every format the same"
          " (%d checks)" % (nx.__version__, ig.__version__, checked[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
