/**
 * The browser host answers only its own page: every channel of the contract (and every host call,
 * the upload, the pack exports and the event stream) refuses a request without the token, with a
 * wrong token, from another Origin, or naming another Host (a DNS-rebinding page); with all three
 * right it answers. Only the report view may be framed, and only by this origin.
 */
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/core/api';
import { inProcessEngine, type EngineLink } from '../../src/host/engine-link';
import { safeFileName, startBrowserHost, type BrowserHost } from '../../src/host/server';
let host: BrowserHost;
let engine: EngineLink;
let root: string;

interface Answer {
  status: number;
  body: string;
}

function send(path: string, headers: Record<string, string>, body = '{}', method = 'POST'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port: host.port, path, method, headers, setHost: !('host' in headers) },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
          // The event stream never ends by itself: its first bytes are enough.
          if (path.startsWith('/events')) response.destroy();
        });
        response.on('close', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    if (method === 'POST') request.end(body);
    else request.end();
  });
}

const json = { 'content-type': 'application/json' };

function headersOf(path: string): Promise<Record<string, string | string[] | undefined>> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port: host.port, path }, (response) => {
      response.resume();
      resolve(response.headers);
    })
      .on('error', reject)
      .end();
  });
}

beforeAll(async () => {
  root = join(mkdtempSync(join(tmpdir(), 'cxb-host-')), 'site');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><p>page</p>');
  writeFileSync(join(root, 'report.html'), '<!doctype html><p>report</p>');
  engine = inProcessEngine({ dataDir: join(root, '..', 'data') });
  host = await startBrowserHost({ rendererDir: root, engine, workspace: join(root, '..', 'workspace') });
});

afterAll(async () => {
  await host?.close();
  engine?.close();
  rmSync(join(root, '..'), { recursive: true, force: true });
});

