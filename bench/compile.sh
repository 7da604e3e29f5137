#!/usr/bin/env bash
# What the `serve` feature costs to install: a clean release compile of the
# binary, full (default features) and the CI build (--no-default-features),
# each in a fresh target folder, timed on the wall clock, with the binary's
# size as compiled and stripped. Prints a Markdown table for the README.
#
# Usage: bench/compile.sh
#   COMPILE_KEEP=1   keep target/bench-compile/ (otherwise removed at the end)
#
# The crates are downloaded first (`cargo fetch --locked`), so only compiling
# is timed. Cargo's own parallelism is used (CARGO_BUILD_JOBS if set, else
# one job per core): this is what `cargo install` does on the same machine.
# The two builds run one after the other, never together; the machine's load
# (`uptime`) is printed before and after, since other work on it slows both.
set -euo pipefail
cd "$(dirname "$0")/.."

base=target/bench-compile
rm -rf "$base"
mkdir -p "$base"

echo "machine: $(nproc) cores, $(uname -srm); $(rustc --version); jobs: ${CARGO_BUILD_JOBS:-$(nproc) (default)}" >&2
echo "load before: $(uptime)" >&2
cargo fetch --locked --quiet

declare -A wall cpu size stripped
for build in full ci; do
  flags=()
  if [ "$build" = ci ]; then flags=(--no-default-features); fi
  dir="$base/$build"
  echo "compiling the $build build: cargo build --locked --release ${flags[*]:-}" >&2
  TIMEFORMAT='%R %U %S'
  { time CARGO_TARGET_DIR="$dir" cargo build --locked --release --bin compendium \
      ${flags[@]+"${flags[@]}"} --quiet 2>"$base/$build.log"; } 2>"$base/$build.time"
  read -r real user sys <"$base/$build.time"
  wall[$build]=$real
  cpu[$build]=$(echo "$user + $sys" | bc)
  bin="$dir/release/compendium"
  size[$build]=$(stat -c %s "$bin")
  strip -o "$dir/compendium.stripped" "$bin"
  stripped[$build]=$(stat -c %s "$dir/compendium.stripped")
  echo "  $build: ${wall[$build]} s wall" >&2
done
echo "load after: $(uptime)" >&2

mib() { echo "scale=1; $1 / 1048576" | bc; }
minsec() { printf '%d min %02d s' "$(echo "$1 / 60" | bc)" "$(echo "$1 % 60 / 1" | bc)"; }

echo
echo "| build | command | clean compile (wall) | CPU (user + sys) | binary | stripped |"
echo "|---|---|---|---|---|---|"
echo "| full (with \`serve\`) | \`cargo build --locked --release\` | $(minsec "${wall[full]}") | $(minsec "${cpu[full]}") | $(mib "${size[full]}") MiB | $(mib "${stripped[full]}") MiB |"
echo "| CI (\`--no-default-features\`) | \`cargo build --locked --release --no-default-features\` | $(minsec "${wall[ci]}") | $(minsec "${cpu[ci]}") | $(mib "${size[ci]}") MiB | $(mib "${stripped[ci]}") MiB |"
echo
echo "CI build: $(echo "scale=0; 100 * ${wall[ci]} / ${wall[full]}" | bc)% of the full build's wall time, $(echo "scale=0; 100 * ${stripped[ci]} / ${stripped[full]}" | bc)% of its stripped size."

if [ "${COMPILE_KEEP:-}" != 1 ]; then rm -rf "$base"; fi
