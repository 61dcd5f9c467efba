import { SheetTokenizer } from './sheet-xml';

/** An element as the XML helpers report it. */
export interface SaxNode {
  name: string;
  attributes: Record<string, string>;
}

/** The events of exceljs's SAX wrapper (parse-sax), which the sheet tokenizer's tests compare against. */
export type SaxEvent =
  | { eventType: 'opentag'; value: SaxNode }
  | { eventType: 'closetag'; value: SaxNode }
  | { eventType: 'text'; value: string };

/** Turns a byte stream into a text stream, carrying partial UTF-8 sequences across chunks. */
export async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** Parses a whole (small) XML string and calls `onOpen` for every element. */
export function eachElement(xml: string, onOpen: (node: SaxNode) => void): Promise<void> {
  const tokenizer = new SheetTokenizer({
    open: (name, attributes) => onOpen({ name, attributes }),
    close: () => undefined,
    text: () => undefined,
  });
  tokenizer.write(xml);
  tokenizer.end();
  return Promise.resolve();
}
