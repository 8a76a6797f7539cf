#!/usr/bin/env python3
"""check_outputs.py -- end-to-end check of `actnet build` on the example
corpus: the files it writes are read back the way their users read them.

  GraphML  networkx.read_graphml: labels, types, numeric weights, r/g/b
  GEXF     xml.etree: the GEXF 1.2draft structure (namespaces, declared
           attributes, viz colour and size, dynamic mode with spells);
           networkx.read_gexf (which knows no GEXF 1.3 before 3.0)
  CSV      csv: Gephi's Id,Label / Source,Target,Type,Weight tables
  JSON     json + networkx.node_link_graph: the node-link form

and: every format describes the same graph; a second run gives the same
bytes; a failed run leaves no file behind; standard output works.  The
acts-on network (--network acts-on) is read back the same way: directed
everywhere, one edge per relation of a pair (a multigraph), the relation
attributes intact, the example's known edges present, and --collapse
giving one edge per pair whose weight is the sum of the pair's relations.

Usage: check_outputs.py ACTNET_BINARY EXAMPLES_DIR
Exit 77 (skipped) when networkx is not installed.
"""
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

try:
    import networkx as nx
except ImportError:
    print("networkx is not installed: skipped")
    sys.exit(77)

GEXF = "{http://www.gexf.net/1.2draft}"
VIZ = "{http://www.gexf.net/1.2draft/viz}"
TYPES = {"person", "organisation", "country"}
COLOURS = {"person": (78, 121, 167), "organisation": (242, 142, 43),
           "country": (89, 161, 79)}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FORMATS = ["net.graphml", "net.gexf", "net.json", "net.csv", "net.dot"]

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


# With ACTNET_VALGRIND=1 (meson test --setup valgrind) every run of actnet
# is itself run under valgrind; an error or a leak makes it exit with 97.
VALGRIND = ["valgrind", "-q", "--error-exitcode=97", "--leak-check=full",
            "--show-leak-kinds=definite,indirect",
            "--errors-for-leak-kinds=definite,indirect", "--vgdb=no"]


def run(binary, args):
    vg = os.environ.get("ACTNET_VALGRIND", "")
    prefix = VALGRIND if vg and vg != "0" else []
    r = subprocess.run(prefix + [binary, "build"] + args, capture_output=True,
                       text=True)
    check(r.returncode != 97, "valgrind found errors or leaks in build %s:\n%s"
          % (" ".join(args), r.stderr))
    return r


def build_all(binary, examples, outdir):
    args = [examples, "--quiet", "--evidence"]
    for name in FORMATS:
        args += ["-o", os.path.join(outdir, name)]
    r = run(binary, args)
    if r.returncode != 0:
        print(r.stderr)
        sys.exit("actnet build failed with status %d" % r.returncode)


def check_graphml(path):
    g = nx.read_graphml(path)
    check(g.number_of_nodes() > 0, "GraphML: no nodes")
    check(g.number_of_edges() > 0, "GraphML: no edges")
    check(not g.is_directed(), "GraphML: co-occurrence must be undirected")
    for n, d in g.nodes(data=True):
        check(isinstance(d.get("label"), str) and d["label"],
              "GraphML: node %s has no label" % n)
        check(d.get("type") in TYPES, "GraphML: node %s type %r"
              % (n, d.get("type")))
        check(isinstance(d.get("mentions"), int) and d["mentions"] > 0,
              "GraphML: node %s mentions %r" % (n, d.get("mentions")))
        # The layout: positions and sizes graphology and Gephi read.
        check(all(isinstance(d.get(k), float) for k in ("x", "y", "size")),
              "GraphML: node %s x / y / size %r" % (n, [d.get(k) for k in
                                                       ("x", "y", "size")]))
        rgb = (d.get("r"), d.get("g"), d.get("b"))
        check(all(isinstance(c, int) for c in rgb),
              "GraphML: node %s colour %r is not integers" % (n, rgb))
        check(rgb == COLOURS.get(d.get("type")),
              "GraphML: node %s colour %r does not match its type" % (n, rgb))
        if "first" in d:
            check(DATE.match(d["first"]) and d["first"] <= d["last"],
                  "GraphML: node %s dates" % n)
    for a, b, d in g.edges(data=True):
        check(isinstance(d.get("weight"), float) and d["weight"] >= 1,
              "GraphML: edge %s-%s weight %r" % (a, b, d.get("weight")))
        check(d.get("network") == "cooccurrence", "GraphML: edge network")
        check("kind" not in d, "GraphML: a co-occurrence edge has a kind")
        check(isinstance(d.get("documents"), int), "GraphML: edge documents")
        ev = d.get("evidence", "")
        lines = ev.split("\n")
        check(ev and 1 <= len(lines) <= 3 and all("\t" in l for l in lines),
              "GraphML: edge %s-%s evidence %r" % (a, b, ev[:80]))
    return g


