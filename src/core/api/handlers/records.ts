import { z } from 'zod';
import { drillScope, type DrillScope } from '../../analysis/drill';
import { RECORD_TABLES, listRecords, type RecordsPage } from '../../store/records';
import { scoped } from './analysis';
import { domain, page, request } from './context';

/** What a drill-through focus resolved to: the period it was read for and what the rows are. */
export interface RecordsFocus {
  kpi: string;
  period: string;
  description: string;
}

const focus = z
  .object({
    kpi: z.string().min(1).max(64),
    period: z.string().max(32).optional(),
    filters: z.record(z.string().max(100), z.string().max(200)).optional(),
  })
  .strict();

/**
 * The imported rows of each table, paged and searchable, so a number can be checked back to rows.
 * With a focus (a KPI, its period and filters) the rows are exactly those counted in that KPI's n,
 * from the KPI's table (the table asked for is then ignored).
 */
export const records = domain(
  {
    'records:list': request({
      table: z.enum(RECORD_TABLES),
      search: z.string().max(200).optional(),
      focus: focus.optional(),
      ...page,
    }),
  },
  {
    'records:list': (r, context): RecordsPage & { table: string; focus: RecordsFocus | null } => {
      const db = context.db();
      const asked = r.focus;
      const scope: DrillScope | null = asked ? scoped(() => drillScope(db, stripped(asked))) : null;
      const table = scope?.table ?? r.table;
      const rows = listRecords(db, {
        table,
        offset: r.offset,
        limit: r.limit,
        ...(r.search ? { search: r.search } : {}),
        ...(scope ? { scope: scope.where } : {}),
      });
      const described =
        r.focus && scope ? { kpi: r.focus.kpi, period: scope.period, description: scope.description } : null;
      return { ...rows, table, focus: described };
    },
  },
);

/** The focus without undefined members (exactOptionalPropertyTypes). */
function stripped(f: z.output<typeof focus>): {
  kpi: string;
  period?: string;
  filters?: Record<string, string>;
} {
  return {
    kpi: f.kpi,
    ...(f.period ? { period: f.period } : {}),
    ...(f.filters ? { filters: f.filters } : {}),
  };
}
