/**
 * SQL behind the scorecard (DESIGN §6): every query aggregates inside SQLite and returns counts or
 * sums (per month, per score, per class, per revenue band), never fact rows, so a scorecard over 1M
 * responses moves a few hundred rows into JS. Only `active = 1` rows count. The formulas live in
 * src/core/metrics; this module only counts.
 *
 * Filters: the filter model (domain/filter.ts) decides what a condition keeps and store/filter-sql.ts
 * writes it as SQL, the same for the gap report. Customer and revenue KPIs are narrowed by the keys
 * that describe customers only; answers set against accounts (CX linked to revenue) by customer
 * keys through the answer's customer and answer keys on the answer (npsModelFor).
 */
import { CustomerBuckets } from './customer-buckets';
import { all, one } from './sql';
import { HOT_STATEMENTS } from './statements';
import { narrowsAnswers, narrowsCustomers, type FilterCondition, type Filters } from '../domain/filter';
import { answerFilter, cubeCanAnswer, cubeFilter, customerFilter } from './filter-sql';
import type { Db } from './engagement';
import { attributeCubeSource, attributeNpsScope } from './attribute-cube';
import {
  DETRACTOR,
  NO_ANSWER,
  NpsMatrix,
  PASSIVE,
  PROMOTER,
  touchpointScope,
  type AccountNpsCounts,
} from './nps-matrix';
import { addMovement, noMovements, type Movements } from '../domain/mrr';
import { monthIndex, type MrrMatrix } from './mrr-matrix';

export type { Filters } from '../domain/filter';

/** A key that narrows the answers but describes no customer (touchpoint, channel, item …). */
function narrowsAnswersOnly(condition: FilterCondition): boolean {
  return narrowsAnswers(condition) && !narrowsCustomers(condition);
}

// ---------------------------------------------------------------- data extent

export interface DataExtent {
  /** Latest date (`YYYY-MM-DD`) or whole month (`YYYY-MM`) of any dated fact; null when nothing is dated. */
  maxDate: string | null;
  /** Earliest month of any dated fact. */
  minMonth: string | null;
  /** Latest month of any dated fact. */
  maxMonth: string | null;
}

/** Sort key for comparing a date with a whole month: a month counts as its last day. */
function sortKey(d: string): string {
  return d.length === 7 ? `${d}-99` : d;
}

/** The dated range of the engagement (responses, revenue, customers' dates, spend, funnel), unfiltered. */
export function dataExtent(db: Db): DataExtent {
  const candidatesMax: string[] = [];
  const candidatesMin: string[] = [];
  const push = (row: { lo: string | null; hi: string | null } | undefined) => {
    if (row?.hi) candidatesMax.push(row.hi);
    if (row?.lo) candidatesMin.push(row.lo);
  };
  // Answers: from the cube's survey-month roll-up (months and the latest day of any survey).
  push(one<{ lo: string | null; hi: string | null }>(db, HOT_STATEMENTS.answerRange()));
  push(one<{ lo: string | null; hi: string | null }>(db, HOT_STATEMENTS.revenueRange()));
  // Customers' dates in one scan.
  const dates = db
    .prepare(
      `SELECT min(acquired_on), max(acquired_on), min(churned_on), max(churned_on) FROM customers WHERE active = 1`,
    )
    .raw()
    .get() as [string | null, string | null, string | null, string | null];
  push({ lo: dates[0], hi: dates[1] });
  push({ lo: dates[2], hi: dates[3] });
  for (const table of ['spend', 'funnel']) {
    push(
      db.prepare(`SELECT min(period) AS lo, max(period) AS hi FROM ${table} WHERE active = 1`).get() as {
        lo: string | null;
        hi: string | null;
      },
    );
  }
  const valid = (d: string) => /^\d{4}-\d{2}(-\d{2})?$/.test(d);
  const maxes = candidatesMax.filter(valid).sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
  const mins = candidatesMin.filter(valid).sort();
  const maxDate = maxes[maxes.length - 1] ?? null;
  return {
    maxDate,
    minMonth: mins[0]?.slice(0, 7) ?? null,
    maxMonth: maxDate?.slice(0, 7) ?? null,
  };
}

// ---------------------------------------------------------------- survey answers

/** Answers of one survey in one month at one score (and scale): the unit every survey KPI sums. */
export interface SurveyBucket {
  survey: string;
  /** `YYYY-MM`, or null for undated answers. */
  month: string | null;
  score: number;
  scaleMin: number;
  scaleMax: number;
  n: number;
}

