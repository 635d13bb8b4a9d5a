import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createTestCompany, fieldErrorOf, type TestCompany } from '../../support/company';
import { b64, camt053, customerBalance, invoiceState, issueInvoice, setInvoiceCounter } from './support';
import { REASONS } from '../../../main/bank/rules-matching';
import { readExtf } from '../../unit/datev/reader';
import { DATEV_SETTINGS } from '../datev/support';

const COMPANY_IBAN = 'DE89370400440532013000';
const IBAN_A = 'DE02120300000000202051';
const IBAN_B = 'DE02100500000054540402';
const IBAN_UNKNOWN = 'DE12500105170648489890';

describe('S9 reconciliation on a real company file', () => {
  let t: TestCompany;
  let a: { id: number };
  let b: { id: number };
  let inv: Record<string, number>;

  beforeEach(async () => {
    t = await createTestCompany();
    a = await t.call('customers.create', { customer: { kind: 'COMPANY', companyName: 'Alpha Software GmbH', street: 'Am Markt 1', zip: '50667', city: 'Köln', iban: IBAN_A } });
    b = await t.call('customers.create', { customer: { kind: 'COMPANY', companyName: 'Beta Handel KG', street: 'Hafenstraße 2', zip: '20457', city: 'Hamburg', iban: IBAN_B } });
    // Open RE-2026-000101 (119,00) and RE-2026-000102 (59,50) of A; RE-2026-000201 (100,00) and RE-2026-000202 (78,50) of B.
    setInvoiceCounter(t, 2026, 100);
    const i101 = issueInvoice(t, a.id, '100.00');
    const i102 = issueInvoice(t, a.id, '50.00');
    setInvoiceCounter(t, 2026, 200);
    const i201 = issueInvoice(t, b.id, '84.03');
    const i202 = issueInvoice(t, b.id, '65.97');
    expect([i101, i102, i201, i202].map((i) => [i.number, i.grossCents])).toEqual([
      ['RE-2026-000101', 11900],
      ['RE-2026-000102', 5950],
      ['RE-2026-000201', 10000],
      ['RE-2026-000202', 7850],
    ]);
    inv = { '101': i101.id, '102': i102.id, '201': i201.id, '202': i202.id };
  });
  afterEach(async () => t.close());

  const statement = () =>
    camt053(COMPANY_IBAN, [
      { amount: '119.00', ref: 'BANK-A', name: 'Alpha Software GmbH', text: 'RE-2026-000101' },
      { amount: '59.00', ref: 'BANK-B', name: 'Alpha Software GmbH', iban: IBAN_A, text: 'Rechnung 102' },
      { amount: '178.50', ref: 'BANK-C', name: 'Beta Handel KG', iban: IBAN_B, text: 'RE-2026-000201 RE-2026-000202' },
      { amount: '20.00', ref: 'BANK-D', name: 'Irgendwer', iban: IBAN_UNKNOWN, text: 'Spende' },
    ]);

  it('S9 (a) books automatically, (b) is suggested and partial, (c) splits across both invoices, (d) becomes credit; re-import adds 0', async () => {
    const result = await t.call('bank.import', { fileName: 'auszug.xml', contentBase64: b64(statement()) });
    expect(result).toMatchObject({ format: 'CAMT.053', newCount: 4, duplicateCount: 0, rejectedCount: 0 });

    // (a) 119,00 "RE-2026-000101" → booked automatically, invoice PAID.
    expect(invoiceState(t, inv['101'] ?? 0)).toEqual({ open: '0.00', status: 'PAID' });
    // (c) 178,50 naming two invoices of the second customer → split across both (auto: number + amount).
    expect(invoiceState(t, inv['201'] ?? 0)).toEqual({ open: '0.00', status: 'PAID' });
    expect(invoiceState(t, inv['202'] ?? 0)).toEqual({ open: '0.00', status: 'PAID' });
    expect(result.autoBooked).toBe(2);

    const open = await t.call('bank.transactions.list', { state: 'OPEN' });
    expect(open.rows.map((r) => r.amount)).toEqual(['59.00', '20.00']);
    // (b) 59,00 "Rechnung 102" from the known IBAN → suggested, partial.
    const txB = open.rows[0];
    expect(txB?.suggestion).toMatchObject({
      customerId: a.id,
      reasons: [REASONS.invoiceNumberWeak, REASONS.iban, REASONS.name, REASONS.partial],
      allocations: [{ invoiceNumber: 'RE-2026-000102', amount: '59.00', openAmount: '59.50' }],
    });
    const booked = await t.call('bank.book', { transactionId: txB?.id ?? 0, allocations: [{ invoiceId: inv['102'] ?? 0, amount: '59.00' }] });
    expect(booked.state).toBe('BOOKED');
    expect(invoiceState(t, inv['102'] ?? 0)).toEqual({ open: '0.50', status: 'PARTIALLY_PAID' });

    // (d) 20,00 from an unknown party → unassigned, then booked as credit to a chosen customer.
    const txD = open.rows[1];
    expect(txD?.suggestion).toBeNull();
    const credit = await t.call('bank.bookCredit', { transactionId: txD?.id ?? 0, customerId: b.id });
    expect(credit.bookings).toMatchObject([{ kind: 'CREDIT', customerId: b.id, amount: '20.00' }]);
    expect(customerBalance(t, b.id)).toBe('-20.00'); // Guthaben 20,00
    expect(customerBalance(t, a.id)).toBe('0.50');

    // Importing the same file again adds 0 transactions.
    const again = await t.call('bank.import', { fileName: 'auszug.xml', contentBase64: b64(statement()) });
    expect(again).toMatchObject({ newCount: 0, duplicateCount: 4, autoBooked: 0 });
    expect((await t.call('bank.transactions.list', { state: 'ALL' })).total).toBe(4);
  });

  it('undo restores the open amounts by counter-entries (nothing is deleted)', async () => {
    await t.call('bank.import', { fileName: 'auszug.xml', contentBase64: b64(statement()) });
    const all = await t.call('bank.transactions.list', { state: 'ALL' });
    const txA = all.rows.find((r) => r.amount === '119.00');
    const txC = all.rows.find((r) => r.amount === '178.50');
    await t.call('bank.undo', { transactionId: txA?.id ?? 0 });
    await t.call('bank.undo', { transactionId: txC?.id ?? 0 });
    expect(invoiceState(t, inv['101'] ?? 0)).toEqual({ open: '119.00', status: 'OPEN' });
    expect(invoiceState(t, inv['201'] ?? 0)).toEqual({ open: '100.00', status: 'OPEN' });
    expect(invoiceState(t, inv['202'] ?? 0)).toEqual({ open: '78.50', status: 'OPEN' });
    expect(customerBalance(t, a.id)).toBe('178.50');
    const raw = t.session.company().db.raw;
    const entries = raw.prepare(`SELECT type, amount_cents, reverses_entry_id FROM account_entry WHERE type = 'PAYMENT' ORDER BY id`).all();
    expect(entries).toHaveLength(4); // two payments, two counter-entries
    expect(entries.filter((e) => (e as { reverses_entry_id: number | null }).reverses_entry_id !== null)).toHaveLength(2);
    const reopened = await t.call('bank.transactions.get', { id: txA?.id ?? 0 });
    expect(reopened.state).toBe('OPEN');
    expect(reopened.bookings.every((x) => x.reversed)).toBe(true);
    // Booking again after the undo works.
    await t.call('bank.match', { auto: true });
    expect(invoiceState(t, inv['101'] ?? 0).status).toBe('PAID');
  });

  it('overpayment becomes credit; ignore and its undo', async () => {
    const xml = camt053(COMPANY_IBAN, [
      { amount: '150.00', ref: 'O-1', text: 'RE-2026-000101' },
      { amount: '35.00', credit: false, ref: 'O-2', name: 'Bürobedarf', text: 'Papier' },
    ]);
    await t.call('bank.import', { fileName: 'o.xml', contentBase64: b64(xml), autoBook: false });
    const open = await t.call('bank.transactions.list', { state: 'OPEN' });
    const pay = open.rows.find((r) => r.amount === '150.00');
    expect(pay?.suggestion?.overpayment).toBe('31.00');
    const booked = await t.call('bank.book', { transactionId: pay?.id ?? 0, allocations: [{ invoiceId: inv['101'] ?? 0, amount: '119.00' }] });
    expect(booked.bookings.map((x) => [x.kind, x.amount])).toEqual([
      ['INVOICE', '119.00'],
      ['CREDIT', '31.00'],
    ]);
    expect(customerBalance(t, a.id)).toBe('28.50'); // 59,50 open − 31,00 Guthaben

    const out = open.rows.find((r) => r.amount === '-35.00');
    expect(out?.suggestion).toBeNull();
    const wrong = await t.tryCall('bank.bookCredit', { transactionId: out?.id ?? 0, customerId: a.id });
    expect(wrong.ok).toBe(false);
    expect((await t.call('bank.ignore', { transactionId: out?.id ?? 0 })).state).toBe('IGNORED');
    expect((await t.call('bank.undo', { transactionId: out?.id ?? 0 })).state).toBe('OPEN');
  });

  it('refuses bookings beyond the open amount or the payment, in German', async () => {
    await t.call('bank.import', { fileName: 'x.xml', contentBase64: b64(camt053(COMPANY_IBAN, [{ amount: '59.00', ref: 'X-1', text: 'x' }])), autoBook: false });
    const [tx] = (await t.call('bank.transactions.list', { state: 'OPEN' })).rows;
    const tooMuch = await t.tryCall('bank.book', { transactionId: tx?.id, allocations: [{ invoiceId: inv['102'], amount: '59.60' }] });
    expect(fieldErrorOf(tooMuch, 'allocations')).toBe('Für RE-2026-000102 sind nur 59,50 offen');
    const overPayment = await t.tryCall('bank.book', {
      transactionId: tx?.id,
      allocations: [
        { invoiceId: inv['101'], amount: '50.00' },
        { invoiceId: inv['102'], amount: '10.00' },
      ],
    });
    expect(fieldErrorOf(overPayment, 'allocations')).toBe('Die Zuordnung ist höher als der Zahlungsbetrag');
    const mixed = await t.tryCall('bank.book', {
      transactionId: tx?.id,
      allocations: [
        { invoiceId: inv['101'], amount: '10.00' },
        { invoiceId: inv['201'], amount: '10.00' },
      ],
    });
    expect(fieldErrorOf(mixed, 'allocations')).toBe('Alle gewählten Rechnungen müssen zum selben Kunden gehören');
  });

  it('keeps the original file with its SHA-256 and an import log (GoBD); the log cannot be changed', async () => {
    const xml = statement();
    const result = await t.call('bank.import', { fileName: 'auszug.xml', contentBase64: b64(xml), autoBook: false });
    expect(result.sha256).toBe(createHash('sha256').update(xml).digest('hex'));
    const raw = t.session.company().db.raw;
    const row = raw.prepare(`SELECT original FROM bank_import WHERE id = ?`).get(result.id) as { original: Buffer };
    expect(row.original.toString('utf8')).toBe(xml);
    expect(() => raw.prepare(`UPDATE bank_import SET file_name = 'x' WHERE id = ?`).run(result.id)).toThrow(/unveränderlich/);
    expect(() => raw.prepare(`DELETE FROM bank_transaction`).run()).toThrow(/unveränderlich/);
    const imports = await t.call('bank.imports.list', { limit: 10 });
    expect(imports[0]).toMatchObject({ fileName: 'auszug.xml', newCount: 4, format: 'CAMT.053', bankAccountName: 'Konto DE89 … 3000' });
  });
});

