import { HOUSE_NUMBER_CUES, PERSONAL_CUES } from './cues';
import { cueScore } from './normalise';
import { inferScale, isCardNumber, isIban, share, type ColumnProfile } from './profile';

export type PersonalKind = (typeof PERSONAL_CUES)[number]['kind'];

/** A column holding personal data that analysis does not need, and what import does with it. */
export interface PersonalColumn {
  column: string;
  kind: PersonalKind;
  action: 'drop' | 'hash';
  confidence: number;
  reason: string;
}

const WHAT: Record<PersonalKind, string> = {
  email: 'e-mail addresses',
  ip: 'IP addresses',
  phone: 'phone numbers',
  card: 'payment card numbers',
  iban: 'bank account numbers (IBAN)',
  'national-id': 'national or document ID numbers',
  'birth-date': 'dates of birth',
  address: 'postal addresses',
  name: "people's names",
};

/**
 * Personal data is recognised by its values (e-mail, phone, IP, Luhn-valid card numbers, IBANs)
 * and by headers in the supported languages (names, birth dates, addresses, national IDs …).
 * It is dropped; an e-mail column that is the only way to link a person's answers is hashed
 * instead (same person → same hash, address unreadable). Never kept as a filterable attribute.
 */
export function personalDataColumns(profiles: ColumnProfile[]): PersonalColumn[] {
  const found: PersonalColumn[] = [];
  let previous: PersonalColumn | undefined;
  for (const profile of profiles) {
    const column = profile.filled === 0 ? undefined : (byValues(profile) ?? byHeader(profile, previous));
    if (column) found.push(column);
    previous = column;
  }
  return found;
}

function byValues(profile: ColumnProfile): PersonalColumn | undefined {
  const shares: Array<[PersonalKind, number]> = [
    ['email', share(profile, profile.emails)],
    ['card', share(profile, profile.cards)],
    ['iban', share(profile, profile.ibans)],
    ['phone', share(profile, profile.phones)],
    ['ip', share(profile, profile.ips)],
  ];
  const [kind, valueShare] = shares.sort((a, b) => b[1] - a[1])[0] as [PersonalKind, number];
  if (valueShare < 0.6) return undefined;
  const action = kind === 'email' ? 'hash' : 'drop';
  return {
    column: profile.name,
    kind,
    action,
    confidence: valueShare,
    reason: `${Math.round(valueShare * 100)}% of values are ${WHAT[kind]}: ${action === 'hash' ? 'hashed (kept only to link answers)' : 'dropped'} on import`,
  };
}

function byHeader(profile: ColumnProfile, previous: PersonalColumn | undefined): PersonalColumn | undefined {
  // A scored answer is never personal data, whatever its question mentions ("Did we address …?").
  if (inferScale(profile) && profile.averageLength <= 2) return undefined;
  for (const cue of PERSONAL_CUES) {
    const score = Math.max(
      cueScore(profile.name, cue.exact) === 1 ? 1 : 0,
      cueScore(profile.name, cue.words),
    );
    if (score < 0.6) continue;
    if (VISIBLE_IN_VALUES.has(cue.kind) && plainlyCategorical(profile)) continue;
    return personal(profile.name, cue.kind, score, `header names ${WHAT[cue.kind]}`);
  }
  if (
    previous?.kind === 'address' &&
    cueScore(profile.name, HOUSE_NUMBER_CUES) === 1 &&
    profile.averageLength <= 8
  )
    return personal(profile.name, 'address', 0.8, `a number beside the street column "${previous.column}"`);
  return undefined;
}

/** Kinds whose values show what they are: a header alone names them only if the values could be them. */
const VISIBLE_IN_VALUES: ReadonlySet<PersonalKind> = new Set(['email', 'phone', 'ip', 'card', 'iban']);

/**
 * A few digit-free words ("Yes", "No", "No phone service"): a flag about a service, not the contact
 * detail its header mentions ("PhoneService"). A column of masked or partial numbers still has digits.
 */
function plainlyCategorical(profile: ColumnProfile): boolean {
  return (
    profile.numeric === 0 &&
    profile.distinctTexts <= 12 &&
    profile.labels.length > 0 &&
    profile.labels.every((label) => !/\d/.test(label))
  );
}

function personal(column: string, kind: PersonalKind, confidence: number, why: string): PersonalColumn {
  const action = kind === 'email' ? 'hash' : 'drop';
  return {
    column,
    kind,
    action,
    confidence,
    reason: `${why}: ${action === 'hash' ? 'hashed (kept only to link answers)' : 'dropped'} on import`,
  };
}

const EIGHT_DIGITS = /\d(?:[\s().-]*\d){7}/;
const EMAIL_IN_TEXT = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/gi;
const IBAN_IN_TEXT = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/gi;
const CARD_IN_TEXT = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;
const ISO_DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const PHONE_IN_TEXT = /(?<![\w])\+?\d[\d\s().-]{7,}\d(?![\w])/g;

/** Masks e-mail addresses, IBANs, card numbers and phone numbers inside free text; returns the text and how many. */
export function redactContacts(text: string): { text: string; count: number } {
  if (text.indexOf('@') === -1 && !EIGHT_DIGITS.test(text)) return { text, count: 0 };
  let count = 0;
  const counted = (label: string) => () => {
    count += 1;
    return label;
  };
  const payments = maskPaymentNumbers(text.replace(EMAIL_IN_TEXT, counted('[e-mail]')));
  count += payments.count;
  const masked = payments.text.replace(PHONE_IN_TEXT, (match) => {
    // A date ("2024-05-01") has eight digits too, and is no phone number.
    if ((match.match(/\d/g) ?? []).length < 8 || ISO_DATE_TEXT.test(match)) return match;
    count += 1;
    return '[phone]';
  });
  return { text: masked, count };
}

/** Masks IBANs and Luhn-valid card numbers inside free text (attributes keep dates and codes). */
export function maskPaymentNumbers(text: string): { text: string; count: number } {
  if (!EIGHT_DIGITS.test(text)) return { text, count: 0 };
  let count = 0;
  const masked = text
    .replace(IBAN_IN_TEXT, (match) => {
      // The pattern may run on into the next word ("FR76… svp"): the IBAN is the longest valid prefix.
      for (let end = match.length; end >= 15; end -= 1) {
        if (match[end - 1] !== ' ' && isIban(match.slice(0, end))) {
          count += 1;
          return '[IBAN]' + match.slice(end);
        }
      }
      return match;
    })
    .replace(CARD_IN_TEXT, (match) => {
      if (!isCardNumber(match)) return match;
      count += 1;
      return '[card]';
    });
  return { text: masked, count };
}
