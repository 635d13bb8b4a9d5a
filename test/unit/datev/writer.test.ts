import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookingsFor } from '../../../main/datev/rules';
import iconv from 'iconv-lite';
import { BUCHUNGSSTAPEL_HEADINGS, DEBITOREN_HEADINGS, debitorLine, headerFields, writeBuchungsstapel, writeDebitoren, BUCHUNGSSTAPEL, DEBITOREN } from '../../../main/datev/writer';
import type { DatevBooking } from '../../../main/datev/model';
import { amountCents, readExtf, sumsByAccount } from './reader';
import { acme, goldenItems, mueller, settings, zoe } from './fixtures';

const createdAt = '2026-04-01T07:30:00.000Z';

function march(bookings: readonly DatevBooking[], over: Partial<Parameters<typeof writeBuchungsstapel>[0]> = {}) {
  return writeBuchungsstapel({ settings, from: '2026-03-01', to: '2026-03-31', createdAt, exportedBy: 'Anna Admin', sandbox: false, bookings, ...over });
}

describe('EXTF header record', () => {
  it('Buchungsstapel header for given settings: 700, category 21, version 13, period, lock written as 0', () => {
    const fields = headerFields(
      { kind: BUCHUNGSSTAPEL, settings, createdAt, exportedBy: 'Anna Admin', fiscalYearStart: '2026-01-01', period: { from: '2026-03-01', to: '2026-03-31' }, label: 'Abowerk 01.03.2026-31.03.2026' },
      () => {},
    );
    expect(fields).toHaveLength(31);
    expect(fields.join(';')).toBe(
      '"EXTF";700;21;"Buchungsstapel";13;20260401093000000;;"AW";"Anna Admin";"";1001;10042;20260101;4;20260301;20260331;"Abowerk 01.03.2026-31.03.2026";"";1;0;0;"EUR";;"";;;"03";;;"";""',
    );
  });

  it('SKR04, locked, fiscal year from July, 5-digit accounts', () => {
    const s = { ...settings, chart: 'SKR04' as const, lockBookings: true, accountLength: 5, fiscalYearStart: '07-01', initials: 'AB' };
    const fields = headerFields({ kind: BUCHUNGSSTAPEL, settings: s, createdAt, exportedBy: 'x', fiscalYearStart: '2025-07-01', period: { from: '2026-03-01', to: '2026-03-31' }, label: 'L' }, () => {});
    expect(fields[12]).toBe('20250701');
    expect(fields[13]).toBe('5');
    expect(fields[17]).toBe('"AB"');
    expect(fields[20]).toBe('1');
    expect(fields[26]).toBe('"04"');
  });

  it('Debitoren/Kreditoren header: category 16, version 5, no period, no booking fields', () => {
    const fields = headerFields({ kind: DEBITOREN, settings, createdAt, exportedBy: 'Anna Admin', fiscalYearStart: '2026-01-01', period: null, label: 'Abowerk Debitoren' }, () => {});
    expect(fields.slice(0, 5)).toEqual(['"EXTF"', '700', '16', '"Debitoren/Kreditoren"', '5']);
    expect(fields.slice(14, 16)).toEqual(['', '']);
    expect(fields.slice(18, 22)).toEqual(['', '', '', '""']);
  });

  it('cuts the user name to 25 and the label to 30 characters', () => {
    const fields = headerFields({ kind: BUCHUNGSSTAPEL, settings, createdAt, exportedBy: 'N'.repeat(40), fiscalYearStart: '2026-01-01', period: { from: '2026-03-01', to: '2026-03-31' }, label: 'L'.repeat(40) }, () => {});
    expect(fields[8]).toBe(`"${'N'.repeat(25)}"`);
    expect(fields[16]).toBe(`"${'L'.repeat(30)}"`);
  });
});

