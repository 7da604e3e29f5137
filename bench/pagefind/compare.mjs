#!/usr/bin/env node
// Judged queries, our engine beside Pagefind, in one run.
//
// Runs every query of tests/search_judged/queries.txt through
//   - `compendium search --json --limit 10` (the CLI, tantivy),
//   - our browser engine (engine.js on the built /search/ page, in Chromium),
//   - Pagefind over the case-study pages only, and
//   - Pagefind with its defaults over the whole site (both in Chromium),
// and scores them exactly as tests/suite/search_quality.rs does: nDCG@5 with
// gains 2^grade - 1 and the ideal from the judged grades, P@3 over the
// queries with a case study of grade 2 or more, the share of answerable
// queries with no result, and the no-answer queries with results.
//
// bench/pagefind.sh prepares the sites and calls this; see there for why.
// Usage:
//   node compare.mjs --root DIR --bin COMPENDIUM --ours SITE
//                    --pagefind-cases SITE --pagefind-all SITE
//                    [--pagefind-version V] [--detail]
// Needs chromium and chromedriver (CHROMIUM, CHROMEDRIVER override the paths).

import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import { readFileSync, readdirSync, statSync, lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const run = promisify(execFile);

// ------------------------------------------------------------ arguments

function parseArgs(argv) {
  const out = { detail: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--detail') { out.detail = true; continue; }
    const m = /^--([a-z-]+)$/.exec(a);
    if (!m || i + 1 >= argv.length) throw new Error(`unexpected argument ${a}`);
    out[m[1]] = argv[++i];
  }
  for (const need of ['root', 'bin', 'ours', 'pagefind-cases', 'pagefind-all']) {
    if (!out[need]) throw new Error(`--${need} is required`);
  }
  return out;
}

// ------------------------------------------------------------ judged set
// The same format and the same checks as search_quality.rs's `parse`, so a
// file the test accepts is read the same way here.

const KINDS = ['topic', 'phrase', 'place', 'organisation', 'person', 'money', 'acronym',
  'synonym', 'misspelling', 'partial', 'us-spelling', 'no-answer'];

function parseJudged(text, slugs) {
  const out = [];
  let block = null;
  const empty = () => ({ start: 0, kind: null, query: null, line: 0, grades: new Map(), none: false });
  const isEmpty = (b) => !b.kind && b.query === null && b.grades.size === 0 && !b.none;
  const finish = (b) => {
    const at = b.start;
    if (!b.kind) throw new Error(`line ${at}: a block must start with \`# kind: ...\``);
    if (b.query === null) throw new Error(`line ${at}: the block has no \`query:\` line`);
    if (b.none && b.grades.size) throw new Error(`line ${at}: the block has both \`answer: none\` and graded case studies`);
    if (!b.none && !b.grades.size) throw new Error(`line ${at}: the block has neither graded case studies nor \`answer: none\``);
    if ((b.kind === 'no-answer') !== b.none) throw new Error(`line ${at}: \`answer: none\` goes with \`# kind: no-answer\`, and only with it`);
    return { line: b.line, kind: b.kind, query: b.query, grades: b.grades };
  };
  block = empty();
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.trim();
    if (!line) {
      if (!isEmpty(block)) { out.push(finish(block)); block = empty(); }
      return;
    }
    if (line.startsWith('# kind:')) {
      if (!isEmpty(block)) throw new Error(`line ${n}: a new block starts before the one at line ${block.start} ended`);
      const kind = line.slice('# kind:'.length).trim();
      if (!KINDS.includes(kind)) throw new Error(`line ${n}: unknown kind \`${kind}\``);
      block.start = n;
      block.kind = kind;
      return;
    }
    if (line.startsWith('#')) return;
    if (!block.kind) throw new Error(`line ${n}: \`${line}\` is outside a block`);
    if (line.startsWith('query:')) {
      const query = line.slice('query:'.length).trim();
      if (block.query !== null) throw new Error(`line ${n}: a second \`query:\` in one block`);
      if (!query) throw new Error(`line ${n}: the query is empty`);
      const earlier = out.find((j) => j.query === query);
      if (earlier) throw new Error(`line ${n}: the query ${JSON.stringify(query)} is already judged at line ${earlier.line}`);
      block.query = query;
      block.line = n;
      return;
    }
    if (block.query === null) throw new Error(`line ${n}: \`query:\` must come before the answers`);
    if (line.startsWith('answer:')) {
      if (line.slice('answer:'.length).trim() !== 'none') throw new Error(`line ${n}: the only answer line is \`answer: none\``);
      block.none = true;
      return;
    }
    const [grade, slug] = line.split(/\s+/);
    if (grade === undefined || slug === undefined) throw new Error(`line ${n}: expected \`<grade> <slug>\`, found \`${line}\``);
    if (!['1', '2', '3'].includes(grade)) throw new Error(`line ${n}: the grade must be 1, 2 or 3, found \`${grade}\``);
    if (!slugs.has(slug)) throw new Error(`line ${n}: no case study has the slug \`${slug}\``);
    if (block.grades.has(slug)) throw new Error(`line ${n}: \`${slug}\` is graded twice in one block`);
    block.grades.set(slug, Number(grade));
  });
  if (!isEmpty(block)) out.push(finish(block));
  return out;
}

