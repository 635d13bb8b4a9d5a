import type { EntityManager } from 'typeorm';
import type { Page } from '../../shared/api/define';
import type {
  AccountEntryDto,
  CustomerAccountDto,
  CustomerDto,
  CustomerFields,
  CustomerRow,
  CUSTOMER_SORTS,
} from '../../shared/api/customers';
import type { IsoDate } from '../../shared/dates';
import { AppError, fieldError, notFound } from '../../shared/errors';
import { fromCents, toPlain } from '../../shared/money';
import { searchKey } from '../../shared/search-key';
import { recordAudit } from '../company/audit';
import { nextNumber } from '../company/number-ranges';
import { contractNumbersWithOpenActivities, runningContractNumbers } from '../contracts/service';
import { rawOf, stmt, type CompanyDb, type Raw } from '../db/company-db';
import { likeStartingWith } from '../db/like';
import { CustomerAccountEntity, CustomerEntity, type CustomerRecord } from './entities';
import { debitorAllocator, derivedColumns, trigramQuery } from './rules';

export interface Actor {
  readonly actor: string;
  readonly at: string;
}

export function toCustomerDto(r: CustomerRecord): CustomerDto {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    companyName: r.companyName,
    firstName: r.firstName,
    lastName: r.lastName,
    displayName: r.displayName,
    street: r.street,
    zip: r.zip,
    city: r.city,
    country: r.country,
    email: r.email,
    phone: r.phone,
    vatId: r.vatId,
    language: r.language,
    paymentMethod: r.paymentMethod as CustomerDto['paymentMethod'],
    paymentTermsDays: r.paymentTermsDays,
    iban: r.iban,
    bic: r.bic,
    notes: r.notes,
    debitorAccount: r.debitorAccount,
    collectiveInvoicing: Boolean(r.collectiveInvoicing),
    active: Boolean(r.active),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** What the audit log records of a customer (the tax-relevant master data). */
function auditView(r: CustomerRecord): Record<string, unknown> {
  const { id: _id, createdAt: _c, updatedAt: _u, displayName: _d, nameKey: _n, cityKey: _k, ...rest } = r;
  return rest;
}

export async function getCustomer(manager: EntityManager, id: number): Promise<CustomerDto> {
  const record = await manager.getRepository(CustomerEntity).findOneBy({ id });
  if (!record) throw notFound(`Kunde ${id}`);
  return toCustomerDto(record);
}

interface Holder {
  readonly id: number;
  readonly number: string;
}

/**
 * The customer holding a customer number: by its current number, or by its customer account,
 * which keeps the number the customer was created with. A renamed customer's old number stays
 * reserved: its ledger, issued invoices and the payments quoting them still say that number.
 */
export function holderOfNumber(raw: Raw, number: string): Holder | undefined {
  return stmt(
    raw,
    `SELECT id, number FROM customer WHERE number = ?
     UNION ALL SELECT c.id, c.number FROM customer_account a JOIN customer c ON c.id = a.customer_id WHERE a.number = ? LIMIT 1`,
  ).get(number, number) as Holder | undefined;
}

export function numberTakenMessage(number: string, holder: Holder): string {
  if (holder.number === number) return `Kundennummer ${number} ist bereits vergeben`;
  return `Kundennummer ${number} ist reserviert: Kunde ${holder.number} trug sie früher, sein Kundenkonto und seine Rechnungen führen sie weiter`;
}

function assertNumberFree(raw: Raw, number: string, exceptId?: number): void {
  const holder = holderOfNumber(raw, number);
  if (holder && holder.id !== exceptId) throw fieldError('number', numberTakenMessage(number, holder));
}

/** The next number of the CUSTOMER range that no customer holds yet (numbers may also be typed in by hand or imported). */
async function nextFreeCustomerNumber(manager: EntityManager, date: string): Promise<string> {
  for (;;) {
    const candidate = await nextNumber(manager, 'CUSTOMER', date);
    if (!holderOfNumber(rawOf(manager), candidate)) return candidate;
  }
}

/** The number of another customer booked on this DATEV debitor account. */
export function debitorHolder(raw: Raw, account: string, exceptId = 0): string | undefined {
  const row = stmt(raw, `SELECT number FROM customer WHERE debitor_account = ? AND id <> ? LIMIT 1`).get(account, exceptId) as { number: string } | undefined;
  return row?.number;
}

export function debitorTakenMessage(account: string, holderNumber: string): string {
  return `Debitorenkonto ${account} gehört bereits Kunde ${holderNumber}; DATEV würde beide Kunden auf einem Konto führen`;
}

export const NO_FREE_DEBITOR = 'Kein Debitorenkonto ist mehr frei; bitte ein Debitorenkonto eingeben';

function assertDebitorFree(raw: Raw, account: string, exceptId?: number): void {
  const holder = debitorHolder(raw, account, exceptId);
  if (holder !== undefined) throw fieldError('debitorAccount', debitorTakenMessage(account, holder));
}

/** Creates a customer with its customer account, inside the caller's transaction. */
export async function insertCustomer(manager: EntityManager, fields: CustomerFields, who: Actor): Promise<CustomerDto> {
  const raw = rawOf(manager);
  const number = fields.number ?? (await nextFreeCustomerNumber(manager, who.at.slice(0, 10)));
  assertNumberFree(raw, number);
  if (fields.debitorAccount !== null) assertDebitorFree(raw, fields.debitorAccount);
  const debitorAccount = fields.debitorAccount ?? debitorAllocator((account) => debitorHolder(raw, account) !== undefined)(number);
  if (debitorAccount === null) throw fieldError('debitorAccount', NO_FREE_DEBITOR);
  const record = await manager.getRepository(CustomerEntity).save({
    ...fields,
    ...derivedColumns(fields),
    number,
    debitorAccount,
    active: true,
    createdAt: who.at,
    updatedAt: who.at,
  });
  await manager.getRepository(CustomerAccountEntity).insert({
    customerId: record.id,
    number,
    name: 'Kundenkonto',
    createdAt: who.at,
  });
  await recordAudit(manager, { ...who, entity: 'Kunde', entityId: number, action: 'CREATE', after: auditView(record) });
  return toCustomerDto(record);
}

export async function createCustomer(db: CompanyDb, fields: CustomerFields, who: Actor): Promise<CustomerDto> {
  return db.transaction((m) => insertCustomer(m, fields, who));
}

export async function updateCustomerIn(manager: EntityManager, id: number, fields: CustomerFields, who: Actor): Promise<CustomerDto> {
  const repo = manager.getRepository(CustomerEntity);
  const before = await repo.findOneBy({ id });
  if (!before) throw notFound(`Kunde ${id}`);
  const number = fields.number ?? before.number;
  const debitorAccount = fields.debitorAccount ?? before.debitorAccount;
  const raw = rawOf(manager);
  if (number !== before.number) assertNumberFree(raw, number, id);
  // Only a change is checked: a customer that already shares an account can still be edited.
  if (debitorAccount !== before.debitorAccount) assertDebitorFree(raw, debitorAccount, id);
  const after: CustomerRecord = {
    ...before,
    ...fields,
    ...derivedColumns(fields),
    number,
    debitorAccount,
    updatedAt: who.at,
  };
  await repo.save(after);
  await recordAudit(manager, { ...who, entity: 'Kunde', entityId: number, action: 'UPDATE', before: auditView(before), after: auditView(after) });
  return toCustomerDto(after);
}

export async function updateCustomer(db: CompanyDb, id: number, fields: CustomerFields, who: Actor): Promise<CustomerDto> {
  return db.transaction((m) => updateCustomerIn(m, id, fields, who));
}

/**
 * Deactivating hides a customer from lists and new contracts, but billing follows the contracts:
 * a customer whose contracts still run, or have activities not yet billed, is refused, so it is
 * not billed on unnoticed.
 */
export async function setCustomerActive(db: CompanyDb, id: number, active: boolean, who: Actor & { readonly today: IsoDate }): Promise<CustomerDto> {
  return db.transaction(async (m) => {
    const repo = m.getRepository(CustomerEntity);
    const before = await repo.findOneBy({ id });
    if (!before) throw notFound(`Kunde ${id}`);
    if (!active && before.active) {
      const running = await runningContractNumbers(m, id, who.today);
      if (running.length > 0) {
        throw new AppError(
          'CONFLICT',
          `Kunde ${before.number} hat noch laufende Verträge (${running.join(', ')}) und würde weiter abgerechnet. Bitte die Verträge zuerst kündigen oder beenden, dann den Kunden deaktivieren.`,
          { contracts: running },
        );
      }
      const unbilled = await contractNumbersWithOpenActivities(m, id);
      if (unbilled.length > 0) {
        throw new AppError(
          'CONFLICT',
          `Kunde ${before.number} hat noch nicht abgerechnete Leistungen (${unbilled.join(', ')}), die der nächste Rechnungslauf abrechnen würde. Bitte zuerst abrechnen, dann den Kunden deaktivieren.`,
          { contracts: unbilled },
        );
      }
    }
    const after = { ...before, active, updatedAt: who.at };
    await repo.save(after);
    await recordAudit(m, { ...who, entity: 'Kunde', entityId: before.number, action: 'UPDATE', before: { active: Boolean(before.active) }, after: { active } });
    return toCustomerDto(after);
  });
}

export interface CustomerListQuery {
  readonly search?: string | undefined;
  readonly sort: (typeof CUSTOMER_SORTS)[number];
  readonly direction: 'asc' | 'desc';
  readonly includeInactive: boolean;
  readonly offset: number;
  readonly limit: number;
}

const SORT_COLUMNS: Readonly<Record<CustomerListQuery['sort'], string>> = {
  number: 'c.number',
  name: 'c.name_key',
  city: 'c.city_key',
  email: 'c.email COLLATE NOCASE',
};

interface CustomerRowSql {
  id: number;
  number: string;
  display_name: string;
  email: string | null;
  zip: string | null;
  city: string | null;
  active: number;
}

/** Server-side paging, sorting and search over number, name, e-mail and city. */
export async function listCustomers(manager: EntityManager, q: CustomerListQuery): Promise<Page<CustomerRow>> {
  const where: string[] = [];
  const params: unknown[] = [];
  let from = 'customer c';
  const term = q.search?.trim() ?? '';
  if (term !== '') {
    // Names and cities are searched by their keys, so „öz“ and „uber“ find „Özdemir“ and „Überlingen“.
    const key = searchKey(term);
    const fts = trigramQuery(key);
    if (fts) {
      from = 'customer_search s JOIN customer c ON c.id = s.rowid';
      where.push('customer_search MATCH ?');
      params.push(fts);
    } else {
      where.push(`(c.number LIKE ? ESCAPE '\\' OR c.name_key LIKE ? ESCAPE '\\' OR c.email LIKE ? ESCAPE '\\' OR c.city_key LIKE ? ESCAPE '\\')`);
      params.push(likeStartingWith(term), likeStartingWith(key), likeStartingWith(term), likeStartingWith(key));
    }
  }
  if (!q.includeInactive) where.push('c.active = 1');
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const dir = q.direction === 'desc' ? 'DESC' : 'ASC';
  const [{ total }] = (await manager.query(`SELECT count(*) AS total FROM ${from} ${clause}`, params)) as [{ total: number }];
  const rows = (await manager.query(
    `SELECT c.id, c.number, c.display_name, c.email, c.zip, c.city, c.active FROM ${from} ${clause}
     ORDER BY ${SORT_COLUMNS[q.sort]} ${dir}, c.id ${dir} LIMIT ? OFFSET ?`,
    [...params, q.limit, q.offset],
  )) as CustomerRowSql[];
  return {
    total,
    offset: q.offset,
    limit: q.limit,
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      displayName: r.display_name,
      email: r.email,
      zip: r.zip,
      city: r.city,
      active: r.active === 1,
    })),
  };
}

