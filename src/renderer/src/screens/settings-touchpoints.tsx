import { useEffect, useState, type FormEvent } from 'react';
import type { TouchpointRecord } from '../../../core/api/contract';
import { call } from '../api';
import { ErrorSentence } from '../ui';

interface TouchpointDraft {
  name: string;
  aliases: string;
  stage: string;
  importance: string;
}

const EMPTY: TouchpointDraft = { name: '', aliases: '', stage: '', importance: '' };

function draftOf(t: TouchpointRecord): TouchpointDraft {
  return {
    name: t.name,
    aliases: t.aliases.join(', '),
    stage: t.journeyStage ?? '',
    importance: t.statedImportance === null ? '' : String(t.statedImportance),
  };
}

/** The sentence for a draft that cannot be saved, or the request to send. */
function checked(draft: TouchpointDraft) {
  const name = draft.name.trim();
  if (!name) return { problem: 'Name the touchpoint as the survey files name it (e.g. Onboarding).' };
  const importance = draft.importance.trim() === '' ? null : Number(draft.importance.replace(',', '.'));
  if (importance !== null && (!Number.isFinite(importance) || importance < 0))
    return {
      problem: `The stated importance of ${name} must be a number of 0 or more (any scale), or blank to derive it.`,
    };
  const aliases = draft.aliases
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a && a.toLowerCase() !== name.toLowerCase());
  return {
    request: { name, aliases, journeyStage: draft.stage.trim() || null, statedImportance: importance },
  };
}

/** Touchpoints: the names the gap report matches (through their aliases), stages and importance. */
export function TouchpointsCard({ version }: { version: number }) {
  const [touchpoints, setTouchpoints] = useState<TouchpointRecord[] | null>(null);
  const [draft, setDraft] = useState<TouchpointDraft>(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void call('touchpoints:list', {}).then(
      (list) => live && setTouchpoints(list),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [version]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = checked(draft);
    if (result.problem !== undefined) {
      setError(new Error(result.problem));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setTouchpoints(await call('touchpoints:set', result.request));
      setStatus(`${result.request.name} saved.`);
      setDraft(EMPTY);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <h3>Touchpoints</h3>
      {touchpoints === null ? (
        <p className="muted">Loading the touchpoints…</p>
      ) : touchpoints.length === 0 ? (
        <p className="muted">
          No touchpoints defined: the gap report uses the names as the survey files write them. Add one below
          to merge spellings (aliases), place it in the journey, or state its importance.
        </p>
      ) : (
        <div className="table-wrap compact-table">
          <table aria-label="Touchpoints">
            <thead>
              <tr>
                <th>Touchpoint</th>
                <th>Also written as</th>
                <th>Journey stage</th>
                <th className="figure">Importance</th>
                <th>
                  <span className="visually-hidden">Edit</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {touchpoints.map((t) => (
                <tr key={t.name}>
                  <td>{t.name}</td>
                  <td className="muted">{t.aliases.join(', ') || '—'}</td>
                  <td>{t.journeyStage ?? '—'}</td>
                  <td className="figure">{t.statedImportance ?? 'derived'}</td>
                  <td>
                    <button
                      type="button"
                      className="small"
                      aria-label={`Edit touchpoint ${t.name}`}
                      onClick={() => setDraft(draftOf(t))}
                    >
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        className="form target-form"
        onSubmit={(e) => void save(e)}
        aria-label="Add or change a touchpoint"
      >
        <div className="form-row">
          <label>
            Touchpoint
            <input
              value={draft.name}
              size={16}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
          </label>
          <label>
            Journey stage
            <input
              value={draft.stage}
              size={12}
              placeholder="e.g. Onboard"
              onChange={(e) => setDraft({ ...draft, stage: e.target.value })}
            />
          </label>
          <label>
            Stated importance
            <input
              inputMode="decimal"
              value={draft.importance}
              size={6}
              placeholder="derived"
              onChange={(e) => setDraft({ ...draft, importance: e.target.value })}
            />
          </label>
        </div>
        <label>
          Also written as (comma-separated)
          <input
            value={draft.aliases}
            placeholder="On-boarding, Setup"
            onChange={(e) => setDraft({ ...draft, aliases: e.target.value })}
          />
        </label>
        <ErrorSentence error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Save touchpoint
          </button>
          <span role="status" className="muted">
            {status}
          </span>
        </div>
      </form>
    </div>
  );
}
