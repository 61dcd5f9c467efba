import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openCsv } from '../../../src/core/import/csv/reader';
import type { RawRow } from '../../../src/core/import';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

async function readAll(
  path: string,
  options: Parameters<typeof openCsv>[1] = {},
): Promise<{ rows: RawRow[]; source: ReturnType<typeof openCsv> }> {
  const source = openCsv(path, options);
  const rows: RawRow[] = [];
  for await (const batch of source.batches()) rows.push(...batch);
  return { rows, source };
}

function write(name: string, content: Buffer | string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

describe('CSV reader: encodings', () => {
  it('strips a UTF-8 byte-order mark from the first header', async () => {
    const path = write(
      'bom.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Complaint ID,Score\nA1,9\n')]),
    );
    const { rows, source } = await readAll(path);
    expect(source.description.encoding).toBe('utf-8');
    expect(rows[0]?.cells).toEqual(['Complaint ID', 'Score']);
  });

  it.each([
    ['utf-16le', Buffer.from([0xff, 0xfe])],
    ['utf-16be', Buffer.from([0xfe, 0xff])],
  ])('reads %s with its BOM', async (encoding, bom) => {
    const text = 'Kunde;Bewertung;Kommentar\nK-1;9;Sehr gut, schnell\nK-2;3;Zu früh – 東京\n';
    const body =
      encoding === 'utf-16le' ? Buffer.from(text, 'utf16le') : Buffer.from(text, 'utf16le').swap16();
    const { rows, source } = await readAll(write(`${encoding}.csv`, Buffer.concat([bom, body])));
    expect(source.description.encoding).toBe(encoding);
    expect(source.description.delimiter).toBe(';');
    expect(rows.map((r) => r.cells)).toEqual([
      ['Kunde', 'Bewertung', 'Kommentar'],
      ['K-1', '9', 'Sehr gut, schnell'],
      ['K-2', '3', 'Zu früh – 東京'],
    ]);
  });

  it('detects CP949 (Korean) text and decodes it exactly', async () => {
    const lines = ['성별,나이대,1-1. 키오스크는 정확해야 한다.(기대 설문)'];
    for (let i = 0; i < 300; i += 1)
      lines.push(`${i % 2 ? '여' : '남'},${20 + (i % 5) * 10}대,${(i % 7) + 1}`);
    const text = lines.join('\r\n') + '\r\n';
    const { rows, source } = await readAll(write('kr.csv', iconv.encode(text, 'cp949')));
    expect(source.description.encoding).toBe('cp949');
    expect(rows[0]?.cells[2]).toBe('1-1. 키오스크는 정확해야 한다.(기대 설문)');
    expect(rows[1]?.cells).toEqual(['남', '20대', '1']);
    expect(rows).toHaveLength(301);
  });

  it('detects Windows-1252 text', async () => {
    const text =
      'client,note\n' +
      Array.from({ length: 200 }, (_, i) => `${i},Très bien, déjà vu à Zürich – ${i}€`).join('\n');
    const { rows, source } = await readAll(write('latin.csv', iconv.encode(text, 'windows-1252')));
    expect(source.description.encoding).toBe('windows-1252');
    expect(rows[5]?.cells).toEqual(['4', 'Très bien', ' déjà vu à Zürich – 4€']);
  });
});

/**
 * Builds a file in which a multibyte character starts 1, 2 or 3 bytes before every 64 KiB
 * boundary, so each read chunk ends inside a character.
 */
function straddlingFile(encode: (text: string) => Buffer, chars: string[], size: number) {
  const parts: Buffer[] = [encode('id,comment\n')];
  const expected: string[] = [];
  let length = parts[0]!.length;
  let boundary = 65536;
  let id = 0;
  while (length < size) {
    const char = chars[id % chars.length] as string;
    const charBytes = encode(char).length;
    const prefix = encode(`${id},"`);
    const head = boundary - length - prefix.length - (1 + (id % Math.max(1, charBytes - 1)));
    const filler = head > 0 && head < 60000 ? 'x'.repeat(head) : 'abc';
    const comment = `${filler}${char}${chars.join('')} fin`;
    const row = Buffer.concat([prefix, encode(`${comment}"\n`)]);
    if (length + prefix.length + filler.length < boundary && length + row.length > boundary)
      boundary += 65536;
    parts.push(row);
    expected.push(comment);
    length += row.length;
    id += 1;
  }
  return { content: Buffer.concat(parts), expected };
}

describe('CSV reader: characters split across 64 KiB read chunks', () => {
  it.each([
    ['utf-8', (t: string) => Buffer.from(t, 'utf8'), ['é', '中', '😀', 'ß', '한']],
    ['cp949', (t: string) => iconv.encode(t, 'cp949'), ['한', '국', '어']],
    ['utf-16le', (t: string) => Buffer.concat([Buffer.from(t, 'utf16le')]), ['é', '中', '😀']],
  ] as const)('%s comes out whole at every boundary', async (encoding, encode, chars) => {
    const { content, expected } = straddlingFile(encode, [...chars], 1_200_000);
    const file = encoding === 'utf-16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), content]) : content;
    const { rows } = await readAll(write(`${encoding}.csv`, file), { chunkBytes: 65536, encoding });
    const comments = rows.slice(1).map((r) => r.cells[1]);
    expect(comments).toHaveLength(expected.length);
    const wrong = comments.filter((comment, i) => comment !== expected[i]);
    expect(wrong).toEqual([]);
  });
});

describe('CSV reader: dialects', () => {
  it('reads semicolons with decimal commas as text cells for the importer', async () => {
    const { rows, source } = await readAll(write('de.csv', 'Kunde;Umsatz;Note\nA;1.234,56;9\nB;12,5;7\n'));
    expect(source.description.delimiter).toBe(';');
    expect(rows[1]?.cells).toEqual(['A', '1.234,56', '9']);
  });

  it('keeps a quoted newline inside its cell and numbers rows as records', async () => {
    const { rows } = await readAll(
      write('q.csv', 'id,comment,score\n1,"line one\r\nline two",9\n2,"say ""hi""",10\n'),
    );
    expect(rows.map((r) => [r.rowNumber, ...r.cells])).toEqual([
      [1, 'id', 'comment', 'score'],
      [2, '1', 'line one\nline two', '9'],
      [3, '2', 'say "hi"', '10'],
    ]);
  });

  it.each([
    ['tab', '\t'],
    ['pipe', '|'],
  ])('detects %s delimiters', async (_name, delimiter) => {
    const text = ['a', 'b', 'c'].join(delimiter) + '\n' + ['1', '2,5', 'x'].join(delimiter) + '\n';
    const { rows, source } = await readAll(write('d.csv', text));
    expect(source.description.delimiter).toBe(delimiter);
    expect(rows[1]?.cells).toEqual(['1', '2,5', 'x']);
  });

  it('reads files with mixed line endings', async () => {
    const { rows } = await readAll(write('mixed.csv', 'a,b\r\n1,2\n3,4\r5,6\r\n'));
    expect(rows.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });
});
