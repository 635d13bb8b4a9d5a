// §9 matching: suggestions with a score and German reasons. The open items and customers are
// indexed once (invoice number forms, customer numbers, IBANs, names, amounts); each
// transaction then costs a few map look-ups — never transactions × invoices.
import { Decimal, ZERO } from '../../shared/money';

export interface OpenItem {
  readonly invoiceId: number;
  readonly invoiceNumber: string;
  readonly customerId: number;
  readonly openAmount: Decimal;
  readonly currency: string;
  readonly dueDate: string;
}

export interface CustomerRef {
  readonly id: number;
  readonly number: string;
  readonly name: string;
  readonly ibans: readonly string[];
}

export interface MatchInput {
  readonly amount: Decimal;
  readonly currency: string;
  readonly remittance: string;
  readonly counterpartyName: string | null;
  readonly counterpartyIban: string | null;
}

export interface Allocation {
  readonly invoiceId: number;
  readonly invoiceNumber: string;
  readonly amount: Decimal;
}

export interface Suggestion {
  readonly customerId: number;
  readonly allocations: readonly Allocation[];
  /** Part of the payment beyond the chosen invoices: becomes the customer's credit (Guthaben). */
  readonly overpayment: Decimal;
  readonly score: number;
  readonly reasons: readonly string[];
}

export const REASONS = {
  invoiceNumber: 'Rechnungsnummer im Verwendungszweck',
  invoiceNumberWeak: 'Rechnungsnummer (ohne Präfix) im Verwendungszweck',
  customerNumber: 'Kundennummer im Verwendungszweck',
  iban: 'IBAN bekannt',
  name: 'Name des Kunden',
  amountEqual: 'Betrag = offene Posten',
  amountEqualUnique: 'Betrag = einziger offener Posten mit diesem Betrag',
  partial: 'Teilzahlung',
  overpayment: 'Überzahlung wird Guthaben',
  ibanOfOtherCustomer: 'IBAN gehört zu einem anderen Kunden',
} as const;

// payerContradicts: the most a suggestion may score when the payer's known IBAN belongs to another
// customer — still shown (parents pay for subsidiaries), but below the default threshold.
const SCORE = { strong: 60, weak: 40, customerNumber: 25, iban: 20, name: 10, amount: 30, uniqueAmount: 30, payerContradicts: 50 } as const;

/** Default of the setting bank.autoBookThreshold. */
export const DEFAULT_AUTO_BOOK_THRESHOLD = 90;

/** Words that announce an invoice number; "Rechnungsnr.", "ReNr" and "Re.-Nr." are one of them plus "Nr". */
const INVOICE_WORDS: ReadonlySet<string> = new Set(['RE', 'RG', 'RECH', 'RECHN', 'RECHNUNG', 'RECHNUNGS', 'INVOICE', 'INV', 'FAKTURA', 'BELEG', 'BELEGS']);
const NUMBER_WORDS: ReadonlySet<string> = new Set(['NR', 'NO', 'NUMMER']);
/** Words that announce a customer number („Kd.-Nr. 123“, „K00042“); whole words only, as for invoices. */
const CUSTOMER_WORDS: ReadonlySet<string> = new Set(['KD', 'KUNDE', 'KUNDENNR', 'KUNDENNUMMER', 'KNR', 'K']);

