/**
 * `key=value` pairs as the engagement applies them: checked against the keys it offers (any letter
 * case, original headers too) and, for touchpoint, widened to every name the touchpoints table's
 * aliases give the same touchpoint ("On-boarding" = "Onboarding"). The scorecard and the gap report
 * both start here, so one filter bar over both cannot contradict itself.
 */
import { parseFilters, type FilterCondition, type FilterKey, type Filters } from '../domain/filter';
import { createTouchpointResolver, toDefinition, touchpointKey } from '../gap/touchpoints';
import type { Db } from '../store/engagement';
import { filterCatalogue } from '../store/filter-keys';
import { activeTouchpoints, distinctTouchpointNames } from '../store/gap-queries';

/** The keys a filter bar offers for this engagement: those some record holds a value for. */
export function filterKeys(db: Db): FilterKey[] {
  return filterCatalogue(db).filter((k) => k.present);
}

/** The raw touchpoint names that mean the touchpoint the user named. */
export function touchpointMatches(db: Db, name: string): string[] {
  const resolver = createTouchpointResolver(activeTouchpoints(db).map(toDefinition));
  const canonical = resolver.resolve(name);
  const wanted = touchpointKey(name);
  return distinctTouchpointNames(db).filter((raw) =>
    canonical !== null ? resolver.resolve(raw) === canonical : touchpointKey(raw) === wanted,
  );
}

/** Checks and resolves the filters; throws FilterError naming the keys that exist. */
export function resolveFilters(db: Db, raw: Readonly<Record<string, string>> = {}): Filters {
  if (Object.keys(raw).length === 0) return [];
  return parseFilters(raw, filterCatalogue(db)).map((condition): FilterCondition =>
    condition.key === 'touchpoint'
      ? { ...condition, matches: touchpointMatches(db, condition.value) }
      : condition,
  );
}
