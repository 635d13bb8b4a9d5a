import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookPaymentIn } from '../../../main/ledger/service';
import { dec, fromCents, toCents } from '../../../shared/money';
import { createTestCompany } from '../../support/company';
import { aCatalog, aContract, anArticle, anItem, billOn } from './support';

const scenario = fc.record({
  contracts: fc.array(
    fc.record({
      startMonth: fc.integer({ min: 1, max: 3 }),
      startDay: fc.integer({ min: 1, max: 28 }),
      items: fc.array(fc.record({ priceCents: fc.integer({ min: 1, max: 99_999 }), quantity: fc.constantFrom('1', '2', '0.5', '3'), reduced: fc.boolean() }), { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  runDays: fc.uniqueArray(fc.integer({ min: 0, max: 150 }), { minLength: 1, maxLength: 4 }),
  cancel: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  pay: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 12 }),
});

const day = (offset: number) => new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10);

describe('billing properties on a real company file', () => {
  let seenInvoices = 0;
  let seenStornos = 0;
  let seenPayments = 0;
  it('ledger sum = invoices − cancellations − payments; gross = net + tax; a storno negates every figure', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const t = await createTestCompany({ now: '2026-01-01T09:00:00Z' });
        try {
          const cat = await aCatalog(t);
          for (const c of s.contracts) {
            const start = `2026-0${c.startMonth}-${String(c.startDay).padStart(2, '0')}`;
            const contract = await aContract(t, cat, { startDate: start });
            for (const i of c.items) {
              const article = await anArticle(t, cat, fromCents(i.priceCents).toFixed(2), i.reduced ? { productGroupId: cat.reduced } : {});
              await t.call('contracts.addItem', { contractId: contract.id, item: anItem(article, start, { quantity: i.quantity }) });
            }
          }
          const db = t.session.company().db;
          let paid = 0;
          for (const d of [...s.runDays].sort((a, b) => a - b)) {
            const date = day(d);
            const run = await billOn(t, date);
            seenInvoices += run.invoicesCreated;
            expect(run.errors).toEqual([]);
            for (const [k, id] of run.invoiceIds.entries()) {
              const inv = await t.call('invoices.get', { id });
              if (s.cancel[k % 12]) {
                await t.call('invoices.cancel', { id, date });
                seenStornos += 1;
              } else if ((s.pay[k % 12] ?? 0) > 0 && inv.gross !== '0.00') {
                const cents = Math.floor(toCents(dec(inv.open)) / (s.pay[k % 12] ?? 1));
                if (cents > 0) {
                  paid += cents;
                  seenPayments += 1;
                  await db.transaction(async () => bookPaymentIn(db.raw, { customerId: inv.customerId, date, amountCents: cents, text: 'Zahlung', invoiceIds: [id] }, { actor: 't', at: `${date}T10:00:00Z` }));
                }
              }
            }
          }
          const raw = db.raw;
          const sums = raw
            .prepare(
              `SELECT (SELECT coalesce(sum(amount_cents), 0) FROM account_entry) AS ledger,
                      (SELECT coalesce(sum(gross_cents), 0) FROM invoice WHERE kind <> 'CANCELLATION') AS issued,
                      (SELECT coalesce(sum(gross_cents), 0) FROM invoice WHERE kind = 'CANCELLATION') AS cancelled`,
            )
            .get() as { ledger: number; issued: number; cancelled: number };
          expect(sums.ledger).toBe(sums.issued + sums.cancelled - paid);
          const bad = raw
            .prepare(
              `SELECT i.number FROM invoice i WHERE i.gross_cents <> i.net_cents + i.tax_cents
                 OR i.net_cents <> (SELECT sum(net_cents) FROM invoice_line l WHERE l.invoice_id = i.id)
                 OR i.tax_cents <> (SELECT sum(tax_cents) FROM invoice_tax x WHERE x.invoice_id = i.id)
                 OR i.net_cents <> (SELECT sum(net_cents) FROM invoice_tax x WHERE x.invoice_id = i.id)`,
            )
            .all();
          expect(bad).toEqual([]);
          const stornos = raw.prepare(`SELECT id, cancels_invoice_id AS o FROM invoice WHERE kind = 'CANCELLATION'`).all() as { id: number; o: number }[];
          for (const st of stornos) {
            const [a, b] = [await t.call('invoices.get', { id: st.o }), await t.call('invoices.get', { id: st.id })];
            const neg = (v: string) => (v.startsWith('-') ? v.slice(1) : v === '0.00' ? v : `-${v}`);
            expect([b.net, b.tax, b.gross]).toEqual([a.net, a.tax, a.gross].map(neg));
            expect(b.lines.map((l) => l.net)).toEqual(a.lines.map((l) => neg(l.net)));
            expect(b.taxes.map((x) => x.tax)).toEqual(a.taxes.map((x) => neg(x.tax)));
            expect(a.status).toBe('CANCELLED');
          }
          const over = raw
            .prepare(
              `SELECT e.id FROM account_entry e WHERE abs(e.amount_cents) < (SELECT coalesce(sum(a.amount_cents), 0) FROM allocation a WHERE a.credit_entry_id = e.id OR a.debit_entry_id = e.id)`,
            )
            .all();
          expect(over).toEqual([]);
        } finally {
          await t.close();
        }
      }),
      { numRuns: 10 },
    );
    // The generated scenarios did exercise invoices, cancellations and payments.
    expect([seenInvoices > 0, seenStornos > 0, seenPayments > 0]).toEqual([true, true, true]);
  });
});
