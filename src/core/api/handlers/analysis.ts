import { z } from 'zod';
import { UserError } from '../../errors';
import {
  GapInputError,
  computeGapReport,
  computeScorecard,
  type GapReport,
  type Scorecard,
} from '../../analysis';
import { FilterError } from '../../domain/filter';
import { PeriodError } from '../../metrics';
import { domain, request } from './context';

const scope = request({
  period: z.string().max(32).optional(),
  filters: z.record(z.string().max(100), z.string().max(200)).optional(),
});

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

/** The scorecard and the expectation-gap report for a period and filters. */
export const analysis = domain(
  { 'scorecard:get': scope, 'gap:get': scope },
  {
    'scorecard:get': (r, context): Scorecard => scoped(() => computeScorecard(context.db(), r)),
    'gap:get': (r, context): GapReport => scoped(() => computeGapReport(context.db(), r)),
  },
);
