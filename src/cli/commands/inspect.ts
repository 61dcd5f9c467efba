import type { Command } from '../command';
import {
  KINDS,
  detectHeader,
  openSource,
  proposeMapping,
  type ColumnProposal,
  type Kind,
  type RawRow,
} from '../../core/import';
import { UsageError, table } from '../output';

const SAMPLE = 200;

export const inspectCommand: Command = {
  usage: 'FILE [--sheet S] [--encoding E] [--delimiter D] [--json]',
  options: {
    sheet: { type: 'string' },
    encoding: { type: 'string' },
    delimiter: { type: 'string' },
    kind: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(positionals: string[], values: Record<string, unknown>): Promise<number> {
    const [file] = positionals;
    if (!file) throw new UsageError('name the file to inspect: cxbrief inspect FILE');
    const source = await openSource(file, {
      ...(values.sheet ? { sheet: String(values.sheet) } : {}),
      ...(values.encoding ? { encoding: String(values.encoding) } : {}),
      ...(values.delimiter ? { delimiter: String(values.delimiter) } : {}),
    });
    const sample: RawRow[] = [];
    for await (const batch of source.batches()) {
      sample.push(...batch);
      if (sample.length >= SAMPLE) break;
    }
    const header = detectHeader(sample);
    const kind = values.kind as Kind | undefined;
    if (kind && !KINDS.includes(kind))
      throw new UsageError(`unknown kind "${kind}"; kinds: ${KINDS.join(', ')}`);
    const proposal = header ? proposeMapping(header, sample, kind) : null;
    const columns = (header?.columns ?? []).map((name, index) => ({
      name,
      samples: sample
        .filter((row) => header && row.rowNumber >= header.firstDataRow)
        .map((row) => row.cells[index])
        .filter((cell) => cell !== null && cell !== undefined && cell !== '')
        .slice(0, 3)
        .map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell))),
    }));
    const result = { file, ...source.description, header, columns, proposal };
    if (values.json) {
      console.log(JSON.stringify(result, null, 2));
      return 0;
    }
    const d = source.description;
    console.log(`${file}`);
    console.log(
      `  format: ${d.format}${d.encoding ? `, encoding ${d.encoding}` : ''}${d.delimiter ? `, delimiter ${JSON.stringify(d.delimiter)}` : ''}`,
    );
    if (d.sheets)
      console.log(
        `  sheets: ${d.sheets.map((s) => `${s.name}${s.hidden ? ' (hidden)' : ''}${s.name === d.sheet ? ' [read]' : ''}`).join(', ')}`,
      );
    if (header)
      console.log(
        `  header: row ${header.headerRow}${header.headerRows > 1 ? `–${header.headerRow + header.headerRows - 1}` : ''}; data from row ${header.firstDataRow}`,
      );
    for (const note of d.notes) console.log(`  note: ${note}`);
    if (proposal?.kind) {
      console.log(`  kind: ${proposal.kind} (confidence ${(proposal.confidence * 100).toFixed(0)}%)`);
      for (const note of proposal.notes) console.log(`  note: ${note}`);
    } else if (proposal) {
      console.log(`  kind: not recognised — ${proposal.refusal ?? ''}`);
    }
    const uses = new Map(proposal?.columns.map((c) => [c.column, c]) ?? []);
    console.log(
      table(
        ['#', 'column', 'proposed use', 'conf.', 'why', 'sample values'],
        columns.map((c, i) => {
          const use = uses.get(c.name);
          return [
            i + 1,
            c.name.slice(0, 60),
            use ? describeUse(use) : '',
            use ? `${Math.round(use.confidence * 100)}%` : '',
            use?.reason.slice(0, 60) ?? '',
            c.samples.join(' | ').slice(0, 50),
          ];
        }),
      ),
    );
    return 0;
  },
};

function describeUse(use: ColumnProposal): string {
  if (use.use === 'field') return use.field ?? 'field';
  if (use.use === 'item' && use.item) {
    const where = use.item.touchpoint ? ` @${use.item.touchpoint}` : '';
    const measure = use.item.measure ? ` ${use.item.measure}` : '';
    return `${use.item.survey} ${use.item.scaleMin}–${use.item.scaleMax}${where}${measure}`;
  }
  return use.use;
}
