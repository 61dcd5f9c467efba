/**
 * The worksheet tokenizer (src/core/import/xlsx/sheet-xml.ts) against exceljs's SAX wrapper (saxes):
 * the same elements, attributes and text for sheet-like XML, whatever the chunk boundaries; the
 * malformed cases the importer relies on refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import parseSax from 'exceljs/lib/utils/parse-sax.js';
import type { SaxEvent } from '../../../src/core/import/xlsx/sax';
import { tokenizeSheet } from '../../../src/core/import/xlsx/sheet-xml';

type Flat = ['open', string, Record<string, string>] | ['close', string] | ['text', string];

/** Events flattened, adjacent text joined (parsers split text differently at chunk ends). */
async function flatten(events: AsyncGenerator<SaxEvent[]>): Promise<Flat[]> {
  const out: Flat[] = [];
  for await (const batch of events) {
    for (const e of batch) {
      if (e.eventType === 'text') {
        const last = out[out.length - 1];
        if (last?.[0] === 'text') last[1] += e.value;
        else out.push(['text', e.value]);
      } else if (e.eventType === 'opentag') out.push(['open', e.value.name, { ...e.value.attributes }]);
      else out.push(['close', e.value.name]);
    }
  }
  // Whitespace between elements outside any text node: saxes drops it before the root.
  return out.filter((e) => !(e[0] === 'text' && e[1].trim() === '' && out.indexOf(e) === 0));
}

function chunked(xml: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (xml.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let from = 0;
  for (const p of points) {
    parts.push(xml.slice(from, p));
    from = p;
  }
  parts.push(xml.slice(from));
  return parts.filter((p) => p.length > 0);
}

async function* iterate(parts: string[]): AsyncGenerator<string> {
  for (const p of parts) yield p;
}

const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:D4"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData><row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t xml:space="preserve"> a &amp; b &lt;c&gt; &#233;&#x1F600; </t></is></c><c r='C1' s="3"><v>45366.5</v></c><c r="D1" t="e"><v>#DIV/0!</v></c></row><row r="3" hidden="1" ht="0"><c r="A3" t="str"><f>A1&amp;"x"</f><v>q"u'o&apos;te &quot;&gt;</v></c><c r="B3" t="inlineStr"><is><r><t>rich</t></r><r><rPr><b/></rPr><t>text</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></is></c></row><!-- a comment <row> --><row r="4"><c r="A4" t="inlineStr"><is><t>plain</t></is></c><c r="B4" attr="a>b"><v>7</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`;

describe('worksheet tokenizer', () => {
  it('gives the same events as saxes on a sheet with every construct a sheet holds', async () => {
    const expected = await flatten(parseSax([SHEET]));

    expect(expected.length).toBeGreaterThan(40);
    expect(await flatten(tokenizeSheet(iterate([SHEET])))).toEqual(expected);
  });

  it('gives the same events whatever the chunk boundaries (property, ≥ 1,000 runs)', async () => {
    const expected = await flatten(parseSax([SHEET]));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), async (cuts) => {
        const parts = chunked(SHEET, cuts);
        expect(await flatten(tokenizeSheet(iterate(parts)))).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same events on generated rows of random text, numbers and entities', async () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'é', '😀', ' ', '&', '<', '>', '"', "'", '\n', '\r', '\t', '中'),
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(text, fc.double({ noNaN: true })), { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat()),
        async (rows, cuts) => {
          const esc = (s: string) =>
            s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
          const xml =
            '<worksheet><sheetData>' +
            rows
              .map(
                ([t, n], i) =>
                  `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${esc(t)}</t></is></c><c r="B${i + 1}" x="${esc(t)}"><v>${n}</v></c></row>`,
              )
              .join('') +
            '</sheetData></worksheet>';
          const expected = await flatten(parseSax([xml]));
          expect(await flatten(tokenizeSheet(iterate(chunked(xml, cuts))))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads CDATA sections as text (exceljs parse-sax drops them: saxes reports them apart)', async () => {
    const xml =
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<not a tag> & raw]]></t></is></c></row></sheetData>';
    expect(await flatten(tokenizeSheet(iterate(chunked(xml, [40, 47]))))).toContainEqual([
      'text',
      '<not a tag> & raw',
    ]);
  });

  it('refuses a closing tag that does not match, an undefined entity and stray markup', async () => {
    const run = (xml: string) => flatten(tokenizeSheet(iterate([xml])));
    await expect(run('<sheetData><row><c><v>1</x></c></row></sheetData>')).rejects.toThrow(
      /closing tag <\/x>/,
    );
    await expect(run('<sheetData><row><c><v>AT&T</v></c></row></sheetData>')).rejects.toThrow(/entity/);
    await expect(run('<sheetData><row><c><v>&nbsp;</v></c></row></sheetData>')).rejects.toThrow(
      /undefined entity/,
    );
    await expect(run('<!DOCTYPE x [<!ENTITY a "b">]><sheetData/>')).rejects.toThrow(/unexpected markup/);
  });
});
