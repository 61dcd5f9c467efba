import { useState } from 'react';
import type { EngagementSummary, Scorecard } from '../../core/api/contract';
import { call } from './api';

/**
 * First screen: open the demo engagement and read its scorecard. The full screens (import,
 * scorecard tiles, gap, briefing) come with the UI issues; this proves the path end to end.
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
      {scorecard && (
        <section>
          <h2>Scorecard — {scorecard.period.display}</h2>
          <table>
            <thead>
              <tr>
                <th>KPI</th>
                <th>Value</th>
                <th>n</th>
                <th>95% interval</th>
              </tr>
            </thead>
            <tbody>
              {scorecard.kpis.map((kpi) => (
                <tr key={kpi.id}>
                  <td>{kpi.label}</td>
                  <td>{kpi.value === null ? (kpi.needs ?? '—') : kpi.value.toFixed(1)}</td>
                  <td>{kpi.n ?? '—'}</td>
                  <td>
                    {kpi.interval ? `${kpi.interval.low.toFixed(1)} – ${kpi.interval.high.toFixed(1)}` : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
