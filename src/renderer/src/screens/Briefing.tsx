import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { BriefingPack, SectionId } from '../../../core/api/contract';
import { SECTION_TITLES } from '../../../core/format';
import { call, EngineError } from '../api';
import type { Scope } from '../App';
import { EmptyState, ErrorSentence } from '../ui';
import { ExportPanel } from './briefing-export';
import {
  ActionsEditor,
  DecisionsEditor,
  MessagesEditor,
  draftFrom,
  notesOf,
  packWith,
  type NotesDraft,
} from './briefing-notes';
import { PackPreview, type Paper } from './briefing-preview';

const SECTION_IDS = Object.keys(SECTION_TITLES) as SectionId[];
/** How long typing pauses before the preview shows the new text. */
const PREVIEW_DELAY_MS = 400;

/** "segment=Enterprise, region=North" → { segment: 'Enterprise', region: 'North' }. */
function parseFilters(text: string): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [key, ...value] = pair.split('=');
    if (key?.trim() && value.length) filters[key.trim()] = value.join('=').trim();
  }
  return filters;
}

const filterText = (filters: Record<string, string> | undefined) =>
  Object.entries(filters ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');

/** The periods offered: those of the pack's series, the years they fall in, and all data. */
function periodChoices(pack: BriefingPack | null): string[] {
  const series = pack?.scorecard.find((k) => k.series.length > 0)?.series.map((p) => p.period) ?? [];
  const years = series.map((p) => /^(FY)?\d{4}/.exec(p)?.[0]).filter((y): y is string => !!y);
  return [...new Set([...series.reverse(), ...years.reverse(), 'all'])];
}

/**
 * The briefing: the board pack's options (period, filter, sections, paper), the notes a CCO writes
 * into it (key messages, actions with owner and due date, decisions requested — saved with the
 * engagement for the period), the live preview, which is the report view itself, and the exports.
 */
export function BriefingScreen({ scope, version }: { scope: Scope; version: number }) {
  const [applied, setApplied] = useState<Scope>(scope);
  const [hidden, setHidden] = useState<SectionId[]>([]);
  const [paper, setPaper] = useState<Paper>('a4');
  const [pack, setPack] = useState<BriefingPack | null>(null);
  const [loading, setLoading] = useState(true);
  const [packError, setPackError] = useState<unknown>(null);
  const [draft, setDraft] = useState<NotesDraft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [notesError, setNotesError] = useState<unknown>(null);
  const [notesStatus, setNotesStatus] = useState('');
  const [shown, setShown] = useState<BriefingPack | null>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    call('pack:get', { ...applied, hidden }).then(
      (value) => {
        if (!live) return;
        setPack(value);
        setPackError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!live) return;
        setPackError(failure);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [applied, hidden, version]);

  // The notes of the pack's period, unless the user is in the middle of editing them.
  const period = pack?.period.label ?? null;
  useEffect(() => {
    if (!pack || !period || dirty) return;
    let live = true;
    call('notes:get', { period }).then(
      (notes) => live && setDraft(draftFrom(pack, notes)),
      (failure: unknown) => live && setNotesError(failure),
    );
    return () => {
      live = false;
    };
  }, [pack, period, dirty]);

  // The preview follows the text as it is typed, a moment after typing pauses.
  const previewed = useMemo(() => (pack && draft ? packWith(pack, draft) : pack), [pack, draft]);
  useEffect(() => {
    const wait = setTimeout(() => setShown(previewed), shown ? PREVIEW_DELAY_MS : 0);
    return () => clearTimeout(wait);
  }, [previewed]);

  const editNotes = (next: NotesDraft) => {
    setDraft(next);
    setDirty(true);
    setNotesStatus('');
  };

  const saveNotes = useCallback(
    async (toSave: NotesDraft | null = draft): Promise<boolean> => {
      if (!toSave || !period) return false;
      const checked = notesOf(toSave);
      if ('problem' in checked) {
        setNotesError(new Error(checked.problem));
        return false;
      }
      setNotesError(null);
      try {
        const saved = await call('notes:set', { period, notes: checked.notes });
        if (pack) setDraft(draftFrom(pack, saved));
        setDirty(false);
        setNotesStatus(`Saved for ${period}.`);
        return true;
      } catch (failure) {
        setNotesError(failure);
        return false;
      }
    },
    [draft, period, pack],
  );

  const beforeExport = useCallback(async () => (dirty ? saveNotes() : true), [dirty, saveNotes]);

  // A pack the options cannot give (an unreadable period): the old one is not shown as if it were it.
  const noPack = packError !== null;
  return (
    <section className="briefing">
      <h2>Briefing{pack && !noPack ? ` — ${pack.period.display}` : ''}</h2>
      <div className="briefing-grid">
        <div className="briefing-side">
          <PackOptions
            scope={applied}
            choices={periodChoices(pack)}
            onApply={setApplied}
            paper={paper}
            onPaper={setPaper}
            pack={pack}
            hidden={hidden}
            onHidden={setHidden}
          />
          {pack && !noPack && (
            <div className="card">
              <h3>Export</h3>
              <ExportPanel
                request={{ ...applied, period: pack.period.label, hidden, paper }}
                baseName={{ engagement: pack.engagement.name, period: pack.period.label }}
                beforeExport={beforeExport}
                disabled={loading}
              />
            </div>
          )}
          <form
            className="card notes"
            aria-label="Notes for the pack"
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              void saveNotes();
            }}
          >
            <h3>Notes{period && !noPack ? ` for ${period}` : ''}</h3>
            {draft && !noPack ? (
              <>
                <MessagesEditor
                  draft={draft}
                  onChange={editNotes}
                  onRegenerate={() => void saveNotes({ ...draft, messagesEdited: false })}
                />
                <ActionsEditor draft={draft} onChange={editNotes} />
                <DecisionsEditor draft={draft} onChange={editNotes} />
                <ErrorSentence error={notesError} />
                <div className="actions sticky-save">
                  <button type="submit" className="primary" disabled={!dirty}>
                    Save notes
                  </button>
                  <button
                    type="button"
                    disabled={!dirty}
                    onClick={() => {
                      setDirty(false);
                      setNotesError(null);
                    }}
                  >
                    Discard changes
                  </button>
                  <span role="status" className="muted">
                    {dirty ? 'Not saved yet.' : notesStatus}
                  </span>
                </div>
              </>
            ) : (
              <p className="muted">
                {noPack ? 'Choose a period the pack can show to write its notes.' : 'Loading the notes…'}
              </p>
            )}
          </form>
        </div>
        <div className="briefing-main">
          {noPack ? (
            <NoPack error={packError} />
          ) : (
            <>
              {pack?.provenance.imports.length === 0 && <NothingImported />}
              <PackPreview pack={shown} paper={paper} busy={loading} />
            </>
          )}
        </div>
      </div>
    </section>
  );
}