describe('Buchungsstapel writer', () => {
  const { bookings, warnings, errors } = bookingsFor(goldenItems, settings, 'golden-ns');

  it('writes the golden March file byte for byte (invoice with two rates, payment, cancellation, Gutschrift, fee, reverse charge)', () => {
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    const { files, warnings: w } = march(bookings);
    expect(files).toHaveLength(1);
    expect(files[0]!.fileName).toBe('EXTF_Buchungsstapel_20260301_20260331.csv');
    const golden = readFileSync(join(__dirname, 'golden', 'EXTF_Buchungsstapel_golden.csv'));
    expect(files[0]!.bytes.toString('latin1')).toBe(golden.toString('latin1'));
    expect(w.map((x) => x.message)).toEqual([
      'Zeichen „Ł“ (U+0141) gibt es in Windows-1252 nicht – ersetzt durch „L“ (Buchungstext RE-2026-000002)',
      'Zeichen „Ł“ (U+0141) gibt es in Windows-1252 nicht – ersetzt durch „L“ (Buchungstext RL-1)',
    ]);
  });

  it('every line has all 125 columns, CR LF also after the last record, and reads back in Windows-1252', () => {
    const file = readExtf(march(bookings).files[0]!.bytes);
    expect(file.encoding).toBe('windows-1252');
    expect(file.crlf).toBe(true);
    expect(file.endsWithCrlf).toBe(true);
    expect(file.headings).toHaveLength(125);
    expect(file.headings.join(';')).toBe(BUCHUNGSSTAPEL_HEADINGS);
    for (const row of file.rows) expect(row).toHaveLength(125);
    expect(file.rows[0]![13]!.value).toBe('Müller GmbH RE-2026-000001');
    expect(file.rows[3]![21]!.value).toBe('Überweisung "März"');
  });

  it('debit equals credit over the file, and the debitor sums equal the ledger', () => {
    const sums = sumsByAccount(readExtf(march(bookings).files[0]!.bytes));
    let debit = 0n;
    let credit = 0n;
    for (const v of sums.values()) {
      debit += v.debit;
      credit += v.credit;
    }
    expect(debit).toBe(credit);
    // Müller: +172,50 invoice −172,50 payment −20,00 Gutschrift
    expect(sums.get('10001')).toEqual({ debit: 17250n, credit: 19250n });
    expect(sums.get('8400')).toEqual({ debit: 11900n, credit: 23800n });
    expect(amountCents('1000,00')).toBe(100000n);
  });

  it('sandbox exports are marked in the file name and the batch label', () => {
    const f = march(bookings, { sandbox: true }).files[0]!;
    expect(f.fileName).toBe('EXTF_Buchungsstapel_20260301_20260331_SANDBOX.csv');
    expect(f.fileName.startsWith('EXTF_')).toBe(true);
    expect(readExtf(f.bytes).info.label).toBe('SANDBOX 01.03.2026-31.03.2026');
  });

  it('splits a range crossing the fiscal year into one batch per fiscal year', () => {
    const dec = bookings.map((b, i) => ({ ...b, date: i < 3 ? '2025-12-20' : '2026-01-10' }));
    const { files } = writeBuchungsstapel({ settings, from: '2025-12-01', to: '2026-01-31', createdAt, exportedBy: 'x', sandbox: false, bookings: dec });
    expect(files.map((f) => f.fileName)).toEqual(['EXTF_Buchungsstapel_20251201_20251231.csv', 'EXTF_Buchungsstapel_20260101_20260131.csv']);
    const [a, b] = files.map((f) => readExtf(f.bytes));
    expect([a!.info.fiscalYearStart, a!.info.periodFrom, a!.info.periodTo, a!.rows.length]).toEqual(['20250101', '20251201', '20251231', 3]);
    expect([b!.info.fiscalYearStart, b!.info.periodFrom, b!.info.periodTo, b!.rows.length]).toEqual(['20260101', '20260101', '20260131', dec.length - 3]);
  });

  it('keeps a batch below the line limit by splitting into parts', () => {
    const { files } = march(bookings, { maxPerBatch: 3 });
    expect(files.map((f) => f.bookingCount)).toEqual([3, 3, 2]);
    expect(files.map((f) => f.fileName)).toEqual([
      'EXTF_Buchungsstapel_20260301_20260331_Teil1.csv',
      'EXTF_Buchungsstapel_20260301_20260331_Teil2.csv',
      'EXTF_Buchungsstapel_20260301_20260331_Teil3.csv',
    ]);
  });

  it('refuses a booking outside the export range', () => {
    const late = [{ ...bookings[0]!, date: '2026-04-01' }];
    expect(() => march(late)).toThrow(/außerhalb des Zeitraums/);
  });

  it('writes Festschreibung 1 in header and lines when the settings lock the bookings', () => {
    const file = readExtf(writeBuchungsstapel({ settings: { ...settings, lockBookings: true }, from: '2026-03-01', to: '2026-03-31', createdAt, exportedBy: 'x', sandbox: false, bookings }).files[0]!.bytes);
    expect(file.info.lock).toBe('1');
    expect(file.rows.every((r) => r[113]!.value === '1')).toBe(true);
  });

  it('encodes texts beyond Latin-1 that Windows-1252 has (€, „“, –) as single bytes', () => {
    const one = [{ ...bookings[0]!, text: 'Gebühr 5 € – „Mahnung“' }];
    const bytes = march(one).files[0]!.bytes;
    expect(bytes.includes(Buffer.from([0x80, 0x20, 0x96, 0x20, 0x84]))).toBe(true);
    expect(readExtf(bytes).rows[0]![13]!.value).toBe('Gebühr 5 € – „Mahnung“');
  });

  it('writes an amount with decimals exactly', () => {
    const one = [{ ...bookings[0]!, cents: 123_456_789 }];
    expect(readExtf(march(one).files[0]!.bytes).rows[0]![0]!.value).toBe('1234567,89');
  });
});

