// The wall (大屏): headline cards for the main targets, the units by worst light, the 赛马 ranking and the 督办
// ticker, live over /hubs/live (WatchWall). With few units (allUnits) every unit has a tile; a large plan's snapshot
// carries the leaders and the laggards with counts, and the wall shows those.
import {
  h, setText, fmtRate, fmtPp, fmtNum, gapShown, scheduleAsOf, fmtValue, fmtTarget, LIGHT_TEXT, loadPlan, unitName, fetchJson, clearLoadError, LiveWatch, mergeByKey, connectionIndicator, renderDataAsOf, renderSample, renderAlerts, mergeAlerts, planClock, applyKiosk, startRotation, linkOrBox, isKiosk,
} from './common.js';
import { renderAlertSummary, newerTally, boundAlerts, tallyOf, WALL_ALERTS } from './wall-ticker.js';
import { unitTileReason } from './wall-units.js';
import { wallPlaylist } from './milestone-rows.js';
import { gapTone, cardReason, dueSoonTag, dueSoonUnitsTag } from './tables.js';

applyKiosk();

const state = {
  plan: null,
  cities: new Map(),   // target id → city TargetSnapshot
  units: new Map(),    // unit id → UnitCard
  ranking: [],
  rankingRule: '',
  allUnits: true,      // false: units and ranking hold the leaders and laggards only
  counts: null,        // WallCounts: units by worst light, 未报送 (large plans)
  alertTally: null,    // the ticker's figures over every live 督办 (the server's; a unit user's follow its list)
  alerts: [],          // the live 督办 the ticker lists (a large plan's newest WALL_ALERTS)
  dataAsOf: null,
  haveSnapshot: false,
};

const $ = id => document.getElementById(id);
const kioskQuery = isKiosk() ? location.search : '';

async function main() {
  planClock.start($('clock'));
  const setState = connectionIndicator($('conn'), $('stale'));
  const plan = state.plan = await loadPlan();
  clearLoadError();
  setText($('plan-title'), plan.title ?? '全市科技工作要点');
  document.title = `${plan.title ?? ''} · 实时监测大屏`;
  renderSample($('sample-badge'), plan.sampleSplit, plan.sampleNotice);
  buildUnits();
  render();

  const live = new LiveWatch({
    watch: 'WatchWall',
    onSnapshot: view => {
      state.haveSnapshot = true;
      state.cities = new Map((view.cities ?? []).map(c => [c.target, c]));
      state.units = new Map((view.units ?? []).map(u => [u.unit, u]));
      state.ranking = view.ranking ?? [];
      state.rankingRule = view.rankingRule ?? state.rankingRule;
      state.allUnits = view.allUnits !== false;
      state.counts = view.counts ?? null;
      state.alerts = view.alerts ?? [];
      state.alertTally = view.alertTally ?? tallyOf(state.alerts, null);
      state.dataAsOf = view.dataAsOf ?? null;
      planClock.fromView(view);
      renderSample($('sample-badge'), view.sampleSplit, view.sampleNotice);
      render();
    },
    onChanges: update => {
      mergeByKey(state.cities, update.cities, c => c.target);
      mergeByKey(state.units, update.units, u => u.unit);
      if (update.ranking) state.ranking = update.ranking;
      if (update.counts) state.counts = update.counts;
      // The figures come from the server (every live 督办, not just those listed); the list stays bounded.
      state.alertTally = newerTally(state.alertTally, update.alertTally);
      if (update.alerts?.length) {
        const scoped = state.alertTally?.unit !== null && state.alertTally?.unit !== undefined;
        state.alerts = boundAlerts(mergeAlerts(state.alerts, update.alerts), state.allUnits || scoped ? null : WALL_ALERTS);
        if (scoped) state.alertTally = tallyOf(state.alerts, state.alertTally.unit);
      }
      if (update.dataAsOf && (!state.dataAsOf || Date.parse(update.dataAsOf) > Date.parse(state.dataAsOf))) state.dataAsOf = update.dataAsOf;
      render(update);
    },
    onState: setState,
  });
  live.start();

  // Without the hub (yet), show the last known numbers from the REST API — dimmed, since they are not live.
  setTimeout(() => { if (!state.haveSnapshot) loadFromRest().catch(e => console.warn('REST fallback failed', e)); }, 2500);

  startRotation(() => wallPlaylist(state.plan, state.cities));
}

