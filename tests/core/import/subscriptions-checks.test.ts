/** A subscriptions file's churn flag and overlapping subscriptions are read and reported. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/core/import';
import { openEngagement } from '../../../src/core/store';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

describe('subscriptions: churn flag and overlaps', () => {
  it('reports the overlapping account, the flagged churn and a flagged subscription with no end', async () => {
    const dir = tempDir();
    const file = join(dir, 'subs.csv');
    writeFileSync(
      file,
      [
        'subscription_id,account_id,start_date,end_date,mrr_amount,churn_flag',
        // A: two subscriptions overlapping in 2024-02 and 2024-03 (MRR 100 + 50 there).
        'S1,A,2024-01-10,2024-04-02,100,FALSE',
        'S2,A,2024-02-01,,50,FALSE',
        // B: one subscription ended in churn.
        'S3,B,2024-01-05,2024-03-20,80,TRUE',
        // C: flagged churned but no end date: runs to the horizon, its churn is not counted.
        'S4,C,2024-02-01,,60,TRUE',
      ].join('\n') + '\n',
    );
    const e = openEngagement(join(dir, 'e.cxb'));
    const report = await importFile(e.db, { file });
    expect(report.kind).toBe('subscriptions');
    expect(report.mapping?.fields.churned).toBe('churn_flag');
    const notes = report.notes.join('\n');
    expect(notes).toContain('1 account(s) have overlapping subscriptions (1 overlapping pair(s))');
    expect(notes).toContain('The churn flag marks 2 subscription(s) as churned');
    expect(notes).toMatch(/1 subscription\(s\) are flagged churned but have no end date/);
    // A's months: Jan 100, Feb–Mar 150 (both), Apr on 50 (S1 ended 2 April).
    const a = e.db
      .prepare(`SELECT period, mrr FROM revenue WHERE customer_id = 'A' AND active = 1 ORDER BY period`)
      .all();
    expect(a).toEqual([
      { period: '2024-01', mrr: 100 },
      { period: '2024-02', mrr: 150 },
      { period: '2024-03', mrr: 150 },
      { period: '2024-04', mrr: 50 },
    ]);
    e.close();
  });
});
