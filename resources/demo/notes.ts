/**
 * What the demo client's CCO entered for the pack of the latest quarter: actions with owners and
 * due dates, and the decisions requested of the board. Key messages are left to be generated.
 */
import type { PeriodNotes } from '../../src/core/store';

export function demoNotes(period: string): PeriodNotes {
  const year = Number(period.slice(0, 4)) || 2026;
  return {
    messages: null,
    actions: [
      {
        what: 'Cut onboarding from twelve to six weeks: one named implementation lead per new account',
        owner: 'VP Customer Success',
        due: `${year}-12-15`,
        status: 'in progress',
      },
      {
        what: 'Support: no ticket closed without the customer confirming the fix; weekly review of reopened tickets',
        owner: 'Head of Support',
        due: `${year}-11-30`,
        status: 'open',
      },
      {
        what: 'Call back every detractor account above the median MRR within five working days',
        owner: 'Account Management',
        due: `${year}-10-31`,
        status: 'open',
      },
      {
        what: 'Share the staff-vs-customer gap results with every team that owns a touchpoint',
        owner: 'Chief Customer Officer',
        due: `${year}-11-15`,
        status: 'done',
      },
    ],
    decisions: [
      'Approve two additional onboarding specialists for the next two quarters.',
      'Adopt a net revenue retention target of 105% as a board-level KPI for next year.',
    ],
  };
}
