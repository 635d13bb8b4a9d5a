// Builds the document model of an issued invoice from its rows (invoice, invoice_line,
// invoice_tax, snapshots) plus the company's document settings. The issuer and recipient come
// from the snapshots taken at issue time, never from today's master data (DOMAIN §7).
import type { EntityManager } from 'typeorm';
import { DEFAULT_DOCUMENT_SETTINGS, type DocumentSettings } from '../../shared/api/documents';
import { notFound } from '../../shared/errors';
import { fromCents, fromPriceUnits, toPlain } from '../../shared/money';
import { getSetting } from '../company/settings';
import type { DocumentKind, DocumentLine, InvoiceDocument, IssuerSnapshot, PaymentMethod, RecipientSnapshot, TaxSummaryRow, TaxTreatment } from './model';

export const DOCUMENT_SETTINGS_KEY = 'documents.settings';

export async function readDocumentSettings(manager: EntityManager): Promise<DocumentSettings> {
  const stored = await getSetting<Partial<DocumentSettings> | null>(manager, DOCUMENT_SETTINGS_KEY, null);
  return { ...DEFAULT_DOCUMENT_SETTINGS, ...(stored ?? {}) };
}

interface InvoiceRow {
  id: number;
  number: string;
  kind: DocumentKind;
  currency: string;
  issue_date: string;
  due_date: string | null;
  issuer_json: string;
  recipient_json: string;
  payment_method: string;
  payment_terms_days: number;
  net_cents: number;
  tax_cents: number;
  gross_cents: number;
  credit_applied_cents: number;
  customer_id: number;
  customer_number: string;
  contract_number: string | null;
  original_number: string | null;
  original_issue_date: string | null;
}

interface LineRow {
  position: number;
  description: string;
  quantity: string;
  unit: string;
  unit_price_units: number;
  discount: string | null;
  net_cents: number;
  tax_rate: string;
  period_start: string | null;
  period_end: string | null;
  service_date: string | null;
}

interface TaxRow {
  treatment: TaxTreatment;
  rate: string;
  net_cents: number;
  tax_cents: number;
  note: string | null;
}

type Json = Readonly<Record<string, unknown>>;

