// CSV reading (pure): separator detection, line-ending check, csv-parse with German errors.
import { parse } from 'csv-parse/sync';
import { AppError } from '../../shared/errors';
import type { CsvSeparator } from '../../shared/api/transfer';

export const SEPARATORS: readonly CsvSeparator[] = [';', ',', '\t'];
export const SEPARATOR_LABELS: Readonly<Record<CsvSeparator, string>> = { ';': 'Semikolon', ',': 'Komma', '\t': 'Tabulator' };

/** The first logical line (a quoted line break does not end it). */
function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < text.length && lines.length < count; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      lines.push(text.slice(start, i));
      if (ch === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  if (lines.length < count && start < text.length) lines.push(text.slice(start));
  return lines.filter((l) => l.trim() !== '');
}

function countOutsideQuotes(line: string, sep: string): number {
  let n = 0;
  let inQuotes = false;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === sep) n++;
  }
  return n;
}

/**
 * The separator that splits the header and the next lines into the same, largest number of
 * columns; ties go to `;` (the German Excel default), then `,`, then tab.
 */
export function detectSeparator(text: string): CsvSeparator {
  const lines = firstLines(text, 20);
  let best: CsvSeparator = ';';
  let bestScore = -1;
  for (const sep of SEPARATORS) {
    const counts = lines.map((l) => countOutsideQuotes(l, sep));
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const consistent = counts.filter((c) => c === header).length;
    const score = consistent * 1000 + header;
    if (score > bestScore) {
      best = sep;
      bestScore = score;
    }
  }
  return best;
}

export type LineEnding = 'CRLF' | 'LF' | 'CR';

/**
 * Line endings outside quoted cells must be of one kind. A file mixing CRLF and LF was
 * usually glued together from two sources and its rows cannot be trusted to split right.
 * Line breaks inside quoted cells (Excel writes LF there) do not count.
 */
export function checkLineEndings(text: string): LineEnding | null {
  let first: LineEnding | null = null;
  let row = 1;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) inQuotes = !inQuotes;
    else if (!inQuotes && (ch === 10 || ch === 13)) {
      let kind: LineEnding;
      if (ch === 13 && text.charCodeAt(i + 1) === 10) {
        kind = 'CRLF';
        i++;
      } else kind = ch === 13 ? 'CR' : 'LF';
      if (first === null) first = kind;
      else if (kind !== first) {
        throw new AppError(
          'VALIDATION',
          `Die Datei hat gemischte Zeilenenden: Zeile ${row} endet mit ${kind}, die Zeilen davor mit ${first}. Bitte die Datei in einem Editor einheitlich speichern (z. B. „Windows (CRLF)“).`,
          { fields: { file: 'Gemischte Zeilenenden' } },
        );
      }
      row++;
    }
  }
  return first;
}

export interface ParsedCsv {
  readonly header: readonly string[];
  /** Data rows as read, without the header; empty lines are skipped. */
  readonly rows: readonly (readonly string[])[];
  /** The line number in the file of each data row (1-based, header = line 1). */
  readonly lineNumbers: readonly number[];
}

/** The line on which a quoted cell opens that is never closed (csv-parse only knows where the file ends). */
export function openQuoteLine(text: string): number | null {
  let line = 1;
  let inQuotes = false;
  let openedAt = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) {
      if (!inQuotes) openedAt = line;
      inQuotes = !inQuotes;
    } else if (ch === 10) line++;
  }
  return inQuotes ? openedAt : null;
}

interface CsvParseError extends Error {
  code?: string;
  lines?: number;
  record?: number;
}

/** Parses the decoded text; empty files, header-only files and broken quoting are refused in German. */
export function parseCsvText(text: string, separator: CsvSeparator): ParsedCsv {
  if (text.trim() === '') throw new AppError('VALIDATION', 'Die Datei ist leer.', { fields: { file: 'Die Datei ist leer.' } });
  checkLineEndings(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: separator,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as CsvParseError;
    const line = e.lines ?? '?';
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      const line = openQuoteLine(text) ?? e.lines ?? '?';
      throw new AppError('VALIDATION', `Ein Anführungszeichen wird nicht geschlossen (ab Zeile ${line}). Bitte das Feld prüfen, das mit " beginnt.`, {
        fields: { file: `Anführungszeichen nicht geschlossen (Zeile ${line})` },
      });
    }
    if (e.code === 'CSV_INVALID_CLOSING_QUOTE' || e.code === 'INVALID_OPENING_QUOTE' || e.code === 'CSV_INVALID_OPENING_QUOTE') {
      throw new AppError('VALIDATION', `Zeile ${line}: ein Anführungszeichen steht an einer Stelle, an der es nicht stehen darf. Anführungszeichen in Feldern bitte verdoppeln ("").`, {
        fields: { file: `Fehlerhafte Anführungszeichen (Zeile ${line})` },
      });
    }
    throw new AppError('VALIDATION', `Die CSV-Datei kann nicht gelesen werden (Zeile ${line}): ${e.message}`, { fields: { file: 'Nicht lesbar' } });
  }
  const [head, ...data] = records;
  if (!head) throw new AppError('VALIDATION', 'Die Datei ist leer.', { fields: { file: 'Die Datei ist leer.' } });
  const header = head.record.map((h) => h.trim());
  if (header.length < 2) {
    throw new AppError(
      'VALIDATION',
      `In der Kopfzeile wurde nur eine Spalte gefunden. Ist das Trennzeichen richtig (${SEPARATOR_LABELS[separator]})?`,
      { fields: { separator: 'Nur eine Spalte' } },
    );
  }
  const rows = data.filter((r) => r.record.some((c) => c.trim() !== ''));
  if (rows.length === 0) {
    throw new AppError('VALIDATION', 'Die Datei enthält nur die Kopfzeile und keine Datenzeilen.', { fields: { file: 'Keine Datenzeilen' } });
  }
  // info.lines is the line on which the record ends; the start line is one past the previous end.
  const lineNumbers: number[] = [];
  let previousEnd = head.info.lines;
  for (const r of data) {
    if (r.record.some((c) => c.trim() !== '')) lineNumbers.push(previousEnd + 1);
    previousEnd = r.info.lines;
  }
  return { header, rows: rows.map((r) => r.record), lineNumbers };
}
