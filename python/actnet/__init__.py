"""actnet — news articles to actor networks, from Python.

A thin layer over the shared library libactnet (include/actnet.h) through
ctypes: the same rules, the same pipeline and the same network as the
actnet command, without a subprocess or a file in between.

    import actnet
    g = actnet.build(["examples/"])                 # a networkx graph
    actnet.rank(["examples/"], by="pagerank")[:3]   # the top three rows

entities() and events() yield one dict per mention / acts-on event, with
the keys of `actnet entities --format jsonl` / `actnet events --format
jsonl`.  build() returns a networkx Graph (co-occurrence) or MultiDiGraph
(acts-on: one edge per relation of a pair, keyed by the relation id) with
every graph, node and edge attribute actnet writes; rank() returns the rows
of `actnet rank --format json`.

Errors raise ActnetError (or a subclass) whose str() starts with
file:line:col; a document that cannot be read is skipped with an
ActnetWarning (strict=True raises instead), as the command does.
"""
import math
import os
import warnings
from ctypes import byref, c_int, c_size_t, c_uint, c_void_p, string_at

from . import _lib
from ._lib import lib

__all__ = ['ActnetError', 'RulesError', 'DataError', 'UsageError',
           'InputError', 'ActnetWarning', 'Rules', 'entities', 'events',
           'build', 'rank', 'MEASURES']

TYPES = ('person', 'organisation', 'country', 'place')
MEASURES = tuple(iter(lambda i=iter(range(1 << 8)):
                      lib.actnet_measure_name(next(i)).decode(), ''))


class ActnetError(Exception):
    """An error of libactnet: status, and where (path, line, column: 0
    when unknown) and what (message)."""

    def __init__(self, status, path='', line=0, column=0, message=''):
        self.status = status
        self.path, self.line, self.column = path, line, column
        self.message = message or _status_name(status)
        super().__init__(self.__str__())

    def __str__(self):
        where = self.path
        if where and self.line:
            where += f':{self.line}'
            if self.column:
                where += f':{self.column}'
        return f'{where}: {self.message}' if where else self.message


class RulesError(ActnetError):
    """The rules are invalid (file:line:col says where)."""


class DataError(ActnetError):
    """A document, partial or graph file is invalid."""


class UsageError(ActnetError, ValueError):
    """An argument is invalid."""


class InputError(ActnetError, OSError):
    """A file could not be opened, read or written."""


class ActnetWarning(UserWarning):
    """A document was skipped (unreadable, invalid JSON, too large)."""


_CLASSES = {_lib.ERR_RULES: RulesError, _lib.ERR_DATA: DataError,
            _lib.ERR_USAGE: UsageError, _lib.ERR_IO: InputError}


def _status_name(status):
    return lib.actnet_status_string(status).decode()


def _s(b):
    return None if b is None else b.decode('utf-8', 'replace')


def _b(s):
    return None if s is None else os.fsencode(s) if isinstance(
        s, os.PathLike) else s.encode('utf-8')


def _error(status, err):
    if status == _lib.ERR_NOMEM:
        return MemoryError('actnet: out of memory')
    cls = _CLASSES.get(status, ActnetError)
    return cls(status, _s(err.path), err.line, err.column, _s(err.message))


def _check(status, err):
    if status != _lib.OK:
        raise _error(status, err)


def _usage(message):
    return UsageError(_lib.ERR_USAGE, message=message)


# ---- rules ----------------------------------------------------------------