describe('Debitoren/Kreditoren writer', () => {
  it('one 254-column line per customer with debitor, name, address, VAT ID and IBAN', () => {
    const { files, warnings } = writeDebitoren({ settings, customers: [mueller, zoe, acme, mueller], from: '2026-03-01', to: '2026-03-31', createdAt, exportedBy: 'x', sandbox: false });
    const f = files[0]!;
    expect(f.fileName).toBe('EXTF_Debitoren_20260301_20260331.csv');
    // The bytes are exactly iconv-lite's Windows-1252 of header, headings and one line per debitor, CR LF.
    const header = headerFields({ kind: DEBITOREN, settings, createdAt, exportedBy: 'x', fiscalYearStart: '2026-01-01', period: null, label: 'Abowerk Debitoren' }, () => {});
    const text = [header.join(';'), DEBITOREN_HEADINGS, ...[mueller, zoe, acme].map((c) => debitorLine(settings, c, () => {}))].join('\r\n') + '\r\n';
    expect(f.bytes.equals(iconv.encode(text, 'win1252'))).toBe(true);
    const file = readExtf(f.bytes);
    expect([file.info.category, file.info.formatName, file.info.formatVersion]).toEqual([16, 'Debitoren/Kreditoren', 5]);
    expect(file.headings).toHaveLength(254);
    expect(file.rows).toHaveLength(3);
    for (const r of file.rows) expect(r).toHaveLength(254);
    const [m, z, a] = file.rows;
    expect([m![0]!.value, m![1]!.value, m![6]!.value, m![15]!.value, m![17]!.value, m![18]!.value, m![44]!.value, m![98]!.value]).toEqual([
      '10001', 'Müller GmbH', '2', 'Hauptstr. 1', '50667', 'Köln', 'DE12500105170648489890', 'K00001',
    ]);
    expect([z![3]!.value, z![4]!.value, z![6]!.value]).toEqual(['Lukasiewicz', 'Zoë', '1']);
    expect([a![8]!.value, a![9]!.value]).toEqual(['NL', '123456789B01']);
    expect(warnings).toHaveLength(1);
  });
});
