import type { Command } from '../command';
import { computeScorecard, PeriodError, type Scorecard } from '../../core/metrics';
import { formatterFor, kpiCells, SIGNIFICANCE_NOTE } from '../../core/format';
import { FilterError } from '../../core/domain/filter';
import { table } from '../output';
import { analysisCommand } from '../filters';

/** `cxbrief scorecard X.cxb [--period P] [--filter key=value …] [--json]` (JSON shape documented in README). */
export const scorecardCommand: Command = analysisCommand(
  'scorecard',
  computeScorecard,
  (scorecard: Scorecard) => renderScorecard(scorecard),
  (error) => error instanceof PeriodError || error instanceof FilterError,
);

/** The scorecard as a plain-text table, every figure written by core/format. */
export function renderScorecard(s: Scorecard): string {
  const f = formatterFor(s.engagement);
  const lines: string[] = [];
  lines.push(
    `Scorecard — ${s.engagement.name ?? 'engagement'} — ${s.period.display} (${s.period.description})${s.period.isDefault ? ', last complete period' : ''}`,
  );
  lines.push(`As of ${s.asOf ?? 'undated data'}; churn basis: ${s.churnBasis ?? 'none (no customer data)'}.`);
  if (s.filters.length)
    lines.push(
      `Filters: ${s.filters.map((x) => `${x.key}=${x.value} (${x.appliesTo.join(' and ')})`).join(', ')}`,
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
      s.kpis.map((k) => {
        const cells = kpiCells(k, f);
        return [
          k.label,
          cells.value,
          cells.n,
          cells.interval,
          cells.target,
          cells.rag,
          cells.vsPrior,
          cells.vsLastYear,
          cells.note,
        ];
      }),
    ),
  );
  lines.push('');
  lines.push(`${SIGNIFICANCE_NOTE} Definitions: --json.`);
  for (const note of s.notes) lines.push(`Note: ${note}`);
  return lines.join('\n');
}
