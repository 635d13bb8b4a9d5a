// Entry point: bytes in, one normalized ParsedFile out (or a German refusal).
import { AppError } from '../../../shared/errors';
import { looksLikeCamt, parseCamt } from './camt';
import { refuseAmountsBeyondCents } from './cent-precision';
import { parseBankCsv, type GenericCsvMapping } from './csv';
import { checkStatementSize, decodeStatementBytes, MAX_STATEMENT_BYTES } from './decode';
import type { ParsedFile } from './model';
import { looksLikeMt940, parseMt940 } from './mt940';

export type { ParsedFile, ParsedStatement, ParsedTransaction, StatementFormat } from './model';
export { allTransactions } from './model';
export type { GenericCsvMapping } from './csv';

export interface ParseOptions {
  readonly fileName?: string;
  readonly mapping?: GenericCsvMapping;
  readonly maxBytes?: number;
}

export function parseStatementFile(bytes: Uint8Array, options: ParseOptions = {}): ParsedFile & { encoding: string } {
  checkStatementSize(bytes.byteLength, options.maxBytes ?? MAX_STATEMENT_BYTES);
  const { text, encoding } = decodeStatementBytes(bytes);
  const name = (options.fileName ?? '').toLowerCase();
  const trimmed = text.trimStart();
  let parsed: ParsedFile;
  if (options.mapping) parsed = parseBankCsv(text, { mapping: options.mapping });
  // XML always goes through the camt reader, so DOCTYPE/entity and broken XML get their own message.
  else if (trimmed.startsWith('<') || /\.xml$/.test(name) || looksLikeCamt(text)) parsed = parseCamt(text);
  else if (looksLikeMt940(text) || /\.(sta|mt940|mta|940)$/.test(name)) parsed = parseMt940(text);
  else if (/\.(csv|txt)$/.test(name) || text.includes(';') || text.includes(',')) parsed = parseBankCsv(text);
  else throw new AppError('VALIDATION', 'Das Dateiformat wurde nicht erkannt (erwartet: CAMT-XML, MT940 oder CSV).', { fields: { file: 'Format unbekannt' } });
  refuseAmountsBeyondCents(parsed);
  return { ...parsed, encoding };
}
