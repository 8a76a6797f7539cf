"""test_actnet.py — pytest suite of the Python module (python/actnet):
what it yields and builds must be what the actnet command prints and
writes for the same corpus and options (ACTNET_BIN, the build's binary),
and errors must be exceptions naming file:line:col.

Run by `meson test -C build python` with ACTNET_LIBRARY pointing at the
build's shared library and ACTNET_SOURCE_ROOT at the source tree.
"""
import json
import math
import os
import subprocess
import warnings

import networkx as nx
import pytest

import actnet

ROOT = os.environ.get('ACTNET_SOURCE_ROOT',
                      os.path.join(os.path.dirname(__file__), '..', '..'))
EXAMPLES = os.path.join(ROOT, 'examples')
BIN = os.environ.get('ACTNET_BIN')
needs_bin = pytest.mark.skipif(not BIN, reason='ACTNET_BIN not set')


def cli(*args):
    r = subprocess.run([BIN, *args], capture_output=True, text=True,
                       check=True)
    return r.stdout


def jsonl(text):
    return [json.loads(line) for line in text.splitlines()]


@needs_bin
def test_entities_are_the_commands():
    got = list(actnet.entities([EXAMPLES]))
    assert len(got) > 50
    assert got == jsonl(cli('entities', EXAMPLES, '--format', 'jsonl'))


@needs_bin
def test_events_are_the_commands():
    got = list(actnet.events(EXAMPLES))
    assert got and all(isinstance(e['context'], list) for e in got)
    assert got == jsonl(cli('events', EXAMPLES, '--format', 'jsonl'))


def same_value(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)
    return a == b


# drawing hints of the GraphML writer (colour, size), not attributes
DRAWING = {'r', 'g', 'b', 'size'}


def assert_same_graph(g, ref):
    assert g.number_of_nodes() == ref.number_of_nodes()
    assert g.number_of_edges() == ref.number_of_edges()
    for v, d in ref.nodes(data=True):
        mine = g.nodes[v]
        # GraphML leaves empty strings out (country of an entity without)
        extra = set(mine) - {'id'} - set(d)
        assert set(d) - DRAWING <= set(mine), v
        assert all(mine[k] == '' for k in extra), (v, extra)
        for k, x in d.items():
            if k not in DRAWING:
                assert same_value(mine[k], x), (v, k, mine[k], x)
    for u, v, d in ref.edges(data=True):
        assert g.has_edge(u, v)
        if not g.is_multigraph():
            d = {k: x for k, x in d.items() if k != 'id'}   # GraphML's
            mine = g.edges[u, v]
            assert set(d) <= set(mine), (u, v)
            assert all(mine[k] == '' for k in set(mine) - set(d)), (u, v)
            for k, x in d.items():
                assert same_value(mine[k], x), (u, v, k, mine[k], x)


@needs_bin
@pytest.mark.parametrize('args', [
    {},
    {'window': 'paragraph', 'top': 10, 'measures': 'all'},
    {'window': 5, 'evidence': 2, 'layout': True},
])
def test_build_is_the_commands_graphml(tmp_path, args):
    out = tmp_path / 'n.graphml'
    cmd = ['build', EXAMPLES, '-o', str(out), '--quiet']
    if 'window' in args:
        cmd += ['--window', str(args['window'])]
    if 'top' in args:
        cmd += ['--top', str(args['top'])]
    if 'measures' in args:
        cmd += ['--measures']
    if 'evidence' in args:
        cmd += [f'--evidence={args["evidence"]}']
    if not args.get('layout'):
        cmd += ['--no-layout']
    cli(*cmd)
    ref = nx.read_graphml(out)
    g = actnet.build([EXAMPLES], **args)
    assert isinstance(g, nx.Graph) and not g.is_directed()
    assert g.graph['network'] == 'cooccurrence'
    assert_same_graph(g, ref)
    if 'measures' in args:
        assert 'pagerank' in g.nodes['BLR'] and 'community' in g.nodes['BLR']
    if args.get('layout'):
        assert 'x' in g.nodes['BLR']


