import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCompany, fieldErrorOf, type TestCompany } from '../../support/company';
import { BUCHUNGSSTAPEL_HEADINGS } from '../../../main/datev/writer';
import { amountCents, readExtf, sumsByAccount, type ExtfFile } from '../../unit/datev/reader';
import { cancel, DATEV_SETTINGS, issue, line, pay } from './support';

async function fileOf(t: TestCompany, fileId: number): Promise<Buffer> {
  return Buffer.from((await t.call('datev.file', { fileId })).base64, 'base64');
}

/** Column values 1, 2, 7, 8, 10, 11, 14 (+ 40) of each booking, as a bookkeeper reads them. */
const brief = (f: ExtfFile): string[] =>
  f.rows.map((r) => [r[0], r[1], r[6], r[7], r[9], r[10], r[13]].map((x) => x!.value).join(' | ') + (r[39]!.value ? ` | ${r[39]!.value}` : ''));

describe('DATEV export on a real company file', () => {
  let t: TestCompany;
  let mueller: number;
  let schulz: number;
  let acme: number;

  beforeEach(async () => {
    t = await createTestCompany({ now: '2026-04-01T07:30:00Z' });
    mueller = (await t.call('customers.create', { customer: { companyName: 'Müller GmbH', street: 'Hauptstr. 1', zip: '50667', city: 'Köln' } })).id;
    schulz = (await t.call('customers.create', { customer: { kind: 'PERSON', firstName: 'Zoë', lastName: 'Schulz', street: 'Weg 2', zip: '10115', city: 'Berlin' } })).id;
    acme = (await t.call('customers.create', { customer: { companyName: 'Acme B.V.', street: 'Dam 1', zip: '1012', city: 'Amsterdam', country: 'NL', vatId: 'NL123456789B01' } })).id;
  });
  afterEach(async () => t.close());

  async function marchLedger(): Promise<void> {
    const re1 = await issue(t, mueller, '2026-03-02', [
      line('Abo-Box März', '100.00', 'DE_STANDARD', '19', '2026-03-31', '8400'),
      line('Buch', '50.00', 'DE_REDUCED', '7', '2026-03-31', '8300'),
    ]);
    const re2 = await issue(t, schulz, '2026-03-05', [line('Beratung', '200.00', 'DE_STANDARD', '19', '2026-03-05', '8400')]);
    await pay(t, mueller, '2026-03-10', 17250, [re1.id]);
    await cancel(t, re2.id, '2026-03-20');
    await t.call('ledger.book', { customerId: mueller, type: 'MANUAL_CREDIT', amount: '20.00', date: '2026-03-25', text: 'Kulanz' });
    await t.call('ledger.book', { customerId: schulz, type: 'MANUAL_DEBIT', amount: '7.50', date: '2026-03-26', text: 'Porto' });
    await issue(t, acme, '2026-03-27', [line('Lizenz', '1000.00', 'EU_REVERSE_CHARGE', '0', '2026-03-27', '8337')]);
  }

  it('refuses to export before the DATEV settings are saved, and names invalid settings per field', async () => {
    await marchLedger();
    const preview = await t.call('datev.preview', { from: '2026-03-01', to: '2026-03-31' });
    expect(preview.errors[0]).toContain('DATEV-Einstellungen sind noch nicht gespeichert');
    const bad = await t.tryCall('datev.settings.save', { settings: { ...DATEV_SETTINGS, consultantNumber: 5, bankAccount: '120' } });
    expect(fieldErrorOf(bad, 'settings.consultantNumber')).toBe('Beraternummer muss zwischen 1001 und 9999999 liegen');
    const wrongLength = await t.tryCall('datev.settings.save', { settings: { ...DATEV_SETTINGS, bankAccount: '12000' } });
    expect(fieldErrorOf(wrongLength, 'bankAccount')).toBe('Bankkonto: Sachkonto 12000 hat nicht 4 Stellen (Sachkontenlänge 4).');
  });

  it('pre-fills the revenue accounts per tax group for the chart from the catalog', async () => {
    const view = await t.call('datev.settings.get', {});
    expect(view.configured).toBe(false);
    expect(view.settings.revenueAccounts.DE_STANDARD!.account).toBe('8400');
    expect(view.settings.revenueAccounts.DE_SMALL_BUSINESS!.account).toBe('8195');
    expect(view.settings.revenueAccounts.EU_REVERSE_CHARGE!.account).toBe('8337');
    expect(view.taxGroups.map((g) => g.code)).toContain('DE_REDUCED');
    expect(view.asciiNote).toContain('seit Ende 2017');
  });

  it('a fixed set of invoices, a cancellation, a payment and manual bookings produce exactly the expected lines', async () => {
    await marchLedger();
    await t.call('datev.settings.save', { settings: DATEV_SETTINGS });
    const preview = await t.call('datev.preview', { from: '2026-03-01', to: '2026-03-31' });
    expect(preview.errors).toEqual([]);
    expect(preview.bookingCount).toBe(8);
    expect(preview.byType).toEqual({ INVOICE: 3, PAYMENT: 1, CANCELLATION: 1, MANUAL_CREDIT: 1, MANUAL_DEBIT: 1 });
    expect(preview.fileNames).toEqual(['EXTF_Buchungsstapel_20260301_20260331.csv', 'EXTF_Debitoren_20260301_20260331.csv']);
    expect(preview.sums.find((s) => s.account === '10001')).toEqual({ account: '10001', label: 'Müller GmbH', debit: '172.50', credit: '192.50' });
    expect(Object.fromEntries(preview.sums.map((s) => [s.account, s.label]))).toMatchObject({
      '10002': 'Zoë Schulz',
      '1200': 'Bank',
      '8400': 'Erlöse Deutschland / Regelsteuersatz',
      '8300': 'Erlöse Deutschland / ermäßigt',
      '8337': 'Erlöse EU / Reverse Charge',
    });

    const exp = await t.call('datev.export', { from: '2026-03-01', to: '2026-03-31' });
    const batch = readExtf(await fileOf(t, exp.files[0]!.id));
    expect(batch.info).toMatchObject({ kennzeichen: 'EXTF', headerVersion: 700, category: 21, formatVersion: 13, consultant: '1001', client: '10042', fiscalYearStart: '20260101', periodFrom: '20260301', periodTo: '20260331', lock: '0', chart: '03' });
    expect(batch.headings.join(';')).toBe(BUCHUNGSSTAPEL_HEADINGS);
    for (const r of batch.rows) expect(r).toHaveLength(125);
    expect(brief(batch)).toEqual([
      '119,00 | S | 10001 | 8400 | 0203 | RE-2026-000001 | Müller GmbH RE-2026-000001',
      '53,50 | S | 10001 | 8300 | 0203 | RE-2026-000001 | Müller GmbH RE-2026-000001',
      '238,00 | S | 10002 | 8400 | 0503 | RE-2026-000002 | Zoë Schulz RE-2026-000002',
      '172,50 | S | 1200 | 10001 | 1003 | RE-2026-000001 | Zahlung Müller GmbH RE-2026-000001',
      '238,00 | H | 10002 | 8400 | 2003 | RE-2026-000002 | Zoë Schulz Storno ST-2026-000001 zu RE-2026-000002',
      '20,00 | H | 10001 | 8700 | 2503 |  | Gutschrift Müller GmbH',
      '7,50 | S | 10002 | 8200 | 2603 |  | Belastung Zoë Schulz',
      '1000,00 | S | 10003 | 8337 | 2703 | RE-2026-000003 | Acme B.V. RE-2026-000003 | NL123456789B01',
    ]);
    // Leistungsdatum and Fälligkeit of the first invoice (payment terms 14 days).
    expect([batch.rows[0]![114]!.value, batch.rows[0]![116]!.value]).toEqual(['31032026', '16032026']);
    expect(batch.rows.every((r) => /^[0-9a-f-]{36}$/.test(r[102]!.value) && r[113]!.value === '0')).toBe(true);

    const debitoren = readExtf(await fileOf(t, exp.files[1]!.id));
    expect([debitoren.info.category, debitoren.info.formatVersion, debitoren.headings.length]).toEqual([16, 5, 254]);
    expect(debitoren.rows.map((r) => [r[0]!.value, r[1]!.value || `${r[4]!.value} ${r[3]!.value}`, r[98]!.value])).toEqual([
      ['10001', 'Müller GmbH', 'K00001'],
      ['10002', 'Zoë Schulz', 'K00002'],
      ['10003', 'Acme B.V.', 'K00003'],
    ]);
  });

  it('debit and credit per debitor account match the customer ledger; the file round-trips Windows-1252', async () => {
    await marchLedger();
    await t.call('datev.settings.save', { settings: DATEV_SETTINGS });
    const exp = await t.call('datev.export', { from: '2026-03-01', to: '2026-03-31' });
    const bytes = await fileOf(t, exp.files[0]!.id);
    expect(bytes.includes(Buffer.from([0xfc]))).toBe(true); // "ü" as one byte
    const sums = sumsByAccount(readExtf(bytes));
    const raw = t.session.company().db.raw;
    const ledger = raw
      .prepare(
        `SELECT c.debitor_account AS account, sum(CASE WHEN e.amount_cents > 0 THEN e.amount_cents ELSE 0 END) AS debit,
                sum(CASE WHEN e.amount_cents < 0 THEN -e.amount_cents ELSE 0 END) AS credit
           FROM account_entry e JOIN customer_account a ON a.id = e.account_id JOIN customer c ON c.id = a.customer_id GROUP BY c.id ORDER BY c.id`,
      )
      .all() as { account: string; debit: number; credit: number }[];
    for (const l of ledger) expect([l.account, sums.get(l.account)]).toEqual([l.account, { debit: BigInt(l.debit), credit: BigInt(l.credit) }]);
    let debit = 0n;
    let credit = 0n;
    for (const s of sums.values()) {
      debit += s.debit;
      credit += s.credit;
    }
    expect(debit).toBe(credit);
    expect(amountCents('238,00')).toBe(23800n);
  });

  it('S8 Kleinunternehmer invoice is exported to the Kleinunternehmer revenue account without tax key', async () => {
    await issue(t, mueller, '2026-03-03', [line('Abo-Box', '100.00', 'DE_SMALL_BUSINESS', '0', '2026-03-31', '8195')]);
    await t.call('datev.settings.save', { settings: DATEV_SETTINGS });
    const exp = await t.call('datev.export', { from: '2026-03-01', to: '2026-03-31' });
    const f = readExtf(await fileOf(t, exp.files[0]!.id));
    expect(brief(f)).toEqual(['100,00 | S | 10001 | 8195 | 0303 | RE-2026-000001 | Müller GmbH RE-2026-000001']);
    expect(f.rows[0]![8]!.value).toBe('');
  });

  it('a range crossing the fiscal year is split into two batches', async () => {
    await issue(t, mueller, '2025-12-15', [line('Dezember', '10.00', 'DE_STANDARD', '19', '2025-12-31', '8400')]);
    await issue(t, mueller, '2026-01-15', [line('Januar', '20.00', 'DE_STANDARD', '19', '2026-01-31', '8400')]);
    await t.call('datev.settings.save', { settings: DATEV_SETTINGS });
    const exp = await t.call('datev.export', { from: '2025-12-01', to: '2026-01-31' });
    expect(exp.files.map((f) => [f.fileName, f.bookingCount])).toEqual([
      ['EXTF_Buchungsstapel_20251201_20251231.csv', 1],
      ['EXTF_Buchungsstapel_20260101_20260131.csv', 1],
      ['EXTF_Debitoren_20251201_20260131.csv', 1],
    ]);
    const [dec, jan] = [await fileOf(t, exp.files[0]!.id), await fileOf(t, exp.files[1]!.id)].map(readExtf);
    expect([dec!.info.fiscalYearStart, dec!.info.periodTo, dec!.rows[0]![0]!.value]).toEqual(['20250101', '20251231', '11,90']);
    expect([jan!.info.fiscalYearStart, jan!.info.periodFrom, jan!.rows[0]![0]!.value]).toEqual(['20260101', '20260101', '23,80']);
  });

  it('export history: a second export of the range warns, "nur neue Buchungen" exports only the new ones, re-download is byte-identical', async () => {
    await marchLedger();
    await t.call('datev.settings.save', { settings: DATEV_SETTINGS });
    const first = await t.call('datev.export', { from: '2026-03-01', to: '2026-03-31' });
    expect(first.entryCount).toBe(7);
    const firstBytes = await fileOf(t, first.files[0]!.id);

    await t.call('ledger.book', { customerId: acme, type: 'MANUAL_DEBIT', amount: '12.00', date: '2026-03-30', text: 'Nachberechnung' });
    const again = await t.tryCall('datev.export', { from: '2026-03-01', to: '2026-03-31' });
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.code).toBe('CONFLICT');
      expect(again.error.message).toContain('7 Kontobewegung(en) im Zeitraum 01.03.2026–31.03.2026 wurden bereits exportiert');
    }
    const preview = await t.call('datev.preview', { from: '2026-03-01', to: '2026-03-31' });
    expect(preview.alreadyExported).toBe(7);
    expect(preview.warnings[0]).toContain('Nur neue Buchungen');

    const onlyNew = await t.call('datev.export', { from: '2026-03-01', to: '2026-03-31', onlyNew: true });
    expect([onlyNew.entryCount, onlyNew.bookingCount]).toEqual([1, 1]);
    expect(brief(readExtf(await fileOf(t, onlyNew.files[0]!.id)))).toEqual(['12,00 | S | 10003 | 8200 | 3003 |  | Belastung Acme B.V.']);

    const nothing = await t.tryCall('datev.export', { from: '2026-03-01', to: '2026-03-31', onlyNew: true });
    expect(nothing.ok).toBe(false);

    // The clock moves on; the earlier file is still served byte for byte.
    t.clock.set('2026-05-01T10:00:00Z');
    expect((await fileOf(t, first.files[0]!.id)).equals(firstBytes)).toBe(true);
    const confirmed = await t.call('datev.export', { from: '2026-03-01', to: '2026-03-31', confirmReexport: true });
    expect(confirmed.entryCount).toBe(8);
    const history = await t.call('datev.exports.list', {});
    expect(history.map((h) => [h.entryCount, h.onlyNew])).toEqual([
      [8, false],
      [1, true],
      [7, false],
    ]);
    expect(() => t.session.company().db.raw.prepare(`DELETE FROM datev_export_file`).run()).toThrow('DATEV-Exporte sind unveränderlich');
  });

  it('a sandbox export is marked in the file name and the batch label', async () => {
    const sandbox = await createTestCompany({ kind: 'SANDBOX', now: '2026-04-01T07:30:00Z' });
    try {
      const c = (await sandbox.call('customers.create', { customer: { companyName: 'Probe GmbH', street: 'Ring 3', zip: '50667', city: 'Köln' } })).id;
      await issue(sandbox, c, '2026-03-02', [line('Test', '10.00', 'DE_STANDARD', '19', '2026-03-02', '8400')]);
      await sandbox.call('datev.settings.save', { settings: DATEV_SETTINGS });
      const exp = await sandbox.call('datev.export', { from: '2026-03-01', to: '2026-03-31' });
      expect(exp.files.map((f) => f.fileName)).toEqual(['EXTF_Buchungsstapel_20260301_20260331_SANDBOX.csv', 'EXTF_Debitoren_20260301_20260331_SANDBOX.csv']);
      expect(readExtf(await fileOf(sandbox, exp.files[0]!.id)).info.label).toBe('SANDBOX 01.03.2026-31.03.2026');
      expect(exp.sandbox).toBe(true);
    } finally {
      await sandbox.close();
    }
  });
});
