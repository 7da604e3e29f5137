/*
 * The search page: results as you type, facet checkboxes with live counts,
 * and the URL kept in step (?q=...&function=...&region=...&model=...) so a
 * search can be shared and the back button works. Everything from the index
 * is inserted as text, never as HTML.
 */
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  var results = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  var facetBox = document.getElementById('search-facets');
  if (!form || !results || !window.CompendiumEngine || !window.DecompressionStream || !window.fetch) return;
  var input = form.querySelector('input[name=q]');
  var KINDS = [['function', 'Function'], ['region', 'Region'], ['model', 'Delivery model'], ['type', 'Organisation type']];
  var manifestUrl = form.getAttribute('data-manifest');
  var enginePromise = window.CompendiumEngine.create(window.CompendiumEngine.browserLoader(manifestUrl), manifestUrl.slice(manifestUrl.lastIndexOf('/') + 1));
  var sequence = 0, timer = null, selected = {};

  document.documentElement.classList.add('js-search');
  var selects = form.querySelector('.filters');
  if (selects) selects.hidden = true;

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get('q') || '';
    selected = {};
    KINDS.forEach(function (k) { selected[k[0]] = params.getAll(k[0]).filter(Boolean); });
  }

  function urlFor() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set('q', input.value.trim());
    KINDS.forEach(function (k) { (selected[k[0]] || []).forEach(function (v) { params.append(k[0], v); }); });
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
      facet.values.forEach(function (value) {
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

  function run(push) {
    var mine = ++sequence;
    var url = urlFor();
    if (url !== window.location.pathname + window.location.search) {
      if (push) window.history.pushState(null, '', url); else window.history.replaceState(null, '', url);
    }
    var text = input.value;
    var filtering = KINDS.some(function (k) { return (selected[k[0]] || []).length; });
    if (!text.trim() && !filtering) {
      results.textContent = '';
      facetBox.textContent = '';
      status.textContent = '';
      return;
    }
    enginePromise.then(function (engine) {
      return engine.search(text, selected, 10).then(function (r) {
        if (mine !== sequence) return null;
        return engine.display(r.plan, r.hits).then(function (shown) {
          if (mine !== sequence) return;
          renderHits(shown, r.plan);
          renderFacets(engine, r.facets);
          var q = text.trim();
          status.textContent = r.total === 0 ? (q ? 'No case studies match “' + q + '”.' : 'No case studies match these filters.')
            : r.total + (r.total === 1 ? ' case study' : ' case studies') + (q ? (r.total === 1 ? ' matches “' : ' match “') + q + '”' : '') +
              (r.total > shown.length ? '; showing the best ' + shown.length + '.' : '.');
        });
      });
    }).catch(function (e) {
      if (mine === sequence) status.textContent = 'Search is unavailable: ' + e.message;
    });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(false); }, 120);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run(true);
  });
  window.addEventListener('popstate', function () { readUrl(); run(false); });
  readUrl();
  run(false);
})();
