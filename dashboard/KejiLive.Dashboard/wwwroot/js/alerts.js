// 督办台账: every 督办 the caller may see (a unit its own, the city office all), filtered by unit, state and target, most
// urgent first (红, 橙, 黄, then the oldest) a page at a time with the total and the counts from the server;
// a unit answers (整改措施 + 承诺完成时间), the city office closes (销号) and its administrator may reopen a closed one
// (重新打开, a reason required). Ages come from the server's plan clock. The list
// follows the hub: a new or changed 督办 appears without a reload.

import { h, setText, fetchJson, loadPlan, unitName, LiveWatch, clearLoadError, fmtDate, fmtDateCn, fmtDateTime, fmtNum, fmtWaitDays, ratioRuleText, mergeAlerts, planClock, planDaysSince } from './common.js';
import { renderPager, lastPageOffset } from './pager.js';
import { connectionIndicator } from './common.js';
import { loadMe, isOffice, startPlanClock, planToday, renderNav, renderWho, sendJson, showFieldErrors,
  problemErrors, field, confirmDialog, flash } from './office.js';

const STATE_TEXT = { open: '待答复', acknowledged: '已答复', resolved: '已回到序时', closed: '已销号' };
const SEVERITY_TEXT = { red: '红', orange: '橙', yellow: '黄' };
const RULE_TEXT = {
  'behind': p => `较序时落后 ${p.toFixed(1)} 个百分点`,
  'will-miss': () => '预计完不成全年目标',
  'falling-fast': p => `差距扩大 ${p.toFixed(1)} 个百分点`,
  'not-reported': p => `${p.toFixed(0)} 项目标未报送`,
  'milestone-overdue': p => `节点逾期 ${p.toFixed(0)} 天`,
};
const TRANSITION_TEXT = {
  'opened': '发起督办', 'severity-raised': '严重程度上调', 'severity-lowered': '严重程度下调', 'acknowledged': '单位答复',
  'resolved': '回到序时', 'reopened': '重新督办', 'closed': '销号', 'escalated': '升级', 'reminded': '提醒',
};

const els = {
  unit: document.getElementById('f-unit'), state: document.getElementById('f-state'), target: document.getElementById('f-target'),
  body: document.querySelector('#alerts tbody'), empty: document.getElementById('empty'),
  scope: document.getElementById('scope'),
  pager: document.getElementById('pager'), pagerTop: document.getElementById('pager-top'),
};
let plan, me;
const PAGE_SIZE = 50;
const REFRESH_GAP_MS = 1000;
let rows = [];        // the page shown
let summary = null;   // { total, counts, tally, offset, items } for the filters and the page shown
let offset = 0;
const fresh = new Set();

function actorText(actor) { return actor === 'system' ? '系统' : actor; }

function mayAnswer(a) {
  return (a.state === 'open' || a.state === 'acknowledged')
    && (me.role === 'admin' || (me.role === 'unit' && me.unit === a.unit));
}
function mayClose(a) { return isOffice(me) && a.state !== 'closed'; }
// Reopening undoes the office's own 销号: the administrator's (the server allows nobody else).
function mayReopen(a) { return me.role === 'admin' && a.state === 'closed'; }
function transitionText(c) { return c.transition === 'reopened' && c.from === 'closed' ? '重新打开' : TRANSITION_TEXT[c.transition] ?? c.transition; }

/** The filters with the page's order and bounds, as a query string. */
function query() {
  const q = new URLSearchParams();
  if (els.unit.value) q.set('unit', els.unit.value);
  if (els.target.value) q.set('target', els.target.value);
  if (els.state.value) q.set('state', els.state.value);
  q.set('order', 'urgent'); q.set('offset', String(offset)); q.set('limit', String(PAGE_SIZE));
  return q.toString();
}

