/** The deck's cover and the slides of the numbers: summary, scorecard, trends, journey, segments, CX and revenue. */
import type { ScorecardKpi } from '../analysis';
import { kpiCells, signWord, SIGNIFICANCE_NOTE, MISSING } from '../format';
import { addBarChart, addIntervalChart, addLineChart, COLORS, type Series } from './deck-charts';
import {
  addTable,
  BODY,
  chartFrame,
  FONT,
  pagedTableSlides,
  RAG_FILL,
  sectionSlide,
  type Deck,
} from './deck';
import { revenueKpis } from './pack-figures';
import { bullets, kpiNote, SMALL_N, text, withN } from './deck-words';

export function coverSlide(deck: Deck): void {
  const { pack } = deck;
  const slide = deck.pptx.addSlide();
  const lines = [
    pack.engagement.client ?? '',
    `${pack.period.description} (${pack.period.label})${pack.period.partial ? ' — partial period' : ''}`,
    `Data as of ${pack.asOf ?? MISSING}`,
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

export function summary(deck: Deck): void {
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

export function scorecard(deck: Deck): void {
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

export function trends(deck: Deck): void {
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
        joined: true,
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

export function journey(deck: Deck): void {
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

export function segments(deck: Deck): void {
  const { pack } = deck;
  const slide = sectionSlide(deck, 'segments');
  const rated = pack.segments.filter((s) => s.nps?.status === 'ok' && s.nps.value !== null);
  const labels = rated.map((s) => s.segment);
  // NPS per segment with its 95% interval, as the PDF draws it.
  addIntervalChart(
    chartFrame(deck, slide, { x: BODY.x, y: BODY.y, w: 5.6, h: BODY.h }),
    rated.map((s) => ({
      label: s.segment,
      low: s.nps?.interval?.low ?? null,
      high: s.nps?.interval?.high ?? null,
    })),
    [{ name: 'NPS', labels, values: rated.map((s) => s.nps?.value as number) }],
    'points',
    { colors: [COLORS.ink], title: 'NPS by segment with its 95% interval' },
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

export function revenue(deck: Deck): void {
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
