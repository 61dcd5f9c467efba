import { isMonthHeader } from '../dates';
import type { HeaderLayout } from '../header';
import type { ItemMapping, Kind, Mapping, Survey } from '../mapping';
import type { RawRow } from '../source';
import {
  EMPLOYER_CUES,
  EXPECTATION_CUES,
  FIELD_CUES,
  PERCEPTION_CUES,
  QUESTION_CUES,
  FIRST_PERSON_STAFF_CUES,
  STAFF_CUES,
  STAFF_FIELD_CUES,
  STAFF_FIELD_KINDS,
  SURVEY_CUES,
} from './cues';
import { detectLabelScale } from './likert';
import { cueScore, hasStem, headerWords } from './normalise';
import { normaliseLabel } from '../kinds/items';
import { personalDataColumns, type PersonalColumn } from './personal';
import { inferScale, profileColumns, share, type ColumnProfile } from './profile';
import { isTotalsRow } from '../totals';

/** What detection proposes for one column, and how sure it is. */
export interface ColumnProposal {
  column: string;
  use: 'field' | 'item' | 'attribute' | 'drop' | 'hash' | 'ignore';
  field?: string;
  item?: ItemMapping;
  confidence: number;
  reason: string;
}

export interface MappingProposal {
  kind: Kind | null;
  /** 0–1: how sure detection is of the kind. Below 0.5 the user names the kind. */
  confidence: number;
  mapping: Mapping | null;
  columns: ColumnProposal[];
  notes: string[];
  /** Why no kind could be proposed, as a sentence. */
  refusal?: string;
}

interface Context {
  profiles: ColumnProfile[];
  rows: number;
  taken: Set<string>;
}

/** Proposes the dataset kind and a column mapping from headers and sampled values. */
export function proposeMapping(header: HeaderLayout, sample: RawRow[], forcedKind?: Kind): MappingProposal {
  const inTable = sample.filter((row) => row.rowNumber >= header.firstDataRow);
  // A totals row sums the others: left out before any column's scale is decided.
  const dataRows = inTable.filter((row) => !isTotalsRow(row));
  const totals = inTable.filter((row) => isTotalsRow(row)).map((row) => row.rowNumber);
  const profiles = profileColumns(header.columns, dataRows);
  const context: Context = { profiles, rows: dataRows.length, taken: new Set() };
  const personal = personalDataColumns(profiles);
  for (const column of personal) context.taken.add(column.column);
  const candidates = KIND_DETECTORS.map((detect) => detect(context)).filter(
    (c): c is Candidate => c !== null,
  );
  const ranked = forcedKind ? [] : rankCandidates(candidates);
  const chosen = forcedKind
    ? (candidates.find((c) => c.kind === forcedKind) ?? forcedCandidate(forcedKind, context))
    : ranked[0];
  if (!chosen || chosen.confidence < 0.5) {
    return refusal(header, personal, chosen, context);
  }
  const rival = ranked[1];
  if (rival && chosen.confidence - rival.confidence < CLOSE_READINGS)
    return closeReadings(header, personal, chosen, rival, context);
  if (totals.length)
    chosen.notes.unshift(
      `Row ${totals.join(', ')} ${totals.length > 1 ? 'are totals rows' : 'is a totals row'}: left out before reading the columns' scales.`,
    );
  return finish(chosen, header, personal, context);
}

/** Two kinds this close in confidence are a coin toss: the user chooses. */
const CLOSE_READINGS = 0.05;

/**
 * Candidates best first, one per kind. A churn flag (or churn date) beside a unique customer id
 * makes a customers file: its small-number columns (tenure, products held, 0/1 flags) are then
 * attributes, never survey answers.
 */
