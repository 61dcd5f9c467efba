import { KINDS, type Kind, type PreviewColumn } from '../../core/api';
import type { Command } from '../command';
import { noteText } from '../hints';
import { UsageError, say, table } from '../output';

/** `cxbrief inspect FILE`: the import preview, written nowhere. */
export const inspectCommand: Command = {
  usage: 'FILE [--sheet S] [--encoding E] [--delimiter D] [--kind K] [--json]',
  options: {
    sheet: { type: 'string' },
    encoding: { type: 'string' },
    delimiter: { type: 'string' },
    kind: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(positionals, values, api): Promise<number> {
    const [file] = positionals;
    if (!file) throw new UsageError('name the file to inspect: cxbrief inspect FILE');
    const kind = values.kind as Kind | undefined;
    if (kind && !KINDS.includes(kind))
      throw new UsageError(`unknown kind "${kind}"; kinds: ${KINDS.join(', ')}`);
    const preview = await api.call('import:preview', {
      file,
      ...(kind ? { kind } : {}),
      ...(values.sheet ? { sheet: String(values.sheet) } : {}),
      ...(values.encoding ? { encoding: String(values.encoding) } : {}),
      ...(values.delimiter ? { delimiter: String(values.delimiter) } : {}),
    });
    const detection = preview.detection;
    if (values.json) {
      const result = {
        file,
        ...preview.source,
        notes: preview.notes.map((n) => n.text),
        header: preview.header,
        columns: preview.columns.map((c) => ({ name: c.name, samples: c.samples.slice(0, 3) })),
        proposal: detection && {
          kind: detection.kind,
          confidence: detection.confidence,
          mapping: preview.mapping,
          columns: detection.columns,
          ...(preview.refusal ? { refusal: preview.refusal.reason } : {}),
        },
        validation: preview.validation,
      };
      say(JSON.stringify(result, null, 2));
      return 0;
    }
    const d = preview.source;
    const header = preview.header;
    say(`${file}`);
    say(
      `  format: ${d.format}${d.encoding ? `, encoding ${d.encoding}` : ''}${d.delimiter ? `, delimiter ${JSON.stringify(d.delimiter)}` : ''}`,
    );
    if (d.sheets)
      say(
        `  sheets: ${d.sheets.map((s) => `${s.name}${s.hidden ? ' (hidden)' : ''}${s.name === d.sheet ? ' [read]' : ''}`).join(', ')}`,
      );
    say(
      `  header: row ${header.headerRow}${header.headerRows > 1 ? `–${header.headerRow + header.headerRows - 1}` : ''}; data from row ${header.firstDataRow}`,
    );
    if (preview.kind && detection)
      say(`  kind: ${preview.kind} (confidence ${(detection.confidence * 100).toFixed(0)}%)`);
    else if (preview.refusal) say(`  kind: not recognised — ${preview.refusal.reason}`);
    const v = preview.validation;
    if (v.rowsSampled)
      say(`  sample: ${v.rowsSampled} rows checked, ${v.accepted} accepted, ${v.rejected} rejected`);
    say(
      table(
        ['#', 'column', 'proposed use', 'conf.', 'why', 'sample values'],
        preview.columns.map((c, i) => [
          i + 1,
          c.name.slice(0, 60),
          describeUse(c),
          c.confidence === null ? '' : `${Math.round(c.confidence * 100)}%`,
          c.reason?.slice(0, 60) ?? '',
          c.samples.slice(0, 3).join(' | ').slice(0, 50),
        ]),
      ),
    );
    for (const note of preview.notes) say(`note: ${noteText(note)}`);
    return 0;
  },
};

function describeUse(use: PreviewColumn): string {
  if (use.use === 'field') return use.field ?? 'field';
  if (use.use === 'item' && use.item) {
    const where = use.item.touchpoint ? ` @${use.item.touchpoint}` : '';
    const measure = use.item.measure ? ` ${use.item.measure}` : '';
    return `${use.item.survey} ${use.item.scaleMin}–${use.item.scaleMax}${where}${measure}`;
  }
  return use.use === 'unmapped' ? '' : use.use;
}
