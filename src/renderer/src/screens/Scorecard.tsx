import { useEffect, useState } from 'react';
import type { Scorecard } from '../../../core/api/contract';
import { formatterFor, kpiCells, SIGNIFICANCE_NOTE } from '../../../core/format';
import { call } from '../api';
import { EmptyState, ErrorSentence, RagBadge } from '../ui';
import type { Scope } from '../App';

/** The scorecard for the chosen period and filter: every figure written by core/format. */
export function ScorecardScreen({ scope, version }: { scope: Scope; version: number }) {
  const [scorecard, setScorecard] = useState<Scorecard | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    call('scorecard:get', scope).then(
      (value) => live && setScorecard(value),
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [scope, version]);
  if (error) return <ErrorSentence error={error} />;
  if (!scorecard) return <p className="muted">Computing the scorecard…</p>;
  if (scorecard.kpis.every((kpi) => kpi.status !== 'ok'))
    return (
      <EmptyState title="No KPI can be computed yet">
        <p>Import survey answers (NPS, CSAT, CES) or revenue and customer files on the Import screen.</p>
      </EmptyState>
    );
  const f = formatterFor(scorecard.engagement);
  return (
    <section>
      <h2>Scorecard — {scorecard.period.display}</h2>
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
      <p className="muted">{SIGNIFICANCE_NOTE}</p>
    </section>
  );
}
