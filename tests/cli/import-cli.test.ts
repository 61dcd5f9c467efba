import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset, useTempDir } from '../helpers';

const tempDir = useTempDir();
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cxbrief.js');

function cxbrief(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input: '' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cxbrief CLI (child process)', () => {
  it('imports, lists, re-imports and removes imports with exit codes 0 and 1', () => {
    const dir = tempDir();
    const cxb = join(dir, 'acme.cxb');
    const telco = dataset('telco-churn-ibm/Telco-Customer-Churn.csv');
    const ok = cxbrief(
      'import',
      telco,
      '--into',
      cxb,
      '--kind',
      'customers',
      '--map',
      'customer_id=customerID',
      '--map',
      'churned=Churn',
      '--json',
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      status: 'imported',
      importId: 1,
      rowsAccepted: 7043,
      rowsRejected: 0,
    });

    const again = cxbrief(
      'import',
      telco,
      '--into',
      cxb,
      '--kind',
      'customers',
      '--map',
      'customer_id=customerID',
    );
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/already imported .*--replace.*--skip-duplicate/);

    const replaced = cxbrief(
      'import',
      telco,
      '--into',
      cxb,
      '--kind',
      'customers',
      '--map',
      'customer_id=customerID',
      '--replace',
    );
    expect(replaced.code).toBe(0);

    const listed = cxbrief('imports', cxb, '--json');
    expect(JSON.parse(listed.stdout).map((i: { id: number }) => i.id)).toEqual([2]);

    expect(cxbrief('remove-import', cxb, '2').stdout).toMatch(/Removed import 2: 7,043 customers rows/);
    expect(cxbrief('imports', cxb).stdout).toMatch(/No imports yet/);
    expect(cxbrief('remove-import', cxb, '2').code).toBe(1);
  });

  it('prints rejects and refuses above 5% without --accept-rejects', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'id,nps\na,9\nb,11\nc,5\n');
    const refused = cxbrief(
      'import',
      file,
      '--into',
      join(dir, 'x.cxb'),
      '--kind',
      'responses',
      '--item',
      'nps=nps',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /bad\.csv: 1 of 3 rows \(33\.3%\) were rejected.*row 3 column "nps": score 11 is outside the 0–10 scale/,
    );
    const accepted = cxbrief(
      'import',
      file,
      '--into',
      join(dir, 'x.cxb'),
      '--kind',
      'responses',
      '--item',
      'nps=nps',
      '--accept-rejects',
    );
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/3 rows read, 2 accepted, 1 rejected/);
  });

  it('refuses a file that is not an engagement without touching it, exit 1', () => {
    const dir = tempDir();
    const notOurs = join(dir, 'report.cxb');
    writeFileSync(notOurs, 'hello');
    const result = cxbrief('imports', notOurs);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not a CX Brief engagement file/);
  });

  it('inspects a legacy-encoded CSV and a missing file', () => {
    const inspected = cxbrief('inspect', dataset('servqual-kiosk-kr/kiosk.csv'), '--json');
    expect(inspected.code).toBe(0);
    const json = JSON.parse(inspected.stdout);
    expect(json).toMatchObject({ format: 'csv', encoding: 'cp949', delimiter: ',' });
    expect(json.columns[0].name).toBe('귀하의 성별을 선택해주세요.');
    const missing = cxbrief('inspect', join(tempDir(), 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv: does not exist/);
    expect(cxbrief('frobnicate').code).toBe(1);
  });
});