function render() {
  const c = summary?.counts ?? {};
  for (const s of Object.keys(STATE_TEXT)) setText(document.getElementById(`count-${s}`), summary ? fmtNum(c[s] ?? 0, 0) : '—');
  setText(document.getElementById('count-escalated'), summary ? fmtNum(c.escalated ?? 0, 0) : '—');
  for (const s of Object.keys(SEVERITY_TEXT)) setText(document.getElementById(`count-${s}`), summary ? fmtNum(c[s] ?? 0, 0) : '—');
  setText(document.getElementById('count-total'), summary ? fmtNum(summary.total, 0) : '—');
  renderRows();
  renderPager(els.pagerTop, summary?.total ?? rows.length, offset, PAGE_SIZE, go);
  renderPager(els.pager, summary?.total ?? rows.length, offset, PAGE_SIZE, go);
}

function renderRows() {
  els.body.replaceChildren(...rows.map(row));
  els.empty.hidden = rows.length > 0;
}

function go(to) {
  offset = Math.max(0, to);
  reload().catch(showError);
  document.getElementById('alerts').scrollIntoView({ block: 'start' });
}

function row(a) {
  const def = a.target ? plan.targetById.get(a.target) : null;
  const days = planDaysSince(a.openedAt, planClock);
  const live = a.state === 'open' || a.state === 'acknowledged';
  const escalations = (a.history ?? []).filter(c => c.transition === 'escalated');
  const buttons = [];
  if (mayAnswer(a)) buttons.push(h('button', { class: 'btn primary', type: 'button', onclick: () => openAnswer(a) }, a.state === 'acknowledged' ? '修改答复' : '答复'));
  if (mayClose(a)) buttons.push(h('button', { class: 'btn', type: 'button', onclick: () => openClose(a) }, '销号'));
  if (mayReopen(a)) buttons.push(h('button', { class: 'btn', type: 'button', onclick: () => openReopen(a) }, '重新打开'));
  return h('tr', { class: fresh.has(a.id) ? 'fresh' : null, dataset: { alertId: a.id, state: a.state } },
    h('td', { 'data-label': '目标', class: 'wrap' }, a.target ? h('a', { href: `/targets/${encodeURIComponent(a.target)}` }, def?.name ?? a.target) : '各项目标'),
    h('td', { 'data-label': '单位' }, h('a', { href: `/units/${encodeURIComponent(a.unit)}` }, unitName(plan, a.unit))),
    h('td', { 'data-label': '问题', class: 'wrap' }, ratioRuleText(a, def) ?? RULE_TEXT[a.rule]?.(a.points ?? 0) ?? '督办',
      h('span', { class: `sev ${a.severity}` }, SEVERITY_TEXT[a.severity] ?? '')),
    h('td', { 'data-label': '发起', class: 'l' }, fmtDate(a.openedAt),
      live && days !== null ? h('span', { class: 'age muted', dataset: { days: String(days), openedAt: a.openedAt } }, ` · ${days === 0 ? '' : '已 '}${fmtWaitDays(days)}`) : null),
    h('td', { 'data-label': '状态', class: 'wrap' }, h('span', { class: `state ${a.state}` }, STATE_TEXT[a.state] ?? a.state), answerBy(a)),
    h('td', { 'data-label': '单位答复', class: 'wrap answer' }, a.remedy
      ? [a.remedy, h('div', { class: 'muted' }, `承诺 ${a.promisedBy ? fmtDateCn(a.promisedBy) : '—'} 前完成`)]
      : h('span', { class: 'muted' }, '尚未答复')),
    h('td', { 'data-label': '升级', class: 'wrap' }, a.escalationLevel > 0
      ? [h('span', { class: 'esc' }, `已升级 ${a.escalationLevel} 次 → ${a.escalateTo}`),
        h('ul', { class: 'history' }, escalations.map(c => h('li', {}, `${fmtDateTime(c.at)} ${actorText(c.actor)}：${c.note ?? '升级'}`)))]
      : h('span', { class: 'muted' }, a.state === 'open' && a.answerBy ? `未升级；逾期未答复将报${a.escalateTo}` : '未升级'),
      history(a)),
    h('td', { 'data-label': '操作', class: 'actions-cell' }, h('div', { class: 'actions' }, buttons)));
}

