/**
 * Chart XML repair. pptxgenjs 4.0.1 lists three axis ids in every 2D bar and line chart group
 * (category, value and a series axis) but writes only the category and value axes; the third id
 * points at nothing, which the OOXML chart schema forbids and PowerPoint answers with its "repair"
 * dialog (upstream issue gitbrent/PptxGenJS#1534; PowerPoint's repair simply drops the id). We drop
 * every id that the plot area does not define, so the fix holds for any chart type.
 */

const AXIS_BLOCK = /<c:(catAx|valAx|dateAx|serAx)>[\s\S]*?<\/c:\1>/g;
const AXIS_ID = /<c:axId val="(\d+)"\s*\/>/g;

/** The ids of the axes a chart's plot area defines. */
export function definedAxisIds(xml: string): Set<string> {
  const ids = new Set<string>();
  for (const block of xml.match(AXIS_BLOCK) ?? []) {
    const first = /<c:axId val="(\d+)"/.exec(block);
    if (first?.[1]) ids.add(first[1]);
  }
  return ids;
}

/** Axis ids a chart group refers to that no axis of the plot area defines. */
export function orphanAxisIds(xml: string): string[] {
  const defined = definedAxisIds(xml);
  const referencing = xml.replace(AXIS_BLOCK, '');
  const orphans = new Set<string>();
  for (const match of referencing.matchAll(AXIS_ID)) {
    if (match[1] && !defined.has(match[1])) orphans.add(match[1]);
  }
  return [...orphans];
}

/** The chart XML with every orphan axis id reference removed. */
export function dropOrphanAxisIds(xml: string): string {
  const orphans = new Set(orphanAxisIds(xml));
  if (orphans.size === 0) return xml;
  return xml.replace(AXIS_ID, (whole, id: string) => (orphans.has(id) ? '' : whole));
}

const SERIES = /<c:ser>[\s\S]*?<\/c:ser>/g;

function seriesName(series: string): string | null {
  return /<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(series)?.[1] ?? null;
}

/**
 * Floating bars drawn as PowerPoint draws them by hand: the base series of each interval has no
 * fill (pptxgenjs has no per-series "no fill"), and the base and below-base series are left out of
 * the legend, which then names only the interval and the lines.
 */
export function hideFloatingBase(xml: string, names: { base: string; below: string }): string {
  const hidden: string[] = [];
  const filled = xml.replace(SERIES, (series) => {
    const name = seriesName(series);
    const idx = /<c:idx val="(\d+)"\/>/.exec(series)?.[1];
    if (idx !== undefined && (name === names.base || name === names.below)) hidden.push(idx);
    if (name !== names.base) return series;
    return series.replace(/(<c:spPr>\s*)<a:solidFill>[\s\S]*?<\/a:solidFill>/, '$1<a:noFill/>');
  });
  if (hidden.length === 0) return filled;
  const entries = hidden.map(
    (idx) => `<c:legendEntry><c:idx val="${idx}"/><c:delete val="1"/></c:legendEntry>`,
  );
  return filled.replace(/(<c:legendPos val="[a-z]+"\/>)/, `$1${entries.join('')}`);
}

/**
 * pptxgenjs always puts a scatter chart's tick labels next to the axis; with axes crossing at the
 * quadrant crosshairs that is mid-plot, so the labels go to the plot's low edges instead.
 */
export function scatterLabelsAtEdges(xml: string): string {
  if (!xml.includes('<c:scatterChart>')) return xml;
  return xml.replace(/<c:tickLblPos val="nextTo"\/>/g, '<c:tickLblPos val="low"/>');
}
