import { withEngagement, type Command } from './command';
import type { Api } from './host';
import { UsageError, say } from './output';

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
 * `cxbrief <name> X.cxb [--period P] [--filter key=value …] [--json]`: asks the engine for the
 * analysis of the engagement and prints JSON or the table.
 */
export function analysisCommand<T>(
  name: string,
  compute: (api: Api, request: AnalysisRequest) => Promise<T>,
  render: (result: T) => string,
): Command {
  return {
    usage: 'X.cxb [--period P] [--filter key=value …] [--json]',
    options: {
      period: { type: 'string' },
      filter: { type: 'string', multiple: true },
      json: { type: 'boolean' },
    },
    async run(positionals, values, api) {
      const [file] = positionals;
      if (!file) throw new UsageError(`name the engagement file: cxbrief ${name} X.cxb`);
      if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
      const request: AnalysisRequest = {
        ...(values.period ? { period: String(values.period) } : {}),
        filters: parseFilters((values.filter as string[] | undefined) ?? []),
      };
      const result = await withEngagement(api, file, () => compute(api, request));
      say(values.json ? JSON.stringify(result, null, 2) : render(result));
      return 0;
    },
  };
}
