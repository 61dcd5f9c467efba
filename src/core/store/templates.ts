/**
 * Mapping templates (issue 3 item 4): a column mapping saved under a name in the engagement file so
 * the next export from the same system imports with that saved mapping. A template is the whole
 * Mapping, so the item → SERVQUAL dimension and expectation/perception assignment travels with it.
 * Templates are exported and imported as JSON (`cxbrief.mapping-template/1`) and validated on the
 * way in: a template from another engagement or a hand-edited file never reaches the importer
 * half-formed.
 */
import { z } from 'zod';
import { FIELDS, KINDS, SURVEYS, type Mapping } from '../import/mapping';
import { UserError, type ErrorCode } from '../errors';
import type { Db } from './engagement';

export const TEMPLATE_SCHEMA = 'cxbrief.mapping-template/1';

/** A template the user gave that cannot be stored or found; the message is one sentence. */
export class TemplateError extends UserError {
  constructor(message: string, code: ErrorCode = 'bad-template') {
    super(code, message);
    this.name = 'TemplateError';
  }
}

export interface TemplateSummary {
  name: string;
  kind: string;
  /** Mapped fields plus scored items. */
  columns: number;
  /** Scored items (responses, assessments). */
  items: number;
  savedAt: string;
}

export interface Template extends TemplateSummary {
  mapping: Mapping;
}

const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,79}$/u;

const scale = z.tuple([z.number(), z.number()]);

export const itemSchema = z
  .object({
    column: z.string().min(1),
    survey: z.enum(SURVEYS),
    item: z.string().min(1).optional(),
    scaleMin: z.number(),
    scaleMax: z.number(),
    touchpoint: z.string().min(1).optional(),
    dimension: z.string().min(1).optional(),
    measure: z.enum(['expectation', 'perception']).optional(),
    labels: z.record(z.string(), z.number()).optional(),
  })
  .strict()
  .refine((item) => item.scaleMax > item.scaleMin, {
    message: 'the scale is not a range (scaleMax must be above scaleMin)',
  });

export const mappingSchema = z
  .object({
    kind: z.enum(KINDS),
    fields: z.record(z.string(), z.string().min(1)),
    items: z.array(itemSchema).optional(),
    scales: z.partialRecord(z.enum(SURVEYS), scale).optional(),
    layout: z.enum(['long', 'wide']).optional(),
    monthColumns: z.array(z.string().min(1)).optional(),
    dateFormat: z.string().min(1).optional(),
    decimal: z.enum(['.', ',']).optional(),
    headerRow: z.number().int().positive().optional(),
    headerRows: z.number().int().min(1).max(3).optional(),
    personalColumns: z.record(z.string(), z.enum(['drop', 'hash'])).optional(),
    keepAttributes: z.boolean().optional(),
  })
  .strict()
  .superRefine((mapping, ctx) => {
    const known = FIELDS[mapping.kind].map((spec) => spec.name);
    for (const field of Object.keys(mapping.fields)) {
      if (!known.includes(field))
        ctx.addIssue({
          code: 'custom',
          path: ['fields', field],
          message: `"${field}" is not a field of ${mapping.kind} (fields: ${known.join(', ')})`,
        });
    }
    if (mapping.items?.length && mapping.kind !== 'responses' && mapping.kind !== 'assessments')
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: `scored items belong to responses or assessments, not ${mapping.kind}`,
      });
    const seen = new Set<string>();
    for (const [index, item] of (mapping.items ?? []).entries()) {
      if (seen.has(item.column))
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, 'column'],
          message: `column "${item.column}" is mapped twice`,
        });
      seen.add(item.column);
      if (item.measure && item.survey !== 'servqual')
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, 'measure'],
          message: `expectation/perception is for servqual items, not ${item.survey}`,
        });
    }
  });

const envelopeSchema = z.object({
  schema: z.literal(TEMPLATE_SCHEMA).optional(),
  name: z.string().optional(),
  mapping: z.unknown(),
});

/** Validates anything as a Mapping; throws a TemplateError naming the first problems. */
export function validateMapping(value: unknown, what = 'the mapping'): Mapping {
  const parsed = mappingSchema.safeParse(value);
  if (parsed.success) return parsed.data as Mapping;
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : '';
  throw new TemplateError(`${what} is not a valid mapping: ${problems.join('; ')}${more}.`);
}

