// "Stornieren und neu abrechnen" (DOMAIN §7 Re-billing, §6 billFrom) beyond S6 (storno.test.ts):
// partial periods, one-time activities, and a re-billing that would bill nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCompany, type TestCompany } from '../../support/company';
import { aCatalog, aContract, anArticle, anItem, billOn, invoicesOf } from './support';

let t: TestCompany;
afterEach(async () => t.close());

const activityLines = async (contractId: number): Promise<string[]> =>
  (await t.call('activities.list', { contractId, limit: 100 })).rows.map((a) => `${a.origin} ${a.periodStart}..${a.periodEnd} ${a.net} ${a.state}`);

/** A monthly contract from 01.01.2026 with one item at 30,00, billed on 01.01.2026 (35,70). */
async function januaryBilled() {
  t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
  const cat = await aCatalog(t);
  const contract = await aContract(t, cat, { startDate: '2026-01-01' });
  const withItem = await t.call('contracts.addItem', { contractId: contract.id, item: anItem(await anArticle(t, cat, '30'), '2026-01-01') });
  await billOn(t, '2026-01-01');
  const [original] = await invoicesOf(t, contract.customerId);
  return { cat, contract, item: withItem.items[0]!, original: original! };
}

describe('Stornieren und neu abrechnen (DOMAIN §7)', () => {
  it('re-bills a partial first period: item from 15.01. in a monthly contract from 01.01. → 15.01.–31.01. again, 17,00 less 10 % = 15,30 net', async () => {
    t = await createTestCompany({ now: '2026-01-15T09:00:00Z' });
    const cat = await aCatalog(t);
    const article = await anArticle(t, cat, '31');
    const contract = await aContract(t, cat, { startDate: '2026-01-01' });
    const withItem = await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2026-01-15') });
    await billOn(t, '2026-01-15');
    const [original] = await invoicesOf(t, contract.customerId);
    expect([original!.periodStart, original!.periodEnd, original!.net, original!.tax, original!.gross]).toEqual(['2026-01-15', '2026-01-31', '17.00', '3.23', '20.23']);

    t.clock.set('2026-01-20T09:00:00Z');
    const item = withItem.items[0]!;
    await t.call('contracts.updateItem', { itemId: item.id, item: { articleId: item.articleId, quantity: item.quantity, activeFrom: item.activeFrom, discount: '10' } });
    const result = await t.call('invoices.cancelAndRebill', { id: original!.id, date: '2026-01-20' });

    expect(result.cancellation.gross).toBe('-20.23');
    expect(result.run.invoicesCreated).toBe(1);
    const rebilled = await t.call('invoices.get', { id: result.run.invoiceIds[0]! });
    expect([rebilled.periodStart, rebilled.periodEnd, rebilled.net, rebilled.tax, rebilled.gross, rebilled.amountDue]).toEqual([
      '2026-01-15',
      '2026-01-31',
      '15.30',
      '2.91',
      '18.21',
      '18.21',
    ]);
    // billFrom is the period's start (01.01.), not the line's first day (15.01.).
    expect((await t.call('contracts.get', { id: contract.id })).items[0]!.billFrom).toBe('2026-01-01');
    expect(await activityLines(contract.id)).toEqual([
      'SUBSCRIPTION 2026-01-15..2026-01-31 17.00 VOIDED',
      'SUBSCRIPTION 2026-01-15..2026-01-31 15.30 BILLED',
      'SUBSCRIPTION 2026-02-01..2026-02-28 27.90 OPEN',
    ]);
  });

  it('re-bills the same period twice: the second storno of January is billed again too (billFrom 01.01. set again)', async () => {
    const { contract, original } = await januaryBilled();

    t.clock.set('2026-01-05T09:00:00Z');
    const first = await t.call('invoices.cancelAndRebill', { id: original.id, date: '2026-01-05' });
    const second = await t.call('invoices.cancelAndRebill', { id: first.run.invoiceIds[0]!, date: '2026-01-05' });

    expect([first.cancellation.gross, second.cancellation.gross]).toEqual(['-35.70', '-35.70']);
    expect(second.run.invoicesCreated).toBe(1);
    const again = await t.call('invoices.get', { id: second.run.invoiceIds[0]! });
    expect([again.periodStart, again.periodEnd, again.gross]).toEqual(['2026-01-01', '2026-01-31', '35.70']);
    expect(await activityLines(contract.id)).toEqual([
      'SUBSCRIPTION 2026-01-01..2026-01-31 30.00 VOIDED',
      'SUBSCRIPTION 2026-01-01..2026-01-31 30.00 VOIDED',
      'SUBSCRIPTION 2026-01-01..2026-01-31 30.00 BILLED',
      'SUBSCRIPTION 2026-02-01..2026-02-28 30.00 OPEN',
    ]);
  });

  it('keeps recorded one-time activities: the due one (50,00) is on the interim invoice, a later one stays OPEN', async () => {
    const { cat, contract, original } = await januaryBilled();
    const setup = await anArticle(t, cat, '50', { kind: 'ONE_TIME', unit: 'Stück', name: 'Einrichtung' });
    expect(original.gross).toBe('35.70');

    t.clock.set('2026-01-10T09:00:00Z');
    const due = await t.call('activities.recordOneTime', { contractId: contract.id, articleId: setup, quantity: '1', date: '2026-01-10', description: 'Einrichtung vor Ort' });
    const later = await t.call('activities.recordOneTime', { contractId: contract.id, articleId: setup, quantity: '2', date: '2026-02-15', description: 'Schulung' });
    const result = await t.call('invoices.cancelAndRebill', { id: original.id, date: '2026-01-12' });

    const rebilled = await t.call('invoices.get', { id: result.run.invoiceIds[0]! });
    expect(rebilled.lines.map((l) => [l.description, l.net])).toEqual([
      [expect.stringContaining('01.01.–31.01.2026'), '30.00'],
      ['Einrichtung vor Ort', '50.00'],
    ]);
    expect([rebilled.net, rebilled.tax, rebilled.gross]).toEqual(['80.00', '15.20', '95.20']);
    const oneTime = await t.call('activities.list', { contractId: contract.id, origin: 'ONE_TIME', limit: 100 });
    expect(oneTime.rows.map((a) => [a.id, a.net, a.state])).toEqual([
      [due.id, '50.00', 'BILLED'],
      [later.id, '100.00', 'OPEN'],
    ]);
  });

  it('refuses and rolls back when the subscription would not be billed again (item now starts 01.02.): no storno, nothing deleted', async () => {
    const { cat, contract, item, original } = await januaryBilled();
    const setup = await anArticle(t, cat, '50', { kind: 'ONE_TIME', unit: 'Stück', name: 'Einrichtung' });

    t.clock.set('2026-01-10T09:00:00Z');
    await t.call('activities.recordOneTime', { contractId: contract.id, articleId: setup, quantity: '1', date: '2026-01-10', description: 'Einrichtung vor Ort' });
    await t.call('contracts.updateItem', { itemId: item.id, item: { articleId: item.articleId, quantity: item.quantity, activeFrom: '2026-02-01' } });
    const before = await activityLines(contract.id);

    // Re-billing would bill only the one-time activity and drop January silently; only a storno fits.
    const result = await t.tryCall('invoices.cancelAndRebill', { id: original.id, date: '2026-01-12' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining(`Rechnung ${original.number} würden nicht neu berechnet`) } });
    expect((await t.call('invoices.get', { id: original.id })).status).toBe('OPEN');
    expect((await t.call('invoices.list', { kind: 'CANCELLATION' })).total).toBe(0);
    expect(await activityLines(contract.id)).toEqual(before);
    expect((await t.call('contracts.get', { id: contract.id })).items[0]!.billFrom).toBeNull();
  });
});
