import { useEffect, useState, type FormEvent } from 'react';
import { SaveRow, useLoaded, useSaving } from './forms';
import type { SettingsView } from '../../../core/api/contract';
import { formatterFor } from '../../../core/format';
import { call } from '../api';
import { ErrorSentence } from '../ui';
import { TargetsCard } from './settings-targets';
import { TouchpointsCard } from './settings-touchpoints';

/** The five SERVQUAL dimensions (Parasuraman, Zeithaml & Berry 1988), offered before any are imported. */
const SERVQUAL_DIMENSIONS = ['Tangibles', 'Reliability', 'Responsiveness', 'Assurance', 'Empathy'];
const LOCALES = [
  'en-US',
  'en-GB',
  'de-DE',
  'fr-FR',
  'es-ES',
  'it-IT',
  'nl-NL',
  'sv-SE',
  'pt-BR',
  'ja-JP',
  'ko-KR',
];
const monthName = (month: number) =>
  new Intl.DateTimeFormat('en', { month: 'long' }).format(new Date(2000, month - 1, 1));

/**
 * The engagement's settings, its KPI targets and its touchpoints. Each card saves on its own
 * through the engine (which checks every value and answers a refusal as a sentence); a save tells
 * every screen that data changed, so the scorecard and the pack are recomputed with it.
 */
export function SettingsScreen({ version }: { version: number }) {
  const [error, setError] = useState<unknown>(null);
  const [view, setView] = useLoaded(() => call('settings:get', {}), version, setError);
  return (
    <section className="settings">
      <h2>Settings</h2>
      <ErrorSentence error={error} />
      <div className="settings-grid">
        <GeneralCard view={view} onSaved={setView} />
        <div>
          <TargetsCard version={version} />
          <TouchpointsCard version={version} />
        </div>
      </div>
    </section>
  );
}

interface Draft {
  currency: string;
  locale: string;
  fiscal_year_start: string;
  /** In percent on screen ("70"), stored as a fraction. */
  gross_margin: string;
  population_size: string;
  weights: Record<string, string>;
}

function draftOf(view: SettingsView): Draft {
  const { settings } = view;
  const weights: Record<string, string> = Object.fromEntries(SERVQUAL_DIMENSIONS.map((d) => [d, '']));
  if (settings.servqualWeights && settings.servqualWeights !== 'unreadable')
    for (const [dimension, weight] of Object.entries(settings.servqualWeights))
      weights[dimension] = String(weight);
  return {
    currency: settings.currency,
    locale: settings.locale,
    fiscal_year_start: String(settings.fiscalYearStart),
    gross_margin: settings.grossMargin === null ? '' : String(Math.round(settings.grossMargin * 10000) / 100),
    population_size: settings.populationSize === null ? '' : String(settings.populationSize),
    weights,
  };
}

/** The weights as the engine stores them (JSON), or '' when none is given (back to unweighted). */
function weightsText(weights: Record<string, string>): string {
  const given = Object.entries(weights).filter(([, w]) => w.trim() !== '');
  if (given.length === 0) return '';
  const bad = given.find(([, w]) => !(Number(w) >= 0));
  if (bad)
    throw new Error(`The SERVQUAL weight of ${bad[0]} must be a number of 0 or more, not "${bad[1]}".`);
  return JSON.stringify(Object.fromEntries(given.map(([d, w]) => [d, Number(w)])));
}

/** Only what the user changed is sent: an untouched default stays a default. */
function changedValues(draft: Draft, saved: Draft): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of ['currency', 'locale', 'fiscal_year_start', 'population_size'] as const)
    if (draft[key].trim() !== saved[key]) values[key] = draft[key].trim();
  if (draft.gross_margin.trim() !== saved.gross_margin)
    values.gross_margin = draft.gross_margin.trim() === '' ? '' : `${draft.gross_margin.trim()}%`;
  const weights = weightsText(draft.weights);
  if (weights !== weightsText(saved.weights)) values.servqual_weights = weights;
  return values;
}

/** How numbers will read with these settings, or why they cannot be read. */
function sampleOf(draft: Draft): string {
  try {
    const f = formatterFor({ locale: draft.locale.trim(), currency: draft.currency.trim().toUpperCase() });
    return `Numbers will read like ${f.value('points', 1234.5)} and ${f.value('currency', 296332)}.`;
  } catch {
    return 'Write a language tag such as en-GB and a currency code such as EUR to see how numbers will read.';
  }
}

