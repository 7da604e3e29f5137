#!/usr/bin/env bash
# Search budget on two corpora: the synthetic one (`compendium-synth`, a small
# local-government vocabulary) and another (`bench/other-corpus.py`: invented
# councils, Zipf-distributed prose over 42,649 English words, so tens of
# thousands of terms). For one-word queries it prints the gzip bytes from
# loading /search/ to the first ten results (page, scripts, stylesheet,
# manifest, index data), the dependent requests after the page, and the
# number of files under /search/ (the term shards, as many as the vocabulary
# needs, and the rest, within a budget of 10 + N/100). The words
# are chosen from each corpus's own document frequencies (common, ~5 %,
# ~0.5 %, rare), and the worst of 200 spread over the word list is given.
#
# Usage: bench/search.sh [SIZE ...]    (default: 10000; 100000 takes ~4 GB each)
# Corpora are written (once) under target/, never into tracked files.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000)
cargo build --release --quiet -p compendium -p compendium-synth
for size in "${sizes[@]}"; do
    synth=target/bench-corpus-$size
    [ -d "$synth/content/case-studies" ] || ./target/release/compendium-synth --count "$size" --seed 1 --out "$synth"
    other=target/other-corpus-$size
    [ -d "$other/content/case-studies" ] || python3 bench/other-corpus.py --count "$size" --seed 1 --out "$other"
    for corpus in "$synth" "$other"; do
        echo "== $corpus"
        ./target/release/compendium build --root "$corpus" --out "$corpus/public" 2>&1 | grep '^Built ' || true
        node bench/search-budget.js "$corpus/public"
        echo "files other than term shards: $(ls "$corpus/public/search" | grep -vc '^terms-') (budget $((10 + size / 100)))"
    done
done
