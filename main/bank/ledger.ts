// The bank area's access to the customer ledger (foundation: customer_account, account_entry;
// billing: invoice, allocation). Payments are PAYMENT entries (credit, amount < 0) allocated to
// the invoices' INVOICE entries; what stays unallocated is the customer's Guthaben. An undo is
// a counter-entry (reverses_entry_id) plus negative allocations — nothing is ever updated.
import type { EntityManager } from 'typeorm';
import { AppError } from '../../shared/errors';
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

export async function customerAccountId(m: EntityManager, customerId: number): Promise<number> {
  const rows = (await m.query(`SELECT id FROM customer_account WHERE customer_id = ? ORDER BY id LIMIT 1`, [customerId])) as { id: number }[];
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'Der Kunde hat kein Kundenkonto.');
  return row.id;
}

export interface PaymentEntryInput {
  readonly accountId: number;
  readonly entryDate: string;
  readonly amountCents: number;
  readonly text: string;
  readonly reference: string | null;
  readonly bankTransactionId: number;
  readonly actor: string;
  readonly at: string;
}

/** A PAYMENT credit entry (stored negative). */
export async function insertPaymentEntry(m: EntityManager, p: PaymentEntryInput): Promise<number> {
  const res = (await m.query(
    `INSERT INTO account_entry(account_id, type, entry_date, amount_cents, text, reference, bank_transaction_id, created_by, created_at)
     VALUES (?, 'PAYMENT', ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [p.accountId, p.entryDate, -Math.abs(p.amountCents), p.text.slice(0, 500), p.reference, p.bankTransactionId, p.actor, p.at],
  )) as { id: number }[];
  return res[0]?.id ?? 0;
}

export async function insertAllocation(m: EntityManager, creditEntryId: number, debitEntryId: number, amountCents: number, at: string): Promise<void> {
  await m.query(`INSERT INTO allocation(credit_entry_id, debit_entry_id, amount_cents, created_at) VALUES (?, ?, ?, ?)`, [
    creditEntryId,
    debitEntryId,
    amountCents,
    at,
  ]);
}

/** Counter-entry for a payment: the same amount as a debit, pointing at the original; its allocations are reversed. */
export async function reversePaymentEntry(m: EntityManager, entryId: number, entryDate: string, actor: string, at: string): Promise<void> {
  const rows = (await m.query(`SELECT account_id, amount_cents, text, reference, bank_transaction_id FROM account_entry WHERE id = ?`, [entryId])) as {
    account_id: number;
    amount_cents: number;
    text: string;
    reference: string | null;
    bank_transaction_id: number | null;
  }[];
  const e = rows[0];
  if (!e) throw new AppError('NOT_FOUND', 'Die Kontobewegung wurde nicht gefunden.');
  await m.query(
    `INSERT INTO account_entry(account_id, type, entry_date, amount_cents, text, reference, bank_transaction_id, reverses_entry_id, created_by, created_at)
     VALUES (?, 'PAYMENT', ?, ?, ?, ?, ?, ?, ?, ?)`,
    [e.account_id, entryDate, -e.amount_cents, `Rücknahme: ${e.text}`.slice(0, 500), e.reference, e.bank_transaction_id, entryId, actor, at],
  );
  const allocs = (await m.query(
    `SELECT debit_entry_id, SUM(amount_cents) AS cents FROM allocation WHERE credit_entry_id = ? GROUP BY debit_entry_id HAVING SUM(amount_cents) <> 0`,
    [entryId],
  )) as { debit_entry_id: number; cents: number }[];
  for (const a of allocs) await insertAllocation(m, entryId, a.debit_entry_id, -a.cents, at);
}
