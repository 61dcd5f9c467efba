/**
 * What the user writes into a pack, saved in the engagement per period: edited key messages (with
 * the figures each cites), actions (owner, due date, status) and decisions requested.
 */
import type { Db } from './engagement';

export interface NoteCite {
  metric: string;
  value: number;
  n: number | null;
}

export interface SavedMessage {
  text: string;
  cites: NoteCite[];
}

export interface Action {
  what: string;
  owner: string;
  /** YYYY-MM-DD, or null when not set. */
  due: string | null;
  status: string;
}

export interface PeriodNotes {
  /** Null: the user has not edited the key messages, so the pack generates them. */
  messages: SavedMessage[] | null;
  actions: Action[];
  decisions: string[];
}

interface NoteRow {
  kind: 'key_message' | 'action' | 'decision';
  body: string;
  owner: string | null;
  due_on: string | null;
  status: string | null;
  cites: string | null;
}

export function readNotes(db: Db, period: string): PeriodNotes {
  const rows = db
    .prepare(
      `SELECT type AS kind, text AS body, owner, due_on, status, cites FROM notes
       WHERE period = ? ORDER BY type, sort_order`,
    )
    .all(period) as NoteRow[];
  const messages = rows.filter((r) => r.kind === 'key_message');
  return {
    messages: messages.length
      ? messages.map((r) => ({ text: r.body, cites: JSON.parse(r.cites ?? '[]') as NoteCite[] }))
      : null,
    actions: rows
      .filter((r) => r.kind === 'action')
      .map((r) => ({ what: r.body, owner: r.owner ?? '', due: r.due_on, status: r.status ?? 'open' })),
    decisions: rows.filter((r) => r.kind === 'decision').map((r) => r.body),
  };
}

/** Replaces the period's notes as a whole (one transaction): what the editor shows is what is saved. */
export function writeNotes(db: Db, period: string, notes: PeriodNotes): void {
  const now = new Date().toISOString();
  const insert = db.prepare(
    `INSERT INTO notes (period, type, sort_order, text, owner, due_on, status, cites, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare('DELETE FROM notes WHERE period = ?').run(period);
    (notes.messages ?? []).forEach((m, i) =>
      insert.run(period, 'key_message', i, m.text, null, null, null, JSON.stringify(m.cites), now),
    );
    notes.actions.forEach((a, i) =>
      insert.run(period, 'action', i, a.what, a.owner, a.due, a.status, null, now),
    );
    notes.decisions.forEach((d, i) => insert.run(period, 'decision', i, d, null, null, null, null, now));
  })();
}
