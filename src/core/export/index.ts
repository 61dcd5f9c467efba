/** Exports of a pack: the PDF port and the Chromium that prints it outside Electron; the PowerPoint deck and the Excel workbook. */
export {
  PAPERS,
  PdfExportError,
  writeWhole,
  type Paper,
  type PdfPrinter,
  type PrintRequest,
  type PrintResult,
} from './pdf';
export { findBrowser, BROWSER_ARGS, type BrowserChoice } from './browser';
export {
  createChromiumPrinter,
  launchBrowser,
  openReportPage,
  type ChromiumPrinterOptions,
} from './chromium-printer';
export { buildDeck, writeDeck, repairCharts, type DeckFile, type DeckResult } from './pptx';
export { buildWorkbook, writeWorkbook, workbookBytes, type WorkbookResult } from './xlsx';
export { orphanAxisIds, definedAxisIds } from './chart-xml';
export { inertText } from './inert';
export { excelFormat } from './number-formats';
export { FLOAT_SERIES } from './deck-charts';
export { PackFileError } from './write-file';
