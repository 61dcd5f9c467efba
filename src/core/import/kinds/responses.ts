import type { FactValue } from '../../store';
import type { RawRow } from '../source';
import { cellText, isMissing } from '../values';
import { attributeIndices, type FieldReader } from './common';
import { compileItem } from './items';
import { type KindConverter, type RowResult } from './types';

/**
 * responses: one source row → one fact per scored item (wide files) or one (long files).
 * A bad item rejects that item only; the respondent's other answers are kept (DESIGN §5).
 */
export function responsesConverter(fields: FieldReader): KindConverter {
  const items = (fields.mapping.items ?? []).map((item) => compileItem(item, fields));
  const attributes = attributeIndices(
    fields.mapping,
    fields.context.columns,
    items.map((item) => item.mapping.column),
  );
  const idColumn = fields.mapping.fields.response_id;
  return {
    table: 'responses',
    ...(idColumn ? { keyColumn: idColumn, keyOf: (row: RawRow) => fields.text(row, 'response_id') } : {}),
    convert(row: RawRow): RowResult {
      const result: RowResult = { facts: [], rejects: [], blanks: 0 };
      const respondedOn = fields.date(row, 'responded_on', result);
      if (respondedOn === undefined) return result;
      const responseId = fields.text(row, 'response_id');
      const respondentId =
        fields.text(row, 'respondent_id') ?? responseId ?? `${fields.context.importId}:${row.rowNumber}`;
      const shared = {
        customerId: fields.text(row, 'customer_id'),
        touchpoint: fields.text(row, 'touchpoint'),
        channel: fields.text(row, 'channel'),
        segment: fields.text(row, 'segment'),
        region: fields.text(row, 'region'),
        comment: fields.text(row, 'comment'),
        attributes: fields.attributes(row, attributes),
      };
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
          responseId,
          respondentId,
          shared.customerId,
          respondedOn,
          m.survey,
          item.name,
          m.dimension ?? null,
          m.measure ?? null,
          score.value,
          m.scaleMin,
          m.scaleMax,
          m.touchpoint ?? shared.touchpoint,
          shared.channel,
          shared.segment,
          shared.region,
          shared.attributes,
          shared.comment,
          fields.context.importId,
        ];
        result.facts.push(values);
      }
      return result;
    },
  };
}
