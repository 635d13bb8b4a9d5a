// Pure DATEV rules (DOMAIN §10, ../shared/conformance/DATEV-EXTF.md §4 and §6): default
// accounts per chart, settings checks, debitor derivation, fiscal years, and the booking
// rules that turn ledger items into Buchungsstapel lines. No database, no clock.
import { createHash } from 'node:crypto';
import type { TaxTreatment } from '../../shared/api/catalog';
import { CHART_DEFAULTS } from '../../shared/datev-charts';
import { GERMAN_TAX_GROUPS } from '../catalog/rules';
import type { IsoDate } from '../../shared/dates';
import { addDays, addMonthsClamped, formatDate, isIsoDate, isoDate, splitDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { Decimal, ZERO, fromCents, sum, toCents } from '../../shared/money';
import { belegfeld, checkDebitorAccount, checkGlAccount, extendAccount, limit } from './format';
import type {
  Chart,
  DatevBooking,
  DatevCustomer,
  DatevSettings,
  DatevWarning,
  DocumentEntry,
  LedgerItem,
  MoneyEntry,
  RevenueAccount,
  Side,
} from './model';

// --- defaults -------------------------------------------------------------------------------

/** Settings pre-filled for a chart and account length (accounts extended with zeros, 1200 → 12000). */
export function defaultSettings(chart: Chart = 'SKR03', accountLength = 4): DatevSettings {
  const d = CHART_DEFAULTS[chart];
  const ext = (a: string): string => extendAccount(a, accountLength);
  const revenueAccounts: Record<string, RevenueAccount> = {};
  for (const [code, account] of Object.entries(d.revenue)) revenueAccounts[code] = { account: ext(account), buKey: '' };
  const debitorBase = 10 ** accountLength;
  return {
    consultantNumber: 0,
    clientNumber: 0,
    fiscalYearStart: '01-01',
    chart,
    accountLength,
    bankAccount: ext(d.bank),
    revenueAccounts,
    manualCreditAccount: ext(d.manualCredit),
    manualDebitAccount: ext(d.manualDebit),
    feeAccount: ext(d.fee),
    debitorMode: 'CUSTOMER',
    debitorRangeFrom: String(debitorBase),
    debitorRangeTo: String(7 * debitorBase - 1),
    singleDebitor: String(debitorBase),
    lockBookings: false,
    initials: '',
    currency: 'EUR',
  };
}

/**
 * The seeded group a tax group of another code books like when neither the settings nor the
 * chart defaults know its code: § 19, § 13b and Drittland revenue each have one account
 * whatever the group is called. Standard-rated revenue has none (19 % and 7 % differ).
 */
const SEEDED_GROUP_OF_TREATMENT: Readonly<Partial<Record<TaxTreatment, string>>> = Object.fromEntries(
  GERMAN_TAX_GROUPS.filter((g) => g.treatment !== 'STANDARD').map((g) => [g.treatment, g.code]),
);

/** A tax group code's mapping in the settings, else its chart default. */
function revenueAccountOfCode(settings: DatevSettings, taxGroupCode: string): RevenueAccount | null {
  const configured = settings.revenueAccounts[taxGroupCode];
  if (configured) return configured;
  const fallback = CHART_DEFAULTS[settings.chart].revenue[taxGroupCode];
  return fallback ? { account: extendAccount(fallback, settings.accountLength), buKey: '' } : null;
}

/**
 * The revenue account of a tax group for the settings' chart: its mapping, else the chart
 * default of its code, else (no account known for the code) that of the seeded group with
 * the same treatment.
 */
export function revenueAccountFor(settings: DatevSettings, part: { readonly taxGroupCode: string; readonly treatment: TaxTreatment }): RevenueAccount | null {
  const own = revenueAccountOfCode(settings, part.taxGroupCode);
  if (own) return own;
  const seeded = SEEDED_GROUP_OF_TREATMENT[part.treatment];
  return seeded === undefined ? null : revenueAccountOfCode(settings, seeded);
}

// --- settings check ---------------------------------------------------------------------------

/** German message per settings field; empty when the settings can be used for an export. */
export function checkSettings(s: DatevSettings): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!Number.isInteger(s.consultantNumber) || s.consultantNumber < 1001 || s.consultantNumber > 9_999_999) {
    errors.consultantNumber = 'Beraternummer muss zwischen 1001 und 9999999 liegen';
  }
  if (!Number.isInteger(s.clientNumber) || s.clientNumber < 1 || s.clientNumber > 99_999) {
    errors.clientNumber = 'Mandantennummer muss zwischen 1 und 99999 liegen';
  }
  if (!/^\d{2}-\d{2}$/.test(s.fiscalYearStart) || !isIsoDate(`2001-${s.fiscalYearStart}`)) {
    errors.fiscalYearStart = 'Beginn des Wirtschaftsjahres ist kein gültiger Tag (TT.MM.)';
  }
  if (!Number.isInteger(s.accountLength) || s.accountLength < 4 || s.accountLength > 8) {
    errors.accountLength = 'Sachkontenlänge muss zwischen 4 und 8 liegen';
    return errors;
  }
  const gl: [string, string, string][] = [
    ['bankAccount', s.bankAccount, 'Bankkonto'],
    ['manualCreditAccount', s.manualCreditAccount, 'Konto für Gutschriften'],
    ['manualDebitAccount', s.manualDebitAccount, 'Konto für Belastungen'],
    ['feeAccount', s.feeAccount, 'Konto für Gebühren'],
  ];
  for (const [field, value, label] of gl) {
    const e = checkGlAccount(value, s.accountLength, label);
    if (e) errors[field] = e;
  }
  for (const [code, r] of Object.entries(s.revenueAccounts)) {
    const e = checkGlAccount(r.account, s.accountLength, `Erlöskonto ${code}`);
    if (e) errors[`revenueAccounts.${code}.account`] = e;
    if (!/^\d{0,4}$/.test(r.buKey)) errors[`revenueAccounts.${code}.buKey`] = 'BU-Schlüssel hat höchstens 4 Ziffern';
  }
  const personal: [string, string][] = [
    ['debitorRangeFrom', s.debitorRangeFrom],
    ['debitorRangeTo', s.debitorRangeTo],
  ];
  if (s.debitorMode === 'SINGLE') personal.push(['singleDebitor', s.singleDebitor]);
  for (const [field, value] of personal) {
    const e = checkDebitorAccount(value, s.accountLength);
    if (e) errors[field] = e;
  }
  if (!errors.debitorRangeFrom && !errors.debitorRangeTo && Number(s.debitorRangeFrom) > Number(s.debitorRangeTo)) {
    errors.debitorRangeTo = 'Debitorenbereich: „bis“ liegt vor „von“';
  }
  if (s.initials.length > 2) errors.initials = 'Diktatkürzel hat höchstens 2 Zeichen';
  if (!/^[A-Z]{3}$/.test(s.currency)) errors.currency = 'Währung ist kein ISO-Code';
  return errors;
}

