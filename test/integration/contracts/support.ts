// Small factories for contract tests on a real company file: projects, articles, customers, contracts.
import type { ContractInput, ItemInput } from '../../../shared/api/contracts';
import type { ArticleInput } from '../../../shared/api/catalog';
import type { TestCompany } from '../../support/company';

export interface Catalog {
  readonly p1: number;
  readonly p2: number;
  readonly standard: number;
  readonly reduced: number;
}

export async function aCatalog(t: TestCompany): Promise<Catalog> {
  const p1 = (await t.call('catalog.saveProject', { project: { number: 'P1', name: 'Abo-Boxen' } })).id;
  const p2 = (await t.call('catalog.saveProject', { project: { number: 'P2', name: 'Software' } })).id;
  const groups = await t.call('catalog.taxGroups', {});
  const group = (code: string) => groups.find((g) => g.code === code)?.id ?? 0;
  const standard = (await t.call('catalog.saveProductGroup', { productGroup: { name: 'Standard', taxGroupId: group('DE_STANDARD') } })).id;
  const reduced = (await t.call('catalog.saveProductGroup', { productGroup: { name: 'Lebensmittel', taxGroupId: group('DE_REDUCED') } })).id;
  return { p1, p2, standard, reduced };
}

let articleSeq = 0;

/** An article with one EUR price; unit MONTH and project P1 unless told otherwise. */
export async function anArticle(t: TestCompany, cat: Catalog, price: string, over: Partial<ArticleInput> = {}): Promise<number> {
  articleSeq += 1;
  const article = await t.call('catalog.createArticle', {
    article: {
      number: `A-${articleSeq}`,
      name: `Artikel ${articleSeq}`,
      kind: 'SUBSCRIPTION',
      unit: 'MONTH',
      productGroupId: cat.standard,
      projectIds: [cat.p1],
      variants: [{ price, currency: 'EUR', minQuantity: null, validFrom: null }],
      ...over,
    },
  });
  return article.id;
}

export async function aCustomer(t: TestCompany, name = 'Blumen Meier GmbH'): Promise<number> {
  const c = await t.call('customers.create', {
    customer: { kind: 'COMPANY', companyName: name, street: 'Marktplatz 3', zip: '50667', city: 'Köln', country: 'DE' },
  });
  return c.id;
}

export async function aContract(t: TestCompany, cat: Catalog, over: Partial<ContractInput> = {}) {
  const customerId = over.customerId ?? (await aCustomer(t));
  return t.call('contracts.create', {
    contract: {
      customerId,
      projectId: cat.p1,
      startDate: '2026-01-01',
      interval: { count: 1, unit: 'MONTH' },
      billInAdvance: true,
      ...over,
    },
  });
}

export function anItem(articleId: number, activeFrom: string, over: Partial<ItemInput> = {}): ItemInput {
  return { articleId, quantity: '1', activeFrom, ...over };
}

/** Stands in for the billing run here: every OPEN activity due by `date` becomes BILLED. */
export async function markBilled(t: TestCompany, date: string): Promise<number> {
  const db = t.session.company().db;
  const result = db.raw.prepare(`UPDATE activity SET state = 'BILLED' WHERE state = 'OPEN' AND due_date <= ?`).run(date);
  return result.changes;
}

/** Activities of a contract as "origin period net state" lines, in due-date order. */
export async function activityLines(t: TestCompany, contractId: number, billed?: boolean): Promise<string[]> {
  const page = await t.call('activities.list', { contractId, limit: 500, ...(billed === undefined ? {} : { billed }) });
  return page.rows.map((r) => `${r.origin} ${r.periodStart}..${r.periodEnd} ${r.net} ${r.state}`);
}

/** Generation as the scheduler runs it, on a given day. */
export async function generateOn(t: TestCompany, date: string) {
  t.clock.set(`${date}T09:00:00Z`);
  return t.call('activities.generate', { date });
}
