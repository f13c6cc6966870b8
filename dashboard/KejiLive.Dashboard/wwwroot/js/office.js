// Shared by the office's work pages (督办台账, 待核实, 调剂测算, 周调度材料, 静默, 令牌) and the start page: who is signed
// in, the plan clock read from the server before any age is shown, the navigation by role, JSON writes with problem+json
// errors shown beside their fields, and a confirmation dialog.

import { h, setText, planClock, fetchJson, toLogin, shanghaiParts } from './common.js';

export const ROLE_TEXT = { admin: '管理员', leader: '领导（市科技局）', unit: '单位填报员', viewer: '只读' };

/** The signed-in caller: { name, role, unit }. */
export function loadMe() { return fetchJson('/api/me'); }

/** True for the city office (leader, admin): they close 督办 and decide 待核实. */
export function isOffice(me) { return me.role === 'admin' || me.role === 'leader'; }

/** Reads the server's plan clock (pinned or accelerated in demos) before anything computes an age, then keeps the
 * header clock ticking from it. Never the browser's own clock. */
export async function startPlanClock(el) {
  const status = await fetchJson('/api/status', 8000);
  planClock.set(status.now, status.speed);
  planClock.start(el);
  return status;
}

/** yyyy-MM-dd of the plan clock's today in Asia/Shanghai. */
export function planToday() {
  const p = shanghaiParts(planClock.now());
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The header navigation: the pages this role may open, the current one marked. */
export function renderNav(el, me) {
  if (!el) return;
  const links = [['/', '首页'], ['/wall', '大屏'], ['/alerts', '督办台账']];
  if (isOffice(me)) links.push(['/review', '待核实'], ['/whatif', '调剂测算']);
  if (me.role === 'admin' || me.role === 'unit') links.push(['/fill', '填报']);
  // The weekly packs, for the roles the start page offers them to (a unit's reporter works from its own pages).
  if (['admin', 'leader', 'viewer'].includes(me.role)) links.push(['/reports', '周调度材料']);
  if (me.role === 'admin') links.push(['/admin/silences', '静默'], ['/admin/tokens', '令牌']);
  el.replaceChildren(...links.map(([href, text]) =>
    h('a', { href, 'aria-current': location.pathname === href ? 'page' : null }, text)));
}

export function renderWho(el, me, unitName) {
  if (!el) return;
  const unit = me.unit ? ` · ${unitName(me.unit)}` : '';
  setText(el, `${me.name}（${ROLE_TEXT[me.role] ?? me.role}${unit}）`);
}

/**
 * Sends JSON (POST/DELETE) from a page. Resolves to { ok, status, body }: body is the parsed answer (problem+json on
 * an error, whose `errors` name the fields). A 401 sends the browser to the login page.
 */
export async function sendJson(method, url, body) {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  if (res.status === 401) toLogin();
  let parsed = null;
  try { parsed = res.status === 204 ? null : await res.json(); } catch { /* empty answer */ }
  return { ok: res.ok, status: res.status, body: parsed };
}

/** Shows each message beside its field: `errors` maps a field name to a Chinese message; fields are found by
 * `[data-field=name]` inside `form` (the input) and `#<input id>-error` (the message). Clears the others. */
export function showFieldErrors(form, errors) {
  let first = null;
  for (const input of form.querySelectorAll('[data-field]')) {
    const message = errors[input.dataset.field] ?? '';
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
    const out = form.querySelector(`#${input.id}-error`);
    if (out) setText(out, message);
    if (message && !first) first = input;
  }
  first?.focus();
  return first === null;
}

/** Shows the page's one status line (`#flash`): what was just done, or (bad) why it failed. */
export function flash(text, bad = false) {
  const el = document.getElementById('flash');
  el.hidden = false;
  el.className = `notice ${bad ? 'bad' : 'ok'}`;
  setText(el, text);
}

/** The first message of each field of a problem+json answer, or a general one under `$`. */
export function problemErrors(answer, fallback = '操作失败') {
  const errors = {};
  for (const [field, messages] of Object.entries(answer.body?.errors ?? {})) errors[field] = [].concat(messages)[0];
  if (Object.keys(errors).length === 0) {
    errors.$ = answer.status === 403 ? '无权进行此操作。' : answer.body?.detail || `${fallback}（${answer.status}）`;
  }
  return errors;
}

/** Asks before something that cannot be undone; resolves true when confirmed. Keyboard: Esc cancels. */
export function confirmDialog(title, text, okText = '确定', danger = true) {
  return new Promise(resolve => {
    const ok = h('button', { type: 'submit', class: `btn ${danger ? 'danger' : 'primary'}`, value: 'ok' }, okText);
    const dialog = h('dialog', { class: 'form-dialog', 'aria-labelledby': 'confirm-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'confirm-title' }, title),
        h('p', {}, text),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn ghost', value: 'cancel' }, '取消'), ok)));
    dialog.addEventListener('close', () => { resolve(dialog.returnValue === 'ok'); dialog.remove(); });
    document.body.appendChild(dialog);
    dialog.showModal();
    ok.focus();
  });
}

/** A label + control + error line, wired for showFieldErrors. */
export function field(label, control, required = false) {
  return h('div', { class: 'field' },
    h('label', { for: control.id }, label, required ? h('span', { class: 'req' }, ' *') : null),
    control,
    h('div', { class: 'field-error', id: `${control.id}-error`, role: 'alert' }));
}