export function assertSettings(s: DatevSettings): void {
  const errors = checkSettings(s);
  const first = Object.values(errors)[0];
  if (first !== undefined) {
    throw new AppError('VALIDATION', `DATEV-Einstellungen unvollständig: ${first}`, { fields: errors });
  }
}

// --- debitors -------------------------------------------------------------------------------

/** A customer's debitor account under the settings, or an error message naming the customer. */
export type Debitor = { readonly account: string } | { readonly error: string };

/** A customer as far as its debitor account goes. */
export type DebitorSource = Pick<DatevCustomer, 'id' | 'number' | 'debitorAccount'>;

/** The personal account the settings give a customer, not yet checked; null when there is nothing to derive it from. */
export function derivedDebitorAccount(s: DatevSettings, c: DebitorSource): string | null {
  if (s.debitorMode === 'SINGLE') return s.singleDebitor;
  if (s.debitorMode === 'NUMBER') {
    const digits = c.number.replace(/\D/g, '');
    return digits === '' ? null : String(BigInt(s.debitorRangeFrom) + BigInt(digits));
  }
  return c.debitorAccount || null;
}

export function debitorFor(s: DatevSettings, c: DatevCustomer): Debitor {
  const account = derivedDebitorAccount(s, c);
  if (account === null) {
    return { error: s.debitorMode === 'NUMBER' ? `Kunde ${c.number}: Kundennummer enthält keine Ziffern für das Debitorenkonto` : `Kunde ${c.number}: kein Debitorenkonto hinterlegt` };
  }
  const invalid = checkDebitorAccount(account, s.accountLength);
  if (invalid) return { error: `Kunde ${c.number}: ${invalid}` };
  if (s.debitorMode !== 'SINGLE' && (BigInt(account) < BigInt(s.debitorRangeFrom) || BigInt(account) > BigInt(s.debitorRangeTo))) {
    return { error: `Kunde ${c.number}: Debitorenkonto ${account} liegt außerhalb des Bereichs ${s.debitorRangeFrom}–${s.debitorRangeTo}` };
  }
  return { account };
}

