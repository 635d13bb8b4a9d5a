// Writing CSV and JSON (pure): `;`-separated, quoted where needed, CRLF rows, Windows-1252 or
// UTF-8 with BOM (so Excel shows umlauts), cells a spreadsheet would run as a formula
// neutralised (OWASP CSV injection), and the error report of an import.
import iconv from 'iconv-lite';
import type { ExportCsvEncoding, FieldMessage } from '../../shared/api/transfer';
import { messagesText } from './rules-rows';

/** Plain numbers such as -12,50 stay numbers; anything else starting like a formula does not. */
const PLAIN_NUMBER = /^-?\d+([.,]\d+)?$/;

/**
 * OWASP: a cell beginning with = + - @ tab or CR is prefixed with an apostrophe so that Excel
 * and LibreOffice show it as text instead of evaluating it. A plain negative number (-12,50)
 * is left alone: it cannot run anything and the bookkeeper needs it as a number.
 */
export function neutralizeCell(value: string): string {
  if (!FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

/**
 * A formula start, also behind apostrophes: a real value "'=x" is written as "''=x", so that the
 * import (which removes exactly one apostrophe before such a start) gives "'=x" back.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Quotes a cell when it holds the separator, a quote or a line break. */
export function quoteCell(value: string, separator = ';'): string {
  if (value.includes(separator) || value.includes('"') || value.includes('\n') || value.includes('\r')) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

export type CsvCell = string | number | boolean | null | undefined;

export function cellText(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'ja' : 'nein';
  return String(value);
}

/** The CSV text (CRLF line ends, header first), every cell neutralised and quoted as needed. */
export function writeCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>, separator = ';'): string {
  const line = (cells: readonly CsvCell[]) => cells.map((c) => quoteCell(neutralizeCell(cellText(c)), separator)).join(separator);
  const out: string[] = [line(header)];
  for (const row of rows) out.push(line(row));
  return `${out.join('\r\n')}\r\n`;
}

/**
 * Text → bytes for Excel. Windows-1252 cannot hold every character: those become "?" —
 * the caller picks UTF-8 with BOM when names in other scripts matter.
 */
export function encodeCsv(text: string, encoding: ExportCsvEncoding): Buffer {
  if (encoding === 'UTF-8-BOM') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  return iconv.encode(text, 'win1252');
}

/** Characters of the text that Windows-1252 cannot hold (they would become "?"), in order of appearance. */
export function charactersOutsideWindows1252(text: string): string[] {
  const found = new Set<string>();
  for (const ch of text) {
    if (ch === '?') continue;
    if (iconv.decode(iconv.encode(ch, 'win1252'), 'win1252') !== ch) found.add(ch);
    if (found.size >= 10) break;
  }
  return [...found];
}

/** Pretty JSON of one dataset: `{ "dataset": …, "rows": [...] }`. */
export function writeJson(dataset: string, rows: readonly Readonly<Record<string, unknown>>[], meta: Readonly<Record<string, unknown>> = {}): string {
  return `${JSON.stringify({ dataset, ...meta, rows }, null, 2)}\n`;
}

export interface ReportRow {
  readonly line: number;
  readonly cells: readonly string[];
  readonly messages: readonly FieldMessage[];
}

/**
 * The error report: the file's own header with "Zeile" in front and "Fehler" at the end, one
 * row per invalid input row. Fixed rows can be pasted back and imported again.
 */
export function writeErrorReport(header: readonly string[], rows: readonly ReportRow[], separator = ';'): string {
  return writeCsv(
    ['Zeile', ...header, 'Fehler'],
    rows.map((r) => [String(r.line), ...header.map((_, i) => r.cells[i] ?? ''), messagesText(r.messages)]),
    separator,
  );
}
