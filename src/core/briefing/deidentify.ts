/**
 * De-identification of what customers wrote, before a comment is quoted in a pack: e-mail
 * addresses, card numbers, phone numbers and person names (the engagement's own customer names,
 * and names introduced the way people write them: "ask for Elif Yamamoto", "Mr Thorne",
 * "… call me, Ximena.") are replaced by a bracketed word. Over-masking a capitalised word is
 * acceptable; leaking a name into a board pack is not.
 */

export const MASKS = { email: '[e-mail]', card: '[card number]', phone: '[phone]', name: '[name]' } as const;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// 13–19 digits in groups (card numbers), before phones so a card is never read as a phone.
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
// An optional +, then at least 7 digits with spaces, dots, dashes or brackets between them.
const PHONE = /(?:\+|\(\d)?\d(?:[\s().-]*\d){6,}/g;

const NAME_WORD = String.raw`\p{Lu}[\p{Ll}'’-]+`;
const NAME = String.raw`${NAME_WORD}(?:\s+(?:(?:van|von|de|da|di|del|der|le|la|al|bin|ibn)\s+)?${NAME_WORD}){0,2}`;
// Words that introduce a person's name in a comment (case-insensitive cue, capitalised name).
const CUES = [
  'ask for',
  'asked for',
  'speak to',
  'speak with',
  'spoke to',
  'spoke with',
  'talk to',
  'talked to',
  'contact',
  'thanks to',
  'thank you',
  'thanks',
  'regards',
  'cheers',
  'my name is',
  'this is',
  "i'm",
  'i am',
  'call me on [phone],',
  'signed',
  'our rep',
  'our account manager',
  'account manager',
  'consultant',
  'colleague',
];
const TITLES = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Madam)\.?\s+/;
const CUED = new RegExp(
  String.raw`(\b(?:${CUES.map(caseless).join('|')})\s*,?\s+|${TITLES.source})(${NAME})`,
  'gu',
);
// A sign-off: a capitalised word alone after a comma or dash at the very end ("…, Ximena.").
const SIGN_OFF = new RegExp(String.raw`([,–—-]\s*)(${NAME})(\s*[.!]?\s*)$`, 'u');

/** A cue matched in any case while the name after it must stay capitalised (no `i` flag). */
function caseless(text: string): string {
  return [...text]
    .map((c) =>
      /\p{L}/u.test(c)
        ? `[${c.toLowerCase()}${c.toUpperCase()}]`
        : /\s/.test(c)
          ? String.raw`\s+`
          : escape(c),
    )
    .join('');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

/** A case-insensitive matcher for a list of known names (longest first). */
function knownNamesPattern(names: readonly string[]): RegExp | null {
  const usable = [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 2))].sort(
    (a, b) => b.length - a.length,
  );
  if (usable.length === 0) return null;
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${usable.map(escape).join('|')})(?![\p{L}\p{N}])`, 'giu');
}

/** Words a cue may be followed by that are not names ("thanks Team", "I am Very happy"). */
const NOT_NAMES = new Set(
  [
    'the',
    'team',
    'very',
    'so',
    'not',
    'really',
    'all',
    'everyone',
    'support',
    'sales',
    'again',
    'a',
    'an',
  ].map((w) => w.toLowerCase()),
);

export type Deidentify = (text: string) => string;

/** A de-identifier that also masks the given names (customers, contacts) wherever they appear. */
export function createDeidentifier(knownNames: readonly string[] = []): Deidentify {
  const known = knownNamesPattern(knownNames);
  return (text) => {
    let out = text.replace(EMAIL, MASKS.email).replace(CARD, MASKS.card).replace(PHONE, MASKS.phone);
    if (known) out = out.replace(known, MASKS.name);
    out = out.replace(CUED, (whole, cue: string, name: string) => {
      const first = name.split(/\s+/)[0]?.toLowerCase() ?? '';
      return NOT_NAMES.has(first) ? whole : `${cue}${MASKS.name}`;
    });
    return out.replace(SIGN_OFF, (whole, dash: string, name: string, end: string) =>
      NOT_NAMES.has(name.toLowerCase()) ? whole : `${dash}${MASKS.name}${end}`,
    );
  };
}
