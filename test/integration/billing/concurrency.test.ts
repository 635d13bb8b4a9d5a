import { afterEach, describe, expect, it } from 'vitest';
import { runBilling } from '../../../main/billing/service';
import { openCompanyDb, type CompanyDb } from '../../../main/db/company-db';
import { createTestCompany, type TestCompany } from '../../support/company';
import { aCatalog, anArticle } from './support';

let t: TestCompany;
let second: CompanyDb | undefined;
afterEach(async () => {
  await second?.close();
  await t.close();
});

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

describe('concurrent billing runs', () => {
  it('1 000 contracts billed twice at once from two connections: no duplicate invoice, no gap in numbers', async () => {
    t = await createTestCompany({ now: '2026-03-01T09:00:00Z' });
    const cat = await aCatalog(t);
    const articles = [await anArticle(t, cat, '10'), await anArticle(t, cat, '5.5')];
    const db = t.session.company().db;
    seedContracts(db, 1000, cat.p1, articles, '2026-03-01');
    await t.call('activities.generate', { date: '2026-03-01' });
    second = await openCompanyDb(db.filePath);
    const who = { actor: 'test', at: '2026-03-01T09:00:00.000Z' };
    const [a, b] = await Promise.all([runBilling(db, { date: '2026-03-01' }, who), runBilling(second, { date: '2026-03-01' }, who)]);
    expect([...a.errors, ...b.errors]).toEqual([]);
    expect(a.invoicesCreated + b.invoicesCreated).toBe(1000);
    const raw = db.raw;
    const numbers = (raw.prepare(`SELECT number FROM invoice ORDER BY number`).all() as { number: string }[]).map((r) => r.number);
    expect(numbers).toEqual(Array.from({ length: 1000 }, (_, i) => `RE-2026-${String(i + 1).padStart(6, '0')}`));
    expect(raw.prepare(`SELECT count(DISTINCT contract_id) AS n FROM invoice`).get()).toEqual({ n: 1000 });
    expect(raw.prepare(`SELECT count(*) AS n FROM activity WHERE state = 'OPEN' AND due_date <= '2026-03-01'`).get()).toEqual({ n: 0 });
    expect(raw.prepare(`SELECT count(*) AS n, sum(gross_cents) AS g FROM invoice`).get()).toEqual({ n: 1000, g: 1000 * 1845 });
    expect(raw.prepare(`SELECT sum(amount_cents) AS s FROM account_entry`).get()).toEqual({ s: 1000 * 1845 });
  });
});
