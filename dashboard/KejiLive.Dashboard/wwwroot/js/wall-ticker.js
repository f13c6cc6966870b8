// The wall's 督办 summary, shown before the scrolling items: how many are open by state, the units with the most, and
// the oldest unanswered one, aged in plan days (the server's plan clock, never the browser's).
import { h, fill, unitName, liveAlerts, planClock, planDaysSince, fmtNum } from './common.js';

const TOP_UNITS = 3;

const isLive = a => a.state === 'open' || a.state === 'acknowledged';

/** How the count of live 督办 changes when `incoming` replace what the wall holds (`known`): exact for the alerts it
 * holds (a closed one reopened is not held: its latest change, from closed, says it was not live); for a large plan's
 * wall, which holds only the newest, an alert it does not hold was live before unless its latest change opened it or
 * brought it back from resolved or closed. */
export function liveDelta(known, incoming) {
  const byId = new Map((known ?? []).map(a => [a.id, a]));
  let delta = 0;
  for (const a of incoming ?? []) {
    const held = byId.get(a.id);
    if (held && (a.history?.length ?? 0) < (held.history?.length ?? 0)) continue;
    const last = a.history?.[a.history.length - 1];
    const was = held ? isLive(held) : !!last && last.transition !== 'opened' && (last.from === 'open' || last.from === 'acknowledged');
    delta += (isLive(a) ? 1 : 0) - (was ? 1 : 0);
  }
  return delta;
}

/** Fills `box` (hidden when nothing is open). `total` is the snapshot's count of open 督办 (the wall may hold only the
 * newest of a large plan's). */
export function renderAlertSummary(box, plan, alerts, total) {
  if (!box) return;
  const live = liveAlerts(alerts);
  box.hidden = live.length === 0;
  if (box.hidden) { box.replaceChildren(); return; }
  const open = live.filter(a => a.state === 'open');
  const answered = live.length - open.length;
  const byUnit = new Map();
  for (const a of live) byUnit.set(a.unit, (byUnit.get(a.unit) ?? 0) + 1);
  const top = [...byUnit.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_UNITS);
  const oldest = open.reduce((o, a) => (!o || a.openedAt < o.openedAt ? a : o), null);
  const all = Math.max(total ?? 0, live.length);
  const days = oldest ? planDaysSince(oldest.openedAt, planClock) : null;

  box.dataset.open = String(open.length);
  box.dataset.answered = String(answered);
  box.dataset.total = String(all);
  fill(box,
    h('span', { class: 'sum-count' }, `未办结 ${fmtNum(all, 0)} 项`,
      all > live.length ? h('small', {}, `（下列最新 ${fmtNum(live.length, 0)} 项）`) : null),
    h('span', { class: 'sum-state' }, `待答复 ${fmtNum(open.length, 0)} · 已答复 ${fmtNum(answered, 0)}`),
    h('span', { class: 'sum-units', title: '未办结督办最多的单位' }, '最多：', top.map(([u, n], i) => [i ? '、' : '', h('b', {}, unitName(plan, u)), ` ${n}`])),
    oldest ? h('span', { class: 'sum-oldest', dataset: { alertId: oldest.id, ageDays: days ?? '' } },
      '最久待答复：', h('b', {}, unitName(plan, oldest.unit)),
      ` ${oldest.target ? (plan.targetById.get(oldest.target)?.name ?? oldest.target) : '各项目标'}`,
      days === null ? '' : ` ${days} 天`) : null);
}
