/** The small rules under both exports: formula-proof text, number formats from the presentation module, table pages. */
import { describe, expect, it } from 'vitest';
import { excelFormat, inertText } from '../../../src/core/export';
import { pageRows } from '../../../src/core/export/paging';
import { formatterFor } from '../../../src/core/format';

describe('export cells', () => {
  it('neutralises text that a spreadsheet would read as a formula, and nothing else', () => {
    for (const text of ['=HYPERLINK("http://x","y")', '+1 555 0100', '-2 points', '@SUM(A1)', '\tx', '\rx'])
      expect(inertText(text)).toBe(`'${text}`);
    for (const text of ['Support', 'a=b', '', 'Net revenue retention', '−3.4'])
      expect(inertText(text)).toBe(text);
  });

  it('derives each unit’s Excel number format from how the presentation module writes it', () => {
    const us = { locale: 'en-US', currency: 'USD' };
    expect(excelFormat('points', us)).toBe('#,##0.0;"−"#,##0.0');
    expect(excelFormat('percent', us)).toBe('#,##0.0"%";"−"#,##0.0"%"');
    expect(excelFormat('currency', us)).toBe('"$"#,##0;"−""$"#,##0');
    expect(excelFormat('score', us)).toBe('#,##0.00;"−"#,##0.00');
    expect(excelFormat('months', us)).toBe('#,##0.0" months";"−"#,##0.0" months"');
    expect(excelFormat('ratio', us)).toBe('#,##0.0":1";"−"#,##0.0":1"');
    expect(excelFormat('count', us)).toBe('#,##0;"−"#,##0');
    expect(excelFormat('currency', { locale: 'de-DE', currency: 'EUR' })).toBe(
      '#,##0"\u00a0€";"−"#,##0"\u00a0€"',
    );
    // The decimals follow the module: what it prints for a unit is what the cell shows.
    const f = formatterFor(us);
    expect(f.value('fraction', 0.5)).toBe('0.50');
    expect(excelFormat('fraction', us)).toMatch(/^#,##0\.00;/);
  });

  it('cuts a table into pages of at most n rows, at least one page', () => {
    const pages = pageRows(
      Array.from({ length: 23 }, (_, i) => i),
      10,
    );
    expect(pages.map((p) => p.rows.length)).toEqual([10, 10, 3]);
    expect(pages.map((p) => `${p.page}/${p.pages}`)).toEqual(['1/3', '2/3', '3/3']);
    expect(pageRows([], 10)).toEqual([{ rows: [], page: 1, pages: 1 }]);
    expect(() => pageRows([1], 0)).toThrow(RangeError);
  });
});
