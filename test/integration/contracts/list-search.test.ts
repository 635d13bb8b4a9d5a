import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCompany, type TestCompany } from '../../support/company';
import { aCatalog, aContract, aCustomer } from './support';

describe('contract list: search by customer name as a German reads', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-11-28T09:00:00Z' });
    const cat = await aCatalog(t);
    for (const name of ['Özdemir Bau GmbH', 'Ärztehaus am Markt', 'Straßenbau Weiß', 'Zander KG']) {
      await aContract(t, cat, { customerId: await aCustomer(t, name) });
    }
  });
  afterEach(async () => t.close());

  const found = async (search: string) => (await t.call('contracts.list', { search })).rows.map((r) => r.customerName).sort();

  it('finds umlauts and ß by their base letters, short terms from the start of the name, longer ones anywhere', async () => {
    expect(await found('öz')).toEqual(['Özdemir Bau GmbH']);
    expect(await found('OZ')).toEqual(['Özdemir Bau GmbH']);
    expect(await found('arzte')).toEqual(['Ärztehaus am Markt']);
    expect(await found('STRASSE')).toEqual(['Straßenbau Weiß']);
    expect(await found('bau')).toEqual(['Straßenbau Weiß', 'Özdemir Bau GmbH']);
    expect(await found('weiss')).toEqual(['Straßenbau Weiß']);
    expect(await found('ma')).toEqual([]);
  });

  it('still finds contract and customer numbers anywhere in them; % and _ are literal', async () => {
    expect(await found('000002')).toEqual(['Ärztehaus am Markt']);
    expect(await found('K00003')).toEqual(['Straßenbau Weiß']);
    expect(await found('%')).toEqual([]);
    expect((await t.call('contracts.list', { search: 'zan', limit: 1 })).total).toBe(1);
  });
});