/** The customer's accounts with their entries and running balance (computed, never stored). */
export async function customerAccounts(manager: EntityManager, customerId: number): Promise<CustomerAccountDto[]> {
  await getCustomer(manager, customerId);
  const accounts = await manager.getRepository(CustomerAccountEntity).find({ where: { customerId }, order: { id: 'ASC' } });
  const result: CustomerAccountDto[] = [];
  for (const account of accounts) {
    const rows = (await manager.query(
      `SELECT id, type, entry_date, amount_cents, text, reference, invoice_id, created_by, created_at
       FROM account_entry WHERE account_id = ? ORDER BY entry_date, id`,
      [account.id],
    )) as {
      id: number;
      type: string;
      entry_date: string;
      amount_cents: number;
      text: string;
      reference: string | null;
      invoice_id: number | null;
      created_by: string;
      created_at: string;
    }[];
    let balanceCents = 0;
    const entries: AccountEntryDto[] = rows.map((r) => {
      balanceCents += r.amount_cents;
      return {
        id: r.id,
        type: r.type,
        entryDate: r.entry_date,
        amount: toPlain(fromCents(r.amount_cents)),
        balance: toPlain(fromCents(balanceCents)),
        text: r.text,
        reference: r.reference,
        invoiceId: r.invoice_id,
        createdBy: r.created_by,
        createdAt: r.created_at,
      };
    });
    result.push({ id: account.id, number: account.number, customerId, balance: toPlain(fromCents(balanceCents)), entries });
  }
  if (result.length === 0) throw new AppError('INTEGRITY', 'Der Kunde hat kein Kundenkonto.');
  return result;
}
