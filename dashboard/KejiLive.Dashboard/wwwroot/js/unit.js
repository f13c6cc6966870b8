// A unit's drill-down: its scorecard across all its targets, 赛马 score and rank, open 督办, and every report it sent
// (newest first; notes are the unit's own text, inserted as text only). Live over /hubs/live (WatchUnit).
import {
  h, setText, fmtNum, fmtValue, fmtDate, fmtDateTime, LIGHT_TEXT, loadPlan, unitName, fetchJson, clearLoadError, LiveWatch, mergeByKey, renderDataAsOf, renderSample, renderAlerts, mergeAlerts, applyKiosk, startRotation, linkOrBox, pathId, planClock,
} from './common.js';
import { snapshotCells, worstFirst, debounce, wirePageHeader, showMissing } from './tables.js';

applyKiosk();

const unitId = pathId();
const $ = id => document.getElementById(id);
const state = {
  plan: null, unit: null,
  card: null,                 // { score, rank, rankedUnits, worstLight, notReportedTargets }
  targets: new Map(),         // target id → TargetSnapshot
  alerts: [], dataAsOf: null, haveSnapshot: false,
};

async function main() {
  const plan = state.plan = await loadPlan();
  const unit = state.unit = plan.unitById.get(unitId);
  clearLoadError();
  if (!unit) { showMissing('单位', unitId, $('unit-name')); return; }
  const setState = wirePageHeader();
  document.title = `${unit.name} · 单位记分卡 · KejiLive`;
  setText($('unit-name'), unit.name);
  const host = unit.kind === 'overlay' ? unitName(plan, unit.overlayOf) : null;
  setText($('unit-meta'), [unit.office, host ? `数据含于${host}，单列展示、不重复计入全市` : null].filter(Boolean).join(' · '));
  renderSample($('sample-badge'), plan.sampleSplit, plan.sampleNotice);
  if (plan.sampleSplit && plan.sampleNotice) { $('sample-line').hidden = false; setText($('sample-line'), plan.sampleNotice); }

  const live = new LiveWatch({
    watch: 'WatchUnit', args: [unitId],
    onSnapshot: view => {
      state.haveSnapshot = true;
      planClock.fromView(view);
      applyScorecard(view.scorecard);
      state.alerts = view.alerts ?? [];
      state.dataAsOf = view.dataAsOf ?? state.dataAsOf;
      renderSample($('sample-badge'), view.sampleSplit, view.sampleNotice);
      render();
      loadHistory();
    },
    onChanges: update => {
      mergeByKey(state.targets, (update.targets ?? []).filter(t => t.unit === unitId), t => t.target);
      for (const c of update.units ?? []) {
        if (c.unit !== unitId) continue;
        if (state.card?.judgedAt && c.judgedAt && Date.parse(c.judgedAt) < Date.parse(state.card.judgedAt)) continue;
        // A unit's own card carries no place (rank is null there): the place comes from the ranking only.
        const { rank, rankedUnits, ...rest } = c;
        state.card = { ...state.card, ...rest };
      }
      const mine = (update.ranking ?? []).find(r => r.unit === unitId);
      if (mine) state.card = { ...state.card, score: mine.score, rank: mine.rank };
      if (update.alerts?.length) state.alerts = mergeAlerts(state.alerts, update.alerts);
      if (update.dataAsOf && (!state.dataAsOf || Date.parse(update.dataAsOf) > Date.parse(state.dataAsOf))) state.dataAsOf = update.dataAsOf;
      render();
      if ((update.targets ?? []).some(t => t.unit === unitId)) historyLater();
    },
    onState: setState,
  });
  live.start();
  setTimeout(async () => {
    if (state.haveSnapshot) return;
    try {
      const card = await fetchJson(`/api/units/${encodeURIComponent(unitId)}`);
      if (state.haveSnapshot) return;
      applyScorecard(card);
      state.dataAsOf = [...state.targets.values()].map(t => t.lastReceivedAt).filter(Boolean).sort().pop() ?? null;
      render();
      loadHistory();
    } catch (e) { console.warn('REST fallback failed', e); }
  }, 2500);
  startRotation(null);
}

function applyScorecard(s) {
  if (!s) return;
  const { targets, ...card } = s;
  state.card = { ...card, judgedAt: (targets ?? []).map(t => t.judgedAt).sort().pop() ?? null };
  state.targets = new Map((targets ?? []).map(t => [t.target, t]));
}

function render() {
  renderSummary();
  renderScorecard();
  renderDataAsOf($('data-as-of'), state.dataAsOf);
  renderAlerts($('alerts'), state.plan, state.alerts.filter(a => a.unit === unitId), { withUnit: false, withAnswer: true });
}

