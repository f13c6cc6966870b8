// The wall's 督办 summary, shown before the scrolling items: how many are open by state, the units with the most, and
// the one waiting longest for an answer (since its open or its latest reopen), aged in plan days (the server's plan clock, never the browser's). The figures are the
// server's tally over every live 督办 (the snapshot's, then the hub's newer ones), whatever the ticker lists: a large
// plan's wall lists only the newest. A unit user's wall lists all of its unit's, and its figures follow that list.
import { h, fill, unitName, planClock, planDaysSince, awaitingSince, fmtNum, fmtWaitDays } from './common.js';

/** How many 督办 a large plan's wall lists (the server's WallLimits.Alerts). */
export const WALL_ALERTS = 100;

const isLive = a => a.state === 'open' || a.state === 'acknowledged';

/** Of two tallies the one with the larger version (a tally the hub sends late never replaces a newer one). */
export function newerTally(held, incoming) {
  if (!incoming) return held ?? null;
  if (!held) return incoming;
  return (incoming.version ?? 0) >= (held.version ?? 0) ? incoming : held;
}

/** The live 督办 of `alerts`, newest change first, at most `limit` (all for null): what the ticker keeps after a change
 * (a closed one leaves; the list never grows past what the snapshot carried). */
export function boundAlerts(alerts, limit) {
  const live = (alerts ?? []).filter(isLive)
    .sort((a, b) => (b.changedAt ?? '').localeCompare(a.changedAt ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return limit === null || limit === undefined ? live : live.slice(0, limit);
}

/** The tally of a list that holds every live 督办 of its scope (a unit user's wall), in the server's shape. */
export function tallyOf(alerts, unit) {
  const live = (alerts ?? []).filter(isLive);
  const open = live.filter(a => a.state === 'open');
  const byUnit = new Map();
  for (const a of live) byUnit.set(a.unit, (byUnit.get(a.unit) ?? 0) + 1);
  const top = [...byUnit.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
  const oldest = open.reduce((o, a) => {
    if (!o) return a;
    const wa = Date.parse(awaitingSince(a)), wo = Date.parse(awaitingSince(o));
    return wa < wo || (wa === wo && a.id < o.id) ? a : o;
  }, null);
  return {
    unit: unit ?? null, open: open.length, acknowledged: live.length - open.length,
    topUnits: top.map(([u, count]) => ({ unit: u, count })),
    oldestOpen: oldest ? { id: oldest.id, unit: oldest.unit, target: oldest.target ?? null, openedAt: oldest.openedAt, awaitingSince: awaitingSince(oldest) } : null,
  };
}

/** Fills `box` from `tally` (hidden when nothing is open); `listed` is how many live 督办 the ticker lists. */
export function renderAlertSummary(box, plan, tally, listed) {
  if (!box) return;
  const t = tally ?? tallyOf([], null);
  const all = (t.open ?? 0) + (t.acknowledged ?? 0);
  box.hidden = all === 0;
  if (box.hidden) { box.replaceChildren(); return; }
  const oldest = t.oldestOpen;
  const days = oldest ? planDaysSince(awaitingSince(oldest), planClock) : null;

  box.dataset.open = String(t.open);
  box.dataset.answered = String(t.acknowledged);
  box.dataset.total = String(all);
  fill(box,
    h('span', { class: 'sum-count' }, `未办结 ${fmtNum(all, 0)} 项`,
      all > listed ? h('small', {}, `（下列最新 ${fmtNum(listed, 0)} 项）`) : null),
    h('span', { class: 'sum-state' }, `待答复 ${fmtNum(t.open, 0)} · 已答复 ${fmtNum(t.acknowledged, 0)}`),
    h('span', { class: 'sum-units', title: '未办结督办最多的单位' }, '最多：',
      (t.topUnits ?? []).map((u, i) => [i ? '、' : '', h('b', { dataset: { topUnit: u.unit, topCount: u.count } }, unitName(plan, u.unit)), ` ${fmtNum(u.count, 0)}`])),
    oldest ? h('span', { class: 'sum-oldest', dataset: { alertId: oldest.id, ageDays: days ?? '' } },
      '最久待答复：', h('b', {}, unitName(plan, oldest.unit)),
      ` ${oldest.target ? (plan.targetById.get(oldest.target)?.name ?? oldest.target) : '各项目标'}`,
      days === null ? '' : ` ${fmtWaitDays(days)}`) : null);
}
