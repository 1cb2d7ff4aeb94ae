// claimex review page. Every piece of data reaches the DOM through textContent or
// createTextNode, never as markup; POSTs carry the server's token.
'use strict';

const TOKEN = document.querySelector('meta[name="review-token"]').getAttribute('content');
const PER_PAGE = 50;
const state = { page: 0, total: 0, items: [], current: 0, reviewer: '', stats: null, busy: false };

function $(sel) { return document.querySelector(sel); }

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

function toast(msg) {
  const t = $('#toast');
  t.textContent = msg;
  t.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.classList.remove('show'), 2500);
}

async function getJSON(url) {
  const r = await fetch(url, { headers: { accept: 'application/json' } });
  const body = await r.json().catch(() => ({ error: r.statusText }));
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

async function post(url, data) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-review-token': TOKEN },
    body: JSON.stringify(data),
  });
  const body = await r.json().catch(() => ({ error: r.statusText }));
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

// ---- highlighting -------------------------------------------------------------------

// Code-point offsets (as in the records) over `text`: returns fragments of text, each
// wrapped in a span when it has a class. Later marks win where marks overlap.
function highlight(text, marks, base) {
  const chars = Array.from(text);
  const cls = new Array(chars.length).fill(null);
  const info = new Array(chars.length).fill(null);
  for (const m of marks) {
    const s = Math.max(0, m.start - base), e = Math.min(chars.length, m.end - base);
    for (let i = s; i < e; i++) { cls[i] = m.cls; info[i] = m; }
  }
  const frag = document.createDocumentFragment();
  let i = 0;
  while (i < chars.length) {
    let j = i;
    while (j < chars.length && cls[j] === cls[i] && info[j] === info[i]) j++;
    const piece = chars.slice(i, j).join('');
    if (cls[i]) {
      const span = el('span', { class: cls[i] }, piece);
      if (info[i].title) span.setAttribute('title', info[i].title);
      if (info[i].id) span.dataset.id = info[i].id;
      frag.appendChild(span);
    } else {
      frag.appendChild(document.createTextNode(piece));
    }
    i = j;
  }
  return frag;
}

function marksOf(r, withQuantity) {
  const m = [];
  const add = (o, cls, title) => {
    if (o && Number.isInteger(o.char_start) && Number.isInteger(o.char_end)) {
      m.push({ start: o.char_start, end: o.char_end, cls, title });
    }
  };
  if (r.source) add(r.source, 'hl-s', 'source: ' + (r.source.kind || ''));
  for (const p of r.places || []) add(p, 'hl-p', 'place: ' + (p.name || ''));
  if (r.time) add(r.time, 'hl-t', 'time');
  if (r.unit && r.unit.at) add(r.unit.at, 'hl-u', 'unit: ' + (r.unit.lemma || ''));
  if (withQuantity) add(r.quantity, 'hl-q', 'quantity');
  return m;
}

// ---- cards ----------------------------------------------------------------------------

const FIELDS = ['value', 'low', 'high', 'qualifier', 'unit', 'source', 'source_kind', 'via', 'places', 'time'];
const QUALIFIERS = ['exact', 'approx', 'at_least', 'more_than', 'at_most', 'less_than', 'up_to', 'range'];
const KINDS = ['', 'person', 'organization', 'official', 'document', 'outlet', 'anonymous'];

function effective(item) {
  const g = Object.assign({}, item.gold);
  const d = item.decision;
  if (d && d.correction && item.status === 'corrected') Object.assign(g, d.correction);
  return g;
}

function show(v) {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '—';
  return String(v);
}

