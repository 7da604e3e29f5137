#!/usr/bin/env node
// Search budget: for one-word queries against a built site, how many bytes
// (gzip) the browser transfers from loading /search/ to showing the first ten
// results, and how many dependent requests follow the page itself.
// Usage: node bench/search-budget.js <site folder> [word ...]
// Without words it chooses them from the site's own document frequencies
// (the spelling word list holds each word's case-study count): the three
// commonest, three around 5 % of the case studies, three around 0.5 % and
// three in 3 to 10, so that the figures mean the same on any corpus; and
// it prints the worst of a sample of 200 words spread over every shard.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const engineApi = require('../themes/default/static/search/engine.js');

const site = process.argv[2];
let words = process.argv.slice(3);
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
const kinds = {};

/** Words of the site's word list: [word, term, case studies], commonest first. */
function wordList() {
  const m = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(searchDir, manifest))));
  const all = [];
  for (const f of m.spelling.files) all.push(...JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(searchDir, f.file)))));
  const stop = new Set(m.stop_words || []);
  return all.filter((w) => /^[a-z]{4,}$/.test(w[0]) && !stop.has(w[0]) && !(m.thesaurus || {})[w[0]])
    .sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1));
}

/** Three words whose counts are nearest `docs`, in a fixed order. */
function near(list, docs, taken) {
  return list.filter((w) => !taken.has(w[0]))
    .sort((a, b) => Math.abs(a[2] - docs) - Math.abs(b[2] - docs) || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3);
}

/** One query, as the page runs it: bytes and the depth of the requests it waits for. */
async function measure(word) {
  // A request's level: one more than the deepest request answered before
  // it was made (answers arrive on a later turn, as from a network).
  const loaded = new Map();
  let answered = 0; // the page: the scripts and manifest it names come next
  const load = (name) => {
    const level = answered + 1;
    const raw = fs.readFileSync(path.join(searchDir, name));
    loaded.set(name, { bytes: raw.length, level }); // already gzip: transferred as is
    return new Promise((resolve) => setImmediate(() => {
      answered = Math.max(answered, level);
      resolve(new Uint8Array(zlib.gunzipSync(raw)));
    }));
  };
  const engine = await engineApi.create(load, manifest);
  const manifestBytes = loaded.get(manifest).bytes;
  loaded.clear();
  const result = await engine.search(word, {}, 10);
  const searchFiles = [...loaded.values()];
  loaded.clear();
  await engine.display(result.plan, result.hits);
  const chunkFiles = [...loaded.values()];
  const sum = (l) => l.reduce((a, f) => a + f.bytes, 0);
  const depth = Math.max(1, ...searchFiles.map((f) => f.level), ...chunkFiles.map((f) => f.level));
  const total = pageBytes + level1 + manifestBytes + sum(searchFiles) + sum(chunkFiles);
  return { word, results: result.total, total, page: pageBytes, assets: level1, manifest: manifestBytes, shards: sum(searchFiles), shardFiles: searchFiles.length, chunks: sum(chunkFiles), chunkFiles: chunkFiles.length, depth };
}

(async () => {
  const rows = [];
  let sample = [];
  if (!words.length) {
    const list = wordList();
    const n = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(searchDir, manifest)))).n;
    const taken = new Set();
    const pick = (ws, kind) => ws.forEach((w) => { taken.add(w[0]); words.push(w[0]); kinds[w[0]] = kind; });
    pick(list.slice(0, 3), 'common');
    pick(near(list, Math.round(n * 0.05), taken), '~5 %');
    pick(near(list, Math.round(n * 0.005), taken), '~0.5 %');
    pick(list.filter((w) => w[2] >= 3 && w[2] <= 10 && !taken.has(w[0])).filter((_, i, a) => i % Math.max(1, Math.floor(a.length / 3)) === 0).slice(0, 3), 'rare');
    const step = Math.max(1, Math.floor(list.length / 200));
    sample = list.filter((_, i) => i % step === 0).map((w) => w[0]);
  }
  for (const word of words) rows.push(await measure(word));
  const kb = (n) => (n / 1024).toFixed(1);
  console.log(`files under /search/: ${files.length} (including index.html)`);
  console.log('kind    query            results   total KB  page  js+css  manifest  shards(n)    display(n)  dependent requests');
  for (const r of rows) {
    console.log(`${(kinds[r.word] || '').padEnd(7)} ${r.word.padEnd(16)} ${String(r.results).padStart(7)} ${kb(r.total).padStart(10)} ${kb(r.page).padStart(5)} ${kb(r.assets).padStart(7)} ${kb(r.manifest).padStart(9)} ${kb(r.shards).padStart(8)}(${r.shardFiles}) ${kb(r.chunks).padStart(9)}(${r.chunkFiles}) ${String(r.depth).padStart(10)}`);
  }
  const worst = rows.reduce((a, r) => (r.total > a.total ? r : a), rows[0]);
  console.log(`worst of these: ${worst.word} ${kb(worst.total)} KB, ${worst.depth} dependent requests after the page`);
  if (sample.length) {
    const measured = [];
    for (const w of sample) measured.push(await measure(w));
    measured.sort((a, b) => a.total - b.total);
    const at = (q) => measured[Math.min(measured.length - 1, Math.floor(q * measured.length))];
    const deepest = Math.max(...measured.map((r) => r.depth));
    console.log(`${measured.length} words spread over the word list: median ${kb(at(0.5).total)} KB, worst ${at(1).word} ${kb(at(1).total)} KB (${at(1).results} results), most dependent requests ${deepest}`);
  }
})();