function rankCandidates(candidates: Candidate[]): Candidate[] {
  const customers = candidates.find((c) => c.kind === 'customers' && c.confidence >= 0.5);
  const churn = customers?.fields.churned ?? customers?.fields.churned_on;
  if (customers && churn) {
    customers.confidence = Math.max(customers.confidence, 0.9);
    const survey = candidates.find((c) => c.kind === 'responses' || c.kind === 'assessments');
    if (survey)
      customers.notes.push(
        `Read as customers, not as a survey: "${churn.column}" is a churn ${customers.fields.churned ? 'flag' : 'date'}, so ${survey.items
          .slice(0, 4)
          .map((i) => `"${i.item.column}"`)
          .join(
            ', ',
          )} ${survey.items.length > 1 ? 'are customer attributes' : 'is a customer attribute'}, not survey answers.`,
      );
    candidates = candidates.filter((c) => c.kind !== 'responses' && c.kind !== 'assessments');
  }
  const best = new Map<Kind, Candidate>();
  for (const c of candidates) {
    const known = best.get(c.kind);
    if (!known || c.confidence > known.confidence) best.set(c.kind, c);
  }
  return [...best.values()].sort((a, b) => b.confidence - a.confidence);
}

interface Candidate {
  kind: Kind;
  confidence: number;
  fields: Record<string, { column: string; confidence: number }>;
  items: Array<{ item: ItemMapping; confidence: number; reason: string }>;
  notes: string[];
  layout?: 'long' | 'wide';
  monthColumns?: string[];
}

type Detector = (context: Context) => Candidate | null;

/** The best free column for a field by header cues, optionally checked against its values. */
function findField(
  context: Context,
  field: string,
  accept: (profile: ColumnProfile) => boolean = () => true,
  exclude: Set<string> = new Set(),
): { column: string; confidence: number } | null {
  let best: { column: string; confidence: number } | null = null;
  for (const profile of context.profiles) {
    if (context.taken.has(profile.name) || exclude.has(profile.name)) continue;
    const score = cueScore(profile.name, FIELD_CUES[field] ?? [field]);
    if (score > (best?.confidence ?? 0) && accept(profile))
      best = { column: profile.name, confidence: score };
  }
  return best;
}

function pick(
  context: Context,
  candidate: Candidate,
  field: string,
  accept?: (p: ColumnProfile) => boolean,
  cue = field,
): boolean {
  const used = new Set([
    ...Object.values(candidate.fields).map((f) => f.column),
    ...candidate.items.map((i) => i.item.column),
  ]);
  const found = findField(context, cue, accept, used);
  if (!found) return false;
  candidate.fields[field] = found;
  return true;
}

const isDateLike = (p: ColumnProfile) =>
  share(p, p.dates) >= 0.8 || (p.filled > 0 && p.samples.every((s) => /^\d{4}-\d{2}/.test(s)));
const isNumeric = (p: ColumnProfile) => share(p, p.numeric) >= 0.9;
const isText = (p: ColumnProfile) => share(p, p.numeric) < 0.5;
/** Short codes without spaces ("A-3c1a3f", "7590-VHVEG", 2368). */
const isCode = (p: ColumnProfile) =>
  p.filled > 0 && p.averageLength <= 40 && p.samples.every((sample) => !/\s\S+\s/.test(sample));
/** Codes that are mostly distinct: one per row or per person. */
const isIdentifier = (p: ColumnProfile) =>
  isCode(p) && (p.distinctTexts + p.distinctNumbers) / p.filled >= 0.5;
const isFlag = (p: ColumnProfile) => p.distinctTexts + p.distinctNumbers <= 3 && p.filled > 0;
const isMonthLike = (p: ColumnProfile) =>
  isDateLike(p) || p.samples.every((s) => /^\d{4}-\d{2}$|^[A-Za-z]{3,9}\.? ?\d{2,4}$/.test(s));

function candidate(kind: Kind): Candidate {
  return { kind, confidence: 0, fields: {}, items: [], notes: [] };
}

function fieldScore(c: Candidate, field: string): number {
  return c.fields[field]?.confidence ?? 0;
}

const detectCustomers: Detector = (context) => {
  const c = candidate('customers');
  if (!pick(context, c, 'customer_id', isIdentifier)) return null;
  pick(context, c, 'churned', isFlag);
  pick(context, c, 'churned_on', isDateLike);
  pick(context, c, 'acquired_on', isDateLike);
  pick(context, c, 'segment', isText);
  pick(context, c, 'region', isText);
  pick(context, c, 'plan', isText);
  pick(context, c, 'name', isText);
  const evidence = ['churned', 'churned_on', 'acquired_on', 'segment', 'plan', 'region'].filter(
    (f) => c.fields[f],
  ).length;
  const unique = context.profiles.find((p) => p.name === c.fields.customer_id?.column);
  const uniqueIds = unique ? (unique.distinctTexts + unique.distinctNumbers) / Math.max(1, unique.filled) : 0;
  c.confidence =
    evidence === 0 || uniqueIds < 0.95
      ? 0.2
      : Math.min(0.95, 0.45 + 0.15 * evidence) * fieldScore(c, 'customer_id');
  return c;
};

