import { parseArgs } from 'node:util';
import { EngagementFileError } from '../core/store';
import { ImportCancelled, ImportError } from '../core/import';
import type { Command } from './command';
import { UsageError } from './output';
import { inspectCommand } from './commands/inspect';
import { importCommand, importsCommand, removeImportCommand } from './commands/import';
import { gapCommand } from './commands/gap';
import { mappingsCommand } from './commands/mappings';
import { demoCommand } from './commands/demo';
import { exportCommand } from './commands/export';
import { PdfExportError } from '../core/export/pdf';
import { PackFileError } from '../core/export/write-file';
import { scorecardCommand } from './commands/scorecard';
import { settingsCommand, targetsCommand } from './commands/settings';

const COMMANDS: Record<string, Command> = {
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

Exit codes: 0 ok, 1 user error (one-line reason on stderr), 2 bug.`;

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`cxbrief: unknown command "${name}". Run cxbrief --help.`);
    return 1;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: true,
      strict: true,
    });
    return await command.run(positionals, values as Record<string, unknown>);
  } catch (error) {
    return reportError(name, error);
  }
}

function reportError(name: string, error: unknown): number {
  if (
    error instanceof UsageError ||
    error instanceof ImportError ||
    error instanceof EngagementFileError ||
    error instanceof PdfExportError ||
    error instanceof PackFileError ||
    error instanceof ImportCancelled
  ) {
    console.error(`cxbrief ${name}: ${error.message}`);
    return 1;
  }
  if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`cxbrief ${name}: ${error.message}. Usage: cxbrief ${name} ${COMMANDS[name]?.usage ?? ''}`);
    return 1;
  }
  console.error(
    `cxbrief ${name}: internal error (please report): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return 2;
}
