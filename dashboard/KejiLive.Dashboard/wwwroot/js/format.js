// Number and date formats as Chinese officials write them (rates 45.3%, 个百分点, 2025年6月30日), in Asia/Shanghai.
// Split from common.js, which re-exports everything here.

const MINUS = '\u2212';
const numberFormats = new Map();

/** 12,345.6 — thousands separators, at most `digits` decimals (trailing zeros dropped unless `fixed`). */
export function fmtNum(value, digits = 1, fixed = false) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const key = `${digits}:${fixed}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: fixed ? digits : 0 });
    numberFormats.set(key, f);
  }
  return f.format(value).replace('-', MINUS);
}

/** A fraction as 45.3%. */
export function fmtRate(fraction, digits = 1) {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return '—';
  return `${fmtNum(fraction * 100, digits, true)}%`;
}

/** Percentage points with sign: +2.1 个百分点 / −12.4 个百分点 (numberOnly: +2.1, for a layout that writes 个百分点
 * beside it). Never "pp": the wall is read by officials. */
export function fmtPp(points, numberOnly = false) {
  if (points === null || points === undefined || Number.isNaN(points)) return '—';
  const rounded = Math.round(points * 10) / 10;
  const sign = rounded > 0 ? '+' : rounded < 0 ? MINUS : '±';
  const body = `${sign}${fmtNum(Math.abs(rounded), 1, true)}`;
  return numberOnly ? body : `${body} 个百分点`;
}

/** 较序时 as a page shows it: { label, number, title }. A ratio in % (研发投入强度 1.68% against 2%) is read in its own
 * percentage points against its target ("较目标 −0.32"): its 序时进度 is the target itself all year, and "较序时 −16.2
 * 个百分点" (points of 完成率, what the light is judged on) read as 16 points of R&D intensity. Other targets: points of
 * 完成率 against 序时进度, as judged. */
export function gapShown(def, s) {
  if (def?.kind === 'ratio' && def.measure === '%' && Number.isFinite(s?.actual) && Number.isFinite(s?.annualTarget)) {
    const d = Math.round((s.actual - s.annualTarget) * 100) / 100;
    const sign = d > 0 ? '+' : d < 0 ? MINUS : '±';
    return { label: '较目标', number: `${sign}${fmtNum(Math.abs(d), 2, true)}`, title: `${fmtNum(s.actual, 2)}% 较目标 ${fmtNum(s.annualTarget, 2)}% 的差；完成率 ${fmtRate(s.completionRate)}，较目标 ${fmtPp(s.gapPoints)}（灯色按此判定）` };
  }
  return { label: '较序时', number: fmtPp(s?.gapPoints, true), title: null };
}

/** Whole calendar days (Asia/Shanghai) from `iso` to the plan clock's today (0 when in the future), as the server counts
 * them (ShanghaiTime.DaysBetween): opened at 09:34 on 20 October, 1 day on 21 October at 00:41. Null while the plan clock
 * is not known yet — never the browser's own clock, which a demo or a pinned server does not follow. */
export function planDaysSince(iso, clock) {
  if (!clock?.synced || !iso) return null;
  const from = shanghaiParts(iso);
  const to = shanghaiParts(clock.now());
  if (!from || !to) return null;
  return Math.max(0, Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / 86400000));
}

/** A wait in whole plan days as people read it: "3 天", or "不足 1 天" on its first day ("0 天" reads as no time left). */
export function fmtWaitDays(days) {
  return days === 0 ? '不足 1 天' : `${days} 天`;
}

/** When a 督办's current wait for an answer began: its open, or its latest reopen (the server's `awaitingSince`). What
 * "待答复 N 天" counts from. */
export function awaitingSince(alert) {
  return alert?.awaitingSince ?? alert?.openedAt;
}

/** The date 序时进度 is read at: "截至2025年9月30日", or for a city whose units are read at different dates (each unit's
 * newest figure against the plan at its own date) "各单位截至2025年8月31日至9月30日". */
export function scheduleAsOf(s) {
  if (!s?.scheduleDate) return '';
  if (!s.scheduleDateLatest) return `截至${fmtDateCn(s.scheduleDate)}`;
  const to = fmtDateCn(s.scheduleDateLatest);
  const sameYear = s.scheduleDate.slice(0, 4) === s.scheduleDateLatest.slice(0, 4);
  return `各单位截至${fmtDateCn(s.scheduleDate)}至${sameYear ? to.replace(/^\d+年/, '') : to}`;
}

/** 2025-06-30 → 2025年6月30日 (prose). Accepts a date string or an ISO instant (read in Asia/Shanghai). */
export function fmtDateCn(value) {
  const p = shanghaiParts(value);
  return p ? `${p.year}年${p.month}月${p.day}日` : '—';
}

/** 2025-06-30 (tables). */
export function fmtDate(value) {
  const p = shanghaiParts(value);
  return p ? `${p.year}-${pad(p.month)}-${pad(p.day)}` : '—';
}

/** 2025年10月15日 09:00 (prose with time). */
export function fmtDateTimeCn(value) {
  const p = shanghaiParts(value);
  return p ? `${p.year}年${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}` : '—';
}

/** 2025-10-15 09:00 (tables). */
export function fmtDateTime(value) {
  const p = shanghaiParts(value);
  return p ? `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}` : '—';
}

export function pad(n) { return String(n).padStart(2, '0'); }

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric',
  hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23',
});

/** Calendar parts in Asia/Shanghai; a bare yyyy-MM-dd is taken as that calendar day. */
export function shanghaiParts(value) {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return { year: y, month: m, day: d, hour: 0, minute: 0, second: 0 };
  }
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const parts = Object.fromEntries(shanghai.formatToParts(date).map(p => [p.type, p.value]));
  return { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour, minute: +parts.minute, second: +parts.second };
}

/** A value of a target in its own measure: "1,234 家", "2.1%", "第3名". */
export function fmtValue(def, value, withMeasure = true) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (def?.kind === 'rank') return value > 0 ? `第${fmtNum(value, 0)}名` : '—';
  const measure = def?.measure ?? '';
  // Things counted whole (家, 个, 项…) are never shown with decimals, also not in forecasts and shortfalls.
  const whole = ['家', '个', '项', '名', '人', '支'].includes(measure);
  const digits = whole ? 0 : measure === '%' ? 2 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 1 ? 1 : 2;
  const text = fmtNum(value, digits);
  if (!withMeasure || !measure) return text;
  return measure === '%' ? `${text}%` : `${text} ${measure}`;
}

/** How far a ratio is below its own target, after 差: "0.12 个百分点" for a % measure, else in the measure. A shortfall
 * too small to show at two decimals reads "不足 0.01 个百分点", never "0" beside a unit listed as behind. */
export function fmtRatioShort(def, short) {
  if (short === null || short === undefined || Number.isNaN(short)) return '—';
  const tiny = short > 0 && short < 0.005;
  const shown = tiny ? 0.01 : short;
  const text = def?.measure === '%' ? `${fmtNum(shown, 2)} 个百分点` : fmtValue(def, shown);
  return tiny ? `不足 ${text}` : text;
}

/** The annual target in words: "200 家", "前3名", "6–10 个". */
export function fmtTarget(def, annual, stretch) {
  if (def?.kind === 'rank') return `前${fmtNum(annual, 0)}名`;
  if (stretch !== null && stretch !== undefined && stretch !== annual) {
    return `${fmtValue(def, annual, false)}–${fmtValue(def, stretch)}`;
  }
  return fmtValue(def, annual);
}

export const LIGHT_TEXT = { green: '绿灯', yellow: '黄灯', red: '红灯', grey: '暂无评价' };
export const LIGHT_ORDER = { red: 0, yellow: 1, green: 2, grey: 3 };

