import { SETTING_KEYS } from '../../core/api';
import { withEngagement, type Command } from '../command';
import { UsageError, say, table } from '../output';

export const settingsCommand: Command = {
  usage: `X.cxb [key=value …] [--json]   (keys: ${SETTING_KEYS.join(', ')}; key= resets to the default)`,
  options: { json: { type: 'boolean' } },
  async run(positionals, values, api): Promise<number> {
    const [path, ...pairs] = positionals;
    if (!path) throw new UsageError('usage: cxbrief settings X.cxb [key=value …]');
    const changes: Record<string, string> = {};
    for (const pair of pairs) {
      const at = pair.indexOf('=');
      if (at <= 0) throw new UsageError(`expected key=value, got "${pair}"`);
      changes[pair.slice(0, at).trim()] = pair.slice(at + 1);
    }
    const { settings, stored } = await withEngagement(api, path, () =>
      pairs.length ? api.call('settings:set', { values: changes }) : api.call('settings:get', {}),
    );
    if (values.json) {
      say(JSON.stringify(settings, null, 2));
      return 0;
    }
    const rows: Array<[string, string | number | null, string]> = [
      ['currency', settings.currency, stored.currency ? 'set' : 'default'],
      ['locale', settings.locale, stored.locale ? 'set' : 'default'],
      ['fiscal_year_start', settings.fiscalYearStart, stored.fiscal_year_start ? 'set' : 'default'],
      ['gross_margin', settings.grossMargin, stored.gross_margin ? 'set' : 'not set'],
      ['population_size', settings.populationSize, stored.population_size ? 'set' : 'not set'],
      [
        'servqual_weights',
        settings.servqualWeights === null ? null : JSON.stringify(settings.servqualWeights),
        stored.servqual_weights ? 'set' : 'not set',
      ],
    ];
    say(table(['setting', 'value', ''], rows));
    return 0;
  },
};

export const targetsCommand: Command = {
  usage:
    'X.cxb [--import targets.csv] [--json]   (CSV columns: metric, period, value, direction, amber_tolerance)',
  options: { import: { type: 'string' }, json: { type: 'boolean' } },
  async run(positionals, values, api): Promise<number> {
    const [path] = positionals;
    if (!path || positionals.length > 1)
      throw new UsageError('usage: cxbrief targets X.cxb [--import targets.csv] [--json]');
    const targets = await withEngagement(api, path, async () => {
      if (values.import) {
        const result = await api.call('targets:import', { file: String(values.import) });
        if (!values.json) say(`Imported ${result.rowsAccepted} targets (import ${result.importId}).`);
      }
      return api.call('targets:list', {});
    });
    if (values.json) {
      say(JSON.stringify(targets, null, 2));
      return 0;
    }
    if (targets.length === 0) {
      say(
        'No targets. Import some with --import targets.csv (metric, period, value, direction, amber_tolerance).',
      );
      return 0;
    }
    say(
      table(
        ['metric', 'period', 'target', 'direction', 'amber tolerance', 'source'],
        targets.map((t) => [
          t.metric,
          t.period,
          t.value,
          t.direction,
          t.amberTolerance,
          t.importId === null ? 'by hand' : `import ${t.importId}`,
        ]),
      ),
    );
    return 0;
  },
};
