import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contractFieldsOf, contractLookup, writeContract } from '../../../main/transfer/contracts';
import { ARTICLE_IMPORT_FIELDS, CONTRACT_IMPORT_FIELDS, type FieldMessage } from '../../../shared/api/transfer';
import { createTestCompany, type TestCompany } from '../../support/company';
import { csvBytes } from './fixtures';

const ARTICLE_HEADER = ['Artikelnummer', 'Bezeichnung', 'Einheit', 'Warengruppe', 'Projekte', 'Preis netto', 'Währung', 'Mindestmenge', 'Gültig ab'];

describe('import of articles with price variants (one wizard, second target)', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
    const groups = await t.call('catalog.taxGroups', {});
    const standard = groups.find((g) => g.name.includes('Regel')) ?? groups[0];
    await t.call('catalog.saveProject', { project: { number: 'P1', name: 'Abo-Boxen' } });
    await t.call('catalog.saveProject', { project: { number: 'P2', name: 'Beratung' } });
    await t.call('catalog.saveProductGroup', { productGroup: { name: 'Boxen', taxGroupId: standard!.id } });
  });
  afterEach(async () => t.close());

  async function run(bytes: Buffer, options: { strict?: boolean; updateExisting?: boolean } = {}) {
    const a = await t.call('transfer.analyze', { fileName: 'artikel.csv', dataBase64: bytes.toString('base64'), target: 'articles' });
    for (const f of ARTICLE_IMPORT_FIELDS.filter((x) => ARTICLE_HEADER.includes(x.label))) expect(a.mapping[f.key]).toBe(f.label);
    const input = { fileId: a.fileId, target: 'articles' as const, encoding: a.encoding, separator: a.separator, mapping: a.mapping, updateExisting: options.updateExisting ?? false };
    const preview = await t.call('transfer.preview', input);
    const result = await t.call('transfer.import', { ...input, strict: options.strict ?? false });
    return { preview, result };
  }

  it('rows with the same number become one article with its price variants; bad rows are reported', async () => {
    const bytes = csvBytes(ARTICLE_HEADER, [
      ['ABO-1', 'Abo-Box', 'Monat', 'Boxen', 'P1', '25,00', 'EUR', '', ''],
      ['ABO-1', '', '', '', '', '22,50', 'EUR', '10', ''],
      ['ABO-1', '', '', '', '', '27,00', 'EUR', '', '01.01.2027'],
      ['EIN-1', 'Einrichtung', 'Pauschale', 'Boxen', 'P1, Beratung', '99', 'EUR', '', ''],
      ['BAD-1', 'Ohne Gruppe', 'Stück', 'Gibt es nicht', 'P1', '5', 'EUR', '', ''],
    ], ';', 'Windows-1252');
    const strict = await run(bytes, { strict: true });
    expect(strict.result).toMatchObject({ strictRefused: true, imported: 0 });
    expect((await t.call('catalog.articles', {})).total).toBe(0);

    const { preview, result } = await run(bytes);
    expect(preview.totals).toEqual({ rows: 5, new: 4, update: 0, skip: 0, invalid: 1 });
    expect(preview.rows[4]?.messages.map((m) => m.message)).toEqual(['Warengruppe „Gibt es nicht“ gibt es nicht']);
    expect(result).toMatchObject({ created: 2, updated: 0 });
    const list = await t.call('catalog.articles', { sort: 'number' });
    expect(list.rows.map((r) => r.number)).toEqual(['ABO-1', 'EIN-1']);
    const abo = await t.call('catalog.article', { id: list.rows[0]!.id });
    expect(abo).toMatchObject({ kind: 'SUBSCRIPTION', unit: 'MONTH', productGroupName: 'Boxen' });
    expect(abo.variants.map((v) => [v.price, v.minQuantity, v.validFrom])).toEqual([
      ['25.0000', null, null],
      ['22.5000', '10', null],
      ['27.0000', null, '2027-01-01'],
    ]);
    const ein = await t.call('catalog.article', { id: list.rows[1]!.id });
    expect(ein.projectIds).toHaveLength(2);
    // the price resolution of the catalog works on imported prices (volume tier from 10)
    const price = await t.call('catalog.resolvePrice', { articleNumber: 'ABO-1', currency: 'EUR', quantity: '12', date: '2026-06-01' });
    expect(price).toMatchObject({ unitPrice: '22.5000' });
    expect((await t.call('audit.list', { entity: 'Preis', limit: 10 })).total).toBe(2);

    // the full export carries the articles and their prices (4 decimals, decimal comma in CSV)
    const exported = await t.call('transfer.export', { format: 'json' });
    const prices = JSON.parse(Buffer.from(exported.files.find((f) => f.dataset === 'price_variants')!.base64, 'base64').toString('utf8')) as { rows: Record<string, unknown>[] };
    expect(prices.rows.map((r) => [r.article_number, r.price, r.min_quantity])).toEqual([
      ['ABO-1', '25.0000', null],
      ['ABO-1', '22.5000', '10'],
      ['ABO-1', '27.0000', null],
      ['EIN-1', '99.0000', null],
    ]);
    const csv = await t.call('transfer.export', { format: 'csv', csvEncoding: 'UTF-8-BOM' });
    const articlesCsv = Buffer.from(csv.files.find((f) => f.dataset === 'articles')!.base64, 'base64').toString('utf8');
    expect(articlesCsv).toMatch(/^\uFEFFid;number;name;/);
    expect(articlesCsv).toContain('product_group_name');
    expect(Buffer.from(csv.files.find((f) => f.dataset === 'price_variants')!.base64, 'base64').toString('utf8')).toContain(';22,5000;');
  });

  it('re-import with "vorhandene aktualisieren" replaces the price table, no duplicate article', async () => {
    const first = csvBytes(ARTICLE_HEADER, [['ABO-1', 'Abo-Box', 'Monat', 'Boxen', 'P1', '25,00', 'EUR', '', '']], ';', 'UTF-8');
    await run(first);
    const second = csvBytes(ARTICLE_HEADER, [['ABO-1', 'Abo-Box groß', 'Monat', 'Boxen', 'P1', '29,90', 'EUR', '', '']], ';', 'UTF-8');
    expect((await run(second)).result).toMatchObject({ created: 0, updated: 0, totals: { skip: 1 } });
    expect((await run(second, { updateExisting: true })).result).toMatchObject({ created: 0, updated: 1 });
    const list = await t.call('catalog.articles', {});
    expect(list.total).toBe(1);
    const abo = await t.call('catalog.article', { id: list.rows[0]!.id });
    expect(abo.name).toBe('Abo-Box groß');
    expect(abo.variants.map((v) => v.price)).toEqual(['29.9000']);
  });

  it('imported articles are searched and sorted by their search keys, also after an update renames them', async () => {
    await run(csvBytes(ARTICLE_HEADER, [
      ['UE-1', 'Übersetzung', 'Stunde', 'Boxen', 'P1', '80', 'EUR', '', ''],
      ['ZU-1', 'Zubehör', 'Stück', 'Boxen', 'P1', '5', 'EUR', '', ''],
    ], ';', 'UTF-8'));
    const numbers = async (input: { search?: string; sort?: 'name' }) => (await t.call('catalog.articles', input)).rows.map((r) => r.number);
    expect(await numbers({ search: 'uber' })).toEqual(['UE-1']);
    await run(csvBytes(ARTICLE_HEADER, [['ZU-1', 'Ärmelschoner', 'Stück', 'Boxen', 'P1', '5', 'EUR', '', '']], ';', 'UTF-8'), { updateExisting: true });
    expect(await numbers({ sort: 'name' })).toEqual(['ZU-1', 'UE-1']);
    expect(await numbers({ search: 'arm' })).toEqual(['ZU-1']);
  });
});

