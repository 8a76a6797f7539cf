"""_lib.py — the ctypes declarations of include/actnet.h that the module
uses, and the loading of the shared library.

The library is found, in this order, at $ACTNET_LIBRARY (a path to
libactnet.so.0: the tests point it at the build tree's), in the library
directory of the installation this module was installed with (_config.py,
written by meson install), and by the dynamic linker's own search
(ctypes.util.find_library).  Structures mirror the C ones field for field;
a change of include/actnet.h must be made here too (the tests read every
field, so a mismatch fails them).
"""
import ctypes
import ctypes.util
import os
from ctypes import (POINTER, Structure, c_char, c_char_p, c_double, c_int,
                    c_int64, c_long, c_size_t, c_uint, c_uint32, c_uint64,
                    c_ulong, c_void_p)

OK, DONE, ERR_NOMEM, ERR_IO, ERR_RULES, ERR_DATA, ERR_USAGE = range(7)


class Error(Structure):
    _fields_ = [('path', c_char * 1024), ('line', c_int), ('column', c_int),
                ('message', c_char * 1024)]


class Entity(Structure):
    _fields_ = [('id', c_char_p), ('label', c_char_p), ('type', c_int),
                ('country', c_char_p), ('kind', c_char_p),
                ('rule_path', c_char_p), ('rule_line', c_int)]


class Document(Structure):
    _fields_ = [('id', c_char_p), ('date', c_char_p), ('text', c_void_p),
                ('len', c_size_t)]


class ReaderOptions(Structure):
    _fields_ = [('text_field', c_char_p), ('id_field', c_char_p),
                ('date_field', c_char_p), ('globs', POINTER(c_char_p)),
                ('max_doc_bytes', c_size_t), ('stdin_jsonl', c_int)]


class Mention(Structure):
    _fields_ = [('start', c_size_t), ('end', c_size_t),
                ('tok_start', c_uint32), ('tok_end', c_uint32),
                ('sentence', c_uint32), ('paragraph', c_uint32),
                ('entity', c_uint32), ('via', c_int)]


class Relation(Structure):
    _fields_ = [('id', c_char_p), ('label', c_char_p), ('polarity', c_int),
                ('cls', c_char_p), ('symmetric', c_int),
                ('rule_path', c_char_p), ('rule_line', c_int),
                ('cameo', c_char_p), ('plover_event', c_char_p),
                ('plover_mode', c_char_p), ('plover_context', c_char_p)]


class Event(Structure):
    _fields_ = [('actor', c_uint32), ('target', c_uint32),
                ('relation', c_uint32), ('sentence', c_uint32),
                ('start', c_size_t), ('end', c_size_t), ('negated', c_int),
                ('hedged', c_int), ('actor_mention', c_uint32),
                ('target_mention', c_uint32), ('media', c_int)]


class Window(Structure):
    _fields_ = [('kind', c_int), ('tokens', c_uint32)]


class CountsOptions(Structure):
    _fields_ = [('network', c_int), ('window', Window),
                ('evidence', c_uint32), ('evidence_bytes', c_size_t),
                ('include_negated', c_int), ('exclude_hedged', c_int),
                ('collapse', c_int), ('places', c_int),
                ('include_media', c_int)]


class CountsStats(Structure):
    _fields_ = [(n, c_uint64) for n in
                ('documents', 'dated', 'bad_dates', 'mentions', 'events',
                 'left_out', 'nodes', 'edges')]


class Filter(Structure):
    _fields_ = [('types', c_uint), ('min_mentions', c_double),
                ('min_weight', c_double), ('ego', c_char_p),
                ('radius', c_int), ('top', c_int64), ('giant', c_int)]


class AnalyseOptions(Structure):
    _fields_ = [('measures', c_uint32), ('community', c_int),
                ('cutoff', c_double), ('sample', c_long), ('seed', c_ulong)]


class AnalyseReport(Structure):
    _fields_ = [('computed', c_uint32), ('skipped', c_uint32),
                ('path_sources', c_int64), ('path_cutoff', c_double),
                ('path_seed', c_ulong), ('communities', c_int64),
                ('modularity', c_double)]


ATTR_GRAPH, ATTR_NODE, ATTR_EDGE = range(3)
ATTR_NUMBER, ATTR_STRING, ATTR_BOOLEAN = range(3)
NETWORK_COOCCURRENCE, NETWORK_ACTS_ON = range(2)

