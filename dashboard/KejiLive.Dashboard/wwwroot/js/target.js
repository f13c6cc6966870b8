// A target's drill-down: the city (or one unit's) plan curve with tolerance band, actual steps and forecast cone; the
// per-unit breakdown worst first; which units account for the shortfall. Live over /hubs/live (WatchTarget).
import {
  h, fill, setText, fmtRate, fmtPp, fmtNum, gapShown, fmtValue, fmtTarget, fmtDate, fmtDateCn, fmtRatioShort, scheduleAsOf, LIGHT_TEXT, loadPlan, unitName, fetchJson, clearLoadError, LiveWatch, mergeByKey, renderDataAsOf, renderSample, mergeAlerts, applyKiosk, startRotation, isKiosk, linkOrBox, pathId, planClock,
} from './common.js';
import { snapshotCells, worstFirst, debounce, wirePageHeader, showMissing, reviewTag, reviewCountTag, lightReason, gapTone, dueSoonTag, dueSoonUnitsTag } from './tables.js';
import { PAGE_SIZE, SHOW_ALL_UP_TO, renderTargetAlerts, shortfallReason, unitSearch } from './target-scale.js';
import { renderPager, clearPager } from './pager.js';
import { drawCurve } from './target-chart.js';

applyKiosk();

const targetId = pathId();
const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
const state = {
  plan: null, def: null,
  city: null,                 // city TargetSnapshot
  units: new Map(),           // unit id → TargetSnapshot
  unitCount: 0,               // units in the whole breakdown (units may hold the first page only)
  paged: false,               // a large target: the breakdown comes worst first from the server, a page at a time
  page: 0, order: 'plan',     // the page shown (0-based) and the order the server listed it in
  shortfalls: [], shortfallCount: 0, unitsReporting: null, unitsNotReported: null,
  alerts: [], alertCount: null, dataAsOf: null, haveSnapshot: false,
  selected: params.get('unit') ?? '',
  selectedSnap: null,         // the selected unit's snapshot when it is not on the page shown
};
let chart = null;

async function main() {
  const plan = state.plan = await loadPlan();
  const def = state.def = plan.targetById.get(targetId);
  clearLoadError();
  if (!def) { showMissing('目标', targetId, $('target-name')); return; }
  const setState = wirePageHeader();
  document.title = `${def.name} · KejiLive`;
  setText($('target-name'), def.name);
  setText($('target-meta'), [def.section ? `要点${def.section}` : null, `全市目标 ${fmtTarget(def, def.cityTarget, def.stretch)}`, def.department].filter(Boolean).join(' · '));
  renderSample($('sample-badge'), plan.sampleSplit, plan.sampleNotice);
  if (plan.sampleSplit && plan.sampleNotice) { $('sample-line').hidden = false; setText($('sample-line'), plan.sampleNotice); }
  state.paged = (def.split?.length ?? 0) > SHOW_ALL_UP_TO;
  fillSelector();

  chart = echarts.init($('chart'), null, { renderer: 'canvas' });
  addEventListener('resize', () => chart.resize());
  loadCurve();

  const live = new LiveWatch({
    watch: 'WatchTarget', args: [targetId],
    onSnapshot: view => {
      state.haveSnapshot = true;
      planClock.fromView(view);
      const page = state.page;
      applyCity(view.city);
      // A fresh snapshot (after a gap) carries the first page: stay on the page the reader was on.
      if (state.paged && page > 0) loadPage(page);
      state.alerts = view.alerts ?? [];
      state.alertCount = view.alertCount ?? null;
      state.dataAsOf = view.dataAsOf ?? state.dataAsOf;
      renderSample($('sample-badge'), view.sampleSplit, view.sampleNotice);
      render();
      refreshLater();
    },
    onChanges: update => {
      const cities = (update.cities ?? []).filter(c => c.target === targetId);
      if (cities.length) state.city = newest(state.city, cities);
      const mine = (update.targets ?? []).filter(t => t.target === targetId);
      // A page of a large target keeps its units (the page itself is fetched again shortly, in its new order).
      mergeByKey(state.units, state.paged ? mine.filter(t => state.units.has(t.unit)) : mine, t => t.unit);
      const picked = mine.filter(t => t.unit === state.selected);
      if (picked.length) state.selectedSnap = newest(state.selectedSnap, picked);
      if (update.alerts?.length) {
        const ours = update.alerts.filter(a => a.target === targetId);
        state.alerts = mergeAlerts(state.alerts, ours);
      }
      if (update.dataAsOf && (!state.dataAsOf || Date.parse(update.dataAsOf) > Date.parse(state.dataAsOf))) state.dataAsOf = update.dataAsOf;
      render();
      refreshLater();
    },
    onState: setState,
  });
  live.start();
  setTimeout(() => { if (!state.haveSnapshot) loadFromRest(); }, 2500);
  startRotation(null);
}

