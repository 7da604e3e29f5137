#!/usr/bin/env python3
"""A second corpus for the search benches, unlike the synthetic generator's.

`compendium-synth` writes its prose from a small vocabulary of local
government phrases, so every term is common and the index has few rare
terms. This one writes case studies about invented councils in prose drawn
from another source: the 42,649 English words of the Snowball test
vocabulary (tests/data/snowball-english/voc.txt), ranked by their
frequency in the 2011 guide (../shared/seed/) where it has them and in a
shuffled order after that, and chosen with a Zipf distribution, so that
the vocabulary is natural: a few words in nearly every case study and tens
of thousands in a handful. Deterministic for a seed.

Usage: bench/other-corpus.py --count N [--seed S] --out DIR
Writes DIR/content/case-studies/*.md (and nothing else); DIR must be under
target/ or another untracked place.
"""
import argparse
import bisect
import itertools
import os
import random
import re
import sys

REGIONS = ["north-east", "north-west", "yorkshire-humber", "east-midlands", "west-midlands",
           "east-of-england", "london", "south-east", "south-west", "wales", "scotland",
           "northern-ireland"]
FUNCTIONS = ["senior-management", "finance", "revenues-benefits", "payroll", "hr", "ict",
             "procurement", "legal", "internal-audit", "property", "pensions", "customer-services",
             "electoral-services", "democratic-services", "building-control",
             "environmental-health", "trading-standards", "licensing", "planning", "waste",
             "transport", "housing", "libraries", "leisure-culture", "community-safety", "cctv",
             "emergency-planning", "economic-development", "sustainability", "social-care"]
MODELS = ["joint-working", "lead-authority", "joint-committee", "shared-management", "company",
          "joint-venture", "outsourced-partnership"]
STATUSES = ["planned", "in-progress", "operating", "ended"]
KINDS = [("district", "District Council"), ("district", "Borough Council"),
         ("county", "County Council"), ("unitary", "Council"), ("metropolitan", "City Council"),
         ("london-borough", "London Borough Council")]
FIRST = ["Ash", "Bram", "Cal", "Dun", "El", "Fen", "Gar", "Hal", "Ing", "Kel", "Lin", "Mar",
         "Nor", "Oak", "Pen", "Quen", "Ros", "Sal", "Tam", "Ul", "Ven", "Wex", "Yar", "Brack",
         "Cran", "Drey", "Fal", "Glen", "Harl", "Kirk", "Lang", "Mel", "Ply", "Rad", "Stan",
         "Thorn", "Wim", "Ald", "Bel", "Cor"]
SECOND = ["bridge", "ford", "ham", "ley", "mouth", "ton", "wick", "by", "field", "stow",
          "chester", "minster", "dale", "well", "hurst", "borough", "combe", "den", "holm", "mere"]
GIVEN = ["Alex", "Sam", "Jo", "Priya", "Tom", "Ruth", "Imran", "Megan", "Owen", "Fiona",
         "Grace", "Hugh", "Nadia", "Colin", "Beth", "Dev", "Iona", "Keith", "Lena", "Moira"]
FAMILY = ["Hale", "Ormond", "Pryce", "Quarry", "Rooke", "Sayer", "Thwaite", "Upton", "Vance",
          "Wardle", "Yeats", "Abney", "Birtles", "Cottam", "Dunmore", "Eversley", "Fothergill"]
ROLES = ["Chief Executive", "Head of Shared Services", "Director of Resources",
         "Programme Manager", "Head of Finance", "Service Manager"]


def vocabulary(root, rng):
    """Words ranked most common first: the guide's order, then the rest shuffled."""
    with open(os.path.join(root, "tests/data/snowball-english/voc.txt"), encoding="utf-8") as f:
        words = [w.strip() for w in f if re.fullmatch(r"[a-z]{2,}", w.strip())]
    known = set(words)
    counts = {}
    seed_dir = os.path.join(root, "..", "shared", "seed")
    if os.path.isdir(seed_dir):
        for name in sorted(os.listdir(seed_dir)):
            with open(os.path.join(seed_dir, name), encoding="utf-8", errors="replace") as f:
                for w in re.findall(r"[a-z]+", f.read().lower()):
                    if w in known:
                        counts[w] = counts.get(w, 0) + 1
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    rest = [w for w in words if w not in counts]
    rng.shuffle(rest)
    return ranked + rest


