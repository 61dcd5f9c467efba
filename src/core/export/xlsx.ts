/**
 * The board pack as an Excel workbook: the pack's facts and its scorecard, gap, series, segment,
 * priority and provenance tables and the definitions, as typed cells (see xlsx-sheet.ts). The same
 * numbers as the PDF and the deck, unrounded, so an analyst can recompute from them.
 */
import ExcelJS from 'exceljs';
import type { BriefingPack } from '../briefing';
import { revenueKpis } from './pack-figures';
import type { ScorecardKpi } from '../analysis';
import { quadrantText, RAG_LABEL, signWord, SIGNIFICANCE_NOTE, type Unit } from '../format';
import { RAG_FILL } from './deck';
import { excelFormats } from './number-formats';
import { writePackFile } from './write-file';
import { addTableSheet, dateCell, type SheetColumn, type SheetValue } from './xlsx-sheet';

export interface WorkbookResult {
  path: string;
  sheets: string[];
  bytes: number;
}

const yesNo = (b: boolean | null | undefined): string | null =>
  b === null || b === undefined ? null : b ? 'yes' : 'no';

const KPI_COLUMNS: SheetColumn[] = [
  { header: 'KPI id', width: 22 },
  { header: 'KPI', width: 34 },
  { header: 'Value', width: 12 },
  { header: 'Unit', width: 10 },
  { header: 'Target', width: 11 },
  { header: 'Better', width: 8 },
  { header: 'Status', width: 11 },
  { header: 'Change vs prior', width: 14 },
  { header: 'Significant vs prior', width: 12 },
  { header: 'Change vs last year', width: 14 },
  { header: 'Significant vs last year', width: 12 },
  { header: 'n', width: 10, unit: 'count' },
  { header: '95% low', width: 11 },
  { header: '95% high', width: 11 },
  { header: 'Basis, scale or what would unlock it', width: 44 },
  { header: 'Definition', width: 80 },
];

/** A KPI as a row; value, target, changes and interval in the KPI's own unit. */
function kpiRow(kpi: ScorecardKpi): SheetValue[] {
  const inUnit = (value: number | null | undefined): SheetValue => ({ value: value ?? null, unit: kpi.unit });
  return [
    kpi.id,
    kpi.label,
    inUnit(kpi.status === 'ok' ? kpi.value : null),
    kpi.unit,
    inUnit(kpi.target?.value),
    kpi.target?.direction ?? null,
    kpi.rag ? { value: RAG_LABEL[kpi.rag], fill: RAG_FILL[kpi.rag] } : null,
    inUnit(kpi.vsPrior?.change),
    yesNo(kpi.vsPrior?.significant),
    inUnit(kpi.vsLastYear?.change),
    yesNo(kpi.vsLastYear?.significant),
    kpi.n,
    inUnit(kpi.status === 'ok' ? kpi.interval?.low : null),
    inUnit(kpi.status === 'ok' ? kpi.interval?.high : null),
    kpi.status === 'ok' ? (kpi.basis ?? kpi.scale ?? null) : (kpi.needs ?? null),
    kpi.definition,
  ];
}

function summaryRows(pack: BriefingPack): SheetValue[][] {
  return [
    ['Engagement', pack.engagement.name],
    ['Client', pack.engagement.client],
    ['Period', `${pack.period.description} (${pack.period.label})${pack.period.partial ? ', partial' : ''}`],
    ['Compared with', [pack.period.prior, pack.period.lastYear].filter(Boolean).join(' and ') || null],
    ['Data as of', dateCell(pack.asOf)],
    ['Filters', pack.filters.map((f) => `${f.key} = ${f.value}`).join(', ') || 'none'],
    ['Prepared by', pack.engagement.preparedBy],
    ['CX Brief version', pack.appVersion],
    ['Confidential', 'prepared for the board'],
    ...pack.summary.messages.map((m, i): SheetValue[] => [`Key message ${i + 1}`, m.text]),
    ...pack.decisions.map((d, i): SheetValue[] => [`Decision requested ${i + 1}`, d]),
  ];
}