class Rules:
    """A compiled rule set: the default rules (paths=None), or rule files
    and directories.  Loading fails whole with RulesError naming
    file:line:col; warnings (e.g. an alias of two entities) are kept in
    .warnings as ActnetError records."""

    def __init__(self, paths=None):
        self._p = None
        if paths is None:
            d = lib.actnet_rules_default_dir()
            if d is None:
                raise InputError(_lib.ERR_IO, message='no default rules '
                                 'found: install actnet, set '
                                 'ACTNET_RULES_DIR, or give rules=PATH')
            paths = [os.fsdecode(d)]
        elif isinstance(paths, (str, bytes, os.PathLike)):
            paths = [paths]
        self.paths = [os.fsdecode(p) for p in paths]
        p = lib.actnet_rules_create()
        if not p:
            raise MemoryError('actnet: out of memory')
        self._p = p
        err = _lib.Error()
        for path in self.paths:
            _check(lib.actnet_rules_load(p, os.fsencode(path), byref(err)),
                   err)
        _check(lib.actnet_rules_compile(p, byref(err)), err)
        self.warnings = []
        for i in range(lib.actnet_rules_warning_count(p)):
            w = lib.actnet_rules_warning(p, i).contents
            self.warnings.append(ActnetError(_lib.OK, _s(w.path), w.line,
                                             w.column, _s(w.message)))

    def __del__(self):
        if getattr(self, '_p', None):
            lib.actnet_rules_destroy(self._p)
            self._p = None


_default_rules = None


def _rules(rules):
    global _default_rules
    if isinstance(rules, Rules):
        return rules
    if rules is None:
        if _default_rules is None:
            _default_rules = Rules()
        return _default_rules
    return Rules(rules)


# ---- documents -------------------------------------------------------------

