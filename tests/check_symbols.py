#!/usr/bin/env python3
"""check_symbols.py -- the shared library exports its API and nothing else.

Every dynamic symbol that libactnet.so defines must be a function that
include/actnet.h declares with ACTNET_API, and every such declaration
must be exported: an internal an_ function that leaks, or a public one
whose definition lost its visibility, fails here rather than in a user's
link.  Prints the counts.

Usage: check_symbols.py LIBACTNET_SO ACTNET_H
"""
import re
import subprocess
import sys


def declared(header):
    """The names of the functions the header marks ACTNET_API."""
    text = open(header, encoding='utf-8').read()
    # drop comments, then take the identifier before the first '(' of
    # each declaration that follows the marker
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    text = re.sub(r'^\s*#.*$', ' ', text, flags=re.M)
    names = set()
    for m in re.finditer(r'\bACTNET_API\b([^;(]*)\(', text):
        ident = re.findall(r'[A-Za-z_]\w*', m.group(1))
        if ident:
            names.add(ident[-1])
    return names


def exported(lib):
    """The symbols the shared library defines for others."""
    out = subprocess.run(['nm', '-D', '--defined-only', lib], check=True,
                         capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in 'TDBRWVuiG':
            names.add(parts[2].split('@')[0])
    return names


def main():
    lib, header = sys.argv[1], sys.argv[2]
    want, have = declared(header), exported(lib)
    fail = False
    foreign = sorted(n for n in have if not n.startswith('actnet_'))
    if foreign:
        fail = True
        print('FAIL: exported without the actnet_ prefix: '
              + ', '.join(foreign[:20]) + (' ...' if len(foreign) > 20 else ''))
    extra = sorted(n for n in have - want if n.startswith('actnet_'))
    if extra:
        fail = True
        print('FAIL: exported but not declared ACTNET_API in actnet.h: '
              + ', '.join(extra))
    missing = sorted(want - have)
    if missing:
        fail = True
        print('FAIL: declared ACTNET_API but not exported (no definition, '
              'or the definition does not see the declaration): '
              + ', '.join(missing))
    if not want:
        fail = True
        print('FAIL: no ACTNET_API declaration found in ' + header)
    print('%d functions declared, %d symbols exported' % (len(want), len(have)))
    return 1 if fail else 0


if __name__ == '__main__':
    sys.exit(main())
