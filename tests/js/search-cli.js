#!/usr/bin/env node
// Runs the browser search engine (themes/default/static/search/engine.js) in
// Node against a built site's /search/ folder. Reads one JSON query per line
// on stdin ({"q": "...", "filters": {...}, "limit": 10}) and prints one JSON
// line per query: {total, hits: [{id, url, score}], facets, plan}.
// Used by the Rust ranking-parity tests.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const engineApi = require(path.join(__dirname, '..', '..', 'themes', 'default', 'static', 'search', 'engine.js'));

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: search-cli.js <site>/search\n');
  process.exit(2);
}
const manifest = fs.readdirSync(dir).find((f) => /^meta\..*\.bin$/.test(f));
const load = (name) => Promise.resolve(new Uint8Array(zlib.gunzipSync(fs.readFileSync(path.join(dir, name)))));

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const engine = await engineApi.create(load, manifest);
  const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter((l) => l.trim());
  const out = [];
  for (const line of lines) {
    const query = JSON.parse(line);
    const result = await engine.search(query.q, query.filters || {}, query.limit || 10, query.offset || 0, '', { partial: !!query.partial, saving: query.saving || null });
    const shown = await engine.display(result.plan, result.hits);
    out.push(JSON.stringify({
      total: result.total,
      words: result.words,
      all_words: result.all_words,
      unlisted: result.unlisted,
      suggestion: result.suggestion,
      hits: shown.map((h) => ({ id: h.id, url: h.url, score: h.score, title: h.title })),
      facets: result.facets,
      plan: result.plan.terms,
    }));
  }
  process.stdout.write(out.join('\n') + '\n');
});