const detectSubscriptions: Detector = (context) => {
  const c = candidate('subscriptions');
  if (!pick(context, c, 'customer_id', () => true)) return null;
  if (!pick(context, c, 'start_date', isDateLike) || !pick(context, c, 'mrr', isNumeric)) return null;
  pick(context, c, 'end_date', (p) => isDateLike(p) || p.filled < context.rows * 0.5);
  pick(context, c, 'churned', isFlag);
  c.confidence = 0.85;
  return c;
};

const detectTransactions: Detector = (context) => {
  const c = candidate('transactions');
  if (!pick(context, c, 'customer_id', () => true) || !pick(context, c, 'date', isDateLike)) return null;
  const hasAmount = pick(context, c, 'amount', isNumeric);
  const hasProduct =
    !hasAmount && pick(context, c, 'quantity', isNumeric) && pick(context, c, 'unit_price', isNumeric);
  if (!hasAmount && !hasProduct) return null;
  const invoice = findField(context, 'invoice');
  c.confidence = invoice ? 0.85 : 0.6;
  return c;
};

const detectRevenue: Detector = (context) => {
  const months = context.profiles.filter((p) => isMonthHeader(p.name) && (isNumeric(p) || p.filled === 0));
  const c = candidate('revenue');
  if (!pick(context, c, 'customer_id', () => true)) return null;
  if (months.length >= 3) {
    c.layout = 'wide';
    c.monthColumns = months.map((p) => p.name);
    c.confidence = 0.85;
    return c;
  }
  if (!pick(context, c, 'period', isMonthLike) || !pick(context, c, 'mrr', isNumeric)) return null;
  c.layout = 'long';
  c.confidence = 0.85;
  return c;
};

function referenceDetector(
  kind: Kind,
  required: string[],
  optional: string[],
  cues: Record<string, string> = {},
): Detector {
  return (context) => {
    const c = candidate(kind);
    for (const field of required) {
      if (!pick(context, c, field, undefined, cues[field] ?? field) || fieldScore(c, field) < 0.8)
        return null;
    }
    for (const field of optional) pick(context, c, field, undefined, cues[field] ?? field);
    const strength = required.reduce((sum, field) => sum + fieldScore(c, field), 0) / required.length;
    c.confidence = Math.min(0.9, strength * (0.7 + 0.1 * Object.keys(c.fields).length));
    // A reference table is small and narrow: most of its columns are the kind's own fields (a
    // 170-column CRM export with a "Name" and an "Alias" column is not a touchpoint list).
    const filled = context.profiles.filter((p) => p.filled > 0).length;
    if (Object.keys(c.fields).length < filled * 0.5) c.confidence = Math.min(c.confidence, 0.3);
    return c;
  };
}

const detectTouchpoints = referenceDetector(
  'touchpoints',
  ['name'],
  ['aliases', 'journey_stage', 'stated_importance'],
  { name: 'touchpoint_name' },
);
const detectTargets = referenceDetector(
  'targets',
  ['metric', 'value'],
  ['period', 'direction', 'amber_tolerance'],
  { value: 'target' },
);
const detectSpend = referenceDetector('spend', ['period', 'sales_marketing_spend'], ['gross_margin'], {
  sales_marketing_spend: 'spend',
});
const detectFunnel = referenceDetector('funnel', ['period', 'stage', 'count'], []);

function withReferenceGuard(detector: Detector, needsExtra: (c: Candidate) => boolean): Detector {
  return (context) => {
    const c = detector(context);
    if (c && !needsExtra(c)) c.confidence = Math.min(c.confidence, 0.3);
    return c;
  };
}

const SURVEY_TYPES = new Set([
  'nps',
  'csat',
  'ces',
  'rating',
  'servqual',
  'net promoter',
  'satisfaction',
  'effort',
]);

