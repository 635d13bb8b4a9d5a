// §9 on a real company file: a month in the remittance text is no invoice number and the payer's
// known IBAN counts; §8/§9 a bank payment is undone on its bank line, not in the customer ledger.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCompany, type TestCompany } from '../../support/company';
import { b64, camt053, customerBalance, invoiceState, issueInvoice, setInvoiceCounter } from './support';
import { REASONS } from '../../../main/bank/rules-matching';

const COMPANY_IBAN = 'DE89370400440532013000';
const IBAN_A = 'DE02120300000000202051';
const IBAN_B = 'DE02100500000054540402';
const FROM_BANK_MESSAGE =
  'Diese Buchung stammt aus einem Zahlungseingang der Bank und wird dort rückgängig gemacht: Zahlungen → Zahlungseingänge verbuchen → Umsatz wählen → „Rückgängig (Gegenbuchung)“. So wird auch der Umsatz wieder offen.';

describe('S9 matching and reversing bank payments on a real company file', () => {
  let t: TestCompany;
  let a: { id: number };
  let b: { id: number };

  beforeEach(async () => {
    t = await createTestCompany();
    a = await t.call('customers.create', { customer: { kind: 'COMPANY', companyName: 'Alpha Software GmbH', street: 'Am Markt 1', zip: '50667', city: 'Köln', iban: IBAN_A } });
    b = await t.call('customers.create', { customer: { kind: 'COMPANY', companyName: 'Beta Handel KG', street: 'Hafenstraße 2', zip: '20457', city: 'Hamburg', iban: IBAN_B } });
  });
  afterEach(async () => t.close());

  /** B owes RE-2026-000011 and A owes RE-2026-000101, both 119,00. */
  const twoInvoices = () => {
    setInvoiceCounter(t, 2026, 10);
    const b11 = issueInvoice(t, b.id, '100.00');
    setInvoiceCounter(t, 2026, 100);
    const a101 = issueInvoice(t, a.id, '100.00');
    expect([b11.number, a101.number]).toEqual(['RE-2026-000011', 'RE-2026-000101']);
    return { b11, a101 };
  };
  const importLine = (text: string, iban: string, name: string) =>
    t.call('bank.import', { fileName: 'auszug.xml', contentBase64: b64(camt053(COMPANY_IBAN, [{ amount: '119.00', ref: 'BANK-1', name, iban, text }])) });
  const onlyLine = async () => (await t.call('bank.transactions.list', { state: 'ALL' })).rows[0];

  it('"Abo Beitrag 2026-11" from A’s IBAN is not booked on B’s RE-2026-000011; A’s own invoice is suggested', async () => {
    const { b11, a101 } = twoInvoices();
    const result = await importLine('Abo Beitrag 2026-11', IBAN_A, 'Alpha Software GmbH');
    expect(result.autoBooked).toBe(0);
    expect(invoiceState(t, b11.id)).toEqual({ open: '119.00', status: 'OPEN' });
    expect(invoiceState(t, a101.id)).toEqual({ open: '119.00', status: 'OPEN' });
    expect([customerBalance(t, a.id), customerBalance(t, b.id)]).toEqual(['119.00', '119.00']);
    const line = await onlyLine();
    expect(line?.state).toBe('OPEN');
    expect(line?.suggestion).toMatchObject({
      customerId: a.id,
      score: 60,
      reasons: [REASONS.iban, REASONS.name, REASONS.amountEqual],
      allocations: [{ invoiceNumber: 'RE-2026-000101', amount: '119.00', openAmount: '119.00' }],
      overpayment: '0.00',
    });
  });

  it('B’s invoice number paid from A’s IBAN is only suggested, never booked automatically', async () => {
    const { b11, a101 } = twoInvoices();
    const result = await importLine('RE-2026-000011', IBAN_A, 'Alpha Software GmbH');
    expect(result.autoBooked).toBe(0);
    expect(invoiceState(t, b11.id)).toEqual({ open: '119.00', status: 'OPEN' });
    expect(invoiceState(t, a101.id)).toEqual({ open: '119.00', status: 'OPEN' });
    // A owes the same amount: a transposed number is as likely as paying for B; the user decides.
    expect((await onlyLine())?.suggestion).toMatchObject({ customerId: a.id, score: 60, reasons: [REASONS.iban, REASONS.name, REASONS.amountEqual] });
  });

  it('B’s invoice paid from A’s IBAN is not booked automatically even at threshold 40, though its suggestion scores 50', async () => {
    setInvoiceCounter(t, 2026, 10);
    const b11 = issueInvoice(t, b.id, '100.00');
    await t.call('bank.settings.set', { autoBookThreshold: 40 });
    const result = await importLine('RE-2026-000011', IBAN_A, 'Alpha Software GmbH');
    expect(result.autoBooked).toBe(0);
    expect(invoiceState(t, b11.id)).toEqual({ open: '119.00', status: 'OPEN' });
    expect((await onlyLine())?.suggestion).toMatchObject({ customerId: b.id, score: 50, reasons: expect.arrayContaining([REASONS.ibanOfOtherCustomer]) });
  });

  it('the same invoice number from B’s own IBAN is booked automatically', async () => {
    const { b11 } = twoInvoices();
    const result = await importLine('RE-2026-000011', IBAN_B, 'Beta Handel KG');
    expect(result.autoBooked).toBe(1);
    expect(invoiceState(t, b11.id)).toEqual({ open: '0.00', status: 'PAID' });
  });

  it('a bank payment cannot be reversed in the customer ledger; the bank undo reverses it and reopens the line', async () => {
    setInvoiceCounter(t, 2026, 100);
    const a101 = issueInvoice(t, a.id, '100.00');
    await importLine('RE-2026-000101', IBAN_A, 'Alpha Software GmbH');
    expect(invoiceState(t, a101.id).status).toBe('PAID');
    const line = await onlyLine();
    const payment = (await t.call('ledger.overview', { customerId: a.id })).entries.rows.find((e) => e.type === 'PAYMENT');

    const refused = await t.tryCall('ledger.reverse', { entryId: payment?.id ?? 0, date: '2026-11-28', text: null });
    expect(refused).toEqual({ ok: false, error: { code: 'CONFLICT', message: FROM_BANK_MESSAGE, details: { bankTransactionId: line?.id } } });
    // Nothing changed: the line is booked, the invoice paid, no counter-entry written.
    expect((await onlyLine())?.state).toBe('BOOKED');
    expect(invoiceState(t, a101.id)).toEqual({ open: '0.00', status: 'PAID' });
    expect((await t.call('ledger.overview', { customerId: a.id })).entries.rows.map((e) => [e.type, e.amount])).toEqual([
      ['INVOICE', '119.00'],
      ['PAYMENT', '-119.00'],
    ]);

    expect((await t.call('bank.undo', { transactionId: line?.id ?? 0 })).state).toBe('OPEN');
    expect(invoiceState(t, a101.id)).toEqual({ open: '119.00', status: 'OPEN' });
    expect(customerBalance(t, a.id)).toBe('119.00');
    const entries = (await t.call('ledger.overview', { customerId: a.id })).entries.rows;
    expect(entries.map((e) => [e.type, e.amount, e.reversesEntryId])).toEqual([
      ['INVOICE', '119.00', null],
      ['PAYMENT', '-119.00', null],
      ['PAYMENT', '119.00', payment?.id],
    ]);
    // The bank undo's counter-entry belongs to the bank line as well.
    const counter = entries[2];
    expect(await t.tryCall('ledger.reverse', { entryId: counter?.id ?? 0, date: '2026-11-28' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: FROM_BANK_MESSAGE } });
  });

  it('a bank line booked as Guthaben is undone on the bank line too; a manual Gutschrift still in the ledger', async () => {
    await t.call('bank.import', {
      fileName: 'auszug.xml',
      contentBase64: b64(camt053(COMPANY_IBAN, [{ amount: '20.00', ref: 'BANK-2', name: 'Irgendwer', text: 'Vorauszahlung' }])),
      autoBook: false,
    });
    const line = await onlyLine();
    await t.call('bank.bookCredit', { transactionId: line?.id ?? 0, customerId: a.id });
    const credit = (await t.call('ledger.overview', { customerId: a.id })).entries.rows.find((e) => e.type === 'PAYMENT');
    expect(await t.tryCall('ledger.reverse', { entryId: credit?.id ?? 0, date: '2026-11-28' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: FROM_BANK_MESSAGE } });
    expect(customerBalance(t, a.id)).toBe('-20.00');
    expect((await t.call('bank.undo', { transactionId: line?.id ?? 0 })).state).toBe('OPEN');
    expect(customerBalance(t, a.id)).toBe('0.00');

    const manual = await t.call('ledger.book', { customerId: a.id, type: 'MANUAL_CREDIT', amount: '5.00', date: '2026-11-28', text: 'Kulanz' });
    expect(await t.call('ledger.reverse', { entryId: manual.id, date: '2026-11-28' })).toMatchObject({ amount: '5.00', reversesEntryId: manual.id, text: 'Gegenbuchung zu: Kulanz' });
    expect(customerBalance(t, a.id)).toBe('0.00');
  });
});
