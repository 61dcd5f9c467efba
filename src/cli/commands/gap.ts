import type { Command } from '../command';
import { computeGapReport, GapInputError, formatNumber, type GapReportResult } from '../../core/gap';
import { table } from '../output';
import { analysisCommand } from '../filters';

/** `cxbrief gap X.cxb [--period P] [--filter key=value …] [--json]` (JSON shape documented in README). */
export const gapCommand: Command = analysisCommand(
  'gap',
  computeGapReport,
  (result: GapReportResult) => render(result),
  (error) => error instanceof GapInputError,
);

const num = (v: number | null | undefined, decimals = 1): string | null =>
  v === null || v === undefined ? null : `${v < 0 ? '-' : ''}${formatNumber(v, decimals)}`;

function pValue(p: number | null): string | null {
  if (p === null) return null;
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

function verdict(row: {
  status: string;
  reason: string | null;
  significant: boolean | null;
  reading: string | null;
}): string {
  if (row.status === 'suppressed') return `suppressed (${row.reason ?? ''})`;
  if (row.status === 'insufficient') return row.reason ?? 'insufficient data';
  const reading = row.reading ?? '';
  if (row.status === 'small-sample') return `${reading}, small sample: no claim`;
  return row.significant ? `${reading}, significant` : `${reading}, not significant`;
}

function interval(iv: { lower: number; upper: number } | null): string | null {
  return iv ? `${num(iv.lower)} to ${num(iv.upper)}` : null;
}

function render(r: GapReportResult): string {
  const out: string[] = [];
  const m = r.metadata;
  const filters = Object.entries(m.filters)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  out.push(
    `Expectation gap — period ${m.period.label}${m.period.partial ? ' (partial)' : ''}${filters ? `, filters ${filters}` : ''}, as of ${m.asOf ?? 'undated data'}`,
  );
  out.push(
    `${m.counts.customerAnswers} customer answers (${m.counts.customerTouchpointAnswers} about a touchpoint), ${m.counts.staffRespondents} staff respondents (${m.counts.staffAnswers} answers). Gap = staff − customers on 0–100; positive = staff overrate (customer shortfall).`,
  );
  out.push('');

  const h = r.headline;
  if (h.suppressed) out.push(`Headline: staff side suppressed (${h.reason ?? ''}).`);
  else if (h.internal && h.customer && h.difference !== null) {
    const basis =
      h.internalBasis === 'superior' ? 'say "we deliver a superior experience"' : 'give the top box';
    out.push(
      `Headline: ${num(h.internal.share, 0)}% of staff ${basis} (n = ${h.internal.n}) vs ${num(h.customer.share, 0)}% of customer ratings in the top box (n = ${h.customer.n}); difference ${num(h.difference)} points (95% ${interval(h.differenceInterval)})${h.significant === true ? ', significant' : h.significant === false ? ', not significant' : ', no claim'}.`,
    );
  } else out.push(`Headline: ${h.reason ?? 'not available'}.`);
  out.push('');

  out.push('Touchpoints');
  out.push(
    table(
      [
        'touchpoint',
        'stage',
        'staff n',
        'staff',
        'cust n',
        'customers',
        'gap',
        '95% interval',
        'p',
        'p (Holm)',
        'reading',
      ],
      r.touchpoints.map((t) => [
        t.touchpoint,
        t.journeyStage,
        t.internal.n,
        num(t.internal.mean),
        t.customer.n,
        num(t.customer.mean),
        num(t.gap),
        interval(t.interval),
        pValue(t.pRaw),
        pValue(t.pAdjusted),
        verdict(t),
      ]),
    ),
  );
  out.push(r.multipleTesting.note);

  if (r.stages.length > 0) {
    out.push('', 'Journey stages');
    out.push(
      table(
        ['stage', 'staff n', 'staff', 'cust n', 'customers', 'gap', '95% interval', 'p (Holm)', 'reading'],
        r.stages.map((s) => [
          s.journeyStage,
          s.internal.n,
          num(s.internal.mean),
          s.customer.n,
          num(s.customer.mean),
          num(s.gap),
          interval(s.interval),
          pValue(s.pAdjusted),
          verdict(s),
        ]),
      ),
    );
  }

  out.push('', `Priorities (importance: ${r.importance.source ?? 'none available'})`);
  const quadrantOf = new Map(
    r.quadrant.rows.map((q) => [
      q.touchpoint,
      q.quadrant && q.onImportanceLine ? `${q.quadrant} (importance on the line)` : q.quadrant,
    ]),
  );
  out.push(
    table(
      ['rank', 'touchpoint', 'importance', 'gap', 'priority', 'quadrant'],
      r.priorities.map((p) => [
        p.rank,
        p.touchpoint,
        num(p.importance, 2),
        num(p.gap),
        num(p.priority),
        quadrantOf.get(p.touchpoint) ?? null,
      ]),
    ),
  );

  if (r.internalIpa) {
    const flagged = r.internalIpa.rows.filter((x) => x.flagged);
    out.push(
      '',
      `Internal IPA (stated vs customer-derived importance): ${flagged.length === 0 ? 'no touchpoint differs by 2 or more ranks' : flagged.map((x) => `${x.touchpoint} (staff rank ${x.staffRank}, customers ${x.customerRank})`).join('; ')}${r.internalIpa.spearman === null ? '' : `; Spearman ${num(r.internalIpa.spearman, 2)}`}.`,
    );
  }

  if (r.servqual) {
    const s = r.servqual;
    out.push('', `SERVQUAL (P − E on ${s.scale.min}–${s.scale.max}; negative = shortfall)`);
    out.push(
      table(
        ['dimension', 'items', 'gap', 'weight'],
        s.dimensions.map((d) => [d.dimension, d.items, num(d.gap, 2), num(d.weight, 2)]),
      ),
    );
    out.push(
      `Unweighted ${num(s.unweighted, 2) ?? '—'}; weighted ${num(s.weighted, 2) ?? `— (${s.weightNote ?? 'no weights'})`}; mean over ${s.items.length} item pairs ${num(s.meanItemGap, 2) ?? '—'}.`,
    );
  }

  if (r.keyMessages.length > 0) {
    out.push('', 'Key messages');
    for (const k of r.keyMessages) out.push(`- ${k.text}`);
  }
  if (m.notes.length > 0) {
    out.push('', 'Notes');
    for (const n of m.notes) out.push(`- ${n}`);
  }
  return out.join('\n');
}
