/**
 * The charts of the pack and of the analysis screens, drawn by Chart.js at a given size: fixed
 * canvas size (no responsive resizing), animation off and device pixel ratio 2, so the PDF gets the
 * finished drawing at print resolution. While the report measures its blocks, a chart is a box of
 * the same size (drawn only once placed). A screen that resizes a chart or changes its data mounts
 * a new one (a React key), so every drawing is a finished one, as in the pack.
 */
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';
import { PointWithErrorBar, ScatterWithErrorBarsController } from 'chartjs-chart-error-bars';
import { createContext, useContext, useEffect, useRef } from 'react';
import type { GapTouchpoint, SeriesPoint, TrendChart as TrendData } from '../../core/api/contract';
import type { QuadrantChart } from '../../core/api/contract';
import type { Formatter, Unit } from '../../core/format';
import { axisRange, roundedRange } from './axis';

Chart.register(...registerables, annotationPlugin, ScatterWithErrorBarsController, PointWithErrorBar);
Chart.defaults.font.family = "'Noto Sans', 'Noto Sans KR', 'Noto Sans Arabic', sans-serif";
Chart.defaults.font.size = 12;
Chart.defaults.color = '#1f2937';

export const INK = '#1f2937';
export const STAFF = '#b45309';
export const CUSTOMER = '#1d4ed8';
const GRID = '#e5e7eb';
const MUTED = '#6b7280';

/** True while the report measures blocks: charts stand in as boxes of their size. */
export const MeasuringContext = createContext(false);

/** Canvases Chart.js has finished drawing; the report is ready once every canvas is in here. */
export const drawnCanvases = new WeakSet<HTMLCanvasElement>();
const markDrawn: Plugin = {
  id: 'cxbDrawn',
  afterRender(chart) {
    drawnCanvases.add(chart.canvas);
    // Visible to a test or benchmark driving the page from outside.
    chart.canvas.dataset.drawn = 'true';
  },
};

function ChartCanvas({
  width,
  height,
  config,
  label,
}: {
  width: number;
  height: number;
  config: () => ChartConfiguration;
  label: string;
}) {
  const measuring = useContext(MeasuringContext);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (measuring || !canvas.current) return;
    const c = config();
    const chart = new Chart(canvas.current, {
      ...c,
      options: {
        ...c.options,
        responsive: false,
        animation: false,
        devicePixelRatio: Math.max(2, window.devicePixelRatio || 1),
      },
      plugins: [...(c.plugins ?? []), markDrawn],
    });
    return () => chart.destroy();
    // Drawn once per mount: the pack does not change under a printed page.
  }, [measuring]);
  if (measuring) return <div style={{ width, height }} />;
  return (
    <canvas
      ref={canvas}
      width={width}
      height={height}
      style={{ width, height }}
      role="img"
      aria-label={label}
    />
  );
}

/** A dashed reference line across the chart (target, crosshair) with its label on it. */
function labelledLine(axis: 'x' | 'y', at: number, content: string, position: 'start' | 'end') {
  return {
    type: 'line',
    ...(axis === 'x' ? { xMin: at, xMax: at } : { yMin: at, yMax: at }),
    borderColor: INK,
    borderDash: [5, 4],
    borderWidth: 1.3,
    label: {
      display: true,
      content,
      position,
      backgroundColor: 'rgba(255,255,255,0.9)',
      color: INK,
      font: { size: 11 },
    },
  } as const;
}

function periodTicks(points: SeriesPoint[]): string[] {
  return points.map((p) => p.period);
}

