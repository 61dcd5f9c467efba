import type { FactValue } from '../../store';
import type { RawRow } from '../source';
import { cellText, parseFlag } from '../values';
import { attributeIndices, type FieldReader } from './common';
import { cellAt, type KindConverter, type RowResult } from './types';

/** customers: one row per customer; the row is the fact, so any bad field rejects the row. */
export function customersConverter(fields: FieldReader): KindConverter {
  const attributes = attributeIndices(fields.mapping, fields.context.columns);
  const idColumn = fields.columnOf('customer_id');
  return {
    table: 'customers',
    keyColumn: idColumn,
    keyOf: (row) => fields.text(row, 'customer_id'),
    convert(row: RawRow): RowResult {
      const result: RowResult = { facts: [], rejects: [], blanks: 0 };
      const customerId = fields.text(row, 'customer_id');
      if (customerId === null) {
        result.rejects.push({
          rowNumber: row.rowNumber,
          column: idColumn,
          value: '',
          reason: 'customer_id is blank',
        });
        return result;
      }
      const acquiredOn = fields.date(row, 'acquired_on', result);
      const churnedOn = fields.date(row, 'churned_on', result);
      const churned = readChurnFlag(fields, row, result);
      if (result.rejects.length) return result;
      const values: FactValue[] = [
        customerId,
        fields.text(row, 'name'),
        fields.text(row, 'segment'),
        fields.text(row, 'region'),
        fields.text(row, 'plan'),
        acquiredOn ?? null,
        churnedOn ?? null,
        churned ?? (churnedOn ? 1 : null),
        fields.attributes(row, attributes),
        fields.context.importId,
      ];
      result.facts.push(values);
      return result;
    },
  };
}

function readChurnFlag(fields: FieldReader, row: RawRow, result: RowResult): number | null {
  if (!fields.has('churned')) return null;
  const cell = cellAt(row, fields.indices.churned ?? -1);
  const text = fields.text(row, 'churned');
  if (text === null) return null;
  const flag = parseFlag(cell);
  if (flag.ok) return flag.value ? 1 : 0;
  result.rejects.push({
    rowNumber: row.rowNumber,
    column: fields.columnOf('churned'),
    value: cellText(cell),
    reason: flag.reason,
  });
  return null;
}
