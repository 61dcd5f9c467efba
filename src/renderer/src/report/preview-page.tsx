/**
 * report.html framed by the Briefing screen: it renders the packs that screen sends with the same
 * Report component the printer uses. A new pack is laid out out of sight while the pages already
 * shown stay; it replaces them once it is ready, so the preview never goes blank or jumps.
 */
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { BriefingPack } from '../../../core/api/contract';
import { isFrom, type PreviewNews, type ShowPack } from './preview';
import { Report, type Paper } from './Report';

interface Layout {
  key: number;
  pack: BriefingPack;
  paper: Paper;
  /** Pages once laid out; null while the layout is under way. */
  pages: number | null;
}

function tellScreen(news: PreviewNews): void {
  window.parent.postMessage(news, location.origin);
}

const Instance = memo(function Instance({
  layout,
  onReady,
}: {
  layout: Layout;
  onReady: (key: number, pages: number) => void;
}) {
  const ready = useCallback((pages: number) => onReady(layout.key, pages), [layout.key, onReady]);
  return (
    <div className={layout.pages === null ? 'preview-pending' : 'preview-current'}>
      <Report pack={layout.pack} paper={layout.paper} onReady={ready} />
    </div>
  );
});

export function PreviewPage() {
  const [layouts, setLayouts] = useState<Layout[]>([]);
  const next = useRef(1);
  useEffect(() => {
    const listen = (event: MessageEvent) => {
      const data = event.data as Partial<ShowPack> | null;
      if (!isFrom(event, window.parent) || data?.type !== 'cxb-preview-show' || !data.pack) return;
      const layout: Layout = {
        key: next.current++,
        pack: data.pack,
        paper: data.paper === 'letter' ? 'letter' : 'a4',
        pages: null,
      };
      // The pages on show stay; a layout still under way is dropped for the newer pack.
      setLayouts((list) => [...list.filter((l) => l.pages !== null).slice(-1), layout]);
    };
    window.addEventListener('message', listen);
    tellScreen({ type: 'cxb-preview-loaded' });
    return () => window.removeEventListener('message', listen);
  }, []);

  const ready = useCallback((key: number, pages: number) => {
    setLayouts((list) =>
      list.some((l) => l.key === key)
        ? list.filter((l) => l.key >= key).map((l) => (l.key === key ? { ...l, pages } : l))
        : list,
    );
  }, []);

  const shown = layouts.find((l) => l.pages !== null);
  useEffect(() => {
    if (!shown?.pages) return;
    const pages = shown.pages;
    // Measured once the swap has been painted.
    const frame = requestAnimationFrame(() =>
      tellScreen({ type: 'cxb-preview-ready', pages, height: document.documentElement.scrollHeight }),
    );
    return () => cancelAnimationFrame(frame);
  }, [shown?.key, shown?.pages]);

  return (
    <>
      {layouts.map((layout) => (
        <Instance key={layout.key} layout={layout} onReady={ready} />
      ))}
    </>
  );
}
