/**
 * Slide titles that state the point (a key message), not the section's name: "Staff overrate
 * Support by 18.8 points …" rather than "Priorities". A section takes the executive summary's key
 * message that cites its figure; otherwise its title is a sentence made from its own numbers, every
 * number written by the presentation module.
 */
import type { BriefingPack, KeyMessage, SectionId } from '../briefing';
import { RAG_LABEL, SECTION_TITLES, signWord, type Formatter } from '../format';

/** The name of each section, printed small above its slide title. */
export const SECTION_NAMES = SECTION_TITLES;

/**
 * Which section a key message belongs to, by the first figure it cites. The most overrated
 * touchpoint stays on the summary only: the priorities rank by importance × gap, so their slide
 * leads with the first priority instead.
 */
function sectionOfMessage(message: KeyMessage): SectionId | null {
  const metric = message.cites[0]?.metric ?? '';
  if (metric.startsWith('topbox:')) return 'gap';
  if (metric === 'nps') return 'trends';
  if (metric === 'revenue-at-risk') return 'revenue';
  if (metric === 'nrr' || metric === 'grr') return 'scorecard';
  return null;
}

function scorecardTitle(pack: BriefingPack): string {
  const rated = pack.scorecard.filter((k) => k.rag !== null);
  if (rated.length === 0) return `${pack.scorecard.length} KPIs for ${pack.period.display}`;
  const count = (rag: 'green' | 'amber' | 'red') => rated.filter((k) => k.rag === rag).length;
  return (
    `${count('green')} of ${rated.length} KPIs with a target are ${RAG_LABEL.green.toLowerCase()}, ` +
    `${count('amber')} to ${RAG_LABEL.amber.toLowerCase()}, ${count('red')} ${RAG_LABEL.red.toLowerCase()}`
  );
}

function journeyTitle(pack: BriefingPack, f: Formatter): string | null {
  const widest = pack.journey
    .filter((r) => r.gap !== null && r.staff !== null && r.customer !== null)
    .sort((a, b) => (b.gap as number) - (a.gap as number))[0];
  if (!widest) return null;
  return (
    `Widest journey gap at ${widest.stage}: staff ${f.value('score100', widest.staff)}, ` +
    `customers ${f.value('score100', widest.customer)} on 0–100 (${signWord(widest.gap as number, 'staff-minus-customers')})`
  );
}

function segmentsTitle(pack: BriefingPack, f: Formatter): string | null {
  const rated = pack.segments
    .filter((s) => s.nps?.status === 'ok' && s.nps.value !== null)
    .sort((a, b) => (a.nps?.value as number) - (b.nps?.value as number));
  const low = rated[0];
  const high = rated[rated.length - 1];
  if (!low || !high || low === high) return null;
  return (
    `NPS ranges from ${f.value('points', low.nps?.value)} (${low.segment}, n = ${f.count(low.nps?.n)}) ` +
    `to ${f.value('points', high.nps?.value)} (${high.segment}, n = ${f.count(high.nps?.n)})`
  );
}

function prioritiesTitle(pack: BriefingPack, f: Formatter): string | null {
  const first = pack.priorities?.rows.find((r) => r.rank === 1);
  if (!first || first.priority === null) return null;
  return `Act first on ${first.touchpoint}: priority ${f.value('score100', first.priority)} (importance × gap)`;
}

function servqualTitle(pack: BriefingPack, f: Formatter): string | null {
  const score = pack.servqual?.weighted ?? pack.servqual?.unweighted;
  if (score === null || score === undefined) return null;
  const kind = pack.servqual?.weighted !== null ? 'weighted' : 'unweighted';
  return `Perception − expectation is ${f.value('score', score)} (${kind}): a ${signWord(score, 'perception-minus-expectation')}`;
}

function actionsTitle(pack: BriefingPack): string {
  const open = pack.actions.filter((a) => a.status.toLowerCase() !== 'done').length;
  return `${pack.actions.length} actions (${open} open) and ${pack.decisions.length} decisions requested`;
}

function provenanceTitle(pack: BriefingPack, f: Formatter): string {
  const accepted = pack.provenance.imports.reduce((sum, i) => sum + i.rowsAccepted, 0);
  const rejected = pack.provenance.imports.reduce((sum, i) => sum + i.rowsRejected, 0);
  return `${f.count(pack.provenance.imports.length)} imports: ${f.count(accepted)} rows accepted, ${f.count(rejected)} rejected`;
}

function ownTitle(id: SectionId, pack: BriefingPack, f: Formatter): string | null {
  switch (id) {
    case 'summary':
      return `${SECTION_NAMES.summary}: ${pack.period.display}`;
    case 'scorecard':
      return scorecardTitle(pack);
    case 'trends':
      return pack.trends[0]?.title ?? null;
    case 'journey':
      return journeyTitle(pack, f);
    case 'segments':
      return segmentsTitle(pack, f);
    case 'priorities':
      return prioritiesTitle(pack, f);
    case 'servqual':
      return servqualTitle(pack, f);
    case 'voice':
      return `What customers say about ${pack.voice.map((g) => g.touchpoint).join(', ')}`;
    case 'actions':
      return actionsTitle(pack);
    case 'methodology':
      return 'How every number in this pack is defined';
    case 'provenance':
      return provenanceTitle(pack, f);
    default:
      return null;
  }
}

/** The title of every section's slide: its key message, else a sentence from its numbers. */
export function sectionTitles(pack: BriefingPack, f: Formatter): Record<SectionId, string> {
  const titles = {} as Record<SectionId, string>;
  for (const message of pack.summary.messages) {
    const id = sectionOfMessage(message);
    if (id && id !== 'summary' && !titles[id]) titles[id] = message.text;
  }
  for (const id of Object.keys(SECTION_NAMES) as SectionId[])
    titles[id] ??= ownTitle(id, pack, f) ?? SECTION_NAMES[id];
  return titles;
}
