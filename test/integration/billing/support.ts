// Factories for billing tests on a real company file (reusing the contracts test factories).
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
