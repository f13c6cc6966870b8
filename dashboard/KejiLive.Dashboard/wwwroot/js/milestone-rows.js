// The milestone tasks as rows for the wall's 节点任务 page, and the wall's rotation playlist (which includes that page).
import { shanghaiParts, unitName } from './common.js';

/** The date (yyyy-MM-dd, Asia/Shanghai) of an instant. */
function isoDate(d) {
  const p = shanghaiParts(d);
  return p ? `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}` : '';
}

/**
 * Rows for every milestone target of the plan: its responsible unit (the owner unit, or the city office's department),
 * its nodes with month, day and status (done: among the first `done` nodes by due date, the city figure being the count
 * done; overdue: due before today and not done; due: due this month, not done, not yet overdue; pending), sorted by
 * group then responsible unit. `today` is the plan clock's instant; `known` false (clock not synced) treats nothing as
 * overdue.
 */
export function milestoneRows(plan, cities, today, known = true) {
  const now = known ? isoDate(today) : '';
  const month = known ? Number(now.slice(5, 7)) : null;
  const totals = { nodes: 0, done: 0, due: 0, overdue: 0, pending: 0 };
  const rows = plan.targets.filter(t => t.kind === 'milestone').map(t => {
    const owner = (t.split ?? [])[0]?.unit;
    const responsible = owner && owner !== 'city' ? unitName(plan, owner) : (t.department ?? '市科技局');
    const city = cities.get(t.id);
    const done = Math.max(0, Math.floor(city?.actual ?? 0));
    const nodes = [...(t.milestones ?? [])].sort((a, b) => a.due.localeCompare(b.due)).map((m, i) => {
      const status = i < done ? 'done' : known && m.due < now ? 'overdue' : known && Number(m.due.slice(5, 7)) === month && m.due.slice(0, 4) === now.slice(0, 4) ? 'due' : 'pending';
      const days = status === 'overdue' ? Math.round((Date.parse(now) - Date.parse(m.due)) / 86400000) : 0;
      const statusText = { done: '已完成', overdue: `逾期 ${days} 天`, due: '本月到期', pending: '未到期' }[status];
      totals[status]++;
      totals.nodes++;
      return { id: m.id, name: m.name, due: m.due, month: Number(m.due.slice(5, 7)), day: Number(m.due.slice(8, 10)), status, statusText };
    });
    return {
      id: t.id, name: t.name, group: t.group, responsible, light: city?.light ?? 'grey',
      done: Math.min(done, nodes.length), overdue: nodes.filter(n => n.status === 'overdue').length, nodes,
    };
  });
  const groupOrder = { platform: 0, measure: 1 };
  rows.sort((a, b) => (groupOrder[a.group] ?? 9) - (groupOrder[b.group] ?? 9) || a.responsible.localeCompare(b.responsible, 'zh-CN') || a.id.localeCompare(b.id));
  return { rows, month, totals };
}

/** The kiosk rotation: the wall, the milestone page when the plan has milestone tasks, then the main targets behind
 * schedule (or all main targets when none is). */
export function wallPlaylist(plan, cities) {
  const main = plan.targets.filter(t => t.group === 'main');
  const behind = main.filter(t => ['red', 'yellow'].includes(cities.get(t.id)?.light)).map(t => `/targets/${t.id}`);
  const milestones = plan.targets.some(t => t.kind === 'milestone') ? ['/wall/milestones'] : [];
  return ['/wall', ...milestones, ...(behind.length ? behind : main.map(t => `/targets/${t.id}`))];
}
