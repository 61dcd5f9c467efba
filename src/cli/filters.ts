import { withEngagement, type Command } from './command';
import type { Db } from '../core/store';
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

/** What an analysis command (scorecard, gap) computes from, read from its arguments. */
export interface AnalysisRequest {
  period?: string;
  filters: Record<string, string>;
}

/**
 * `cxbrief <name> X.cxb [--period P] [--filter key=value …] [--json]`: opens the engagement,
 * computes, prints JSON or the table. Errors the input explains (a bad period …) become usage errors.
 */
export function analysisCommand<T>(
  name: string,
  compute: (db: Db, request: AnalysisRequest) => T,
  render: (result: T) => string,
  isInputError: (error: unknown) => boolean,
): Command {
  return {
    usage: 'X.cxb [--period P] [--filter key=value …] [--json]',
    options: {
      period: { type: 'string' },
      filter: { type: 'string', multiple: true },
      json: { type: 'boolean' },
    },
    run(positionals, values) {
      const [file] = positionals;
      if (!file) throw new UsageError(`name the engagement file: cxbrief ${name} X.cxb`);
      if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
      const request: AnalysisRequest = {
        ...(values.period ? { period: String(values.period) } : {}),
        filters: parseFilters((values.filter as string[] | undefined) ?? []),
      };
      const result = withEngagement(file, isInputError, (db) => compute(db, request));
      console.log(values.json ? JSON.stringify(result, null, 2) : render(result));
      return Promise.resolve(0);
    },
  };
}
