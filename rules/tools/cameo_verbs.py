"""cameo_verbs.py - reads a PETRARCH / TABARI verb dictionary (CAMEO.2.0.txt
and other `.verbs` files) and maps its verb blocks onto actnet relations.

Used by gen_cameo_verbs.py; the mapping is described there.  The rules
compiler's `.verbs` reader (src/rules) follows the same mapping, so a
generated relations_cameo.yaml and a `--rules FILE.verbs` agree.
"""

import re

HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
CODE = re.compile(r"\[([^\]]*)\]")
FORMS = re.compile(r"\{([^}]*)\}")


def norm(phrase):
    """The key two phrases share when actnet would read them alike:
    lower case, -ize / -yze read as -ise / -yse (actnet matches both)."""
    words = []
    for w in phrase.lower().replace("_", " ").split():
        w = re.sub(r"iz(e|es|ed|ing)$", r"is\1", w)
        w = re.sub(r"yz(e|es|ed|ing)$", r"ys\1", w)
        # Snowball drops a final e (lambaste, lambast)
        if len(w) > 4 and w.endswith("e") and not w.endswith("ee"):
            w = w[:-1]
        words.append(w)
    return " ".join(words)


def code_of(s):
    """The event code of a `[...]` field: None for the null code and for
    codes of the target only (`:173`); the source part of `042:043`."""
    s = s.strip()
    if not s or s.startswith("---") or s.startswith(":"):
        return None
    s = s.split(":")[0].strip()
    return s if re.fullmatch(r"\d{2,4}", s) else None


def word(tok):
    """A dictionary word as text: `+` (the inflecting word) and a final
    `_` (no plural) dropped, `_` read as a space."""
    return tok.replace("+", "").strip("_").replace("_", " ").lower()


def parse(lines):
    """Blocks of the VERB PATTERNS section: a list of dicts with name,
    code (None for ---), verbs [(lemma, code or None, has_own_code,
    [forms])] and patterns [(text, code)]."""
    blocks = []
    cur = None
    in_verbs = False
    for raw in lines:
        line = raw.rstrip("\n")
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if line.startswith("########") and "TRANSFORM" in line:
            in_verbs = False
            continue
        if not in_verbs:
            continue
        m = HEADER.match(line)
        if m:
            cur = {"name": m.group(1), "code": code_of(m.group(2)),
                   "verbs": [], "patterns": []}
            blocks.append(cur)
            continue
        if cur is None:
            continue
        body = line.split("#", 1)[0].rstrip()
        if not body.strip() or body.lstrip().startswith("<!") or \
                body.startswith("~"):
            continue
        if body.startswith("-"):
            cm = CODE.search(body)
            if cm:
                cur["patterns"].append((body[1:cm.start()].strip(),
                                        code_of(cm.group(1))))
            continue
        forms = []
        fm = FORMS.search(body)
        if fm:
            forms = [word(x) for x in fm.group(1).split() if x.strip()]
            body = body[:fm.start()] + body[fm.end():]
        cm = CODE.search(body)
        own = None
        has_own = False
        if cm:
            has_own = True
            own = code_of(cm.group(1))
            body = body[:cm.start()] + body[cm.end():]
        toks = body.split()
        if not toks:
            continue
        lemma = word(toks[0])
        if not re.fullmatch(r"[a-z][a-z' -]*", lemma):
            continue
        # the inflecting word of a multi-word verb, for its forms
        parts = toks[0].strip("_").split("_")
        head = next((p for p in parts if p.startswith("+")), parts[0])
        head = word(head)
        heads = []
        for f in forms:
            fp = f.split()
            if len(fp) == len(lemma.split()):
                idx = lemma.split().index(head) if head in lemma.split() else 0
                heads.append(fp[idx])
        cur["verbs"].append((lemma, own, has_own, head, heads))
    return blocks


def quad(code):
    top = int(code[:2])
    if top <= 5:
        return "verbal-cooperation"
    if top <= 9:
        return "material-cooperation"
    if top <= 14:
        return "verbal-conflict"
    return "material-conflict"


