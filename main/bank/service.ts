// Bank reconciliation service: statement import (transactional, deduplicated, original file
// kept with SHA-256 and an import log), matching with suggestions and auto-booking above the
// threshold, bookings on invoices / as credit / ignore, and undo by counter-entries.
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Page } from '../../shared/api/define';
import type {
  BankAccountDto,
  BankBookingDto,
  BankImportDto,
  BankImportResultDto,
  BankTransactionDto,
  BankTxState,
  MatchResultDto,
  OpenInvoiceDto,
  SuggestionDto,
} from '../../shared/api/bank';
import { AppError, fieldError, notFound } from '../../shared/errors';
import { Decimal, fromCents, toCents, toPlain } from '../../shared/money';
import { formatDate } from '../../shared/dates';
import { recordAudit } from '../company/audit';
import { getSetting, setSetting } from '../company/settings';
import type { CompanyDb } from '../db/company-db';
import { BankAccountEntity } from './entities';
import { customerAccountId, customerRefs, insertAllocation, insertPaymentEntry, openInvoices, reversePaymentEntry } from './ledger';
import { parseStatementFile, allTransactions, type GenericCsvMapping, type ParsedFile } from './parsers';
import { dedupKeys, isStored, wholeEntryKey } from './rules-dedup';
import { applyAllocations, buildMatchIndex, contradictsPayer, DEFAULT_AUTO_BOOK_THRESHOLD, suggestMatches } from './rules-matching';

export interface Actor {
  readonly actor: string;
  readonly at: string;
}

export const AUTO_BOOK_SETTING = 'bank.autoBookThreshold';

// ---------------------------------------------------------------- bank accounts

interface AccountRow {
  id: number;
  iban: string | null;
  account_ident: string;
  name: string;
  currency: string;
  datev_account: string | null;
  active: number;
}

const toAccountDto = (r: AccountRow): BankAccountDto => ({
  id: r.id,
  iban: r.iban,
  accountIdent: r.account_ident,
  name: r.name,
  currency: r.currency,
  datevAccount: r.datev_account,
  active: Boolean(r.active),
});

export async function listBankAccounts(m: EntityManager): Promise<BankAccountDto[]> {
  const rows = await m.getRepository(BankAccountEntity).find({ order: { name: 'ASC', id: 'ASC' } });
  return rows.map((r) => ({ id: r.id, iban: r.iban, accountIdent: r.accountIdent, name: r.name, currency: r.currency, datevAccount: r.datevAccount, active: Boolean(r.active) }));
}

export async function saveBankAccount(
  db: CompanyDb,
  id: number | undefined,
  a: { iban: string; name: string; currency: string; datevAccount: string | null },
  who: Actor,
): Promise<BankAccountDto> {
  return db.transaction(async (m) => {
    const clash = (await m.query(`SELECT id FROM bank_account WHERE iban = ? OR account_ident = ?`, [a.iban, a.iban])) as { id: number }[];
    if (clash.some((c) => c.id !== id)) throw fieldError('iban', 'Für diese IBAN gibt es schon ein Bankkonto');
    let before: AccountRow | undefined;
    if (id === undefined) {
      const res = (await m.query(
        `INSERT INTO bank_account(iban, account_ident, name, currency, datev_account, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?) RETURNING id`,
        [a.iban, a.iban, a.name, a.currency, a.datevAccount, who.at, who.at],
      )) as { id: number }[];
      id = res[0]?.id ?? 0;
    } else {
      before = ((await m.query(`SELECT * FROM bank_account WHERE id = ?`, [id])) as AccountRow[])[0];
      if (!before) throw notFound(`Bankkonto ${id}`);
      await m.query(`UPDATE bank_account SET iban = ?, account_ident = ?, name = ?, currency = ?, datev_account = ?, updated_at = ? WHERE id = ?`, [
        a.iban,
        a.iban,
        a.name,
        a.currency,
        a.datevAccount,
        who.at,
        id,
      ]);
    }
    const after = ((await m.query(`SELECT * FROM bank_account WHERE id = ?`, [id])) as AccountRow[])[0] as AccountRow;
    await recordAudit(m, {
      ...who,
      entity: 'Bankkonto',
      entityId: a.iban,
      action: before ? 'UPDATE' : 'CREATE',
      before: before ? { iban: before.iban, name: before.name, datevAccount: before.datev_account } : null,
      after: { iban: after.iban, name: after.name, datevAccount: after.datev_account },
    });
    return toAccountDto(after);
  });
}