export function TrendChart({
  chart,
  f,
  width,
  height,
}: {
  chart: TrendData;
  f: Formatter;
  width: number;
  height: number;
}) {
  const config = (): ChartConfiguration => {
    const first = chart.lines[0]?.points ?? [];
    const colours = [CUSTOMER, STAFF];
    const datasets: ChartConfiguration<'line'>['data']['datasets'] = [];
    if (chart.band) {
      datasets.push(
        {
          label: '95% interval',
          data: first.map((p) => p.high ?? null),
          borderWidth: 0,
          pointRadius: 0,
          backgroundColor: 'rgba(29, 78, 216, 0.15)',
          fill: '+1',
        },
        { label: 'low', data: first.map((p) => p.low ?? null), borderWidth: 0, pointRadius: 0, fill: false },
      );
    }
    chart.lines.forEach((line, i) =>
      datasets.push({
        label: line.label,
        data: line.points.map((p) => p.value),
        borderColor: colours[i % colours.length],
        backgroundColor: colours[i % colours.length],
        borderWidth: 2.5,
        pointRadius: 3,
        borderDash: i === 1 ? [6, 4] : [],
        spanGaps: true,
      }),
    );
    const format = (v: number) => f.value(chart.unit, v);
    return {
      type: 'line',
      data: { labels: periodTicks(first), datasets },
      options: {
        plugins: {
          legend: {
            position: 'bottom',
            labels: { filter: (item) => item.text !== 'low', boxWidth: 14 },
          },
          annotation: {
            annotations:
              chart.target === null
                ? {}
                : {
                    target: labelledLine('y', chart.target, `Target ${format(chart.target)}`, 'start'),
                  },
          },
        },
        scales: {
          x: { grid: { display: false } },
          y: { grid: { color: GRID }, ticks: { callback: (v) => format(Number(v)) } },
        },
      },
    } as ChartConfiguration;
  };
  return <ChartCanvas width={width} height={height} config={config} label={chart.title} />;
}

/** Draws the staff–customer connector of each dumbbell row before the points. */
const connectors: Plugin = {
  id: 'cxbConnectors',
  beforeDatasetsDraw(chart) {
    const staff = chart.getDatasetMeta(0).data;
    const customer = chart.getDatasetMeta(1).data;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = '#9ca3af';
    ctx.lineWidth = 4;
    staff.forEach((point, i) => {
      const other = customer[i];
      if (!other) return;
      ctx.beginPath();
      ctx.moveTo(point.x, point.y);
      ctx.lineTo(other.x, other.y);
      ctx.stroke();
    });
    ctx.restore();
  },
};

/** Writes each dumbbell point's score beside it, outside the connector (the lower score on its left). */
function dumbbellValues(f: Formatter): Plugin {
  return {
    id: 'cxbDumbbellValues',
    afterDatasetsDraw(chart) {
      const staff = chart.getDatasetMeta(0).data;
      const customer = chart.getDatasetMeta(1).data;
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = `bold 12px ${String(Chart.defaults.font.family)}`;
      ctx.textBaseline = 'middle';
      staff.forEach((s, i) => {
        const c = customer[i];
        if (!c) return;
        const pairs: Array<[typeof s, string, number]> = [
          [s, STAFF, (chart.data.datasets[0]?.data[i] as { x: number }).x],
          [c, CUSTOMER, (chart.data.datasets[1]?.data[i] as { x: number }).x],
        ];
        for (const [point, colour, value] of pairs) {
          const other = point === s ? c : s;
          const left = point.x < other.x || (point.x === other.x && point === s);
          ctx.fillStyle = colour;
          ctx.textAlign = left ? 'right' : 'left';
          ctx.fillText(f.value('score100', value), point.x + (left ? -10 : 10), point.y - 11);
        }
      });
      ctx.restore();
    },
  };
}

/** The fields of a gap row a dumbbell draws (a pack's GapTouchpoint has them). */
export type DumbbellRow = Pick<GapTouchpoint, 'touchpoint' | 'staff' | 'customer' | 'low' | 'high'>;

