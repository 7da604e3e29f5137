/*
 * The search page, which is also the finder: every case study until words or
 * filters narrow them, results as you type, facet checkboxes with live
 * counts, a sort, pages of results, and the URL kept in step
 * (?q=...&function=...&region=...&model=...&sort=title&page=2) so a search
 * can be shared and the back button works. Everything from the index is
 * inserted as text, never as HTML.
 */
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  var results = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  var facetBox = document.getElementById('search-facets');
  if (!form || !results || !window.CompendiumEngine || !window.DecompressionStream || !window.fetch) return;
  var input = form.querySelector('input[name=q]');
  var KINDS = [['function', 'Function'], ['region', 'Region'], ['model', 'Delivery model'], ['type', 'Organisation type'], ['status', 'Status when written'], ['tier', 'How much the source says']];
  var manifestUrl = form.getAttribute('data-manifest');
  var NOUNS = { 'function': 'function', region: 'region', model: 'delivery model', type: 'organisation type', status: 'status', tier: 'tier' };
  var vocabulary = {};
  try { vocabulary = JSON.parse(form.getAttribute('data-vocabulary') || '{}') || {}; } catch (e) { vocabulary = {}; }
  var enginePromise = window.CompendiumEngine.create(window.CompendiumEngine.browserLoader(manifestUrl), manifestUrl.slice(manifestUrl.lastIndexOf('/') + 1));
  var sequence = 0, timer = null, selected = {}, page = 1, sort = '', partial = false;
  var notice = document.getElementById('search-notice');
  var saving = '', projected = false;
  var savingBox = document.getElementById('search-saving-box');
  var savingSelect = document.getElementById('search-saving');
  var projectedBox = document.getElementById('search-projected');
  if (savingBox && savingSelect && projectedBox) {
    savingBox.hidden = false;
    savingSelect.addEventListener('change', function () { saving = savingSelect.value; page = 1; run(true); });
    projectedBox.addEventListener('change', function () { projected = projectedBox.checked; page = 1; run(true); });
  }
  // Ten results a page for a query (a term's first ten come with its
  // shard, so they need no further request); twenty when browsing.
  function pageSize() { return input.value.trim() ? 10 : 20; }
  var sortBox = document.getElementById('search-sort');
  var pager = document.getElementById('search-pager');
  var panel = document.getElementById('facet-panel');
  var orgBox = document.getElementById('search-organisations');
  // Filters beside the results on a wide screen; on a phone, closed above
  // them, so the results come first.
  if (panel && window.matchMedia && window.matchMedia('(min-width: 48em)').matches) panel.open = true;
  if (sortBox) {
    sortBox.parentNode.hidden = false;
    sortBox.addEventListener('change', function () { sort = sortBox.value; page = 1; run(true); });
  }

  document.documentElement.classList.add('js-search');
  var selects = form.querySelector('.filters');
  if (selects) selects.hidden = true;

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get('q') || '';
    selected = {};
    KINDS.forEach(function (k) { selected[k[0]] = params.getAll(k[0]).filter(Boolean); });
    page = Math.max(1, Math.min(100000, parseInt(params.get('page'), 10) || 1));
    sort = params.get('sort') === 'title' ? 'title' : '';
    partial = params.get('partial') === '1';
    saving = /^[0-9]{1,13}$/.test(params.get('saving') || '') ? String(Number(params.get('saving'))) : '';
    projected = params.get('projected') === '1';
    if (savingSelect) {
      // A shared link may carry an amount the list does not offer: add it.
      if (saving && !Array.from(savingSelect.options).some(function (o) { return o.value === saving; })) {
        var o = el('option', '£' + Number(saving).toLocaleString('en-GB') + ' a year');
        o.value = saving;
        savingSelect.appendChild(o);
      }
      savingSelect.value = saving;
    }
    if (projectedBox) projectedBox.checked = projected;
    if (sortBox) sortBox.value = sort;
  }

  function urlFor() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set('q', input.value.trim());
    KINDS.forEach(function (k) { (selected[k[0]] || []).forEach(function (v) { params.append(k[0], v); }); });
    if (sort) params.set('sort', sort);
    if (partial) params.set('partial', '1');
    if (saving) params.set('saving', saving);
    if (saving && projected) params.set('projected', '1');
    if (page > 1) params.set('page', String(page));
    var qs = params.toString();
    return window.location.pathname + (qs ? '?' + qs : '');
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  /** The summary with the words that match the query marked. */
  function excerpt(text, terms) {
    var p = el('p', null, 'excerpt');
    var parts = String(text || '').split(/([\p{Alphabetic}\p{N}]+)/u);
    parts.forEach(function (part, i) {
      if (i % 2 === 1) {
        var t = window.CompendiumAnalyzer.analyze(part)[0];
        if (t && terms.has(t)) { p.appendChild(el('mark', part)); return; }
      }
      p.appendChild(document.createTextNode(part));
    });
    return p;
  }

  function renderHits(hits, plan) {
    var terms = new Set(plan.terms.map(function (t) { return t.term; }));
    results.textContent = '';
    hits.forEach(function (h) {
      var li = el('li');
      var h3 = el('h2', null, 'result-title');
      var a = el('a', h.title);
      a.href = h.url;
      h3.appendChild(a);
      li.appendChild(h3);
      if (h.partners) li.appendChild(el('p', h.partners, 'meta'));
      var facts = [h.functions.map(function (f) { return f.label; }).join(', '), h.regions.map(function (r) { return r.label; }).join(', ')];
      if (h.headline) facts.push('Saving: ' + h.headline);
      li.appendChild(el('p', facts.filter(Boolean).join(' · '), 'meta'));
      li.appendChild(excerpt(h.summary, terms));
      results.appendChild(li);
    });
  }

  function renderFacets(engine, counts) {
    facetBox.textContent = '';
    engine.facets.forEach(function (facet) {
      var kind = KINDS.filter(function (k) { return k[0] === facet.kind; })[0];
      var fieldset = el('fieldset', null, 'facet');
      fieldset.appendChild(el('legend', kind ? kind[1] : facet.kind));
      var any = false;
      // The most frequent first, so the value that matters is near the top;
      // ties keep the vocabulary's order.
      var ordered = facet.values.map(function (value, i) { return { value: value, i: i, n: counts[facet.kind][value[0]] || 0 }; })
        .sort(function (a, b) { return b.n - a.n || a.i - b.i; })
        .map(function (o) { return o.value; });
      ordered.forEach(function (value) {
        var slug = value[0], count = counts[facet.kind][slug] || 0;
        var checked = (selected[facet.kind] || []).indexOf(slug) >= 0;
        if (!count && !checked) return;
        any = true;
        var id = 'facet-' + facet.kind + '-' + slug;
        var row = el('div', null, 'facet-option');
        var box = el('input');
        box.type = 'checkbox'; box.id = id; box.name = facet.kind; box.value = slug; box.checked = checked;
        box.addEventListener('change', function () {
          var list = selected[facet.kind] || (selected[facet.kind] = []);
          if (box.checked) list.push(slug); else list.splice(list.indexOf(slug), 1);
          page = 1;
          run(true);
        });
        var label = el('label', value[1] + ' (' + count + ')');
        label.htmlFor = id;
        row.appendChild(box); row.appendChild(label);
        fieldset.appendChild(row);
      });
      if (any) facetBox.appendChild(fieldset);
    });
  }

  // Optimal string alignment distance (Damerau-Levenshtein without
  // overlapping edits), on lower case.
  function distance(a, b) {
    var d = [], i, j;
    for (i = 0; i <= a.length; i++) { d[i] = [i]; }
    for (j = 0; j <= b.length; j++) { d[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  }

  // The nearest slug close enough to be a typo, as `compendium search` finds it.
  function nearest(word, candidates) {
    var lower = word.toLowerCase().slice(0, 200), best = null, bestD = Infinity;
    candidates.forEach(function (c) {
      var d = distance(lower, c.toLowerCase());
      var limit = Math.max(2, Math.floor(Math.max(c.length, 3) / 2));
      if (d <= limit && (d < bestD || (d === bestD && c < best))) { best = c; bestD = d; }
    });
    return best;
  }

  // Filter values in the URL that are not in the vocabulary: [{kind, value, near}].
  function unknownFilters() {
    var out = [];
    KINDS.forEach(function (k) {
      var known = vocabulary[k[0]];
      if (!Array.isArray(known)) return;
      (selected[k[0]] || []).forEach(function (v) {
        if (known.indexOf(v) < 0) out.push({ kind: k[0], value: v, near: nearest(v, known), known: known });
      });
    });
    return out;
  }

  // Says which filter values are unknown, with "did you mean" and a link to
  // the corrected search; built as text nodes, never HTML.
  var problemsBox = document.createElement('div');
  problemsBox.id = 'search-problems';
  problemsBox.className = 'filter-problems';
  problemsBox.setAttribute('role', 'alert');
  problemsBox.hidden = true;
  status.parentNode.insertBefore(problemsBox, status);

  function showProblems(problems) {
    problemsBox.textContent = '';
    problemsBox.hidden = problems.length === 0;
    problems.forEach(function (p) {
      var line = el('p');
      line.appendChild(document.createTextNode('Unknown ' + NOUNS[p.kind] + ' '));
      line.appendChild(el('code', p.value));
      line.appendChild(document.createTextNode(' in the address, left out of this search: '));
      if (p.near) {
        line.appendChild(document.createTextNode('did you mean '));
        var params = new URLSearchParams(window.location.search);
        var values = params.getAll(p.kind).map(function (v) { return v === p.value ? p.near : v; });
        params.delete(p.kind);
        values.forEach(function (v) { params.append(p.kind, v); });
        var link = el('a');
        link.href = window.location.pathname + '?' + params.toString();
        link.appendChild(el('code', p.near));
        line.appendChild(link);
        line.appendChild(document.createTextNode('?'));
      } else {
        line.appendChild(document.createTextNode('expected one of: ' + p.known.join(', ')));
      }
      problemsBox.appendChild(line);
    });
  }

  /** The organisations the words name, above the case studies. */
  function renderOrganisations(orgs) {
    if (!orgBox) return;
    orgBox.textContent = '';
    orgBox.hidden = orgs.length === 0;
    if (!orgs.length) return;
    orgBox.appendChild(el('h2', 'Organisations', 'results-group'));
    var list = el('ul', null, 'plain organisation-results');
    orgs.forEach(function (o) {
      var li = el('li');
      var a = el('a', o.name);
      a.href = o.url;
      li.appendChild(a);
      var meta = o.what + ', ' + o.count + (o.count === 1 ? ' arrangement' : ' arrangements') + (o.also ? '; also known as ' + o.also : '');
      li.appendChild(el('span', ' (' + meta + ')', 'meta'));
      list.appendChild(li);
    });
    orgBox.appendChild(list);
  }

  /** Previous and next links (real links: they open in a new tab too). */
  function renderPager(total) {
    if (!pager) return;
    pager.textContent = '';
    var pages = Math.max(1, Math.ceil(total / pageSize()));
    pager.hidden = pages < 2;
    if (pages < 2) return;
    var list = el('ul');
    var step = function (to, text, rel) {
      var keep = page;
      page = to;
      var href = urlFor();
      page = keep;
      var li = el('li', null, 'pagination-step');
      var a = el('a', text);
      a.href = href;
      a.rel = rel;
      a.addEventListener('click', function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        page = to;
        run(true);
        status.focus();
      });
      li.appendChild(a);
      list.appendChild(li);
    };
    if (page > 1) step(page - 1, 'Previous page', 'prev');
    list.appendChild(el('li', 'Page ' + page + ' of ' + pages, 'pagination-here'));
    if (page < pages) step(page + 1, 'Next page', 'next');
    pager.appendChild(list);
  }

  /** A link on the search page that runs in place, and opens in a new tab too. */
  function pageLink(text, href, onFollow) {
    var a = el('a', text);
    a.href = href;
    a.addEventListener('click', function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      onFollow();
      run(true);
      status.focus();
    });
    return a;
  }

  /**
   * What the reader should know beyond the count: that a misspelt query was
   * run as its suggestion, or that nothing matches every word, with a link
   * to the partial matches and links to browse.
   */
  function renderNotice(r, q, engine) {
    if (!notice) return;
    notice.textContent = '';
    notice.hidden = true;
    if (r.suggestion && r.suggestion.applied) {
      var typed = r.suggestion.replaced.map(function (p) { return '“' + p[0] + '”'; }).join(' or ');
      notice.appendChild(document.createTextNode('No case study has ' + typed + ', so these are the results for “'));
      notice.appendChild(el('strong', r.suggestion.query));
      notice.appendChild(document.createTextNode('”. '));
      var fixed = r.suggestion.query;
      var keep = input.value;
      input.value = fixed;
      var href = urlFor();
      input.value = keep;
      notice.appendChild(pageLink('Search for “' + fixed + '”', href, function () { input.value = fixed; page = 1; }));
      notice.hidden = false;
      return;
    }
    if (r.total === 0 && q) {
      if (r.unlisted > 0) {
        partial = true;
        var more = urlFor();
        partial = false;
        var them = r.unlisted === 1 ? 'the case study that matches' : 'the ' + r.unlisted + ' case studies that match';
        notice.appendChild(pageLink('List ' + them + ' some of the words', more, function () { partial = true; page = 1; }));
        notice.appendChild(document.createTextNode(', or browse by '));
      } else {
        notice.appendChild(document.createTextNode('Browse by '));
      }
      var base = engine.m.base_path;
      [['function', 'functions/'], ['region', 'regions/'], ['delivery model', 'models/']].forEach(function (b, i) {
        if (i) notice.appendChild(document.createTextNode(i === 2 ? ' or ' : ', '));
        var a = el('a', b[0]);
        a.href = base + b[1];
        notice.appendChild(a);
      });
      notice.appendChild(document.createTextNode('.'));
      notice.hidden = false;
    }
  }

  function run(push) {
    var mine = ++sequence;
    var url = urlFor();
    if (url !== window.location.pathname + window.location.search) {
      if (push) window.history.pushState(null, '', url); else window.history.replaceState(null, '', url);
    }
    var text = input.value;
    var problems = unknownFilters();
    showProblems(problems);
    // Unknown values are said above and left out, not searched for (which
    // would only ever find nothing).
    var known = {};
    KINDS.forEach(function (k) {
      known[k[0]] = (selected[k[0]] || []).filter(function (v) {
        return !problems.some(function (p) { return p.kind === k[0] && p.value === v; });
      });
    });
    var filtering = !!saving || KINDS.some(function (k) { return known[k[0]].length; });
    var q = text.trim();
    // Without words there is no best match: the order is by title.
    var order = q ? sort : 'title';
    if (sortBox) { sortBox.disabled = !q; sortBox.value = order; }
    var chosen = KINDS.reduce(function (n, k) { return n + known[k[0]].length; }, saving ? 1 : 0);
    if (panel) panel.querySelector('summary').textContent = 'Filter the results' + (chosen ? ' (' + chosen + ' chosen)' : '');
    enginePromise.then(function (engine) {
      // Organisations only for words alone, on the first page.
      var orgsWanted = q && !filtering && page === 1 ? engine.organisations(q, 5) : Promise.resolve([]);
      orgsWanted.then(function (orgs) { if (mine === sequence) renderOrganisations(orgs); });
      var PAGE = pageSize();
      return engine.search(text, known, PAGE, (page - 1) * PAGE, order, { partial: partial, saving: saving ? { pence: Number(saving) * 100, projected: projected } : null }).then(function (r) {
        if (mine !== sequence) return null;
        var pages = Math.max(1, Math.ceil(r.total / PAGE));
        if (page > pages) { page = pages; run(false); return null; }
        return engine.display(r.plan, r.hits).then(function (shown) {
          if (mine !== sequence) return;
          renderHits(shown, r.plan);
          // Each result's best passage, from its page, once the list is shown (passages.js, which
          // loads after this script and takes up the latest list if it comes later).
          var wanted = [results, shown, r.plan, function () { return mine === sequence; }];
          if (window.CompendiumPassages) window.CompendiumPassages.show.apply(null, wanted); else window.CompendiumPassagesWanted = wanted;
          renderFacets(engine, r.facets);
          renderPager(r.total);
          renderNotice(r, q, engine);
          if (r.suggestion && r.suggestion.applied) q = r.suggestion.query;
          var first = (page - 1) * PAGE + 1, last = first + shown.length - 1;
          results.start = first;
          var noun = r.total === 1 ? ' case study' : ' case studies';
          var what = q ? (r.total === 1 ? ' matches “' : ' match “') + q + '”' : (filtering ? (r.total === 1 ? ' matches' : ' match') + ' these filters' : ' in all');
          // Those that match every word rank first; say how many do.
          if (q && r.words > 1 && r.all_words < r.total) {
            noun = r.all_words === 1 ? ' case study matches' : ' case studies match';
            what = ' all the words of “' + q + '”; ' + (r.total - r.all_words) + ' more match some';
          }
          var none = r.unlisted > 0 ? 'No case study matches all the words of “' + q + '”.' : 'No case studies match “' + q + '”.';
          status.textContent = r.total === 0 ? (q ? none : 'No case studies match these filters.')
            : (noun.indexOf('match') >= 0 ? r.all_words : r.total) + noun + what + (r.total > shown.length ? '; showing ' + first + ' to ' + last : '') +
              (r.total > 1 ? (order === 'title' ? ', by title.' : ', best first.') : '.');
        });
      });
    }).catch(function (e) {
      if (mine === sequence) status.textContent = 'Search is unavailable: ' + e.message;
    });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    page = 1;
    partial = false;
    timer = setTimeout(function () { run(false); }, 120);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    page = 1;
    partial = false;
    run(true);
  });
  window.addEventListener('popstate', function () { readUrl(); run(false); });
  readUrl();
  run(false);
})();
