/*
 * The case study listing: filters by function, region and delivery model and
 * sorts by name, date or headline saving, all in the page (no server). Without
 * JavaScript the page simply lists every case study.
 */
(function () {
  'use strict';
  var form = document.getElementById('listing-controls');
  var list = document.getElementById('case-study-list');
  var status = document.getElementById('listing-status');
  if (!form || !list) return;
  var cards = Array.prototype.slice.call(list.children);
  var selects = Array.prototype.slice.call(form.querySelectorAll('select[data-filter]'));
  var sort = document.getElementById('l-sort');
  var lead = document.querySelector('main .lead');
  var leadText = lead ? lead.textContent : '';
  form.hidden = false;

  function matches(card) {
    return selects.every(function (s) {
      if (!s.value) return true;
      var values = (card.getAttribute('data-' + s.getAttribute('data-filter')) || '').split(' ');
      return values.indexOf(s.value) >= 0;
    });
  }

  function compare(a, b) {
    var by = sort.value;
    if (by === 'date') return (b.getAttribute('data-date') || '').localeCompare(a.getAttribute('data-date') || '');
    if (by === 'savings') return Number(b.getAttribute('data-savings')) - Number(a.getAttribute('data-savings'));
    return 0;
  }

  function update() {
    var shown = 0;
    var ordered = cards.slice().sort(function (a, b) {
      return compare(a, b) || cards.indexOf(a) - cards.indexOf(b);
    });
    ordered.forEach(function (card) {
      var show = matches(card);
      card.hidden = !show;
      if (show) shown++;
      list.appendChild(card);
    });
    status.textContent = 'Showing ' + shown + ' of ' + cards.length + ' case studies.';
    // The intro says "All N" only while nothing is filtered out.
    var filtered = selects.some(function (s) { return s.value; });
    if (lead) lead.textContent = filtered ? shown + ' of the ' + cards.length + ' case studies match the filters below.' : leadText;
  }

  form.addEventListener('change', update);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
})();
