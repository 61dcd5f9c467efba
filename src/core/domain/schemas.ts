/**
 * Every JSON output names its shape in a `schema` field as `cxbrief.<what>/<major>`. The major
 * changes only when a field changes meaning, is renamed or disappears; fields may be added. Readers
 * (the app, a script, the pack) check the name before reading.
 */
export const SCHEMAS = {
  scorecard: 'cxbrief.scorecard/1',
  /** 2: intervals are `{ low, high, level }` (were `lower`, `upper`); `schema` replaces `version: 1`. */
  gap: 'cxbrief.gap/2',
  mappingTemplate: 'cxbrief.mapping-template/1',
} as const;
