/**
 * One slide (or more, when a table pages) per pack section, in the pack's order. Every number is
 * written by the presentation module; charts are native and carry the pack's numbers; speaker notes
 * give each number's definition, n and interval.
 */
import type PptxGenJS from 'pptxgenjs';
import type { BriefingPack, SectionId } from '../briefing';
import type { ScorecardKpi } from '../metrics';
import { kpiCells, RAG_LABEL, signWord, SIGNIFICANCE_NOTE } from '../format';
import {
  addBarChart,
  addIntervalChart,
  addLineChart,
  addQuadrantChart,
  COLORS,
  type Series,
} from './deck-charts';
import {
  addTable,
  BODY,
  chartFrame,
  FONT,
  pagedTableSlides,
  RAG_FILL,
  sectionSlide,
  type Cell,
  type Deck,
} from './deck';
import { revenueKpis } from './pack-figures';

const SMALL_N = 30;
const text = (t: string, more: Partial<Cell> = {}): Cell => ({ text: t, ...more });

function kpiNote(deck: Deck, kpi: ScorecardKpi): string {
  const c = kpiCells(kpi, deck.f);
  if (kpi.status !== 'ok') return `${kpi.label}: no value — ${c.note}. ${kpi.definition}`;
  return `${kpi.label}: ${c.value} (n = ${c.n}; 95% interval ${c.interval}). ${kpi.definition}${c.note ? ` Basis: ${c.note}.` : ''}`;
}

function bullets(slide: PptxGenJS.Slide, lines: string[], box: typeof BODY, fontSize = 14): void {
  if (lines.length === 0) return;
  slide.addText(
    lines.map((line) => ({ text: line, options: { bullet: true, breakLine: true } })),
    { ...box, fontFace: FONT, fontSize, color: COLORS.ink, valign: 'top', paraSpaceAfter: 6, fit: 'shrink' },
  );
}

export function coverSlide(deck: Deck): void {
  const { pack } = deck;
  const slide = deck.pptx.addSlide();
  const lines = [
    pack.engagement.client ?? '',
    `${pack.period.description} (${pack.period.label})${pack.period.partial ? ' — partial period' : ''}`,
    `Data as of ${pack.asOf ?? '—'}`,
    pack.filters.length > 0
      ? `Filtered to ${pack.filters.map((x) => `${x.key} = ${x.value}`).join(', ')}`
      : '',
    'Confidential — prepared for the board',
    `Prepared by ${pack.engagement.preparedBy ?? 'the Customer Experience office'} with CX Brief ${pack.appVersion}`,
  ].filter(Boolean);
  slide.addText('Board pack · Customer experience', {
    x: 0.8,
    y: 1.2,
    w: 11.7,
    h: 0.4,
    fontFace: FONT,
    fontSize: 14,
    color: COLORS.muted,
  });
  slide.addText(pack.engagement.name, {
    x: 0.8,
    y: 1.7,
    w: 11.7,
    h: 1.2,
    fontFace: FONT,
    fontSize: 36,
    bold: true,
    color: COLORS.ink,
  });
  slide.addText(lines.join('\n'), {
    x: 0.8,
    y: 3.1,
    w: 11.7,
    h: 2.6,
    fontFace: FONT,
    fontSize: 16,
    color: COLORS.ink,
    valign: 'top',
  });
  const hashes = pack.provenance.imports.map((i) => `#${i.id} ${i.sha256.slice(0, 12)}`).join(' · ');
  slide.addText(`CX Brief ${pack.appVersion} · imports (sha256): ${hashes || 'none'}`, {
    x: 0.8,
    y: 6.2,
    w: 11.7,
    h: 0.5,
    fontFace: FONT,
    fontSize: 9,
    color: COLORS.muted,
  });
  slide.addNotes(
    `Board pack for ${pack.period.display}, data as of ${pack.asOf ?? 'no dated data'}. Imports used (sha256): ${pack.provenance.imports.map((i) => `${i.fileName} ${i.sha256}`).join('; ')}.`,
  );
  deck.slides.push(slide);
}