function card(item, index) {
  const r = item.record;
  const g = effective(item);
  const corr = (item.status === 'corrected' && item.decision && item.decision.correction) || {};
  const c = el('article', { class: 'card st-' + item.status, 'data-id': item.id, 'data-index': String(index) });
  const docPath = (r.doc && r.doc.path) || '';
  const meta = el('div', { class: 'meta' },
    el('span', { class: 'badge status', text: item.status }),
    item.stale ? el('span', { class: 'stale', text: 'changed since decided: review again' }) : null,
    el('span', { class: 'doc', text: docPath + (r.doc && r.doc.title ? ' — ' + r.doc.title : '') }),
    el('a', { class: 'article-link', href: '#article', onclick: (e) => { e.preventDefault(); openArticle(docPath, item.id); } }, 'open article'),
    item.decision ? el('span', { class: 'who', text: item.decision.reviewer + ', ' + item.decision.at + (item.decision.reason ? ' — ' + item.decision.reason : '') }) : null,
  );
  const s = r.sentence || { text: '', char_start: 0 };
  const sentence = el('div', { class: 'sentence' });
  sentence.appendChild(highlight(s.text || '', marksOf(r, true), s.char_start || 0));
  const facts = el('dl', { class: 'facts' });
  const row = (label, key, extra) => {
    const dd = el('dd', { class: 'f-' + key }, show(g[key]));
    if (key in corr) dd.appendChild(el('span', { class: 'was', text: show(item.gold[key]) }));
    if (extra) dd.appendChild(document.createTextNode(extra));
    facts.appendChild(el('div', { class: 'fact' }, el('dt', { text: label }), dd));
  };
  row('value', 'value', g.low !== null || g.high !== null ? '  [' + show(g.low) + ' … ' + show(g.high) + ']' : '');
  row('qualifier', 'qualifier');
  row('unit', 'unit');
  const conf = r.source && typeof r.source.confidence === 'number' ? '  (confidence ' + r.source.confidence.toFixed(2) + ')' : '';
  row('source', 'source', conf);
  row('source kind', 'source_kind');
  row('via', 'via');
  row('subject', 'subject');
  row('places', 'places');
  row('time', 'time');
  const actions = el('div', { class: 'actions' },
    el('button', { type: 'button', class: 'accept', onclick: () => { select(index); accept(); } }, 'accept (a)'),
    el('button', { type: 'button', class: 'reject', onclick: () => { select(index); rejectForm(); } }, 'reject (r)'),
    el('button', { type: 'button', class: 'edit', onclick: () => { select(index); editForm(); } }, 'edit (e)'),
    el('button', { type: 'button', class: 'undo', onclick: () => undo() }, 'undo (u)'),
  );
  c.append(meta, sentence, facts, actions);
  c.addEventListener('click', (e) => { if (e.target === c || e.target.closest('.sentence, .facts')) select(index, false); });
  return c;
}

function render() {
  const q = $('#queue');
  q.replaceChildren(...state.items.map((it, i) => card(it, i)));
  if (!state.items.length) q.appendChild(el('p', { text: 'No claims match.' }));
  const pages = Math.max(1, Math.ceil(state.total / PER_PAGE));
  $('#page-info').textContent = 'page ' + (state.page + 1) + ' of ' + pages + ' (' + state.total + ' claims)';
  select(Math.min(state.current, Math.max(0, state.items.length - 1)), false);
}

function replaceItem(item) {
  const i = state.items.findIndex((x) => x.id === item.id);
  if (i < 0) return -1;
  state.items[i] = item;
  const old = document.querySelector('.card[data-index="' + i + '"]');
  const fresh = card(item, i);
  if (old) old.replaceWith(fresh);
  if (i === state.current) fresh.classList.add('current');
  return i;
}

function select(i, scroll = true) {
  if (!state.items.length) return;
  state.current = Math.max(0, Math.min(i, state.items.length - 1));
  for (const c of document.querySelectorAll('.card.current')) c.classList.remove('current');
  const c = document.querySelector('.card[data-index="' + state.current + '"]');
  if (c) {
    c.classList.add('current');
    if (scroll) c.scrollIntoView({ block: 'nearest' });
  }
}

async function move(delta) {
  const next = state.current + delta;
  if (next >= state.items.length && (state.page + 1) * PER_PAGE < state.total) {
    state.page += 1; state.current = 0; await load();
  } else if (next < 0 && state.page > 0) {
    state.page -= 1; state.current = PER_PAGE - 1; await load();
  } else {
    select(next);
  }
}

function updateCounter(s) {
  if (!s) return;
  state.stats = s;
  const pct = (n) => (s.reviewed ? Math.round((100 * n) / s.reviewed) : 0) + '%';
  let text = 'reviewed ' + s.reviewed + ' / ' + s.total + ' · accepted ' + pct(s.accepted) + ' · corrected ' +
    pct(s.corrected) + ' · rejected ' + pct(s.rejected);
  if (s.stale) text += ' · ' + s.stale + ' to review again';
  text += s.multi ? ' · agreement ' + Math.round((100 * s.agreeing) / s.multi) + '% over ' + s.multi + ' claims with 2+ reviewers'
    : ' · agreement: no claim has two reviewers yet';
  $('#counter').textContent = text;
}

// ---- actions ------------------------------------------------------------------------

function currentItem() { return state.items[state.current]; }

