#!/usr/bin/env python3
"""gen_cameo_verbs.py - generates rules/relations_cameo.yaml.

The verbs of the CAMEO 2.0 verb dictionary of PETRARCH-2 as relations of
the acts-on network: "X denounced Y" is an event X -> Y with CAMEO code
111 because DENOUNCE sits in a verb block coded [111].  The hand-made
relations.yaml comes first (files load in name order) and wins: a verb
it already has is left out here, so every phrase has one relation.

Source: CAMEO.2.0.txt of openeventdata/petrarch2 (commit 676801c, 2019,
petrarch2/data/dictionaries/), copyright Open Event Data Alliance,
licensed MIT; a copy is in ../shared/data/petrarch/.  The output header
repeats the notice.

The mapping (module cameo_verbs.py, which the .verbs reader of the
rules compiler follows too):
  * A verb block `--- NAME [CODE] ---` with its verbs becomes one
    relation per code: the block's code for its verbs without a code of
    their own, and one relation per other code a verb carries
    (`ACCUSE [112]` in a block coded [110]).  Ids are
    `cameo-CODE-name` (name: the block name in lower case).  The class
    is CAMEO's quad class of the code; the polarity follows the hand-made
    relations (01-02 neutral, 03-09 cooperative but 09 investigate
    neutral, 10-20 hostile).
  * A verb is its lemma in lower case, `_` read as a space; `+` marks
    the word that inflects in a multi-word verb (`+CALL_OFF`), which
    actnet does by stemming every word anyway.  Irregular forms in
    `{...}` that stemming cannot reach (SPED of SPEED) become an
    `inflections:` entry, unless inflections.yaml has them.
  * A pattern `- * WORD... PREP +` (the target right after a
    preposition, nothing before the verb) becomes the verb phrase
    `verb word... prep` of its code, for every verb of the block.

What does not map, and is counted in the header:
  * the null code `---` (a block or verb that codes no event) and codes
    given only for the target (`[:173]`);
  * patterns with words before the verb, a source `$`, a skip `^`, a
    synonym set `&SET`, or a prepositional phrase `(...)` whose object
    is not the target: PETRARCH finds their actors in a parse tree,
    actnet has none (noun events and light verbs cover the common ones);
  * object patterns without a target (`- * DEMONSTRATION [141]`);
  * the synonym sets and the transformations section;
  * CAMEO 01 (make a public statement: estimate, predict, quote,
    repeat, ...): their objects are topics, not actors acted on; 01 is
    kept only where relations.yaml has it by hand (comment, tell, reply);
  * verbs in ``EXCLUDE`` below, each with its reason (read as a noun or
    as a non-event far more often than as the event);
  * a verb that relations.yaml already has (it keeps its own relation),
    or that an earlier block has.

Usage:
  python3 rules/tools/gen_cameo_verbs.py [--verbs FILE] [-o OUT] [--check]

--check compares with the existing output instead of writing it (exit 1
when it differs; 77, skipped, without the source or PyYAML: the meson
test cameo-verbs of suite rules runs it).  Needs PyYAML (python3-yaml) to read relations.yaml and
inflections.yaml.
"""

import argparse
import os
import sys

try:
    import yaml
except ImportError:  # the meson test skips (77) without PyYAML
    yaml = None

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cameo_verbs  # noqa: E402


def shared_data(*parts):
    """The file under the nearest shared/data/ above the repository."""
    d = os.path.dirname(os.path.dirname(HERE))
    for _ in range(4):
        d = os.path.dirname(d)
        cand = os.path.join(d, "shared", "data", *parts)
        if os.path.exists(cand):
            return cand
    return os.path.join("..", "shared", "data", *parts)


DEFAULT_VERBS = shared_data("petrarch", "CAMEO.2.0.txt")
RULES = os.path.join(HERE, "..")
DEFAULT_OUT = os.path.join(RULES, "relations_cameo.yaml")

