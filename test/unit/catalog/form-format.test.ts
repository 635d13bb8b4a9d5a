import { describe, expect, it } from 'vitest';
import { dateToInput, decimalToInput, describeRates, inputToDate, inputToDecimal } from '../../../renderer/pages/catalog/format';

describe('catalog form helpers (German inputs ↔ API values)', () => {
  it('dates: TT.MM.JJJJ in the form, ISO towards main, empty = no date, invalid passed on for main to name', () => {
    expect(dateToInput('2020-07-01')).toBe('01.07.2020');
    expect(dateToInput(null)).toBe('');
    expect(inputToDate(' 1.7.2020 ')).toBe('2020-07-01');
    expect(inputToDate('')).toBeNull();
    expect(inputToDate('31.02.2020')).toBe('31.02.2020');
  });

  it('decimals keep all 4 price decimals and use the comma', () => {
    expect(decimalToInput('84.0336')).toBe('84,0336');
    expect(decimalToInput('1250.5', 2)).toBe('1250,50');
    expect(decimalToInput(null)).toBe('');
    expect(inputToDecimal('1.234,5678')).toBe('1234.5678');
    expect(inputToDecimal('  ')).toBeNull();
    expect(inputToDecimal('12,3,4')).toBe('12,3,4');
  });

  it('describes rates over time as a bookkeeper reads them', () => {
    expect(
      describeRates([
        { rate: '19', validFrom: null, validTo: '2020-06-30' },
        { rate: '16', validFrom: '2020-07-01', validTo: '2020-12-31' },
        { rate: '19', validFrom: '2021-01-01', validTo: null },
        { rate: '0', validFrom: null, validTo: null },
      ]),
    ).toBe('19\u00a0% bis 30.06.2020 · 16\u00a0% 01.07.2020–31.12.2020 · 19\u00a0% ab 01.01.2021 · 0\u00a0%');
  });
});
