/**
 * Builds the BriefingPack for one period and filter from the engine's own results: the scorecard,
 * the gap report (same period and filter), the notes saved for the period and the imports.
 */
import { computeGapReport, createTouchpointResolver, type GapReportResult } from '../gap';
import {
  computeScorecard,
  npsCountsFromBuckets,
  npsFromCounts,
  parsePeriod,
  PeriodError,
  type Scorecard,
  type ScorecardKpi,
} from '../metrics';
import {
  customerNames,
  listImports,
  npsCountsByTouchpoint,
  readNotes,
  recentNpsComments,
  segmentValues,
  type Db,
  type PeriodScope,
} from '../store';
import { activeTouchpoints } from '../store/gap-queries';
import { readMetaValue, surveyBuckets } from '../store/scorecard-queries';
import { getSettings } from '../store/settings';
import { resolveFilters } from '../analysis/filters';
import type { Filters } from '../domain/filter';
import { formatterFor } from '../format';
import { createDeidentifier } from './deidentify';
import { keyMessages } from './messages';
import {
  PACK_SCHEMA,
  SECTIONS,
  type BriefingPack,
  type GapTouchpoint,
  type JourneyRow,
  type RevenueSection,
  type SectionId,
  type SegmentRow,
  type SeriesPoint,
  type TrendChart,
  type VoiceGroup,
} from './model';

export interface PackOptions {
  period?: string;
  filters?: Record<string, string>;
  appVersion: string;
  /** Sections the user switched off. */
  hidden?: readonly SectionId[];
}

const CHIP_IDS = ['nps', 'csat', 'ces', 'nrr', 'grr', 'logo-churn'];
const VOICE_TOUCHPOINTS = 3;

export function buildBriefingPack(db: Db, options: PackOptions): BriefingPack {
  const filters = options.filters ?? {};
  const scorecard = computeScorecard(db, { ...(options.period ? { period: options.period } : {}), filters });
  const period = scorecard.period;
  // A board pack of a period without data would be pages of dashes: refused, with the reason.
  if (period.coverage === 'no-data')
    throw new PeriodError(
      `There is no data for ${period.label} (the data ends ${scorecard.dataRange.last ?? 'earlier'}), so there is no pack to print for it.`,
    );
  const gap = computeGapReport(db, { period: period.label, filters });
  const settings = getSettings(db);
  const where = { locale: settings.locale, currency: settings.currency };
  const notes = readNotes(db, period.label);
  const resolved = resolveFilters(db, filters);
  const scope: PeriodScope = { start: period.start, endExclusive: period.endExclusive, filters: resolved };
  const byId = new Map(scorecard.kpis.map((k) => [k.id, k]));

  const gapSection = gapOf(gap);
  const pack: BriefingPack = {
    schema: PACK_SCHEMA,
    appVersion: options.appVersion,
    engagement: {
      name: scorecard.engagement.name ?? 'Engagement',
      client: readMetaValue(db, 'client'),
      preparedBy: readMetaValue(db, 'prepared_by'),
    },
    where,
    period: {
      label: period.label,
      display: period.display,
      description: period.description,
      partial: period.coverage === 'partial',
      prior: period.prior,
      lastYear: period.lastYear,
    },
    asOf: scorecard.asOf,
    filters: scorecard.filters.map(({ key, value }) => ({ key, value })),
    sections: [],
    summary: {
      messages: notes.messages
        ? notes.messages.map((m) => ({ ...m, edited: true }))
        : keyMessages(scorecard, gap, formatterFor(where)).map((m) => ({ ...m, edited: false })),
      chips: CHIP_IDS.map((id) => byId.get(id)).filter((k): k is ScorecardKpi => k !== undefined),
      decisions: notes.decisions,
    },
    scorecard: scorecard.kpis.filter((k) => k.group !== 'cx-revenue'),
    trends: trendsOf(db, scorecard, byId, settings.populationSize, resolved),
    journey: journeyOf(db, gap, scope),
    segments: segmentsOf(db, period.label, filters),
    revenue: revenueOf(scorecard),
    gap: gapSection,
    priorities:
      gap.priorities.some((p) => p.priority !== null) && gap.quadrant.crosshair
        ? { quadrant: gap.quadrant, rows: gap.priorities }
        : null,
    servqual: gap.servqual
      ? {
          dimensions: gap.servqual.dimensions,
          weighted: gap.servqual.weighted,
          unweighted: gap.servqual.unweighted,
        }
      : null,
    voice: voiceOf(db, gap, scope),
    actions: notes.actions,
    decisions: notes.decisions,
    methodology: methodologyOf(scorecard, gap),
    provenance: {
      imports: listImports(db).map((r) => ({
        id: r.id,
        fileName: r.fileName,
        sha256: r.sha256,
        kind: r.kind,
        rowsRead: r.rowsRead,
        rowsAccepted: r.rowsAccepted,
        rowsRejected: r.rowsRejected,
        importedAt: r.importedAt,
      })),
    },
  };
  pack.sections = sectionsOf(pack, options.hidden ?? []);
  return pack;
}

