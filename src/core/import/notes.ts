/**
 * What an import wants the user to know, as a code with parameters and a sentence. The sentence
 * never names a host's controls (a CLI flag, a button): a host adds its own hint from the code.
 */
export const NOTE_CODES = [
  'source',
  'encoding-guessed',
  'kind-detected',
  'detection',
  'personal-data',
  'dates-conflicting',
  'dates-by-variation',
  'dates-ambiguous',
  'lines-summed',
  'superseded',
  'no-data-rows',
  'totals-left-out',
  'redactions',
] as const;
export type NoteCode = (typeof NOTE_CODES)[number];

export interface ImportNote {
  code: NoteCode;
  params: Record<string, string | number>;
  text: string;
}

export function note(code: NoteCode, text: string, params: ImportNote['params'] = {}): ImportNote {
  return { code, params, text };
}
