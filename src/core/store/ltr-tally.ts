/**
 * The derived-importance share of a new import, collected as its answers are converted, so the
 * sums need no sorted pass over the answers just written. Per answer it keeps 9 bytes (its
 * respondent's index, its touchpoint's code, its scale's code and its integer score); at the end it
 * gives, per respondent, the same groups as the SQL pass in ltr-sums.ts (one likelihood-to-recommend
 * group with touchpoint null, one group per touchpoint rated).
 *
 * Memory is bounded: a file with more respondents or answers than the limits gives up its tally
 * (`groups()` is then null) and the SQL pass runs instead.
 */
import { ownedKey } from './owned-key';
import { SeenKeys } from './seen-keys';
import { groupByKey, grownTo, release } from './typed-arrays';

/** [respondent, touchpoint (null: likelihood to recommend), answers, Σ score, Σ score²], scores on 0–100. */
export type LtrGroup = [respondent: string, touchpoint: string | null, n: number, sum: number, sumSq: number];

/**
 * Groups as they cross a thread boundary, in typed arrays that are moved, not copied: ids once
 * each with their number of groups, then per group its touchpoint's index (−1: likelihood to
 * recommend), n, Σ and Σ² (22 bytes a group; as tuples, the 800k groups of a million answers cost
 * the receiving thread about 70 MB and 0.4 s to rebuild from a structured clone).
 */
export interface PackedLtrGroups {
  respondents: string[];
  groupCounts: Uint16Array;
  touchpoints: string[];
  touchpoint: Int16Array;
  n: Uint32Array;
  /** Σ and Σ² of each group, side by side. */
  sums: Float64Array;
}

/** Where writeAnswerTally takes an import's derived-importance share from. */
export interface LtrGroupSource {
  /** The groups, respondents in order of their id; null when the tally gave up (the SQL pass counts). */
  groups(): Iterable<LtrGroup> | null;
}

/** The groups a tally packed in another thread (LtrTally.packedChunks), or its giving up (null). */
export function packedLtrSource(packed: PackedLtrGroups | null): LtrGroupSource {
  return { groups: () => (packed ? unpacked(packed) : null) };
}

/** The buffers to move with a message carrying `packed`. */
export function packedBuffers(packed: PackedLtrGroups): ArrayBuffer[] {
  return [packed.groupCounts, packed.touchpoint, packed.n, packed.sums].map((a) => a.buffer as ArrayBuffer);
}

function* packed(
  groups: Iterable<LtrGroup>,
  touchpoints: string[],
  respondentsPerChunk: number,
): Generator<PackedLtrGroups> {
  const touchpointIndex = new Map(touchpoints.map((name, index) => [name, index]));
  let chunk = emptyChunk(touchpoints, respondentsPerChunk);
  let length = 0;
  for (const [respondent, touchpoint, n, sum, sumSq] of groups) {
    let ids = chunk.respondents;
    if (ids[ids.length - 1] !== respondent) {
      if (ids.length === respondentsPerChunk) {
        yield trimmed(chunk, length);
        [chunk, length] = [emptyChunk(touchpoints, respondentsPerChunk), 0];
        ids = chunk.respondents;
      }
      ids.push(respondent);
    }
    if (length === chunk.n.length) {
      chunk.touchpoint = grownTo(chunk.touchpoint, new Int16Array(2 * length));
      chunk.n = grownTo(chunk.n, new Uint32Array(2 * length));
      chunk.sums = grownTo(chunk.sums, new Float64Array(4 * length));
    }
    const counts = chunk.groupCounts;
    counts[ids.length - 1] = (counts[ids.length - 1] as number) + 1;
    chunk.touchpoint[length] = touchpoint === null ? -1 : (touchpointIndex.get(touchpoint) as number);
    chunk.n[length] = n;
    chunk.sums[2 * length] = sum;
    chunk.sums[2 * length + 1] = sumSq;
    length += 1;
  }
  if (length > 0) yield trimmed(chunk, length);
}

