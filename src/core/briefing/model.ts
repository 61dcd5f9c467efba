/**
 * The BriefingPack: everything a board pack shows for one period and filter, as plain data (JSON
 * across the process boundary). The report view renders this and nothing else, so the on-screen
 * preview, the PDF and later exports show the same figures.
 */
import type { GapHeadline, ScorecardKpi } from '../analysis';
import type { PriorityRow, QuadrantChart, ServqualDimensionGap } from '../gap';
import type { Action, NoteCite } from '../store';

export const PACK_SCHEMA = 'cxbrief.pack/1';

export const SECTIONS = [
  'summary',
  'scorecard',
  'trends',
  'journey',
  'segments',
  'revenue',
  'gap',
  'priorities',
  'servqual',
  'voice',
  'actions',
  'methodology',
  'provenance',
] as const;
export type SectionId = (typeof SECTIONS)[number];

export interface KeyMessage {
  text: string;
  /** The figures the sentence states, each traceable to a scorecard KPI or gap row. */
  cites: NoteCite[];
  /** True when the user edited the messages of this period (saved in the engagement). */
  edited: boolean;
}

export interface SeriesPoint {
  period: string;
  value: number | null;
  low?: number | null;
  high?: number | null;
}

export interface TrendChart {
  id: string;
  title: string;
  unit: ScorecardKpi['unit'];
  lines: { label: string; points: SeriesPoint[] }[];
  target: number | null;
  /** Whether the first line carries a 95% interval band. */
  band: boolean;
}

export interface JourneyRow {
  stage: string;
  touchpoints: string[];
  customer: number | null;
  staff: number | null;
  gap: number | null;
  significant: boolean | null;
  nps: number | null;
  npsN: number;
  customerN: number;
}

export interface SegmentRow {
  segment: string;
  nps: ScorecardKpi | null;
  csat: ScorecardKpi | null;
  churn: ScorecardKpi | null;
  nrr: ScorecardKpi | null;
}

export interface RevenueSection {
  atRisk: ScorecardKpi | null;
  accountWeighted: ScorecardKpi | null;
  byClass: { npsClass: string; nrr: ScorecardKpi | null; churn: ScorecardKpi | null }[];
  bands: ScorecardKpi[];
}

export interface GapTouchpoint {
  touchpoint: string;
  stage: string | null;
  staff: number | null;
  customer: number | null;
  staffN: number;
  customerN: number;
  gap: number | null;
  low: number | null;
  high: number | null;
  significant: boolean | null;
  smallSample: boolean;
  suppressed: boolean;
  reason: string | null;
}

export interface VoiceComment {
  text: string;
  score: number;
  date: string | null;
  kind: 'detractor' | 'promoter';
}

export interface VoiceGroup {
  touchpoint: string;
  comments: VoiceComment[];
}

export interface ImportUsed {
  id: number;
  fileName: string;
  sha256: string;
  kind: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  importedAt: string;
}

export interface Definition {
  term: string;
  text: string;
}

export interface BriefingPack {
  schema: typeof PACK_SCHEMA;
  appVersion: string;
  engagement: { name: string; client: string | null; preparedBy: string | null };
  where: { locale: string; currency: string };
  period: {
    label: string;
    display: string;
    description: string;
    partial: boolean;
    prior: string | null;
    lastYear: string | null;
  };
  /** Latest dated fact (never the clock). */
  asOf: string | null;
  filters: { key: string; value: string }[];
  /** The sections printed, in order; a section without data is not listed (see methodology.notShown). */
  sections: SectionId[];
  summary: { messages: KeyMessage[]; chips: ScorecardKpi[]; decisions: string[] };
  scorecard: ScorecardKpi[];
  trends: TrendChart[];
  journey: JourneyRow[];
  segments: SegmentRow[];
  revenue: RevenueSection | null;
  gap: {
    headline: GapHeadline | null;
    touchpoints: GapTouchpoint[];
    multipleTesting: string | null;
  } | null;
  priorities: { quadrant: QuadrantChart; rows: PriorityRow[] } | null;
  servqual: { dimensions: ServqualDimensionGap[]; weighted: number | null; unweighted: number | null } | null;
  voice: VoiceGroup[];
  actions: Action[];
  decisions: string[];
  methodology: {
    definitions: Definition[];
    notes: string[];
    notShown: string[];
    churnBasis: string | null;
  };
  provenance: { imports: ImportUsed[] };
}
