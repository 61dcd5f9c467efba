/** Header text reduced for matching: lower case, accents and punctuation gone, spaces single. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC') // recompose Hangul and other scripts that NFKD splits into parts
    .toLowerCase()
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-./\\()[\]{}:;,!?¿¡'"“”‘’*#&+|°º\u2024]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits camelCase and snake_case before normalising ("customerID" → "customer id"). */
export function headerWords(header: string): string {
  return normaliseHeader(header.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/ID\b/g, ' id'));
}

/**
 * How well a header matches a list of cue phrases: 1 for an exact match, 0.8 when a cue is the
 * whole of the header's first words, 0.6 when a cue appears as whole words inside it.
 */
export function cueScore(header: string, cues: string[]): number {
  const text = headerWords(header);
  let best = 0;
  for (const cue of cues) {
    if (text === cue) return 1;
    const padded = ` ${text} `;
    if (/[\u3131-\uD79D\u0600-\u06FF]/.test(cue) ? text.includes(cue) : padded.includes(` ${cue} `)) {
      best = Math.max(best, text.startsWith(cue) ? 0.8 : 0.6);
    }
  }
  return best;
}

/** Substring cue match, for stems such as "satisf" or "recommend". */
export function hasStem(header: string, stems: string[]): boolean {
  const text = headerWords(header);
  const words = ` ${text} `;
  // Short stems ("ces", "nps") only as whole words: "access" is not an effort question.
  return stems.some((stem) => (stem.length <= 4 ? words.includes(` ${stem} `) : text.includes(stem)));
}
