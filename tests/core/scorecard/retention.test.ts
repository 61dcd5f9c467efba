/**
 * The retention rate shown equals its printed definition, (E − N) / S (DESIGN §6), on a
 * hand-worked revenue file where it differs from 1 − logo churn.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/core/import';
import { computeScorecard } from '../../../src/core/analysis';
import { openEngagement } from '../../../src/core/store';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

describe('customer retention rate on revenue data', () => {
  it('(E − N) / S: S = 3, E = 3, N = 2 → 33.33%, while logo churn is 1 of 3', async () => {
    // December: A, B, C active (S = 3). Q1: B lost in February; D new in January and still
    // active in March; E new in February and lost in March. End of March: A, C, D (E = 3).
    // New during Q1: D and E (N = 2). (E − N) / S = 1 / 3 = 33.33%; 1 − logo churn would be 66.67%.
    const mrr: Record<string, Record<string, number>> = {
      A: { '2023-12': 100, '2024-01': 100, '2024-02': 100, '2024-03': 100 },
      B: { '2023-12': 50, '2024-01': 50 },
      C: { '2023-12': 80, '2024-01': 80, '2024-02': 80, '2024-03': 90 },
      D: { '2024-01': 40, '2024-02': 40, '2024-03': 40 },
      E: { '2024-02': 30 },
    };
    const lines = ['customer_id,month,mrr'];
    for (const [id, months] of Object.entries(mrr))
      for (const [month, value] of Object.entries(months)) lines.push(`${id},${month},${value}`);
    const dir = tempDir();
    const file = join(dir, 'mrr.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const e = openEngagement(join(dir, 'e.cxb'));
    const report = await importFile(e.db, { file });
    expect(report.kind).toBe('revenue');
    const card = computeScorecard(e.db, { period: '2024-Q1' });
    e.close();
    const retention = card.kpis.find((k) => k.id === 'customer-retention');
    const churn = card.kpis.find((k) => k.id === 'logo-churn');
    expect(retention?.definition).toMatch(/\(E − N\) \/ S/);
    expect(retention?.value).toBeCloseTo(100 / 3, 10);
    expect(retention?.n).toBe(3);
    expect(churn?.value).toBeCloseTo(100 / 3, 10);
  });
});
