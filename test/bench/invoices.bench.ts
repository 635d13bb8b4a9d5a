// 100 000 invoices, a third paid and a fifth partly paid: the first page of Fakturierung →
// Rechnungen (50 rows) as the UI asks for it, through the router, plain, filtered by status
// and searched by customer (each the median of 30 calls); then the whole month exported to
// DATEV through the router (reading the ledger, booking, writing, keeping the history).
import { baseline, prepared } from './billing.bench';
import { defaultSettings } from '../../main/datev/rules';
import { medianMs, report, timeMs, type Bench } from './support';

const COUNT = 100_000;

function pay(t: Awaited<ReturnType<typeof prepared>>): void {
  const raw = t.session.company().db.raw;
  const invoices = raw.prepare(`SELECT e.id AS entry_id, e.account_id, i.gross_cents, i.id FROM invoice i JOIN account_entry e ON e.invoice_id = i.id AND e.type = 'INVOICE'`).all() as {
    entry_id: number;
    account_id: number;
    gross_cents: number;
    id: number;
  }[];
  const payment = raw.prepare(`INSERT INTO account_entry(account_id, type, entry_date, amount_cents, text, created_by, created_at) VALUES (?, 'PAYMENT', '2026-03-10', ?, 'Zahlung', 'bench', '2026-03-10T09:00:00Z')`);
  const allocate = raw.prepare(`INSERT INTO allocation(credit_entry_id, debit_entry_id, amount_cents, created_at) VALUES (?, ?, ?, '2026-03-10T09:00:00Z')`);
  raw.transaction(() => {
    for (const inv of invoices) {
      const cents = inv.id % 3 === 0 ? inv.gross_cents : inv.id % 5 === 0 ? Math.floor(inv.gross_cents / 2) : 0;
      if (cents === 0) continue;
      const credit = Number(payment.run(inv.account_id, -cents).lastInsertRowid);
      allocate.run(credit, inv.entry_id, cents);
    }
  })();
}

export const invoicesBench: Bench = {
  name: 'invoices',
  async run() {
    const t = await prepared(COUNT);
    try {
      baseline(t, COUNT);
      pay(t);
      report('invoices.list.median', await medianMs(30, () => t.call('invoices.list', { limit: 50 })), 'ms');
      report('invoices.listOpen.median', await medianMs(30, () => t.call('invoices.list', { status: 'OPEN', limit: 50 })), 'ms');
      report('invoices.searchCustomer.median', await medianMs(30, () => t.call('invoices.list', { customer: 'Kunde 4711', limit: 50 })), 'ms');
      // Sachkontenlänge 5: the seeded customers carry six-digit debitor accounts.
      await t.call('datev.settings.save', { settings: { ...defaultSettings('SKR03', 5), consultantNumber: 1001, clientNumber: 1 } });
      const month = { from: '2026-03-01', to: '2026-03-31', onlyNew: false } as const;
      let bookings = 0;
      report('datev.preview.month', await timeMs(async () => (bookings = (await t.call('datev.preview', month)).bookingCount)), 'ms');
      report('datev.export.month', await timeMs(() => t.call('datev.export', { ...month, confirmReexport: false })), 'ms');
      report('datev.export.bookings', bookings, 'bookings');
    } finally {
      await t.close();
    }
  },
};
