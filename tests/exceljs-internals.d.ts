// exceljs internals the XLSX tokenizer is compared against in tests (exceljs 4.4 parse-sax over saxes).
declare module 'exceljs/lib/utils/parse-sax.js' {
  export interface SaxNode {
    name: string;
    attributes: Record<string, string>;
  }
  export type SaxEvent =
    | { eventType: 'opentag'; value: SaxNode }
    | { eventType: 'closetag'; value: SaxNode }
    | { eventType: 'text'; value: string };
  /** Parses XML from chunks (strings are used as they are; Buffers are decoded one by one). */
  export default function parseSax(
    iterable: AsyncIterable<string | Buffer> | Iterable<string>,
  ): AsyncGenerator<SaxEvent[]>;
}
