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
  const allItems = items.map((item) => item.mapping);
  const unmapped = (field: string) => !fields.has(field);
  const alwaysNull = new Set(
    [
      ['response_id', unmapped('response_id')],
      ['customer_id', unmapped('customer_id')],
      ['dimension', allItems.every((m) => m.dimension === undefined)],
      ['measure', allItems.every((m) => m.measure === undefined)],
      ['touchpoint', unmapped('touchpoint') && allItems.every((m) => m.touchpoint === undefined)],
      ['channel', unmapped('channel')],
      ['segment', unmapped('segment')],
      ['region', unmapped('region')],
      ['attributes', attributes.length === 0],
      ['comment', unmapped('comment')],
    ]
      .filter(([, empty]) => empty)
      .map(([column]) => column as string),
  );
  return {
    table: 'responses',
    shape: { alwaysNull, fixed: { import_id: fields.context.importId } },
    ...(idColumn && !long
      ? { keyColumn: idColumn, keyOf: (row: RawRow) => fields.text(row, 'response_id') }
      : {}),
    convert(row: RawRow): RowResult {
      const result: RowResult = { facts: [], rejects: [], blanks: 0 };
      const respondedOn = fields.date(row, 'responded_on', result);
      if (respondedOn === undefined) return result;
      const responseId = fields.text(row, 'response_id');
      const answers: AnswerRow = {
        result,
        responseId,
        respondentId:
          fields.text(row, 'respondent_id') ?? responseId ?? `${fields.context.importId}:${row.rowNumber}`,
        customerId: fields.text(row, 'customer_id'),
        respondedOn,
        touchpoint: fields.text(row, 'touchpoint'),
        channel: fields.text(row, 'channel'),
        segment: fields.text(row, 'segment'),
        region: fields.text(row, 'region'),
        attributes: fields.attributes(row, attributes),
        comment: maskedComment(fields.text(row, 'comment'), result),
        importId: fields.context.importId,
      };
      for (const item of items) scoreItem(item, row, answers);
      if (long) long(row, answers);
      return result;
    },
  };
}

/** What one source row's answers share (the respondent, the date, the comment …). */
interface AnswerRow {
  result: RowResult;
  responseId: string | null;
  respondentId: string;
  customerId: string | null;
  respondedOn: string | null;
  touchpoint: string | null;
  channel: string | null;
  segment: string | null;
  region: string | null;
  attributes: string | null;
  comment: string | null;
  importId: number;
}

/** One answer as a fact row, in FACT_COLUMNS.responses order. */
function pushAnswer(row: AnswerRow, item: CompiledItem, score: number, itemName: string): void {
  const m = item.mapping;
  row.result.facts.push([
    row.responseId,
    row.respondentId,
    row.customerId,
    row.respondedOn,
    m.survey,
    itemName,
    m.dimension ?? null,
    m.measure ?? null,
    score,
    m.scaleMin,
    m.scaleMax,
    m.touchpoint ?? row.touchpoint,
    row.channel,
    row.segment,
    row.region,
    row.attributes,
    row.comment,
    row.importId,
  ]);
}

function scoreItem(item: CompiledItem, row: RawRow, answers: AnswerRow, itemName = item.name): void {
  const cell = row.cells[item.index] ?? null;
  const result = answers.result;
  if (isMissing(cell)) {
    result.blanks += 1;
    return;
  }
  const score = item.read(cell);
  if (score.ok) pushAnswer(answers, item, score.value, itemName);
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
  return (row: RawRow, answers: AnswerRow): void => {
    const label = fields.text(row, 'survey');
    const survey = label === null ? undefined : SURVEY_WORDS[normaliseLabel(label)];
    if (!survey) {
      answers.result.rejects.push({
        rowNumber: row.rowNumber,
        column: fields.columnOf('survey'),
        value: label ?? '',
        reason: `"${label ?? ''}" is not a survey type (nps, csat, ces, rating, servqual)`,
      });
      return;
    }
    const item = bySurvey.get(survey) as CompiledItem;
    scoreItem(item, row, answers, fields.text(row, 'item') ?? survey);
  };
}

function maskedComment(comment: string | null, result: RowResult): string | null {
  if (comment === null) return null;
  const masked = redactContacts(comment);
  if (masked.count) result.redactions = (result.redactions ?? 0) + masked.count;
  return masked.text;
}
