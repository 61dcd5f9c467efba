/**
 * A tokenizer for worksheet XML, giving the events of exceljs's SAX wrapper (parse-sax over saxes)
 * for what a sheet holds — elements with attributes, text, CDATA, comments, processing
 * instructions, the five XML entities and character references — at several times its speed: a
 * sheet is millions of small elements, and saxes's generality is most of an XLSX read. It checks
 * what the importer relies on: closing tags match their opening tags, entities are known, a tag
 * ends. Chunks may split anything; the unfinished tail waits for the next chunk (guard.ts bounds
 * how long a tag or text may be before this sees it).
 */
import type { SaxEvent } from './sax';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text as XML reads it: line ends normalized (CR LF and CR → LF), references decoded. */
function textValue(raw: string): string {
  return decodeEntities(raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n'));
}

/** An attribute value as XML reads it: each literal tab, CR LF, CR or LF is one space. */
function attributeValue(raw: string): string {
  return decodeEntities(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw);
}

function decodeEntities(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&([^;&\s]*);?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw new Error(`unterminated entity "${whole}"`);
    const named = ENTITIES[body];
    if (named !== undefined) return named;
    const code = /^#x[0-9a-fA-F]+$/.test(body)
      ? parseInt(body.slice(2), 16)
      : /^#[0-9]+$/.test(body)
        ? parseInt(body.slice(1), 10)
        : NaN;
    if (!Number.isFinite(code) || code > 0x10ffff) throw new Error(`undefined entity "${whole}"`);
    return String.fromCodePoint(code);
  });
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Index of the `>` ending the tag that starts at `from` (outside quoted values), or −1 if unfinished. */
function tagEnd(text: string, from: number): number {
  for (let at = from; at < text.length; at += 1) {
    const c = text.charCodeAt(at);
    if (c === 62) return at; // >
    if (c === 34 || c === 39) {
      const close = text.indexOf(c === 34 ? '"' : "'", at + 1);
      if (close < 0) return -1;
      at = close;
    }
  }
  return -1;
}

/** Name and attributes of the open tag text between `<` and `>` (without a trailing `/`). */
function openTag(body: string): { name: string; attributes: Record<string, string> } {
  let at = 0;
  while (at < body.length && !isSpace(body.charCodeAt(at))) at += 1;
  const name = body.slice(0, at);
  if (!name) throw new Error('a tag without a name');
  const attributes: Record<string, string> = {};
  for (;;) {
    while (at < body.length && isSpace(body.charCodeAt(at))) at += 1;
    if (at >= body.length) break;
    const eq = body.indexOf('=', at);
    if (eq < 0) throw new Error(`attribute without a value in <${name}>`);
    const key = body.slice(at, eq).trim();
    at = eq + 1;
    while (at < body.length && isSpace(body.charCodeAt(at))) at += 1;
    const quote = body[at];
    if (quote !== '"' && quote !== "'") throw new Error(`unquoted attribute ${key} in <${name}>`);
    const close = body.indexOf(quote, at + 1);
    if (close < 0) throw new Error(`unterminated attribute ${key} in <${name}>`);
    attributes[key] = attributeValue(body.slice(at + 1, close));
    at = close + 1;
  }
  return { name, attributes };
}

/** What the tokenizer reports, as it reads (no event objects in between). */
export interface SheetXmlHandler {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(value: string): void;
}

/** Feeds chunks of sheet XML to a handler; `end()` after the last chunk. */
export class SheetTokenizer {
  private carry = '';
  private readonly open: string[] = [];

  constructor(private readonly handler: SheetXmlHandler) {}

  write(chunk: string): void {
    const text = this.carry ? this.carry + chunk : chunk;
    const handler = this.handler;
    let pos = 0;
    for (;;) {
      const lt = text.indexOf('<', pos);
      if (lt < 0) break;
      if (lt > pos) handler.text(textValue(text.slice(pos, lt)));
      pos = lt;
      const next = text.charCodeAt(lt + 1);
      if (Number.isNaN(next)) break;
      if (next === 33) {
        // <!-- comment -->, <![CDATA[ … ]]>
        if (text.startsWith('<!--', lt)) {
          const end = text.indexOf('-->', lt + 4);
          if (end < 0) break;
          pos = end + 3;
        } else if (text.startsWith('<![CDATA[', lt)) {
          const end = text.indexOf(']]>', lt + 9);
          if (end < 0) break;
          handler.text(text.slice(lt + 9, end));
          pos = end + 3;
        } else if (text.length - lt < 9) break;
        else throw new Error(`unexpected markup "${text.slice(lt, lt + 12)}"`);
        continue;
      }
      if (next === 63) {
        // <?xml … ?>
        const end = text.indexOf('?>', lt + 2);
        if (end < 0) break;
        pos = end + 2;
        continue;
      }
      const end = tagEnd(text, lt + 1);
      if (end < 0) break;
      if (next === 47) {
        const name = text.slice(lt + 2, end).trim();
        const expected = this.open.pop();
        if (name !== expected)
          throw new Error(`closing tag </${name}> where </${expected ?? '(none)'}> was expected`);
        handler.close(name);
      } else {
        const selfClosing = text.charCodeAt(end - 1) === 47;
        const node = openTag(text.slice(lt + 1, selfClosing ? end - 1 : end));
        handler.open(node.name, node.attributes);
        if (selfClosing) handler.close(node.name);
        else this.open.push(node.name);
      }
      pos = end + 1;
    }
    // Text with no tag after it yet (a value split by the chunk) waits for the next chunk.
    this.carry = text.slice(pos);
  }

  end(): void {
    if (this.carry.trim()) this.handler.text(textValue(this.carry));
    this.carry = '';
  }
}

/** The same as events, one array per chunk (as exceljs's parse-sax gives them). */
export async function* tokenizeSheet(chunks: AsyncIterable<string>): AsyncGenerator<SaxEvent[]> {
  let events: SaxEvent[] = [];
  const tokenizer = new SheetTokenizer({
    open: (name, attributes) => events.push({ eventType: 'opentag', value: { name, attributes } }),
    close: (name) => events.push({ eventType: 'closetag', value: { name, attributes: {} } }),
    text: (value) => events.push({ eventType: 'text', value }),
  });
  for await (const chunk of chunks) {
    tokenizer.write(chunk);
    yield events;
    events = [];
  }
  tokenizer.end();
  if (events.length) yield events;
}