async function decide(decision, extra) {
  const item = currentItem();
  if (!item || state.busy) return;
  if (!state.reviewer) { askReviewer(); return; }
  state.busy = true;
  try {
    const res = await post('/api/decide', Object.assign({ id: item.id, reviewer: state.reviewer, decision }, extra || {}));
    replaceItem(res.item);
    updateCounter(res.stats);
    toast(decision + ': ' + (item.record.quantity ? item.record.quantity.text : item.id));
    await move(1);
  } catch (e) {
    toast('not saved: ' + e.message);
  } finally {
    state.busy = false;
  }
}

function accept() { decide('accepted'); }

function closeForms() { for (const f of document.querySelectorAll('form.edit, form.reject')) f.remove(); }

function rejectForm() {
  const c = document.querySelector('.card.current');
  if (!c) return;
  closeForms();
  const input = el('input', { name: 'reason', maxlength: '1000', placeholder: 'optional' });
  const f = el('form', { class: 'reject' },
    el('label', {}, 'reason for rejecting', input),
    el('div', {}, el('button', { type: 'submit', class: 'confirm-reject' }, 'reject (Enter)'), ' ',
      el('button', { type: 'button', onclick: closeForms }, 'cancel (Esc)')));
  f.addEventListener('submit', (e) => { e.preventDefault(); const reason = input.value.trim(); closeForms(); decide('rejected', { reason: reason || null }); });
  c.appendChild(f);
  input.focus();
}

function editForm() {
  const item = currentItem();
  const c = document.querySelector('.card.current');
  if (!item || !c) return;
  closeForms();
  const g = effective(item);
  const f = el('form', { class: 'edit' });
  const inputs = {};
  for (const k of FIELDS) {
    let input;
    if (k === 'qualifier' || k === 'source_kind') {
      input = el('select', { name: k });
      for (const o of k === 'qualifier' ? QUALIFIERS : KINDS) input.appendChild(el('option', { value: o, text: o || '(none)' }));
      input.value = g[k] || '';
    } else {
      const v = k === 'places' ? (g.places || []).join(', ') : (g[k] === null || g[k] === undefined ? '' : String(g[k]));
      input = el('input', { name: k, maxlength: '1000' });
      input.value = v;
    }
    inputs[k] = input;
    f.appendChild(el('label', {}, k === 'places' ? 'places (comma separated)' : k.replace('_', ' '), input));
  }
  const err = el('div', { class: 'error' });
  f.append(err, el('div', {}, el('button', { type: 'submit', class: 'save' }, 'save (Enter)'), ' ',
    el('button', { type: 'button', onclick: closeForms }, 'cancel (Esc)')));
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const out = {};
    for (const k of FIELDS) {
      const raw = inputs[k].value.trim();
      if (k === 'value' || k === 'low' || k === 'high') {
        if (raw === '') out[k] = null;
        else if (Number.isFinite(Number(raw.replace(/,/g, '')))) out[k] = Number(raw.replace(/,/g, ''));
        else { err.textContent = k + ': not a number'; inputs[k].focus(); return; }
      } else if (k === 'places') {
        out[k] = raw.split(',').map((p) => p.trim()).filter((p) => p);
      } else {
        out[k] = raw === '' ? null : raw;
      }
    }
    if (!out.qualifier) out.qualifier = item.gold.qualifier || 'exact';
    const correction = {};
    for (const k of FIELDS) {
      if (JSON.stringify(out[k]) !== JSON.stringify(item.gold[k] === undefined ? null : item.gold[k])) correction[k] = out[k];
    }
    closeForms();
    if (Object.keys(correction).length) decide('corrected', { correction });
    else decide('accepted');
  });
  c.appendChild(f);
  inputs.value.focus();
  inputs.value.select();
}

async function undo() {
  if (!state.reviewer || state.busy) return;
  state.busy = true;
  try {
    const res = await post('/api/undo', { reviewer: state.reviewer });
    updateCounter(res.stats);
    if (!res.item) { toast('nothing to undo'); return; }
    const i = replaceItem(res.item);
    if (i >= 0) select(i);
    toast('undone: ' + (res.item.record.quantity ? res.item.record.quantity.text : res.item.id) + ' is ' + res.item.status);
  } catch (e) {
    toast('undo failed: ' + e.message);
  } finally {
    state.busy = false;
  }
}

// ---- article view ---------------------------------------------------------------------