/** Two customers on one personal account: the booked one (first) and another customer of the file. */
export interface SharedDebitor {
  readonly account: string;
  readonly bookedId: number;
  readonly otherId: number;
}

/**
 * The personal accounts of the booked customers that another customer also has. DATEV keeps one
 * master record and one open-item list per account, so it would merge the two customers; only
 * the Sammeldebitor does that on purpose.
 */
export function sharedDebitors(s: DatevSettings, booked: ReadonlyMap<number, Debitor>, customers: Iterable<DebitorSource>): SharedDebitor[] {
  if (s.debitorMode === 'SINGLE') return [];
  const owners = new Map<string, number>();
  for (const [id, d] of booked) if (!('error' in d) && !owners.has(d.account)) owners.set(d.account, id);
  const shared: SharedDebitor[] = [];
  for (const c of customers) {
    const account = derivedDebitorAccount(s, c);
    const owner = account === null ? undefined : owners.get(account);
    if (account !== null && owner !== undefined && owner !== c.id) shared.push({ account, bookedId: owner, otherId: c.id });
  }
  return shared;
}

/** Why an export with two customers on one debitor account is refused, and what to change. */
export function sharedDebitorError(s: DatevSettings, account: string, first: DatevCustomer, second: DatevCustomer): string {
  const fix =
    s.debitorMode === 'NUMBER'
      ? 'ihre Kundennummern ergeben dasselbe Konto: bitte eine Kundennummer ändern oder in Einstellungen → DATEV das Debitorenkonto des Kunden verwenden'
      : 'bitte bei einem der Kunden ein eigenes Debitorenkonto hinterlegen';
  return `Debitorenkonto ${account} gehört zu zwei Kunden: ${first.number} ${customerName(first)} und ${second.number} ${customerName(second)}. DATEV würde beide zu einem Debitor zusammenführen – ${fix}.`;
}

export function customerName(c: DatevCustomer): string {
  if (c.kind === 'COMPANY' && c.companyName) return c.companyName;
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || c.companyName || c.number;
}

// --- fiscal years ---------------------------------------------------------------------------

/** First day of the fiscal year that contains `date` (fiscal year start "MM-DD"). */
export function fiscalYearStartOf(date: IsoDate, fiscalYearStart: string): IsoDate {
  const { year } = splitDate(date);
  const [mm, dd] = fiscalYearStart.split('-').map(Number) as [number, number];
  const thisYear = isoDate(year, mm, dd);
  return date >= thisYear ? thisYear : isoDate(year - 1, mm, dd);
}

export function fiscalYearEndOf(date: IsoDate, fiscalYearStart: string): IsoDate {
  return addDays(addMonthsClamped(fiscalYearStartOf(date, fiscalYearStart), 12), -1);
}

export interface BatchPeriod {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly fiscalYearStart: IsoDate;
}

/** The export range cut at fiscal-year boundaries: one batch period per fiscal year touched. */
export function batchPeriods(from: IsoDate, to: IsoDate, fiscalYearStart: string): BatchPeriod[] {
  if (from > to) throw new AppError('VALIDATION', `Zeitraum ungültig: ${formatDate(from)} liegt nach ${formatDate(to)}`);
  const out: BatchPeriod[] = [];
  let cursor = from;
  while (cursor <= to) {
    const fyStart = fiscalYearStartOf(cursor, fiscalYearStart);
    const fyEnd = fiscalYearEndOf(cursor, fiscalYearStart);
    const end = fyEnd < to ? fyEnd : to;
    out.push({ from: cursor, to: end, fiscalYearStart: fyStart });
    cursor = addDays(end, 1);
  }
  return out;
}

// --- booking rules --------------------------------------------------------------------------

/** GUID text before the entry id, by namespace and line (a large export repeats few of them). */
const guidPrefixes = new Map<string, string[]>();

