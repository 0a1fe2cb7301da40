// app.js -- the behaviour of the sayso web page (web/index.html), no framework.
// Views: #extract (paste or open an article, POST /v1/extract, show the quotes
// highlighted in their speaker's colour), and with a database #search
// (GET /v1/quotes, /v1/quotes/{id}) and #speakers (GET /v1/speakers, SVG charts).
//
// Offsets: the API counts Unicode code points, JavaScript strings count UTF-16
// units, so the text is split with Array.from() (one element per code point)
// and every span is sliced from that array, never from the string.
'use strict';

const PALETTE = [
  { bg: '#ffe08a', line: '#8a5a00' }, { bg: '#b5e3ff', line: '#005a8c' },
  { bg: '#ffc9d6', line: '#a3123a' }, { bg: '#c9efc4', line: '#1f6b18' },
  { bg: '#e4d2ff', line: '#5b2a9e' }, { bg: '#ffd5b0', line: '#9a4300' },
  { bg: '#bff0eb', line: '#00685f' }, { bg: '#f2e6a6', line: '#6b5d00' },
  { bg: '#f5d0f0', line: '#8a1c7c' }, { bg: '#d6dcff', line: '#2d3fa8' },
  { bg: '#dff0a8', line: '#4a6400' }, { bg: '#ffd6cc', line: '#a12d12' },
];
const GREY = { bg: '#e6e6e6', line: '#555555' };
const PAGE_SIZE = 20;

const $ = (sel) => document.querySelector(sel);

// Create an element with attributes and children (strings become text).
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}

function setColour(e, c) {
  e.style.setProperty('--bg', c.bg);
  e.style.setProperty('--line', c.line);
}

// fetch + JSON; throws an Error carrying the API's error message.
async function api(path, opts) {
  let rsp;
  try {
    rsp = await fetch(path, opts);
  } catch (e) {
    throw new Error('The server could not be reached.');
  }
  let body = null;
  try { body = await rsp.json(); } catch (e) { body = null; }
  if (!rsp.ok) {
    const msg = body && body.error ? body.error.message : rsp.statusText;
    throw new Error(`${msg} (HTTP ${rsp.status})`);
  }
  return body;
}

function status(node, msg, isError) {
  node.textContent = msg;
  node.classList.toggle('error', !!isError);
  node.setAttribute('role', isError ? 'alert' : 'status');
}

// ---------------------------------------------------------------- extract

const SAMPLE = [
  'Lighthouse keepers return to Skerry Point 🌊',
  '',
  'For the first time in forty years, the lighthouse on Skerry Point has a keeper again. ' +
  '"The light never needed us, but the coast did," said Amara Lindqvist, 41, who moved into ' +
  'the keeper\'s cottage in May with her two children.',
  '',
  'The county bought the building last year. Council leader Rob Heaney called the purchase ' +
  '"the best money we have spent this decade." Not everyone agrees. "It is a museum ' +
  'with a salary," said Geoff Partridge, a retired fisherman. "But I will admit the ' +
  'place looks lovely at night. ✨"',
  '',
  '"We get visitors every single day," Lindqvist said. "Some of them just want to talk ' +
  'about the weather, and that is fine by me."',
].join('\n');

