// EXTF writer (../shared/conformance/DATEV-EXTF.md §2–§5): header record, column headings,
// one line per booking with all columns, Windows-1252, CR LF. Batches are cut at fiscal-year
// boundaries and kept below 99 999 bookings. Pure: the creation instant is an argument.
import type { IsoDate } from '../../shared/dates';
import { formatDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { BUCHUNGSSTAPEL_COLUMNS, COL, DEB, DEBITOREN_COLUMNS, type ColumnDef } from './columns';
import {
  FIELD_SEPARATOR,
  RECORD_SEPARATOR,
  type CharReplacement,
  Win1252Sink,
  BEYOND_LATIN1,
  belegfeld,
  encodeWin1252,
  formatAmount,
  formatBelegdatum,
  formatDateLong,
  formatHeaderDate,
  formatTimestamp,
  limit,
  quoteText,
  toWin1252,
} from './format';
import type { DatevBooking, DatevCustomer, DatevSettings, DatevWarning } from './model';
import { batchPeriods, compactVatId, customerName, debitorFor } from './rules';

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
const gapCache = new Map<number, string>();

/** Text between the value of column `prev` (0 = line start) and the value of column `next` (126 = line end). */
function gap(prev: number, next: number): string {
  const key = prev * 1000 + next;
  let g = gapCache.get(key);
  if (g === undefined) {
    g = prev === 0 ? '' : FIELD_SEPARATOR;
    for (let c = prev + 1; c < next; c++) g += BOOKING_EMPTY[c - 1] + FIELD_SEPARATOR;
    if (next > BUCHUNGSSTAPEL_COLUMNS.length) g = g.slice(0, -FIELD_SEPARATOR.length);
    gapCache.set(key, g);
  }
  return g;
}

/**
 * One Buchungsstapel line: all 125 columns, text columns quoted ("" when empty). The filled
 * columns are concatenated with precomputed runs of empty columns between them (hot path of
 * large exports: no 125-element array per line).
 */
export function bookingLine(b: DatevBooking, lockBookings: boolean, report: (r: CharReplacement) => void): string {
  return bookingRecord(b, lockBookings, report).line;
}

/** The line and whether a free text in it has characters beyond U+00FF (then it needs the full encoder). */
export function bookingRecord(b: DatevBooking, lockBookings: boolean, report: (r: CharReplacement) => void): { line: string; wide: boolean } {
  let line = '';
  let wide = false;
  let prev = 0;
  const put = (col: number, value: string): void => {
    line += gap(prev, col) + value;
    prev = col;
  };
  // Only free texts can hold characters outside Windows-1252; the place is named lazily.
  const text = (col: number, value: string, max: number, label: string): void => {
    const v = limit(toWin1252(value, () => `${label} ${b.belegfeld1}`, report), max);
    if (!wide && BEYOND_LATIN1.test(v)) wide = true;
    put(col, quoteText(v));
  };
  const safe = (col: number, value: string, max: number): void => put(col, quoteText(limit(value, max)));
  put(COL.umsatz, formatAmount(b.amount));
  put(COL.sollHaben, b.side === 'S' ? '"S"' : '"H"');
  text(COL.wkz, b.currency, 3, 'WKZ');
  put(COL.konto, b.account);
  put(COL.gegenkonto, b.contraAccount);
  if (b.buKey !== '') safe(COL.buSchluessel, b.buKey.replace(/\D/g, ''), 4);
  put(COL.belegdatum, formatBelegdatum(b.date));
  // Belegfeld 1 holds only letters, digits and $ & % * + - / (see belegfeld()).
  if (b.belegfeld1 !== '') safe(COL.belegfeld1, belegfeld(b.belegfeld1), 36);
  text(COL.buchungstext, b.text, 60, 'Buchungstext');
  for (let i = 0; i < b.beleginfo.length && i < 8; i++) {
    const [art, inhalt] = b.beleginfo[i]!;
    text(COL.beleginfoArt1 + 2 * i, art, 20, 'Beleginfo');
    text(COL.beleginfoInhalt1 + 2 * i, inhalt, 210, 'Beleginfo');
  }
  if (b.euVatId !== '') text(COL.euUstId, b.euVatId, 15, 'USt-IdNr.');
  safe(COL.buchungsGuid, b.guid, 36);
  put(COL.festschreibung, lockBookings ? '1' : '0');
  if (b.serviceDate) put(COL.leistungsdatum, formatDateLong(b.serviceDate));
  if (b.dueDate) put(COL.faelligkeit, formatDateLong(b.dueDate));
  return { line: line + gap(prev, BUCHUNGSSTAPEL_COLUMNS.length + 1), wide };
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

export interface WriteInput {
  readonly settings: DatevSettings;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly createdAt: string;
  readonly exportedBy: string;
  readonly sandbox: boolean;
  /** Bookings sorted by date (and entry id); every date must lie within from..to. */
  readonly bookings: readonly DatevBooking[];
  readonly maxPerBatch?: number;
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

/** Writes the Buchungsstapel files: one per fiscal year touched, each split below the batch limit. */
export function writeBuchungsstapel(input: WriteInput): WriteResult {
  const { settings, sandbox } = input;
  const max = input.maxPerBatch ?? MAX_BOOKINGS_PER_BATCH;
  const warnings: DatevWarning[] = [];
  const report = collectReplacements(warnings);
  const files: DatevFile[] = [];
  const periods = batchPeriods(input.from, input.to, settings.fiscalYearStart);
  for (const b of input.bookings) {
    if (b.date < input.from || b.date > input.to) {
      throw new AppError('VALIDATION', `Buchung vom ${formatDate(b.date)} liegt außerhalb des Zeitraums ${formatDate(input.from)}–${formatDate(input.to)}`);
    }
  }
  for (const period of periods) {
    const inPeriod = input.bookings.filter((b) => b.date >= period.from && b.date <= period.to);
    if (inPeriod.length === 0 && periods.length > 1) continue;
    const parts = Math.max(1, Math.ceil(inPeriod.length / max));
    for (let part = 1; part <= parts; part++) {
      const chunk = inPeriod.slice((part - 1) * max, part * max);
      const header = headerFields(
        {
          kind: BUCHUNGSSTAPEL,
          settings,
          createdAt: input.createdAt,
          exportedBy: input.exportedBy,
          fiscalYearStart: period.fiscalYearStart,
          period,
          label: batchLabel(period.from, period.to, sandbox),
        },
        report,
      );
      const sink = new Win1252Sink(4096 + chunk.length * 460);
      sink.record(header.join(FIELD_SEPARATOR));
      sink.record(BUCHUNGSSTAPEL_HEADINGS);
      for (const b of chunk) {
        const r = bookingRecord(b, settings.lockBookings, report);
        sink.record(r.line, !r.wide);
      }
      files.push({
        fileName: fileNameFor('Buchungsstapel', period.from, period.to, parts > 1 ? part : null, sandbox),
        kind: 'BUCHUNGSSTAPEL',
        period: { from: period.from, to: period.to },
        bookingCount: chunk.length,
        entryIds: [...new Set(chunk.map((b) => b.entryId))],
        bytes: sink.bytes(),
      });
    }
  }
  return { files, warnings };
}

/** One Debitoren/Kreditoren line (254 columns) for a customer. */
export function debitorLine(settings: DatevSettings, c: DatevCustomer, report: (r: CharReplacement) => void): string | null {
  const debitor = debitorFor(settings, c);
  if ('error' in debitor) return null;
  const f: string[] = DEBITOREN_COLUMNS.map((col): string => (col.kind === 'text' ? '""' : ''));
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
  if (c.language) f[DEB.sprache - 1] = c.language.toUpperCase().startsWith('EN') ? '4' : '1';
  if (c.paymentTermsDays !== null) f[DEB.faelligkeitTage - 1] = String(c.paymentTermsDays);
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
  const lines = [header.join(FIELD_SEPARATOR), DEBITOREN_HEADINGS];
  const seen = new Set<string>();
  for (const c of input.customers) {
    const line = debitorLine(settings, c, report);
    const account = line?.slice(0, line.indexOf(FIELD_SEPARATOR)) ?? '';
    if (line === null || seen.has(account)) continue;
    seen.add(account);
    lines.push(line);
  }
  const bytes = encodeWin1252(lines.join(RECORD_SEPARATOR) + RECORD_SEPARATOR);
  return {
    files: [
      {
        fileName: fileNameFor('Debitoren', input.from, input.to, null, input.sandbox),
        kind: 'DEBITOREN',
        period: null,
        bookingCount: lines.length - 2,
        entryIds: [],
        bytes,
      },
    ],
    warnings,
  };
}