// ------------------------------------------------------------ metrics
// Transcribed from search_quality.rs; keep the two in step.

const gain = (g) => 2 ** g - 1;
const discount = (i) => 1 / Math.log2(i + 2);
const gradeOf = (j, slug) => j.grades.get(slug) ?? 0;
const answerable = (j) => j.grades.size > 0;

function ndcg(j, hits, k) {
  let dcg = 0;
  hits.slice(0, k).forEach((slug, i) => { dcg += gain(gradeOf(j, slug)) * discount(i); });
  const ideal = [...j.grades.values()].sort((a, b) => b - a);
  let idcg = 0;
  ideal.slice(0, k).forEach((g, i) => { idcg += gain(g) * discount(i); });
  return idcg > 0 ? dcg / idcg : 0;
}

const hasRelevant = (j) => [...j.grades.values()].some((g) => g >= 2);
const precisionAt3 = (j, hits) => hits.slice(0, 3).filter((s) => gradeOf(j, s) >= 2).length / 3;

class Figures {
  constructor() {
    Object.assign(this, { answerable: 0, ndcg5: 0, p3Queries: 0, p3: 0, zero: 0, noAnswer: 0, noAnswerWithResults: 0 });
  }

  add(j, hits) {
    if (answerable(j)) {
      this.answerable++;
      this.ndcg5 += ndcg(j, hits, 5);
      if (hasRelevant(j)) { this.p3Queries++; this.p3 += precisionAt3(j, hits); }
      if (hits.length === 0) this.zero++;
    } else {
      this.noAnswer++;
      if (hits.length) this.noAnswerWithResults++;
    }
  }
}

// ------------------------------------------------------------ a static server
// Each site on its own port, because all of them (ours and Pagefind's bundle)
// use root-relative URLs. Files are sent as they are: our search files are
// gzip that the engine unpacks itself, so no Content-Encoding.

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
};