function summary(deck: Deck): void {
  const { pack, f } = deck;
  const slide = sectionSlide(deck, 'summary');
  bullets(
    slide,
    pack.summary.messages.map((m) => m.text),
    { x: BODY.x, y: BODY.y, w: 7.4, h: 3.6 },
  );
  addTable(
    slide,
    { x: 8.1, y: BODY.y, w: 4.75, h: 3.6 },
    [
      { head: 'KPI', width: 4 },
      { head: 'Value', width: 2, align: 'right' },
      { head: 'Status', width: 2 },
      { head: `vs ${pack.period.prior ?? 'prior'}`, width: 2, align: 'right' },
    ],
    pack.summary.chips.map((k) => {
      const c = kpiCells(k, f);
      return [
        text(k.label),
        text(c.value, { bold: true }),
        text(c.rag, k.rag ? { fill: RAG_FILL[k.rag] } : {}),
        text(c.vsPrior),
      ];
    }),
    9,
  );
  if (pack.summary.decisions.length > 0) {
    slide.addText('Decisions requested', {
      x: BODY.x,
      y: 5.3,
      w: BODY.w,
      h: 0.35,
      fontFace: FONT,
      fontSize: 13,
      bold: true,
    });
    bullets(slide, pack.summary.decisions, { x: BODY.x, y: 5.65, w: BODY.w, h: 1.3 }, 12);
  }
  slide.addNotes(
    [
      ...pack.summary.messages.map(
        (m) => `${m.text} Cites: ${m.cites.map((c) => `${c.metric} n = ${f.count(c.n)}`).join(', ')}.`,
      ),
      ...pack.summary.chips.map((k) => kpiNote(deck, k)),
      SIGNIFICANCE_NOTE,
    ].join('\n'),
  );
}

function scorecard(deck: Deck): void {
  const { pack, f } = deck;
  pagedTableSlides(
    deck,
    'scorecard',
    [
      { head: 'KPI', width: 5 },
      { head: 'Value', width: 2.2, align: 'right' },
      { head: 'Target', width: 2, align: 'right' },
      { head: 'Status', width: 2 },
      { head: `vs ${pack.period.prior ?? 'prior'}`, width: 2, align: 'right' },
      { head: `vs ${pack.period.lastYear ?? 'last year'}`, width: 2, align: 'right' },
      { head: 'n', width: 1.5, align: 'right' },
      { head: '95% interval', width: 3, align: 'right' },
      { head: 'Basis or what would unlock it', width: 5 },
    ],
    pack.scorecard,
    {
      perPage: 10,
      fontSize: 9,
      cells: (k) => {
        const c = kpiCells(k, f);
        return [
          text(k.label),
          text(c.value, { bold: true }),
          text(c.target),
          text(c.rag, k.rag ? { fill: RAG_FILL[k.rag] } : {}),
          text(c.vsPrior),
          text(c.vsLastYear),
          text(c.n),
          text(c.interval),
          text(c.note),
        ];
      },
      notes: (rows) => [...rows.map((k) => kpiNote(deck, k)), SIGNIFICANCE_NOTE].join('\n'),
    },
  );
}

function trends(deck: Deck): void {
  const { pack, f } = deck;
  const slide = sectionSlide(deck, 'trends');
  const notes: string[] = [];
  pack.trends.forEach((chart, i) => {
    const box =
      i === 0
        ? { x: BODY.x, y: BODY.y, w: BODY.w, h: 2.9 }
        : { x: BODY.x + ((i - 1) * BODY.w) / 2, y: BODY.y + 3.0, w: BODY.w / 2 - 0.1, h: 2.45 };
    const periods = chart.lines[0]?.points.map((p) => p.period) ?? [];
    const lines: Series[] = chart.lines.map((l) => ({
      name: l.label,
      labels: periods,
      values: l.points.map((p) => p.value ?? Number.NaN),
    }));
    if (chart.target !== null)
      lines.push({
        name: `Target ${f.value(chart.unit, chart.target)}`,
        labels: periods,
        values: periods.map(() => chart.target as number),
      });
    const colors = [COLORS.customer, COLORS.second, COLORS.target].slice(
      0,
      lines.length - (chart.target !== null ? 1 : 0),
    );
    if (chart.target !== null) colors.push(COLORS.target);
    const first = chart.lines[0];
    if (chart.band && first) {
      // Every period, so the bars line up with the lines; a period without an interval stays blank.
      const intervals = first.points.map((p) => ({
        label: p.period,
        low: p.low ?? null,
        high: p.high ?? null,
      }));
      addIntervalChart(chartFrame(deck, slide, box), intervals, lines, chart.unit, {
        colors,
        title: chart.title,
      });
    } else addLineChart(chartFrame(deck, slide, box), lines, chart.unit, { colors, title: chart.title });
    for (const line of chart.lines)
      notes.push(
        `${chart.title} — ${line.label}: ${line.points
          .map(
            (p) =>
              `${p.period} ${f.value(chart.unit, p.value)}${p.low != null && p.high != null ? ` (95% interval ${f.interval(chart.unit, { low: p.low, high: p.high })})` : ''}`,
          )
          .join('; ')}.`,
      );
  });
  const defined = new Set(pack.trends.flatMap((t) => t.lines.map((l) => l.label)));
  for (const k of pack.scorecard) if (defined.has(k.label)) notes.push(`${k.label}: ${k.definition}`);
  slide.addNotes(notes.join('\n'));
}

