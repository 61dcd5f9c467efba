import { describe, expect, it } from 'vitest';
import {
  buildGapTable,
  gapKeyMessages,
  keyMessages,
  messageFor,
  topBoxHeadline,
  type MessageItem,
} from '../../../src/core/gap';

const nps: MessageItem = {
  metric: 'nps',
  label: 'NPS',
  value: 6,
  unit: 'points',
  interval: { low: 2.1, high: 9.9 },
  significant: true,
  direction: 'up',
  n: 1200,
  comparison: 'vs 2026-Q2',
};

describe('key messages follow the statistics', () => {
  it('says "rose … (significant)" for a significant rise and cites its numbers', () => {
    const m = messageFor(nps);
    expect(m.text).toBe('NPS rose 6 points vs 2026-Q2 (significant; 95% interval 2.1 to 9.9; n = 1,200).');
    expect(m.cites).toEqual([{ metric: 'nps', value: 6, interval: { low: 2.1, high: 9.9 }, n: 1200 }]);
    expect(m.support).toBe('significant');
  });

  it('flips the wording when the same change becomes non-significant', () => {
    const m = messageFor({ ...nps, value: 2, significant: false, interval: { low: -1.9, high: 5.9 } });
    expect(m.text).toBe(
      'NPS moved 2 points vs 2026-Q2, within the margin of error — not a significant change (n = 1,200).',
    );
    expect(m.text).not.toMatch(/rose|significant;/);
  });

  it('never claims significance when the interval straddles zero', () => {
    const m = messageFor({ ...nps, significant: true, interval: { low: -0.5, high: 12.5 } });
    expect(m.support).toBe('not-significant');
    expect(m.text).toMatch(/not a significant change/);
  });

  it('says when the sample is small, whatever the flag says', () => {
    const m = messageFor({ ...nps, n: 18 });
    expect(m.support).toBe('small-sample');
    expect(m.text).toMatch(/small sample \(n = 18\)/);
    expect(m.text).not.toMatch(/rose/);
  });

  it('uses "fell" for a significant fall', () => {
    expect(
      messageFor({ ...nps, value: -4, direction: 'down', interval: { low: -7, high: -1 } }).text,
    ).toMatch(/^NPS fell 4 points/);
  });

  it('ranks significant big changes first and returns at most 5', () => {
    const items: MessageItem[] = [
      { ...nps, metric: 'a', label: 'A', value: 1, significant: false },
      { ...nps, metric: 'b', label: 'B', value: 3 },
      { ...nps, metric: 'c', label: 'C', value: 9 },
      { ...nps, metric: 'd', label: 'D', value: 30, n: 10 },
      { ...nps, metric: 'e', label: 'E', value: 2, significant: null },
      { ...nps, metric: 'f', label: 'F', value: 5, significant: false },
    ];
    const ms = keyMessages(items);
    expect(ms).toHaveLength(5);
    expect(ms.map((m) => m.cites[0]?.metric)).toEqual(['c', 'b', 'f', 'a', 'd']);
  });
});

describe('gap key messages', () => {
  const touchpoints = [{ name: 'Onboarding' }, { name: 'Billing' }, { name: 'Support' }];
  const build = (supportCustomerMean: number) =>
    buildGapTable({
      touchpoints,
      samples: [
        { touchpoint: 'Onboarding', side: 'internal', scores: { n: 60, mean: 82, variance: 200 } },
        { touchpoint: 'Onboarding', side: 'customer', scores: { n: 800, mean: 61, variance: 500 } },
        { touchpoint: 'Billing', side: 'internal', scores: { n: 60, mean: 70, variance: 200 } },
        { touchpoint: 'Billing', side: 'customer', scores: { n: 800, mean: 69, variance: 500 } },
        { touchpoint: 'Support', side: 'internal', scores: { n: 60, mean: 75, variance: 200 } },
        {
          touchpoint: 'Support',
          side: 'customer',
          scores: { n: 800, mean: supportCustomerMean, variance: 500 },
        },
      ],
    });

  it('leads with the headline, then the significant overrated touchpoint', () => {
    const report = build(74);
    const head = topBoxHeadline({ topBox: 48, n: 60 }, { topBox: 240, n: 800 });
    const ms = gapKeyMessages(report, head);
    expect(ms[0]?.text).toMatch(/^80% of staff give the top score, but only 30% of customers do/);
    expect(ms[1]?.text).toMatch(
      /^Staff overrate Onboarding: they score it 21 points higher than customers do/,
    );
    expect(ms[1]?.text).toMatch(/Holm adjustment for 3 touchpoints/);
    expect(ms.length).toBeLessThanOrEqual(5);
  });

  it('changes the Support message when its gap stops being significant', () => {
    const sig = gapKeyMessages(build(65)).find((m) => m.cites[0]?.metric === 'gap:Support');
    const notSig = gapKeyMessages(build(74)).find((m) => m.cites[0]?.metric === 'gap:Support');
    expect(sig?.support).toBe('significant');
    expect(sig?.text).toMatch(/^Staff overrate Support: they score it 10 points higher/);
    expect(notSig?.support).toBe('not-significant');
    expect(notSig?.text).toMatch(
      /^On Support, staff and customers differ by 1 point .*not a significant gap/,
    );
  });
});
