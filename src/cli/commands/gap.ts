import type { Command } from '../command';
import type { GapReport } from '../../core/api';
import { formatterFor, periodLabel, quadrantText, type Unit } from '../../core/format';
import { table } from '../output';
import { analysisCommand } from '../filters';

/** `cxbrief gap X.cxb [--period P] [--filter key=value …] [--json]` (JSON shape documented in README). */
export const gapCommand: Command = analysisCommand(
  'gap',
  (api, request) => api.call('gap:get', request),
  (result: GapReport) => render(result),
);

const f = formatterFor();
/** Scores and gaps are on 0–100; importance, weights and correlations are fractions. */
const num = (v: number | null | undefined, unit: Unit = 'score100'): string => f.value(unit, v);
const pValue = (p: number | null): string => f.pValue(p);

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

function interval(iv: { low: number; high: number } | null): string {
  return f.interval('score100', iv);
}

function render(r: GapReport): string {
  const out: string[] = [];
  const m = r.metadata;
  const filters = Object.entries(m.filters)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  out.push(
    `Expectation gap — period ${periodLabel(m.period.label, m.period.partial ? 'partial' : 'complete', m.asOf)}${filters ? `, filters ${filters}` : ''}, as of ${m.asOf ?? 'undated data'}`,
  );
  out.push(
    `${f.count(m.counts.customerAnswers)} customer answers (${f.count(m.counts.customerTouchpointAnswers)} about a touchpoint), ${f.count(m.counts.staffRespondents)} staff respondents (${f.count(m.counts.staffAnswers)} answers). Gap = staff − customers on 0–100; positive = staff overrate (customer shortfall).`,
  );
  out.push('');

  const h = r.headline;
  if (h.suppressed) out.push(`Headline: staff side suppressed (${h.reason ?? ''}).`);
  else if (h.internal && h.customer && h.difference !== null) {
    const basis =
      h.internalBasis === 'superior' ? 'say "we deliver a superior experience"' : 'give the top box';
    out.push(
      `Headline: ${num(h.internal.share, 'share')} of staff ${basis} (n = ${f.count(h.internal.n)}) vs ${num(h.customer.share, 'share')} of customer ratings in the top box (n = ${f.count(h.customer.n)}); difference ${f.change('percent', h.difference)} (95% ${interval(h.differenceInterval)})${h.significant === true ? ', significant' : h.significant === false ? ', not significant' : ', no claim'}.`,
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
        f.count(t.internal.n),
        num(t.internal.mean),
        f.count(t.customer.n),
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
          f.count(s.internal.n),
          num(s.internal.mean),
          f.count(s.customer.n),
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
  const quadrantOf = new Map(r.quadrant.rows.map((q) => [q.touchpoint, quadrantText(q)]));
  out.push(
    table(
      ['rank', 'touchpoint', 'importance', 'gap', 'priority', 'quadrant'],
      r.priorities.map((p) => [
        p.rank,
        p.touchpoint,
        num(p.importance, 'fraction'),
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
      `Internal IPA (stated vs customer-derived importance): ${flagged.length === 0 ? 'no touchpoint differs by 2 or more ranks' : flagged.map((x) => `${x.touchpoint} (staff rank ${x.staffRank}, customers ${x.customerRank})`).join('; ')}${r.internalIpa.spearman === null ? '' : `; Spearman ${num(r.internalIpa.spearman, 'fraction')}`}.`,
    );
  }

  if (r.servqual) {
    const s = r.servqual;
    out.push('', `SERVQUAL (P − E on ${s.scale.min}–${s.scale.max}; negative = shortfall)`);
    out.push(
      table(
        ['dimension', 'items', 'gap', 'weight'],
        s.dimensions.map((d) => [d.dimension, d.items, num(d.gap, 'score'), num(d.weight, 'fraction')]),
      ),
    );
    out.push(
      `Unweighted ${num(s.unweighted, 'score')}; weighted ${s.weighted === null ? `— (${s.weightNote ?? 'no weights'})` : num(s.weighted, 'score')}; mean over ${s.items.length} item pairs ${num(s.meanItemGap, 'score')}.`,
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
