// 调剂测算 (issue 17's what-if): the city office picks a target, a source unit and receiving units with amounts or
// shares; the server computes every touched unit and the city before and after with the judging rules (POST
// /api/targets/{t}/whatif) and nothing is stored. The proposal exports as Excel or Markdown for the dispatch meeting.

import { h, setText, fetchJson, loadPlan, unitName, clearLoadError, fmtValue, fmtNum, fmtPp, fmtDateTimeCn, LIGHT_TEXT } from './common.js';
import { loadMe, startPlanClock, renderNav, renderWho, sendJson, showFieldErrors, problemErrors, field, planToday } from './office.js';

const MOVABLE = ['count', 'range', 'growth'];
const els = {
  form: document.getElementById('proposal'), target: document.getElementById('target'), from: document.getElementById('from'),
  amount: document.getElementById('amount'), hint: document.getElementById('amount-hint'), moves: document.getElementById('moves'),
  cut: document.getElementById('cut'), general: document.getElementById('general'), toError: document.getElementById('to-error'),
  result: document.getElementById('result'), body: document.querySelector('#lines tbody'),
  xlsx: document.getElementById('export-xlsx'), md: document.getElementById('export-md'),
};
let plan;
let current = new Map(); // unit → its snapshot for the chosen target
// unit → its 差额 as the target page lists it (the city's shortfall lines, largest first); complete unless the city has
// more lines than it sent (a large plan), when a unit not among them has an unknown 差额 here.
let owes = new Map();
let owesComplete = true;
let lastBody = null;
let moveSeq = 0;
let chosen = null; // the target whose units the form shows (or is loading)
let loadSeq = 0;

const def = () => plan.targetById.get(els.target.value);

/** The units that may take part: those holding a share of the target, overlays excepted (never counted in the city). */
function units(target) {
  return target.split.map(s => s.unit).filter(u => plan.unitById.get(u)?.kind !== 'overlay');
}

function unitLabel(u) {
  const s = current.get(u);
  const d = def();
  if (!s) return unitName(plan, u);
  return `${unitName(plan, u)}（目标 ${fmtValue(d, s.annualTarget)} · ${LIGHT_TEXT[s.light] ?? s.light}）`;
}

/** Fills a unit select; `except` (the source, for a receiver) is not offered. */
function unitOptions(select, keep, except = null) {
  const list = units(def()).filter(u => u !== except);
  select.replaceChildren(...list.map(u => h('option', { value: u }, unitLabel(u))));
  if (keep && list.includes(keep)) select.value = keep;
}

/** Loads the chosen target's units and resets the proposal. Choosing the target already shown keeps what was typed; when
 * targets are switched quickly only the last choice fills the form (a slower, older answer never overwrites it). The form
 * is aria-busy while it loads. */
async function chooseTarget() {
  const target = def();
  if (target.id === chosen) return;
  chosen = target.id;
  const seq = ++loadSeq;
  els.form.setAttribute('aria-busy', 'true');
  const loaded = new Map();
  const lines = new Map();
  let complete = false;
  try {
    const city = await fetchJson(`/api/targets/${encodeURIComponent(target.id)}`);
    for (const s of city.units ?? []) loaded.set(s.unit, s);
    for (const line of city.shortfalls ?? []) lines.set(line.unit, line.amount);
    complete = (city.shortfallCount ?? lines.size) <= lines.size;
  } catch { /* the labels fall back to names; the computation reads the live state itself */ }
  if (seq !== loadSeq) return;
  current = loaded;
  owes = lines;
  owesComplete = complete;
  // The default source: the unit furthest behind (the first shortfall line: largest 差额), else the first.
  const list = units(target);
  const behind = [...lines.keys()].find(u => list.includes(u));
  unitOptions(els.from, behind ?? list[0]);
  const rest = list.filter(u => u !== els.from.value);
  els.moves.replaceChildren();
  addMove(rest[0]);
  if (rest.length > 1) addMove(rest[1]);
  sourceHint();
  els.result.hidden = true;
  setExports(false);
  els.form.setAttribute('aria-busy', 'false');
}

/** The unit's 差额 as the target page lists it; null when this page does not hold it (a large plan's later lines). */
function shortfall(u) {
  return owes.has(u) ? owes.get(u) : owesComplete ? 0 : null;
}

function sourceHint() {
  const s = current.get(els.from.value);
  const d = def();
  const owed = shortfall(els.from.value);
  const text = owed === null ? '当前差额见目标页（留空即调出差额）'
    : owed > 0 ? `当前差额 ${fmtValue(d, owed)}（留空即调出差额）` : '当前没有差额（已达序时进度），请填写调出数量';
  setText(els.hint, s ? `年度目标 ${fmtValue(d, s.annualTarget)}，${text}` : text);
}

