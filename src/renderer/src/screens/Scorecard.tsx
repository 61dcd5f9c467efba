import { useRef, useState } from 'react';
import type { Scorecard, ScorecardKpi } from '../../../core/api/contract';
import { formatterFor, kpiCells, SIGNIFICANCE_NOTE, type Formatter } from '../../../core/format';
import { Sparkline } from '../charts';
import type { DataFocus } from '../navigation';
import { EmptyState, ErrorSentence, RagBadge } from '../ui';
import type { Scope } from '../App';
import { useAnswer } from '../useAnswer';
import { KpiDetailView } from './KpiDetail';
import '../analysis.css';

/** The families shown as tiles, in order; funnel stages and CX-linked revenue are in the table. */
const TILE_GROUPS: Array<{ group: ScorecardKpi['group']; title: string }> = [
  { group: 'survey', title: 'Customer voice' },
  { group: 'customers', title: 'Customers' },
  { group: 'revenue', title: 'Revenue' },
  { group: 'economics', title: 'Unit economics' },
];

/** Tiles reserved while the first scorecard loads, so nothing moves when it arrives. */
const SKELETON_TILES = 8;

/** The scope's filters as words: "segment = SMB, region = EMEA". */
export function filterWords(filters: Record<string, string> | undefined): string {
  return Object.entries(filters ?? {})
    .map(([key, value]) => `${key} = ${value}`)
    .join(', ');
}

/** The drill-through from a KPI's n to its rows, for the period and filter on screen. */
export function focusOf(kpi: ScorecardKpi, card: Scorecard): DataFocus {
  const filters = Object.fromEntries(card.filters.map((c) => [c.key, c.value]));
  const words = filterWords(filters);
  return {
    kpi: kpi.id,
    period: card.period.label,
    ...(words ? { filters } : {}),
    label: [kpi.label, card.period.label, words].filter(Boolean).join(', '),
  };
}

/**
 * The scorecard for the chosen period and filter: a tile per KPI (value, RAG, target, n, interval,
 * changes, sparkline with the target line, the definition on hover and focus), a KPI's detail view
 * on click or Enter, and every KPI in a table below. Every figure is written by core/format.
 */
export function ScorecardScreen({
  scope,
  version,
  onDrill,
}: {
  scope: Scope;
  version: number;
  onDrill: (focus: DataFocus) => void;
}) {
  const { value: scorecard, loading, error } = useAnswer('scorecard:get', scope, version);
  const [open, setOpen] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  if (error) return <ErrorSentence error={error} />;
  if (!scorecard) return <ScorecardSkeleton />;
  if (scorecard.kpis.every((kpi) => kpi.status !== 'ok'))
    return (
      <EmptyState title="No KPI can be computed yet">
        <p>Import survey answers (NPS, CSAT, CES) or revenue and customer files on the Import screen.</p>
      </EmptyState>
    );
  const f = formatterFor(scorecard.engagement);
  const openKpi = open ? scorecard.kpis.find((k) => k.id === open) : undefined;
  const close = () => {
    setOpen(null);
    opener.current?.focus();
  };
  return (
    <section className={loading ? 'analysis updating' : 'analysis'} aria-busy={loading}>
      <h2>Scorecard — {scorecard.period.display}</h2>
      <p className="muted subtitle" data-testid="scorecard-scope">
        {scorecard.period.description}
        {scorecard.period.isDefault ? ', last complete period' : ''}
        {scorecard.asOf ? ` · as of ${scorecard.asOf}` : ''}
        {scorecard.period.prior
          ? ` · compared with ${scorecard.period.prior} and ${scorecard.period.lastYear}`
          : ''}
        {' · '}
        {scorecard.filters.length
          ? filterWords(Object.fromEntries(scorecard.filters.map((c) => [c.key, c.value])))
          : 'everyone'}
      </p>
      {TILE_GROUPS.map(({ group, title }) => {
        const kpis = scorecard.kpis.filter((k) => k.group === group);
        if (kpis.length === 0) return null;
        return (
          <div key={group} className="tile-group">
            <h3>{title}</h3>
            <div className="tiles">
              {kpis.map((kpi) => (
                <KpiTile
                  key={kpi.id}
                  kpi={kpi}
                  card={scorecard}
                  f={f}
                  onOpen={(element) => {
                    opener.current = element;
                    setOpen(kpi.id);
                  }}
                />
              ))}
            </div>
          </div>
        );
      })}
      <p className="muted legend">
        ●/▲/■ On target / Watch / Off target. {SIGNIFICANCE_NOTE} Dashed line in a sparkline: the target.
      </p>
      <h3>All KPIs</h3>
      <ScorecardTable scorecard={scorecard} f={f} />
      {openKpi && (
        <KpiDetailView
          kpi={openKpi}
          scope={{ ...scope, period: scorecard.period.label }}
          version={version}
          card={scorecard}
          onClose={close}
          onDrill={onDrill}
        />
      )}
    </section>
  );
}