/** Why each section may be empty, as the methodology page lists it. */
const EMPTY_REASONS: Partial<Record<SectionId, string>> = {
  trends: 'Trends — no dated KPI series for this period',
  journey: 'Customer journey — no touchpoints with journey stages and scores',
  segments: 'Segments — no customer segments in the data',
  revenue: 'CX and revenue — needs revenue and NPS answers linked to customers',
  gap: 'Expectation gap — needs staff self-assessments and customer ratings per touchpoint',
  priorities: 'Priorities — needs importance and a gap per touchpoint',
  servqual: 'SERVQUAL — no SERVQUAL items imported',
  voice: 'Voice of the customer — no NPS comments for the priority touchpoints in this period',
  actions: 'Actions and decisions — none entered for this period',
};

function hasContent(pack: BriefingPack, id: SectionId): boolean {
  switch (id) {
    case 'trends':
      return pack.trends.length > 0;
    case 'journey':
      return pack.journey.length > 0;
    case 'segments':
      return pack.segments.length > 0;
    case 'revenue':
      return pack.revenue !== null;
    case 'gap':
      return pack.gap !== null;
    case 'priorities':
      return pack.priorities !== null;
    case 'servqual':
      return pack.servqual !== null && pack.servqual.dimensions.length > 0;
    case 'voice':
      return pack.voice.length > 0;
    case 'actions':
      return pack.actions.length > 0 || pack.decisions.length > 0;
    default:
      return true;
  }
}

function sectionsOf(pack: BriefingPack, hidden: readonly SectionId[]): SectionId[] {
  const shown: SectionId[] = [];
  for (const id of SECTIONS) {
    if (hidden.includes(id)) continue;
    if (hasContent(pack, id)) shown.push(id);
    else pack.methodology.notShown.push(EMPTY_REASONS[id] ?? id);
  }
  return shown;
}

function pointsOf(kpi: ScorecardKpi | undefined): SeriesPoint[] {
  return (kpi?.series ?? []).map((p) => ({ period: p.period, value: p.value }));
}

/**
 * NPS per series period with its 95% interval, from the same answer counts and formula as the
 * scorecard (the series only carries values).
 */
function npsBand(db: Db, scorecard: Scorecard, population: number | null, filters: Filters): SeriesPoint[] {
  const nps = scorecard.kpis.find((k) => k.id === 'nps');
  const periods = nps?.series ?? [];
  const first = periods[0]?.period;
  if (!nps || !first || periods.length === 0) return [];
  const buckets = surveyBuckets(db, null, filters);
  return periods.map((p) => {
    const months = new Set(
      parsePeriod(p.period, { fiscalStartMonth: scorecard.engagement.fiscalYearStart }).months,
    );
    const counts = npsCountsFromBuckets(buckets.filter((b) => b.month !== null && months.has(b.month)));
    const kpi = npsFromCounts(counts, { population });
    return {
      period: p.period,
      value: p.value,
      low: kpi.interval?.low ?? null,
      high: kpi.interval?.high ?? null,
    };
  });
}

