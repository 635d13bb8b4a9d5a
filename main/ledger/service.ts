// The customer ledger (DOMAIN §8): immutable entries, open-item allocations, balances
// computed from entries (never stored). The write functions are synchronous and work on the
// better-sqlite3 handle of the company file; call them inside `db.transaction(...)` so they
// share its transaction (the billing run, storno and bank booking do). Export surface for
// other areas: bookPaymentIn / reverseEntryIn (bank), entriesOf, balanceOf, invoiceOpenCents.
import type { Page } from '../../shared/api/define';
import type { LedgerEntryDto, LedgerOverviewDto } from '../../shared/api/ledger';
import type { IsoDate } from '../../shared/dates';
import { AppError, notFound } from '../../shared/errors';
import { dec, fromCents, toCents, toPlain } from '../../shared/money';
import { recordAudit } from '../company/audit';
import { stmt, type CompanyDb, type Raw } from '../db/company-db';
import { checkLedgerReversal, checkManualEntry, ENTRY_TYPE_LABELS, type EntryType } from './rules';

export interface Who {
  readonly actor: string;
  /** ISO timestamp. */
  readonly at: string;
}

export function accountIdOf(raw: Raw, customerId: number): number {
  const row = stmt(raw, `SELECT id FROM customer_account WHERE customer_id = ? ORDER BY id LIMIT 1`).get(customerId) as { id: number } | undefined;
  if (!row) throw new AppError('INTEGRITY', `Kunde ${customerId} hat kein Kundenkonto.`);
  return row.id;
}

export interface NewEntry {
  readonly accountId: number;
  readonly type: EntryType;
  readonly date: IsoDate;
  /** Signed cents: debit > 0, credit < 0. */
  readonly amountCents: number;
  readonly text: string;
  readonly reference?: string | null;
  readonly invoiceId?: number | null;
  readonly bankTransactionId?: number | null;
  readonly reversesEntryId?: number | null;
}

