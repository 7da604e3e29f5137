#!/usr/bin/env bash
# Bad-input benchmark: times `compendium check` on one case study whose
# `functions:` list has N unknown slugs (default 100000), each an error. The
# target is linear time: 100,000 bad items checked in under 5 s on 2 cores
# (it was 97 s when every diagnostic re-split the file into lines).
#
# Usage: bench/bad-input.sh [N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n=${1:-100000}
cargo build --release --quiet
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/content/case-studies"
{
  printf -- '---\ntitle: "X"\nsummary: "S"\ndate: 2011-03-01\nmodel: joint-working\n'
  printf 'partners:\n  - name: A Council\n    type: district\n    region: london\nfunctions:\n'
  seq 1 "$n" | sed 's/^/  - bad/'
  printf -- '---\nBody\n'
} > "$dir/content/case-studies/x.md"
for format in human json; do
  /usr/bin/time -f "$n bad items, --format $format: %e s wall, %U s user, %M KB peak" \
    target/release/compendium check --root "$dir" --format "$format" > /dev/null 2> "$dir/time.txt" || true
  tail -1 "$dir/time.txt"
done