class Zipf:
    def __init__(self, words, s, rng):
        self.words = words
        self.rng = rng
        self.cum = list(itertools.accumulate(1.0 / (r + 1) ** s for r in range(len(words))))

    def word(self):
        x = self.rng.random() * self.cum[-1]
        return self.words[bisect.bisect_left(self.cum, x)]

    def sentence(self, lo, hi):
        n = self.rng.randint(lo, hi)
        ws = [self.word() for _ in range(n)]
        return ws[0].capitalize() + " " + " ".join(ws[1:]) + "."


def councils(rng, count):
    """Invented councils, each with a type and a region."""
    names = sorted({a + b for a in FIRST for b in SECOND})
    rng.shuffle(names)
    out = []
    for i in range(count):
        base = names[i % len(names)]
        if i >= len(names):
            base = ("North " if i // len(names) == 1 else "South ") + base
        kind, suffix = KINDS[rng.randrange(len(KINDS))]
        region = "london" if kind == "london-borough" else rng.choice(REGIONS)
        out.append((f"{base} {suffix}", base, kind, region))
    return out


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def case_study(i, rng, z, pool):
    partners = rng.sample(pool, rng.randint(2, 4))
    short = [p[1] for p in partners]
    places = ", ".join(short[:-1]) + " and " + short[-1]
    topic = " ".join(z.word() for _ in range(rng.randint(2, 4)))
    functions = sorted(rng.sample(FUNCTIONS, rng.randint(1, 3)), key=FUNCTIONS.index)
    summary = f"{places} share {topic}. " + z.sentence(6, 14)
    summary = summary[:290].rsplit(" ", 1)[0].rstrip(".,") + "."
    year = rng.randint(2003, 2011)
    lines = ["---", f"title: {quote(places + ': ' + topic)}", f"summary: {quote(summary)}",
             f"date: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
             f"started: {year - rng.randint(1, 3)}-{rng.randint(1, 12):02d}",
             f"status: {rng.choice(STATUSES)}", f"model: {rng.choice(MODELS)}",
             f"functions: [{', '.join(functions)}]", "partners:"]
    for j, (name, _, kind, region) in enumerate(partners):
        lines += [f"  - name: {name}", f"    type: {kind}", f"    region: {region}"]
        if j == 0:
            lines.append("    lead: true")
    if rng.random() < 0.7:
        lines += ["savings:", f"  - amount: {rng.randint(2, 400) * 5000}",
                  f"    period: {rng.choice(['annual', 'one-off', 'total'])}",
                  f"    status: {rng.choice(['achieved', 'projected'])}",
                  f"    note: {quote(z.sentence(3, 6))}"]
    lines.append("lessons:")
    for _ in range(rng.randint(1, 3)):
        lines.append(f"  - {quote(z.sentence(8, 16))}")
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    lines += ["contacts:", f"  - name: {given} {family}",
              f"    role: {quote(rng.choice(ROLES) + ', ' + partners[0][0])}",
              "tags: [" + ", ".join(sorted({z.word() for _ in range(2)})) + "]", "---", ""]
    for heading in ["What was the approach?", "What's been achieved?", "What's been learned?"]:
        lines += [f"## {heading}", ""]
        for _ in range(rng.randint(1, 3)):
            sentences = [z.sentence(6, 18) for _ in range(rng.randint(3, 6))]
            if rng.random() < 0.5:
                sentences.insert(1, f"{rng.choice(short)} led the work on {z.word()} {z.word()}.")
            lines += [" ".join(sentences), ""]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--zipf", type=float, default=1.0, help="Zipf exponent of word choice")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    rng = random.Random(args.seed)
    z = Zipf(vocabulary(root, rng), args.zipf, rng)
    pool = councils(rng, max(60, min(2400, args.count // 8)))
    out = os.path.join(args.out, "content", "case-studies")
    os.makedirs(out, exist_ok=True)
    for i in range(args.count):
        with open(os.path.join(out, f"other-{i:06d}.md"), "w", encoding="utf-8") as f:
            f.write(case_study(i, rng, z, pool))
    print(f"wrote {args.count} case studies to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
