#!/usr/bin/env node
// Search budget: for one-word queries against a built site, how many bytes
// (gzip) the browser transfers from loading /search/ to showing the first ten
// results, and how many dependent requests follow the page itself; then the
// passage round that follows the results (passages.js fetches each shown
// result's own page), which the results do not wait for.
// Usage: node bench/search-budget.js <site folder> word [word ...]
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const engineApi = require('../themes/default/static/search/engine.js');

const site = process.argv[2];
const words = process.argv.slice(3);
const searchDir = path.join(site, 'search');
const gz = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;

// Level 0: the page itself (served gzip by any sensible host).
const page = fs.readFileSync(path.join(searchDir, 'index.html'));
const html = page.toString('utf8');
const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css)[^"]*)"/g)].map((m) => m[1].split('?')[0]);
const pageBytes = gz(page);
// Level 1: scripts and stylesheet, plus the manifest (preloaded in parallel).
let level1 = 0;
for (const a of assets) level1 += gz(fs.readFileSync(path.join(site, a)));
const manifest = fs.readdirSync(searchDir).find((f) => /^meta\..*\.bin$/.test(f));
const files = fs.readdirSync(searchDir);

(async () => {
  const rows = [];
  for (const word of words) {
    const loaded = new Map();
    const load = (name) => {
      const raw = fs.readFileSync(path.join(searchDir, name));
      loaded.set(name, raw.length); // already gzip: transferred as is
      return Promise.resolve(new Uint8Array(zlib.gunzipSync(raw)));
    };
    const engine = await engineApi.create(load, manifest);
    const manifestBytes = loaded.get(manifest);
    loaded.clear();
    const result = await engine.search(word, {}, 10);
    const shardNames = [...loaded.keys()];
    const shardBytes = [...loaded.values()].reduce((a, b) => a + b, 0);
    loaded.clear();
    const shown = await engine.display(result.plan, result.hits);
    // The passage round: the ten results' pages, fetched in parallel.
    const passageBytes = shown.reduce((sum, h) => sum + gz(fs.readFileSync(path.join(site, h.url, 'index.html'))), 0);
    const chunkBytes = [...loaded.values()].reduce((a, b) => a + b, 0);
    const depth = 1 + (shardNames.length ? 1 : 0) + (loaded.size ? 1 : 0);
    const total = pageBytes + level1 + manifestBytes + shardBytes + chunkBytes;
    rows.push({ word, results: result.total, total, page: pageBytes, assets: level1, manifest: manifestBytes, shards: shardBytes, shardFiles: shardNames.length, chunks: chunkBytes, chunkFiles: loaded.size, depth, passages: passageBytes, passageFiles: shown.length });
  }
  const kb = (n) => (n / 1024).toFixed(1);
  console.log(`files under /search/: ${files.length} (including index.html)`);
  console.log('query            results   total KB  page  js+css  manifest  shards(n)    display(n)  dependent requests  then passages KB(n)');
  for (const r of rows) {
    console.log(`${r.word.padEnd(16)} ${String(r.results).padStart(7)} ${kb(r.total).padStart(10)} ${kb(r.page).padStart(5)} ${kb(r.assets).padStart(7)} ${kb(r.manifest).padStart(9)} ${kb(r.shards).padStart(8)}(${r.shardFiles}) ${kb(r.chunks).padStart(9)}(${r.chunkFiles}) ${String(r.depth).padStart(10)} ${kb(r.passages).padStart(12)}(${r.passageFiles})`);
  }
  const worst = rows.reduce((a, r) => (r.total > a.total ? r : a), rows[0]);
  console.log(`worst: ${worst.word} ${kb(worst.total)} KB, ${worst.depth} dependent requests after the page`);
})();