function serve(dir) {
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    let file;
    try {
      const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      file = path.join(root, p);
      if (!file.startsWith(root)) throw new Error('outside');
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  // Port 0: the system picks a free one; `listening` is the ready state.
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${server.address().port}` }));
  });
}

// ------------------------------------------------------------ WebDriver
// chromedriver's HTTP API with plain fetch: no client library, no bundled browser.

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

async function until(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try { if (await probe()) return; } catch { /* not ready yet */ }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

class Browser {
  static async start(chromium, chromedriver, profile) {
    const port = await freePort();
    // Its own process group: a Ctrl-C in the terminal reaches Node, which then
    // closes the session in order, rather than Chromium dying mid-write.
    const driver = spawn(chromedriver, [`--port=${port}`], { stdio: 'ignore', detached: true });
    const b = new Browser(driver, `http://127.0.0.1:${port}`);
    const exited = new Promise((_, reject) => driver.once('exit', (code) => reject(new Error(`chromedriver exited (${code})`))));
    exited.catch(() => {});
    await Promise.race([exited, until('chromedriver', 20000, async () => (await (await fetch(`${b.url}/status`)).json()).value.ready)]);
    const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', `--user-data-dir=${profile}`];
    const caps = { capabilities: { alwaysMatch: { browserName: 'chrome', 'goog:chromeOptions': { binary: chromium, args } } } };
    const session = await b.post('/session', caps);
    b.session = session.sessionId;
    // Every query of one engine runs in one async script; give it room.
    await b.post('/timeouts', { script: 600000, pageLoad: 60000 });
    return b;
  }

  constructor(driver, url) { this.driver = driver; this.url = url; this.session = null; }

  async post(p, body) {
    const url = this.session ? `${this.url}/session/${this.session}${p}` : `${this.url}${p}`;
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const json = await res.json();
    if (!res.ok || (json.value && json.value.error)) {
      throw new Error(`webdriver ${p}: ${json.value ? `${json.value.error}: ${json.value.message}` : res.status}`);
    }
    return json.value;
  }

  goto(url) { return this.post('/url', { url }); }
  eval(script, args = []) { return this.post('/execute/sync', { script, args }); }
  evalAsync(script, args = []) { return this.post('/execute/async', { script, args }); }

  /** Closes the session (chromedriver closes Chromium and waits for it), then stops the driver. */
  async quit() {
    if (this.session) {
      await fetch(`${this.url}/session/${this.session}`, { method: 'DELETE' }).catch(() => {});
      this.session = null;
    }
    if (this.driver.exitCode === null && this.driver.signalCode === null) {
      const gone = new Promise((r) => this.driver.once('exit', r));
      this.driver.kill();
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
    }
  }
}

// ------------------------------------------------------------ the engines

/** `/case-studies/<slug>/` → slug; any other page is not a case study (null, grade 0). */
function slugOf(url) {
  const p = new URL(url, 'http://x').pathname.replace(/index\.html$/, '');
  const m = /^\/case-studies\/([^/]+)\/$/.exec(p);
  return m ? m[1] : null;
}

const LIMIT = 10;

