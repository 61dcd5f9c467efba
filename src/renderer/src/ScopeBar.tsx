import { useId, useState } from 'react';
import type { FilterChoice, PeriodChoices, PeriodOption } from '../../core/api/contract';
import type { Scope } from './App';

type Granularity = 'all' | 'year' | 'quarter' | 'month';

/** The granularity a period label belongs to (fiscal labels read as their calendar kind). */
function granularityOf(label: string): Granularity {
  if (label === 'all') return 'all';
  if (/Q\d$/i.test(label)) return 'quarter';
  if (/^(FY)?\d{4}$/i.test(label)) return 'year';
  return 'month';
}

function optionText(option: PeriodOption, isDefault: boolean): string {
  const parts = [`${option.label} · ${option.description}`];
  if (option.coverage === 'partial') parts.push('(partial)');
  if (isDefault) parts.push('(default)');
  return parts.join(' ');
}

/**
 * The analysis screens' period and filter: a period picked by granularity from the periods the data
 * covers (fiscal quarters and years when the engagement's fiscal year does not start in January),
 * and filters picked from the engagement's keys and values, each shown as a chip that removes it.
 * Every change applies at once to every analysis screen.
 */
export function ScopeBar({
  scope,
  periods,
  defaultPeriod,
  filters,
  onChange,
}: {
  scope: Scope;
  periods: PeriodChoices | null;
  /** The period the screen shows while none is picked. */
  defaultPeriod: string;
  filters: FilterChoice[];
  onChange: (scope: Scope) => void;
}) {
  const id = useId();
  const current = scope.period ?? defaultPeriod;
  // The granularity the user chose; until then, that of the period shown (known once periods load).
  const [chosen, setGranularity] = useState<Granularity | null>(null);
  const granularity =
    scope.period === undefined ? granularityOf(current) : (chosen ?? granularityOf(current));
  const fiscal = (periods?.fiscalYearStart ?? 1) !== 1;
  const options = granularity === 'all' || !periods ? [] : periods[granularity];
  const applied = Object.entries(scope.filters ?? {});

  const choosePeriod = (label: string) => onChange({ ...scope, period: label });
  const chooseGranularity = (next: Granularity) => {
    setGranularity(next);
    if (next === 'all') return onChange({ ...scope, period: 'all' });
    const list = periods?.[next] ?? [];
    const complete = list.find((o) => o.coverage === 'complete') ?? list[0];
    if (complete) onChange({ ...scope, period: complete.label });
  };
  const removeFilter = (key: string) => {
    const rest = { ...scope.filters };
    delete rest[key];
    onChange({ ...scope, filters: rest });
  };

  return (
    <div className="scopebar" role="group" aria-label="Period and filters">
      <label>
        Period
        <select
          aria-label="Period granularity"
          value={granularity}
          onChange={(e) => chooseGranularity(e.target.value as Granularity)}
        >
          <option value="quarter">{fiscal ? 'Fiscal quarter' : 'Quarter'}</option>
          <option value="month">Month</option>
          <option value="year">{fiscal ? 'Fiscal year' : 'Year'}</option>
          <option value="all">All data</option>
        </select>
      </label>
      {granularity !== 'all' && (
        <select aria-label="Period" value={current} onChange={(e) => choosePeriod(e.target.value)}>
          {!options.some((o) => o.label === current) && <option value={current}>{current}</option>}
          {options.map((o) => (
            <option key={o.label} value={o.label}>
              {optionText(o, o.label === defaultPeriod)}
            </option>
          ))}
        </select>
      )}
      <FilterPicker
        listId={`${id}-values`}
        filters={filters.filter((f) => !(f.key in (scope.filters ?? {})))}
        onAdd={(key, value) => onChange({ ...scope, filters: { ...scope.filters, [key]: value } })}
      />
      <ul className="chips" aria-label="Filters applied">
        {applied.length === 0 && <li className="muted">Everyone (no filter)</li>}
        {applied.map(([key, value]) => (
          <li key={key} className="chip">
            {key} = {value}
            <button
              type="button"
              aria-label={`Remove filter ${key} = ${value}`}
              onClick={() => removeFilter(key)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A key, then one of its values (listed, or typed where the list is incomplete), then Add. */
function FilterPicker({
  listId,
  filters,
  onAdd,
}: {
  listId: string;
  filters: FilterChoice[];
  onAdd: (key: string, value: string) => void;
}) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const choice = filters.find((f) => f.key === key);
  const add = () => {
    if (!choice || value.trim() === '') return;
    onAdd(choice.key, value.trim());
    setKey('');
    setValue('');
  };
  return (
    <form
      className="filter-picker"
      onSubmit={(event) => {
        event.preventDefault();
        add();
      }}
    >
      <select
        aria-label="Filter key"
        value={key}
        onChange={(e) => {
          setKey(e.target.value);
          setValue('');
        }}
      >
        <option value="">Add a filter…</option>
        {filters.map((f) => (
          <option key={f.key} value={f.key}>
            {f.key}
          </option>
        ))}
      </select>
      {choice && choice.complete ? (
        <select
          aria-label="Filter value"
          value={value}
          onChange={(e) => {
            // A value picked from the full list applies at once; a typed one waits for Add.
            if (e.target.value) onAdd(choice.key, e.target.value);
            setKey('');
            setValue('');
          }}
        >
          <option value="">Choose a value…</option>
          {choice.values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <>
          <input
            aria-label="Filter value"
            list={listId}
            value={value}
            disabled={!choice}
            placeholder={choice ? 'value' : ''}
            size={14}
            onChange={(e) => setValue(e.target.value)}
          />
          <datalist id={listId}>
            {choice?.values.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
        </>
      )}
      <button type="submit" disabled={!choice || value.trim() === ''}>
        Add
      </button>
    </form>
  );
}
