import type { ItemMapping } from '../mapping';
import type { Cell } from '../source';
import { parseNumber, type NumberFormat } from '../values';
import type { FieldReader } from './common';

/** A scored column compiled for fast per-row reading: labels, numbers and scale checks. */
export interface CompiledItem {
  mapping: ItemMapping;
  index: number;
  name: string;
  read(cell: Cell): { ok: true; value: number } | { ok: false; reason: string };
}

export function compileItem(mapping: ItemMapping, fields: FieldReader): CompiledItem {
  const labels = new Map(
    Object.entries(mapping.labels ?? {}).map(([label, score]) => [normaliseLabel(label), score]),
  );
  const scale = `${mapping.scaleMin}–${mapping.scaleMax}`;
  return {
    mapping,
    index: fields.context.indexOf(mapping.column),
    // The question as the export words it, so an answer can be traced back to its column.
    name: mapping.item ?? mapping.column,
    read(cell) {
      const labelled = typeof cell === 'string' ? labels.get(normaliseLabel(cell)) : undefined;
      const parsed =
        labelled !== undefined ? { ok: true as const, value: labelled } : readScore(cell, fields.numbers);
      if (!parsed.ok)
        return { ok: false, reason: `${parsed.reason} (expected a score on the ${scale} scale)` };
      if (parsed.value < mapping.scaleMin || parsed.value > mapping.scaleMax) {
        return { ok: false, reason: `score ${parsed.value} is outside the ${scale} scale` };
      }
      return parsed;
    },
  };
}

/** Scores as survey tools export them: "9", "9.0", or "9 - Very likely" (number then its label). */
function readScore(
  cell: Cell,
  numbers: NumberFormat,
): { ok: true; value: number } | { ok: false; reason: string } {
  const direct = parseNumber(cell, numbers);
  if (direct.ok) return direct;
  if (typeof cell === 'string') {
    const leading = /^\s*(-?\d+(?:[.,]\d+)?)\s*[-–:=(]\s*\D/.exec(cell);
    if (leading) return parseNumber(leading[1] as string, numbers);
  }
  return direct;
}

/** Labels compare case-, space- and NBSP-insensitively ("Strongly agree " = "strongly Agree"). */
export function normaliseLabel(label: string): string {
  return label
    .replace(/[\u00a0\s]+/g, ' ')
    .trim()
    .toLowerCase();
}
