import type {
  ApiClient,
  ApiError,
  Channel,
  EngineEvent,
  Request,
  Responses,
  Result,
} from '../../core/api/contract';

/**
 * Where this page runs: in the app (the preload gives `window.cxb`, `cxbEvents`, `cxbApp`) or in a
 * browser served by `npm run serve` (HTTP with the token from the address, events over SSE). The
 * screens see one Bridge either way.
 */
export type MenuCommand =
  | { command: 'new' | 'open' | 'open-demo' | 'import' | 'export' | 'check' | 'methodology' }
  | { command: 'open-path'; path: string };

interface AppExtras {
  chooseFile(request: { purpose: 'engagement' | 'import' }): Promise<AppAnswer<string | null>>;
  chooseNewEngagement(request: { name: string }): Promise<AppAnswer<string | null>>;
  saveText(request: { defaultName: string; text: string }): Promise<AppAnswer<string | null>>;
  chooseExportPath(request: { format: PackFormat; defaultName: string }): Promise<AppAnswer<string | null>>;
  recent(request: object): Promise<AppAnswer<string[]>>;
  remember(request: { path: string }): Promise<AppAnswer<null>>;
  pathOfFile(file: File): string;
  onCommand(listener: (command: MenuCommand) => void): () => void;
}

export type PackFormat = 'pdf' | 'pptx' | 'xlsx';

/** What a pack export names: the pack's scope and, for a PDF, the paper. */
export type PackExport = Request<'pack:get'> & { paper: 'a4' | 'letter' };

/** Where the file went (the app's save dialog) or that the browser downloaded it; null: cancelled. */
export type Exported = { savedTo: string | null } | null;

type AppAnswer<T> = { ok: true; value: T } | { ok: false; error: { message: string } };

declare global {
  interface Window {
    cxb?: ApiClient;
    cxbEvents?: { subscribe(listener: (event: EngineEvent) => void): () => void };
    cxbApp?: AppExtras;
  }
}

export interface Bridge {
  kind: 'app' | 'browser';
  call<C extends Channel>(channel: C, request: Request<C>): Promise<Result<Responses[C]>>;
  subscribe(listener: (event: EngineEvent) => void): () => void;
  /** A file the user picked or dropped, as a path the engine can read (the browser host uploads it). */
  pathForImport(file: File, onProgress?: (fraction: number) => void): Promise<string>;
  /** Where a new engagement goes: the app asks with a save dialog; the browser host's workspace. */
  newEngagementPath(name: string): Promise<string | null>;
  /** The app's open dialog; null in a browser (the screen asks for a path). */
  chooseEngagement: (() => Promise<string | null>) | null;
  saveText(defaultName: string, text: string): Promise<void>;
  /**
   * Writes the pack as a PDF, deck or workbook where the user says: the app asks with its save
   * dialog and the engine writes there; the browser host writes it and the page downloads it.
   * `onDownload` hears the fraction of bytes received (the browser only).
   */
  exportPack(
    format: PackFormat,
    request: PackExport,
    fileName: string,
    onDownload?: (fraction: number) => void,
  ): Promise<Result<Exported>>;
  recent(): Promise<string[]>;
  remember(path: string): Promise<void>;
  onCommand(listener: (command: MenuCommand) => void): () => void;
}

/** The engine request of an export: the paper goes only with a PDF. */
function exportRequest(format: PackFormat, request: PackExport, path: string) {
  const { paper, ...scope } = request;
  return format === 'pdf' ? { ...scope, paper, path } : { ...scope, path };
}

function unwrap<T>(answer: AppAnswer<T>): T {
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

function appBridge(app: AppExtras, cxb: ApiClient): Bridge {
  return {
    kind: 'app',
    call: (channel, request) => cxb[channel](request),
    subscribe: (listener) => window.cxbEvents?.subscribe(listener) ?? (() => {}),
    pathForImport: async (file) => app.pathOfFile(file),
    newEngagementPath: async (name) => unwrap(await app.chooseNewEngagement({ name })),
    chooseEngagement: async () => unwrap(await app.chooseFile({ purpose: 'engagement' })),
    saveText: async (defaultName, text) => {
      unwrap(await app.saveText({ defaultName, text }));
    },
    exportPack: async (format, request, fileName) => {
      const path = unwrap(await app.chooseExportPath({ format, defaultName: fileName }));
      if (!path) return { ok: true, value: null };
      const written = await cxb[`pack:export-${format}`](exportRequest(format, request, path) as never);
      return written.ok ? { ok: true, value: { savedTo: path } } : written;
    },
    recent: async () => unwrap(await app.recent({})),
    remember: async (path) => {
      unwrap(await app.remember({ path }));
    },
    onCommand: (listener) => app.onCommand(listener),
  };
}

/** The token arrives in the address once; it is kept for this tab and taken out of the address bar. */
function takeToken(): string {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem('cxb-token', fromUrl);
    params.delete('token');
    const rest = params.toString();
    history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  }
  return fromUrl ?? sessionStorage.getItem('cxb-token') ?? '';
}