// Replace lone surrogates, which have no UTF-8 form, with U+FFFD.
function wellFormed(s) {
  if (typeof s.toWellFormed === 'function') return s.toWellFormed();
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function speakerKey(q) {
  if (q.speaker) return 'e' + q.speaker.id;
  if (q.source) return 's:' + q.source.text.toLowerCase().replace(/\s+/g, ' ').trim();
  return 'none';
}

// Group the quotes by speaker; colours go by order of first appearance.
function groupSpeakers(doc) {
  const groups = new Map();
  doc.quotes.forEach((q, i) => {
    const key = speakerKey(q);
    let g = groups.get(key);
    if (!g) {
      const sp = q.speaker;
      g = {
        key, index: groups.size, quotes: [], resolved: !!sp,
        name: sp ? sp.name : q.source ? q.source.text : 'No source named',
        type: sp ? sp.type : null, gender: sp ? sp.gender : null, roles: sp ? sp.roles : [],
      };
      g.colour = key === 'none' ? GREY : PALETTE[groups.size % PALETTE.length];
      groups.set(key, g);
    }
    g.quotes.push(i);
  });
  // A co-speaker ("Anna Berg and Tom Lund said": Lund) is listed too, with
  // the quotes they share; the quote keeps its first speaker's colour.
  doc.quotes.forEach((q, i) => {
    for (const sp of q.co_speakers || []) {
      const key = 'e' + sp.id;
      let g = groups.get(key);
      if (!g) {
        g = { key, index: groups.size, quotes: [], resolved: true, name: sp.name, type: sp.type, gender: sp.gender, roles: sp.roles };
        g.colour = PALETTE[groups.size % PALETTE.length];
        groups.set(key, g);
      }
      if (!g.quotes.includes(i)) g.quotes.push(i);
    }
  });
  return groups;
}

// Every role span as {s, e, role, q}, clamped to the text.
function collectMarks(doc, n) {
  const marks = [];
  doc.quotes.forEach((q, i) => {
    for (const role of ['content', 'cue', 'source']) {
      if (!q[role]) continue;
      for (const [s, e] of q[role].spans) {
        const a = Math.max(0, Math.min(n, s)), b = Math.max(0, Math.min(n, e));
        if (b > a) marks.push({ s: a, e: b, role, q: i });
      }
    }
  });
  return marks;
}

// One stretch of text covered by the same marks, wrapped innermost-first:
// cue or source spans inside the quotes' <mark>s. Quotes nest (a reported
// statement that contains someone else's words): the quote that began last
// gets the innermost <mark>.
function segmentNode(str, active, ctx) {
  let node = document.createTextNode(str);
  for (const m of active) {
    if (m.role === 'content') continue;
    const sp = el('span', { class: m.role === 'cue' ? 'cue' : 'src', 'data-q': m.q });
    setColour(sp, ctx.colourOf(m.q));
    sp.append(node);
    node = sp;
  }
  const contents = active.filter((m) => m.role === 'content');
  for (let k = contents.length - 1; k >= 0; k--) {
    const c = contents[k];
    const mk = el('mark', { class: 'q', 'data-q': c.q, 'data-sp': ctx.groupOf(c.q).index });
    setColour(mk, ctx.colourOf(c.q));
    if (!ctx.seen.has(c.q)) {
      ctx.seen.add(c.q);
      const g = ctx.groupOf(c.q);
      mk.tabIndex = 0;
      mk.id = 'q' + c.q;
      mk.title = `Quote ${c.q + 1}: ${g.name}`;
    }
    mk.append(node);
    node = mk;
  }
  return node;
}

function renderDoc(chars, doc, groups) {
  const marks = collectMarks(doc, chars.length);
  const cuts = new Set([0, chars.length]);
  for (const m of marks) { cuts.add(m.s); cuts.add(m.e); }
  const pts = [...cuts].sort((a, b) => a - b);
  const byQuote = doc.quotes.map((q) => groups.get(speakerKey(q)));
  const ctx = {
    seen: new Set(), groupOf: (i) => byQuote[i], colourOf: (i) => byQuote[i].colour,
  };
  // Sweep the cut points left to right, keeping the marks that cover the
  // current stretch (marks sorted by start; a mark leaves at its end).
  marks.sort((x, y) => x.s - y.s);
  const frag = document.createDocumentFragment();
  let active = [], next = 0;
  for (let k = 0; k + 1 < pts.length; k++) {
    const a = pts[k], b = pts[k + 1];
    active = active.filter((m) => m.e > a);
    while (next < marks.length && marks[next].s <= a) active.push(marks[next++]);
    frag.append(segmentNode(chars.slice(a, b).join(''), active, ctx));
  }
  const box = $('#doc');
  box.replaceChildren(frag);
  box.classList.remove('sel');
}

function describe(g) {
  if (!g.resolved) return g.key === 'none' ? 'no source in the text' : 'as written (speaker not resolved)';
  const bits = [g.type || 'unknown type', g.gender || 'gender unknown'];
  return bits.join(' · ');
}

function renderSpeakers(groups) {
  const list = $('#speaker-list');
  list.replaceChildren();
  for (const g of groups.values()) {
    const n = g.quotes.length;
    const btn = el('button', { type: 'button', class: 'speaker', 'aria-pressed': 'false', 'data-sp': g.index, 'data-qs': g.quotes.join(' ') },
      el('span', { class: 'swatch', 'aria-hidden': 'true' }),
      el('span', { class: 'name', text: g.name }),
      el('span', { class: 'facts', text: describe(g) }),
      g.roles && g.roles.length ? el('span', { class: 'roles', text: g.roles.join(', ') }) : null,
      el('span', { class: 'count', text: `${n} quote${n === 1 ? '' : 's'}` }));
    setColour(btn, g.colour);
    btn.addEventListener('click', () => pickSpeaker(btn));
    list.append(el('li', {}, btn));
  }
}

// Pick out one speaker's quotes in the article (press again to show all).
function pickSpeaker(btn) {
  const on = btn.getAttribute('aria-pressed') !== 'true';
  for (const b of document.querySelectorAll('#speaker-list .speaker')) b.setAttribute('aria-pressed', 'false');
  btn.setAttribute('aria-pressed', on ? 'true' : 'false');
  const box = $('#doc');
  box.classList.toggle('sel', on);
  const qs = new Set(btn.dataset.qs.split(' '));
  for (const m of box.querySelectorAll('mark.q')) m.classList.toggle('pick', on && qs.has(m.dataset.q));
}

function roleText(chars, role) {
  return role ? role.spans.map(([s, e]) => chars.slice(s, e).join('')).join(' … ') : '';
}

function renderList(chars, doc, groups) {
  const list = $('#quote-list');
  list.replaceChildren();
  doc.quotes.forEach((q, i) => {
    const g = groups.get(speakerKey(q));
    const meta = [`${q.kind} quote`, `confidence ${q.confidence.toFixed(2)}`];
    if (q.cue) meta.push(`cue “${roleText(chars, q.cue)}”`);
    if (q.source && g.resolved) meta.push(`source as written “${roleText(chars, q.source)}”`);
    const show = el('button', { type: 'button', class: 'link', text: 'Show in article' });
    show.addEventListener('click', () => showQuote(i));
    const also = (q.co_speakers || []).map((c) => c.name);
    const li = el('li', { class: 'quote-item' },
      el('p', { class: 'who' }, el('span', { class: 'swatch', 'aria-hidden': 'true' }), el('strong', { text: g.name }),
        also.length ? ` with ${also.join(', ')}` : null),
      el('blockquote', { text: roleText(chars, q.content) }),
      el('p', { class: 'meta', text: meta.join(' · ') }), show);
    setColour(li, g.colour);
    list.append(li);
  });
}

function showQuote(i) {
  selectTab($('#tab-article'), false);
  const m = document.getElementById('q' + i);
  if (!m) return;
  m.scrollIntoView({ block: 'center' });
  m.focus({ preventScroll: true });
}

// Light up every part of one quote while its mark has focus or the pointer.
function hoverQuote(ev, on) {
  const t = ev.target.closest && ev.target.closest('[data-q]');
  if (!t) return;
  for (const e of $('#doc').querySelectorAll(`[data-q="${t.dataset.q}"]`)) e.classList.toggle('on', on);
}

async function extract(ev) {
  ev.preventDefault();
  const text = wellFormed($('#article').value);
  const st = $('#extract-status');
  if (!text.trim()) {
    status(st, 'Paste an article first.', true);
    $('#article').focus();
    return;
  }
  const btn = $('#extract-btn');
  btn.disabled = true;
  status(st, 'Finding quotes…');
  try {
    const doc = await api('/v1/extract', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'page', text }),
    });
    const chars = Array.from(text);
    const groups = groupSpeakers(doc);
    renderDoc(chars, doc, groups);
    renderSpeakers(groups);
    renderList(chars, doc, groups);
    $('#results').hidden = false;
    const n = doc.quotes.length;
    status(st, `${n} quote${n === 1 ? '' : 's'} from ${groups.size} speaker${groups.size === 1 ? '' : 's'}.`);
  } catch (e) {
    status(st, e.message, true);
  } finally {
    btn.disabled = false;
  }
}