describe('the browser host', () => {
  it('listens on 127.0.0.1 only and prints a URL holding a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    expect(host.token).toHaveLength(32);
  });

  it('refuses every channel without the token, with a wrong one, from another origin or host', async () => {
    const good = { ...json, 'x-cxb-token': host.token };
    for (const channel of CHANNELS) {
      const path = `/api/${channel}`;
      const cases: Array<[string, Record<string, string>, number]> = [
        ['no token', json, 401],
        ['wrong token', { ...json, 'x-cxb-token': `${host.token.slice(0, -1)}x` }, 401],
        ['foreign origin', { ...good, origin: 'http://evil.example' }, 403],
        ['foreign port origin', { ...good, origin: 'http://127.0.0.1:1' }, 403],
        ['foreign host', { ...good, host: `evil.example:${host.port}` }, 403],
        ['cross-site fetch', { ...good, 'sec-fetch-site': 'cross-site' }, 403],
      ];
      for (const [what, headers, status] of cases) {
        const answer = await send(path, headers);
        expect(answer.status, `${channel}: ${what}`).toBe(status);
        expect(JSON.parse(answer.body), `${channel}: ${what}`).toMatchObject({ ok: false });
      }
      // With everything right the channel is reached: an answer from the engine, not a refusal.
      const reached = await send(path, { ...good, origin: host.origin });
      expect(reached.status, channel).toBe(200);
      const result = JSON.parse(reached.body) as { ok: boolean; error?: { code: string } };
      expect(result.ok || result.error?.code !== 'internal', channel).toBe(true);
    }
  });

  it('refuses host calls, uploads, exports and the event stream the same way', async () => {
    for (const path of ['/host/info', '/host/recent', '/upload?name=a.csv', '/export/pdf', '/export/xlsx']) {
      expect((await send(path, json)).status, path).toBe(401);
      expect(
        (await send(path, { ...json, 'x-cxb-token': host.token, origin: 'http://evil.example' })).status,
      ).toBe(403);
    }
    expect((await send('/events', {}, '', 'GET')).status).toBe(401);
    expect((await send(`/events?token=${host.token}`, { host: 'evil.example' }, '', 'GET')).status).toBe(403);
    const stream = await send(`/events?token=${host.token}`, {}, '', 'GET');
    expect(stream.status).toBe(200);
    expect(stream.body).toContain(': connected');
  });

  it('answers a pack export with the engine’s sentence when it cannot make the file, and writes nothing', async () => {
    await engine.call('engagement:close', {});
    const good = { ...json, 'x-cxb-token': host.token, origin: host.origin };
    const refused = async (format: string) => {
      const answer = await send(
        `/export/${format}`,
        good,
        JSON.stringify({ period: '2026-Q3', paper: 'a4' }),
      );
      expect(answer.status, format).toBe(422);
      return (JSON.parse(answer.body) as { ok: boolean; error: unknown }).error;
    };
    // This engine has no printer; the others have no engagement open.
    expect(await refused('pdf')).toMatchObject({
      code: 'export-failed',
      message: 'PDF export is not available here.',
    });
    for (const format of ['pptx', 'xlsx'])
      expect(await refused(format)).toMatchObject({
        code: 'no-engagement',
        message: 'Open an engagement first.',
      });
    expect((await send('/export/docx', good)).status).toBe(404);
    expect((await send('/export/pdf', good, '[1]')).status).toBe(400);
    expect((await send('/export/pdf', { 'x-cxb-token': host.token }, '{}', 'GET')).status).toBe(405);
    // Each export's folder goes with its answer.
    expect(readdirSync(join(root, '..', 'workspace', 'exports'))).toEqual([]);
  });

  it('lets only this origin frame the report view, and nothing frame the app', async () => {
    const policy = async (path: string) => (await headersOf(path))['content-security-policy'] ?? '';
    expect(await policy('/report.html')).toContain("frame-ancestors 'self'");
    expect(await policy('/')).toContain("frame-ancestors 'none'");
    expect(await policy('/index.html')).toContain("frame-ancestors 'none'");
  });

  it('serves the page only to its own host name and saves an upload inside the workspace', async () => {
    expect((await send('/', {}, '', 'GET')).status).toBe(200);
    expect((await send('/', { host: 'rebound.example' }, '', 'GET')).status).toBe(403);
    expect((await send('/..%2f..%2fetc/passwd', {}, '', 'GET')).status).toBe(404);
    const uploaded = await send(
      '/upload?name=..%2F..%2Fevil.csv',
      { 'x-cxb-token': host.token },
      'a,b\n1,2\n',
    );
    const { value } = JSON.parse(uploaded.body) as { value: { path: string } };
    expect(value.path.startsWith(join(root, '..', 'workspace', 'uploads'))).toBe(true);
    expect(value.path.endsWith('/evil.csv')).toBe(true);
    expect(safeFileName('../../x\u0000y.csv')).toBe('x_y.csv');
  });

  it('sends the workbook of the open engagement as a download, naming no path the page chose', async () => {
    expect((await engine.call('engagement:open-demo', {})).ok).toBe(true);
    const answer = await new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
      (resolve, reject) => {
        const request = httpRequest(
          {
            host: '127.0.0.1',
            port: host.port,
            path: '/export/xlsx',
            method: 'POST',
            headers: { ...json, 'x-cxb-token': host.token, origin: host.origin },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: Buffer.concat(chunks),
              }),
            );
          },
        );
        request.on('error', reject);
        // A path in the request is not where the file goes.
        request.end(JSON.stringify({ path: join(root, 'planted.xlsx') }));
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(answer.headers['content-disposition']).toBe('attachment; filename="pack.xlsx"');
    expect(answer.body.subarray(0, 2).toString()).toBe('PK');
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(readdirSync(root)).not.toContain('planted.xlsx');
    expect(readdirSync(join(root, '..', 'workspace', 'exports'))).toEqual([]);
  }, 60_000);
});
