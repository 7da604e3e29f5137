/*
 * The hex map: selecting a council (click, tap, or Enter on its focused
 * hex) shows its panel beside the map (who it shares with, its newest
 * arrangements, a link onward) and draws a line to each partner council on
 * the map. Selecting it again follows its link. Without JavaScript each hex
 * is a plain link to the council's page.
 *
 * The panels are written into the page at build time and hidden; this only
 * shows one. The lines are built from numbers in data- attributes: nothing
 * from content becomes markup here.
 */
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';

  function widthFor(n) {
    return n >= 3 ? '1.3' : n === 2 ? '.9' : '.6';
  }

  function setUp(wrap) {
    var svg = wrap.querySelector('svg.hexmap');
    var box = wrap.querySelector('.map-panels');
    if (!svg || !box) return;
    var links = {};
    Array.prototype.forEach.call(svg.querySelectorAll('a[data-k]'), function (a) {
      links[a.getAttribute('data-k')] = a;
    });
    var panels = {};
    Array.prototype.forEach.call(box.querySelectorAll('.map-panel[data-k]'), function (p) {
      panels[p.getAttribute('data-k')] = p;
    });
    var intro = box.querySelector('.map-panel-intro');
    var layer = document.createElementNS(SVG, 'g');
    layer.setAttribute('class', 'hexmap-selected-lines');
    layer.setAttribute('stroke', '#0b0c0c');
    var overlay = svg.querySelector('.hexmap-overlay');
    (overlay || svg).appendChild(layer);
    var current = null;
    box.hidden = false;
    wrap.classList.add('map-explore-on');

    function point(a) {
      return [a.getAttribute('data-x'), a.getAttribute('data-y')];
    }

    function select(key) {
      var panel = panels[key];
      var a = links[key];
      if (!panel || !a) return;
      if (current) {
        panels[current].hidden = true;
        links[current].classList.remove('is-selected');
        links[current].removeAttribute('aria-current');
      }
      while (layer.firstChild) layer.removeChild(layer.firstChild);
      current = key;
      panel.hidden = false;
      if (intro) intro.hidden = true;
      a.classList.add('is-selected');
      a.setAttribute('aria-current', 'true');
      var from = point(a);
      Array.prototype.forEach.call(panel.querySelectorAll('li[data-k]'), function (li) {
        var other = links[li.getAttribute('data-k')];
        if (!other || other === a) return;
        var to = point(other);
        var line = document.createElementNS(SVG, 'path');
        line.setAttribute('d', 'M' + from[0] + ' ' + from[1] + 'L' + to[0] + ' ' + to[1]);
        line.setAttribute('stroke-width', widthFor(Number(li.getAttribute('data-n'))));
        layer.appendChild(line);
      });
    }

    svg.addEventListener('click', function (e) {
      var a = e.target.closest ? e.target.closest('a[data-k]') : null;
      if (!a) return;
      var key = a.getAttribute('data-k');
      // A council without a panel, or the one already selected: follow the link.
      if (!panels[key] || key === current) return;
      e.preventDefault();
      select(key);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('.map-explore'), setUp);
})();