function newest(held, incoming) {
  let best = held;
  for (const c of incoming) if (!best || !best.judgedAt || Date.parse(c.judgedAt) >= Date.parse(best.judgedAt)) best = c;
  return best;
}

function applyCity(city) {
  if (!city) return;
  state.city = city.city;
  state.units = new Map((city.units ?? []).map(u => [u.unit, u]));
  // A large plan's breakdown arrives as its first page (GET /api/targets/{t}?offset=&limit= pages on).
  state.unitCount = city.unitCount ?? state.units.size;
  state.order = city.order ?? 'plan';
  state.page = Math.floor((city.offset ?? 0) / PAGE_SIZE);
  state.shortfalls = city.shortfalls ?? [];
  state.shortfallCount = city.shortfallCount ?? state.shortfalls.length;
  // A large target listed in plan order (the REST fallback): ask for the worst first instead.
  if (state.paged && state.order !== 'worst') loadPage(0);
  state.unitsReporting = city.unitsReporting;
  state.unitsNotReported = city.unitsNotReported;
}

async function loadFromRest() {
  try {
    const city = await fetchJson(`/api/targets/${encodeURIComponent(targetId)}`);
    if (state.haveSnapshot) return;
    applyCity(city);
    state.dataAsOf = city.city?.lastReceivedAt ?? null;
    render();
  } catch (e) { console.warn('REST fallback failed', e); }
}

// Shortfalls and the curve's actual line are not in the pushed changes: fetch them again shortly after a change (and a
// large target's page, whose order the change may have moved).
const refreshLater = debounce(async () => {
  loadCurve();
  if (state.paged) { loadPage(state.page); loadSelected(); }
  // A target with more 督办 than its snapshot carries counts them on the server (a pushed change cannot say whether it
  // is new to the count).
  if (state.alertCount !== null) {
    try {
      const summary = await fetchJson(`/api/alerts/summary?target=${encodeURIComponent(targetId)}&state=live`);
      state.alertCount = summary.total ?? state.alertCount;
      render();
    } catch { /* keep what we have */ }
  }
  try {
    const page = await fetchJson(`/api/targets/${encodeURIComponent(targetId)}/shortfalls?limit=${SHORTFALLS_SHOWN}`);
    state.shortfalls = page.shortfalls ?? [];
    state.shortfallCount = page.shortfallCount ?? state.shortfalls.length;
    state.unitsReporting = page.unitsReporting;
    state.unitsNotReported = page.unitsNotReported;
    renderShortfalls();
  } catch { /* keep what we have */ }
}, 800);

const SHORTFALLS_SHOWN = 10;

/** One page of a large target's breakdown, worst first across every unit (the server keeps the order). */
let pageSeq = 0;
async function loadPage(page) {
  const seq = ++pageSeq;
  try {
    const city = await fetchJson(`/api/targets/${encodeURIComponent(targetId)}?order=worst&offset=${page * PAGE_SIZE}&limit=${PAGE_SIZE}`);
    if (seq !== pageSeq) return;
    state.city = city.city ?? state.city;
    state.units = new Map((city.units ?? []).map(u => [u.unit, u]));
    state.unitCount = city.unitCount ?? state.unitCount;
    state.order = city.order ?? 'worst';
    state.page = Math.floor((city.offset ?? 0) / PAGE_SIZE);
    renderSummary();
    renderBreakdown();
  } catch (e) { console.warn('page failed', e); }
}

/** The selected unit's own snapshot when it is not on the page shown (a large target). */
async function loadSelected() {
  const unit = state.selected;
  if (!unit || state.units.has(unit)) return;
  try {
    const { history, ...snap } = await fetchJson(`/api/targets/${encodeURIComponent(targetId)}/${encodeURIComponent(unit)}`);
    if (unit !== state.selected) return;
    state.selectedSnap = snap;
    renderSummary();
  } catch (e) { console.warn('unit failed', e); }
}

// ------------------------------------------------------------------------------------------- rendering
function render() {
  renderSummary();
  renderBreakdown();
  renderShortfalls();
  renderDataAsOf($('data-as-of'), state.dataAsOf);
  renderTargetAlerts($('alerts'), $('alerts-count'), state.plan, targetId, state.alerts.filter(a => a.target === targetId), state.alertCount);
}

