#!/usr/bin/env node
// Reads UTF-8 lines from stdin and prints, for each line, one line of JSON:
// the array of tokens that analyze() (themes/default/static/search/analyzer.js)
// produces for it.  Lines are split on "\n" with one trailing "\r" removed,
// like Rust's BufRead::lines(), so a Rust test can pipe strings through it
// and compare with tantivy line by line.
'use strict';
const path = require('path');
const { analyze } = require(path.join(__dirname, '..', '..', 'themes', 'default', 'static', 'search', 'analyzer.js'));

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const text = Buffer.concat(chunks).toString('utf8');
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const out = [];
  for (let line of lines) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    out.push(JSON.stringify(analyze(line)));
  }
  process.stdout.write(out.length ? out.join('\n') + '\n' : '');
});
