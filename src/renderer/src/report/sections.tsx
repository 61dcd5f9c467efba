/**
 * The pack's sections as blocks the paginator can place: headings, boxes (charts, cards — never
 * split) and tables (split between rows). Every number is written by the presentation module.
 */
import type { ReactNode } from 'react';
import type { BriefingPack, SectionId } from '../../../core/api/contract';
import {
  MISSING,
  RAG_LABEL,
  SECTION_TITLES,
  SIGNIFICANCE_NOTE,
  formatterFor,
  significanceMark,
  type Formatter,
} from '../../../core/format';
import type { ScorecardKpi } from '../../../core/api/contract';
import { Dumbbell, IntervalDots, Quadrant, Sparkline, TrendChart } from '../charts';
import { HeadlineFigures, PrioritiesTable, reading, ServqualHead, servqualRow } from '../gap-tables';

export type Block =
  | { kind: 'heading'; id: string; node: ReactNode }
  | { kind: 'box'; id: string; node: ReactNode }
  | {
      kind: 'table';
      id: string;
      caption: string;
      className?: string;
      head: ReactNode;
      rows: ReactNode[];
    };

export interface Section {
  id: string;
  blocks: Block[];
}

export interface Geometry {
  /** Content box of a page in CSS px (page minus @page margins, minus a safety millimetre). */
  width: number;
  height: number;
}

const TITLES = SECTION_TITLES;

const SMALL_N = 30;
// Up to this many touchpoints, the gap table sits beside its chart.
const SIDE_BY_SIDE_ROWS = 10;
// The cover fills its page less the block's bottom padding (12 px) and a pixel of rounding.
const COVER_SLACK = 16;

function heading(id: string, title: string, sub?: string): Block {
  return {
    kind: 'heading',
    id: `${id}:heading`,
    node: (
      <header className="section-heading">
        <h2>{title}</h2>
        {sub && <p className="muted">{sub}</p>}
      </header>
    ),
  };
}

function value(kpi: ScorecardKpi | null | undefined, f: Formatter): string {
  if (!kpi || kpi.value === null) return '—';
  return f.value(kpi.unit, kpi.value);
}

function withN(kpi: ScorecardKpi | null | undefined, f: Formatter): ReactNode {
  if (!kpi || kpi.value === null) return <span className="muted">{kpi?.needs ?? MISSING}</span>;
  const small = kpi.n !== null && kpi.n < SMALL_N;
  return (
    <>
      {value(kpi, f)}
      {kpi.n !== null && <span className="n"> n = {f.count(kpi.n)}</span>}
      {small && <span className="flag"> small sample</span>}
    </>
  );
}

function Rag({ rag }: { rag: ScorecardKpi['rag'] }) {
  if (!rag) return <span className="muted">no target</span>;
  return (
    <span className={`rag rag-${rag}`}>
      <span className="dot" aria-hidden="true" />
      {RAG_LABEL[rag]}
    </span>
  );
}

function change(delta: ScorecardKpi['vsPrior'], unit: ScorecardKpi['unit'], f: Formatter): ReactNode {
  if (delta.change === null) return <span className="muted">{MISSING}</span>;
  const text = f.change(unit, delta.change, delta.significant);
  // A change that rounds to nothing is printed flat, whatever its sign before rounding.
  const flat = delta.movement === 'flat' || !/[1-9]/.test(text);
  const arrow = flat ? '●' : delta.movement === 'up' ? '▲' : '▼';
  const tone = flat ? '' : delta.improved === true ? 'better' : delta.improved === false ? 'worse' : '';
  return (
    <span className={tone}>
      {arrow} {text}
    </span>
  );
}

function cover(pack: BriefingPack, g: Geometry): Section {
  const hashes = pack.provenance.imports.map((i) => `#${i.id} ${i.sha256.slice(0, 12)}`).join(' · ');
  return {
    id: 'cover',
    blocks: [
      {
        kind: 'box',
        id: 'cover',
        node: (
          <div className="cover" style={{ height: g.height - COVER_SLACK }}>
            <p className="kicker">Board pack · Customer experience</p>
            <h1>{pack.engagement.name}</h1>
            {pack.engagement.client && <p className="client">{pack.engagement.client}</p>}
            <p className="period">
              {pack.period.description} ({pack.period.label})
              {pack.period.partial && <span className="flag"> partial period</span>}
            </p>
            <p>Data as of {pack.asOf ?? MISSING}</p>
            {pack.filters.length > 0 && (
              <p>Filtered to {pack.filters.map((f) => `${f.key} = ${f.value}`).join(', ')}</p>
            )}
            <p className="confidential">Confidential — prepared for the board</p>
            <p>
              Prepared by {pack.engagement.preparedBy ?? 'the Customer Experience office'} with CX Brief{' '}
              {pack.appVersion}
            </p>
            <p className="stamp">
              CX Brief {pack.appVersion} · imports (sha256): {hashes || 'none'}
            </p>
          </div>
        ),
      },
    ],
  };
}

