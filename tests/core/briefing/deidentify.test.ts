import { describe, expect, it } from 'vitest';
import { createDeidentifier } from '../../../src/core/briefing';

describe('de-identification of comments', () => {
  const deidentify = createDeidentifier(['Quarry Hill Insurance Ltd', 'Juniper Retail K.K.']);

  it('masks e-mail addresses, card numbers and phone numbers', () => {
    expect(deidentify('Write to ana.lopez@example.com or call +44 20 7946 0123.')).toBe(
      'Write to [e-mail] or call [phone].',
    );
    expect(deidentify('They charged my card 4111 1111 1111 1111 twice.')).toBe(
      'They charged my card [card number] twice.',
    );
    expect(deidentify('Ring (312) 555-0142 any time')).toBe('Ring [phone] any time');
  });

  it('masks the names of the engagement’s customers wherever they appear, in any case', () => {
    expect(deidentify('We at quarry hill insurance ltd are unhappy.')).toBe('We at [name] are unhappy.');
  });

  it('masks person names introduced the way people write them', () => {
    expect(deidentify('Please ask for Elif Yamamoto if you need more detail.')).toBe(
      'Please ask for [name] if you need more detail.',
    );
    expect(deidentify('Call me on [phone], Ximena.')).toBe('Call me on [phone], [name].');
    expect(deidentify('Thanks to Renée Delacroix, great onboarding.')).toBe(
      'Thanks to [name], great onboarding.',
    );
    expect(deidentify('Dr. Okonkwo was very helpful')).toBe('Dr. [name] was very helpful');
    expect(deidentify('My name is Björn and I run finance.')).toBe('My name is [name] and I run finance.');
  });

  it('leaves ordinary comments as written', () => {
    for (const text of [
      'Demo covered the basics; we had to ask for a second session.',
      'Thanks! Keep it up.',
      'Support is polite but slow.',
      'Invoices arrive with the wrong PO number, every single month.',
      'Very happy. Renewal was easy and they offered a fair multi-year deal. Merci !',
      'Onboarding took 3 months, not 4 weeks.',
    ])
      expect(deidentify(text)).toBe(text);
  });
});