function guidPrefix(namespace: string, line: number): string {
  let byLine = guidPrefixes.get(namespace);
  if (byLine === undefined) {
    byLine = [];
    guidPrefixes.set(namespace, byLine);
  }
  let prefix = byLine[line];
  if (prefix === undefined) {
    const ns = createHash('sha256').update(`abowerk-datev:${namespace}`).digest('hex').slice(0, 15);
    prefix = `${ns.slice(0, 8)}-${ns.slice(8, 12)}-5${ns.slice(12, 15)}-8${line.toString(16).padStart(3, '0')}-`;
    byLine[line] = prefix;
  }
  return prefix;
}

/**
 * Buchungs GUID: a stable UUID-shaped id of (company, ledger entry, line), so the same booking
 * exported twice carries the same GUID and DATEV can recognise it.
 */
export function bookingGuid(namespace: string, entryId: number, line: number): string {
  if (!Number.isSafeInteger(entryId) || entryId < 0 || entryId >= 2 ** 48 || line < 0 || line > 0xfff) {
    throw new Error(`Buchungs-GUID: Kontobewegung ${entryId} / Zeile ${line} außerhalb des Bereichs`);
  }
  // Company hash (60 bits) + line (12 bits) + ledger entry id (48 bits): unique per booking,
  // stable across exports, and the entry id can be read back from the GUID.
  return guidPrefix(namespace, line) + entryId.toString(16).padStart(12, '0');
}

const PAYMENT_LIKE_TEXT: Readonly<Record<MoneyEntry['type'], string>> = {
  PAYMENT: 'Zahlung',
  MANUAL_CREDIT: 'Gutschrift',
  MANUAL_DEBIT: 'Belastung',
  DIRECT_DEBIT_RETURN: 'Rücklastschrift',
  FEE: 'Gebühr',
  REFUND: 'Erstattung',
};

/** A counter-entry says what it undoes, so the advisor does not read it as a second payment. */
const REVERSAL_TEXT: Readonly<Record<MoneyEntry['type'], string>> = {
  PAYMENT: 'Gegenbuchung Zahlung',
  MANUAL_CREDIT: 'Gegenbuchung Gutschrift',
  MANUAL_DEBIT: 'Gegenbuchung Belastung',
  DIRECT_DEBIT_RETURN: 'Gegenbuchung Rücklastschrift',
  FEE: 'Gegenbuchung Gebühr',
  REFUND: 'Gegenbuchung Erstattung',
};

/** VAT ID as DATEV wants it in column 40: country prefix and number without blanks. */
export function compactVatId(vatId: string | null): string {
  return (vatId ?? '').replace(/[\s.-]/g, '').toUpperCase();
}

/**
 * Splits the tax of one rate over several revenue accounts in proportion to their net
 * (largest remainder in cents), so the gross per account adds up to the document exactly.
 */
export function distributeTax(nets: readonly Decimal[], tax: Decimal): Decimal[] {
  const total = sum(nets);
  if (nets.length === 1 || total.isZero()) return nets.map((_, i) => (i === 0 ? tax : ZERO));
  const cents = tax.times(100);
  const raw = nets.map((n) => cents.times(n).dividedBy(total));
  const floored = raw.map((r) => r.toDecimalPlaces(0, Decimal.ROUND_DOWN));
  let rest = cents.minus(sum(floored)).toNumber();
  const order = raw.map((r, i) => ({ i, frac: r.minus(floored[i]!).abs() })).sort((a, b) => b.frac.comparedTo(a.frac) || a.i - b.i);
  const step = rest >= 0 ? 1 : -1;
  const result = [...floored];
  for (const { i } of order) {
    if (rest === 0) break;
    result[i] = result[i]!.plus(step);
    rest -= step;
  }
  return result.map((c) => c.dividedBy(100));
}

interface Ctx {
  /** Account check results by label and account (large exports check the same few accounts). */
  readonly accountChecks: Map<string, Map<string, string | null>>;
  /** Display names by customer (a customer has many bookings). */
  readonly names: Map<number, string>;
  /** The Beleginfo of a customer-account text, made once per text (many entries share it). */
  readonly beleginfos: Map<string, readonly (readonly [string, string])[]>;
  readonly settings: DatevSettings;
  readonly guidNamespace: string;
  readonly warnings: DatevWarning[];
  readonly errors: string[];
}

