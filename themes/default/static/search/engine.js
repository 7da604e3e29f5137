/*
 * compendium search engine: queries the static export of the tantivy index.
 *
 * It plans a query exactly as `src/search/query.rs` does (exact terms, typo
 * neighbours, completions of the last word), fetches only the term shards
 * those terms live in, scores with tantivy's BM25 in 32-bit floats (same K1,
 * B, idf, quantised field norms and boosts), applies filters and counts
 * facets for the whole result set. No framework, no build step; runs in a
 * browser (classic script: self.CompendiumEngine) and in Node (require).
 */
(function (root) {
  'use strict';
  var A = (typeof module !== 'undefined' && module.exports)
    ? require('./analyzer.js') : root.CompendiumAnalyzer;
  var f32 = Math.fround;
  var decoder = new TextDecoder();
  var ONE = f32(1), HALF = f32(0.5);

  /** tantivy's FIELD_NORMS_TABLE: id -> field length (exact below 40). */
  function fieldnorm(id) {
    return id < 40 ? id : (8 + (id - 32) % 8) * Math.pow(2, Math.floor((id - 32) / 8)) + 24;
  }

  /** Compare strings by code point, which is Rust's (UTF-8 byte) order. */
  function cmp(a, b) {
    if (a === b) return 0;
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return (a.length - i) - (b.length - j) < 0 ? -1 : ((a.length - i) === (b.length - j) ? 0 : 1);
  }

  function readVarint(bytes, state) {
    var v = 0, shift = 0, b;
    do {
      b = bytes[state.p++];
      v += (b & 0x7f) * Math.pow(2, shift);
      shift += 7;
    } while (b & 0x80);
    return v;
  }

  function base64Bytes(s) {
    var bin = typeof atob === 'function' ? atob(s) : Buffer.from(s, 'base64').toString('binary');
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  /**
   * A term shard (`CST3`: how many rows a head carries, then the term table
   * with each term's df sum and head length, the heads, the display
   * records) or a postings file (`CSP1`: the term table with each term's
   * postings length, then the postings).
   */
  function parseShard(bytes) {
    var magic = bytes.length < 4 ? '' : String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
    if (magic !== 'CST3' && magic !== 'CSP1') throw new Error('not a compendium search shard');
    var heads = magic === 'CST3';
    var st = { p: 4 };
    var top = heads ? readVarint(bytes, st) : Infinity;
    var fields = heads ? readVarint(bytes, st) : 0;
    var count = readVarint(bytes, st);
    var terms = new Array(count), df = new Array(count), offset = new Array(count);
    var prev = new Uint8Array(0), at = 0;
    for (var i = 0; i < count; i++) {
      var shared = readVarint(bytes, st), suffix = readVarint(bytes, st);
      var term = new Uint8Array(shared + suffix);
      term.set(prev.subarray(0, shared));
      term.set(bytes.subarray(st.p, st.p + suffix), shared);
      st.p += suffix;
      terms[i] = decoder.decode(term);
      df[i] = heads ? readVarint(bytes, st) : 0;
      offset[i] = at;
      at += readVarint(bytes, st);
      prev = term;
    }
    var blob = st.p;
    var display = heads ? JSON.parse(decoder.decode(bytes.subarray(blob + at)) || '{}') : {};
    // full[i]: where term i's every row is when its head holds only the best.
    return { terms: terms, df: df, offset: offset, blob: blob, bytes: bytes, display: display, top: top, fields: fields, full: {} };
  }

  function findTerm(shard, term) {
    var lo = 0, hi = shard.terms.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1, c = cmp(shard.terms[mid], term);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  /** Skips a term's facet counts; returns {counts: [[value, count]...], p: where the documents start}. */
  function readHistogram(shard, index) {
    var st = { p: shard.blob + shard.offset[index] };
    var n = readVarint(shard.bytes, st), k = readVarint(shard.bytes, st), counts = new Array(k);
    for (var i = 0; i < k; i++) counts[i] = [readVarint(shard.bytes, st), readVarint(shard.bytes, st)];
    return { n: n, counts: counts, p: st.p };
  }

  /** Decodes `n` rows from st.p: [doc, mask, tf0, norm0, tf1, norm1, ...]. */
  function readRows(bytes, st, n) {
    var doc = 0, rows = new Array(n);
    for (var i = 0; i < n; i++) {
      doc += readVarint(bytes, st);
      var mask = bytes[st.p++], row = [doc, mask];
      for (var f = 0; f < 8; f++) {
        if (mask & (1 << f)) {
          row.push(readVarint(bytes, st));
          row.push(bytes[st.p++]);
        }
      }
      rows[i] = row;
    }
    return rows;
  }

  /**
   * Decodes one term's every row: from its head when that holds them all,
   * else from its postings file (loaded first by `withPostings`).
   */
  function decodePostings(shard, index) {
    var where = shard.full[index] || { shard: shard, index: index };
    var h = readHistogram(where.shard, where.index);
    if (h.n > where.shard.top) throw new Error('the postings of ' + shard.terms[index] + ' are not loaded');
    return readRows(where.shard.bytes, { p: h.p }, h.n);
  }

  /**
   * What a head holds for a term's first page: {n, df: documents per field
   * or null (count them from the rows), rows: the best documents, or all}.
   */
  function headRows(shard, index) {
    var h = readHistogram(shard, index), st = { p: h.p }, fields = shard.fields;
    if (h.n <= shard.top) return { n: h.n, df: null, rows: readRows(shard.bytes, st, h.n) };
    var df = new Array(fields);
    for (var f = 0; f < fields; f++) df[f] = readVarint(shard.bytes, st);
    return { n: h.n, df: df, rows: readRows(shard.bytes, st, shard.top) };
  }

  /** The most edits a suggestion may be from a word of n characters (spelling.rs `max_edits`). */
  function maxEdits(table, n) { return table[Math.min(n, table.length - 1)]; }

  /**
   * Edit distance with adjacent swaps as one edit (spelling.rs `distance`),
   * in code points; -1 when it exceeds max.
   */
  function distance(a, b, max) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > max) return -1;
    var rows = [], i, j;
    for (i = 0; i <= a.length; i++) rows.push(new Array(b.length + 1).fill(0));
    for (j = 0; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      rows[i][0] = i;
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i][j] = d;
        if (d < best) best = d;
      }
      if (best > max) return -1;
    }
    var last = rows[a.length][b.length];
    return last <= max ? last : -1;
  }

  /** `word` in the case of `typed` (spelling.rs `in_case_of`). */
  function inCaseOf(typed, word) {
    var letters = Array.from(typed).filter(function (c) { return /\p{Alphabetic}/u.test(c); });
    if (letters.length > 1 && letters.every(function (c) { return /\p{Uppercase}/u.test(c); })) return word.toUpperCase();
    var first = Array.from(typed)[0];
    if (first && /\p{Uppercase}/u.test(first)) {
      var rest = Array.from(word);
      return rest.length ? rest[0].toUpperCase() + rest.slice(1).join('') : word;
    }
    return word;
  }

  /** The British forms of a folded word by its ending (spelling.rs `british`). */
  /**
   * The British spelling of a folded word: the first of the manifest's
   * endings [US, British, letters needed before it] (longest first) that
   * the word ends with, as `spelling::british` does.
   */
  function british(folded, endings) {
    var letters = Array.from(folded).length;
    if (letters < 4) return [];
    var e = (endings || []).find(function (e) {
      return letters >= e[0].length + e[2] && folded.slice(folded.length - e[0].length) === e[0];
    });
    return e ? [folded.slice(0, folded.length - e[0].length) + e[1]] : [];
  }

  /** A root with an inflection: a final "e" goes before a vowel (`spelling::inflect`). */
  function inflect(root, ending) {
    return /^[aeiou]/.test(ending) && /e$/.test(root) ? root.slice(0, -1) + ending : root + ending;
  }

  /**
   * The US endings [US, British, letters needed before it], longest first,
   * built from the manifest's parts exactly as `spelling::us_endings` does.
   */
  function usEndings(us) {
    var all = us.endings.map(function (e) { return [e[0], e[1], us.min_before_ending]; });
    us.roots.forEach(function (r) {
      us.inflections.forEach(function (i) { all.push([inflect(r[0], i), inflect(r[1], i), 0]); });
    });
    all.sort(function (a, b) { return b[0].length - a[0].length || cmp(a[0], b[0]); });
    return all.filter(function (e, i) { return i === 0 || all[i - 1][0] !== e[0]; });
  }

  function single(tokens) { return tokens.length === 1 ? tokens[0] : null; }

  function Engine(load, manifest) {
    this.load = load;
    // The manifest names the shards by their number and one hash for the
    // set; a copy, so that the manifest itself is left as read.
    this.m = Object.assign({}, manifest, {
      shards: manifest.shards.firsts.map(function (first, i) {
        return { first: first, file: 'terms-' + i + '.' + manifest.shards.hash + '.bin' };
      })
    });
    this.n = manifest.n;
    this.shards = new Array(this.m.shards.length);
    this.chunks = {};
    var K1 = f32(manifest.k1), B = f32(manifest.b), n = f32(manifest.n);
    this.weightFactor = f32(ONE + K1);
    this.fields = manifest.fields.map(function (field) {
      var avg = f32(f32(field.tokens) / n), cache = new Array(256);
      for (var id = 0; id < 256; id++) {
        cache[id] = f32(K1 * f32(f32(ONE - B) + f32(f32(B * f32(fieldnorm(id))) / avg)));
      }
      return { name: field.name, boost: f32(field.boost), cache: cache };
    });
    var offset = 0;
    this.facets = manifest.facets.map(function (facet) {
      var f = { kind: facet.kind, values: facet.values, offset: offset, docs: null };
      offset += facet.values.length;
      return f;
    });
    this.facetTable = null;
  }

  /** Every document's facet values (loaded only for filtered or multi-term queries). */
  Engine.prototype.loadFacets = function () {
    var self = this;
    if (!this.facetTable) {
      this.facetTable = this.load(this.m.facets_file).then(function (packed) {
        var p = 0;
        self.facets.forEach(function (facet) {
          var docs = new Array(self.n);
          for (var d = 0; d < self.n; d++) {
            var k = packed[p++], vals = new Array(k);
            for (var j = 0; j < k; j++) vals[j] = packed[p++];
            docs[d] = vals;
          }
          facet.docs = docs;
        });
        // Then each doc's largest annual saving achieved and projected, in pence.
        var st = { p: p };
        self.savings = new Array(self.n);
        for (var d = 0; d < self.n; d++) self.savings[d] = [readVarint(packed, st), readVarint(packed, st)];
        return true;
      });
    }
    return this.facetTable;
  };

  /** Index of the shard that would hold `term`. */
  Engine.prototype.usEndings = function () {
    if (!this.usEndingsList) this.usEndingsList = this.m.spelling ? usEndings(this.m.spelling.us_spellings) : [];
    return this.usEndingsList;
  };

  Engine.prototype.shardFor = function (term) {
    var s = this.m.shards, lo = 0, hi = s.length - 1, ans = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (cmp(s[mid].first, term) <= 0) { ans = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return ans;
  };

  /** Shards that may hold terms starting with `prefix`. */
  Engine.prototype.shardsForPrefix = function (prefix) {
    var s = this.m.shards, start = this.shardFor(prefix), out = [start];
    for (var i = start + 1; i < s.length && s[i].first.indexOf(prefix) === 0; i++) out.push(i);
    return out;
  };

  Engine.prototype.shard = function (i) {
    if (!this.shards[i]) {
      this.shards[i] = this.load(this.m.shards[i].file).then(parseShard);
    }
    return this.shards[i];
  };

  /** The postings file that would hold `term`'s rows, loaded once. */
  Engine.prototype.postingsOf = function (term) {
    var s = this.m.postings || [], lo = 0, hi = s.length - 1, ans = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (cmp(s[mid].first, term) <= 0) { ans = mid; lo = mid + 1; } else hi = mid - 1;
    }
    this.postingFiles = this.postingFiles || {};
    if (!this.postingFiles[ans]) this.postingFiles[ans] = this.load(s[ans].file).then(parseShard);
    return this.postingFiles[ans];
  };

  /**
   * Loads the postings files of those `terms` (default: the plan's) whose
   * heads hold only their best documents; resolves to the plan.
   */
  Engine.prototype.withPostings = function (plan, terms) {
    var self = this;
    var wanted = (terms || plan.terms.map(function (t) { return t.term; })).map(function (term) {
      var hit = self.lookup(plan.shards, term);
      if (!hit || hit.shard.full[hit.index] || readHistogram(hit.shard, hit.index).n <= hit.shard.top) return null;
      return self.postingsOf(term).then(function (p) {
        var i = findTerm(p, term);
        if (i >= 0) hit.shard.full[hit.index] = { shard: p, index: i };
      });
    });
    return Promise.all(wanted).then(function () { return plan; });
  };

  /**
   * The first page of a query that is one term alone (no filter, no
   * exclusion, no thesaurus or completion terms), from the term's head,
   * without its postings: resolves to what `evaluate` does, with `kept`
   * as long as the term's documents and only its first `upto` filled, or
   * to null when the query is not such a one.
   */
  Engine.prototype.firstPage = function (parsed, filters, upto, order, saving) {
    var self = this;
    var split = { text: parsed.plain, excluded: parsed.excluded };
    var filtering = !!saving || this.facets.some(function (f) { return filters[f.kind] && filters[f.kind].length; });
    if (parsed.phrases.length || parsed.excludedPhrases.length) return Promise.resolve(null);
    if (split.excluded.length || filtering || order === 'title' || !String(split.text || '').trim()) return Promise.resolve(null);
    if (A.tokenize(split.text).length !== 1) return Promise.resolve(null);
    return this.plan(split.text).then(function (plan) {
      if (plan.terms.length !== 1 || plan.terms[0].kind !== 'exact') return null;
      var hit = self.lookup(plan.shards, plan.terms[0].term);
      if (!hit || upto > hit.shard.top) return null;
      var head = headRows(hit.shard, hit.index), scores = new Map();
      self.termScores(head.rows, head.df, plan.terms[0].weight, scores);
      var kept = [];
      scores.forEach(function (score, id) { kept.push({ id: id, score: score }); });
      kept.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
      // The rest are there to be counted, not listed (a later page loads them).
      kept.length = head.n;
      return { plan: plan, words: plan.words, allWords: head.n, kept: kept, facets: self.histogram(plan) };
    });
  };

  /**
   * The words a query is about, as query.rs `query_words` finds them: stop
   * words set aside unless there is nothing else, repeats left out.
   */
  function queryWords(text, stopWords) {
    var analysed = A.tokenize(text).map(function (w) {
      return { term: single(A.analyze(w)), folded: single(A.normalize(w)) };
    });
    var isStop = function (w) { return !w.folded || stopWords.indexOf(w.folded) >= 0; };
    var onlyStop = analysed.every(isStop);
    var kept = [];
    analysed.forEach(function (w) {
      if (!onlyStop && isStop(w)) return;
      var repeats = kept.some(function (k) {
        return (w.term && k.term === w.term) || (!w.term && w.folded && k.folded === w.folded);
      });
      if (!repeats) kept.push(w);
    });
    return kept;
  }

  Engine.prototype.lookup = function (shards, term) {
    var s = shards[this.shardFor(term)];
    if (!s) return null;
    var i = findTerm(s, term);
    return i < 0 ? null : { shard: s, index: i };
  };

  /** Loads the shards with these indices; resolves to {index: shard}. */
  Engine.prototype.shardsById = function (ids, into) {
    var self = this, order = Array.from(new Set(ids)).filter(function (i) { return !into[i]; });
    return Promise.all(order.map(function (i) { return self.shard(i); })).then(function (loaded) {
      order.forEach(function (i, k) { into[i] = loaded[k]; });
      return into;
    });
  };

  /**
   * Plans a query exactly as query.rs `plan` does: exact terms, the
   * thesaurus's and British spellings' terms and, for the last word when it
   * is not a term, completions. The shards of the exact terms are
   * fetched first; expansion shards only when a word needs them.
   * `extra` (optional) is a promise to wait for alongside the first fetch.
   */
  Engine.prototype.plan = function (text, extra, alsoTerms) {
    var self = this, m = this.m;
    var words = queryWords(text, m.stop_words || []);
    var shards = {};
    var thesaurus = m.thesaurus || {};
    var endings = this.usEndings();
    var asTyped = new Set(m.spelling ? m.spelling.as_typed || [] : []);
    var synonymsOf = function (w) {
      if (!w.folded) return [];
      var listed = Object.prototype.hasOwnProperty.call(thesaurus, w.folded) ? thesaurus[w.folded] : [];
      // A US word the site itself uses more than its British form is taken as typed.
      var uk = asTyped.has(w.folded) ? [] : british(w.folded, endings).map(function (b) { return single(A.analyze(b)); }).filter(Boolean);
      return listed.concat(uk);
    };
    var first = words.filter(function (w) { return w.term; }).map(function (w) { return self.shardFor(w.term); });
    words.forEach(function (w) { synonymsOf(w).forEach(function (t) { first.push(self.shardFor(t)); }); });
    (alsoTerms || []).forEach(function (t) { first.push(self.shardFor(t)); });
    return Promise.all([this.shardsById(first, shards), extra]).then(function () {
      words.forEach(function (w) { w.known = !!(w.term && self.lookup(shards, w.term)); });
      var last = words.length ? words[words.length - 1] : null;
      var prefix = last && !last.known && last.folded && Array.from(last.folded).length >= m.prefix.min_chars ? last.folded : null;
      var needed = prefix ? self.shardsForPrefix(prefix) : [];
      var expanding = needed.length > 0;
      return Promise.all([self.shardsById(needed, shards), expanding ? self.loadFacets() : null]).then(function () {
        var planned = [], seen = new Set();
        var add = function (term, weight, kind, word) {
          if (!seen.has(term)) { seen.add(term); planned.push({ term: term, weight: weight, kind: kind, word: word }); }
        };
        words.forEach(function (w, i) { if (w.term) add(w.term, 1, 'exact', i); });
        words.forEach(function (w, i) {
          synonymsOf(w).forEach(function (t) {
            if (self.lookup(shards, t)) add(t, f32(m.thesaurus_weight), 'synonym', i);
          });
        });
        if (prefix) {
          var completions = [];
          self.shardsForPrefix(prefix).forEach(function (i) {
            var s = shards[i];
            for (var j = 0; j < s.terms.length; j++) {
              if (s.terms[j].indexOf(prefix) === 0 && !seen.has(s.terms[j])) completions.push([s.terms[j], s.df[j]]);
            }
          });
          completions.sort(function (a, b) { return b[1] - a[1] || cmp(a[0], b[0]); });
          completions.slice(0, m.prefix.max_terms).forEach(function (c) { add(c[0], f32(m.prefix.weight), 'prefix', words.length - 1); });
        }
        return { terms: planned, shards: shards, words: words.length, list: words };
      });
    });
  };

  /**
   * BM25 over the planned terms: doc id -> f32 score, summed in tantivy's
   * clause order. `coverage` (a Map, optional) gets doc id -> the set of the
   * query's words the doc matches.
   */
  Engine.prototype.score = function (plan, coverage) {
    var self = this, scores = new Map();
    plan.terms.forEach(function (wt) {
      var hit = self.lookup(plan.shards, wt.term);
      if (!hit) return;
      var rows = decodePostings(hit.shard, hit.index);
      if (coverage && wt.kind !== 'phrase') {
        rows.forEach(function (r) {
          var seen = coverage.get(r[0]);
          if (!seen) coverage.set(r[0], seen = new Set());
          seen.add(wt.word);
        });
      }
      self.termScores(rows, null, wt.weight, scores);
    });
    return scores;
  };

  /**
   * Adds one term's BM25 to `scores` (doc id -> f32), field by field in
   * tantivy's order; `df` is each field's document count, or null to count
   * it from `rows` (all of the term's).
   */
  Engine.prototype.termScores = function (rows, df, weight, scores) {
    var self = this, N = this.n;
    if (!df) {
      df = new Array(self.fields.length).fill(0);
      rows.forEach(function (r) { for (var f = 0; f < self.fields.length; f++) if (r[1] & (1 << f)) df[f]++; });
    }
    var weights = self.fields.map(function (field, f) {
      if (!df[f]) return 0;
      var x = f32(f32(f32(N - df[f]) + HALF) / f32(df[f] + HALF));
      var idf = f32(Math.log(f32(ONE + x)));
      return f32(f32(idf * self.weightFactor) * f32(field.boost * f32(weight)));
    });
    for (var f = 0; f < self.fields.length; f++) {
      if (!df[f]) continue;
      var cache = self.fields[f].cache, w = weights[f];
      rows.forEach(function (r) {
        if (!(r[1] & (1 << f))) return;
        var k = 2;
        for (var g = 0; g < f; g++) if (r[1] & (1 << g)) k += 2;
        var tf = f32(r[k]), s = f32(w * f32(tf / f32(tf + cache[r[k + 1]])));
        var prev = scores.get(r[0]);
        scores.set(r[0], prev === undefined ? s : f32(prev + s));
      });
    }
  };

  Engine.prototype.passes = function (doc, filters, except) {
    for (var k = 0; k < this.facets.length; k++) {
      if (k === except) continue;
      var wanted = filters[this.facets[k].kind];
      if (!wanted || !wanted.length) continue;
      var vals = this.facets[k].docs[doc], values = this.facets[k].values, ok = false;
      for (var j = 0; j < vals.length && !ok; j++) ok = wanted.indexOf(values[vals[j]][0]) >= 0;
      if (!ok) return false;
    }
    return true;
  };

  /** Facet counts of a one-term unfiltered query, straight from the term's shard. */
  Engine.prototype.histogram = function (plan) {
    var self = this, wt = plan.terms[0], hit = this.lookup(plan.shards, wt.term), out = {};
    this.facets.forEach(function (f) { out[f.kind] = {}; });
    if (!hit) return out;
    readHistogram(hit.shard, hit.index).counts.forEach(function (c) {
      for (var k = self.facets.length - 1; k >= 0; k--) {
        var f = self.facets[k];
        if (c[0] >= f.offset) { out[f.kind][f.values[c[0] - f.offset][0]] = c[1]; break; }
      }
    });
    return out;
  };

  /**
   * Searches: resolves to {plan, total, hits: [{id, score}], facets: {kind: {slug: count}}}.
   * Filters are {function: [...], region: [...], model: [...], type: [...]}.
   * `offset` skips that many hits (pages of results); `order` 'title' puts
   * them in title order (document order) rather than best first.
   */
  /**
   * A query split as query.rs `split_exclusions` does: {text, excluded:
   * [[term...]]}, a part after a leading minus being left out.
   */
  /** A part that starts with a minus, then a letter or digit (query.rs `is_exclusion`). */
  function isExclusion(part) {
    return part.charAt(0) === '-' && /^[\p{Alphabetic}\p{N}]/u.test(part.slice(1));
  }

  function splitExclusions(text) {
    var wanted = [], excluded = [];
    String(text || '').split(/\s+/).filter(Boolean).forEach(function (part) {
      if (isExclusion(part)) {
        var terms = A.analyze(part.slice(1));
        if (terms.length) excluded.push(terms);
      } else {
        wanted.push(part);
      }
    });
    return { text: wanted.join(' '), excluded: excluded };
  }

  function isQuote(c) { return c === '"' || c === '\u201C' || c === '\u201D'; }

  /**
   * A query taken apart as query.rs `parse` does: {plain, phrases: [{terms,
   * typed}], excluded: [[term...]], excludedPhrases: [[term...]]}.
   */
  function parse(text) {
    var plain = '', quoted = null, phrases = [], excludedPhrases = [];
    var key = function (terms) { return terms.join('\u0000'); };
    var finish = function (phrase, negated) {
      var terms = A.analyze(phrase);
      if (!terms.length) return;
      if (negated) {
        if (!excludedPhrases.some(function (t) { return key(t) === key(terms); })) excludedPhrases.push(terms);
      } else if (!phrases.some(function (p) { return key(p.terms) === key(terms); })) {
        phrases.push({ terms: terms, typed: phrase.trim() });
      }
    };
    Array.from(String(text || '')).forEach(function (c) {
      if (!isQuote(c)) {
        if (quoted) quoted.text += c; else plain += c;
        return;
      }
      if (quoted) {
        finish(quoted.text, quoted.negated);
        quoted = null;
        plain += ' ';
      } else {
        var negated = plain.slice(-1) === '-' && (plain.length === 1 || /\s/.test(Array.from(plain.slice(0, -1)).pop()));
        if (negated) plain = plain.slice(0, -1);
        quoted = { text: '', negated: negated };
      }
    });
    if (quoted) finish(quoted.text, quoted.negated);
    var split = splitExclusions(plain);
    return { plain: split.text, phrases: phrases, excluded: split.excluded, excludedPhrases: excludedPhrases };
  }

  /** Resolves to the set of doc ids that hold every term of an excluded part. */
  Engine.prototype.excludedDocs = function (excluded, phrases) {
    var self = this, shards = {};
    var phrasesOut = Promise.all((phrases || []).map(function (terms) { return self.phraseDocs(terms); }));
    var ids = [];
    excluded.forEach(function (terms) { terms.forEach(function (t) { ids.push(self.shardFor(t)); }); });
    return this.shardsById(ids, shards).then(function () {
      var terms = [].concat.apply([], excluded);
      return self.withPostings({ shards: shards }, terms);
    }).then(function () {
      var out = new Set();
      excluded.forEach(function (terms) {
        var holding = null;
        terms.forEach(function (t) {
          var hit = self.lookup(shards, t), docs = new Set();
          if (hit) decodePostings(hit.shard, hit.index).forEach(function (r) { docs.add(r[0]); });
          holding = holding === null ? docs : new Set(Array.from(holding).filter(function (d) { return docs.has(d); }));
        });
        (holding || new Set()).forEach(function (d) { out.add(d); });
      });
      return phrasesOut.then(function (sets) {
        sets.forEach(function (set) { set.forEach(function (d) { out.add(d); }); });
        return out;
      });
    });
  };

  /**
   * Searches as query.rs `run` does: resolves to {plan, total, words,
   * all_words, unlisted, suggestion, hits: [{id, score}], facets: {kind:
   * {slug: count}}}. When no case study matches every word and some word is
   * in none, the spelling suggestion runs instead if it does better; when
   * still none matches every word, partial matches are only counted
   * (`unlisted`) unless `options.partial`. Filters are {kind: [slug...]};
   * `offset` skips that many hits; `order` 'title' lists them in title
   * (document) order rather than best first.
   */
  Engine.prototype.search = function (text, filters, limit, offset, order, options) {
    var self = this, partial = !!(options && options.partial);
    var saving = options && options.saving ? options.saving : null;
    filters = filters || {};
    var parsed = parse(text);
    // A one-term query's first page comes from its head alone, without postings.
    var first = this.firstPage(parsed, filters, Math.max(0, offset || 0) + (limit || 10), order, saving);
    return first.then(function (quick) { return quick || self.evaluate(parsed, filters, saving); }).then(function (found) {
      if (!(found.words > 0 && found.allWords === 0)) return [found, null];
      return self.suggest(parsed, found.plan).then(function (s) {
        if (!s) return [found, null];
        return self.evaluate(parse(s.query), filters, saving).then(function (second) {
          if (second.allWords === 0) return [found, null];
          s.applied = true;
          return [second, s];
        });
      });
    }).then(function (both) {
      var found = both[0], unlisted = 0, kept = found.kept, facets = found.facets;
      if (found.words > 0 && found.allWords === 0 && !partial) {
        unlisted = kept.length;
        kept = [];
        Object.keys(facets).forEach(function (k) { facets[k] = {}; });
      }
      if (order === 'title') kept = kept.slice().sort(function (a, b) { return a.id - b.id; });
      var from = Math.max(0, offset || 0);
      return { plan: found.plan, total: kept.length, words: found.words, all_words: found.allWords,
               unlisted: unlisted, suggestion: both[1], hits: kept.slice(from, from + (limit || 10)), facets: facets };
    });
  };

  /** A query's matches, best first, filtered, with facet counts (query.rs `evaluate`). */
  /** Does doc pass "annual saving at least" (query.rs `SavingAtLeast`)? */
  Engine.prototype.savingPasses = function (doc, saving) {
    var s = this.savings[doc] || [0, 0];
    var best = saving.projected ? Math.max(s[0], s[1]) : s[0];
    return best > 0 && best >= saving.pence;
  };

  Engine.prototype.evaluate = function (parsed, filters, saving) {
    var self = this, text = parsed.plain, phrases = parsed.phrases;
    var excluding = parsed.excluded.length > 0 || parsed.excludedPhrases.length > 0;
    var excludedPromise = excluding ? this.excludedDocs(parsed.excluded, parsed.excludedPhrases) : Promise.resolve(null);
    var phrasePromise = Promise.all(phrases.map(function (p) { return self.phraseDocs(p.terms); }));
    var filtering = !!saving || this.facets.some(function (f) { return filters[f.kind] && filters[f.kind].length; });
    var empty = !String(text || '').trim() && !phrases.length;
    var words = empty ? 0 : A.tokenize(text).length + phrases.length;
    var table = (filtering || empty || words > 1) ? this.loadFacets() : null;
    var phraseTerms = [];
    phrases.forEach(function (p) { phraseTerms = phraseTerms.concat(p.terms); });
    var planned = empty ? Promise.all([table]).then(function () { return { terms: [], shards: {}, list: [] }; })
      : this.plan(text, table, phraseTerms).then(function (plan) {
        var plainWords = plan.words, seen = new Set(plan.terms.map(function (t) { return t.term; }));
        phrases.forEach(function (p, i) {
          p.terms.forEach(function (t) {
            if (!seen.has(t)) { seen.add(t); plan.terms.push({ term: t, weight: 1, kind: 'phrase', word: plainWords + i }); }
          });
        });
        plan.words = plainWords + phrases.length;
        return self.withPostings(plan);
      });
    return Promise.all([planned, excludedPromise, phrasePromise]).then(function (all) {
      var plan = all[0], out = all[1], holding = all[2];
      var matched = [], coverage = new Map();
      var covered = function (h) { var s = coverage.get(h.id); return s ? s.size : 0; };
      if (empty) {
        for (var d = 0; d < self.n; d++) matched.push({ id: d, score: 0 });
      } else {
        self.score(plan, coverage).forEach(function (score, id) { matched.push({ id: id, score: score }); });
        // A phrase is required: only case studies where it stands are listed.
        holding.forEach(function (docs, i) {
          matched = matched.filter(function (h) { return docs.has(h.id); });
          docs.forEach(function (id) {
            var seen = coverage.get(id);
            if (!seen) coverage.set(id, seen = new Set());
            seen.add('phrase ' + i);
          });
        });
        // Case studies that match every word first, then by score.
        matched.sort(function (a, b) { return covered(b) - covered(a) || b.score - a.score || a.id - b.id; });
      }
      var nWords = empty ? 0 : (plan.words || 0);
      if (out) matched = matched.filter(function (h) { return !out.has(h.id); });
      var single = !filtering && !empty && !excluding && !phrases.length && plan.terms.length === 1;
      var ready = single ? Promise.resolve() : self.loadFacets();
      return ready.then(function () {
        if (saving) matched = matched.filter(function (h) { return self.savingPasses(h.id, saving); });
        var facets = single ? self.histogram(plan) : self.countFacets(matched, filters);
        var kept = filtering ? matched.filter(function (h) { return self.passes(h.id, filters, -1); }) : matched;
        var allWords = nWords ? kept.filter(function (h) { return covered(h) === nWords; }).length : 0;
        return { plan: plan, words: nWords, allWords: allWords, kept: kept, facets: facets };
      });
    });
  };

  /** Index of the positions file that would hold `term`. */
  Engine.prototype.positionsFor = function (term) {
    var s = this.m.positions, ans = 0;
    for (var i = 0; i < s.length; i++) if (cmp(s[i].first, term) <= 0) ans = i;
    return ans;
  };

  /** A positions file (positions.rs): resolves to {terms, starts, bytes}. */
  Engine.prototype.positionsFile = function (i) {
    this.positionFiles = this.positionFiles || {};
    if (!this.positionFiles[i]) {
      this.positionFiles[i] = this.load(this.m.positions[i].file).then(function (bytes) {
        var st = { p: 0 }, n = readVarint(bytes, st), terms = new Array(n), lengths = new Array(n), prev = '';
        for (var k = 0; k < n; k++) {
          var shared = readVarint(bytes, st), len = readVarint(bytes, st);
          var suffix = decoder.decode(bytes.subarray(st.p, st.p + len));
          st.p += len;
          // `shared` counts UTF-8 bytes of the previous term.
          var prefix = decoder.decode(new TextEncoder().encode(prev).subarray(0, shared));
          terms[k] = prev = prefix + suffix;
          lengths[k] = readVarint(bytes, st);
        }
        var starts = new Array(n), at = st.p;
        for (k = 0; k < n; k++) { starts[k] = at; at += lengths[k]; }
        return { terms: terms, starts: starts, bytes: bytes };
      });
    }
    return this.positionFiles[i];
  };

  /** Resolves to Map doc -> Map field bit -> positions, for one term. */
  Engine.prototype.positionsOf = function (term) {
    return this.positionsFile(this.positionsFor(term)).then(function (f) {
      var out = new Map(), k = -1;
      for (var j = 0; j < f.terms.length; j++) if (f.terms[j] === term) { k = j; break; }
      if (k < 0) return out;
      var bytes = f.bytes, st = { p: f.starts[k] }, n = readVarint(bytes, st), doc = 0;
      for (var d = 0; d < n; d++) {
        doc += readVarint(bytes, st);
        var mask = bytes[st.p++], fields = new Map();
        for (var bit = 0; bit < 8; bit++) {
          if (!(mask & (1 << bit))) continue;
          var count = readVarint(bytes, st), list = new Array(count), p = 0;
          for (var c = 0; c < count; c++) { p += readVarint(bytes, st); list[c] = p; }
          fields.set(bit, list);
        }
        out.set(doc, fields);
      }
      return out;
    });
  };

  /** Resolves to the set of docs in which the terms stand together in one field (tantivy's phrase query). */
  Engine.prototype.phraseDocs = function (terms) {
    return Promise.all(terms.map(this.positionsOf, this)).then(function (lists) {
      var out = new Set();
      lists[0].forEach(function (fields, doc) {
        if (!lists.every(function (l) { return l.has(doc); })) return;
        fields.forEach(function (firsts, bit) {
          var sets = lists.map(function (l) { var f = l.get(doc).get(bit); return f ? new Set(f) : null; });
          if (sets.some(function (x) { return !x; })) return;
          var found = firsts.some(function (p) {
            return sets.every(function (x, k) { return x.has(p + k); });
          });
          if (found) out.add(doc);
        });
      });
      return out;
    });
  };

  /** The part of the word list that holds words starting with `c`. */
  Engine.prototype.wordList = function (c) {
    var files = this.m.spelling.files, i = 0;
    for (var j = 0; j < files.length; j++) if (cmp(files[j].first, c) <= 0) i = j;
    this.wordLists = this.wordLists || {};
    if (!this.wordLists[i]) {
      this.wordLists[i] = this.load(files[i].file).then(function (b) { return JSON.parse(decoder.decode(b)); });
    }
    return this.wordLists[i];
  };

  /** The known word closest to a folded word (spelling.rs `suggest`), or null. */
  Engine.prototype.suggestWord = function (folded) {
    var max = maxEdits(this.m.spelling.max_edits, Array.from(folded).length);
    var first = Array.from(folded)[0];
    if (!max || !first || !this.m.spelling.files.length) return Promise.resolve(null);
    return this.wordList(first).then(function (list) {
      var best = null, bestD = 0;
      list.forEach(function (k) {
        if (k[0].indexOf(first) !== 0) return;
        var d = distance(folded, k[0], max);
        if (d <= 0) return;
        if (!best || d < bestD || (d === bestD && (k[2] > best[2] || (k[2] === best[2] && cmp(k[0], best[0]) < 0)))) {
          best = k; bestD = d;
        }
      });
      return best ? best[0] : null;
    });
  };

  /**
   * "Did you mean …" (query.rs `suggest`): each word the plan finds nothing
   * for replaced by its closest known word, in the typed case; resolves to
   * {query, replaced: [[typed, word]], applied: false} or null.
   */
  Engine.prototype.suggest = function (parsed, plan) {
    var self = this, replacements = {};
    var found = function (i) {
      return plan.terms.some(function (t) { return t.word === i && self.lookup(plan.shards, t.term); });
    };
    var asks = queryWords(parsed.plain, this.m.stop_words || []).map(function (w, i) {
      if (!w.folded || found(i)) return null;
      return self.suggestWord(w.folded).then(function (to) { if (to) replacements[w.folded] = to; });
    });
    return Promise.all(asks).then(function () {
      if (!Object.keys(replacements).length) return null;
      var replaced = [];
      var parts = A.tokenize(parsed.plain).map(function (w) {
        var f = single(A.normalize(w));
        if (f !== null && Object.prototype.hasOwnProperty.call(replacements, f)) {
          var to = inCaseOf(w, replacements[f]);
          replaced.push([w, to]);
          return to;
        }
        return w;
      });
      parsed.phrases.forEach(function (p) { parts.push('"' + p.typed + '"'); });
      parsed.excluded.forEach(function (terms) { parts.push('-' + terms.join(' -')); });
      return { query: parts.join(' '), replaced: replaced, applied: false };
    });
  };

  /** Facet counts over the result set, each kind counted with the other kinds' filters. */
  Engine.prototype.countFacets = function (matched, filters) {
    var self = this, out = {};
    this.facets.forEach(function (facet, k) {
      var counts = {};
      matched.forEach(function (h) {
        if (!self.passes(h.id, filters, k)) return;
        facet.docs[h.id].forEach(function (v) {
          var slug = facet.values[v][0];
          counts[slug] = (counts[slug] || 0) + 1;
        });
      });
      out[facet.kind] = counts;
    });
    return out;
  };

  /** Display records for hits: from the loaded shards where they are, else from chunks. */
  Engine.prototype.display = function (plan, hits) {
    var self = this, per = this.m.docs.per_chunk, wanted = {};
    var records = {};
    hits.forEach(function (h) {
      var found = null;
      Object.keys(plan.shards).forEach(function (i) {
        var r = plan.shards[i].display[h.id];
        if (r && !found) found = r;
      });
      if (found) records[h.id] = found; else wanted[Math.floor(h.id / per)] = true;
    });
    var chunkIds = Object.keys(wanted);
    return Promise.all(chunkIds.map(function (c) {
      if (!self.chunks[c]) {
        self.chunks[c] = self.load(self.m.docs.files[c]).then(function (b) { return JSON.parse(decoder.decode(b)); });
      }
      return self.chunks[c];
    })).then(function () {
      return Promise.all(hits.map(function (h) {
        if (records[h.id]) return records[h.id];
        return self.chunks[Math.floor(h.id / per)].then(function (chunk) { return chunk[h.id % per]; });
      }));
    }).then(function (recs) {
      return hits.map(function (h, i) {
        var r = recs[i] || [];
        var labels = function (k, indices) {
          var facet = self.facets[k];
          return (indices || []).map(function (v) { return { slug: facet.values[v][0], label: facet.values[v][1] }; });
        };
        return {
          id: h.id, score: h.score, title: r[0], url: self.m.base_path + r[1],
          partners: r[2], headline: r[3], summary: r[4], functions: labels(0, r[5]), regions: labels(1, r[6])
        };
      });
    });
  };

  /**
   * Organisations whose names (or other names) hold every word of the query,
   * the start of a word counting (as while typing): [{name, url, also, what,
   * count}], most arrangements first, at most `limit`.
   */
  Engine.prototype.organisations = function (text, limit) {
    var self = this, words = A.analyze(String(text || ''));
    if (!words.length || !this.m.organisations_file) return Promise.resolve([]);
    if (!this.orgs) {
      this.orgs = this.load(this.m.organisations_file).then(function (b) {
        return JSON.parse(decoder.decode(b)).map(function (r) {
          return { name: r[0], url: self.m.base_path + r[1], also: r[2], what: r[3], count: r[4],
                   tokens: A.analyze(r[0] + ' ' + r[2]) };
        });
      });
    }
    return this.orgs.then(function (orgs) {
      return orgs.filter(function (o) {
        return words.every(function (w) {
          return o.tokens.some(function (t) { return t === w || t.indexOf(w) === 0; });
        });
      }).sort(function (a, b) { return b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0); })
        .slice(0, limit || 5);
    });
  };

  /** Creates an engine from a loader: load(fileName) -> Promise<Uint8Array> (decompressed). */
  function create(load, manifestFile) {
    return load(manifestFile).then(function (bytes) {
      return new Engine(load, JSON.parse(decoder.decode(bytes)));
    });
  }

  /** A loader for the browser: fetches files beside the manifest and gunzips them. */
  function browserLoader(manifestUrl) {
    var base = manifestUrl.slice(0, manifestUrl.lastIndexOf('/') + 1);
    return function (name) {
      return fetch(base + name).then(function (response) {
        if (!response.ok) throw new Error('could not load ' + name + ' (' + response.status + ')');
        var stream = response.body.pipeThrough(new DecompressionStream('gzip'));
        return new Response(stream).arrayBuffer();
      }).then(function (buffer) { return new Uint8Array(buffer); });
    };
  }

  var api = { create: create, parse: parse, browserLoader: browserLoader, distance: distance, inCaseOf: inCaseOf, british: british, usEndings: usEndings, fieldnorm: fieldnorm, cmp: cmp };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.CompendiumEngine = api;
})(typeof self !== 'undefined' ? self : typeof globalThis !== 'undefined' ? globalThis : this);
