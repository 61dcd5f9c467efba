// exceljs internals the XLSX tokenizer is compared against in tests (exceljs 4.4 parse-sax over saxes).
declare module 'exceljs/lib/utils/parse-sax.js' {
  /** Parses XML from chunks (strings are used as they are; Buffers are decoded one by one). */
  export default function parseSax(
    iterable: AsyncIterable<string | Buffer> | Iterable<string>,
  ): AsyncGenerator<import('../src/core/import/xlsx/sax').SaxEvent[]>;
}
