// The snapshot tables the target and unit pages share: columns, cells, worst-first order, debounce, the page header.
import { h, setText, planClock, connectionIndicator } from './common.js';
import { fmtValue, fmtTarget, fmtRate, fmtPp, fmtNum, fmtDate, gapShown, LIGHT_TEXT, LIGHT_ORDER } from './format.js';

/** 待核实 beside a figure that rests on a report far outside the unit's history, awaiting the city office. */
export function reviewTag(s) {
  return s?.pendingReview
    ? h('span', { class: 'tag review', title: '该数值较历史异常跳变，待市科技局核实；核实前不据此发起督办' }, '待核实')
    : null;
}

/** For a city roll-up: how many of its units' reports await confirmation (the city figure includes them). */
export function reviewCountTag(s) {
  return s?.pendingReviews > 0
    ? h('span', { class: 'tag review', title: '全市合计含尚待市科技局核实的异常跳变数值' }, `含待核实 ${s.pendingReviews} 条`)
    : null;
}

/**
 * The band 较序时 alone falls in under the target's thresholds (red, yellow, green) — what a reader of "−40.0" takes the
 * light for — or null without thresholds. The server's LightRules.Raw, to the same epsilon.
 */
export function bandOf(def, gap) {
  const t = def?.thresholds ?? {};
  if (typeof gap !== 'number' || typeof t.yellowPoints !== 'number') return null;
  if (typeof t.redPoints === 'number' && gap <= -t.redPoints + 1e-9) return 'red';
  if (gap <= -t.yellowPoints + 1e-9) return 'yellow';
  return 'green';
}

// Badges for the kinds of the server's 判灯依据 (the snapshot's explanationCode: LightBasis on the server); the
// sentence itself is the tooltip. Kinds without a badge here (gap, no-data, city-items, …) fall through to the rules below.
const EXPLANATION_BADGES = {
  'held': '灯色保持',
  'whole-items': '按整项判断',
  'item-count': '按整项计',
  'will-miss': '预计难完成',
  'catching-up': '近期追赶',
  'release-pending': '数据未发布',
  'not-reported': '缺报不判红',
  'city-items': '按应完成整项',
  'city-not-red': '无单位红灯',
};

// The wall card's one line for a light 较序时 alone would colour otherwise, by the kind of the server's 判灯依据; the
// server's sentence is its tooltip. A leader reads "−62.5" beside a green dot as a wrong light unless it says why.
const CARD_LINES = {
  'city-items': '按到期整项计：未到期的不算落后',
  'whole-items': '按到期整项计：未到期的不算落后',
  'item-count': '按整项计：在办的一项按半项算',
  'city-not-red': '没有单位亮红灯，全市不判红',
  'held': '灯色保持，防止反复跳动',
  'will-miss': '预计年底难完成',
  'catching-up': '近期追赶，按此进度可完成',
  'release-pending': '数据尚未发布，暂不判红',
  'not-reported': '缺报单列，不因缺报判红',
};

/** The colour a 较序时 figure is set in: the light's (red, yellow), green for ahead of plan, neutral for a green light
 * behind plan — never a red figure beside a green light. */
export function gapTone(light, gap) {
  if (light === 'red') return 'neg';
  if (light === 'yellow') return 'warn';
  return light === 'green' && gap > 0.05 ? 'pos' : '';
}

/** One short line saying why a city card's light is not the band its 较序时 falls in (the server's 判灯依据 kind), with
 * the server's sentence as its title: { text, title, code } or null where the two agree. */
export function cardReason(def, s) {
  if (!s || !(s.reportCount > 0) || s.light === 'grey' || def?.kind === 'rank' || def?.kind === 'milestone') return null;
  const band = bandOf(def, s.gapPoints);
  if (!band || band === s.light) return null;
  const badge = lightReason(def, s);
  const text = CARD_LINES[s.explanationCode] ?? badge?.text;
  if (!text) return null;
  return { text, title: s.explanation || badge?.title || text, code: s.explanationCode ?? '' };
}

