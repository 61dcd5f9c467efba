import { existsSync } from 'node:fs';
import type { CommitResult, EngineEvent, Mapping } from '../../core/api';
import { withEngagement, type Command } from '../command';
import { noteText } from '../hints';
import type { Api } from '../host';
import { mappingFromArgs, type MappingArgs } from '../mapping-args';
import { UsageError, formatCount, say, sayProgress, table } from '../output';

export const importCommand: Command = {
  usage:
    'FILE --into X.cxb --kind K [--map field=Column …] [--item Column=nps|csat|ces|rating[:min-max] …] [--mapping FILE|TEMPLATE] [--save-mapping NAME] [--sheet S] [--date-format F] [--replace|--skip-duplicate] [--accept-rejects] [--json]',
  options: {
    into: { type: 'string' },
    kind: { type: 'string' },
    map: { type: 'string', multiple: true },
    item: { type: 'string', multiple: true },
    mapping: { type: 'string' },
    'save-mapping': { type: 'string' },
    sheet: { type: 'string' },
    encoding: { type: 'string' },
    delimiter: { type: 'string' },
    decimal: { type: 'string' },
    'date-format': { type: 'string' },
    'header-row': { type: 'string' },
    'header-rows': { type: 'string' },
    replace: { type: 'boolean' },
    'skip-duplicate': { type: 'boolean' },
    'accept-rejects': { type: 'boolean' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean' },
  },
  async run(positionals, values, api): Promise<number> {
    const [file] = positionals;
    const into = values.into as string | undefined;
    if (!file || !into) throw new UsageError('usage: cxbrief import FILE --into X.cxb --kind K …');
    if (values.replace && values['skip-duplicate'])
      throw new UsageError('choose one of --replace and --skip-duplicate');
    // A --mapping that is no file names a template saved in the engagement: resolved once it is open.
    const templateName =
      typeof values.mapping === 'string' && !existsSync(values.mapping) ? values.mapping : null;
    const early = templateName === null ? mappingFromArgs(values as MappingArgs) : null;
    const opened = await api.call('engagement:open', { path: into, create: true });
    let imported = false;
    try {
      const template = templateName === null ? null : await savedMapping(api, templateName);
      const choice = early ?? mappingFromArgs(values as MappingArgs, () => template);
      if (!values.quiet && !values.json && process.stderr.isTTY) api.on(printProgress);
      const preview = await api.call('import:preview', {
        file,
        ...choice,
        ...(values.sheet ? { sheet: String(values.sheet) } : {}),
        ...(values.encoding ? { encoding: String(values.encoding) } : {}),
        ...(values.delimiter ? { delimiter: String(values.delimiter) } : {}),
      });
      // A refused preview is refused again by the commit, after the template name is checked.
      const report = await api.call('import:commit', {
        preview,
        acceptRejects: Boolean(values['accept-rejects']),
        onDuplicate: values.replace ? 'replace' : values['skip-duplicate'] ? 'skip' : 'refuse',
        ...(values['save-mapping'] === undefined ? {} : { saveMappingAs: String(values['save-mapping']) }),
      });
      if (values.json) say(JSON.stringify(report, null, 2));
      else printReport(report);
      imported = true;
      const saved = report.savedTemplate;
      if (saved && !values.json && !values.quiet)
        say(
          `  ${saved.replaced ? 'replaced' : 'saved'} the mapping as template "${saved.name}"; reuse it with --mapping "${saved.name}".`,
        );
      return 0;
    } finally {
      // A refused first import leaves no empty engagement behind.
      await api.call('engagement:close', { discardIfUnused: opened.created && !imported });
    }
  },
};

async function savedMapping(api: Api, name: string): Promise<Mapping | null> {
  if (name.trim() === '' || name.length > 200) return null;
  return (await api.call('mappings:get', { name }))?.mapping ?? null;
}

function printProgress(event: EngineEvent): void {
  if (event.name !== 'import:progress') return;
  const progress = (event as EngineEvent<'import:progress'>).payload;
  sayProgress(
    `  ${(progress.fraction * 100).toFixed(0).padStart(3)}%  ${formatCount(progress.rows)} rows`,
    progress.phase === 'finishing',
  );
}

function printReport(report: CommitResult): void {
  if (report.status === 'skipped-duplicate') {
    say(`${report.fileName}: already imported (same sha256); skipped.`);
    return;
  }
  say(
    `Imported ${report.fileName} as ${report.kind} (import ${report.importId}): ${formatCount(report.rowsRead)} rows read, ` +
      `${formatCount(report.rowsAccepted)} accepted, ${formatCount(report.rowsRejected)} rejected, ` +
      `${formatCount(report.factsWritten)} ${report.kind} rows written` +
      (report.blanksSkipped ? `, ${formatCount(report.blanksSkipped)} blank/NA answers skipped` : '') +
      '.',
  );
  if (report.encoding) say(`  encoding: ${report.encoding}`);
  for (const note of report.noteDetails) say(`  note: ${noteText(note)}`);
  if (report.rejects.length) {
    say('  rejected (first 10; all are kept in the file for review):');
    say(
      table(
        ['row', 'column', 'value', 'reason'],
        report.rejects
          .slice(0, 10)
          .map((r) => [r.rowNumber, r.column, (r.value ?? '').slice(0, 30), r.reason]),
      )
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n'),
    );
  }
}

export const importsCommand: Command = {
  usage: 'X.cxb [--json]',
  options: { json: { type: 'boolean' } },
  async run(positionals, values, api): Promise<number> {
    const [path] = positionals;
    if (!path) throw new UsageError('usage: cxbrief imports X.cxb');
    const imports = await withEngagement(api, path, () => api.call('imports:list', {}));
    if (values.json) {
      say(JSON.stringify(imports, null, 2));
      return 0;
    }
    if (imports.length === 0) {
      say('No imports yet.');
      return 0;
    }
    say(
      table(
        ['id', 'file', 'kind', 'sheet', 'read', 'accepted', 'rejected', 'written', 'imported at', 'sha256'],
        imports.map((i) => [
          i.id,
          i.fileName,
          i.kind,
          i.sheet,
          i.rowsRead,
          i.rowsAccepted,
          i.rowsRejected,
          i.factsWritten,
          i.importedAt.slice(0, 19).replace('T', ' '),
          i.sha256.slice(0, 12),
        ]),
      ),
    );
    return 0;
  },
};

export const removeImportCommand: Command = {
  usage: 'X.cxb ID',
  options: {},
  async run(positionals, _values, api): Promise<number> {
    const [path, idText] = positionals;
    const id = Number(idText);
    if (!path || !Number.isInteger(id) || id < 1)
      throw new UsageError('usage: cxbrief remove-import X.cxb ID (see cxbrief imports)');
    const removed = await withEngagement(api, path, () => api.call('imports:remove', { id }));
    say(
      `Removed import ${id}: ${formatCount(removed.rowsRemoved)} ${removed.table} rows; earlier values restored where they existed.`,
    );
    return 0;
  },
};
