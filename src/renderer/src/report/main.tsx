/**
 * Entry of report.html: asks the host for the BriefingPack (`pack:get`, with the period, filters,
 * switched-off sections and paper from the URL) and renders it. `document.documentElement.dataset.ready`
 * says when it can be printed: "true" (with data-pages), or "error" with the sentence in data-error.
 * Framed by the Briefing screen (`?preview=1`) it renders the pack that screen sends instead.
 */
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { BriefingPack, Request } from '../../../core/api/contract';
import { call } from '../api';
import './fonts';
import './report.css';
import { PreviewPage } from './preview-page';
import { Report, type Paper } from './Report';

type Hidden = NonNullable<Request<'pack:get'>['hidden']>;

function requestFromUrl(): {
  period?: string;
  filters: Record<string, string>;
  hidden?: Hidden;
  paper: Paper;
} {
  const params = new URLSearchParams(location.search);
  const filters: Record<string, string> = {};
  for (const [key, value] of params) if (key.startsWith('filter.')) filters[key.slice(7)] = value;
  const period = params.get('period') ?? undefined;
  const hide = params.get('hide');
  return {
    ...(period ? { period } : {}),
    filters,
    ...(hide ? { hidden: hide.split(',') as Hidden } : {}),
    paper: params.get('paper') === 'letter' ? 'letter' : 'a4',
  };
}

function fail(message: string) {
  document.documentElement.dataset.error = message;
  document.documentElement.dataset.ready = 'error';
}

function ReportPage() {
  const [request] = useState(requestFromUrl);
  const [pack, setPack] = useState<BriefingPack | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const { paper: _paper, ...scope } = request;
    call('pack:get', scope).then(setPack, (e: Error) => {
      setError(e.message);
      fail(e.message);
    });
  }, [request]);
  const ready = useCallback((pages: number) => {
    document.documentElement.dataset.pages = String(pages);
    document.documentElement.dataset.ready = 'true';
  }, []);
  if (error) return <p role="alert">{error}</p>;
  if (!pack) return null;
  return <Report pack={pack} paper={request.paper} onReady={ready} />;
}

const previewing = new URLSearchParams(location.search).has('preview') && window.parent !== window;
if (previewing) document.documentElement.classList.add('preview');
else window.addEventListener('error', (event) => fail(event.message));
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>{previewing ? <PreviewPage /> : <ReportPage />}</StrictMode>,
);
