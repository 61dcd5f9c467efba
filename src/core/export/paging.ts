/**
 * Tables paged by our own code (pptxgenjs's autoPage splits at guessed heights): a table is cut into
 * pages of at most `perPage` body rows, and every page repeats the header.
 */
export interface TablePage<Row> {
  rows: Row[];
  /** 1-based page number and the count of pages, for "continued" titles. */
  page: number;
  pages: number;
}

export function pageRows<Row>(rows: readonly Row[], perPage: number): TablePage<Row>[] {
  if (!(perPage >= 1)) throw new RangeError(`A table page holds at least one row, not ${perPage}.`);
  const pages = Math.max(1, Math.ceil(rows.length / perPage));
  return Array.from({ length: pages }, (_, i) => ({
    rows: rows.slice(i * perPage, (i + 1) * perPage),
    page: i + 1,
    pages,
  }));
}
