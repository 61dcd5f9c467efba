import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeGapReport } from '../../../src/core/analysis';
import { openEngagement } from '../../../src/core/store';
import { SettingsError, getSettings, setSetting } from '../../../src/core/store/settings';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

describe('settings are read in one place', () => {
  it('sets servqual_weights like every other setting, checked, and the gap report reads it there', () => {
    const e = openEngagement(join(tempDir(), 'x.cxb'), { create: true });
    try {
      expect(getSettings(e.db).servqualWeights).toBeNull();
      setSetting(e.db, 'servqual_weights', '{"Reliability": 32, "Assurance": "19"}');
      expect(getSettings(e.db).servqualWeights).toEqual({ Reliability: 32, Assurance: 19 });
      expect(() => setSetting(e.db, 'servqual_weights', '[1, 2]')).toThrow(SettingsError);
      expect(() => setSetting(e.db, 'servqual_weights', '{"Reliability": -1}')).toThrow(
        /dimension weights ≥ 0/,
      );
      setSetting(e.db, 'servqual_weights', '');
      expect(getSettings(e.db).servqualWeights).toBeNull();
      // A value written by an older version that is not an object is reported, not used.
      e.db.prepare("INSERT INTO settings (key, value) VALUES ('servqual_weights', 'heavy')").run();
      expect(getSettings(e.db).servqualWeights).toBe('unreadable');
    } finally {
      e.close();
    }
  });

  it('gives the gap report the fiscal year start the scorecard uses', () => {
    const e = openEngagement(join(tempDir(), 'y.cxb'), { create: true });
    try {
      setSetting(e.db, 'fiscal_year_start', '4');
      expect(computeGapReport(e.db, { period: 'FY2026-Q1' }).metadata.period).toMatchObject({
        start: '2025-04-01',
        endExclusive: '2025-07-01',
      });
    } finally {
      e.close();
    }
  });
});