# Verbs of coded blocks left out, with the reason.  Each was checked on
# ordinary English, not on a development sentence.
EXCLUDE = {
    # nouns or titles far more often than verbs in news
    "minister": "a title (Finance Minister)",
    "head": "a noun (the head of)",
    "host": "relations.yaml has it",
    "post": "a noun (the post of)",
    "station": "a noun",
    "field": "a noun",
    "table": "a noun",
    "house": "a noun (House of Representatives)",
    "party": "a noun",
    "state": "a noun (state-controlled)",
    "people": "a noun",
    "force": "a noun (air force)",
    "arm": "a noun; relations.yaml has it",
    "order": "a noun (court order)",
    "press": "the press; relations.yaml has it",
    "air": "a noun",
    "mark": "a name and a noun",
    "bill": "a noun (a bill) and a name",
    "march": "the month",
    "may": "the month, a modal",
    "will": "a modal",
    "lead": "a noun and 'lead to' is no event",
    "stand": "a noun",
    "note": "a noun; 'noted that' is a statement",
    "sign": "a noun; 'sign' alone takes documents",
    "deal": "a noun (the deal)",
    "cover": "a noun",
    "close": "an adjective",
    "hold": "takes meetings and posts far more often than actors",
    "take": "too general",
    "give": "too general",
    "make": "too general",
    "get": "too general",
    "put": "too general",
    "set": "too general",
    "run": "too general",
    "go": "too general",
    "come": "too general",
    "see": "too general",
    "keep": "too general",
    "leave": "too general",
    "turn": "too general",
    "call": "too general ('called it a ...')",
    "cut": "takes amounts (cut rates) far more often than actors",
    "reach": "takes amounts and places",
    "receive": "the wrong direction (received support from)",
    "follow": "takes events (followed the talks)",
    "meet": "relations.yaml has it",
    "work": "a noun",
    "act": "a noun (an act of)",
    "move": "a noun",
    "return": "a noun; takes places",
    "control": "a noun",
    "fire": "a noun (the fire)",
    "shell": "a company name and a noun; relations.yaml has it",
    "strike": "a noun (a strike)",
    "rally": "a noun; takes markets (shares rallied)",
    "plan": "a noun",
    "offer": "a noun (a share offer)",
    "hope": "a noun; takes clauses",
    "share": "a noun (shares)",
    "stake": "a noun",
    "trade": "a noun; relations.yaml has it",
    "tip": "a noun",
    "sound": "a noun and an adjective",
    "mind": "a noun",
    "eye": "a noun",
    "face": "a noun; 'faces charges' is no act of the subject",
    "back": "an adverb; relations.yaml has it",
    "report": "a noun (a report)",
    "issue": "a noun (the issue)",
    "want": "takes things and clauses",
    "need": "takes things",
    "expect": "takes things and clauses",
    "see": "too general",
    "find": "too general",
    "show": "too general",
    "say": "a statement about, not to, someone",
    "tell": "relations.yaml has it",
    "add": "a statement, not an act",
    "believe": "takes clauses",
    "think": "takes clauses",
    "consider": "takes things and clauses",
    "look": "too general",
    "raise": "takes amounts (raised rates)",
    "pay": "takes amounts",
    "cost": "takes amounts",
    "fall": "takes amounts",
    "rise": "takes amounts",
    "value": "a noun",
    "price": "a noun",
    "rate": "a noun",
    "estimate": "a noun; takes amounts",
    "total": "a noun; takes amounts",
    "bid": "a noun (a takeover bid)",
    "merge": "relations.yaml has it",
    "court": "a noun (a court)",
    "judge": "a noun (a judge)",
    "police": "a noun (the police)",
    "guard": "a noun",
    "escort": "a noun",
    "jail": "a noun; relations.yaml has it",
    "present": "an adjective and a noun",
    "approach": "a noun",
    "address": "a noun; relations.yaml has it",
    "welcome": "relations.yaml has it",
    "mine": "a noun and a pronoun",
    "ship": "a noun",
    "train": "a noun",
    "bus": "a noun",
    "land": "a noun",
    "fly": "relations.yaml has 'fly to'",
    "drive": "a noun",
    "picket": "relations.yaml has it",
    "count": "a noun; takes amounts",
    "vote": "a noun; takes motions",
    "seat": "a noun",
    "chair": "a noun (the chair of)",
    "council": "a noun",
    "official": "a noun",
    "leader": "a noun",
    "envoy": "a noun",
    "protest": "relations.yaml has it",
    "demonstrate": "takes things (demonstrated the need)",
    "signal": "a noun",
    "name": "a noun (the name of)",
    "free": "an adjective (free trade); relations.yaml has it",
    "right": "a noun",
    "fine": "an adjective; economic.yaml has it",
    "charge": "a noun (a charge); relations.yaml has it",
    "book": "a noun",
    "bank": "a noun",
    "fund": "a noun",
    "market": "a noun",
    "stock": "a noun",
    "bond": "a noun",
    "capital": "a noun",
    "interest": "a noun",
    "profit": "a noun",
    "benefit": "a noun",
    "aid": "a noun; its stem is that of aide",
    "help": "relations.yaml has it",
    "pressure": "a noun",
    "promise": "relations.yaml has it",
    "pledge": "relations.yaml has it",
    "threat": "a noun",
    "claim": "a noun; takes things",
    "demand": "relations.yaml has it",
    "request": "relations.yaml has it",
    "appeal": "relations.yaml has 'appeal to'",
    "question": "a noun (a question)",
    "answer": "a noun; relations.yaml has it",
    "cable": "a noun (cable television)",
    "wire": "a noun (a wire service)",
    "assemble": "intransitive: the assembled are no target",
    "arrive": "takes places",
    "gather": "intransitive",
    "travel": "takes places",
    "sail": "takes places",
    "progress": "a noun",
    "prepare": "takes things",
    "intend": "takes clauses",
    "strive": "takes clauses",
    "attempt": "a noun; takes clauses",
    "concern": "a noun (concerns over)",
    "worry": "a noun",
    "suggest": "takes clauses",
    "allow": "takes clauses",
    "decide": "takes clauses",
    "agree": "relations.yaml has 'agree with'",
    "accept": "takes things",
    "open": "an adjective; takes things",
    "end": "a noun; takes things",
    "start": "a noun; takes things",
    "begin": "takes things",
    "stop": "a noun; takes things",
    "halt": "a noun; takes things",
    "suspend": "takes things",
    "extend": "takes things",
    "renew": "takes things",
    "resume": "takes things",
    "continue": "takes things",
    "launch": "takes things (launched a product)",
    "release": "relations.yaml has it; also a noun",
    "deliver": "takes things",
    "provide": "takes things",
    "supply": "relations.yaml has it",
    "sell": "economic.yaml has 'sell to'",
    "buy": "economic.yaml has it",
    "export": "relations.yaml has 'export to'",
    "import": "relations.yaml has 'import from'",
    "invest": "economic.yaml has 'invest in'",
    "lend": "economic.yaml has 'lend to'",
    "loan": "a noun",
    "grant": "a noun; takes things",
    "award": "a noun; takes things",
    "donate": "takes things",
    "contribute": "takes things",
    "spend": "takes amounts",
    "save": "takes amounts",
    "hire": "economic.yaml has it",
    "employ": "takes numbers of staff",
    "use": "too general",
    "try": "a noun; too general",
    "test": "a noun",
    "mount": "takes things",
    "build": "takes things",
    "develop": "takes things",
    "produce": "takes things",
    "win": "takes things (won the election)",
    "lose": "takes things",
    "gain": "takes things",
    "sustain": "takes things",
    "suffer": "takes things",
    "withstand": "takes things",
    "survive": "takes things",
    "escape": "takes places",
    "flee": "takes places",
    "surrender": "a noun",
    "retreat": "a noun",
    "withdraw": "relations.yaml has 'withdraw from'",
    "boycott": "relations.yaml has it",
    "block": "relations.yaml has it",
    "ban": "relations.yaml has it; also a noun",
    "bar": "relations.yaml has it",
    "blast": "relations.yaml has it",
    "bomb": "relations.yaml has it",
    "shoot": "relations.yaml has it",
    "kill": "relations.yaml has it",
    "attack": "relations.yaml has it",
    "storm": "relations.yaml has it",
    "raid": "relations.yaml has it",
    "detain": "relations.yaml has it",
    "arrest": "relations.yaml has it",
    "seize": "relations.yaml has it",
    "capture": "relations.yaml has it",
    "condemn": "relations.yaml has it",
    "criticise": "relations.yaml has it",
    "accuse": "relations.yaml has it",
    "reject": "relations.yaml has it",
    "oppose": "relations.yaml has it",
    "support": "relations.yaml has it",
    "praise": "relations.yaml has it",
    "urge": "relations.yaml has it",
    "warn": "relations.yaml has it",
    "threaten": "relations.yaml has it",
    "expel": "relations.yaml has it",
    "sanction": "relations.yaml has it",
    "visit": "relations.yaml has it",
    "invite": "relations.yaml has it",
    "commandeer": "Snowball stems it as command (another block)",
    "ally": "a noun (a close ally)",
    "rule": "a noun (the rule of law)",
    "favour": "a noun (in favour of)",
    "favor": "a noun (in favor of)",
    "increase": "takes amounts",
    "boost": "takes amounts",
    "join": "takes bodies joined, not acted on",
    "unite": "United in names (Manchester United)",
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--verbs", default=DEFAULT_VERBS)
    ap.add_argument("-o", "--out", default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    if yaml is None or not os.path.exists(a.verbs):
        print(f"{sys.argv[0]}: needs PyYAML (python3-yaml) and {a.verbs}; "
              "skipped", file=sys.stderr)
        return 77

    with open(a.verbs, encoding="utf-8", errors="replace") as f:
        parsed = cameo_verbs.parse(f.read().splitlines())
    hand = set()
    for name in ("relations.yaml", "economic.yaml"):
        p = os.path.join(RULES, name)
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                d = yaml.safe_load(f) or {}
            for r in d.get("relations") or []:
                for v in r.get("verbs") or []:
                    hand.add(cameo_verbs.norm(v))
    with open(os.path.join(RULES, "inflections.yaml"), encoding="utf-8") as f:
        known_forms = {k: set(v) for k, v in
                       (yaml.safe_load(f).get("inflections") or {}).items()}

    rels, infl, stats = cameo_verbs.relations(parsed, hand, EXCLUDE,
                                              known_forms)
    text = render(rels, infl, stats)
    if a.check:
        with open(a.out, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{a.out} differs from what {sys.argv[0]} generates",
                      file=sys.stderr)
                return 1
        return 0
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{a.out}: {len(rels)} relations, "
          f"{sum(len(r['verbs']) for r in rels)} verb phrases",
          file=sys.stderr)
    return 0


def q(s):
    """A YAML flow scalar: plain where safe, else double-quoted."""
    if s and all(c.isalnum() or c in " -'." for c in s) and \
            not s[0] in "-'." and s not in ("yes", "no", "on", "off",
                                            "true", "false", "null"):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(rels, infl, st):
    out = [
        "# relations_cameo.yaml - relations of the acts-on network from the",
        "# verb blocks of the CAMEO 2.0 verb dictionary (actnet default rules):",
        "# \"X denounced Y\" -> X -cameo-111-denounce-> Y.  relations.yaml (hand",
        "# made) comes first and wins; a verb it has is not repeated here.",
        "#",
        "# GENERATED by rules/tools/gen_cameo_verbs.py from CAMEO.2.0.txt",
        "# (openeventdata/petrarch2, commit 676801c, 2019): do not edit by hand.",
        "# Source licence: MIT, Copyright (c) 2015 Open Event Data Alliance:",
        "#   Permission is hereby granted, free of charge, to any person",
        "#   obtaining a copy of this software and associated documentation",
        "#   files (the \"Software\"), to deal in the Software without",
        "#   restriction, including without limitation the rights to use,",
        "#   copy, modify, merge, publish, distribute, sublicense, and/or sell",
        "#   copies of the Software, and to permit persons to whom the",
        "#   Software is furnished to do so, subject to the following",
        "#   conditions: The above copyright notice and this permission notice",
        "#   shall be included in all copies or substantial portions of the",
        "#   Software.  THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF",
        "#   ANY KIND.",
        "#",
        f"# {st['blocks']} verb blocks, {st['coded_blocks']} with a code; "
        f"{st['verbs']} verbs read.",
        f"# Mapped: {st['mapped_verbs']} verbs and {st['mapped_patterns']} "
        f"target patterns, {st['phrases']} phrases.",
        "# Not mapped (see the generator for why): "
        f"{st['null_verbs']} verbs with the null code,",
        f"# {st['cat01']} CAMEO 01 verbs, {st['excluded']} excluded verbs, "
        f"{st['hand']} verbs relations.yaml has,",
        f"# {st['dup']} repeated verbs, {st['target_code']} target-only codes, "
        f"{st['patterns_unmapped']} of {st['patterns']} patterns.",
        "version: 1",
        "",
        "relations:",
    ]
    for r in rels:
        out.append(f"  - id: {r['id']}")
        out.append(f"    label: {q(r['label'])}")
        out.append(f"    polarity: {r['polarity']}")
        out.append(f"    class: {r['class']}")
        out.append(f"    cameo: \"{r['cameo']}\"")
        line = "    verbs: ["
        items = [q(v) for v in r["verbs"]]
        cur = line
        for i, it in enumerate(items):
            piece = it + (", " if i + 1 < len(items) else "]")
            if len(cur) + len(piece.rstrip()) > 76:
                out.append(cur.rstrip())
                cur = "            "
            cur += piece
        out.append(cur)
        out.append(f"    note: CAMEO.2.0 block {r['block']}")
    if infl:
        out.append("")
        out.append("inflections:")
        for lemma in sorted(infl):
            out.append(f"  {q(lemma)}: [{', '.join(q(x) for x in infl[lemma])}]")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
