// 令牌管理 (admin): every token (no secrets) with role, unit, created, last used and expiry; issue one (the secret is shown
// once, with a copy button); revoke one after a confirmation (effective at once, also for open live connections).

import { h, setText, fetchJson, loadPlan, unitName, fmtDateTime } from './common.js';
import { loadMe, startPlanClock, renderNav, renderWho, sendJson, showFieldErrors, problemErrors, confirmDialog, ROLE_TEXT, flash } from './office.js';

const form = document.getElementById('add-token');
const general = document.getElementById('t-general');
const body = document.querySelector('#tokens tbody');
let plan;

function status(t) {
  if (t.revokedAt) return ['已吊销', 'closed'];
  if (Date.parse(t.expiresAt) <= Date.now()) return ['已过期', 'closed']; // expiry is on real time, not the plan clock
  return ['有效', 'resolved'];
}

function render(tokens) {
  body.replaceChildren(...tokens.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map(t => {
    const [text, cls] = status(t);
    return h('tr', { dataset: { tokenId: t.id, tokenName: t.name } },
      h('td', { 'data-label': '持有人', class: 'wrap' }, t.name, h('div', { class: 'muted' }, `编号 ${t.id}`)),
      h('td', { 'data-label': '角色' }, ROLE_TEXT[t.role] ?? t.role),
      h('td', { 'data-label': '单位' }, t.unit ? unitName(plan, t.unit) : '—'),
      h('td', { 'data-label': '创建' }, fmtDateTime(t.createdAt), h('div', { class: 'muted' }, t.createdBy)),
      h('td', { 'data-label': '最近使用' }, t.lastUsedAt ? fmtDateTime(t.lastUsedAt) : '从未使用'),
      h('td', { 'data-label': '到期' }, fmtDateTime(t.expiresAt)),
      h('td', { 'data-label': '状态' }, h('span', { class: `state ${cls}` }, text),
        t.revokedAt ? h('div', { class: 'muted' }, `${fmtDateTime(t.revokedAt)} ${t.revokedBy ?? ''}`) : null),
      h('td', { 'data-label': '操作', class: 'actions-cell' }, t.revokedAt ? '' : h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn danger', onclick: () => revoke(t) }, '吊销'))));
  }));
  document.getElementById('empty').hidden = tokens.length > 0;
}

async function reload() { render(await fetchJson('/api/tokens')); }

async function revoke(t) {
  if (!await confirmDialog('吊销令牌', `吊销“${t.name}”（${ROLE_TEXT[t.role] ?? t.role}）的令牌？立即生效，持有人须重新领取令牌。`, '吊销')) return;
  const answer = await sendJson('DELETE', `/api/tokens/${encodeURIComponent(t.id)}`);
  flash(answer.ok ? `已吊销“${t.name}”的令牌。` : problemErrors(answer, '吊销未成功').$, !answer.ok);
  await reload();
}

function syncUnit() {
  const unit = document.getElementById('t-unit');
  const isUnit = document.getElementById('t-role').value === 'unit';
  unit.disabled = !isUnit;
  if (!isUnit) unit.value = '';
}

form.addEventListener('submit', async e => {
  e.preventDefault();
  const v = id => document.getElementById(id).value.trim();
  const errors = {};
  if (!v('t-name')) errors.name = '请填写持有人（姓名或用途）。';
  if (v('t-role') === 'unit' && !v('t-unit')) errors.unit = '单位填报员须选择单位。';
  const days = Number(v('t-days'));
  if (!Number.isInteger(days) || days < 1 || days > 3650) errors.expiresInDays = '有效期须为 1 至 3650 天的整数。';
  setText(general, '');
  if (!showFieldErrors(form, errors)) return;
  const request = { name: v('t-name'), role: v('t-role'), expiresInDays: days };
  if (v('t-role') === 'unit') request.unit = v('t-unit');
  const answer = await sendJson('POST', '/api/tokens', request);
  if (!answer.ok) {
    const server = problemErrors(answer, '发放未成功');
    showFieldErrors(form, server);
    setText(general, server.$ ?? '');
    return;
  }
  form.reset();
  syncUnit();
  setText(document.getElementById('secret'), answer.body.token);
  setText(document.getElementById('copied'), '');
  document.getElementById('secret-box').hidden = false;
  document.getElementById('copy').focus();
  await reload();
});

document.getElementById('copy').addEventListener('click', async () => {
  const text = document.getElementById('secret').textContent;
  try {
    await navigator.clipboard.writeText(text);
    setText(document.getElementById('copied'), '已复制');
  } catch {
    // No clipboard permission (plain http on another host): select the text so Ctrl+C copies it.
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('secret'));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    setText(document.getElementById('copied'), '已选中，请按 Ctrl+C 复制');
  }
});

async function main() {
  const me = await loadMe();
  plan = await loadPlan();
  await startPlanClock(document.getElementById('clock'));
  renderNav(document.getElementById('nav'), me);
  renderWho(document.getElementById('who'), me, id => unitName(plan, id));
  document.getElementById('t-unit').append(...plan.units.map(u => h('option', { value: u.id }, u.name)));
  document.getElementById('t-role').addEventListener('change', syncUnit);
  syncUnit();
  await reload();
}

main().catch(e => {
  console.error(e);
  const el = document.getElementById('load-error');
  el.hidden = false;
  setText(el, '页面加载失败，请刷新重试。');
});
