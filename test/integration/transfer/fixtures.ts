// Import fixture files, built byte by byte in the encodings and separators users send.
import iconv from 'iconv-lite';
import type { CsvSeparator } from '../../../shared/api/transfer';

export const GERMAN_HEADER = ['Kundennummer', 'Firma', 'Vorname', 'Nachname', 'Straße', 'PLZ', 'Ort', 'E-Mail', 'IBAN'];
export const ENGLISH_HEADER = ['Customer Number', 'Company', 'First Name', 'Last Name', 'Street', 'Zip Code', 'City', 'Email', 'IBAN'];

/** Valid German IBANs (mod-97 checked) for the fixture rows. */
export const IBANS = ['DE89370400440532013000', 'DE02120300000000202051', 'DE02500105170137075030', 'DE02100500000054540402'];

export function customerRow(i: number): string[] {
  const company = i % 2 === 0;
  return [
    `K${String(i).padStart(5, '0')}`,
    company ? `Müller & Söhne ${i} GmbH` : '',
    company ? '' : 'Jürgen',
    company ? '' : `Weiß ${i}`,
    `Hauptstraße ${i}`,
    String(10000 + (i % 89999)).padStart(5, '0'),
    i % 3 === 0 ? 'Köln' : 'München',
    `kunde${i}@beispiel.de`,
    IBANS[i % IBANS.length] ?? '',
  ];
}

export type FixtureEncoding = 'UTF-8' | 'UTF-8-BOM' | 'Windows-1252' | 'ISO-8859-1';

export function csvBytes(header: readonly string[], rows: readonly (readonly string[])[], separator: CsvSeparator, encoding: FixtureEncoding, eol = '\r\n'): Buffer {
  const quote = (c: string) => (c.includes(separator) || c.includes('"') || c.includes('\n') ? `"${c.replace(/"/g, '""')}"` : c);
  const text = [header, ...rows].map((r) => r.map(quote).join(separator)).join(eol) + eol;
  if (encoding === 'UTF-8') return Buffer.from(text, 'utf8');
  if (encoding === 'UTF-8-BOM') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  return iconv.encode(text, encoding === 'Windows-1252' ? 'win1252' : 'latin1');
}