function emptyChunk(touchpoints: string[], respondents: number): PackedLtrGroups {
  const groups = 4 * respondents;
  return {
    respondents: [],
    groupCounts: new Uint16Array(respondents),
    touchpoints,
    touchpoint: new Int16Array(groups),
    n: new Uint32Array(groups),
    sums: new Float64Array(2 * groups),
  };
}

/** The chunk with arrays as long as its content: a moved buffer goes whole, slack included. */
function trimmed(chunk: PackedLtrGroups, length: number): PackedLtrGroups {
  const result = {
    ...chunk,
    groupCounts: chunk.groupCounts.slice(0, chunk.respondents.length),
    touchpoint: chunk.touchpoint.slice(0, length),
    n: chunk.n.slice(0, length),
    sums: chunk.sums.slice(0, 2 * length),
  };
  for (const array of [chunk.groupCounts, chunk.touchpoint, chunk.n, chunk.sums]) release(array);
  return result;
}

function* unpacked(packed: PackedLtrGroups): Generator<LtrGroup> {
  const { respondents, groupCounts, touchpoints, touchpoint, n, sums } = packed;
  let group = 0;
  for (let r = 0; r < respondents.length; r += 1) {
    const respondent = respondents[r] as string;
    for (const end = group + (groupCounts[r] as number); group < end; group += 1) {
      const code = touchpoint[group] as number;
      yield [
        respondent,
        code < 0 ? null : (touchpoints[code] as string),
        n[group] as number,
        sums[2 * group] as number,
        sums[2 * group + 1] as number,
      ];
    }
  }
}

export interface LtrTallyLimits {
  respondents: number;
  answers: number;
}

/** About 20 MB at most: 256k respondent keys and 1.5M answers of 9 bytes. */
const LIMITS: LtrTallyLimits = { respondents: 262_144, answers: 1_572_864 };

const RECOMMEND = -1;

export class LtrTally implements LtrGroupSource {
  /** Respondent ids as bytes in one arena (a Map of 200k id strings cost 16 MB and collector time). */
  private respondents = new SeenKeys();
  private readonly touchpointIndex = new Map<string, number>();
  private readonly touchpoints: string[] = [];
  /** Scales seen, [min, max], by code. */
  private readonly scales: Array<[number, number]> = [];
  // Per answer 9 bytes: its respondent, touchpoint code, scale code and integer score (the score on
  // 0–100 is computed when grouping, with the SQL's operations rather than domain/scale's
  // normaliseScore, whose order of operations differs in the last bit). A score that is not a
  // small integer, or more than 255 scales or 32,767 touchpoints, gives the tally up.
  private owner = new Int32Array(4096);
  private touchpoint = new Int16Array(4096);
  private scale = new Uint8Array(4096);
  private score = new Int16Array(4096);
  private length = 0;
  private overflowed = false;

  constructor(private readonly limits: LtrTallyLimits = LIMITS) {}

  /**
   * One answer. Counted as in ltr-sums.ts (the tests compare the two): a rating is any answer but NPS with a touchpoint and
   * not a SERVQUAL expectation; a likelihood-to-recommend answer is an NPS answer; both on a scale
   * with some width.
   */
  add(
    respondent: string,
    survey: string,
    touchpoint: string | null,
    measure: string | null,
    score: number,
    scaleMin: number,
    scaleMax: number,
  ): void {
    if (this.overflowed || !(scaleMax > scaleMin)) return;
    let code: number;
    if (survey === 'nps') code = RECOMMEND;
    else if (touchpoint !== null && measure !== 'expectation') code = this.touchpointCode(touchpoint);
    else return;
    const owner = this.respondentCode(respondent);
    const scale = this.scaleCode(scaleMin, scaleMax);
    const compact = Number.isInteger(score) && score >= -32768 && score <= 32767 && code < 32767;
    if (owner < 0 || scale < 0 || !compact || this.length === this.limits.answers) return this.giveUp();
    if (this.length === this.owner.length) this.grow();
    this.owner[this.length] = owner;
    this.touchpoint[this.length] = code;
    this.scale[this.length] = scale;
    this.score[this.length] = score;
    this.length += 1;
  }

