/**
 * The expectation-gap tables the board pack and the Expectation gap screen both show, so a
 * touchpoint's reading, priority and SERVQUAL dimension are written the same way in both.
 */
import type { GapReport, GapTouchpoint } from '../../core/api/contract';
import { MISSING, significanceMark, signWord, type Formatter } from '../../core/format';

type PriorityRow = GapReport['priorities'][number];
type ServqualDimensionGap = NonNullable<GapReport['servqual']>['dimensions'][number];

/** The gap in words: shortfall (staff overrate) or surplus, significance marked, small samples said. */
export function reading(
  r: Pick<GapTouchpoint, 'suppressed' | 'gap' | 'smallSample' | 'significant'>,
): string {
  if (r.suppressed) return 'withheld (fewer than 5 staff)';
  if (r.gap === null) return MISSING;
  const words = signWord(r.gap, 'staff-minus-customers');
  if (r.smallSample) return `${words} (small sample)`;
  return `${words}${significanceMark(r.significant)}`;
}

/** The Bain comparison for this company: the staff top box against the customers' top box. */
export function HeadlineFigures({ h, f }: { h: GapReport['headline']; f: Formatter }) {
  if (!h.internal || !h.customer) return null;
  return (
    <div className="headline">
      <div>
        <div className="big staff">{f.value('share', h.internal.share)}</div>
        <div>
          of staff{' '}
          {h.internalBasis === 'superior' ? 'say we deliver a superior experience' : 'give the top score'} (n
          = {f.count(h.internal.n)})
        </div>
      </div>
      <div className="vs">vs</div>
      <div>
        <div className="big customer">{f.value('share', h.customer.share)}</div>
        <div>of customers give the top score (n = {f.count(h.customer.n)})</div>
      </div>
    </div>
  );
}

/** Ranked priorities; `quadrantOf` writes a touchpoint's quadrant as the output words it. */
export function PrioritiesTable({
  rows,
  quadrantOf,
  f,
}: {
  rows: PriorityRow[];
  quadrantOf: (touchpoint: string) => string;
  f: Formatter;
}) {
  return (
    <table data-testid="priorities">
      <thead>
        <tr>
          <th>#</th>
          <th>Touchpoint</th>
          <th className="num">Importance</th>
          <th className="num">Gap</th>
          <th className="num">Priority</th>
          <th>Quadrant</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.touchpoint}>
            <td>{r.rank ?? MISSING}</td>
            <td className="strong">{r.touchpoint}</td>
            <td className="num">{r.importance === null ? MISSING : f.value('fraction', r.importance)}</td>
            <td className="num">{r.gap === null ? MISSING : f.change('score100', r.gap)}</td>
            <td className="num">{r.priority === null ? MISSING : f.value('score100', r.priority)}</td>
            <td>{quadrantOf(r.touchpoint)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ServqualHead() {
  return (
    <tr>
      <th>Dimension</th>
      <th className="num">Items</th>
      <th className="num">P − E</th>
      <th className="num">Weight</th>
      <th>Reading</th>
    </tr>
  );
}

/** One SERVQUAL dimension: perception − expectation, negative = shortfall. */
export function servqualRow(d: ServqualDimensionGap, f: Formatter) {
  return (
    <tr key={d.dimension}>
      <td className="strong">{d.dimension}</td>
      <td className="num">{d.items}</td>
      <td className="num">{d.gap === null ? MISSING : f.change('score', d.gap)}</td>
      <td className="num">{d.weight === null ? MISSING : f.value('fraction', d.weight)}</td>
      <td>
        {d.gap === null ? MISSING : d.gap < 0 ? 'shortfall' : d.gap > 0 ? 'exceeds expectations' : 'met'}
      </td>
    </tr>
  );
}