function renderSummary() {
  const c = state.card;
  const box = $('summary');
  if (!c) { box.replaceChildren(h('div', { class: 'empty' }, '正在载入…')); return; }
  const snaps = [...state.targets.values()];
  const count = l => snaps.filter(s => s.light === l).length;
  box.dataset.light = c.worstLight ?? 'grey';
  box.dataset.unit = unitId;
  const kpi = (k, v, cls = '') => h('div', { class: 'kpi' }, h('span', { class: 'k' }, k), h('span', { class: `v ${cls}` }, v));
  // Only counties and zones run in the 赛马 (市本级 and 高新区 do not): no score beside a place that never comes.
  const ranked = state.unit.isRanked === true;
  box.replaceChildren(
    kpi('赛马得分', !ranked || c.score === null || c.score === undefined ? '—' : fmtNum(c.score, 1, true), 'score'),
    kpi('排名', c.rank ? `第${c.rank}名 / ${c.rankedUnits}` : ranked ? '暂无排名' : '不参与赛马', 'small rank'),
    kpi('最差灯色', h('span', { class: 'light-chip', dataset: { light: c.worstLight } }, h('i', { class: 'dot' }), LIGHT_TEXT[c.worstLight] ?? c.worstLight), 'small'),
    kpi('红 / 黄 / 绿 / 暂无评价', `${count('red')} / ${count('yellow')} / ${count('green')} / ${count('grey')}`, 'small'),
    kpi('未报送目标', `${c.notReportedTargets ?? 0} 项`, `small${c.notReportedTargets > 0 ? ' neg' : ''}`),
    kpi('承担目标', `${snaps.length} 项`, 'small'),
  );
}

function renderScorecard() {
  const plan = state.plan;
  const rows = [...state.targets.values()].sort(worstFirst).map(s => {
    const def = plan.targetById.get(s.target);
    return h('tr', { dataset: { target: s.target, light: s.light } },
      h('td', {}, linkOrBox('span', `/targets/${encodeURIComponent(s.target)}?unit=${encodeURIComponent(unitId)}`, {}, def?.name ?? s.target)),
      ...snapshotCells(def, s));
  });
  $('scorecard').tBodies[0].replaceChildren(...(rows.length ? rows : [h('tr', {}, h('td', { colspan: 9, class: 'empty l' }, '该单位不承担分解目标'))]));
}

// History: one GET per target this unit holds, merged newest first.
let historySeq = 0;
async function loadHistory() {
  const seq = ++historySeq;
  const plan = state.plan;
  const lists = await Promise.all([...state.targets.keys()].map(t =>
    fetchJson(`/api/targets/${encodeURIComponent(t)}/${encodeURIComponent(unitId)}`)
      .then(d => (d.history ?? []).map(r => ({ ...r, target: t })))
      .catch(() => null)));
  if (seq !== historySeq) return;
  const failed = lists.filter(l => l === null).length;
  const rows = lists.filter(Boolean).flat().sort((a, b) =>
    (b.asOf ?? '').localeCompare(a.asOf ?? '') || Date.parse(b.receivedAt) - Date.parse(a.receivedAt));
  const body = rows.map(r => {
    const def = plan.targetById.get(r.target);
    return h('tr', { dataset: { reportId: r.reportId, target: r.target } },
      h('td', {}, fmtDate(r.asOf)),
      h('td', { class: 'l' }, def?.name ?? r.target),
      h('td', { class: 'value' }, fmtValue(def, r.value), r.quality
        ? h('span', { class: `tag ${r.pendingReview ? 'review' : 'reviewed'}`, title: r.qualityReason ?? '' }, r.quality)
        : null),
      h('td', { class: 'l' }, r.correction ? h('span', { class: 'tag corr' }, '更正') : '报送'),
      h('td', { class: 'note' }, r.note ?? ''),
      h('td', { class: 'l', title: r.source ? `来源 ${r.source}` : '' }, r.submittedBy === 'anonymous' ? '匿名' : (r.submittedBy ?? '—')),
      h('td', {}, fmtDateTime(r.receivedAt)));
  });
  if (body.length === 0) body.push(h('tr', {}, h('td', { colspan: 7, class: 'empty l' }, failed ? '报送记录暂不可用' : '尚无报送记录')));
  else if (failed) body.push(h('tr', {}, h('td', { colspan: 7, class: 'muted l' }, `另有 ${failed} 项目标的记录暂不可用`)));
  $('history').tBodies[0].replaceChildren(...body);
}
const historyLater = debounce(loadHistory, 800);

main();