/** Long survey files: one answer per row, a column naming the survey type and a score column. */
function longSurveyColumns(context: Context): { survey: string; score: string } | null {
  const survey = context.profiles.find(
    (p) =>
      !context.taken.has(p.name) &&
      p.filled > 0 &&
      p.labels.length > 0 &&
      p.labels.every((label) => SURVEY_TYPES.has(label.trim().toLowerCase())),
  );
  if (!survey) return null;
  const score = findField(
    context,
    'score',
    (p) => isNumeric(p) && (p.min ?? -1) >= 0 && (p.max ?? 99) <= 10,
    new Set([survey.name]),
  );
  return score ? { survey: survey.name, score: score.column } : null;
}

const detectSurvey: Detector = (context) => {
  const long = longSurveyColumns(context);
  const items = long ? [] : scoredItems(context);
  if (items.length === 0 && !long) return null;
  // Only the questions count, and only words a customer would not use: a customer survey asks
  // about "the staff who helped you" and may carry a "Department" column; a staff survey speaks of
  // my colleagues, my supervisor, working at the company or the company as an employer.
  const questions = items.map((i) => i.item.column);
  const staff = questions.filter(
    (q) => hasStem(q, FIRST_PERSON_STAFF_CUES) || hasStem(q, EMPLOYER_CUES),
  ).length;
  const staffWords = questions.filter((q) => cueScore(q, STAFF_CUES) > 0 || hasStem(q, STAFF_CUES)).length;
  const fields = STAFF_FIELD_KINDS.filter((kind) =>
    context.profiles.some((p) => !context.taken.has(p.name) && cueScore(p.name, kind.cues) >= 0.6),
  );
  const staffFields = fields.length;
  const isStaff =
    staff >= 2 ||
    (staff >= 1 && staffFields >= 1) ||
    (fields.some((kind) => kind.strong) && staffFields >= 2) ||
    (staffWords >= 3 && staffWords >= questions.length * 0.5);
  const c = candidate(isStaff ? 'assessments' : 'responses');
  c.items = items;
  const isDate = (p: ColumnProfile) => isDateLike(p);
  if (long) {
    c.fields.survey = { column: long.survey, confidence: 0.9 };
    c.fields.score = { column: long.score, confidence: 0.9 };
    c.notes.push(
      `One answer per row: "${long.survey}" names the survey type, "${long.score}" holds the score (NPS 0–10, CSAT 1–5, CES 1–7 unless the mapping says otherwise).`,
    );
  }
  if (c.kind === 'responses') {
    pick(context, c, 'responded_on', isDate, 'date');
    pick(context, c, 'customer_id', isCode);
    pick(context, c, 'respondent_id', isIdentifier);
    pick(
      context,
      c,
      'response_id',
      (p) => isIdentifier(p) && p.distinctNumbers + p.distinctTexts >= p.filled * 0.99,
    );
    pick(context, c, 'touchpoint', (p) => isText(p) && cueScore(p.name, FIELD_CUES.touchpoint ?? []) >= 0.8);
    pick(context, c, 'channel', isText);
    pick(context, c, 'segment', isText);
    pick(context, c, 'region', isText);
    pick(
      context,
      c,
      'comment',
      (p) => isText(p) && (p.averageLength >= 8 || cueScore(p.name, FIELD_CUES.comment ?? []) >= 0.8),
    );
    if (!c.fields.responded_on) literalDate(context, c, 'responded_on');
    if (!c.fields.responded_on) fallbackDate(context, c, 'responded_on');
    fallbackSegment(context, c);
  } else {
    pick(context, c, 'assessed_on', isDate, 'date');
    pick(context, c, 'respondent', isCode, 'respondent_id');
    pick(context, c, 'role', isText);
    pick(context, c, 'department', isText);
    pick(context, c, 'touchpoint', isText);
    pick(context, c, 'superior', isFlag);
    c.notes.push(
      `Read as a staff self-assessment: ${Math.max(staff, staffWords)} question(s) speak of colleagues, supervisors or working at the company${staffFields ? ', beside role, department or tenure columns' : ''}; not counted as customer answers.`,
    );
  }
  const best = long ? 0.9 : Math.max(...items.map((i) => i.confidence));
  c.confidence = Math.min(0.95, 0.55 + 0.1 * best + 0.05 * Math.min(4, long ? 3 : items.length));
  return c;
};

