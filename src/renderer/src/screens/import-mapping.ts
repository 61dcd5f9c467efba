import type { FieldSpec, ImportPreview, Kind, Mapping, PreviewColumn } from '../../../core/api/contract';

/**
 * A column's use as the screen offers it, and the mapping a chosen use makes. The engine's preview
 * says what each column is used for; an edit changes the mapping, and the screen asks the engine
 * for a new preview with it, so what the user sees is always what the commit will write.
 */
export type Use = `field:${string}` | 'item' | 'attribute' | 'drop' | 'hash' | 'ignore';

/** A column the mapping does not name is kept as a filterable attribute unless the mapping says not to. */
export function useOf(column: PreviewColumn, mapping: Mapping | null): Use {
  if (column.personal) return column.personal;
  if (column.use === 'field' && column.field) return `field:${column.field}`;
  if (column.use === 'item') return 'item';
  if (column.use === 'attribute') return 'attribute';
  if (column.use === 'drop' || column.use === 'hash') return column.use;
  return mapping && mapping.keepAttributes !== false ? 'attribute' : 'ignore';
}

export function useLabel(use: Use): string {
  if (use.startsWith('field:')) return use.slice('field:'.length);
  return { item: 'scored item', attribute: 'attribute', drop: 'dropped', hash: 'hashed', ignore: 'not used' }[
    use as 'item'
  ];
}

export function useOptions(
  column: PreviewColumn,
  fields: FieldSpec[],
): Array<{ value: Use; label: string; title?: string }> {
  return [
    ...fields.map((field) => ({
      value: `field:${field.name}` as Use,
      label: `${field.name}${field.required ? ' (required)' : ''}`,
      title: field.description,
    })),
    ...(column.item ? [{ value: 'item' as Use, label: `scored item (${column.item.survey})` }] : []),
    { value: 'attribute', label: 'keep as a filterable attribute' },
    { value: 'drop', label: 'personal data: drop' },
    { value: 'hash', label: 'personal data: keep a hash' },
  ];
}

/** The preview's mapping with one column put to a new use (taken from any other use first). */
export function withUse(preview: ImportPreview, column: PreviewColumn, use: Use): Mapping | null {
  const mapping = preview.mapping;
  if (!mapping) return null;
  const fields = Object.fromEntries(
    Object.entries(mapping.fields).filter(([, source]) => source !== column.name),
  );
  const items = (mapping.items ?? []).filter((item) => item.column !== column.name);
  const personal = { ...(mapping.personalColumns ?? {}) };
  delete personal[column.name];
  if (use.startsWith('field:')) fields[use.slice('field:'.length)] = column.name;
  if (use === 'item' && column.item) items.push(column.item);
  if (use === 'drop' || use === 'hash') personal[column.name] = use;
  return {
    ...mapping,
    fields,
    ...(items.length || mapping.items ? { items } : {}),
    personalColumns: personal,
  };
}

export function fieldsOf(all: Record<Kind, FieldSpec[]> | null, kind: Kind | null): FieldSpec[] {
  return kind && all ? (all[kind] ?? []) : [];
}
