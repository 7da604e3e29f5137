#!/usr/bin/env bash
# Judged queries, our search beside Pagefind's, measured in one run.
#
# Usage: bench/pagefind.sh            (DETAIL=1 also lists every query)
#   PAGEFIND_VERSION=1.6.0   the Pagefind to install from the npm registry (exact)
#   CHROMIUM, CHROMEDRIVER   paths, default /usr/bin/chromium, /usr/bin/chromedriver
#
# 1. Builds the release binary and the bundled site into a temporary folder
#    (never public/, which is tracked and may be someone's working copy).
# 2. Installs pagefind@PAGEFIND_VERSION with npm into
#    ${XDG_CACHE_HOME:-~/.cache}/compendium-bench/pagefind-VERSION, reused
#    when present (the npm package brings its binary as a platform package
#    of the same registry, so nothing else is downloaded).
# 3. Indexes two copies of the site with Pagefind: its defaults over every
#    page, and the case-study pages only (--glob), the fair comparison,
#    since our engine only ever returns case studies. Our templates are not
#    touched: no data-pagefind-* attributes.
# 4. bench/pagefind/compare.mjs serves the three sites on 127.0.0.1, runs
#    every query of tests/search_judged/queries.txt through `compendium
#    search --json` and, in headless Chromium, through our engine on
#    /search/ and through Pagefind's own pagefind.js, and prints the
#    figures of tests/suite/search_quality.rs for each, per kind and overall,
#    as markdown tables.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
version=${PAGEFIND_VERSION:-1.6.0}
chromium=${CHROMIUM:-/usr/bin/chromium}
chromedriver=${CHROMEDRIVER:-/usr/bin/chromedriver}

die() { echo "bench/pagefind.sh: $*" >&2; exit 1; }

# Say which tool is missing before doing anything slow.
for tool in cargo node npm; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (needed to build, install Pagefind and drive the browser)"
done
[ -x "$chromium" ] || die "no Chromium at $chromium (apt-get install chromium, or set CHROMIUM)"
[ -x "$chromedriver" ] || die "no chromedriver at $chromedriver (apt-get install chromium-driver, or set CHROMEDRIVER)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 18 ] || die "Node 18 or later is needed for fetch (found $(node --version))"
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "PAGEFIND_VERSION must be an exact version such as 1.6.0, not '$version'"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/compendium-pagefind.XXXXXX")
# compare.mjs closes its servers and browser itself; the sites go here.
trap 'rm -rf "$tmp"' EXIT

echo "== cargo build --release (compendium)" >&2
cargo build --release --quiet -p compendium
bin="$root/target/release/compendium"

echo "== compendium build into $tmp/site" >&2
"$bin" build --root "$root" --out "$tmp/site" >&2

cache="${XDG_CACHE_HOME:-$HOME/.cache}/compendium-bench/pagefind-$version"
pagefind="$cache/node_modules/.bin/pagefind"
installed() {
    [ -x "$pagefind" ] && [ "$(node -p "require('$cache/node_modules/pagefind/package.json').version" 2>/dev/null)" = "$version" ]
}
if ! installed; then
    echo "== npm install pagefind@$version into $cache" >&2
    mkdir -p "$cache"
    # --ignore-scripts: the package needs none, and a script that fetched a
    # binary from elsewhere would fail here anyway.
    npm install --prefix "$cache" --save-exact --ignore-scripts --no-audit --no-fund "pagefind@$version" >&2 \
        || die "npm could not install pagefind@$version"
    installed || die "pagefind@$version did not install a runnable binary at $pagefind"
fi
echo "== $("$pagefind" --version)" >&2

echo "== Pagefind: whole site with defaults, and case-study pages only" >&2
cp -R "$tmp/site" "$tmp/pagefind-all"
cp -R "$tmp/site" "$tmp/pagefind-cases"
"$pagefind" --site "$tmp/pagefind-all" --quiet >&2
# case-studies/index.html (the listing) is left out: only /case-studies/SLUG/.
"$pagefind" --site "$tmp/pagefind-cases" --glob 'case-studies/*/index.html' --quiet >&2

detail=()
[ "${DETAIL:-0}" != 0 ] && detail=(--detail)

echo "== running the judged queries ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'no git'), $(date -u +%Y-%m-%d))" >&2
CHROMIUM="$chromium" CHROMEDRIVER="$chromedriver" node "$root/bench/pagefind/compare.mjs" \
    --root "$root" --bin "$bin" --ours "$tmp/site" \
    --pagefind-cases "$tmp/pagefind-cases" --pagefind-all "$tmp/pagefind-all" \
    --pagefind-version "$version" "${detail[@]}"
