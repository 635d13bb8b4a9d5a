// § 14 UStG fields are checked before an invoice is issued (DOMAIN §7: "Issuing is refused, with
// the missing item named, while a § 14 field is missing"): by the one list the archive checks
// too, so nothing gets a number that could then never be printed or cancelled.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCompany, TEST_PROFILE, type TestCompany } from '../../support/company';
import { aCatalog, aContract, anArticle, anItem, aProductGroup, invoicesOf } from './support';

let t: TestCompany;
afterEach(async () => t.close());

describe('§ 14 UStG before issuing', () => {
  it('reverse charge without the company’s USt-IdNr. is refused before a number is drawn; with it the invoice is RE-2026-000001', async () => {
    t = await createTestCompany({ now: '2026-03-01T09:00:00Z', profile: { vatId: null } });
    const cat = await aCatalog(t);
    const article = await anArticle(t, cat, '100', { productGroupId: await aProductGroup(t, 'EU B2B', 'EU_REVERSE_CHARGE') });
    const customer = { kind: 'COMPANY', companyName: 'Client SARL', street: '1 rue X', zip: '75001', city: 'Paris', country: 'FR', vatId: 'FR12345678901' } as const;
    const customerId = (await t.call('customers.create', { customer })).id;
    const contract = await aContract(t, cat, { customerId, startDate: '2026-03-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2026-03-01') });

    const refused = await t.call('billing.interim', { contractId: contract.id, date: '2026-03-01' });
    expect(refused.invoicesCreated).toBe(0);
    expect(refused.errors.map((e) => e.reason)).toEqual(['Rechnung kann nicht ausgestellt werden, es fehlt: USt-IdNr. des Rechnungsstellers (Reverse Charge, Firmenprofil).']);
    expect(await invoicesOf(t, customerId)).toEqual([]);

    await t.call('company.updateProfile', { profile: { ...TEST_PROFILE } });
    await t.call('billing.interim', { contractId: contract.id, date: '2026-03-01' });
    const [invoice] = await invoicesOf(t, customerId);
    expect([invoice!.number, invoice!.gross]).toEqual(['RE-2026-000001', '100.00']);
  });

  it('an exemption tax group without its note (Kleinunternehmer, note emptied) is refused, nothing issued', async () => {
    t = await createTestCompany({ now: '2026-03-01T09:00:00Z' });
    const cat = await aCatalog(t);
    const ku = (await t.call('catalog.taxGroups', {})).find((g) => g.code === 'DE_SMALL_BUSINESS')!;
    const rates = ku.rates.map((r) => ({ rate: r.rate, validFrom: r.validFrom, validTo: r.validTo }));
    const group = { code: ku.code, name: ku.name, accountSkr03: ku.accountSkr03, accountSkr04: ku.accountSkr04, requiresVatId: false, rates };
    await t.call('catalog.saveTaxGroup', { id: ku.id, taxGroup: { ...group, invoiceNote: '' } });
    const productGroupId = (await t.call('catalog.saveProductGroup', { productGroup: { name: 'KU', taxGroupId: ku.id } })).id;
    const contract = await aContract(t, cat, { startDate: '2026-03-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(await anArticle(t, cat, '50', { productGroupId }), '2026-03-01') });

    const refused = await t.call('billing.interim', { contractId: contract.id, date: '2026-03-01' });
    expect(refused.invoicesCreated).toBe(0);
    expect(refused.errors.map((e) => e.reason)).toEqual(['Rechnung kann nicht ausgestellt werden, es fehlt: Hinweis auf die Steuerbefreiung (0 %, Steuergruppe).']);
    expect(await invoicesOf(t, contract.customerId)).toEqual([]);
  });
});
