import { useEffect, useState, type ReactNode } from 'react';
import { ErrorSentence } from '../ui';

/**
 * What a form that saves through the engine shows: busy while it saves, the refusal as a sentence,
 * and a status saying what was saved. `save` runs the work, which answers the status to show.
 */
export function useSaving() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  async function save(work: () => Promise<string>): Promise<void> {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      setStatus(await work());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  const refuse = (problem: string) => {
    setStatus('');
    setError(new Error(problem));
  };
  return { busy, error, status, save, refuse, setStatus, setError };
}

export type Saving = ReturnType<typeof useSaving>;

/** The error sentence, the form's submit button (and any other), and the status, in one row. */
export function SaveRow({
  label,
  saving,
  children,
}: {
  label: string;
  saving: Saving;
  children?: ReactNode;
}) {
  return (
    <>
      <ErrorSentence error={saving.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={saving.busy}>
          {label}
        </button>
        {children}
        <span role="status" className="muted">
          {saving.status}
        </span>
      </div>
    </>
  );
}

/** A list the engine answers, fetched again whenever data changed (`version`); null while it loads. */
export function useLoaded<T>(load: () => Promise<T>, version: number, onError: (error: unknown) => void) {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (loaded) => live && setValue(loaded),
      (failure: unknown) => live && onError(failure),
    );
    return () => {
      live = false;
    };
    // Loaded again when the engine says data changed, not when the callers' closures change.
  }, [version]);
  return [value, setValue] as const;
}

/** A button of a table row: its visible word, and the label that says which row. */
interface RowAction {
  label: string;
  onClick: () => void;
}

/**
 * A settings row's buttons: Edit, and Remove for a row set here (an imported row goes with its
 * import). Side by side, one under the other where the table is narrow.
 */
export function RowActions({
  edit,
  remove,
  busy,
}: {
  edit: RowAction;
  remove: RowAction | null;
  busy: boolean;
}) {
  return (
    <div className="row-actions">
      <button type="button" className="small" aria-label={edit.label} onClick={edit.onClick}>
        Edit
      </button>
      {remove && (
        <button
          type="button"
          className="small"
          aria-label={remove.label}
          disabled={busy}
          onClick={remove.onClick}
        >
          Remove
        </button>
      )}
    </div>
  );
}
