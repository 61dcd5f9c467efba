import { readStatic } from '../host/static';

/**
 * The renderer is served from `app://cxb/…` rather than file:// (Electron's security checklist):
 * a page can then read only the built renderer folder, never another file on the disk, and every
 * answer carries the CSP.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'cxb';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

export function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`);
}

/** The URL path of an app:// address, or null for any other scheme or host. */
export function appPath(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  return parsed.pathname;
}

/** Answers one app:// request: the file with its type and the CSP, or 404 (never a file outside root). */
export function appProtocolHandler(root: string): (request: { url: string }) => Promise<Response> {
  return async (request) => {
    const path = appPath(request.url);
    const file = path === null ? null : await readStatic(root, path);
    if (!file || file.status === 404) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body as Buffer), { status: 200, headers: file.headers });
  };
}