P = c_void_p
PE = POINTER(Error)
# name: (restype, argtypes)
_SIGNATURES = {
    'actnet_error_clear': (None, [PE]),
    'actnet_status_string': (c_char_p, [c_int]),
    'actnet_entity_type_name': (c_char_p, [c_int]),
    'actnet_via_name': (c_char_p, [c_int]),
    'actnet_rules_create': (P, []),
    'actnet_rules_destroy': (None, [P]),
    'actnet_rules_default_dir': (c_char_p, []),
    'actnet_rules_load': (c_int, [P, c_char_p, PE]),
    'actnet_rules_compile': (c_int, [P, PE]),
    'actnet_rules_warning_count': (c_size_t, [P]),
    'actnet_rules_warning': (PE, [P, c_size_t]),
    'actnet_rules_relation': (POINTER(Relation), [P, c_uint32]),
    'actnet_reader_options_init': (None, [POINTER(ReaderOptions)]),
    'actnet_reader_create': (P, [POINTER(ReaderOptions)]),
    'actnet_reader_destroy': (None, [P]),
    'actnet_reader_add': (c_int, [P, c_char_p, PE]),
    'actnet_reader_next': (c_int, [P, POINTER(Document), PE]),
    'actnet_extractor_create': (P, [P]),
    'actnet_extractor_destroy': (None, [P]),
    'actnet_extractor_run': (c_int, [P, POINTER(Document), PE]),
    'actnet_extractor_set_events': (None, [P, c_int]),
    'actnet_extractor_mention_count': (c_size_t, [P]),
    'actnet_extractor_mentions': (POINTER(Mention), [P]),
    'actnet_extractor_entity': (POINTER(Entity), [P, c_uint32]),
    'actnet_extractor_sentence_span': (None, [P, c_size_t,
                                              POINTER(c_size_t),
                                              POINTER(c_size_t)]),
    'actnet_extractor_event_count': (c_size_t, [P]),
    'actnet_extractor_events': (POINTER(Event), [P]),
    'actnet_network_kind_parse': (c_int, [c_char_p, POINTER(c_int)]),
    'actnet_window_parse': (c_int, [c_char_p, POINTER(Window)]),
    'actnet_measure_parse': (c_int, [c_char_p, POINTER(c_int)]),
    'actnet_measure_name': (c_char_p, [c_int]),
    'actnet_community_parse': (c_int, [c_char_p, POINTER(c_int)]),
    'actnet_types_parse': (c_int, [c_char_p, POINTER(c_uint)]),
    'actnet_counts_options_init': (None, [POINTER(CountsOptions)]),
    'actnet_counts_create': (c_int, [POINTER(CountsOptions), POINTER(P),
                                     PE]),
    'actnet_counts_destroy': (None, [P]),
    'actnet_counts_add': (c_int, [P, P, POINTER(Document), PE]),
    'actnet_counts_get_stats': (None, [P, POINTER(CountsStats)]),
    'actnet_network_create': (c_int, [P, POINTER(P), PE]),
    'actnet_network_destroy': (None, [P]),
    'actnet_network_read_graphml': (c_int, [P, c_char_p, POINTER(P), PE]),
    'actnet_filter_init': (None, [POINTER(Filter)]),
    'actnet_network_filter': (c_int, [P, POINTER(Filter), PE]),
    'actnet_analyse_options_init': (None, [POINTER(AnalyseOptions)]),
    'actnet_network_analyse': (c_int, [P, POINTER(AnalyseOptions),
                                       POINTER(AnalyseReport), PE]),
    'actnet_network_measure_applies': (c_int, [P, c_int]),
    'actnet_network_layout': (c_int, [P, PE]),
    'actnet_network_is_directed': (c_int, [P]),
    'actnet_network_node_count': (c_size_t, [P]),
    'actnet_network_edge_count': (c_size_t, [P]),
    'actnet_network_edge_ends': (c_int, [P, c_size_t, POINTER(c_size_t),
                                         POINTER(c_size_t)]),
    'actnet_network_attr_count': (c_size_t, [P, c_int]),
    'actnet_network_attr_name': (c_char_p, [P, c_int, c_size_t]),
    'actnet_network_attr_type': (c_int, [P, c_int, c_size_t]),
    'actnet_network_attr_number': (c_double, [P, c_int, c_size_t,
                                              c_size_t]),
    'actnet_network_attr_string': (c_char_p, [P, c_int, c_size_t,
                                              c_size_t]),
    'actnet_network_attr_boolean': (c_int, [P, c_int, c_size_t, c_size_t]),
}


def _candidates():
    env = os.environ.get('ACTNET_LIBRARY')
    if env:
        yield env
        return
    try:
        from . import _config
        yield os.path.join(_config.LIBDIR, 'libactnet.so.0')
    except ImportError:
        pass
    found = ctypes.util.find_library('actnet')
    if found:
        yield found
    yield 'libactnet.so.0'


def _load():
    tried = []
    for path in _candidates():
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            tried.append(f'{path} ({e})')
            continue
        for name, (res, args) in _SIGNATURES.items():
            f = getattr(lib, name)
            f.restype = res
            f.argtypes = args
        return lib
    raise ImportError('actnet: cannot load the shared library libactnet: '
                      'tried ' + '; '.join(tried) + '.  Install actnet '
                      '(meson install) or set ACTNET_LIBRARY to the path '
                      'of libactnet.so.0')


lib = _load()

# The C library's stdio, for the API calls that read a FILE *.
libc = ctypes.CDLL(None)
libc.fopen.restype = c_void_p
libc.fopen.argtypes = [c_char_p, c_char_p]
libc.fclose.restype = c_int
libc.fclose.argtypes = [c_void_p]