function NoPack({ error }: { error: unknown }) {
  const noEngagement = error instanceof EngineError && error.error.code === 'no-engagement';
  return (
    <EmptyState title="No pack to show yet">
      <ErrorSentence error={error} />
      <p>
        {noEngagement
          ? 'Open or create an engagement on the Start screen.'
          : 'Import survey answers, customers or revenue on the Import screen, or choose a period that has data (for example all).'}
      </p>
    </EmptyState>
  );
}

/** An engagement with no import prints a pack of dashes: say where its numbers come from. */
function NothingImported() {
  return (
    <p className="notice" role="note">
      Nothing is imported yet, so every figure below is a dash. Import survey answers, customers or revenue on
      the Import screen; the pack fills in from them.
    </p>
  );
}

function PackOptions({
  scope,
  choices,
  onApply,
  paper,
  onPaper,
  pack,
  hidden,
  onHidden,
}: {
  scope: Scope;
  choices: string[];
  onApply: (scope: Scope) => void;
  paper: Paper;
  onPaper: (paper: Paper) => void;
  pack: BriefingPack | null;
  hidden: SectionId[];
  onHidden: (hidden: SectionId[]) => void;
}) {
  const [period, setPeriod] = useState(scope.period ?? '');
  const [filters, setFilters] = useState(filterText(scope.filters));
  const shown = new Set(pack?.sections ?? []);
  return (
    <form
      className="card form pack-options"
      aria-label="Pack options"
      onSubmit={(event) => {
        event.preventDefault();
        onApply({ ...(period.trim() ? { period: period.trim() } : {}), filters: parseFilters(filters) });
      }}
    >
      <h3>Pack</h3>
      <div className="form-row">
        <label>
          Period
          <input
            value={period}
            list="pack-periods"
            placeholder={pack?.period.label ?? 'last complete quarter'}
            size={11}
            onChange={(e) => setPeriod(e.target.value)}
          />
        </label>
        <label>
          Filter
          <input
            value={filters}
            placeholder="key=value"
            size={16}
            onChange={(e) => setFilters(e.target.value)}
          />
        </label>
        <button type="submit" className="align-end">
          Apply
        </button>
      </div>
      <datalist id="pack-periods">
        {choices.map((choice) => (
          <option key={choice} value={choice} />
        ))}
      </datalist>
      <fieldset className="inline-choices">
        <legend>Paper</legend>
        {(['a4', 'letter'] as const).map((size) => (
          <label key={size}>
            <input type="radio" name="paper" checked={paper === size} onChange={() => onPaper(size)} />
            {size === 'a4' ? 'A4' : 'US Letter'}
          </label>
        ))}
      </fieldset>
      <fieldset className="section-choices">
        <legend>Sections</legend>
        {SECTION_IDS.map((id) => {
          const off = hidden.includes(id);
          const empty = !off && pack !== null && !shown.has(id);
          return (
            <label key={id} className={empty ? 'muted' : undefined}>
              <input
                type="checkbox"
                checked={!off && !empty}
                disabled={empty}
                onChange={() => onHidden(off ? hidden.filter((h) => h !== id) : [...hidden, id])}
              />
              {SECTION_TITLES[id]}
              {empty && ' (no data)'}
            </label>
          );
        })}
      </fieldset>
    </form>
  );
}