/**
 * Without a segment column, a single low-cardinality text column (an airline, a store, a
 * product line) becomes the segment so results can be split by it.
 */
function fallbackSegment(context: Context, c: Candidate): void {
  if (c.fields.segment) return;
  const used = new Set([
    ...Object.values(c.fields).map((f) => f.column),
    ...c.items.map((i) => i.item.column),
  ]);
  const categorical = context.profiles.filter(
    (p) =>
      !used.has(p.name) &&
      !context.taken.has(p.name) &&
      isText(p) &&
      p.filled >= context.rows * 0.9 &&
      p.distinctTexts >= 2 &&
      p.distinctTexts <= 200 &&
      p.distinctTexts < context.rows * 0.5 &&
      p.averageLength < 60 &&
      !isDateLike(p),
  );
  if (categorical.length === 1) {
    const column = (categorical[0] as ColumnProfile).name;
    c.fields.segment = { column, confidence: 0.4 };
    c.notes.push(
      `"${column}" is used as the segment (the only category column); map another column to segment to change it.`,
    );
  }
}

const KIND_DETECTORS: Detector[] = [
  detectCustomers,
  detectSubscriptions,
  detectTransactions,
  detectRevenue,
  withReferenceGuard(detectTouchpoints, (c) =>
    Boolean(c.fields.aliases || c.fields.journey_stage || c.fields.stated_importance),
  ),
  detectTargets,
  detectSpend,
  detectFunnel,
  detectSurvey,
];

/**
 * True when a header asks a survey question: it names recommending, satisfaction, effort, a
 * rating or a score (in the supported languages), is a sentence or a question, or is numbered
 * like a questionnaire item ("Q3", "2-1 … (expectation)").
 */
function asksQuestion(header: string): boolean {
  const words = headerWords(header).split(' ').filter(Boolean).length;
  return (
    hasStem(header, [...SURVEY_CUES.nps, ...SURVEY_CUES.csat, ...SURVEY_CUES.ces, ...QUESTION_CUES]) ||
    // A sentence, written as one ("How easy was it …"), not a long field name ("HourSpendOnApp").
    (words >= 4 && /\s/.test(header.trim())) ||
    header.includes('?') ||
    /^q\s?\d/i.test(header.trim()) ||
    /^\d{1,3}(?:\s*[-._]\s*\d{1,3})*(?:[.)]|\s|$)/.test(header.trim()) ||
    servqualMarker(header) !== null ||
    Object.keys(splitTouchpoint(header)).length > 0
  );
}

/** Headers that name a fact about a person or account, never an answer (tenure, age, counts). */
function namesAFact(header: string): boolean {
  return (
    cueScore(header, STAFF_FIELD_CUES) >= 0.6 ||
    /\b(?:age|tenure|years?|months?|count|number|num|qty|quantity|products?|visits?|calls?|level|tier)\b/.test(
      headerWords(header),
    )
  );
}

/**
 * Scored answer columns: text labels on a known scale, or small-integer columns whose header asks
 * a question. A small-integer column without one (tenure in years, products held, a 0/1 flag) is
 * an answer only in a file that is plainly a survey: twice as many columns asking questions.
 */
function scoredItems(context: Context): Candidate['items'] {
  const all = questionColumns(context);
  const asked = all.filter((entry) => entry.asked);
  const unasked = all.filter((entry) => !entry.asked);
  const plainlySurvey = asked.length >= 2 && asked.length >= 2 * unasked.length;
  const kept = all.filter((entry) => entry.asked || (plainlySurvey && !namesAFact(entry.profile.name)));
  return scoreColumns(kept.map((entry) => entry.profile));
}

function questionColumns(context: Context): Array<{ profile: ColumnProfile; asked: boolean }> {
  const columns: Array<{ profile: ColumnProfile; asked: boolean }> = [];
  for (const profile of context.profiles) {
    if (context.taken.has(profile.name) || profile.filled < Math.max(1, context.rows * 0.2)) continue;
    const identifierLike =
      cueScore(profile.name, [...(FIELD_CUES.customer_id ?? []), ...(FIELD_CUES.response_id ?? [])]) >= 0.8;
    if (identifierLike) continue;
    const numericScale = inferScale(profile);
    const labels = numericScale ? null : isText(profile) ? labelScale(profile.labels) : null;
    if (!numericScale && !labels) continue;
    columns.push({ profile, asked: labels !== null || asksQuestion(profile.name) });
  }
  return columns;
}

