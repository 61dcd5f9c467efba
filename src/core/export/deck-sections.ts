/**
 * One slide (or more, when a table pages) per pack section, in the pack's order. Every number is
 * written by the presentation module; charts are native and carry the pack's numbers; speaker notes
 * give each number's definition, n and interval.
 */
import type { SectionId } from '../briefing';
import type { Deck } from './deck';
import { actions, methodology, provenance } from './deck-appendix';
import { gapSlides, priorities, servqual, voice } from './deck-gap';
import { coverSlide, journey, revenue, scorecard, segments, summary, trends } from './deck-overview';

const BUILDERS: Record<SectionId, (deck: Deck) => void> = {
  summary,
  scorecard,
  trends,
  journey,
  segments,
  revenue,
  gap: gapSlides,
  priorities,
  servqual,
  voice,
  actions,
  methodology,
  provenance,
};

/** The cover, then each printed section in the pack's order. */
export function addSections(deck: Deck): void {
  coverSlide(deck);
  for (const id of deck.pack.sections) BUILDERS[id](deck);
}
