#!/usr/bin/env python3
"""Lays out a compendium corpus as a Hugo site, for bench/peers.sh.

Usage: bench/peers/to_hugo.py --corpus DIR --export DIR --vocabulary FILE --out DIR

--corpus      a site folder holding content/case-studies/*.md (compendium-synth's --out)
--export      compendium's build of that corpus (its data/case-studies.json is read)
--vocabulary  src/content/vocabulary.rs (the labels of functions, regions, models, types)
--out         the Hugo site folder to write content/ and data/ into (emptied first)

Each case study is copied byte for byte (the same YAML front matter and
Markdown body Hugo then parses), with three lists appended to its front
matter, because a Hugo taxonomy can only list terms that the front matter
names and Hugo templates cannot derive them:

  regions:        the union of the partners' regions (as compendium computes it;
                  taken from compendium's own open-data export of the same files)
  models:         the one delivery model `model:` names, as a list
  organisations:  the partners' names

Field names that Hugo reads itself: `title`, `date`, `summary`, `tags`,
`draft` and `slug` mean the same in both (Hugo's `summary` is the summary
shown in lists, `tags` become a taxonomy: our lesson tags), and so does
`functions`, which becomes the taxonomy of that name. `partners`, `model`
and the rest are Hugo params; the organisation taxonomy
is named `organisations`, not `partners`, since `partners:` holds maps
(name, type, region) and a taxonomy needs plain names. Any other field that
Hugo reserves (type, layout, url, weight, ...) stops the conversion, since
Hugo would give it a meaning compendium does not.

It also writes each used function's, region's and model's term page
(content/functions/SLUG/_index.md: its label, vocabulary order and group),
the section pages, one lessons section per used function
(content/lessons/functions/SLUG/, as compendium's /lessons/functions/SLUG/),
and data/vocabulary.json (type and region labels for the partner lines).
Standard library only; deterministic.
"""
import argparse
import json
import os
import re
import shutil
import sys

# Front-matter fields Hugo gives a meaning of its own
# (https://gohugo.io/content-management/front-matter/#fields).
HUGO_FIELDS = {
    "aliases", "build", "_build", "cascade", "date", "description", "draft", "expirydate",
    "headless", "iscjklanguage", "keywords", "lastmod", "layout", "linktitle", "markup",
    "menus", "menu", "outputs", "params", "publishdate", "resources", "sitemap", "slug",
    "summary", "title", "translationkey", "type", "url", "weight",
}
# Those a case study may use, where Hugo's meaning is compendium's.
SAME_MEANING = {"title", "date", "summary", "draft", "slug"}
# Taxonomies of hugo.toml whose front-matter lists this script writes.
ADDED = ("regions", "models", "organisations")


def die(message):
    sys.exit(f"to_hugo.py: {message}")


