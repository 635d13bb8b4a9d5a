import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCompany, type TestCompany } from '../../support/company';
import { aCatalog, aContract, aCustomer, anArticle, anItem, aProductGroup, balance, billOn, invoicesOf, type Catalog } from './support';

let t: TestCompany;
let cat: Catalog;

beforeEach(async () => {
  t = await createTestCompany({ now: '2020-06-01T09:00:00Z' });
  cat = await aCatalog(t);
});
afterEach(async () => t.close());

describe('billing runs (DOMAIN §7)', () => {
  it('S1 bills the temporary VAT change: three monthly invoices of 100,00 gross', async () => {
    const article = await anArticle(t, cat, '84.0336', {
      name: 'Abo-Box',
      variants: [
        { price: '84.0336', currency: 'EUR', minQuantity: null, validFrom: null },
        { price: '86.2069', currency: 'EUR', minQuantity: null, validFrom: '2020-07-01' },
        { price: '84.0336', currency: 'EUR', minQuantity: null, validFrom: '2021-01-01' },
      ],
    });
    const contract = await aContract(t, cat, { startDate: '2020-06-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2020-06-01') });
    for (const date of ['2020-06-01', '2020-07-01', '2020-08-01', '2020-09-01', '2020-10-01', '2020-11-01', '2020-12-01', '2021-01-01']) {
      const run = await billOn(t, date);
      expect(run.errors).toEqual([]);
      expect(run.invoicesCreated).toBe(1);
    }
    const invoices = await invoicesOf(t, contract.customerId);
    expect(invoices).toHaveLength(8);
    const figures = (i: (typeof invoices)[number]) => [i.periodStart, i.net, i.taxes.map((x) => `${x.rate}:${x.tax}`).join(), i.gross];
    expect(figures(invoices[0]!)).toEqual(['2020-06-01', '84.03', '19:15.97', '100.00']);
    expect(figures(invoices[1]!)).toEqual(['2020-07-01', '86.21', '16:13.79', '100.00']);
    expect(figures(invoices[7]!)).toEqual(['2021-01-01', '84.03', '19:15.97', '100.00']);
    expect(invoices.map((i) => i.number)).toEqual(['RE-2020-000001', 'RE-2020-000002', 'RE-2020-000003', 'RE-2020-000004', 'RE-2020-000005', 'RE-2020-000006', 'RE-2020-000007', 'RE-2021-000001']);
    expect(invoices[0]!.lines[0]).toMatchObject({ description: expect.stringContaining('Abo-Box'), quantity: '1', unitPrice: '84.0336', periodEnd: '2020-06-30' });
    expect((await balance(t, contract.customerId)).balance).toBe('800.00');
  });

  it('a second run on the same date creates nothing', async () => {
    const article = await anArticle(t, cat, '100');
    const contract = await aContract(t, cat, { startDate: '2020-06-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2020-06-01') });
    expect((await billOn(t, '2020-06-01')).invoicesCreated).toBe(1);
    const again = await billOn(t, '2020-06-01');
    expect(again.invoicesCreated).toBe(0);
    expect(again.errors).toEqual([]);
    expect((await t.call('billing.runs', {})).rows[0]!.id).toBe(again.id);
    expect(await invoicesOf(t, contract.customerId)).toHaveLength(1);
  });

  it('collects one Sammelrechnung per customer, project and currency', async () => {
    const article = await anArticle(t, cat, '10');
    const customerId = await aCustomer(t, 'Sammel GmbH');
    const c = await t.call('customers.get', { id: customerId });
    await t.call('customers.update', { id: customerId, customer: { ...c, collectiveInvoicing: true } });
    for (let i = 0; i < 3; i += 1) {
      const contract = await aContract(t, cat, { customerId, startDate: '2020-06-01' });
      await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2020-06-01') });
    }
    const run = await billOn(t, '2020-06-01');
    expect(run.contractsSeen).toBe(3);
    expect(run.invoicesCreated).toBe(1);
    const [invoice] = await invoicesOf(t, customerId);
    expect(invoice!.contractId).toBeNull();
    expect(invoice!.lines).toHaveLength(3);
    expect(invoice!.gross).toBe('35.70');
  });

  it('skips and reports a reverse-charge contract without VAT ID, and bills the rest', async () => {
    const rcGroup = await aProductGroup(t, 'EU B2B', 'EU_REVERSE_CHARGE');
    const rcArticle = await anArticle(t, cat, '100', { productGroupId: rcGroup });
    const okArticle = await anArticle(t, cat, '100');
    const bad = await aContract(t, cat, { startDate: '2020-06-01', customerId: await aCustomer(t, 'Ohne USt-Id SARL') });
    await t.call('contracts.addItem', { contractId: bad.id, item: anItem(rcArticle, '2020-06-01') });
    const good = await aContract(t, cat, { startDate: '2020-06-01' });
    await t.call('contracts.addItem', { contractId: good.id, item: anItem(okArticle, '2020-06-01') });
    const run = await billOn(t, '2020-06-01');
    expect(run.invoicesCreated).toBe(1);
    expect(run.errors).toEqual([{ contractId: bad.id, contractNumber: bad.number, customerName: 'Ohne USt-Id SARL', reason: expect.stringContaining('Reverse Charge ohne USt-IdNr.') }]);
    expect(run.gross).toBe('119.00');
    // With the VAT ID the next run bills it, with the note and 0 VAT.
    const c = await t.call('customers.get', { id: bad.customerId });
    await t.call('customers.update', { id: c.id, customer: { ...c, country: 'FR', vatId: 'FR12345678901' } });
    const second = await billOn(t, '2020-06-01');
    expect(second.invoicesCreated).toBe(1);
    const [rc] = await invoicesOf(t, bad.customerId);
    expect(rc!.tax).toBe('0.00');
    expect(rc!.notes[0]).toContain('Steuerschuldnerschaft des Leistungsempfängers');
    expect(rc!.recipient.vatId).toBe('FR12345678901');
  });

  it('refuses to issue while a § 14 field is missing, naming it', async () => {
    const article = await anArticle(t, cat, '10');
    const customerId = (await t.call('customers.create', { customer: { kind: 'COMPANY', companyName: 'Adresslos AG', country: 'DE' } })).id;
    const contract = await aContract(t, cat, { customerId, startDate: '2020-06-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2020-06-01') });
    const run = await billOn(t, '2020-06-01');
    expect(run.invoicesCreated).toBe(0);
    expect(run.errors[0]!.reason).toContain('Anschrift des Kunden Adresslos AG');
  });

  it('S8 Kleinunternehmer: 0 VAT, no tax line, the § 19 note', async () => {
    const ku = await aProductGroup(t, 'Kleinunternehmer', 'DE_SMALL_BUSINESS');
    const article = await anArticle(t, cat, '50', { productGroupId: ku });
    const contract = await aContract(t, cat, { startDate: '2020-06-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2020-06-01') });
    await billOn(t, '2020-06-01');
    const [invoice] = await invoicesOf(t, contract.customerId);
    expect([invoice!.net, invoice!.tax, invoice!.gross]).toEqual(['50.00', '0.00', '50.00']);
    expect(invoice!.taxes).toEqual([{ treatment: 'KLEINUNTERNEHMER', rate: '0', net: '50.00', tax: '0.00', note: expect.stringContaining('§ 19 UStG') }]);
    expect(invoice!.notes).toEqual([expect.stringContaining('§ 19 UStG')]);
  });

  it('an address change after issue leaves the recipient snapshot unchanged', async () => {
    const article = await anArticle(t, cat, '10');
    const contract = await aContract(t, cat, { startDate: '2020-06-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2020-06-01') });
    await billOn(t, '2020-06-01');
    const c = await t.call('customers.get', { id: contract.customerId });
    await t.call('customers.update', { id: c.id, customer: { ...c, street: 'Neue Straße 9', city: 'Bonn' } });
    await t.call('company.updateProfile', { profile: { ...(await t.call('company.current', {}))!.profile, street: 'Umzugsweg 2' } });
    const [invoice] = await invoicesOf(t, contract.customerId);
    expect(invoice!.recipient).toMatchObject({ street: 'Marktplatz 3', city: 'Köln', name: 'Blumen Meier GmbH' });
    expect(invoice!.issuer.street).toBe('Hauptstraße 1');
  });
});
