import { z } from 'zod';
import { UserError } from '../../errors';
import {
  GapInputError,
  computeGapReport,
  computeScorecard,
  filterChoices,
  kpiDetail,
  periodChoices,
  type FilterChoice,
  type GapReport,
  type KpiDetail,
  type PeriodChoices,
  type Scorecard,
} from '../../analysis';
import { FilterError } from '../../domain/filter';
import { PeriodError } from '../../metrics';
import { domain, empty, request } from './context';

const scopeFields = {
  period: z.string().max(32).optional(),
  filters: z.record(z.string().max(100), z.string().max(200)).optional(),
};
const scope = request(scopeFields);

function asScopeError(error: unknown): unknown {
  if (error instanceof PeriodError || error instanceof GapInputError || error instanceof FilterError)
    return new UserError('bad-scope', error.message);
  return error;
}

/**
 * A period or filter the analysis cannot read is the user's to fix, not a bug: thrown at once or
 * by a handler's promise (exports build the pack after loading their writer).
 */
export function scoped<T>(compute: () => T): T {
  try {
    const result = compute();
    if (result instanceof Promise)
      return result.catch((error: unknown) => {
        throw asScopeError(error);
      }) as T;
    return result;
  } catch (error) {
    throw asScopeError(error);
  }
}

/**
 * The scorecard, one KPI's detail and the expectation-gap report for a period and filters; the
 * periods and filter values a picker offers.
 */
export const analysis = domain(
  {
    'scorecard:get': scope,
    'scorecard:kpi': request({
      ...scopeFields,
      kpi: z.string().min(1).max(100),
      by: z.string().min(1).max(100).optional(),
    }),
    'gap:get': scope,
    'analysis:periods': empty,
    'analysis:filters': empty,
  },
  {
    'scorecard:get': (r, context): Scorecard => scoped(() => computeScorecard(context.db(), r)),
    'scorecard:kpi': (r, context): KpiDetail => scoped(() => kpiDetail(context.db(), r)),
    'gap:get': (r, context): GapReport => scoped(() => computeGapReport(context.db(), r)),
    'analysis:periods': (_r, context): PeriodChoices => periodChoices(context.db()),
    'analysis:filters': (_r, context): FilterChoice[] => filterChoices(context.db()),
  },
);
