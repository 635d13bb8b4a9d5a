import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCompany, fieldErrorOf, type TestCompany } from '../../support/company';

describe('Einstellungen → Protokolle (audit log)', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
  });
  afterEach(async () => t.close());

  it('a search for "%" or "_" finds only entries that contain that very character', async () => {
    await t.call('customers.create', { customer: { companyName: 'Blumen Meier GmbH' } });
    await t.call('customers.create', { customer: { companyName: 'Rabatt 10% KG' } });
    await t.call('customers.create', { customer: { companyName: 'Meier_Datentechnik UG' } });
    const names = async (search: string) =>
      (await t.call('audit.list', { entity: 'Kunde', search })).rows.map((r) => r.changes.find((c) => c.field === 'companyName')?.new);
    expect(await names('%')).toEqual(['Rabatt 10% KG']);
    expect(await names('Meier_')).toEqual(['Meier_Datentechnik UG']);
    expect(await names('Meier')).toHaveLength(2);
  });

  it('refuses over-long filters with a German message on the field, like the other lists', async () => {
    const search = await t.tryCall('audit.list', { search: 'x'.repeat(60_000) });
    expect(fieldErrorOf(search, 'search')).toBe('Suchbegriff: höchstens 100 Zeichen');
    expect(fieldErrorOf(await t.tryCall('audit.list', { entity: 'K'.repeat(51) }), 'entity')).toBe('Bereich: höchstens 50 Zeichen');
    expect(fieldErrorOf(await t.tryCall('audit.list', { entityId: '1'.repeat(101) }), 'entityId')).toBe('Datensatz: höchstens 100 Zeichen');
    expect((await t.call('audit.list', { search: 'x'.repeat(100) })).total).toBe(0);
  });
});