  /** The groups, respondents in order of their id; null when the limits were passed. */
  groups(): Iterable<LtrGroup> | null {
    if (this.overflowed) return null;
    return this.ordered();
  }

  /**
   * The groups packed to be sent to another thread (see PackedLtrGroups), `respondents` at a time,
   * so the packing never holds all of them; null as groups().
   */
  packedChunks(respondents = 16_384): Generator<PackedLtrGroups> | null {
    const groups = this.groups();
    return groups ? packed(groups, this.touchpoints.slice(), respondents) : null;
  }

  private *ordered(): Generator<LtrGroup> {
    const respondents = this.respondents;
    const respondentCount = respondents.size;
    const { starts, entries: byRespondent } = groupByKey(this.owner, this.length, respondentCount);
    release(this.owner);
    const order = Int32Array.from({ length: respondentCount }, (_, r) => r);
    order.sort((a, b) => respondents.compare(a, b));
    // Per touchpoint (slot 0: likelihood to recommend): n, Σ, Σ², and which slots a respondent used.
    const slots = this.touchpoints.length + 1;
    const n = new Float64Array(slots);
    const sum = new Float64Array(slots);
    const sumSq = new Float64Array(slots);
    const used: number[] = [];
    for (const r of order) {
      const id = respondents.key(r);
      for (let k = starts[r] as number; k < (starts[r + 1] as number); k += 1) {
        const i = byRespondent[k] as number;
        const slot = (this.touchpoint[i] as number) + 1;
        const scale = this.scales[this.scale[i] as number] as [number, number];
        const x = (((this.score[i] as number) - scale[0]) * 100.0) / (scale[1] - scale[0]);
        if (n[slot] === 0) used.push(slot);
        n[slot] = (n[slot] as number) + 1;
        sum[slot] = (sum[slot] as number) + x;
        sumSq[slot] = (sumSq[slot] as number) + x * x;
      }
      used.sort((a, b) => a - b);
      for (const slot of used) {
        const touchpoint = slot === 0 ? null : (this.touchpoints[slot - 1] as string);
        yield [id, touchpoint, n[slot] as number, sum[slot] as number, sumSq[slot] as number];
        n[slot] = 0;
        sum[slot] = 0;
        sumSq[slot] = 0;
      }
      used.length = 0;
    }
    for (const array of [starts, byRespondent, order]) release(array);
    this.release();
  }

  private respondentCode(respondent: string): number {
    const next = this.respondents.size;
    const code = this.respondents.firstSeen(respondent, next);
    if (code !== undefined) return code;
    return next < this.limits.respondents ? next : -1;
  }

  private scaleCode(min: number, max: number): number {
    const scales = this.scales;
    for (let code = 0; code < scales.length; code += 1) {
      const scale = scales[code] as [number, number];
      if (scale[0] === min && scale[1] === max) return code;
    }
    if (scales.length === 256) return -1;
    scales.push([min, max]);
    return scales.length - 1;
  }

  private touchpointCode(touchpoint: string): number {
    let code = this.touchpointIndex.get(touchpoint);
    if (code === undefined) {
      code = this.touchpoints.length;
      const key = ownedKey(touchpoint);
      this.touchpoints.push(key);
      this.touchpointIndex.set(key, code);
    }
    return code;
  }

  private grow(): void {
    const size = Math.min(this.owner.length * 2, this.limits.answers);
    this.owner = grownTo(this.owner, new Int32Array(size));
    this.touchpoint = grownTo(this.touchpoint, new Int16Array(size));
    this.scale = grownTo(this.scale, new Uint8Array(size));
    this.score = grownTo(this.score, new Int16Array(size));
  }

  /** Past the limits: everything is released and the SQL pass will count instead. */
  private giveUp(): void {
    this.overflowed = true;
    this.release();
  }

  private release(): void {
    this.respondents.clear();
    for (const array of [this.owner, this.touchpoint, this.scale, this.score]) release(array);
    this.length = 0;
  }
}
