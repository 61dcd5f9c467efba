import type { Formatter, Interval, Target } from './formatter';
import { MISSING, type Unit } from './units';

/** What a KPI figure needs to be written: any scorecard KPI has this shape. */
export interface KpiFigure {
  unit: Unit;
  status: 'ok' | 'needs-data' | 'not-estimable';
  value: number | null;
  n: number | null;
  interval?: Interval | null;
  target?: Target | null;
  rag?: Rag | null;
  vsPrior?: { change: number | null; significant: boolean | null } | null;
  vsLastYear?: { change: number | null; significant: boolean | null } | null;
  /** Why a KPI has no value (status other than ok). */
  needs?: string | null;
  /** The conventions the value rests on (churn basis …) and its answer scale. */
  basis?: string | null;
  scale?: string | null;
}

export type Rag = 'green' | 'amber' | 'red';

/** RAG in words as well as colour, so it survives a black-and-white printer. */
export const RAG_LABEL: Record<Rag, string> = { green: 'On target', amber: 'Watch', red: 'Off target' };

/** One KPI as every table, tile and export writes it; a missing part is "—". */
export interface KpiCells {
  value: string;
  n: string;
  interval: string;
  target: string;
  rag: string;
  vsPrior: string;
  vsLastYear: string;
  /** For a value: its basis or scale; without one: what would unlock it. */
  note: string;
}

/**
 * The written form of one KPI: its value (or "—" with the reason in `needs` when there is none), n,
 * 95% interval, target, RAG, and the changes vs prior period and last year, significance marked.
 */
export function kpiCells(kpi: KpiFigure, f: Formatter): KpiCells {
  const ok = kpi.status === 'ok';
  return {
    value: ok ? f.value(kpi.unit, kpi.value) : MISSING,
    n: f.count(kpi.n),
    interval: ok ? f.interval(kpi.unit, kpi.interval) : MISSING,
    target: f.target(kpi.unit, kpi.target),
    rag: kpi.rag ? RAG_LABEL[kpi.rag] : MISSING,
    vsPrior: f.change(kpi.unit, kpi.vsPrior?.change, kpi.vsPrior?.significant),
    vsLastYear: f.change(kpi.unit, kpi.vsLastYear?.change, kpi.vsLastYear?.significant),
    note: ok ? (kpi.basis ?? kpi.scale ?? '') : (kpi.needs ?? ''),
  };
}