function journey(deck: Deck): void {
  const { pack, f } = deck;
  const slide = sectionSlide(deck, 'journey');
  addTable(
    slide,
    { x: BODY.x, y: BODY.y, w: BODY.w, h: 2.4 },
    [
      { head: 'Stage', width: 2 },
      { head: 'Touchpoints', width: 4 },
      { head: 'Customer score (n)', width: 2.2, align: 'right' },
      { head: 'Staff score', width: 1.6, align: 'right' },
      { head: 'Gap (staff − customers)', width: 2.2, align: 'right' },
      { head: 'NPS (n)', width: 2.2, align: 'right' },
    ],
    pack.journey.map((r) => [
      text(r.stage, { bold: true }),
      text(r.touchpoints.join(', ')),
      text(`${f.value('score100', r.customer)} (n = ${f.count(r.customerN)})`),
      text(r.staff === null ? 'withheld' : f.value('score100', r.staff)),
      text(
        r.gap === null
          ? f.value('score100', null)
          : `${f.change('score100', r.gap, r.significant)} ${signWord(r.gap, 'staff-minus-customers')}`,
        {
          ...(r.gap !== null && r.gap > 0 ? { fill: RAG_FILL.amber } : {}),
        },
      ),
      text(
        r.nps === null
          ? 'not asked'
          : `${f.value('points', r.nps)} (n = ${f.count(r.npsN)})${r.npsN < SMALL_N ? ' small sample' : ''}`,
      ),
    ]),
    10,
  );
  const rows = pack.journey.filter((r) => r.customer !== null || r.staff !== null);
  const labels = rows.map((r) => r.stage);
  addBarChart(
    chartFrame(deck, slide, { x: BODY.x, y: BODY.y + 2.55, w: BODY.w, h: 2.9 }),
    [
      { name: 'Customers', labels, values: rows.map((r) => r.customer ?? Number.NaN) },
      { name: 'Staff', labels, values: rows.map((r) => r.staff ?? Number.NaN) },
    ],
    'score100',
    { colors: [COLORS.customer, COLORS.staff] },
  );
  slide.addNotes(
    [
      'Scores on 0–100: (x − min) / (max − min) · 100. Gap = staff − customers; positive = staff overrate (a shortfall for customers). * significant at 95%. Staff cuts under 5 respondents are withheld.',
      ...pack.journey.map(
        (r) =>
          `${r.stage}: customers ${f.value('score100', r.customer)} (n = ${f.count(r.customerN)}), staff ${r.staff === null ? 'withheld' : f.value('score100', r.staff)}, gap ${f.change('score100', r.gap, r.significant)}, NPS ${f.value('points', r.nps)} (n = ${f.count(r.npsN)}).`,
      ),
    ].join('\n'),
  );
}

function withN(deck: Deck, kpi: ScorecardKpi | null): string {
  if (!kpi) return deck.f.value('points', null);
  const c = kpiCells(kpi, deck.f);
  const small = kpi.n !== null && kpi.n < SMALL_N ? ' small sample' : '';
  return kpi.status === 'ok' ? `${c.value} (n = ${c.n})${small}` : c.value;
}

