import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../../src/core/format';
import { rawControls } from '../../safety-helpers';

describe('terminalSafe', () => {
  it('writes escape sequences, C0/C1 controls and bidi overrides as \\u escapes; keeps newline, tab and text', () => {
    expect(terminalSafe('\u001b[31mRed\u001b[0m')).toBe('\\u001b[31mRed\\u001b[0m');
    expect(terminalSafe('a\rb\bc\u0007d\u009b2Je\u007f')).toBe('a\\u000db\\u0008c\\u0007d\\u009b2Je\\u007f');
    expect(terminalSafe('\u202eevil\u2066')).toBe('\\u202eevil\\u2066');
    expect(terminalSafe('line 1\n\tline 2 — Café, 고객 만족, −4.2 pp')).toBe(
      'line 1\n\tline 2 — Café, 고객 만족, −4.2 pp',
    );
  });

  it('keeps JSON valid and equal: the escapes it writes are JSON escapes', () => {
    const value = { name: '\u001b]0;owned\u0007', note: 'x\u0085y\u2028z' };
    const printed = terminalSafe(JSON.stringify(value));
    expect(rawControls(printed)).toEqual([]);
    expect(printed).not.toContain('\u2028');
    expect(JSON.parse(printed)).toEqual(value);
  });
});