function trendsOf(
  db: Db,
  scorecard: Scorecard,
  byId: Map<string, ScorecardKpi>,
  population: number | null,
  filters: Filters,
): TrendChart[] {
  const charts: TrendChart[] = [];
  const usable = (points: SeriesPoint[]) => points.filter((p) => p.value !== null).length >= 2;
  const nps = byId.get('nps');
  const band = npsBand(db, scorecard, population, filters);
  if (nps && usable(band))
    charts.push({
      id: 'nps',
      title: 'Net Promoter Score with its 95% interval',
      unit: 'points',
      lines: [{ label: 'NPS', points: band }],
      target: nps.target?.value ?? null,
      band: true,
    });
  const pair = (id: string, title: string, a: string, b: string) => {
    const first = byId.get(a);
    const second = byId.get(b);
    const lines = [first, second]
      .filter((k): k is ScorecardKpi => k !== undefined && usable(pointsOf(k)))
      .map((k) => ({ label: k.label, points: pointsOf(k) }));
    if (lines.length === 0) return;
    charts.push({ id, title, unit: 'percent', lines, target: first?.target?.value ?? null, band: false });
  };
  pair('revenue-retention', 'Net and gross revenue retention', 'nrr', 'grr');
  pair('retention', 'Customer retention and logo churn', 'customer-retention', 'logo-churn');
  return charts;
}

function journeyOf(db: Db, gap: GapReportResult, scope: PeriodScope): JourneyRow[] {
  const resolver = createTouchpointResolver(
    activeTouchpoints(db).map((t) => ({
      name: t.name,
      aliases: parseAliases(t.aliases),
      journeyStage: t.journeyStage,
    })),
  );
  const npsByStage = new Map<string, { promoters: number; passives: number; detractors: number }>();
  for (const row of npsCountsByTouchpoint(db, scope)) {
    const name = resolver.resolve(row.touchpoint);
    const stage = name ? resolver.definition(name)?.journeyStage : null;
    if (!stage) continue;
    const sum = npsByStage.get(stage) ?? { promoters: 0, passives: 0, detractors: 0 };
    sum.promoters += row.promoters;
    sum.passives += row.passives;
    sum.detractors += row.detractors;
    npsByStage.set(stage, sum);
  }
  return gap.stages.map((s) => {
    const counts = npsByStage.get(s.journeyStage);
    const nps = counts ? npsFromCounts(counts) : null;
    return {
      stage: s.journeyStage,
      touchpoints: s.touchpoints,
      customer: s.customer?.mean ?? null,
      staff: s.suppressed ? null : (s.internal?.mean ?? null),
      gap: s.gap,
      significant: s.significant,
      nps: nps?.value ?? null,
      npsN: counts ? counts.promoters + counts.passives + counts.detractors : 0,
      customerN: s.customer?.n ?? 0,
    };
  });
}

function parseAliases(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    // Tolerated legacy form: text separated by ; or |.
  }
  return text
    .split(/[;|]/)
    .map((a) => a.trim())
    .filter(Boolean);
}

function segmentsOf(db: Db, period: string, filters: Record<string, string>): SegmentRow[] {
  if (filters.segment) return [];
  return segmentValues(db).map((segment) => {
    const s = computeScorecard(db, { period, filters: { ...filters, segment }, seriesLength: 1 });
    const kpi = (id: string) => s.kpis.find((k) => k.id === id) ?? null;
    return { segment, nps: kpi('nps'), csat: kpi('csat'), churn: kpi('logo-churn'), nrr: kpi('nrr') };
  });
}

function revenueOf(scorecard: Scorecard): RevenueSection | null {
  const kpis = scorecard.kpis.filter((k) => k.group === 'cx-revenue');
  const find = (id: string) => kpis.find((k) => k.id === id) ?? null;
  const atRisk = find('revenue-at-risk');
  if (!atRisk || atRisk.status !== 'ok') return null;
  return {
    atRisk,
    accountWeighted: find('nps-account-weighted'),
    byClass: ['promoter', 'passive', 'detractor'].map((c) => ({
      npsClass: c,
      nrr: find(`nrr:${c}`),
      churn: find(`logo-churn:${c}`),
    })),
    bands: kpis.filter((k) => k.id.startsWith('nps:revenue-band')),
  };
}

