import { useEffect, useState } from 'react';
import type { EngagementDetails } from '../../../core/api/contract';
import { call } from '../api';
import type { DataFocus } from '../navigation';
import { EmptyState, ErrorSentence, f } from '../ui';
import { History } from './Import';
import { RecordsGrid, type RecordsQuery, type Table } from './RecordsGrid';

/**
 * What the engagement holds: each table's current rows, searchable and scrolled through a window
 * that asks the engine only for the rows in view (a million rows never reach the page at once),
 * and the import history with provenance. With a focus (a drill-through from a KPI's n) the rows
 * are exactly those counted in that number, said above them, until "Show all rows" clears it.
 */
export function DataScreen({
  version,
  focus = null,
  onClearFocus,
}: {
  version: number;
  focus?: DataFocus | null;
  onClearFocus?: () => void;
}) {
  const [details, setDetails] = useState<EngagementDetails | null>(null);
  const [table, setTable] = useState<Table | null>(null);
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    void call('engagement:summary', {}).then((value) => {
      setDetails(value);
      setTable((chosen) => chosen ?? (firstWithRows(value) as Table | null));
    }, setError);
  }, [version]);

  const total = details ? Object.values(details.rows).reduce((sum, n) => sum + n, 0) : 0;
  const query: RecordsQuery | null = table
    ? {
        table,
        ...(applied ? { search: applied } : {}),
        ...(focus
          ? {
              focus: {
                kpi: focus.kpi,
                ...(focus.period ? { period: focus.period } : {}),
                ...(focus.filters ? { filters: focus.filters } : {}),
              },
            }
          : {}),
      }
    : null;
  return (
    <section>
      <h2>Data</h2>
      <ErrorSentence error={error} />
      {details && total === 0 && (
        <EmptyState title="No records yet">
          <p>
            Import a survey export, a customer list or revenue on the Import screen; its rows will show here.
          </p>
        </EmptyState>
      )}
      {details && total > 0 && (
        <div className="card">
          <h3>Records</h3>
          {focus && (
            <div className="focus-banner" role="status" aria-label="Drill-through">
              <span>
                The rows behind <strong data-testid="focus-label">{focus.label}</strong>
              </span>
              <button type="button" onClick={onClearFocus}>
                Show all rows
              </button>
            </div>
          )}
          <form
            className="actions"
            onSubmit={(event) => {
              event.preventDefault();
              setApplied(search.trim());
            }}
          >
            {!focus && (
              <label className="field">
                Table
                <select
                  value={table ?? ''}
                  aria-label="Table"
                  onChange={(event) => setTable(event.target.value as Table)}
                >
                  {Object.entries(details.rows).map(([name, rows]) => (
                    <option key={name} value={name}>
                      {name} ({f.count(rows)})
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="field grow">
              Search
              <input
                type="search"
                value={search}
                aria-label="Search the records"
                placeholder="an id, a name, a value…"
                onChange={(event) => setSearch(event.target.value)}
              />
            </label>
            <button type="submit">Search</button>
          </form>
          {query && <RecordsGrid query={query} version={version} onError={setError} />}
        </div>
      )}
      <History version={version} />
    </section>
  );
}

function firstWithRows(details: EngagementDetails): string | null {
  const entries = Object.entries(details.rows);
  return (entries.find(([, rows]) => rows > 0) ?? entries[0])?.[0] ?? null;
}
