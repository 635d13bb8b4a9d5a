import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { checkLineEndings, detectSeparator, parseCsvText, recordStartLines } from '../../../main/transfer/rules-csv';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.message;
    throw e;
  }
  throw new Error('kein Fehler geworfen');
}

describe('separator detection', () => {
  it.each([
    ['Kundennummer;Firma;Ort\r\nK1;A GmbH;Köln\r\n', ';'],
    ['number,company,city\nK1,A Ltd,London\n', ','],
    ['Name\tOrt\nMüller\tKöln\n', '\t'],
    // the comma inside the quoted cell must not win over the semicolon
    ['Firma;Ort;Notiz\r\n"A, B & C GmbH";Köln;"x, y, z"\r\n', ';'],
    // a German file whose amounts carry decimal commas stays semicolon-separated
    ['Artikel;Preis\r\nA;1,50\r\nB;2,75\r\n', ';'],
  ])('detects the separator of %j', (text, expected) => {
    expect(detectSeparator(text)).toBe(expected);
  });
});

describe('parsing CSV text', () => {
  it('reads header, rows and their line numbers; quoted line breaks stay inside the cell', () => {
    const parsed = parseCsvText('Firma;Notiz\r\n"A GmbH";"Zeile 1\nZeile 2"\r\nB AG;\r\n\r\nC KG;x\r\n', ';');
    expect(parsed.header).toEqual(['Firma', 'Notiz']);
    expect(parsed.rows).toEqual([['A GmbH', 'Zeile 1\nZeile 2'], ['B AG', ''], ['C KG', 'x']]);
    expect(parsed.lineNumbers.slice(0, 2)).toEqual([2, 4]);
  });

  it('numbers rows by the line they start on, past empty lines and quoted line breaks', () => {
    expect(recordStartLines('a;b\r\n\r\nc;"x\r\ny"\r\nd;e\r\n')).toEqual([1, 3, 5]);
    expect(parseCsvText('Firma;Ort\r\n\r\nA;"x\r\ny"\r\nB;Bonn\r\n', ';').lineNumbers).toEqual([3, 5]);
  });

  it('refuses an empty file, a header-only file and a one-column header in German', () => {
    expect(messageOf(() => parseCsvText('  \r\n', ';'))).toBe('Die Datei ist leer.');
    expect(messageOf(() => parseCsvText('Kundennummer;Firma\r\n', ';'))).toBe('Die Datei enthält nur die Kopfzeile und keine Datenzeilen.');
    expect(messageOf(() => parseCsvText('Kundennummer,Firma\r\nK1,A\r\n', ';'))).toBe(
      'In der Kopfzeile wurde nur eine Spalte gefunden. Ist das Trennzeichen richtig (Semikolon)?',
    );
  });

  it('refuses an unclosed quote and names the row', () => {
    expect(messageOf(() => parseCsvText('Firma;Ort\r\nA;Köln\r\n"B GmbH;Bonn\r\nC;Berlin\r\n', ';'))).toBe(
      'Ein Anführungszeichen wird nicht geschlossen (ab Zeile 3). Bitte das Feld prüfen, das mit " beginnt.',
    );
  });

  it('refuses mixed line endings outside quotes and names the row; LF inside quoted cells is fine', () => {
    expect(messageOf(() => parseCsvText('Firma;Ort\r\nA;Köln\nB;Bonn\r\n', ';'))).toBe(
      'Die Datei hat gemischte Zeilenenden: Zeile 2 endet mit LF, die Zeilen davor mit CRLF. Bitte die Datei in einem Editor einheitlich speichern (z. B. „Windows (CRLF)“).',
    );
    expect(checkLineEndings('Firma;Notiz\r\nA;"x\ny"\r\n')).toBe('CRLF');
    expect(checkLineEndings('a;b\nc;d\n')).toBe('LF');
  });
});
