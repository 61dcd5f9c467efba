import type { SectionId } from '../briefing';

/** The name of each board-pack section, as the PDF's headings and the deck's slides print it. */
export const SECTION_TITLES: Record<SectionId, string> = {
  summary: 'Executive summary',
  scorecard: 'Scorecard',
  trends: 'Trends',
  journey: 'Customer journey',
  segments: 'Segments',
  revenue: 'CX and revenue',
  gap: 'Expectation gap',
  priorities: 'Priorities',
  servqual: 'SERVQUAL',
  voice: 'Voice of the customer',
  actions: 'Actions and decisions',
  methodology: 'Methodology',
  provenance: 'Data provenance',
};
