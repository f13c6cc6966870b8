// A target's chart on its drill-down page: the plan curve (序时) with its yellow and red bands, the reported steps held
// to today, and the year-end forecast cone, in ECharts, scaled with the page's rem (4K walls). Split from target.js.
import { fmtValue, fmtNum, fmtDate, fmtDateCn, escapeHtml, planClock } from './common.js';

/** Draws trajectory `t` (GET /api/targets/{t}/trajectory) of target `def` for plan year `year` into `chart`. */
export function drawCurve(chart, def, year, t) {
  const isRank = def.kind === 'rank';
  const pts = t.points ?? [];
  const day = p => p.date;
  const expected = pts.map(p => [day(p), p.expected]);
  const yellow = pts.map(p => [day(p), p.yellowLine]);
  const red = pts.map(p => [day(p), p.redLine]);
  // Stacked bands: transparent base at the red line, then red→yellow, then yellow→expected.
  const base = pts.map(p => [day(p), Math.min(p.redLine, p.yellowLine, p.expected)]);
  const redBand = pts.map(p => [day(p), Math.max(0, Math.min(p.yellowLine, p.expected) - Math.min(p.redLine, p.yellowLine, p.expected))]);
  const yellowBand = pts.map(p => [day(p), Math.max(0, p.expected - Math.min(p.yellowLine, p.expected))]);

  const now = todayIso();
  const actual = (t.actual ?? []).map(a => [a.date, a.value]);
  // Hold the last reported value up to today, so the step line shows how long it has stood still.
  if (actual.length && actual[actual.length - 1][0] < now) actual.push([now, actual[actual.length - 1][1]]);
  const last = actual.length ? actual[actual.length - 1] : null;
  const yearEnd = pts.length ? pts[pts.length - 1].date : `${year}-12-31`;
  const f = t.forecast;
  const cone = f && last && !isRank ? {
    base: [[last[0], last[1]], [yearEnd, f.low]],
    width: [[last[0], 0], [yearEnd, Math.max(0, f.high - f.low)]],
    mid: [[last[0], last[1]], [yearEnd, f.value]],
  } : null;

  const measure = def.measure === '%' ? '%' : def.measure;
  const fmt = v => fmtValue(def, v, false);
  const txt = '#cbd5e1';
  const k = parseFloat(getComputedStyle(document.documentElement).fontSize) / 16; // scales with the page (4K walls)
  const series = [
    { name: '_base', type: 'line', data: base, stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { opacity: 0 }, silent: true, tooltip: { show: false } },
    { name: '红灯区间', type: 'line', data: redBand, stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, itemStyle: { color: 'rgba(244,63,94,.6)' }, areaStyle: { color: 'rgba(244,63,94,.22)' }, silent: true },
    { name: '黄灯区间', type: 'line', data: yellowBand, stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, itemStyle: { color: 'rgba(250,204,21,.6)' }, areaStyle: { color: 'rgba(250,204,21,.22)' }, silent: true },
    { name: '计划（序时）', type: 'line', data: expected, symbol: 'none', itemStyle: { color: '#e2e8f0' }, lineStyle: { color: '#e2e8f0', type: 'dashed', width: 2 * k } },
    { name: '黄灯线', type: 'line', data: yellow, symbol: 'none', itemStyle: { color: 'rgba(250,204,21,.7)' }, lineStyle: { color: 'rgba(250,204,21,.7)', width: k } },
    { name: '红灯线', type: 'line', data: red, symbol: 'none', itemStyle: { color: 'rgba(244,63,94,.7)' }, lineStyle: { color: 'rgba(244,63,94,.7)', width: k } },
    { name: '实际累计', type: 'line', data: actual, step: 'end', symbol: 'circle', symbolSize: 8 * k, lineStyle: { color: '#60a5fa', width: 3.5 * k }, itemStyle: { color: '#60a5fa' },
      markLine: { symbol: 'none', silent: true, label: { formatter: '今天', color: txt, fontSize: 14 * k }, lineStyle: { color: '#94a3b8', type: 'dotted' }, data: [{ xAxis: now }] } },
  ];
  if (cone) {
    series.push(
      { name: '_cone', type: 'line', data: cone.base, stack: 'cone', symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { opacity: 0 }, silent: true, tooltip: { show: false } },
      { name: '预测区间', type: 'line', data: cone.width, stack: 'cone', symbol: 'none', lineStyle: { opacity: 0 }, itemStyle: { color: 'rgba(148,163,184,.6)' }, areaStyle: { color: 'rgba(148,163,184,.28)' }, silent: true },
      { name: '年底预测', type: 'line', data: cone.mid, symbol: 'diamond', symbolSize: 10 * k, lineStyle: { color: '#a5b4fc', type: 'dashed', width: 2 * k }, itemStyle: { color: '#a5b4fc' } });
  }
  const annual = t.annualTarget;
  chart.setOption({
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { fontFamily: '"WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif' },
    grid: { left: 70 * k, right: 30 * k, top: 50 * k, bottom: 40 * k },
    legend: { top: 0, itemWidth: 25 * k, itemHeight: 14 * k, textStyle: { color: txt, fontSize: 14 * k }, data: ['计划（序时）', '黄灯区间', '红灯区间', '实际累计', '年底预测', '预测区间'] },
    tooltip: {
      trigger: 'axis', backgroundColor: '#0b1325', borderColor: '#334155', textStyle: { color: '#e6edf7', fontSize: 14 * k },
      formatter: items => {
        const date = escapeHtml(fmtDateCn(items[0]?.value?.[0] ?? items[0]?.axisValue));
        const rows = items.filter(i => !i.seriesName.startsWith('_') && !i.seriesName.endsWith('区间'))
          .map(i => `${i.marker}${escapeHtml(i.seriesName)}：${escapeHtml(fmt(i.value[1]))}`);
        return [date, ...rows].join('<br>');
      },
    },
    xAxis: { type: 'time', min: `${year}-01-01`, max: yearEnd, axisLabel: { color: txt, fontSize: 14 * k, formatter: '{M}月' }, axisLine: { lineStyle: { color: '#475569' } }, splitLine: { show: false } },
    yAxis: { type: 'value', inverse: isRank, name: measure, nameTextStyle: { color: txt, fontSize: 14 * k }, axisLabel: { color: txt, fontSize: 14 * k, formatter: v => fmtNum(v, 2) }, splitLine: { lineStyle: { color: '#1e293b' } },
      max: v => niceCeil(Math.max(v.max, annual ?? 0) * 1.03) },
    series,
  }, { notMerge: true });
}

/** Rounds an axis maximum up to a round number (120, not 107.62). */
function niceCeil(x) {
  if (!(x > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(x)) / 5;
  return Math.ceil(x / step) * step;
}

function todayIso() {
  return fmtDate(planClock.now());
}
