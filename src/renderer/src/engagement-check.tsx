import { useCallback, useRef, useState } from 'react';
import type { EngagementCheck } from '../../core/api/contract';
import { call } from './api';
import { sentenceOf } from './ui';

/** Where File > Check engagement… stands: running, its answer, or the engine's refusal. */
export type CheckState =
  | { phase: 'checking' }
  | { phase: 'checked'; result: EngagementCheck }
  | { phase: 'refused'; error: unknown };

/**
 * SQLite's full integrity and foreign-key checks on the open engagement, on demand (opening runs
 * them only after an unclean close). A second request while one runs is the same check.
 */
export function useEngagementCheck() {
  const [state, setState] = useState<CheckState | null>(null);
  const running = useRef(false);
  const run = useCallback(() => {
    if (running.current) return;
    running.current = true;
    setState({ phase: 'checking' });
    call('engagement:check', {})
      .then(
        (result) => setState({ phase: 'checked', result }),
        (error: unknown) => setState({ phase: 'refused', error }),
      )
      .finally(() => (running.current = false));
  }, []);
  const dismiss = useCallback(() => setState(null), []);
  return { state, run, dismiss };
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** What the check found, in a sentence above the screen, until the user dismisses it. */
export function CheckNotice({ state, onDismiss }: { state: CheckState | null; onDismiss: () => void }) {
  if (!state) return null;
  if (state.phase === 'checking')
    return (
      <div className="notice check-notice" role="status">
        <p>
          Checking the engagement file: SQLite reads every page of it, which takes a few seconds on a large
          engagement.
        </p>
      </div>
    );
  const dismiss = (
    <button type="button" className="small" onClick={onDismiss}>
      Dismiss
    </button>
  );
  if (state.phase === 'refused')
    return (
      <div className="alert check-notice" role="alert">
        <p>{sentenceOf(state.error)}</p>
        {dismiss}
      </div>
    );
  const { result } = state;
  const name = fileName(result.path);
  if (result.ok)
    return (
      <div className="notice passed check-notice" role="status">
        <p>
          {name} passed SQLite&apos;s integrity and foreign-key checks ({result.seconds.toFixed(2)} s).
        </p>
        {dismiss}
      </div>
    );
  return (
    <div className="alert check-notice" role="alert">
      <div>
        <p>
          {name} failed SQLite&apos;s integrity and foreign-key checks. If a backup lies beside it (a .bak-v…
          file an upgrade left), open that; otherwise re-import the source files into a new engagement. What
          SQLite found:
        </p>
        <ul>
          {[...new Set(result.problems)].map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </div>
      {dismiss}
    </div>
  );
}