/**
 * Answer counts per survey × month × score × scale for the NPS, CSAT and CES surveys. `months`
 * bounds the months (inclusive); null means every answer including undated ones. Read from the
 * answer cube's roll-ups or the customer buckets when they can answer; else one scan of the answers.
 */
export function surveyBuckets(
  db: Db,
  months: { first: string; last: string } | null,
  filters: Filters = [],
  allowed: () => ReadonlySet<string> | null = () => customersMatching(db, filters),
): SurveyBucket[] {
  if (cubeCanAnswer(filters)) return cubeBuckets(db, months, filters);
  const attribute = attributeCubeSource(db, filters);
  if (attribute) return cubeBuckets(db, months, filters, attribute);
  const byCustomer = customerBucketsFor(db, filters, allowed);
  if (byCustomer) return byCustomer.sum(months).buckets;
  const f = answerFilter(filters);
  const range = months ? ` AND substr(r.responded_on, 1, 7) BETWEEN ? AND ?` : '';
  // With filters the row has to be read anyway: one table scan beats index walk + row lookups (5×).
  const sql = `SELECT r.survey AS survey, substr(r.responded_on, 1, 7) AS month, r.score AS score,
      r.scale_min AS scaleMin, r.scale_max AS scaleMax, count(*) AS n
    FROM responses r${f.sql ? ' NOT INDEXED' : ''}
    WHERE r.active = 1 AND r.survey IN ('nps', 'csat', 'ces')${range}${f.sql}
    GROUP BY r.survey, substr(r.responded_on, 1, 7), r.score, r.scale_min, r.scale_max`;
  const params = [...(months ? [months.first, months.last] : []), ...f.params];
  return db.prepare(sql).all(...params) as SurveyBucket[];
}

/** surveyBuckets from the answer cube (store/aggregates.ts): the same counts, a few thousand rows read. */
function cubeBuckets(
  db: Db,
  months: { first: string; last: string } | null,
  filters: Filters,
  source = { table: 'response_cube', where: cubeFilter(filters) },
): SurveyBucket[] {
  const range = months ? ' AND month BETWEEN ? AND ?' : '';
  const f = source.where;
  if (!f.sql) return all<SurveyBucket>(db, HOT_STATEMENTS.surveyMonths(months));
  const sql = `SELECT survey, month, score, scale_min AS scaleMin, scale_max AS scaleMax, sum(n) AS n
    FROM ${source.table} WHERE survey IN ('nps', 'csat', 'ces')${range}${f.sql}
    GROUP BY survey, month, score, scale_min, scale_max`;
  const params = [...(months ? [months.first, months.last] : []), ...f.params];
  return db.prepare(sql).all(...params) as SurveyBucket[];
}

/**
 * The per-customer answer matrix (store/customer-buckets.ts) when it can answer for the filters:
 * every key describes the customer (none narrows the answers themselves) and no answer carries its
 * own value for a key (else that value, not the customer's, decides).
 */
function customerBucketsFor(
  db: Db,
  filters: Filters,
  allowed: () => ReadonlySet<string> | null,
): CustomerBuckets | null {
  const keys = filters.filter(narrowsAnswers).map((c) => c.key);
  if (keys.length === 0 || filters.some(narrowsAnswersOnly)) return null;
  const ownKeys = db.prepare('SELECT own_keys FROM customer_buckets WHERE id = 1').pluck().get() as
    string | undefined;
  if (ownKeys === undefined) return null;
  const own = new Set(JSON.parse(ownKeys) as string[]);
  if (keys.some((key) => own.has(key))) return null;
  return CustomerBuckets.load(db, allowed());
}

/** NPS, CSAT and CES answers without a date (they count only in period all). */
export function undatedAnswers(db: Db): number {
  return db
    .prepare(
      `SELECT coalesce(sum(n), 0) FROM survey_months WHERE survey IN ('nps', 'csat', 'ces') AND month IS NULL`,
    )
    .pluck()
    .get() as number;
}

