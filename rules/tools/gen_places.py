#!/usr/bin/env python3
"""gen_places.py - generates rules/places.yaml: the first-level
subdivisions of the world's countries (states, provinces, regions,
prefectures, governorates, ...) as entities of type place with their
country.

Source: Debian's iso-codes package, /usr/share/iso-codes/json/
iso_3166-2.json (subdivision codes, names, types) and iso_3166-1.json
(alpha-2 -> alpha-3), LGPL-2.1+.  Python 3 standard library only.

Ambiguity rules (each skipped name is counted in the file's header):
  * only subdivision types that are regions of a state (State, Province,
    Region, ...), not districts, municipalities, counties or parishes,
    which are many and often common words;
  * a name that another rule already has (a country's name, alias,
    adjective or metonym: Georgia, Washington; an organisation, a person,
    an ignore phrase such as New Mexico) is left to that rule: the list of
    phrases is read with `actnet check-rules --list-aliases` on the other
    rule files;
  * a name that subdivisions of two countries share (Punjab, Limburg,
    Luxembourg) is left out: no country can be told;
  * one-word names that are common English words or compass words
    (Central, Northern, Eastern, Capital, Rivers, ...), given names of
    first_names.yaml, and names of one or two letters are left out;
  * names with commas or brackets (ISO's "Name, City of") and names not
    in Latin letters are left out; an ASCII form (Québec -> Quebec) is
    added.

Usage: python3 rules/tools/gen_places.py [--actnet build/actnet]
           [-o rules/places.yaml] [--check]
"""

import argparse
import json
import os
import subprocess
import sys
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
RULES = os.path.normpath(os.path.join(HERE, ".."))

TYPES = {
    "State", "Province", "Region", "Prefecture", "Governorate", "Emirate",
    "Canton", "Land", "Country", "Republic", "Oblast", "Voivodship",
    "Autonomous region", "Autonomous community", "Autonomous republic",
    "Autonomous province", "Autonomous district", "Federal district",
    "Federal territory", "Territory", "Union territory", "Capital district",
    "Capital territory", "Capital city", "Regional state", "Nation",
    "Administrative region", "Special administrative region",
    "Metropolitan region", "Overseas region", "Overseas department",
    "Autonomous city", "Autonomous city in north africa", "Entity",
    "Division", "Administrative territory", "Geographical region",
}

GENERIC = {
    "Central", "North", "South", "East", "West", "Northern", "Southern",
    "Eastern", "Western", "Upper", "Lower", "Capital", "Coast", "Coastal",
    "Lakes", "Islands", "Island", "Mountain", "Plateau", "Highlands",
    "Centre", "Center", "Littoral", "Interior", "Borders", "Border",
    "Savannah", "Savanes", "Plateaux", "Maritime", "Lagunes", "Lacs",
    "Sud", "Nord", "Est", "Ouest", "Centro", "Oriental", "Occidental",
    "Orientale", "Frontier", "Valley", "Delta", "River", "Sea", "Lake",
    "Red Sea", "Nile", "Blue Nile", "White Nile", "Distrito Federal",
    "Federal District", "Capital District", "Capital Territory",
    "Northern Region", "Southern Region", "Eastern Region",
    "Western Region", "Central Region", "North East", "North West",
    "South East", "South West", "Far North", "Upper East", "Upper West",
    "Greater Accra", "Mayo", "Cork", "Victoria", "Georgia", "Jersey",
    "Amazonas", "Bolivar", "Sucre", "Santiago", "La Paz", "Panama",
    "Guatemala", "Mexico", "Distrito Capital", "Madrid", "Kabul",
    "Colon", "Colón", "Cordoba", "Córdoba", "Florida", "Santa Fe",
    "Tucuman", "Bay", "Hawaii", "Union", "Plains", "Islands Region",
    "Tree", "Apure", "Mono", "Likes", "Lima", "Nice", "Grand", "Hope",
    "Chad", "Male", "Same", "Bar", "Ha", "Ga", "Bo", "Rivers", "Unity",
}


def given_names():
    """The given names of first_names.yaml: a place named like one
    (Rivers, Alberta?) is left out, persons come first."""
    import re
    names = set()
    with open(os.path.join(RULES, "first_names.yaml"), encoding="utf-8") as f:
        for w in re.findall(r"[A-Z][\w'-]+", f.read()):
            names.add(w)
    return names


def fold_ascii(s):
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFKD", s)
        if not unicodedata.combining(c)))


def is_latin(s):
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "")
               for c in s)


