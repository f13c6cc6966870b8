// The parts of a target page that keep it usable with thousands of units (issue 13) beside the shared pager (pager.js):
// the unit search that replaces a select of every unit, the 督办 list (most severe first, bounded, with the total), and the
// shortfall line's reason. Small plans use them too where they change nothing (every unit listed, no pager).
import { h, setText, fmtNum, fmtPp, unitName, liveAlerts, alertRuleText, alertStateText, planDaysSince, awaitingSince, planClock, linkOrBox } from './common.js';
import { lightReason } from './tables.js';

/** Up to this many units a target page lists every unit (TargetPageLimits.ShowAllUpTo on the server). */
export const SHOW_ALL_UP_TO = 100;

/** Units per page of a large target's breakdown (TargetPageLimits.PageSize). */
export const PAGE_SIZE = 50;

/** 督办 listed at the foot of the page; the rest are counted and linked to the 督办 page. */
export const ALERTS_SHOWN = 50;

/**
 * A search box for a target with thousands of units: type part of a name (or id), pick from at most 12 matches; an empty
 * box is 全市. `units` are { id, name } in plan order; `choose(id)` gets '' for 全市.
 */
export function unitSearch(units, selected, choose, disabled) {
  const input = h('input', { id: 'unit-search', type: 'search', autocomplete: 'off', placeholder: '输入单位名称，如 第12县', disabled,
    value: selected ? units.find(u => u.id === selected)?.name ?? '' : '', 'aria-label': '查看单位（输入名称搜索）' });
  const list = h('ul', { id: 'unit-suggest', class: 'unit-suggest', role: 'listbox', hidden: true });
  const box = h('span', { class: 'unit-search' }, input, list);
  const matches = q => {
    const t = q.trim();
    if (!t) return [{ id: '', name: '全市' }];
    const hits = units.filter(u => u.name.includes(t) || u.id.includes(t));
    hits.sort((a, b) => rank(a, t) - rank(b, t));
    return hits.slice(0, 12);
  };
  const pick = u => {
    input.value = u.id ? u.name : '';
    list.hidden = true;
    choose(u.id);
  };
  const show = () => {
    const found = matches(input.value);
    list.replaceChildren(...(found.length ? found.map(u => {
      const li = h('li', { role: 'option', dataset: { unit: u.id } }, u.name);
      li.addEventListener('mousedown', e => { e.preventDefault(); pick(u); });
      return li;
    }) : [h('li', { class: 'none' }, '没有匹配的单位')]));
    list.hidden = false;
  };
  input.addEventListener('input', show);
  input.addEventListener('focus', show);
  input.addEventListener('blur', () => { list.hidden = true; });
  input.addEventListener('keydown', e => {
    if (e.key === 'Escape') { list.hidden = true; return; }
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const first = matches(input.value)[0];
    if (first) pick(first);
  });
  return box;
}

function rank(u, q) {
  if (u.name === q || u.id === q) return 0;
  return u.name.startsWith(q) ? 1 : 2;
}

/** The hover text of a shortfall line (which carries its unit's light, 较序时 and 判灯依据). */
export function shortfallReason(def, line) {
  if (!line || !line.light || line.light === 'grey') return null;
  const why = lightReason(def, { ...line, reportCount: 1 });
  if (why && !why.text.startsWith('黄灯线')) return why.title;
  return line.light === 'green' ? `本单位较序时 ${fmtPp(line.gapPoints)}，未到黄灯线；差额大因承担任务多` : null;
}

const SEVERITY_TEXT = { red: '红色', orange: '橙色', yellow: '黄色', info: '提示' };

/**
 * The target's open 督办, most severe first then oldest, at most ALERTS_SHOWN of them with the total (`count`: the
 * server's total when it sent the most severe only). Items keep the ticker's data attributes (alertId, ageDays, …).
 */
export function renderTargetAlerts(container, countEl, plan, targetId, alerts, count) {
  const live = liveAlerts(alerts);
  const total = Math.max(count ?? 0, live.length);
  const shown = live.slice(0, ALERTS_SHOWN);
  container.dataset.count = String(total);
  if (countEl) setText(countEl, total === 0 ? '' : total > shown.length ? `共 ${fmtNum(total, 0)} 项，按严重程度列出前 ${shown.length} 项` : `共 ${fmtNum(total, 0)} 项，按严重程度排列`);
  if (shown.length === 0) {
    container.replaceChildren(h('span', { class: 'alert-none' }, '暂无未办结督办'));
    return;
  }
  const items = shown.map(a => {
    const days = planDaysSince(awaitingSince(a), planClock);
    return h('li', { class: `alert-item sev-${a.severity}`, dataset: { alertId: a.id, alertUnit: a.unit, alertTarget: a.target ?? '', ageDays: days ?? '', severity: a.severity } },
      h('span', { class: 'sev', title: `${SEVERITY_TEXT[a.severity] ?? a.severity}督办` }, h('i', { class: 'dot' }), SEVERITY_TEXT[a.severity] ?? a.severity),
      linkOrBox('span', `/units/${encodeURIComponent(a.unit)}`, { class: 'al-unit' }, unitName(plan, a.unit)),
      h('span', { class: 'al-rule' }, alertRuleText(a, plan.targetById.get(a.target))),
      h('span', { class: 'al-state' }, alertStateText(a, days)));
  });
  const rest = total - shown.length;
  const more = rest > 0 ? h('p', { class: 'muted alerts-more' }, `另有 ${fmtNum(rest, 0)} 项未列出，`,
    linkOrBox('span', `/alerts?target=${encodeURIComponent(targetId)}`, {}, '在督办页查看全部 →')) : null;
  container.replaceChildren(...[h('ol', { class: 'target-alerts' }, ...items), more].filter(Boolean));
}
