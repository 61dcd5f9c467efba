/**
 * The workbook embedded in each chart (what PowerPoint's "Edit data" opens) must hold the values the
 * chart shows. pptxgenjs 4.0.1 writes a value of 0 in bar, line and scatter worksheets as an empty
 * `<v></v>` (it tests `value || ''`), so an interval whose base is 0 would read blank, and an empty
 * numeric value is not valid SpreadsheetML. We write every cell a series refers to from the chart's
 * own cached values, and drop cells the chart leaves blank.
 */

const SERIES_VALUES =
  /<c:f>Sheet1!\$([A-Z]+)\$(\d+):\$[A-Z]+\$\d+<\/c:f>\s*<c:numCache>([\s\S]*?)<\/c:numCache>/g;
const POINT = /<c:pt idx="(\d+)">\s*<c:v>([^<]*)<\/c:v>\s*<\/c:pt>/g;

/** The value of each worksheet cell a chart's series refer to ("B2" → "12.5"), from its cache. */
export function cachedCells(chartXml: string): Map<string, string> {
  const cells = new Map<string, string>();
  for (const [, column, firstRow, cache] of chartXml.matchAll(SERIES_VALUES)) {
    for (const [, idx, value] of (cache ?? '').matchAll(POINT))
      cells.set(`${column}${Number(firstRow) + Number(idx)}`, value ?? '');
  }
  return cells;
}

/** The embedded worksheet with each numeric cell of a series set to the chart's cached value. */
export function fillSheetFromCache(sheetXml: string, cells: Map<string, string>): string {
  return sheetXml.replace(
    /<c r="([A-Z]+\d+)"((?: [a-z]+="[^"]*")*)><v>([^<]*)<\/v><\/c>/g,
    (whole, ref: string, attrs: string, value: string) => {
      if (attrs.includes('t="s"') || !cells.has(ref)) return whole;
      const cached = cells.get(ref) as string;
      if (cached === '') return `<c r="${ref}"${attrs}/>`;
      return cached === value ? whole : `<c r="${ref}"${attrs}><v>${cached}</v></c>`;
    },
  );
}