/** NPS answers in the months and how many distinct accounts gave them (for the finite-population check). */
export function npsAnswersPerAccount(
  db: Db,
  months: { first: string; last: string } | null,
  filters: Filters = [],
  allowed: () => ReadonlySet<string> | null = () => customersMatching(db, filters),
): { answers: number; accounts: number } {
  const byCustomer = customerBucketsFor(db, filters, allowed);
  if (byCustomer) {
    const { buckets, npsAccounts } = byCustomer.sum(months);
    const answers = buckets.filter((b) => b.survey === 'nps').reduce((sum, b) => sum + b.n, 0);
    return { answers, accounts: npsAccounts };
  }
  const f = answerFilter(filters);
  const range = months ? ` AND substr(r.responded_on, 1, 7) BETWEEN ? AND ?` : '';
  const row = db
    .prepare(
      `SELECT count(*) AS answers, count(DISTINCT coalesce(r.customer_id, r.respondent_id)) AS accounts
       FROM responses r WHERE r.active = 1 AND r.survey = 'nps'${range}${f.sql}`,
    )
    .get(...(months ? [months.first, months.last] : []), ...f.params) as {
    answers: number;
    accounts: number;
  };
  return row;
}

// ---------------------------------------------------------------- customers and churn

export interface CustomerDataShape {
  customers: number;
  withAcquiredOn: number;
  withChurnedOn: number;
  withChurnFlag: number;
}

export function customerDataShape(db: Db): CustomerDataShape {
  return db
    .prepare(
      `SELECT count(*) AS customers, count(acquired_on) AS withAcquiredOn, count(churned_on) AS withChurnedOn,
         count(churned) AS withChurnFlag FROM customers WHERE active = 1`,
    )
    .get() as CustomerDataShape;
}

export function hasRevenue(db: Db): boolean {
  return db.prepare(`SELECT 1 FROM revenue WHERE active = 1 LIMIT 1`).get() !== undefined;
}

/** Customers from the churn flag (undated): how many carry a flag and how many are flagged churned. */
export function churnFlagCounts(db: Db, filters: Filters = []): { customers: number; churned: number } {
  const f = customerFilter(filters);
  const row = db
    .prepare(
      `SELECT count(*) AS customers, coalesce(sum(c.churned = 1), 0) AS churned
       FROM customers c WHERE c.active = 1 AND c.churned IS NOT NULL${f.sql}`,
    )
    .get(...f.params) as { customers: number; churned: number };
  return row;
}

export interface DatedChurnCounts {
  /** S: active at the start (acquired before it or undated, not churned before it). */
  atStart: number;
  /** Of S, churned during the period. */
  lost: number;
  /** E: active at the end. */
  atEnd: number;
  /** N: acquired during the period and still active at its end (so E − N = S − lost). */
  acquired: number;
}

/**
 * Customer counts from acquired_on / churned_on over [start, endExclusive). With null bounds (period
 * `all`) every customer is "at start" and every churned_on counts as lost.
 */
export function datedChurnCounts(
  db: Db,
  start: string | null,
  endExclusive: string | null,
  filters: Filters = [],
): DatedChurnCounts {
  const f = customerFilter(filters);
  if (start === null || endExclusive === null) {
    const row = db
      .prepare(
        `SELECT count(*) AS atStart, count(c.churned_on) AS lost,
           count(*) - count(c.churned_on) AS atEnd, count(c.acquired_on) AS acquired
         FROM customers c WHERE c.active = 1${f.sql}`,
      )
      .get(...f.params) as DatedChurnCounts;
    return row;
  }
  return db
    .prepare(
      `SELECT
         coalesce(sum((c.acquired_on IS NULL OR c.acquired_on < @start) AND (c.churned_on IS NULL OR c.churned_on >= @start)), 0) AS atStart,
         coalesce(sum((c.acquired_on IS NULL OR c.acquired_on < @start) AND c.churned_on >= @start AND c.churned_on < @end), 0) AS lost,
         coalesce(sum((c.acquired_on IS NULL OR c.acquired_on < @end) AND (c.churned_on IS NULL OR c.churned_on >= @end)), 0) AS atEnd,
         coalesce(sum(c.acquired_on >= @start AND c.acquired_on < @end AND (c.churned_on IS NULL OR c.churned_on >= @end)), 0) AS acquired
       FROM customers c WHERE c.active = 1${f.sql}`,
    )
    .get({ start, end: endExclusive }, ...f.params) as DatedChurnCounts;
}

// ---------------------------------------------------------------- revenue

export { type RevenuePair } from './mrr-matrix';

/** Customers acquired (acquired_on) within [start, endExclusive); null bounds = all customers with a date. */
export function acquiredCustomers(
  db: Db,
  start: string | null,
  endExclusive: string | null,
  filters: Filters = [],
): number {
  const f = customerFilter(filters);
  const range = start && endExclusive ? ` AND c.acquired_on >= ? AND c.acquired_on < ?` : '';
  return db
    .prepare(
      `SELECT count(*) FROM customers c WHERE c.active = 1 AND c.acquired_on IS NOT NULL${range}${f.sql}`,
    )
    .pluck()
    .get(...(start && endExclusive ? [start, endExclusive] : []), ...f.params) as number;
}

