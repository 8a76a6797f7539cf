// read_graphology.js -- reads GEXF and GraphML files the way sigma.js and
// Gephi Lite do (graphology with graphology-gexf / graphology-graphml)
// and prints what graphology made of them as JSON, for
// check_readers.py to compare with what actnet meant to write.
//
// Usage: node read_graphology.js FILE...   (.gexf or .graphml)
// Prints {"FILE": {"type", "multi", "nodes": {key: attributes},
// "edges": [{"source", "target", "undirected", "attributes"}]}} or, for
// a file graphology refuses, {"FILE": {"error": message}}.  Exit 77 when
// the packages are not installed (the test is then skipped).
'use strict';
const fs = require('fs');
let Graph, gexf, graphml;
try {
  Graph = require('graphology');
  gexf = require('graphology-gexf');
  graphml = require('graphology-graphml');
} catch (e) {
  process.stderr.write('graphology is not installed: ' + e.message + '\n');
  process.exit(77);
}

const out = {};
for (const file of process.argv.slice(2)) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    const parser = file.endsWith('.gexf') ? gexf : graphml;
    const g = parser.parse(Graph, text);
    const nodes = {};
    g.forEachNode((k, a) => { nodes[k] = a; });
    const edges = [];
    g.forEachEdge((k, a, s, t, sa, ta, undirected) => {
      edges.push({source: s, target: t, undirected: undirected,
                  attributes: a});
    });
    out[file] = {type: g.type, multi: g.multi, graph: g.getAttributes(),
                 nodes: nodes, edges: edges};
  } catch (e) {
    out[file] = {error: String(e && e.message || e)};
  }
}
process.stdout.write(JSON.stringify(out));
