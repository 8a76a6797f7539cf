#!/usr/bin/env python3
"""Generates benchmark inputs for actnet: synthetic rule sets of any size and
news-like corpora that mention their entities.

    gen.py rules  --entities N --out rules.yaml [--seed S]
    gen.py corpus --aliases FILE --mb SIZE --docs N --out corpus.jsonl
                  [--seed S] [--density D] [--first-id K]
                  [--text-out FILE] [--stats-out FILE]

`rules` writes N person entities with invented two-word names (and one alias
each, so 2N alias phrases), plus organisation-head and title lists and one
discovery pattern, in actnet's rule language.  Surnames are unique, so
every name is distinct (words grow longer as the short ones run out).

`corpus` writes JSON Lines documents of about SIZE megabytes in N documents:
paragraphs of sentences built from templates and a filler vocabulary, with an
entity mention drawn from FILE (one alias per line, e.g. the output of
`actnet check-rules --list-aliases`) every D words on average, some in the
possessive, some after a title.  Every text is made here from the templates
below; nothing is copied from any real article.  Output is deterministic for a
given seed.  Documents are numbered from K (--first-id), so corpora made in
parts (in parallel, with different seeds) join into one.  --text-out also
writes the texts alone (documents separated by a blank line, for grep), and
--stats-out a JSON object with the counts of documents, sentences and bytes.
"""
import argparse
import json
import random
import sys

SYLLABLES = ("ka ra lo mi ne vo sa tu be da fi go hu ja ke li mo nu pa re si "
             "ta vi za bor dan gel har kin lev mar nik ost pet rom sten tor "
             "val wen yar zel").split()

FILLER = ("the a of to in and on for with at by from that this after before "
          "said says officials government talks week year people country "
          "state new old capital minister meeting report statement economic "
          "security border election vote support pressure crisis agreement "
          "region policy trade military police protest opposition court "
          "leaders public national foreign council party plan deal decision "
          "issue rights power energy gas prices market sources agency news "
          "spokesman spokeswoman earlier later monday tuesday friday "
          "president's official visit called urged warned met rejected "
          "announced denied accused praised criticised agreed signed").split()

TITLES = ["President", "Prime Minister", "Foreign Minister", "Mr", "Ms", "Dr",
          "Minister", "Chancellor"]

