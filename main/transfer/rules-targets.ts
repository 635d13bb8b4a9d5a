// The three import targets (pure): how a converted row becomes a customer, an article with
// price variants, or a contract with items, and which German messages a bad row gets.
// Articles and contracts span several rows: rows with the same number form one record, the
// 'head' fields must agree, each row adds one price variant / item.
import {
  ARTICLE_IMPORT_FIELDS,
  CONTRACT_IMPORT_FIELDS,
  CUSTOMER_IMPORT_FIELDS,
  type FieldMessage,
  type ImportFieldDef,
} from '../../shared/api/transfer';
import { customerFieldsSchema, type CustomerFields, type CustomerInput } from '../../shared/api/customers';
import { compareDates, type IntervalUnit } from '../../shared/dates';
import { dec } from '../../shared/money';
import { fieldMessage, issuesToMessages, type CellValue } from './rules-rows';

// ---------------------------------------------------------------- customers

export type CustomerRowResult = { readonly ok: true; readonly fields: CustomerFields } | { readonly ok: false; readonly messages: FieldMessage[] };

const CUSTOMER_KEYS = new Set(CUSTOMER_IMPORT_FIELDS.map((f) => f.key));

/**
 * Validates a customer row with the customers area's own schema. `base` is the existing
 * customer when the row updates one: columns that are not mapped keep their stored value.
 * Without an Art column the kind follows the data: a company name makes it a company.
 */
export function validateCustomerRow(values: Readonly<Record<string, CellValue>>, base: CustomerInput | null = null): CustomerRowResult {
  const input: Record<string, unknown> = { ...(base ?? {}) };
  for (const [key, value] of Object.entries(values)) if (CUSTOMER_KEYS.has(key)) input[key] = value;
  if (!('kind' in values) || values.kind === null) {
    if (base?.kind && !('companyName' in values)) input.kind = base.kind;
    else input.kind = typeof input.companyName === 'string' && input.companyName.trim() !== '' ? 'COMPANY' : 'PERSON';
  }
  for (const key of ['country', 'language', 'paymentMethod', 'paymentTermsDays', 'collectiveInvoicing']) {
    if (input[key] === null) delete input[key]; // empty cell → the default
  }
  if (typeof input.country === 'string') input.country = input.country.toUpperCase();
  const parsed = customerFieldsSchema.safeParse(input);
  if (parsed.success) return { ok: true, fields: parsed.data };
  return { ok: false, messages: issuesToMessages(CUSTOMER_IMPORT_FIELDS, parsed.error.issues) };
}

// ---------------------------------------------------------------- grouping

export interface RowOf<V> {
  readonly line: number;
  readonly values: V;
  readonly messages: FieldMessage[];
}

export interface Group<V> {
  readonly key: string;
  readonly rows: RowOf<V>[];
}