/**
 * Why a light stands beside its gap, when the two could seem to disagree. Where the light differs from the band 较序时
 * alone falls in, the server's own sentence (the snapshot's explanation: judged in whole items, held, forecast, …) is
 * the reason, its badge chosen by the sentence's kind (explanationCode), never by its wording nor guessed from the
 * points; a generic sentence under a worse light is the hysteresis of a recovering light. Where they agree: a green
 * while behind shows how far the yellow line is. { text, title } or null.
 */
export function lightReason(def, s) {
  if (!s || s.light === 'grey' || !(s.reportCount > 0) || def?.kind === 'rank' || def?.kind === 'milestone') return null;
  const t = def?.thresholds ?? {};
  const y = t.yellowPoints, r = t.redPoints, hy = t.hysteresisPoints ?? 0;
  const g = s.gapPoints;
  const band = bandOf(def, g);
  if (!band) return null;
  if (band !== s.light) {
    const sentence = s.explanation ?? '';
    const label = sentence ? EXPLANATION_BADGES[s.explanationCode] : null;
    if (label) return { text: label, title: sentence };
    if (s.light === 'red' && s.willMiss) return { text: '预计难完成', title: sentence || '半年进度已过，按当前进度预计年底完不成，判为红灯' };
    const worse = (LIGHT_ORDER[s.light] ?? 9) < (LIGHT_ORDER[band] ?? 9);
    if (worse && s.light === 'yellow') {
      return { text: '回升中', title: `${sentence}较序时已回到黄灯线内，超过 ${fmtPp(-(y - hy))} 转绿灯（防止灯色反复跳动）` };
    }
    if (worse && s.light === 'red' && typeof r === 'number') {
      return { text: '回升中', title: `${sentence}较序时已回到红灯线内，超过 ${fmtPp(-(r - hy))} 转黄灯（防止灯色反复跳动）` };
    }
    return sentence ? { text: '判灯依据', title: sentence } : null;
  }
  if (s.light === 'green' && g < -0.05) {
    const shown = gapShown(def, s);
    if (shown.label === '较序时') return { text: `黄灯线 ${fmtPp(-y)}`, title: `较序时 ${fmtPp(g)}，未到黄灯线（落后 ${y} 个百分点转黄灯）` };
    // A ratio shown in its own points: the yellow line in the same points (10% of a 2% target: 0.2 个百分点).
    const line = `${fmtNum(s.annualTarget * y / 100, 2)} 个百分点`;
    return { text: `黄灯线 −${line}`, title: `${shown.label} ${shown.number} 个百分点，未到黄灯线（低于目标 ${line}，即完成率落后 ${y}% 转黄灯）` };
  }
  return null;
}

export const SNAPSHOT_HEADERS = ['年度目标', '累计完成', '完成率', '序时进度', '较序时', '灯色', '未报送', '报送截至'];

/** Cells (after the first) for one TargetSnapshot, the same on the target and the unit page. */
export function snapshotCells(def, s) {
  const hasData = s.reportCount > 0;
  const isRank = def?.kind === 'rank';
  const gapClass = !hasData || isRank ? '' : gapTone(s.light, s.gapPoints);
  const shown = gapShown(def, s);
  return [
    h('td', { class: 'target-value' }, fmtTarget(def, s.annualTarget, s.stretch)),
    h('td', { class: 'actual' }, hasData ? fmtValue(def, s.actual) : '—', hasData ? reviewTag(s) : null),
    h('td', { class: 'rate' }, hasData && !isRank ? fmtRate(s.completionRate) : '—'),
    h('td', { class: 'schedule', title: s.scheduleDate && !isRank ? `序时进度（截至${fmtDate(s.scheduleDate)}）` : '' }, isRank ? '—' : fmtRate(s.scheduleRate)),
    // Grey (nothing to judge) shows no gap number. A ratio in % is read against its target in its own points
    // (gapShown), and its label says so.
    h('td', { class: `gap ${gapClass}`, title: hasData ? shown.title : null },
      hasData && !isRank && s.light !== 'grey' ? `${shown.label === '较序时' ? '' : `${shown.label} `}${shown.number} 个百分点` : '—'),
    h('td', {}, h('span', { class: 'td-light', dataset: { light: s.light } }, h('i', { class: 'dot' }), LIGHT_TEXT[s.light] ?? s.light,
      reasonTag(def, s) ?? (s.willMiss ? h('span', { class: 'tag miss', title: '按当前进度预计年底完不成' }, '预计难完成') : null),
      dueSoonTag(s))),
    h('td', { class: 'not-reported' }, s.notReported
      ? h('span', { class: 'tag nr', title: s.daysOverdue ? `已超期 ${s.daysOverdue} 天` : '' }, s.daysOverdue ? `未报送 ${s.daysOverdue}天` : '未报送')
      : ''),
    h('td', { class: 'as-of' }, s.reportedAsOf ? fmtDate(s.reportedAsOf) : '—'),
  ];
}

