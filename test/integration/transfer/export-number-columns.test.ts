import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportAll } from '../../../main/transfer/export';
import { createTestCompany, type TestCompany } from '../../support/company';
import { customersAfterRoundTrip, customersOf, withoutIdentity } from './round-trip';

const decode64 = (b64: string) => Buffer.from(b64, 'base64');

describe('CSV export: decimal comma only in number columns (§12, the export imports back unchanged)', () => {
  it('amounts, prices, quantities, discounts and tax rates get a decimal comma; numbers, names and notes that look like decimals stay as stored', () => {
    const raw = new Database(':memory:');
    raw.exec(`CREATE TABLE customer (id INTEGER PRIMARY KEY, number TEXT)`);
    raw.exec(`CREATE TABLE article (id INTEGER PRIMARY KEY, number TEXT, name TEXT, description TEXT, name_key TEXT)`);
    raw.exec(`CREATE TABLE price_variant (id INTEGER PRIMARY KEY, article_id INTEGER, price_units INTEGER, currency TEXT, min_quantity TEXT)`);
    raw.exec(`CREATE TABLE subscription_item (id INTEGER PRIMARY KEY, contract_id INTEGER, article_id INTEGER, quantity TEXT, discount TEXT)`);
    raw.exec(`CREATE TABLE invoice_line (id INTEGER PRIMARY KEY, invoice_id INTEGER, description TEXT, quantity TEXT, unit TEXT, tax_rate TEXT, net_cents INTEGER)`);
    raw.exec(`CREATE TABLE invoice_tax (id INTEGER PRIMARY KEY, invoice_id INTEGER, rate TEXT, net_cents INTEGER, tax_cents INTEGER, note TEXT)`);
    raw.prepare(`INSERT INTO article (number, name, description, name_key) VALUES ('4711.001', '2.5', '0221.4711', '2.5')`).run();
    raw.prepare(`INSERT INTO price_variant (article_id, price_units, currency, min_quantity) VALUES (1, 100000, 'EUR', '2.5')`).run();
    raw.prepare(`INSERT INTO subscription_item (contract_id, article_id, quantity, discount) VALUES (7, 1, '1.5', '12.5')`).run();
    raw.prepare(`INSERT INTO invoice_line (invoice_id, description, quantity, unit, tax_rate, net_cents) VALUES (3, '3.14', '2.25', 'Std.', '19', 1999)`).run();
    raw.prepare(`INSERT INTO invoice_tax (invoice_id, rate, net_cents, tax_cents, note) VALUES (3, '7.5', 1000, 75, '1.0')`).run();

    const result = exportAll(raw, { format: 'csv', csvEncoding: 'UTF-8-BOM', exportedAt: '2026-11-28T09:00:00Z', sandbox: false });
    const lines = (dataset: string) => decode64(result.files.find((f) => f.dataset === dataset)!.base64).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    // The folded search key (name_key) is derived for search and sort, not data: not exported.
    expect(lines('articles')).toEqual(['id;number;name;description', '1;4711.001;2.5;0221.4711', '']);
    expect(lines('price_variants')).toEqual(['id;article_id;price;currency;min_quantity;article_number', '1;1;10,0000;EUR;2,5;4711.001', '']);
    expect(lines('contract_items')).toEqual(['id;contract_id;article_id;quantity;discount;article_number', '1;7;1;1,5;12,5;4711.001', '']);
    expect(lines('invoice_lines')).toEqual(['id;invoice_id;description;quantity;unit;tax_rate;net', '1;3;3.14;2,25;Std.;19;19,99', '']);
    expect(lines('invoice_taxes')).toEqual(['id;invoice_id;rate;net;tax;note', '1;3;7,5;10,00;0,75;1.0', '']);

    // JSON keeps every value as stored, decimals with a point
    const json = exportAll(raw, { format: 'json', csvEncoding: 'UTF-8-BOM', exportedAt: '2026-11-28T09:00:00Z', sandbox: false });
    const prices = JSON.parse(decode64(json.files.find((f) => f.dataset === 'price_variants')!.base64).toString('utf8')) as { rows: unknown[] };
    expect(prices.rows).toEqual([{ id: 1, article_id: 1, price: '10.0000', currency: 'EUR', min_quantity: '2.5', article_number: '4711.001' }]);
    raw.close();
  });
});

describe('customer export with text fields that look like decimals', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
    await t.call('customers.create', {
      customer: { number: '4711.001', kind: 'COMPANY', companyName: 'Nummer GmbH', street: 'Weg 1', zip: '10115', city: 'Berlin', country: 'DE', phone: '0221.4711', notes: '2.5' },
    });
  });
  afterEach(async () => t.close());

  it('writes number, phone and notes exactly as entered', async () => {
    const result = await t.call('transfer.export', { format: 'csv', csvEncoding: 'Windows-1252' });
    const lines = iconv.decode(decode64(result.files.find((f) => f.dataset === 'customers')!.base64), 'win1252').split('\r\n');
    const debitor = (await t.call('customers.get', { id: (await t.call('customers.list', {})).rows[0]!.id })).debitorAccount;
    expect(lines[1]).toBe(`4711.001;Firma;Nummer GmbH;;;Weg 1;10115;Berlin;DE;;0221.4711;;de;Überweisung;14;;;2.5;${debitor};nein;ja;2026-11-28T09:00:00.000Z`);
  });

  it('export → import round trip keeps number, phone and notes', async () => {
    const [before] = await customersOf(t);
    for (const csvEncoding of ['Windows-1252', 'UTF-8-BOM'] as const) {
      const after = await customersAfterRoundTrip(t, csvEncoding);
      expect(after.created).toBe(1);
      expect(after.customers[0]).toMatchObject({ number: '4711.001', phone: '0221.4711', notes: '2.5' });
      expect(after.customers.map(withoutIdentity)).toEqual([withoutIdentity(before!)]);
    }
  });
});