function selectedSnapshot() {
  return state.selected ? state.units.get(state.selected) ?? (state.selectedSnap?.unit === state.selected ? state.selectedSnap : null) : state.city;
}

function renderSummary() {
  const def = state.def;
  const s = selectedSnapshot();
  const box = $('summary');
  if (!s) { box.replaceChildren(h('div', { class: 'empty' }, '正在载入…')); return; }
  const hasData = s.reportCount > 0;
  const isRank = def.kind === 'rank';
  box.dataset.light = s.light;
  box.dataset.unit = s.unit;
  const showGap = hasData && !isRank && s.light !== 'grey';
  const gapClass = !showGap ? '' : gapTone(s.light, s.gapPoints);
  const kpi = (k, v, cls = '') => h('div', { class: 'kpi' }, h('span', { class: 'k' }, k), h('span', { class: `v ${cls}` }, v));
  const why = lightReason(def, s);
  const redUnits = !state.selected && s.unitsRed > 0 ? h('span', { class: 'tag red-units', title: '全市灯色按全市序时进度评定', dataset: { redUnits: s.unitsRed } }, `${s.unitsRed} 个单位红灯`) : null;
  const dueUnits = state.selected ? null : dueSoonUnitsTag(s);
  const dueTag = dueSoonTag(s);
  const shown = gapShown(def, s);
  fill(box,
    kpi(state.selected ? unitName(state.plan, state.selected) : '全市', [
      h('span', { class: 'light-chip', dataset: { light: s.light }, title: why?.title ?? null }, h('i', { class: 'dot' }), LIGHT_TEXT[s.light] ?? s.light),
      why || redUnits || dueUnits || dueTag ? h('span', { class: 'kpi-note' }, why ? h('span', { class: 'tag why', title: why.title }, why.text) : null, redUnits, dueUnits, dueTag) : null], 'small'),
    kpi('完成率', hasData && !isRank ? fmtRate(s.completionRate) : isRank && hasData ? fmtValue(def, s.actual) : '—', 'rate'),
    kpi(shown.label, showGap ? `${shown.number} 个百分点` : '—', `gap small ${gapClass}`),
    kpi('累计完成 / 年度目标', [h('span', { class: 'actual' }, hasData ? fmtValue(def, s.actual, false) : '—'), ' / ', fmtTarget(def, s.annualTarget, s.stretch),
      state.selected ? reviewTag(s) : reviewCountTag(s)], 'small'),
    kpi(s.scheduleDate && !isRank ? `序时进度（${scheduleAsOf(s)}）` : '序时进度',
      isRank ? '—' : `${fmtRate(s.scheduleRate)}（应完成 ${fmtValue(def, s.expected, false)}）`, 'small'),
    kpi('年底预计', s.forecast && hasData ? `${fmtValue(def, s.forecast.value)}（${fmtValue(def, s.forecast.low, false)}–${fmtValue(def, s.forecast.high, false)}）` : '—', `small${s.willMiss ? ' neg' : ''}`),
    kpi('此后每月需完成', s.requiredPerMonth ? fmtValue(def, s.requiredPerMonth) : '—', 'small'),
    kpi('报送截至', s.reportedAsOf ? fmtDateCn(s.reportedAsOf) : '尚无报送', `small${s.notReported ? ' neg' : ''}`),
    // The reasons are sentences: a row of their own in body type, not a figure in KPI type squeezed into one column.
    s.explanation ? h('div', { class: 'kpi why' }, h('span', { class: 'k' }, '判灯依据'), h('span', { class: 'v' }, s.explanation)) : null,
    s.forecastBasis && hasData ? h('div', { class: 'kpi why' }, h('span', { class: 'k' }, '预计依据'), h('span', { class: 'v' }, s.forecastBasis)) : null,
    s.dueSoon ? h('div', { class: 'kpi why due-soon-line' }, h('span', { class: 'k' }, '临期提醒'), h('span', { class: 'v' }, s.dueSoon.text)) : null,
  );
}

