/**
 * Right after a successful import the default period shows data: the last complete period when
 * it has any, else the latest period (labelled partial), else `all` (undated flags, one wave).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/core/import';
import { computeScorecard } from '../../../src/core/analysis';
import { openEngagement } from '../../../src/core/store';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

async function scorecardAfter(name: string, lines: string[]) {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  const e = openEngagement(join(dir, 'e.cxb'));
  await importFile(e.db, { file });
  const card = computeScorecard(e.db);
  e.close();
  return card;
}

describe('default period after an import shows data', () => {
  it('answers only in May 2024: the partial 2024-Q2, not the empty Q1', async () => {
    // 10 answers: 4 promoters (9, 10), 3 detractors (0–6) → NPS = (4 − 3) / 10 = 10.
    const scores = [10, 9, 9, 10, 8, 7, 3, 5, 6, 8];
    const card = await scorecardAfter('may.csv', [
      'response_id,date,How likely are you to recommend us?',
      ...scores.map((s, i) => `R${i},2024-05-${String(i + 1).padStart(2, '0')},${s}`),
    ]);
    expect(card.period.label).toBe('2024-Q2');
    expect(card.period.coverage).toBe('partial');
    expect(card.period.display).toBe('2024-Q2 (partial: data to 2024-05-10)');
    expect(card.notes[0]).toMatch(/2024-Q1, has no data; showing 2024-Q2 \(partial/);
    const nps = card.kpis.find((k) => k.id === 'nps');
    expect(nps?.value).toBe(10);
    expect(nps?.n).toBe(10);
  });

  it('customers with sign-up dates and an undated churn flag: period all, churn 2 of 5', async () => {
    const card = await scorecardAfter('customers.csv', [
      'customer_id,signup_date,churned',
      'C1,2023-01-05,1',
      'C2,2023-02-11,0',
      'C3,2023-03-20,0',
      'C4,2023-08-02,1',
      'C5,2023-11-30,0',
    ]);
    expect(card.period.label).toBe('all');
    const churn = card.kpis.find((k) => k.id === 'logo-churn');
    expect(churn?.value).toBe(40);
    expect(churn?.n).toBe(5);
  });

  it('data in complete quarters keeps the last complete quarter as the default', async () => {
    const card = await scorecardAfter('q.csv', [
      'response_id,date,How likely are you to recommend us?',
      'A,2024-01-15,10',
      'B,2024-03-31,0',
      'C,2024-04-02,9',
    ]);
    expect(card.period.label).toBe('2024-Q1');
    expect(card.notes.join(' ')).not.toMatch(/has no data/);
  });
});
