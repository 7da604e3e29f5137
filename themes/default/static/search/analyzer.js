/*
 * compendium search: text analyser, the browser twin of the index's tantivy
 * 0.27 TextAnalyzer
 *
 *   TextAnalyzer::builder(SimpleTokenizer::default())
 *       .filter(RemoveLongFilter::limit(40))
 *       .filter(LowerCaser)
 *       .filter(AsciiFoldingFilter)
 *       .filter(Stemmer::new(Language::English))   // Snowball English via frostem
 *
 * It must produce exactly the same tokens, so every step follows tantivy:
 *  - tokens: maximal runs of Rust char::is_alphanumeric() characters, i.e.
 *    Unicode Alphabetic or general category N* (apostrophes, hyphens and
 *    combining accents split tokens);
 *  - tokens of 40 or more UTF-8 BYTES are dropped (measured before
 *    lowercasing and folding);
 *  - lowercasing is Rust char::to_lowercase, one character at a time: like
 *    JS toLowerCase() except that a final capital sigma (U+03A3) becomes
 *    U+03C3, never the final form U+03C2;
 *  - ASCII folding uses a table generated from tantivy's source by
 *    tools/gen-ascii-folding.py (do not edit it by hand);
 *  - the stemmer is a port of the Snowball English (Porter2) stemmer as
 *    generated into frostem (Snowball 3.x), with its runtime's semantics.
 *
 * Character classes and case mapping come from the JS engine's Unicode
 * tables (\p{Alphabetic}, \p{N}, toLowerCase), tantivy's from the Rust
 * toolchain's; both were Unicode 17.0 when this was checked code point by
 * code point, and only characters new in a later Unicode version can differ.
 *
 * Plain ES2018 (uses /\p{...}/u), no dependencies, pure ASCII.  In Node:
 *   const { analyze, stem, tokenize } = require('./analyzer.js');
 * In a worker or page (classic script / importScripts): self.CompendiumAnalyzer.
 */
