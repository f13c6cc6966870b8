// Excel 填报 for a unit's reporter: download the unit's template, upload it filled in, and read what was accepted — or,
// when anything is wrong, every cell at fault (the upload is all or nothing). Admins may pick any unit; a unit reporter
// only has its own. Everything shown comes from the server as text (h() never parses HTML).
import { h, setText, loadPlan, fetchJson, clearLoadError, renderSample, fmtNum } from './common.js';
import { LIGHT_TEXT } from './format.js';

const $ = id => document.getElementById(id);
const OUTCOME = { created: '已接收', duplicate: '重复（已接收过）' };

async function main() {
  const [plan, me] = await Promise.all([loadPlan(), fetchJson('/api/me')]);
  clearLoadError();
  renderSample($('sample-badge'), plan.sampleSplit, plan.sampleNotice);
  const roleName = { admin: '管理员', leader: '领导', unit: '单位填报员', viewer: '只读' }[me.role] ?? me.role;
  setText($('who'), `${me.name} · ${roleName}`);

  const select = $('unit');
  const units = me.role === 'unit' ? plan.units.filter(u => u.id === me.unit) : plan.units.filter(u => u.kind !== 'city' || me.role !== 'unit');
  for (const u of units) select.appendChild(h('option', { value: u.id }, u.name));
  if (me.unit) select.value = me.unit;
  select.disabled = units.length < 2;
  const canUpload = me.role === 'admin' || me.role === 'unit';
  $('send').disabled = !canUpload;
  if (!canUpload) show('只能下载', '当前令牌的角色不能上传填报；上传须用单位填报员或管理员的令牌。', null);

  wireDatePicker(plan.year);
  wireFilePicker();
  const refreshLink = () => {
    const asOf = $('as-of').value;
    $('download').href = `/api/units/${encodeURIComponent(select.value)}/template` + (asOf ? `?asOf=${asOf}` : '');
  };
  select.addEventListener('change', refreshLink);
  $('as-of').addEventListener('change', refreshLink);
  refreshLink();

  $('upload').addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = $('file').files[0];
    if (!file) { show('请先选择文件', '点“选择文件”，选中填好的模板（XLSX）后再上传。', null); return; }
    const body = new FormData();
    body.append('file', file);
    const asOf = $('as-of').value;
    $('send').disabled = true;
    show('正在校验…', file.name, null);
    try {
      const res = await fetch(`/api/units/${encodeURIComponent(select.value)}/upload` + (asOf ? `?asOf=${asOf}` : ''), { method: 'POST', body, cache: 'no-store' });
      const json = await res.json().catch(() => ({}));
      if (res.ok) accepted(res.status, json, plan);
      else refused(res.status, json);
    } catch (err) {
      show('上传失败', String(err?.message ?? err), null);
    } finally {
      $('send').disabled = !canUpload;
    }
  });
}

/** 年 / 月 / 日 selects writing yyyy-MM-dd (or '' for the template's default date) into #as-of, firing its change. */
function wireDatePicker(year) {
  const y = $('as-of-year'), m = $('as-of-month'), d = $('as-of-day'), out = $('as-of');
  y.append(h('option', { value: '' }, '默认日期'), h('option', { value: String(year) }, `${year}年`));
  m.append(h('option', { value: '' }, '—月'), ...Array.from({ length: 12 }, (_, i) => h('option', { value: String(i + 1).padStart(2, '0') }, `${i + 1}月`)));
  const days = () => {
    const held = d.value;
    const n = y.value && m.value ? new Date(Date.UTC(Number(y.value), Number(m.value), 0)).getUTCDate() : 31;
    d.replaceChildren(h('option', { value: '' }, '—日'), ...Array.from({ length: n }, (_, i) => h('option', { value: String(i + 1).padStart(2, '0') }, `${i + 1}日`)));
    if (held && Number(held) <= n) d.value = held;
  };
  const write = () => {
    const value = y.value && m.value && d.value ? `${y.value}-${m.value}-${d.value}` : '';
    const both = !!y.value;
    m.disabled = !both; d.disabled = !both;
    if (out.value !== value) { out.value = value; out.dispatchEvent(new Event('change')); }
  };
  y.addEventListener('change', () => { days(); write(); });
  m.addEventListener('change', () => { days(); write(); });
  d.addEventListener('change', write);
  days();
  write();
}

