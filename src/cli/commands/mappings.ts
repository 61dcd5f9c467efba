import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { UserError, type Mapping } from '../../core/api';
import type { Command } from '../command';
import type { Api } from '../host';
import { UsageError, say, table } from '../output';

const USAGE =
  'X.cxb list | show NAME | save NAME --from FILE.json|--from-import ID | export NAME [--out F] | import F.json [--name N] | delete NAME  [--json]';

/**
 * `cxbrief mappings`: the engagement's saved mapping templates. A template is applied with
 * `cxbrief import FILE --into X.cxb --mapping NAME` and made with `--save-mapping NAME`.
 */
export const mappingsCommand: Command = {
  usage: USAGE,
  options: {
    from: { type: 'string' },
    'from-import': { type: 'string' },
    out: { type: 'string' },
    name: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(positionals, values, api): Promise<number> {
    const [path, sub = 'list', argument, ...extra] = positionals;
    if (!path) throw new UsageError(`usage: cxbrief mappings ${USAGE}`);
    if (extra.length)
      throw new UsageError(`unexpected "${extra.join(' ')}"; usage: cxbrief mappings ${USAGE}`);
    const needsArgument = ['show', 'save', 'export', 'import', 'delete'];
    if (!['list', ...needsArgument].includes(sub))
      throw new UsageError(
        `unknown mappings action "${sub}"; use list, show, save, export, import or delete`,
      );
    if (needsArgument.includes(sub) && !argument)
      throw new UsageError(
        `cxbrief mappings ${sub} needs ${sub === 'import' ? 'a JSON file' : 'a template name'}`,
      );
    const name = argument ?? '';
    const run = async (): Promise<number> => {
      switch (sub) {
        case 'list': {
          const templates = await api.call('mappings:list', {});
          if (values.json) say(JSON.stringify(templates, null, 2));
          else if (templates.length === 0)
            say('No mapping templates. Save one with cxbrief import FILE --into X.cxb --save-mapping NAME.');
          else
            say(
              table(
                ['name', 'kind', 'columns', 'scored items', 'saved at'],
                templates.map((t) => [
                  t.name,
                  t.kind,
                  t.columns,
                  t.items,
                  t.savedAt.slice(0, 19).replace('T', ' '),
                ]),
              ),
            );
          return 0;
        }
        case 'show': {
          const template = await api.call('mappings:get', { name });
          if (!template)
            throw new UserError('template-missing', `there is no mapping template named "${name}".`);
          if (values.json) say(JSON.stringify(template.mapping, null, 2));
          else printTemplate(template.name, template.mapping);
          return 0;
        }
        case 'save': {
          const { mapping, source } = await mappingToSave(values, api);
          const { replaced } = await api.call('mappings:save', { name, mapping });
          say(`${replaced ? 'Replaced' : 'Saved'} mapping template "${name.trim()}" from ${source}.`);
          return 0;
        }
        case 'export': {
          const { json } = await api.call('mappings:export', { name });
          if (values.out) {
            writeFileSync(String(values.out), json);
            say(`Exported mapping template "${name}" to ${String(values.out)}.`);
          } else say(json.trimEnd());
          return 0;
        }
        case 'import': {
          const text = readText(name);
          const result = await api.call('mappings:import', {
            json: text,
            ...(values.name ? { name: String(values.name) } : {}),
          });
          say(
            `${result.replaced ? 'Replaced' : 'Imported'} mapping template "${result.name}" (${result.kind}).`,
          );
          return 0;
        }
        case 'delete': {
          await api.call('mappings:delete', { name });
          say(`Deleted mapping template "${name}".`);
          return 0;
        }
      }
      return 1;
    };
    const create = (sub === 'save' || sub === 'import') && !existsSync(path);
    await api.call(create ? 'engagement:create' : 'engagement:open', { path });
    try {
      return await run();
    } finally {
      await api.call('engagement:close', {});
    }
  },
};

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** `--from FILE.json` (a mapping or an exported template) or `--from-import ID` (that import's mapping). */
async function mappingToSave(
  values: Record<string, unknown>,
  api: Api,
): Promise<{ mapping: unknown; source: string }> {
  if (values.from && values['from-import'])
    throw new UsageError('choose one of --from FILE.json and --from-import ID');
  if (values.from) {
    const file = String(values.from);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readText(file));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    const mapping =
      parsed && typeof parsed === 'object' && 'mapping' in parsed
        ? (parsed as { mapping: unknown }).mapping
        : parsed;
    return { mapping, source: file };
  }
  if (values['from-import']) {
    const id = Number(values['from-import']);
    const record = (await api.call('imports:list', {})).find((i) => i.id === id);
    if (!record)
      throw new UsageError(`there is no import ${String(values['from-import'])} (see cxbrief imports)`);
    return { mapping: JSON.parse(record.mapping) as unknown, source: `import ${id} (${record.fileName})` };
  }
  throw new UsageError('cxbrief mappings save NAME needs --from FILE.json or --from-import ID');
}

function printTemplate(name: string, mapping: Mapping): void {
  say(`${name}: ${mapping.kind}${mapping.layout ? ` (${mapping.layout})` : ''}`);
  const settings = [
    mapping.dateFormat ? `date format ${mapping.dateFormat}` : null,
    mapping.decimal ? `decimal "${mapping.decimal}"` : null,
    mapping.headerRow ? `header row ${mapping.headerRow}` : null,
    mapping.headerRows && mapping.headerRows > 1 ? `${mapping.headerRows} header rows` : null,
    mapping.keepAttributes === false ? 'unmapped columns dropped' : null,
  ].filter(Boolean);
  if (settings.length) say(`  ${settings.join('; ')}`);
  const rows: Array<Array<string | number | null>> = [];
  for (const [field, column] of Object.entries(mapping.fields)) rows.push([column, field, null, null]);
  for (const item of mapping.items ?? []) {
    const use = [
      `${item.survey} ${item.scaleMin}–${item.scaleMax}`,
      item.measure ?? null,
      item.touchpoint ? `@${item.touchpoint}` : null,
      item.labels ? `${Object.keys(item.labels).length} labels` : null,
    ]
      .filter(Boolean)
      .join(' ');
    rows.push([item.column, use, item.item ?? null, item.dimension ?? null]);
  }
  for (const [column, action] of Object.entries(mapping.personalColumns ?? {}))
    rows.push([column, action === 'hash' ? 'personal data: hashed' : 'personal data: dropped', null, null]);
  for (const column of mapping.monthColumns ?? []) rows.push([column, 'month column', null, null]);
  say(table(['column', 'use', 'item', 'dimension'], rows));
}
