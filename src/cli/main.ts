import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { isUserError } from '../core/api';
import type { Command } from './command';
import { withErrorHint } from './hints';
import { BugReported, LOG_FILE, logBug, startEngine } from './host';
import { checkCommand } from './commands/check';
import { inspectCommand } from './commands/inspect';
import { importCommand, importsCommand, removeImportCommand } from './commands/import';
import { gapCommand } from './commands/gap';
import { mappingsCommand } from './commands/mappings';
import { demoCommand } from './commands/demo';
import { exportCommand } from './commands/export';
import { PdfExportError } from '../core/export/pdf';
import { scorecardCommand } from './commands/scorecard';
import { settingsCommand, targetsCommand } from './commands/settings';
import { say, sayError } from './output';

const COMMANDS: Record<string, Command> = {
  check: checkCommand,
  demo: demoCommand,
  export: exportCommand,
  inspect: inspectCommand,
  import: importCommand,
  imports: importsCommand,
  'remove-import': removeImportCommand,
  mappings: mappingsCommand,
  gap: gapCommand,
  scorecard: scorecardCommand,
  settings: settingsCommand,
  targets: targetsCommand,
};

const HELP = `cxbrief — CX Brief from the command line (never waits for input)

Usage:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  cxbrief ${name} ${command.usage}`)
  .join('\n')}

Exit codes: 0 ok, 1 user error (one-line reason on stderr), 2 bug (one line; the details go to
${LOG_FILE}).`;

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    say(HELP);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    sayError(`cxbrief: unknown command "${name}". Run cxbrief --help.`);
    return 1;
  }
  const api = startEngine();
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: true,
      strict: true,
    });
    return await command.run(positionals, values as Record<string, unknown>, api);
  } catch (error) {
    return reportError(name, error);
  } finally {
    api.close();
  }
}

/** One line on stderr: the user's error with the CLI's hint (exit 1), or a bug's log reference (exit 2). */
function reportError(name: string, error: unknown): number {
  if (isUserError(error)) {
    sayError(`cxbrief ${name}: ${withErrorHint(error.code, error.message)}`);
    return 1;
  }
  if (error instanceof PdfExportError) {
    sayError(`cxbrief ${name}: ${error.message}`);
    return 1;
  }
  if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    sayError(`cxbrief ${name}: ${error.message}. Usage: cxbrief ${name} ${COMMANDS[name]?.usage ?? ''}`);
    return 1;
  }
  let reference: string;
  if (error instanceof BugReported) reference = error.reference;
  else {
    reference = randomBytes(4).toString('hex');
    logBug(reference, error);
  }
  sayError(
    `cxbrief ${name}: internal error (reference ${reference}; please report it); details in ${LOG_FILE}`,
  );
  return 2;
}
