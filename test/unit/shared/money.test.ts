import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec, formatMoney, formatUnitPrice, fromCents, lineNet, parseDecimal, roundAmount, sum, taxOnNet, toCents } from '../../../shared/money';

describe('money', () => {
  it('rounds commercially half-up to 2 decimals', () => {
    expect(roundAmount(dec('0.005')).toString()).toBe('0.01');
    expect(roundAmount(dec('-0.005')).toString()).toBe('-0.01');
    expect(roundAmount(dec('84.0336')).toString()).toBe('84.03');
    expect(roundAmount(dec('86.2069')).toString()).toBe('86.21');
  });

  it('taxes the net sum of a rate, not each line (6,66 + 1,24 at 19 % → 1,50)', () => {
    const lines = [dec('6.66'), dec('1.24')];
    expect(taxOnNet(sum(lines), dec(19)).toString()).toBe('1.5');
    const perLine = sum(lines.map((l) => taxOnNet(l, dec(19))));
    expect(perLine.toString()).toBe('1.51');
  });

  it('computes a line net with discount, rounded once', () => {
    expect(lineNet(dec(1), dec('300'), dec(10)).toString()).toBe('270');
    expect(lineNet(dec('3'), dec('0.3333')).toString()).toBe('1');
  });

  it('parses strict German decimals and refuses ambiguous input', () => {
    expect(parseDecimal('1.234,56')?.toString()).toBe('1234.56');
    expect(parseDecimal('-0,5')?.toString()).toBe('-0.5');
    expect(parseDecimal('1234.56')?.toString()).toBe('1234.56');
    expect(parseDecimal('1,234.56')).toBeNull();
    expect(parseDecimal('12,3,4')).toBeNull();
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('1 234,56')).toBeNull();
  });

  it('formats de-DE amounts: 1.234,56 €', () => {
    expect(formatMoney(dec('1234.56'))).toBe('1.234,56\u00a0€');
    expect(formatMoney(dec('-50'))).toBe('-50,00\u00a0€');
    expect(formatMoney(dec('1234567.8'), 'CHF')).toBe('1.234.567,80\u00a0CHF');
    expect(formatUnitPrice(dec('84.0336'))).toBe('84,0336');
    expect(formatUnitPrice(dec('25'))).toBe('25,00');
  });

  it('stores amounts as integer cents and refuses fractions of a cent', () => {
    expect(toCents(dec('357.00'))).toBe(35700);
    expect(fromCents(-5000).toString()).toBe('-50');
    expect(() => toCents(dec('0.001'))).toThrow();
    expect(() => dec(0.1)).toThrow();
    expect(toCents(dec('-0.5'))).toBe(-50);
    expect(toCents(dec('-53.5'))).toBe(-5350);
    expect(toCents(dec('0'))).toBe(0);
    expect(toCents(dec('1e-2'))).toBe(1);
    expect(toCents(dec('123456789012.34'))).toBe(12345678901234);
    expect(() => toCents(dec('1e-7'))).toThrow(/Nachkommastellen/);
    expect(() => toCents(dec('1e30'))).toThrow(/zu groß/);
  });

  it('reads cents off any decimal exactly as the plain text says (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), fc.integer({ min: 0, max: 6 }), (units, places) => {
        const value = dec(units.toString()).dividedBy(10 ** places);
        const text = value.toFixed();
        const fraction = text.includes('.') ? text.split('.')[1]! : '';
        const expected = fraction.length > 2 ? null : Number(text.replace('.', '') + '0'.repeat(2 - fraction.length));
        if (expected === null || !Number.isSafeInteger(expected)) expect(() => toCents(value)).toThrow();
        else expect(toCents(value)).toBe(expected === 0 ? 0 : expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('cents round-trip for any amount of cents (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), (cents) => {
        expect(toCents(fromCents(cents))).toBe(cents);
        expect(toCents(fromCents(cents).times(1))).toBe(Number(fromCents(cents).times(100).toFixed()));
      }),
    );
  });
});
