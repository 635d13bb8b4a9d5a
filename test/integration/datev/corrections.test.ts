// DATEV export of what happens after a period was exported: counter-entries (ledger and bank
// undo) re-open the invoice in DATEV, entries booked late into an exported month are pointed
// out, foreign-currency payments keep their currency, and the Debitoren file never merges or
// mislabels customers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueInvoiceIn, issuerSnapshot } from '../../../main/billing/service';
import { bookPaymentIn } from '../../../main/ledger/service';
import { createTestCompany, type TestCompany } from '../../support/company';
import { readExtf, type ExtfFile } from '../../unit/datev/reader';
import { b64, camt053 } from '../bank/support';
import { DATEV_SETTINGS, issue, line, pay } from './support';

async function fileOf(t: TestCompany, fileId: number): Promise<Buffer> {
  return Buffer.from((await t.call('datev.file', { fileId })).base64, 'base64');
}

/** Column values 1, 2, 3, 7, 8, 10, 11, 14 of each booking: amount, S/H, WKZ, Konto, Gegenkonto, Belegdatum, Belegfeld 1, Buchungstext. */
const brief = (f: ExtfFile): string[] => f.rows.map((r) => [r[0], r[1], r[2], r[6], r[7], r[9], r[10], r[13]].map((x) => x!.value).join(' | '));

const abo = (net: string, serviceDate: string) => [line('Abo', net, 'DE_STANDARD', '19', serviceDate, '8400')];