export function checkTemplateName(name: string): string {
  const trimmed = name.trim();
  if (!NAME.test(trimmed))
    throw new TemplateError(
      `"${name}" is not a usable template name: use up to 80 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.`,
    );
  return trimmed;
}

interface Row {
  name: string;
  kind: string;
  mapping: string;
  saved_at: string;
}

function toTemplate(row: Row): Template {
  const mapping = JSON.parse(row.mapping) as Mapping;
  return {
    name: row.name,
    kind: row.kind,
    columns: Object.keys(mapping.fields ?? {}).length + (mapping.items?.length ?? 0),
    items: mapping.items?.length ?? 0,
    savedAt: row.saved_at,
    mapping,
  };
}

/**
 * Saves (or replaces) a template. `mapping` is a Mapping (or parsed JSON meant as one); it is
 * validated first. Returns whether a template of that name was replaced.
 */
export function saveTemplate(db: Db, name: string, mapping: unknown): { replaced: boolean } {
  const clean = checkTemplateName(name);
  const valid = validateMapping(mapping, `template "${clean}"`);
  const replaced = getTemplate(db, clean) !== null;
  db.prepare(
    `INSERT INTO mapping_templates (name, kind, mapping, saved_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, mapping = excluded.mapping, saved_at = excluded.saved_at`,
  ).run(clean, valid.kind, JSON.stringify(valid), new Date().toISOString());
  return { replaced };
}

export function listTemplates(db: Db): TemplateSummary[] {
  const rows = db
    .prepare(`SELECT name, kind, mapping, saved_at FROM mapping_templates ORDER BY name COLLATE NOCASE`)
    .all() as Row[];
  return rows.map((row) => {
    const { mapping: _mapping, ...summary } = toTemplate(row);
    return summary;
  });
}

export function getTemplate(db: Db, name: string): Template | null {
  const row = db
    .prepare(`SELECT name, kind, mapping, saved_at FROM mapping_templates WHERE name = ?`)
    .get(name.trim()) as Row | undefined;
  return row ? toTemplate(row) : null;
}

/** Deletes a template; false when there was none of that name. */
export function deleteTemplate(db: Db, name: string): boolean {
  return db.prepare(`DELETE FROM mapping_templates WHERE name = ?`).run(name.trim()).changes > 0;
}

/** A template as portable JSON (`{schema, name, kind, savedAt, mapping}`), pretty-printed. */
export function exportTemplate(db: Db, name: string): string {
  const template = getTemplate(db, name);
  if (!template) throw new TemplateError(`there is no mapping template named "${name}".`);
  return (
    JSON.stringify(
      {
        schema: TEMPLATE_SCHEMA,
        name: template.name,
        kind: template.kind,
        savedAt: template.savedAt,
        mapping: template.mapping,
      },
      null,
      2,
    ) + '\n'
  );
}

/**
 * Stores a template from JSON: either an exported template (`{schema, name, mapping}`) or a bare
 * Mapping. The name is `name` when given, else the one in the JSON. Returns the stored template.
 */
export function importTemplate(
  db: Db,
  json: string,
  name?: string,
): { name: string; replaced: boolean; template: Template } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new TemplateError(`the template is not valid JSON (${(error as Error).message}).`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new TemplateError('the template must be a JSON object holding a mapping.');
  let mapping: unknown = value;
  let embeddedName: string | undefined;
  if ('mapping' in value) {
    const envelope = envelopeSchema.safeParse(value);
    if (!envelope.success) throw new TemplateError(`the template file is not a ${TEMPLATE_SCHEMA} document.`);
    mapping = envelope.data.mapping;
    embeddedName = envelope.data.name;
  }
  const chosen = name ?? embeddedName;
  if (!chosen) throw new TemplateError('the template JSON has no name; give it one.', 'template-name-needed');
  const { replaced } = saveTemplate(db, chosen, mapping);
  const template = getTemplate(db, checkTemplateName(chosen)) as Template;
  return { name: template.name, replaced, template };
}
