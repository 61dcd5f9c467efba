import type { FactValue } from '../../store';
import type { RawRow } from '../source';
import { cellText, isMissing } from '../values';
import type { FieldReader } from './common';
import { compileItem } from './items';
import type { KindConverter, RowResult } from './types';

/**
 * Staff self-assessments: one row per staff member with a column per item (wide, each item
 * naming its touchpoint) or one row per staff × touchpoint with a score column (long).
 */
export function assessmentsConverter(fields: FieldReader): KindConverter {
  const items = (fields.mapping.items ?? []).map((item) => compileItem(item, fields));
  return {
    table: 'assessments',
    convert(row: RawRow): RowResult {
      const result: RowResult = { facts: [], rejects: [], blanks: 0 };
      const assessedOn = fields.date(row, 'assessed_on', result);
      const superior = fields.flag(row, 'superior', result);
      if (assessedOn === undefined || superior === undefined) return result;
      const respondent = fields.text(row, 'respondent') ?? `${fields.context.importId}:${row.rowNumber}`;
      const role = fields.text(row, 'role');
      const department = fields.text(row, 'department');
      const rowTouchpoint = fields.text(row, 'touchpoint');
      for (const item of items) {
        const cell = row.cells[item.index] ?? null;
        if (isMissing(cell)) {
          result.blanks += 1;
          continue;
        }
        const score = item.read(cell);
        if (!score.ok) {
          result.rejects.push({
            rowNumber: row.rowNumber,
            column: item.mapping.column,
            value: cellText(cell),
            reason: score.reason,
          });
          continue;
        }
        const m = item.mapping;
        const values: FactValue[] = [
          respondent,
          role,
          department,
          m.touchpoint ?? rowTouchpoint,
          m.survey,
          item.name,
          m.dimension ?? null,
          score.value,
          m.scaleMin,
          m.scaleMax,
          superior === null ? null : superior ? 1 : 0,
          assessedOn,
          fields.context.importId,
        ];
        result.facts.push(values);
      }
      return result;
    },
  };
}
