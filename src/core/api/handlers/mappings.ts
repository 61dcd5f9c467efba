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
} from '../../import/templates';
import { mappingProblems } from '../../import/mapping';
import type { Db } from '../../store';
import { domain, empty, nameSchema, request } from './context';

/** A saved template whose every column is in a file's header: the file looks like the one it was made for. */
export interface TemplateFit {
  name: string;
  kind: string;
  /** How many of the file's columns the template uses. */
  columns: number;
}

/**
 * The templates that fit a header: each column the template maps is among the file's columns and
 * the mapping is complete for its kind (core's own check of a mapping against a file). The ones
 * using most columns first: the most specific match is the likeliest.
 */
export function fittingTemplates(db: Db, columns: string[]): TemplateFit[] {
  return listTemplates(db)
    .flatMap((summary) => {
      const template = getTemplate(db, summary.name);
      if (!template || mappingProblems(template.mapping, columns).length > 0) return [];
      return [{ name: template.name, kind: template.kind, columns: template.columns }];
    })
    .sort((a, b) => b.columns - a.columns || a.name.localeCompare(b.name));
}

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
    /** The saved templates that fit a file's header columns (the import screen suggests them). */
    'mappings:suggest': request({ columns: z.array(z.string().max(500)).max(5000) }),
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
    'mappings:suggest': (r, context): TemplateFit[] => fittingTemplates(context.db(), r.columns),
  },
);
