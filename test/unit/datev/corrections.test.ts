import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../shared/money';
import { bookingsFor, debitorFor, sharedDebitors, type Debitor } from '../../../main/datev/rules';
import { DEBITOREN_HEADINGS, DEBITOREN, collectiveDebitorLine, debitorLine, headerFields, writeDebitoren } from '../../../main/datev/writer';
import { readExtf } from './reader';
import { acme, customer, euros, money, mueller, settings, zoe } from './fixtures';

const d = (v: string): Decimal => new Decimal(v);
const createdAt = '2026-04-01T07:30:00.000Z';
const row = (b: { cents: number; side: string; currency: string; account: string; contraAccount: string; belegfeld1: string; text: string }): string[] => [
  euros(b),
  b.side,
  b.currency,
  b.account,
  b.contraAccount,
  b.belegfeld1,
  b.text,
];

describe('counter-entries (Gegenbuchung) in the Buchungsstapel', () => {
  it('a counter-booked payment carries the reversed payment’s invoices: bank H against the debitor with each invoice number', () => {
    const counter = money({
      entryId: 40,
      type: 'PAYMENT',
      date: '2026-04-03',
      amount: d('300'),
      customer: mueller,
      reference: 'EREF 77',
      reversal: true,
      allocations: [
        { invoiceNumber: 'RE-2026-000001', amount: d('172.5') },
        { invoiceNumber: 'RE-2026-000004', amount: d('100') },
      ],
    });
    const { bookings, warnings } = bookingsFor([counter], settings, 'ns');
    expect(warnings).toEqual([]);
    expect(bookings.map(row)).toEqual([
      ['172.5', 'H', 'EUR', '1200', '10001', 'RE-2026-000001', 'Gegenbuchung Zahlung Müller GmbH RE-2026-000001'],
      ['100', 'H', 'EUR', '1200', '10001', 'RE-2026-000004', 'Gegenbuchung Zahlung Müller GmbH RE-2026-000004'],
      ['27.5', 'H', 'EUR', '1200', '10001', 'EREF77', 'Gegenbuchung Zahlung Müller GmbH EREF77'],
    ]);
  });

  it('a counter-booked Gutschrift re-opens its invoice: debitor S against the Gutschrift account', () => {
    const counter = money({ entryId: 41, type: 'MANUAL_CREDIT', date: '2026-04-03', amount: d('20'), customer: mueller, reversal: true, allocations: [{ invoiceNumber: 'RE-2026-000001', amount: d('20') }] });
    expect(bookingsFor([counter], settings, 'ns').bookings.map(row)).toEqual([['20', 'S', 'EUR', '10001', '8700', 'RE-2026-000001', 'Gegenbuchung Gutschrift Müller GmbH RE-2026-000001']]);
  });

  it('a payment in a foreign currency keeps it and is warned about', () => {
    const chf = money({ entryId: 42, type: 'PAYMENT', date: '2026-03-10', amount: d('-119'), customer: mueller, currency: 'CHF', allocations: [{ invoiceNumber: 'RE-CHF', amount: d('119') }] });
    const { bookings, warnings } = bookingsFor([chf], settings, 'ns');
    expect(bookings.map(row)).toEqual([['119', 'S', 'CHF', '1200', '10001', 'RE-CHF', 'Zahlung Müller GmbH RE-CHF']]);
    expect(warnings).toEqual([{ code: 'FOREIGN_CURRENCY', message: 'Buchung 42: Währung CHF ohne Kurs – bitte mit der Steuerberatung klären' }]);
  });
});

describe('one customer per debitor account', () => {
  const booked = (s: typeof settings, ...customers: (typeof mueller)[]): Map<number, Debitor> => new Map(customers.map((c) => [c.id, debitorFor(s, c)]));

  it('finds another customer of the file on a booked customer’s account, booked or not', () => {
    const twin = customer({ id: 9, number: 'K00009', companyName: 'Zwilling AG', debitorAccount: '10001' });
    expect(sharedDebitors(settings, booked(settings, mueller, zoe), [mueller, zoe, acme, twin])).toEqual([{ account: '10001', bookedId: 1, otherId: 9 }]);
    expect(sharedDebitors(settings, booked(settings, mueller, twin), [mueller, twin])).toEqual([{ account: '10001', bookedId: 1, otherId: 9 }]);
    expect(sharedDebitors(settings, booked(settings, zoe), [mueller, zoe, twin])).toEqual([]);
  });

  it('range start + customer number: the same digits are the same account; a Sammeldebitor is shared on purpose', () => {
    const number = { ...settings, debitorMode: 'NUMBER' as const };
    const same = customer({ id: 9, number: 'A-1' });
    expect(sharedDebitors(number, booked(number, mueller), [mueller, zoe, same])).toEqual([{ account: '10001', bookedId: 1, otherId: 9 }]);
    const single = { ...settings, debitorMode: 'SINGLE' as const };
    expect(sharedDebitors(single, booked(single, mueller, zoe), [mueller, zoe])).toEqual([]);
  });

  it('the Debitoren writer never drops a second customer of one account silently', () => {
    const twin = customer({ id: 9, number: 'K00009', companyName: 'Zwilling AG', debitorAccount: '10001' });
    expect(() => writeDebitoren({ settings, customers: [mueller, twin], from: '2026-03-01', to: '2026-03-31', createdAt, exportedBy: 'x', sandbox: false })).toThrow(
      'Debitorenkonto 10001 gehört zu zwei Kunden: K00001 Müller GmbH und K00009 Zwilling AG. DATEV würde beide zu einem Debitor zusammenführen – bitte bei einem der Kunden ein eigenes Debitorenkonto hinterlegen.',
    );
  });
});

describe('Debitoren/Kreditoren lines', () => {
  it('„Sprache“ (column 101) is DATEV’s code: 1 Deutsch, 4 Französisch, 5 Englisch, 10 Spanisch, 19 Italienisch; others stay empty', () => {
    const sprache = (language: string | null): string => debitorLine(settings, { ...mueller, language }, () => {})!.split(';')[100]!;
    expect(['de', 'fr', 'en', 'EN-gb', 'es', 'it', 'nl', null].map(sprache)).toEqual(['1', '4', '5', '5', '10', '19', '', '']);
  });

  it('a Sammeldebitor gets one neutral line with no customer’s data', () => {
    const single = { ...settings, debitorMode: 'SINGLE' as const, singleDebitor: '19999' };
    const { files } = writeDebitoren({ settings: single, customers: [mueller, zoe, acme], from: '2026-03-01', to: '2026-03-31', createdAt, exportedBy: 'x', sandbox: false });
    const header = headerFields({ kind: DEBITOREN, settings: single, createdAt, exportedBy: 'x', fiscalYearStart: '2026-01-01', period: null, label: 'Abowerk Debitoren' }, () => {});
    expect(files[0]!.bytes.toString('latin1')).toBe([header.join(';'), DEBITOREN_HEADINGS, collectiveDebitorLine(single)].join('\r\n') + '\r\n');
    expect(files[0]!.bookingCount).toBe(1);
    const [line] = readExtf(files[0]!.bytes).rows;
    expect(line!.filter((f) => f.value !== '').map((f) => f.value)).toEqual(['19999', 'Sammeldebitor', '2', 'Sammeldebitor']);
  });
});
