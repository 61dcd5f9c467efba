import { z } from 'zod';
import {
  importTargetsCsv,
  listTargets,
  setTarget,
  type TargetRecord,
  type TargetsImportResult,
} from '../../store/settings';
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
    'targets:import': request({ file: pathSchema }),
  },
  {
    'targets:list': (_r, context): TargetRecord[] => listTargets(context.db()),
    'targets:set': (r, context): TargetRecord[] => {
      setTarget(context.db(), r);
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