/** Groups rows by the value of `keyField`, in order of first appearance; rows without a key stay alone. */
export function groupRows<V extends Readonly<Record<string, CellValue>>>(rows: readonly RowOf<V>[], keyField: string): Group<V>[] {
  const groups = new Map<string, Group<V>>();
  let anonymous = 0;
  for (const row of rows) {
    const raw = row.values[keyField];
    const key = typeof raw === 'string' && raw !== '' ? raw : `\u0000${anonymous++}`;
    const group = groups.get(key) ?? { key, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** 'head' fields must be the same on every row of a group (empty cells repeat the first row). */
export function checkHeadAgreement(fields: readonly ImportFieldDef[], group: Group<Readonly<Record<string, CellValue>>>): void {
  const [first, ...rest] = group.rows;
  if (!first) return;
  for (const row of rest) {
    for (const field of fields) {
      if (field.part !== 'head' || !(field.key in row.values)) continue;
      const value = row.values[field.key] ?? null;
      const head = first.values[field.key] ?? null;
      if (value !== null && value !== head) {
        row.messages.push(fieldMessage(field, `${field.label} weicht von Zeile ${first.line} ab (gleiche Nummer, anderer Wert)`));
      }
    }
  }
}

const str = (v: CellValue | undefined): string | null => (v === undefined || v === null ? null : String(v));
const CURRENCY = /^[A-Z]{3}$/;
const field = (fields: readonly ImportFieldDef[], key: string): ImportFieldDef => {
  const f = fields.find((x) => x.key === key);
  if (!f) throw new Error(`Importfeld ${key} fehlt`);
  return f;
};

// ---------------------------------------------------------------- articles

export const SUBSCRIPTION_UNITS: Readonly<Record<string, IntervalUnit>> = {
  day: 'DAY', tag: 'DAY', week: 'WEEK', woche: 'WEEK', month: 'MONTH', monat: 'MONTH', year: 'YEAR', jahr: 'YEAR',
};

export interface ArticleImport {
  readonly number: string;
  readonly name: string;
  readonly description: string | null;
  readonly kind: 'SUBSCRIPTION' | 'ONE_TIME';
  readonly unit: string;
  readonly productGroup: string;
  readonly projects: readonly string[];
  readonly prices: readonly { readonly price: string; readonly currency: string; readonly minQuantity: string | null; readonly validFrom: string | null; readonly line: number }[];
}

/** An article from its rows; messages are added to the offending rows, null when any row is bad. */
export function buildArticle(group: Group<Readonly<Record<string, CellValue>>>): ArticleImport | null {
  const F = ARTICLE_IMPORT_FIELDS;
  checkHeadAgreement(F, group);
  const first = group.rows[0];
  if (!first) return null;
  const v = first.values;
  const unitRaw = str(v.unit) ?? '';
  const subscriptionUnit = SUBSCRIPTION_UNITS[unitRaw.toLowerCase()];
  const kind = (str(v.kind) as ArticleImport['kind'] | null) ?? (subscriptionUnit ? 'SUBSCRIPTION' : 'ONE_TIME');
  if (kind === 'SUBSCRIPTION' && unitRaw !== '' && !subscriptionUnit) {
    first.messages.push(fieldMessage(field(F, 'unit'), 'Abo-Artikel brauchen die Einheit Tag, Woche, Monat oder Jahr'));
  }
  const seen = new Map<string, number>();
  const prices: ArticleImport['prices'][number][] = [];
  for (const row of group.rows) {
    const price = str(row.values.price);
    if (price !== null) {
      const d = dec(price);
      if (d.isNegative()) row.messages.push(fieldMessage(field(F, 'price'), 'Preis netto darf nicht negativ sein'));
      if (d.decimalPlaces() > 4) row.messages.push(fieldMessage(field(F, 'price'), 'Preis netto: höchstens 4 Nachkommastellen'));
    }
    const currency = (str(row.values.currency) ?? 'EUR').toUpperCase();
    if (!CURRENCY.test(currency)) row.messages.push(fieldMessage(field(F, 'currency'), 'Währung als ISO-Code mit drei Buchstaben (z. B. EUR)'));
    const minQuantity = str(row.values.minQuantity);
    if (minQuantity !== null && !dec(minQuantity).greaterThan(0)) row.messages.push(fieldMessage(field(F, 'minQuantity'), 'Mindestmenge muss größer als 0 sein'));
    const validFrom = str(row.values.validFrom);
    const variantKey = `${currency}|${minQuantity ?? ''}|${validFrom ?? ''}`;
    const earlier = seen.get(variantKey);
    if (earlier !== undefined) row.messages.push(fieldMessage({ key: 'row', label: 'Preisvariante' }, `Preisvariante doppelt (gleich wie Zeile ${earlier})`));
    seen.set(variantKey, row.line);
    if (price !== null) prices.push({ price: dec(price).toString(), currency, minQuantity, validFrom, line: row.line });
  }
  if (group.rows.some((r) => r.messages.length > 0)) return null;
  return {
    number: str(v.number) ?? '',
    name: str(v.name) ?? '',
    description: str(v.description),
    kind,
    unit: subscriptionUnit ?? unitRaw,
    productGroup: str(v.productGroup) ?? '',
    projects: (str(v.projects) ?? '').split(/[,|]/).map((p) => p.trim()).filter(Boolean),
    prices,
  };
}

// ---------------------------------------------------------------- contracts

export interface ContractImport {
  readonly number: string;
  readonly customerNumber: string;
  readonly project: string | null;
  readonly startDate: string;
  readonly intervalCount: number;
  readonly intervalUnit: IntervalUnit;
  readonly billInAdvance: boolean;
  readonly currency: string;
  readonly billedUntil: string | null;
  readonly items: readonly { readonly articleNumber: string; readonly quantity: string; readonly priceOverride: string | null; readonly discount: string | null; readonly billFrom: string | null; readonly line: number }[];
}

/** A contract from its rows; messages are added to the offending rows, null when any row is bad. */
export function buildContract(group: Group<Readonly<Record<string, CellValue>>>): ContractImport | null {
  const F = CONTRACT_IMPORT_FIELDS;
  checkHeadAgreement(F, group);
  const first = group.rows[0];
  if (!first) return null;
  const v = first.values;
  const startDate = str(v.startDate) ?? '';
  const intervalCount = typeof v.intervalCount === 'number' ? v.intervalCount : 1;
  if (intervalCount < 1 || intervalCount > 120) first.messages.push(fieldMessage(field(F, 'intervalCount'), 'Intervall Anzahl: 1 bis 120'));
  const currency = (str(v.currency) ?? 'EUR').toUpperCase();
  if (!CURRENCY.test(currency)) first.messages.push(fieldMessage(field(F, 'currency'), 'Währung als ISO-Code mit drei Buchstaben (z. B. EUR)'));
  const billedUntil = str(v.billedUntil);
  if (billedUntil !== null && startDate !== '' && compareDates(billedUntil, startDate) < 0) {
    first.messages.push(fieldMessage(field(F, 'billedUntil'), 'Abgerechnet bis liegt vor dem Vertragsbeginn'));
  }
  const items: ContractImport['items'][number][] = [];
  for (const row of group.rows) {
    const quantity = str(row.values.quantity) ?? '1';
    if (!dec(quantity).greaterThan(0)) row.messages.push(fieldMessage(field(F, 'quantity'), 'Menge muss größer als 0 sein'));
    const priceOverride = str(row.values.priceOverride);
    if (priceOverride !== null && dec(priceOverride).isNegative()) row.messages.push(fieldMessage(field(F, 'priceOverride'), 'Abweichender Preis darf nicht negativ sein'));
    const discount = str(row.values.discount);
    if (discount !== null && (dec(discount).isNegative() || dec(discount).greaterThan(100))) {
      row.messages.push(fieldMessage(field(F, 'discount'), 'Rabatt % zwischen 0 und 100'));
    }
    const billFrom = str(row.values.billFrom);
    if (billFrom !== null && startDate !== '' && compareDates(billFrom, startDate) < 0) {
      row.messages.push(fieldMessage(field(F, 'billFrom'), 'Abrechnung ab liegt vor dem Vertragsbeginn'));
    }
    const articleNumber = str(row.values.articleNumber);
    if (articleNumber !== null) items.push({ articleNumber, quantity: dec(quantity).toString(), priceOverride, discount, billFrom, line: row.line });
  }
  if (group.rows.some((r) => r.messages.length > 0)) return null;
  return {
    number: str(v.number) ?? '',
    customerNumber: str(v.customerNumber) ?? '',
    project: str(v.project),
    startDate,
    intervalCount,
    intervalUnit: (str(v.intervalUnit) ?? 'MONTH') as IntervalUnit,
    billInAdvance: typeof v.billInAdvance === 'boolean' ? v.billInAdvance : true,
    currency,
    billedUntil,
    items,
  };
}
