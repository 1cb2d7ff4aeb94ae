'use strict';
// Draws one timeline per assertion from the embedded data: x is time (a claim's time window,
// its publication date when it has no time of its own, or its order when undated), y is the
// value (a dot for a figure, a bar for a range, an arrow for "at least" / "up to"). Each mark
// links to its sentence in the list under the chart.

const DATA = JSON.parse(document.getElementById('data').textContent);
const SVG = 'http://www.w3.org/2000/svg';
const COLOURS = {
  official: '#1f77b4', organization: '#ff7f0e', person: '#2ca02c', document: '#9467bd',
  outlet: '#8c564b', anonymous: '#e377c2', article: '#7f7f7f',
};
const DAY = 86400000;

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}
function kindOf(c) { return (c.source && c.source.kind) || 'article'; }
function colour(c) { return COLOURS[kindOf(c)] || '#333'; }
function day(s) { const t = Date.parse(s); return Number.isNaN(t) ? null : t; }
function fmt(v) {
  if (v === null || v === undefined) return '';
  const a = Math.abs(v);
  if (a >= 1e9) return (v / 1e9).toPrecision(3).replace(/\.?0+$/, '') + 'B';
  if (a >= 1e6) return (v / 1e6).toPrecision(3).replace(/\.?0+$/, '') + 'M';
  if (a >= 1e4) return (v / 1e3).toPrecision(3).replace(/\.?0+$/, '') + 'k';
  return String(Math.round(v * 100) / 100);
}
function anchorId(a, i) { return 's-' + a.id + '-' + i; }

// The time a claim covers, in ms: [start, end], or null when undated.
function span(c) {
  const t = c.time;
  if (!t) return null;
  const s = day(t.start), e = day(t.end);
  if (s === null && e === null) return null;
  return [s === null ? e : s, (e === null ? s : e) + DAY - 1];
}

function title(a) {
  const k = a.key;
  const parts = [k.unit + (k.kind === 'percent' || k.unit === 'percent' ? '' : ' (' + k.kind + ')')];
  if (k.subject) parts.push(k.subject.name);
  if (k.places.length) parts.push(k.places.map((p) => p.name).join(', '));
  if (k.time) parts.push((k.time.start || '…') + ' – ' + (k.time.end || '…'));
  else parts.push('undated');
  return parts.join(' · ');
}