function renderBreakdown() {
  const plan = state.plan, def = state.def;
  // The server's worst-first page is already in order across every unit; a small target is sorted here.
  const listed = [...state.units.values()];
  const rows = (state.order === 'worst' ? listed : listed.sort(worstFirst)).map(s => {
    const u = plan.unitById.get(s.unit);
    const overlay = u?.kind === 'overlay';
    const host = overlay ? unitName(plan, u.overlayOf) : null;
    return h('tr', { class: overlay ? 'overlay' : '', dataset: { unit: s.unit, light: s.light } },
      h('td', {}, linkOrBox('span', `/units/${encodeURIComponent(s.unit)}`, {}, unitName(plan, s.unit)),
        overlay ? h('span', { class: 'tag ov', title: '数据已含在所属区县内，单列展示、不重复计入全市' }, `含于${host}`) : null),
      ...snapshotCells(def, s));
  });
  if (!state.paged && state.unitCount > state.units.size) {
    rows.push(h('tr', { class: 'more' }, h('td', { colspan: 9, class: 'muted' },
      `仅列出 ${state.units.size} 个单位（共 ${state.unitCount} 个）；全市合计与落后单位覆盖全部单位。`)));
  }
  // A target with one owner (milestones, ranks) has no sum: its city figure is the owner's row, shown once.
  const singleOwner = def.kind === 'milestone' || def.kind === 'rank' || (state.units.size === 1 && state.units.has('city'));
  if (state.city && !singleOwner) {
    rows.push(h('tr', { class: 'total', dataset: { light: state.city.light } },
      h('td', {}, h('b', {}, '全市合计')), ...snapshotCells(def, state.city)));
  }
  $('breakdown').tBodies[0].replaceChildren(...rows);
  // A large target's breakdown pages worst first across every unit; a small one lists every unit, without a pager.
  if (state.paged) {
    renderPager($('breakdown-pager'), state.unitCount, state.page * PAGE_SIZE, PAGE_SIZE, to => loadPage(Math.floor(to / PAGE_SIZE)), { measure: '个', what: '单位' });
  } else {
    clearPager($('breakdown-pager'));
  }
}

function renderShortfalls() {
  const plan = state.plan, def = state.def;
  const list = $('shortfalls');
  if (def.kind === 'milestone') { renderMilestones(list); return; }
  const items = (state.shortfalls ?? []).filter(s => s.amount > 0).slice(0, SHORTFALLS_SHOWN);
  if (items.length === 0) {
    list.replaceChildren(h('li', { class: 'empty' }, '没有落后于序时进度的单位'));
  } else {
    const max = Math.max(...items.map(s => s.share));
    // Ordered by 差额 (how much of the city's shortfall a unit holds), not by light: a large unit a little behind can
    // hold the largest shortfall while its own light is green. Each row shows its own light and 较序时 (carried by the
    // server's shortfall line, whichever page of units is loaded) and says why where they could seem to disagree.
    list.replaceChildren(...items.map((s, i) => {
      const u = state.units.get(s.unit);
      const line = s.light ? s : u ? { ...s, light: u.light, gapPoints: u.gapPoints, explanation: u.explanation, explanationCode: u.explanationCode } : { ...s, light: 'grey' };
      const light = line.light ?? 'grey';
      const why = shortfallReason(def, line);
      return h('li', { dataset: { shortfallUnit: s.unit, light } },
        h('span', { class: 'sh-n' }, i + 1),
        linkOrBox('span', `/units/${encodeURIComponent(s.unit)}`, { class: 'sh-name', title: why }, h('i', { class: 'dot', dataset: { light } }), unitName(plan, s.unit)),
        // Each phrase wraps whole when the panel is narrow: 差… / 占全市缺口 … / its light and 较序时.
        // (the space before each · stands outside the phrases: the line breaks there and the · starts the next line).
        h('span', { class: 'sh-v' }, h('span', { class: 'sh-part' }, `差${gapWords(shortfallText(def, s))}`),
          ' ', h('span', { class: 'sh-part' }, `· 占全市缺口 ${fmtRate(s.share)}`),
          // A ratio's 差 already says how far in its own points: its light alone follows (no second, 完成率 figure).
          ...(light !== 'grey' && def.kind !== 'rank'
            ? [' ', h('small', { class: 'sh-gap', dataset: { gap: line.gapPoints } }, def.kind === 'ratio' ? `· ${LIGHT_TEXT[light]}` : `· ${LIGHT_TEXT[light]} ${fmtPp(line.gapPoints)}`)] : [])),
        h('span', { class: 'sh-bar', dataset: { light } }, h('i', { style: { width: `${(s.share / max) * 100}%` } })));
    }));
  }
  const rest = Math.max(state.shortfallCount ?? 0, items.length) - items.length;
  // The two counts overlap (a unit that reported before can be late with this period's figure), so they are not a split.
  setText($('reporting'), [
    state.unitsReporting !== null && state.unitsReporting !== undefined ? `${fmtNum(state.unitsReporting, 0)} 个单位已有报送，${fmtNum(state.unitsNotReported ?? 0, 0)} 个本期未按时报送` : '',
    rest > 0 ? `另有 ${fmtNum(rest, 0)} 个单位落后` : '',
  ].filter(Boolean).join('；'));
}