describe('import of contracts with items (third target)', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
    await t.call('customers.create', { customer: { number: 'K00001', companyName: 'Müller GmbH' } });
    const standard = (await t.call('catalog.taxGroups', {})).find((g) => g.code === 'DE_STANDARD');
    const p1 = (await t.call('catalog.saveProject', { project: { number: 'P1', name: 'Abo-Boxen' } })).id;
    const group = (await t.call('catalog.saveProductGroup', { productGroup: { name: 'Boxen', taxGroupId: standard!.id } })).id;
    const article = (number: string, name: string, kind: 'SUBSCRIPTION' | 'ONE_TIME', unit: string) =>
      t.call('catalog.createArticle', { article: { number, name, kind, unit, productGroupId: group, projectIds: [p1], variants: [{ price: '25', currency: 'EUR' }] } });
    await article('ABO-1', 'Abo-Box', 'SUBSCRIPTION', 'MONTH');
    await article('ABO-2', 'Zusatzbox', 'SUBSCRIPTION', 'MONTH');
    await article('EIN-1', 'Einrichtung', 'ONE_TIME', 'Pauschale');
  });
  afterEach(async () => t.close());

  const header = CONTRACT_IMPORT_FIELDS.filter((f) => ['number', 'customerNumber', 'startDate', 'intervalCount', 'intervalUnit', 'articleNumber', 'quantity'].includes(f.key)).map((f) => f.label);

  async function run(rows: string[][], strict = false) {
    const bytes = csvBytes(header, rows, ';', 'Windows-1252');
    const a = await t.call('transfer.analyze', { fileName: 'vertraege.csv', dataBase64: bytes.toString('base64'), target: 'contracts' });
    const input = { fileId: a.fileId, target: 'contracts' as const, encoding: a.encoding, separator: a.separator, mapping: a.mapping };
    return { preview: await t.call('transfer.preview', input), result: await t.call('transfer.import', { ...input, strict }) };
  }

  it('groups items per contract, keeps its number, generates activities; bad contracts are reported with reasons', async () => {
    const rows = [
      ['V-000007', 'K00001', '01.01.2026', '1', 'Monat', 'ABO-1', '1'],
      ['V-000007', 'K00001', '01.01.2026', '1', 'Monat', 'ABO-2', '2'],
      ['V-000008', 'K09999', '01.02.2026', '3', 'Monate', 'ABO-1', '1'],
      ['V-000009', 'K00001', '01.02.2026', '1', 'Monat', 'EIN-1', '1'],
    ];
    const strict = await run(rows, true);
    expect(strict.result).toMatchObject({ strictRefused: true, imported: 0 });
    const { preview, result } = await run(rows);
    expect(preview.totals).toEqual({ rows: 4, new: 2, update: 0, skip: 0, invalid: 2 });
    expect(preview.rows[2]?.messages.map((m) => m.message)).toEqual(['Kunde K09999 existiert nicht']);
    expect(preview.rows[3]?.messages[0]?.message).toMatch(/^Einrichtung kann nicht zugeordnet werden: /);
    expect(result).toMatchObject({ created: 1, imported: 1 });
    const list = await t.call('contracts.list', {});
    expect(list.rows.map((r) => r.number)).toEqual(['V-000007']);
    const contract = await t.call('contracts.get', { id: list.rows[0]!.id });
    expect(contract).toMatchObject({ customerNumber: 'K00001', projectName: 'Abo-Boxen', startDate: '2026-01-01', interval: { count: 1, unit: 'MONTH' }, billInAdvance: true });
    expect(contract.items.map((i) => [i.articleNumber, i.quantity])).toEqual([['ABO-1', '1'], ['ABO-2', '2']]);
    const activities = (t.session.company().db.raw.prepare('SELECT count(*) AS n FROM activity').get() as { n: number }).n;
    expect(activities).toBeGreaterThan(0);
    // the contract number range continues after the imported number
    const next = await t.call('contracts.create', { contract: { customerId: contract.customerId, projectId: contract.projectId, startDate: '2026-03-01', interval: { count: 1, unit: 'MONTH' } } });
    expect(next.number).toBe('V-000008');
    // a second import of the same file skips the existing contract
    expect((await run(rows.slice(0, 2))).result).toMatchObject({ created: 0, totals: { skip: 2 } });
  });

  it('a contract for a deactivated customer is a row error naming the row and the customer, in preview and import; none of its rows is written', async () => {
    const inactive = await t.call('customers.create', { customer: { number: 'K00002', companyName: 'Özdemir Bau GmbH' } });
    await t.call('customers.setActive', { id: inactive.id, active: false });
    const rows = [
      ['V-000010', 'K00002', '01.01.2026', '1', 'Monat', 'ABO-1', '1'],
      ['V-000010', 'K00002', '01.01.2026', '1', 'Monat', 'ABO-2', '2'],
      ['V-000011', 'K00001', '01.01.2026', '1', 'Monat', 'ABO-1', '1'],
    ];
    const message = 'Kunde K00002 „Özdemir Bau GmbH“ ist deaktiviert und bekommt keine neuen Verträge; bitte den Kunden zuerst wieder aktivieren';
    const { preview, result } = await run(rows);
    expect(preview.totals).toEqual({ rows: 3, new: 1, update: 0, skip: 0, invalid: 2 });
    expect(preview.rows.map((r) => [r.line, r.status, r.messages.map((m) => `${m.label}: ${m.message}`)])).toEqual([
      [2, 'invalid', [`Kundennummer: ${message}`]],
      [3, 'invalid', ['Zeile: Eine andere Zeile mit derselben Nummer ist fehlerhaft']],
      [4, 'new', []],
    ]);
    expect(result).toMatchObject({ created: 1, totals: { invalid: 2 } });
    const report = Buffer.from(result.errorReport!.base64, 'base64').toString('utf8');
    expect(report).toContain(`2;V-000010;K00002;01.01.2026;1;Monat;ABO-1;1;"Kundennummer: ${message}"`);
    expect((await t.call('contracts.list', {})).rows.map((r) => r.number)).toEqual(['V-000011']);
    const raw = t.session.company().db.raw;
    const count = (sql: string) => (raw.prepare(sql).get() as { n: number }).n;
    expect(count(`SELECT count(*) AS n FROM subscription_item`)).toBe(1);
    expect(count(`SELECT count(*) AS n FROM activity a JOIN contract c ON c.id = a.contract_id WHERE c.customer_id = ${inactive.id}`)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE entity_id LIKE 'V-000010%'`)).toBe(0);
  });

  it('a customer deactivated between reading the file and writing stops the import; nothing is written', async () => {
    const db = t.session.company().db;
    const customer = (await t.call('customers.list', {})).rows[0]!;
    const messages: FieldMessage[] = [];
    const checked = contractFieldsOf(
      {
        number: 'V-000012', customerNumber: 'K00001', project: null, startDate: '2026-01-01', intervalCount: 1, intervalUnit: 'MONTH',
        billInAdvance: true, currency: 'EUR', billedUntil: null,
        items: [{ articleNumber: 'ABO-1', quantity: '1', priceOverride: null, discount: null, billFrom: null, line: 2 }],
      },
      contractLookup(db)!,
      messages,
      () => messages,
    );
    expect(messages).toEqual([]);
    await t.call('customers.setActive', { id: customer.id, active: false });
    const who = { actor: 'test', at: '2026-11-28T09:00:00.000Z', today: '2026-11-28' };
    await expect(db.transaction((m) => writeContract(m, checked!, who))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Vertrag V-000012: Kunde K00001 „Müller GmbH“ ist deaktiviert und bekommt keine neuen Verträge; bitte den Kunden zuerst wieder aktivieren. Es wurde nichts importiert.',
    });
    expect((db.raw.prepare(`SELECT count(*) AS n FROM contract`).get() as { n: number }).n).toBe(0);
  });
});
