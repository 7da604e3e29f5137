#!/usr/bin/env node
// Reads words (one per line, folded) on stdin and prints, for each, one line
// of JSON: the British spellings engine.js gives it, with the US endings
// built from a built site's manifest (the gzipped file named on the command
// line), so a Rust test can compare them with `spelling::british`.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const engine = require(path.join(__dirname, '..', '..', 'themes', 'default', 'static', 'search', 'engine.js'));

const manifest = JSON.parse(zlib.gunzipSync(fs.readFileSync(process.argv[2])));
const endings = engine.usEndings(manifest.spelling.us_spellings);
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const words = Buffer.concat(chunks).toString('utf8').split('\n').filter((w) => w !== '');
  process.stdout.write(words.map((w) => JSON.stringify(engine.british(w, endings))).join('\n') + '\n');
});
