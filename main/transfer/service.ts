// Import (CSV wizard) service: files are uploaded once and kept in memory under an id, the
// preview and the import parse them with the user's encoding, separator and mapping. Customer
// rows are validated with the customers area's own schema; all valid rows are written in one
// transaction (strict mode: none if any row is bad), in chunks that yield to the event loop
// and report progress, so 100 000 rows do not block other calls and can be cancelled.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CustomerFields, CustomerInput } from '../../shared/api/customers';
import type { JobProgress } from '../../shared/api/events';
import {
  IMPORT_FIELDS,
  type AnalyzeResult,
  type ColumnMapping,
  type CsvSeparator,
  type FieldMessage,
  type ImportEncoding,
  type ImportProfileDto,
  type ImportResult,
  type ImportTargetKey,
  type ImportTotals,
  type PreviewResult,
  type PreviewRow,
  type RowStatus,
} from '../../shared/api/transfer';
import { AppError, notFound } from '../../shared/errors';
import { diffRecords } from '../company/audit';
import { nextNumber } from '../company/number-ranges';
import type { CompanyDb } from '../db/company-db';
import { debitorAllocator, derivedColumns } from '../customers/rules';
import { debitorHolder, debitorTakenMessage, holderOfNumber, NO_FREE_DEBITOR, numberTakenMessage, updateCustomerIn } from '../customers/service';
import type { ArticleFields } from '../../shared/api/catalog';
import { articleFieldsOf, catalogLookup, writeArticle } from './articles';
import { advanceContractRange, contractFieldsOf, contractLookup, writeContract, type CheckedContract } from './contracts';
import { ImportProfileEntity } from './entities';
import { parse as parseCsvStream } from 'csv-parse';
import { checkCsvText, csvError, csvParseOptions, detectSeparator, finishParse, type ParsedCsv } from './rules-csv';
import { checkImportRowCount, checkImportSize, decodeImportBytes } from './rules-decode';
import { writeErrorReport } from './rules-export';
import { autoMap, cellsOf, resolveMapping } from './rules-mapping';
import { highestCounters } from './rules-numbers';
import { convertRow, fieldMessage, type CellValue } from './rules-rows';
import { buildArticle, buildContract, groupRows, validateCustomerRow, type RowOf } from './rules-targets';

export interface Actor {
  readonly actor: string;
  readonly at: string;
  /** The calendar day in Germany (number ranges, activity generation). */
  readonly today: string;
}

// ---------------------------------------------------------------- uploaded files

interface StoredFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Uploaded files of this process, newest last; a few are kept (the wizard needs one). */
const uploads = new Map<string, StoredFile>();
const MAX_UPLOADS = 4;

export function storeUpload(name: string, bytes: Uint8Array): string {
  const id = randomUUID();
  uploads.set(id, { name, bytes });
  while (uploads.size > MAX_UPLOADS) uploads.delete(uploads.keys().next().value as string);
  return id;
}

function upload(fileId: string): StoredFile {
  const file = uploads.get(fileId);
  if (!file) throw new AppError('NOT_FOUND', 'Die Datei ist nicht mehr geladen. Bitte die Datei erneut auswählen.', { fields: { file: 'Datei erneut auswählen' } });
  return file;
}

/** Size from the base64 length, checked before a single byte is decoded. */
export function bytesFromBase64(base64: string): Uint8Array {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  checkImportSize(Math.max(0, Math.floor((base64.length * 3) / 4) - padding));
  return Buffer.from(base64, 'base64');
}

/** Reports how far a long step is and lets other calls run in between (cancel, progress, lists). */
export type Tick = (phase: string, done: number, total: number) => Promise<void>;
const quietTick: Tick = () => yieldToEventLoop();

const PARSE_CHUNK_CHARS = 512 * 1024;

/** csv-parse fed in chunks, yielding between them, so a 100 000-row file does not block the process. */
async function parseChunked(text: string, separator: CsvSeparator, tick: Tick): Promise<ParsedCsv> {
  checkCsvText(text);
  const parser = parseCsvStream(csvParseOptions(separator));
  const records: string[][] = [];
  let failure: unknown = null;
  parser.on('readable', () => {
    let record: string[] | null;
    while ((record = parser.read() as string[] | null) !== null) records.push(record);
  });
  parser.on('error', (e) => (failure ??= e));
  const ended = new Promise<void>((resolve) => {
    parser.on('end', () => resolve());
    parser.on('error', () => resolve());
  });
  for (let at = 0; at < text.length && failure === null; at += PARSE_CHUNK_CHARS) {
    parser.write(text.slice(at, at + PARSE_CHUNK_CHARS));
    await tick('Datei lesen (Zeichen)', Math.min(at + PARSE_CHUNK_CHARS, text.length), text.length);
  }
  if (failure === null) parser.end();
  await ended;
  if (failure !== null) throw csvError(failure, text);
  return finishParse(text, records, separator);
}

