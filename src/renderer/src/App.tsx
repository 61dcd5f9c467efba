import { useState } from 'react';
import type { EngagementSummary, Scorecard } from '../../core/api/contract';
import { formatterFor, kpiCells, SIGNIFICANCE_NOTE } from '../../core/format';
import { call } from './api';

/**
 * First screen: open the demo engagement and read its scorecard. The full screens (import,
 * scorecard tiles, gap, briefing) come with the UI issues; this proves the path end to end. Every
 * figure is written by core/format, as the CLI and the exports write it.
 */
export function App() {
  const [engagement, setEngagement] = useState<EngagementSummary | null>(null);
  const [scorecard, setScorecard] = useState<Scorecard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function openDemo() {
    setBusy(true);
    setError(null);
    try {
      setEngagement(await call('engagement:open-demo', {}));
      setScorecard(await call('scorecard:get', {}));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main>
      <header>
        <h1>CX Brief</h1>
        {engagement && <p className="muted">{engagement.name}</p>}
      </header>
      {!engagement && (
        <button onClick={() => void openDemo()} disabled={busy}>
          {busy ? 'Building the demo engagement…' : 'Open demo engagement'}
        </button>
      )}
      {error && <p role="alert">{error}</p>}
      {scorecard && <ScorecardTable scorecard={scorecard} />}
    </main>
  );
}

function ScorecardTable({ scorecard }: { scorecard: Scorecard }) {
  const f = formatterFor(scorecard.engagement);
  return (
    <section>
      <h2>Scorecard — {scorecard.period.display}</h2>
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
                <td>{cells.rag}</td>
                <td className="figure">{cells.vsPrior}</td>
                <td className="figure">{cells.vsLastYear}</td>
                <td className="muted">{cells.note}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">{SIGNIFICANCE_NOTE}</p>
    </section>
  );
}
