/**
 * The executive summary's key messages, generated from the numbers: the expectation-gap headline
 * first, then NPS against its target, the touchpoint the company overrates most, revenue at risk
 * and net revenue retention. Each sentence cites the figures it states (metric, value, n) so it can
 * be traced to the scorecard or the gap report; every number is written by the presentation module.
 */
import type { GapReportResult } from '../gap';
import type { Scorecard, ScorecardKpi } from '../metrics';
import type { NoteCite } from '../store';
import { RAG_LABEL, type Formatter } from '../format';

export interface GeneratedMessage {
  text: string;
  cites: NoteCite[];
}

const MAX_MESSAGES = 5;

function cite(kpi: ScorecardKpi): NoteCite {
  return { metric: kpi.id, value: kpi.value as number, n: kpi.n };
}

function headlineMessage(gap: GapReportResult, f: Formatter): GeneratedMessage | null {
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
    text: `${f.value('share', h.internal.share)} of staff ${claim}; ${f.value('share', h.customer.share)} of customers give the top score (${support}; n = ${f.count(h.internal.n)} staff, ${f.count(h.customer.n)} customers).`,
    cites: [
      { metric: 'topbox:internal', value: h.internal.share, n: h.internal.n },
      { metric: 'topbox:customer', value: h.customer.share, n: h.customer.n },
    ],
  };
}

function changeWords(kpi: ScorecardKpi, f: Formatter, prior: string | null): string {
  const d = kpi.vsPrior;
  if (d.change === null || prior === null) return '';
  const sig =
    d.significant === true ? 'significant' : d.significant === false ? 'not significant' : 'no test';
  return `, ${f.change(kpi.unit, d.change)} vs ${prior} (${sig})`;
}

function targetWords(kpi: ScorecardKpi, f: Formatter): string {
  if (!kpi.target || !kpi.rag) return '';
  return ` against a target of ${f.value(kpi.unit, kpi.target.value)} (${RAG_LABEL[kpi.rag]})`;
}

function kpiMessage(
  kpi: ScorecardKpi | undefined,
  f: Formatter,
  prior: string | null,
): GeneratedMessage | null {
  if (!kpi || kpi.status !== 'ok' || kpi.value === null) return null;
  const n = kpi.n === null ? '' : `; n = ${f.count(kpi.n)}`;
  return {
    text: `${kpi.label} is ${f.value(kpi.unit, kpi.value)}${targetWords(kpi, f)}${changeWords(kpi, f, prior)}${n}.`,
    cites: [cite(kpi)],
  };
}

function topGapMessage(gap: GapReportResult, f: Formatter): GeneratedMessage | null {
  const row = [...gap.touchpoints]
    .filter((t) => t.gap !== null && t.gap > 0 && t.significant === true && t.internal && t.customer)
    .sort((a, b) => (b.gap as number) - (a.gap as number))[0];
  if (!row || row.gap === null || !row.internal || !row.customer) return null;
  const staff = row.internal.mean as number;
  const customer = row.customer.mean as number;
  return {
    text: `Staff overrate ${row.touchpoint} by ${f.inText('score100', row.gap)} points on 0–100 (staff ${f.value('score100', staff)}, customers ${f.value('score100', customer)}; significant; n = ${f.count(row.internal.n ?? 0)} staff, ${f.count(row.customer.n ?? 0)} customers).`,
    cites: [{ metric: `gap:${row.touchpoint}`, value: row.gap, n: row.customer.n ?? null }],
  };
}

function revenueAtRiskMessage(kpi: ScorecardKpi | undefined, f: Formatter): GeneratedMessage | null {
  if (!kpi || kpi.status !== 'ok' || kpi.value === null) return null;
  const percent = kpi.details?.percentOfMrr;
  const accounts = kpi.details?.detractorAccounts;
  const of = typeof percent === 'number' ? ` (${f.value('percent', percent)} of MRR)` : '';
  const who = typeof accounts === 'number' ? `${f.count(accounts)} accounts` : 'accounts';
  return {
    text: `${f.value('currency', kpi.value)} of monthly recurring revenue${of} sits with ${who} whose latest answer is a detractor (n = ${f.count(kpi.n ?? 0)} responding accounts).`,
    cites: [cite(kpi)],
  };
}

export function keyMessages(scorecard: Scorecard, gap: GapReportResult, f: Formatter): GeneratedMessage[] {
  const kpi = (id: string) => scorecard.kpis.find((k) => k.id === id);
  return [
    headlineMessage(gap, f),
    kpiMessage(kpi('nps'), f, scorecard.period.prior),
    topGapMessage(gap, f),
    revenueAtRiskMessage(kpi('revenue-at-risk'), f),
    kpiMessage(kpi('nrr'), f, scorecard.period.prior),
  ]
    .filter((m): m is GeneratedMessage => m !== null)
    .slice(0, MAX_MESSAGES);
}