def polarity(code):
    top = int(code[:2])
    if top <= 2 or top == 9:
        return 0
    return 1 if top <= 8 else -1


def regular(lemma, form):
    """Whether stemming reaches form from lemma (a regular inflection)."""
    stem = lemma[:-1] if lemma.endswith(("e", "y")) else lemma
    return form.startswith(stem[:max(3, len(stem) - 1)]) and \
        len(form) >= len(stem)


PREPS = {"to", "with", "against", "on", "at", "from", "for", "into",
         "toward", "towards", "over", "upon", "of", "about", "in"}


def target_pattern(text):
    """The words between the verb and a final target `+` of a pattern
    `* WORD... PREP +` (parentheses dropped), or None when the pattern
    does not map."""
    t = text.replace("(", " ").replace(")", " ").replace("{", " ") \
        .replace("}", " ").split()
    if len(t) < 3 or t[0] != "*" or t[-1] != "+":
        return None
    mid = t[1:-1]
    if any(not re.fullmatch(r"[A-Z][A-Z'-]*", w) for w in mid):
        return None
    if mid[-1].lower() not in PREPS:
        return None
    return " ".join(w.lower() for w in mid)


def relations(blocks, hand, exclude, known_forms):
    """Relations (dicts), inflections {lemma: [forms]} and counts."""
    st = dict(blocks=len(blocks), coded_blocks=0, verbs=0, mapped_verbs=0,
              mapped_patterns=0, phrases=0, null_verbs=0, cat01=0,
              excluded=0, hand=0, dup=0, target_code=0, patterns=0,
              patterns_unmapped=0)
    by_key = {}
    order = []
    seen = set(hand)
    infl = {}
    for b in blocks:
        if b["code"]:
            st["coded_blocks"] += 1
        lemmas = [v[0] for v in b["verbs"]]
        for lemma, own, has_own, head, heads in b["verbs"]:
            st["verbs"] += 1
            code = own if has_own else b["code"]
            if code is None:
                st["null_verbs"] += 1
                continue
            if code.startswith("01"):
                st["cat01"] += 1
                continue
            if lemma in exclude or head in exclude and " " not in lemma:
                st["excluded"] += 1
                continue
            k = norm(lemma)
            if k in hand:
                st["hand"] += 1
                continue
            if k in seen:
                st["dup"] += 1
                continue
            seen.add(k)
            st["mapped_verbs"] += 1
            add(by_key, order, b, code, lemma)
            for f in heads:
                if f != head and not regular(head, f) and \
                        f not in known_forms.get(head, ()):
                    infl.setdefault(head, [])
                    if f not in infl[head]:
                        infl[head].append(f)
        for text, code in b["patterns"]:
            st["patterns"] += 1
            mid = target_pattern(text)
            if mid is None or code is None or code.startswith("01"):
                st["patterns_unmapped"] += 1
                continue
            mapped = False
            for lemma in lemmas:
                if lemma in exclude:
                    continue
                ph = lemma + " " + mid
                k = norm(ph)
                if k in seen:
                    continue
                seen.add(k)
                add(by_key, order, b, code, ph)
                mapped = True
            if mapped:
                st["mapped_patterns"] += 1
            else:
                st["patterns_unmapped"] += 1
    rels = [by_key[k] for k in order]
    st["phrases"] = sum(len(r["verbs"]) for r in rels)
    return rels, infl, st


def add(by_key, order, block, code, phrase):
    key = (block["name"], code)
    if key not in by_key:
        name = re.sub(r"[^a-z0-9]+", "-", block["name"].lower()).strip("-")
        by_key[key] = {"id": f"cameo-{code}-{name}",
                       "label": name.replace("-", " "),
                       "polarity": polarity(code), "class": quad(code),
                       "cameo": code, "block": block["name"], "verbs": []}
        order.append(key)
    by_key[key]["verbs"].append(phrase)
