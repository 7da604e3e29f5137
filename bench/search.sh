#!/usr/bin/env bash
# Search budget: builds the 10,000-case-study synthetic corpus (reusing
# target/bench-corpus-10000 when present) and prints, for one-word queries,
# the gzip bytes transferred from loading /search/ to the first ten results,
# the dependent requests after the page, and the number of files under /search/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release --quiet -p compendium -p compendium-synth
corpus=target/bench-corpus-10000
[ -d "$corpus/content/case-studies" ] || ./target/release/compendium-synth --count 10000 --seed 1 --out "$corpus"
./target/release/compendium build --root "$corpus" --out "$corpus/public"
# Common, middling and rare words of the synthetic vocabulary.
node bench/search-budget.js "$corpus/public" council waste procurement recycling benefits partnership committee sovereignty libraries cemeteries
echo "file budget for 10,000 case studies: $((10 + 10000 / 100))"
