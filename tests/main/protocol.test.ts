/**
 * app://cxb serves the built renderer folder and nothing else: `../` in any spelling, another host,
 * another scheme or a NUL byte is a 404, never a file from outside the folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileInside } from '../../src/host/static';
import { appProtocolHandler } from '../../src/main/protocol';
import { useTempDir } from '../helpers';

const tempDir = useTempDir();

function site(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><p>app</p>');
  writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not for the page');
  return join(dir, 'renderer');
}

describe('the app:// protocol', () => {
  it('serves the renderer with its type and the CSP', async () => {
    const handle = appProtocolHandler(site());
    const index = await handle({ url: 'app://cxb/' });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('<p>app</p>');
    const script = await handle({ url: 'app://cxb/assets/app.js' });
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('refuses ../ however it is written, other hosts and schemes', async () => {
    const handle = appProtocolHandler(site());
    for (const url of [
      'app://cxb/../secret.txt',
      'app://cxb/assets/../../secret.txt',
      'app://cxb/..%2fsecret.txt',
      'app://cxb/%2e%2e/secret.txt',
      'app://cxb/%2e%2e%2fsecret.txt',
      'app://cxb/assets/..%5c..%5csecret.txt',
      'app://cxb/index.html%00.js',
      'app://other/index.html',
      'file:///etc/passwd',
      'app://cxb/%E0%A4%A',
    ]) {
      const response = await handle({ url });
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('not for the page');
    }
  });

  it('keeps every decoded path inside the folder', () => {
    const root = '/srv/renderer';
    expect(fileInside(root, '/../secret.txt')).toBeNull();
    expect(fileInside(root, '/a/%2e%2e/%2e%2e/secret.txt')).toBeNull();
    expect(fileInside(root, '/..')).toBeNull();
    expect(fileInside(root, '/')).toBe('/srv/renderer/index.html');
    expect(fileInside(root, '/a/../index.html')).toBe('/srv/renderer/index.html');
  });
});
