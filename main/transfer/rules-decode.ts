// Text decoding of import files (pure): size checked before anything is decoded, binary files
// refused, BOM stripped, strict UTF-8 when the bytes are valid UTF-8, otherwise Windows-1252
// through iconv-lite. TextDecoder('windows-1252') is not used: on Node 20 it maps 0x80 to
// U+0080 instead of "€".
import iconv from 'iconv-lite';
import { AppError } from '../../shared/errors';
import type { ImportEncoding } from '../../shared/api/transfer';

/** Largest import file accepted (100 000 customers with notes are about 25 MB). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Most data rows accepted in one import. */
export const MAX_IMPORT_ROWS = 200_000;

const mb = (n: number) => (n / (1024 * 1024)).toLocaleString('de-DE', { maximumFractionDigits: 1 });

/** Refuses an empty or too large file from its size alone (before reading or decoding it). */
export function checkImportSize(byteLength: number, limit = MAX_IMPORT_BYTES): void {
  if (byteLength === 0) throw new AppError('VALIDATION', 'Die Datei ist leer.', { fields: { file: 'Die Datei ist leer.' } });
  if (byteLength > limit) {
    throw new AppError(
      'VALIDATION',
      `Die Datei ist zu groß (${mb(byteLength)} MB). Importiert werden Dateien bis ${mb(limit)} MB; bitte die Datei aufteilen.`,
      { fields: { file: 'Datei zu groß' } },
    );
  }
}

/**
 * Counts line breaks on the raw bytes (cheap, before parsing): more than the row limit is
 * refused. Line breaks inside quoted cells count too, so the check errs on the safe side only
 * for files that are close to the limit anyway.
 */
export function checkImportRowCount(bytes: Uint8Array, limit = MAX_IMPORT_ROWS): void {
  let lines = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) lines++;
  if (lines > limit + 1) {
    throw new AppError(
      'VALIDATION',
      `Die Datei hat ${lines.toLocaleString('de-DE')} Zeilen. Importiert werden höchstens ${limit.toLocaleString('de-DE')} Zeilen auf einmal; bitte die Datei aufteilen.`,
      { fields: { file: 'Zu viele Zeilen' } },
    );
  }
}

const hasUtf8Bom = (b: Uint8Array) => b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
const hasUtf16LeBom = (b: Uint8Array) => b.length >= 2 && b[0] === 0xff && b[1] === 0xfe;

/** A file with NUL bytes (outside UTF-16) or many control characters is not a CSV text. */
export function looksBinary(bytes: Uint8Array): boolean {
  if (hasUtf16LeBom(bytes)) return false;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return n > 0 && control / n > 0.05;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The encoding the bytes most likely use. */
export function detectEncoding(bytes: Uint8Array): ImportEncoding {
  if (hasUtf16LeBom(bytes)) return 'UTF-16LE';
  if (hasUtf8Bom(bytes)) return 'UTF-8';
  return isValidUtf8(bytes) ? 'UTF-8' : 'Windows-1252';
}

const ICONV_NAMES: Readonly<Record<ImportEncoding, string>> = {
  'UTF-8': 'utf8',
  'Windows-1252': 'win1252',
  'ISO-8859-1': 'latin1',
  'UTF-16LE': 'utf16le',
};

export interface DecodedText {
  readonly text: string;
  readonly encoding: ImportEncoding;
  readonly detected: ImportEncoding;
  readonly bom: boolean;
}

/**
 * Decodes the bytes with the chosen encoding, or the detected one. A chosen UTF-8 on bytes
 * that are not valid UTF-8 is refused (it would silently turn umlauts into "�").
 */
export function decodeImportBytes(bytes: Uint8Array, chosen?: ImportEncoding | null): DecodedText {
  if (bytes.length === 0) throw new AppError('VALIDATION', 'Die Datei ist leer.', { fields: { file: 'Die Datei ist leer.' } });
  if (looksBinary(bytes)) {
    throw new AppError('VALIDATION', 'Die Datei ist keine Textdatei (CSV). Bitte in Excel „Speichern unter → CSV (Trennzeichen-getrennt)“ wählen.', {
      fields: { file: 'Keine CSV-Datei' },
    });
  }
  const detected = detectEncoding(bytes);
  const encoding = chosen ?? detected;
  let view = bytes;
  let bom = false;
  if (encoding === 'UTF-8' && hasUtf8Bom(view)) {
    view = view.subarray(3);
    bom = true;
  } else if (encoding === 'UTF-16LE' && hasUtf16LeBom(view)) {
    view = view.subarray(2);
    bom = true;
  }
  if (encoding === 'UTF-8') {
    try {
      return { text: utf8Strict.decode(view), encoding, detected, bom };
    } catch {
      throw new AppError('VALIDATION', 'Die Datei ist nicht UTF-8-kodiert. Bitte die Kodierung Windows-1252 wählen.', {
        fields: { encoding: 'Nicht UTF-8' },
      });
    }
  }
  const text = iconv.decode(Buffer.from(view.buffer, view.byteOffset, view.byteLength), ICONV_NAMES[encoding]);
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding, detected, bom };
}