@needs_bin
def test_acts_on_is_a_multidigraph(tmp_path):
    out = tmp_path / 'a.graphml'
    cli('build', EXAMPLES, '--network', 'acts-on', '-o', str(out),
        '--quiet', '--no-layout')
    ref = nx.read_graphml(out)
    g = actnet.build(EXAMPLES, network='acts-on')
    assert isinstance(g, nx.MultiDiGraph)
    assert_same_graph(g, ref)
    for u, v, k, d in g.edges(keys=True, data=True):
        assert k == d['relation'] and d['polarity'] in (-1, 0, 1)


@needs_bin
@pytest.mark.parametrize('args,cmd', [
    ({}, []),
    ({'by': ['degree', 'betweenness'], 'top': 0, 'communities': 'leiden'},
     ['--by', 'degree,betweenness', '--top', '0', '--communities',
      'leiden']),
    ({'by': 'hostility_sent', 'network': 'acts-on'},
     ['--by', 'hostility_sent', '--network', 'acts-on']),
])
def test_rank_is_the_commands(args, cmd):
    ref = json.loads(cli('rank', EXAMPLES, '--format', 'json', *cmd))['rows']
    got = actnet.rank([EXAMPLES], **args)
    assert [r['id'] for r in got] == [r['id'] for r in ref]
    for a, b in zip(got, ref):
        assert a.keys() == b.keys()
        for k in a:
            assert same_value(a[k], b[k]), (a, b)


@needs_bin
def test_rank_of_a_graphml_is_the_commands(tmp_path):
    out = tmp_path / 'n.graphml'
    cli('build', EXAMPLES, '--window', 'paragraph', '-o', str(out),
        '--quiet')
    ref = json.loads(cli('rank', str(out), '--format', 'json', '--by',
                         'degree,pagerank', '--top', '0'))['rows']
    got = actnet.rank(str(out), by='degree,pagerank', top=0)
    assert [r['id'] for r in got] == [r['id'] for r in ref]
    for a, b in zip(got, ref):
        assert all(same_value(a[k], b[k]) for k in b)
    assert len(actnet.rank([out], top=0, filter_top=5)) == 5
    bad = tmp_path / 'bad.graphml'
    bad.write_text('not xml')
    with pytest.raises(actnet.DataError, match='bad.graphml'):
        actnet.rank(str(bad))


def test_rules_error_names_file_line_col(tmp_path):
    bad = tmp_path / 'bad.yaml'
    bad.write_text('entities:\n  - id: x\n')
    with pytest.raises(actnet.RulesError) as e:
        actnet.build([EXAMPLES], rules=str(bad))
    assert str(e.value).startswith(f'{bad}:1:1: ')
    assert (e.value.path, e.value.line, e.value.column) == (str(bad), 1, 1)


def test_own_rules_and_jsonl(tmp_path):
    rules = tmp_path / 'r.yaml'
    rules.write_text('version: 1\nentities:\n'
                     '  - id: ab\n    name: Alba Berg\n    type: person\n'
                     '  - id: cd\n    name: Cora Dahl\n    type: person\n')
    docs = tmp_path / 'd.jsonl'
    docs.write_text('{"id":"one","text":"Alba Berg met Cora Dahl."}\n'
                    '{"id":\n'
                    '{"id":"two","text":"Cora Dahl wrote."}\n')
    with pytest.warns(actnet.ActnetWarning, match=r'd\.jsonl:2:\d+: .*'):
        g = actnet.build([docs], rules=[rules])
    assert sorted(g.nodes) == ['ab', 'cd']
    assert g.edges['ab', 'cd']['weight'] == 1
    assert g.nodes['cd']['mentions'] == 2
    with pytest.raises(actnet.DataError, match=r'd\.jsonl:2:\d+: '):
        list(actnet.entities(docs, rules=actnet.Rules(rules), strict=True))


def test_usage_and_input_errors():
    with pytest.raises(actnet.UsageError):
        actnet.build([EXAMPLES], window='fortnight')
    with pytest.raises(actnet.UsageError):
        actnet.build([EXAMPLES], network='friends')
    with pytest.raises(actnet.UsageError):
        actnet.rank([EXAMPLES], by='fame')
    with pytest.raises(actnet.UsageError, match='acts-on'):
        actnet.rank([EXAMPLES], by='indegree')
    with pytest.raises(actnet.InputError):
        actnet.build(['/nonexistent/corpus'])
    with pytest.raises(actnet.DataError, match='nobody'):
        actnet.build([EXAMPLES], ego='nobody')
