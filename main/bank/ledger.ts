// The bank area's access to the customer ledger. Reading open items is SQL over invoice,
// account_entry and allocation; writing goes through the ledger area's functions
// (main/ledger/service.ts: insertEntry, insertAllocation, reverseEntryIn). Payments are PAYMENT
// entries (credit, amount < 0) allocated to the invoices' INVOICE entries with exactly the
// amounts chosen; what stays unallocated is the customer's Guthaben. An undo is the ledger's
// counter-entry with released allocations — nothing is ever updated.
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../../shared/dates';
import type { Raw } from '../db/company-db';
import { accountIdOf, insertAllocation as ledgerAllocation, insertEntry, reverseEntryIn } from '../ledger/service';
import { fromCents, type Decimal } from '../../shared/money';
import type { CustomerRef, OpenItem } from './rules-matching';

export interface OpenInvoiceRow extends OpenItem {
  readonly debitEntryId: number;
  readonly issueDate: string;
  readonly gross: Decimal;
  readonly customerNumber: string;
  readonly customerName: string;
}

interface OpenRow {
  invoice_id: number;
  number: string;
  customer_id: number;
  currency: string;
  issue_date: string;
  due_date: string | null;
  gross_cents: number;
  entry_id: number;
  open_cents: number;
  customer_number: string;
  customer_name: string;
}

const OPEN_SQL = `
  SELECT i.id AS invoice_id, i.number, i.customer_id, i.currency, i.issue_date, i.due_date, i.gross_cents,
         e.id AS entry_id, c.number AS customer_number, c.display_name AS customer_name,
         e.amount_cents - COALESCE((SELECT SUM(a.amount_cents) FROM allocation a WHERE a.debit_entry_id = e.id), 0) AS open_cents
  FROM invoice i
  JOIN account_entry e ON e.invoice_id = i.id AND e.type = 'INVOICE' AND e.reverses_entry_id IS NULL
  JOIN customer c ON c.id = i.customer_id
  WHERE i.kind = 'INVOICE'`;

function toOpen(r: OpenRow): OpenInvoiceRow {
  return {
    invoiceId: r.invoice_id,
    invoiceNumber: r.number,
    customerId: r.customer_id,
    currency: r.currency,
    dueDate: r.due_date ?? r.issue_date,
    issueDate: r.issue_date,
    openAmount: fromCents(r.open_cents),
    gross: fromCents(r.gross_cents),
    debitEntryId: r.entry_id,
    customerNumber: r.customer_number,
    customerName: r.customer_name,
  };
}

export async function openInvoices(m: EntityManager, filter: { customerId?: number; invoiceIds?: readonly number[]; search?: string | null } = {}): Promise<OpenInvoiceRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.customerId !== undefined) {
    where.push('i.customer_id = ?');
    params.push(filter.customerId);
  }
  if (filter.invoiceIds) {
    if (filter.invoiceIds.length === 0) return [];
    where.push(`i.id IN (${filter.invoiceIds.map(() => '?').join(',')})`);
    params.push(...filter.invoiceIds);
  }
  if (filter.search) {
    where.push('(i.number LIKE ? OR c.display_name LIKE ? OR c.number LIKE ?)');
    const like = `%${filter.search}%`;
    params.push(like, like, like);
  }
  const sql = `SELECT * FROM (${OPEN_SQL}${where.length ? ' AND ' + where.join(' AND ') : ''}) WHERE open_cents > 0 ORDER BY due_date, invoice_id`;
  return ((await m.query(sql, params)) as OpenRow[]).map(toOpen);
}

export async function customerRefs(m: EntityManager): Promise<CustomerRef[]> {
  const rows = (await m.query(`SELECT id, number, display_name, iban FROM customer WHERE active = 1`)) as {
    id: number;
    number: string;
    display_name: string;
    iban: string | null;
  }[];
  return rows.map((r) => ({ id: r.id, number: r.number, name: r.display_name, ibans: r.iban ? [r.iban] : [] }));
}

export function customerAccountId(raw: Raw, customerId: number): number {
  return accountIdOf(raw, customerId);
}

export interface PaymentEntryInput {
  readonly accountId: number;
  readonly entryDate: IsoDate;
  /** Positive cents received. */
  readonly amountCents: number;
  readonly text: string;
  readonly reference: string | null;
  readonly bankTransactionId: number;
  readonly actor: string;
  readonly at: string;
}

/** A PAYMENT credit entry (stored negative), not yet allocated. */
export function insertPaymentEntry(raw: Raw, p: PaymentEntryInput): number {
  return insertEntry(
    raw,
    {
      accountId: p.accountId,
      type: 'PAYMENT',
      date: p.entryDate,
      amountCents: -Math.abs(p.amountCents),
      text: p.text.slice(0, 500),
      reference: p.reference,
      bankTransactionId: p.bankTransactionId,
    },
    { actor: p.actor, at: p.at },
  );
}

export function insertAllocation(raw: Raw, creditEntryId: number, debitEntryId: number, amountCents: number, at: string): void {
  ledgerAllocation(raw, creditEntryId, debitEntryId, amountCents, at);
}

/** Counter-entry for a payment (the ledger releases its allocations). */
export function reversePaymentEntry(raw: Raw, entryId: number, date: IsoDate, actor: string, at: string): void {
  reverseEntryIn(raw, entryId, date, null, { actor, at });
}