function summary(pack: BriefingPack): Section {
  const f = formatterFor(pack.where);
  const blocks: Block[] = [heading('summary', TITLES.summary, `${pack.period.display} · key messages`)];
  blocks.push({
    kind: 'box',
    id: 'summary:messages',
    node: (
      <ol className="messages">
        {pack.summary.messages.map((m, i) => (
          <li key={i}>{m.text}</li>
        ))}
      </ol>
    ),
  });
  blocks.push({
    kind: 'box',
    id: 'summary:chips',
    node: (
      <div className="chips">
        {pack.summary.chips.map((k) => (
          <div className={`chip chip-${k.rag ?? 'none'}`} key={k.id}>
            <div className="chip-label">{k.label}</div>
            <div className="chip-value">{value(k, f)}</div>
            <div className="chip-meta">
              <Rag rag={k.rag} />
            </div>
            <div className="chip-meta">
              {change(k.vsPrior, k.unit, f)} <span className="muted">vs {pack.period.prior ?? 'prior'}</span>
            </div>
          </div>
        ))}
      </div>
    ),
  });
  if (pack.summary.decisions.length > 0)
    blocks.push({
      kind: 'box',
      id: 'summary:decisions',
      node: (
        <div className="decisions">
          <h3>Decisions requested</h3>
          <ul>
            {pack.summary.decisions.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        </div>
      ),
    });
  return { id: 'summary', blocks };
}

function scorecard(pack: BriefingPack): Section {
  const f = formatterFor(pack.where);
  return {
    id: 'scorecard',
    blocks: [
      heading('scorecard', TITLES.scorecard, `${pack.period.display} · ${SIGNIFICANCE_NOTE}`),
      {
        kind: 'table',
        id: 'scorecard:table',
        caption: 'Every KPI',
        className: 'scorecard',
        head: (
          <tr>
            <th>KPI</th>
            <th className="num">Value</th>
            <th className="num">Target</th>
            <th>Status</th>
            <th className="num">vs {pack.period.prior ?? 'prior'}</th>
            <th className="num">vs {pack.period.lastYear ?? 'last year'}</th>
            <th className="num">n</th>
            <th className="num">95% interval</th>
            <th>12 periods</th>
          </tr>
        ),
        rows: pack.scorecard.map((k) =>
          k.value === null ? (
            <tr key={k.id}>
              <td>{k.label}</td>
              <td colSpan={8} className="needs">
                {k.needs}
              </td>
            </tr>
          ) : (
            <tr key={k.id}>
              <td>{k.label}</td>
              <td className="num strong">{value(k, f)}</td>
              <td className="num">{f.target(k.unit, k.target)}</td>
              <td>
                <Rag rag={k.rag} />
              </td>
              <td className="num">{change(k.vsPrior, k.unit, f)}</td>
              <td className="num">{change(k.vsLastYear, k.unit, f)}</td>
              <td className="num">{k.n === null ? MISSING : f.count(k.n)}</td>
              <td className="num">
                {k.interval ? f.interval(k.unit, { low: k.interval.low, high: k.interval.high }) : '—'}
              </td>
              <td>
                <Sparkline points={k.series} />
              </td>
            </tr>
          ),
        ),
      },
    ],
  };
}

function trends(pack: BriefingPack, g: Geometry): Section {
  const [first, ...rest] = pack.trends;
  const blocks: Block[] = [heading('trends', TITLES.trends, 'Last 12 periods')];
  if (first)
    blocks.push({
      kind: 'box',
      id: `trends:${first.id}`,
      node: (
        <figure>
          <figcaption>{first.title}</figcaption>
          <TrendChart
            chart={first}
            f={formatterFor(pack.where)}
            width={g.width}
            height={Math.round(g.height * 0.4)}
          />
        </figure>
      ),
    });
  if (rest.length > 0)
    blocks.push({
      kind: 'box',
      id: 'trends:pair',
      node: (
        <div className="row">
          {rest.map((c) => (
            <figure key={c.id}>
              <figcaption>{c.title}</figcaption>
              <TrendChart
                chart={c}
                f={formatterFor(pack.where)}
                width={Math.floor((g.width - 24) / rest.length)}
                height={Math.round(g.height * 0.34)}
              />
            </figure>
          ))}
        </div>
      ),
    });
  return { id: 'trends', blocks };
}

/** Background for a 0–100 score cell (light to dark blue) and a gap cell (amber when staff overrate). */
function scoreTint(v: number | null): string | undefined {
  if (v === null) return undefined;
  return `rgba(29, 78, 216, ${(0.08 + (Math.max(0, Math.min(100, v)) / 100) * 0.35).toFixed(2)})`;
}

function gapTint(v: number | null): string | undefined {
  if (v === null) return undefined;
  const a = Math.min(0.5, Math.abs(v) / 40);
  return v > 0 ? `rgba(180, 83, 9, ${a.toFixed(2)})` : `rgba(21, 128, 61, ${a.toFixed(2)})`;
}

function journey(pack: BriefingPack): Section {
  const f = formatterFor(pack.where);
  return {
    id: 'journey',
    blocks: [
      heading(
        'journey',
        TITLES.journey,
        'Scores on 0–100; gap = staff − customers (positive: staff overrate)',
      ),
      {
        kind: 'table',
        id: 'journey:table',
        caption: 'Journey stages',
        className: 'heatmap',
        head: (
          <tr>
            <th>Stage</th>
            <th>Touchpoints</th>
            <th className="num">Customer score</th>
            <th className="num">Staff score</th>
            <th className="num">Gap</th>
            <th className="num">NPS</th>
          </tr>
        ),
        rows: pack.journey.map((r) => (
          <tr key={r.stage}>
            <td className="strong">{r.stage}</td>
            <td>{r.touchpoints.join(', ')}</td>
            <td className="num" style={{ background: scoreTint(r.customer) }}>
              {r.customer === null ? MISSING : f.value('score100', r.customer)}
              <span className="n"> n = {f.count(r.customerN)}</span>
            </td>
            <td className="num" style={{ background: scoreTint(r.staff) }}>
              {r.staff === null ? 'withheld' : f.value('score100', r.staff)}
            </td>
            <td className="num" style={{ background: gapTint(r.gap) }}>
              {r.gap === null ? MISSING : f.change('score100', r.gap)}
              {significanceMark(r.significant)}
            </td>
            <td className="num">
              {r.nps === null ? (
                <span className="muted">not asked</span>
              ) : (
                <>
                  {f.value('points', r.nps)}
                  <span className="n"> n = {f.count(r.npsN)}</span>
                  {r.npsN < SMALL_N && <span className="flag"> small sample</span>}
                </>
              )}
            </td>
          </tr>
        )),
      },
    ],
  };
}

function segments(pack: BriefingPack, g: Geometry): Section {
  const f = formatterFor(pack.where);
  return {
    id: 'segments',
    blocks: [
      heading(
        'segments',
        TITLES.segments,
        `${pack.period.display} · samples under ${SMALL_N} are flagged, not hidden`,
      ),
      {
        kind: 'table',
        id: 'segments:table',
        caption: 'Segments',
        head: (
          <tr>
            <th>Segment</th>
            <th className="num">NPS</th>
            <th className="num">CSAT</th>
            <th className="num">Logo churn</th>
            <th className="num">NRR</th>
          </tr>
        ),
        rows: pack.segments.map((s) => (
          <tr key={s.segment}>
            <td className="strong">{s.segment}</td>
            <td className="num">{withN(s.nps, f)}</td>
            <td className="num">{withN(s.csat, f)}</td>
            <td className="num">{withN(s.churn, f)}</td>
            <td className="num">{withN(s.nrr, f)}</td>
          </tr>
        )),
      },
      {
        kind: 'box',
        id: 'segments:chart',
        node: (
          <figure>
            <figcaption>Net Promoter Score by segment</figcaption>
            <IntervalDots
              rows={pack.segments
                .filter((s) => s.nps?.value !== null && s.nps?.value !== undefined)
                .map((s) => ({
                  label: s.segment,
                  value: s.nps?.value as number,
                  low: s.nps?.interval?.low ?? null,
                  high: s.nps?.interval?.high ?? null,
                }))}
              unit="points"
              f={f}
              width={g.width}
              height={Math.min(Math.round(g.height * 0.5), 52 * pack.segments.length + 70)}
              label="NPS"
            />
          </figure>
        ),
      },
    ],
  };
}

function revenue(pack: BriefingPack): Section {
  const f = formatterFor(pack.where);
  const r = pack.revenue;
  if (!r) return { id: 'revenue', blocks: [] };
  const percent = r.atRisk?.details?.percentOfMrr;
  const accounts = r.atRisk?.details?.detractorAccounts;
  return {
    id: 'revenue',
    blocks: [
      heading('revenue', TITLES.revenue, pack.period.display),
      {
        kind: 'box',
        id: 'revenue:chips',
        node: (
          <div className="chips two">
            <div className="chip">
              <div className="chip-label">Revenue at risk (monthly recurring revenue)</div>
              <div className="chip-value">{value(r.atRisk, f)}</div>
              <div className="chip-meta">
                {typeof percent === 'number' && `${f.value('percent', percent)} of MRR · `}
                {typeof accounts === 'number' &&
                  `${f.count(accounts)} accounts whose latest answer is a detractor`}
              </div>
            </div>
            <div className="chip">
              <div className="chip-label">Account-weighted NPS</div>
              <div className="chip-value">{value(r.accountWeighted, f)}</div>
              <div className="chip-meta">{r.accountWeighted?.basis ?? ''}</div>
            </div>
          </div>
        ),
      },
      {
        kind: 'table',
        id: 'revenue:classes',
        caption: 'NRR and churn in the period by NPS class, classed by the latest answer before the period',
        head: (
          <tr>
            <th>NPS class</th>
            <th className="num">NRR</th>
            <th className="num">Logo churn</th>
          </tr>
        ),
        rows: r.byClass.map((c) => (
          <tr key={c.npsClass}>
            <td className="strong">{c.npsClass[0]?.toUpperCase() + c.npsClass.slice(1)}s</td>
            <td className="num">{withN(c.nrr, f)}</td>
            <td className="num">{withN(c.churn, f)}</td>
          </tr>
        )),
      },
      {
        kind: 'table',
        id: 'revenue:bands',
        caption: 'NPS by revenue band',
        head: (
          <tr>
            <th>Band</th>
            <th className="num">NPS</th>
            <th className="num">95% interval</th>
          </tr>
        ),
        rows: r.bands.map((b) => (
          <tr key={b.id}>
            <td>{b.label.replace(/^NPS — /, '')}</td>
            <td className="num">{withN(b, f)}</td>
            <td className="num">
              {b.interval ? f.interval(b.unit, { low: b.interval.low, high: b.interval.high }) : '—'}
            </td>
          </tr>
        )),
      },
    ],
  };
}

function gap(pack: BriefingPack, g: Geometry): Section {
  const f = formatterFor(pack.where);
  const gp = pack.gap;
  if (!gp) return { id: 'gap', blocks: [] };
  const h = gp.headline;
  const blocks: Block[] = [heading('gap', TITLES.gap, 'What staff believe vs what customers say')];
  if (h?.internal && h.customer)
    blocks.push({
      kind: 'box',
      id: 'gap:headline',
      node: <HeadlineFigures h={h} f={f} />,
    });
  const rows = gp.touchpoints.filter((r) => r.staff !== null && r.customer !== null);
  const dumbbell = (width: number) => (
    <figure>
      <figcaption>Staff vs customers per touchpoint, sorted by gap (0–100)</figcaption>
      <Dumbbell rows={rows} f={f} width={width} height={Math.max(200, 40 * rows.length + 90)} />
    </figure>
  );
  const head = (
    <tr>
      <th>Touchpoint</th>
      <th className="num">Staff</th>
      <th className="num">Customers</th>
      <th className="num">Gap</th>
      <th className="num">95% interval</th>
      <th>Reading</th>
      <th className="num">n staff / customers</th>
    </tr>
  );
  const tableRows = gp.touchpoints.map((r) => (
    <tr key={r.touchpoint}>
      <td className="strong">{r.touchpoint}</td>
      <td className="num">{r.staff === null ? 'withheld' : f.value('score100', r.staff)}</td>
      <td className="num">{f.value('score100', r.customer)}</td>
      <td className="num strong">{r.gap === null ? MISSING : f.change('score100', r.gap)}</td>
      <td className="num">
        {r.low === null || r.high === null ? MISSING : f.interval('score100', { low: r.low, high: r.high })}
      </td>
      <td>{reading(r)}</td>
      <td className="num">
        {f.count(r.staffN)} / {f.count(r.customerN)}
      </td>
    </tr>
  ));
  // A handful of touchpoints: chart and table side by side on one page; more: the table continues.
  if (gp.touchpoints.length <= SIDE_BY_SIDE_ROWS)
    blocks.push({
      kind: 'box',
      id: 'gap:dumbbell',
      node: (
        <div className="row">
          {dumbbell(Math.round(g.width * 0.42))}
          <div className="side">
            <div className="caption">Gap per touchpoint</div>
            <table className="compact">
              <thead>{head}</thead>
              <tbody>{tableRows}</tbody>
            </table>
          </div>
        </div>
      ),
    });
  else
    blocks.push(
      { kind: 'box', id: 'gap:dumbbell', node: dumbbell(g.width) },
      { kind: 'table', id: 'gap:table', caption: 'Gap per touchpoint', head, rows: tableRows },
    );
  blocks.push({
    kind: 'box',
    id: 'gap:note',
    node: (
      <p className="note">
        Gap = staff − customers on 0–100: a shortfall means staff rate the touchpoint higher than customers
        do. {SIGNIFICANCE_NOTE} {gp.multipleTesting ?? ''}
      </p>
    ),
  });
  return { id: 'gap', blocks };
}

function priorities(pack: BriefingPack, g: Geometry): Section {
  const f = formatterFor(pack.where);
  const p = pack.priorities;
  if (!p) return { id: 'priorities', blocks: [] };
  return {
    id: 'priorities',
    blocks: [
      heading('priorities', TITLES.priorities, 'Importance–performance; priority = importance × max(gap, 0)'),
      {
        kind: 'box',
        id: 'priorities:chart',
        node: (
          <div className="row">
            <figure>
              <figcaption>Importance–performance quadrant (crosshairs at the means)</figcaption>
              <Quadrant
                quadrant={p.quadrant}
                f={f}
                width={Math.round(g.width * 0.5)}
                height={Math.round(g.height * 0.8)}
              />
            </figure>
            <div className="side">
              <PrioritiesTable
                rows={p.rows}
                f={f}
                quadrantOf={(touchpoint) =>
                  p.quadrant.rows.find((q) => q.touchpoint === touchpoint)?.quadrant ?? MISSING
                }
              />
            </div>
          </div>
        ),
      },
    ],
  };
}

function servqual(pack: BriefingPack): Section {
  const f = formatterFor(pack.where);
  const s = pack.servqual;
  if (!s) return { id: 'servqual', blocks: [] };
  return {
    id: 'servqual',
    blocks: [
      heading('servqual', TITLES.servqual, 'Perception − expectation per dimension (negative = shortfall)'),
      {
        kind: 'table',
        id: 'servqual:table',
        caption: 'Dimensions',
        head: <ServqualHead />,
        rows: s.dimensions.map((d) => servqualRow(d, f)),
      },
      {
        kind: 'box',
        id: 'servqual:totals',
        node: (
          <p>
            Unweighted: {s.unweighted === null ? MISSING : f.change('score', s.unweighted)} · Weighted:{' '}
            {s.weighted === null ? 'no weights' : f.change('score', s.weighted)}
          </p>
        ),
      },
    ],
  };
}

function voice(pack: BriefingPack): Section {
  const f = formatterFor(pack.where);
  return {
    id: 'voice',
    blocks: [
      heading(
        'voice',
        TITLES.voice,
        'Top priority touchpoints: recent detractor and promoter comments, de-identified',
      ),
      ...pack.voice.map((group): Block => ({
        kind: 'box',
        id: `voice:${group.touchpoint}`,
        node: (
          <div className="card">
            <h3>{group.touchpoint}</h3>
            {group.comments.map((c, i) => (
              <blockquote key={i} className={c.kind} dir="auto">
                <p>“{c.text}”</p>
                <footer>
                  {c.kind === 'detractor' ? 'Detractor' : 'Promoter'} · score {f.count(c.score)} of 10 ·{' '}
                  {c.date ?? MISSING}
                </footer>
              </blockquote>
            ))}
          </div>
        ),
      })),
    ],
  };
}

function actions(pack: BriefingPack): Section {
  const blocks: Block[] = [heading('actions', TITLES.actions, `As entered for ${pack.period.display}`)];
  if (pack.actions.length > 0)
    blocks.push({
      kind: 'table',
      id: 'actions:table',
      caption: 'Actions',
      head: (
        <tr>
          <th>#</th>
          <th>Action</th>
          <th>Owner</th>
          <th>Due</th>
          <th>Status</th>
        </tr>
      ),
      rows: pack.actions.map((a, i) => (
        <tr key={i}>
          <td>{i + 1}</td>
          <td>{a.what}</td>
          <td>{a.owner}</td>
          <td>{a.due ?? MISSING}</td>
          <td>{a.status}</td>
        </tr>
      )),
    });
  if (pack.decisions.length > 0)
    blocks.push({
      kind: 'box',
      id: 'actions:decisions',
      node: (
        <div className="decisions">
          <h3>Decisions requested</h3>
          <ol>
            {pack.decisions.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ol>
        </div>
      ),
    });
  return { id: 'actions', blocks };
}

function methodology(pack: BriefingPack): Section {
  const m = pack.methodology;
  const blocks: Block[] = [
    heading('methodology', TITLES.methodology, 'The definition of every number in this pack'),
    {
      kind: 'box',
      id: 'methodology:scope',
      node: (
        <p>
          Period {pack.period.display} ({pack.period.description}); data as of {pack.asOf ?? MISSING};{' '}
          {pack.filters.length
            ? `filters: ${pack.filters.map((f) => `${f.key} = ${f.value}`).join(', ')}`
            : 'no filters applied'}
          {m.churnBasis ? `; churn basis: ${m.churnBasis}` : ''}.
        </p>
      ),
    },
  ];
  if (m.notes.length > 0)
    blocks.push({
      kind: 'box',
      id: 'methodology:notes',
      node: (
        <ul className="note">
          {m.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      ),
    });
  if (m.notShown.length > 0)
    blocks.push({
      kind: 'box',
      id: 'methodology:not-shown',
      node: (
        <div className="note">
          <h3>Not shown</h3>
          <ul>
            {m.notShown.map((n, i) => (
              <li key={i}>not shown: {n}</li>
            ))}
          </ul>
        </div>
      ),
    });
  blocks.push({
    kind: 'table',
    id: 'methodology:definitions',
    caption: 'Definitions',
    className: 'definitions',
    head: (
      <tr>
        <th>Term</th>
        <th>Definition</th>
      </tr>
    ),
    rows: m.definitions.map((d, i) => (
      <tr key={i}>
        <td className="strong">{d.term}</td>
        <td>{d.text}</td>
      </tr>
    )),
  });
  return { id: 'methodology', blocks };
}

function provenance(pack: BriefingPack): Section {
  const f = formatterFor(pack.where);
  return {
    id: 'provenance',
    blocks: [
      heading(
        'provenance',
        TITLES.provenance,
        `Data as of ${pack.asOf ?? MISSING} · CX Brief ${pack.appVersion}`,
      ),
      {
        kind: 'table',
        id: 'provenance:imports',
        caption: 'Imports used',
        className: 'provenance',
        head: (
          <tr>
            <th>#</th>
            <th>File</th>
            <th>Kind</th>
            <th>sha256</th>
            <th className="num">Rows read</th>
            <th className="num">Accepted</th>
            <th className="num">Rejected</th>
            <th>Imported</th>
          </tr>
        ),
        rows: pack.provenance.imports.map((i) => (
          <tr key={i.id}>
            <td>{i.id}</td>
            <td>{i.fileName}</td>
            <td>{i.kind}</td>
            <td className="hash">{i.sha256}</td>
            <td className="num">{f.count(i.rowsRead)}</td>
            <td className="num">{f.count(i.rowsAccepted)}</td>
            <td className="num">{f.count(i.rowsRejected)}</td>
            <td>{i.importedAt.slice(0, 10)}</td>
          </tr>
        )),
      },
    ],
  };
}

export function buildSections(pack: BriefingPack, g: Geometry): Section[] {
  const make: Record<SectionId, () => Section> = {
    summary: () => summary(pack),
    scorecard: () => scorecard(pack),
    trends: () => trends(pack, g),
    journey: () => journey(pack),
    segments: () => segments(pack, g),
    revenue: () => revenue(pack),
    gap: () => gap(pack, g),
    priorities: () => priorities(pack, g),
    servqual: () => servqual(pack),
    voice: () => voice(pack),
    actions: () => actions(pack),
    methodology: () => methodology(pack),
    provenance: () => provenance(pack),
  };
  return [cover(pack, g), ...pack.sections.map((id) => make[id]())].filter((s) => s.blocks.length > 0);
}
