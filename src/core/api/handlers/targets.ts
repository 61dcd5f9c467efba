import { z } from 'zod';
import {
  importTargetsCsv,
  listTargets,
  removeTarget,
  setTarget,
  type TargetRecord,
  type TargetsImportResult,
} from '../../store/settings';
import { UserError } from '../../errors';
import { domain, empty, pathSchema, request } from './context';

/** Scorecard targets: listed, set by hand, or imported from a CSV (a removable import). */
export const targets = domain(
  {
    'targets:list': empty,
    'targets:set': request({
      metric: z.string().min(1).max(100),
      period: z.string().max(32).optional(),
      value: z.number(),
      direction: z.enum(['higher', 'lower']),
      amberTolerance: z.number().min(0).optional(),
    }),
    'targets:remove': request({
      metric: z.string().min(1).max(100),
      period: z.string().max(32).optional(),
    }),
    'targets:import': request({ file: pathSchema }),
  },
  {
    'targets:list': (_r, context): TargetRecord[] => listTargets(context.db()),
    'targets:set': (r, context): TargetRecord[] => {
      setTarget(context.db(), r);
      context.changed(['targets']);
      return listTargets(context.db());
    },
    'targets:remove': (r, context): TargetRecord[] => {
      if (!removeTarget(context.db(), r.metric, r.period))
        throw new UserError(
          'target-missing',
          `no target for ${r.metric} (${r.period?.trim() || 'any period'}) was set by hand; an imported target goes with its import.`,
          { metric: r.metric },
        );
      context.changed(['targets']);
      return listTargets(context.db());
    },
    'targets:import': (r, context): TargetsImportResult => {
      const result = importTargetsCsv(context.db(), r.file);
      context.changed(['targets', 'imports']);
      return result;
    },
  },
);
