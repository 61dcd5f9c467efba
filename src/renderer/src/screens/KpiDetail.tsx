import { useEffect, useRef, useState } from 'react';
import type { KpiDetail, Scorecard, ScorecardKpi } from '../../../core/api/contract';
import { formatterFor, kpiCells, type Formatter } from '../../../core/format';
import { IntervalDots, TrendChart } from '../charts';
import type { DataFocus } from '../navigation';
import { ErrorSentence, RagBadge } from '../ui';
import { useWidth } from '../useWidth';
import type { Scope } from '../App';
import { useAnswer } from '../useAnswer';
import { focusOf } from './Scorecard';

const TREND_HEIGHT = 300;

/** Tab and Shift+Tab cycle within the dialog, so keyboard focus never wanders behind it. */
function keepFocusInside(event: React.KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Tab') return;
  const focusable = [
    ...event.currentTarget.querySelectorAll<HTMLElement>('button, select, input, [tabindex="0"]'),
  ].filter((element) => !element.hasAttribute('disabled'));
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * One KPI in depth, over the scorecard: its figures, its trend with the 95% interval band and the
 * target line, its value per segment (or another key), and the way from its n to the rows behind
 * it. A dialog: focus moves into it, Escape or Close returns to the tile.
 */
export function KpiDetailView({
  kpi,
  card,
  scope,
  version,
  onClose,
  onDrill,
}: {
  kpi: ScorecardKpi;
  card: Scorecard;
  scope: Scope;
  version: number;
  onClose: () => void;
  onDrill: (focus: DataFocus) => void;
}) {
  const [by, setBy] = useState<string | undefined>(undefined);
  const { value: detail, error } = useAnswer(
    'scorecard:kpi',
    { ...scope, kpi: kpi.id, ...(by ? { by } : {}) },
    version,
  );
  const closeButton = useRef<HTMLButtonElement>(null);
  const [body, width] = useWidth<HTMLDivElement>();
  const f = formatterFor(card.engagement);
  const cells = kpiCells(kpi, f);

  useEffect(() => closeButton.current?.focus(), []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const titleId = `detail-title-${kpi.id}`;
  return (
    <div className="overlay" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="kpi-detail"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={keepFocusInside}
      >
        <div className="dialog-head">
          <h3 id={titleId}>
            {kpi.label} — {card.period.display}
          </h3>
          <button ref={closeButton} type="button" onClick={onClose} aria-label="Close the detail view">
            Close (Esc)
          </button>
        </div>
        <p className="muted">{kpi.definition}</p>
        <div className="detail-figures">
          <span className="tile-value" data-testid="detail-value">
            {cells.value}
          </span>
          {kpi.rag && <RagBadge rag={kpi.rag} />}
          <span>Target {cells.target}</span>
          <span>n = {cells.n}</span>
          <span>95% interval {kpi.smallSample ? 'not claimed (sample too small)' : cells.interval}</span>
          <span>
            Δ {card.period.prior ?? 'prior'} {cells.vsPrior} · Δ {card.period.lastYear ?? 'last year'}{' '}
            {cells.vsLastYear}
          </span>
        </div>
        {kpi.n !== null && kpi.n > 0 && (
          <p>
            <button type="button" className="primary" onClick={() => onDrill(focusOf(kpi, card))}>
              Show the {cells.n} rows behind this number
            </button>
          </p>
        )}
        <ErrorSentence error={error} />
        <div ref={body} className="detail-body">
          <h4>Trend, {kpi.series.length} periods</h4>
          <div className="chart-box" style={{ height: TREND_HEIGHT }}>
            {detail && width > 0 && <Trend detail={detail} f={f} width={width} />}
          </div>
          <Breakdown detail={detail} f={f} width={width} by={by} onBy={setBy} />
        </div>
      </div>
    </div>
  );
}

function Trend({ detail, f, width }: { detail: KpiDetail; f: Formatter; width: number }) {
  const band = detail.trend.some((p) => p.low !== null);
  const chart = {
    id: detail.kpi.id,
    title: `${detail.kpi.label}, trend${band ? ' with its 95% interval' : ''}`,
    unit: detail.kpi.unit,
    lines: [{ label: detail.kpi.label, points: detail.trend }],
    target: detail.kpi.target?.value ?? null,
    band,
  };
  return (
    <TrendChart
      key={`${width}|${JSON.stringify(detail.trend)}`}
      chart={chart}
      f={f}
      width={width}
      height={TREND_HEIGHT}
    />
  );
}

function Breakdown({
  detail,
  f,
  width,
  by,
  onBy,
}: {
  detail: KpiDetail | null;
  f: Formatter;
  width: number;
  by: string | undefined;
  onBy: (key: string) => void;
}) {
  const breakdown = detail?.breakdown;
  const rows = (breakdown?.rows ?? [])
    .filter((r) => r.kpi?.status === 'ok' && r.kpi.value !== null)
    .map((r) => ({
      label: r.value,
      value: r.kpi?.value as number,
      low: r.kpi?.interval?.low ?? null,
      high: r.kpi?.interval?.high ?? null,
    }));
  const height = Math.max(160, 44 * rows.length + 80);
  return (
    <>
      <h4>
        By{' '}
        <select
          aria-label="Break down by"
          value={by ?? breakdown?.key ?? ''}
          onChange={(e) => onBy(e.target.value)}
          disabled={!detail || detail.breakdownKeys.length === 0}
        >
          {(detail?.breakdownKeys ?? [by ?? 'segment']).map((key) => (
            <option key={key} value={key}>
              {key}
            </option>
          ))}
        </select>
      </h4>
      {detail && !breakdown && <p className="muted">No key to break this KPI down by.</p>}
      {breakdown && (
        <div className="breakdown">
          <div className="chart-box" style={{ height }}>
            {rows.length > 0 && width > 0 && (
              <IntervalDots
                key={`${width}|${breakdown.key}|${rows.length}|${rows.map((r) => r.value).join()}`}
                rows={rows}
                unit={detail.kpi.unit}
                f={f}
                width={Math.round(width * 0.55)}
                height={height}
                label={detail.kpi.label}
              />
            )}
          </div>
          <table className="compact">
            <thead>
              <tr>
                <th>{breakdown.key}</th>
                <th className="figure">Value</th>
                <th className="figure">n</th>
                <th className="figure">95% interval</th>
              </tr>
            </thead>
            <tbody>
              {breakdown.rows.map((row) => {
                const c = row.kpi ? kpiCells(row.kpi, f) : null;
                return (
                  <tr key={row.value}>
                    <td>{row.value}</td>
                    <td className="figure">{c?.value ?? '—'}</td>
                    <td className="figure">{c?.n ?? '—'}</td>
                    <td className="figure">
                      {row.kpi?.smallSample ? 'sample too small' : (c?.interval ?? '—')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {breakdown.more && <p className="muted">The {breakdown.rows.length} largest groups are shown.</p>}
        </div>
      )}
    </>
  );
}
