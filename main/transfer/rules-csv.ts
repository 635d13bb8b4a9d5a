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

/** Where each record starts (line numbers, 1-based): empty lines and quoted line breaks do not start one. */
export function recordStartLines(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let inQuotes = false;
  let atRecordStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (atRecordStart && ch !== 10 && ch !== 13) starts.push(line);
    atRecordStart = false;
    if (ch === 34) inQuotes = !inQuotes;
    else if (ch === 10 || ch === 13) {
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      line++;
      if (!inQuotes) atRecordStart = true;
    }
  }
  return starts;
}

/** The csv-parse options every reader uses (sync in tests, streamed in the service). */
export function csvParseOptions(separator: CsvSeparator) {
  return { delimiter: separator, relax_column_count: true, skip_empty_lines: true, bom: true } as const;
}

/** csv-parse's error → a German message that names the row. */
export function csvError(error: unknown, text: string): AppError {
  const e = error as CsvParseError;
  const line = e.lines ?? '?';
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
    const opened = openQuoteLine(text) ?? line;
    return new AppError('VALIDATION', `Ein Anführungszeichen wird nicht geschlossen (ab Zeile ${opened}). Bitte das Feld prüfen, das mit " beginnt.`, {
      fields: { file: `Anführungszeichen nicht geschlossen (Zeile ${opened})` },
    });
  }
  if (e.code === 'CSV_INVALID_CLOSING_QUOTE' || e.code === 'INVALID_OPENING_QUOTE' || e.code === 'CSV_INVALID_OPENING_QUOTE') {
    return new AppError('VALIDATION', `Zeile ${line}: ein Anführungszeichen steht an einer Stelle, an der es nicht stehen darf. Anführungszeichen in Feldern bitte verdoppeln ("").`, {
      fields: { file: `Fehlerhafte Anführungszeichen (Zeile ${line})` },
    });
  }
  return new AppError('VALIDATION', `Die CSV-Datei kann nicht gelesen werden (Zeile ${line}): ${e.message}`, { fields: { file: 'Nicht lesbar' } });
}

/** Checks before parsing: not empty, one kind of line ending. */
export function checkCsvText(text: string): void {
  if (text.trim() === '') throw new AppError('VALIDATION', 'Die Datei ist leer.', { fields: { file: 'Die Datei ist leer.' } });
  checkLineEndings(text);
}

/** Header and data rows from the parsed records; header-only files and one-column headers are refused. */
export function finishParse(text: string, records: readonly string[][], separator: CsvSeparator): ParsedCsv {
  const [head, ...data] = records;
  if (!head) throw new AppError('VALIDATION', 'Die Datei ist leer.', { fields: { file: 'Die Datei ist leer.' } });
  const header = head.map((h) => h.trim());
  if (header.length < 2) {
    throw new AppError(
      'VALIDATION',
      `In der Kopfzeile wurde nur eine Spalte gefunden. Ist das Trennzeichen richtig (${SEPARATOR_LABELS[separator]})?`,
      { fields: { separator: 'Nur eine Spalte' } },
    );
  }
  const starts = recordStartLines(text);
  const aligned = starts.length === records.length;
  const rows: string[][] = [];
  const lineNumbers: number[] = [];
  data.forEach((r, i) => {
    if (!r.some((c) => c.trim() !== '')) return;
    rows.push(r);
    lineNumbers.push(aligned ? (starts[i + 1] ?? i + 2) : i + 2);
  });
  if (rows.length === 0) {
    throw new AppError('VALIDATION', 'Die Datei enthält nur die Kopfzeile und keine Datenzeilen.', { fields: { file: 'Keine Datenzeilen' } });
  }
  return { header, rows, lineNumbers };
}

/** Parses the decoded text; empty files, header-only files and broken quoting are refused in German. */
export function parseCsvText(text: string, separator: CsvSeparator): ParsedCsv {
  checkCsvText(text);
  let records: string[][];
  try {
    records = parse(text, csvParseOptions(separator)) as string[][];
  } catch (error) {
    throw csvError(error, text);
  }
  return finishParse(text, records, separator);
}
