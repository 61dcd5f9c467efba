import { useEffect, useState } from 'react';
import type { EngagementDetails, RecordsPage } from '../../../core/api/contract';
import { call } from '../api';
import { EmptyState, ErrorSentence, f } from '../ui';
import { History } from './Import';

const PAGE = 50;

type Table = Parameters<typeof recordsOf>[0]['table'];
const recordsOf = (request: Parameters<typeof call<'records:list'>>[1]) => call('records:list', request);

/**
 * What the engagement holds: the import history with provenance, and each table's current rows,
 * searchable and paged (the engine returns one page at a time, so a million rows never reach the
 * window at once), so a user can check a number back to its rows.
 */
export function DataScreen({ version }: { version: number }) {
  const [details, setDetails] = useState<EngagementDetails | null>(null);
  const [table, setTable] = useState<Table | null>(null);
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<RecordsPage | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    void call('engagement:summary', {}).then((value) => {
      setDetails(value);
      setTable((chosen) => chosen ?? (firstWithRows(value) as Table | null));
    }, setError);
  }, [version]);

  useEffect(() => {
    if (!table) return;
    let live = true;
    recordsOf({ table, offset, limit: PAGE, ...(applied ? { search: applied } : {}) }).then(
      (value) => live && setPage(value),
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [table, offset, applied, version]);

  const total = details ? Object.values(details.rows).reduce((sum, n) => sum + n, 0) : 0;
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
          <form
            className="actions"
            onSubmit={(event) => {
              event.preventDefault();
              setOffset(0);
              setApplied(search.trim());
            }}
          >
            <label className="field">
              Table
              <select
                value={table ?? ''}
                aria-label="Table"
                onChange={(event) => {
                  setTable(event.target.value as Table);
                  setOffset(0);
                }}
              >
                {Object.entries(details.rows).map(([name, rows]) => (
                  <option key={name} value={name}>
                    {name} ({f.count(rows)})
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
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
          {page && <RecordsTable page={page} />}
          {page && (
            <div className="pager">
              <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Previous
              </button>
              <span data-testid="records-range">
                {page.total === 0
                  ? applied
                    ? `No row contains “${applied}”.`
                    : 'This table is empty.'
                  : `Rows ${f.count(offset + 1)}–${f.count(offset + page.rows.length)} of ${f.count(page.total)}`}
              </span>
              <button disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
                Next
              </button>
            </div>
          )}
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

function RecordsTable({ page }: { page: RecordsPage }) {
  return (
    <div className="table-wrap">
      <table aria-label="Records" className="records">
        <thead>
          <tr>
            {page.columns.map((column) => (
              <th key={column}>{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td
                  key={j}
                  className={typeof cell === 'number' ? 'figure' : undefined}
                  title={cell === null ? undefined : String(cell)}
                >
                  {cell === null ? '—' : String(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
