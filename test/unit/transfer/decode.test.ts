import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import {
  checkImportRowCount,
  checkImportSize,
  decodeImportBytes,
  detectEncoding,
  looksBinary,
  MAX_IMPORT_BYTES,
} from '../../../main/transfer/rules-decode';

const bytes = (...b: number[]) => Uint8Array.from(b);
function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('kein Fehler geworfen');
}

describe('decoding import files', () => {
  it('decodes Windows-1252 bytes 0x80 0x84 0x96 as € „ – (through iconv-lite, not TextDecoder)', () => {
    const decoded = decodeImportBytes(bytes(0x41, 0x3b, 0x80, 0x84, 0x96, 0x0d, 0x0a));
    expect(decoded.encoding).toBe('Windows-1252');
    expect(decoded.text).toBe('A;€„–\r\n');
  });

  it('decodes Müller and Straße from Windows-1252 and from UTF-8', () => {
    const text = 'Nachname;Straße\r\nMüller;Hauptstraße 5\r\n';
    expect(decodeImportBytes(iconv.encode(text, 'win1252')).text).toBe(text);
    const utf8 = decodeImportBytes(Buffer.from(text, 'utf8'));
    expect(utf8.text).toBe(text);
    expect(utf8.encoding).toBe('UTF-8');
    expect(utf8.bom).toBe(false);
  });

  it('strips a UTF-8 BOM and reports it', () => {
    const decoded = decodeImportBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Firma;Ort\r\n', 'utf8')]));
    expect(decoded.text).toBe('Firma;Ort\r\n');
    expect(decoded.bom).toBe(true);
    expect(decoded.encoding).toBe('UTF-8');
  });

  it('reads UTF-16LE (Excel "Unicode-Text") with its BOM', () => {
    const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name\tOrt\r\nMüller\tKöln\r\n', 'utf16le')]);
    expect(detectEncoding(data)).toBe('UTF-16LE');
    expect(decodeImportBytes(data).text).toBe('Name\tOrt\r\nMüller\tKöln\r\n');
  });

  it('honours a chosen encoding: ISO-8859-1 maps 0x80 to a control character, Windows-1252 to €', () => {
    const data = bytes(0x80, 0xe4);
    expect(decodeImportBytes(data, 'ISO-8859-1').text).toBe('\u0080ä');
    expect(decodeImportBytes(data, 'Windows-1252').text).toBe('€ä');
  });

  it('refuses a chosen UTF-8 on bytes that are not UTF-8 instead of writing "�"', () => {
    const e = errorOf(() => decodeImportBytes(iconv.encode('Müller;Köln', 'win1252'), 'UTF-8'));
    expect(e.message).toContain('nicht UTF-8');
  });

  it('refuses an empty file and a binary file in German', () => {
    expect(errorOf(() => decodeImportBytes(bytes())).message).toBe('Die Datei ist leer.');
    const zip = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00);
    expect(looksBinary(zip)).toBe(true);
    expect(errorOf(() => decodeImportBytes(zip)).message).toContain('keine Textdatei');
  });

  it('checks the size before reading: a 200 MB file is refused with a size message', () => {
    const e = errorOf(() => checkImportSize(200 * 1024 * 1024));
    expect(e.message).toBe('Die Datei ist zu groß (200 MB). Importiert werden Dateien bis 64 MB; bitte die Datei aufteilen.');
    expect(() => checkImportSize(MAX_IMPORT_BYTES)).not.toThrow();
    expect(errorOf(() => checkImportSize(0)).message).toBe('Die Datei ist leer.');
  });

  it('checks the row limit on the raw bytes before parsing', () => {
    const data = Buffer.from('a;b\n'.repeat(12), 'utf8');
    expect(() => checkImportRowCount(data, 11)).not.toThrow();
    expect(errorOf(() => checkImportRowCount(data, 10)).message).toBe(
      'Die Datei hat 12 Zeilen. Importiert werden höchstens 10 Zeilen auf einmal; bitte die Datei aufteilen.',
    );
  });
});
