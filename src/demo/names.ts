/** Fictional names for the demo company, its customers, contacts and staff. */
import type { Rng } from './random';

export const COMPANY = 'Northwind Analytics';

export const SEGMENTS = ['Enterprise', 'Mid-Market', 'SMB', 'Public Sector'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const REGIONS = ['EMEA', 'Americas', 'APAC'] as const;
export type Region = (typeof REGIONS)[number];

export interface TouchpointSpec {
  name: string;
  aliases: string[];
  stage: 'Acquire' | 'Onboard' | 'Use' | 'Support' | 'Renew';
  importance: number;
}

/** The eight journey touchpoints; raw survey data sometimes uses the aliases. */
export const TOUCHPOINTS: readonly TouchpointSpec[] = [
  { name: 'Website', aliases: ['Web site', 'Web'], stage: 'Acquire', importance: 0.35 },
  { name: 'Sales demo', aliases: ['Product demo', 'Demo'], stage: 'Acquire', importance: 0.45 },
  {
    name: 'Contract & billing',
    aliases: ['Billing', 'Contract and billing'],
    stage: 'Acquire',
    importance: 0.4,
  },
  { name: 'Onboarding', aliases: ['On-boarding', 'Implementation'], stage: 'Onboard', importance: 0.8 },
  { name: 'Product', aliases: ['Product usage', 'Platform'], stage: 'Use', importance: 0.95 },
  { name: 'Support', aliases: ['Customer Support', 'Help desk'], stage: 'Support', importance: 0.85 },
  { name: 'Renewal', aliases: ['Renewals', 'Contract renewal'], stage: 'Renew', importance: 0.7 },
  {
    name: 'Account management',
    aliases: ['Account Mgmt', 'Customer success management'],
    stage: 'Renew',
    importance: 0.6,
  },
];

const PREFIXES = [
  'Aldergrove',
  'Bluefen',
  'Brightwater',
  'Cedarline',
  'Copperleaf',
  'Driftwood',
  'Eastmere',
  'Fernhill',
  'Foxglove',
  'Granite Bay',
  'Harbourview',
  'Hollowell',
  'Ironbridge',
  'Juniper',
  'Kestrel',
  'Lakeshore',
  'Larkspur',
  'Meadowbrook',
  'Northgate',
  'Oakridge',
  'Pinecrest',
  'Quarry Hill',
  'Redwater',
  'Riverbend',
  'Saltmarsh',
  'Silverpine',
  'Stonefield',
  'Summit',
  'Thornbury',
  'Umberlake',
  'Valeview',
  'Westbrook',
  'Willowmere',
  'Yarrow',
  'Zephyr',
  'Amberfield',
  'Blackthorn',
  'Clearwater',
  'Duneside',
  'Elmstead',
];
const CORES = [
  'Logistics',
  'Health',
  'Foods',
  'Retail',
  'Energy',
  'Capital',
  'Manufacturing',
  'Labs',
  'Media',
  'Freight',
  'Insurance',
  'Pharma',
  'Telecom',
  'Mobility',
  'Robotics',
  'Textiles',
  'Water',
  'Education',
  'Hotels',
  'Systems',
];
const LEGAL = ['Ltd', 'Inc.', 'GmbH', 'S.A.', 'Pty Ltd', 'B.V.', 'plc', 'LLC', 'K.K.', 'AB'];
const PUBLIC_BODIES = [
  'County Council',
  'Health Board',
  'Transport Authority',
  'City Council',
  'Water Authority',
  'Agency',
];

/** A fictional account name; public-sector accounts read like public bodies. */
export function companyName(rng: Rng, segment: Segment): string {
  const prefix = rng.pick(PREFIXES);
  if (segment === 'Public Sector') return `${prefix} ${rng.pick(PUBLIC_BODIES)}`;
  return `${prefix} ${rng.pick(CORES)} ${rng.pick(LEGAL)}`;
}

export const FIRST_NAMES = [
  'Amara',
  'Bastian',
  'Chiara',
  'Dmitri',
  'Elif',
  'Farid',
  'Greta',
  'Hiroshi',
  'Ines',
  'Jonas',
  'Kalani',
  'Lucia',
  'Mateo',
  'Nadia',
  'Oskar',
  'Priya',
  'Quentin',
  'Rosa',
  'Soren',
  'Tamsin',
  'Umar',
  'Vera',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zofia',
  'Björn',
  'Zoë',
  'Renée',
  'José',
];
export const LAST_NAMES = [
  'Abernethy',
  'Bergqvist',
  'Castellano',
  'Delacroix',
  'Eriksen',
  'Fairweather',
  'Gallardo',
  'Hartigan',
  'Ishikawa',
  'Jablonski',
  'Kowalczyk',
  'Lindqvist',
  'Marchetti',
  'Nakamura',
  'Okonkwo',
  'Pemberton',
  'Quintero',
  'Rasmussen',
  'Szabo',
  'Thorne',
  'Underhill',
  'Vasquez',
  'Whitlock',
  'Yamamoto',
  'Zielinski',
];

export function personName(rng: Rng): { first: string; last: string } {
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) };
}

export const DEPARTMENTS: readonly (readonly [string, number])[] = [
  ['Sales', 50],
  ['Marketing', 30],
  ['Customer Success', 55],
  ['Support', 60],
  ['Product', 45],
  ['Engineering', 35],
  ['Finance', 25],
];

export const ROLES: readonly (readonly [string, number])[] = [
  ['Individual contributor', 65],
  ['Team lead', 15],
  ['Manager', 13],
  ['Director', 7],
];
