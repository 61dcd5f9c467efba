import type { BriefingPack, PeriodNotes } from '../../../core/api/contract';

type Message = BriefingPack['summary']['messages'][number];
type Action = PeriodNotes['actions'][number];

/** What the user is writing for a period: messages (edited or as generated), actions, decisions. */
export interface NotesDraft {
  messages: Array<Pick<Message, 'text' | 'cites'>>;
  /** False while the messages are the generated ones: saving keeps them generated from the numbers. */
  messagesEdited: boolean;
  actions: Action[];
  decisions: string[];
}

export const MAX_MESSAGES = 10;
const STATUSES = ['open', 'in progress', 'done'];

export function draftFrom(pack: BriefingPack, notes: PeriodNotes): NotesDraft {
  return {
    messages: (notes.messages ?? pack.summary.messages).map(({ text, cites }) => ({ text, cites })),
    messagesEdited: notes.messages !== null,
    actions: notes.actions,
    decisions: notes.decisions,
  };
}

/** The notes to save, or the sentence saying what to fix first. */
export function notesOf(draft: NotesDraft): { notes: PeriodNotes } | { problem: string } {
  const emptyMessage = draft.messages.findIndex((m) => !m.text.trim());
  if (emptyMessage >= 0)
    return { problem: `Key message ${emptyMessage + 1} is empty: write it or remove it.` };
  const emptyAction = draft.actions.findIndex((a) => !a.what.trim());
  if (emptyAction >= 0) return { problem: `Action ${emptyAction + 1} says nothing: write it or remove it.` };
  const emptyDecision = draft.decisions.findIndex((d) => !d.trim());
  if (emptyDecision >= 0)
    return { problem: `Decision ${emptyDecision + 1} is empty: write it or remove it.` };
  return {
    notes: {
      messages: draft.messagesEdited
        ? draft.messages.map((m) => ({ text: m.text.trim(), cites: m.cites }))
        : null,
      actions: draft.actions.map((a) => ({ ...a, what: a.what.trim(), owner: a.owner.trim() })),
      decisions: draft.decisions.map((d) => d.trim()),
    },
  };
}

/** The pack as it will print with these notes: the report view shows them before they are saved. */
export function packWith(pack: BriefingPack, draft: NotesDraft): BriefingPack {
  const decisions = draft.decisions.filter((d) => d.trim());
  return {
    ...pack,
    summary: {
      ...pack.summary,
      messages: draft.messages
        .filter((m) => m.text.trim())
        .map((m) => ({ ...m, edited: draft.messagesEdited })),
      decisions,
    },
    actions: draft.actions.filter((a) => a.what.trim()),
    decisions,
  };
}

function moved<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

