/**
 * The hostile import corpus (issue 7). Small files are committed under tests/fixtures/hostile
 * (regenerate them with `node --import tsx scripts/make-hostile-fixtures.ts`); large ones (a
 * 5 MB cell, 10,000 and 20,000 columns, zip bombs) are written by `writeLargeFixtures(dir)` at
 * test time. Every generator streams: no fixture is built as one big string or Buffer.
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

// ---------------------------------------------------------------------------------------------
// A minimal zip writer: stored or deflated entries, sizes optionally declared falsely.

interface ZipPart {
  name: string;
  /** Uncompressed content (deflated here). */
  data?: Buffer | string;
  /** Already deflated content with its real uncompressed size and CRC. */
  raw?: { compressed: Buffer[]; size: number; crc: number };
  /** Size written into the headers instead of the real one (a lying zip bomb). */
  declaredSize?: number;
}

function writeZip(path: string, parts: ZipPart[]): void {
  const fd = openSync(path, 'w');
  let offset = 0;
  const put = (buffer: Buffer): void => {
    writeSync(fd, buffer);
    offset += buffer.length;
  };
  const central: Buffer[] = [];
  try {
    for (const part of parts) {
      const name = Buffer.from(part.name, 'utf8');
      let compressed: Buffer[];
      let size: number;
      let crc: number;
      if (part.raw) {
        ({ compressed, size, crc } = part.raw);
      } else {
        const data = Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data ?? '', 'utf8');
        compressed = [deflateRawSync(data)];
        size = data.length;
        crc = crc32(data);
      }
      const compressedSize = compressed.reduce((n, b) => n + b.length, 0);
      const declared = part.declaredSize ?? size;
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6); // UTF-8 names
      local.writeUInt16LE(8, 8); // deflate
      local.writeUInt32LE(crc >>> 0, 14);
      local.writeUInt32LE(compressedSize, 18);
      local.writeUInt32LE(declared, 22);
      local.writeUInt16LE(name.length, 26);
      const headerOffset = offset;
      put(local);
      put(name);
      for (const chunk of compressed) put(chunk);
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(0x02014b50, 0);
      entry.writeUInt16LE(20, 4);
      entry.writeUInt16LE(20, 6);
      entry.writeUInt16LE(0x0800, 8);
      entry.writeUInt16LE(8, 10);
      entry.writeUInt32LE(crc >>> 0, 16);
      entry.writeUInt32LE(compressedSize, 20);
      entry.writeUInt32LE(declared, 24);
      entry.writeUInt16LE(name.length, 28);
      entry.writeUInt32LE(headerOffset, 42);
      central.push(entry, name);
    }
    const cdStart = offset;
    for (const b of central) put(b);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(Math.min(parts.length, 0xffff), 8);
    eocd.writeUInt16LE(Math.min(parts.length, 0xffff), 10);
    eocd.writeUInt32LE(offset - cdStart, 12);
    eocd.writeUInt32LE(cdStart, 16);
    put(eocd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Deflates `repeat` copies of `block` without doing the work `repeat` times: once the window
 * holds the block's tail, the sync-flushed output for the next copy decodes to the block again
 * whatever came before, so it is written `repeat − 1` times. A 2 GiB part costs ~2 MB and no time.
 */
async function deflateRepeated(
  head: string,
  block: string,
  repeat: number,
  tail: string,
): Promise<{ compressed: Buffer[]; size: number; crc: number }> {
  const stream = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => out.push(chunk));
  const step = async (input: Buffer, flush: number): Promise<Buffer> => {
    stream.write(input);
    await new Promise<void>((resolve) => stream.flush(flush, () => resolve()));
    if (flush === constants.Z_FINISH) await new Promise((resolve) => stream.end(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    return Buffer.concat(out.splice(0));
  };
  const blockBytes = Buffer.from(block, 'utf8');
  const first = await step(Buffer.concat([Buffer.from(head, 'utf8'), blockBytes]), constants.Z_SYNC_FLUSH);
  const again = await step(blockBytes, constants.Z_SYNC_FLUSH);
  const last = await step(Buffer.from(tail, 'utf8'), constants.Z_FINISH);
  const compressed = [first];
  for (let i = 1; i < repeat; i++) compressed.push(again);
  compressed.push(last);
  let crc = crc32(Buffer.from(head, 'utf8'));
  for (let i = 0; i < repeat; i++) crc = crc32(blockBytes, crc);
  crc = crc32(Buffer.from(tail, 'utf8'), crc);
  const size = Buffer.byteLength(head) + blockBytes.length * repeat + Buffer.byteLength(tail);
  return { compressed, size, crc };
}

// ---------------------------------------------------------------------------------------------
// .xlsx building blocks

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Responses" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
/** Style 1 is a date (numFmtId 14). */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`;

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type XCell = string | number | { v: number; s?: number } | { e: string } | null;

function sheetRows(rows: XCell[][], firstRow = 1): string {
  return rows
    .map((cells, r) => {
      const n = firstRow + r;
      const xml = cells
        .map((cell, c) => {
          const ref = `${String.fromCharCode(65 + c)}${n}`;
          if (cell === null) return '';
          if (typeof cell === 'string')
            return `<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(cell)}</t></is></c>`;
          if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
          if ('e' in cell) return `<c r="${ref}" t="e"><f>1/0</f><v>${xmlEscape(cell.e)}</v></c>`;
          return `<c r="${ref}"${cell.s ? ` s="${cell.s}"` : ''}><v>${cell.v}</v></c>`;
        })
        .join('');
      return `<row r="${n}">${xml}</row>`;
    })
    .join('');
}

function sheetXml(rows: XCell[][], dimension?: string): string {
  const dim =
    dimension ?? `A1:${String.fromCharCode(64 + Math.max(1, ...rows.map((r) => r.length)))}${rows.length}`;
  return `${SHEET_HEAD}<dimension ref="${dim}"/><sheetData>${sheetRows(rows)}</sheetData></worksheet>`;
}

function basicParts(sheet: ZipPart['data'] | ZipPart, extra: ZipPart[] = []): ZipPart[] {
  const sheetPart: ZipPart =
    typeof sheet === 'string' || Buffer.isBuffer(sheet)
      ? { name: 'xl/worksheets/sheet1.xml', data: sheet }
      : { ...(sheet as ZipPart), name: 'xl/worksheets/sheet1.xml' };
  return [
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: ROOT_RELS },
    { name: 'xl/workbook.xml', data: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', data: WORKBOOK_RELS },
    { name: 'xl/styles.xml', data: STYLES },
    ...extra,
    sheetPart,
  ];
}

const NPS_HEADER = ['respondent', 'date', 'How likely are you to recommend us?'];

/** A plain survey table: the shape every "correct import" fixture shares. */
function surveyRows(n: number): string[][] {
  return Array.from({ length: n }, (_, i) => [
    `r${i + 1}`,
    `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    String(i % 11),
  ]);
}