describe('DATEV export after the period: counter-entries, late entries, foreign currency', () => {
  let t: TestCompany;
  let mueller: number;

  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-04-01T07:30:00Z' });
    mueller = (await t.call('customers.create', { customer: { companyName: 'Müller GmbH', street: 'Hauptstr. 1', zip: '50667', city: 'Köln', iban: 'DE02120300000000202051' } })).id;
    await t.call('datev.settings.save', { settings: DATEV_SETTINGS });
  });
  afterEach(async () => t.close());

  it('a payment counter-booked after its export is bank H against the debitor with the invoice number, so DATEV re-opens the invoice', async () => {
    const re = await issue(t, mueller, '2026-03-02', abo('100.00', '2026-03-31'));
    const payment = await pay(t, mueller, '2026-03-10', 11900, [re.id]);
    const march = await t.call('datev.export', { from: '2026-03-01', to: '2026-03-31' });
    expect(brief(readExtf(await fileOf(t, march.files[0]!.id)))[1]).toBe('119,00 | S | EUR | 1200 | 10001 | 1003 | RE-2026-000001 | Zahlung Müller GmbH RE-2026-000001');

    await t.call('ledger.reverse', { entryId: payment, date: '2026-04-03', text: null });
    const preview = await t.call('datev.preview', { from: '2026-04-01', to: '2026-04-30' });
    // The debitor is debited again: RE-2026-000001 is open in DATEV as in Abowerk.
    expect(preview.sums).toEqual([
      { account: '10001', label: 'Müller GmbH', debit: '119.00', credit: '0.00' },
      { account: '1200', label: 'Bank', debit: '0.00', credit: '119.00' },
    ]);
    const april = await t.call('datev.export', { from: '2026-04-01', to: '2026-04-30' });
    const rows = readExtf(await fileOf(t, april.files[0]!.id));
    expect(brief(rows)).toEqual(['119,00 | H | EUR | 1200 | 10001 | 0304 | RE-2026-000001 | Gegenbuchung Zahlung Müller GmbH RE-2026-000001']);
    expect([rows.rows[0]![20]!.value, rows.rows[0]![21]!.value]).toEqual(['Text Kundenkonto', 'Gegenbuchung zu: Überweisung']);

    // Exported again after the reversal, the payment still names the invoice it paid (the
    // released allocation does not take it away), so both lines meet on RE-2026-000001.
    const both = await t.call('datev.export', { from: '2026-03-01', to: '2026-04-30', confirmReexport: true });
    expect(brief(readExtf(await fileOf(t, both.files[0]!.id)))).toEqual([
      '119,00 | S | EUR | 10001 | 8400 | 0203 | RE-2026-000001 | Müller GmbH RE-2026-000001',
      '119,00 | S | EUR | 1200 | 10001 | 1003 | RE-2026-000001 | Zahlung Müller GmbH RE-2026-000001',
      '119,00 | H | EUR | 1200 | 10001 | 0304 | RE-2026-000001 | Gegenbuchung Zahlung Müller GmbH RE-2026-000001',
    ]);
  });

  it('a bank payment undone on its bank line after the export re-opens the invoice in DATEV too', async () => {
    const re = await issue(t, mueller, '2026-03-02', abo('100.00', '2026-03-31'));
    const statement = camt053('DE89370400440532013000', [{ amount: '119.00', ref: 'BANK-1', name: 'Müller GmbH', iban: 'DE02120300000000202051', text: re.number, date: '2026-03-10' }]);
    await t.call('bank.import', { fileName: 'auszug-maerz.xml', contentBase64: b64(statement) });
    const line = (await t.call('bank.transactions.list', { state: 'ALL' })).rows[0]!;
    expect(line.state).toBe('BOOKED');
    const march = await t.call('datev.export', { from: '2026-03-01', to: '2026-03-31' });
    expect(brief(readExtf(await fileOf(t, march.files[0]!.id)))[1]).toMatch(/^119,00 \| S \| EUR \| 1200 \| 10001 \| 1003 \| RE-2026-000001 \|/);

    t.clock.set('2026-04-02T09:00:00Z');
    await t.call('bank.undo', { transactionId: line.id });
    const april = await t.call('datev.export', { from: '2026-04-01', to: '2026-04-30' });
    const rows = brief(readExtf(await fileOf(t, april.files[0]!.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^119,00 \| H \| EUR \| 1200 \| 10001 \| 0204 \| RE-2026-000001 \| Gegenbuchung Zahlung Müller GmbH RE-2026-000001$/);
  });

  it('an entry booked into an already exported month is pointed out by the next export until that month is exported again with „Nur neue Buchungen“', async () => {
    // February is never exported: its entries are the user's business, not a late booking.
    await issue(t, mueller, '2026-02-02', abo('10.00', '2026-02-28'));
    const re = await issue(t, mueller, '2026-03-02', abo('100.00', '2026-03-31'));
    await t.call('datev.export', { from: '2026-03-01', to: '2026-03-31' });
    // The bank statement of 31.03. arrives in April; the payment is booked with its date in March.
    await pay(t, mueller, '2026-03-31', 11900, [re.id]);
    await issue(t, mueller, '2026-04-02', abo('100.00', '2026-04-30'));

    const april = await t.call('datev.preview', { from: '2026-04-01', to: '2026-04-30' });
    expect(april.warnings).toEqual([
      '1 Kontobewegung(en) vom 31.03.2026 wurden erst nach dem DATEV-Export ihres Zeitraums gebucht und noch nicht exportiert; dieser Export enthält sie nicht. ' +
        'Bitte den Zeitraum 01.03.2026–31.03.2026 erneut mit „Nur neue Buchungen“ exportieren.',
    ]);
    expect(april.bookingCount).toBe(1);

    const late = await t.call('datev.export', { from: '2026-03-01', to: '2026-03-31', onlyNew: true });
    expect(brief(readExtf(await fileOf(t, late.files[0]!.id)))).toEqual(['119,00 | S | EUR | 1200 | 10001 | 3103 | RE-2026-000002 | Zahlung Müller GmbH RE-2026-000002']);
    expect((await t.call('datev.preview', { from: '2026-04-01', to: '2026-04-30' })).warnings).toEqual([]);
  });

  it('a payment of a CHF invoice is written in CHF and warned about; the sums say that CHF was added without conversion', async () => {
    const db = t.session.company().db;
    const who = { actor: 'test', at: '2026-04-01T08:00:00.000Z' };
    const inv = await db.transaction(async () =>
      issueInvoiceIn(
        db.raw,
        { customerId: mueller, contractId: null, projectId: null, currency: 'CHF', issueDate: '2026-03-02', paymentMethod: 'TRANSFER', lines: abo('100.00', '2026-03-31'), billingRunId: null },
        { issuer: issuerSnapshot(db.raw), applyCredit: false },
        who,
      ),
    );
    const payment = await db.transaction(async () => bookPaymentIn(db.raw, { customerId: mueller, date: '2026-03-10', amountCents: 11900, text: 'Zahlung', invoiceIds: [inv.id] }, who));
    const preview = await t.call('datev.preview', { from: '2026-03-01', to: '2026-03-31' });
    expect(preview.warnings).toEqual([
      'RE-2026-000001: Währung CHF ohne Kurs – bitte mit der Steuerberatung klären',
      `Buchung ${payment}: Währung CHF ohne Kurs – bitte mit der Steuerberatung klären`,
      'Summen je Konto: 2 Kontobewegung(en) in CHF sind ohne Umrechnung zu den EUR-Beträgen addiert.',
    ]);
    const exp = await t.call('datev.export', { from: '2026-03-01', to: '2026-03-31' });
    expect(brief(readExtf(await fileOf(t, exp.files[0]!.id)))).toEqual([
      '119,00 | S | CHF | 10001 | 8400 | 0203 | RE-2026-000001 | Müller GmbH RE-2026-000001',
      '119,00 | S | CHF | 1200 | 10001 | 1003 | RE-2026-000001 | Zahlung Müller GmbH RE-2026-000001',
    ]);
  });
});