function ScorecardSkeleton() {
  return (
    <section className="analysis" aria-busy="true">
      <h2 className="skeleton-text">Scorecard</h2>
      <p className="muted subtitle">Computing the scorecard…</p>
      <div className="tile-group">
        <h3>&nbsp;</h3>
        <div className="tiles">
          {Array.from({ length: SKELETON_TILES }, (_, i) => (
            <div key={i} className="tile skeleton" aria-hidden="true" />
          ))}
        </div>
      </div>
    </section>
  );
}

function changeLine(
  label: string | null,
  unit: ScorecardKpi['unit'],
  delta: ScorecardKpi['vsPrior'],
  f: Formatter,
) {
  if (!label) return null;
  const text = f.change(unit, delta.change, delta.significant);
  return (
    <span className={delta.significant ? 'significant' : undefined}>
      vs {label} <strong>{text}</strong>
    </span>
  );
}

/** The interval line: the 95% interval, or why there is none for a statistical KPI. */
function intervalText(kpi: ScorecardKpi, f: Formatter): string {
  if (kpi.status !== 'ok') return '';
  if (kpi.smallSample) return 'Sample too small (n < 30): no interval claimed';
  if (kpi.interval) return `95% interval ${f.interval(kpi.unit, kpi.interval)}`;
  return '';
}

function KpiTile({
  kpi,
  card,
  f,
  onOpen,
}: {
  kpi: ScorecardKpi;
  card: Scorecard;
  f: Formatter;
  onOpen: (element: HTMLElement) => void;
}) {
  const cells = kpiCells(kpi, f);
  const definitionId = `definition-${kpi.id}`;
  const ok = kpi.status === 'ok';
  return (
    <button
      type="button"
      className={`tile${kpi.rag ? ` tile-${kpi.rag}` : ''}`}
      data-testid="kpi-tile"
      data-kpi={kpi.id}
      aria-describedby={definitionId}
      onClick={(event) => onOpen(event.currentTarget)}
    >
      <span className="tile-label">{kpi.label}</span>
      <span className="tile-figure">
        <span className="tile-value" data-testid="tile-value">
          {cells.value}
        </span>
        {kpi.rag && <RagBadge rag={kpi.rag} />}
      </span>
      {ok ? (
        <>
          <span className="tile-meta">
            {kpi.target ? `Target ${cells.target}` : 'No target set'} · n = {cells.n}
          </span>
          <span className="tile-meta">{intervalText(kpi, f) || '\u00a0'}</span>
          <span className="tile-meta">
            {changeLine(card.period.prior, kpi.unit, kpi.vsPrior, f) ?? '\u00a0'}
          </span>
          <span className="tile-meta">
            {changeLine(card.period.lastYear, kpi.unit, kpi.vsLastYear, f) ?? '\u00a0'}
          </span>
          <span className="tile-spark">
            <Sparkline points={kpi.series} target={kpi.target?.value ?? null} width={220} height={30} />
          </span>
        </>
      ) : (
        <span className="tile-needs">{cells.note}</span>
      )}
      <span role="tooltip" id={definitionId} className="tile-definition">
        {kpi.definition}
        {kpi.scale ? ` Scale ${kpi.scale}.` : ''}
      </span>
    </button>
  );
}

/** Every KPI as the CLI's table writes it (funnel stages and CX-linked revenue too). */
function ScorecardTable({ scorecard, f }: { scorecard: Scorecard; f: Formatter }) {
  return (
    <div className="table-wrap full">
      <table>
        <thead>
          <tr>
            <th>KPI</th>
            <th className="figure">Value</th>
            <th className="figure">n</th>
            <th className="figure">95% interval</th>
            <th className="figure">Target</th>
            <th>RAG</th>
            <th className="figure">Δ {scorecard.period.prior ?? 'prior'}</th>
            <th className="figure">Δ {scorecard.period.lastYear ?? 'last year'}</th>
            <th>Note</th>
          </tr>
        </thead>
        <tbody>
          {scorecard.kpis.map((kpi) => {
            const cells = kpiCells(kpi, f);
            return (
              <tr key={kpi.id}>
                <td>{kpi.label}</td>
                <td className="figure">{cells.value}</td>
                <td className="figure">{cells.n}</td>
                <td className="figure">{cells.interval}</td>
                <td className="figure">{cells.target}</td>
                <td>{kpi.rag ? <RagBadge rag={kpi.rag} /> : cells.rag}</td>
                <td className="figure">{cells.vsPrior}</td>
                <td className="figure">{cells.vsLastYear}</td>
                <td className="muted">{cells.note}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