function gapOf(gap: GapReportResult): BriefingPack['gap'] {
  const rows: GapTouchpoint[] = gap.touchpoints
    .map((t) => ({
      touchpoint: t.touchpoint,
      stage: t.journeyStage,
      staff: t.suppressed ? null : (t.internal?.mean ?? null),
      customer: t.customer?.mean ?? null,
      staffN: t.internal?.n ?? 0,
      customerN: t.customer?.n ?? 0,
      gap: t.gap,
      low: t.interval?.lower ?? null,
      high: t.interval?.upper ?? null,
      significant: t.significant,
      smallSample: t.smallSample,
      suppressed: t.suppressed,
      reason: t.reason,
    }))
    .sort((a, b) => (b.gap ?? -Infinity) - (a.gap ?? -Infinity));
  if (!rows.some((r) => r.gap !== null) && gap.headline.suppressed) return null;
  return {
    headline: gap.headline.suppressed ? null : gap.headline,
    touchpoints: rows,
    multipleTesting: gap.multipleTesting?.note ?? null,
  };
}

/** Two recent detractor comments and one promoter comment for each top priority touchpoint. */
function voiceOf(db: Db, gap: GapReportResult, scope: PeriodScope): VoiceGroup[] {
  const top = gap.priorities
    .filter((p) => p.rank !== null && (p.priority ?? 0) > 0)
    .slice(0, VOICE_TOUCHPOINTS)
    .map((p) => p.touchpoint);
  if (top.length === 0) return [];
  const resolver = createTouchpointResolver(
    activeTouchpoints(db).map((t) => ({ name: t.name, aliases: parseAliases(t.aliases) })),
  );
  const deidentify = createDeidentifier(customerNames(db));
  const groups = new Map(top.map((t) => [t, { touchpoint: t, comments: [] as VoiceGroup['comments'] }]));
  for (const c of recentNpsComments(db, scope)) {
    const name = resolver.definitions.length ? resolver.resolve(c.touchpoint) : c.touchpoint;
    const group = name ? groups.get(name) : undefined;
    if (!group) continue;
    const kind = c.score >= 9 ? 'promoter' : c.score <= 6 ? 'detractor' : null;
    if (!kind) continue;
    const wanted = kind === 'detractor' ? 2 : 1;
    if (group.comments.filter((x) => x.kind === kind).length >= wanted) continue;
    group.comments.push({ text: deidentify(c.comment), score: c.score, date: c.respondedOn, kind });
  }
  return [...groups.values()]
    .filter((g) => g.comments.length > 0)
    .map((g) => ({
      ...g,
      comments: g.comments.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'detractor' ? -1 : 1)),
    }));
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function methodologyOf(scorecard: Scorecard, gap: GapReportResult): BriefingPack['methodology'] {
  const seen = new Set<string>();
  const definitions = scorecard.kpis
    .filter((k) => {
      const base = k.id.split(':')[0] ?? k.id;
      if (seen.has(base)) return false;
      seen.add(base);
      return true;
    })
    .map((k) => ({
      term: k.id.includes(':') ? (k.label.split(' — ')[0] ?? k.label) : k.label,
      text: [k.definition, k.scale ? `Scale ${k.scale}.` : '', k.basis ? `${capitalised(k.basis)}.` : '']
        .filter(Boolean)
        .join(' '),
    }));
  gap.metadata.definitions.forEach((sentence, i) => {
    // "Interval: 95% Welch …" names its own term; the rest read as one block under "Expectation gap".
    const named = /^([A-Z][^:.=]{2,30}): (.+)$/.exec(sentence);
    if (named) definitions.push({ term: named[1] as string, text: named[2] as string });
    else definitions.push({ term: i === 0 ? 'Expectation gap' : '', text: sentence });
  });
  definitions.push({
    term: 'Change and significance',
    text: 'Changes are against the prior period and the same period last year. A change is marked significant when the 95% interval of the difference excludes 0 (NPS: difference of two NPS; shares: two-proportion test; means: Welch t test). RAG: On target meets the target, Watch misses it by no more than the amber tolerance, Off target misses it by more.',
  });
  return {
    definitions,
    notes: [
      ...scorecard.notes,
      ...gap.metadata.notes,
      ...(gap.multipleTesting?.note ? [gap.multipleTesting.note] : []),
    ],
    notShown: [],
    churnBasis: scorecard.churnBasis,
  };
}
