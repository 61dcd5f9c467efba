import { z } from 'zod';
import {
  TemplateError,
  deleteTemplate,
  exportTemplate,
  getTemplate,
  importTemplate,
  listTemplates,
  saveTemplate,
  type Template,
  type TemplateSummary,
} from '../../store/templates';
import { domain, empty, nameSchema, request } from './context';

const missing = (name: string) =>
  new TemplateError(`there is no mapping template named "${name}".`, 'template-missing');

/** Mapping templates saved in the engagement: list, get, save, export, import, delete. */
export const mappings = domain(
  {
    'mappings:list': empty,
    /** The template, or null when there is none of that name. */
    'mappings:get': request({ name: nameSchema }),
    'mappings:save': request({ name: nameSchema, mapping: z.unknown() }),
    'mappings:export': request({ name: nameSchema }),
    'mappings:import': request({ json: z.string().max(1_000_000), name: nameSchema.optional() }),
    'mappings:delete': request({ name: nameSchema }),
  },
  {
    'mappings:list': (_r, context): TemplateSummary[] => listTemplates(context.db()),
    'mappings:get': (r, context): Template | null => getTemplate(context.db(), r.name),
    'mappings:save': (r, context): { name: string; replaced: boolean } => {
      const saved = { name: r.name.trim(), ...saveTemplate(context.db(), r.name, r.mapping) };
      context.changed(['mapping_templates']);
      return saved;
    },
    'mappings:export': (r, context): { json: string } => ({ json: exportTemplate(context.db(), r.name) }),
    'mappings:import': (r, context): { name: string; replaced: boolean; kind: string } => {
      const result = importTemplate(context.db(), r.json, r.name);
      context.changed(['mapping_templates']);
      return { name: result.name, replaced: result.replaced, kind: result.template.kind };
    },
    'mappings:delete': (r, context): { deleted: true } => {
      if (!deleteTemplate(context.db(), r.name)) throw missing(r.name);
      context.changed(['mapping_templates']);
      return { deleted: true };
    },
  },
);
