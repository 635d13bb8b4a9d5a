import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { Decimal } from '../../../shared/money';
import {
  belegfeld,
  checkDebitorAccount,
  checkGlAccount,
  extendAccount,
  formatBelegdatum,
  formatCents,
  formatDateLong,
  formatHeaderDate,
  formatRate,
  formatTimestamp,
  quoteText,
  toWin1252,
  Win1252Writer,
  type CharReplacement,
} from '../../../main/datev/format';

/** The reference encoding the writer is held to. */
const encodeWin1252 = (text: string): Buffer => iconv.encode(text, 'win1252');

describe('DATEV field formatting', () => {
  it.each([
    [119_000, '1190,00'],
    [119_050, '1190,50'],
    [1, '0,01'],
    [-5_350, '53,50'],
    [123_456_789, '1234567,89'],
    [999_999_999_999, '9999999999,99'],
  ])('amount of %i cents is written %s (decimal comma, no thousands separator, always positive)', (cents, expected) => {
    expect(formatCents(cents)).toBe(expected);
  });

  it('refuses an amount of 0,00, one above 10 integer digits and a fraction of a cent', () => {
    expect(() => formatCents(0)).toThrow(/0,00/);
    expect(() => formatCents(1_000_000_000_000)).toThrow(/zu groß/);
    expect(() => formatCents(10.5)).toThrow(/ganze Zahl von Cent/);
  });

  it('writes a tax rate with two decimals', () => {
    expect(formatRate(new Decimal(19))).toBe('19,00');
    expect(formatRate(new Decimal('5.5'))).toBe('5,50');
  });

  it('Belegdatum is TTMM with leading zeros, other dates TTMMJJJJ, header dates JJJJMMTT', () => {
    expect(formatBelegdatum('2026-03-01')).toBe('0103');
    expect(formatBelegdatum('2026-12-31')).toBe('3112');
    expect(formatDateLong('2026-03-05')).toBe('05032026');
    expect(formatHeaderDate('2026-03-05')).toBe('20260305');
    expect(formatDateLong('2028-02-29')).toBe('29022028');
  });

  it.each(['2026-02-30', '2026-13-01', '2026-00-10', '2026-04-31', '26-03-01'])('refuses the impossible date %s instead of writing it', (d) => {
    expect(() => formatBelegdatum(d)).toThrow(/Ungültiges Datum/);
  });

  it('header timestamp has 17 digits in German local time (summer and winter)', () => {
    expect(formatTimestamp('2026-04-01T07:30:00.000Z')).toBe('20260401093000000');
    expect(formatTimestamp('2026-01-15T23:59:58.123Z')).toBe('20260116005958123');
    expect(formatTimestamp('2026-11-28T09:00:00Z')).toMatch(/^\d{17}$/);
  });

  it('quotes text, doubles embedded quotes, and strips line breaks and tabs', () => {
    expect(quoteText('')).toBe('""');
    expect(quoteText('Müller "Die Firma" GmbH')).toBe('"Müller ""Die Firma"" GmbH"');
    expect(quoteText('Zeile 1\r\nZeile 2\tEnde')).toBe('"Zeile 1 Zeile 2 Ende"');
  });

  it('Belegfeld 1 keeps only letters, digits and $ & % * + - / and at most 36 characters', () => {
    expect(belegfeld('RE-2026/000001')).toBe('RE-2026/000001');
    expect(belegfeld('RE 2026.0001_a')).toBe('RE20260001a');
    expect(belegfeld('X'.repeat(40))).toHaveLength(36);
  });

  it('replaces characters outside Windows-1252 readably and reports each one', () => {
    const reported: CharReplacement[] = [];
    const out = toWin1252('Łódź – Straße 5 € „Zitat“ 😀 Ő', 'Test', (r) => reported.push(r));
    expect(out).toBe('Lódz – Straße 5 € „Zitat“ ? O');
    expect(reported.map((r) => [r.char, r.replacement])).toEqual([
      ['Ł', 'L'],
      ['ź', 'z'],
      ['😀', '?'],
      ['Ő', 'O'],
    ]);
    expect(reported[0]!.codePoint).toBe('U+0141');
  });

  it('any text survives the Windows-1252 round trip after replacement (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const clean = toWin1252(s, 'p', () => {});
        expect(iconv.decode(encodeWin1252(clean), 'win1252')).toBe(clean);
      }),
    );
  });

  it('formats any amount of cents as the half-up text with a decimal comma (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }).filter((c) => c !== 0), (cents) => {
        const value = new Decimal(cents).dividedBy(100);
        expect(formatCents(cents)).toBe(value.abs().toFixed(2).replace('.', ','));
      }),
    );
  });

  it('the byte writer quotes exactly as quoteText and encodes exactly as iconv-lite (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ maxLength: 20 }), (s, plain) => {
        const clean = toWin1252(s, 'p', () => {});
        const cleanPlain = toWin1252(plain, 'p', () => {});
        const out = new Win1252Writer(16);
        out.quoted(clean);
        out.raw(Buffer.from(';'));
        out.plain(cleanPlain);
        out.endRecord();
        expect([...out.bytes()]).toEqual([...encodeWin1252(quoteText(clean) + ';' + cleanPlain + '\r\n')]);
      }),
    );
  });

  it('the byte writer refuses a text with a character outside Windows-1252 and writes nothing of it', () => {
    const out = new Win1252Writer(16);
    out.raw(Buffer.from('A;'));
    expect(out.quoted('Łódź')).toBe(false);
    expect(out.quoted('Müller 😀 GmbH und eine lange Zeile dazu')).toBe(false);
    expect(out.quoted('Müller €')).toBe(true);
    expect([...out.bytes()]).toEqual([...encodeWin1252('A;"Müller €"')]);
  });

  it('encodes umlauts as one byte and € as 0x80', () => {
    expect([...encodeWin1252('ä€')]).toEqual([0xe4, 0x80]);
  });

  it('checks account lengths: G/L = Sachkontenlänge, debitors one digit more', () => {
    expect(checkGlAccount('8400', 4, 'Erlöskonto')).toBeNull();
    expect(checkGlAccount('840', 4, 'Erlöskonto')).toMatch(/nicht 4 Stellen/);
    expect(checkGlAccount('84A0', 4, 'Erlöskonto')).toMatch(/nur Ziffern/);
    expect(checkDebitorAccount('10001', 4)).toBeNull();
    expect(checkDebitorAccount('1000', 4)).toMatch(/nicht 5 Stellen/);
    expect(checkDebitorAccount('70001', 4)).toMatch(/Debitorenbereich/);
    expect(checkDebitorAccount('100001', 5)).toBeNull();
  });

  it('extends chart accounts with zeros for a longer Sachkontenlänge', () => {
    expect(extendAccount('1200', 4)).toBe('1200');
    expect(extendAccount('1200', 5)).toBe('12000');
    expect(extendAccount('8400', 6)).toBe('840000');
  });
});