async function loadFromRest() {
  const plan = state.plan;
  const [cities, cards, ranking] = await Promise.all([
    Promise.all(mainTargets().map(t => fetchJson(`/api/targets/${encodeURIComponent(t.id)}`).then(r => r.city).catch(() => null))),
    Promise.all(plan.units.filter(u => u.kind !== 'city').map(u => fetchJson(`/api/units/${encodeURIComponent(u.id)}`).catch(() => null))),
    fetchJson('/api/ranking').catch(() => null),
  ]);
  if (state.haveSnapshot) return;
  for (const c of cities) if (c) state.cities.set(c.target, c);
  for (const s of cards) {
    if (!s) continue;
    const judged = (s.targets ?? []).map(t => t.judgedAt).sort().pop() ?? null;
    state.units.set(s.unit, { unit: s.unit, worstLight: s.worstLight, notReportedTargets: s.notReportedTargets, score: s.score, rank: s.rank, judgedAt: judged });
  }
  if (ranking) { state.ranking = ranking.units ?? []; state.rankingRule = ranking.rule ?? ''; }
  const arrivals = cities.filter(Boolean).map(c => c.lastReceivedAt).filter(Boolean).sort();
  state.dataAsOf = arrivals.pop() ?? state.dataAsOf;
  render();
}

function mainTargets() {
  return state.plan.targets.filter(t => t.group === 'main');
}

// ------------------------------------------------------------------------------------------- rendering
function render(update) {
  renderCards(update);
  renderUnits();
  renderRanking();
  renderDataAsOf($('data-as-of'), state.dataAsOf);
  renderAlertSummary($('alert-summary'), state.plan, state.alertTally, state.alerts.length);
  renderAlerts($('alerts'), state.plan, state.alerts);
  const items = $('alerts');
  const scrolling = items.dataset.count !== '0';
  items.classList.toggle('scrolling', scrolling);
  if (scrolling) items.style.setProperty('--ticker-duration', `${Math.max(20, Number(items.dataset.count) * 8)}s`);
}

function renderCards(update) {
  const box = $('cards');
  const changed = new Set((update?.cities ?? []).map(c => c.target));
  const cards = mainTargets().map(def => card(def, state.cities.get(def.id), changed.has(def.id)));
  box.replaceChildren(...cards);
}

