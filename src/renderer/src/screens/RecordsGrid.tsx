import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { Request, Responses } from '../../../core/api/contract';
import { call } from '../api';
import { f } from '../ui';
import './records-grid.css';

type ListRequest = Request<'records:list'>;
type ListAnswer = Responses['records:list'];
export type Table = ListRequest['table'];
export type RecordsQuery = Pick<ListRequest, 'table' | 'search' | 'focus'>;
type Row = ListAnswer['rows'][number];

/** Rows asked for at once; a screenful is 15–35 rows. */
const BLOCK = 100;
const ROW_HEIGHT = 30;
/**
 * The tallest scroll area drawn: browsers stop laying out near 17–33 million pixels, so beyond this
 * the scrollbar maps onto row positions proportionally instead of 30 px per row.
 */
const MAX_SCROLL_PX = 12_000_000;

interface Shape {
  total: number;
  capped: boolean;
  columns: string[];
  table: string;
  focus: ListAnswer['focus'];
}

/**
 * A table's rows through a window: only the rows in view (and the block around them) are asked of
 * the engine, which pages by rowid, so scrolling a million rows stays as smooth as scrolling fifty.
 * Written by hand rather than with a virtualisation library: rows have one fixed height, so the
 * window is two divisions, and the proportional scrollbar for tables past ~400,000 rows (the
 * browser's height limit) is a mapping the libraries leave to the caller anyway.
 */
