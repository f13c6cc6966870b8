// Why a unit tile has its colour. The tile's light is the unit's worst target light, its place the 赛马 score (every
// judged target's 完成率 ÷ 序时进度): the two measure different things, so a tile that ranks high may be red. The tile
// says which of its targets make it so, and grey (nothing to judge yet) shows no figure.
import { LIGHT_TEXT } from './common.js';

/** { text, parts, title } for a unit's card (UnitCard) under its light: `parts` are the pieces of `text` (红灯 2 项, 黄灯
 * 1 项, 待核实 1), which a tile may wrap between but never within. */
export function unitTileReason(card, light) {
  if (!card || light === 'grey') {
    return { text: '', parts: [], title: '暂无评价：尚无可评价的目标（未到节点或尚无报送）' };
  }
  const parts = [];
  if (light === 'red' && card.redTargets > 0) parts.push(`红灯 ${card.redTargets} 项`);
  if ((light === 'red' || light === 'yellow') && card.yellowTargets > 0) parts.push(`黄灯 ${card.yellowTargets} 项`);
  if (card.pendingReviewTargets > 0) parts.push(`待核实 ${card.pendingReviewTargets}`);
  const judged = card.judgedTargets ?? null;
  const title = `${LIGHT_TEXT[light] ?? light}（按最差一项目标）`
    + (judged !== null ? `：可评价目标 ${judged} 项，红灯 ${card.redTargets ?? 0} 项，黄灯 ${card.yellowTargets ?? 0} 项` : '')
    + (card.pendingReviewTargets > 0 ? `；${card.pendingReviewTargets} 项数值待核实` : '')
    + '。排名按赛马得分，与灯色分别评定。';
  return { text: parts.join(' · '), parts, title };
}
