import type { FactValue } from '../../store';
import type { RawRow } from '../source';
import type { FieldReader } from './common';
import type { KindConverter, RowResult } from './types';

/** Small reference tables (touchpoints, targets, spend, funnel): one row, one fact. */
export function touchpointsConverter(fields: FieldReader): KindConverter {
  return simple(fields, 'touchpoints', 'name', (row, result) => {
    const name = fields.text(row, 'name');
    const importance = fields.number(row, 'stated_importance', result);
    if (!fields.requireValue(row, 'name', name, result) || importance === undefined) return null;
    const aliases = (fields.text(row, 'aliases') ?? '')
      .split(/[;|]/)
      .map((alias) => alias.trim())
      .filter(Boolean);
    return [name, JSON.stringify(aliases), fields.text(row, 'journey_stage'), importance];
  });
}

export function targetsConverter(fields: FieldReader): KindConverter {
  return simple(fields, 'targets', null, (row, result) => {
    const metric = fields.text(row, 'metric');
    const value = fields.number(row, 'value', result);
    const tolerance = fields.number(row, 'amber_tolerance', result);
    const direction = (fields.text(row, 'direction') ?? 'higher').toLowerCase();
    if (
      !fields.requireValue(row, 'metric', metric, result) ||
      !fields.requireValue(row, 'value', value, result)
    )
      return null;
    if (tolerance === undefined) return null;
    if (direction !== 'higher' && direction !== 'lower') {
      result.rejects.push({
        rowNumber: row.rowNumber,
        column: fields.columnOf('direction'),
        value: direction,
        reason: 'direction must be "higher" or "lower"',
      });
      return null;
    }
    return [metric.toLowerCase(), fields.text(row, 'period') ?? '*', value, direction, tolerance ?? 0];
  });
}

export function spendConverter(fields: FieldReader): KindConverter {
  return simple(fields, 'spend', 'period', (row, result) => {
    const period = fields.month(row, 'period', result);
    const spend = fields.number(row, 'sales_marketing_spend', result);
    const margin = fields.number(row, 'gross_margin', result);
    if (
      !fields.requireValue(row, 'period', period, result) ||
      !fields.requireValue(row, 'sales_marketing_spend', spend, result)
    )
      return null;
    if (margin === undefined) return null;
    return [period, spend, margin === null ? null : margin > 1 ? margin / 100 : margin];
  });
}

export function funnelConverter(fields: FieldReader): KindConverter {
  return simple(fields, 'funnel', null, (row, result) => {
    const period = fields.month(row, 'period', result);
    const stage = fields.text(row, 'stage');
    const count = fields.number(row, 'count', result);
    if (
      !fields.requireValue(row, 'period', period, result) ||
      !fields.requireValue(row, 'stage', stage, result)
    )
      return null;
    if (!fields.requireValue(row, 'count', count, result)) return null;
    return [period, stage.toLowerCase(), count];
  });
}

function simple(
  fields: FieldReader,
  table: 'touchpoints' | 'targets' | 'spend' | 'funnel',
  keyField: string | null,
  build: (row: RawRow, result: RowResult) => FactValue[] | null,
): KindConverter {
  return {
    table,
    ...(keyField
      ? { keyColumn: fields.columnOf(keyField), keyOf: (row: RawRow) => fields.text(row, keyField) }
      : {}),
    convert(row) {
      const result: RowResult = { facts: [], rejects: [], blanks: 0 };
      const values = build(row, result);
      if (values && result.rejects.length === 0) result.facts.push([...values, fields.context.importId]);
      return result;
    },
  };
}
