import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../shared/money';
import {
  accountLabels,
  batchPeriods,
  bookingGuid,
  bookingsFor,
  checkSettings,
  debitorFor,
  defaultSettings,
  type Debitor,
  distributeTax,
  fiscalYearStartOf,
  sumsPerAccount,
} from '../../../main/datev/rules';
import type { DatevCustomer } from '../../../main/datev/model';
import { acme, customer, doc, euros, goldenItems, money, mueller, settings, zoe } from './fixtures';

const d = (v: string): Decimal => new Decimal(v);

describe('DATEV defaults and settings', () => {
  it('pre-fills SKR03 revenue accounts 8400/8300/8195/8337 and bank 1200', () => {
    const s = defaultSettings('SKR03');
    expect(Object.fromEntries(Object.entries(s.revenueAccounts).map(([k, v]) => [k, v.account]))).toEqual({
      DE_STANDARD: '8400',
      DE_REDUCED: '8300',
      DE_SMALL_BUSINESS: '8195',
      EU_REVERSE_CHARGE: '8337',
      NON_EU: '8338',
    });
    expect(s.bankAccount).toBe('1200');
    expect(Object.values(s.revenueAccounts).every((r) => r.buKey === '')).toBe(true);
  });

  it('pre-fills SKR04 4400/4300/4185/4337 and bank 1800; a longer account length extends with zeros', () => {
    const s = defaultSettings('SKR04', 6);
    expect(s.revenueAccounts.DE_STANDARD!.account).toBe('440000');
    expect(s.revenueAccounts.DE_SMALL_BUSINESS!.account).toBe('418500');
    expect(s.bankAccount).toBe('180000');
    expect([s.debitorRangeFrom, s.debitorRangeTo]).toEqual(['1000000', '6999999']);
  });

  it('names every invalid setting in German', () => {
    expect(checkSettings(settings)).toEqual({});
    const bad = checkSettings({ ...defaultSettings('SKR03'), consultantNumber: 12, clientNumber: 0, fiscalYearStart: '02-30', bankAccount: '120' });
    expect(bad).toEqual({
      consultantNumber: 'Beraternummer muss zwischen 1001 und 9999999 liegen',
      clientNumber: 'Mandantennummer muss zwischen 1 und 99999 liegen',
      fiscalYearStart: 'Beginn des Wirtschaftsjahres ist kein gültiger Tag (TT.MM.)',
      bankAccount: 'Bankkonto: Sachkonto 120 hat nicht 4 Stellen (Sachkontenlänge 4).',
    });
  });
});

describe('debitor derivation', () => {
  it('uses the customer’s debitor account, or range start + customer number digits, or one collective debitor', () => {
    expect(debitorFor(settings, mueller)).toEqual({ account: '10001' });
    expect(debitorFor({ ...settings, debitorMode: 'NUMBER' }, customer({ id: 9, number: 'K00042' }))).toEqual({ account: '10042' });
    expect(debitorFor({ ...settings, debitorMode: 'SINGLE', singleDebitor: '10000' }, acme)).toEqual({ account: '10000' });
  });

  it('reports a debitor outside the range or without digits', () => {
    expect(debitorFor({ ...settings, debitorMode: 'NUMBER' }, customer({ id: 9, number: 'ABC' }))).toEqual({ error: 'Kunde ABC: Kundennummer enthält keine Ziffern für das Debitorenkonto' });
    expect(debitorFor({ ...settings, debitorMode: 'NUMBER', debitorRangeTo: '19999' }, customer({ id: 9, number: '20000' }))).toEqual({
      error: 'Kunde 20000: Debitorenkonto 30000 liegt außerhalb des Bereichs 10000–19999',
    });
    expect(debitorFor(settings, customer({ id: 9, number: 'K9' }))).toEqual({ error: 'Kunde K9: kein Debitorenkonto hinterlegt' });
  });
});

describe('fiscal years', () => {
  it('finds the fiscal year start for calendar and shifted fiscal years', () => {
    expect(fiscalYearStartOf('2026-03-15', '01-01')).toBe('2026-01-01');
    expect(fiscalYearStartOf('2026-03-15', '07-01')).toBe('2025-07-01');
    expect(fiscalYearStartOf('2026-07-01', '07-01')).toBe('2026-07-01');
  });

  it('cuts an export range at fiscal-year boundaries', () => {
    expect(batchPeriods('2025-11-01', '2026-02-28', '01-01')).toEqual([
      { from: '2025-11-01', to: '2025-12-31', fiscalYearStart: '2025-01-01' },
      { from: '2026-01-01', to: '2026-02-28', fiscalYearStart: '2026-01-01' },
    ]);
    expect(batchPeriods('2026-06-01', '2026-07-31', '07-01').map((p) => p.to)).toEqual(['2026-06-30', '2026-07-31']);
    expect(() => batchPeriods('2026-02-01', '2026-01-01', '01-01')).toThrow(/liegt nach/);
  });
});