function glAccountError(ctx: Ctx, account: string, label: string): string | null {
  let ofLabel = ctx.accountChecks.get(label);
  if (ofLabel === undefined) {
    ofLabel = new Map();
    ctx.accountChecks.set(label, ofLabel);
  }
  let result = ofLabel.get(account);
  if (result === undefined) {
    result = checkGlAccount(account, ctx.settings.accountLength, label);
    ofLabel.set(account, result);
  }
  return result;
}

function nameOf(ctx: Ctx, c: DatevCustomer): string {
  let name = ctx.names.get(c.id);
  if (name === undefined) {
    name = customerName(c);
    ctx.names.set(c.id, name);
  }
  return name;
}

const NO_BELEGINFO: readonly (readonly [string, string])[] = Object.freeze([]);
const NOT_BLANK = /\S/;

/** Beleginfo „Text Kundenkonto“ of an entry's text; none for an empty one. */
function beleginfoOf(ctx: Ctx, text: string): readonly (readonly [string, string])[] {
  if (!NOT_BLANK.test(text)) return NO_BELEGINFO;
  let info = ctx.beleginfos.get(text);
  if (info === undefined) {
    info = Object.freeze([Object.freeze(['Text Kundenkonto', text] as const)]);
    ctx.beleginfos.set(text, info);
  }
  return info;
}

/** One Buchungsstapel line of a document: a revenue account with its gross in cents (signed). */
interface RevenueLine {
  readonly account: string;
  readonly buKey: string;
  readonly treatment: TaxTreatment;
  readonly grossCents: number;
}

/** The revenue account of a part, or an error recorded for the document (then null). */
function revenueOfPart(ctx: Ctx, d: DocumentEntry, part: DocumentEntry['parts'][number]): { account: string; buKey: string } | null {
  const mapped = revenueAccountFor(ctx.settings, part);
  const account = part.account ?? mapped?.account ?? null;
  if (!account) {
    ctx.errors.push(`${d.number}: kein Erlöskonto für Steuergruppe ${part.taxGroupCode} (Einstellungen → DATEV)`);
    return null;
  }
  const error = glAccountError(ctx, account, 'Erlöskonto');
  if (error !== null) {
    ctx.errors.push(`${d.number}: ${error}`);
    return null;
  }
  return { account, buKey: mapped?.buKey ?? '' };
}

/** Lines of a document: one per (revenue account, BU key, rate); null when a part has no usable account. */
function revenueLines(ctx: Ctx, d: DocumentEntry): RevenueLine[] | null {
  if (d.parts.length === 1) {
    // The common case: one rate, one account, no grouping needed.
    const only = d.parts[0]!;
    const revenue = revenueOfPart(ctx, d, only);
    if (revenue === null) return null;
    return [{ account: revenue.account, buKey: revenue.buKey, treatment: only.treatment, grossCents: toCents(only.net) + toCents(only.tax) }];
  }
  const groups = new Map<string, { account: string; buKey: string; treatment: TaxTreatment; nets: Decimal[] }>();
  const byRate = new Map<string, { tax: Decimal; keys: string[] }>();
  for (const part of d.parts) {
    const revenue = revenueOfPart(ctx, d, part);
    if (!revenue) return null;
    const key = `${revenue.account}|${revenue.buKey}|${part.rate}|${part.taxGroupCode}|${part.treatment}`;
    const g = groups.get(key) ?? { account: revenue.account, buKey: revenue.buKey, treatment: part.treatment, nets: [] };
    g.nets.push(part.net);
    groups.set(key, g);
    const r = byRate.get(part.rate) ?? { tax: ZERO, keys: [] };
    byRate.set(part.rate, { tax: r.tax.plus(part.tax), keys: r.keys.includes(key) ? r.keys : [...r.keys, key] });
  }
  // Tax per group: when one rate spans several accounts, the rate's tax is shared by net.
  const grossByKey = new Map<string, number>();
  for (const r of byRate.values()) {
    const nets = r.keys.map((k) => sum(groups.get(k)!.nets));
    const taxes = distributeTax(nets, r.tax);
    r.keys.forEach((k, i) => grossByKey.set(k, toCents(nets[i]!.plus(taxes[i]!))));
  }
  return [...groups].map(([key, g]) => ({ account: g.account, buKey: g.buKey, treatment: g.treatment, grossCents: grossByKey.get(key)! }));
}