function seriesRows(pack: BriefingPack): SheetValue[][] {
  const rows: SheetValue[][] = [];
  for (const chart of pack.trends)
    for (const line of chart.lines)
      for (const p of line.points)
        rows.push([
          chart.title,
          line.label,
          p.period,
          { value: p.value, unit: chart.unit },
          { value: p.low ?? null, unit: chart.unit },
          { value: p.high ?? null, unit: chart.unit },
        ]);
  const charted = new Set(pack.trends.flatMap((t) => t.lines.map((l) => l.label)));
  for (const kpi of pack.scorecard)
    if (!charted.has(kpi.label))
      for (const p of kpi.series)
        rows.push(['Scorecard', kpi.label, p.period, { value: p.value, unit: kpi.unit }, null, null]);
  return rows;
}

function segmentRows(pack: BriefingPack): SheetValue[][] {
  const pair = (k: ScorecardKpi | null): SheetValue[] => [
    { value: k?.status === 'ok' ? k.value : null, unit: k?.unit ?? 'points' },
    k?.n ?? null,
  ];
  return pack.segments.map((s) => {
    const ns = [s.nps, s.csat, s.churn, s.nrr]
      .map((k) => k?.n)
      .filter((n): n is number => n !== null && n !== undefined);
    return [
      s.segment,
      ...pair(s.nps),
      ...pair(s.csat),
      ...pair(s.churn),
      ...pair(s.nrr),
      ns.some((n) => n < 30) ? 'yes' : 'no',
    ];
  });
}

function gapRows(pack: BriefingPack): SheetValue[][] {
  return (pack.gap?.touchpoints ?? []).map((t) => [
    t.touchpoint,
    t.stage,
    t.staff,
    t.staffN,
    t.customer,
    t.customerN,
    t.gap,
    t.low,
    t.high,
    yesNo(t.significant),
    t.smallSample ? 'yes' : 'no',
    t.gap === null ? null : signWord(t.gap, 'staff-minus-customers'),
    t.gap !== null && t.gap > 0 && t.significant ? { value: 'overrated', fill: RAG_FILL.amber } : null,
    t.reason,
  ]);
}

function priorityRows(pack: BriefingPack): SheetValue[][] {
  const quadrant = new Map((pack.priorities?.quadrant.rows ?? []).map((r) => [r.touchpoint, r]));
  return [...(pack.priorities?.rows ?? [])]
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))
    .map((r) => {
      const point = quadrant.get(r.touchpoint);
      return [
        r.rank,
        r.touchpoint,
        r.importance,
        point?.performance ?? null,
        r.gap,
        yesNo(r.significant),
        r.priority,
        point?.quadrant ? quadrantText(point) : null,
      ];
    });
}

const col = (header: string, width: number, unit?: Unit): SheetColumn => ({
  header,
  width,
  ...(unit ? { unit } : {}),
});

