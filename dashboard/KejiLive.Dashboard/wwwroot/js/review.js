// 待核实: reports the data-quality check marked as far outside their unit's history, with the figure before, the jump
// and who reported it; the city office confirms (确认) or sends one back (退回, with a reason). Each figure's light
// follows the hub (its target's group), and the list refreshes when a city roll-up's count of marked reports changes.
// The table shows a page of them at a time (the server's page of GET /api/reviews), with the total.

import { h, setText, fetchJson, fetchPage, loadPlan, unitName, LiveWatch, clearLoadError, fmtDate, fmtDateTime, fmtValue, fmtNum, LIGHT_TEXT,
  connectionIndicator } from './common.js';
import { renderPager, lastPageOffset } from './pager.js';
import { loadMe, startPlanClock, renderNav, renderWho, sendJson, showFieldErrors, problemErrors, field, flash } from './office.js';

const els = { body: document.querySelector('#reviews tbody'), empty: document.getElementById('empty'), pager: document.getElementById('pager') };
let plan, me;
let items = [];          // the rows shown: the server's page, then rows decided here that have left it since
let fetched = new Set(); // keys of the server's page as last loaded
let total = 0;           // 待核实 in all (the server's X-Total-Count)
const decided = new Map(); // key → { text, light }
const lights = new Map(); // target/unit → light, from the hub
const watches = new Map(); // target → LiveWatch
const cityPending = new Map();
let indicator;

const key = i => `${i.target}/${i.unit}/${i.reportId}`;
const pairKey = (t, u) => `${t}/${u}`;

/** Rows a page shows: a national plan can have hundreds marked at once. */
const PAGE_SIZE = 50;
let offset = 0;

function render() {
  // A row decided here still counts in the total until the page is loaded again.
  const decidedHere = [...fetched].filter(k => decided.has(k)).length;
  setText(document.getElementById('count-pending'), fmtNum(Math.max(0, total - decidedHere), 0));
  setText(document.getElementById('count-done'), String(decided.size));
  els.body.replaceChildren(...items.map(row));
  els.empty.hidden = items.length > 0;
  renderPager(els.pager, total, offset, PAGE_SIZE, go);
}

function go(to) {
  offset = Math.max(0, to);
  reload(false).catch(console.warn);
  document.getElementById('reviews').scrollIntoView({ block: 'start' });
}

function row(i) {
  const def = plan.targetById.get(i.target);
  const light = lights.get(pairKey(i.target, i.unit)) ?? i.light ?? 'grey';
  const done = decided.get(key(i));
  const change = i.change ?? 0;
  return h('tr', { dataset: { review: key(i), light } },
    h('td', { 'data-label': '目标', class: 'wrap' }, h('a', { href: `/targets/${encodeURIComponent(i.target)}` }, i.targetName ?? def?.name ?? i.target)),
    h('td', { 'data-label': '单位' }, h('a', { href: `/units/${encodeURIComponent(i.unit)}` }, i.unitName ?? unitName(plan, i.unit))),
    h('td', { 'data-label': '报送截至' }, fmtDate(i.asOf)),
    h('td', { 'data-label': '上次' }, i.previousValue === null || i.previousValue === undefined ? '—（首次）'
      : [fmtValue(def, i.previousValue), h('div', { class: 'muted' }, fmtDate(i.previousAsOf))]),
    h('td', { 'data-label': '本次' }, h('b', {}, fmtValue(def, i.value))),
    h('td', { 'data-label': '变化', class: change < 0 ? 'neg' : 'pos' }, `${change > 0 ? '+' : change < 0 ? '−' : '±'}${fmtValue(def, Math.abs(change))}`),
    h('td', { 'data-label': '报送人', class: 'wrap' }, i.submittedBy, h('div', { class: 'muted' }, fmtDateTime(i.receivedAt))),
    h('td', { 'data-label': '原因', class: 'wrap' }, i.qualityReason ?? '—'),
    h('td', { 'data-label': '灯色' }, h('span', { class: 'td-light figure-light', dataset: { light } }, h('i', { class: 'dot' }), LIGHT_TEXT[light] ?? light)),
    h('td', { 'data-label': '操作', class: 'actions-cell' }, done
      ? h('span', { class: `state ${done.rejected ? 'open' : 'resolved'}` }, done.text)
      : h('div', { class: 'actions' },
        h('button', { class: 'btn primary', type: 'button', onclick: () => confirm(i) }, '确认'),
        h('button', { class: 'btn danger', type: 'button', onclick: () => reject(i) }, '退回'))));
}

