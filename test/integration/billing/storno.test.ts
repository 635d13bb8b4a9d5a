import { afterEach, describe, expect, it } from 'vitest';
import { bookPaymentIn, reverseEntryIn } from '../../../main/ledger/service';
import { createTestCompany, type TestCompany } from '../../support/company';
import { aCatalog, aContract, anArticle, anItem, balance, billOn, invoicesOf, type Catalog } from './support';

let t: TestCompany;
afterEach(async () => t.close());

async function pay(t: TestCompany, customerId: number, invoiceId: number, amount: number, date: string) {
  const db = t.session.company().db;
  return db.transaction(async () => bookPaymentIn(db.raw, { customerId, date, amountCents: amount, text: 'Zahlung', invoiceIds: [invoiceId] }, { actor: 'test', at: `${date}T10:00:00Z` }));
}

/** S6's contract: concluded 10.03.2020, 3 MONTH, renewal 3 MONTH, in advance, 300,00 net at a flat 19 %. */
async function s6Setup(): Promise<{ cat: Catalog; contractId: number; customerId: number; itemId: number; invoiceIds: number[] }> {
  t = await createTestCompany({ now: '2020-03-10T09:00:00Z' });
  const cat = await aCatalog(t);
  const flat = await t.call('catalog.saveTaxGroup', {
    taxGroup: { code: 'FLAT19', name: 'Regelsteuersatz fest 19 %', accountSkr03: '8400', accountSkr04: '4400', rates: [{ rate: '19', validFrom: null, validTo: null }] },
  });
  const group = (await t.call('catalog.saveProductGroup', { productGroup: { name: 'Beratung', taxGroupId: flat.id } })).id;
  const article = await anArticle(t, cat, '300', { name: 'Wartung', productGroupId: group });
  const contract = await aContract(t, cat, {
    startDate: '2020-03-10',
    interval: { count: 3, unit: 'MONTH' },
    minimumTerm: { count: 3, unit: 'MONTH' },
    renewal: { count: 3, unit: 'MONTH' },
  });
  const withItem = await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, '2020-03-10') });
  const itemId = withItem.items[0]!.id;
  await billOn(t, '2020-03-10');
  await billOn(t, '2020-06-10');
  const invoices = await invoicesOf(t, contract.customerId);
  expect(invoices.map((i) => [i.periodStart, i.periodEnd, i.gross])).toEqual([
    ['2020-03-10', '2020-06-09', '357.00'],
    ['2020-06-10', '2020-09-09', '357.00'],
  ]);
  for (const i of invoices) await pay(t, contract.customerId, i.id, 35_700, i.issueDate);
  expect((await t.call('invoices.get', { id: invoices[1]!.id })).status).toBe('PAID');
  t.clock.set('2020-09-08T09:00:00Z');
  await t.call('activities.generate', { date: '2020-09-08' });
  return { cat, contractId: contract.id, customerId: contract.customerId, itemId, invoiceIds: invoices.map((i) => i.id) };
}