def check_gexf(path, g):
    root = ET.parse(path).getroot()
    check(root.tag == GEXF + "gexf", "GEXF: root is %s" % root.tag)
    check(root.get("version") == "1.2", "GEXF: version")
    graph = root.find(GEXF + "graph")
    check(graph is not None, "GEXF: no graph element")
    check(graph.get("defaultedgetype") == "undirected", "GEXF: edge type")
    # The examples carry dates (in their file names): a dynamic graph.
    check(graph.get("mode") == "dynamic", "GEXF: mode is not dynamic")
    check(graph.get("timeformat") == "date", "GEXF: timeformat")
    declared = {}
    for attrs in graph.findall(GEXF + "attributes"):
        cls = attrs.get("class")
        check(cls in ("node", "edge"), "GEXF: attributes class %r" % cls)
        for a in attrs.findall(GEXF + "attribute"):
            check(a.get("type") in ("string", "integer", "long", "double",
                                    "float", "boolean"),
                  "GEXF: attribute type %r" % a.get("type"))
            declared.setdefault(cls, set()).add(a.get("id"))
    nodes = graph.find(GEXF + "nodes").findall(GEXF + "node")
    ids = [n.get("id") for n in nodes]
    check(len(ids) == len(set(ids)), "GEXF: duplicate node ids")
    check(set(ids) == set(g.nodes), "GEXF: nodes differ from GraphML")
    spells = 0
    for n in nodes:
        check(n.get("label"), "GEXF: node %s has no label" % n.get("id"))
        for av in n.iter(GEXF + "attvalue"):
            check(av.get("for") in declared.get("node", ()),
                  "GEXF: undeclared node attribute %r" % av.get("for"))
        col = n.find(VIZ + "color")
        check(col is not None and all(0 <= int(col.get(c)) <= 255
                                      for c in "rgb"),
              "GEXF: node %s viz:color" % n.get("id"))
        pos = n.find(VIZ + "position")
        check(pos is not None and
              float(pos.get("x")) == g.nodes[n.get("id")]["x"] and
              float(pos.get("y")) == g.nodes[n.get("id")]["y"],
              "GEXF: node %s viz:position differs from GraphML x / y"
              % n.get("id"))
        size = n.find(VIZ + "size")
        check(size is not None and float(size.get("value")) > 0,
              "GEXF: node %s viz:size" % n.get("id"))
        for sp in n.iter(GEXF + "spell"):
            spells += 1
            check(DATE.match(sp.get("start")) and DATE.match(sp.get("end"))
                  and sp.get("start") <= sp.get("end"),
                  "GEXF: node spell %r" % sp.attrib)
    check(spells > 0, "GEXF: dynamic graph without node spells")
    edges = graph.find(GEXF + "edges").findall(GEXF + "edge")
    check(len(edges) == g.number_of_edges(), "GEXF: edge count")
    eids = set()
    for e in edges:
        eids.add(e.get("id"))
        check(e.get("source") in g and e.get("target") in g,
              "GEXF: edge %s has an unknown end" % e.get("id"))
        check(float(e.get("weight")) >= 1, "GEXF: edge weight")
        for av in e.iter(GEXF + "attvalue"):
            check(av.get("for") in declared.get("edge", ()),
                  "GEXF: undeclared edge attribute %r" % av.get("for"))
        w = g.edges[e.get("source"), e.get("target")]["weight"]
        check(float(e.get("weight")) == w, "GEXF: weight differs")
    check(len(eids) == len(edges), "GEXF: duplicate edge ids")
    h = nx.read_gexf(path)
    check(set(h.nodes) == set(g.nodes) and
          h.number_of_edges() == g.number_of_edges(),
          "GEXF: networkx reads another graph")
    for n, d in h.nodes(data=True):
        check(d.get("label") == g.nodes[n]["label"], "GEXF: label of %s" % n)
        check(d.get("spells"), "GEXF: networkx sees no spells on %s" % n)