export function Dumbbell({
  rows,
  f,
  width,
  height,
  labelled = false,
}: {
  rows: DumbbellRow[];
  f: Formatter;
  width: number;
  height: number;
  /** Writes each score beside its point (the pack has a table beside the chart instead). */
  labelled?: boolean;
}) {
  const shown = rows.filter((r) => r.staff !== null && r.customer !== null);
  // The axis spans the scores and whiskers shown (in steps of 10), not all of 0–100.
  const range = roundedRange(
    shown.flatMap((r) => [
      r.staff as number,
      r.customer as number,
      (r.customer as number) + (r.low ?? 0),
      (r.customer as number) + (r.high ?? 0),
    ]),
    10,
    0,
    100,
  );
  const config = (): ChartConfiguration =>
    ({
      type: 'scatterWithErrorBars',
      data: {
        datasets: [
          {
            label: 'Staff (whisker: 95% interval of the gap)',
            data: shown.map((r, i) => ({
              x: r.staff,
              y: i,
              xMin: r.low === null ? r.staff : (r.customer as number) + r.low,
              xMax: r.high === null ? r.staff : (r.customer as number) + r.high,
            })),
            backgroundColor: STAFF,
            borderColor: STAFF,
            pointRadius: 6,
            errorBarColor: STAFF,
            errorBarWhiskerColor: STAFF,
            errorBarLineWidth: 1.5,
          },
          {
            label: 'Customers',
            data: shown.map((r, i) => ({ x: r.customer, y: i, xMin: r.customer, xMax: r.customer })),
            backgroundColor: CUSTOMER,
            borderColor: CUSTOMER,
            pointRadius: 6,
            pointStyle: 'rectRot',
            errorBarLineWidth: 0,
            errorBarWhiskerSize: 0,
          },
        ],
      },
      options: {
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } }, tooltip: { enabled: false } },
        scales: {
          x: {
            min: range[0],
            max: range[1],
            border: { display: false },
            title: { display: true, text: 'Score on 0–100' },
            grid: { color: GRID },
            ticks: { callback: (v: number | string) => f.value('count', Number(v)) },
          },
          y: {
            type: 'linear',
            reverse: true,
            min: -0.6,
            max: shown.length - 0.4,
            grid: { display: false },
            afterBuildTicks: (axis: { ticks: { value: number }[] }) => {
              axis.ticks = shown.map((_, i) => ({ value: i }));
            },
            ticks: {
              callback: (v: number | string) => shown[Number(v)]?.touchpoint ?? '',
              font: { size: 12 },
            },
          },
        },
      },
      plugins: labelled ? [connectors, dumbbellValues(f)] : [connectors],
    }) as unknown as ChartConfiguration;
  return (
    <ChartCanvas
      width={width}
      height={height}
      config={config}
      label="Staff and customer scores per touchpoint"
    />
  );
}

/** Writes each touchpoint's name beside its point. */
const pointLabels: Plugin = {
  id: 'cxbPointLabels',
  afterDatasetsDraw(chart) {
    const ctx = chart.ctx;
    const data = chart.data.datasets[0]?.data as Array<{ label?: string }> | undefined;
    ctx.save();
    ctx.font = `12px ${String(Chart.defaults.font.family)}`;
    ctx.fillStyle = INK;
    chart.getDatasetMeta(0).data.forEach((point, i) => {
      const text = data?.[i]?.label ?? '';
      const right = point.x < chart.chartArea.right - 110;
      ctx.textAlign = right ? 'left' : 'right';
      ctx.fillText(text, point.x + (right ? 9 : -9), point.y + 4);
    });
    ctx.restore();
  },
};

export function Quadrant({
  quadrant,
  f,
  width,
  height,
}: {
  quadrant: QuadrantChart;
  f: Formatter;
  width: number;
  height: number;
}) {
  const cross = quadrant.crosshair;
  const rows = quadrant.rows.filter((r) => r.importance !== null && r.performance !== null);
  const imp = rows.map((r) => r.importance as number);
  const perf = rows.map((r) => r.performance as number);
  // Up to 1.1 so a point at importance 1 is not cut by the edge.
  const [xMin, xMax] = roundedRange(imp, 0.1, 0, 1.1);
  const [yMin, yMax] = roundedRange(perf, 5, 0, 100);
  const corner = (
    content: string,
    x: number,
    y: number,
    position: { x: 'start' | 'end'; y: 'start' | 'end' },
  ) => ({
    type: 'label',
    xValue: x,
    yValue: y,
    content,
    position,
    color: MUTED,
    font: { size: 12, weight: 'bold' },
  });
  const config = (): ChartConfiguration =>
    ({
      type: 'scatter',
      data: {
        datasets: [
          {
            label: 'Touchpoints',
            data: rows.map((r) => ({ x: r.importance, y: r.performance, label: r.touchpoint })),
            // Hollow: importance within its margin of the crosshair, counted as important.
            backgroundColor: rows.map((r) => (r.onImportanceLine ? '#ffffff' : CUSTOMER)),
            borderColor: CUSTOMER,
            borderWidth: 2,
            pointRadius: 6,
          },
        ],
      },
      options: {
        plugins: {
          legend: { display: false },
          tooltip: { enabled: false },
          annotation: {
            annotations: cross
              ? {
                  vertical: labelledLine(
                    'x',
                    cross.importance,
                    `mean importance ${f.value('fraction', cross.importance)}`,
                    'end',
                  ),
                  horizontal: labelledLine(
                    'y',
                    cross.performance,
                    `mean performance ${f.value('score100', cross.performance)}`,
                    'start',
                  ),
                  concentrate: corner('Concentrate here', xMax, yMin, { x: 'end', y: 'end' }),
                  keep: corner('Keep up the good work', xMax, yMax, { x: 'end', y: 'start' }),
                  low: corner('Low priority', xMin, yMin, { x: 'start', y: 'end' }),
                  overkill: corner('Possible overkill', xMin, yMax, { x: 'start', y: 'start' }),
                }
              : {},
          },
        },
        scales: {
          x: {
            min: xMin,
            max: xMax,
            title: { display: true, text: 'Importance (0–1)' },
            grid: { color: GRID },
            ticks: { callback: (v: number | string) => f.value('fraction', Number(v)) },
          },
          y: {
            min: yMin,
            max: yMax,
            title: { display: true, text: 'Customer score (0–100)' },
            grid: { color: GRID },
            ticks: { callback: (v: number | string) => f.value('count', Number(v)) },
          },
        },
      },
      plugins: [pointLabels],
    }) as unknown as ChartConfiguration;
  return (
    <ChartCanvas width={width} height={height} config={config} label="Importance–performance quadrant" />
  );
}

