import type { FactValue } from '../../store';
import { redactContacts } from '../detect/personal';
import { DEFAULT_SCALES, SURVEYS, type ItemMapping, type Survey } from '../mapping';
import type { RawRow } from '../source';
import { cellText, isMissing } from '../values';
import { attributeIndices, type FieldReader } from './common';
import { compileItem, normaliseLabel, type CompiledItem } from './items';
import type { KindConverter, RowResult } from './types';

/**
 * responses: one source row → one fact per scored item (wide files), or one fact naming its
 * survey type and score (long files: a survey column and a score column).
 * A bad item rejects that item only; the respondent's other answers are kept (DESIGN §5).
 */
export function responsesConverter(fields: FieldReader): KindConverter {
  const items = (fields.mapping.items ?? []).map((item) => compileItem(item, fields));
  const long = fields.has('survey') && fields.has('score') ? longLayout(fields) : null;
  const attributes = attributeIndices(
    fields.mapping,
    fields.context.columns,
    items.map((item) => item.mapping.column),
  );
  const idColumn = fields.mapping.fields.response_id;
  return {
    table: 'responses',
    ...(idColumn && !long
      ? { keyColumn: idColumn, keyOf: (row: RawRow) => fields.text(row, 'response_id') }
      : {}),
    convert(row: RawRow): RowResult {
      const result: RowResult = { facts: [], rejects: [], blanks: 0 };
      const respondedOn = fields.date(row, 'responded_on', result);
      if (respondedOn === undefined) return result;
      const responseId = fields.text(row, 'response_id');
      const shared: FactValue[] = [
        responseId,
        fields.text(row, 'respondent_id') ?? responseId ?? `${fields.context.importId}:${row.rowNumber}`,
        fields.text(row, 'customer_id'),
        respondedOn,
      ];
      const rowTouchpoint = fields.text(row, 'touchpoint');
      const tail: FactValue[] = [
        fields.text(row, 'channel'),
        fields.text(row, 'segment'),
        fields.text(row, 'region'),
        fields.attributes(row, attributes),
        maskedComment(fields.text(row, 'comment'), result),
        fields.context.importId,
      ];
      const answer = (item: CompiledItem, score: number, itemName = item.name) => {
        const m = item.mapping;
        result.facts.push([
          ...shared,
          m.survey,
          itemName,
          m.dimension ?? null,
          m.measure ?? null,
          score,
          m.scaleMin,
          m.scaleMax,
          m.touchpoint ?? rowTouchpoint,
          ...tail,
        ]);
      };
      for (const item of items) scoreItem(item, row, result, answer);
      if (long) long(row, result, answer);
      return result;
    },
  };
}

type Answer = (item: CompiledItem, score: number, itemName?: string) => void;

function scoreItem(
  item: CompiledItem,
  row: RawRow,
  result: RowResult,
  answer: Answer,
  itemName?: string,
): void {
  const cell = row.cells[item.index] ?? null;
  if (isMissing(cell)) {
    result.blanks += 1;
    return;
  }
  const score = item.read(cell);
  if (score.ok) answer(item, score.value, itemName);
  else
    result.rejects.push({
      rowNumber: row.rowNumber,
      column: item.mapping.column,
      value: cellText(cell),
      reason: score.reason,
    });
}

const SURVEY_WORDS: Record<string, Survey> = {
  nps: 'nps',
  'net promoter': 'nps',
  recommend: 'nps',
  csat: 'csat',
  satisfaction: 'csat',
  ces: 'ces',
  effort: 'ces',
  rating: 'rating',
  servqual: 'servqual',
};

/** Long layout: the survey column names the type, whose scale the mapping (or the default) gives. */
function longLayout(fields: FieldReader) {
  const scoreColumn = fields.columnOf('score');
  const bySurvey = new Map<Survey, CompiledItem>(
    SURVEYS.map((survey) => {
      const [scaleMin, scaleMax] = fields.mapping.scales?.[survey] ?? DEFAULT_SCALES[survey];
      const mapping: ItemMapping = { column: scoreColumn, survey, scaleMin, scaleMax };
      return [survey, compileItem(mapping, fields)];
    }),
  );
  return (row: RawRow, result: RowResult, answer: Answer): void => {
    const label = fields.text(row, 'survey');
    const survey = label === null ? undefined : SURVEY_WORDS[normaliseLabel(label)];
    if (!survey) {
      result.rejects.push({
        rowNumber: row.rowNumber,
        column: fields.columnOf('survey'),
        value: label ?? '',
        reason: `"${label ?? ''}" is not a survey type (nps, csat, ces, rating, servqual)`,
      });
      return;
    }
    const item = bySurvey.get(survey) as CompiledItem;
    scoreItem(item, row, result, answer, fields.text(row, 'item') ?? survey);
  };
}

function maskedComment(comment: string | null, result: RowResult): string | null {
  if (comment === null) return null;
  const masked = redactContacts(comment);
  if (masked.count) result.redactions = (result.redactions ?? 0) + masked.count;
  return masked.text;
}