// ---------------------------------------------------------------- spend and funnel

/** Sales & marketing spend over the months (null = all), the months it covers and its mean gross margin. */
export function spendIn(
  db: Db,
  months: readonly string[] | null,
): { spend: number | null; monthsCovered: number; grossMargin: number | null } {
  const where = months ? ` AND period IN (SELECT value FROM json_each(?))` : '';
  const row = db
    .prepare(
      `SELECT sum(sales_marketing_spend) AS spend, count(DISTINCT period) AS monthsCovered,
         avg(gross_margin) AS grossMargin FROM spend WHERE active = 1${where}`,
    )
    .get(...(months ? [JSON.stringify(months)] : [])) as {
    spend: number | null;
    monthsCovered: number;
    grossMargin: number | null;
  };
  return row;
}

/** Funnel counts per stage summed over the months (null = all). */
export function funnelIn(db: Db, months: readonly string[] | null): { stage: string; count: number }[] {
  const where = months ? ` AND period IN (SELECT value FROM json_each(?))` : '';
  return db
    .prepare(`SELECT stage, sum(count) AS count FROM funnel WHERE active = 1${where} GROUP BY stage`)
    .all(...(months ? [JSON.stringify(months)] : [])) as { stage: string; count: number }[];
}

// ---------------------------------------------------------------- CX linked to revenue

/**
 * Revenue at risk: MRR in `mrrMonth` of customers whose latest NPS answer within `answerMonths` is a
 * detractor's (0–6). Also the responding accounts, the detractor accounts and total MRR in that month.
 */
export function revenueAtRiskCounts(
  revenue: MrrMatrix,
  nps: NpsMatrix,
  answerMonths: { first: string; last: string } | null,
  mrrMonth: string,
): { respondingAccounts: number; detractorAccounts: number; detractorMrr: number; totalMrr: number } {
  const latest = nps.latestClasses(answerMonths ? { from: answerMonths.first, to: answerMonths.last } : {});
  const link = nps.revenueIndex(revenue);
  const m = monthIndex(mrrMonth);
  let respondingAccounts = 0;
  let detractorAccounts = 0;
  let detractorMrr = 0;
  for (let slot = 0; slot < nps.kept.length; slot += 1) {
    const i = nps.kept[slot] as number;
    const k = latest[i] as number;
    if (k === NO_ANSWER) continue;
    respondingAccounts += 1;
    if (k !== DETRACTOR) continue;
    detractorAccounts += 1;
    const r = link[i] as number;
    if (r >= 0) detractorMrr += revenue.mrr(r, m);
  }
  return { respondingAccounts, detractorAccounts, detractorMrr, totalMrr: revenue.totalIn(mrrMonth) };
}

export type NpsClassName = 'promoter' | 'passive' | 'detractor';

export interface ClassOutcomeRow extends Movements {
  npsClass: NpsClassName;
}

/**
 * Revenue movements from `startMonth` to `endMonth` per NPS class, the class taken from each
 * customer's latest answer dated before `before` (the period's first day), so it cannot be caused by
 * what happens in the period.
 */
export function outcomesByClassCounts(
  revenue: MrrMatrix,
  nps: NpsMatrix,
  beforeMonth: string,
  startMonth: string,
  endMonth: string,
): ClassOutcomeRow[] {
  const latest = nps.latestClasses({ before: beforeMonth });
  const link = nps.revenueIndex(revenue);
  const [s0, e0] = [monthIndex(startMonth), monthIndex(endMonth)];
  const rows = new Map<NpsClassName, ClassOutcomeRow>();
  for (let slot = 0; slot < nps.kept.length; slot += 1) {
    const i = nps.kept[slot] as number;
    const k = latest[i] as number;
    const r = link[i] as number;
    if (k === NO_ANSWER || r < 0) continue;
    const s = revenue.mrr(r, s0);
    if (!(s > 0)) continue;
    const npsClass = CLASS_NAMES[k] as NpsClassName;
    const row = rows.get(npsClass) ?? { npsClass, ...noMovements() };
    addMovement(row, s, revenue.mrr(r, e0));
    rows.set(npsClass, row);
  }
  return [...rows.values()];
}

const CLASS_NAMES: Record<number, NpsClassName> = {
  [PROMOTER]: 'promoter',
  [PASSIVE]: 'passive',
  [DETRACTOR]: 'detractor',
};