function addMove(unit) {
  const i = moveSeq++;
  const select = h('select', { id: `move-${i}-unit` });
  const amount = h('input', { id: `move-${i}-amount`, type: 'number', min: '0', step: 'any', inputmode: 'decimal' });
  const share = h('input', { id: `move-${i}-share`, type: 'number', min: '0', max: '1', step: 'any', inputmode: 'decimal', placeholder: '如 0.5' });
  unitOptions(select, unit, els.from.value);
  const row = h('div', { class: 'move', dataset: { move: String(i) } },
    field('承接单位', select), field('数量', amount), field('比例', share),
    h('button', { type: 'button', class: 'btn ghost', 'aria-label': '删除此承接单位', onclick: () => { row.remove(); renumber(); } }, '删除'));
  els.moves.appendChild(row);
  renumber();
  return row;
}

/** The receivers never offer the source. When the source changes, a row that had taken the new source takes the old
 * one instead (the two swap places), or else the first unit no other row has. */
function sourceChanged() {
  const from = els.from.value;
  const selects = [...els.moves.querySelectorAll('select')];
  const list = units(def());
  const offered = new Set(selects.length ? [...selects[0].options].map(o => o.value) : list);
  const was = list.find(u => !offered.has(u));
  for (const select of selects) {
    let keep = select.value;
    if (keep === from) {
      const taken = new Set(selects.filter(s => s !== select).map(s => s.value));
      keep = was && !taken.has(was) ? was : list.find(u => u !== from && !taken.has(u));
    }
    unitOptions(select, keep, from);
  }
  sourceHint();
}

/** The receiver rows with an amount or a share: a row left blank (the form opens with two) is not part of the proposal. */
function filledMoves() {
  return [...els.moves.children].filter(row => [...row.querySelectorAll('input')].some(input => number(input) !== null));
}

/** Each row's controls answer to the fields the server names: to[0].unit, to[0].amount, to[0].share, numbered in the
 * order the rows are sent (the filled ones first, as proposal() sends them). */
function renumber(rows = [...els.moves.children]) {
  rows.forEach((row, n) => {
    const [unit, amount, share] = row.querySelectorAll('select, input');
    unit.dataset.field = `to[${n}].unit`;
    amount.dataset.field = `to[${n}].amount`;
    share.dataset.field = `to[${n}].share`;
  });
}

function number(input) {
  const text = input.value.trim();
  return text === '' ? null : Number(text);
}

function proposal() {
  const body = { from: els.from.value, to: [] };
  const amount = number(els.amount);
  if (amount !== null) body.amount = amount;
  const filled = filledMoves();
  renumber([...filled, ...[...els.moves.children].filter(row => !filled.includes(row))]);
  for (const row of filled) {
    const [unit, a, s] = row.querySelectorAll('select, input');
    const move = { unit: unit.value };
    if (number(a) !== null) move.amount = number(a);
    if (number(s) !== null) move.share = number(s);
    body.to.push(move);
  }
  if (els.cut.checked) body.changesCityTotal = true;
  return body;
}

function showErrors(answer) {
  const errors = problemErrors(answer, '测算未成功');
  // A row-level message (to[0]) shows under that row's unit.
  for (const [key, message] of Object.entries(errors)) {
    const row = /^to\[(\d+)\]$/.exec(key);
    if (row && !errors[`to[${row[1]}].unit`]) errors[`to[${row[1]}].unit`] = message;
  }
  showFieldErrors(els.form, errors);
  setText(els.toError, errors.to ?? '');
  setText(els.general, errors.$ ?? errors.target ?? '');
}

async function compute(e) {
  e?.preventDefault();
  const body = proposal();
  if (body.to.length === 0) {
    // Nothing to compute: said under the receivers without asking the server.
    showFieldErrors(els.form, {});
    setText(els.general, '');
    setText(els.toError, '请至少为一个承接单位填写数量或比例。');
    els.moves.querySelector('input')?.focus();
    setExports(false);
    return;
  }
  const answer = await sendJson('POST', `/api/targets/${encodeURIComponent(def().id)}/whatif`, body);
  if (!answer.ok) {
    showErrors(answer);
    setExports(false);
    return;
  }
  showFieldErrors(els.form, {});
  setText(els.toError, '');
  setText(els.general, '');
  lastBody = body;
  render(answer.body);
  setExports(true);
}

function setExports(on) {
  els.xlsx.disabled = !on;
  els.md.disabled = !on;
}

function lightCell(before, after) {
  return h('span', { class: 'lights' },
    h('span', { class: 'td-light', dataset: { light: before.light } }, h('i', { class: 'dot' }), LIGHT_TEXT[before.light] ?? before.light),
    h('span', { class: 'arrow', 'aria-label': '调整后' }, '→'),
    h('span', { class: 'td-light after', dataset: { light: after.light } }, h('i', { class: 'dot' }), LIGHT_TEXT[after.light] ?? after.light));
}