/** A line's 差额 in words: in the target's measure; for a ratio, how far the unit's own ratio is below its target (the
 * line's amount is the numerator it misses, for which the plan names no measure). */
function shortfallText(def, line) {
  if (def.kind !== 'ratio') return fmtValue(def, line.amount);
  return fmtRatioShort(def, line.ratioShort);
}

/** "差 3 家", "差不足 0.01 个百分点": the words after 差. */
function gapWords(text) {
  return text.startsWith('不足') ? text : ` ${text}`;
}

/** A milestone target's nodes instead of shortfalls: each node done, overdue or due later, in plan time. */
function renderMilestones(list) {
  const def = state.def;
  list.previousElementSibling.replaceChildren('节点进度 ', h('small', {}, '已完成 / 逾期 / 未到期（按计划时间）'));
  const done = Math.max(0, Math.floor(state.city?.actual ?? 0));
  const today = fmtDate(planClock.now());
  const nodes = [...(def.milestones ?? [])].sort((a, b) => a.due.localeCompare(b.due));
  if (nodes.length === 0) { list.replaceChildren(h('li', { class: 'empty' }, '该目标没有设定节点')); return; }
  list.replaceChildren(...nodes.map((m, i) => {
    const status = i < done ? 'done' : m.due < today ? 'overdue' : 'pending';
    const light = status === 'done' ? 'green' : status === 'overdue' ? 'red' : 'grey';
    // The next node not done, due within 14 days: the server's 临期 (the owner's dueSoon) names it.
    const soon = status === 'pending' && state.city?.dueSoon?.due === m.due ? state.city.dueSoon : null;
    const text = status === 'done' ? '已完成' : status === 'overdue' ? `逾期 ${Math.round((Date.parse(today) - Date.parse(m.due)) / 86400000)} 天`
      : soon ? (soon.daysLeft === 0 ? '今天到期，尚未报送完成' : `临期，还剩 ${soon.daysLeft} 天`) : '未到期';
    return h('li', { dataset: { milestone: m.id ?? String(i), status, light } },
      h('span', { class: 'sh-n' }, i + 1),
      h('span', { class: 'sh-name' }, h('i', { class: 'dot', dataset: { light } }), m.name),
      h('span', { class: 'sh-v' }, `${fmtDateCn(m.due)} · ${text}`));
  }));
  setText($('reporting'), `共 ${nodes.length} 个节点，已完成 ${Math.min(done, nodes.length)} 个`);
}

function fillSelector() {
  const sel = $('unit-select');
  const plan = state.plan;
  const label = a => {
    const u = plan.unitById.get(a.unit);
    return u?.kind === 'overlay' ? `${u.name}（含于${unitName(plan, u.overlayOf)}）` : unitName(plan, a.unit);
  };
  const choose = unit => {
    state.selected = unit;
    const url = new URL(location.href);
    if (state.selected) url.searchParams.set('unit', state.selected); else url.searchParams.delete('unit');
    history.replaceState(null, '', url);
    renderSummary();
    loadCurve();
    if (state.paged) loadSelected();
  };
  const split = state.def.split ?? [];
  if (!split.some(a => a.unit === state.selected)) state.selected = '';
  if (state.paged) {
    // Thousands of units: type a name instead of scrolling a list of every unit.
    sel.replaceWith(unitSearch(split.map(a => ({ id: a.unit, name: label(a) })), state.selected, choose, isKiosk()));
    if (state.selected) loadSelected();
    return;
  }
  for (const a of split) sel.appendChild(h('option', { value: a.unit }, label(a)));
  sel.value = state.selected;
  if (isKiosk()) sel.disabled = true;
  sel.addEventListener('change', () => choose(sel.value));
}

// ------------------------------------------------------------------------------------------- chart
let curveSeq = 0;
async function loadCurve() {
  const seq = ++curveSeq;
  const unit = state.selected;
  setText($('chart-title'), `${unit ? unitName(state.plan, unit) : '全市'} · 计划曲线与实际进度`);
  try {
    const q = unit ? `?unit=${encodeURIComponent(unit)}` : '';
    const t = await fetchJson(`/api/targets/${encodeURIComponent(targetId)}/trajectory${q}`);
    if (seq !== curveSeq) return;
    drawCurve(chart, state.def, state.plan.year, t);
  } catch (e) {
    if (seq !== curveSeq) return;
    chart.clear();
    chart.setOption({ title: { text: '曲线数据暂不可用', left: 'center', top: 'middle', textStyle: { color: '#94a3b8', fontSize: 16 } } });
  }
}

main();