describe('booking rules', () => {
  it('invoice: debitor S against the revenue account, one line per tax rate, gross amounts', () => {
    const { bookings } = bookingsFor([goldenItems[0]!], settings, 'ns');
    expect(bookings.map((b) => [euros(b), b.side, b.account, b.contraAccount, b.belegfeld1, b.buKey])).toEqual([
      ['119', 'S', '10001', '8400', 'RE-2026-000001', ''],
      ['53.5', 'S', '10001', '8300', 'RE-2026-000001', ''],
    ]);
  });

  it('cancellation: the reverse (debitor H) with the cancelled invoice in Belegfeld 1', () => {
    const { bookings } = bookingsFor([goldenItems[3]!], settings, 'ns');
    expect(bookings.map((b) => [euros(b), b.side, b.account, b.contraAccount, b.belegfeld1, b.dueDate])).toEqual([['119', 'H', '10002', '8400', 'RE-2026-000002', null]]);
    expect(bookings[0]!.beleginfo).toEqual([['Stornorechnung', 'ST-2026-000001']]);
  });

  it('credit note: debitor H against the revenue account with its own number', () => {
    const gs = doc({ entryId: 8, documentKind: 'CREDIT_NOTE', number: 'GS-2026-000001', date: '2026-03-28', customer: mueller, parts: [{ taxGroupCode: 'DE_STANDARD', treatment: 'STANDARD', rate: '19', account: null, net: d('-10'), tax: d('-1.9') }] });
    const { bookings } = bookingsFor([gs], settings, 'ns');
    expect(bookings.map((b) => [euros(b), b.side, b.account, b.contraAccount, b.belegfeld1, b.text])).toEqual([['11.9', 'H', '10001', '8400', 'GS-2026-000001', 'Müller GmbH Gutschrift GS-2026-000001']]);
  });

  it('payment: bank S against debitor, split by allocated invoices; an unassigned rest keeps the reference', () => {
    const p = money({
      entryId: 9,
      type: 'PAYMENT',
      date: '2026-03-10',
      amount: d('-300'),
      customer: mueller,
      reference: 'EREF 77',
      bankAccount: '1210',
      viaBank: true,
      allocations: [
        { invoiceNumber: 'RE-2026-000001', amount: d('172.5') },
        { invoiceNumber: 'RE-2026-000004', amount: d('100') },
      ],
    });
    const { bookings } = bookingsFor([p], settings, 'ns');
    expect(bookings.map((b) => [euros(b), b.side, b.account, b.contraAccount, b.belegfeld1])).toEqual([
      ['172.5', 'S', '1210', '10001', 'RE-2026-000001'],
      ['100', 'S', '1210', '10001', 'RE-2026-000004'],
      ['27.5', 'S', '1210', '10001', 'EREF77'],
    ]);
  });

  it('a reversed payment (counter-entry, debit) is bank H against debitor', () => {
    const p = money({ entryId: 10, type: 'PAYMENT', date: '2026-03-11', amount: d('50'), customer: mueller });
    const [b] = bookingsFor([p], settings, 'ns').bookings;
    expect([b!.side, b!.account, b!.contraAccount]).toEqual(['H', '1200', '10001']);
  });

  it('manual Gutschrift: from the bank (S7) to the bank account, otherwise against the Gutschrift account; Belastung against its account', () => {
    const fromBank = money({ entryId: 11, type: 'MANUAL_CREDIT', date: '2026-03-12', amount: d('-50'), customer: mueller, viaBank: true });
    const goodwill = money({ entryId: 12, type: 'MANUAL_CREDIT', date: '2026-03-12', amount: d('-20'), customer: mueller });
    const charge = money({ entryId: 13, type: 'MANUAL_DEBIT', date: '2026-03-12', amount: d('15'), customer: mueller });
    const ret = money({ entryId: 14, type: 'DIRECT_DEBIT_RETURN', date: '2026-03-12', amount: d('119'), customer: mueller });
    const refund = money({ entryId: 15, type: 'REFUND', date: '2026-03-12', amount: d('35.7'), customer: mueller });
    const rows = bookingsFor([fromBank, goodwill, charge, ret, refund], settings, 'ns').bookings.map((b) => [b.side, b.account, b.contraAccount]);
    expect(rows).toEqual([
      ['S', '1200', '10001'],
      ['H', '10001', '8700'],
      ['S', '10001', '8200'],
      ['H', '1200', '10001'],
      ['H', '1200', '10001'],
    ]);
  });

  it('S8 Kleinunternehmer invoice goes to revenue account 8195 (SKR03) / 4185 (SKR04) without tax key', () => {
    const ku = doc({ entryId: 20, number: 'RE-2026-000010', date: '2026-03-02', customer: mueller, parts: [{ taxGroupCode: 'DE_SMALL_BUSINESS', treatment: 'KLEINUNTERNEHMER', rate: '0', account: null, net: d('100'), tax: d('0') }] });
    const [b03] = bookingsFor([ku], settings, 'ns').bookings;
    expect([euros(b03!), b03!.side, b03!.account, b03!.contraAccount, b03!.buKey]).toEqual(['100', 'S', '10001', '8195', '']);
    const [b04] = bookingsFor([ku], { ...defaultSettings('SKR04'), consultantNumber: 1001, clientNumber: 1 }, 'ns').bookings;
    expect(b04!.contraAccount).toBe('4185');
  });

  it('S8 reverse charge goes to 8337 with the customer’s VAT ID (no blanks) in column 40; a missing VAT ID is warned', () => {
    const [b] = bookingsFor([goldenItems[6]!], settings, 'ns').bookings;
    expect([b!.contraAccount, b!.euVatId]).toEqual(['8337', 'NL123456789B01']);
    const noId = doc({ entryId: 21, number: 'RE-2026-000011', date: '2026-03-02', customer: { ...acme, vatId: null }, parts: [{ taxGroupCode: 'EU_REVERSE_CHARGE', treatment: 'REVERSE_CHARGE', rate: '0', account: null, net: d('10'), tax: d('0') }] });
    expect(bookingsFor([noId], settings, 'ns').warnings.map((w) => w.code)).toEqual(['MISSING_VAT_ID']);
  });

  it('a product-group account override and a configured BU key are used; one rate over two accounts shares the tax exactly', () => {
    const inv = doc({
      entryId: 22,
      number: 'RE-2026-000012',
      date: '2026-03-02',
      customer: mueller,
      parts: [
        { taxGroupCode: 'DE_STANDARD', treatment: 'STANDARD', rate: '19', account: null, net: d('10.01'), tax: d('0') },
        { taxGroupCode: 'DE_STANDARD', treatment: 'STANDARD', rate: '19', account: '8401', net: d('10.01'), tax: d('3.81') },
      ],
    });
    const s = { ...settings, revenueAccounts: { ...settings.revenueAccounts, DE_STANDARD: { account: '8400', buKey: '3' } } };
    const { bookings } = bookingsFor([inv], s, 'ns');
    expect(bookings.map((b) => [b.contraAccount, euros(b), b.buKey])).toEqual([
      ['8400', '11.92', '3'],
      ['8401', '11.91', '3'],
    ]);
  });

  it('distributes tax by net with the remainder to the largest fraction', () => {
    expect(distributeTax([d('1'), d('1'), d('1')], d('0.10')).map(String)).toEqual(['0.04', '0.03', '0.03']);
    expect(distributeTax([d('-5'), d('-5')], d('-1.91')).map(String)).toEqual(['-0.96', '-0.95']);
  });

  it('reports items without debitor or revenue account and writes nothing for them', () => {
    const orphan = doc({ entryId: 30, number: 'RE-X', date: '2026-03-02', customer: customer({ id: 9, number: 'K9' }), parts: [{ taxGroupCode: 'DE_STANDARD', treatment: 'STANDARD', rate: '19', account: null, net: d('1'), tax: d('0.19') }] });
    const unknown = doc({ entryId: 31, number: 'RE-Y', date: '2026-03-02', customer: mueller, parts: [{ taxGroupCode: 'CUSTOM', treatment: 'STANDARD', rate: '19', account: null, net: d('1'), tax: d('0.19') }] });
    const r = bookingsFor([orphan, unknown], settings, 'ns');
    expect(r.bookings).toEqual([]);
    expect(r.errors).toEqual(['Kunde K9: kein Debitorenkonto hinterlegt', 'RE-Y: kein Erlöskonto für Steuergruppe CUSTOM (Einstellungen → DATEV)']);
  });

  it('warns about foreign currency without exchange rate', () => {
    const chf = doc({ entryId: 32, number: 'RE-CHF', date: '2026-03-02', currency: 'CHF', customer: mueller, parts: [{ taxGroupCode: 'DE_STANDARD', treatment: 'STANDARD', rate: '19', account: null, net: d('1'), tax: d('0.19') }] });
    expect(bookingsFor([chf], settings, 'ns').warnings.map((w) => w.code)).toEqual(['FOREIGN_CURRENCY']);
  });

  it('Buchungs GUID is stable per company, entry and line and shaped like a UUID', () => {
    const g = bookingGuid('ns', 1, 1);
    expect(g).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bookingGuid('ns', 1, 1)).toBe(g);
    expect(new Set([g, bookingGuid('ns', 1, 2), bookingGuid('ns', 2, 1), bookingGuid('other', 1, 1)]).size).toBe(4);
  });

  it('sums per account count both sides of every line', () => {
    const { bookings } = bookingsFor(goldenItems, settings, 'ns');
    const sums = Object.fromEntries(sumsPerAccount(bookings).map((s) => [s.account, [s.debit.toString(), s.credit.toString()]]));
    expect(sums['10001']).toEqual(['172.5', '192.5']);
    expect(sums['1200']).toEqual(['172.5', '0']);
    expect(sums['8337']).toEqual(['0', '1000']);
  });
});

