// DATEV export of 100 000 bookings (50 000 invoices + 50 000 payments): booking rules, EXTF
// formatting, Windows-1252 encoding and writing the file, compared in the same run with
// writing the same pre-formatted lines with iconv-lite and fs alone → `bench datev.ratio`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { addDays } from '../../shared/dates';
import { Decimal } from '../../shared/money';
import type { DatevCustomer, LedgerItem } from '../../main/datev/model';
import { bookingsFor, defaultSettings } from '../../main/datev/rules';
import { bookAndWrite, writeBuchungsstapel } from '../../main/datev/writer';
import { median, report, settledTimeMs, timeMs, type Bench } from './support';

const COUNT = 100_000;

function items(): LedgerItem[] {
  const out: LedgerItem[] = [];
  const customers: DatevCustomer[] = Array.from({ length: 1000 }, (_, i) => ({
    id: i + 1,
    number: `K${String(i + 1).padStart(5, '0')}`,
    kind: 'COMPANY',
    companyName: `Müller & Söhne Handel ${i + 1} GmbH`,
    firstName: null,
    lastName: null,
    street: 'Hauptstraße 1',
    zip: '50667',
    city: 'Köln',
    country: 'DE',
    email: null,
    phone: null,
    vatId: null,
    iban: null,
    bic: null,
    language: 'de',
    paymentTermsDays: 14,
    debitorAccount: String(10001 + i),
  }));
  for (let i = 0; i < COUNT / 2; i++) {
    const date = addDays('2026-01-01', i % 365);
    const number = `RE-2026-${String(i + 1).padStart(6, '0')}`;
    const customer = customers[i % customers.length]!;
    out.push({
      source: 'DOCUMENT',
      entryId: 2 * i + 1,
      documentKind: 'INVOICE',
      date,
      number,
      cancelsNumber: null,
      customer,
      recipientVatId: null,
      currency: 'EUR',
      dueDate: addDays(date, 14),
      serviceDate: date,
      parts: [{ taxGroupCode: 'DE_STANDARD', treatment: 'STANDARD', rate: '19', account: null, net: new Decimal(100 + (i % 900)).plus('0.42'), tax: new Decimal(19 + (i % 171)).plus('0.08') }],
    });
    out.push({
      source: 'ENTRY',
      entryId: 2 * i + 2,
      type: 'PAYMENT',
      date,
      amount: new Decimal(-(119 + (i % 1071))).minus('0.5'),
      text: 'Überweisung',
      reference: null,
      customer,
      currency: 'EUR',
      bankAccount: null,
      viaBank: true,
      reversal: false,
      allocations: [{ invoiceNumber: number, amount: new Decimal(119 + (i % 1071)).plus('0.5') }],
    });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.entryId - b.entryId));
}

export const datevBench: Bench = {
  name: 'datev',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'abowerk-datev-bench-'));
    try {
      const settings = { ...defaultSettings('SKR03'), consultantNumber: 1001, clientNumber: 1 };
      const ledger = items();
      const batch = { settings, from: '2026-01-01', to: '2026-12-31', createdAt: '2027-01-05T08:00:00Z', exportedBy: 'bench', sandbox: false } as const;
      // What the export service does after reading the ledger: book, write, add up, save.
      const exportOnce = (): Buffer[] => {
        const { files } = bookAndWrite(ledger, batch, 'bench', true);
        files.forEach((f, i) => writeFileSync(join(dir, `ours-${i}.csv`), f.bytes));
        return files.map((f) => f.bytes);
      };
      const reference = exportOnce();
      if (reference.length !== 2) throw new Error(`erwartet 2 Teil-Stapel (99 998 + 2 002 Buchungen), erhalten ${reference.length}`);
      // The same lines, already formatted, written with iconv-lite and fs only.
      const lines = reference.map((b) => iconv.decode(b, 'win1252'));
      const baselineOnce = (): void => {
        lines.forEach((text, i) => writeFileSync(join(dir, `plain-${i}.csv`), iconv.encode(text, 'win1252')));
      };
      // Where the time goes: booking rules alone and the writer alone (reported, not in the ratio).
      const { bookings } = bookingsFor(ledger, settings, 'bench');
      const rulesOnly = await timeMs(() => bookingsFor(ledger, settings, 'bench'));
      const writeOnly = await timeMs(() => writeBuchungsstapel({ ...batch, bookings }));
      const ours: number[] = [];
      const plain: number[] = [];
      for (let round = 0; round < 9; round++) {
        plain.push(await settledTimeMs(baselineOnce));
        ours.push(await settledTimeMs(exportOnce));
      }
      const o = median(ours);
      const p = median(plain);
      report('datev.export100k', o, 'ms');
      report('datev.plainWrite100k', p, 'ms');
      report('datev.rules100k', rulesOnly, 'ms');
      report('datev.format100k', writeOnly, 'ms');
      report('datev.ratio', o / p, 'x');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