/** The scale, survey type and touchpoint of each answer column. */
function scoreColumns(profiles: ColumnProfile[]): Candidate['items'] {
  const items: Candidate['items'] = [];
  for (const profile of profiles) {
    const numericScale = inferScale(profile);
    const labels = numericScale ? null : labelScale(profile.labels);
    const [scaleMin, scaleMax] = numericScale ?? [labels?.scaleMin ?? 1, labels?.scaleMax ?? 5];
    const classified = classifyItem(profile.name, scaleMin, scaleMax);
    // Answers on an expectation or agreement scale are ratings, whatever the question's wording.
    const { survey, confidence, reason } =
      labels && classified.survey === 'csat' && !/satisfaction|quality/.test(labels.basis)
        ? { ...classified, survey: 'rating' as Survey, reason: `rating on the ${labels.basis} scale` }
        : classified;
    const item: ItemMapping = {
      column: profile.name,
      survey,
      scaleMin,
      scaleMax,
      ...splitTouchpoint(profile.name),
    };
    if (labels) item.labels = labels.labels;
    const servqual = servqualMarker(profile.name);
    if (servqual) Object.assign(item, { survey: 'servqual', measure: servqual.measure, item: servqual.item });
    items.push({
      item,
      confidence: labels ? confidence * 0.8 : confidence,
      reason: labels ? `${reason}; text answers on the ${labels.basis} scale` : reason,
    });
  }
  nameRepeatedSurveys(items);
  harmoniseSevenPointScales(items);
  chooseNpsQuestion(items);
  return items;
}

function classifyItem(
  header: string,
  scaleMin: number,
  scaleMax: number,
): { survey: Survey; confidence: number; reason: string } {
  const zeroToTen = scaleMin === 0 && scaleMax === 10;
  if (hasStem(header, SURVEY_CUES.nps)) {
    return zeroToTen
      ? { survey: 'nps', confidence: 1, reason: 'likelihood-to-recommend question on 0–10' }
      : {
          survey: 'rating',
          confidence: 0.8,
          reason: `recommend question on ${scaleMin}–${scaleMax}: a rating, not an NPS (NPS needs 0–10)`,
        };
  }
  if (hasStem(header, SURVEY_CUES.ces) && scaleMax <= 7)
    return { survey: 'ces', confidence: 0.8, reason: 'effort question' };
  if (hasStem(header, SURVEY_CUES.csat))
    return { survey: 'csat', confidence: 0.8, reason: `satisfaction question on ${scaleMin}–${scaleMax}` };
  return { survey: 'rating', confidence: 0.6, reason: `answers on a ${scaleMin}–${scaleMax} scale` };
}

/** "Mobile App - Ease of Use": touchpoint "Mobile App", item "Ease of Use". */
function splitTouchpoint(header: string): Partial<ItemMapping> {
  const parts = header.split(/\s+[-–:|]\s+/);
  if (parts.length !== 2) return {};
  const [touchpoint, item] = parts as [string, string];
  if (touchpoint.length > 40 || item.length > 60) return {};
  return { touchpoint: touchpoint.trim(), item: item.trim() };
}

/** SERVQUAL pairs: "N-1 … (expectation)" / "N-2 … (perception)" share item number N. */
function servqualMarker(header: string): { item: string; measure: 'expectation' | 'perception' } | null {
  const number =
    /^\s*(\d{1,3})\s*[-.]\s*\d/.exec(header)?.[1] ?? /^\s*[A-Za-z]?(\d{1,3})\b/.exec(header)?.[1];
  if (!number) return null;
  const words = headerWords(header);
  if (EXPECTATION_CUES.some((cue) => words.includes(cue))) return { item: number, measure: 'expectation' };
  if (PERCEPTION_CUES.some((cue) => words.includes(cue))) return { item: number, measure: 'perception' };
  return null;
}