function csv(rows: string[][], newline = '\n'): string {
  return rows.map((r) => r.join(',')).join(newline) + newline;
}

/** A minimal OLE2 compound file header, optionally with an EncryptedPackage stream name. */
function ole2(encrypted: boolean): Buffer {
  const buffer = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buffer, 0);
  buffer.writeUInt16LE(0x003e, 24);
  buffer.writeUInt16LE(0x0003, 26);
  buffer.writeUInt16LE(0xfffe, 28);
  buffer.writeUInt16LE(9, 30);
  const name = encrypted ? 'EncryptedPackage' : 'Workbook';
  Buffer.from(name, 'utf16le').copy(buffer, 1024);
  if (encrypted) Buffer.from('EncryptionInfo', 'utf16le').copy(buffer, 1152);
  return buffer;
}

// ---------------------------------------------------------------------------------------------
// The corpus

/** Small fixtures, committed under tests/fixtures/hostile. */
export function writeSmallFixtures(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const file = (name: string, content: string | Buffer): void => writeFileSync(join(dir, name), content);
  const good = [NPS_HEADER, ...surveyRows(40)];

  file('empty.csv', '');
  file('one-byte.csv', 'a');
  file('bom-only.csv', Buffer.from([0xef, 0xbb, 0xbf]));
  file('only-newlines.csv', '\n\n\r\n\r\n\n');
  file('header-only.csv', csv([NPS_HEADER]));
  file(
    'invalid-utf8.csv',
    Buffer.concat([
      Buffer.from(csv([NPS_HEADER]) + 'r1,2024-01-05,9\nr2,2024-01-06,'),
      Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]),
      Buffer.from('\n' + csv(surveyRows(40).slice(2))),
    ]),
  );
  file(
    'mixed-line-endings.csv',
    NPS_HEADER.join(',') +
      '\r\n' +
      surveyRows(40)
        .map((r, i) => r.join(',') + ['\n', '\r\n', '\r'][i % 3])
        .join(''),
  );
  file(
    'nul-bytes.csv',
    csv(good).replace(/r(\d+),/g, (_, n: string) => `r${n}\0,`),
  );
  file(
    'unbalanced-quote.csv',
    csv([NPS_HEADER, ['r1', '2024-01-05', '9'], ['r2', '"2024-01-06', '7'], ...surveyRows(40).slice(2)]),
  );
  file(
    'quote-inside-field.csv',
    csv([
      NPS_HEADER,
      ...surveyRows(40).map(([a, b, c]) => [`${a} "vip" customer`, b as string, c as string]),
    ]),
  );
  file(
    'formula-errors.csv',
    csv([NPS_HEADER, ...surveyRows(40), ['r41', '2024-03-01', '#DIV/0!'], ['r42', '2024-03-02', '#N/A']]),
  );
  file(
    'dates-before-1900.csv',
    csv([
      NPS_HEADER,
      ...surveyRows(40).map(([a, , c], i) => [
        a as string,
        `18${String(50 + (i % 49)).padStart(2, '0')}-05-0${(i % 9) + 1}`,
        c as string,
      ]),
    ]),
  );
  file(
    'scores-as-text.csv',
    csv([
      NPS_HEADER,
      ...surveyRows(40).map(([a, b, c]) => [
        a as string,
        b as string,
        `${c} - ${Number(c) >= 9 ? 'very likely' : 'not so likely'}`,
      ]),
    ]),
  );
  file(
    'duplicate-headers.csv',
    csv([['respondent', 'date', 'nps', 'nps'], ...surveyRows(40).map((r) => [...r, r[2] as string])]),
  );
  file('spaces-header.csv', csv([['   ', '  ', ' '], ...surveyRows(40)]));
  file(
    'very-long-header.csv',
    csv([
      [...NPS_HEADER.slice(0, 2), 'How likely are you to recommend us? ' + 'Please explain. '.repeat(4000)],
      ...surveyRows(40),
    ]),
  );
  file(
    'control-characters.csv',
    csv([
      NPS_HEADER,
      ...surveyRows(40).map(([a, b, c]) => [`${a}\x01\x07\x1b[31m`, b as string, c as string]),
    ]),
  );
  file(
    'right-to-left-marks.csv',
    csv([
      NPS_HEADER,
      ...surveyRows(40).map(([a, b, c]) => [`\u200f${a}\u200e`, `\u200f${b}`, `\u200f${c}\u200e`]),
    ]),
  );
  file(
    'excel-escaped-formulas.csv',
    csv([
      NPS_HEADER,
      ...surveyRows(40).map(([a, b, c], i) => [
        i % 2 ? `="${a}"` : `'=HYPERLINK("http://x/${a}")`,
        b as string,
        c as string,
      ]),
    ]),
  );
  file('utf16le-bom.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(good), 'utf16le')]));
  file('utf16le-no-bom.csv', Buffer.from(csv(good), 'utf16le'));
  file(
    'windows-1252.csv',
    Buffer.from(
      csv([NPS_HEADER, ...surveyRows(40).map(([a, b, c]) => [`${a} café naïve`, b as string, c as string])]),
      'latin1',
    ),
  );
  file(
    'semicolon-decimal-comma.csv',
    csv([
      ['respondent', 'date', 'How likely are you to recommend us?', 'spend'],
      ...surveyRows(40).map((r, i) => [...r, `1.2${i},50`]),
    ])
      .replace(/,/g, ';')
      .replace(/(\d);(\d\d)\n/g, '$1,$2\n'),
  );
  file(
    'ragged-rows.csv',
    csv([
      NPS_HEADER,
      ...surveyRows(40).map((r, i) => (i % 3 === 0 ? [...r, '', 'extra'] : i % 3 === 1 ? r : r)),
    ]),
  );
  file('preamble-rows.csv', 'Survey export\nGenerated 2024-05-01\n\n' + csv(good));
  file(
    'html-page.csv',
    '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>Password: <input></form></body></html>\n',
  );
  file('binary-garbage.xlsx', Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256)));
  file('password-protected.xlsx', ole2(true));
  file('legacy.xls', ole2(false));
  file('csv-named.xlsx', csv(good));

  const table: XCell[][] = [NPS_HEADER, ...surveyRows(40)];
  writeZip(join(dir, 'xlsx-named.csv'), basicParts(sheetXml(table)));
  writeZip(join(dir, 'good.xlsx'), basicParts(sheetXml(table)));
  writeZip(
    join(dir, 'zero-row-sheet.xlsx'),
    basicParts(`${SHEET_HEAD}<dimension ref="A1"/><sheetData/></worksheet>`),
  );
  writeZip(join(dir, 'billion-row-dimension.xlsx'), basicParts(sheetXml(table, 'A1:XFD1000000000')));
  writeZip(
    join(dir, 'malformed-xml.xlsx'),
    basicParts(
      `${SHEET_HEAD}<sheetData>${sheetRows(table)}<row r="42"><c r="A42" t="inlineStr"><is><t>r41</t></is></c><c r="B42"><v>1</x></c></row></sheetData></worksheet>`,
    ),
  );
  writeZip(
    join(dir, 'truncated-xml.xlsx'),
    basicParts(`${SHEET_HEAD}<sheetData>${sheetRows(table)}<row r="42"><c r="A42" t="inlineStr"><is><t>r4`),
  );
  writeZip(
    join(dir, 'formula-errors.xlsx'),
    basicParts(
      sheetXml([...table, ['r41', '2024-03-01', { e: '#DIV/0!' }], ['r42', '2024-03-02', { e: '#N/A' }]]),
    ),
  );
  writeZip(
    join(dir, 'dates-before-1900.xlsx'),
    basicParts(
      sheetXml([
        NPS_HEADER,
        ...surveyRows(40).map(([a, , c], i) => [a as string, `18${50 + (i % 49)}-05-01`, Number(c)]),
      ]),
    ),
  );
  writeZip(
    join(dir, 'scores-as-text.xlsx'),
    basicParts(
      sheetXml([
        NPS_HEADER,
        ...surveyRows(40).map(([a, b, c]) => [a as string, b as string, `${c} - likely`]),
      ]),
    ),
  );
  writeZip(
    join(dir, 'date-serial-out-of-range.xlsx'),
    basicParts(sheetXml([...table, ['r41', { v: 1e20, s: 1 }, 9]])),
  );
  writeZip(
    join(dir, 'column-beyond-xfd.xlsx'),
    basicParts(
      `${SHEET_HEAD}<sheetData>${sheetRows(table)}<row r="42"><c r="ZZZ42"><v>1</v></c></row></sheetData></worksheet>`,
    ),
  );
  // A valid workbook cut in half: no central directory.
  const whole = readFileSync(join(dir, 'good.xlsx'));
  file('truncated-zip.xlsx', whole.subarray(0, Math.floor(whole.length / 2)));
}

