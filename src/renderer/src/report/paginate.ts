/**
 * Splits measured report blocks into pages: every section starts a page; a chart or card (a box)
 * is never split; a heading stays with what follows; a table is split between rows and each
 * continuation repeats its caption ("continued") and header. Pure: heights in, placement out.
 */

export type MeasuredBlock =
  | { kind: 'heading'; id: string; height: number }
  | { kind: 'box'; id: string; height: number }
  | { kind: 'table'; id: string; caption: number; head: number; rows: number[] };

export interface MeasuredSection {
  id: string;
  blocks: MeasuredBlock[];
}

export type Placed =
  | { kind: 'heading' | 'box'; id: string }
  | { kind: 'table'; id: string; from: number; to: number; continued: boolean };

export interface PlannedPage {
  section: string;
  items: Placed[];
  /** Height used, for tests and for spotting a box taller than a page. */
  used: number;
}

/** The smallest height a block needs on a page (a table: caption, header and its first row). */
function minimumOf(block: MeasuredBlock | undefined): number {
  if (!block) return 0;
  if (block.kind === 'table') return block.caption + block.head + (block.rows[0] ?? 0);
  return block.height;
}

export function paginate(sections: readonly MeasuredSection[], pageHeight: number): PlannedPage[] {
  const pages: PlannedPage[] = [];
  for (const section of sections) {
    let page: PlannedPage = { section: section.id, items: [], used: 0 };
    pages.push(page);
    const newPage = () => {
      page = { section: section.id, items: [], used: 0 };
      pages.push(page);
    };
    const fits = (height: number) => page.used + height <= pageHeight;
    section.blocks.forEach((block, i) => {
      if (block.kind !== 'table') {
        const need =
          block.kind === 'heading' ? block.height + minimumOf(section.blocks[i + 1]) : block.height;
        if (!fits(need) && page.items.length > 0) newPage();
        page.items.push({ kind: block.kind, id: block.id });
        page.used += block.height;
        return;
      }
      let from = 0;
      while (from < block.rows.length) {
        const fixed = block.caption + block.head;
        // (A heading before the table was placed only where the caption, header and first row fit.)
        if (!fits(fixed + (block.rows[from] ?? 0)) && page.items.length > 0) newPage();
        let to = from;
        let used = page.used + fixed;
        while (to < block.rows.length && used + (block.rows[to] ?? 0) <= pageHeight) {
          used += block.rows[to] ?? 0;
          to++;
        }
        if (to === from) {
          used += block.rows[to] ?? 0;
          to++;
        }
        page.items.push({ kind: 'table', id: block.id, from, to, continued: from > 0 });
        page.used = used;
        from = to;
        if (from < block.rows.length) newPage();
      }
      if (block.rows.length === 0) {
        page.items.push({ kind: 'table', id: block.id, from: 0, to: 0, continued: false });
        page.used += block.caption + block.head;
      }
    });
  }
  return pages;
}
