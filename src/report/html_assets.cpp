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
.toolbar { position: sticky; top: 0; z-index: 2; background: rgba(255,255,255,.96); padding: 10px 0; border-bottom: 1px solid var(--line); display: flex; gap: 12px; align-items: center; }
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
table.order td { overflow-wrap: anywhere; }
details.som > summary { cursor: pointer; padding: 5px 8px; border-radius: 6px; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
details.som > summary:hover { background: var(--soft); }
details.som > summary .name { font-weight: 600; }
details.som > summary .dn { color: var(--muted); font-size: 12px; }
details.som > .som-body { margin-left: 14px; padding: 4px 0 4px 14px; border-left: 2px solid var(--line); }
details.som.has-findings > summary { background: #fffafa; }
details.gpo, details.rule-doc { border: 1px solid var(--line); border-radius: 8px; margin: 8px 0; padding: 0 12px; }
details.gpo > summary, details.rule-doc > summary { cursor: pointer; padding: 8px 0; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
details.gpo > summary .name, details.rule-doc > summary .name { font-weight: 600; }
.meta { color: var(--muted); font-size: 12px; }
tr.left-out td { color: var(--muted); }
tr.left-out td.gpo-name { text-decoration: line-through; text-decoration-color: #afb8c1; }
.finding { border: 1px solid var(--line); border-left-width: 4px; border-radius: 6px; padding: 8px 12px; margin: 8px 0; background: #fff; }
.finding.error { border-left-color: var(--error); } .finding.warning { border-left-color: var(--warning); } .finding.note { border-left-color: var(--note); }
.finding .head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.finding .msg { font-weight: 600; }
.finding .where { color: var(--muted); font-size: 12px; word-break: break-all; }
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
  .toolbar, #selftest-result { display: none !important; }
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

  // Each filterable item carries its searchable words in data-search (already lower-case).
  // A SOM stays visible when it or one of its descendants matches, so the tree keeps its shape.
  function applyFilter(query) {
    var q = query.trim().toLowerCase();
    var shown = 0, total = 0;
    var soms = all('details.som');
    for (var i = soms.length - 1; i >= 0; --i) {  // children come after parents in document order
      var som = soms[i];
      var own = !q || som.getAttribute('data-search').indexOf(q) >= 0;
      var child = all(':scope > .som-body > .children > details.som', som).some(function (c) { return !c.hidden; });
      som.hidden = !(own || child);
      som.open = q ? (own || child) : som.hasAttribute('data-open');
    }
    all('[data-search]:not(details.som)').forEach(function (item) {
      var match = !q || item.getAttribute('data-search').indexOf(q) >= 0;
      item.hidden = !match;
      total += 1; if (match) shown += 1;
    });
    soms.forEach(function (s) { total += 1; if (!s.hidden) shown += 1; });
    var status = document.getElementById('search-status');
    if (status) status.textContent = q ? shown + ' of ' + total + ' items match' : '';
  }

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
    var lines = [], ok = true;
    function check(cond, what) { ok = ok && !!cond; lines.push((cond ? 'ok ' : 'FAIL ') + what); }
    // Closed <details> hide their content with content-visibility, which only checkVisibility sees.
    function visible(el) {
      if (!el || el.getClientRects().length === 0 || el.offsetHeight === 0) return false;
      return typeof el.checkVisibility !== 'function' || el.checkVisibility({ contentVisibilityAuto: true });
    }
    var som = document.querySelector('details.som.has-findings') || document.querySelector('details.som');
    check(som, 'the report has an OU tree');
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
    check(document.images.length === 0, 'the page holds no image (' + document.images.length + ')');
    check(document.scripts.length === 1, 'the page holds only its own script (' + document.scripts.length + ')');
    check(scriptErrors.length === 0, 'no script errors' + (scriptErrors.length ? ': ' + scriptErrors.join('; ') : ''));
    var out = document.createElement('pre');
    out.id = 'selftest-result';
    out.textContent = (ok ? 'SELFTEST PASS' : 'SELFTEST FAIL') + '\n' + lines.join('\n');
    document.body.appendChild(out);
    document.title = ok ? 'SELFTEST PASS' : 'SELFTEST FAIL';
  }

  if (location.hash === '#selftest') selftest(); else reveal();
})();
)JS";

}  // namespace gpolint::report::html_assets
