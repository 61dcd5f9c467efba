/**
 * Scorecard benchmark (issue 5, DESIGN §10): 1M survey responses and 50,000 customers × 36 months of
 * MRR in a fresh engagement; each timed computeScorecard call uses a different period or filter and
 * includes prior, last-year and 12-period series. Also times one plain GROUP BY scan of the
 * responses (the floor the target is stated against). Run: npx tsx bench/scorecard.ts [dir]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeScorecard } from '../src/core/analysis';
import { openEngagement, refreshAggregates, type Db } from '../src/core/store';
import { filterCatalogue } from '../src/core/store/filter-keys';
import type { FilterKey } from '../src/core/domain/filter';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 50_000);
const MONTHS = 36;
/** An attribute the answers carry themselves (a column of the survey file kept as an attribute). */
const LANGUAGES = ['en', 'de', 'fr'];

function month(i: number): string {
  return `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function seed(db: Db): void {
  // mulberry32: a 32-bit generator with good spread (an LCG in doubles loses precision and made
  // most answers come from a few thousand customers).
  let s = 1;
  const rnd = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const segments = ['SMB', 'Mid-market', 'Enterprise'];
  const regions = ['EMEA', 'NA', 'APAC'];
  const importId = (kind: string) =>
    Number(
      db
        .prepare(
          `INSERT INTO imports (file_name, sha256, kind, mapping, rows_read, rows_accepted, rows_rejected, facts_written, imported_at)
           VALUES (?, ?, ?, '{}', 0, 0, 0, 0, '2026-01-01')`,
        )
        .run(`${kind}.csv`, kind, kind).lastInsertRowid,
    );
  db.transaction(() => {
    const ci = importId('customers');
    const insC = db.prepare(
      `INSERT INTO customers (customer_id, segment, region, plan, acquired_on, attributes, import_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let c = 0; c < CUSTOMERS; c++)
      insC.run(
        `C${c}`,
        segments[c % 3],
        regions[(c >> 2) % 3],
        `p${c % 5}`,
        '2022-12-01',
        `{"tier":"t${c % 4}"}`,
        ci,
      );
    const ri = importId('revenue');
    const insR = db.prepare(`INSERT INTO revenue (customer_id, period, mrr, import_id) VALUES (?, ?, ?, ?)`);
    for (let c = 0; c < CUSTOMERS; c++) {
      let mrr = 100 + Math.floor(rnd() * 900);
      let alive = true;
      for (let m = 0; m < MONTHS; m++) {
        if (alive && rnd() < 0.01) alive = false;
        if (rnd() < 0.05) mrr = Math.max(10, mrr + Math.floor((rnd() - 0.4) * 200));
        if (alive) insR.run(`C${c}`, month(m), mrr, ri);
      }
    }
    const si = importId('responses');
    const insS = db.prepare(
      `INSERT INTO responses (response_id, respondent_id, customer_id, responded_on, survey, item, score, scale_min, scale_max,
         touchpoint, channel, attributes, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'web', ?, ?)`,
    );
    for (let i = 0; i < RESPONSES; i++) {
      const c = Math.floor(rnd() * CUSTOMERS);
      const m = Math.floor(rnd() * MONTHS);
      const day = 1 + Math.floor(rnd() * 28);
      const survey = i % 10 < 6 ? 'nps' : i % 10 < 8 ? 'csat' : 'ces';
      const [min, max] = survey === 'nps' ? [0, 10] : survey === 'csat' ? [1, 5] : [1, 7];
      insS.run(
        `r${i}`,
        `p${i}`,
        `C${c}`,
        `${month(m)}-${String(day).padStart(2, '0')}`,
        survey,
        survey,
        min + Math.floor(rnd() * (max - min + 1)),
        min,
        max,
        `tp${i % 8}`,
        `{"language":"${LANGUAGES[i % 3]}"}`,
        si,
      );
    }
  })();
  // The importer builds these at import time; rows written here with SQL need them rebuilt.
  const aggregated = time(() => refreshAggregates(db));
  console.log(
    `pre-aggregates (built at import time by the importer): ${(aggregated.ms / 1000).toFixed(1)} s`,
  );
  db.exec('ANALYZE');
}

function time<T>(fn: () => T): { ms: number; result: T } {
  const t = performance.now();
  const result = fn();
  return { ms: performance.now() - t, result };
}