/**
 * Churn (dated basis) per NPS class: customers active at `start` (a month's first day) classed by
 * their latest answer before it in `nps` (the filters' model), and how many of them churned in
 * [start, endExclusive).
 */
export function datedChurnByClass(
  db: Db,
  nps: NpsMatrix,
  start: string,
  endExclusive: string,
): { npsClass: NpsClassName; atStart: number; lost: number }[] {
  const latest = nps.latestClasses({ before: start.slice(0, 7) });
  const classOf = new Map<string, number>();
  for (const i of nps.kept)
    if (latest[i] !== NO_ANSWER) classOf.set(nps.ids[i] as string, latest[i] as number);
  const customers = db
    .prepare(
      `SELECT customer_id, coalesce(churned_on >= @start AND churned_on < @end, 0) FROM customers
       WHERE active = 1 AND (acquired_on IS NULL OR acquired_on < @start) AND (churned_on IS NULL OR churned_on >= @start)`,
    )
    .raw()
    .iterate({ start, end: endExclusive }) as IterableIterator<[string, number]>;
  const rows = new Map<NpsClassName, { npsClass: NpsClassName; atStart: number; lost: number }>();
  for (const [id, lost] of customers) {
    const k = classOf.get(id);
    if (k === undefined) continue;
    const npsClass = CLASS_NAMES[k] as NpsClassName;
    const row = rows.get(npsClass) ?? { npsClass, atStart: 0, lost: 0 };
    row.atStart += 1;
    row.lost += lost;
    rows.set(npsClass, row);
  }
  return [...rows.values()];
}

export interface RevenueBandRow {
  band: number;
  minMrr: number;
  maxMrr: number;
  accounts: number;
  promoters: number;
  passives: number;
  detractors: number;
}

/**
 * NPS answers in the months by revenue band: customers with MRR > 0 in `mrrMonth` split into
 * `bands` equal-count bands by MRR (band 1 = smallest; ties ordered by customer id; the first
 * bands take one more customer when the count does not divide, as SQL's ntile). Band bounds
 * cover every customer in the band, answering or not.
 */
export function npsByRevenueBandCounts(
  revenue: MrrMatrix,
  nps: NpsMatrix,
  answers: AccountNpsCounts,
  mrrMonth: string,
  bands = 4,
): RevenueBandRow[] {
  const column = revenue.column(monthIndex(mrrMonth));
  const mrr = (i: number) => column[i] as number;
  // Ties on MRR keep the customers' id order (the matrix is sorted by id).
  const customers = revenue
    .payingIn(mrrMonth)
    .sort((a, b) => (column[a] as number) - (column[b] as number) || a - b);
  const bandOf = new Int8Array(revenue.ids.length);
  const rows: RevenueBandRow[] = [];
  const size = Math.floor(customers.length / bands);
  const larger = customers.length % bands;
  let at = 0;
  for (let band = 1; band <= bands && at < customers.length; band += 1) {
    const members = customers.slice(at, at + size + (band <= larger ? 1 : 0));
    at += members.length;
    if (members.length === 0) continue;
    for (const i of members) bandOf[i] = band;
    rows.push({
      band,
      minMrr: mrr(members[0] as number),
      maxMrr: mrr(members[members.length - 1] as number),
      accounts: members.length,
      promoters: 0,
      passives: 0,
      detractors: 0,
    });
  }
  const link = nps.revenueIndex(revenue);
  for (let k = 0; k < answers.customers.length; k += 1) {
    const r = link[answers.customers[k] as number] as number;
    const row = r < 0 ? undefined : rows[(bandOf[r] as number) - 1];
    if (!row) continue;
    row.promoters += answers.promoters[k] as number;
    row.passives += answers.passives[k] as number;
    row.detractors += answers.detractors[k] as number;
  }
  return rows;
}

/** The answer columns account_answers keeps (a filter on others reads the answers). */
const ACCOUNT_ANSWER_COLUMNS: ReadonlySet<string> = new Set(['touchpoint', 'channel', 'item', 'dimension']);

/**
 * The NPS matrix for the filters: the stored one when no filter narrows the answers themselves (or
 * the filters keep every NPS answer), one touchpoint's stored scope for that touchpoint, else one
 * built from the answers that match (account_answers when it holds the filtered columns).
 */
