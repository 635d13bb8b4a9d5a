import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCompany, type TestCompany } from '../../support/company';
import { aCatalog, aContract, anArticle, anItem, generateOn, markBilled } from './support';

describe('activity table: the database itself guards billed activities (migration Contracts1764300200000)', () => {
  let t: TestCompany;
  let ids: { billed: number; open: number; itemId: number };

  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
    const cat = await aCatalog(t);
    const article = await anArticle(t, cat, '30,00');
    const contract = await aContract(t, cat);
    const withItem = await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2026-01-01') });
    await generateOn(t, '2026-01-01');
    await markBilled(t, '2026-01-01');
    const rows = t.session.company().db.raw.prepare(`SELECT id, state FROM activity ORDER BY period_start`).all() as { id: number; state: string }[];
    ids = { billed: rows[0]?.id ?? 0, open: rows[1]?.id ?? 0, itemId: withItem.items[0]?.id ?? 0 };
  });
  afterEach(async () => t.close());

  it('refuses to delete or change a billed activity, and to set it back to open', () => {
    const raw = t.session.company().db.raw;
    expect(() => raw.prepare(`DELETE FROM activity WHERE id = ?`).run(ids.billed)).toThrow('Nur nicht abgerechnete Leistungen können gelöscht werden');
    expect(() => raw.prepare(`UPDATE activity SET net_cents = 1 WHERE id = ?`).run(ids.billed)).toThrow('Abgerechnete Leistungen sind unveränderlich');
    expect(() => raw.prepare(`UPDATE activity SET state = 'OPEN' WHERE id = ?`).run(ids.billed)).toThrow('zurückgesetzt');
    raw.prepare(`UPDATE activity SET state = 'VOIDED' WHERE id = ?`).run(ids.billed);
    expect(() => raw.prepare(`UPDATE activity SET state = 'BILLED' WHERE id = ?`).run(ids.billed)).toThrow('zurückgesetzt');
    raw.prepare(`DELETE FROM activity WHERE id = ?`).run(ids.open);
  });

  it('allows one subscription activity per item and period only (idempotency in the schema)', () => {
    const raw = t.session.company().db.raw;
    expect(() =>
      raw
        .prepare(
          `INSERT INTO activity(contract_id, item_id, article_id, origin, period_anchor, period_start, period_end, due_date, service_date,
             quantity, unit_price_units, discount, net_cents, description, created_at)
           SELECT contract_id, item_id, article_id, origin, period_anchor, period_start, period_end, due_date, service_date,
             quantity, unit_price_units, discount, net_cents, description, created_at FROM activity WHERE id = ?`,
        )
        .run(ids.billed),
    ).toThrow(/UNIQUE/);
  });

  it('refuses through the API to delete an item that was billed', async () => {
    const result = await t.tryCall('contracts.deleteItem', { itemId: ids.itemId });
    expect(result.ok ? '' : result.error.message).toBe('Eine bereits abgerechnete Position kann nicht gelöscht werden – bitte „Aktiv bis“ setzen.');
  });

  it('refuses to move the start of a contract after its first invoice', async () => {
    const contract = (await t.call('contracts.list', {})).rows[0];
    const c = await t.call('contracts.get', { id: contract?.id ?? 0 });
    const result = await t.tryCall('contracts.update', {
      id: c.id,
      contract: { customerId: c.customerId, projectId: c.projectId, startDate: '2026-01-15', interval: c.interval },
    });
    expect(result.ok ? '' : result.error.code).toBe('CONFLICT');
  });
});
