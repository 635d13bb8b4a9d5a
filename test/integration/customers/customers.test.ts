import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../../main/db/company-db';
import { createTestCompany, fieldErrorOf, type TestCompany } from '../../support/company';

describe('customers service on a real company file', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
  });
  afterEach(async () => t.close());

  it('creates a customer with a number from the range and an empty customer account', async () => {
    const c = await t.call('customers.create', {
      customer: { kind: 'COMPANY', companyName: 'Müller Bau GmbH', city: 'Köln', iban: 'DE89 3704 0044 0532 0130 00' },
    });
    expect(c.number).toBe('K00001');
    expect(c.iban).toBe('DE89370400440532013000');
    expect(c.debitorAccount).toBe('10001');
    const accounts = await t.call('customers.accounts', { customerId: c.id });
    expect(accounts).toHaveLength(1);
    expect(accounts[0]?.balance).toBe('0.00');
    expect(accounts[0]?.entries).toEqual([]);
  });

  it('refuses a wrong IBAN with a German field error and writes nothing', async () => {
    const result = await t.tryCall('customers.create', {
      customer: { kind: 'COMPANY', companyName: 'Fehler GmbH', iban: 'DE89370400440532013001' },
    });
    expect(fieldErrorOf(result, 'customer.iban')).toBe('IBAN ist ungültig (Prüfziffer stimmt nicht)');
    const list = await t.call('customers.list', {});
    expect(list.total).toBe(0);
  });

  it('names missing required fields in German', async () => {
    const result = await t.tryCall('customers.create', { customer: { kind: 'PERSON', firstName: 'Anna' } });
    expect(fieldErrorOf(result, 'customer.lastName')).toBe('Nachname ist ein Pflichtfeld');
    const mail = await t.tryCall('customers.create', { customer: { companyName: 'X', email: 'kein-mail' } });
    expect(fieldErrorOf(mail, 'customer.email')).toBe('E-Mail-Adresse ist ungültig');
    const vat = await t.tryCall('customers.create', { customer: { companyName: 'X', vatId: 'DE12345' } });
    expect(fieldErrorOf(vat, 'customer.vatId')).toContain('USt-IdNr.');
  });

  it('skips numbers typed in by hand when it numbers the next customer', async () => {
    await t.call('customers.create', { customer: { companyName: 'Hand GmbH', number: 'K00001' } });
    const next = await t.call('customers.create', { customer: { companyName: 'Auto GmbH' } });
    expect(next.number).toBe('K00002');
  });

  it('refuses a duplicate customer number', async () => {
    await t.call('customers.create', { customer: { companyName: 'A', number: '4711' } });
    const result = await t.tryCall('customers.create', { customer: { companyName: 'B', number: '4711' } });
    expect(fieldErrorOf(result, 'number')).toBe('Kundennummer 4711 ist bereits vergeben');
  });

  it('lists with paging, sorting and search over number, name, e-mail and city', async () => {
    const names = ['Zeta AG', 'alpha GmbH', 'Beta KG', 'Gamma e.K.'];
    for (const [i, name] of names.entries()) {
      await t.call('customers.create', { customer: { companyName: name, city: i === 2 ? 'München' : 'Hamburg', email: `info${i}@firma${i}.de` } });
    }
    const page = await t.call('customers.list', { sort: 'name', limit: 2 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.displayName)).toEqual(['alpha GmbH', 'Beta KG']);
    const desc = await t.call('customers.list', { sort: 'name', direction: 'desc', limit: 1 });
    expect(desc.rows[0]?.displayName).toBe('Zeta AG');
    expect((await t.call('customers.list', { search: 'Münch' })).rows.map((r) => r.displayName)).toEqual(['Beta KG']);
    expect((await t.call('customers.list', { search: 'firma3' })).rows.map((r) => r.displayName)).toEqual(['Gamma e.K.']);
    expect((await t.call('customers.list', { search: 'K00004' })).rows.map((r) => r.displayName)).toEqual(['Gamma e.K.']);
    expect((await t.call('customers.list', { search: 'al' })).rows.map((r) => r.displayName)).toEqual(['alpha GmbH']);
  });

  it('deactivates customers: hidden from the default list, never deleted', async () => {
    const c = await t.call('customers.create', { customer: { companyName: 'Alt GmbH' } });
    await t.call('customers.setActive', { id: c.id, active: false });
    expect((await t.call('customers.list', {})).total).toBe(0);
    expect((await t.call('customers.list', { includeInactive: true })).total).toBe(1);
    const raw = t.session.company().db.raw;
    expect(() => raw.prepare('DELETE FROM customer WHERE id = ?').run(c.id)).toThrow(/deaktiviert/);
  });

  it('audits a customer edit old → new, and the database refuses to change the audit log', async () => {
    const c = await t.call('customers.create', { customer: { companyName: 'Alt GmbH', city: 'Bonn' } });
    await t.call('customers.update', { id: c.id, customer: { companyName: 'Neu GmbH', city: 'Bonn' } });
    const audit = await t.call('audit.list', { entity: 'Kunde', entityId: c.number });
    const update = audit.rows.find((r) => r.action === 'UPDATE');
    expect(update?.changes).toEqual([{ field: 'companyName', old: 'Alt GmbH', new: 'Neu GmbH' }]);
    expect(update?.actor).toBe('test');
    const raw = t.session.company().db.raw;
    expect(() => raw.prepare(`UPDATE audit_log SET actor = 'x'`).run()).toThrow(/unveränderlich/);
    expect(() => raw.prepare(`DELETE FROM audit_log`).run()).toThrow(/unveränderlich/);
  });

  it('sets WAL, synchronous=FULL and foreign keys on every open, also after reopen', async () => {
    const path = t.session.company().db.filePath;
    await t.session.shutdown();
    const db = await openCompanyDb(path);
    try {
      expect(db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.raw.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      await db.close();
    }
  });
});
