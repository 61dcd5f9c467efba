/**
 * Key messages (3–5) for the scorecard and the gap. Each message carries the numbers it cites, its
 * wording follows the statistics (significant / not significant / small sample / untested), and it
 * never claims a difference the statistics do not support.
 */
import { formatterFor } from '../format';
import { SMALL_SAMPLE_N } from './groupGap';
import type { TopBoxHeadline } from './headline';
import type { GapReport } from './report';

export type Direction = 'up' | 'down' | 'flat';

export interface MessageInterval {
  lower: number;
  upper: number;
}

/** Extra context for a staff-vs-customer gap (kind 'gap'). */
export interface GapMessageContext {
  internalMean: number;
  customerMean: number;
  internalN: number;
  customerN: number;
  /** Number of comparisons the p-value was adjusted for (Holm), when more than one. */
  adjustedFor?: number;
}

export interface MessageItem {
  metric: string;
  label: string;
  /** The change (kind 'change') or the internal − customer gap (kind 'gap'), in unit. */
  value: number;
  unit: string;
  interval?: MessageInterval | null;
  significant?: boolean | null;
  direction: Direction;
  /** Sample size; for a gap, the smaller side. */
  n: number;
  /** e.g. "vs 2026-Q2". */
  comparison?: string;
  kind?: 'change' | 'gap';
  gap?: GapMessageContext;
}

export interface Cite {
  metric: string;
  value: number;
  interval: MessageInterval | null;
  n: number;
}

export type Support = 'significant' | 'not-significant' | 'small-sample' | 'untested';

export interface KeyMessage {
  text: string;
  cites: Cite[];
  /** How well the statistics support the message, after the safety checks. */
  support: Support;
  /** Ranking score (higher first): significant before not significant before the rest, then size. */
  weight: number;
}

export interface KeyMessageOptions {
  max?: number;
  smallSampleN?: number;
}

const f = formatterFor();

/** A magnitude inside a sentence: one decimal at most, the verb or the words give the direction. */
function magnitude(v: number): string {
  return f.inText('points', Math.abs(v));
}

function count(n: number): string {
  return f.count(n);
}

function withUnit(v: number, unit: string): string {
  const num = magnitude(v);
  if (unit === '%') return `${num}%`;
  if (unit === 'points' && num === '1') return '1 point';
  return unit === '' ? num : `${num} ${unit}`;
}

function signed(v: number): string {
  return f.inText('points', v);
}

function intervalText(iv: MessageInterval | null | undefined): string {
  return iv ? `; 95% interval ${signed(iv.lower)} to ${signed(iv.upper)}` : '';
}

/**
 * The statistics' verdict, defensively: a small sample never supports a claim; a "significant" flag
 * whose interval straddles 0 is downgraded to not significant.
 */
export function supportOf(item: MessageItem, smallSampleN = SMALL_SAMPLE_N): Support {
  if (item.n < smallSampleN) return 'small-sample';
  if (item.significant === true) {
    if (item.interval && item.interval.lower <= 0 && item.interval.upper >= 0) return 'not-significant';
    return 'significant';
  }
  if (item.significant === false) return 'not-significant';
  return 'untested';
}

function changeText(item: MessageItem, support: Support): string {
  const cmp = item.comparison ? ` ${item.comparison}` : '';
  const amount = withUnit(item.value, item.unit);
  const n = `n = ${count(item.n)}`;
  switch (support) {
    case 'significant': {
      const verb = item.direction === 'down' ? 'fell' : 'rose';
      return `${item.label} ${verb} ${amount}${cmp} (significant${intervalText(item.interval)}; ${n}).`;
    }
    case 'not-significant':
      return `${item.label} moved ${amount}${cmp}, within the margin of error — not a significant change (${n}).`;
    case 'small-sample':
      return `${item.label} moved ${amount}${cmp}, but on a small sample (${n}) — too few responses to say whether it really changed.`;
    case 'untested':
      return `${item.label} moved ${amount}${cmp}; no significance test is available, so treat the change as indicative (${n}).`;
  }
}

function gapText(item: MessageItem, support: Support): string {
  const g = item.gap;
  const amount = withUnit(item.value, item.unit);
  const sides = g
    ? `staff ${magnitude(g.internalMean)} vs customers ${magnitude(g.customerMean)}`
    : `${item.value >= 0 ? 'staff' : 'customers'} higher`;
  const ns = g ? `n = ${count(g.internalN)} staff, ${count(g.customerN)} customers` : `n = ${count(item.n)}`;
  const adj =
    g?.adjustedFor && g.adjustedFor > 1 ? ` after Holm adjustment for ${g.adjustedFor} touchpoints` : '';
  const higherLower = item.value >= 0 ? 'higher' : 'lower';
  switch (support) {
    case 'significant':
      return item.value > 0
        ? `Staff overrate ${item.label}: they score it ${amount} higher than customers do (${sides}; significant${adj}; ${ns}).`
        : `Staff underrate ${item.label}: customers score it ${amount} higher than staff do (${sides}; significant${adj}; ${ns}).`;
    case 'not-significant':
      return `On ${item.label}, staff and customers differ by ${amount} (${sides}), within the margin of error — not a significant gap (${ns}).`;
    case 'small-sample':
      return `On ${item.label}, staff score ${amount} ${higherLower} than customers (${sides}), but the sample is small (${ns}) — no conclusion can be drawn.`;
    case 'untested':
      return `On ${item.label}, staff score ${amount} ${higherLower} than customers (${sides}); no significance test was possible (${ns}).`;
  }
}

