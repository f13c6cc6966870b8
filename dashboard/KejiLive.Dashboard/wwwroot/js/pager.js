// The one pager of every paged list (督办台账, 待核实, a large target's breakdown): 共 N 条，第 a–b 条（第 p/q 页） with
// 首页 / 上一页 / 下一页 / 末页, so a page renders a bounded number of rows however many there are (a national plan has
// thousands of 督办 and 2,850 units). Styled once, in pages.css.
import { h, fmtNum } from './common.js';

/** The offset of the last page of `total` items, `size` a page (0 for none). */
export function lastPageOffset(total, size) {
  return Math.max(0, Math.ceil(total / size) - 1) * size;
}

/**
 * Fills `box` for `total` items shown from `offset`, `size` a page; `go(offset)` moves. `measure` is the measure word
 * the count is written with (条; 个 with `what` 单位 gives 共 2,850 个单位，第 51–100 个). Hidden when one page holds all.
 */
export function renderPager(box, total, offset, size, go, { measure = '条', what = '' } = {}) {
  if (!box) return;
  const last = Math.max(0, Math.ceil(total / size) - 1);
  const pageNo = Math.min(Math.floor(offset / size), last);
  const shown = Math.max(0, Math.min(size, total - offset));
  box.dataset.total = String(total);
  box.dataset.offset = String(offset);
  box.dataset.page = String(pageNo);
  box.hidden = total <= size && offset === 0;
  const button = (text, name, enabled, to) =>
    h('button', { class: 'pager-btn control', type: 'button', dataset: { page: name }, disabled: enabled ? null : true, onclick: () => go(to) }, text);
  box.replaceChildren(
    h('span', { class: 'pager-text' }, `共 ${fmtNum(total, 0)} ${measure}${what}`,
      shown > 0 ? `，第 ${fmtNum(offset + 1, 0)}–${fmtNum(offset + shown, 0)} ${measure}（第 ${fmtNum(pageNo + 1, 0)}/${fmtNum(last + 1, 0)} 页）` : ''),
    h('span', { class: 'pager-buttons' },
      button('首页', 'first', pageNo > 0, 0),
      button('上一页', 'prev', pageNo > 0, Math.max(0, offset - size)),
      button('下一页', 'next', pageNo < last, offset + size),
      button('末页', 'last', pageNo < last, last * size)));
}

/** Empties and hides `box`: a list shown whole has no pager. */
export function clearPager(box) {
  if (!box) return;
  box.hidden = true;
  box.replaceChildren();
  delete box.dataset.total;
  delete box.dataset.offset;
  delete box.dataset.page;
}
