// The PDF prints what the tax group's treatment says (reverse-charge note and both VAT IDs, no
// tax line for § 19), whatever the group's code, and keeps it once the invoice is issued.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCompany, type TestCompany } from '../../support/company';
import { aCatalog, aContract, anArticle, anItem, billOn, invoicesOf } from '../billing/support';
import { pdfText } from './pdf-text';

let t: TestCompany;
afterEach(async () => t.close());

const textOf = async (invoiceId: number) => pdfText(Buffer.from((await t.call('documents.pdf', { invoiceId })).base64, 'base64'));

describe('documents of user-made tax groups', () => {
  it('a user-made reverse-charge group prints the note and both VAT IDs, not „zzgl. Umsatzsteuer 0 %“, and keeps it after the group changes', async () => {
    t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
    const cat = await aCatalog(t);
    const rc = await t.call('catalog.saveTaxGroup', {
      taxGroup: {
        code: 'EU_RC_AT',
        name: 'EU / Reverse Charge Österreich',
        invoiceNote: 'Steuerschuldnerschaft des Leistungsempfängers',
        accountSkr03: '8337',
        accountSkr04: '4337',
        requiresVatId: true,
        treatment: 'REVERSE_CHARGE',
        rates: [{ rate: '0', validFrom: null, validTo: null }],
      },
    });
    const productGroupId = (await t.call('catalog.saveProductGroup', { productGroup: { name: 'RC AT', taxGroupId: rc.id } })).id;
    const article = await anArticle(t, cat, '100.00', { productGroupId });
    const customerId = (
      await t.call('customers.create', { customer: { companyName: 'Wien GmbH', street: 'Ring 1', zip: '1010', city: 'Wien', country: 'AT', vatId: 'ATU12345678' } })
    ).id;
    const contract = await aContract(t, cat, { customerId, startDate: '2026-01-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2026-01-01') });
    await billOn(t, '2026-01-01');
    const [invoice] = await invoicesOf(t, customerId);
    const expectReverseCharge = (text: string) => {
      expect(text).toContain('Umsatzsteuer 0 % auf 100,00 € (Reverse Charge) 0,00 €');
      expect(text).toContain('Steuerschuldnerschaft des Leistungsempfängers');
      expect(text).toContain('USt-IdNr. des leistenden Unternehmers: DE123456789 · USt-IdNr. des Leistungsempfängers: ATU12345678');
      expect(text).not.toContain('zzgl. Umsatzsteuer');
    };
    expectReverseCharge(await textOf(invoice!.id));

    await t.call('catalog.saveTaxGroup', { id: rc.id, taxGroup: { code: rc.code, name: rc.name, treatment: 'STANDARD', rates: [{ rate: '0', validFrom: null, validTo: null }] } });
    expectReverseCharge(await textOf(invoice!.id));
  });
});
