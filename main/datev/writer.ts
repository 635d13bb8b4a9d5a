// EXTF writer (../shared/conformance/DATEV-EXTF.md §2–§5): header record, column headings,
// one line per booking with all columns, Windows-1252, CR LF. Batches are cut at fiscal-year
// boundaries and kept below 99 999 bookings. Pure: the creation instant is an argument.
import type { IsoDate } from '../../shared/dates';
import { formatDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { BUCHUNGSSTAPEL_COLUMNS, COL, DEB, DEBITOREN_COLUMNS, type ColumnDef } from './columns';
import {
  FIELD_SEPARATOR,
  type CharReplacement,
  Win1252Writer,
  belegfeld,
  formatBelegdatum,
  formatCents,
  formatDateLong,
  formatHeaderDate,
  formatTimestamp,
  limit,
  quoteText,
  rememberingLast,
  toWin1252,
} from './format';
import type { DatevBooking, DatevCustomer, DatevSettings, DatevWarning, LedgerItem } from './model';
import { AccountSums, batchPeriods, compactVatId, customerName, debitorFor, forEachBooking, sharedDebitorError, type AccountSum, type BatchPeriod, type Debitor } from './rules';

/** Keep a batch below 99 999 bookings. */
export const MAX_BOOKINGS_PER_BATCH = 99_998;

export const BUCHUNGSSTAPEL = { category: 21, name: 'Buchungsstapel', version: 13 } as const;
export const DEBITOREN = { category: 16, name: 'Debitoren/Kreditoren', version: 5 } as const;

export interface HeaderInput {
  readonly kind: typeof BUCHUNGSSTAPEL | typeof DEBITOREN;
  readonly settings: DatevSettings;
  /** ISO instant of the export (header field 6). */
  readonly createdAt: string;
  /** User who exports (header field 9, ≤ 25). */
  readonly exportedBy: string;
  readonly fiscalYearStart: IsoDate;
  /** Batch period (bookings only). */
  readonly period: { readonly from: IsoDate; readonly to: IsoDate } | null;
  /** Bezeichnung (≤ 30). */
  readonly label: string;
}

/** Header record with its 31 fields, already quoted where DATEV quotes (not yet encoded). */
export function headerFields(h: HeaderInput, report: (r: CharReplacement) => void): string[] {
  const s = h.settings;
  const bookings = h.kind.category === BUCHUNGSSTAPEL.category;
  const text = (v: string, max: number, where: string): string => quoteText(limit(toWin1252(v, where, report), max));
  return [
    quoteText('EXTF'), // 1 DATEV-Format-KZ (DTVF is reserved for DATEV's own programs)
    '700', // 2 Versionsnummer
    String(h.kind.category), // 3
    quoteText(h.kind.name), // 4
    String(h.kind.version), // 5
    formatTimestamp(h.createdAt), // 6 Erzeugt am
    '', // 7 Importiert
    quoteText('AW'), // 8 Herkunft
    text(h.exportedBy, 25, 'Exportiert von'), // 9
    quoteText(''), // 10 Importiert von
    String(s.consultantNumber), // 11
    String(s.clientNumber), // 12
    formatHeaderDate(h.fiscalYearStart), // 13 WJ-Beginn
    String(s.accountLength), // 14
    bookings && h.period ? formatHeaderDate(h.period.from) : '', // 15 Datum vom
    bookings && h.period ? formatHeaderDate(h.period.to) : '', // 16 Datum bis
    text(h.label, 30, 'Bezeichnung'), // 17
    text(s.initials, 2, 'Diktatkürzel'), // 18
    bookings ? '1' : '', // 19 Buchungstyp: Finanzbuchführung
    bookings ? '0' : '', // 20 Rechnungslegungszweck
    bookings ? (s.lockBookings ? '1' : '0') : '', // 21 Festschreibung, written explicitly
    quoteText(bookings ? s.currency : ''), // 22 WKZ
    '', // 23
    quoteText(''), // 24 Derivatskennzeichen
    '', // 25
    '', // 26
    quoteText(s.chart === 'SKR03' ? '03' : '04'), // 27 Sachkontenrahmen
    '', // 28 Branchenlösungs-ID
    '', // 29
    quoteText(''), // 30
    quoteText(''), // 31 Anwendungsinformation
  ];
}

function headingLine(columns: readonly ColumnDef[]): string {
  return columns.map((c) => c.name).join(FIELD_SEPARATOR);
}

/** The column heading line of the Buchungsstapel (format version 13), spelled as DATEV's sample. */
export const BUCHUNGSSTAPEL_HEADINGS = headingLine(BUCHUNGSSTAPEL_COLUMNS);
export const DEBITOREN_HEADINGS = headingLine(DEBITOREN_COLUMNS);

const BOOKING_EMPTY: readonly string[] = BUCHUNGSSTAPEL_COLUMNS.map((c): string => (c.kind === 'text' ? '""' : ''));
const LINE_END = BUCHUNGSSTAPEL_COLUMNS.length + 1;
// Dense (filled with null), so a lookup never falls into a sparse array's slow path.
const gapCache: (Uint8Array | null)[] = new Array<Uint8Array | null>((LINE_END + 1) * 256).fill(null);

/** Bytes between the value of column `prev` (0 = line start) and the value of column `next` (LINE_END = line end). */
function gap(prev: number, next: number): Uint8Array {
  const key = prev * 256 + next;
  let g = gapCache[key]!;
  if (g === null) {
    let text = prev === 0 ? '' : FIELD_SEPARATOR;
    for (let c = prev + 1; c < next; c++) text += BOOKING_EMPTY[c - 1] + FIELD_SEPARATOR;
    if (next === LINE_END) text = text.slice(0, -FIELD_SEPARATOR.length);
    g = Buffer.from(text, 'latin1');
    gapCache[key] = g;
  }
  return g;
}

// Column writers: each writes the empty columns since `prev`, then its value, and returns the
// column now reached (plain functions, no closures per line).
function put(out: Win1252Writer, prev: number, col: number, value: string): number {
  out.raw(gap(prev, col));
  out.plain(value);
  return col;
}

/** A value known to have a Windows-1252 byte for every character (GUID, Belegfeld 1, BU key). */
function putQuoted(out: Win1252Writer, prev: number, col: number, value: string): number {
  out.raw(gap(prev, col));
  out.quoted(value);
  return col;
}

/** A free text: made representable in Windows-1252 (replacements reported with the place), cut, quoted. */
function putText(out: Win1252Writer, prev: number, col: number, value: string, max: number, label: string, b: DatevBooking, report: (r: CharReplacement) => void): number {
  out.raw(gap(prev, col));
  // The usual text has a byte for every character and goes in at once; otherwise replace first.
  if (!out.quoted(limit(value, max))) out.quoted(limit(toWin1252(value, `${label} ${b.belegfeld1}`, report), max));
  return col;
}

// Leistungsdatum and Fälligkeit alternate on an invoice's line: each column remembers its own date.
const formatLeistungsdatum = rememberingLast(formatDateLong);
const formatFaelligkeit = rememberingLast(formatDateLong);

/**
 * Writes one Buchungsstapel record: all 125 columns, text columns quoted ("" when empty). The
 * filled columns go straight into the writer with precomputed runs of empty columns between
 * them (hot path of large exports: no array and no string per line).
 */
export function writeBookingRecord(out: Win1252Writer, b: DatevBooking, lockBookings: boolean, report: (r: CharReplacement) => void): void {
  let at = put(out, 0, COL.umsatz, formatCents(b.cents));
  at = put(out, at, COL.sollHaben, b.side === 'S' ? '"S"' : '"H"');
  at = putText(out, at, COL.wkz, b.currency, 3, 'WKZ', b, report);
  at = put(out, at, COL.konto, b.account);
  at = put(out, at, COL.gegenkonto, b.contraAccount);
  if (b.buKey !== '') at = putQuoted(out, at, COL.buSchluessel, limit(b.buKey.replace(/\D/g, ''), 4));
  at = put(out, at, COL.belegdatum, formatBelegdatum(b.date));
  // Belegfeld 1 holds only letters, digits and $ & % * + - / (see belegfeld()).
  if (b.belegfeld1 !== '') at = putQuoted(out, at, COL.belegfeld1, belegfeld(b.belegfeld1));
  at = putText(out, at, COL.buchungstext, b.text, 60, 'Buchungstext', b, report);
  for (let i = 0; i < b.beleginfo.length && i < 8; i++) {
    // Indexed, not destructured: array destructuring runs the iterator protocol per line.
    const info = b.beleginfo[i]!;
    at = putText(out, at, COL.beleginfoArt1 + 2 * i, info[0], 20, 'Beleginfo', b, report);
    at = putText(out, at, COL.beleginfoInhalt1 + 2 * i, info[1], 210, 'Beleginfo', b, report);
  }
  if (b.euVatId !== '') at = putText(out, at, COL.euUstId, b.euVatId, 15, 'USt-IdNr.', b, report);
  at = putQuoted(out, at, COL.buchungsGuid, limit(b.guid, 36));
  at = put(out, at, COL.festschreibung, lockBookings ? '1' : '0');
  if (b.serviceDate) at = put(out, at, COL.leistungsdatum, formatLeistungsdatum(b.serviceDate));
  if (b.dueDate) at = put(out, at, COL.faelligkeit, formatFaelligkeit(b.dueDate));
  out.raw(gap(at, LINE_END));
  out.endRecord();
}

export interface DatevFile {
  readonly fileName: string;
  readonly kind: 'BUCHUNGSSTAPEL' | 'DEBITOREN';
  readonly period: { readonly from: IsoDate; readonly to: IsoDate } | null;
  readonly bookingCount: number;
  /** Ledger entry ids whose bookings are in this file. */
  readonly entryIds: readonly number[];
  readonly bytes: Buffer;
}

/** The Buchungsstapel input besides the bookings. */
export interface BatchInput {
  readonly settings: DatevSettings;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly createdAt: string;
  readonly exportedBy: string;
  readonly sandbox: boolean;
  readonly maxPerBatch?: number;
  /** About how many bookings will come (sizes the first buffer; more or fewer is fine). */
  readonly expectedBookings?: number;
}

export interface WriteInput extends BatchInput {
  /** Bookings sorted by date (and entry id); every date must lie within from..to. */
  readonly bookings: readonly DatevBooking[];
}

export interface WriteResult {
  readonly files: DatevFile[];
  readonly warnings: DatevWarning[];
}

const compact = (d: IsoDate): string => d.replace(/-/g, '');

/** Batch label (≤ 30): "Abowerk 01.03.2026-31.03.2026", in a sandbox "SANDBOX 01.03.2026-31.03.2026". */
export function batchLabel(from: IsoDate, to: IsoDate, sandbox: boolean): string {
  return `${sandbox ? 'SANDBOX' : 'Abowerk'} ${formatDate(from)}-${formatDate(to)}`;
}

/** File name: EXTF_Buchungsstapel_20260301_20260331[_Teil2][_SANDBOX].csv (must start with EXTF_ and end in .csv). */
export function fileNameFor(kind: 'Buchungsstapel' | 'Debitoren', from: IsoDate, to: IsoDate, part: number | null, sandbox: boolean): string {
  return `EXTF_${kind}_${compact(from)}_${compact(to)}${part !== null ? `_Teil${part}` : ''}${sandbox ? '_SANDBOX' : ''}.csv`;
}

function collectReplacements(warnings: DatevWarning[]): (r: CharReplacement) => void {
  const seen = new Set<string>();
  return (r) => {
    const key = `${r.char}|${r.where}`;
    if (seen.has(key)) return;
    seen.add(key);
    warnings.push({
      code: 'CHARSET',
      message: `Zeichen „${r.char}“ (${r.codePoint}) gibt es in Windows-1252 nicht – ersetzt durch „${r.replacement}“ (${r.where})`,
    });
  };
}

/** One file being written: its bytes so far, how many bookings and which ledger entries. */
interface OpenBatch {
  readonly out: Win1252Writer;
  count: number;
  readonly entryIds: number[];
}

/**
 * Writes the Buchungsstapel booking by booking: one file per fiscal year touched, each cut
 * below the batch limit. Nothing is held per booking but its bytes, so an export of any size
 * needs no more memory than its files.
 */
export class BuchungsstapelWriter {
  readonly warnings: DatevWarning[] = [];
  private readonly report = collectReplacements(this.warnings);
  private readonly periods: readonly BatchPeriod[];
  private readonly batches: OpenBatch[][];
  private readonly max: number;
  private current = 0;
  private written = 0;
  /** The date of the booking before: consecutive bookings mostly share it, and its period. */
  private lastDate = '';

  constructor(private readonly input: BatchInput) {
    this.max = input.maxPerBatch ?? MAX_BOOKINGS_PER_BATCH;
    this.periods = batchPeriods(input.from, input.to, input.settings.fiscalYearStart);
    this.batches = this.periods.map(() => []);
  }

  /** The period of a date: bookings come in date order, so mostly the one of the booking before. */
  private periodOf(date: IsoDate): number {
    if (date === this.lastDate) return this.current;
    const { input, periods } = this;
    if (date < input.from || date > input.to) {
      throw new AppError('VALIDATION', `Buchung vom ${formatDate(date)} liegt außerhalb des Zeitraums ${formatDate(input.from)}–${formatDate(input.to)}`);
    }
    const p = periods[this.current]!;
    if (!(date >= p.from && date <= p.to)) this.current = periods.findIndex((q) => date >= q.from && date <= q.to);
    this.lastDate = date;
    return this.current;
  }

  private open(period: BatchPeriod, expected: number): OpenBatch {
    const { input } = this;
    const header = headerFields(
      {
        kind: BUCHUNGSSTAPEL,
        settings: input.settings,
        createdAt: input.createdAt,
        exportedBy: input.exportedBy,
        fiscalYearStart: period.fiscalYearStart,
        period,
        label: batchLabel(period.from, period.to, input.sandbox),
      },
      this.report,
    );
    const out = new Win1252Writer(4096 + expected * 460);
    out.plain(header.join(FIELD_SEPARATOR));
    out.endRecord();
    out.plain(BUCHUNGSSTAPEL_HEADINGS);
    out.endRecord();
    return { out, count: 0, entryIds: [] };
  }

  add(b: DatevBooking): void {
    const p = this.periodOf(b.date);
    const batches = this.batches[p]!;
    let batch = batches[batches.length - 1];
    if (batch === undefined || batch.count >= this.max) {
      batch = this.open(this.periods[p]!, Math.min(this.max, Math.max(1024, (this.input.expectedBookings ?? 0) - this.written)));
      batches.push(batch);
    }
    writeBookingRecord(batch.out, b, this.input.settings.lockBookings, this.report);
    batch.count += 1;
    this.written += 1;
    // The lines of one ledger entry come one after the other (the booking rules book each ledger
    // item once, line by line), so comparing with the last id keeps every entry once per file.
    if (batch.entryIds[batch.entryIds.length - 1] !== b.entryId) batch.entryIds.push(b.entryId);
  }

  /** The files, named once it is known whether a period needed several parts. */
  finish(): WriteResult {
    const { input } = this;
    const files: DatevFile[] = [];
    this.periods.forEach((period, p) => {
      const batches = this.batches[p]!;
      // An empty range still gets its (empty) file; empty periods of a longer range do not.
      if (batches.length === 0 && this.periods.length === 1) batches.push(this.open(period, 0));
      batches.forEach((batch, i) => {
        files.push({
          fileName: fileNameFor('Buchungsstapel', period.from, period.to, batches.length > 1 ? i + 1 : null, input.sandbox),
          kind: 'BUCHUNGSSTAPEL',
          period: { from: period.from, to: period.to },
          bookingCount: batch.count,
          entryIds: batch.entryIds,
          bytes: batch.out.bytes(),
        });
      });
    });
    return { files, warnings: this.warnings };
  }
}

/** Writes the Buchungsstapel files for a list of bookings. */
export function writeBuchungsstapel(input: WriteInput): WriteResult {
  const writer = new BuchungsstapelWriter({ expectedBookings: input.bookings.length, ...input });
  for (const b of input.bookings) writer.add(b);
  return writer.finish();
}

const DEBITOR_EMPTY: readonly string[] = DEBITOREN_COLUMNS.map((c): string => (c.kind === 'text' ? '""' : ''));

/** DATEV's codes of the Debitoren column „Sprache“ (1 Deutsch, 4 Französisch, 5 Englisch, 10 Spanisch, 19 Italienisch); other languages stay empty. */
const DATEV_LANGUAGE: Readonly<Record<string, string>> = { de: '1', fr: '4', en: '5', es: '10', it: '19' };

/** One Debitoren/Kreditoren line (254 columns) for a customer. */
export function debitorLine(settings: DatevSettings, c: DatevCustomer, report: (r: CharReplacement) => void): string | null {
  const debitor = debitorFor(settings, c);
  if ('error' in debitor) return null;
  const f = DEBITOR_EMPTY.slice();
  const where = `Kunde ${c.number}`;
  const text = (col: number, value: string | null, max: number): void => {
    f[col - 1] = quoteText(limit(toWin1252(value ?? '', where, report), max));
  };
  f[DEB.konto - 1] = debitor.account;
  if (c.kind === 'COMPANY') {
    text(DEB.nameUnternehmen, c.companyName, 50);
    text(DEB.adressatentyp, '2', 1);
  } else {
    text(DEB.nameNatPerson, c.lastName, 30);
    text(DEB.vornameNatPerson, c.firstName, 30);
    text(DEB.adressatentyp, '1', 1);
  }
  text(DEB.kurzbezeichnung, customerName(c), 15);
  const vat = compactVatId(c.vatId);
  if (vat.length > 2) {
    text(DEB.euLand, vat.slice(0, 2), 2);
    text(DEB.euUstId, vat.slice(2), 13);
  }
  if (c.street || c.zip || c.city) text(DEB.adressart, 'STR', 3);
  text(DEB.strasse, c.street, 36);
  text(DEB.plz, c.zip, 10);
  text(DEB.ort, c.city, 30);
  text(DEB.land, c.country, 2);
  text(DEB.telefon, c.phone, 60);
  text(DEB.email, c.email, 60);
  if (c.iban) {
    text(DEB.iban1, c.iban.replace(/\s/g, ''), 34);
    text(DEB.swift1, c.bic, 11);
    f[DEB.hauptBankverb1 - 1] = '1';
  }
  text(DEB.kundennummer, c.number, 15);
  const language = c.language ? DATEV_LANGUAGE[c.language.slice(0, 2).toLowerCase()] : undefined;
  if (language !== undefined) f[DEB.sprache - 1] = language;
  if (c.paymentTermsDays !== null) f[DEB.faelligkeitTage - 1] = String(c.paymentTermsDays);
  return f.join(FIELD_SEPARATOR);
}

/**
 * The one line of a Sammeldebitor: a neutral name and nothing of any customer (the account
 * stands for all of them, so one customer's address or IBAN there would be wrong for the rest).
 */
export function collectiveDebitorLine(settings: DatevSettings): string {
  const f = DEBITOR_EMPTY.slice();
  f[DEB.konto - 1] = settings.singleDebitor;
  f[DEB.nameUnternehmen - 1] = quoteText('Sammeldebitor');
  f[DEB.adressatentyp - 1] = quoteText('2');
  f[DEB.kurzbezeichnung - 1] = quoteText('Sammeldebitor');
  return f.join(FIELD_SEPARATOR);
}

/** Debitoren/Kreditoren file (category 16, format version 5) for the customers given. */
export function writeDebitoren(input: {
  readonly settings: DatevSettings;
  readonly customers: readonly DatevCustomer[];
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly createdAt: string;
  readonly exportedBy: string;
  readonly sandbox: boolean;
}): WriteResult {
  const warnings: DatevWarning[] = [];
  const report = collectReplacements(warnings);
  const { settings } = input;
  const periods = batchPeriods(input.from, input.to, settings.fiscalYearStart);
  const header = headerFields(
    {
      kind: DEBITOREN,
      settings,
      createdAt: input.createdAt,
      exportedBy: input.exportedBy,
      fiscalYearStart: periods[0]!.fiscalYearStart,
      period: null,
      label: input.sandbox ? 'SANDBOX Debitoren' : 'Abowerk Debitoren',
    },
    report,
  );
  const out = new Win1252Writer();
  out.plain(header.join(FIELD_SEPARATOR));
  out.endRecord();
  out.plain(DEBITOREN_HEADINGS);
  out.endRecord();
  // One line per debitor account: the Sammeldebitor once, otherwise one per customer.
  let lines = 0;
  if (settings.debitorMode === 'SINGLE') {
    if (input.customers.length > 0) {
      out.plain(collectiveDebitorLine(settings));
      out.endRecord();
      lines = 1;
    }
  } else {
    const owners = new Map<string, DatevCustomer>();
    for (const c of input.customers) {
      const debitor = debitorFor(settings, c);
      if ('error' in debitor) continue;
      const owner = owners.get(debitor.account);
      if (owner?.id === c.id) continue;
      // The export refuses shared accounts before it writes; this line would hide a customer.
      if (owner !== undefined) throw new AppError('VALIDATION', sharedDebitorError(settings, debitor.account, owner, c));
      owners.set(debitor.account, c);
      out.plain(debitorLine(settings, c, report)!);
      out.endRecord();
      lines += 1;
    }
  }
  return {
    files: [
      {
        fileName: fileNameFor('Debitoren', input.from, input.to, null, input.sandbox),
        kind: 'DEBITOREN',
        period: null,
        bookingCount: lines,
        entryIds: [],
        bytes: out.bytes(),
      },
    ],
    warnings,
  };
}

export interface BookedAndWritten {
  /** Empty when an item could not be booked or writing was not asked for. */
  readonly files: DatevFile[];
  readonly warnings: DatevWarning[];
  readonly errors: string[];
  readonly bookingCount: number;
  readonly sums: AccountSum[];
  /** The debitor of each customer met, as booked. */
  readonly debitors: ReadonlyMap<number, Debitor>;
}

/**
 * The export in one pass: the booking rules hand each booking straight to the writer and the
 * per-account sums. `write: false` (settings not usable, a preview of problems) only books and
 * adds up. Files are dropped when any item could not be booked: a batch is complete or absent.
 */
export function bookAndWrite(items: readonly LedgerItem[], input: BatchInput, guidNamespace: string, write: boolean): BookedAndWritten {
  // Most ledger items give one booking.
  const writer = write ? new BuchungsstapelWriter({ expectedBookings: items.length, ...input }) : null;
  const sums = new AccountSums();
  let bookingCount = 0;
  const problems = forEachBooking(items, input.settings, guidNamespace, (b) => {
    writer?.add(b);
    sums.add(b);
    bookingCount += 1;
  });
  const written = writer?.finish();
  return {
    files: written && problems.errors.length === 0 && bookingCount > 0 ? written.files : [],
    warnings: [...problems.warnings, ...(written?.warnings ?? [])],
    errors: problems.errors,
    bookingCount,
    sums: sums.list(),
    debitors: problems.debitors,
  };
}
