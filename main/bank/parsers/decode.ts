// Text decoding of bank files: BOM stripped, strict UTF-8 when the bytes are valid UTF-8,
// otherwise Windows-1252 through iconv-lite (TextDecoder('windows-1252') on this Node maps
// 0x80 to U+0080 instead of "€"). Size limits are checked before anything is decoded.
import iconv from 'iconv-lite';
import { AppError } from '../../../shared/errors';

/** Largest statement file accepted (a year of CAMT.053 of a busy account is a few MB). */
export const MAX_STATEMENT_BYTES = 20 * 1024 * 1024;

export function checkStatementSize(byteLength: number, limit = MAX_STATEMENT_BYTES): void {
  if (byteLength > limit) {
    const mb = (n: number) => (n / (1024 * 1024)).toLocaleString('de-DE', { maximumFractionDigits: 1 });
    throw new AppError(
      'VALIDATION',
      `Die Datei ist zu groß (${mb(byteLength)} MB). Kontoauszüge werden bis ${mb(limit)} MB eingelesen; bitte den Zeitraum beim Export aus dem Online-Banking verkleinern.`,
      { fields: { file: 'Datei zu groß' } },
    );
  }
  if (byteLength === 0) throw new AppError('VALIDATION', 'Die Datei ist leer.', { fields: { file: 'Datei ist leer' } });
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export interface DecodedText {
  readonly text: string;
  readonly encoding: 'UTF-8' | 'Windows-1252';
}

export function decodeStatementBytes(bytes: Uint8Array): DecodedText {
  let view = bytes;
  if (view.length >= 3 && view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf) view = view.subarray(3);
  try {
    return { text: utf8Strict.decode(view), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(view.buffer, view.byteOffset, view.byteLength), 'win1252'), encoding: 'Windows-1252' };
  }
}
