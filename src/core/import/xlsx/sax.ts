import parseSaxImpl from 'exceljs/lib/utils/parse-sax.js';
import type { SaxEvent, SaxNode } from 'exceljs/lib/utils/parse-sax.js';

export type { SaxEvent, SaxNode };

/**
 * exceljs's SAX wrapper (saxes). Callers must pass text, never Buffers: parse-sax decodes each
 * Buffer chunk on its own, which garbles multi-byte characters split across chunks.
 */
export function parseSax(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<SaxEvent[]> {
  return parseSaxImpl(chunks);
}

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
export async function eachElement(xml: string, onOpen: (node: SaxNode) => void): Promise<void> {
  for await (const events of parseSax([xml])) {
    for (const event of events) if (event.eventType === 'opentag') onOpen(event.value);
  }
}