function card(def, s, changed) {
  const light = s?.light ?? 'grey';
  const href = `/targets/${encodeURIComponent(def.id)}`;
  // Only reported figures are shown as figures: a target nobody reported reads 尚无报送 beside its light, never 0.0%.
  const hasData = s && s.reportCount > 0;
  const isRank = def.kind === 'rank';
  const rate = !hasData ? '—' : isRank ? fmtValue(def, s.actual) : fmtRate(s.completionRate);
  // A grey light has nothing to judge: no gap number beside it.
  const gap = hasData && !isRank && light !== 'grey' ? s.gapPoints : null;
  const shown = gapShown(def, s);
  const redUnits = s?.unitsRed ?? null;
  // Why the light is not the colour 较序时 alone would give (judged in whole items, no unit red, held …): one line.
  const why = gap === null ? null : cardReason(def, s);
  const fillPct = hasData && !isRank ? Math.max(0, Math.min(1, s.completionRate)) * 100 : 0;
  const markPct = s && !isRank ? Math.max(0, Math.min(1, s.scheduleRate)) * 100 : null;

  let forecast = '';
  if (s?.forecast && hasData) {
    const f = s.forecast;
    forecast = `${s.willMiss ? '⚠ ' : ''}年末预计 ${fmtValue(def, f.value, false)}（${fmtValue(def, f.low, false)}–${fmtValue(def, f.high, false)}）`;
  }
  const el = linkOrBox('div', isKiosk() ? null : href + kioskQuery, {
    class: `card live${changed ? ' flash' : ''}`,
    dataset: { target: def.id, light },
    title: `${def.name}：全市${LIGHT_TEXT[light] ?? ''}（按全市序时进度）${redUnits ? `，${redUnits} 个单位红灯` : ''}`,
  },
  // A long name (规模以上工业企业研发支出占营业收入比重稳中有增) is set smaller so it stays whole in two lines at 1366×768.
  h('div', { class: `card-name${def.name.length > 18 ? ' long' : ''}` }, h('i', { class: 'dot', dataset: { light } }), h('span', { class: 'name' }, def.name)),
  h('div', { class: 'card-figures' },
    h('span', { class: `rate${hasData ? '' : ' nodata'}` }, rate),
    // The gap takes the light's colour: a green light behind plan shows its gap neutral, with the reason below.
    gap === null ? h('span', { class: 'gap' }) : h('span', { class: `gap ${gapTone(light, gap)}`, title: shown.title },
      h('small', {}, shown.label), shown.number, h('small', { class: 'pp' }, '个百分点'))),
  why ? h('div', { class: `card-why ${light}`, title: why.title, dataset: { reason: why.code } }, why.text) : null,
  isRank ? null : h('div', { class: 'bar-row' },
    h('div', { class: 'bar', title: `完成率 ${fmtRate(s?.completionRate)}，序时进度 ${fmtRate(s?.scheduleRate)}${s?.scheduleDate ? `（${scheduleAsOf(s)}）` : ''}` },
      h('div', { class: 'fill', style: { width: `${fillPct}%` } }),
      markPct === null ? null : h('div', { class: 'marker', style: { left: `${markPct}%` } })),
    // A ratio's 序时 is its target all year: say the target, not "序时100.0%".
    h('span', { class: 'schedule' }, !s ? '' : def.kind === 'ratio' ? `目标${fmtValue(def, s.annualTarget)}` : `序时${fmtRate(s.scheduleRate)}`)),
  h('div', { class: 'actual' },
    isRank ? `目标 ${fmtTarget(def, s?.annualTarget ?? def.cityTarget)}` : [
      h('span', { class: 'figure' }, h('b', {}, hasData ? fmtValue(def, s.actual, false) : '—'), ' / ', fmtTarget(def, s?.annualTarget ?? def.cityTarget, s?.stretch ?? def.stretch)),
      // Both tags stay whole: when they do not fit beside the figure they wrap to their own line.
      // The city figure includes units' reports still awaiting the city office's confirmation.
      s?.pendingReviews > 0 ? h('span', { class: 'review', title: '含尚待核实的异常跳变数值' }, `待核实 ${s.pendingReviews}`) : null,
      redUnits > 0 ? h('span', { class: 'red-units', dataset: { redUnits }, title: '全市灯色按全市序时进度评定；此为本目标红灯的单位数' }, `${redUnits} 个单位红灯`) : null,
      // 临期 beside the figure: the units 临期, or for a target with one owner (milestones) its own next node.
      dueSoonUnitsTag(s) ?? dueSoonTag(s)]),
  h('div', { class: `forecast${s?.willMiss ? ' miss' : ''}`, title: forecast || null }, forecast || (hasData ? '' : '尚无报送')));
  return el;
}

function buildUnits() {
  // Plan order: the 18 county-level divisions, then the two zones. Overlays (赣州高新区) hang on their host unit.
  const box = $('units');
  box.replaceChildren();
}

function renderUnitCounts() {
  const box = $('unit-counts');
  const c = state.counts;
  box.hidden = state.allUnits || !c;
  if (box.hidden) return;
  const item = (light, text, n) => h('span', {}, h('i', { class: 'dot', dataset: { light } }), `${text} ${fmtNum(n, 0)}`);
  box.replaceChildren(
    h('span', {}, `共 ${fmtNum(c.units, 0)} 个单位（下列为排名前${LEADERS}与后${LAGGARDS}）`),
    item('green', '绿灯', c.green), item('yellow', '黄灯', c.yellow), item('red', '红灯', c.red), item('grey', '暂无评价', c.grey),
    h('span', { class: 'not-reported-count' }, `有未报送 ${fmtNum(c.notReportedUnits, 0)}`));
}

const LEADERS = 10;
const LAGGARDS = 10;

/** The units that get a tile: every county and zone of a small plan; the leaders and laggards of a large one. */
function tileUnits() {
  const plan = state.plan;
  if (state.allUnits) return plan.units.filter(u => u.kind === 'county' || u.kind === 'zone');
  return state.ranking.map(r => plan.unitById.get(r.unit)).filter(Boolean);
}

