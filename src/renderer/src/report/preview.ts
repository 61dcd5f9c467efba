/**
 * The Briefing screen shows the report view itself: report.html in a frame (its own document, so
 * the pack's stylesheet, fonts and page measurements are exactly the printer's), given the pack by
 * message from the screen that framed it, never fetched by the frame. Both sides check that a
 * message comes from the other one and from this origin.
 */
import type { BriefingPack } from '../../../core/api/contract';
import type { Paper } from './Report';

export const PREVIEW_QUERY = 'preview=1';

/** Screen → frame: show this pack on this paper. */
export interface ShowPack {
  type: 'cxb-preview-show';
  pack: BriefingPack;
  paper: Paper;
}

/** Frame → screen: loaded and listening; then, after each pack, laid out (pages, document height). */
export type PreviewNews =
  { type: 'cxb-preview-loaded' } | { type: 'cxb-preview-ready'; pages: number; height: number };

export function isFrom(event: MessageEvent, source: MessageEventSource | null): boolean {
  return source !== null && event.source === source && event.origin === location.origin;
}
