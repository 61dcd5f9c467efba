/**
 * Native, editable PowerPoint charts (pptxgenjs writes the chart XML with its values cached and an
 * embedded workbook the user can edit). An interval is drawn as a floating bar, since pptxgenjs has
 * no error bars: three stacked series per category, an invisible base and the visible part above
 * and below it, so that low = base + below and high = base + above whichever side of 0 the interval
 * lies (Excel stacks negative values downwards from 0, positive ones upwards).
 */
import type PptxGenJS from 'pptxgenjs';
import type { Unit } from '../format';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ChartFrame {
  slide: PptxGenJS.Slide;
  box: Box;
  /** Excel number format of a unit (axis and data labels show what the PDF prints). */
  format: (unit: Unit) => string;
  font: string;
}

export const COLORS = {
  ink: '1F2937',
  muted: '6B7280',
  customer: '1D4ED8',
  staff: 'B45309',
  target: '15803D',
  band: 'BFDBFE',
  second: '7C3AED',
  grid: 'E5E7EB',
  paper: 'FFFFFF',
};

/** Series named so in the embedded workbook; the hidden one carries the base of a floating bar. */
export const FLOAT_SERIES = {
  base: 'interval base (hidden)',
  above: '95% interval',
  below: '95% interval (below base)',
};

export interface Series {
  name: string;
  labels: string[];
  values: number[];
}

/** An interval over one category; a missing one (null) leaves its category blank. */
export interface FloatingInterval {
  label: string;
  low: number | null;
  high: number | null;
}

function common(frame: ChartFrame, unit: Unit): PptxGenJS.IChartOpts {
  return {
    ...frame.box,
    fontFace: frame.font,
    catAxisLabelFontFace: frame.font,
    valAxisLabelFontFace: frame.font,
    legendFontFace: frame.font,
    dataLabelFontFace: frame.font,
    catAxisLabelFontSize: 10,
    valAxisLabelFontSize: 9,
    legendFontSize: 10,
    dataLabelFontSize: 9,
    valAxisLabelFormatCode: frame.format(unit),
    dataLabelFormatCode: frame.format(unit),
    valGridLine: { color: COLORS.grid, size: 0.5 },
    showLegend: true,
    legendPos: 'b',
  };
}

/** Bars of one or more series over categories (horizontal with `horizontal`). */
export function addBarChart(
  frame: ChartFrame,
  series: Series[],
  unit: Unit,
  options: { colors: string[]; horizontal?: boolean; title?: string },
): void {
  frame.slide.addChart('bar', series, {
    ...common(frame, unit),
    barDir: options.horizontal ? 'bar' : 'col',
    barGrouping: 'clustered',
    chartColors: options.colors,
    showValue: true,
    showLegend: series.length > 1,
    ...(options.title ? { showTitle: true, title: options.title, titleFontSize: 12 } : {}),
    // Horizontal bars read top-down in the order given.
    ...(options.horizontal ? { catAxisOrientation: 'maxMin' as 'minMax' } : {}),
  });
}

/** Lines over periods; a target is a flat line of its own. */
export function addLineChart(
  frame: ChartFrame,
  series: Series[],
  unit: Unit,
  options: { colors: string[]; title?: string },
): void {
  frame.slide.addChart('line', series, {
    ...common(frame, unit),
    chartColors: options.colors,
    lineSize: 2,
    lineDataSymbol: 'circle',
    lineDataSymbolSize: 5,
    ...(options.title ? { showTitle: true, title: options.title, titleFontSize: 12 } : {}),
  });
}

