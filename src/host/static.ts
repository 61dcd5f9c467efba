import { readFile } from 'node:fs/promises';
import { basename, extname, isAbsolute, relative, resolve } from 'node:path';

/**
 * What both hosts of the renderer share: the built files served from one folder and never from
 * outside it, each with its type, the CSP and no sniffing. The app serves them on app://cxb, the
 * browser host on http://127.0.0.1.
 */
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

export const CONTENT_SECURITY_POLICY = [...POLICY, "frame-ancestors 'none'"].join('; ');

/** The report view may be framed by our own page (the Briefing screen's preview), by no other. */
export const REPORT_SECURITY_POLICY = [...POLICY, "frame-ancestors 'self'"].join('; ');

function policyFor(file: string): string {
  return basename(file) === 'report.html' ? REPORT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

export function contentType(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}

/** The file a URL path names inside `root`, or null when it would leave it (`../`, encoded or not). */
export function fileInside(root: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const file = resolve(root, `.${path === '/' || path === '' ? '/index.html' : path}`);
  const inside = relative(resolve(root), file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}

export interface StaticFile {
  status: 200 | 404;
  headers: Record<string, string>;
  body: Buffer | string;
}

export const STATIC_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

export async function readStatic(root: string, urlPath: string): Promise<StaticFile> {
  const file = fileInside(root, urlPath);
  const notFound: StaticFile = {
    status: 404,
    headers: { ...STATIC_HEADERS, 'content-type': 'text/plain' },
    body: 'Not found',
  };
  if (!file) return notFound;
  try {
    return {
      status: 200,
      headers: {
        ...STATIC_HEADERS,
        'content-security-policy': policyFor(file),
        'content-type': contentType(file),
      },
      body: await readFile(file),
    };
  } catch {
    return notFound;
  }
}