function RowButtons({
  what,
  index,
  count,
  onMove,
  onRemove,
}: {
  what: string;
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  return (
    <div className="row-buttons">
      <button
        type="button"
        className="small"
        aria-label={`Move ${what} ${index + 1} up`}
        disabled={index === 0}
        onClick={() => onMove(index - 1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="small"
        aria-label={`Move ${what} ${index + 1} down`}
        disabled={index === count - 1}
        onClick={() => onMove(index + 1)}
      >
        ↓
      </button>
      <button type="button" className="small" aria-label={`Remove ${what} ${index + 1}`} onClick={onRemove}>
        Remove
      </button>
    </div>
  );
}

/** A numbered list of texts, each in a labelled text box with its move and remove buttons. */
function TextList<T>({
  what,
  items,
  rows,
  textOf,
  withText,
  onChange,
}: {
  what: string;
  items: T[];
  rows: number;
  textOf: (item: T) => string;
  withText: (item: T, text: string) => T;
  onChange: (items: T[]) => void;
}) {
  const id = what.replace(/\s+/g, '-');
  return (
    <ol className="note-list">
      {items.map((item, i) => (
        <li key={i}>
          <label className="visually-hidden" htmlFor={`${id}-${i}`}>
            {what[0]?.toUpperCase()}
            {what.slice(1)} {i + 1}
          </label>
          <textarea
            id={`${id}-${i}`}
            rows={rows}
            maxLength={2000}
            value={textOf(item)}
            onChange={(e) => onChange(items.map((x, j) => (j === i ? withText(x, e.target.value) : x)))}
          />
          <RowButtons
            what={what}
            index={i}
            count={items.length}
            onMove={(to) => onChange(moved(items, i, to))}
            onRemove={() => onChange(items.filter((_, j) => j !== i))}
          />
        </li>
      ))}
    </ol>
  );
}

export function MessagesEditor({
  draft,
  onChange,
  onRegenerate,
}: {
  draft: NotesDraft;
  onChange: (draft: NotesDraft) => void;
  onRegenerate: () => void;
}) {
  const set = (messages: NotesDraft['messages']) => onChange({ ...draft, messages, messagesEdited: true });
  return (
    <fieldset className="notes-group">
      <legend>Key messages</legend>
      <p className="hint">
        {draft.messagesEdited
          ? 'Written for this period and saved with the engagement.'
          : 'Generated from the numbers; edit them and save to make them yours.'}
      </p>
      {draft.messages.length === 0 && (
        <p className="muted">No key message: add one for the executive summary.</p>
      )}
      <TextList
        what="key message"
        items={draft.messages}
        rows={3}
        textOf={(m) => m.text}
        withText={(m, text) => ({ ...m, text })}
        onChange={set}
      />
      <div className="actions">
        <button
          type="button"
          disabled={draft.messages.length >= MAX_MESSAGES}
          onClick={() => set([...draft.messages, { text: '', cites: [] }])}
        >
          Add a key message
        </button>
        {draft.messagesEdited && (
          <button type="button" onClick={onRegenerate}>
            Use the generated messages
          </button>
        )}
      </div>
    </fieldset>
  );
}

export function ActionsEditor({
  draft,
  onChange,
}: {
  draft: NotesDraft;
  onChange: (draft: NotesDraft) => void;
}) {
  const set = (actions: Action[]) => onChange({ ...draft, actions });
  const update = (i: number, change: Partial<Action>) =>
    set(draft.actions.map((a, j) => (j === i ? { ...a, ...change } : a)));
  return (
    <fieldset className="notes-group">
      <legend>Actions</legend>
      {draft.actions.length === 0 && (
        <p className="muted">No action for this period: add what will be done, by whom and by when.</p>
      )}
      <ol className="note-list">
        {draft.actions.map((action, i) => (
          <li key={i} className="action-item">
            <label>
              Action {i + 1}
              <input
                maxLength={2000}
                value={action.what}
                onChange={(e) => update(i, { what: e.target.value })}
              />
            </label>
            <div className="form-row">
              <label>
                Owner
                <input
                  maxLength={200}
                  size={12}
                  value={action.owner}
                  onChange={(e) => update(i, { owner: e.target.value })}
                />
              </label>
              <label>
                Due
                <input
                  type="date"
                  value={action.due ?? ''}
                  onChange={(e) => update(i, { due: e.target.value || null })}
                />
              </label>
              <label>
                Status
                <select value={action.status} onChange={(e) => update(i, { status: e.target.value })}>
                  {[...new Set([...STATUSES, action.status])].map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              </label>
            </div>
            <RowButtons
              what="action"
              index={i}
              count={draft.actions.length}
              onMove={(to) => set(moved(draft.actions, i, to))}
              onRemove={() => set(draft.actions.filter((_, j) => j !== i))}
            />
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() => set([...draft.actions, { what: '', owner: '', due: null, status: 'open' }])}
      >
        Add an action
      </button>
    </fieldset>
  );
}

export function DecisionsEditor({
  draft,
  onChange,
}: {
  draft: NotesDraft;
  onChange: (draft: NotesDraft) => void;
}) {
  const set = (decisions: string[]) => onChange({ ...draft, decisions });
  return (
    <fieldset className="notes-group">
      <legend>Decisions requested</legend>
      {draft.decisions.length === 0 && (
        <p className="muted">No decision requested: add what the board should decide.</p>
      )}
      <TextList
        what="decision"
        items={draft.decisions}
        rows={2}
        textOf={(d) => d}
        withText={(_, text) => text}
        onChange={set}
      />
      <button type="button" onClick={() => set([...draft.decisions, ''])}>
        Add a decision
      </button>
    </fieldset>
  );
}
