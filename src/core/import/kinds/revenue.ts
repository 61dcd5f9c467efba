import type { Db } from '../../store';
import { isMonthHeader, parseMonth } from '../dates';
import type { RawRow } from '../source';
import { cellText, isMissing, parseNumber } from '../values';
import type { FieldReader } from './common';
import type { KindConverter, RowResult } from './types';

/**
 * Revenue arrives four ways and always lands as one MRR figure per customer-month. Rows are
 * staged in a temp table and summed in SQL, so several lines for one customer-month (products,
 * invoices) add up and memory stays flat however many customer-months there are.
 */
const STAGING = `
  CREATE TEMP TABLE IF NOT EXISTS staging_revenue (customer_id TEXT NOT NULL, period TEXT NOT NULL, mrr REAL NOT NULL);
  CREATE TEMP TABLE IF NOT EXISTS staging_subscriptions (customer_id TEXT NOT NULL, start_month TEXT NOT NULL, end_month TEXT, mrr REAL NOT NULL, churned INTEGER);
  DELETE FROM staging_revenue; DELETE FROM staging_subscriptions;`;

function stagedRevenue(db: Db, importId: number): { factsWritten: number; notes: string[] } {
  const lines = (db.prepare('SELECT count(*) AS n FROM staging_revenue').get() as { n: number }).n;
  const written = db
    .prepare(
      `INSERT INTO revenue (customer_id, period, mrr, import_id)
       SELECT customer_id, period, sum(mrr), ? FROM staging_revenue GROUP BY customer_id, period`,
    )
    .run(importId).changes;
  db.exec('DELETE FROM staging_revenue');
  const notes =
    lines > written ? [`${lines - written} lines were summed into the customer-months they share.`] : [];
  return { factsWritten: written, notes };
}

/** A revenue kind: rows staged in a temp table, turned into customer-months by `finalize`. */
function staged(
  table: 'staging_revenue' | 'staging_subscriptions',
  finalize: KindConverter['finalize'],
  convert: (row: RawRow, result: RowResult) => void,
): KindConverter {
  return {
    table,
    factTable: 'revenue',
    prepare: (db) => db.exec(STAGING),
    ...(finalize ? { finalize } : {}),
    convert(row) {
      const result: RowResult = { facts: [], rejects: [], blanks: 0 };
      convert(row, result);
      return result;
    },
  };
}

/** revenue, long: customer, month, MRR per row. */
export function revenueLongConverter(fields: FieldReader): KindConverter {
  return staged('staging_revenue', stagedRevenue, (row, result) => {
    const customer = fields.text(row, 'customer_id');
    const period = fields.month(row, 'period', result);
    const mrr = fields.number(row, 'mrr', result);
    if (!fields.requireValue(row, 'customer_id', customer, result)) return;
    if (!fields.requireValue(row, 'period', period, result)) return;
    if (mrr === null) result.blanks += 1;
    else if (mrr !== undefined && result.rejects.length === 0) result.facts.push([customer, period, mrr]);
  });
}

/** revenue, wide: one row per customer, one column per month (header text or date cells). */
export function revenueWideConverter(fields: FieldReader): KindConverter {
  const columns = fields.context.columns;
  const chosen = fields.mapping.monthColumns ?? columns.filter(isMonthHeader);
  const months = chosen.map((column) => {
    const month = parseMonth(column, fields.dates);
    return { column, index: fields.context.indexOf(column), month: month.ok ? month.value : null };
  });
  return staged('staging_revenue', stagedRevenue, (row, result) => {
    const customer = fields.text(row, 'customer_id');
    if (!fields.requireValue(row, 'customer_id', customer, result)) return;
    for (const { column, index, month } of months) {
      const cell = row.cells[index] ?? null;
      if (isMissing(cell)) continue;
      const mrr = parseNumber(cell, fields.numbers);
      if (!mrr.ok || month === null) {
        result.rejects.push({
          rowNumber: row.rowNumber,
          column,
          value: cellText(cell),
          reason: mrr.ok ? `"${column}" is not a month` : mrr.reason,
        });
        continue;
      }
      result.facts.push([customer, month, mrr.value]);
    }
  });
}

/** transactions: amounts (or quantity × unit price) summed to customer-months. */
export function transactionsConverter(fields: FieldReader): KindConverter {
  return staged('staging_revenue', stagedRevenue, (row, result) => {
    const customer = fields.text(row, 'customer_id');
    const date = fields.date(row, 'date', result);
    const amount = fields.has('amount')
      ? fields.number(row, 'amount', result)
      : product(fields.number(row, 'quantity', result), fields.number(row, 'unit_price', result));
    if (!fields.requireValue(row, 'customer_id', customer, result)) return;
    if (!fields.requireValue(row, 'date', date, result)) return;
    if (!fields.requireValue(row, fields.has('amount') ? 'amount' : 'quantity', amount, result)) return;
    if (result.rejects.length === 0) result.facts.push([customer, date.slice(0, 7), amount]);
  });
}

function product(a: number | null | undefined, b: number | null | undefined): number | null | undefined {
  if (a === undefined || b === undefined) return undefined;
  return a === null || b === null ? null : a * b;
}