function documentBookings(ctx: Ctx, d: DocumentEntry, debitor: string, emit: (b: DatevBooking) => void): void {
  const lines = revenueLines(ctx, d);
  if (lines === null) return;
  const name = nameOf(ctx, d.customer);
  const reverseCharge = d.parts.some((p) => p.treatment === 'REVERSE_CHARGE');
  const vatId = reverseCharge ? compactVatId(d.recipientVatId ?? d.customer.vatId) : '';
  if (reverseCharge && vatId === '') {
    ctx.warnings.push({ code: 'MISSING_VAT_ID', message: `${d.number}: Reverse Charge ohne USt-IdNr. des Kunden (Spalte 40 bleibt leer)` });
  }
  // A cancellation carries the cancelled invoice's number in Belegfeld 1, so DATEV's open-item
  // accounting nets it against the invoice; its own number goes to Beleginfo and the text.
  const beleg = belegfeld(d.documentKind === 'CANCELLATION' && d.cancelsNumber ? d.cancelsNumber : d.number);
  const label = d.documentKind === 'CANCELLATION' ? `Storno ${d.number} zu ${d.cancelsNumber ?? ''}` : d.documentKind === 'CREDIT_NOTE' ? `Gutschrift ${d.number}` : d.number;
  const beleginfo: readonly (readonly [string, string])[] =
    d.documentKind === 'CANCELLATION' ? [['Stornorechnung', d.number]] : d.documentKind === 'CREDIT_NOTE' ? [['Gutschrift', d.number]] : NO_BELEGINFO;
  let line = 0;
  for (let i = 0; i < lines.length; i++) {
    const g = lines[i]!;
    line += 1;
    if (g.grossCents === 0) {
      ctx.warnings.push({ code: 'ZERO_AMOUNT', message: `${d.number}: Betrag 0,00 auf Konto ${g.account} wird nicht exportiert` });
      continue;
    }
    emit({
      entryId: d.entryId,
      cents: Math.abs(g.grossCents),
      side: g.grossCents > 0 ? 'S' : 'H',
      currency: d.currency,
      account: debitor,
      contraAccount: g.account,
      buKey: g.buKey,
      date: d.date,
      belegfeld1: beleg,
      text: limit(`${name} ${label}`.trim(), 60),
      beleginfo,
      euVatId: g.treatment === 'REVERSE_CHARGE' ? vatId : '',
      serviceDate: d.serviceDate,
      dueDate: d.documentKind === 'INVOICE' ? d.dueDate : null,
      guid: bookingGuid(ctx.guidNamespace, d.entryId, line),
    });
  }
}

/** The G/L account an entry is booked against, and whether it is the bank (then the bank is column 7). */
function contraOf(s: DatevSettings, e: MoneyEntry): { account: string; bank: boolean } {
  const bank = e.bankAccount ?? s.bankAccount;
  switch (e.type) {
    case 'PAYMENT':
    case 'DIRECT_DEBIT_RETURN':
    case 'REFUND':
      return { account: bank, bank: true };
    case 'MANUAL_CREDIT':
      // A Gutschrift from a bank receipt without invoice reference (S7) is money received.
      return e.viaBank ? { account: bank, bank: true } : { account: s.manualCreditAccount, bank: false };
    case 'MANUAL_DEBIT':
      return { account: s.manualDebitAccount, bank: false };
    case 'FEE':
      return { account: s.feeAccount, bank: false };
  }
}

