import { existsSync } from 'node:fs';
import type { Command } from '../command';
import { importFile, type ImportProgress, type ImportReport } from '../../core/import';
import { listImports, openEngagement, removeImport } from '../../core/store';
import { TemplateError, checkTemplateName, getTemplate, saveTemplate } from '../../core/import/templates';
import { mappingFromArgs, type MappingArgs } from '../mapping-args';
import { UsageError, formatCount, table } from '../output';

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
  async run(positionals: string[], values: Record<string, unknown>): Promise<number> {
    const [file] = positionals;
    const into = values.into as string | undefined;
    if (!file || !into) throw new UsageError('usage: cxbrief import FILE --into X.cxb --kind K …');
    if (values.replace && values['skip-duplicate'])
      throw new UsageError('choose one of --replace and --skip-duplicate');
    const saveAs = values['save-mapping'] === undefined ? null : String(values['save-mapping']);
    if (saveAs !== null) templateName(saveAs);
    // A --mapping that is no file names a template saved in the engagement: resolved once it is open.
    const wantsTemplate = typeof values.mapping === 'string' && !existsSync(values.mapping);
    let choice = wantsTemplate ? null : mappingFromArgs(values as MappingArgs);
    const engagement = openEngagement(into);
    try {
      choice ??= mappingFromArgs(
        values as MappingArgs,
        (name) => getTemplate(engagement.db, name)?.mapping ?? null,
      );
      const report = await importFile(engagement.db, {
        file,
        ...choice,
        ...(values.sheet ? { sheet: String(values.sheet) } : {}),
        ...(values.encoding ? { encoding: String(values.encoding) } : {}),
        ...(values.delimiter ? { delimiter: String(values.delimiter) } : {}),
        acceptRejects: Boolean(values['accept-rejects']),
        onDuplicate: values.replace ? 'replace' : values['skip-duplicate'] ? 'skip' : 'refuse',
        ...(values.quiet || values.json || !process.stderr.isTTY ? {} : { onProgress: printProgress }),
      });
      let saved: { replaced: boolean } | null = null;
      if (saveAs !== null && report.status === 'imported' && report.mapping)
        saved = saveMapping(engagement.db, saveAs, report.mapping);
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else printReport(report);
      if (saved && !values.json && !values.quiet)
        console.log(
          `  ${saved.replaced ? 'replaced' : 'saved'} the mapping as template "${saveAs}"; reuse it with --mapping "${saveAs}".`,
        );
      return 0;
    } finally {
      engagement.close();
    }
  },
};

function templateName(name: string): string {
  try {
    return checkTemplateName(name);
  } catch (error) {
    if (error instanceof TemplateError) throw new UsageError(error.message);
    throw error;
  }
}

function saveMapping(
  db: Parameters<typeof saveTemplate>[0],
  name: string,
  mapping: NonNullable<ImportReport['mapping']>,
): { replaced: boolean } {
  try {
    return saveTemplate(db, name, mapping);
  } catch (error) {
    if (error instanceof TemplateError) throw new UsageError(error.message);
    throw error;
  }
}

function printProgress(progress: ImportProgress): void {
  process.stderr.write(
    `\r  ${progress.percent.toFixed(0).padStart(3)}%  ${formatCount(progress.rowsRead)} rows`,
  );
  if (progress.phase === 'finishing') process.stderr.write('\n');
}

function printReport(report: ImportReport): void {
  if (report.status === 'skipped-duplicate') {
    console.log(`${report.fileName}: already imported (same sha256); skipped.`);
    return;
  }
  console.log(
    `Imported ${report.fileName} as ${report.kind} (import ${report.importId}): ${formatCount(report.rowsRead)} rows read, ` +
      `${formatCount(report.rowsAccepted)} accepted, ${formatCount(report.rowsRejected)} rejected, ` +
      `${formatCount(report.factsWritten)} ${report.kind} rows written` +
      (report.blanksSkipped ? `, ${formatCount(report.blanksSkipped)} blank/NA answers skipped` : '') +
      '.',
  );
  if (report.encoding) console.log(`  encoding: ${report.encoding}`);
  for (const note of report.notes) console.log(`  note: ${note}`);
  if (report.rejects.length) {
    console.log('  rejected (first 10; all are kept in the file for review):');
    console.log(
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
  async run(positionals: string[], values: Record<string, unknown>): Promise<number> {
    const [path] = positionals;
    if (!path) throw new UsageError('usage: cxbrief imports X.cxb');
    const engagement = openEngagement(path, { create: false });
    try {
      const imports = listImports(engagement.db);
      if (values.json) {
        console.log(JSON.stringify(imports, null, 2));
        return 0;
      }
      if (imports.length === 0) {
        console.log('No imports yet.');
        return 0;
      }
      console.log(
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
    } finally {
      engagement.close();
    }
  },
};

export const removeImportCommand: Command = {
  usage: 'X.cxb ID',
  options: {},
  async run(positionals: string[]): Promise<number> {
    const [path, idText] = positionals;
    const id = Number(idText);
    if (!path || !Number.isInteger(id))
      throw new UsageError('usage: cxbrief remove-import X.cxb ID (see cxbrief imports)');
    const engagement = openEngagement(path, { create: false });
    try {
      const removed = removeImport(engagement.db, id);
      if (!removed) throw new UsageError(`there is no import ${id} in ${path}`);
      console.log(
        `Removed import ${id}: ${formatCount(removed.rowsRemoved)} ${removed.table} rows; earlier values restored where they existed.`,
      );
      return 0;
    } finally {
      engagement.close();
    }
  },
};