export function insertEntry(raw: Raw, e: NewEntry, who: Who): number {
  const r = stmt(
    raw,
    `INSERT INTO account_entry(account_id, type, entry_date, amount_cents, text, reference, invoice_id, bank_transaction_id, reverses_entry_id, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.accountId, e.type, e.date, e.amountCents, e.text, e.reference ?? null, e.invoiceId ?? null, e.bankTransactionId ?? null, e.reversesEntryId ?? null, who.actor, who.at);
  return Number(r.lastInsertRowid);
}

export function insertAllocation(raw: Raw, creditEntryId: number, debitEntryId: number, cents: number, at: string): void {
  if (cents === 0) return;
  stmt(raw, `INSERT INTO allocation(credit_entry_id, debit_entry_id, amount_cents, created_at) VALUES (?, ?, ?, ?)`).run(creditEntryId, debitEntryId, cents, at);
}

interface OpenRow {
  id: number;
  entry_date: string;
  invoice_id: number | null;
  open_cents: number;
}

/** Debit entries of an account with an open amount, oldest first. */
export function openDebits(raw: Raw, accountId: number): OpenRow[] {
  return stmt(
    raw,
    `SELECT e.id, e.entry_date, e.invoice_id,
            e.amount_cents - coalesce((SELECT sum(a.amount_cents) FROM allocation a WHERE a.debit_entry_id = e.id), 0) AS open_cents
     FROM account_entry e WHERE e.account_id = ? AND e.amount_cents > 0 AND open_cents > 0
     ORDER BY e.entry_date, e.id`,
  ).all(accountId) as OpenRow[];
}

/** Credit entries of an account with unallocated credit (Guthaben), oldest first. */
export function openCredits(raw: Raw, accountId: number): OpenRow[] {
  return stmt(
    raw,
    `SELECT e.id, e.entry_date, e.invoice_id,
            -e.amount_cents - coalesce((SELECT sum(a.amount_cents) FROM allocation a WHERE a.credit_entry_id = e.id), 0) AS open_cents
     FROM account_entry e WHERE e.account_id = ? AND e.amount_cents < 0 AND open_cents > 0
     ORDER BY e.entry_date, e.id`,
  ).all(accountId) as OpenRow[];
}

export function availableCreditCents(raw: Raw, accountId: number): number {
  return openCredits(raw, accountId).reduce((s, r) => s + r.open_cents, 0);
}

/** Allocates a credit entry to open debits: the given invoices first, then the oldest. Returns the unallocated rest. */
export function allocateCredit(raw: Raw, creditEntryId: number, accountId: number, cents: number, preferredInvoiceIds: readonly number[], at: string, onlyPreferred = false): number {
  let rest = cents;
  const debits = openDebits(raw, accountId);
  const preferred = preferredInvoiceIds.flatMap((id) => debits.filter((d) => d.invoice_id === id));
  const others = onlyPreferred ? [] : debits.filter((d) => !preferred.includes(d));
  for (const d of [...preferred, ...others]) {
    if (rest <= 0) break;
    const take = Math.min(rest, d.open_cents);
    insertAllocation(raw, creditEntryId, d.id, take, at);
    rest -= take;
  }
  return rest;
}

/** Settles a debit entry from the account's available credit (oldest first). Returns the cents applied. */
export function settleFromCredit(raw: Raw, debitEntryId: number, accountId: number, cents: number, at: string): number {
  let rest = cents;
  for (const c of openCredits(raw, accountId)) {
    if (rest <= 0) break;
    const take = Math.min(rest, c.open_cents);
    insertAllocation(raw, c.id, debitEntryId, take, at);
    rest -= take;
  }
  return cents - rest;
}

/** Allocated cents of an invoice's own debit entry (payments, credit, storno). */
export function invoiceAllocatedCents(raw: Raw, invoiceId: number): number {
  const row = stmt(
    raw,
    `SELECT coalesce(sum(a.amount_cents), 0) AS s FROM allocation a JOIN account_entry e ON e.id = a.debit_entry_id
     WHERE e.invoice_id = ? AND e.type = 'INVOICE'`,
  ).get(invoiceId) as { s: number };
  return row.s;
}

// --- payments (for the bank area) ---------------------------------------------------------

export interface PaymentInput {
  readonly customerId: number;
  readonly date: IsoDate;
  /** Positive cents received. */
  readonly amountCents: number;
  readonly text: string;
  readonly reference?: string | null;
  readonly bankTransactionId?: number | null;
  /** Invoices the payment names; allocated first, the rest to the oldest open items. */
  readonly invoiceIds?: readonly number[];
}

/** Books a PAYMENT (credit) and allocates it; call inside db.transaction. Returns the entry id. */
export function bookPaymentIn(raw: Raw, p: PaymentInput, who: Who): number {
  if (!Number.isInteger(p.amountCents) || p.amountCents <= 0) throw new AppError('VALIDATION', 'Zahlungsbetrag muss größer als 0 sein');
  const accountId = accountIdOf(raw, p.customerId);
  const id = insertEntry(raw, { accountId, type: 'PAYMENT', date: p.date, amountCents: -p.amountCents, text: p.text, reference: p.reference ?? null, bankTransactionId: p.bankTransactionId ?? null }, who);
  allocateCredit(raw, id, accountId, p.amountCents, p.invoiceIds ?? [], who.at);
  return id;
}

/**
 * Undoes an entry by a counter-entry of the same type and opposite amount; its allocations
 * are released by negative allocations, and the entry and its counter-entry settle each other.
 * Invoice and cancellation entries are corrected by storno only. Also the bank undo's tool, so
 * it reverses bank payments; the user's Gegenbuchung goes through reverseEntry.
 */
export function reverseEntryIn(raw: Raw, entryId: number, date: IsoDate, text: string | null, who: Who): number {
  const e = stmt(raw, `SELECT * FROM account_entry WHERE id = ?`).get(entryId) as
    | { id: number; account_id: number; type: EntryType; amount_cents: number; text: string; reference: string | null; bank_transaction_id: number | null }
    | undefined;
  if (!e) throw notFound(`Kontobewegung ${entryId}`);
  if (e.type === 'INVOICE' || e.type === 'CANCELLATION') {
    throw new AppError('IMMUTABLE', 'Rechnungs- und Stornobuchungen werden nur durch eine Stornorechnung korrigiert.');
  }
  const done = stmt(raw, `SELECT id FROM account_entry WHERE reverses_entry_id = ?`).get(entryId);
  if (done || (stmt(raw, `SELECT reverses_entry_id AS r FROM account_entry WHERE id = ?`).get(entryId) as { r: number | null }).r !== null) {
    throw new AppError('CONFLICT', 'Diese Buchung ist bereits gegengebucht.');
  }
  const counterId = insertEntry(
    raw,
    { accountId: e.account_id, type: e.type, date, amountCents: -e.amount_cents, text: text ?? `Gegenbuchung zu: ${e.text}`, reference: e.reference, bankTransactionId: e.bank_transaction_id, reversesEntryId: e.id },
    who,
  );
  const isCredit = e.amount_cents < 0;
  const allocations = stmt(
    raw,
    `SELECT credit_entry_id AS c, debit_entry_id AS d, sum(amount_cents) AS s FROM allocation WHERE ${isCredit ? 'credit_entry_id' : 'debit_entry_id'} = ? GROUP BY c, d HAVING s <> 0`,
  ).all(e.id) as { c: number; d: number; s: number }[];
  for (const a of allocations) insertAllocation(raw, a.c, a.d, -a.s, who.at);
  if (isCredit) insertAllocation(raw, e.id, counterId, -e.amount_cents, who.at);
  else insertAllocation(raw, counterId, e.id, e.amount_cents, who.at);
  return counterId;
}

// --- manual entries (UI) ------------------------------------------------------------------

export interface ManualEntryInput {
  readonly customerId: number;
  readonly type: 'MANUAL_CREDIT' | 'MANUAL_DEBIT';
  /** Positive decimal string. */
  readonly amount: string;
  readonly date: IsoDate;
  readonly text: string;
  readonly reference?: string | null;
}

/** "Manuelle Kontobuchung erfassen": a Gutschrift settles open items, a Belastung is one. */
export async function bookManualEntry(db: CompanyDb, input: ManualEntryInput, who: Who): Promise<LedgerEntryDto> {
  const amount = dec(input.amount);
  checkManualEntry({ amount, text: input.text });
  const cents = toCents(amount);
  return db.transaction(async (m) => {
    const raw = db.raw;
    const accountId = accountIdOf(raw, input.customerId);
    const signed = input.type === 'MANUAL_CREDIT' ? -cents : cents;
    const id = insertEntry(raw, { accountId, type: input.type, date: input.date, amountCents: signed, text: input.text.trim(), reference: input.reference ?? null }, who);
    if (input.type === 'MANUAL_CREDIT') allocateCredit(raw, id, accountId, cents, [], who.at);
    const number = (stmt(raw, `SELECT number FROM customer WHERE id = ?`).get(input.customerId) as { number: string }).number;
    await recordAudit(m, {
      ...who,
      entity: 'Kontobewegung',
      entityId: String(id),
      action: 'CREATE',
      after: { kunde: number, art: ENTRY_TYPE_LABELS[input.type], betrag: toPlain(amount), datum: input.date, text: input.text.trim() },
    });
    return entryDto(raw, id);
  });
}

/** "Gegenbuchung" from the customer account (ledger.reverse); bank payments are undone by the bank undo. */
export async function reverseEntry(db: CompanyDb, entryId: number, date: IsoDate, text: string | null, who: Who): Promise<LedgerEntryDto> {
  return db.transaction(async (m) => {
    const origin = stmt(db.raw, `SELECT bank_transaction_id AS bankTransactionId FROM account_entry WHERE id = ?`).get(entryId) as { bankTransactionId: number | null } | undefined;
    if (origin) checkLedgerReversal(origin);
    const id = reverseEntryIn(db.raw, entryId, date, text, who);
    await recordAudit(m, { ...who, entity: 'Kontobewegung', entityId: String(id), action: 'CREATE', after: { gegenbuchungZu: entryId, datum: date } });
    return entryDto(db.raw, id);
  });
}

// --- reading ------------------------------------------------------------------------------

interface EntrySql {
  id: number;
  account_id: number;
  type: EntryType;
  entry_date: string;
  amount_cents: number;
  text: string;
  reference: string | null;
  invoice_id: number | null;
  invoice_number: string | null;
  reverses_entry_id: number | null;
  reversed: number;
  allocated_cents: number;
  created_by: string;
  created_at: string;
}

const ENTRY_SELECT = `SELECT e.*, i.number AS invoice_number,
  EXISTS (SELECT 1 FROM account_entry r WHERE r.reverses_entry_id = e.id) AS reversed,
  coalesce((SELECT sum(a.amount_cents) FROM allocation a WHERE a.credit_entry_id = e.id OR a.debit_entry_id = e.id), 0) AS allocated_cents
  FROM account_entry e LEFT JOIN invoice i ON i.id = e.invoice_id`;

function toEntryDto(r: EntrySql, balanceCents: number | null): LedgerEntryDto {
  const open = Math.abs(r.amount_cents) - r.allocated_cents;
  return {
    id: r.id,
    type: r.type,
    typeLabel: ENTRY_TYPE_LABELS[r.type],
    entryDate: r.entry_date,
    amount: toPlain(fromCents(r.amount_cents)),
    balance: balanceCents === null ? null : toPlain(fromCents(balanceCents)),
    open: toPlain(fromCents(open)),
    text: r.text,
    reference: r.reference,
    invoiceId: r.invoice_id,
    invoiceNumber: r.invoice_number,
    reversesEntryId: r.reverses_entry_id,
    reversed: r.reversed === 1,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export function entryDto(raw: Raw, id: number): LedgerEntryDto {
  const r = stmt(raw, `${ENTRY_SELECT} WHERE e.id = ?`).get(id) as EntrySql | undefined;
  if (!r) throw notFound(`Kontobewegung ${id}`);
  return toEntryDto(r, null);
}

export function balanceCentsOf(raw: Raw, customerId: number): number {
  return (stmt(raw, `SELECT coalesce(sum(e.amount_cents), 0) AS s FROM account_entry e JOIN customer_account a ON a.id = e.account_id WHERE a.customer_id = ?`).get(customerId) as { s: number }).s;
}

/** Kontobewegungen with running balance, newest page last (booking order), plus balance and Guthaben. */
export function ledgerOverview(raw: Raw, customerId: number, offset: number, limit: number): LedgerOverviewDto {
  const customer = stmt(raw, `SELECT id, number, display_name FROM customer WHERE id = ?`).get(customerId) as { id: number; number: string; display_name: string } | undefined;
  if (!customer) throw notFound(`Kunde ${customerId}`);
  const accountId = accountIdOf(raw, customerId);
  const total = (stmt(raw, `SELECT count(*) AS n FROM account_entry WHERE account_id = ?`).get(accountId) as { n: number }).n;
  const opening = (stmt(
    raw,
    `SELECT coalesce(sum(amount_cents), 0) AS s FROM (SELECT amount_cents FROM account_entry WHERE account_id = ? ORDER BY entry_date, id LIMIT ?)`,
  ).get(accountId, offset) as { s: number }).s;
  const rows = stmt(raw, `${ENTRY_SELECT} WHERE e.account_id = ? ORDER BY e.entry_date, e.id LIMIT ? OFFSET ?`).all(accountId, limit, offset) as EntrySql[];
  let balance = opening;
  const entries: Page<LedgerEntryDto> = {
    total,
    offset,
    limit,
    rows: rows.map((r) => {
      balance += r.amount_cents;
      return toEntryDto(r, balance);
    }),
  };
  return {
    customerId,
    customerNumber: customer.number,
    customerName: customer.display_name,
    accountId,
    balance: toPlain(fromCents(balanceCentsOf(raw, customerId))),
    credit: toPlain(fromCents(availableCreditCents(raw, accountId))),
    openItems: toPlain(fromCents(openDebits(raw, accountId).reduce((s, d) => s + d.open_cents, 0))),
    entries,
  };
}
