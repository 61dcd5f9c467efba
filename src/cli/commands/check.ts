import { UserError } from '../../core/api';
import { withEngagement, type Command } from '../command';
import { UsageError, say } from '../output';

/**
 * `cxbrief check X.cxb`: SQLite's full integrity and foreign-key checks on demand (opening runs
 * them only after an unclean close). Exit 0 when the file is sound, 1 naming the first problems.
 */
export const checkCommand: Command = {
  usage: 'X.cxb [--json]',
  options: { json: { type: 'boolean' } },
  async run(positionals, values, api): Promise<number> {
    const [path] = positionals;
    if (!path || positionals.length > 1) throw new UsageError('usage: cxbrief check X.cxb');
    const result = await withEngagement(api, path, () => api.call('engagement:check', {}));
    if (values.json) {
      say(JSON.stringify(result, null, 2));
      return result.ok ? 0 : 1;
    }
    if (!result.ok)
      throw new UserError(
        'corrupt',
        `${path} failed SQLite's integrity check: ${result.problems.slice(0, 3).join('; ')}. Restore it from a backup.`,
      );
    say(`${path} passed SQLite's integrity and foreign-key checks (${result.seconds.toFixed(2)} s).`);
    return 0;
  },
};
