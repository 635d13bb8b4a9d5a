import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { encodeCsv, neutralizeCell, writeCsv, writeErrorReport, writeJson } from '../../../main/transfer/rules-export';
import { decodeImportBytes } from '../../../main/transfer/rules-decode';

describe('CSV export', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+49 30 1234', `'+49 30 1234`],
    ['-2+3+cmd|\' /C calc\'!A0', `'-2+3+cmd|' /C calc'!A0`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tx', `'\tx`],
    ['\rx', `'\rx`],
    ['-12,50', '-12,50'],
    ["'=schon entschärft", "''=schon entschärft"],
    ["O'Brien", "O'Brien"],
    ['-12.50', '-12.50'],
    ['Müller GmbH', 'Müller GmbH'],
    ['', ''],
  ])('neutralises %j as %j (OWASP CSV injection)', (input, expected) => {
    expect(neutralizeCell(input)).toBe(expected);
  });

  it('writes ;-separated CRLF rows, quoting separators, quotes and line breaks; booleans as ja/nein', () => {
    expect(writeCsv(['Firma', 'Notiz', 'Aktiv'], [['A; B', 'sagt "hallo"\nzwei', true], [null, '=1+1', false]])).toBe(
      'Firma;Notiz;Aktiv\r\n"A; B";"sagt ""hallo""\nzwei";ja\r\n;\'=1+1;nein\r\n',
    );
  });

  it('encodes Windows-1252 (€ is 0x80) and UTF-8 with BOM', () => {
    expect([...encodeCsv('€ä\r\n', 'Windows-1252')]).toEqual([0x80, 0xe4, 0x0d, 0x0a]);
    expect([...encodeCsv('€', 'UTF-8-BOM')]).toEqual([0xef, 0xbb, 0xbf, 0xe2, 0x82, 0xac]);
  });

  it('every text survives write → encode → decode → parse (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme-ascii' }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = writeCsv(['A', 'B'], rows);
        const back = parse(decodeImportBytes(encodeCsv(text, 'UTF-8-BOM')).text, { delimiter: ';', relax_column_count: true }) as string[][];
        const unneutralised = back.slice(1).map((r) => r.map((c) => (/^'+[=+\-@\t\r]/.test(c) ? c.slice(1) : c)));
        expect(unneutralised).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('writes JSON with the dataset name', () => {
    expect(JSON.parse(writeJson('customers', [{ number: 'K1' }], { exportedAt: '2026-11-28T09:00:00Z' }))).toEqual({
      dataset: 'customers', exportedAt: '2026-11-28T09:00:00Z', rows: [{ number: 'K1' }],
    });
  });

  it('writes the error report: line, the original cells, the reasons', () => {
    const report = writeErrorReport(['Kundennummer', 'IBAN'], [
      { line: 7, cells: ['K7', 'DE00'], messages: [{ field: 'iban', label: 'IBAN', message: 'IBAN ist ungültig (Prüfziffer stimmt nicht)' }] },
    ]);
    expect(report).toBe('Zeile;Kundennummer;IBAN;Fehler\r\n7;K7;DE00;IBAN ist ungültig (Prüfziffer stimmt nicht)\r\n');
  });
});
