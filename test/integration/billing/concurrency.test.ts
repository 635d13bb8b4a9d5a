import { afterEach, describe, expect, it } from 'vitest';
import { runBilling } from '../../../main/billing/service';
import { openCompanyDb, type CompanyDb } from '../../../main/db/company-db';
import { createTestCompany, type TestCompany } from '../../support/company';
import { aCatalog, anArticle, seedContracts } from './support';

let t: TestCompany;
let second: CompanyDb | undefined;
afterEach(async () => {
  await second?.close();
  await t.close();
});

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
