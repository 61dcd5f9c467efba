import { BucketLog } from './customer-buckets';
import { FACT_COLUMNS, type FactValue } from './facts';
import { monthIndex } from './mrr-matrix';
import { ownedKey } from './owned-key';
import { LtrTally, type LtrGroupSource } from './ltr-tally';
import { AttributeTally, type AttributeTallyResult } from './attribute-cube';

/**
 * What an import of answers adds to the pre-aggregates, collected as its answers are converted;
 * `writeAnswerTally` (aggregates.ts) stores it once the answers are written.
 */
const COLUMN = Object.fromEntries(FACT_COLUMNS.responses.map((name, index) => [name, index])) as Record<
  (typeof FACT_COLUMNS.responses)[number],
  number
>;

/** One response_cube row of this import, without its import_id. */
export interface CubeCell {
  values: FactValue[];
  n: number;
  first: string | null;
  last: string | null;
}

/** Everything the tally collected. */
export interface AnswerTallyResult {
  cells: CubeCell[];
  buckets: BucketLog;
  /** Null when another thread tallied it (writeLtrShare then writes it). */
  ltr: LtrGroupSource | null;
  attributes: AttributeTallyResult;
}

/** Customers' own segment and region, by customer id (an answer without its own takes these). */
export type CustomerSegments = Map<string, [segment: string | null, region: string | null]>;

type CubeNode = Map<FactValue, unknown>;

function step(node: CubeNode, value: FactValue): CubeNode {
  let next = node.get(value) as CubeNode | undefined;
  if (!next) {
    next = new Map();
    node.set(owned(value), next);
  }
  return next;
}

function owned(value: FactValue): FactValue {
  return typeof value === 'string' ? ownedKey(value) : value;
}

interface AnsweringCustomer {
  segment: string | null;
  region: string | null;
  index: number;
}

/**
 * Accumulates a new import's answers: cube counts in nested maps (a few thousand cells) and the
 * customer buckets' log. Strings it keeps are copied with ownedKey.
 */
export class AnswerTally {
  /** Nested maps, one level per cube dimension, down to the cells (also listed in `cells`). */
  private readonly cube: CubeNode = new Map();
  private readonly cells: CubeCell[] = [];
  private readonly buckets = new BucketLog();
  private readonly answering = new Map<string, AnsweringCustomer>();
  private readonly ltr: LtrTally | null;
  private readonly attributes = new AttributeTally();

  /** `ltrElsewhere`: the derived-importance share is tallied by the thread converting the answers. */
  constructor(
    private readonly customers: CustomerSegments,
    { ltrElsewhere = false }: { ltrElsewhere?: boolean } = {},
  ) {
    this.ltr = ltrElsewhere ? null : new LtrTally();
  }

  /** One answer, in FACT_COLUMNS.responses order. */
  add(fact: FactValue[]): void {
    const customerId = fact[COLUMN.customer_id] as string | null;
    const date = fact[COLUMN.responded_on] as string | null;
    let segment = fact[COLUMN.segment] as string | null;
    let region = fact[COLUMN.region] as string | null;
    // One map lookup per answer: the customer's segment, region and place in the bucket log.
    let customer: AnsweringCustomer | undefined;
    if (customerId !== null) {
      customer = this.answering.get(customerId);
      if (!customer) {
        const theirs = this.customers.get(customerId);
        const key = ownedKey(customerId);
        customer = {
          segment: theirs?.[0] ?? null,
          region: theirs?.[1] ?? null,
          index: this.buckets.customer(key),
        };
        this.answering.set(key, customer);
      }
      segment ??= customer.segment;
      region ??= customer.region;
    }
    const survey = fact[COLUMN.survey] as string;
    const score = fact[COLUMN.score] as number;
    const scaleMin = fact[COLUMN.scale_min] as number;
    const scaleMax = fact[COLUMN.scale_max] as number;
    this.buckets.add(
      customer ? customer.index : -1,
      survey,
      date,
      score,
      scaleMin,
      scaleMax,
      fact[COLUMN.segment],
      fact[COLUMN.region],
      fact[COLUMN.attributes],
    );
    this.attributes.add(fact[COLUMN.attributes] ?? null, this.count(fact, segment, region, date), date);
    if (this.ltr) talliedLtr(this.ltr, fact);
  }

  /** What was collected; the lookup maps are released (the writing allocates next). */
  result(): AnswerTallyResult {
    this.cube.clear();
    this.answering.clear();
    return { cells: this.cells, buckets: this.buckets, ltr: this.ltr, attributes: this.attributes.result() };
  }

  /**
   * Hot path (once per answer): one small map per dimension (no key string is built); the month as
   * a number from the date's digits. A cell's row is made once, when it is new.
   */
  private count(
    fact: FactValue[],
    segment: string | null,
    region: string | null,
    date: string | null,
  ): CubeCell {
    let node = step(this.cube, fact[COLUMN.survey] ?? null);
    node = step(node, fact[COLUMN.item] ?? null);
    node = step(node, fact[COLUMN.dimension] ?? null);
    node = step(node, fact[COLUMN.measure] ?? null);
    node = step(node, fact[COLUMN.touchpoint] ?? null);
    node = step(node, fact[COLUMN.channel] ?? null);
    node = step(node, segment);
    node = step(node, region);
    node = step(node, date === null ? null : monthIndex(date));
    node = step(node, fact[COLUMN.scale_min] ?? null);
    node = step(node, fact[COLUMN.scale_max] ?? null);
    const score = fact[COLUMN.score] ?? null;
    const cell = node.get(score) as CubeCell | undefined;
    if (cell) {
      cell.n += 1;
      if (date !== null) {
        if (cell.first === null || date < cell.first) cell.first = ownedKey(date);
        if (cell.last === null || date > cell.last) cell.last = ownedKey(date);
      }
      return cell;
    }
    const values: FactValue[] = [
      fact[COLUMN.survey] ?? null,
      fact[COLUMN.item] ?? null,
      fact[COLUMN.dimension] ?? null,
      fact[COLUMN.measure] ?? null,
      fact[COLUMN.touchpoint] ?? null,
      fact[COLUMN.channel] ?? null,
      segment,
      region,
      date === null ? null : date.slice(0, 7),
      fact[COLUMN.scale_min] ?? null,
      fact[COLUMN.scale_max] ?? null,
      score,
    ];
    const first = date === null ? null : ownedKey(date);
    const created: CubeCell = { values: values.map(owned), n: 1, first, last: first };
    node.set(score, created);
    this.cells.push(created);
    return created;
  }
}

/** Adds one answer (in FACT_COLUMNS.responses order) to a derived-importance tally. */
export function talliedLtr(ltr: LtrTally, fact: FactValue[]): void {
  ltr.add(
    fact[COLUMN.respondent_id] as string,
    fact[COLUMN.survey] as string,
    (fact[COLUMN.touchpoint] ?? null) as string | null,
    (fact[COLUMN.measure] ?? null) as string | null,
    fact[COLUMN.score] as number,
    fact[COLUMN.scale_min] as number,
    fact[COLUMN.scale_max] as number,
  );
}