export function normalizeName(name: string): string {
  return name
    .toUpperCase()
    .replace(/Ä/g, 'AE')
    .replace(/Ö/g, 'OE')
    .replace(/Ü/g, 'UE')
    .replace(/ß/g, 'SS')
    .replace(/\b(GMBH|MBH|AG|KG|UG|OHG|GBR|E\s?K|E\s?V|CO|HAFTUNGSBESCHRAENKT|UND|&)\b/g, ' ')
    .replace(/[^A-Z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .sort()
    .join(' ');
}

const stripZeros = (digits: string) => digits.replace(/^0+(?=\d)/, '');
const isYear = (digits: string) => /^(19|20)\d{2}$/.test(digits);
const normalizeIban = (iban: string) => iban.replace(/\s+/g, '').toUpperCase();

/** Letters an invoice number starts with ("RE" of "RE-2026-000101"): the number range's own prefix. */
function invoicePrefixOf(invoiceNumber: string): string | null {
  return /^[A-Z]+/.exec(invoiceNumber.toUpperCase())?.[0] ?? null;
}

// Hyphen look-alikes (U+2010–U+2015, minus sign, small/full-width hyphen) and "_", as banks and
// keyboards write them in "RE–2026–000101".
const DASH_LIKE = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D_]/g;

const YEAR = String.raw`(?:19|20)\d{2}`;
const MONTH = String.raw`(?:0?[1-9]|1[0-2])`;
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])`;
/** 2026-11-05, 2026-11, 2026/11, 2026.11, 05.11.2026, 05.11.26, 11/2026, 11.2026 — not within a longer run of digits. */
const DATE_SHAPED = new RegExp(String.raw`(?<!\d)(?:${YEAR}([-/.])${MONTH}(?:\1${DAY})?|${DAY}\.${MONTH}\.(?:${YEAR}|\d{2})|${MONTH}[-/.]${YEAR})(?![-/.]?\d)`, 'g');

/** The whole word that ends before `at` with only separators between ("RE.-NR. " → "NR"); '' if none. */
function wordBefore(text: string, at: number): { word: string; start: number } {
  let end = at;
  while (end > 0 && /[\s.:#-]/.test(text[end - 1] ?? '')) end--;
  let start = end;
  while (start > 0 && /[A-Z]/.test(text[start - 1] ?? '')) start--;
  return { word: text.slice(start, end), start };
}

/** An invoice word or one of the invoice prefixes stands right before `at` ("RE-", "Rechnung ", "Re.-Nr. "). */
function invoiceWordBefore(text: string, at: number, prefixes: ReadonlySet<string>): boolean {
  const isInvoiceWord = (w: string) => INVOICE_WORDS.has(w) || prefixes.has(w) || INVOICE_WORDS.has(w.replace(/(NR|NUMMER)$/, ''));
  const last = wordBefore(text, at);
  if (isInvoiceWord(last.word)) return true;
  return NUMBER_WORDS.has(last.word) && isInvoiceWord(wordBefore(text, last.start).word);
}

/** A customer word stands right before `at` ("KD 123", "Kd.-Nr. 123", "K123"), not the end of another word ("BANK 123"). */
function customerWordBefore(text: string, at: number): boolean {
  const last = wordBefore(text, at);
  if (CUSTOMER_WORDS.has(last.word)) return true;
  return NUMBER_WORDS.has(last.word) && CUSTOMER_WORDS.has(wordBefore(text, last.start).word);
}

/**
 * The remittance text as matching reads it: upper case, hyphen look-alikes as "-", and dates
 * blanked out. "Abo 2026-11" and even "Rechnung 2026-11" name a month far more often than
 * invoice 11 of 2026 without its zeros; a wrong automatic booking costs more than a missed one.
 */
function readableRemittance(text: string): string {
  return text
    .toUpperCase()
    .replace(DASH_LIKE, '-')
    .replace(DATE_SHAPED, (date: string) => '|'.repeat(date.length));
}

/** Index keys of an invoice number: all digits ("D:2026000101"), year+sequence ("Y:2026:101"), sequence ("S:101"). */
export function invoiceNumberKeys(invoiceNumber: string): { strong: string[]; weak: string[] } {
  const groups = invoiceNumber.match(/\d+/g) ?? [];
  if (groups.length === 0) return { strong: [], weak: [] };
  const all = groups.join('');
  const strong = [`D:${all}`];
  const last = stripZeros(groups[groups.length - 1] ?? '');
  const year = groups.find(isYear);
  if (year && groups.length > 1) strong.push(`Y:${year}:${last}`);
  return { strong, weak: groups.length > 1 || all.length >= 3 ? [`S:${last}`] : [] };
}

interface TextHit {
  readonly key: string;
  readonly strong: boolean;
  /** Preceded by "RE", "Rechnung", "Rg.-Nr." … */
  readonly keyword?: boolean;
}

/**
 * Number keys found in a remittance text, tolerant of spaces, missing prefix and leading zeros.
 * Year + sequence ("Y:2026:11") only after an invoice word or prefix: a bare "2026-11" is a month.
 */
export function textNumberKeys(text: string, invoicePrefixes: ReadonlySet<string> = new Set()): TextHit[] {
  return numberKeysIn(readableRemittance(text), invoicePrefixes);
}

/** Number keys in a text already made readable (see readableRemittance). */
function numberKeysIn(text: string, prefixes: ReadonlySet<string>): TextHit[] {
  const hits: TextHit[] = [];
  // Runs of digit groups joined by spaces, hyphens, slashes or dots ("2026 000 101", "2026-101").
  for (const m of text.matchAll(/\d+(?:[\s\-/.]+\d+)*/g)) {
    const groups = m[0].match(/\d+/g) ?? [];
    const keyword = invoiceWordBefore(text, m.index ?? 0, prefixes);
    // Every contiguous sub-run of groups: "RE 2026 000101 vom 12.11.2026" must still find 2026/000101.
    for (let i = 0; i < groups.length; i++) {
      let joined = '';
      for (let j = i; j < groups.length && j < i + 4; j++) {
        joined += groups[j];
        hits.push({ key: `D:${joined}`, strong: true });
        if (i === 0 && j === 1 && keyword && isYear(groups[0] ?? '')) hits.push({ key: `Y:${groups[0]}:${stripZeros(groups[1] ?? '')}`, strong: true });
      }
      const g = groups[i] ?? '';
      // A year in front of a sequence ("2026-000101") is not itself an invoice sequence.
      const yearPrefix = isYear(g) && i + 1 < groups.length;
      if (!yearPrefix && ((i === 0 && keyword) || g.length >= 3)) hits.push({ key: `S:${stripZeros(g)}`, strong: false, keyword: i === 0 && keyword });
    }
  }
  return hits;
}

export interface MatchIndex {
  readonly items: ReadonlyMap<number, OpenItem>;
  readonly byNumberKey: ReadonlyMap<string, number[]>;
  readonly byCustomer: ReadonlyMap<number, OpenItem[]>;
  readonly byIban: ReadonlyMap<string, number[]>;
  readonly byCustomerNumber: ReadonlyMap<string, number>;
  readonly byName: ReadonlyMap<string, number[]>;
  readonly byAmount: ReadonlyMap<string, number[]>;
  /** Letters the open invoice numbers start with ("RE"): an invoice word in the text. */
  readonly invoicePrefixes: ReadonlySet<string>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

export function buildMatchIndex(openItems: readonly OpenItem[], customers: readonly CustomerRef[]): MatchIndex {
  const items = new Map<number, OpenItem>();
  const byNumberKey = new Map<string, number[]>();
  const byCustomer = new Map<number, OpenItem[]>();
  const byAmount = new Map<string, number[]>();
  const invoicePrefixes = new Set<string>();
  for (const item of openItems) {
    if (item.openAmount.lte(0)) continue;
    items.set(item.invoiceId, item);
    const prefix = invoicePrefixOf(item.invoiceNumber);
    if (prefix) invoicePrefixes.add(prefix);
    const keys = invoiceNumberKeys(item.invoiceNumber);
    for (const k of [...keys.strong, ...keys.weak]) push(byNumberKey, k, item.invoiceId);
    push(byCustomer, item.customerId, item);
    push(byAmount, `${item.currency}|${item.openAmount.toFixed(2)}`, item.invoiceId);
  }
  for (const list of byCustomer.values()) list.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.invoiceId - b.invoiceId));
  const byIban = new Map<string, number[]>();
  const byCustomerNumber = new Map<string, number>();
  const byName = new Map<string, number[]>();
  for (const c of customers) {
    for (const iban of c.ibans) if (iban) push(byIban, normalizeIban(iban), c.id);
    const digits = (c.number.match(/\d+/g) ?? []).join('');
    if (digits) byCustomerNumber.set(stripZeros(digits), c.id);
    const n = normalizeName(c.name);
    if (n) push(byName, n, c.id);
  }
  return { items, byNumberKey, byCustomer, byIban, byCustomerNumber, byName, byAmount, invoicePrefixes };
}

/** Allocates an amount over invoices in the given order; what is left is overpayment. */
export function allocate(amount: Decimal, invoices: readonly OpenItem[]): { allocations: Allocation[]; rest: Decimal } {
  let rest = amount;
  const allocations: Allocation[] = [];
  for (const inv of invoices) {
    if (rest.lte(0)) break;
    const part = Decimal.min(rest, inv.openAmount);
    allocations.push({ invoiceId: inv.invoiceId, invoiceNumber: inv.invoiceNumber, amount: part });
    rest = rest.minus(part);
  }
  return { allocations, rest };
}

const sumOpen = (list: readonly OpenItem[]) => list.reduce((s, i) => s.plus(i.openAmount), ZERO);

/**
 * Open items of one customer (oldest first) whose sum is exactly the amount: one item, the
 * oldest n items, or two items. Bounded (at most 60 items are looked at) — never a search over
 * all subsets.
 */
export function matchingSubset(open: readonly OpenItem[], amount: Decimal): OpenItem[] | null {
  const items = open.slice(0, 60);
  const single = items.find((i) => i.openAmount.eq(amount));
  if (single) return [single];
  let running = ZERO;
  for (let n = 0; n < items.length; n++) {
    running = running.plus(items[n]?.openAmount ?? ZERO);
    if (running.eq(amount)) return items.slice(0, n + 1);
    if (running.gt(amount)) break;
  }
  const byCents = new Map<string, OpenItem>();
  for (const item of items) {
    const other = byCents.get(amount.minus(item.openAmount).toFixed(2));
    if (other) return [other, item];
    byCents.set(item.openAmount.toFixed(2), item);
  }
  return null;
}

/**
 * Suggestions for one incoming payment, best first. Outgoing payments (amount ≤ 0) get none.
 * Scores: invoice number 60 (40 without prefix/year), customer number 25, IBAN known 20,
 * name 10, amount equal to the chosen open items 30; capped at 100, and at 50 when the payer's
 * known IBAN belongs to another customer than the suggested one.
 */
export function suggestMatches(tx: MatchInput, index: MatchIndex): Suggestion[] {
  if (tx.amount.lte(0)) return [];
  const ibanCustomers = tx.counterpartyIban ? (index.byIban.get(normalizeIban(tx.counterpartyIban)) ?? []) : [];
  const nameCustomers = tx.counterpartyName ? (index.byName.get(normalizeName(tx.counterpartyName)) ?? []) : [];

  // Invoices named in the text, strong hits first, in order of appearance.
  const strongIds: number[] = [];
  const weakIds: number[] = [];
  const keywordIds = new Set<number>();
  const customerNumberHits = new Set<number>();
  const text = readableRemittance(tx.remittance);
  for (const hit of numberKeysIn(text, index.invoicePrefixes)) {
    for (const id of index.byNumberKey.get(hit.key) ?? []) {
      const item = index.items.get(id);
      if (!item || item.currency !== tx.currency) continue;
      if (hit.strong) {
        if (!strongIds.includes(id)) strongIds.push(id);
      } else {
        if (!weakIds.includes(id)) weakIds.push(id);
        if (hit.keyword) keywordIds.add(id);
      }
    }
  }
  for (const m of text.matchAll(/\d{3,}/g)) {
    const c = index.byCustomerNumber.get(stripZeros(m[0]));
    if (c !== undefined && (m[0].length >= 5 || customerWordBefore(text, m.index ?? 0))) customerNumberHits.add(c);
  }

  const suggestions: Suggestion[] = [];
  const support = (customerId: number) => {
    let score = 0;
    const reasons: string[] = [];
    if (customerNumberHits.has(customerId)) {
      score += SCORE.customerNumber;
      reasons.push(REASONS.customerNumber);
    }
    if (ibanCustomers.includes(customerId)) {
      score += SCORE.iban;
      reasons.push(REASONS.iban);
    }
    if (nameCustomers.includes(customerId)) {
      score += SCORE.name;
      reasons.push(REASONS.name);
    }
    return { score, reasons };
  };
  const finish = (customerId: number, invoices: OpenItem[], baseScore: number, baseReasons: string[]): Suggestion => {
    const { allocations, rest } = allocate(tx.amount, invoices);
    const extra = support(customerId);
    let score = baseScore + extra.score;
    const reasons = [...baseReasons, ...extra.reasons];
    if (rest.isZero() && sumOpen(invoices).eq(tx.amount)) {
      score += SCORE.amount;
      reasons.push(REASONS.amountEqual);
    } else if (rest.isZero()) reasons.push(REASONS.partial);
    else reasons.push(REASONS.overpayment);
    return { customerId, allocations, overpayment: rest, score: Math.min(100, score), reasons };
  };

  // 1. Invoice numbers in the text (grouped per customer).
  const named = (ids: number[]) => {
    const perCustomer = new Map<number, OpenItem[]>();
    for (const id of ids) {
      const item = index.items.get(id);
      if (item) push(perCustomer, item.customerId, item);
    }
    return perCustomer;
  };
  for (const [customerId, invoices] of named(strongIds)) suggestions.push(finish(customerId, invoices, SCORE.strong, [REASONS.invoiceNumber]));
  if (suggestions.length === 0) {
    for (const [customerId, invoices] of named(weakIds)) {
      // A bare sequence number is only trusted together with something else pointing at the
      // customer, or after "Rechnung"/"RE" with exactly the open amount.
      const corroborated = ibanCustomers.includes(customerId) || customerNumberHits.has(customerId) || nameCustomers.includes(customerId);
      const exact = sumOpen(invoices).eq(tx.amount) && invoices.every((i) => keywordIds.has(i.invoiceId));
      if (corroborated || exact) suggestions.push(finish(customerId, invoices, SCORE.weak, [REASONS.invoiceNumberWeak]));
    }
  }

  // 2. Customer known by IBAN, customer number or name: their open items — also beside invoice
  // numbers of other customers, so the payer's own invoices are weighed against them.
  const alreadySuggested = new Set(suggestions.map((s) => s.customerId));
  const known = [...new Set([...customerNumberHits, ...ibanCustomers, ...nameCustomers])].filter((c) => !alreadySuggested.has(c));
  for (const customerId of known) {
    const open = (index.byCustomer.get(customerId) ?? []).filter((i) => i.currency === tx.currency);
    if (open.length === 0) continue;
    const exact = matchingSubset(open, tx.amount);
    suggestions.push(finish(customerId, exact ?? open, 0, []));
  }

  // 3. Nobody known: an amount that equals exactly one open item anywhere.
  if (suggestions.length === 0) {
    const ids = index.byAmount.get(`${tx.currency}|${tx.amount.toFixed(2)}`) ?? [];
    const only = ids.length === 1 ? index.items.get(ids[0] ?? -1) : undefined;
    if (only) {
      const s = finish(only.customerId, [only], 0, []);
      suggestions.push({ ...s, score: Math.min(s.score, SCORE.uniqueAmount), reasons: [REASONS.amountEqualUnique] });
    }
  }

  // A known IBAN of another customer speaks against the suggestion: shown, not booked automatically.
  const checkPayer = (s: Suggestion): Suggestion =>
    ibanCustomers.length === 0 || ibanCustomers.includes(s.customerId)
      ? s
      : { ...s, score: Math.min(s.score, SCORE.payerContradicts), reasons: [...s.reasons, REASONS.ibanOfOtherCustomer] };
  return suggestions.map(checkPayer).sort((a, b) => b.score - a.score);
}

/** Booked by hand whatever the threshold: the payer's known IBAN belongs to another customer. */
export function contradictsPayer(s: Suggestion): boolean {
  return s.reasons.includes(REASONS.ibanOfOtherCustomer);
}

/** After a booking: the booked parts are no longer open (keeps a long auto-booking run consistent). */
export function applyAllocations(index: MatchIndex, allocations: readonly { invoiceId: number; amount: Decimal }[]): void {
  const items = index.items as Map<number, OpenItem>;
  const byCustomer = index.byCustomer as Map<number, OpenItem[]>;
  const byAmount = index.byAmount as Map<string, number[]>;
  for (const a of allocations) {
    const item = items.get(a.invoiceId);
    if (!item) continue;
    const oldKey = `${item.currency}|${item.openAmount.toFixed(2)}`;
    byAmount.set(oldKey, (byAmount.get(oldKey) ?? []).filter((id) => id !== item.invoiceId));
    const next: OpenItem = { ...item, openAmount: item.openAmount.minus(a.amount) };
    const list = byCustomer.get(item.customerId) ?? [];
    if (next.openAmount.lte(0)) {
      items.delete(item.invoiceId);
      byCustomer.set(item.customerId, list.filter((i) => i.invoiceId !== item.invoiceId));
    } else {
      items.set(item.invoiceId, next);
      byCustomer.set(item.customerId, list.map((i) => (i.invoiceId === item.invoiceId ? next : i)));
      push(byAmount, `${next.currency}|${next.openAmount.toFixed(2)}`, next.invoiceId);
    }
  }
}
