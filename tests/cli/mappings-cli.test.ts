/**
 * Mapping templates (issue 3 item 4): the store functions, and `cxbrief mappings` / `cxbrief import
 * --save-mapping NAME --mapping NAME` as a child process. Files are generated here.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Mapping } from '../../src/core/import';
import { openEngagement } from '../../src/core/store';
import {
  TEMPLATE_SCHEMA,
  TemplateError,
  deleteTemplate,
  exportTemplate,
  getTemplate,
  importTemplate,
  listTemplates,
  saveTemplate,
} from '../../src/core/import/templates';
import { useTempDir } from '../helpers';

const tempDir = useTempDir();
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cxbrief.js');

function cxbrief(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input: '' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const servqualMapping: Mapping = {
  kind: 'responses',
  fields: { respondent_id: 'Respondent' },
  items: [
    {
      column: 'Q1 expected',
      survey: 'servqual',
      item: 'Q1',
      scaleMin: 1,
      scaleMax: 7,
      measure: 'expectation',
      dimension: 'reliability',
    },
    {
      column: 'Q1 experienced',
      survey: 'servqual',
      item: 'Q1',
      scaleMin: 1,
      scaleMax: 7,
      measure: 'perception',
      dimension: 'reliability',
    },
  ],
};

describe('mapping templates in the engagement file', () => {
  it('saves, lists, gets, exports, imports and deletes; the SERVQUAL dimension travels with the template', () => {
    const a = openEngagement(join(tempDir(), 'a.cxb'));
    expect(listTemplates(a.db)).toEqual([]);
    expect(saveTemplate(a.db, 'kiosk E-P', servqualMapping)).toEqual({ replaced: false });
    expect(saveTemplate(a.db, 'crm', { kind: 'customers', fields: { customer_id: 'Id' } })).toEqual({
      replaced: false,
    });
    expect(listTemplates(a.db).map((t) => [t.name, t.kind, t.columns, t.items])).toEqual([
      ['crm', 'customers', 1, 0],
      ['kiosk E-P', 'responses', 3, 2],
    ]);
    expect(getTemplate(a.db, 'kiosk E-P')?.mapping).toEqual(servqualMapping);
    expect(getTemplate(a.db, 'nope')).toBeNull();

    const json = exportTemplate(a.db, 'kiosk E-P');
    const parsed = JSON.parse(json) as { schema: string; name: string; mapping: Mapping };
    expect(parsed.schema).toBe(TEMPLATE_SCHEMA);
    expect(parsed.name).toBe('kiosk E-P');
    expect(parsed.mapping.items?.map((i) => [i.measure, i.dimension])).toEqual([
      ['expectation', 'reliability'],
      ['perception', 'reliability'],
    ]);

    const b = openEngagement(join(tempDir(), 'b.cxb'));
    expect(importTemplate(b.db, json)).toMatchObject({ name: 'kiosk E-P', replaced: false });
    expect(importTemplate(b.db, json, 'copy')).toMatchObject({ name: 'copy', replaced: false });
    expect(getTemplate(b.db, 'copy')?.mapping).toEqual(servqualMapping);
    // a bare Mapping (no envelope) is accepted with a name
    expect(importTemplate(b.db, JSON.stringify(servqualMapping), 'bare').template.kind).toBe('responses');
    // saving under an existing name replaces it
    expect(saveTemplate(b.db, 'copy', { ...servqualMapping, dateFormat: 'DD/MM/YYYY' })).toEqual({
      replaced: true,
    });
    expect(getTemplate(b.db, 'copy')?.mapping.dateFormat).toBe('DD/MM/YYYY');

    expect(deleteTemplate(b.db, 'copy')).toBe(true);
    expect(deleteTemplate(b.db, 'copy')).toBe(false);
    expect(listTemplates(b.db).map((t) => t.name)).toEqual(['bare', 'kiosk E-P']);
    a.close();
    b.close();
  });

  it('refuses invalid templates with one sentence naming the problem', () => {
    const e = openEngagement(join(tempDir(), 'v.cxb'));
    const bad: Array<[unknown, RegExp]> = [
      [{ kind: 'invoices', fields: {} }, /kind/],
      [{ kind: 'responses', fields: { score_column: 'X' } }, /"score_column" is not a field of responses/],
      [
        { kind: 'responses', fields: {}, items: [{ column: 'A', survey: 'nps', scaleMin: 10, scaleMax: 0 }] },
        /not a range/,
      ],
      [
        {
          kind: 'responses',
          fields: {},
          items: [{ column: 'A', survey: 'vibes', scaleMin: 1, scaleMax: 5 }],
        },
        /items\.0\.survey/,
      ],
      [
        {
          kind: 'responses',
          fields: {},
          items: [{ column: 'A', survey: 'csat', scaleMin: 1, scaleMax: 5, measure: 'perception' }],
        },
        /servqual/,
      ],
      [{ kind: 'customers', fields: { customer_id: 'Id' }, colour: 'red' }, /colour|unrecognized/i],
      [{ kind: 'customers', fields: { customer_id: 'Id' }, headerRows: 9 }, /headerRows/],
      ['not an object', /.+/],
    ];
    for (const [mapping, pattern] of bad) {
      let caught: unknown;
      try {
        saveTemplate(e.db, 't', mapping);
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(mapping)).toBeInstanceOf(TemplateError);
      const message = (caught as Error).message;
      expect(message).toMatch(pattern);
      expect(message).not.toContain('\n');
      expect(message).toMatch(/\.$/);
    }
    expect(() => importTemplate(e.db, '{ not json')).toThrow(/not valid JSON/);
    expect(() => importTemplate(e.db, '[1, 2]')).toThrow(TemplateError);
    expect(() => importTemplate(e.db, JSON.stringify(servqualMapping))).toThrow(/no name/);
    expect(() => saveTemplate(e.db, '', servqualMapping)).toThrow(/not a usable template name/);
    expect(() => saveTemplate(e.db, '../etc', servqualMapping)).toThrow(/not a usable template name/);
    expect(() => exportTemplate(e.db, 'missing')).toThrow(/no mapping template named "missing"/);
    expect(listTemplates(e.db)).toEqual([]);
    e.close();
  });
});

function survey(name: string, header: string[], rows: Array<Array<string | number>>): string {
  const path = join(tempDir(), name);
  writeFileSync(path, [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
  return path;
}

describe('cxbrief mappings and import --save-mapping / --mapping NAME (child process)', () => {
  it('saves the mapping of an import, applies it by name to the next export, exports and imports it', () => {
    const dir = tempDir();
    const cxb = join(dir, 'client.cxb');
    // Headers detection would not map on its own: the first import names the columns by hand.
    const header = ['Ref', 'Wave date', 'Q7', 'Remarks'];
    const q1 = survey(
      'q1.csv',
      header,
      Array.from({ length: 30 }, (_, i) => [`A${i}`, `2024-0${1 + (i % 3)}-15`, i % 11, 'ok']),
    );
    const q2 = survey(
      'q2.csv',
      header,
      Array.from({ length: 20 }, (_, i) => [`B${i}`, `2024-0${4 + (i % 3)}-15`, (i * 3) % 11, 'fine']),
    );
    const first = cxbrief(
      'import',
      q1,
      '--into',
      cxb,
      '--kind',
      'responses',
      '--map',
      'response_id=Ref',
      '--map',
      'responded_on=Wave date',
      '--map',
      'comment=Remarks',
      '--item',
      'Q7=nps:0-10',
      '--save-mapping',
      'panel survey',
    );
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/saved the mapping as template "panel survey"/);

    const list = cxbrief('mappings', cxb, 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/panel survey\s+responses/);
    const listed = JSON.parse(cxbrief('mappings', cxb, 'list', '--json').stdout) as Array<{ name: string }>;
    expect(listed.map((t) => t.name)).toEqual(['panel survey']);

    const show = cxbrief('mappings', cxb, 'show', 'panel survey');
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/Q7\s+nps 0–10/);
    expect(show.stdout).toMatch(/Wave date\s+responded_on/);

    // next quarter's export: --mapping NAME resolves the saved template
    const second = cxbrief('import', q2, '--into', cxb, '--mapping', 'panel survey', '--json');
    expect(second.code, second.stderr).toBe(0);
    const report = JSON.parse(second.stdout) as { rowsAccepted: number; mapping: Mapping; detected: unknown };
    expect(report.rowsAccepted).toBe(20);
    expect(report.detected).toBeNull();
    expect(report.mapping.fields).toMatchObject({ response_id: 'Ref', responded_on: 'Wave date' });
    expect(report.mapping.items?.[0]).toMatchObject({
      column: 'Q7',
      survey: 'nps',
      scaleMin: 0,
      scaleMax: 10,
    });

    // export → import into another engagement under another name → apply there
    const out = join(dir, 'panel.json');
    const exported = cxbrief('mappings', cxb, 'export', 'panel survey', '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({
      schema: TEMPLATE_SCHEMA,
      kind: 'responses',
    });
    const stdoutExport = cxbrief('mappings', cxb, 'export', 'panel survey');
    expect(JSON.parse(stdoutExport.stdout)).toEqual(JSON.parse(readFileSync(out, 'utf8')));

    const other = join(dir, 'other.cxb');
    const imported = cxbrief('mappings', other, 'import', out, '--name', 'panel');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/Imported mapping template "panel" \(responses\)/);
    const applied = cxbrief('import', q1, '--into', other, '--mapping', 'panel', '--json');
    expect(applied.code, applied.stderr).toBe(0);
    expect((JSON.parse(applied.stdout) as { rowsAccepted: number }).rowsAccepted).toBe(30);

    // save from a JSON file and from an earlier import
    const saved = cxbrief('mappings', other, 'save', 'from file', '--from', out);
    expect(saved.code, saved.stderr).toBe(0);
    const fromImport = cxbrief('mappings', other, 'save', 'from import', '--from-import', '1');
    expect(fromImport.code, fromImport.stderr).toBe(0);
    expect(fromImport.stdout).toMatch(/import 1 \(q1\.csv\)/);
    const names = (
      JSON.parse(cxbrief('mappings', other, 'list', '--json').stdout) as Array<{ name: string }>
    ).map((t) => t.name);
    expect(names).toEqual(['from file', 'from import', 'panel']);

    const deleted = cxbrief('mappings', other, 'delete', 'panel');
    expect(deleted.code).toBe(0);
    expect(cxbrief('mappings', other, 'show', 'panel').code).toBe(1);
  });

  it('user errors exit 1 with one line: unknown template, invalid template file, unknown action', () => {
    const dir = tempDir();
    const cxb = join(dir, 'e.cxb');
    const file = survey(
      's.csv',
      ['Response ID', 'How likely are you to recommend us? (0-10)'],
      [
        ['R1', 9],
        ['R2', 3],
      ],
    );
    const missing = cxbrief('import', file, '--into', cxb, '--mapping', 'no such template');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/no mapping file or saved template named "no such template"/);

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ kind: 'responses', fields: { nonsense: 'X' } }));
    const invalid = cxbrief('mappings', cxb, 'import', bad, '--name', 'bad');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr.trim().split('\n')).toHaveLength(1);
    expect(invalid.stderr).toMatch(/"nonsense" is not a field of responses/);

    const action = cxbrief('mappings', cxb, 'rename', 'x');
    expect(action.code).toBe(1);
    expect(action.stderr).toMatch(/unknown mappings action "rename"/);

    const badName = cxbrief('import', file, '--into', cxb, '--save-mapping', '/etc/passwd');
    expect(badName.code).toBe(1);
    expect(badName.stderr).toMatch(/not a usable template name/);
    // nothing was imported: the name is checked before the import
    expect(cxbrief('imports', cxb).stdout).toMatch(/No imports yet/);
  });
});