function moneyBookings(ctx: Ctx, e: MoneyEntry, debitor: string, emit: (b: DatevBooking) => void): void {
  const { settings } = ctx;
  if (e.amount.isZero()) {
    ctx.warnings.push({ code: 'ZERO_AMOUNT', message: `Buchung ${e.entryId}: Betrag 0,00 wird nicht exportiert` });
    return;
  }
  const contra = contraOf(settings, e);
  const accountError = glAccountError(ctx, contra.account, 'Gegenkonto');
  if (accountError !== null) {
    ctx.errors.push(`Buchung ${e.entryId}: ${accountError}`);
    return;
  }
  const name = nameOf(ctx, e.customer);
  const label = e.reversal ? REVERSAL_TEXT[e.type] : PAYMENT_LIKE_TEXT[e.type];
  // Split by the invoices the money was allocated to: each part carries that invoice's number
  // in Belegfeld 1 so DATEV clears the open item (a counter-entry: re-opens it, on the mirrored
  // side); an unassigned rest keeps the entry's reference. In whole cents, as integers.
  const total = Math.abs(toCents(e.amount));
  const single = e.allocations.length === 1 ? e.allocations[0]! : null;
  let parts: { cents: number; beleg: string }[];
  if (single && Math.abs(toCents(single.amount)) === total) {
    // The common case: the whole amount for one invoice (a literal: no array grown by push).
    parts = [{ cents: total, beleg: single.invoiceNumber }];
  } else {
    parts = [];
    let assigned = 0;
    for (const a of e.allocations) {
      const cents = Math.abs(toCents(a.amount));
      if (cents === 0 || assigned + cents > total) continue;
      parts.push({ cents, beleg: a.invoiceNumber });
      assigned += cents;
    }
    if (total > assigned) parts.push({ cents: total - assigned, beleg: e.reference ?? '' });
  }
  // Ledger sign: debit of the customer (> 0) is debitor S; credit (< 0) debitor H.
  const debitorSide: Side = e.amount.isPositive() ? 'S' : 'H';
  const otherSide: Side = debitorSide === 'S' ? 'H' : 'S';
  const beleginfo = beleginfoOf(ctx, e.text);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const beleg = belegfeld(part.beleg);
    const text = limit(beleg === '' ? `${label} ${name}` : `${label} ${name} ${beleg}`, 60);
    emit({
      entryId: e.entryId,
      cents: part.cents,
      side: contra.bank ? otherSide : debitorSide,
      currency: e.currency,
      account: contra.bank ? contra.account : debitor,
      contraAccount: contra.bank ? debitor : contra.account,
      buKey: '',
      date: e.date,
      belegfeld1: beleg,
      text,
      beleginfo,
      euVatId: '',
      serviceDate: null,
      dueDate: null,
      guid: bookingGuid(ctx.guidNamespace, e.entryId, i + 1),
    });
  }
}

export interface BookingProblems {
  readonly warnings: DatevWarning[];
  /** Items that could not be booked (no debitor, no account); nothing is written for them. */
  readonly errors: string[];
}

/** What a booking pass leaves besides the bookings. */
export interface BookingPass extends BookingProblems {
  /** The debitor of each customer met (customer id → account or why there is none), for the summary. */
  readonly debitors: ReadonlyMap<number, Debitor>;
}

export interface BookingResult extends BookingPass {
  readonly bookings: DatevBooking[];
}

/**
 * The bookings of ledger items, handed to `emit` one by one in the order given (the service
 * sorts by date and entry id): a large export writes each line at once instead of holding
 * 100 000 booking objects.
 */
export function forEachBooking(items: readonly LedgerItem[], settings: DatevSettings, guidNamespace: string, emit: (b: DatevBooking) => void): BookingPass {
  const ctx: Ctx = { settings, guidNamespace, warnings: [], errors: [], accountChecks: new Map(), names: new Map(), beleginfos: new Map() };
  const debitors = new Map<number, Debitor>();
  // Indexed: for…of made an iterator result per item here (seen in an allocation profile).
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    let debitor = debitors.get(item.customer.id);
    if (debitor === undefined) {
      debitor = debitorFor(settings, item.customer);
      debitors.set(item.customer.id, debitor);
    }
    if ('error' in debitor) {
      ctx.errors.push(debitor.error);
      continue;
    }
    if (item.currency !== settings.currency) {
      ctx.warnings.push({
        code: 'FOREIGN_CURRENCY',
        message: `${item.source === 'DOCUMENT' ? item.number : `Buchung ${item.entryId}`}: Währung ${item.currency} ohne Kurs – bitte mit der Steuerberatung klären`,
      });
    }
    if (item.source === 'DOCUMENT') documentBookings(ctx, item, debitor.account, emit);
    else moneyBookings(ctx, item, debitor.account, emit);
  }
  // One misconfigured account or customer repeats its message for every booking: keep each once.
  const seen = new Set<string>();
  const warnings = ctx.warnings.filter((w) => !seen.has(w.message) && seen.add(w.message));
  return { warnings, errors: [...new Set(ctx.errors)], debitors };
}

