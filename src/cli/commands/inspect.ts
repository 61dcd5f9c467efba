import type { Command } from '../command';
import { detectHeader, openSource, type RawRow } from '../../core/import';
import { UsageError, table } from '../output';

const SAMPLE = 200;

export const inspectCommand: Command = {
  usage: 'FILE [--sheet S] [--encoding E] [--delimiter D] [--json]',
  options: {
    sheet: { type: 'string' },
    encoding: { type: 'string' },
    delimiter: { type: 'string' },
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
    const columns = (header?.columns ?? []).map((name, index) => ({
      name,
      samples: sample
        .filter((row) => header && row.rowNumber >= header.firstDataRow)
        .map((row) => row.cells[index])
        .filter((cell) => cell !== null && cell !== undefined && cell !== '')
        .slice(0, 3)
        .map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell))),
    }));
    const result = { file, ...source.description, header, columns };
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
    console.log(
      table(
        ['#', 'column', 'sample values'],
        columns.map((c, i) => [i + 1, c.name, c.samples.join(' | ').slice(0, 80)]),
      ),
    );
    return 0;
  },
};
