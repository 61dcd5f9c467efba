/** Which small-integer columns are survey answers, and on what scale. */
import { describe, expect, it } from 'vitest';
import { detectHeader, proposeMapping, type RawRow } from '../../../src/core/import';
import { inferScale, profileColumns } from '../../../src/core/import/detect';

function rows(header: string[], values: (i: number) => Array<string | number>, count: number): RawRow[] {
  return [
    { rowNumber: 1, cells: header },
    ...Array.from({ length: count }, (_, i) => ({ rowNumber: i + 2, cells: values(i) })),
  ];
}

describe('scales', () => {
  it('1–4 used in full by 50+ answers is a four-point scale; by 20 answers it stays 1–5', () => {
    const cycle = (i: number) => [1 + (i % 4)];
    const many = profileColumns(['JobSatisfaction'], rows(['JobSatisfaction'], cycle, 60).slice(1));
    const few = profileColumns(['JobSatisfaction'], rows(['JobSatisfaction'], cycle, 20).slice(1));
    expect(inferScale(many[0] as (typeof many)[0])).toEqual([1, 4]);
    expect(inferScale(few[0] as (typeof few)[0])).toEqual([1, 5]);
  });
});

describe('survey evidence', () => {
  it('tenure 0–10 and products 1–4 beside a churn flag: customers, no NPS', () => {
    const sample = rows(
      ['CustomerId', 'Tenure', 'NumOfProducts', 'IsActiveMember', 'Exited'],
      (i) => [`C${i}`, i % 11, 1 + (i % 4), i % 2, i % 5 === 0 ? 1 : 0],
      100,
    );
    const header = detectHeader(sample);
    const proposal = proposeMapping(header as NonNullable<typeof header>, sample);
    expect(proposal.kind).toBe('customers');
    expect(proposal.mapping?.fields).toMatchObject({ customer_id: 'CustomerId', churned: 'Exited' });
    expect(proposal.mapping?.items).toBeUndefined();
  });

  it('the same 0–10 column headed as a question is the NPS, and the note says which column', () => {
    const sample = rows(['id', 'How likely are you to recommend us?'], (i) => [`R${i}`, i % 11], 100);
    const header = detectHeader(sample);
    const proposal = proposeMapping(header as NonNullable<typeof header>, sample);
    expect(proposal.kind).toBe('responses');
    expect(proposal.notes.join(' ')).toContain('NPS from column "How likely are you to recommend us?", 0–10');
  });

  it('an unheaded 0–10 column is refused, naming the column and how to read it', () => {
    const sample = rows(['id', 'value_a'], (i) => [`R${i}`, i % 11], 100);
    const header = detectHeader(sample);
    const proposal = proposeMapping(header as NonNullable<typeof header>, sample);
    expect(proposal.kind).toBeNull();
    expect(proposal.refusal).toMatch(
      /"value_a" holds small whole numbers but no survey question in the header/,
    );
    expect(proposal.refusal).toMatch(/map each as an NPS, CSAT, CES or rating item/);
  });
});
