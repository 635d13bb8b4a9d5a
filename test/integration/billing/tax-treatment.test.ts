// Billing asks the tax group's treatment, never its code (DOMAIN §3, S8): user-made groups bill
// like the seeded ones of their treatment, and an issued invoice keeps what it was issued with.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCompany, type TestCompany } from '../../support/company';
import { aCatalog, aContract, anArticle, anItem, billOn, invoicesOf, type Catalog } from './support';

let t: TestCompany;
let cat: Catalog;

beforeEach(async () => {
  t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
  cat = await aCatalog(t);
});
afterEach(async () => t.close());

const KU_NOTE = 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.';
const RC_NOTE = 'Steuerschuldnerschaft des Leistungsempfängers';

/** An article on a new product group of a user-made 0 % tax group. */
async function articleOnOwnGroup(code: string, treatment: 'KLEINUNTERNEHMER' | 'REVERSE_CHARGE', note: string, requiresVatId = false) {
  const group = await t.call('catalog.saveTaxGroup', {
    taxGroup: { code, name: `Eigene ${code}`, invoiceNote: note, requiresVatId, treatment, accountSkr03: '8338', rates: [{ rate: '0', validFrom: null, validTo: null }] },
  });
  const productGroupId = (await t.call('catalog.saveProductGroup', { productGroup: { name: code, taxGroupId: group.id } })).id;
  return { group, article: await anArticle(t, cat, '50', { productGroupId }) };
}

const viennaCustomer = async (vatId: string | null) =>
  (await t.call('customers.create', { customer: { companyName: 'Wien GmbH', street: 'Ring 1', zip: '1010', city: 'Wien', country: 'AT', vatId } })).id;

describe('tax treatment in billing', () => {
  it('S8 with a user-made Kleinunternehmer group (own code): 0 VAT, no tax line, the § 19 note', async () => {
    const { article } = await articleOnOwnGroup('KLEINUNTERNEHMER', 'KLEINUNTERNEHMER', KU_NOTE);
    const contract = await aContract(t, cat, { startDate: '2026-01-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2026-01-01') });
    await billOn(t, '2026-01-01');
    const [invoice] = await invoicesOf(t, contract.customerId);
    expect([invoice!.net, invoice!.tax, invoice!.gross]).toEqual(['50.00', '0.00', '50.00']);
    expect(invoice!.taxes).toEqual([{ treatment: 'KLEINUNTERNEHMER', rate: '0', net: '50.00', tax: '0.00', note: KU_NOTE }]);
    expect(invoice!.notes).toEqual([KU_NOTE]);
  });

  it('a user-made reverse-charge group bills as reverse charge and, like the seeded one, refuses a customer without VAT ID', async () => {
    const { article } = await articleOnOwnGroup('EU_RC_AT', 'REVERSE_CHARGE', RC_NOTE);
    const withId = await aContract(t, cat, { customerId: await viennaCustomer('ATU12345678'), startDate: '2026-01-01' });
    await t.call('contracts.addItem', { contractId: withId.id, item: anItem(article, '2026-01-01') });
    const withoutId = await aContract(t, cat, { customerId: await viennaCustomer(null), startDate: '2026-01-01' });
    await t.call('contracts.addItem', { contractId: withoutId.id, item: anItem(article, '2026-01-01') });
    const run = await billOn(t, '2026-01-01');
    expect(run.invoicesCreated).toBe(1);
    expect(run.errors.map((e) => e.reason)).toEqual([expect.stringContaining('Reverse Charge ohne USt-IdNr. des Kunden')]);
    const [invoice] = await invoicesOf(t, withId.customerId);
    expect(invoice!.taxes).toEqual([{ treatment: 'REVERSE_CHARGE', rate: '0', net: '50.00', tax: '0.00', note: RC_NOTE }]);
  });

  it('an issued invoice and its storno keep the treatment they were issued with when the group changes later', async () => {
    const { group, article } = await articleOnOwnGroup('EU_RC_AT', 'REVERSE_CHARGE', RC_NOTE, true);
    const contract = await aContract(t, cat, { customerId: await viennaCustomer('ATU12345678'), startDate: '2026-01-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2026-01-01') });
    await billOn(t, '2026-01-01');
    await t.call('catalog.saveTaxGroup', {
      id: group.id,
      taxGroup: { code: group.code, name: group.name, invoiceNote: 'Nicht steuerbar', treatment: 'NOT_TAXABLE', rates: [{ rate: '0', validFrom: null, validTo: null }] },
    });
    await billOn(t, '2026-02-01');
    const [january, february] = await invoicesOf(t, contract.customerId);
    expect(january!.taxes.map((x) => x.treatment)).toEqual(['REVERSE_CHARGE']);
    expect(february!.taxes.map((x) => x.treatment)).toEqual(['NOT_TAXABLE']);
    await t.call('invoices.cancel', { id: january!.id, date: '2026-02-02' });
    const raw = t.session.company().db.raw;
    expect(raw.prepare(`SELECT i.number, l.tax_treatment FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id ORDER BY i.id`).all()).toEqual([
      { number: january!.number, tax_treatment: 'REVERSE_CHARGE' },
      { number: february!.number, tax_treatment: 'NOT_TAXABLE' },
      { number: expect.stringMatching(/^ST-/), tax_treatment: 'REVERSE_CHARGE' },
    ]);
  });

  it('a group whose code stands on an issued invoice keeps its code (DATEV finds its revenue account by it)', async () => {
    const { group, article } = await articleOnOwnGroup('KU_EIGEN', 'KLEINUNTERNEHMER', KU_NOTE);
    const rename = () =>
      t.tryCall('catalog.saveTaxGroup', {
        id: group.id,
        taxGroup: { code: 'KU_NEU', name: group.name, invoiceNote: KU_NOTE, treatment: 'KLEINUNTERNEHMER', rates: [{ rate: '0', validFrom: null, validTo: null }] },
      });
    const contract = await aContract(t, cat, { startDate: '2026-01-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2026-01-01') });
    await billOn(t, '2026-01-01');
    const refused = await rename();
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: { 'taxGroup.code': 'Das Kürzel KU_EIGEN steht auf ausgestellten Rechnungen und kann nicht mehr geändert werden' } } },
    });
    expect((await t.call('catalog.taxGroups', {})).find((g) => g.id === group.id)?.code).toBe('KU_EIGEN');
  });
});