async function openArticle(path, focusId) {
  const box = $('#article');
  $('#article-title').textContent = path;
  $('#article-note').textContent = 'loading…';
  $('#article-text').replaceChildren();
  box.hidden = false;
  try {
    const res = await getJSON('/api/doc?path=' + encodeURIComponent(path));
    const marks = [];
    for (const it of res.items) marks.push(...marksOf(it.record, false));
    for (const it of res.items) {
      const q = it.record.quantity;
      marks.push({ start: q.char_start, end: q.char_end, id: it.id,
        cls: 'hl-q st-' + it.status + (it.id === focusId ? ' focus' : ''),
        title: it.status + ': ' + show(effective(it).value) + ' ' + show(effective(it).unit) });
    }
    const text = $('#article-text');
    text.replaceChildren(highlight(res.text, marks, 0));
    $('#article-note').textContent = res.items.length + ' claims' + (res.aligned ? '' : ' (the file changed since extraction: highlights may be off)');
    const f = text.querySelector('.focus');
    if (f) f.scrollIntoView({ block: 'center' });
  } catch (e) {
    $('#article-note').textContent = 'cannot open: ' + e.message;
  }
}

function closeArticle() { $('#article').hidden = true; }

// ---- loading ----------------------------------------------------------------------------

function filterParams() {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData($('#filters'))) if (String(v).trim() !== '') p.set(k, String(v).trim());
  return p;
}

async function load() {
  const p = filterParams();
  p.set('page', String(state.page));
  p.set('per_page', String(PER_PAGE));
  try {
    const res = await getJSON('/api/claims?' + p.toString());
    state.items = res.items;
    state.total = res.total;
    render();
  } catch (e) {
    toast('cannot load claims: ' + e.message);
  }
}

async function loadFacets() {
  const f = await getJSON('/api/facets');
  const fill = (name, values) => {
    const s = document.querySelector('#filters [name="' + name + '"]');
    for (const v of values) s.appendChild(el('option', { value: v, text: v }));
  };
  fill('doc', f.docs);
  fill('kind', f.kinds);
  fill('unit', f.units);
}

function askReviewer() {
  $('#reviewer-dialog').hidden = false;
  const input = $('#reviewer-name');
  input.value = state.reviewer;
  input.focus();
}

function setReviewer(name) {
  state.reviewer = name;
  $('#reviewer-label').textContent = name ? 'reviewer: ' + name : '';
}

function typing(e) {
  const t = e.target;
  return t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA' || t.isContentEditable);
}

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') {
    if (!$('#article').hidden) closeArticle();
    closeForms();
    if (typing(e)) e.target.blur();
    return;
  }
  if (typing(e) || e.ctrlKey || e.metaKey || e.altKey || !$('#reviewer-dialog').hidden) return;
  const k = e.key;
  const actions = {
    j: () => move(1), k: () => move(-1), a: accept, r: rejectForm, e: editForm, u: undo,
    n: () => { if ((state.page + 1) * PER_PAGE < state.total) { state.page++; state.current = 0; load(); } },
    p: () => { if (state.page > 0) { state.page--; state.current = 0; load(); } },
    o: () => { const it = currentItem(); if (it) openArticle(it.record.doc.path, it.id); },
    '/': () => $('#search').focus(),
  };
  if (actions[k]) { e.preventDefault(); actions[k](); }
});

function init() {
  setReviewer(localStorage.getItem('claimex.reviewer') || '');
  $('#reviewer-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = $('#reviewer-name').value.trim();
    if (!name) return;
    localStorage.setItem('claimex.reviewer', name);
    setReviewer(name);
    $('#reviewer-dialog').hidden = true;
  });
  $('#reviewer-change').addEventListener('click', askReviewer);
  $('#article-close').addEventListener('click', closeArticle);
  $('#prev-page').addEventListener('click', () => { if (state.page > 0) { state.page--; state.current = 0; load(); } });
  $('#next-page').addEventListener('click', () => { if ((state.page + 1) * PER_PAGE < state.total) { state.page++; state.current = 0; load(); } });
  let timer = null;
  const refilter = () => { clearTimeout(timer); timer = setTimeout(() => { state.page = 0; state.current = 0; load(); }, 250); };
  $('#filters').addEventListener('input', refilter);
  $('#filters').addEventListener('change', refilter);
  $('#filters').addEventListener('submit', (e) => { e.preventDefault(); refilter(); });
  if (!state.reviewer) askReviewer();
  loadFacets().catch((e) => toast('cannot load filters: ' + e.message));
  getJSON('/api/stats').then(updateCounter).catch(() => {});
  load();
}

init();
