import type { Command } from '../command';
import { computeScorecard, PeriodError, type Scorecard, type ScorecardKpi } from '../../core/metrics';
import { table } from '../output';
import { analysisCommand } from '../filters';

/** `cxbrief scorecard X.cxb [--period P] [--filter key=value …] [--json]` (JSON shape documented in README). */
export const scorecardCommand: Command = analysisCommand(
  'scorecard',
  computeScorecard,
  (scorecard: Scorecard) => render(scorecard),
  (error) => error instanceof PeriodError,
);

/** A KPI value in its unit, for people. */
export function formatValue(
  kpi: Pick<ScorecardKpi, 'unit'>,
  value: number | null,
  currency = '',
): string | null {
  if (value === null) return null;
  switch (kpi.unit) {
    case 'points':
      return value.toFixed(1);
    case 'percent':
      return `${value.toFixed(2)}%`;
    case 'currency':
      return `${value.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 })}${currency ? ` ${currency}` : ''}`;
    case 'months':
      return `${value.toFixed(1)} mo`;
    case 'ratio':
      return `${value.toFixed(2)}:1`;
    case 'score':
      return value.toFixed(2);
  }
}

/** A change in the KPI's unit: percentages move in percentage points (pp), NPS in points (pts). */
function signed(kpi: ScorecardKpi, change: number | null, significant: boolean | null): string | null {
  if (change === null) return null;
  const digits = kpi.unit === 'points' || kpi.unit === 'months' ? 1 : 2;
  const unit = kpi.unit === 'percent' ? ' pp' : kpi.unit === 'points' ? ' pts' : '';
  const text = `${change > 0 ? '+' : ''}${change.toFixed(digits)}${unit}`;
  return significant ? `${text}*` : text;
}

function render(s: Scorecard): string {
  const lines: string[] = [];
  lines.push(
    `Scorecard — ${s.engagement.name ?? 'engagement'} — ${s.period.display} (${s.period.description})${s.period.isDefault ? ', last complete period' : ''}`,
  );
  lines.push(`As of ${s.asOf ?? 'undated data'}; churn basis: ${s.churnBasis ?? 'none (no customer data)'}.`);
  if (s.filters.length)
    lines.push(
      `Filters: ${s.filters.map((f) => `${f.key}=${f.value} (${f.appliesTo.join(' and ')})`).join(', ')}`,
    );
  lines.push('');
  lines.push(
    table(
      [
        'KPI',
        'value',
        'n',
        '95% interval',
        'target',
        'RAG',
        `Δ ${s.period.prior ?? 'prior'}`,
        `Δ ${s.period.lastYear ?? 'last year'}`,
        'note',
      ],
      s.kpis.map((k) => [
        k.label,
        k.status === 'ok' ? formatValue(k, k.value, s.engagement.currency) : k.status,
        k.smallSample ? `${k.n} (n<30)` : k.n,
        k.interval ? `${formatValue(k, k.interval.low)} – ${formatValue(k, k.interval.high)}` : null,
        k.target ? `${k.target.direction === 'higher' ? '≥' : '≤'} ${formatValue(k, k.target.value)}` : null,
        k.rag,
        signed(k, k.vsPrior.change, k.vsPrior.significant),
        signed(k, k.vsLastYear.change, k.vsLastYear.significant),
        k.status === 'ok' ? (k.basis ?? k.scale ?? '') : (k.needs ?? ''),
      ]),
    ),
  );
  lines.push('');
  lines.push(
    '* significant at 95% (interval of the difference excludes 0); pp = percentage points. n<30: small base, no significance claimed. Definitions: --json.',
  );
  for (const note of s.notes) lines.push(`Note: ${note}`);
  return lines.join('\n');
}