/** 临期 (the server's dueSoon): the next item or milestone node not done falls due within 30 days (a node within 14).
 * "临期 11 天", "今天到期"; the sentence as its title. A reminder: the light beside it does not change for it. */
export function dueSoonTag(s) {
  const d = s?.dueSoon;
  if (!d) return null;
  return h('span', { class: 'tag due-soon', title: d.text, dataset: { dueSoon: d.due } }, d.daysLeft === 0 ? '今天到期' : `临期 ${d.daysLeft} 天`);
}

/** A city's 临期 units ("2 个单位临期": its units whose next item is due within 30 days and not done), on the wall's card
 * and the target page; null with none. */
export function dueSoonUnitsTag(s) {
  if (!(s?.unitsDueSoon > 0)) return null;
  return h('span', { class: 'tag due-soon', title: '下一项期限在30天内、尚未完成的单位数（提醒，不影响灯色）', dataset: { dueSoonUnits: s.unitsDueSoon } },
    `${s.unitsDueSoon} 个单位临期`);
}

function reasonTag(def, s) {
  const r = lightReason(def, s);
  if (!r) return null;
  return h('span', { class: `tag ${r.text === '预计难完成' ? 'miss' : 'why'}`, title: r.title, dataset: { reason: r.text } }, r.text);
}

/** Sort key: worst first (red, yellow, green, grey), then furthest behind. */
export function worstFirst(a, b) {
  const la = LIGHT_ORDER[a.light] ?? 9, lb = LIGHT_ORDER[b.light] ?? 9;
  if (la !== lb) return la - lb;
  if (a.notReported !== b.notReported) return a.notReported ? -1 : 1;
  return (a.gapPoints ?? 0) - (b.gapPoints ?? 0);
}

/** Runs `fn` at most once per `ms`, trailing. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

/**
 * A drill-down page for an id the plan does not have (`kind`: 目标 or 单位): says so in the title and the page, with the
 * way back, and stops there. No live view is asked for, so the header shows no connection and nothing stays 正在载入.
 */
export function showMissing(kind, id, title) {
  planClock.start(document.getElementById('clock'));
  for (const hide of ['conn', 'stale', 'data-as-of']) {
    const el = document.getElementById(hide);
    if (el) el.hidden = true;
  }
  document.title = `${kind}不存在 · KejiLive`;
  setText(title, `${kind}不存在`);
  document.querySelector('main').replaceChildren(h('section', { id: 'missing', class: 'box missing', role: 'alert' },
    h('h2', {}, `没有找到这个${kind}`),
    h('p', {}, `计划中没有编号为“${id}”的${kind}：可能是链接有误，或该${kind}已不在计划中。`),
    h('p', { class: 'missing-links' }, h('a', { href: '/' }, '返回首页'), h('a', { href: '/wall' }, '打开大屏'))));
}

/** The header every drill-down page shares. */
export function wirePageHeader() {
  const clock = document.getElementById('clock');
  planClock.start(clock);
  return connectionIndicator(document.getElementById('conn'), document.getElementById('stale'));
}
