/** Words and small blocks every section slide uses: a table cell, a KPI in a sentence, bullets. */
import type PptxGenJS from 'pptxgenjs';
import type { ScorecardKpi } from '../analysis';
import { kpiCells } from '../format';
import { COLORS } from './deck-charts';
import { BODY, FONT, type Cell, type Deck } from './deck';

export const SMALL_N = 30;
export const text = (t: string, more: Partial<Cell> = {}): Cell => ({ text: t, ...more });

export function kpiNote(deck: Deck, kpi: ScorecardKpi): string {
  const c = kpiCells(kpi, deck.f);
  if (kpi.status !== 'ok') return `${kpi.label}: no value — ${c.note}. ${kpi.definition}`;
  return `${kpi.label}: ${c.value} (n = ${c.n}; 95% interval ${c.interval}). ${kpi.definition}${c.note ? ` Basis: ${c.note}.` : ''}`;
}

export function bullets(slide: PptxGenJS.Slide, lines: string[], box: typeof BODY, fontSize = 14): void {
  if (lines.length === 0) return;
  slide.addText(
    lines.map((line) => ({ text: line, options: { bullet: true, breakLine: true } })),
    { ...box, fontFace: FONT, fontSize, color: COLORS.ink, valign: 'top', paraSpaceAfter: 6, fit: 'shrink' },
  );
}

export function withN(deck: Deck, kpi: ScorecardKpi | null): string {
  if (!kpi) return deck.f.value('points', null);
  const c = kpiCells(kpi, deck.f);
  const small = kpi.n !== null && kpi.n < SMALL_N ? ' small sample' : '';
  return kpi.status === 'ok' ? `${c.value} (n = ${c.n})${small}` : c.value;
}