async function cli(bin, root, queries) {
  // Two at a time, as the quality test does (the machine is shared).
  const out = new Array(queries.length);
  let next = 0;
  const worker = async () => {
    while (next < queries.length) {
      const i = next++;
      const { stdout } = await run(bin, ['search', '--root', root, '--json', '--limit', String(LIMIT), '--', queries[i]], { maxBuffer: 64 << 20 });
      out[i] = JSON.parse(stdout).hits.map((h) => h.slug);
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}

// In the page: our engine as ui.js creates it, then search and display, so
// the URLs are the ones the page would link to.
const OURS_IN_PAGE = `
const [queries, limit, done] = arguments;
(async () => {
  const form = document.querySelector('form[data-manifest]');
  const manifestUrl = form.getAttribute('data-manifest');
  const E = window.CompendiumEngine;
  const engine = await E.create(E.browserLoader(manifestUrl), manifestUrl.slice(manifestUrl.lastIndexOf('/') + 1));
  const out = [];
  for (const q of queries) {
    const result = await engine.search(q, {}, limit);
    const shown = await engine.display(result.plan, result.hits);
    out.push(shown.map((h) => h.url));
  }
  return out;
})().then((urls) => done({ urls }), (e) => done({ error: String(e && e.stack || e) }));
`;

// In the page: Pagefind's own bundle, as its docs say to load it, with its defaults.
const PAGEFIND_IN_PAGE = `
const [queries, limit, done] = arguments;
(async () => {
  const pagefind = await import('/pagefind/pagefind.js');
  if (pagefind.init) await pagefind.init();
  const out = [];
  for (const q of queries) {
    const search = await pagefind.search(q);
    const data = await Promise.all(search.results.slice(0, limit).map((r) => r.data()));
    out.push(data.map((d) => d.url));
  }
  return out;
})().then((urls) => done({ urls }), (e) => done({ error: String(e && e.stack || e) }));
`;

async function inBrowser(browser, base, page, ready, script, queries, name) {
  await browser.goto(`${base}${page}`);
  await until(`${name}: the page to be ready`, 20000, () => browser.eval(ready));
  const got = await browser.evalAsync(script, [queries, LIMIT]);
  if (got.error) throw new Error(`${name}: ${got.error}`);
  return got.urls;
}

// ------------------------------------------------------------ report

const fmt = (v, n) => (n === 0 ? '-' : v.toFixed(3));

function row(name, f) {
  return `| ${name} | ${fmt(f.ndcg5 / f.answerable, f.answerable)} | ${fmt(f.p3 / f.p3Queries, f.p3Queries)} | `
    + `${f.answerable ? `${f.zero} of ${f.answerable}` : '-'} | ${f.noAnswer ? `${f.noAnswerWithResults} of ${f.noAnswer}` : '-'} |`;
}

const HEAD = '| engine | nDCG@5 | P@3 | answerable with no result | no-answer with results |\n|---|---|---|---|---|';

/** The first `n` results with their grades; a page that is not a case study by its path. */
function shown(j, hits, urls, n) {
  if (!hits.length) return '(nothing)';
  return hits.slice(0, n).map((s, i) => (s ? `${s}[${gradeOf(j, s)}]` : `${new URL(urls[i], 'http://x').pathname}[0]`)).join(', ');
}

// ------------------------------------------------------------ main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const root = path.resolve(opts.root);
  const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
  const chromedriver = process.env.CHROMEDRIVER || '/usr/bin/chromedriver';
  const slugs = new Set(readdirSync(path.join(root, 'content/case-studies')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)));
  const judged = parseJudged(readFileSync(path.join(root, 'tests/search_judged/queries.txt'), 'utf8'), slugs);
  const queries = judged.map((j) => j.query);

  const servers = [];
  let browser = null;
  const profile = mkdtempSync(path.join(tmpdir(), 'compendium-bench-chromium-'));
  const cleanup = async () => {
    if (browser) await browser.quit();
    browser = null;
    for (const s of servers) s.server.close();
    servers.length = 0;
    // Chromium removes its SingletonLock last as it exits; removing the
    // profile before then would leave the files it still writes.
    await until('Chromium to let go of its profile', 10000, () => {
      try { lstatSync(path.join(profile, 'SingletonLock')); return false; } catch { return true; }
    }).catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  // A signal still closes the browser and the servers (bench/pagefind.sh
  // removes the sites); and however Node ends, the driver is stopped and the
  // profile removed (only synchronous work runs at `exit`).
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => { cleanup().finally(() => process.exit(130)); });
  }
  process.once('exit', () => {
    if (browser && browser.driver.exitCode === null && browser.driver.signalCode === null) browser.driver.kill();
    rmSync(profile, { recursive: true, force: true });
  });

  const engines = [];
  try {
    const [ours, cases, all] = await Promise.all([serve(opts.ours), serve(opts['pagefind-cases']), serve(opts['pagefind-all'])]);
    servers.push(ours, cases, all);
    // The CLI runs while the browser starts; its failure is reported where it
    // is awaited, not as an unhandled rejection that would skip the cleanup.
    const cliHits = cli(opts.bin, root, queries);
    cliHits.catch(() => {});
    browser = await Browser.start(chromium, chromedriver, profile);
    const oursReady = "return document.readyState === 'complete' && !!window.CompendiumEngine && !!document.querySelector('form[data-manifest]')";
    const pfReady = "return document.readyState === 'complete'";
    const browserUrls = await inBrowser(browser, ours.base, '/search/', oursReady, OURS_IN_PAGE, queries, 'our browser engine');
    const caseUrls = await inBrowser(browser, cases.base, '/', pfReady, PAGEFIND_IN_PAGE, queries, 'Pagefind (case studies)');
    const allUrls = await inBrowser(browser, all.base, '/', pfReady, PAGEFIND_IN_PAGE, queries, 'Pagefind (whole site)');
    const v = opts['pagefind-version'] ? ` ${opts['pagefind-version']}` : '';
    const fromUrls = (name, urls) => ({ name, urls, hits: urls.map((u) => u.map(slugOf)) });
    const cliSlugs = await cliHits;
    engines.push(
      { name: 'compendium, CLI (tantivy)', hits: cliSlugs, urls: cliSlugs },
      fromUrls('compendium, browser engine', browserUrls),
      fromUrls(`Pagefind${v}, case-study pages only`, caseUrls),
      fromUrls(`Pagefind${v}, whole site, defaults`, allUrls),
    );
  } finally {
    await cleanup();
  }

  // Our two engines should agree (tests/suite/search_parity.rs proves it on
  // other queries); say so if they do not, since the table would then differ.
  const disagree = judged.filter((_, i) => JSON.stringify(engines[0].hits[i]) !== JSON.stringify(engines[1].hits[i]));

  const n = judged.length;
  const nAnswerable = judged.filter(answerable).length;
  const nP3 = judged.filter((j) => answerable(j) && hasRelevant(j)).length;
  const lines = [];
  lines.push(`${n} judged queries (${nAnswerable} answerable, ${n - nAnswerable} with no answer); P@3 over the ${nP3} with a case study of grade 2 or more; the first ${LIMIT} results of each engine.`);
  lines.push(`CLI and browser engine: ${disagree.length ? `${disagree.length} queries with different top ${LIMIT}: ${disagree.map((j) => JSON.stringify(j.query)).join(', ')}` : `the same top ${LIMIT} for every query`}.`);
  lines.push('');
  for (const group of ['overall', ...KINDS]) {
    const subset = judged.map((j, i) => [j, i]).filter(([j]) => group === 'overall' || j.kind === group);
    if (!subset.length) continue;
    lines.push(`### ${group} (${subset.length} ${subset.length === 1 ? 'query' : 'queries'})`, '', HEAD);
    for (const e of engines) {
      const f = new Figures();
      for (const [j, i] of subset) f.add(j, e.hits[i]);
      lines.push(row(e.name, f));
    }
    lines.push('');
  }

  // One line per kind, nDCG@5 only, to see every engine at a glance.
  lines.push('### nDCG@5 by kind', '', `| kind | n | ${engines.map((e) => e.name).join(' | ')} |`, `|---|---|${engines.map(() => '---|').join('')}`);
  for (const kind of KINDS.filter((k) => k !== 'no-answer')) {
    const subset = judged.map((j, i) => [j, i]).filter(([j]) => j.kind === kind);
    if (!subset.length) continue;
    const cells = engines.map((e) => {
      const f = new Figures();
      for (const [j, i] of subset) f.add(j, e.hits[i]);
      return fmt(f.ndcg5 / f.answerable, f.answerable);
    });
    lines.push(`| ${kind} | ${subset.length} | ${cells.join(' | ')} |`);
  }
  lines.push('');

  // nDCG@5 per query (1 or 0 for no-answer: nothing returned or something),
  // as the quality test's detail; then where Pagefind scores above us.
  const score = (j, hits) => (answerable(j) ? ndcg(j, hits, 5) : (hits.length ? 0 : 1));
  const beaten = [];
  judged.forEach((j, i) => {
    const ourScore = score(j, engines[0].hits[i]);
    for (const e of engines.slice(2)) {
      const theirs = score(j, e.hits[i]);
      if (theirs > ourScore + 1e-9) beaten.push({ j, e, i, ourScore, theirs });
    }
  });
  lines.push(`### queries where Pagefind scores above the CLI (${beaten.length})`, '');
  if (beaten.length) {
    lines.push('| kind | query | Pagefind | theirs | ours | its first three | our first three |', '|---|---|---|---|---|---|---|');
    for (const b of beaten) {
      const which = b.e.name.includes('whole') ? 'whole site' : 'case studies';
      lines.push(`| ${b.j.kind} | ${b.j.query.replace(/\|/g, '\\|')} | ${which} | ${b.theirs.toFixed(2)} | ${b.ourScore.toFixed(2)} | ${shown(b.j, b.e.hits[b.i], b.e.urls[b.i], 3)} | ${shown(b.j, engines[0].hits[b.i], engines[0].urls[b.i], 3)} |`);
    }
  } else {
    lines.push('(none)');
  }
  lines.push('');

  if (opts.detail) {
    lines.push('### every query (score: nDCG@5, or for no-answer 1 if nothing returned; first three with their grades)', '');
    judged.forEach((j, i) => {
      lines.push(`- ${j.kind} ${JSON.stringify(j.query)} (line ${j.line})`);
      for (const e of engines) lines.push(`  - ${score(j, e.hits[i]).toFixed(2)} ${e.name}: ${shown(j, e.hits[i], e.urls[i], 3)}`);
    });
    lines.push('');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((e) => {
  process.stderr.write(`compare.mjs: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
