import { z } from 'zod';
import { UserError } from '../../errors';
import { listTouchpoints, removeTouchpoint, setTouchpoint, type TouchpointRecord } from '../../store/records';
import { domain, empty, nameSchema, request } from './context';

/** Touchpoints: names, aliases, journey stage and stated importance. */
export const touchpoints = domain(
  {
    'touchpoints:list': empty,
    'touchpoints:set': request({
      name: nameSchema,
      aliases: z.array(nameSchema).max(50).default([]),
      journeyStage: z.string().max(200).nullable().default(null),
      statedImportance: z.number().nullable().default(null),
    }),
    'touchpoints:remove': request({ name: nameSchema }),
  },
  {
    'touchpoints:list': (_r, context): TouchpointRecord[] => listTouchpoints(context.db()),
    'touchpoints:set': (r, context): TouchpointRecord[] => {
      setTouchpoint(context.db(), { ...r, name: r.name.trim() });
      context.changed(['touchpoints']);
      return listTouchpoints(context.db());
    },
    'touchpoints:remove': (r, context): TouchpointRecord[] => {
      const name = r.name.trim();
      if (!removeTouchpoint(context.db(), name))
        throw new UserError(
          'touchpoint-missing',
          `no definition of the touchpoint "${name}" was set by hand; an imported one goes with its import.`,
          { name },
        );
      context.changed(['touchpoints']);
      return listTouchpoints(context.db());
    },
  },
);
