#!/usr/bin/env python3
"""check_report.py ACTNET EXAMPLES [--screenshot PNG]

The report in a real browser: `actnet report EXAMPLES` opened in headless
Chromium (cdp.py), which must draw it without an error and without a
single request beyond the file itself.  Then, as a reader would use it:
the drawn circles are counted against the network in the page's data, a
click with the mouse on an edge must show that edge's evidence sentences
with their document and date, a click on a node its rankings and
neighbours, the search must find a node that is not drawn, the table must
sort, the acts-on tab must colour edges by polarity and the date slider
must narrow what is drawn.  --screenshot saves the first view (the README's
picture: docs/report.png) after the click on an edge.

Exit 77 (skipped) when there is no Chromium.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def data_block(html, name):
    m = re.search(r'<script type="application/json" id="%s">(.*?)</script>'
                  % re.escape(name), html, re.S)
    if not m:
        fail("no %s block in the report" % name)
    return json.loads(m.group(1))


def main():
    args = sys.argv[1:]
    shot = None
    if "--screenshot" in args:
        i = args.index("--screenshot")
        shot = args[i + 1]
        del args[i:i + 2]
    actnet, examples = args
    if not cdp.find_chromium():
        print("skipped: no chromium (Debian package chromium)")
        sys.exit(77)

    tmp = tempfile.mkdtemp(prefix="actnet-report-")
    out = os.path.join(tmp, "report.html")
    r = subprocess.run([actnet, "report", examples, "-o", out, "--draw", "30"],
                       capture_output=True, text=True)
    if r.returncode:
        fail("actnet report exited %d: %s" % (r.returncode, r.stderr))
    html = open(out, encoding="utf-8").read()
    cooc = data_block(html, "actnet-cooccurrence")
    acts = data_block(html, "actnet-acts-on")
    dates = data_block(html, "actnet-dates")
    if len(cooc["nodes"]) <= 30:
        fail("the examples' co-occurrence network has %d nodes: too few to "
             "test --draw 30" % len(cooc["nodes"]))

    with cdp.Browser() as b:
        page = b.open(None)
        page.send("Network.enable")
        t0 = time.monotonic()
        page.navigate("file://" + out)
        page.wait_for("document.documentElement.dataset.ready === 'true'")
        ready = time.monotonic() - t0
        errors = page.console_errors()
        if errors:
            fail("errors in the page: %s" % errors)
        urls = [ev["params"]["request"]["url"] for ev in b.events
                if ev.get("method") == "Network.requestWillBeSent"]
        others = [u for u in urls if u != "file://" + out]
        if others:
            fail("the page requested %s" % others)

        # what is drawn: the --draw 30 largest nodes of the first tab
        drawn = page.evaluate("document.querySelectorAll('#graph circle.node').length")
        if drawn != 30:
            fail("%d nodes drawn, --draw 30 asked for 30" % drawn)
        edges = page.evaluate("document.querySelectorAll('#graph path.edge').length")
        if not edges:
            fail("no edge drawn")
        tab = page.evaluate("document.querySelector('#tabs [aria-pressed=true]').textContent")
        if "%d nodes" % len(cooc["nodes"]) not in tab:
            fail("tab says %r, the data has %d nodes" % (tab, len(cooc["nodes"])))
        # a mouse click on the middle of an edge with evidence
        target = page.evaluate("""(function () {
          var ps = document.querySelectorAll('#graph path.edge');
          for (var k = 0; k < ps.length; k++) {
            var p = ps[k], L = p.getTotalLength(), m = p.getPointAtLength(L / 2);
            var pt = p.ownerSVGElement.createSVGPoint(); pt.x = m.x; pt.y = m.y;
            var s = pt.matrixTransform(p.getScreenCTM());
            var hit = document.elementFromPoint(s.x, s.y);
            if (hit === p && L > 20) return {e: +p.dataset.e, x: s.x, y: s.y};
          }
          return null;
        })()""")
        if not target:
            fail("no edge can be clicked (every one hidden under a node)")
        page.click(target["x"], target["y"])
        e = cooc["links"][target["e"]]
        side = page.evaluate("document.getElementById('side').innerText")
        sentences = page.evaluate(
            "Array.from(document.querySelectorAll('#side .evidence .sentence'), x => x.textContent)")
        want = [x["sentence"] for x in e["evidence"]]
        if sentences != want:
            fail("the click on edge %s-%s shows %r, its evidence is %r"
                 % (e["source"], e["target"], sentences, want))
        doc = e["evidence"][0]["document"]
        if doc not in side or dates.get(doc, "no date") not in side:
            fail("the evidence does not name its document %s and date %s:\n%s"
                 % (doc, dates.get(doc), side))
        if shot:
            page.screenshot(shot)

        # a click on the largest node: its rankings and its neighbours
        node = page.evaluate("""(function () {
          var c = document.querySelector('#graph circle.node');
          var r = c.getBoundingClientRect();
          return {i: +c.dataset.i, x: r.left + r.width / 2, y: r.top + r.height / 2};
        })()""")
        page.click(node["x"], node["y"])
        n = cooc["nodes"][node["i"]]
        title = page.evaluate("document.querySelector('#side h2').textContent")
        if title != n["label"]:
            fail("clicked node %s, the panel shows %r" % (n["id"], title))
        measures = page.evaluate(
            "Array.from(document.querySelectorAll('#side table')[1].rows).slice(1).map(r => r.cells[0].textContent)")
        for m in ("degree", "pagerank", "betweenness"):
            if m not in measures:
                fail("the node's rankings lack %s: %r" % (m, measures))
        degree = sum(1 for x in cooc["links"] if n["id"] in (x["source"], x["target"]))
        neigh = page.evaluate("document.querySelectorAll('#side table.neighbours tr').length")
        if neigh != degree:
            fail("%s has %d edges, the panel lists %d neighbours" % (n["id"], degree, neigh))

        # the search finds a node that is not drawn, and draws it
        small = min(cooc["nodes"], key=lambda x: (x["pagerank"], x["id"]))
        page.evaluate("""(function (q) {
          var s = document.getElementById('search'); s.value = q;
          s.dispatchEvent(new Event('change'));
        })(%s)""" % json.dumps(small["label"]))
        title = page.evaluate("document.querySelector('#side h2').textContent")
        if title != small["label"]:
            fail("searching %r shows %r" % (small["label"], title))
        if page.evaluate("document.querySelectorAll('#graph circle.node').length") != 31:
            fail("the node found is not drawn")

        # the rankings table sorts by a column when its heading is clicked
        page.evaluate("document.querySelector('#rankings th[data-col=degree]').click()")
        col = page.evaluate("""(function () {
          var th = Array.from(document.querySelectorAll('#rankings th'));
          var k = th.findIndex(h => h.dataset.col === 'degree');
          return Array.from(document.querySelectorAll('#rankings tbody tr'), r => +r.cells[k].textContent);
        })()""")
        if len(col) != len(cooc["nodes"]) or col != sorted(col, reverse=True):
            fail("the table sorted by degree reads %r" % col)

        # acts-on: its own nodes, edges coloured by polarity
        page.evaluate("document.querySelector('#tabs [data-net=\"acts-on\"]').click()")
        drawn = page.evaluate("document.querySelectorAll('#graph circle.node').length")
        if drawn != min(30, len(acts["nodes"])):
            fail("acts-on: %d nodes drawn of %d" % (drawn, len(acts["nodes"])))
        colours = page.evaluate("""Array.from(document.querySelectorAll('#graph path.edge'),
          p => [+p.dataset.e, p.getAttribute('stroke')])""")
        want = {-1: "#d62728", 0: "#8c8c8c", 1: "#2ca02c"}
        for k, c in colours:
            p = acts["links"][k]["polarity"]
            if c != want[(p > 0) - (p < 0)]:
                fail("acts-on edge %d (polarity %s) drawn %s" % (k, p, c))
        if not any(l["polarity"] < 0 for l in acts["links"]):
            fail("no hostile edge in the examples' acts-on network")

        # the date slider: the first day only draws that day's nodes
        page.evaluate("document.querySelector('#tabs [data-net=\"cooccurrence\"]').click()")
        page.evaluate("""(function () {
          var t = document.getElementById('time-to'); t.value = 0;
          t.dispatchEvent(new Event('input'));
        })()""")
        page.wait_for("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))")
        first = min(x["first"] for x in cooc["nodes"])
        active = sum(1 for x in cooc["nodes"] if x["first"] <= first)
        drawn = page.evaluate("document.querySelectorAll('#graph circle.node').length")
        if drawn != min(30, active):
            fail("on %s only, %d nodes drawn; %d were seen that day"
                 % (first, drawn, active))
        errors = page.console_errors()
        if errors:
            fail("errors in the page: %s" % errors)
    print("ok: drawn and interactive in %.2f s; %d + %d nodes"
          % (ready, len(cooc["nodes"]), len(acts["nodes"])))


if __name__ == "__main__":
    main()
