import { describe, expect, it } from 'vitest';
import { KPI_DEFINITIONS, csatText, gapDefinitions } from '../../../src/core/format';
import { arpa, clv, csatFromCounts, logoChurn, npsFromCounts, nrr } from '../../../src/core/metrics';
import { GAP_DEFINITIONS, MIN_STAFF_RESPONDENTS, SMALL_SAMPLE_N } from '../../../src/core/gap';

describe('KPI definitions live in one place', () => {
  it('are the sentences the metrics print beside their numbers', () => {
    expect(npsFromCounts({ promoters: 5, passives: 3, detractors: 2 }).definition).toBe(
      KPI_DEFINITIONS.nps.definition,
    );
    expect(logoChurn(3, 100).definition).toBe(KPI_DEFINITIONS['logo-churn'].definition);
    expect(nrr(null, { trailing12: true }).label).toBe(KPI_DEFINITIONS['nrr-ttm'].label);
    expect(arpa(1000, 10).unit).toBe(KPI_DEFINITIONS.arpa.unit);
    expect(clv(null, null, null).definition).toMatch(/^CLV = ARPA × gross margin/);
    expect(csatFromCounts(8, 10, { scale: { min: 1, max: 7 } }).definition).toBe(
      csatText({ min: 1, max: 7 }, '6–7').definition,
    );
  });

  it('give every defined KPI a label, a unit and a definition', () => {
    for (const [id, text] of Object.entries(KPI_DEFINITIONS)) {
      expect(text.label, id).not.toBe('');
      expect(text.definition, id).toMatch(/\.$/);
    }
  });

  it('state the gap thresholds the gap module uses', () => {
    expect(GAP_DEFINITIONS).toEqual(
      gapDefinitions({ minStaffRespondents: MIN_STAFF_RESPONDENTS, smallSampleN: SMALL_SAMPLE_N }),
    );
    expect(GAP_DEFINITIONS.join(' ')).toContain(`fewer than ${MIN_STAFF_RESPONDENTS} staff respondents`);
  });
});
