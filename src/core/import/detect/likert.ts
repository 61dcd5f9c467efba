import { normaliseLabel } from '../kinds/items';

/**
 * Text answers on ordinal scales mapped to numbers. Known scales are matched whole; other label
 * sets are ordered by a small sentiment lexicon when every label gets a distinct score.
 */
export const KNOWN_SCALES: Array<{ name: string; labels: Record<string, number>; max: number }> = [
  {
    name: 'agreement (1–5)',
    max: 5,
    labels: {
      'strongly disagree': 1,
      disagree: 2,
      'neither agree nor disagree': 3,
      neutral: 3,
      undecided: 3,
      'not sure': 3,
      agree: 4,
      'strongly agree': 5,
      'totally disagree': 1,
      'somewhat disagree': 2,
      'somewhat agree': 4,
      'totally agree': 5,
      "pas du tout d'accord": 1,
      "pas d'accord": 2,
      "d'accord": 4,
      "tout à fait d'accord": 5,
    },
  },
  {
    name: 'satisfaction (1–5)',
    max: 5,
    labels: {
      'very dissatisfied': 1,
      dissatisfied: 2,
      'neither satisfied nor dissatisfied': 3,
      neutral: 3,
      satisfied: 4,
      'very satisfied': 5,
      'extremely dissatisfied': 1,
      'extremely satisfied': 5,
      'somewhat dissatisfied': 2,
      'somewhat satisfied': 4,
    },
  },
  {
    name: 'quality (1–5)',
    max: 5,
    labels: { 'very poor': 1, poor: 2, fair: 3, average: 3, good: 4, 'very good': 5, excellent: 5 },
  },
  {
    name: 'expectation (1–5)',
    max: 5,
    labels: {
      'much worse than expected': 1,
      'worse than expected': 2,
      'as expected': 3,
      'better than expected': 4,
      'much better than expected': 5,
    },
  },
  {
    name: 'effort (1–5)',
    max: 5,
    labels: {
      'very difficult': 1,
      difficult: 2,
      neutral: 3,
      'neither easy nor difficult': 3,
      easy: 4,
      'very easy': 5,
    },
  },
  {
    name: 'likelihood (1–5)',
    max: 5,
    labels: {
      'very unlikely': 1,
      unlikely: 2,
      neutral: 3,
      'not sure': 3,
      maybe: 3,
      likely: 4,
      'very likely': 5,
    },
  },
];

const NEGATIVE = [
  'horrendous',
  'terrible',
  'awful',
  'horrible',
  'dreadful',
  'disgusting',
  'inedible',
  'worst',
  'hate',
  'appalling',
];
const WEAK = [
  'barely',
  'just about',
  'hungry',
  'bland',
  'meh',
  'mediocre',
  'not great',
  'poor',
  'disappoint',
];
const MIXED = ['some good', 'mixed', 'okay', 'ok', 'so so', 'average', 'fine', 'decent', 'not bad'];
const GOOD = ['yum', 'tasty', 'good', 'nice', 'great', 'enjoy', 'delicious', 'lovely', 'like'];
const SUPERB = [
  'michelin',
  'star',
  'excellent',
  'outstanding',
  'superb',
  'amazing',
  'perfect',
  'best',
  'love',
  'fantastic',
  'exceptional',
];

export interface LabelScale {
  labels: Record<string, number>;
  scaleMin: number;
  scaleMax: number;
  basis: string;
}

/** Strips bilingual prefixes and trailing plurals: "افضل من المتوقع Better than expected" → "better than expected". */
function latinPart(label: string): string {
  const normalised = normaliseLabel(label);
  const latin = normalised
    .replace(/[^\x20-\x7e\u00c0-\u024f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return latin || normalised;
}

function lookup(scale: Record<string, number>, label: string): number | undefined {
  const text = latinPart(label);
  if (scale[text] !== undefined) return scale[text];
  if (text.endsWith('s') && scale[text.slice(0, -1)] !== undefined) return scale[text.slice(0, -1)];
  return undefined;
}

/** "9 - very likely", "10 = extremely likely", "1 (poor)", "5: excellent": the leading number is the score. */
const NUMBERED = /^\s*(\d{1,2})\s*(?:[-–—:=.)]|\()\s*\S/;

/** Labels that all start with their score, as survey tools export "text with codes". */
function byLeadingNumber(labels: string[]): LabelScale | null {
  const scores = labels.map((label) => NUMBERED.exec(label)?.[1]);
  if (scores.some((score) => score === undefined)) return null;
  const values = scores.map(Number);
  const max = Math.max(...values);
  const min = Math.min(...values);
  const scaleMax = max <= 5 ? 5 : max <= 7 ? 7 : max <= 10 ? 10 : null;
  if (scaleMax === null) return null;
  return {
    labels: Object.fromEntries(labels.map((label, i) => [label, values[i] as number])),
    scaleMin: min === 0 || scaleMax === 10 ? 0 : 1,
    scaleMax,
    basis: 'numbered labels',
  };
}

/** Maps a column's distinct text answers to a scale, or null when they are not an ordinal scale. */
export function detectLabelScale(distinct: string[]): LabelScale | null {
  const labels = distinct.filter((label) => label.trim() !== '');
  if (labels.length < 2 || labels.length > 11) return null;
  const numbered = byLeadingNumber(labels);
  if (numbered) return numbered;
  for (const scale of KNOWN_SCALES) {
    const mapped = labels.map((label) => lookup(scale.labels, label));
    const known = mapped.filter((value) => value !== undefined);
    // One stray answer (another language, a comment typed in) is left to be rejected at import.
    const strays = labels.length - known.length;
    if (strays === 0 || (strays === 1 && new Set(known).size >= 3)) {
      const observed = labels.flatMap((label, i) =>
        mapped[i] === undefined ? [] : [[label, mapped[i] as number]],
      );
      return {
        labels: { ...scale.labels, ...Object.fromEntries(observed) },
        scaleMin: 1,
        scaleMax: scale.max,
        basis: scale.name,
      };
    }
  }
  return bySentiment(labels);
}

function sentiment(label: string): number | null {
  const text = latinPart(label);
  const tiers: Array<[string[], number]> = [
    [SUPERB, 5],
    [NEGATIVE, 1],
    [MIXED, 3],
    [WEAK, 2],
    [GOOD, 4],
  ];
  for (const [words, score] of tiers)
    if (words.some((word) => new RegExp(`\\b${word}`).test(text))) return score;
  return null;
}

function bySentiment(labels: string[]): LabelScale | null {
  if (labels.length < 3 || labels.length > 5) return null;
  const scores = labels.map(sentiment);
  if (scores.some((score) => score === null) || new Set(scores).size !== labels.length) return null;
  return {
    labels: Object.fromEntries(labels.map((label, i) => [label, scores[i] as number])),
    scaleMin: 1,
    scaleMax: 5,
    basis: 'labels ordered by sentiment (check the order)',
  };
}