describe('bank import: bad input', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
  });
  afterEach(async () => t.close());

  it('refuses truncated XML and a DOCTYPE/entity file without storing anything', async () => {
    const xml = camt053(COMPANY_IBAN, [{ amount: '1.00', ref: 'R' }]);
    const truncated = await t.tryCall('bank.import', { fileName: 'kaputt.xml', contentBase64: b64(xml.slice(0, -30)) });
    expect(truncated.ok ? '' : truncated.error.message).toMatch(/beschädigt oder unvollständig/);
    const lol = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Document><BkToCstmrStmt><Stmt><Id>&b;</Id></Stmt></BkToCstmrStmt></Document>`;
    const bomb = await t.tryCall('bank.import', { fileName: 'lol.xml', contentBase64: b64(lol) });
    expect(bomb.ok ? '' : bomb.error.message).toMatch(/DOCTYPE/);
    const n = t.session.company().db.raw.prepare(`SELECT count(*) AS n FROM bank_import`).get() as { n: number };
    expect(n.n).toBe(0);
  });

  it('refuses a 50 MB file with a German size message before parsing it', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    const result = await t.tryCall('bank.import', { fileName: 'riesig.xml', contentBase64: big.toString('base64') });
    expect(result.ok ? '' : result.error.message).toMatch(/Die Datei ist zu groß \(50 MB\)/);
  });

  it('imports an MT940 with a wrong closing balance and shows the warning in the import log', async () => {
    const mt = `:20:STARTUMS\n:25:10020030/1234567\n:28C:1/1\n:60F:C261126EUR100,00\n:61:2611271127CR119,00NTRFNONREF\n:86:166?00GUTSCHRIFT?20RE-2026-000101\n:62F:C261127EUR999,00\n-\n`;
    const result = await t.call('bank.import', { fileName: 'konto.sta', contentBase64: b64(mt) });
    expect(result.newCount).toBe(1);
    expect(result.warnings.join()).toMatch(/Saldo stimmt nicht/);
    expect((await t.call('bank.imports.list', { limit: 1 }))[0]?.warnings.join()).toMatch(/Saldo stimmt nicht/);
  });

  it('an overlapping second file adds only the new lines', async () => {
    const one = camt053(COMPANY_IBAN, [{ amount: '1.00', ref: 'R1' }, { amount: '2.00', ref: 'R2' }], 'S1');
    const two = camt053(COMPANY_IBAN, [{ amount: '2.00', ref: 'R2' }, { amount: '3.00', ref: 'R3' }], 'S2');
    expect(await t.call('bank.import', { fileName: '1.xml', contentBase64: b64(one) })).toMatchObject({ newCount: 2, duplicateCount: 0 });
    expect(await t.call('bank.import', { fileName: '2.xml', contentBase64: b64(two) })).toMatchObject({ newCount: 1, duplicateCount: 1 });
  });
});

describe('bank accounts and the auto-booking threshold', () => {
  let t: TestCompany;
  beforeEach(async () => {
    t = await createTestCompany();
  });
  afterEach(async () => t.close());

  it('saves an account with DATEV account, refuses a wrong IBAN in German, and imports onto it', async () => {
    const bad = await t.tryCall('bank.accounts.save', { account: { iban: 'DE89370400440532013001', name: 'Giro' } });
    expect(fieldErrorOf(bad, 'account.iban')).toBe('IBAN ist ungültig');
    const acc = await t.call('bank.accounts.save', { account: { iban: 'DE89 3704 0044 0532 0130 00', name: 'Giro', datevAccount: '1200' } });
    expect(acc).toMatchObject({ iban: COMPANY_IBAN, datevAccount: '1200' });
    const other = await t.call('bank.accounts.save', { account: { iban: IBAN_A, name: 'Tagesgeld' } });
    const wrong = await t.tryCall('bank.import', { fileName: 'a.xml', contentBase64: b64(camt053(COMPANY_IBAN, [{ amount: '1.00', ref: 'R' }])), bankAccountId: other.id });
    expect(fieldErrorOf(wrong, 'bankAccountId')).toContain('gehört zum Konto DE89370400440532013000');
    const ok = await t.call('bank.import', { fileName: 'a.xml', contentBase64: b64(camt053(COMPANY_IBAN, [{ amount: '1.00', ref: 'R' }])) });
    expect(ok.bankAccountId).toBe(acc.id);
  });

  it('a payment imported onto an account with its own DATEV account goes to that account in the DATEV export', async () => {
    await t.call('bank.accounts.save', { account: { iban: COMPANY_IBAN, name: 'Giro', datevAccount: '1210' } });
    const c = await t.call('customers.create', { customer: { companyName: 'Alpha Software GmbH', street: 'Am Markt 1', zip: '50667', city: 'Köln' } });
    setInvoiceCounter(t, 2026, 100);
    issueInvoice(t, c.id, '100.00');
    const r = await t.call('bank.import', { fileName: 'a.xml', contentBase64: b64(camt053(COMPANY_IBAN, [{ amount: '119.00', ref: 'R', text: 'RE-2026-000101' }])) });
    expect(r.autoBooked).toBe(1);
    await t.call('datev.settings.save', { settings: DATEV_SETTINGS });
    const exp = await t.call('datev.export', { from: '2026-11-01', to: '2026-11-30' });
    const batch = readExtf(Buffer.from((await t.call('datev.file', { fileId: exp.files[0]!.id })).base64, 'base64'));
    // Invoice: debitor S against revenue; payment: the bank's own account 1210 S against the debitor, invoice number in Belegfeld 1.
    expect(batch.rows.map((row) => [row[0], row[1], row[6], row[7], row[10]].map((f) => f!.value))).toEqual([
      ['119,00', 'S', '10001', '8400', 'RE-2026-000101'],
      ['119,00', 'S', '1210', '10001', 'RE-2026-000101'],
    ]);
  });

  it('threshold 101 books nothing automatically; the setting is audited', async () => {
    const c = await t.call('customers.create', { customer: { companyName: 'Alpha Software GmbH', street: 'Am Markt 1', zip: '50667', city: 'Köln' } });
    setInvoiceCounter(t, 2026, 100);
    issueInvoice(t, c.id, '100.00');
    expect(await t.call('bank.settings.set', { autoBookThreshold: 101 })).toEqual({ autoBookThreshold: 101 });
    const r = await t.call('bank.import', { fileName: 'a.xml', contentBase64: b64(camt053(COMPANY_IBAN, [{ amount: '119.00', ref: 'R', text: 'RE-2026-000101' }])) });
    expect(r.autoBooked).toBe(0);
    const [tx] = (await t.call('bank.transactions.list', { state: 'OPEN' })).rows;
    expect(tx?.suggestion?.score).toBe(90);
    const audit = t.session.company().db.raw.prepare(`SELECT entity_id FROM audit_log WHERE entity = 'Einstellung'`).all() as { entity_id: string }[];
    expect(audit.map((a) => a.entity_id)).toContain('bank.autoBookThreshold');
  });
});
