// Shared by the wall and the drill-down pages: number and date formats as Chinese officials write them, safe DOM
// building (text only through textContent), JSON fetches, the plan clock, kiosk mode and the live hub connection with
// its sequence / gap / reconnect rules.

import {
  pad,
  fmtNum,
  fmtRate,
  fmtPp,
  fmtDateCn,
  fmtDate,
  fmtDateTimeCn,
  fmtDateTime,
  shanghaiParts,
  fmtValue,
  fmtTarget,
  LIGHT_TEXT,
  LIGHT_ORDER,
  planDaysSince,
  awaitingSince,
  fmtWaitDays,
} from './format.js';

export * from './format.js';

// ---------------------------------------------------------------------------------------------------- DOM
/**
 * h('div', { class: 'x', dataset: { unit: '360702' } }, 'text', child) — every string child becomes a text node, so
 * nothing a unit typed is ever parsed as HTML.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Replaces an element's children as h() takes them: null, undefined and false leave nothing (replaceChildren would
 * write them as the text "null"), arrays are flattened. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** Sets an element's text (never HTML). */
export function setText(el, text) {
  if (el && el.textContent !== text) el.textContent = text;
}

/** Escapes text for the rare place that needs an HTML string (ECharts tooltips). */
export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** A link to a drill-down page, or a plain element in kiosk mode (no links there). */
export function linkOrBox(tag, href, attrs, ...children) {
  if (isKiosk() || !href) return h(tag, attrs, ...children);
  return h('a', { ...attrs, href }, ...children);
}

// ---------------------------------------------------------------------------------------------------- data
export async function fetchJson(url, timeoutMs = 10000) {
  return (await fetchAnswer(url, timeoutMs)).body;
}

/** One page of a paged list (GET /api/alerts, /api/reviews with offset and limit): { items, total }, the total from
 * the server's X-Total-Count (the page's length when the header is missing). */
export async function fetchPage(url, timeoutMs = 10000) {
  const { body, headers } = await fetchAnswer(url, timeoutMs);
  const total = Number.parseInt(headers.get('X-Total-Count') ?? '', 10);
  return { items: body, total: Number.isFinite(total) ? total : body.length };
}

async function fetchAnswer(url, timeoutMs) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const res = await fetch(url, { signal: ctrl.signal, headers: { accept: 'application/json' }, cache: 'no-store' });
    if (res.status === 401) toLogin();
    if (!res.ok) {
      let detail = '';
      try { detail = (await res.json()).detail ?? ''; } catch { /* not problem+json */ }
      throw Object.assign(new Error(`${url} → ${res.status} ${detail}`), { status: res.status });
    }
    return { body: await res.json(), headers: res.headers };
  } finally {
    clearTimeout(timer);
  }
}

/** The session ended (token revoked or expired): sign in again and come back here. */
export function toLogin() {
  location.replace('/login?next=' + encodeURIComponent(location.pathname + location.search));
}

let planPromise = null;
/** The plan, once per page load (retried until it arrives: a wall may start before the server). */
export function loadPlan() {
  if (!planPromise) {
    planPromise = (async () => {
      for (let delay = 2000; ; delay = Math.min(delay * 2, 30000)) {
        try {
          const plan = await fetchJson('/api/plan');
          plan.targetById = new Map(plan.targets.map(t => [t.id, t]));
          plan.unitById = new Map(plan.units.map(u => [u.id, u]));
          return plan;
        } catch (e) {
          console.warn('plan not available yet', e);
          showLoadError('正在连接服务器…（计划数据暂不可用，自动重试）');
          await sleep(delay);
        }
      }
    })();
  }
  return planPromise;
}

export function unitName(plan, id) {
  return plan.unitById.get(id)?.name ?? id;
}

export function sleep(ms) { return new Promise(r => setTimeout(r, ms)); }

function showLoadError(text) {
  const el = document.getElementById('load-error');
  if (el) { el.hidden = false; setText(el, text); }
}
export function clearLoadError() {
  const el = document.getElementById('load-error');
  if (el) el.hidden = true;
}

/** The id at the end of /targets/{id} or /units/{id}. */
export function pathId() {
  const parts = location.pathname.split('/').filter(Boolean);
  return decodeURIComponent(parts[parts.length - 1] ?? '');
}

// ---------------------------------------------------------------------------------------------------- clock
/**
 * The plan clock (the server may run a pinned or accelerated clock for demos): set from every live snapshot's `now`
 * and from GET /api/status (which also gives the speed), advanced locally; the browser's own clock until the first
 * answer, and `synced` false until then, so no age (待答复 N 天) is ever counted on the browser's clock.
 */