export function RecordsGrid({
  query,
  version,
  onError,
}: {
  query: RecordsQuery;
  version: number;
  onError: (error: unknown) => void;
}) {
  const [shape, setShape] = useState<Shape | null>(null);
  const [blocks, setBlocks] = useState<ReadonlyMap<number, Row[]>>(new Map());
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(480);
  const [jump, setJump] = useState('');
  /** The first block was refused (the engine's sentence is shown by the screen). */
  const [refused, setRefused] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const asked = useRef(new Set<number>());
  const generation = useRef(0);
  const key = JSON.stringify(query);

  const fetchBlock = (block: number, own: number) => {
    if (asked.current.has(block)) return;
    asked.current.add(block);
    call('records:list', { ...query, offset: block * BLOCK, limit: BLOCK }).then(
      (page) => {
        if (own !== generation.current) return;
        setShape({
          total: page.total,
          capped: page.capped,
          columns: page.columns,
          table: page.table,
          focus: page.focus,
        });
        setBlocks((held) => new Map(held).set(block, page.rows));
      },
      (failure: unknown) => {
        if (own !== generation.current) return;
        asked.current.delete(block);
        if (block === 0) setRefused(true);
        onError(failure);
      },
    );
  };

  // A new query or changed data: start again from the top.
  useEffect(() => {
    generation.current += 1;
    asked.current = new Set();
    setBlocks(new Map());
    setShape(null);
    setScrollTop(0);
    setRefused(false);
    setJump('');
    if (scroller.current) scroller.current.scrollTop = 0;
    onError(null);
    fetchBlock(0, generation.current);
    // The query's text is its identity: a new object with the same text is the same query.
  }, [key, version]);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [shape !== null]);

  const total = shape?.total ?? 0;
  const bodyHeight = Math.max(ROW_HEIGHT, viewport - ROW_HEIGHT);
  const visible = Math.ceil(bodyHeight / ROW_HEIGHT);
  const natural = total * ROW_HEIGHT;
  const drawn = Math.min(natural, MAX_SCROLL_PX);
  const first = firstRow(scrollTop, { total, visible, natural, drawn, bodyHeight });
  const last = Math.min(total, first + visible);

  useEffect(() => {
    if (!shape) return;
    const own = generation.current;
    for (
      let block = Math.floor(first / BLOCK);
      block <= Math.floor(Math.max(first, last - 1) / BLOCK);
      block += 1
    )
      fetchBlock(block, own);
  }, [first, last, shape]);

  const jumpTo = (row: number) => {
    const element = scroller.current;
    if (!element || total === 0) return;
    const target = Math.min(Math.max(1, row), total) - 1;
    element.scrollTop =
      natural === drawn
        ? target * ROW_HEIGHT
        : (target / Math.max(1, total - visible)) * Math.max(0, drawn - bodyHeight);
  };

  if (refused) return null;
  if (!shape) return <p className="muted">Reading the rows…</p>;
  const widths = shape.columns.map(widthOf);
  const tableStyle: CSSProperties = { width: widths.reduce((sum, w) => sum + w, 0) };
  const top = natural === drawn ? first * ROW_HEIGHT : scrollTop;
  const rows: Array<{ position: number; row: Row | undefined }> = [];
  for (let position = first; position < last; position += 1)
    rows.push({ position, row: blocks.get(Math.floor(position / BLOCK))?.[position % BLOCK] });
  const columns = (
    <colgroup>
      {widths.map((width, i) => (
        <col key={i} style={{ width }} />
      ))}
    </colgroup>
  );
  return (
    <>
      {shape.focus && (
        <p className="records-caption" data-testid="focus-description">
          {shape.focus.description}: {f.count(total)} rows of {shape.table}
        </p>
      )}
      {total === 0 ? (
        <p className="records-none" data-testid="records-range">
          {query.search
            ? `No row contains “${query.search}”.`
            : shape.focus
              ? 'No rows are counted in this number.'
              : 'This table is empty.'}
        </p>
      ) : (
        <div
          className="records-scroller"
          ref={scroller}
          onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
          tabIndex={0}
          aria-label="Records, scrollable"
        >
          <table className="records records-head" style={tableStyle} aria-label="Columns">
            {columns}
            <thead>
              <tr>
                {shape.columns.map((column) => (
                  <th key={column} title={column}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
          </table>
          <div className="records-space" style={{ height: drawn, width: tableStyle.width }}>
            <table
              className="records"
              aria-label="Records"
              aria-rowcount={total}
              style={{ ...tableStyle, transform: `translateY(${top}px)` }}
            >
              {columns}
              <tbody>
                {rows.map(({ position, row }) => (
                  <tr key={position} aria-rowindex={position + 1} style={{ height: ROW_HEIGHT }}>
                    {row
                      ? row.map((cell, j) => (
                          <td
                            key={j}
                            className={typeof cell === 'number' ? 'figure' : undefined}
                            title={cell === null ? undefined : String(cell)}
                          >
                            {cell === null ? '—' : String(cell)}
                          </td>
                        ))
                      : shape.columns.map((column) => (
                          <td key={column} className="loading" aria-busy="true" />
                        ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {total > 0 && (
        <form
          className="pager"
          onSubmit={(event) => {
            event.preventDefault();
            const row = Number(jump.replace(/[\s,.]/g, ''));
            if (Number.isFinite(row) && row > 0) jumpTo(row);
          }}
        >
          <span data-testid="records-range">
            Rows {f.count(first + 1)}–{f.count(last)} of {f.count(total)}
            {shape.capped ? '+' : ''}
          </span>
          {shape.capped && (
            <span className="muted">
              A search stops counting at {f.count(total)} matches; a more specific one finds fewer.
            </span>
          )}
          <label className="jump">
            Go to row
            <input
              inputMode="numeric"
              value={jump}
              size={9}
              aria-label="Go to row"
              onChange={(event) => setJump(event.target.value)}
            />
          </label>
          <button type="submit">Go</button>
        </form>
      )}
    </>
  );
}

/**
 * The first row in view: 30 px per row while the scroll area can hold every row, else the scroll
 * fraction of the drawn height as a fraction of the row positions.
 */
function firstRow(
  scrollTop: number,
  s: { total: number; visible: number; natural: number; drawn: number; bodyHeight: number },
): number {
  const lastFirst = Math.max(0, s.total - s.visible);
  if (s.natural === s.drawn) return Math.min(lastFirst, Math.floor(scrollTop / ROW_HEIGHT));
  const fraction = scrollTop / Math.max(1, s.drawn - s.bodyHeight);
  return Math.min(lastFirst, Math.round(fraction * lastFirst));
}

/**
 * Column widths by what columns hold (free text wide, ids and dates narrower, figures narrow), and
 * never narrower than the column's name in the header's small capitals.
 */
function widthOf(column: string): number {
  return Math.max(contentWidth(column), column.length * 11 + 28);
}

function contentWidth(column: string): number {
  if (column === 'comment' || column === 'attributes' || column === 'aliases') return 280;
  if (/^(name|plan|touchpoint|channel|segment|region|role|department|journey_stage)$/.test(column))
    return 150;
  if (/score|scale|mrr|count|value|import_id|churned$|importance|spend|margin|superior/.test(column))
    return 96;
  if (/_id$|^respondent$/.test(column)) return 132;
  return 120;
}
