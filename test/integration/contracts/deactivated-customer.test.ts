import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCompany, fieldErrorOf, type TestCompany } from '../../support/company';
import { billOn } from '../billing/support';
import { aCatalog, aContract, anArticle, anItem, aCustomer, type Catalog } from './support';

describe('contracts of a deactivated customer', () => {
  let t: TestCompany;
  let cat: Catalog;

  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-11-28T09:00:00Z' });
    cat = await aCatalog(t);
  });
  afterEach(async () => t.close());

  it('a deactivated customer gets no new contract and no contract moved to it; its ended contract can still be edited', async () => {
    const customer = await aCustomer(t);
    const ended = await aContract(t, cat, { customerId: customer, startDate: '2026-01-01' });
    await t.call('contracts.terminate', { id: ended.id, endDate: '2026-06-30' });
    await t.call('customers.setActive', { id: customer, active: false });

    const fresh = await t.tryCall('contracts.create', {
      contract: { customerId: customer, projectId: cat.p1, startDate: '2026-12-01', interval: { count: 1, unit: 'MONTH' } },
    });
    expect(fieldErrorOf(fresh, 'customerId')).toBe('Kunde K00001 ist deaktiviert und bekommt keine neuen Verträge; bitte den Kunden zuerst wieder aktivieren');

    const other = await aContract(t, cat, { customerId: await aCustomer(t, 'Andere GmbH'), startDate: '2026-12-01' });
    const moved = await t.tryCall('contracts.update', {
      id: other.id,
      contract: { customerId: customer, projectId: cat.p1, startDate: '2026-12-01', interval: { count: 1, unit: 'MONTH' } },
    });
    expect(fieldErrorOf(moved, 'customerId')).toContain('ist deaktiviert');

    const edited = await t.call('contracts.update', {
      id: ended.id,
      contract: { customerId: customer, projectId: cat.p1, startDate: '2026-01-01', interval: { count: 1, unit: 'MONTH' }, notes: 'Archiv' },
    });
    expect(edited.notes).toBe('Archiv');
  });

  it('deactivating a customer whose contracts still run (also noticed or not yet started) is refused naming them, so are unbilled activities of an ended one; after the end and billing it works', async () => {
    const article = await anArticle(t, cat, '100,00');
    const customer = await aCustomer(t);
    const running = await aContract(t, cat, { customerId: customer, startDate: '2026-11-01' });
    await t.call('contracts.addItem', { contractId: running.id, item: anItem(article, '2026-11-01') });
    await aContract(t, cat, { customerId: customer, startDate: '2027-01-01' }).then((c) => t.call('contracts.terminate', { id: c.id, endDate: '2027-01-31' }));
    await t.call('contracts.terminate', { id: running.id, endDate: '2026-12-31' });

    const refused = await t.tryCall('customers.setActive', { id: customer, active: false });
    expect(refused.ok ? null : [refused.error.code, refused.error.message]).toEqual([
      'CONFLICT',
      'Kunde K00001 hat noch laufende Verträge (V-000001, V-000002) und würde weiter abgerechnet. Bitte die Verträge zuerst kündigen oder beenden, dann den Kunden deaktivieren.',
    ]);
    expect((await t.call('customers.get', { id: customer })).active).toBe(true);

    // Ended, but November and December are not billed yet: the next billing run would invoice them.
    t.clock.set('2027-02-01T09:00:00Z');
    const unbilled = await t.tryCall('customers.setActive', { id: customer, active: false });
    expect(unbilled.ok ? null : [unbilled.error.code, unbilled.error.message]).toEqual([
      'CONFLICT',
      'Kunde K00001 hat noch nicht abgerechnete Leistungen (V-000001), die der nächste Rechnungslauf abrechnen würde. Bitte zuerst abrechnen, dann den Kunden deaktivieren.',
    ]);
    await billOn(t, '2027-02-01');
    expect((await t.call('customers.setActive', { id: customer, active: false })).active).toBe(false);
  });
});