/** Two items of one survey type (eNPS and customer NPS) need their own names. */
function nameRepeatedSurveys(items: Candidate['items']): void {
  const counts = new Map<string, number>();
  for (const { item } of items) counts.set(item.survey, (counts.get(item.survey) ?? 0) + 1);
  for (const { item } of items) {
    if (!item.item && (counts.get(item.survey) ?? 0) > 1) item.item = item.column;
  }
}

/** A 1–7 block whose items happen to stay within 1–5 in the sample is still on 1–7. */
function harmoniseSevenPointScales(items: Candidate['items']): void {
  const rated = items.filter(
    ({ item }) => (item.survey === 'rating' || item.survey === 'servqual') && !item.labels,
  );
  const seven = rated.filter(({ item }) => item.scaleMax === 7).length;
  if (seven < rated.length / 2) return;
  for (const { item } of rated) if (item.scaleMin >= 1 && item.scaleMax === 5) item.scaleMax = 7;
}

/** With no recommend question, the first 0–10 overall rating is read as the NPS question (and said so). */
function chooseNpsQuestion(items: Candidate['items']): void {
  if (items.some(({ item }) => item.survey === 'nps')) return;
  const first = items.find(
    ({ item }) => item.scaleMin === 0 && item.scaleMax === 10 && item.survey === 'rating',
  );
  if (!first) return;
  first.item.survey = 'nps';
  first.item.item = first.item.item ?? 'nps';
  first.confidence = 0.6;
  first.reason =
    'first 0–10 rating, read as the NPS question because no likelihood-to-recommend question was found';
}

function forcedCandidate(kind: Kind, context: Context): Candidate {
  const c = candidate(kind);
  c.confidence = 0.5;
  c.notes.push(`Kind ${kind} was given; no columns were recognised for it. Map them by hand.`);
  void context;
  return c;
}

function refusal(
  header: HeaderLayout,
  personal: PersonalColumn[],
  best: Candidate | undefined,
  context: Context,
): MappingProposal {
  const hint = best ? `; closest guess ${best.kind} at ${(best.confidence * 100).toFixed(0)}%` : '';
  const unasked = questionColumns(context)
    .filter((entry) => !entry.asked)
    .map((entry) => `"${entry.profile.name}"`);
  const scales = unasked.length
    ? ` Column${unasked.length > 1 ? 's' : ''} ${unasked.slice(0, 4).join(', ')} hold${unasked.length > 1 ? '' : 's'} small whole numbers but no survey question in the header, so ${unasked.length > 1 ? 'they are' : 'it is'} not read as NPS or rating answers; if ${unasked.length > 1 ? 'they are' : 'it is'}, choose the kind responses and map each as an NPS, CSAT, CES or rating item.`
    : '';
  return {
    kind: null,
    confidence: best?.confidence ?? 0,
    mapping: null,
    columns: describeColumns(header.columns, null, personal, context),
    notes: [],
    refusal: `could not tell what this file holds (no customer, revenue, survey or reference columns were recognised${hint}); name the kind and map the columns, or use a saved mapping.${scales}`,
  };
}

function finish(
  chosen: Candidate,
  header: HeaderLayout,
  personal: PersonalColumn[],
  context: Context,
): MappingProposal {
  const mapping: Mapping = {
    kind: chosen.kind,
    fields: Object.fromEntries(Object.entries(chosen.fields).map(([field, found]) => [field, found.column])),
  };
  if (chosen.items.length) mapping.items = chosen.items.map((i) => i.item);
  if (chosen.layout) mapping.layout = chosen.layout;
  if (chosen.monthColumns) mapping.monthColumns = chosen.monthColumns;
  if (personal.length)
    mapping.personalColumns = Object.fromEntries(personal.map((p) => [p.column, p.action]));
  return {
    kind: chosen.kind,
    confidence: chosen.confidence,
    mapping,
    columns: describeColumns(header.columns, chosen, personal, context),
    notes: [...chosen.notes, ...itemsUsed(chosen)],
  };
}

const SURVEY_NAMES: Record<Survey, string> = {
  nps: 'NPS',
  csat: 'CSAT',
  ces: 'CES',
  servqual: 'SERVQUAL',
  rating: 'rating',
};

