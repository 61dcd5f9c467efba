import { UsageError } from './output';

/** `--filter key=value` flags (scorecard, gap) as one record; a key given twice is an error. */
export function parseFilters(pairs: string[]): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`expected --filter key=value, got "${pair}"`);
    const key = pair.slice(0, at).trim();
    if (key in filters) throw new UsageError(`--filter ${key} given twice`);
    filters[key] = pair.slice(at + 1).trim();
  }
  return filters;
}