/** Large fixtures, written at test time (never committed). Returns their paths by name. */
export async function writeLargeFixtures(dir: string): Promise<Record<string, string>> {
  mkdirSync(dir, { recursive: true });
  const paths: Record<string, string> = {};
  const path = (name: string): string => (paths[name] = join(dir, name));

  // A 5 MB single cell.
  streamText(path('cell-5mb.csv'), function* () {
    yield csv([NPS_HEADER, ['r1', '2024-01-05', '9']]);
    yield 'r2,2024-01-06,';
    for (let i = 0; i < 5; i++) yield 'x'.repeat(1_048_576);
    yield '\n' + csv(surveyRows(40).slice(2));
  });
  // An unbalanced quote in row 3 that swallows 6 MB of lines.
  streamText(path('unbalanced-quote-6mb.csv'), function* () {
    yield csv([NPS_HEADER, ['r1', '2024-01-05', '9']]);
    yield 'r2,"2024-01-06,7\n';
    for (let i = 0; i < 300_000; i++) yield `r${i + 3},2024-01-06,7\n`;
  });
  // 10,000 columns (within MAX_COLUMNS) and 20,000 (beyond it).
  for (const columns of [10_000, 20_000]) {
    streamText(path(`columns-${columns}.csv`), function* () {
      const header = ['respondent', 'How likely are you to recommend us?'];
      for (let c = header.length; c < columns; c++) header.push(`q${c}`);
      yield header.join(',') + '\n';
      for (let r = 0; r < 20; r++) {
        const row = [`r${r}`, String(r % 11)];
        for (let c = row.length; c < columns; c++) row.push(String(c % 5));
        yield row.join(',') + '\n';
      }
    });
  }
  // Zip bombs: a sheet of 2 GiB of rows, declared honestly or declared as 20 kB.
  const rowBlock = '<row><c t="inlineStr"><is><t>bomb</t></is></c><c><v>9</v></c></row>'.repeat(16_384);
  const repeat = Math.ceil((2 * 1024 ** 3) / rowBlock.length);
  const bomb = await deflateRepeated(
    `${SHEET_HEAD}<sheetData>`,
    rowBlock,
    repeat,
    '</sheetData></worksheet>',
  );
  writeZip(path('zip-bomb-declared.xlsx'), basicParts({ name: '', raw: bomb }));
  writeZip(path('zip-bomb-lying.xlsx'), basicParts({ name: '', raw: bomb, declaredSize: 20_000 }));
  // A 5 MB cell and a 5 MB tag with no '<' in sight, inside sheets that declare their size honestly.
  const bigCell = await deflateRepeated(
    `${SHEET_HEAD}<sheetData>${sheetRows([NPS_HEADER, ['r1', '2024-01-05', '9']])}<row r="3"><c r="A3" t="inlineStr"><is><t>`,
    'y'.repeat(65_536),
    80,
    `</t></is></c></row></sheetData></worksheet>`,
  );
  writeZip(path('xlsx-cell-5mb.xlsx'), basicParts({ name: '', raw: bigCell }));
  const bigTag = await deflateRepeated(
    `${SHEET_HEAD}<sheetData>${sheetRows([NPS_HEADER])}<row r="2"><c r="A2" t="`,
    'z'.repeat(65_536),
    80,
    `"/></row></sheetData></worksheet>`,
  );
  writeZip(path('xlsx-unclosed-attribute.xlsx'), basicParts({ name: '', raw: bigTag }));
  // A shared string table of 80 Mi characters (declared honestly, 0.1% of the decompressed bound).
  const si = `<si><t>${'s'.repeat(1000)}</t></si>`.repeat(64);
  const strings = await deflateRepeated(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`,
    si,
    1300,
    '</sst>',
  );
  writeZip(
    path('shared-strings-bomb.xlsx'),
    basicParts(sheetXml([NPS_HEADER, ...surveyRows(5)]), [{ name: 'xl/sharedStrings.xml', raw: strings }]),
  );
  // workbook.xml of 20 Mi characters (the sheet list is read whole before streaming).
  const book = await deflateRepeated(
    WORKBOOK.replace('</workbook>', '<extLst><ext uri="x"><x>'),
    ' '.repeat(65_536) + '<y/>',
    320,
    '</x></ext></extLst></workbook>',
  );
  writeZip(
    path('workbook-part-bomb.xlsx'),
    basicParts(sheetXml([NPS_HEADER, ...surveyRows(5)])).map((p) =>
      p.name === 'xl/workbook.xml' ? { name: p.name, raw: book } : p,
    ),
  );
  // Ten thousand and one zip entries.
  writeZip(
    path('many-zip-entries.xlsx'),
    basicParts(
      sheetXml([NPS_HEADER, ...surveyRows(40)]),
      Array.from({ length: 10_001 }, (_, i) => ({ name: `xl/media/pad${i}.bin`, data: '' })),
    ),
  );
  return paths;
}

function streamText(path: string, chunks: () => Generator<string>): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of chunks()) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

if (process.argv[1] && /make-hostile-fixtures/.test(process.argv[1])) {
  const dir = process.argv[2] ?? join(import.meta.dirname, '..', 'tests', 'fixtures', 'hostile');
  writeSmallFixtures(dir);
  if (process.argv.includes('--large')) await writeLargeFixtures(join(dir, 'large'));
  console.log(`wrote the hostile corpus to ${dir}`);
}