async function resolveAccount(m: EntityManager, file: ParsedFile, bankAccountId: number | undefined, who: Actor): Promise<AccountRow> {
  const st = file.statements.find((s) => s.accountIban) ?? file.statements[0];
  const iban = st?.accountIban ?? null;
  if (bankAccountId !== undefined) {
    const row = ((await m.query(`SELECT * FROM bank_account WHERE id = ?`, [bankAccountId])) as AccountRow[])[0];
    if (!row) throw notFound(`Bankkonto ${bankAccountId}`);
    if (iban && row.iban && row.iban !== iban) {
      throw fieldError('bankAccountId', `Der Auszug gehört zum Konto ${iban}, nicht zu ${row.iban} (${row.name}).`);
    }
    return row;
  }
  // Without a chosen account: the file's IBAN, else its account id, else the export's kind (e.g. PayPal).
  const ident = iban ?? st?.accountId ?? file.variant;
  const found = ((await m.query(`SELECT * FROM bank_account WHERE account_ident = ? OR iban = ?`, [ident, ident])) as AccountRow[])[0];
  if (found) return found;
  const name = iban ? `Konto ${iban.slice(0, 4)} … ${iban.slice(-4)}` : file.format === 'CSV' ? file.variant : `Konto ${ident}`;
  const res = (await m.query(
    `INSERT INTO bank_account(iban, account_ident, name, currency, datev_account, active, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, 1, ?, ?) RETURNING id`,
    [iban, ident, name, st?.currency ?? 'EUR', who.at, who.at],
  )) as { id: number }[];
  return ((await m.query(`SELECT * FROM bank_account WHERE id = ?`, [res[0]?.id])) as AccountRow[])[0] as AccountRow;
}

// ---------------------------------------------------------------- import

export interface ImportInput {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly bankAccountId?: number | undefined;
  readonly mapping?: GenericCsvMapping | undefined;
  readonly autoBook: boolean;
}

interface ImportRow {
  id: number;
  bank_account_id: number;
  account_name: string;
  file_name: string;
  format: string;
  variant: string;
  sha256: string;
  size_bytes: number;
  new_count: number;
  duplicate_count: number;
  rejected_count: number;
  log_json: string;
  imported_by: string;
  imported_at: string;
}

const toImportDto = (r: ImportRow): BankImportDto => ({
  id: r.id,
  bankAccountId: r.bank_account_id,
  bankAccountName: r.account_name,
  fileName: r.file_name,
  format: r.format,
  variant: r.variant,
  sha256: r.sha256,
  sizeBytes: r.size_bytes,
  newCount: r.new_count,
  duplicateCount: r.duplicate_count,
  rejectedCount: r.rejected_count,
  warnings: (JSON.parse(r.log_json) as { warnings?: string[] }).warnings ?? [],
  importedBy: r.imported_by,
  importedAt: r.imported_at,
});

const IMPORT_SELECT = `SELECT bi.id, bi.bank_account_id, ba.name AS account_name, bi.file_name, bi.format, bi.variant, bi.sha256, bi.size_bytes,
  bi.new_count, bi.duplicate_count, bi.rejected_count, bi.log_json, bi.imported_by, bi.imported_at
  FROM bank_import bi JOIN bank_account ba ON ba.id = bi.bank_account_id`;

export async function listImports(m: EntityManager, limit: number): Promise<BankImportDto[]> {
  return ((await m.query(`${IMPORT_SELECT} ORDER BY bi.id DESC LIMIT ?`, [limit])) as ImportRow[]).map(toImportDto);
}

