#!/usr/bin/env python3
"""gen_countries.py - generates rules/countries.yaml.

Sources (both open data):
  * Debian's iso-codes package (/usr/share/iso-codes/json/iso_3166-1.json
    and iso_3166-3.json; LGPL-2.1+): alpha-3 codes (the entity ids),
    names, official names, common names, withdrawn (historic) codes.
  * the npm package world-countries (ODbL-1.0, (c) Mohammed Le Doze and
    contributors): common and official names, alternative spellings,
    English demonyms, capitals.  Install it outside the repository, e.g.
    `mkdir /tmp/wc && cd /tmp/wc && npm install world-countries`.
  * countries_extra.py beside this script: hand-written overrides.

Usage:
  python3 rules/tools/gen_countries.py [--world-countries PATH]
      [--iso-codes DIR] [-o rules/countries.yaml] [--check]

--check compares with the existing output instead of writing it (exit 1
when it differs).  Python 3 standard library only.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import countries_extra as X  # noqa: E402

DEFAULT_WC = [
    "/tmp/wc/node_modules/world-countries/countries.json",
    os.path.join(os.getcwd(), "node_modules/world-countries/countries.json"),
]

MARKER = re.compile(
    r"\b(Republic|Kingdom|State|States|Commonwealth|Federation|"
    r"Confederation|Union|Islands?|Principality|Duchy|Territory|"
    r"Sultanate|Emirates|Department|Collectivity|Bailiwick|Federated)\b")

# Demonyms whose plural is not formed with -s (or is not used).
NO_PLURAL = {"French", "Dutch", "Swiss", "Irish", "British", "Manx", "Lao",
             "Vatican", "Malagasy", "Burkinabe", "Burkinabè", "Motswana",
             "Mosotho", "Basotho", "Ni-Vanuatu", "I-Kiribati", "Philippine",
             "Turkmen", "Gibraltar", "Djibouti", "Thai"}

YAML_SPECIAL = {"y", "n", "yes", "no", "true", "false", "on", "off",
                "null", "~"}


def fold_ascii(s):
    """s without diacritics (Bogotá -> Bogota); other letters kept."""
    out = []
    for ch in unicodedata.normalize("NFKD", s):
        if unicodedata.combining(ch):
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def is_latin(s):
    for ch in s:
        if ch.isalpha() and not ("LATIN" in unicodedata.name(ch, "")):
            return False
        if ch in "ʻʾʿ‘’ʼ":
            return False
    return True


def plural(d):
    last = d.split()[-1]
    if d in NO_PLURAL or last in NO_PLURAL:
        return None
    if re.search(r"(s|z|x|sh|ese|ic)$", last):
        return None
    if last.endswith("ch") and last != "Czech":
        return None
    return d + "s"


def keep_alt(a):
    if a in X.KEEP_ALT:
        return True
    if "," in a or "(" in a or not is_latin(a):
        return False
    return bool(MARKER.search(a))


def q(s):
    """A YAML scalar: plain when safe, else double-quoted (JSON syntax)."""
    plain = (s and s[0].isalpha() and s.lower() not in YAML_SPECIAL
             and all(c.isalnum() or c in " .'-&" for c in s)
             and not s.endswith(" ") and "  " not in s)
    return s if plain else json.dumps(s, ensure_ascii=False)


def flow(items):
    return "[" + ", ".join(q(i) for i in items) + "]"


def variants(s):
    """s, its ASCII-folded form, and St/St. forms of Saint."""
    out = [s]
    f = fold_ascii(s)
    if f != s:
        out.append(f)
    for v in list(out):
        if v.startswith("Saint "):
            out.append("St " + v[6:])
            out.append("St. " + v[6:])
    return out


def add(lst, seen, items, dropped, cid=None):
    for it in items:
        if it in X.DROP_FOR.get(cid, ()):
            dropped.add(it)
            continue
        for v in variants(it):
            v = v.strip()
            if v in X.DROP:
                dropped.add(v)
                continue
            if v.startswith("The ") or v.startswith("the "):
                v = v[4:]
            if not v:
                continue
            if v in X.DROP:
                dropped.add(v)
                continue
            if v in seen:
                continue
            seen.add(v)
            lst.append(v)


def split_demonym(d):
    parts = []
    for p in re.split(r",\s*|\s+or\s+", d or ""):
        p = p.strip()
        if p:
            parts.append(p)
    return parts


def build_entity(cid, name, names, alts, demonyms, capitals):
    seen = {name}
    dropped = set()
    ent = {"id": cid, "name": name, "aliases": [], "adjectives": [],
           "metonyms": []}
    add(ent["aliases"], seen, names + X.ALIASES.get(cid, []), dropped, cid)
    add(ent["aliases"], seen, [a for a in alts if keep_alt(a)], dropped,
        cid)
    if " and " in name:
        add(ent["aliases"], seen, [name.replace(" and ", " & ")], dropped)
    adjs = []
    lost = []
    for d in demonyms + X.ADJECTIVES.get(cid, []):
        owner = X.DEMONYM_OWNER.get(d)
        if d in X.DROP:
            dropped.add(d)
            continue
        if owner and owner != cid:
            lost.append(d)
            continue
        adjs.append(d)
        p = plural(d)
        if p:
            adjs.append(p)
    add(ent["adjectives"], seen, adjs, dropped)
    caps = [c for c in capitals if c != name]
    if cid == "BEL":
        caps = [c for c in caps if c != "Brussels"]
    add(ent["metonyms"], seen, caps + X.METONYMS.get(cid, []), dropped,
        cid)
    notes = []
    if X.NOTES.get(cid):
        notes.append(X.NOTES[cid])
    if lost:
        notes.append("demonym %s left to another entity." % ", ".join(lost))
    real = sorted(d for d in dropped if d in X.DROP)
    if real:
        notes.append("dropped: " + "; ".join(
            "%s (%s)" % (d, X.DROP[d]) for d in real))
    local = sorted(d for d in dropped if d in X.DROP_FOR.get(cid, {}))
    if local:
        notes.append("dropped: " + "; ".join(
            "%s (%s)" % (d, X.DROP_FOR[cid][d]) for d in local))
    ent["note"] = " ".join(notes)
    return ent


def phrase_days(cid, ph):
    """The days (from, until; None open) phrase ph names entity cid: the
    entity's validity and the phrase's (countries_extra.py) together."""
    ef, eu = X.VALID.get(cid, (None, None))
    pf, pu = X.PHRASE_VALID.get(cid, {}).get(ph, (None, None))
    f = max([d for d in (ef, pf) if d], default=None)
    u = min([d for d in (eu, pu) if d], default=None)
    return f, u


def overlap(a, b):
    lo = max([d for d in (a[0], b[0]) if d], default=None)
    hi = min([d for d in (a[1], b[1]) if d], default=None)
    return lo is None or hi is None or lo <= hi


def phrase_item(cid, ph):
    """ph as a YAML flow item: plain, or a mapping with its validity."""
    v = X.PHRASE_VALID.get(cid, {}).get(ph)
    if not v:
        return q(ph)
    parts = ["phrase: " + q(ph)]
    if v[0]:
        parts.append("from: " + v[0])
    if v[1]:
        parts.append("until: " + v[1])
    return "{" + ", ".join(parts) + "}"


def load_world_countries(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    by = {}
    for c in data:
        cid = "XKX" if c["cca3"] == "UNK" else c["cca3"]
        by[cid] = c
    version = "unknown"
    pj = os.path.join(os.path.dirname(path), "package.json")
    if os.path.exists(pj):
        with open(pj, encoding="utf-8") as f:
            version = json.load(f).get("version", "unknown")
    return by, version


def iso_codes_version():
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}",
                              "iso-codes"], capture_output=True, text=True,
                             check=False)
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def generate(iso_dir, wc_path):
    with open(os.path.join(iso_dir, "iso_3166-1.json"), encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]
    with open(os.path.join(iso_dir, "iso_3166-3.json"), encoding="utf-8") as f:
        iso3 = {c["alpha_3"]: c for c in json.load(f)["3166-3"]}
    wc, wc_version = load_world_countries(wc_path)

    ents = []
    ids = sorted({c["alpha_3"] for c in iso} | {"XKX"})
    iso_by = {c["alpha_3"]: c for c in iso}
    for cid in ids:
        ic = iso_by.get(cid, {})
        w = wc.get(cid)
        names = []
        for k in ("name", "official_name", "common_name"):
            v = ic.get(k)
            if v and "," not in v and "(" not in v:
                names.append(v)
        alts, dem, caps = [], [], []
        if w:
            for v in (w["name"]["common"], w["name"]["official"]):
                if "," not in v and "(" not in v:
                    names.append(v)
            alts = w.get("altSpellings", [])
            e = w.get("demonyms", {}).get("eng", {})
            for g in ("m", "f"):
                for d in split_demonym(e.get(g)):
                    if d not in dem:
                        dem.append(d)
            caps = list(w.get("capital", []))
        name = X.NAME.get(cid) or (w["name"]["common"] if w else
                                   ic.get("common_name") or ic["name"])
        dem = [d for d in dem if d != name]
        ents.append(build_entity(cid, name, names, alts, dem, caps))

    for cid, name in sorted(X.HISTORIC.items()):
        if cid not in iso3:
            raise SystemExit("historic code %s not in iso_3166-3" % cid)
        ents.append(build_entity(cid, name, [], [],
                                 [], []))
    for e in X.EXTRA_COUNTRIES:
        ent = build_entity(e["id"], e["name"], e["aliases"], [],
                           e["adjectives"], e["metonyms"])
        ent["note"] = (e["note"] + " " + ent["note"]).strip()
        ents.append(ent)

    # Every phrase must belong to one entity only on any day.
    owner = {}
    clashes = []
    for ent in ents:
        for ph in [ent["name"]] + ent["aliases"] + ent["adjectives"] + \
                ent["metonyms"]:
            days = phrase_days(ent["id"], ph)
            for other, odays in owner.get(ph, []):
                if other != ent["id"] and overlap(days, odays):
                    clashes.append("%s: %s and %s" % (ph, other, ent["id"]))
            owner.setdefault(ph, []).append((ent["id"], days))
    for cid, phs in X.PHRASE_VALID.items():
        ent = next((e for e in ents if e["id"] == cid), None)
        have = set(ent["aliases"] + ent["adjectives"] + ent["metonyms"]) \
            if ent else set()
        for ph in phs:
            if ph not in have:
                clashes.append("PHRASE_VALID %s: %s is no alias, adjective "
                               "or metonym of it" % (cid, ph))
    if clashes:
        raise SystemExit("phrases shared by two countries (resolve them in "
                         "countries_extra.py):\n  " + "\n  ".join(clashes))
    return ents, wc_version


def render(ents, wc_version, iso_version):
    n_phr = sum(1 + len(e["aliases"]) + len(e["adjectives"]) +
                len(e["metonyms"]) for e in ents)
    out = []
    w = out.append
    w("# countries.yaml - countries, other states and territories (actnet "
      "default rules).")
    w("#")
    w("# GENERATED by rules/tools/gen_countries.py: do not edit by hand; "
      "change")
    w("# rules/tools/countries_extra.py (or the script) and regenerate.")
    w("#")
    w("# Sources and licences:")
    w("#  - Debian iso-codes %s, iso_3166-1.json and iso_3166-3.json "
      "(LGPL-2.1+):" % iso_version)
    w("#    ISO 3166-1 alpha-3 codes (the ids), names, official and common "
      "names.")
    w("#  - world-countries %s by Mohammed Le Doze and contributors,"
      % wc_version)
    w("#    https://github.com/mledoze/countries, made available under the "
      "Open")
    w("#    Database License (ODbL) 1.0, https://opendatacommons.org/"
      "licenses/odbl/1.0/:")
    w("#    alternative spellings, English demonyms, capitals.  This file "
      "is a")
    w("#    derived database and is shared under the same licence (ODbL "
      "1.0).")
    w("#  - rules/tools/countries_extra.py: short forms, extra adjectives, "
      "seats of")
    w("#    power, states outside ISO 3166-1, written by hand (MIT).")
    w("#")
    w("# %d entities, %d phrases.  Matching is case-sensitive." %
      (len(ents), n_phr))
    w("version: 1")
    w("description: countries, states and territories with their names, "
      "demonyms and capitals")
    w("entities:")
    for e in ents:
        w("  - id: %s" % e["id"])
        w("    type: country")
        w("    name: %s" % q(e["name"]))
        ef, eu = X.VALID.get(e["id"], (None, None))
        if ef:
            w("    from: %s" % ef)
        if eu:
            w("    until: %s" % eu)
        for k in ("aliases", "adjectives", "metonyms"):
            if e[k]:
                w("    %s: [%s]" % (k, ", ".join(phrase_item(e["id"], p)
                                              for p in e[k])))
        if e["note"]:
            w("    note: %s" % json.dumps(e["note"], ensure_ascii=False))
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--world-countries", help="world-countries "
                    "countries.json")
    ap.add_argument("--iso-codes", default="/usr/share/iso-codes/json")
    ap.add_argument("-o", "--output",
                    default=os.path.join(HERE, "..", "countries.yaml"))
    ap.add_argument("--check", action="store_true",
                    help="compare with the output file, do not write")
    a = ap.parse_args()
    wc = a.world_countries
    if not wc:
        wc = next((p for p in DEFAULT_WC if os.path.exists(p)), None)
    if not wc or not os.path.exists(wc):
        sys.exit("world-countries not found: install it with `npm install "
                 "world-countries` in a scratch directory and pass "
                 "--world-countries PATH/node_modules/world-countries/"
                 "countries.json")
    ents, wc_version = generate(a.iso_codes, wc)
    text = render(ents, wc_version, iso_codes_version())
    if a.check:
        with open(a.output, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit("%s is out of date: run %s" % (a.output,
                                                         sys.argv[0]))
        return
    with open(a.output, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote %s: %d entities" % (os.path.normpath(a.output), len(ents)))


if __name__ == "__main__":
    main()