function segments(deck: Deck): void {
  const { pack } = deck;
  const slide = sectionSlide(deck, 'segments');
  const rated = pack.segments.filter((s) => s.nps?.status === 'ok' && s.nps.value !== null);
  const labels = rated.map((s) => s.segment);
  addBarChart(
    chartFrame(deck, slide, { x: BODY.x, y: BODY.y, w: 5.6, h: BODY.h }),
    [{ name: 'NPS', labels, values: rated.map((s) => s.nps?.value as number) }],
    'points',
    { colors: [COLORS.customer], title: 'NPS by segment' },
  );
  addTable(
    slide,
    { x: 6.3, y: BODY.y, w: 6.6, h: BODY.h },
    [
      { head: 'Segment', width: 2.4 },
      { head: 'NPS', width: 2.4, align: 'right' },
      { head: 'CSAT', width: 2.4, align: 'right' },
      { head: 'Logo churn', width: 2.4, align: 'right' },
      { head: 'NRR', width: 2.4, align: 'right' },
    ],
    pack.segments.map((s) => [
      text(s.segment, { bold: true }),
      text(withN(deck, s.nps)),
      text(withN(deck, s.csat)),
      text(withN(deck, s.churn)),
      text(withN(deck, s.nrr)),
    ]),
    9,
  );
  slide.addNotes(
    [
      `Samples under ${SMALL_N} are flagged, not hidden; no significance claim is made on them.`,
      ...pack.segments.flatMap((s) =>
        [s.nps, s.csat, s.churn, s.nrr]
          .filter((k): k is ScorecardKpi => k !== null)
          .map((k) => `${s.segment} — ${kpiNote(deck, k)}`),
      ),
    ].join('\n'),
  );
}

function revenue(deck: Deck): void {
  const { pack, f } = deck;
  const r = pack.revenue;
  if (!r) return;
  const slide = sectionSlide(deck, 'revenue');
  const percent = r.atRisk?.details?.percentOfMrr;
  const accounts = r.atRisk?.details?.detractorAccounts;
  const chips = [
    `Revenue at risk (monthly recurring revenue): ${r.atRisk ? kpiCells(r.atRisk, f).value : f.value('currency', null)}` +
      (typeof percent === 'number' ? ` · ${f.value('percent', percent)} of MRR` : '') +
      (typeof accounts === 'number'
        ? ` · ${f.count(accounts)} accounts whose latest answer is a detractor`
        : ''),
    `Account-weighted NPS: ${r.accountWeighted ? withN(deck, r.accountWeighted) : f.value('points', null)}`,
  ];
  bullets(slide, chips, { x: BODY.x, y: BODY.y, w: BODY.w, h: 0.9 }, 14);
  const classes = r.byClass.filter((c) => c.nrr?.value != null || c.churn?.value != null);
  const labels = classes.map((c) => `${c.npsClass[0]?.toUpperCase()}${c.npsClass.slice(1)}s`);
  addBarChart(
    chartFrame(deck, slide, { x: BODY.x, y: BODY.y + 1.0, w: 6.2, h: 4.4 }),
    [
      { name: 'NRR', labels, values: classes.map((c) => c.nrr?.value ?? Number.NaN) },
      { name: 'Logo churn', labels, values: classes.map((c) => c.churn?.value ?? Number.NaN) },
    ],
    'percent',
    { colors: [COLORS.customer, COLORS.staff], title: 'NRR and logo churn by NPS class before the period' },
  );
  addTable(
    slide,
    { x: 6.9, y: BODY.y + 1.0, w: 6.0, h: 3 },
    [
      { head: 'Revenue band', width: 3 },
      { head: 'NPS', width: 2.4, align: 'right' },
      { head: '95% interval', width: 2.4, align: 'right' },
    ],
    r.bands.map((b) => [
      text(b.label.replace(/^NPS — /, '')),
      text(withN(deck, b)),
      text(kpiCells(b, f).interval),
    ]),
    10,
  );
  slide.addNotes(
    revenueKpis(pack)
      .map((k) => kpiNote(deck, k))
      .join('\n'),
  );
}