def _documents(paths, rules, need_events, strict, text_field, id_field,
               date_field):
    """Runs every document of paths through an extractor; yields (ex, doc)
    with the results of that document (valid until the next one)."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    opts = _lib.ReaderOptions()
    lib.actnet_reader_options_init(byref(opts))
    keep = [_b(text_field), _b(id_field), _b(date_field)]
    if text_field:
        opts.text_field = keep[0]
    if id_field:
        opts.id_field = keep[1]
    if date_field:
        opts.date_field = keep[2]
    err = _lib.Error()
    reader = lib.actnet_reader_create(byref(opts))
    ex = lib.actnet_extractor_create(rules._p)
    try:
        if not reader or not ex:
            raise MemoryError('actnet: out of memory')
        lib.actnet_extractor_set_events(ex, 1 if need_events else 0)
        for p in paths:
            _check(lib.actnet_reader_add(reader, os.fsencode(p),
                                         byref(err)), err)
        doc = _lib.Document()
        while True:
            st = lib.actnet_reader_next(reader, byref(doc), byref(err))
            if st == _lib.DONE:
                break
            if st == _lib.OK:
                st = lib.actnet_extractor_run(ex, byref(doc), byref(err))
            if st in (_lib.ERR_DATA, _lib.ERR_IO) and not strict:
                warnings.warn(f'{_error(st, err)} (skipped)', ActnetWarning,
                              stacklevel=3)
                continue
            _check(st, err)
            yield ex, doc
    finally:
        lib.actnet_extractor_destroy(ex)
        lib.actnet_reader_destroy(reader)


def _entity(ex, idx):
    return lib.actnet_extractor_entity(ex, idx).contents


def entities(paths, rules=None, strict=False, text_field=None,
             id_field=None, date_field=None):
    """Yields every entity mention of the documents in paths (files,
    directories, JSON Lines, .gz) as a dict: doc, date (when known),
    sentence (1-based), start, end (byte offsets in the original text),
    id, type, label, country (when it has one), via, text."""
    r = _rules(rules)
    for ex, doc in _documents(paths, r, False, strict, text_field, id_field,
                              date_field):
        text = string_at(doc.text, doc.len)
        n = lib.actnet_extractor_mention_count(ex)
        ms = lib.actnet_extractor_mentions(ex)
        did, date = _s(doc.id), _s(doc.date)
        for i in range(n):
            m = ms[i]
            e = _entity(ex, m.entity)
            d = {'doc': did}
            if date is not None:
                d['date'] = date
            d.update(sentence=m.sentence + 1, start=m.start, end=m.end,
                     id=_s(e.id),
                     type=_s(lib.actnet_entity_type_name(e.type)),
                     label=_s(e.label))
            if e.country:
                d['country'] = _s(e.country)
            d['via'] = _s(lib.actnet_via_name(m.via))
            d['text'] = _s(text[m.start:m.end])
            yield d


def events(paths, rules=None, strict=False, text_field=None, id_field=None,
           date_field=None):
    """Yields every acts-on event of the documents in paths as a dict with
    the keys of `actnet events --format jsonl`: doc, date, sentence,
    start, end (of the verb phrase), actor, actor_label, relation,
    relation_label, target, target_label, polarity, class, negated,
    hedged, cameo, event, mode, context (a list), phrase, medium (the
    news medium's label of a statement to the media, else None), text
    (the sentence)."""
    r = _rules(rules)
    ss, se = c_size_t(), c_size_t()
    for ex, doc in _documents(paths, r, True, strict, text_field, id_field,
                              date_field):
        text = string_at(doc.text, doc.len)
        n = lib.actnet_extractor_event_count(ex)
        evs = lib.actnet_extractor_events(ex)
        did, date = _s(doc.id), _s(doc.date)
        for i in range(n):
            ev = evs[i]
            a, t = _entity(ex, ev.actor), _entity(ex, ev.target)
            rel = lib.actnet_rules_relation(r._p, ev.relation).contents
            lib.actnet_extractor_sentence_span(ex, ev.sentence, byref(ss),
                                               byref(se))
            ctx = _s(rel.plover_context)
            yield {'doc': did, 'date': date, 'sentence': ev.sentence + 1,
                   'start': ev.start, 'end': ev.end,
                   'actor': _s(a.id), 'actor_label': _s(a.label),
                   'relation': _s(rel.id), 'relation_label': _s(rel.label),
                   'target': _s(t.id), 'target_label': _s(t.label),
                   'polarity': rel.polarity, 'class': _s(rel.cls),
                   'negated': bool(ev.negated), 'hedged': bool(ev.hedged),
                   'cameo': _s(rel.cameo), 'event': _s(rel.plover_event),
                   'mode': _s(rel.plover_mode),
                   'context': ctx.split(',') if ctx else [],
                   'phrase': _s(text[ev.start:ev.end]),
                   'medium': _s(t.label) if ev.media else None,
                   'text': _s(text[ss.value:se.value])}


# ---- networks --------------------------------------------------------------

def _parse(fn, name, what, ctype=c_int):
    v = ctype()
    if fn(_b(str(name)), byref(v)) != _lib.OK:
        raise _usage(f'{what}: {name!r} is not one actnet knows')
    return v.value


def _measure_mask(measures):
    if measures is None:
        return 0
    if isinstance(measures, str):
        measures = MEASURES if measures == 'all' else measures.split(',')
    mask = 0
    for m in measures:
        mask |= 1 << _parse(lib.actnet_measure_parse, m, 'measure')
    return mask


class _Network:
    """An actnet_network handle (freed with the object): from counts
    (which it takes), or from a GraphML file (graphml: its path)."""

    def __init__(self, counts=None, graphml=None):
        self._p = c_void_p()
        err = _lib.Error()
        if graphml is None:
            _check(lib.actnet_network_create(counts, byref(self._p),
                                             byref(err)), err)
            return
        fp = _lib.libc.fopen(os.fsencode(graphml), b'rb')
        if not fp:
            raise InputError(_lib.ERR_IO, os.fsdecode(graphml),
                             message='cannot open this GraphML file')
        try:
            _check(lib.actnet_network_read_graphml(
                fp, os.fsencode(graphml), byref(self._p), byref(err)), err)
        finally:
            _lib.libc.fclose(fp)

    def __del__(self):
        if getattr(self, '_p', None):
            lib.actnet_network_destroy(self._p)
            self._p = None

    def call(self, fn, *args):
        err = _lib.Error()
        _check(fn(self._p, *args, byref(err)), err)

    def attrs(self, scope):
        n = lib.actnet_network_attr_count(self._p, scope)
        return [(i, _s(lib.actnet_network_attr_name(self._p, scope, i)),
                 lib.actnet_network_attr_type(self._p, scope, i))
                for i in range(n)]

    def value(self, scope, i, kind, row):
        if kind == _lib.ATTR_NUMBER:
            x = lib.actnet_network_attr_number(self._p, scope, i, row)
            return int(x) if x.is_integer() and abs(x) < 2 ** 53 else x
        if kind == _lib.ATTR_STRING:
            return _s(lib.actnet_network_attr_string(self._p, scope, i, row))
        return lib.actnet_network_attr_boolean(self._p, scope, i, row) == 1

    def rows(self, scope, count):
        cols = self.attrs(scope)
        return [{name: self.value(scope, i, kind, row)
                 for i, name, kind in cols} for row in range(count)]


def _filter(net, types, min_mentions, min_weight, ego, radius, top, giant):
    f = _lib.Filter()
    lib.actnet_filter_init(byref(f))
    if types:
        if not isinstance(types, str):
            types = ','.join(types)
        f.types = _parse(lib.actnet_types_parse, types, 'types', c_uint)
    f.min_mentions, f.min_weight = min_mentions, min_weight
    keep = _b(ego)
    f.ego, f.radius, f.top, f.giant = keep, radius, top, bool(giant)
    if types or min_mentions or min_weight or ego or top or giant:
        net.call(lib.actnet_network_filter, byref(f))


def _is_graphml(paths):
    return (isinstance(paths, (str, os.PathLike)) and
            os.fspath(paths).lower().endswith('.graphml'))


def _network(paths, network, window, rules, evidence, places, negated,
             hedged, collapse, strict, types, min_mentions, min_weight, ego,
             radius, top, giant):
    if _is_graphml(paths) or (isinstance(paths, (list, tuple)) and
                              len(paths) == 1 and _is_graphml(paths[0])):
        net = _Network(graphml=paths if _is_graphml(paths) else paths[0])
        _filter(net, types, min_mentions, min_weight, ego, radius, top,
                giant)
        return net
    r = _rules(rules)
    o = _lib.CountsOptions()
    lib.actnet_counts_options_init(byref(o))
    o.network = _parse(lib.actnet_network_kind_parse, network, 'network')
    acts = o.network == _lib.NETWORK_ACTS_ON
    if window is not None:
        if acts:
            raise _usage('window is for the co-occurrence network; the '
                         'acts-on network links actor and target within a '
                         'sentence')
        w = _lib.Window()
        if lib.actnet_window_parse(_b(str(window)), byref(w)) != _lib.OK:
            raise _usage(f'window: {window!r} is not sentence, paragraph, '
                         'document or a number of tokens (1 to 100000)')
        o.window = w
    o.evidence = evidence
    o.places = bool(places)
    o.include_negated = bool(negated)
    o.exclude_hedged = not hedged
    o.collapse = bool(collapse)
    err = _lib.Error()
    counts = c_void_p()
    _check(lib.actnet_counts_create(byref(o), byref(counts), byref(err)),
           err)
    try:
        for ex, doc in _documents(paths, r, acts, strict, None, None, None):
            _check(lib.actnet_counts_add(counts, ex, byref(doc), byref(err)),
                   err)
    except BaseException:
        lib.actnet_counts_destroy(counts)
        raise
    net = _Network(counts)      # owns the counts from here on
    _filter(net, types, min_mentions, min_weight, ego, radius, top, giant)
    return net


def _analyse(net, mask, communities):
    o = _lib.AnalyseOptions()
    lib.actnet_analyse_options_init(byref(o))
    o.measures = mask
    o.community = _parse(lib.actnet_community_parse, communities or 'none',
                         'communities')
    rep = _lib.AnalyseReport()
    net.call(lib.actnet_network_analyse, byref(o), byref(rep))
    return rep


def build(paths, network='cooccurrence', window=None, rules=None,
          evidence=0, places=False, negated=False, hedged=True,
          collapse=False, measures=None, communities=None, layout=False,
          types=None, min_mentions=0, min_weight=0, ego=None, radius=1,
          top=0, giant=False, strict=False):
    """The network of the documents in paths as a networkx graph, as
    `actnet build` makes it with the same options: network
    "cooccurrence" (a Graph; window "sentence", "paragraph", "document"
    or a number of tokens) or "acts-on" (a MultiDiGraph, edges keyed by
    relation id); evidence=K keeps K example sentences per edge; the
    filters types, min_mentions, min_weight, ego/radius, top, giant; with
    measures ("all" or names) the centralities and the community as node
    attributes (communities: "leiden" by default then, "louvain" or
    "none"); layout=True adds the x / y positions.  Nodes are keyed by
    their id; graph, node and edge attributes are all of actnet's."""
    import networkx as nx
    net = _network(paths, network, window, rules, evidence, places, negated,
                   hedged, collapse, strict, types, min_mentions, min_weight,
                   ego, radius, top, giant)
    mask = _measure_mask(measures)
    if communities is None:
        communities = 'leiden' if measures else 'none'
    if mask or communities != 'none':
        _analyse(net, mask, communities)
    if layout:
        net.call(lib.actnet_network_layout)
    p = net._p
    directed = lib.actnet_network_is_directed(p)
    n = lib.actnet_network_node_count(p)
    m = lib.actnet_network_edge_count(p)
    g = nx.MultiDiGraph() if directed else nx.Graph()
    g.graph.update(net.rows(_lib.ATTR_GRAPH, 1)[0])
    nodes = net.rows(_lib.ATTR_NODE, n)
    keys = [d.get('id', f'n{v}') for v, d in enumerate(nodes)]
    g.add_nodes_from(zip(keys, nodes))
    a, b = c_size_t(), c_size_t()
    for e, d in enumerate(net.rows(_lib.ATTR_EDGE, m)):
        lib.actnet_network_edge_ends(p, e, byref(a), byref(b))
        if directed:
            g.add_edge(keys[a.value], keys[b.value],
                       key=d.get('relation', d.get('relations', e)), **d)
        else:
            g.add_edge(keys[a.value], keys[b.value], **d)
    return g


def rank(paths, by='pagerank', top=20, show_types=None, communities=None,
         network='cooccurrence', window=None, rules=None, places=False,
         negated=False, hedged=True, collapse=False, types=None,
         min_mentions=0, min_weight=0, ego=None, radius=1, filter_top=0,
         giant=False, strict=False):
    """Who is central: the rows of `actnet rank --format json` as dicts
    (rank, id, label, type, every measure of by, community when asked
    for), sorted by the first measure of by (highest first, ties by id),
    the first `top` of them (0: all).  by is a measure name or a list of
    them; show_types keeps rows of these types only (the measures stay
    those of the whole network); the network options and filters are
    build's (filter_top is build's top).  paths may also be one GraphML
    file written by actnet build (a name ending in .graphml), as for
    `actnet rank FILE.graphml`."""
    if isinstance(by, str):
        by = by.split(',')
    by = list(by)
    if not by:
        raise _usage('by: give at least one measure')
    net = _network(paths, network, window, rules, 0, places, negated,
                   hedged, collapse, strict, types, min_mentions, min_weight,
                   ego, radius, filter_top, giant)
    for m in by:
        code = _parse(lib.actnet_measure_parse, m, 'measure')
        if not lib.actnet_network_measure_applies(net._p, code):
            raise _usage(f'by {m}: not defined for this network; it needs '
                         'the directed acts-on network')
    _analyse(net, _measure_mask(by), communities)
    n = lib.actnet_network_node_count(net._p)
    nodes = net.rows(_lib.ATTR_NODE, n)
    if show_types:
        if isinstance(show_types, str):
            show_types = show_types.split(',')
        want = {'organisation' if t == 'organization' else t
                for t in show_types}
        nodes = [d for d in nodes if d.get('type') in want]
    key = by[0]

    def order(d):
        x = float(d[key])
        return (math.isnan(x), -x if not math.isnan(x) else 0,
                d.get('id', '').encode())
    nodes.sort(key=order)
    if top:
        nodes = nodes[:top]
    rows = []
    for i, d in enumerate(nodes, 1):
        row = {'rank': i, 'id': d.get('id'), 'label': d.get('label', ''),
               'type': d.get('type', '')}
        for m in by:
            row[m] = float(d[m])
        if communities and communities != 'none':
            row['community'] = d['community']
        rows.append(row)
    return rows
