/** Touchpoint definitions and the alias resolver ("On-boarding" = "Onboarding" = "onboarding "). */

export interface TouchpointDefinition {
  name: string;
  aliases?: readonly string[];
  journeyStage?: string | null;
  /** Stated importance on any positive scale (normalised to 0–1 where used). */
  statedImportance?: number | null;
}

/** A row of the touchpoints table as stored (aliases as a JSON array, or text separated by ; or |). */
export interface StoredTouchpoint {
  name: string;
  aliases: string | null;
  journeyStage: string | null;
  statedImportance: number | null;
}

export function parseAliases(raw: string | null): string[] {
  if (raw === null || raw.trim() === '') return [];
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (Array.isArray(parsed)) return parsed.filter((a): a is string => typeof a === 'string');
  } catch {
    // Not JSON: text separated by ; or |.
  }
  return raw
    .split(/[;|]/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

export function toDefinition(r: StoredTouchpoint): TouchpointDefinition {
  return {
    name: r.name,
    aliases: parseAliases(r.aliases),
    journeyStage: r.journeyStage,
    statedImportance: r.statedImportance,
  };
}

/**
 * Matching key: Unicode-normalised, case-folded, with everything but letters and digits removed, so
 * case, spacing, hyphens and punctuation never distinguish two names.
 */
export function touchpointKey(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface TouchpointResolver {
  /** Canonical touchpoint name for a raw name, or null when it matches no touchpoint or alias. */
  resolve(raw: string): string | null;
  definition(name: string): TouchpointDefinition | null;
  readonly definitions: readonly TouchpointDefinition[];
}

/**
 * Builds a resolver. Two touchpoints claiming the same key (through their names or aliases) is a
 * configuration error and throws, rather than picking one silently.
 */
export function createTouchpointResolver(definitions: readonly TouchpointDefinition[]): TouchpointResolver {
  const byKey = new Map<string, TouchpointDefinition>();
  const byName = new Map<string, TouchpointDefinition>();
  for (const def of definitions) {
    byName.set(def.name, def);
    for (const label of [def.name, ...(def.aliases ?? [])]) {
      const key = touchpointKey(label);
      if (key === '') continue;
      const existing = byKey.get(key);
      if (existing && existing.name !== def.name) {
        throw new Error(
          `Touchpoint alias "${label}" matches both "${existing.name}" and "${def.name}"; give each a distinct name.`,
        );
      }
      byKey.set(key, def);
    }
  }
  return {
    resolve: (raw) => byKey.get(touchpointKey(raw))?.name ?? null,
    definition: (name) => byName.get(name) ?? null,
    definitions,
  };
}