// By when the unit must answer (the server counts the working days, holidays and 调休 as the escalation does).
function answerBy(a) {
  if (a.state !== 'open' || !a.answerBy) return null;
  const late = planToday() > a.answerBy;
  return h('div', { class: late ? 'answer-by late' : 'answer-by muted' },
    late ? `答复已逾期（应于${fmtDateCn(a.answerBy)}前答复）` : `请于${fmtDateCn(a.answerBy)}前答复`);
}

function history(a) {
  if (!a.history?.length) return null;
  return h('details', {}, h('summary', {}, '处理记录'),
    h('ol', { class: 'history' }, a.history.map(c =>
      h('li', {}, `${fmtDateTime(c.at)} ${actorText(c.actor)} ${transitionText(c)}${c.note ? '：' + c.note : ''}`))));
}

// ------------------------------------------------------------------------------------------------------- dialogs
function dialogShell(title, form) {
  const dialog = h('dialog', { class: 'form-dialog', 'aria-label': title }, h('h2', {}, title), form);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.appendChild(dialog);
  dialog.showModal();
  return dialog;
}

function chinese(fieldName, message) {
  if (/[\u4e00-\u9fff]/.test(message ?? '')) return message;
  return {
    note: '请填写整改措施（不超过 2000 字）。',
    promisedBy: `承诺完成时间须在今天（${fmtDateCn(planToday())}）至计划年度末之间。`,
    state: '该督办已回到序时或已销号，无需再答复。',
  }[fieldName] ?? '操作未成功，请检查后重试。';
}

function openAnswer(a) {
  const today = planToday();
  const yearEnd = `${plan.year}-12-31`;
  const note = h('textarea', { id: 'ack-note', 'data-field': 'note', maxlength: '2000', required: true }, a.remedy ?? '');
  // Plain text (yyyy-MM-dd), so no browser shows its own English date format.
  const date = h('input', { id: 'ack-date', 'data-field': 'promisedBy', inputmode: 'numeric', size: '12', placeholder: `例如 ${yearEnd}`, value: a.promisedBy ?? '' });
  const general = h('p', { class: 'field-error', id: 'ack-general', role: 'alert' });
  const form = h('form', { id: 'ack-form', novalidate: true },
    h('p', { class: 'muted' }, `${unitName(plan, a.unit)} · ${a.target ? plan.targetById.get(a.target)?.name ?? a.target : '各项目标'} · ${ratioRuleText(a, a.target ? plan.targetById.get(a.target) : null) ?? RULE_TEXT[a.rule]?.(a.points ?? 0) ?? ''}`),
    field('整改措施', note, true),
    field('承诺完成时间', date, true),
    general,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn ghost', onclick: () => dialog.close() }, '取消'),
      h('button', { type: 'submit', class: 'btn primary' }, '答复')));
  const dialog = dialogShell('答复督办', form);
  note.focus();
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const errors = {};
    if (!note.value.trim()) errors.note = '请填写整改措施。';
    if (!date.value.trim()) errors.promisedBy = '请填写承诺完成时间。';
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(date.value.trim())) errors.promisedBy = '承诺完成时间格式应为 2025-11-30。';
    else if (!validDate(date.value.trim())) errors.promisedBy = `承诺完成时间 ${date.value.trim()} 这一天不存在，请核对月和日。`;
    else if (date.value < today) errors.promisedBy = `承诺完成时间不能早于今天（${fmtDateCn(today)}，按计划时钟）。`;
    else if (date.value > yearEnd) errors.promisedBy = `承诺完成时间不能晚于 ${fmtDateCn(yearEnd)}（计划年度末）。`;
    setText(general, '');
    if (!showFieldErrors(form, errors)) return;
    const answer = await sendJson('POST', `/api/alerts/${encodeURIComponent(a.id)}/ack`, { note: note.value.trim(), promisedBy: date.value.trim() });
    if (answer.ok) { dialog.close(); apply([answer.body]); flash('已提交答复。'); return; }
    const server = problemErrors(answer, '答复未成功');
    const shown = Object.fromEntries(Object.entries(server).map(([k, v]) => [k, chinese(k, v)]));
    showFieldErrors(form, shown);
    setText(general, shown.$ ?? shown.state ?? '');
  });
}

function validDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function openClose(a) {
  const note = h('textarea', { id: 'close-note', 'data-field': 'note', maxlength: '2000' });
  const general = h('p', { class: 'field-error', id: 'close-general', role: 'alert' });
  const needsNote = a.state !== 'resolved';
  const form = h('form', { id: 'close-form', novalidate: true },
    h('p', { class: 'muted' }, `${unitName(plan, a.unit)} · ${a.target ? plan.targetById.get(a.target)?.name ?? a.target : '各项目标'} · ${STATE_TEXT[a.state]}`),
    field(needsNote ? '销号说明（尚未回到序时，须说明理由）' : '销号说明', note, needsNote),
    general,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn ghost', onclick: () => dialog.close() }, '取消'),
      h('button', { type: 'submit', class: 'btn danger' }, '销号')));
  const dialog = dialogShell('销号', form);
  note.focus();
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!showFieldErrors(form, needsNote && !note.value.trim() ? { note: '该督办尚未回到序时，销号须填写说明。' } : {})) return;
    const answer = await sendJson('POST', `/api/alerts/${encodeURIComponent(a.id)}/close`, note.value.trim() ? { note: note.value.trim() } : undefined);
    if (answer.ok) { dialog.close(); apply([answer.body]); flash('已销号。'); return; }
    const server = problemErrors(answer, '销号未成功');
    const shown = Object.fromEntries(Object.entries(server).map(([k, v]) => [k, /[\u4e00-\u9fff]/.test(v) ? v : k === 'note' ? '请填写销号说明（不超过 2000 字）。' : '该督办已销号。']));
    showFieldErrors(form, shown);
    setText(general, shown.$ ?? shown.state ?? '');
  });
}

function openReopen(a) {
  const reason = h('textarea', { id: 'reopen-reason', 'data-field': 'reason', maxlength: '2000', required: true });
  const general = h('p', { class: 'field-error', id: 'reopen-general', role: 'alert' });
  const form = h('form', { id: 'reopen-form', novalidate: true },
    h('p', { class: 'muted' }, `${unitName(plan, a.unit)} · ${a.target ? plan.targetById.get(a.target)?.name ?? a.target : '各项目标'} · ${STATE_TEXT[a.state]}`),
    h('p', { class: 'muted' }, '重新打开后状态回到“待答复”，单位须重新答复；处理记录中会留下您的姓名、时间和理由。'),
    field('重新打开的理由', reason, true),
    general,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn ghost', onclick: () => dialog.close() }, '取消'),
      h('button', { type: 'submit', class: 'btn danger' }, '重新打开')));
  const dialog = dialogShell('重新打开督办', form);
  reason.focus();
  form.addEventListener('submit', async e => {
    e.preventDefault();
    setText(general, '');
    if (!showFieldErrors(form, reason.value.trim() ? {} : { reason: '请填写重新打开的理由。' })) return;
    if (!await confirmDialog('确认重新打开', `确定重新打开${unitName(plan, a.unit)}的这条已销号督办吗？`, '确定重新打开')) return;
    const answer = await sendJson('POST', `/api/alerts/${encodeURIComponent(a.id)}/reopen`, { reason: reason.value.trim() });
    if (answer.ok) { dialog.close(); apply([answer.body]); flash('已重新打开，等待单位答复。'); return; }
    const server = problemErrors(answer, '重新打开未成功');
    const shown = Object.fromEntries(Object.entries(server).map(([k, v]) => [k, /[\u4e00-\u9fff]/.test(v) ? v : k === 'reason' ? '请填写重新打开的理由（不超过 2000 字）。' : '该督办无法重新打开。']));
    showFieldErrors(form, shown);
    setText(general, shown.$ ?? shown.state ?? '');
  });
}

