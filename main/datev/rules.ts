// Pure DATEV rules (DOMAIN §10, ../shared/conformance/DATEV-EXTF.md §4 and §6): default
// accounts per chart, settings checks, debitor derivation, fiscal years, and the booking
// rules that turn ledger items into Buchungsstapel lines. No database, no clock.
import { createHash } from 'node:crypto';
import type { IsoDate } from '../../shared/dates';
import { addDays, addMonthsClamped, formatDate, isIsoDate, isoDate, splitDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { Decimal, ZERO, sum } from '../../shared/money';
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

/** Chart accounts at Sachkontenlänge 4 (DATEV-EXTF.md §6). */
export const CHART_DEFAULTS: Readonly<
  Record<Chart, { revenue: Readonly<Record<string, string>>; bank: string; manualCredit: string; manualDebit: string; fee: string }>
> = {
  SKR03: {
    // 8400 Erlöse 19 %, 8300 Erlöse 7 %, 8195 Kleinunternehmer § 19 UStG, 8337 § 13b UStG,
    // 8338 im Drittland steuerbar (im Inland nicht steuerbar).
    revenue: { DE_STANDARD: '8400', DE_REDUCED: '8300', DE_SMALL_BUSINESS: '8195', EU_REVERSE_CHARGE: '8337', NON_EU: '8338' },
    bank: '1200',
    // 8700 Erlösschmälerungen, 8200 Erlöse (ohne Steuerautomatik), 2700 Sonstige Erträge.
    manualCredit: '8700',
    manualDebit: '8200',
    fee: '2700',
  },
  SKR04: {
    revenue: { DE_STANDARD: '4400', DE_REDUCED: '4300', DE_SMALL_BUSINESS: '4185', EU_REVERSE_CHARGE: '4337', NON_EU: '4338' },
    bank: '1800',
    manualCredit: '4700',
    manualDebit: '4200',
    fee: '4830',
  },
};

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

/** The revenue account of a tax group for the settings' chart; a group without mapping falls back to the chart default. */
export function revenueAccountFor(settings: DatevSettings, taxGroupCode: string): RevenueAccount | null {
  const configured = settings.revenueAccounts[taxGroupCode];
  if (configured) return configured;
  const fallback = CHART_DEFAULTS[settings.chart].revenue[taxGroupCode];
  return fallback ? { account: extendAccount(fallback, settings.accountLength), buKey: '' } : null;
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

/** The customer's debitor account under the settings, or an error message naming the customer. */
export function debitorFor(s: DatevSettings, c: DatevCustomer): { account: string } | { error: string } {
  let account: string;
  if (s.debitorMode === 'SINGLE') {
    account = s.singleDebitor;
  } else if (s.debitorMode === 'NUMBER') {
    const digits = c.number.replace(/\D/g, '');
    if (digits === '') return { error: `Kunde ${c.number}: Kundennummer enthält keine Ziffern für das Debitorenkonto` };
    account = String(BigInt(s.debitorRangeFrom) + BigInt(digits));
  } else {
    if (!c.debitorAccount) return { error: `Kunde ${c.number}: kein Debitorenkonto hinterlegt` };
    account = c.debitorAccount;
  }
  const invalid = checkDebitorAccount(account, s.accountLength);
  if (invalid) return { error: `Kunde ${c.number}: ${invalid}` };
  if (s.debitorMode !== 'SINGLE' && (BigInt(account) < BigInt(s.debitorRangeFrom) || BigInt(account) > BigInt(s.debitorRangeTo))) {
    return { error: `Kunde ${c.number}: Debitorenkonto ${account} liegt außerhalb des Bereichs ${s.debitorRangeFrom}–${s.debitorRangeTo}` };
  }
  return { account };
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

const namespaceHashes = new Map<string, string>();

/**
 * Buchungs GUID: a stable UUID-shaped id of (company, ledger entry, line), so the same booking
 * exported twice carries the same GUID and DATEV can recognise it.
 */
export function bookingGuid(namespace: string, entryId: number, line: number): string {
  if (!Number.isSafeInteger(entryId) || entryId < 0 || entryId >= 2 ** 48 || line < 0 || line > 0xfff) {
    throw new Error(`Buchungs-GUID: Kontobewegung ${entryId} / Zeile ${line} außerhalb des Bereichs`);
  }
  let ns = namespaceHashes.get(namespace);
  if (ns === undefined) {
    ns = createHash('sha256').update(`abowerk-datev:${namespace}`).digest('hex').slice(0, 15);
    namespaceHashes.set(namespace, ns);
  }
  // Company hash (60 bits) + line (12 bits) + ledger entry id (48 bits): unique per booking,
  // stable across exports, and the entry id can be read back from the GUID.
  return `${ns.slice(0, 8)}-${ns.slice(8, 12)}-5${ns.slice(12, 15)}-8${line.toString(16).padStart(3, '0')}-${entryId.toString(16).padStart(12, '0')}`;
}

export interface BookingResult {
  readonly bookings: DatevBooking[];
  readonly warnings: DatevWarning[];
  /** Items that could not be booked (no debitor, no account); nothing is written for them. */
  readonly errors: string[];
}

const PAYMENT_LIKE_TEXT: Readonly<Record<MoneyEntry['type'], string>> = {
  PAYMENT: 'Zahlung',
  MANUAL_CREDIT: 'Gutschrift',
  MANUAL_DEBIT: 'Belastung',
  DIRECT_DEBIT_RETURN: 'Rücklastschrift',
  FEE: 'Gebühr',
  REFUND: 'Erstattung',
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
  /** Account check results by "label|account" (large exports check the same few accounts). */
  readonly accountChecks: Map<string, string | null>;
  readonly settings: DatevSettings;
  readonly guidNamespace: string;
  readonly warnings: DatevWarning[];
  readonly errors: string[];
}

function glAccountError(ctx: Ctx, account: string, label: string): string | null {
  const key = `${label}|${account}`;
  let result = ctx.accountChecks.get(key);
  if (result === undefined) {
    result = checkGlAccount(account, ctx.settings.accountLength, label);
    ctx.accountChecks.set(key, result);
  }
  return result;
}

function documentBookings(ctx: Ctx, d: DocumentEntry, debitor: string): DatevBooking[] {
  const { settings } = ctx;
  // Group the parts by (revenue account, BU key, rate): one line per tax rate and account.
  const groups = new Map<string, { account: string; buKey: string; rate: string; taxGroupCode: string; nets: Decimal[]; taxes: Decimal[] }>();
  const byRate = new Map<string, { tax: Decimal; keys: string[] }>();
  const several = d.parts.length > 1;
  for (const part of d.parts) {
    const mapped = revenueAccountFor(settings, part.taxGroupCode);
    const account = part.account ?? mapped?.account ?? null;
    if (!account) {
      ctx.errors.push(`${d.number}: kein Erlöskonto für Steuergruppe ${part.taxGroupCode} (Einstellungen → DATEV)`);
      return [];
    }
    if (glAccountError(ctx, account, 'Erlöskonto') !== null) {
      ctx.errors.push(`${d.number}: ${glAccountError(ctx, account, 'Erlöskonto')}`);
      return [];
    }
    const buKey = mapped?.buKey ?? '';
    const key = `${account}|${buKey}|${part.rate}|${part.taxGroupCode}`;
    const g = groups.get(key) ?? { account, buKey, rate: part.rate, taxGroupCode: part.taxGroupCode, nets: [], taxes: [] };
    g.nets.push(part.net);
    g.taxes.push(part.tax);
    groups.set(key, g);
    if (several) {
      const r = byRate.get(part.rate) ?? { tax: ZERO, keys: [] };
      byRate.set(part.rate, { tax: r.tax.plus(part.tax), keys: r.keys.includes(key) ? r.keys : [...r.keys, key] });
    }
  }
  // Tax per group: when one rate spans several accounts, the rate's tax is shared by net.
  const grossByKey = new Map<string, Decimal>();
  if (!several) {
    const only = d.parts[0]!;
    grossByKey.set(groups.keys().next().value!, only.net.plus(only.tax));
  } else {
    for (const r of byRate.values()) {
      const nets = r.keys.map((k) => sum(groups.get(k)!.nets));
      const taxes = distributeTax(nets, r.tax);
      r.keys.forEach((k, i) => grossByKey.set(k, nets[i]!.plus(taxes[i]!)));
    }
  }
  const name = customerName(d.customer);
  const reverseCharge = d.parts.some((p) => p.taxGroupCode === 'EU_REVERSE_CHARGE');
  const vatId = reverseCharge ? compactVatId(d.recipientVatId ?? d.customer.vatId) : '';
  if (reverseCharge && vatId === '') {
    ctx.warnings.push({ code: 'MISSING_VAT_ID', message: `${d.number}: Reverse Charge ohne USt-IdNr. des Kunden (Spalte 40 bleibt leer)` });
  }
  // A cancellation carries the cancelled invoice's number in Belegfeld 1, so DATEV's open-item
  // accounting nets it against the invoice; its own number goes to Beleginfo and the text.
  const beleg = belegfeld(d.documentKind === 'CANCELLATION' && d.cancelsNumber ? d.cancelsNumber : d.number);
  const label = d.documentKind === 'CANCELLATION' ? `Storno ${d.number} zu ${d.cancelsNumber ?? ''}` : d.documentKind === 'CREDIT_NOTE' ? `Gutschrift ${d.number}` : d.number;
  const beleginfo: [string, string][] =
    d.documentKind === 'CANCELLATION' ? [['Stornorechnung', d.number]] : d.documentKind === 'CREDIT_NOTE' ? [['Gutschrift', d.number]] : [];
  const out: DatevBooking[] = [];
  let line = 0;
  for (const [key, g] of groups) {
    const gross = grossByKey.get(key)!;
    line += 1;
    if (gross.isZero()) {
      ctx.warnings.push({ code: 'ZERO_AMOUNT', message: `${d.number}: Betrag 0,00 auf Konto ${g.account} wird nicht exportiert` });
      continue;
    }
    const side: Side = gross.isPositive() ? 'S' : 'H';
    out.push({
      entryId: d.entryId,
      amount: gross.abs(),
      side,
      currency: d.currency,
      account: debitor,
      contraAccount: g.account,
      buKey: g.buKey,
      date: d.date,
      belegfeld1: beleg,
      text: limit(`${name} ${label}`.trim(), 60),
      beleginfo,
      euVatId: g.taxGroupCode === 'EU_REVERSE_CHARGE' ? vatId : '',
      serviceDate: d.serviceDate,
      dueDate: d.documentKind === 'INVOICE' ? d.dueDate : null,
      guid: bookingGuid(ctx.guidNamespace, d.entryId, line),
    });
  }
  return out;
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

function moneyBookings(ctx: Ctx, e: MoneyEntry, debitor: string): DatevBooking[] {
  const { settings } = ctx;
  if (e.amount.isZero()) {
    ctx.warnings.push({ code: 'ZERO_AMOUNT', message: `Buchung ${e.entryId}: Betrag 0,00 wird nicht exportiert` });
    return [];
  }
  const contra = contraOf(settings, e);
  const accountError = glAccountError(ctx, contra.account, 'Gegenkonto');
  if (accountError !== null) {
    ctx.errors.push(`Buchung ${e.entryId}: ${accountError}`);
    return [];
  }
  const name = customerName(e.customer);
  const label = PAYMENT_LIKE_TEXT[e.type];
  // Split by the invoices the money was allocated to: each part carries that invoice's number
  // in Belegfeld 1 so DATEV clears the open item; an unassigned rest keeps the entry's reference.
  const total = e.amount.abs();
  const parts: { amount: Decimal; beleg: string }[] = [];
  let assigned = ZERO;
  const single = e.allocations.length === 1 ? e.allocations[0]! : null;
  if (single && single.amount.abs().equals(total)) {
    // The common case: the whole amount for one invoice.
    parts.push({ amount: total, beleg: single.invoiceNumber });
    assigned = total;
  } else for (const a of e.allocations) {
    if (a.amount.isZero() || assigned.plus(a.amount.abs()).greaterThan(total)) continue;
    parts.push({ amount: a.amount.abs(), beleg: a.invoiceNumber });
    assigned = assigned.plus(a.amount.abs());
  }
  const rest = total.minus(assigned);
  if (rest.greaterThan(0)) parts.push({ amount: rest, beleg: e.reference ?? '' });
  // Ledger sign: debit of the customer (> 0) is debitor S; credit (< 0) debitor H.
  const debitorSide: Side = e.amount.isPositive() ? 'S' : 'H';
  const otherSide: Side = debitorSide === 'S' ? 'H' : 'S';
  return parts.map((p, i) => {
    const beleg = belegfeld(p.beleg);
    const text = limit([label, name, beleg].filter(Boolean).join(' '), 60);
    return {
      entryId: e.entryId,
      amount: p.amount,
      side: contra.bank ? otherSide : debitorSide,
      currency: e.currency,
      account: contra.bank ? contra.account : debitor,
      contraAccount: contra.bank ? debitor : contra.account,
      buKey: '',
      date: e.date,
      belegfeld1: beleg,
      text,
      beleginfo: e.text.trim() !== '' ? [['Text Kundenkonto', e.text]] : [],
      euVatId: '',
      serviceDate: null,
      dueDate: null,
      guid: bookingGuid(ctx.guidNamespace, e.entryId, i + 1),
    };
  });
}

/** Bookings for ledger items, in the order given (the service sorts by date and entry id). */
export function bookingsFor(items: readonly LedgerItem[], settings: DatevSettings, guidNamespace: string): BookingResult {
  const ctx: Ctx = { settings, guidNamespace, warnings: [], errors: [], accountChecks: new Map() };
  const bookings: DatevBooking[] = [];
  const debitors = new Map<number, ReturnType<typeof debitorFor>>();
  for (const item of items) {
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
    bookings.push(...(item.source === 'DOCUMENT' ? documentBookings(ctx, item, debitor.account) : moneyBookings(ctx, item, debitor.account)));
  }
  return { bookings, warnings: ctx.warnings, errors: ctx.errors };
}

/** Debit and credit per account over bookings (both sides of every line), for the summary. */
export function sumsPerAccount(bookings: readonly DatevBooking[]): { account: string; debit: Decimal; credit: Decimal }[] {
  const map = new Map<string, { debit: Decimal; credit: Decimal }>();
  const add = (account: string, side: Side, amount: Decimal): void => {
    const cur = map.get(account) ?? { debit: ZERO, credit: ZERO };
    map.set(account, side === 'S' ? { ...cur, debit: cur.debit.plus(amount) } : { ...cur, credit: cur.credit.plus(amount) });
  };
  for (const b of bookings) {
    add(b.account, b.side, b.amount);
    add(b.contraAccount, b.side === 'S' ? 'H' : 'S', b.amount);
  }
  return [...map.entries()].map(([account, v]) => ({ account, ...v })).sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));
}
