/**
 * Text from data (touchpoint names, segments, comments, file names) on its way to a terminal.
 * A terminal obeys control characters and escape sequences: ESC [ … could recolour, move the
 * cursor, retitle the window or, in some terminals, write files; a CR or backspace could hide what
 * was printed; bidirectional overrides could reorder it. Each such character is written as its
 * `\uXXXX` escape instead, which is also the JSON escape, so JSON output stays valid and equal.
 * Newline and tab are kept: they are the layout of the output itself.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is this function's job
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