function gapSlides(deck: Deck): void {
  const { pack, f } = deck;
  const g = pack.gap;
  if (!g) return;
  const slide = sectionSlide(deck, 'gap');
  const h = g.headline;
  if (h?.internal && h.customer)
    slide.addText(
      `${f.value('share', h.internal.share)} of staff (n = ${f.count(h.internal.n)}) vs ${f.value('share', h.customer.share)} of customers (n = ${f.count(h.customer.n)}) give the top answer`,
      {
        x: BODY.x,
        y: BODY.y,
        w: BODY.w,
        h: 0.5,
        fontFace: FONT,
        fontSize: 16,
        bold: true,
        color: COLORS.staff,
      },
    );
  const rows = g.touchpoints
    .filter((t) => t.staff !== null && t.customer !== null && t.gap !== null)
    .sort((a, b) => (b.gap as number) - (a.gap as number));
  const labels = rows.map((t) => t.touchpoint);
  addBarChart(
    chartFrame(deck, slide, { x: BODY.x, y: BODY.y + 0.6, w: 6.1, h: 4.85 }),
    [
      { name: 'Staff', labels, values: rows.map((t) => t.staff as number) },
      { name: 'Customers', labels, values: rows.map((t) => t.customer as number) },
    ],
    'score100',
    { colors: [COLORS.staff, COLORS.customer], horizontal: true, title: 'Staff vs customers, 0–100' },
  );
  const withInterval = rows.filter((t) => t.low !== null && t.high !== null);
  addIntervalChart(
    chartFrame(deck, slide, { x: BODY.x + 6.3, y: BODY.y + 0.6, w: BODY.w - 6.3, h: 4.85 }),
    withInterval.map((t) => ({ label: t.touchpoint, low: t.low as number, high: t.high as number })),
    [
      {
        name: 'Gap (staff − customers)',
        labels: withInterval.map((t) => t.touchpoint),
        values: withInterval.map((t) => t.gap as number),
      },
    ],
    'score100',
    { colors: [COLORS.ink], title: 'Gap with its 95% interval (positive: shortfall)' },
  );
  const notes = [
    'Gap = staff mean − customer mean on 0–100; positive = staff overrate = a shortfall for customers. 95% Welch interval.',
    g.multipleTesting ?? '',
    h?.internal && h.customer
      ? `Headline: staff top box ${f.value('share', h.internal.share)} (n = ${f.count(h.internal.n)}), customers ${f.value('share', h.customer.share)} (n = ${f.count(h.customer.n)}); difference ${f.change('share', h.difference, h.significant)} (95% interval ${f.interval('share', h.differenceInterval ? { low: h.differenceInterval.lower, high: h.differenceInterval.upper } : null)}).`
      : '',
  ].filter(Boolean);
  slide.addNotes(notes.join('\n'));
  pagedTableSlides(
    deck,
    'gap',
    [
      { head: 'Touchpoint', width: 3 },
      { head: 'Staff (n)', width: 2.2, align: 'right' },
      { head: 'Customers (n)', width: 2.4, align: 'right' },
      { head: 'Gap', width: 1.6, align: 'right' },
      { head: '95% interval', width: 2.6, align: 'right' },
      { head: 'Reading', width: 3.6 },
    ],
    g.touchpoints,
    {
      perPage: 12,
      cells: (t) => [
        text(t.touchpoint, { bold: true }),
        text(t.suppressed ? 'withheld' : `${f.value('score100', t.staff)} (n = ${f.count(t.staffN)})`),
        text(`${f.value('score100', t.customer)} (n = ${f.count(t.customerN)})`),
        text(f.change('score100', t.gap, t.significant)),
        text(f.interval('score100', t.low !== null && t.high !== null ? { low: t.low, high: t.high } : null)),
        text(reading(t), t.gap !== null && t.gap > 0 && t.significant ? { fill: RAG_FILL.amber } : {}),
      ],
      notes: (page) =>
        page.map((t) => `${t.touchpoint}: ${reading(t)}${t.reason ? ` (${t.reason})` : ''}.`).join('\n'),
    },
  );
}

function reading(t: NonNullable<BriefingPack['gap']>['touchpoints'][number]): string {
  if (t.suppressed) return 'staff view withheld (fewer than 5 respondents)';
  if (t.gap === null) return 'no comparison';
  const word = signWord(t.gap, 'staff-minus-customers');
  if (t.smallSample) return `${word}, small sample: no claim`;
  return t.significant ? `${word}, significant` : `${word}, not significant`;
}

