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
import { AppError, fieldError, notFound } from '../../shared/errors';
import { fromCents, toPlain } from '../../shared/money';
import { recordAudit } from '../company/audit';
import { nextNumber } from '../company/number-ranges';
import type { CompanyDb } from '../db/company-db';
import { CustomerAccountEntity, CustomerEntity, type CustomerRecord } from './entities';
import { deriveDebitorAccount, displayNameOf, trigramQuery } from './rules';

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
  const { id: _id, createdAt: _c, updatedAt: _u, displayName: _d, ...rest } = r;
  return rest;
}

export async function getCustomer(manager: EntityManager, id: number): Promise<CustomerDto> {
  const record = await manager.getRepository(CustomerEntity).findOneBy({ id });
  if (!record) throw notFound(`Kunde ${id}`);
  return toCustomerDto(record);
}

async function assertNumberFree(manager: EntityManager, number: string, exceptId?: number): Promise<void> {
  const rows = (await manager.query(`SELECT id FROM customer WHERE number = ?`, [number])) as { id: number }[];
  if (rows.some((r) => r.id !== exceptId)) throw fieldError('number', `Kundennummer ${number} ist bereits vergeben`);
}

/** The next number of the CUSTOMER range that no customer has yet (numbers may also be typed in by hand or imported). */
async function nextFreeCustomerNumber(manager: EntityManager, date: string): Promise<string> {
  for (;;) {
    const candidate = await nextNumber(manager, 'CUSTOMER', date);
    const taken = (await manager.query(`SELECT 1 FROM customer WHERE number = ?`, [candidate])) as unknown[];
    if (taken.length === 0) return candidate;
  }
}

/** Creates a customer with its customer account, inside the caller's transaction. */
export async function insertCustomer(manager: EntityManager, fields: CustomerFields, who: Actor): Promise<CustomerDto> {
  const number = fields.number ?? (await nextFreeCustomerNumber(manager, who.at.slice(0, 10)));
  await assertNumberFree(manager, number);
  const [{ seq }] = (await manager.query(`SELECT coalesce(max(id), 0) + 1 AS seq FROM customer`)) as [{ seq: number }];
  const record = await manager.getRepository(CustomerEntity).save({
    ...fields,
    number,
    displayName: displayNameOf(fields),
    debitorAccount: fields.debitorAccount ?? deriveDebitorAccount(number, seq),
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
  if (number !== before.number) await assertNumberFree(manager, number, id);
  const after: CustomerRecord = {
    ...before,
    ...fields,
    number,
    displayName: displayNameOf(fields),
    debitorAccount: fields.debitorAccount ?? before.debitorAccount,
    updatedAt: who.at,
  };
  await repo.save(after);
  await recordAudit(manager, { ...who, entity: 'Kunde', entityId: number, action: 'UPDATE', before: auditView(before), after: auditView(after) });
  return toCustomerDto(after);
}

export async function updateCustomer(db: CompanyDb, id: number, fields: CustomerFields, who: Actor): Promise<CustomerDto> {
  return db.transaction((m) => updateCustomerIn(m, id, fields, who));
}

export async function setCustomerActive(db: CompanyDb, id: number, active: boolean, who: Actor): Promise<CustomerDto> {
  return db.transaction(async (m) => {
    const repo = m.getRepository(CustomerEntity);
    const before = await repo.findOneBy({ id });
    if (!before) throw notFound(`Kunde ${id}`);
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
  name: 'c.display_name COLLATE NOCASE',
  city: 'c.city COLLATE NOCASE',
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
    const fts = trigramQuery(term);
    if (fts) {
      from = 'customer_search s JOIN customer c ON c.id = s.rowid';
      where.push('customer_search MATCH ?');
      params.push(fts);
    } else {
      where.push(`(c.number LIKE ? ESCAPE '\\' OR c.display_name LIKE ? ESCAPE '\\' OR c.email LIKE ? ESCAPE '\\' OR c.city LIKE ? ESCAPE '\\')`);
      const like = `${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      params.push(like, like, like, like);
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
