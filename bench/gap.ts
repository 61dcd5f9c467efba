/**
 * Gap benchmark (issue 6, DESIGN §10): the full expectation-gap report on an engagement with
 * BENCH_RESPONSES survey answers (default 1M, imported through the real importer, so the
 * pre-aggregates are the importer's) and 300 staff self-assessments over 8 touchpoints.
 * Target: < 150 ms per report. Run: npx tsx bench/gap.ts [dir]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeGapReport } from '../src/core/analysis';
import { importFile } from '../src/core/import';
import { openEngagement } from '../src/core/store';
import { TOUCHPOINTS, writeSurveyCsv } from './generate';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000);

async function runGapBench(dir: string): Promise<void> {
  const csv = join(dir, 'survey.csv');
  await writeSurveyCsv(csv, RESPONSES);
  const e = openEngagement(join(dir, 'bench-gap.cxb'));
  const imported = performance.now();
  await importFile(e.db, { file: csv });
  console.log(
    `imported ${RESPONSES} answers in ${((performance.now() - imported) / 1000).toFixed(1)} s (pre-aggregates included)`,
  );
  const db = e.db;
  db.transaction(() => {
    const id = Number(
      db
        .prepare(
          `INSERT INTO imports (file_name, sha256, kind, mapping, rows_read, rows_accepted, rows_rejected, facts_written, imported_at)
           VALUES ('staff.csv', 'staff', 'assessments', '{}', 0, 0, 0, 0, '2026-01-01')`,
        )
        .run().lastInsertRowid,
    );
    const insert = db.prepare(
      `INSERT INTO assessments (respondent, department, touchpoint, item, score, scale_min, scale_max, superior, assessed_on, import_id)
       VALUES (?, ?, ?, 'score', ?, 1, 5, ?, '2026-01-15', ?)`,
    );
    for (let s = 0; s < 300; s += 1) {
      TOUCHPOINTS.forEach((touchpoint, t) =>
        insert.run(`S${s}`, `D${s % 6}`, touchpoint, 1 + ((s + t) % 5), s % 3 ? 1 : 0, id),
      );
    }
  })();
  const floor = performance.now();
  db.prepare(
    `SELECT touchpoint, count(*), sum(score) FROM responses NOT INDEXED WHERE active = 1 GROUP BY touchpoint`,
  ).all();
  const floorMs = performance.now() - floor;
  console.log(`floor: one plain GROUP BY scan of the responses: ${floorMs.toFixed(0)} ms`);
  const calls: Array<{ period?: string; filters?: Record<string, string> }> = [
    {},
    { period: '2025-Q3' },
    { period: '2025' },
    { filters: { touchpoint: 'Support' } },
    { period: '2026-Q1', filters: { segment: 'Enterprise' } },
  ];
  for (const call of calls) {
    const started = performance.now();
    const report = computeGapReport(db, call);
    const ms = performance.now() - started;
    const top = report.priorities[0];
    console.log(
      `gap ${call.period ?? 'all'}${call.filters ? ` ${JSON.stringify(call.filters)}` : ''}: ${ms.toFixed(0)} ms ` +
        `(×${(ms / floorMs).toFixed(2)} of the floor; ${report.touchpoints.length} touchpoints; top priority ${top?.touchpoint ?? '—'})`,
    );
  }
  e.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'cxb-bench-gap-'));
  try {
    await runGapBench(dir);
  } finally {
    if (!process.argv[2]) rmSync(dir, { recursive: true, force: true });
  }
}
