import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aCatalog, aContract, anArticle, anItem, aCustomer, billOn } from '../billing/support';
import { createTestCompany, type TestCompany } from '../../support/company';

describe('dashboard key figures', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-11-01T09:00:00Z' });
  });
  afterEach(async () => t.close());

  it('counts active contracts and sums open, due-this-month and overdue invoices from the ledger', async () => {
    const cat = await aCatalog(t);
    const article = await anArticle(t, cat, '100.00');
    const customer = await aCustomer(t);
    const running = await aContract(t, cat, { customerId: customer, startDate: '2026-10-01' });
    await t.call('contracts.addItem', { contractId: running.id, item: anItem(article, '2026-10-01') });
    const future = await aContract(t, cat, { customerId: customer, startDate: '2027-03-01' });
    await t.call('contracts.addItem', { contractId: future.id, item: anItem(article, '2027-03-01') });
    await billOn(t, '2026-10-01');
    await billOn(t, '2026-11-01');
    t.clock.set('2026-11-20T09:00:00Z');
    const f = await t.call('dashboard.figures', {});
    expect(f.activeCustomers).toBe(1);
    expect(f.activeContracts).toBe(1);
    expect(f.openInvoices).toEqual({ count: 2, amount: '238.00' });
    // October's invoice (due 15.10.) is overdue; November's (due 15.11.) too by the 20th, and due this month.
    expect(f.dueThisMonth).toEqual({ count: 1, amount: '119.00' });
    expect(f.overdue).toEqual({ count: 2, amount: '238.00' });
  });

  it('open invoices in another currency are listed per currency and never added to the euro figures (DOMAIN §2)', async () => {
    const cat = await aCatalog(t);
    const article = await anArticle(t, cat, '100.00', {
      variants: [
        { price: '100.00', currency: 'EUR', minQuantity: null, validFrom: null },
        { price: '1000.00', currency: 'CHF', minQuantity: null, validFrom: null },
        { price: '10.00', currency: 'USD', minQuantity: null, validFrom: null },
      ],
    });
    const eur = await aContract(t, cat, { customerId: await aCustomer(t, 'Euro GmbH'), startDate: '2026-11-01' });
    await t.call('contracts.addItem', { contractId: eur.id, item: anItem(article, '2026-11-01') });
    for (const [name, currency] of [
      ['Franken AG', 'CHF'],
      ['Dollar Inc.', 'USD'],
    ]) {
      const contract = await aContract(t, cat, { customerId: await aCustomer(t, name), startDate: '2026-10-01', currency });
      await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2026-10-01') });
    }
    await billOn(t, '2026-10-01');
    await billOn(t, '2026-11-01');
    t.clock.set('2026-11-20T09:00:00Z');
    const f = await t.call('dashboard.figures', {});
    expect([f.openInvoices, f.dueThisMonth, f.overdue]).toEqual([
      { count: 1, amount: '119.00' },
      { count: 1, amount: '119.00' },
      { count: 1, amount: '119.00' },
    ]);
    expect(f.otherCurrencies).toEqual([
      { currency: 'CHF', openInvoices: { count: 2, amount: '2380.00' }, dueThisMonth: { count: 1, amount: '1190.00' }, overdue: { count: 2, amount: '2380.00' } },
      { currency: 'USD', openInvoices: { count: 2, amount: '23.80' }, dueThisMonth: { count: 1, amount: '11.90' }, overdue: { count: 2, amount: '23.80' } },
    ]);
  });
});
