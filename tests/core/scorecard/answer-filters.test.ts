/**
 * Filters on what only the answers hold (their survey, their own attributes) also narrow the
 * revenue-linked KPIs, which read the NPS answers per account: a survey key keeps every NPS answer
 * or none, an answer attribute the answers that carry it (here exactly the Support answers, so the
 * figures must equal a Support touchpoint filter's).
 */
import { describe, expect, it } from 'vitest';
import { computeScorecard } from '../../../src/core/analysis';
import { refreshAggregates } from '../../../src/core/store';
import { useTempDir } from '../../helpers';
import { buildFixture } from './fixture';

const tempDir = useTempDir();
const ACCOUNT_KPIS = ['revenue-at-risk', 'nps-account-weighted'];

function accountKpis(card: ReturnType<typeof computeScorecard>) {
  const kpis = card.kpis.filter((k) => ACCOUNT_KPIS.includes(k.id) || k.id.startsWith('nps:revenue-band'));
  return kpis.map((k) => JSON.stringify({ id: k.id, value: k.value, n: k.n, details: k.details ?? null }));
}

describe('answer-only filters on the revenue-linked KPIs', () => {
  it('survey and answer-attribute filters narrow the per-account NPS answers', () => {
    const e = buildFixture(tempDir());
    e.db.exec(`UPDATE responses SET attributes = '{"queue":"support"}' WHERE touchpoint = 'Support'`);
    refreshAggregates(e.db);
    const period = '2026-Q1';
    const all = accountKpis(computeScorecard(e.db, { period }));
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.some((k) => (JSON.parse(k) as { n: number | null }).n)).toBe(true);
    expect(accountKpis(computeScorecard(e.db, { period, filters: { survey: 'nps' } }))).toEqual(all);
    const none = accountKpis(computeScorecard(e.db, { period, filters: { survey: 'csat' } }));
    expect(none.every((k) => !(JSON.parse(k) as { n: number | null }).n)).toBe(true);
    const support = accountKpis(computeScorecard(e.db, { period, filters: { touchpoint: 'Support' } }));
    expect(support).not.toEqual(all);
    expect(accountKpis(computeScorecard(e.db, { period, filters: { queue: 'support' } }))).toEqual(support);
    e.close();
  });
});
