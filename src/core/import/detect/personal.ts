import { PERSONAL_CUES } from './cues';
import { cueScore } from './normalise';
import { share, type ColumnProfile } from './profile';

/** A column holding personal data that analysis does not need, and what import does with it. */
export interface PersonalColumn {
  column: string;
  kind: 'email' | 'phone' | 'ip' | 'name';
  action: 'drop' | 'hash';
  confidence: number;
  reason: string;
}

/**
 * E-mail, phone and IP columns are recognised by their values, person-name columns by their
 * headers. They are dropped; an e-mail column that is the only way to link a person's answers
 * is hashed instead (same person → same hash, address unreadable).
 */
export function personalDataColumns(profiles: ColumnProfile[]): PersonalColumn[] {
  const found: PersonalColumn[] = [];
  for (const profile of profiles) {
    if (profile.filled === 0) continue;
    const byValue: Array<[PersonalColumn['kind'], number]> = [
      ['email', share(profile, profile.emails)],
      ['phone', share(profile, profile.phones)],
      ['ip', share(profile, profile.ips)],
    ];
    const [kind, valueShare] = byValue.sort((a, b) => b[1] - a[1])[0] as [PersonalColumn['kind'], number];
    if (valueShare >= 0.6) {
      const action = kind === 'email' ? 'hash' : 'drop';
      found.push({
        column: profile.name,
        kind,
        action,
        confidence: valueShare,
        reason: `${Math.round(valueShare * 100)}% of values are ${kind === 'ip' ? 'IP addresses' : kind === 'email' ? 'e-mail addresses' : 'phone numbers'}: ${action === 'hash' ? 'hashed (kept only to link answers)' : 'dropped'} on import`,
      });
      continue;
    }
    const nameCue = cueScore(profile.name, PERSONAL_CUES.name);
    if (nameCue >= 0.8 && profile.averageLength < 40) {
      found.push({
        column: profile.name,
        kind: 'name',
        action: 'drop',
        confidence: nameCue,
        reason: 'header names a person: dropped on import',
      });
    }
  }
  return found;
}

const EIGHT_DIGITS = /\d(?:[\s().-]*\d){7}/;
const EMAIL_IN_TEXT = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/gi;
const PHONE_IN_TEXT = /(?<![\w])\+?\d[\d\s().-]{7,}\d(?![\w])/g;

/** Masks e-mail addresses and phone numbers inside free text; returns the text and how many. */
export function redactContacts(text: string): { text: string; count: number } {
  if (text.indexOf('@') === -1 && !EIGHT_DIGITS.test(text)) return { text, count: 0 };
  let count = 0;
  const masked = text
    .replace(EMAIL_IN_TEXT, () => {
      count += 1;
      return '[e-mail]';
    })
    .replace(PHONE_IN_TEXT, (match) => {
      if ((match.match(/\d/g) ?? []).length < 8) return match;
      count += 1;
      return '[phone]';
    });
  return { text: masked, count };
}
