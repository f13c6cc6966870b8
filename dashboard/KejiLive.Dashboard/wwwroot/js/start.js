// 首页: where each role goes next — the wall, 督办, 待核实, 填报, the weekly packs, administration. Signed out: a way to
// sign in. The links follow the role from /api/me; the server still checks every page and call.

import { h, setText, planClock } from './common.js';
import { ROLE_TEXT, startPlanClock } from './office.js';

const CARDS = [
  { href: '/wall', title: '监测大屏', text: '全市目标进度、红黄绿灯、赛马排名与督办', roles: ['admin', 'leader', 'unit', 'viewer'] },
  { href: '/alerts', title: '督办台账', text: '督办的发起、答复、升级与销号', roles: ['admin', 'leader', 'unit', 'viewer'], unitText: '本单位的督办：填写整改措施和承诺完成时间' },
  { href: '/review', title: '待核实', text: '异常跳变的报送：确认或退回', roles: ['admin', 'leader'] },
  { href: '/whatif', title: '调剂测算', text: '假设把某单位的目标或差额调给其他单位：看各单位与全市的灯和年末预计，可导出', roles: ['admin', 'leader'] },
  { href: '/fill', title: 'Excel 填报', text: '下载本单位填报模板，填好后上传', roles: ['admin', 'unit'] },
  { href: '/reports', title: '周调度材料', text: '每周一生成的调度会材料（网页与 Excel）', roles: ['admin', 'leader', 'viewer'] },
  { href: '/admin/tokens', title: '令牌管理', text: '发放、吊销访问令牌', roles: ['admin'] },
  { href: '/admin/silences', title: '静默管理', text: '节假日、会议期间暂缓通知', roles: ['admin'] },
];

async function main() {
  let me = null;
  try {
    const res = await fetch('/api/me', { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (res.ok) me = await res.json();
  } catch { /* server away: the sign-in link stays */ }
  startPlanClock(document.getElementById('clock')).catch(() => planClock.start(null));
  const sign = document.getElementById('sign');
  if (!me || !me.role) return;
  setText(document.getElementById('who'), `${me.name}（${ROLE_TEXT[me.role] ?? me.role}）`);
  sign.textContent = '退出';
  sign.href = '/login';
  sign.addEventListener('click', async e => {
    e.preventDefault();
    await fetch('/api/session', { method: 'DELETE' });
    location.replace('/login');
  });
  setText(document.getElementById('greeting'), `您好，${me.name}。请选择要办理的事项：`);
  const cards = CARDS.filter(c => c.roles.includes(me.role)).map(c =>
    h('a', { class: 'start-card', href: c.href }, h('b', {}, c.title), h('span', {}, me.role === 'unit' && c.unitText ? c.unitText : c.text)));
  document.getElementById('start').replaceChildren(...cards);
}

main();
