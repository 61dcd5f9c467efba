import { useEffect, useRef, useState } from 'react';
import type { BriefingPack } from '../../../core/api/contract';
import { isFrom, PREVIEW_QUERY, type PreviewNews, type ShowPack } from '../report/preview';

export type Paper = ShowPack['paper'];

/** The frame is as wide as the widest page with its margins drawn; the pane scales it to fit. */
const FRAME_WIDTH = 1180;
const FIRST_HEIGHT = 900;

const PAPER_NAMES: Record<Paper, string> = { a4: 'A4 landscape', letter: 'US Letter landscape' };

/**
 * The live preview: the report view itself (report.html, the page every PDF is printed from) in a
 * frame, scaled to the pane. The frame keeps its last layout while a new pack is laid out, so the
 * screen never jumps; it says how many pages the pack prints to.
 */
export function PackPreview({
  pack,
  paper,
  busy,
}: {
  pack: BriefingPack | null;
  paper: Paper;
  busy: boolean;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const pane = useRef<HTMLDivElement>(null);
  const [listening, setListening] = useState(false);
  const [layout, setLayout] = useState<{ pages: number; height: number } | null>(null);
  const [laying, setLaying] = useState(true);
  const [paneWidth, setPaneWidth] = useState(0);
  /** What the frame was last sent: the same pack again (a refetch after a save) is not laid out again. */
  const sent = useRef('');

  useEffect(() => {
    const hear = (event: MessageEvent) => {
      if (!isFrom(event, frame.current?.contentWindow ?? null)) return;
      const news = event.data as PreviewNews;
      if (news.type === 'cxb-preview-loaded') setListening(true);
      if (news.type === 'cxb-preview-ready') {
        setLayout({ pages: news.pages, height: news.height });
        setLaying(false);
      }
    };
    window.addEventListener('message', hear);
    return () => window.removeEventListener('message', hear);
  }, []);

  useEffect(() => {
    const box = pane.current;
    if (!box) return;
    const observer = new ResizeObserver(([entry]) => setPaneWidth(entry?.contentRect.width ?? 0));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!listening || !pack) return;
    const show: ShowPack = { type: 'cxb-preview-show', pack, paper };
    const text = JSON.stringify(show);
    if (text === sent.current) return;
    sent.current = text;
    setLaying(true);
    frame.current?.contentWindow?.postMessage(show, location.origin);
  }, [listening, pack, paper]);

  const scale = paneWidth > 0 ? paneWidth / FRAME_WIDTH : 0.5;
  const height = layout?.height ?? FIRST_HEIGHT;
  const status =
    busy || laying || !layout
      ? 'Laying out the pages…'
      : `${layout.pages} ${layout.pages === 1 ? 'page' : 'pages'}, ${PAPER_NAMES[paper]}`;
  return (
    <div className="preview">
      <div className="preview-head">
        <strong>Preview</strong>
        <span className="muted" role="status" data-testid="preview-status">
          {status}
        </span>
      </div>
      <div
        className="preview-pane"
        ref={pane}
        tabIndex={0}
        role="region"
        aria-label="Preview of the board pack"
        aria-busy={busy || laying}
      >
        <div className="preview-sheet" style={{ height: height * scale }}>
          <iframe
            ref={frame}
            title="Board pack preview"
            src={`report.html?${PREVIEW_QUERY}`}
            tabIndex={-1}
            style={{ width: FRAME_WIDTH, height, transform: `scale(${scale})` }}
          />
        </div>
      </div>
    </div>
  );
}