async function confirm(i) {
  const answer = await sendJson('POST', i.confirm, {});
  if (!answer.ok) { flash(problemErrors(answer, '确认未成功').$ ?? Object.values(problemErrors(answer))[0], true); return; }
  settle(i, answer.body, '已确认', false);
  flash(`已确认：${i.unitName} ${i.targetName} ${fmtValue(plan.targetById.get(i.target), i.value)}。`);
}

function reject(i) {
  const reason = h('textarea', { id: 'reject-reason', 'data-field': 'reason', maxlength: '2000' });
  const general = h('p', { class: 'field-error', id: 'reject-general', role: 'alert' });
  const form = h('form', { novalidate: true },
    h('p', { class: 'muted' }, `${i.unitName} · ${i.targetName} · ${fmtDate(i.asOf)} 报送 ${fmtValue(plan.targetById.get(i.target), i.value)}`),
    field('退回原因（单位将看到）', reason, true),
    general,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn ghost', onclick: () => dialog.close() }, '取消'),
      h('button', { type: 'submit', class: 'btn danger' }, '退回')));
  const dialog = h('dialog', { class: 'form-dialog', 'aria-label': '退回报送' }, h('h2', {}, '退回报送'), form);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.appendChild(dialog);
  dialog.showModal();
  reason.focus();
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!showFieldErrors(form, reason.value.trim() ? {} : { reason: '请填写退回原因。' })) return;
    const answer = await sendJson('POST', i.reject, { reason: reason.value.trim() });
    if (answer.ok) {
      dialog.close();
      settle(i, answer.body, '已退回', true);
      flash(`已退回：${i.unitName} ${i.targetName}，该数值不再计入。`);
      return;
    }
    const errors = problemErrors(answer, '退回未成功');
    showFieldErrors(form, errors);
    setText(general, errors.$ ?? errors.reportId ?? '');
  });
}

function settle(i, detail, text, rejected) {
  decided.set(key(i), { text, rejected });
  if (detail?.light) lights.set(pairKey(i.target, i.unit), detail.light);
  render();
}

let loading = 0;
/** Loads the page at `offset`; with `keepDecided` the rows decided here stay on it (marked) though the server no longer lists them. */
async function reload(keepDecided = true) {
  const mine = ++loading;
  const page = await fetchPage(`/api/reviews?offset=${offset}&limit=${PAGE_SIZE}`);
  if (mine !== loading) return;
  if (page.items.length === 0 && offset > 0 && page.total > 0) {
    // The list shrank below this page: show its last page.
    offset = lastPageOffset(page.total, PAGE_SIZE);
    return reload(keepDecided);
  }
  fetched = new Set(page.items.map(key));
  const keep = keepDecided ? items.filter(i => decided.has(key(i)) && !fetched.has(key(i))) : [];
  items = [...page.items, ...keep];
  total = page.total;
  clearLoadError();
  for (const t of new Set(items.map(i => i.target))) watchTarget(t);
  render();
}

function watchTarget(target) {
  if (watches.has(target)) return;
  const watch = new LiveWatch({
    watch: 'WatchTarget', args: [target],
    onSnapshot: view => takeSnapshots(view.city?.units ?? []),
    onChanges: u => takeSnapshots(u.targets ?? []),
  });
  watches.set(target, watch);
  watch.start();
}

function takeSnapshots(snapshots) {
  let changed = false;
  for (const s of snapshots) {
    if (!s?.target || !s.unit || s.unit === 'city') continue;
    if (lights.get(pairKey(s.target, s.unit)) !== s.light) { lights.set(pairKey(s.target, s.unit), s.light); changed = true; }
  }
  if (changed) render();
}

let pendingReload = null;
function onWall(cities) {
  let changed = false;
  for (const c of cities ?? []) {
    if (cityPending.has(c.target) && cityPending.get(c.target) !== c.pendingReviews) changed = true;
    cityPending.set(c.target, c.pendingReviews);
  }
  if (changed) { clearTimeout(pendingReload); pendingReload = setTimeout(() => reload().catch(console.warn), 300); }
}

async function main() {
  indicator = connectionIndicator(document.getElementById('conn'), document.getElementById('stale'));
  [plan, me] = await Promise.all([loadPlan(), loadMe()]);
  await startPlanClock(document.getElementById('clock'));
  renderNav(document.getElementById('nav'), me);
  renderWho(document.getElementById('who'), me, id => unitName(plan, id));
  await reload();
  new LiveWatch({
    watch: 'WatchWall',
    onSnapshot: v => { for (const c of v.cities ?? []) cityPending.set(c.target, c.pendingReviews); reload().catch(console.warn); },
    onChanges: u => onWall(u.cities),
    onState: indicator,
  }).start();
}

main().catch(e => {
  console.error(e);
  const el = document.getElementById('load-error');
  el.hidden = false;
  setText(el, '页面加载失败，请刷新重试。');
});
