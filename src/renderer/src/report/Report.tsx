/**
 * The report view: renders a BriefingPack as explicit pages. It first lays every block out in a
 * hidden column of the page's width (fonts loaded), measures it, splits it into pages (paginate.ts)
 * and renders those pages; once every chart is drawn and the fonts are ready it reports "ready"
 * with the number of pages, which is when a printer may print.
 */
import { Fragment, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { BriefingPack } from '../../../core/api/contract';
import { MeasuringContext, drawnCanvases } from '../charts';
import { paginate, type MeasuredBlock, type PlannedPage } from './paginate';
import { buildSections, type Block, type Geometry, type Section } from './sections';

export type Paper = 'a4' | 'letter';

const MM = 96 / 25.4;

/** Landscape page sizes and the margins of the @page rule (mm); the bottom margin holds the footer. */
export const PAPER: Record<Paper, { width: number; height: number; css: string }> = {
  a4: { width: 297, height: 210, css: 'A4 landscape' },
  letter: { width: 279.4, height: 215.9, css: 'letter landscape' },
};
export const MARGIN = { top: 14, right: 14, bottom: 16, left: 14 };
// A page section a little shorter than the page box, so rounding never pushes it onto a new page.
const SAFETY_MM = 1;

export function geometryOf(paper: Paper): Geometry {
  const p = PAPER[paper];
  return {
    width: Math.floor((p.width - MARGIN.left - MARGIN.right) * MM),
    height: Math.floor((p.height - MARGIN.top - MARGIN.bottom - SAFETY_MM) * MM),
  };
}

/** CSS string literal (the footer carries user text: engagement name). */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

export function pageRule(pack: BriefingPack, paper: Paper): string {
  const footer = `${pack.engagement.name} · ${pack.period.display} · Confidential · page `;
  return `@page { size: ${PAPER[paper].css}; margin: ${MARGIN.top}mm ${MARGIN.right}mm ${MARGIN.bottom}mm ${MARGIN.left}mm;
  @bottom-center { content: ${cssString(footer)} counter(page) " of " counter(pages);
    font-family: 'Noto Sans', 'Noto Sans KR', 'Noto Sans Arabic', sans-serif; font-size: 8pt; color: #4b5563; } }`;
}

/**
 * A block as measured or as placed. A placed part of a table gets the column widths the whole
 * table had when measured (fixed layout), so its rows are exactly as tall as measured.
 */
function renderBlock(
  block: Block,
  part?: { from: number; to: number; continued: boolean },
  columns?: number[],
): ReactNode {
  if (block.kind !== 'table') return block.node;
  const rows = part ? block.rows.slice(part.from, part.to) : block.rows;
  return (
    <>
      <div className="caption" data-part="caption">
        {block.caption}
        {part?.continued && <span className="muted"> (continued)</span>}
      </div>
      <table className={block.className} style={columns ? { tableLayout: 'fixed' } : undefined}>
        {columns && (
          <colgroup>
            {columns.map((width, i) => (
              <col key={i} style={{ width }} />
            ))}
          </colgroup>
        )}
        <thead data-part="head">{block.head}</thead>
        <tbody>
          {rows.map((row, i) => (
            <Fragment key={i}>{row}</Fragment>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The widths of each table's columns as laid out whole, by block id. */
function columnWidths(root: HTMLElement, sections: Section[]): Map<string, number[]> {
  const widths = new Map<string, number[]>();
  for (const block of sections.flatMap((s) => s.blocks)) {
    if (block.kind !== 'table') continue;
    const row = root.querySelector(`[data-block="${CSS.escape(block.id)}"] thead tr`);
    if (row)
      widths.set(
        block.id,
        [...row.children].map((cell) => cell.getBoundingClientRect().width),
      );
  }
  return widths;
}

function measure(root: HTMLElement, sections: Section[]) {
  const height = (el: Element | null) => (el ? el.getBoundingClientRect().height : 0);
  return sections.map((section) => ({
    id: section.id,
    blocks: section.blocks.map((block): MeasuredBlock => {
      const el = root.querySelector(`[data-block="${CSS.escape(block.id)}"]`);
      if (block.kind !== 'table') return { kind: block.kind, id: block.id, height: height(el) };
      const style = el ? getComputedStyle(el) : null;
      const padding = style ? parseFloat(style.paddingBottom) + parseFloat(style.paddingTop) : 0;
      return {
        kind: 'table',
        id: block.id,
        caption: height(el?.querySelector('[data-part="caption"]') ?? null) + padding,
        head: height(el?.querySelector('[data-part="head"]') ?? null),
        rows: [...(el?.querySelectorAll('tbody > tr') ?? [])].map((tr) => height(tr)),
      };
    }),
  }));
}

async function allChartsDrawn(timeoutMs: number): Promise<void> {
  const started = performance.now();
  for (;;) {
    const canvases = [...document.querySelectorAll('canvas')];
    if (canvases.every((c) => drawnCanvases.has(c))) return;
    if (performance.now() - started > timeoutMs) throw new Error('A chart was not drawn in time.');
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

export function Report({
  pack,
  paper,
  onReady,
}: {
  pack: BriefingPack;
  paper: Paper;
  onReady?: (pages: number) => void;
}) {
  const geometry = useMemo(() => geometryOf(paper), [paper]);
  const sections = useMemo(() => buildSections(pack, geometry), [pack, geometry]);
  const byId = useMemo(() => new Map(sections.flatMap((s) => s.blocks).map((b) => [b.id, b])), [sections]);
  const [plan, setPlan] = useState<PlannedPage[] | null>(null);
  const [columns, setColumns] = useState<Map<string, number[]>>(new Map());
  const measuring = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    setPlan(null);
    void (async () => {
      const root = measuring.current;
      if (!root) return;
      // Ask for every face the text needs (CJK and Arabic subsets load by unicode-range).
      const text = root.textContent ?? '';
      await Promise.all(
        [
          '400 11pt "Noto Sans"',
          '700 11pt "Noto Sans"',
          '400 11pt "Noto Sans KR"',
          '400 11pt "Noto Sans Arabic"',
        ].map((font) => document.fonts.load(font, text).catch(() => [])),
      );
      await document.fonts.ready;
      if (cancelled) return;
      setColumns(columnWidths(root, sections));
      setPlan(paginate(measure(root, sections), geometry.height));
    })();
    return () => {
      cancelled = true;
    };
  }, [sections, geometry]);

  useEffect(() => {
    if (!plan) return;
    void (async () => {
      await allChartsDrawn(15_000);
      await document.fonts.ready;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      onReady?.(plan.length);
    })();
  }, [plan, onReady]);

  return (
    <div
      className={`report paper-${paper}`}
      style={{
        ['--page-width' as string]: `${geometry.width}px`,
        ['--page-height' as string]: `${geometry.height}px`,
      }}
    >
      <style>{pageRule(pack, paper)}</style>
      {!plan && (
        <MeasuringContext.Provider value={true}>
          <div className="measure" ref={measuring} aria-hidden="true">
            {sections.map((s) => (
              <div key={s.id} className={`section section-${s.id}`}>
                {s.blocks.map((b) => (
                  <div key={b.id} className={`block block-${b.kind}`} data-block={b.id}>
                    {renderBlock(b)}
                  </div>
                ))}
              </div>
            ))}
          </div>
        </MeasuringContext.Provider>
      )}
      {plan?.map((page, i) => (
        <section
          key={i}
          className={`page section-${page.section}`}
          data-page={i + 1}
          data-section={page.section}
        >
          {page.items.map((item, j) => {
            const block = byId.get(item.id);
            if (!block) return null;
            return (
              <div key={j} className={`block block-${block.kind}`}>
                {item.kind === 'table' ? renderBlock(block, item, columns.get(block.id)) : renderBlock(block)}
              </div>
            );
          })}
        </section>
      ))}
    </div>
  );
}
