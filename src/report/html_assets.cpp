#include "report/html_assets.hpp"

namespace gpolint::report::html_assets {

const std::string_view kStyle = R"CSS(
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0b57d0;
  --error: #c62828; --error-bg: #fdecea; --warning: #9a6700; --warning-bg: #fff4d6;
  --note: #1f6feb; --note-bg: #e8f0fe; --ok: #1a7f37; --ok-bg: #dafbe1;
}
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
header.top { background: #24292f; color: #fff; padding: 16px 32px; display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; }
header.top h1 { margin: 0; font-size: 20px; font-weight: 600; }
header.top .sub { color: #c9d1d9; font-size: 13px; }
main { max-width: 1180px; margin: 0 auto; padding: 20px 32px 48px; }
h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 14px 0 6px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 10px; margin: 6px 0 8px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: var(--soft); }
.card .n { font-size: 24px; font-weight: 650; line-height: 1.2; }
.card .l { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card.error .n { color: var(--error); } .card.warning .n { color: var(--warning); } .card.note .n { color: var(--note); }
.toolbar { position: sticky; top: 0; z-index: 2; background: #fff; padding: 10px 0; border-bottom: 1px solid var(--line); display: flex; gap: 12px; align-items: center; }
.toolbar input { flex: 1; max-width: 520px; padding: 7px 10px; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
.toolbar button { padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--soft); font: inherit; cursor: pointer; }
.toolbar .status { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 11.5px; font-weight: 600; line-height: 18px; border: 1px solid transparent; white-space: nowrap; }
.badge.error { color: var(--error); background: var(--error-bg); border-color: #f5c2c0; }
.badge.warning { color: var(--warning); background: var(--warning-bg); border-color: #f0d58c; }
.badge.note { color: var(--note); background: var(--note-bg); border-color: #c4d7fb; }
.badge.ok, .badge.applied { color: var(--ok); background: var(--ok-bg); border-color: #aceebb; }
.badge.role { color: #6639ba; background: #f3edff; border-color: #d8c8fb; }
.badge.kind { color: var(--muted); background: var(--soft); border-color: var(--line); text-transform: uppercase; font-size: 10.5px; }
.badge.enforced { color: #fff; background: #8250df; }
.badge.blocks { color: #fff; background: #57606a; }
.badge.blocked, .badge.disabled, .badge.skipped { color: var(--muted); background: #eaeef2; border-color: var(--line); }
.badge.conditional { color: var(--warning); background: var(--warning-bg); border-color: #f0d58c; }
details > summary { list-style: none; }
details > summary::-webkit-details-marker { display: none; }
details > summary::before { content: "\25B8"; color: var(--muted); width: 12px; display: inline-block; }
details[open] > summary::before { content: "\25BE"; }
details.som { margin: 3px 0; }
table.order { table-layout: fixed; }
table.order th:nth-child(1) { width: 36px; } table.order th:nth-child(2) { width: 24%; }
table.order th:nth-child(3) { width: 13%; } table.order th:nth-child(4) { width: 96px; }
table.order th:nth-child(5) { width: 170px; }
table.order td { overflow-wrap: break-word; }
details.som > summary { cursor: pointer; padding: 5px 8px; border-radius: 6px; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
details.som > summary:hover { background: var(--soft); }
details.som > summary .name { font-weight: 600; }
details.som > summary .dn { color: var(--muted); font-size: 12px; }
details.som > .som-body { margin-left: 14px; padding: 4px 0 4px 14px; border-left: 2px solid var(--line); }
details.som.has-findings > summary { background: #fffafa; }
details.gpo, details.rule-doc { border: 1px solid var(--line); border-radius: 8px; margin: 8px 0; padding: 0 12px; }
details.gpo > summary, details.rule-doc > summary { cursor: pointer; padding: 8px 0; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
details.gpo > summary .name, details.rule-doc > summary .name { font-weight: 600; }
details.gpo.quiet { margin: 3px 0; }
details.gpo.quiet:not([open]) > summary { padding: 3px 0; }
.meta { color: var(--muted); font-size: 12px; }
tr.left-out td { color: var(--muted); }
tr.left-out td.gpo-name { text-decoration: line-through; text-decoration-color: #afb8c1; }
.finding { border: 1px solid var(--line); border-left-width: 4px; border-radius: 6px; padding: 8px 12px; margin: 8px 0; background: #fff; }
.finding.error { border-left-color: var(--error); } .finding.warning { border-left-color: var(--warning); } .finding.note { border-left-color: var(--note); }
.finding .head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.finding .msg { font-weight: 600; }
.finding .where { color: var(--muted); font-size: 12px; overflow-wrap: break-word; }
.finding .fix { margin-top: 4px; font-size: 13px; }
.finding .fix .label, .fix .label { font-weight: 600; color: var(--ok); margin-right: 4px; }
/* Anchored targets land below the sticky toolbar, not under it. */
section, h2, h3, details, [id] { scroll-margin-top: 64px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 10px 24px; margin: 8px 0; }
figure.chart { margin: 0; }
figure.chart figcaption { font-weight: 600; font-size: 13px; margin-bottom: 4px; }
svg.chart { max-width: 100%; height: auto; font: 12px system-ui, "DejaVu Sans", sans-serif; }
svg.chart text { fill: var(--ink); }
svg.chart text.value { fill: var(--muted); }
svg.chart .bar rect { fill: #8c959f; }
svg.chart .bar.error rect { fill: var(--error); } svg.chart .bar.warning rect { fill: #d4a72c; } svg.chart .bar.note rect { fill: var(--note); }
.table-tools { display: flex; gap: 10px; align-items: center; margin: 6px 0; }
.table-tools input { flex: 1; max-width: 360px; padding: 5px 8px; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
.table-tools button { padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--soft); font: inherit; cursor: pointer; }
.table-tools .status { color: var(--muted); font-size: 12px; }
.table-wrap { max-height: 460px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
.table-wrap table { margin: 0; }
.table-wrap thead th { position: sticky; top: 0; z-index: 1; }
table.sortable th button { all: unset; cursor: pointer; }
table.sortable th[aria-sort="ascending"] button::after { content: " \25B4"; }
table.sortable th[aria-sort="descending"] button::after { content: " \25BE"; }
table.sortable td { overflow-wrap: break-word; }
.badge.missing, .badge.different { color: var(--error); background: var(--error-bg); border-color: #f5c2c0; }
.badge.extra { color: var(--note); background: var(--note-bg); border-color: #c4d7fb; }
.card.missing .n, .card.different .n { color: var(--error); } .card.extra .n { color: var(--note); }
svg.chart .bar.missing rect, svg.chart .bar.different rect { fill: var(--error); } svg.chart .bar.extra rect { fill: var(--note); }
tr.conflict td { background: var(--warning-bg); }
ol.chain { margin: 6px 0 0; padding-left: 22px; }
ol.chain li { margin: 2px 0; }
ol.chain li .where { margin-left: 4px; }
.empty { color: var(--muted); font-style: italic; }
.rule-doc dl { margin: 0 0 10px; }
.rule-doc dt { font-weight: 600; font-size: 12px; color: var(--muted); text-transform: uppercase; margin-top: 6px; }
.rule-doc dd { margin: 2px 0 0; white-space: pre-wrap; }
:target { outline: 2px solid var(--accent); outline-offset: 2px; }
footer { color: var(--muted); font-size: 12px; margin-top: 36px; }
#selftest-result { border: 2px dashed var(--accent); padding: 8px; }
@media print {
  .toolbar, .table-tools, #selftest-result { display: none !important; }
  .table-wrap { max-height: none; overflow: visible; border: 0; }
  header.top { background: none; color: var(--ink); padding: 0 0 8px; border-bottom: 2px solid var(--ink); }
  header.top .sub { color: var(--muted); }
  main { max-width: none; padding: 0; }
  [hidden] { display: revert !important; }
  details > summary::before, details[open] > summary::before { content: none; }
  .finding, tr, details.gpo, details.rule-doc { break-inside: avoid; }
  a { color: inherit; }
}
)CSS";

const std::string_view kScript = R"JS(
(function () {
  'use strict';
  var scriptErrors = [];
  window.addEventListener('error', function (e) { scriptErrors.push(String(e.message)); });

  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function ancestors(el, selector) {
    var out = [];
    for (var p = el.parentElement; p; p = p.parentElement) if (p.matches(selector)) out.push(p);
    return out;
  }

  // The words of a query, lower-case; an item matches when its text holds every one of them.
  function words(query) { return query.trim().toLowerCase().split(/\s+/).filter(function (w) { return w; }); }
  function matches(text, ws) {
    for (var i = 0; i < ws.length; ++i) if (text.indexOf(ws[i]) < 0) return false;
    return true;
  }
  function tableFilter(row) {
    var table = row.closest('table.sortable');
    var box = table && document.querySelector('input.table-filter[data-table="' + table.id + '"]');
    return box ? words(box.value) : [];
  }

  // Each filterable item carries its searchable words in data-search (already lower-case).
  // A SOM stays visible when it or one of its descendants matches, so the tree keeps its shape.
  // Rows of the sortable tables must also match their table's own filter box.
  function applyFilter(query) {
    var ws = words(query), q = ws.length > 0;
    var shown = 0, total = 0;
    var soms = all('details.som');
    for (var i = soms.length - 1; i >= 0; --i) {  // children come after parents in document order
      var som = soms[i];
      var own = !q || matches(som.getAttribute('data-search'), ws);
      var child = all(':scope > .som-body > .children > details.som', som).some(function (c) { return !c.hidden; });
      som.hidden = !(own || child);
      som.open = q ? (own || child) : som.hasAttribute('data-open');
    }
    all('[data-search]:not(details.som)').forEach(function (item) {
      var text = item.getAttribute('data-search');
      var match = matches(text, ws);
      item.hidden = !(match && matches(text, tableFilter(item)));
      total += 1; if (match) shown += 1;
    });
    soms.forEach(function (s) { total += 1; if (!s.hidden) shown += 1; });
    var status = document.getElementById('search-status');
    if (status) status.textContent = q ? shown + ' of ' + total + ' items match' : '';
    updateCounts();
  }

  function updateCounts() {
    all('table.sortable').forEach(function (table) {
      var rows = all('tbody tr', table), visible = rows.filter(function (r) { return !r.hidden; }).length;
      var count = document.querySelector('[data-count="' + table.id + '"]');
      if (count) count.textContent = visible + ' of ' + rows.length + ' rows';
    });
  }

  // Sorting: by the cell's data-sort when it has one (severity), else its text; numeric columns as numbers.
  function sortKey(cell, numeric) {
    var raw = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
    return numeric ? (parseFloat(raw) || 0) : raw.toLowerCase();
  }
  function sortTable(table, column, descending) {
    var th = table.tHead.rows[0].cells[column], numeric = th.getAttribute('data-type') === 'num';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
      return { row: row, key: sortKey(row.cells[column], numeric), i: i };
    });
    rows.sort(function (a, b) {
      var c = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return (descending ? -c : c) || a.i - b.i;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
    all('th', table.tHead).forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
    th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
  }
  all('table.sortable').forEach(function (table) {
    all('th', table.tHead).forEach(function (th, column) {
      th.addEventListener('click', function () {
        sortTable(table, column, th.getAttribute('aria-sort') === 'ascending');
      });
    });
  });

  // CSV of the rows shown, as RFC 4180 text; a cell that a spreadsheet would run as a formula gets a
  // leading quote mark.
  function csvCell(text) {
    var t = text.replace(/\s+/g, ' ').trim();
    if (/^[=+\-@]/.test(t) && isNaN(Number(t))) t = "'" + t;
    return /[",\r\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
  }
  function tableCsv(table) {
    var lines = [all('th', table.tHead).map(function (th) { return csvCell(th.textContent); }).join(',')];
    all('tbody tr', table).forEach(function (row) {
      if (row.hidden) return;
      lines.push(Array.prototype.map.call(row.cells, function (c) { return csvCell(c.textContent); }).join(','));
    });
    return lines.join('\r\n') + '\r\n';
  }
  function downloadCsv(table) {
    var blob = new Blob([tableCsv(table)], { type: 'text/csv;charset=utf-8' });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'gpolint-' + table.id + '.csv';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
  }
  all('button.csv').forEach(function (button) {
    button.addEventListener('click', function () { downloadCsv(document.getElementById(button.getAttribute('data-table'))); });
  });
  all('input.table-filter').forEach(function (box) {
    box.addEventListener('input', function () { applyFilter(input ? input.value : ''); });
  });

  function setAll(open) { all('details').forEach(function (d) { d.open = open; }); }

  var saved = null;
  window.addEventListener('beforeprint', function () {
    saved = all('details').map(function (d) { return d.open; });
    var input = document.getElementById('search');
    if (input && input.value) { input.value = ''; applyFilter(''); }
    setAll(true);
  });
  window.addEventListener('afterprint', function () {
    if (!saved) return;
    all('details').forEach(function (d, i) { d.open = saved[i]; });
    saved = null;
  });

  // Following a link to a SOM, GPO or rule opens it and the tree above it.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    ancestors(target, 'details').forEach(function (d) { d.open = true; });
    if (target.tagName === 'DETAILS') target.open = true;
  }
  window.addEventListener('hashchange', reveal);

  var input = document.getElementById('search');
  if (input) input.addEventListener('input', function () { applyFilter(input.value); });
  var expand = document.getElementById('expand-all');
  if (expand) expand.addEventListener('click', function () { setAll(true); });
  var collapse = document.getElementById('collapse-all');
  if (collapse) collapse.addEventListener('click', function () { setAll(false); });

  // file:///…/report.html#selftest: exercise the page and write the outcome where --dump-dom sees it.
  function selftest() {
    var lines = ['height ' + document.documentElement.scrollHeight], ok = true;
    function check(cond, what) { ok = ok && !!cond; lines.push((cond ? 'ok ' : 'FAIL ') + what); }
    // Closed <details> hide their content with content-visibility, which only checkVisibility sees.
    function visible(el) {
      if (!el || el.getClientRects().length === 0 || el.offsetHeight === 0) return false;
      return typeof el.checkVisibility !== 'function' || el.checkVisibility({ contentVisibilityAuto: true });
    }
    var som = document.querySelector('details.som.has-findings') || document.querySelector('details.som');
    if (document.getElementById('tree')) check(som, 'the report has an OU tree');
    if (som) {
      ancestors(som, 'details').forEach(function (d) { d.open = true; });
      var body = som.querySelector(':scope > .som-body');
      som.open = false;
      check(!visible(body), 'a collapsed OU hides its content');
      som.open = true;
      check(visible(body), 'an expanded OU shows its content');
      lines.push('expanded ' + som.getAttribute('data-dn'));
      if (input) {
        input.value = som.getAttribute('data-dn'); applyFilter(input.value);
        check(!som.hidden, 'searching an OU keeps it');
        input.value = 'no such thing \u00a7\u00a7'; applyFilter(input.value);
        check(som.hidden, 'a search without match hides it');
        input.value = ''; applyFilter('');
        check(!som.hidden && som.open === som.hasAttribute('data-open'), 'clearing the search restores it');
      }
    }
    layoutChecks(check);
    tableChecks(check, lines);
    searchChecks(check, lines);
    check(document.images.length === 0, 'the page holds no image (' + document.images.length + ')');
    check(document.scripts.length === 1, 'the page holds only its own script (' + document.scripts.length + ')');
    check(scriptErrors.length === 0, 'no script errors' + (scriptErrors.length ? ': ' + scriptErrors.join('; ') : ''));
    var out = document.createElement('pre');
    out.id = 'selftest-result';
    out.textContent = (ok ? 'SELFTEST PASS' : 'SELFTEST FAIL') + '\n' + lines.join('\n');
    document.body.appendChild(out);
    document.title = ok ? 'SELFTEST PASS' : 'SELFTEST FAIL';
  }

  // The page opens at the risk overview; the toolbar hides nothing it scrolls to; words are not split.
  function layoutChecks(check) {
    var first = document.querySelector('main > section');
    check(first && first.id === 'summary', 'the page opens at the summary');
    var charts = all('#summary svg.chart').filter(function (svg) { return svg.querySelector('g.bar rect'); });
    check(charts.length >= 2 || !document.querySelector('#findings-table'), 'the summary draws charts (' + charts.length + ')');
    var bar = document.querySelector('.toolbar');
    check(bar && getComputedStyle(bar).backgroundColor === 'rgb(255, 255, 255)', 'the toolbar is opaque');
    var target = document.getElementById('gpos') || document.getElementById('rules');
    if (bar && target) {
      target.scrollIntoView();
      var under = target.getBoundingClientRect().top - bar.getBoundingClientRect().bottom;
      check(under >= -1, 'a section scrolled to lands below the toolbar (' + Math.round(under) + ' px)');
      window.scrollTo(0, 0);
    }
    var where = document.querySelector('.finding .where');
    check(!where || getComputedStyle(where).wordBreak !== 'break-all', 'finding locations do not split words');
  }

  function visibleRows(table) { return all('tbody tr', table).filter(function (r) { return !r.hidden; }); }

  // Each table sorts both ways by clicking its first heading, filters through its own box, and exports
  // the rows shown as CSV (the download itself is checked by the test that loads the page).
  function tableChecks(check, lines) {
    all('table.sortable').forEach(function (table) {
      var rows = all('tbody tr', table);
      lines.push('table ' + table.id + ' rows ' + rows.length);
      if (rows.length < 2) return;
      var th = table.tHead.rows[0].cells[0], numeric = th.getAttribute('data-type') === 'num';
      function keys() { return all('tbody tr', table).map(function (r) { return sortKey(r.cells[0], numeric); }); }
      function ordered(list, down) {
        for (var i = 1; i < list.length; ++i) if (down ? list[i - 1] < list[i] : list[i - 1] > list[i]) return false;
        return true;
      }
      th.click();
      check(ordered(keys(), false) && th.getAttribute('aria-sort') === 'ascending', table.id + ' sorts ascending');
      th.click();
      check(ordered(keys(), true) && th.getAttribute('aria-sort') === 'descending', table.id + ' sorts descending');
      var box = document.querySelector('input.table-filter[data-table="' + table.id + '"]');
      var probe = rows[0].cells[0].textContent.trim().toLowerCase();
      box.value = probe; applyFilter(input ? input.value : '');
      var shown = visibleRows(table);
      check(shown.length >= 1 && shown.every(function (r) { return r.getAttribute('data-search').indexOf(probe) >= 0; }),
            table.id + ' filters on "' + probe + '" (' + shown.length + ' of ' + rows.length + ')');
      var csv = tableCsv(table).split('\r\n').filter(function (l) { return l; });
      check(csv.length === shown.length + 1, table.id + ' CSV holds the heading and the ' + shown.length + ' rows shown');
      box.value = 'no such thing \u00a7\u00a7'; applyFilter(input ? input.value : '');
      check(visibleRows(table).length === 0, table.id + ' filter without match hides every row');
      box.value = ''; applyFilter(input ? input.value : '');
      check(visibleRows(table).length === rows.length, table.id + ' clearing the filter shows every row');
    });
    var exported = document.getElementById('findings-table') || document.querySelector('table.sortable');
    if (exported) {
      lines.push('csv ' + tableCsv(exported).split('\r\n')[0]);
      downloadCsv(exported);
    }
  }

  // The page search matches severities and several words narrow it.
  function searchChecks(check, lines) {
    var findings = document.getElementById('findings-table');
    if (!input || !findings) return;
    var severities = all('tbody tr', findings).map(function (r) { return r.cells[0].textContent.trim(); });
    var severity = severities[0];
    var expected = severities.filter(function (s) { return s === severity; }).length;
    input.value = severity; applyFilter(input.value);
    check(visibleRows(findings).length === expected, 'searching "' + severity + '" shows its ' + expected + ' findings');
    var row = all('tbody tr', findings)[0];
    var rule = row.cells[1].textContent.trim();
    input.value = rule; applyFilter(input.value);
    var one = visibleRows(findings).length;
    input.value = rule + ' ' + severity + ' no-such-word'; applyFilter(input.value);
    check(visibleRows(findings).length === 0 && one >= 1, 'every word must match (' + rule + ': ' + one + ', plus a missing word: 0)');
    input.value = ''; applyFilter('');
    lines.push('search ' + severity + ' ' + expected);
  }

  updateCounts();
  if (location.hash === '#selftest') selftest(); else reveal();
})();
)JS";

}  // namespace gpolint::report::html_assets
