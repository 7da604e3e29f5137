#!/usr/bin/env node
// Dev-server latency: time from saving a case study to the reload event that
// open pages receive, on a corpus (default: a 10,000-case-study synthetic one).
// Usage: node bench/serve-reload.js <site root> [runs] [intervals ms, e.g. 1000,5000]
// (needs target/release/compendium). Make the default corpus with
// bench/build.sh, or with the generator crate:
//   cargo run --release -p compendium-synth -- --count 10000 --seed 1 --out target/bench-corpus-10000
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const http = require('http');

const root = process.argv[2];
const runs = Number(process.argv[3] || 5);
const intervals = (process.argv[4] || '1000,5000').split(',').map(Number);
const bin = path.join(__dirname, '..', 'target', 'release', 'compendium');
const child = spawn(bin, ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'ignore', 'pipe'] });
child.on('exit', (code) => { if (code) { console.error(log); process.exit(1); } });
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
  // Saves one second apart (an editor saving often: each save lands while
  // the search index of the one before may still be rebuilding) and five
  // seconds apart (search has caught up).
  let n = 0;
  const summary = [];
  for (const kind of ['body', 'title', 'retitle']) for (const interval of intervals) {
    const times = [];
    for (let i = 0; i < runs; i++, n++) {
      let file, text, edited;
      // A file the edit changes (a title written without quotes is skipped).
      for (let k = 0; ; k++) {
        file = path.join(root, 'content', 'case-studies', files[(n * 7919 + k) % files.length]);
        text = fs.readFileSync(file, 'utf8');
        // A body edit (the commonest) touches one page; a title edit touches
        // every listing that shows the case study, and a retitle moves it in
        // the title order too.
        edited = kind === 'body'
          ? text.replace(/\n---\n/, `\n---\n\nEdited paragraph ${n}.\n`)
          : kind === 'title'
            ? text.replace(/^title: "(.*)"$/m, (m, t) => `title: "${t} (edited ${n})"`)
            : text.replace(/^title: "(.*)"$/m, (m, t) => `title: "${n} ${t}"`);
        if (edited !== text) break;
      }
      const events = await new Promise((resolve) => {
        http.get(base + '/_compendium/events', (res) => resolve(res));
      });
      const page = 'case-studies/' + path.basename(file, '.md') + '/index.html';
      let buf = '';
      const reload = new Promise((resolve) => {
        events.on('data', (c) => { buf += c; if (buf.includes(page) || buf.includes('"*"')) resolve(Date.now()); });
      });
      // The server subscribes this stream before it answers, so once the
      // response has come no event can be missed.
      const t0 = Date.now();
      fs.writeFileSync(file, edited);
      const t1 = await Promise.race([reload, sleep(20000).then(() => null)]);
      if (t1 === null) {
        console.log(`${kind} edit ${i + 1}: no reload event within 20 s (${path.basename(file)})`);
        events.destroy();
        fs.writeFileSync(file, text);
        continue;
      }
      events.destroy();
      times.push(t1 - t0);
      const s = await getJson('/_compendium/status');
      console.log(`${kind} edits ${interval} ms apart, edit ${i + 1}: reload event after ${t1 - t0} ms; rebuild ${s.pages.milliseconds} ms (${s.pages.files_parsed} read, ${s.pages.rendered} rendered; ${s.pages.stages.map((x) => x.join(' ')).join(', ')})`);
      fs.writeFileSync(file, text);
      const wait = interval - (Date.now() - t0);
      if (wait > 0) await sleep(wait);
    }
    times.sort((a, b) => a - b);
    summary.push(`${kind} edits, saves ${interval} ms apart: median save-to-reload ${times[Math.floor(times.length / 2)]} ms (min ${times[0]}, max ${times[times.length - 1]}) over ${runs} edits`);
  }
  for (const line of summary) console.log(line);
  console.log('(each figure includes the watcher\'s 50 ms debounce; the file is restored after each edit, which is itself a save)');
  child.kill();
  process.exit(0);
})();
