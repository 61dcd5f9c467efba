import { useCallback, useEffect, useState } from 'react';
import type { EngagementSummary } from '../../core/api/contract';
import { call } from './api';
import { ShowRowsContext, useFocusFromAddress } from './drill';
import { useWindowDrop } from './file-drop';
import { bridge, type MenuCommand } from './host';
import type { DataFocus } from './navigation';
import { DataScreen } from './screens/Data';
import { ImportScreen } from './screens/Import';
import { ScorecardScreen } from './screens/Scorecard';
import { StartScreen } from './screens/Start';

export type ScreenId = 'start' | 'import' | 'data' | 'scorecard';

/** The period and filter every analysis screen reads (empty: the engine's default period, everyone). */
export interface Scope {
  period?: string;
  filters?: Record<string, string>;
}

const NAV: Array<{ id: ScreenId; label: string; needsEngagement: boolean }> = [
  { id: 'start', label: 'Start', needsEngagement: false },
  { id: 'import', label: 'Import', needsEngagement: true },
  { id: 'data', label: 'Data', needsEngagement: true },
  { id: 'scorecard', label: 'Scorecard', needsEngagement: true },
];

/**
 * The layout shell: navigation, the open engagement's name, the period and filter bar; one screen
 * at a time. Screens refetch when the engine says data changed (an import, a removal).
 */
export function App() {
  const [engagement, setEngagement] = useState<EngagementSummary | null>(null);
  const [screen, setScreen] = useState<ScreenId>('start');
  const [scope, setScope] = useState<Scope>({});
  const [version, setVersion] = useState(0);
  const [command, setCommand] = useState<MenuCommand | null>(null);
  const [focus, setFocus] = useState<DataFocus | null>(null);
  const showRows = useCallback((next: DataFocus) => {
    setFocus(next);
    setScreen('data');
  }, []);
  useFocusFromAddress(showRows);
  const [dropped, setDropped] = useState<File | null>(null);
  const take = useCallback((file: File) => {
    setDropped(file);
    setScreen('import');
  }, []);
  const dragging = useWindowDrop(engagement !== null, take);

  useEffect(() => {
    void call('engagement:current', {}).then(setEngagement, () => setEngagement(null));
    const stopEvents = bridge().subscribe((event) => {
      if (event.name === 'data:changed') setVersion((v) => v + 1);
    });
    const stopCommands = bridge().onCommand((received) => {
      if (received.command === 'import') setScreen('import');
      else if (received.command !== 'export' && received.command !== 'methodology') setScreen('start');
      setCommand(received);
    });
    return () => {
      stopEvents();
      stopCommands();
    };
  }, []);

  const opened = useCallback((summary: EngagementSummary, next: ScreenId) => {
    setEngagement(summary);
    setScope({});
    setFocus(null);
    setVersion((v) => v + 1);
    setScreen(next);
    void bridge().remember(summary.path);
  }, []);

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Screens">
        <h1 className="brand">CX Brief</h1>
        {NAV.map((item) => (
          <button
            key={item.id}
            className="nav-item"
            aria-current={screen === item.id ? 'page' : undefined}
            disabled={item.needsEngagement && !engagement}
            onClick={() => setScreen(item.id)}
          >
            {item.label}
          </button>
        ))}
      </nav>
      <div className="workspace">
        <header className="topbar">
          {engagement ? (
            <span className="muted">
              {engagement.client && !engagement.name.includes(engagement.client)
                ? `${engagement.client} — `
                : ''}
              {engagement.name}
            </span>
          ) : (
            <span className="placeholder">No engagement open</span>
          )}
          {engagement && screen === 'scorecard' && <FilterBar scope={scope} onChange={setScope} />}
        </header>
        <main className="content">
          {screen === 'start' && (
            <StartScreen
              onOpened={opened}
              onFailed={() =>
                void call('engagement:current', {}).then(setEngagement, () => setEngagement(null))
              }
              command={command}
            />
          )}
          {screen === 'import' && engagement && (
            <ImportScreen
              version={version}
              dropped={dropped}
              dragging={dragging}
              onDropTaken={() => setDropped(null)}
            />
          )}
          {screen === 'data' && engagement && (
            <DataScreen version={version} focus={focus} onClearFocus={() => setFocus(null)} />
          )}
          {screen === 'scorecard' && engagement && (
            <ShowRowsContext.Provider value={showRows}>
              <ScorecardScreen scope={scope} version={version} />
            </ShowRowsContext.Provider>
          )}
        </main>
      </div>
    </div>
  );
}

/** Period (e.g. 2026-Q2, 2026-05, 2026) and one segment filter (key = value), applied on Enter. */
function FilterBar({ scope, onChange }: { scope: Scope; onChange: (scope: Scope) => void }) {
  const [period, setPeriod] = useState(scope.period ?? '');
  const [filter, setFilter] = useState(
    Object.entries(scope.filters ?? {})
      .map(([key, value]) => `${key}=${value}`)
      .join(', '),
  );
  const apply = () => {
    const filters: Record<string, string> = {};
    for (const pair of filter.split(',')) {
      const [key, ...value] = pair.split('=');
      if (key?.trim() && value.length) filters[key.trim()] = value.join('=').trim();
    }
    onChange({ ...(period.trim() ? { period: period.trim() } : {}), filters });
  };
  return (
    <form
      className="filterbar"
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <label>
        Period
        <input
          value={period}
          placeholder="last complete quarter"
          size={16}
          onChange={(e) => setPeriod(e.target.value)}
        />
      </label>
      <label>
        Filter
        <input
          value={filter}
          placeholder="segment=Enterprise"
          size={20}
          onChange={(e) => setFilter(e.target.value)}
        />
      </label>
      <button type="submit">Apply</button>
    </form>
  );
}
