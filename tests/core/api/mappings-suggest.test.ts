/**
 * The import screen suggests a saved template when a file's header has every column the template
 * maps; a file missing one of them gets no suggestion (the template could not be applied to it).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/core/api';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

describe('mappings:suggest', () => {
  it('offers the templates whose columns a header has, the most specific first', async () => {
    const dir = tempDir();
    const file = join(dir, 'customers.csv');
    writeFileSync(
      file,
      'Customer ID,Company,Segment,Region\nC1,Acme,SMB,EMEA\nC2,Globex,Enterprise,APAC\nC3,Initech,SMB,EMEA\n',
    );
    const engine = createEngine({ dataDir: dir });
    try {
      await engine.handle('engagement:create', { path: join(dir, 'e.cxb'), name: 'Suggest' });
      const preview = await engine.handle('import:preview', { file });
      expect(preview.mapping?.kind).toBe('customers');
      await engine.handle('mappings:save', { name: 'CRM export', mapping: preview.mapping });
      const narrower = { ...preview.mapping!, fields: { ...preview.mapping!.fields } };
      delete narrower.fields.segment;
      await engine.handle('mappings:save', { name: 'Without segment', mapping: narrower });

      const columns = preview.header.columns;
      expect((await engine.handle('mappings:suggest', { columns })).map((t) => t.name)).toEqual([
        'CRM export',
        'Without segment',
      ]);
      const noSegment = columns.filter((c) => c !== 'Segment');
      expect((await engine.handle('mappings:suggest', { columns: noSegment })).map((t) => t.name)).toEqual([
        'Without segment',
      ]);
      expect(await engine.handle('mappings:suggest', { columns: ['Something', 'Else'] })).toEqual([]);
      // The suggested template previews the file as it was saved.
      const again = await engine.handle('import:preview', { file, template: 'CRM export' });
      expect(again.mapping).toEqual(preview.mapping);
    } finally {
      engine.close();
    }
  });
});