const TIER: Record<Support, number> = {
  significant: 3,
  'not-significant': 1,
  'small-sample': 0,
  untested: 0,
};

export function messageFor(item: MessageItem, smallSampleN = SMALL_SAMPLE_N): KeyMessage {
  const support = supportOf(item, smallSampleN);
  const text = item.kind === 'gap' ? gapText(item, support) : changeText(item, support);
  return {
    text,
    cites: [{ metric: item.metric, value: item.value, interval: item.interval ?? null, n: item.n }],
    support,
    // Tier dominates; within a tier the bigger magnitude ranks first.
    weight: TIER[support] * 1e6 + Math.min(Math.abs(item.value), 1e6 - 1),
  };
}

/** Up to max (default 5) messages, most important first: significant big gaps/changes lead. */
export function keyMessages(items: readonly MessageItem[], options: KeyMessageOptions = {}): KeyMessage[] {
  const max = options.max ?? 5;
  return items
    .map((item, index) => ({ index, message: messageFor(item, options.smallSampleN) }))
    .sort((a, b) => b.message.weight - a.message.weight || a.index - b.index)
    .slice(0, max)
    .map((x) => x.message);
}

/** Message items for every touchpoint of a gap report that has numbers (suppressed rows are skipped). */
export function gapMessageItems(report: GapReport): MessageItem[] {
  const items: MessageItem[] = [];
  for (const row of report.touchpoints) {
    if (row.suppressed || row.gap === null || row.internal.mean === null || row.customer.mean === null)
      continue;
    const internalN = row.internal.n ?? 0;
    const customerN = row.customer.n ?? 0;
    items.push({
      metric: `gap:${row.touchpoint}`,
      label: row.touchpoint,
      value: row.gap,
      unit: 'points',
      interval: row.interval ? { lower: row.interval.lower, upper: row.interval.upper } : null,
      significant: row.significant,
      direction: row.gap > 0 ? 'up' : row.gap < 0 ? 'down' : 'flat',
      n: Math.min(internalN, customerN),
      kind: 'gap',
      gap: {
        internalMean: row.internal.mean,
        customerMean: row.customer.mean,
        internalN,
        customerN,
        adjustedFor: report.multipleTesting.touchpointsTested,
      },
    });
  }
  return items;
}

/** The Bain-style headline as a message (null when suppressed or incomplete). */
export function headlineMessage(h: TopBoxHeadline): KeyMessage | null {
  if (h.suppressed || !h.internal || !h.customer || h.difference === null) return null;
  const staff = `${f.inText('share', h.internal.share)} of staff`;
  const cust = `${f.inText('share', h.customer.share)} of customers`;
  const d = withUnit(h.difference, 'points');
  const ns = `n = ${count(h.internal.n)} staff, ${count(h.customer.n)} customers`;
  let text: string;
  let support: Support;
  if (h.significant === true) {
    support = 'significant';
    text =
      h.difference > 0
        ? `${staff} give the top score, but only ${cust} do — staff are ${d} more positive (significant; ${ns}).`
        : `${cust} give the top score against ${staff} — customers are ${d} more positive than staff (significant; ${ns}).`;
  } else if (h.significant === false) {
    support = 'not-significant';
    text = `${staff} and ${cust} give the top score; the ${d} difference is within the margin of error — not a significant gap (${ns}).`;
  } else {
    support = h.smallSample ? 'small-sample' : 'untested';
    text = `${staff} and ${cust} give the top score, but the sample is too small to call the ${d} difference (${ns}).`;
  }
  return {
    text,
    cites: [
      {
        metric: 'topbox:internal',
        value: h.internal.share,
        interval: { lower: h.internal.interval.lower, upper: h.internal.interval.upper },
        n: h.internal.n,
      },
      {
        metric: 'topbox:customer',
        value: h.customer.share,
        interval: { lower: h.customer.interval.lower, upper: h.customer.interval.upper },
        n: h.customer.n,
      },
    ],
    support,
    weight: TIER[support] * 1e6 + Math.abs(h.difference),
  };
}

/** 3–5 messages for the gap: the headline (when shown) first, then the most important touchpoints. */
export function gapKeyMessages(
  report: GapReport,
  headline?: TopBoxHeadline | null,
  options: KeyMessageOptions = {},
): KeyMessage[] {
  const max = options.max ?? 5;
  const head = headline ? headlineMessage(headline) : null;
  const rest = keyMessages(gapMessageItems(report), { ...options, max: head ? max - 1 : max });
  return head ? [head, ...rest] : rest;
}
