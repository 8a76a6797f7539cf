#!/usr/bin/env python3
"""embed_template.py TEMPLATE OUTPUT.c NAME MARKER

Writes a C file defining `const char NAME[]` (the bytes of TEMPLATE,
NUL-terminated) and `const size_t NAME_len`, so the library carries the
report's page in itself and an installed actnet needs no data file to
write a report.  Fails when TEMPLATE lacks MARKER exactly once (the place
where the writer puts the data) or holds a NUL byte.
"""
import sys


def main():
    src, out, name, marker = sys.argv[1:5]
    data = open(src, "rb").read()
    if data.count(marker.encode()) != 1:
        sys.exit("%s: the marker %s must occur exactly once" % (src, marker))
    if b"\0" in data:
        sys.exit("%s: a NUL byte in the template" % src)
    lines = ["/* Made from %s by embed_template.py; do not edit. */"
             % src.rsplit("/", 1)[-1],
             "#include <stddef.h>",
             "extern const char %s[];" % name,
             "extern const size_t %s_len;" % name,
             "const char %s[] = {" % name]
    for i in range(0, len(data), 16):
        # bytes above 0x7f cast: char may be signed (UTF-8 in the page)
        lines.append(", ".join(("0x%02x" if b < 0x80 else "(char)0x%02x") % b
                               for b in data[i:i + 16]) + ",")
    lines.append("0};")
    lines.append("const size_t %s_len = %d;" % (name, len(data)))
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
