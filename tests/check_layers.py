#!/usr/bin/env python3
"""check_layers.py — fails when a source file includes a layer above its own.

The folders of src/ are layers (doc/DESIGN.md): core < text < input <
rules < extract < net < write < api < cli.  A file may include headers of its
own folder and of the folders below it, never above, so no include cycle
between folders can form.  Usage: check_layers.py SOURCE_ROOT.  Prints
each offending line as path:line and exits 1, or exits 0.
"""
import os
import re
import sys

ORDER = ['core', 'text', 'input', 'rules', 'extract', 'net', 'write', 'api', 'cli']
RANK = {d: i for i, d in enumerate(ORDER)}
INCLUDE = re.compile(r'\s*#\s*include\s+"([A-Za-z_]+)/')


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else '.'
    bad = []
    src = os.path.join(root, 'src')
    unknown = sorted(d for d in os.listdir(src)
                     if os.path.isdir(os.path.join(src, d)) and d not in RANK)
    for d in unknown:
        bad.append(f'src/{d}/: a folder that is no layer; add it to ORDER '
                   f'in tests/check_layers.py and to doc/DESIGN.md')
    for d in ORDER:
        path = os.path.join(src, d)
        if not os.path.isdir(path):
            continue
        for f in sorted(os.listdir(path)):
            if not f.endswith(('.c', '.h')):
                continue
            with open(os.path.join(path, f), encoding='utf-8') as fp:
                for n, line in enumerate(fp, 1):
                    m = INCLUDE.match(line)
                    if m and m.group(1) in RANK and RANK[m.group(1)] > RANK[d]:
                        bad.append(f'src/{d}/{f}:{n}: includes {m.group(1)}/, '
                                   f'a layer above {d}/')
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
