// The wall's page for the milestone tasks (平台建设、重点改革、党建任务…, the plan's non-quantitative targets): per
// responsible unit, each task's nodes by month — done, due this month, overdue, not yet due — in plan time. Live over
// /hubs/live (WatchWall: its snapshot carries every city target, milestones included). Part of the kiosk rotation.
import {
  h, setText, fmtNum, fmtDateCn, LIGHT_TEXT, loadPlan, unitName, clearLoadError, LiveWatch, mergeByKey, connectionIndicator, renderDataAsOf, renderSample, planClock, applyKiosk, startRotation, linkOrBox,
} from './common.js';
import { milestoneRows, wallPlaylist } from './milestone-rows.js';

applyKiosk();

const $ = id => document.getElementById(id);
const state = { plan: null, cities: new Map(), dataAsOf: null };
const GROUP_NAME = { platform: '平台建设', measure: '重点改革与党建任务', main: '主要目标' };

async function main() {
  planClock.start($('clock'));
  const setState = connectionIndicator($('conn'), $('stale'));
  const plan = state.plan = await loadPlan();
  clearLoadError();
  setText($('plan-title'), plan.title ?? '全市科技工作要点');
  document.title = `${plan.title ?? ''} · 节点任务`;
  renderSample($('sample-badge'), plan.sampleSplit, plan.sampleNotice);
  render();
  new LiveWatch({
    watch: 'WatchWall',
    onSnapshot: view => {
      planClock.fromView(view);
      state.cities = new Map((view.cities ?? []).map(c => [c.target, c]));
      state.dataAsOf = view.dataAsOf ?? null;
      render();
    },
    onChanges: update => {
      mergeByKey(state.cities, update.cities, c => c.target);
      if (update.dataAsOf && (!state.dataAsOf || Date.parse(update.dataAsOf) > Date.parse(state.dataAsOf))) state.dataAsOf = update.dataAsOf;
      render();
    },
    onState: setState,
  }).start();
  // The month changes with the plan clock, not only with reports.
  setInterval(render, 60000);
  startRotation(() => wallPlaylist(plan, state.cities));
}

function render() {
  const plan = state.plan;
  renderDataAsOf($('data-as-of'), state.dataAsOf);
  const today = planClock.now();
  const { rows, month, totals } = milestoneRows(plan, state.cities, today, planClock.synced);
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  $('ms-head').replaceChildren(
    h('th', {}, '责任单位'), h('th', {}, '任务'),
    ...months.map(m => h('th', { class: `m${m === month ? ' now' : ''}` }, `${m}月`)),
    h('th', {}, '完成情况'));
  const table = $('ms-table');
  if (!table.querySelector('colgroup')) {
    table.prepend(h('colgroup', {}, h('col', { class: 'c-unit' }), h('col', { class: 'c-name' }), ...months.map(() => h('col', {})), h('col', { class: 'c-state' })));
  }
  const body = [];
  let group = null;
  for (const r of rows) {
    if (r.group !== group) {
      group = r.group;
      const inGroup = rows.filter(x => x.group === group);
      body.push(h('tr', { class: 'group' }, h('td', { colspan: 15 }, GROUP_NAME[group] ?? group,
        h('small', {}, `${inGroup.length} 项任务，逾期节点 ${inGroup.reduce((n, x) => n + x.overdue, 0)} 个`))));
    }
    body.push(h('tr', { dataset: { target: r.id, light: r.light, overdue: r.overdue } },
      h('td', { class: 'resp', title: r.responsible }, r.responsible),
      h('td', { class: 'name', title: r.name }, linkOrBox('span', `/targets/${encodeURIComponent(r.id)}`, {}, h('i', { class: 'dot', dataset: { light: r.light } }), r.name)),
      ...months.map(m => h('td', { class: `m${m === month ? ' now' : ''}` },
        ...r.nodes.filter(n => n.month === m).map(n => h('i', {
          class: 'ms-chip', dataset: { status: n.status, milestone: n.id },
          title: `${n.name}：${fmtDateCn(n.due)}到期，${n.statusText}`,
        }, n.status === 'done' ? '✓' : n.status === 'overdue' ? '逾期' : `${n.day}日`)))),
      h('td', { class: 'state' }, `${r.done}/${r.nodes.length}`, r.overdue ? h('span', { class: 'od' }, `逾期 ${r.overdue}`) : null)));
  }
  if (body.length === 0) body.push(h('tr', {}, h('td', { colspan: 15, class: 'muted' }, '计划中没有节点类任务')));
  table.tBodies[0].replaceChildren(...body);
  const s = $('ms-summary');
  s.dataset.done = totals.done; s.dataset.due = totals.due; s.dataset.overdue = totals.overdue;
  s.replaceChildren(
    h('span', {}, `节点任务 `, h('b', {}, fmtNum(rows.length, 0)), ' 项，节点 ', h('b', {}, fmtNum(totals.nodes, 0)), ' 个'),
    h('span', { class: 'done' }, '已完成 ', h('b', {}, fmtNum(totals.done, 0))),
    h('span', { class: 'due' }, `${month ?? ''}月到期未完成 `, h('b', {}, fmtNum(totals.due, 0))),
    h('span', { class: 'overdue' }, '逾期 ', h('b', {}, fmtNum(totals.overdue, 0))),
    h('span', {}, '未到期 ', h('b', {}, fmtNum(totals.pending, 0))));
}

main();