function pair(before, after) {
  return [before, h('span', { class: 'arrow', 'aria-label': '调整后' }, '→'), h('span', { class: 'after' }, after)];
}

/** A grey light has nothing to judge: it shows no gap, as the target page does. */
function gap(side) {
  return side.light === 'grey' ? '—' : fmtPp(side.gapPoints, true);
}

/** 调整量 and 年度目标 at the decimals the server chose for this proposal, so that the receivers' amounts add up to the
 * source's and each target before plus its change reads as its target after (542.5 + 542.5, not 543 + 543 = 1,085). */
function amount(d, value, decimals, withMeasure = true) {
  const text = fmtNum(value, decimals);
  return withMeasure && d?.measure ? `${text} ${d.measure}` : text;
}

function line(name, change, before, after, d, decimals, attrs = {}) {
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return h('tr', { dataset: { light: after.light }, ...attrs },
    h('td', { 'data-label': '单位' }, name),
    h('td', { 'data-label': '调整量' }, `${sign}${amount(d, Math.abs(change), decimals, false)}`),
    h('td', { 'data-label': '年度目标' }, pair(amount(d, before.annualTarget, decimals, false), amount(d, after.annualTarget, decimals))),
    h('td', { 'data-label': '累计完成' }, fmtValue(d, after.actual)),
    h('td', { 'data-label': '较序时' }, pair(gap(before), gap(after))),
    h('td', { 'data-label': '灯' }, lightCell(before, after)),
    h('td', { 'data-label': '年末预计' }, pair(before.forecast ? fmtValue(d, before.forecast.value, false) : '—', after.forecast ? fmtValue(d, after.forecast.value) : '—')),
    h('td', { 'data-label': '能否完成', class: `outlook-${after.outlook}` }, after.outlookName),
    h('td', { 'data-label': '判灯依据', class: 'why' }, after.explanation));
}

function render(r) {
  const d = plan.targetById.get(r.target);
  setText(document.getElementById('summary'), r.summary);
  setText(document.getElementById('at'), `测算时点 ${fmtDateTimeCn(r.at)}`);
  setText(document.getElementById('notice'), r.notice + (r.sampleNotice ? ` ${r.sampleNotice}` : ''));
  const decimals = r.decimals ?? 2;
  const rows = r.units.map(u => line(u.unitName, u.change, u.before, u.after, d, decimals, { dataset: { light: u.after.light, unit: u.unit } }));
  rows.push(line(`全市合计（红灯单位 ${r.city.unitsRedBefore} → ${r.city.unitsRedAfter} 个）`, r.cityTotalChange, r.city.before, r.city.after, d, decimals,
    { id: 'whatif-city', class: 'city-row' }));
  els.body.replaceChildren(...rows);
  els.result.hidden = false;
}

async function download(suffix, type, name) {
  if (!lastBody) return;
  const res = await fetch(`/api/targets/${encodeURIComponent(def().id)}/whatif${suffix}`, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: type }, body: JSON.stringify(lastBody), cache: 'no-store',
  });
  if (!res.ok) {
    let body = null;
    try { body = await res.json(); } catch { /* not JSON */ }
    showErrors({ ok: false, status: res.status, body });
    return;
  }
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function main() {
  let me;
  try {
    me = await loadMe();
  } catch { return; }
  renderNav(document.getElementById('nav'), me);
  plan = await loadPlan();
  clearLoadError();
  renderWho(document.getElementById('who'), me, id => unitName(plan, id));
  startPlanClock(document.getElementById('clock')).catch(() => {});
  const sample = document.getElementById('sample');
  if (plan.sampleSplit) { setText(sample, plan.sampleNotice); sample.hidden = false; }
  const targets = plan.targets.filter(t => MOVABLE.includes(t.kind) && units(t).length >= 2);
  els.target.replaceChildren(...targets.map(t => h('option', { value: t.id }, `${t.name}（${t.measure}）`)));
  const wanted = new URLSearchParams(location.search).get('target');
  if (wanted && targets.some(t => t.id === wanted)) els.target.value = wanted;
  els.target.addEventListener('change', chooseTarget);
  els.from.addEventListener('change', sourceChanged);
  document.getElementById('add-move').addEventListener('click', () => {
    const taken = new Set([els.from.value, ...[...els.moves.querySelectorAll('select')].map(s => s.value)]);
    addMove(units(def()).find(u => !taken.has(u))).querySelector('select').focus();
  });
  els.form.addEventListener('submit', compute);
  const day = () => planToday();
  els.xlsx.addEventListener('click', () => download('.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `调剂测算-${def().name}-${day()}.xlsx`));
  els.md.addEventListener('click', () => download('.md', 'text/markdown', `调剂测算-${def().name}-${day()}.md`));
  await chooseTarget();
}

main();
