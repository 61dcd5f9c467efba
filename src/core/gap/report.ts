/** The gap report across touchpoints and journey stages, with Holm-adjusted p-values. */
import { holmAdjust } from './holm';
import { combineMoments, toMoments, type Moments, type SampleInput } from './moments';
import {
  gapFromMoments,
  MIN_STAFF_RESPONDENTS,
  SIGNIFICANCE_LEVEL,
  SMALL_SAMPLE_N,
  withAdjustedP,
  type GapResult,
} from './groupGap';
import { createTouchpointResolver, type TouchpointDefinition } from './touchpoints';

export type Side = 'internal' | 'customer';

/** Scores for one raw touchpoint name from one side, already on 0–100. */
export interface TouchpointSample {
  touchpoint: string;
  side: Side;
  scores: SampleInput;
}

export interface GapTableInput {
  touchpoints: readonly TouchpointDefinition[];
  samples: readonly TouchpointSample[];
  alpha?: number;
  minStaff?: number;
  smallSampleN?: number;
}

export interface TouchpointGapRow extends GapResult {
  touchpoint: string;
  journeyStage: string | null;
}

export interface StageGapRow extends GapResult {
  journeyStage: string;
  /** Touchpoints pooled into this stage (suppressed touchpoints are left out so they cannot be back-derived). */
  touchpoints: string[];
}

export interface GapTable {
  touchpoints: TouchpointGapRow[];
  stages: StageGapRow[];
  /** Raw names that matched no touchpoint or alias, with how many scores each carried. */
  unmatched: { name: string; side: Side; n: number }[];
  multipleTesting: {
    method: 'holm';
    alpha: number;
    touchpointsTested: number;
    stagesTested: number;
    note: string;
  };
}

const EMPTY: Moments = { n: 0, mean: 0, variance: 0 };

/**
 * Builds the report. Samples are matched to touchpoints through aliases; several raw names for one
 * touchpoint are pooled. Each family (touchpoints, stages) is Holm-adjusted separately; every cut with
 * a p-value counts in its family, small samples included (more conservative), but significance is only
 * claimed for cuts that are not small. Stage rows pool the ratings of their (unsuppressed) touchpoints,
 * so a respondent rating several touchpoints contributes several ratings.
 */
export function buildGapTable(input: GapTableInput): GapTable {
  const alpha = input.alpha ?? SIGNIFICANCE_LEVEL;
  const options = {
    alpha,
    minStaff: input.minStaff ?? MIN_STAFF_RESPONDENTS,
    smallSampleN: input.smallSampleN ?? SMALL_SAMPLE_N,
  };
  const resolver = createTouchpointResolver(input.touchpoints);
  const pooled = new Map<string, { internal: Moments; customer: Moments }>();
  for (const def of input.touchpoints) pooled.set(def.name, { internal: EMPTY, customer: EMPTY });
  const unmatched = new Map<string, { name: string; side: Side; n: number }>();

  for (const sample of input.samples) {
    const moments = toMoments(sample.scores);
    const name = resolver.resolve(sample.touchpoint);
    const entry = name === null ? undefined : pooled.get(name);
    if (!entry) {
      const key = `${sample.side}\u0000${sample.touchpoint}`;
      const seen = unmatched.get(key);
      if (seen) seen.n += moments.n;
      else unmatched.set(key, { name: sample.touchpoint, side: sample.side, n: moments.n });
      continue;
    }
    entry[sample.side] = combineMoments(entry[sample.side], moments);
  }

  const rawRows: TouchpointGapRow[] = input.touchpoints.map((def) => {
    const entry = pooled.get(def.name) ?? { internal: EMPTY, customer: EMPTY };
    return {
      touchpoint: def.name,
      journeyStage: def.journeyStage ?? null,
      ...gapFromMoments(entry.internal, entry.customer, options),
    };
  });
  const tpAdjusted = holmAdjust(rawRows.map((r) => r.pRaw));
  const rows = rawRows.map((r, i) => ({ ...r, ...withAdjustedP(r, tpAdjusted[i] ?? null, alpha) }));

  const stageOrder: string[] = [];
  const stagePools = new Map<string, { internal: Moments; customer: Moments; touchpoints: string[] }>();
  for (const row of rows) {
    if (row.journeyStage === null || row.suppressed) continue;
    const entry = pooled.get(row.touchpoint);
    if (!entry) continue;
    let stage = stagePools.get(row.journeyStage);
    if (!stage) {
      stage = { internal: EMPTY, customer: EMPTY, touchpoints: [] };
      stagePools.set(row.journeyStage, stage);
      stageOrder.push(row.journeyStage);
    }
    stage.internal = combineMoments(stage.internal, entry.internal);
    stage.customer = combineMoments(stage.customer, entry.customer);
    stage.touchpoints.push(row.touchpoint);
  }
  // Stages with all touchpoints suppressed still appear, suppressed.
  for (const row of rows) {
    if (row.journeyStage !== null && !stagePools.has(row.journeyStage)) {
      stagePools.set(row.journeyStage, { internal: EMPTY, customer: EMPTY, touchpoints: [] });
      stageOrder.push(row.journeyStage);
    }
  }
  const rawStages: StageGapRow[] = stageOrder.map((stageName) => {
    const s = stagePools.get(stageName) ?? { internal: EMPTY, customer: EMPTY, touchpoints: [] };
    return {
      journeyStage: stageName,
      touchpoints: s.touchpoints,
      ...gapFromMoments(s.internal, s.customer, options),
    };
  });
  const stAdjusted = holmAdjust(rawStages.map((r) => r.pRaw));
  const stages = rawStages.map((r, i) => ({ ...r, ...withAdjustedP(r, stAdjusted[i] ?? null, alpha) }));

  const touchpointsTested = tpAdjusted.filter((p) => p !== null).length;
  const stagesTested = stAdjusted.filter((p) => p !== null).length;
  return {
    touchpoints: rows,
    stages,
    unmatched: [...unmatched.values()],
    multipleTesting: {
      method: 'holm',
      alpha,
      touchpointsTested,
      stagesTested,
      note:
        touchpointsTested > 1
          ? `${touchpointsTested} touchpoints were tested at once, so p-values are Holm-adjusted; significance uses the adjusted p-value at ${alpha}.`
          : `Significance uses the p-value at ${alpha}.`,
    },
  };
}