function chart(a) {
  const W = 760, H = 190, L = 58, R = 14, T = 12, B = 28;
  const s = svg('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'timeline of ' + title(a) });
  const claims = a.claims;
  const spans = claims.map(span);
  const dated = spans.filter(Boolean);
  let t0, t1;
  if (dated.length) {
    t0 = Math.min(...dated.map((x) => x[0]));
    t1 = Math.max(...dated.map((x) => x[1]));
  }
  if (!dated.length || !(t1 > t0)) { t0 = (t0 || 0) - 15 * DAY; t1 = (t1 || 0) + 15 * DAY; }
  const pad = (t1 - t0) * 0.04;
  t0 -= pad; t1 += pad;
  const values = [];
  for (const c of claims) {
    const q = c.quantity;
    for (const v of [q.value, q.low, q.high]) if (typeof v === 'number') values.push(v);
  }
  let v0 = Math.min(...values), v1 = Math.max(...values);
  if (!(v1 > v0)) { const m = Math.abs(v0) * 0.2 || 1; v0 -= m; v1 += m; }
  const vpad = (v1 - v0) * 0.12;
  v0 = Math.max(v0 - vpad, Math.min(0, v0)); v1 += vpad;
  const x = (t) => L + (t - t0) / (t1 - t0) * (W - L - R);
  const y = (v) => T + (1 - (v - v0) / (v1 - v0)) * (H - T - B);
  s.append(svg('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }));
  s.append(svg('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }));
  for (const v of [v0 + vpad, (v0 + v1) / 2, v1 - vpad]) {
    const tx = svg('text', { x: L - 6, y: y(v) + 3, 'text-anchor': 'end' });
    tx.textContent = fmt(v);
    s.append(tx);
  }
  if (dated.length) {
    for (const t of [t0 + pad, t1 - pad]) {
      const tx = svg('text', { x: x(t), y: H - B + 14, 'text-anchor': 'middle' });
      tx.textContent = new Date(t).toISOString().slice(0, 10);
      s.append(tx);
    }
  }
  // Undated claims are spread evenly over the width, in order.
  let undated = 0;
  const nUndated = spans.filter((x) => !x).length;
  claims.forEach((c, i) => {
    const q = c.quantity, col = colour(c);
    let xa, xb;
    if (spans[i]) { xa = x(spans[i][0]); xb = x(spans[i][1]); }
    else { xa = xb = L + (undated + 1) / (nUndated + 1) * (W - L - R); undated += 1; }
    const xm = (xa + xb) / 2;
    const link = svg('a', { href: '#' + anchorId(a, i), class: 'mark-link' });
    const tip = svg('title');
    tip.textContent = `${q.text} — ${(c.source && c.source.text) || 'the article'} (${kindOf(c)})`;
    link.append(tip);
    const g = svg('g', { class: 'mark', fill: col, stroke: col });
    if (xb - xa > 2) g.append(svg('line', { x1: xa, x2: xb, y1: y(q.value ?? q.low ?? q.high), y2: y(q.value ?? q.low ?? q.high), 'stroke-width': 2, opacity: 0.45 }));
    const qual = q.qualifier;
    if (qual === 'range' && q.low !== null && q.high !== null) {
      g.append(svg('rect', { x: xm - 4, y: y(q.high), width: 8, height: Math.max(2, y(q.low) - y(q.high)), rx: 2 }));
    } else if (['at_least', 'more_than'].includes(qual)) {
      const v = y(q.low ?? q.value);
      g.append(svg('path', { d: `M${xm - 6},${v} L${xm + 6},${v} L${xm},${v - 10} Z` }));
    } else if (['at_most', 'less_than', 'up_to'].includes(qual)) {
      const v = y(q.high ?? q.value);
      g.append(svg('path', { d: `M${xm - 6},${v} L${xm + 6},${v} L${xm},${v + 10} Z` }));
    } else {
      g.append(svg('circle', { cx: xm, cy: y(q.value ?? q.low ?? q.high), r: qual === 'approx' ? 6 : 5, 'fill-opacity': qual === 'approx' ? 0.5 : 1 }));
    }
    link.append(g);
    s.append(link);
  });
  return s;
}

function card(a) {
  const box = el('section', { class: 'assertion', id: 'a-' + a.id });
  const h = el('h2');
  h.append(el('span', { class: 'verdict ' + a.verdict }, a.verdict), document.createTextNode(title(a)));
  box.append(h);
  const sp = a.spread;
  const spread = sp.low === sp.high ? fmt(sp.low) : `${fmt(sp.low)} – ${fmt(sp.high)}`;
  box.append(el('p', { class: 'meta' },
    `${a.claims.length} claims, ${a.sources} independent sources, ${a.documents} articles; figures ${spread}` +
    (a.agreed ? '' : ' (cannot all hold)')));
  box.append(chart(a));
  const list = el('ol', { class: 'sentences' });
  a.claims.forEach((c, i) => {
    const li = el('li', { id: anchorId(a, i) });
    li.append(el('span', { class: 'q' }, c.quantity.text), document.createTextNode(' — '));
    li.append(el('span', { class: 'src' }, ((c.source && c.source.text) || 'the article') + ' (' + kindOf(c) + ')'));
    if (c.time && c.time.text) li.append(document.createTextNode(', ' + c.time.text));
    li.append(document.createTextNode(': “' + c.sentence + '” '));
    const where = c.doc.url || null;
    const name = c.doc.title || c.doc.path;
    li.append(where ? el('a', { href: where, rel: 'noopener' }, name) : el('cite', {}, name));
    list.append(li);
  });
  box.append(list);
  box.dataset.subject = a.key.subject ? a.key.subject.name : '(none)';
  box.dataset.unit = a.key.unit;
  box.dataset.places = JSON.stringify(a.key.places.map((p) => p.name));
  box.dataset.verdict = a.verdict;
  return box;
}

function fill(select, values) {
  for (const v of [...values].sort()) select.append(el('option', { value: v }, v));
}

function main() {
  const list = DATA.assertions;
  const counts = { disputed: 0, corroborated: 0, single: 0 };
  for (const a of list) counts[a.verdict] = (counts[a.verdict] || 0) + 1;
  document.getElementById('summary').textContent =
    `${DATA.read} assertions read, ${list.length} shown: ${counts.disputed} disputed, ${counts.corroborated} corroborated, ${counts.single} single.`;
  const legend = document.getElementById('legend');
  legend.append('Source kind:');
  for (const [k, c] of Object.entries(COLOURS)) {
    legend.append(el('span', { class: 'swatch', style: 'background:' + c }), k);
  }
  const main = document.getElementById('assertions');
  const cards = list.map(card);
  main.append(...cards);
  const fs = document.getElementById('f-subject'), fu = document.getElementById('f-unit');
  const fp = document.getElementById('f-place'), fv = document.getElementById('f-verdict');
  fill(fs, new Set(list.map((a) => (a.key.subject ? a.key.subject.name : '(none)'))));
  fill(fu, new Set(list.map((a) => a.key.unit)));
  fill(fp, new Set(list.flatMap((a) => a.key.places.map((p) => p.name))));
  const apply = () => {
    let shown = 0;
    for (const c of cards) {
      const ok = (!fs.value || c.dataset.subject === fs.value) && (!fu.value || c.dataset.unit === fu.value) &&
        (!fp.value || JSON.parse(c.dataset.places).includes(fp.value)) && (!fv.value || c.dataset.verdict === fv.value);
      c.hidden = !ok;
      if (ok) shown += 1;
    }
    document.getElementById('shown').textContent = `${shown} of ${cards.length} shown`;
  };
  for (const f of [fs, fu, fp, fv]) f.addEventListener('change', apply);
  apply();
}

main();