function browserBridge(): Bridge {
  const token = takeToken();
  const post = async (path: string, body: unknown): Promise<unknown> => {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cxb-token': token },
      body: JSON.stringify(body ?? {}),
    });
    return response.json();
  };
  const hostCall = async <T>(name: string, body: unknown = {}): Promise<T> =>
    unwrap((await post(`/host/${name}`, body)) as AppAnswer<T>);
  let workspace: Promise<string> | null = null;
  const listeners = new Set<(event: EngineEvent) => void>();
  let source: EventSource | null = null;
  return {
    kind: 'browser',
    call: async (channel, request) =>
      (await post(`/api/${encodeURIComponent(channel)}`, request)) as Result<Responses[typeof channel]>,
    subscribe(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
        source.onmessage = (message: MessageEvent<string>) => {
          const data = JSON.parse(message.data) as { event: EngineEvent['name']; payload: unknown };
          for (const each of listeners) each({ name: data.event, payload: data.payload } as EngineEvent);
        };
      }
      return () => listeners.delete(listener);
    },
    pathForImport: (file, onProgress) =>
      new Promise((resolve, reject) => {
        // XMLHttpRequest, not fetch: it reports upload progress for a large file.
        const request = new XMLHttpRequest();
        request.open('POST', `/upload?name=${encodeURIComponent(file.name)}`);
        request.setRequestHeader('x-cxb-token', token);
        request.upload.onprogress = (event) => onProgress?.(event.total ? event.loaded / event.total : 0);
        request.onload = () => {
          try {
            resolve(unwrap(JSON.parse(request.responseText) as AppAnswer<{ path: string }>).path);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        };
        request.onerror = () => reject(new Error(`${file.name} could not be sent to CX Brief.`));
        request.send(file);
      }),
    newEngagementPath: async (name) => {
      workspace ??= hostCall<{ workspace: string }>('info').then((info) => info.workspace);
      return `${await workspace}/${name.replace(/[\\/:*?"<>|]/g, ' ').trim()}.cxb`;
    },
    chooseEngagement: null,
    saveText: async (defaultName, text) => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
      link.download = defaultName;
      link.click();
      URL.revokeObjectURL(link.href);
    },
    exportPack: async (format, request, fileName, onDownload) => {
      const response = await fetch(`/export/${format}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-cxb-token': token },
        body: JSON.stringify(request),
      });
      if (!response.ok) {
        const refused = (await response.json().catch(() => null)) as { error?: ApiError } | null;
        return {
          ok: false,
          error: refused?.error ?? {
            code: 'export-failed',
            message: `The ${format} file could not be made.`,
          },
        };
      }
      const bytes = await readAll(response, onDownload);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob(bytes, { type: response.headers.get('content-type') ?? '' }));
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      return { ok: true, value: { savedTo: null } };
    },
    recent: () => hostCall<string[]>('recent'),
    remember: async (path) => {
      await hostCall('remember', { path });
    },
    onCommand: () => () => {},
  };
}

/** A response's bytes, telling how much of the announced length has arrived. */
async function readAll(response: Response, onProgress?: (fraction: number) => void): Promise<BlobPart[]> {
  const total = Number(response.headers.get('content-length') ?? 0);
  const chunks: BlobPart[] = [];
  const reader = response.body?.getReader();
  if (!reader) return [new Uint8Array(await response.arrayBuffer())];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value as Uint8Array<ArrayBuffer>);
    received += value.length;
    if (total) onProgress?.(received / total);
  }
}

/** A page given only `window.cxb` (a test's stand-in for the preload): calls, and nothing else. */
function callsOnly(cxb: ApiClient): Bridge {
  const none = () => () => {};
  return {
    kind: 'app',
    call: (channel, request) => cxb[channel](request),
    subscribe: none,
    pathForImport: () => Promise.reject(new Error('Importing is not available in this window.')),
    newEngagementPath: async () => null,
    chooseEngagement: null,
    saveText: async () => {},
    exportPack: async () => ({
      ok: false,
      error: { code: 'export-failed', message: 'Exporting is not available in this window.' },
    }),
    recent: async () => [],
    remember: async () => {},
    onCommand: none,
  };
}

let current: Bridge | null = null;

export function bridge(): Bridge {
  if (current) return current;
  if (window.cxb && window.cxbApp) current = appBridge(window.cxbApp, window.cxb);
  else if (window.cxb) current = callsOnly(window.cxb);
  else current = browserBridge();
  return current;
}