function priorities(deck: Deck): void {
  const { pack, f } = deck;
  const p = pack.priorities;
  if (!p) return;
  const slide = sectionSlide(deck, 'priorities');
  const points = p.quadrant.rows
    .filter((r) => r.importance !== null && r.performance !== null)
    .map((r) => ({ label: r.touchpoint, x: r.importance as number, y: r.performance as number }));
  if (p.quadrant.crosshair)
    addQuadrantChart(
      chartFrame(deck, slide, { x: BODY.x, y: BODY.y, w: 6.4, h: 5.1 }),
      points,
      { x: p.quadrant.crosshair.importance, y: p.quadrant.crosshair.performance },
      { x: 'Importance (0–1)', y: 'Customer performance (0–100)' },
    );
  slide.addText(
    'Axes cross at the means: top right keep up the good work · bottom right concentrate here · bottom left low priority · top left possible overkill',
    { x: BODY.x, y: BODY.y + 5.1, w: 6.4, h: 0.35, fontFace: FONT, fontSize: 9, color: COLORS.muted },
  );
  const ranked = [...p.rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const quadrantOf = new Map(p.quadrant.rows.map((r) => [r.touchpoint, r.quadrant]));
  addTable(
    slide,
    { x: 7.1, y: BODY.y, w: 5.8, h: BODY.h },
    [
      { head: '#', width: 0.6, align: 'right' },
      { head: 'Touchpoint', width: 2.4 },
      { head: 'Importance', width: 1.6, align: 'right' },
      { head: 'Gap', width: 1.4, align: 'right' },
      { head: 'Priority', width: 1.4, align: 'right' },
      { head: 'Quadrant', width: 2.6 },
    ],
    ranked
      .slice(0, 14)
      .map((r) => [
        text(r.rank === null ? '—' : String(r.rank)),
        text(r.touchpoint, { bold: r.rank === 1 }),
        text(f.value('fraction', r.importance)),
        text(f.change('score100', r.gap, r.significant)),
        text(f.value('score100', r.priority)),
        text(quadrantOf.get(r.touchpoint) ?? '—'),
      ]),
    9,
  );
  slide.addNotes(
    [
      'Priority = importance × max(gap, 0), ranked high to low. Importance normalised to 0–1; performance = customer score on 0–100.',
      p.quadrant.crosshair
        ? `Crosshairs at the means: importance ${f.value('fraction', p.quadrant.crosshair.importance)}, performance ${f.value('score100', p.quadrant.crosshair.performance)}.`
        : '',
      ...ranked.map(
        (r) =>
          `${r.rank ?? '—'}. ${r.touchpoint}: importance ${f.value('fraction', r.importance)}, gap ${f.change('score100', r.gap, r.significant)}, priority ${f.value('score100', r.priority)}.`,
      ),
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

function servqual(deck: Deck): void {
  const { pack, f } = deck;
  const s = pack.servqual;
  if (!s) return;
  const slide = sectionSlide(deck, 'servqual');
  const dims = s.dimensions.filter((d) => d.gap !== null);
  addBarChart(
    chartFrame(deck, slide, { x: BODY.x, y: BODY.y, w: 7, h: BODY.h }),
    [
      {
        name: 'Perception − expectation',
        labels: dims.map((d) => d.dimension),
        values: dims.map((d) => d.gap as number),
      },
    ],
    'score',
    { colors: [COLORS.customer], horizontal: true },
  );
  addTable(
    slide,
    { x: 7.7, y: BODY.y, w: 5.2, h: 3 },
    [
      { head: 'Dimension', width: 2.6 },
      { head: 'Items', width: 1, align: 'right' },
      { head: 'P − E', width: 1.4, align: 'right' },
      { head: 'Weight', width: 1.2, align: 'right' },
    ],
    [
      ...s.dimensions.map((d) => [
        text(d.dimension),
        text(f.count(d.items)),
        text(f.change('score', d.gap)),
        text(f.value('fraction', d.weight)),
      ]),
      [
        text('Unweighted', { bold: true }),
        text(''),
        text(f.change('score', s.unweighted), { bold: true }),
        text(''),
      ],
      [
        text('Weighted', { bold: true }),
        text(''),
        text(f.change('score', s.weighted), { bold: true }),
        text(''),
      ],
    ],
    10,
  );
  slide.addNotes(
    'SERVQUAL gap = perception − expectation per dimension (mean of its items); negative = shortfall. Weighted by importance where weights exist.',
  );
}

function voice(deck: Deck): void {
  const { pack } = deck;
  const slide = sectionSlide(deck, 'voice');
  const width = BODY.w / Math.max(1, pack.voice.length);
  pack.voice.forEach((group, i) => {
    const runs: PptxGenJS.TextProps[] = [
      { text: group.touchpoint, options: { bold: true, fontSize: 14, breakLine: true } },
      ...group.comments.map((c) => ({
        text: `“${c.text}” — ${c.kind}, score ${c.score}${c.date ? `, ${c.date}` : ''}`,
        options: {
          fontSize: 11,
          breakLine: true,
          paraSpaceBefore: 8,
          color: c.kind === 'detractor' ? COLORS.staff : COLORS.target,
        },
      })),
    ];
    slide.addText(runs, {
      x: BODY.x + i * width,
      y: BODY.y,
      w: width - 0.15,
      h: BODY.h,
      fontFace: FONT,
      color: COLORS.ink,
      valign: 'top',
      fit: 'shrink',
    });
  });
  slide.addNotes(
    'Representative comments (two recent detractors and one promoter per top-priority touchpoint), de-identified: e-mail addresses, phone numbers and names are masked before they reach the pack.',
  );
}

function actions(deck: Deck): void {
  const { pack } = deck;
  if (pack.actions.length === 0) {
    const slide = sectionSlide(deck, 'actions');
    bullets(
      slide,
      pack.decisions.map((d) => `Decision requested: ${d}`),
      BODY,
    );
    slide.addNotes('Decisions requested for this period, as entered.');
    return;
  }
  const slides = pagedTableSlides(
    deck,
    'actions',
    [
      { head: 'Action', width: 7 },
      { head: 'Owner', width: 2 },
      { head: 'Due', width: 1.6 },
      { head: 'Status', width: 1.4 },
    ],
    pack.actions,
    {
      perPage: 12,
      cells: (a) => [text(a.what), text(a.owner), text(a.due ?? '—'), text(a.status)],
      notes: (rows) =>
        rows.map((a) => `${a.what} — ${a.owner}, due ${a.due ?? 'not set'}, ${a.status}.`).join('\n'),
    },
  );
  const last = slides[slides.length - 1];
  if (last && pack.decisions.length > 0)
    bullets(
      last,
      pack.decisions.map((d) => `Decision requested: ${d}`),
      { x: BODY.x, y: 6.2, w: BODY.w, h: 0.8 },
      11,
    );
}

function methodology(deck: Deck): void {
  const { pack } = deck;
  const extra = [
    ...(pack.methodology.churnBasis ? [{ term: 'Churn basis', text: pack.methodology.churnBasis }] : []),
    ...pack.methodology.notes.map((n) => ({ term: 'Note', text: n })),
    ...pack.methodology.notShown.map((n) => ({ term: 'Not shown', text: n })),
    { term: 'Significance', text: SIGNIFICANCE_NOTE },
  ];
  pagedTableSlides(
    deck,
    'methodology',
    [
      { head: 'Term', width: 2.5 },
      { head: 'Definition', width: 10 },
    ],
    [...pack.methodology.definitions, ...extra],
    {
      perPage: 8,
      fontSize: 9,
      cells: (d) => [text(d.term, { bold: true }), text(d.text)],
      notes: () => 'Every number in the pack is shown with its definition, scale, n, period and as-of date.',
    },
  );
}

function provenance(deck: Deck): void {
  const { pack, f } = deck;
  pagedTableSlides(
    deck,
    'provenance',
    [
      { head: '#', width: 0.5, align: 'right' },
      { head: 'File', width: 2.6 },
      { head: 'Kind', width: 1.3 },
      { head: 'sha256', width: 4.6 },
      { head: 'Read', width: 1, align: 'right' },
      { head: 'Accepted', width: 1.1, align: 'right' },
      { head: 'Rejected', width: 1.1, align: 'right' },
      { head: 'Imported at', width: 1.9 },
    ],
    pack.provenance.imports,
    {
      perPage: 10,
      fontSize: 8,
      cells: (i) => [
        text(String(i.id)),
        text(i.fileName),
        text(i.kind),
        text(i.sha256),
        text(f.count(i.rowsRead)),
        text(f.count(i.rowsAccepted)),
        text(f.count(i.rowsRejected)),
        text(i.importedAt),
      ],
      notes: () => `Data as of ${pack.asOf ?? '—'}; CX Brief ${pack.appVersion}.`,
    },
  );
}

const BUILDERS: Record<SectionId, (deck: Deck) => void> = {
  summary,
  scorecard,
  trends,
  journey,
  segments,
  revenue,
  gap: gapSlides,
  priorities,
  servqual,
  voice,
  actions,
  methodology,
  provenance,
};

/** The cover, then each printed section in the pack's order. */
export function addSections(deck: Deck): void {
  coverSlide(deck);
  for (const id of deck.pack.sections) BUILDERS[id](deck);
}

export { RAG_LABEL };
