import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { EngineLink } from './engine-link';
import { readStatic } from './static';

/**
 * The browser host (`npm run serve`): the renderer and the engine for a browser on this machine.
 * Bound to 127.0.0.1 only. Every request must name this host by its loopback name and port (a
 * DNS-rebinding page names its own), must not come from another origin, and every call, upload
 * and event stream must carry the random token printed in the URL. See README, threat model.
 */
export interface BrowserHostOptions {
  rendererDir: string;
  engine: EngineLink;
  /** Where new engagements, uploaded files and the recent list go. */
  workspace: string;
  port?: number;
  token?: string;
}

export interface BrowserHost {
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 64 * 1024 * 1024;
const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;
const MAX_RECENT = 10;

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sameSecret(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) throw new Refusal(413, 'The request is too large.');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new Refusal(400, 'The request is not JSON.');
  }
}

/** The pack's files the page can download, with their types. */
const EXPORTS: Record<string, string> = {
  pdf: 'application/pdf',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(value));
}

function refusal(code: string, message: string) {
  return { ok: false, error: { code, message } };
}

/** A file name safe to write in the uploads folder: its base name, no control or path characters. */
export function safeFileName(name: string): string {
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/[<>:"/\\|?*]/g, '_')
    .replace(/\p{Cc}/gu, '_')
    .trim();
  return base && base !== '.' && base !== '..' ? base.slice(0, 200) : 'upload';
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const recentFile = join(options.workspace, 'recent.json');
  mkdirSync(options.workspace, { recursive: true });
  let port = 0;
  const hosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const origins = () => hosts().map((host) => `http://${host}`);

  const readRecent = (): string[] => {
    try {
      const list = JSON.parse(readFileSync(recentFile, 'utf8')) as unknown;
      return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return [];
    }
  };

  const hostCalls: Record<string, (payload: Record<string, unknown>) => unknown> = {
    info: () => ({ kind: 'browser', workspace: options.workspace }),
    recent: () => readRecent().filter((path) => existsSync(path)),
    remember: ({ path }) => {
      if (typeof path !== 'string' || path.length > 4096)
        throw new Refusal(400, 'Invalid request for remember.');
      const list = [path, ...readRecent().filter((known) => known !== path)].slice(0, MAX_RECENT);
      writeFileSync(recentFile, JSON.stringify(list, null, 2));
      return null;
    },
  };

  function checkCaller(request: IncomingMessage, url: URL, needsToken: boolean): void {
    if (!hosts().includes(request.headers.host ?? ''))
      throw new Refusal(403, 'This host name is not served here.');
    const origin = request.headers.origin;
    if (origin !== undefined && !origins().includes(origin))
      throw new Refusal(403, 'Requests from another site are refused.');
    if (request.headers['sec-fetch-site'] === 'cross-site')
      throw new Refusal(403, 'Requests from another site are refused.');
    if (!needsToken) return;
    const given = (request.headers['x-cxb-token'] as string | undefined) ?? url.searchParams.get('token');
    if (!sameSecret(given, token))
      throw new Refusal(
        401,
        'The link’s token is missing or wrong; open the address `npm run serve` printed.',
      );
  }

  async function upload(request: IncomingMessage, url: URL): Promise<unknown> {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_UPLOAD_BYTES) throw new Refusal(413, 'The file is larger than 4 GB.');
    const folder = join(options.workspace, 'uploads', randomBytes(6).toString('hex'));
    mkdirSync(folder, { recursive: true });
    const path = join(folder, safeFileName(url.searchParams.get('name') ?? 'upload'));
    await pipeline(request, createWriteStream(path));
    return { ok: true, value: { path } };
  }

  /**
   * A pack file for the page to download: the engine writes it into a folder of its own in the
   * workspace (the page never names a path), its bytes go back, and the folder goes. The request
   * is the pack's scope (period, filters, hidden sections) and, for a PDF, the paper.
   */
  async function exportPack(format: string, payload: unknown, response: ServerResponse): Promise<void> {
    const type = EXPORTS[format];
    if (!type) throw new Refusal(404, 'There is no such export.');
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
      throw new Refusal(400, `Invalid request for the ${format} export.`);
    const { path: _named, paper, ...scope } = payload as Record<string, unknown>;
    const folder = join(options.workspace, 'exports', randomBytes(6).toString('hex'));
    mkdirSync(folder, { recursive: true });
    try {
      const path = join(folder, `pack.${format}`);
      const request = format === 'pdf' ? { ...scope, paper: paper ?? 'a4', path } : { ...scope, path };
      const result = await options.engine.call(`pack:export-${format}`, request);
      if (!result.ok) return sendJson(response, 422, result);
      const bytes = await readFile(path);
      response.writeHead(200, {
        'content-type': type,
        'content-length': String(bytes.length),
        'content-disposition': `attachment; filename="pack.${format}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      response.end(bytes);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }

  function events(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    const stop = options.engine.onEvent((event) => {
      response.write(`data: ${JSON.stringify({ event: event.name, payload: event.payload })}\n\n`);
    });
    const ping = setInterval(() => response.write(': ping\n\n'), 15_000);
    request.on('close', () => {
      clearInterval(ping);
      stop();
    });
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const api = path.startsWith('/api/');
    const host = path.startsWith('/host/');
    const exporting = path.startsWith('/export/');
    const isCall = api || host || exporting || path === '/upload';
    checkCaller(request, url, isCall || path === '/events');
    if (isCall) {
      if (request.method !== 'POST') throw new Refusal(405, 'Use POST.');
      if (path === '/upload') return sendJson(response, 200, await upload(request, url));
      if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
        throw new Refusal(415, 'Send JSON.');
      const payload = await readJson(request);
      if (exporting) return exportPack(path.slice(8), payload, response);
      if (api)
        return sendJson(response, 200, await options.engine.call(decodeURIComponent(path.slice(5)), payload));
      const call = hostCalls[path.slice(6)];
      if (!call) throw new Refusal(404, 'There is no such host call.');
      return sendJson(response, 200, {
        ok: true,
        value: await call((payload ?? {}) as Record<string, unknown>),
      });
    }
    if (path === '/events') return events(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new Refusal(405, 'Use GET.');
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const file = await readStatic(options.rendererDir, path);
    response.writeHead(file.status, { ...file.headers, 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const status = error instanceof Refusal ? error.status : 500;
      const message = error instanceof Refusal ? error.message : 'internal error';
      if (!response.headersSent)
        sendJson(response, status, refusal(status === 500 ? 'internal' : 'bad-request', message));
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
