/** The deck's expectation-gap slides: the gap, priorities, SERVQUAL and the voice of the customer. */
import type PptxGenJS from 'pptxgenjs';
import type { BriefingPack } from '../briefing';
import { quadrantText, signWord, MISSING } from '../format';
import { addBarChart, addIntervalChart, addQuadrantChart, COLORS } from './deck-charts';
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
import { text } from './deck-words';

export function gapSlides(deck: Deck): void {
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
      ? `Headline: staff top box ${f.value('share', h.internal.share)} (n = ${f.count(h.internal.n)}), customers ${f.value('share', h.customer.share)} (n = ${f.count(h.customer.n)}); difference ${f.change('share', h.difference, h.significant)} (95% interval ${f.interval('share', h.differenceInterval ? h.differenceInterval : null)}).`
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

export function priorities(deck: Deck): void {
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
  const quadrantOf = new Map(p.quadrant.rows.map((r) => [r.touchpoint, quadrantText(r)]));
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
        text(r.rank === null ? MISSING : String(r.rank)),
        text(r.touchpoint, { bold: r.rank === 1 }),
        text(f.value('fraction', r.importance)),
        text(f.change('score100', r.gap, r.significant)),
        text(f.value('score100', r.priority)),
        text(quadrantOf.get(r.touchpoint) ?? MISSING),
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
          `${r.rank ?? MISSING}. ${r.touchpoint}: importance ${f.value('fraction', r.importance)}, gap ${f.change('score100', r.gap, r.significant)}, priority ${f.value('score100', r.priority)}.`,
      ),
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

export function servqual(deck: Deck): void {
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

export function voice(deck: Deck): void {
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
