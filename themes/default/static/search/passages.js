/*
 * Passages under the search results: once the list is on screen, each shown
 * result's own page is fetched (in parallel; it is the page a click opens,
 * so the fetch also warms the cache for it), its body's paragraphs and list
 * items and its lessons are read, and the one that best matches the query
 * replaces the summary, its matched words in <mark>. No extra search files:
 * the pages are already there.
 *
 * The choice is `src/search/passage.rs`'s, so `compendium search` shows the
 * same passage: the most of the query's words (a word matches through any
 * of its planned terms), then the greatest sum of the distinct terms'
 * weights, then the earliest; a passage of more than WINDOW words is cut
 * into windows starting LEAD words before each match. When nothing in the
 * body or lessons matches, the summary stays.
 *
 * Text from the pages is only ever inserted as text nodes, never as HTML.
 * Runs in a browser (classic script: self.CompendiumPassages) and, for the
 * chooser, in Node (require).
 */
(function (root) {
  'use strict';
  var A = (typeof module !== 'undefined' && module.exports)
    ? require('./analyzer.js') : root.CompendiumAnalyzer;
  // The same numbers as passage.rs.
  var WINDOW = 30, LEAD = 10, ELLIPSIS = '\u2026';
  // Rust's `char::is_whitespace` (JavaScript's \s differs at U+0085 and U+FEFF).
  var SPACE = /[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
  // A word as the tokenizer splits them: a run of letters and digits.
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  // Inside a passage, what is not its running text: the passages nested in
  // it (read on their own), tables and footnote numbers.
  var NESTED = { P: true, LI: true, UL: true, OL: true, TABLE: true };

  function collapse(text) {
    return String(text || '').replace(SPACE, ' ').replace(/^ /, '').replace(/ $/, '');
  }

  /** The words of `text`, each with the index in `terms` of the planned term it analyses to, or -1. */
  function words(text, terms, memo) {
    var out = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      var token = m[0];
      if (!memo.has(token)) {
        var stem = A.analyze(token)[0], at = -1;
        for (var i = 0; stem !== undefined && i < terms.length; i++) if (terms[i].term === stem) { at = i; break; }
        memo.set(token, at);
      }
      out.push({ start: m.index, end: m.index + token.length, term: memo.get(token) });
    }
    return out;
  }

  /** [query words matched, sum of the distinct terms' weights in plan order]. */
  function score(ws, from, to, terms) {
    var seen = [], matched = new Set(), weight = 0, i;
    for (i = from; i < to; i++) if (ws[i].term >= 0) seen[ws[i].term] = true;
    for (i = 0; i < terms.length; i++) {
      if (!seen[i]) continue;
      matched.add(terms[i].word);
      // The plan's weights are Rust's f32: round them as Rust reads them.
      weight += Math.fround(terms[i].weight);
    }
    return [matched.size, weight];
  }

  function windows(n, at) {
    if (n <= WINDOW) return [[0, n]];
    var out = [], last = -1;
    at.forEach(function (i) {
      var s = Math.min(Math.max(i - LEAD, 0), n - WINDOW);
      if (s !== last) out.push([s, s + WINDOW]);
      last = s;
    });
    return out;
  }

  function cut(text, ws, from, to, source) {
    var n = ws.length;
    var start = from === 0 ? 0 : ws[from].start;
    var end = to === n ? text.length : ws[to - 1].end;
    var before = from > 0 ? ELLIPSIS + ' ' : '';
    var shown = before + text.slice(start, end) + (to < n ? ' ' + ELLIPSIS : '');
    var marks = [];
    for (var i = from; i < to; i++) {
      if (ws[i].term >= 0) marks.push([ws[i].start - start + before.length, ws[i].end - start + before.length]);
    }
    return { from: source, text: shown, marks: marks };
  }

  /**
   * The best passage of [{from, text}] for the plan's terms
   * ([{term, weight, word}]): {from, text, marks: [[start, end]] (UTF-16
   * offsets)}, or null when none holds a planned term.
   */
  function choose(passages, terms) {
    if (!terms || !terms.length) return null;
    var memo = new Map(), best = null, bestKey = null;
    passages.forEach(function (p) {
      var ws = words(p.text, terms, memo), at = [];
      ws.forEach(function (w, i) { if (w.term >= 0) at.push(i); });
      if (!at.length) return;
      windows(ws.length, at).forEach(function (w) {
        var key = score(ws, w[0], w[1], terms);
        // Strictly better only: the earlier wins a tie.
        if (!bestKey || key[0] > bestKey[0] || (key[0] === bestKey[0] && key[1] > bestKey[1])) {
          bestKey = key;
          best = cut(p.text, ws, w[0], w[1], p.from);
        }
      });
    });
    return best;
  }

  /** An element's own running text (see NESTED). */
  function ownText(node) {
    var out = '';
    for (var c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) out += c.nodeValue;
      else if (c.nodeType === 1 && !NESTED[c.nodeName.toUpperCase()] &&
               !(c.classList && c.classList.contains('footnote-reference'))) out += ownText(c);
    }
    return out;
  }

  /** The passages of a case study's page, in page order: [{from, text}]. */
  function fromDocument(doc) {
    var out = [];
    Array.prototype.forEach.call(doc.querySelectorAll('[data-passages]'), function (box) {
      var from = box.getAttribute('data-passages');
      Array.prototype.forEach.call(box.querySelectorAll('p, li'), function (el) {
        var text = collapse(ownText(el));
        if (text) out.push({ from: from, text: text });
      });
    });
    return out;
  }

  // Pages read during this visit, by URL: typing on refines the same results.
  var pages = new Map(), KEEP = 100;

  function pagePassages(url) {
    if (pages.has(url)) return pages.get(url);
    var read = root.fetch(url, { credentials: 'same-origin' }).then(function (res) {
      if (!res.ok) throw new Error(url + ': ' + res.status);
      return res.text();
    }).then(function (html) {
      // A parsed, never shown, document: its scripts do not run.
      return fromDocument(new root.DOMParser().parseFromString(html, 'text/html'));
    });
    read.catch(function () { pages.delete(url); });
    pages.set(url, read);
    if (pages.size > KEEP) pages.delete(pages.keys().next().value);
    return read;
  }

  function element(passage) {
    var p = root.document.createElement('p'), at = 0;
    p.className = 'excerpt passage';
    p.setAttribute('data-from', passage.from);
    passage.marks.forEach(function (m) {
      if (m[0] > at) p.appendChild(root.document.createTextNode(passage.text.slice(at, m[0])));
      var mark = root.document.createElement('mark');
      mark.textContent = passage.text.slice(m[0], m[1]);
      p.appendChild(mark);
      at = m[1];
    });
    if (at < passage.text.length) p.appendChild(root.document.createTextNode(passage.text.slice(at)));
    return p;
  }

  /**
   * Replaces the summary of each result in `list` (its <li>s, in the order
   * of `hits`) with its best passage as each page arrives, while `current()`
   * says the list is still the one shown. `list` carries
   * data-passages="pending", then "done".
   */
  function show(list, hits, plan, current) {
    var terms = plan && plan.terms ? plan.terms : [];
    list.setAttribute('data-passages', 'pending');
    var items = Array.prototype.slice.call(list.children);
    var each = terms.length ? hits : [];
    return Promise.all(each.map(function (h, i) {
      return pagePassages(h.url).then(function (passages) {
        var old = items[i] && items[i].querySelector('p.excerpt');
        var best = choose(passages, terms);
        if (current() && old && best) old.parentNode.replaceChild(element(best), old);
      }, function () {
        // The summary stays: a page that cannot be read only loses its passage.
      });
    })).then(function () {
      if (current()) list.setAttribute('data-passages', 'done');
    });
  }

  var api = { choose: choose, fromDocument: fromDocument, show: show, WINDOW: WINDOW, LEAD: LEAD };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else {
    root.CompendiumPassages = api;
    // Loaded after ui.js, so that the results never wait for this script: a
    // list shown before it came is waiting here.
    var wanted = root.CompendiumPassagesWanted;
    root.CompendiumPassagesWanted = null;
    if (wanted) show.apply(null, wanted);
  }
})(typeof self !== 'undefined' ? self : this);