/** The three stacked series of floating bars for intervals (see the module comment). */
export function floatingSeries(intervals: FloatingInterval[]): Series[] {
  const labels = intervals.map((i) => i.label);
  const base = intervals.map(({ low, high }) => {
    if (low === null || high === null) return Number.NaN;
    return low >= 0 ? low : high <= 0 ? high : 0;
  });
  // NaN is written as a blank point (pptxgenjs writes no value for it).
  const from = (end: number | null, k: number) => (end === null ? Number.NaN : end - (base[k] as number));
  return [
    { name: FLOAT_SERIES.base, labels, values: base },
    { name: FLOAT_SERIES.above, labels, values: intervals.map((i, k) => from(i.high, k)) },
    { name: FLOAT_SERIES.below, labels, values: intervals.map((i, k) => from(i.low, k)) },
  ];
}

/** Intervals as floating bars, one per category, with a line through the point estimates. */
export function addIntervalChart(
  frame: ChartFrame,
  intervals: FloatingInterval[],
  lines: Series[],
  unit: Unit,
  options: { horizontal?: boolean; colors: string[]; title?: string; joined?: boolean },
): void {
  const bars: PptxGenJS.IChartMulti = {
    type: 'bar',
    data: floatingSeries(intervals),
    options: {
      barDir: options.horizontal ? 'bar' : 'col',
      barGrouping: 'stacked',
      barGapWidthPct: 80,
      chartColors: [COLORS.paper, COLORS.band, COLORS.band],
    },
  };
  const overlay: PptxGenJS.IChartMulti = {
    type: 'line',
    data: lines,
    // Points over periods are joined; points over unordered categories (segments, touchpoints) are not.
    options: {
      chartColors: options.colors,
      lineSize: options.joined ? 2 : 0,
      lineDataSymbol: 'circle',
      lineDataSymbolSize: 6,
    },
  };
  const chartOptions: PptxGenJS.IChartOpts = {
    ...common(frame, unit),
    // Gridlines would show through the invisible base bars.
    valGridLine: { style: 'none' },
    showLegend: lines.length > 0,
    ...(options.title ? { showTitle: true, title: options.title, titleFontSize: 12 } : {}),
  };
  // A combination chart takes its options in the place of the data (pptxgenjs's typing says data).
  frame.slide.addChart([bars, ...(lines.length > 0 ? [overlay] : [])], chartOptions as unknown as []);
}

export interface ScatterPoint {
  label: string;
  x: number;
  y: number;
}

/**
 * Importance (x) against performance (y); the axes cross at the crosshair (the means), so the four
 * quadrants are drawn by the axes themselves.
 */
export function addQuadrantChart(
  frame: ChartFrame,
  points: ScatterPoint[],
  crosshair: { x: number; y: number },
  names: { x: string; y: string },
): void {
  const data = [
    { name: names.x, values: points.map((p) => p.x) },
    { name: names.y, values: points.map((p) => p.y), labels: [points.map((p) => p.label)] },
  ];
  frame.slide.addChart('scatter', data, {
    ...common(frame, 'score100'),
    valAxisLabelFormatCode: frame.format('score100'),
    catAxisLabelFormatCode: frame.format('fraction'),
    chartColors: [COLORS.customer],
    lineSize: 0,
    lineDataSymbol: 'circle',
    lineDataSymbolSize: 8,
    showLabel: true,
    dataLabelFormatScatter: 'custom',
    dataLabelPosition: 'r',
    showLegend: false,
    // pptxgenjs writes valAxisCrossesAt on the x axis: where it crosses, in y units (and vice versa).
    valAxisCrossesAt: crosshair.y,
    catAxisCrossesAt: crosshair.x,
    // Performance sits high on 0–100: start the axis a step below the lowest point.
    valAxisMinVal: Math.max(0, Math.floor((Math.min(...points.map((p) => p.y)) - 5) / 10) * 10),
    valAxisMaxVal: 100,
    catAxisMinVal: 0,
    catAxisMaxVal: 1,
    showValAxisTitle: true,
    valAxisTitle: names.y,
    showCatAxisTitle: true,
    catAxisTitle: names.x,
    valAxisTitleFontSize: 10,
    catAxisTitleFontSize: 10,
  } as PptxGenJS.IChartOpts);
}
