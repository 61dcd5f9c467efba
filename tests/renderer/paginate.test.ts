import { describe, expect, it } from 'vitest';
import { paginate, type MeasuredSection } from '../../src/renderer/src/report/paginate';

const table = (rows: number, rowHeight = 20) => ({
  kind: 'table' as const,
  id: 't',
  caption: 20,
  head: 30,
  rows: Array.from({ length: rows }, () => rowHeight),
});

describe('paginate', () => {
  it('starts every section on a new page', () => {
    const sections: MeasuredSection[] = [
      { id: 'a', blocks: [{ kind: 'box', id: 'a1', height: 100 }] },
      { id: 'b', blocks: [{ kind: 'box', id: 'b1', height: 100 }] },
    ];
    expect(paginate(sections, 1000).map((p) => p.section)).toEqual(['a', 'b']);
  });

  it('never splits a box: one that does not fit goes whole to the next page', () => {
    const pages = paginate(
      [
        {
          id: 's',
          blocks: [
            { kind: 'box', id: 'chart1', height: 600 },
            { kind: 'box', id: 'chart2', height: 500 },
          ],
        },
      ],
      1000,
    );
    expect(pages.map((p) => p.items.map((i) => i.id))).toEqual([['chart1'], ['chart2']]);
  });

  it('keeps a heading with what follows it', () => {
    const pages = paginate(
      [
        {
          id: 's',
          blocks: [
            { kind: 'box', id: 'big', height: 900 },
            { kind: 'heading', id: 'h', height: 50 },
            { kind: 'box', id: 'after', height: 200 },
          ],
        },
      ],
      1000,
    );
    expect(pages.map((p) => p.items.map((i) => i.id))).toEqual([['big'], ['h', 'after']]);
  });

  it('continues a 40-row table on the next pages, each part with caption and header, rows in order', () => {
    const pages = paginate([{ id: 's', blocks: [{ kind: 'heading', id: 'h', height: 50 }, table(40)] }], 500);
    const parts = pages.flatMap((p) => p.items).filter((i) => i.kind === 'table');
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => (p.kind === 'table' ? [p.from, p.to, p.continued] : null))).toEqual([
      // Page 1: heading 50 + caption 20 + header 30 + 20 rows × 20 = 500, full; page 2: the rest.
      [0, 20, false],
      [20, 40, true],
    ]);
    for (const page of pages) expect(page.used).toBeLessThanOrEqual(500);
  });
});