export const planClock = {
  base: null, at: 0, speed: 1, synced: false, tick: null,
  now() { return this.base === null ? new Date() : new Date(this.base + (Date.now() - this.at) * this.speed); },
  set(now, speed = 1) {
    const t = new Date(now).getTime();
    if (Number.isNaN(t)) return;
    this.base = t; this.at = Date.now(); this.speed = speed || 1; this.synced = true;
    this.tick?.();
  },
  /** A live snapshot carries the server's plan time: take it (the speed stays as /api/status said). */
  fromView(view) { if (view?.now) this.set(view.now, this.speed); },
  async sync() {
    try {
      const s = await fetchJson('/api/status', 5000);
      this.set(s.now, s.speed);
    } catch { /* keep the last offset */ }
  },
  start(el) {
    this.sync();
    setInterval(() => this.sync(), 60000);
    // Nothing until the server's time arrives (the browser's own date flashed for up to a second), then at once.
    this.tick = () => {
      const p = this.synced ? shanghaiParts(this.now()) : null;
      if (el) setText(el, p ? `${p.year}年${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` : '');
    };
    this.tick();
    setInterval(this.tick, 1000);
  },
};

// ---------------------------------------------------------------------------------------------------- kiosk
const params = new URLSearchParams(location.search);
export function isKiosk() { return params.get('kiosk') === '1'; }

/** Marks the page for kiosk mode (no cursor, no controls) before anything is drawn. */
export function applyKiosk() {
  if (!isKiosk()) return;
  document.documentElement.classList.add('kiosk');
  // Kiosk screens have no controls at all: the pages' static links (breadcrumbs) go too.
  document.querySelectorAll('a').forEach(a => a.remove());
}

/**
 * `?kiosk=1&rotate=30[&playlist=/wall,/targets/x]`: after `rotate` seconds go to the next page of the playlist, carrying
 * the parameters along so rotation survives page loads. `defaultPlaylist()` is asked when no playlist is given. The
 * next page is only opened when the server answers, so a restart never leaves the screen on a browser error page.
 */
export function startRotation(defaultPlaylist) {
  const seconds = Number(params.get('rotate'));
  if (!isKiosk() || !(seconds >= 2)) return;
  const go = async () => {
    let list = (params.get('playlist') ?? '').split(',').map(s => s.trim()).filter(s => s.startsWith('/'));
    if (list.length === 0) list = (await Promise.resolve(defaultPlaylist?.()).catch(() => null)) ?? ['/wall'];
    if (list.length < 2) { setTimeout(go, seconds * 1000); return; }
    const here = list.indexOf(location.pathname);
    const next = list[(here + 1) % list.length];
    const query = new URLSearchParams({ kiosk: '1', rotate: String(seconds), playlist: list.join(',') });
    const url = `${next}?${query.toString().replaceAll('%2F', '/').replaceAll('%2C', ',')}`;
    try {
      const res = await fetch(next, { cache: 'no-store' }); // pages answer GET only
      if (res.ok) { location.href = url; return; }
    } catch { /* server away: stay on this page, it shows its own connection state */ }
    setTimeout(go, seconds * 1000);
  };
  setTimeout(go, seconds * 1000);
}

// ---------------------------------------------------------------------------------------------------- live hub
/**
 * One watched group on /hubs/live. `watch` is the hub method (WatchWall, WatchUnit, WatchTarget) and `args` its
 * arguments. Calls `onSnapshot(view)` for every full snapshot and `onChanges(update)` for each change applied in order;
 * `onState(state, since)` with connected | reconnecting | disconnected.
 *
 * Rules: a change with seq <= current is ignored; seq == current + 1 is applied; a larger seq is a gap, so the client
 * asks for a fresh snapshot. Changes that arrive while a snapshot is being fetched are held and replayed after it.
 * After a reconnect, a fresh snapshot. When the built-in reconnects give up, our own loop keeps trying forever.
 */