/** Bookings for ledger items, in the order given, as one list. */
export function bookingsFor(items: readonly LedgerItem[], settings: DatevSettings, guidNamespace: string): BookingResult {
  const bookings: DatevBooking[] = [];
  const problems = forEachBooking(items, settings, guidNamespace, (b) => bookings.push(b));
  return { bookings, ...problems };
}

export interface AccountSum {
  readonly account: string;
  readonly debit: Decimal;
  readonly credit: Decimal;
}

/**
 * Debit and credit per account, added up booking by booking (both sides of every line), for
 * the summary. The running sums are integer cents like the bookings' amounts (exact, and no new
 * Decimal per booking); they become Decimals again in list().
 */
export class AccountSums {
  private readonly map = new Map<string, { debit: number; credit: number }>();

  private of(account: string): { debit: number; credit: number } {
    let sums = this.map.get(account);
    if (sums === undefined) {
      sums = { debit: 0, credit: 0 };
      this.map.set(account, sums);
    }
    return sums;
  }

  add(b: DatevBooking): void {
    const cents = b.cents;
    this.of(b.side === 'S' ? b.account : b.contraAccount).debit += cents;
    this.of(b.side === 'S' ? b.contraAccount : b.account).credit += cents;
  }

  list(): AccountSum[] {
    for (const [account, v] of this.map) {
      if (!Number.isSafeInteger(v.debit) || !Number.isSafeInteger(v.credit)) throw new Error(`Summe auf Konto ${account} ist zu groß`);
    }
    return [...this.map.entries()]
      .map(([account, v]) => ({ account, debit: fromCents(v.debit), credit: fromCents(v.credit) }))
      .sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));
  }
}

/** Names the summary needs to say what an account is. */
export interface AccountNameSources {
  /** Tax groups of the company file (code → name, e.g. DE_STANDARD → "Deutschland / Regelsteuersatz"). */
  readonly taxGroups: readonly { readonly code: string; readonly name: string }[];
  /** Bank accounts that have a DATEV account of their own. */
  readonly bankAccounts: readonly { readonly account: string; readonly name: string }[];
  /** The customers whose bookings are summed. */
  readonly customers: readonly DatevCustomer[];
  /** Their debitors as the booking pass found them. */
  readonly debitors: ReadonlyMap<number, Debitor>;
}

/**
 * What each account of the settings and the booked customers is, in the bookkeeper's words:
 * the debitor's customer, "Bank", "Erlöse <tax group>", the accounts of manual bookings and
 * fees. Several meanings of one account are joined; an account the settings do not name (a
 * product group's own revenue account) has no entry.
 */
export function accountLabels(settings: DatevSettings, sources: AccountNameSources): Map<string, string> {
  const meanings = new Map<string, string[]>();
  const add = (account: string, label: string): void => {
    const list = meanings.get(account);
    if (list === undefined) meanings.set(account, [label]);
    else if (!list.includes(label)) list.push(label);
  };
  const groupName = new Map(sources.taxGroups.map((g) => [g.code, g.name]));
  add(settings.bankAccount, 'Bank');
  for (const b of sources.bankAccounts) add(b.account, `Bank ${b.name}`);
  for (const [code, revenue] of Object.entries(settings.revenueAccounts)) add(revenue.account, `Erlöse ${groupName.get(code) ?? code}`);
  add(settings.manualCreditAccount, 'Manuelle Gutschriften');
  add(settings.manualDebitAccount, 'Manuelle Belastungen');
  add(settings.feeAccount, 'Gebühren');
  const debitorCustomers = new Map<string, string[]>();
  for (const c of sources.customers) {
    const debitor = sources.debitors.get(c.id);
    if (debitor === undefined || 'error' in debitor) continue;
    const names = debitorCustomers.get(debitor.account) ?? [];
    names.push(customerName(c));
    debitorCustomers.set(debitor.account, names);
  }
  for (const [account, names] of debitorCustomers) {
    if (settings.debitorMode === 'SINGLE') add(account, 'Sammeldebitor');
    else add(account, names.length === 1 ? names[0]! : `${names[0]!} und ${names.length - 1} weitere`);
  }
  return new Map([...meanings].map(([account, list]) => [account, list.join(' / ')]));
}

/** Debit and credit per account over bookings (both sides of every line), for the summary. */
export function sumsPerAccount(bookings: readonly DatevBooking[]): AccountSum[] {
  const sums = new AccountSums();
  for (const b of bookings) sums.add(b);
  return sums.list();
}
