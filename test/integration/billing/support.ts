// Factories for billing tests on a real company file (reusing the contracts test factories).
import type { CompanyDb } from '../../../main/db/company-db';
import type { TestCompany } from '../../support/company';
import { aCatalog, aContract, aCustomer, anArticle, anItem, type Catalog } from '../contracts/support';

export { aCatalog, aContract, aCustomer, anArticle, anItem, type Catalog };

/** Runs billing on a date with the clock set to that day. */
export async function billOn(t: TestCompany, date: string) {
  t.clock.set(`${date}T09:00:00Z`);
  return t.call('billing.run', { date });
}

/** A product group on a seeded tax group (Kleinunternehmer, Reverse Charge, …). */
export async function aProductGroup(t: TestCompany, name: string, taxGroupCode: string): Promise<number> {
  const groups = await t.call('catalog.taxGroups', {});
  const taxGroupId = groups.find((g) => g.code === taxGroupCode)?.id ?? 0;
  return (await t.call('catalog.saveProductGroup', { productGroup: { name, taxGroupId } })).id;
}

export async function invoicesOf(t: TestCompany, customerId: number) {
  const page = await t.call('invoices.list', { customerId, sort: 'number', direction: 'asc', limit: 500 });
  return Promise.all(page.rows.map((r) => t.call('invoices.get', { id: r.id })));
}

export async function balance(t: TestCompany, customerId: number) {
  return t.call('ledger.overview', { customerId });
}

/** n customers with one monthly contract each (two items), written directly for speed. */
export function seedContracts(db: CompanyDb, n: number, projectId: number, articleIds: readonly number[], start: string): void {
  const raw = db.raw;
  const at = `${start}T00:00:00.000Z`;
  const customer = raw.prepare(
    `INSERT INTO customer(number, kind, company_name, display_name, street, zip, city, country, debitor_account, created_at, updated_at)
     VALUES (?, 'COMPANY', ?, ?, 'Weg 1', '10115', 'Berlin', 'DE', ?, ?, ?)`,
  );
  const account = raw.prepare(`INSERT INTO customer_account(customer_id, number, name, created_at) VALUES (?, ?, 'Kundenkonto', ?)`);
  const contract = raw.prepare(
    `INSERT INTO contract(number, customer_id, project_id, start_date, interval_count, interval_unit, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 'MONTH', ?, ?)`,
  );
  const item = raw.prepare(`INSERT INTO subscription_item(contract_id, article_id, quantity, active_from, created_at, updated_at) VALUES (?, ?, '1', ?, ?, ?)`);
  raw.transaction(() => {
    for (let i = 1; i <= n; i += 1) {
      const number = `B${String(i).padStart(6, '0')}`;
      const cid = Number(customer.run(number, `Kunde ${i} GmbH`, `Kunde ${i} GmbH`, String(100000 + i), at, at).lastInsertRowid);
      account.run(cid, number, at);
      const contractId = Number(contract.run(`V-B${i}`, cid, projectId, start, at, at).lastInsertRowid);
      for (const a of articleIds) item.run(contractId, a, start, at, at);
    }
  })();
}