def q(s):
    safe = (s and s[0].isalpha() and all(c.isalnum() or c in " .'-"
                                         for c in s)
            and s.lower() not in {"yes", "no", "on", "off", "true",
                                  "false", "null", "y", "n"})
    return s if safe else json.dumps(s, ensure_ascii=False)


def other_phrases(actnet):
    """Every phrase of the other rule files (not places.yaml)."""
    files = sorted(os.path.join(RULES, f) for f in os.listdir(RULES)
                   if f.endswith(".yaml") and f != "places.yaml")
    out = subprocess.run([actnet, "check-rules", "--quiet",
                          "--list-aliases"] + files, capture_output=True,
                         text=True, check=True).stdout
    return {line for line in out.split("\n") if line}


def iso_version():
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}",
                               "iso-codes"], capture_output=True, text=True,
                              check=False).stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def country_ids():
    ids = set()
    with open(os.path.join(RULES, "countries.yaml"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("  - id: "):
                ids.add(line[8:].strip())
    return ids


def generate(iso_dir, actnet):
    with open(os.path.join(iso_dir, "iso_3166-1.json"), encoding="utf-8") as f:
        a3 = {c["alpha_2"]: c["alpha_3"] for c in json.load(f)["3166-1"]}
    with open(os.path.join(iso_dir, "iso_3166-2.json"), encoding="utf-8") as f:
        subs = json.load(f)["3166-2"]
    taken = other_phrases(actnet)
    given = given_names()
    known = country_ids()
    skipped = defaultdict(int)
    by_name = defaultdict(set)
    cand = []
    for s in subs:
        if s["type"] not in TYPES or "parent" in s:
            continue
        name = s["name"].strip()
        cc = a3.get(s["code"].split("-")[0])
        if cc == "XKX" or cc not in known:
            skipped["country not in countries.yaml"] += 1
            continue
        if "," in name or "(" in name or "[" in name or not is_latin(name):
            skipped["comma, bracket or not Latin"] += 1
            continue
        if name in GENERIC or len(name) < 3 or name in given:
            skipped["generic word or too short"] += 1
            continue
        cand.append((s["code"], name, cc))
        by_name[name].add(cc)
        if fold_ascii(name) != name:
            by_name[fold_ascii(name)].add(cc)
    ents = []
    seen = set()
    for code, name, cc in sorted(cand):
        forms = [name] + ([fold_ascii(name)] if fold_ascii(name) != name
                          else [])
        if any(len(by_name[f]) > 1 for f in forms):
            skipped["name of subdivisions of two countries"] += 1
            continue
        if any(f in taken for f in forms):
            skipped["phrase of another rule"] += 1
            continue
        if any(f in seen for f in forms):
            skipped["repeated within a country"] += 1
            continue
        seen.update(forms)
        ents.append((code, forms[0], forms[1:], cc))
    return ents, skipped


def render(ents, skipped):
    w = []
    w.append("# places.yaml - first-level subdivisions of the world's "
             "countries (actnet default rules).")
    w.append("#")
    w.append("# GENERATED by rules/tools/gen_places.py: do not edit by "
             "hand; change the script")
    w.append("# and regenerate.")
    w.append("#")
    w.append("# Source and licence: Debian iso-codes %s, iso_3166-2.json "
             "and" % iso_version())
    w.append("# iso_3166-1.json (LGPL-2.1+): subdivision codes (the ids), "
             "names, types.")
    w.append("# The ambiguity rules are in the script's docstring.")
    w.append("#")
    w.append("# %d places.  Left out: %s." % (len(ents), "; ".join(
        "%d %s" % (n, k) for k, n in sorted(skipped.items()))))
    w.append("version: 1")
    w.append("description: states, provinces and regions of the world "
             "(ISO 3166-2), as places")
    w.append("entities:")
    for code, name, aliases, cc in ents:
        line = "  - {id: %s, type: place, name: %s, country: %s" % (
            code, q(name), cc)
        if aliases:
            line += ", aliases: [%s]" % ", ".join(q(a) for a in aliases)
        w.append(line + "}")
    return "\n".join(w) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--iso-codes", default="/usr/share/iso-codes/json")
    ap.add_argument("--actnet", default=os.path.join(RULES, "..", "build",
                                                     "actnet"))
    ap.add_argument("-o", "--output", default=os.path.join(RULES,
                                                           "places.yaml"))
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    ents, skipped = generate(a.iso_codes, a.actnet)
    text = render(ents, skipped)
    if a.check:
        with open(a.output, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit("%s is out of date: run %s" % (a.output,
                                                         sys.argv[0]))
        return
    with open(a.output, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote %s: %d places" % (os.path.normpath(a.output), len(ents)))


if __name__ == "__main__":
    main()