function str(json: Json, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = json[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

const UNIT_LABELS: Readonly<Record<string, string>> = { DAY: 'Tag', WEEK: 'Woche', MONTH: 'Monat', YEAR: 'Jahr', PIECE: 'Stück', HOUR: 'Stunde', FLAT: 'Pauschale' };

export function unitLabel(unit: string): string {
  return UNIT_LABELS[unit] ?? unit;
}

function paymentMethodOf(code: string): PaymentMethod {
  if (code === 'TRANSFER') return 'TRANSFER';
  if (code === 'DIRECT_DEBIT') return 'DIRECT_DEBIT';
  return 'OTHER';
}

export function paymentTermsText(template: string, days: number): string {
  return template.replace(/\{tage\}/g, String(days));
}

export function issuerFrom(snapshot: Json, settings: DocumentSettings): IssuerSnapshot {
  return {
    name: str(snapshot, 'name') ?? '',
    street: str(snapshot, 'street') ?? '',
    zip: str(snapshot, 'zip') ?? '',
    city: str(snapshot, 'city') ?? '',
    country: str(snapshot, 'country') ?? 'DE',
    taxNumber: str(snapshot, 'taxNumber'),
    vatId: str(snapshot, 'vatId'),
    email: str(snapshot, 'email'),
    phone: str(snapshot, 'phone'),
    website: str(snapshot, 'website') ?? settings.website,
    bankName: str(snapshot, 'bankName'),
    iban: str(snapshot, 'iban'),
    bic: str(snapshot, 'bic'),
    managingDirector: str(snapshot, 'managingDirector') ?? settings.managingDirector,
    registerEntry: str(snapshot, 'registerEntry') ?? settings.registerEntry,
    letterhead: settings.letterhead,
    footerNote: settings.footerNote,
    logo: settings.logo,
  };
}

export function recipientFrom(snapshot: Json, customerNumber: string): RecipientSnapshot {
  const person = [str(snapshot, 'firstName'), str(snapshot, 'lastName')].filter((s) => s !== null).join(' ');
  return {
    customerNumber: str(snapshot, 'customerNumber', 'number') ?? customerNumber,
    name: str(snapshot, 'name', 'displayName', 'companyName') ?? person,
    contact: str(snapshot, 'contact'),
    street: str(snapshot, 'street') ?? '',
    zip: str(snapshot, 'zip') ?? '',
    city: str(snapshot, 'city') ?? '',
    country: str(snapshot, 'country') ?? 'DE',
    vatId: str(snapshot, 'vatId'),
  };
}

function parseJson(text: string): Json {
  const value = JSON.parse(text) as unknown;
  return typeof value === 'object' && value !== null ? (value as Json) : {};
}

/** The model of one issued invoice, cancellation or credit note. */
export async function loadInvoiceDocument(manager: EntityManager, invoiceId: number): Promise<InvoiceDocument> {
  const [row] = (await manager.query(
    `SELECT i.id, i.number, i.kind, i.currency, i.issue_date, i.due_date, i.issuer_json, i.recipient_json,
            i.payment_method, i.payment_terms_days, i.net_cents, i.tax_cents, i.gross_cents, i.credit_applied_cents,
            i.customer_id, c.number AS customer_number, ct.number AS contract_number,
            o.number AS original_number, o.issue_date AS original_issue_date
       FROM invoice i
       JOIN customer c ON c.id = i.customer_id
       LEFT JOIN contract ct ON ct.id = i.contract_id
       LEFT JOIN invoice o ON o.id = i.cancels_invoice_id
      WHERE i.id = ?`,
    [invoiceId],
  )) as InvoiceRow[];
  if (!row) throw notFound(`Rechnung ${invoiceId}`);
  const lines = (await manager.query(
    `SELECT position, description, quantity, unit, unit_price_units, discount, net_cents, tax_rate, period_start, period_end, service_date
       FROM invoice_line WHERE invoice_id = ? ORDER BY position`,
    [invoiceId],
  )) as LineRow[];
  const taxes = (await manager.query(`SELECT treatment, rate, net_cents, tax_cents, note FROM invoice_tax WHERE invoice_id = ? ORDER BY id`, [invoiceId])) as TaxRow[];
  const [meta] = (await manager.query(`SELECT kind FROM company_meta WHERE id = 1`)) as { kind: string }[];
  const settings = await readDocumentSettings(manager);
  const gross = fromCents(row.gross_cents);
  const credit = fromCents(row.credit_applied_cents);
  return {
    kind: row.kind,
    number: row.number,
    issueDate: row.issue_date,
    currency: row.currency,
    issuer: issuerFrom(parseJson(row.issuer_json), settings),
    recipient: recipientFrom(parseJson(row.recipient_json), row.customer_number),
    contractNumber: row.contract_number,
    refersTo: row.original_number !== null && row.original_issue_date !== null ? { number: row.original_number, issueDate: row.original_issue_date } : null,
    lines: lines.map(
      (l): DocumentLine => ({
        position: l.position,
        description: l.description,
        quantity: l.quantity,
        unit: unitLabel(l.unit),
        unitPrice: toPlain(fromPriceUnits(l.unit_price_units), 4),
        discountPercent: l.discount,
        net: toPlain(fromCents(l.net_cents)),
        taxRate: l.tax_rate,
        periodStart: l.period_start,
        periodEnd: l.period_end,
        serviceDate: l.service_date,
      }),
    ),
    taxes: taxes.map(
      (t): TaxSummaryRow => ({ treatment: t.treatment, rate: t.rate, net: toPlain(fromCents(t.net_cents)), tax: toPlain(fromCents(t.tax_cents)), note: t.note }),
    ),
    netTotal: toPlain(fromCents(row.net_cents)),
    taxTotal: toPlain(fromCents(row.tax_cents)),
    grossTotal: toPlain(gross),
    creditApplied: toPlain(credit),
    amountDue: toPlain(gross.minus(credit)),
    remainingCredit: credit.isZero() ? null : await creditLeftAfter(manager, row.customer_id, row.id),
    payment: {
      method: paymentMethodOf(row.payment_method),
      dueDate: row.due_date,
      terms: row.kind === 'INVOICE' ? paymentTermsText(settings.paymentTermsText, row.payment_terms_days) : null,
    },
    introText: row.kind === 'INVOICE' ? settings.introText : null,
    closingText: settings.closingText,
    sandbox: meta?.kind === 'SANDBOX',
  };
}

/**
 * Credit (Guthaben) the customer had left once this invoice was issued: the balance over the
 * ledger entries up to and including the invoice's own entry. Not the balance of today — the PDF
 * is rendered after the run (and archived for good), when later invoices may have used the credit.
 */
async function creditLeftAfter(manager: EntityManager, customerId: number, invoiceId: number): Promise<string | null> {
  const [sum] = (await manager.query(
    `SELECT coalesce(sum(e.amount_cents), 0) AS balance
       FROM account_entry e JOIN customer_account a ON a.id = e.account_id
      WHERE a.customer_id = ? AND e.id <= (SELECT max(id) FROM account_entry WHERE invoice_id = ? AND type = 'INVOICE')`,
    [customerId, invoiceId],
  )) as { balance: number }[];
  const balance = sum?.balance ?? 0;
  return balance < 0 ? toPlain(fromCents(-balance)) : null;
}
