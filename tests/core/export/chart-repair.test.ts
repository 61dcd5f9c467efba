/**
 * The chart parts pptxgenjs 4.0.1 writes, and our repair of them: a 2D bar or line chart lists a
 * series axis id that no axis defines (PowerPoint then asks to repair the file, upstream issue
 * gitbrent/PptxGenJS#1534), and a 0 in a chart's embedded workbook is written as an empty value.
 */
import ExcelJS from 'exceljs';
import PptxGenJS from 'pptxgenjs';
import { describe, expect, it } from 'vitest';
import { FLOAT_SERIES, definedAxisIds, orphanAxisIds, repairCharts } from '../../../src/core/export';
import { hideFloatingBase } from '../../../src/core/export/chart-xml';
import { chartSeries, embeddedWorkbook, openDeck } from './ooxml';

async function rawDeck(add: (slide: PptxGenJS.Slide) => void): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  add(pptx.addSlide());
  return (await pptx.write({ outputType: 'uint8array' })) as Uint8Array;
}

const data = [
  { name: 'Staff', labels: ['Onboarding', 'Support', 'Billing'], values: [88.2, 0, -4.5] },
  { name: 'Customers', labels: ['Onboarding', 'Support', 'Billing'], values: [71.2, 68.8, 0] },
];

describe('chart repair', () => {
  it('finds the orphan series axis id pptxgenjs writes in bar and line charts, and removes only that id', async () => {
    const raw = await openDeck(
      await rawDeck((slide) => {
        slide.addChart('bar', data, { x: 0.5, y: 0.5, w: 4, h: 3 });
        slide.addChart('line', data, { x: 5, y: 0.5, w: 4, h: 3 });
        slide.addChart(
          'scatter',
          [
            { name: 'x', values: [0.2, 0.8] },
            { name: 'y', values: [70, 80] },
          ],
          { x: 0.5, y: 4, w: 4, h: 3 },
        );
      }),
    );
    const orphansBefore = raw.charts.map((c) => orphanAxisIds(c.xml));
    // The upstream bug as shipped: bar and line each carry one id with no axis behind it.
    expect(orphansBefore[0]).toHaveLength(1);
    expect(orphansBefore[1]).toHaveLength(1);
    expect(orphansBefore[2]).toEqual([]);

    const fixed = await openDeck(
      await repairCharts(
        await rawDeck((slide) => {
          slide.addChart('bar', data, { x: 0.5, y: 0.5, w: 4, h: 3 });
          slide.addChart('line', data, { x: 5, y: 0.5, w: 4, h: 3 });
        }),
      ),
    );
    for (const chart of fixed.charts) {
      expect(orphanAxisIds(chart.xml), chart.path).toEqual([]);
      const group = /<c:(?:bar|line)Chart>[\s\S]*<\/c:(?:bar|line)Chart>/.exec(chart.xml)?.[0] ?? '';
      const referenced = [...group.matchAll(/<c:axId val="(\d+)"\/>/g)].map((m) => m[1]);
      // Both real axes are still referenced by the chart group, and defined by the plot area.
      expect(referenced).toHaveLength(2);
      expect([...definedAxisIds(chart.xml)].sort()).toEqual([...referenced].sort());
    }
  });

  it('writes each 0 of a chart into its embedded workbook, which pptxgenjs leaves blank', async () => {
    const bytes = await rawDeck((slide) => slide.addChart('bar', data, { x: 0.5, y: 0.5, w: 4, h: 3 }));
    const cellsOf = async (deckBytes: Uint8Array) => {
      const deck = await openDeck(deckBytes);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await embeddedWorkbook(deck, deck.charts[0]!.path)) as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      return chartSeries(deck.charts[0]!.xml).map((s) =>
        s.values.map((_, i) => sheet.getCell(`${s.column}${s.firstRow + i}`).value),
      );
    };
    // As pptxgenjs writes it: the zeros are lost.
    expect((await cellsOf(bytes)).flat()).not.toContain(0);
    expect(await cellsOf(await repairCharts(bytes))).toEqual([
      [88.2, 0, -4.5],
      [71.2, 68.8, 0],
    ]);
  });

  it('leaves the base of a floating bar unfilled and out of the legend', () => {
    const xml =
      '<c:chart><c:plotArea><c:barChart>' +
      `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:strCache><c:pt idx="0"><c:v>${FLOAT_SERIES.base}</c:v></c:pt></c:strCache></c:strRef></c:tx><c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></c:spPr></c:ser>` +
      `<c:ser><c:idx val="1"/><c:order val="1"/><c:tx><c:strRef><c:strCache><c:pt idx="0"><c:v>${FLOAT_SERIES.above}</c:v></c:pt></c:strCache></c:strRef></c:tx><c:spPr><a:solidFill><a:srgbClr val="BFDBFE"/></a:solidFill></c:spPr></c:ser>` +
      `<c:ser><c:idx val="2"/><c:order val="2"/><c:tx><c:strRef><c:strCache><c:pt idx="0"><c:v>${FLOAT_SERIES.below}</c:v></c:pt></c:strCache></c:strRef></c:tx><c:spPr><a:solidFill><a:srgbClr val="BFDBFE"/></a:solidFill></c:spPr></c:ser>` +
      '</c:barChart></c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend></c:chart>';
    const fixed = hideFloatingBase(xml, FLOAT_SERIES);
    const series = fixed.match(/<c:ser>[\s\S]*?<\/c:ser>/g)!;
    expect(series[0]).toContain('<a:noFill/>');
    expect(series[1]).toContain('BFDBFE');
    expect(fixed).toContain(
      '<c:legendPos val="b"/><c:legendEntry><c:idx val="0"/><c:delete val="1"/></c:legendEntry><c:legendEntry><c:idx val="2"/><c:delete val="1"/></c:legendEntry><c:overlay',
    );
  });
});
