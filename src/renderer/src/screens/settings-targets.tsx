import { useState, type FormEvent } from 'react';
import type { ScorecardKpi } from '../../../core/api/contract';
import { formatterFor } from '../../../core/format';
import { call } from '../api';
import { RowActions, SaveRow, useLoaded, useSaving } from './forms';

interface KpiChoice {
  id: string;
  label: string;
  unit: ScorecardKpi['unit'];
  direction: 'higher' | 'lower' | null;
}

/** What a target's value is written in, said next to the input. */
const UNIT_WORDS: Record<ScorecardKpi['unit'], string> = {
  points: 'points (−100 to 100)',
  percent: '% (e.g. 82 for 82%)',
  currency: 'currency units',
  months: 'months',
  ratio: 'to 1',
  score: 'on the answer scale',
};

/** Target metrics compare as the engine compares them: "Logo churn", "logo_churn", "logo-churn". */
const metricKey = (metric: string) =>
  metric
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');

interface TargetDraft {
  metric: string;
  period: string;
  value: string;
  direction: 'higher' | 'lower';
  tolerance: string;
}

const EMPTY: TargetDraft = { metric: '', period: '', value: '', direction: 'higher', tolerance: '' };

/** The sentence for a draft that cannot be a target, or null with the request to send. */
function checked(draft: TargetDraft, kpi: KpiChoice | undefined) {
  if (!kpi) return { problem: 'Choose the KPI the target is for.' };
  const value = Number(draft.value.replace(',', '.'));
  if (draft.value.trim() === '' || !Number.isFinite(value))
    return { problem: `Write the target for ${kpi.label} as a number in ${UNIT_WORDS[kpi.unit]}.` };
  const tolerance = draft.tolerance.trim() === '' ? 0 : Number(draft.tolerance.replace(',', '.'));
  if (!Number.isFinite(tolerance) || tolerance < 0)
    return { problem: 'The amber tolerance must be a number of 0 or more (blank: 0).' };
  return {
    request: {
      metric: kpi.id,
      ...(draft.period.trim() ? { period: draft.period.trim() } : {}),
      value,
      direction: draft.direction,
      amberTolerance: tolerance,
    },
  };
}

/** KPI targets: the list (imported or set here) and a form to set one; the scorecard's RAG follows. */
export function TargetsCard({ version }: { version: number }) {
  const saving = useSaving();
  const [targets, setTargets] = useLoaded(() => call('targets:list', {}), version, saving.setError);
  // The KPIs come from the scorecard, so a target can be set for every KPI the engine computes.
  const [scorecard] = useLoaded(
    () => call('scorecard:get', {}),
    version,
    () => {},
  );
  const [draft, setDraft] = useState<TargetDraft>(EMPTY);

  const kpis: KpiChoice[] = (scorecard?.kpis ?? [])
    .filter((k) => !k.id.includes(':'))
    .map((k) => ({ id: k.id, label: k.label, unit: k.unit, direction: k.target?.direction ?? null }));
  const byKey = new Map(kpis.map((k) => [metricKey(k.id), k]));
  const chosen = byKey.get(metricKey(draft.metric));
  const f = formatterFor(scorecard?.engagement ?? {});

  function save(event: FormEvent) {
    event.preventDefault();
    const result = checked(draft, chosen);
    if (result.problem !== undefined) return saving.refuse(result.problem);
    void saving.save(async () => {
      setTargets(await call('targets:set', result.request));
      setDraft(EMPTY);
      return `Target for ${chosen?.label ?? draft.metric} saved.`;
    });
  }

  /** A target set here goes; one its import set for the same KPI and period, if any, is back. */
  function remove(metric: string, period: string, said: string) {
    void saving.save(async () => {
      setTargets(await call('targets:remove', { metric, period }));
      return `Target for ${said} removed.`;
    });
  }

  return (
    <div className="card">
      <h3>Targets</h3>
      {targets === null ? (
        <p className="muted">Loading the targets…</p>
      ) : targets.length === 0 ? (
        <p className="muted">
          No targets yet: set one below, or import a targets file (metric, period, value, direction,
          amber_tolerance) on the Import screen. Without a target a KPI shows no RAG status.
        </p>
      ) : (
        <div className="table-wrap compact-table">
          <table aria-label="Targets">
            <thead>
              <tr>
                <th>KPI</th>
                <th>Period</th>
                <th className="figure">Target</th>
                <th>Better</th>
                <th className="figure">Amber</th>
                <th>Source</th>
                <th>
                  <span className="visually-hidden">Edit</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {targets.map((t) => {
                const kpi = byKey.get(metricKey(t.metric));
                const label = kpi?.label ?? t.metric;
                const period = t.period === '*' ? 'any period' : t.period;
                return (
                  <tr key={`${t.metric}|${t.period}`}>
                    <td>{label}</td>
                    <td>{period}</td>
                    <td className="figure">{kpi ? f.value(kpi.unit, t.value) : t.value}</td>
                    <td>{t.direction}</td>
                    <td className="figure">{t.amberTolerance}</td>
                    <td className="muted nowrap">
                      {t.importId === null ? 'set here' : `import ${t.importId}`}
                    </td>
                    <td>
                      <RowActions
                        edit={{
                          label: `Edit the target of ${label} for ${period}`,
                          onClick: () =>
                            setDraft({
                              metric: kpi?.id ?? t.metric,
                              period: t.period === '*' ? '' : t.period,
                              value: String(t.value),
                              direction: t.direction,
                              tolerance: String(t.amberTolerance),
                            }),
                        }}
                        remove={
                          t.importId === null
                            ? {
                                label: `Remove the target of ${label} for ${period}`,
                                onClick: () => remove(t.metric, t.period, `${label} (${period})`),
                              }
                            : null
                        }
                        busy={saving.busy}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <form className="form target-form" onSubmit={save} aria-label="Set a target">
        <div className="form-row">
          <label>
            KPI
            <select
              value={chosen?.id ?? ''}
              onChange={(e) => {
                const kpi = byKey.get(e.target.value);
                setDraft({ ...draft, metric: e.target.value, direction: kpi?.direction ?? draft.direction });
                saving.setStatus('');
              }}
            >
              <option value="">Choose a KPI…</option>
              {kpis.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Period
            <input
              value={draft.period}
              placeholder="any period"
              size={10}
              onChange={(e) => setDraft({ ...draft, period: e.target.value })}
            />
          </label>
        </div>
        <div className="form-row">
          <label>
            Target{chosen ? ` (${UNIT_WORDS[chosen.unit]})` : ''}
            <input
              inputMode="decimal"
              value={draft.value}
              size={8}
              onChange={(e) => setDraft({ ...draft, value: e.target.value })}
            />
          </label>
          <label>
            Better when
            <select
              value={draft.direction}
              onChange={(e) => setDraft({ ...draft, direction: e.target.value as 'higher' | 'lower' })}
            >
              <option value="higher">higher</option>
              <option value="lower">lower</option>
            </select>
          </label>
          <label>
            Amber within
            <input
              inputMode="decimal"
              value={draft.tolerance}
              placeholder="0"
              size={6}
              onChange={(e) => setDraft({ ...draft, tolerance: e.target.value })}
            />
          </label>
        </div>
        <p className="hint">
          A period such as 2026 or 2026-Q3 (a quarter or month uses its year’s target when it has none of its
          own); blank applies to every period. Amber: missing the target by no more than this.
        </p>
        <SaveRow label="Set target" saving={saving} />
      </form>
    </div>
  );
}
