// 静默管理 (admin): the silences in force and to come, add one (reason required, window in Asia/Shanghai), remove one
// after a confirmation. Notifications for matching 督办 wait until the window ends; nothing is lost.

import { h, setText, fetchJson, loadPlan, unitName, fmtDateTime, planClock } from './common.js';
import { loadMe, startPlanClock, renderNav, renderWho, sendJson, showFieldErrors, problemErrors, confirmDialog, flash } from './office.js';

const form = document.getElementById('add-silence');
const general = document.getElementById('s-general');
const body = document.querySelector('#silences tbody');
let plan;

/** "2025-10-01 08:00" (a wall-clock time in Asia/Shanghai; 24:00 is the end of that day) → ISO 8601 with +08:00, or
 * null when it is not such a time. Plain text, so no browser shows its own English date format. */
function shanghaiIso(text) {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, hh = '0', mm = '00'] = m.slice(1);
  const hour = Number(hh), minute = Number(mm);
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d) || minute > 59 || hour > 24 || (hour === 24 && minute > 0)) return null;
  // The wall-clock time written as if UTC, then labelled +08:00 (24:00 rolls over to the next day).
  return new Date(day.getTime() + (hour * 60 + minute) * 60000).toISOString().slice(0, 19) + '+08:00';
}

function render(silences) {
  const now = planClock.now().getTime();
  body.replaceChildren(...silences.sort((a, b) => a.from.localeCompare(b.from)).map(s => {
    const state = Date.parse(s.until) <= now ? '已结束' : Date.parse(s.from) <= now ? '生效中' : '未开始';
    return h('tr', { dataset: { silenceId: s.id } },
      h('td', { 'data-label': '原因', class: 'wrap' }, s.reason),
      h('td', { 'data-label': '开始' }, fmtDateTime(s.from)),
      h('td', { 'data-label': '结束' }, fmtDateTime(s.until)),
      h('td', { 'data-label': '单位' }, s.unit ? unitName(plan, s.unit) : '全部单位'),
      h('td', { 'data-label': '目标', class: 'wrap' }, s.target ? plan.targetById.get(s.target)?.name ?? s.target : '全部目标'),
      h('td', { 'data-label': '状态' }, h('span', { class: `state ${state === '生效中' ? 'acknowledged' : state === '已结束' ? 'closed' : 'open'}` }, state)),
      h('td', { 'data-label': '设置人' }, s.createdBy),
      h('td', { 'data-label': '操作', class: 'actions-cell' }, h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn danger', onclick: () => remove(s) }, '删除'))));
  }));
  document.getElementById('empty').hidden = silences.length > 0;
}

async function reload() { render(await fetchJson('/api/silences')); }

async function remove(s) {
  if (!await confirmDialog('删除静默', `删除“${s.reason}”（${fmtDateTime(s.from)} 至 ${fmtDateTime(s.until)}）？删除后延后的通知将按原规则发送。`, '删除')) return;
  const answer = await sendJson('DELETE', `/api/silences/${encodeURIComponent(s.id)}`);
  flash(answer.ok ? '已删除静默。' : problemErrors(answer, '删除未成功').$, !answer.ok);
  await reload();
}

form.addEventListener('submit', async e => {
  e.preventDefault();
  const v = id => document.getElementById(id).value.trim();
  const errors = {};
  if (!v('s-reason')) errors.reason = '请填写静默原因。';
  const from = shanghaiIso(v('s-from')), until = shanghaiIso(v('s-until'));
  if (!v('s-from')) errors.from = '请填写开始时间。';
  else if (!from) errors.from = '开始时间格式应为 2025-10-01 08:00（北京时间）。';
  if (!v('s-until')) errors.until = '请填写结束时间。';
  else if (!until) errors.until = '结束时间格式应为 2025-10-08 24:00（北京时间）。';
  else if (from && Date.parse(until) <= Date.parse(from)) errors.until = '结束时间须晚于开始时间。';
  setText(general, '');
  if (!showFieldErrors(form, errors)) return;
  const request = { reason: v('s-reason'), from, until };
  if (v('s-unit')) request.unit = v('s-unit');
  if (v('s-target')) request.target = v('s-target');
  const answer = await sendJson('POST', '/api/silences', request);
  if (!answer.ok) {
    const server = problemErrors(answer, '新增未成功');
    showFieldErrors(form, server);
    setText(general, server.$ ?? '');
    return;
  }
  form.reset();
  flash('已新增静默。');
  await reload();
});

async function main() {
  const me = await loadMe();
  plan = await loadPlan();
  await startPlanClock(document.getElementById('clock'));
  renderNav(document.getElementById('nav'), me);
  renderWho(document.getElementById('who'), me, id => unitName(plan, id));
  document.getElementById('s-unit').append(...plan.units.map(u => h('option', { value: u.id }, u.name)));
  document.getElementById('s-target').append(...plan.targets.map(t => h('option', { value: t.id }, t.name)));
  await reload();
}

main().catch(e => {
  console.error(e);
  const el = document.getElementById('load-error');
  el.hidden = false;
  setText(el, '页面加载失败，请刷新重试。');
});
