/** Expectation gap: staff beliefs vs customer ratings, touchpoint by touchpoint (DESIGN §7). */
export { normaliseScore, topBoxThreshold, isTopBox, type Scale } from '../domain/scale';
export {
  momentsFromValues,
  momentsFromSums,
  toMoments,
  combineMoments,
  normaliseMoments,
  type Moments,
  type SufficientStats,
  type SampleInput,
} from './moments';
export { welchTest, pooledDf, type WelchResult } from './welch';
export { holmAdjust } from './holm';
export {
  touchpointKey,
  createTouchpointResolver,
  type TouchpointDefinition,
  type TouchpointResolver,
} from './touchpoints';
export {
  gapForGroup,
  gapFromMoments,
  withAdjustedP,
  MIN_STAFF_RESPONDENTS,
  SMALL_SAMPLE_N,
  SIGNIFICANCE_LEVEL,
  SUPPRESSION_REASON,
  type GapResult,
  type GapStatus,
  type GapReading,
  type GapSide,
  type GapInterval,
  type GapOptions,
} from './groupGap';
export {
  buildGapTable,
  type GapTable,
  type GapTableInput,
  type TouchpointSample,
  type TouchpointGapRow,
  type StageGapRow,
  type Side,
} from './report';
export {
  wilsonInterval,
  countTopBox,
  countSuperior,
  topBoxHeadline,
  type TopBoxCount,
  type TopBoxShare,
  type TopBoxHeadline,
  type ProportionInterval,
} from './headline';
export {
  pearsonFromSums,
  correlationSums,
  derivedImportance,
  derivedImportanceFromRespondents,
  statedImportance,
  importanceMargin,
  importancePerformance,
  rankPriorities,
  averageRanks,
  internalIpa,
  MIN_CORRELATION_N,
  type RespondentRatings,
  type CorrelationSums,
  type ImportanceRow,
  type Quadrant,
  type QuadrantInput,
  type QuadrantRow,
  type QuadrantChart,
  type PriorityInput,
  type PriorityRow,
  type InternalIpa,
  type InternalIpaRow,
} from './importance';
export {
  servqual,
  servqualFromDimensionGaps,
  type ServqualItem,
  type ServqualItemGap,
  type ServqualDimensionGap,
  type ServqualResult,
  type ServqualReading,
  type ServqualWeights,
} from './servqual';
export {
  keyMessages,
  messageFor,
  supportOf,
  gapMessageItems,
  headlineMessage,
  gapKeyMessages,
  type MessageItem,
  type MessageInterval,
  type GapMessageContext,
  type Direction,
  type Cite,
  type KeyMessage,
  type KeyMessageOptions,
  type Support,
} from './messages';