/**
 * subscriptions: start, end, MRR intervals expanded to customer-months. A subscription counts
 * from its start month up to the month before its end month (at least its start month), so MRR
 * is what runs at each month's end; open-ended ones run to the latest month in the file (its
 * as-of). Overlapping subscriptions of one customer add up.
 */
export function subscriptionsConverter(fields: FieldReader): KindConverter {
  return staged('staging_subscriptions', expandSubscriptions, (row, result) => {
    const customer = fields.text(row, 'customer_id');
    const start = fields.date(row, 'start_date', result);
    const end = fields.date(row, 'end_date', result);
    const mrr = fields.number(row, 'mrr', result);
    const churned = fields.flag(row, 'churned', result);
    if (!fields.requireValue(row, 'customer_id', customer, result)) return;
    if (!fields.requireValue(row, 'start_date', start, result)) return;
    if (!fields.requireValue(row, 'mrr', mrr, result) || end === undefined || churned === undefined) return;
    if (end !== null && end < start) {
      result.rejects.push({
        rowNumber: row.rowNumber,
        column: fields.columnOf('end_date'),
        value: end,
        reason: `ends (${end}) before it starts (${start})`,
      });
      return;
    }
    result.facts.push([
      customer,
      start.slice(0, 7),
      end === null ? null : end.slice(0, 7),
      mrr,
      churned === null ? null : churned ? 1 : 0,
    ]);
  });
}

function expandSubscriptions(db: Db, importId: number): { factsWritten: number; notes: string[] } {
  const horizon = db
    .prepare(
      `SELECT max(max(start_month), coalesce(max(end_month), '')) AS latest FROM staging_subscriptions`,
    )
    .get() as { latest: string | null };
  const notes = horizon.latest
    ? [`Subscriptions without an end date run to ${horizon.latest}, the latest month in the file.`]
    : [];
  notes.push(...subscriptionChecks(db, horizon.latest));
  db.prepare(
    `INSERT INTO staging_revenue (customer_id, period, mrr)
     WITH RECURSIVE months(customer_id, period, last_month, mrr) AS (
       SELECT customer_id, start_month,
              CASE WHEN end_month IS NULL THEN :horizon
                   WHEN end_month > start_month THEN strftime('%Y-%m', end_month || '-01', '-1 month')
                   ELSE start_month END,
              mrr
       FROM staging_subscriptions
       UNION ALL
       SELECT customer_id, strftime('%Y-%m', period || '-01', '+1 month'), last_month, mrr
       FROM months WHERE period < last_month
     )
     SELECT customer_id, period, mrr FROM months`,
  ).run({ horizon: horizon.latest });
  db.exec('DELETE FROM staging_subscriptions');
  const revenue = stagedRevenue(db, importId);
  return { factsWritten: revenue.factsWritten, notes: [...notes] };
}

/**
 * What a subscriptions file says beyond its intervals: accounts whose subscriptions overlap (their
 * MRR adds up in the shared months, which is right for add-ons and wrong for duplicates), and how
 * its churn flag agrees with the end dates (churn is read from MRR falling to 0 when one ends).
 */
function subscriptionChecks(db: Db, horizon: string | null): string[] {
  const notes: string[] = [];
  const overlap = db
    .prepare(
      `WITH s AS (
         SELECT rowid AS id, customer_id, start_month AS first,
                CASE WHEN end_month IS NULL THEN :horizon
                     WHEN end_month > start_month THEN strftime('%Y-%m', end_month || '-01', '-1 month')
                     ELSE start_month END AS last
         FROM staging_subscriptions)
       SELECT count(DISTINCT a.customer_id) AS accounts, count(*) AS pairs
       FROM s a JOIN s b ON b.customer_id = a.customer_id AND b.id > a.id
        AND a.first <= b.last AND b.first <= a.last`,
    )
    .get({ horizon }) as { accounts: number; pairs: number };
  if (overlap.accounts > 0)
    notes.push(
      `${overlap.accounts} account(s) have overlapping subscriptions (${overlap.pairs} overlapping pair(s)); their MRR is added up in the months they share — check they are add-ons, not duplicates.`,
    );
  const flags = db
    .prepare(
      `SELECT count(churned) AS flagged, sum(churned = 1) AS churned,
              sum(churned = 1 AND end_month IS NULL) AS churnedOpen,
              sum(churned = 0 AND end_month IS NOT NULL) AS endedNotChurned
       FROM staging_subscriptions`,
    )
    .get() as {
    flagged: number;
    churned: number | null;
    churnedOpen: number | null;
    endedNotChurned: number | null;
  };
  if (flags.flagged === 0) return notes;
  notes.push(
    `The churn flag marks ${flags.churned ?? 0} subscription(s) as churned; churn is counted when an account's MRR falls to 0.`,
  );
  if (flags.churnedOpen)
    notes.push(
      `${flags.churnedOpen} subscription(s) are flagged churned but have no end date, so they run to ${horizon ?? 'the end'} and their churn is not counted; add their end dates.`,
    );
  if (flags.endedNotChurned)
    notes.push(
      `${flags.endedNotChurned} subscription(s) end without the churn flag (renewals, plan changes): they count as churn only if the account has no other running subscription.`,
    );
  return notes;
}