function wireFilePicker() {
  const input = $('file');
  const label = document.querySelector('label[for="file"]');
  input.addEventListener('change', () => setText($('file-name'), input.files[0]?.name ?? '未选择文件'));
  label?.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });
}

// A figure far outside the unit's own history is kept but marked 待核实: the reporter is told here, with what it means
// and what to do if it was a typing slip, instead of reading 已接收 alone.
const REVIEW_NOTE = '与本单位以往报送相差很大，已标为“待核实”：数值已保存，市科技局核实前不据此发起或调整督办。'
  + '如填错，请改正后重新上传（低于原值时“更正”列填“是”）。';

function accepted(status, json, plan) {
  const reports = json.reports ?? [];
  const marked = reports.filter(r => r.state?.pendingReview);
  const rows = reports.map(r => h('tr', { dataset: r.state?.pendingReview ? { outcome: r.outcome, review: 'pending' } : { outcome: r.outcome } },
    h('td', {}, r.cell ?? ''), h('td', { class: 'l' }, plan.targetById.get(r.target)?.name ?? r.target),
    h('td', {}, fmtNum(r.value, 2)),
    h('td', { class: 'l' }, OUTCOME[r.outcome] ?? r.outcome, r.state?.pendingReview ? h('span', { class: 'review-tag' }, ' · 待核实') : null),
    h('td', { class: 'l wrap' }, r.state?.light ? LIGHT_TEXT[r.state.light] ?? '' : '',
      r.state?.explanation ? h('div', { class: 'muted light-why' }, r.state.explanation) : null)));
  const items = (json.items ?? []).filter(i => (i.duplicates ?? []).length > 0)
    .map(i => `${plan.targetById.get(i.target)?.name ?? i.target}：${i.duplicates.length} 条与其他单位重复，未计入，已报市科技局核实`);
  show(status === 201 ? '已接收' : '没有新内容（此前已接收过相同数据）',
    [`数据截止 ${json.asOf ?? ''}，共 ${rows.length} 项。`, ...items,
      ...(marked.length ? [`其中 ${marked.map(r => r.cell ?? plan.targetById.get(r.target)?.name ?? r.target).join('、')} ${REVIEW_NOTE}`] : [])].join(' '),
    [h('tr', {}, h('th', {}, '单元格'), h('th', { class: 'l' }, '指标'), h('th', {}, '本期累计值'), h('th', { class: 'l' }, '结果'),
      h('th', { class: 'l' }, '当前灯色（判灯依据）')), ...rows]);
}

function refused(status, json) {
  const errors = Object.entries(json.errors ?? {}).flatMap(([cell, messages]) => messages.map(m => [cell, m]));
  const rows = errors.map(([cell, m]) => h('tr', { class: 'error-row' }, h('td', { class: 'l' }, cell), h('td', { class: 'l note' }, m)));
  const title = status === 400 ? `整份未接收：${errors.length || ''} 处需要修改` : `未接收（${status}）`;
  show(title, errors.length ? '请按下表逐格修改后重新上传。' : (json.detail ?? json.title ?? ''),
    rows.length ? [h('tr', {}, h('th', { class: 'l' }, '位置'), h('th', { class: 'l' }, '问题')), ...rows] : null);
}

function show(title, detail, rows) {
  $('result').hidden = false;
  $('result').dataset.state = title;
  setText($('result-title'), title);
  setText($('result-detail'), detail);
  const table = $('result-table');
  table.replaceChildren(...(rows ?? []));
  table.hidden = !rows;
}

main().catch(err => {
  const box = $('load-error');
  box.hidden = false;
  setText(box, `页面加载失败：${err?.message ?? err}`);
});