function GeneralCard({
  view,
  onSaved,
}: {
  view: SettingsView | null;
  onSaved: (view: SettingsView) => void;
}) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const saving = useSaving();

  useEffect(() => {
    if (view && !dirty) setDraft(draftOf(view));
  }, [view, dirty]);

  const edit = (change: Partial<Draft>) => {
    setDraft((d) => (d ? { ...d, ...change } : d));
    setDirty(true);
    saving.setStatus('');
  };

  function save(event: FormEvent) {
    event.preventDefault();
    if (!draft || !view) return;
    void saving.save(async () => {
      const values = changedValues(draft, draftOf(view));
      if (Object.keys(values).length === 0) {
        setDirty(false);
        return 'Nothing changed.';
      }
      const saved = await call('settings:set', { values });
      setDirty(false);
      setDraft(draftOf(saved));
      onSaved(saved);
      return 'Settings saved.';
    });
  }

  if (!draft || !view)
    return (
      <div className="card settings-general" aria-busy="true">
        <h3>Engagement</h3>
        <p className="muted">Loading the settings…</p>
      </div>
    );
  const isDefault = (key: string) => !(key in view.stored);
  const dimensions = Object.keys(draft.weights);
  return (
    <form className="card form settings-general" onSubmit={save} aria-label="Engagement settings">
      <h3>Engagement</h3>
      <div className="form-row">
        <label>
          Currency
          <input
            value={draft.currency}
            list="currency-codes"
            maxLength={3}
            size={6}
            onChange={(e) => edit({ currency: e.target.value.toUpperCase() })}
          />
        </label>
        <label>
          Locale
          <input
            value={draft.locale}
            list="locale-tags"
            size={10}
            onChange={(e) => edit({ locale: e.target.value })}
          />
        </label>
      </div>
      <datalist id="currency-codes">
        {Intl.supportedValuesOf('currency').map((code) => (
          <option key={code} value={code} />
        ))}
      </datalist>
      <datalist id="locale-tags">
        {LOCALES.map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
      <p className="hint">{sampleOf(draft)}</p>
      <label>
        Fiscal year starts in
        <select value={draft.fiscal_year_start} onChange={(e) => edit({ fiscal_year_start: e.target.value })}>
          {Array.from({ length: 12 }, (_, i) => (
            <option key={i + 1} value={String(i + 1)}>
              {monthName(i + 1)}
            </option>
          ))}
        </select>
      </label>
      <div className="form-row">
        <label>
          Gross margin (%)
          <input
            inputMode="decimal"
            value={draft.gross_margin}
            placeholder="not set"
            size={8}
            onChange={(e) => edit({ gross_margin: e.target.value })}
          />
        </label>
        <label>
          Accounts in total
          <input
            inputMode="numeric"
            value={draft.population_size}
            placeholder="not set"
            size={10}
            onChange={(e) => edit({ population_size: e.target.value })}
          />
        </label>
      </div>
      <p className="hint">
        Gross margin turns revenue into CLV and CAC payback. The number of accounts corrects the intervals of
        NPS and CSAT when a large share of a small base answered
        {isDefault('population_size') ? ' (not set)' : ''}.
      </p>
      <fieldset className="weights">
        <legend>SERVQUAL weights</legend>
        <p className="hint">
          Points per dimension (any scale, e.g. 100 points shared out); blank everywhere: dimensions count
          equally.
          {view.settings.servqualWeights === 'unreadable' &&
            ' The weights stored in the file could not be read.'}
        </p>
        <div className="weights-grid">
          {dimensions.map((dimension) => (
            <label key={dimension}>
              {dimension}
              <input
                inputMode="decimal"
                size={5}
                value={draft.weights[dimension] ?? ''}
                onChange={(e) => edit({ weights: { ...draft.weights, [dimension]: e.target.value } })}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <SaveRow label="Save settings" saving={saving}>
        <button
          type="button"
          disabled={saving.busy || !dirty}
          onClick={() => {
            setDirty(false);
            setDraft(draftOf(view));
            saving.setError(null);
          }}
        >
          Undo changes
        </button>
      </SaveRow>
    </form>
  );
}
