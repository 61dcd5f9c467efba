import { existsSync, readFileSync } from 'node:fs';
import {
  DEFAULT_SCALES,
  KINDS,
  SURVEYS,
  type ItemMapping,
  type Kind,
  type Mapping,
  type MappingOverrides,
  type Survey,
} from '../core/api';
import { UsageError } from './output';

export interface MappingArgs {
  kind?: string;
  map?: string[];
  item?: string[];
  mapping?: string;
  'date-format'?: string;
  decimal?: string;
  'header-row'?: string;
  'header-rows'?: string;
}

export interface MappingChoice {
  mapping?: Mapping;
  kind?: Kind;
  overrides: MappingOverrides;
}

/**
 * What the user said about the columns: `--mapping FILE|TEMPLATE` for a saved mapping, else
 * detection (of `--kind` when given); `--map field=Column` and `--item Column=nps[:0-10]`
 * override either.
 */
export function mappingFromArgs(
  args: MappingArgs,
  loadTemplate?: (name: string) => Mapping | null,
): MappingChoice {
  const mapping = args.mapping ? readMapping(args.mapping, loadTemplate) : undefined;
  const kind = args.kind as Kind | undefined;
  if (kind && !KINDS.includes(kind))
    throw new UsageError(`unknown kind "${kind}"; kinds: ${KINDS.join(', ')}`);
  if (mapping && kind && mapping.kind !== kind)
    throw new UsageError(`the mapping is for ${mapping.kind}, not ${kind}`);
  const overrides: MappingOverrides = {};
  const fields = Object.fromEntries((args.map ?? []).map((pair) => splitPair(pair, '--map field=Column')));
  if (Object.keys(fields).length) overrides.fields = fields;
  const items = (args.item ?? []).map(parseItem);
  if (items.length) overrides.items = items;
  if (args['date-format']) overrides.dateFormat = args['date-format'];
  if (args.decimal) overrides.decimal = args.decimal === ',' || args.decimal === 'comma' ? ',' : '.';
  if (args['header-row']) overrides.headerRow = positiveInt(args['header-row'], '--header-row');
  if (args['header-rows']) overrides.headerRows = positiveInt(args['header-rows'], '--header-rows');
  return { ...(mapping ? { mapping } : {}), ...(kind ? { kind } : {}), overrides };
}

export function readMapping(reference: string, loadTemplate?: (name: string) => Mapping | null): Mapping {
  if (existsSync(reference)) {
    try {
      return JSON.parse(readFileSync(reference, 'utf8')) as Mapping;
    } catch (error) {
      throw new UsageError(`mapping file ${reference} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const template = loadTemplate?.(reference);
  if (!template) throw new UsageError(`no mapping file or saved template named "${reference}"`);
  return template;
}

function splitPair(pair: string, usage: string): [string, string] {
  const at = pair.indexOf('=');
  if (at <= 0 || at === pair.length - 1) throw new UsageError(`expected ${usage}, got "${pair}"`);
  return [pair.slice(0, at).trim(), pair.slice(at + 1)];
}

/** `Column=nps`, `Column=csat:1-5`, `Column=rating:1-5:Touchpoint` */
function parseItem(spec: string): ItemMapping {
  const at = spec.lastIndexOf('=');
  if (at <= 0) throw new UsageError(`expected --item Column=survey[:min-max], got "${spec}"`);
  const column = spec.slice(0, at);
  const [survey, range, touchpoint] = spec.slice(at + 1).split(':');
  if (!SURVEYS.includes(survey as Survey)) {
    throw new UsageError(`unknown survey type "${survey}" in --item; use ${SURVEYS.join(', ')}`);
  }
  const [scaleMin, scaleMax] = range ? parseRange(range) : DEFAULT_SCALES[survey as Survey];
  return { column, survey: survey as Survey, scaleMin, scaleMax, ...(touchpoint ? { touchpoint } : {}) };
}

function parseRange(range: string): [number, number] {
  const match = /^(-?\d+)-(-?\d+)$/.exec(range);
  if (!match) throw new UsageError(`expected a scale like 0-10, got "${range}"`);
  return [Number(match[1]), Number(match[2])];
}

function positiveInt(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`${flag} needs a positive whole number, got "${text}"`);
  return value;
}