TEMPLATES = [
    "{e} imposed sanctions on {e2} over the {n1}.",
    "{e} was detained by {e2} after the {n1} on {day}.",
    "{e} did not meet {e2} during the {n1}, {t} {e2} said.",
    "{e} and {e2} signed an agreement on {n1} and {n2}.",
    "{e} said on {day} that the {n1} would {v} the {n2}.",
    "{e} met {e2} in the {n1} to discuss {n2} and {n3}.",
    "According to {e}, the {n1} of the {n2} was {adj}.",
    "{t} {e} urged {e2} to {v} the {n1}, officials said.",
    "The {n1} was criticised by {e}, who called it {adj}.",
    "{e}'s {n1} rejected the {n2} proposed by {e2} last {day}.",
    "In a statement, {e} accused {e2} of {n1} over the {n2}.",
    "Talks between {e} and {e2} ended without a {n1} on {day}.",
    "Protesters gathered outside the {n1} as {e} arrived for the {n2}.",
    "Analysts said the {n1} of {e} had {adj} {n2} for the {n3}.",
]
VERBS = ["support", "reject", "review", "delay", "sign", "condemn", "welcome"]
ADJS = ["unacceptable", "historic", "premature", "fragile", "decisive"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday"]
NOUNS = [w for w in FILLER if len(w) > 4]


def invent_name(rng, longest=3):
    def word():
        n = rng.randint(2, longest)
        return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()
    return word(), word()


def cmd_rules(args):
    rng = random.Random(args.seed)
    seen = set()
    out = open(args.out, "w", encoding="utf-8")
    out.write("# Synthetic rules for actnet benchmarks (tests/bench/gen.py);"
              " invented names.\nversion: 1\n")
    out.write("abbreviations: [Mr, Ms, Dr]\n")
    out.write("lists:\n  titles: [%s]\n" % ", ".join(TITLES))
    out.write("patterns:\n  - id: titled\n    type: person\n    tokens:\n"
              "      - list: titles\n      - capitalised: 1-2\n"
              "        name: true\n")
    out.write("entities:\n")
    n = 0
    longest, misses = 3, 0
    while n < args.entities:
        first, last = invent_name(rng, longest)
        if (first, last) in seen or last in seen:
            misses += 1
            if misses > 1000:   # the short surnames are used up
                longest, misses = longest + 1, 0
            continue
        misses = 0
        seen.add((first, last))
        seen.add(last)
        out.write("  - id: p%d\n    type: person\n    name: %s %s\n"
                  "    aliases: [%s %s]\n" % (n, first, last, first[0] + ".",
                                             last))
        n += 1
    out.close()


def cmd_corpus(args):
    rng = random.Random(args.seed)
    aliases = [a.strip() for a in open(args.aliases, encoding="utf-8")
               if a.strip()]
    if not aliases:
        sys.exit("gen.py: no aliases in %s" % args.aliases)
    target = int(args.mb * 1024 * 1024)
    per_doc = max(200, target // args.docs)
    out = open(args.out, "w", encoding="utf-8")
    text_out = open(args.text_out, "w", encoding="utf-8") \
        if args.text_out else None
    written = text_bytes = sentences = 0
    doc = 0
    while written < target and doc < args.docs * 2:
        paras = []
        size = 0
        while size < per_doc:
            sents = []
            for _ in range(rng.randint(2, 5)):
                e, e2 = rng.choice(aliases), rng.choice(aliases)
                t = rng.choice(TEMPLATES)
                s = t.format(e=e, e2=e2, t=rng.choice(TITLES),
                             day=rng.choice(DAYS), v=rng.choice(VERBS),
                             adj=rng.choice(ADJS), n1=rng.choice(NOUNS),
                             n2=rng.choice(NOUNS), n3=rng.choice(NOUNS))
                # Filler between mentions sets the mention density.
                k = max(0, int(rng.expovariate(1.0 / args.density)))
                filler = " ".join(rng.choice(FILLER) for _ in range(k))
                if filler:
                    s = s[:-1] + ", " + filler + "."
                sents.append(s)
            sentences += len(sents)
            p = " ".join(sents)
            paras.append(p)
            size += len(p) + 2
        text = "\n\n".join(paras)
        num = args.first_id + doc
        day = 1 + num % 28
        month = 1 + (num // 28) % 12
        line = json.dumps({"id": "doc%07d" % num,
                           "date": "2020-%02d-%02d" % (month, day),
                           "text": text}, ensure_ascii=False)
        out.write(line + "\n")
        written += len(line.encode("utf-8")) + 1
        text_bytes += len(text.encode("utf-8"))
        if text_out:
            text_out.write(text + "\n\n")
        doc += 1
    out.close()
    if text_out:
        text_out.close()
    if args.stats_out:
        with open(args.stats_out, "w") as f:
            json.dump({"documents": doc, "sentences": sentences,
                       "text_bytes": text_bytes, "jsonl_bytes": written}, f)
    print("%s: %d documents, %.1f MB" % (args.out, doc, written / 1048576.0),
          file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("rules")
    r.add_argument("--entities", type=int, required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--seed", type=int, default=1)
    c = sub.add_parser("corpus")
    c.add_argument("--aliases", required=True)
    c.add_argument("--mb", type=float, required=True)
    c.add_argument("--docs", type=int, required=True)
    c.add_argument("--out", required=True)
    c.add_argument("--seed", type=int, default=2)
    c.add_argument("--density", type=float, default=12.0)
    c.add_argument("--first-id", type=int, default=0)
    c.add_argument("--text-out")
    c.add_argument("--stats-out")
    args = ap.parse_args()
    {"rules": cmd_rules, "corpus": cmd_corpus}[args.cmd](args)


if __name__ == "__main__":
    main()