/** Says which column fed each headline survey measure and on what scale ("NPS from column X, 0–10"). */
function itemsUsed(chosen: Candidate): string[] {
  return chosen.items
    .filter(({ item }) => item.survey === 'nps' || item.survey === 'csat' || item.survey === 'ces')
    .map(
      ({ item, reason }) =>
        `${SURVEY_NAMES[item.survey]} from column "${item.column}", ${item.scaleMin}–${item.scaleMax} (${reason}).`,
    );
}

/** Two kinds read about equally well: refused, naming both and how to choose. */
function closeReadings(
  header: HeaderLayout,
  personal: PersonalColumn[],
  first: Candidate,
  second: Candidate,
  context: Context,
): MappingProposal {
  const describe = (c: Candidate) =>
    `${c.kind} (${(c.confidence * 100).toFixed(0)}%, from ${Object.values(c.fields)
      .map((f) => `"${f.column}"`)
      .concat(c.items.map((i) => `"${i.item.column}"`))
      .slice(0, 4)
      .join(', ')})`;
  return {
    kind: null,
    confidence: first.confidence,
    mapping: null,
    columns: describeColumns(header.columns, null, personal, context),
    notes: [],
    refusal: `reads about equally well as ${describe(first)} and as ${describe(second)}; choose the kind: ${first.kind} or ${second.kind}.`,
  };
}

function describeColumns(
  columns: string[],
  chosen: Candidate | null,
  personal: PersonalColumn[],
  context: Context,
): ColumnProposal[] {
  return columns.map((column) => {
    const privacy = personal.find((p) => p.column === column);
    if (privacy)
      return { column, use: privacy.action, confidence: privacy.confidence, reason: privacy.reason };
    const field = Object.entries(chosen?.fields ?? {}).find(([, found]) => found.column === column);
    if (field)
      return {
        column,
        use: 'field',
        field: field[0],
        confidence: field[1].confidence,
        reason: `header reads as ${field[0]}`,
      };
    const item = chosen?.items.find((i) => i.item.column === column);
    if (item)
      return { column, use: 'item', item: item.item, confidence: item.confidence, reason: item.reason };
    if (chosen?.monthColumns?.includes(column))
      return { column, use: 'field', field: 'month', confidence: 0.9, reason: 'month column' };
    const empty = context.profiles.find((p) => p.name === column)?.filled === 0;
    return {
      column,
      use: empty ? 'ignore' : 'attribute',
      confidence: 0.5,
      reason: empty ? 'empty in the sample' : 'kept as a filterable attribute',
    };
  });
}

/** Text answers deduplicated by spelling ("Agree", "agree ", "AGREE") before matching a scale. */
function labelScale(raw: string[]): ReturnType<typeof detectLabelScale> {
  const byKey = new Map<string, string>();
  for (const label of raw) if (!byKey.has(normaliseLabel(label))) byKey.set(normaliseLabel(label), label);
  if (byKey.size > 11) return null;
  const scale = detectLabelScale([...byKey.values()]);
  if (!scale) return null;
  const labels = { ...scale.labels };
  for (const label of raw) {
    const canonical = byKey.get(normaliseLabel(label));
    const value = canonical === undefined ? undefined : scale.labels[canonical];
    if (value !== undefined) labels[label] = value;
  }
  return { ...scale, labels };
}

/**
 * A column headed exactly "date" is the date even when its values do not read as dates: each bad
 * value is then rejected with its reason, rather than the file silently read as undated.
 */
function literalDate(context: Context, c: Candidate, field: string): void {
  const used = new Set([
    ...Object.values(c.fields).map((f) => f.column),
    ...c.items.map((i) => i.item.column),
  ]);
  const literal = findField(context, 'date', (p) => p.filled > 0, used);
  if (literal?.confidence === 1) c.fields[field] = literal;
}

/** Without a date header, a column whose values are dates is the response date. */
function fallbackDate(context: Context, c: Candidate, field: string): void {
  const used = new Set([
    ...Object.values(c.fields).map((f) => f.column),
    ...c.items.map((i) => i.item.column),
  ]);
  const dated = context.profiles.find(
    (p) => !used.has(p.name) && !context.taken.has(p.name) && p.filled > 0 && share(p, p.dates) >= 0.9,
  );
  if (dated) {
    c.fields[field] = { column: dated.name, confidence: 0.6 };
    c.notes.push(`"${dated.name}" holds dates and is read as the response date.`);
  }
}
