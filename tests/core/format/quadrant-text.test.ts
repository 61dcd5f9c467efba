import { describe, expect, it } from 'vitest';
import { quadrantText } from '../../../src/core/format';

describe('quadrantText', () => {
  it('says when a quadrant rests on an importance within its margin of the crosshair', () => {
    expect(quadrantText({ quadrant: 'concentrate here', onImportanceLine: true })).toBe(
      'concentrate here (importance on the line)',
    );
    expect(quadrantText({ quadrant: 'low priority' })).toBe('low priority');
    expect(quadrantText({ quadrant: null })).toBe('—');
    expect(quadrantText(undefined)).toBe('—');
  });
});
