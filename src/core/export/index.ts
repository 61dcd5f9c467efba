/** Exports of a pack: the PDF port and the Chromium that prints it outside Electron. */
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
