import { useEffect, useState, type FormEvent } from 'react';
import type { EngagementSummary } from '../../../core/api/contract';
import { call } from '../api';
import { bridge, type MenuCommand } from '../host';
import { ErrorSentence } from '../ui';
import './start.css';
import type { ScreenId } from '../App';

const CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'CHF',
  'JPY',
  'CAD',
  'AUD',
  'SEK',
  'NOK',
  'DKK',
  'INR',
  'BRL',
  'ZAR',
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** New engagement, open one (dialog in the app, a path in a browser), recent files, the demo. */
export function StartScreen({
  onOpened,
  onFailed,
  command,
}: {
  onOpened: (summary: EngagementSummary, next: ScreenId) => void;
  /** An open that failed may have closed the engagement that was open: the shell looks again. */
  onFailed?: () => void;
  command: MenuCommand | null;
}) {
  const [recent, setRecent] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const host = bridge();

  useEffect(() => {
    void host.recent().then(setRecent, () => setRecent([]));
  }, [host]);

  async function run(label: string, work: () => Promise<void>) {
    setBusy(label);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(failure);
      onFailed?.();
    } finally {
      setBusy(null);
    }
  }

  const open = (path: string) =>
    run('Opening…', async () => onOpened(await call('engagement:open', { path }), 'data'));
  const openDemo = () =>
    run('Building the demo engagement…', async () =>
      onOpened(await call('engagement:open-demo', {}), 'scorecard'),
    );

  useEffect(() => {
    if (command?.command === 'open-path') void open(command.path);
    if (command?.command === 'open-demo') void openDemo();
    if (command?.command === 'open' && host.chooseEngagement)
      void host.chooseEngagement().then((path) => (path ? open(path) : undefined));
    // Each menu command is acted on once, when it arrives.
  }, [command]);

  return (
    <section>
      <h2>Start</h2>
      <ErrorSentence error={error} />
      {busy && (
        <p className="muted" role="status">
          {busy}
        </p>
      )}
      <div className="grid-2">
        <NewEngagement
          busy={busy !== null}
          onCreate={(work) => run('Creating the engagement…', work)}
          onOpened={onOpened}
        />
        <div>
          <div className="card">
            <h3>Open an engagement</h3>
            {host.chooseEngagement ? (
              <button
                disabled={busy !== null}
                onClick={() => void host.chooseEngagement?.().then((path) => (path ? open(path) : undefined))}
              >
                Open a .cxb file…
              </button>
            ) : (
              <OpenByPath disabled={busy !== null} onOpen={(path) => void open(path)} />
            )}
            <h3 style={{ marginTop: 'var(--space-5)' }}>Recent</h3>
            {recent.length === 0 ? (
              <p className="muted">No engagement opened yet: create one, or open the demo to look around.</p>
            ) : (
              <ul className="recent">
                {recent.map((path) => (
                  <li key={path}>
                    <button className="link" title={path} onClick={() => void open(path)}>
                      {fileName(path)}
                    </button>
                    <div className="muted folder">{folderOf(path)}</div>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="card">
            <h3>Demo engagement</h3>
            <p className="muted">
              A fictional B2B company with two years of surveys, revenue and staff assessments, imported from
              the same kinds of files a client hands over.
            </p>
            <button className="primary" onClick={() => void openDemo()} disabled={busy !== null}>
              {busy === 'Building the demo engagement…' ? busy : 'Open demo engagement'}
            </button>
          </div>
        </div>
      </div>
    </section>
  );
}

function NewEngagement({
  busy,
  onCreate,
  onOpened,
}: {
  busy: boolean;
  onCreate: (work: () => Promise<void>) => void;
  onOpened: (summary: EngagementSummary, next: ScreenId) => void;
}) {
  const [name, setName] = useState('');
  const [client, setClient] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [fiscalStart, setFiscalStart] = useState(1);

  function submit(event: FormEvent) {
    event.preventDefault();
    onCreate(async () => {
      const title = client.trim() ? `${client.trim()} — ${name.trim()}` : name.trim();
      const path = await bridge().newEngagementPath(title);
      if (!path) return;
      const summary = await call('engagement:create', {
        path,
        name: name.trim(),
        ...(client.trim() ? { client: client.trim() } : {}),
      });
      await call('settings:set', { values: { currency, fiscal_year_start: String(fiscalStart) } });
      onOpened(summary, 'import');
    });
  }

  return (
    <form className="card form" onSubmit={submit} aria-label="New engagement">
      <h3>New engagement</h3>
      <label>
        Engagement name
        <input
          required
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="CX review 2026"
        />
      </label>
      <label>
        Client
        <input
          maxLength={80}
          value={client}
          onChange={(e) => setClient(e.target.value)}
          placeholder="Northwind"
        />
      </label>
      <label>
        Currency
        <select value={currency} onChange={(e) => setCurrency(e.target.value)}>
          {CURRENCIES.map((code) => (
            <option key={code}>{code}</option>
          ))}
        </select>
      </label>
      <label>
        Fiscal year starts in
        <select value={fiscalStart} onChange={(e) => setFiscalStart(Number(e.target.value))}>
          {MONTHS.map((month, i) => (
            <option key={month} value={i + 1}>
              {month}
            </option>
          ))}
        </select>
      </label>
      <div className="actions">
        <button className="primary" type="submit" disabled={busy || !name.trim()}>
          Create engagement
        </button>
      </div>
    </form>
  );
}

function OpenByPath({ disabled, onOpen }: { disabled: boolean; onOpen: (path: string) => void }) {
  const [path, setPath] = useState('');
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (path.trim()) onOpen(path.trim());
      }}
    >
      <label>
        Path of the .cxb file on this computer
        <input
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/home/me/CX Brief/Review.cxb"
        />
      </label>
      <div className="actions">
        <button type="submit" disabled={disabled || !path.trim()}>
          Open
        </button>
      </div>
    </form>
  );
}

/** The file's name and its folder, shown apart so a long path does not break mid-word. */
function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function folderOf(path: string): string {
  return path.slice(0, Math.max(0, path.length - fileName(path).length - 1));
}
