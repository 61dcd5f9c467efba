/**
 * Bounds on the XML text inflated from an .xlsx part, checked chunk by chunk before the SAX
 * parser sees it: the part may not inflate beyond the size its zip entry declares (a lying
 * size is how a zip bomb slips past the central-directory check), all parts together may not
 * pass MAX_XLSX_DECOMPRESSED_BYTES, and no run of characters between two '<' (one text node,
 * tag or attribute, which the SAX parser would buffer whole) may pass MAX_XML_TOKEN_CHARS.
 */
import {
  MAX_XLSX_DECOMPRESSED_BYTES,
  MAX_XML_TOKEN_CHARS,
  boundError,
  columnName,
  formatCount,
} from '../bounds';
import { ImportError } from '../errors';

/** Decompressed characters counted across every part of one workbook read. */
export interface InflateBudget {
  used: number;
}

export interface GuardOptions {
  file: string;
  part: string;
  /** Uncompressed size the zip declares for this part (bytes ≥ UTF-8 characters). */
  declared: number | undefined;
  budget: InflateBudget;
  /** Where the parser is, for the error: the sheet row and column being read. */
  where?: () => { row?: number; column?: number };
}

/** A part that inflates beyond the size its zip entry declares: how a zip bomb slips past the directory check. */
export function lyingSize(file: string, part: string, declared: number): ImportError {
  return new ImportError({
    file,
    reason: `part ${part} inflates to more than the ${formatCount(declared)} bytes its zip entry declares; the workbook is damaged or built to exhaust memory (a zip bomb) and is not read.`,
  });
}

/** Slack over the declared size: none is needed for honest zips, a little costs nothing. */
const DECLARED_SLACK = 4096;

export async function* guardXml(
  chunks: AsyncIterable<string | Buffer>,
  options: GuardOptions,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let partChars = 0;
  let run = 0;
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (!text) continue;
    check(text);
    yield text;
  }
  const rest = decoder.decode();
  if (rest) {
    check(rest);
    yield rest;
  }

  function check(text: string): void {
    partChars += text.length;
    options.budget.used += text.length;
    if (options.declared !== undefined && partChars > options.declared + DECLARED_SLACK)
      throw lyingSize(options.file, options.part, options.declared);
    if (options.budget.used > MAX_XLSX_DECOMPRESSED_BYTES) {
      throw boundError({
        file: options.file,
        name: 'MAX_XLSX_DECOMPRESSED_BYTES',
        actual: options.budget.used,
        what: `the workbook inflates to more than ${formatCount(options.budget.used)} bytes (reading ${options.part})`,
        ...location(),
      });
    }
    const lastOpen = text.lastIndexOf('<');
    run = lastOpen === -1 ? run + text.length : text.length - lastOpen;
    if (run > MAX_XML_TOKEN_CHARS) {
      throw boundError({
        file: options.file,
        name: 'MAX_XML_TOKEN_CHARS',
        actual: run,
        what: `${options.part} holds a cell, tag or attribute of more than ${formatCount(run)} characters`,
        ...location(),
      });
    }
  }

  function location(): { row?: number; column?: string } {
    const at = options.where?.() ?? {};
    return {
      ...(at.row !== undefined && at.row > 0 ? { row: at.row } : {}),
      ...(at.column !== undefined ? { column: columnName(at.column) } : {}),
    };
  }
}
