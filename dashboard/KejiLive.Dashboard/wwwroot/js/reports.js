// 周调度材料 (/reports): the server writes the list of weeks; this gives the page the header every office page has — the
// navigation by role, who is signed in and the plan clock.

import { loadPlan, unitName, clearLoadError } from './common.js';
import { loadMe, startPlanClock, renderNav, renderWho } from './office.js';

async function main() {
  startPlanClock(document.getElementById('clock')).catch(() => {});
  let me;
  try {
    me = await loadMe();
  } catch { return; }
  renderNav(document.getElementById('nav'), me);
  // Only a unit's reporter is named with a unit: the plan is read for its name then.
  const plan = me.unit ? await loadPlan() : null;
  clearLoadError();
  renderWho(document.getElementById('who'), me, id => (plan ? unitName(plan, id) : id));
}

main();