function renderUnits() {
  const plan = state.plan;
  renderUnitCounts();
  // The rank and score come from the 赛马 ranking (the one source of places); a unit's own live card carries neither.
  const places = new Map(state.ranking.map(r => [r.unit, r]));
  const cells = tileUnits().map(u => {
    const c = state.units.get(u.id);
    const light = c?.worstLight ?? 'grey';
    const place = places.get(u.id);
    const rank = place?.rank ?? null;
    const score = place ? place.score : c?.score;
    const overlays = plan.units.filter(o => o.kind === 'overlay' && o.overlayOf === u.id);
    const reason = unitTileReason(c, light);
    const cell = linkOrBox('div', `/units/${encodeURIComponent(u.id)}`, {
      class: 'unit live', dataset: { unit: u.id, light, rank: rank ?? '' }, title: `${u.name}：${reason.title}`,
    },
    h('span', { class: 'uname' }, u.name),
    // The place and the score stay whole each; a narrow tile (并列第2,841名) wraps between them.
    h('span', { class: 'uscore' }, light === 'grey' && !rank ? '暂无评价' : rank ? [h('span', { class: 'ureason-part' }, rankText(rank)), ' · ', h('span', { class: 'ureason-part' }, `${fmtNum(score, 1)}分`)] : score !== null && score !== undefined ? `${fmtNum(score, 1)}分` : '—'),
    // Each part stays whole; a narrow tile wraps between them (a tall row), never past its edge.
    reason.text ? h('span', { class: `ureason ${light}` }, ...reason.parts.flatMap((p, i) => [i ? ' · ' : null, h('span', { class: 'ureason-part' }, p)])) : null,
    c?.notReportedTargets > 0 ? h('span', { class: 'not-reported', dataset: { count: c.notReportedTargets } }, `未报送 ${c.notReportedTargets}`) : null);
    if (!overlays.length) return h('div', { class: 'unit-wrap' }, cell);
    // The overlay's tag sits in a strip that continues the host's tile below its figures (one tile, two links), its
    // parts whole and wrapping inside the tile's width: never across the border or onto the row below.
    const strip = h('div', { class: 'overlay-strip', dataset: { light } });
    for (const o of overlays) {
      const oc = state.units.get(o.id);
      const ol = oc?.worstLight ?? 'grey';
      strip.appendChild(linkOrBox('span', `/units/${encodeURIComponent(o.id)}`, {
        class: 'overlay-tag live', dataset: { overlay: o.id, light: ol }, title: `${o.name}：数据含于${u.name}，单列展示、不重复计入`,
      }, h('span', { class: 'ureason-part' }, h('i', { class: 'dot', dataset: { light: ol } }), ` 含${o.name}`),
      oc?.notReportedTargets > 0 ? h('span', { class: 'ureason-part ov-nr' }, `未报送 ${oc.notReportedTargets}`) : null));
    }
    return h('div', { class: 'unit-wrap has-overlay' }, cell, strip);
  });
  $('units').replaceChildren(...cells);
}

function renderRanking() {
  const plan = state.plan;
  const ranked = [...state.ranking].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
  const max = Math.max(100, ...ranked.map(r => r.score ?? 0));
  const items = ranked.slice(0, LEADERS + LAGGARDS).map(r => h('li', { class: `live${r.rank ? '' : ' unranked'}`, dataset: { rankUnit: r.unit, rank: r.rank ?? '' } },
    h('span', { class: 'rk' }, r.rank ?? '—'),
    h('span', { class: 'rn' }, unitName(plan, r.unit)),
    h('span', { class: 'rbar' }, h('i', { style: { width: `${Math.max(0, Math.min(1, (r.score ?? 0) / max)) * 100}%` } })),
    h('span', { class: 'rs' }, r.score === null || r.score === undefined ? '—' : fmtNum(r.score, 1, true))));
  $('ranking').replaceChildren(...items);
  const scope = state.allUnits || !state.counts ? '' : `前${LEADERS}名与后${LAGGARDS}名（共${fmtNum(state.counts.rankedUnits, 0)}个单位参与排名）。`;
  setText($('ranking-rule'), state.rankingRule ? `${scope}排名规则：${state.rankingRule}` : scope);
}

main();

/** "第7名", or "并列第7名" when another unit shares the place. */
function rankText(rank) {
  const shared = state.ranking.filter(r => r.rank === rank).length > 1;
  return `${shared ? '并列' : ''}第${rank}名`;
}