describe('DATEV booking problems at scale', () => {
  it('a customer without a usable debitor is reported once, not once per booking', () => {
    const broken = customer({ id: 77, number: 'ABC' });
    const items = Array.from({ length: 150_000 }, (_, i) =>
      money({ entryId: i + 1, type: 'MANUAL_DEBIT', date: '2026-03-05', amount: d('1.00'), customer: broken }),
    );
    const { bookings, errors } = bookingsFor(items, { ...settings, debitorMode: 'NUMBER' }, 'ns');
    expect(bookings).toEqual([]);
    expect(errors).toEqual(['Kunde ABC: Kundennummer enthält keine Ziffern für das Debitorenkonto']);
  });
});

describe('account labels of the summary', () => {
  const taxGroups = [
    { code: 'DE_STANDARD', name: 'Deutschland / Regelsteuersatz' },
    { code: 'EU_REVERSE_CHARGE', name: 'EU / Reverse Charge' },
  ];
  /** The debitor accounts as a booking pass over one item per customer finds them. */
  const booked = (s: typeof settings, customers: DatevCustomer[]): ReadonlyMap<number, Debitor> =>
    bookingsFor(
      customers.map((c, i) => money({ entryId: i + 1, type: 'MANUAL_DEBIT', date: '2026-03-05', amount: d('1.00'), customer: c })),
      s,
      'ns',
    ).debitors;

  it('says what each account is: debitor by customer, bank, revenue by tax group, manual bookings and fees', () => {
    // A customer without a usable debitor account has no booking and no label.
    const customers = [mueller, zoe, acme, customer({ id: 9, number: 'K00009', companyName: 'Ohne Konto AG' })];
    const labels = accountLabels(settings, { taxGroups, bankAccounts: [{ account: '1210', name: 'Sparkasse' }], customers, debitors: booked(settings, customers) });
    expect([...labels.values()].some((label) => label.includes('Ohne Konto'))).toBe(false);
    expect(Object.fromEntries([...labels].filter(([a]) => ['10001', '10002', '10003', '1200', '1210', '8400', '8337', '8300', '8700', '8200', '2700'].includes(a)))).toEqual({
      '10001': 'Müller GmbH',
      '10002': 'Zoë Łukasiewicz',
      '10003': 'Acme B.V.',
      '1200': 'Bank',
      '1210': 'Bank Sparkasse',
      '8400': 'Erlöse Deutschland / Regelsteuersatz',
      '8337': 'Erlöse EU / Reverse Charge',
      // A tax group the file does not name is shown by its code.
      '8300': 'Erlöse DE_REDUCED',
      '8700': 'Manuelle Gutschriften',
      '8200': 'Manuelle Belastungen',
      '2700': 'Gebühren',
    });
  });

  it('joins the meanings of a shared account and names a collective debitor', () => {
    const shared = { ...settings, manualDebitAccount: '8400', debitorMode: 'SINGLE' as const, singleDebitor: '19999' };
    const labels = accountLabels(shared, { taxGroups, bankAccounts: [], customers: [mueller, acme], debitors: booked(shared, [mueller, acme]) });
    expect(labels.get('8400')).toBe('Erlöse Deutschland / Regelsteuersatz / Manuelle Belastungen');
    expect(labels.get('19999')).toBe('Sammeldebitor');
    const sharing = [mueller, { ...acme, debitorAccount: '10001' }];
    const twoOnOne = accountLabels(settings, { taxGroups, bankAccounts: [], customers: sharing, debitors: booked(settings, sharing) });
    expect(twoOnOne.get('10001')).toBe('Müller GmbH und 1 weitere');
  });
});
