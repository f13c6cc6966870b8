// A pager for long lists: 共 N 条 · 第 a–b 条 with 上一页 / 下一页, so a page renders a bounded number of rows however many
// there are (a national plan has thousands of 督办).
import { h, fmtNum } from './common.js';

/** Fills `box` for `total` items shown from `offset`, `size` a page; `go(offset)` moves. Hidden when one page holds all. */
export function renderPager(box, total, offset, size, go) {
  if (!box) return;
  box.dataset.total = String(total);
  box.dataset.offset = String(offset);
  const last = Math.max(0, Math.ceil(total / size) - 1);
  const pageNo = Math.min(Math.floor(offset / size), last);
  const shown = Math.max(0, Math.min(size, total - offset));
  box.hidden = total <= size && offset === 0;
  box.replaceChildren(
    h('span', { class: 'pager-text' }, `共 ${fmtNum(total, 0)} 条`,
      shown > 0 ? `，第 ${fmtNum(offset + 1, 0)}–${fmtNum(offset + shown, 0)} 条（第 ${pageNo + 1}/${last + 1} 页）` : ''),
    h('button', { class: 'btn', type: 'button', dataset: { page: 'first' }, disabled: pageNo === 0 ? true : null, onclick: () => go(0) }, '首页'),
    h('button', { class: 'btn', type: 'button', dataset: { page: 'prev' }, disabled: pageNo === 0 ? true : null, onclick: () => go(Math.max(0, offset - size)) }, '上一页'),
    h('button', { class: 'btn', type: 'button', dataset: { page: 'next' }, disabled: pageNo >= last ? true : null, onclick: () => go(offset + size) }, '下一页'),
    h('button', { class: 'btn', type: 'button', dataset: { page: 'last' }, disabled: pageNo >= last ? true : null, onclick: () => go(last * size) }, '末页'));
}
