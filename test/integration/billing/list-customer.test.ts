import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCompany, type TestCompany } from '../../support/company';
import { aCatalog, aContract, aCustomer, anArticle, anItem, billOn } from './support';

describe('invoice list: sort and search by customer name as a German reads', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
    const cat = await aCatalog(t);
    const article = await anArticle(t, cat, '10,00');
    for (const name of ['Zander KG', 'Özdemir Bau GmbH', 'Ärztehaus am Markt', 'Bäckerei Becker']) {
      const contract = await aContract(t, cat, { customerId: await aCustomer(t, name), startDate: '2026-01-01' });
      await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2026-01-01') });
    }
    await billOn(t, '2026-01-01');
  });
  afterEach(async () => t.close());

  const names = async (input: { customer?: string; direction?: 'asc' | 'desc' }) =>
    (await t.call('invoices.list', { sort: 'customer', direction: 'asc', ...input })).rows.map((r) => r.customerName);

  it('sorts Ä under A and Ö under O (DIN 5007-1), both directions', async () => {
    expect(await names({})).toEqual(['Ärztehaus am Markt', 'Bäckerei Becker', 'Özdemir Bau GmbH', 'Zander KG']);
    expect(await names({ direction: 'desc' })).toEqual(['Zander KG', 'Özdemir Bau GmbH', 'Bäckerei Becker', 'Ärztehaus am Markt']);
  });

  it('finds the customer by folded name (short terms from the start, longer anywhere) and by number', async () => {
    expect(await names({ customer: 'öz' })).toEqual(['Özdemir Bau GmbH']);
    expect(await names({ customer: 'BÄCK' })).toEqual(['Bäckerei Becker']);
    expect(await names({ customer: 'arztehaus' })).toEqual(['Ärztehaus am Markt']);
    expect(await names({ customer: 'bau' })).toEqual(['Özdemir Bau GmbH']);
    expect(await names({ customer: 'K00002' })).toEqual(['Özdemir Bau GmbH']);
    expect(await names({ customer: 'ma' })).toEqual([]);
  });
});