describe('storno and re-billing (DOMAIN §7)', () => {
  it('storno of an open invoice: own number, negated lines, reference, original CANCELLED, activities VOIDED, account settled', async () => {
    t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
    const cat = await aCatalog(t);
    const contract = await aContract(t, cat, { startDate: '2026-01-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(await anArticle(t, cat, '6.66'), '2026-01-01') });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(await anArticle(t, cat, '1.24'), '2026-01-01') });
    await billOn(t, '2026-01-01');
    const [original] = await invoicesOf(t, contract.customerId);
    expect([original!.net, original!.tax, original!.gross]).toEqual(['7.90', '1.50', '9.40']);
    t.clock.set('2026-01-05T09:00:00Z');
    const storno = await t.call('invoices.cancel', { id: original!.id });
    expect(storno.number).toBe('ST-2026-000001');
    expect(storno.kind).toBe('CANCELLATION');
    expect(storno.notes[0]).toBe(`Storno zu Rechnung ${original!.number} vom 01.01.2026`);
    expect(storno.refersTo).toEqual({ id: original!.id, number: original!.number, issueDate: '2026-01-01' });
    expect(storno.lines.map((l) => [l.quantity, l.net])).toEqual([['-1', '-6.66'], ['-1', '-1.24']]);
    expect(storno.taxes.map((x) => [x.net, x.tax])).toEqual([['-7.90', '-1.50']]);
    expect([storno.net, storno.tax, storno.gross]).toEqual(['-7.90', '-1.50', '-9.40']);
    const after = await t.call('invoices.get', { id: original!.id });
    expect(after.status).toBe('CANCELLED');
    expect(after.cancelledBy?.number).toBe('ST-2026-000001');
    const overview = await balance(t, contract.customerId);
    expect([overview.balance, overview.credit]).toEqual(['0.00', '0.00']);
    const activities = await t.call('activities.list', { contractId: contract.id, limit: 100 });
    expect(activities.rows.filter((a) => a.periodStart === '2026-01-01').map((a) => a.state)).toEqual(['VOIDED', 'VOIDED']);
    // A second storno, or a storno of the storno, is refused.
    expect(await t.tryCall('invoices.cancel', { id: original!.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await t.tryCall('invoices.cancel', { id: storno.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const stornos = await t.call('invoices.list', { kind: 'CANCELLATION' });
    expect(stornos.total).toBe(1);
    expect((await t.call('invoices.list', { status: 'CANCELLED' })).rows.map((r) => r.id)).toEqual([original!.id]);
  });

  it('S6 re-billing by the FAQ’s manual steps: 321,30 settled from credit, 35,70 left', async () => {
    const s = await s6Setup();
    const storno = await t.call('invoices.cancel', { id: s.invoiceIds[1]!, date: '2020-09-08' });
    expect(storno.gross).toBe('-357.00');
    expect((await balance(t, s.customerId)).credit).toBe('357.00');
    const open = await t.call('activities.list', { contractId: s.contractId, limit: 100 });
    for (const a of open.rows.filter((r) => r.state === 'OPEN')) await t.call('activities.delete', { id: a.id });
    const contract = await t.call('contracts.get', { id: s.contractId });
    const item = contract.items[0]!;
    await t.call('contracts.updateItem', {
      itemId: item.id,
      item: { articleId: item.articleId, quantity: item.quantity, activeFrom: item.activeFrom, discount: '10', billFrom: '2020-06-10' },
    });
    const run = await t.call('billing.interim', { contractId: s.contractId, date: '2020-09-08' });
    expect(run.errors).toEqual([]);
    expect(run.invoicesCreated).toBe(1);
    const interim = await t.call('invoices.get', { id: run.invoiceIds[0]! });
    expect([interim.periodStart, interim.periodEnd, interim.net, interim.tax, interim.gross]).toEqual(['2020-06-10', '2020-09-09', '270.00', '51.30', '321.30']);
    expect([interim.creditApplied, interim.amountDue, interim.status]).toEqual(['321.30', '0.00', 'PAID']);
    const overview = await balance(t, s.customerId);
    expect([overview.balance, overview.credit]).toEqual(['-35.70', '35.70']);
  });

  it('S6 re-billing by the guided action "Stornieren und neu abrechnen" in one transaction', async () => {
    const s = await s6Setup();
    const contract = await t.call('contracts.get', { id: s.contractId });
    const item = contract.items[0]!;
    await t.call('contracts.updateItem', { itemId: item.id, item: { articleId: item.articleId, quantity: item.quantity, activeFrom: item.activeFrom, discount: '10' } });
    const result = await t.call('invoices.cancelAndRebill', { id: s.invoiceIds[1]!, date: '2020-09-08' });
    expect(result.cancellation.refersTo?.id).toBe(s.invoiceIds[1]);
    expect(result.run.kind).toBe('REBILL');
    const interim = await t.call('invoices.get', { id: result.run.invoiceIds[0]! });
    expect([interim.periodStart, interim.periodEnd, interim.gross, interim.creditApplied, interim.amountDue]).toEqual(['2020-06-10', '2020-09-09', '321.30', '321.30', '0.00']);
    expect((await balance(t, s.customerId)).credit).toBe('35.70');
    // The future period (10.09.–09.12.2020) is there again, unbilled, with the discount.
    const acts = await t.call('activities.list', { contractId: s.contractId, limit: 100 });
    expect(acts.rows.filter((a) => a.state === 'OPEN').map((a) => [a.periodStart, a.net])).toEqual([['2020-09-10', '270.00']]);
    // Both new documents were archived as PDF in the same transaction that issued them.
    const archived = t.session.company().db.raw.prepare(`SELECT invoice_id FROM document_archive ORDER BY invoice_id`).all() as { invoice_id: number }[];
    expect(archived.map((r) => r.invoice_id)).toEqual(expect.arrayContaining([result.cancellation.id, result.run.invoiceIds[0]]));
  });

  it('the guided action rolls everything back when re-billing fails', async () => {
    const s = await s6Setup();
    const c = await t.call('customers.get', { id: s.customerId });
    t.session.company().db.raw.prepare(`UPDATE customer SET street = NULL WHERE id = ?`).run(c.id);
    const result = await t.tryCall('invoices.cancelAndRebill', { id: s.invoiceIds[1]!, date: '2020-09-08' });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('Anschrift des Kunden') } });
    expect((await t.call('invoices.get', { id: s.invoiceIds[1]! })).status).toBe('PAID');
    expect((await t.call('invoices.list', { kind: 'CANCELLATION' })).total).toBe(0);
  });
});

describe('customer ledger (DOMAIN §8)', () => {
  it('S7 a manual Gutschrift of 50,00 is applied to the next invoice: "abzüglich Guthaben", 69,00 due', async () => {
    t = await createTestCompany({ now: '2026-01-15T09:00:00Z' });
    const cat = await aCatalog(t);
    const contract = await aContract(t, cat, { startDate: '2026-02-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(await anArticle(t, cat, '100'), '2026-02-01') });
    const entry = await t.call('ledger.book', { customerId: contract.customerId, type: 'MANUAL_CREDIT', amount: '50,00', date: '2026-01-15', text: 'Überweisung ohne Rechnungsbezug' });
    expect(entry.amount).toBe('-50.00');
    expect((await balance(t, contract.customerId)).balance).toBe('-50.00');
    await billOn(t, '2026-02-01');
    const [invoice] = await invoicesOf(t, contract.customerId);
    expect([invoice!.gross, invoice!.creditApplied, invoice!.amountDue, invoice!.status, invoice!.open]).toEqual(['119.00', '50.00', '69.00', 'PARTIALLY_PAID', '69.00']);
    expect(invoice!.allocations.map((a) => [a.typeLabel, a.amount])).toEqual([['Gutschrift', '50.00']]);
    const overview = await balance(t, contract.customerId);
    expect([overview.balance, overview.credit, overview.openItems]).toEqual(['69.00', '0.00', '69.00']);
    expect(overview.entries.rows.map((r) => [r.typeLabel, r.amount, r.balance])).toEqual([
      ['Gutschrift', '-50.00', '-50.00'],
      ['Rechnung', '119.00', '69.00'],
    ]);
  });

  it('credit is not applied when the setting "abzüglich Guthaben" is off', async () => {
    t = await createTestCompany({ now: '2026-01-15T09:00:00Z' });
    const cat = await aCatalog(t);
    const contract = await aContract(t, cat, { startDate: '2026-02-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(await anArticle(t, cat, '100'), '2026-02-01') });
    await t.call('ledger.book', { customerId: contract.customerId, type: 'MANUAL_CREDIT', amount: '50', date: '2026-01-15', text: 'Kulanz' });
    expect(await t.call('billing.settings', {})).toEqual({ applyCredit: true });
    await t.call('billing.saveSettings', { applyCredit: false });
    await billOn(t, '2026-02-01');
    const [invoice] = await invoicesOf(t, contract.customerId);
    expect([invoice!.creditApplied, invoice!.amountDue, invoice!.status]).toEqual(['0.00', '119.00', 'OPEN']);
  });

  it('payments settle invoices (OPEN → PARTIALLY_PAID → PAID) and a counter-entry undoes one', async () => {
    t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
    const cat = await aCatalog(t);
    const contract = await aContract(t, cat, { startDate: '2026-01-01' });
    await t.call('contracts.addItem', { contractId: contract.id, item: anItem(await anArticle(t, cat, '100'), '2026-01-01') });
    await billOn(t, '2026-01-01');
    const [invoice] = await invoicesOf(t, contract.customerId);
    expect(invoice!.status).toBe('OPEN');
    await pay(t, contract.customerId, invoice!.id, 11_000, '2026-01-10');
    expect((await t.call('invoices.get', { id: invoice!.id })).status).toBe('PARTIALLY_PAID');
    const second = await pay(t, contract.customerId, invoice!.id, 900, '2026-01-11');
    expect((await t.call('invoices.get', { id: invoice!.id })).status).toBe('PAID');
    const db = t.session.company().db;
    await db.transaction(async () => reverseEntryIn(db.raw, second, '2026-01-12', null, { actor: 'test', at: '2026-01-12T10:00:00Z' }));
    const reopened = await t.call('invoices.get', { id: invoice!.id });
    expect([reopened.status, reopened.open]).toEqual(['PARTIALLY_PAID', '9.00']);
    expect((await balance(t, contract.customerId)).balance).toBe('9.00');
    // Twice is refused; invoice entries are corrected by storno only.
    expect(() => reverseEntryIn(db.raw, second, '2026-01-12', null, { actor: 'test', at: 'x' })).toThrow('bereits gegengebucht');
    const invoiceEntry = (await balance(t, contract.customerId)).entries.rows.find((r) => r.type === 'INVOICE')!;
    expect(await t.tryCall('ledger.reverse', { entryId: invoiceEntry.id, date: '2026-01-12' })).toMatchObject({ ok: false, error: { code: 'IMMUTABLE' } });
  });

  it('a manual Belastung and its reversal through the channel', async () => {
    t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
    const cat = await aCatalog(t);
    const contract = await aContract(t, cat, { startDate: '2026-01-01' });
    const debit = await t.call('ledger.book', { customerId: contract.customerId, type: 'MANUAL_DEBIT', amount: '12,50', date: '2026-01-02', text: 'Mahngebühr' });
    expect((await balance(t, contract.customerId)).balance).toBe('12.50');
    const counter = await t.call('ledger.reverse', { entryId: debit.id, date: '2026-01-03' });
    expect(counter).toMatchObject({ amount: '-12.50', reversesEntryId: debit.id, text: 'Gegenbuchung zu: Mahngebühr' });
    expect((await balance(t, contract.customerId)).balance).toBe('0.00');
    const bad = await t.tryCall('ledger.book', { customerId: contract.customerId, type: 'MANUAL_CREDIT', amount: '0', date: '2026-01-02', text: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
