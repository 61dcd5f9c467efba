/** The deck's closing slides: actions and decisions, methodology, data provenance. */
import { SIGNIFICANCE_NOTE, MISSING } from '../format';
import { BODY, pagedTableSlides, sectionSlide, type Deck } from './deck';
import { bullets, text } from './deck-words';

export function actions(deck: Deck): void {
  const { pack } = deck;
  if (pack.actions.length === 0) {
    const slide = sectionSlide(deck, 'actions');
    bullets(
      slide,
      pack.decisions.map((d) => `Decision requested: ${d}`),
      BODY,
    );
    slide.addNotes('Decisions requested for this period, as entered.');
    return;
  }
  const slides = pagedTableSlides(
    deck,
    'actions',
    [
      { head: 'Action', width: 7 },
      { head: 'Owner', width: 2 },
      { head: 'Due', width: 1.6 },
      { head: 'Status', width: 1.4 },
    ],
    pack.actions,
    {
      perPage: 12,
      cells: (a) => [text(a.what), text(a.owner), text(a.due ?? MISSING), text(a.status)],
      notes: (rows) =>
        rows.map((a) => `${a.what} — ${a.owner}, due ${a.due ?? 'not set'}, ${a.status}.`).join('\n'),
    },
  );
  const last = slides[slides.length - 1];
  if (last && pack.decisions.length > 0)
    bullets(
      last,
      pack.decisions.map((d) => `Decision requested: ${d}`),
      { x: BODY.x, y: 6.2, w: BODY.w, h: 0.8 },
      11,
    );
}

export function methodology(deck: Deck): void {
  const { pack } = deck;
  const extra = [
    ...(pack.methodology.churnBasis ? [{ term: 'Churn basis', text: pack.methodology.churnBasis }] : []),
    ...pack.methodology.notes.map((n) => ({ term: 'Note', text: n })),
    ...pack.methodology.notShown.map((n) => ({ term: 'Not shown', text: n })),
    { term: 'Significance', text: SIGNIFICANCE_NOTE },
  ];
  pagedTableSlides(
    deck,
    'methodology',
    [
      { head: 'Term', width: 2.5 },
      { head: 'Definition', width: 10 },
    ],
    [...pack.methodology.definitions, ...extra],
    {
      perPage: 8,
      fontSize: 9,
      cells: (d) => [text(d.term, { bold: true }), text(d.text)],
      notes: () => 'Every number in the pack is shown with its definition, scale, n, period and as-of date.',
    },
  );
}

export function provenance(deck: Deck): void {
  const { pack, f } = deck;
  pagedTableSlides(
    deck,
    'provenance',
    [
      { head: '#', width: 0.5, align: 'right' },
      { head: 'File', width: 2.6 },
      { head: 'Kind', width: 1.3 },
      { head: 'sha256', width: 4.6 },
      { head: 'Read', width: 1, align: 'right' },
      { head: 'Accepted', width: 1.1, align: 'right' },
      { head: 'Rejected', width: 1.1, align: 'right' },
      { head: 'Imported at', width: 1.9 },
    ],
    pack.provenance.imports,
    {
      perPage: 10,
      fontSize: 8,
      cells: (i) => [
        text(String(i.id)),
        text(i.fileName),
        text(i.kind),
        text(i.sha256),
        text(f.count(i.rowsRead)),
        text(f.count(i.rowsAccepted)),
        text(f.count(i.rowsRejected)),
        text(i.importedAt),
      ],
      notes: () => `Data as of ${pack.asOf ?? MISSING}; CX Brief ${pack.appVersion}.`,
    },
  );
}
