import { describe, expect, it } from 'vitest';
import { isPlausibleVatId, isValidIban, normalizeIban } from '../../../shared/validation';

describe('IBAN (mod-97)', () => {
  it.each([
    ['DE89370400440532013000', true],
    ['DE89 3704 0044 0532 0130 00', true],
    ['de89370400440532013000', true],
    ['AT611904300234573201', true],
    ['DE89370400440532013001', false],
    ['DE8937040044053201300', false],
    ['XX89370400440532013000', false],
    ['', false],
  ])('%s → %s', (iban, valid) => expect(isValidIban(iban)).toBe(valid));

  it('normalises spaces and case', () => expect(normalizeIban(' de89 3704 0044 0532 0130 00 ')).toBe('DE89370400440532013000'));
});

describe('VAT ID shape', () => {
  it.each([
    ['DE123456789', true],
    ['DE 123 456 789', true],
    ['ATU12345678', true],
    ['NL123456789B01', true],
    ['DE12345678', false],
    ['DE1234567890', false],
    ['ATU1234567', false],
    ['123456789', false],
  ])('%s → %s', (vat, ok) => expect(isPlausibleVatId(vat)).toBe(ok));
});