def vocabulary(path):
    """{const name: [(slug, label, third or ''), ...]} from vocabulary.rs."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    string = r'"((?:[^"\\]|\\.)*)"'
    tup = re.compile(r"\(\s*" + string + r"\s*,\s*" + string + r"(?:\s*,\s*" + string + r")?\s*,?\s*\)")
    out = {}
    for name in ("FUNCTIONS", "REGIONS", "MODELS", "ORGANISATION_TYPES"):
        m = re.search(r"const " + name + r": &\[[^=]*\] = &\[(.*?)\n\];", text, re.S)
        if not m:
            die(f"no `const {name}` table in {path}")
        rows = [(a, b, c or "") for a, b, c in tup.findall(m.group(1))]
        if not rows:
            die(f"`const {name}` in {path} has no (slug, label) rows")
        out[name] = rows
    return out


def yaml_str(s):
    # JSON strings are YAML double-quoted strings.
    return json.dumps(s, ensure_ascii=False)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def section(path, title, **params):
    lines = ["---", f"title: {yaml_str(title)}"]
    for k, v in params.items():
        lines.append(f"{k}: {json.dumps(v, ensure_ascii=False)}")
    lines.append("---")
    write(path, "\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--export", required=True)
    ap.add_argument("--vocabulary", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    vocab = vocabulary(args.vocabulary)
    labels = {k: {s: (l, x, i) for i, (s, l, x) in enumerate(rows)} for k, rows in vocab.items()}

    export = os.path.join(args.export, "data", "case-studies.json")
    try:
        with open(export, encoding="utf-8") as f:
            records = {r["slug"]: r for r in json.load(f)}
    except (OSError, ValueError) as e:
        die(f"cannot read {export}: {e}")

    src = os.path.join(args.corpus, "content", "case-studies")
    try:
        names = sorted(n for n in os.listdir(src) if n.endswith(".md"))
    except OSError as e:
        die(f"cannot list {src}: {e}")
    if not names:
        die(f"no case studies in {src}")

    content = os.path.join(args.out, "content")
    for sub in ("content", "data"):
        shutil.rmtree(os.path.join(args.out, sub), ignore_errors=True)

    used = {"functions": set(), "regions": set(), "models": set()}
    key_re = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:", re.M)
    slug_re = re.compile(r"^slug:\s*[\"']?([^\"'\n]+?)[\"']?\s*$", re.M)
    converted = 0
    for name in names:
        with open(os.path.join(src, name), encoding="utf-8") as f:
            text = f.read()
        if not text.startswith("---\n"):
            die(f"{name}: no front matter")
        end = text.find("\n---\n", 3)
        if end < 0:
            die(f"{name}: front matter not closed")
        front, body = text[4:end + 1], text[end + 5:]
        keys = set(key_re.findall(front))
        for k in keys:
            if k.lower() in HUGO_FIELDS and k.lower() not in SAME_MEANING:
                die(f"{name}: field `{k}` means something else to Hugo; teach this script about it")
            if k in ADDED:
                die(f"{name}: field `{k}` would be overwritten by the list this script adds")
        m = slug_re.search(front)
        slug = m.group(1) if m else name[:-3]
        record = records.get(slug)
        extra = ""
        if record is None:
            if not re.search(r"^draft:\s*true\s*$", front, re.M):
                die(f"{name}: not in {export} (is the export a build of this corpus?)")
        else:
            converted += 1
            regions = record["regions"]
            used["functions"].update(record["functions"])
            used["regions"].update(regions)
            used["models"].add(record["model"])
            orgs = [p["name"] for p in record["partners"]]
            extra = (f"regions: {json.dumps(regions, ensure_ascii=False)}\n"
                     f"models: {json.dumps([record['model']])}\n"
                     f"organisations: {json.dumps(orgs, ensure_ascii=False)}\n")
        write(os.path.join(content, "case-studies", name), "---\n" + front + extra + "---\n" + body)
    if converted != len(records):
        die(f"{export} has {len(records)} case studies, {converted} of them found in {src}")

    # Term pages: label, vocabulary order (weight), group (functions).
    for tax, const in (("functions", "FUNCTIONS"), ("regions", "REGIONS"), ("models", "MODELS")):
        for slug in sorted(used[tax]):
            label, third, order = labels[const].get(slug, (slug, "", 999))
            params = {"weight": order + 1}
            if tax == "functions":
                params["group"] = third
            section(os.path.join(content, tax, slug, "_index.md"), label, **params)
    for slug in sorted(used["functions"]):
        label = labels["FUNCTIONS"].get(slug, (slug, "", 0))[0]
        section(os.path.join(content, "lessons", "functions", slug, "_index.md"),
                f"Lessons: {label}", function=slug)
    # The folder between /lessons/ and each function's lessons: not a page of its own.
    write(os.path.join(content, "lessons", "functions", "_index.md"),
          "---\ntitle: Lessons by function\nbuild:\n  render: never\n  list: never\n---\n")

    section(os.path.join(content, "case-studies", "_index.md"), "Case studies")
    section(os.path.join(content, "functions", "_index.md"), "Functions", noun="function")
    section(os.path.join(content, "regions", "_index.md"), "Regions", noun="region")
    section(os.path.join(content, "models", "_index.md"), "Delivery models", noun="delivery model")
    section(os.path.join(content, "organisations", "_index.md"), "Organisations")
    section(os.path.join(content, "tags", "_index.md"), "Lessons by tag")
    section(os.path.join(content, "lessons", "_index.md"), "Lessons")
    section(os.path.join(content, "search", "_index.md"), "Search")
    section(os.path.join(content, "data", "_index.md"), "Open data")
    section(os.path.join(content, "feed", "_index.md"), "Follow new case studies")

    write(os.path.join(args.out, "data", "vocabulary.json"), json.dumps({
        "types": {s: l for s, (l, _, _) in labels["ORGANISATION_TYPES"].items()},
        "regions": {s: l for s, (l, _, _) in labels["REGIONS"].items()},
    }, ensure_ascii=False, indent=1) + "\n")
    print(f"to_hugo.py: {len(names)} case studies ({converted} published) into {content}")


if __name__ == "__main__":
    main()
