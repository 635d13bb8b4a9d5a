// German online-banking CSV exports. A profile is recognised from the heading line (which may
// follow a preamble, as at DKB and ING); Targobank exports have no heading and are recognised
// by their shape. Anything else can be read with a generic mapping (column names or numbers).
import { parse, type Info } from 'csv-parse/sync';
import { refuseFile, refuseUnreadableBooking } from './refuse';
import { Decimal, parseDecimal } from '../../../shared/money';
import { isIsoDate, isoDate, type IsoDate } from '../../../shared/dates';
import type { ParsedFile, ParsedTransaction } from './model';
import { splitSepaPurpose } from './mt940';

export type CsvField =
  | 'bookingDate'
  | 'valueDate'
  | 'amount'
  | 'credit'
  | 'debit'
  | 'currency'
  | 'counterpartyName'
  | 'counterpartyIban'
  | 'counterpartyBic'
  | 'remittance'
  | 'bookingText'
  | 'endToEndId'
  | 'bankReference'
  | 'accountIban'
  | 'balance'
  | 'status';

/** Generic mapping: each field names a heading (as in the file) or a 1-based column number. */
export interface GenericCsvMapping {
  readonly delimiter?: string;
  readonly columns: Partial<Record<CsvField, string | number>>;
  /** Extra columns appended to the remittance text (e.g. "Betreff", "Hinweis"). */
  readonly remittanceExtra?: readonly (string | number)[];
}

export function normalizeHeading(h: string): string {
  return h
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');
}

/** German and ISO dates: TT.MM.JJJJ, TT.MM.JJ, JJJJ-MM-TT. */
export function parseGermanDate(raw: string): IsoDate | null {
  const s = raw.trim();
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/.exec(s);
  if (m) {
    const y = (m[3] ?? '').length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    const d = isoDate(y, Number(m[2]), Number(m[1]));
    return isIsoDate(d) ? d : null;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) {
    const d = `${m[1]}-${m[2]}-${m[3]}`;
    return isIsoDate(d) ? d : null;
  }
  return null;
}

/** Amount with decimal comma (or the dot some exports use), trailing minus ("9,90-") and currency sign tolerated. */
export function parseBankAmount(raw: string): Decimal | null {
  let s = raw.trim().replace(/\s*(€|EUR)$/i, '').replace(/\u00a0/g, '').trim();
  let negative = false;
  if (/-$/.test(s)) {
    negative = true;
    s = s.slice(0, -1);
  }
  if (s.startsWith('+')) s = s.slice(1);
  const v = parseDecimal(s);
  if (!v) return null;
  return negative ? v.negated() : v;
}

interface Profile {
  readonly id: string;
  readonly name: string;
  /** Does this heading row (normalised) belong to the profile? */
  matches(headings: readonly string[]): boolean;
  readonly columns: Partial<Record<CsvField, readonly string[]>>;
  readonly remittanceExtra?: readonly string[];
  /** DKB names payer and payee in two columns; the counterparty depends on the sign. */
  readonly payerPayee?: readonly [payer: string, payee: string];
  /** Verwendungszweck carries SEPA tokens (EREF+…SVWZ+…). */
  readonly sepaTokens?: boolean;
  /** Fixed positions override the heading (Sparda anonymised some headings). */
  readonly positions?: Partial<Record<CsvField, number>>;
}

const has = (...names: string[]) => (h: readonly string[]) => names.every((n) => h.includes(n));

