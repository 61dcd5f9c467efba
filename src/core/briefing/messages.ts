/**
 * The executive summary's key messages, generated from the numbers: the expectation-gap headline
 * first, then NPS against its target, the touchpoint the company overrates most, revenue at risk
 * and net revenue retention. Each sentence cites the figures it states (metric, value, n) so it can
 * be traced to the scorecard or the gap report; every number is written by the presentation module.
 */
import type { GapReportResult } from '../gap';
import type { Scorecard, ScorecardKpi } from '../metrics';
import type { NoteCite } from '../store';
import { RAG_LABELS, count, kpiChange, kpiValue, score100, share, type Where } from './present';

export interface GeneratedMessage {
  text: string;
  cites: NoteCite[];
}

const MAX_MESSAGES = 5;

function cite(kpi: ScorecardKpi): NoteCite {
  return { metric: kpi.id, value: kpi.value as number, n: kpi.n };
}

function headlineMessage(gap: GapReportResult, where: Where): GeneratedMessage | null {
  const h = gap.headline;
  if (h.suppressed || !h.internal || !h.customer) return null;
  const claim =
    h.internalBasis === 'superior'
      ? 'say we deliver a superior experience'
      : 'give their touchpoints the top score';
  const support = h.significant
    ? 'a significant difference'
    : h.smallSample
      ? 'small sample: no claim'
      : 'not significant';
  return {
    text: `${share(h.internal.share, where)} of staff ${claim}; ${share(h.customer.share, where)} of customers give the top score (${support}; n = ${count(h.internal.n, where)} staff, ${count(h.customer.n, where)} customers).`,
    cites: [
      { metric: 'topbox:internal', value: h.internal.share, n: h.internal.n },
      { metric: 'topbox:customer', value: h.customer.share, n: h.customer.n },
    ],
  };
}

function changeWords(kpi: ScorecardKpi, where: Where, prior: string | null): string {
  const d = kpi.vsPrior;
  if (d.change === null || prior === null) return '';
  const sig =
    d.significant === true ? 'significant' : d.significant === false ? 'not significant' : 'no test';
  return `, ${kpiChange(d.change, kpi.unit, where)} vs ${prior} (${sig})`;
}

function targetWords(kpi: ScorecardKpi, where: Where): string {
  if (!kpi.target || !kpi.rag) return '';
  return ` against a target of ${kpiValue(kpi.target.value, kpi.unit, where)} (${RAG_LABELS[kpi.rag]})`;
}

function kpiMessage(
  kpi: ScorecardKpi | undefined,
  where: Where,
  prior: string | null,
): GeneratedMessage | null {
  if (!kpi || kpi.status !== 'ok' || kpi.value === null) return null;
  const n = kpi.n === null ? '' : `; n = ${count(kpi.n, where)}`;
  return {
    text: `${kpi.label} is ${kpiValue(kpi.value, kpi.unit, where)}${targetWords(kpi, where)}${changeWords(kpi, where, prior)}${n}.`,
    cites: [cite(kpi)],
  };
}

function topGapMessage(gap: GapReportResult, where: Where): GeneratedMessage | null {
  const row = [...gap.touchpoints]
    .filter((t) => t.gap !== null && t.gap > 0 && t.significant === true && t.internal && t.customer)
    .sort((a, b) => (b.gap as number) - (a.gap as number))[0];
  if (!row || row.gap === null || !row.internal || !row.customer) return null;
  const staff = row.internal.mean as number;
  const customer = row.customer.mean as number;
  return {
    text: `Staff overrate ${row.touchpoint} by ${score100(row.gap, where)} points on 0–100 (staff ${score100(staff, where)}, customers ${score100(customer, where)}; significant; n = ${count(row.internal.n ?? 0, where)} staff, ${count(row.customer.n ?? 0, where)} customers).`,
    cites: [{ metric: `gap:${row.touchpoint}`, value: row.gap, n: row.customer.n ?? null }],
  };
}

function revenueAtRiskMessage(kpi: ScorecardKpi | undefined, where: Where): GeneratedMessage | null {
  if (!kpi || kpi.status !== 'ok' || kpi.value === null) return null;
  const percent = kpi.details?.percentOfMrr;
  const accounts = kpi.details?.detractorAccounts;
  const of = typeof percent === 'number' ? ` (${kpiValue(percent, 'percent', where)} of MRR)` : '';
  const who = typeof accounts === 'number' ? `${count(accounts, where)} accounts` : 'accounts';
  return {
    text: `${kpiValue(kpi.value, 'currency', where)} of monthly recurring revenue${of} sits with ${who} whose latest answer is a detractor (n = ${count(kpi.n ?? 0, where)} responding accounts).`,
    cites: [cite(kpi)],
  };
}

export function keyMessages(scorecard: Scorecard, gap: GapReportResult, where: Where): GeneratedMessage[] {
  const kpi = (id: string) => scorecard.kpis.find((k) => k.id === id);
  return [
    headlineMessage(gap, where),
    kpiMessage(kpi('nps'), where, scorecard.period.prior),
    topGapMessage(gap, where),
    revenueAtRiskMessage(kpi('revenue-at-risk'), where),
    kpiMessage(kpi('nrr'), where, scorecard.period.prior),
  ]
    .filter((m): m is GeneratedMessage => m !== null)
    .slice(0, MAX_MESSAGES);
}