/** Imports one statement file in one transaction; returns new / duplicate / rejected counts. */
export async function importStatement(db: CompanyDb, input: ImportInput, who: Actor): Promise<BankImportResultDto> {
  const parsed = parseStatementFile(input.bytes, { fileName: input.fileName, mapping: input.mapping });
  const txs = allTransactions(parsed);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const rejected = parsed.warnings.filter((w) => /übergangen/.test(w) && !/Feld/.test(w)).length;

  const { importId, newIds } = await db.transaction(async (m) => {
    const account = await resolveAccount(m, parsed, input.bankAccountId, who);
    const keys = dedupKeys(account.account_ident, txs);
    const wholeKeys = txs.map((t) => wholeEntryKey(account.account_ident, t));
    const wanted = [...keys, ...wholeKeys.filter((k): k is string => k !== null)];
    const stored = { transactions: new Set<string>(), splitEntries: new Set<string>() };
    const lookup = db.raw.prepare(`SELECT dedup_key FROM bank_transaction WHERE dedup_key IN (SELECT value FROM json_each(?))`);
    const lookupBatch = db.raw.prepare(`SELECT DISTINCT batch_key FROM bank_transaction WHERE batch_key IN (SELECT value FROM json_each(?))`);
    for (let i = 0; i < wanted.length; i += 5000) {
      const chunk = JSON.stringify(wanted.slice(i, i + 5000));
      for (const r of lookup.all(chunk) as { dedup_key: string }[]) stored.transactions.add(r.dedup_key);
      for (const r of lookupBatch.all(chunk) as { batch_key: string }[]) stored.splitEntries.add(r.batch_key);
    }
    const fresh = txs.map((t, i) => ({ t, key: keys[i] ?? '', wholeKey: wholeKeys[i] ?? null })).filter((x) => !isStored(x.key, x.wholeKey, stored));
    const first = db.raw.prepare(`SELECT id FROM bank_import WHERE sha256 = ? AND original IS NOT NULL ORDER BY id LIMIT 1`).get(sha256) as
      | { id: number }
      | undefined;
    const log = {
      encoding: parsed.encoding,
      statements: parsed.statements.map((s) => ({
        statementId: s.statementId,
        account: s.accountIban ?? s.accountId,
        transactions: s.transactions.length,
        opening: s.openingBalance ? toPlain(s.openingBalance.amount) : null,
        closing: s.closingBalance ? toPlain(s.closingBalance.amount) : null,
      })),
      warnings: parsed.warnings,
    };
    const importRow = db.raw
      .prepare(
        `INSERT INTO bank_import(bank_account_id, file_name, format, variant, encoding, sha256, size_bytes, original, original_import_id,
           new_count, duplicate_count, rejected_count, log_json, imported_by, imported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(
        account.id,
        input.fileName,
        parsed.format,
        parsed.variant,
        parsed.encoding,
        sha256,
        input.bytes.byteLength,
        first ? null : Buffer.from(input.bytes),
        first ? first.id : null,
        fresh.length,
        txs.length - fresh.length,
        rejected,
        JSON.stringify(log),
        who.actor,
        who.at,
      ) as { id: number };
    const insert = db.raw.prepare(
      `INSERT INTO bank_transaction(bank_account_id, import_id, dedup_key, booking_date, value_date, amount_cents, currency, counterparty_name,
         counterparty_iban, counterparty_bic, remittance, end_to_end_id, bank_reference, booking_text, batch_key, manual_only, state, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?) RETURNING id`,
    );
    const ids: number[] = [];
    for (const { t, key, wholeKey } of fresh) {
      const row = insert.get(
        account.id,
        importRow.id,
        key,
        t.bookingDate,
        t.valueDate,
        toCents(t.amount),
        t.currency,
        t.counterpartyName,
        t.counterpartyIban,
        t.counterpartyBic,
        t.remittance,
        t.endToEndId,
        t.bankReference,
        t.bookingText,
        wholeKey,
        t.manualOnly ? 1 : 0,
        who.at,
      ) as { id: number };
      ids.push(row.id);
    }
    return { importId: importRow.id, newIds: ids };
  });

  const match = newIds.length > 0 ? await matchTransactions(db, { auto: input.autoBook, onlyIds: newIds }, who) : { autoBooked: 0 };
  const row = (await db.dataSource.manager.query(`${IMPORT_SELECT} WHERE bi.id = ?`, [importId])) as ImportRow[];
  return { ...toImportDto(row[0] as ImportRow), autoBooked: match.autoBooked };
}

// ---------------------------------------------------------------- matching

interface TxRow {
  id: number;
  bank_account_id: number;
  manual_only: number;
  booking_date: string;
  value_date: string | null;
  amount_cents: number;
  currency: string;
  counterparty_name: string | null;
  counterparty_iban: string | null;
  remittance: string;
  end_to_end_id: string | null;
  bank_reference: string | null;
  booking_text: string | null;
  state: BankTxState;
  match_json: string | null;
}

/** Shown with the suggestion of a transaction that is never booked automatically. */
const MANUAL_ONLY_REASON = 'Sammelbuchung – nur von Hand verbuchen';

export async function autoBookThreshold(m: EntityManager): Promise<number> {
  return getSetting(m, AUTO_BOOK_SETTING, DEFAULT_AUTO_BOOK_THRESHOLD);
}

export async function setAutoBookThreshold(db: CompanyDb, value: number, who: Actor): Promise<number> {
  await db.transaction((m) => setSetting(m, AUTO_BOOK_SETTING, value, who));
  return value;
}

/**
 * Suggests for every open incoming transaction (or the given ones) and, with auto, books those
 * at or above the threshold. The index is built once; each booking updates it.
 */
export async function matchTransactions(db: CompanyDb, opts: { auto: boolean; onlyIds?: readonly number[] }, who: Actor): Promise<MatchResultDto> {
  return db.transaction(async (m) => {
    const threshold = await autoBookThreshold(m);
    const open = await openInvoices(m);
    const customers = await customerRefs(m);
    const index = buildMatchIndex(open, customers);
    const byId = new Map(open.map((o) => [o.invoiceId, o]));
    const customerById = new Map(customers.map((c) => [c.id, c]));
    const rows = (
      opts.onlyIds
        ? db.raw.prepare(`SELECT * FROM bank_transaction WHERE id IN (SELECT value FROM json_each(?)) AND state = 'OPEN' ORDER BY booking_date, id`).all(JSON.stringify(opts.onlyIds))
        : db.raw.prepare(`SELECT * FROM bank_transaction WHERE state = 'OPEN' ORDER BY booking_date, id`).all()
    ) as TxRow[];
    const store = db.raw.prepare(`UPDATE bank_transaction SET match_score = ?, match_json = ? WHERE id = ?`);
    let suggested = 0;
    let autoBooked = 0;
    for (const row of rows) {
      const amount = fromCents(row.amount_cents);
      const [best] = suggestMatches(
        { amount, currency: row.currency, remittance: row.remittance, counterpartyName: row.counterparty_name, counterpartyIban: row.counterparty_iban },
        index,
      );
      if (!best) {
        store.run(null, null, row.id);
        continue;
      }
      const customer = customerById.get(best.customerId);
      // A batch kept whole, or a payer whose IBAN belongs to another customer: the user decides, at any threshold.
      const bookByHand = row.manual_only === 1 || contradictsPayer(best);
      const dto: SuggestionDto = {
        customerId: best.customerId,
        customerNumber: customer?.number ?? '',
        customerName: customer?.name ?? '',
        score: best.score,
        reasons: bookByHand ? [...best.reasons, MANUAL_ONLY_REASON] : best.reasons,
        allocations: best.allocations.map((a) => ({
          invoiceId: a.invoiceId,
          invoiceNumber: a.invoiceNumber,
          amount: toPlain(a.amount),
          openAmount: toPlain(index.items.get(a.invoiceId)?.openAmount ?? byId.get(a.invoiceId)?.openAmount ?? a.amount),
        })),
        overpayment: toPlain(best.overpayment),
      };
      store.run(best.score, JSON.stringify(dto), row.id);
      suggested++;
      if (opts.auto && !bookByHand && best.score >= threshold && best.allocations.length > 0) {
        await bookOnInvoices(m, db.raw, row, best.allocations.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount })), who, true);
        applyAllocations(index, best.allocations);
        autoBooked++;
      }
    }
    return { examined: rows.length, suggested, autoBooked };
  });
}

// ---------------------------------------------------------------- bookings

async function loadTx(m: EntityManager, id: number): Promise<TxRow> {
  const row = ((await m.query(`SELECT * FROM bank_transaction WHERE id = ?`, [id])) as TxRow[])[0];
  if (!row) throw notFound(`Umsatz ${id}`);
  return row;
}

function assertOpenIncoming(row: TxRow): void {
  if (row.state !== 'OPEN') throw new AppError('CONFLICT', `Der Umsatz ist bereits ${row.state === 'BOOKED' ? 'verbucht' : 'als ignoriert markiert'}; erst rückgängig machen.`);
  if (row.amount_cents <= 0) throw new AppError('VALIDATION', 'Nur Zahlungseingänge (Gutschriften auf dem Bankkonto) können Kunden zugeordnet werden.');
}

const paymentText = (row: TxRow) =>
  `Zahlungseingang ${formatDate(row.booking_date)}${row.counterparty_name ? ` ${row.counterparty_name}` : ''}${row.remittance ? `: ${row.remittance}` : ''}`;

async function insertBooking(
  m: EntityManager,
  b: { txId: number; kind: 'INVOICE' | 'CREDIT' | 'IGNORE'; customerId: number | null; invoiceId: number | null; cents: number; entryId: number | null; reverses: number | null; automatic: boolean },
  who: Actor,
): Promise<void> {
  await m.query(
    `INSERT INTO bank_booking(bank_transaction_id, kind, customer_id, invoice_id, amount_cents, account_entry_id, reverses_booking_id, automatic, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [b.txId, b.kind, b.customerId, b.invoiceId, b.cents, b.entryId, b.reverses, b.automatic ? 1 : 0, who.actor, who.at],
  );
}

/** PAYMENT entry for the whole amount, allocated to the invoices; the rest stays as credit. */
async function bookOnInvoices(m: EntityManager, raw: CompanyDb['raw'], row: TxRow, wanted: readonly { invoiceId: number; amount: Decimal }[], who: Actor, automatic: boolean): Promise<void> {
  assertOpenIncoming(row);
  const ids = [...new Set(wanted.map((w) => w.invoiceId))];
  if (ids.length !== wanted.length) throw fieldError('allocations', 'Jede Rechnung nur einmal wählen');
  const invoices = await openInvoices(m, { invoiceIds: ids });
  const byId = new Map(invoices.map((i) => [i.invoiceId, i]));
  let total = new Decimal(0);
  for (const w of wanted) {
    const inv = byId.get(w.invoiceId);
    if (!inv) throw fieldError('allocations', `Rechnung ${w.invoiceId} ist nicht (mehr) offen`);
    if (w.amount.lte(0)) throw fieldError('allocations', `Betrag für ${inv.invoiceNumber} muss größer als 0 sein`);
    if (w.amount.gt(inv.openAmount)) {
      throw fieldError('allocations', `Für ${inv.invoiceNumber} sind nur ${toPlain(inv.openAmount).replace('.', ',')} offen`);
    }
    if (inv.currency !== row.currency) throw fieldError('allocations', `${inv.invoiceNumber} ist in ${inv.currency}, die Zahlung in ${row.currency}`);
    total = total.plus(w.amount);
  }
  const amount = fromCents(row.amount_cents);
  if (total.gt(amount)) throw fieldError('allocations', 'Die Zuordnung ist höher als der Zahlungsbetrag');
  const customers = new Set(invoices.map((i) => i.customerId));
  if (customers.size !== 1) throw fieldError('allocations', 'Alle gewählten Rechnungen müssen zum selben Kunden gehören');
  const customerId = invoices[0]?.customerId ?? 0;
  const accountId = customerAccountId(raw, customerId);
  const entryId = insertPaymentEntry(raw, {
    accountId,
    entryDate: row.booking_date,
    amountCents: row.amount_cents,
    text: paymentText(row),
    reference: row.bank_reference ?? row.end_to_end_id,
    bankTransactionId: row.id,
    actor: who.actor,
    at: who.at,
  });
  for (const w of wanted) {
    const inv = byId.get(w.invoiceId);
    if (!inv) continue;
    insertAllocation(raw, entryId, inv.debitEntryId, toCents(w.amount), who.at);
    await insertBooking(m, { txId: row.id, kind: 'INVOICE', customerId, invoiceId: inv.invoiceId, cents: toCents(w.amount), entryId, reverses: null, automatic }, who);
  }
  const rest = amount.minus(total);
  if (rest.gt(0)) await insertBooking(m, { txId: row.id, kind: 'CREDIT', customerId, invoiceId: null, cents: toCents(rest), entryId, reverses: null, automatic }, who);
  await m.query(`UPDATE bank_transaction SET state = 'BOOKED' WHERE id = ?`, [row.id]);
  await recordAudit(m, {
    ...who,
    entity: 'Zahlungseingang',
    entityId: row.id,
    action: 'CREATE',
    after: { kunde: customerId, rechnungen: wanted.map((w) => `${byId.get(w.invoiceId)?.invoiceNumber}: ${toPlain(w.amount)}`), guthaben: toPlain(rest), automatisch: automatic },
  });
}

export async function bookTransaction(db: CompanyDb, txId: number, allocations: readonly { invoiceId: number; amount: string }[], who: Actor): Promise<BankTransactionDto> {
  await db.transaction(async (m) => bookOnInvoices(m, db.raw, await loadTx(m, txId), allocations.map((a) => ({ invoiceId: a.invoiceId, amount: new Decimal(a.amount) })), who, false));
  return getTransaction(db.dataSource.manager, txId);
}

export async function bookAsCredit(db: CompanyDb, txId: number, customerId: number, who: Actor): Promise<BankTransactionDto> {
  await db.transaction(async (m) => {
    const row = await loadTx(m, txId);
    assertOpenIncoming(row);
    const accountId = customerAccountId(db.raw, customerId);
    const entryId = insertPaymentEntry(db.raw, {
      accountId,
      entryDate: row.booking_date,
      amountCents: row.amount_cents,
      text: `${paymentText(row)} (Guthaben)`,
      reference: row.bank_reference ?? row.end_to_end_id,
      bankTransactionId: row.id,
      actor: who.actor,
      at: who.at,
    });
    await insertBooking(m, { txId: row.id, kind: 'CREDIT', customerId, invoiceId: null, cents: row.amount_cents, entryId, reverses: null, automatic: false }, who);
    await m.query(`UPDATE bank_transaction SET state = 'BOOKED' WHERE id = ?`, [row.id]);
    await recordAudit(m, { ...who, entity: 'Zahlungseingang', entityId: row.id, action: 'CREATE', after: { kunde: customerId, guthaben: toPlain(fromCents(row.amount_cents)) } });
  });
  return getTransaction(db.dataSource.manager, txId);
}

export async function ignoreTransaction(db: CompanyDb, txId: number, who: Actor): Promise<BankTransactionDto> {
  await db.transaction(async (m) => {
    const row = await loadTx(m, txId);
    if (row.state !== 'OPEN') throw new AppError('CONFLICT', 'Der Umsatz ist nicht offen; erst rückgängig machen.');
    await insertBooking(m, { txId: row.id, kind: 'IGNORE', customerId: null, invoiceId: null, cents: row.amount_cents, entryId: null, reverses: null, automatic: false }, who);
    await m.query(`UPDATE bank_transaction SET state = 'IGNORED' WHERE id = ?`, [row.id]);
  });
  return getTransaction(db.dataSource.manager, txId);
}

/** Undo: counter-entries for the payment entries, reversing booking rows; the line is open again. */
export async function undoTransaction(db: CompanyDb, txId: number, today: string, who: Actor): Promise<BankTransactionDto> {
  await db.transaction(async (m) => {
    const row = await loadTx(m, txId);
    if (row.state === 'OPEN') throw new AppError('CONFLICT', 'Der Umsatz ist nicht verbucht; es gibt nichts rückgängig zu machen.');
    const active = (await m.query(
      `SELECT * FROM bank_booking b WHERE b.bank_transaction_id = ? AND b.reverses_booking_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM bank_booking r WHERE r.reverses_booking_id = b.id)`,
      [txId],
    )) as { id: number; kind: 'INVOICE' | 'CREDIT' | 'IGNORE'; customer_id: number | null; invoice_id: number | null; amount_cents: number; account_entry_id: number | null }[];
    const entries = [...new Set(active.map((b) => b.account_entry_id).filter((e): e is number => e !== null))];
    for (const e of entries) reversePaymentEntry(db.raw, e, today, who.actor, who.at);
    for (const b of active) {
      await insertBooking(m, { txId, kind: b.kind, customerId: b.customer_id, invoiceId: b.invoice_id, cents: -b.amount_cents, entryId: b.account_entry_id, reverses: b.id, automatic: false }, who);
    }
    await m.query(`UPDATE bank_transaction SET state = 'OPEN' WHERE id = ?`, [txId]);
    await recordAudit(m, { ...who, entity: 'Zahlungseingang', entityId: txId, action: 'UPDATE', before: { status: row.state }, after: { status: 'OPEN', rueckgaengig: true } });
  });
  return getTransaction(db.dataSource.manager, txId);
}

// ---------------------------------------------------------------- reading

interface BookingRow {
  id: number;
  bank_transaction_id: number;
  kind: 'INVOICE' | 'CREDIT' | 'IGNORE';
  customer_id: number | null;
  customer_name: string | null;
  invoice_id: number | null;
  invoice_number: string | null;
  amount_cents: number;
  automatic: number;
  reverses_booking_id: number | null;
  reversed: number;
  created_by: string;
  created_at: string;
}

async function bookingsOf(m: EntityManager, ids: readonly number[]): Promise<Map<number, BankBookingDto[]>> {
  const out = new Map<number, BankBookingDto[]>();
  if (ids.length === 0) return out;
  const rows = (await m.query(
    `SELECT b.*, c.display_name AS customer_name, i.number AS invoice_number,
       EXISTS (SELECT 1 FROM bank_booking r WHERE r.reverses_booking_id = b.id) AS reversed
     FROM bank_booking b LEFT JOIN customer c ON c.id = b.customer_id LEFT JOIN invoice i ON i.id = b.invoice_id
     WHERE b.bank_transaction_id IN (SELECT value FROM json_each(?)) AND b.reverses_booking_id IS NULL ORDER BY b.id`,
    [JSON.stringify(ids)],
  )) as BookingRow[];
  for (const r of rows) {
    const list = out.get(r.bank_transaction_id) ?? [];
    list.push({
      id: r.id,
      kind: r.kind,
      customerId: r.customer_id,
      customerName: r.customer_name,
      invoiceId: r.invoice_id,
      invoiceNumber: r.invoice_number,
      amount: toPlain(fromCents(r.amount_cents)),
      automatic: Boolean(r.automatic),
      reversed: Boolean(r.reversed),
      createdBy: r.created_by,
      createdAt: r.created_at,
    });
    out.set(r.bank_transaction_id, list);
  }
  return out;
}

function toTxDto(r: TxRow, bookings: readonly BankBookingDto[]): BankTransactionDto {
  return {
    id: r.id,
    bankAccountId: r.bank_account_id,
    bookingDate: r.booking_date,
    valueDate: r.value_date,
    amount: toPlain(fromCents(r.amount_cents)),
    currency: r.currency,
    counterpartyName: r.counterparty_name,
    counterpartyIban: r.counterparty_iban,
    remittance: r.remittance,
    endToEndId: r.end_to_end_id,
    bankReference: r.bank_reference,
    bookingText: r.booking_text,
    state: r.state,
    suggestion: r.state === 'OPEN' && r.match_json ? (JSON.parse(r.match_json) as SuggestionDto) : null,
    bookings,
  };
}

export async function getTransaction(m: EntityManager, id: number): Promise<BankTransactionDto> {
  const row = await loadTx(m, id);
  return toTxDto(row, (await bookingsOf(m, [id])).get(id) ?? []);
}

export async function listTransactions(m: EntityManager, q: { state: BankTxState | 'ALL'; offset: number; limit: number }): Promise<Page<BankTransactionDto>> {
  const where = q.state === 'ALL' ? '' : 'WHERE state = ?';
  const params = q.state === 'ALL' ? [] : [q.state];
  const [{ n }] = (await m.query(`SELECT count(*) AS n FROM bank_transaction ${where}`, params)) as [{ n: number }];
  // Open lines: best suggestions first so the bookkeeper can work down the list.
  const order = q.state === 'OPEN' ? 'ORDER BY (amount_cents > 0) DESC, match_score IS NULL, match_score DESC, booking_date, id' : 'ORDER BY booking_date DESC, id DESC';
  const rows = (await m.query(`SELECT * FROM bank_transaction ${where} ${order} LIMIT ? OFFSET ?`, [...params, q.limit, q.offset])) as TxRow[];
  const bookings = await bookingsOf(m, rows.map((r) => r.id));
  return { rows: rows.map((r) => toTxDto(r, bookings.get(r.id) ?? [])), total: n, offset: q.offset, limit: q.limit };
}

export async function listOpenInvoices(m: EntityManager, filter: { customerId?: number | undefined; search?: string | null }): Promise<OpenInvoiceDto[]> {
  const rows = await openInvoices(m, { ...(filter.customerId !== undefined ? { customerId: filter.customerId } : {}), search: filter.search ?? null });
  return rows.slice(0, 200).map((r) => ({
    invoiceId: r.invoiceId,
    invoiceNumber: r.invoiceNumber,
    customerId: r.customerId,
    customerNumber: r.customerNumber,
    customerName: r.customerName,
    issueDate: r.issueDate,
    dueDate: r.dueDate,
    currency: r.currency,
    gross: toPlain(r.gross),
    openAmount: toPlain(r.openAmount),
  }));
}

