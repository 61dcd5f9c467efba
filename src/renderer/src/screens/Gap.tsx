import type { GapReport } from '../../../core/api/contract';
import { formatterFor, quadrantText, SIGNIFICANCE_NOTE, type Formatter } from '../../../core/format';
import { Dumbbell, Quadrant, type DumbbellRow } from '../charts';
import { HeadlineFigures, PrioritiesTable, reading, ServqualHead, servqualRow } from '../gap-tables';
import { EmptyState, ErrorSentence } from '../ui';
import { useWidth } from '../useWidth';
import type { Scope } from '../App';
import { useAnswer } from '../useAnswer';
import '../analysis.css';

const QUADRANT_HEIGHT = 420;
const SIDE_BY_SIDE_WIDTH = 1240;
const MISSING = '—';

type TouchpointRow = GapReport['touchpoints'][number];

/** A touchpoint as the dumbbell draws it: both scores on 0–100, the gap's interval around the customers'. */
function dumbbellRow(t: TouchpointRow): DumbbellRow {
  return {
    touchpoint: t.touchpoint,
    staff: t.suppressed ? null : (t.internal?.mean ?? null),
    customer: t.customer?.mean ?? null,
    low: t.interval?.low ?? null,
    high: t.interval?.high ?? null,
  };
}

function periodTitle(label: string): string {
  return label === 'all' ? 'all data' : label;
}

function dumbbellHeight(rows: number): number {
  return Math.max(200, 44 * rows + 90);
}

/**
 * The expectation gap for the chosen period and filter, from the engine's gap report (what
 * `cxbrief gap --json` prints): the Bain headline for this company, staff vs customers per
 * touchpoint sorted by gap, the importance–performance quadrant, ranked priorities, journey stages
 * and SERVQUAL dimensions. Small samples are flagged and staff cuts under 5 people withheld.
 */