async function readCsv(bytes: Uint8Array, encoding: ImportEncoding | null | undefined, separator: CsvSeparator | null | undefined, tick: Tick) {
  checkImportSize(bytes.length);
  checkImportRowCount(bytes);
  const decoded = decodeImportBytes(bytes, encoding);
  const detectedSeparator = detectSeparator(decoded.text);
  const sep = separator ?? detectedSeparator;
  return { decoded, detectedSeparator, separator: sep, parsed: await parseChunked(decoded.text, sep, tick) };
}

export async function analyzeUpload(
  name: string,
  bytes: Uint8Array,
  target: ImportTargetKey,
  encoding?: ImportEncoding | null,
  separator?: CsvSeparator | null,
): Promise<AnalyzeResult> {
  const read = await readCsv(bytes, encoding, separator, quietTick);
  const fileId = storeUpload(name, bytes);
  return {
    fileId,
    fileName: name,
    byteLength: bytes.length,
    detectedEncoding: read.decoded.detected,
    encoding: read.decoded.encoding,
    detectedSeparator: read.detectedSeparator,
    separator: read.separator,
    header: read.parsed.header,
    rowCount: read.parsed.rows.length,
    mapping: autoMap(read.parsed.header, IMPORT_FIELDS[target]),
    sample: read.parsed.rows.slice(0, 5),
  };
}

// ---------------------------------------------------------------- evaluation

export interface ImportOptions {
  readonly fileId: string;
  readonly target: ImportTargetKey;
  readonly encoding: ImportEncoding;
  readonly separator: CsvSeparator;
  readonly mapping: ColumnMapping;
  readonly updateExisting: boolean;
}

interface EvaluatedRow {
  readonly line: number;
  readonly cells: readonly string[];
  readonly raw: Readonly<Record<string, string>>;
  status: RowStatus;
  readonly messages: FieldMessage[];
  fields?: CustomerFields;
  /** Articles: the catalog fields, on the first row of the article's rows. */
  article?: ArticleFields;
  /** Contracts: the checked contract with its items, on the first row of its rows. */
  contract?: CheckedContract;
  existingId?: number;
}

interface Evaluation {
  readonly parsed: ParsedCsv;
  readonly rows: EvaluatedRow[];
  readonly totals: ImportTotals;
  /**
   * Customers: every number the file names, on valid and invalid rows alike. A number drawn for a
   * row without one avoids them, so a named row keeps its number (also when re-imported from the error report).
   */
  readonly namedNumbers: ReadonlySet<string>;
  /** Customers: every debitor account the file names; a derived account avoids them the same way. */
  readonly namedDebitors: ReadonlySet<string>;
}

interface ExistingCustomer {
  readonly id: number;
  readonly input: CustomerInput;
}

interface CustomerSql {
  id: number;
  number: string;
  kind: 'COMPANY' | 'PERSON';
  company_name: string | null;
  first_name: string | null;
  last_name: string | null;
  street: string | null;
  zip: string | null;
  city: string | null;
  country: string;
  email: string | null;
  phone: string | null;
  vat_id: string | null;
  language: 'de' | 'en';
  payment_method: CustomerInput['paymentMethod'];
  payment_terms_days: number;
  iban: string | null;
  bic: string | null;
  notes: string | null;
  debitor_account: string;
  collective_invoicing: number;
}

function customerInputOf(r: CustomerSql): CustomerInput {
  return {
    number: r.number, kind: r.kind, companyName: r.company_name, firstName: r.first_name, lastName: r.last_name,
    street: r.street, zip: r.zip, city: r.city, country: r.country, email: r.email, phone: r.phone, vatId: r.vat_id,
    language: r.language, paymentMethod: r.payment_method, paymentTermsDays: r.payment_terms_days, iban: r.iban, bic: r.bic,
    notes: r.notes, debitorAccount: r.debitor_account, collectiveInvoicing: r.collective_invoicing === 1,
  };
}

