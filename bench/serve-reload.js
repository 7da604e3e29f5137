#!/usr/bin/env node
// Dev-server latency: time from saving a case study to the reload event that
// open pages receive, on a corpus (default: a 10,000-case-study synthetic one).
// Usage: node bench/serve-reload.js <site root> [runs]   (needs target/release/compendium)
// Make the default corpus with bench/build.sh, or with the generator crate:
//   cargo run --release -p compendium-synth -- --count 10000 --seed 1 --out target/bench-corpus-10000
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const http = require('http');

const root = process.argv[2];
const runs = Number(process.argv[3] || 5);
const bin = path.join(__dirname, '..', 'target', 'release', 'compendium');
const child = spawn(bin, ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'ignore', 'pipe'] });
let base = null;
let log = '';
child.stderr.on('data', (d) => {
  log += d.toString();
  const m = log.match(/http:\/\/127\.0\.0\.1:\d+/);
  if (m && !base) base = m[0];
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const getJson = (p) => new Promise((resolve, reject) => {
  http.get(base + p, (res) => { let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => resolve(JSON.parse(b))); }).on('error', reject);
});

(async () => {
  const started = Date.now();
  while (!base) await sleep(20);
  let status;
  for (;;) {
    try { status = await getJson('/_compendium/status'); if (status.search) break; } catch (e) { /* starting */ }
    await sleep(100);
  }
  console.log(`initial build (pages ${status.pages.milliseconds} ms, search ${status.search.milliseconds} ms), ready after ${Date.now() - started} ms; ${status.files} files`);
  const files = fs.readdirSync(path.join(root, 'content', 'case-studies')).filter((f) => f.endsWith('.md')).sort();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const file = path.join(root, 'content', 'case-studies', files[(i * 7919) % files.length]);
    const text = fs.readFileSync(file, 'utf8');
    const events = await new Promise((resolve) => {
      http.get(base + '/_compendium/events', (res) => resolve(res));
    });
    const page = 'case-studies/' + path.basename(file, '.md') + '/index.html';
    const reload = new Promise((resolve) => {
      let buf = '';
      events.on('data', (c) => { buf += c; if (buf.includes(page) || buf.includes('"*"')) resolve(Date.now()); });
    });
    await sleep(200);
    const t0 = Date.now();
    fs.writeFileSync(file, text.replace(/^title: "(.*)"$/m, (m, t) => `title: "${t} (edited ${i})"`));
    const t1 = await reload;
    events.destroy();
    times.push(t1 - t0);
    const s = await getJson('/_compendium/status');
    console.log(`edit ${i + 1}: reload event for the edited page after ${t1 - t0} ms; whole rebuild ${s.pages.milliseconds} ms (${s.pages.files_parsed} file read, ${s.pages.rendered} rendered, ${s.pages.changed.length} changed; ${s.pages.stages.map((x) => x.join(' ')).join(', ')})`);
    fs.writeFileSync(file, text);
    // Let the search index catch up before the next edit.
    const before = (await getJson('/_compendium/status')).generation;
    for (let k = 0; k < 200; k++) {
      await sleep(100);
      const s2 = await getJson('/_compendium/status');
      if (s2.search && s2.generation > before + 1) break;
    }
  }
  times.sort((a, b) => a - b);
  console.log(`median save-to-reload: ${times[Math.floor(times.length / 2)]} ms over ${runs} edits (includes the watcher's 50 ms debounce)`);
  child.kill();
  process.exit(0);
})();