async function openFile() {
  const f = $('#file').files[0];
  if (!f) return;
  const st = $('#extract-status');
  if (f.size > 4 << 20) {
    status(st, 'That file is larger than 4 MB.', true);
    return;
  }
  $('#article').value = await f.text();
  status(st, `Opened ${f.name}. Press “Extract quotes”.`);
}

// ARIA tabs: click, or arrow keys / Home / End on the tab list.
function selectTab(tab, focus) {
  for (const t of document.querySelectorAll('[role=tab]')) {
    const on = t === tab;
    t.setAttribute('aria-selected', on ? 'true' : 'false');
    t.tabIndex = on ? 0 : -1;
    document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
  }
  if (focus) tab.focus();
}

function tabKeys(ev) {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  const i = tabs.indexOf(document.activeElement);
  if (i < 0) return;
  const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[ev.key];
  if (next === undefined) return;
  ev.preventDefault();
  selectTab(tabs[(next + tabs.length) % tabs.length], true);
}

// ---------------------------------------------------------------- search

const search = { offset: 0, params: null };

function link(title, url) {
  if (url && /^https?:\/\//.test(url)) return el('a', { href: url, rel: 'noopener noreferrer', text: title || url });
  return title ? el('cite', { text: title }) : null;
}

// One quote cluster (GET /v1/quotes): the quotation, who, where first seen.
function clusterItem(c) {
  const f = c.first_seen || {};
  const where = [f.outlet, f.date].filter(Boolean).join(', ');
  const li = el('li', { class: 'quote-item' },
    el('p', { class: 'who' }, el('strong', { text: c.speaker || 'Unknown speaker' }), where ? ` — ${where}` : null),
    el('blockquote', { text: c.text }),
    f.title ? el('p', { class: 'meta' }, 'First in ', el('cite', { text: f.title })) : null);
  const n = c.n_articles || 1;
  const b = el('button', { type: 'button', class: 'link',
    text: n > 1 ? `Reported by ${n} articles: show all` : 'Show the article' });
  b.addEventListener('click', () => showCluster(c.id));
  li.append(b);
  return li;
}

// One report of a cluster by one article (GET /v1/quotes/{id}).
function occurrenceItem(o) {
  const a = o.article || {};
  const where = [a.outlet, a.date].filter(Boolean).join(', ');
  const src = o.source ? `source as written “${o.source.text}”` : 'no source in the text';
  return el('li', { class: 'quote-item' },
    el('p', { class: 'who' }, el('strong', { text: o.speaker || 'Unknown speaker' }),
      o.co_speakers && o.co_speakers.length ? ` with ${o.co_speakers.join(', ')}` : null, where ? ` — ${where}` : null),
    el('blockquote', { text: o.content ? o.content.text : '' }),
    el('p', { class: 'meta' }, `${o.kind} quote · ${src}`, a.title || a.url ? ' · ' : null, link(a.title, a.url)));
}

async function runSearch() {
  const st = $('#search-status');
  const qs = new URLSearchParams(search.params);
  qs.set('limit', PAGE_SIZE);
  qs.set('offset', search.offset);
  status(st, 'Searching…');
  $('#cluster').hidden = true;
  try {
    const res = await api('/v1/quotes?' + qs.toString());
    $('#search-results').replaceChildren(...res.quotes.map(clusterItem));
    const from = search.offset + 1, to = search.offset + res.quotes.length;
    status(st, res.quotes.length ? `Quotes ${from}–${to}${res.next_offset === null ? '' : ' (more on the next page)'}.` : 'No quotes found.');
    $('#prev').hidden = search.offset === 0;
    $('#next').hidden = res.next_offset === null;
  } catch (e) {
    status(st, e.message, true);
  }
}

function searchSubmit(ev) {
  ev.preventDefault();
  const params = {};
  for (const [k, v] of new FormData($('#search-form'))) if (String(v).trim()) params[k] = String(v).trim();
  search.params = params;
  search.offset = 0;
  runSearch();
}

async function showCluster(id) {
  const box = $('#cluster');
  try {
    const res = await api('/v1/quotes/' + encodeURIComponent(id));
    $('#cluster-list').replaceChildren(...(res.occurrences || []).map(occurrenceItem));
    box.hidden = false;
    $('#h-cluster').focus();
  } catch (e) {
    status($('#search-status'), e.message, true);
  }
}

// ---------------------------------------------------------------- speakers

const SVGNS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function clip(s, n) {
  const a = Array.from(s);
  return a.length > n ? a.slice(0, n - 1).join('') + '…' : s;
}

// Horizontal bars: name, bar, count. Described for screen readers by its
// caption; the same numbers are in the table below the charts.
function barChart(items, labelledBy) {
  const W = 560, row = 32, left = 200, right = 44;
  const max = Math.max(1, ...items.map((d) => d.value));
  const s = svg('svg', { viewBox: `0 0 ${W} ${items.length * row + 10}`, role: 'img', 'aria-labelledby': labelledBy, class: 'chart' });
  items.forEach((d, i) => {
    const y = 5 + i * row, w = Math.max(2, ((W - left - right) * d.value) / max);
    const label = svg('text', { x: left - 8, y: y + row / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle', class: 'lbl' }, clip(d.label, 22));
    label.append(svg('title', {}, d.label));
    s.append(label);
    s.append(svg('rect', { x: left, y: y + 4, width: w, height: row - 10, rx: 3, class: 'bar' }));
    s.append(svg('text', { x: left + w + 6, y: y + row / 2, 'dominant-baseline': 'middle', class: 'val' }, String(d.value)));
  });
  return s;
}

// One stacked bar of women / men / unknown with a legend in words.
function genderChart(g, labelledBy) {
  const parts = [['women', g.female || 0, 'f'], ['men', g.male || 0, 'm'], ['unknown', g.unknown || 0, 'u']];
  const total = parts.reduce((a, p) => a + p[1], 0) || 1;
  const W = 560;
  const s = svg('svg', { viewBox: `0 0 ${W} 110`, role: 'img', 'aria-labelledby': labelledBy, class: 'chart' });
  let x = 0;
  parts.forEach(([name, n, cls], i) => {
    const w = (W * n) / total;
    if (w > 0) s.append(svg('rect', { x, y: 10, width: w, height: 40, class: 'g-' + cls }));
    x += w;
    const pct = Math.round((100 * n) / total);
    s.append(svg('rect', { x: i * 190, y: 70, width: 16, height: 16, class: 'g-' + cls }));
    s.append(svg('text', { x: i * 190 + 22, y: 83, class: 'lbl' }, `${name}: ${n} (${pct}%)`));
  });
  return s;
}

async function loadSpeakers() {
  const st = $('#speakers-status');
  status(st, 'Loading…');
  try {
    const res = await api('/v1/speakers?limit=15');
    const items = res.speakers.map((p) => ({ label: p.name, value: p.n_quotes }));
    $('#chart-top').replaceChildren(items.length ? barChart(items, 'cap-top') : el('p', { text: 'No speakers yet.' }));
    $('#chart-gender').replaceChildren(genderChart(res.gender || {}, 'cap-gender'));
    $('#speaker-table tbody').replaceChildren(...res.speakers.map((p) => el('tr', {},
      el('td', { text: p.name }), el('td', { text: p.type || '' }), el('td', { text: p.gender || 'unknown' }),
      el('td', { text: (p.roles || []).join(', ') }), el('td', { text: String(p.n_quotes) }))));
    status(st, '');
  } catch (e) {
    status(st, e.message, true);
  }
}

// ---------------------------------------------------------------- views

const state = { database: false };

function route() {
  let view = (location.hash || '#extract').slice(1);
  if (!['extract', 'search', 'speakers'].includes(view) || (view !== 'extract' && !state.database)) view = 'extract';
  for (const v of document.querySelectorAll('.view')) v.hidden = v.id !== 'view-' + view;
  for (const a of document.querySelectorAll('nav a[data-view]')) {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (view === 'speakers') loadSpeakers();
}

async function init() {
  $('#extract-form').addEventListener('submit', extract);
  $('#file').addEventListener('change', openFile);
  $('#sample').addEventListener('click', () => { $('#article').value = SAMPLE; $('#article').focus(); });
  for (const t of document.querySelectorAll('[role=tab]')) t.addEventListener('click', () => selectTab(t, false));
  $('.tabs').addEventListener('keydown', tabKeys);
  const doc = $('#doc');
  doc.addEventListener('mouseover', (e) => hoverQuote(e, true));
  doc.addEventListener('mouseout', (e) => hoverQuote(e, false));
  doc.addEventListener('focusin', (e) => hoverQuote(e, true));
  doc.addEventListener('focusout', (e) => hoverQuote(e, false));
  $('#search-form').addEventListener('submit', searchSubmit);
  $('#prev').addEventListener('click', () => { search.offset = Math.max(0, search.offset - PAGE_SIZE); runSearch(); });
  $('#next').addEventListener('click', () => { search.offset += PAGE_SIZE; runSearch(); });
  window.addEventListener('hashchange', route);
  try {
    const h = await api('/healthz');
    state.database = !!h.database;
    $('#version').textContent = h.version;
    for (const e of document.querySelectorAll('[data-db]')) e.hidden = !state.database;
  } catch (e) { /* the page still works for extraction */ }
  route();
  document.body.dataset.ready = '1';
}

document.addEventListener('DOMContentLoaded', init);