const PROFILES: readonly Profile[] = [
  {
    id: 'sparkasse-camt',
    name: 'Sparkasse (CSV-CAMT)',
    matches: has('auftragskonto', 'buchungstag', 'kundenreferenzendtoend', 'beguenstigterzahlungspflichtiger'),
    columns: {
      accountIban: ['auftragskonto'],
      bookingDate: ['buchungstag'],
      valueDate: ['valutadatum'],
      bookingText: ['buchungstext'],
      remittance: ['verwendungszweck'],
      endToEndId: ['kundenreferenzendtoend'],
      counterpartyName: ['beguenstigterzahlungspflichtiger'],
      counterpartyIban: ['kontonummeriban'],
      counterpartyBic: ['bicswiftcode'],
      amount: ['betrag'],
      currency: ['waehrung'],
      status: ['info'],
    },
  },
  {
    id: 'sparkasse-mt940',
    name: 'Sparkasse (CSV-MT940)',
    matches: has('auftragskonto', 'buchungstag', 'beguenstigterzahlungspflichtiger', 'kontonummer', 'blz'),
    columns: {
      accountIban: ['auftragskonto'],
      bookingDate: ['buchungstag'],
      valueDate: ['valutadatum'],
      bookingText: ['buchungstext'],
      remittance: ['verwendungszweck'],
      counterpartyName: ['beguenstigterzahlungspflichtiger'],
      counterpartyIban: ['kontonummer'],
      counterpartyBic: ['blz'],
      amount: ['betrag'],
      currency: ['waehrung'],
      status: ['info'],
    },
    sepaTokens: true,
  },
  {
    id: 'vr',
    name: 'Volksbank/GLS/Sparda (VR-Format)',
    matches: (h) => h[0] === 'bezeichnungauftragskonto' && h.includes('ibanauftragskonto') && h.includes('buchungstag'),
    columns: {},
    // Atruvia layout, by position (Sparda-Bank West anonymised two headings in the sample).
    positions: {
      accountIban: 1,
      bookingDate: 4,
      valueDate: 5,
      counterpartyName: 6,
      counterpartyIban: 7,
      counterpartyBic: 8,
      bookingText: 9,
      remittance: 10,
      amount: 11,
      currency: 12,
      balance: 13,
    },
  },
  {
    id: 'commerzbank',
    name: 'Commerzbank',
    matches: has('buchungstag', 'wertstellung', 'umsatzart', 'buchungstext', 'betrag', 'ibankontoinhaber'),
    columns: {
      bookingDate: ['buchungstag'],
      valueDate: ['wertstellung'],
      bookingText: ['umsatzart'],
      remittance: ['buchungstext'],
      amount: ['betrag'],
      currency: ['waehrung'],
      accountIban: ['ibankontoinhaber'],
    },
  },
  {
    id: 'dkb',
    name: 'DKB',
    matches: has('buchungsdatum', 'wertstellung', 'verwendungszweck', 'iban'),
    columns: {
      bookingDate: ['buchungsdatum'],
      valueDate: ['wertstellung'],
      status: ['status'],
      remittance: ['verwendungszweck'],
      bookingText: ['umsatztyp'],
      counterpartyIban: ['iban'],
      amount: ['betrag', 'betrageur'],
      endToEndId: ['kundenreferenz'],
    },
    payerPayee: ['zahlungspflichtiger', 'zahlungsempfaengerin'],
  },
  {
    id: 'ing',
    name: 'ING',
    matches: has('buchung', 'wertstellungsdatum', 'auftraggeberempfaenger', 'verwendungszweck', 'betrag'),
    columns: {
      bookingDate: ['buchung'],
      valueDate: ['wertstellungsdatum'],
      counterpartyName: ['auftraggeberempfaenger'],
      bookingText: ['buchungstext'],
      remittance: ['verwendungszweck'],
      amount: ['betrag'],
      balance: ['saldo'],
    },
  },
  {
    id: 'paypal',
    name: 'PayPal',
    matches: has('datum', 'brutto', 'gebuehr', 'netto', 'transaktionscode'),
    columns: {
      bookingDate: ['datum'],
      counterpartyName: ['name'],
      bookingText: ['typ'],
      status: ['status'],
      currency: ['waehrung'],
      amount: ['brutto'],
      bankReference: ['transaktionscode'],
      remittance: ['betreff'],
    },
    remittanceExtra: ['hinweis', 'rechnungsnummer', 'artikelbezeichnung'],
  },
];

export interface CsvOptions {
  readonly mapping?: GenericCsvMapping;
}

