import { useState, type FormEvent } from 'react';
import { call } from '../api';
import type { TouchpointRecord } from '../../../core/api/contract';
import { RowActions, SaveRow, useLoaded, useSaving } from './forms';

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
  const saving = useSaving();
  const [touchpoints, setTouchpoints] = useLoaded(
    () => call('touchpoints:list', {}),
    version,
    saving.setError,
  );
  const [draft, setDraft] = useState<TouchpointDraft>(EMPTY);

  function save(event: FormEvent) {
    event.preventDefault();
    const result = checked(draft);
    if (result.problem !== undefined) return saving.refuse(result.problem);
    void saving.save(async () => {
      setTouchpoints(await call('touchpoints:set', result.request));
      setDraft(EMPTY);
      return `${result.request.name} saved.`;
    });
  }

  /** A definition set here goes; the newest imported one of that name, if any, is back. */
  function remove(name: string) {
    void saving.save(async () => {
      setTouchpoints(await call('touchpoints:remove', { name }));
      return `${name} removed.`;
    });
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
                <th>Source</th>
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
                  <td className="muted nowrap">
                    {t.importId === null ? 'set here' : `import ${t.importId}`}
                  </td>
                  <td>
                    <RowActions
                      edit={{ label: `Edit touchpoint ${t.name}`, onClick: () => setDraft(draftOf(t)) }}
                      remove={
                        t.importId === null
                          ? { label: `Remove touchpoint ${t.name}`, onClick: () => remove(t.name) }
                          : null
                      }
                      busy={saving.busy}
                    />
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
        <SaveRow label="Save touchpoint" saving={saving} />
      </form>
    </div>
  );
}