/**
 * A 12-period sparkline in SVG (vector in the PDF, no canvas to wait for); with a target, its
 * dashed line is drawn across and the vertical range includes it.
 */
export function Sparkline({
  points,
  target = null,
  width = 90,
  height = 18,
}: {
  points: { value: number | null }[];
  target?: number | null;
  width?: number;
  height?: number;
}) {
  const values = points.map((p) => p.value);
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return <span className="muted">—</span>;
  const w = width;
  const h = height;
  const lo = Math.min(...known, target ?? Infinity);
  const hi = Math.max(...known, target ?? -Infinity);
  const span = hi - lo || 1;
  const y = (v: number) => (h - 2 - ((v - lo) / span) * (h - 4)).toFixed(1);
  const xy = values
    .map((v, i) => (v === null ? null : `${((i / (values.length - 1)) * (w - 4) + 2).toFixed(1)},${y(v)}`))
    .filter((p): p is string => p !== null);
  const last = xy.at(-1)?.split(',') ?? ['0', '0'];
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true">
      {target !== null && (
        <line
          x1="0"
          x2={w}
          y1={y(target)}
          y2={y(target)}
          stroke={MUTED}
          strokeWidth="1"
          strokeDasharray="4 3"
          data-part="target"
        />
      )}
      <polyline points={xy.join(' ')} fill="none" stroke={CUSTOMER} strokeWidth="1.5" />
      <circle cx={last[0]} cy={last[1]} r="2.2" fill={CUSTOMER} />
    </svg>
  );
}

export interface IntervalRow {
  label: string;
  value: number;
  low: number | null;
  high: number | null;
}

/** One value per row with its 95% interval as whiskers (NPS per segment), rows top to bottom. */
export function IntervalDots({
  rows,
  unit,
  f,
  width,
  height,
  label,
}: {
  rows: IntervalRow[];
  unit: Unit;
  f: Formatter;
  width: number;
  height: number;
  label: string;
}) {
  const range = axisRange(
    rows.flatMap((r) => [r.value, r.low ?? r.value, r.high ?? r.value]),
    unit,
  );
  const config = (): ChartConfiguration =>
    ({
      type: 'scatterWithErrorBars',
      data: {
        datasets: [
          {
            label,
            data: rows.map((r, i) => ({ x: r.value, y: i, xMin: r.low ?? r.value, xMax: r.high ?? r.value })),
            backgroundColor: CUSTOMER,
            borderColor: CUSTOMER,
            pointRadius: 6,
            errorBarColor: CUSTOMER,
            errorBarWhiskerColor: CUSTOMER,
            errorBarLineWidth: 1.5,
          },
        ],
      },
      options: {
        plugins: { legend: { display: false }, tooltip: { enabled: false } },
        scales: {
          x: {
            min: range[0],
            max: range[1],
            grid: { color: GRID },
            border: { display: false },
            title: { display: true, text: `${label} (whiskers: 95% interval)` },
            ticks: { callback: (v: number | string) => f.value(unit, Number(v)) },
          },
          y: {
            type: 'linear',
            reverse: true,
            min: -0.6,
            max: rows.length - 0.4,
            grid: { display: false },
            afterBuildTicks: (axis: { ticks: { value: number }[] }) => {
              axis.ticks = rows.map((_, i) => ({ value: i }));
            },
            ticks: { callback: (v: number | string) => rows[Number(v)]?.label ?? '', font: { size: 12 } },
          },
        },
      },
    }) as unknown as ChartConfiguration;
  return <ChartCanvas width={width} height={height} config={config} label={label} />;
}
