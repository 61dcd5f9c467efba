/**
 * The PDF port: whoever prints a pack (Electron's printToPDF in the app, a Chromium driven by
 * playwright-core in the CLI and tests) takes a BriefingPack and a paper size and writes the file
 * whole or not at all.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { BriefingPack, SectionId } from '../briefing';

export type Paper = 'a4' | 'letter';
export const PAPERS: readonly Paper[] = ['a4', 'letter'];

export interface PrintRequest {
  pack: BriefingPack;
  paper: Paper;
  /** Where the PDF goes; written to a temporary name beside it and renamed when complete. */
  out: string;
  /**
   * The sections the user switched off, for a printer whose page asks the engine for the pack
   * again (Electron's window): without them it would print sections the pack left out.
   */
  hidden?: readonly SectionId[];
}

export interface PrintResult {
  path: string;
  pages: number;
  bytes: number;
}

export interface PdfPrinter {
  print(request: PrintRequest): Promise<PrintResult>;
  close(): Promise<void>;
}

/** A printer failure the user can act on (no browser, the report did not get ready); a sentence. */
export class PdfExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfExportError';
  }
}

/**
 * Writes bytes under a temporary name, flushes them to the disk and renames: a failed or killed
 * export, or a power cut just after it, never leaves a half file at `out`.
 */
export function writeWhole(out: string, bytes: Uint8Array): void {
  const temp = `${out}.${process.pid}.partial`;
  try {
    const fd = openSync(temp, 'w');
    try {
      for (let written = 0; written < bytes.length;)
        written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, out);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
