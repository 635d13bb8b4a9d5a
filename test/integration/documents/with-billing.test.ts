// The documents of invoices issued by the real billing service (runs, storno, guided re-billing):
// the model is built from billing's rows and snapshots, the PDF shows S1's and S6's figures.
import { afterEach, describe, expect, it } from 'vitest';
import { bookPaymentIn } from '../../../main/ledger/service';
import { createTestCompany, type TestCompany } from '../../support/company';
import { aCatalog, aContract, anArticle, anItem, billOn, invoicesOf } from '../billing/support';
import { pdfText } from './pdf-text';

let t: TestCompany;
afterEach(async () => t.close());

const textOf = async (invoiceId: number) => pdfText(Buffer.from((await t.call('documents.pdf', { invoiceId })).base64, 'base64'));

describe('documents of invoices issued by billing', () => {
  it('S1 June and July 2020: 84,03 + 19 % 15,97 and 86,21 + 16 % 13,79, each 100,00', async () => {
    t = await createTestCompany({ now: '2020-06-01T09:00:00Z' });
    const cat = await aCatalog(t);
    const article = await anArticle(t, cat, '84.0336', {
      name: 'Abo-Box',
      variants: [
        { price: '84.0336', currency: 'EUR', minQuantity: null, validFrom: null },
        { price: '86.2069', currency: 'EUR', minQuantity: null, validFrom: '2020-07-01' },
      ],
    });
    const contract = await aContract(t, cat, { startDate: '2020-06-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2020-06-01') });
    await billOn(t, '2020-06-01');
    await billOn(t, '2020-07-01');
    const [june, july] = await invoicesOf(t, contract.customerId);
    const j = await textOf(june!.id);
    for (const s of ['Musterfirma Abo GmbH', 'Steuernummer: 30/123/45678', 'USt-IdNr.: DE123456789', `Rechnung Nr. ${june!.number}`, 'Rechnungsdatum 01.06.2020']) expect(j).toContain(s);
    expect(j).toContain('Leistungszeitraum 01.06.–30.06.2020');
    expect(j).toContain('Monat 84,0336 19 % 84,03 €');
    expect(j).toContain('zzgl. Umsatzsteuer 19 % auf 84,03 € 15,97 €');
    expect(j).toContain('Rechnungsbetrag 100,00 €');
    const k = await textOf(july!.id);
    expect(k).toContain('Leistungszeitraum 01.07.–31.07.2020');
    expect(k).toContain('zzgl. Umsatzsteuer 16 % auf 86,21 € 13,79 €');
    expect(k).toContain('Rechnungsbetrag 100,00 €');
  });

  it('S6 guided re-billing: Stornorechnung with the original, interim 270,00 + 51,30 = 321,30 from credit, 35,70 left', async () => {
    t = await createTestCompany({ now: '2020-03-10T09:00:00Z' });
    const cat = await aCatalog(t);
    const flat = await t.call('catalog.saveTaxGroup', {
      taxGroup: { code: 'FLAT19', name: 'Regelsteuersatz fest 19 %', accountSkr03: '8400', accountSkr04: '4400', rates: [{ rate: '19', validFrom: null, validTo: null }] },
    });
    const group = (await t.call('catalog.saveProductGroup', { productGroup: { name: 'Beratung', taxGroupId: flat.id } })).id;
    const article = await anArticle(t, cat, '300', { name: 'Wartung', productGroupId: group });
    const contract = await aContract(t, cat, { startDate: '2020-03-10', interval: { count: 3, unit: 'MONTH' }, minimumTerm: { count: 3, unit: 'MONTH' }, renewal: { count: 3, unit: 'MONTH' } });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2020-03-10') });
    await billOn(t, '2020-03-10');
    await billOn(t, '2020-06-10');
    const db = t.session.company().db;
    for (const i of await invoicesOf(t, contract.customerId)) {
      await db.transaction(async () => bookPaymentIn(db.raw, { customerId: contract.customerId, date: i.issueDate, amountCents: 35_700, text: 'Zahlung', invoiceIds: [i.id] }, { actor: 'test', at: `${i.issueDate}T10:00:00Z` }));
    }
    t.clock.set('2020-09-08T09:00:00Z');
    await t.call('activities.generate', { date: '2020-09-08' });
    const [, second] = await invoicesOf(t, contract.customerId);
    const withItem = await t.call('contracts.get', { id: contract.id });
    const item = withItem.items[0]!;
    await t.call('contracts.updateItem', { itemId: item.id, item: { articleId: item.articleId, quantity: item.quantity, activeFrom: item.activeFrom, discount: '10' } });
    const result = await t.call('invoices.cancelAndRebill', { id: second!.id, date: '2020-09-08' });

    const storno = await textOf(result.cancellation.id);
    expect(storno).toContain(`Stornorechnung Nr. ${result.cancellation.number}`);
    expect(storno).toContain(`Storno zu Rechnung ${second!.number} vom 10.06.2020`);
    expect(storno).toContain('Stornobetrag -357,00 €');
    expect(storno).not.toContain('Gutschrift');

    const interim = await textOf(result.run.invoiceIds[0]!);
    expect(interim).toContain('Leistungszeitraum 10.06.–09.09.2020');
    expect(interim).toContain('Summe netto 270,00 €');
    expect(interim).toContain('zzgl. Umsatzsteuer 19 % auf 270,00 € 51,30 €');
    expect(interim).toContain('Rechnungsbetrag 321,30 €');
    expect(interim).toContain('abzüglich Guthaben 321,30 €');
    expect(interim).toContain('Zu zahlender Betrag 0,00 €');
    expect(interim).toContain('Ihr verbleibendes Guthaben: 35,70 €');
  });
  it('two invoices of one run use the same credit: each PDF states the credit left after that invoice (88,10 €, then 64,30 €)', async () => {
    t = await createTestCompany({ now: '2026-01-15T09:00:00Z' });
    const cat = await aCatalog(t);
    const first = await aContract(t, cat, { startDate: '2026-02-01' });
    const second = await aContract(t, cat, { startDate: '2026-02-01', customerId: first.customerId });
    await t.call('contracts.addItem', { contractId: first.id, item: anItem(await anArticle(t, cat, '10'), '2026-02-01') });
    await t.call('contracts.addItem', { contractId: second.id, item: anItem(await anArticle(t, cat, '20'), '2026-02-01') });
    await t.call('ledger.book', { customerId: first.customerId, type: 'MANUAL_CREDIT', amount: '100,00', date: '2026-01-15', text: 'Guthaben' });
    // The run issues both invoices; their PDFs are rendered afterwards, when both have used credit.
    await billOn(t, '2026-02-01');
    const [a, b] = await invoicesOf(t, first.customerId);
    expect([a!.gross, a!.creditApplied, b!.gross, b!.creditApplied]).toEqual(['11.90', '11.90', '23.80', '23.80']);
    expect(await textOf(a!.id)).toContain('Ihr verbleibendes Guthaben: 88,10 €');
    expect(await textOf(b!.id)).toContain('Ihr verbleibendes Guthaben: 64,30 €');
  });
});