function detectDelimiter(text: string): string {
  const sample = text.slice(0, 4096);
  const counts = [';', ',', '\t'].map((d) => [d, sample.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[0] ?? ';';
}

/** One CSV record and the file line it starts on (blank lines are skipped, a quoted field may span lines). */
interface CsvRow {
  readonly cells: readonly string[];
  readonly line: number;
}

function readRows(text: string, delimiter: string): CsvRow[] {
  let records: { record: string[]; info: Info }[];
  try {
    // The typings do not know that `info: true` wraps each record as { record, info }.
    records = parse(text, {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
      bom: true,
      info: true,
    }) as unknown as { record: string[]; info: Info }[];
  } catch (e) {
    refuseFile(`Die CSV-Datei ist nicht lesbar: ${(e as Error).message}`);
  }
  const lines = firstLines(text, records.map((r) => r.info.bytes));
  return records.map(({ record }, i) => ({ cells: record, line: lines[i] ?? 0 }));
}

/** The file line each record starts on, from the byte offset where each one ends: csv-parse's own
 *  line count runs ahead after a CRLF inside quotes. Skipped blank lines are stepped over. */
function firstLines(text: string, recordEnds: readonly number[]): number[] {
  const bytes = Buffer.from(text, 'utf8');
  const CR = 0x0d;
  const LF = 0x0a;
  const lines: number[] = [];
  let line = 1;
  let counted = 0;
  let start = 0;
  for (const end of recordEnds) {
    while (start < bytes.length && (bytes[start] === CR || bytes[start] === LF)) start++;
    for (; counted < start; counted++) {
      const b = bytes[counted];
      if (b === LF || (b === CR && bytes[counted + 1] !== LF)) line++;
    }
    lines.push(line);
    start = end;
  }
  return lines;
}

export function parseBankCsv(text: string, options: CsvOptions = {}): ParsedFile {
  if (options.mapping) return parseWithMapping(text, options.mapping);
  const delimiter = detectDelimiter(text);
  const rows = readRows(text, delimiter);
  // Heading line: the first one a profile recognises (DKB and ING have a preamble before it).
  for (let i = 0; i < Math.min(rows.length, 40); i++) {
    const headings = (rows[i]?.cells ?? []).map(normalizeHeading);
    const profile = PROFILES.find((p) => p.matches(headings));
    if (profile) return readProfile(profile, rows, i);
  }
  const targo = readTargobank(rows);
  if (targo) return targo;
  refuseFile(
    'Das CSV-Format wurde nicht erkannt. Unterstützt werden Exporte von Sparkasse, Volksbank/GLS/Sparda, Commerzbank, DKB, ING, Targobank und PayPal; für andere Banken bitte eine Spaltenzuordnung anlegen.',
  );
}

function preambleIban(rows: readonly CsvRow[], headingRow: number): string | null {
  for (let i = 0; i < headingRow; i++) {
    for (const cell of rows[i]?.cells ?? []) {
      const c = cell.replace(/\s+/g, '');
      if (/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(c)) return c;
    }
  }
  return null;
}

interface Row {
  get(field: CsvField): string;
  extra(): string[];
  cell(heading: string): string;
}

/** Where a row stands, for messages: its file line and how many columns it lacks against the heading. */
interface RowPlace {
  readonly line: number;
  readonly missingColumns: number;
}

function readProfile(profile: Profile, rows: readonly CsvRow[], headingRow: number): ParsedFile {
  const headings = (rows[headingRow]?.cells ?? []).map(normalizeHeading);
  const index: Partial<Record<CsvField, number>> = { ...profile.positions };
  for (const [field, names] of Object.entries(profile.columns) as [CsvField, readonly string[]][]) {
    const i = headings.findIndex((h) => names.includes(h));
    if (i >= 0) index[field] = i;
  }
  // ING has "Saldo;Währung;Betrag;Währung": the amount's currency is the column after it.
  if (index.amount !== undefined && index.currency === undefined && headings[index.amount + 1] === 'waehrung') index.currency = index.amount + 1;
  const extraIdx = (profile.remittanceExtra ?? []).map((n) => headings.indexOf(n)).filter((i) => i >= 0);
  const payerIdx = profile.payerPayee ? headings.indexOf(profile.payerPayee[0]) : -1;
  const payeeIdx = profile.payerPayee ? headings.indexOf(profile.payerPayee[1]) : -1;
  const account = preambleIban(rows, headingRow);

  const warnings: string[] = [];
  const transactions: ParsedTransaction[] = [];
  let pendingCount = 0;
  let accountIban: string | null = account;
  for (const { cells, line } of rows.slice(headingRow + 1)) {
    if (cells.every((c) => c.trim() === '')) continue;
    const row: Row = {
      get: (f) => {
        const i = index[f];
        return i === undefined ? '' : (cells[i] ?? '').trim();
      },
      extra: () => extraIdx.map((i) => (cells[i] ?? '').trim()).filter(Boolean),
      cell: (h) => (cells[headings.indexOf(h)] ?? '').trim(),
    };
    // Not yet booked (Sparkasse „Umsatz vorgemerkt“, PayPal „Ausstehend“): the booked row comes
    // with a later export, and §9 stores each transaction once — as for CAMT's PDNG entries.
    if (/vorgemerkt|ausstehend|pending/i.test(row.get('status'))) {
      pendingCount++;
      continue;
    }
    const tx = rowToTransaction(row, profile.sepaTokens ?? false, { line, missingColumns: Math.max(0, headings.length - cells.length) });
    if ('notABooking' in tx) {
      warnings.push(tx.notABooking);
      continue;
    }
    let t = tx;
    if (payerIdx >= 0 || payeeIdx >= 0) {
      const name = (cells[t.amount.isNegative() ? payeeIdx : payerIdx] ?? '').trim() || null;
      t = { ...t, counterpartyName: name };
    }
    if (extraIdx.length > 0) t = { ...t, remittance: [t.remittance, ...row.extra()].filter(Boolean).join(' ') };
    accountIban ??= row.get('accountIban').replace(/\s+/g, '') || null;
    transactions.push(t);
  }
  if (pendingCount > 0) {
    warnings.push(
      `${pendingCount === 1 ? '1 Umsatz' : `${pendingCount} Umsätze`} nicht übernommen – vorgemerkt, noch nicht gebucht. Gebuchte Umsätze kommen mit einem späteren Export.`,
    );
  }
  if (transactions.length === 0) warnings.push('Die Datei enthält keine Umsätze.');
  const currency = transactions[0]?.currency ?? 'EUR';
  return {
    format: 'CSV',
    variant: profile.name,
    statements: [{ accountIban, accountId: accountIban, currency, statementId: null, openingBalance: null, closingBalance: null, transactions }],
    warnings,
  };
}

/** A row whose date cell does not start with a digit (Endsaldo, Kontostand) is no booking: skipped.
 *  A row with a date is money: an unreadable date or amount refuses the file, as skipping loses a payment. */
function rowToTransaction(row: Pick<Row, 'get'>, sepaTokens: boolean, place: RowPlace): ParsedTransaction | { notABooking: string } {
  const bookingRaw = row.get('bookingDate');
  if (!/^\d/.test(bookingRaw)) {
    return { notABooking: `Zeile ${place.line}: ${bookingRaw ? `„${bookingRaw}“ ist kein Buchungsdatum` : 'kein Buchungsdatum'} – keine Buchungszeile, übergangen.` };
  }
  const bookingDate = parseGermanDate(bookingRaw);
  if (!bookingDate) refuseRow(place, `Buchungsdatum „${bookingRaw}“ ist kein gültiges Datum`);
  let amount: Decimal | null;
  const amountRaw = row.get('amount');
  if (amountRaw !== '') amount = parseBankAmount(amountRaw);
  else {
    const credit = row.get('credit');
    const debit = row.get('debit');
    const c = credit ? parseBankAmount(credit) : new Decimal(0);
    const d = debit ? parseBankAmount(debit) : new Decimal(0);
    amount = c && d && (credit || debit) ? c.minus(d.abs()) : null;
  }
  if (!amount) refuseRow(place, `Betrag „${amountRaw}“ ist keine gültige Zahl`);
  const valueDate = parseGermanDate(row.get('valueDate'));
  let remittance = row.get('remittance').replace(/\s+/g, ' ').trim();
  let endToEndId = row.get('endToEndId') || null;
  if (sepaTokens) {
    const sepa = splitSepaPurpose(remittance);
    endToEndId ??= sepa.EREF && sepa.EREF !== 'NOTPROVIDED' ? sepa.EREF : null;
    remittance = sepa.SVWZ ?? remittance;
  }
  const iban = row.get('counterpartyIban').replace(/\s+/g, '').toUpperCase();
  return {
    bookingDate,
    valueDate,
    amount,
    currency: (row.get('currency') || 'EUR').toUpperCase(),
    counterpartyName: row.get('counterpartyName') || null,
    counterpartyIban: /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban) ? iban : null,
    counterpartyBic: row.get('counterpartyBic') || null,
    remittance,
    endToEndId: endToEndId && endToEndId !== 'NOTPROVIDED' ? endToEndId : null,
    bankReference: row.get('bankReference') || null,
    bookingText: row.get('bookingText') || null,
    source: `Zeile ${place.line}`,
  };
}

function refuseRow(place: RowPlace, problem: string): never {
  const short = place.missingColumns > 0 ? ` (der Zeile ${place.missingColumns === 1 ? 'fehlt eine Spalte' : `fehlen ${place.missingColumns} Spalten`})` : '';
  refuseUnreadableBooking(`Zeile ${place.line}: ${problem}${short}`);
}

/** Targobank: no heading; "date;type   NAME   IBAN   BIC …;amount;;;;'own IBAN'". */
function readTargobank(rows: readonly CsvRow[]): ParsedFile | null {
  // Column 3 holds debits (negative), column 4 credits.
  const amountOf = (r: readonly string[]) => ((r[2] ?? '').trim() !== '' ? parseBankAmount(r[2] ?? '') : parseBankAmount(r[3] ?? ''));
  const shaped = rows.filter(({ cells: r }) => r.length >= 4 && parseGermanDate(r[0] ?? '') !== null && amountOf(r) !== null);
  if (shaped.length === 0 || shaped.length < rows.filter(({ cells }) => cells.some((c) => c.trim() !== '')).length) return null;
  const transactions: ParsedTransaction[] = shaped.map(({ cells: r, line }) => {
    const parts = (r[1] ?? '').split(/\s{3,}/).map((p) => p.trim()).filter(Boolean);
    const ibanPart = parts.find((p) => /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(p)) ?? null;
    const bic = parts.find((p) => /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(p) && p !== ibanPart) ?? null;
    return {
      bookingDate: parseGermanDate(r[0] ?? '') as IsoDate,
      valueDate: null,
      amount: amountOf(r) as Decimal,
      currency: 'EUR',
      counterpartyName: parts.length > 1 ? (parts[1] ?? null) : null,
      counterpartyIban: ibanPart,
      counterpartyBic: bic,
      remittance: parts.slice(2).filter((p) => p !== ibanPart && p !== bic).join(' '),
      endToEndId: null,
      bankReference: null,
      bookingText: parts[0] ?? null,
      source: `Zeile ${line}`,
    };
  });
  const firstCells = shaped[0]?.cells ?? [];
  const own = (firstCells[firstCells.length - 1] ?? '').replace(/'/g, '').trim();
  const accountIban = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(own) ? own : null;
  return {
    format: 'CSV',
    variant: 'Targobank',
    statements: [{ accountIban, accountId: accountIban, currency: 'EUR', statementId: null, openingBalance: null, closingBalance: null, transactions }],
    warnings: [],
  };
}

function parseWithMapping(text: string, mapping: GenericCsvMapping): ParsedFile {
  const rows = readRows(text, mapping.delimiter ?? detectDelimiter(text));
  const wanted = Object.values(mapping.columns).filter((v): v is string => typeof v === 'string').map(normalizeHeading);
  let headingRow = -1;
  if (wanted.length > 0) {
    headingRow = rows.findIndex(({ cells }) => wanted.every((w) => cells.map(normalizeHeading).includes(w)));
    if (headingRow < 0) refuseFile('Die Spaltenüberschriften der Zuordnung wurden in der Datei nicht gefunden.');
  }
  const headings = headingRow >= 0 ? (rows[headingRow]?.cells ?? []).map(normalizeHeading) : [];
  const resolve = (ref: string | number | undefined): number | undefined =>
    ref === undefined ? undefined : typeof ref === 'number' ? ref - 1 : headings.indexOf(normalizeHeading(ref));
  const index: Partial<Record<CsvField, number>> = {};
  for (const [field, ref] of Object.entries(mapping.columns) as [CsvField, string | number][]) {
    const i = resolve(ref);
    if (i !== undefined && i >= 0) index[field] = i;
  }
  if (index.bookingDate === undefined || (index.amount === undefined && index.credit === undefined && index.debit === undefined)) {
    refuseFile('Die Spaltenzuordnung braucht mindestens Buchungsdatum und Betrag (oder Soll/Haben).');
  }
  const extra = (mapping.remittanceExtra ?? []).map(resolve).filter((i): i is number => i !== undefined && i >= 0);
  const warnings: string[] = [];
  const transactions: ParsedTransaction[] = [];
  for (const { cells, line } of rows.slice(headingRow + 1)) {
    if (cells.every((c) => c.trim() === '')) continue;
    const get = (f: CsvField) => {
      const i = index[f];
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const tx = rowToTransaction({ get }, false, { line, missingColumns: Math.max(0, headings.length - cells.length) });
    if ('notABooking' in tx) warnings.push(tx.notABooking);
    else transactions.push(extra.length ? { ...tx, remittance: [tx.remittance, ...extra.map((i) => (cells[i] ?? '').trim())].filter(Boolean).join(' ') } : tx);
  }
  const accountIban = transactions.length > 0 ? (rows[headingRow + 1]?.cells[index.accountIban ?? -1] ?? '').trim() || null : null;
  return {
    format: 'CSV',
    variant: 'Eigene Spaltenzuordnung',
    statements: [{ accountIban, accountId: accountIban, currency: transactions[0]?.currency ?? 'EUR', statementId: null, openingBalance: null, closingBalance: null, transactions }],
    warnings,
  };
}