// ------------------------------------------------------------------------------------------------------- data
// The page lists PAGE_SIZE 督办 at a time, most urgent first (the server's order); the counts and the total come from the
// server for the filters. A change from the hub replaces the rows it shows at once and refreshes the page and the
// counts soon after (at most once a second), never re-rendering more than one page.
function apply(incoming) {
  const mine = (incoming ?? []).filter(a => me.role !== 'unit' || a.unit === me.unit);
  if (mine.length === 0) return;
  for (const a of mine) fresh.add(a.id);
  const shown = new Set(rows.map(a => a.id));
  if (mine.some(a => shown.has(a.id))) {
    rows = mergeAlerts(rows, mine.filter(a => shown.has(a.id)));
    const order = new Map(rows.map((a, i) => [a.id, i]));
    rows.sort((a, b) => order.get(a.id) - order.get(b.id));
    renderRows();
  }
  scheduleRefresh();
}

let refreshTimer = null;
let lastLoad = 0;
function scheduleRefresh() {
  if (refreshTimer) return;
  const wait = Math.max(200, REFRESH_GAP_MS - (Date.now() - lastLoad));
  refreshTimer = setTimeout(() => { refreshTimer = null; reload().catch(showError); }, wait);
}

let loading = 0;
async function reload() {
  const mine = ++loading;
  lastLoad = Date.now();
  // One request: the summary asked with the page's order and bounds carries the page's rows beside the counts.
  const counted = await fetchJson(`/api/alerts/summary?${query()}`);
  if (mine !== loading) return;
  const page = counted.items ?? [];
  if (page.length === 0 && offset > 0 && counted.total > 0) {
    // The list shrank below this page: show its last page.
    offset = lastPageOffset(counted.total, PAGE_SIZE);
    return reload();
  }
  rows = page;
  summary = counted;
  clearLoadError();
  render();
  fresh.clear();
}

function showError(e) {
  console.warn('督办加载失败', e);
}

function fillFilters() {
  const params = new URLSearchParams(location.search);
  const units = me.role === 'unit' ? plan.units.filter(u => u.id === me.unit) : plan.units.filter(u => !u.overlay);
  els.unit.append(...units.map(u => h('option', { value: u.id }, u.name)));
  els.target.append(...plan.targets.map(t => h('option', { value: t.id }, t.name)));
  if (me.role === 'unit') { els.unit.value = me.unit; els.unit.disabled = true; }
  for (const [name, el] of [['unit', els.unit], ['state', els.state], ['target', els.target]]) {
    if (params.has(name) && !el.disabled) el.value = params.get(name);
    el.addEventListener('change', () => {
      const q = new URLSearchParams({ unit: els.unit.value, state: els.state.value, target: els.target.value });
      for (const [k, v] of [...q]) if (!v && k !== 'state') q.delete(k);
      history.replaceState(null, '', `${location.pathname}?${q}`);
      offset = 0;
      reload().catch(showError);
    });
  }
  setText(els.scope, me.role === 'unit' ? `仅显示本单位（${unitName(plan, me.unit)}）的督办。`
    : me.role === 'admin' ? '市科技局：全部单位的督办；可销号，已销号的可重新打开。'
    : isOffice(me) ? '市科技局：全部单位的督办；可销号。' : '只读：全部单位的督办。');
}

async function main() {
  const indicator = connectionIndicator(document.getElementById('conn'), document.getElementById('stale'));
  [plan, me] = await Promise.all([loadPlan(), loadMe()]);
  await startPlanClock(document.getElementById('clock'));
  renderNav(document.getElementById('nav'), me);
  renderWho(document.getElementById('who'), me, id => unitName(plan, id));
  fillFilters();
  await reload();
  const watch = me.role === 'unit'
    ? new LiveWatch({ watch: 'WatchUnit', args: [me.unit], onSnapshot: () => reload(), onChanges: u => apply(u.alerts), onState: indicator })
    : new LiveWatch({ watch: 'WatchWall', onSnapshot: () => reload(), onChanges: u => apply(u.alerts), onState: indicator });
  watch.start();
}

main().catch(e => {
  console.error(e);
  const el = document.getElementById('load-error');
  el.hidden = false;
  setText(el, '页面加载失败，请刷新重试。');
});
