import { describe, expect, it } from 'vitest';
import { formatterFor, MINUS, periodLabel, signWord, significanceMark } from '../../../src/core/format';

const us = formatterFor();

describe('values by unit, rounded for a board', () => {
  it('writes NPS with one decimal and a typographic minus', () => {
    expect(us.value('points', 32.6384)).toBe('32.6');
    expect(us.value('points', 32)).toBe('32.0');
    expect(us.value('points', -12.25)).toBe(`${MINUS}12.3`);
  });

  it('writes percentages with one decimal and a percent sign', () => {
    expect(us.value('percent', 78.8136)).toBe('78.8%');
    expect(us.value('percent', 101.45)).toBe('101.5%');
  });

  it('writes money in whole units of the engagement currency, keeping cents below 10', () => {
    expect(us.value('currency', 296331.82)).toBe('$296,332');
    expect(us.value('currency', 9.99)).toBe('$9.99');
    expect(formatterFor({ currency: 'EUR', locale: 'de-DE' }).value('currency', 4033.35)).toBe(
      '4.033\u00a0€',
    );
    expect(formatterFor({ currency: 'GBP', locale: 'en-GB' }).value('currency', -1250)).toBe(
      `${MINUS}£1,250`,
    );
  });

  it('writes months, ratios, scores, fractions and shares', () => {
    expect(us.value('months', 4.84)).toBe('4.8 months');
    expect(us.value('ratio', 19.8012)).toBe('19.8:1');
    expect(us.value('score', 4.1555)).toBe('4.16');
    expect(us.value('score100', 45)).toBe('45.0');
    expect(us.value('fraction', 0.4249)).toBe('0.42');
    expect(us.value('share', 77.4)).toBe('77%');
  });

  it('groups thousands in sample sizes, in the engagement locale', () => {
    expect(us.count(2261)).toBe('2,261');
    expect(us.count(1234567)).toBe('1,234,567');
    expect(formatterFor({ locale: 'de-DE' }).count(2261)).toBe('2.261');
    expect(formatterFor({ locale: 'de-DE' }).value('points', 32.64)).toBe('32,6');
  });

  it('prints a dash, never 0, where a number is missing', () => {
    expect(us.value('percent', null)).toBe('—');
    expect(us.count(undefined)).toBe('—');
    expect(us.interval('points', null)).toBe('—');
    expect(us.change('points', null, true)).toBe('—');
  });
});

describe('changes, intervals and targets', () => {
  it('signs every change and writes a change of a percentage in percentage points', () => {
    expect(us.change('points', 1.53)).toBe('+1.5');
    expect(us.change('percent', -0.2345)).toBe(`${MINUS}0.2 pp`);
    expect(us.change('currency', 90.86)).toBe('+$91');
    expect(us.change('currency', -2.5)).toBe(`${MINUS}$2.50`);
    expect(us.change('currency', 26593.66)).toBe('+$26,594');
    expect(us.change('months', -0.21)).toBe(`${MINUS}0.2 months`);
    expect(us.change('ratio', 2.09)).toBe('+2.1');
  });

  it('never writes a change that rounds to zero as negative zero', () => {
    expect(us.change('points', -0.04)).toBe('0.0');
    expect(us.value('percent', -0.001)).toBe('0.0%');
  });

  it('marks a significant change', () => {
    expect(us.change('points', 6.04, true)).toBe('+6.0*');
    expect(us.change('points', 6.04, false)).toBe('+6.0');
    expect(significanceMark(null)).toBe('');
  });

  it('writes intervals with "to" so a negative lower bound stays readable', () => {
    expect(us.interval('points', { low: 29.47, high: 35.81 })).toBe('29.5 to 35.8');
    expect(us.interval('score100', { low: -3.24, high: 5.1 })).toBe(`${MINUS}3.2 to 5.1`);
    expect(us.interval('percent', { low: 77.06, high: 80.46 })).toBe('77.1% to 80.5%');
  });

  it('writes targets with their direction', () => {
    expect(us.target('points', { value: 30, direction: 'higher' })).toBe('≥ 30.0');
    expect(us.target('percent', { value: 3, direction: 'lower' })).toBe('≤ 3.0%');
  });

  it('writes p-values to three decimals with a floor', () => {
    expect(us.pValue(0.04213)).toBe('0.042');
    expect(us.pValue(0.00002)).toBe('<0.001');
  });
});

describe('words beside numbers', () => {
  it('marks partial and empty periods', () => {
    expect(periodLabel('2026-Q3', 'complete', '2026-09-30')).toBe('2026-Q3');
    expect(periodLabel('2026-Q3', 'partial', '2026-08-15')).toBe('2026-Q3 (partial: data to 2026-08-15)');
    expect(periodLabel('2027-Q1', 'no-data', '2026-09-30')).toBe('2027-Q1 (no data: data ends 2026-09-30)');
    expect(periodLabel('all', 'partial', null)).toBe('all (partial)');
  });

  it('names the sign of a gap in words under both conventions', () => {
    expect(signWord(12.5, 'staff-minus-customers')).toBe('shortfall');
    expect(signWord(-3, 'staff-minus-customers')).toBe('surplus');
    expect(signWord(-0.4, 'perception-minus-expectation')).toBe('shortfall');
    expect(signWord(0.4, 'perception-minus-expectation')).toBe('surplus');
    expect(signWord(0, 'perception-minus-expectation')).toBe('no gap');
  });
});

describe('numbers inside sentences', () => {
  it('keeps the unit rounding but drops trailing zero decimals', () => {
    expect(us.inText('points', 6)).toBe('6');
    expect(us.inText('points', 6.04)).toBe('6');
    expect(us.inText('points', 6.25)).toBe('6.3');
    expect(us.inText('share', 66.67)).toBe('67%');
    expect(us.inText('points', -2.06)).toBe(`${MINUS}2.1`);
    expect(us.inText('score', 4.1)).toBe('4.1');
  });
});
