import { useCallback, useEffect, useState } from 'react';
import type { EngagementSummary, FilterChoice, PeriodChoices } from '../../core/api/contract';
import { call } from './api';
import { useFocusFromAddress } from './drill';
import { CheckNotice, useEngagementCheck } from './engagement-check';
import { useWindowDrop } from './file-drop';
import { bridge, type MenuCommand } from './host';
import type { DataFocus } from './navigation';
import { ScopeBar } from './ScopeBar';
import { BriefingScreen } from './screens/Briefing';
import { DataScreen } from './screens/Data';
import { GapScreen } from './screens/Gap';
import { ImportScreen } from './screens/Import';
import { ScorecardScreen } from './screens/Scorecard';
import { SettingsScreen } from './screens/Settings';
import { StartScreen } from './screens/Start';

export type ScreenId = 'start' | 'import' | 'data' | 'scorecard' | 'gap' | 'briefing' | 'settings';

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
  { id: 'gap', label: 'Expectation gap', needsEngagement: true },
  { id: 'briefing', label: 'Briefing', needsEngagement: true },
  { id: 'settings', label: 'Settings', needsEngagement: true },
];

/** Screens that read the period and filter bar. */
const ANALYSIS_SCREENS: readonly ScreenId[] = ['scorecard', 'gap'];

/** The periods and filter values the engagement offers, read again when its data changes. */
function useScopeChoices(engagement: EngagementSummary | null, version: number) {
  const [periods, setPeriods] = useState<PeriodChoices | null>(null);
  const [filters, setFilters] = useState<FilterChoice[]>([]);
  useEffect(() => {
    if (!engagement) return;
    let live = true;
    void call('analysis:periods', {}).then(
      (value) => live && setPeriods(value),
      () => {},
    );
    void call('analysis:filters', {}).then(
      (value) => live && setFilters(value),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [engagement, version]);
  return { periods, filters };
}

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
  const choices = useScopeChoices(engagement, version);
  const [dropped, setDropped] = useState<File | null>(null);
  const take = useCallback((file: File) => {
    setDropped(file);
    setScreen('import');
  }, []);
  const dragging = useWindowDrop(engagement !== null, take);
  const check = useEngagementCheck();
  const runCheck = check.run;

  useEffect(() => {
    void call('engagement:current', {}).then(setEngagement, () => setEngagement(null));
    const stopEvents = bridge().subscribe((event) => {
      if (event.name === 'data:changed') setVersion((v) => v + 1);
    });
    const stopCommands = bridge().onCommand((received) => {
      // The check answers above whatever screen is showing.
      if (received.command === 'check') return runCheck();
      if (received.command === 'import') setScreen('import');
      else if (received.command === 'export') setScreen('briefing');
      else if (received.command !== 'methodology') setScreen('start');
      setCommand(received);
    });
    return () => {
      stopEvents();
      stopCommands();
    };
  }, [runCheck]);

  const opened = useCallback((summary: EngagementSummary, next: ScreenId) => {
    setEngagement(summary);
    setScope({});
    setFocus(null);
    setVersion((v) => v + 1);
    setScreen(next);
    void bridge().remember(summary.path);
  }, []);

  /** From a KPI's n to the rows behind it: the Data screen with that focus. */
  const drill = useCallback((next: DataFocus) => {
    setFocus(next);
    setScreen('data');
  }, []);
  useFocusFromAddress(drill);

  const navigate = (next: ScreenId) => {
    if (next === 'data') setFocus(null);
    setScreen(next);
  };

  // Until a period is picked each screen shows its own default: the scorecard the last complete
  // quarter, the gap all data (a staff self-assessment is usually one wave).
  const defaultPeriod = screen === 'gap' ? 'all' : (choices.periods?.default ?? 'all');

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
            onClick={() => navigate(item.id)}
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
          {engagement?.readOnly && (
            <span className="read-only" role="status">
              View only — {engagement.readOnly}; changes are refused.
            </span>
          )}
        </header>
        <CheckNotice state={check.state} onDismiss={check.dismiss} />
        {engagement && ANALYSIS_SCREENS.includes(screen) && (
          <ScopeBar
            key={engagement.path}
            scope={scope}
            periods={choices.periods}
            defaultPeriod={defaultPeriod}
            filters={choices.filters}
            onChange={setScope}
          />
        )}
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
            <ScorecardScreen scope={scope} version={version} onDrill={drill} />
          )}
          {screen === 'gap' && engagement && choices.periods && (
            <GapScreen scope={scope} version={version} where={choices.periods.where} />
          )}
          {screen === 'briefing' && engagement && <BriefingScreen scope={scope} version={version} />}
          {screen === 'settings' && engagement && <SettingsScreen version={version} />}
        </main>
      </div>
    </div>
  );
}
