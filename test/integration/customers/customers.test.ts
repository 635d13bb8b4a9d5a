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

  it('searches and sorts names and cities as a German reads them (DIN 5007-1: Ä with A, ß as ss), by short and long terms', async () => {
    for (const [name, city] of [['Zander GmbH', 'Zwickau'], ['Ärztehaus GmbH', 'Überlingen'], ['Bauer GmbH', 'Aachen'], ['Özdemir Handel GmbH', 'Köln'], ['Straßenbau Weiß', 'Essen']]) {
      await t.call('customers.create', { customer: { companyName: name, city } });
    }
    const names = async (input: Parameters<typeof t.call<'customers.list'>>[1]) => (await t.call('customers.list', input)).rows.map((r) => r.displayName);
    expect(await names({ sort: 'name' })).toEqual(['Ärztehaus GmbH', 'Bauer GmbH', 'Özdemir Handel GmbH', 'Straßenbau Weiß', 'Zander GmbH']);
    expect(await names({ sort: 'name', direction: 'desc', limit: 1 })).toEqual(['Zander GmbH']);
    expect((await t.call('customers.list', { sort: 'city' })).rows.map((r) => r.city)).toEqual(['Aachen', 'Essen', 'Köln', 'Überlingen', 'Zwickau']);
    for (const term of ['öz', 'ÖZ', 'oz', 'Özd', 'ozdem']) expect(await names({ search: term })).toEqual(['Özdemir Handel GmbH']);
    for (const term of ['ü', 'Über', 'uberl']) expect(await names({ search: term })).toEqual(['Ärztehaus GmbH']);
    expect(await names({ search: 'weiss' })).toEqual(['Straßenbau Weiß']);
    expect(await names({ search: 'strasse' })).toEqual(['Straßenbau Weiß']);
  });

  it('sorting 100 000 customers by name or city walks an index instead of sorting the table', async () => {
    const raw = t.session.company().db.raw;
    for (const key of ['name_key', 'city_key']) {
      const plan = raw.prepare(`EXPLAIN QUERY PLAN SELECT c.id FROM customer c WHERE c.active = 1 ORDER BY c.${key} DESC, c.id DESC LIMIT 50 OFFSET 50`).all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' | ')).toMatch(new RegExp(`USING INDEX customer_${key}$`));
    }
  });

  it('never gives two customers one DATEV debitor account: a taken or out-of-range derived account goes to the highest free one', async () => {
    const auto = await t.call('customers.create', { customer: { companyName: 'Auto GmbH' } });
    const typed = await t.call('customers.create', { customer: { companyName: 'Hand GmbH', number: '1' } });
    const big = await t.call('customers.create', { customer: { companyName: 'Groß GmbH', number: 'K99999' } });
    const third = await t.call('customers.create', { customer: { companyName: 'Dritt GmbH', number: 'K00003' } });
    expect([auto.debitorAccount, typed.debitorAccount, big.debitorAccount, third.debitorAccount]).toEqual(['10001', '69999', '69998', '10003']);
  });

  it('refuses a debitor account another customer has, on create and on edit, naming that customer', async () => {
    const a = await t.call('customers.create', { customer: { companyName: 'A GmbH' } });
    const b = await t.call('customers.create', { customer: { companyName: 'B GmbH', debitorAccount: '12345' } });
    const message = 'Debitorenkonto 10001 gehört bereits Kunde K00001; DATEV würde beide Kunden auf einem Konto führen';
    expect(fieldErrorOf(await t.tryCall('customers.create', { customer: { companyName: 'C GmbH', debitorAccount: '10001' } }), 'debitorAccount')).toBe(message);
    expect(fieldErrorOf(await t.tryCall('customers.update', { id: b.id, customer: { companyName: 'B GmbH', debitorAccount: '10001' } }), 'debitorAccount')).toBe(message);
    // Saving a customer with its own account unchanged is no clash.
    expect((await t.call('customers.update', { id: a.id, customer: { companyName: 'A GmbH', debitorAccount: '10001' } })).debitorAccount).toBe('10001');
  });

  it('a renamed customer keeps its old number reserved: its account still carries it, a new customer gets a German field error', async () => {
    const a = await t.call('customers.create', { customer: { companyName: 'Alt GmbH' } });
    await t.call('customers.update', { id: a.id, customer: { companyName: 'Alt GmbH', number: 'K-ALT' } });
    expect((await t.call('customers.accounts', { customerId: a.id })).map((acc) => acc.number)).toEqual(['K00001']);
    const reused = await t.tryCall('customers.create', { customer: { companyName: 'Neu GmbH', number: 'K00001' } });
    expect(fieldErrorOf(reused, 'number')).toBe(
      'Kundennummer K00001 ist reserviert: Kunde K-ALT trug sie früher, sein Kundenkonto und seine Rechnungen führen sie weiter',
    );
    // The number range steps over a reserved number as over a taken one.
    const typed = await t.call('customers.create', { customer: { companyName: 'Hand GmbH', number: 'K00002' } });
    await t.call('customers.update', { id: typed.id, customer: { companyName: 'Hand GmbH', number: 'K-HAND' } });
    expect((await t.call('customers.create', { customer: { companyName: 'Auto GmbH' } })).number).toBe('K00003');
    // The customer itself may take its old number back.
    expect((await t.call('customers.update', { id: a.id, customer: { companyName: 'Alt GmbH', number: 'K00001' } })).number).toBe('K00001');
  });

  it('a German PLZ has five digits; other countries keep their postcodes as written', async () => {
    const short = await t.tryCall('customers.create', { customer: { companyName: 'PLZ GmbH', country: 'DE', zip: '1011' } });
    expect(fieldErrorOf(short, 'customer.zip')).toBe('PLZ: in Deutschland genau fünf Ziffern (z. B. 10115)');
    expect((await t.call('customers.create', { customer: { companyName: 'Wien GmbH', country: 'AT', zip: '1010' } })).zip).toBe('1010');
  });

  it('stores the BIC like the IBAN, without blanks in upper case, and refuses one that is not 8 or 11 characters', async () => {
    expect((await t.call('customers.create', { customer: { companyName: 'Bic GmbH', bic: 'coba deff xxx' } })).bic).toBe('COBADEFFXXX');
    const wrong = await t.tryCall('customers.create', { customer: { companyName: 'Bic GmbH', bic: 'COBADEFFX' } });
    expect(fieldErrorOf(wrong, 'customer.bic')).toBe('BIC ist ungültig (8 oder 11 Zeichen, z. B. COBADEFFXXX)');
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
