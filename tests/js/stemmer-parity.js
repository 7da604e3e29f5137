#!/usr/bin/env node
// Usage: node tests/js/stemmer-parity.js <voc.txt> <output.txt>
// Stems every word of voc.txt with stem() from analyzer.js and compares it
// with the same line of output.txt (Snowball's English reference data, see
// tests/data/snowball-english/).  Prints the number checked and the first 20
// differences; exits 1 on any difference.
'use strict';
const fs = require('fs');
const path = require('path');
const { stem } = require(path.join(__dirname, '..', '..', 'themes', 'default', 'static', 'search', 'analyzer.js'));

const [vocPath, outPath] = process.argv.slice(2);
if (!vocPath || !outPath) {
  console.error('usage: node tests/js/stemmer-parity.js <voc.txt> <output.txt>');
  process.exit(2);
}
const lines = (p) => {
  const l = fs.readFileSync(p, 'utf8').split('\n').map((s) => (s.endsWith('\r') ? s.slice(0, -1) : s));
  if (l.length && l[l.length - 1] === '') l.pop();
  return l;
};
const voc = lines(vocPath);
const expected = lines(outPath);
if (voc.length !== expected.length) {
  console.error(`line counts differ: ${voc.length} words, ${expected.length} stems`);
  process.exit(1);
}
let diffs = 0;
for (let i = 0; i < voc.length; i++) {
  const got = stem(voc[i]);
  if (got !== expected[i]) {
    if (diffs < 20) console.log(`line ${i + 1}: ${JSON.stringify(voc[i])} -> ${JSON.stringify(got)}, expected ${JSON.stringify(expected[i])}`);
    diffs++;
  }
}
console.log(`checked ${voc.length} words, ${diffs} differences`);
process.exit(diffs ? 1 : 0);