export class LiveWatch {
  constructor({ watch, args = [], onSnapshot, onChanges, onState }) {
    Object.assign(this, { watch, args, onSnapshot, onChanges, onState });
    this.group = null;
    this.seq = -1;
    this.pending = null; // changes held while a snapshot is in flight
    this.state = null;
    this.lostAt = null;
    this.conn = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/live')
      .withAutomaticReconnect([0, 1000, 2000, 5000, 10000])
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    this.conn.serverTimeoutInMilliseconds = 30000;
    this.conn.keepAliveIntervalInMilliseconds = 10000;
    this.conn.on('Changes', u => this.#receive(u));
    this.conn.onreconnecting(() => {
      this.#setState('reconnecting');
      // A blip is 重连中; a connection still gone after a few seconds is 已断开 (retries go on in the background).
      clearTimeout(this.downTimer);
      this.downTimer = setTimeout(() => { if (this.state === 'reconnecting') this.#setState('disconnected'); }, 4000);
    });
    this.conn.onreconnected(() => this.#resync());
    this.conn.onclose(() => { this.#setState('disconnected'); this.#startLoop(); });
  }

  start() { this.#startLoop(true); }

  async #startLoop(first = false) {
    if (this.looping) return;
    this.looping = true;
    for (let attempt = 0; ; attempt++) {
      if (!first || attempt > 0) await sleep(Math.min(2000 * 2 ** Math.min(attempt, 3), 15000));
      if (this.conn.state !== signalR.HubConnectionState.Disconnected) break;
      try {
        // The page's first connection is 连接中, not a lost one: nothing was interrupted yet.
        if (first && attempt === 0) this.#setState('connecting');
        await this.conn.start();
        this.looping = false;
        await this.#resync();
        return;
      } catch (e) {
        if (e?.statusCode === 401 || /Status code '401'/.test(e?.message ?? '')) { toLogin(); return; }
        console.warn('hub not reachable', e?.message ?? e);
        this.#setState('disconnected');
      }
    }
    this.looping = false;
  }

  async #resync() {
    this.pending = [];
    try {
      const view = await this.conn.invoke(this.watch, ...this.args);
      const held = this.pending;
      this.pending = null;
      this.group = view.group;
      this.seq = view.seq;
      this.onSnapshot?.(view);
      this.#setState('connected');
      for (const u of held.sort((a, b) => a.seq - b.seq)) this.#receive(u);
    } catch (e) {
      this.pending = null;
      console.warn('snapshot failed', e);
      // A connection that is up but cannot answer: drop it and let the loop start over.
      if (this.conn.state === signalR.HubConnectionState.Connected) {
        this.conn.stop();
      }
    }
  }

  #receive(update) {
    if (this.pending) { this.pending.push(update); return; }
    if (this.group !== null && update.group !== this.group) return;
    if (update.seq <= this.seq) return;
    if (update.seq === this.seq + 1) {
      this.seq = update.seq;
      this.onChanges?.(update);
      return;
    }
    console.info(`gap in ${update.group}: have ${this.seq}, got ${update.seq}; fresh snapshot`);
    this.#resync();
  }

  #setState(state) {
    if (state === 'connected') this.lostAt = null;
    else if (this.lostAt === null) this.lostAt = Date.now();
    if (state === this.state) return;
    this.state = state;
    this.onState?.(state, this.lostAt);
  }
}

/** Keeps entities by key, replacing one only with a judgement at least as new as the one held. */
export function mergeByKey(map, items, key) {
  let changed = false;
  for (const item of items ?? []) {
    const k = key(item);
    const old = map.get(k);
    if (old && old.judgedAt && item.judgedAt && Date.parse(item.judgedAt) < Date.parse(old.judgedAt)) continue;
    map.set(k, item);
    changed = true;
  }
  return changed;
}

/**
 * The header's connection pill and staleness line. While not connected, the page gets the `stale` class (numbers
 * dimmed); once a connection was lost, the line says how long ago. The page's first connection is 连接中, with no line:
 * nothing was interrupted yet.
 */
export function connectionIndicator(pill, staleEl) {
  let state = 'connecting';
  let lostAt = Date.now();
  const render = () => {
    pill.dataset.state = state;
    const minutes = Math.floor((Date.now() - (lostAt ?? Date.now())) / 60000);
    const ago = minutes < 1 ? '不到 1 分钟' : minutes < 120 ? `${minutes} 分钟` : `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分钟`;
    setText(pill, state === 'connected' ? '● 已连接' : state === 'connecting' ? '◌ 连接中' : state === 'reconnecting' ? '◌ 重连中' : '● 已断开');
    document.documentElement.classList.toggle('stale', state !== 'connected');
    if (staleEl) {
      staleEl.hidden = state === 'connected' || state === 'connecting';
      setText(staleEl, state === 'disconnected'
        ? `数据可能已过期：已断开 ${ago}`
        : state === 'reconnecting' ? `正在重新连接…（已中断 ${ago}）` : '');
    }
  };
  setInterval(render, 5000);
  render();
  return (s, since) => { state = s; lostAt = since; render(); };
}

/** 数据截至 text for the header. */
export function renderDataAsOf(el, iso) {
  if (!el) return;
  if (iso) { el.dataset.asOf = iso; }
  const value = el.dataset.asOf;
  setText(el, value ? `数据截至 ${fmtDateTimeCn(value)}` : '数据截至 —（尚无报送）');
}

/** The 示例数据 badge, shown whenever the sample split is in use. */
export function renderSample(badge, sampleSplit, notice) {
  if (!badge) return;
  badge.hidden = !sampleSplit;
  if (notice) badge.title = notice;
}

/** Alerts ticker (督办): live ones (待答复 / 已答复), worst first; "暂无未办结督办" with none. Text is set as text only.
 * A unit's own page leaves out its name on every line (withUnit false), and says by when each open one must be answered
 * with a link to /alerts, where it is answered (withAnswer); the wall and target pages show neither. */
export function renderAlerts(container, plan, alerts, { withUnit = true, withAnswer = false } = {}) {
  container.replaceChildren();
  const live = liveAlerts(alerts);
  container.dataset.count = String(live.length);
  if (live.length === 0) {
    container.appendChild(h('span', { class: 'alert-none' }, '暂无未办结督办'));
    return;
  }
  for (const a of live) {
    const days = planDaysSince(awaitingSince(a), planClock);
    container.appendChild(h('span', { class: `alert-item sev-${a.severity}`, dataset: { alertId: a.id, alertUnit: a.unit, alertTarget: a.target ?? '', ageDays: days ?? '' } },
      withUnit ? h('b', {}, unitName(plan, a.unit)) : null, withUnit ? ' · ' : null,
      a.target ? (plan.targetById.get(a.target)?.name ?? a.target) : '各项目标',
      ' · ', alertRuleText(a, a.target ? plan.targetById.get(a.target) : null),
      ' · ', alertStateText(a, days),
      withAnswer && a.state === 'open' && a.answerBy ? ` · 请于${fmtDateCn(a.answerBy)}前答复` : null,
      withAnswer ? [' · ', h('a', { href: `/alerts?unit=${encodeURIComponent(a.unit)}`, class: 'alert-answer' }, a.state === 'open' ? '去答复' : '查看答复')] : null));
  }
}

/** A live 督办's state in a list: "已答复，承诺 2025年11月30日 前" (the date as /alerts writes it), or "待答复 N 天" (plan
 * calendar days since it began waiting, "待答复 不足 1 天" on its first day; just "待答复" while the plan clock is unknown). */
export function alertStateText(a, days) {
  if (a.state === 'acknowledged') return `已答复，承诺 ${a.promisedBy ? fmtDateCn(a.promisedBy) : '—'} 前`;
  return days === null ? '待答复' : `待答复 ${fmtWaitDays(days)}`;
}

/** The live (not closed) alerts, worst first then oldest. */
export function liveAlerts(alerts) {
  return (alerts ?? []).filter(a => a.state === 'open' || a.state === 'acknowledged')
    .sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) || a.openedAt.localeCompare(b.openedAt));
}

/** The name a ticker shows for an alert's rule (较序时落后 12.0 个百分点…); `def` is the alert's target, when known. */
export function alertRuleText(a, def) {
  return ratioRuleText(a, def) ?? RULE_TEXT[a.rule]?.(a.points) ?? a.rule;
}

/** A ratio target's lag 督办 in the words the server's message uses (AlertMessages): its points are of 完成率, i.e. a
 * share of the target ("较目标低 16.2%" for 1.68% against 2%), never "个百分点", which reads as points of the ratio
 * itself. Null for other targets and rules. */
export function ratioRuleText(a, def) {
  if (def?.kind !== 'ratio' || typeof a?.points !== 'number') return null;
  if (a.rule === 'behind') return `较目标低 ${a.points.toFixed(1)}%`;
  if (a.rule === 'falling-fast') return `较目标差距扩大 ${a.points.toFixed(1)}%`;
  return null;
}

/** Replaces alerts by id with newer versions (longer history wins). */
export function mergeAlerts(current, incoming) {
  const byId = new Map((current ?? []).map(a => [a.id, a]));
  for (const a of incoming ?? []) {
    const held = byId.get(a.id);
    if (!held || (a.history?.length ?? 0) >= (held.history?.length ?? 0)) byId.set(a.id, a);
  }
  return [...byId.values()];
}

const SEVERITY_ORDER = { red: 0, orange: 1, yellow: 2, info: 3 };
const RULE_TEXT = {
  'behind': p => `较序时落后 ${p.toFixed(1)} 个百分点`,
  'will-miss': () => '预计完不成全年目标',
  'falling-fast': p => `差距扩大 ${p.toFixed(1)} 个百分点`,
  'not-reported': p => `${p.toFixed(0)} 项未报送`,
  'milestone-overdue': p => `节点逾期 ${p.toFixed(0)} 天`,
};