/** Existing customers by number (only the numbers the file names). */
function existingCustomers(db: CompanyDb, numbers: readonly string[]): Map<string, ExistingCustomer> {
  const result = new Map<string, ExistingCustomer>();
  for (let i = 0; i < numbers.length; i += 500) {
    const chunk = numbers.slice(i, i + 500);
    const rows = db.raw.prepare(`SELECT * FROM customer WHERE number IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as CustomerSql[];
    for (const r of rows) result.set(r.number, { id: r.id, input: customerInputOf(r) });
  }
  return result;
}

function tableExists(db: CompanyDb, table: string): boolean {
  return db.raw.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
}

function totalsOf(rows: readonly EvaluatedRow[]): ImportTotals {
  const t = { rows: rows.length, new: 0, update: 0, skip: 0, invalid: 0 };
  for (const r of rows) t[r.status]++;
  return t;
}

const EVALUATE_CHUNK = 1_000;

async function evaluate(db: CompanyDb, o: ImportOptions, tick: Tick = quietTick): Promise<Evaluation> {
  const file = upload(o.fileId);
  const { parsed } = await readCsv(file.bytes, o.encoding, o.separator, tick);
  const grouped = o.target !== 'customers';
  // Grouped targets: later rows of one number may leave the head fields empty (checked on the first row).
  const fields = grouped
    ? IMPORT_FIELDS[o.target].map((f) => (f.part === 'head' && f.key !== 'number' ? { ...f, required: false } : f))
    : IMPORT_FIELDS[o.target];
  const { columns, missing } = resolveMapping(parsed.header, o.mapping);
  if (missing.length > 0) {
    throw new AppError('VALIDATION', `Zugeordnete Spalten fehlen in der Datei: ${missing.join(', ')}. Bitte die Zuordnung prüfen.`, { fields: { mapping: 'Spalten fehlen' } });
  }
  if (columns.size === 0) throw new AppError('VALIDATION', 'Keine Spalte ist zugeordnet.', { fields: { mapping: 'Keine Spalte zugeordnet' } });
  const headerWidth = parsed.header.length;
  const rows: (EvaluatedRow & { values: Record<string, CellValue> })[] = [];
  for (let i = 0; i < parsed.rows.length; i++) {
    const cells = parsed.rows[i] ?? [];
    const raw = cellsOf(cells, columns);
    const converted = convertRow(fields, raw);
    const messages = converted.messages;
    if (cells.length !== headerWidth) {
      messages.unshift(fieldMessage({ key: 'row', label: 'Zeile' }, `Zeile hat ${cells.length} Spalten, die Kopfzeile ${headerWidth}`));
    }
    rows.push({ line: parsed.lineNumbers[i] ?? i + 2, cells, raw, status: 'new', messages, values: converted.values });
    if ((i + 1) % EVALUATE_CHUNK === 0) await tick('Spalten umwandeln', i + 1, parsed.rows.length);
  }
  let named: Pick<Evaluation, 'namedNumbers' | 'namedDebitors'> = { namedNumbers: new Set(), namedDebitors: new Set() };
  if (o.target === 'customers') named = await evaluateCustomers(db, rows, o.updateExisting, tick);
  else evaluateGrouped(db, o.target, rows as (EvaluatedRow & { values: Record<string, CellValue> })[], o.updateExisting);
  for (const r of rows) if (r.messages.length > 0) r.status = 'invalid';
  return { parsed, rows, totals: totalsOf(rows), ...named };
}

const namedIn = (rows: readonly { values: Record<string, CellValue> }[], key: string) =>
  new Set(rows.map((r) => r.values[key]).filter((n): n is string => typeof n === 'string'));

/** Checks the customer rows and returns the customer numbers and debitor accounts the file names. */
async function evaluateCustomers(
  db: CompanyDb,
  rows: (EvaluatedRow & { values: Record<string, CellValue> })[],
  updateExisting: boolean,
  tick: Tick,
): Promise<Pick<Evaluation, 'namedNumbers' | 'namedDebitors'>> {
  const named = namedIn(rows, 'number');
  const existing = existingCustomers(db, [...named]);
  const firstLine = new Map<string, number>();
  const firstDebitorLine = new Map<string, number>();
  let done = 0;
  for (const row of rows) {
    if (++done % EVALUATE_CHUNK === 0) await tick('Prüfen', done, rows.length);
    const number = typeof row.values.number === 'string' ? row.values.number : null;
    if (number !== null) {
      const earlier = firstLine.get(number);
      if (earlier !== undefined) row.messages.push(fieldMessage({ key: 'number', label: 'Kundennummer' }, `Kundennummer ${number} steht schon in Zeile ${earlier}`));
      else firstLine.set(number, row.line);
    }
    const match = number === null ? undefined : existing.get(number);
    if (match && !updateExisting) {
      row.status = 'skip';
      continue;
    }
    const result = validateCustomerRow(row.values, match?.input ?? null);
    if (!result.ok) {
      row.messages.push(...result.messages);
      continue;
    }
    // A renamed customer's account keeps its old number (a customer created meanwhile is caught when writing).
    const holder = number !== null && !match ? holderOfNumber(db.raw, number) : undefined;
    if (number !== null && holder && holder.number !== number) {
      row.messages.push(fieldMessage({ key: 'number', label: 'Kundennummer' }, numberTakenMessage(number, holder)));
    }
    const debitor = result.fields.debitorAccount;
    if (debitor !== null && debitor !== match?.input.debitorAccount) {
      const other = debitorHolder(db.raw, debitor, match?.id);
      const earlier = firstDebitorLine.get(debitor);
      if (other !== undefined) row.messages.push(fieldMessage({ key: 'debitorAccount', label: 'Debitorenkonto' }, debitorTakenMessage(debitor, other)));
      else if (earlier !== undefined) row.messages.push(fieldMessage({ key: 'debitorAccount', label: 'Debitorenkonto' }, `Debitorenkonto ${debitor} steht schon in Zeile ${earlier}`));
      else firstDebitorLine.set(debitor, row.line);
    }
    if (row.messages.length === 0) {
      row.fields = result.fields;
      if (match) {
        row.status = 'update';
        row.existingId = match.id;
      }
    }
  }
  return { namedNumbers: named, namedDebitors: namedIn(rows, 'debitorAccount') };
}

/**
 * Articles and contracts: rows with one number form one record. Articles are checked against
 * the catalog (product groups, projects, its rules); contracts are validated but not written yet.
 */
function evaluateGrouped(db: CompanyDb, target: 'articles' | 'contracts', rows: (EvaluatedRow & { values: Record<string, CellValue> })[], updateExisting: boolean): void {
  const groups = groupRows(rows as RowOf<Record<string, CellValue>>[], 'number') as unknown as { key: string; rows: (EvaluatedRow & { values: Record<string, CellValue> })[] }[];
  const table = target === 'articles' ? 'article' : 'contract';
  const lookup = target === 'articles' ? catalogLookup(db) : null;
  const contracts = target === 'contracts' ? contractLookup(db) : null;
  if (target === 'articles' && !lookup) throw new AppError('VALIDATION', 'Der Artikelkatalog ist in dieser Firmendatei nicht eingerichtet.');
  if (target === 'contracts' && !contracts) throw new AppError('VALIDATION', 'Verträge sind in dieser Firmendatei nicht eingerichtet.');
  const known = new Set<string>();
  if (tableExists(db, table)) {
    for (const r of db.raw.prepare(`SELECT number FROM ${table}`).all() as { number: string }[]) known.add(r.number);
  }
  const requiredHead = IMPORT_FIELDS[target].filter((f) => f.part === 'head' && f.required && f.key !== 'number');
  for (const group of groups) {
    const head = group.rows[0];
    if (head) {
      for (const f of requiredHead) {
        const v = head.values[f.key];
        if (v === undefined || v === null) head.messages.push(fieldMessage(f, `${f.label} ist ein Pflichtfeld`));
      }
    }
    const built = target === 'articles' ? buildArticle(group) : buildContract(group);
    const first = group.rows[0];
    if (!first) continue;
    const exists = known.has(group.key);
    if (built && contracts && 'customerNumber' in built && !exists) {
      const byLine = new Map(group.rows.map((r) => [r.line, r.messages]));
      const checked = contractFieldsOf(built, contracts, first.messages, (line) => byLine.get(line) ?? first.messages);
      if (checked) first.contract = checked;
    }
    if (built && lookup && 'prices' in built && (!exists || updateExisting)) {
      const checked = articleFieldsOf(built, lookup);
      if (!checked.ok) first.messages.push(...checked.messages);
      else {
        first.article = checked.fields;
        const existingId = lookup.articles.get(group.key);
        if (existingId !== undefined) first.existingId = existingId;
      }
    }
    // Existing contracts are never overwritten by an import (billed periods are protected on their screen).
    for (const row of group.rows) row.status = exists ? (updateExisting && target === 'articles' ? 'update' : 'skip') : 'new';
    if (group.rows.some((r) => r.messages.length > 0)) {
      for (const row of group.rows) {
        if (row.messages.length === 0) row.messages.push(fieldMessage({ key: 'row', label: 'Zeile' }, 'Eine andere Zeile mit derselben Nummer ist fehlerhaft'));
      }
    }
  }
}

function previewRowOf(r: EvaluatedRow): PreviewRow {
  return { line: r.line, status: r.status, values: r.raw, messages: r.messages };
}

export async function previewImport(
  db: CompanyDb,
  o: ImportOptions & { readonly jobId?: string | undefined },
  limit = 100,
  progress: (p: JobProgress) => void = () => undefined,
): Promise<PreviewResult> {
  const jobId = o.jobId;
  const tick: Tick = jobId
    ? async (phase, done, total) => {
        progress({ jobId, kind: 'transfer.import', phase, current: done, total, state: 'running' });
        await yieldToEventLoop();
      }
    : quietTick;
  const e = await evaluate(db, o, tick);
  if (jobId) progress({ jobId, kind: 'transfer.import', phase: 'Vorschau', current: e.totals.rows, total: e.totals.rows, state: 'done' });
  return { rows: e.rows.slice(0, limit).map(previewRowOf), totals: e.totals };
}

function errorReportOf(fileName: string, e: Evaluation, separator: CsvSeparator): ImportResult['errorReport'] {
  const bad = e.rows.filter((r) => r.status === 'invalid');
  if (bad.length === 0) return null;
  const text = writeErrorReport(e.parsed.header, bad, separator);
  const base = fileName.replace(/\.[^.]*$/, '');
  return { fileName: `${base}-fehler.csv`, base64: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]).toString('base64') };
}

// ---------------------------------------------------------------- running an import

class ImportCancelled extends Error {}

const running = new Map<string, { cancelled: boolean }>();

export function cancelImport(jobId: string): boolean {
  const job = running.get(jobId);
  if (!job) return false;
  job.cancelled = true;
  return true;
}

export const IMPORT_CHUNK = 2_000;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface ImportRun extends ImportOptions {
  readonly strict: boolean;
  readonly jobId?: string | undefined;
}

export async function runImport(db: CompanyDb, o: ImportRun, who: Actor, progress: (p: JobProgress) => void = () => undefined): Promise<ImportResult> {
  const jobId = o.jobId ?? randomUUID();
  const file = upload(o.fileId);
  const report = (phase: string, current: number, total: number, state: JobProgress['state'], message?: string) =>
    progress({ jobId, kind: 'transfer.import', phase, current, total, state, ...(message ? { message } : {}) });
  const job = { cancelled: false };
  running.set(jobId, job);
  let totals: ImportTotals = { rows: 0, new: 0, update: 0, skip: 0, invalid: 0 };
  let errorReport: ImportResult['errorReport'] = null;
  const result = (imported: number, created: number, updated: number, cancelled: boolean, strictRefused: boolean): ImportResult => ({
    totals, imported, created, updated, cancelled, strictRefused, errorReport,
  });
  let todoCount = 0;
  try {
    // Reading and checking run in chunks too: progress shows, and "Abbrechen" works from the start.
    const e = await evaluate(db, o, async (phase, done, total) => {
      report(phase, done, total, 'running');
      await yieldToEventLoop();
      if (job.cancelled) throw new ImportCancelled();
    });
    totals = e.totals;
    errorReport = errorReportOf(file.name, e, o.separator);
    if (o.strict && e.totals.invalid > 0) {
      report('Import', 0, 0, 'failed', `${e.totals.invalid} fehlerhafte Zeilen – im strengen Modus wurde nichts importiert`);
      return result(0, 0, 0, false, true);
    }
    const todo = e.rows.filter((r) => r.status === 'new' || r.status === 'update');
    todoCount = todo.length;
    const onProgress = (done: number) => report('Import', done, todo.length, 'running');
    const counts = await db.transaction((m) =>
      o.target === 'articles'
        ? writeArticles(m, todo, who, job, onProgress)
        : o.target === 'contracts'
          ? writeContracts(m, todo, who, job, onProgress)
          : writeCustomers(db, m, todo, e, who, job, onProgress),
    );
    report('Import', todo.length, todo.length, 'done', `${counts.created} neu, ${counts.updated} aktualisiert`);
    return result(counts.created + counts.updated, counts.created, counts.updated, false, false);
  } catch (error) {
    if (error instanceof ImportCancelled) {
      report('Import', 0, todoCount, 'cancelled', 'Abgebrochen – nichts wurde importiert');
      return result(0, 0, 0, true, false);
    }
    report('Import', 0, todoCount, 'failed', error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    running.delete(jobId);
  }
}

async function writeArticles(
  m: EntityManager,
  rows: readonly EvaluatedRow[],
  who: Actor,
  job: { cancelled: boolean },
  onProgress: (done: number) => void,
): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row?.article) {
      await writeArticle(m, row.article, row.existingId, who);
      if (row.existingId === undefined) created++;
      else updated++;
    }
    if ((i + 1) % 500 === 0) {
      onProgress(i + 1);
      await yieldToEventLoop();
      if (job.cancelled) throw new ImportCancelled();
    }
  }
  onProgress(rows.length);
  if (job.cancelled) throw new ImportCancelled();
  return { created, updated };
}

async function writeContracts(
  m: EntityManager,
  rows: readonly EvaluatedRow[],
  who: Actor,
  job: { cancelled: boolean },
  onProgress: (done: number) => void,
): Promise<{ created: number; updated: number }> {
  let created = 0;
  const numbers: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row?.contract) {
      await writeContract(m, row.contract, who);
      numbers.push(row.contract.number);
      created++;
    }
    if ((i + 1) % 200 === 0) {
      onProgress(i + 1);
      await yieldToEventLoop();
      if (job.cancelled) throw new ImportCancelled();
    }
  }
  onProgress(rows.length);
  if (job.cancelled) throw new ImportCancelled();
  await advanceContractRange(m, numbers);
  return { created, updated: 0 };
}

/** The audit view of a new customer, as the customers service writes it. */
function auditAfter(f: CustomerFields, number: string, debitorAccount: string): Record<string, unknown> {
  return { ...f, number, debitorAccount, active: true };
}

async function writeCustomers(
  db: CompanyDb,
  m: EntityManager,
  rows: readonly EvaluatedRow[],
  { namedNumbers, namedDebitors }: Pick<Evaluation, 'namedNumbers' | 'namedDebitors'>,
  who: Actor,
  job: { cancelled: boolean },
  onProgress: (done: number) => void,
): Promise<{ created: number; updated: number }> {
  const insertCustomer = db.raw.prepare(`INSERT INTO customer (number, kind, company_name, first_name, last_name, display_name, name_key, street,
    zip, city, city_key, country, email, phone, vat_id, language, payment_method, payment_terms_days, iban, bic, notes, debitor_account,
    collective_invoicing, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`);
  const insertAccount = db.raw.prepare(`INSERT INTO customer_account (customer_id, number, name, created_at) VALUES (?, ?, 'Kundenkonto', ?)`);
  const insertAudit = db.raw.prepare(`INSERT INTO audit_log (at, actor, entity, entity_id, action, changes_json) VALUES (?, ?, 'Kunde', ?, 'CREATE', ?)`);
  const takenInDatabase = (number: string) => holderOfNumber(db.raw, number) !== undefined;
  const nextDebitor = debitorAllocator((account) => namedDebitors.has(account) || debitorHolder(db.raw, account) !== undefined);
  let created = 0;
  let updated = 0;
  const today = who.today;
  const importedNumbers: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row?.fields) continue;
    const f = row.fields;
    if (row.status === 'update' && row.existingId !== undefined) {
      await updateCustomerIn(m, row.existingId, f, who);
      updated++;
    } else {
      let number = f.number;
      if (number === null) {
        do number = await nextNumber(m, 'CUSTOMER', today);
        while (takenInDatabase(number) || namedNumbers.has(number));
      } else {
        // The check ran before this transaction; someone may have created the number since.
        if (takenInDatabase(number)) throw numberTakenSinceCheck(row.line, number);
        importedNumbers.push(number);
      }
      const debitor = f.debitorAccount ?? nextDebitor(number);
      if (debitor === null) throw new AppError('VALIDATION', `Zeile ${row.line}: ${NO_FREE_DEBITOR}. Es wurde nichts importiert.`, { line: row.line });
      const d = derivedColumns(f);
      const info = insertCustomer.run(
        number, f.kind, f.companyName, f.firstName, f.lastName, d.displayName, d.nameKey, f.street, f.zip, f.city, d.cityKey, f.country, f.email,
        f.phone, f.vatId, f.language, f.paymentMethod, f.paymentTermsDays, f.iban, f.bic, f.notes, debitor, f.collectiveInvoicing ? 1 : 0, who.at, who.at,
      );
      insertAccount.run(info.lastInsertRowid, number, who.at);
      insertAudit.run(who.at, who.actor, number, JSON.stringify(diffRecords(null, auditAfter(f, number, debitor))));
      created++;
    }
    if ((i + 1) % IMPORT_CHUNK === 0) {
      onProgress(i + 1);
      await yieldToEventLoop();
      if (job.cancelled) throw new ImportCancelled();
    }
  }
  onProgress(rows.length);
  if (job.cancelled) throw new ImportCancelled();
  advanceCustomerRange(db, importedNumbers);
  return { created, updated };
}

function numberTakenSinceCheck(line: number, number: string): AppError {
  return new AppError('CONFLICT', `Zeile ${line}: Kundennummer ${number} wurde inzwischen vergeben. Es wurde nichts importiert; bitte die Vorschau neu laden.`, {
    fields: { number: `Kundennummer ${number} ist vergeben` },
    line,
  });
}

/** Moves the CUSTOMER counter past imported numbers that have the range's shape (K00042 → 42). */
function advanceCustomerRange(db: CompanyDb, numbers: readonly string[]): void {
  const range = db.raw.prepare(`SELECT format FROM number_range WHERE key = 'CUSTOMER'`).get() as { format: string } | undefined;
  if (!range || numbers.length === 0) return;
  const bump = db.raw.prepare(`INSERT INTO number_range_counter(range_key, period, last_value) VALUES ('CUSTOMER', ?, ?)
    ON CONFLICT(range_key, period) DO UPDATE SET last_value = max(last_value, excluded.last_value)`);
  for (const [period, counter] of highestCounters(range.format, numbers)) bump.run(period, counter);
}

// ---------------------------------------------------------------- mapping profiles

function profileDto(r: { id: number; target: string; name: string; mappingJson: string; encoding: string | null; separator: string | null; updatedAt: string }): ImportProfileDto {
  return {
    id: r.id,
    target: r.target as ImportTargetKey,
    name: r.name,
    mapping: JSON.parse(r.mappingJson) as ColumnMapping,
    encoding: r.encoding as ImportEncoding | null,
    separator: r.separator as CsvSeparator | null,
    updatedAt: r.updatedAt,
  };
}

export async function listProfiles(m: EntityManager, target: ImportTargetKey): Promise<ImportProfileDto[]> {
  const rows = await m.getRepository(ImportProfileEntity).find({ where: { target }, order: { name: 'ASC' } });
  return rows.map(profileDto);
}

/** Saves a named mapping; the same name for the same target overwrites it. */
export async function saveProfile(
  db: CompanyDb,
  input: { target: ImportTargetKey; name: string; mapping: ColumnMapping; encoding?: ImportEncoding | null | undefined; separator?: CsvSeparator | null | undefined },
  at: string,
): Promise<ImportProfileDto> {
  return db.transaction(async (m) => {
    const repo = m.getRepository(ImportProfileEntity);
    const existing = await repo.findOneBy({ target: input.target, name: input.name });
    const saved = await repo.save({
      ...(existing ?? { createdAt: at }),
      target: input.target,
      name: input.name,
      mappingJson: JSON.stringify(input.mapping),
      encoding: input.encoding ?? null,
      separator: input.separator ?? null,
      updatedAt: at,
    });
    return profileDto(saved);
  });
}

export async function deleteProfile(db: CompanyDb, id: number): Promise<void> {
  await db.transaction(async (m) => {
    const result = await m.getRepository(ImportProfileEntity).delete({ id });
    if (!result.affected) throw notFound(`Importprofil ${id}`);
  });
}
