#!/usr/bin/env python3
"""The figures of bench/peers.sh: medians, ratios run by run, output sizes.

Usage: bench/peers/summary.py --runs RUNS.tsv --outputs OUTPUTS.tsv --meta META.txt

RUNS.tsv has one row per timed process (size, round, tool, wall_s, user_s,
sys_s, max_rss_kb); round 0 is the warm-up and is left out. The ratio of
ours to a peer is taken within each round (ours in round i against the peer
in round i, the two run back to back), then its median and range are given.
Standard library only.
"""
import argparse
import csv
import statistics
import sys

TOOLS = [("ours", "compendium"), ("hugo", "Hugo"), ("hugo+pagefind", "Hugo + Pagefind")]
WHAT = {
    "ours": "pages, listings, data, feed, search index",
    "hugo": "pages, listings, data, feed",
    "hugo+pagefind": "the same, then Pagefind's index",
}


def median(xs):
    return statistics.median(xs)


def secs(x):
    return f"{x:.2f} s" if x < 10 else f"{x:.1f} s" if x < 100 else f"{x:.0f} s"


def mb(kb):
    return f"{kb / 1024:,.0f} MB" if kb < 1024 * 1024 else f"{kb / 1048576:.2f} GB"


def size_of(b):
    return f"{b / 1e6:,.1f} MB" if b < 1e9 else f"{b / 1e9:.2f} GB"


def ratio(xs):
    if not xs:
        return "–"
    lo, mid, hi = min(xs), median(xs), max(xs)
    return f"{mid:.2f} ({lo:.2f}–{hi:.2f})" if len(xs) > 1 else f"{mid:.2f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", required=True)
    ap.add_argument("--outputs", required=True)
    ap.add_argument("--meta", required=True)
    args = ap.parse_args()

    meta = {}
    with open(args.meta, encoding="utf-8") as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("=")
            meta[k] = v
    runs = {}  # (size, tool) -> {round: (wall, cpu, rss_kb)}
    with open(args.runs, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            r = int(row["round"])
            if r == 0:
                continue
            cpu = float(row["user_s"]) + float(row["sys_s"])
            runs.setdefault((int(row["size"]), row["tool"]), {})[r] = (
                float(row["wall_s"]), cpu, int(row["max_rss_kb"]))
    outputs = {}
    with open(args.outputs, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            outputs[(int(row["size"]), row["tool"])] = (int(row["files"]), int(row["bytes"]))
    sizes = sorted({s for s, _ in runs})
    if not sizes:
        sys.exit("summary.py: no counted runs")

    out = []
    p = out.append
    related = "with" if meta.get("related", "1") == "1" else "without"
    p(f"# compendium beside Hugo and Pagefind ({meta.get('date')})")
    p("")
    p(f"compendium {meta.get('commit')}, {meta.get('hugo')}, {meta.get('pagefind')}; "
      f"{meta.get('nproc')} CPUs ({meta.get('cpu')}), {meta.get('memory')}; "
      f"load average at the start {meta.get('load_start')}, at the end {meta.get('load_end')}; "
      f"Hugo's templates {related} related content; "
      f"{meta.get('runs')} counted runs of each after a warm-up, seed {meta.get('seed')}.")
    for size in sizes:
        p("")
        p(f"## {size:,} case studies")
        p("")
        p(f"{'tool':<17} {'wall':>9} {'CPU':>9} {'peak RSS':>10} {'files':>9} {'bytes':>14}   runs (wall s)")
        for tool, name in TOOLS + [("pagefind-step", "  Pagefind alone")]:
            r = runs.get((size, tool))
            if not r:
                continue
            walls = [v[0] for v in r.values()]
            cpus = [v[1] for v in r.values()]
            rss = [v[2] for v in r.values()]
            files, nbytes = outputs.get((size, tool), (0, 0))
            each = ", ".join(f"{r[k][0]:.2f}" for k in sorted(r))
            p(f"{name:<17} {secs(median(walls)):>9} {secs(median(cpus)):>9} {mb(median(rss)):>10} "
              f"{files:>9,} {nbytes:>14,}   {each}")
        ours = runs.get((size, "ours"), {})
        for tool, name in TOOLS[1:]:
            peer = runs.get((size, tool), {})
            common = sorted(set(ours) & set(peer))
            if not common:
                continue
            parts = []
            for i, what in ((0, "wall"), (1, "CPU"), (2, "peak RSS")):
                parts.append(f"{what} {ratio([ours[k][i] / peer[k][i] for k in common])}")
            p(f"ours/{name}, round by round, median (range): " + "; ".join(parts))

    p("")
    p("## For the README")
    p("")
    p(f"`bench/peers.sh`, {meta.get('date')}, {meta.get('nproc')} CPUs ({meta.get('cpu')}); "
      f"compendium {meta.get('commit')}, {meta.get('hugo')}, {meta.get('pagefind')}; "
      f"medians of {meta.get('runs')} runs, ratios taken run by run (median, range):")
    p("")
    p("| case studies | tool | what it writes | wall | CPU | peak memory | output | ours / this, wall | ours / this, peak memory |")
    p("|---|---|---|---|---|---|---|---|---|")
    for size in sizes:
        ours = runs.get((size, "ours"), {})
        for tool, name in TOOLS:
            r = runs.get((size, tool))
            if not r:
                continue
            files, nbytes = outputs.get((size, tool), (0, 0))
            w = median([v[0] for v in r.values()])
            c = median([v[1] for v in r.values()])
            m = median([v[2] for v in r.values()])
            if tool == "ours":
                rw = rm = ""
            else:
                common = sorted(set(ours) & set(r))
                rw = ratio([ours[k][0] / r[k][0] for k in common])
                rm = ratio([ours[k][2] / r[k][2] for k in common])
            p(f"| {size:,} | {name} | {WHAT[tool]} | {secs(w)} | {secs(c)} | {mb(m)} | "
              f"{files:,} files, {size_of(nbytes)} | {rw} | {rm} |")
    print("\n".join(out))


if __name__ == "__main__":
    main()