def check_csv(nodes_path, edges_path, g):
    with open(nodes_path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    check(rows[0][:2] == ["Id", "Label"], "CSV: nodes header %r" % rows[0])
    check(all(len(r) == len(rows[0]) for r in rows), "CSV: ragged nodes")
    check({r[0] for r in rows[1:]} == set(g.nodes), "CSV: nodes differ")
    with open(edges_path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    check(rows[0][:4] == ["Source", "Target", "Type", "Weight"],
          "CSV: edges header %r" % rows[0])
    check(all(len(r) == len(rows[0]) for r in rows), "CSV: ragged edges")
    check(len(rows) - 1 == g.number_of_edges(), "CSV: edge count")
    for r in rows[1:]:
        check(r[0] in g and r[1] in g, "CSV: edge with an unknown end")
        check(r[2] == "Undirected", "CSV: edge type %r" % r[2])
        check(float(r[3]) == g.edges[r[0], r[1]]["weight"],
              "CSV: weight differs")


def check_json(path, g):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    check(d["directed"] is False, "JSON: directed")
    ids = [n["id"] for n in d["nodes"]]
    check(len(ids) == len(set(ids)) and set(ids) == set(g.nodes),
          "JSON: nodes differ")
    for n in d["nodes"]:
        check(n.get("label") and n.get("type") in TYPES, "JSON: node fields")
        check(isinstance(n.get("x"), (int, float)) and
              isinstance(n.get("y"), (int, float)), "JSON: node x / y")
    check(len(d["links"]) == g.number_of_edges(), "JSON: link count")
    for l in d["links"]:
        check(l["source"] in g and l["target"] in g, "JSON: unknown end")
        check(isinstance(l["weight"], (int, float)), "JSON: weight")
        ev = l.get("evidence", [])
        check(ev and all("document" in e and "sentence" in e for e in ev),
              "JSON: evidence of %s-%s" % (l["source"], l["target"]))
    try:
        h = nx.node_link_graph(d, edges="links")
    except TypeError:           # networkx before 3.4 has no edges=
        h = nx.node_link_graph(d)
    check(h.number_of_nodes() == g.number_of_nodes() and
          h.number_of_edges() == g.number_of_edges(),
          "JSON: networkx reads another graph")


def same_bytes(dir1, dir2):
    for name in os.listdir(dir1):
        with open(os.path.join(dir1, name), "rb") as a, \
                open(os.path.join(dir2, name), "rb") as b:
            check(a.read() == b.read(), "%s differs between two runs" % name)


def check_failures(binary, examples, tmp):
    out = os.path.join(tmp, "fail")
    os.mkdir(out)
    ok = os.path.join(out, "ok.graphml")
    # A second output that cannot be written: neither file may appear.
    r = run(binary, [examples, "--quiet", "-o", ok, "-o",
                     os.path.join(tmp, "no", "such", "dir", "x.graphml")])
    check(r.returncode == 1, "unwritable output: status %d" % r.returncode)
    # An error after counting (unknown --ego): nothing written.
    r = run(binary, [examples, "--quiet", "--ego", "no-such-node", "-o", ok])
    check(r.returncode == 1, "--ego unknown: status %d" % r.returncode)
    check("no-such-node" in r.stderr, "--ego unknown: message")
    check(os.listdir(out) == [], "a failed run left files: %r"
          % os.listdir(out))
    r = run(binary, [examples, "-o", os.path.join(out, "x.unknown")])
    check(r.returncode == 2, "unknown extension: status %d" % r.returncode)
    r = run(binary, [examples, "-o", "-"])
    check(r.returncode == 2, "-o - without --format: status %d"
          % r.returncode)
    r = run(binary, [examples, "--quiet", "-o", "-", "--format", "json",
                     "--no-layout"])
    check(r.returncode == 0 and all("x" not in n for n in
                                    json.loads(r.stdout or "{}")
                                    .get("nodes", [{"x": 0}])),
          "--no-layout still writes positions")
    r = run(binary, [examples, "--quiet", "-o", "-", "--format", "json",
                     "--top", "5"])
    check(r.returncode == 0, "stdout: status %d" % r.returncode)
    if r.returncode == 0:
        check(len(json.loads(r.stdout)["nodes"]) == 5, "--top 5 on stdout")


ACT_FORMATS = ["acts.graphml", "acts.gexf", "acts.json", "acts.csv",
               "acts.dot"]
CLASSES = {"", "verbal-cooperation", "material-cooperation",
           "verbal-conflict", "material-conflict"}
# Edges the example corpus must give (actor, target, relation).
KNOWN_ACTS = [("putin", "lukashenko", "congratulate"),
              ("GBR", "lukashenko", "sanction"),
              ("tikhanovskaya", "EU", "urge"),
              ("lukashenko", "putin", "meet")]


def check_acts_graphml(path):
    g = nx.read_graphml(path)
    check(g.is_directed(), "acts-on GraphML: not directed")
    check(g.number_of_edges() > 0, "acts-on GraphML: no edges")
    check(g.is_multigraph(), "acts-on GraphML: the example has parallel "
          "relations of one pair, so networkx should read a multigraph")
    for n in g.nodes:
        check(g.degree(n) > 0, "acts-on GraphML: node %s has no edge" % n)
        check(g.nodes[n].get("type") in TYPES, "acts-on GraphML: node type")
    found, symmetric = set(), set()
    for a, b, d in g.edges(data=True):
        found.add((a, b, d.get("relation")))
        check(d.get("network") == "acts-on", "acts-on GraphML: network")
        # Gephi keeps parallel edges apart by their kind.
        check(d.get("kind") == d.get("relation"), "acts-on GraphML: kind %r "
              "is not the relation %r" % (d.get("kind"), d.get("relation")))
        check(isinstance(d.get("relation"), str) and d["relation"],
              "acts-on GraphML: edge %s->%s relation" % (a, b))
        check(isinstance(d.get("label"), str) and d["label"],
              "acts-on GraphML: edge label")
        check(d.get("polarity") in (-1, 0, 1),
              "acts-on GraphML: polarity %r" % d.get("polarity"))
        check(d.get("class", "") in CLASSES, "acts-on GraphML: class %r"
              % d.get("class"))
        check(isinstance(d.get("symmetric"), bool),
              "acts-on GraphML: symmetric is not a boolean")
        check(isinstance(d.get("weight"), float) and d["weight"] >= 1,
              "acts-on GraphML: weight")
        for k in ("documents", "negated", "hedged"):
            check(isinstance(d.get(k), int) and d[k] >= 0,
                  "acts-on GraphML: %s" % k)
        check(d["negated"] == 0, "acts-on GraphML: a negated event counted "
              "without --negated include")
        check(d["hedged"] <= d["weight"], "acts-on GraphML: hedged > weight")
        if d["symmetric"]:
            symmetric.add((a, b, d["relation"]))
    for a, b, rel in symmetric:
        check((b, a, rel) not in found, "acts-on GraphML: symmetric %s "
              "between %s and %s is two edges" % (rel, a, b))
    for want in KNOWN_ACTS:
        check(want in found, "acts-on GraphML: no edge %s -> %s (%s)" % want)
    return g


def act_key(a, b, rel):
    return (a, b, rel)


def check_acts_others(d, g):
    edges = sorted(act_key(a, b, x["relation"])
                   for a, b, x in g.edges(data=True))
    root = ET.parse(os.path.join(d, "acts.gexf")).getroot()
    graph = root.find(GEXF + "graph")
    check(graph.get("defaultedgetype") == "directed",
          "acts-on GEXF: edge type %r" % graph.get("defaultedgetype"))
    gexf = sorted(act_key(e.get("source"), e.get("target"), e.get("kind"))
                  for e in graph.find(GEXF + "edges"))
    check(gexf == edges, "acts-on GEXF: edges (with kind) differ from "
          "GraphML")
    with open(os.path.join(d, "acts.edges.csv"), newline="",
              encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    check(all(r["Type"] == "Directed" for r in rows), "acts-on CSV: Type")
    check(sorted(act_key(r["Source"], r["Target"], r["relation"])
                 for r in rows) == edges, "acts-on CSV: edges differ")
    with open(os.path.join(d, "acts.json"), encoding="utf-8") as f:
        j = json.load(f)
    check(j["directed"] is True, "acts-on JSON: directed")
    check(j["multigraph"] is True, "acts-on JSON: multigraph")
    check(sorted(act_key(l["source"], l["target"], l["relation"])
                 for l in j["links"]) == edges, "acts-on JSON: links differ")
    try:
        h = nx.node_link_graph(j, edges="links")
    except TypeError:
        h = nx.node_link_graph(j)
    check(h.is_directed() and h.number_of_edges() == len(edges),
          "acts-on JSON: networkx reads another graph")
    with open(os.path.join(d, "acts.dot"), encoding="utf-8") as f:
        dot = f.read()
    check("digraph" in dot and dot.count(" -> ") == len(edges),
          "acts-on DOT: not a digraph with every edge")
    check("dir=both" in dot, "acts-on DOT: symmetric edges not both ways")


def check_collapse(binary, examples, tmp, g):
    out = os.path.join(tmp, "collapsed.json")
    r = run(binary, [examples, "--quiet", "--network", "acts-on",
                     "--collapse", "-o", out])
    if not check(r.returncode == 0, "--collapse: status %d" % r.returncode):
        return
    with open(out, encoding="utf-8") as f:
        j = json.load(f)
    check(j["multigraph"] is False, "--collapse: still a multigraph")
    want = {}
    for a, b, d in g.edges(data=True):
        # A symmetric relation counts toward the pair from the smaller id
        # (UTF-8 byte order is code point order).
        pair = (min(a, b), max(a, b)) if d["symmetric"] else (a, b)
        want.setdefault(pair, []).append(d)
    links = {(l["source"], l["target"]): l for l in j["links"]}
    check(set(links) == set(want), "--collapse: pairs differ")
    for pair, parts in want.items():
        l = links.get(pair)
        if not l:
            continue
        w = sum(p["weight"] for p in parts)
        pol = sum(p["polarity"] * p["weight"] for p in parts) / w
        check(l["weight"] == w, "--collapse %s: weight %r, want %r"
              % (pair, l["weight"], w))
        check(abs(l["polarity"] - pol) < 1e-9, "--collapse %s: polarity %r, "
              "want %r" % (pair, l["polarity"], pol))
        rels = dict(x.split(":") for x in l["relations"].split(","))
        check(rels == {p["relation"]: "%d" % p["weight"] for p in parts},
              "--collapse %s: relations %r" % (pair, l["relations"]))


def check_acts(binary, examples, tmp):
    dirs = []
    for name in ("acts1", "acts2"):
        d = os.path.join(tmp, name)
        os.mkdir(d)
        args = [examples, "--quiet", "--evidence", "--network", "acts-on"]
        for f in ACT_FORMATS:
            args += ["-o", os.path.join(d, f)]
        r = run(binary, args)
        if not check(r.returncode == 0, "acts-on build: status %d\n%s"
                     % (r.returncode, r.stderr)):
            return
        dirs.append(d)
    g = check_acts_graphml(os.path.join(dirs[0], "acts.graphml"))
    check_acts_others(dirs[0], g)
    same_bytes(dirs[0], dirs[1])
    check_collapse(binary, examples, tmp, g)
    # The acts-on options are refused without --network acts-on.
    r = run(binary, [examples, "--collapse", "-o",
                     os.path.join(tmp, "x.graphml")])
    check(r.returncode == 2 and "--network acts-on" in r.stderr,
          "--collapse without acts-on: status %d" % r.returncode)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, examples = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        one, two = os.path.join(tmp, "one"), os.path.join(tmp, "two")
        os.mkdir(one)
        os.mkdir(two)
        build_all(binary, examples, one)
        build_all(binary, examples, two)
        check(sorted(os.listdir(one)) ==
              sorted(["net.graphml", "net.gexf", "net.json",
                      "net.nodes.csv", "net.edges.csv", "net.dot"]),
              "files written: %r" % sorted(os.listdir(one)))
        g = check_graphml(os.path.join(one, "net.graphml"))
        check_gexf(os.path.join(one, "net.gexf"), g)
        check_csv(os.path.join(one, "net.nodes.csv"),
                  os.path.join(one, "net.edges.csv"), g)
        check_json(os.path.join(one, "net.json"), g)
        same_bytes(one, two)
        check_failures(binary, examples, tmp)
        check_acts(binary, examples, tmp)
    for f in failures:
        print("FAIL:", f)
    if failures:
        sys.exit(1)
    print("all outputs read back as intended")


if __name__ == "__main__":
    main()