(function (root) {
  'use strict';

  // ---- SimpleTokenizer --------------------------------------------------
  var TOKEN_RE = /[\p{Alphabetic}\p{N}]+/gu;

  /** SimpleTokenizer alone: the raw tokens, in order. */
  function tokenize(text) {
    return String(text).match(TOKEN_RE) || [];
  }

  // ---- RemoveLongFilter::limit(40): keep tokens with UTF-8 length < 40 --
  var LIMIT = 40;
  function utf8Length(s) {
    var n = s.length, i, c;
    for (i = 0; i < s.length; i++) {
      c = s.charCodeAt(i);
      // 2 bytes below U+0800, 3 for other BMP, 4 for a surrogate pair (2 units)
      if (c >= 0x80) n += (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) ? 1 : 2;
    }
    return n;
  }

  // ---- LowerCaser ---------------------------------------------------------
  var ASCII_RE = /^[\x00-\x7f]*$/;
  function lowercase(s) {
    // JS toLowerCase() is Rust's char::to_lowercase() applied to each
    // character, except for the context-dependent final sigma (U+03A3 -> U+03C2);
    // tantivy maps characters one by one, so U+03A3 is always U+03C3.
    if (s.indexOf('\u03a3') < 0) return s.toLowerCase();
    var out = '';
    for (var ch of s) out += ch.toLowerCase();
    return out;
  }

  // ---- AsciiFoldingFilter -------------------------------------------------
  /* BEGIN GENERATED ASCII FOLDING TABLE (tools/gen-ascii-folding.py) */
  // tantivy 0.27.0 AsciiFoldingFilter: 714 of 1242 entries (only those reachable after LowerCaser), 307 runs.
  var FOLD_RUNS = '4y+2 2|6 1|12 ss|1*6 a|1 ae|1 c|1*4 e|1*4 i|1 d|1+2 n|1*4 o|2 o|1*4 u|1 y|1 th|1 y|2*3~ a|2*4~ c|2*2~ d|2*5~ e|2*4~ g|2*2~ h|2*5~ i|2 ij|2+2~ j|1 q|2*5~ l|2*3~ n|1*2~ n|2*3~ o|2 oe|2*3~ r|2*4~ s|2*3~ t|2*6~ u|2 w|2 y|3*3~ z|1 s|1 b|3 b|5 c|4 d|6 f|3 hv|4+2 k|4 n|3 o|4 p|6*2~ t|3 u|4+2~ y|9 w|7 dz|3 lj|3 nj|2 a|2 i|2 o|2*5~ u|1 e|2*2~ a|2 ae|2*2~ G|2 k|2*2~ o|3 j|3 dz|2 g|4 n|2 a|2 ae|2 o|2*2~ a|2*2~ e|2*2~ i|2*2~ o|2*2~ r|2*2~ u|2+2~ s|2 z|2 h|2 d|2 ou|2 z|2 a|2 e|2*4~ o|2 y|1 l|1 n|1 t|1 j|1 db|1 qp|3 c|3 s|1 z|7 e|2 j|2+2~ q|2 y|1 a|3 b|1 o|1+2 c|1+2 d|1*2 a|1*4 e|1 j|1*2 g|1 G|3*2 h|2 i|2 I|1*3 l|2*3 m|1*2 n|1 N|1 o|1 OE|6*4 r|1*2 R|1 s|2 j|3*2 t|1+2~ u|1+2 v|1 y|1 Y|1*2 z|6 C|2 B|1 e|1+2 G|1+2 j|1 L|1 q|3*2~ dz|1 ts|2 tc|2 ls|1 lz|3*2 h|575 A|1 AE|1 ae|1+3 B|1+2 D|1 e|1 i|1+6 J|1 O|4 oe|1 OU|1*2 o|1 P|1*2 R|1+2 T|4+2 V|1 Z|1s i|1 r|1+2 u|6 ue|1 b|1 d|1 f|1+2 m|1 p|1*2 r|1+2 s|1 z|1*2~ g|1 th|1 I|1 i|1 p|1 U|2 b|1 d|1+2 f|1+4 k|1 p|1+2 r|2 v|1 x|1 z|1 a|2+2 d|1*2 e|1 a|1 i|1 o|2 u|2w+2~ a|2*2~ b|2+2~ c|2*4~ d|2*5~ e|2+3~ f|2*4~ h|2*2~ i|2*3~ k|2*4~ l|2*3~ m|2*4~ n|2*4~ o|2*2~ p|2*4~ r|2*5~ s|2*4~ t|2*5~ u|2*2~ v|2*5~ w|2*2~ x|2+2~ y|2*2~ z|1 h|1 t|1 w|1 y|1 a|1 f|1*2 s|4*c~ a|2*8~ e|2*2~ i|2*c~ o|2*7~ u|2*4~ y|2 ll|4 y|a9 0|1 i|3+6 4|6 n|1+a 0|7 a|1 e|1 o|1 x|1 a|6o c|kc+k 1|1+k (1)|1+k 1.|1h+q a|1 0|1+a 11|1+a 1|1 0|hj+a 1|1+a 1|1+a 1|y6 l|4 a|1 t|2 h|2 k|2 z|5+2~ v|1 v|2 h|2 e|2 o|1 E|1 j|o8d tz|7 F|1 S|2 aa|2 ao|2 au|2*2~ av|2 ay|2 c|2*3~ k|2*2~ l|2*2~ o|2 oo|2*3~ p|2*2~ q|2 r|4 v|2 vy|2 z|4 th|j d|2 f|3 g|2 l|2 r|2 S|3a F|1 p|1 M|1 I|1 M|ge9 ff|1 fi|1 fl|1 ffi|1 ffl|2 st|sq+a 0|14+q a';
  /* END GENERATED ASCII FOLDING TABLE */

  function succ(o) {
    var m = /\d+/.exec(o), i;
    if (m) return o.slice(0, m.index) + (+m[0] + 1) + o.slice(m.index + m[0].length);
    i = o.search(/[A-Za-z]/);
    return o.slice(0, i) + String.fromCharCode(o.charCodeAt(i) + 1) + o.slice(i + 1);
  }

  var FOLD = Object.create(null);
  (function () {
    var recs = FOLD_RUNS.split('|'), cp = 0, r, m, n, step, out, i, j;
    for (r = 0; r < recs.length; r++) {
      m = /^([0-9a-z]+)(?:([*+])([0-9a-z]+)(~?))? (.+)$/.exec(recs[r]);
      cp += parseInt(m[1], 36);
      n = m[3] ? parseInt(m[3], 36) : 1;
      step = m[4] ? 2 : 1;
      out = m[5];
      for (i = 0; i < n; i++) {
        if (i) {
          cp += step;
          if (m[2] === '+') out = succ(out);
        }
        FOLD[cp] = out;
      }
    }
  })();

  // Only characters that LowerCaser can output are in the table; all BMP.
  function fold(s) {
    var out = '', last = 0, i, f;
    for (i = 0; i < s.length; i++) {
      f = FOLD[s.charCodeAt(i)];
      if (f !== undefined) {
        out += s.slice(last, i) + f;
        last = i + 1;
      }
    }
    return last ? out + s.slice(last) : s;
  }

  // ---- Snowball English stemmer -------------------------------------------
  // Port of frostem's english_stemmer.rs (generated from Snowball's
  // english.sbl) and of its SnowballEnv runtime.  The state is a string with
  // cursor/limit/limit_backward/bra/ket as UTF-16 offsets; "characters" are
  // Unicode scalar values (surrogate pairs are stepped over as one), which
  // is what Rust's byte-offset runtime counts too.
  var S, C, L, LB, BRA, KET;

  var G_v = [17, 65, 16, 1];            // a e i o u y
  var G_v_WXY = [1, 17, 65, 208, 1];    // Y a e i o u w x y
  var G_aeo = [17, 64];                 // a e o
  var G_valid_LI = [55, 141, 2];        // c d e g h k m n r t

  // Among tables "string:result ..."; find_among picks the longest match.
  function among(spec) {
    return spec.split(' ').map(function (e) {
      var k = e.lastIndexOf(':');
      return [e.slice(0, k), +e.slice(k + 1)];
    }).sort(function (a, b) { return b[0].length - a[0].length; });
  }
  var A_0 = among('arsen:-1 commun:-1 emerg:-1 gener:-1 inter:-1 later:-1 organ:-1 past:-1 univers:-1');
  var A_1 = among("':1 's':1 's:1");
  var A_2 = among('ied:2 s:3 ies:2 sses:1 ss:-1 us:-1');
  var A_3 = among('succ:1 proc:1 exc:1');
  var A_4 = among('even:2 cann:2 inn:2 earr:2 herr:2 out:2 y:1');
  var A_5 = among(':-1 ed:2 eed:1 ing:3 edly:2 eedly:1 ingly:2');
  var A_6 = among(':3 bb:2 dd:2 ff:2 gg:2 bl:1 mm:2 nn:2 pp:2 rr:2 at:1 tt:2 iz:1');
  var A_7 = among('anci:3 enci:2 ogi:14 li:16 bli:12 abli:4 alli:8 fulli:9 lessli:15 ousli:10 entli:5 ' +
    'aliti:8 biliti:12 iviti:11 tional:1 ational:7 alism:8 ation:7 ization:6 izer:6 ator:7 ' +
    'iveness:11 fulness:9 ousness:10 ogist:13');
  var A_8 = among('icate:4 ative:6 alize:3 iciti:4 ical:4 tional:1 ational:2 ful:5 ness:5');
  var A_9 = among('ic:1 ance:1 ence:1 able:1 ible:1 ate:1 ive:1 ize:1 iti:1 al:1 ism:1 ion:2 er:1 ' +
    'ous:1 ant:1 ent:1 ment:1 ement:1');
  var A_10 = among('e:1 l:2');
  var A_11 = among('andes:-1 atlas:-1 bias:-1 cosmos:-1 early:6 gently:4 howe:-1 idly:3 news:-1 ' +
    'only:7 singly:8 skies:2 skis:1 sky:-1 ugly:5');
  var A_11_TO = ['', 'ski', 'sky', 'idl', 'gentl', 'ugli', 'earli', 'onli', 'singl'];
  var A_7_TO = ['', 'tion', 'ence', 'ance', 'able', 'ent', 'ize', 'ate', 'al', 'ful', 'ous', 'ive', 'ble', 'og'];
  var A_8_TO = ['', 'tion', 'ate', 'al', 'ic'];

  function boundary(i) { // is offset i not inside a surrogate pair?
    var c = S.charCodeAt(i);
    if (c < 0xDC00 || c > 0xDFFF) return true;
    c = S.charCodeAt(i - 1);
    return !(c >= 0xD800 && c <= 0xDBFF);
  }
  function nextChar() { C++; if (!boundary(C)) C++; }
  function prevChar() { C--; if (!boundary(C)) C--; }
  function hop(n) {
    var r = C;
    while (n-- > 0) {
      if (r >= L) return false;
      r++;
      if (r < L && !boundary(r)) r++;
    }
    C = r;
    return true;
  }
  function hopBack(n) {
    var r = C;
    while (n-- > 0) {
      if (r <= LB) return false;
      r--;
      if (r > LB && !boundary(r)) r--;
    }
    C = r;
    return true;
  }
  function inG(g, min, max, ch) {
    if (ch > max || ch < min) return false;
    ch -= min;
    return (g[ch >> 3] & (1 << (ch & 7))) !== 0;
  }
  function inGrouping(g, min, max) {
    if (C >= L || !inG(g, min, max, S.charCodeAt(C))) return false;
    nextChar();
    return true;
  }
  function goInGrouping(g, min, max) {
    while (C < L) {
      if (!inG(g, min, max, S.charCodeAt(C))) return true;
      nextChar();
    }
    return false;
  }
  function goOutGrouping(g, min, max) {
    while (C < L) {
      if (inG(g, min, max, S.charCodeAt(C))) return true;
      nextChar();
    }
    return false;
  }
  function inGroupingB(g, min, max) {
    if (C <= LB) return false;
    var c = C;
    prevChar();
    if (inG(g, min, max, S.charCodeAt(C))) return true;
    C = c;
    return false;
  }
  function outGroupingB(g, min, max) {
    if (C <= LB) return false;
    var c = C;
    prevChar();
    if (!inG(g, min, max, S.charCodeAt(C))) return true;
    C = c;
    return false;
  }
  function goOutGroupingB(g, min, max) {
    while (C > LB) {
      var c = C;
      prevChar();
      if (inG(g, min, max, S.charCodeAt(C))) { C = c; return true; }
    }
    return false;
  }
  function eqS(s) {
    if (C >= L || !S.startsWith(s, C)) return false;
    C += s.length;
    return true;
  }
  function eqSB(s) {
    if (C - LB < s.length || !S.startsWith(s, C - s.length)) return false;
    C -= s.length;
    return true;
  }
  function findAmong(t) {
    for (var i = 0; i < t.length; i++) {
      var s = t[i][0];
      if (C + s.length <= L && S.startsWith(s, C)) { C += s.length; return t[i][1]; }
    }
    return 0;
  }
  function findAmongB(t) {
    for (var i = 0; i < t.length; i++) {
      var s = t[i][0];
      if (C - s.length >= LB && S.startsWith(s, C - s.length)) { C -= s.length; return t[i][1]; }
    }
    return 0;
  }
  function sliceFrom(s) {
    var adj = s.length - (KET - BRA);
    S = S.slice(0, BRA) + s + S.slice(KET);
    L += adj;
    if (C >= KET) C += adj;
    else if (C > BRA) C = BRA;
    KET = BRA + s.length;
  }
  function sliceDel() { sliceFrom(''); }

  function shortV() {
    var v = L - C;
    if (outGroupingB(G_v_WXY, 89, 121) && inGroupingB(G_v, 97, 121) && outGroupingB(G_v, 97, 121)) return true;
    C = L - v;
    if (outGroupingB(G_v, 97, 121) && inGroupingB(G_v, 97, 121) && C <= LB) return true;
    C = L - v;
    return eqSB('past');
  }

  /** The Snowball English stemmer alone (input expected lowercase). */
  function stem(word) {
    word = String(word);
    if (word.length < 3) return word;
    S = word; C = 0; L = S.length; LB = 0; BRA = 0; KET = 0;
    var v, p1, p2, yFound = false, c0;

    // exception1: whole-word special cases
    BRA = C;
    v = findAmong(A_11);
    if (v !== 0) {
      KET = C;
      if (C >= L) {
        if (v > 0) sliceFrom(A_11_TO[v]);
        return S;
      }
    }
    C = 0;
    if (!hop(3)) return S;
    C = 0;

    // prelude: drop a leading apostrophe, mark consonant y as Y
    BRA = C;
    if (eqS("'")) { KET = C; sliceDel(); }
    C = 0;
    BRA = C;
    if (eqS('y')) { KET = C; sliceFrom('Y'); yFound = true; }
    C = 0;
    for (;;) {
      var start = C, found = false;
      for (;;) {
        c0 = C;
        if (inGrouping(G_v, 97, 121)) {
          BRA = C;
          if (eqS('y')) { KET = C; C = c0; found = true; break; }
        }
        C = c0;
        if (C >= L) break;
        nextChar();
      }
      if (!found) { C = start; break; }
      sliceFrom('Y');
      yFound = true;
    }
    C = 0;

    // mark regions R1 (p1) and R2 (p2)
    p1 = L; p2 = L;
    regions: {
      if (findAmong(A_0) === 0) {
        C = 0;
        if (!goOutGrouping(G_v, 97, 121)) break regions;
        nextChar();
        if (!goInGrouping(G_v, 97, 121)) break regions;
        nextChar();
      }
      p1 = C;
      if (!goOutGrouping(G_v, 97, 121)) break regions;
      nextChar();
      if (!goInGrouping(G_v, 97, 121)) break regions;
      nextChar();
      p2 = C;
    }
    C = 0;

    LB = C; C = L;

    // Step 1a
    step1a: {
      KET = C;
      if (findAmongB(A_1) !== 0) { BRA = C; sliceDel(); }
      KET = C;
      v = findAmongB(A_2);
      if (v === 0) break step1a;
      BRA = C;
      if (v === 1) sliceFrom('ss');
      else if (v === 2) {
        c0 = L - C;
        if (hopBack(2)) sliceFrom('i');
        else { C = L - c0; sliceFrom('ie'); }
      } else if (v === 3) {
        if (C <= LB) break step1a;
        prevChar();
        if (!goOutGroupingB(G_v, 97, 121)) break step1a;
        prevChar();
        sliceDel();
      }
    }
    C = L;

    // Step 1b
    step1b: {
      KET = C;
      v = findAmongB(A_5);
      BRA = C;
      done: {
        var atSuffix = L - C;
        del: {
          if (v === 1) {                      // eed eedly
            if (p1 <= C) {
              c0 = L - C;
              if (!(findAmongB(A_3) !== 0 && C <= LB)) { C = L - c0; sliceFrom('ee'); }
            }
            break done;
          } else if (v === 2) {               // ed edly ingly
            break del;
          } else if (v === 3) {               // ing
            v = findAmongB(A_4);
            if (v === 0) break del;
            if (v === 1) {
              c0 = L - C;
              if (!outGroupingB(G_v, 97, 121)) break del;
              if (C > LB) break del;
              C = L - c0;
              BRA = C;
              sliceFrom('ie');
            } else if (v === 2) {
              if (C > LB) break del;
            }
            break done;
          } else {
            break done;
          }
        }
        C = L - atSuffix;
        c0 = L - C;
        if (!goOutGroupingB(G_v, 97, 121)) break step1b;
        C = L - c0;
        sliceDel();
        KET = C; BRA = C;
        var atEnd = L - C;
        v = findAmongB(A_6);
        if (v === 1) { sliceFrom('e'); break step1b; }
        if (v === 2) {
          c0 = L - C;
          if (inGroupingB(G_aeo, 97, 111) && C <= LB) break step1b;
          C = L - c0;
        } else if (v === 3) {
          if (C !== p1) break step1b;
          c0 = L - C;
          if (!shortV()) break step1b;
          C = L - c0;
          sliceFrom('e');
          break step1b;
        }
        C = L - atEnd;
        KET = C;
        if (C <= LB) break step1b;
        prevChar();
        BRA = C;
        sliceDel();
      }
    }
    C = L;

    // Step 1c
    step1c: {
      KET = C;
      if (!eqSB('y') && !eqSB('Y')) break step1c;
      BRA = C;
      if (!outGroupingB(G_v, 97, 121)) break step1c;
      if (C <= LB) break step1c;
      sliceFrom('i');
    }
    C = L;

    // Step 2
    step2: {
      KET = C;
      v = findAmongB(A_7);
      if (v === 0) break step2;
      BRA = C;
      if (p1 > C) break step2;
      if (v <= 13) sliceFrom(A_7_TO[v]);
      else if (v === 14) { if (!eqSB('l')) break step2; sliceFrom('og'); }
      else if (v === 15) sliceFrom('less');
      else if (v === 16) { if (!inGroupingB(G_valid_LI, 99, 116)) break step2; sliceDel(); }
    }
    C = L;

    // Step 3
    step3: {
      KET = C;
      v = findAmongB(A_8);
      if (v === 0) break step3;
      BRA = C;
      if (p1 > C) break step3;
      if (v <= 4) sliceFrom(A_8_TO[v]);
      else if (v === 5) sliceDel();
      else if (v === 6) { if (p2 > C) break step3; sliceDel(); }
    }
    C = L;

    // Step 4
    step4: {
      KET = C;
      v = findAmongB(A_9);
      if (v === 0) break step4;
      BRA = C;
      if (p2 > C) break step4;
      if (v === 1) sliceDel();
      else if (v === 2) { if (!eqSB('s') && !eqSB('t')) break step4; sliceDel(); }
    }
    C = L;

    // Step 5
    step5: {
      KET = C;
      v = findAmongB(A_10);
      if (v === 0) break step5;
      BRA = C;
      if (v === 1) {
        if (p2 > C) {
          if (p1 > C) break step5;
          c0 = L - C;
          if (shortV()) break step5;
          C = L - c0;
        }
        sliceDel();
      } else if (v === 2) {
        if (p2 > C) break step5;
        if (!eqSB('l')) break step5;
        sliceDel();
      }
    }

    // postlude: Y back to y (every Y, once any y was marked)
    if (yFound) S = S.replace(/Y/g, 'y');
    return S;
  }

  // ---- the whole pipeline -------------------------------------------------
  /** tantivy's analyser: tokenize, drop long, lowercase, fold, stem. */
  function analyze(text) { return pipeline(text, true); }

  /** The same without stemming: what prefixes and typo edits work on. */
  function normalize(text) { return pipeline(text, false); }

  function pipeline(text, stemming) {
    var toks = tokenize(text), out = [], i, t;
    for (i = 0; i < toks.length; i++) {
      t = toks[i];
      if (ASCII_RE.test(t)) {
        if (t.length >= LIMIT) continue;
        t = t.toLowerCase();
      } else {
        if (t.length >= LIMIT || utf8Length(t) >= LIMIT) continue;
        t = fold(lowercase(t));
      }
      out.push(stemming ? stem(t) : t);
    }
    return out;
  }

  var api = { analyze: analyze, normalize: normalize, stem: stem, tokenize: tokenize };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.CompendiumAnalyzer = api;
})(typeof self !== 'undefined' ? self : typeof globalThis !== 'undefined' ? globalThis : this);