/** The workbook of a pack, in memory. */
export function buildWorkbook(pack: BriefingPack): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `CX Brief ${pack.appVersion}`;
  workbook.title = `${pack.engagement.name} — board pack ${pack.period.display}`;
  workbook.company = pack.engagement.client ?? '';
  const format = excelFormats(pack.where);
  const add = (name: string, columns: SheetColumn[], rows: SheetValue[][]) =>
    addTableSheet(workbook, name, columns, rows, format);

  add('Summary', [col('Item', 26), col('Text', 120)], summaryRows(pack));
  add('Scorecard', KPI_COLUMNS, pack.scorecard.map(kpiRow));
  add(
    'Series',
    [
      col('Chart', 40),
      col('Series', 32),
      col('Period', 10),
      col('Value', 12),
      col('95% low', 11),
      col('95% high', 11),
    ],
    seriesRows(pack),
  );
  if (pack.journey.length > 0)
    add(
      'Journey',
      [
        col('Stage', 18),
        col('Touchpoints', 40),
        col('Customer score (0–100)', 14, 'score100'),
        col('Customer n', 10, 'count'),
        col('Staff score (0–100)', 14, 'score100'),
        col('Gap (staff − customers)', 14, 'score100'),
        col('Significant', 11),
        col('NPS', 10, 'points'),
        col('NPS n', 10, 'count'),
      ],
      pack.journey.map((r) => [
        r.stage,
        r.touchpoints.join(', '),
        r.customer,
        r.customerN,
        r.staff,
        r.gap,
        yesNo(r.significant),
        r.nps,
        r.npsN,
      ]),
    );
  add(
    'Segments',
    [
      col('Segment', 22),
      col('NPS', 10),
      col('NPS n', 10, 'count'),
      col('CSAT', 10),
      col('CSAT n', 10, 'count'),
      col('Logo churn', 11),
      col('Churn n', 10, 'count'),
      col('NRR', 10),
      col('NRR n', 10, 'count'),
      col('Small sample (n < 30)', 12),
    ],
    segmentRows(pack),
  );
  if (pack.revenue) add('CX and revenue', KPI_COLUMNS, revenueKpis(pack).map(kpiRow));
  add(
    'Gap',
    [
      col('Touchpoint', 24),
      col('Stage', 16),
      col('Staff (0–100)', 12, 'score100'),
      col('Staff n', 10, 'count'),
      col('Customers (0–100)', 12, 'score100'),
      col('Customer n', 10, 'count'),
      col('Gap (staff − customers)', 14, 'score100'),
      col('95% low', 10, 'score100'),
      col('95% high', 10, 'score100'),
      col('Significant', 11),
      col('Small sample', 11),
      col('Reading', 11),
      col('Flag', 11),
      col('Note', 40),
    ],
    gapRows(pack),
  );
  add(
    'Priorities',
    [
      col('Rank', 7, 'count'),
      col('Touchpoint', 24),
      col('Importance (0–1)', 14, 'fraction'),
      col('Performance (0–100)', 14, 'score100'),
      col('Gap', 10, 'score100'),
      col('Significant', 11),
      col('Priority', 10, 'score100'),
      col('Quadrant', 22),
    ],
    priorityRows(pack),
  );
  if (pack.servqual)
    add(
      'SERVQUAL',
      [
        col('Dimension', 22),
        col('Items', 8, 'count'),
        col('Perception − expectation', 16, 'score'),
        col('Weight', 10, 'fraction'),
      ],
      pack.servqual.dimensions.map((d) => [d.dimension, d.items, d.gap, d.weight]),
    );
  if (pack.voice.length > 0)
    add(
      'Voice',
      [
        col('Touchpoint', 22),
        col('Kind', 11),
        col('Score', 8, 'count'),
        col('Date', 12),
        col('Comment (de-identified)', 100),
      ],
      pack.voice.flatMap((g) =>
        g.comments.map((c) => [g.touchpoint, c.kind, c.score, dateCell(c.date), c.text]),
      ),
    );
  if (pack.actions.length > 0)
    add(
      'Actions',
      [col('Action', 70), col('Owner', 20), col('Due', 12), col('Status', 12)],
      pack.actions.map((a) => [a.what, a.owner, dateCell(a.due), a.status]),
    );
  add(
    'Provenance',
    [
      col('Import', 8, 'count'),
      col('File', 36),
      col('Kind', 14),
      col('sha256', 68),
      col('Rows read', 11, 'count'),
      col('Accepted', 11, 'count'),
      col('Rejected', 11, 'count'),
      col('Imported at', 20),
    ],
    pack.provenance.imports.map((i) => [
      i.id,
      i.fileName,
      i.kind,
      i.sha256,
      i.rowsRead,
      i.rowsAccepted,
      i.rowsRejected,
      i.importedAt,
    ]),
  );
  add(
    'Definitions',
    [col('Term', 30), col('Definition', 120)],
    [
      ...pack.methodology.definitions.map((d) => [d.term, d.text]),
      ...(pack.methodology.churnBasis ? [['Churn basis', pack.methodology.churnBasis]] : []),
      ...pack.methodology.notes.map((n) => ['Note', n]),
      ...pack.methodology.notShown.map((n) => ['Not shown', n]),
      ['Significance', SIGNIFICANCE_NOTE],
    ],
  );
  return workbook;
}

/** The workbook's bytes. */
export async function workbookBytes(pack: BriefingPack): Promise<Uint8Array> {
  return new Uint8Array(await buildWorkbook(pack).xlsx.writeBuffer());
}

/** Writes the workbook to `out` (temporary name, then rename). */
export async function writeWorkbook(pack: BriefingPack, out: string): Promise<WorkbookResult> {
  const workbook = buildWorkbook(pack);
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  writePackFile(out, bytes, 'Excel workbook');
  return { path: out, sheets: workbook.worksheets.map((s) => s.name), bytes: bytes.byteLength };
}
