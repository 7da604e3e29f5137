#!/usr/bin/env bash
# Build benchmark: times a full `compendium build` on synthetic corpora.
#
# Usage: bench/build.sh [SIZE[:RUNS] ...]        (default: 1000:1 10000:2)
#   BENCH_SEED=N   seed for the synthetic corpus (default 1)
#
# Builds the release binaries, writes (or reuses) target/bench-corpus-SIZE with
# the generator crate (`compendium-synth`, crates/synth), then runs `compendium build --root DIR --out DIR/public`
# RUNS times per size. Prints wall time and peak memory (GNU time's %e and %M)
# and the stage timings the build prints on stderr. A corpus is reused when
# its stamp (size, seed and a hash of the generator's sources and of the
# product vocabulary it draws from) matches, so a change to either
# regenerates it. Later runs of one size reuse the page cache and the
# previous output folder ("warm").
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
seed=${BENCH_SEED:-1}
specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=(1000:1 10000:2)

echo "== cargo build --release (compendium, compendium-synth)" >&2
cargo build --release --quiet -p compendium -p compendium-synth
bin="$root/target/release/compendium"
synth="$root/target/release/compendium-synth"

gnu_time=""
if [ -x /usr/bin/time ] && /usr/bin/time -f "%e %M" -o /dev/null true 2>/dev/null; then
    gnu_time=/usr/bin/time
else
    echo "note: GNU time not found at /usr/bin/time; using bash's time, peak memory unknown" >&2
fi

# One hash of the files' contents, in a fixed order.
hash_of() {
    if command -v sha256sum >/dev/null; then cat "$@" | sha256sum | cut -c1-16; else cat "$@" | cksum | cut -d' ' -f1; fi
}
mapfile -t generator_files < <(find "$root/crates/synth/src" -name '*.rs' | LC_ALL=C sort)
generator=$(hash_of "${generator_files[@]}" "$root/src/content/vocabulary.rs" "$root/src/content/date.rs")

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

rows=()
for spec in "${specs[@]}"; do
    size=${spec%%:*}
    runs=${spec#*:}
    [ "$runs" != "$spec" ] || runs=1
    dir="$root/target/bench-corpus-$size"
    stamp="count=$size seed=$seed synth=$generator"
    if [ -f "$dir/.synth-stamp" ] && [ "$(cat "$dir/.synth-stamp")" = "$stamp" ]; then
        echo "== reusing $dir ($stamp)" >&2
    else
        echo "== generating $dir ($stamp)" >&2
        rm -f "$dir/.synth-stamp"
        "$synth" --count "$size" --seed "$seed" --out "$dir" >&2
        echo "$stamp" >"$dir/.synth-stamp"
    fi
    corpus_mb=$(du -sm "$dir/content" | cut -f1)

    for run in $(seq 1 "$runs"); do
        label=$([ "$run" = 1 ] && echo first || echo "warm $run")
        echo "== build $size case studies, run $run" >&2
        log="$scratch/build.log"
        if [ -n "$gnu_time" ]; then
            "$gnu_time" -f "%e %M" -o "$scratch/time" "$bin" build --root "$dir" --out "$dir/public" 2>"$log"
            read -r wall peak_kb <"$scratch/time"
            peak="$((peak_kb / 1024)) MB"
        else
            TIMEFORMAT=%R
            { time "$bin" build --root "$dir" --out "$dir/public" 2>"$log"; } 2>"$scratch/time"
            wall=$(cat "$scratch/time")
            peak="unknown"
        fi
        summary=$(grep '^Built ' "$log" || true)
        if [ -z "$summary" ]; then
            cat "$log" >&2
            echo "build of $dir failed" >&2
            exit 1
        fi
        # "Built N case studies into DIR (F files) in T s [stage N ms, ...]"
        files=$(sed -E 's/.*\(([0-9]+) files\).*/\1/' <<<"$summary")
        stages=$(sed -E 's/.*\[(.*)\]$/\1/' <<<"$summary")
        out_mb=$(du -sm "$dir/public" | cut -f1)
        # The largest HTML page gzipped, among the ten largest unzipped.
        largest=$(find "$dir/public" -name '*.html' -printf '%s %p\n' | sort -rn | head -10 |
            while read -r _ page; do echo "$(gzip -6 -c "$page" | wc -c) ${page#"$dir/public/"}"; done |
            sort -rn | head -1 || true)
        largest_kb="$(( ${largest%% *} / 1024 )) KB gz ${largest#* }"
        rows+=("$size|$label|$wall s|$peak|$corpus_mb MB|$files|$out_mb MB|$largest_kb|$stages")
    done
done

echo
printf '%-8s %-7s %-9s %-9s %-9s %-7s %-8s %-40s %s\n' "cases" "run" "wall" "peak RSS" "content" "files" "output" "largest page" "stages (from the build's stderr)"
for row in "${rows[@]}"; do
    IFS='|' read -r size label wall peak corpus files out largest stages <<<"$row"
    printf '%-8s %-7s %-9s %-9s %-9s %-7s %-8s %-40s %s\n' "$size" "$label" "$wall" "$peak" "$corpus" "$files" "$out" "$largest" "$stages"
done
