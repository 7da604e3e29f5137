#!/usr/bin/env python3
"""Generate the ASCII-folding table of themes/default/static/search/analyzer.js
from tantivy's own source (src/tokenizer/ascii_folding_filter.rs).

The browser analyser must fold exactly as tantivy's AsciiFoldingFilter does, so
the table is never written by hand: this script parses the `match` in
`fold_non_ascii_char` (first arm wins, as in Rust), keeps only the entries the
analyser can ever reach, run-length encodes them into a short ASCII string and
rewrites the block between the GENERATED markers in analyzer.js.

Reachability: tantivy's pipeline is SimpleTokenizer -> RemoveLongFilter ->
LowerCaser -> AsciiFoldingFilter, so the folder only ever sees characters that
come out of lowercasing (Rust `char::to_lowercase`) a token character (Rust
`char::is_alphanumeric`).  Upper-case letters and punctuation in the table can
never reach it and are dropped (about 40% of the table).  The reachable set is
computed with Node (`/[\\p{Alphabetic}\\p{N}]/u` and per-character
`toLowerCase()`, which match Rust's tables exactly for the same Unicode
version); all characters in the folding table are old, stable Unicode, so the
result does not depend on the exact Unicode version.  Use --full to keep every
entry instead.

Encoding: entries are sorted by code point and grouped into runs
  <delta>[(*|+)<count>[~]] <output>
separated by '|', where <delta> (base 36) is the distance from the previous
run's last code point to this run's first, '*' means count code points that
all fold to <output>, '+' means each following code point folds to the
"successor" of the previous output (see succ() below; e.g. U+24D0.. -> a, b, c,
or U+2474.. -> (1), (2), ...), and '~' means the run steps by 2 code points
instead of 1.  The JS decoder in analyzer.js implements the same succ().

Usage:
  python3 tools/gen-ascii-folding.py [--rs PATH] [--full] [--check] [--js PATH]
    --rs     path of tantivy's ascii_folding_filter.rs (default: the
             tantivy-0.27.0 copy in ~/.cargo/registry/src/*/)
    --check  do not write; exit 1 if analyzer.js is not up to date
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_JS = os.path.join(HERE, '..', 'themes', 'default', 'static', 'search', 'analyzer.js')
BEGIN = '/* BEGIN GENERATED ASCII FOLDING TABLE (tools/gen-ascii-folding.py) */'
END = '/* END GENERATED ASCII FOLDING TABLE */'
B36 = '0123456789abcdefghijklmnopqrstuvwxyz'


def find_rs():
    pats = [os.path.expanduser('~/.cargo/registry/src/*/tantivy-0.27.0/src/tokenizer/ascii_folding_filter.rs')]
    if os.environ.get('CARGO_HOME'):
        pats.insert(0, os.path.join(os.environ['CARGO_HOME'], 'registry/src/*/tantivy-0.27.0/src/tokenizer/ascii_folding_filter.rs'))
    for p in pats:
        hits = sorted(glob.glob(p))
        if hits:
            return hits[0]
    sys.exit('cannot find tantivy-0.27.0 ascii_folding_filter.rs; run `cargo fetch` or pass --rs')


def rust_unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == '\\':
            n = s[i + 1]
            if n == 'u':
                j = s.index('}', i)
                out.append(chr(int(s[i + 3:j], 16)))
                i = j + 1
                continue
            out.append({'n': '\n', 't': '\t', 'r': '\r', '0': '\0', '\\': '\\', '"': '"', "'": "'"}[n])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return ''.join(out)


def parse(rs_path):
    src = open(rs_path, encoding='utf-8').read()
    body = src[src.index('fn fold_non_ascii_char'):src.index('fn to_ascii')]
    table, pending, arms = {}, [], 0
    for line in body.split('\n'):
        code = re.sub(r'//.*$', '', line) if '=>' not in line else line
        pending += [int(h, 16) for h in re.findall(r"'\\u\{([0-9A-Fa-f]+)\}'", code)]
        m = re.search(r'=>\s*Some\("((?:[^"\\]|\\.)*)"\)', line)
        if m:
            arms += 1
            out = rust_unescape(m.group(1))
            for cp in pending:
                table.setdefault(cp, out)  # first arm wins, as in a Rust match
            pending = []
    assert not pending, 'code points without a folded value'
    assert arms > 200 and len(table) > 1000, (arms, len(table))
    return table


NODE_REACH = r"""
const re = /^[\p{Alphabetic}\p{N}]$/u, seen = new Set();
for (let cp = 0; cp <= 0x10FFFF; cp++) {
  if (cp >= 0xD800 && cp <= 0xDFFF) continue;
  const c = String.fromCodePoint(cp);
  if (re.test(c)) for (const ch of c.toLowerCase()) seen.add(ch.codePointAt(0));
}
process.stdout.write(JSON.stringify([...seen]));
"""


def reachable():
    out = subprocess.run(['node', '-e', NODE_REACH], check=True, capture_output=True, text=True).stdout
    return set(json.loads(out))


def succ(o):
    """Successor of an output, as in analyzer.js: bump the number if there is
    one, else bump the only letter; None if neither applies."""
    m = re.search(r'\d+', o)
    if m:
        return o[:m.start()] + str(int(m.group()) + 1) + o[m.end():]
    letters = [i for i, ch in enumerate(o) if ch.isascii() and ch.isalpha()]
    if len(letters) == 1 and o[letters[0]] not in 'zZ':
        i = letters[0]
        return o[:i] + chr(ord(o[i]) + 1) + o[i + 1:]
    return None


def b36(n):
    s = ''
    while True:
        s = B36[n % 36] + s
        n //= 36
        if n == 0:
            return s


def encode(table):
    runs = []  # [start, count, step, output, mode]
    for cp in sorted(table):
        out = table[cp]
        if runs:
            r = runs[-1]
            start, n, step, o0, mode = r
            last = start + (n - 1) * step
            if n == 1:
                if cp - last <= 2 and succ(o0) == out:
                    r[1:] = [2, cp - last, o0, '+']
                    continue
                if cp - last <= 2 and o0 == out:
                    r[1:] = [2, cp - last, o0, '*']
                    continue
            else:
                exp = o0
                if mode == '+':
                    for _ in range(n):
                        exp = succ(exp)
                if cp - last == step and exp == out:
                    r[1] += 1
                    continue
        runs.append([cp, 1, 1, out, '*'])
    recs, prev = [], 0
    for start, n, step, out, mode in runs:
        assert out and '|' not in out and ' ' not in out and out.isascii()
        rec = b36(start - prev)
        if n > 1:
            rec += mode + b36(n) + ('~' if step == 2 else '')
        recs.append(rec + ' ' + out)
        prev = start + (n - 1) * step
    return '|'.join(recs)


def decode(enc):
    """Python twin of the JS decoder, used to check the round trip."""
    table, cp = {}, 0
    for rec in enc.split('|'):
        m = re.fullmatch(r'([0-9a-z]+)(?:([*+])([0-9a-z]+)(~?))? (.+)', rec)
        cp += int(m.group(1), 36)
        n = int(m.group(3), 36) if m.group(3) else 1
        step, out = (2 if m.group(4) else 1), m.group(5)
        for i in range(n):
            if i:
                cp += step
                if m.group(2) == '+':
                    out = succ(out)
            table[cp] = out
    return table


def js_string(s):
    return "'" + s.replace('\\', '\\\\').replace("'", "\\'") + "'"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--rs')
    ap.add_argument('--js', default=DEFAULT_JS)
    ap.add_argument('--full', action='store_true')
    ap.add_argument('--check', action='store_true')
    a = ap.parse_args()
    rs = a.rs or find_rs()
    table = parse(rs)
    total = len(table)
    if not a.full:
        reach = reachable()
        table = {k: v for k, v in table.items() if k in reach}
    enc = encode(table)
    assert decode(enc) == table, 'round trip failed'
    assert all(k < 0xD800 or 0xE000 <= k <= 0xFFFF for k in table), 'table must be BMP (decoder uses charCodeAt)'
    block = (BEGIN + '\n'
             + '  // tantivy 0.27.0 AsciiFoldingFilter: %d of %d entries (%s), %d runs.\n'
             % (len(table), total, 'all' if a.full else 'only those reachable after LowerCaser', enc.count('|') + 1)
             + '  var FOLD_RUNS = ' + js_string(enc) + ';\n  ' + END)
    js = open(a.js, encoding='utf-8').read()
    i, j = js.index(BEGIN), js.index(END) + len(END)
    new = js[:i] + block + js[j:]
    if a.check:
        if new != js:
            sys.exit('analyzer.js folding table is out of date: run tools/gen-ascii-folding.py')
        print('analyzer.js folding table is up to date (%d entries)' % len(table))
        return
    with open(a.js, 'w', encoding='utf-8') as f:
        f.write(new)
    print('wrote %d entries (%d runs, %d chars) from %s' % (len(table), enc.count('|') + 1, len(enc), rs))


if __name__ == '__main__':
    main()