/** Seeds the engagement, then times the calls in a fresh process (as the app or CLI opens a file). */
export function runScorecardBench(dir: string): void {
  const path = join(dir, 'bench-scorecard.cxb');
  const e = openEngagement(path);
  const seeded = time(() => seed(e.db));
  console.log(
    `seeded ${RESPONSES} responses, ${CUSTOMERS} customers × ${MONTHS} months in ${(seeded.ms / 1000).toFixed(1)} s`,
  );
  e.close();
  // Seeding leaves the heap full of garbage whose collection would land in the timed calls.
  execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--time', path], {
    stdio: 'inherit',
  });
}

function timeCalls(path: string): void {
  const e = openEngagement(path, { create: false });
  const floor = time(() =>
    e.db
      .prepare(
        `SELECT survey, sum(score >= 9), sum(score <= 6), count(*) FROM responses NOT INDEXED WHERE active = 1 GROUP BY survey`,
      )
      .all(),
  );
  console.log(`floor: one plain GROUP BY scan of the responses: ${floor.ms.toFixed(0)} ms`);
  const calls: Array<{ period?: string; filters?: Record<string, string> }> = [
    {},
    { period: '2025-Q3' },
    { period: '2025-06' },
    { period: '2025' },
    { period: '2024-Q4' },
    { period: '2025-Q2', filters: { segment: 'Enterprise' } },
    { period: '2025-Q1', filters: { touchpoint: 'tp3' } },
    { period: '2025-Q4', filters: { tier: 't1' } },
  ];
  calls.forEach((call, index) => {
    const r = time(() => computeScorecard(e.db, call));
    const nps = r.result.kpis.find((k) => k.id === 'nps');
    const first = index === 0 ? ' (first call after opening: cold caches and compilation)' : '';
    console.log(
      `scorecard ${r.result.period.label}${call.filters ? ` ${JSON.stringify(call.filters)}` : ''}: ${r.ms.toFixed(0)} ms ` +
        `(×${(r.ms / floor.ms).toFixed(2)} of the floor; NPS ${nps?.value?.toFixed(1)} n ${nps?.n})${first}`,
    );
  });
  timeFilters(e.db, floor.ms);
  e.close();
}

/**
 * Every filter key the filter bar offers (the engagement's filter catalogue, staff keys aside: they
 * do not narrow customer answers), each with its most common value: the first call with the key
 * and a warm call (the same filter, another period).
 */
function timeFilters(db: Db, floorMs: number): void {
  for (const key of filterCatalogue(db)) {
    if (!key.present || key.kind === 'staff') continue;
    const value = commonValue(db, key);
    if (value === null) continue;
    const filters = { [key.key]: value };
    const first = time(() => computeScorecard(db, { period: '2025-Q2', filters }));
    const warm = time(() => computeScorecard(db, { period: '2025-Q3', filters }));
    const nps = warm.result.kpis.find((k) => k.id === 'nps');
    console.log(
      `filter ${key.key}=${value} (${key.kind}): first ${first.ms.toFixed(0)} ms, warm ${warm.ms.toFixed(0)} ms ` +
        `(×${(warm.ms / floorMs).toFixed(2)} of the floor; target < 150 warm; NPS n ${nps?.n})`,
    );
  }
}

/** The value of a filter key most answers or customers have. */
function commonValue(db: Db, key: FilterKey): string | null {
  const customerSide = key.kind === 'customer' || key.kind === 'shared';
  const table = customerSide ? 'customers' : 'responses';
  const value = key.column
    ? `CAST(${key.key} AS TEXT)`
    : `CAST(json_extract(attributes, '$."' || ? || '"') AS TEXT)`;
  return (
    (db
      .prepare(
        `SELECT v FROM (SELECT ${value} AS v FROM ${table} WHERE active = 1 LIMIT 100000)
         WHERE v IS NOT NULL GROUP BY v ORDER BY count(*) DESC LIMIT 1`,
      )
      .pluck()
      .get(...(key.column ? [] : [key.key])) as string | undefined) ?? null
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === '--time') {
    timeCalls(process.argv[3] as string);
  } else {
    const dir = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'cxb-bench-'));
    try {
      runScorecardBench(dir);
    } finally {
      if (!process.argv[2]) rmSync(dir, { recursive: true, force: true });
    }
  }
}
