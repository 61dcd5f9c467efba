/**
 * The client a new engagement is for is stored with it (meta `client`), comes back with the
 * engagement's summary (the shell's header shows it) and reaches the pack's cover.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/core/api';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

describe('an engagement’s client', () => {
  it('is stored on create, returned with the summary after reopening, and named on the pack', async () => {
    const dir = tempDir();
    const path = join(dir, 'review.cxb');
    const engine = createEngine({ dataDir: dir });
    try {
      const created = await engine.handle('engagement:create', {
        path,
        name: 'CX review 2026',
        client: ' Northwind ',
      });
      expect(created).toEqual({
        name: 'CX review 2026',
        client: 'Northwind',
        path,
        readOnly: null,
        created: true,
      });
      await engine.handle('engagement:close', {});
      expect(await engine.handle('engagement:open', { path })).toEqual({ ...created, created: false });
      const pack = await engine.handle('pack:get', { period: 'all' });
      expect(pack.engagement).toMatchObject({ name: 'CX review 2026', client: 'Northwind' });
      const other = join(dir, 'no-client.cxb');
      expect(await engine.handle('engagement:create', { path: other, name: 'Internal' })).toEqual({
        name: 'Internal',
        client: null,
        path: other,
        readOnly: null,
        created: true,
      });
    } finally {
      engine.close();
    }
  });
});
