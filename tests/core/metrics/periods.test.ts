import { describe, expect, it } from 'vitest';
import {
  addMonths,
  allPeriod,
  defaultPeriod,
  describePeriod,
  formatPeriod,
  isPartial,
  labelWithCoverage,
  monthBefore,
  parsePeriod,
  periodContaining,
  periodCoverage,
  PeriodError,
  periodSeries,
  priorPeriod,
  samePeriodLastYear,
  trailingPeriod,
} from '../../../src/core/metrics';

const APRIL = { fiscalStartMonth: 4 };

describe('parsing calendar periods', () => {
  it('reads a month', () => {
    expect(parsePeriod('2026-07')).toMatchObject({
      label: '2026-07',
      kind: 'month',
      start: '2026-07-01',
      endExclusive: '2026-08-01',
      months: ['2026-07'],
    });
  });

  it('reads quarters, including the Q4 year boundary', () => {
    expect(parsePeriod('2026-Q3')).toMatchObject({
      kind: 'quarter',
      start: '2026-07-01',
      endExclusive: '2026-10-01',
      months: ['2026-07', '2026-08', '2026-09'],
    });
    expect(parsePeriod('2026-q1')).toMatchObject({
      label: '2026-Q1',
      start: '2026-01-01',
      endExclusive: '2026-04-01',
    });
    expect(parsePeriod('2026-Q4')).toMatchObject({ start: '2026-10-01', endExclusive: '2027-01-01' });
  });

  it('reads a year', () => {
    const y = parsePeriod(' 2026 ');
    expect(y).toMatchObject({ label: '2026', kind: 'year', start: '2026-01-01', endExclusive: '2027-01-01' });
    expect(y.months).toHaveLength(12);
    expect(y.months[11]).toBe('2026-12');
  });

  it('reads all, bounded only when a data range is given', () => {
    expect(parsePeriod('ALL')).toMatchObject({
      label: 'all',
      kind: 'all',
      start: null,
      endExclusive: null,
      months: [],
    });
    const bounded = allPeriod({ dataRange: { first: '2025-11-20', last: '2026-02-03' } });
    expect(bounded).toMatchObject({ label: 'all', start: '2025-11-01', endExclusive: '2026-03-01' });
    expect(bounded.months).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it.each(['2026-13', '2026-00', '2026-Q5', 'FY26', '26-07', 'July 2026', '', '2026-07-01'])(
    'rejects "%s" with a sentence',
    (text) => {
      expect(() => parsePeriod(text)).toThrow(PeriodError);
    },
  );

  it('rejects a fiscal start month outside 1–12', () => {
    expect(() => parsePeriod('FY2026', { fiscalStartMonth: 13 })).toThrow(/1 to 12/);
    expect(() => parsePeriod('FY2026', { fiscalStartMonth: 0 })).toThrow(PeriodError);
  });

  it('round-trips every label through formatPeriod', () => {
    for (const label of ['2026-07', '2026-Q3', '2026', 'FY2026-Q3', 'FY2026', 'TTM-2026-09', 'all']) {
      const p = parsePeriod(label, APRIL);
      expect(formatPeriod(p)).toBe(label);
      expect(parsePeriod(formatPeriod(p), APRIL)).toEqual(p);
    }
  });
});

describe('fiscal periods (named by the year the fiscal year ends)', () => {
  it('fiscal year starting in April: FY2026 = Apr 2025 – Mar 2026', () => {
    const fy = parsePeriod('FY2026', APRIL);
    expect(fy).toMatchObject({ kind: 'fiscal-year', start: '2025-04-01', endExclusive: '2026-04-01' });
    expect(fy.months[0]).toBe('2025-04');
    expect(fy.months[11]).toBe('2026-03');
    expect(describePeriod(fy)).toBe('Apr 2025–Mar 2026');
  });

  it('fiscal quarters starting in April', () => {
    expect(parsePeriod('FY2026-Q1', APRIL)).toMatchObject({
      start: '2025-04-01',
      endExclusive: '2025-07-01',
    });
    expect(parsePeriod('FY2026-Q3', APRIL)).toMatchObject({
      start: '2025-10-01',
      endExclusive: '2026-01-01',
      months: ['2025-10', '2025-11', '2025-12'],
    });
    expect(parsePeriod('FY2026-Q4', APRIL)).toMatchObject({
      start: '2026-01-01',
      endExclusive: '2026-04-01',
    });
    expect(describePeriod(parsePeriod('FY2026-Q3', APRIL))).toBe('Oct–Dec 2025');
  });

  it('fiscal year starting in July (FY2026 = Jul 2025 – Jun 2026)', () => {
    expect(parsePeriod('FY2026', { fiscalStartMonth: 7 })).toMatchObject({
      start: '2025-07-01',
      endExclusive: '2026-07-01',
    });
  });

  it('with a January start, fiscal equals calendar', () => {
    expect(parsePeriod('FY2026-Q3').months).toEqual(parsePeriod('2026-Q3').months);
    expect(parsePeriod('FY2026').start).toBe('2026-01-01');
  });

  it('finds the fiscal period containing a date', () => {
    expect(periodContaining('2025-12-15', 'fiscal-quarter', APRIL).label).toBe('FY2026-Q3');
    expect(periodContaining('2026-03-31', 'fiscal-year', APRIL).label).toBe('FY2026');
    expect(periodContaining('2026-04-01', 'fiscal-year', APRIL).label).toBe('FY2027');
    expect(periodContaining('2026-04-01', 'fiscal-quarter', APRIL).label).toBe('FY2027-Q1');
    expect(periodContaining('2026-01-01', 'fiscal-year', { fiscalStartMonth: 1 }).label).toBe('FY2026');
    expect(periodContaining('2026-12-31', 'fiscal-year', { fiscalStartMonth: 12 }).label).toBe('FY2027');
  });
});

describe('prior period, same period last year, series', () => {
  it('prior period crosses year boundaries', () => {
    expect(priorPeriod(parsePeriod('2026-01'))?.label).toBe('2025-12');
    expect(priorPeriod(parsePeriod('2026-Q1'))?.label).toBe('2025-Q4');
    expect(priorPeriod(parsePeriod('2026'))?.label).toBe('2025');
    expect(priorPeriod(parsePeriod('FY2026-Q1', APRIL))?.label).toBe('FY2025-Q4');
    expect(priorPeriod(parsePeriod('FY2026-Q1', APRIL))?.start).toBe('2025-01-01');
    expect(priorPeriod(parsePeriod('all'))).toBeNull();
  });

  it('same period last year', () => {
    expect(samePeriodLastYear(parsePeriod('2026-03'))?.label).toBe('2025-03');
    expect(samePeriodLastYear(parsePeriod('2026-Q3'))?.label).toBe('2025-Q3');
    expect(samePeriodLastYear(parsePeriod('FY2026-Q2', APRIL))).toMatchObject({
      label: 'FY2025-Q2',
      start: '2024-07-01',
    });
    expect(samePeriodLastYear(parsePeriod('all'))).toBeNull();
  });

  it('gives the 12 periods ending at P, oldest first', () => {
    const s = periodSeries(parsePeriod('2026-Q3'));
    expect(s).toHaveLength(12);
    expect(s[0]?.label).toBe('2023-Q4');
    expect(s[11]?.label).toBe('2026-Q3');
    expect(periodSeries(parsePeriod('2026-02'), 3).map((p) => p.label)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(periodSeries(parsePeriod('all'))).toEqual([]);
  });

  it('gives the month before P starts (the starting-MRR month)', () => {
    expect(monthBefore(parsePeriod('2026-Q3'))).toBe('2026-06');
    expect(monthBefore(parsePeriod('2026-01'))).toBe('2025-12');
    expect(monthBefore(parsePeriod('FY2026', APRIL))).toBe('2025-03');
    expect(monthBefore(parsePeriod('all'))).toBeNull();
    expect(addMonths('2026-01', -13)).toBe('2024-12');
  });

  it('gives the trailing twelve months ending with P', () => {
    const t = trailingPeriod(parsePeriod('2026-Q3'));
    expect(t).toMatchObject({
      label: 'TTM-2026-09',
      kind: 'trailing',
      start: '2025-10-01',
      endExclusive: '2026-10-01',
    });
    expect(t?.months).toHaveLength(12);
    expect(t && priorPeriod(t)?.label).toBe('TTM-2025-09');
    expect(trailingPeriod(parsePeriod('2026-07'), 3)?.label).toBe('T3M-2026-07');
  });
});

describe('default period and partial periods (never the system clock)', () => {
  it('data ending mid-quarter: the default is the previous quarter, flagged partial', () => {
    const d = defaultPeriod('2026-08-15');
    expect(d.period.label).toBe('2026-Q2');
    expect(d.latest.label).toBe('2026-Q3');
    expect(d.partial).toBe(true);
    expect(isPartial(d.latest, '2026-08-15')).toBe(true);
    expect(labelWithCoverage(d.latest, '2026-08-15')).toBe('2026-Q3 (partial: data to 2026-08-15)');
  });

  it('data ending on the last day of a quarter: that quarter, complete', () => {
    const d = defaultPeriod('2026-09-30');
    expect(d.period.label).toBe('2026-Q3');
    expect(d.partial).toBe(false);
    expect(labelWithCoverage(d.period, '2026-09-30')).toBe('2026-Q3');
  });

  it('a month of revenue data counts as the whole month', () => {
    expect(defaultPeriod('2026-09').period.label).toBe('2026-Q3');
    expect(defaultPeriod('2026-08').period.label).toBe('2026-Q2');
  });

  it('month granularity, leap day', () => {
    expect(defaultPeriod('2024-02-29', { granularity: 'month' })).toMatchObject({
      period: { label: '2024-02' },
      partial: false,
    });
    expect(defaultPeriod('2024-02-28', { granularity: 'month' })).toMatchObject({
      period: { label: '2024-01' },
      partial: true,
    });
  });

  it('fiscal year starting in April', () => {
    expect(defaultPeriod('2026-03-31', { granularity: 'fiscal-year', ...APRIL }).period.label).toBe('FY2026');
    const d = defaultPeriod('2026-04-01', { granularity: 'fiscal-year', ...APRIL });
    expect(d).toMatchObject({ period: { label: 'FY2026' }, latest: { label: 'FY2027' }, partial: true });
    expect(defaultPeriod('2025-12-31', { granularity: 'fiscal-quarter', ...APRIL }).period.label).toBe(
      'FY2026-Q3',
    );
  });

  it('undated data defaults to all', () => {
    expect(defaultPeriod(null)).toMatchObject({ period: { label: 'all' }, partial: false });
  });

  it('reports coverage of a chosen period', () => {
    const q = parsePeriod('2026-Q3');
    expect(periodCoverage(q, '2026-06-30')).toBe('no-data');
    expect(periodCoverage(q, '2026-07-01')).toBe('partial');
    expect(periodCoverage(q, '2026-10-02')).toBe('complete');
    expect(isPartial(q, null)).toBe(false);
    expect(() => periodCoverage(q, '2026-02-30')).toThrow(PeriodError);
  });
});
