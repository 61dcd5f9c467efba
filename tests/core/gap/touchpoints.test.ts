import { describe, expect, it } from 'vitest';
import { createTouchpointResolver, touchpointKey } from '../../../src/core/gap';

describe('touchpoint names match through aliases, ignoring case, spaces and punctuation', () => {
  const resolver = createTouchpointResolver([
    { name: 'Onboarding', aliases: ['Getting started'], journeyStage: 'Start' },
    { name: 'Billing', aliases: ['Invoices & payments'], journeyStage: 'Pay' },
  ]);

  it('treats On-boarding, Onboarding and "onboarding " as one touchpoint', () => {
    expect(resolver.resolve('On-boarding')).toBe('Onboarding');
    expect(resolver.resolve('Onboarding')).toBe('Onboarding');
    expect(resolver.resolve('onboarding ')).toBe('Onboarding');
    expect(resolver.resolve('  ON BOARDING.')).toBe('Onboarding');
  });

  it('resolves aliases and returns null for unknown names', () => {
    expect(resolver.resolve('getting-started')).toBe('Onboarding');
    expect(resolver.resolve('Invoices and payments')).toBeNull();
    expect(resolver.resolve('invoices & PAYMENTS')).toBe('Billing');
    expect(resolver.resolve('Delivery')).toBeNull();
    expect(resolver.definition('Billing')?.journeyStage).toBe('Pay');
  });

  it('folds accents', () => {
    expect(touchpointKey('Café  Visit')).toBe(touchpointKey('cafe-visit'));
  });

  it('refuses an alias claimed by two touchpoints', () => {
    expect(() =>
      createTouchpointResolver([
        { name: 'Support', aliases: ['Help desk'] },
        { name: 'Helpdesk', aliases: [] },
      ]),
    ).toThrow(/matches both/);
  });
});