export function npsModelFor(db: Db, filters: Filters, allowed: ReadonlySet<string> | null): NpsMatrix {
  const own = filters.filter(narrowsAnswersOnly);
  if (own.length === 0) return NpsMatrix.load(db, allowed);
  const [only] = own;
  if (own.length === 1 && only?.key === 'touchpoint' && only.matches.length === 1)
    return NpsMatrix.load(db, allowed, touchpointScope(only.matches[0] as string));
  const attributeScope = attributeNpsScope(db, own);
  if (attributeScope) return NpsMatrix.load(db, allowed, attributeScope);
  const kept = npsAnswersKept(db, own);
  if (kept === 'all') return NpsMatrix.load(db, allowed);
  if (kept === 'none') return NpsMatrix.fromAnswers(db, '0 = 1', [], allowed);
  const f = answerFilter(own);
  const onAccountAnswers = own.every((c) => c.column && ACCOUNT_ANSWER_COLUMNS.has(c.key));
  return NpsMatrix.fromAnswers(db, `1 = 1${f.sql}`, f.params, allowed, !onAccountAnswers);
}

/**
 * Whether answer-column filters keep every NPS answer, none, or some, from the answer cube (a
 * channel every answer has, an item only NPS answers have …); null when the cube cannot tell.
 */
function npsAnswersKept(db: Db, own: Filters): 'all' | 'none' | 'some' | null {
  if (!cubeCanAnswer(own)) return null;
  const f = cubeFilter(own);
  const row = db
    .prepare(
      `SELECT coalesce(sum(n), 0), coalesce(sum(CASE WHEN 1 = 1${f.sql} THEN n ELSE 0 END), 0)
       FROM response_cube WHERE survey = 'nps'`,
    )
    .raw()
    .get(...f.params) as [number, number];
  return row[1] === 0 ? 'none' : row[1] === row[0] ? 'all' : 'some';
}

/** The customers a customer-level filter keeps, or null when no filter applies to customers. */
export function customersMatching(db: Db, filters: Filters): Set<string> | null {
  const f = customerFilter(filters, 'fc');
  if (!f.sql) return null;
  const ids = db
    .prepare(`SELECT fc.customer_id FROM customers fc WHERE fc.active = 1${f.sql}`)
    .pluck()
    .all(...f.params) as string[];
  return new Set(ids);
}

// ---------------------------------------------------------------- settings and targets (raw rows)

export function readSettingRows(db: Db): Record<string, string> {
  const rows = db.prepare(`SELECT key, value FROM settings`).all() as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export function readMetaValue(db: Db, key: string): string | null {
  const row = db.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeSettingRow(db: Db, key: string, value: string | null): void {
  if (value === null) db.prepare(`DELETE FROM settings WHERE key = ?`).run(key);
  else
    db.prepare(
      `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(key, value);
}

export interface TargetRecord {
  metric: string;
  period: string;
  value: number;
  direction: 'higher' | 'lower';
  amberTolerance: number;
  importId: number | null;
}

/** Active targets; per (metric, period) the most recently written row wins. */
export function readTargets(db: Db): TargetRecord[] {
  return db
    .prepare(
      `SELECT metric, period, value, direction, amber_tolerance AS amberTolerance, import_id AS importId
       FROM targets t WHERE active = 1
         AND rowid = (SELECT max(rowid) FROM targets u WHERE u.active = 1 AND u.metric = t.metric AND u.period = t.period)
       ORDER BY metric, period`,
    )
    .all() as TargetRecord[];
}

/**
 * Writes one target (by hand when importId is null, else as part of a targets import): earlier
 * hand-set rows for the key are deleted, other rows for it set inactive, the new row is active.
 * readTargets takes the newest active row per key, so removing an import later can only bring back
 * rows written before it.
 */
export function writeTargetRow(
  db: Db,
  target: Omit<TargetRecord, 'importId'>,
  importId: number | null,
): void {
  db.transaction(() => {
    if (importId === null) {
      db.prepare(`DELETE FROM targets WHERE import_id IS NULL AND metric = ? AND period = ?`).run(
        target.metric,
        target.period,
      );
    }
    db.prepare(`UPDATE targets SET active = 0 WHERE active = 1 AND metric = ? AND period = ?`).run(
      target.metric,
      target.period,
    );
    db.prepare(
      `INSERT INTO targets (metric, period, value, direction, amber_tolerance, import_id, active)
       VALUES (?, ?, ?, ?, ?, ?, 1)`,
    ).run(target.metric, target.period, target.value, target.direction, target.amberTolerance, importId);
  })();
}

// ---------------------------------------------------------------- query plans (tests, diagnostics)