export function GapScreen({
  scope,
  version,
  where,
}: {
  scope: Scope;
  version: number;
  where: { locale: string; currency: string };
}) {
  const { value: report, loading, error } = useAnswer('gap:get', scope, version);
  const [box, width] = useWidth<HTMLDivElement>();
  // The quadrant and the priorities side by side only where the table keeps its columns readable.
  const sideBySide = width >= SIDE_BY_SIDE_WIDTH;

  const f = formatterFor(where);
  const sorted = [...(report?.touchpoints ?? [])].sort((a, b) => (b.gap ?? -Infinity) - (a.gap ?? -Infinity));
  const drawn = sorted.map(dumbbellRow).filter((r) => r.staff !== null && r.customer !== null);
  // A chart is drawn once per mount: a new width or new figures mount a new one.
  const dumbbellKey = `${width}|${JSON.stringify(drawn)}`;
  const quadrantKey = `${width}|${JSON.stringify(report?.quadrant ?? null)}`;
  return (
    <section className={loading ? 'analysis updating' : 'analysis'} aria-busy={loading}>
      <h2>Expectation gap — {periodTitle(report?.metadata.period.label ?? scope.period ?? 'all')}</h2>
      <ErrorSentence error={error} />
      {report && <Headline report={report} f={f} />}
      {report && report.touchpoints.length === 0 && (
        <EmptyState title="No touchpoint ratings in this period and filter">
          <p>Import customer ratings per touchpoint and the staff self-assessment to see the gap.</p>
        </EmptyState>
      )}
      <div ref={box} className="gap-charts">
        <figure className="card">
          <figcaption>
            Staff vs customers per touchpoint on 0–100, sorted by gap (whisker: 95% interval of the gap)
          </figcaption>
          <div
            className="chart-box"
            style={{
              height: report && drawn.length === 0 ? 'auto' : dumbbellHeight(report ? drawn.length : 8),
            }}
          >
            {report && drawn.length > 0 && width > 0 && (
              <Dumbbell
                key={dumbbellKey}
                rows={drawn}
                f={f}
                width={width - 50}
                height={dumbbellHeight(drawn.length)}
                labelled
              />
            )}
          </div>
        </figure>
        {report && <TouchpointTable rows={sorted} f={f} note={report.multipleTesting?.note ?? null} />}
        <div className={sideBySide ? 'gap-pair side-by-side' : 'gap-pair'}>
          <figure className="card">
            <figcaption>Importance–performance (crosshairs at the means)</figcaption>
            <div className="chart-box" style={{ height: QUADRANT_HEIGHT }}>
              {report?.quadrant.crosshair && width > 0 && (
                <Quadrant
                  key={quadrantKey}
                  quadrant={report.quadrant}
                  f={f}
                  width={sideBySide ? Math.round(width * 0.58) - 70 : Math.min(width - 50, 900)}
                  height={QUADRANT_HEIGHT}
                />
              )}
              {report && !report.quadrant.crosshair && (
                <p className="muted">
                  No importance could be computed: import stated importance with the touchpoints, or NPS
                  answers from the customers who rated touchpoints.
                </p>
              )}
            </div>
          </figure>
          {report && <Priorities report={report} f={f} />}
        </div>
        {report && <Stages report={report} f={f} />}
        {report && <Servqual report={report} f={f} />}
        {report && report.metadata.notes.length > 0 && (
          <ul className="muted notes">
            {report.metadata.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function Headline({ report, f }: { report: GapReport; f: Formatter }) {
  const h = report.headline;
  if (h.suppressed || !h.internal || !h.customer)
    return (
      <div className="card headline-card" data-testid="gap-headline">
        <p>The staff side of the headline is withheld: {h.reason ?? 'fewer than 5 staff respondents'}.</p>
      </div>
    );
  return (
    <div className="card headline-card" data-testid="gap-headline">
      <HeadlineFigures h={h} f={f} />
      <p className="muted">
        Difference {f.change('percent', h.difference, h.significant)}
        {h.differenceInterval ? ` (95% interval ${f.interval('percent', h.differenceInterval)})` : ''}
        {h.smallSample ? ', small sample: no significance claimed' : ''}. Bain found 80% of firms believe they
        deliver a superior experience and 8% of their customers agree; this is the same comparison for this
        company.
      </p>
    </div>
  );
}

function TouchpointTable({ rows, f, note }: { rows: TouchpointRow[]; f: Formatter; note: string | null }) {
  return (
    <div className="card">
      <h3>Gap per touchpoint</h3>
      <table className="compact" data-testid="gap-table">
        <thead>
          <tr>
            <th>Touchpoint</th>
            <th>Stage</th>
            <th className="figure">Staff</th>
            <th className="figure">Customers</th>
            <th className="figure">Gap</th>
            <th className="figure">95% interval</th>
            <th>Reading</th>
            <th className="figure">n staff / customers</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.touchpoint} className={t.smallSample ? 'small-sample' : undefined}>
              <td>{t.touchpoint}</td>
              <td>{t.journeyStage ?? MISSING}</td>
              <td className="figure">{t.suppressed ? 'withheld' : f.value('score100', t.internal?.mean)}</td>
              <td className="figure">{f.value('score100', t.customer?.mean)}</td>
              <td className="figure">{t.gap === null ? MISSING : f.change('score100', t.gap)}</td>
              <td className="figure">{f.interval('score100', t.interval)}</td>
              <td>
                {reading(t)}
                {t.smallSample && <span className="flag"> n &lt; 30</span>}
              </td>
              <td className="figure">
                {t.suppressed ? '< 5' : f.count(t.internal?.n ?? 0)} / {f.count(t.customer?.n ?? 0)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Gap = staff − customers on 0–100: a shortfall means staff rate the touchpoint higher than customers
        do. Staff cuts of fewer than 5 people are withheld. {SIGNIFICANCE_NOTE} {note ?? ''}
      </p>
    </div>
  );
}

function Priorities({ report, f }: { report: GapReport; f: Formatter }) {
  const ranked = report.priorities.filter((p) => p.rank !== null);
  return (
    <div className="card">
      <h3>Priorities</h3>
      <p className="muted">
        Priority = importance ({report.importance.source ?? 'none'}) × max(gap, 0); act on the top first.
      </p>
      <PrioritiesTable
        rows={ranked}
        f={f}
        quadrantOf={(touchpoint) =>
          quadrantText(report.quadrant.rows.find((q) => q.touchpoint === touchpoint))
        }
      />
      {ranked.length === 0 && <p className="muted">No touchpoint has both an importance and a gap.</p>}
    </div>
  );
}

function Stages({ report, f }: { report: GapReport; f: Formatter }) {
  if (report.stages.length === 0) return null;
  return (
    <div className="card">
      <h3>Journey stages</h3>
      <table className="compact" data-testid="stages">
        <thead>
          <tr>
            <th>Stage</th>
            <th>Touchpoints</th>
            <th className="figure">Staff</th>
            <th className="figure">Customers</th>
            <th className="figure">Gap</th>
            <th className="figure">95% interval</th>
            <th>Reading</th>
          </tr>
        </thead>
        <tbody>
          {report.stages.map((s) => (
            <tr key={s.journeyStage}>
              <td>{s.journeyStage}</td>
              <td className="muted">{s.touchpoints.join(', ')}</td>
              <td className="figure">{s.suppressed ? 'withheld' : f.value('score100', s.internal?.mean)}</td>
              <td className="figure">{f.value('score100', s.customer?.mean)}</td>
              <td className="figure">{s.gap === null ? MISSING : f.change('score100', s.gap)}</td>
              <td className="figure">{f.interval('score100', s.interval)}</td>
              <td>{reading(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Servqual({ report, f }: { report: GapReport; f: Formatter }) {
  const s = report.servqual;
  return (
    <div className="card">
      <h3>SERVQUAL dimensions</h3>
      {!s ? (
        <p className="muted">
          No SERVQUAL answers: import expectation and perception items per dimension to see perception −
          expectation.
        </p>
      ) : (
        <>
          <table className="compact" data-testid="servqual">
            <thead>
              <ServqualHead />
            </thead>
            <tbody>{s.dimensions.map((d) => servqualRow(d, f))}</tbody>
          </table>
          <p className="muted">
            Unweighted {f.change('score', s.unweighted)} · weighted{' '}
            {s.weighted === null ? 'no weights set' : f.change('score', s.weighted)}
          </p>
        </>
      )}
    </div>
  );
}