describe('Debitoren file: Sammeldebitor, language, one customer per debitor account', () => {
  let t: TestCompany;
  let mueller: { id: number; number: string; debitorAccount: string };
  let schulz: { id: number; number: string; debitorAccount: string };

  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-04-01T07:30:00Z' });
    mueller = await t.call('customers.create', { customer: { companyName: 'Müller GmbH', street: 'Hauptstr. 1', zip: '50667', city: 'Köln', iban: 'DE89370400440532013000' } });
    schulz = await t.call('customers.create', { customer: { kind: 'PERSON', firstName: 'Zoë', lastName: 'Schulz', street: 'Weg 2', zip: '10115', city: 'Berlin', language: 'en' } });
    await issue(t, mueller.id, '2026-03-02', abo('100.00', '2026-03-31'));
    await issue(t, schulz.id, '2026-03-03', abo('50.00', '2026-03-31'));
  });
  afterEach(async () => t.close());

  const debitorRows = async (fileId: number): Promise<string[][]> =>
    // Konto, Name (Unternehmen), Name/Vorname (Person), Adressatentyp, Kurzbezeichnung, Straße, IBAN 1, Kundennummer, Sprache
    readExtf(await fileOf(t, fileId)).rows.map((r) => [0, 1, 3, 4, 6, 7, 15, 44, 98, 100].map((i) => r[i]!.value));

  it('a Sammeldebitor is one neutral line „Sammeldebitor“ without any customer’s name, address, IBAN or number', async () => {
    await t.call('datev.settings.save', { settings: { ...DATEV_SETTINGS, debitorMode: 'SINGLE', singleDebitor: '10000' } });
    const exp = await t.call('datev.export', { from: '2026-03-01', to: '2026-03-31' });
    expect(exp.files[1]!.bookingCount).toBe(1);
    expect(await debitorRows(exp.files[1]!.id)).toEqual([['10000', 'Sammeldebitor', '', '', '2', 'Sammeldebitor', '', '', '', '']]);
    expect(exp.summary.sums.find((s) => s.account === '10000')).toEqual({ account: '10000', label: 'Sammeldebitor', debit: '178.50', credit: '0.00' });
  });

  it('each customer has its own line; „Sprache“ is DATEV’s code: 1 Deutsch, 5 Englisch', async () => {
    await t.call('datev.settings.save', { settings: DATEV_SETTINGS });
    const exp = await t.call('datev.export', { from: '2026-03-01', to: '2026-03-31' });
    expect(await debitorRows(exp.files[1]!.id)).toEqual([
      [mueller.debitorAccount, 'Müller GmbH', '', '', '2', 'Müller GmbH', 'Hauptstr. 1', 'DE89370400440532013000', mueller.number, '1'],
      [schulz.debitorAccount, '', 'Schulz', 'Zoë', '1', 'Zoë Schulz', 'Weg 2', '', schulz.number, '5'],
    ]);
  });

  it('two customers on one debitor account refuse the export, naming both and the account (also when only one is booked)', async () => {
    // A debitor account given twice (typed in, or from an old import): DATEV would merge the two.
    t.session.company().db.raw.prepare(`UPDATE customer SET debitor_account = ? WHERE id = ?`).run(mueller.debitorAccount, schulz.id);
    await t.call('datev.settings.save', { settings: DATEV_SETTINGS });
    const message = `Debitorenkonto ${mueller.debitorAccount} gehört zu zwei Kunden: ${mueller.number} Müller GmbH und ${schulz.number} Zoë Schulz. DATEV würde beide zu einem Debitor zusammenführen – bitte bei einem der Kunden ein eigenes Debitorenkonto hinterlegen.`;
    const preview = await t.call('datev.preview', { from: '2026-03-01', to: '2026-03-31' });
    expect(preview.errors).toEqual([message]);
    expect(preview.fileNames).toEqual([]);
    const refused = await t.tryCall('datev.export', { from: '2026-03-01', to: '2026-03-31' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: `DATEV-Export nicht möglich: ${message}` } });
    // Only Müller booked on 02.03.: Schulz's bookings of another month would land on the same account.
    expect((await t.call('datev.preview', { from: '2026-03-02', to: '2026-03-02' })).errors).toEqual([message]);
  });

  it('range start + customer number: numbers with the same digits give one account and refuse the export', async () => {
    const other = await t.call('customers.create', { customer: { number: `X-${mueller.number.replace(/\D/g, '')}`, companyName: 'Andere AG', street: 'Ring 1', zip: '50667', city: 'Köln' } });
    await issue(t, other.id, '2026-03-04', abo('10.00', '2026-03-31'));
    await t.call('datev.settings.save', { settings: { ...DATEV_SETTINGS, debitorMode: 'NUMBER' } });
    const account = String(10000 + Number(mueller.number.replace(/\D/g, '')));
    expect((await t.call('datev.preview', { from: '2026-03-01', to: '2026-03-31' })).errors).toEqual([
      `Debitorenkonto ${account} gehört zu zwei Kunden: ${mueller.number} Müller GmbH und ${other.number} Andere AG. DATEV würde beide zu einem Debitor zusammenführen – ihre Kundennummern ergeben dasselbe Konto: bitte eine Kundennummer ändern oder in Einstellungen → DATEV das Debitorenkonto des Kunden verwenden.`,
    ]);
  });
});
